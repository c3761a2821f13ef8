"""Neo4j Browser assets built from the query library: a GraSS style, a guide and favorites."""

from __future__ import annotations

import html
import json
import zipfile
from pathlib import Path

from coopgraph.library import Library, Param, Query

# One colour per label, the same as the reports' pictures; captions by name everywhere.
LABEL_STYLES = {
    "Region": "#4e79a7",
    "Country": "#e15759",
    "City": "#76b7b2",
    "Person": "#f28e2b",
    "Organization": "#59a14f",
    "Document": "#edc948",
    "Event": "#b07aa1",
    "Commodity": "#9c755f",
    "Article": "#bab0ac",
    "Source": "#d4d4d4",
}
LABEL_SIZES = {"Country": "80px", "Region": "65px", "Article": "30px", "Source": "20px"}
# Browser crashes on a caption property that a node or relationship lacks, so captions use properties
# every one of them has (an EXPORTS_TO without a named good has no commodity: it keeps its type).
CAPTIONS = {"Article": "{source}", "Source": "{key}"}
REL_CAPTIONS = {"HOLDS_POSITION": "{title}", "TRADE_VOLUME": "{kind}"}


def render_grass() -> str:
    """GraSS for Neo4j Browser: node colour and caption per label, relationship captions."""
    blocks = [
        "node {\n  diameter: 50px;\n  color: #A5ABB6;\n  border-color: #9AA1AC;\n  border-width: 2px;\n"
        "  text-color-internal: #FFFFFF;\n  font-size: 10px;\n  caption: '{name}';\n}",
        "relationship {\n  color: #A5ABB6;\n  shaft-width: 1px;\n  font-size: 8px;\n  padding: 3px;\n"
        "  text-color-external: #000000;\n  text-color-internal: #FFFFFF;\n  caption: '<type>';\n}",
    ]
    # Every entity also has the label Entity; Browser styles a node by its labels' rules in file order,
    # so the neutral Entity rule comes first and the type's rule overrides it.
    blocks.append("node.Entity {\n  color: #A5ABB6;\n  border-color: #9AA1AC;\n  caption: '{name}';\n}")
    for label, colour in LABEL_STYLES.items():
        blocks.append(
            f"node.{label} {{\n  color: {colour};\n  border-color: {darken(colour)};\n"
            f"  text-color-internal: #FFFFFF;\n  diameter: {LABEL_SIZES.get(label, '50px')};\n"
            f"  caption: '{CAPTIONS.get(label, '{name}')}';\n}}"
        )
    for rtype, caption in REL_CAPTIONS.items():
        blocks.append(f"relationship.{rtype} {{\n  caption: '{caption}';\n}}")
    return "\n\n".join(blocks) + "\n"


def darken(colour: str, factor: float = 0.8) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{int(c * factor):02x}" for c in (r, g, b))


def format_param_command(query: Query) -> str:
    """`:param {region: "Курганская область"}` with the header's example values (a Cypher map)."""
    if not query.params:
        return ""
    # keys are identifiers (the loader checks), values JSON literals, which Cypher reads as they are
    pairs = ", ".join(
        f"{name}: {json.dumps(value, ensure_ascii=False)}" for name, value in query.example_params().items()
    )
    return ":param {" + pairs + "}"


def render_guide(library: Library) -> str:
    """A Neo4j Browser guide (`:guide URL`): one slide per query, its parameters first, then the query."""
    slides = [
        '<slide class="row-fluid"><div class="col-sm-12"><h3>coopgraph: the curated queries</h3>'
        "<p>Interregional cooperation facts extracted from news articles. Each next slide sets "
        "the query's example parameters with <code>:param</code>, then runs the query. Click a "
        "block to put it into the editor.</p><ul>"
        + "".join(f"<li><b>{html.escape(q.name)}</b>: {html.escape(q.title)}</li>" for q in library)
        + "</ul></div></slide>"
    ]
    for q in library:
        params = format_param_command(q)
        param_block = f'<pre class="pre-scrollable code runnable">{html.escape(params)}</pre>' if params else ""
        slides.append(
            f'<slide class="row-fluid"><div class="col-sm-12"><h3>{html.escape(q.title)}</h3>'
            f"<p>{html.escape(q.description)}</p>"
            + "".join(
                f"<p><code>${html.escape(p.name)}</code> ({format_type(p)}): {html.escape(p.doc)}</p>" for p in q.params
            )
            + param_block
            + f'<pre class="pre-scrollable code runnable">{html.escape(strip_comments(q.body))}</pre>'
            f"<p><small>queries/{html.escape(q.path.name)} · CLI: <code>coopgraph query run "
            f"{html.escape(q.name)} --example</code></small></p></div></slide>"
        )
    return (
        '<article class="guide"><carousel class="deck container-fluid">\n'
        + "\n".join(slides)
        + "\n</carousel></article>\n"
    )


def format_type(param: Param) -> str:
    """`float`, or `float, default 0` for an optional parameter."""
    if not param.optional:
        return param.type
    return html.escape(f"{param.type}, default {json.dumps(param.default, ensure_ascii=False)}")


def strip_comments(body: str) -> str:
    """The body without whole-line comments: Browser shows the query, the guide explains it."""
    return "\n".join(line for line in body.strip().splitlines() if not line.strip().startswith("//")) + "\n"


def render_favorite(query: Query) -> str:
    """One favourite: a comment title, the example :param, and the query (multi-statement editor)."""
    params = format_param_command(query)
    return f"// {query.title}\n" + (f"{params};\n" if params else "") + strip_comments(query.body)


def export_browser_files(library: Library, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    style = directory / "style.grass"
    style.write_text(render_grass(), encoding="utf-8")
    guide = directory / "guide.html"
    guide.write_text(render_guide(library), encoding="utf-8")
    favorites = directory / "favorites.zip"
    with zipfile.ZipFile(favorites, "w", zipfile.ZIP_DEFLATED) as zf:
        for q in library:
            info = zipfile.ZipInfo(f"coopgraph/{q.name}.cypher", date_time=(2025, 1, 1, 0, 0, 0))
            zf.writestr(info, render_favorite(q))  # fixed dates: the same queries give the same zip
    return [style, guide, favorites]
