"""What several test modules share: the project's paths, the shared gold set when present, the seed graph."""

from __future__ import annotations

import contextlib
import functools
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from coopgraph.graph.server import LocalServer, find_free_port

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = ROOT / "tests" / "data"
# The shared gold set sits beside the project on a developer's machine and in CI; the project's own tests
# must pass without it, so the tests that score it skip with this reason when it is absent.
# COOPGRAPH_SHARED_EVAL points elsewhere when it is not (a developer's worktree away from the checkout).
SHARED_EVAL = Path(os.environ.get("COOPGRAPH_SHARED_EVAL") or ROOT.parent / "shared" / "eval")
DEV = SHARED_EVAL / "dev"
KGEVAL = SHARED_EVAL / "kgeval.py"
needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason=f"the shared gold set {DEV} is not beside the project")
# Undated articles get this date as first_seen: before every dated seed, so "new since 2025" is well defined.
INGESTED = "2020-01-01"


def dev_files(pattern: str = "*.json") -> list[Path]:
    """The shared dev gold files, or none when the folder is absent (their tests are skipped then)."""
    return sorted(DEV.glob(pattern)) if DEV.is_dir() else []


def seed_paths() -> list[Path]:
    """The project's own articles: the five seeds and the test articles in tests/data/articles."""
    return sorted(SEEDS.glob("*.txt")) + sorted((DATA / "articles").glob("*.txt"))


@functools.lru_cache(maxsize=1)
def extract_seed_facts() -> tuple:
    """Extraction is the slow part: done once per test session."""
    from coopgraph.ingest.pipeline import extract_article
    from coopgraph.ingest.read import read_path

    return tuple(extract_article(article) for path in seed_paths() for article in read_path(path))


def build_seed_graph(driver, database: str = "neo4j") -> None:
    """Wipe the database, apply the schema, load the gazetteer structure and every seed article."""
    from coopgraph.graph.load import load_facts
    from coopgraph.graph.schema import apply_schema, wipe_data
    from coopgraph.pipeline import load_reference_data

    wipe_data(driver, database)
    apply_schema(driver, database)
    load_reference_data(driver, database)
    for facts in extract_seed_facts():
        load_facts(driver, facts, database, ingested=INGESTED)
    driver.execute_query("CALL db.awaitIndexes(120)", database_=database)


def seed_texts() -> dict[str, str]:
    """Article title or source → body text, to check that quoted evidence really is in the article."""
    return {(f.article.title or f.article.source): f.article.text for f in extract_seed_facts()} | {
        f.article.source: f.article.text for f in extract_seed_facts()
    }


def big_article(tmp_path, kb: int = 1500):
    """One text long enough to overrun a budget of a few seconds (about 40 s of extraction)."""
    line = "Делегация Курганской области посетила Петропавловск {n} мая и подписала {n} соглашений.\n"
    count = kb * 1024 // len(line.encode())  # distinct lines: the reader keeps at most two repeats in a row
    path = tmp_path / "huge.txt"
    path.write_text("Большая статья\n" + "".join(line.format(n=n) for n in range(count)), encoding="utf-8")
    return path


@contextlib.contextmanager
def own_server(neo4j_lib: Path, home: Path, name: str) -> Iterator[LocalServer]:
    """A small Neo4j of a test module's own, for commands that stop and start the server (bulk, backup)."""
    server = LocalServer(
        home=home,
        bolt_port=find_free_port(),
        http_port=find_free_port(),
        password=f"{name}-{secrets.token_hex(8)}",
        lib_source=neo4j_lib,
        heap="512m",
        pagecache="128m",
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()
