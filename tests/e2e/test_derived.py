"""Summaries against a real Neo4j: kept by every load by the queries' rules, exact on replacement, equal to a rebuild."""

from __future__ import annotations

from test_load import INGESTED, KGN, SHUMKOV, SKO, ent, facts, rel

from coopgraph.graph.derived import refresh_derived
from coopgraph.graph.load import delete_article, load_batch, load_facts
from coopgraph.graph.rows import adapt_facts

RU = ent("Country", "Россия", key="RU")
PTR = ent("City", "Петропавловск", key="KZ-C-PETROPAVLOVSK", region="KZ-59", country="KZ")
OMS = ent("Region", "Омская область", key="RU-OMS", country="RU")
GRAIN = ent("Commodity", "зерно")
FORUM = ent("Event", "Форум")
KGN_RU = KGN.model_copy(update={"country": "RU"})

SUMMARIES = """
CALL () {
  MATCH (m:Activity) RETURN 'activity' AS kind, m.key AS key, m.facts AS n, m.articles AS articles, null AS kinds,
         COLLECT { MATCH (m)<-[c:COUNTED_IN]-(a) RETURN a.id + ':' + toString(c.facts) ORDER BY a.id } AS parts
  UNION ALL
  MATCH (p:Partnership) RETURN 'partnership' AS kind, p.key AS key, p.weight AS n, p.articles AS articles,
         p.kinds AS kinds,
         COLLECT { MATCH (p)<-[c:COUNTED_IN]-(a) RETURN a.id + ':' + toString(c.weight) ORDER BY a.id } +
         COLLECT { MATCH (x)-[:PARTNER]->(p) RETURN x.key ORDER BY x.key } AS parts
}
RETURN kind, key, n, articles, kinds, parts ORDER BY kind, key
"""


def summaries(db) -> dict[str, dict]:
    records, _, _ = db.driver.execute_query(SUMMARIES, database_=db.database)
    return {r["key"]: r.data() for r in records}


def article_1():
    """Kurgan's governor visits Петропавловск (СКО); Kurgan exports grain to СКО; both sign at a forum."""
    text = "Губернатор Курганской области Вадим Шумков посетил Петропавловск. Зерно идет в СКО. Форум прошел."
    return facts(
        text,
        "one.txt",
        [KGN_RU, SKO, SHUMKOV, PTR, GRAIN, FORUM],
        [
            rel("HOLDS_POSITION", SHUMKOV, KGN_RU, text, title="губернатор"),
            rel("VISITED", SHUMKOV, PTR, text),
            rel("EXPORTS_TO", KGN_RU, SKO, text, commodity="зерно"),
            rel("PARTICIPATED_IN", KGN_RU, FORUM, text),
            rel("PARTICIPATED_IN", SKO, FORUM, text),
        ],
        published="2025-03-04",
    )


def article_2():
    """Another month: the same export, Омская область at the same forum, Kurgan's turnover with Россия."""
    text = "Курганская область продает зерно СКО. Омская область была на форуме. Товарооборот с Россией вырос."
    return facts(
        text,
        "two.txt",
        [KGN_RU, SKO, OMS, RU, GRAIN, FORUM],
        [
            rel("EXPORTS_TO", KGN_RU, SKO, text, commodity="зерно"),
            rel("PARTICIPATED_IN", OMS, FORUM, text),
            rel("TRADE_VOLUME", KGN_RU, RU, text, kind="turnover", value=1e6, currency="USD", year=2024),
        ],
        published="2025-04-01",
    )


def test_summaries_follow_the_rules_within_each_article(db):
    one, two = article_1(), article_2()
    load_facts(db.driver, one, db.database, ingested=INGESTED)
    load_facts(db.driver, two, db.database, ingested=INGESTED)
    got = summaries(db)
    pair = got["Region:KZ-59|Region:RU-KGN"]
    # article 1: the governor's visit to a city of СКО, the export, the forum both attended (3 links);
    # article 2: the export again (1): Омская область and Kurgan are not at the forum in the same article
    assert pair["n"] == 4 and pair["articles"] == 2
    assert pair["kinds"] == ["EXPORTS_TO", "PARTICIPATED_IN", "VISITED"]
    assert pair["parts"] == sorted([f"{one.article.id}:3", f"{two.article.id}:1"]) + ["KZ-59", "RU-KGN"]
    assert not any("RU-OMS" in key for key in got if key.startswith("Region:") and "|Region:" in key)
    assert "Country:RU|Region:RU-KGN" not in got  # a region and its own country are one side
    # activity: each month counts its articles and each of their facts once
    assert got["Region:RU-KGN|2025-03"]["n"] == 3 and got["Region:RU-KGN|2025-03"]["articles"] == 1
    assert got["Region:RU-KGN|2025-04"]["n"] == 2  # the export and the turnover
    assert got["Region:KZ-59|2025-03"]["n"] == 3  # the visit to its city, the export, the forum
    assert got["Region:RU-OMS|2025-04"]["n"] == 1


def test_incremental_summaries_equal_a_rebuild_and_follow_replacement(db):
    one, two = article_1(), article_2()
    load_batch(db.driver, [adapt_facts(one), adapt_facts(two)], db.database, ingested=INGESTED)
    kept = summaries(db)
    refresh_derived(db.driver, db.database)
    assert summaries(db) == kept and kept
    # the same source with another text: article 1's part goes, the new text's comes
    text = "Губернатор Курганской области Вадим Шумков сообщил, что зерно идет в СКО."
    changed = facts(
        text,
        "one.txt",
        [KGN_RU, SKO, SHUMKOV, GRAIN],
        [
            rel("HOLDS_POSITION", SHUMKOV, KGN_RU, text, title="губернатор"),
            rel("EXPORTS_TO", KGN_RU, SKO, text, commodity="зерно"),
        ],
        published="2025-04-20",
    )
    assert load_facts(db.driver, changed, db.database, ingested=INGESTED).status == "replaced"
    after = summaries(db)
    assert "Region:RU-KGN|2025-03" not in after and after["Region:RU-KGN|2025-04"]["articles"] == 2
    assert after["Region:KZ-59|Region:RU-KGN"]["n"] == 2 and after["Region:KZ-59|Region:RU-KGN"]["kinds"] == [
        "EXPORTS_TO"
    ]
    refresh_derived(db.driver, db.database)
    assert summaries(db) == after
    for f in (changed, two):
        delete_article(db.driver, f.article.id, db.database)
    assert summaries(db) == {}


def test_the_seed_graph_summaries_equal_a_rebuild(seed_graph):
    driver, database = seed_graph

    class Handle:
        pass

    handle = Handle()
    handle.driver, handle.database = driver, database
    kept = summaries(handle)
    assert len([k for k in kept if "|Region:" in k or "|Country:" in k]) >= 5
    refresh_derived(driver, database)
    assert summaries(handle) == kept


def test_an_empty_graph_has_no_summaries(db):
    assert refresh_derived(db.driver, db.database).pairs == 0
    assert summaries(db) == {}
