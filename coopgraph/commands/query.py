"""`coopgraph query list|show|run` over the curated library, and `coopgraph cypher` for ad-hoc read-only Cypher."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from coopgraph.commands.options import (
    CoopgraphGroup,
    format_option,
    min_confidence_option,
    neo4j_options,
    output_options,
    query_param_options,
)
from coopgraph.output import format_rows

if TYPE_CHECKING:
    import neo4j

    from coopgraph.graph.settings import Neo4jSettings
    from coopgraph.library import Library, Query


def load_library_or_fail() -> Library:
    from coopgraph.library import QueryFileError, load_library

    try:
        return load_library()
    except QueryFileError as exc:
        raise click.ClickException(f"bad query file: {exc}") from None


def find_query(name: str) -> Query:
    library = load_library_or_fail()
    try:
        return library.get(name)
    except KeyError as exc:
        raise click.ClickException(exc.args[0]) from None


def parse_cli_params(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    given: dict[str, str] = {}
    for name, value in pairs:
        if name in given:
            raise click.ClickException(f"parameter {name!r} given twice")
        given[name] = value
    return given


def connect(settings: Neo4jSettings) -> neo4j.Driver:
    from coopgraph.graph.connection import open_driver

    return open_driver(settings)


def execute(
    settings: Neo4jSettings, text: str, params: dict[str, Any], **kwargs: Any
) -> tuple[list[str], list[dict[str, Any]]]:
    """Run against the configured server; driver and server errors become one-line user errors."""
    from neo4j.exceptions import AuthError, ClientError, Neo4jError, ServiceUnavailable

    from coopgraph.library import WriteRefused, run_cypher

    driver = connect(settings)  # raises a one-line ClickException when Neo4j cannot be used
    try:
        with driver:
            return run_cypher(driver, text, params, database=settings.database, **kwargs)
    except WriteRefused:
        raise click.ClickException(
            "the statement writes to the graph, and this runs read-only; add --write if you mean it"
        ) from None
    except ServiceUnavailable as exc:
        raise click.ClickException(f"cannot reach Neo4j at {settings.uri}: {exc}") from None
    except AuthError as exc:
        raise click.ClickException(f"Neo4j refused the login for {settings.user!r}: {exc.message}") from None
    except ClientError as exc:
        if "TransactionTimedOut" in (exc.code or "") or "Terminated" in (exc.code or ""):
            raise click.ClickException(f"the query ran past the timeout ({exc.message})") from None
        raise click.ClickException(f"Neo4j: {exc.message} [{exc.code}]") from None
    except Neo4jError as exc:
        raise click.ClickException(f"Neo4j: {exc.message} [{exc.code}]") from None


def emit(rows: list[dict[str, Any]], fmt: str, output: str | None) -> None:
    text = format_rows(rows, fmt)
    if output:
        Path(output).write_text(text + "\n", encoding="utf-8")
        click.echo(f"{len(rows)} rows written to {output}", err=True)
    else:
        click.echo(text)


@click.group("query", cls=CoopgraphGroup)
def query_group() -> None:
    """The curated Cypher library in queries/*.cypher: list, show and run its queries.

    Example:

        coopgraph query run region_profile -p region СКО
    """


@query_group.command("list")
@format_option
def list_queries(fmt: str) -> None:
    """List the queries with their titles and typed parameters.

    Example:

        coopgraph query list --format markdown
    """
    rows = [{"name": q.name, "title": q.title, "params": q.signature()} for q in load_library_or_fail()]
    click.echo(format_rows(rows, fmt))


@query_group.command("show")
@click.argument("name")
def show_query(name: str) -> None:
    """Print a query's header (title, description, parameters with examples) and its Cypher.

    Example:

        coopgraph query show trade_figures
    """
    query = find_query(name)
    click.echo(f"// file: {query.path}")
    click.echo(query.text.rstrip("\n"))


@query_group.command("run")
@click.argument("name")
@query_param_options
@min_confidence_option
@output_options
@neo4j_options
def run_command(
    name: str,
    params: tuple[tuple[str, str], ...],
    example: bool,
    min_confidence: float | None,
    fmt: str,
    output: str | None,
    limit: int | None,
    timeout: float,
    settings: Neo4jSettings,
) -> None:
    """Run a library query in a read transaction and print its rows.

    Parameter values are typed by the query header (string, int, float, bool, date, list,
    place, region, entity); place names go through the gazetteer, so "СКО" and
    "Курганской области" both work. Values always reach Neo4j as $parameters.
    --min-confidence sets the min_confidence parameter of the queries that list facts;
    for any other query it is an error (`coopgraph query list` shows the parameters).

    Example:

        coopgraph query run region_profile -p region "Курганская область" --format table

        coopgraph query run trade_figures --example --format json -o figures.json

        coopgraph query run single_source_facts -p max_support 1 --min-confidence 0.8
    """
    from coopgraph.library import MIN_CONFIDENCE, ParamError, bind_params, resolve_name, set_min_confidence

    query = find_query(name)
    given: dict[str, Any] = query.example_params() if example else {}
    cli_params = parse_cli_params(params)
    given.update(cli_params)
    notes: list[str] = []
    try:
        if min_confidence is not None:
            if MIN_CONFIDENCE in cli_params:
                raise ParamError(f"give {MIN_CONFIDENCE} once: -p {MIN_CONFIDENCE} or --min-confidence")
            set_min_confidence(query, given, min_confidence, load_library_or_fail())
        bound = bind_params(query, given, resolve_name, notes)
    except ParamError as exc:
        raise click.ClickException(str(exc)) from None
    for note in notes:
        click.echo(f"resolved {note}", err=True)
    _keys, rows = execute(
        settings, query.body, bound, write=query.mode == "write", timeout=timeout, limit=limit, quiet=True
    )
    emit(rows, fmt, output)


@click.command("cypher")
@click.argument("statement")
@click.option(
    "-p",
    "--param",
    "params",
    type=(str, str),
    multiple=True,
    metavar="NAME VALUE",
    help="A $parameter; the value is read as JSON when it parses (5, true, [1,2]), else as text.",
)
@click.option("--write", is_flag=True, help="Run in a write transaction (without it the server refuses writes).")
@output_options
@neo4j_options
def cypher_command(
    statement: str,
    params: tuple[tuple[str, str], ...],
    write: bool,
    fmt: str,
    output: str | None,
    limit: int | None,
    timeout: float,
    settings: Neo4jSettings,
) -> None:
    """Run ad-hoc Cypher, read-only unless --write is given. Use "-" to read it from stdin.

    Example:

        coopgraph cypher "MATCH (r:Region)<-[:HOLDS_POSITION]-(p) RETURN r.name, p.name" --limit 5

        coopgraph cypher "MATCH (r:Region {name: \\$name}) RETURN r" -p name "Курганская область"
    """
    if statement == "-":
        statement = sys.stdin.read()
    values = {name: parse_json_or_text(value) for name, value in parse_cli_params(params).items()}
    _keys, rows = execute(settings, statement, values, write=write, timeout=timeout, limit=limit)
    emit(rows, fmt, output)


def parse_json_or_text(value: str) -> Any:
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        return value


COMMANDS = (query_group, cypher_command)
