"""VISITED: delegations and persons travelling to a region, city, country or enterprise."""
from __future__ import annotations

import re

from ingest.context import Context, Ref
from ingest.dates import find_date

_VISIT_LEMMAS = {"посетить", "побывать", "прибыть", "приехать", "посещать", "прилететь", "приезжать",
                 "визит", "поездка", "находиться", "пребывать", "прибывать"}
_PLAN = re.compile(r"\b(планиру\w+|запланир\w+|планир\w+|предстоит|намерен\w*|собира\w+|пригласил\w*|"
                   r"приглаша\w+|приглашени\w+|будет|будут|буду|посетит|посетят|приедет|приедут|"
                   r"могли бы|готов\w*|хотел\w*|предложил\w*|ожида\w+)\b", re.I)
_DELEGATION = re.compile(r"\b(делегаци\w+|гост\w+|представител\w+)\b", re.I)
_LEAD = re.compile(r"во главе с\s*$|возглавил\w*\s*$|возглавляем\w+\s*$", re.I)
_HOST_CUE = re.compile(r"\b(принял\w*|встретил\w*|встреча\w*|приветствовал\w*)\b", re.I)
_AWAY = re.compile(r"\b(из|от)\s*$", re.I)
_TO = re.compile(r"\b(в|во|на)\s*$", re.I)


def _is_visit(sent) -> bool:
    lemmas = {t.lemma for t in sent.tokens}
    if not lemmas & _VISIT_LEMMAS:
        return False
    if "находиться" in lemmas and not re.search(r"(визит|поездк)", sent.text, re.I):
        return False
    return True


def _visitors(ctx: Context, k: int, verb_pos: int) -> list[str]:
    """Who travels: the delegation's region, persons leading it, or the personal subject."""
    sent = ctx.sentences[k]
    out: list[str] = []
    deleg = _DELEGATION.search(sent.text)
    places = [r for r in ctx.refs_in(k, "Region", "Country", "City", "Organization")]
    if deleg:
        dstart = sent.start + deleg.start()
        # "Делегация Курганской области", "делегация из Курганской области"
        after = [r for r in places if 0 <= r.start - (sent.start + deleg.end()) <= 8]
        if after:
            out.append(after[0].key)
        else:
            for dm in ctx.demonyms:
                if dm.end <= dstart and dstart - dm.end <= 2:
                    key = _demonym_key(ctx, dm)
                    if key:
                        out.append(key)
        for p in ctx.refs_in(k, "Person"):
            if _LEAD.search(ctx.text[max(sent.start, p.start - 60):p.start].split(",")[-1] + " ") or \
                    re.search(r"во главе с\s+[\w\s]{0,80}$", ctx.text[dstart:p.start]):
                out.append(p.key)
    if not out:
        for p in ctx.refs_in(k, "Person"):
            if p.start < verb_pos and not re.search(r"\b(с|со)\s+[\w\s]{0,40}$", ctx.text[sent.start:p.start]):
                out.append(p.key)
                break
    return out


def _demonym_key(ctx: Context, dm) -> str | None:
    from ingest.places import place_key

    key = place_key(dm.place)
    if ctx.table.get(key) is None:
        if dm.place.type == "Country":
            return None  # an adjective makes no Country entity (spec)
        from ingest.places import add_place

        add_place(ctx, dm.place)
    return key


def _destinations(ctx: Context, k: int, verb_pos: int, visitors: list[str]) -> list[Ref]:
    sent = ctx.sentences[k]
    out = []
    for r in ctx.refs_in(k, "Region", "City", "Country", "Organization"):
        if r.key in visitors or r.start < verb_pos - 40 and not _TO.search(ctx.text[sent.start:r.start]):
            continue
        left = ctx.text[max(sent.start, r.start - 25):r.start]
        if _AWAY.search(left) or re.search(r"\b(с|со|между|и)\s*$", left):
            continue
        if r.start > verb_pos or _TO.search(left):
            out.append(r)
    # The most specific place of each kind: a city inside a named region stands with it.
    return out


def extract_visits(ctx: Context) -> None:
    for k, sent in enumerate(ctx.sentences):
        if not _is_visit(sent) or _PLAN.search(sent.text):
            continue
        verb = next(t for t in sent.tokens if t.lemma in _VISIT_LEMMAS)
        visitors = _visitors(ctx, k, verb.start)
        if not visitors:
            continue
        dests = _destinations(ctx, k, verb.start, visitors)
        date = find_date(sent.text, ctx.published)
        for v in visitors:
            for d in dests:
                if _same_place(ctx, v, d.key):
                    continue
                ctx.relate("VISITED", v, d.key, k, date=date)
    _forum_hosts(ctx)


def _same_place(ctx: Context, a: str, b: str) -> bool:
    ea, eb = ctx.table.get(a), ctx.table.get(b)
    if ea is None or eb is None:
        return True
    return ea.key == eb.key or (eb.type == "City" and eb.region and ea.key.endswith(":" + eb.region))


def _forum_hosts(ctx: Context) -> None:
    """"В Уральске ... подписали / открыли форум": a person from another region visited that city."""
    for k, sent in enumerate(ctx.sentences):
        m = re.match(r"\s*В\s+([А-ЯЁ][\w\-]+)", sent.text)
        if not m:
            continue
        cities = [r for r in ctx.refs_in(k, "City") if r.start == sent.start + m.start(1)]
        if not cities:
            continue
        lemmas = {t.lemma for t in sent.tokens}
        if not lemmas & {"подписать", "открыть", "форум", "подписание"}:
            continue
        city = ctx.table.get(cities[0].key)
        for rel in list(ctx.relations.values()):
            if rel.type != "HOLDS_POSITION":
                continue
            person_in_sentence = any(r.key == rel.source_key for r in ctx.refs_in(k, "Person")) or \
                re.search(r"\b(глав\w+|губернатор\w*|аким\w*)\b", sent.text, re.I)
            target = ctx.table.get(rel.target_key)
            if not person_in_sentence or target is None or target.type != "Region":
                continue
            if city.region and target.key.endswith(":" + city.region):
                continue
            if target.country == city.country:
                continue
            if any(r.key == target.key for r in ctx.refs_in(k)) or any(
                    r.key == rel.source_key for r in ctx.refs_in(k, "Person")):
                ctx.relate("VISITED", rel.source_key, city.key, k)
