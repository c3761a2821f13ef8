"""`coopgraph ingest`: the ingest pipeline (coopgraph.pipeline) with a progress bar and a closing summary."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click

from coopgraph.commands.options import budget_options, home_option, neo4j_options, scheduler_option
from coopgraph.pipeline import IngestOptions, IngestPipeline, IngestReport


def make_progress(total: int) -> Any:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text("-- articles/s" if speed is None else f"{speed:.1f} articles/s", style="cyan")

    console = Console(stderr=True)
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        disable=not console.is_terminal or total == 0,
    )


def run_with_progress(
    paths: tuple[str, ...], driver: Any, database: str | None, options: IngestOptions, facts: bool = False
) -> IngestReport:
    """The pipeline, with a progress bar on a terminal (none in logs and CI)."""
    progress = make_progress(1)
    with progress:
        task = progress.add_task("extract" if options.dry_run else "ingest", total=None)
        pipeline = IngestPipeline(driver, database, options, progress=lambda: progress.advance(task))
        return pipeline.run(paths, on_read=lambda total: progress.update(task, total=total), facts=facts)


NODE_ORDER = ("Article", "Country", "Region", "City", "Person", "Organization", "Document", "Commodity", "Event")
REL_ORDER = (
    "MENTIONS",
    "HOLDS_POSITION",
    "VISITED",
    "SIGNED",
    "PARTY_TO",
    "EXPORTS_TO",
    "TRADE_VOLUME",
    "PARTICIPATED_IN",
)


def format_counts(counts: Counter[str], order: tuple[str, ...]) -> str:
    return ", ".join(f"{n} {counts[n]}" for n in order if counts.get(n)) or "none"


def format_report(report: IngestReport) -> str:
    """The closing summary, plain text (it goes to logs and CI as well as terminals)."""
    rels = sum(report.created[k] for k in REL_ORDER)
    nodes = sum(report.created[k] for k in NODE_ORDER)
    lines = []
    if report.dry_run:
        ok = report.statuses["extracted"]
        lines.append(
            f"Dry run: {report.articles} articles, {ok} extracted, {report.statuses['failed']} failed; "
            "nothing was written."
        )
        lines.append(f"  would merge nodes: {format_counts(report.planned_nodes, NODE_ORDER)}")
        lines.append(f"  would merge relationships: {format_counts(report.planned_facts, REL_ORDER)}")
    else:
        s = report.statuses
        not_loaded = f", not loaded {report.not_loaded}" if report.not_loaded else ""
        lines.append(
            f"Articles: {report.articles} — new {s['new']}, unchanged {s['unchanged']}, "
            f"replaced {s['replaced']}, failed {s['failed']}{not_loaded}"
        )
        lines.append(f"Nodes created: {nodes} ({format_counts(report.created, NODE_ORDER)})")
        lines.append(f"Relationships created: {rels} ({format_counts(report.created, REL_ORDER)})")
        if report.deleted:
            lines.append(f"Deleted (replaced articles): {format_counts(report.deleted, NODE_ORDER + REL_ORDER)}")
    rate = f"{report.articles / report.total_seconds:.1f} articles/s" if report.total_seconds else "-"
    timing = (
        f"Time: {report.total_seconds:.1f} s ({rate}; read {report.read_seconds:.1f} s, "
        f"extract {report.extract_seconds:.1f} s"
    )
    if not report.dry_run:
        load_rate = f", {rels / report.load_seconds:.0f} relationships/s" if report.load_seconds and rels else ""
        timing += f", load {report.load_seconds:.1f} s{load_rate}"
    lines.append(timing + ")")
    return "\n".join(lines)


def format_failures(report: IngestReport, uri: str, verbose: bool = False) -> list[str]:
    """Standard-error lines: one `<source>: <problem>` per failed input, the files skipped for their type,
    one more if Neo4j went away."""
    lines = [f"{source}: {reason}" for source, reason in report.failures]
    lines += skipped_lines(report.skipped, verbose)
    if report.lost:
        lines.append(
            f"Error: lost the connection to Neo4j at {uri}: {report.lost}; {report.not_loaded} "
            "articles were not loaded, none of them partly (each batch is one transaction); "
            "run the same command again once Neo4j is back"
        )
    return lines


def skipped_lines(skipped: list[str], verbose: bool = False, shown: int = 10) -> list[str]:
    """Files of a folder that no reader takes: each named, up to `shown` of them unless `verbose`."""
    if not skipped:
        return []
    named = skipped if verbose or len(skipped) <= shown else skipped[:shown]
    lines = [f"{path}: skipped: not an article type (.txt, .html, .htm, .json, .jsonl)" for path in named]
    if len(named) < len(skipped):
        lines.append(f"... and {len(skipped) - len(named)} more files skipped for their type (--verbose lists them)")
    return lines


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--dry-run", is_flag=True, help="Read and extract, report what would be loaded, write nothing.")
@click.option(
    "--batch-size",
    type=click.IntRange(1, 100_000),
    default=1000,
    show_default=True,
    help="Rows per UNWIND statement inside a write transaction.",
)
@click.option(
    "--batch-articles",
    type=click.IntRange(1, 100_000),
    default=200,
    show_default=True,
    envvar="COOPGRAPH_BATCH_ARTICLES",
    help="New articles written per transaction (fewer once their rows reach 5,000) [env COOPGRAPH_BATCH_ARTICLES].",
)
@budget_options
@click.option(
    "--force", is_flag=True, help="Reload articles even when their text is unchanged (after an extractor change)."
)
@click.option(
    "--bulk",
    is_flag=True,
    help="First load into an empty database: extract, write CSV files and run neo4j-admin's offline import "
    "against the local server (stopped and started again by this command).",
)
@click.option(
    "--csv-only",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="With --bulk: only write the CSV files and neo4j-admin's arguments into DIR (the Docker route; "
    "the commands to run are printed).",
)
@click.option(
    "--facts",
    is_flag=True,
    help="PATHS are extracted facts (`coopgraph extract --output-dir`): load them without extracting again.",
)
@scheduler_option
@home_option
@click.option("-v", "--verbose", is_flag=True, help="Name every file skipped for its type.")
@neo4j_options
def ingest(
    paths: tuple[str, ...],
    dry_run: bool,
    batch_size: int,
    batch_articles: int,
    workers: int,
    article_timeout: float,
    force: bool,
    bulk: bool,
    csv_only: Path | None,
    facts: bool,
    scheduler: str | None,
    home: Path | None,
    verbose: bool,
    settings: Any,
) -> None:
    """Extract facts from articles and load them into Neo4j.

    PATHS are files (.txt, .html, .json, .jsonl), folders, globs, or `-` for JSON Lines on
    standard input (one object per line with "text" and optional "source", "title",
    "published", "outlet", "url"). New articles are written up to --batch-articles per
    transaction, any other change one article per transaction: re-ingesting an unchanged article
    changes nothing, and an article whose text changed at the same source
    replaces what the old text contributed. Each input that fails (unreadable, over the time
    budget, unloadable) gets one line on standard error naming it and the problem, and the exit
    status is 1; the others are still loaded. Files over 5 MB are refused unread; files of other
    types in a folder are named as skipped. Run `coopgraph db init` once before.

    With --bulk, an empty database is loaded offline by neo4j-admin (the same graph, many times
    faster); it refuses a database that holds anything but the gazetteer.

    Example:

        coopgraph ingest --workers 2 seeds/ ../shared/eval/dev/
    """
    options = IngestOptions(
        dry_run=dry_run,
        force=force,
        workers=workers,
        batch_size=batch_size,
        batch_articles=batch_articles,
        article_timeout=article_timeout,
        scheduler=scheduler,
    )
    if bulk or csv_only:
        run_bulk(paths, options, settings, home, csv_only, verbose, facts)
        return
    driver = None
    if not dry_run:
        from coopgraph.graph.connection import open_driver
        from coopgraph.graph.schema import missing_setup

        driver = open_driver(settings)
        for warning in missing_setup(driver, settings.database):
            click.echo(f"warning: {warning}", err=True)
    try:
        report = run_with_progress(paths, driver, settings.database, options, facts)
    finally:
        if driver is not None:
            driver.close()
    click.echo(format_report(report))
    if not dry_run:
        click.echo(f"Browser: {settings.browser_url}")
    for line in format_failures(report, settings.uri, verbose):
        click.echo(line, err=True)
    if report.failures or report.lost:
        sys.exit(1)


def run_bulk(
    paths: tuple[str, ...],
    options: IngestOptions,
    settings: Any,
    home: Path | None,
    csv_only: Path | None,
    verbose: bool,
    facts: bool = False,
) -> None:
    """`ingest --bulk`: refuse a non-empty database first, then extract, import, restart; one summary."""
    from coopgraph.bulkload import bulk_ingest
    from coopgraph.commands.server import load_server
    from coopgraph.graph.bulk import check_empty
    from coopgraph.graph.connection import open_driver

    server = None
    driver = None if csv_only else open_driver(settings)
    try:
        if driver is not None:
            check_empty(driver, settings.database)  # before anything else: one line, nothing touched
            server = load_server(home, settings)
            if not server.is_running() or f":{server.bolt_port}" not in settings.uri:
                raise click.ClickException(
                    f"--bulk imports into the local server at {server.home}, which must be running and serve "
                    f"{settings.uri} (coopgraph server start); for Docker use --csv-only DIR"
                )
        run = bulk_ingest(paths, driver, server, settings.database or "neo4j", options, csv_only=csv_only, facts=facts)
    finally:
        if driver is not None:
            driver.close()
    click.echo(format_bulk(run))
    for line in format_failures(run.report, settings.uri, verbose):
        click.echo(line, err=True)
    if run.report.failures:
        sys.exit(1)


def format_bulk(run: Any) -> str:
    s = run.report.statuses
    lines = [f"Articles: {run.report.articles} — new {s['new']}, unchanged {s['unchanged']}, failed {s['failed']}"]
    if run.bulk is not None:
        b = run.bulk
        rate = b.stats.rows / b.import_seconds if b.import_seconds else 0.0
        lines.append(
            f"Bulk import: {b.stats.nodes} nodes, {b.stats.relationships} relationships in {b.import_seconds:.1f} s "
            f"({rate:.0f} relationship rows/s); CSV {b.csv_seconds:.1f} s, restart and schema {b.restart_seconds:.1f} s"
        )
    if run.csv_dir is not None:
        lines.append(f"CSV files and neo4j-admin arguments in {run.csv_dir}; then run:")
        lines += [f"  {command}" for command in run.commands]
    return "\n".join(lines)


COMMANDS = (ingest,)
