"""Reading articles from .txt/.html/.json/.jsonl files into `Article` records (decode, normalise, strip furniture)."""

from __future__ import annotations

# Error policy: problems with a whole file (missing, empty, binary, too large, undecodable, bad
# JSON in a .json file) raise `ArticleError`. Problems with one record (a bad JSONL line, a record
# without text, a text that is not Russian) do not stop the others: `read_file` returns them in
# `ReadResult.errors`, and `read_path` raises the first one unless the caller passes an `errors`
# list to collect them. A non-Russian text is reported, never silently dropped: its error carries
# `lang` ("kk", "uk", "be", "en", "und") and the reason, and the caller decides to skip it.
import glob
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import charset_normalizer

from coopgraph.exceptions import ArticleError
from coopgraph.ingest.dates import CALENDAR, DATE_PATTERNS, iso_date, parse_date, parse_day_month
from coopgraph.ingest.furniture import (
    TIME_RE,
    WEEKDAY_RE,
    classify_line,
    is_date_line,
    is_headline,
    strip_furniture,
)
from coopgraph.ingest.published import Published, choose, machine_date, record_date, url_date
from coopgraph.ingest.records import Article, PublishedFrom

MAX_BYTES = 5 * 1024 * 1024  # one article page is far below this; bigger inputs are dumps, not articles
KNOWN_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")
KAZAKH_SHARE = (
    0.02  # Kazakh text has ~5–9 % of its Cyrillic letters in әғқңөұүһі; a Russian text with Kazakh names ≪ 1 %
)
# Russian words Kazakh text does not use: a Russian article full of Kazakh names and places ("Қасым
# Әбдіхалықұлы", "Түркістан", "Жетісу облысы") still has them in about one word in five.
RUSSIAN_FUNCTION_WORDS = frozenset("и в на с по что не из для о к от за как это также его ее их был была".split())
RUSSIAN_WORD_SHARE = 0.08

BINARY_MAGIC = {
    b"\x89PNG": "PNG image",
    b"PK\x03\x04": "zip archive",
    b"PK\x05\x06": "zip archive",
    b"%PDF": "PDF document",
    b"GIF8": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
    b"\x1f\x8b": "gzip archive",
    b"7z\xbc\xaf": "7z archive",
    b"Rar!": "RAR archive",
    b"\x7fELF": "executable",
    b"MZ": "executable",
    b"\xd0\xcf\x11\xe0": "MS Office document",
    b"SQLite format": "SQLite database",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ": "xz archive",
}
BOMS = [
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]
# Invisible characters that scraped text carries: zero-width, BOM, bidi marks, soft hyphen.
INVISIBLE_RE = re.compile("[\x00\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u061c]")
CONTROL_RE = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
SPACE_RE = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Latin letters typed inside Cyrillic words ("Oмской", "Хоцeнко": a copy-paste or a keyboard layout): they
# look the same and break every dictionary and gazetteer look-up. Only a word with a Cyrillic letter and no
# Latin letter without a look-alike is mended, one letter for one ("KazakhExport" and "iPhone" stay).
_LOOKALIKES = str.maketrans("AaBCcEeHKkMOoPpTXxYyIi", "АаВСсЕеНКкМОоРрТХхУуІі")  # one for one
_CYRILLIC = "а-яёА-ЯЁіІәғқңөұүһӘҒҚҢӨҰҮҺ"
_LATIN_LOOKALIKE = "AaBCcEeHKkMOoPpTXxYyIi"
_MIXED_WORD_RE = re.compile(rf"\b(?=\w*[{_CYRILLIC}])(?=\w*[{_LATIN_LOOKALIKE}])[{_CYRILLIC}{_LATIN_LOOKALIKE}]+\b")

KNOWN_OUTLETS = [
    "Sputnik",
    "Kazinform",
    "Казинформ",
    "Tengrinews",
    "BAQ.KZ",
    "Zakon.kz",
    "Informburo",
    "Nur.kz",
    "Total.kz",
    "Lada.kz",
    "Kursiv",
    "Курсив",
    "Forbes Kazakhstan",
    "Inbusiness.kz",
    "Казахстанская правда",
    "Хабар 24",
    "Khabar 24",
    "24.kz",
    "Vlast.kz",
    "Orda.kz",
    "КТК",
    "Atameken Business",
    "Деловой Казахстан",
    "DKnews",
    "Time.kz",
    "El.kz",
    "ТАСС",
    "РИА Новости",
    "Интерфакс",
    "Интерфакс-Казахстан",
    "РБК",
    "Коммерсантъ",
    "Известия",
    "Российская газета",
    "REGNUM",
    "Regnum",
    "ИА REGNUM",
    "Новости-Казахстан",
    "ПРАЙМ",
    "БЕЛТА",
    "BelTA",
    "Минская правда",
    "СБ. Беларусь сегодня",
    "Sputnik Беларусь",
    "Podrobno.uz",
    "Uzdaily",
    "Kun.uz",
    "Газета.uz",
    "АКИpress",
    "24.kg",
    "Kabar",
    "Диапазон",
    "Индустриальная Караганда",
    "Северный Казахстан",
    "Приуралье",
    "Уральская неделя",
    "Наш Костанай",
    "Костанайские новости",
    "Ak Zhaiyk",
    "Ақ Жайық",
    "Оренбуржье",
    "Урал56.ру",
]
HOST_OUTLETS = {
    "sputnik.kz": "Sputnik",
    "ru.sputnik.kz": "Sputnik",
    "inform.kz": "Kazinform",
    "kazinform.kz": "Kazinform",
    "tengrinews.kz": "Tengrinews",
    "baq.kz": "BAQ.KZ",
    "zakon.kz": "Zakon.kz",
    "informburo.kz": "Informburo",
    "nur.kz": "Nur.kz",
    "lada.kz": "Lada.kz",
    "kursiv.media": "Курсив",
    "kazpravda.kz": "Казахстанская правда",
    "tass.ru": "ТАСС",
    "ria.ru": "РИА Новости",
    "interfax.ru": "Интерфакс",
    "interfax.kz": "Интерфакс-Казахстан",
    "rbc.ru": "РБК",
    "kommersant.ru": "Коммерсантъ",
    "iz.ru": "Известия",
    "rg.ru": "Российская газета",
    "regnum.ru": "REGNUM",
    "belta.by": "БЕЛТА",
    "diapazon.kz": "Диапазон",
    "ekaraganda.kz": "Индустриальная Караганда",
}
DATELINE_RES = [
    # "АСТАНА, 11 окт – Sputnik." / "МОСКВА, 14 апреля 2025 — РИА Новости."
    re.compile(
        r"^[A-ZА-ЯЁ][A-ZА-ЯЁ\- ]{1,30},\s*(?P<date>\d{1,2}\s+[^\W\d]+\.?(?:\s+\d{4})?(?:,?\s*\d{1,2}:\d{2})?)"
        r"\s*[–—-]+\s*(?P<outlet>[^.–—\n]{2,40}?)\.(?:\s|$)"
    ),
    # "22 февраля, Минск /Корр. БЕЛТА/." / "МОСКВА, 14 апреля. /ТАСС/."
    re.compile(
        r"^(?:(?P<date>\d{1,2}\s+\w+\.?(?:\s+\d{4})?),\s*)?[A-ZА-ЯЁ][\w\- ]{1,30}?"
        r"(?:,\s*(?P<date2>\d{1,2}\s+\w+(?:\s+\d{4})?))?\.?\s*/\s*(?:[Кк]орр\.\s*)?(?P<outlet>[A-ZА-ЯЁ][^/\n]{0,38}[^/\s])/"
        # (no space before the closing slash: "Гродненская правда / Экономика / 11.04.2024" is a breadcrumb)
    ),
    # "АСТАНА. KAZINFORM – …"
    re.compile(
        r"^[A-ZА-ЯЁ][A-ZА-ЯЁ\-]+(?: [A-ZА-ЯЁ\-]+)?\.\s+(?P<outlet>[A-ZА-ЯЁ][A-ZА-ЯЁ.\-]+(?: [A-ZА-ЯЁ]+)?)\s*[–—-]"
    ),
]
MAX_STAMP_CHARS = 150  # a publication stamp stands at the start of a header line, not deep in a paragraph
PUBLISHED_MARKER_RE = re.compile(
    r"(?<![а-яёa-z])(?:{})(?![а-яёa-z])".format("|".join(map(re.escape, CALENDAR.publication_markers))), re.I
)
CREDIT_OUTLET_RE = re.compile(
    r"(?:сообщает|сообщают|передает|передаёт|пишет|информирует|сообщили|корреспонденту|по данным)\s+"
    r"(?P<ia>ИА\s+|агентств\w*\s+|издани\w*\s+|газет\w*\s+|портал\w*\s+)?"
    r"(?P<outlet>[«\"“][^»\"”\n]{2,40}[»\"”]|[A-ZА-ЯЁ0-9][\w\-]*(?:\.[a-z]{2,6})?(?:\s[A-ZА-ЯЁ][\w\-]*)?)"
)


@dataclass
class ReadResult:
    """The articles of one file and the records of it that could not be read."""

    articles: list[Article] = field(default_factory=list)
    errors: list[ArticleError] = field(default_factory=list)


# ---------------------------------------------------------------- files and sources


def iter_sources(paths: Iterable[str], skipped: list[str] | None = None) -> Iterator[Path]:
    """Expand files, folders (recursive, sorted, known suffixes, no hidden entries) and globs; each file once.

    A missing path or a glob that matches nothing is yielded as it is, so that `read_path`
    reports it ("file not found", "no files match") like any other unreadable source. Files in a
    folder that no reader takes (by suffix) are appended to `skipped`, so the caller can name them.
    """
    seen: set[Path] = set()
    for spec in paths:
        for path in expand_source(str(spec), skipped):
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield path


def expand_source(spec: str, skipped: list[str] | None = None) -> list[Path]:
    path = Path(spec)
    if path.is_dir():
        # Not only regular files: a dangling link or a FIFO named *.txt is reported when read, not skipped.
        found = sorted(
            p
            for p in path.rglob("*")
            if not p.is_dir() and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if skipped is not None:
            skipped.extend(str(p) for p in found if p.suffix.lower() not in KNOWN_SUFFIXES)
        return [p for p in found if p.suffix.lower() in KNOWN_SUFFIXES]
    if path.exists():
        return [path]
    if glob.has_magic(spec):
        files = [m for m in sorted(Path(m) for m in glob.glob(spec, recursive=True)) if m.is_file()]
        return files or [path]
    return [path]


def read_path(path: Path, errors: list[ArticleError] | None = None) -> list[Article]:
    """Read one file into its articles.

    Whole-file problems always raise. Record problems are appended to `errors` when a list is
    given (the good records are still returned); without it the first one is raised.
    """
    result = read_file(Path(path))
    if errors is None:
        if result.errors:
            raise result.errors[0]
    else:
        errors.extend(result.errors)
    return result.articles


def read_file(path: Path) -> ReadResult:
    """Read one file; raise `ArticleError` for whole-file problems, collect record problems."""
    source = str(path)
    data = read_bytes(path)
    decoded = decode_bytes(data, source)
    text = normalize_text(decoded)
    if not text.strip():
        raise ArticleError(source, "only whitespace, no text")
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return read_jsonl(text, source)
    if suffix == ".json":
        return read_json(text, source)
    html = suffix in (".html", ".htm") or looks_html(text)
    result = ReadResult()
    collect(result, lambda: read_text(text, source, html=html, raw_chars=len(decoded)), source)
    return result


def read_bytes(path: Path) -> bytes:
    source = str(path)
    if not path.exists():
        if path.is_symlink():
            raise ArticleError(source, "broken symbolic link: its target does not exist")
        raise ArticleError(source, "no files match this pattern" if glob.has_magic(source) else "file not found")
    if not path.is_file():
        raise ArticleError(source, "not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise ArticleError(source, "empty file")
    if size > MAX_BYTES:
        raise ArticleError(source, f"file too large: {size} bytes, the limit is {MAX_BYTES} (MAX_BYTES)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ArticleError(source, f"cannot read: {exc.strerror or exc}") from None


def collect(result: ReadResult, make, source: str, line: int | None = None) -> None:
    """Run one record's reader; a good Russian article goes to articles, anything else to errors."""
    try:
        article = make()
    except ArticleError as exc:
        result.errors.append(exc)
        return
    problem = check_language(article)
    if problem:
        result.errors.append(ArticleError(source, problem, line=line, lang=article.lang))
    else:
        result.articles.append(article)


# ---------------------------------------------------------------- decoding


def decode_bytes(data: bytes, source: str) -> str:
    """Bytes → str: BOM, then UTF-8, then UTF-16 without BOM, then cp1251/other via charset-normalizer."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise ArticleError(source, f"cannot decode: broken {encoding} after its byte-order mark") from None
    kind = sniff_binary(data)
    if kind:
        raise ArticleError(source, f"binary file, not text ({kind})")
    if utf16_lane(data[:65536]):  # UTF-16 without a BOM: its bytes would pass as UTF-8 control characters
        return decode_utf16(data, source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_legacy(data, source)


def sniff_binary(data: bytes) -> str | None:
    """Name the kind of binary data, or None for text (UTF-16 without BOM counts as text)."""
    for magic, kind in BINARY_MAGIC.items():
        if data.startswith(magic):
            return kind
    head = data[:65536]
    if utf16_lane(head):
        return None
    nuls = head.count(0)
    if nuls > max(4, len(head) // 100):
        return "many NUL bytes"
    controls = sum(1 for b in head if b < 9 or 13 < b < 32 and b != 27)
    if controls - nuls > len(head) // 20:
        return "control bytes"
    return None


def utf16_lane(head: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when every other byte is a high byte of ASCII (0x00) or Cyrillic (0x04)."""
    if len(head) < 8:
        return None
    for encoding, lane in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if lane.count(0) + lane.count(4) >= 0.9 * len(lane) and lane.count(0) < len(lane):
            return encoding
    return None


def decode_utf16(data: bytes, source: str) -> str:
    encoding = utf16_lane(data[:65536]) or "utf-16-le"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ArticleError(source, "cannot decode: looks like UTF-16 but is broken") from None


def decode_legacy(data: bytes, source: str) -> str:
    """Not UTF-8: pick the decoding that reads most like Russian (cp1251, KOI8-R or what charset-normalizer guesses)."""
    candidates: dict[str, str] = {}
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        candidates[best.encoding] = str(best)
    for encoding in ("cp1251", "koi8_r"):
        try:
            candidates.setdefault(encoding, data.decode(encoding))
        except UnicodeDecodeError:
            pass
    scored = sorted(((score_russian(t), enc, t) for enc, t in candidates.items()), reverse=True)
    if scored and scored[0][0] >= 0.5:
        return scored[0][2]
    raise ArticleError(source, "cannot decode: not UTF-8, UTF-16 or a Cyrillic single-byte encoding")


def score_russian(text: str) -> float:
    """Share of plain characters (lower-case Cyrillic, ASCII, spaces, punctuation); wrong decodings score low."""
    sample = text[:20000]
    if not sample:
        return 0.0
    good = sum(
        1 for c in sample if "а" <= c <= "я" or c in "ё \n.,;:!?-–—()«»\"'0123456789" or c.isascii() and c.isalpha()
    )
    upper = sum(1 for c in sample if "А" <= c <= "Я")
    # Mis-decoded Cyrillic comes out mostly upper case or as symbols; real text is mostly lower case.
    return (good + min(upper, good // 4)) / len(sample)


def normalize_text(text: str) -> str:
    """NFC, newlines to \\n, invisible characters removed, odd spaces to plain spaces, Latin look-alikes inside
    Cyrillic words made Cyrillic, lines right-trimmed, hard-wrapped lines joined."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = INVISIBLE_RE.sub("", text)
    text = CONTROL_RE.sub(" ", SPACE_RE.sub(" ", text))
    text = unicodedata.normalize("NFC", text)
    text = _MIXED_WORD_RE.sub(lambda m: m.group().translate(_LOOKALIKES), text)
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    return "\n\n".join(_unwrapped(block) for block in text.split("\n\n"))


_LIST_ITEM_RE = re.compile(r"\s*(?:[–—\-•*]|\d+[.)])")


def _unwrapped(block: str) -> str:
    """A hard-wrapped paragraph ("... посетил Павлодарскую\\nобласть во главе ...") as one line, each newline a
    space (offsets kept): three lines or more, all but the last 45 characters or longer and within 25 of each
    other, half of them ending inside a sentence and a third of the next ones going on in lower case. Headlines,
    menus, lists and one-paragraph-per-line texts do not look like that (none in the dev and probe texts does)."""
    lines = block.split("\n")
    body = lines[:-1]
    if len(lines) < 3 or min(map(len, body)) < 45 or max(map(len, body)) - min(map(len, body)) > 25:
        return block
    if any(_LIST_ITEM_RE.match(line) for line in lines):
        return block
    open_ends = sum(bool(re.search(r"[а-яёa-z,]$", line)) for line in body)
    lower_starts = sum(bool(re.match(r"[а-яё]", line)) for line in lines[1:])
    return block.replace("\n", " ") if open_ends * 2 >= len(body) and lower_starts * 3 >= len(body) else block


def looks_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or bool(re.search(r"<(?:body|head|p|div)[\s>]", head))


def drop_repeated_lines(text: str, keep: int = 2) -> str:
    """Keep at most `keep` copies of a line in a row (blank lines between them do not count).

    A caption or banner printed thousands of times would otherwise outweigh the article in the
    furniture scorer and cut the body short; two copies still mark a repeated headline.
    """
    out: list[str] = []
    previous, run = None, 0
    for line in text.split("\n"):
        key = " ".join(line.split())
        if key:
            run = run + 1 if key == previous else 1
            previous = key
            if run > keep:
                continue
        out.append(line)
    return "\n".join(out)


# ---------------------------------------------------------------- JSON


def read_json(text: str, source: str) -> ReadResult:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArticleError(source, f"bad JSON: {exc.msg} (column {exc.colno})", line=exc.lineno) from None
    except RecursionError:  # the json module recurses once per nesting level
        raise ArticleError(source, "bad JSON: nested too deeply") from None
    if isinstance(data, dict):
        records = [(source, data)]
    elif isinstance(data, list):
        records = [(f"{source}#{i}", r) for i, r in enumerate(data, 1)]  # record i of a list
    else:
        raise ArticleError(source, "JSON must be an object or a list of objects")
    result = ReadResult()
    for where, record in records:
        collect(result, lambda r=record, w=where: read_record(r, w, w), where)
    return result


def read_jsonl(text: str, source: str) -> ReadResult:
    result = ReadResult()
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            result.errors.append(ArticleError(source, f"bad JSON: {exc.msg} (column {exc.colno})", line=n))
            continue
        except RecursionError:
            result.errors.append(ArticleError(source, "bad JSON: nested too deeply", line=n))
            continue
        collect(result, lambda r=record, n=n: read_record(r, source, f"{source}:{n}", line=n), source, n)
    return result


def read_record(record: object, where: str, default_source: str, line: int | None = None) -> Article:
    """One JSON object with `text` and optional `title`, `url`, `published`, `source`, `outlet`."""
    if not isinstance(record, dict):
        raise ArticleError(where, "record is not a JSON object", line=line)
    text = record.get("text")
    if not isinstance(text, str):
        raise ArticleError(where, "record has no 'text' string", line=line)
    text = normalize_text(text)
    if not text.strip():
        raise ArticleError(where, "record 'text' is empty", line=line)
    url = str_or_none(record.get("url"))
    source = str_or_none(record.get("source")) or default_source
    if url is None and re.match(r"https?://", source):
        url = source
    found = record_date(record)
    return read_text(
        text,
        source,
        title=str_or_none(record.get("title")),
        url=url,
        published=found.date if found else None,
        published_from=found.source if found else None,
        outlet=str_or_none(record.get("outlet")),
        raw_chars=len(text),
    )


def str_or_none(value: object) -> str | None:
    if value is None:
        return None
    s = " ".join(str(value).split())
    return s or None


# ---------------------------------------------------------------- one article


def read_text(
    text: str,
    source: str,
    *,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    published_from: PublishedFrom | None = None,
    outlet: str | None = None,
    html: bool = False,
    raw_chars: int | None = None,
) -> Article:
    """Build an Article from decoded text (plain or HTML): furniture stripped, metadata found.

    `published` (with `published_from`, default "json") is the caller's own date; the page's
    metadata, the URL and the page's datelines refine it or stand in for it (see `choose`).
    """
    text = normalize_text(text)
    raw_chars = len(text) if raw_chars is None else raw_chars
    given: list[Published | None] = [Published(published, published_from or "json")] if published else []
    if html:
        page = read_html(text)
        text = normalize_text(page.text)
        title = title or page.title
        url = url or page.url
        given += page.published
        outlet = outlet or page.outlet
    body = strip_furniture(drop_repeated_lines(text)) or text.strip()
    given.append(url_date(url))
    hint = choose(given)
    when = choose([*given, find_published(text, hint.date if hint else None)])
    return Article(
        id=article_id(body),
        source=source,
        text=body,
        title=title or find_title(body),
        published=when.date if when else None,
        published_from=when.source if when else None,
        # a dateline the furniture pass took off the body still names the outlet
        outlet=outlet or find_outlet(body, url) or dateline_outlet(text) or header_outlet(text),
        url=url,
        lang=detect_language(body),
        raw_chars=raw_chars,
    )


def article_id(body: str) -> str:
    """sha256 of the body with whitespace collapsed and NFC: the same text gets the same id from any file."""
    canonical = unicodedata.normalize("NFC", " ".join(body.split()))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def find_title(body: str) -> str | None:
    """The body's first paragraph when it reads as a headline (short, no final period)."""
    first = body.split("\n\n", 1)[0].strip()
    return first if first and "\n\n" in body and is_headline(first) else None


def find_published(text: str, hint: str | None = None) -> Published | None:
    """The date the page prints with the article: a dateline, a date line or a stamped credit line.

    Only the page header is read (before the third paragraph of prose): dates further down are
    other news. A weekday line is the page's today-widget, not the article's date. A date without
    a year ("АСТАНА, 11 окт – Sputnik.") takes the year of `hint` (the URL's or the metadata's
    date) when `hint` agrees with its month; otherwise it gives nothing.
    """
    prose_seen = 0
    for line in text.split("\n")[:200]:
        s = line.strip()
        if not s:
            continue
        kind = classify_line(s)
        if kind == "marker" and prose_seen:
            break
        found = line_published(s, kind, hint)
        if found:
            return found
        if kind == "prose":
            prose_seen += 1
            if prose_seen >= 3:
                break
    return None


def line_published(s: str, kind: str, hint: str | None) -> Published | None:
    """The publication date one header line gives, if it gives one."""
    if kind == "prose":
        raw = read_dateline(s)[0]
        if raw:
            found = parse_date(raw) or with_year(raw, hint)
            return Published(found, "dateline") if found else None
    if WEEKDAY_RE.search(s):
        return None
    if is_date_line(s):
        found = parse_date(s) or with_year(s, hint)
        return Published(found, "dateline") if found else None
    head = s[:MAX_STAMP_CHARS]
    # "07 ноября 2019, 16:17, ИА Амител", "Опубликовано Март 6th, 2019 | Редакция", "… от 01.11.2018 12:38"
    if kind != "prose" and (TIME_RE.search(head) or PUBLISHED_MARKER_RE.search(head)):
        for r in DATE_PATTERNS:
            m = r.search(head)
            if m and (m.start() == 0 or not head[m.start() - 1].isalnum()) and not glued_after(head, m.end()):
                found = parse_date(m.group())
                if found:
                    return Published(found, "text")
    return None


def glued_after(s: str, end: int) -> bool:
    """A date glued to the words after it ("24.04.2024Краснов: …") heads a news-list item, not this article."""
    return end < len(s) and s[end].isalpha()


def with_year(s: str, hint: str | None) -> str | None:
    """A year-less day and month ("11 окт") dated with the hint's year, when the hint's month (if any) agrees."""
    found = parse_day_month(s)
    if not found or not hint:
        return None
    month, day = found
    if len(hint) >= 7 and int(hint[5:7]) != month:
        return None
    if len(hint) == 10 and int(hint[8:10]) != day:
        return None
    return iso_date(int(hint[:4]), month, day)


def read_dateline(paragraph: str) -> tuple[str | None, str | None]:
    """(date as written, outlet) from a dateline opening a paragraph ("АСТАНА, 11 окт – Sputnik.")."""
    for r in DATELINE_RES:
        m = r.match(paragraph)
        if m:
            groups = m.groupdict()
            raw_date = groups.get("date") or groups.get("date2") or None
            outlet = (groups.get("outlet") or "").strip(' .«»"')
            return raw_date, outlet or None
    return None, None


# "Экспортировано 103,1 тысячи тонн ... - «Кызылординские Вести»": a page title naming its outlet, which the
# furniture removal takes off with the rest of the header
_TITLE_OUTLET = re.compile(r"^[^\n]{10,200}?\s[-–—|]\s*[«\"“](?P<outlet>[^»\"”\n]{2,40})[»\"”]\s*$", re.M)


# "Тараз Бизнес | Новости Жамбылской области": a masthead, the outlet's name before its tagline
_MASTHEAD = re.compile(r"^(?P<outlet>[A-ZА-ЯЁ][^\n|]{1,40}?)\s+\|\s+(?:Новости|Вести|Известия|Газета)\b[^\n|]{0,60}$")


# "priuralye.kz › Экономика": a site's breadcrumb, its host first
_HOST_BREADCRUMB = re.compile(
    r"^(?P<outlet>[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.[a-z]{2,6})\s+[›>»/|]\s+\S[^\n]{0,60}$"
)


# A government body's own site: "Акимат Северо-Казахстанской области\nОфициальный интернет-ресурс".
_OFFICIAL_SITE = re.compile(
    r"(?P<outlet>(?:Акимат|Правительство|Администрация|Хокимият|Исполнительный комитет|Мэрия)\b[^\n|]{3,80})\n+"
    r"\s*Официальн\w+\s+(?:интернет-)?(?:ресурс|сайт|портал)",
)


# ... or the site's description first: "Официальный интернет-ресурс акимата области Абай"
_OFFICIAL_SITE_OF = re.compile(
    r"^Официальн\w+\s+(?:интернет-)?(?:ресурс|сайт|портал)\s+"
    r"(?P<body>акимата|правительства|администрации|хокимията|мэрии|исполнительного комитета)\s+(?P<of>[^\n|]{3,60})$",
    re.I,
)
_BODY_NOMINATIVE = {
    "акимата": "Акимат",
    "правительства": "Правительство",
    "администрации": "Администрация",
    "хокимията": "Хокимият",
    "мэрии": "Мэрия",
    "исполнительного комитета": "Исполнительный комитет",
}


# ... or its name alone on a header line before the site's menu: "Акимат Павлодарской области\nГлавная | Пресс-центр"
_OFFICIAL_NAME = re.compile(
    r"^(?P<outlet>(?:Акимат|Правительство|Администрация|Хокимият|Исполнительный комитет|Мэрия)\b[^\n|.:]{3,80})$"
)
_MENU = re.compile(r"^(?:Главная\b|[^\n]*\S\s+\|\s+\S[^\n]*\|)")
# "ГОМЕЛЬСКИЕ ВЕДОМОСТИ" over "Новости | Экономика | Агро": a paper's name in capitals above its site's menu
_CAPITAL_MASTHEAD = re.compile(r"^(?P<outlet>[А-ЯЁA-Z][А-ЯЁA-Z\-]+(?:\s+[А-ЯЁA-Z\-«»\"]+){0,3})$")
# "Вестник Омского Прииртышья — официальный сайт", "МОГИЛЁВСКИЙ ВЕСТНИК — общественно-политическое издание
# Могилёвской области": any site's name before its tagline on the first line
_SITE_TAGLINE = re.compile(
    r"^(?P<outlet>[A-ZА-ЯЁ«\"][^\n|—–]{2,60}?)\s+[—–|-]\s+(?:[А-Яа-яЁё-]+\s+){0,3}?"
    r"(?i:(?:интернет-)?(?:ресурс|сайт|портал)|издание|газета|еженедельник|информационное\s+агентство)\b"
)


# "Гродненская правда / Экономика / 11.04.2024 10:15", "Витебские вести • Экономика • 08.11.2024": a site's
# breadcrumb of its name, a rubric and the date
_NAME_BREADCRUMB = re.compile(
    r"^(?P<outlet>[A-ZА-ЯЁ«\"][^\n/|›•]{1,40}?)\s+[/|›•]\s+[^\n/|›•\d]{2,40}?\s+[/|›•]\s+\d{1,2}(?:[./]\d{1,2}[./]|\s+[а-яё]+\s+)\d{4}"
)


# "«Огни Мангистау» | Регион | Внешние связи", "Kazinform · Политика": a site's name and its section menu
_SECTION_MASTHEAD = re.compile(
    r"^[«\"]?(?P<outlet>[A-ZА-ЯЁ][^\s|·•«»\"]*(?:\s[^\s|·•«»\"]+){0,2})[»\"]?\s+[|·•]\s+[A-ZА-ЯЁ][^\n|·•\d.!?]{1,30}"
    r"(?:\s+[|·•]\s+[A-ZА-ЯЁ][^\n|·•\d.!?]{1,30})?$"
)


_MENU_WORD = re.compile(r"^(?:Главная|Новости|Меню|Home|Регионы|Политика|Экономика|Общество|Все новости)\b", re.I)


def header_outlet(text: str) -> str | None:
    """The outlet a title line in the first lines of the page ends with, in quotes, or a masthead opening it."""
    m = _TITLE_OUTLET.search("\n".join(text.splitlines()[:3]))
    if m:
        return m.group("outlet").strip()
    first = text.lstrip().split("\n", 1)[0]
    m = (
        _MASTHEAD.match(first)
        or _HOST_BREADCRUMB.match(first.strip())
        or _SITE_TAGLINE.match(first.strip())
        or _NAME_BREADCRUMB.match(first.strip())
        or (_SECTION_MASTHEAD.match(first.strip()) if not _MENU_WORD.match(first.strip()) else None)
    )
    if m:
        return m.group("outlet").strip()
    m = _OFFICIAL_SITE.match(text.lstrip())
    if m:
        return m.group("outlet").strip()
    if m := _OFFICIAL_SITE_OF.match(first.strip()):
        return f"{_BODY_NOMINATIVE[m.group('body').lower()]} {m.group('of').strip()}"
    lines = [line.strip() for line in text.lstrip().splitlines()[:4] if line.strip()]
    for line, after in zip(lines, lines[1:]):
        if (m := _OFFICIAL_NAME.match(line)) and _MENU.match(after):
            return m.group("outlet").strip()
    if len(lines) > 1 and (m := _CAPITAL_MASTHEAD.match(lines[0])) and (_MENU.match(lines[1]) or "›" in lines[1]):
        return m.group("outlet").strip().title()  # "Гомельские Ведомости": its words as names
    return None


def dateline_outlet(text: str) -> str | None:
    """The outlet of a dateline opening one of the first paragraphs ("Бишкек, 30 сентября. /Кабар/.")."""
    return next((o for p in text.split("\n\n")[:4] if (o := read_dateline(p)[1])), None)


def find_outlet(body: str, url: str | None) -> str | None:
    """Outlet from a dateline, then the URL host, then a credit naming a known or domain-like outlet."""
    if outlet := dateline_outlet(body):
        return outlet
    if url:
        host = (urlparse(url).hostname or "").lower()
        host = re.sub(r"^(?:www|m|mobile|amp)\.", "", host)
        if host:
            return HOST_OUTLETS.get(host, host)
    for m in CREDIT_OUTLET_RE.finditer(body[:3000]):
        name = m.group("outlet").strip('«»"“” ')
        if (
            m.group("outlet")[0] in '«"“'
            or m.group("ia")
            and m.group("ia").startswith("ИА")
            or re.search(r"\.[a-z]{2,6}$", name)
        ):
            return name
        known = match_known_outlet(name)
        if known:
            return known
    return None


def match_known_outlet(name: str) -> str | None:
    low = name.lower()
    for outlet in KNOWN_OUTLETS:
        if low == outlet.lower() or low.startswith(outlet.lower() + " "):
            return outlet
    return None


def detect_language(text: str) -> str:
    """ "ru", or "kk"/"uk"/"be" for other Cyrillic languages, "en" for Latin-script text, "und" without letters."""
    sample = text[:50000]
    cyrillic = sum(1 for c in sample if "\u0400" <= c <= "\u04ff")
    latin = sum(1 for c in sample if c.isascii() and c.isalpha())
    if cyrillic + latin < 20:
        return "und"
    if latin > cyrillic:
        return "en"
    low = sample.lower()
    if sum(low.count(c) for c in "їєґ") >= 0.005 * cyrillic:
        return "uk"
    if low.count("ў") >= 0.003 * cyrillic:
        return "be"
    kazakh = sum(low.count(c) for c in "әғқңөұүһ")  # never used by Russian, Ukrainian or Belarusian
    if kazakh + low.count("і") >= KAZAKH_SHARE * cyrillic:
        words = re.findall(r"[а-яёәғқңөұүһі]+", low)
        if words and sum(w in RUSSIAN_FUNCTION_WORDS for w in words) >= RUSSIAN_WORD_SHARE * len(words):
            return "ru"
        return "kk" if kazakh >= 0.005 * cyrillic else "uk"  # much і but no Kazakh letters: uk or be
    return "ru"


def check_language(article: Article) -> str | None:
    """The reason an article is not read as Russian, or None."""
    lang = article.lang
    if lang == "ru":
        return None
    if lang == "kk":
        low = article.text.lower()
        cyr = max(1, sum(1 for c in low if "\u0400" <= c <= "\u04ff"))
        share = 100 * sum(low.count(c) for c in "әғқңөұүһі") / cyr
        return f"not Russian: Kazakh text (lang=kk, {share:.1f}% of Cyrillic letters are Kazakh-specific)"
    names = {"uk": "Ukrainian", "be": "Belarusian", "en": "Latin-script (English?)", "und": "no letters"}
    return f"not Russian: {names.get(lang, lang)} text (lang={lang})"


# ---------------------------------------------------------------- HTML


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list = field(default_factory=list)
    parent: Node | None = None


@dataclass
class HtmlPage:
    text: str
    title: str | None = None
    published: list[Published] = field(default_factory=list)  # candidates from meta, JSON-LD, <time>
    url: str | None = None
    outlet: str | None = None


MAX_HTML_DEPTH = 256  # real pages nest a few dozen levels; thousands would exhaust Python's recursion limit
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "button",
    "select",
    "option",
    "figcaption",
    "menu",
    "dialog",
    "canvas",
    "object",
    "head",
}
BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "figure",
    "hr",
    "address",
    "center",
    "td",
    "th",
}
FURNITURE_CLASS_RE = re.compile(
    r"^(?:nav|navbar|navigation|menu|sidebar|footer|comments?|share|sharing|social|related|breadcrumbs?|"
    r"cookies?|banner|advert|ads?|promo|subscribe|popular|tags|widget|recommend\w*)$",
    re.I,
)
PUBLISHED_META = (  # <meta property|name|itemprop> keys, lower case, the specific ones first
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "mediator_published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "citation_publication_date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "date",
)


class TreeBuilder(HTMLParser):
    """A forgiving DOM builder: unclosed tags are closed by their ancestors' end tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "li") or tag in BLOCK_TAGS and self.stack[-1].tag == "p":
            self.close_open(tag if tag in ("p", "li") else "p")
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(node)
        # Deeper elements become siblings at the limit: the text readers recurse once per level.
        if tag not in VOID_TAGS and len(self.stack) < MAX_HTML_DEPTH:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1]))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def close_open(self, tag: str) -> None:
        # an open <p>/<li> directly on top is implicitly closed by a new block of its kind
        if len(self.stack) > 1 and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def read_html(html: str) -> HtmlPage:
    """The main text of a page (largest paragraph container, no nav/header/footer/aside/forms) and its metadata."""
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    root = builder.root
    meta = read_meta(root)
    h1 = first_text(root, "h1")
    container, sizes, total = find_container(root)
    text = render_text(container, sizes, total)
    title = h1 or meta.get("og:title") or strip_site_name(first_text(root, "title"))
    if title and title not in text[: len(title) + 500]:
        text = f"{title}\n\n{text}"  # the headline sits outside the text container
    url = meta.get("og:url") or meta.get("canonical")
    published = [meta_published(meta), json_ld_published(root, html), time_published(root)]
    return HtmlPage(
        text=text,
        title=title,
        published=[p for p in published if p],
        url=url or None,
        outlet=meta.get("og:site_name"),
    )


def meta_published(meta: dict[str, str]) -> Published | None:
    for key in PUBLISHED_META:
        found = machine_date(meta.get(key))
        if found:
            return Published(found, "html-meta")
    return None


def json_ld_published(root: Node, html: str) -> Published | None:
    """datePublished (else dateCreated) of the page's JSON-LD, however its objects nest."""
    blocks = [
        "".join(c for c in n.children if isinstance(c, str))
        for n in walk(root)
        if n.tag == "script" and "ld+json" in n.attrs.get("type", "").lower()
    ]
    for key in ("datePublished", "dateCreated"):
        for block in blocks:
            found = machine_date(json_ld_value(block, key))
            if found:
                return Published(found, "json-ld")
    # A JSON-LD block broken beyond parsing still names its date.
    m = re.search(r'"datePublished"\s*:\s*"([^"]+)"', html)
    found = machine_date(m.group(1)) if m else None
    return Published(found, "json-ld") if found else None


def json_ld_value(block: str, key: str) -> object:
    try:
        data = json.loads(block)
    except (json.JSONDecodeError, RecursionError):
        return None
    stack = [data]
    while stack:  # depth-first over dicts and lists: "@graph" lists, nested "mainEntity" objects
        item = stack.pop()
        if isinstance(item, dict):
            if item.get(key):
                return item[key]
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return None


def time_published(root: Node) -> Published | None:
    """A <time> marked as the publication time, else the first one outside page furniture."""
    times = [n for n in walk(root) if n.tag == "time" and (n.attrs.get("datetime") or node_text(n).strip())]
    marked = [n for n in times if is_publication_time(n)]
    for n in marked + [n for n in times if not in_furniture(n)]:
        found = machine_date(n.attrs.get("datetime") or node_text(n))
        if found:
            return Published(found, "time-tag")
    return None


def is_publication_time(node: Node) -> bool:
    words = " ".join(node.attrs.get(a, "") for a in ("itemprop", "class", "id", "property")).lower()
    return "pubdate" in node.attrs or "datepublished" in words or "publish" in words


def in_furniture(node: Node) -> bool:
    """Under a nav/aside/footer or a class-named related/sidebar/... block: another article's time."""
    n = node.parent
    while n is not None:
        words = re.split(r"[\s_-]+", (n.attrs.get("class", "") + " " + n.attrs.get("id", "")).lower())
        if n.tag in ("nav", "aside", "footer") or any(FURNITURE_CLASS_RE.match(w) for w in words if w):
            return True
        n = n.parent
    return False


def walk(node: Node) -> Iterator[Node]:
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed([c for c in n.children if isinstance(c, Node)]))


def read_meta(root: Node) -> dict[str, str]:
    meta: dict[str, str] = {}
    for n in walk(root):
        if n.tag == "meta":
            key = (n.attrs.get("property") or n.attrs.get("name") or n.attrs.get("itemprop") or "").lower()
            if key and n.attrs.get("content"):
                meta.setdefault(key, n.attrs["content"].strip())
        elif n.tag == "link" and "canonical" in n.attrs.get("rel", "").lower() and n.attrs.get("href"):
            meta.setdefault("canonical", n.attrs["href"].strip())
    return meta


def first_text(root: Node, tag: str) -> str | None:
    for n in walk(root):
        if n.tag == tag:
            text = " ".join(node_text(n).split())
            if text:
                return text
    return None


def first_attr(root: Node, tag: str, attr: str) -> str | None:
    return next((n.attrs[attr] for n in walk(root) if n.tag == tag and n.attrs.get(attr)), None)


def strip_site_name(title: str | None) -> str | None:
    """ "Headline | Site" → "Headline": the longest part around the usual separators."""
    if not title:
        return None
    parts = [p.strip() for p in re.split(r"\s+[|—–-]\s+|\s+::\s+", title) if p.strip()]
    return max(parts, key=len) if parts else None


def node_text(node: Node) -> str:
    out: list[str] = []
    for c in node.children:
        out.append(c if isinstance(c, str) else node_text(c) if c.tag not in ("script", "style") else "")
    return " ".join(out)


def is_skipped(node: Node, sizes: dict[int, int] | None = None, total: int = 0) -> bool:
    """Furniture subtrees: by tag, by ARIA role, or by a class/id word such as "sidebar" or "related".

    A class-named subtree that holds half of the page's paragraph text is kept all the same:
    wrappers are called "has-sidebar" or "content-with-comments" too.
    """
    if node.tag in SKIP_TAGS or "hidden" in node.attrs:
        return True
    if node.attrs.get("role", "").lower() in ("navigation", "banner", "contentinfo", "complementary"):
        return True
    words = re.split(r"[\s_-]+", (node.attrs.get("class", "") + " " + node.attrs.get("id", "")).lower())
    if not any(FURNITURE_CLASS_RE.match(w) for w in words if w):
        return False
    return sizes is None or sizes.get(id(node), 0) < 0.5 * total


def paragraph_chars(root: Node) -> dict[int, int]:
    """Characters of <p> text under each node, keyed by id(node); furniture subtrees count 0."""
    raw = count_paragraph_chars(root, {}, None, 0)
    total = raw.get(id(root), 0)
    return count_paragraph_chars(root, {}, raw, total)


def count_paragraph_chars(root: Node, sizes: dict[int, int], raw: dict[int, int] | None, total: int) -> dict[int, int]:
    def visit(node: Node, in_p: bool) -> int:
        skipped = node.tag != "#root" and (node.tag in SKIP_TAGS if raw is None else is_skipped(node, raw, total))
        if skipped:
            sizes[id(node)] = 0
            return 0
        in_p = in_p or node.tag == "p"
        n = 0
        for c in node.children:
            n += (len(c.strip()) if in_p else 0) if isinstance(c, str) else visit(c, in_p)
        sizes[id(node)] = n
        return n

    visit(root, False)
    return sizes


def find_container(root: Node) -> tuple[Node, dict[int, int], int]:
    """The element holding the article text: the biggest <article>/<main>/articleBody, else descend into
    the child holding most paragraph text while it holds 80 % of it. Also returns the size table."""
    sizes = paragraph_chars(root)
    return pick_container(root, sizes), sizes, sizes.get(id(root), 0)


def pick_container(root: Node, sizes: dict[int, int]) -> Node:
    if sizes.get(id(root), 0) < 200:
        return body_of(root)
    marked = [
        n
        for n in walk(root)
        if (n.tag in ("article", "main") or n.attrs.get("itemprop") == "articleBody") and sizes.get(id(n), 0) > 0
    ]
    if marked:
        best = max(marked, key=lambda n: sizes[id(n)])
        if sizes[id(best)] >= 0.5 * sizes[id(root)]:
            return best
    node = root
    while True:
        kids = [c for c in node.children if isinstance(c, Node)]
        if not kids:
            return node
        top = max(kids, key=lambda c: sizes.get(id(c), 0))
        if sizes.get(id(top), 0) < 0.8 * sizes.get(id(node), 0):
            return node
        node = top


def body_of(root: Node) -> Node:
    return next((n for n in walk(root) if n.tag == "body"), root)


def render_text(node: Node, sizes: dict[int, int], total: int) -> str:
    """Text of a subtree: blocks become paragraphs separated by blank lines, <br> a line break."""
    parts: list[str] = []

    def visit(n: Node) -> None:
        if n.tag != "#root" and is_skipped(n, sizes, total):
            return
        if n.tag == "br":
            parts.append("\n")
            return
        block = n.tag in BLOCK_TAGS
        if block:
            parts.append("\n\n")
        for c in n.children:
            if isinstance(c, str):
                parts.append(re.sub(r"[ \t\r\n\f]+", " ", c))
            else:
                visit(c)
        if block:
            parts.append("\n\n")

    visit(node)
    text = "".join(parts)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
