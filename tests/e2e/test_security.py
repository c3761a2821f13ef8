"""Security on the real server: injection through every query parameter, read-only ad-hoc Cypher, no password leaks."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from neo4j.exceptions import Neo4jError

import coopgraph.library as queries_mod
from coopgraph.cli import cli
from coopgraph.graph.load import dump_graph
from coopgraph.library import load_library, run_query

LIBRARY = load_library()
INJECTIONS = [
    '"}) DETACH DELETE n //',
    "'}) MATCH (n) DETACH DELETE n //",
    "x` DETACH DELETE n //",
    "Курганская область' OR 1=1 WITH 1 AS x MATCH (n) DETACH DELETE n //",
    "$region} ) ; MATCH (n) SET n.pwned = true",
    "*:* OR name:* AND NOT ~ \\ )",
]
PARAMETERS = [(q.name, p.name) for q in LIBRARY for p in q.params]


@pytest.fixture
def seeded(seed_graph, _seed_graph_state):
    """The seed graph and its dump, which every test here must leave as it was."""
    driver, database = seed_graph
    if "dump" not in _seed_graph_state:  # the graph is built the same way every time: one dump will do
        _seed_graph_state["dump"] = dump_graph(driver, database)
    return driver, database, _seed_graph_state["dump"]


def cli_env(settings, password: str | None = None) -> dict[str, str]:
    return {
        "NEO4J_URI": settings.uri,
        "NEO4J_USER": settings.user,
        "NEO4J_PASSWORD": settings.password if password is None else password,
        "NEO4J_DATABASE": settings.database,
    }


def invoke(settings, *args: str, password: str | None = None):
    return CliRunner().invoke(cli, list(args), env=cli_env(settings, password))


def test_every_query_has_parameters_to_attack():
    assert len(PARAMETERS) >= 25 and {q for q, _ in PARAMETERS} == {q.name for q in LIBRARY if q.params}


def test_injection_strings_as_raw_values_of_every_library_parameter_change_nothing(seeded):
    driver, database, before = seeded
    ran = 0
    for query_name, param in PARAMETERS:
        query = LIBRARY.get(query_name)
        for value in (INJECTIONS[0], INJECTIONS[1], INJECTIONS[-1]):  # ", ' and Lucene syntax: the rest add time only
            # Straight to the server, past the type checks and the gazetteer: the value is data whatever it says.
            params = dict(query.example_params(), **{param: value})
            try:
                run_query(driver, query, params, database=database)
                ran += 1
            except Neo4jError:
                pass  # a string where the query wants a number is the server's type error, not an injection
    assert ran > len(PARAMETERS)  # most of them did run with the hostile value
    assert dump_graph(driver, database) == before


def test_injection_through_query_run_never_reaches_cypher_text(seeded, neo4j_settings, monkeypatch):
    driver, database, before = seeded
    sent: list[tuple[str, dict]] = []
    real_run_cypher = queries_mod.run_cypher

    def spy(driver, text, params=None, **kwargs):
        sent.append((text, dict(params or {})))
        return real_run_cypher(driver, text, params, **kwargs)

    monkeypatch.setattr(queries_mod, "run_cypher", spy)
    value = INJECTIONS[0]
    for query_name, param in PARAMETERS:
        sent.clear()
        result = invoke(neo4j_settings, "query", "run", query_name, "--example", "-p", param, value)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        if result.exit_code == 0:
            [(text, params)] = sent
            assert text == LIBRARY.get(query_name).body
            assert any(v == value or isinstance(v, list) and value in v for v in params.values())
        else:  # refused before Neo4j: a typed parameter (int, date, a place the gazetteer lacks)
            assert sent == [] and result.exit_code == 1 and result.output.count("\n") == 1, result.output
    assert dump_graph(driver, database) == before


def test_injection_through_cypher_parameters_is_data(seeded, neo4j_settings):
    driver, database, before = seeded
    for value in INJECTIONS:
        result = invoke(
            neo4j_settings,
            "cypher",
            "MATCH (n) WHERE n.name = $v OR n.key = $v WITH count(n) AS n RETURN n, $v AS v",
            "-p",
            "v",
            value,
            "--format",
            "json",
        )
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout) == [{"n": 0, "v": value}]
    # Even with --write, a hostile value is stored as text and does nothing else.
    result = invoke(
        neo4j_settings,
        "cypher",
        "CREATE (p:Probe {v: $v}) RETURN p.v AS v",
        "-p",
        "v",
        INJECTIONS[1],
        "--write",
        "--format",
        "json",
    )
    assert result.exit_code == 0 and json.loads(result.stdout) == [{"v": INJECTIONS[1]}]
    driver.execute_query("MATCH (p:Probe) DELETE p", database_=database)
    assert dump_graph(driver, database) == before


WRITES = [
    "MATCH (r:Region) WITH r LIMIT 1 SET r.pwned = true",
    "MATCH (r:Region) WITH r LIMIT 1 REMOVE r.name",
    "MATCH (r:Region) WITH r LIMIT 1 cReAtE (:Pwned)",
    "MATCH (r:Region {key: 'RU-KGN'}) /* read only */ DETACH\nDELETE r",
    "UNWIND [1] AS x CALL (x) { MERGE (:Pwned {x: x}) } RETURN x",
    "CALL db.createLabel('Pwned')",
]


@pytest.mark.parametrize("statement", WRITES)
def test_cypher_refuses_every_kind_of_write_without_the_write_flag(seeded, neo4j_settings, statement):
    driver, database, before = seeded
    result = invoke(neo4j_settings, "cypher", statement)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "add --write" in result.output and result.output.count("\n") == 1, result.output
    assert dump_graph(driver, database) == before


def test_cypher_read_only_is_the_servers_rule_not_a_keyword_filter(seeded, neo4j_settings):
    # Statements that a keyword filter would refuse run fine: only what they do counts.
    for statement in [
        "RETURN 'CREATE (n) DETACH DELETE n' AS s",
        "MATCH (n:`DELETE`) RETURN count(n) AS s",
        "// SET n.x = 1\nRETURN 1 AS s",
    ]:
        result = invoke(neo4j_settings, "cypher", statement, "--format", "json")
        assert result.exit_code == 0, (statement, result.output)


def test_wrong_password_is_one_clear_line_and_never_echoed(seeded, neo4j_settings, tmp_path):
    driver = seeded[0]
    # A user of its own: after 3 wrong passwords Neo4j locks the user for a few seconds, which must not
    # lock out the user every other test logs in as.
    driver.execute_query(
        "CREATE OR REPLACE USER coopgraph_probe SET PASSWORD $pw CHANGE NOT REQUIRED",
        pw="the-right-one",
        database_="system",
    )
    wrong = "Wr0ng-секрет-pw"
    (tmp_path / "a.txt").write_text("Губернатор Курганской области посетил Петропавловск.", encoding="utf-8")
    try:
        for args in (
            ["ingest", str(tmp_path)],
            ["cypher", "RETURN 1"],
            ["query", "run", "most_active_regions", "--example"],
            ["db", "status"],
            ["report", "region", "Курганская область"],
        ):
            result = invoke(neo4j_settings, *args, "--user", "coopgraph_probe", password=wrong)
            assert result.exit_code == 1 and isinstance(result.exception, SystemExit), (args, result.output)
            assert result.output.count("\n") == 1, (args, result.output)
            assert "rejected user 'coopgraph_probe': wrong password" in result.output, (args, result.output)
            assert wrong not in result.output
    finally:
        driver.execute_query("DROP USER coopgraph_probe IF EXISTS", database_="system")


def test_the_right_password_is_never_printed_either(seeded, neo4j_settings):
    password = neo4j_settings.password
    outputs = [
        invoke(neo4j_settings, *args).output
        for args in (
            ["db", "status"],
            ["cypher", "RETURN 1 AS one"],
            ["cypher", "RETURN $x", "-p", "y", "1"],
            ["query", "run", "most_active_regions", "--example"],
            ["ingest", "--dry-run", "/no/such/file.txt"],
        )
    ]
    assert all(outputs) and not any(password in output for output in outputs)
