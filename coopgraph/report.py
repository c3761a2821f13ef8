"""Canned reports: a region dossier and a pair report from library queries, as one HTML or Markdown file."""

from __future__ import annotations

import base64
import html
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from coopgraph.library import MIN_CONFIDENCE, Library, bind_params, load_library, run_cypher, run_query

# One row per (fact, supporting sentence): the report record (STATES) and the article it belongs to,
# found through the index on STATES.fact_id; at most CITED_PER_FACT per fact (a row shows 3).
CITED_PER_FACT = 10
CITATIONS = f"""
UNWIND $ids AS id
CALL (id) {{
  MATCH (a:Article)-[e:STATES {{fact_id: id}}]->() USING INDEX SEEK e:STATES(fact_id)
  RETURN a, e LIMIT {CITED_PER_FACT}
}}
RETURN id AS fact_id, a.id AS article, a.title AS title, a.source AS source, a.url AS url,
       a.outlet AS outlet, a.published AS published, e.sentence AS quote
"""
LABEL_COLOURS = {
    "Region": "#4e79a7",
    "Country": "#e15759",
    "City": "#76b7b2",
    "Person": "#f28e2b",
    "Organization": "#59a14f",
    "Document": "#edc948",
    "Event": "#b07aa1",
    "Commodity": "#9c755f",
}
MAX_QUOTES_PER_ROW = 3


@dataclass
class Source:
    number: int
    article: str
    title: str | None
    source: str | None
    url: str | None
    outlet: str | None
    published: str | None

    @property
    def label(self) -> str:
        return self.title or self.source or self.article


@dataclass
class Citation:
    source: Source
    quote: str


@dataclass
class Column:
    key: str
    header: str
    render: Callable[[dict], str] | None = None

    def text(self, row: dict) -> str:
        if self.render:
            return self.render(row)
        return format_value(row.get(self.key))


@dataclass
class Section:
    anchor: str
    title: str
    intro: str
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)


@dataclass
class Report:
    title: str
    subtitle: str
    sections: list[Section]
    network: dict  # {"nodes": [{name, type, weight}], "edges": [{a, b, weight}], "focus": [names]}
    activity: list[dict]  # [{month, series, facts}]
    sources: list[Source]
    generated: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))

    def section(self, anchor: str) -> Section:
        return next(s for s in self.sections if s.anchor == anchor)


def format_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.0f}".replace(",", " ") if value.is_integer() else f"{value:,.2f}".replace(",", " ")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return ", ".join(format_value(v) for v in value)
    return str(value)


def format_period(row: dict) -> str:
    if row.get("period_from") or row.get("period_to"):
        return f"{row.get('period_from') or '?'}–{row.get('period_to') or '?'}"
    return ""


# ---------------------------------------------------------------- collecting


class ReportBuilder:
    """Runs library queries and numbers the articles that the rows cite, in order of first use."""

    def __init__(
        self,
        driver,
        database: str | None = None,
        library: Library | None = None,
        timeout: float | None = 60.0,
        min_confidence: float | None = None,
    ):
        self.driver, self.database, self.timeout = driver, database, timeout
        self.library = library or load_library()
        self.sources: dict[str, Source] = {}
        self.min_confidence = min_confidence
        self.unfiltered: list[str] = []  # queries run that count every fact, whatever the threshold

    def run(self, name: str, **params: Any) -> list[dict]:
        query = self.library.get(name)
        if self.min_confidence is not None:
            # the sections that list facts take the threshold; summaries and rankings count them all
            if query.param(MIN_CONFIDENCE) is not None:
                params[MIN_CONFIDENCE] = self.min_confidence
            elif name not in self.unfiltered:
                self.unfiltered.append(name)
        bound = bind_params(query, params)  # names are canonical already: no gazetteer round trip
        _keys, rows = run_query(self.driver, query, bound, database=self.database, timeout=self.timeout)
        return rows

    def cite(self, rows: list[dict]) -> list[dict]:
        """Attach `_cites` (numbered sources with quotes) to each row from its fact_id / fact_ids."""
        ids = sorted({i for row in rows for i in row_fact_ids(row)})
        by_fact: dict[str, list[dict]] = {}
        if ids:
            _keys, found = run_cypher(
                self.driver, CITATIONS, {"ids": ids}, database=self.database, timeout=self.timeout, quiet=True
            )
            for c in found:
                by_fact.setdefault(c["fact_id"], []).append(c)
        for row in rows:
            cites: list[Citation] = []
            seen = set()
            for fid in row_fact_ids(row):
                for c in sorted(by_fact.get(fid, []), key=lambda c: (c["published"] or "", c["article"])):
                    key = (c["article"], c["quote"])
                    if key in seen:
                        continue
                    seen.add(key)
                    cites.append(Citation(self.number(c), c["quote"]))
            row["_cites"] = cites
        return rows

    def threshold_note(self) -> str:
        """What --min-confidence did, for the subtitle: '' without one."""
        if self.min_confidence is None:
            return ""
        note = f" · facts with confidence ≥ {self.min_confidence:g}"
        return note + (f" (not in: {', '.join(self.unfiltered)}, which count every fact)" if self.unfiltered else "")

    def number(self, c: dict) -> Source:
        if c["article"] not in self.sources:
            self.sources[c["article"]] = Source(
                len(self.sources) + 1, c["article"], c["title"], c["source"], c["url"], c["outlet"], c["published"]
            )
        return self.sources[c["article"]]


def row_fact_ids(row: dict) -> list[str]:
    ids = list(row.get("fact_ids") or [])
    if row.get("fact_id"):
        ids.insert(0, row["fact_id"])
    return [i for i in ids if i]


def ego_network(edges: list[dict], focus: list[str], limit: int = 24) -> dict:
    """The focus places, their partners (heaviest first) and every edge among them."""
    touching = [e for e in edges if e["a"] in focus or e["b"] in focus]
    touching.sort(key=lambda e: -e["weight"])
    names: dict[str, str] = {}
    for f in focus:
        names[f] = ""
    for e in touching:
        for side in ("a", "b"):
            if len(names) < limit or e[side] in names:
                names.setdefault(e[side], e[f"{side}_type"])
    for e in edges:
        for side in ("a", "b"):
            if e[side] in names and not names[e[side]]:
                names[e[side]] = e[f"{side}_type"]
    kept = [e for e in edges if e["a"] in names and e["b"] in names]
    weight = {n: 0 for n in names}
    for e in kept:
        weight[e["a"]] += e["weight"]
        weight[e["b"]] += e["weight"]
    nodes = [{"name": n, "type": t or "Region", "weight": weight[n]} for n, t in names.items()]
    return {"nodes": nodes, "edges": kept, "focus": focus}


def citation_column() -> Column:
    return Column("_cites", "Sources")


@dataclass(frozen=True)
class SectionSpec:
    """One dossier section as data: its key, title, description, columns and the library query behind it."""

    key: str
    title: str
    description: str
    columns: list[Column]
    query: str


# The region dossier's sections, in order; each query is run with the region as its only parameter.
REGION_SECTIONS = [
    SectionSpec(
        "partners",
        "Partners",
        "Places linked to the region by facts, most facts first.",
        [
            Column("partner", "Partner"),
            Column("type", "Type"),
            Column("facts", "Facts"),
            Column("kinds", "Kinds of fact"),
            citation_column(),
        ],
        "region_profile",
    ),
    SectionSpec(
        "visits",
        "Visits timeline",
        "One row per visit, however many articles report it; 'in' is a visit to the region. The date is the "
        "visit's own (event) when a text gives it, else the first publication date of its reports.",
        [
            Column("date", "Date", lambda r: f"{r['date']} ({r['date_source']})"),
            Column("visitor", "Visitor"),
            Column("host", "Host"),
            Column("heads", "Head of delegation"),
            Column("stops", "Places and enterprises visited"),
            Column("direction", "Direction"),
            Column("reports", "Reports"),
            citation_column(),
        ],
        "visits_timeline",
    ),
    SectionSpec(
        "documents",
        "Documents",
        "Documents the region (or its officials) signed or is party to.",
        [
            Column("document", "Document"),
            Column("kind", "Kind"),
            Column("signed", "Signed"),
            Column("period", "Period", format_period),
            Column("other_parties", "Other parties"),
            Column("signatories", "Signatories"),
            citation_column(),
        ],
        "region_documents",
    ),
    SectionSpec(
        "trade",
        "Exports and imports by commodity",
        "Export flows from and to the region; an import is an export of the partner.",
        [
            Column("direction", "Direction"),
            Column("commodity", "Commodity"),
            Column("partner", "Partner"),
            Column("flow", "Exporter → importer", lambda r: f"{r['exporter']} → {r['importer']}"),
            citation_column(),
        ],
        "region_trade_flows",
    ),
    SectionSpec(
        "figures",
        "Trade figures",
        "Reported turnover, export and import figures; disagreeing figures are marked as a conflict.",
        [
            Column("flow", "Between", lambda r: f"{r['source']} – {r['target']}"),
            Column("kind", "Kind"),
            Column("value", "Value"),
            Column("currency", "Currency"),
            Column("year", "Year"),
            Column(
                "conflict",
                "Conflict",
                lambda r: "conflict: " + format_value(r["reported_values"]) if r.get("conflict") else "",
            ),
            citation_column(),
        ],
        "region_trade_figures",
    ),
    SectionSpec(
        "officials",
        "Officials",
        "People holding an office in the region or its cities.",
        [Column("person", "Person"), Column("title", "Title"), Column("of", "Of"), citation_column()],
        "region_officials",
    ),
    SectionSpec(
        "enterprises",
        "Enterprises visited",
        "Organisations visited by the region's delegations.",
        [
            Column("organization", "Organisation"),
            Column("legal_form", "Legal form"),
            Column("visitor", "Visitor"),
            citation_column(),
        ],
        "enterprises_visited",
    ),
]


def build_region_report(
    driver, region: str, database: str | None = None, timeout: float | None = 60.0, min_confidence: float | None = None
) -> Report:
    """A region dossier; `region` is the canonical name (resolve user input with `resolve_name` first).
    `min_confidence` leaves out the facts less sure than it from the sections that list facts."""
    b = ReportBuilder(driver, database, timeout=timeout, min_confidence=min_confidence)
    sections = [
        Section(spec.key, spec.title, spec.description, spec.columns, b.cite(b.run(spec.query, region=region)))
        for spec in REGION_SECTIONS
    ]
    rows = {section.anchor: section.rows for section in sections}
    activity = [dict(r, series=region) for r in b.run("region_activity", region=region)]
    network = ego_network(b.run("cooperation_network", min_weight=1), [region])
    subtitle = (
        f"{len(rows['partners'])} partners · {len(rows['visits'])} visits · {len(rows['documents'])} documents · "
        f"{len(rows['trade'])} export flows · {len(rows['figures'])} trade figures · {len(b.sources)} source articles"
        + b.threshold_note()
    )
    return Report(f"Region dossier: {region}", subtitle, sections, network, activity, list(b.sources.values()))


def build_pair_report(driver, a: str, b_name: str, database: str | None = None, **options: Any) -> Report:
    """What two places have done together: documents, visits, trade flows and figures. `options` are
    ReportBuilder's `timeout` and `min_confidence`."""
    b = ReportBuilder(driver, database, **options)
    documents = b.cite(b.run("documents_between", a=a, b=b_name))
    visits = b.cite(b.run("visits_between", a=a, b=b_name))
    flows = b.cite(b.run("exports_imports", region=a, partner=b_name))
    figures = b.cite(b.run("trade_figures", a=a, b=b_name))
    activity = []
    for name in (a, b_name):
        if is_region(name):
            activity += [dict(r, series=name) for r in b.run("region_activity", region=name)]
    network = ego_network(b.run("cooperation_network", min_weight=1), [a, b_name], limit=20)
    sections = [
        Section(
            "documents",
            "Documents",
            f"Documents to which both {a} and {b_name} are party.",
            [
                Column("document", "Document"),
                Column("kind", "Kind"),
                Column("signed", "Signed"),
                Column("period", "Period", format_period),
                Column("parties", "Parties"),
                Column("signatories", "Signatories"),
                citation_column(),
            ],
            documents,
        ),
        Section(
            "visits",
            "Visits timeline",
            "Visits between the two, in date order.",
            [
                Column("date", "Date"),
                Column("visitor", "Visitor"),
                Column("host", "Host"),
                Column("direction", "Direction"),
                citation_column(),
            ],
            visits,
        ),
        Section(
            "trade",
            "Exports and imports by commodity",
            f"Seen from {a}: export goes to {b_name}.",
            [
                Column("direction", "Direction"),
                Column("commodity", "Commodity"),
                Column("flow", "Exporter → importer", lambda r: f"{r['exporter']} → {r['importer']}"),
                citation_column(),
            ],
            flows,
        ),
        Section(
            "figures",
            "Trade figures",
            "Reported figures between the two; disagreeing ones are conflicts.",
            [
                Column("flow", "Between", lambda r: f"{r['source']} – {r['target']}"),
                Column("kind", "Kind"),
                Column("value", "Value"),
                Column("currency", "Currency"),
                Column("year", "Year"),
                Column(
                    "conflict",
                    "Conflict",
                    lambda r: "conflict: " + format_value(r["reported_values"]) if r.get("conflict") else "",
                ),
                citation_column(),
            ],
            figures,
        ),
    ]
    subtitle = (
        f"{len(documents)} documents · {len(visits)} visits · {len(flows)} export flows · "
        f"{len(figures)} trade figures · {len(b.sources)} source articles" + b.threshold_note()
    )
    return Report(f"Pair report: {a} – {b_name}", subtitle, sections, network, activity, list(b.sources.values()))


def is_region(value: str) -> bool:
    """Whether `value` names a region in the gazetteer (a country has no region activity)."""
    from coopgraph.library import ParamError, resolve_name

    try:
        return resolve_name("region", value) == value
    except ParamError:
        return False


# ---------------------------------------------------------------- pictures (inline SVG, no scripts)


def render_network_svg(network: dict, width: int = 760, height: int = 520) -> str:
    """A circular layout: focus places in the middle, partners on a ring; edge width by weight."""
    nodes, edges, focus = network["nodes"], network["edges"], network["focus"]
    if not nodes:
        return svg_message("No cooperation facts yet", width, 120)
    cx, cy = width / 2, height / 2
    pos: dict[str, tuple[float, float]] = {}
    if len(focus) == 1:
        pos[focus[0]] = (cx, cy)
    else:
        for i, f in enumerate(focus):
            pos[f] = (cx + (i - (len(focus) - 1) / 2) * 170, cy)
    ring = [n for n in nodes if n["name"] not in pos]
    ring.sort(key=lambda n: (-n["weight"], n["name"]))
    radius = min(width, height) / 2 - 70
    for i, n in enumerate(ring):
        angle = -math.pi / 2 + 2 * math.pi * i / max(1, len(ring))
        pos[n["name"]] = (cx + radius * 1.25 * math.cos(angle), cy + radius * math.sin(angle))
    max_w = max([e["weight"] for e in edges] + [1])
    max_n = max([n["weight"] for n in nodes] + [1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="Cooperation graph">',
        f'<rect width="{width}" height="{height}" fill="#fbfbfd"/>',
    ]
    for e in edges:
        (x1, y1), (x2, y2) = pos[e["a"]], pos[e["b"]]
        w = 1.5 + 7 * e["weight"] / max_w
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#8896ab" '
            f'stroke-opacity="0.75" stroke-width="{w:.1f}"><title>{esc(e["a"])} – {esc(e["b"])}: '
            f"{e['weight']} facts</title></line>"
        )
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        parts.append(
            f'<text x="{mx:.1f}" y="{my:.1f}" font-size="11" fill="#445" text-anchor="middle" '
            f'dy="-3">{e["weight"]}</text>'
        )
    for n in nodes:
        x, y = pos[n["name"]]
        r = 9 + 16 * math.sqrt(n["weight"] / max_n)
        colour = LABEL_COLOURS.get(n["type"], "#999")
        bold = ' font-weight="bold"' if n["name"] in focus else ""
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}" stroke="#fff" '
            f'stroke-width="2"><title>{esc(n["name"])} ({esc(n["type"])})</title></circle>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{y + r + 13:.1f}" font-size="12" text-anchor="middle" '
            f'fill="#222"{bold}>{esc(n["name"])}</text>'
        )
    legend_types = sorted({n["type"] for n in nodes})
    for i, t in enumerate(legend_types):
        parts.append(
            f'<circle cx="{16}" cy="{18 + 18 * i}" r="6" fill="{LABEL_COLOURS.get(t, "#999")}"/>'
            f'<text x="28" y="{22 + 18 * i}" font-size="12" fill="#333">{esc(t)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def render_activity_svg(activity: list[dict], width: int = 760, height: int = 260) -> str:
    """Bars of facts per month they happened, else of their articles (one colour per series)."""
    if not activity:
        return svg_message("No dated activity yet", width, 120)
    months = sorted({r["month"] for r in activity}, key=lambda m: (m == "unknown", m))
    series = list(dict.fromkeys(r["series"] for r in activity))
    value = {(r["month"], r["series"]): r["facts"] for r in activity}
    top = max(value.values())
    left, bottom, plot_h = 48, 40, height - 70
    slot = (width - left - 20) / len(months)
    bar = max(4.0, min(48.0, slot * 0.8 / len(series)))
    colours = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759"]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="Activity over time">',
        f'<rect width="{width}" height="{height}" fill="#fbfbfd"/>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="#555"/>',
    ]
    for tick in sorted({0, top, (top + 1) // 2}):
        y = height - bottom - plot_h * tick / top
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#444">{tick}</text>'
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" stroke="#ddd"/>'
        )
    for i, m in enumerate(months):
        x0 = left + i * slot + (slot - bar * len(series)) / 2
        for j, s in enumerate(series):
            v = value.get((m, s), 0)
            h = plot_h * v / top
            colour = "#bbb" if m == "unknown" else colours[j % len(colours)]
            parts.append(
                f'<rect x="{x0 + j * bar:.1f}" y="{height - bottom - h:.1f}" width="{bar - 2:.1f}" '
                f'height="{h:.1f}" fill="{colour}"><title>{esc(s)}, {esc(m)}: {v} facts</title></rect>'
            )
        parts.append(
            f'<text x="{left + i * slot + slot / 2:.1f}" y="{height - bottom + 16}" font-size="11" '
            f'text-anchor="middle" fill="#333">{esc(m)}</text>'
        )
    if len(series) > 1:
        for j, s in enumerate(series):
            parts.append(
                f'<rect x="{left + 10 + 260 * j}" y="8" width="12" height="12" fill="{colours[j % 4]}"/>'
                f'<text x="{left + 28 + 260 * j}" y="18" font-size="12">{esc(s)}</text>'
            )
    parts.append(
        f'<text x="{left}" y="{height - 6}" font-size="11" fill="#666">facts per month they happened (the '
        f'date the text gives, else the publication date; "unknown": neither)</text></svg>'
    )
    return "".join(parts)


def svg_message(text: str, width: int, height: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}"><rect width="{width}" height="{height}" fill="#fbfbfd"/>'
        f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="#666">{esc(text)}</text></svg>'
    )


def esc(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


# ---------------------------------------------------------------- HTML and Markdown

CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:24px auto;max-width:1180px;color:#1d2330;background:#fff}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 6px;border-bottom:2px solid #4e79a7;padding-bottom:3px}
.sub{color:#555;margin:0 0 14px}.intro{color:#555;margin:2px 0 8px;font-size:13px}
table{border-collapse:collapse;width:100%;font-size:13px}th{background:#eef2f7;text-align:left}
th,td{border:1px solid #d5dbe3;padding:4px 6px;vertical-align:top}tr:nth-child(even) td{background:#fafbfc}
td.cites{font-size:12px;color:#333;width:42%}.cite{margin:0 0 3px}.cite a{font-weight:bold;text-decoration:none}
q{font-style:italic;color:#3a4250}.conflict{color:#b00020;font-weight:bold}.empty{color:#777;font-style:italic}
ol.sources{font-size:13px}ol.sources li{margin-bottom:3px}nav a{margin-right:10px;font-size:13px}
figure{margin:8px 0}figcaption{font-size:12px;color:#555}
"""


def render_html(report: Report) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="ru"><head><meta charset="utf-8">',
        f"<title>{esc(report.title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{esc(report.title)}</h1>",
        f'<p class="sub">{esc(report.subtitle)} · generated {esc(report.generated)}</p>',
        "<nav>"
        + "".join(f'<a href="#{s.anchor}">{esc(s.title)}</a>' for s in report.sections)
        + '<a href="#graph">Cooperation graph</a><a href="#activity">Activity over time</a>'
        '<a href="#sources">Sources</a></nav>',
    ]
    out.append(
        '<h2 id="graph">Cooperation graph</h2><figure>'
        + render_network_svg(report.network)
        + "<figcaption>Places linked by facts; line width and the number on it: facts between the two."
        "</figcaption></figure>"
    )
    out.append('<h2 id="activity">Activity over time</h2><figure>' + render_activity_svg(report.activity) + "</figure>")
    for s in report.sections:
        out.append(f'<h2 id="{s.anchor}">{esc(s.title)}</h2><p class="intro">{esc(s.intro)}</p>')
        if not s.rows:
            out.append('<p class="empty">Nothing in the graph.</p>')
            continue
        out.append(
            "<table><thead><tr>" + "".join(f"<th>{esc(c.header)}</th>" for c in s.columns) + "</tr></thead><tbody>"
        )
        for row in s.rows:
            cells = []
            for c in s.columns:
                if c.key == "_cites":
                    cells.append('<td class="cites">' + render_cites_html(row.get("_cites", [])) + "</td>")
                elif c.key == "conflict" and row.get("conflict"):
                    cells.append(f'<td class="conflict">{esc(c.text(row))}</td>')
                else:
                    cells.append(f"<td>{esc(c.text(row))}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody></table>")
    out.append('<h2 id="sources">Sources</h2><ol class="sources">')
    for src in report.sources:
        meta = ", ".join(x for x in (src.outlet, src.published) if x)
        link = f' <a href="{esc(src.url)}">{esc(src.url)}</a>' if src.url else f" <code>{esc(src.source)}</code>"
        out.append(
            f'<li id="src-{src.number}"><b>{esc(src.label)}</b>{" (" + esc(meta) + ")" if meta else ""}{link}</li>'
        )
    out.append("</ol></body></html>")
    return "\n".join(out)


def render_cites_html(cites: list[Citation]) -> str:
    if not cites:
        return '<span class="empty">no evidence</span>'
    parts = [
        f'<div class="cite"><a href="#src-{c.source.number}" title="{esc(c.source.label)}">'
        f"[{c.source.number}]</a> {esc(short_label(c.source.label))}: <q>{esc(c.quote)}</q></div>"
        for c in cites[:MAX_QUOTES_PER_ROW]
    ]
    if len(cites) > MAX_QUOTES_PER_ROW:
        parts.append(f'<div class="cite">… and {len(cites) - MAX_QUOTES_PER_ROW} more</div>')
    return "".join(parts)


def short_label(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_markdown(report: Report) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    out = [f"# {report.title}", "", f"{report.subtitle} · generated {report.generated}", ""]
    out += ["## Cooperation graph", "", f"![Cooperation graph]({svg_data_uri(render_network_svg(report.network))})", ""]
    out += [
        "## Activity over time",
        "",
        f"![Activity over time]({svg_data_uri(render_activity_svg(report.activity))})",
        "",
    ]
    for s in report.sections:
        out += [f"## {s.title}", "", s.intro, ""]
        if not s.rows:
            out += ["_Nothing in the graph._", ""]
            continue
        out.append("| " + " | ".join(c.header for c in s.columns) + " |")
        out.append("|" + "|".join("---" for _ in s.columns) + "|")
        for row in s.rows:
            cells = []
            for c in s.columns:
                if c.key == "_cites":
                    cites = row.get("_cites", [])
                    cells.append(
                        "<br>".join(f"[{x.source.number}] «{cell(x.quote)}»" for x in cites[:MAX_QUOTES_PER_ROW])
                        or "no evidence"
                    )
                else:
                    cells.append(cell(c.text(row)))
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    out += ["## Sources", ""]
    for src in report.sources:
        meta = ", ".join(x for x in (src.outlet, src.published) if x)
        out.append(f"{src.number}. **{src.label}**{' (' + meta + ')' if meta else ''} — {src.url or src.source}")
    return "\n".join(out) + "\n"


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def render_report(report: Report, fmt: str) -> str:
    return render_html(report) if fmt == "html" else render_markdown(report)
