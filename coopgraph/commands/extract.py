"""`coopgraph extract`: articles in, the spec's entity/relation JSON out."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from coopgraph.commands.options import budget_options, scheduler_option
from coopgraph.output import format_rows

QUALIFIERS = ("title", "date", "commodity", "kind", "value", "currency", "year", "rule", "confidence")


def summary_rows(obj: dict[str, Any]) -> list[dict[str, Any]]:
    """One table row per relation of an extraction output."""
    rows = []
    for r in obj["relations"]:
        quals = {k: r[k] for k in QUALIFIERS if k in r}
        rows.append(
            {
                "source": obj["source"],
                "type": r["type"],
                "from": r["source"],
                "to": r["target"],
                "qualifiers": ", ".join(f"{k}={v}" for k, v in quals.items()),
            }
        )
    return rows


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "table"]),
    default=None,
    help="json for one file, jsonl for several (the default follows the input).",
)
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write the extracted facts, texts included, as JSON Lines shards (facts-00000.jsonl, 1,000 articles "
    "each) into DIR for `coopgraph ingest --facts DIR`, instead of printing them.",
)
@budget_options
@scheduler_option
def extract(
    paths: tuple[str, ...],
    fmt: str | None,
    output_dir: Path | None,
    workers: int,
    article_timeout: float,
    scheduler: str | None,
) -> None:
    """Extract entities and relations from articles (.txt, .html, .json, .jsonl, folders).

    One file prints one JSON object; several files or a folder print JSON Lines, one
    object per article with "source" = the input path. Unreadable articles, and articles that
    take longer than --article-timeout, are reported on stderr and the exit status is 1; the
    rest are still extracted. With --scheduler the articles are extracted on a Dask cluster;
    with --output-dir the facts go to shards that `coopgraph ingest --facts` loads without
    extracting again (extraction on a cluster, loading next to Neo4j).

    Example:

        coopgraph extract seeds/000_d8b8e7c70f541481.txt --format table
    """
    from coopgraph.pipeline import IngestOptions, IngestReport, make_extractor, read_articles

    report = IngestReport()
    articles = read_articles(paths, report)
    single = len(paths) == 1 and Path(paths[0]).is_file()
    fmt = fmt or ("json" if single else "jsonl")
    for source, reason in report.failures:  # one bad record never stops the rest of the file or the batch
        click.echo(f"error: {source}: {reason}", err=True)
    failed = len(report.failures)
    options = IngestOptions(workers=workers, article_timeout=article_timeout, scheduler=scheduler)
    items = make_extractor(options)(articles)
    if output_dir is not None:
        from coopgraph.cluster import write_shards

        items = write_shards(items, output_dir)
    objs = []
    for item in items:
        if item.facts is None:
            click.echo(f"error: {item.article.source}: {item.error}", err=True)
            failed += 1
            continue
        if output_dir is not None:
            continue
        obj = item.facts.to_output()
        if fmt == "jsonl":
            click.echo(json.dumps(obj, ensure_ascii=False))
        else:
            objs.append(obj)
    if output_dir is not None:
        click.echo(f"{len(articles) - failed + len(report.failures)} articles extracted into {output_dir}", err=True)
    elif fmt == "json":
        click.echo(json.dumps(objs[0] if len(objs) == 1 else objs, ensure_ascii=False, indent=1))
    elif fmt == "table":
        click.echo(format_rows([row for o in objs for row in summary_rows(o)], "table"))
    if failed:
        sys.exit(1)


COMMANDS = (extract,)
