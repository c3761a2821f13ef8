"""The one module that talks to natasha: text in, our own sentence/token/span records out."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from coopgraph.ingest.syntax_repair import (
    repair_accusative_names,
    repair_adjective_heads,
    repair_adjective_roots,
    repair_adjectives_across_punctuation,
    repair_adjectives_read_as_nouns,
    repair_agreeing_objects,
    repair_animate_objects,
    repair_arguments_hung_on_adjectives,
    repair_audiences_read_as_genitives,
    repair_caseless_nouns,
    repair_clauses,
    repair_conjoined_subjects,
    repair_conjuncts_past_relative_clauses,
    repair_converb_subjects,
    repair_coordinated_adjectives,
    repair_coordinated_place_adjectives,
    repair_copular_places,
    repair_counted_subjects,
    repair_counting_cycles,
    repair_crossing_conjuncts,
    repair_dashed_amounts,
    repair_dashed_firms,
    repair_dative_appositions,
    repair_direction_phrases,
    repair_disagreeing_adjectives,
    repair_double_subjects,
    repair_edition_numerals,
    repair_flow_destinations,
    repair_forward_jumps,
    repair_fronted_objects,
    repair_gapping,
    repair_genitive_indirect_objects,
    repair_genitive_subjects,
    repair_genitives_across_verbs,
    repair_genitives_hung_on_the_verb,
    repair_genitives_read_as_modifiers_of_the_next_noun,
    repair_instrumentals_on_places,
    repair_leading_participles,
    repair_legal_form_cases,
    repair_legal_form_recipients,
    repair_legal_form_subjects,
    repair_listed_among,
    repair_listed_firms,
    repair_meeting_places_on_offices,
    repair_misread_place_nouns,
    repair_modifiers_of_last_conjunct,
    repair_names_across_verbs,
    repair_names_on_the_office_they_agree_with,
    repair_names_read_as_modifiers,
    repair_nominative_conjuncts,
    repair_nominative_modifiers,
    repair_nominatives_conjoined_to_genitives,
    repair_noun_cycles,
    repair_nouns_read_as_modifiers_of_genitives,
    repair_object_subjects,
    repair_oblique_nouns_read_as_modifiers,
    repair_participle_asides,
    repair_passive_participles,
    repair_places_on_persons,
    repair_prepositional_conjuncts,
    repair_prepositions_hung_behind,
    repair_prepositions_on_modifiers,
    repair_prepositions_on_subjects,
    repair_quoted_names,
    repair_quoted_subjects,
    repair_relative_clause_roots,
    repair_relative_clauses_by_agreement,
    repair_relative_clauses_in_lists,
    repair_relative_clauses_on_later_nouns,
    repair_reported_speech,
    repair_rootless_sentences,
    repair_sealed_documents,
    repair_second_genitive_subjects,
    repair_second_objects,
    repair_self_heads,
    repair_setting_genitives,
    repair_short_participles_read_as_nouns,
    repair_split_conjuncts,
    repair_stolen_prepositions,
    repair_stray_objects,
    repair_subject_cases,
    repair_subject_cycles,
    repair_subjects_across_colons,
    repair_subjects_ending_objects,
    repair_subjects_read_as_objects,
    repair_subjects_tagged_oblique,
    repair_travel_destinations,
    repair_verbs_read_as_adjectives,
    repair_verbs_read_as_modifiers,
)


class Token:
    """One token of a sentence. `head`/`rel` come from the syntax parser, which runs only when
    some code first reads them: then over the token's sentence and the article's wanted ones."""

    __slots__ = ("i", "text", "start", "end", "lemma", "pos", "feats", "_head", "_rel", "_syntax", "_gap")

    def __init__(
        self,
        i: int,
        text: str,
        start: int,
        end: int,
        lemma: str,
        pos: str,
        feats: dict,
        head: int = -1,
        rel: str = "",
        syntax: _Owed | None = None,
    ):
        self.i = i  # index within the sentence
        self.text = text
        self.start = start  # character offsets in the parsed text
        self.end = end
        self.lemma = lemma
        self.pos = pos
        self.feats = feats
        self._head = head  # index of the syntactic head within the sentence, -1 for the root
        self._rel = rel
        self._syntax = syntax  # the parse still owed to this token's sentence
        self._gap = -1

    @property
    def head(self) -> int:
        if self._syntax is not None:
            self._syntax.resolve()
        return self._head

    @head.setter
    def head(self, value: int) -> None:
        if self._syntax is not None:
            self._syntax.resolve()
        self._head = value

    @property
    def gap(self) -> int:
        """For a dash that stands for the verb of the clause before (gapping: "из Омской – трубы"), that verb's
        index; else -1. Set by the parse's repairs."""
        if self._syntax is not None:
            self._syntax.resolve()
        return self._gap

    @property
    def rel(self) -> str:
        if self._syntax is not None:
            self._syntax.resolve()
        return self._rel

    @rel.setter
    def rel(self, value: str) -> None:
        if self._syntax is not None:
            self._syntax.resolve()
        self._rel = value

    def renumber(self, shift: int) -> None:
        """Move the token `shift` places on in its sentence (two sentences merged); the head follows."""
        self.i += shift
        if self._syntax is None and self._head >= 0:
            self._head += shift
        # an owed head is placed on resolve from the token's position then, so needs no shift now

    def __repr__(self) -> str:
        return (
            f"Token(i={self.i}, text={self.text!r}, start={self.start}, end={self.end}, "
            f"lemma={self.lemma!r}, pos={self.pos!r}, feats={self.feats!r})"
        )


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str
    tokens: list[Token]

    def children(self, i: int) -> list[Token]:
        return [t for t in self.tokens if t.head == i]


class NamedSpan:
    """A named entity natasha found. `normal` (natasha's normal form) is computed on first read:
    the rules normalise names themselves, so usually it never is."""

    __slots__ = ("type", "start", "end", "text", "_normal", "_doc_span", "_syntax")

    def __init__(
        self,
        type: str,
        start: int,
        end: int,
        text: str,
        normal: str | None = None,
        doc_span=None,
        syntax: _Owed | None = None,
    ):
        self.type = type  # PER, LOC, ORG
        self.start = start
        self.end = end
        self.text = text
        self._normal = normal
        self._doc_span = doc_span
        self._syntax = syntax

    @property
    def normal(self) -> str:
        if self._normal is None:
            if self._syntax is not None:
                self._syntax.resolve()  # natasha normalises organisation names along the syntax tree
            try:
                self._doc_span.normalize(load_models()["vocab"])
                self._normal = self._doc_span.normal or self.text
            except Exception:  # noqa: BLE001 - natasha's normaliser fails on odd token mixes; the raw text is still useful
                self._normal = self.text
            self._doc_span = self._syntax = None
        return self._normal

    def __repr__(self) -> str:
        return f"NamedSpan(type={self.type!r}, start={self.start}, end={self.end}, text={self.text!r})"


@dataclass(slots=True)
class Parsed:
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    spans: list[NamedSpan] = field(default_factory=list)
    syntax: _Syntax | None = None  # the parse still owed, if any


@lru_cache(maxsize=1)
def load_models():
    """Load natasha's models once per process (about a second)."""
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    emb = NewsEmbedding()
    models = {
        "segmenter": Segmenter(),
        "vocab": MorphVocab(),
        "morph": NewsMorphTagger(emb),
        "syntax": NewsSyntaxParser(emb),
        "ner": NewsNERTagger(emb),
    }
    for name in ("morph", "syntax", "ner"):
        _remember_words(models[name].infer.encoder)
        models[name].infer.model = _FirstLayerMemo(models[name].infer.model)
    return models


class _FirstLayerMemo:
    """A slovnet tagger's network with its first convolution read from memory: that layer is linear in each
    token's embedding (word vector + shape vector), so each word's product with the filters of every kernel
    offset is computed once and summed at its neighbours' positions. Two thirds of the network's arithmetic
    are that layer, and words recur within a text and across texts (on the dev texts, cold: a quarter of the
    token rows is computed). Same function as slovnet's forward pass (`Tag`/`Syntax.__call__`); sums are in
    another order, so a float may differ in its last bits."""

    SIZE = 16_384  # words kept per model (3 KB each); past that the older half is dropped

    def __init__(self, model):
        import numpy as np

        emb, first = model.emb, model.encoder.layers[0]
        weight = first.conv.weight.array  # filters x in x kernel
        filters, in_dim, self.kernel = weight.shape
        # per input dimension, the filters of each kernel offset side by side: in x (kernel * filters)
        by_input = weight.transpose(1, 2, 0).reshape(in_dim, self.kernel * filters)
        self.model, self.head, self.rel = model, model.head, getattr(model, "rel", None)
        # in float64: a word's row must not depend on which other words share its product (BLAS sums a
        # product's rows in an order that depends on its shape; in float32 the last bit of a row then changed
        # with the words missing beside it, and a near tie in a parse with what was tagged before)
        self.word_weight = by_input[: emb.word.dim].astype(np.float64)
        self.shape_rows = emb.shape.weight.array @ by_input[emb.word.dim :]
        self.padding, self.bias = first.conv.padding, first.conv.bias.array
        self.memo: dict[int, int] = {}  # word id -> its row in `rows`, oldest first
        # allocated once; pages the memo has not written take no memory
        self.rows = np.empty((self.SIZE, self.kernel * filters), dtype=weight.dtype)
        self.free = list(range(self.SIZE - 1, -1, -1))

    def _word_rows(self, word_ids):
        import numpy as np

        keys, inverse = np.unique(word_ids, return_inverse=True)
        keys = keys.tolist()
        memo = self.memo
        missing = [k for k in keys if k not in memo]
        if missing:
            fresh = (self.model.emb.word(np.array(missing)).astype(np.float64) @ self.word_weight).astype(
                self.rows.dtype
            )
            if len(missing) > len(self.free):  # the older half goes, but not a word this call reads
                kept = set(keys)
                self.free += [memo.pop(k) for k in [k for k in islice(memo, len(memo) // 2) if k not in kept]]
            if len(missing) > len(self.free):  # more new words in one call than the memo holds
                new = dict(zip(missing, fresh))
                return np.stack([new[k] if k in new else self.rows[memo[k]] for k in keys])[inverse]
            slots = [self.free.pop() for _ in missing]
            self.rows[slots] = fresh
            memo.update(zip(missing, slots))
        return self.rows[[memo[k] for k in keys]][inverse]

    def _first_layer(self, word_id, shape_id):
        batch, seq = word_id.shape
        rows = self._word_rows(word_id.ravel()) + self.shape_rows[shape_id.ravel()]
        rows = rows.reshape(batch, seq, self.kernel, -1)
        out = rows[:, :, self.padding].copy()
        for k in range(self.kernel):
            shift = k - self.padding  # the window at t reads the token at t + shift
            if shift:
                lo, hi = max(0, -shift), min(seq, seq - shift)
                out[:, lo:hi] += rows[:, lo + shift : hi + shift, k]
        return (out + self.bias).swapaxes(2, 1)  # batch x filters x seq, as slovnet's Conv1d

    def __call__(self, word_id, shape_id, pad_mask):
        from slovnet.exec.model import SyntaxPred

        layers = self.model.encoder.layers
        mask = pad_mask[:, None, :]
        x = layers[0].norm(layers[0].relu(self._first_layer(word_id, shape_id)))
        x[mask.repeat(x.shape[1], axis=1)] = 0
        for layer in layers[1:]:
            x = layer(x)
            x[mask.repeat(x.shape[1], axis=1)] = 0
        x = x.swapaxes(2, 1)
        if self.rel is None:
            return self.head(x)
        head_id = self.head(x)
        return SyntaxPred(head_id, self.rel(x, self.head.decode(head_id, ~pad_mask)))


def _remember_words(encoder) -> None:
    """slovnet encodes every word (its shape, its vocabulary ids) anew in every call of each tagger, and
    words recur: keep each word's ids. The same ids as before (a pure function of the word), bounded."""
    from slovnet.shape import word_shape

    words, shapes = encoder.words_vocab, encoder.shapes_vocab
    known: dict[str, tuple[int, int]] = {}

    def item(tokens: list[str]) -> tuple[list[int], list[int]]:
        word_ids, shape_ids = [], []
        for word in tokens:
            ids = known.get(word)
            if ids is None:
                if len(known) >= 200_000:
                    known.clear()
                ids = known[word] = (words.encode(word.lower()), shapes.encode(word_shape(word)))
            word_ids.append(ids[0])
            shape_ids.append(ids[1])
        return word_ids, shape_ids

    encoder.item = item  # an instance attribute: the encoder's own method stays as it is


_LEMMAS: dict[tuple, str] = {}  # (word, pos, feats) → lemma: words recur within and across articles


def _lemma(vocab, text: str, pos: str | None, feats: dict | None) -> str:
    key = (text, pos, tuple(feats.items()) if feats else ())
    lemma = _LEMMAS.get(key)
    if lemma is None:
        if len(_LEMMAS) >= 200_000:
            _LEMMAS.clear()  # a bound on memory over a long ingest; refilled from the words in use
        lemma = _LEMMAS[key] = (vocab.lemmatize(text, pos, feats) or text).lower()
    return lemma


def adapt_sentence(sent, vocab) -> Sentence:
    tokens = []
    opening = next((i for i, t in enumerate(sent.tokens) if t.text[:1].isalpha()), -1)
    for i, tok in enumerate(sent.tokens):
        pos, feats = _dictionary_pos(tok.text, tok.pos or "X", dict(tok.feats or {}))
        if i == opening and pos == "PROPN" and _common_noun(tok.text):
            pos = "NOUN"  # "– Комбикорм поступает в ...": a sentence's capital is no name's
        lemma = _lemma(vocab, tok.text, pos, feats)
        tokens.append(Token(i, tok.text, tok.start, tok.stop, lemma, pos, feats))
    return Sentence(start=sent.start, end=sent.stop, text=sent.text, tokens=tokens)


@lru_cache(maxsize=20_000)
def _common_noun(text: str) -> bool:
    """A capitalised word the dictionary knows only as a common noun: no name, place, organisation or guess."""
    from coopgraph.ingest.morph import parses

    ps = parses(text.lower())
    proper = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr", "UNKN"}
    return bool(ps) and all(p.tag.POS == "NOUN" and not proper & set(p.tag.grammemes) for p in ps)


_PAST = re.compile(r"[а-яё]{3,}(?:ли|ла|ло|л)$")
_PRESENT = re.compile(r"[а-яё]{3,}(?:ает|яет|ует|еет|ают|яют|уют|еют|ит|ят)$")
_REFLEXIVE_PRESENT = re.compile(r"[А-ЯЁа-яё][а-яё]{3,}(?:ются|ется|ится|ятся|утся|ются)$")
_NUMBER = {"sing": "Sing", "plur": "Plur"}


def _dictionary_pos(text: str, pos: str, feats: dict) -> tuple[str, dict]:
    """The tagger's part of speech, unless the dictionary knows the word only as another: "скрепили" tagged
    an adjective is a past verb, "хоким" tagged a verb a noun. The rules read verbs and nouns by their tags."""
    if pos not in ("ADJ", "NOUN", "X", "VERB", "ADV", "PROPN"):
        return pos, feats
    if pos == "VERB" and feats.get("VerbForm") == "Conv" and (participle := _participle(text)) is not None:
        return pos, feats | dict(participle)
    if pos == "VERB" and feats.get("VerbForm") == "Part" and _PAST.match(text):
        # "аким и губернатор скрепили подписями протокол": a past verb tagged a participle (with a case)
        past = _repaired_pos(text, "X")
        if past is not None:
            return past[0], dict(past[1])
    repaired = _repaired_pos(text, pos, feats.get("Case") if pos == "PROPN" else None)
    if repaired is None and pos == "NOUN" and feats.get("Number") == "Sing" and _plural_form(text):
        return pos, feats | {"Number": "Plur"}  # "включает ферросплавы": no singular is written so
    return (repaired[0], dict(repaired[1])) if repaired else (pos, feats)


@lru_cache(maxsize=20_000)
def _plural_form(text: str) -> bool:
    """Whether the dictionary reads the word only as a plural noun."""
    from coopgraph.ingest.morph import parses

    ps = [p for p in parses(text.lower()) if p.is_known]
    return bool(ps) and all(p.tag.POS == "NOUN" and p.tag.number == "plur" for p in ps)


_CASE = {"nomn": "Nom", "gent": "Gen", "accs": "Acc", "datv": "Dat", "ablt": "Ins", "loct": "Loc"}


@lru_cache(maxsize=10_000)
def _participle(text: str) -> tuple[tuple[str, str], ...] | None:
    """ "Китай, закупивший у омичей рапс": a full participle the tagger read as a verbal adverb (the dictionary
    knows the word only as a participle), with the case, number and gender of its first reading."""
    from coopgraph.ingest.morph import parses

    ps = parses(text.lower())
    if not ps or not all(p.tag.POS == "PRTF" for p in ps):
        return None
    tag = ps[0].tag
    found = {"VerbForm": "Part", "Case": _CASE.get(str(tag.case)), "Number": _NUMBER.get(str(tag.number))}
    return tuple((k, v) for k, v in found.items() if v)


def _case_allowed(ps: list, case: str | None) -> bool:
    """Whether some dictionary reading has the case the tagger gave ("Хоким" tagged locative has none)."""
    # (an office's word declines as a masculine noun: a fixed woman's surname reading allows any case)
    return case is None or any(_CASE.get(str(p.tag.case)) == case for p in ps if "Fixd" not in p.tag)


def _office_nouns() -> frozenset[str]:
    """The nouns of offices (frames.toml, [discourse] offices): "аким", "хоким", "раис"."""
    from coopgraph.ingest.discourse import words  # discourse reads the parse this module gives

    return words().offices


@lru_cache(maxsize=50_000)
def _repaired_pos(text: str, pos: str, case: str | None = None) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    from coopgraph.ingest.morph import parses

    if pos in ("ADJ", "NOUN", "X") and _PAST.match(text):
        ps = parses(text.lower())
        if ps and all(p.tag.POS == "VERB" and "past" in p.tag for p in ps):
            number = _NUMBER.get(str(ps[0].tag.number), "Sing")
            past = {"Mood": "Ind", "Number": number, "Tense": "Past", "VerbForm": "Fin", "Voice": "Act"}
            return "VERB", tuple(past.items())
    if pos in ("ADV", "X", "NOUN") and _REFLEXIVE_PRESENT.match(text) or pos == "ADJ" and _PRESENT.match(text):
        # "Экспортируются преимущественно пшеница ...": a passive present opening a sentence, tagged an adverb;
        # "АО «ССГПО» отгружает концентрат": a present tagged an adjective
        ps = parses(text.lower())
        if ps and all(p.tag.POS == "VERB" and "pres" in p.tag for p in ps):
            number = _NUMBER.get(str(ps[0].tag.number), "Sing")
            present = {"Mood": "Ind", "Number": number, "Person": "3", "Tense": "Pres", "VerbForm": "Fin"}
            voice = "Mid" if text.endswith(("ся", "сь")) else "Act"
            return "VERB", tuple((present | {"Voice": voice}).items())
    if pos in ("ADJ", "PROPN", "X"):
        # "Хоким Ферганской области Хайрулло Бозоров провел встречу": an office's noun in an adjective's ending
        # ("-им") the tagger read as an adjective (or a name, opening a sentence)
        ps = [p for p in parses(text.lower()) if p.tag.POS == "NOUN"]
        if ps and ps[0].normal_form in _office_nouns() and (pos != "PROPN" or not _case_allowed(ps, case)):
            found = (("Case", _CASE.get(str(ps[0].tag.case))), ("Number", _NUMBER.get(str(ps[0].tag.number))))
            return "NOUN", tuple((k, v) for k, v in found if v)
    if pos == "ADJ" and text[:1].islower():
        # "закупают у североказахстанцев зерно": a rare people's noun in an adjective's ending that the dictionary
        # reads as an animate noun and as no full adjective (a short one has no case to agree in)
        ps = parses(text.lower())
        if (
            ps
            and ps[0].tag.POS == "NOUN"
            and "anim" in ps[0].tag
            and not any(p.tag.POS in ("ADJF", "PRTF", "NUMR", "NPRO") for p in ps)
        ):
            found = (("Case", _CASE.get(str(ps[0].tag.case))), ("Number", _NUMBER.get(str(ps[0].tag.number))))
            return "NOUN", tuple((k, v) for k, v in found if v)
    if pos == "VERB" and text[:1].islower():
        ps = parses(text.lower())
        verbal = ("VERB", "INFN", "PRTF", "PRTS", "GRND")
        if ps and ps[0].tag.POS == "NOUN" and not any(p.tag.POS in verbal for p in ps):
            found = (("Case", _CASE.get(str(ps[0].tag.case))), ("Number", _NUMBER.get(str(ps[0].tag.number))))
            return "NOUN", tuple((k, v) for k, v in found if v)
        if ps and all(p.tag.POS == "ADJF" for p in ps if p.is_known) and any(p.is_known for p in ps):
            # "кожевенное сырье": an adjective the tagger read as a verbal adverb; its case is its noun's
            return "ADJ", ()
    return None


class _Syntax:
    """The syntax parse an article still owes, sentence by sentence. A sentence is parsed when code first
    reads one of its tokens' heads, in one batch with every other owed sentence marked `wanted` (those the
    rules will read): most sentences of a long article hold nothing the rules parse, and skip the parser."""

    __slots__ = ("pending", "wanted", "owed", "parsed")

    def __init__(self):
        # entry -> ([(natasha DocSent, its number in its line's Doc), ...], our tokens): one segment, or the
        # segments of a sentence parse_text joined again
        self.pending: dict[int, tuple[list, list[Token]]] = {}
        self.wanted: set[int] = set()
        self.owed = 0  # segments owed in all
        self.parsed = 0  # of them parsed so far

    def owe(self, sent, sent_id: int, ours: list[Token]) -> _Owed:
        key = self.owed
        self.owed += 1
        self.pending[key] = ([(sent, sent_id)], ours)
        return _Owed(self, key)

    def join(self, parts: list[_Owed]) -> None:
        """Segments parse_text joined into one sentence ("5 млн. долл. США", a quoted name with a full stop
        inside: «Иннопром. Центральная Азия») are parsed as one sentence, not each alone."""
        sents, ours = self.pending[parts[0].key]
        for part in parts[1:]:
            more_sents, more_ours = self.pending.pop(part.key)
            sents, ours = sents + more_sents, ours + more_ours
            part.key = parts[0].key
        self.pending[parts[0].key] = (sents, ours)

    def resolve(self, key: int) -> None:
        keys = sorted({key} | (self.wanted & self.pending.keys()))
        pending = [self.pending.pop(k) for k in keys if k in self.pending]
        if not pending:
            return
        self.parsed += sum(len(sents) for sents, _ in pending)
        chunk = [[t.text for sent, _ in sents for t in sent.tokens] for sents, _ in pending]
        for (sents, ours), markup in zip(pending, _map_by_length(load_models()["syntax"], chunk, CALL_COST["syntax"])):
            # natasha's own ids ("<segment>_<token>"), which its normaliser of names walks
            ids = [f"{sent_id}_{j + 1}" for sent, sent_id in sents for j in range(len(sent.tokens))]
            doc_tokens = [(t, sent_id) for sent, sent_id in sents for t in sent.tokens]
            for g, ((doc_tok, sent_id), src, tok) in enumerate(zip(doc_tokens, markup.tokens, ours)):
                head = int(src.head_id) - 1  # natasha numbers from 1, 0 is the root
                doc_tok.id = ids[g]
                doc_tok.head_id = ids[head] if head >= 0 else f"{sent_id}_0"
                doc_tok.rel = src.rel
                tok._head = head  # the sentence's own numbering: a joined one is parsed whole (`join`)
                tok._rel = src.rel or ""
                tok._syntax = None
            _repair(ours)


class _Owed:
    """One sentence's parse, still owed by its article's `_Syntax`."""

    __slots__ = ("syntax", "key")

    def __init__(self, syntax: _Syntax, key: int):
        self.syntax = syntax
        self.key = key

    def resolve(self) -> None:
        self.syntax.resolve(self.key)


# The parser's known misreadings mended (syntax_repair.py), in an order where each sees the last's work.
REPAIRS = (
    repair_reported_speech,
    repair_clauses,
    repair_rootless_sentences,
    repair_short_participles_read_as_nouns,
    repair_verbs_read_as_adjectives,
    repair_passive_participles,
    repair_self_heads,
    repair_prepositions_hung_behind,
    repair_edition_numerals,
    repair_subject_cycles,
    repair_crossing_conjuncts,
    repair_adjective_heads,
    repair_nouns_read_as_modifiers_of_genitives,
    repair_genitives_read_as_modifiers_of_the_next_noun,
    repair_genitives_hung_on_the_verb,
    repair_oblique_nouns_read_as_modifiers,
    repair_instrumentals_on_places,
    repair_coordinated_place_adjectives,
    repair_coordinated_adjectives,
    repair_subjects_tagged_oblique,
    repair_nominative_conjuncts,
    repair_nominatives_conjoined_to_genitives,
    repair_subjects_across_colons,
    repair_prepositional_conjuncts,
    repair_conjuncts_past_relative_clauses,
    repair_adjective_roots,
    repair_verbs_read_as_modifiers,
    repair_sealed_documents,
    repair_setting_genitives,
    repair_genitive_indirect_objects,
    repair_audiences_read_as_genitives,
    repair_disagreeing_adjectives,
    repair_adjectives_across_punctuation,
    repair_misread_place_nouns,
    repair_names_read_as_modifiers,
    repair_relative_clauses_on_later_nouns,
    repair_relative_clauses_by_agreement,
    repair_modifiers_of_last_conjunct,
    repair_relative_clauses_in_lists,
    repair_relative_clause_roots,
    repair_copular_places,
    repair_names_across_verbs,
    repair_places_on_persons,
    repair_accusative_names,
    repair_legal_form_cases,
    repair_caseless_nouns,
    repair_counted_subjects,
    repair_genitive_subjects,
    repair_second_genitive_subjects,
    repair_subject_cases,
    repair_subjects_ending_objects,
    repair_counting_cycles,
    repair_dashed_firms,
    repair_quoted_names,
    repair_quoted_subjects,
    repair_animate_objects,
    repair_meeting_places_on_offices,
    repair_dative_appositions,
    repair_names_on_the_office_they_agree_with,
    repair_listed_among,
    repair_converb_subjects,
    repair_conjoined_subjects,
    repair_stolen_prepositions,
    repair_prepositions_on_modifiers,
    repair_prepositions_on_subjects,
    repair_legal_form_subjects,
    repair_legal_form_recipients,
    repair_listed_firms,
    repair_nominative_modifiers,
    repair_stray_objects,
    repair_double_subjects,
    repair_fronted_objects,
    repair_object_subjects,
    repair_subjects_read_as_objects,
    repair_split_conjuncts,
    repair_agreeing_objects,
    repair_second_objects,
    repair_leading_participles,
    repair_participle_asides,
    repair_forward_jumps,
    repair_genitives_across_verbs,
    repair_direction_phrases,
    repair_travel_destinations,
    repair_flow_destinations,
    repair_dashed_amounts,
    repair_gapping,
    repair_noun_cycles,
    repair_adjectives_read_as_nouns,
    # "Туркестанская область отгружает ... цемент": the verb hung on its object, which repair_noun_cycles
    # hangs back on the verb; the cycle is rooted in the verb
    repair_rootless_sentences,
    repair_arguments_hung_on_adjectives,
    repair_subjects_read_as_objects,  # (of a verb so rooted: its subject was read as the object of the cycle)
)


def _repair(ours: list[Token]) -> None:
    for repair in REPAIRS:
        repair(ours)


# What one more call of a tagger costs, in padded input tokens (slovnet's models on one CPU core: a
# call ~0.5-1.5 ms, a token ~0.025-0.03 ms). _map_by_length trades calls against padding with them.
CALL_COST = {"morph": 20, "syntax": 55, "ner": 50}


def _map_by_length(tagger, items: list[list], call_cost: int) -> list:
    """`tagger.map(items)`, fed in order of length and cut into the batches that cost least: a batch
    is padded to its longest item, so a headline batched with long paragraphs costs as much as one,
    and every batch costs a call. Each item is tagged alone (padding is zero), so the batches change
    the cost, not the tags. Results in `items`' order."""
    sizes = [len(item) for item in items]
    order = sorted(range(len(items)), key=lambda k: sizes[k])
    out = [None] * len(items)
    start = 0
    for n in _batches([sizes[k] for k in order], call_cost, tagger.batch_size):
        batch = order[start : start + n]
        for k, markup in zip(batch, tagger.map([items[k] for k in batch])):
            out[k] = markup
        start += n
    return out


class _NerOverTokens:
    """slovnet's NER tokenizes each text it is given again (razdel, as the segmenter just did): given the
    segmenter's tokens of a line, it tags the same words, and a span runs from its first token's start to
    its last token's stop, as slovnet's own offsets would."""

    def __init__(self, tagger):
        self.infer = tagger.infer
        self.batch_size = tagger.batch_size

    def map(self, lines: list[list]):
        from slovnet.bio import bio_spans

        infer = self.infer
        tags = infer.decoder(infer.process(infer.encoder([[t.text for t in tokens] for tokens in lines])))
        for tokens, line_tags in zip(lines, tags):
            yield list(bio_spans(tokens, line_tags))


def _batches(sizes: list[int], call_cost: int, most: int) -> list[int]:
    """Cut ascending `sizes` into consecutive batches of at most `most` items whose calls and padded
    tokens (each batch padded to its last, longest item) cost least: the batch lengths, in order."""
    best = [0.0] + [float("inf")] * len(sizes)
    cut = [0] * (len(sizes) + 1)
    for j in range(1, len(sizes) + 1):
        for i in range(max(0, j - most), j):
            cost = best[i] + call_cost + sizes[j - 1] * (j - i)
            if cost < best[j]:
                best[j], cut[j] = cost, i
    lengths: list[int] = []
    j = len(sizes)
    while j > 0:
        lengths.append(j - cut[j])
        j = cut[j]
    return lengths[::-1]


def _blocks(text: str):
    """Lines of text with their offsets: a headline without a final stop is its own sentence."""
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            yield pos, line
        pos += len(line) + 1


_ABBREVIATION_END = re.compile(
    r"(?:\b(?:долл|млн|млрд|тыс|руб|им|г|гг|ул|обл|р-н|ст|см|т\.е|т\.д|т\.п|ок|пр|проф|акад|др|чел|кв|тенге)\.|"
    r"\b[А-ЯЁ]\.)\s*$"
)


# Units whose abbreviation can end a sentence: "составил $109,8 млн. Основу экспорта составляет ...". After one
# of them a capital opens the next sentence, unless it is the currency's country ("млн. долл. США").
_UNIT_END = re.compile(r"\b(?:долл|млн|млрд|тыс|руб|тенге|чел|кв)\.\s*$")


def _goes_on(prev: str, text: str) -> bool:
    """The text after an abbreviation's full stop continues its sentence."""
    if text[:1].isdigit():
        return False
    if _UNIT_END.search(prev) and text[:1].isupper():
        return text.startswith(("США", "РФ", "РК"))
    return True


def _open_quote(text: str) -> bool:
    """A sentence that ends inside a quoted name ("форума "Казахстан-Россия. Приграничное ...");
    a quoted speech opening the sentence is no name and is left alone."""
    for q_open, q_close in (('"', '"'), ("«", "»"), ("“", "”")):
        if q_open == q_close:
            unbalanced = text.count(q_open) % 2 == 1
        else:
            unbalanced = text.count(q_open) > text.count(q_close)
        if unbalanced:
            pos = text.rfind(q_open)
            return pos > 0 and len(text) - pos < 60 and text[:pos].strip() != ""
    return False


def merge_abbreviations(sentences: list[Sentence], text: str) -> list[Sentence]:
    """Undo splits after "млн. долл." or "им. С.М." that the segmenter takes for sentence ends."""
    out: list[Sentence] = []
    for s in sentences:
        prev = out[-1] if out else None
        if prev is not None and (
            _ABBREVIATION_END.search(prev.text) and _goes_on(prev.text, s.text) or _open_quote(prev.text)
        ):
            shift = len(prev.tokens)
            for t in s.tokens:
                t.renumber(shift)
            prev.tokens.extend(s.tokens)
            prev.end = s.end
            prev.text = text[prev.start : prev.end]
            continue
        out.append(s)
    return out


def parse_text(
    text: str, syntax: bool = True, wanted: Callable[[Sentence, list[NamedSpan]], bool] | None = None
) -> Parsed:
    """Parse `text` line by line (natasha would glue a headline to the next sentence).

    Each line is segmented on its own; the taggers then run over all lines' sentences (NER over
    all lines) in one batch each, which gives the same tags as line by line (the networks see
    each sentence alone, padding is zero) at a fraction of the calls. The syntax parser, when
    `syntax`, runs only once something reads a token's `head`/`rel` or a span's `normal`: then over
    that sentence and every sentence `wanted` (all, if not given) in one batch. Any other sentence is
    parsed when first read, alone.
    """
    from natasha import Doc
    from natasha.doc import DocSpan

    models = load_models()
    vocab = models["vocab"]
    parsed = Parsed(text=text)
    blocks = []
    for offset, line in _blocks(text):
        doc = Doc(line)
        doc.segment(models["segmenter"])
        blocks.append((offset, doc))
    sents = [sent for _, doc in blocks for sent in doc.sents]
    chunk = [[t.text for t in sent.tokens] for sent in sents]
    for sent, markup in zip(sents, _map_by_length(models["morph"], chunk, CALL_COST["morph"])):
        for target, source in zip(sent.tokens, markup.tokens):
            target.pos = source.pos
            target.feats = source.feats
    lines = [[t for sent in doc.sents for t in sent.tokens] for _, doc in blocks]
    for (_, doc), spans in zip(blocks, _map_by_length(_NerOverTokens(models["ner"]), lines, CALL_COST["ner"])):
        doc.spans = [DocSpan(sp.start, sp.stop, sp.type, doc.text[sp.start : sp.stop]) for sp in spans]
        doc.envelop_span_tokens()
        doc.envelop_sent_spans()
    owed = parsed.syntax = _Syntax() if syntax else None
    for offset, doc in blocks:
        sentences = []
        span_owed = {}
        for sent_id, sent in enumerate(doc.sents, 1):
            s = adapt_sentence(sent, vocab)
            if owed is not None:
                mine = owed.owe(sent, sent_id, list(s.tokens))  # a copy: a merge extends s.tokens
                for t in s.tokens:
                    t._syntax = mine
                for span in sent.spans:
                    span_owed[id(span)] = mine
            sentences.append(s)
        for s in merge_abbreviations(sentences, doc.text):
            parts = list({id(t._syntax): t._syntax for t in s.tokens if t._syntax is not None}.values())
            if owed is not None and len(parts) > 1:
                owed.join(parts)
            for t in s.tokens:
                t.start += offset
                t.end += offset
            s.start += offset
            s.end += offset
            parsed.sentences.append(s)
        for span in doc.spans:
            parsed.spans.append(
                NamedSpan(
                    span.type,
                    span.start + offset,
                    span.stop + offset,
                    span.text,
                    doc_span=span,
                    syntax=span_owed.get(id(span)),
                )
            )
    if owed is not None:
        owed.wanted = {
            t._syntax.key
            for sent in parsed.sentences
            if wanted is None or wanted(sent, [sp for sp in parsed.spans if sent.start <= sp.start < sent.end])
            for t in sent.tokens
            if t._syntax is not None
        }
    return parsed
