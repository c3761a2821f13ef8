"""Gazetteer of countries, first-level regions and cities, with a morphology-aware matcher for Russian text."""

# Data: ingest/data/gazetteer.json, built by ingest/data/build_gazetteer.py (read that file for the
# conventions: codes, alias kinds, ambiguous names, cities of republican significance).
#
# Matching. Every name (canonical name, alias, abbreviation, informal and former name) is split into
# tokens with the same regex as the text; each token becomes a set of keys:
#   ("a", SURFACE)  abbreviation: the exact surface (СКО, РФ, СПб), no morphology;
#   ("g", lemma)    generic word (область, край, республика, автономный, округ ...): any letter case;
#   ("p", lemma)    proper word: the text token must start with a capital (and not be ALL CAPS).
# A name token's lemmas are the pymorphy3 normal forms of its nominative parses (plus the surface);
# a text token's lemmas are the normal forms of all its parses (plus the surface), so any case form
# of the name meets the name in the trie. Demonyms (курганский) form a separate one-token index
# matched in any letter case. find() walks the trie leftmost-longest and then applies:
#   - precision guards: a one-token name that is also a common word (Курган, Орёл, Находка) is not
#     taken at the start of a sentence; one that is also a first name or surname (Владимир, Киров,
#     Энгельс) or a city flagged `cue` needs a place cue before it (в, из, г., город ...); names right
#     after "озеро", "река", "улица", "имени" ... and names that are the whole of a quoted title
#     («Улытау» as a company) are skipped;
#   - coordination: "Курганской и Северо-Казахстанской областями" also yields Курганская область for
#     the elided "Курганской" (and "областей Абай и Улытау" the second one), via the same kind of
#     name as the full mention;
#   - hyphenated compounds that match nothing as a whole ("Казахстан-Россия") are matched part by part;
#   - a capitalised hyphenated or unknown token in an oblique case, which pymorphy may read only as something
#     else ("Усть-Каменогорском" as an adjective), also gets the stems its case ending leaves, when such a stem
#     is a proper name's lemma;
#   - a capitalised one-word token no dictionary knows that is one or two edits from a one-word place name
#     with the same first two letters ("Шыкмент", "Туркеминистан") is that place, via "typo".
from __future__ import annotations

import json
import re
from functools import lru_cache
from itertools import product
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict
from rapidfuzz.distance import OSA

from coopgraph.ingest.morph import parses

DEFAULT_PATH = Path(__file__).with_name("data") / "gazetteer.json"

Via = Literal["name", "alias", "abbr", "informal", "former", "demonym", "typo"]
VIA_OF_KEY = {"aliases": "alias", "abbr": "abbr", "informal": "informal", "former": "former"}
VIA_RANK = {"name": 0, "alias": 1, "abbr": 2, "informal": 3, "former": 4, "demonym": 5, "typo": 6}

GENERIC = frozenset(
    {"область", "край", "республика", "автономный", "округ", "провинция", "аймак", "велаят", "район", "облисполком"}
)
# "с акимом Алматы Ерболатом Досаевым": the head of a city is a cue too, where a town reads as a first name
CUE_LEMMAS = frozenset(
    {"в", "во", "из", "г", "гор", "город", "до", "под", "около", "через", "близ", "аким", "акимат", "мэр", "мэрия"}
)
SKIP_PREV_LEMMAS = frozenset(
    {
        "озеро",
        "река",
        "гора",
        "хребет",
        "пик",
        "ледник",
        "полуостров",
        "пустыня",
        "залив",
        "канал",
        "море",
        "улица",
        "ул",
        "проспект",
        "пр",
        "бульвар",
        "площадь",
        "переулок",
        "шоссе",
        "микрорайон",
        "мкр",
        "имя",
        "им",
        "космодром",
        "трасса",
        "урочище",
        "ущелье",
        "доллар",
        "долл",  # "долларов США", "долл. США" is a currency, not the state
    }
)
CONJ = frozenset({"и", "или"})
MAX_NAME_TOKENS = 8

_KAZAKH, _RUSSIAN = "іәғқңөұүһІӘҒҚҢӨҰҮҺ", "иагкноуухИАГКНОУУХ"
_KAZ = str.maketrans(_KAZAKH + "ёЁ‐‑", _RUSSIAN + "еЕ--")
_KAZ_LETTERS = str.maketrans(_KAZAKH, _RUSSIAN)
TOKEN_RE = re.compile(r"[^\W\d_]+(?:[-‐‑][^\W\d_]+)*")
_NAME_GAP_RE = re.compile(r"[ \t\u00a0]*(?:[—–\-(][ \t\u00a0]*)?")  # between tokens of one name
_OPEN_QUOTES = "«“„‹'\""
_CLOSE_QUOTES = "»”“›'\""


class Place(BaseModel):
    """A place. `country`: ISO alpha-2 (a Country's own code); `region`: a City's Region code (None for
    cities of federal / republican significance); `aliases`: all alternative names (not demonyms)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    type: Literal["Country", "Region", "City"]
    name: str
    country: str | None
    region: str | None
    iso: str | None
    aliases: list[str] = []

    def __hash__(self) -> int:
        return hash(self.code)


class PlaceMatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: int
    end: int
    text: str
    place: Place
    via: Via


def kazakh_letters(s: str) -> str:
    """Only the Kazakh letters as their Russian ones, one for one, so every offset stays: "Қасымбеков" is
    read by the Russian models as "Касымбеков", the spelling the spec's names use."""
    return s.translate(_KAZ_LETTERS)


def translit_kazakh(s: str) -> str:
    """Kazakh letters to Russian ones (і→и, ә→а, ғ→г, қ→к, ң→н, ө→о, ұ/ү→у, һ→х), ё→е."""
    return s.translate(_KAZ)


def _parses(norm: str) -> tuple:
    # one analyzer and one cache with the rest of extraction: most words are parsed by both
    return parses(norm)


@lru_cache(maxsize=200_000)
def text_lemmas(norm: str) -> frozenset[str]:
    """All normal forms of a lower-cased, normalised token, plus the token itself."""
    return frozenset({norm} | {translit_kazakh(p.normal_form) for p in _parses(norm)})


# A name token is given in the nominative: its lemma is the token itself unless it is an adjective
# or a plural (Курганская → курганский, Шахты → шахта), so only those are parsed (keeps loading fast).
_NEEDS_PARSE = ("ая", "яя", "ий", "ый", "ой", "ое", "ее", "ые", "ие", "ы", "и")


def name_lemmas(norm: str) -> frozenset[str]:
    """Normal forms of the nominative readings of a name token, plus the token itself."""
    if not norm.endswith(_NEEDS_PARSE):
        return frozenset({norm})
    out = {translit_kazakh(p.normal_form) for p in _parses(norm) if p.tag.case in (None, "nomn")}
    return frozenset(out | {norm})


def _stem(lemma: str) -> str:
    """What every inflected form of `lemma` starts with (fleeting vowels: Орёл → Орла)."""
    first = lemma.split("-")[0]
    return first[: max(2, len(first) - 2)]


_INNER_CAPITAL = re.compile(r"[а-яёa-z][А-ЯЁA-Z]")


def _is_abbr(tok: str) -> bool:
    return "-" not in tok and sum(ch.isupper() for ch in tok) >= 2 and len(tok) <= 6


class _Tok:
    """A text token with what the matcher needs about it (cached per gazetteer by surface).

    Only tokens that start like some indexed lemma are parsed with pymorphy3; the rest get no keys.
    """

    __slots__ = ("surface", "norm", "cap", "keys", "dkeys")

    def __init__(
        self,
        surface: str,
        stems_cap: frozenset,
        stems_low: frozenset,
        max_stem: int,
        low_lemmas: frozenset,
        proper: frozenset = frozenset(),
    ):
        s = translit_kazakh(surface)
        self.surface = s
        self.norm = norm = s.lower()
        allcaps = len(s) > 1 and s.isupper()
        self.cap = s[:1].isupper() and not allcaps
        keys = set()
        if sum(ch.isupper() for ch in s) >= 2:
            keys.add(("a", s))
        stems = stems_cap if self.cap else stems_low
        # "УрФУ", "ЮУрГУ", "КазНУ": a capital inside a word marks an abbreviation, which inflects no place name
        # ("УрФУ" is no case of "Урфа")
        camel = "-" not in s and _INNER_CAPITAL.search(s) is not None
        if not camel and any(norm[:k] in stems for k in range(2, min(len(norm), max_stem) + 1)):
            lemmas = text_lemmas(norm)
            keys |= {("g", lem) for lem in lemmas & low_lemmas}
            if self.cap:
                # an unknown word, or one the dictionary knows only as a person's name ("в Сиане": "Сиана")
                common, person, _, known = _readings(norm)
                unknown = "-" in norm or not known or person and not common
                guessed = _case_stems(norm) & proper if unknown else frozenset()
                keys |= {("p", lem) for lem in lemmas | guessed | _compound_lemmas(norm, proper)}
            self.dkeys = lemmas
        else:
            self.dkeys = frozenset()
        self.keys = frozenset(keys)

    @property
    def lemmas(self) -> frozenset[str]:
        return text_lemmas(self.norm)

    @property
    def common(self) -> bool:
        """Also, with some weight, a known common word (курган, орёл, находка; not Баку = "к баку")."""
        return _readings(self.norm)[0]

    @property
    def person(self) -> bool:
        """Also a known first name or surname (Владимир, Киров)."""
        return _readings(self.norm)[1]

    @property
    def first_name(self) -> bool:
        return _readings(self.norm)[2]


def _compound_lemmas(norm: str, proper: frozenset) -> frozenset[str]:
    """ "каменске-уральском" → "каменск-уральский": both parts of a hyphenated name decline, and the dictionary
    lemmatises only the last one ("каменске-уральский")."""
    parts = norm.split("-")
    if not 2 <= len(parts) <= 3:
        return frozenset()
    forms = [text_lemmas(p) | _case_stems(p) for p in parts]
    return frozenset("-".join(c) for c in product(*forms)) & proper


_CASE_ENDINGS = tuple("ами ями ом ем ём ой ей ою ею ам ям ах ях е у ю а я ы и".split())


def _case_stems(norm: str) -> frozenset[str]:
    """What a noun in an oblique case may be in the nominative: its stem without the case ending, and that
    stem with the nominative endings of the other declensions ("каменогорском" → "каменогорск")."""
    out = set()
    for ending in _CASE_ENDINGS:
        if norm.endswith(ending) and len(norm) - len(ending) >= 3:
            stem = norm[: -len(ending)]
            out |= {stem, stem + "а", stem + "я", stem + "ь", stem + "й"}
    return frozenset(out)


@lru_cache(maxsize=50_000)
def _readings(norm: str) -> tuple[bool, bool, bool, bool]:
    """(common word, person name, first name, any known word) readings of a token known to the dictionary."""
    known = [p for p in _parses(norm) if p.is_known]
    common = sum(
        p.score
        for p in known
        if "Geox" not in p.tag and "Abbr" not in p.tag and not ({"Name", "Surn", "Patr"} & p.tag.grammemes)
    )
    person = any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in known)
    first = any("Name" in p.tag for p in known)
    return common >= 0.3, person, first, bool(known)


class _Entry:
    """One indexed surface name of a place."""

    __slots__ = ("code", "via", "surface", "ntok", "proper_single", "tail", "head", "spec")

    def __init__(self, code, via, surface, ntok, proper_single, tail=None, head=None, spec=None):
        self.code, self.via, self.surface, self.ntok = code, via, surface, ntok
        self.proper_single = proper_single
        self.tail, self.head, self.spec = tail, head, spec


def _name_tokens(name: str) -> list[tuple[str, frozenset]]:
    """[(mode, keys)] for each token of a name; mode is 'a' (abbreviation), 'g' (generic or lower-case
    word, any case in the text: область, республика, регион) or 'p' (proper: capitalised in the text)."""
    out = []
    for m in TOKEN_RE.finditer(translit_kazakh(name)):
        tok = m.group()
        if _is_abbr(tok):
            out.append(("a", frozenset({("a", tok)})))
            continue
        lem = name_lemmas(tok.lower())
        generic = lem & GENERIC
        if generic:
            out.append(("g", frozenset(("g", g) for g in generic)))
        elif tok.islower():
            out.append(("g", frozenset(("g", x) for x in lem)))
        else:
            out.append(("p", frozenset(("p", x) for x in lem)))
    return out


class Gazetteer:
    def __init__(self, data: dict):
        self.version: str = data.get("version", "")
        self._places: dict[str, Place] = {}
        self._extra: dict[str, dict] = {}
        self.ambiguous: dict[str, list[str]] = dict(data.get("ambiguous", {}))
        amb = {translit_kazakh(a) for a in self.ambiguous}
        self._trie: dict = {}
        self._demonyms: dict[str, _Entry] = {}
        self._tail_map: dict[tuple, dict[str, _Entry]] = {}
        self._head_map: dict[tuple, dict[str, _Entry]] = {}
        self.collisions: list[tuple[str, str, str]] = []
        self._proper_lemmas: set[str] = set()
        self._low_lemmas: set[str] = set(GENERIC)
        for raw in data["places"]:
            names = [n for k in ("aliases", "abbr", "informal", "former") for n in raw.get(k, [])]
            place = Place(
                code=raw["code"],
                type=raw["type"],
                name=raw["name"],
                country=raw.get("country"),
                region=raw.get("region"),
                iso=raw.get("iso"),
                aliases=names,
            )
            if place.code in self._places:
                raise ValueError(f"duplicate place code {place.code}")
            self._places[place.code] = place
            self._extra[place.code] = raw
            surfaces = [(raw["name"], "name")] + [(n, VIA_OF_KEY[k]) for k in VIA_OF_KEY for n in raw.get(k, [])]
            for surface, via in surfaces:
                if translit_kazakh(surface) not in amb:
                    self._add_name(place.code, via, surface)
            for d in raw.get("demonyms", []):
                if translit_kazakh(d) not in amb:
                    self._add_demonym(place.code, d)
        self._low_frozen = frozenset(self._low_lemmas)
        low = {lem for lem in self._demonyms} | self._low_frozen
        cap = low | self._proper_lemmas
        self._stems_low = frozenset(_stem(x) for x in low)
        self._stems_cap = frozenset(_stem(x) for x in cap)
        self._max_stem = max(len(x) for x in self._stems_cap)
        self._proper = frozenset(self._proper_lemmas)
        self._tokens: dict[str, _Tok] = {}
        self._typo_names = self._one_word_names()

    def _tok(self, surface: str) -> _Tok:
        t = self._tokens.get(surface)
        if t is None:
            if len(self._tokens) > 200_000:
                self._tokens.clear()
            t = self._tokens[surface] = _Tok(
                surface, self._stems_cap, self._stems_low, self._max_stem, self._low_frozen, self._proper
            )
        return t

    # ---------------------------------------------------------------- index
    def _add_name(self, code: str, via: str, surface: str) -> None:
        toks = _name_tokens(surface)
        if not toks:
            return
        modes = [m for m, _ in toks]
        tail = head = spec = None
        if len(toks) >= 2 and modes[0] == "p" and all(m == "g" for m in modes[1:]):
            tail = tuple(sorted(k[1] for k in kk)[0] for _, kk in toks[1:])
            spec = toks[0][1]
        elif len(toks) >= 2 and modes[-1] == "p" and all(m == "g" for m in modes[:-1]):
            head = tuple(sorted(k[1] for k in kk)[0] for _, kk in toks[:-1])
            spec = toks[-1][1]
        entry = _Entry(code, via, surface, len(toks), len(toks) == 1 and modes[0] == "p", tail, head, spec)
        self._proper_lemmas |= {k[1] for m, keys in toks if m == "p" for k in keys}
        self._low_lemmas |= {k[1] for m, keys in toks if m == "g" for k in keys}
        nodes = [self._trie]
        for _, keys in toks:
            nxt = []
            for node in nodes:
                for key in keys:
                    nxt.append(node.setdefault(key, {}))
            nodes = nxt
        for node in nodes:
            prev = node.get(None)
            if prev is None or (prev.code == code and VIA_RANK[via] < VIA_RANK[prev.via]):
                node[None] = entry
            elif prev.code != code:
                self.collisions.append((surface, prev.code, code))
        if (tail is not None or head is not None) and spec is not None:
            table = (
                self._tail_map.setdefault(tail, {}) if tail is not None else self._head_map.setdefault(head or (), {})
            )
            for _, lem in spec:
                prev = table.get(lem)
                if prev is None or (prev.code == code and VIA_RANK[via] < VIA_RANK[prev.via]):
                    table[lem] = entry

    def _one_word_names(self) -> dict[str, list[tuple[str, _Entry]]]:
        """One-word proper names of six letters or more (the lemmas a typo may miss), by their first two letters."""
        out: dict[str, list[tuple[str, _Entry]]] = {}
        for key, node in self._trie.items():
            entry = node.get(None)
            if key[0] == "p" and entry is not None and entry.proper_single and len(key[1]) >= 6:
                out.setdefault(key[1][:2], []).append((key[1], entry))
        return out

    def _typo(self, tok: _Tok) -> _Entry | None:
        """The one place a misspelt, unknown capitalised word stands for: one edit away (two from ten letters)."""
        norm = tok.norm
        if not tok.cap or len(norm) < 6 or _readings(norm)[3] or _SURNAME_FORM.search(norm):
            return None  # "Байпаков" is a surname, not a misspelt Баймак
        found: dict[str, _Entry] = {}
        for form in {norm} | tok.lemmas:
            limit = 2 if len(form) >= 10 else 1
            for lemma, entry in self._typo_names.get(form[:2], ()):
                if abs(len(lemma) - len(form)) <= limit and OSA.distance(form, lemma, score_cutoff=limit) <= limit:
                    found[entry.code] = entry
        if len(found) != 1:
            return None
        entry = next(iter(found.values()))
        return _Entry(entry.code, "typo", entry.surface, 1, True)

    def _add_demonym(self, code: str, word: str) -> None:
        entry = _Entry(code, "demonym", word, 1, False)
        for lem in (translit_kazakh(word).lower(),):  # demonyms are given in the masculine nominative
            prev = self._demonyms.get(lem)
            if prev is not None and prev.code != code:
                self.collisions.append((word, prev.code, code))
                continue
            self._demonyms[lem] = entry

    # ---------------------------------------------------------------- API
    def get(self, code: str) -> Place:
        return self._places[code]

    def places(self, type: str | None = None) -> list[Place]:
        return [p for p in self._places.values() if type is None or p.type == type]

    def region_of(self, place: Place) -> Place | None:
        if place.type == "City" and place.region:
            return self._places.get(place.region)
        return None

    def names_of(self, code: str) -> dict[str, list[str]]:
        """The names of a place by kind: name, aliases, abbr, informal, former, demonyms."""
        raw = self._extra[code]
        return {
            "name": [raw["name"]],
            **{k: list(raw.get(k, [])) for k in ("aliases", "abbr", "informal", "former", "demonyms")},
        }

    def lookup(self, name: str) -> Place | None:
        """The place a whole string names, in any case form ("Курганской области", "СКО", "Оренбуржье")."""
        hit = self._lookup_entry(name)
        return self._places[hit.code] if hit else None

    def lookup_via(self, name: str) -> tuple[Place, str] | None:
        hit = self._lookup_entry(name)
        return (self._places[hit.code], hit.via) if hit else None

    def _lookup_entry(self, name: str) -> _Entry | None:
        toks = [m.group() for m in TOKEN_RE.finditer(name)]
        if not toks:
            return None
        nodes = [self._trie]
        for surface in toks:
            t = self._tok(surface)
            keys = set(t.keys) | {("p", lem) for lem in t.lemmas}
            nodes = [node[k] for node in nodes for k in keys if k in node]
            if not nodes:
                break
        hits = [n[None] for n in nodes if None in n]
        if hits:
            return min(hits, key=lambda e: VIA_RANK[e.via])
        if len(toks) == 1:
            for lem in self._tok(toks[0]).lemmas:
                if lem in self._demonyms:
                    return self._demonyms[lem]
        return None

    def find(self, text: str) -> list[PlaceMatch]:
        """All non-overlapping place mentions in `text`, leftmost-longest, in text order."""
        spans = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]
        toks = [self._tok(s) for _, _, s in spans]
        n = len(toks)
        found: dict[int, tuple[int, _Entry]] = {}  # first token -> (last token, entry)
        i = 0
        while i < n:
            hit = self._match_at(text, spans, toks, i)
            if hit is not None:
                found[i] = hit
                i = hit[0] + 1
                continue
            i += 1
        out: list[PlaceMatch] = []
        for i, (j, entry) in sorted(found.items()):
            out.append(self._mk(text, spans[i][0], spans[j][1], entry))
        # hyphenated compounds that matched nothing as a whole: "Казахстан-Россия"; misspelt names
        covered = {k for i, (j, _) in found.items() for k in range(i, j + 1)}
        for k in range(n):
            if k in covered:
                continue
            if "-" in toks[k].surface:
                out.extend(self._match_parts(text, spans[k]))
            elif (typo := self._typo(toks[k])) is not None and self._accept(text, spans, toks, k, k, typo):
                out.append(self._mk(text, spans[k][0], spans[k][1], typo))
        out.extend(self._coordinated(text, spans, toks, found))
        out.extend(self._elided_after(text, spans, toks, found))
        out.extend(self._listed_after_noun(text, spans, toks, found))
        out = _dedupe(out)
        return sorted(out, key=lambda m: m.start)

    # ---------------------------------------------------------------- matching internals
    def _mk(self, text: str, start: int, end: int, entry: _Entry) -> PlaceMatch:
        if entry.surface.endswith(")") and text[end : end + 1] == ")":
            end += 1
        return PlaceMatch(start=start, end=end, text=text[start:end], place=self._places[entry.code], via=entry.via)

    def _match_at(self, text, spans, toks, i):
        nodes = [self._trie]
        cands = []
        for j in range(i, min(len(toks), i + MAX_NAME_TOKENS)):
            if j > i and not _NAME_GAP_RE.fullmatch(text, spans[j - 1][1], spans[j][0]):
                break
            keys = toks[j].keys
            nodes = [node[k] for node in nodes for k in keys if k in node]
            if not nodes:
                break
            hits = [node[None] for node in nodes if None in node]
            if hits:
                cands.append((j, min(hits, key=lambda e: VIA_RANK[e.via])))
        for j, entry in reversed(cands):
            if self._accept(text, spans, toks, i, j, entry):
                return j, entry
        dem = next((self._demonyms[lem] for lem in toks[i].dkeys if lem in self._demonyms), None)
        if dem is not None and self._context_ok(text, spans, toks, i, i):
            return i, dem
        return None

    def _accept(self, text, spans, toks, i, j, entry: _Entry) -> bool:
        if not self._context_ok(text, spans, toks, i, j):
            return False
        if i == j and entry.proper_single:
            t = toks[i]
            has_cue = i > 0 and _is_cue(toks[i - 1], text[spans[i - 1][1] : spans[i][0]])
            # a misspelling of a cue-only name needs the cue too ("Южноуральцы приехали" is no Южноуральск)
            if self._extra[entry.code].get("cue") and entry.via in ("name", "typo") and not has_cue:
                return False
            if t.person and not has_cue and _in_person_name(text, spans, toks, i):
                return False
            if _dedicatee(toks, i):
                return False
            if t.common and _sentence_initial(text, spans[i][0]):
                return False
            if _adjective_in_place(text, spans, toks, i):
                return False
        return True

    def _context_ok(self, text, spans, toks, i, j) -> bool:
        if i > 0 and toks[i - 1].lemmas & SKIP_PREV_LEMMAS:
            gap = text[spans[i - 1][1] : spans[i][0]]
            # "долл. США", "ул. Абая": an abbreviation's dot; "... долларов. Новосибирские" ends a sentence
            dot_ok = len(toks[i - 1].surface) <= 4
            if gap.strip(" \u00a0") == "" or (dot_ok and gap.strip(" .\u00a0") == ""):
                return False
        return not _whole_quoted_title(text, spans[i][0], spans[j][1])

    def _match_parts(self, text, span):
        start0, _, surface = span
        parts = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\W\d_]+", surface)]
        out = []
        for ps, pe, ps_surface in parts:
            t = self._tok(ps_surface)
            node_hits = [self._trie[k][None] for k in t.keys if k in self._trie and None in self._trie[k]]
            if node_hits:
                entry = min(node_hits, key=lambda e: VIA_RANK[e.via])
                if entry.via == "abbr" or not (t.common and ps == 0 and _sentence_initial(text, start0)):
                    if not (entry.proper_single and (t.person or self._extra[entry.code].get("cue"))):
                        out.append(self._mk(text, start0 + ps, start0 + pe, entry))
        return out

    def _listed_after_noun(self, text, spans, toks, found):
        """Capitalised region adjectives listed after the plural noun they share: "с приграничными областями
        России – Омской, Тюменской и Курганской", "областей: Актюбинской и Костанайской"."""
        dem = {i: e for i, (j, e) in found.items() if i == j and e.via == "demonym" and toks[i].cap}
        out, chain = [], []
        for i in sorted(dem):
            if self._places[dem[i].code].type != "Region":
                continue
            chain.append(i)
            nxt = i + 2 if i + 2 < len(toks) and toks[i + 1].norm in CONJ else i + 1
            gap = text[spans[i][1] : spans[nxt][0]] if nxt < len(toks) else "."
            if nxt in dem and re.fullmatch(r"[\s,]*(?:(?:и|или)\s+)?", gap):
                continue  # the list goes on
            if _plural_noun_before(text, spans, toks, chain[0]):
                out += [self._mk(text, spans[k][0], spans[k][1], _as_name(dem[k])) for k in chain]
            chain = []
        return out

    def _coordinated(self, text, spans, toks, found):
        """Elided members of coordinated names: "Курганской и Челябинской областей", "областей Абай и Улытау"."""
        taken = {k: e for i, (j, e) in found.items() for k in range(i, j + 1)}
        out = []

        def sep_before(k):  # index of the conjunct before token k, or None
            if (
                k >= 2
                and toks[k - 1].norm in CONJ
                and _plain_gap(text, spans[k - 2][1], spans[k - 1][0])
                and _plain_gap(text, spans[k - 1][1], spans[k][0])
            ):
                return k - 2
            if k >= 1 and text[spans[k - 1][1] : spans[k][0]].strip() == ",":
                return k - 1
            return None

        def sep_after(k):
            if (
                k + 2 < len(toks)
                and toks[k + 1].norm in CONJ
                and _plain_gap(text, spans[k][1], spans[k + 1][0])
                and _plain_gap(text, spans[k + 1][1], spans[k + 2][0])
            ):
                return k + 2
            if k + 1 < len(toks) and text[spans[k][1] : spans[k + 1][0]].strip() == ",":
                return k + 1
            return None

        def conjunct(k, table):
            t = toks[k]
            if not t.cap:
                return None
            prev = taken.get(k)
            if prev is not None and prev.via != "demonym":
                return "taken"
            return next((table[lem] for lem in t.lemmas if lem in table), None)

        def walk(k, step, table):  # collect the conjuncts one way from token k
            while (c := step(k)) is not None:
                e = conjunct(c, table)
                if e is None:
                    break
                if e != "taken":
                    out.append(self._mk(text, spans[c][0], spans[c][1], e))
                k = c

        for i, (j, entry) in sorted(found.items()):
            if entry.tail is not None and j - i + 1 == 1 + len(entry.tail):
                walk(i, sep_before, self._tail_map.get(entry.tail, {}))
            if entry.head is not None and j - i + 1 == 1 + len(entry.head):
                walk(j, sep_after, self._head_map.get(entry.head, {}))
        return out

    def _elided_after(self, text, spans, toks, found):
        """ "Из Новосибирской области в Павлодарскую поступают ...": a place adjective standing alone after a
        preposition, later in the sentence that named a place of that kind in full, is that kind's place."""
        taken = {k for i, (j, e) in found.items() if e.via != "demonym" for k in range(i, j + 1)}
        out = []
        for i, (j, entry) in sorted(found.items()):
            if entry.tail is None or j - i + 1 != 1 + len(entry.tail):
                continue
            table = self._tail_map.get(entry.tail, {})
            for k in range(j + 1, min(len(toks), j + 16)):
                if re.search(r"[.!?;\n]", text[spans[k - 1][1] : spans[k][0]]):
                    break
                t = toks[k]
                if k in taken or not t.cap or toks[k - 1].norm not in ELIDED_PREPOSITIONS:
                    continue
                place = next((table[lem] for lem in t.lemmas if lem in table), None)
                if place is None or place.code == entry.code or _noun_follows(text, spans, toks, k):
                    continue
                # the adjective stands for the full name here, not for an adjective of the place
                out.append(self._mk(text, spans[k][0], spans[k][1], place).model_copy(update={"via": "name"}))
                taken.add(k)
        return out


ELIDED_PREPOSITIONS = frozenset({"в", "во", "из", "на", "с", "со", "до", "для"})


_SURNAME_FORM = re.compile(r"(?:ов|ев|ёв|ин|ын)(?:а|у|ым|ой|е|ых)?$")
_LOCATIVE_PREPOSITIONS = frozenset({"в", "во", "на", "о", "об", "при"})


def _adjective_in_place(text, spans, toks, k) -> bool:
    """ "в Омском районе", "в Каспийском бизнес-форуме": after a preposition of the locative, "-ском" is no
    instrumental of a city in "-ск" but an adjective agreeing with the noun after it."""
    if not toks[k].norm.endswith(("ском", "цком")) or k == 0 or toks[k - 1].norm not in _LOCATIVE_PREPOSITIONS:
        return False
    return _noun_follows(text, spans, toks, k)


def _noun_follows(text, spans, toks, k) -> bool:
    """The adjective qualifies a noun after it ("в Павлодарскую городскую больницу"): no elided place."""
    if k + 1 >= len(toks) or re.search(r"[^\s]", text[spans[k][1] : spans[k + 1][0]]):
        return False
    return any(p.tag.POS in ("NOUN", "ADJF") for p in parses(toks[k + 1].norm)[:1])


_AREA_NOUNS = frozenset({"область", "край", "регион", "республика"})
_PLURAL_ENDINGS = tuple("ями ей ям ях ов ах ами ы и".split())


def _plural_noun_before(text, spans, toks, k) -> bool:
    """A plural "области" / "регионами" within four words before token k, nothing but words and ":", ",", dashes
    between (the list's head noun and its own complements: "областями России –")."""
    for b in range(k - 1, max(-1, k - 5), -1):
        if re.search(r"[.;!?()«»\"\n]", text[spans[b][1] : spans[b + 1][0]]):
            return False
        if toks[b].lemmas & _AREA_NOUNS and toks[b].norm.endswith(_PLURAL_ENDINGS):
            return toks[b].norm not in ("области", "республики") or _plural_area(text, spans, b)
    return False


def _plural_area(text, spans, b) -> bool:
    """ "области" / "республики" read as plural only when a dash or colon opens the list after them."""
    after = text[spans[b][1] : spans[b][1] + 30]
    return bool(re.match(r"[^.;:–—-]{0,20}[:–—-]", after))


def _as_name(entry: _Entry) -> _Entry:
    return _Entry(entry.code, "name", entry.surface, 1, False)


def _is_cue(prev: _Tok, gap: str) -> bool:
    """A place cue before a name: "в", "из", "город(е)", "г." (an initial "В." is not one)."""
    if not prev.lemmas & CUE_LEMMAS:
        return False
    return gap.strip(" \u00a0") == "" or (prev.norm in ("г", "гор") and gap.strip(" \u00a0") == ".")


def _dedicatee(toks, i) -> bool:
    """ "университет имени Элкея Маргулана": the name a body bears, one or two words after "имени", is a person's
    (not a misspelt Маргилан)."""
    return any(k >= 0 and toks[k].surface.lower() in ("имени", "им") for k in (i - 1, i - 2))


def _in_person_name(text, spans, toks, i) -> bool:
    """Token i reads as part of a person's name: "Владимир Путин", "Сергей Киров", "А. Борисов"."""
    if i + 1 < len(toks) and text[spans[i][1] : spans[i + 1][0]] == " " and toks[i + 1].cap and toks[i + 1].person:
        return True
    if i > 0:
        gap = text[spans[i - 1][1] : spans[i][0]]
        prev = toks[i - 1]
        if gap == " " and prev.cap and prev.first_name:
            return True
        if len(prev.surface) == 1 and prev.surface.isupper() and gap.strip() == ".":
            return True
    return False


def _plain_gap(text: str, a: int, b: int) -> bool:
    return text[a:b].strip(" \t\u00a0") == ""


def _sentence_initial(text: str, start: int) -> bool:
    k = start - 1
    while k >= 0 and (text[k] in " \t\u00a0" or text[k] in _OPEN_QUOTES or text[k] in "—–-("):
        k -= 1
    return k < 0 or text[k] in ".!?…\n\r"


def _whole_quoted_title(text: str, start: int, end: int) -> bool:
    """True when the match opens a short quoted title: «Улытау», «Казахстан темир жолы»."""
    k = start - 1
    if k < 0 or text[k] not in _OPEN_QUOTES:
        return False
    if text[k] in "'\"" and k > 0 and not (text[k - 1].isspace() or text[k - 1] in "(«“„"):
        return False
    tail = text[end : end + 40]
    for ch in tail:
        if ch in _CLOSE_QUOTES:
            return True
        if ch in ".!?\n":
            return False
    return False


def _dedupe(matches: list[PlaceMatch]) -> list[PlaceMatch]:
    """Drop overlapping matches: keep the longer, then the earlier; a demonym yields to anything else."""
    ordered = sorted(matches, key=lambda m: (m.via == "demonym", -(m.end - m.start), m.start))
    used: set[int] = set()
    kept: list[PlaceMatch] = []
    for m in ordered:
        span = range(m.start, m.end)
        if not any(c in used for c in span):
            used.update(span)
            kept.append(m)
    return kept


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer at `path` (default: the packaged data file, cached)."""
    if path is None or Path(path) == DEFAULT_PATH:
        return _default()
    return Gazetteer(json.loads(Path(path).read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _default() -> Gazetteer:
    return Gazetteer(json.loads(DEFAULT_PATH.read_text(encoding="utf-8")))
