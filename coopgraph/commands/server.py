"""`coopgraph server start|stop|status|logs`: a local Neo4j from Maven Central jars, no Docker needed."""

from __future__ import annotations

from pathlib import Path

import click

from coopgraph.commands.options import CONTEXT_SETTINGS, CoopgraphGroup, home_option, port_options
from coopgraph.graph.server import LocalServer, ServerStatus, default_home, find_java, format_bytes
from coopgraph.graph.settings import Neo4jSettings, ensure_password, load_settings

NOT_RUNNING_EXIT = 3  # LSB `status` convention: program is not running


def load_server(home: Path | None, settings: Neo4jSettings) -> LocalServer:
    return LocalServer(
        home=home or default_home(),
        bolt_port=settings.bolt_port,
        http_port=settings.http_port,
        password=settings.password,
    )


@click.group(cls=CoopgraphGroup, context_settings=CONTEXT_SETTINGS)
def server() -> None:
    """Run a local Neo4j 5 community server (Bolt and HTTP on 127.0.0.1 only).

    The first start downloads Neo4j and Neo4j Browser from Maven Central with `mvn` (~140 MB, once) into
    the cache folder; Java 17+ is needed.

    Example:

        coopgraph server start && coopgraph server status
    """


@server.command()
@home_option
@port_options
def start(home: Path | None, bolt_port: int | None, http_port: int | None) -> None:
    """Start Neo4j in the background and wait until Bolt answers.

    Without NEO4J_PASSWORD (env or .env) on the first start, a password is generated into ./.env (mode 0600).

    Example:

        NEO4J_BOLT_PORT=17687 NEO4J_HTTP_PORT=17474 coopgraph server start
    """
    settings = load_settings(bolt_port=bolt_port, http_port=http_port)
    local = load_server(home, settings)
    find_java()  # before generating a password or downloading anything
    if not local.is_running() and not local.is_initialised():
        settings, generated = ensure_password(settings)
        local.password = settings.password
        if generated:
            click.echo("No NEO4J_PASSWORD was set: generated one into ./.env (readable by you only).")
    if not local.is_installed():
        click.echo(
            f"Downloading Neo4j {local.version} and Browser {local.browser_version} from Maven Central "
            f"into {local.home} (once, ~140 MB)..."
        )
    result = local.start()
    status = local.status()
    if result.already_running:
        click.echo(f"Neo4j is already running (pid {result.pid}) at {status.bolt_uri}; Browser {status.browser_url}")
        return
    click.echo(
        f"Neo4j {status.version} started in {result.seconds:.1f} s (pid {result.pid}): {status.bolt_uri}, "
        f"Browser {status.browser_url}"
    )
    if not settings.password:
        click.echo(
            f"Note: NEO4J_PASSWORD is not set here, but {local.home} was initialised earlier: put its "
            "password into ./.env for `coopgraph db` commands."
        )


@server.command()
@home_option
def stop(home: Path | None) -> None:
    """Stop the local Neo4j (SIGTERM, then SIGKILL if it has not exited within a minute).

    Example:

        coopgraph server stop
    """
    local = LocalServer(home=home or default_home())
    click.echo("Neo4j stopped." if local.stop() else "Neo4j is not running.")


@server.command()
@home_option
@port_options
def status(home: Path | None, bolt_port: int | None, http_port: int | None) -> None:
    """Print whether Neo4j runs, its version, Bolt URI, Browser URL and database size (exit 3 if stopped).

    Example:

        coopgraph server status
    """
    settings = load_settings(bolt_port=bolt_port, http_port=http_port)
    state = load_server(home, settings).status()
    click.echo(format_status(state))
    if not state.running:
        click.get_current_context().exit(NOT_RUNNING_EXIT)


def format_status(state: ServerStatus) -> str:
    rows = [
        ("state", f"running (pid {state.pid})" if state.running else "not running"),
        ("neo4j", f"{state.version} community" if state.version else "not installed yet"),
        ("browser", state.browser_version or "-"),
        ("bolt", state.bolt_uri),
        ("browser url", state.browser_url),
        (
            "database size",
            f"{format_bytes(state.store_bytes)} store + {format_bytes(state.tx_log_bytes)} "
            "transaction logs (database neo4j)",
        ),
        ("home", str(state.home)),
    ]
    return "\n".join(f"{name:<14}{value}" for name, value in rows)


@server.command()
@home_option
@click.option("-n", "--lines", type=click.IntRange(1), default=50, show_default=True, help="How many lines.")
def logs(home: Path | None, lines: int) -> None:
    """Print the last lines of the server's console log.

    Example:

        coopgraph server logs -n 100
    """
    local = LocalServer(home=home or default_home())
    tail = local.read_log(lines)
    if not tail:
        raise click.ClickException(f"no log yet at {local.log_file}: start the server first")
    click.echo("\n".join(tail))


COMMANDS = (server,)
