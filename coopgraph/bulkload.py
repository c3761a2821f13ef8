"""`coopgraph ingest --bulk` as a library: read and extract as usual, then neo4j-admin into the local server."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from coopgraph.exceptions import LoadError
from coopgraph.extraction import Extracted
from coopgraph.pipeline import IngestOptions, IngestReport, make_extractor, read_articles, read_extracted

if TYPE_CHECKING:
    from coopgraph.graph.bulk import BulkGraph, BulkReport
    from coopgraph.graph.server import LocalServer
    from coopgraph.ingest.records import ArticleFacts


@dataclass
class BulkRun:
    """A bulk load: per-article outcomes as `coopgraph ingest` counts them, and the import's figures."""

    report: IngestReport
    bulk: BulkReport | None = None
    csv_dir: Path | None = None  # --csv-only: where the files and neo4j-admin's arguments are
    commands: list[str] = field(default_factory=list)


def gazetteer_places() -> list[Any]:
    from coopgraph.ingest.gazetteer import load_gazetteer

    return list(load_gazetteer().places())


def new_graph(directory: Path, ingested: str) -> BulkGraph:
    from coopgraph.graph.bulk import BulkGraph

    return BulkGraph(directory, ingested, gazetteer_places())


def fold_extracted(
    graph: BulkGraph, items: Iterable[Extracted], report: IngestReport, progress: Callable[[], None]
) -> None:
    """Every extracted article into the graph's files; failures reported one line each, as ingest does."""
    from coopgraph.graph.rows import adapt_facts

    for item in items:
        progress()
        if item.facts is None:
            report.fail(item.article.source, item.error or "extraction failed")
            continue
        try:
            status = graph.add(adapt_facts(item.facts))
        except LoadError as exc:
            report.fail(item.article.source, f"bad extraction output: {exc}")
            continue
        if status == "skipped":
            report.fail(item.article.source, "a second text at a source given before: --bulk keeps the first")
        else:
            report.statuses[status] += 1


def import_graph(graph: BulkGraph, server: LocalServer, database: str) -> BulkReport:
    """Write the folded files, stop the server, import, start it, apply the schema.

    The store is new after the import: a driver opened before it holds bookmarks of transactions the
    new store never had, so the schema goes through a driver of its own, and so must anything after."""
    from coopgraph.graph.bulk import BulkReport, finish_graph, import_into_local_server

    t0 = time.perf_counter()
    stats = graph.finish()
    csv_seconds = time.perf_counter() - t0
    import_seconds, restart_seconds = import_into_local_server(graph, server, database)
    t1 = time.perf_counter()
    import neo4j

    with neo4j.GraphDatabase.driver(server.bolt_uri, auth=("neo4j", server.password or "")) as fresh:
        finish_graph(fresh, database, graph)
    return BulkReport(
        stats,
        csv_seconds=csv_seconds,
        import_seconds=import_seconds,
        restart_seconds=restart_seconds + time.perf_counter() - t1,
    )


def bulk_ingest(
    paths: Iterable[str],
    driver: Any,
    server: LocalServer | None,
    database: str,
    options: IngestOptions | None = None,
    *,
    csv_only: Path | None = None,
    stdin: TextIO | None = None,
    progress: Callable[[], None] = lambda: None,
    facts: bool = False,
) -> BulkRun:
    """Read `paths`, extract (as `coopgraph ingest`), write CSV and import them into the empty database.

    `csv_only`: write the files and neo4j-admin's argument file there and import nothing (the Docker
    route: `docker compose run` runs neo4j-admin on them). Raises BulkRefused before reading anything
    when the database holds data."""
    from coopgraph.graph.bulk import check_empty, work_dir, write_docker_args

    options = options or IngestOptions()
    if driver is not None:
        check_empty(driver, database)
    report = IngestReport()
    started = time.perf_counter()
    if facts:  # extracted before (`coopgraph extract --output-dir`): loaded as they are
        articles, extract = read_extracted(paths, report)
    else:
        articles, extract = read_articles(paths, report, stdin), make_extractor(options)
    report.read_seconds = time.perf_counter() - started
    report.articles = len(articles) + len(report.failures)
    directory = csv_only or work_dir()
    graph = new_graph(directory, options.ingested or date.today().isoformat())
    t0 = time.perf_counter()
    fold_extracted(graph, extract(articles), report, progress)
    report.extract_seconds = time.perf_counter() - t0
    run = BulkRun(report)
    if csv_only is not None:
        graph.finish()
        run.csv_dir, run.commands = csv_only, write_docker_args(graph, database)
    elif server is not None:
        try:
            run.bulk = import_graph(graph, server, database)
        finally:
            from coopgraph.graph.bulk import remove_work_dir

            remove_work_dir(directory)
        report.load_seconds = run.bulk.import_seconds
    report.total_seconds = time.perf_counter() - started
    return run


def bulk_load_facts(
    facts: Iterable[ArticleFacts | None],
    driver: Any,
    server: LocalServer,
    database: str,
    *,
    ingested: str | None = None,
    directory: Path | None = None,
) -> BulkRun:
    """The same bulk load from facts already extracted (`ingest --facts`, the benchmarks)."""
    from coopgraph.graph.bulk import check_empty, remove_work_dir, work_dir

    check_empty(driver, database)
    report = IngestReport()
    path = directory or work_dir()
    graph = new_graph(path, ingested or date.today().isoformat())
    items = (Extracted(f.article, facts=f) for f in facts if f is not None)
    fold_extracted(graph, items, report, lambda: None)
    report.articles = sum(report.statuses.values()) + len(report.failures)
    try:
        bulk = import_graph(graph, server, database)
    finally:
        if directory is None:
            remove_work_dir(path)
    report.load_seconds = bulk.import_seconds
    return BulkRun(report, bulk)
