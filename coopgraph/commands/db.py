"""`coopgraph db init|refresh|status|reset`: the graph's schema, its derived edges and a look at what it holds."""

from __future__ import annotations

import click

from coopgraph.commands.options import CONTEXT_SETTINGS, CoopgraphGroup, neo4j_options
from coopgraph.graph.connection import open_driver
from coopgraph.graph.schema import GraphCounts, apply_schema, drop_schema, graph_counts, wipe_data
from coopgraph.graph.settings import Neo4jSettings


@click.group(cls=CoopgraphGroup, context_settings=CONTEXT_SETTINGS)
def db() -> None:
    """Manage the graph database: schema, counts, reset.

    Connection settings come from NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE (env or .env)
    or the options of each command.

    Example:

        coopgraph db init && coopgraph db status
    """


@db.command()
@neo4j_options
def init(settings: Neo4jSettings) -> None:
    """Create the constraints and indexes of the graph model (idempotent).

    Example:

        coopgraph db init
    """
    with open_driver(settings) as driver:
        report = apply_schema(driver, settings.database)
        from coopgraph.pipeline import load_reference_data

        loaded = load_reference_data(driver, settings.database)
    if report.changed:
        click.echo(
            f"Schema applied to {settings.uri} ({settings.database}): created {len(report.created)} of "
            f"{report.total} constraints and indexes (full-text analyzer: {report.analyzer})."
        )
    else:
        click.echo(
            f"Schema already up to date on {settings.uri} ({settings.database}): {report.total} constraints "
            "and indexes, nothing changed."
        )
    if loaded:
        click.echo(f"Reference data: {loaded} nodes written.")


@db.command()
@neo4j_options
def refresh(settings: Neo4jSettings) -> None:
    """Rebuild the summaries (activity per region and month, partnerships) from the graph's reports.

    Every `coopgraph ingest` keeps them up to date for the articles it loads; a rebuild is only
    needed for a graph loaded before they existed. `region_activity`, `cooperation_network` and
    `region_profile` read them.

    Example:

        coopgraph db refresh
    """
    from coopgraph.graph.derived import refresh_derived

    with open_driver(settings) as driver:
        res = refresh_derived(driver, settings.database)
    click.echo(
        f"Summaries rebuilt on {settings.uri} ({settings.database}): {res.pairs} partnerships "
        f"from {res.facts} facts in {res.seconds:.1f} s."
    )


@db.command()
@neo4j_options
def status(settings: Neo4jSettings) -> None:
    """Print node counts per label and relationship counts per type.

    Example:

        coopgraph db status --uri bolt://127.0.0.1:17687
    """
    with open_driver(settings) as driver:
        counts = graph_counts(driver, settings.database)
    click.echo(f"Graph at {settings.uri} (database {settings.database})")
    click.echo(format_counts(counts))


def format_counts(counts: GraphCounts) -> str:
    left = [("label", "nodes")] + [(k, str(v)) for k, v in counts.nodes.items()] + [("total", str(counts.total_nodes))]
    right = (
        [("relationship", "count")]
        + [(k, str(v)) for k, v in counts.relationships.items()]
        + [("total", str(counts.total_relationships))]
    )
    return format_table(left) + "\n\n" + format_table(right)


def format_table(rows: list[tuple[str, str]]) -> str:
    width = max(len(name) for name, _ in rows)
    digits = max(len(value) for _, value in rows)
    lines = [f"{name:<{width}}  {value:>{digits}}" for name, value in rows]
    rule = "-" * (width + 2 + digits)
    return "\n".join([lines[0], rule, *lines[1:-1], rule, lines[-1]])


@db.command()
@neo4j_options
@click.option("--yes", is_flag=True, help="Confirm: every node and relationship is deleted.")
@click.option("--schema", "with_schema", is_flag=True, help="Also drop the constraints and indexes.")
def reset(settings: Neo4jSettings, yes: bool, with_schema: bool) -> None:
    """Delete all data (for tests and development); refuses without --yes.

    Example:

        coopgraph db reset --yes && coopgraph db init
    """
    if not yes:
        raise click.ClickException("refusing to delete the whole graph without --yes")
    with open_driver(settings) as driver:
        deleted = wipe_data(driver, settings.database)
        dropped = drop_schema(driver, settings.database) if with_schema else 0
    click.echo(
        f"Deleted {deleted} nodes from {settings.uri} ({settings.database})"
        + (f" and dropped {dropped} constraints and indexes." if with_schema else ".")
    )


COMMANDS = (db,)
