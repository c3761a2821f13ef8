"""Extraction on a Dask cluster (a LocalCluster of two workers): the local path's graph, the time budget held there."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from support import SEEDS

from coopgraph.cli import cli
from coopgraph.graph.load import dump_graph
from coopgraph.graph.schema import wipe_data


@pytest.fixture(scope="module")
def scheduler():
    import dask
    from distributed import LocalCluster

    # workers that may start a child process: the time budget kills an article's child when it overruns
    with dask.config.set({"distributed.worker.daemon": False}):
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
            yield cluster.scheduler_address


def invoke(db, *args: str):
    env = {"NEO4J_URI": db.uri, "NEO4J_USER": db.user, "NEO4J_PASSWORD": db.password, "NEO4J_DATABASE": db.database}
    return CliRunner().invoke(cli, list(args), env=env)


def fresh_graph(db, *args: str):
    wipe_data(db.driver, db.database)
    assert invoke(db, "db", "init").exit_code == 0
    result = invoke(db, "ingest", *args)
    assert result.exit_code == 0, result.output
    assert "new 5, unchanged 0, replaced 0, failed 0" in result.output, result.output
    return dump_graph(db.driver, db.database)


def test_the_cluster_gives_the_local_graph_and_extracted_facts_load_alike(db, scheduler, tmp_path):
    local = fresh_graph(db, str(SEEDS))
    assert fresh_graph(db, "--scheduler", scheduler, str(SEEDS)) == local
    # extraction on the cluster into shards, loading apart: `extract --output-dir`, then `ingest --facts`
    result = CliRunner().invoke(cli, ["extract", "--scheduler", scheduler, "--output-dir", str(tmp_path), str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["facts-00000.jsonl"]
    assert fresh_graph(db, "--facts", str(tmp_path)) == local


def test_the_time_budget_holds_on_the_cluster(db, scheduler):
    wipe_data(db.driver, db.database)
    result = invoke(db, "ingest", "--scheduler", scheduler, "--article-timeout", "0.001", str(SEEDS))
    assert result.exit_code == 1
    assert "took longer than 0.001 s: skipped" in result.stderr and "new 0" in result.output
    records, _, _ = db.driver.execute_query("MATCH (a:Article) RETURN count(a) AS n", database_=db.database)
    assert records[0]["n"] == 0  # an article over its budget contributes nothing


def test_a_bad_line_of_extracted_facts_is_one_error_naming_it(db, tmp_path):
    good = tmp_path / "facts.jsonl"
    result = CliRunner().invoke(cli, ["extract", "--output-dir", str(tmp_path / "x"), str(SEEDS)])
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "x" / "facts-00000.jsonl").read_text(encoding="utf-8").splitlines()
    good.write_text("\n".join([lines[0], '{"source": "broken"}', lines[1]]) + "\n", encoding="utf-8")
    wipe_data(db.driver, db.database)
    result = invoke(db, "ingest", "--facts", str(good))
    assert result.exit_code == 1
    assert "new 2" in result.output
    assert f"{good}: line 2: not extracted facts" in result.stderr or f"{good}:2: not extracted facts" in result.stderr


def test_a_daemonic_worker_is_refused_with_what_to_set(db, tmp_path):
    """Dask's default workers cannot start the child process the time budget needs: one clear line."""
    import dask
    from distributed import LocalCluster

    with (
        dask.config.set({"distributed.worker.daemon": True}),  # Dask's default
        LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
    ):
        result = CliRunner().invoke(
            cli, ["extract", "--scheduler", cluster.scheduler_address, "--output-dir", str(tmp_path), str(SEEDS)]
        )
    assert result.exit_code == 1
    assert "DASK_DISTRIBUTED__WORKER__DAEMON=False" in result.output and "Traceback" not in result.output
