"""`coopgraph ingest` end to end on the seeds and dev articles: summary, exit codes, idempotency, identity."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import DATA, SEEDS, needs_dev
from support import DEV as DEV_DIR

from coopgraph.cli import cli
from coopgraph.graph.events import VISIT_LINKS
from coopgraph.graph.load import adapt_facts, dump_graph, find_provenance_violations
from coopgraph.graph.schema import STRUCTURE_TYPES, drop_schema
from coopgraph.ingest.pipeline import extract_article
from coopgraph.ingest.read import read_path

ARTICLES = DATA / "articles"
KAZAKH = str.maketrans("іәғқңөұүһ", "иагкноуух")

# Entities named in two or more of the gold articles (seeds and dev texts), each of which must be
# exactly one node after ingesting them all.
CROSS_ARTICLE = [
    ("Person", "Вадим Шумков"),
    ("Person", "Даурен Абаев"),
    ("Person", "Игорь Бабушкин"),
    ("Person", "Серик Шапкенов"),
    ("Person", "Андрей Никитин"),
    ("Person", "Александр Турчин"),
    ("Person", "Юрий Берг"),
    ("Region", "Курганская область"),
    ("Region", "Северо-Казахстанская область"),
    ("Region", "Астраханская область"),
    ("Region", "Атырауская область"),
    ("Region", "Оренбургская область"),
    ("Region", "Минская область"),
    ("Region", "Новгородская область"),
    ("Country", "Россия"),
    ("Country", "Казахстан"),
]


def invoke(db, *args: str, input: str | None = None):
    result = CliRunner().invoke(cli, [*args, *neo4j_args(db)], input=input, catch_exceptions=False)
    return result


def neo4j_args(db) -> list[str]:
    return ["--uri", db.uri, "--user", db.user, "--password", db.password, "--database", db.database]


@pytest.fixture
def graph(db):
    """A clean database after `coopgraph db init`, with the gazetteer structure loaded."""
    result = invoke(db, "db", "init")
    assert result.exit_code == 0, result.output
    return db


def summary_counts(output: str) -> dict[str, int]:
    """{"new": 5, ...} from the summary line "Articles: 5 — new 5, unchanged 0, replaced 0, failed 0"."""
    line = next(line for line in output.splitlines() if line.startswith("Articles:"))
    return {k: int(v) for k, v in re.findall(r"\b(new|unchanged|replaced|failed) (\d+)", line)}


def test_ingesting_seeds_twice_gives_the_same_graph(graph):
    first = invoke(graph, "ingest", str(SEEDS))
    assert first.exit_code == 0, first.output
    assert summary_counts(first.output) == {"new": 5, "unchanged": 0, "replaced": 0, "failed": 0}
    assert "Relationships created:" in first.output and "relationships/s" in first.output
    assert "Browser: http://" in first.output
    status = invoke(graph, "db", "status").output
    before = dump_graph(graph.driver, graph.database)
    second = invoke(graph, "ingest", str(SEEDS))
    assert second.exit_code == 0, second.output
    assert summary_counts(second.output) == {"new": 0, "unchanged": 5, "replaced": 0, "failed": 0}
    assert invoke(graph, "db", "status").output == status
    assert dump_graph(graph.driver, graph.database) == before


def test_a_bad_file_is_listed_as_failed_and_the_rest_is_loaded(graph, tmp_path):
    shutil.copy(SEEDS / "002_9c36e894c38dab6b.txt", tmp_path / "good.txt")
    (tmp_path / "broken.txt").write_bytes(b"")
    (tmp_path / "records.jsonl").write_text('{"text": 5}\n', encoding="utf-8")
    result = invoke(graph, "ingest", str(tmp_path))
    assert result.exit_code == 1
    assert summary_counts(result.output) == {"new": 1, "unchanged": 0, "replaced": 0, "failed": 2}
    assert re.search(r"broken\.txt: empty file", result.output)
    assert re.search(r"records\.jsonl:1: record has no 'text' string", result.output)
    records, _, _ = graph.driver.execute_query("MATCH (a:Article) RETURN a.source AS s", database_=graph.database)
    assert [r["s"] for r in records] == [str(tmp_path / "good.txt")]


def test_dry_run_extracts_and_writes_nothing(graph):
    before = dump_graph(graph.driver, graph.database)
    result = invoke(graph, "ingest", "--dry-run", str(SEEDS / "000_d8b8e7c70f541481.txt"))
    assert result.exit_code == 0, result.output
    assert "Dry run: 1 articles, 1 extracted, 0 failed" in result.output
    assert "would merge relationships: MENTIONS" in result.output
    assert dump_graph(graph.driver, graph.database) == before


def test_json_lines_on_stdin(graph):
    text = (ARTICLES / "astrakhan_atyrau_plan.txt").read_text(encoding="utf-8")
    line = json.dumps({"text": text, "source": "stdin/plan", "published": "2019-05-20"}, ensure_ascii=False)
    result = invoke(graph, "ingest", "-", input=line + "\n")
    assert result.exit_code == 0, result.output
    assert summary_counts(result.output)["new"] == 1
    records, _, _ = graph.driver.execute_query(
        "MATCH (a:Article) RETURN a.source AS s, a.published AS p", database_=graph.database
    )
    assert [r.data() for r in records] == [{"s": "stdin/plan", "p": "2019-05-20"}]


def fact_ids(path: Path) -> set[str]:
    (article,) = read_path(path)
    return {row["fact_id"] for rows in adapt_facts(extract_article(article)).facts.values() for row in rows}


def test_a_changed_article_loses_its_stale_facts_and_keeps_shared_ones(graph, tmp_path):
    # Seed 000 and a test article both report Вадим Шумков as governor of Курганская область.
    a = tmp_path / "a.txt"
    shutil.copy(SEEDS / "000_d8b8e7c70f541481.txt", a)
    text = (ARTICLES / "sko_delegation_in_kurgan.txt").read_text(encoding="utf-8")
    (tmp_path / "b.json").write_text(
        json.dumps({"text": text, "source": "https://example.org/sko-in-kurgan"}, ensure_ascii=False), encoding="utf-8"
    )
    assert invoke(graph, "ingest", str(tmp_path)).exit_code == 0
    ids_a, ids_b = fact_ids(a), fact_ids(tmp_path / "b.json")
    (old,) = read_path(a)
    # the new text keeps the first half of the article: the rest's facts must go
    paragraphs = a.read_text(encoding="utf-8").split("\n\n")
    a.write_text("\n\n".join(paragraphs[: len(paragraphs) // 2]), encoding="utf-8")
    ids_a2 = fact_ids(a)
    (new,) = read_path(a)
    stale, shared = ids_a - ids_a2 - ids_b, ids_a & ids_b
    assert stale and shared, "the extractor no longer finds the facts this test is built on"

    result = invoke(graph, "ingest", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert summary_counts(result.output) == {"new": 0, "unchanged": 1, "replaced": 1, "failed": 0}
    records, _, _ = graph.driver.execute_query(
        "MATCH ()-[r]->() WHERE r.fact_id IS NOT NULL AND type(r) <> 'STATES' "
        "RETURN r.fact_id AS id, COLLECT { MATCH (a:Article)-[:STATES {fact_id: r.fact_id}]->() "
        "RETURN DISTINCT a.id } AS articles",
        database_=graph.database,
    )
    loaded = {r["id"]: r["articles"] for r in records}
    assert not stale & loaded.keys()
    for fid in shared:
        assert fid in loaded and old.id not in loaded[fid]
        assert (new.id in loaded[fid]) == (fid in ids_a2)
    assert all(new.id in loaded[fid] for fid in ids_a2)
    assert all(old.id not in articles for articles in loaded.values())


def gold_articles() -> dict[str, list[dict]]:
    """Gold entities per distinct article text (dev-000..004 are the seeds themselves)."""
    out: dict[str, list[dict]] = {}
    for path in sorted(DEV_DIR.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        out.setdefault(" ".join(gold["text"].split()), gold["entities"])
    return out


@needs_dev
def test_seeds_and_dev_articles_give_one_node_per_real_entity(graph):
    result = invoke(graph, "ingest", str(SEEDS), str(DEV_DIR))
    assert result.exit_code == 0, result.output
    golds = gold_articles()
    dev_files = len(list(DEV_DIR.glob("*.json")))
    # the seeds come first; the dev copies of the five seeds (dev-000..004) are then unchanged texts
    assert summary_counts(result.output) == {"new": dev_files, "unchanged": 5, "replaced": 0, "failed": 0}
    in_gold = Counter(
        (e["type"], e["name"].translate(KAZAKH))
        for ents in golds.values()
        for e in {(x["type"], x["name"]): x for x in ents}.values()
    )
    for label, name in CROSS_ARTICLE:
        assert in_gold[(label, name)] >= 2, f"{name} is not in two gold articles"
        records, _, _ = graph.driver.execute_query(
            f"MATCH (n:{label}) WHERE n.name = $name "
            "RETURN count(n) AS nodes, sum(COUNT { (:Article)-[:MENTIONS]->(n) }) AS articles",
            name=name,
            database_=graph.database,
        )
        assert records[0]["nodes"] == 1, f"{label} {name}: {records[0]['nodes']} nodes"
        assert records[0]["articles"] >= 2, f"{label} {name} is mentioned by {records[0]['articles']} articles"
    # and no name of a person or place the gold files list is split over two nodes
    for label, name in in_gold:
        if label in ("Person", "Region", "Country", "City"):
            records, _, _ = graph.driver.execute_query(
                f"MATCH (n:{label}) WHERE n.name = $name RETURN count(n) AS n", name=name, database_=graph.database
            )
            assert records[0]["n"] <= 1, f"{label} {name} has {records[0]['n']} nodes"
    records, _, _ = graph.driver.execute_query(
        "MATCH (n:Entity) WHERE NOT n:Document WITH [l IN labels(n) WHERE l <> 'Entity'][0] AS label, "
        "toLower(n.name) AS name, count(*) AS n WHERE n > 1 RETURN label, name, n",
        database_=graph.database,
    )
    assert [r.data() for r in records] == []
    records, _, _ = graph.driver.execute_query("MATCH (a:Article) RETURN count(a) AS n", database_=graph.database)
    assert records[0]["n"] == len(golds) == dev_files  # one Article per distinct text
    assert find_provenance_violations(graph.driver, graph.database) == []
    # every relationship in the graph carries provenance (a fact has its reports, each with an article
    # and a sentence), or it is structure, a report itself, a summary's bookkeeping or an event's links
    records, _, _ = graph.driver.execute_query(
        "MATCH ()-[r]->() WHERE NOT type(r) IN $other "
        "RETURN type(r) AS type, r.support AS support, "
        "COLLECT { MATCH (a:Article)-[s:STATES {fact_id: r.fact_id}]->() RETURN s.sentence } AS evidence",
        other=[*STRUCTURE_TYPES, "COUNTED_IN", "PARTNER", "REPORTS", *VISIT_LINKS],
        database_=graph.database,
    )
    assert records and all(r["support"] and r["evidence"] for r in records), {r["type"] for r in records}
    records, _, _ = graph.driver.execute_query(
        "MATCH (:Article)-[c:COUNTED_IN]->(p:Partnership) RETURN count(DISTINCT p) AS n", database_=graph.database
    )
    assert records[0]["n"] > 0, "ingest keeps the partnership summaries"


def test_ingest_before_db_init_warns_and_still_loads(clean_db):
    drop_schema(clean_db.driver, clean_db.database)  # the next test's `db` fixture applies it again
    text = (ARTICLES / "astrakhan_atyrau_plan.txt").read_text(encoding="utf-8")
    line = json.dumps({"text": text, "source": "plan"}, ensure_ascii=False)
    result = invoke(clean_db, "ingest", "-", input=line + "\n")
    assert result.exit_code == 0, result.output
    assert "warning: the graph has no schema" in result.stderr
    assert "warning: the gazetteer structure (PART_OF, LOCATED_IN) is not loaded" in result.stderr
    assert summary_counts(result.stdout)["new"] == 1
