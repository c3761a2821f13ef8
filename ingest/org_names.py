"""Organisation names written without quotes or a legal form: "Павлодарский алюминиевый завод", "известняковый
рудник Керегетас", "культурный центр имени Курмангазы", "Торгайское и Краснооктябрьское бокситовые рудоуправления"."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from coopgraph.ingest.context import Context
from coopgraph.ingest.morph import PYMORPHY_CASES, inflect_word, parses, transliterate_kazakh
from coopgraph.ingest.nlp import Sentence, Token


@dataclass(frozen=True)
class OrgLexicon:
    legal_forms: tuple[str, ...]
    spelled_legal_forms: dict[str, str]
    legal_form_tails: tuple[str, ...]
    heads: frozenset[str]
    generic_heads: frozenset[str]
    unquoted_heads: frozenset[str]
    body_heads: frozenset[str]
    house_genitives: frozenset[str]
    not_heads: frozenset[str]
    not_names: frozenset[str]
    not_tail_nouns: frozenset[str]
    source_cues: tuple[str, ...]
    staff_titles: frozenset[str]
    kinds: dict[str, frozenset[str]]
    business_parks: frozenset[str]
    head_lemmas: dict[str, str]
    place_heads: frozenset[str]
    firm_words: frozenset[str]
    acronyms: dict[str, str]
    plant_acronyms: dict[str, str]  # "НПЗ" -> "masc": a place adjective before it names the plant

    def head_of(self, lemma: str) -> str | None:
        """The head noun of names a lemma is, also as the last part of a hyphenated word ("бизнес-центр",
        "IT-хаб"): the lemma with pymorphy3's guesses for unknown heads corrected; None if it is none."""
        prefix, _, last = lemma.rpartition("-")
        last = self.head_lemmas.get(last, last)
        if last in self.heads and (not prefix or lemma not in self.heads):
            return f"{prefix}-{last}" if prefix else last
        if lemma in self.heads:
            return lemma
        return lemma if fused_head(lemma) else None

    def is_head(self, lemma: str) -> bool:
        return self.head_of(lemma) is not None

    def heads_for(self, noun: str) -> frozenset[str]:
        """The heads of the names a common noun can stand for ("вуз": университет, институт, ...)."""
        return self.kinds.get(noun, frozenset({noun}))


_FUSED_HEADS = ("завод", "комбинат", "фабрика")


def name_lemmas(ctx: Context, key: str) -> set[str]:
    """The lemmas of the words of an entity's name: which kind of body it is ("палата", "университет")."""
    from coopgraph.ingest.morph import lemma

    return {lemma(w) for w in ctx.table.entities[key].name.split()}


def fused_head(lemma: str) -> bool:
    """One word of a stem and a head: "маслосырзавод", "птицекомбинат", "льнокомбинат", "швейфабрика"."""
    return lemma.isalpha() and any(lemma.endswith(h) and len(lemma) - len(h) >= 3 for h in _FUSED_HEADS)


@lru_cache(maxsize=1)
def org_lexicon() -> OrgLexicon:
    path = resources.files(__package__).joinpath("lexicons/organizations.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return OrgLexicon(
        legal_forms=tuple(dict.fromkeys(data["legal_forms"])),
        spelled_legal_forms=dict(data["spelled_legal_forms"]),
        legal_form_tails=tuple(data["legal_form_tails"]),
        heads=frozenset(data["heads"]),
        generic_heads=frozenset(data["generic_heads"]),
        unquoted_heads=frozenset(data["unquoted_heads"]),
        body_heads=frozenset(data["body_heads"]),
        house_genitives=frozenset(data["house_genitives"]),
        not_heads=frozenset(data["not_heads"]),
        not_names=frozenset(n.lower() for n in data["not_names"]),
        not_tail_nouns=frozenset(data["not_tail_nouns"]),
        source_cues=tuple(data["source_cues"]),
        acronyms=dict(data["acronyms"]),
        plant_acronyms=dict(data["plant_acronyms"]),
        staff_titles=frozenset(data["staff_titles"]),
        kinds={noun: frozenset(heads) for noun, heads in data["kinds"].items()},
        business_parks=frozenset(data["business_parks"]),
        head_lemmas=dict(data["head_lemmas"]),
        place_heads=frozenset(data["place_heads"]),
        firm_words=frozenset(data["firm_words"]),
    )


Add = Callable[[Context, str, str, int, int], object]


def add_unquoted_names(ctx: Context, taken: list[tuple[int, int]], add: Add) -> None:
    """Every head noun of the lexicon with a proper name around it: capitalised adjectives before it, or a
    proper name, "имени X" or a number after it."""
    lex = org_lexicon()
    for k, sent in enumerate(ctx.sentences):
        for tok in sent.tokens:
            head = _head_lemma(tok)
            if any(s <= tok.start < e for s, e in taken):
                continue
            if head not in lex.unquoted_heads and not fused_head(head):
                if head in lex.generic_heads or head in lex.heads:
                    _appositive_name(ctx, k, sent, tok, taken, add)
                continue
            places = [(r.start, r.end) for r in ctx.refs_in(k, "Country", "Region", "City")]
            names = [
                n
                for n in _names_at(ctx, k, sent, tok)
                if not any(s < n[1] and n[0] < e for s, e in taken)
                and not any(s <= n[0] and n[1] <= e for s, e in places)  # "Российская Федерация" is a place
            ]
            for start, end, name in names:
                if add(ctx, name, ctx.text[start:end], start, end):
                    taken.append((start, end))
                    absorb_places(ctx, k, sent.tokens, tok.i, end)


def _inside_quotes(toks: list[Token], i: int) -> bool:
    """Whether an opening quote before token i is not closed before it."""
    depth = 0
    for t in toks[:i]:
        if t.text in ("«", "„", "“"):
            depth += 1
        elif t.text in ("»", "”") and depth:
            depth -= 1
        elif t.text == '"':
            depth = 1 - depth
    return depth > 0


def add_firm_word_names(ctx: Context, taken: list[tuple[int, int]], add: Add) -> None:
    """ "на площадке Ертіс Машинери": capitalised words ending in a word only firms' names end in (`firm_words`)
    name a firm, with no head or quotes around them."""
    words = org_lexicon().firm_words
    for k, sent in enumerate(ctx.sentences):
        toks = sent.tokens
        for j, tok in enumerate(toks):
            if not tok.text[:1].isupper() or transliterate_kazakh(tok.text).lower() not in words or j == 0:
                continue
            i = j
            while i > 0 and j - i < 3 and toks[i - 1].text[:1].isupper() and toks[i - 1].pos in ("PROPN", "X", "NOUN"):
                i -= 1
            if i == j or i == 0 and toks[0].pos == "NOUN":
                continue  # a firm word alone, or a sentence's first common noun before it
            if _inside_quotes(toks, i) or j + 1 < len(toks) and toks[j + 1].text[:1].isupper():
                continue  # a quoted name is read as one; "Алатау Агро Экспо": the name goes on
            start, end = toks[i].start, tok.end
            if any(s < end and start < e for s, e in taken) or any(
                r.start < end and start < r.end and r.type not in ("City", "Region") for r in ctx.refs_in(k)
            ):
                continue
            if add(ctx, ctx.text[start:end], ctx.text[start:end], start, end):
                taken.append((start, end))
                for r in [r for r in ctx.refs_in(k, "City", "Region") if start <= r.start and r.end <= end]:
                    ctx.drop_ref(r)  # "Омск Трейд": the town's name is the firm's here


def _appositive_name(ctx: Context, k: int, sent: Sentence, head: Token, taken: list[tuple[int, int]], add: Add) -> None:
    """ "предприятие Талас Буурчак", "крестьянское хозяйство Нурдин-Агро": a generic head with a proper name
    after it names the firm by that name alone (spec: "компания", "предприятие" are dropped)."""
    tail = _name_after(ctx, k, sent.tokens, head.i)
    if tail is None or head.i + 1 >= len(sent.tokens):
        return
    start, end = sent.tokens[head.i + 1].start, tail.end
    name = ctx.text[start:end]
    if any(r.start <= start and end <= r.end for r in ctx.refs_in(k, "City", "Region")):
        # "в свободной экономической зоне Ургут": a place's name alone names the place; the body keeps its words
        mods = _modifiers_before(sent.tokens, head.i)
        start, name = (mods[0].start if mods else head.start), _name(ctx, mods, head, end)
    if not any(s < end and start < e for s, e in taken) and add(ctx, name, ctx.text[start:end], start, end):
        taken.append((start, end))
        absorb_places(ctx, k, sent.tokens, head.i, end)


def absorb_places(ctx: Context, k: int, toks: list[Token], head: int, end: int) -> None:
    """ "завода Степняк", "фабрике Зарафшан Текстиль": a town's name in the nominative after a firm's head is the
    firm's name; that mention is no place's, and a place mentioned nowhere else is none of the article's."""
    for r in list(ctx.refs_in(k, "City", "Region")):
        first = next((t for t in toks if t.start <= r.start < t.end), None)
        if first is None or not toks[head].end <= r.start or r.end > end or _genitive(first):
            continue
        ctx.drop_ref(r)


def _head_lemma(tok: Token) -> str:
    """ "ТЭЦ-1" is a ТЭЦ; "маслихата" that the tagger, misled by "Гульнара ... выступила" after it, read as a
    feminine nominative is still the маслихат the dictionary knows."""
    base, _, number = tok.lemma.partition("-")
    if number.isdigit():
        return base
    heads = org_lexicon().unquoted_heads
    if tok.lemma not in heads and tok.text[:1].islower():
        known_head = next((p.normal_form for p in parses(tok.text.lower()) if p.normal_form in heads), None)
        return known_head or tok.lemma
    return tok.lemma


def _names_at(ctx: Context, k: int, sent: Sentence, head: Token) -> list[tuple[int, int, str]]:
    """(start, end, name) of the names a head noun ends or opens; two for "Торгайское и Краснооктябрьское
    бокситовые рудоуправления"."""
    toks = sent.tokens
    mods = _modifiers_before(toks, head.i)
    tail = _proper_tail(ctx, k, toks, head.i)
    if _head_lemma(head) in ("дом", "дворец") and not _house(toks, head):
        return []
    capital = [m for m in mods if m.text[:1].isupper()]
    if not capital and tail is None and not (head.text[:1].isupper() and mods):
        return []
    opening = bool(mods) and all(t.pos == "PUNCT" for t in toks[: mods[0].i])  # after "– " or "«" too
    if opening and tail is None and (not _place_adjective(ctx, mods[0]) or _described(mods, head)):
        # "Крупный завод ..." opening a sentence is no name; nor "– Российский рынок для нас ключевой",
        # "Карагандинский завод активно использует ...": a place's adjective and a bare common head
        return []
    if head.feats.get("Number") == "Plur" or any(_plural(m) for m in mods):
        return _coordinated(ctx, toks, head, mods, tail)
    if tail is None and capital:
        tail = _genitive_tail(ctx, k, toks, head.i)
        at = next((n for n, t in enumerate(toks) if t is tail), None)
        if at is not None and at + 1 < len(toks) and toks[at + 1].text.lower() in ("имени", "им", "им."):
            # "университет энергетики и связи имени Гумарбека Даукеева": the name it bears after it
            tail = _proper_tail(ctx, k, toks, at) or tail
    end = tail.end if tail is not None else (_house_end(toks, head) if head.lemma in ("дом", "дворец") else head.end)
    start = mods[0].start if mods else head.start
    return [(start, end, _name(ctx, mods, head, end))]


# Heads a place adjective alone only describes ("Карагандинский завод"), where a name needs more words
# ("Павлодарский алюминиевый завод"); a university or a theatre so named is one.
_DESCRIBED_HEADS = frozenset({"завод", "фабрика", "комбинат", "рынок", "школа", "предприятие", "компания", "хозяйство"})


def _described(mods: list[Token], head: Token) -> bool:
    return len(mods) == 1 and _head_lemma(head) in _DESCRIBED_HEADS


def described_at_start(ctx: Context, toks: list[Token], span: list[Token]) -> bool:
    """A span of a place's adjective and a bare common head opening its sentence ("Карагандинский завод
    активно использует ..."): a description, whoever tagged it."""
    return (
        len(span) == 2
        and all(t.pos == "PUNCT" for t in toks[: span[0].i])
        and _place_adjective(ctx, span[0])
        and _described(span[:1], span[1])
    )


def _plural(tok: Token) -> bool:
    """An adjective only plural forms read ("горнорудные"), whatever the tagger says of its noun."""
    if tok.feats.get("Number") == "Plur":
        return True
    adj = [p for p in parses(tok.text.lower()) if p.tag.POS == "ADJF"]
    return bool(adj) and all(p.tag.number == "plur" for p in adj)


def _modifiers_before(toks: list[Token], i: int) -> list[Token]:
    """The adjectives (and participles) right before the head; a capitalised adjective the tagger took
    for a proper noun ("Павлодарскую ТЭЦ-1") is one too. The tagger's case is not trusted here."""
    out: list[Token] = []
    j = i - 1
    while j >= 0 and _adjective(toks[j]) and len(out) < 4:
        out.insert(0, toks[j])
        j -= 1
    if j >= 0 and toks[j].pos == "PROPN" and _NAMESAKE.fullmatch(toks[j].text) and (out or toks[i].text[:1].isupper()):
        out.insert(0, toks[j])  # "Назарбаев Интеллектуальной школе": a surname that names the body, undeclined
    return out


_NAMESAKE = re.compile(r"[А-ЯЁ][а-яё]+(?:ов|ев|ин|ын)")


_ADJ_ENDING = (
    "ый",
    "ий",
    "ой",
    "ая",
    "яя",
    "ое",
    "ее",
    "ые",
    "ие",
    "ого",
    "его",
    "ому",
    "ему",
    "ую",
    "юю",
    "ым",
    "им",
    "ом",
    "ем",
    "ых",
    "их",
    "ыми",
    "ими",
)


def _adjective(tok: Token) -> bool:
    if tok.feats.get("Variant") == "Short":
        return False  # "был представлен Южно-Уральский университет": a predicate, no word of the name
    if tok.pos == "ADJ" or tok.feats.get("VerbForm") == "Part":
        return True
    # ("одобрены Советом Федерации": a noun ending so, with no adjective reading, is no modifier)
    return (
        tok.pos == "PROPN"
        and tok.text[:1].isupper()
        and tok.text.lower().endswith(_ADJ_ENDING)
        and (
            bool(_PLACE_ADJECTIVE.search(tok.text))
            or any(p.tag.POS in ("ADJF", "PRTF") for p in parses(tok.text.lower()))
        )
    )


# "Лебединский горно-обогатительный комбинат": a place adjective the dictionary reads only as a surname
_PLACE_ADJECTIVE = re.compile(r"[сц]к(?:ий|ой|ая|ое|ие|ого|ому|им|ом|ую|ых|ими)$")


def _proper_tail(ctx: Context, k: int, toks: list[Token], i: int) -> Token | None:
    """The last token of a proper name after the head: "рудник Керегетас", "центр имени Курмангазы",
    "ТЭЦ-1"; not a place ("завод в Павлодаре" has none, "центр Астаны" names a place) or a person."""
    j = i + 1
    if j < len(toks) and toks[j].text.lower() in ("имени", "им", "им."):
        j += 2 if j + 1 < len(toks) and toks[j + 1].text == "." else 1
        while j + 1 < len(toks) and toks[j].lemma in _RANKS and toks[j + 1].text[:1].isupper():
            j += 1  # "имени академика Е.А. Букетова": the rank is the name's
        last, first = None, j
        # "университета имени П.А. Столыпина Олег Шумаков": a person named after the name is its holder
        people = [r.start for r in ctx.refs_in(k, "Person") if r.start > toks[min(first, len(toks) - 1)].start]
        while j < len(toks) and (
            toks[j].text[:1].isupper() or toks[j].text in (".", "-") or _honorific(toks, j) or _particle(toks[j])
        ):
            named = any(len(t.text) > 1 and t.text != "-" for t in toks[first:j])  # more than initials
            if (
                named
                and (toks[j].start in people or _nominative_name(toks[j]))
                and not _genitive_surname(toks, j)
                and not _honorific(toks, j)
            ):
                break  # "имени И. Жансугурова": the initials are the name's, not someone's before it
            last, j = toks[j], j + 1
        while last is not None and last.text in (".", "-") and last.i > i + 1:
            last = toks[last.i - 1]  # a stop after the name ends the sentence, not the name
        return last
    if toks[i].end < len(ctx.text) and ctx.text[toks[i].end : toks[i].end + 1] == "-" and j + 1 < len(toks):
        return toks[j + 1] if toks[j + 1].text.isdigit() else None  # "ТЭЦ-1"
    return _name_after(ctx, k, toks, i)


def _name_after(ctx: Context, k: int, toks: list[Token], i: int) -> Token | None:
    """ "рудник Керегетас", "агрохолдинг Кулундинские нивы", "фабрика Зарафшан Текстиль", "завод Степняк": a
    proper name in apposition after the head, capitalised and not in the genitive (a place's genitive owns the
    head: "завод Павлодара"); no person's. A place's name is the firm's only when it stands in the nominative
    after a head in another case ("завода Степняк") or more of the name follows it ("Талас Буурчак")."""
    head, j = toks[i], i + 1
    run: list[Token] = []
    while (
        j < len(toks)
        and len(run) < 4
        and toks[j].text[:1].isupper()
        and (run or not _genitive(toks[j]) or _place_as_named(ctx, k, toks[j]))
    ):
        tok = toks[j]  # (a name's later words keep their form: "фабрикой Йылдыз Текстиль")
        if not (tok.pos in ("PROPN", "X") or run and tok.pos in ("NOUN", "ADJ") or not run and _adjective(tok)):
            break
        if any(r.start <= tok.start < r.end and r.type not in ("City", "Region") for r in ctx.refs_in(k)):
            break  # a person's name, or a firm of its own
        run.append(tok)
        j += 1
    if len(run) == 1 and _adjective(run[0]) and j < len(toks) and toks[j].pos == "NOUN" and toks[j].text.islower():
        run.append(toks[j])  # "агрохолдинг Кулундинские нивы": a name of an adjective and its noun
    elif run and _adjective(run[0]):
        return None  # "завод Павлодарской области"-like: an adjective qualifies what follows, names nothing
    places = [t for t in run if any(r.start <= t.start < r.end for r in ctx.refs_in(k, "City", "Region"))]
    if places and len(run) == len(places):
        if _head_lemma(head) in org_lexicon().place_heads or not _nominative_after_oblique(head, run[0]):
            return None  # "в порту Курык": the port of the town is the town
    return run[-1] if run else None


def _place_as_named(ctx: Context, k: int, tok: Token) -> bool:
    """A town named in its own form ("фабрика Семей Былгары"), which a common word's genitive may share."""
    return any(
        r.start <= tok.start < r.end and ctx.table.entities[r.key].name == tok.text
        for r in ctx.refs_in(k, "City", "Region")
        if r.key in ctx.table.entities
    )


def _only_genitive(tok: Token) -> bool:
    """A form the dictionary reads only as a genitive ("гидроприводов"), whatever case the tagger gave it."""
    known = [p for p in parses(tok.text.lower()) if p.is_known]
    return bool(known) and all(p.tag.case == "gent" for p in known)


def _genitive(tok: Token) -> bool:
    """The tagger's genitive, unless the dictionary knows the word and has no genitive for it ("Кулундинские")."""
    if tok.feats.get("Case") != "Gen":
        return False
    known = [p for p in parses(tok.text.lower()) if "UNKN" not in p.tag and p.is_known]
    return not known or any(p.tag.case == "gent" for p in known)


def _nominative_after_oblique(head: Token, name: Token) -> bool:
    """ "завода Степняк": a name that keeps its nominative after a head declined into another case."""
    if head.feats.get("Case") in (None, "Nom", "Acc"):
        return False
    return any(p.tag.case == "nomn" for p in parses(name.text.lower())) and not any(
        PYMORPHY_CASES.get(str(p.tag.case)) == head.feats.get("Case") for p in parses(name.text.lower())
    )


def _genitive_tail(ctx: Context, k: int, toks: list[Token], i: int) -> Token | None:
    """The last noun of a lower-case genitive phrase that belongs to the name ("банк развития", "завод
    прецизионных изделий", "институт ядерной физики"): at most two nouns, no mention, no owner or place."""
    last, j, nouns = None, i + 1, 0
    while j < len(toks) and nouns < 3:
        tok = toks[j]
        if tok.text.lower() in ("имени", "им"):
            break  # the name it bears follows (_proper_tail)
        if tok.text == "и" and last is not None and j + 1 < len(toks) and _genitive_noun(toks[j + 1]):
            j += 1  # "университет энергетики и связи", "центр экспертизы и сертификации"
            continue
        if (
            not tok.text[:1].islower()
            or tok.feats.get("Case") != "Gen"
            and not _only_genitive(tok)
            or any(r.start <= tok.start < r.end for r in ctx.refs_in(k))
        ):
            break
        if tok.pos == "NOUN":
            if tok.lemma in org_lexicon().not_tail_nouns or tok.lemma in org_lexicon().heads:
                break
            last, nouns = tok, nouns + 1
        elif tok.pos != "ADJ":
            break
        j += 1
    return last


def _genitive_noun(tok: Token) -> bool:
    return tok.pos == "NOUN" and tok.feats.get("Case") == "Gen" and tok.text[:1].islower()


def _genitive_surname(toks: list[Token], j: int) -> bool:
    """ "имени Абылкаса Сагинова": a surname in -ова/-ина after a first name in the genitive is the same
    name's, whatever case the tagger gives it."""
    prev = toks[j - 1] if j > 0 else None
    return (
        prev is not None
        and prev.text[:1].isupper()
        and prev.text.lower().endswith(("а", "я"))
        and re.search(r"(?:ова|ева|ёва|ина|ына)$", toks[j].text) is not None
    )


def _nominative_name(tok: Token) -> bool:
    """A name in the nominative after "имени X" (which is genitive) starts the next phrase."""
    return tok.pos == "PROPN" and tok.feats.get("Case") == "Nom"


# "имени аль-Фараби", "имени ибн Сины": Arabic name particles are written in lower case
_PARTICLE = re.compile(r"^(?:(?:аль|ал|ас|ад|ат|ан|эль|уль)-[А-ЯЁ]|ибн$|ибни$)")


def _particle(tok: Token) -> bool:
    return _PARTICLE.match(tok.text) is not None


_RANKS = {"академик", "профессор", "генерал", "маршал", "адмирал", "святой", "святитель", "космонавт", "поэт"}
_HONORIFICS = {"хан", "хана", "би", "батыр", "батыра", "ата", "ана", "ага", "аги"}


def _honorific(toks: list[Token], j: int) -> bool:
    """ "имени Абылай хана", "имени Казыбек би": a Kazakh title after the name is part of it."""
    return toks[j].text.lower() in _HONORIFICS and j > 0 and toks[j - 1].text[:1].isupper()


def _house(toks: list[Token], head: Token) -> bool:
    nxt = toks[head.i + 1] if head.i + 1 < len(toks) else None
    return head.text[:1].isupper() and nxt is not None and nxt.lemma in org_lexicon().house_genitives


def _house_end(toks: list[Token], head: Token) -> int:
    return toks[head.i + 1].end


def _place_adjective(ctx: Context, tok: Token) -> bool:
    return any(d.start == tok.start and d.place.type in ("Region", "City") for d in ctx.demonyms)


def _coordinated(ctx, toks, head, mods, tail) -> list[tuple[int, int, str]]:
    """A plural head with capitalised adjectives coordinated before it: one name per adjective, singular."""
    first = mods[0] if mods else None
    if first is None or not first.text[:1].isupper():
        return []
    shared = [m for m in mods if not m.text[:1].isupper()]
    owners = [first]
    j = first.i - 1
    while j >= 1 and toks[j].text in ("и", ",") and _adjective(toks[j - 1]) and toks[j - 1].text[:1].isupper():
        owners.insert(0, toks[j - 1])
        j -= 2
    if len(owners) < 2:
        return []
    end = tail.end if tail is not None else head.end
    return [(o.start, end, _name(ctx, [o, *shared], head, end)) for o in owners]


def _name(ctx: Context, mods: list[Token], head: Token, end: int) -> str:
    """The name in the nominative singular: the adjectives agree with the head; words after it stay."""
    gender = _gender(head, mods)
    noun = head.text if head.text.isupper() else inflect_word(head.text, {"nomn", "sing"}, ("NOUN",))
    council = next((c for c in COUNCILS if head.text.lower().startswith(c) and len(head.text) - len(c) <= 2), None)
    if council:
        gender, noun = "masc", council  # "маслихата": no dictionary knows the word, whose -а is the genitive
    words = [
        # "Торайгыров университета": a capitalised surname-like word in -ов/-ин names the body; it does not decline
        m.text
        if re.fullmatch(r"[А-ЯЁ][а-яё]+(?:ов|ев|ин|ын)", m.text)
        else inflect_word(m.text, {"nomn", "sing", gender}, ("ADJF", "PRTF"))
        for m in mods
    ] + [noun]
    if head.text[:1].isupper() and not head.text.isupper():
        words[-1] = words[-1][:1].upper() + words[-1][1:]
    rest = ctx.text[head.end : end]
    name = " ".join(words) + rest
    return name[:1].upper() + name[1:]


COUNCILS = ("маслихат", "кенеш")  # masculine council words pymorphy does not know


def _gender(head: Token, mods: list[Token]) -> str:
    """The head noun's gender; an abbreviation's ("ТЭЦ") is the one its adjectives show."""
    if not head.text.isupper():
        noun = next((p.tag.gender for p in parses(head.text.lower()) if p.tag.POS == "NOUN"), None)
        if noun:
            return noun
    for m in mods:  # the adjective's own form first: the tagger guesses on capitalised words
        genders = {p.tag.gender for p in parses(m.text.lower()) if p.tag.POS == "ADJF" and p.tag.gender}
        gender = genders.pop() if len(genders) == 1 else None
        gender = gender or {"Masc": "masc", "Fem": "femn", "Neut": "neut"}.get(m.feats.get("Gender", ""))
        if gender:
            return gender
    return "masc"
