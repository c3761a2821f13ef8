"""Events in the graph: one node per real visit or document across articles and runs, exact when articles go."""

from __future__ import annotations

import pytest
from support import DATA, DEV, INGESTED, SEEDS, needs_dev

from coopgraph.graph.load import delete_article, dump_graph, find_provenance_violations, load_batch, load_facts
from coopgraph.graph.rows import adapt_facts
from coopgraph.ingest.pipeline import extract_article
from coopgraph.ingest.read import read_path
from coopgraph.ingest.records import Article, ArticleFacts, Entity, Evidence, Relation

ROAD_MAP = "дорожная карта|Region:KZ-59+Region:RU-KGN|2025-2027"
THERE = "Region:KZ-59>Region:RU-KGN|2025-05"


@pytest.fixture(scope="module")
def kurgan() -> list[ArticleFacts]:
    """Seed 000 (both visits, the road map with its period) and the second report of the May visit."""
    paths = [next(SEEDS.glob("000_*.txt")), DATA / "articles" / "sko_delegation_in_kurgan.txt"]
    return [extract_article(a) for p in paths for a in read_path(p)]


def events(db) -> dict[str, list]:
    records, _, _ = db.driver.execute_query(
        "MATCH (e)<-[:REPORTS]-(a:Article) WHERE e:Visit OR e:Document "
        "RETURN head([l IN labels(e) WHERE l <> 'Entity']) + ':' + e.key AS event, collect(DISTINCT a.source) AS s",
        database_=db.database,
    )
    return {r["event"]: sorted(r["s"]) for r in records}


def documents(db) -> list[str]:
    records, _, _ = db.driver.execute_query(
        "MATCH (d:Document) WHERE d.key CONTAINS 'KZ-59' RETURN d.key AS k ORDER BY k", database_=db.database
    )
    return [r["k"] for r in records]


def test_one_road_map_and_one_visit_each_whatever_the_order_and_runs(db, kurgan):
    seed, second = kurgan
    for facts in (second, seed):  # the undated report first, in its own run: it joins the dated one later
        load_facts(db.driver, facts, db.database, ingested=INGESTED)
    got = events(db)
    assert got[f"Document:{ROAD_MAP}"] == sorted([seed.source, second.source])
    assert got[f"Visit:{THERE}"] == sorted([seed.source, second.source])
    assert documents(db) == [ROAD_MAP]  # the undated report's own node is gone
    assert not find_provenance_violations(db.driver, db.database)
    one_order = dump_graph(db.driver, db.database)
    db.driver.execute_query("MATCH (n) DETACH DELETE n", database_=db.database)
    load_batch(db.driver, [adapt_facts(seed), adapt_facts(second)], db.database, ingested=INGESTED)
    assert events(db) == got and documents(db) == [ROAD_MAP]
    nodes, rels = dump_graph(db.driver, db.database)
    key_of = lambda line: line.replace('"name": "', "").split(",")[0]  # noqa: E731 - names follow load order
    assert len(nodes) == len(one_order[0]) and len(rels) == len(one_order[1])
    assert sorted(map(key_of, rels)) == sorted(map(key_of, one_order[1]))


def test_removing_the_dated_report_sends_the_undated_one_back(db, kurgan):
    seed, second = kurgan
    for facts in kurgan:
        load_facts(db.driver, facts, db.database, ingested=INGESTED)
    delete_article(db.driver, seed.article.id, db.database)
    got = events(db)
    assert all(sources == [second.source] for sources in got.values())
    assert ROAD_MAP not in documents(db) and documents(db)  # back on its own (undated) node
    assert not find_provenance_violations(db.driver, db.database)
    alone, _ = dump_graph(db.driver, db.database), None
    db.driver.execute_query("MATCH (n) DETACH DELETE n", database_=db.database)
    load_facts(db.driver, second, db.database, ingested=INGESTED)
    assert dump_graph(db.driver, db.database) == alone  # as if the seed had never been loaded


def visit(
    name: str, date: str | None, source="Region:KZ-59", target="Region:RU-KGN", published: str | None = None
) -> ArticleFacts:
    places = [
        Entity(type="Region", name="Северо-Казахстанская область", key="Region:KZ-59", country="KZ"),
        Entity(type="Region", name="Курганская область", key="Region:RU-KGN", country="RU"),
    ]
    rel = Relation(
        type="VISITED",
        source=places[0].name if source == "Region:KZ-59" else places[1].name,
        target=places[1].name if target == "Region:RU-KGN" else places[0].name,
        source_key=source,
        target_key=target,
        date=date,
        evidence=Evidence(sentence=f"Визит {name}.", start=0, end=len(name) + 7),
    )
    text = f"Визит {name}."
    article = Article(id=name, source=name, text=text, published=published)
    return ArticleFacts(source=name, article=article, entities=places, relations=[rel])


def test_same_pair_and_month_two_visits_and_there_and_back_stay_apart(db):
    for facts in (visit("a", "2025-05-03"), visit("u", None), visit("b", "2025-05-20")):
        load_facts(db.driver, facts, db.database, ingested=INGESTED)
    load_facts(db.driver, visit("r", None, "Region:RU-KGN", "Region:KZ-59"), db.database, ingested=INGESTED)
    got = events(db)
    assert got["Visit:Region:KZ-59>Region:RU-KGN|2025-05-03"] == ["a"]
    assert got["Visit:Region:KZ-59>Region:RU-KGN|2025-05-20"] == ["b"]
    assert got["Visit:Region:KZ-59>Region:RU-KGN|"] == ["u"]  # fits both: joins neither
    assert got["Visit:Region:RU-KGN>Region:KZ-59|"] == ["r"]  # the way back is another visit
    delete_article(db.driver, "b", db.database)
    assert events(db)["Visit:Region:KZ-59>Region:RU-KGN|2025-05-03"] == ["a", "u"]  # now it fits one


def test_an_undated_report_joins_a_visit_of_its_article_s_year_only(db):
    load_facts(db.driver, visit("a", "2025-05-03", published="2025-05-04"), db.database, ingested=INGESTED)
    for name, published in (("same", "2025-09-01"), ("next", "2026-02-01")):
        load_facts(db.driver, visit(name, None, published=published), db.database, ingested=INGESTED)
    got = events(db)
    assert got["Visit:Region:KZ-59>Region:RU-KGN|2025-05-03"] == ["a", "same"]
    assert got["Visit:Region:KZ-59>Region:RU-KGN|"] == ["next"]


def test_a_graph_of_an_older_version_is_kept_and_settled_as_this_one_keeps_it(db, monkeypatch):
    """An older version kept no bucket and let an undated report join a visit of any year."""
    import copy

    from coopgraph.graph.load import ensure_report_buckets
    from coopgraph.ingest import identity

    articles = [
        visit("a", "2025-05-03", published="2025-05-04"),
        visit("next", None, published="2026-02-01"),
        visit("b", "2024-05-03", published="2024-05-04"),
    ]
    for facts in articles:
        load_facts(db.driver, facts, db.database, ingested=INGESTED)
    now = dump_graph(db.driver, db.database)
    assert ensure_report_buckets(db.driver, db.database) == 0  # nothing to do on a graph of this version
    db.driver.execute_query("MATCH (n) DETACH DELETE n", database_=db.database)
    older = copy.deepcopy(identity.rules())
    older["visit"]["match"]["undated"] = "any"
    with monkeypatch.context() as m:
        m.setattr(identity, "rules", lambda: older)
        for facts in articles[:2]:
            load_facts(db.driver, facts, db.database, ingested=INGESTED)
    db.driver.execute_query("MATCH ()-[c:REPORTS]->() REMOVE c.bucket", database_=db.database)
    assert events(db)["Visit:Region:KZ-59>Region:RU-KGN|2025-05-03"] == ["a", "next"]  # as the old rule had it
    assert ensure_report_buckets(db.driver, db.database, per_tx=1) == 2
    load_facts(db.driver, articles[2], db.database, ingested=INGESTED)
    assert dump_graph(db.driver, db.database) == now


@needs_dev
def test_the_dev_set_gives_one_road_map_and_one_event_per_visit(db):
    from coopgraph.pipeline import IngestOptions, ingest

    ingest([str(SEEDS), str(DEV)], db.driver, db.database, IngestOptions(ingested=INGESTED))
    got = events(db)
    assert documents(db).count(ROAD_MAP) == 1
    assert not [k for k in documents(db) if k.startswith("дорожная карта|Region:KZ-59+Region:RU-KGN|2")][1:]
    assert len(got[f"Visit:{THERE}"]) >= 2 and len(got[f"Document:{ROAD_MAP}"]) >= 2
