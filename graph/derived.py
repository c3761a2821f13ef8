"""Derived data that canned queries read instead of aggregating the whole graph: place-to-place cooperation edges."""

from __future__ import annotations

# cooperation_network ranks every pair of places by the facts linking them. Computed per call it
# walks every fact and pairs every co-party of every document and event (quadratic in a forum's
# participants): seconds at 10k articles, past any timeout at 100k. So the pairs are folded here,
# after a load, into (:Place)-[:COOPERATES_WITH {weight, kinds, articles, fact_ids, sample_articles}]->(:Place)
# edges, the lower name first; the query then reads a few thousand edges. region_profile reads the
# edges of one region: `fact_ids` (at most MAX_FACT_IDS, sorted) and `sample_articles` (the
# MAX_SAMPLES newest supporting articles) let it cite without walking the facts again.
#
# The rules are the query's own: a fact is a visit, an export flow or a trade figure between two
# places, or one document or event both are party to (one fact per document or event); a city
# counts as its region, an official as the place he serves (his first office, as the query's
# head() did), a region and its own country are one side.
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

import neo4j

DIRECT_TYPES = ("VISITED", "EXPORTS_TO", "TRADE_VOLUME")
HUB_TYPES = ("PARTY_TO", "SIGNED", "PARTICIPATED_IN")
EDGE = "COOPERATES_WITH"
BATCH = 5_000
MAX_FACT_IDS = 20
MAX_SAMPLES = 10

PLACES = """
MATCH (n) WHERE n:Region OR n:Country
RETURN elementId(n) AS node, elementId(n) AS place
UNION ALL
MATCH (n:City)
RETURN elementId(n) AS node, coalesce(head(COLLECT { MATCH (n)-[:LOCATED_IN]->(g:Region) RETURN elementId(g) }),
                                      elementId(n)) AS place
UNION ALL
MATCH (n:Person)
WITH n, head(COLLECT {
  MATCH (n)-[:HOLDS_POSITION]->(h) WHERE h:Region OR h:Country OR h:City
  OPTIONAL MATCH (h)-[:LOCATED_IN]->(hg:Region)
  RETURN elementId(coalesce(hg, h)) AS g }) AS place
WHERE place IS NOT NULL
RETURN elementId(n) AS node, place
"""
SAME_SIDE = "MATCH (a)-[:PART_OF]->(b) RETURN elementId(a) AS a, elementId(b) AS b"
NAMES = "MATCH (n) WHERE elementId(n) IN $ids RETURN elementId(n) AS id, n.name AS name"
DIRECT = """
MATCH (x)-[f:VISITED|EXPORTS_TO|TRADE_VOLUME]->(y)
RETURN elementId(x) AS x, elementId(y) AS y, elementId(f) AS fact, type(f) AS kind, f.articles AS articles,
       f.fact_id AS fact_id
"""
HUBS = """
MATCH (x)-[f:PARTY_TO|SIGNED|PARTICIPATED_IN]->(hub)
RETURN elementId(hub) AS hub, elementId(x) AS x, type(f) AS kind, f.articles AS articles, f.fact_id AS fact_id
ORDER BY hub
"""
PUBLISHED = "MATCH (a:Article) RETURN a.id AS id, a.published AS published"
DELETE = f"MATCH ()-[c:{EDGE}]->() DELETE c"
WRITE = f"""
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.a
MATCH (b) WHERE elementId(b) = row.b
CREATE (a)-[:{EDGE} {{weight: row.weight, kinds: row.kinds, articles: row.articles, fact_ids: row.fact_ids,
                       sample_articles: row.sample_articles}}]->(b)
"""


@dataclass(frozen=True)
class DerivedReport:
    pairs: int
    facts: int
    seconds: float


def refresh_derived(driver: neo4j.Driver, database: str | None = None) -> DerivedReport:
    """Recompute every COOPERATES_WITH edge from the facts now in the graph; idempotent (old edges go first)."""
    import time

    t0 = time.perf_counter()
    db = database or "neo4j"
    with driver.session(database=db, notifications_min_severity="OFF") as session:
        pairs, facts = session.execute_write(_refresh)
    return DerivedReport(pairs=pairs, facts=facts, seconds=time.perf_counter() - t0)


def _refresh(tx) -> tuple[int, int]:
    """One transaction: the old edges are deleted first, which locks them, so two ingests finishing
    together refresh one after the other and the later one reads the earlier one's facts."""
    tx.run(DELETE).consume()
    place = {r["node"]: r["place"] for r in tx.run(PLACES)}
    same_side = {frozenset((r["a"], r["b"])) for r in tx.run(SAME_SIDE)}
    weight: dict[tuple[str, str], set[str]] = defaultdict(set)
    kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    fact_ids: dict[tuple[str, str], set[str]] = defaultdict(set)

    def add(x: str, y: str, fact: str, kind: str, arts, fids) -> None:
        px, py = place.get(x), place.get(y)
        if px is None or py is None or px == py or frozenset((px, py)) in same_side:
            return
        pair = (px, py) if px < py else (py, px)
        weight[pair].add(fact)
        kinds[pair].add(kind)
        articles[pair].update(arts or ())
        fact_ids[pair].update(i for i in fids if i)

    facts = 0
    for r in tx.run(DIRECT):
        facts += 1
        add(r["x"], r["y"], r["fact"], r["kind"], r["articles"], [r["fact_id"]])

    def fold(hub: str, links: list) -> None:
        # one fact per hub and pair of its parties; both parties' links count as kinds (the old per-call
        # query took the link of the party with the smaller elementId, which depends on load order)
        for (x, kx, ax, fx), (y, ky, ay, fy) in combinations(sorted(links, key=lambda link: link[:2]), 2):
            for kind in {kx, ky}:
                add(x, y, hub, kind, list(ax or ()) + list(ay or ()), [fx, fy])

    hub, links = None, []
    for r in tx.run(HUBS):
        if r["hub"] != hub:
            if hub is not None:
                facts += 1
                fold(hub, links)
            hub, links = r["hub"], []
        links.append((r["x"], r["kind"], r["articles"], r["fact_id"]))
    if hub is not None:
        facts += 1
        fold(hub, links)

    ids = sorted({p for pair in weight for p in pair})
    names = {r["id"]: r["name"] or "" for r in tx.run(NAMES, ids=ids)}
    published = {r["id"]: r["published"] or "" for r in tx.run(PUBLISHED)}
    rows = []
    for (p1, p2), fs in weight.items():
        a, b = (p1, p2) if (names.get(p1, ""), p1) <= (names.get(p2, ""), p2) else (p2, p1)
        rows.append(
            {
                "a": a,
                "b": b,
                "weight": len(fs),
                "kinds": sorted(kinds[(p1, p2)]),
                "articles": len(articles[(p1, p2)]),
                "fact_ids": sorted(fact_ids[(p1, p2)])[:MAX_FACT_IDS],
                "sample_articles": sorted(articles[(p1, p2)], key=lambda i: (published.get(i, ""), i), reverse=True)[
                    :MAX_SAMPLES
                ],
            }
        )
    for i in range(0, len(rows), BATCH):
        tx.run(WRITE, rows=rows[i : i + BATCH]).consume()
    return len(rows), facts
