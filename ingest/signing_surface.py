"""Surface rules for SIGNED and PARTY_TO, for the sentences the signing frame (ingest/signing.py) cannot read."""

from __future__ import annotations

import re

from coopgraph.ingest.context import Context, Ref
from coopgraph.ingest.dates import find_date
from coopgraph.ingest.discourse import heads_of, locates_an_organisation, region_of_person
from coopgraph.ingest.documents import list_signed, planned_signing, states_result

_SIGN_LEMMAS = {
    "подписать",
    "подписание",
    "подписывать",
    "заключить",
    "подписанный",
    "заключение",
    "подпись",
    "скрепить",
}
_IN_FORCE = {
    "действовать",
    "реализовываться",
    "реализоваться",
    "продлить",
    "пролонгировать",
    "ратифицировать",
    "продлевать",
}
_EVENT_CUE = re.compile(r"\b((?:в\s+)?рамках|на полях|во время|в ходе|на)\s*$", re.I)
_NOT_SIGNER_CUE = re.compile(r"(при участии|в присутствии|при поддержке|с участием)\s*[\w\s]{0,60}$", re.I)
_WE = re.compile(r"\b(мы|нами)\b", re.I)
# "Стороны подписали", "главы регионов", "предприниматели двух областей": the article's two sides sign
BOTH_SIDES = re.compile(
    r"\b(стороны|(?:главы|руководители) (?:двух )?(?:регионов|областей)|регионы|обе стороны"
    # "Участники заседания подписали план", "делегации подписали": those of the meeting between the two
    r"|участники(?:\s+(?:встречи|заседания|переговоров))?|делегации"
    r"|(?:наши|обе|две)\s+области|(?:наши|оба|два)\s+региона?"  # "наши области подписали соглашение"
    r"|\w+ (?:двух|обеих|обоих) (?:регионов|областей)"
    # the agent of a passive: "соглашение, заключенное двумя регионами" ("сторонами" may be a contract's firms)
    r"|(?:двумя\s+|обеими\s+|обоими\s+)?(?:регионами|областями))"
    r"\s*(?:\w+\s+){0,2}$",
    re.I,
)


# "между учреждениями культуры Новосибирской и Павлодарской областей": bodies the text does not name are
# the parties, not the regions they are of (dev-223); one firm before its name ("туркестанская компания
# Туркестан Макта") is that firm. Firms of two regions together are the regions' business: "контрактов между
# предприятиями Минской и Карагандинской областей" makes the regions parties (dev-004).
GENERIC_BODIES = re.compile(
    r"\b(?:(?:учреждени|организаци|вуз|университет|школ|театр|музе|библиотек)\w*"
    r"|(?:компани|фирм|предприяти|хозяйств|производител)(?!ями\b|ям\b|ях\b|ами\b|ам\b|ах\b)\w*)"
    r"\s+(?:\w+\s+){0,3}$",
    re.I,
)
_HEADS_SIGN = re.compile(
    r"\b(главы|руководители|губернатор\s+и\s+аким|аким\s+и\s+губернатор)\s+"
    r"(?:(?:двух|обоих|этих)\s+)?(регионов|областей|сторон|\w+\s+и\s+\w+)?[^,.;:]{0,20}$",
    re.I,
)


def _signers(ctx: Context, k: int) -> list[Ref]:
    sent = ctx.sentences[k]
    out: list[Ref] = []
    for r in ctx.refs_in(k, "Person"):
        if _NOT_SIGNER_CUE.search(ctx.text[sent.start : r.start]):
            continue
        if r.key not in [o.key for o in out]:
            out.append(r)
    return out


SIGNING_BODIES = ("Region", "City", "Organization")  # what a signer signs for


def _refs_in_span(ctx: Context, start: int, end: int, *types: str) -> list[Ref]:
    return [r for r in ctx.refs if start <= r.start and r.end <= end and r.type in types]


def _subject_places(ctx: Context, k: int, verb_start: int) -> list[Ref]:
    """Places or bodies named before the signing verb as its subject: "Астрахань и Актау подписали"."""
    sent = ctx.sentences[k]
    left = ctx.text[sent.start : verb_start]
    m = re.search(r"([^,.;:]*)$", left)
    start = sent.start + (m.start(1) if m else 0)
    return [
        r
        for r in _refs_in_span(ctx, start, verb_start, "Region", "City", "Organization", "Country")
        if not re.search(r"\b(по данным|данным|сообщ\w+|пресс-служб\w*|портала)\b", ctx.text[start : r.start], re.I)
        and not re.search(r"\b(в|во|на|из|с|со|от|для|по|к|при)\s+$", ctx.text[max(start, r.start - 5) : r.start], re.I)
        and not _inside_org(ctx, r)
    ]


def _inside_org(ctx: Context, ref: Ref) -> bool:
    return ref.type != "Organization" and any(
        o.start <= ref.start and ref.end <= o.end for o in ctx.refs if o.type == "Organization"
    )


def events_near(ctx: Context, k: int) -> list[str]:
    """Events the sentence sets the scene with: "в рамках форума", "на полях выставки"."""
    sent = ctx.sentences[k]
    out = []
    for r in ctx.refs_in(k, "Event"):
        if _EVENT_CUE.search(ctx.text[max(sent.start, r.start - 20) : r.start]):
            out.append(r.key)
    return out


def _previous_docs(ctx: Context, k: int):
    """ "Документ подписали ...": the main (first) document of the nearest earlier sentence with one."""
    prior = [d for d in ctx.documents if d.sent < k and not d.basis]
    if not prior:
        return []
    last_sent = prior[-1].sent
    return [next(d for d in prior if d.sent == last_sent)]


def surface_signing(ctx: Context, skip: set[int], doc_events: dict[str, set[str]], actors: dict[str, set[str]]) -> None:
    """Every sentence with a signing or in-force word and a document, outside `skip` (read by the frame).
    `doc_events` and `actors` (document key → events it was signed at, its signers and parties) are added to."""
    for k, sent in enumerate(ctx.sentences):
        if k in skip:
            continue
        lemmas = {t.lemma for t in sent.tokens}
        signing = bool(lemmas & _SIGN_LEMMAS)
        in_force = bool(lemmas & _IN_FORCE)
        listed = list_signed(ctx, k) if not (signing or in_force) else None
        if listed is not None:
            _listed_signing(ctx, k, listed, doc_events, actors)
            continue
        if not (signing or in_force):
            # "Их главным итогом стал контракт между ...", "в рамках реализации меморандума между A и B"
            _between_named(ctx, k, "signing.result" if states_result(sent) else "signing.between", doc_events, actors)
            continue
        if not (signing or in_force) or planned_signing(sent):
            continue
        docs = [d for d in ctx.documents if d.sent == k and not d.basis]
        events = events_near(ctx, k)
        if not docs and (re.search(r"\bдокумент\w*\b", sent.text, re.I) or events):
            docs = _previous_docs(ctx, k)
        if not docs:
            continue
        verb = next((t for t in sent.tokens if t.lemma in _SIGN_LEMMAS | _IN_FORCE), sent.tokens[0])
        signers = _signers(ctx, k) if signing else []
        borrowed = False
        active = verb.pos == "VERB" and verb.feats.get("Voice") != "Pass" and verb.feats.get("VerbForm") == "Fin"
        if signing and not signers and k > 0 and active and not _subject_places(ctx, k, verb.start):
            signers = _signers(ctx, k - 1)  # "В ходе встречи с X ... Для этого подписали ..."
            borrowed = bool(signers)
        date = find_date(sent.text, ctx.published) if signing else None
        participle = verb.feats.get("VerbForm") == "Part"
        for d in docs:
            doc = ctx.table.get(d.key)
            if doc is None:
                continue
            if participle and _is_reference(ctx, d):
                continue  # "Новая карта — продолжение документа, подписанного в 2023": another document
            parties = _parties(ctx, k, d, signers, verb.start)
            if borrowed and len(parties) == 1:
                from coopgraph.ingest.trade import partner_of

                other = partner_of(ctx, parties[0])
                if other and other.startswith("Region:"):
                    parties.append(other)
            # the persons of a sentence the frame could not read only tell its sides: that they signed, the
            # text must say in a way the parse reads (spec clarification), or name them as the heads below
            if signing and not signers and _HEADS_SIGN.search(ctx.text[sent.start : verb.start]):
                # "Главы регионов подписали соглашение": the heads the article names for its parties
                for person in heads_of(ctx, parties):
                    ctx.relate("SIGNED", person, d.key, k, rule="signing.heads", date=doc.signed or date)
            for p in parties:
                ctx.relate("PARTY_TO", p, d.key, k, rule="signing.party")
            doc_events.setdefault(d.key, set()).update(events)
            actors.setdefault(d.key, set()).update(parties)


def _listed_signing(
    ctx: Context, k: int, intro: int, doc_events: dict[str, set[str]], actors: dict[str, set[str]]
) -> None:
    """ "Также на форуме были подписаны: • соглашение ... между A и B; • контракт на поставку форели ОсОО «X»
    для ТОО «Y»": each item's document, between the parties it names (its "между", the places in its
    genitive, else the organizations it names), signed where the introduction says."""
    events = events_near(ctx, intro) or events_near(ctx, k)
    for d in [d for d in ctx.documents if d.sent == k and not d.basis]:
        parties = _parties(ctx, k, d, [], ctx.sentences[k].start) if d.between else []
        if not parties:  # "план мероприятий Таласской и Жамбылской областей", "контракт ... ОсОО «X» для ТОО «Y»"
            named = ctx.refs_in(k, "Region", "City", "Country", "Organization")
            ends = [r.end for r in named if r.type == "Organization"]
            # "ООО «X» из города Ангрена": the place only locates the firm
            parties = keep_parties(
                ctx,
                [
                    r.key
                    for r in named
                    if not _inside_org(ctx, r)
                    and (r.type == "Organization" or not locates_an_organisation(ctx, r, ends))
                ],
            )
        _record_parties(ctx, k, d.key, parties, "signing.listed", events, doc_events, actors)


def _record_parties(
    ctx: Context,
    k: int,
    doc: str,
    parties: list[str],
    rule: str,
    events: list[str],
    doc_events: dict[str, set[str]],
    actors: dict[str, set[str]],
) -> None:
    for p in parties:
        ctx.relate("PARTY_TO", p, doc, k, rule=rule)
    doc_events.setdefault(doc, set()).update(events)
    actors.setdefault(doc, set()).update(parties)


def _between_named(
    ctx: Context, k: int, rule: str, doc_events: dict[str, set[str]], actors: dict[str, set[str]]
) -> None:
    """ "Их главным итогом стал контракт между ТОО «X» и ОАО «Y»", "в рамках реализации меморандума между A и
    B": a document in force that no verb says who signed; only the parties its own "между" names."""
    events = events_near(ctx, k)
    for d in [d for d in ctx.documents if d.sent == k and not d.basis and d.between]:
        parties = _parties(ctx, k, d, [], ctx.sentences[k].start)
        _record_parties(ctx, k, d.key, parties, rule, events, doc_events, actors)


def _is_reference(ctx: Context, d) -> bool:
    return any(r.via == "reference" and r.start == d.start for r in ctx.refs)


def relate_signers_at_events(ctx: Context, doc_events: dict[str, set[str]], actors: dict[str, set[str]]) -> None:
    """The signers and parties of a document signed at an event took part in it (spec), whichever sentence
    names the event ("В рамках форума состоялось подписание ... Документ подписали губернатор и аким")."""
    for doc, events in doc_events.items():
        for e in sorted(events, key=lambda e: (_event_sentence(ctx, e), e)):  # text order, whatever the hash seed
            for a in sorted(actors.get(doc, ())):
                ctx.relate("PARTICIPATED_IN", a, e, _event_sentence(ctx, e), rule="signing.at_event")


def _event_sentence(ctx: Context, event_key: str) -> int:
    return next((r.sent for r in ctx.refs if r.key == event_key), 0)


def _parties(ctx: Context, k: int, d, signers: list[Ref], verb_start: int) -> list[str]:
    parties: list[str] = []
    for start, end in d.between:
        parties += [
            r.key
            for r in _refs_in_span(ctx, start, end, "Region", "City", "Country", "Organization")
            if not _inside_org(ctx, r)
            # "с измирской компанией Ege Gıda": a firm's kind word before its name; before a place, the bodies of it
            and (r.type == "Organization" or not GENERIC_BODIES.search(ctx.text[start : r.start]))
        ]
    if not parties and d.between:
        from coopgraph.ingest.signing import both_sides_only, two_sides  # signing reads this module

        if all(both_sides_only(ctx.text[start:end]) for start, end in d.between):
            parties += two_sides(ctx)  # "Соглашение ... между регионами действует с 2013 года": the two
    if not parties:
        parties += [p for s in signers if (p := region_of_person(ctx, s.key, SIGNING_BODIES))]
    if not parties:
        parties += [r.key for r in _subject_places(ctx, k, verb_start) if r.start < verb_start]
    if (
        d.between
        and ctx.home
        and ctx.home not in parties
        and any(re.search(r"\bрегион\w*\b", ctx.text[s:e], re.I) for s, e in d.between)
    ):
        parties.append(ctx.home)  # "между правительством региона и ..." in a regional outlet
    if not parties and _WE.search(ctx.sentences[k].text) and ctx.home:
        parties.append(ctx.home)
    if not parties and BOTH_SIDES.search(ctx.text[ctx.sentences[k].start : verb_start]) and ctx.home:
        from coopgraph.ingest.trade import partner_of

        # "Стороны подписали", "Главы регионов подписали": the article's two parties
        parties += [p for p in (ctx.home, partner_of(ctx, ctx.home)) if p]
    return keep_parties(ctx, parties)


def keep_parties(ctx: Context, parties: list[str]) -> list[str]:
    """Each party once; not a country one of whose regions or cities is a party too (the region signs for
    its part of it: "Курганская область и Акмолинская область Казахстана")."""
    keys = list(dict.fromkeys(p for p in parties if ctx.table.get(p) is not None))
    countries = {ctx.table.entities[p].country for p in keys if ctx.table.entities[p].type != "Country"}
    return [
        p for p in keys if ctx.table.entities[p].type != "Country" or ctx.table.entities[p].country not in countries
    ]
