"""Several documents signed in one sentence, each between its own pair of parties: "Павлодарской и Омской,
Мангистауской и Астраханской ... областями подписаны межрегиональные документы" gives one document per pair."""

from __future__ import annotations

import re

from coopgraph.ingest.context import Context, Ref
from coopgraph.ingest.documents import DocMention
from coopgraph.ingest.frames import Argument, FrameMatch
from coopgraph.ingest.morph import inflect_word

# Adjectives that say how a document is judged, not what it is: no part of its name.
_JUDGING = {"важный", "новый", "ряд", "несколько", "соответствующий", "ключевой", "значимый", "целый", "очередной"}
_PLACE_NOUNS = {"область", "регион", "край", "город", "республика", "провинция"}
_SEPARATOR = re.compile(r"\s*(,|и)\s*")


def pair_documents(ctx: Context, m: FrameMatch) -> list[tuple[DocMention, list[str]]]:
    """(document, its two parties) for a plural document word ("документы", "соглашения") whose signers are
    places listed in pairs; nothing when the places do not pair up."""
    doc_args = [a for a in m.role("document") if a.head.feats.get("Number") == "Plur"]
    if not doc_args:
        return []
    pairs = _pairs(ctx, m)
    if len(pairs) < 2:
        return []
    head = doc_args[0]
    kind = _kind_of(ctx, m, head)
    words = [t for t in head_modifiers(head) if t.lemma not in _JUDGING]
    out = []
    for a, b in pairs:
        name = _name(ctx, kind, words, a, b)
        ent = ctx.table.add("Document", name, alias=ctx.text[head.tokens[0].start : head.tokens[-1].end], kind=kind)
        ctx.add_ref(ent, head.head.start, head.head.end)
        mention = DocMention(ent.key, m.sent, head.head.start, head.head.end)
        ctx.documents.append(mention)
        out.append((mention, [a.key, b.key]))
    return out


def head_modifiers(arg: Argument) -> list:
    return [t for t in arg.tokens if t.i < arg.head.i and t.pos == "ADJ"]


def _pairs(ctx: Context, m: FrameMatch) -> list[tuple[Ref, Ref]]:
    """The places listed right before the signers' head noun ("… Костанайской и Оренбургской областями"),
    a comma between pairs and "и" within each."""
    # "... областями подписаны", "подписаны между Павлодарской и Омской, ... областями" (however parsed)
    heads = [a.head for a in m.role("signer")] or [a.head for a in m.role("between")] or _after_between(ctx, m)
    if not heads:
        return []
    end = heads[0].end
    places = sorted((r for r in ctx.refs_in(m.sent, "Region", "City") if r.end <= end), key=lambda r: r.start)
    run: list[Ref] = []
    for r in reversed(places):
        gap = ctx.text[r.end : (run[0].start if run else heads[0].start)]
        if run and not _SEPARATOR.fullmatch(gap):
            break
        if not run and gap.strip():
            break
        run.insert(0, r)
    seps = [ctx.text[a.end : b.start].strip() for a, b in zip(run, run[1:])]
    if len(run) < 4 or len(run) % 2 or any(sep != ("и" if k % 2 == 0 else ",") for k, sep in enumerate(seps)):
        return []
    return [(run[k], run[k + 1]) for k in range(0, len(run), 2)]


def _after_between(ctx: Context, m: FrameMatch) -> list:
    """The plural place noun closing a "между" list: the parser scatters a long list of paired adjectives."""
    toks = ctx.sentences[m.sent].tokens
    at = next((k for k, t in enumerate(toks) if t.lemma == "между"), None)
    if at is None:
        return []
    noun = next((t for t in toks[at + 1 :] if t.pos == "NOUN"), None)
    return [noun] if noun is not None and noun.lemma in _PLACE_NOUNS and noun.feats.get("Number") == "Plur" else []


def _kind_of(ctx: Context, m: FrameMatch, head: Argument) -> str | None:
    """ "документы" names no kind: the kind the article last named before ("подписано 9 соглашений ...
    Также ... подписаны документы"); a kind word names its own."""
    if head.head.lemma != "документ":
        return head.head.lemma
    before = [d for d in ctx.documents if d.start < head.head.start]
    for d in reversed(before):
        kind = ctx.table.entities[d.key].kind if d.key in ctx.table.entities else None
        if kind:
            return kind
    return None


def _name(ctx: Context, kind: str | None, words: list, a: Ref, b: Ref) -> str:
    noun = kind or "документ"
    gender = "neut" if noun.endswith("ие") else "masc" if not noun.endswith("а") else "femn"
    adjectives = [inflect_word(t.text, {"nomn", "sing", gender}, ("ADJF",)) for t in words]
    name = " ".join([*adjectives, noun, _genitive_pair(ctx.table.entities[a.key].name, ctx.table.entities[b.key].name)])
    return name[:1].upper() + name[1:]


def _genitive_pair(a: str, b: str) -> str:
    """ "Павлодарская область", "Омская область" → "Павлодарской и Омской областей", as a text writes the pair."""
    adj_a, _, generic_a = a.partition(" ")
    adj_b, _, generic_b = b.partition(" ")
    if generic_a and generic_a == generic_b and " " not in generic_a:
        generic = inflect_word(generic_a, {"gent", "plur"}, ("NOUN",))
        return f"{_gent(adj_a)} и {_gent(adj_b)} {generic}"
    return " и ".join(" ".join(_gent(w) for w in name.split()) for name in (a, b))


def _gent(word: str) -> str:
    return inflect_word(word, {"gent", "sing"}, ("ADJF", "NOUN"))
