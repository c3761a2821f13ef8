"""Parallel ingest, 1 vs N workers: `coopgraph ingest`'s pipeline with extraction in processes, one writer."""

from __future__ import annotations

# Run as its own process (`python -m bench.workers RECORDS.jsonl N`) so that its peak RSS is the
# ingest's, not the benchmark harness's: RUSAGE_SELF is the parent (reader + writer), and
# RUSAGE_CHILDREN the largest worker. It prints one JSON line with the timings.
import json
import os
import sys
import time

from bench.common import INGESTED, peak_rss_mb


def ingest_parallel(driver, database: str, articles: list, workers: int, load: bool = True) -> dict:
    """`coopgraph ingest --workers N`'s own pipeline (`IngestPipeline.ingest`) over read articles; with
    load=False, extraction alone (`extract_articles`, no Neo4j)."""
    from coopgraph.extraction import extract_articles
    from coopgraph.pipeline import IngestOptions, IngestPipeline

    t0 = time.perf_counter()
    if not load:
        extracted = failed = relations = 0
        for item in extract_articles(articles, workers):
            if item.facts is None:
                failed += 1
                continue
            extracted += 1
            relations += len(item.facts.relations)
        total = time.perf_counter() - t0
        return {
            "workers": workers,
            "articles": len(articles),
            "extracted": extracted,
            "failed": failed,
            "relations": relations,
            "check_s": 0.0,
            "pipeline_s": total,
            "load_s": 0.0,
            "total_s": total,
        }
    pipeline = IngestPipeline(driver, database, IngestOptions(workers=workers, ingested=INGESTED))
    pipeline.report.articles = len(articles)
    report = pipeline.ingest(articles)
    total = time.perf_counter() - t0
    return {
        "workers": workers,
        "articles": len(articles),
        "extracted": report.statuses["new"],
        "failed": report.statuses["failed"],
        "relations": sum(report.created.values()),
        "check_s": 0.0,
        "pipeline_s": total,
        "load_s": report.load_seconds,
        "extract_wait_s": report.extract_seconds,
        "total_s": total,
    }


def real_length_records(n: int, edition: int = 0) -> list[dict]:
    """Up to n articles of real length: the seeds, the test articles and the dev texts (beside the project, or
    in $COOPGRAPH_DEV_DIR), cycled, each made distinct by a closing line of its own (a new text, a new id).
    A copy whose closing line the reader drops (a text ending in page furniture) would be the same article
    again, which the pipeline settles as unchanged without extracting it: such copies are left out, so the
    list can be shorter than n. Each `edition` numbers its closing lines apart: new articles for the same texts."""
    from pathlib import Path

    from bench.corpus import REPO, article_of, real_records

    texts = [r["text"] for r in real_records()]
    texts += [p.read_text(encoding="utf-8") for p in sorted((REPO / "tests" / "data" / "articles").glob("*.txt"))]
    dev = Path(os.environ.get("COOPGRAPH_DEV_DIR", REPO.parent / "shared" / "eval" / "dev"))
    texts += [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(dev.glob("*.json"))]
    unique = list(dict.fromkeys(texts))
    out: list[dict] = []
    seen: set[str] = set()
    for k in range(4 * n):
        if len(out) == n:
            break
        number = edition * 10 * n + k + 1
        rec = {
            "source": f"real/{number:05d}.txt",
            "text": unique[k % len(unique)] + f"\n\nНомер материала в архиве редакции – {number}.",
        }
        key = article_of(rec).id
        if key not in seen:
            seen.add(key)
            out.append(rec)
    return out


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def cpu_probe(tasks: int = 6, size: int = 1_500_000) -> dict:
    """The speed-up 2 processes get on pure, independent CPU work right now: the ceiling this
    machine allows at this moment (2.0 on an idle 2-core machine, less when others run)."""
    import multiprocessing

    t0 = time.perf_counter()
    for _ in range(tasks):
        _burn(size)
    serial = time.perf_counter() - t0
    with multiprocessing.get_context("fork").Pool(2) as pool:
        t0 = time.perf_counter()
        pool.map(_burn, [size] * tasks, chunksize=1)
        parallel = time.perf_counter() - t0
    return {"mode": "probe", "serial_s": serial, "parallel_s": parallel, "speedup": serial / parallel}


def main(argv: list[str] | None = None) -> None:
    import resource

    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "probe":
        print(json.dumps(cpu_probe()), flush=True)
        return
    path, workers, mode = argv[0], int(argv[1]), (argv[2] if len(argv) > 2 else "ingest")
    from bench.corpus import article_of

    with open(path, encoding="utf-8") as fh:
        articles = [article_of(json.loads(line)) for line in fh if line.strip()]
    driver = None
    if mode == "ingest":
        from coopgraph.graph.connection import open_driver
        from coopgraph.graph.settings import Neo4jSettings

        driver = open_driver(
            Neo4jSettings(uri=os.environ["BENCH_NEO4J_URI"], user="neo4j", password=os.environ["BENCH_NEO4J_PASSWORD"])
        )
    from coopgraph.ingest.nlp import load_models

    t0 = time.perf_counter()
    load_models()  # loaded before the pool forks, so workers share it; timed apart from the run
    models_s = time.perf_counter() - t0
    try:
        result = ingest_parallel(driver, "neo4j", articles, workers, load=mode == "ingest")
    finally:
        if driver is not None:
            driver.close()
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds of the whole ingest (parent + workers, model loading included): on a shared
    # machine the wall-clock speed-up depends on free cores, the CPU total shows the overhead.
    result.update(
        mode=mode,
        models_s=models_s,
        rss_parent_mb=peak_rss_mb(),
        rss_child_mb=peak_rss_mb(resource.RUSAGE_CHILDREN),
        cpu_s=me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
        loadavg=os.getloadavg()[0],
    )
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
