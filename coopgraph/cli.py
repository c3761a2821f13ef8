"""The `coopgraph` command line: a thin click group; each command family lives in coopgraph/commands/."""
from __future__ import annotations

import importlib

import click

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# Each module registers its commands on `cli`; listed here so that one failing import names itself.
COMMAND_MODULES = ["server", "db", "extract", "evaluate", "ingest", "query", "report", "browser"]


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="coopgraph")
def cli() -> None:
    """Build and explore a knowledge graph of interregional cooperation.

    Example:

        coopgraph server start && coopgraph db init && coopgraph db status
    """


for _name in COMMAND_MODULES:
    importlib.import_module(f"coopgraph.commands.{_name}").register(cli)


def main() -> None:
    cli()
