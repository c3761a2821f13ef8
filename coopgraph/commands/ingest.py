"""`coopgraph ingest`: the ingest pipeline (coopgraph.pipeline) with a progress bar and a closing summary."""

from __future__ import annotations

import sys
from collections import Counter
from typing import Any

import click

from coopgraph.commands.options import budget_options, neo4j_options
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
    paths: tuple[str, ...], driver: Any, database: str | None, options: IngestOptions
) -> IngestReport:
    """The pipeline, with a progress bar on a terminal (none in logs and CI)."""
    progress = make_progress(1)
    with progress:
        task = progress.add_task("extract" if options.dry_run else "ingest", total=None)
        pipeline = IngestPipeline(driver, database, options, progress=lambda: progress.advance(task))
        return pipeline.run(paths, on_read=lambda total: progress.update(task, total=total))


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
    )
    driver = None
    if not dry_run:
        from coopgraph.graph.connection import open_driver
        from coopgraph.graph.schema import missing_setup

        driver = open_driver(settings)
        for warning in missing_setup(driver, settings.database):
            click.echo(f"warning: {warning}", err=True)
    try:
        report = run_with_progress(paths, driver, settings.database, options)
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


COMMANDS = (ingest,)
