"""Every CLI command has -h help with an example; every query file has a name, description and example parameters."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from coopgraph.cli import cli
from coopgraph.library import load_library, queries_dir


def walk_commands(group: click.Group, path: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield path + (name,), command
        if isinstance(command, click.Group):
            yield from walk_commands(command, path + (name,))


COMMANDS = [(), *[p for p, _ in walk_commands(cli)]]


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "coopgraph")
def test_every_command_has_help_with_an_example(path):
    result = CliRunner().invoke(cli, [*path, "-h"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output, f"`coopgraph {' '.join(path)} -h` shows no example"
    # the example is a real command line of this very command
    example = result.output.split("Example:", 1)[1]
    assert "coopgraph " + " ".join(path) in " ".join(example.split())


def test_the_library_commands_are_registered():
    names = {" ".join(p) for p in COMMANDS}
    assert {
        "query list",
        "query show",
        "query run",
        "cypher",
        "report region",
        "report pair",
        "browser export",
    } <= names


QUERIES = list(load_library())


def test_library_has_at_least_15_queries_one_per_file():
    assert len(QUERIES) >= 15
    files = sorted(queries_dir().glob("*.cypher"))
    assert len(files) == len(QUERIES)
    for q in QUERIES:
        assert q.path.stem == q.name, "a query file is named after its query"


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_every_query_has_name_description_and_example_parameters(query):
    assert query.name and query.title and query.mode == "read"
    assert len(query.description) >= 40, "a description says what the rows are"
    assert query.params, "every query takes at least one parameter"
    for p in query.params:
        assert p.example is not None and p.example != "", f"{query.name}: {p.name} has no example"
        assert p.doc, f"{query.name}: parameter {p.name} is not described"
    assert set(query.example_params()) == {p.name for p in query.params}


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_query_show_prints_header_and_cypher(query):
    result = CliRunner().invoke(cli, ["query", "show", query.name])
    assert result.exit_code == 0, result.output
    assert f"// name: {query.name}" in result.output
    assert query.body.strip().splitlines()[-1] in result.output


def test_query_list_names_every_query_with_its_parameters():
    result = CliRunner().invoke(cli, ["query", "list", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "name,title,params"
    assert any(line.startswith("region_profile,") and "region: region" in line for line in lines)
    assert len(lines) == len(QUERIES) + 1
