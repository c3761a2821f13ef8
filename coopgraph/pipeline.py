"""The ingest pipeline as a library: read → extract → load, summaries included; used by the CLI, bench and tests."""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from coopgraph.exceptions import ArticleError, LoadError
from coopgraph.extraction import DEFAULT_ARTICLE_TIMEOUT, Extracted, extract_articles
from coopgraph.ingest.records import Article, ArticleFacts

if TYPE_CHECKING:
    from coopgraph.graph.load import LoadRows

STATUSES = ("new", "unchanged", "replaced", "failed")
Extract = Callable[[list[Article]], Iterable[Extracted]]


@dataclass
class IngestOptions:
    """How a run writes: what `coopgraph ingest`'s options set."""

    dry_run: bool = False  # extract and count what would be written, write nothing
    force: bool = False  # reload unchanged texts (after an extractor change)
    workers: int = 1  # extraction processes; one writer loads in input order
    batch_size: int = 1000  # rows per UNWIND statement
    batch_articles: int | None = None  # new articles per transaction (graph.load's default)
    batch_rows: int | None = None  # ... or fewer, once their rows reach this
    flush_seconds: float = 2.0  # ... or fewer, once the oldest has waited this long for its batch
    article_timeout: float | None = DEFAULT_ARTICLE_TIMEOUT  # seconds per article; None: no budget
    scheduler: str | None = None  # a Dask scheduler (tcp://HOST:8786): extract on its cluster instead
    ingested: str | None = None  # the run's date on new facts (default: today)


@dataclass
class IngestReport:
    """What one run did: per-article outcomes, graph changes and timings."""

    statuses: Counter[str] = field(default_factory=Counter)
    created: Counter[str] = field(default_factory=Counter)  # label / relationship type -> created
    deleted: Counter[str] = field(default_factory=Counter)
    planned_nodes: Counter[str] = field(default_factory=Counter)  # dry run: rows that would be written
    planned_facts: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    skipped: list[str] = field(default_factory=list)  # files in a folder of a type no reader takes
    lost: str | None = None  # why Neo4j could not be used any more, mid-run; the rest was not loaded
    not_loaded: int = 0
    articles: int = 0
    read_seconds: float = 0.0
    extract_seconds: float = 0.0
    load_seconds: float = 0.0
    total_seconds: float = 0.0
    dry_run: bool = False
    # the writer thread records its batches while the main thread records extraction outcomes
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    def fail(self, source: str, reason: str) -> None:
        with self._lock:
            self.statuses["failed"] += 1
            self.failures.append((source, " ".join(str(reason).split())))

    def lose(self, source: str, exc: Exception, more: int = 0) -> None:
        """Neo4j went away while loading `source` (and `more` articles with it): they and the rest are not
        loaded."""
        from coopgraph.graph.connection import find_reason

        with self._lock:
            self.lost = f"{find_reason(exc)} (while loading {source})"
            self.not_loaded += 1 + more

    def record(self, result: Any) -> None:
        """Count one article's load result (graph.load.LoadResult)."""
        with self._lock:
            self.statuses[result.status] += 1
            self.created.update(result.created)
            self.deleted.update(result.deleted)

    def count(self, status: str, n: int = 1) -> None:
        with self._lock:
            self.statuses[status] += n

    def add_load(self, seconds: float, created: Counter[str] | None = None, not_loaded: int = 0) -> None:
        with self._lock:
            self.load_seconds += seconds
            self.created.update(created or Counter())
            self.not_loaded += not_loaded

    @property
    def changed_graph(self) -> bool:
        s = self.statuses
        return bool(s.get("new") or s.get("replaced") or +self.created or +self.deleted)


def read_articles(paths: Iterable[str], report: IngestReport, stdin: TextIO | None = None) -> list[Article]:
    """Articles of every file, folder, glob or `-` (JSON Lines on stdin); unreadable ones go to failures,
    files of a type no reader takes (found in a folder) to `report.skipped`."""
    from coopgraph.ingest.read import iter_sources

    articles: list[Article] = []
    seen: set[Path] = set()
    for spec in paths:
        if spec == "-":
            articles.extend(_read_stdin(stdin or sys.stdin, report))
            continue
        try:
            sources = list(iter_sources([spec], skipped=report.skipped))
        except ArticleError as exc:
            report.fail(exc.source, exc.message)
            continue
        for path in sources:
            if path.resolve() not in seen:
                seen.add(path.resolve())
                articles.extend(_read_file(path, report))
    return articles


def _read_stdin(stream: TextIO, report: IngestReport) -> list[Article]:
    from coopgraph.ingest.read import normalize_text, read_jsonl

    text = normalize_text(stream.read())
    if not text.strip():
        report.fail("<stdin>", "no JSON Lines on standard input")
        return []
    result = read_jsonl(text, "<stdin>")
    for err in result.errors:
        report.fail(f"{err.source}:{err.line}" if err.line else err.source, err.message)
    return result.articles


def _read_file(path: Path, report: IngestReport) -> list[Article]:
    from coopgraph.ingest.read import read_path

    errors: list[ArticleError] = []
    articles: list[Article] = []
    try:
        articles = read_path(path, errors=errors)
    except ArticleError as exc:
        report.fail(exc.source, exc.message)
    except Exception as exc:  # noqa: BLE001 - a reader bug on one file must not stop the batch
        report.fail(str(path), f"cannot read: {type(exc).__name__}: {exc}")
    for err in errors:
        report.fail(f"{err.source}:{err.line}" if err.line else err.source, err.message)
    return articles


def make_extractor(options: IngestOptions) -> Extract:
    """How a run extracts, each article within its time budget: worker processes here (the default), or
    the Dask cluster of `options.scheduler`."""
    if options.scheduler:
        from coopgraph.cluster import extract_on_cluster

        scheduler = options.scheduler
        return lambda todo: extract_on_cluster(todo, scheduler, options.article_timeout)
    return lambda todo: extract_articles(todo, options.workers, options.article_timeout)


def read_extracted(paths: Iterable[str], report: IngestReport) -> tuple[list[Article], Extract]:
    """`ingest --facts`: the articles of extracted-facts files, and their facts as the extraction; a bad
    line is one failure naming the file and line."""
    from coopgraph.cluster import read_facts

    errors: list[ArticleError] = []
    facts = read_facts(paths, errors)
    for err in errors:
        report.fail(f"{err.source}:{err.line}" if err.line else err.source, err.message)
    return known_facts(facts)


def known_facts(facts: Iterable[ArticleFacts]) -> tuple[list[Article], Extract]:
    """Articles whose facts were extracted before (`ingest --facts`), and an "extraction" that hands
    them back: the pipeline loads them as if it had just extracted them."""
    by_key = {(f.article.id, f.article.source): f for f in facts}
    articles = [f.article for f in by_key.values()]
    return articles, lambda todo: (Extracted(a, facts=by_key[(a.id, a.source)]) for a in todo)


def plan_articles(articles: list[Article], states: list[Any], force: bool) -> list[str]:
    """How each article is written: "unchanged" (nothing to do), "batch" (new: extracted, then written
    with other new ones in one transaction), "single" (extracted, then written alone by the per-article
    path: a replacement, --force, a second text at a source seen earlier in this run) or "check" (not
    extracted unless the per-article check asks for it: the same text again, or from another source)."""
    plans = []
    ids: set[str] = set()
    sources: set[str] = set()
    for article, state in zip(articles, states):
        if article.id in ids:
            plan = "check"  # --force reloads a text once per run, however many sources give it
        elif article.source in sources or force or state.kind == "replaced":
            plan = "single"
        elif state.kind == "unchanged":
            plan = "unchanged"
        elif state.kind == "other_source":
            plan = "check"
        else:
            plan = "batch"
        ids.add(article.id)
        sources.add(article.source)
        plans.append(plan)
    return plans


class IngestPipeline:
    """One ingest run over a Neo4j database (or none, for a dry run).

    One batched state check settles unchanged articles before any extraction; the others are
    extracted (`options.workers` processes, each article within `options.article_timeout`, results in
    input order) and written in input order: new ones `batch_articles` at a time in one transaction
    each, the rare cases one by one. `extract` maps a list of articles to `Extracted` outcomes (the
    benchmarks and tests pass known facts); `progress` is called once per settled article.
    """

    def __init__(
        self,
        driver: Any,
        database: str | None,
        options: IngestOptions | None = None,
        *,
        extract: Extract | None = None,
        progress: Callable[[], None] = lambda: None,
    ):
        from coopgraph.graph.load import DEFAULT_BATCH_ARTICLES, DEFAULT_BATCH_ROWS

        self.driver = driver
        self.database = database
        self.options = options or IngestOptions()
        self.batch_articles = self.options.batch_articles or DEFAULT_BATCH_ARTICLES
        self.batch_rows = self.options.batch_rows or DEFAULT_BATCH_ROWS
        self.ingested = self.options.ingested or date.today().isoformat()
        self.extract: Extract = extract or make_extractor(self.options)
        self.progress = progress
        self.report = IngestReport(dry_run=self.options.dry_run)
        self._pending: list[Any] = []  # LoadRows of new articles waiting for their batch transaction
        self._pending_rows = 0
        self._pending_since = 0.0
        # One writer thread loads batches while extraction goes on (it waits on Neo4j, not on the
        # GIL); at most two batches in flight bound the memory held for them.
        self._writer: ThreadPoolExecutor | None = None
        self._inflight: deque[Future[None]] = deque()
        self._forced: set[str] = set()  # --force reloads a text once per run

    # -- the whole run ---------------------------------------------------------------------------
    def run(
        self,
        paths: Iterable[str],
        stdin: TextIO | None = None,
        on_read: Callable[[int], None] = lambda total: None,
        facts: bool = False,
    ) -> IngestReport:
        """Read `paths` and ingest their articles (summaries included); `on_read` gets the count.
        `facts`: the paths are extracted facts (`coopgraph extract --output-dir`), loaded as they are."""
        started = time.perf_counter()
        if facts:
            articles, self.extract = read_extracted(paths, self.report)
        else:
            articles = read_articles(paths, self.report, stdin)
        self.report.read_seconds = time.perf_counter() - started
        self.report.articles = len(articles) + len(self.report.failures)
        on_read(len(articles))
        self.ingest(articles)
        self.report.total_seconds = time.perf_counter() - started
        return self.report

    def ingest(self, articles: list[Article]) -> IngestReport:
        """Extract and load articles already read; returns (and accumulates into) `self.report`."""
        plans = ["single"] * len(articles) if self.options.dry_run else self._plan(articles)
        if plans is None:
            return self.report
        todo = [a for a, plan in zip(articles, plans) if plan in ("batch", "single")]
        extracted: Iterator[Extracted] = iter(self.extract(todo)) if todo else iter(())
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coopgraph-writer")
        try:
            for article, plan in zip(articles, plans):
                if self.report.lost:
                    break  # the rest is counted below, without waiting for its extraction
                self._settle(article, plan, extracted)
                self.progress()
            else:
                self._flush()
            self._drain()
            if self.report.lost:  # every article not settled yet was not loaded
                settled = sum(self.report.statuses.values()) + self.report.not_loaded
                self.report.not_loaded += max(0, self.report.articles - settled)
        finally:
            close = getattr(extracted, "close", None)
            if close:
                close()
            self._writer.shutdown(wait=True)
        return self.report

    # -- steps -----------------------------------------------------------------------------------
    def _plan(self, articles: list[Article]) -> list[str] | None:
        from neo4j.exceptions import DriverError

        from coopgraph.graph.load import check_states, ensure_report_buckets, ensure_source_index

        t0 = time.perf_counter()
        try:
            ensure_source_index(self.driver, self.database)
            ensure_report_buckets(self.driver, self.database)
            states = check_states(self.driver, [(a.id, a.source) for a in articles], self.database)
        except DriverError as exc:  # the driver has already retried with backoff
            if articles:
                self.report.lose(articles[0].source, exc)
                self.report.not_loaded += len(articles) - 1
            return None
        self.report.load_seconds += time.perf_counter() - t0
        return plan_articles(articles, states, self.options.force)

    def _settle(self, article: Article, plan: str, extracted: Iterator[Extracted]) -> None:
        """Do what `plan` says for one article: count it, queue it for its batch, or write it alone."""
        if plan == "unchanged":
            self.report.count("unchanged")
            return
        force_this = self.options.force and article.id not in self._forced
        self._forced.add(article.id)
        rows: LoadRows | None = None
        if plan in ("batch", "single"):
            t0 = time.perf_counter()
            item = next(extracted)
            self.report.extract_seconds += time.perf_counter() - t0
            rows = self._rows_of(article, item)
            if rows is None:
                return
        if self.options.dry_run and rows is not None:
            self.report.count("extracted")
            self.report.planned_nodes.update(rows.node_counts())
            self.report.planned_facts.update(rows.fact_counts())
            self.report.planned_facts["MENTIONS"] += len(rows.mentions)
        elif plan == "batch":
            self._queue(rows)
        else:
            self._flush()  # what comes next may depend on the articles before it: keep the input order
            self._drain()
            if not self.report.lost:
                self._write_alone(article, rows, force_this)

    def _rows_of(self, article: Article, item: Extracted) -> LoadRows | None:
        """The article's graph rows from its extraction outcome, or None after reporting why not."""
        from coopgraph.graph.load import adapt_facts

        reason = item.error
        rows = None
        if reason is None and item.facts is not None:
            try:
                rows = adapt_facts(item.facts)
            except LoadError as exc:
                reason = f"bad extraction output: {exc}"
        if reason:
            self.report.fail(article.source, reason)
        return rows

    def _queue(self, rows: Any) -> None:
        """Hold a new article for its batch; the batch goes to the writer by size, or by time when
        extraction is slow, so that loading follows extraction closely either way."""
        now = time.perf_counter()
        if not self._pending:
            self._pending_since = now
        self._pending.append(rows)
        self._pending_rows += rows.rows
        full = len(self._pending) >= self.batch_articles or self._pending_rows >= self.batch_rows
        if full or now - self._pending_since >= self.options.flush_seconds:
            self._flush()

    def _write_alone(self, article: Article, rows: Any, force_this: bool) -> None:
        """The per-article path: check again now that the articles before it are written, then load."""
        if not force_this:
            result = self._check_alone(article)
            if result is not None:
                return
        if rows is None:  # a "check" article that turned out to need loading
            t0 = time.perf_counter()
            item = next(iter(self.extract([article])))
            self.report.extract_seconds += time.perf_counter() - t0
            rows = self._rows_of(article, item)
            if rows is None:
                return
        self._write_one(rows, article.source, force_this)

    def _check_alone(self, article: Article) -> str | None:
        """The per-article state check; returns its status when that settles the article."""
        from neo4j.exceptions import DriverError, Neo4jError

        from coopgraph.graph.load import adapt_article_only, load_rows

        t1 = time.perf_counter()
        try:
            result = load_rows(self.driver, adapt_article_only(article), self.database, ingested=self.ingested)
        except DriverError as exc:
            self.report.lose(article.source, exc)
            return "lost"
        except Neo4jError:
            return None  # let the full load report it
        finally:
            self.report.load_seconds += time.perf_counter() - t1
        if result.status != "pending":
            self.report.record(result)
            return result.status
        return None

    def _write_one(self, rows: Any, source: str, force_this: bool = False) -> None:
        from neo4j.exceptions import DriverError, Neo4jError

        from coopgraph.graph.load import load_rows

        t1 = time.perf_counter()
        try:
            self.report.record(
                load_rows(
                    self.driver,
                    rows,
                    self.database,
                    batch_size=self.options.batch_size,
                    ingested=self.ingested,
                    force=force_this,
                )
            )
        except DriverError as exc:
            self.report.lose(source, exc)
        except (Neo4jError, LoadError) as exc:
            self.report.fail(source, f"load failed: {getattr(exc, 'message', None) or exc}")
        self.report.add_load(time.perf_counter() - t1)

    def _flush(self) -> None:
        """Hand the queued new articles to the writer thread as one batch."""
        batch, self._pending, self._pending_rows = self._pending, [], 0
        if not batch:
            return
        if self.report.lost:
            self.report.add_load(0.0, not_loaded=len(batch))
            return
        while len(self._inflight) >= 2:
            self._inflight.popleft().result()
        if self._writer is None:  # outside ingest(): write here
            self._write_batch(batch)
        else:
            self._inflight.append(self._writer.submit(self._write_batch, batch))

    def _drain(self) -> None:
        """Wait until every batch handed to the writer is written (errors it did not expect raise here)."""
        while self._inflight:
            self._inflight.popleft().result()

    def _write_batch(self, batch: list[Any]) -> None:
        """Write new articles in one transaction; if that fails, one by one, so that only the article that
        cannot be written fails. Runs in the writer thread."""
        from neo4j.exceptions import DriverError, Neo4jError

        from coopgraph.graph.load import load_batch

        if self.report.lost:
            self.report.add_load(0.0, not_loaded=len(batch))
            return
        t1 = time.perf_counter()
        try:
            result = load_batch(
                self.driver, batch, self.database, batch_size=self.options.batch_size, ingested=self.ingested
            )
        except DriverError as exc:
            self.report.add_load(time.perf_counter() - t1)
            self.report.lose(batch[0].article["source"], exc, more=len(batch) - 1)
            return
        except (Neo4jError, LoadError):
            self.report.add_load(time.perf_counter() - t1)
            self._write_each(batch)  # nothing of the batch was committed
            return
        self.report.add_load(time.perf_counter() - t1, result.created)
        for res in result.results:
            self.report.record(res)
        self._write_each(result.deferred)  # not new any more (a concurrent writer, a duplicate)

    def _write_each(self, batch: list[Any]) -> None:
        for rows in batch:
            if self.report.lost:
                self.report.add_load(0.0, not_loaded=1)
            else:
                self._write_one(rows, rows.article["source"])


def load_reference_data(driver: Any, database: str | None) -> int:
    """Load the gazetteer's places and their structure (PART_OF, LOCATED_IN) and the Source index once
    the schema exists (`coopgraph db init`); returns how many places it wrote (0 on a second run)."""
    from coopgraph.graph.load import ensure_report_buckets, ensure_source_index, load_gazetteer_structure
    from coopgraph.ingest.gazetteer import load_gazetteer

    created = load_gazetteer_structure(driver, database, load_gazetteer().places())
    ensure_source_index(driver, database)
    ensure_report_buckets(driver, database)
    return sum(created[label] for label in ("Country", "Region", "City"))


def ingest(
    paths: Iterable[str], driver: Any, database: str | None = None, options: IngestOptions | None = None, **kwargs: Any
) -> IngestReport:
    """Read, extract and load `paths` into the graph: `IngestPipeline(...).run(paths)` in one call."""
    return IngestPipeline(driver, database, options, **kwargs).run(paths)
