"""Bad input through `coopgraph ingest` on the real server: one stderr line per bad file, the rest loaded whole."""

from __future__ import annotations

import io
import json
import os
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from support import DATA, big_article
from test_ingest_cli import invoke, summary_counts

import coopgraph.ingest.read as read_mod
from coopgraph.graph.load import dump_graph
from coopgraph.graph.schema import wipe_data
from coopgraph.ingest.read import ArticleError, read_file, read_text
from coopgraph.pipeline import IngestReport, read_articles

INJECTION = '"}) MATCH (n) DETACH DELETE n //'
CAPTION = "Фото: пресс-служба акимата"
BIG_BYTES = 50 * 1024 * 1024
KAZAKH = (
    "Қазақстан мен Ресей өңірлері арасындағы ынтымақтастық туралы келісімге қол қойылды. "
    "Өңірлер арасындағы тауар айналымы өткен жылы айтарлықтай өсті."
)
ENGLISH = (
    "Kazakhstan and Russia signed a cooperation agreement between the border regions of Kurgan "
    "and North Kazakhstan; trade between them grew last year."
)


# The project's own test articles (clean Russian text, a headline first), one per kind of input below.
OWN = {
    "cp1251": "sko_delegation_in_kurgan",
    "utf16": "astrakhan_atyrau_plan",
    "html": "minsk_karaganda_trade",
    "odd": "omsk_pavlodar_visit",
    "captions": "kostanay_chelyabinsk_grain",
    "feed": "orenburg_aktobe_days",
}


def own_text(kind: str) -> str:
    return (DATA / "articles" / f"{OWN[kind]}.txt").read_text(encoding="utf-8")


def odd_unicode(text: str) -> bytes:
    """The text with a NUL byte, RTL/LTR marks, zero-width (non-)joiners and a BOM inside its words."""
    words = text.split(" ")
    marks = ["\u200f", "\u200d", "\u200b", "\u202a", "\u2060", "\x00", "\u200c", "\ufeff"]
    for i in range(3, len(words), 7):
        w = words[i]
        words[i] = w[:1] + marks[i % len(marks)] + w[1:]
    return ("\u200e" + " ".join(words)).encode("utf-8")


def html_page(text: str) -> str:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs[1:])
    return (
        f'<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Новости | Сайт</title>'
        "<script>var x = 'Читайте также';</script></head><body>"
        "<nav><ul><li>Главная</li><li>Политика</li></ul></nav>"
        f"<main><h1>{paragraphs[0]}</h1>{body}</main>"
        "<footer><p>© 2025 Сайт. Все права защищены.</p></footer></body></html>"
    )


def with_captions(text: str, n: int = 10_000) -> str:
    first, rest = text.split("\n\n", 1)
    return f"{first}\n\n" + "\n".join([CAPTION] * n) + f"\n\n{rest}"


def write_big_text(path: Path, size: int) -> None:
    line = "Губернатор Курганской области посетил Северо-Казахстанскую область и обсудил поставки. " * 4 + "\n"
    chunk = line.encode("utf-8") * (1024 * 1024 // len(line.encode("utf-8")))
    with open(path, "wb") as out:
        while out.tell() + len(chunk) <= size:
            out.write(chunk)
        out.write(b"x" * (size - out.tell()))


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", own_text("cp1251"))
    return buffer.getvalue()


@pytest.fixture
def graph(db):
    """A clean database after `coopgraph db init` (schema and gazetteer structure)."""
    result = invoke(db, "db", "init")
    assert result.exit_code == 0, result.output
    return db


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00" + bytes(200)


@pytest.fixture
def batch(tmp_path, monkeypatch):
    """A folder of good and bad inputs plus bad paths outside it: (paths to ingest, good paths, bad → problem)."""
    folder = tmp_path / "batch"
    (folder / "unreadable").mkdir(parents=True)
    good = {
        "cp1251.txt": own_text("cp1251").encode("cp1251"),
        "utf16.txt": own_text("utf16").encode("utf-16"),
        "page.html": html_page(own_text("html")).encode("utf-8"),
        "odd-unicode.txt": odd_unicode(own_text("odd")),
        "captions.txt": with_captions(own_text("captions")).encode("utf-8"),
    }
    for name, data in good.items():
        (folder / name).write_bytes(data)
    feed_good = json.dumps(
        {"text": own_text("feed"), "title": INJECTION, "source": f"feed/{INJECTION}"}, ensure_ascii=False
    )
    (folder / "feed.jsonl").write_text(feed_good + "\n" + '{"text": "Губернатор Курганской обл\n', encoding="utf-8")
    bad = {
        folder / "empty.txt": "empty file",
        folder / "blank.txt": "only whitespace, no text",
        folder / "photo.txt": "binary file, not text (PNG image)",
        folder / "archive.txt": "binary file, not text (zip archive)",
        folder / "big.txt": f"file too large: {BIG_BYTES} bytes, the limit is {read_mod.MAX_BYTES} (MAX_BYTES)",
        folder / "kk.txt": "not Russian: Kazakh text",
        folder / "en.txt": "not Russian: Latin-script (English?) text (lang=en)",
        folder / "truncated.json": "bad JSON: Unterminated string",
        folder / "deep.json": "bad JSON: nested too deeply",
        folder / "unreadable" / "locked.txt": "cannot read: Permission denied",
        folder / "unreadable" / "dangling.txt": "broken symbolic link: its target does not exist",
        folder / "unreadable" / "pipe.txt": "not a regular file",
        tmp_path / "picture.png": "binary file, not text (PNG image)",
        tmp_path / "bundle.zip": "binary file, not text (zip archive)",
        tmp_path / "no-such-folder" / "a.txt": "file not found",
    }
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(" \n\t\r\n \u3000\n".encode("utf-8"))
    (folder / "photo.txt").write_bytes(PNG)
    (folder / "archive.txt").write_bytes(zip_bytes())
    write_big_text(folder / "big.txt", BIG_BYTES)
    (folder / "kk.txt").write_text(KAZAKH, encoding="utf-8")
    (folder / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "truncated.json").write_text(
        json.dumps({"text": own_text("cp1251")}, ensure_ascii=False)[:300], encoding="utf-8"
    )
    (folder / "deep.json").write_text("[" * 100_000, encoding="utf-8")
    locked = folder / "unreadable" / "locked.txt"
    locked.write_text(own_text("cp1251"), encoding="utf-8")
    locked.chmod(0)
    # root reads a mode-000 file all the same, and CI runs as root: the OS refusal is simulated for it.
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    (folder / "unreadable" / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(folder / "unreadable" / "pipe.txt")
    (tmp_path / "picture.png").write_bytes(PNG)
    (tmp_path / "bundle.zip").write_bytes(zip_bytes())
    paths = [
        str(folder),
        str(tmp_path / "picture.png"),
        str(tmp_path / "bundle.zip"),
        str(tmp_path / "no-such-folder" / "a.txt"),
    ]
    bad[f"{folder / 'feed.jsonl'}:2"] = "bad JSON: Unterminated string"
    return paths, [folder / name for name in good] + [folder / "feed.jsonl"], bad


def test_a_mixed_batch_reports_each_bad_input_in_one_line_and_loads_the_rest_whole(graph, batch):
    paths, good, bad = batch
    result = invoke(graph, "ingest", *paths)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert summary_counts(result.stdout) == {"new": 6, "unchanged": 0, "replaced": 0, "failed": len(bad)}
    errors = result.stderr.splitlines()
    assert len(errors) == len(bad), result.stderr
    for path, problem in bad.items():
        [line] = [e for e in errors if e.startswith(f"{path}: ")]
        assert problem in line, line
    records, _, _ = graph.driver.execute_query(
        "MATCH (a:Article) RETURN a.source AS source, a.id AS id, a.title AS title, a.text AS text",
        database_=graph.database,
    )
    loaded = {r["source"]: r for r in records}
    folder = good[0].parent
    # Re-encoded and garbled copies of the test texts are read back to exactly the clean text.
    for name, kind in [
        ("cp1251.txt", "cp1251"),
        ("utf16.txt", "utf16"),
        ("odd-unicode.txt", "odd"),
        ("captions.txt", "captions"),
    ]:
        assert loaded[str(folder / name)]["id"] == read_text(own_text(kind), "x.txt").id, name
    assert CAPTION not in loaded[str(folder / "captions.txt")]["text"]
    page = loaded[str(folder / "page.html")]
    assert page["title"] == own_text("html").split("\n\n")[0]
    assert "Стороны договорились открыть в Караганде" in page["text"] and "Главная" not in page["text"]
    feed = loaded[f"feed/{INJECTION}"]
    assert feed["title"] == INJECTION and feed["id"] == read_text(own_text("feed"), "x").id
    records, _, _ = graph.driver.execute_query("MATCH (r:Region) RETURN count(r) AS n", database_=graph.database)
    assert records[0]["n"] > 100  # the gazetteer survived a title built to end a Cypher statement
    mixed = dump_graph(graph.driver, graph.database)

    # Ingesting the good inputs alone, from the same paths, gives the very same graph: nothing partial
    # of a bad file was written, and nothing twice.
    wipe_data(graph.driver, graph.database)
    assert invoke(graph, "db", "init").exit_code == 0
    feed_file = good[-1]
    first_line = feed_file.read_text(encoding="utf-8").split("\n")[0]
    feed_file.write_text(first_line + "\n\n", encoding="utf-8")  # the good line keeps its number
    alone = invoke(graph, "ingest", *map(str, good))
    assert alone.exit_code == 0, alone.output
    assert summary_counts(alone.stdout)["new"] == 6
    assert dump_graph(graph.driver, graph.database) == mixed

    again = invoke(graph, "ingest", *paths)
    assert summary_counts(again.stdout)["unchanged"] == 6
    assert dump_graph(graph.driver, graph.database) == mixed


def test_a_50_mb_file_is_refused_without_being_read(tmp_path):
    big = tmp_path / "big.txt"
    write_big_text(big, BIG_BYTES)
    report = IngestReport()
    tracemalloc.start()
    try:
        articles = read_articles((str(big),), report)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert articles == [] and [source for source, _ in report.failures] == [str(big)]
    assert peak < 1024 * 1024, f"reading a refused file allocated {peak} bytes"


def test_pathological_markup_and_json_are_read_or_refused_never_crash(tmp_path):
    body = "Губернатор Курганской области Вадим Шумков посетил Петропавловск и провёл переговоры с акимом."
    deep_html = tmp_path / "deep.html"
    deep_html.write_text(
        "<html><body>" + "<div>" * 50_000 + f"<p>{body}</p>" + "</div>" * 50_000 + "</body></html>", encoding="utf-8"
    )
    [article] = read_file(deep_html).articles
    assert body in article.text
    deep_jsonl = tmp_path / "deep.jsonl"
    deep_jsonl.write_text(
        json.dumps({"text": body}, ensure_ascii=False) + "\n" + "[" * 100_000 + "\n", encoding="utf-8"
    )
    result = read_file(deep_jsonl)
    assert len(result.articles) == 1 and [e.line for e in result.errors] == [2]
    deep_json = tmp_path / "deep.json"
    deep_json.write_text('{"a":' * 100_000, encoding="utf-8")
    with pytest.raises(ArticleError, match="deep.json: bad JSON: nested too deeply"):
        read_file(deep_json)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_an_article_over_the_time_budget_is_reported_and_leaves_nothing(graph, tmp_path, workers):
    folder = tmp_path / "batch"
    folder.mkdir()
    for kind in ("cp1251", "feed"):
        (folder / f"{kind}.txt").write_text(own_text(kind), encoding="utf-8")
    huge = big_article(folder)  # about 40 s of extraction, against a budget of 3 s
    result = invoke(graph, "ingest", str(folder), "--article-timeout", "3", "--workers", workers)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{huge}: took longer than 3 s: skipped"
    assert summary_counts(result.stdout) == {"new": 2, "unchanged": 0, "replaced": 0, "failed": 1}
    records, _, _ = graph.driver.execute_query(
        "MATCH (a:Article) RETURN collect(a.source) AS sources", database_=graph.database
    )
    assert sorted(records[0]["sources"]) == [str(folder / "cp1251.txt"), str(folder / "feed.txt")]
