"""SIGNED and PARTY_TO: who signed which document and between whom; the signers at an event took part in it.

The signing frame (lexicons/frames_signing.toml) reads each signing predicate's arguments from the parse:
the document it governs, the signers (its subject, or the agent of a passive), a partner ("с X"), the
parties ("между X и Y"). Only the persons the text says signed are signers (spec clarification): people
present, people who opened a forum and a passive without its agent ("был подписан") give none; with two
documents in a sentence each signer belongs to the one his predicate governs. Sentences the parse gives no
signing predicate with a document fall back to surface rules over the sentence (ingest/signing_surface.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coopgraph.ingest.context import Context, Ref
from coopgraph.ingest.dates import find_date
from coopgraph.ingest.discourse import (
    HEAD_COUNTRY,
    HEAD_SYNONYMS,
    counterpart,
    focus_region,
    of_a_region_word,
    refs_at,
    region_of_person,
    resolve,
    speaker_place,
    unnamed_region,
)
from coopgraph.ingest.discourse import words as discourse_words
from coopgraph.ingest.document_pairs import pair_documents
from coopgraph.ingest.documents import DocMention, gapped_firm, planned_signing
from coopgraph.ingest.frames import Argument, FrameMatch, find_frames, refs_in_tokens, tree_of
from coopgraph.ingest.morph import parses
from coopgraph.ingest.nlp import Token
from coopgraph.ingest.org_names import org_lexicon
from coopgraph.ingest.signing_surface import (
    BOTH_SIDES,
    GENERIC_BODIES,
    SIGNING_BODIES,
    events_near,
    heads_of,
    keep_parties,
    relate_signers_at_events,
    surface_signing,
)

_DOC_WORDS = {"документ", "соглашение", "меморандум", "договор", "контракт", "протокол", "карта", "план"}
_DOC_PRONOUNS = {"он", "она", "оно"}
_NOT_SIGNER = re.compile(r"(при участии|в присутствии|при поддержке|с участием)", re.I)


@dataclass
class Signing:
    """One signing predicate with what it says: its documents, signers and parties."""

    sent: int
    docs: list[DocMention]
    basis: list[DocMention] = field(default_factory=list)  # documents named as the basis of those signed
    signers: list[Ref] = field(default_factory=list)
    parties: dict[str, list[str]] = field(default_factory=dict)  # document key -> its parties
    events: list[str] = field(default_factory=list)
    signing: bool = True  # signed or concluded (not only extended or ratified): signers and a date
    guessed: set[str] = field(default_factory=set)  # documents whose parties are the article's two sides
    stated: set[str] = field(default_factory=set)  # documents whose own "между" names their parties
    several: bool = False  # "Подписи под документами поставили ...": the documents named before, signer by signer
    by_doc: dict[str, list[Ref]] | None = None  # each document's own signers, when `several` split them


def extract_signing(ctx: Context) -> None:
    done: set[int] = set()
    signings: list[Signing] = []
    for m in find_frames(ctx, ("sign",)):
        if m.pred.lemma in ("поставить", "ставить"):
            signature = _signature_read(m)
            if signature is None:
                continue
            m = signature
        if not m.is_fact or planned_signing(ctx.sentences[m.sent]):
            done.add(m.sent)  # "планируют подписать": no fact, and no surface rule either
            continue
        signing = _read(ctx, m) or _read(ctx, _swapped(m))
        if signing is not None and (signing.signers or any(signing.parties.values()) or _says_who(ctx, m, signing)):
            signings.append(signing)
            signings += _gapped_objects(ctx, m, signing)
            done.add(m.sent)  # else the surface rules may find the sides in the sentences around
        elif signing is None and (sides := _sides_of_unnamed(ctx, m)):
            ctx.unnamed_signings.append((m.sent, sides))  # participation reads them
            done.add(m.sent)
    # "Меморандум заключен в развитие ...": a document whose two parties another sentence names takes no guess;
    # nor does one a firm is named party to ("Контракт ... стороны заключили в июне. Документ подписали директор
    # ТОО «X» и ...": the sides of a firm's contract are firms, not the article's two regions)
    named = {d.key for sg in signings for d in sg.docs if d.key not in sg.guessed and _names_parties(sg, d.key)}
    for sg in signings:
        sg.parties = {key: [] if key in named and key in sg.guessed else sides for key, sides in sg.parties.items()}
    for sg in signings:
        if sg.several:
            _split_signers(ctx, sg, signings)
    if _headline(ctx):
        # "Бизнес Атырау и Татарстана подписал меморандум" over "меморандум между Союзом работодателей Атырауской
        # области и Союзом промышленников Татарстана": the body's "между" says who the headline's places stood for
        stated = {key for sg in signings if sg.sent > 0 for key in sg.stated}
        for sg in signings if stated else []:
            if sg.sent == 0:
                sg.parties = {key: [] if key in stated else sides for key, sides in sg.parties.items()}
    doc_events: dict[str, set[str]] = {}
    actors: dict[str, set[str]] = {}
    for signing in signings:
        _relate(ctx, signing)
        for d in signing.docs:
            doc_events.setdefault(d.key, set()).update(signing.events)
            actors.setdefault(d.key, set()).update([r.key for r in signing.signers] + signing.parties.get(d.key, []))
    _gapped_signings(ctx, {sg.sent for sg in signings})
    surface_signing(ctx, done, doc_events, actors)
    relate_signers_at_events(ctx, doc_events, actors)
    _drop_unused_basis(ctx)
    _fold_headline_kind(ctx)


def _sides_of_unnamed(ctx: Context, m: FrameMatch) -> list[str]:
    """ "важные межрегиональные документы заключены между областью Абай и Алтайским краем, ...": the sides
    between which documents the article does not name were signed."""
    heads = [a.head for a in m.role("document")]
    if not _described_plural(ctx, m.sent, heads):
        return []
    return list(
        dict.fromkeys(
            r.key for a in m.role("between") for r in _party_refs(ctx, m.sent, a.tokens[0].start, a.tokens[-1].end)
        )
    )


def _gapped_signings(ctx: Context, signed: set[int]) -> None:
    """A gapped clause's document, in a sentence a signing frame read: the firm before the dash and the firms its
    own clause names after it ("для АО «C»", "с ООО «D»") are its parties."""
    for d in ctx.documents:
        for r in _gapped_clause_refs(ctx, d) if d.sent in signed else []:
            ctx.relate("PARTY_TO", r.key, d.key, d.sent, rule="signing.gapped")


def _gapped_clause_refs(ctx: Context, d: DocMention) -> list[Ref]:
    """The firms of the gapped clause document d opens: the one before the dash, those after d in its clause."""
    span = gapped_firm(ctx, d.sent, d.start)
    if span is None:
        return []
    sent = ctx.sentences[d.sent]
    clause_end = next((m.start() for m in re.finditer(r"[,;]\s*(?:а|и)\s", ctx.text[d.end : sent.end])), None)
    end = d.end + clause_end if clause_end is not None else sent.end
    return [r for r in ctx.refs_in(d.sent, "Organization") if span[0] <= r.start < span[1] or d.end <= r.start < end]


# "Соглашение подписали аким X и губернатор Y, меморандум – директор A и президент B": a document after a comma,
# then a dash and the persons who signed it, is a gapped clause of the same verb
_GAPPED_OBJECT_BEFORE = re.compile(r"[,;]\s*(?:а\s+)?(?:под\s+)?$")  # "..., под меморандумом – ректоры вузов"
_GAPPED_OBJECT_AFTER = re.compile(r"^\s*[–—-]\s")


def _gapped_objects(ctx: Context, m: FrameMatch, signing: Signing) -> list[Signing]:
    """Each gapped clause's document as a signing of its own: the signers after it and the bodies they sign for
    (or, with no one named, the places the clause names). The verb's signing gives that document up, with those
    signers and those parties its own signers and "между" do not give it."""
    if not signing.signing or signing.by_doc is not None:
        return []
    out = []
    sent_end = ctx.sentences[m.sent].end
    for d in [d for d in ctx.documents if d.sent == m.sent and d.start > m.pred.end]:
        if not (
            _GAPPED_OBJECT_BEFORE.search(ctx.text[m.pred.end : d.start])
            and _GAPPED_OBJECT_AFTER.match(ctx.text[d.end : sent_end])
        ):
            continue
        if any(x.key == d.key and x.start < m.pred.start for x in signing.docs):
            continue  # the verb's own document named again
        theirs = [r for r in signing.signers if r.start > d.end]
        signing.signers = [r for r in signing.signers if r.start < d.start]
        signing.docs = [x for x in signing.docs if x.key != d.key]
        bodies = [b for r in theirs if (b := _signs_for(ctx, r))]
        if not theirs:  # "договор о побратимстве – мэры Петропавловска и Кургана": the places the clause names
            end = min([x.start for x in ctx.documents if x.sent == m.sent and x.start > d.end] + [sent_end])
            bodies = [r.key for r in _party_refs(ctx, m.sent, d.end, end)]
        ours = {b for r in signing.signers if (b := _signs_for(ctx, r))}
        signing.parties = {
            key: [p for p in sides if p in ours or p not in bodies or key in signing.stated]
            for key, sides in signing.parties.items()
        }
        out.append(
            Signing(m.sent, [d], signers=theirs, parties={d.key: keep_parties(ctx, list(dict.fromkeys(bodies)))})
        )
    return out


def _signature_read(m: FrameMatch) -> FrameMatch | None:
    """ "поставили подписи": a signing only with "подпись" its object. "Подписи под ним поставили директора X и Y":
    the parser can take the inanimate "подписи" for the subject and the signers for the object; read it back."""
    if any(a.head.lemma == "подпись" for a in m.role("signature")):
        return m
    if not any(a.head.lemma == "подпись" for a in m.role("signer")):
        return None
    return _reroled(m, "signer", "signature")


def _swapped(m: FrameMatch) -> FrameMatch:
    """ "Соглашение подписали Омская и Павлодарская области": the parser reads the inanimate object that opens
    the sentence as the subject (their nominative and accusative agree); read it the other way round."""
    return _reroled(m, "signer", "document")


def _reroled(m: FrameMatch, one: str, other: str) -> FrameMatch:
    swap = {one: other, other: one}
    args = [Argument(swap.get(a.role, a.role), a.shape, a.head, a.tokens, a.refs) for a in m.args]
    return FrameMatch(m.frame, m.sent, m.pred, m.predicate, args, m.plan, m.negated, m.light_verb)


def _says_who(ctx: Context, m: FrameMatch, s: Signing) -> bool:
    """The sentence names who signed, if not by name ("представители компаний подписали"), or between whom:
    the surface rules would only guess from the other names around."""
    return bool(s.docs[0].between or _signer_args(ctx, m))


def _read(ctx: Context, m: FrameMatch) -> Signing | None:
    signing = _read_all(ctx, m)
    # "ТОО «A» подписало контракт ..., а ТОО «B» – контракт ...": the gapped clause's document and firms are
    # its own (_gapped_signings), not this verb's
    gapped = (
        [d for d in ctx.documents if d.sent == m.sent and gapped_firm(ctx, d.sent, d.start) is not None]
        if signing
        else []
    )
    if signing is None or not gapped:
        return signing
    signing.docs = [d for d in signing.docs if d not in gapped]
    theirs = {r.key for d in gapped for r in _gapped_clause_refs(ctx, d)}
    signing.parties = {key: [p for p in sides if p not in theirs] for key, sides in signing.parties.items()}
    return signing if signing.docs else None


def _read_all(ctx: Context, m: FrameMatch) -> Signing | None:
    pairs = pair_documents(ctx, m)
    if pairs:
        return Signing(m.sent, [d for d, _ in pairs], parties={d.key: sides for d, sides in pairs})
    docs, basis = _documents(ctx, m)
    if not docs:
        return None
    in_force = m.pred.lemma in _IN_FORCE
    if in_force and not any(a.head.lemma == "сила" for a in m.role("force")):
        return None  # "вступил в ассоциацию": no document's force
    signing = Signing(m.sent, docs, basis, signing=m.pred.lemma not in _NOT_SIGNED and not _one_sides_act(m))
    signing.several = len(docs) > 1 and all(d.sent < m.sent for d in docs)  # read by _several_before
    by_position = not _governed(ctx, m) and _qualified(ctx, m) in docs
    if not by_position:
        signers = _signers(ctx, m)
        if all(r.via == "office" for r in signers):
            # an office resolved by the discourse alone ("хоким" with his name hung elsewhere): what follows the
            # predicate may name the signers outright
            signers += [r for r in _postposed_signers(ctx, m, docs + basis) if r.key not in {o.key for o in signers}]
        signing.signers = signers
    # else a participle qualifying a document named before it ("в рамках соглашения, подписанного в 2019 году
    # ..."): background, whose agent the parse cannot be trusted to give (it hangs the main clause's persons on
    # it); its parties still count
    signing.parties = _parties(ctx, m, signing)
    signing.events = list(dict.fromkeys([r.key for a in m.role("event") for r in a.refs if r.type == "Event"]))
    signing.events += [e for e in events_near(ctx, m.sent) if e not in signing.events]
    return signing


def _split_signers(ctx: Context, sg: Signing, signings: list[Signing]) -> None:
    """ "Меморандум подписали университеты, соглашение – палаты. Подписи под документами поставили ректор A,
    ректор B, директор палаты C и президент ТПП D": each signer signed the documents his body is a party to
    (all of them when it is party to none) and those whose parties are not known; he adds no party to a document
    whose parties were named."""
    known: dict[str, set[str]] = {}
    for other in signings:
        if other is not sg:
            for key, sides in other.parties.items():
                known.setdefault(key, set()).update(sides)
    sg.by_doc = {}
    for r in sg.signers:
        body = _signs_for(ctx, r)
        mine = [d.key for d in sg.docs if body is not None and body in known.get(d.key, set())]
        for d in sg.docs:
            if d.key in mine or not mine or not known.get(d.key):
                sg.by_doc.setdefault(d.key, []).append(r)
    sg.parties = {key: [] if known.get(key) else sides for key, sides in sg.parties.items()}


def _relate(ctx: Context, s: Signing) -> None:
    date = find_date(ctx.sentences[s.sent].text, ctx.published) if s.signing else None
    for b in s.basis:  # a basis document gets the parties its own "между" names, and no signers
        for p in s.parties.get(b.key, []):
            ctx.relate("PARTY_TO", p, b.key, s.sent, rule="frame:sign.basis")
    for d in s.docs:
        doc = ctx.table.entities[d.key]
        signers = s.by_doc.get(d.key, []) if s.by_doc is not None else s.signers
        for person in signers if s.signing else []:  # "продлил соглашение": no signature stated
            ctx.relate("SIGNED", person.key, d.key, s.sent, rule="frame:sign", date=doc.signed or date)
        for p in s.parties.get(d.key, []):
            ctx.relate("PARTY_TO", p, d.key, s.sent, rule="frame:sign.party")


# ---------------------------------------------------------------- the documents a predicate governs


def _documents(ctx: Context, m: FrameMatch) -> tuple[list[DocMention], list[DocMention]]:
    """The documents in the predicate's document phrase (the first of each phrase is signed, the ones named
    in its description are its basis), or, for "документ" / a bare kind word, the document named before."""
    here = [d for d in ctx.documents if d.sent == m.sent]
    mentions = _governed(ctx, m)
    # a document named in another's description ("план по реализации Соглашения ... между X и Y") is its
    # basis, wherever the parse attached it
    mentions += [d for d in here if d not in mentions and any(_inside(ctx, d, o) for o in mentions)]
    if mentions:
        nested = [d for d in mentions if any(_inside(ctx, d, o) for o in mentions if o is not d)]
        return _unique([d for d in mentions if d not in nested]), _unique(nested)
    qualified = _qualified(ctx, m)
    if qualified is not None:
        return [qualified], []
    # the signature's own "под документом" / "под ним", wherever the parse hung it
    heads = [a.head for a in m.role("document")] + [t for a in m.role("signature") for t in a.tokens]
    if any(t.lemma in _DOC_WORDS or t.pos == "PRON" and t.lemma in _DOC_PRONOUNS for t in heads):
        pronoun = any(t.pos == "PRON" and t.lemma in _DOC_PRONOUNS for t in heads)
        # "Документ подписали", "Подписи под ним"; "контракт" after a memorandum is another document
        kinds = {t.lemma for t in heads if t.lemma in _DOC_WORDS} - {"документ"}
        # "Итог — соглашение о ...: документ подписали X и Y": the one the sentence named before its colon
        here = [
            d
            for d in ctx.documents
            if d.sent == m.sent and not d.basis and re.search(r"[:;]", ctx.text[d.end : min(t.start for t in heads)])
        ]
        # "Второй документ – меморандум о сотрудничестве в сфере образования – подписали ...": the one set off
        # by a dash right after the word
        here += [
            d
            for d in ctx.documents
            if d.sent == m.sent and any(re.fullmatch(r"\s*[–—-]\s*", ctx.text[t.end : d.start]) for t in heads)
        ]
        nth = _ordinal_document(ctx, tree_of(ctx, m.sent), m.sent, heads)
        if nth is not None:
            return [nth], []
        if not here and not pronoun and _described_plural(ctx, m.sent, heads):
            return [], []  # "важные межрегиональные документы заключены между ...": others, not those named
        if not here and not pronoun and (several := _several_before(ctx, m.sent, heads)):
            return several, []
        prior = _previous(ctx, m.sent, m.pred.start if pronoun else -1) if pronoun or not here else here[-1:]
        return [d for d in prior if not kinds or _kind_word(ctx, d) in kinds], []
    # "Меморандум о ... скрепили подписями X и Y": the document the sentence opens with, which the parser left
    # hanging on nothing the predicate governs
    opening = [d for d in here if d.end <= m.pred.start and not d.basis]
    if opening and opening[0].start - ctx.sentences[m.sent].start <= 2 and not _verb_between(ctx, m, opening[0].end):
        return [opening[0]], []
    if m.role("signature") and not here:
        # "Итог – меморандум о побратимстве. Подписи поставили X и Y": signatures under no document named are
        # under the one just named
        return _previous(ctx, m.sent, -1), []
    return [], []


def _governed(ctx: Context, m: FrameMatch) -> list[DocMention]:
    """The documents named in the predicate's document (or signature) phrase."""
    spans = [(t.start, t.end) for a in m.role("document") + m.role("signature") for t in a.tokens]
    return [d for d in ctx.documents if d.sent == m.sent and any(s <= d.start < e for s, e in spans)]


def _is_participle(m: FrameMatch) -> bool:
    return m.pred.feats.get("VerbForm") == "Part"


def _qualified(ctx: Context, m: FrameMatch) -> DocMention | None:
    """ "в рамках соглашения о ..., подписанного в 2023 году ...": a participle set off by a comma right after a
    document's name qualifies that document, whatever noun of the name (or of the agent after it) the parser
    hung it on."""
    if not _is_participle(m):
        return None
    here = [d for d in ctx.documents if d.sent == m.sent]
    before = [d for d in here if d.end <= m.pred.start and re.fullmatch(r"\s*,\s*", ctx.text[d.end : m.pred.start])]
    # "контракт на поставку в СУАР 1,2 тыс. тонн рыбы, подписанный ...": the description ran on past the name
    before = before or [
        d
        for d in here
        if d.end <= m.pred.start
        and re.fullmatch(r"[^;:«»]{0,80},\s*", ctx.text[d.end : m.pred.start])
        and not any(
            t.feats.get("VerbForm") == "Fin" and d.end <= t.start < m.pred.start for t in ctx.sentences[m.sent].tokens
        )  # "замороженной рыбы": a participle in the description is no clause of its own
    ]
    return before[-1] if before else None


def _participle_agents(ctx: Context, m: FrameMatch) -> list[Ref]:
    """ "соглашения ..., подписанного в марте хокимиятом Ташкентской области и акиматом Туркестанской": the places
    and organisations of the agent of a participle that qualifies a document, from its first instrumental noun
    to the next comma or preposition (the parser hangs such agents on the main verb, or makes the participle
    theirs)."""
    if _qualified(ctx, m) is None:
        return []  # "Документ подписан в Таразе": a predicate, whose instrumentals are no agents
    after = [t for t in ctx.sentences[m.sent].tokens if t.start > m.pred.start]
    for prev, t in zip([m.pred] + after, after):
        if t.pos == "PUNCT" or t.pos == "VERB" and t.feats.get("VerbForm") == "Fin":
            return []
        # "подписанный ТОО «Balkhash Fish» с ...": a legal form does not decline, so it may be the instrumental
        legal = t.text in org_lexicon().legal_forms
        if prev.pos == "ADP" or not (
            legal or any(p.tag.POS == "NOUN" and p.tag.case == "ablt" for p in parses(t.text))
        ):
            continue
        end = next(
            (u.start for u in after if u.start > t.start and u.pos in ("PUNCT", "ADP") and u.text not in '«»"“”„'),
            ctx.sentences[m.sent].end,
        )
        return _party_refs(ctx, m.sent, t.start, end)
    return []


def _verb_between(ctx: Context, m: FrameMatch, start: int) -> bool:
    return any(
        t.pos in ("VERB", "AUX") and start <= t.start < m.pred.start and t.i != m.pred.i
        for t in ctx.sentences[m.sent].tokens
    )


# "План мероприятий на 2025–2027 годы по реализации Соглашения между ...": what the words after a
# document's own name say it implements is its basis, however far its description ran
_IMPLEMENTS = re.compile(
    r"(?:по\s+реализации|во\s+исполнение|в\s+развитие|в\s+рамках\s+реализации|на\s+основе|на\s+основании)\s+$",
    re.I,
)


def _inside(ctx: Context, d: DocMention, outer: DocMention) -> bool:
    """d is named in outer's description, or right after it as what outer implements."""
    if outer.start < d.start < outer.end:
        return True
    gap = ctx.text[outer.end : d.start]
    return outer.end <= d.start and len(gap) <= 60 and not re.search(r"[.;:]", gap) and bool(_IMPLEMENTS.search(gap))


def _unique(mentions: list[DocMention]) -> list[DocMention]:
    seen: dict[str, DocMention] = {}
    for d in mentions:
        seen.setdefault(d.key, d)
    return list(seen.values())


def _kind_word(ctx: Context, d: DocMention) -> str:
    """The noun a document's name opens with ("Дорожная карта ..." → "карта"), as `_DOC_WORDS` has it."""
    from coopgraph.ingest.morph import lemma

    words = [lemma(w.lower()) for w in ctx.table.entities[d.key].name.split()[:3]]
    return next((w for w in words if w in _DOC_WORDS), "")


_ORDINALS = {"первый": 0, "второй": 1, "третий": 2, "четвертый": 3, "четвёртый": 3, "пятый": 4, "последний": -1}


def _ordinal_document(ctx: Context, tree, k: int, heads: list) -> DocMention | None:
    """ "Первый документ подписали ...", "Третий документ – ...": the document that came that many into the
    article's list of documents named before (by first mention), not the one named last."""
    ordinals = [c.lemma for h in heads if h.lemma == "документ" for c in tree.children(h) if c.lemma in _ORDINALS]
    if not ordinals:
        return None
    first: dict[str, DocMention] = {}
    for d in ctx.documents:
        if d.sent < k and not d.basis and d.key not in first:
            first[d.key] = d
    listed = list(first.values())
    at = _ORDINALS[ordinals[0]]
    return listed[at] if -len(listed) <= at < len(listed) else None


def _described_plural(ctx: Context, k: int, heads: list[Token]) -> bool:
    """A plural document word with an adjective of its own names documents of its own."""
    tree = tree_of(ctx, k)
    return any(
        t.lemma in _DOC_WORDS
        and t.feats.get("Number") == "Plur"
        and any(c.rel == "amod" and c.pos == "ADJ" for c in tree.children(t))
        for t in heads
    )


def _several_before(ctx: Context, k: int, heads: list[Token]) -> list[DocMention]:
    """ "Документы подписали ...", "Подписи под документами поставили ...": a plural document word after two
    documents or more named in the two sentences before is all of them."""
    if not any(t.lemma in _DOC_WORDS and t.feats.get("Number") == "Plur" for t in heads):
        return []
    prior = _unique([d for d in ctx.documents if k - 2 <= d.sent < k and not d.basis])
    return prior if len({d.key for d in prior}) > 1 else []


def _previous(ctx: Context, k: int, before: int) -> list[DocMention]:
    """ "Документ подписали ...": the main (first) document of the nearest earlier sentence with one; "Меморандум
    заключили X и Y – подписи под ним поставили ...": by a pronoun, one named earlier in the same sentence."""
    here = [d for d in ctx.documents if d.sent == k and d.end <= before and not d.basis]
    if here:
        return here[-1:]
    prior = [d for d in ctx.documents if d.sent < k and not d.basis]
    if not prior:
        return []
    last = prior[-1].sent
    return [next(d for d in prior if d.sent == last)]


# ---------------------------------------------------------------- who signed, between whom


def _signers(ctx: Context, m: FrameMatch) -> list[Ref]:
    """The persons of the signer phrase, not those "в присутствии" of whom it was signed, nor those another
    finite verb separates from the predicate (the parser may hang a name on the next clause's subject). A
    name right before the predicate, after the signer phrase, is the phrase's too."""
    out: list[Ref] = []
    for a in _signer_args(ctx, m):
        if not a.tokens:
            continue
        # "оба руководителя", "руководители" with no one of their own: the heads the sentence before named
        both = a.head.lemma in HEAD_SYNONYMS and (
            any(t.lemma in ("оба", "обе", "два") for t in a.tokens)
            or a.head.feats.get("Number") == "Plur"
            and not a.refs
        )
        if (a.head.pos == "PRON" and a.head.lemma == "они" or both) and m.sent > 0:
            # "По итогам встречи они (оба руководителя) поставили подписи": the two the sentence before named
            out += [r for r in _met_before(ctx, m.sent - 1) if r.key not in [o.key for o in out]]
            continue
        if a.head.pos == "PRON" and a.head.lemma in ("я", "мы", "он", "она") or _office_only(ctx, m, a):
            # "— Мы вместе с акимом X подписали ...": the one interviewed, if the article is an interview; "Он и
            # аким X подписали ...": the person the pronoun stands for
            who = [p for p in resolve(ctx, tree_of(ctx, m.sent), m.sent, a).persons if p not in [o.key for o in out]]
            via = "name" if a.head.pos == "PRON" else "office"
            out += [Ref(p, "Person", m.sent, a.head.start, a.head.end, via=via) for p in who]
        first = a.tokens[0].start
        end = m.pred.start if a.tokens[0].start < m.pred.start else a.tokens[-1].end
        refs = a.refs + [r for r in ctx.refs_in(m.sent, "Person") if a.tokens[-1].end <= r.start < end]
        for r in refs:
            if r.type != "Person" or _NOT_SIGNER.search(ctx.text[first : r.start]) or _other_clause(ctx, m, r):
                continue
            if r.key not in [o.key for o in out]:
                out.append(r)
    if out or any(a.head.lemma == "мы" for a in _signer_args(ctx, m)):
        # "С Вадимом Шумковым мы подписали ...", "аким подписал с губернатором X соглашение": who signed with the
        # signers signed too
        out += [
            r for a in m.role("partner") for r in a.refs if r.type == "Person" and r.key not in [o.key for o in out]
        ]
    return out


def _office_only(ctx: Context, m: FrameMatch, a: Argument) -> bool:
    """ "председатель облисполкома и аким подписали", "глава региона и губернатор подписали": a signer named by his
    office alone, whom only the discourse says (`resolve`: the one holder of that office, or of two heads the one
    the other conjunct is not)."""
    tree = tree_of(ctx, m.sent)
    return any(
        (t.lemma in discourse_words().offices or t.lemma in HEAD_SYNONYMS and of_a_region_word(tree, t))
        and (t is a.head or t.rel == "conj")
        and not refs_at(ctx, m.sent, t)
        and not _named_in_phrase(ctx, tree, m.sent, t)
        and not _name_follows(ctx, m.sent, t)
        for t in a.tokens
    )


def _name_follows(ctx: Context, k: int, office: Token) -> bool:
    """ "губернатор Челябинской области Алексей Текслер": a name right after the office in the text, up to the
    next conjunction, comma or verb, is his, however the parser hung it."""
    tokens = ctx.sentences[k].tokens
    for t in tokens[tokens.index(office) + 1 :]:
        if t.pos in ("CCONJ", "VERB", "AUX") or t.text in (",", ";", ":", "."):
            return False
        if any(r.type == "Person" for r in refs_at(ctx, k, t)):
            return True
    return False


def _named_in_phrase(ctx: Context, tree, k: int, t: Token) -> bool:
    """A name in the office's own phrase ("председатель правления – ректор СКУ Ерлан Мухамеджанов"), not in the
    phrases of the persons coordinated with it."""
    kids = [c for c in tree.children(t) if c.rel not in ("conj", "cc", "punct")]
    return any(r.type == "Person" for c in kids for r in refs_at(ctx, k, c)) or any(
        _named_in_phrase(ctx, tree, k, c) for c in kids
    )


def _met_before(ctx: Context, k: int) -> list[Ref]:
    """ "X встретился с Y. По итогам встречи они подписали ...": "они" are the two to four persons the sentence
    before names (not those present "в присутствии")."""
    sent = ctx.sentences[k]
    persons = [r for r in ctx.refs_in(k, "Person") if not _NOT_SIGNER.search(ctx.text[sent.start : r.start])]
    unique = list({r.key: r for r in persons}.values())
    return unique if 2 <= len(unique) <= 4 else []


def _postposed_signers(ctx: Context, m: FrameMatch, docs: list[DocMention]) -> list[Ref]:
    """ "Под документом поставили подписи хоким X и аким Y", "Меморандум скрепили подписями аким X и мэр Y": the
    names after the predicate, in its clause, when the parse gave it no subject (it hangs them on "подписи")."""
    if (
        m.pred.feats.get("VerbForm") not in ("Fin", "Part")
        or m.role("signer")
        and any(r.type == "Person" for a in m.role("signer") for r in a.refs)
    ):
        return []
    out: list[Ref] = []
    # "соглашения, подписанного в 2019 году, аким X провел встречу": a participle's own clause ends at its comma
    ends = r"[;:,]" if _qualified(ctx, m) else r"[;:]"
    for r in ctx.refs_in(m.sent, "Person"):
        if r.start < m.pred.end or _other_clause(ctx, m, r) or any(d.start <= r.start < d.end for d in docs):
            continue
        between = ctx.text[m.pred.end : r.start]
        if _NOT_SIGNER.search(between) or re.search(ends + r"|\s(?:а|но|который|которая)\s", between):
            break
        if r.key not in [o.key for o in out]:
            out.append(r)
    return out


def _signer_args(ctx: Context, m: FrameMatch) -> list[Argument]:
    """The signer role, or the predicate's subject by its relation when the tagger gives the subject another
    case ("Хоким" read as an instrumental)."""
    if m.role("signer"):
        return m.role("signer")
    tree = tree_of(ctx, m.sent)
    subjects = [c for c in tree.children(m.pred) if c.rel == "nsubj"]
    phrases = [(c, tree.phrase(c)) for c in subjects]
    return [Argument("signer", "nom", c, ph, refs_in_tokens(ctx, m.sent, ph)) for c, ph in phrases]


def _other_clause(ctx: Context, m: FrameMatch, r: Ref) -> bool:
    """A finite verb stands between the mention and the predicate; a relative clause's does not part them ("ТОО
    «X», которое поставляет масло, подписало контракт")."""
    lo, hi = sorted((r.start, m.pred.start))
    return any(
        t.pos == "VERB"
        and t.feats.get("VerbForm") == "Fin"
        and lo < t.start < hi
        and t.i != m.pred.i
        and (m.light_verb is None or t.i != m.light_verb.i)  # "Стороной соглашения выступило ТОО «X»"
        and t.rel != "acl:relcl"
        for t in ctx.sentences[m.sent].tokens
    )


def _parties(ctx: Context, m: FrameMatch, s: Signing) -> dict[str, list[str]]:
    """Each document's parties: those its own "между" names, else the signers' sides and the partners."""
    partners = [
        r.key
        for a in m.role("between") + m.role("partner") + _inner_partners(ctx, m)
        for r in _party_refs(ctx, m.sent, a.tokens[0].start, a.tokens[-1].end)
    ]
    partners += [
        p for a in m.role("partner") + _inner_partners(ctx, m) if not a.refs and (p := counterpart(ctx, m.sent, a.head))
    ]
    own = [p for r in s.signers if (p := _signs_for(ctx, r))]
    if s.signers:  # "аким X и губернатор Иссык-Кульской области подписали": the unnamed one's place signs too
        own += [
            p
            for a in _signer_args(ctx, m)
            for p in resolve(ctx, tree_of(ctx, m.sent), m.sent, a).represented
            if p not in own
        ]
    for a in _signer_args(ctx, m) if not s.signers else []:
        own += [r.key for r in _in_clause(ctx, m, _subject_places(ctx, m.sent, a))]
        own += _unnamed_executives(ctx, m, a)
        if not own and not a.refs and not BOTH_SIDES.search(_phrase_text(ctx, a)):
            # "гродненцы подписали с акиматом ...", "гости подписали": the group's place signs; "павлодарские и
            # омские предприятия подписали контракты": companies named by their two places stand for them
            side = resolve(ctx, tree_of(ctx, m.sent), m.sent, a)
            # (of two places: of one, "восточноказахстанские компании заключили контракт", the firms are named
            # elsewhere, and the region is no party)
            collective = a.head.lemma in discourse_words().collectives and len(side.bodies) > 1
            own += [b for b in side.groups or (side.bodies if collective else []) if b.startswith(PLACE_KEYS)]
    if not own and s.signers:
        own = _signer_countries(ctx, s.signers)
    own += _our_side(ctx, m, own)
    if not own:
        own = _unnamed_heads(ctx, m)
    if not own and partners and all(p.startswith("Organization:") for p in partners):
        own = _speakers_body(ctx, m)
    if not own and _is_participle(m) and not _signer_args(ctx, m):
        # "контракт, подписанный ТОО «X» с китайским импортером": the agent signs, whoever it signed with
        own = [r.key for r in _participle_agents(ctx, m)]
    if not own and partners and not _signer_args(ctx, m):
        # "Подписаны меморандумы о сотрудничестве с Костанайской областью": with the article's other side
        sides = two_sides(ctx)
        own = [x for x in sides if x not in partners] if any(p in sides for p in partners) else []
    shared = own + [p for p in partners if p not in own]
    if not shared:
        shared = _two_bodies(ctx, m)  # "руководители двух университетов подписали": the two named before
    if not shared and (
        any(BOTH_SIDES.search(_phrase_text(ctx, a)) for a in m.role("signer")) or not _signer_args(ctx, m)
    ):
        shared = two_sides(ctx)  # "Стороны подписали", "был подписан меморандум": the article's two parties
        guess = bool(shared)
    else:
        guess = False
    out = {}
    for d in s.docs + s.basis:
        if d in s.basis and not d.between:
            continue
        between = _between(ctx, m, s, d, own)
        stated = d.between and (between or partners)
        # a "между" naming no one ("между палатами двух регионов") leaves the parties to the signers' bodies
        fallback = own if d.between else shared
        out[d.key] = keep_parties(ctx, between + [p for p in partners if p not in between] if stated else fallback)
        if between and len(out[d.key]) > 1 and d.key not in s.guessed:
            s.stated.add(d.key)
        if guess and not d.between:  # a document's own "между" names its parties, whatever the sentence's subject
            s.guessed.add(d.key)
    if not s.signers and s.signing and _heads_word(ctx, m):
        s.signers = [Ref(p, "Person", m.sent, 0, 0) for p in heads_of(ctx, out[s.docs[0].key])]
    return out


def _between(ctx: Context, m: FrameMatch, s: Signing, d: DocMention, own: list[str]) -> list[str]:
    """The parties document d's own "между" names, or the sides its words stand for."""
    between = [r.key for start, end in d.between for r in _party_refs(ctx, m.sent, start, end)]
    spans = [ctx.text[a:b] for a, b in d.between]
    if (
        spans
        and not between
        and (all(both_sides_only(t) for t in spans) or any(_BOTH_REGIONS_FIRMS.search(t) for t in spans))
    ):
        # "Между регионами подписано соглашение", "контракты между предпринимателями двух регионов": the
        # article's two (firms of two regions together are the regions' business, as in dev-004)
        between = two_sides(ctx)
        if between:
            s.guessed.add(d.key)
    elif spans and not between and len(own) > 1 and all(_plural_kind(t) for t in spans):
        between = own  # "директор палаты X и вице-президент ТПП Y подписали меморандум между палатами"
    elif ctx.home and any(_OUR_REGION.search(t) for t in spans):
        between.append(ctx.home)  # "между правительством региона и ..." in a regional outlet
    return between


# "между правительством региона и ...": the outlet's own region (not "между палатами двух регионов": both)
_OUR_REGION = re.compile(r"(?<!двух )(?<!обоих )\bрегион(?:а|у|ом|е|ы|ов|ам|ами|ах)?\b", re.I)
_BOTH_REGIONS_FIRMS = re.compile(
    r"\b(?:предпринимател|предприяти|компани|бизнес|производител)\w*\s+(?:двух|обоих|обеих)\s+(?:регион|област|стран)",
    re.I,
)


def _names_parties(signing: Signing, key: str) -> bool:
    parties = signing.parties.get(key, [])
    return len(parties) > 1 or bool(parties) and all(p.startswith("Organization:") for p in parties)


PLACE_KEYS = ("Region:", "City:", "Country:")
_IN_FORCE = ("вступить", "вступать")  # "вступил в силу меморандум": in force, nobody said to sign
_CARRIED_OUT = ("реализовать", "реализовывать", "выполнять", "исполнять")  # "области реализуют дорожную карту"
_ADOPTED = ("утвердить", "утверждать")  # "утвердили дорожную карту": parties, and nobody said to sign
_COOPERATING = ("сотрудничать", "взаимодействовать", "выстраивать", "выстроить", "развивать")  # "на основе соглашения"
_NOT_SIGNED = (
    ("продлить", "продлевать", "ратифицировать", "сторона") + _IN_FORCE + _CARRIED_OUT + _ADOPTED + _COOPERATING
)


# A state's or body's own act: "подписал закон о ратификации соглашения между Казахстаном и Россией" signs
# the law; the agreement it ratifies keeps its parties and gets no signer from it.
_ONE_SIDES_ACTS = ("закон", "указ", "постановление", "распоряжение", "приказ", "решение")


def _one_sides_act(m: FrameMatch) -> bool:
    return any(a.head.lemma in _ONE_SIDES_ACTS for a in m.role("document"))


def _our_side(ctx: Context, m: FrameMatch, own: list[str]) -> list[str]:
    """ "мы подписали" in the words of the region's head: the region of whoever the quote is attributed to,
    beside the one he signed with ("С Вадимом Шумковым мы ... подписали"); else the article's home."""
    if not ctx.home or not any(a.head.lemma in ("мы", "мой") for a in m.role("signer")):
        return []
    we = speaker_place(ctx, m.pred.start) or (None if own else ctx.home)
    return [we] if we and we not in own else []


def _speakers_body(ctx: Context, m: FrameMatch) -> list[str]:
    """ "Ректор университета X напомнил, что договор ... с университетом Y был заключен": the body of whoever
    tells of a document his side made with another body."""
    tree = tree_of(ctx, m.sent)
    verb = tree.parent(m.pred) if m.pred.rel == "ccomp" else None
    subjects = [c for c in tree.children(verb) if c.rel == "nsubj"] if verb is not None else []
    persons = [r.key for c in subjects for r in refs_in_tokens(ctx, m.sent, tree.phrase(c)) if r.type == "Person"]
    bodies = [b for p in persons[:1] if (b := region_of_person(ctx, p, ("Organization",)))]
    return bodies


def _signer_countries(ctx: Context, signers: list[Ref]) -> list[str]:
    """ "заместители премьер-министров Казахстана и Беларуси подписали протокол": signers who all hold offices of
    countries, two countries or more, sign for them (a country official beside a region's head does not)."""
    countries = [region_of_person(ctx, r.key, ("Country",)) for r in signers]
    if None in countries or len(set(countries)) < 2:
        return []
    return list(dict.fromkeys(c for c in countries if c))


def _signs_for(ctx: Context, signer: Ref) -> str | None:
    """The body or place a signer signs for: the organisation his title names, else his region."""
    return _signer_body(ctx, signer) or region_of_person(ctx, signer.key, SIGNING_BODIES)


def _signer_body(ctx: Context, signer: Ref) -> str | None:
    """ "подписали руководитель управления предпринимательства ВКО Даурен Сапаров и ...": a signer whose
    title names an organisation right before his name signs for it, not for the region it belongs to."""
    orgs = [
        r
        for r in ctx.refs_in(signer.sent, "Organization")
        if r.end <= signer.start and not ctx.text[r.end : signer.start].strip(' ,»"')
    ]
    return orgs[-1].key if orgs else None


_TWO = {"два", "две", "оба", "обе"}


def _two_bodies(ctx: Context, m: FrameMatch) -> list[str]:
    """ "руководители двух университетов", "ректоры обоих вузов": the last two organisations named before
    whose names have that noun (a "вуз" is a university, institute or academy)."""
    from coopgraph.ingest.org_names import name_lemmas, org_lexicon

    for a in m.role("signer"):
        for t in a.tokens:
            if t.lemma not in _TWO:
                continue
            noun = next((u for u in a.tokens if u.i == t.i + 1), None)
            if noun is None:
                continue
            heads = org_lexicon().heads_for(noun.lemma)
            found: list[str] = []
            for r in sorted(ctx.refs, key=lambda r: -r.start):
                if r.type != "Organization" or r.start >= m.pred.start or r.key in found:
                    continue
                if heads & name_lemmas(ctx, r.key):
                    found.append(r.key)
                if len(found) == 2:
                    return found
    return _firms_just_named(ctx, m)


_FIRM_PLURALS = frozenset({"компания", "предприятие", "фирма"})


def _firms_just_named(ctx: Context, m: FrameMatch) -> list[str]:
    """ "завод, созданный ТОО «A» совместно с ООО «B». Соглашение ... компании подписали в июле": a bare plural
    of firms signing is the two firms named in this sentence or the two before, when just two are."""
    args = m.role("signer")
    if len(args) != 1 or args[0].refs or len(args[0].tokens) != 1:
        return []
    head = args[0].head
    if head.lemma not in _FIRM_PLURALS or head.feats.get("Number") != "Plur":
        return []
    named = list(
        dict.fromkeys(
            r.key
            for r in ctx.refs
            if r.type == "Organization" and m.sent - 2 <= r.sent <= m.sent and r.start < m.pred.start
        )
    )
    return named if len(named) == 2 else []


_SIDES_ONLY = re.compile(r"(?:(?:двумя|обеими|нашими)\s+)?(?:регион|сторон|област|кра)[а-яё]*", re.I)


def _plural_kind(text: str) -> bool:
    """ "между палатами", "между университетами": one plural noun, the kind of the signers' bodies."""
    words = text.split()
    return len(words) == 1 and bool(re.fullmatch(r"[а-яё]+(?:ами|ями)", words[0].strip(",.;")))


def both_sides_only(text: str) -> bool:
    """ "между регионами", "между сторонами", "между двумя областями": no party named, the two sides meant."""
    return _SIDES_ONLY.fullmatch(text.strip()) is not None


def two_sides(ctx: Context) -> list[str]:
    """The article's home region and its partner across the border (else its second region); none unless both."""
    from coopgraph.ingest.trade import partner_of

    other = (partner_of(ctx, ctx.home) or ctx.partner or _city_across(ctx)) if ctx.home else None
    return [ctx.home, other] if ctx.home and other and other.startswith(("Region:", "City:")) else []


def _city_across(ctx: Context) -> str | None:
    """ "Делегация Минской области посетила Актобе": the first city named across the border from home, when
    the article names no region there."""
    from coopgraph.ingest.trade_sides import country_of

    home = country_of(ctx, ctx.home)
    return next((r.key for r in ctx.refs if r.type == "City" and country_of(ctx, r.key) not in (None, home)), None)


def _adjectives_from(tree, i: int) -> int:
    """Where the run of adjectives written right before token i starts (i itself when there is none)."""
    while i > 0 and tree.sent.tokens[i - 1].pos == "ADJ":
        i -= 1
    return i


def _with(tree, tok: Token) -> bool:
    """ "с" governs the noun: by the parse, or written right before it, over its adjectives (the parser can hang
    the preposition elsewhere: "договор ... с Таласским государственным университетом")."""
    if tree.preposition(tok) in ("с", "со"):
        return True
    start = _adjectives_from(tree, tok.i)
    before = tree.sent.tokens[start - 1] if start > 0 else None
    return before is not None and before.pos == "ADP" and before.lemma in ("с", "со")


def _inner_partners(ctx: Context, m: FrameMatch) -> list[Argument]:
    """ "подписал соглашение об установлении побратимских отношений с Павлодаром": a "с X" inside the
    document's phrase is the partner too."""
    tree = tree_of(ctx, m.sent)
    out = []
    for a in m.role("document"):
        for t in a.tokens:
            if t.feats.get("Case") == "Ins" and _with(tree, t) and t.i != a.head.i and t.pos in ("NOUN", "PROPN"):
                phrase = tree.phrase(t)
                # its adjectives, wherever the parser hung them
                phrase = tree.sent.tokens[_adjectives_from(tree, phrase[0].i) : phrase[0].i] + phrase
                out.append(Argument("partner", "с+ins", t, phrase, refs_in_tokens(ctx, m.sent, phrase)))
    return out


def _party_refs(ctx: Context, k: int, start: int, end: int) -> list[Ref]:
    refs = sorted(
        (r for r in ctx.refs_in(k, "Region", "City", "Country", "Organization") if start <= r.start < end),
        key=lambda r: r.start,
    )
    orgs = [r for r in refs if r.type == "Organization"]
    out = []
    for r in refs:
        if r.type != "Organization" and any(o.start <= r.start < o.end for o in orgs):
            continue
        before = max([start] + [q.end for q in orgs if q.end <= r.start])
        generic = GENERIC_BODIES.search(ctx.text[before : r.start])
        if r.type != "Organization" and generic and not _firms_of_places(generic.group(0), ctx.text[r.start : end]):
            continue  # "между учреждениями культуры Новосибирской ... областей"
        if any(0 <= r.start - q.end <= 1 for q in refs if q.type != "Organization"):
            continue  # a place right after another only locates it: "с Абайской областью Восточного Казахстана"
        out.append(r)
    return out


_FIRMS = re.compile(r"(?:компани|фирм|предприяти|производител)\w*", re.I)
_PLACES_PLURAL = re.compile(r"^[^.;:]{0,40}?\b(?:областей|регионов|краев|краёв|республик|стран)\b")


def _firms_of_places(generic: str, after: str) -> bool:
    """ "Предприятия Гомельской и Павлодарской областей подписали": firms of places in the plural are the places'
    firms, many of them, and the places the parties (a singular "компания" before a place names one firm)."""
    return _FIRMS.match(generic) is not None and _PLACES_PLURAL.search(after) is not None


_HEAD_COUNTRY = {**HEAD_COUNTRY, "председатель": "BY"}  # a signer: the oblast executive committee's


def _unnamed_executives(ctx: Context, m: FrameMatch, arg: Argument) -> list[str]:
    """ "Акимат области и ООО «X» подписали": an executive of a region the phrase does not name."""
    tree = tree_of(ctx, m.sent)
    execs = [t for t in arg.tokens if t.lemma in discourse_words().executives and not refs_at(ctx, m.sent, t)]
    return [key for t in execs if (key := unnamed_region(ctx, tree, t)) is not None]


def _unnamed_heads(ctx: Context, m: FrameMatch) -> list[str]:
    """ "Губернатор и аким подписали соглашение": the article's region of each head's country."""
    out = []
    for a in m.role("signer"):
        for t in a.tokens:
            country = _HEAD_COUNTRY.get(t.lemma)
            if country is None or a.refs:
                continue
            key = focus_region(ctx, country)
            if key and key not in out:
                out.append(key)
    return out if len(out) > 1 else []


def _subject_places(ctx: Context, k: int, arg: Argument) -> list[Ref]:
    """ "Омская и Павлодарская области подписали", "подписано Астраханью и Актау": the places that sign."""
    return [r for r in _party_refs(ctx, k, arg.tokens[0].start, arg.tokens[-1].end + 1) if r in arg.refs]


def _in_clause(ctx: Context, m: FrameMatch, refs: list[Ref]) -> list[Ref]:
    return [r for r in refs if not _other_clause(ctx, m, r)]


def _phrase_text(ctx: Context, a: Argument) -> str:
    return ctx.text[a.tokens[0].start : a.tokens[-1].end]


def _heads_word(ctx: Context, m: FrameMatch) -> bool:
    """ "Главы регионов подписали", "губернатор и аким подписали": the heads, not named here."""
    return any(_HEADS.search(_phrase_text(ctx, a)) for a in m.role("signer"))


_HEADS = re.compile(r"\b(главы|руководители|губернатор\w*\s+и\s+аким\w*|аким\w*\s+и\s+губернатор\w*)\b", re.I)


def _drop_unused_basis(ctx: Context) -> None:
    """A basis document is annotated only when its parties are named (spec): one that got none is dropped."""
    related = {r.target_key for r in ctx.relations.values()}
    keys = {d.key for d in ctx.documents}
    for key in keys - related:
        if all(d.basis for d in ctx.documents if d.key == key):
            ctx.table.entities.pop(key, None)
            ctx.refs[:] = [r for r in ctx.refs if r.key != key]
            ctx.documents[:] = [d for d in ctx.documents if d.key != key]


def _fold_headline_kind(ctx: Context) -> None:
    """ "Павлодар и Омск подписали соглашение" over a body that names one document, a plan: the headline's bare
    kind word means that document, not a second one (spec: a generic mention of a document the article names
    fully is that document). Its signers move to it; its parties only if the body gave it none."""
    if not _headline(ctx):
        return  # no headline: a first sentence of the body is a sentence like any other
    sents: dict[str, set[int]] = {}
    for d in ctx.documents:
        sents.setdefault(d.key, set()).add(d.sent)
    head = [key for key, ks in sents.items() if ks == {0} and len(ctx.table.entities[key].name.split()) == 1]
    body = [key for key, ks in sents.items() if ks - {0}]
    if len(head) != 1 or len(body) != 1:
        return
    drop, keep = head[0], body[0]
    has_parties = any(r.type == "PARTY_TO" and r.target_key == keep for r in ctx.relations.values())
    for ident, rel in list(ctx.relations.items()):
        if rel.target_key != drop:
            continue
        ctx.unrelate(ident)
        if rel.type == "SIGNED" or rel.type == "PARTY_TO" and not has_parties:
            ctx.relate(rel.type, rel.source_key, keep, ctx.sentence_of(rel.evidence.start), rule=rel.rule)
    ctx.table.entities.pop(drop, None)
    ctx.refs[:] = [r for r in ctx.refs if r.key != drop]
    ctx.documents[:] = [d for d in ctx.documents if d.key != drop]


def _headline(ctx: Context) -> bool:
    """The article's first sentence is a headline: a line of its own with no final stop."""
    first = ctx.sentences[0] if ctx.sentences else None
    return not (
        first is None
        or len(ctx.sentences) < 2
        or first.text.rstrip().endswith(".")
        or "\n" not in ctx.text[first.end :][:3]
    )
