"""Publication dates from what an input carries besides its text: record fields, machine dates, the URL path."""

from __future__ import annotations

# Each reader yields `Published` candidates; `choose` settles them. Sources rank as listed in
# SOURCES (a record's own field first, a dateline last), and a later candidate replaces the chosen
# one only when it is more precise and agrees with it ("2025-08" from the URL, "2025-08-14" from
# the dateline: the day wins; a dateline of another month loses to the URL). The page's text
# (datelines, date lines) is read in ingest/read.py, which needs the furniture classifier.
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_tz
from typing import get_args
from urllib.parse import unquote, urlparse

from coopgraph.ingest.dates import URL_MONTH_RE, iso_date, parse_date, url_month_number
from coopgraph.ingest.records import PublishedFrom

SOURCES: tuple[str, ...] = get_args(PublishedFrom)
# Record fields that may hold the publication date, best first (JSON feeds, scrapers, CMS exports).
RECORD_FIELDS = (
    "published",
    "datePublished",
    "date_published",
    "published_at",
    "publishedAt",
    "publication_date",
    "pubDate",
    "pub_date",
    "date",
    "created_at",
    "createdAt",
    "created",
    "dateCreated",
    "issued",
    "time",
    "timestamp",
)
# Epoch numbers from 1990 on, in seconds or milliseconds; smaller numbers are ids or counts.
EPOCH_MIN = 631_152_000
EPOCH_MS_MIN = EPOCH_MIN * 1000
_Y = r"(?P<y>(?:19|20)\d{2})"
# URL date forms, most precise first within each kind. Digits touching the match on either side
# make it part of a longer number (an id), never a date.
URL_PATTERNS = [
    re.compile(rf"(?<!\d){_Y}[/_.-](?P<m>\d{{1,2}})[/_.-](?P<d>\d{{1,2}})(?!\d)"),  # /2024/10/22/, 2021-09-29
    re.compile(rf"(?<![\d/])(?P<d>\d{{1,2}})[_.-](?P<m>\d{{1,2}})[_.-]{_Y}(?!\d)"),  # -27-09-2023
    re.compile(rf"(?<!\d){_Y}(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)"),  # /20170420/
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})[-_](?P<mw>{URL_MONTH_RE})[-_]{_Y}(?!\d)"),  # ot-29-aprelya-2014
    re.compile(rf"(?<!\d){_Y}/(?P<mw>{URL_MONTH_RE})(?:/(?P<d>\d{{1,2}})(?!\d))?"),  # /2015/oktyabr/, /2024/oct/22/
    re.compile(rf"(?<![a-z])(?P<mw>{URL_MONTH_RE})[-_]{_Y}(?!\d)"),  # oktyabr-2015
    re.compile(rf"/{_Y}/(?P<m>\d{{1,2}})(?=/|$)"),  # /2025/08/
    re.compile(rf"/{_Y}(?=/|$)"),  # /2019/
]


@dataclass(frozen=True)
class Published:
    """A publication date (ISO prefix: its length is its precision) and where it was found."""

    date: str
    source: PublishedFrom


def choose(candidates: Iterable[Published | None]) -> Published | None:
    """The best source's date, refined by any more precise candidate that agrees with it."""
    ranked = sorted((c for c in candidates if c is not None), key=lambda c: SOURCES.index(c.source))
    best: Published | None = None
    for c in ranked:
        if best is None or (len(c.date) > len(best.date) and c.date.startswith(best.date)):
            best = c
    return best


def machine_date(value: object) -> str | None:
    """A date as metadata writes it: ISO 8601, RFC 2822, epoch seconds or milliseconds, "14.04.2025"."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return epoch_date(float(value))
    s = " ".join(str(value).split())
    if not s:
        return None
    if re.fullmatch(r"\d{9,13}(?:\.\d+)?", s):
        return epoch_date(float(s))
    m = re.match(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)", s)
    if m:
        return iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    rfc = parsedate_tz(s) if re.search(r"[A-Za-z]{3}", s) else None
    if rfc:
        return iso_date(rfc[0], rfc[1], rfc[2])  # the date as written, not shifted to UTC
    return parse_date(s)


def epoch_date(seconds: float) -> str | None:
    if seconds >= EPOCH_MS_MIN:
        seconds /= 1000
    if seconds < EPOCH_MIN:
        return None
    try:
        return datetime.fromtimestamp(seconds, UTC).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def record_date(record: dict) -> Published | None:
    """The publication date of a JSON record, from the first of RECORD_FIELDS that holds one."""
    for name in RECORD_FIELDS:
        found = machine_date(record.get(name))
        if found:
            return Published(found, "json")
    return None


def url_date(url: str | None) -> Published | None:
    """The most precise date in a URL's path and query (never its host), or None."""
    if not url:
        return None
    parts = urlparse(url.strip())
    where = unquote(parts.path + ("?" + parts.query if parts.query else "")).lower()
    best: str | None = None
    for pattern in URL_PATTERNS:
        for m in pattern.finditer(where):
            found = url_match_date(m)
            if found and (best is None or len(found) > len(best)):
                best = found
    return Published(best, "url") if best else None


def url_match_date(m: re.Match) -> str | None:
    g = m.groupdict()
    month = url_month_number(g["mw"]) if g.get("mw") else int(g["m"]) if g.get("m") else None
    day = int(g["d"]) if g.get("d") else None
    if day is not None and month is None:
        return None
    return iso_date(int(g["y"]), month, day)
