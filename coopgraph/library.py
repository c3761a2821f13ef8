"""The curated Cypher library: parse the `.cypher` files' headers, check them, and coerce parameters."""

from __future__ import annotations

import difflib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from coopgraph.exceptions import ParamError, QueryFileError, WriteRefused

# The queries ship as package data of `coopgraph.queries` (the repository's queries/ folder), so an
# installed wheel has the same library as a checkout.
QUERIES_PACKAGE = "coopgraph.queries"
HEADER_KEYS = ("name", "title", "description", "param", "mode")
REQUIRED_KEYS = ("name", "title", "description", "mode")
MODES = ("read", "write")
# Name types go through the gazetteer, so "СКО" or "Курганской области" work: `place` must be a
# known place, `region` a known region (a city stands for its region), `entity` is resolved when the
# gazetteer knows it and kept as typed otherwise (a person, a document).
NAME_TYPES = ("place", "region", "entity")
PARAM_TYPES = ("string", "int", "float", "bool", "date", "list") + NAME_TYPES
NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
KEY_RE = re.compile(r"//\s*([a-z_]+)\s*:\s?(.*)\Z")
PARAM_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*:\s*([a-z]+)\s*=\s*(.*)\Z")
DATE_RE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?\Z")
DEFAULT_RE = re.compile(r"default\s+")
REQUIRED = object()  # a parameter without a default: every run must give it
# Queries that list facts declare `min_confidence: float ... default 0` and leave out facts whose
# confidence is below it; `--min-confidence` of `query run` and of the reports sets it.
MIN_CONFIDENCE = "min_confidence"
BOOL_WORDS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    example: Any
    doc: str = ""
    line: int = 0
    default: Any = REQUIRED  # `= EXAMPLE default VALUE` in the header: the value when a run gives none

    @property
    def optional(self) -> bool:
        return self.default is not REQUIRED

    def describe(self) -> str:
        """`name: type`, or `name: type = default` for an optional parameter."""
        if not self.optional:
            return f"{self.name}: {self.type}"
        return f"{self.name}: {self.type} = {json.dumps(self.default, ensure_ascii=False)}"


@dataclass
class Query:
    name: str
    title: str
    description: str
    mode: str
    params: list[Param]
    body: str
    path: Path
    header: str = ""
    line: int = 1  # line of the `name:` key

    @property
    def text(self) -> str:
        return self.header + self.body

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def example_params(self) -> dict[str, Any]:
        return {p.name: p.example for p in self.params}

    def signature(self) -> str:
        return ", ".join(p.describe() for p in self.params)


@dataclass
class Library:
    queries: dict[str, Query] = field(default_factory=dict)

    def __iter__(self):
        return iter(self.queries.values())

    def __len__(self) -> int:
        return len(self.queries)

    def get(self, name: str) -> Query:
        if name in self.queries:
            return self.queries[name]
        raise KeyError(f"unknown query {name!r}{suggest(name, self.queries)}")


def suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.0)
    return f"; did you mean {close[0]!r}?" if close else ""


def queries_dir() -> Path:
    """`$COOPGRAPH_QUERIES`, else the installed package's query files."""
    override = os.environ.get("COOPGRAPH_QUERIES")
    return Path(override) if override else Path(str(resources.files(QUERIES_PACKAGE)))


def load_library(directory: Path | str | None = None) -> Library:
    """Every `*.cypher` file in the directory, checked; names are unique across files."""
    directory = Path(directory) if directory else queries_dir()
    lib = Library()
    for path in sorted(directory.glob("*.cypher")):
        query = load_query(path)
        if query.name in lib.queries:
            first = lib.queries[query.name]
            raise QueryFileError(
                path, query.line, f"duplicate query name {query.name!r} (first defined at {first.path}:{first.line})"
            )
        lib.queries[query.name] = query
    return lib


def load_query(path: Path | str) -> Query:
    path = Path(path)
    return parse_query(path.read_text(encoding="utf-8"), path)


def parse_query(text: str, path: Path | str = "<string>") -> Query:
    """Parse the `// key: value` header, then check that declared and used parameters agree."""
    path = Path(path)
    lines = text.splitlines(keepends=True)
    fields: dict[str, tuple[str, int]] = {}
    params: list[Param] = []
    last_key: str | None = None
    header_end = 0
    for i, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            header_end = i
            last_key = None
            continue
        if not line.startswith("//"):
            break
        header_end = i
        indent = len(line[2:]) - len(line[2:].lstrip())
        m = KEY_RE.match(line)
        if indent >= 2 and last_key is not None and last_key in ("title", "description"):
            # an indented comment line continues the text above it
            value, at = fields[last_key]
            fields[last_key] = (f"{value} {line[2:].strip()}".strip(), at)
        elif m and m.group(1) in HEADER_KEYS:
            key, value = m.group(1), m.group(2).strip()
            if key == "param":
                params.append(parse_param(value, path, i, params))
                last_key = None
                continue
            if key in fields:
                raise QueryFileError(path, i, f"header key {key!r} given twice (first on line {fields[key][1]})")
            fields[key] = (value, i)
            last_key = key
        elif m and indent < 2:
            raise QueryFileError(
                path,
                i,
                f"unknown header key {m.group(1)!r}; expected one of {', '.join(HEADER_KEYS)}"
                f"{suggest(m.group(1), HEADER_KEYS)}",
            )
        else:
            last_key = None
        # any other comment in the header is a plain comment
    for key in REQUIRED_KEYS:
        if not fields.get(key, ("", 0))[0]:
            raise QueryFileError(path, fields.get(key, ("", 1))[1] or 1, f"missing header key {key!r}")
    name, name_line = fields["name"]
    if not NAME_RE.match(name):
        raise QueryFileError(path, name_line, f"query name {name!r} is not an identifier")
    mode, mode_line = fields["mode"]
    if mode not in MODES:
        raise QueryFileError(path, mode_line, f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    header = "".join(lines[:header_end])
    body = "".join(lines[header_end:])
    if not strip_cypher(body).strip():
        raise QueryFileError(path, header_end + 1, "the query has no Cypher body")
    used = find_parameters(body, first_line=header_end + 1)
    declared = {p.name: p for p in params}
    for pname, line_no in used.items():
        if pname not in declared:
            raise QueryFileError(
                path, line_no, f"parameter ${pname} is used but not declared{suggest(pname, declared)}"
            )
    for p in params:
        if p.name not in used:
            raise QueryFileError(path, p.line, f"parameter {p.name!r} is declared but the query does not use it")
    return Query(
        name=name,
        title=fields["title"][0],
        description=fields["description"][0],
        mode=mode,
        params=params,
        body=body,
        path=path,
        header=header,
        line=name_line,
    )


def parse_param(spec: str, path: Path, line: int, seen: list[Param]) -> Param:
    """`NAME: TYPE = EXAMPLE [default DEFAULT] -- doc`, EXAMPLE and DEFAULT JSON literals (DEFAULT may be
    null: the query then reads a missing value as null)."""
    m = PARAM_RE.match(spec)
    if not m:
        raise QueryFileError(path, line, f"bad param {spec!r}; expected 'name: type = example -- description'")
    name, ptype, rest = m.groups()
    if ptype not in PARAM_TYPES:
        raise QueryFileError(
            path, line, f"unknown type {ptype!r} for {name!r}; expected one of {', '.join(PARAM_TYPES)}"
        )
    if any(p.name == name for p in seen):
        raise QueryFileError(path, line, f"parameter {name!r} declared twice")
    try:
        example, end = json.JSONDecoder().raw_decode(rest)
    except json.JSONDecodeError:
        raise QueryFileError(path, line, f"example for {name!r} must be a JSON literal, got {rest!r}") from None
    doc = rest[end:].strip()
    default: Any = REQUIRED
    given = DEFAULT_RE.match(doc)
    if given:
        default, doc = parse_default(name, ptype, doc[given.end() :], path, line)
    if doc and not doc.startswith("--"):
        raise QueryFileError(path, line, f"expected '-- description' after the example for {name!r}")
    try:
        example = coerce_value(ptype, example)
    except ParamError as exc:
        raise QueryFileError(path, line, f"example for {name!r}: {exc}") from None
    return Param(name=name, type=ptype, example=example, doc=doc[2:].strip(), line=line, default=default)


def parse_default(name: str, ptype: str, text: str, path: Path, line: int) -> tuple[Any, str]:
    """The JSON literal after `default` (checked against the type unless null) and the text after it."""
    try:
        default, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError:
        raise QueryFileError(path, line, f"default for {name!r} must be a JSON literal, got {text!r}") from None
    if default is not None:
        try:
            default = coerce_value(ptype, default)
        except ParamError as exc:
            raise QueryFileError(path, line, f"default for {name!r}: {exc}") from None
    return default, text[end:].strip()


def strip_cypher(text: str) -> str:
    """The Cypher with comments and string literals blanked out (newlines kept, so lines still count)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("".join(ch if ch == "\n" else " " for ch in text[i:j]))
            i = j
        elif c in "'\"`":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" and c != "`" else 1
            j = min(j + 1, n)
            # backticked names stay: `$`a b`` is a parameter name
            piece = text[i:j]
            out.append(piece if c == "`" else "".join(ch if ch == "\n" else " " for ch in piece))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


PARAM_USE_RE = re.compile(r"\$(?:([A-Za-z_][A-Za-z0-9_]*)|`([^`]+)`)")


def find_parameters(body: str, first_line: int = 1) -> dict[str, int]:
    """Parameter name → line of its first use, ignoring comments and strings."""
    found: dict[str, int] = {}
    clean = strip_cypher(body)
    for m in PARAM_USE_RE.finditer(clean):
        name = m.group(1) or m.group(2)
        found.setdefault(name, first_line + clean.count("\n", 0, m.start()))
    return found


def coerce_value(ptype: str, value: Any) -> Any:
    """A header example or a command-line string → the Python value the driver sends."""
    if ptype in ("string",) + NAME_TYPES:
        if not isinstance(value, str) or not value.strip():
            raise ParamError(f"expected a non-empty string, got {value!r}")
        return value.strip()
    if ptype == "int":
        if isinstance(value, bool):
            raise ParamError(f"expected an integer, got {value!r}")
        if isinstance(value, int):
            return value
        try:
            return int(str(value).strip())
        except ValueError:
            raise ParamError(f"expected an integer, got {value!r}") from None
    if ptype == "float":
        if isinstance(value, bool):
            raise ParamError(f"expected a number, got {value!r}")
        try:
            return float(str(value).strip().replace(",", "."))
        except ValueError:
            raise ParamError(f"expected a number, got {value!r}") from None
    if ptype == "bool":
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word not in BOOL_WORDS:
            raise ParamError(f"expected true or false, got {value!r}")
        return BOOL_WORDS[word]
    if ptype == "date":
        # dates are ISO strings or prefixes ("2025", "2025-05"), compared as text like the graph stores them
        if not isinstance(value, str) or not DATE_RE.match(value.strip()):
            raise ParamError(f"expected an ISO date like 2025-05-20 (or 2025-05, 2025), got {value!r}")
        return value.strip()
    if ptype == "list":
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                try:
                    value = json.loads(text)
                except json.JSONDecodeError:
                    raise ParamError(f"expected a JSON list or comma-separated values, got {value!r}") from None
            else:
                value = [v.strip() for v in text.split(",") if v.strip()]
        if not isinstance(value, list):
            raise ParamError(f"expected a list, got {value!r}")
        return value
    raise ParamError(f"unknown parameter type {ptype!r}")


Resolver = Callable[[str, str], str]


def bind_params(
    query: Query, given: dict[str, Any], resolve: Resolver | None = None, notes: list[str] | None = None
) -> dict[str, Any]:
    """Check names, coerce types and resolve place names; every problem names the closest valid choice.

    `resolve(type, value)` returns the canonical name or raises ParamError; `notes` collects
    "region: СКО → Северо-Казахстанская область" lines for the user.
    """
    declared = {p.name: p for p in query.params}
    for name in given:
        if name not in declared:
            if not declared:
                raise ParamError(f"query {query.name!r} takes no parameters, got {name!r}")
            raise ParamError(
                f"query {query.name!r} has no parameter {name!r}{suggest(name, declared)}"
                f" (parameters: {query.signature()})"
            )
    missing = [p for p in query.params if p.name not in given and not p.optional]
    if missing:
        first = missing[0]
        raise ParamError(
            f"missing parameter {first.name!r} ({first.type}) for query {query.name!r}; "
            f"e.g. -p {first.name} {format_example(first.example)} (or run it with --example)"
        )
    bound: dict[str, Any] = {}
    for p in query.params:
        if p.name not in given:  # an optional parameter: its default, as the header gives it
            bound[p.name] = p.default
            continue
        try:
            value = coerce_value(p.type, given[p.name])
            if p.type in NAME_TYPES and resolve is not None:
                canonical = resolve(p.type, value)
                if canonical != value and notes is not None:
                    notes.append(f"{p.name}: {value} → {canonical}")
                value = canonical
        except ParamError as exc:
            raise ParamError(f"parameter {p.name!r} of query {query.name!r}: {exc}") from None
        bound[p.name] = value
    return bound


def set_min_confidence(query: Query, given: dict[str, Any], value: float, library: Library | None = None) -> None:
    """Give `min_confidence` to a query that filters its facts by confidence; ParamError for one that does
    not (a summary or a ranking: it counts facts, it does not list them), naming the queries that do."""
    if query.param(MIN_CONFIDENCE) is None:
        takers = ", ".join(confidence_queries(library)) if library is not None else "the queries that declare it"
        raise ParamError(
            f"query {query.name!r} does not filter facts by confidence (it has no {MIN_CONFIDENCE} parameter); "
            f"--min-confidence applies to {takers}"
        )
    given[MIN_CONFIDENCE] = value


def confidence_queries(library: Library) -> list[str]:
    """The queries that declare `min_confidence`, by name."""
    return sorted(q.name for q in library if q.param(MIN_CONFIDENCE) is not None)


def format_example(value: Any) -> str:
    """An example value as one would type it after `-p NAME`."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False) if " " in value else value
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return json.dumps(value, ensure_ascii=False)


def resolve_name(ptype: str, value: str) -> str:
    """The gazetteer's canonical name for an inflected or abbreviated place name.

    `place` and `region` must resolve (a city given for a region stands for its region);
    `entity` falls back to the value as typed, since persons and documents are not in the gazetteer.
    """
    from coopgraph.ingest.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    place = gaz.lookup(value)
    if ptype == "entity":
        return place.name if place is not None else value
    if place is None:
        names = {p.name for p in gaz.places("Region" if ptype == "region" else None)}
        raise ParamError(
            f"no {'region' if ptype == 'region' else 'place'} called {value!r} in the gazetteer{suggest(value, names)}"
        )
    if ptype == "region" and place.type != "Region":
        region = gaz.region_of(place) if place.type == "City" else None
        if region is None:
            raise ParamError(f"{value!r} is a {place.type.lower()} ({place.name}), not a region")
        return region.name
    return place.name


# ---------------------------------------------------------------- running

DEFAULT_TIMEOUT = 30.0  # seconds; the server aborts a transaction that runs longer


def to_plain(value: Any) -> Any:
    """Driver values → JSON-friendly Python: nodes and relationships as dicts, temporals as ISO text."""
    import neo4j.graph

    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), **{k: to_plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Relationship):
        return {"type": value.type, **{k: to_plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Path):
        return [to_plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def run_cypher(
    driver,
    text: str,
    params: dict[str, Any] | None = None,
    *,
    database: str | None = None,
    write: bool = False,
    timeout: float | None = DEFAULT_TIMEOUT,
    limit: int | None = None,
    quiet: bool = False,
) -> tuple[list[str], list[dict]]:
    """Run Cypher in a READ transaction (the server then refuses writes) or, if asked, a WRITE one.

    Returns the column names and at most `limit` rows as plain dicts. `quiet` silences the server's
    notifications (the curated queries are known to be fine; ad-hoc Cypher keeps its warnings).
    """
    import neo4j
    from neo4j.exceptions import ClientError

    @neo4j.unit_of_work(timeout=timeout)
    def work(tx):
        result = tx.run(text, params or {})
        keys = list(result.keys())
        rows: list[dict[str, Any]] = []
        for record in result:
            if limit is not None and len(rows) >= limit:
                break
            rows.append({k: to_plain(record[k]) for k in keys})
        return keys, rows

    session_args = {"database": database}
    if quiet:
        session_args["notifications_min_severity"] = "OFF"
    try:
        with driver.session(**session_args) as session:
            return session.execute_write(work) if write else session.execute_read(work)
    except ClientError as exc:
        if not write and "AccessMode" in (exc.code or ""):
            raise WriteRefused(exc.message or str(exc)) from exc
        raise


def run_query(driver, query: Query, params: dict[str, Any], **kwargs: Any) -> tuple[list[str], list[dict]]:
    """Run a library query with bound parameters, in the transaction its mode asks for."""
    return run_cypher(driver, query.body, params, write=query.mode == "write", quiet=True, **kwargs)
