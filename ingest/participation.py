"""PARTICIPATED_IN: who took part in a forum, exhibition or programme of events, and how it placed them."""

from __future__ import annotations

import re

from coopgraph.ingest.context import Context


def extract_participation(ctx: Context) -> None:
    _opened_events(ctx)


_OPENED = {"открыть", "участвовать", "участие", "выступить", "посетить", "принять"}
_TAKE_PART = {"участвовать", "участие", "участник", "участница"}
# "В нем приняли участие ...": the event is the one the previous sentence named
_EVENT_PRONOUN = re.compile(r"\b(?:в|во)\s+(н[её]м|ней|них)\b|\b(его|е[её]|их)\s+участник\w*", re.I)
_DELEGATIONS = re.compile(r"\b(делегаци\w+|представител\w+|делегат\w+)\s*$", re.I)


def _opened_events(ctx: Context) -> None:
    """ "форум открыли аким X и губернатор Y", "приняли участие в выставке": persons → Event;
    "в нём приняли участие делегации Актюбинской и Костанайской областей": regions → Event."""
    for k, sent in enumerate(ctx.sentences):
        events = ctx.refs_in(k, "Event")
        lemmas = {t.lemma for t in sent.tokens}
        if not events and lemmas & _TAKE_PART and _EVENT_PRONOUN.search(sent.text) and k > 0:
            events = ctx.refs_in(k - 1, "Event")[-1:]
        if not events:
            continue
        if not lemmas & {"открыть", "участвовать", "участие", "выступить", "участник"}:
            continue
        if re.search(r"\b(планир\w+|будут|будет|могли бы|приглаш\w+)\b", sent.text, re.I):
            continue
        for p in ctx.refs_in(k, "Person"):
            ctx.relate("PARTICIPATED_IN", p.key, events[0].key, k, rule="event.opened_person")
        if lemmas & _TAKE_PART:
            for key in _participant_places(ctx, k, events):
                ctx.relate("PARTICIPATED_IN", key, events[0].key, k, rule="event.delegations")


_LIST_HEADS = {"делегация", "представитель", "делегат"}
_LIST_NOUNS = {"область", "край", "республика"}


def _hangs_on_delegation(sent, start: int) -> bool:
    """Whether the place at `start` closes a list that hangs on "делегации" ("делегации Актюбинской,
    Западно-Казахстанской и Костанайской областей"): walk the tokens left of it, one step per token,
    over capitalised words, commas, "и" and region nouns. Token by token, so linear in the sentence
    (a regular expression over the raw left context backtracked exponentially on long ones)."""
    before = [t for t in sent.tokens if t.end <= start]
    for tok in reversed(before):
        if tok.lemma in _LIST_HEADS or tok.text.lower().startswith(("делегаци", "представител", "делегат")):
            return True
        if tok.text in {",", "и"} or tok.lemma in _LIST_NOUNS or tok.text[:1].isupper():
            continue
        return False
    return False


def _participant_places(ctx: Context, k: int, events) -> list[str]:
    """Regions named as the delegations taking part ("делегации X, Y и Z областей"), not places
    where something happens ("в Оренбурге") nor the words of the event's own name."""
    sent = ctx.sentences[k]
    inside = [(e.start, e.end) for e in ctx.refs if e.type == "Event"]
    out: list[str] = []
    for r in ctx.refs_in(k, "Region", "Country"):
        if any(s <= r.start < e for s, e in inside):
            continue
        if _hangs_on_delegation(sent, r.start) and r.key not in out:
            out.append(r.key)
    # "североказахстанская делегация приняла участие": the region behind the adjective
    from coopgraph.ingest.trade import demonym_key

    for dm in ctx.demonyms:
        if (
            sent.start <= dm.start < sent.end
            and dm.place.type == "Region"
            and re.match(r"\s+(делегаци\w+|представител\w+)", ctx.text[dm.end : dm.end + 20], re.I)
        ):
            key = demonym_key(ctx, dm)
            if key and key not in out:
                out.append(key)
    return out
