"""`coopgraph db init|refresh|status|reset|backup|restore`: the graph's schema, summaries, counts and backups."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from coopgraph.commands.options import CONTEXT_SETTINGS, CoopgraphGroup, home_option, neo4j_options
from coopgraph.graph.connection import open_driver
from coopgraph.graph.schema import GraphCounts, apply_schema, drop_schema, graph_counts, wipe_data
from coopgraph.graph.settings import Neo4jSettings


@click.group(cls=CoopgraphGroup, context_settings=CONTEXT_SETTINGS)
def db() -> None:
    """Manage the graph database: schema, counts, reset, backup and restore.

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
@home_option
@click.option("--yes", is_flag=True, help="Confirm: every node and relationship is deleted.")
@click.option("--schema", "with_schema", is_flag=True, help="Also drop the constraints and indexes.")
@click.option("--no-backup", is_flag=True, help="Do not offer a backup first (in an interactive terminal).")
def reset(settings: Neo4jSettings, home: Path | None, yes: bool, with_schema: bool, no_backup: bool) -> None:
    """Delete all data (for tests and development); refuses without --yes.

    In an interactive terminal it first offers to back the database up (`db backup`), when the
    database is the local server's.

    Example:

        coopgraph db reset --yes && coopgraph db init
    """
    if not yes:
        raise click.ClickException("refusing to delete the whole graph without --yes")
    if not no_backup and is_interactive():
        offer_backup(settings, home)
    with open_driver(settings) as driver:
        deleted = wipe_data(driver, settings.database)
        dropped = drop_schema(driver, settings.database) if with_schema else 0
    click.echo(
        f"Deleted {deleted} nodes from {settings.uri} ({settings.database})"
        + (f" and dropped {dropped} constraints and indexes." if with_schema else ".")
    )


def is_interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def offer_backup(settings: Neo4jSettings, home: Path | None) -> None:
    """Ask before a reset whether to dump the database first; only the local server can be dumped."""
    from coopgraph.commands.server import load_server
    from coopgraph.graph.backup import BackupUnsupported, check_local

    server = load_server(home, settings)
    try:
        check_local(server, settings.uri)
    except BackupUnsupported:
        return
    default = f"coopgraph-backup-{time.strftime('%Y%m%d-%H%M%S')}.dump"
    if not click.confirm("Back the database up before deleting it?", default=True):
        return
    target = Path(click.prompt("Backup file", default=default))
    run_backup(settings, home, target)


def run_backup(settings: Neo4jSettings, home: Path | None, file: Path) -> None:
    from coopgraph.commands.server import load_server
    from coopgraph.graph.backup import backup_database, check_local

    server = load_server(home, settings)
    check_local(server, settings.uri)
    result = backup_database(server, settings.database, file)
    click.echo(
        f"Backed up database {settings.database} into {result.path} ({format_size(result.size)}) in "
        f"{result.seconds:.1f} s" + ("; the server was stopped for it and runs again." if result.downtime else ".")
    )


def format_size(size: int) -> str:
    from coopgraph.graph.server import format_bytes

    return format_bytes(size)


@db.command()
@neo4j_options
@home_option
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup(settings: Neo4jSettings, home: Path | None, file: Path) -> None:
    """Dump the database into FILE with neo4j-admin (the local server is stopped for it, then started).

    The dump holds every committed transaction and nothing else: taken while an ingest runs, it has
    whole articles only (that ingest then reports the articles it could not write: run it again).
    Restore it with `coopgraph db restore FILE`.

    Example:

        coopgraph db backup backups/coopgraph.dump
    """
    run_backup(settings, home, file)


@db.command()
@neo4j_options
@home_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database that is not empty.")
def restore(settings: Neo4jSettings, home: Path | None, file: Path, force: bool) -> None:
    """Replace the database with the dump in FILE (from `db backup`); refuses a non-empty one without --force.

    The local server is stopped for the load and started again.

    Example:

        coopgraph db reset --yes --no-backup && coopgraph db restore backups/coopgraph.dump
    """
    from coopgraph.commands.server import load_server
    from coopgraph.graph.backup import check_local, check_restorable, restore_database

    server = load_server(home, settings)
    check_local(server, settings.uri)
    if server.is_running():
        with open_driver(settings) as driver:
            check_restorable(driver, settings.database, force)
    elif not force:
        raise click.ClickException(
            "the local server is stopped, so whether the database is empty cannot be checked: "
            "start it (coopgraph server start) or pass --force"
        )
    result = restore_database(server, settings.database, file)
    summary = f"Restored database {settings.database} from {result.path} in {result.seconds:.1f} s"
    if not server.is_running():
        click.echo(summary + "; the server stays stopped (coopgraph server start).")
        return
    with open_driver(settings) as driver:
        counts = graph_counts(driver, settings.database)
    click.echo(f"{summary}: {counts.total_nodes} nodes, {counts.total_relationships} relationships.")


COMMANDS = (db,)
