"""Places: gazetteer matches turned into Country/Region/City entities, and the article's focus."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from functools import lru_cache
from importlib import resources

from coopgraph.ingest.context import Context, Ref
from coopgraph.ingest.gazetteer import Place, load_gazetteer

# "АСТАНА, 11 окт – Sputnik." / "22 февраля, Минск /Корр. БЕЛТА/.": the bureau, not a party.
_DATELINE = re.compile(
    r"^\s*(?P<before>\d{1,2}\s+\w+\.?,\s*)?(?P<place>[A-ZА-ЯЁ][\w\-]+(?:[\s\-][A-ZА-ЯЁ][\w\-]+)?)\s*"
    r"(?P<date>[,.]\s*\d{1,2}\s+\w+\.?(?:\s+\d{4}(?:\s+г(?:ода|\.)?)?)?)?\.?\s*"
    r"(?P<sep>[–—]|(?<=\s)-|/|\(|«)",  # a hyphen is a dash only when spaced: "Западно-Казахстанской" is a word
    re.M,
)
_AGENCY = re.compile(r"Sputnik|Корр|РИА|ТАСС|Kazinform|Казинформ|БЕЛТА|REGNUM|Кабар|Синьхуа|УзА", re.I)


def place_key(place: Place) -> str:
    return f"{place.type}:{place.code}"


def qualifies_a_place(ctx: Context, country: Ref) -> bool:
    """A country right after a region or city of its own, nothing between ("в Чуйскую область Кыргызстана", "Дни
    Мангистауской области Республики Казахстан"): the place's genitive qualifier, not a place of its own."""
    code = country.key.split(":")[-1]
    return any(
        p.end <= country.start
        and not ctx.text[p.end : country.start].strip()
        and getattr(ctx.table.get(p.key), "country", None) == code
        for p in ctx.refs_in(country.sent, "Region", "City")
    )


def add_place(ctx: Context, place: Place, alias: str | None = None, start: int | None = None, end: int | None = None):
    gaz = load_gazetteer()
    region = gaz.region_of(place) if place.type == "City" else None
    return ctx.table.add(
        place.type,
        place.name,
        key=place_key(place),
        alias=alias,
        start=start,
        end=end,
        country=place.country,
        region=region.code if region is not None else None,
    )


def _dateline_spans(text: str, places: set[int]) -> list[tuple[int, int]]:
    """ "АСТАНА, 11 окт – Sputnik", "Чолпон-Ата, 8 августа /Кабар/", "Минск /Корр. БЕЛТА/": a line opening
    with a place (one of the `places` match starts), then a date or an agency. A place, a dash and no date
    is a headline ("Казахстан – Вьетнам: новая веха", "Делегация Гянджи – в Шымкенте")."""
    spans = []
    for m in _DATELINE.finditer(text):
        if m.start("place") not in places:
            continue
        rest = text[m.end() : m.end() + 60]
        dated = m.group("date") or m.group("before")
        if (
            m.group("sep") in "/("
            or _AGENCY.search(m.group(0) + rest)
            or dated
            and re.search(r"[—–/«]", rest + m.group("sep"))
        ):
            spans.append(m.span("place"))
    return spans


def extract_places(ctx: Context) -> None:
    """Add every place named by a noun, abbreviation or informal name; demonyms become refs only."""
    gaz = load_gazetteer()
    matches = gaz.find(ctx.text)
    datelines = _dateline_spans(ctx.text, {m.start for m in matches})
    persons = [(sp.start, sp.end) for sp in ctx.parsed.spans if sp.type == "PER"]
    named_regions = _regions_by_core_name([m.place for m in matches if m.via != "demonym"])
    for match in matches:
        if any(s <= match.start < e for s, e in datelines):
            continue
        if match.place.type == "City" and any(
            s == match.start and e > match.end + 1 and not _place_before_name(ctx.text[match.end : e])
            for s, e in persons
        ):
            continue  # "с акимом Дарханом Сатыбалды": a first name that is also a town
        if match.via == "demonym":
            ctx.demonyms.append(match)
            continue
        place = match.place
        if place.type == "City" and place.name.lower() in named_regions:
            # "граничащая с округом Тачэн ... а из Тачэна получает овощи": the town's name is the region's
            # core, and the article speaks of the region
            place = named_regions[place.name.lower()]
        ent = add_place(ctx, place, alias=match.text, start=match.start, end=match.end)
        ctx.add_ref(ent, match.start, match.end, via=match.via)
    _ambiguous_in_context(ctx, datelines)
    _capitals_by_epithet(ctx)
    _demonyms_of_sides(ctx)


# "в южную столицу Казахстана" is Almaty; "в столице Казахстана" Astana: a capital named by what it is. A
# country's capital is named by the country's code after "столиц-"; the south's is Almaty's alone.
_CAPITALS = {"KZ": "KZ-71", "KG": "KG-GB", "UZ": "UZ-TK", "BY": "BY-HM", "RU": "RU-MOW"}
_SOUTHERN_CAPITAL = re.compile(r"(?<![\w-])[Юю]жн\w+\s+столиц\w+(?:\s+Казахстана)?")
_CAPITAL_OF = re.compile(r"(?<![\w-])(?<!южной\s)(?<!южная\s)(?<!южную\s)столиц\w+\s+(?P<country>[А-ЯЁ][а-яё]+)")


def _capitals_by_epithet(ctx: Context) -> None:
    gaz = load_gazetteer()
    taken = [(r.start, r.end) for r in ctx.refs]
    found = [(m, gaz.get("KZ-75")) for m in _SOUTHERN_CAPITAL.finditer(ctx.text)]
    for m in _CAPITAL_OF.finditer(ctx.text):
        country = gaz.lookup(m.group("country"))
        if country is not None and country.type == "Country" and country.code in _CAPITALS:
            found.append((m, gaz.get(_CAPITALS[country.code])))
    for m, place in found:
        if place is None or any(
            s < m.end() and m.start() < e for s, e in taken if not (s >= m.start() and e <= m.end())
        ):
            continue
        ent = add_place(ctx, place, alias=m.group(0), start=m.start(), end=m.end())
        ctx.add_ref(ent, m.start(), m.end(), via="informal")
        taken.append(m.span())


# Words of a region's name that say what kind of region it is: "округ Тачэн" is "Тачэн".
_REGION_WORDS = frozenset({"округ", "область", "провинция", "аймак"})


def _regions_by_core_name(places: list[Place]) -> dict[str, Place]:
    """The regions the article names, by their name without the word for their kind, in lower case."""
    out = {}
    for place in places:
        words = place.name.split()
        core = [w for w in words if w.lower() not in _REGION_WORDS]
        if place.type == "Region" and len(core) < len(words) and core:
            out[" ".join(core).lower()] = place
    return out


_PATRONYMIC = re.compile(r"(?:вич|вна|ична|улы|уулу|кызы|оглы)\w*$", re.I)


def _place_before_name(rest: str) -> bool:
    """ "аким Семея Даурен Абенов": natasha's name span runs on from a town; two more name words, the first no
    patronymic, make the town a place and not the first name ("Дархан Серикович Ахметов")."""
    words = rest.split()
    return len(words) == 2 and not _PATRONYMIC.search(words[0])


# A place adjective on these nouns stands for its place (spec: "астраханская делегация" → Астраханская область).
_SIDE_NOUNS = frozenset({"делегация", "бизнес-делегация", "делегат", "сторона", "гость", "представитель", "миссия"})


def _demonyms_of_sides(ctx: Context) -> None:
    """ "омская делегация": the Region the adjective names, or the one city of it the article names when the
    region itself is never named ("делегация Оренбурга ... оренбургская делегация")."""
    for dm in ctx.demonyms:
        if dm.place.type not in ("Region", "City") or not _before_side_noun(ctx, dm.end):
            continue
        ent = ctx.table.get(place_key(dm.place))
        if ent is None and dm.place.type == "Region":
            cities = [e for e in ctx.table.of_type("City") if e.region == dm.place.code]
            ent = cities[0] if len(cities) == 1 else None
        if ent is None:
            ent = add_place(ctx, dm.place)
        ctx.table.add(ent.type, ent.name, key=ent.key, alias=dm.text, start=dm.start, end=dm.end)
        ctx.add_ref(ent, dm.start, dm.end, via="demonym")


def _before_side_noun(ctx: Context, end: int) -> bool:
    from coopgraph.ingest.morph import lemmas

    m = re.match(r"\s+([А-Яа-яЁё\-]+)", ctx.text[end : end + 40])
    return bool(m and lemmas(m.group(1)) & _SIDE_NOUNS)


_WORD = re.compile(r"[А-ЯЁа-яё][А-ЯЁа-яё\-]+")


def _ambiguous_in_context(ctx: Context, datelines) -> None:
    """A name the gazetteer cannot place alone ("алтайская делегация": Республика Алтай or Алтайский
    край) is the one of its candidates that the article names unambiguously elsewhere."""
    from coopgraph.ingest.gazetteer import PlaceMatch, translit_kazakh
    from coopgraph.ingest.morph import lemmas

    gaz = load_gazetteer()
    forms = {translit_kazakh(k).lower(): (k, codes) for k, codes in gaz.ambiguous.items()}
    present = {
        key.split(":", 1)[1] for key in ctx.table.entities if key.split(":", 1)[0] in ("Region", "City", "Country")
    }
    stems = {f[:4] for f in forms}
    covered = [(r.start, r.end) for r in ctx.refs] + [(d.start, d.end) for d in ctx.demonyms] + list(datelines)
    for m in _WORD.finditer(ctx.text):
        word = translit_kazakh(m.group()).lower()
        if word[:4] not in stems:  # first the cheap test: the span check below is linear in the mentions
            continue
        if any(s <= m.start() < e for s, e in covered):
            continue
        hit = next((forms[f] for f in {word} | lemmas(word) if f in forms), None)
        if hit is None:
            continue
        surface, codes = hit
        known = [c for c in codes if c in present]
        if len(known) != 1:
            continue
        place = gaz.get(known[0])
        if surface[:1].islower():  # an adjective: a demonym, resolved like the unambiguous ones
            ctx.demonyms.append(PlaceMatch(start=m.start(), end=m.end(), text=m.group(), place=place, via="demonym"))
        elif m.group()[:1].isupper():
            ent = add_place(ctx, place, alias=m.group(), start=m.start(), end=m.end())
            ctx.add_ref(ent, m.start(), m.end(), via="alias")


HEADLINE_WEIGHT = 2


def choose_focus(ctx: Context) -> None:
    """The article's home region and its main partner, by how often and how early they are named."""
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for r in ctx.refs:
        if r.type in ("Region", "Country", "City"):
            key = _region_key_of(ctx, r.key) if r.type == "City" else r.key
            if key:
                # the headline says what the article is about: its places count more
                counts[key] += 1 + (HEADLINE_WEIGHT if r.sent == 0 else 0)
                first.setdefault(key, r.start)
    ranked = sorted(counts, key=lambda k: (not k.startswith("Region:"), -counts[k], first[k]))
    if not any(k.startswith("Region:") for k in ranked) and _ORAL_REGION.search(ctx.text):
        implied = _implied_region(ctx)
        if implied is not None:
            ranked.insert(0, implied)
    ctx.focus = ranked
    regions = [k for k in ranked if k.startswith("Region:")]
    listed = _listed_outlet_region(ctx) or _outlet_place(ctx)
    own = (place_key(listed) if listed else None) or _interviewee_region(ctx, regions) or _dateline_region(ctx, regions)
    if listed is not None and own not in regions and _ORAL_REGION.search(ctx.text):
        # "Приуралье" (lexicons/outlets.toml [regions]) or "Могилёвский вестник" writes of "наш регион", "области"
        # it never names: that is its own
        own = add_place(ctx, listed).key
        regions.insert(0, own)
        ranked.insert(0, own)
    elif own in regions[1:]:  # a regional outlet writes from its region: "наш регион" is that one
        regions.remove(own)
        regions.insert(0, own)
        ranked.remove(own)
        ranked.insert(0, own)
    if regions:
        ctx.home = regions[0]
        ctx.partner = regions[1] if len(regions) > 1 else None


def _region_key_of(ctx: Context, city_key: str) -> str | None:
    ent = ctx.table.get(city_key)
    if ent is None or not ent.region:
        return None
    key = f"Region:{ent.region}"
    if ctx.table.get(key) is None:
        return None  # the city's region is not named: the city is no evidence of focus
    return key


# "из области", "аким области", "регион": the text speaks of a region it never names
# (case-sensitive: under re.I the lookahead would refuse any word after it, "из области экспортировано")
_ORAL_REGION = re.compile(r"(?<![\w-])(?:[Оо]бласт\w*|[Рр]егион\w*)(?![\w-])(?!\s+[А-ЯЁ])")
_QUOTED_OUTLET = re.compile(r"[«\"“„]([^«»\"“”„\n]{3,60})[»\"”“]")


def _implied_region(ctx: Context) -> str | None:
    """The region an article speaks of without naming it: the one a regional outlet in its first lines is
    named after («Кызылординские Вести»), else the one region of the cities it names ("в Кызылорде аким
    области"). Its entity is added (spec: "наш регион" of a regional outlet is the region)."""
    gaz = load_gazetteer()
    head = ctx.text[:300]
    names = [m.group(1) for m in _QUOTED_OUTLET.finditer(head)] + ([ctx.outlet] if ctx.outlet else [])
    for name in names:  # the outlet in the first lines, or the one the reader took off the page's header
        place = region_named_in(name)
        if place is not None:
            return add_place(ctx, place).key
    regions = {ctx.table.entities[r.key].region for r in ctx.refs if r.type == "City"} - {None}
    if len(regions) == 1:
        return add_place(ctx, gaz.get(str(regions.pop()))).key
    return None


def region_named_in(name: str) -> Place | None:
    """The region an outlet's name is after: «Кызылординские Вести» (a region's adjective)."""
    gaz = load_gazetteer()
    for word in re.findall(r"[А-ЯЁа-яё\-]+", name):
        place = gaz.lookup(word)
        if place is not None and place.type == "Region" and word[:1].isupper() and word.lower() != place.name.lower():
            return place
    # "Акимат области Абай": a region named "область X" (the reader's official-site outlet)
    found = re.search(r"\bобласт[иь]\s+[А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+", name)
    place = gaz.lookup(found.group()) if found else None
    return place if place is not None and place.type == "Region" else None


def _host_city_region(outlet: str) -> Place | None:
    """ "kyzylorda-news.kz", "omskinform.ru": a site whose host opens with a city's Latin name writes from that
    city's region (the gazetteer's city codes are their names in Latin letters)."""
    if not re.fullmatch(r"[a-z0-9.\-]+\.[a-z]{2,6}", outlet.lower()):
        return None
    tokens = [t for t in re.split(r"[.\-\d_]+", outlet.lower()) if len(t) >= 4]
    gaz = load_gazetteer()
    best = None
    for slug, city in _city_slugs():
        # a short name only whole or before a media word ("omskinform"): "sharqnews" is not Шар
        if any(t == slug or t.startswith(slug) and (len(slug) >= 5 or t[len(slug) :] in _MEDIA_WORDS) for t in tokens):
            if best is None or len(slug) > len(best[0]):
                best = (slug, city)
    return gaz.region_of(best[1]) if best is not None else None


_MEDIA_WORDS = {"inform", "info", "news", "tv", "today", "portal", "online", "pravda", "vesti", "media", "press"}


@lru_cache(maxsize=1)
def _city_slugs() -> list[tuple[str, Place]]:
    return [
        (p.code.split("-C-", 1)[1].replace("-", "").lower(), p)
        for p in load_gazetteer().places("City")
        if "-C-" in p.code
    ]


def outlet_country(outlet: str) -> str | None:
    """The country a national agency writes from (lexicons/outlets.toml), if it is one."""
    return _outlets()["countries"].get(outlet.strip(' «»"').lower())


def _listed_outlet_region(ctx: Context) -> Place | None:
    """The region of a regional paper whose name holds no place ("Приуралье"), from lexicons/outlets.toml."""
    code = _outlets()["regions"].get(ctx.outlet.strip(' «»"').lower()) if ctx.outlet else None
    return load_gazetteer().get(code) if code else None


@lru_cache(maxsize=1)
def _outlets() -> dict[str, dict[str, str]]:
    """lexicons/outlets.toml read once: for each table ("countries", "regions"), lower-cased name → code."""
    text = resources.files(__package__).joinpath("lexicons", "outlets.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return {table: {n.lower(): code for code, names in data[table].items() for n in names} for table in data}


def _interviewee_region(ctx: Context, regions: list[str]) -> str | None:
    """An interview with a region's official (a lead sentence saying "в интервью", questions and answers on
    dashed lines): "наш регион", "мы" in his answers are his region's, whatever the outlet."""
    from coopgraph.ingest.discourse import INTERVIEW, QA_LINE  # discourse reads places' results

    if len(QA_LINE.findall(ctx.text)) < 2:
        return None
    for k, sent in enumerate(ctx.sentences[:6]):
        named = [r for r in ctx.refs_in(k, "Region") if r.key in regions]
        if INTERVIEW.search(sent.text) and named:  # (a rubric "Интервью" in the breadcrumb names no region)
            return min(named, key=lambda r: r.start).key
    return None


def _dateline_region(ctx: Context, regions: list[str]) -> str | None:
    """ "Бишкек, 30 сентября. /Кабар/.": a national agency writes from its country, so of the article's two
    leading regions the one in that country is its home."""
    country = outlet_country(ctx.outlet) if ctx.outlet else None
    ours = [k for k in regions[:2] if (e := ctx.table.get(k)) is not None and e.country == country]
    return ours[0] if country and len(ours) == 1 else None


def _outlet_place(ctx: Context) -> Place | None:
    """The region of the outlet the reader found, named after it (a region's adjective) or after one of its
    cities ("Тараз Бизнес")."""
    if not ctx.outlet:
        return None
    place = region_named_in(ctx.outlet) or _host_city_region(ctx.outlet)
    if place is None:
        gaz = load_gazetteer()
        cities = [gaz.lookup(w) for w in re.findall(r"[А-ЯЁ][а-яё\-]+", ctx.outlet)]
        city = next((c for c in cities if c is not None and c.type == "City"), None)
        place = gaz.region_of(city) if city is not None else None
    return place
