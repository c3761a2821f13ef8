"""A bulk writer for a fresh graph: all articles folded first, each node and fact written once (benchmark only)."""

from __future__ import annotations

# Why it exists: graph/load.py writes one transaction of ~17 statements per article, which caps
# loading at a few hundred relationships/s, so a 100k-article graph would take hours here. This
# writer folds many articles' rows in Python first (the same fact from 500 articles becomes one
# row with 500 evidence entries) and then writes each node and relationship once with UNWIND
# batches of thousands of rows. It reproduces load.py's properties exactly (articles sorted,
# evidence sorted by article and offsets, support, first/last seen, dates, aliases, the first
# article's name and qualifiers); `check_equivalent` compares full dumps of both on a sample.
# Limits: a fresh graph only (no replacement of changed texts, no --force); that is what a bulk
# first load or a rebuild needs, and what the benchmark needs for its 100k graph.
# Since graph/load.py writes 200 articles per transaction (load_batch, the same folding), this module
# stays for one reason: the real path still rewrites a popular fact's growing evidence lists once per
# batch, so growing a graph to 100k articles through it takes hours on a 2-core machine, while folding
# all 100k first writes each list once (BENCHMARKS.md, "load").
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from coopgraph.graph.load import DATED_TYPES, NODE_PROPS, LoadRows, open_session, split_key

BATCH = 5000


@dataclass
class _Fact:
    rtype: str
    source: str  # uids of the first report: its direction is the relationship's
    target: str
    props: dict
    articles: set = field(default_factory=set)
    evidence: list = field(default_factory=list)  # (article, start, end, sentence, date)
    seen: list = field(default_factory=list)


@dataclass
class BulkGraph:
    """Rows of many articles folded into one row per node, MENTIONS and fact."""

    ingested: str
    articles: dict[str, dict] = field(default_factory=dict)
    nodes: dict[str, dict] = field(default_factory=dict)  # uid -> {key, name, <NODE_PROPS>}
    mentions: list[tuple[str, str, list, int]] = field(default_factory=list)  # (article id, uid, aliases, count)
    aliases: dict[str, set] = field(default_factory=dict)
    facts: dict[str, _Fact] = field(default_factory=dict)

    def add(self, rows: LoadRows) -> None:
        art = rows.article
        aid = art["id"]
        if aid in self.articles:  # the same text from another source: load.py only adds the source
            sources = self.articles[aid]["sources"]
            if art["source"] not in sources:
                sources.append(art["source"])
            return
        props = {k: v for k, v in art.items() if v is not None}
        props.update(sources=[art["source"]], ingested=self.ingested)
        self.articles[aid] = props
        seen = art["published"] or self.ingested
        for label, node_rows in rows.nodes.items():
            for row in node_rows:
                uid = f"{label}:{row['key']}"
                old = self.nodes.get(uid)
                if old is None:
                    self.nodes[uid] = dict(row)
                else:
                    for p in NODE_PROPS:
                        if old.get(p) is None and row.get(p) is not None:
                            old[p] = row[p]
        for m in rows.mentions:
            self.mentions.append((aid, m["uid"], m["aliases"], m["count"]))
            self.aliases.setdefault(m["uid"], set()).update(m["aliases"])
        for (rtype, _undirected), fact_rows in rows.facts.items():
            for row in fact_rows:
                fact = self.facts.get(row["fact_id"])
                if fact is None:
                    fact = self.facts[row["fact_id"]] = _Fact(rtype, row["source"], row["target"], dict(row["props"]))
                if aid in fact.articles:
                    continue
                fact.articles.add(aid)
                fact.seen.append(seen)
                dates = row.get("evidence_date") or [None] * len(row["evidence"])
                for sentence, start, end, date in zip(
                    row["evidence"], row["evidence_start"], row["evidence_end"], dates
                ):
                    fact.evidence.append((aid, start, end, sentence, date))

    def fact_props(self, fact_id: str, fact: _Fact) -> dict:
        ev = sorted(fact.evidence, key=lambda e: (e[0], e[1], e[2]))
        props = dict(fact.props)
        props.update(
            fact_id=fact_id,
            articles=sorted(fact.articles),
            support=len(fact.articles),
            evidence=[e[3] for e in ev],
            evidence_article=[e[0] for e in ev],
            evidence_start=[e[1] for e in ev],
            evidence_end=[e[2] for e in ev],
            first_seen=min(fact.seen),
            last_seen=max(fact.seen),
        )
        if fact.rtype in DATED_TYPES:
            props["evidence_date"] = [e[4] or "" for e in ev]
            props["dates"] = sorted({e[4] for e in ev if e[4]})
            if props["dates"]:
                props["date"] = props["dates"][0]
        return props


def _chunks(rows: list, size: int = BATCH) -> Iterable[list]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


MERGE_NODES = """
UNWIND $rows AS row
MERGE (n:{label} {{key: row.key}})
ON CREATE SET n.name = row.name, n.aliases = []
SET n:Entity, {fill}
"""
CREATE_ARTICLES = "UNWIND $rows AS row CREATE (a:Article) SET a = row"
CREATE_MENTIONS = """
UNWIND $rows AS row
MATCH (a:Article {{id: row.id}})
MATCH (n:{label} {{key: row.key}})
CREATE (a)-[:MENTIONS {{aliases: row.aliases, count: row.count}}]->(n)
"""
SET_ALIASES = "UNWIND $rows AS row MATCH (n:{label} {{key: row.key}}) SET n.aliases = row.aliases"
CREATE_FACTS = """
UNWIND $rows AS row
MATCH (s:{slabel} {{key: row.s}})
MATCH (t:{tlabel} {{key: row.t}})
CREATE (s)-[r:{rtype}]->(t)
SET r = row.props
"""


@dataclass
class BulkResult:
    articles: int = 0
    nodes: int = 0
    relationships: int = 0  # created: MENTIONS + distinct facts
    rows: int = 0  # relationship rows of the articles folded in (MENTIONS + per-article facts)
    seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)


def write_bulk(driver, database: str, graph: BulkGraph, rows_in: int = 0) -> BulkResult:
    """Write the folded graph; labels and types come from load.py's whitelists via split_key."""
    result = BulkResult(articles=len(graph.articles), rows=rows_in)
    began = time.perf_counter()

    def run(step: str, query: str, rows: list, size: int = BATCH) -> None:
        t0 = time.perf_counter()
        with open_session(driver, database) as session:
            for batch in _chunks(rows, size):
                session.execute_write(lambda tx, b=batch: tx.run(query, rows=b).consume())
        result.steps[step] = result.steps.get(step, 0.0) + time.perf_counter() - t0

    run("articles", CREATE_ARTICLES, list(graph.articles.values()), 1000)  # texts: smaller batches
    by_label: dict[str, list] = {}
    for uid, row in graph.nodes.items():
        by_label.setdefault(split_key(uid)[0], []).append(row)
    fill = ", ".join(f"n.{p} = coalesce(n.{p}, row.{p})" for p in NODE_PROPS)
    for label, rows in sorted(by_label.items()):
        run("nodes", MERGE_NODES.format(label=label, fill=fill), rows)
        result.nodes += len(rows)
    mentions: dict[str, list] = {}
    for aid, uid, aliases, count in graph.mentions:
        label, key = split_key(uid)
        mentions.setdefault(label, []).append({"id": aid, "key": key, "aliases": aliases, "count": count})
    for label, rows in sorted(mentions.items()):
        run("mentions", CREATE_MENTIONS.format(label=label), rows, 10000)
        result.relationships += len(rows)
    aliases: dict[str, list] = {}
    for uid, names in graph.aliases.items():
        label, key = split_key(uid)
        aliases.setdefault(label, []).append({"key": key, "aliases": sorted(names)})
    for label, rows in sorted(aliases.items()):
        run("aliases", SET_ALIASES.format(label=label), rows, 10000)
    groups: dict[tuple[str, str, str], list] = {}
    for fact_id, fact in graph.facts.items():
        (slabel, skey), (tlabel, tkey) = split_key(fact.source), split_key(fact.target)
        groups.setdefault((fact.rtype, slabel, tlabel), []).append(
            {"s": skey, "t": tkey, "props": graph.fact_props(fact_id, fact)}
        )
    for (rtype, slabel, tlabel), rows in sorted(groups.items()):
        run("facts", CREATE_FACTS.format(rtype=rtype, slabel=slabel, tlabel=tlabel), rows)
        result.relationships += len(rows)
    t0 = time.perf_counter()
    from coopgraph.graph.load import ensure_source_index

    ensure_source_index(driver, database)  # the (:Source) lookup nodes load.py keeps in step
    result.steps["sources"] = time.perf_counter() - t0
    result.seconds = time.perf_counter() - began
    return result


def check_equivalent(bench, facts_list) -> tuple[bool, str]:
    """Load the facts with graph/load.py (one article at a time), then with this writer, and compare full dumps."""
    from bench.common import INGESTED, reset_graph
    from coopgraph.graph.load import adapt_facts, dump_graph, load_facts

    reset_graph(bench)
    for facts in facts_list:
        load_facts(bench.driver, facts, bench.database, ingested=INGESTED)
    real = dump_graph(bench.driver, bench.database)
    reset_graph(bench)
    graph = BulkGraph(ingested=INGESTED)
    for facts in facts_list:
        graph.add(adapt_facts(facts))
    write_bulk(bench.driver, bench.database, graph)
    bulk = dump_graph(bench.driver, bench.database)
    diffs = Counter()
    examples = []
    for kind, a, b in (("node", real[0], bulk[0]), ("relationship", real[1], bulk[1])):
        only_real, only_bulk = sorted(set(a) - set(b)), sorted(set(b) - set(a))
        diffs[kind] = len(only_real) + len(only_bulk)
        examples += [f"only load.py: {x[:300]}" for x in only_real[:2]] + [
            f"only bulk: {x[:300]}" for x in only_bulk[:2]
        ]
    same = not any(diffs.values()) and len(real[0]) == len(bulk[0]) and len(real[1]) == len(bulk[1])
    summary = (
        f"{len(real[0])} nodes, {len(real[1])} relationships; differing lines: "
        f"{diffs['node']} nodes, {diffs['relationship']} relationships"
    )
    return same, summary + ("" if same else "\n" + "\n".join(examples))
