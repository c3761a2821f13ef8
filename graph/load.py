"""Loading extracted ArticleFacts into Neo4j: per article or many per transaction; each report its own record."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

import neo4j

from coopgraph.exceptions import LoadError
from coopgraph.graph.claims import BUCKET_SLOTS, restored
from coopgraph.graph.derived import article_views
from coopgraph.graph.events import ARTICLE_CLAIMS, DOCUMENT_TYPES, Link, Settled, fact_events_query, settle
from coopgraph.graph.rows import (
    DATED_TYPES,
    ENTITY_LABELS,
    FACT_TYPES,
    NODE_PROPS,
    Fold,
    LoadRows,
    Row,
    adapt_article,
    adapt_article_only,
    adapt_fact_id,
    adapt_facts,
    fold_rows,
    normalise_name,
    split_key,
)
from coopgraph.graph.summaries import (
    ADD_ACTIVITY,
    ADD_PARTNERSHIPS,
    KINDS,
    PLACE_LABELS,
    REMOVE_SUMMARIES,
    summary_rows,
)
from coopgraph.graph.summaries import ArticleView as ArticleView
from coopgraph.ingest.records import ArticleFacts

__all__ = [
    "DATED_TYPES",
    "ENTITY_LABELS",
    "FACT_TYPES",
    "NODE_PROPS",
    "LoadError",
    "LoadRows",
    "adapt_article",
    "adapt_article_only",
    "adapt_fact_id",
    "adapt_facts",
    "normalise_name",
    "split_key",
]

DEFAULT_BATCH_SIZE = 1000
DEFAULT_BATCH_ARTICLES = 200  # articles per batch transaction (see graph/LOADING.md, "Speed")
DEFAULT_BATCH_ROWS = 5000  # ... or fewer, once their relationship rows reach this
T = TypeVar("T")


@dataclass
class LoadResult:
    """What loading one article did to the graph."""

    article_id: str
    source: str
    status: str  # "new", "unchanged", "replaced"; "pending" when facts are needed (see LoadRows.complete)
    created: Counter[str] = field(default_factory=Counter)  # label or relationship type -> count
    deleted: Counter[str] = field(default_factory=Counter)
    replaced: list[str] = field(default_factory=list)  # ids of articles this one displaced at its source


@dataclass
class BatchResult:
    """What one batch transaction did: per-article results of those it wrote, and the rest."""

    results: list[LoadResult] = field(default_factory=list)  # status "new", in input order
    created: Counter[str] = field(default_factory=Counter)  # the whole batch's (not attributable per article)
    # Articles the batch did not write because they are not new (any more): a concurrent writer
    # loaded them, their source gave another text, or the same id/source came twice in the batch.
    # The caller writes them with load_rows, one by one, after this batch.
    deferred: list[LoadRows] = field(default_factory=list)
    rows: int = 0  # relationship rows written (MENTIONS + facts per article)


class ArticleRaced(Exception):
    """Another writer committed one of the articles between this transaction's check and its write; the
    transaction is rolled back and run again, and its check then sees that article."""


def run_write(driver: neo4j.Driver, database: str | None, work: Any, *args: Any, **kwargs: Any) -> Any:
    """A write transaction, run again (at most twice more) when an article raced in meanwhile."""
    for attempt in range(3):
        try:
            with open_session(driver, database) as session:
                return session.execute_write(work, *args, **kwargs)
        except ArticleRaced:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _label(label: str) -> str:
    if label not in ENTITY_LABELS:
        raise LoadError(f"not an entity label: {label!r}")
    return label


def _rtype(rtype: str) -> str:
    if rtype not in FACT_TYPES:
        raise LoadError(f"not a fact type: {rtype!r}")
    return rtype


def chunks(rows: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    size = max(1, int(size))
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def open_session(driver: neo4j.Driver, database: str | None) -> neo4j.Session:
    # The server's notifications ("property key does not exist" on a fresh graph, ...) are about
    # our fixed statements, not the user's data: keep them off the ingest console.
    return driver.session(database=database, notifications_min_severity="OFF")


# ---------------------------------------------------------------- the state of an article

# Which Article each source gave last is kept in (:Source {key: <source>, article: <id>}) nodes under
# a uniqueness constraint: an index seek per source, where scanning every Article's `sources` list
# grew with the graph. Every statement that changes `sources` re-links them (LINK_SOURCES).
STATE = """
OPTIONAL MATCH (same:Article {id: $id})
OPTIONAL MATCH (src:Source {key: $source})
RETURN same IS NOT NULL AS known, $source IN coalesce(same.sources, []) AS here,
       [x IN [src.article] WHERE x IS NOT NULL AND x <> $id] AS stale
"""

# The same question for many (article, source) pairs at once: one index seek per pair.
STATE_MANY = """
UNWIND $rows AS row
OPTIONAL MATCH (same:Article {id: row.id})
OPTIONAL MATCH (src:Source {key: row.source})
RETURN row.i AS i, same IS NOT NULL AS known, row.source IN coalesce(same.sources, []) AS here,
       src.article AS at
"""

LINK_SOURCES = """
MATCH (a:Article {id: $id})
UNWIND a.sources AS path
MERGE (s:Source {key: path})
SET s.article = a.id
"""

UNLINK_SOURCE = """
MATCH (a:Article {id: $id})
WITH a, [s IN a.sources WHERE s <> $source] AS rest
SET a.sources = rest, a.source = CASE WHEN a.source = $source THEN rest[0] ELSE a.source END
RETURN size(rest) AS left
"""

ADD_SOURCE = """
MATCH (a:Article {id: $id})
SET a.sources = a.sources + [s IN [$source] WHERE NOT s IN a.sources]
"""

READ_ARTICLE = "MATCH (a:Article {id: $id}) RETURN a.sources AS sources, a.ingested AS ingested"

SET_SOURCES = "MATCH (a:Article {id: $id}) SET a.sources = $sources, a.source = $sources[0]"


@dataclass
class ArticleState:
    """What the graph knows about one (article id, source) pair before it is written."""

    known: bool  # an Article with this id exists
    here: bool  # ... and lists this source
    stale: list[str]  # the other article this source gave before (a changed text), or []

    @property
    def kind(self) -> str:
        if self.known and self.here:
            return "unchanged"
        if self.stale:
            return "replaced"  # a changed text at a known source
        return "other_source" if self.known else "new"


def check_states(
    driver: neo4j.Driver, pairs: list[tuple[str, str]], database: str | None = None, *, chunk: int = 2000
) -> list[ArticleState]:
    """The state of many (article id, source) pairs, in order: index seeks, one query per chunk."""
    states: list[ArticleState] = []
    with open_session(driver, database) as session:
        for start in range(0, len(pairs), chunk):
            rows = [{"i": i, "id": aid, "source": src} for i, (aid, src) in enumerate(pairs[start : start + chunk])]

            def read(tx: neo4j.ManagedTransaction, r: list[Row] = rows) -> list[neo4j.Record]:
                return list(tx.run(STATE_MANY, rows=r))

            by_i = {rec["i"]: rec for rec in session.execute_read(read)}
            for row in rows:
                rec = by_i[row["i"]]
                at = rec["at"]
                stale = [at] if at is not None and at != row["id"] else []
                states.append(ArticleState(known=rec["known"], here=rec["here"], stale=stale))
    return states


# ---------------------------------------------------------------- removing an article's contribution
#
# Reports are append-only records, so removing an article is: its STATES go, every fact it reported
# loses one supporter (and goes when none is left), and the facts that stay get their dates,
# first/last seen and confidence recomputed from the reports that remain (an index seek on
# STATES.fact_id: work in proportion to the fact's reports, on this rare path only).

ARTICLE_FACT_IDS = "MATCH (:Article {id: $id})-[s:STATES]->() RETURN collect(DISTINCT s.fact_id) AS ids"
DELETE_REPORTS = "MATCH (:Article {id: $id})-[s:STATES]->() DELETE s"
LEDGERS_OF = """
UNWIND $ids AS fid
MATCH ()-[r:TRADE_VOLUME {fact_id: fid}]->()
RETURN collect(DISTINCT r.ledger) AS ledgers
"""


def unsupport_query(rtype: str) -> str:
    """One supporter less for each of these facts; a fact no article reports any more goes."""
    return f"""
UNWIND $ids AS fid
MATCH ()-[r:{_rtype(rtype)} {{fact_id: fid}}]->()
SET r.support = r.support - 1
WITH r WHERE r.support <= 0
DELETE r
RETURN count(*) AS deleted
"""


def recompute_query(rtype: str) -> str:
    """first/last seen, confidence (and dates) of facts that lost a report, from the reports left."""
    dates = (
        ",\n    r.dates = CASE WHEN size(dates) = 0 THEN null ELSE dates END, r.date = head(dates)"
        if rtype in DATED_TYPES
        else ""
    )
    return f"""
UNWIND $ids AS fid
MATCH ()-[r:{_rtype(rtype)} {{fact_id: fid}}]->()
CALL (r) {{
  MATCH (a:Article)-[s:STATES {{fact_id: r.fact_id}}]->()
  RETURN min(coalesce(a.published, a.ingested)) AS first, max(coalesce(a.published, a.ingested)) AS last,
         max(s.confidence) AS confidence, count(s) AS evidence,
         COLLECT {{ MATCH ()-[d:STATES {{fact_id: r.fact_id}}]->() WHERE d.date IS NOT NULL
                   RETURN DISTINCT d.date AS x ORDER BY x }} AS dates
}}
SET r.first_seen = first, r.last_seen = last, r.confidence = confidence, r.evidence = evidence{dates}
"""


DELETE_ARTICLE = """
MATCH (a:Article {id: $id})
CALL (a) {
  UNWIND a.sources AS path
  MATCH (s:Source {key: path}) WHERE s.article = a.id
  DELETE s
}
OPTIONAL MATCH (a)-[:MENTIONS]->(e)
WITH a, collect(elementId(e)) AS entities
DETACH DELETE a
RETURN entities
"""

# An entity no article mentions any more goes, unless the gazetteer put it there (db init).
DELETE_ORPHANS = """
UNWIND $entities AS eid
MATCH (e) WHERE elementId(e) = eid
WITH e WHERE NOT (e)--() AND e.gazetteer IS NULL
WITH e, [l IN labels(e) WHERE l <> 'Entity'][0] AS label
DELETE e
RETURN label, count(*) AS n
"""

# aliases = the sorted union of what every mentioning article called the entity (absent when none).
SET_ALIASES_OF = """
UNWIND $entities AS eid
MATCH (e) WHERE elementId(e) = eid
WITH e, COLLECT { MATCH (:Article)-[m:MENTIONS]->(e) UNWIND m.aliases AS alias
                  RETURN DISTINCT alias ORDER BY alias } AS names
SET e.aliases = CASE WHEN size(names) = 0 THEN null ELSE names END
"""


def delete_article_contribution(tx: neo4j.ManagedTransaction, article_id: str, result: LoadResult) -> None:
    """Remove an article and everything only it supported; shared facts lose one supporter."""
    ids = tx.run(ARTICLE_FACT_IDS, id=article_id).single(strict=True)["ids"]
    ledgers = tx.run(LEDGERS_OF, ids=ids).single(strict=True)["ledgers"]
    tx.run(DELETE_REPORTS, id=article_id).consume()
    for rtype in FACT_TYPES:
        n = tx.run(unsupport_query(rtype), ids=ids).single(strict=True)["deleted"]
        if n:
            result.deleted[rtype] += n
        tx.run(recompute_query(rtype), ids=ids).consume()
    tx.run(UPDATE_LEDGERS, ledgers=ledgers).consume()
    tx.run(REMOVE_SUMMARIES, id=article_id, kinds=list(KINDS)).consume()
    claimed = tx.run(ARTICLE_CLAIMS, id=article_id).single(strict=True)
    rec = tx.run(DELETE_ARTICLE, id=article_id).single()
    if rec is None:
        return
    entities = rec["entities"]
    result.deleted["Article"] += 1
    result.deleted["MENTIONS"] += len(entities)
    # the claims left in its blocks may regroup; its visits may be left without a report (and an
    # entity only they linked to is an orphan only once they are gone)
    settled = settle(tx, [], move_document, claimed["specs"], claimed["events"])
    rederive_summaries(tx, settled, result.created, DEFAULT_BATCH_SIZE)
    result.deleted.update(settled.deleted)
    for rec in tx.run(DELETE_ORPHANS, entities=entities):
        result.deleted[rec["label"]] += rec["n"]
    tx.run(SET_ALIASES_OF, entities=entities).consume()


# ---------------------------------------------------------------- moving a claim between documents
#
# When the claims of a block regroup, an article's report of a document moves from the node it was
# on to its event's node: its PARTY_TO/SIGNED reports get the new fact's id, the facts on both sides
# get one supporter less / more and their counters recomputed from their reports, its MENTIONS moves
# (names merged), the old node goes when no article mentions it, and the article's summary part is
# derived again (its documents are hubs of its partnerships).

# The node an article's document moves to is created, or filled, from the article's own row, as if
# the article had been written there (`node`: its Document row; absent, the node it leaves).
MOVE_NODE = f"""
MATCH (o:Document {{key: $old}})
WITH o, coalesce($node, properties(o)) AS row
MERGE (d:Document {{key: $new}})
ON CREATE SET d.name = row.name
SET d:Entity, {", ".join(f"d.{p} = coalesce(d.{p}, row.{p})" for p in NODE_PROPS)}
"""
MOVE_MENTIONS = """
MATCH (a:Article {id: $id})-[m:MENTIONS]->(o:Document {key: $old})
MATCH (d:Document {key: $new})
MERGE (a)-[n:MENTIONS]->(d)
WITH a, m, n, o, d, COLLECT { UNWIND coalesce(n.aliases, []) + coalesce(m.aliases, []) AS x
                                RETURN DISTINCT x ORDER BY x } AS names
SET n.aliases = CASE WHEN size(names) = 0 THEN null ELSE names END, n.count = coalesce(n.count, 0) + m.count
DELETE m
RETURN [elementId(o), elementId(d)] AS entities
"""
MOVE_REPORTS = """
UNWIND $rows AS row
MATCH (a:Article {id: $id})-[s:STATES {fact_id: row.old}]->(x)
CREATE (a)-[n:STATES]->(x)
SET n = properties(s), n.fact_id = row.new
DELETE s
RETURN DISTINCT row.type AS type, row.old AS old, row.new AS new, elementId(x) AS s
"""


def support_query(rtype: str) -> str:
    """One supporter more for each fact (created between its source and the document when new)."""
    return f"""
UNWIND $rows AS row
MATCH (d:Document {{key: $key}})
MATCH (x) WHERE elementId(x) = row.s
OPTIONAL MATCH ()-[old:{_rtype(rtype)} {{fact_id: row.new}}]->()
CALL (row, old, x, d) {{
  WITH row, old, x, d WHERE old IS NULL
  CREATE (x)-[r:{_rtype(rtype)}]->(d)
  SET r.fact_id = row.new, r.support = 0
  RETURN r
  UNION ALL
  WITH old WHERE old IS NOT NULL
  RETURN old AS r
}}
SET r.support = r.support + 1
RETURN count(*) AS n
"""


def move_document(
    tx: neo4j.ManagedTransaction,
    article_id: str,
    old: str,
    new: str,
    links: list[Link],
    node: Row | None,
    out: Settled,
) -> None:
    """Move one article's report of a document from node `old` to node `new` (keys), as if written there."""
    rows = [
        {
            "type": t,
            "old": adapt_fact_id(t, s, f"Document:{old}", []),
            "new": adapt_fact_id(t, s, f"Document:{new}", []),
        }
        for t, s, _d in sorted(set(links))
        if t in DOCUMENT_TYPES
    ]
    out.created["Document"] += tx.run(MOVE_NODE, old=old, new=new, node=node).consume().counters.nodes_created
    moved = [r.data() for r in tx.run(MOVE_REPORTS, id=article_id, rows=rows)]
    for rtype in DOCUMENT_TYPES:
        mine = [r for r in moved if r["type"] == rtype]
        if not mine:
            continue
        olds, news = sorted({r["old"] for r in mine}), sorted({r["new"] for r in mine})
        out.deleted[rtype] += tx.run(unsupport_query(rtype), ids=olds).single(strict=True)["deleted"]
        tx.run(support_query(rtype), rows=mine, key=new).consume()
        tx.run(recompute_query(rtype), ids=olds + news).consume()
        tx.run(fact_events_query(rtype), ids=olds).consume()
    rec = tx.run(MOVE_MENTIONS, id=article_id, old=old, new=new).single()
    entities = rec["entities"] if rec else []
    for r in tx.run(DELETE_ORPHANS, entities=entities):
        out.deleted[r["label"]] += r["n"]
    tx.run(SET_ALIASES_OF, entities=entities).consume()


SETTLE_CLAIMS_PER_TX = 2000


def settle_claims(
    driver: neo4j.Driver,
    claims: list[tuple[str, Row]],
    database: str | None = None,
    per_tx: int | None = None,
) -> Counter[str]:
    """Settle the events of articles already in the graph whose claims are not (a bulk import's).

    Claims of different blocks never share an event, so whole blocks are settled together, about `per_tx`
    claims to a transaction: one transaction for a 100k-article import ran out of the server's
    transaction memory (dbms.memory.transaction.total.max)."""

    def work(tx: neo4j.ManagedTransaction, batch: list[tuple[str, Row]]) -> Counter[str]:
        created: Counter[str] = Counter()
        settled = settle(tx, batch, move_document)
        rederive_summaries(tx, settled, created, DEFAULT_BATCH_SIZE)
        return created + settled.created

    total: Counter[str] = Counter()
    with open_session(driver, database) as session:
        for batch in block_batches(claims, per_tx or SETTLE_CLAIMS_PER_TX):
            total += session.execute_write(work, batch)
    return total


def block_batches(claims: list[tuple[str, Row]], per_tx: int) -> Iterator[list[tuple[str, Row]]]:
    """The claims cut into batches of whole blocks, each about `per_tx` claims (one block may exceed it)."""
    by_block: dict[str, list[tuple[str, Row]]] = {}
    for claim in claims:
        by_block.setdefault(claim[1]["block"], []).append(claim)
    batch: list[tuple[str, Row]] = []
    for block in sorted(by_block):
        if batch and len(batch) + len(by_block[block]) > per_tx:
            yield batch
            batch = []
        batch += by_block[block]
    if batch:
        yield batch


def rederive_summaries(tx: neo4j.ManagedTransaction, settled: Settled, created: Counter[str], batch_size: int) -> None:
    """The summary part of articles whose documents moved, taken back and derived again from the graph."""
    ids = sorted(settled.moved_articles)
    if not ids:
        return
    for aid in ids:
        tx.run(REMOVE_SUMMARIES, id=aid, kinds=list(KINDS)).consume()
    summaries = summary_rows(article_views(tx, ids))
    for chunk in chunks(summaries.activity, batch_size):
        created["Activity"] += tx.run(ADD_ACTIVITY, rows=chunk).consume().counters.nodes_created
    for chunk in chunks(summaries.partnerships, batch_size):
        created["Partnership"] += (
            tx.run(ADD_PARTNERSHIPS, rows=chunk, kinds=list(KINDS)).consume().counters.nodes_created
        )


# ---------------------------------------------------------------- writing new articles

# ON MATCH: another process loaded the same text from another source between our state check and
# this MERGE (which waited for its commit); its source list must still gain ours.
MERGE_ARTICLES = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
ON CREATE SET a += row, a.sources = [row.source], a.ingested = $ingested
ON MATCH SET a.sources = a.sources + [s IN [row.source] WHERE NOT s IN a.sources]
RETURN row.id AS id, elementId(a) AS eid
"""

LINK_SOURCES_MANY = """
UNWIND $eids AS eid
MATCH (a) WHERE elementId(a) = eid
UNWIND a.sources AS path
MERGE (s:Source {key: path})
SET s.article = a.id
"""


def merge_nodes_query(label: str) -> str:
    """MERGE one label's nodes by key; returns each node's elementId for the statements after it.

    The SET also write-locks every node a batch touches (nodes sorted by label and key, so two
    writers lock shared nodes in the same order): a fact between two locked nodes cannot be
    created twice by two writers, which the fact statement relies on."""
    fill = ",\n    ".join(f"n.{p} = coalesce(n.{p}, row.{p})" for p in NODE_PROPS)
    return f"""
UNWIND $rows AS row
MERGE (n:{_label(label)} {{key: row.key}})
ON CREATE SET n.name = row.name
SET n:Entity,
    {fill}
RETURN row.key AS key, elementId(n) AS eid, n.region AS region, n.country AS country
"""


MERGE_MENTIONS = """
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.a
MATCH (n) WHERE elementId(n) = row.n
MERGE (a)-[m:MENTIONS]->(n)
SET m.aliases = row.aliases, m.count = row.count
"""

# The union of the names old and new MENTIONS give, without reading them all (a region has thousands).
ADD_ALIASES = """
UNWIND $rows AS row
MATCH (n) WHERE elementId(n) = row.n
SET n.aliases = COLLECT { UNWIND coalesce(n.aliases, []) + row.aliases AS alias
                          RETURN DISTINCT alias ORDER BY alias }
"""


def upsert_facts_query(rtype: str) -> str:
    """Find each fact by its fact_id (a relationship index seek), create it if new, and add the batch's
    reports to its counters: support (articles), evidence (reports), first/last seen, the highest
    confidence, the dates reported. Runs before the batch's STATES are written.

    Nothing here reads or rewrites a list that grows with the fact's reports: each report is its own
    STATES record (STATES_QUERY), so a fact reported by 3,000 articles costs what one reported once does.
    """
    dated = rtype in DATED_TYPES
    set_dates = (
        "\nWITH r, row, created, COLLECT { UNWIND coalesce(r.dates, []) + row.dates AS d RETURN DISTINCT d ORDER BY d }"
        " AS dates\nSET r.dates = CASE WHEN size(dates) = 0 THEN null ELSE dates END, r.date = head(dates)"
        if dated
        else ""
    )
    rel = _rtype(rtype)
    return f"""
UNWIND $rows AS row
OPTIONAL MATCH ()-[old:{rel} {{fact_id: row.fact_id}}]->()
CALL (row, old) {{
  WITH row, old WHERE old IS NULL
  MATCH (s) WHERE elementId(s) = row.s
  MATCH (t) WHERE elementId(t) = row.t
  CREATE (s)-[r:{rel}]->(t)
  SET r = row.props, r.fact_id = row.fact_id, r.support = 0, r.evidence = 0
  RETURN r, true AS created
  UNION ALL
  WITH old WHERE old IS NOT NULL
  RETURN old AS r, false AS created
}}
SET r.support = r.support + row.n,
    r.evidence = CASE WHEN r.evidence IS NULL  // a fact written before facts counted their reports
                      THEN COUNT {{ MATCH ()-[s:STATES {{fact_id: r.fact_id}}]->() RETURN s }}
                      ELSE r.evidence END + row.evidence,
    r.first_seen = CASE WHEN r.first_seen IS NULL OR row.first < r.first_seen THEN row.first ELSE r.first_seen END,
    r.last_seen = CASE WHEN r.last_seen IS NULL OR row.last > r.last_seen THEN row.last ELSE r.last_seen END,
    r.confidence = CASE WHEN row.confidence IS NULL THEN r.confidence
                        WHEN r.confidence IS NULL OR row.confidence > r.confidence THEN row.confidence
                        ELSE r.confidence END{set_dates}
RETURN row.fact_id AS fact_id, created
"""


# One record per report: CREATE, never MERGE, so its cost does not depend on what the nodes hold.
STATES_QUERY = """
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.a
MATCH (n) WHERE elementId(n) = row.n
CREATE (a)-[s:STATES]->(n)
SET s = row.props
"""

# Trade figures of one ledger (the same flow, period and currency) that disagree are a conflict:
# every figure of the ledger carries the flag and the values reported, kept here when a figure is
# created or deleted (work in proportion to the ledger's few figures, not to the graph).
UPDATE_LEDGERS = """
UNWIND $ledgers AS ledger
CALL (ledger) {
  MATCH ()-[f:TRADE_VOLUME {ledger: ledger}]->()
  WITH collect(f) AS figures,
       COLLECT { MATCH ()-[g:TRADE_VOLUME {ledger: ledger}]->() WHERE g.value IS NOT NULL
                 RETURN DISTINCT g.value AS v ORDER BY v } AS values
  UNWIND figures AS f
  SET f.conflict = size(values) > 1, f.reported_values = CASE WHEN size(values) = 0 THEN null ELSE values END
}
"""


def write_fold(tx: neo4j.ManagedTransaction, fold: Fold, *, batch_size: int) -> Counter[str]:
    """Write folded new articles: articles, nodes, MENTIONS, facts, reports, ledgers, summaries."""
    created: Counter[str] = Counter()
    eids: dict[str, str] = {}
    # Locks are taken in a fixed order (articles by id, nodes by label and key) so that two writers
    # sharing nodes wait for each other instead of deadlocking (a deadlock would still be retried).
    for chunk in chunks(sorted(fold.articles, key=lambda a: a["id"]), min(batch_size, 500)):  # texts: smaller
        res = tx.run(MERGE_ARTICLES, rows=chunk, ingested=fold.ingested)
        eids.update((f"Article:{rec['id']}", rec["eid"]) for rec in res)
        n = res.consume().counters.nodes_created
        if n < len(chunk):  # another writer committed one of these texts since our check: start again
            raise ArticleRaced()
        created["Article"] += n
    for eid_chunk in chunks(sorted(eids.values()), batch_size):
        tx.run(LINK_SOURCES_MANY, eids=eid_chunk).consume()
    places = write_nodes(tx, fold, eids, created, batch_size)
    mention_rows = [
        {"a": eids[f"Article:{aid}"], "n": eids[uid], "aliases": aliases or None, "count": count}
        for aid, uid, aliases, count in fold.mentions
    ]
    for chunk in chunks(mention_rows, batch_size):
        created["MENTIONS"] += tx.run(MERGE_MENTIONS, rows=chunk).consume().counters.relationships_created
    alias_rows = [{"n": eids[uid], "aliases": sorted(names)} for uid, names in sorted(fold.aliases.items()) if names]
    for chunk in chunks(alias_rows, batch_size):
        tx.run(ADD_ALIASES, rows=chunk).consume()
    new_ledgers = write_facts(tx, fold, eids, created, batch_size)
    report_rows = [{"a": eids[f"Article:{aid}"], "n": eids[uid], "props": props} for aid, uid, props in fold.reports]
    for chunk in chunks(report_rows, batch_size):
        created["STATES"] += tx.run(STATES_QUERY, rows=chunk).consume().counters.relationships_created
    for ledger_chunk in chunks(sorted(new_ledgers), batch_size):
        tx.run(UPDATE_LEDGERS, ledgers=ledger_chunk).consume()
    write_summaries(tx, fold, places, created, batch_size)
    settled = settle(tx, fold.claims, move_document)
    rederive_summaries(tx, settled, created, batch_size)
    created.update(settled.created)
    created.subtract(settled.deleted)
    return created


def write_nodes(
    tx: neo4j.ManagedTransaction, fold: Fold, eids: dict[str, str], created: Counter[str], batch_size: int
) -> dict[str, Row]:
    """MERGE the fold's nodes; returns the places' region and country as the graph has them."""
    places: dict[str, Row] = {}
    by_label: dict[str, list[Row]] = {}
    for uid in sorted(fold.nodes):
        by_label.setdefault(split_key(uid)[0], []).append(fold.nodes[uid])
    for label in ENTITY_LABELS:
        for chunk in chunks(by_label.get(label, []), batch_size):
            res = tx.run(merge_nodes_query(label), rows=chunk)
            for rec in res:
                eids[f"{label}:{rec['key']}"] = rec["eid"]
                if label in PLACE_LABELS:
                    places[f"{label}:{rec['key']}"] = {"region": rec["region"], "country": rec["country"]}
            created[label] += res.consume().counters.nodes_created
    return places


def write_facts(
    tx: neo4j.ManagedTransaction, fold: Fold, eids: dict[str, str], created: Counter[str], batch_size: int
) -> set[str]:
    """Upsert every fact of the fold; returns the ledgers of trade figures created now."""
    groups: dict[str, list[Row]] = {}
    for fact_id in sorted(fold.facts):
        f = fold.facts[fact_id]
        groups.setdefault(f.group[0], []).append(
            {
                "fact_id": fact_id,
                "s": eids[f.source],
                "t": eids[f.target],
                "props": f.props,
                "n": f.articles,
                "evidence": f.evidence,
                "first": f.first,
                "last": f.last,
                "confidence": f.confidence,
                "dates": sorted(f.dates),
            }
        )
    new_ledgers: set[str] = set()
    for rtype, fact_rows in sorted(groups.items()):
        query = upsert_facts_query(rtype)
        for chunk in chunks(fact_rows, batch_size):
            for rec in tx.run(query, rows=chunk):
                if rec["created"]:
                    created[rtype] += 1
                    if rtype == "TRADE_VOLUME":
                        new_ledgers.add(fold.facts[rec["fact_id"]].props["ledger"])
    return new_ledgers


def write_summaries(
    tx: neo4j.ManagedTransaction, fold: Fold, places: dict[str, Row], created: Counter[str], batch_size: int
) -> None:
    summaries = summary_rows(ArticleView.of_rows(rows, places) for rows in fold.loaded)
    for chunk in chunks(summaries.activity, batch_size):
        created["Activity"] += tx.run(ADD_ACTIVITY, rows=chunk).consume().counters.nodes_created
    for chunk in chunks(summaries.partnerships, batch_size):
        res = tx.run(ADD_PARTNERSHIPS, rows=chunk, kinds=list(KINDS))
        created["Partnership"] += res.consume().counters.nodes_created


def write_batch(
    tx: neo4j.ManagedTransaction, rows_list: list[LoadRows], *, batch_size: int, ingested: str
) -> BatchResult:
    """The work of one batch transaction; safe to retry (everything counted is local to the call)."""
    result = BatchResult()
    if any(not rows.complete for rows in rows_list):
        raise ValueError("write_batch needs extracted articles (LoadRows.complete)")
    # Checked again inside the transaction: between the caller's check and now another process may
    # have loaded one of these texts, or another text at one of these sources.
    pairs = [{"i": i, "id": r.article["id"], "source": r.article["source"]} for i, r in enumerate(rows_list)]
    states = {rec["i"]: rec for rec in tx.run(STATE_MANY, rows=pairs)}
    batch: list[LoadRows] = []
    ids: set[str] = set()
    sources: set[str] = set()
    for i, rows in enumerate(rows_list):
        st, art = states[i], rows.article
        if st["known"] or st["at"] is not None or art["id"] in ids or art["source"] in sources:
            result.deferred.append(rows)
        else:
            batch.append(rows)
        ids.add(art["id"])
        sources.add(art["source"])
    if not batch:
        return result
    fold = fold_rows(batch, ingested)
    result.rows = fold.rows
    result.created = write_fold(tx, fold, batch_size=batch_size)
    result.results = [LoadResult(article_id=r.article["id"], source=r.article["source"], status="new") for r in batch]
    return result


def load_batch(
    driver: neo4j.Driver,
    rows_list: list[LoadRows],
    database: str | None = None,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    ingested: str | None = None,
) -> BatchResult:
    """Write many new articles in ONE write transaction (retried by the driver on transient errors).

    Articles that turn out not to be new come back in `deferred`, unwritten: load each with
    `load_rows` (the per-article path handles known texts, other sources and replacements).
    """
    day = ingested or date.today().isoformat()
    result: BatchResult = run_write(driver, database, write_batch, rows_list, batch_size=batch_size, ingested=day)
    result.created = +result.created
    return result


# ---------------------------------------------------------------- one article, one transaction


def write_article(
    tx: neo4j.ManagedTransaction, rows: LoadRows, *, batch_size: int, ingested: str, force: bool
) -> LoadResult:
    """The work of one write transaction; safe to retry (everything counted is local to the call)."""
    art = rows.article
    result = LoadResult(article_id=art["id"], source=art["source"], status="new")
    state = tx.run(STATE, id=art["id"], source=art["source"]).single(strict=True)
    if not rows.complete and (force or not state["known"]):
        result.status = "pending"  # the caller extracts the facts and loads again; nothing written
        return result
    for old in state["stale"]:
        left = tx.run(UNLINK_SOURCE, id=old, source=art["source"]).single(strict=True)["left"]
        if left == 0:  # no other source still gives that text: its contribution goes
            delete_article_contribution(tx, old, result)
        result.replaced.append(old)
    if state["known"] and not force:
        if not state["here"]:  # the same text from another source: remember the source, nothing else
            tx.run(ADD_SOURCE, id=art["id"], source=art["source"]).consume()
            tx.run(LINK_SOURCES, id=art["id"]).consume()
        result.status = "replaced" if result.replaced else "unchanged"
        return result
    sources: list[str] = []
    if state["known"]:  # --force: reload the article from scratch, keeping its sources and ingest date
        old_rec = tx.run(READ_ARTICLE, id=art["id"]).single(strict=True)
        sources, ingested = old_rec["sources"], old_rec["ingested"] or ingested
        delete_article_contribution(tx, art["id"], result)
    result.created.update(write_fold(tx, fold_rows([rows], ingested), batch_size=batch_size))
    if sources:
        merged = sources + [s for s in [art["source"]] if s not in sources]
        tx.run(SET_SOURCES, id=art["id"], sources=merged).consume()
        tx.run(LINK_SOURCES, id=art["id"]).consume()
    result.status = "replaced" if (result.replaced or state["known"]) else "new"
    return result


def load_rows(
    driver: neo4j.Driver,
    rows: LoadRows,
    database: str | None = None,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    ingested: str | None = None,
    force: bool = False,
) -> LoadResult:
    """Write one article's rows in ONE write transaction (retried by the driver on transient errors)."""
    day = ingested or date.today().isoformat()
    result: LoadResult = run_write(
        driver, database, write_article, rows, batch_size=batch_size, ingested=day, force=force
    )
    result.created = +result.created  # drop zero counts
    result.deleted = +result.deleted
    return result


def load_facts(
    driver: neo4j.Driver,
    facts: ArticleFacts,
    database: str | None = None,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    ingested: str | None = None,
    force: bool = False,
) -> LoadResult:
    """Load one article's facts: new, unchanged (a no-op) or replacing the text its source had before.

    `ingested` (ISO date, default today) is recorded on a new Article and stands in for `published`
    in first_seen/last_seen when the article has no date. `force` reloads an unchanged article.
    """
    return load_rows(driver, adapt_facts(facts), database, batch_size=batch_size, ingested=ingested, force=force)


def delete_article(driver: neo4j.Driver, article_id: str, database: str | None = None) -> LoadResult:
    """Remove one article's contribution from the graph (what a replacement does to the old text)."""

    def work(tx: neo4j.ManagedTransaction) -> LoadResult:
        result = LoadResult(article_id=article_id, source="", status="deleted")
        delete_article_contribution(tx, article_id, result)
        return result

    with open_session(driver, database) as session:
        return session.execute_write(work)


# Graphs loaded before (:Source) nodes existed have none: link every Article's sources once.
LINK_ALL_SOURCES = """
MATCH (a:Article)
CALL (a) {
  UNWIND a.sources AS path
  MERGE (s:Source {key: path})
  SET s.article = a.id
} IN TRANSACTIONS OF 1000 ROWS
"""


def ensure_source_index(driver: neo4j.Driver, database: str | None = None) -> bool:
    """Create the (:Source) nodes of a graph that has Articles but none (loaded by an older version).

    Both counts come from Neo4j's counts store, so the check costs nothing on a graph that has them.
    """
    records, _, _ = driver.execute_query(
        "CALL () { MATCH (a:Article) RETURN count(a) AS articles } "
        "CALL () { MATCH (s:Source) RETURN count(s) AS sources } RETURN articles, sources",
        database_=database,
    )
    if not records[0]["articles"] or records[0]["sources"]:
        return False
    with open_session(driver, database) as session:
        session.run(LINK_ALL_SOURCES).consume()  # IN TRANSACTIONS needs an auto-commit transaction
    return True


# Graphs loaded before claims were kept in buckets (and undated visits had their article's year) have
# REPORTS without `bucket`: settling cannot find them. Both counts are cheap: one from the counts store,
# one from the reports_bucket index.
REPORTS_COUNTS = """
CALL () { MATCH ()-[c:REPORTS]->() RETURN count(c) AS reports }
CALL () { MATCH ()-[c:REPORTS]->() WHERE c.bucket IS NOT NULL RETURN count(c) AS bucketed }
RETURN reports, bucketed
"""
UNBUCKETED_REPORTS = """
MATCH (a:Article)-[c:REPORTS]->() WHERE c.bucket IS NULL
RETURN a.id AS article, a.published AS published, c.claim AS claim, c.spec AS spec
ORDER BY article, claim LIMIT $limit
"""
SET_BUCKETS = """
UNWIND $rows AS row
MATCH (:Article {id: row.article})-[c:REPORTS {claim: row.old}]->()
SET c.claim = row.id, c.spec = row.spec, c.block = row.block, c += row.buckets
"""


def ensure_report_buckets(driver: neo4j.Driver, database: str | None = None, per_tx: int = 2000) -> int:
    """Keep an older graph's claims as this version does, and settle them again; returns how many moved.

    A batch's claims are settled with every claim already kept in a bucket, so the last batch that
    touches an event's claims settles it with all of them: the graph ends as if loaded by this version."""
    records, _, _ = driver.execute_query(REPORTS_COUNTS, database_=database)
    if records[0]["reports"] == records[0]["bucketed"]:
        return 0

    def work(tx: neo4j.ManagedTransaction) -> int:
        rows = []
        for rec in tx.run(UNBUCKETED_REPORTS, limit=per_tx):
            claim = restored(rec["spec"], rec["published"])
            buckets = {slot: claim[slot] for slot in BUCKET_SLOTS if slot in claim}
            rows.append({"article": rec["article"], "old": rec["claim"], "buckets": buckets} | claim)
        tx.run(SET_BUCKETS, rows=rows).consume()
        created: Counter[str] = Counter()
        settled = settle(tx, [], move_document, [r["spec"] for r in rows])
        rederive_summaries(tx, settled, created, DEFAULT_BATCH_SIZE)
        return len(rows)

    total = 0
    with open_session(driver, database) as session:
        while n := session.execute_write(work):
            total += n
        session.run("DROP INDEX reports_block IF EXISTS").consume()  # what found claims by block before
    return total


# ---------------------------------------------------------------- queries over what was loaded

# Two ledger entries for the same pair, kind, period and currency with different values (the flag
# the loader keeps on each figure of a ledger).
TRADE_CONFLICTS = """
MATCH (x)-[r1:TRADE_VOLUME]->(y) WHERE r1.conflict
MATCH ()-[r2:TRADE_VOLUME {ledger: r1.ledger}]->() WHERE r2.value > r1.value
RETURN x.name AS source, y.name AS target, r1.kind AS kind, coalesce(toString(r1.year), r1.period) AS period,
       r1.currency AS currency, r1.value AS value, r1.support AS support, r2.value AS other_value,
       r2.support AS other_support
ORDER BY source, target, kind, period, value, other_value
"""

# Provenance check: every fact is supported by as many articles as its reports come from, counts its
# reports (a graph of an older version may lack the count), and has its dates; every report names a
# fact that exists.
PROVENANCE_VIOLATIONS = f"""
MATCH ()-[r:{"|".join(FACT_TYPES)}]->()
WHERE r.support IS NULL OR r.support < 1 OR r.first_seen IS NULL OR r.last_seen IS NULL
   OR r.support <> COUNT {{ MATCH (a:Article)-[s:STATES]->() WHERE s.fact_id = r.fact_id RETURN DISTINCT a }}
   OR r.evidence <> COUNT {{ MATCH ()-[s:STATES]->() WHERE s.fact_id = r.fact_id RETURN s }}
RETURN type(r) AS type, r.fact_id AS fact_id
UNION ALL
MATCH ()-[s:STATES]->()
WHERE NOT EXISTS {{ MATCH ()-[r:{"|".join(FACT_TYPES)}]->() WHERE r.fact_id = s.fact_id }}
RETURN 'STATES' AS type, s.fact_id AS fact_id
"""


def dump_graph(driver: neo4j.Driver, database: str | None = None) -> tuple[list[str], list[str]]:
    """Every node and relationship with all properties as sorted JSON lines, to compare two graph states.

    Relationships name their endpoints by label and key (or Article id), never by elementId, which
    differs between two loads of the same data.
    """

    def line(data: dict[str, Any]) -> str:
        return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)

    def read_nodes(tx: neo4j.ManagedTransaction) -> list[str]:
        result = tx.run("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
        return [line({"labels": sorted(r["labels"]), "props": r["props"]}) for r in result]

    def read_rels(tx: neo4j.ManagedTransaction) -> list[str]:
        result = tx.run(
            "MATCH (a)-[r]->(b) RETURN [l IN labels(a) WHERE l <> 'Entity'] AS a_labels, "
            "coalesce(a.key, a.id) AS a, type(r) AS type, properties(r) AS props, "
            "[l IN labels(b) WHERE l <> 'Entity'] AS b_labels, coalesce(b.key, b.id) AS b"
        )
        return [line(r.data()) for r in result]

    with open_session(driver, database) as session:
        nodes = session.execute_read(read_nodes)
        rels = session.execute_read(read_rels)
    return sorted(nodes), sorted(rels)


def _read_all(driver: neo4j.Driver, database: str | None, query: str) -> list[dict[str, Any]]:
    def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
        return [r.data() for r in tx.run(query)]

    with open_session(driver, database) as session:
        return session.execute_read(work)


def find_trade_conflicts(driver: neo4j.Driver, database: str | None = None) -> list[dict[str, Any]]:
    return _read_all(driver, database, TRADE_CONFLICTS)


def find_provenance_violations(driver: neo4j.Driver, database: str | None = None) -> list[dict[str, Any]]:
    return _read_all(driver, database, PROVENANCE_VIOLATIONS)


# ---------------------------------------------------------------- gazetteer structure (db init)

CITY_REGION = ", n.region = row.region"
MERGE_PLACES = {
    label: f"""
UNWIND $rows AS row
MERGE (n:{label} {{key: row.code}})
ON CREATE SET n.name = row.name
SET n:Entity, n.gazetteer = true, n.country = row.country, n.iso = row.iso{CITY_REGION if label == "City" else ""}
"""
    for label in ("Country", "Region", "City")
}

STRUCTURE_LINKS = (("Region", "PART_OF", "Country"), ("City", "LOCATED_IN", "Region"), ("City", "PART_OF", "Country"))
MERGE_STRUCTURE = {
    link: f"""
UNWIND $rows AS row
MATCH (p:{link[0]} {{key: row.code}})
MATCH (q:{link[2]} {{key: row.parent}})
MERGE (p)-[:{link[1]}]->(q)
"""
    for link in STRUCTURE_LINKS
}


def adapt_gazetteer_rows(places: Iterable[Any]) -> tuple[dict[str, list[Row]], list[Row]]:
    """Gazetteer places -> node rows per label and structure rows.

    (:Region)-[:PART_OF]->(:Country); (:City)-[:LOCATED_IN]->(:Region); a city with no region (a
    city of republican significance such as Астана, Минск, Москва) is (:City)-[:PART_OF]->(:Country).
    """
    places = list(places)
    nodes: dict[str, list[Row]] = {"Country": [], "Region": [], "City": []}
    by_code = {p.code: p for p in places}
    links: list[Row] = []
    for p in sorted(places, key=lambda p: p.code):
        nodes[p.type].append({"code": p.code, "name": p.name, "country": p.country, "region": p.region, "iso": p.iso})
        if p.type == "City" and p.region in by_code:
            links.append({"code": p.code, "link": ("City", "LOCATED_IN", by_code[p.region].type), "parent": p.region})
        elif p.type in ("Region", "City") and p.country in by_code and p.country != p.code:
            links.append({"code": p.code, "link": (p.type, "PART_OF", "Country"), "parent": p.country})
    return nodes, links


def load_gazetteer_structure(driver: neo4j.Driver, database: str | None, places: Iterable[Any]) -> Counter[str]:
    """Load the given gazetteer places and their structure (idempotent; `coopgraph db init` calls it
    through coopgraph.pipeline.load_reference_data, which reads the gazetteer).

    Returns the nodes and relationships created per label/type (all zero on a second run).
    """
    nodes, links = adapt_gazetteer_rows(places)

    def work(tx: neo4j.ManagedTransaction) -> Counter[str]:
        created: Counter[str] = Counter()
        for label, rows in nodes.items():
            created[label] += tx.run(MERGE_PLACES[label], rows=rows).consume().counters.nodes_created
        for link, query in MERGE_STRUCTURE.items():
            rows = [{"code": r["code"], "parent": r["parent"]} for r in links if r["link"] == link]
            created[link[1]] += tx.run(query, rows=rows).consume().counters.relationships_created
        return +created

    # Two writers loading the gazetteer at once (two `db init`, or `db init` beside an ingest) can both
    # try to create the same place; the loser gets ConstraintError, and a second try finds the node.
    for attempt in range(3):
        try:
            with open_session(driver, database) as session:
                return session.execute_write(work)
        except neo4j.exceptions.ConstraintError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")
