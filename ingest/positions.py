"""HOLDS_POSITION: "губернатор Курганской области Вадим Шумков", "Турчин, председатель облисполкома"."""

from __future__ import annotations

import re

from coopgraph.ingest.context import Context, Ref
from coopgraph.ingest.morph import inflect_word

# The office words, as the start of a title phrase; order matters (longest first).
_TITLE = re.compile(
    r"(?P<title>(?:(?:первого|первый|первым|первому|перв\w+)\s+)?"
    r"(?:(?:вице-губернатор|губернатор|аким(?!ат)|глав[аеуыо]й?|чрезвычайн\w+\s+и\s+полномочн\w+\s+посо?л|посо?л|"
    r"генеральн\w+\s+консул|генконсул|консул|председател|президент|премьер-министр|вице-премьер|"
    r"исполняющ\w+\s+обязанности\s+\w+|врио\s+\w+|заместител\w*\s+\w+|министр|мэр|"
    r"руководител|директор|ректор|раис|хоким|спикер|депутат|сенатор|уполномоченн\w+)\w*))"
    r"(?![\w-])",
    re.I,
)
_NOT_TITLE_AFTER = re.compile(r"^(?:ат|ства|ство)", re.I)
# A title phrase ends at a verb-like word or strong punctuation; this bounds the gap to the person.
_GAP_STOP = re.compile(
    r"[.!?;:«»\"“”()\n]|\s(?:и|а|но|что|который|которая|встретил\w*|провел\w*|"
    r"отметил\w*|подписал\w*|сообщил\w*|заявил\w*|посетил\w*|принял\w*)\s",
    re.I,
)


def _office(title: str) -> str:
    t = title.lower()
    if re.search(r"посо?л", t):
        return "посол"
    if re.match(r"(генеральн\w+\s+консул|генконсул)", t):
        return "генеральный консул"
    if re.match(r"консул", t):
        return "консул"
    if re.match(r"вице-губернатор", t):
        return "вице-губернатор"
    if re.match(r"губернатор", t):
        return "губернатор"
    if re.match(r"аким", t):
        return "аким"
    if re.match(r"(глав|раис)", t):
        return "глава"
    if re.match(r"президент", t):
        return "президент"
    if re.match(r"председател", t):
        return "председатель"
    return ""


def _nominative_title(title: str) -> str:
    words = title.split()
    first = inflect_word(words[0], {"nomn", "sing"}, ("NOUN", "ADJF", "PRTF")).lower()
    if len(words) > 1 and words[0].lower().startswith(("перв", "исполняющ")):
        second = words[1]
        if words[0].lower().startswith("перв"):
            second = inflect_word(second, {"nomn", "sing"}, ("NOUN",)).lower()
            return f"{first} {second} " + " ".join(words[2:]) if len(words) > 2 else f"{first} {second}"
    return " ".join([first] + [w.lower() for w in words[1:]])


def _places_between(ctx: Context, sent: int, start: int, end: int) -> list[Ref]:
    return sorted(
        (
            r
            for r in ctx.refs
            if r.sent == sent
            and start <= r.start
            and r.end <= end
            and r.type in ("Country", "Region", "City", "Organization")
        ),
        key=lambda r: r.start,
    )


def _target_and_title(
    ctx: Context, office: str, title_text: str, places: list[Ref], complement: str
) -> tuple[str | None, str]:
    """Which place the office belongs to, and the normalised title."""
    country = [r for r in places if r.type == "Country"]
    regions = [r for r in places if r.type in ("Region", "City")]
    orgs = [r for r in places if r.type == "Organization"]
    if office in ("посол", "генеральный консул", "консул"):
        target = country[0].key if country else None
        return target, office
    if office == "президент":
        return (country[0].key if country else None), "президент"
    if re.search(r"облисполком|областн\w+ исполнительн\w+ комитет", complement + title_text, re.I):
        region = (
            regions[0].key
            if regions
            else _demonym_in(ctx, complement)
            or _belarus_oblispolkom(ctx, complement + " " + title_text)
            or _region_of_country(ctx, "BY")
        )
        return region, "председатель облисполкома"
    if office == "председатель" and re.search(r"облисполком", title_text, re.I):
        return _belarus_oblispolkom(ctx, title_text), "председатель облисполкома"
    if re.search(r"\bрегион|\bобласт\w*\b(?!\s+[А-ЯЁ])", complement, re.I) and not regions:
        target = ctx.home
        if office in ("губернатор", "аким"):  # "аким области": the article's main Kazakh region
            target = _focus_region_of(ctx, "RU" if office == "губернатор" else "KZ") or target
        return target, _head_title(ctx, office, target) if office in (
            "глава",
            "губернатор",
            "аким",
        ) else _nominative_title(title_text)
    if regions:
        target = regions[0]
        if office in ("глава", "губернатор", "аким"):
            return target.key, _head_title(ctx, office, target.key)
        # "министр внешних связей Астраханской области": the title is the words before the place
        words_before = ctx.text[ctx.comp_start : target.start].strip()
        return target.key, _nominative_title(f"{title_text} {words_before}".strip())
    if orgs and office not in ("губернатор", "аким"):
        return orgs[0].key, _nominative_title(title_text)
    if office in ("губернатор", "аким"):
        return _guess_home_for(ctx, office), office
    return None, _nominative_title(title_text)


def _head_title(ctx: Context, office: str, key: str | None) -> str:
    ent = ctx.table.get(key) if key else None
    if ent is None:
        return office
    if ent.type == "City":
        return office if office in ("аким", "глава", "мэр") else office
    if office == "глава" or office in ("губернатор", "аким"):
        if ent.country == "KZ":
            return "аким"
        if ent.country == "RU":
            return "губернатор"
        if ent.country == "BY":
            return "председатель облисполкома"
    return office


def _guess_home_for(ctx: Context, office: str) -> str | None:
    """ "губернатор Игорь Бабушкин" with no region: the article's Russian region (аким: Kazakh)."""
    want = "RU" if office == "губернатор" else "KZ"
    for key in (ctx.home, ctx.partner):
        ent = ctx.table.get(key) if key else None
        if ent is not None and ent.country == want:
            return key
    return None


def _focus_region_of(ctx: Context, country: str) -> str | None:
    ent = ctx.table.get(ctx.home) if ctx.home else None
    if ent is not None and ent.country == country:
        return ctx.home
    return next((k for k in ctx.focus if k.startswith("Region:") and ctx.table.get(k).country == country), None)


def _region_of_country(ctx: Context, country: str) -> str | None:
    """ "Делегация Гомельской области во главе с председателем облисполкома": the one region of
    that country in the sentence, else in the article."""
    k = ctx.sentence_of(ctx.comp_start)
    for refs in (ctx.refs_in(k, "Region"), [r for r in ctx.refs if r.type == "Region"]):
        keys = list(dict.fromkeys(r.key for r in refs if ctx.table.get(r.key).country == country))
        if len(keys) == 1:
            return keys[0]
    return None


def _demonym_in(ctx: Context, text: str) -> str | None:
    """ "Минского областного исполнительного комитета" → Минская область."""
    from coopgraph.ingest.trade import demonym_key

    for dm in ctx.demonyms:
        if dm.text in text and dm.place.type == "Region":
            return demonym_key(ctx, dm)
    return None


def _belarus_oblispolkom(ctx: Context, text: str) -> str | None:
    from coopgraph.ingest.gazetteer import load_gazetteer

    m = re.search(r"([А-ЯЁ][а-яё]+?)облисполком|([А-ЯЁ][а-яё]+)\s+облисполком", text)
    if not m:
        return None
    stem = (m.group(1) or m.group(2))[:4].lower()
    for place in load_gazetteer().places("Region"):
        if place.country == "BY" and place.name.lower().startswith(stem):
            from coopgraph.ingest.places import add_place

            return add_place(ctx, place).key
    return None


def extract_positions(ctx: Context) -> None:
    """One HOLDS_POSITION per person and office, from a title phrase right before or after a name."""
    for ref in [r for r in ctx.refs if r.type == "Person"]:
        sent = ctx.sentences[ref.sent]
        found = _title_before(ctx, ref, sent) or _title_after(ctx, ref, sent)
        if not found:
            continue
        office, title_text, complement, comp_start, comp_end = found
        places = _places_between(ctx, ref.sent, comp_start, comp_end)
        ctx.comp_start = comp_start
        target, title = _target_and_title(ctx, office, title_text, places, complement)
        if target is None or not title:
            continue
        if title in ("глава",) and ctx.table.get(target).type != "City":
            continue
        ctx.relate("HOLDS_POSITION", ref.key, target, ref.sent, rule="position.title", title=title)
    add_title_refs(ctx)


def add_title_refs(ctx: Context) -> None:
    """ "Губернатор Астраханской области прибыл ...": a title with its place and no name stands for
    the person the article names in that office elsewhere."""
    holders: dict[tuple[str, str], str] = {}
    for rel in ctx.relations.values():
        if rel.type == "HOLDS_POSITION":
            holders.setdefault((rel.title or "", rel.target_key), rel.source_key)
    if not holders:
        return
    for k, sent in enumerate(ctx.sentences):
        for m in _TITLE.finditer(sent.text):
            start = sent.start + m.start()
            office = _office(m.group("title"))
            if office not in ("губернатор", "аким", "посол", "генеральный консул", "председатель"):
                continue
            places = [
                r for r in ctx.refs_in(k, "Region", "City", "Country") if 0 < r.start - (sent.start + m.end()) <= 3
            ]
            if not places:
                continue
            after = ctx.text[places[0].end : places[0].end + 40]
            if any(r.type == "Person" and 0 <= r.start - places[0].end <= 3 for r in ctx.refs_in(k)):
                continue
            key = next(
                (
                    v
                    for (t, place), v in holders.items()
                    if place == places[0].key and (t == office or office == "председатель")
                ),
                None,
            )
            if key and not re.match(r"\s*[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+", after):
                ctx.add_ref(ctx.table.get(key), start, places[0].end, via="title")


def _title_before(ctx: Context, ref: Ref, sent):
    window_start = max(sent.start, ref.start - 160)
    left = ctx.text[window_start : ref.start]
    matches = [m for m in _TITLE.finditer(left) if not _NOT_TITLE_AFTER.match(left[m.end() :])]
    if not matches:
        return None
    m = matches[-1]
    gap = left[m.end() :]
    between = [
        r
        for r in ctx.refs
        if r.type == "Person" and r.sent == ref.sent and window_start + m.end() <= r.start < ref.start
    ]
    if not between and (_GAP_STOP.search(gap) or len(gap) > 130):
        return None
    office = _office(m.group("title"))
    title_text = m.group("title")
    if between:
        # "Губернаторы Новосибирской области A и Томской области B": a plural title shared by both,
        # each with its own complement
        last = max(between, key=lambda r: r.end)
        c = re.match(r"\s*(?:,|и)\s+", ctx.text[last.end : ref.start])
        if not (
            c
            and re.search(r"(?:ы|и|ей|ям|ями|ов)$", title_text, re.I)
            and office in ("губернатор", "аким", "глава", "председатель", "посол")
        ):
            return None
        start = last.end + c.end()
        return (office, title_text, ctx.text[start : ref.start], start, ref.start)
    return (office or "other", title_text, gap, window_start + m.end(), ref.start)


def _title_after(ctx: Context, ref: Ref, sent):
    right = ctx.text[ref.end : min(sent.end, ref.end + 160)]
    m = re.match(r"\s*[,–—-]\s*", right)
    if not m:
        return None
    t = _TITLE.match(right, m.end())
    if not t:
        return None
    rest = right[t.end() :]
    stop = re.search(r"[,.;:!?()]|\s(?:и|а|отметил\w*|сказал\w*|подчеркнул\w*|заявил\w*)\s", rest)
    comp = rest[: stop.start()] if stop else rest
    base = ref.end + t.end()
    return (_office(t.group("title")) or "other", t.group("title"), comp, base, base + len(comp))
