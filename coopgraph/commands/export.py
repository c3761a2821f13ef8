"""`coopgraph export`: the graph, or a curated query's rows, as GraphML, GEXF or CSV for other graph tools."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from coopgraph.commands.options import neo4j_options, query_param_options
from coopgraph.export import FORMATS
from coopgraph.graph.settings import Neo4jSettings


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="graphml", show_default=True, help="File format.")
@click.option("--query", "query_name", metavar="NAME", default=None, help="Export this library query's rows.")
@query_param_options
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The file to write (for csv: a directory that gets nodes.csv and edges.csv).",
)
@neo4j_options
def export_command(
    fmt: str,
    query_name: str | None,
    params: tuple[tuple[str, str], ...],
    example: bool,
    output: Path,
    settings: Neo4jSettings,
) -> None:
    """Write the graph for Gephi, Cytoscape, yEd or networkx: every entity (labels, name, key, aliases,
    how many articles mention it) and every relationship between entities (type, fact properties,
    support, confidence, dates, and `evidence`: the number of reports behind the fact).

    With --query, the rows of a library query instead: the values that name an entity become nodes,
    each row an edge from its first entity to the others, carrying the row's other columns.

    Example:

        coopgraph export --format graphml -o coopgraph.graphml

        coopgraph export --format gexf --query visits_between -p a СКО -p b "Курганская область" -o visits.gexf
    """
    from coopgraph.commands.query import find_query, parse_cli_params
    from coopgraph.export import query_graph, read_graph, write_graph
    from coopgraph.graph.connection import open_driver
    from coopgraph.library import ParamError, bind_params, resolve_name

    bound: dict[str, Any] = {}
    query = find_query(query_name) if query_name else None
    if query is None and (params or example):
        raise click.ClickException("-p and --example go with --query NAME")
    if query is not None:
        given: dict[str, Any] = query.example_params() if example else {}
        given.update(parse_cli_params(params))
        try:
            bound = bind_params(query, given, resolve_name)
        except ParamError as exc:
            raise click.ClickException(str(exc)) from None
    with open_driver(settings) as driver:
        if query is None:
            graph = read_graph(driver, settings.database)
        else:
            graph = query_graph(driver, settings.database, query, bound)
    written = write_graph(graph, fmt, output)
    nodes, edges = graph.counts()
    click.echo(f"{len(graph.nodes)} nodes and {len(graph.edges)} edges written to {', '.join(map(str, written))}")
    click.echo("nodes: " + ", ".join(f"{k} {v}" for k, v in nodes.items()))
    click.echo("edges: " + ", ".join(f"{k} {v}" for k, v in edges.items()))


COMMANDS = (export_command,)
