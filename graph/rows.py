"""Extracted facts as graph rows (pure): keys, fact identities, one report record per evidence, batches folded."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, get_args

from coopgraph.exceptions import LoadError
from coopgraph.ingest.records import (
    Article,
    ArticleFacts,
    Entity,
    EntityType,
    Relation,
    RelationType,
    document_keys,
    hs_chapter_name,
)

Row = dict[str, Any]

# Labels and relationship types come only from these whitelists, never from input: Cypher cannot
# take a label as a parameter, so statements are generated per label from fixed names.
ENTITY_LABELS: tuple[str, ...] = get_args(EntityType)
FACT_TYPES: tuple[str, ...] = get_args(RelationType)
# hs_chapter, hs_name: a Commodity's class in the goods taxonomy (Entity.hs_chapter) and its name
NODE_PROPS = ("legal_form", "kind", "period_from", "period_to", "signed", "country", "region", "hs_chapter", "hs_name")
DATED_TYPES = ("VISITED", "SIGNED")  # each report keeps the date its text gives; the fact keeps `dates`
FACT_QUALIFIERS = ("title", "commodity", "commodity_key", "kind", "value", "currency", "year", "period")


@dataclass
class LoadRows:
    """One article as Cypher parameters: the Article, node and MENTIONS rows per label, fact rows."""

    article: Row
    nodes: dict[str, list[Row]] = field(default_factory=dict)  # label -> {key, name, <NODE_PROPS>}
    mentions: list[Row] = field(default_factory=list)  # {uid, aliases, count}; uid = "<label>:<key>"
    # (type, undirected) -> {fact_id, source, target (uids), props, reports: [{sentence, start, end, ...}]}
    facts: dict[tuple[str, bool], list[Row]] = field(default_factory=dict)
    # the article's claims about events (a visit, a document): graph/events.py
    claims: list[Row] = field(default_factory=list)
    # False for an article not extracted yet: loading it only settles an unchanged article (no
    # extraction needed) and otherwise reports "pending" without writing anything.
    complete: bool = True

    def node_counts(self) -> Counter[str]:
        return Counter({label: len(rows) for label, rows in self.nodes.items()})

    def fact_counts(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for (rtype, _undirected), rows in self.facts.items():
            counts[rtype] += len(rows)
        return counts

    @property
    def rows(self) -> int:
        """Relationship rows this article writes: its MENTIONS and one per fact it reports."""
        return len(self.mentions) + sum(len(r) for r in self.facts.values())


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


def adapt_entity_row(ent: Entity, label: str, key: str) -> Row:
    row: Row = {"key": key, "name": ent.name}
    row.update({p: None for p in NODE_PROPS})
    row.update(legal_form=ent.legal_form, kind=ent.kind, signed=ent.signed, country=ent.country, region=ent.region)
    row.update(hs_chapter=ent.hs_chapter, hs_name=hs_chapter_name(ent.hs_chapter))
    if ent.period:
        row["period_from"], row["period_to"] = int(ent.period[0]), int(ent.period[1])
    return row


def adapt_document_keys(facts: ArticleFacts) -> dict[str, str]:
    """Documents re-keyed as kind + parties + period (or signing year): the rule event identity uses too
    (coopgraph.ingest.records, one place for it)."""
    return document_keys(facts)


def adapt_article(art: Article, source: str | None = None) -> Row:
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


class _RowBuilder:
    """The nodes and MENTIONS of one article, entities folded by their (re-keyed) uid."""

    def __init__(self, remap: dict[str, str]):
        self.remap = remap
        self.nodes: dict[str, Row] = {}
        self.mentions: dict[str, Row] = {}

    def add(self, uid: str, label: str, row: Row, aliases: Iterable[str], count: int) -> None:
        if uid in self.nodes:  # two entities folded into one node: keep the first name, fill gaps
            old = self.nodes[uid]
            for p in NODE_PROPS:
                if old[p] is None:
                    old[p] = row[p]
        else:
            self.nodes[uid] = dict(row, _label=label)
        m = self.mentions.setdefault(uid, {"uid": uid, "aliases": set(), "count": 0})
        m["aliases"].update(a for a in aliases if a)
        m["count"] += count

    def endpoint(self, uid: str, name: str) -> str:
        uid = self.remap.get(uid, uid)
        label, key = split_key(uid)
        if uid not in self.nodes:  # a relation names an entity the entity list lacks: still a node
            self.add(uid, label, {"key": key, "name": name, **{p: None for p in NODE_PROPS}}, [], 0)
        return uid


def adapt_facts(facts: ArticleFacts) -> LoadRows:
    """Turn one article's facts into Cypher rows; raises LoadError on a malformed key."""
    rows = LoadRows(article=adapt_article(facts.article, facts.source))
    build = _RowBuilder(adapt_document_keys(facts))
    for ent in facts.entities:
        uid = build.remap.get(ent.key, ent.key)
        label, key = split_key(uid)
        if label != ent.type:
            raise LoadError(f"entity {ent.name!r}: key {ent.key!r} does not match its type {ent.type}")
        build.add(uid, label, adapt_entity_row(ent, label, key), ent.aliases, len(ent.mentions))
    commodity_keys = {
        normalise_name(e.name): split_key(build.remap.get(e.key, e.key))[1]
        for e in facts.entities
        if e.type == "Commodity"
    }
    grouped: dict[str, tuple[tuple[str, bool], Row]] = {}  # fact_id -> (statement group, row)
    links: list[tuple[str, str, str]] = []  # relation i as the graph has it: (type, source uid, target uid)
    for rel in facts.relations:
        group, row = adapt_relation(rel, build, commodity_keys)
        group_row = grouped.setdefault(row["fact_id"], (group, row))[1]
        add_report(group_row, rel)
        links.append((rel.type, row["source"], row["target"]))
    for uid in sorted(build.nodes):
        node = dict(build.nodes[uid])
        rows.nodes.setdefault(node.pop("_label"), []).append(node)
        m = build.mentions[uid]
        rows.mentions.append(dict(m, aliases=sorted(m["aliases"])))
    for fact_id in sorted(grouped):
        group, row = grouped[fact_id]
        rows.facts.setdefault(group, []).append(row)
    rows.facts = dict(sorted(rows.facts.items()))
    from coopgraph.graph.claims import claim_rows

    rows.claims = claim_rows(facts, links)
    documents = {row["key"]: row for row in rows.nodes.get("Document", [])}
    for claim in rows.claims:  # a document claim moved to a node of its own is created from its article's row
        if claim["kind"] == "document":
            claim["node"] = documents.get(split_key(claim["key"])[1])
    return rows


def adapt_relation(rel: Relation, build: _RowBuilder, commodity_keys: dict[str, str]) -> tuple[tuple[str, bool], Row]:
    """One relation's fact row (no reports yet) and its statement group (type, undirected)."""
    s_uid = build.endpoint(rel.source_key, rel.source)
    t_uid = build.endpoint(rel.target_key, rel.target)
    props, qualifiers = adapt_qualifiers(rel)
    if rel.commodity:
        ckey = commodity_keys.get(normalise_name(rel.commodity)) or normalise_name(rel.commodity)
        props["commodity_key"] = ckey
        qualifiers = [ckey]
        build.endpoint(f"Commodity:{ckey}", rel.commodity)
    undirected = rel.type == "TRADE_VOLUME" and rel.kind == "turnover"
    ends = sorted([s_uid, t_uid]) if undirected else [s_uid, t_uid]  # turnover is symmetric
    fact_id = adapt_fact_id(rel.type, ends[0], ends[1], qualifiers)
    if rel.type == "TRADE_VOLUME":
        props["ledger"] = adapt_ledger(rel, s_uid, t_uid)
    return (rel.type, undirected), {"fact_id": fact_id, "source": s_uid, "target": t_uid, "props": props, "reports": []}


def adapt_ledger(rel: Relation, s_uid: str, t_uid: str) -> str:
    """The trade figures that must agree: the same flow (an import of x from y is y's export to x;
    turnover has no direction), period and currency. Two figures with one ledger and different values
    are a conflict."""
    if rel.kind == "turnover":
        flow = ["turnover", *sorted([s_uid, t_uid])]
    elif rel.kind == "import":
        flow = ["export", t_uid, s_uid]
    else:
        flow = ["export", s_uid, t_uid]
    period = str(rel.year) if rel.year is not None else (rel.period or "")
    return hashlib.sha1("\x1f".join([*flow, period, rel.currency or ""]).encode("utf-8")).hexdigest()


def adapt_qualifiers(rel: Relation) -> tuple[Row, list[Any]]:
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


def add_report(row: Row, rel: Relation) -> None:
    """One report of the fact: the sentence, its offsets, the date the text gives, the rule and its
    confidence. The same sentence and date twice in one article is one report."""
    ev = rel.evidence
    date_ = (rel.date or "") if rel.type in DATED_TYPES else None
    for old in row["reports"]:
        if old["start"] == ev.start and old["end"] == ev.end and old["date"] == date_:
            return
    row["reports"].append(
        {
            "sentence": ev.sentence,
            "start": ev.start,
            "end": ev.end,
            "date": date_,
            "rule": rel.rule,
            "confidence": rel.confidence,
        }
    )


def report_props(report: Row, fact_id: str) -> Row:
    """A STATES relationship's properties: no nulls and no empty date (Neo4j stores neither)."""
    props = {"fact_id": fact_id, "sentence": report["sentence"], "start": report["start"], "end": report["end"]}
    for key in ("rule", "confidence"):
        if report.get(key) is not None:
            props[key] = report[key]
    if report.get("date"):
        props["date"] = report["date"]
    return props


# ---------------------------------------------------------------- many new articles folded


@dataclass
class FoldedFact:
    """Everything a batch says about one fact: who reported it, when, how sure, which dates."""

    group: tuple[str, bool]
    source: str  # uids of the first report: its direction is the relationship's
    target: str
    props: Row
    articles: int = 0
    evidence: int = 0  # its reports (STATES records): one per sentence an article states it in
    first: str | None = None
    last: str | None = None
    confidence: float | None = None
    dates: set[str] = field(default_factory=set)

    def add(self, seen: str, reports: list[Row]) -> None:
        self.articles += 1
        self.evidence += len(reports)
        self.first = seen if self.first is None or seen < self.first else self.first
        self.last = seen if self.last is None or seen > self.last else self.last
        for rep in reports:
            conf = rep.get("confidence")
            if conf is not None and (self.confidence is None or conf > self.confidence):
                self.confidence = float(conf)
            if rep.get("date"):
                self.dates.add(rep["date"])


@dataclass
class Fold:
    """Many new articles' rows: one row per article, node and MENTIONS, one per fact with counters."""

    ingested: str
    articles: list[Row] = field(default_factory=list)
    nodes: dict[str, Row] = field(default_factory=dict)  # uid -> node row (first article's name)
    mentions: list[tuple[str, str, list[str], int]] = field(default_factory=list)  # (article id, uid, aliases, n)
    aliases: dict[str, set[str]] = field(default_factory=dict)
    facts: dict[str, FoldedFact] = field(default_factory=dict)
    reports: list[tuple[str, str, Row]] = field(default_factory=list)  # (article id, fact's source uid, props)
    claims: list[tuple[str, Row]] = field(default_factory=list)  # (article id, claim row)
    rows: int = 0
    loaded: list[LoadRows] = field(default_factory=list)

    def add(self, rows: LoadRows) -> None:
        art = rows.article
        aid = art["id"]
        self.loaded.append(rows)
        self.articles.append(art)
        self.rows += rows.rows
        seen = art["published"] or self.ingested
        for label, node_rows in rows.nodes.items():
            for row in node_rows:
                self.add_node(f"{label}:{row['key']}", row)
        for m in rows.mentions:
            self.mentions.append((aid, m["uid"], m["aliases"], m["count"]))
            self.aliases.setdefault(m["uid"], set()).update(m["aliases"])
        for source, props in fold_facts(self.facts, rows, seen):
            self.reports.append((aid, source, props))
        self.claims += [(aid, claim) for claim in rows.claims]

    def add_node(self, uid: str, row: Row) -> None:
        old = self.nodes.get(uid)
        if old is None:
            self.nodes[uid] = dict(row)
        else:
            fill_node(old, row)


def fill_node(old: Row, row: Row) -> None:
    """A later article's node row: as MERGE ... SET n.p = coalesce(n.p, row.p) does, gaps filled only."""
    for p in NODE_PROPS:
        if old.get(p) is None and row.get(p) is not None:
            old[p] = row[p]


def fold_facts(facts: dict[str, FoldedFact], rows: LoadRows, seen: str) -> Iterator[tuple[str, Row]]:
    """Add one article's facts to `facts` (a fact's first report gives its direction and qualifiers);
    yields each report as (the fact's source uid, its STATES properties)."""
    for group, fact_rows in rows.facts.items():
        for row in fact_rows:
            fact = facts.get(row["fact_id"])
            if fact is None:
                fact = facts[row["fact_id"]] = FoldedFact(group, row["source"], row["target"], dict(row["props"]))
            fact.add(seen, row["reports"])
            for rep in row["reports"]:
                yield row["source"], report_props(rep, row["fact_id"])


def fold_rows(rows_list: list[LoadRows], ingested: str) -> Fold:
    """Many new articles' rows folded in input order."""
    fold = Fold(ingested=ingested)
    for rows in rows_list:
        fold.add(rows)
    return fold


def month_of(published: str | None) -> str:
    """The month an article counts in for activity: its publication month, "unknown" when undated."""
    return published[:7] if published and len(published) >= 7 else "unknown"
