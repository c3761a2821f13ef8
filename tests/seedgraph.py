"""The graph the query and report tests run on: the seeds and the dev articles, through the real pipeline."""
from __future__ import annotations

import functools
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_DIR = ROOT.parent / "shared" / "eval" / "dev"
# Undated articles get this date as first_seen: before every dated seed, so "new since 2025" is well defined.
INGESTED = "2020-01-01"


def seed_paths() -> list[Path]:
    """The five seeds (the project's copies) and the dev articles that are not seeds (dev-1xx)."""
    return sorted((ROOT / "seeds").glob("*.txt")) + sorted(DEV_DIR.glob("dev-1*.json"))


@functools.lru_cache(maxsize=1)
def extract_seed_facts() -> tuple:
    """Extraction is the slow part (~30 s): done once per test session, loaded per test module."""
    from coopgraph.ingest.pipeline import extract_article
    from coopgraph.ingest.read import read_path

    return tuple(extract_article(article) for path in seed_paths() for article in read_path(path))


def build_seed_graph(driver, database: str = "neo4j") -> None:
    """Wipe the database, apply the schema, load the gazetteer structure and every seed article."""
    from coopgraph.graph.derived import refresh_derived
    from coopgraph.graph.load import load_facts, load_gazetteer_structure
    from coopgraph.graph.schema import apply_schema, wipe_data

    wipe_data(driver, database)
    apply_schema(driver, database)
    load_gazetteer_structure(driver, database)
    for facts in extract_seed_facts():
        load_facts(driver, facts, database, ingested=INGESTED)
    refresh_derived(driver, database)  # what an ingest does after its loads: cooperation_network reads it
    driver.execute_query("CALL db.awaitIndexes(120)", database_=database)


def seed_texts() -> dict[str, str]:
    """Article title or source → body text, to check that quoted evidence really is in the article."""
    return {(f.article.title or f.article.source): f.article.text for f in extract_seed_facts()} | {
        f.article.source: f.article.text for f in extract_seed_facts()}
