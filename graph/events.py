"""Events in the graph: one Visit node per visit, one Document node per document, exact as articles come and go."""

from __future__ import annotations

# Each article's claims about events (a visit, a document; coopgraph.ingest.identity makes them)
# are kept as `(:Article)-[:REPORTS {claim, block, kind, key, spec, date, links, node}]->(event)`, one
# per claim, like STATES for facts. Which event a claim belongs to depends on the other claims of
# its block (a visit's pair of countries, a document's kind): an undated report joins the one dated
# visit it fits and leaves it when a second one comes. So every write and every removal settles
# the blocks it touched: all their claims are resolved again (work in proportion to the block,
# never the graph), and the claims whose event changed move. A visit is an overlay (its facts do
# not change); a document is the Document node itself, so moving a claim moves the article's
# PARTY_TO/SIGNED reports, MENTIONS and summary part from one node to the other, the facts'
# counters recomputed from their reports, exactly as if it had been written there.
#
# Which claims are one event is decided by coopgraph.ingest.identity, read through graph/claims.py.
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import neo4j

from coopgraph.exceptions import LoadError
from coopgraph.graph import claims
from coopgraph.graph.rows import ENTITY_LABELS, Row, adapt_fact_id, split_key

Link = tuple[str, str, str]  # (fact type, source uid, target uid)
EVENT_TYPES = ("VISITED", "SIGNED", "PARTY_TO")  # facts that carry `events`
DOCUMENT_TYPES = ("SIGNED", "PARTY_TO")
VISIT_LINKS = ("VISITOR", "HOST", "HEAD", "STOP")


# ---------------------------------------------------------------- Cypher


def read_near_query() -> str:
    """The claims in the buckets (block and facet: graph/claims.buckets_of) that can hold a claim compatible
    with a probe, by the indexes of the bucket slots: exact buckets, and prefixes of buckets (a month's
    dates)."""
    parts = []
    for slot in claims.BUCKET_SLOTS:
        parts.append(f"  UNWIND $exact AS b MATCH (a:Article)-[c:REPORTS {{{slot}: b}}]->(e) RETURN a, c, e")
        parts.append(
            f"  UNWIND $prefixes AS p MATCH (a:Article)-[c:REPORTS]->(e) WHERE c.{slot} STARTS WITH p RETURN a, c, e"
        )
    union = "\n  UNION\n".join(parts)
    return f"""
CALL () {{
{union}
}}
RETURN a.id AS article, c.claim AS claim, c.spec AS spec, c.kind AS kind, c.links AS links, c.node AS node,
       head([l IN labels(e) WHERE l <> 'Entity']) + ':' + e.key AS event
"""


READ_NEAR = read_near_query()
ARTICLE_CLAIMS = """
MATCH (:Article {id: $id})-[c:REPORTS]->(e)
RETURN collect(c.spec) AS specs,
       collect(DISTINCT head([l IN labels(e) WHERE l <> 'Entity']) + ':' + e.key) AS events
"""

MERGE_VISITS = """
UNWIND $keys AS key
MERGE (v:Visit {key: key})
"""
ADD_REPORTS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article})
CALL (row) {
  MATCH (e:Visit {key: row.event}) WHERE row.label = 'Visit' RETURN e
  UNION
  MATCH (e:Document {key: row.event}) WHERE row.label = 'Document' RETURN e
}
CREATE (a)-[c:REPORTS]->(e)
SET c = row.props
"""
DROP_REPORTS = """
UNWIND $rows AS row
MATCH (:Article {id: row.article})-[c:REPORTS {claim: row.claim}]->()
WITH c, properties(c) AS props, row
DELETE c
RETURN row.article AS article, props
"""

# A visit's properties and links, from its claims: the date of its key, every date reported,
# support, the first publication date and first/last seen (ingest date for undated articles);
# VISITOR/HOST its sides, HEAD the persons who visited, STOP the places and enterprises visited.
VISIT_CLAIMS = """
UNWIND $keys AS key
MATCH (v:Visit {key: key})
OPTIONAL MATCH (a:Article)-[c:REPORTS]->(v)
RETURN key, collect(DISTINCT a.id) AS articles, min(a.published) AS published,
       min(coalesce(a.published, a.ingested)) AS first,
       max(coalesce(a.published, a.ingested)) AS last, collect(c.date) AS dates, collect(c.links) AS links
"""
SET_VISITS = """
UNWIND $rows AS row
MATCH (v:Visit {key: row.key})
OPTIONAL MATCH (v)-[old:VISITOR|HOST|HEAD|STOP]->()
DELETE old
WITH DISTINCT v, row
SET v += row.props
"""
DELETE_VISITS = """
UNWIND $keys AS key
MATCH (v:Visit {key: key})
DETACH DELETE v
"""
NAME_VISITS = """
UNWIND $keys AS key
MATCH (v:Visit {key: key})
OPTIONAL MATCH (v)-[:VISITOR]->(x)
OPTIONAL MATCH (v)-[:HOST]->(y)
SET v.name = coalesce(x.name, v.visitor) + ' → ' + coalesce(y.name, v.host) + coalesce(' (' + v.date + ')', '')
"""


def link_visits_query(label: str) -> str:
    if label not in ENTITY_LABELS:
        raise LoadError(f"not an entity label: {label!r}")
    return f"""
UNWIND $rows AS row
MATCH (v:Visit {{key: row.visit}})
MATCH (x:{label} {{key: row.key}})
CALL (v, x, row) {{
  WITH v, x, row WHERE row.type = 'VISITOR' CREATE (v)-[:VISITOR]->(x)
  UNION
  WITH v, x, row WHERE row.type = 'HOST' CREATE (v)-[:HOST]->(x)
  UNION
  WITH v, x, row WHERE row.type = 'HEAD' CREATE (v)-[:HEAD]->(x)
  UNION
  WITH v, x, row WHERE row.type = 'STOP' CREATE (v)-[:STOP]->(x)
}}
"""


# Each report of a fact names the event its claim is part of; the fact lists its reports' events.
SET_REPORT_EVENTS = """
UNWIND $rows AS row
MATCH (:Article {id: row.article})-[s:STATES {fact_id: row.fact_id}]->()
SET s.event = row.event
"""


def fact_events_query(rtype: str) -> str:
    if rtype not in EVENT_TYPES:
        raise LoadError(f"not an event fact type: {rtype!r}")
    return f"""
UNWIND $ids AS fid
MATCH ()-[r:{rtype} {{fact_id: fid}}]->()
WITH r, COLLECT {{ MATCH ()-[s:STATES {{fact_id: fid}}]->() WHERE s.event IS NOT NULL
                  RETURN DISTINCT s.event AS e ORDER BY e }} AS events
SET r.events = CASE WHEN size(events) = 0 THEN null ELSE events END
"""


# ---------------------------------------------------------------- settling blocks


@dataclass
class Settled:
    """What settling did: events created and deleted, articles whose summary part must be re-derived."""

    created: Counter[str]
    deleted: Counter[str]
    moved_articles: set[str]


Move = Callable[[neo4j.ManagedTransaction, str, str, str, list[Link], Row | None, Settled], None]


def settle(
    tx: neo4j.ManagedTransaction,
    new: list[tuple[str, Row]],
    move: Move,
    seeds: Iterable[str] = (),
    events: Iterable[str] = (),
) -> Settled:
    """Resolve the claims that the new claims (and `seeds`, specs of claims just removed) can be one event
    with, transitively, and move those whose event changed; `new` are (article id, claim row) of
    articles just written with their own keys. `move(tx, article, old key, new key, links, settled)`
    moves an article's part of a document; `events` are events that lost a claim (a removed article's):
    a visit left with none goes."""
    out = Settled(Counter(), Counter(), set())
    probes = [claims.claim_of(json.loads(row["spec"])) for _aid, row in new] + [
        claims.claim_of(json.loads(spec)) for spec in seeds
    ]
    if not probes:
        return out
    old = read_components(tx, probes)
    specs = {r["claim"]: r["spec"] for r in old} | {row["id"]: row["spec"] for _aid, row in new}
    keys = claims.resolve(specs)
    touched: set[str] = set(events)
    report_rows: list[Row] = []
    moves: list[tuple[str, str, str, list[Link], Row | None]] = []
    for aid, row in new:
        props = {k: row[k] for k in ("block", "kind", "key", "spec", *claims.BUCKET_SLOTS) if k in row}
        props.update(claim=row["id"], links=json.dumps(row["links"], ensure_ascii=False), date=row["date"])
        node = row.get("node")
        if node is not None:
            props["node"] = json.dumps(node, ensure_ascii=False, sort_keys=True)
        if row["kind"] == "document" and keys[row["id"]] != row["key"]:
            moves.append((aid, row["key"], keys[row["id"]], [tuple(x) for x in row["links"]], node))
        report_rows.append({"article": aid, "event": keys[row["id"]], "props": props})
    stale = [r for r in old if keys[r["claim"]] != r["event"]]
    for r in stale:
        if r["kind"] == "document":
            links = [tuple(x) for x in json.loads(r["links"])]
            node = json.loads(r["node"]) if r["node"] else None
            moves.append((r["article"], r["event"], keys[r["claim"]], current_links(links, r["event"]), node))
        touched.add(r["event"])
    dropped = tx.run(DROP_REPORTS, rows=[{"article": r["article"], "claim": r["claim"]} for r in stale])
    report_rows += [{"article": d["article"], "event": keys[d["props"]["claim"]], "props": d["props"]} for d in dropped]
    for aid, src, dst, links, node in moves:
        move(tx, aid, split_key(src)[1], split_key(dst)[1], links, node, out)
        out.moved_articles.add(aid)
    visits = sorted({r["event"] for r in report_rows if r["event"].startswith("Visit:")})
    before = tx.run(MERGE_VISITS, keys=[split_key_visit(k) for k in visits]).consume().counters.nodes_created
    out.created["Visit"] += before
    for r in report_rows:
        r["label"], r["event"] = (
            ("Visit", split_key_visit(r["event"]))
            if r["event"].startswith("Visit:")
            else (
                "Document",
                split_key(r["event"])[1],
            )
        )
    tx.run(ADD_REPORTS, rows=report_rows).consume()
    out.created["REPORTS"] += len(new)
    touched |= {("Visit:" if r["label"] == "Visit" else "Document:") + r["event"] for r in report_rows}
    refresh_visits(tx, sorted(k for k in touched if k.startswith("Visit:")), out)
    set_report_events(tx, report_rows)
    return out


def read_components(tx: neo4j.ManagedTransaction, probes: list[claims.identity.Claim]) -> list[Row]:
    """The reports of every claim in the graph linked to a probe by a chain of compatible claims: all
    that resolving the probes can regroup (a claim's event depends on its component only).

    Each round reads the buckets the last round's claims can have partners in (a visit's day, month,
    year and undated reports; a document's period), so the work follows the components, not the
    graph: at 100k articles an increment read whole country pairs before."""
    found: dict[tuple[str, str], Row] = {}
    pool: dict[tuple[str, str], tuple[Row, claims.identity.Claim]] = {}  # read, not (yet) linked
    asked: set[tuple[str, str]] = set()
    frontier = probes
    while frontier:
        exact: set[str] = set()
        prefixes: set[str] = set()
        for c in frontier:
            e, p = claims.near_buckets(c)
            exact.update(b for b in e if ("=", b) not in asked)
            prefixes.update(b for b in p if ("^", b) not in asked)
        asked.update(("=", b) for b in exact)
        asked.update(("^", b) for b in prefixes)
        if exact or prefixes:
            for rec in tx.run(READ_NEAR, exact=sorted(exact), prefixes=sorted(prefixes)):
                row = rec.data()
                ident = (row["article"], row["claim"])
                if ident not in found and ident not in pool:
                    pool[ident] = (row, claims.claim_of(json.loads(row["spec"])))
        index = claims.identity.Index(frontier)
        frontier = []
        for ident, (row, c) in list(pool.items()):
            if any(claims.compatible(c, index.claims[j]) for j in index.near(c)):
                found[ident] = row
                del pool[ident]
                frontier.append(c)
    return list(found.values())


def split_key_visit(uid: str) -> str:
    return uid.partition(":")[2]


def current_links(links: list[Link], event: str) -> list[Link]:
    """A document claim's links as they are now: pointing at the node the claim is on."""
    return [(t, s, event) if t in DOCUMENT_TYPES else (t, s, d) for t, s, d in links]


def set_report_events(tx: neo4j.ManagedTransaction, report_rows: list[Row]) -> None:
    """Each report of a claim's facts names the claim's event; the facts list their reports' events."""
    rows: list[Row] = []
    ids: dict[str, set[str]] = {}
    for r in report_rows:
        uid = ("Visit:" if r["label"] == "Visit" else "Document:") + r["event"]
        for rtype, src, dst in json.loads(r["props"]["links"]):
            if rtype in DOCUMENT_TYPES:
                dst = uid
            fid = adapt_fact_id(rtype, src, dst, [])
            rows.append({"article": r["article"], "fact_id": fid, "event": uid})
            ids.setdefault(rtype, set()).add(fid)
    tx.run(SET_REPORT_EVENTS, rows=rows).consume()
    for rtype, fids in sorted(ids.items()):
        if rtype in EVENT_TYPES:
            tx.run(fact_events_query(rtype), ids=sorted(fids)).consume()


def refresh_visits(tx: neo4j.ManagedTransaction, uids: list[str], out: Settled) -> None:
    """Recompute the visits' properties and links from their claims; a visit no claim is part of goes."""
    keys = [split_key_visit(u) for u in uids]
    rows, links, empty = [], [], []
    for rec in tx.run(VISIT_CLAIMS, keys=keys):
        key = rec["key"]
        if not rec["articles"]:
            empty.append(key)
            continue
        sides, _, date_ = key.partition("|")
        visitor, _, host = sides.partition(">")
        dates = sorted({d for d in rec["dates"] if d})
        props = {"visitor": visitor, "host": host, "date": date_ or None, "dates": dates or None}
        props["published"] = rec["published"]
        props.update(support=len(rec["articles"]), first_seen=rec["first"], last_seen=rec["last"])
        rows.append({"key": key, "props": props})
        links += visit_links(key, visitor, host, [tuple(x) for text in rec["links"] for x in json.loads(text)])
    tx.run(SET_VISITS, rows=rows).consume()
    for label in ENTITY_LABELS:
        mine = [r for r in links if r["label"] == label]
        if mine:
            tx.run(link_visits_query(label), rows=mine).consume()
    tx.run(NAME_VISITS, keys=[r["key"] for r in rows]).consume()
    if empty:
        out.deleted["Visit"] += tx.run(DELETE_VISITS, keys=empty).consume().counters.nodes_deleted


def visit_links(key: str, visitor: str, host: str, links: list[Link]) -> list[Row]:
    """VISITOR and HOST (the sides), HEAD (persons who visited) and STOP (what else was visited)."""
    out: set[tuple[str, str]] = {("VISITOR", visitor), ("HOST", host)}
    for _rtype, src, dst in links:
        if src.startswith("Person:"):
            out.add(("HEAD", src))
        if dst not in (host, visitor):
            out.add(("STOP", dst))
    rows = []
    for rtype, uid in sorted(out):
        label, _, ekey = uid.partition(":")
        if label in ENTITY_LABELS:
            rows.append({"visit": key, "type": rtype, "label": label, "key": ekey})
    return rows
