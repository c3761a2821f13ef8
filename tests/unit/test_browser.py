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
from coopgraph.graph.server import format_config, load_web_files, write_web
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


def test_the_web_zip_is_the_browser_with_our_files_folders_first(tmp_path):
    # the server unpacks it one entry at a time (a folder before its files) and serves its first entry
    jar = tmp_path / "neo4j-browser-5.24.0.jar"
    with zipfile.ZipFile(jar, "w") as zf:
        zf.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
        zf.writestr("browser/index.html", "<html></html>")
        zf.writestr("browser/assets/fonts/a.woff", "font")
    target = write_web(jar, tmp_path / "web", load_web_files())
    assert target == tmp_path / "web" / "neo4j-browser.zip"
    with zipfile.ZipFile(target) as zf:
        names = zf.namelist()
        assert zf.read("browser/coopgraph/guide.html") == (SHIPPED / "guide.html").read_bytes()
        assert zf.read("browser/coopgraph/style.grass") == (SHIPPED / "style.grass").read_bytes()
        assert zf.read("browser/index.html") == b"<html></html>"
    assert names[0] == "browser/" and not any(n.startswith("META-INF") for n in names)
    for i, name in enumerate(names):
        parent = name.rstrip("/").rpartition("/")[0] + "/"
        assert parent == "/" or parent in names[:i], f"{name} comes before its folder"
    # rebuilt only when the jar or a file changed
    built = target.stat().st_mtime_ns
    write_web(jar, tmp_path / "web", load_web_files())
    assert target.stat().st_mtime_ns == built
    write_web(jar, tmp_path / "web", {**load_web_files(), "guide.html": b"<article></article>"})
    with zipfile.ZipFile(target) as zf:
        assert zf.read("browser/coopgraph/guide.html") == b"<article></article>"


def test_the_server_config_readies_browser(tmp_path):
    config = format_config(tmp_path, 7687, 7474, "1g", "1g")
    assert (
        "browser.post_connect_cmd=clear; style http://127.0.0.1:7474/browser/coopgraph/style.grass; "
        "play http://127.0.0.1:7474/browser/coopgraph/guide.html\n" in config
    )
    assert "browser.remote_content_hostname_whitelist=127.0.0.1,localhost\n" in config
    assert "client.allow_telemetry=false\n" in config
    policy = next(line for line in config.splitlines() if line.startswith("dbms.security.http_static_content"))
    for host in ("segment", "canny", "googleapis", "gstatic", "guides.neo4j.com"):
        assert host not in policy
