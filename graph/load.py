"""Loading extracted ArticleFacts into Neo4j: per article or many new ones per transaction, provenance on every fact."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import get_args

import neo4j

from coopgraph.exceptions import LoadError
from coopgraph.ingest.identity import document_keys
from coopgraph.ingest.records import Article, ArticleFacts, Entity, EntityType, Relation, RelationType

# Labels and relationship types come only from these whitelists, never from input: Cypher cannot
# take a label as a parameter, so statements are generated per label from fixed names.
ENTITY_LABELS: tuple[str, ...] = get_args(EntityType)
FACT_TYPES: tuple[str, ...] = get_args(RelationType)
NODE_PROPS = ("legal_form", "kind", "period_from", "period_to", "signed", "country", "region")
DATED_TYPES = ("VISITED", "SIGNED")  # their dates are kept per evidence entry, summed up in `dates`
FACT_QUALIFIERS = ("title", "commodity", "commodity_key", "kind", "value", "currency", "year", "period")

DEFAULT_BATCH_SIZE = 1000


@dataclass
class LoadRows:
    """One article as Cypher parameters: the Article, node and MENTIONS rows per label, fact rows."""

    article: dict
    nodes: dict[str, list[dict]] = field(default_factory=dict)  # label -> {key, name, <NODE_PROPS>}
    mentions: list[dict] = field(default_factory=list)  # {uid, aliases, count}; uid = "<label>:<key>"
    # (type, undirected) -> {fact_id, source, target (uids), props, evidence lists}
    facts: dict[tuple[str, bool], list[dict]] = field(default_factory=dict)
    # False for an article not extracted yet: loading it only settles an unchanged article (no
    # extraction needed) and otherwise reports "pending" without writing anything.
    complete: bool = True

    def node_counts(self) -> Counter:
        return Counter({label: len(rows) for label, rows in self.nodes.items()})

    def fact_counts(self) -> Counter:
        counts: Counter = Counter()
        for (rtype, _undirected), rows in self.facts.items():
            counts[rtype] += len(rows)
        return counts


@dataclass
class LoadResult:
    """What loading one article did to the graph."""

    article_id: str
    source: str
    status: str  # "new", "unchanged", "replaced"; "pending" when facts are needed (see LoadRows.complete)
    created: Counter = field(default_factory=Counter)  # label or relationship type -> count
    deleted: Counter = field(default_factory=Counter)
    replaced: list[str] = field(default_factory=list)  # ids of articles this one displaced at its source


# ---------------------------------------------------------------- facts -> rows (pure)


def split_key(uid: str) -> tuple[str, str]:
    """'Region:KZ-SEV' -> ('Region', 'KZ-SEV'); the node key is everything after the first colon."""
    label, sep, key = uid.partition(":")
    if not sep or not key or label not in ENTITY_LABELS:
        raise LoadError(f"bad entity key {uid!r}: expected '<Type>:<key>' with a known type")
    return label, key


def normalise_name(name: str) -> str:
    """Lower case, ё→е, quotes dropped, spaces collapsed: the key of a name-keyed node."""
    s = name.lower().replace("ё", "е")
    s = "".join(ch for ch in s if ch not in "«»“”„\"'’`")
    return " ".join(s.split())


def adapt_fact_id(rtype: str, source: str, target: str, qualifiers: Iterable[object]) -> str:
    """Deterministic identity of one fact: type, both endpoint keys and the qualifiers that define it."""
    parts = [rtype, source, target, *("" if q is None else str(q) for q in qualifiers)]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def format_number(value: float | None) -> str:
    return "" if value is None else format(float(value), ".15g")


def adapt_entity_row(ent: Entity, label: str, key: str) -> dict:
    row = {"key": key, "name": ent.name}
    row.update({p: None for p in NODE_PROPS})
    row.update(legal_form=ent.legal_form, kind=ent.kind, signed=ent.signed, country=ent.country, region=ent.region)
    if ent.period:
        row["period_from"], row["period_to"] = int(ent.period[0]), int(ent.period[1])
    return row


def adapt_document_keys(facts: ArticleFacts) -> dict[str, str]:
    """Documents re-keyed as kind + parties + period (or signing year): the rule event identity uses too."""
    return document_keys(facts)


def adapt_article(art: Article, source: str | None = None) -> dict:
    """The Article node's properties (`sources` and `ingested` are added when it is created)."""
    return {
        "id": art.id,
        "source": source or art.source,
        "title": art.title,
        "published": art.published,
        "outlet": art.outlet,
        "url": art.url,
        "text": art.text,
        "lang": art.lang,
    }


def adapt_article_only(art: Article) -> LoadRows:
    """Rows for an article whose facts are not extracted yet: enough to recognise it as unchanged."""
    return LoadRows(article=adapt_article(art), complete=False)


def adapt_facts(facts: ArticleFacts) -> LoadRows:
    """Turn one article's facts into Cypher rows; raises LoadError on a malformed key."""
    rows = LoadRows(article=adapt_article(facts.article, facts.source))
    remap = adapt_document_keys(facts)
    nodes: dict[str, dict] = {}  # uid -> node row (with its label)
    mentions: dict[str, dict] = {}

    def add_node(uid: str, label: str, key: str, row: dict, aliases: Iterable[str], count: int) -> None:
        if uid in nodes:  # two entities folded into one node: keep the first name, fill gaps
            old = nodes[uid]
            for p in NODE_PROPS:
                if old[p] is None:
                    old[p] = row[p]
        else:
            nodes[uid] = dict(row, _label=label)
        m = mentions.setdefault(uid, {"uid": uid, "aliases": set(), "count": 0})
        m["aliases"].update(a for a in aliases if a)
        m["count"] += count

    for ent in facts.entities:
        uid = remap.get(ent.key, ent.key)
        label, key = split_key(uid)
        if label != ent.type:
            raise LoadError(f"entity {ent.name!r}: key {ent.key!r} does not match its type {ent.type}")
        add_node(uid, label, key, adapt_entity_row(ent, label, key), ent.aliases, len(ent.mentions))

    commodity_keys = {
        normalise_name(e.name): split_key(remap.get(e.key, e.key))[1] for e in facts.entities if e.type == "Commodity"
    }

    def endpoint(uid: str, name: str) -> str:
        uid = remap.get(uid, uid)
        label, key = split_key(uid)
        if uid not in nodes:  # a relation names an entity the entity list lacks: still a node
            add_node(uid, label, key, {"key": key, "name": name, **{p: None for p in NODE_PROPS}}, [], 0)
        return uid

    grouped: dict[str, tuple[tuple[str, bool], dict]] = {}  # fact_id -> (statement group, row)
    for rel in facts.relations:
        s_uid = endpoint(rel.source_key, rel.source)
        t_uid = endpoint(rel.target_key, rel.target)
        props, qualifiers = adapt_qualifiers(rel)
        if rel.commodity:
            ckey = commodity_keys.get(normalise_name(rel.commodity)) or normalise_name(rel.commodity)
            props["commodity_key"] = ckey
            qualifiers = [ckey]
            endpoint(f"Commodity:{ckey}", rel.commodity)
        undirected = rel.type == "TRADE_VOLUME" and rel.kind == "turnover"
        ends = sorted([s_uid, t_uid]) if undirected else [s_uid, t_uid]  # turnover is symmetric
        fact_id = adapt_fact_id(rel.type, ends[0], ends[1], qualifiers)
        group = (rel.type, undirected)
        if fact_id not in grouped:
            row = {
                "fact_id": fact_id,
                "source": s_uid,
                "target": t_uid,
                "props": props,
                "evidence": [],
                "evidence_start": [],
                "evidence_end": [],
            }
            if rel.type in DATED_TYPES:
                row["evidence_date"] = []
            grouped[fact_id] = (group, row)
        add_evidence(grouped[fact_id][1], rel)

    for uid in sorted(nodes):
        row = dict(nodes[uid])
        rows.nodes.setdefault(row.pop("_label"), []).append(row)
        rows.mentions.append(dict(mentions[uid], aliases=sorted(mentions[uid]["aliases"])))
    for fact_id in sorted(grouped):
        group, row = grouped[fact_id]
        rows.facts.setdefault(group, []).append(row)
    rows.facts = dict(sorted(rows.facts.items()))
    return rows


def adapt_qualifiers(rel: Relation) -> tuple[dict, list]:
    """The relationship properties of a fact, and those of them that tell one fact from another."""
    props = {q: getattr(rel, q, None) for q in FACT_QUALIFIERS if getattr(rel, q, None) is not None}
    if rel.type == "HOLDS_POSITION":
        title = " ".join((rel.title or "").lower().split()) or None
        props["title"] = title
        return {k: v for k, v in props.items() if v is not None}, [title]
    if rel.type == "EXPORTS_TO":
        return props, [None]  # the commodity key is filled in by the caller
    if rel.type == "TRADE_VOLUME":
        # A ledger entry: the same figure from several articles is one entry; a different figure
        # for the same pair and period is another entry (a conflict that queries can find).
        if rel.value is not None:
            props["value"] = float(rel.value)
        return props, [rel.kind, rel.year, rel.period, rel.currency, format_number(rel.value)]
    # VISITED, SIGNED, PARTY_TO, PARTICIPATED_IN: endpoints alone define the fact; dates are evidence.
    props.pop("title", None)
    return props, []


def add_evidence(row: dict, rel: Relation) -> None:
    ev = rel.evidence
    date_ = rel.date or ""
    for i, start in enumerate(row["evidence_start"]):
        if (
            start == ev.start
            and row["evidence_end"][i] == ev.end
            and ("evidence_date" not in row or row["evidence_date"][i] == date_)
        ):
            return
    row["evidence"].append(ev.sentence)
    row["evidence_start"].append(ev.start)
    row["evidence_end"].append(ev.end)
    if "evidence_date" in row:
        row["evidence_date"].append(date_)


# ---------------------------------------------------------------- Cypher, generated from whitelists


def _label(label: str) -> str:
    if label not in ENTITY_LABELS:
        raise LoadError(f"not an entity label: {label!r}")
    return label


def _rtype(rtype: str) -> str:
    if rtype not in FACT_TYPES:
        raise LoadError(f"not a fact type: {rtype!r}")
    return rtype


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

DELETE_SOLE_FACTS = """
MATCH (:Article {id: $id})-[:MENTIONS]->()-[r]->()
WHERE r.articles = [$id]
WITH DISTINCT r
WITH r, type(r) AS rtype
DELETE r
RETURN rtype, count(*) AS n
"""

# Facts others support too: pull out this article's id and its evidence entries (the evidence
# lists are parallel: entry i is evidence[i] from evidence_article[i] at evidence_start/end[i]).
UNLINK_SHARED_FACTS = """
MATCH (:Article {id: $id})-[:MENTIONS]->()-[r]->()
WHERE $id IN r.articles
WITH DISTINCT r
WITH r, [i IN range(0, size(r.evidence) - 1) WHERE r.evidence_article[i] <> $id] AS keep
SET r.articles = [x IN r.articles WHERE x <> $id],
    r.evidence = [i IN keep | r.evidence[i]],
    r.evidence_article = [i IN keep | r.evidence_article[i]],
    r.evidence_start = [i IN keep | r.evidence_start[i]],
    r.evidence_end = [i IN keep | r.evidence_end[i]],
    r.evidence_date = CASE WHEN r.evidence_date IS NULL THEN null
                      ELSE [i IN keep | r.evidence_date[i]] END
WITH r
CALL (r) {
  UNWIND r.articles AS aid
  MATCH (a:Article {id: aid})
  RETURN min(coalesce(a.published, a.ingested)) AS first, max(coalesce(a.published, a.ingested)) AS last
}
SET r.support = size(r.articles), r.first_seen = first, r.last_seen = last,
    r.dates = CASE WHEN r.evidence_date IS NULL THEN null
              ELSE COLLECT { UNWIND r.evidence_date AS d WITH d WHERE d <> '' RETURN DISTINCT d ORDER BY d } END
WITH r
SET r.date = head(r.dates)
RETURN count(r) AS n
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

# aliases = the sorted union of what every mentioning article called the entity.
SET_ALIASES_OF = """
UNWIND $entities AS eid
MATCH (e) WHERE elementId(e) = eid
SET e.aliases = COLLECT { MATCH (:Article)-[m:MENTIONS]->(e) UNWIND m.aliases AS alias
                          RETURN DISTINCT alias ORDER BY alias }
"""

SET_ALIASES_OF_ARTICLE = """
MATCH (:Article {id: $id})-[:MENTIONS]->(e)
SET e.aliases = COLLECT { MATCH (:Article)-[m:MENTIONS]->(e) UNWIND m.aliases AS alias
                          RETURN DISTINCT alias ORDER BY alias }
"""

READ_ARTICLE = "MATCH (a:Article {id: $id}) RETURN a.sources AS sources, a.ingested AS ingested"

SET_SOURCES = "MATCH (a:Article {id: $id}) SET a.sources = $sources, a.source = $sources[0]"

# ON MATCH: another process loaded the same text from another source between our STATE read and
# this MERGE (which waited for its commit); its source list must still gain ours.
MERGE_ARTICLE = """
MERGE (a:Article {id: $article.id})
ON CREATE SET a += $article, a.sources = [$article.source], a.ingested = $ingested
ON MATCH SET a.sources = a.sources + [s IN [$article.source] WHERE NOT s IN a.sources]
"""


def merge_nodes_query(label: str) -> str:
    """MERGE one label's nodes by key; returns each node's elementId for the statements after it."""
    fill = ",\n    ".join(f"n.{p} = coalesce(n.{p}, row.{p})" for p in NODE_PROPS)
    return f"""
UNWIND $rows AS row
MERGE (n:{_label(label)} {{key: row.key}})
ON CREATE SET n.name = row.name, n.aliases = []
SET n:Entity,
    {fill}
RETURN row.key AS key, elementId(n) AS eid
"""


# Endpoints are found by the elementIds the node statements returned in this same transaction:
# one statement per relationship type instead of one per (type, source label, target label).
MERGE_MENTIONS = """
MATCH (a:Article {id: $id})
UNWIND $rows AS row
MATCH (n) WHERE elementId(n) = row.eid
MERGE (a)-[m:MENTIONS]->(n)
SET m.aliases = row.aliases, m.count = row.count
"""


# ---------------------------------------------------------------- transaction work


def open_session(driver, database: str | None):
    # The server's notifications ("property key does not exist" on a fresh graph, ...) are about
    # our fixed statements, not the user's data: keep them off the ingest console.
    return driver.session(database=database, notifications_min_severity="OFF")


def chunks(rows: list, size: int) -> Iterable[list]:
    size = max(1, int(size))
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def delete_article_contribution(tx, article_id: str, result: LoadResult) -> None:
    """Remove an article and everything only it supported; shared facts lose its id and evidence."""
    for rec in tx.run(DELETE_SOLE_FACTS, id=article_id):
        result.deleted[rec["rtype"]] += rec["n"]
    tx.run(UNLINK_SHARED_FACTS, id=article_id).consume()
    rec = tx.run(DELETE_ARTICLE, id=article_id).single()
    if rec is None:
        return
    entities = rec["entities"]
    result.deleted["Article"] += 1
    result.deleted["MENTIONS"] += len(entities)
    for rec in tx.run(DELETE_ORPHANS, entities=entities):
        result.deleted[rec["label"]] += rec["n"]
    tx.run(SET_ALIASES_OF, entities=entities).consume()


def single_article_fact_row(row: dict, eids: dict[str, str], article_id: str, seen: str) -> dict:
    """One article's fact row in the shape merge_facts_many_query reads (parallel evidence lists)."""
    out = {
        "fact_id": row["fact_id"],
        "s": eids[row["source"]],
        "t": eids[row["target"]],
        "props": row["props"],
        "ids": [article_id],
        "seen": [seen],
        "ev": row["evidence"],
        "ea": [article_id] * len(row["evidence"]),
        "es": row["evidence_start"],
        "ee": row["evidence_end"],
    }
    if "evidence_date" in row:
        out["ed"] = row["evidence_date"]
    return out


def write_article(tx, rows: LoadRows, *, batch_size: int, ingested: str, force: bool) -> LoadResult:
    """The work of one write transaction; safe to retry (everything counted is local to the call)."""
    art = rows.article
    result = LoadResult(article_id=art["id"], source=art["source"], status="new")
    state = tx.run(STATE, id=art["id"], source=art["source"]).single()
    if not rows.complete and (force or not state["known"]):
        result.status = "pending"  # the caller extracts the facts and loads again; nothing written
        return result
    for old in state["stale"]:
        left = tx.run(UNLINK_SOURCE, id=old, source=art["source"]).single()["left"]
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
        old = tx.run(READ_ARTICLE, id=art["id"]).single()
        sources, ingested = old["sources"], old["ingested"] or ingested
        delete_article_contribution(tx, art["id"], result)
    counters = tx.run(MERGE_ARTICLE, article=art, ingested=ingested).consume().counters
    result.created["Article"] += counters.nodes_created
    if sources:
        merged = sources + [s for s in [art["source"]] if s not in sources]
        tx.run(SET_SOURCES, id=art["id"], sources=merged).consume()
    tx.run(LINK_SOURCES, id=art["id"]).consume()
    eids: dict[str, str] = {}  # uid -> elementId, valid within this transaction
    for label, node_rows in rows.nodes.items():
        for batch in chunks(node_rows, batch_size):
            res = tx.run(merge_nodes_query(label), rows=batch)
            eids.update((f"{label}:{rec['key']}", rec["eid"]) for rec in res)
            result.created[label] += res.consume().counters.nodes_created
    mention_rows = [{"eid": eids[m["uid"]], "aliases": m["aliases"], "count": m["count"]} for m in rows.mentions]
    for batch in chunks(mention_rows, batch_size):
        c = tx.run(MERGE_MENTIONS, rows=batch, id=art["id"]).consume().counters
        result.created["MENTIONS"] += c.relationships_created
    tx.run(SET_ALIASES_OF_ARTICLE, id=art["id"]).consume()
    seen = art["published"] or ingested
    for (rtype, undirected), fact_rows in rows.facts.items():
        # the batched statement with a batch of one article: one statement shape for both paths
        query = merge_facts_many_query(rtype, undirected)
        fact_rows = [single_article_fact_row(r, eids, art["id"], seen) for r in fact_rows]
        for batch in chunks(fact_rows, batch_size):
            result.created[rtype] += tx.run(query, rows=batch).consume().counters.relationships_created
    result.status = "replaced" if (result.replaced or state["known"]) else "new"
    return result


def load_rows(
    driver,
    rows: LoadRows,
    database: str | None = None,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    ingested: str | None = None,
    force: bool = False,
) -> LoadResult:
    """Write one article's rows in ONE write transaction (retried by the driver on transient errors)."""
    ingested = ingested or date.today().isoformat()
    with open_session(driver, database) as session:
        result = session.execute_write(write_article, rows, batch_size=batch_size, ingested=ingested, force=force)
    result.created = +result.created  # drop zero counts
    result.deleted = +result.deleted
    return result


def load_facts(
    driver,
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


# ---------------------------------------------------------------- many articles, one transaction
#
# The per-article transaction above runs ~14 statements for ~20 relationship rows; the round trips
# and per-statement planning bound it to a few hundred rows/s. For articles that are new (no Article
# with their id, no earlier text at their source) the rows of many articles are folded in Python
# first (one row per node, MENTIONS and fact; evidence of the same fact from several articles in one
# row) and written with a few large UNWIND statements in ONE transaction. The statements keep the
# per-article path's rules, so the graph is the same whichever path wrote it: nodes MERGEd by key
# (name from the first article, other properties filled when missing), MENTIONS MERGEd, aliases the
# sorted union, a fact MERGEd by fact_id and given an article's id and evidence only if that id is
# not in `articles` yet (so a concurrent writer that committed the same article first changes
# nothing), articles and evidence re-sorted, support, first/last_seen and dates recomputed.

DEFAULT_BATCH_ARTICLES = 200  # articles per batch transaction (see graph/LOADING.md, "Speed")
DEFAULT_BATCH_ROWS = 5000  # ... or fewer, once their relationship rows reach this


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
    driver, pairs: list[tuple[str, str]], database: str | None = None, *, chunk: int = 2000
) -> list[ArticleState]:
    """The state of many (article id, source) pairs, in order: index seeks, one query per chunk."""
    states: list[ArticleState] = []
    with open_session(driver, database) as session:
        for start in range(0, len(pairs), chunk):
            rows = [{"i": i, "id": aid, "source": src} for i, (aid, src) in enumerate(pairs[start : start + chunk])]
            records = session.execute_read(lambda tx, r=rows: list(tx.run(STATE_MANY, rows=r)))
            by_i = {rec["i"]: rec for rec in records}
            for row in rows:
                rec = by_i[row["i"]]
                at = rec["at"]
                states.append(
                    ArticleState(
                        known=rec["known"], here=rec["here"], stale=[at] if at is not None and at != row["id"] else []
                    )
                )
    return states


@dataclass
class BatchResult:
    """What one batch transaction did: per-article results of those it wrote, and the rest."""

    results: list[LoadResult] = field(default_factory=list)  # status "new", in input order
    created: Counter = field(default_factory=Counter)  # the whole batch's (not attributable per article)
    # Articles the batch did not write because they are not new (any more): a concurrent writer
    # loaded them, their source gave another text, or the same id/source came twice in the batch.
    # The caller writes them with load_rows, one by one, after this batch.
    deferred: list[LoadRows] = field(default_factory=list)
    rows: int = 0  # relationship rows written (MENTIONS + facts per article)


@dataclass
class _FoldedFact:
    group: tuple[str, bool]
    source: str  # uids of the first report: its direction is the relationship's
    target: str
    props: dict
    ids: list = field(default_factory=list)
    seen: list = field(default_factory=list)
    ev: list = field(default_factory=list)
    ea: list = field(default_factory=list)
    es: list = field(default_factory=list)
    ee: list = field(default_factory=list)
    ed: list = field(default_factory=list)


@dataclass
class _Fold:
    articles: list[dict] = field(default_factory=list)
    nodes: dict[str, dict] = field(default_factory=dict)  # uid -> node row (first article's name)
    mentions: list[tuple[str, str, list, int]] = field(default_factory=list)  # (article id, uid, aliases, count)
    aliases: dict[str, set] = field(default_factory=dict)
    facts: dict[str, _FoldedFact] = field(default_factory=dict)
    rows: int = 0


def fold_rows(rows_list: list[LoadRows], ingested: str) -> _Fold:
    """Many new articles' rows as one row per article, node, MENTIONS and fact (in input order)."""
    fold = _Fold()
    for rows in rows_list:
        art = rows.article
        aid = art["id"]
        fold.articles.append(art)
        fold.rows += len(rows.mentions) + sum(len(r) for r in rows.facts.values())
        seen = art["published"] or ingested
        for label, node_rows in rows.nodes.items():
            for row in node_rows:
                uid = f"{label}:{row['key']}"
                old = fold.nodes.get(uid)
                if old is None:
                    fold.nodes[uid] = dict(row)
                else:  # as MERGE ... SET n.p = coalesce(n.p, row.p) does for a later article
                    for p in NODE_PROPS:
                        if old.get(p) is None:
                            old[p] = row.get(p)
        for m in rows.mentions:
            fold.mentions.append((aid, m["uid"], m["aliases"], m["count"]))
            fold.aliases.setdefault(m["uid"], set()).update(m["aliases"])
        for group, fact_rows in rows.facts.items():
            for row in fact_rows:
                fact = fold.facts.get(row["fact_id"])
                if fact is None:
                    fact = fold.facts[row["fact_id"]] = _FoldedFact(
                        group, row["source"], row["target"], dict(row["props"])
                    )
                fact.ids.append(aid)
                fact.seen.append(seen)
                fact.ev += row["evidence"]
                fact.ea += [aid] * len(row["evidence"])
                fact.es += row["evidence_start"]
                fact.ee += row["evidence_end"]
                fact.ed += row.get("evidence_date") or []
    return fold


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

MERGE_MENTIONS_MANY = """
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.a
MATCH (n) WHERE elementId(n) = row.n
MERGE (a)-[m:MENTIONS]->(n)
SET m.aliases = row.aliases, m.count = row.count
"""

# The union of the names old and new MENTIONS give: what SET_ALIASES_OF_ARTICLE recomputes from all
# of a node's MENTIONS, without reading them all (a region has thousands).
ADD_ALIASES = """
UNWIND $rows AS row
MATCH (n) WHERE elementId(n) = row.n
SET n.aliases = COLLECT { UNWIND coalesce(n.aliases, []) + row.aliases AS alias
                          RETURN DISTINCT alias ORDER BY alias }
"""


def merge_facts_many_query(rtype: str, undirected: bool) -> str:
    """MERGE facts by fact_id; add each batch article's id and evidence unless `articles` has it.

    `articles` is kept sorted, and the evidence entries by (article, start, end), so the graph
    depends on which articles support a fact, not on the order they were loaded in.
    """
    arrow = "-" if undirected else "->"
    dated = rtype in DATED_TYPES
    init_date = ", r.evidence_date = []" if dated else ""
    with_date = ", r.evidence_date + [i IN keep | row.ed[i]] AS ed" if dated else ""
    keep_date = ", ed" if dated else ""
    set_date = ",\n    r.evidence_date = [i IN o | ed[i]]" if dated else ""
    set_dates = (
        (
            "\nWITH r\nSET r.dates = COLLECT { UNWIND r.evidence_date AS d WITH d WHERE d <> '' "
            "RETURN DISTINCT d ORDER BY d }\nWITH r\nSET r.date = head(r.dates)"
        )
        if dated
        else ""
    )
    return f"""
UNWIND $rows AS row
MATCH (s) WHERE elementId(s) = row.s
MATCH (t) WHERE elementId(t) = row.t
MERGE (s)-[r:{_rtype(rtype)} {{fact_id: row.fact_id}}]{arrow}(t)
ON CREATE SET r += row.props, r.articles = [], r.evidence = [], r.evidence_article = [],
    r.evidence_start = [], r.evidence_end = []{init_date}
WITH r, row, [i IN range(0, size(row.ids) - 1) WHERE NOT row.ids[i] IN r.articles] AS fresh
WHERE size(fresh) > 0
WITH r, row, [i IN fresh | row.ids[i]] AS ids, [i IN fresh | row.seen[i]] AS seen,
     [i IN range(0, size(row.ea) - 1) WHERE NOT row.ea[i] IN r.articles] AS keep
WITH r, ids, seen, r.evidence + [i IN keep | row.ev[i]] AS ev, r.evidence_article + [i IN keep | row.ea[i]] AS ea,
     r.evidence_start + [i IN keep | row.es[i]] AS es, r.evidence_end + [i IN keep | row.ee[i]] AS ee{with_date}
WITH r, ids, seen, ev, ea, es, ee{keep_date},
     COLLECT {{ UNWIND range(0, size(ev) - 1) AS i RETURN i ORDER BY ea[i], es[i], ee[i] }} AS o
SET r.articles = COLLECT {{ UNWIND r.articles + ids AS x RETURN x ORDER BY x }},
    r.evidence = [i IN o | ev[i]],
    r.evidence_article = [i IN o | ea[i]],
    r.evidence_start = [i IN o | es[i]],
    r.evidence_end = [i IN o | ee[i]]{set_date}
WITH r, seen
SET r.support = size(r.articles),
    r.first_seen = reduce(m = r.first_seen, x IN seen | CASE WHEN m IS NULL OR x < m THEN x ELSE m END),
    r.last_seen = reduce(m = r.last_seen, x IN seen | CASE WHEN m IS NULL OR x > m THEN x ELSE m END){set_dates}
"""


def write_batch(tx, rows_list: list[LoadRows], *, batch_size: int, ingested: str) -> BatchResult:
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
    # Locks are taken in a fixed order (articles by id, nodes by label and key) so that two writers
    # sharing nodes wait for each other instead of deadlocking (a deadlock would still be retried).
    eids: dict[str, str] = {}
    for chunk in chunks(sorted(fold.articles, key=lambda a: a["id"]), min(batch_size, 500)):  # texts: smaller
        res = tx.run(MERGE_ARTICLES, rows=chunk, ingested=ingested)
        eids.update((f"Article:{rec['id']}", rec["eid"]) for rec in res)
        result.created["Article"] += res.consume().counters.nodes_created
    for chunk in chunks(sorted(eids.values()), batch_size):
        tx.run(LINK_SOURCES_MANY, eids=chunk).consume()
    by_label: dict[str, list] = {}
    for uid in sorted(fold.nodes):
        by_label.setdefault(split_key(uid)[0], []).append(fold.nodes[uid])
    for label in ENTITY_LABELS:
        for chunk in chunks(by_label.get(label, []), batch_size):
            res = tx.run(merge_nodes_query(label), rows=chunk)
            eids.update((f"{label}:{rec['key']}", rec["eid"]) for rec in res)
            result.created[label] += res.consume().counters.nodes_created
    mention_rows = [
        {"a": eids[f"Article:{aid}"], "n": eids[uid], "aliases": aliases, "count": count}
        for aid, uid, aliases, count in fold.mentions
    ]
    for chunk in chunks(mention_rows, batch_size):
        result.created["MENTIONS"] += tx.run(MERGE_MENTIONS_MANY, rows=chunk).consume().counters.relationships_created
    alias_rows = [{"n": eids[uid], "aliases": sorted(names)} for uid, names in sorted(fold.aliases.items())]
    for chunk in chunks(alias_rows, batch_size):
        tx.run(ADD_ALIASES, rows=chunk).consume()
    groups: dict[tuple[str, bool], list] = {}
    for fact_id in sorted(fold.facts):
        f = fold.facts[fact_id]
        row = {
            "fact_id": fact_id,
            "s": eids[f.source],
            "t": eids[f.target],
            "props": f.props,
            "ids": f.ids,
            "seen": f.seen,
            "ev": f.ev,
            "ea": f.ea,
            "es": f.es,
            "ee": f.ee,
        }
        if f.group[0] in DATED_TYPES:
            row["ed"] = f.ed
        groups.setdefault(f.group, []).append(row)
    for (rtype, undirected), fact_rows in sorted(groups.items()):
        query = merge_facts_many_query(rtype, undirected)
        for chunk in chunks(fact_rows, batch_size):
            result.created[rtype] += tx.run(query, rows=chunk).consume().counters.relationships_created
    result.results = [LoadResult(article_id=r.article["id"], source=r.article["source"], status="new") for r in batch]
    return result


def load_batch(
    driver,
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
    ingested = ingested or date.today().isoformat()
    with open_session(driver, database) as session:
        result = session.execute_write(write_batch, rows_list, batch_size=batch_size, ingested=ingested)
    result.created = +result.created
    return result


# Graphs loaded before (:Source) nodes existed have none: link every Article's sources once.
LINK_ALL_SOURCES = """
MATCH (a:Article)
CALL (a) {
  UNWIND a.sources AS path
  MERGE (s:Source {key: path})
  SET s.article = a.id
} IN TRANSACTIONS OF 1000 ROWS
"""


def ensure_source_index(driver, database: str | None = None) -> bool:
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


def delete_article(driver, article_id: str, database: str | None = None) -> LoadResult:
    """Remove one article's contribution from the graph (what a replacement does to the old text)."""

    def work(tx):
        result = LoadResult(article_id=article_id, source="", status="deleted")
        delete_article_contribution(tx, article_id, result)
        return result

    with open_session(driver, database) as session:
        return session.execute_write(work)


# ---------------------------------------------------------------- queries over what was loaded

# Two ledger entries for the same pair, kind, period and currency with different values. Turnover
# is symmetric, so it is compared in either direction; export/import only in the same direction.
TRADE_CONFLICTS = """
MATCH (a)-[r1:TRADE_VOLUME]-(b), (a)-[r2:TRADE_VOLUME]-(b)
WHERE elementId(a) < elementId(b) AND elementId(r1) < elementId(r2)
  AND r1.kind = r2.kind AND r1.currency = r2.currency AND r1.value <> r2.value
  AND coalesce(toString(r1.year), r1.period, '') = coalesce(toString(r2.year), r2.period, '')
  AND (r1.kind = 'turnover' OR startNode(r1) = startNode(r2))
RETURN startNode(r1).name AS source, endNode(r1).name AS target, r1.kind AS kind,
       coalesce(toString(r1.year), r1.period) AS period, r1.currency AS currency,
       r1.value AS value, r1.articles AS articles, r2.value AS other_value, r2.articles AS other_articles
ORDER BY source, target, kind, period, value, other_value
"""

# Provenance check: fact relationships lacking an article id or an evidence sentence.
# Facts carry their articles and evidence; a derived cooperation edge (graph/derived.py) carries the
# ids of the facts it folds and sample articles instead.
PROVENANCE_VIOLATIONS = f"""
MATCH ()-[r:{"|".join(FACT_TYPES)}]->()
WHERE (r.articles IS NULL OR size(r.articles) = 0 OR r.evidence IS NULL OR size(r.evidence) = 0
       OR r.support IS NULL OR r.support <> size(r.articles) OR r.first_seen IS NULL)
RETURN type(r) AS type, r.fact_id AS fact_id
UNION ALL
MATCH ()-[r:COOPERATES_WITH]->()
WHERE coalesce(size(r.fact_ids), 0) = 0 OR coalesce(size(r.sample_articles), 0) = 0
RETURN type(r) AS type, null AS fact_id
"""


def dump_graph(driver, database: str | None = None) -> tuple[list[str], list[str]]:
    """Every node and relationship with all properties as sorted JSON lines, to compare two graph states.

    Relationships name their endpoints by label and key (or Article id), never by elementId, which
    differs between two loads of the same data.
    """

    def line(data: dict) -> str:
        return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)

    with open_session(driver, database) as session:
        nodes = session.execute_read(
            lambda tx: [
                line({"labels": sorted(r["labels"]), "props": r["props"]})
                for r in tx.run("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
            ]
        )
        rels = session.execute_read(
            lambda tx: [
                line(r.data())
                for r in tx.run(
                    "MATCH (a)-[r]->(b) RETURN [l IN labels(a) WHERE l <> 'Entity'] AS a_labels, "
                    "coalesce(a.key, a.id) AS a, type(r) AS type, properties(r) AS props, "
                    "[l IN labels(b) WHERE l <> 'Entity'] AS b_labels, coalesce(b.key, b.id) AS b"
                )
            ]
        )
    return sorted(nodes), sorted(rels)


def find_trade_conflicts(driver, database: str | None = None) -> list[dict]:
    with open_session(driver, database) as session:
        return session.execute_read(lambda tx: [r.data() for r in tx.run(TRADE_CONFLICTS)])


def find_provenance_violations(driver, database: str | None = None) -> list[dict]:
    with open_session(driver, database) as session:
        return session.execute_read(lambda tx: [r.data() for r in tx.run(PROVENANCE_VIOLATIONS)])


# ---------------------------------------------------------------- gazetteer structure (db init)

CITY_REGION = ", n.region = row.region"
MERGE_PLACES = {
    label: f"""
UNWIND $rows AS row
MERGE (n:{label} {{key: row.code}})
ON CREATE SET n.name = row.name, n.aliases = []
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


def adapt_gazetteer_rows(places) -> tuple[dict[str, list[dict]], list[dict]]:
    """Gazetteer places -> node rows per label and structure rows.

    (:Region)-[:PART_OF]->(:Country); (:City)-[:LOCATED_IN]->(:Region); a city with no region (a
    city of republican significance such as Астана, Минск, Москва) is (:City)-[:PART_OF]->(:Country).
    """
    nodes: dict[str, list[dict]] = {"Country": [], "Region": [], "City": []}
    by_code = {p.code: p for p in places}
    links = []
    for p in sorted(places, key=lambda p: p.code):
        nodes[p.type].append({"code": p.code, "name": p.name, "country": p.country, "region": p.region, "iso": p.iso})
        if p.type == "City" and p.region in by_code:
            links.append({"code": p.code, "link": ("City", "LOCATED_IN", by_code[p.region].type), "parent": p.region})
        elif p.type in ("Region", "City") and p.country in by_code and p.country != p.code:
            links.append({"code": p.code, "link": (p.type, "PART_OF", "Country"), "parent": p.country})
    return nodes, links


def load_gazetteer_structure(driver, database: str | None, places) -> Counter:
    """Load the given gazetteer places and their structure (idempotent; `coopgraph db init` calls it
    through coopgraph.pipeline.load_reference_data, which reads the gazetteer).

    Returns the nodes and relationships created per label/type (all zero on a second run).
    """
    nodes, links = adapt_gazetteer_rows(list(places))

    def work(tx) -> Counter:
        created: Counter = Counter()
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
