"""Summaries kept by every load, for the articles it writes: activity per region and month, partnerships."""

from __future__ import annotations

# What the slow queries used to aggregate at read time is kept here as counters that each article
# adds to when it is loaded and takes back when it is removed, so a load costs what its articles
# say, whatever the size of the graph. Each summary is a sum over articles of what one article
# contributes, computed from that article's own rows alone: the same whichever order, batches or
# path (transactional, bulk) loaded the articles, and exact when an article is replaced.
#
#   (:Activity {key, region, month, facts, articles})      one per region and month of the reports
#   (:Partnership {key, weight, articles, kinds, kind_counts})-[:PARTNER]- both places
#   (:Article)-[:COUNTED_IN {facts | weight, kind_counts, fact_ids}]->(summary)   what one article added
#
# One article's contribution (the rules of the old read-time queries, taken within the article):
# a fact's places are its endpoints that are places, a city standing for its region and an official
# for the places the same article names him an official of. `Activity`: every region among the
# places of the article's visits, signings, parties, exports, trade figures and participations
# counts the article once and each such fact of it once, in the month the fact happened when the
# article dates it (a visit's or signing's date), else in the article's publication month ("unknown"
# when neither is known). `Partnership`: two places (not a region and its own country) are linked
# by a visit, an export flow or a trade figure between them, or by a document or event both are
# party to (one link per document or event); `weight` adds up each article's distinct links.
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from coopgraph.graph.rows import LoadRows, Row, month_of

ACTIVITY_TYPES = ("VISITED", "SIGNED", "PARTY_TO", "EXPORTS_TO", "TRADE_VOLUME", "PARTICIPATED_IN")
DIRECT_TYPES = ("VISITED", "EXPORTS_TO", "TRADE_VOLUME")
HUB_TYPES = ("PARTY_TO", "SIGNED", "PARTICIPATED_IN")
KINDS = tuple(sorted(DIRECT_TYPES + HUB_TYPES))  # kind_counts[i] counts the articles linking by KINDS[i]
PLACE_LABELS = ("Country", "Region", "City")


@dataclass
class ArticleView:
    """What a summary needs of one article: its month, its facts' endpoints and the places' properties."""

    id: str
    month: str
    facts: list[tuple[str, str, str, str]]  # (type, fact_id, source uid, target uid)
    nodes: dict[str, Row]  # uid -> {region, country, ...}: a city's region, a region's country
    # fact_id -> the earliest date the article's reports of it give (VISITED, SIGNED): the month the
    # fact counts in for activity, before the article's own month
    dates: dict[str, str] = field(default_factory=dict)

    def month_of_fact(self, fact_id: str) -> str:
        """When the fact happened, as far as this article says: its event month, else the article's."""
        d = self.dates.get(fact_id)
        return d[:7] if d and len(d) >= 7 else self.month

    @classmethod
    def of_rows(cls, rows: LoadRows, nodes: dict[str, Row]) -> ArticleView:
        """`nodes`: the places' properties as the graph has them (a city's region from the gazetteer)."""
        facts = [
            (rtype, r["fact_id"], r["source"], r["target"])
            for (rtype, _undirected), fact_rows in rows.facts.items()
            for r in fact_rows
        ]
        dates = {
            r["fact_id"]: min(d)
            for fact_rows in rows.facts.values()
            for r in fact_rows
            if (d := [rep["date"] for rep in r["reports"] if rep.get("date")])
        }
        return cls(rows.article["id"], month_of(rows.article.get("published")), facts, nodes, dates)


@dataclass
class Link:
    """One article's contribution to one pair of places."""

    facts: set[str] = field(default_factory=set)  # fact ids of direct links, document/event uids of shared ones
    kinds: set[str] = field(default_factory=set)
    fact_ids: set[str] = field(default_factory=set)


def label_of(uid: str) -> str:
    return uid.partition(":")[0]


class Places:
    """The places an endpoint stands for within one article."""

    def __init__(self, view: ArticleView):
        self.nodes = view.nodes
        self.offices: dict[str, set[str]] = {}
        for rtype, _fid, source, target in view.facts:
            if rtype == "HOLDS_POSITION" and label_of(target) in PLACE_LABELS:
                self.offices.setdefault(source, set()).update(self.place(target))

    def place(self, uid: str) -> set[str]:
        label = label_of(uid)
        if label in ("Region", "Country"):
            return {uid}
        if label == "City":
            region = (self.nodes.get(uid) or {}).get("region")
            return {f"Region:{region}"} if region else {uid}
        if label == "Person":
            return self.offices.get(uid, set())
        return set()

    def same_side(self, a: str, b: str) -> bool:
        """A region and its own country are one side, not partners."""
        for region, country in ((a, b), (b, a)):
            if label_of(region) == "Region" and label_of(country) == "Country":
                code = (self.nodes.get(region) or {}).get("country")
                if code and f"Country:{code}" == country:
                    return True
        return False


def activity_of(view: ArticleView) -> dict[tuple[str, str], int]:
    """(region uid, month) -> how many of the article's facts involve the region in that month (the
    month the fact happened in when the article dates it, else the article's month)."""
    places = Places(view)
    counts: dict[tuple[str, str], int] = {}
    for rtype, fid, source, target in view.facts:
        if rtype not in ACTIVITY_TYPES:
            continue
        regions = {p for p in places.place(source) | places.place(target) if label_of(p) == "Region"}
        for region in regions:
            key = (region, view.month_of_fact(fid))
            counts[key] = counts.get(key, 0) + 1
    return counts


def links_of(view: ArticleView) -> dict[tuple[str, str], Link]:
    """(place, place) sorted -> what the article says links them."""
    places = Places(view)
    links: dict[tuple[str, str], Link] = {}

    def add(x: str, y: str, fact: str, kinds: Iterable[str], fids: Iterable[str]) -> None:
        for px in places.place(x):
            for py in places.place(y):
                if px == py or places.same_side(px, py):
                    continue
                link = links.setdefault((px, py) if px < py else (py, px), Link())
                link.facts.add(fact)
                link.kinds.update(kinds)
                link.fact_ids.update(fids)

    hubs: dict[str, list[tuple[str, str, str]]] = {}
    for rtype, fid, source, target in view.facts:
        if rtype in DIRECT_TYPES:
            add(source, target, fid, [rtype], [fid])
        elif rtype in HUB_TYPES:
            hubs.setdefault(target, []).append((source, rtype, fid))
    for hub, parties in sorted(hubs.items()):
        for (x, kx, fx), (y, ky, fy) in combinations(sorted(parties), 2):
            add(x, y, hub, {kx, ky}, [fx, fy])
    return links


# ---------------------------------------------------------------- a batch's summary rows


@dataclass
class SummaryRows:
    """The Activity and Partnership rows of many articles, one per summary node, sorted by key."""

    activity: list[Row] = field(default_factory=list)
    partnerships: list[Row] = field(default_factory=list)


def summary_rows(views: Iterable[ArticleView]) -> SummaryRows:
    """Fold many articles' contributions: one row per summary node with each article's part in `arts`."""
    activity: dict[str, Row] = {}
    pairs: dict[str, Row] = {}
    for view in views:
        for (region, month), facts in activity_of(view).items():
            key = f"{region}|{month}"
            row = activity.setdefault(
                key, {"key": key, "region": region.partition(":")[2], "month": month, "facts": 0, "arts": []}
            )
            row["facts"] += facts
            row["arts"].append({"id": view.id, "facts": facts})
        for (a, b), link in links_of(view).items():
            key = f"{a}|{b}"
            row = pairs.setdefault(
                key, {"key": key, "a": a, "b": b, "weight": 0, "kinds": [0] * len(KINDS), "arts": []}
            )
            counts = [1 if kind in link.kinds else 0 for kind in KINDS]
            row["weight"] += len(link.facts)
            row["kinds"] = [x + y for x, y in zip(row["kinds"], counts)]
            row["arts"].append(
                {"id": view.id, "weight": len(link.facts), "kind_counts": counts, "fact_ids": sorted(link.fact_ids)}
            )
    return SummaryRows(activity=[activity[k] for k in sorted(activity)], partnerships=[pairs[k] for k in sorted(pairs)])


def kinds_of(counts: list[int]) -> list[str]:
    return [kind for kind, n in zip(KINDS, counts) if n > 0]


# ---------------------------------------------------------------- Cypher

# Articles are matched by id (unique index); `arts` carries each article's own part, kept on its
# COUNTED_IN relationship so that removing the article takes back exactly that.
ADD_ACTIVITY = """
UNWIND $rows AS row
MERGE (m:Activity {key: row.key})
ON CREATE SET m.region = row.region, m.month = row.month, m.facts = 0, m.articles = 0
SET m.facts = m.facts + row.facts, m.articles = m.articles + size(row.arts)
WITH m, row
UNWIND row.arts AS part
MATCH (a:Article {id: part.id})
CREATE (a)-[:COUNTED_IN {facts: part.facts}]->(m)
"""

ADD_PARTNERSHIPS = """
UNWIND $rows AS row
MERGE (p:Partnership {key: row.key})
ON CREATE SET p.weight = 0, p.articles = 0, p.kind_counts = [k IN $kinds | 0]
SET p.weight = p.weight + row.weight, p.articles = p.articles + size(row.arts),
    p.kind_counts = [i IN range(0, size($kinds) - 1) | p.kind_counts[i] + row.kinds[i]]
SET p.kinds = [i IN range(0, size($kinds) - 1) WHERE p.kind_counts[i] > 0 | $kinds[i]]
WITH p, row
CALL (p, row) {
  UNWIND [row.a, row.b] AS uid
  WITH p, uid, split(uid, ':')[0] AS label, substring(uid, size(split(uid, ':')[0]) + 1) AS key
  CALL (label, key) {
    MATCH (x:Region {key: key}) WHERE label = 'Region' RETURN x
    UNION
    MATCH (x:Country {key: key}) WHERE label = 'Country' RETURN x
    UNION
    MATCH (x:City {key: key}) WHERE label = 'City' RETURN x
  }
  MERGE (x)-[:PARTNER]->(p)
}
WITH p, row
UNWIND row.arts AS part
MATCH (a:Article {id: part.id})
CREATE (a)-[:COUNTED_IN {weight: part.weight, kind_counts: part.kind_counts, fact_ids: part.fact_ids}]->(p)
"""

# Removing an article takes back what its COUNTED_IN relationships say it added; a summary no
# article counts in any more goes.
REMOVE_SUMMARIES = """
MATCH (:Article {id: $id})-[c:COUNTED_IN]->(m)
SET m.articles = m.articles - 1,
    m.facts = CASE WHEN m:Activity THEN m.facts - c.facts ELSE m.facts END,
    m.weight = CASE WHEN m:Partnership THEN m.weight - c.weight ELSE m.weight END,
    m.kind_counts = CASE WHEN m:Partnership THEN [i IN range(0, size($kinds) - 1) | m.kind_counts[i] - c.kind_counts[i]]
                    ELSE m.kind_counts END
SET m.kinds = CASE WHEN m:Partnership THEN [i IN range(0, size($kinds) - 1) WHERE m.kind_counts[i] > 0 | $kinds[i]]
              ELSE m.kinds END
DELETE c
WITH DISTINCT m
WHERE m.articles = 0
DETACH DELETE m
"""
