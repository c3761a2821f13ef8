"""Latency of every canned query (p50/p95) with parameters drawn from the loaded graph; PROFILE of the slowest."""

from __future__ import annotations

# Each run is what `coopgraph query run` does once the parameters are bound: a new session, a
# read transaction, every row fetched (no LIMIT beyond the query's own). Parameters cycle over
# values drawn from the graph itself, weighted the way users ask: regions by how often articles
# mention them, pairs and names from existing facts.
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import Bench, log, percentile

# The CLI's default timeout is 30 s; 10 s here keeps a 100k run within minutes, and anything past
# it is 100x the target anyway. A run past it counts as TIMEOUT_S.
TIMEOUT_S = float(__import__("os").environ.get("COOPGRAPH_BENCH_QUERY_TIMEOUT", "10"))
SLOW_RUN_S = 1.0  # a query this slow is measured fewer times, about 10 s of runs


def _rows(bench: Bench, cypher: str, **params) -> list[dict]:
    records, _, _ = bench.driver.execute_query(cypher, params, database_=bench.database)
    return [r.data() for r in records]


def draw_pools(bench: Bench) -> dict[str, list]:
    """Candidate values for every parameter kind, read from the graph (once per graph size)."""
    q = {
        "regions": "MATCH (r:Region)<-[m:MENTIONS]-() RETURN r.name AS v, count(m) AS w",
        "visit_pairs": "MATCH (a)-[:VISITED]->(b:Region) WHERE a:Region OR a:Country "
        "RETURN a.name AS a, b.name AS b, count(*) AS w",
        "trade_pairs": "MATCH (a)-[:TRADE_VOLUME]->(b) WHERE (a:Region OR a:Country) AND (b:Region OR b:Country) "
        "RETURN a.name AS a, b.name AS b, count(*) AS w",
        "doc_pairs": "MATCH (a:Region)-[:PARTY_TO]->(:Document)<-[:PARTY_TO]-(b:Region) WHERE a.key < b.key "
        "RETURN a.name AS a, b.name AS b, count(*) AS w",
        "export_pairs": "MATCH (a:Region)-[:EXPORTS_TO]-(b) WHERE b:Region OR b:Country "
        "RETURN a.name AS a, b.name AS b, count(*) AS w",
        "persons": "MATCH (p:Person) RETURN p.name AS v, COUNT { (p)<-[:MENTIONS]-() } AS w",
        "commodities": "MATCH (c:Commodity) RETURN c.name AS v, COUNT { (c)<-[:MENTIONS]-() } AS w",
        "events": "MATCH (e:Event) RETURN e.name AS v, COUNT { (e)<-[:MENTIONS]-() } AS w",
        "orgs": "MATCH (o:Organization) RETURN o.name AS v, COUNT { (o)<-[:MENTIONS]-() } AS w",
        "fact_ids": "MATCH ()-[r:VISITED|EXPORTS_TO|HOLDS_POSITION|TRADE_VOLUME]->() "
        "WITH r LIMIT 20000 RETURN r.fact_id AS v, 1 AS w",
        "dates": "MATCH (a:Article) WHERE a.published IS NOT NULL "
        "RETURN DISTINCT substring(a.published, 0, 7) AS v, 1 AS w",
    }
    return {name: _rows(bench, cypher) for name, cypher in q.items()}


def _pick(rng: random.Random, pool: list[dict], key: str = "v"):
    if not pool:
        return None
    row = rng.choices(pool, weights=[max(1, r["w"]) for r in pool])[0]
    return row if key == "row" else row[key]


def draw_params(name: str, example: dict, pools: dict, rng: random.Random) -> dict:
    """One parameter set for query `name`; the header's example fills whatever the data cannot."""
    p = dict(example)
    pair = None
    if name in ("visits_between",):
        pair = _pick(rng, pools["visit_pairs"], "row")
    elif name in ("trade_figures",):
        pair = _pick(rng, pools["trade_pairs"], "row")
    elif name in ("documents_between",):
        pair = _pick(rng, pools["doc_pairs"], "row")
    if pair:
        p.update(a=pair["a"], b=pair["b"])
    if name == "exports_imports":
        row = _pick(rng, pools["export_pairs"], "row")
        if row:
            p.update(region=row["a"], partner=row["b"])
    elif "region" in p:
        p["region"] = _pick(rng, pools["regions"]) or p["region"]
    if name == "shortest_connection":
        p.update(a=_pick(rng, pools["persons"]) or p["a"], b=_pick(rng, pools["regions"]) or p["b"])
    if name == "entity_search":
        kind = rng.choice(["persons", "orgs", "regions"])
        value = _pick(rng, pools[kind])
        if value:
            p["q"] = value.split()[-1] if kind == "persons" else value
    if name == "commodity_exporters":
        p["commodity"] = _pick(rng, pools["commodities"]) or p["commodity"]
    if name == "event_participants":
        event = _pick(rng, pools["events"])
        p["event"] = " ".join(event.split()[1:3]) if event and event.split()[0].isupper() else (event or p["event"])
    if name == "fact_evidence":
        fid = _pick(rng, pools["fact_ids"])
        p["fact_id"] = fid[:12] if fid else p["fact_id"]
    if name == "new_since":
        p["since"] = _pick(rng, pools["dates"]) or p["since"]
    return p


@dataclass
class QueryLatency:
    name: str
    runs_ms: list[float] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    timeouts: int = 0
    slowest_params: dict = field(default_factory=dict)

    @property
    def p50(self) -> float:
        return percentile(self.runs_ms, 50)

    @property
    def p95(self) -> float:
        return percentile(self.runs_ms, 95)


def time_query(bench: Bench, query, params: dict) -> tuple[float, int, bool]:
    """(ms, rows, failed): a run past the timeout, or one the server aborts for lack of transaction
    memory (dbms.memory.transaction.total.max), counts as TIMEOUT_S: the user gets no answer either way."""
    from neo4j.exceptions import Neo4jError

    from coopgraph.library import run_query

    t0 = time.perf_counter()
    try:
        _keys, rows = run_query(bench.driver, query, params, database=bench.database, timeout=TIMEOUT_S)
    except Neo4jError as exc:
        code = exc.code or ""
        if any(word in code for word in ("Timed", "Terminated", "OutOfMemory", "MemoryPool")):
            log(f"query {query.name}: {code.rsplit('.', 1)[-1]} after {time.perf_counter() - t0:.1f} s")
            return TIMEOUT_S * 1000, 0, True
        raise
    return (time.perf_counter() - t0) * 1000, len(rows), False


def run_queries(bench: Bench, runs: int = 20, warmup: int = 2, seed: int = 1) -> list[QueryLatency]:
    from coopgraph.library import bind_params, load_library

    library = load_library()
    pools = draw_pools(bench)
    results = []
    for query in library:
        rng = random.Random(f"{seed}:{query.name}")
        param_sets = [
            bind_params(query, draw_params(query.name, query.example_params(), pools, rng)) for _ in range(runs)
        ]
        lat = QueryLatency(query.name)
        n_runs = runs
        for k in range(warmup):  # plan caching and page cache: the steady state is what users get
            ms, _, _ = time_query(bench, query, param_sets[k % len(param_sets)])
            if ms > SLOW_RUN_S * 1000:
                # 5-10 runs of a slow query; 3 of one that hits the timeout (its p95 is the timeout anyway)
                n_runs = 3 if ms >= TIMEOUT_S * 1000 else max(5, min(runs, int(10_000 / ms)))
                break
        for k in range(n_runs):
            ms, nrows, timed_out = time_query(bench, query, param_sets[k % len(param_sets)])
            lat.runs_ms.append(ms)
            lat.rows.append(nrows)
            lat.timeouts += timed_out
            if ms >= max(lat.runs_ms):
                lat.slowest_params = param_sets[k % len(param_sets)]
        results.append(lat)
    return results


def format_plan(plan: dict, depth: int = 0) -> list[str]:
    """A PROFILE plan as an indented tree: operator, rows, db hits, page cache, details."""
    args = plan.get("args") or plan.get("arguments") or {}
    op = plan.get("operatorType") or plan.get("operator_type") or "?"
    rows = plan.get("rows", args.get("Rows", f"~{args.get('EstimatedRows', '?')}"))
    hits = plan.get("dbHits", plan.get("db_hits", args.get("DbHits")))
    cache = f"{args.get('PageCacheHits', '?')}/{args.get('PageCacheMisses', '?')}"
    details = str(args.get("Details", ""))[:160]
    line = f"{'  ' * depth}+{op:<32} rows={rows!s:<8} dbHits={hits!s:<10} cache hit/miss={cache:<12} {details}"
    out = [line.rstrip()]
    for child in plan.get("children", []):
        out += format_plan(child, depth + 1)
    return out


def profile_query(bench: Bench, query, params: dict) -> str:
    """PROFILE under the same timeout (profiling makes a query slower); past it, the EXPLAIN plan."""
    import json

    import neo4j
    from neo4j.exceptions import Neo4jError

    def work(mode: str):
        @neo4j.unit_of_work(timeout=TIMEOUT_S)
        def tx_work(tx):
            result = tx.run(f"{mode} " + query.body, params)
            nrows = sum(1 for _ in result)
            summary = result.consume()
            return nrows, summary.profile if mode == "PROFILE" else summary.plan

        return tx_work

    with bench.driver.session(database=bench.database, notifications_min_severity="OFF") as session:
        t0 = time.perf_counter()
        try:
            nrows, plan = session.execute_read(work("PROFILE"))
            mode = "PROFILE"
        except Neo4jError as exc:  # past the timeout or the transaction memory limit: the plan alone
            nrows, plan = session.execute_read(work("EXPLAIN"))
            mode = f"EXPLAIN (PROFILE failed: {(exc.code or '').rsplit('.', 1)[-1]}; estimated rows only)"
        ms = (time.perf_counter() - t0) * 1000
    header = [
        f"// {mode} {query.name} — {nrows} rows, {ms:.0f} ms (profiling adds overhead)",
        f"// params: {json.dumps(params, ensure_ascii=False)}",
        f"// total dbHits: {_total_hits(plan)}",
    ]
    return "\n".join(header + format_plan(plan)) + "\n"


def _total_hits(plan: dict) -> int:
    own = plan.get("dbHits", plan.get("db_hits", (plan.get("args") or {}).get("DbHits", 0))) or 0
    return int(own) + sum(_total_hits(c) for c in plan.get("children", []))


def save_slowest_plans(bench: Bench, results: list[QueryLatency], directory: Path, top: int = 3) -> list[str]:
    from coopgraph.library import load_library

    library = load_library()
    directory.mkdir(parents=True, exist_ok=True)
    saved = []
    for lat in sorted(results, key=lambda r: r.p95, reverse=True)[:top]:
        path = directory / f"{lat.name}.plan.txt"
        path.write_text(profile_query(bench, library.get(lat.name), lat.slowest_params), encoding="utf-8")
        saved.append(str(path))
        log(f"saved PROFILE of {lat.name} (p95 {lat.p95:.0f} ms) to {path}")
    return saved
