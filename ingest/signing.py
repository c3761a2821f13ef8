"""SIGNED, PARTY_TO and PARTICIPATED_IN: who signed which document, between whom, at which event."""
from __future__ import annotations

import re

from ingest.context import Context, Ref
from ingest.dates import find_date

_SIGN_LEMMAS = {"подписать", "подписание", "подписывать", "заключить", "подписанный", "заключение"}
_IN_FORCE = {"действовать", "реализовываться", "реализоваться"}
_EVENT_CUE = re.compile(r"\b(в рамках|на полях|во время|в ходе|на)\s*$", re.I)
_NOT_SIGNER_CUE = re.compile(r"(при участии|в присутствии|при поддержке|с участием)\s*[\w\s]{0,60}$", re.I)
_WE = re.compile(r"\b(мы|нами)\b", re.I)


def _signers(ctx: Context, k: int) -> list[Ref]:
    sent = ctx.sentences[k]
    out = []
    for r in ctx.refs_in(k, "Person"):
        if _NOT_SIGNER_CUE.search(ctx.text[sent.start:r.start]):
            continue
        if r.key not in [o.key for o in out]:
            out.append(r)
    return out


def _region_of_person(ctx: Context, person_key: str) -> str | None:
    for rel in ctx.relations.values():
        if rel.type == "HOLDS_POSITION" and rel.source_key == person_key:
            ent = ctx.table.get(rel.target_key)
            if ent is not None and ent.type in ("Region", "City"):
                return ent.key
    return None


def _refs_in_span(ctx: Context, start: int, end: int, *types: str) -> list[Ref]:
    return [r for r in ctx.refs if start <= r.start and r.end <= end and r.type in types]


def _subject_places(ctx: Context, k: int, verb_start: int) -> list[Ref]:
    """Places or bodies named before the signing verb as its subject: "Астрахань и Актау подписали"."""
    sent = ctx.sentences[k]
    left = ctx.text[sent.start:verb_start]
    m = re.search(r"([^,.;:]*)$", left)
    start = sent.start + (m.start(1) if m else 0)
    return [r for r in _refs_in_span(ctx, start, verb_start, "Region", "City", "Organization", "Country")
            if not re.search(r"\b(по данным|данным|сообщ\w+|пресс-служб\w*|портала)\b",
                             ctx.text[start:r.start], re.I)]


def _events_near(ctx: Context, k: int) -> list[str]:
    sent = ctx.sentences[k]
    out = []
    for r in ctx.refs_in(k, "Event"):
        if _EVENT_CUE.search(ctx.text[max(sent.start, r.start - 20):r.start]):
            out.append(r.key)
    return out


def extract_signing(ctx: Context) -> None:
    doc_events: dict[str, set[str]] = {}
    for k, sent in enumerate(ctx.sentences):
        lemmas = {t.lemma for t in sent.tokens}
        signing = bool(lemmas & _SIGN_LEMMAS)
        in_force = bool(lemmas & _IN_FORCE)
        if not (signing or in_force):
            continue
        docs = [d for d in ctx.documents if d.sent == k]
        if not docs and re.search(r"\bдокумент\w*\b", sent.text, re.I) and ctx.documents:
            prior = [d for d in ctx.documents if d.sent < k]
            docs = prior[-1:] if prior else []
        if not docs:
            continue
        verb = next((t for t in sent.tokens if t.lemma in _SIGN_LEMMAS | _IN_FORCE), sent.tokens[0])
        signers = _signers(ctx, k) if signing else []
        if signing and not signers and k > 0 and not _subject_places(ctx, k, verb.start):
            signers = [r for r in _signers(ctx, k - 1)]  # "В ходе встречи с X ... Для этого подписали ..."
        date = find_date(sent.text, ctx.published) if signing else None
        events = _events_near(ctx, k)
        for d in docs:
            doc = ctx.table.get(d.key)
            if doc is None:
                continue
            parties = _parties(ctx, k, d, signers, verb.start)
            for s in signers:
                ctx.relate("SIGNED", s.key, d.key, k, date=doc.signed or date)
            for p in parties:
                ctx.relate("PARTY_TO", p, d.key, k)
            doc_events.setdefault(d.key, set()).update(events)
            for e in events:
                for s in signers:
                    ctx.relate("PARTICIPATED_IN", s.key, e, k)
                for p in parties:
                    ctx.relate("PARTICIPATED_IN", p, e, k)
    _opened_events(ctx)


def _parties(ctx: Context, k: int, d, signers: list[Ref], verb_start: int) -> list[str]:
    parties: list[str] = []
    for start, end in d.between:
        parties += [r.key for r in _refs_in_span(ctx, start, end, "Region", "City", "Country", "Organization")]
    if not parties:
        parties += [r.key for r in _subject_places(ctx, k, verb_start) if r.start < verb_start]
    if not parties:
        parties += [p for s in signers if (p := _region_of_person(ctx, s.key))]
    if not parties and _WE.search(ctx.sentences[k].text) and ctx.home:
        parties.append(ctx.home)
    seen = []
    for p in parties:
        ent = ctx.table.get(p)
        if ent is not None and ent.type != "Country" or len(parties) == 1:
            if p not in seen:
                seen.append(p)
    return seen


_OPENED = {"открыть", "участвовать", "участие", "выступить", "посетить", "принять"}


def _opened_events(ctx: Context) -> None:
    """"форум открыли аким X и губернатор Y", "приняли участие в выставке": persons → Event."""
    for k, sent in enumerate(ctx.sentences):
        events = ctx.refs_in(k, "Event")
        if not events:
            continue
        lemmas = {t.lemma for t in sent.tokens}
        if not lemmas & {"открыть", "участвовать", "участие", "выступить"}:
            continue
        if re.search(r"\b(планир\w+|будут|будет|могли бы|приглаш\w+)\b", sent.text, re.I):
            continue
        for p in ctx.refs_in(k, "Person"):
            ctx.relate("PARTICIPATED_IN", p.key, events[0].key, k)
