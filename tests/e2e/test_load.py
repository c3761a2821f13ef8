"""The loader: ArticleFacts in, graph out — rows, idempotency, replacement, provenance, ledger, atomicity."""

from __future__ import annotations

import hashlib

import pytest
from neo4j.exceptions import ConstraintError

from coopgraph.graph.load import (
    ENTITY_LABELS,
    LoadError,
    adapt_fact_id,
    adapt_facts,
    delete_article,
    dump_graph,
    find_provenance_violations,
    find_trade_conflicts,
    load_facts,
    load_gazetteer_structure,
    merge_nodes_query,
    split_key,
    upsert_facts_query,
)
from coopgraph.ingest.gazetteer import load_gazetteer
from coopgraph.ingest.records import Article, ArticleFacts, Entity, Evidence, Mention, Relation

INGESTED = "2025-01-01"  # fixed ingest date: dumps of two runs must be comparable

# ---------------------------------------------------------------- hand-built facts


def ent(type_: str, name: str, key: str | None = None, aliases=(), **extra) -> Entity:
    return Entity(
        type=type_,
        name=name,
        key=f"{type_}:{key or name.lower()}",
        aliases=list(aliases),
        mentions=[Mention(start=0, end=len(name), text=name)],
        **extra,
    )


def rel(type_: str, source: Entity, target: Entity, sentence: str, start: int = 0, **quals) -> Relation:
    return Relation(
        type=type_,
        source=source.name,
        target=target.name,
        source_key=source.key,
        target_key=target.key,
        evidence=Evidence(sentence=sentence, start=start, end=start + len(sentence)),
        **quals,
    )


def article(text: str, source: str, published: str | None = None) -> Article:
    return Article(
        id=hashlib.sha256(text.encode()).hexdigest(),
        source=source,
        text=text,
        title=text.split(".")[0],
        published=published,
    )


def facts(text: str, source: str, entities, relations, published: str | None = None) -> ArticleFacts:
    return ArticleFacts(
        source=source, article=article(text, source, published), entities=list(entities), relations=list(relations)
    )


KGN = ent("Region", "Курганская область", key="RU-KGN", aliases=["Курганской области"], country="RU")
SKO = ent("Region", "Северо-Казахстанская область", key="KZ-59", aliases=["СКО"], country="KZ")
RU = ent("Country", "Россия", key="RU", aliases=["РФ"])
KZ = ent("Country", "Казахстан", key="KZ")
SHUMKOV = ent("Person", "Вадим Шумков", aliases=["Вадима Шумкова"])
SEEDS = ent("Commodity", "семена")
FISH = ent("Commodity", "рыба")
ROADMAP = ent(
    "Document", "Дорожная карта 2025–2027", key="дорожная карта:2025-2027", kind="дорожная карта", period=(2025, 2027)
)


def article_a() -> ArticleFacts:
    """Kurgan's governor in SKO: a position (shared with B), seed exports (only A), a roadmap."""
    text = "Губернатор Курганской области Вадим Шумков посетил СКО. Курганская область поставляет семена в СКО."
    s1, s2 = text.split(". ")[0] + ".", text.split(". ")[1]
    return facts(
        text,
        "a.txt",
        [KGN, SKO, SHUMKOV, SEEDS, ROADMAP],
        [
            rel("HOLDS_POSITION", SHUMKOV, KGN, s1, title="губернатор"),
            rel("VISITED", SHUMKOV, SKO, s1, date="2025-10-11"),
            rel("EXPORTS_TO", KGN, SKO, s2, start=len(s1) + 1, commodity="семена"),
            rel("PARTY_TO", KGN, ROADMAP, s1),
            rel("PARTY_TO", SKO, ROADMAP, s1),
        ],
        published="2025-10-11",
    )


def article_b() -> ArticleFacts:
    """Another outlet: the same position, a fish export and a turnover figure."""
    text = "Вадим Шумков, губернатор Курганской области, заявил, что СКО закупает рыбу. Товарооборот 694 млн."
    s1, s2 = text.split(". ")[0] + ".", text.split(". ")[1]
    return facts(
        text,
        "b.txt",
        [KGN, SKO, SHUMKOV, FISH, RU],
        [
            rel("HOLDS_POSITION", SHUMKOV, KGN, s1, title="Губернатор"),
            rel("EXPORTS_TO", KGN, SKO, s1, commodity="рыба"),
            rel(
                "TRADE_VOLUME", SKO, RU, s2, start=len(s1) + 1, kind="turnover", value=694e6, currency="USD", year=2024
            ),
        ],
        published="2025-09-01",
    )


def article_a2() -> ArticleFacts:
    """A's source with a changed text: the seeds export is gone, a fish export is new here."""
    text = "Губернатор Курганской области Вадим Шумков сообщил: Курганская область продает рыбу в СКО."
    return facts(
        text,
        "a.txt",
        [KGN, SKO, SHUMKOV, FISH],
        [
            rel("HOLDS_POSITION", SHUMKOV, KGN, text, title="губернатор"),
            rel("EXPORTS_TO", KGN, SKO, text, commodity="рыба"),
        ],
        published="2025-11-02",
    )


# ---------------------------------------------------------------- rows (pure)


def test_split_key_takes_everything_after_the_first_colon():
    assert split_key("Region:KZ-59") == ("Region", "KZ-59")
    assert split_key("Document:соглашение:2025-2027") == ("Document", "соглашение:2025-2027")
    for bad in ("KZ-59", "Planet:Mars", "Region:", ":x"):
        with pytest.raises(LoadError):
            split_key(bad)


def test_adapt_facts_gives_node_rows_per_label_with_store_keys():
    rows = adapt_facts(article_a())
    assert set(rows.nodes) == {"Region", "Person", "Commodity", "Document"}
    assert [r["key"] for r in rows.nodes["Region"]] == ["KZ-59", "RU-KGN"]
    assert rows.nodes["Person"][0] == {**rows.nodes["Person"][0], "key": "вадим шумков", "name": "Вадим Шумков"}
    doc = rows.nodes["Document"][0]
    # kind + parties + period: the graph model's document identity
    assert doc["key"] == "дорожная карта|Region:KZ-59+Region:RU-KGN|2025-2027"
    assert (doc["kind"], doc["period_from"], doc["period_to"]) == ("дорожная карта", 2025, 2027)
    mentions = {m["uid"]: m for m in rows.mentions}
    assert mentions["Region:RU-KGN"]["aliases"] == ["Курганской области"]
    assert len(rows.mentions) == 5
    assert rows.fact_counts() == {"HOLDS_POSITION": 1, "VISITED": 1, "EXPORTS_TO": 1, "PARTY_TO": 2}


def test_adapt_facts_groups_one_fact_per_article_and_keeps_each_evidence_once():
    a = article_a()
    same = rel("HOLDS_POSITION", SHUMKOV, KGN, "Шумков — губернатор.", start=50, title="губернатор")
    a.relations += [same, same]
    rows = adapt_facts(a)
    (row,) = rows.facts[("HOLDS_POSITION", False)]
    assert [rep["sentence"] for rep in row["reports"]] == [a.relations[0].evidence.sentence, "Шумков — губернатор."]
    assert [rep["start"] for rep in row["reports"]] == [0, 50]
    (visit,) = rows.facts[("VISITED", False)]
    assert [rep["date"] for rep in visit["reports"]] == ["2025-10-11"]


def test_fact_ids_follow_the_qualifiers_that_define_a_fact():
    a, b = adapt_facts(article_a()), adapt_facts(article_b())
    pos_a = a.facts[("HOLDS_POSITION", False)][0]["fact_id"]
    pos_b = b.facts[("HOLDS_POSITION", False)][0]["fact_id"]
    assert pos_a == pos_b  # title case does not make another fact
    exports = {
        r["props"]["commodity"]: r["fact_id"] for r in a.facts[("EXPORTS_TO", False)] + b.facts[("EXPORTS_TO", False)]
    }
    assert len(set(exports.values())) == 2  # one EXPORTS_TO per commodity
    assert adapt_fact_id("TRADE_VOLUME", "x", "y", ["turnover", 2024, None, "USD", "694000000"]) != adapt_fact_id(
        "TRADE_VOLUME", "x", "y", ["turnover", 2024, None, "USD", "700000000"]
    )


def test_turnover_is_one_fact_whichever_side_reports_it():
    b = article_b()
    flipped = b.model_copy(deep=True)
    flipped.relations[2] = rel(
        "TRADE_VOLUME", RU, SKO, "Товарооборот 694 млн.", kind="turnover", value=694e6, currency="USD", year=2024
    )
    one = adapt_facts(b).facts[("TRADE_VOLUME", True)][0]["fact_id"]
    other = adapt_facts(flipped).facts[("TRADE_VOLUME", True)][0]["fact_id"]
    assert one == other


def test_relation_endpoints_missing_from_entities_still_become_nodes():
    text = "Казахстан поставляет рыбу в Россию."
    f = facts(text, "c.txt", [KZ], [rel("EXPORTS_TO", KZ, RU, text, commodity="Рыба")])
    rows = adapt_facts(f)
    assert [r["key"] for r in rows.nodes["Country"]] == ["KZ", "RU"]
    assert [r["key"] for r in rows.nodes["Commodity"]] == ["рыба"]  # the commodity of the relation
    assert rows.facts[("EXPORTS_TO", False)][0]["props"]["commodity_key"] == "рыба"
    assert {m["uid"] for m in rows.mentions} == {"Country:KZ", "Country:RU", "Commodity:рыба"}


def test_malformed_keys_are_refused_and_labels_come_from_the_whitelist():
    bad = article_a()
    bad.entities[0] = bad.entities[0].model_copy(update={"key": "Planet:RU-KGN"})
    with pytest.raises(LoadError):
        adapt_facts(bad)
    with pytest.raises(LoadError):
        merge_nodes_query("Person {key: 'x'}) DETACH DELETE n //")
    with pytest.raises(LoadError):
        upsert_facts_query("KNOWS")
    assert all(f":{label} " in merge_nodes_query(label) for label in ENTITY_LABELS)


# ---------------------------------------------------------------- against the real server


def fact(driver, database, rtype: str, source_key: str, target_key: str, **props):
    where = "".join(f" AND r.{k} = ${k}" for k in props)
    records, _, _ = driver.execute_query(
        f"MATCH (s {{key: $s}})-[r:{rtype}]->(t {{key: $t}}) WHERE true{where} RETURN properties(r) AS r",
        s=source_key,
        t=target_key,
        database_=database,
        **props,
    )
    return [r["r"] for r in records]


def reports(driver, database, fact_id: str) -> list[dict]:
    """The fact's report records (STATES), one per supporting sentence, with their articles."""
    records, _, _ = driver.execute_query(
        "MATCH (a:Article)-[s:STATES {fact_id: $id}]->() "
        "RETURN a.id AS article, s.sentence AS sentence, s.start AS start, s.end AS end, s.date AS date "
        "ORDER BY article, start",
        id=fact_id,
        database_=database,
    )
    return [r.data() for r in records]


def load(db, f: ArticleFacts, **kw):
    return load_facts(db.driver, f, db.database, ingested=INGESTED, **kw)


def test_loading_twice_changes_nothing(db):
    first = [load(db, f) for f in (article_a(), article_b())]
    assert [r.status for r in first] == ["new", "new"]
    before = dump_graph(db.driver, db.database)
    again = [load(db, f) for f in (article_a(), article_b())]
    assert [r.status for r in again] == ["unchanged", "unchanged"]
    assert all(not r.created and not r.deleted for r in again)
    assert dump_graph(db.driver, db.database) == before


def test_a_fact_from_two_articles_is_one_relationship_with_support_two(db):
    a, b = article_a(), article_b()
    load(db, a)
    load(db, b)
    (pos,) = fact(db.driver, db.database, "HOLDS_POSITION", "вадим шумков", "RU-KGN")
    assert pos["support"] == 2
    assert [r["article"] for r in reports(db.driver, db.database, pos["fact_id"])] == sorted(
        [a.article.id, b.article.id]
    )
    assert (pos["first_seen"], pos["last_seen"]) == ("2025-09-01", "2025-10-11")
    assert pos["title"] == "губернатор"
    (visit,) = fact(db.driver, db.database, "VISITED", "вадим шумков", "KZ-59")
    assert visit["dates"] == ["2025-10-11"] and visit["date"] == "2025-10-11"
    records, _, _ = db.driver.execute_query(
        "MATCH (p:Person {key: 'вадим шумков'}) RETURN count(p) AS n, p.aliases AS aliases", database_=db.database
    )
    assert records[0]["n"] == 1 and records[0]["aliases"] == ["Вадима Шумкова"]


def test_changed_text_at_a_source_replaces_its_old_contribution(db):
    a, b, a2 = article_a(), article_b(), article_a2()
    load(db, a)
    load(db, b)
    result = load(db, a2)
    assert result.status == "replaced" and result.replaced == [a.article.id]
    assert result.deleted["EXPORTS_TO"] == 1 and result.deleted["Article"] == 1
    # stale: facts only A supported are gone, and so are entities only A mentioned
    assert fact(db.driver, db.database, "EXPORTS_TO", "RU-KGN", "KZ-59", commodity="семена") == []
    assert fact(db.driver, db.database, "VISITED", "вадим шумков", "KZ-59") == []
    records, _, _ = db.driver.execute_query(
        "OPTIONAL MATCH (c:Commodity {key: 'семена'}) OPTIONAL MATCH (d:Document) "
        "OPTIONAL MATCH (old:Article {id: $old}) RETURN count(c) AS c, count(d) AS d, count(old) AS old",
        old=a.article.id,
        database_=db.database,
    )
    assert records[0].data() == {"c": 0, "d": 0, "old": 0}
    # shared: kept, with the old article's reports gone and its support taken back
    (pos,) = fact(db.driver, db.database, "HOLDS_POSITION", "вадим шумков", "RU-KGN")
    evidence = reports(db.driver, db.database, pos["fact_id"])
    assert [r["article"] for r in evidence] == sorted([b.article.id, a2.article.id]) and pos["support"] == 2
    (fish,) = fact(db.driver, db.database, "EXPORTS_TO", "RU-KGN", "KZ-59", commodity="рыба")
    assert fish["support"] == 2 and (fish["first_seen"], fish["last_seen"]) == ("2025-09-01", "2025-11-02")
    # the same graph as if the old text had never been loaded (in either order)
    replaced = dump_graph(db.driver, db.database)
    delete_article(db.driver, b.article.id, db.database)
    delete_article(db.driver, a2.article.id, db.database)
    load(db, a2)
    load(db, b)
    assert dump_graph(db.driver, db.database) == replaced


def test_same_text_from_two_sources_is_one_article(db):
    a = article_a()
    copy = a.model_copy(deep=True, update={"source": "mirror/a.txt"})
    copy.article.source = "mirror/a.txt"
    load(db, a)
    assert load(db, copy).status == "unchanged"
    records, _, _ = db.driver.execute_query(
        "MATCH (x:Article) RETURN x.source AS s, x.sources AS ss", database_=db.database
    )
    assert [r.data() for r in records] == [{"s": "a.txt", "ss": ["a.txt", "mirror/a.txt"]}]
    # a.txt changes; the mirror still has the old text, so its facts stay
    assert load(db, article_a2()).status == "replaced"
    assert fact(db.driver, db.database, "EXPORTS_TO", "RU-KGN", "KZ-59", commodity="семена") != []
    records, _, _ = db.driver.execute_query(
        "MATCH (x:Article {id: $id}) RETURN x.source AS s, x.sources AS ss", id=a.article.id, database_=db.database
    )
    assert records[0].data() == {"s": "mirror/a.txt", "ss": ["mirror/a.txt"]}


def test_force_reloads_an_unchanged_article_to_the_same_graph(db):
    load(db, article_a())
    load(db, article_b())
    before = dump_graph(db.driver, db.database)
    result = load(db, article_a(), force=True)
    assert result.status == "replaced"
    assert dump_graph(db.driver, db.database) == before


def test_undated_article_is_seen_on_its_ingest_date(db):
    undated = article_b().model_copy(deep=True)
    undated.article.published = None
    load(db, undated)
    (pos,) = fact(db.driver, db.database, "HOLDS_POSITION", "вадим шумков", "RU-KGN")
    assert (pos["first_seen"], pos["last_seen"]) == (INGESTED, INGESTED)


def test_conflicting_trade_figures_are_both_kept_and_found(db):
    b = article_b()
    text = "Товарооборот СКО с Россией в 2024 году составил 700 млн долларов."
    other = facts(
        text,
        "c.txt",
        [SKO, RU],
        [rel("TRADE_VOLUME", RU, SKO, text, kind="turnover", value=7e8, currency="USD", year=2024)],
    )
    text3 = "По итогам 2024 года товарооборот СКО и РФ — 694 млн долларов."
    same = facts(
        text3,
        "d.txt",
        [SKO, RU],
        [rel("TRADE_VOLUME", SKO, RU, text3, kind="turnover", value=694e6, currency="USD", year=2024)],
    )
    for f in (b, other, same):
        load(db, f)
    records, _, _ = db.driver.execute_query(
        "MATCH (:Region {key: 'KZ-59'})-[r:TRADE_VOLUME]-(:Country {key: 'RU'}) "
        "RETURN r.value AS value, r.support AS support, r.year AS year ORDER BY value",
        database_=db.database,
    )
    assert [r.data() for r in records] == [
        {"value": 694e6, "support": 2, "year": 2024},
        {"value": 7e8, "support": 1, "year": 2024},
    ]
    (conflict,) = find_trade_conflicts(db.driver, db.database)
    assert {conflict["value"], conflict["other_value"]} == {694e6, 7e8}
    assert conflict["kind"] == "turnover" and conflict["period"] == "2024"


def test_one_articles_facts_are_written_all_or_nothing(db):
    load(db, article_a())
    before = dump_graph(db.driver, db.database)
    # A relationship constraint that the second article's facts violate, after its Article node, its
    # nodes and MENTIONS have been written inside the same transaction.
    db.driver.execute_query(
        "CREATE CONSTRAINT test_exports_commodity IF NOT EXISTS FOR ()-[r:EXPORTS_TO]-() REQUIRE r.commodity IS UNIQUE",
        database_=db.database,
    )
    try:
        text = "Северо-Казахстанская область тоже поставляет семена в Курганскую область."
        clash = facts(text, "e.txt", [SKO, KGN, SEEDS, KZ], [rel("EXPORTS_TO", SKO, KGN, text, commodity="семена")])
        with pytest.raises(ConstraintError):
            load(db, clash)
    finally:
        db.driver.execute_query("DROP CONSTRAINT test_exports_commodity IF EXISTS", database_=db.database)
    assert dump_graph(db.driver, db.database) == before  # no Article, node, MENTIONS or fact of it


def test_every_fact_carries_provenance(db):
    for f in (article_a(), article_b(), article_a2()):
        load(db, f)
    assert find_provenance_violations(db.driver, db.database) == []
    # every fact has a report per supporting sentence, from as many articles as its support says
    records, _, _ = db.driver.execute_query(
        "MATCH ()-[r:HOLDS_POSITION|VISITED|SIGNED|PARTY_TO|EXPORTS_TO|TRADE_VOLUME|PARTICIPATED_IN]->() "
        "RETURN r.fact_id AS id, r.support AS support",
        database_=db.database,
    )
    assert records
    for rec in records:
        evidence = reports(db.driver, db.database, rec["id"])
        assert evidence and len({r["article"] for r in evidence}) == rec["support"]
    # a report whose fact is gone is a violation too: the check can fail
    db.driver.execute_query(
        "MATCH (a:Article) WITH a LIMIT 1 MATCH (n:Region) WITH a, n LIMIT 1 "
        "CREATE (a)-[:STATES {fact_id: 'nowhere', sentence: 'x', start: 0, end: 1}]->(n)",
        database_=db.database,
    )
    assert find_provenance_violations(db.driver, db.database) == [{"type": "STATES", "fact_id": "nowhere"}]


def test_gazetteer_structure_loads_once_and_survives_replacement(db):
    places = load_gazetteer().places()
    first = load_gazetteer_structure(db.driver, db.database, places)
    assert first["Region"] > 100 and first["PART_OF"] > 100 and first["LOCATED_IN"] > 100
    assert load_gazetteer_structure(db.driver, db.database, places) == {}
    records, _, _ = db.driver.execute_query(
        "MATCH (:City {key: 'KZ-C-PETROPAVLOVSK'})-[:LOCATED_IN]->(r:Region)-[:PART_OF]->(c:Country) "
        "RETURN r.key AS region, c.key AS country",
        database_=db.database,
    )
    assert [r.data() for r in records] == [{"region": "KZ-59", "country": "KZ"}]
    load(db, article_a())
    load(db, article_a2())
    load(db, article_b())
    delete_article(db.driver, article_b().article.id, db.database)
    delete_article(db.driver, article_a2().article.id, db.database)
    records, _, _ = db.driver.execute_query(
        "MATCH (r:Region {key: 'RU-KGN'}) RETURN r.gazetteer AS g, r.aliases AS aliases, "
        "COUNT { (r)-[x]-() WHERE NOT type(x) IN ['PART_OF', 'LOCATED_IN'] } AS rels",
        database_=db.database,
    )
    assert records[0].data() == {"g": True, "aliases": None, "rels": 0}  # no article, only structure left


def test_each_report_keeps_its_rule_and_confidence_and_the_fact_the_highest(db):
    a, b = article_a(), article_b()
    a.relations[0] = a.relations[0].model_copy(update={"rule": "title_before_name", "confidence": 0.7})
    b.relations[0] = b.relations[0].model_copy(update={"rule": "name_comma_title", "confidence": 0.9})
    load(db, a)
    load(db, b)
    (pos,) = fact(db.driver, db.database, "HOLDS_POSITION", "вадим шумков", "RU-KGN")
    assert pos["confidence"] == 0.9
    records, _, _ = db.driver.execute_query(
        "MATCH (a:Article)-[s:STATES {fact_id: $id}]->() RETURN a.source AS source, s.rule AS rule, "
        "s.confidence AS confidence ORDER BY source",
        id=pos["fact_id"],
        database_=db.database,
    )
    assert [r.data() for r in records] == [
        {"source": "a.txt", "rule": "title_before_name", "confidence": 0.7},
        {"source": "b.txt", "rule": "name_comma_title", "confidence": 0.9},
    ]
    delete_article(db.driver, b.article.id, db.database)  # the highest goes with its report
    (pos,) = fact(db.driver, db.database, "HOLDS_POSITION", "вадим шумков", "RU-KGN")
    assert pos["confidence"] == 0.7 and pos["support"] == 1


def test_a_fact_counts_its_reports_through_loads_removals_and_an_older_graph(db):
    """`evidence` is the number of STATES records behind a fact: what exports_by_hs_chapter sums."""
    twice = "Курганская область продает рыбу в СКО. Рыбу из Курганской области закупает СКО."
    s1, s2 = twice.split(". ")[0] + ".", twice.split(". ")[1]
    c = facts(
        twice,
        "c.txt",
        [KGN, SKO, FISH],
        [
            rel("EXPORTS_TO", KGN, SKO, s1, commodity="рыба"),
            rel("EXPORTS_TO", KGN, SKO, s2, start=len(s1) + 1, commodity="рыба"),
        ],
        published="2025-08-01",
    )

    def fish() -> dict:
        (f,) = fact(db.driver, db.database, "EXPORTS_TO", "RU-KGN", "KZ-59", commodity="рыба")
        assert f["evidence"] == len(reports(db.driver, db.database, f["fact_id"]))
        return f

    load(db, article_b())
    assert fish()["evidence"] == 1
    load(db, c)
    assert fish()["evidence"] == 3 and fish()["support"] == 2
    delete_article(db.driver, article_b().article.id, db.database)
    assert fish()["evidence"] == 2
    # a graph written before facts counted their reports: the next report counts the old ones too
    db.driver.execute_query("MATCH ()-[r:EXPORTS_TO]->() REMOVE r.evidence", database_=db.database)
    load(db, article_b())
    assert fish()["evidence"] == 3
    assert find_provenance_violations(db.driver, db.database) == []
