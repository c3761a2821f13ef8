"""`ingest --bulk`: neo4j-admin's offline import gives the transactional path's graph, and refuses a non-empty database."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from support import INGESTED, SEEDS, extract_seed_facts, own_server
from test_load_batch import assert_same

from bench.corpus import article_facts
from coopgraph.bulkload import bulk_load_facts
from coopgraph.cli import cli
from coopgraph.extraction import Extracted
from coopgraph.graph.bulk import BulkRefused
from coopgraph.graph.connection import open_driver
from coopgraph.graph.load import dump_graph, load_facts
from coopgraph.graph.schema import apply_schema, wipe_data
from coopgraph.graph.settings import Neo4jSettings
from coopgraph.pipeline import IngestOptions, IngestPipeline, load_reference_data


@pytest.fixture(scope="module")
def local(neo4j_lib, tmp_path_factory):
    """A server of this module's own: the bulk load stops and starts it."""
    with own_server(neo4j_lib, tmp_path_factory.mktemp("bulk") / "neo4j", "bulk") as server:
        yield server


def sample() -> list:
    """The project's own articles, the same text from a second source, and synthetic articles whose
    people, places and figures recur (so facts gather support, conflicts and dates)."""
    seeds = list(extract_seed_facts())
    mirror = seeds[0].model_copy(
        update={"source": "mirror/a.txt", "article": seeds[0].article.model_copy(update={"source": "mirror/a.txt"})}
    )
    synthetic = [f for f in (article_facts(7, i, extract_real=False) for i in range(30)) if f is not None]
    return seeds + [mirror] + synthetic


def transactional(driver, facts_list) -> tuple[list[str], list[str]]:
    """db init, then `coopgraph ingest`'s pipeline with the facts known, in small batches."""
    wipe_data(driver, "neo4j")
    apply_schema(driver, "neo4j")
    load_reference_data(driver, "neo4j")
    by_key = {(f.article.id, f.article.source): f for f in facts_list}
    pipeline = IngestPipeline(
        driver,
        "neo4j",
        IngestOptions(batch_articles=17, ingested=INGESTED),
        extract=lambda todo: (Extracted(a, facts=by_key[(a.id, a.source)]) for a in todo),
    )
    pipeline.report.articles = len(facts_list)
    report = pipeline.ingest([f.article for f in facts_list])
    assert not report.failures and report.statuses["new"] == len(facts_list) - 1
    return dump_graph(driver, "neo4j")


def test_the_bulk_load_gives_the_transactional_graph(local, monkeypatch):
    # events settled a few claims to a transaction, as a large import settles them: still the same graph
    monkeypatch.setattr("coopgraph.graph.load.SETTLE_CLAIMS_PER_TX", 4)
    facts_list = sample()
    settings = Neo4jSettings(uri=local.bolt_uri, password=local.password)
    with open_driver(settings) as driver:
        want = transactional(driver, facts_list)
        wipe_data(driver, "neo4j")
        run = bulk_load_facts(facts_list, driver, local, "neo4j", ingested=INGESTED)
    assert run.report.statuses == {"new": len(facts_list) - 1, "unchanged": 1}
    assert run.bulk.stats.relationships > 1000
    with open_driver(settings) as driver:  # a new store: the old driver's bookmarks are of the old one
        got = dump_graph(driver, "neo4j")
        assert_same(got, want)
        # and the graph takes ingests as usual afterwards: the same articles again change nothing
        for facts in facts_list[:5]:
            assert load_facts(driver, facts, "neo4j", ingested=INGESTED).status == "unchanged"
        assert dump_graph(driver, "neo4j") == got
        with pytest.raises(BulkRefused, match="is not empty"):
            bulk_load_facts(facts_list[:2], driver, local, "neo4j", ingested=INGESTED)


def test_the_command_refuses_a_database_with_data_in_one_line(db, tmp_path):
    load_facts(db.driver, extract_seed_facts()[0], db.database, ingested=INGESTED)
    result = CliRunner().invoke(
        cli,
        ["ingest", "--bulk", str(SEEDS)],
        env={"NEO4J_URI": db.uri, "NEO4J_USER": db.user, "NEO4J_PASSWORD": db.password, "NEO4J_DATABASE": db.database},
    )
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "is not empty (1 articles" in result.output, result.output
    assert "Traceback" not in result.output


def test_csv_only_writes_the_files_and_the_docker_commands(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", "--bulk", "--csv-only", str(tmp_path), str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert "new 5" in result.output and "docker compose --profile bulk run --rm neo4j-import" in result.output
    args = (tmp_path / "import.args").read_text(encoding="utf-8").splitlines()
    assert args[:4] == ["database", "import", "full", "neo4j"]
    assert "--nodes=/import/articles.csv" in args and "--relationships=/import/states.csv" in args
    header = (tmp_path / "states.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith(":START_ID,:END_ID,:TYPE,fact_id:string,sentence:string,start:long")
