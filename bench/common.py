"""Shared benchmark plumbing: the private Neo4j server, graph reset, timing statistics, RSS."""

from __future__ import annotations

import contextlib
import math
import os
import resource
import secrets
import shutil
import statistics
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BENCH_HOME = Path(os.environ.get("COOPGRAPH_BENCH_HOME", "/tmp/cg-bench"))
BOLT_PORT = int(os.environ.get("COOPGRAPH_BENCH_BOLT_PORT", "47687"))
HTTP_PORT = int(os.environ.get("COOPGRAPH_BENCH_HTTP_PORT", "47474"))
# The same sizes `coopgraph server start` uses, so latencies are what a user's server gives.
HEAP = os.environ.get("COOPGRAPH_BENCH_HEAP", "2g")
PAGECACHE = os.environ.get("COOPGRAPH_BENCH_PAGECACHE", "2g")
DATABASE = "neo4j"
INGESTED = "2025-12-31"  # a fixed ingest date, so two loads of the same facts give the same graph


@dataclass
class Bench:
    driver: object
    server: object
    database: str = DATABASE
    settings: object = None

    def reconnect(self) -> None:
        """A new driver: after a bulk import the store is new, and the old driver's bookmarks are not of it."""
        from coopgraph.graph.connection import open_driver

        self.driver.close()
        self.driver = open_driver(self.settings)


@contextlib.contextmanager
def bench_server() -> Iterator[Bench]:
    """A fresh Neo4j in BENCH_HOME on the bench ports; always stopped (and its data removed) on exit."""
    from coopgraph.graph.connection import open_driver
    from coopgraph.graph.server import LocalServer, default_home
    from coopgraph.graph.settings import Neo4jSettings

    cache = LocalServer(home=default_home())
    if not cache.is_installed():
        log(f"neo4j: downloading Neo4j {cache.version} from Maven Central into {cache.home} (once)")
        cache.install()
    lib = cache.home / "lib"
    home = BENCH_HOME / "neo4j"
    if home.exists():
        stale = LocalServer(home=home, bolt_port=BOLT_PORT, http_port=HTTP_PORT, lib_source=lib)
        stale.stop()  # a crashed earlier bench run: its server, found by this home's own pid file
        shutil.rmtree(home)
    password = secrets.token_urlsafe(16)
    server = LocalServer(
        home=home,
        bolt_port=BOLT_PORT,
        http_port=HTTP_PORT,
        password=password,
        lib_source=lib,
        heap=HEAP,
        pagecache=PAGECACHE,
    )
    started = server.start()
    log(
        f"neo4j: bench server on {server.bolt_uri} (heap {HEAP}, page cache {PAGECACHE}), "
        f"started in {started.seconds:.1f} s"
    )
    bench = None
    try:
        settings = Neo4jSettings(uri=server.bolt_uri, user="neo4j", password=password)
        bench = Bench(driver=open_driver(settings), server=server, settings=settings)
        yield bench
    finally:
        if bench is not None:
            bench.driver.close()
        server.stop()
        shutil.rmtree(home, ignore_errors=True)
        log("neo4j: bench server stopped")


def reset_graph(bench: Bench) -> None:
    """What `coopgraph db init` gives on an empty database: schema plus gazetteer structure."""
    from coopgraph.graph.schema import apply_schema, wipe_data
    from coopgraph.pipeline import load_reference_data

    wipe_data(bench.driver, bench.database)
    apply_schema(bench.driver, bench.database)
    load_reference_data(bench.driver, bench.database)


def count_relationships(bench: Bench) -> int:
    records, _, _ = bench.driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c", database_=bench.database)
    return records[0]["c"]


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list: the ceil(q/100 * n)-th smallest value (the
    95th of 20 runs is the 19th, not the slowest)."""
    ordered = sorted(values)
    rank = math.ceil(round(q / 100 * len(ordered), 9))  # round: 0.95 * 20 must be 19, not 19.000000000000004
    return ordered[max(0, min(len(ordered) - 1, rank - 1))]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set of this process (or of its largest waited-for child), in MB (Linux: KB units)."""
    return resource.getrusage(who).ru_maxrss / 1024


def log(message: str) -> None:
    """Progress goes to stderr: stdout carries only the final table and summary line."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Timer:
    """Wall and CPU seconds of a block: on a shared machine, CPU time shows the work, wall the wait."""

    def __enter__(self) -> Timer:
        self.wall0, self.cpu0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self.wall0
        self.cpu = time.process_time() - self.cpu0
