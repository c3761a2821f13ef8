"""The graph schema against a real Neo4j: idempotent init, the objects it creates, counts, reset."""

from __future__ import annotations

import re
from typing import get_args

import pytest
from click.testing import CliRunner
from neo4j.exceptions import ConstraintError

from coopgraph.commands.db import db as db_group
from coopgraph.graph.schema import (
    ENTITY_LABELS,
    FACT_TYPES,
    FULLTEXT_INDEX,
    apply_schema,
    build_schema,
    drop_schema,
    graph_counts,
    list_schema,
)
from coopgraph.ingest.records import EntityType, RelationType


def invoke_db(handle, *args: str):
    options = ["--uri", handle.uri, "--user", handle.user, "--password", handle.password, "--database", handle.database]
    return CliRunner().invoke(db_group, [*args, *options], catch_exceptions=False)


def test_model_names_match_the_extraction_records():
    assert ENTITY_LABELS == get_args(EntityType)
    assert FACT_TYPES == get_args(RelationType)


def expected_created() -> int:
    """Every object of the model, and for each uniqueness constraint the index Neo4j creates to back it."""
    schema = build_schema()
    return len(schema) + sum(1 for obj in schema if obj.kind == "constraint")


def test_init_twice_gives_identical_constraints_and_indexes(db):
    drop_schema(db.driver, db.database)
    first = apply_schema(db.driver, db.database)
    snapshot = list_schema(db.driver, db.database)
    second = apply_schema(db.driver, db.database)
    assert first.changed and len(first.created) == expected_created()
    assert not second.changed and second.total == first.total
    assert list_schema(db.driver, db.database) == snapshot


def test_schema_has_the_model_constraints_and_indexes(db):
    rows = {(kind, row["name"]): row for kind, row in list_schema(db.driver, db.database)}
    for label in ENTITY_LABELS:
        row = rows["constraint", f"{label.lower()}_key"]
        assert (row["type"], row["labelsOrTypes"], row["properties"]) == ("UNIQUENESS", [label], ["key"])
    assert rows["constraint", "article_id"]["properties"] == ["id"]
    for name, prop in (("article_source", "source"), ("article_published", "published"), ("entity_name", "name")):
        assert rows["index", name]["properties"] == [prop]
    for rel in FACT_TYPES:
        row = rows["index", f"{rel.lower()}_last_seen"]
        assert (row["entityType"], row["labelsOrTypes"], row["properties"]) == ("RELATIONSHIP", [rel], ["last_seen"])
        for prop in ("first_seen", "fact_id"):  # new_since, single_source_facts, fact_evidence seek on these
            row = rows["index", f"{rel.lower()}_{prop}"]
            assert (row["entityType"], row["labelsOrTypes"], row["properties"]) == ("RELATIONSHIP", [rel], [prop])
    assert rows["index", "exports_to_commodity_key"]["properties"] == ["commodity_key"]
    fulltext = rows["index", FULLTEXT_INDEX]
    assert (fulltext["type"], fulltext["labelsOrTypes"], fulltext["properties"]) == (
        "FULLTEXT",
        ["Entity"],
        ["name", "aliases"],
    )
    assert fulltext["options"]["indexConfig"]["fulltext.analyzer"] == "russian"


def test_entity_keys_are_unique_per_label(db):
    db.driver.execute_query("CREATE (:Region:Entity {key: $key, name: $name})", key="RU-KGN", name="Курганская область")
    with pytest.raises(ConstraintError):
        db.driver.execute_query("CREATE (:Region:Entity {key: $key, name: $name})", key="RU-KGN", name="дубль")
    # the same key under another label is a different entity
    db.driver.execute_query("CREATE (:City:Entity {key: $key, name: $name})", key="RU-KGN", name="Курган")


def test_fulltext_finds_inflected_names_and_aliases(db):
    db.driver.execute_query(
        "CREATE (:Region:Entity {key: 'RU-KGN', name: 'Курганская область', aliases: ['Зауралье', 'Курганщина']})"
    )
    db.driver.execute_query("CALL db.awaitIndexes(60)")
    for query in ("Курганской", "Зауралье"):
        records, _, _ = db.driver.execute_query(
            "CALL db.index.fulltext.queryNodes($index, $q) YIELD node RETURN node.key AS key",
            index=FULLTEXT_INDEX,
            q=query,
        )
        assert [r["key"] for r in records] == ["RU-KGN"], query


def test_counts_per_label_and_type(db):
    db.driver.execute_query(
        "CREATE (c:Country:Entity {key: 'RU', name: 'Россия'}), "
        "(r:Region:Entity {key: 'RU-KGN', name: 'Курганская область'})-[:PART_OF]->(c), "
        "(p:Person:Entity {key: 'вадим шумков', name: 'Вадим Шумков'})-[:HOLDS_POSITION {title: 'губернатор', "
        "articles: ['a1'], evidence: ['…'], support: 1, first_seen: date('2025-10-11'), "
        "last_seen: date('2025-10-11')}]->(r), "
        "(a:Article {id: 'a1', source: 'seed'})-[:MENTIONS]->(p), (a)-[:MENTIONS]->(r)"
    )
    counts = graph_counts(db.driver, db.database)
    assert counts.nodes["Entity"] == 3 and counts.nodes["Region"] == 1 and counts.nodes["Article"] == 1
    assert counts.nodes["City"] == 0
    assert counts.relationships["MENTIONS"] == 2 and counts.relationships["HOLDS_POSITION"] == 1
    assert counts.relationships["VISITED"] == 0
    assert (counts.total_nodes, counts.total_relationships) == (4, 4)


def test_db_cli_init_status_and_reset(db):
    drop_schema(db.driver, db.database)
    first = invoke_db(db, "init")
    assert first.exit_code == 0 and f"created {expected_created()} of" in first.output, first.output
    second = invoke_db(db, "init")
    assert second.exit_code == 0 and "nothing changed" in second.output, second.output

    # `db init` may load reference data (the gazetteer) too: compare the table with the graph's own counts.
    db.driver.execute_query("CREATE (:Organization:Entity {key: 'тоо радуга', name: 'Радуга'})")
    counts = graph_counts(db.driver, db.database)
    assert counts.nodes["Organization"] == 1
    status = invoke_db(db, "status")
    assert status.exit_code == 0, status.output
    expected = {"Organization": 1, "Country": counts.nodes["Country"], "HOLDS_POSITION": 0, "total": counts.total_nodes}
    for name, value in expected.items():
        assert re.search(f"^{name}\\s+{value}$", status.output, re.M), (name, value, status.output)

    refused = invoke_db(db, "reset")
    assert refused.exit_code == 1 and "--yes" in refused.output
    wiped = invoke_db(db, "reset", "--yes")
    assert wiped.exit_code == 0 and f"Deleted {counts.total_nodes} nodes" in wiped.output
    assert graph_counts(db.driver, db.database).total_nodes == 0
