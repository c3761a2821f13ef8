"""`db backup` / `db restore`: a dump-equal graph after a reset, a refusal to overwrite, and a consistent
backup taken while an ingest writes."""

from __future__ import annotations

import contextlib
import threading
import time

import pytest
from click.testing import CliRunner
from support import INGESTED, build_seed_graph, extract_seed_facts, own_server

from bench.corpus import article_facts
from coopgraph.cli import cli
from coopgraph.extraction import Extracted
from coopgraph.graph.connection import open_driver
from coopgraph.graph.load import dump_graph
from coopgraph.graph.schema import apply_schema, wipe_data
from coopgraph.graph.server import LocalServer
from coopgraph.graph.settings import Neo4jSettings
from coopgraph.pipeline import IngestOptions, IngestPipeline, load_reference_data


@pytest.fixture(scope="module")
def local(neo4j_lib, tmp_path_factory):
    """A server of this module's own: backup and restore stop and start it."""
    with own_server(neo4j_lib, tmp_path_factory.mktemp("backup") / "neo4j", "backup") as server:
        yield server


def settings_of(server: LocalServer) -> Neo4jSettings:
    return Neo4jSettings(uri=server.bolt_uri, password=server.password)


def run(server: LocalServer, *args: str, input: str | None = None):
    env = {
        "NEO4J_URI": server.bolt_uri,
        "NEO4J_PASSWORD": server.password,
        "NEO4J_BOLT_PORT": str(server.bolt_port),
        "NEO4J_HTTP_PORT": str(server.http_port),
    }
    return CliRunner().invoke(cli, [*args, "--home", str(server.home)], env=env, input=input)


def dump(server: LocalServer) -> tuple[list[str], list[str]]:
    # a driver per look: after a restore the store is new, and an old driver's bookmarks name
    # transactions it never had
    with open_driver(settings_of(server)) as driver:
        return dump_graph(driver, "neo4j")


def test_backup_reset_restore_gives_the_same_graph(local, tmp_path, monkeypatch):
    with open_driver(settings_of(local)) as driver:
        build_seed_graph(driver, "neo4j")
    want = dump(local)
    assert len(want[0]) > 100 and len(want[1]) > 100

    file = tmp_path / "backups" / "seeds.dump"
    result = run(local, "db", "backup", str(file))
    assert result.exit_code == 0, result.output
    assert f"into {file}" in result.output and file.stat().st_size > 0
    assert local.is_running()

    # into a database that holds data: refused, one line, nothing touched
    result = run(local, "db", "restore", str(file))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: database neo4j is not empty ({len(want[0])} nodes): restoring would replace them; "
        "back it up first (coopgraph db backup FILE) or pass --force"
    ]

    # in a terminal, reset first offers a backup (here declined: there is one)
    monkeypatch.setattr("coopgraph.commands.db.is_interactive", lambda: True)
    result = run(local, "db", "reset", "--yes", input="n\n")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Back the database up before deleting it? [Y/n]: n\nDeleted ")
    assert dump(local) == ([], [])

    result = run(local, "db", "restore", str(file))
    assert result.exit_code == 0, result.output
    assert f"{len(want[0])} nodes, {len(want[1])} relationships" in result.output
    assert dump(local) == want


def test_a_file_that_is_no_dump_is_refused_before_the_server_stops(local, tmp_path):
    bad = tmp_path / "not-a.dump"
    bad.write_text("hello", encoding="utf-8")
    pid = local.find_pid()
    result = run(local, "db", "restore", str(bad), "--force")
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {bad} is not a Neo4j database dump (neo4j-admin cannot read its header)"
    assert local.find_pid() == pid


def articles() -> list:
    """The seeds and enough synthetic articles that an ingest of one article per transaction is still
    writing when the backup stops the server."""
    synthetic = [f for f in (article_facts(11, i, extract_real=False) for i in range(150)) if f is not None]
    return list(extract_seed_facts()) + synthetic


def ingest(server: LocalServer, facts_list: list, report: dict | None = None, batch: int = 10) -> None:
    by_key = {(f.article.id, f.article.source): f for f in facts_list}
    with open_driver(settings_of(server)) as driver:
        pipeline = IngestPipeline(
            driver,
            "neo4j",
            IngestOptions(batch_articles=batch, ingested=INGESTED),
            extract=lambda todo: (Extracted(a, facts=by_key[(a.id, a.source)]) for a in todo),
        )
        pipeline.report.articles = len(facts_list)
        done = pipeline.ingest([f.article for f in facts_list])
    if report is not None:
        report["statuses"] = dict(done.statuses)


def ingest_losing_the_server(server: LocalServer, facts_list: list) -> None:
    with contextlib.suppress(Exception):  # the server goes away under it: it reports or raises
        ingest(server, facts_list, batch=1)


def fresh(server: LocalServer) -> None:
    with open_driver(settings_of(server)) as driver:
        wipe_data(driver, "neo4j")
        apply_schema(driver, "neo4j")
        load_reference_data(driver, "neo4j")


def count_articles(server: LocalServer) -> int:
    with open_driver(settings_of(server)) as driver:
        records, _, _ = driver.execute_query("MATCH (a:Article) RETURN count(a) AS n", database_="neo4j")
    return int(records[0]["n"])


def test_a_backup_taken_during_an_ingest_holds_whole_articles(local, tmp_path):
    facts_list = articles()
    fresh(local)
    ingest(local, facts_list)
    want = dump(local)  # the graph of an uninterrupted ingest

    fresh(local)
    writer = threading.Thread(target=ingest_losing_the_server, args=(local, facts_list), daemon=True)
    writer.start()
    deadline = time.monotonic() + 120
    while count_articles(local) < 20 and time.monotonic() < deadline:
        time.sleep(0.2)
    file = tmp_path / "during.dump"
    result = run(local, "db", "backup", str(file))
    assert result.exit_code == 0, result.output
    writer.join(timeout=300)
    assert not writer.is_alive()

    result = run(local, "db", "restore", str(file), "--force")  # over the interrupted ingest's graph
    assert result.exit_code == 0, result.output
    loaded = count_articles(local)
    assert 20 <= loaded < len(facts_list), "the backup was taken while the ingest wrote"
    restored = dump(local)
    # whole articles only: ingesting everything again loads just the missing ones, and gives the
    # graph of the uninterrupted ingest (a half-written article would be skipped as known, or differ)
    report: dict = {}
    ingest(local, facts_list, report)
    assert report["statuses"].get("unchanged", 0) == loaded
    assert dump(local) == want
    # and the restored graph is the graph of the articles written before the backup, as one ingest of them
    # (one article per transaction, in input order) gives it
    fresh(local)
    ingest(local, facts_list[:loaded])
    assert dump(local) == restored
