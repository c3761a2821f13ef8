"""On the seed graph: every fact's rule and confidence reach Neo4j, and commodities carry their HS class."""

from __future__ import annotations

from support import extract_seed_facts


def read(seed_graph, cypher: str, **params) -> list[dict]:
    driver, database = seed_graph
    records, _, _ = driver.execute_query(cypher, params, database_=database)
    return [r.data() for r in records]


def test_every_extracted_relation_has_a_rule_and_a_confidence():
    relations = [rel for facts in extract_seed_facts() for rel in facts.relations]
    assert relations
    missing = [(rel.type, rel.source, rel.target) for rel in relations if not rel.rule or rel.confidence is None]
    assert missing == []
    assert all(0 < rel.confidence <= 1 for rel in relations if rel.confidence is not None)


def test_every_report_and_fact_in_the_graph_carries_them(seed_graph):
    reports = read(
        seed_graph,
        "MATCH ()-[s:STATES]->() RETURN count(s) AS n, count(s.rule) AS rules, count(s.confidence) AS confidences",
    )[0]
    relations = sum(len(f.relations) for f in extract_seed_facts())
    assert reports["n"] > 0 and reports["n"] <= relations  # one report per (article, fact, sentence)
    assert reports["rules"] == reports["confidences"] == reports["n"]
    facts = read(
        seed_graph,
        "MATCH ()-[f:HOLDS_POSITION|VISITED|SIGNED|PARTY_TO|EXPORTS_TO|TRADE_VOLUME|PARTICIPATED_IN]->() "
        "RETURN f.fact_id AS id, f.confidence AS confidence, "
        "COLLECT { MATCH ()-[s:STATES {fact_id: f.fact_id}]->() RETURN s.confidence } AS reported",
    )
    assert facts
    # the fact carries the highest confidence among its reports
    assert [f["id"] for f in facts if f["confidence"] != max(f["reported"])] == []


def test_commodities_carry_their_hs_chapter_and_its_name(seed_graph):
    rows = read(seed_graph, "MATCH (c:Commodity) RETURN c.key AS key, c.hs_chapter AS chapter, c.hs_name AS name")
    by_key = {r["key"]: r for r in rows}
    assert by_key["каменный уголь"]["chapter"] == "27"
    assert by_key["каменный уголь"]["name"].startswith("Топливо минеральное, нефть")
    assert by_key["пшеница"]["chapter"] == "10" and by_key["пшеница"]["name"] == "Злаки"
    assert by_key["строительные материалы"]["chapter"] == "68-70"  # a product-group range
    extracted = {
        e.key.split(":", 1)[1]: e.hs_chapter
        for f in extract_seed_facts()
        for e in f.entities
        if e.type == "Commodity" and e.hs_chapter
    }
    assert extracted and all(by_key[key]["chapter"] == chapter for key, chapter in extracted.items())
    assert all(r["name"] for r in rows if r["chapter"])
