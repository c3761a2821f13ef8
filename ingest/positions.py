"""HOLDS_POSITION: a title phrase in apposition to a person's name, its office normalised as the spec says."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from coopgraph.ingest.context import DELEGATION_MEMBERS, Context, Ref
from coopgraph.ingest.discourse import (
    HEAD_COUNTRY,
    body_named_before,
    body_place,
    country_code,
    delegation_named_before,
)
from coopgraph.ingest.discourse import words as discourse_words
from coopgraph.ingest.morph import form_of, inflect_word, parses, transliterate_kazakh
from coopgraph.ingest.nlp import Sentence
from coopgraph.ingest.records import Relation

PLACE_TYPES = ("Country", "Region", "City")


@dataclass(frozen=True)
class Office:
    pattern: re.Pattern
    kind: str  # head, envoy, state, office (ingest/lexicons/offices.toml)
    title: str


@dataclass(frozen=True)
class Offices:
    entries: tuple[Office, ...]
    any_title: re.Pattern  # every entry's pattern, at a word start
    heads: dict[str, str]  # country code -> the title of a region's head
    home_words: tuple[str, ...]
    city_words: tuple[str, ...]
    councils: frozenset[str]
    country_words: tuple[str, ...]
    public_bodies: tuple[str, ...]
    body_countries: dict[str, str]  # a body's word start -> the country whose regions have it

    @property
    def envoy_titles(self) -> frozenset[str]:
        """The titles an envoy's office is written with ("посол", "генеральный консул", "консул")."""
        return frozenset(o.title for o in self.entries if o.kind == "envoy")

    def office_at(self, text: str, pos: int) -> Office:
        return next(o for o in self.entries if o.pattern.match(text, pos))

    def title_opening(self, text: str) -> re.Match | None:
        """The title a text opens with ("Ректор университета", "проректор"), if it opens with one."""
        return self.any_title.match(text)


@lru_cache(maxsize=1)
def offices() -> Offices:
    data = tomllib.loads(resources.files(__package__).joinpath("lexicons/offices.toml").read_text(encoding="utf-8"))
    entries = tuple(
        Office(re.compile(rf"(?:{o['pattern']})(?![\w-])", re.I), o["kind"], o.get("title", "")) for o in data["office"]
    )
    alternatives = "|".join(f"(?:{o['pattern']})" for o in data["office"])
    heads = data["heads"]
    return Offices(
        entries=entries,
        any_title=re.compile(rf"(?<![\w-])(?P<title>{alternatives})(?![\w-])", re.I),
        heads=dict(heads["region"]),
        home_words=tuple(heads["home_words"]),
        city_words=tuple(heads["city_words"]),
        councils=frozenset(heads["councils"]),
        country_words=tuple(heads["country_words"]),
        public_bodies=tuple(heads["public_bodies"]),
        body_countries=dict(heads["body_countries"]),
    )


@dataclass
class TitlePhrase:
    """A title before or after a name: the office, its words, and the complement that says of what."""

    office: Office
    text: str  # the words the office pattern matched ("первым заместителем акима")
    start: int
    comp_start: int  # the complement: the words between the title and the name (or after the title)
    comp_end: int
    sent: int  # the sentence the title is in
    words_end: int | None = None  # where the title's own words end, when a dash adds a second title
    chained: TitlePhrase | None = None  # the first of titles joined by a dash, when this is a later one
    held: bool = True  # False for "бывший аким X", "кандидат на пост губернатора X": an office not held


# A title phrase ends at a verb-like word or strong punctuation; this bounds the gap to the person.
_GAP_STOP = re.compile(
    r"[.!?;:«»\"“”()\n]|\sи\s+(?![а-яё])|\s(?:а|но|однако|если|когда|хотя|что|который|которая|встретил\w*|провел\w*|"
    r"отметил\w*|подписал\w*|сообщил\w*|заявил\w*|посетил\w*|принял\w*|его|её|ее)\s"
    # "члены Коллегии Минобороны во главе с X": the title is of those X leads, not his
    r"|\sво\s+главе\s",
)
_AFTER_STOP = re.compile(r"[,.;:!?()]|\s(?:и|а|отметил\w*|сказал\w*|подчеркнул\w*|заявил\w*)\s")
_LED_BY = re.compile(
    r"(?:во\s+главе\s+с|возглавляем\w+|под\s+руководством|возглавил\w*|возглавлял\w*|возглавила)\s*$", re.I
)
# "команду области Абай привез в Барнаул заместитель акима области": he led the team he brought
_BROUGHT_BY = re.compile(
    r"(?<![\w-])(?:привез|привёз|привезл|привел|привёл|привела)\w*(?:\s+(?:в|во|на)\s+\S+)?\s*$", re.I
)
_PLURAL_TITLE = re.compile(r"(?:ы|и|ей|ям|ями|ов)$", re.I)
_ABBREVIATION = re.compile(r"^[А-ЯЁA-Z]{2,}$")
_DEPUTY = re.compile(r"^(?:перв\w+\s+)?(?:заместител|замест|зам\b|исполняющ|врио)", re.I)


def extract_positions(ctx: Context) -> None:
    """One HOLDS_POSITION per person and office, from a title phrase right before or after a name."""
    for ref in [r for r in ctx.refs if r.type == "Person"]:
        after = _title_after(ctx, ref)
        before = _titles_before(ctx, ref)
        if any(not phrase.held for phrase in before):
            continue  # a former office, or one run for: nor is a title after the name his
        if before and after and _listed_after_names(ctx, ref, before[0], after):
            before = []  # "Ерлан Иманов – заместитель акима, Сергей Петров – директор ТОО «Агро»": each his own
        for phrase in before or ([after] if after else []):
            found = _resolve(ctx, ref, phrase)
            if found is not None:
                ctx.relate("HOLDS_POSITION", ref.key, found[0], ref.sent, rule="position.title", title=found[1])
    _title_then_name(ctx)
    _possessive_deputies(ctx)
    add_title_refs(ctx)


def _listed_after_names(ctx: Context, ref: Ref, before: TitlePhrase, after: TitlePhrase) -> bool:
    """ "Ерлан Иманов – заместитель акима области, Сергей Петров – директор ТОО «Агро»": in a list of "name –
    title" (or "name, title") items, the title before a name that a comma ends is the previous name's."""
    if re.search(r"[,;]\s*$", ctx.text[before.comp_start : ref.start]) is None:
        return False
    if re.fullmatch(r"\s*[,–—-]\s*", ctx.text[ref.end : after.start]) is None:
        return False
    sep = re.compile(r"\s*[,–—-]\s*")
    return any(
        r.end < before.start and sep.fullmatch(ctx.text[r.end : before.start]) for r in ctx.refs_in(ref.sent, "Person")
    )


# "аким области Кумар Аксакалов и его заместитель Ерлан Иманов", "с её первым заместителем"
_POSSESSIVE_DEPUTY = re.compile(r"(?<![\w-])(?:его|её|ее)\s+(перв\w+\s+)?заместител\w*\s*$", re.I)


def _possessive_deputies(ctx: Context) -> None:
    """A name after "его заместитель" holds the deputy's office of the place the person named right before
    holds an office of ("заместитель акима"): the spec's title for a deputy names whom he deputises for."""
    held: dict[str, Relation] = {}
    for r in ctx.relations.values():
        if r.type == "HOLDS_POSITION" and r.target_key.split(":")[0] in PLACE_TYPES and r.title:
            held.setdefault(r.source_key, r)
    for ref in [r for r in ctx.refs if r.type == "Person"]:
        window = max(ctx.sentences[ref.sent].start, ref.start - 50)
        m = _POSSESSIVE_DEPUTY.search(ctx.text[window : ref.start])
        if m is None or ref.key in held:
            continue
        before = [
            r
            for r in ctx.refs
            if r.type == "Person" and r.end <= window + m.start() and ref.sent - 1 <= r.sent <= ref.sent
        ]
        last = max(before, key=lambda r: r.start) if before else None
        owner = held.get(last.key) if last else None
        office = (owner.target_key, owner.title or "") if owner else None
        if last is None or last.sent < ref.sent:  # an office named without a name in the sentence comes first
            office = _unnamed_owner(ctx, ref, window + m.start()) or office
        if office is None or not office[1]:
            continue  # the person right before holds no office of a place: whose deputy is not said
        head, *rest = office[1].split()
        title = " ".join(
            ["первый"] * bool(m.group(1)) + ["заместитель", inflect_word(head, {"gent"}, ("NOUN",))] + rest
        )
        ctx.relate("HOLDS_POSITION", ref.key, office[0], ref.sent, rule="position.possessive_deputy", title=title)


def _unnamed_owner(ctx: Context, ref: Ref, end: int) -> tuple[str, str] | None:
    """ "В составе делегации – аким области, его заместитель X": the office of a place named right before
    "его" without a name."""
    sent = ctx.sentences[ref.sent]
    left = ctx.text[sent.start : end]
    m = next(reversed(list(offices().any_title.finditer(left))), None)
    if m is None or not re.fullmatch(r"[^.;:()]{0,60}?,?\s*", left[m.end() :]):
        return None
    start = sent.start + m.start()
    phrase = TitlePhrase(
        offices().office_at(ctx.text, start), m.group("title"), start, sent.start + m.end(), end, ref.sent
    )
    found = _resolve(ctx, ref, phrase)
    return found if found and found[0].split(":")[0] in PLACE_TYPES else None


# ---------------------------------------------------------------- finding the title phrase


def _titles_before(ctx: Context, ref: Ref) -> list[TitlePhrase]:
    """The title right before a name and, when a dash joins it to one before ("заместителя главы администрации
    – руководителя аппарата администрации города Оренбурга Сергея Калмыкова"), that one too: both offices."""
    phrase = _title_before(ctx, ref)
    if phrase is None or phrase.chained is None:
        return [phrase] if phrase else []
    return [phrase, phrase.chained]


def _disagree(ctx: Context, ref: Ref, title_start: int) -> bool:
    """ "По данным пресс-службы акима области, Виталий Хоценко прибыл": a name after a comma stands in apposition
    to the title only in the title's case; a name in another case starts a clause of its own."""
    tokens = ctx.sentences[ref.sent].tokens
    # the title's first word is its head: "заместителем акима области, Ерланом Ивановым" agrees in "заместителем"
    title = next((t for t in tokens if t.start >= title_start), None)
    entity = ctx.table.get(ref.key)
    if title is None or not title.feats.get("Case") or entity is None:
        return False
    # a name written as its canonical (nominative) form is nominative; the tagger's case of a name is a guess from
    # its place ("акима области, Асаина Байханова" read as nominative), and "Дмитрия" is a woman's name to pymorphy
    canonical = set(entity.name.lower().replace("ё", "е").split())
    # initials say nothing; Kazakh letters are written as the canonical name spells them
    written = [
        w for w in transliterate_kazakh(ctx.text[ref.start : ref.end]).lower().replace("ё", "е").split() if "." not in w
    ]
    if not written or all(any("Fixd" in p.tag for p in parses(w)[:1]) for w in written):
        return False  # "губернатора области Хоценко": a name that does not decline says no case
    nominative = all(w in canonical for w in written)
    return (title.feats["Case"] == "Nom") != nominative


# "экс-кандидат в президенты Беларуси Андрей Санников", "кандидатом в депутаты", "кандидат на пост губернатора":
# running for it, not holding it; "бывший аким", "ранее занимавший пост акима": no longer holding it (as
# "экс-губернатор", which no title pattern opens)
_CANDIDATE = re.compile(
    r"(?:кандидат\w*\s+(?:в[о]?|на\s+(?:пост|должность))|бывш\w+|(?:ранее\s+)?занимавш\w+\s+(?:пост|должность))\s+$",
    re.I,
)
_AT_THE_HEAD = re.compile(r"\bв[о]?\s+$", re.I)
# "Глава делегации — X", "Руководитель бизнес-миссии — X": leading a trip, no office
_GROUP_LEADER = re.compile(r"(?:глав|руководител)\w*\s+(?:[а-яё]+\s+)?(?:бизнес-)?(?:делегаци|мисси)", re.I)


def _title_before(ctx: Context, ref: Ref) -> TitlePhrase | None:
    sent = ctx.sentences[ref.sent]
    window_start = max(sent.start, ref.start - 160)
    left = ctx.text[window_start : ref.start]
    # "Во главе делегации — X": leading, no office
    found = [
        m
        for m in offices().any_title.finditer(left)
        if not (m.group("title").lower().startswith("глав") and _AT_THE_HEAD.search(left[: m.start()]))
        and not _GROUP_LEADER.match(m.group("title") + left[m.end() :])
    ]
    if found and _CANDIDATE.search(left[: found[-1].start()]) and len(left) - found[-1].end() < 80:
        # "бывший губернатор Флориды Джеб Буш, губернатор Висконсина Скотт Уокер": he has his title, not held
        return TitlePhrase(offices().office_at(left, found[-1].start()), "", 0, 0, 0, ref.sent, held=False)
    matches = [m for m in found if not _CANDIDATE.search(left[: m.start()])]
    if not matches:
        return None
    m = matches[-1]
    persons = [
        r for r in ctx.refs_in(ref.sent, "Person") if window_start + m.end() <= r.start < ref.start and r.key != ref.key
    ]
    title_start = window_start + m.start()
    office = offices().office_at(ctx.text, title_start)
    if persons:
        # "Губернаторы Новосибирской области A и Томской области B": a plural title shared by both
        last = max(persons, key=lambda r: r.end)
        c = re.match(r"\s*(?:,|и)\s+", ctx.text[last.end : ref.start])
        listed_first = min(persons, key=lambda r: r.start)
        comp = ctx.text[window_start + m.end() : listed_first.start].split()
        if c and len(comp) == 1 and _plural(comp[0]):
            # "директора колледжей A и B": each of the bodies of that kind named before, in order (_named_body)
            end = listed_first.start
            return TitlePhrase(office, m.group("title"), title_start, window_start + m.end(), end, ref.sent)
        if not (c and _PLURAL_TITLE.search(m.group("title")) and office.kind in ("head", "envoy")):
            return None
        return TitlePhrase(office, m.group("title"), title_start, last.end + c.end(), ref.start, ref.sent)
    gap = _masked(ctx, ref.sent, window_start + m.end(), ref.start)
    if (
        _GAP_STOP.search(gap)
        or len(gap) > 130
        or _finite_verb_between(ctx, ref.sent, window_start + m.end(), ref.start)
        or gap.rstrip().endswith(",")
        and _disagree(ctx, ref, title_start)
    ):
        return None
    phrase = TitlePhrase(office, m.group("title"), title_start, window_start + m.end(), ref.start, ref.sent)
    first = _chain_start(left, matches)
    if any(window_start + first.end() <= r.start < title_start for r in ctx.refs_in(ref.sent, "Person")):
        first = m  # "заместитель премьер-министра РК X, российскую – вице-премьер РФ Y": X's title, not Y's
    if first is not m:
        dash = re.search(r"\s[–—-]\s", left[first.end() : m.start()])
        start = window_start + first.start()
        phrase.chained = TitlePhrase(
            offices().office_at(ctx.text, start),
            first.group("title"),
            start,
            window_start + first.end(),
            ref.start,
            ref.sent,
            window_start + first.end() + dash.start() if dash else None,
        )
        if dash is None:  # "пресс-секретаря главы республики": the first title governs the second
            return phrase.chained
    return phrase


def _finite_verb_between(ctx: Context, k: int, start: int, end: int) -> bool:
    """ "Глава региона пригласил Игоря Ремезова": a finite verb between a title and a name ends the title's
    phrase (the list of such verbs in `_GAP_STOP` is only where the tagger has no say)."""
    return any(
        start <= t.start < end and t.pos == "VERB" and t.feats.get("VerbForm") == "Fin" for t in ctx.sentences[k].tokens
    )


def _masked(ctx: Context, k: int, start: int, end: int) -> str:
    """The text between two offsets with place and body names blanked: "Республики Саха (Якутия)", "ТОО
    «Казэкспорт»" stop nothing."""
    text = list(ctx.text[start:end])
    for r in ctx.refs_in(k, *PLACE_TYPES, "Organization"):
        if start <= r.start and r.end <= end:
            text[r.start - start : r.end - start] = "x" * (r.end - r.start)
    masked = "".join(text)
    # "проректор Белорусского национального технического университета (БНТУ) Андрей Савицкий": the
    # acronym a body's name introduces stops nothing either
    return _ACRONYM_AFTER_NAME.sub(lambda m: "x" * len(m.group()), masked)


_ACRONYM_AFTER_NAME = re.compile(
    r"(?<=x)\s*\((?:x+|(?=[^()]*[А-ЯЁA-Z][^()]*[А-ЯЁA-Z])[А-ЯЁA-Zа-яёa-z\- ]{2,14})\)"  # the acronym a mention itself
)


def _chain_start(left: str, matches: list[re.Match]) -> re.Match:
    """The first of titles joined by dashes: the person's main office; the later ones only describe it."""
    m = matches[-1]
    for prev in reversed(matches[:-1]):
        between = left[prev.end() : m.start()]
        # "пресс-секретаря главы республики", "председатель совета директоров": the first title governs
        adjacent = not between.strip() or re.fullmatch(r"\s*совета\s*", between, re.I)
        if not adjacent and (len(between) > 80 or not re.search(r"\s[–—-]\s", between) or _GAP_STOP.search(between)):
            break
        m = prev
    return m


def _title_after(ctx: Context, ref: Ref) -> TitlePhrase | None:
    sent = ctx.sentences[ref.sent]
    right = ctx.text[ref.end : min(sent.end, ref.end + 160)]
    sep = re.match(r"\s*(?:[,–—-]|\()\s*", right)  # "Иван Петров (директор ТОО «Восток»)": lists of delegates
    if not sep:
        return None
    t = offices().any_title.match(right, sep.end())
    if not t or "," in sep.group() and _disagree(ctx, ref, ref.end + t.start()):
        return None  # "Следуя предложению Дмитрия Медведева, депутаты собрания ...": a new clause's subject
    rest = right[t.end() :]
    stop = _AFTER_STOP.search(rest)
    comp_start = ref.end + t.end()
    comp_end = comp_start + (stop.start() if stop else len(rest))
    office = offices().office_at(ctx.text, ref.end + t.start())
    return TitlePhrase(office, t.group("title"), ref.end + t.start(), comp_start, comp_end, ref.sent)


# ---------------------------------------------------------------- what the title is of


def _resolve(ctx: Context, ref: Ref, phrase: TitlePhrase) -> tuple[str, str] | None:
    """(target key, normalised title) of a title phrase, or None when it names no office of a place or body."""
    comp = ctx.text[phrase.comp_start : phrase.comp_end]
    places = _places_in(ctx, phrase.sent, phrase.comp_start, phrase.comp_end)
    kind = phrase.office.kind
    if not places and (kind in ("envoy", "state", "head") or _MINISTER.match(phrase.text)):
        places = _adjective_before(ctx, phrase)
    if kind == "envoy":
        country = next((r.key for r in places if r.type == "Country"), None)
        return (country, phrase.office.title) if country else None
    if kind == "state":
        return _state_office(ctx, ref, phrase, places, comp)
    if kind == "head":
        return _head_office(ctx, ref, phrase, places, comp)
    return _other_office(ctx, ref, phrase, places, comp)


_MINISTER = re.compile(r"(?:вице-|зам)?министр", re.I)  # "казахстанский министр торговли": of a state


def _adjective_before(ctx: Context, phrase: TitlePhrase) -> list[Ref]:
    """ "белорусский посол Алексей Богданов", "омский губернатор Виталий Хоценко": a title with nothing after it is
    of the place its adjective names: a region, or a country the article names by a noun too (spec: an adjective
    makes no Country); a region's head is of no country."""
    from coopgraph.ingest.places import add_place, place_key

    dm = next((d for d in ctx.demonyms if 0 <= phrase.start - d.end <= 1), None)
    if dm is None or dm.place.type == "Country" and phrase.office.kind == "head":
        return []
    key = place_key(dm.place)
    if ctx.table.get(key) is None:
        if dm.place.type == "Country":
            return []
        add_place(ctx, dm.place)
    return [Ref(key, dm.place.type, phrase.sent, dm.start, dm.end, via="demonym")]


def _places_in(ctx: Context, k: int, start: int, end: int) -> list[Ref]:
    """Places and bodies in a title's complement, in text order. A body named after its region ("управления
    предпринимательства Акмолинской области") counts as that region, the body's words going to the title
    ("руководитель управления предпринимательства"); a place inside a company's name does not count."""
    refs = [r for r in ctx.refs_in(k, *PLACE_TYPES, "Organization") if start <= r.start and r.end <= end]
    keep = []
    for r in refs:
        host = next((o for o in refs if o.type == "Organization" and o.start <= r.start < o.end and o is not r), None)
        if r.type == "Organization":
            if not any(_regional_body(ctx, r, p) for p in refs if p.type != "Organization"):
                keep.append(r)
        elif host is None or _regional_body(ctx, host, r):
            keep.append(r)
    return sorted(keep, key=lambda r: r.start)


def _regional_body(ctx: Context, org: Ref, place: Ref) -> bool:
    """A body named by its region ("Управление предпринимательства Акмолинской области"), not a company."""
    words = ctx.text[org.start : org.end]
    return (
        place.type in ("Region", "City")
        and org.start <= place.start < org.end
        and not re.search(r"[«\"]", words)
        and words.lower().startswith(offices().public_bodies)
    )


def _says(comp: str, words: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?<![\w-]){w}", comp, re.I) for w in words)


# Words between a head's title and his place that still make him its head: "глава администрации города
# Оренбурга", "председатель правительства Республики Саха"; any other word names a body of the place.
_OWN_BODY = re.compile(
    r"(?<![\w-])(?:администрац|правительств|акимат|хокимият|мэри|город|област|регион|республик|кра[йяюе]|"
    r"провинци|округ|велаят|аймак|штат|префектур|эмират|народн\w+\s+республик|исполнительн\w+\s+власт)\w*",
    re.I,
)


def _of_a_body(ctx: Context, phrase: TitlePhrase, place: Ref) -> bool:
    """ "президент Торгово-промышленной палаты Новосибирской области": a body's office, not the place's."""
    if place.type == "Organization":
        return True
    between = _OWN_BODY.sub(" ", ctx.text[phrase.comp_start : place.start])
    return bool(re.search(r"\w{2,}", between))


def _state_office(ctx, ref, phrase, places, comp) -> tuple[str, str] | None:
    if not places and (org := _named_body(ctx, phrase, comp) or _possessed_by(ctx, phrase)) is not None:
        # "президент палаты": of the chamber named before; "делегация палаты во главе с ее президентом" too
        return org, _office_title(phrase.text)
    if places and _of_a_body(ctx, phrase, places[0]):
        return _other_office(ctx, ref, phrase, places, comp)
    country = next((r for r in places if r.type == "Country"), None)
    if country is not None:
        return country.key, phrase.office.title
    region_key = next((r.key for r in places if r.type == "Region"), None)
    if region_key is None and not places and re.search(r"(?<![\w-])республик", comp, re.I):
        # "во главе с премьер-министром правительства республики X": the republic whose delegation he leads,
        # else the article's one republic
        region_key = _led_delegation(ctx, phrase.sent, phrase.start) or _home_region(ctx, phrase.sent, comp, "")
        if region_key is not None and "республик" not in ctx.table.entities[region_key].name.lower():
            region_key = None
    if region_key is not None:
        ent = ctx.table.entities[region_key]
        if phrase.office.title == "президент" and ent.country == "RU":
            return region_key, "губернатор"  # "президент Татарстана": the head of a Russian republic
        if phrase.office.title == "премьер-министр":  # a republic's "Премьер-министр" keeps his word
            stated = phrase.text.lower().startswith("премьер")
            return region_key, "премьер-министр" if stated else "председатель правительства"
        return None
    if places or not _says(f"{phrase.text} {comp}", offices().country_words):
        return None  # "Президент Касым-Жомарт Токаев": of which country, the text does not say here
    country_key = _country_before(ctx, phrase)  # "президент страны", "Глава государства"
    return (country_key, phrase.office.title) if country_key else None


def _country_before(ctx: Context, phrase: TitlePhrase) -> str | None:
    """The country of "президент страны": the one an earlier title of the same office names ("Президент
    Казахстана провёл встречу"), else the country the text named last before."""
    earlier = [
        r
        for r in ctx.refs
        if r.type == "Country"
        and r.end <= phrase.start
        and (m := offices().any_title.search(ctx.text, max(0, r.start - 40), r.start)) is not None
        and offices().office_at(ctx.text, m.start()) is phrase.office
        and not ctx.text[m.end() : r.start].strip()
    ]
    countries = earlier or [r for r in ctx.refs if r.type == "Country" and r.end <= phrase.start]
    return max(countries, key=lambda r: r.start).key if countries else None


def _head_office(ctx, ref, phrase, places, comp) -> tuple[str, str] | None:
    word = _stated_word(phrase.text)
    if places and _of_a_body(ctx, phrase, places[0]):
        return _other_office(ctx, ref, phrase, places, comp)
    place = next((r for r in places if r.type in ("Region", "City")), None)
    if place is None and places[:1] and places[0].type == "Country" and word == "глава":
        return places[0].key, "президент"  # "Глава Кыргызстана": the head of state (spec)
    if place is None and phrase.office.title == "председатель облисполкома":
        key = _oblispolkom_region(ctx, ref, phrase, comp)
        return (key, phrase.office.title) if key else None
    if place is None and phrase.office.title == "председатель горисполкома":
        key = _belarus_city(ctx, phrase.text)
        return (key, phrase.office.title) if key else None
    if place is not None:
        key = place.key
    elif places:
        return None  # the head of a country or a body: not a place's head
    elif _says(comp, offices().home_words):
        # "Делегацию провинции Кайсери возглавил губернатор провинции": the region of the delegation he leads
        key = _led_delegation(ctx, phrase.sent, phrase.start) or _home_region(
            ctx, phrase.sent, comp, word, not_of=_headed_here(ctx, phrase.sent)
        )
    elif _says(comp, offices().city_words):
        # "делегация хокимията города Самарканда во главе с хокимом города X": the delegation's city
        key = _led_delegation(ctx, phrase.sent, phrase.start) or _city_of_sentence(ctx, phrase.sent)
    elif not comp.strip():
        key = _led_delegation(ctx, phrase.sent, phrase.start) or _guess_home_for(ctx, word, phrase.sent)
    elif _ORGAN.match(comp):
        return _other_office(ctx, ref, phrase, places, comp)  # "председатель правления компании": a firm's
    else:
        key = None
    title = _head_title(ctx, key, word, phrase.office.title) if key else None
    return (key, title) if key and title else None


def _stated_word(title_text: str) -> str:
    first = title_text.split()[0]
    return inflect_word(first, {"nomn", "sing"}, ("NOUN",)).lower()


def _head_title(ctx: Context, key: str, word: str, fixed: str) -> str | None:
    """The spec's title for the head of a place: by the region's country; a city head keeps his word."""
    ent = ctx.table.get(key)
    if ent is None:
        return None
    if fixed:
        return fixed
    if ent.type == "City":
        return word
    if ent.country in offices().heads:
        return offices().heads[ent.country]
    return None if word in ("глава", "руководитель") else word


# Nouns of bodies: an office whose complement names one before the country is the body's ("депутат мажилиса
# Парламента РК", "председатель комитета ... МИД РК"), not an office of the country.
_BODY_NOUN = re.compile(
    r"(?<![\w-])(?:парламент|мажилис|сенат|палат|дум|собрани|комитет|агентств|министерств|ведомств|служб|совет|"
    r"фонд|банк|компани|корпораци|холдинг|ассоциаци|союз|парти|университет|академи|институт|департамент|"
    r"управлени|посольств|консульств|мид\b)",
    re.I,
)


_REPRESENTATIVE = re.compile(r"(?:полномочн\w+\s+)?представител", re.I)
_PLENIPOTENTIARY = re.compile(r"(?:полномочн\w+\s+представител|полпред)\w*\s+(?:президента|правительства)", re.I)
_IN = re.compile(r"(?<![\w-])во?\s+$")


def _other_office(ctx, ref, phrase, places, comp) -> tuple[str, str] | None:
    if places and places[0].type == "Country" and _BODY_NOUN.search(ctx.text[phrase.start : places[0].start]):
        return None
    if places:
        target = places[0]
        if target.start < phrase.start:  # "казахстанский министр торговли": the words after the title are all its
            return target.key, _office_title(f"{phrase.text} {comp}")
        if _REPRESENTATIVE.match(phrase.text):
            # "полномочный представитель Президента Кыргызской Республики в Иссык-Кульской области": the
            # office is of the place he is the representative in, not of the state he represents
            target = next((r for r in places if _IN.search(ctx.text[max(0, r.start - 4) : r.start])), target)
            words = re.sub(r"(?<![\w-])во?\s*$", "", ctx.text[phrase.comp_start : places[0].start].strip())
            return target.key, _office_title(f"{phrase.text} {words}")
        end = min(target.start, phrase.words_end or target.start)
        # "губернатором турецкой провинции Измир": a place's adjective before it is no word of the title
        end = min([d.start for d in ctx.demonyms if phrase.comp_start <= d.start < end] + [end])
        words = ctx.text[phrase.comp_start : end]
        if "облисполком" in ctx.text[target.start : target.end].lower():
            words += " облисполкома"  # "заместитель председателя Витебского облисполкома"
        if target.type == "Organization":
            return target.key, _office_title(_without_body_words(f"{phrase.text} {words}"))
        return target.key, _office_title(f"{phrase.text} {words}")
    if re.search(r"облисполком", f"{phrase.text} {comp}", re.I) and (
        key := _oblispolkom_region(ctx, ref, phrase, comp)
    ):
        # "заместитель председателя облисполкома Сергей Дашкевич" in a Belarusian region's delegation
        words = re.split(r"(?<=облисполкома)", f"{phrase.text} {comp}", maxsplit=1, flags=re.I)[0]
        return key, _office_title(words)
    if (council := _unnamed_council(ctx, phrase, comp)) is not None:
        return council, _office_title(_without_body_words(phrase.text))
    if (org := _regional_body_named(ctx, phrase, comp)) is not None:
        return org, _office_title(_without_body_words(phrase.text))
    if _says(comp, offices().home_words):
        head = re.split(rf"(?<![\w-])(?:{'|'.join(offices().home_words)})", comp, maxsplit=1, flags=re.I)[0]
        # "во главе с заместителем акима области X": the delegation's region; else the article's region
        # of that kind, in the country whose head the deputy serves (an akim's deputy is Kazakh)
        deputised = _deputised_head(f"{phrase.text} {head}")
        # ("делегация оренбургских предпринимателей во главе с министром экономического развития региона")
        led = _led_delegation(ctx, phrase.sent, phrase.start)
        if led and (country := HEAD_COUNTRY.get(deputised or "")) and country_code(ctx, led) != country:
            led = None  # "гостей из Новосибирской области встретил заместитель акима области": an akim is Kazakh
        key = led or _home_region(ctx, phrase.sent, comp, deputised or "")
        return (key, _office_title(f"{phrase.text} {head}")) if key else None
    if _says(comp, offices().city_words):
        head = re.split(r"(?<![\w-])город", comp, maxsplit=1, flags=re.I)[0]
        key = _city_of_sentence(ctx, phrase.sent)
        return (key, _office_title(f"{phrase.text} {head}")) if key else None
    if (org := _named_body(ctx, phrase, comp, ref)) is not None:
        organ = _ORGAN.match(comp)  # "председатель совета директоров" keeps the board it chairs
        return org, _office_title(_without_body_words(phrase.text) + (f" {organ.group(0)}" if organ else ""))
    if not comp.strip() and (head_word := _deputised_head(phrase.text)):
        # "делегация Омской области во главе с первым заместителем губернатора Валерием Бойко": a deputy of
        # a head named by no place serves the delegation's place, else the article's place of that head
        key = _led_delegation(ctx, phrase.sent, phrase.start) or _guess_home_for(ctx, head_word, phrase.sent)
        return (key, _office_title(phrase.text)) if key else None
    if not comp.strip() and _PLENIPOTENTIARY.match(phrase.text):
        # "делегация Чуйской области во главе с полпредом правительства X": the region he is the envoy in
        key = _led_delegation(ctx, phrase.sent, phrase.start)
        return (key, _office_title(phrase.text)) if key else None
    if not comp.strip() and (org := _hosting_body(ctx, phrase)) is not None:
        return org, _office_title(phrase.text)
    if (org := _org_delegation(ctx, phrase.sent, phrase.start)) is not None:
        return org, _office_title(f"{phrase.text} {comp}")
    if not comp.strip() and (org := _signing_for(ctx, phrase) or _possessed_by(ctx, phrase)) is not None:
        return org, _office_title(phrase.text)
    return None


_FOR_SIDE = re.compile(r"\s*(?:[Оо]т|[Сс]о\s+стороны)\s+$")
# "Со стороны компании документ подписал генеральный директор": the side named by its common noun
_FOR_NAMED_SIDE = re.compile(
    r"^\s*(?:\w+\s+)?(?:[Оо]т|[Сс]о\s+стороны)\s+(?:(?P<adj>[а-яё]+(?:ого|его|ой|ей))\s+)?(?P<noun>[а-яё]+)\b"
)
# "ее генеральный директор Олег Сафронов": the firm named just before employs him; only titles a body has
# (a governor's "его заместитель" is his region's)
_POSSESSIVE = re.compile(r"(?<![\w-])(?:его|ее|её)\s+$", re.I)
_FIRM_TITLES = ("директор", "гендиректор", "генеральный директор", "ректор", "управляющий", "президент", "председатель")


def _unnamed_council(ctx: Context, phrase: TitlePhrase, comp: str) -> str | None:
    """ "делегация Саратовской областной думы во главе с председателем областной думы X": a council's head noun
    with only a place adjective before it is the one council of that head the article names."""
    words = comp.split()
    head = _council_noun(words[-1]) if words and len(words) <= 2 else None
    if head is None or len(words) == 2 and not words[0].lower().endswith(_ADJ_ENDS):
        return None
    named = {
        ent.key for ent in ctx.table.of_type("Organization") if head in {_council_noun(w) for w in ent.name.split()}
    }
    return named.pop() if len(named) == 1 else None


def _council_noun(word: str) -> str | None:
    return form_of(word, offices().councils)


def _signing_for(ctx: Context, phrase: TitlePhrase) -> str | None:
    """ "От ТОО «Ертис Агро Инновации» документ подписал генеральный директор Даурен Садыков": the sentence
    opens with the side he acts for, and his title names no other."""
    sent = ctx.sentences[phrase.sent]
    orgs = [r for r in ctx.refs_in(phrase.sent, "Organization") if r.end <= phrase.start]
    first = min(orgs, key=lambda r: r.start) if orgs else None
    if first is None or not _FOR_SIDE.fullmatch(_legal_form_free(ctx.text[sent.start : first.start])):
        side = _FOR_NAMED_SIDE.match(ctx.text[sent.start : phrase.start])
        # "Со стороны судоверфи": the one body of that kind named before; "со стороны белорусского предприятия":
        # the adjective must open its name (a country's adjective names no one firm)
        return _named_body(ctx, phrase, " ".join(w for w in side.group("adj", "noun") if w)) if side else None
    return first.key


def _possessed_by(ctx: Context, phrase: TitlePhrase) -> str | None:
    """ "Контракт подписан с ООО «Уральская агротехника». Документ подписал ее генеральный директор X": a
    firm's title after "его"/"её" is at the organisation named last, in this sentence or the one before."""
    title, sent = _nominative_title(phrase.text), ctx.sentences[phrase.sent]  # "во главе с ее президентом"
    if not _POSSESSIVE.search(ctx.text[max(0, phrase.start - 6) : phrase.start]) or not title.endswith(_FIRM_TITLES):
        return None
    if re.search(r"\bстороны\b", ctx.text[sent.start : phrase.start], re.I):
        return None  # "со стороны палаты подписал ее директор": the pronoun is the side's, which may be either
    orgs = [
        r
        for r in ctx.refs
        if r.type == "Organization" and r.end <= phrase.start and phrase.sent - 1 <= r.sent <= phrase.sent
    ]
    return max(orgs, key=lambda r: r.start).key if orgs else None


def _legal_form_free(text: str) -> str:
    """The text before a firm's name without the legal form that opens the name ("От ТОО «X»")."""
    from coopgraph.ingest.org_names import org_lexicon

    words = text.rstrip(' «"').split()
    return " ".join(words[:-1] if words and words[-1] in org_lexicon().legal_forms else words) + " "


def _org_delegation(ctx: Context, k: int, title_start: int) -> str | None:
    """ "делегация Оренбургского государственного университета во главе с ректором X", "В состав делегации
    вошли проректор по науке Y": the organisation whose delegation he leads or is a member of."""
    sent = ctx.sentences[k]
    if _LED_BY.search(ctx.text[sent.start : title_start]):
        span = range(k, k + 1)
    elif DELEGATION_MEMBERS.search(sent.text):
        span = range(max(0, k - 3), k + 1)
    else:
        return None
    found = None
    for j in span:
        text = ctx.sentences[j].text
        for m in re.finditer(r"делегаци\w*\s+", text, re.I):
            at = ctx.sentences[j].start + m.end()
            if j == k and at >= title_start:
                break
            named = [r for r in ctx.refs_in(j, "Organization", "Region", "City", "Country") if r.start == at]
            if named:  # a place's delegation: its members are the place's
                found = named[0].key if named[0].type == "Organization" else None
            elif word := next(
                (t for t in ctx.sentences[j].tokens if t.start == ctx.sentences[j].start + m.start()), None
            ):
                # "делегации омского вуза во главе с ректором X": the university named before
                found = next(iter(body_named_before(ctx, j, word)), found)
    return found


def _named_body(ctx: Context, phrase: TitlePhrase, comp: str, ref: Ref | None = None) -> str | None:
    """ "президент палаты Николай Бердников" after "Уральская торгово-промышленная палата": the one
    organisation named before whose name has the complement's noun ("палата", "университет", "завод"). Plural,
    "директора колледжей A и B", "главные врачи ... A и B соответственно": the ones named before, in the order of
    the names. "директор компании X" after "ТОО «Алтын Жіп»": a company's generic noun, the firm named last."""
    from coopgraph.ingest.morph import lemma
    from coopgraph.ingest.org_names import name_lemmas, org_lexicon
    from coopgraph.ingest.trade_words import trade_words

    # "председатель совета директоров китайской компании": the board is the firm's
    comp = _ORGAN.sub("", comp)
    words = comp.split()
    before = sorted((r for r in ctx.refs if r.type == "Organization" and r.end <= phrase.start), key=lambda r: r.start)
    if len(words) > 1 and (org := _body_of_words(ctx, before, words)) is not None:
        return org
    # "ректор актюбинского вуза": the place adjective narrows the bodies of that kind to the one it opens
    adjective = lemma(words[0].lower()) if len(words) == 2 and words[0].lower().endswith(_ADJ_ENDS) else None
    if adjective is not None:
        words = words[1:]
    if len(words) != 1:
        return None
    noun = lemma(words[0].lower())
    if noun in org_lexicon().heads:
        kinds = org_lexicon().heads_for(noun)  # "ректор вуза": the university named before
        named = list(dict.fromkeys(r.key for r in before if kinds & name_lemmas(ctx, r.key)))
        if adjective is not None:
            named = [n for n in named if lemma(ctx.table.entities[n].name.split()[0].lower()) == adjective] or [
                n for n in named if _of_the_country(ctx, n, comp.split()[0])
            ]
        if len(named) == 1:
            return named[0]
        here = list(dict.fromkeys(r.key for r in before if r.key in named and r.sent == ctx.sentence_of(phrase.start)))
        if len(named) > 1 and len(here) == 1 and not _plural(words[0]):
            return here[0]  # "В Торайгыров университете гостей встретила ректор вуза": the one its own sentence names
        if len(named) > 1 and ref is not None and _plural(words[0]):
            listed = _listed_after(ctx, phrase)
            at = listed.index(ref.key) if ref.key in listed else -1
            return named[at] if 0 <= at < len(named) and len(listed) == len(named) else None
    if noun in trade_words().org_anaphors and before and not _plural(words[0]):
        if adjective is None:
            # "генеральный директор ТОО Данияр Сейсенбаев" after "ТОО «A» и компания «B»": the one of that form
            of_form = [r for r in before if ctx.table.entities[r.key].legal_form == words[0]]
            # "Со стороны компании документ подписал ..." after "с компанией ООО «X», которая построит в
            # индустриальной зоне «Y»": a firm (a legal form, or named as a company), not the last name
            from coopgraph.ingest.trade_contracts import named_as_firm  # the trade rules read positions

            firms = [r for r in before if ctx.table.entities[r.key].legal_form or named_as_firm(ctx, r)]
            return (of_form or firms or before)[-1].key
        # "директор павлодарского предприятия": the one firm just named that may be at that place
        return _firm_of_adjective(ctx, phrase, comp.split()[0])
    return None


def _body_of_words(ctx: Context, before: list[Ref], words: list[str]) -> str | None:
    """ "директор палаты предпринимателей" after "Палата предпринимателей Костанайской области": the one
    organisation named before whose name holds every word of the complement, a body's head among them."""
    from coopgraph.ingest.morph import lemma
    from coopgraph.ingest.org_names import name_lemmas, org_lexicon

    wanted = {lemma(w.lower()) for w in words}
    if not wanted & org_lexicon().heads:
        return None
    named = {r.key for r in before if wanted <= name_lemmas(ctx, r.key)}
    return named.pop() if len(named) == 1 else None


def _firm_of_adjective(ctx: Context, phrase: TitlePhrase, adjective: str) -> str | None:
    from coopgraph.ingest.trade_contracts import firm_of_place  # the trade rules read positions

    places = [d.place for d in ctx.demonyms if phrase.comp_start <= d.start < phrase.comp_end]
    if not places or adjective.lower() not in {d.text.lower() for d in ctx.demonyms}:
        return None
    return firm_of_place(ctx, phrase.sent, places[0])


# A body's organ between a title and the body: "председатель правления", "совета директоров"
_ORGAN = re.compile(r"^\s*(?:наблюдательного\s+совета|совета\s+директоров|правления)\s+", re.I)
_ADJ_ENDS = ("ого", "его", "ой", "ей", "ых", "их", "ому", "ему", "ым", "им")
_REGIONAL = re.compile(r"^\s*(?:региональн|областн|краев)\w+\s+(?P<noun>[а-яё-]+)", re.I)


def _hosting_body(ctx: Context, phrase: TitlePhrase) -> str | None:
    """ "В Сибирском университете путей и строительства казахстанских коллег принял ректор Андрей Мещеряков": a
    bare title hosting guests at a named organisation holds it there."""
    from coopgraph.ingest.frames import find_frames  # the frames read the positions' title mentions

    for m in find_frames(ctx, ("host",)):
        if m.sent != phrase.sent or not any(t.start <= phrase.start < t.end for a in m.role("host") for t in a.tokens):
            continue
        bodies = list(dict.fromkeys(r.key for r in m.refs("place", "Organization")))
        if len(bodies) == 1:
            return bodies[0]
    return None


def _regional_body_named(ctx: Context, phrase: TitlePhrase, comp: str) -> str | None:
    """ "директор региональной палаты предпринимателей Асхат Нургалиев" after "Палатой предпринимателей
    Западно-Казахстанской области «Атамекен»": a regional body of a kind the article named once is that body,
    not the region of the delegation."""
    from coopgraph.ingest.morph import lemma
    from coopgraph.ingest.org_names import name_lemmas, org_lexicon

    m = _REGIONAL.match(comp)
    if m is None or lemma(m.group("noun").lower()) not in org_lexicon().heads:
        return None
    words = {lemma(w.lower()) for w in comp[m.start("noun") :].split()}  # "палаты предпринимателей"
    named = {
        r.key
        for r in ctx.refs
        if r.type == "Organization" and r.end <= phrase.start and words <= name_lemmas(ctx, r.key)
    }
    return named.pop() if len(named) == 1 else None


def _of_the_country(ctx: Context, key: str, adjective: str) -> bool:
    """ "казахстанской палаты": the body whose name holds a place of the country the adjective names."""
    country = next(
        (d.place for d in ctx.demonyms if d.text.lower() == adjective.lower() and d.place.type == "Country"), None
    )
    place = body_place(ctx, key)
    return country is not None and place is not None and country_code(ctx, place) == country.country


def _plural(word: str) -> bool:
    return any({"plur", "gent"} <= set(p.tag.grammemes) for p in parses(word.lower())[:1])


def _listed_after(ctx: Context, phrase: TitlePhrase) -> list[str]:
    """The persons named in a row after a title ("директора колледжей A и B"), in order."""
    out: list[str] = []
    end = phrase.comp_end
    for r in sorted(ctx.refs_in(phrase.sent, "Person"), key=lambda r: r.start):
        if r.start < phrase.comp_end:
            continue
        if out and not re.fullmatch(r"\s*(?:,|и)\s*", ctx.text[end : r.start]):
            break
        out.append(r.key)
        end = r.end
    return out


_DEPUTISED = re.compile(
    r"(?:замест\w*|зам\.?)\s+(губернатор|аким|хоким|хаким)\w*$|^(?:перв\w+\s+)?вице-(губернатор)\w*$", re.I
)


def _deputised_head(title: str) -> str | None:
    """The head a deputy's title names without a place: "заместитель акима" → "аким"."""
    m = _DEPUTISED.search(_expand_contraction(title.strip()))
    return (m.group(1) or m.group(2)).lower() if m else None


_HEAD_GENITIVE = re.compile(r"^(?:губернатор|аким|глав|президент|мэр|председател|хоким|раис)", re.I)


# "замакима", "замгубернатора", "замглавы": a deputy's title contracted, written out in the genitive it stands for
_CONTRACTED = re.compile(r"(?<![\w-])зам(аким|губернатор|глав|министр|мэр|председател)\w*", re.I)
_CONTRACTED_GENITIVE = {"аким": "акима", "губернатор": "губернатора", "глав": "главы", "министр": "министра",
                        "мэр": "мэра", "председател": "председателя"}  # fmt: skip


# "полпред президента": the envoy's title written out, as the spec's titles are
_ENVOY = re.compile(r"(?<![\w-])полпред\w*", re.I)


def _expand_contraction(words: str) -> str:
    words = _ENVOY.sub("полномочный представитель", words)
    return _CONTRACTED.sub(lambda m: "заместитель " + _CONTRACTED_GENITIVE[m.group(1).lower()], words)


def _without_body_words(words: str) -> str:
    """The office of a person in a named organisation without the words that describe the organisation:
    "генеральный директор гянджинской компании" → "генеральный директор", "директор петропавловского" →
    "директор" (a place adjective, a firm's noun, a legal form); "председатель правления" keeps its noun."""
    parts = words.split()
    while len(parts) > 1:
        best = next(iter(parses(parts[-1].lower())), None)
        firm = best is not None and best.tag.POS == "NOUN" and best.normal_form in discourse_words().firm_anaphors
        adjective = best is not None and best.tag.POS == "ADJF"
        if not (firm or adjective or _ABBREVIATION.match(parts[-1])):
            break
        parts.pop()
    return " ".join(parts)


def _office_title(words: str) -> str:
    """The title as the spec writes it: nominative, lower case, without a party's abbreviation ("первый
    секретарь КПК" → "первый секретарь") or the head a non-deputy serves ("пресс-секретарь главы" →
    "пресс-секретарь"); a deputy keeps whom he deputises for ("заместитель акима")."""
    words = _expand_contraction(words)
    parts = [w for w in re.split(r"\s+", words.strip(" ,–—-")) if w and w not in ("–", "—", "-", ",")]
    while parts and (_ABBREVIATION.match(parts[-1]) or parts[-1].lower() in ("в", "во", "на")):
        parts.pop()  # "полпред правительства в Чуйской области": the place, not the title, follows
    if not parts:
        return ""
    if not _DEPUTY.match(" ".join(parts)) and not _REPRESENTATIVE.match(" ".join(parts)):  # whose deputy or envoy
        k = next((i for i, w in enumerate(parts) if i > 0 and _HEAD_GENITIVE.match(w)), None)
        parts = parts[:k] if k else parts
    return _nominative_title(" ".join(parts))


def _nominative_title(title: str) -> str:
    """The leading adjectives and the noun they qualify in the nominative ("первым заместителем акима",
    "полномочным представителем правительства"), the genitives after them as written."""
    words = title.split()
    out = []
    for k, w in enumerate(words):
        pos = next((p.tag.POS for p in parses(w.lower())[:1]), None)
        adjective = pos in ("ADJF", "PRTF")
        out.append(inflect_word(w, {"nomn", "sing"}, ("ADJF", "PRTF") if adjective else ("NOUN",)).lower())
        if not adjective or pos == "PRTF":  # a participle governs what follows: "исполняющий обязанности"
            return " ".join(out + [x.lower() for x in words[k + 1 :]])
    return " ".join(out)


# ---------------------------------------------------------------- places a title refers to without naming them


def _headed_here(ctx: Context, k: int) -> frozenset[str]:
    """Regions whose head the sentence already named ("делегацию возглавил председатель Минского облисполкома
    X, встретился глава региона Y"): a region has one head, so an unnamed region's head is of another."""
    heads = set(offices().heads.values())
    named = {
        rel.target_key
        for rel in ctx.relations.values()
        if rel.type == "HOLDS_POSITION" and rel.title in heads and ctx.sentence_of(rel.evidence.start) == k
    }
    # "Руководитель региона X провел переговоры с акимом Костанайской области": a head the sentence names later;
    # "Глава региона X встретился с делегацией Павлодарской области": the guests' region has a head of its own
    named |= {
        r.key
        for r in ctx.refs_in(k, "Region")
        if _head_title_before(ctx, r.start) or _GUESTS_BEFORE.search(ctx.text, max(0, r.start - 30), r.start)
    }
    return frozenset(named)


_GUESTS_BEFORE = re.compile(r"(?<![\w-])(?:с|со)\s+делегаци\w*\s+(?:из\s+)?$", re.I)


def _head_title_before(ctx: Context, start: int) -> bool:
    """Whether a place's head title (offices.toml, kind "head") stands right before `start`: "акимом ..."."""
    m = next(reversed(list(offices().any_title.finditer(ctx.text, max(0, start - 40), start))), None)
    return (
        m is not None
        and not ctx.text[m.end() : start].strip()
        and offices().office_at(ctx.text, m.start()).kind == "head"
    )


def _home_region(ctx: Context, k: int, comp: str, word: str, not_of: frozenset[str] = frozenset()) -> str | None:
    """ "аким области", "глава республики", "губернатор края": the article's region of that kind (and of the
    office's country), else the region of a city the sentence or article names ("в Кызылорде аким области")."""
    kinds = [kind for stem, kind in _REGION_KINDS if re.search(rf"(?<![\w-]){stem}", comp, re.I)]
    # a province's governor is of China's or Turkey's province, not of a Russian region
    want = None if "провинци" in kinds else HEAD_COUNTRY.get(word)
    if DELEGATION_MEMBERS.search(ctx.sentences[k].text) and (delegation := delegation_named_before(ctx, k)):
        # "В составе делегации – министр ... региона Наталья Полякова": the guests' region, unless the office
        # is of another country's ("гостей, в составе которых ..., встретил заместитель акима области")
        if want is None or country_code(ctx, delegation) == want:
            return delegation
    if want is None and "провинци" not in kinds:
        want = next(
            (c for stem, c in offices().body_countries.items() if re.search(rf"(?<![\w-]){stem}", comp, re.I)), None
        )
    for key in ctx.focus:
        ent = ctx.table.get(key)
        if ent is None or ent.type != "Region" or (want and ent.country != want) or key in not_of:
            continue
        if not kinds or any(kind in ent.name.lower() for kind in kinds):
            return key
    return _region_of_city(ctx, k, want)


_REGION_KINDS = (
    ("республик", "республик"),
    (r"кра(?:й|я|ю|ем|е)\b", "край"),
    ("област", "област"),
    ("провинци", "провинци"),
)


def _region_of_city(ctx: Context, k: int, country: str | None) -> str | None:
    from coopgraph.ingest.gazetteer import load_gazetteer
    from coopgraph.ingest.places import add_place

    for refs in (ctx.refs_in(k, "City"), [r for r in ctx.refs if r.type == "City"]):
        cities = [ctx.table.entities[r.key] for r in refs]
        regions = {c.region for c in cities if country is None or c.country == country} - {None}
        if len(regions) == 1:
            return add_place(ctx, load_gazetteer().get(str(regions.pop()))).key
    return None


def _city_of_sentence(ctx: Context, k: int) -> str | None:
    cities = {r.key for r in ctx.refs_in(k, "City")}
    return cities.pop() if len(cities) == 1 else None


def _led_delegation(ctx: Context, k: int, title_start: int) -> str | None:
    """ "Делегация Балканского велаята, возглавляемая хакимом X", "омская делегация во главе с губернатором X":
    the place whose delegation he leads, named (or an adjective of it) next to the word "делегация"."""
    sent = ctx.sentences[k]
    before = ctx.text[sent.start : title_start]
    led = _LED_BY.search(before) or _BROUGHT_BY.search(before)
    if not led:
        return None
    word = None
    for m in re.finditer(r"делегаци\w*|команд\w*|сборн\w*", before, re.I):
        word = m
    if word is None:
        return None
    lo, hi = sent.start + word.start() - 40, sent.start + led.start()
    places = [
        r
        for r in ctx.refs_in(k, "Region", "City")
        if lo <= r.start < hi and (r.start > sent.start + word.start() or r.via == "demonym")
    ]
    if places:
        return min(places, key=lambda r: abs(r.start - sent.start - word.start())).key
    # "делегация оренбургских предпринимателей во главе с ...": an adjective the article names no place by
    from coopgraph.ingest.trade import demonym_key

    near = [d for d in ctx.demonyms if lo <= d.start < hi and d.place.type in ("Region", "City")]
    return demonym_key(ctx, near[0]) if len(near) == 1 else None


def _guess_home_for(ctx: Context, word: str, k: int) -> str | None:
    """ "губернатор Игорь Бабушкин", "заместитель хокима Шерзод Назаров" with no region: the region of the
    delegation whose members the sentence lists, if of the office's country, else the article's most salient
    region of that country (аким: Kazakh, хоким: Uzbek), else the region of the one city of that country the
    sentence or the article names ("В Павлодаре его встретил аким Асаин Байханов")."""
    if word not in HEAD_COUNTRY:
        return None
    return _home_region(ctx, k, "", word)


def _oblispolkom_region(ctx: Context, ref: Ref, phrase: TitlePhrase, comp: str) -> str | None:
    """ "председатель Минского облисполкома", "председатель облисполкома" leading a Belarusian delegation."""
    text = phrase.text + " " + comp
    return (
        _demonym_in(ctx, text)
        or _belarus_oblispolkom(ctx, text)
        or _led_delegation(ctx, phrase.sent, phrase.start)
        or _region_of_country(ctx, phrase.sent, "BY")
    )


def _region_of_country(ctx: Context, k: int, country: str) -> str | None:
    """The one region of that country in the sentence, else in the article."""
    for refs in (ctx.refs_in(k, "Region"), [r for r in ctx.refs if r.type == "Region"]):
        keys = list(dict.fromkeys(r.key for r in refs if ctx.table.entities[r.key].country == country))
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
    """ "председатель Минского облисполкома", "Миноблисполком" → Минская область."""
    m = re.search(r"([А-ЯЁ][а-яё]+?)облисполком|([А-ЯЁ][а-яё]+)\s+облисполком", text)
    return _belarus_place(ctx, (m.group(1) or m.group(2)) if m else "", "Region")


def _belarus_city(ctx: Context, text: str) -> str | None:
    """ "председатель Минского горисполкома" → Минск."""
    m = re.search(r"([А-ЯЁ][а-яё]+)\s+(?:горисполком|городск)", text)
    return _belarus_place(ctx, m.group(1) if m else "", "City")


def _belarus_place(ctx: Context, adjective: str, kind: str) -> str | None:
    """The Belarusian region or city an executive committee's adjective names: the first of the gazetteer's
    whose name opens with the adjective's first four letters."""
    from coopgraph.ingest.gazetteer import load_gazetteer
    from coopgraph.ingest.places import add_place

    if not adjective:
        return None
    stem = adjective[:4].lower()
    for place in load_gazetteer().places(kind):
        if place.country == "BY" and place.name.lower().startswith(stem):
            return add_place(ctx, place).key
    return None


# ---------------------------------------------------------------- titles without a name next to them


def _title_then_name(ctx: Context) -> None:
    """ "Премьер-министр Беларуси посетил Павлодар. Сергей Сидорский ознакомился ...": a sentence opened by a
    head's, envoy's or state office's title with its place and no name; the next sentence opens with the
    name of a person the article gives no office."""
    titled = {rel.source_key for rel in ctx.relations.values() if rel.type == "HOLDS_POSITION"}
    for k, sent in enumerate(ctx.sentences[:-1]):
        m = None if ctx.refs_in(k, "Person") else _subject_title(sent)
        if m is None:
            continue
        start = sent.start + m.start()
        office = offices().office_at(ctx.text, start)
        phrase = TitlePhrase(office, m.group("title"), start, sent.start + m.end(), sent.end, k)
        if phrase.office.kind == "office":
            continue
        nxt = ctx.sentences[k + 1]
        person = next((r for r in ctx.refs_in(k + 1, "Person") if r.start - nxt.start <= 2), None)
        if person is None or person.key in titled:
            continue
        stop = _AFTER_STOP.search(ctx.text, phrase.comp_start)
        phrase.comp_end = min(stop.start(), sent.end) if stop else sent.end
        verb = next((t for t in sent.tokens if t.start >= phrase.comp_start and t.pos in ("VERB", "AUX")), None)
        if verb is not None:  # "Председатель Гомельского облисполкома посетил Костанай": the title ends at its verb
            phrase.comp_end = min(phrase.comp_end, verb.start)
        found = _resolve(ctx, person, phrase)
        # the title names its place: after it, or inside it ("председатель Гомельского облисполкома")
        named = (
            _places_in(ctx, k, phrase.comp_start, phrase.comp_end)
            or _belarus_oblispolkom(ctx, phrase.text)
            or _belarus_city(ctx, phrase.text)
        )
        if found is not None and named:
            ctx.relate("HOLDS_POSITION", person.key, found[0], k + 1, rule="position.title_then_name", title=found[1])
            titled.add(person.key)


def _subject_title(sent: Sentence) -> re.Match | None:
    """The sentence's first title when it opens the sentence or stands in the nominative as its subject ("В
    Петропавловске побывал губернатор Тюменской области"), not as an object ("встретился с губернатором")."""
    opening = len(sent.text) - len(sent.text.lstrip(' «"-–—'))
    found = list(offices().any_title.finditer(sent.text))
    if len(found) != 1:  # "Аким СКО встретился с губернатором ...": whose name follows is not said
        return None
    m = found[0]
    if m.start() == opening:
        return m
    tok = next((t for t in sent.tokens if t.start == sent.start + m.start()), None)
    return m if tok is not None and tok.feats.get("Case") == "Nom" and tok.rel == "nsubj" else None


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
        for m in offices().any_title.finditer(sent.text):
            start = sent.start + m.start()
            office = offices().office_at(ctx.text, start)
            if office.kind not in ("head", "envoy"):
                continue
            places = [r for r in ctx.refs_in(k, *PLACE_TYPES) if 0 < r.start - (sent.start + m.end()) <= 3]
            if not places:
                continue
            after = ctx.text[places[0].end : places[0].end + 40]
            if any(r.type == "Person" and 0 <= r.start - places[0].end <= 3 for r in ctx.refs_in(k)):
                continue
            title = office.title or _head_title(ctx, places[0].key, _stated_word(m.group("title")), "")
            key = holders.get((title or "", places[0].key))
            if key and not re.match(r"\s*[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+", after):
                ctx.add_ref(ctx.table.entities[key], start, places[0].end, via="title")
