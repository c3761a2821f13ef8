"""The write paths at scale: the transactional path growing a graph, 100 new articles into small and large, bulk."""

from __future__ import annotations

import functools
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from itertools import islice

from bench.common import INGESTED, Bench, log, median, peak_rss_mb, reset_graph
from bench.loading import load_real

INCREMENT_BASE = 200_000  # "new" articles: indices no other stage loads
INCREMENT_SIZE = 100
INCREMENT_SETS = 3  # three disjoint sets of 100, the same three into each graph; the ratio is their median


def _facts(seed: int, i: int):
    from bench.corpus import article_facts

    return article_facts(seed, i)


def facts_stream(seed: int, start: int, stop: int) -> Iterator:
    """Gold facts of articles start..stop, generated in 2 processes (generation costs more than loading)."""
    with multiprocessing.get_context("fork").Pool(2) as pool:
        for facts in pool.imap(functools.partial(_facts, seed), range(start, stop), chunksize=200):
            if facts is not None:
                yield facts


def grow(
    bench: Bench, seed: int, target: int, budget_s: float, step: int, at: dict[int, Callable[[int], None]]
) -> dict:
    """Load articles 0.. through the transactional path (`coopgraph ingest`'s pipeline), `step` at a time,
    until `target` articles or `budget_s` seconds of loading; `at[size]` runs when the graph reaches size."""
    reset_graph(bench)
    stream = facts_stream(seed, 0, target)
    sizes = sorted(set(list(at) + list(range(step, target + 1, step))))
    steps, loaded, began = [], 0, time.perf_counter()
    for size in sizes:
        if size <= loaded:
            continue
        run = load_real(bench, islice(stream, size - loaded), chunk=2000)
        steps.append({"from": loaded, "to": loaded + run.articles, "rows": run.rows, "seconds": run.seconds})
        loaded += run.articles
        log(
            f"transactional path to {loaded}: {run.rel_per_s:.0f} rel/s, {1000 * run.seconds / run.articles:.2f} "
            f"ms/article over the last {run.articles} (wall {time.perf_counter() - began:.0f} s)"
        )
        if size in at:
            at[size](loaded)
        # the budget is loading time: the queries and increments at a checkpoint do not count
        if sum(x["seconds"] for x in steps) > budget_s or run.articles < size - steps[-1]["from"]:
            break
    stream.close()
    return summarise_growth(steps, step)


def summarise_growth(steps: list[dict], step: int) -> dict:
    """Overall rate, and the rate per `step` articles (checkpoint blocks folded into their step)."""
    per_step: dict[int, dict] = {}
    for s in steps:
        block = per_step.setdefault((s["to"] - 1) // step, {"articles": 0, "rows": 0, "seconds": 0.0})
        block["articles"] += s["to"] - s["from"]
        block["rows"] += s["rows"]
        block["seconds"] += s["seconds"]
    blocks = [
        dict(b, to=(k + 1) * step, rel_s=b["rows"] / b["seconds"], ms_per_article=1000 * b["seconds"] / b["articles"])
        for k, b in sorted(per_step.items())
    ]
    rows, seconds = sum(s["rows"] for s in steps), sum(s["seconds"] for s in steps)
    return {
        "articles": steps[-1]["to"] if steps else 0,
        "rows": rows,
        "seconds": seconds,
        "rel_s": rows / seconds if seconds else 0.0,
        "blocks": blocks,
        "last_vs_first": blocks[-1]["ms_per_article"] / blocks[0]["ms_per_article"] if len(blocks) > 1 else 1.0,
    }


def increment(bench: Bench, seed: int) -> list[float]:
    """Seconds to ingest each of the sets of 100 new articles (summaries included), facts given."""
    seconds = []
    # one set more first, not counted: a graph just grown or imported has new statistics, and the
    # server replans the writer's statements once (seconds on a busy machine)
    for k in range(INCREMENT_SETS + 1):
        start = INCREMENT_BASE + k * INCREMENT_SIZE
        facts = _sequential(seed, start)
        run = load_real(bench, facts, chunk=len(facts))
        if run.statuses.get("new") != len(facts):
            raise RuntimeError(f"increment: {run.statuses}")
        seconds.append(run.seconds)
    seconds = seconds[1:]
    log(f"100 new articles: {', '.join(f'{s:.2f}' for s in seconds)} s")
    return seconds


def _sequential(seed: int, start: int) -> list:
    return [f for f in (_facts(seed, i) for i in range(start, start + INCREMENT_SIZE)) if f is not None]


def bulk(bench: Bench, seed: int, n: int) -> dict:
    """The first load of n articles by `coopgraph ingest --bulk`'s library function, facts given."""
    from coopgraph.bulkload import bulk_load_facts
    from coopgraph.graph.schema import wipe_data

    wipe_data(bench.driver, bench.database)
    t0 = time.perf_counter()
    run = bulk_load_facts(facts_stream(seed, 0, n), bench.driver, bench.server, bench.database, ingested=INGESTED)
    wall = time.perf_counter() - t0
    bench.reconnect()
    b = run.bulk
    write_s = b.stats.fold_seconds + b.csv_seconds + b.import_seconds
    log(
        f"bulk: {b.stats.articles} articles, {b.stats.rows} relationship rows, {b.stats.relationships} relationships "
        f"created; fold {b.stats.fold_seconds:.0f} s + files {b.csv_seconds:.0f} s + neo4j-admin "
        f"{b.import_seconds:.0f} s ({b.stats.rows / write_s:.0f} rows/s); restart and schema "
        f"{b.restart_seconds:.0f} s; wall with generation {wall:.0f} s"
    )
    return {
        "articles": b.stats.articles,
        "rows": b.stats.rows,
        "nodes": b.stats.nodes,
        "relationships": b.stats.relationships,
        "fold_s": b.stats.fold_seconds,
        "csv_s": b.csv_seconds,
        "import_s": b.import_seconds,
        "write_s": write_s,
        "rel_s": b.stats.rows / write_s,
        "import_rel_s": b.stats.relationships / b.import_seconds,
        "restart_s": b.restart_seconds,
        "wall_s": wall,
        "rss_mb": peak_rss_mb(),
    }


def incremental_ratio(small: list[float], large: list[float]) -> float:
    return median([b / a for a, b in zip(small, large)])


def grow_budget(default: float) -> float:
    return float(os.environ.get("COOPGRAPH_BENCH_GROW_S", default))
