"""Places: gazetteer matches turned into Country/Region/City entities, and the article's focus."""
from __future__ import annotations

import re
from collections import Counter

from ingest.context import Context
from ingest.gazetteer import Place, load_gazetteer

# "АСТАНА, 11 окт – Sputnik." / "22 февраля, Минск /Корр. БЕЛТА/.": the bureau, not a party.
_DATELINE = re.compile(
    r"^\s*(?:\d{1,2}\s+\w+\.?,\s*)?([A-ZА-ЯЁ][\w\-]+(?:[\s\-][A-ZА-ЯЁ][\w\-]+)?)\s*(?:,\s*\d{1,2}\s+\w+\.?)?\s*"
    r"(?:[–—\-]|/|\()", re.M)


def place_key(place: Place) -> str:
    return f"{place.type}:{place.code}"


def add_place(ctx: Context, place: Place, alias: str | None = None, start: int | None = None,
              end: int | None = None):
    gaz = load_gazetteer()
    region = gaz.region_of(place) if place.type == "City" else None
    return ctx.table.add(place.type, place.name, key=place_key(place), alias=alias, start=start,
                         end=end, country=place.country,
                         region=region.code if region is not None else None)


def _dateline_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _DATELINE.finditer(text):
        rest = text[m.end(): m.end() + 60]
        if re.search(r"(Sputnik|Корр|РИА|ТАСС|Kazinform|Казинформ|БЕЛТА|REGNUM|—|–|/)", m.group(0) + rest):
            spans.append(m.span(1))
    return spans


def extract_places(ctx: Context) -> None:
    """Add every place named by a noun, abbreviation or informal name; demonyms become refs only."""
    gaz = load_gazetteer()
    datelines = _dateline_spans(ctx.text)
    for match in gaz.find(ctx.text):
        if any(s <= match.start < e for s, e in datelines):
            continue
        if match.via == "demonym":
            ctx.demonyms.append(match)
            continue
        ent = add_place(ctx, match.place, alias=match.text, start=match.start, end=match.end)
        ctx.add_ref(ent, match.start, match.end, via=match.via)


def choose_focus(ctx: Context) -> None:
    """The article's home region and its main partner, by how often and how early they are named."""
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for r in ctx.refs:
        if r.type == "Region":
            counts[r.key] += 1
            first.setdefault(r.key, r.start)
    if not counts:
        return
    ranked = sorted(counts, key=lambda k: (-counts[k], first[k]))
    ctx.home = ranked[0]
    if len(ranked) > 1:
        ctx.partner = ranked[1]
