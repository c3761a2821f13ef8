"""Dates, periods and money amounts as Russian news writes them."""

from __future__ import annotations

import re

MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "мая": 5,
    "май": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
    "янв": 1,
    "фев": 2,
    "мар": 3,
    "апр": 4,
    "авг": 8,
    "сен": 9,
    "сент": 9,
    "окт": 10,
    "ноя": 11,
    "нояб": 11,
    "дек": 12,
}
_MONTH_RE = (
    r"(январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|сентябр[ья]|"
    r"октябр[ья]|ноябр[ья]|декабр[ья]|январе|феврале|марте|апреле|мае|июне|июле|августе|"
    r"сентябре|октябре|ноябре|декабре)"
)
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH_RE}\s+(\d{{4}})", re.I)
_MONTH_YEAR = re.compile(rf"\b(?:в|во)?\s*(?:начале|конце|середине)?\s*{_MONTH_RE}\s+(\d{{4}})", re.I)
_YEAR = re.compile(r"\b(?:в|во)\s+(\d{4})\s+год", re.I)
_THIS_YEAR = re.compile(r"\b(в этом|в текущем|в нынешнем) году", re.I)
_LAST_YEAR = re.compile(r"\b(в прошлом|в минувшем|в прошедшем) году", re.I)
_NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_PERIOD = re.compile(r"(\d{4})\s*(?:[–—\-−]|по|до)\s*(\d{4})")


def month_number(word: str) -> int | None:
    w = word.lower()
    for stem in sorted(MONTHS, key=len, reverse=True):
        if w.startswith(stem):
            return MONTHS[stem]
    return None


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
