"""Dates, periods and money amounts as Russian news writes them: the one month table, page and event dates."""

from __future__ import annotations

# The calendar words (months, weekdays, relative phrases) are data: lexicons/dates.toml. This
# module builds every month pattern of the project from it (page furniture, publication dates,
# event dates); ingest/furniture.py and ingest/read.py import them from here.
import re
import tomllib
from dataclasses import dataclass, replace
from datetime import date, timedelta
from importlib import resources

from coopgraph.ingest.morph import parses


@dataclass(frozen=True)
class Calendar:
    """lexicons/dates.toml, read once."""

    months: dict[str, int]  # stem or whole form -> month number
    stems: tuple[str, ...]  # the keys of `months` that take endings, longest first
    url_months: dict[str, int]
    weekdays: dict[str, int]
    weekday_past: tuple[str, ...]
    relative_days: dict[str, int]
    recent: tuple[str, ...]
    anchored: tuple[str, ...]
    last_week: tuple[str, ...]
    offsets: dict[str, int]
    year_blockers: frozenset[str]
    anaphora: tuple[str, ...]
    timeless: frozenset[str]
    subordinate: tuple[str, ...]
    clause_openers: tuple[str, ...]
    publication_markers: tuple[str, ...]


def _load_calendar() -> Calendar:
    # importlib.resources, not a path next to __file__: the TOML is package data in a wheel
    toml = resources.files(__package__).joinpath("lexicons").joinpath("dates.toml")
    data = tomllib.loads(toml.read_text(encoding="utf-8"))
    months: dict[str, int] = {}
    stems: list[str] = []
    url: dict[str, int] = {}
    for number, entry in data["months"].items():
        for word in entry["stems"] + entry["forms"]:
            if months.setdefault(word, int(number)) != int(number):
                raise ValueError(f"dates.toml gives {word!r} two months")
        stems += entry["stems"]
        url.update(dict.fromkeys(entry["url"], int(number)))
    return Calendar(
        months=months,
        stems=tuple(sorted(stems, key=len, reverse=True)),
        url_months=url,
        weekdays=data["weekdays"]["days"],
        weekday_past=tuple(data["weekdays"]["past"]),
        relative_days=data["relative_days"],
        recent=tuple(data["relative_month"]["phrases"]),
        anchored=tuple(data["relative_month"]["anchored"]),
        last_week=tuple(data["relative_week"]["phrases"]),
        offsets=data["relative_offsets"],
        year_blockers=frozenset(data["context"]["year_blockers"]),
        anaphora=tuple(data["context"]["anaphora"]),
        timeless=frozenset(data["context"]["timeless"]),
        subordinate=tuple(data["context"]["subordinate"]),
        clause_openers=tuple(data["context"]["clause_openers"]),
        publication_markers=tuple(data["context"]["publication_markers"]),
    )


CALENDAR = _load_calendar()
MONTHS = CALENDAR.months


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_FORMS = [w for w in CALENDAR.months if w not in CALENDAR.stems]
# A month word: a stem with any ending ("апреля", "October"), else a whole form ("окт.", "мая").
# Stems come first, so "марта" is never read as the form "мар" with "та" left over.
MONTH_RE = rf"(?:(?:{_alternation(CALENDAR.stems)})[а-яёa-z]*|(?:{_alternation(_FORMS)})(?![а-яёa-z]))\.?"
URL_MONTH_RE = rf"(?<![a-z])(?:{_alternation(CALENDAR.url_months)})(?![a-z])"
MAX_CASE_ENDING = 2  # "январь", "января", "январем": a longer tail makes another word ("мартовский")


def month_number(word: str, strict: bool = False) -> int | None:
    """The month a word names ("апреля", "окт.", "October"), or None; `strict`: a case form only."""
    w = word.lower().rstrip(".").replace("ё", "е")
    if w in CALENDAR.months:
        return CALENDAR.months[w]
    for stem in CALENDAR.stems:
        if w.startswith(stem):
            return None if strict and len(w) - len(stem) > MAX_CASE_ENDING else CALENDAR.months[stem]
    return None


def url_month_number(word: str) -> int | None:
    """The month a URL word names ("oktyabr", "aprelya", "oct"), or None."""
    return CALENDAR.url_months.get(word.lower())


# Dates as pages print them: ISO, numeric, day-month(-year), month-day-year ("Март 6th, 2019").
DATE_PATTERNS = [
    re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?\S*)?"),
    re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})\b"),
    re.compile(r"\b(\d{1,2})\s+(" + MONTH_RE + r")(?:,?\s+(\d{4}))?(?:\s*г(?:ода?|\.)?)?", re.I),
    re.compile(r"\b(" + MONTH_RE + r")\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I),
]
_MONTH_RE = f"({MONTH_RE})"
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH_RE}\s+(\d{{4}})", re.I)
_MONTH_YEAR = re.compile(rf"\b(?:в|во)?\s*(?:начале|конце|середине)?\s*{_MONTH_RE}\s+(\d{{4}})", re.I)
_YEAR = re.compile(r"\b(?:в|во)\s+(\d{4})\s+год", re.I)
_THIS_YEAR = re.compile(r"\b(в этом|в текущем|в нынешнем) году", re.I)
_LAST_YEAR = re.compile(r"\b(в прошлом|в минувшем|в прошедшем) году", re.I)
_NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_PERIOD = re.compile(r"(\d{4})\s*(?:[–—\-−]|по|до)\s*(\d{4})")


def parse_date(s: str) -> str | None:
    """First date with a year in `s` as ISO (YYYY-MM-DD, or YYYY-MM for a month and year); None without a year."""
    if not s:
        return None
    for r in DATE_PATTERNS:
        for m in r.finditer(s):
            found = _date_from_match(m, r is DATE_PATTERNS[0], r is DATE_PATTERNS[3])
            if found:
                return found
    tail = re.search(r"\b(\d{4})-(\d{2})\b|^(\d{4})$", s.strip())
    if tail:
        year, month = (int(tail.group(1)), int(tail.group(2))) if tail.group(1) else (int(tail.group(3)), 0)
        if 1900 <= year <= 2100 and month <= 12:
            return f"{year:04d}-{month:02d}" if month else f"{year:04d}"
    return None


def _date_from_match(m: re.Match, iso: bool, month_first: bool) -> str | None:
    a, b, c = m.group(1), m.group(2), m.group(3)
    if iso:
        year, month, day = int(a), int(b), int(c)
    elif month_first:
        month, day, year = month_number(a) or 0, int(b), int(c)
    else:
        day = int(a)
        month = int(b) if b.isdigit() else month_number(b) or 0
        if not c:
            return None
        year = int(c) + (2000 if len(c) == 2 else 0)
    return iso_date(year, month, day)


def iso_date(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """ "2025", "2025-04" or "2025-04-14" for a real date between 1900 and 2100; None otherwise."""
    if not 1900 <= year <= 2100:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_day_month(s: str) -> tuple[int, int] | None:
    """(month, day) of the first day-and-month in `s` without a year ("11 окт", "22 февраля"), or None."""
    for m in DATE_PATTERNS[2].finditer(s):
        month = month_number(m.group(2))
        if month and not m.group(3) and 1 <= int(m.group(1)) <= 31:
            return month, int(m.group(1))
    return None


def precision(iso: str | None) -> str | None:
    """ "year", "month" or "day": what an ISO prefix says."""
    return {4: "year", 7: "month", 10: "day"}.get(len(iso)) if iso else None


# ---------------------------------------------------------------- event dates in a text


@dataclass(frozen=True)
class When:
    """One date expression in a text, before it is resolved against a publication date.

    A `relative` expression counts from the publication: "day" (`offset` days), "week" (the
    week before), "recent" (the publication month), "month" (`offset` months), "year" (`offset`
    years; with `month` set it is "в ноябре этого года"), "weekday" (the last `offset`-day, 0 is
    Monday, on or before the publication day). An absolute one without `year` takes the
    publication's year or the year before. `coarse` dates a span by the smallest period holding it.
    """

    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    coarse: str | None = None  # "month" or "year"
    relative: str | None = None
    offset: int = 0
    void: bool = False  # a date expression that dates nothing ("накануне визита", a span over two years)


_M = MONTH_RE
_YEAR_WORD = r"(?:\s*(?:г\.|года|году|год)(?![а-яё]))?"
_OFFSET_WORDS = _alternation(CALENDAR.offsets)
_DAY_WORDS = _alternation(CALENDAR.relative_days)
_PHRASE = r"(?<![а-яё])(?:{})(?![а-яё])"
_WHEN_PATTERNS: list[tuple[str, re.Pattern]] = [
    (
        "cross",
        re.compile(
            rf"\bс\s+(?P<d1>\d{{1,2}})\s+(?P<m1>{_M})(?:\s+(?P<y1>\d{{4}}){_YEAR_WORD})?\s+(?:по|до)\s+"
            rf"(?P<d2>\d{{1,2}})\s+(?P<m2>{_M})(?:\s+(?P<y2>\d{{4}}))?",
            re.I,
        ),
    ),
    (
        "dayspan",
        re.compile(
            rf"(?:\bс\s+)?\b(?P<d1>\d{{1,2}})\s*(?:[-–—]|по|и|,)\s*(?P<d2>\d{{1,2}})\s+(?P<m>{_M})"
            rf"(?:\s+(?P<y>\d{{4}}))?",
            re.I,
        ),
    ),
    ("monthspan", re.compile(rf"\b(?P<m1>{_M})\s*(?:[-–—]|по|и)\s*(?P<m2>{_M})(?:\s+(?P<y>\d{{4}}))?", re.I)),
    ("full", re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{_M})\s+(?P<y>\d{{4}})", re.I)),
    ("numeric", re.compile(r"(?<![\d.,])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})(?![\d]|\.\d)")),
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("monthyear", re.compile(rf"\b(?P<m>{_M})\s+(?P<y>\d{{4}})", re.I)),
    ("monthrel", re.compile(rf"\b(?P<m>{_M})\s+(?P<rel>{_OFFSET_WORDS})\s+года\b", re.I)),
    ("daymonth", re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{_M})", re.I)),
    (
        "month",
        re.compile(rf"\bв(?:о)?\s+(?:(?:начале|конце|середине|первой половине|второй половине)\s+)?(?P<m>{_M})", re.I),
    ),
    ("year", re.compile(r"(?<![\d–—-])(?<![\d][–—-])(?P<y>\d{4})\s*(?:г\.|года|году|год)(?![а-яё])", re.I)),
    ("relyear", re.compile(rf"\b(?P<rel>{_OFFSET_WORDS})\s+(?:год|года|году)\b", re.I)),
    ("relmonth", re.compile(rf"\b(?P<rel>{_OFFSET_WORDS})\s+(?:месяц|месяца|месяце)\b", re.I)),
    ("week", re.compile(_PHRASE.format(_alternation(CALENDAR.last_week)), re.I)),
    ("recent", re.compile(_PHRASE.format(_alternation(CALENDAR.recent)), re.I)),
    ("day", re.compile(_PHRASE.format(_DAY_WORDS), re.I)),
    (
        "weekday",
        re.compile(
            rf"\bв(?:о)?\s+(?:(?:{_alternation(CALENDAR.weekday_past)})\s+)?(?P<wd>{_alternation(CALENDAR.weekdays)})\b",
            re.I,
        ),
    ),
]
# Kinds whose date is a deadline, a plan's term or a "since" after a blocker word ("до 2028 года").
_BLOCKABLE = {"full", "numeric", "iso", "monthyear", "daymonth", "month", "year", "dayspan", "monthspan"}
_RANGE_AFTER = re.compile(r"\s*[-–—]\s*\d{4}")


def find_whens(text: str) -> list[When]:
    """Every date expression in `text`, in text order; the longest reading of each stretch wins."""
    found: list[When] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _WHEN_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind in _BLOCKABLE and _blocked(text, m.start()):
                taken.append(m.span())
                continue
            when = _build(kind, m, text)
            if when is not None:
                found.append(when)
                taken.append(m.span())
    return sorted(found, key=lambda w: w.start)


def _blocked(text: str, start: int) -> bool:
    words = re.findall(r"[а-яёa-z]+", text[max(0, start - 20) : start].lower())
    return bool(words) and words[-1] in CALENDAR.year_blockers


def _year(s: str | None) -> int | None:
    if not s:
        return None
    return int(s) + (2000 if len(s) == 2 else 0)


def _build(kind: str, m: re.Match, text: str) -> When | None:
    g = m.groupdict()
    w = When(m.start(), m.end())
    if kind in ("full", "daymonth", "monthyear", "month", "monthrel", "dayspan"):
        month = month_number(g["m"], strict=True)
        if month is None:
            return None
        day = int(g["d"]) if g.get("d") else int(g["d2"]) if g.get("d2") else None
        w = replace(w, year=_year(g.get("y")), month=month, day=day)
        if kind == "dayspan":
            w = replace(w, coarse="month")
        if kind == "monthrel":
            w = replace(w, relative="year", offset=CALENDAR.offsets[g["rel"].lower()])
        return w
    if kind in ("numeric", "iso"):
        return replace(w, year=_year(g["y"]), month=int(g["m"]), day=int(g["d"]))
    if kind == "year":
        if _RANGE_AFTER.match(text, m.start("y") + 4):
            return None
        return replace(w, year=int(g["y"]))
    if kind in ("cross", "monthspan"):
        return _span(kind, g, w)
    return _relative(kind, g, m, text, w)


def _span(kind: str, g: dict, w: When) -> When | None:
    m1, m2 = month_number(g["m1"], strict=True), month_number(g["m2"], strict=True)
    if m1 is None or m2 is None or (kind == "monthspan" and m1 == m2):
        return None
    years = {_year(y) for y in (g.get("y1"), g.get("y2"), g.get("y")) if y}
    if len(years) > 1 or m2 < m1:
        return replace(w, void=True)  # across two years: no ISO prefix holds it
    coarse = "month" if m1 == m2 else "year"
    day = int(g["d2"]) if g.get("d2") else None
    return replace(w, year=years.pop() if years else None, month=m2, day=day, coarse=coarse)


def _relative(kind: str, g: dict, m: re.Match, text: str, w: When) -> When | None:
    if kind == "relyear":
        return replace(w, relative="year", offset=CALENDAR.offsets[g["rel"].lower()])
    if kind == "relmonth":
        return replace(w, relative="month", offset=CALENDAR.offsets[g["rel"].lower()])
    if kind == "week":
        return replace(w, relative="week")
    if kind == "recent":
        phrase = m.group().lower()
        return replace(w, relative="recent", void=phrase in CALENDAR.anchored and _anchored(text, m.end()))
    if kind == "day":
        return replace(w, relative="day", offset=CALENDAR.relative_days[m.group().lower()])
    return replace(w, relative="weekday", offset=CALENDAR.weekdays[g["wd"].lower()])


def _anchored(text: str, end: int) -> bool:
    """ "накануне визита": the next word is a genitive noun phrase, the day before some event."""
    nxt = re.match(r"\s+([а-яё]+)", text[end:], re.I)
    if not nxt:
        return False
    best = parses(nxt.group(1).lower())
    return bool(best) and "gent" in best[0].tag and best[0].tag.POS in ("NOUN", "ADJF", "NPRO")


def resolve(when: When, published: str | None) -> str | None:
    """The ISO prefix a date expression stands for, resolved against the publication date.

    Its length is its precision. None when the expression needs a publication date (or a more
    precise one) than there is: no date is made up.
    """
    if when.void:
        return None
    pub = _parts(published)
    if when.relative is None:
        if when.year is not None:
            return _coarsen(iso_date(when.year, when.month, when.day), when.coarse)
        return _coarsen(_without_year(when, pub), when.coarse)
    return _resolve_relative(when, pub)


def _parts(published: str | None) -> tuple[int | None, int | None, int | None]:
    if not published:
        return None, None, None
    bits = [int(b) for b in published[:10].split("-") if b.isdigit()]
    bits += [None] * (3 - len(bits))  # type: ignore[list-item]
    return bits[0], bits[1], bits[2]


def _without_year(when: When, pub: tuple) -> str | None:
    """ "14 апреля", "в мае": the publication year, or the year before if that would be after publication."""
    py, pm, pd = pub
    if py is None or pm is None or when.month is None:
        return None
    year = py
    if when.month > pm or (when.month == pm and when.day and pd and when.day > pd):
        year -= 1
    return iso_date(year, when.month, when.day)


def _resolve_relative(when: When, pub: tuple) -> str | None:
    py, pm, pd = pub
    kind = when.relative
    if py is None:
        return None
    if kind == "year":
        return iso_date(py + when.offset, when.month)
    if pm is None:
        return None
    if kind == "recent":
        return iso_date(py, pm)
    if kind == "month":
        y, m = divmod(py * 12 + pm - 1 + when.offset, 12)
        return iso_date(y, m + 1)
    if pd is None:
        # "на прошлой неделе" in an issue known to its month (a weekly's URL): that month, as an analyst
        # dating the issue would; a week near the month's start may belong to the month before
        return iso_date(py, pm) if kind == "week" else None
    day = date(py, pm, pd)
    if kind == "day":
        return (day + timedelta(days=when.offset)).isoformat()
    if kind == "week":
        return (day - timedelta(days=7)).isoformat()[:7]
    return (day - timedelta(days=(day.weekday() - when.offset) % 7)).isoformat()  # weekday


def _coarsen(iso: str | None, coarse: str | None) -> str | None:
    if iso is None or coarse is None:
        return iso
    return iso[:4] if coarse == "year" else iso[:7]


def date_in(text: str, published: str | None, near: int | None = None) -> str | None:
    """The date of `text` (the expression nearest to offset `near`, else the first) resolved."""
    whens = find_whens(text)
    if not whens:
        return None
    if near is not None:
        whens.sort(key=lambda w: (min(abs(w.start - near), abs(w.end - near)), w.start))
    return resolve(whens[0], published)


def find_date(text: str, published: str | None = None) -> str | None:
    """The first date in `text` as an ISO prefix; relative years resolve against `published`."""
    m = _NUMERIC.search(text)
    if m:
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    m = _DAY_MONTH_YEAR.search(text)
    if m:
        return f"{m.group(3)}-{month_number(m.group(2)):02d}-{int(m.group(1)):02d}"
    m = _MONTH_YEAR.search(text)
    if m:
        return f"{m.group(2)}-{month_number(m.group(1)):02d}"
    m = _YEAR.search(text)
    if m:
        return m.group(1)
    if published and _THIS_YEAR.search(text):
        return published[:4]
    if published and _LAST_YEAR.search(text):
        return str(int(published[:4]) - 1)
    return None


def find_year(text: str, published: str | None = None) -> int | None:
    d = find_date(text, published)
    return int(d[:4]) if d else None


def find_period(text: str) -> tuple[int, int] | None:
    m = _PERIOD.search(text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if 1990 <= a < b <= 2100:
            return (a, b)
    return None


_SCALE = {
    "трлн": 1e12,
    "триллион": 1e12,
    "млрд": 1e9,
    "миллиард": 1e9,
    "млн": 1e6,
    "миллион": 1e6,
    "тыс": 1e3,
    "тысяч": 1e3,
}
_CURRENCY = [
    ("USD", r"долл\w*(?:\s+сша)?|\$|usd"),
    ("RUB", r"руб\w*|₽|rub"),
    ("KZT", r"тенге|₸|kzt"),
    ("EUR", r"евро|€|eur"),
    ("BYN", r"белорусск\w+ руб\w*|byn"),
    ("CNY", r"юан\w*|cny"),
]
AMOUNT = re.compile(
    r"(?P<num>\d{1,3}(?:[\s\u00a0]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)\s*"
    r"(?P<scale>трлн|триллион\w*|млрд|миллиард\w*|млн|миллион\w*|тыс|тысяч\w*)?\.?\s*"
    r"(?P<cur>белорусск\w+\s+руб\w*|долл\w*\.?(?:\s+США)?|\$|USD|руб\w*|₽|тенге|₸|евро|€|юан\w*)",
    re.I,
)


PREFIX_AMOUNT = re.compile(
    r"(?P<cur>\$|€|₽|₸)\s*(?P<num>\d+(?:[.,]\d+)?)\s*"
    r"(?P<scale>трлн|триллион\w*|млрд|миллиард\w*|млн|миллион\w*|тыс|тысяч\w*)?",
    re.I,
)
_PREFIX_CODES = {"$": "USD", "€": "EUR", "₽": "RUB", "₸": "KZT"}


def parse_amount(text: str) -> list[tuple[float, str, int, int]]:
    """Every money amount in `text` as (value in units, currency, start, end)."""
    out = []
    for m in PREFIX_AMOUNT.finditer(text):  # "$150 млн"
        num = float(m.group("num").replace(",", "."))
        scale = (m.group("scale") or "").lower()
        factor = next((v for k, v in _SCALE.items() if scale.startswith(k)), 1.0) if scale else 1.0
        out.append((round(num * factor, 2), _PREFIX_CODES[m.group("cur")], m.start(), m.end()))
    for m in AMOUNT.finditer(text):
        num = float(re.sub(r"[\s\u00a0]", "", m.group("num")).replace(",", "."))
        scale = m.group("scale") or ""
        factor = next((v for k, v in _SCALE.items() if scale.lower().startswith(k)), 1.0)
        cur = m.group("cur").lower()
        code = next(
            c for c, pat in _CURRENCY if re.fullmatch(pat, cur.rstrip(".").strip(), re.I) or re.match(pat, cur, re.I)
        )
        if not any(s <= m.start() < e for _, _, s, e in out):
            out.append((round(num * factor, 2), code, m.start(), m.end()))
    return sorted(out, key=lambda a: a[2])
