"""Extraction of many articles: worker processes, input order kept, and a time budget per article."""

from __future__ import annotations

# Why processes, and why always: an article is extracted by pure Python plus small numpy matrices,
# so threads would share one core through the GIL; and Python's `re` never returns to the interpreter
# while it backtracks, so a runaway pattern cannot be interrupted in-process (no signal, no flag).
# A worker that overruns the budget is killed and replaced by pebble's pool, and the article is
# reported like any other bad input. With fork, workers share the parent's loaded models.
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

from coopgraph.ingest.records import Article, ArticleFacts

DEFAULT_ARTICLE_TIMEOUT = 30.0  # seconds; every real article here takes under 2 s
WINDOW_PER_WORKER = 8  # articles in flight per worker: keeps workers busy without holding the corpus


@dataclass
class Extracted:
    """One article's outcome: its facts, or why extraction failed (one bad article never stops the rest)."""

    article: Article
    facts: ArticleFacts | None = None
    error: str | None = None


def extract_one(article: Article) -> Extracted:
    """Extract one article in this process; failures become an `Extracted` with its reason."""
    from coopgraph.ingest.pipeline import extract_article
    from coopgraph.ingest.read import check_language

    try:
        reason = check_language(article)
        if reason is not None:
            return Extracted(article, error=reason)
        return Extracted(article, facts=extract_article(article))
    except Exception as exc:  # noqa: BLE001 - reported per article; the batch goes on
        return Extracted(article, error=f"extraction failed: {type(exc).__name__}: {exc}")


WARM_UP_TEXT = "Губернатор Курганской области посетил Петропавловск. Стороны подписали соглашение."


def _warm_up() -> None:
    """Load natasha, pymorphy and the gazetteer (all lazy) by extracting one short text, so that a
    worker's first article is not charged a second of loading against its budget."""
    from coopgraph.ingest.read import read_text

    extract_one(read_text(WARM_UP_TEXT, "<warm-up>"))


def _context() -> multiprocessing.context.BaseContext:
    # fork starts a worker in milliseconds and shares the parent's loaded models copy-on-write;
    # elsewhere (macOS, Windows) spawn is the safe default.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and os.name == "posix" else "spawn")


def over_budget(timeout: float) -> str:
    return f"took longer than {timeout:g} s: skipped"


def extract_articles(
    articles: Iterable[Article], workers: int = 1, timeout: float | None = DEFAULT_ARTICLE_TIMEOUT
) -> Iterator[Extracted]:
    """Extract `articles` in `workers` processes, each within `timeout` seconds; results in input order.

    An article over budget comes back with the error "took longer than N s: skipped" and its worker
    is replaced. `timeout=None` (tests and benchmarks that measure extraction alone) extracts in this
    process with no budget.
    """
    if timeout is None:
        _warm_up()
        for article in articles:
            yield extract_one(article)
        return
    from pebble import ProcessPool

    _warm_up()  # once, before the fork: every worker (and every replacement) inherits the models
    pool = ProcessPool(max_workers=max(1, workers), context=_context())
    try:
        window: deque[tuple[Article, Future[tuple[Extracted, float]]]] = deque()
        limit = max(1, workers) * WINDOW_PER_WORKER
        for article in articles:
            window.append((article, pool.schedule(_timed, args=(article,), timeout=timeout)))
            if len(window) >= limit:
                yield _result(*window.popleft(), timeout)
        while window:
            yield _result(*window.popleft(), timeout)
    finally:
        pool.stop()  # type: ignore[no-untyped-call]
        pool.join()


def _timed(article: Article) -> tuple[Extracted, float]:
    """The extraction and the seconds it took, measured in the worker."""
    t0 = time.perf_counter()
    out = extract_one(article)
    return out, time.perf_counter() - t0


def _result(article: Article, future: Future[tuple[Extracted, float]], timeout: float) -> Extracted:
    try:
        extracted, seconds = future.result()
    except FutureTimeout:
        return Extracted(article, error=over_budget(timeout))
    except Exception as exc:  # noqa: BLE001 - a worker that died (killed, out of memory) fails one article
        return Extracted(article, error=f"extraction failed: {type(exc).__name__}: {exc}")
    # the pool checks budgets between polls, so an article can finish over its budget unkilled: the budget
    # is what the article took, whichever comes first
    return Extracted(article, error=over_budget(timeout)) if seconds > timeout else extracted
