"""The benchmark driver: `python -m bench.run quick|full` prints one table and a one-line summary."""

from __future__ import annotations

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
SHARD = 1000  # articles per corpus file
TARGETS = {
    "extract_ratio": 0.8,
    "load_rel_per_s": 20_000,
    "load_ratio": 10.0,
    "query_p95_ms_max": 100.0,
    "workers_speedup": 1.7,
    "peak_rss_mb": 1536.0,
}


@dataclass(frozen=True)
class Profile:
    name: str
    articles: int  # synthetic corpus loaded through the real ingest write path
    extract_sample: int
    extract_rounds: int
    ratio_sample: int
    ratio_rounds: int
    worker_sample: int
    worker_rounds: int
    query_runs: int
    checkpoints: tuple[int, ...]  # graph sizes (within `articles`) at which queries are timed
    bulk_articles: int = 0  # the graph grown further, to this size, through the same real path (0: no)
    equivalence_sample: int = 0


PROFILES = {
    "quick": Profile(
        "quick",
        articles=1000,
        extract_sample=24,
        extract_rounds=3,
        ratio_sample=20,
        ratio_rounds=3,
        worker_sample=40,
        worker_rounds=1,
        query_runs=20,
        checkpoints=(1000,),
    ),
    "full": Profile(
        "full",
        articles=10_000,
        extract_sample=80,
        extract_rounds=3,
        ratio_sample=60,
        ratio_rounds=3,
        worker_sample=120,
        worker_rounds=2,
        query_runs=20,
        checkpoints=(1000, 10_000),
        bulk_articles=100_000,
        equivalence_sample=300,
    ),
    # a minute-long run of every stage, to try changes to the harness itself
    "smoke": Profile(
        "smoke",
        articles=60,
        extract_sample=4,
        extract_rounds=1,
        ratio_sample=10,
        ratio_rounds=1,
        worker_sample=8,
        worker_rounds=1,
        query_runs=3,
        checkpoints=(30, 60),
        bulk_articles=200,
        equivalence_sample=30,
    ),
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


def gen_facts(i: int):
    """Worker: gold facts of article i (generation costs more than loading: done in 2 processes)."""
    from bench.corpus import article_facts

    return article_facts(SEED, i)


def run_workers_bench(bench, path: Path, workers: int, mode: str) -> dict:
    env = dict(os.environ, BENCH_NEO4J_URI=bench.server.bolt_uri, BENCH_NEO4J_PASSWORD=bench.server.password)
    if mode == "ingest":
        reset_graph(bench)
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
        table = format_table(results, profile)
        (RESULTS / profile.name / "table.md").write_text(
            table + "\n\n" + format_summary(results["summary"]) + "\n", encoding="utf-8"
        )
        print(table)
        print(format_summary(results["summary"]))
        return
    profile = PROFILES[argv[0] if argv else "quick"]
    began = time.perf_counter()
    out_dir = RESULTS / profile.name
    (out_dir / "plans").mkdir(parents=True, exist_ok=True)
    info = machine()
    log(f"profile {profile.name}: {info}")
    results: dict = {"profile": profile.name, "machine": info, "seed": SEED}

    def save() -> None:  # after every stage: a crash late in a long run keeps what it measured
        (out_dir / "results.json").write_text(
            json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
        )

    from bench import corpus
    from bench.extraction import profile_extraction, run_extraction

    # ---- corpus
    with Timer() as t:
        records = list(corpus.records(profile.articles, SEED))
        # files of 1000 articles: ingest refuses files over 5 MB (ingest/read.py MAX_BYTES)
        corpus_path = BENCH_HOME / f"corpus-{profile.articles}-{SEED}"
        shutil.rmtree(corpus_path, ignore_errors=True)
        for k in range(0, len(records), SHARD):
            write_jsonl(corpus_path / f"part-{k // SHARD:04d}.jsonl", records[k : k + SHARD])
    results["corpus"] = {
        "articles": len(records),
        "real_texts": sum(1 for i in range(len(records)) if corpus.real_index(i) is not None),
        "mb": round(sum(f.stat().st_size for f in corpus_path.iterdir()) / 1e6, 1),
        "seconds": round(t.wall, 1),
    }
    log(f"corpus: {results['corpus']}")

    # ---- extraction (before anything big is in memory: its peak RSS is extraction's)
    sample = records[: profile.extract_sample]
    ext = run_extraction(sample, rounds=profile.extract_rounds)
    nat_aps, nat_kbs = ext.rate(ext.natasha_cpu)
    coop_aps, coop_kbs = ext.rate(ext.coop_cpu)
    results["extraction"] = {
        "articles": ext.articles,
        "kb": round(ext.kbytes, 1),
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
        "read_ms_per_article": 1000 * ext.read_cpu / ext.articles,
        "peak_rss_mb": ext.peak_rss_mb,
        "model_load_s": ext.model_load_s,
        "relations": ext.relations,
    }
    save()
    if ext.ratio < TARGETS["extract_ratio"]:
        (out_dir / "extraction.prof.txt").write_text(profile_extraction(sample[:20]), encoding="utf-8")

    from bench.loading import check_equivalent, load_real, profile_load, run_load_ratio, run_reingest

    with bench_server() as bench:
        # ---- load: real path vs baseline, same facts
        ratio_facts = [corpus.article_facts(SEED, i) for i in range(profile.ratio_sample)]
        lr = run_load_ratio(bench, ratio_facts, rounds=profile.ratio_rounds)
        results["load_ratio"] = {
            "articles": lr.articles,
            "rows": lr.rows,
            "real_rel_s": lr.real_rel_per_s,
            "baseline_rel_s": lr.base_rel_per_s,
            "per_article_rel_s": lr.old_rel_per_s,
            "ratio": lr.ratio,
            "per_article_ratio": lr.old_ratio,
        }
        reset_graph(bench)
        load_real(bench, ratio_facts[: len(ratio_facts) // 2])  # warm graph: time statements, not planning
        (out_dir / "load.prof.txt").write_text(
            profile_load(bench, ratio_facts[len(ratio_facts) // 2 :]), encoding="utf-8"
        )

        if profile.equivalence_sample:
            same, summary = check_equivalent(
                bench, [f for f in (corpus.article_facts(SEED, i) for i in range(profile.equivalence_sample)) if f]
            )
            log(
                f"batched real path vs per-article path on {profile.equivalence_sample} articles: "
                f"{'identical' if same else 'DIFFERENT'} ({summary.splitlines()[0]})"
            )
            results["equivalent"] = {"same": same, "summary": summary}

        save()
        # ---- parallel ingest: 1 vs 2 workers, and extraction alone
        wpath = BENCH_HOME / "workers-sample.jsonl"
        write_jsonl(wpath, records[profile.ratio_sample : profile.ratio_sample + profile.worker_sample])
        wres: dict[str, list] = {"ingest_1": [], "ingest_2": [], "extract_1": [], "extract_2": []}
        probes = []
        # warm-up: the first ingest on a fresh graph pays for planning the writer's statements (seconds
        # under load), which would otherwise count against whichever worker count runs first
        run_workers_bench(bench, wpath, 1, "ingest")
        for r in range(profile.worker_rounds):
            probes.append(
                json.loads(
                    subprocess.run(
                        [sys.executable, "-m", "bench.workers", "probe"], capture_output=True, text=True, check=True
                    )
                    .stdout.strip()
                    .splitlines()[-1]
                )["speedup"]
            )
            log(f"cpu probe: 2 processes of pure CPU work run × {probes[-1]:.2f} faster than 1 right now")
            for w in (1, 2) if r % 2 == 0 else (2, 1):
                wres[f"extract_{w}"].append(run_workers_bench(bench, wpath, w, "extract"))
                wres[f"ingest_{w}"].append(run_workers_bench(bench, wpath, w, "ingest"))
        speed = {
            kind: median([a["pipeline_s"] / b["pipeline_s"] for a, b in zip(wres[f"{kind}_1"], wres[f"{kind}_2"])])
            for kind in ("ingest", "extract")
        }
        rss = max(max(x["rss_parent_mb"], x["rss_child_mb"]) for runs in wres.values() for x in runs)
        cpu = {k: median([x["cpu_s"] for x in runs]) for k, runs in wres.items()}
        results["workers"] = {
            "runs": wres,
            "ingest_speedup": speed["ingest"],
            "extract_speedup": speed["extract"],
            "peak_rss_mb": rss,
            "cpu_s": cpu,
            "probe_speedup": median(probes),
            "loadavg": median([x["loadavg"] for runs in wres.values() for x in runs]),
        }

        save()
        # ---- the corpus through the real write path, queries at each checkpoint
        reset_graph(bench)
        results["queries"] = {}
        results["load"] = {}
        total_rows = total_s = 0.0
        loaded = 0
        for size in profile.checkpoints:
            facts_iter = (f for f in (corpus.article_facts(SEED, i) for i in range(loaded, size)) if f is not None)
            run = load_real(bench, facts_iter, progress_every=1000)
            total_rows += run.rows
            total_s += run.seconds
            loaded = size
            results["load"][size] = {
                "articles": run.articles,
                "rows": run.rows,
                "seconds": run.seconds,
                "rel_s": run.rel_per_s,
                "ms_per_article_p50": median(run.per_article_ms),
                "created": dict(run.created),
            }
            log(f"real load to {size}: {run.rel_per_s:.0f} rel/s ({median(run.per_article_ms):.0f} ms/article median)")
            results["queries"][size] = query_stage(bench, profile, size, out_dir)
            save()
        results["load_total"] = {
            "articles": loaded,
            "rows": total_rows,
            "seconds": total_s,
            "rel_s": total_rows / total_s if total_s else 0,
        }

        save()
        # ---- re-ingest the unchanged corpus with `coopgraph ingest`'s own code
        ri = run_reingest(bench, str(corpus_path))
        results["reingest"] = {
            "articles": ri.articles,
            "seconds": ri.seconds,
            "read_s": ri.read_seconds,
            "statuses": dict(ri.statuses),
            "art_s": ri.articles / ri.seconds,
            "extraction_estimate_s": ri.articles / coop_aps,
            "first_load_s": total_s,
        }
        log(f"re-ingest: {results['reingest']}")

        save()
        # ---- the big graph: folded whole and written once by bench/bulk.py (the real path rewrites popular
        # facts' evidence lists per batch and needs hours for 100k here), checked equal to load.py's graph
        if profile.bulk_articles:
            from bench.bulk import check_equivalent as bulk_equivalent

            same, summary = bulk_equivalent(
                bench, [f for f in (corpus.article_facts(SEED, i) for i in range(profile.equivalence_sample)) if f]
            )
            log(
                f"bulk writer vs graph/load.py on {profile.equivalence_sample} articles: "
                f"{'identical' if same else 'DIFFERENT'} ({summary.splitlines()[0]})"
            )
            results["bulk_equivalent"] = {"same": same, "summary": summary}
            reset_graph(bench)
            results["bulk"] = bulk_stage(bench, profile.bulk_articles)
            results["queries"][profile.bulk_articles] = query_stage(bench, profile, profile.bulk_articles, out_dir)

    results["seconds"] = time.perf_counter() - began
    results["machine"]["loadavg_end"] = os.getloadavg()
    results["summary"] = summarise(results, profile)
    (out_dir / "results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
    )
    table = format_table(results, profile)
    (out_dir / "table.md").write_text(table + "\n\n" + format_summary(results["summary"]) + "\n", encoding="utf-8")
    shutil.rmtree(corpus_path, ignore_errors=True)  # regenerated in seconds; the server home is already gone
    wpath.unlink(missing_ok=True)
    print(table)
    print(format_summary(results["summary"]))


def query_stage(bench, profile: Profile, size: int, out_dir: Path) -> dict:
    from bench.common import count_relationships
    from bench.queries import run_queries, save_slowest_plans
    from coopgraph.graph.derived import refresh_derived

    # what `coopgraph ingest` does after a run: the cooperation edges the network queries read
    derived = refresh_derived(bench.driver, bench.database)
    log(f"cooperation edges: {derived.pairs} pairs from {derived.facts} facts in {derived.seconds:.1f} s")
    rels = count_relationships(bench)
    log(f"queries on the {size}-article graph ({rels} relationships)")
    lat = run_queries(bench, runs=profile.query_runs)
    plans = save_slowest_plans(bench, lat, out_dir / "plans" / str(size))
    return {
        "relationships": rels,
        "plans": plans,
        "derived_s": derived.seconds,
        "derived_pairs": derived.pairs,
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


def gen_rows(i: int):
    """Worker: gold facts of article i, adapted to loader rows (pickles lighter than pydantic)."""
    from bench.corpus import article_facts
    from coopgraph.graph.load import adapt_facts

    facts = article_facts(SEED, i)
    return None if facts is None else adapt_facts(facts)


def bulk_stage(bench, n: int) -> dict:
    """Gold rows for n articles in 2 processes, folded and written by bench/bulk.py."""
    import multiprocessing

    from bench.bulk import BulkGraph, write_bulk
    from bench.common import INGESTED

    t0 = time.perf_counter()
    graph = BulkGraph(ingested=INGESTED)
    rows_in = 0
    with multiprocessing.get_context("fork").Pool(2) as pool:
        for k, rows in enumerate(pool.imap(gen_rows, range(n), chunksize=200), 1):
            if rows is None:
                continue
            graph.add(rows)
            rows_in += len(rows.mentions) + sum(len(r) for r in rows.facts.values())
            if k % 10_000 == 0:
                log(f"bulk: generated and folded {k} articles")
    gen_s = time.perf_counter() - t0
    res = write_bulk(bench.driver, bench.database, graph, rows_in)
    log(
        f"bulk: {res.articles} articles, {res.relationships} relationships from {rows_in} rows written in "
        f"{res.seconds:.0f} s ({rows_in / res.seconds:.0f} rows/s); generation {gen_s:.0f} s"
    )
    return {
        "articles": res.articles,
        "nodes": res.nodes,
        "relationships": res.relationships,
        "rows": rows_in,
        "write_s": res.seconds,
        "rows_per_s": rows_in / res.seconds,
        "created_per_s": res.relationships / res.seconds,
        "generate_s": gen_s,
        "steps": res.steps,
    }


def big_stage(bench, start: int, n: int, rows_before: float, seconds_before: float) -> dict:
    """Articles start..n (gold facts generated in 2 processes) through the real batched path."""
    import multiprocessing

    from bench.loading import load_real

    t0 = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        facts = (f for f in pool.imap(gen_facts, range(start, n), chunksize=200) if f is not None)
        run = load_real(bench, facts, progress_every=1, chunk=5000)
    wall = time.perf_counter() - t0
    rows, seconds = rows_before + run.rows, seconds_before + run.seconds
    log(
        f"real path to {n}: {run.articles} more articles, {run.rows} rows in {run.seconds:.0f} s of loading "
        f"({run.rel_per_s:.0f} rows/s; {rows / seconds:.0f} rows/s over all {n}); wall {wall:.0f} s with generation"
    )
    return {
        "articles": n,
        "added": run.articles,
        "rows": rows,
        "seconds": seconds,
        "rel_s": rows / seconds,
        "added_rel_s": run.rel_per_s,
        "created": dict(run.created),
        "wall_s": wall,
    }


def summarise(r: dict, profile: Profile) -> dict:
    sizes = sorted(r["queries"], key=int)
    worst = r["queries"][sizes[-1]]["latency"]
    return {
        "extract_ratio": r["extraction"]["ratio"],
        "load_rel_per_s": r["load_total"]["rel_s"],
        "load_ratio": r["load_ratio"]["ratio"],
        "query_p95_ms_max": max(v["p95"] for v in worst.values()),
        "workers_speedup": r["workers"]["ingest_speedup"],
        "peak_rss_mb": r["workers"]["peak_rss_mb"],
    }


def format_summary(s: dict) -> str:
    return (
        f"extract_ratio={s['extract_ratio']:.2f} load_rel_per_s={s['load_rel_per_s']:.0f} "
        f"load_ratio={s['load_ratio']:.1f} query_p95_ms_max={s['query_p95_ms_max']:.0f} "
        f"workers_speedup={s['workers_speedup']:.2f} peak_rss_mb={s['peak_rss_mb']:.0f}"
    )


def _met(key: str, value: float) -> str:
    target = TARGETS[key]
    ok = value <= target if key in ("query_p95_ms_max", "peak_rss_mb") else value >= target
    return "met" if ok else "MISSED"


def format_table(r: dict, profile: Profile) -> str:
    e, lr, w, ri = r["extraction"], r["load_ratio"], r["workers"], r["reingest"]
    s = r["summary"]
    rows = [
        (
            "extraction, natasha alone (1 core)",
            f"{e['natasha_art_s']:.1f} art/s, {e['natasha_kb_s']:.0f} KB/s "
            f"({e['articles']} articles × {e['rounds']} rounds, CPU time; wall {e['natasha_art_s_wall']:.1f} art/s)",
            "",
        ),
        (
            "extraction, coopgraph (1 core)",
            f"{e['coop_art_s']:.1f} art/s, {e['coop_kb_s']:.0f} KB/s "
            f"(wall {e['coop_art_s_wall']:.1f} art/s); reading {e['read_ms_per_article']:.1f} ms/article more",
            "",
        ),
        ("natasha alone, one Doc per line (as ingest/nlp.py calls it)", f"{e['perline_art_s']:.1f} art/s", ""),
        (
            "extraction ratio b/a",
            f"{e['ratio']:.2f} (wall {e['ratio_wall']:.2f})",
            f"≥ 0.8: {_met('extract_ratio', s['extract_ratio'])}",
        ),
        ("extraction peak RSS", f"{e['peak_rss_mb']:.0f} MB", ""),
        (
            "load, real ingest path",
            f"{r['load_total']['rel_s']:.0f} rel/s over {r['load_total']['articles']} articles "
            f"({r['load_total']['rows']:.0f} relationship rows, {r['load_total']['seconds']:.0f} s)",
            f"≥ 20000: {_met('load_rel_per_s', s['load_rel_per_s'])}",
        ),
        (
            "load, real vs one-statement baseline",
            f"{median(lr['real_rel_s']):.0f} vs {median(lr['baseline_rel_s']):.0f} rel/s "
            f"on {lr['articles']} articles; ratio {lr['ratio']:.1f}",
            f"≥ 10×: {_met('load_ratio', s['load_ratio'])}",
        ),
        (
            "load, per-article path (before batching) vs baseline",
            f"{median(lr['per_article_rel_s']):.0f} rel/s on "
            f"the same {lr['articles']} articles; ratio {lr['per_article_ratio']:.1f}",
            "",
        ),
        (
            "re-ingest unchanged corpus",
            f"{ri['articles']} articles in {ri['seconds']:.1f} s ({ri['art_s']:.0f} art/s; "
            f"reading {ri['read_s']:.1f} s) vs first load {ri['first_load_s']:.0f} s, extraction ≈ "
            f"{ri['extraction_estimate_s']:.0f} s; statuses {ri['statuses']}"
            + (f" ({ri['note']})" if ri.get("note") else ""),
            "",
        ),
        (
            "parallel ingest 1 → 2 workers",
            f"× {w['ingest_speedup']:.2f} end to end (extraction alone × {w['extract_speedup']:.2f})"
            + (
                f"; CPU s 1 → 2 workers: ingest {w['cpu_s']['ingest_1']:.1f} → {w['cpu_s']['ingest_2']:.1f}, "
                f"extraction "
                f"{w['cpu_s']['extract_1']:.1f} → {w['cpu_s']['extract_2']:.1f}; load average {w['loadavg']:.1f}"
                if "cpu_s" in w
                else ""
            )
            + (f"; pure-CPU probe, 1 → 2 processes: × {w['probe_speedup']:.2f}" if "probe_speedup" in w else ""),
            f"≥ 1.7: {_met('workers_speedup', s['workers_speedup'])}",
        ),
        (
            "ingest peak RSS (largest process)",
            f"{w['peak_rss_mb']:.0f} MB",
            f"< 1536: {_met('peak_rss_mb', s['peak_rss_mb'])}",
        ),
    ]
    if "equivalent" in r:
        rows.append(
            (
                "batched path = per-article path (full dump)",
                f"{r['equivalent']['same']}: {r['equivalent']['summary'].splitlines()[0]}",
                "",
            )
        )
    if "big" in r:
        b = r["big"]
        rows.append(
            (
                f"load, real path to {b['articles']:,} articles",
                f"{b['rel_s']:.0f} rel/s over all "
                f"{b['articles']} ({b['rows']:.0f} rows, {b['seconds']:.0f} s); the last {b['added']} at "
                f"{b['added_rel_s']:.0f} rel/s",
                "",
            )
        )
    if "bulk" in r:
        b = r["bulk"]
        rows.append(
            (
                f"bulk writer (bench/bulk.py), the {b['articles']:,}-article graph for the queries",
                f"{b['rows_per_s']:.0f} rel rows/s, {b['created_per_s']:.0f} created/s: {b['relationships']} "
                f"relationships in {b['write_s']:.0f} s; identical to load.py: "
                f"{r.get('bulk_equivalent', {}).get('same')}",
                "",
            )
        )
    out = ["| measure | result | target |", "|---|---|---|"]
    out += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    sizes = sorted(r["queries"], key=int)
    out += [
        "",
        "| query | " + " | ".join(f"p50 / p95 ms @ {int(n):,} art." for n in sizes) + " |",
        "|---|" + "---|" * len(sizes),
    ]
    names = sorted(r["queries"][sizes[0]]["latency"])
    for name in names:
        cells = []
        for n in sizes:
            q = r["queries"][n]["latency"][name]
            flag = " ⚠" if q["p95"] >= TARGETS["query_p95_ms_max"] else ""
            cells.append(f"{q['p50']:.0f} / {q['p95']:.0f}{flag}")
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    out.append("")
    out.append(
        f"query p95 max @ {int(sizes[-1]):,}: {s['query_p95_ms_max']:.0f} ms (< 100: "
        f"{_met('query_p95_ms_max', s['query_p95_ms_max'])}); machine: {r['machine']['cores']} cores, "
        f"{r['machine']['memory_gb']} GB, {r['machine']['cpu']}; load average "
        f"{r['machine']['loadavg_start'][0]:.1f} at start, {r['machine']['loadavg_end'][0]:.1f} at end; "
        f"run took {r['seconds'] / 60:.1f} min"
    )
    return "\n".join(out)


if __name__ == "__main__":
    main()
