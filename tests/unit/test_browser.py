"""`coopgraph browser export`: GraSS with captions and colours, and a guide and favorites built from the queries."""

from __future__ import annotations

import html
import re
import zipfile
from importlib import resources
from pathlib import Path

from click.testing import CliRunner

from coopgraph.browser import LABEL_STYLES, render_grass, render_guide
from coopgraph.cli import cli
from coopgraph.library import load_library

SHIPPED = Path(str(resources.files("coopgraph.graph.browser")))


def test_export_writes_style_guide_and_favorites(tmp_path):
    result = CliRunner().invoke(cli, ["browser", "export", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    grass = (tmp_path / "style.grass").read_text(encoding="utf-8")
    for label in ("Country", "Region", "City", "Person", "Organization", "Document", "Commodity", "Event"):
        block = re.search(rf"node\.{label} \{{\n(.*?)\n\}}", grass, re.S).group(1)
        assert f"color: {LABEL_STYLES[label]};" in block and "caption: '{name}';" in block
    assert len(set(LABEL_STYLES.values())) == len(LABEL_STYLES), "one colour per label"
    # the neutral Entity rule comes before the type rules, so a type's colour wins in Browser
    assert grass.index("node.Entity") < grass.index("node.Region")

    library = load_library()
    guide = html.unescape((tmp_path / "guide.html").read_text(encoding="utf-8"))
    assert guide.count("<slide") == len(library) + 1
    assert ':param {region: "Курганская область"}' in guide
    assert ':param {a: "Северо-Казахстанская область", b: "Россия", min_confidence: 0.5}' in guide
    with zipfile.ZipFile(tmp_path / "favorites.zip") as zf:
        names = set(zf.namelist())
        assert names == {f"coopgraph/{q.name}.cypher" for q in library}
        favourite = zf.read("coopgraph/trade_figures.cypher").decode("utf-8")
    assert favourite.startswith("// Trade figures for a pair, with conflicts\n:param {")
    assert "$a" in favourite and "$b" in favourite


def test_the_committed_browser_files_are_up_to_date():
    # regenerate with `coopgraph browser export` after editing a query
    assert (SHIPPED / "style.grass").read_text(encoding="utf-8") == render_grass()
    assert (SHIPPED / "guide.html").read_text(encoding="utf-8") == render_guide(load_library())
