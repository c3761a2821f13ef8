"""The graph's schema (constraints and indexes), applied idempotently, and counts of what the graph holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import neo4j

from coopgraph.graph.claims import BUCKET_SLOTS

ENTITY_LABELS = ("Country", "Region", "City", "Person", "Organization", "Document", "Commodity", "Event")
PLACE_LABELS = ("Country", "Region", "City")
FACT_TYPES = ("HOLDS_POSITION", "VISITED", "SIGNED", "PARTY_TO", "EXPORTS_TO", "TRADE_VOLUME", "PARTICIPATED_IN")
STRUCTURE_TYPES = ("MENTIONS", "STATES", "PART_OF", "LOCATED_IN")
SUMMARY_LABELS = ("Activity", "Partnership")
FULLTEXT_INDEX = "entity_names"
# Preferred first: Russian stemming lets "Курганской" find "Курганская область".
FULLTEXT_ANALYZERS = ("russian", "standard")


@dataclass(frozen=True)
class SchemaObject:
    name: str
    kind: str  # "constraint" or "index"
    cypher: str


@dataclass(frozen=True)
class SchemaReport:
    created: list[str]
    total: int
    analyzer: str

    @property
    def changed(self) -> bool:
        return bool(self.created)


@dataclass(frozen=True)
class GraphCounts:
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    total_nodes: int = 0
    total_relationships: int = 0


def format_name(label: str, suffix: str) -> str:
    return f"{label.lower()}_{suffix}"


def build_schema(analyzer: str = "standard") -> list[SchemaObject]:
    """Every constraint and index the loader and queries rely on, each `IF NOT EXISTS`."""
    objects = [
        SchemaObject(
            format_name(label, "key"),
            "constraint",
            f"CREATE CONSTRAINT {format_name(label, 'key')} IF NOT EXISTS FOR (n:{label}) REQUIRE n.key IS UNIQUE",
        )
        for label in ENTITY_LABELS
    ]
    objects.append(
        SchemaObject(
            "article_id",
            "constraint",
            "CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE",
        )
    )
    # (:Source {key, article}): which Article a source gave last, so that ingest finds a changed
    # text at a known source by an index seek (graph/load.py STATE).
    objects.append(
        SchemaObject(
            "source_key",
            "constraint",
            "CREATE CONSTRAINT source_key IF NOT EXISTS FOR (s:Source) REQUIRE s.key IS UNIQUE",
        )
    )
    objects += [
        SchemaObject(
            "article_source", "index", "CREATE INDEX article_source IF NOT EXISTS FOR (a:Article) ON (a.source)"
        ),
        SchemaObject(
            "article_published",
            "index",
            "CREATE INDEX article_published IF NOT EXISTS FOR (a:Article) ON (a.published)",
        ),
        SchemaObject("entity_name", "index", "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)"),
    ]
    # Timelines ask "what was seen since X" per fact type; relationship indexes are per type in Neo4j.
    objects += [
        SchemaObject(
            format_name(rel, "last_seen"),
            "index",
            f"CREATE INDEX {format_name(rel, 'last_seen')} IF NOT EXISTS FOR ()-[r:{rel}]-() ON (r.last_seen)",
        )
        for rel in FACT_TYPES
    ]
    # Canned queries look facts up by id prefix (fact_evidence) and list the newest first (new_since,
    # single_source_facts); without these they scan every fact relationship of the graph.
    objects += [
        SchemaObject(
            format_name(rel, prop),
            "index",
            f"CREATE INDEX {format_name(rel, prop)} IF NOT EXISTS FOR ()-[r:{rel}]-() ON (r.{prop})",
        )
        for prop in ("first_seen", "fact_id")
        for rel in FACT_TYPES
    ]
    objects += build_report_and_summary_schema()
    # commodity_exporters finds the commodities by name, then their flows by key.
    objects.append(
        SchemaObject(
            "exports_to_commodity_key",
            "index",
            "CREATE INDEX exports_to_commodity_key IF NOT EXISTS FOR ()-[r:EXPORTS_TO]-() ON (r.commodity_key)",
        )
    )
    if analyzer not in FULLTEXT_ANALYZERS:
        raise ValueError(f"unexpected analyzer {analyzer!r}")
    objects.append(
        SchemaObject(
            FULLTEXT_INDEX,
            "index",
            f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases] "
            f"OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{analyzer}'}}}}",
        )
    )
    return objects


def build_report_and_summary_schema() -> list[SchemaObject]:
    """The indexes of the report records and the summaries' keys (see graph/LOADING.md)."""
    objects: list[SchemaObject] = []
    # Each report is a STATES record found by its fact's id; trade figures of one ledger find each other.
    objects += [
        SchemaObject(
            "states_fact_id", "index", "CREATE INDEX states_fact_id IF NOT EXISTS FOR ()-[s:STATES]-() ON (s.fact_id)"
        ),
        SchemaObject(
            "trade_volume_ledger",
            "index",
            "CREATE INDEX trade_volume_ledger IF NOT EXISTS FOR ()-[r:TRADE_VOLUME]-() ON (r.ledger)",
        ),
    ]
    # The summaries each load keeps (graph/summaries.py): one node per key; a region's months; the
    # heaviest partnerships first.
    objects += [
        SchemaObject(
            format_name(label, "key"),
            "constraint",
            f"CREATE CONSTRAINT {format_name(label, 'key')} IF NOT EXISTS FOR (n:{label}) REQUIRE n.key IS UNIQUE",
        )
        for label in SUMMARY_LABELS
    ]
    objects += [
        SchemaObject(
            "activity_region", "index", "CREATE INDEX activity_region IF NOT EXISTS FOR (m:Activity) ON (m.region)"
        ),
        SchemaObject(
            "partnership_weight",
            "index",
            "CREATE INDEX partnership_weight IF NOT EXISTS FOR (p:Partnership) ON (p.weight)",
        ),
    ]
    # Events (graph/events.py): one Visit per key; the claims that can be one event with a new one found by
    # their bucket (block and date or period); visits listed by date.
    objects += [
        SchemaObject(
            "visit_key", "constraint", "CREATE CONSTRAINT visit_key IF NOT EXISTS FOR (v:Visit) REQUIRE v.key IS UNIQUE"
        ),
        SchemaObject("visit_date", "index", "CREATE INDEX visit_date IF NOT EXISTS FOR (v:Visit) ON (v.date)"),
        *(
            SchemaObject(
                f"reports_{slot}",
                "index",
                f"CREATE INDEX reports_{slot} IF NOT EXISTS FOR ()-[c:REPORTS]-() ON (c.{slot})",
            )
            for slot in BUCKET_SLOTS
        ),
    ]
    return objects


def choose_analyzer(driver: neo4j.Driver, database: str) -> str:
    records, _, _ = driver.execute_query(
        "CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer RETURN collect(analyzer) AS names",
        database_=database,
    )
    available = set(records[0]["names"])
    return next(name for name in FULLTEXT_ANALYZERS if name in available or name == "standard")


def apply_schema(driver: neo4j.Driver, database: str = "neo4j") -> SchemaReport:
    """Create the missing constraints and indexes and wait until they are online; safe to run any time."""
    before = list_schema_names(driver, database)
    analyzer = choose_analyzer(driver, database)
    schema = build_schema(analyzer)
    if {f"{obj.kind}:{obj.name}" for obj in schema} <= before:
        return SchemaReport(created=[], total=len(before), analyzer=analyzer)  # tests call this per test: be quick
    for obj in schema:
        driver.execute_query(obj.cypher, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
    after = list_schema_names(driver, database)
    return SchemaReport(created=sorted(after - before), total=len(after), analyzer=analyzer)


def list_schema_names(driver: neo4j.Driver, database: str) -> set[str]:
    return {f"{kind}:{row['name']}" for kind, row in list_schema(driver, database)}


def list_schema(driver: neo4j.Driver, database: str) -> list[tuple[str, dict[str, Any]]]:
    """Constraints and indexes as comparable rows (token lookup indexes included: they are schema too)."""
    constraints, _, _ = driver.execute_query(
        "SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties "
        "RETURN name, type, entityType, labelsOrTypes, properties ORDER BY name",
        database_=database,
    )
    indexes, _, _ = driver.execute_query(
        "SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, indexProvider, options "
        "RETURN name, type, entityType, labelsOrTypes, properties, indexProvider, options ORDER BY name",
        database_=database,
    )
    return [("constraint", r.data()) for r in constraints] + [("index", r.data()) for r in indexes]


def graph_counts(driver: neo4j.Driver, database: str = "neo4j") -> GraphCounts:
    """Node counts per label and relationship counts per type, the model's ones always listed (0 if none)."""
    labels = read_tokens(driver, database, "db.labels", "label")
    types = read_tokens(driver, database, "db.relationshipTypes", "relationshipType")
    # Names come from the database, never from a user; the per-token form reads Neo4j's counts store, so
    # each count is O(1) however big the graph grows. Model tokens not in the database yet count 0 without
    # a query, which would only earn an "unknown label" warning.
    nodes = {label: 0 for label in merge_names(ENTITY_LABELS + ("Entity", "Article"), labels)}
    nodes.update(
        {label: count_one(driver, database, f"MATCH (n:{quote_name(label)}) RETURN count(n) AS c") for label in labels}
    )
    rels = {rel: 0 for rel in merge_names(STRUCTURE_TYPES + FACT_TYPES, types)}
    rels.update(
        {rel: count_one(driver, database, f"MATCH ()-[r:{quote_name(rel)}]->() RETURN count(r) AS c") for rel in types}
    )
    return GraphCounts(
        nodes=nodes,
        relationships=rels,
        total_nodes=count_one(driver, database, "MATCH (n) RETURN count(n) AS c"),
        total_relationships=count_one(driver, database, "MATCH ()-[r]->() RETURN count(r) AS c"),
    )


def read_tokens(driver: neo4j.Driver, database: str, procedure: str, column: str) -> list[str]:
    records, _, _ = driver.execute_query(
        f"CALL {procedure}() YIELD {column} RETURN {column} AS name", database_=database
    )
    return sorted(r["name"] for r in records)


def merge_names(known: tuple[str, ...], found: list[str]) -> list[str]:
    return list(known) + [name for name in found if name not in known]


def count_one(driver: neo4j.Driver, database: str, cypher: str) -> int:
    records, _, _ = driver.execute_query(cypher, database_=database)
    return int(records[0]["c"])


def quote_name(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def wipe_data(driver: neo4j.Driver, database: str = "neo4j", batch: int = 10_000) -> int:
    """Delete every node and relationship in batches (one huge transaction could exhaust the heap)."""
    deleted = count_one(driver, database, "MATCH (n) RETURN count(n) AS c")
    if deleted:
        # CALL ... IN TRANSACTIONS needs an auto-commit transaction, which execute_query does not give.
        with driver.session(database=database) as session:
            # relationships first: DETACH DELETE of a region's node takes all its relationships in one batch's
            # transaction, and at 70k articles that exceeded the transaction memory pool
            session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF $batch ROWS", batch=batch).consume()
            session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF $batch ROWS", batch=batch).consume()
    return deleted


def drop_schema(driver: neo4j.Driver, database: str = "neo4j") -> int:
    """Drop every constraint and index except the built-in token lookups; returns how many were dropped."""
    owned = constraint_names(driver, database)  # a constraint's backing index goes with the constraint
    dropped = 0
    for kind, row in list_schema(driver, database):
        if kind == "index" and (row["type"] == "LOOKUP" or row["name"] in owned):
            continue
        keyword = "CONSTRAINT" if kind == "constraint" else "INDEX"
        driver.execute_query(f"DROP {keyword} {quote_name(row['name'])} IF EXISTS", database_=database)
        dropped += 1
    return dropped


def constraint_names(driver: neo4j.Driver, database: str) -> set[str]:
    records, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN name", database_=database)
    return {r["name"] for r in records}


def missing_setup(driver: Any, database: str | None) -> list[str]:
    """What `coopgraph db init` would have set up and is missing (ingest works without, but worse)."""
    try:
        records, _, _ = driver.execute_query(
            "SHOW CONSTRAINTS YIELD labelsOrTypes, properties "
            "WHERE labelsOrTypes = ['Article'] AND properties = ['id'] RETURN count(*) AS n",
            database_=database,
        )
        schema = records[0]["n"] > 0
        records, _, _ = driver.execute_query(
            "RETURN EXISTS { MATCH (:Region)-[:PART_OF]->(:Country) } AS found", database_=database
        )
        gazetteer = records[0]["found"]
    except Exception:  # noqa: BLE001 - a check that cannot run is no reason to refuse the ingest
        return []
    missing = []
    if not schema:
        missing.append("the graph has no schema (constraints, indexes): run `coopgraph db init` first")
    if not gazetteer:
        missing.append("the gazetteer structure (PART_OF, LOCATED_IN) is not loaded: run `coopgraph db init`")
    return missing
