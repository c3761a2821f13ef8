"""Faults on the real server: Neo4j down, a deadlock, kill -9 mid-ingest, two ingests at once, a load race."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import extract_seed_facts, seed_paths
from test_ingest_cli import SEEDS, summary_counts
from test_load import INGESTED, article_a

import coopgraph.graph.load as load_mod
from coopgraph.cli import cli
from coopgraph.graph.connection import open_driver
from coopgraph.graph.load import (
    adapt_facts,
    dump_graph,
    find_provenance_violations,
    load_facts,
    load_rows,
    write_article,
)
from coopgraph.graph.schema import wipe_data
from coopgraph.graph.server import LocalServer, find_free_port, wait_for_exit
from coopgraph.graph.settings import Neo4jSettings

MAIN = "from coopgraph.cli import main; main()"


def cli_env(settings: Neo4jSettings) -> dict[str, str]:
    return {
        **os.environ,
        "NEO4J_URI": settings.uri,
        "NEO4J_USER": settings.user,
        "NEO4J_PASSWORD": settings.password or "",
        "NEO4J_DATABASE": settings.database,
    }


def start_cli(settings: Neo4jSettings, *args: str, cwd: Path) -> subprocess.Popen:
    """`coopgraph ARGS` in its own process, as a user runs it (no .env: cwd is a temporary folder)."""
    return subprocess.Popen(
        [sys.executable, "-c", MAIN, *args],
        env=cli_env(settings),
        cwd=cwd,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )


def invoke(settings: Neo4jSettings, *args: str):
    return CliRunner().invoke(cli, list(args), env=cli_env(settings), catch_exceptions=False)


def reset(settings: Neo4jSettings, driver) -> None:
    """An empty database after `coopgraph db init`."""
    wipe_data(driver, settings.database)
    result = invoke(settings, "db", "init")
    assert result.exit_code == 0, result.output


def wait_until_blocked(driver, database: str, timeout: float = 30.0) -> None:
    """Return once some transaction waits for a lock (so the next step really races with it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        records, _, _ = driver.execute_query(
            "SHOW TRANSACTIONS YIELD status WHERE status STARTS WITH 'Blocked' RETURN count(*) AS n", database_=database
        )
        if records[0]["n"]:
            return
        time.sleep(0.05)
    raise AssertionError("no transaction ever waited for a lock")


# ---------------------------------------------------------------- Neo4j not running


def test_neo4j_down_is_a_one_line_error_within_10_s(tmp_path):
    nowhere = Neo4jSettings(uri=f"bolt://127.0.0.1:{find_free_port()}", password="not-running-pw")
    began = time.monotonic()
    process = start_cli(nowhere, "ingest", str(SEEDS), cwd=tmp_path)
    out, err = process.communicate(timeout=60)
    assert time.monotonic() - began < 10
    assert process.returncode == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"Error: cannot reach Neo4j at {nowhere.uri}"), err
    for args in (["cypher", "RETURN 1"], ["query", "run", "most_active_regions", "--example"], ["db", "status"]):
        began = time.monotonic()
        result = CliRunner().invoke(cli, args, env=cli_env(nowhere))
        assert time.monotonic() - began < 10
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
        assert result.output.count("\n") == 1 and "cannot reach Neo4j" in result.output


# ---------------------------------------------------------------- transient errors


def test_a_deadlock_is_retried_by_the_transaction_function(db, monkeypatch):
    driver, database = db.driver, db.database
    driver.execute_query("CREATE (:Probe {k: 1}), (:Probe {k: 2})", database_=database)
    attempts: list[int] = []
    holds_probe_1 = threading.Event()

    def first_attempt_deadlocks(tx, rows, **kwargs):
        attempts.append(len(attempts) + 1)
        if len(attempts) == 1:
            tx.run("MATCH (p:Probe {k: 1}) SET p.by = 'loader'").consume()
            holds_probe_1.set()
            wait_until_blocked(driver, database)  # the other transaction waits for probe 1 ...
            tx.run("MATCH (p:Probe {k: 2}) SET p.by = 'loader'").consume()  # ... and this one for probe 2
        return write_article(tx, rows, **kwargs)

    monkeypatch.setattr(load_mod, "write_article", first_attempt_deadlocks)
    failures: list[BaseException] = []
    with driver.session(database=database) as session:
        # Begun first, so it is the older transaction: the server aborts the younger one, the loader's.
        other = session.begin_transaction()
        other.run("MATCH (p:Probe {k: 2}) SET p.by = 'other'").consume()

        def finish_other() -> None:
            try:
                holds_probe_1.wait(30)
                other.run("MATCH (p:Probe {k: 1}) SET p.by = 'other'").consume()
                other.commit()
            except BaseException as exc:  # noqa: BLE001 - reported by the main thread
                failures.append(exc)

        thread = threading.Thread(target=finish_other)
        thread.start()
        result = load_rows(driver, adapt_facts(article_a()), database, ingested=INGESTED)
        thread.join(60)
    assert failures == [] and attempts == [1, 2]
    assert result.status == "new" and result.created["HOLDS_POSITION"] == 1
    records, _, _ = driver.execute_query("MATCH (p:Probe) RETURN p.k AS k, p.by AS by ORDER BY k", database_=database)
    assert [r["by"] for r in records] == ["other", "other"]  # the aborted attempt left nothing behind
    clean = dump_graph(driver, database)
    wipe_data(driver, database)
    driver.execute_query("CREATE (:Probe {k: 1, by: 'other'}), (:Probe {k: 2, by: 'other'})", database_=database)
    monkeypatch.undo()
    load_rows(driver, adapt_facts(article_a()), database, ingested=INGESTED)
    assert dump_graph(driver, database) == clean


def test_one_text_loaded_from_two_sources_at_once_keeps_both_sources(db):
    driver, database = db.driver, db.database
    first = adapt_facts(article_a())
    second = adapt_facts(article_a().model_copy(update={"source": "mirror/a.txt"}))
    outcome: dict = {}
    with driver.session(database=database) as session:
        tx = session.begin_transaction()
        write_article(tx, first, batch_size=1000, ingested=INGESTED, force=False)
        thread = threading.Thread(
            target=lambda: outcome.update(result=load_rows(driver, second, database, ingested=INGESTED))
        )
        thread.start()
        wait_until_blocked(driver, database)  # the second load saw no Article and now waits to MERGE one
        tx.commit()
        thread.join(60)
    # it found no Article, waited on the first one's, and ran again: now the same text from another source
    assert outcome["result"].status == "unchanged"
    records, _, _ = driver.execute_query("MATCH (a:Article) RETURN a.sources AS sources", database_=database)
    assert [r["sources"] for r in records] == [["a.txt", "mirror/a.txt"]]
    assert find_provenance_violations(driver, database) == []  # its reports were not written twice


# ---------------------------------------------------------------- kill -9 and concurrent ingests


@pytest.fixture(scope="module")
def corpus() -> list[Path]:
    """The seeds and the dev articles that are not seeds (their gold .json files): 12 distinct texts."""
    return seed_paths()


@pytest.fixture(scope="module")
def reference(neo4j_driver, neo4j_settings) -> tuple[list[str], list[str]]:
    """The dump after one clean, sequential load of the corpus in its order, as `coopgraph ingest` loads it.

    The facts come from the session's cached extraction of the same files (seedgraph), which the query
    and report tests need too: the 12 articles are extracted once per session, not once more here.
    """
    reset(neo4j_settings, neo4j_driver)
    today = date.today().isoformat()  # what a `coopgraph ingest` run today stamps on undated articles
    for facts in extract_seed_facts():
        assert load_facts(neo4j_driver, facts, neo4j_settings.database, ingested=today).status == "new"
    return dump_graph(neo4j_driver, neo4j_settings.database)


def differences(actual: tuple[list[str], list[str]], expected: tuple[list[str], list[str]]) -> list[str]:
    """The dump lines only one side has, marked - (expected) and + (actual): empty when the graphs are equal."""
    out = []
    for got, want in zip(actual, expected):
        out += [f"- {line}" for line in sorted(set(want) - set(got))]
        out += [f"+ {line}" for line in sorted(set(got) - set(want))]
        if len(got) != len(want) and not out:
            out.append(f"same lines, {len(got)} against {len(want)}: a duplicate")
    return out


def count_articles(driver, database: str) -> int:
    try:
        records, _, _ = driver.execute_query("MATCH (a:Article) RETURN count(a) AS n", database_=database)
    except Exception:  # noqa: BLE001 - the server is being killed: no answer counts as none
        return -1
    return records[0]["n"]


@pytest.mark.slow
def test_kill_9_mid_ingest_fails_cleanly_and_a_rerun_gives_the_clean_graph(neo4j_lib, tmp_path, corpus, reference):
    password = f"kill-{secrets.token_hex(8)}"
    server = LocalServer(
        home=tmp_path / "neo4j",
        bolt_port=find_free_port(),
        http_port=find_free_port(),
        password=password,
        lib_source=neo4j_lib,
        heap="1g",
        pagecache="256m",
    )
    settings = Neo4jSettings(uri=server.bolt_uri, password=password)
    server.start()
    try:
        assert invoke(settings, "db", "init").exit_code == 0
        outputs = []
        with open_driver(settings) as driver:
            # One article per commit, as the test expects: when the second article is visible, the first
            # one's commit was acknowledged, so the killed run must report it (new >= 1).
            ingest = start_cli(settings, "ingest", "--batch-articles", "1", *map(str, corpus), cwd=tmp_path)
            deadline = time.monotonic() + 300
            while count_articles(driver, settings.database) < 2 and ingest.poll() is None:
                assert time.monotonic() < deadline, "the ingest loaded nothing in 5 minutes"
                time.sleep(0.2)
            pid = server.find_pid()
            os.kill(pid, signal.SIGKILL)
            assert wait_for_exit(pid, 30)
        out, err = ingest.communicate(timeout=180)
        outputs += [out, err]
        assert ingest.returncode == 1, out + err
        assert "Traceback" not in err and err.count("\n") == 1, err
        assert err.startswith(f"Error: lost the connection to Neo4j at {settings.uri}")
        # Killed mid-run: some articles loaded, the rest not (the one in flight may have committed unacknowledged).
        assert summary_counts(out)["new"] >= 1 and "not loaded" in out

        server.start()  # recovery: the transaction the kill cut short is gone
        rerun = start_cli(settings, "ingest", *map(str, corpus), cwd=tmp_path)
        out, err = rerun.communicate(timeout=600)
        outputs += [out, err]
        assert rerun.returncode == 0, out + err
        with open_driver(settings) as driver:
            diff = differences(dump_graph(driver, settings.database), reference)
        assert not diff, "\n".join(diff)
    finally:
        server.stop()
    logs = [
        p.read_text(encoding="utf-8", errors="replace") for p in (tmp_path / "neo4j" / "logs").rglob("*") if p.is_file()
    ]
    assert not any(password in text for text in outputs + logs)  # never printed, never logged


@pytest.mark.slow
def test_two_ingests_at_once_over_overlapping_inputs_give_the_sequential_graph(
    corpus, reference, neo4j_driver, neo4j_settings, tmp_path
):
    reset(neo4j_settings, neo4j_driver)
    # Both processes race through the same first 8 articles. One list is a prefix of the other, so
    # every article is first committed in corpus order, whichever process wins it: the result must be
    # exactly the sequential run. (Loading in another order names a node after its first article:
    # see docs/RELIABILITY.md.)
    processes = [start_cli(neo4j_settings, "ingest", *map(str, paths), cwd=tmp_path) for paths in (corpus, corpus[:8])]
    results = [p.communicate(timeout=600) for p in processes]
    for process, (out, err) in zip(processes, results):
        assert process.returncode == 0, out + err
    statuses = [summary_counts(out) for out, _ in results]
    assert sum(s["new"] for s in statuses) >= len(corpus)  # every article was new to one of them at least
    diff = differences(dump_graph(neo4j_driver, neo4j_settings.database), reference)
    assert not diff, "\n".join(diff)
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (n) WITH labels(n) AS labels, coalesce(n.key, n.id) AS key, count(*) AS n WHERE n > 1 "
        "RETURN labels, key, n",
        database_=neo4j_settings.database,
    )
    assert [r.data() for r in records] == []
