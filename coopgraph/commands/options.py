"""Options shared by the commands: connection, ports, output format; each reads its env variable."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from coopgraph.exceptions import CoopgraphError
from coopgraph.graph.settings import DEFAULT_BOLT_PORT, DEFAULT_HTTP_PORT, load_settings
from coopgraph.output import FORMATS

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class CoopgraphGroup(click.Group):
    """A group that prints the library's errors as click does its own: `Error: <one line>`, exit 1.
    Every group uses it, so a subgroup invoked on its own (as the tests do) behaves the same."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CoopgraphError as exc:
            raise click.ClickException(str(exc)) from None


def neo4j_options(command: F) -> F:
    """Add `--uri/--user/--password/--database` and pass the merged `settings: Neo4jSettings` instead."""

    @click.option("--database", envvar="NEO4J_DATABASE", help="Database name [env NEO4J_DATABASE; default neo4j].")
    @click.option("--password", envvar="NEO4J_PASSWORD", help="Password [env NEO4J_PASSWORD or .env].")
    @click.option("--user", envvar="NEO4J_USER", help="User [env NEO4J_USER; default neo4j].")
    @click.option(
        "--uri", envvar="NEO4J_URI", help="Bolt URI [env NEO4J_URI; default bolt://127.0.0.1:$NEO4J_BOLT_PORT]."
    )
    @functools.wraps(command)
    def wrapper(
        *args: Any, uri: str | None, user: str | None, password: str | None, database: str | None, **kwargs: Any
    ) -> Any:
        # Keep the port overrides of `port_options`, if the command has them, in the one settings object.
        ports = {k: kwargs.get(k) for k in ("bolt_port", "http_port")}
        kwargs["settings"] = load_settings(uri=uri, user=user, password=password, database=database, **ports)
        return command(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def port_options(command: F) -> F:
    """Add `--bolt-port/--http-port` for the local server (env NEO4J_BOLT_PORT / NEO4J_HTTP_PORT)."""
    http_help = f"HTTP/Browser port on 127.0.0.1 [env NEO4J_HTTP_PORT; default {DEFAULT_HTTP_PORT}]."
    command = click.option("--http-port", type=click.IntRange(1, 65535), envvar="NEO4J_HTTP_PORT", help=http_help)(
        command
    )
    return click.option(
        "--bolt-port",
        type=click.IntRange(1, 65535),
        envvar="NEO4J_BOLT_PORT",
        help=f"Bolt port on 127.0.0.1 [env NEO4J_BOLT_PORT; default {DEFAULT_BOLT_PORT}].",
    )(command)


def home_option(command: F) -> F:
    """`--home`: the local server's folder (jars, config, data, logs)."""
    return click.option(
        "--home",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Neo4j home (jars, config, data, logs) [default $COOPGRAPH_HOME/neo4j-<version>, "
        "COOPGRAPH_HOME defaulting to ~/.cache/coopgraph].",
    )(command)


def format_option(command: F) -> F:
    """`--format table|json|csv|markdown` for commands that print rows."""
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format."
    )(command)


def output_options(command: F) -> F:
    """`--format`, `-o/--output`, `--limit`, `--timeout` for commands that run Cypher and print rows."""
    command = click.option("--limit", type=click.IntRange(min=0), default=None, help="Return at most N rows.")(command)
    command = click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, writable=True),
        default=None,
        help="Write the rows to FILE instead of the terminal.",
    )(command)
    command = click.option(
        "--timeout",
        type=click.FloatRange(min=0.1),
        default=30.0,
        show_default=True,
        help="Server-side transaction timeout in seconds.",
    )(command)
    return format_option(command)


def min_confidence_option(command: F) -> F:
    """`--min-confidence`: leave out facts less sure than this (queries and reports that list facts)."""
    return click.option(
        "--min-confidence",
        type=click.FloatRange(0.0, 1.0),
        default=None,
        metavar="0-1",
        help="Leave out facts whose confidence (the measured precision of the rule that found them) is "
        "below this; for the queries that list facts (a min_confidence parameter).",
    )(command)


def scheduler_option(command: F) -> F:
    """`--scheduler`: extract on a Dask cluster (README, "Scaling out")."""
    return click.option(
        "--scheduler",
        default=None,
        envvar="COOPGRAPH_SCHEDULER",
        metavar="tcp://HOST:8786",
        help="Extract on this Dask cluster instead of local processes (--workers is then the cluster's; "
        "the time budget holds on it too) [env COOPGRAPH_SCHEDULER].",
    )(command)


def budget_options(command: F) -> F:
    """`--workers` and `--article-timeout` for commands that extract articles."""
    from coopgraph.extraction import DEFAULT_ARTICLE_TIMEOUT

    command = click.option(
        "--article-timeout",
        type=click.FloatRange(min=0.001),
        default=DEFAULT_ARTICLE_TIMEOUT,
        show_default=True,
        envvar="COOPGRAPH_ARTICLE_TIMEOUT",
        help="Seconds one article may take to extract; one over it is skipped and reported "
        "[env COOPGRAPH_ARTICLE_TIMEOUT].",
    )(command)
    return click.option(
        "--workers",
        type=click.IntRange(1, 64),
        default=1,
        show_default=True,
        envvar="COOPGRAPH_WORKERS",
        help="Processes that extract articles in parallel [env COOPGRAPH_WORKERS].",
    )(command)


def query_param_options(command: F) -> F:
    """`-p NAME VALUE` (repeatable) and `--example` for commands that run a library query."""
    command = click.option(
        "--example", is_flag=True, help="Use the query header's example values (-p still overrides)."
    )(command)
    return click.option(
        "-p",
        "--param",
        "params",
        type=(str, str),
        multiple=True,
        metavar="NAME VALUE",
        help="A query parameter value; repeat for each. Place names may be inflected or abbreviated.",
    )(command)
