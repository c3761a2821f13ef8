"""refresh_derived against a real Neo4j: cooperation edges folded by the query's rules, idempotent, following changes."""

from __future__ import annotations

from coopgraph.graph.derived import refresh_derived

# Two Russian regions and a Kazakh one, a city, an official, a forum and a document.
GRAPH = """
CREATE (ru:Country:Entity {key: 'RU', name: 'Россия'}), (kz:Country:Entity {key: 'KZ', name: 'Казахстан'})
CREATE (kgn:Region:Entity {key: 'RU-KGN', name: 'Курганская область'})-[:PART_OF]->(ru)
CREATE (oms:Region:Entity {key: 'RU-OMS', name: 'Омская область'})-[:PART_OF]->(ru)
CREATE (sko:Region:Entity {key: 'KZ-SEV', name: 'Северо-Казахстанская область'})-[:PART_OF]->(kz)
CREATE (ptr:City:Entity {key: 'KZ-PTR', name: 'Петропавловск'})-[:LOCATED_IN]->(sko)
CREATE (gov:Person:Entity {key: 'shumkov', name: 'Вадим Шумков'})
       -[:HOLDS_POSITION {fact_id: 'h1', articles: ['a1'], title: 'губернатор'}]->(kgn)
CREATE (gov)-[:VISITED {fact_id: 'v1', articles: ['a1', 'a2']}]->(ptr)
CREATE (kgn)-[:EXPORTS_TO {fact_id: 'e1', articles: ['a2'], commodity: 'зерно'}]->(sko)
CREATE (kgn)-[:TRADE_VOLUME {fact_id: 't1', articles: ['a3'], kind: 'turnover'}]->(ru)
CREATE (forum:Event:Entity {key: 'forum', name: 'Форум'})
CREATE (kgn)-[:PARTICIPATED_IN {fact_id: 'p1', articles: ['a3']}]->(forum)
CREATE (sko)-[:PARTICIPATED_IN {fact_id: 'p2', articles: ['a3']}]->(forum)
CREATE (oms)-[:PARTICIPATED_IN {fact_id: 'p3', articles: ['a4']}]->(forum)
CREATE (doc:Document:Entity {key: 'doc', name: 'Дорожная карта'})
CREATE (kgn)-[:PARTY_TO {fact_id: 'd1', articles: ['a1']}]->(doc)
CREATE (sko)-[:PARTY_TO {fact_id: 'd2', articles: ['a1']}]->(doc)
CREATE (:Article {id: 'a1', title: 'Первая', published: '2025-01-01'}),
       (:Article {id: 'a2', title: 'Вторая', published: '2025-02-01'}),
       (:Article {id: 'a3', title: 'Третья', published: '2025-03-01'}),
       (:Article {id: 'a4', title: 'Четвёртая'})
"""

EDGES = """
MATCH (a)-[c:COOPERATES_WITH]->(b)
RETURN a.name AS a, b.name AS b, c.weight AS weight, c.kinds AS kinds, c.articles AS articles,
       c.fact_ids AS fact_ids, c.sample_articles AS sample
ORDER BY a, b
"""


def edges(db) -> dict[tuple[str, str], dict]:
    records, _, _ = db.driver.execute_query(EDGES, database_=db.database)
    return {(r["a"], r["b"]): r.data() for r in records}


def test_pairs_follow_the_cooperation_network_rules(db):
    db.driver.execute_query(GRAPH, database_=db.database)
    report = refresh_derived(db.driver, db.database)
    got = edges(db)
    # the governor's visit to a city counts for his region and the city's; the export; the forum; the roadmap
    kgn_sko = got[("Курганская область", "Северо-Казахстанская область")]
    assert kgn_sko["weight"] == 4
    assert set(kgn_sko["kinds"]) == {"VISITED", "EXPORTS_TO", "PARTICIPATED_IN", "PARTY_TO"}
    assert kgn_sko["articles"] == 3  # a1, a2, a3
    assert set(kgn_sko["fact_ids"]) == {"v1", "e1", "p1", "p2", "d1", "d2"}
    assert kgn_sko["sample"] == ["a3", "a2", "a1"]  # newest first
    # co-participants of one forum: one fact per pair
    assert got[("Курганская область", "Омская область")]["weight"] == 1
    assert got[("Омская область", "Северо-Казахстанская область")]["weight"] == 1
    # a region and its own country are one side: the turnover with Россия is no pair
    assert not any("Россия" in pair for pair in got)
    assert report.pairs == len(got) == 3


def test_refresh_is_idempotent_and_follows_changes(db):
    db.driver.execute_query(GRAPH, database_=db.database)
    refresh_derived(db.driver, db.database)
    first = edges(db)
    refresh_derived(db.driver, db.database)
    assert edges(db) == first
    db.driver.execute_query("MATCH (:Region {key: 'RU-OMS'})-[f:PARTICIPATED_IN]->() DELETE f", database_=db.database)
    refresh_derived(db.driver, db.database)
    assert set(edges(db)) == {("Курганская область", "Северо-Казахстанская область")}


def test_an_empty_graph_has_no_pairs(db):
    assert refresh_derived(db.driver, db.database).pairs == 0
    assert edges(db) == {}
