"""VISITED: delegations and persons travelling to a region, city, country or enterprise."""

from __future__ import annotations

import re

from coopgraph.ingest.context import Context, Ref
from coopgraph.ingest.dates import find_date
from coopgraph.ingest.discourse import HEAD_TITLES, region_of_person, same_side
from coopgraph.ingest.participation import is_remote

_VISIT_VERBS = {
    "посетить",
    "побывать",
    "прибыть",
    "приехать",
    "посещать",
    "прилететь",
    "приезжать",
    "прибывать",
    "пребывать",
}
_VISIT_NOUNS = {"визит", "поездка", "посещение", "пребывание"}
_PLAN = re.compile(
    r"\b(планиру\w+|запланир\w+|планир\w+|предстоит|намерен\w*|собира\w+|"
    r"пригласил\w*(?:\s+[\w-]+){0,8}\s+(?:посетить|приехать|принять)|приглаша\w+|будет|будут|буду|посетит|"
    r"посетят|приедет|приедут|могли бы|готов[аы]?|хотел\w*|предложил\w*|ожида\w+|"
    r"договорились|обещал\w*|следующ\w+ год\w*|перенес\w*|перенос\w*|отлож\w*|отмен\w*|якобы)\b",
    re.I,
)
_DELEGATION = re.compile(r"\b(бизнес-)?(делегаци\w+|гост\w+|делегат\w+)\b", re.I)
_LEADS = re.compile(r"(во главе с|возглавил\w*|возглавляем\w+|сопровождал\w*|в составе|в сопровождении)", re.I)
# "провел (рабочую) встречу с делегацией": a meeting noun in any case, as the verbs
_HOSTS = re.compile(r"\b(встретил\w*|принял\w*|приветствовал\w*|встреч[аиуе]\w*)\b", re.I)
_THANKS = re.compile(
    r"поблагодарил\w*\s+(.{0,80}?)\s+за\s+(?:т[её]плый|радушный|гостеприимный|"
    r"хороший|дружеский)?\s*при[её]м",
    re.I,
)
_AWAY = re.compile(r"\b(из|от)\s*$", re.I)
_TO = re.compile(r"\b(в|во|на)\s*$", re.I)


def _trigger(sent):
    """The visit word of a sentence: a finite travel verb, or a visit noun."""
    for t in sent.tokens:
        # "позволить шаху приехать в США", "пригласил приехать": an infinitive states no trip made
        if t.lemma in _VISIT_VERBS and t.feats.get("VerbForm") != "Inf":
            return t, "verb"
    # "находится в Бресте с рабочим визитом": the verb, so that the place before the noun counts
    if re.search(
        r"находит\w*\s+(?:в\s+[\w-]+\s+)?с\s+(рабоч\w+|официальн\w+|деловым)?\s*(визитом|поездкой)", sent.text, re.I
    ):
        t = next((t for t in sent.tokens if t.lemma == "находиться"), None)
        if t is not None:
            return t, "verb"
    for t in sent.tokens:
        if t.lemma in _VISIT_NOUNS:
            return t, "noun"
    return None, None


def _region_of(ctx: Context, key: str | None) -> str | None:
    ent = ctx.table.get(key) if key else None
    if ent is None:
        return None
    if ent.type == "City" and ent.region:
        return f"Region:{ent.region}"
    return ent.key


def _country(ctx: Context, key: str | None) -> str | None:
    ent = ctx.table.get(key) if key else None
    if ent is None:
        return None
    return ent.country or (ent.key.split(":")[-1] if ent.type == "Country" else None)


def _delegation_origin(ctx: Context, k: int, dstart: int, dend: int) -> str | None:
    """Whose delegation: "делегация Курганской области", "делегация из X", "астраханская делегация",
    "делегация посольства Казахстана", or the region of the person leading it."""
    after = [
        r
        for r in ctx.refs_in(k, "Region", "Country", "City", "Organization")
        if 0 <= r.start - dend <= 12 and re.fullmatch(r"\s*(?:из|от)?\s*", ctx.text[dend : r.start], re.I)
    ]
    if after:
        orgs = [r for r in after if r.type == "Organization"]
        return (orgs or after)[0].key
    for dm in ctx.demonyms:
        if dm.end <= dstart and dstart - dm.end <= 2:
            from coopgraph.ingest.trade import demonym_key

            key = demonym_key(ctx, dm)
            if dm.place.type == "Country":
                # "белорусская делегация" after "делегация Гомельской области": the same guests
                return _region_delegation_of(ctx, dm.place.code) or key
            return key
    for p in ctx.refs_in(k, "Person"):
        if p.start > dend and _LEADS.search(ctx.text[dend : p.start]):
            region = region_of_person(ctx, p.key)
            if region:
                return region
    return None


def _region_delegation_of(ctx: Context, country: str) -> str | None:
    """The region of `country` whose delegation the article already spoke of (a country's
    delegation, e.g. its embassy's, stays the country's)."""
    if ctx.delegation and ctx.delegation.startswith("Region:") and _country(ctx, ctx.delegation) == country:
        return ctx.delegation
    # "Хоким Самаркандской области прибыл ... Узбекскую делегацию принял аким": the visiting head's region
    for rel in list(ctx.relations.values()):
        if rel.type == "VISITED" and rel.source_key.startswith("Person:"):
            region = region_of_person(ctx, rel.source_key)
            if region and region.startswith("Region:") and _country(ctx, region) == country:
                return region
    return None


_LEAD_WORDS = {"возглавить", "возглавлять", "сопровождать", "состав", "сопровождение"}


def _leaders(ctx: Context, k: int, dend: int) -> list[str]:
    """Persons introduced by "во главе с", "возглавил", "сопровождал", "в составе": walking back from
    the name over its title, nothing but nouns, adjectives and names may stand between."""
    sent = ctx.sentences[k]
    out = []
    for p in ctx.refs_in(k, "Person"):
        if p.start < dend - 40:
            continue
        toks = [t for t in sent.tokens if t.end <= p.start]
        for t in reversed(toks[-12:]):
            if (
                t.lemma in _LEAD_WORDS
                or t.text.lower() == "главе"
                and t.i > 0
                and sent.tokens[t.i - 1].text.lower() == "во"
            ):
                out.append(p.key)
                break
            if t.pos in ("VERB", "AUX") or t.text in (",", ".", ";", ":"):
                break
    return out


def _destinations(ctx: Context, k: int, trig, kind: str, exclude: set[str]) -> list[Ref]:
    sent = ctx.sentences[k]
    out: list[Ref] = []
    names = ctx.refs_in(k, "Event", "Document")  # "посетил форум «Россия – Казахстан»": a name's words go nowhere
    for r in sorted(ctx.refs_in(k, "Region", "City", "Country", "Organization"), key=lambda r: r.start):
        if r.key in exclude or any(n.start <= r.start and r.end <= n.end for n in names):
            continue
        left = ctx.text[max(sent.start, r.start - 25) : r.start]
        # "посетила комбинат и ТОО «...»": a conjunct of a destination is one too
        conjunct = bool(out) and re.fullmatch(r"\s*,?\s*и\s+", ctx.text[out[-1].end : r.start])
        if _AWAY.search(left) or re.search(r"\b(с|со|между|и|для)\s*$", left) and not conjunct:
            continue
        fronted = r.start < trig.start and re.match(r"\s*(в|во)\s+\S*$", ctx.text[sent.start : r.start], re.I)
        if r.start > trig.start or fronted and kind == "verb":
            if r.type == "Organization" and r.start < trig.start:
                continue
            out.append(r)
    return out


def extract_visits(ctx: Context) -> None:
    """The surface rules, for sentences the visit frames (ingest/frame_visits.py, run first) left empty:
    syntax decides where it can, these patterns only where the parse gave nothing."""
    ctx.delegation = None
    read = ctx.read_by_frames.get("visit", set())
    for k, sent in enumerate(ctx.sentences):
        trig, kind = _trigger(sent)
        if trig is not None and not _PLAN.search(sent.text) and k not in read:
            _visit_sentence(ctx, k, trig, kind)
        _hosted_delegation(ctx, k)
        _thanks_for_welcome(ctx, k)
    _event_places(ctx)
    _head_with_delegation(ctx)


def _head_with_delegation(ctx: Context) -> None:
    """ "Раис Татарстана с визитом в Караганде" + "татарстанская делегация посетила комбинат": the
    region's delegation, led by its head, visited the place the head visited."""
    rels = list(ctx.relations.values())
    travelled = {r.source_key for r in rels if r.type == "VISITED" and r.source_key.startswith("Region:")}
    heads = {
        r.source_key: r.target_key
        for r in rels
        if r.type == "HOLDS_POSITION" and r.title in HEAD_TITLES and r.target_key in travelled
    }
    for r in rels:
        region = heads.get(r.source_key)
        if (
            r.type != "VISITED"
            or region is None
            or ctx.table.entities[r.target_key].type not in ("Region", "City", "Country")
        ):
            continue
        if _country(ctx, region) != _country(ctx, r.target_key):
            ctx.relate(
                "VISITED", region, r.target_key, ctx.sentence_of(r.evidence.start), rule="visit.head_leads", date=r.date
            )


def _visit_sentence(ctx: Context, k: int, trig, kind: str) -> None:
    sent = ctx.sentences[k]
    visitors: list[str] = []
    deleg = _DELEGATION.search(sent.text)
    if deleg:
        dstart, dend = sent.start + deleg.start(), sent.start + deleg.end()
        origin = _delegation_origin(ctx, k, dstart, dend) or ctx.delegation
        if origin:
            visitors.append(origin)
            ctx.delegation = origin
        visitors += _leaders(ctx, k, dend)
    else:
        # "... с заместителем акима X, который находится в Бресте с рабочим визитом": the relative's antecedent
        for p in ctx.refs_in(k, "Person"):
            if p.end < trig.start and re.fullmatch(
                r"\s*,\s*котор(?:ый|ая|ые)\s+(?:\w+\s+){0,2}", ctx.text[p.end : trig.start]
            ):
                visitors.append(p.key)
        for p in [] if visitors else ctx.refs_in(k, "Person"):
            if p.start < trig.start and not re.search(r"\b(с|со)\s+[\w\s]{0,40}$", ctx.text[sent.start : p.start]):
                if kind == "verb" or re.search(r"(соверш|находит|прибыл|начал)\w*", sent.text, re.I):
                    visitors.append(p.key)
                break
    if not visitors:
        return
    dests = _most_specific(ctx, _destinations(ctx, k, trig, kind, set(visitors)))
    if not dests:
        return
    _visit_events(ctx, k, visitors)
    date = find_date(sent.text, ctx.published)
    for d in dests:
        for v in visitors:
            if ctx.table.get(v) and ctx.table.get(d.key) and not same_side(ctx, v, d.key):
                ctx.relate("VISITED", v, d.key, k, rule="visit.travel", date=date)
        # officials from the visitors' side named in the sentence went too ("в ходе визита ... X и Y подписали")
        for p in ctx.refs_in(k, "Person"):
            region = region_of_person(ctx, p.key)
            if p.key in visitors or region is None or d.type == "Organization":
                continue
            if (
                _region_of(ctx, region) != _region_of(ctx, d.key)
                and _country(ctx, region) != _country(ctx, d.key)
                and any(_country(ctx, v) == _country(ctx, region) for v in visitors)
            ):
                ctx.relate("VISITED", p.key, d.key, k, rule="visit.official_along", date=date)


def _most_specific(ctx: Context, dests: list[Ref]) -> list[Ref]:
    """ "в Курганскую область Российской Федерации": the country only locates the region."""
    countries = {_country(ctx, d.key) for d in dests if d.type in ("Region", "City")}
    return [d for d in dests if not (d.type == "Country" and d.key.split(":")[-1] in countries)]


def _visit_events(ctx: Context, k: int, visitors: list[str]) -> None:
    """ "прибыл в Атырау в рамках мотопробега «...»": the travelling persons took part in it."""
    sent = ctx.sentences[k]
    for e in ctx.refs_in(k, "Event"):
        if re.search(
            r"(рамках|рамки|в ходе|для участия в|на)\s*$", ctx.text[max(sent.start, e.start - 25) : e.start], re.I
        ):
            for v in visitors:
                if v.startswith("Person:"):
                    ctx.relate("PARTICIPATED_IN", v, e.key, k, rule="visit.for_event")


def _hosted_delegation(ctx: Context, k: int) -> None:
    """ "С бизнес-делегацией, которую возглавил X, встретился глава региона": guests visited the host."""
    sent = ctx.sentences[k]
    deleg = _DELEGATION.search(sent.text)
    if not deleg or not _HOSTS.search(sent.text) or _PLAN.search(sent.text):
        return  # "пригласил делегацию ТПУ посетить Павлодар": an invitation, no visit yet
    dstart, dend = sent.start + deleg.start(), sent.start + deleg.end()
    origin = _delegation_origin(ctx, k, dstart, dend)
    host = _host_region(ctx, k, exclude=origin)
    if not origin or not host or _country(ctx, origin) == _country(ctx, host):
        return
    ctx.delegation = origin
    ctx.relate("VISITED", origin, host, k, rule="visit.hosted")
    for p in _leaders(ctx, k, dend):
        ctx.relate("VISITED", p, host, k, rule="visit.hosted")


def _led_by(before: str) -> bool:
    """The words before a name make him the delegation's leader or member, unless a host's verb comes after
    them ("которую возглавил X и сопровождал Y, встретился глава региона Z": Z is the host)."""
    leads = list(_LEADS.finditer(before))
    return bool(leads) and not any(h.start() > leads[-1].end() for h in _HOSTS.finditer(before))


def _host_region(ctx: Context, k: int, exclude: str | None) -> str | None:
    """The receiving side: the region of the official who met the guests, else the article's home."""
    sent = ctx.sentences[k]
    m = _HOSTS.search(sent.text)
    for p in ctx.refs_in(k, "Person"):
        region = region_of_person(ctx, p.key)
        if (
            region
            and region != exclude
            and m
            and abs(p.start - (sent.start + m.start())) < 80
            and not _led_by(ctx.text[max(sent.start, p.start - 120) : p.start])
        ):
            return region
    if re.search(r"\b(глав\w+ региона|аким\w* области|губернатор\w* области)\b", sent.text, re.I):
        return ctx.home if ctx.home != exclude else None
    return None


def _thanks_for_welcome(ctx: Context, k: int) -> None:
    """ "X поблагодарил губернатора Y за теплый прием": X visited Y's region."""
    sent = ctx.sentences[k]
    m = _THANKS.search(sent.text)
    if not m:
        return
    host_start = sent.start + m.start(1)
    host_end = sent.start + m.end(1)
    guests = [p for p in ctx.refs_in(k, "Person") if p.start < sent.start + m.start()]
    if not guests and k > 0 and re.match(r"\s*(Он|Она)\b", sent.text):
        guests = ctx.refs_in(k - 1, "Person")[:1]  # "Аким ... подчеркнул ... Он поблагодарил"
    hosts = [p for p in ctx.refs_in(k, "Person") if host_start <= p.start < host_end]
    host_region = region_of_person(ctx, hosts[0].key) if hosts else None
    if host_region is None and re.search(r"губернатор|аким|глав", m.group(1), re.I):
        host_region = ctx.home
    for g in guests:
        if host_region and region_of_person(ctx, g.key) != host_region:
            ctx.relate("VISITED", g.key, host_region, k, rule="visit.thanks")


def _event_places(ctx: Context) -> None:
    """Talks or a signing held in a city ("В Уральске состоялись переговоры акима ЗКО и губернатора Саратовской
    области"): the officials from across the border named there came to it, the host being named with them.
    (Who came to an event held there is read from the event's venue: frame_visits._came_to_the_event.)"""
    for k, sent in enumerate(ctx.sentences):
        m = re.match(r"\s*В\s+([А-ЯЁ][\w\-]+)", sent.text)
        if not m:
            continue
        cities = [r for r in ctx.refs_in(k, "City") if r.start == sent.start + m.start(1)]
        if not cities or any(is_remote(t) for t in sent.tokens):
            continue
        if not {t.lemma for t in sent.tokens} & {"подписать", "подписание", "встреча", "переговоры"}:
            continue
        city = ctx.table.entities[cities[0].key]
        people = {r.key for r in ctx.refs_in(k, "Person")}
        offices = [r for r in ctx.relations.values() if r.type == "HOLDS_POSITION" and r.source_key in people]
        places = [ctx.table.get(r.target_key) for r in offices]
        if not any(p is not None and p.type == "Region" and p.country == city.country for p in places):
            continue  # no host of the city's side named with them: a third place
        for rel, place in zip(offices, places):
            if place is not None and place.type == "Region" and place.country != city.country:
                ctx.relate("VISITED", rel.source_key, city.key, k, rule="visit.event_city_head")
