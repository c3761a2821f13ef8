"""The summaries rebuilt from scratch: what every load keeps incrementally, recomputed from the facts in the graph."""

from __future__ import annotations

# Loads keep the summaries (graph/summaries.py) up to date for the articles they write; this full
# rebuild is for a graph loaded before they existed (`coopgraph db refresh`) and is the definition
# the incremental counters are tested against: the same rows, folded from every article's reports.
import time
from dataclasses import dataclass

import neo4j

from coopgraph.graph.rows import FACT_TYPES, Row, month_of
from coopgraph.graph.summaries import (
    ADD_ACTIVITY,
    ADD_PARTNERSHIPS,
    KINDS,
    ArticleView,
    summary_rows,
)

BATCH = 2_000

DELETE_SUMMARIES = """
MATCH (m) WHERE m:Activity OR m:Partnership
CALL (m) { DETACH DELETE m } IN TRANSACTIONS OF 5000 ROWS
"""
PLACES = """
MATCH (n) WHERE n:Region OR n:Country OR n:City
RETURN [l IN labels(n) WHERE l <> 'Entity'][0] + ':' + n.key AS uid, n.region AS region, n.country AS country
"""
# each fact the article reports, with the earliest date its reports give (the month it counts in)
ARTICLE_VIEW = """
RETURN a.id AS id, a.published AS published,
       COLLECT { MATCH (a)-[s:STATES]->() WITH s.fact_id AS f, min(s.date) AS d RETURN [f, d] } AS facts
"""
ARTICLES = "MATCH (a:Article)" + ARTICLE_VIEW


def facts_query(rtype: str, by_id: bool = False) -> str:
    """Each fact's id and its two ends' uids: all facts of the type, or (`by_id`) those of `$ids`."""
    if rtype not in FACT_TYPES:
        raise ValueError(f"not a fact type: {rtype!r}")
    match = (
        f"UNWIND $ids AS fid\nMATCH (x)-[f:{rtype} {{fact_id: fid}}]->(y)" if by_id else f"MATCH (x)-[f:{rtype}]->(y)"
    )
    return f"""
{match}
RETURN f.fact_id AS fact_id, [l IN labels(x) WHERE l <> 'Entity'][0] + ':' + x.key AS source,
       [l IN labels(y) WHERE l <> 'Entity'][0] + ':' + y.key AS target
"""


@dataclass(frozen=True)
class DerivedReport:
    pairs: int
    facts: int
    seconds: float


def refresh_derived(driver: neo4j.Driver, database: str | None = None) -> DerivedReport:
    """Recompute every Activity and Partnership summary from the reports now in the graph; idempotent."""
    t0 = time.perf_counter()
    db = database or "neo4j"
    with driver.session(database=db, notifications_min_severity="OFF") as session:
        session.run(DELETE_SUMMARIES).consume()  # IN TRANSACTIONS needs an auto-commit transaction
        views, facts = session.execute_read(read_views)
        rows = summary_rows(views)
        for i in range(0, len(rows.activity), BATCH):
            session.execute_write(_run, ADD_ACTIVITY, rows=rows.activity[i : i + BATCH])
        for i in range(0, len(rows.partnerships), BATCH):
            session.execute_write(_run, ADD_PARTNERSHIPS, rows=rows.partnerships[i : i + BATCH], kinds=list(KINDS))
    return DerivedReport(pairs=len(rows.partnerships), facts=facts, seconds=time.perf_counter() - t0)


def _run(tx: neo4j.ManagedTransaction, /, query: str, **params: object) -> None:
    tx.run(query, params).consume()


ARTICLES_BY_ID = (
    """
UNWIND $ids AS id
MATCH (a:Article {id: id})"""
    + ARTICLE_VIEW
)


def article_views(tx: neo4j.ManagedTransaction, ids: list[str]) -> list[ArticleView]:
    """Some articles as the summaries see them, read from the graph (an article whose documents moved)."""
    places: dict[str, Row] = {r["uid"]: {"region": r["region"], "country": r["country"]} for r in tx.run(PLACES)}
    articles = [r.data() for r in tx.run(ARTICLES_BY_ID, ids=ids)]
    wanted = sorted({f for a in articles for f, _d in a["facts"]})
    facts: dict[str, tuple[str, str, str]] = {}
    for rtype in FACT_TYPES:
        for r in tx.run(facts_query(rtype, by_id=True), ids=wanted):
            facts[r["fact_id"]] = (rtype, r["source"], r["target"])
    return [view_of(a, facts, places) for a in articles]


def view_of(article: Row, facts: dict[str, tuple[str, str, str]], places: dict[str, Row]) -> ArticleView:
    """An article's summary view from its reports in the graph: [fact id, earliest date] pairs."""
    reported = [(facts[f][0], f, facts[f][1], facts[f][2]) for f, _d in sorted(article["facts"]) if f in facts]
    dates = {f: d for f, d in article["facts"] if d and f in facts}
    return ArticleView(article["id"], month_of(article["published"]), reported, places, dates)


def read_views(tx: neo4j.ManagedTransaction) -> tuple[list[ArticleView], int]:
    """Every article as the summaries see it: its month and the endpoints of the facts it reports."""
    places: dict[str, Row] = {r["uid"]: {"region": r["region"], "country": r["country"]} for r in tx.run(PLACES)}
    facts: dict[str, tuple[str, str, str]] = {}
    for rtype in FACT_TYPES:
        for r in tx.run(facts_query(rtype)):
            facts[r["fact_id"]] = (rtype, r["source"], r["target"])
    views = [view_of(r.data(), facts, places) for r in tx.run(ARTICLES)]
    return views, len(facts)
