"""Goods taxonomy: a commodity's lemma phrase → its HS chapter or product group (lexicons/hs_chapters.toml)."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain
from typing import NamedTuple


@dataclass(frozen=True)
class GoodsClass:
    chapter: str  # "10" (an HS chapter) or "01-24" (a chapter range, for a generic product group)
    name: str  # the chapter's or range's Russian name
    term: str  # the lexicon term that matched


class _Entry(NamedTuple):
    code: str | None  # chapter or range; None for a not_goods term
    term: str
    size: int  # words in the term
    group: bool  # a generic group, which yields to a specific good named after it
    defer: str  # "complement": a later good decides; "next": a good right after decides; "": none
    generic: bool = False  # a good of no class ("продукция", "груз"): no class, but no non-good either


@dataclass(frozen=True)
class _Lexicon:
    names: dict[str, str]  # chapter or range → name
    terms: dict[tuple[str, ...], _Entry]
    longest: int
    variants: dict[str, str]  # a lemmatiser's odd lemma → the headword the terms use


def _norm(word: str) -> str:
    return word.strip().lower().replace("ё", "е")


def _read() -> dict:
    # importlib.resources, not a path next to __file__: the TOML is package data in a wheel
    toml = resources.files(__package__).joinpath("lexicons").joinpath("hs_chapters.toml")
    return tomllib.loads(toml.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = _read()
    names = {ch: body["name"] for ch, body in data["chapters"].items()} | data["ranges"]
    defer = dict.fromkeys(data["defer"]["to_complement"], "complement")
    defer |= dict.fromkeys(data["defer"]["to_next"], "next")
    rows = [(t, ch, False) for ch, body in data["chapters"].items() for t in body["terms"]]
    rows += [(t, code, True) for t, code in data["groups"].items()]
    rows += [(t, None, False) for t in chain.from_iterable(data["not_goods"].values())]
    generic = set(data["generic"]["terms"])
    rows += [(t, None, False) for t in sorted(generic)]
    terms: dict[tuple[str, ...], _Entry] = {}
    for term, code, group in rows:
        key = tuple(_norm(term).split())
        if key in terms:  # a silent overwrite would make the file's order decide a class
            raise ValueError(f"hs_chapters.toml lists {term!r} twice")
        if code is not None and code not in names:
            raise ValueError(f"hs_chapters.toml: {term!r} maps to unknown {code!r}")
        terms[key] = _Entry(code, term, len(key), group, defer.get(term, ""), term in generic)
    return _Lexicon(names, terms, max(map(len, terms)), data["variants"])


def _longest_at(words: list[str], start: int) -> _Entry | None:
    lex = _lexicon()
    for n in range(min(lex.longest, len(words) - start), 0, -1):
        entry = lex.terms.get(tuple(words[start : start + n]))
        if entry is not None:
            return entry
    return None


def _first_hit(words: list[str], start: int, goods_only: bool = False) -> tuple[int, _Entry] | None:
    """The leftmost term from `start` (longest there); with goods_only, the leftmost chapter term."""
    for i in range(start, len(words)):
        entry = _longest_at(words, i)
        if entry is not None and (not goods_only or (entry.code is not None and not entry.group)):
            return i, entry
    return None


def _resolve(words: list[str], start: int, entry: _Entry) -> _Entry:
    """Let a part, seed, container or generic group hand over to the good it is about."""
    end = start + entry.size
    if entry.defer == "next":
        nxt = _longest_at(words, end) if end < len(words) else None
        if nxt is not None and nxt.code is not None and not nxt.group:
            return _resolve(words, end, nxt)
    elif entry.defer == "complement" or entry.group:
        later = _first_hit(words, end, goods_only=True)
        if later is not None:
            return _resolve(words, *later)
    return entry


def _read_words(lemmas: Sequence[str]) -> tuple[list[str], tuple[int, _Entry] | None]:
    """The phrase's words as the terms spell them, and its leftmost term; a hyphenated compound the lexicon
    lacks ("хлопок-волокно", "вагон-цистерна") is read as its parts."""
    variants = _lexicon().variants
    words = [variants.get(w, w) for w in map(_norm, lemmas) if w]
    hit = _first_hit(words, 0)
    if hit is None and any("-" in w for w in words):
        words = [variants.get(p, p) for w in words for p in w.split("-") if p]
        hit = _first_hit(words, 0)
    return words, hit


def classify(lemmas: Sequence[str]) -> GoodsClass | None:
    """The HS class of a noun phrase given as its lemmas in order, or None if it names no good.

    The leftmost lexicon term decides, the longest one where several start at the same word, so
    the head decides over its complements ("оборудование для производство подсолнечный масло" is
    84) and "подсолнечный масло" beats "масло". A not_goods term found first gives None.
    """
    words, hit = _read_words(lemmas)
    if hit is None or hit[1].code is None:
        return None
    entry = _resolve(words, *hit)
    code = entry.code or hit[1].code  # a resolved entry is a chapter term, so it has a code
    return GoodsClass(code, chapter_name(code), entry.term)


def headword(lemma: str) -> str:
    """The headword the terms use for a lemmatiser's odd lemma ("тритикал" → "тритикале"), else the lemma."""
    return _lexicon().variants.get(lemma, lemma)


def is_generic(lemmas: Sequence[str]) -> bool:
    """Whether a phrase that classify() gives no class names goods all the same, of no class
    ("продукция", "груз", "изделия"), rather than something that is no good ("туризм", "чиновники")."""
    _, hit = _read_words(lemmas)
    return hit is not None and hit[1].generic


def is_not_good(lemma: str) -> bool:
    """Whether a noun is one of the lexicon's non-goods ("образец", "чиновник"), whatever follows it."""
    words, hit = _read_words([lemma])
    return hit is not None and hit[1].code is None and not hit[1].generic


def chapter_name(chapter: str) -> str:
    """The Russian name of a chapter ("10") or a range ("01-24"); KeyError if there is none."""
    return _lexicon().names[chapter]
