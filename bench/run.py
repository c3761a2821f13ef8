"""The benchmark driver: `python -m bench.run quick|full` prints one table and a one-line summary."""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import BENCH_HOME, Timer, bench_server, log, median, reset_graph

RESULTS = Path(__file__).resolve().parent / "results"
SEED = 20251
WORKERS_BASE = 1000  # articles in the graph the workers stage ingests into
SHARD = 1000  # articles per corpus file
TARGETS = {
    "extract_ratio": 0.8,
    "extract_ratio_core": 0.8,
    "load_rel_per_s": 20_000,
    "load_ratio": 10.0,
    "query_p95_ms_max": 100.0,
    "workers_speedup": 1.7,
    "peak_rss_mb": 1536.0,
    "bulk_rel_per_s": 100_000,
    "last_vs_first": 1.5,
    "increment_ratio": 2.0,
}


@dataclass(frozen=True)
class Profile:
    name: str
    grow_articles: int  # the transactional path grows the graph to this many articles ...
    grow_seconds: float  # ... or for this long (loading time), whichever comes first
    grow_step: int  # its rate is reported per this many articles
    extract_sample: int
    extract_rounds: int
    ratio_sample: int
    ratio_rounds: int
    worker_sample: int  # real-length articles (bench/workers.py real_length_records)
    worker_rounds: int
    query_runs: int
    query_at: int  # queries on the transactional graph at this size, and 100 new articles into it
    bulk_articles: int  # the bulk first load (`ingest --bulk`'s library function); queries at this size too
    reingest: int  # articles written as corpus files and re-ingested unchanged
    equivalence_sample: int = 0


PROFILES = {
    "quick": Profile("quick", 1000, 300, 250, 24, 3, 100, 1, 48, 3, 20, 1000, 1000, 1000),
    "full": Profile("full", 100_000, 600, 10_000, 80, 3, 1000, 1, 48, 3, 20, 1000, 100_000, 10_000, 300),
    # extraction alone (no Neo4j): coopgraph vs natasha on the first 80 articles (3 of them real texts)
    "extract": Profile("extract", 0, 0, 1, 80, 5, 0, 0, 0, 0, 0, 0, 0, 80),
    # a few minutes of every stage, to try changes to the harness itself
    "smoke": Profile("smoke", 300, 60, 100, 4, 1, 20, 1, 8, 1, 3, 100, 300, 100, 30),
}


def machine() -> dict:
    def first(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=20).stdout.strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return "?"

    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    mem_kb = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    from coopgraph.graph.server import NEO4J_VERSION

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "java": java,
        "neo4j": NEO4J_VERSION,
        "loadavg_start": os.getloadavg(),
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }


def write_jsonl(path: Path, records) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def run_workers_bench(bench, path: Path, workers: int, mode: str) -> dict:
    env = dict(os.environ, BENCH_NEO4J_URI=bench.server.bolt_uri, BENCH_NEO4J_PASSWORD=bench.server.password)
    done = subprocess.run(
        [sys.executable, "-m", "bench.workers", str(path), str(workers), mode],
        env=env,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench.workers failed: {done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    log(
        f"{mode} with {workers} worker(s): {result['articles']} articles in {result['pipeline_s']:.1f} s "
        f"(+{result['check_s']:.1f} s checks), parent {result['rss_parent_mb']:.0f} MB, "
        f"largest worker {result['rss_child_mb']:.0f} MB"
    )
    return result


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "table":  # re-render a saved run: python -m bench.run table full
        profile = PROFILES[argv[1]]
        results = json.loads((RESULTS / profile.name / "results.json").read_text(encoding="utf-8"))
        return publish(results, profile)
    if argv and argv[0] == "resume":  # the bulk stage of a run that stopped before it: python -m bench.run resume full
        return resume(sized(PROFILES[argv[1]]))
    profile = sized(PROFILES[argv[0] if argv else "quick"])
    if profile.name == "extract":
        return extract_only(profile)
    began = time.perf_counter()
    out_dir = RESULTS / profile.name
    (out_dir / "plans").mkdir(parents=True, exist_ok=True)
    results: dict = {"profile": profile.name, "machine": machine(), "seed": SEED}
    log(f"profile {profile.name}: {results['machine']}")

    def save() -> None:  # after every stage: a crash late in a long run keeps what it measured
        (out_dir / "results.json").write_text(
            json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
        )

    corpus_path = corpus_stage(profile, results)
    extraction_stage(profile, results, out_dir)
    save()
    with bench_server() as bench:
        for stage in (ratio_stage, workers_stage, growth_stage):
            stage(bench, profile, results, out_dir)
            save()
        reingest_stage(bench, corpus_path, results)
        save()
        bulk_stage(bench, profile, results, out_dir)
    results["seconds"] = time.perf_counter() - began
    results["machine"]["loadavg_end"] = os.getloadavg()
    results["summary"] = summarise(results, profile)
    save()
    shutil.rmtree(corpus_path, ignore_errors=True)  # regenerated in seconds; the server home is already gone
    publish(results, profile)


def extract_only(profile: Profile) -> None:
    """`bench/run.sh extract`: the extraction stage alone, no Neo4j: its table rows and ratios."""
    from bench import corpus

    out_dir = RESULTS / profile.name
    out_dir.mkdir(parents=True, exist_ok=True)
    results: dict = {"profile": profile.name, "machine": machine(), "seed": SEED}
    log(f"profile {profile.name}: {results['machine']}")
    results["_sample"] = list(corpus.records(profile.extract_sample, SEED))
    extraction_stage(profile, results, out_dir)
    results["machine"]["loadavg_end"] = os.getloadavg()
    (out_dir / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    rows = extraction_rows(results)
    table = "\n".join(["| measure | result | target |", "|---|---|---|"] + [f"| {a} | {b} | {c} |" for a, b, c in rows])
    e = results["extraction"]
    line = f"extract_ratio={e['ratio']:.2f} extract_ratio_core={e['ratio_core']:.2f}"
    line += f" extract_ratio_core_unseen={e.get('ratio_core_unseen', float('nan')):.2f}"
    (out_dir / "table.md").write_text(table + "\n\n" + line + "\n", encoding="utf-8")
    print(table)
    print(line)


def sized(profile: Profile) -> Profile:
    """The profile with the bulk size of $COOPGRAPH_BENCH_BULK, when set (a shorter run on a busy machine)."""
    bulk = os.environ.get("COOPGRAPH_BENCH_BULK")
    return dataclasses.replace(profile, bulk_articles=int(bulk)) if bulk else profile


def resume(profile: Profile) -> None:
    """Run the bulk stage (and what follows) for a saved run whose earlier stages completed."""
    path = RESULTS / profile.name / "results.json"
    results = json.loads(path.read_text(encoding="utf-8"))
    began = time.perf_counter()
    with bench_server() as bench:
        bulk_stage(bench, profile, results, RESULTS / profile.name)
    results["resumed_bulk_seconds"] = time.perf_counter() - began
    results["seconds"] = results.get("seconds", 0.0) + results["resumed_bulk_seconds"]
    results["machine"]["loadavg_end"] = os.getloadavg()
    results["summary"] = summarise(results, profile)
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    publish(results, profile)


def publish(results: dict, profile: Profile) -> None:
    table = format_table(results, profile)
    out = RESULTS / profile.name / "table.md"
    out.write_text(table + "\n\n" + format_summary(results["summary"]) + "\n", encoding="utf-8")
    print(table)
    print(format_summary(results["summary"]))


def corpus_stage(profile: Profile, results: dict) -> Path:
    """The first articles of the corpus as JSONL files (1,000 per file: ingest refuses files over 5 MB)."""
    from bench import corpus

    with Timer() as t:
        records = list(corpus.records(profile.reingest, SEED))
        path = BENCH_HOME / f"corpus-{profile.reingest}-{SEED}"
        shutil.rmtree(path, ignore_errors=True)
        for k in range(0, len(records), SHARD):
            write_jsonl(path / f"part-{k // SHARD:04d}.jsonl", records[k : k + SHARD])
    results["corpus"] = {"articles": len(records), "seconds": round(t.wall, 1)}
    results["_sample"] = records[: profile.extract_sample]
    return path


def extraction_stage(profile: Profile, results: dict, out_dir: Path) -> None:
    """Extraction vs natasha alone, one core (before anything big is in memory: its RSS is extraction's)."""
    from bench.extraction import profile_extraction, run_extraction

    sample = results.pop("_sample")
    from bench.corpus import real_records

    taken = {r["source"] for r in sample}
    unseen = [r for r in real_records() if r["source"] not in taken]
    ext = run_extraction(sample, rounds=profile.extract_rounds, unseen=unseen)
    nat_aps, nat_kbs = ext.rate(ext.natasha_cpu)
    coop_aps, coop_kbs = ext.rate(ext.coop_cpu)
    results["extraction"] = {
        "articles": ext.articles,
        "rounds": ext.rounds,
        "natasha_art_s": nat_aps,
        "natasha_kb_s": nat_kbs,
        "coop_art_s": coop_aps,
        "coop_kb_s": coop_kbs,
        "perline_art_s": ext.rate(ext.perline_cpu)[0],
        "natasha_art_s_wall": ext.rate(ext.natasha_wall)[0],
        "coop_art_s_wall": ext.rate(ext.coop_wall)[0],
        "ratio": ext.ratio,
        "ratio_wall": ext.ratio_wall,
        "core_art_s": ext.rate(ext.core_cpu)[0],
        "ratio_core": ext.ratio_core,
        "ratio_core_wall": ext.ratio_core_wall,
        "unseen_articles": ext.unseen_articles,
        "ratio_core_unseen": ext.ratio_core_unseen,
        "read_ms_per_article": 1000 * ext.read_cpu / ext.articles,
        "peak_rss_mb": ext.peak_rss_mb,
    }
    if min(ext.ratio, ext.ratio_core) < TARGETS["extract_ratio"]:
        (out_dir / "extraction.prof.txt").write_text(profile_extraction(sample[:20]), encoding="utf-8")


def ratio_stage(bench, profile: Profile, results: dict, out_dir: Path) -> None:
    """Real path vs one-statement baseline (and the per-article path) on the same facts, empty graph each."""
    from bench import corpus
    from bench.loading import check_equivalent, load_real, profile_load, run_load_ratio

    facts = [f for f in (corpus.article_facts(SEED, i) for i in range(profile.ratio_sample)) if f]
    lr = run_load_ratio(bench, facts, rounds=profile.ratio_rounds, slow_sample=min(len(facts), 200))
    results["load_ratio"] = {
        "articles": lr.articles,
        "rows": lr.rows,
        "real_rel_s": lr.real_rel_per_s,
        "baseline_rel_s": lr.base_rel_per_s,
        "per_article_rel_s": lr.old_rel_per_s,
        "ratio": lr.ratio,
        "per_article_ratio": lr.old_ratio,
        "slow_articles": lr.slow_articles,
    }
    reset_graph(bench)
    half = facts[: min(len(facts), 40)]
    load_real(bench, half[: len(half) // 2])  # warm graph: time statements, not planning
    (out_dir / "load.prof.txt").write_text(profile_load(bench, half[len(half) // 2 :]), encoding="utf-8")
    more = [f for f in (corpus.article_facts(SEED, i) for i in range(5000, 5200)) if f]  # new to this graph
    (out_dir / "batch.prof.txt").write_text(profile_load(bench, more, batch=True), encoding="utf-8")
    if profile.equivalence_sample:
        sample = [f for f in (corpus.article_facts(SEED, i) for i in range(profile.equivalence_sample)) if f]
        same, summary = check_equivalent(bench, sample)
        log(f"batched vs per-article path on {len(sample)} articles: {'identical' if same else 'DIFFERENT'}")
        results["equivalent"] = {"same": same, "summary": summary}


def workers_stage(bench, profile: Profile, results: dict, out_dir: Path) -> None:
    """`coopgraph ingest --workers 1` vs `2` on real-length articles, end to end, and extraction alone."""
    from bench.growth import facts_stream
    from bench.loading import load_real
    from bench.workers import real_length_records

    # Each ingest loads new articles into a graph of WORKERS_BASE articles, as a long-running ingest does. Until
    # stop 37 each one started from an emptied graph: Neo4j planned the writer's statements again as the graph
    # grew from nothing (a 1-worker round of 4.2-4.5 s beside 2.2 s ones), and the ratio swung from x1.65 to
    # x2.65, past the x2.0 two cores allow.
    reset_graph(bench)
    load_real(bench, facts_stream(SEED, 0, WORKERS_BASE))
    editions = iter(range(1, 1000))

    def sample() -> Path:
        path = BENCH_HOME / "workers-sample.jsonl"
        write_jsonl(path, real_length_records(profile.worker_sample, next(editions)))
        return path

    records = real_length_records(profile.worker_sample)
    runs: dict[str, list] = {"ingest_1": [], "ingest_2": [], "extract_1": [], "extract_2": []}
    probes = []
    # Warm-up: the server compiles and plans the writer's statements over its first few loads (a fresh
    # server's first load of these articles took 10x its third here). Both sides warm up, and the order
    # alternates over the rounds.
    for w in (1, 2, 1):
        run_workers_bench(bench, sample(), w, "ingest")
    for r in range(profile.worker_rounds):
        probes.append(cpu_probe())
        for w in (1, 2) if r % 2 == 0 else (2, 1):
            path = sample()
            runs[f"extract_{w}"].append(run_workers_bench(bench, path, w, "extract"))
            runs[f"ingest_{w}"].append(run_workers_bench(bench, path, w, "ingest"))
    speed = {
        kind: median([a["pipeline_s"] / b["pipeline_s"] for a, b in zip(runs[f"{kind}_1"], runs[f"{kind}_2"])])
        for kind in ("ingest", "extract")
    }
    results["workers"] = {
        "articles": len(records),
        "runs": runs,
        "ingest_speedup": speed["ingest"],
        "extract_speedup": speed["extract"],
        "peak_rss_mb": max(max(x["rss_parent_mb"], x["rss_child_mb"]) for xs in runs.values() for x in xs),
        "cpu_s": {k: median([x["cpu_s"] for x in xs]) for k, xs in runs.items()},
        "probe_speedup": median(probes),
        "loadavg": median([x["loadavg"] for xs in runs.values() for x in xs]),
    }
    (BENCH_HOME / "workers-sample.jsonl").unlink(missing_ok=True)


def cpu_probe() -> float:
    done = subprocess.run([sys.executable, "-m", "bench.workers", "probe"], capture_output=True, text=True, check=True)
    speedup = json.loads(done.stdout.strip().splitlines()[-1])["speedup"]
    log(f"cpu probe: 2 processes of pure CPU work run × {speedup:.2f} faster than 1 right now")
    return speedup


def growth_stage(bench, profile: Profile, results: dict, out_dir: Path) -> None:
    """The transactional path from an empty graph, with queries and 100 new articles at `query_at`."""
    from bench import growth

    results["queries"] = {}

    def checkpoint(size: int) -> None:
        results["queries"][size] = query_stage(bench, profile, size, out_dir)
        results["increment_small"] = {"graph": size, "seconds": growth.increment(bench, SEED)}

    budget = growth.grow_budget(profile.grow_seconds)
    results["growth"] = growth.grow(
        bench, SEED, profile.grow_articles, budget, profile.grow_step, {profile.query_at: checkpoint}
    )


def reingest_stage(bench, corpus_path: Path, results: dict) -> None:
    """`coopgraph ingest` over corpus files already loaded: every article must come back unchanged."""
    from bench.loading import run_reingest

    ri = run_reingest(bench, str(corpus_path))
    results["reingest"] = {
        "articles": ri.articles,
        "seconds": ri.seconds,
        "read_s": ri.read_seconds,
        "statuses": dict(ri.statuses),
    }
    log(f"re-ingest: {results['reingest']}")


def bulk_stage(bench, profile: Profile, results: dict, out_dir: Path) -> None:
    """The first load by `ingest --bulk`'s library function; queries and 100 new articles on its graph."""
    from bench import growth

    results["bulk"] = growth.bulk(bench, SEED, profile.bulk_articles)
    if profile.bulk_articles != profile.query_at:
        results["queries"][profile.bulk_articles] = query_stage(bench, profile, profile.bulk_articles, out_dir)
    results["increment_large"] = {"graph": profile.bulk_articles, "seconds": growth.increment(bench, SEED)}


def query_stage(bench, profile: Profile, size: int, out_dir: Path) -> dict:
    from bench.common import count_relationships
    from bench.queries import run_queries, save_slowest_plans

    rels = count_relationships(bench)
    log(f"queries on the {size}-article graph ({rels} relationships)")
    lat = run_queries(bench, runs=profile.query_runs)
    plans = save_slowest_plans(bench, lat, out_dir / "plans" / str(size))
    return {
        "relationships": rels,
        "plans": plans,
        "latency": {
            q.name: {
                "p50": q.p50,
                "p95": q.p95,
                "runs": len(q.runs_ms),
                "rows_median": median(q.rows),
                "timeouts": q.timeouts,
            }
            for q in lat
        },
    }


def summarise(r: dict, profile: Profile) -> dict:
    sizes = sorted(r["queries"], key=int)
    worst = r["queries"][sizes[-1]]["latency"]
    small, large = r["increment_small"]["seconds"], r["increment_large"]["seconds"]
    return {
        "extract_ratio": r["extraction"]["ratio"],
        "extract_ratio_core": r["extraction"].get("ratio_core", float("nan")),
        "load_rel_per_s": r["growth"]["rel_s"],
        "load_ratio": r["load_ratio"]["ratio"],
        "query_p95_ms_max": max(v["p95"] for v in worst.values()),
        "workers_speedup": r["workers"]["ingest_speedup"],
        "peak_rss_mb": max(r["workers"]["peak_rss_mb"], r["bulk"]["rss_mb"]),
        "bulk_rel_per_s": r["bulk"]["rel_s"],
        "last_vs_first": r["growth"]["last_vs_first"],
        "increment_ratio": median([b / a for a, b in zip(small, large)]),
    }


def format_summary(s: dict) -> str:
    return (
        f"extract_ratio={s['extract_ratio']:.2f} extract_ratio_core={s.get('extract_ratio_core', float('nan')):.2f} "
        f"load_rel_per_s={s['load_rel_per_s']:.0f} "
        f"load_ratio={s['load_ratio']:.1f} query_p95_ms_max={s['query_p95_ms_max']:.0f} "
        f"workers_speedup={s['workers_speedup']:.2f} peak_rss_mb={s['peak_rss_mb']:.0f} "
        f"bulk_rel_per_s={s['bulk_rel_per_s']:.0f}"
    )


def _met(key: str, value: float) -> str:
    target = TARGETS[key]
    lower = key in ("query_p95_ms_max", "peak_rss_mb", "last_vs_first", "increment_ratio")
    return "met" if (value <= target if lower else value >= target) else "MISSED"


def format_table(r: dict, profile: Profile) -> str:
    rows = extraction_rows(r) + load_rows(r) + bulk_rows(r) + worker_rows(r)
    out = ["| measure | result | target |", "|---|---|---|"] + [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(out + [""] + query_table(r))


def extraction_rows(r: dict) -> list[tuple[str, str, str]]:
    e = r["extraction"]
    return [
        ("extraction, natasha alone (1 core)", f"{e['natasha_art_s']:.1f} art/s ({e['articles']} articles, CPU)", ""),
        ("extraction, coopgraph (1 core)", f"{e['coop_art_s']:.1f} art/s (wall {e['coop_art_s_wall']:.1f})", ""),
        ("extraction ratio b/a", f"{e['ratio']:.2f}", f"≥ 0.8: {_met('extract_ratio', e['ratio'])}"),
    ] + extraction_core_rows(e)


def extraction_core_rows(e: dict) -> list[tuple[str, str, str]]:
    """natasha's pipeline without the lemmas and spans we also take from it (runs before 2026-12-04 lack it)."""
    if "ratio_core" not in e:
        return []
    return [
        ("extraction, natasha pipeline only: segment, morph, syntax, NER (1 core)", f"{e['core_art_s']:.1f} art/s", ""),
        (
            "extraction ratio coopgraph / natasha pipeline",
            f"{e['ratio_core']:.2f} (wall {e['ratio_core_wall']:.2f})",
            f"≥ 0.8: {_met('extract_ratio_core', e['ratio_core'])}",
        ),
    ] + (
        [
            (
                f"… the same, once over {e['unseen_articles']} real texts not in the rounds (seeds, dev)",
                f"{e['ratio_core_unseen']:.2f}",
                "",
            )
        ]
        if e.get("unseen_articles")
        else []
    )


def load_rows(r: dict) -> list[tuple[str, str, str]]:
    g, lr, s, ri = r["growth"], r["load_ratio"], r["summary"], r["reingest"]
    blocks = ", ".join(f"{b['to']:,}: {b['rel_s']:.0f} ({b['ms_per_article']:.2f} ms/art.)" for b in g["blocks"])
    small, large = r["increment_small"], r["increment_large"]
    return [
        (
            "load, transactional path (coopgraph ingest's pipeline), growing from empty",
            f"{g['rel_s']:.0f} rel/s over {g['articles']:,} articles ({g['rows']:.0f} rows, {g['seconds']:.0f} s)",
            f"≥ 20000: {_met('load_rel_per_s', s['load_rel_per_s'])}",
        ),
        ("… rate per block (rel/s)", blocks, ""),
        (
            "… last block vs first, ms per article",
            f"× {g['last_vs_first']:.2f}",
            f"≤ 1.5: {_met('last_vs_first', g['last_vs_first'])}",
        ),
        (
            "load, real vs one-statement baseline",
            f"{median(lr['real_rel_s']):.0f} rel/s on {lr['articles']} articles vs {median(lr['baseline_rel_s']):.0f} "
            f"on the first {lr.get('slow_articles', lr['articles'])}; ratio {lr['ratio']:.1f} (per-article path "
            f"{median(lr['per_article_rel_s']):.0f})",
            f"≥ 10×: {_met('load_ratio', lr['ratio'])}",
        ),
        (
            f"100 new articles into the {large['graph']:,} vs the {small['graph']:,} graph",
            f"{', '.join(f'{x:.2f}' for x in large['seconds'])} vs {', '.join(f'{x:.2f}' for x in small['seconds'])} "
            f"s; ratio {s['increment_ratio']:.2f}",
            f"< 2: {_met('increment_ratio', s['increment_ratio'])}",
        ),
        ("re-ingest unchanged corpus", f"{ri['articles']} articles in {ri['seconds']:.1f} s; {ri['statuses']}", ""),
    ]


def bulk_rows(r: dict) -> list[tuple[str, str, str]]:
    b = r["bulk"]
    return [
        (
            f"bulk first load (ingest --bulk), {b['articles']:,} articles",
            f"{b['rel_s']:.0f} rel rows/s written ({b['rows']} rows: fold {b['fold_s']:.0f} s, files "
            f"{b['csv_s']:.0f} s, neo4j-admin {b['import_s']:.0f} s = {b['import_rel_s']:.0f} created/s); "
            f"restart + schema {b['restart_s']:.0f} s",
            f"≥ 100000: {_met('bulk_rel_per_s', b['rel_s'])}",
        )
    ]


def worker_rows(r: dict) -> list[tuple[str, str, str]]:
    w, s = r["workers"], r["summary"]
    cpu = w["cpu_s"]
    return [
        (
            f"ingest 1 → 2 workers, {w['articles']} real-length articles",
            f"× {w['ingest_speedup']:.2f} end to end (extraction alone × {w['extract_speedup']:.2f}; pure-CPU probe "
            f"× {w['probe_speedup']:.2f}); CPU s ingest {cpu['ingest_1']:.1f} → {cpu['ingest_2']:.1f}; load average "
            f"{w['loadavg']:.1f}",
            f"≥ 1.7: {_met('workers_speedup', s['workers_speedup'])}",
        ),
        (
            "peak RSS (largest ingest process; bench process with the bulk fold)",
            f"{w['peak_rss_mb']:.0f} MB; {r['bulk']['rss_mb']:.0f} MB",
            f"< 1536: {_met('peak_rss_mb', s['peak_rss_mb'])}",
        ),
    ]


def query_table(r: dict) -> list[str]:
    sizes = sorted(r["queries"], key=int)
    out = [
        "| query | " + " | ".join(f"p50 / p95 ms @ {int(n):,} art." for n in sizes) + " |",
        "|---|" + "---|" * len(sizes),
    ]
    for name in sorted(r["queries"][sizes[0]]["latency"]):
        cells = []
        for n in sizes:
            q = r["queries"][n]["latency"][name]
            cells.append(f"{q['p50']:.0f} / {q['p95']:.0f}" + (" ⚠" if q["p95"] >= TARGETS["query_p95_ms_max"] else ""))
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    m = r["machine"]
    out += [
        "",
        f"query p95 max @ {int(sizes[-1]):,}: {r['summary']['query_p95_ms_max']:.0f} ms (< 100: "
        f"{_met('query_p95_ms_max', r['summary']['query_p95_ms_max'])}); {m['cores']} cores, {m['memory_gb']} GB; "
        f"load average {m['loadavg_start'][0]:.1f} at start, {m['loadavg_end'][0]:.1f} at end; "
        f"run took {r['seconds'] / 60:.1f} min",
    ]
    return out


if __name__ == "__main__":
    main()
