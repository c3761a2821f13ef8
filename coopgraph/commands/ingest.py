"""`coopgraph ingest`: read articles, check them in one query, extract the new ones, load them in batches."""
from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import click

from coopgraph.settings import neo4j_options

STATUSES = ("new", "unchanged", "replaced", "failed")


@dataclass
class IngestReport:
    """What one `coopgraph ingest` run did: per-article outcomes, graph changes and timings."""

    statuses: Counter = field(default_factory=Counter)
    created: Counter = field(default_factory=Counter)  # label / relationship type -> created
    deleted: Counter = field(default_factory=Counter)
    planned_nodes: Counter = field(default_factory=Counter)  # --dry-run: rows that would be written
    planned_facts: Counter = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    lost: str | None = None  # why Neo4j could not be used any more, mid-run; the rest was not loaded
    not_loaded: int = 0
    articles: int = 0
    read_seconds: float = 0.0
    extract_seconds: float = 0.0
    load_seconds: float = 0.0
    total_seconds: float = 0.0
    dry_run: bool = False

    def fail(self, source: str, reason: str) -> None:
        self.statuses["failed"] += 1
        self.failures.append((source, " ".join(str(reason).split())))

    def lose(self, source: str, exc: Exception) -> None:
        """Neo4j went away while loading `source`: that article and the rest are not loaded."""
        from coopgraph.graph.connection import find_reason

        self.lost = f"{find_reason(exc)} (while loading {source})"
        self.not_loaded += 1


def read_articles(paths: tuple[str, ...], report: IngestReport) -> list:
    """Articles of every file, folder, glob or `-` (JSON Lines on stdin); unreadable ones go to failures."""
    from coopgraph.ingest.read import ArticleError, iter_sources, normalize_text, read_jsonl, read_path

    articles = []
    seen: set[Path] = set()
    for spec in paths:
        if spec == "-":
            with click.open_file("-", encoding="utf-8", errors="replace") as stdin:
                text = normalize_text(stdin.read())
            if not text.strip():
                report.fail("<stdin>", "no JSON Lines on standard input")
                continue
            result = read_jsonl(text, "<stdin>")
            articles.extend(result.articles)
            for err in result.errors:
                report.fail(f"{err.source}:{err.line}" if err.line else err.source, err.message)
            continue
        try:
            sources = list(iter_sources([spec]))
        except ArticleError as exc:
            report.fail(exc.source, exc.message)
            continue
        for path in sources:
            key = path.resolve()
            if key in seen:
                continue
            seen.add(key)
            errors = []
            try:
                articles.extend(read_path(path, errors=errors))
            except ArticleError as exc:
                report.fail(exc.source, exc.message)
            except Exception as exc:  # noqa: BLE001 - a reader bug on one file must not stop the batch
                report.fail(str(path), f"cannot read: {type(exc).__name__}: {exc}")
            for err in errors:
                report.fail(f"{err.source}:{err.line}" if err.line else err.source, err.message)
    return articles


def make_progress(total: int):
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task) -> Text:
            speed = task.finished_speed or task.speed
            return Text("-- articles/s" if speed is None else f"{speed:.1f} articles/s", style="cyan")

    console = Console(stderr=True)
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                    TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=console,
                    disable=not console.is_terminal or total == 0)


def run_ingest(paths: tuple[str, ...], *, driver, database: str | None, dry_run: bool, batch_size: int,
               force: bool, workers: int = 1, batch_articles: int | None = None) -> IngestReport:
    """Read, extract and load; every article is its own unit of success or failure."""
    report = IngestReport(dry_run=dry_run)
    started = time.perf_counter()
    articles = read_articles(paths, report)
    report.read_seconds = time.perf_counter() - started
    report.articles = len(articles) + len(report.failures)
    with make_progress(len(articles)) as progress:
        task = progress.add_task("ingest" if not dry_run else "extract", total=len(articles))
        ingest_articles(articles, report, driver=driver, database=database, dry_run=dry_run,
                        batch_size=batch_size, force=force, workers=workers, batch_articles=batch_articles,
                        advance=lambda: progress.advance(task))
    report.total_seconds = time.perf_counter() - started
    return report


def plan_articles(articles: list, states: list, force: bool) -> list[str]:
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


def ingest_articles(articles: list, report: IngestReport, *, driver, database: str | None, dry_run: bool,
                    batch_size: int, force: bool, workers: int = 1, batch_articles: int | None = None,
                    batch_rows: int | None = None, extract=None, ingested: str | None = None,
                    advance=lambda: None) -> None:
    """The pipeline behind `coopgraph ingest`, once the articles are read.

    One batched state check settles unchanged articles before any extraction; the others are
    extracted (`workers` processes, results in input order) and written in input order: new ones
    `batch_articles` at a time in one transaction each, the rare cases one by one. `extract` maps a
    list of articles to an iterator of `graph.parallel.Extracted` (the benchmarks pass known facts).
    """
    from datetime import date

    from neo4j.exceptions import DriverError, Neo4jError

    from coopgraph.graph.load import (DEFAULT_BATCH_ARTICLES, DEFAULT_BATCH_ROWS, LoadError, adapt_article_only,
                            adapt_facts, check_states, load_batch, load_rows)
    from coopgraph.graph.parallel import extract_parallel
    from coopgraph.ingest.pipeline import extract_article
    from coopgraph.ingest.read import check_language

    batch_articles = batch_articles or DEFAULT_BATCH_ARTICLES
    batch_rows = batch_rows or DEFAULT_BATCH_ROWS
    ingested = ingested or date.today().isoformat()
    if extract is None:
        def extract(todo):
            return extract_parallel(todo, workers)

    if dry_run:
        plans = ["single"] * len(articles)
    else:
        t0 = time.perf_counter()
        try:
            from coopgraph.graph.load import ensure_source_index

            ensure_source_index(driver, database)
            states = check_states(driver, [(a.id, a.source) for a in articles], database)
        except DriverError as exc:  # the driver has already retried with backoff
            if articles:
                report.lose(articles[0].source, exc)
                report.not_loaded += len(articles) - 1
            return
        report.load_seconds += time.perf_counter() - t0
        plans = plan_articles(articles, states, force)

    def record(result) -> None:
        report.statuses[result.status] += 1
        report.created.update(result.created)
        report.deleted.update(result.deleted)

    def write_one(rows, source: str, force_this: bool = False) -> None:
        t1 = time.perf_counter()
        try:
            record(load_rows(driver, rows, database, batch_size=batch_size, ingested=ingested, force=force_this))
        except DriverError as exc:
            report.lose(source, exc)
        except (Neo4jError, LoadError) as exc:
            report.fail(source, f"load failed: {getattr(exc, 'message', None) or exc}")
        report.load_seconds += time.perf_counter() - t1

    pending: list = []  # LoadRows of new articles waiting for their batch transaction
    pending_rows = 0

    def flush() -> None:
        nonlocal pending_rows
        batch, pending[:] = list(pending), []
        pending_rows = 0
        if not batch:
            return
        if report.lost:
            report.not_loaded += len(batch)
            return
        t1 = time.perf_counter()
        try:
            result = load_batch(driver, batch, database, batch_size=batch_size, ingested=ingested)
        except DriverError as exc:
            report.load_seconds += time.perf_counter() - t1
            report.lose(batch[0].article["source"], exc)
            report.not_loaded += len(batch) - 1
            return
        except (Neo4jError, LoadError):
            # Nothing of the batch was committed: write its articles one by one, so that only the
            # article that cannot be written fails.
            report.load_seconds += time.perf_counter() - t1
            for rows in batch:
                if report.lost:
                    report.not_loaded += 1
                else:
                    write_one(rows, rows.article["source"])
            return
        report.load_seconds += time.perf_counter() - t1
        for res in result.results:
            record(res)
        report.created.update(result.created)
        for rows in result.deferred:  # not new any more (a concurrent writer, a duplicate): one by one
            if report.lost:
                report.not_loaded += 1
            else:
                write_one(rows, rows.article["source"])

    def extract_inline(article):
        try:
            reason = check_language(article)
            if reason is None:
                return adapt_facts(extract_article(article)), None
            return None, reason
        except LoadError as exc:
            return None, f"bad extraction output: {exc}"
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
            return None, f"extraction failed: {type(exc).__name__}: {exc}"

    todo = [a for a, plan in zip(articles, plans) if plan in ("batch", "single")]
    extracted = iter(extract(todo)) if todo else iter(())
    forced: set[str] = set()
    try:
        for article, plan in zip(articles, plans):
            source = article.source
            if report.lost:
                break  # the rest is counted below, without waiting for its extraction
            if plan == "unchanged":
                report.statuses["unchanged"] += 1
                advance()
                continue
            force_this = force and article.id not in forced
            forced.add(article.id)
            rows = None
            if plan in ("batch", "single"):
                t0 = time.perf_counter()
                item = next(extracted)
                report.extract_seconds += time.perf_counter() - t0
                reason = item.error
                if reason is None:
                    try:
                        rows = adapt_facts(item.facts)
                    except LoadError as exc:
                        reason = f"bad extraction output: {exc}"
                if reason:
                    report.fail(source, reason)
                    advance()
                    continue
            if dry_run:
                report.statuses["extracted"] += 1
                report.planned_nodes.update(rows.node_counts())
                report.planned_facts.update(rows.fact_counts())
                report.planned_facts["MENTIONS"] += len(rows.mentions)
                advance()
                continue
            if plan == "batch":
                pending.append(rows)
                pending_rows += len(rows.mentions) + sum(len(r) for r in rows.facts.values())
                if len(pending) >= batch_articles or pending_rows >= batch_rows:
                    flush()
                advance()
                continue
            flush()  # what comes next may depend on the articles before it: keep the input order
            if report.lost:
                break
            if not force_this:
                # The per-article check, now that the articles before this one are written.
                t1 = time.perf_counter()
                try:
                    result = load_rows(driver, adapt_article_only(article), database, ingested=ingested)
                except DriverError as exc:
                    report.lose(source, exc)
                    advance()
                    continue
                except Neo4jError:
                    result = None  # let the full load below report it
                report.load_seconds += time.perf_counter() - t1
                if result is not None and result.status != "pending":
                    record(result)
                    advance()
                    continue
            if rows is None:
                t0 = time.perf_counter()
                rows, reason = extract_inline(article)
                report.extract_seconds += time.perf_counter() - t0
                if reason:
                    report.fail(source, reason)
                    advance()
                    continue
            write_one(rows, source, force_this)
            advance()
        else:
            flush()
        if report.lost:  # every article not settled yet was not loaded
            report.not_loaded += max(0, report.articles - sum(report.statuses.values()) - report.not_loaded)
    finally:
        close = getattr(extracted, "close", None)
        if close:
            close()


NODE_ORDER = ("Article", "Country", "Region", "City", "Person", "Organization", "Document", "Commodity", "Event")
REL_ORDER = ("MENTIONS", "HOLDS_POSITION", "VISITED", "SIGNED", "PARTY_TO", "EXPORTS_TO", "TRADE_VOLUME",
             "PARTICIPATED_IN")


def format_counts(counts: Counter, order: tuple[str, ...]) -> str:
    return ", ".join(f"{n} {counts[n]}" for n in order if counts.get(n)) or "none"


def format_report(report: IngestReport) -> str:
    """The closing summary, plain text (it goes to logs and CI as well as terminals)."""
    rels = sum(report.created[k] for k in REL_ORDER)
    nodes = sum(report.created[k] for k in NODE_ORDER)
    lines = []
    if report.dry_run:
        ok = report.statuses["extracted"]
        lines.append(f"Dry run: {report.articles} articles, {ok} extracted, {report.statuses['failed']} failed; "
                     "nothing was written.")
        lines.append(f"  would merge nodes: {format_counts(report.planned_nodes, NODE_ORDER)}")
        lines.append(f"  would merge relationships: {format_counts(report.planned_facts, REL_ORDER)}")
    else:
        s = report.statuses
        not_loaded = f", not loaded {report.not_loaded}" if report.not_loaded else ""
        lines.append(f"Articles: {report.articles} — new {s['new']}, unchanged {s['unchanged']}, "
                     f"replaced {s['replaced']}, failed {s['failed']}{not_loaded}")
        lines.append(f"Nodes created: {nodes} ({format_counts(report.created, NODE_ORDER)})")
        lines.append(f"Relationships created: {rels} ({format_counts(report.created, REL_ORDER)})")
        if report.deleted:
            lines.append(f"Deleted (replaced articles): {format_counts(report.deleted, NODE_ORDER + REL_ORDER)}")
    rate = f"{report.articles / report.total_seconds:.1f} articles/s" if report.total_seconds else "-"
    timing = (f"Time: {report.total_seconds:.1f} s ({rate}; read {report.read_seconds:.1f} s, "
              f"extract {report.extract_seconds:.1f} s")
    if not report.dry_run:
        load_rate = f", {rels / report.load_seconds:.0f} relationships/s" if report.load_seconds and rels else ""
        timing += f", load {report.load_seconds:.1f} s{load_rate}"
    lines.append(timing + ")")
    return "\n".join(lines)


def format_failures(report: IngestReport, uri: str) -> list[str]:
    """Standard-error lines: one `<source>: <problem>` per failed input, one more if Neo4j went away."""
    lines = [f"{source}: {reason}" for source, reason in report.failures]
    if report.lost:
        lines.append(f"Error: lost the connection to Neo4j at {uri}: {report.lost}; {report.not_loaded} "
                     "articles were not loaded, none of them partly (each batch is one transaction); "
                     "run the same command again once Neo4j is back")
    return lines


def graph_changed(report: IngestReport) -> bool:
    return bool(report.statuses.get("new") or report.statuses.get("replaced") or +report.created or +report.deleted)


def refresh_after_ingest(driver, database: str | None, report: IngestReport) -> str | None:
    """Refresh the cooperation edges the network queries read (graph/derived.py); one line for the summary.

    A failure here leaves the loaded articles in place, so it is reported, not raised.
    """
    from coopgraph.graph.derived import refresh_derived

    try:
        res = refresh_derived(driver, database)
    except Exception as exc:  # noqa: BLE001 - the articles are loaded; only the derived edges are stale
        report.fail("<cooperation edges>", f"not refreshed ({type(exc).__name__}: {exc}); "
                                           "run `coopgraph db refresh`")
        return None
    return f"Cooperation edges refreshed: {res.pairs} place pairs from {res.facts} facts in {res.seconds:.1f} s."


def check_initialised(driver, database: str) -> list[str]:
    """What `coopgraph db init` would have set up and is missing (ingest works without, but worse)."""
    try:
        records, _, _ = driver.execute_query(
            "SHOW CONSTRAINTS YIELD labelsOrTypes, properties "
            "WHERE labelsOrTypes = ['Article'] AND properties = ['id'] RETURN count(*) AS n", database_=database)
        schema = records[0]["n"] > 0
        records, _, _ = driver.execute_query(
            "RETURN EXISTS { MATCH (:Region)-[:PART_OF]->(:Country) } AS found", database_=database)
        gazetteer = records[0]["found"]
    except Exception:  # noqa: BLE001 - a check that cannot run is no reason to refuse the ingest
        return []
    missing = []
    if not schema:
        missing.append("the graph has no schema (constraints, indexes): run `coopgraph db init` first")
    if not gazetteer:
        missing.append("the gazetteer structure (PART_OF, LOCATED_IN) is not loaded: run `coopgraph db init`")
    return missing


def register(cli: click.Group) -> None:
    @cli.command("ingest")
    @click.argument("paths", nargs=-1, required=True)
    @click.option("--dry-run", is_flag=True, help="Read and extract, report what would be loaded, write nothing.")
    @click.option("--batch-size", type=click.IntRange(1, 100_000), default=1000, show_default=True,
                  help="Rows per UNWIND statement inside a write transaction.")
    @click.option("--batch-articles", type=click.IntRange(1, 100_000), default=200, show_default=True,
                  envvar="COOPGRAPH_BATCH_ARTICLES",
                  help="New articles written per transaction (fewer once their rows reach 5,000) "
                       "[env COOPGRAPH_BATCH_ARTICLES].")
    @click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
                  envvar="COOPGRAPH_WORKERS",
                  help="Processes that extract facts in parallel; one writer loads them in input order "
                       "[env COOPGRAPH_WORKERS].")
    @click.option("--force", is_flag=True,
                  help="Reload articles even when their text is unchanged (after an extractor change).")
    @click.option("--no-derived", is_flag=True,
                  help="Do not refresh the cooperation edges after loading (run `coopgraph db refresh` later).")
    @neo4j_options
    def ingest(paths: tuple[str, ...], dry_run: bool, batch_size: int, batch_articles: int, workers: int,
               force: bool, no_derived: bool, settings) -> None:
        """Extract facts from articles and load them into Neo4j.

        PATHS are files (.txt, .html, .json, .jsonl), folders, globs, or `-` for JSON Lines on
        standard input (one object per line with "text" and optional "source", "title",
        "published", "outlet", "url"). New articles are written up to --batch-articles per
        transaction, any other change one article per transaction: re-ingesting an unchanged article
        changes nothing, and an article whose text changed at the same source
        replaces what the old text contributed. Each input that fails gets one line on standard
        error naming it and the problem, and the exit status is 1; the others are still loaded.
        Files over 5 MB are refused unread. --workers N extracts in N processes. Run `coopgraph db
        init` once before.

        Example:

            coopgraph ingest --workers 2 seeds/ ../shared/eval/dev/
        """
        driver = None
        if not dry_run:
            from coopgraph.graph.connection import open_driver

            driver = open_driver(settings)
            for warning in check_initialised(driver, settings.database):
                click.echo(f"warning: {warning}", err=True)
        try:
            report = run_ingest(paths, driver=driver, database=settings.database, dry_run=dry_run,
                                batch_size=batch_size, force=force, workers=workers,
                                batch_articles=batch_articles)
            derived = None
            if not dry_run and not no_derived and not report.lost and graph_changed(report):
                derived = refresh_after_ingest(driver, settings.database, report)
        finally:
            if driver is not None:
                driver.close()
        click.echo(format_report(report))
        if derived is not None:
            click.echo(derived)
        if not dry_run:
            click.echo(f"Browser: {settings.browser_url}")
        for line in format_failures(report, settings.uri):
            click.echo(line, err=True)
        if report.failures or report.lost:
            sys.exit(1)


__all__ = ["register", "run_ingest", "format_report", "IngestReport"]
