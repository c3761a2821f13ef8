"""Load throughput: the real (batched) ingest path vs the per-article path and a one-statement baseline."""

from __future__ import annotations

# "Relationships" are the rows a load writes: one MENTIONS per (article, entity) and one per
# (article, fact). A fact that several articles report is merged, not created again, but each
# article's row is still work the writer does, so both paths are measured on that same count;
# `created` is also kept (what `coopgraph ingest` prints).
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from bench.common import INGESTED, Bench, log, median, reset_graph
from coopgraph.ingest.records import ArticleFacts

REL_TYPES = (
    "MENTIONS",
    "HOLDS_POSITION",
    "VISITED",
    "SIGNED",
    "PARTY_TO",
    "EXPORTS_TO",
    "TRADE_VOLUME",
    "PARTICIPATED_IN",
)


def rows_written(facts: ArticleFacts) -> int:
    from coopgraph.graph.load import adapt_facts

    rows = adapt_facts(facts)
    return len(rows.mentions) + sum(len(r) for r in rows.facts.values())


@dataclass
class LoadRun:
    articles: int = 0
    rows: int = 0  # relationship rows written (MENTIONS + facts per article)
    created: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    statuses: Counter = field(default_factory=Counter)
    per_article_ms: list[float] = field(default_factory=list)

    @property
    def rel_per_s(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def load_real(
    bench: Bench,
    facts_list: Iterable[ArticleFacts],
    progress_every: int = 0,
    *,
    chunk: int = 2000,
    batch_articles: int | None = None,
    batch_size: int = 1000,
) -> LoadRun:
    """What `coopgraph ingest` does once the facts exist: the batched state check, then batched writes.

    It runs `coopgraph ingest`'s own pipeline (`IngestPipeline.ingest`) with the extraction replaced by
    the known facts, `chunk` articles at a time (as one `coopgraph ingest` run of that many articles).
    """
    from coopgraph.extraction import Extracted
    from coopgraph.pipeline import IngestOptions, IngestPipeline

    run = LoadRun()
    began = time.perf_counter()
    buffer: list[ArticleFacts] = []

    def flush() -> None:
        if not buffer:
            return
        by_id = {}
        for f in buffer:
            by_id.setdefault((f.article.id, f.article.source), f)
        articles = [f.article for f in buffer]
        options = IngestOptions(batch_size=batch_size, batch_articles=batch_articles, ingested=INGESTED)
        pipeline = IngestPipeline(
            bench.driver,
            bench.database,
            options,
            extract=lambda todo: (Extracted(a, facts=by_id[(a.id, a.source)]) for a in todo),
        )
        pipeline.report.articles = len(articles)
        t0 = time.perf_counter()
        report = pipeline.ingest(articles)
        dt = time.perf_counter() - t0
        if report.failures or report.lost:
            raise RuntimeError(f"load_real: {report.failures[:3]} {report.lost}")
        run.seconds += dt
        run.per_article_ms += [1000 * dt / len(buffer)] * len(buffer)
        run.created.update(report.created)
        run.statuses.update(report.statuses)
        # rows of the articles written (an unchanged one writes nothing; the corpus has none)
        run.rows += round(sum(rows_written(f) for f in buffer) * report.statuses["new"] / len(buffer))
        run.articles += len(buffer)
        buffer.clear()
        if progress_every:
            log(
                f"real load: {run.articles} articles, {run.rel_per_s:.0f} rel/s, "
                f"{1000 * run.seconds / run.articles:.1f} ms/article so far (wall {time.perf_counter() - began:.0f} s)"
            )

    for facts in facts_list:
        buffer.append(facts)
        if len(buffer) >= chunk:
            flush()
    flush()
    return run


def load_per_article(bench: Bench, facts_list: Iterable[ArticleFacts]) -> LoadRun:
    """The write path before batching: a state check and a write transaction per article."""
    from coopgraph.graph.load import adapt_article_only, adapt_facts, load_rows

    run = LoadRun()
    for facts in facts_list:
        t0 = time.perf_counter()
        first = load_rows(bench.driver, adapt_article_only(facts.article), bench.database, ingested=INGESTED)
        if first.status == "pending":
            rows = adapt_facts(facts)
            result = load_rows(bench.driver, rows, bench.database, ingested=INGESTED)
            run.rows += len(rows.mentions) + sum(len(r) for r in rows.facts.values())
            run.created.update(result.created)
            run.statuses[result.status] += 1
        else:
            run.statuses[first.status] += 1
        dt = time.perf_counter() - t0
        run.seconds += dt
        run.per_article_ms.append(dt * 1000)
        run.articles += 1
    return run


# The baseline: what a first loader would write, one auto-commit statement per relationship, each
# MERGEing its two endpoints by key; same schema and indexes, parameters (no literals), same facts.
BASE_ARTICLE = """
MERGE (a:Article {id: $id})
ON CREATE SET a.source = $source, a.sources = [$source], a.title = $title, a.published = $published,
              a.text = $text, a.ingested = $ingested
"""


def base_mention(label: str) -> str:
    return f"""
MATCH (a:Article {{id: $id}})
MERGE (n:{label} {{key: $key}}) ON CREATE SET n.name = $name, n:Entity
MERGE (a)-[m:MENTIONS]->(n) SET m.aliases = $aliases, m.count = $count
"""


def base_fact(rtype: str, slabel: str, tlabel: str) -> str:
    return f"""
MERGE (s:{slabel} {{key: $skey}}) ON CREATE SET s.name = $sname, s:Entity
MERGE (t:{tlabel} {{key: $tkey}}) ON CREATE SET t.name = $tname, t:Entity
MERGE (s)-[r:{rtype} {{fact_id: $fact_id}}]->(t)
ON CREATE SET r += $props, r.articles = [], r.evidence = []
SET r.articles = r.articles + $id, r.evidence = r.evidence + $evidence
"""


def load_baseline(bench: Bench, facts_list: Iterable[ArticleFacts]) -> LoadRun:
    from coopgraph.graph.load import adapt_facts, open_session, split_key

    run = LoadRun()
    with open_session(bench.driver, bench.database) as session:
        for facts in facts_list:
            t0 = time.perf_counter()
            rows = adapt_facts(facts)
            art = rows.article
            session.run(
                BASE_ARTICLE,
                id=art["id"],
                source=art["source"],
                title=art["title"],
                published=art["published"],
                text=art["text"],
                ingested=INGESTED,
            ).consume()
            names = {f"{label}:{r['key']}": r["name"] for label, nrows in rows.nodes.items() for r in nrows}
            for m in rows.mentions:
                label, key = split_key(m["uid"])
                session.run(
                    base_mention(label),
                    id=art["id"],
                    key=key,
                    name=names[m["uid"]],
                    aliases=m["aliases"],
                    count=m["count"],
                ).consume()
                run.rows += 1
            for (rtype, _undirected), frows in rows.facts.items():
                for f in frows:
                    slabel, skey = split_key(f["source"])
                    tlabel, tkey = split_key(f["target"])
                    session.run(
                        base_fact(rtype, slabel, tlabel),
                        skey=skey,
                        tkey=tkey,
                        sname=names[f["source"]],
                        tname=names[f["target"]],
                        fact_id=f["fact_id"],
                        props=f["props"],
                        id=art["id"],
                        evidence=[rep["sentence"] for rep in f["reports"]],
                    ).consume()
                    run.rows += 1
            dt = time.perf_counter() - t0
            run.seconds += dt
            run.per_article_ms.append(dt * 1000)
            run.articles += 1
    return run


@dataclass
class RatioResult:
    articles: int
    rows: int
    real_rel_per_s: list[float] = field(default_factory=list)
    base_rel_per_s: list[float] = field(default_factory=list)
    old_rel_per_s: list[float] = field(default_factory=list)  # the per-article path on the same facts
    slow_articles: int = 0  # how many of them the baseline and the per-article path loaded

    @property
    def ratio(self) -> float:
        return median([a / b for a, b in zip(self.real_rel_per_s, self.base_rel_per_s)])

    @property
    def old_ratio(self) -> float:
        return median([a / b for a, b in zip(self.old_rel_per_s, self.base_rel_per_s)])


def run_load_ratio(bench: Bench, facts_list: list[ArticleFacts], rounds: int = 3, slow_sample: int = 0) -> RatioResult:
    """Real vs baseline from an empty graph, alternating which goes first. The real path loads all of
    `facts_list`; the baseline and the per-article path, whose rate per row does not depend on how many
    articles they load (one statement or one transaction each), the first `slow_sample` of them (all
    when 0): at ~100 rows/s they would take an hour over thousands of articles on this machine."""
    slow = facts_list[:slow_sample] if slow_sample else facts_list
    res = RatioResult(articles=len(facts_list), rows=0)
    # warm-up: the first loads after a start pay for planning every statement once (1-3 s each, ~15
    # statement shapes: a fact type or label missing from a small sample is planned in the first
    # timed round instead); one untimed round of each side over a small sample settles them all
    for loader in (load_real, load_per_article, load_baseline):
        reset_graph(bench)
        loader(bench, slow[:50])
    loaders = {
        "real": (load_real, res.real_rel_per_s, facts_list),
        "base": (load_baseline, res.base_rel_per_s, slow),
        "old": (load_per_article, res.old_rel_per_s, slow),
    }
    orders = (("real", "base", "old"), ("base", "old", "real"), ("old", "real", "base"))
    for r in range(rounds):
        for side in orders[r % 3]:
            reset_graph(bench)
            loader, rates, facts = loaders[side]
            run = loader(bench, facts)
            res.rows = run.rows if side == "real" else res.rows
            rates.append(run.rel_per_s)
        log(
            f"load round {r + 1}/{rounds}: real (batched) {res.real_rel_per_s[-1]:.0f} rel/s on {len(facts_list)} "
            f"articles, baseline {res.base_rel_per_s[-1]:.0f} rel/s and per-article {res.old_rel_per_s[-1]:.0f} "
            f"rel/s on {len(slow)}, real/baseline {res.real_rel_per_s[-1] / res.base_rel_per_s[-1]:.2f}"
        )
    res.slow_articles = len(slow)
    return res


@dataclass
class ReingestResult:
    articles: int
    seconds: float
    read_seconds: float
    statuses: Counter


def run_reingest(bench: Bench, corpus_path: str) -> ReingestResult:
    """`coopgraph ingest FILE` over a corpus that is already loaded: every article should be unchanged."""
    from coopgraph.pipeline import IngestOptions, IngestPipeline

    t0 = time.perf_counter()
    report = IngestPipeline(bench.driver, bench.database, IngestOptions()).run((corpus_path,))
    seconds = time.perf_counter() - t0
    return ReingestResult(
        articles=report.articles, seconds=seconds, read_seconds=report.read_seconds, statuses=Counter(report.statuses)
    )


class Timed:
    """A transaction whose statements are timed (server time plus round trip), by statement text."""

    def __init__(self, tx, timings: Counter, counts: Counter):
        self.tx, self.timings, self.counts = tx, timings, counts

    def run(self, query, *args, **kwargs):
        t0 = time.perf_counter()
        result = self.tx.run(query, *args, **kwargs)
        records = list(result)
        summary = result.consume()
        key = " ".join(query.split())[:60]
        self.timings[key] += time.perf_counter() - t0
        self.counts[key] += 1
        return Replay(records, summary)


class Replay:
    def __init__(self, records, summary):
        self.records, self.summary = records, summary

    def __iter__(self):
        return iter(self.records)

    def single(self, strict=False):
        return self.records[0] if self.records else None

    def consume(self):
        return self.summary


def profile_load(bench: Bench, facts_list: list[ArticleFacts], batch: bool = False) -> str:
    """Where the load transactions spend their time: each statement's time, by statement. `batch`: one
    batch transaction of all the articles (the transactional path); else one per article."""
    from coopgraph.graph import load as L

    timings: Counter = Counter()
    counts: Counter = Counter()
    name = "write_batch" if batch else "write_article"
    original = getattr(L, name)
    setattr(L, name, lambda tx, rows, **kwargs: original(Timed(tx, timings, counts), rows, **kwargs))
    try:
        t0 = time.perf_counter()
        if batch:
            L.load_batch(bench.driver, [L.adapt_facts(f) for f in facts_list], bench.database, ingested=INGESTED)
        else:
            for facts in facts_list:
                L.load_rows(bench.driver, L.adapt_article_only(facts.article), bench.database, ingested=INGESTED)
                L.load_rows(bench.driver, L.adapt_facts(facts), bench.database, ingested=INGESTED)
        total = time.perf_counter() - t0
    finally:
        setattr(L, name, original)
    n = len(facts_list)
    what = "one batch transaction" if batch else "two transactions per article: the unchanged check, then the load"
    lines = [
        f"{n} articles, {total:.2f} s wall, {sum(counts.values())} statements ({what})",
        f"{'ms/article':>10} {'calls':>7}  statement",
    ]
    for key, secs in timings.most_common():
        lines.append(f"{1000 * secs / n:10.2f} {counts[key]:7d}  {key}")
    lines.append(
        f"{1000 * (total - sum(timings.values())) / n:10.2f} {'':>7}  outside statements: round trips, folding, driver"
    )
    return "\n".join(lines)


def check_equivalent(bench: Bench, facts_list: list[ArticleFacts]) -> tuple[bool, str]:
    """Load the facts article by article, then through the real batched path, and compare full dumps."""
    from coopgraph.graph.load import dump_graph, load_facts

    reset_graph(bench)
    for facts in facts_list:
        load_facts(bench.driver, facts, bench.database, ingested=INGESTED)
    one = dump_graph(bench.driver, bench.database)
    reset_graph(bench)
    load_real(bench, facts_list, chunk=max(1, len(facts_list) // 3), batch_articles=max(1, len(facts_list) // 7))
    many = dump_graph(bench.driver, bench.database)
    diffs = Counter()
    examples = []
    for kind, a, b in (("node", one[0], many[0]), ("relationship", one[1], many[1])):
        only_one, only_many = sorted(set(a) - set(b)), sorted(set(b) - set(a))
        diffs[kind] = len(only_one) + len(only_many)
        examples += [f"only per-article: {x[:300]}" for x in only_one[:2]]
        examples += [f"only batched: {x[:300]}" for x in only_many[:2]]
    same = not any(diffs.values()) and len(one[0]) == len(many[0]) and len(one[1]) == len(many[1])
    summary = (
        f"{len(one[0])} nodes, {len(one[1])} relationships; differing lines: "
        f"{diffs['node']} nodes, {diffs['relationship']} relationships"
    )
    return same, summary + ("" if same else "\n" + "\n".join(examples))
