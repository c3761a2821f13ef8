"""Parallel extraction for ingest: worker processes run the NLP pipeline, the caller stays the one writer."""
from __future__ import annotations

# Why processes: extraction is pure Python plus small numpy matrices, so threads would share one
# core through the GIL. Each worker loads natasha once (its initializer), articles go out in
# small chunks and come back in input order (`imap`), so the caller can load them into Neo4j
# in one thread exactly as the sequential ingest does: the graph is the same for any N.

import multiprocessing
import os
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

from coopgraph.ingest.records import Article, ArticleFacts

DEFAULT_CHUNKSIZE = 4  # articles per task: amortises pickling without starving a worker at the end


@dataclass
class Extracted:
    """One article's outcome: its facts, or why extraction failed (one bad article never stops the rest)."""

    article: Article
    facts: Optional[ArticleFacts] = None
    error: Optional[str] = None


def _init_worker() -> None:
    from coopgraph.ingest.nlp import load_models

    load_models()


def _extract_one(article: Article) -> Extracted:
    from coopgraph.ingest.pipeline import extract_article
    from coopgraph.ingest.read import check_language

    try:
        reason = check_language(article)
        if reason is not None:
            return Extracted(article, error=reason)
        return Extracted(article, facts=extract_article(article))
    except Exception as exc:  # noqa: BLE001 - reported per article, like the sequential ingest
        return Extracted(article, error=f"extraction failed: {type(exc).__name__}: {exc}")


def _context():
    # fork starts a worker in milliseconds and shares the parent's loaded models copy-on-write;
    # elsewhere (macOS, Windows) spawn is the safe default.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and os.name == "posix" else "spawn")


def extract_parallel(articles: Iterable[Article], workers: int, *,
                     chunksize: int = DEFAULT_CHUNKSIZE) -> Iterator[Extracted]:
    """Extract `articles` in `workers` processes; results come back in input order.

    workers <= 1 extracts in this process (no pool), which is what `--workers 1` should mean.
    """
    if workers <= 1:
        _init_worker()
        for article in articles:
            yield _extract_one(article)
        return
    with _context().Pool(processes=workers, initializer=_init_worker) as pool:
        yield from pool.imap(_extract_one, articles, chunksize=max(1, chunksize))


def extract_paths_parallel(paths: Iterable[str], workers: int, *,
                           chunksize: int = DEFAULT_CHUNKSIZE) -> Iterator[Extracted]:
    """Read files, folders or globs (as `coopgraph ingest` does) and extract them in parallel.

    Unreadable files raise `ingest.read.ArticleError`, as `read_path` does; the caller reports them.
    """
    from coopgraph.ingest.read import iter_sources, read_path

    def articles() -> Iterator[Article]:
        for path in iter_sources(list(paths)):
            yield from read_path(path)

    return extract_parallel(articles(), workers, chunksize=chunksize)


__all__ = ["Extracted", "extract_parallel", "extract_paths_parallel"]
