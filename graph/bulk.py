"""A bulk first load: the graph the transactional path builds, as CSV files for `neo4j-admin database import full`."""

from __future__ import annotations

# Why: an empty database is loaded fastest offline. neo4j-admin writes the store files directly, at
# 10^5 relationships/s and more, where transactions pay for locks, index updates and the log. The
# graph written here is the one graph/load.py gives for the same articles in the same order (a test
# compares full dumps): the same nodes and properties, one STATES record per report, the facts'
# counters, trade-figure ledgers and the summaries of graph/summaries.py.
#
# Per-article records (Article, Source, MENTIONS, STATES, COUNTED_IN) stream to their files as the
# articles come, so memory holds only what is folded across articles: entity nodes, facts and the
# summaries' counters, not the texts.
import os
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import neo4j

from coopgraph.exceptions import CoopgraphError, ServerError
from coopgraph.graph.load import adapt_gazetteer_rows, settle_claims
from coopgraph.graph.rows import DATED_TYPES, FoldedFact, LoadRows, Row, fill_node, fold_facts, split_key
from coopgraph.graph.server import ADMIN_CLASS, LocalServer, find_java, format_java_error
from coopgraph.graph.summaries import KINDS, ArticleView, Link, activity_of, kinds_of, links_of

ARRAY_DELIMITER = "\u241f"  # "␟": an array separator no article text uses
ADMIN_HEAP = "1g"
IMPORT_TIMEOUT = 3600.0


class BulkRefused(CoopgraphError):
    """The bulk load cannot run here: the database is not empty, or it is not a local server."""


# ---------------------------------------------------------------- CSV


def csv_field(value: Any) -> str:
    """One CSV field as neo4j-admin reads it: None (or []) empty = no property, strings always quoted."""
    if value is None or value == []:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple | set):
        items = (clean(v) if isinstance(v, str) else repr(v) for v in value)
        return '"' + ARRAY_DELIMITER.join(items).replace('"', '""') + '"'
    return quote(str(value))


def clean(text: str) -> str:
    return text.replace(ARRAY_DELIMITER, " ")


def quote(text: str) -> str:
    return '"' + clean(text).replace('"', '""') + '"'


def csv_type(values: Iterable[Any]) -> str:
    """The column type of a property from the values it takes (floats win over ints, as Neo4j would)."""
    kinds = {type(v) for v in values if v is not None}
    items = {type(x) for v in values if isinstance(v, list) for x in v}
    if list in kinds:
        return "double[]" if float in items else ("long[]" if items == {int} else "string[]")
    if bool in kinds:
        return "boolean"
    if float in kinds:
        return "double"
    return "long" if kinds == {int} else "string"


class CsvFile:
    """One node or relationship file: a typed header, then rows streamed in."""

    def __init__(self, path: Path, kind: str, columns: list[tuple[str, str]]):
        self.path, self.kind, self.columns = path, kind, columns
        self.rows = 0
        self._out: IO[str] = open(path, "w", encoding="utf-8", newline="")
        ids = [":ID", ":LABEL"] if kind == "nodes" else [":START_ID", ":END_ID", ":TYPE"]
        props = [f"{name}:{ctype}" for name, ctype in columns]
        self._out.write(",".join(ids + props) + "\n")

    def write(self, ids: list[str], props: Row) -> None:
        # a node's labels are an array (joined by ARRAY_DELIMITER by the caller): quoted, not cleaned
        head = [quote(ids[0]), '"' + ids[1] + '"'] if self.kind == "nodes" else [quote(i) for i in ids]
        fields = head + [csv_field(props.get(name)) for name, _ in self.columns]
        self._out.write(",".join(fields) + "\n")
        self.rows += 1

    def close(self) -> None:
        self._out.close()


def write_table(directory: Path, name: str, kind: str, rows: list[tuple[list[str], Row]]) -> CsvFile:
    """A file whose columns are the union of its rows' properties, typed from their values."""
    keys: dict[str, list[Any]] = {}
    for _ids, props in rows:
        for key, value in props.items():
            keys.setdefault(key, []).append(value)
    columns = [(key, csv_type(values)) for key, values in sorted(keys.items())]
    table = CsvFile(directory / f"{name}.csv", kind, columns)
    for ids, props in rows:
        table.write(ids, props)
    table.close()
    return table


ARTICLE_COLUMNS = [
    ("id", "string"),
    ("source", "string"),
    ("sources", "string[]"),
    ("title", "string"),
    ("published", "string"),
    ("outlet", "string"),
    ("url", "string"),
    ("text", "string"),
    ("lang", "string"),
    ("ingested", "string"),
]
REPORT_COLUMNS = [
    ("fact_id", "string"),
    ("sentence", "string"),
    ("start", "long"),
    ("end", "long"),
    ("date", "string"),
    ("rule", "string"),
    ("confidence", "double"),
]
MENTION_COLUMNS = [("aliases", "string[]"), ("count", "long")]
COUNTED_COLUMNS = [("facts", "long"), ("weight", "long"), ("kind_counts", "long[]"), ("fact_ids", "string[]")]


# ---------------------------------------------------------------- the folded graph


@dataclass
class BulkStats:
    articles: int = 0
    duplicates: int = 0  # the same text from another source: one Article, two sources
    rows: int = 0  # relationship rows of the articles (MENTIONS + one per fact reported), as load.py counts
    nodes: int = 0
    relationships: int = 0
    fold_seconds: float = 0.0  # folding the articles and streaming their records (not extraction)
    files: list[Path] = field(default_factory=list)


class BulkGraph:
    """New articles folded in input order into CSV files; per-article records stream to disk."""

    def __init__(self, directory: Path, ingested: str, places: Iterable[Any] = ()):
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.ingested = ingested
        self.stats = BulkStats()
        self.nodes: dict[str, Row] = {}
        self.labels: dict[str, str] = {}
        self.aliases: dict[str, set[str]] = {}
        self.facts: dict[str, FoldedFact] = {}
        self.activity: dict[str, Row] = {}
        self.partnerships: dict[str, Row] = {}
        self.sources: dict[str, list[str]] = {}  # article id -> its sources, in input order
        self.by_source: dict[str, str] = {}
        self.claims: list[tuple[str, Row]] = []  # (article id, claim row): settled after the import
        self.structure = self.add_gazetteer(places)
        self.articles = CsvFile(self.dir / "articles.csv", "nodes", ARTICLE_COLUMNS)
        self.source_nodes = CsvFile(self.dir / "sources.csv", "nodes", [("key", "string"), ("article", "string")])
        self.mentions = CsvFile(
            self.dir / "mentions.csv", "relationships", [("aliases", "string[]"), ("count", "long")]
        )
        self.reports = CsvFile(self.dir / "states.csv", "relationships", REPORT_COLUMNS)
        self.counted = CsvFile(self.dir / "counted_in.csv", "relationships", COUNTED_COLUMNS)
        self.kinds: dict[Path, str] = {}  # every file, once finished: "nodes" or "relationships"

    def add_gazetteer(self, places: Iterable[Any]) -> list[tuple[str, str, str]]:
        """The places `db init` loads, as it loads them: flagged, with their country, region and ISO code."""
        nodes, links = adapt_gazetteer_rows(places)
        for label, rows in nodes.items():
            for row in rows:
                uid = f"{label}:{row['code']}"
                self.labels[uid] = label
                props = {"key": row["code"], "name": row["name"], "gazetteer": True, "iso": row["iso"]}
                props.update(country=row["country"], region=row["region"] if label == "City" else None)
                self.nodes[uid] = props
        return [(f"{r['link'][0]}:{r['code']}", r["link"][1], f"{r['link'][2]}:{r['parent']}") for r in links]

    def add(self, rows: LoadRows) -> str:
        """Fold one article; returns "new", "unchanged" (the same text again) or "skipped" (a second text
        at a source already given: the first text is kept)."""
        t0 = time.perf_counter()
        try:
            return self._add(rows)
        finally:
            self.stats.fold_seconds += time.perf_counter() - t0

    def _add(self, rows: LoadRows) -> str:
        art = rows.article
        aid, source = art["id"], art["source"]
        if source in self.by_source:
            return "unchanged" if self.by_source[source] == aid else "skipped"
        self.by_source[source] = aid
        self.source_nodes.write([f"S:{source}", "Source"], {"key": source, "article": aid})
        if aid in self.sources:
            self.sources[aid].append(source)
            self.stats.duplicates += 1
            return "unchanged"
        self.sources[aid] = [source]
        props = {k: v for k, v in art.items() if v is not None}
        self.articles.write([f"A:{aid}", "Article"], dict(props, sources=[source], ingested=self.ingested))
        self.stats.articles += 1
        self.stats.rows += rows.rows
        self.add_nodes(rows)
        self.add_facts(rows, art["published"] or self.ingested)
        self.add_summaries(rows)
        self.claims += [(aid, claim) for claim in rows.claims]
        return "new"

    def add_nodes(self, rows: LoadRows) -> None:
        aid = rows.article["id"]
        for label, node_rows in rows.nodes.items():
            for row in node_rows:
                uid = f"{label}:{row['key']}"
                old = self.nodes.get(uid)
                if old is None:
                    self.labels[uid] = label
                    self.nodes[uid] = {k: v for k, v in row.items() if v is not None}
                else:
                    fill_node(old, row)
        for m in rows.mentions:
            self.mentions.write([f"A:{aid}", m["uid"], "MENTIONS"], {"aliases": m["aliases"], "count": m["count"]})
            self.aliases.setdefault(m["uid"], set()).update(m["aliases"])

    def add_facts(self, rows: LoadRows, seen: str) -> None:
        aid = rows.article["id"]
        for source, props in fold_facts(self.facts, rows, seen):
            self.reports.write([f"A:{aid}", source, "STATES"], props)

    def add_summaries(self, rows: LoadRows) -> None:
        """The article's part of each summary, with the places' region and country as the graph has them."""
        view = ArticleView.of_rows(rows, self.nodes)  # a node's row has its region and country
        for (region, month), facts in activity_of(view).items():
            key = f"{region}|{month}"
            m = self.activity.setdefault(
                key, {"key": key, "region": split_key(region)[1], "month": month, "facts": 0, "articles": 0}
            )
            m["facts"] += facts
            m["articles"] += 1
            self.counted.write([f"A:{view.id}", f"M:{key}", "COUNTED_IN"], {"facts": facts})
        for (a, b), link in links_of(view).items():
            self.add_link(view.id, a, b, link)

    def add_link(self, aid: str, a: str, b: str, link: Link) -> None:
        key = f"{a}|{b}"
        p = self.partnerships.setdefault(
            key, {"key": key, "ends": (a, b), "weight": 0, "articles": 0, "kind_counts": [0] * len(KINDS)}
        )
        counts = [1 if kind in link.kinds else 0 for kind in KINDS]
        p["weight"] += len(link.facts)
        p["articles"] += 1
        p["kind_counts"] = [x + y for x, y in zip(p["kind_counts"], counts)]
        props = {"weight": len(link.facts), "kind_counts": counts, "fact_ids": sorted(link.fact_ids)}
        self.counted.write([f"A:{aid}", f"P:{key}", "COUNTED_IN"], props)

    # -- the folded part, written once every article is in ------------------------------------
    def finish(self) -> BulkStats:
        """Close the streamed files and write the folded ones; returns what the import will create."""
        for table in (self.articles, self.source_nodes, self.mentions, self.reports, self.counted):
            table.close()
        files = [
            self.articles,
            self.source_nodes,
            *self.write_entities(),
            self.write_summary_nodes(),
            self.mentions,
            self.reports,
            self.counted,
            *self.write_facts(),
            self.write_links(),
        ]
        self.stats.files = [f.path for f in files]
        self.stats.nodes = sum(f.rows for f in files if f.kind == "nodes")
        self.stats.relationships = sum(f.rows for f in files if f.kind == "relationships")
        self.kinds = {f.path: f.kind for f in files}
        return self.stats

    def write_entities(self) -> list[CsvFile]:
        by_label: dict[str, list[tuple[list[str], Row]]] = {}
        for uid in sorted(self.nodes):
            label = self.labels[uid]
            names = sorted(self.aliases.get(uid, ()))
            props = dict(self.nodes[uid], aliases=names or None)
            by_label.setdefault(label, []).append(([uid, f"{label}{ARRAY_DELIMITER}Entity"], props))
        return [write_table(self.dir, f"nodes_{label}", "nodes", rows) for label, rows in sorted(by_label.items())]

    def write_summary_nodes(self) -> CsvFile:
        table = CsvFile(self.dir / "summaries.csv", "nodes", SUMMARY_COLUMNS)
        for key, m in sorted(self.activity.items()):
            table.write([f"M:{key}", "Activity"], m)
        for key, p in sorted(self.partnerships.items()):
            props = {k: v for k, v in p.items() if k != "ends"}
            table.write([f"P:{key}", "Partnership"], dict(props, kinds=kinds_of(p["kind_counts"])))
        table.close()
        return table

    def write_facts(self) -> list[CsvFile]:
        ledgers: dict[str, set[float]] = {}
        for fact in self.facts.values():
            if fact.group[0] == "TRADE_VOLUME" and fact.props.get("value") is not None:
                ledgers.setdefault(fact.props["ledger"], set()).add(fact.props["value"])
        by_type: dict[str, list[tuple[list[str], Row]]] = {}
        for fact_id in sorted(self.facts):
            fact = self.facts[fact_id]
            rtype = fact.group[0]
            props = dict(fact.props, fact_id=fact_id, support=fact.articles, first_seen=fact.first, last_seen=fact.last)
            props["evidence"] = fact.evidence
            props["confidence"] = fact.confidence
            if rtype in DATED_TYPES and fact.dates:
                props["dates"] = sorted(fact.dates)
                props["date"] = props["dates"][0]
            if rtype == "TRADE_VOLUME":
                values = sorted(ledgers.get(fact.props["ledger"], set()))
                props.update(conflict=len(values) > 1, reported_values=values or None)
            by_type.setdefault(rtype, []).append(([fact.source, fact.target, rtype], props))
        return [
            write_table(self.dir, f"facts_{rtype}", "relationships", rows) for rtype, rows in sorted(by_type.items())
        ]

    def write_links(self) -> CsvFile:
        """Gazetteer structure, and each partnership's two places (when the graph has them)."""
        table = CsvFile(self.dir / "links.csv", "relationships", [])
        for child, rtype, parent in self.structure:
            if child in self.nodes and parent in self.nodes:
                table.write([child, parent, rtype], {})
        for key, p in sorted(self.partnerships.items()):
            for end in p["ends"]:
                if end in self.nodes:
                    table.write([end, f"P:{key}", "PARTNER"], {})
        table.close()
        return table


SUMMARY_COLUMNS = [
    ("key", "string"),
    ("region", "string"),
    ("month", "string"),
    ("facts", "long"),
    ("articles", "long"),
    ("weight", "long"),
    ("kind_counts", "long[]"),
    ("kinds", "string[]"),
]


# ---------------------------------------------------------------- the database side


def count_data(driver: neo4j.Driver, database: str | None) -> tuple[int, int]:
    """(articles, other nodes than the gazetteer's): both zero in a database `db init` alone has touched."""
    records, _, _ = driver.execute_query(
        "CALL () { MATCH (a:Article) RETURN count(a) AS articles } "
        "CALL () { MATCH (n) WHERE n.gazetteer IS NULL RETURN count(n) AS other } RETURN articles, other",
        database_=database,
    )
    return int(records[0]["articles"]), int(records[0]["other"])


def check_empty(driver: neo4j.Driver, database: str | None) -> None:
    articles, other = count_data(driver, database)
    if articles or other:
        raise BulkRefused(
            f"database {database or 'neo4j'} is not empty ({articles} articles, {other} nodes besides the "
            "gazetteer): --bulk loads an empty database only; load into this one without --bulk"
        )


def format_import_args(
    files: dict[Path, str], database: str, root: Path | None = None, extra: Iterable[str] = ()
) -> list[str]:
    """neo4j-admin's arguments; `root` rewrites the paths (Docker sees the folder as /import)."""

    def where(path: Path) -> str:
        return str(root / path.name) if root else str(path)

    # the database first: picocli would read a name after --relationships=... as one more file
    args = ["database", "import", "full", database, "--overwrite-destination=true", "--multiline-fields=true"]
    args += [f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}", "--threads=2", "--max-off-heap-memory=2G", *extra]
    return args + [f"--{kind}={where(path)}" for path, kind in files.items()]


def run_import(server: LocalServer, files: dict[Path, str], database: str, report_dir: Path) -> None:
    """neo4j-admin database import full against the (stopped) local server's home."""
    java = find_java()
    args = format_import_args(files, database, extra=[f"--report-file={report_dir / 'import.report'}"])
    command = [java, f"-Xmx{ADMIN_HEAP}", "-cp", server.format_classpath(), ADMIN_CLASS, *args]
    done = subprocess.run(
        command,
        env=server.format_environment(),
        capture_output=True,
        text=True,
        timeout=IMPORT_TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    if done.returncode != 0:
        output = done.stderr + done.stdout
        # the line that names the bad input, when there is one; else the tool's last words
        cause = next((ln.strip() for ln in output.splitlines() if "original error" in ln), "")
        raise ServerError(f"neo4j-admin import failed: {cause or format_java_error(output)}")


@dataclass
class BulkReport:
    stats: BulkStats
    csv_seconds: float = 0.0
    import_seconds: float = 0.0  # neo4j-admin alone
    restart_seconds: float = 0.0  # stop, start, schema and its indexes online
    statuses: Counter[str] = field(default_factory=Counter)


def import_into_local_server(graph: BulkGraph, server: LocalServer, database: str) -> tuple[float, float]:
    """Stop the server, import the files, start it again; returns (import seconds, stop + start seconds)."""
    t0 = time.perf_counter()
    server.stop()
    t1 = time.perf_counter()
    run_import(server, graph.kinds, database, graph.dir)
    t2 = time.perf_counter()
    server.start()
    return t2 - t1, (t1 - t0) + (time.perf_counter() - t2)


def work_dir(parent: Path | None = None) -> Path:
    """Where the CSV files go: beside the server's data by default (they are as large as the store)."""
    return Path(tempfile.mkdtemp(prefix="coopgraph-bulk-", dir=str(parent) if parent else None))


def remove_work_dir(path: Path) -> None:
    if path.name.startswith("coopgraph-bulk-") and os.path.isdir(path):
        shutil.rmtree(path, ignore_errors=True)


PATCH_SOURCES = """
UNWIND $rows AS row
MATCH (a:Article {id: row.id})
SET a.sources = row.sources
"""


def finish_graph(driver: neo4j.Driver, database: str, graph: BulkGraph) -> None:
    """After the restart: the schema, the sources of texts that came from several files, then the events.

    The events are settled online, by the code the transactional path runs after its writes: the
    files hold each article as written under its own keys, so the graph is the same either way."""
    from coopgraph.graph.schema import apply_schema

    apply_schema(driver, database)
    rows = [{"id": aid, "sources": s} for aid, s in graph.sources.items() if len(s) > 1]
    if rows:
        driver.execute_query(PATCH_SOURCES, rows=rows, database_=database)
    settle_claims(driver, graph.claims, database)


def write_docker_args(graph: BulkGraph, database: str) -> list[str]:
    """For the Docker image: neo4j-admin's arguments as the container sees the folder (/import), in an
    argument file beside the CSV files; returns the commands that stop Neo4j, import and start it."""
    # the report beside the CSV files, not in the container's working directory
    args = format_import_args(
        graph.kinds, database, root=Path("/import"), extra=["--report-file=/import/import.report"]
    )
    (graph.dir / "import.args").write_text("\n".join(args) + "\n", encoding="utf-8")
    return [
        "docker compose stop neo4j",
        f"COOPGRAPH_IMPORT_DIR={graph.dir} docker compose --profile bulk run --rm neo4j-import",
        "docker compose up -d --wait neo4j",
        "coopgraph db init",
    ]
