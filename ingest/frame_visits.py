"""VISITED from frames: travelling to, visiting or being at a place, and guests received by a host."""

from __future__ import annotations

import re

from coopgraph.ingest.context import DELEGATION_MEMBERS, Context, Ref, has_predicate
from coopgraph.ingest.dates import find_date
from coopgraph.ingest.discourse import (
    BODIES,
    HEAD_TITLES,
    Side,
    body_place,
    country_code,
    delegation_leaders,
    delegation_named_before,
    demonyms_before,
    focus_region,
    headed_region,
    led_delegation,
    led_here,
    looks_back,
    most_specific,
    named_members,
    org_anaphor,
    place_anaphor,
    present_in,
    refs_at,
    region_of_person,
    residents_place,
    resolve,
    role_side,
    same_side,
    subject_persons,
    words,
)
from coopgraph.ingest.frames import (
    QUANTIFIERS,
    Argument,
    FrameMatch,
    find_frames,
    is_plan,
    lexicon,
    may_be_accusative,
    tree_of,
)
from coopgraph.ingest.morph import may_be_plural_nominative
from coopgraph.ingest.nlp import Sentence
from coopgraph.ingest.participation import MEETING_VERBS, find_events, is_remote
from coopgraph.ingest.positions import offices


def extract_visit_frames(ctx: Context) -> None:
    # "Дни Могилевской области в Карагандинской области": the guests' delegation is the article's delegation
    days = [
        r.source_key
        for r in ctx.relations.values()
        if r.rule == "event.days_visit" and r.source_key.startswith("Region:")
    ]
    # in text order, verbless sentences among the others: the delegation the article first speaks of is
    # the one a later "казахстанская делегация" means
    matches = find_frames(ctx, ("visit", "host", "meet", "held"))
    ctx.delegation = days[0] if days else _our_delegation(ctx) or _head_with_members(ctx, matches)
    ctx.cache["led_by_its_head"] = ctx.delegation if not days else None  # whose officials' trips are its own
    done = -1
    for m in matches:
        while done < m.sent:
            done += 1
            _verbless(ctx, done)
        if not m.is_fact:
            if m.frame == "visit" and m.plan:
                # "якобы побывал", "визит ... запланирован": the parse read it and found no fact; the surface
                # patterns must not read one into it
                ctx.read_by_frames.setdefault("visit", set()).add(m.sent)
            continue
        if m.frame == "visit":
            _visit(ctx, m)
        elif m.frame == "host":
            _hosted(ctx, m)
        elif m.frame == "meet":
            _met(ctx, m)
        else:
            _talks_held(ctx, m)
    for k in range(done + 1, len(ctx.sentences)):
        _verbless(ctx, k)
    _came_to_the_event(ctx)
    _leaders_of_delegations(ctx)
    _our_region_went(ctx)
    _members_of_delegations(ctx)
    _officials_on_the_visit(ctx)
    _heads_on_the_visit(ctx)
    _thanks_for_the_welcome(ctx)
    _signed_at_the_other_side(ctx)
    _guests_from(ctx)
    _companions(ctx)
    _counted_delegations(ctx)
    _national_adjective_visitors(ctx)
    _occasion_of_the_visit(ctx)


def _national_adjective_visitors(ctx: Context) -> None:
    """ "Казахстанские аграрии приехали на Южный Урал" in a headline, "Делегация Костанайской области ..." in
    the body: a country the visit's sentence names only by its adjective (no mention of it there) is the
    article's delegation, once that turns out a region of the country."""
    region = ctx.table.get(ctx.delegation) if ctx.delegation else None
    if region is None or region.type != "Region" or not region.country:
        return
    country = f"Country:{region.country}"
    officials = {r.source_key for r in ctx.relations.values() if r.type == "HOLDS_POSITION" and r.target_key == country}
    if any(r.type == "VISITED" and r.source_key in officials for r in ctx.relations.values()):
        return  # a vice-premier or an ambassador travelled: the country's own delegation may be the one meant
    for ident, rel in list(ctx.relations.items()):
        k = ctx.sentence_of(rel.evidence.start)
        if rel.type != "VISITED" or rel.source_key != country or any(r.key == country for r in ctx.refs_in(k)):
            continue
        ctx.unrelate(ident)
        if not _at_home(ctx, region.key, rel.target_key):
            ctx.relate("VISITED", region.key, rel.target_key, k, rule=rel.rule)


# "Центральным событием визита стал форум «X»", "Поводом для визита стал форум", "визит приурочен к ..."
_OCCASION = re.compile(
    r"(?:событи\w*|повод\w*|цел\w*)\s+(?:для\s+)?(?:визита|поездки|пребывания)\b|"
    r"(?:визит|поездка|пребывание)\w*\s+(?:был[аи]?\s+)?приуроч",
    re.I,
)


def _occasion_of_the_visit(ctx: Context) -> None:
    """ "Центральным событием визита стал бизнес-форум «X»": the visit's visiting places (so far) and the
    regions they visited took part in the event the sentence names."""
    for k, sent in enumerate(ctx.sentences):
        events = ctx.refs_in(k, "Event")
        if len(events) != 1 or not _OCCASION.search(sent.text):
            continue
        visits = [
            r for r in ctx.relations.values() if r.type == "VISITED" and ctx.sentence_of(r.evidence.start) <= k + 1
        ]
        hosts = [r.target_key for r in visits if r.target_key.startswith("Region:")]
        for key in dict.fromkeys([r.source_key for r in visits] + hosts):
            if key.split(":")[0] in ("Region", "City", "Country"):  # a member's part is told, if at all
                ctx.relate("PARTICIPATED_IN", key, events[0].key, k, rule="event.occasion_of_visit")


# "делегации двух областей Республики Узбекистан", "представители трёх регионов России"
_COUNTED_PLACES = re.compile(
    r"(?:делегаци|представител)\w*\s+(?:\w+\s+){0,2}?(?:двух|трех|трёх|четырех|четырёх|пяти|нескольких|\d+)\s+"
    r"(?:област|регион|провинци|город)\w*",
    re.I,
)


def _counted_delegations(ctx: Context) -> None:
    """ "В Кызылорду прибыли делегации двух областей Республики Узбекистан. Самаркандскую область представлял
    хоким X, делегацию Навоийской области возглавил Y": the country stood for the regions the next sentence
    names; they (and the persons there holding their offices) visited, not the country."""
    for k, sent in enumerate(ctx.sentences[:-1]):
        if not _COUNTED_PLACES.search(sent.text):
            continue
        regions = list(dict.fromkeys(r.key for r in ctx.refs_in(k + 1, "Region", "City")))
        persons = {p.key for p in ctx.refs_in(k + 1, "Person")}
        for ident, rel in list(ctx.relations.items()):
            if rel.type != "VISITED" or not rel.source_key.startswith("Country:"):
                continue
            theirs = [key for key in regions if _country(ctx, key) == rel.source_key.split(":")[-1]]
            if len(theirs) < 2:
                continue
            ctx.unrelate(ident)
            holders = [
                r.source_key
                for r in ctx.relations.values()
                if r.type == "HOLDS_POSITION" and r.target_key in theirs and r.source_key in persons
            ]
            for key in dict.fromkeys(theirs + holders):
                if not _at_home(ctx, key, rel.target_key):
                    ctx.relate("VISITED", key, rel.target_key, k, rule="visit.counted_delegations")


_ACCOMPANY = ("сопровождать", "сопроводить")
_HIM = ("он", "его", "она", "ее", "её")


def _companions(ctx: Context) -> None:
    """ "Вице-губернатор X посетил Актюбинскую область. Его сопровождали министр Y и министр Z": whoever
    accompanies a visitor named in the sentence before (or this one) went where he went, unless at home."""
    for k, sent in enumerate(ctx.sentences):
        verbs = [t for t in sent.tokens if t.lemma in _ACCOMPANY and t.pos == "VERB"]
        if not verbs:
            continue
        tree = tree_of(ctx, k)
        for verb in verbs:
            kids = tree.children(verb)
            if not any(c.rel == "obj" and c.lemma in _HIM for c in kids):
                continue
            visitor = _last_visitor(ctx, k)
            if visitor is None:
                continue
            for key in subject_persons(ctx, k, tree, verb):
                for place in visitor[1]:
                    if not _at_home(ctx, key, place):
                        ctx.relate("VISITED", key, place, k, rule="visit.companion")


def _last_visitor(ctx: Context, k: int) -> tuple[str, list[str]] | None:
    """The person whose visit the sentence before (else this one) states, with the places he visited."""
    for j in (k - 1, k):
        went: dict[str, list[str]] = {}
        for r in ctx.relations.values():
            if r.type == "VISITED" and ctx.sentence_of(r.evidence.start) == j and r.source_key.startswith("Person:"):
                went.setdefault(r.source_key, []).append(r.target_key)
        if len(went) == 1:
            return next(iter(went.items()))
    return None


# the frame engine's counting words, and the large numbers tourists come in
_COUNTS = QUANTIFIERS | {"тысяча", "миллион", "множество", "поток"}


def _counted(tree, tok) -> bool:
    parent = tree.parent(tok)
    return any(c.rel == "nummod" or c.lemma in _COUNTS for c in tree.children(tok)) or (
        parent is not None and (parent.pos == "NUM" or parent.lemma in _COUNTS)
    )


def _guests_from(ctx: Context) -> None:
    """ "Гостям из Казахстана предстоит насыщенная программа", "гостей из России встретил аким": the place the
    article's guests come from visited where their visit went (spec, Clarifications), when it is the visiting
    side or the country it belongs to."""
    if not ctx.delegation:
        return
    went = list(
        dict.fromkeys(
            r.target_key
            for r in ctx.relations.values()
            if r.type == "VISITED"
            and r.source_key == ctx.delegation
            and r.target_key.startswith(("Region:", "City:", "Country:"))
        )
    )
    own = {ctx.delegation, f"Country:{country_code(ctx, ctx.delegation)}"}
    for k, sent in enumerate(ctx.sentences):
        guests = [t for t in sent.tokens if t.lemma == "гость"]
        if not guests or not went:
            continue
        tree = tree_of(ctx, k)
        for tok in guests:
            if _counted(tree, tok):
                continue  # "к нам приезжают сотни тысяч гостей из Казахстана": tourists, not the delegation
            for c in tree.children(tok):
                if c.rel != "nmod" or tree.preposition(c) != "из":
                    continue
                for r in refs_at(ctx, k, c):
                    if r.key in own and r.key != ctx.delegation:
                        for place in went:
                            if not _at_home(ctx, r.key, place):
                                ctx.relate("VISITED", r.key, place, k, rule="visit.guests_from")


# "Во время визита аким провел встречу с первым секретарем КПК провинции Ганьсу X": a clause set inside the
# delegation's visit. "выразил признательность губернатору X за радушный прием": he was X's guest.
_ON_THE_VISIT = re.compile(
    r"\b(?:во время|в ходе|в рамках)\s+(?:(?:своего|рабочего|официального)\s+)?(?:визита|поездки|пребывания)\b", re.I
)
_WELCOME = re.compile(
    r"\b(?:благодар\w*|признательност\w*)\b[^.]{0,80}?\bза\s+(?:\w+\s+){0,2}(?:при[её]м|гостеприимств\w*)", re.I
)


def _officials_on_the_visit(ctx: Context) -> None:
    """The visiting side's officials the article names acting during its visit went where it went."""
    if not ctx.delegation:
        return
    for k, sent in enumerate(ctx.sentences):
        if not _ON_THE_VISIT.search(ctx.text[sent.start : sent.end]):
            continue
        persons = [r.key for r in ctx.refs_in(k, "Person") if _of_the_side(ctx, r.key, ctx.delegation)]
        _went_with_the_delegation(ctx, list(dict.fromkeys(persons)), k, "frame:visit.official")


def _heads_on_the_visit(ctx: Context) -> None:
    """ "В Костанае гостит делегация Витебской области. Председатель облисполкома Александр Субботин посетил
    ряд предприятий": the head of the visiting place, the subject of a clause after its delegation's visit,
    came with it (the spec: a region visits when its head leads the delegation)."""
    if not ctx.delegation:
        return
    officials = [
        r for r in ctx.relations.values() if r.type == "HOLDS_POSITION" and _within(ctx, r.target_key, ctx.delegation)
    ]
    # "Председатель облисполкома провел видеоконференцию с акимом": who talked from afar did not come
    afar = {
        r.key
        for k, sent in enumerate(ctx.sentences)
        if any(is_remote(t) for t in sent.tokens)
        for r in ctx.refs_in(k, "Person")
    }
    heads = {r.source_key: r.target_key for r in officials if r.title in HEAD_TITLES and r.source_key not in afar}
    others = {r.source_key: r.target_key for r in officials if r.source_key not in heads and r.source_key not in afar}
    for k, sent in enumerate(ctx.sentences):
        if not officials:
            return
        if not ctx.refs_in(k, "Person") or any(is_remote(t) for t in sent.tokens) or looks_back(sent):
            continue  # "по видеосвязи подключился аким": he took part from home
        tree = tree_of(ctx, k)
        verbs = [t for t in sent.tokens if _finite_verb(t)]
        subjects = [c for t in verbs for c in tree.children(t) if c.rel == "nsubj"]
        # "Первый заместитель губернатора Омской области провел переговоры с акимом": any official of the
        # visiting side who holds talks there came with it
        talks = [c for t in verbs if _at_the_talks(tree, t) for c in tree.children(t) if c.rel == "nsubj"]
        # "Председатель облисполкома провел переговоры с акимом Костанайской области": so does the one talked with
        talks += [c for t in verbs if _at_the_talks(tree, t) for c in _talked_with(tree, t)]
        for r in ctx.refs_in(k, "Person"):
            side, said = heads.get(r.key), subjects + talks
            if side is None:
                side, said = others.get(r.key), talks
            if side and any(t.start <= r.start < t.end for c in said for t in tree.phrase(c)):
                _went_with_the_delegation(ctx, [r.key], k, "frame:visit.head", side=side)


def _talked_with(tree, verb) -> list:
    """The "с" partners of a meeting verb or of its meeting noun: "встретился с акимом", "провел переговоры с
    губернатором"."""
    words = [verb] + [c for c in tree.children(verb) if c.lemma in MEETING_WORDS]
    return [
        c
        for w in words
        for c in tree.children(w)
        if c.rel in ("obl", "nmod") and tree.preposition(c) in ("с", "со") and c.feats.get("Case") == "Ins"
    ]


def _at_the_talks(tree, verb) -> bool:
    """ "провел переговоры", "встретился с акимом", "по итогам встречи подписали", "которую возглавляет X" of a
    delegation met: the verb's clause is at the talks, not a report of them ("сообщила, что по результатам
    переговоров ...")."""
    if verb.lemma in MEETING_VERBS:
        return True
    if verb.lemma in ("возглавлять", "возглавить"):  # the delegation he leads was met: the clause above
        above = tree.parent(verb)
        for _ in range(len(tree.sent.tokens)):  # bounded: the parse may hold a cycle
            if above is None or above.pos in ("VERB", "AUX"):
                break
            above = tree.parent(above)
        return _clause_with_talks(tree, above if above is not None and above.pos in ("VERB", "AUX") else None)
    return _clause_with_talks(tree, verb)


def _clause_with_talks(tree, verb) -> bool:
    """A meeting word among the verb's own words, not inside a clause of its own ("что ...")."""
    if verb is None:
        return False
    todo, seen = list(tree.children(verb)), {verb.i}
    while todo:
        t = todo.pop()
        if t.i in seen:
            continue  # the parse may hold a cycle
        seen.add(t.i)
        if t.lemma in MEETING_WORDS:
            return True
        where = any(c.lemma == "где" for c in tree.children(t))  # "побывал в вузе, где провел встречу"
        if t.rel not in ("ccomp", "advcl", "parataxis", "conj", "acl:relcl") or where:
            todo += tree.children(t)
    return False


def _within(ctx: Context, place: str, side: str) -> bool:
    """The side itself, or a region of the country the side is ("Гости из Беларуси": the Vitebsk delegation)."""
    entity = ctx.table.get(place)
    return place == side or side.startswith("Country:") and entity is not None and side == f"Country:{entity.country}"


def _of_the_side(ctx: Context, person: str, side: str) -> bool:
    place = region_of_person(ctx, person)
    return place is not None and (place == side or _at_home(ctx, side, place) and _at_home(ctx, place, side))


def _thanks_for_the_welcome(ctx: Context) -> None:
    """Thanks for a welcome come from a guest: the one thanking visited the place of the one thanked (the
    thanked host's office), when the two hold offices of different places."""
    for k, sent in enumerate(ctx.sentences):
        m = _WELCOME.search(ctx.text[sent.start : sent.end])
        if m is None:
            continue
        persons = [r for r in ctx.refs_in(k, "Person") if r.start < sent.start + m.end()]
        hosts = [r.key for r in persons if r.start > sent.start + m.start()][:1]
        guests = [r.key for r in persons if r.start < sent.start + m.start()][-1:] or _pronoun_guest(ctx, k)
        for guest in guests:
            for host in hosts:
                place = region_of_person(ctx, host)
                if place and guest != host and not _at_home(ctx, guest, place):
                    ctx.relate("VISITED", guest, place, k, rule="frame:visit.welcome")


def _signed_at_the_other_side(ctx: Context) -> None:
    """ "В Уральске главы Оренбуржья и Западно-Казахстанской области подписали дорожную карту": a signing put
    in a party's place; each signer from across the border came there (the spec; dev-002 gives the person,
    not his region)."""
    parties: dict[str, set[str]] = {}
    sents: dict[str, set[int]] = {}
    for rel in ctx.relations.values():
        if rel.type in ("PARTY_TO", "SIGNED"):
            sents.setdefault(rel.target_key, set()).add(ctx.sentence_of(rel.evidence.start))
        if rel.type == "PARTY_TO":
            parties.setdefault(rel.target_key, set()).add(rel.source_key)
    signing = {m.sent for m in find_frames(ctx, ("sign",)) if m.is_fact}
    for r in ctx.refs:
        if r.type == "Document" and r.sent in signing:
            sents.setdefault(r.key, set()).add(r.sent)  # "Программа ... подписана сегодня в Минске"
    for rel in [r for r in ctx.relations.values() if r.type == "SIGNED"]:
        doc_parties = parties.get(rel.target_key, set())
        k = ctx.sentence_of(rel.evidence.start)
        # where this signing was told up to the signer's sentence: not where a document merged with it was
        places = [p for j in sorted(sents[rel.target_key]) if j <= k for p in _signing_places(ctx, j)]
        for place in dict.fromkeys(places):
            side = region_of_person(ctx, rel.source_key)
            if not any(_at_home(ctx, party, place) for party in doc_parties) and not _travelled_to(ctx, side, place):
                continue  # signed at a third place: took part, no visit (spec)
            if side is None or side not in doc_parties or _country(ctx, side) == _country(ctx, place):
                continue
            if _at_home(ctx, rel.source_key, place):
                continue  # "председатель Союза работодателей Атырауской области" signing in Атырау is at home
            ctx.relate("VISITED", rel.source_key, place, k, rule="frame:visit.signed_there")
    _bodies_signed_there(ctx, parties, sents)


def _travelled_to(ctx: Context, side: str | None, place: str) -> bool:
    """ "Делегация Карагандинской области находится в Беларуси ... Программа подписана сегодня в Минске": the
    signer's side went to the country (or region) the place is in, so the place is on its trip (spec: unless the
    text says that a delegation travelled there)."""
    target = ctx.table.get(place)
    if side is None or target is None:
        return False
    around = {f"Country:{target.country}"} | ({f"Region:{target.region}"} if target.region else set())
    return any(r.type == "VISITED" and r.source_key == side and r.target_key in around for r in ctx.relations.values())


def _bodies_signed_there(ctx: Context, parties: dict[str, set[str]], sents: dict[str, set[int]]) -> None:
    """ "В Саратове состоялось подписание соглашения между Палатой предпринимателей ЗКО и ТПП Саратовской
    области": a chamber, university or firm from across the border that is a party came to the signing. (A
    region party, or a body of a region's administration, does not: dev-002 gives its signers, not the region.)"""
    for doc, bodies in parties.items():
        for k in sorted(sents.get(doc, ())):
            for place in _signing_places(ctx, k):
                if not any(_at_home(ctx, party, place) for party in bodies):
                    continue
                for body in bodies:
                    if not body.startswith("Organization:") or _public_body(ctx, body):
                        continue  # a ministry signs through its officials, who are the ones said to come
                    home = body_place(ctx, body)
                    if home and not _at_home(ctx, body, place) and _country(ctx, home) != _country(ctx, place):
                        ctx.relate("VISITED", body, place, k, rule="frame:visit.signed_there")


def _signing_places(ctx: Context, k: int) -> list[str]:
    """The places a signing sentence puts the signing in: "в Минске" hung on its verb (not "о строительстве
    завода в Костанайской области"), or opening the sentence."""
    tokens = ctx.sentences[k].tokens
    by_i = {t.i: t for t in tokens}
    out = []
    for r in ctx.refs_in(k, "City", "Region"):
        at = next((n for n, t in enumerate(tokens) if t.start <= r.start < t.end), None)
        if not at or tokens[at].feats.get("Case") != "Loc" or tokens[at - 1].lemma not in ("в", "во"):
            continue
        if _title_place(ctx, k, r):
            continue  # "полномочный представитель Президента в Таласской области Бакыт Сыдыков подписали": his post
        tok = tokens[at]
        while tok.rel in ("amod", "flat", "flat:name") and tok.head in by_i:
            tok = by_i[tok.head]  # "в Костанайской области": the noun the adjective goes with
        head = by_i.get(tok.head)
        if at == 1 or head is not None and head.pos in ("VERB", "AUX"):
            out.append(r.key)
    return out


def _pronoun_guest(ctx: Context, k: int) -> list[str]:
    """ "Он выразил признательность ...": the person the sentence before spoke of last."""
    toks = ctx.sentences[k].tokens
    if not toks or toks[0].lemma != "он" or k == 0:
        return []
    before = sorted(ctx.refs_in(k - 1, "Person"), key=lambda r: r.start)
    return [before[-1].key] if before else []


def _places(ctx: Context, m: FrameMatch, role: str = "place") -> list[Ref]:
    """The places and bodies a visit went to: the country drops out when a region or city of it is named."""
    exhibits = [a for a in m.role(role) if a.head.lemma in lexicon().exhibit_nouns]
    refs = _outermost([r for r in m.refs(role) if r.type in BODIES or r.type in ("Event", "Document")])
    refs = [r for r in refs if not any(r in a.refs for a in exhibits)]
    refs = [r for r in refs if r.type in BODIES and not _title_place(ctx, m.sent, r)]
    countries = {_country(ctx, r.key) for r in refs if r.type in ("Region", "City")}
    return [r for r in refs if not (r.type == "Country" and r.key.split(":")[-1] in countries)]


def _programme(ctx: Context, m: FrameMatch) -> list[str]:
    """ "В программу визита вошли социальные объекты: фронт-офис «Open Pavlodar», «Назарбаев интеллектуальная
    школа»": the bodies the clause lists after its verb, however the parser hung the list after the colon (the
    places in it are where those bodies are, and talks "с руководителями управлений области" visit nothing)."""
    return [r.key for r in ctx.refs_in(m.sent, "Organization") if r.start > m.pred.start]


def _outermost(refs: list[Ref]) -> list[Ref]:
    """ "АО «Алюминий Казахстана»" is the company, not the country inside its name."""
    return [r for r in refs if not any(o is not r and o.start <= r.start and r.end <= o.end for o in refs)]


def _visit(ctx: Context, m: FrameMatch) -> None:
    if m.predicate.group_only and not any(words().is_group(a.head.lemma) for a in m.role("visitor")):
        return  # "работает в Алматы" of a person or a firm: where it is, not a visit
    visitors = role_side(ctx, m, "visitor") if not _guided(m) else _toured(ctx, m)
    if not visitors and m.predicate.noun and m.pred.rel == "root" and _is_label(ctx, m.sent):
        visitors = _lead_subject(ctx, m.sent)  # "Визит в Бишкек" over "Аким ... Марат Султангазиев встретился ..."
    if not visitors:
        visitors = _earlier_subject(ctx, m)
    if not visitors and m.predicate.noun:
        visitors = _guest_of_the_host(ctx, m)
    args = m.role("visitor")
    if args and all(words().is_group(a.head.lemma) and not a.refs for a in args):
        # "Губернатор возглавлял делегацию, которая побывала в Атырау": the delegation led in this sentence,
        # whose side its leader says, not a guess from a phrase that names none
        sides = [(one.side, one.persons) for one in led_here(ctx, m.sent) if one.side]
        if len(sides) == 1:
            side, persons = sides[0]
            visitors = Side(bodies=[side], persons=list(persons), groups=[side])
            ctx.delegation = ctx.delegation or side  # whose members "в состав делегации вошли" lists
    if not visitors and m.predicate.delegation_agent and ctx.delegation and _told_as_done(ctx.sentences[m.sent]):
        visitors = Side(bodies=[ctx.delegation])
    visitors.persons += [p for p in _travelling_with(ctx, m) if p not in visitors.persons]
    if not visitors:
        return
    visitors.bodies += [b for b in led_delegation(ctx, m, visitors) if b not in visitors.bodies]
    date = find_date(ctx.sentences[m.sent].text, ctx.published)
    places = _programme(ctx, m) if m.predicate.requires else [r.key for r in _places(ctx, m)]
    if not places and m.pred.rel == "root" and not m.predicate.noun:
        places = locatives(ctx, m.sent)  # "посетил сегодня в Павлодаре АО ...": the parse lost the phrase
    if not places and m.predicate.noun and _set_in_clause(ctx, m):
        # "подписана сегодня в Кокшетау в ходе визита делегации Витебской области", "вчера в Актау завершился
        # визит делегации": the clause says where
        places = _clause_locatives(ctx, m)
    if not places:
        homes = visitors.bodies + [h for p in visitors.persons if (h := region_of_person(ctx, p))]
        places = [p for a in m.role("place") if (p := place_anaphor(ctx, m.sent, a, homes))]
    if not places:  # "Вчера завод посетила делегация": the plant named before
        places = [p for a in m.role("place") if (p := org_anaphor(ctx, m.sent, a))]
    if not places and not m.predicate.noun:
        places = _companions_places(ctx, m.sent)
    if not places and not m.predicate.noun and m.role("origin") and (venue := _main_venue(ctx)):
        # "В Омске стартовали игры ... а из Казахстана приехали сборные": came from somewhere to where the
        # article's event is held
        places = [venue]
    if not places:
        places = _hosts_place(ctx, m)
    if not places and any(a.head.lemma in _OCCASION_NOUNS for a in m.role("place")):
        # "В Костанае открылся завод ... На церемонии запуска побывала делегация": where the occasion was held
        places = [p for j in (m.sent, m.sent - 1) if j >= 0 for p in locatives(ctx, j)][:1]
    if places:  # both a visitor and a place read: the surface rules leave this sentence alone
        ctx.read_by_frames.setdefault("visit", set()).add(m.sent)
    for place in places:
        for v in visitors.keys:
            if not _at_home(ctx, v, place):
                ctx.relate("VISITED", v, place, m.sent, rule="frame:visit", date=date)


def _hosts_place(ctx: Context, m: FrameMatch) -> list[str]:
    """ "приехал в гости к омским коллегам", "прибыл к губернатору Омской области": who came to someone came to
    the place that host is of (its name, its adjective, or the place a named host holds office in)."""
    found: list[str] = []
    for arg in m.role("host"):
        found += [r.key for r in arg.refs if r.type in ("Region", "City", "Country")]
        found += [key for key in demonyms_before(ctx, m.sent, arg.head) if not key.startswith("Organization:")]
        found += [h for r in arg.refs if r.type == "Person" and (h := region_of_person(ctx, r.key))]
    return list(dict.fromkeys(found))


_TOURS = ("экскурсия",)
_GUIDING = ("провести", "проводить", "организовать", "организовывать", "устроить")


def _guided(m: FrameMatch) -> bool:
    """ "Аким провел для гостей экскурсию по городу": who conducts a tour is the host, not the one touring."""
    return m.pred.lemma in _TOURS and m.light_verb is not None and m.light_verb.lemma in _GUIDING


def _toured(ctx: Context, m: FrameMatch) -> Side:
    """The ones a guided tour was for: "для гостей из Омска", "гостям", else the delegation the article sends."""
    tree = tree_of(ctx, m.sent)
    side = Side()
    for c in tree.children(m.light_verb) if m.light_verb is not None else []:
        if tree.preposition(c) == "для" or c.feats.get("Case") == "Dat" and not tree.preposition(c):
            side.add(resolve(ctx, tree, m.sent, Argument("visitor", "для+gen", c, tree.phrase(c))))
    if not side and ctx.delegation:
        side = Side(bodies=[ctx.delegation])
    return side


def _travelling_with(ctx: Context, m: FrameMatch) -> list[str]:
    """ "Вместе с акимом Асхатом Шахаровым в Оренбург прибыли руководители управлений": the persons the
    travellers came with came too (only a verb of moving: "вместе с X осмотрели" may be X showing them round)."""
    if m.predicate.noun or m.frame != "visit" or "place" not in m.predicate.roles or "origin" not in m.predicate.roles:
        return []
    tree = tree_of(ctx, m.sent)
    tokens = ctx.sentences[m.sent].tokens
    out: list[str] = []
    for t in tokens[:-2]:
        with_ = tokens[t.i + 1]
        if t.lemma != "вместе" or with_.lemma != "с" or (t.head != m.pred.i and tree.parent(with_) is None):
            continue
        noun = tree.parent(with_)
        if noun is None or noun.feats.get("Case") != "Ins" or (noun.head not in (m.pred.i, t.i)):
            continue
        out += resolve(ctx, tree, m.sent, Argument("visitor", "с+ins", noun, tree.phrase(noun))).persons
    return out


_WITH_HIM = re.compile(r"\b[Вв]месте\s+с\s+(?:ним|ней|ними)\b")


def _companions_places(ctx: Context, k: int) -> list[str]:
    """ "Игорь Бабушкин прибыл в Актау. Вместе с ним на берег Каспия прилетели министр X и ректор Y": those who
    came with him came where he did (the place the sentence gives is no named one)."""
    if not _WITH_HIM.search(ctx.sentences[k].text):
        return []
    return list(
        dict.fromkeys(
            r.target_key
            for r in ctx.relations.values()
            if r.type == "VISITED"
            and r.source_key.startswith("Person:")
            and k - 2 <= ctx.sentence_of(r.evidence.start) < k
            and r.target_key.startswith(("Region:", "City:", "Country:"))
        )
    )


_HOSTING = ("принять", "принимать", "встретить", "встречать")


def _guest_of_the_host(ctx: Context, m: FrameMatch) -> Side:
    """ "на второй день визита в Казахстан губернатора края X принял президент": the visit whose visitor the
    noun does not name is that of the guest the sentence's host received."""
    tree = tree_of(ctx, m.sent)
    root = next((t for t in ctx.sentences[m.sent].tokens if t.rel == "root"), None)
    if root is None or root.lemma not in _HOSTING or root.pos != "VERB":
        return Side()
    guests = [c for c in tree.children(root) if c.rel == "obj"]
    side = Side()
    for g in guests:
        side.add(resolve(ctx, tree, m.sent, Argument("visitor", "acc", g, tree.phrase(g))))
    return side


def _told_as_done(sent: Sentence) -> bool:
    """A clause with a finite verb and none in the future: "программа включала посещение завода", not
    "в программе — посещение завода: делегация побывает там"."""
    tenses = [t.feats.get("Tense") for t in sent.tokens if t.feats.get("VerbForm") == "Fin"]
    return bool(tenses) and "Fut" not in tenses


def _is_label(ctx: Context, k: int) -> bool:
    """A headline or caption of the lead: a line with no verb above the article's first sentences."""
    return k < ctx.lead_end and not has_predicate(ctx.sentences[k])


def _lead_subject(ctx: Context, k: int) -> Side:
    """Who the lead is about: the subject of the main verb of the first clause after the headline `k`. A
    headline that states a visit and names no visitor ("Визит в Бишкек", "Рабочая поездка в Уральск") is
    that side's visit."""
    k = next((j for j in range(k + 1, min(ctx.lead_end + 1, len(ctx.sentences))) if has_predicate(ctx.sentences[j])), k)
    tree = tree_of(ctx, k)
    root = next((t for t in ctx.sentences[k].tokens if t.rel == "root"), None)
    if root is None or root.pos not in ("VERB", "AUX"):
        return Side()
    side = Side()
    for dep in tree.children(root):
        if dep.rel == "nsubj":
            side.add(resolve(ctx, tree, k, Argument("visitor", "nom", dep, tree.phrase(dep))))
    return side


def _earlier_subject(ctx: Context, m: FrameMatch) -> Side:
    """ "Гости ознакомились с ..., побывали в СЭЗ «Ангрен» и нанесли визит на ...": a verb of the sentence
    with no subject of its own shares the one stated before it (the parser made it a second root)."""

    tree = tree_of(ctx, m.sent)
    verb = m.light_verb or m.pred
    if verb.pos not in ("VERB", "AUX") or verb.rel not in ("root", "conj"):
        return Side()
    if any(c.rel in ("nsubj", "nsubj:pass") for c in tree.children(verb)):
        return Side()
    tokens = ctx.sentences[m.sent].tokens
    subjects = [
        t
        for t in tokens[: verb.i]
        if t.rel == "nsubj" and (h := tree.parent(t)) is not None and h.pos == "VERB" and h.rel in ("root", "conj")
    ]
    if not subjects:
        return Side()
    subject = subjects[-1]
    return resolve(ctx, tree, m.sent, Argument("visitor", "nom", subject, tree.phrase(subject)))


def _came_to_the_event(ctx: Context) -> None:
    """ "22–23 мая в Кемерове прошел форум «Кузбасс – Караганда»... Делегация Карагандинской области приняла
    участие": at an event held in one party's place, the other party's delegation and the persons present
    from across the border came there (spec); at a third region's event nobody did (dev-207)."""
    events = find_events(ctx)
    led = {r for one in delegation_leaders(ctx) for r in [one.side, *(headed_region(ctx, p) for p in one.persons)] if r}
    present: dict[str, list[tuple[str, int]]] = {}
    for rel in ctx.relations.values():
        if rel.type == "PARTICIPATED_IN":
            present.setdefault(rel.target_key, []).append((rel.source_key, ctx.sentence_of(rel.evidence.start)))
    for event, venue in events.venues.items():
        place = ctx.table.get(venue)
        if place is None or place.type == "Country" or event not in present:
            continue
        host = f"Region:{place.region}" if place.type == "City" and place.region else venue
        # held at one party's place (a third region's event sends nobody), or the article sends the side there
        hosted = any(source in (host, venue) for source, _ in present[event]) or host == ctx.home
        for source, k in present[event]:
            if any(is_remote(t) for t in ctx.sentences[k].tokens):
                continue  # "по видеосвязи обратился": took part from home
            if source.startswith("Person:"):
                side = region_of_person(ctx, source)
            elif (source, event) in ctx.participant_groups or source == ctx.delegation or source in led:
                # a delegation, not a body that only sent its products ("Самую многочисленную делегацию привезла
                # Жамбылская область. Ее возглавил аким региона"): the article's, or one its head led
                side = source
            else:
                continue
            side = body_place(ctx, side) or side  # a firm's or chamber's office: where its name puts it
            if side is None or not side.startswith(("Region:", "City:", "Country:")):
                continue  # whose side nobody says
            if _at_home(ctx, source, venue):
                continue
            if hosted and _country(ctx, side) != _country(ctx, venue) or _side_came(ctx, side, venue, host):
                ctx.relate("VISITED", source, venue, k, rule="frame:visit.to_the_event")


def _side_came(ctx: Context, side: str, venue: str, host: str) -> bool:
    """ "В Туркестан прибыли делегации Жамбылской и Кызылординской областей": an official of a region whose
    delegation the article sends to the venue was in it (spec: the named persons of a delegation visit)."""
    return side != host and any(
        r.type == "VISITED" and r.source_key == side and r.target_key in (venue, host) for r in ctx.relations.values()
    )


def _leaders_of_delegations(ctx: Context) -> None:
    """ "Делегацию возглавил первый заместитель губернатора Валерий Бойко": whoever led the delegation went
    where it went."""
    for led in delegation_leaders(ctx):
        _region_of_a_national_delegation(ctx, led)
        side = led.side or ctx.delegation or _leaders_place(ctx, led.persons)
        _went_with_the_delegation(ctx, led.persons, led.sent, "frame:visit.leader", side=side)
        for place in led.places:  # "Делегацию региона в Казани возглавлял аким X": he and his side were there
            for who in led.persons + ([led.side] if led.side else []):
                if not _at_home(ctx, who, place) and _country(ctx, region_of_person(ctx, who) or who) != _country(
                    ctx, place
                ):
                    ctx.relate("VISITED", who, place, led.sent, rule="frame:visit.leader")
        _led_side_went_with_its_leader(ctx, led)


def _leaders_place(ctx: Context, persons: list[str]) -> str | None:
    """ "Омские предприниматели приехали в Павлодар. Делегацию возглавил министр Омской области X": a delegation
    nobody named is the one its leaders' region sent, when they are all of one region or city."""
    places = {region_of_person(ctx, p, ("Region", "City")) for p in persons}
    return places.pop() if len(places) == 1 else None


def _region_of_a_national_delegation(ctx: Context, led) -> None:
    """ "Белорусская делегация прибыла в Караганду. Делегацию Гродненской области возглавляет X": the country's
    delegation the article sent is that region's, which went where it went (its leader follows it)."""
    if not led.side or not led.side.startswith("Region:") or led.places or (country := _country(ctx, led.side)) is None:
        return  # (a delegation led somewhere of its own is another trip)
    if not any(r.key == led.side for r in ctx.refs_in(led.sent)):
        return  # the sentence that says who led it must name the region as the delegation's
    for rel in list(ctx.relations.values()):
        k = ctx.sentence_of(rel.evidence.start)
        if rel.type == "VISITED" and rel.source_key == f"Country:{country}" and led.sent - 2 <= k <= led.sent:
            if not _at_home(ctx, led.side, rel.target_key) and rel.target_key.startswith(("Region:", "City:")):
                ctx.relate("VISITED", led.side, rel.target_key, led.sent, rule="frame:visit.led_side")


def _led_side_went_with_its_leader(ctx: Context, led) -> None:
    """ "Делегацию Карагандинской области возглавил Даулет Мухаметжанов. В Уфе его принял министр ...": where
    the leader was received in the next two sentences, the delegation he led was too."""
    if not led.side or not led.side.startswith(("Region:", "City:", "Country:")):
        return
    for rel in list(ctx.relations.values()):
        k = ctx.sentence_of(rel.evidence.start)
        if rel.type != "VISITED" or rel.source_key not in led.persons or not led.sent < k <= led.sent + 2:
            continue
        if not _at_home(ctx, led.side, rel.target_key):
            ctx.relate("VISITED", led.side, rel.target_key, k, rule="frame:visit.led_side")


def _members_of_delegations(ctx: Context) -> None:
    """ "В составе делегации – заместитель акима Даурен Сеитов, ...": the members went where it went."""
    if not ctx.delegation:
        return
    for k in range(len(ctx.sentences)):
        if members := named_members(ctx, k):
            _went_with_the_delegation(ctx, members, k, "frame:visit.member")


_OUR_DELEGATION = re.compile(r"(?<![\w-])наш(?:а|ей|у|ею)\s+делегаци", re.I)


def _our_delegation(ctx: Context) -> str | None:
    """ "В состав нашей делегации вошли ..." on a region's own site: the delegation is the region's, when the
    article names no other place's delegation (an interview's "наша делегация" beside the guests' is one of two)."""
    if not ctx.home or not ctx.sentences or not _OUR_DELEGATION.search(ctx.text):
        return None
    named = {delegation_named_before(ctx, k, back=0) for k in range(len(ctx.sentences))} - {None, ctx.home}
    return None if named else ctx.home


def _head_with_members(ctx: Context, matches: list[FrameMatch]) -> str | None:
    """ "Аким Костанайской области прибыл с рабочим визитом в Брестскую область. В составе делегации – ...": a
    region's head arriving abroad with a delegation whose members the next sentence lists leads it; the
    delegation is his region's (spec: its head leads it)."""
    found = set()
    for m in matches:
        if m.frame != "visit" or not m.is_fact or m.sent + 1 >= len(ctx.sentences):
            continue
        if not DELEGATION_MEMBERS.search(ctx.sentences[m.sent + 1].text):
            continue
        places = [r.key for r in m.refs("place", "Region", "City", "Country")]
        for r in m.refs("visitor", "Person"):
            region = headed_region(ctx, r.key)
            if (
                region
                and region.startswith("Region:")
                and places
                and all(_country(ctx, p) != _country(ctx, region) for p in places)
            ):
                found.add(region)
    return found.pop() if len(found) == 1 else None


def _our_region_went(ctx: Context) -> None:
    """ "в ходе рабочей поездки в Павлодарскую область губернатор Омской области провел переговоры ... В состав
    нашей делегации вошли", "Аким ... находится с рабочей поездкой в Турецкой Республике. В составе делегации –":
    the region whose delegation it was went where its officials went abroad."""
    if ctx.delegation is None or ctx.delegation != ctx.cache.get("led_by_its_head"):
        return
    for r in list(ctx.relations.values()):
        if r.type != "VISITED" or not r.source_key.startswith("Person:"):
            continue
        if region_of_person(ctx, r.source_key) != ctx.delegation or r.target_key.startswith("Organization:"):
            continue
        if _country(ctx, r.target_key) != _country(ctx, ctx.delegation):
            ctx.relate(
                "VISITED", ctx.delegation, r.target_key, ctx.sentence_of(r.evidence.start), rule="frame:visit.ours"
            )


def _finite_verb(t) -> bool:
    return t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") == "Fin"


# "часть делегации отправилась в Брест": where a part of the delegation went, its leader need not have gone
_PART_OF = re.compile(r"\bчасть\s+(?:\w+\s+){0,2}делегаци", re.I)


def _went_with_the_delegation(ctx: Context, persons: list[str], k: int, rule: str, side: str | None = None) -> None:
    side = side or ctx.delegation
    places = [
        r.target_key
        for r in list(ctx.relations.values())
        if r.type == "VISITED"
        and (same_side(ctx, r.source_key, side) or side is not None and side == headed_region(ctx, r.source_key))
        and ctx.sentence_of(r.evidence.start) <= k + 2  # "Делегацию возглавляет X. Вместе с ним в Кокшетау приехали"
        and r.target_key.startswith(("Region:", "City:", "Country:"))  # its tours are the region's (dev)
        and not _PART_OF.search(ctx.sentences[ctx.sentence_of(r.evidence.start)].text)
    ]
    for person in persons:
        for place in places:
            if not _at_home(ctx, person, place):
                ctx.relate("VISITED", person, place, k, rule=rule)


def _hosted(ctx: Context, m: FrameMatch) -> None:
    """ "Гостей из Омска встретили в Павлодаре", "аким принял делегацию Омской области": the guests visited
    the place named, else the place of the host."""
    # "казахстанской стороне показали", "делегации показали": the side, or the delegation the article sends
    # "Гостям показали производство ТОО «Казцинк»" opening its own sentence: the article's guests
    told = m.pred.rel == "root" and not any(t.lemma in ("где", "куда") for t in ctx.sentences[m.sent].tokens)
    named = any(
        a.refs
        or a.head.lemma == "сторона"
        or (a.head.lemma == "делегация" or a.head.lemma == "гость" and told)
        and ctx.delegation
        for a in m.role("guests")
    )
    if m.predicate.named_guests and not named:
        return  # "где гостям показали селекционный центр": whose guests, the verb does not say
    guests = role_side(ctx, m, "guests")
    if not guests:
        guests.persons = _accusative_persons(ctx, m)
    places = [
        r.key for r in _places(ctx, m) if not _accredited_in(ctx, guests.persons, r.key) and not _near(ctx, m.sent, r)
    ]
    if not guests.group and not (places and guests.persons):
        return  # "принял губернатора": a meeting, not a visit, unless a delegation or met at a named place
    if not places:
        hosts = role_side(ctx, m, "host")
        # "губернатор области поприветствовал делегацию": an unnamed office stands for its place
        places = [p for p in (hosts.bodies + [region_of_person(ctx, h) for h in hosts.persons]) if p]
        places += [p for p in hosts.represented if p not in places]
        # "Полномочный представитель правительства Кыргызской Республики в Чуйской области принял делегацию":
        # the country only locates the region
        places = most_specific(ctx, places)
        local = [b for b in guests.bodies if not b.startswith("Country:")]  # whose region, not just which country
        if not places and not hosts and local and guests.group and ctx.home and len(m.role("guests")) == 1:
            # "Гостей из Баян-Улгийского аймака на вокзале встречали": met by the article's own (one object: two
            # are the parser's, which took the hosts after the verb for guests)
            places = [ctx.home]
    # "показали производство на заводе X и в хозяйстве Y": each body shown; of places, the first
    bodies = [p for p in places if p.startswith("Organization:")]
    for place in bodies + [p for p in places if p not in bodies][:1]:
        for g in guests.keys:
            if not _at_home(ctx, g, place):
                ctx.relate("VISITED", g, place, m.sent, rule="frame:host")


def _near(ctx: Context, k: int, r: Ref) -> bool:
    """ "в хозяйстве под Могилевом": near the place, not in it."""
    before = [t for t in ctx.sentences[k].tokens if t.end <= r.start]
    return bool(before) and before[-1].lemma in ("под", "около", "близ", "вблизи")


def _accredited_in(ctx: Context, persons: list[str], place: str) -> bool:
    """ "Посол Таджикистана в Республике Казахстан X был принят ...": the country an envoy serves in is part
    of his title, not where he was received."""
    if not place.startswith("Country:"):
        return False
    return any(
        r.type == "HOLDS_POSITION"
        and r.source_key in persons
        and r.title in offices().envoy_titles
        and r.target_key != place
        for r in ctx.relations.values()
    )


def _accusative_persons(ctx: Context, m: FrameMatch) -> list[str]:
    """ "Рустама Минниханова встречал аким": a named person in the accusative before the verb, which the
    parser hung on the subject; the case says it is the one met."""
    tokens = ctx.sentences[m.sent].tokens
    out = []
    for r in ctx.refs_in(m.sent, "Person"):
        first = next((t for t in tokens if t.start <= r.start < t.end), None)
        if first is not None and first.i < m.pred.i and first.feats.get("Case") == "Acc" and r.key not in out:
            out.append(r.key)
    return out


def _met(ctx: Context, m: FrameMatch, place_role: str = "place") -> None:
    """A meeting at a named place: a party from elsewhere (another region, another country) came there;
    a meeting with no place gives no visit (spec)."""
    parties = role_side(ctx, m, "party")  # first: a delegation met here is the one later sentences speak of
    tree = tree_of(ctx, m.sent)
    for arg in m.role("party"):
        parties.add(present_in(ctx, tree, m.sent, arg))
    if not parties and m.predicate.noun and m.pred.rel == "nsubj":
        parties = _parties_met_before(ctx, m)  # "X провел переговоры с Y. Встреча прошла в Омске."
    if any(is_remote(t) for t in ctx.sentences[m.sent].tokens):
        return  # "переговоры с компаниями из Караганды провели по видеосвязи": nobody came
    places = (
        [r.key for r in _places(ctx, m, place_role) if r.type in ("City", "Region", "Country")]
        or locatives(ctx, m.sent)
        or _executive_seat(ctx, tree, m)
    )
    if not places:
        return
    hosts = {  # "Президент Казахстана провёл в Астане встречу": an office of the place's own country is at home
        key
        for arg in m.role("party")
        if (homes := [_at_home(ctx, r.key, places[0]) for r in arg.refs if r.type in ("Country", "Region", "City")])
        and all(homes)  # "переговоры губернатора области и акима ...": one phrase, both sides
        for key in resolve(ctx, tree, m.sent, arg).persons
    }
    # "провел рабочие встречи в Уральске и Актобе": each place listed; a region only where no city of it is
    cities = {f"Region:{e.region}" for p in places if (e := ctx.table.get(p)) is not None and e.type == "City"}
    listed = [p for p in places if p not in cities] if _coordinated_places(ctx, m, places) else places[:1]
    for key in [k for k in parties.keys if k not in hosts]:
        home = region_of_person(ctx, key) if key.startswith("Person:") else key
        for place in listed:
            if home is not None and not _at_home(ctx, key, place):
                ctx.relate("VISITED", key, place, m.sent, rule="frame:meet")


def _coordinated_places(ctx: Context, m: FrameMatch, places: list[str]) -> bool:
    """Whether the places of a meeting are a list ("в Уральске и Актобе"), not a place and what locates it."""
    refs = sorted((r for r in ctx.refs_in(m.sent) if r.key in places), key=lambda r: r.start)
    return len(places) > 1 and all(
        re.fullmatch(r"\s*(?:,|и|а также)\s*(?:в|во)?\s*", ctx.text[a.end : b.start]) for a, b in zip(refs, refs[1:])
    )


def _parties_met_before(ctx: Context, m: FrameMatch) -> Side:
    """The parties of the meeting the sentence before told of, which a bare "Встреча" now places."""
    before = [b for b in find_frames(ctx, ("meet",)) if b.sent == m.sent - 1]
    sides = [role_side(ctx, b, "party") for b in before]
    return next((side for side in sides if side.persons), Side())


def _executive_seat(ctx: Context, tree, m: FrameMatch) -> list[str]:
    """ "В акимате области прошла встреча с делегацией": a meeting held at a region's executive the phrase
    does not name is held in the article's region that has such bodies."""
    for arg in m.role("place"):
        for t, after in zip(arg.tokens, arg.tokens[1:]):
            # the parse may hang either word on the other: "в акимате области" is one phrase
            if t.lemma in words().executives and after.lemma in ("область", "регион", "край") and not arg.refs:
                country = next((c for w, c in offices().body_countries.items() if t.lemma.startswith(w)), None)
                return [key] if (key := focus_region(ctx, country)) else []
    return []


def _verbless(ctx: Context, k: int) -> None:
    """A headline or caption with no verb, "Делегация Омской области в Павлодаре", "Омские гости в
    Павлодаре: итоги визита": the group named is at the place after it (spec, Clarifications)."""

    sent = ctx.sentences[k]
    if any(t.pos in ("VERB", "AUX") or t.feats.get("VerbForm") == "Fin" for t in sent.tokens):
        _group_placed(ctx, k)
        return
    # "Делегация Омской области в Павлодаре", "Зауральцы в Жезказгане": a group, or a place's people
    # "Омские предприниматели в Павлодаре" over "Делегация бизнесменов ...": firms' people the article calls a
    # delegation travelled as one
    travelled = "делегаци" in ctx.text.lower()
    groups = [
        t
        for t in sent.tokens
        if words().is_group(t.lemma)
        or _plural(t)
        and (residents_place(ctx, t) or travelled and t.lemma in words().collectives and t.pos == "NOUN")
    ]
    if not groups:
        _office_placed(ctx, k)
        return  # before the parse: most verbless lines are datelines and captions of no one
    tree = tree_of(ctx, k)
    for tok in groups:
        side = resolve(ctx, tree, k, Argument("visitor", "nom", tok, tree.phrase(tok)))
        place = _place_after(ctx, k, tok)
        if side and place:
            for v in side.keys:
                if not _at_home(ctx, v, place):
                    ctx.relate("VISITED", v, place, k, rule="visit.verbless")


def _office_placed(ctx: Context, k: int) -> None:
    """ "Аким СКО — в Тюмени" over "Гауез Нурмухамбетов провел переговоры ...": a headline opening with an office,
    then a place, puts its holder there; named nowhere near it, the holder is the person the lead is about."""
    tokens = ctx.sentences[k].tokens
    if not tokens or tokens[0].lemma not in words().offices or not _is_label(ctx, k):
        return
    found = _place_after(ctx, k, tokens[0])
    if found is None:
        return
    tree = tree_of(ctx, k)
    office = resolve(ctx, tree, k, Argument("visitor", "nom", tokens[0], tree.phrase(tokens[0])))
    at = min(r.start for r in ctx.refs_in(k) if r.key == found)
    own = [r.key for r in ctx.refs_in(k, "Region", "City", "Country") if r.start < at]  # "Аким СКО": his place
    persons = office.persons or [p for p in _lead_subject(ctx, k).persons if region_of_person(ctx, p) in (None, *own)]
    for person in persons:
        if not _at_home(ctx, person, found) and not any(same_side(ctx, o, found) for o in own):
            ctx.relate("VISITED", person, found, k, rule="visit.verbless")


# Group nouns whose "в Y" puts the group there; "представитель ... в Чуйской области" is an office held there
# (a Kyrgyz region's head), "миссия в Казахстане" a body based there.
_TRAVELLERS = {"делегация", "делегат", "гость"}


def _group_placed(ctx: Context, k: int) -> None:
    """ "Делегаты Витебской области в Актобе обсудили ...": a travelling group with "в Y" on it is in Y, whatever
    the verb (spec, Clarifications); only where the parse hangs the place on the group itself."""
    sent = ctx.sentences[k]
    travellers = [t for t in sent.tokens if t.lemma.rpartition("-")[2] in _TRAVELLERS]  # "бизнес-делегация" too
    if not travellers:
        return
    tree = tree_of(ctx, k)
    for tok in travellers:
        here = [
            c
            for c in tree.children(tok)
            if c.rel == "nmod" and c.feats.get("Case") == "Loc" and tree.preposition(c) in ("в", "во")
        ]
        places = [r.key for c in here for r in refs_at(ctx, k, c) if r.type in ("City", "Region", "Country")]
        verb = tree.parent(tok) if tok.rel == "nsubj" else None
        if verb is not None and is_plan(tree, verb, own=False):
            verb = None  # "делегация будет работать в Павлодаре": not there yet (its own "в Y" still puts it)
        if verb is not None and verb.pos == "VERB" and not any(is_remote(t) for t in sent.tokens):
            # "В Новосибирском аграрном университете гости обсудили ...": the place of what the group did
            at = [
                c
                for c in tree.children(verb)
                if c.rel == "obl" and c.feats.get("Case") == "Loc" and tree.preposition(c) in ("в", "во", "на")
            ]
            places += [r.key for c in at for r in refs_at(ctx, k, c) if r.type in ("City", "Region", "Organization")]
        if not places:
            continue
        side = resolve(ctx, tree, k, Argument("visitor", "nom", tok, [t for t in tree.phrase(tok) if t not in here]))
        if not side.groups:
            continue  # guests whose side the article does not say
        for place in places:
            for v in side.keys:
                if not _at_home(ctx, v, place):
                    ctx.relate("VISITED", v, place, k, rule="visit.group_placed")


def _plural(tok) -> bool:
    """The tagger calls a rare resident noun singular ("Зауральцы"); the dictionary knows its plural."""
    return tok.feats.get("Number") == "Plur" or may_be_plural_nominative(tok.text)


def _place_after(ctx: Context, k: int, tok) -> str | None:
    """The first place after a token that "в"/"во" puts something in; a region "на" does too ("на
    Могилевщине", "на Алтае", "на Южном Урале")."""
    tokens = ctx.sentences[k].tokens
    for r in sorted(ctx.refs_in(k, "City", "Region", "Country"), key=lambda r: r.start):
        i = next((t.i for t in tokens if t.start <= r.start < t.end), None)
        if i is None or i <= tok.i + 1:
            continue
        if tokens[i - 1].lemma in ("в", "во") or r.type == "Region" and tokens[i - 1].lemma == "на":
            return r.key
    return None


MEETING_WORDS = {"переговоры", "встреча", "беседа", "совещание", "заседание"}


def _talks_held(ctx: Context, m: FrameMatch) -> None:
    """ "Переговоры прошли в ИНТЦ «Валдай»" after "встретился с делегацией посольства": the delegation the
    article speaks of was at the place the talks were held."""
    if not any(a.head.lemma in MEETING_WORDS for a in m.role("event")):
        return
    if m.role("party"):
        _met(ctx, m, "venue")  # "встреча, которая состоялась в Оренбурге между делегацией X и ...": its parties
    if not ctx.delegation:
        return
    for place in [r.key for r in _places(ctx, m, "venue")]:
        if not _at_home(ctx, ctx.delegation, place):
            ctx.relate("VISITED", ctx.delegation, place, m.sent, rule="frame:talks_held")


def locatives(ctx: Context, k: int) -> list[str]:
    """Cities and regions a sentence puts something in ("в Павлодаре"), read off the tokens when the parse
    hung the phrase on the wrong word: a mention in the prepositional case right after "в"/"во"."""
    tokens = ctx.sentences[k].tokens
    out = []
    for r in ctx.refs_in(k, "City", "Region"):
        i = next((t.i for t in tokens if t.start <= r.start < t.end), None)
        if (
            i
            # "в Кокшетау": a name that does not decline may be tagged accusative
            and (
                tokens[i].feats.get("Case") == "Loc"
                or tokens[i].feats.get("Case") == "Acc"
                and may_be_accusative(tokens[i])
            )
            and tokens[i - 1].lemma in ("в", "во")
            and not _title_place(ctx, k, r)
        ):
            out.append(r.key)
    return out


# Occasions a visitor attends where they are held: "побывала на церемонии запуска", "присутствовали на открытии".
_OCCASION_NOUNS = frozenset({"церемония", "открытие", "запуск", "торжество", "презентация", "пуск"})


def _main_venue(ctx: Context) -> str | None:
    events = find_events(ctx)
    return events.venues.get(events.main) if events.main and events.setting else None


def _set_in_clause(ctx: Context, m: FrameMatch) -> bool:
    tree = tree_of(ctx, m.sent)
    if tree.preposition(m.pred) in lexicon().adjunct_preps:
        return True
    verb = tree.parent(m.pred)
    return m.pred.rel == "nsubj" and verb is not None and verb.lemma in lexicon().span_verbs


def _clause_locatives(ctx: Context, m: FrameMatch) -> list[str]:
    """The places "в"/"во" + locative of the clause a noun predicate sets ("подписана в Кокшетау в ходе визита"),
    not those deeper in its phrases ("договор на поставку труб в Бухаре")."""
    tree = tree_of(ctx, m.sent)
    verb = tree.parent(m.pred)
    here = set(locatives(ctx, m.sent))
    starts = {t.start for t in tree.children(verb)} if verb is not None else set()
    return [r.key for r in ctx.refs_in(m.sent, "City", "Region") if r.key in here and r.start in starts]


def _title_place(ctx: Context, k: int, r: Ref) -> bool:
    """ "с полномочным представителем Президента в Чуйской области Русланом Мазабековым", "с генеральным консулом
    Республики Казахстан в Екатеринбурге Еркином Тукумовым": the place of the office of the person named right
    after it (his post, for an envoy), not where anybody met."""
    after = {p.key for p in ctx.refs_in(k, "Person") if 0 <= p.start - r.end <= 2}
    return any(
        rel.type == "HOLDS_POSITION"
        and rel.source_key in after
        and (rel.target_key == r.key or _ENVOY.search(rel.title or "") is not None)
        for rel in ctx.relations.values()
    )


_ENVOY = re.compile(r"посол|консул|представител|посланник")


def _country(ctx: Context, key: str | None) -> str | None:
    ent = ctx.table.get(key) if key else None
    if ent is None:
        return None
    return ent.country or (ent.key.split(":")[-1] if ent.type == "Country" else None)


def _at_home(ctx: Context, visitor: str, place: str) -> bool:
    """A visit to one's own place is none: the same entity, a city of one's region, or one's own country (an
    organisation's being the place its name holds)."""
    home = region_of_person(ctx, visitor) if visitor.startswith("Person:") else visitor
    home = body_place(ctx, home) or home
    v, p = ctx.table.get(home) if home else None, ctx.table.get(place)
    if p is None or visitor == place or home == place:
        return True
    if p.type == "Organization" and " в " not in p.name and (seat := _seat(ctx, place)) is not None:
        # "Костанайская область → Костанайский аграрно-технический колледж": a body is where its name puts it
        # (not "Посольство России в Казахстане": an embassy is where "в" says)
        return _at_home(ctx, visitor, seat)
    if v is None:
        return False
    if p.type == "City" and p.region and v.key.endswith(":" + p.region):
        return True
    if v.type == "City" and v.region and p.key.endswith(":" + v.region):
        return True
    if v.type == "Country":  # a country is at home in each of its regions and cities
        return _country(ctx, p.key) == _country(ctx, v.key)
    return p.type == "Country" and _country(ctx, v.key) == _country(ctx, p.key)


def _seat(ctx: Context, org: str) -> str | None:
    """The place an organisation's name holds, by a place it names or a place adjective opening it, if the
    article names that place."""
    from coopgraph.ingest.places import place_key

    if (named := body_place(ctx, org)) is not None:
        return named
    spans = [(r.start, r.end) for r in ctx.refs if r.key == org]
    for dm in ctx.demonyms:
        if any(s <= dm.start < e for s, e in spans) and ctx.table.get(key := place_key(dm.place)) is not None:
            return key
    return None


def _public_body(ctx: Context, key: str) -> bool:
    """A ministry, department or committee of a government (offices.toml `public_bodies`)."""
    return ctx.table.entities[key].name.lower().startswith(offices().public_bodies)
