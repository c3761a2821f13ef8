"""`coopgraph report region|pair`: canned dossiers as one self-contained HTML file or Markdown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from coopgraph.commands.options import CoopgraphGroup, min_confidence_option, neo4j_options

if TYPE_CHECKING:
    from coopgraph.graph.settings import Neo4jSettings
    from coopgraph.report import Report

F = TypeVar("F", bound=Callable[..., Any])


def resolve_or_fail(ptype: str, value: str) -> str:
    from coopgraph.library import ParamError, resolve_name

    try:
        canonical = resolve_name(ptype, value)
    except ParamError as exc:
        raise click.ClickException(str(exc)) from None
    if canonical != value:
        click.echo(f"resolved {value} → {canonical}", err=True)
    return canonical


def write_report(report: Report, fmt: str, output: str | None) -> None:
    from coopgraph.report import render_report

    text = render_report(report, fmt)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"{report.title}: written to {output}", err=True)
    else:
        click.echo(text)


def report_options(command: F) -> F:
    command = click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, writable=True),
        default=None,
        help="Write the report to FILE (default: print it).",
    )(command)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["html", "md"]),
        default="html",
        show_default=True,
        help="html: one self-contained file with pictures; md: Markdown.",
    )(command)


def build(settings: Neo4jSettings, builder: Callable[..., Report], *args: str, **kwargs: Any) -> Report:
    from neo4j.exceptions import Neo4jError

    from coopgraph.graph.connection import open_driver

    driver = open_driver(settings)
    try:
        with driver:
            return builder(driver, *args, database=settings.database, **kwargs)
    except Neo4jError as exc:
        raise click.ClickException(f"Neo4j: {exc.message} [{exc.code}]") from None


@click.group("report", cls=CoopgraphGroup)
def report_group() -> None:
    """Canned reports: a region dossier or a pair report, every row citing its sources.

    Example:

        coopgraph report region СКО --format html -o sko.html
    """


@report_group.command("region")
@click.argument("name")
@report_options
@min_confidence_option
@neo4j_options
def region_command(
    name: str, fmt: str, output: str | None, min_confidence: float | None, settings: Neo4jSettings
) -> None:
    """A region dossier: partners, visits, documents, trade, officials, graph and activity.

    NAME may be inflected or abbreviated ("СКО", "Курганской области"); a city stands for
    its region. Each row cites the articles and quotes the sentences it comes from.
    --min-confidence applies to the sections that list facts; partners, the graph and the
    activity chart are summaries that count every fact (the report says so).

    Example:

        coopgraph report region "Северо-Казахстанская область" --format html -o sko.html

        coopgraph report region СКО --min-confidence 0.8 --format md
    """
    from coopgraph.report import build_region_report

    region = resolve_or_fail("region", name)
    write_report(build(settings, build_region_report, region, min_confidence=min_confidence), fmt, output)


@report_group.command("pair")
@click.argument("a")
@click.argument("b")
@report_options
@min_confidence_option
@neo4j_options
def pair_command(
    a: str, b: str, fmt: str, output: str | None, min_confidence: float | None, settings: Neo4jSettings
) -> None:
    """What two places did together: documents, visits, exports and imports, trade figures.

    --min-confidence applies to every section; the graph and activity chart count every fact.

    Example:

        coopgraph report pair "Курганская область" СКО --format md -o pair.md
    """
    from coopgraph.report import build_pair_report

    first, second = resolve_or_fail("place", a), resolve_or_fail("place", b)
    if first == second:
        raise click.ClickException(f"a pair needs two different places, got {first!r} twice")
    write_report(build(settings, build_pair_report, first, second, min_confidence=min_confidence), fmt, output)


COMMANDS = (report_group,)
