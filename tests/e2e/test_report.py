"""Canned reports on the seeds + dev graph: every row cites evidence found in its article; HTML renders in Chromium."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import extract_seed_facts, seed_texts

from coopgraph.cli import cli
from coopgraph.report import build_pair_report, build_region_report, render_html

SKO = "Северо-Казахстанская область"
REGION_HEADINGS = [
    "Region dossier: " + SKO,
    "Cooperation graph",
    "Activity over time",
    "Partners",
    "Visits timeline",
    "Documents",
    "Exports and imports by commodity",
    "Trade figures",
    "Officials",
    "Enterprises visited",
    "Sources",
]


@pytest.fixture
def seeds(seed_graph):
    return seed_graph


def env(settings) -> dict[str, str]:
    return {
        "NEO4J_URI": settings.uri,
        "NEO4J_USER": settings.user,
        "NEO4J_PASSWORD": settings.password,
        "NEO4J_DATABASE": settings.database,
    }


def test_every_row_of_the_sko_dossier_traces_to_a_seed_sentence(seeds):
    driver, database = seeds
    report = build_region_report(driver, SKO, database)
    texts = seed_texts()
    seed_sources = {f.article.source for f in extract_seed_facts()}
    rows = [row for section in report.sections for row in section.rows]
    assert len(rows) >= 5
    for row in rows:
        assert row["_cites"], f"a row without evidence: {row}"
        for cite in row["_cites"]:
            assert cite.source.source in seed_sources
            assert cite.quote in texts[cite.source.source], f"{cite.quote!r} is not in {cite.source.label}"
    # specific facts of seed 000 and dev-101
    partners = {r["partner"] for r in report.section("partners").rows}
    assert "Курганская область" in partners
    figures = {r["value"] for r in report.section("figures").rows}
    assert {694_000_000, 700_000_000} <= figures
    visit_rows = report.section("visits").rows
    visits = {(r["visitor"], r["host"]) for r in visit_rows}
    assert ("Курганская область", SKO) in visits
    # there and back: one row each (not once for the region and once for its head), dated and labelled
    kurgan = [r for r in visit_rows if {r["visitor"], r["host"]} == {"Курганская область", SKO}]
    assert len(kurgan) == 2 and all(r["date"] and r["date_source"] for r in kurgan)
    assert any(r["date_source"] == "event" for r in kurgan)
    assert report.activity and any(r["month"] != "unknown" for r in report.activity)
    officials = {(r["person"], r["title"]) for r in report.section("officials").rows}
    assert ("Гауез Нурмухамбетов", "аким") in officials
    assert report.network["focus"] == [SKO] and any(n["name"] == "Курганская область" for n in report.network["nodes"])


def test_cli_writes_a_self_contained_html_dossier(seeds, neo4j_settings, tmp_path):
    out = tmp_path / "sko.html"
    result = CliRunner().invoke(
        cli, ["report", "region", "СКО", "--format", "html", "-o", str(out)], env=env(neo4j_settings)
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    for heading in REGION_HEADINGS:
        assert re.search(rf"<h[12][^>]*>{re.escape(heading)}</h[12]>", page), heading
    # one file: no scripts, stylesheets, images or fonts from elsewhere
    assert not re.search(r"<script|<link|<img|@import|url\(|src=", page, re.I)
    assert page.count("<svg") == 2
    # the quote of a sampled row is on the page with its source number
    assert "694 миллионов долларов" in page and 'href="#src-1"' in page


def png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit, non-interlaced RGB/RGBA PNG (what Chromium writes) into rows of pixel bytes."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _c, _f, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and colour in (2, 6) and interlace == 0
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line) if bpp == 3 else bytes(v for j, v in enumerate(line) if j % 4 != 3))
        prev = line
    return width, height, rows


def find_chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    pytest.fail("headless Chromium is needed for the report test: apt-get install -y chromium")


def run_chromium(page: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    command = [
        find_chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        *args,
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_the_html_dossier_renders_in_headless_chromium(seeds, tmp_path):
    driver, database = seeds
    page = tmp_path / "sko.html"
    page.write_text(render_html(build_region_report(driver, SKO, database)), encoding="utf-8")
    shot = tmp_path / "sko.png"
    done = run_chromium(page, tmp_path, "--window-size=1280,1800", f"--screenshot={shot}")
    assert shot.is_file(), done.stderr[-2000:]
    width, height, rows = png_pixels(shot)
    assert (width, height) == (1280, 1800)
    # not blank: plenty of non-white pixels and many colours (text, the graph's nodes, the bars)
    step = 7
    sampled = [row[x * 3 : x * 3 + 3] for row in rows[::step] for x in range(0, width, step)]
    ink = sum(1 for px in sampled if sum(px) < 600) / len(sampled)
    assert ink > 0.02, f"only {ink:.1%} of the screenshot is not white"
    assert len(set(sampled)) > 50
    # the rendered DOM has the headings (Chromium parsed and laid out the page)
    dom = run_chromium(page, tmp_path, "--dump-dom").stdout
    for heading in REGION_HEADINGS:
        assert heading in dom


def test_markdown_dossier_and_pair_report(seeds, neo4j_settings, tmp_path):
    out = tmp_path / "sko.md"
    result = CliRunner().invoke(
        cli, ["report", "region", "Петропавловск", "--format", "md", "-o", str(out)], env=env(neo4j_settings)
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith(f"# Region dossier: {SKO}") and "## Trade figures" in text
    assert "data:image/svg+xml;base64," in text and "[1] «" in text

    driver, database = seeds
    report = build_pair_report(driver, "Курганская область", SKO, database)
    documents = report.section("documents").rows
    assert any({"Вадим Шумков", "Гауез Нурмухамбетов"} & set(r["signatories"]) for r in documents)
    texts = seed_texts()
    for section in report.sections:
        for row in section.rows:
            assert row["_cites"] and all(c.quote in texts[c.source.source] for c in row["_cites"])

    result = CliRunner().invoke(
        cli, ["report", "pair", "Курганская область", "СКО", "--format", "html"], env=env(neo4j_settings)
    )
    assert result.exit_code == 0 and "Pair report: Курганская область – " + SKO in result.stdout
    result = CliRunner().invoke(cli, ["report", "region", "Атлантида"], env=env(neo4j_settings))
    assert result.exit_code == 1 and "no region called 'Атлантида'" in result.output
