"""Extraction past one machine: articles mapped over a Dask cluster in input order; facts as JSON Lines shards."""

from __future__ import annotations

# Extraction is a pure function of the article, so a cluster only has to map it: each Dask task
# extracts a few articles with `coopgraph.extraction.extract_articles` in the worker, which keeps
# the per-article time budget there the same way it does here (a child process killed when an
# article overruns). Loading stays next to Neo4j: one writer, fed in input order.
import json
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import IO, Any

from coopgraph.exceptions import ArticleError, CoopgraphError
from coopgraph.extraction import Extracted, extract_articles
from coopgraph.ingest.records import Article, ArticleFacts

CHUNK = 8  # articles per task: enough to amortise a task's overhead, few enough to spread a small run
TASKS_PER_THREAD = 4  # tasks in flight per worker thread: the cluster stays busy, memory stays bounded
SHARD_SIZE = 1000  # articles per JSON Lines shard written by `coopgraph extract --output-dir`


class ClusterError(CoopgraphError):
    """The Dask scheduler cannot be reached or used."""


DAEMONIC = (
    "the Dask workers are daemonic processes, which cannot start the child process that keeps an "
    "article's time budget: start them with DASK_DISTRIBUTED__WORKER__DAEMON=False"
)


def extract_chunk(articles: list[Article], timeout: float | None) -> list[Extracted]:
    """A Dask task: extract a few articles in the worker, each within the time budget (in a child process
    of the worker, killed when an article overruns, as the local pool does)."""
    import multiprocessing

    if timeout is not None and multiprocessing.current_process().daemon:
        raise ClusterError(DAEMONIC)
    return list(extract_articles(articles, 1, timeout))


def connect(scheduler: str) -> Any:
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - the [cluster] extra is not installed
        raise ClusterError("--scheduler needs Dask: pip install 'coopgraph[cluster]'") from None
    try:
        return Client(scheduler, timeout=30, set_as_default=False)  # type: ignore[no-untyped-call]
    except OSError as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None


def extract_on_cluster(articles: Iterable[Article], scheduler: str, timeout: float | None) -> Iterator[Extracted]:
    """Extract `articles` on the cluster at `scheduler` (tcp://HOST:8786); results in input order."""
    client = connect(scheduler)
    try:
        threads = max(1, sum(client.nthreads().values()))
        window: deque[Future[list[Extracted]]] = deque()
        chunk: list[Article] = []
        for article in articles:
            chunk.append(article)
            if len(chunk) == CHUNK:
                window.append(client.submit(extract_chunk, chunk, timeout, pure=False))
                chunk = []
                while len(window) >= threads * TASKS_PER_THREAD:
                    yield from window.popleft().result()
        if chunk:
            window.append(client.submit(extract_chunk, chunk, timeout, pure=False))
        while window:
            yield from window.popleft().result()
    except ClusterError as exc:  # raised in a worker, sent back: one line, as any library error
        raise ClusterError(str(exc)) from None
    finally:
        client.close()


# ---------------------------------------------------------------- extracted facts as files


def write_shards(items: Iterable[Extracted], directory: Path, shard_size: int = SHARD_SIZE) -> Iterator[Extracted]:
    """Write every extracted article's facts (with its text: what loading needs) to facts-NNNNN.jsonl
    shards in `directory`; yields every item, written or failed, so the caller reports failures."""
    directory.mkdir(parents=True, exist_ok=True)
    out: IO[str] | None = None
    written = 0
    try:
        for item in items:
            if item.facts is not None:
                if out is None or written % shard_size == 0:
                    if out is not None:
                        out.close()
                    out = open(directory / f"facts-{written // shard_size:05d}.jsonl", "w", encoding="utf-8")
                out.write(item.facts.model_dump_json() + "\n")
                written += 1
            yield item
    finally:
        if out is not None:
            out.close()


def read_facts(paths: Iterable[str], errors: list[ArticleError]) -> list[ArticleFacts]:
    """Extracted facts from JSON Lines files or folders of them (`coopgraph extract --output-dir`); a bad
    line is one error naming the file and line, and the others are still read."""
    from pydantic import ValidationError

    facts: list[ArticleFacts] = []
    for spec in paths:
        path = Path(spec)
        files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
        if path.is_dir() and not files:
            errors.append(ArticleError(path, "no .jsonl files of extracted facts"))
        for file in files:
            try:
                lines = file.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                errors.append(ArticleError(file, f"cannot read: {exc}"))
                continue
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    facts.append(ArticleFacts.model_validate_json(line))
                except (ValidationError, json.JSONDecodeError) as exc:
                    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                    errors.append(ArticleError(file, f"not extracted facts: {first}", line=number))
    return facts
