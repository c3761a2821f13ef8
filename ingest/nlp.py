"""The one module that talks to natasha: text in, our own sentence/token/span records out."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(slots=True)
class Token:
    i: int  # index within the sentence
    text: str
    start: int  # character offsets in the parsed text
    end: int
    lemma: str
    pos: str
    feats: dict
    head: int  # index of the syntactic head within the sentence, -1 for the root
    rel: str


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str
    tokens: list[Token]

    def children(self, i: int) -> list[Token]:
        return [t for t in self.tokens if t.head == i]


@dataclass(slots=True)
class NamedSpan:
    type: str  # PER, LOC, ORG
    start: int
    end: int
    text: str
    normal: str


@dataclass(slots=True)
class Parsed:
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    spans: list[NamedSpan] = field(default_factory=list)


@lru_cache(maxsize=1)
def load_models():
    """Load natasha's models once per process (about a second)."""
    from natasha import (MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger,
                         NewsSyntaxParser, Segmenter)

    emb = NewsEmbedding()
    return {
        "segmenter": Segmenter(),
        "vocab": MorphVocab(),
        "morph": NewsMorphTagger(emb),
        "syntax": NewsSyntaxParser(emb),
        "ner": NewsNERTagger(emb),
    }


def _index(token_id: str) -> int:
    return int(token_id.split("_")[1]) - 1


def adapt_sentence(sent, vocab) -> Sentence:
    tokens = []
    for tok in sent.tokens:
        tok.lemmatize(vocab)
        head = _index(tok.head_id) if tok.head_id and not tok.head_id.endswith("_0") else -1
        tokens.append(
            Token(
                i=len(tokens),
                text=tok.text,
                start=tok.start,
                end=tok.stop,
                lemma=(tok.lemma or tok.text).lower(),
                pos=tok.pos or "X",
                feats=dict(tok.feats or {}),
                head=head,
                rel=tok.rel or "",
            )
        )
    return Sentence(start=sent.start, end=sent.stop, text=sent.text, tokens=tokens)


def _blocks(text: str):
    """Lines of text with their offsets: a headline without a final stop is its own sentence."""
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            yield pos, line
        pos += len(line) + 1


_ABBREVIATION_END = re.compile(
    r"(?:\b(?:долл|млн|млрд|тыс|руб|им|г|гг|ул|обл|р-н|ст|см|т\.е|т\.д|т\.п|ок|пр|проф|акад|др|чел|кв|тенге)\.|"
    r"\b[А-ЯЁ]\.)\s*$")


def _open_quote(text: str) -> bool:
    """A sentence that ends inside a quoted name ("форума "Казахстан-Россия. Приграничное ...");
    a quoted speech opening the sentence is no name and is left alone."""
    for q_open, q_close in (("\"", "\""), ("«", "»"), ("“", "”")):
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
        if prev is not None and (_ABBREVIATION_END.search(prev.text) and not s.text[:1].isdigit()
                                 or _open_quote(prev.text)):
            shift = len(prev.tokens)
            for t in s.tokens:
                t.i += shift
                if t.head >= 0:
                    t.head += shift
            prev.tokens.extend(s.tokens)
            prev.end = s.end
            prev.text = text[prev.start:prev.end]
            continue
        out.append(s)
    return out


def parse_text(text: str, syntax: bool = True) -> Parsed:
    """Parse `text` line by line (natasha would glue a headline to the next sentence)."""
    parsed = Parsed(text=text)
    for offset, line in _blocks(text):
        part = _parse_block(line, syntax)
        part.sentences = merge_abbreviations(part.sentences, line)
        for s in part.sentences:
            for t in s.tokens:
                t.start += offset
                t.end += offset
            s.start += offset
            s.end += offset
            parsed.sentences.append(s)
        for sp in part.spans:
            sp.start += offset
            sp.end += offset
            parsed.spans.append(sp)
    return parsed


def _parse_block(text: str, syntax: bool) -> Parsed:
    """Segment, tag morphology and syntax, and find named spans in one block of text."""
    from natasha import Doc

    models = load_models()
    doc = Doc(text)
    doc.segment(models["segmenter"])
    doc.tag_morph(models["morph"])
    if syntax:
        doc.parse_syntax(models["syntax"])
    doc.tag_ner(models["ner"])
    vocab = models["vocab"]
    spans = []
    for span in doc.spans:
        try:
            span.normalize(vocab)
            normal = span.normal or span.text
        except Exception:  # natasha's normaliser fails on odd token mixes; the raw text is still useful
            normal = span.text
        spans.append(NamedSpan(span.type, span.start, span.stop, span.text, normal))
    return Parsed(text=text, sentences=[adapt_sentence(s, vocab) for s in doc.sents], spans=spans)
