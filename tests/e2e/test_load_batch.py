"""The batched writer and state check: the same graph as the per-article path, bad articles isolated."""

from __future__ import annotations

import time
from collections import Counter

import pytest
from click.testing import CliRunner
from support import SEEDS, extract_seed_facts
from test_load import INGESTED, article_a, article_a2, article_b

from bench.corpus import article_facts
from coopgraph.cli import cli
from coopgraph.extraction import Extracted
from coopgraph.graph.load import (
    STATE_MANY,
    adapt_facts,
    check_states,
    dump_graph,
    ensure_source_index,
    load_batch,
    load_facts,
    load_rows,
)
from coopgraph.ingest.records import Entity, Mention
from coopgraph.pipeline import IngestOptions, IngestPipeline, load_reference_data

SEED = 7


@pytest.fixture(scope="module")
def corpus_facts() -> list:
    """Seeds and dev texts, then synthetic articles whose people, regions and figures recur."""
    synthetic = [article_facts(SEED, i, extract_real=False) for i in range(40)]
    return list(extract_seed_facts()) + [f for f in synthetic if f is not None]


def fresh(db) -> None:
    db.driver.execute_query("MATCH (n) DETACH DELETE n", database_=db.database)
    load_reference_data(db.driver, db.database)


def per_article(db, facts_list) -> tuple[list[str], list[str]]:
    for facts in facts_list:
        load_facts(db.driver, facts, db.database, ingested=INGESTED)
    return dump_graph(db.driver, db.database)


def batched(db, facts_list, size: int, batch_size: int = 1000) -> Counter:
    statuses: Counter = Counter()
    for start in range(0, len(facts_list), size):
        result = load_batch(
            db.driver,
            [adapt_facts(f) for f in facts_list[start : start + size]],
            db.database,
            ingested=INGESTED,
            batch_size=batch_size,
        )
        statuses.update(r.status for r in result.results)
        for rows in result.deferred:
            statuses[load_rows(db.driver, rows, db.database, ingested=INGESTED).status] += 1
    return statuses


def assert_same(got, want) -> None:
    for kind, a, b in (("node", got[0], want[0]), ("relationship", got[1], want[1])):
        only_got, only_want = sorted(set(a) - set(b)), sorted(set(b) - set(a))
        assert not only_got and not only_want and len(a) == len(b), (kind, only_got[:2], only_want[:2])


def test_a_batch_gives_the_per_article_graph_on_a_fresh_load(db, corpus_facts):
    fresh(db)
    want = per_article(db, corpus_facts)
    fresh(db)
    # small statements and batches that do not divide the corpus: facts span batches and chunks
    statuses = batched(db, corpus_facts, size=13, batch_size=7)
    assert_same(dump_graph(db.driver, db.database), want)
    assert statuses["new"] == len({f.article.id for f in corpus_facts})


def test_a_batch_into_a_loaded_graph_adds_to_facts_other_articles_support(db, corpus_facts):
    fresh(db)
    want = per_article(db, corpus_facts)
    fresh(db)
    half = len(corpus_facts) // 2
    per_article(db, corpus_facts[:half])
    batched(db, corpus_facts[half:], size=10)
    assert_same(dump_graph(db.driver, db.database), want)
    # a batch of articles already there writes nothing and hands them back
    before = dump_graph(db.driver, db.database)
    result = load_batch(db.driver, [adapt_facts(f) for f in corpus_facts[:5]], db.database, ingested=INGESTED)
    assert result.results == [] and len(result.deferred) == 5
    assert dump_graph(db.driver, db.database) == before


def test_the_same_text_or_source_twice_in_a_batch_is_deferred_to_the_per_article_path(db):
    fresh(db)
    a, b, a2 = article_a(), article_b(), article_a2()
    mirror = a.model_copy(
        update={"source": "mirror/a.txt", "article": a.article.model_copy(update={"source": "mirror/a.txt"})}
    )
    result = load_batch(db.driver, [adapt_facts(x) for x in (a, b, mirror, a2)], db.database, ingested=INGESTED)
    assert [r.status for r in result.results] == ["new", "new"]
    assert [r.article["source"] for r in result.deferred] == ["mirror/a.txt", "a.txt"]
    assert [load_rows(db.driver, r, db.database, ingested=INGESTED).status for r in result.deferred] == [
        "unchanged",
        "replaced",
    ]
    got = dump_graph(db.driver, db.database)
    fresh(db)
    assert per_article(db, [a, b, mirror, a2]) == got


def test_the_state_check_seeks_the_source_index(db):
    plan = db.driver.execute_query("EXPLAIN " + STATE_MANY, rows=[], database_=db.database).summary.plan
    operators = []

    def walk(p) -> None:
        operators.append((p["operatorType"], str(p.get("args", {}).get("Details", ""))))
        for child in p.get("children", []):
            walk(child)

    walk(plan)
    assert any(op.startswith("NodeUniqueIndexSeek") and ":Source" in details for op, details in operators), operators
    assert any(op.startswith("NodeUniqueIndexSeek") and ":Article" in details for op, details in operators), operators


def test_the_state_check_finds_a_changed_text_among_many(db, corpus_facts):
    fresh(db)
    batched(db, corpus_facts, size=100)
    a, a2 = article_a(), article_a2()
    load_facts(db.driver, a, db.database, ingested=INGESTED)
    mirror = a.article.model_copy(update={"source": "mirror/a.txt"})
    pairs = [(f.article.id, f.article.source) for f in corpus_facts[:20]] + [
        (a2.article.id, "a.txt"),
        (a.article.id, "mirror/a.txt"),
        ("0" * 64, "nowhere.txt"),
    ]
    kinds = [s.kind for s in check_states(db.driver, pairs, db.database, chunk=7)]
    assert kinds == ["unchanged"] * 20 + ["replaced", "other_source", "new"]
    assert check_states(db.driver, pairs, db.database)[20].stale == [a.article.id]
    # the per-article path keeps the index: after the replacement the source points at the new text
    assert load_facts(db.driver, a2, db.database, ingested=INGESTED).status == "replaced"
    assert (
        load_facts(
            db.driver, a.model_copy(update={"source": mirror.source, "article": mirror}), db.database, ingested=INGESTED
        ).status
        == "new"
    )
    kinds = [
        s.kind
        for s in check_states(
            db.driver, [(a2.article.id, "a.txt"), (a.article.id, "mirror/a.txt"), (a.article.id, "a.txt")], db.database
        )
    ]
    assert kinds == ["unchanged", "unchanged", "replaced"]


def test_a_graph_without_source_nodes_gets_them_once(db, corpus_facts):
    fresh(db)
    want = per_article(db, corpus_facts[:10])
    db.driver.execute_query("MATCH (s:Source) DELETE s", database_=db.database)
    assert ensure_source_index(db.driver, db.database) is True
    assert ensure_source_index(db.driver, db.database) is False
    assert dump_graph(db.driver, db.database) == want


def huge_key(facts):
    """The same article with one more entity whose key is too long for Neo4j's index: its write fails."""
    bad = Entity(
        type="Person", name="Иван Иванов", key="Person:" + "и" * 40_000, mentions=[Mention(start=0, end=3, text="Ива")]
    )
    return facts.model_copy(update={"entities": [*facts.entities, bad]})


def test_a_bad_article_inside_a_batch_fails_alone(db, corpus_facts):
    fresh(db)
    good = corpus_facts[:6] + corpus_facts[7:12]
    want = per_article(db, good)
    fresh(db)
    facts = {f.article.id: f for f in corpus_facts[:12]}
    facts[corpus_facts[6].article.id] = huge_key(corpus_facts[6])
    articles = [f.article for f in corpus_facts[:12]]
    pipeline = IngestPipeline(
        db.driver,
        db.database,
        IngestOptions(batch_articles=50, ingested=INGESTED),
        extract=lambda todo: (Extracted(a, facts=facts[a.id]) for a in todo),
    )
    pipeline.report.articles = len(articles)
    report = pipeline.ingest(articles)
    assert report.statuses == Counter(new=11, failed=1)
    assert [source for source, _ in report.failures] == [corpus_facts[6].article.source]
    assert report.failures[0][1].startswith("load failed:")
    assert_same(dump_graph(db.driver, db.database), want)


def invoke(db, *args: str):
    return CliRunner().invoke(
        cli,
        [*args, "--uri", db.uri, "--user", db.user, "--password", db.password, "--database", db.database],
        catch_exceptions=False,
    )


def test_two_workers_give_the_graph_of_one(db, tmp_path):
    seeds = SEEDS
    dumps = []
    for workers in ("1", "2"):
        db.driver.execute_query("MATCH (n) DETACH DELETE n", database_=db.database)
        assert invoke(db, "db", "init").exit_code == 0
        result = invoke(db, "ingest", "--workers", workers, "--batch-articles", "2", str(seeds))
        assert result.exit_code == 0, result.output
        assert "new 5, unchanged 0, replaced 0, failed 0" in result.output, result.output
        dumps.append(dump_graph(db.driver, db.database))
    assert dumps[0] == dumps[1]


def test_the_writer_loads_batches_while_extraction_goes_on(db, corpus_facts):
    """Batches flush by time as well as size, in a writer thread: the first articles are in the graph
    before the extraction has produced the last ones (the extraction waits to see them)."""
    fresh(db)
    facts = corpus_facts[:8]
    seen_during_extraction: list[int] = []

    def extract(todo):
        for k, article in enumerate(todo):
            if k == 4:  # hold back the rest until the writer has loaded something, or give up after 60 s
                deadline = time.monotonic() + 60
                while count_articles(db) == 0 and time.monotonic() < deadline:
                    time.sleep(0.05)
                seen_during_extraction.append(count_articles(db))
            yield Extracted(article, facts=next(f for f in facts if f.article.id == article.id))

    pipeline = IngestPipeline(
        db.driver, db.database, IngestOptions(batch_articles=100, flush_seconds=0.0, ingested=INGESTED), extract=extract
    )
    pipeline.report.articles = len(facts)
    report = pipeline.ingest([f.article for f in facts])
    assert report.statuses == Counter(new=len({f.article.id for f in facts}))
    assert seen_during_extraction and seen_during_extraction[0] >= 1  # loaded by time, not by size (100)


def count_articles(db) -> int:
    records, _, _ = db.driver.execute_query("MATCH (a:Article) RETURN count(a) AS n", database_=db.database)
    return records[0]["n"]
