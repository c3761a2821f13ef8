"""The `coopgraph` command line: a thin click group over the library; each command family in coopgraph/commands/."""

from __future__ import annotations

import importlib

import click

from coopgraph.commands.options import CONTEXT_SETTINGS, CoopgraphGroup

# Each module lists its commands in COMMANDS; imported by name so that one failing import names itself.
COMMAND_MODULES = ("server", "db", "extract", "evaluate", "ingest", "query", "report", "browser", "export")


@click.group(cls=CoopgraphGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="coopgraph")
def cli() -> None:
    """Build and explore a knowledge graph of interregional cooperation.

    Example:

        coopgraph server start && coopgraph db init && coopgraph db status
    """


for _name in COMMAND_MODULES:
    for _command in importlib.import_module(f"coopgraph.commands.{_name}").COMMANDS:
        cli.add_command(_command)


def main() -> None:
    cli()
