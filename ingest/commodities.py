"""Commodities: the goods a trade phrase lists, as nominative lemma phrases with their HS class.

A goods phrase is read left to right: list items split at commas, "и", "а также" and brackets;
quantities, measures and containers stripped to the good ("52 тыс. т пшеницы", "39 партий рыбы",
"вагоны зерна"); shared adjectives split ("хромовых и медно-цинковых концентратов"). Each item is
named in the nominative and classified by the goods taxonomy (ingest/goods.py): an item of no HS
chapter or product group is no commodity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coopgraph.ingest.context import Context
from coopgraph.ingest.dates import month_number
from coopgraph.ingest.goods import classify, headword, is_generic
from coopgraph.ingest.morph import UD_CASES, UD_GENDERS, inflect_word, lemma, nominative_phrase, parses
from coopgraph.ingest.nlp import Token
from coopgraph.ingest.trade_words import trade_words

_DROP_DET = {"другой", "прочий", "иной", "весь", "этот", "такой", "свой", "наш", "ваш", "их", "тот", "каждый"}
# Prepositions that open no part of a goods phrase: "на сумму", "по цене", "за период", "в том числе".
_STOP_PREPS = {"на", "по", "за", "до", "к", "при", "через", "после", "в", "во", "от", "под", "между", "среди"}
_STOP_WORDS = {"который", "что", "где", "чтобы", "если", "когда", "как", "чем"}
_TIME_NOUNS = {"начало", "год", "период", "месяц", "неделя", "день", "квартал", "полугодие"}
_WHEN_NOUNS = _TIME_NOUNS | {"урожай", "сезон"}
_SEPARATORS = {",", "–", "—", "-", "|"}
_THEM = re.compile(r"\bиз (них|него|неё|нее)\b")


@dataclass(frozen=True)
class Good:
    """One commodity of a goods phrase."""

    name: str  # nominative lemma phrase, lower case: "изделия из черных металлов"
    chapter: str  # HS chapter ("73") or product group range ("72-83")
    start: int  # character offsets of the words it was read from
    end: int


@dataclass
class GoodsRead:
    """What a goods phrase names: commodities, and whether it also named goods of no class or no goods."""

    goods: list[Good] = field(default_factory=list)
    generic: bool = False  # "продукция", "груз", "товары": goods, of no class
    other: bool = False  # a noun that is no good ("чиновники", "развитие туризма")
    pronoun: Token | None = None  # "его", "который": the goods are named elsewhere

    @property
    def empty(self) -> bool:
        return not (self.goods or self.generic or self.other or self.pronoun)


@dataclass
class _Item:
    tokens: list[Token]
    bracketed: bool = False  # inside brackets, or after a dash or "в том числе" that opens an elaboration
    opens: bool = False  # the first such item: the item before it is what the elaboration is of


def read_goods(ctx: Context, k: int, tokens: list[Token]) -> GoodsRead:
    """The goods listed in `tokens` (a stretch of sentence `k`), read up to the end of their phrase."""
    out = GoodsRead()
    pending_adjs: list[list[Token]] = []
    last: tuple[list[Token], int, list[Token]] | None = None  # the previous item's tokens, head, tail
    outside: tuple[list[Token], int, list[Token]] | None = None  # the item before the elaboration opened
    items = _items(_mark_places(ctx, k, tokens))
    for n, item in enumerate(items):
        toks = _strip(item.tokens)
        if not toks:
            continue
        before = [t for t in item.tokens if t.end <= toks[0].start]
        measured = any(t.pos == "NUM" or t.lemma in trade_words().measures for t in before)
        if len(toks) == 1 and toks[0].pos == "PRON" and toks[0].lemma in trade_words().pronouns:
            out.pronoun = out.pronoun or toks[0]
            continue
        if all(t.lemma in _DROP_DET for t in toks):
            out.generic = True  # "концентраты (меди, цинка и других)"
            continue
        head = _head_index(toks)
        if head is None and item.bracketed and last is not None and _qualifies(toks, last[0][last[1]]):
            continue  # "уголь, в том числе энергетический, а также алюминий": a kind of the good before, elided
        if head is None:
            if all(t.pos == "ADJ" or t.pos == "NOUN" and not _is_noun(t) for t in toks):
                pending_adjs.append(toks)  # "хромовых и медно-цинковых концентратов"
            continue
        if any(t.lemma in _DROP_DET for t in toks[:head]):
            out.generic = True  # "и другой продукции"
            pending_adjs = _shared(out, pending_adjs, toks, head)
            continue
        if item.opens:
            outside = last
        if item.bracketed and outside is not None and _is_complement_list(outside, toks, head):
            # "концентраты металлов (меди, цинка)": each names the complement of the item before the bracket
            prev, prev_head, _ = outside
            _add(out, prev[: prev_head + 1] + toks, prev_head)
            continue
        pending_adjs = _shared(out, pending_adjs, toks, head)
        tail = _tail(toks, head)
        nxt = _strip(items[n + 1].tokens) if n + 1 < len(items) else []
        shared = _shares_complement_noun(tail, nxt)
        if shared is not None:
            # "семена зерновых и масличных культур": the noun of the next item completes this one's
            # complement, and this item's head heads the next
            tail = tail + [nxt[shared]]
            items[n + 1] = _Item(toks[: head + 1] + nxt, items[n + 1].bracketed)
        _add(out, toks[: head + 1] + tail, head, measured=measured)
        last = (toks, head, tail)
    out.goods = _unique(out.goods)
    return out


def _qualifies(adjs: list[Token], noun: Token) -> bool:
    """Adjectives alone that the dictionary lets agree with the noun before them (number, singular gender, case):
    that noun elided ("уголь, в том числе энергетический"), not a noun after them shared ("в том числе медных и
    цинковых руд", where "медных" is no case of "концентраты" before). The tagger's own reading of such an
    adjective is often wrong ("говяжье" as a genitive plural)."""
    number, gender = noun.feats.get("Number"), noun.feats.get("Gender")
    case = UD_CASES.get(noun.feats.get("Case", ""))
    if not adjs or not number or not case:
        return False
    wanted = {case} | ({"nomn", "accs"} if case in ("nomn", "accs") else set())

    def agrees(t: Token) -> bool:
        return any(
            p.tag.POS == "ADJF"
            and p.tag.number == number.lower()
            and p.tag.case in wanted
            and not (p.tag.case == "accs" and "anim" in p.tag and noun.feats.get("Animacy") != "Anim")
            and (number != "Sing" or not gender or p.tag.gender == UD_GENDERS.get(gender))
            for p in parses(t.text.lower())
        )

    return all(agrees(t) for t in adjs)


def _shared(out: GoodsRead, pending: list[list[Token]], toks: list[Token], head: int) -> list[list[Token]]:
    """Adjectives listed before a shared noun each make their own good with it."""
    number = toks[head].feats.get("Number")
    for adjs in pending:
        if number == "Sing" and _only_plural(adjs[-1]):
            # "овощи, бахчевые и зерно": a plural adjective shares no singular noun; it is a noun itself
            _add(out, adjs, len(adjs) - 1)
            continue
        _add(out, adjs + toks[head:], len(adjs), whole_tail=True)
    return []


def _only_plural(t: Token) -> bool:
    """Whether the dictionary reads an adjective as plural only ("бахчевые", not "листовое")."""
    adjs = [p for p in parses(t.text.lower()) if p.tag.POS == "ADJF"]
    return bool(adjs) and all(p.tag.number == "plur" for p in adjs)


def _add(out: GoodsRead, words: list[Token], head: int, whole_tail: bool = False, measured: bool = False) -> None:
    if whole_tail:
        words = words[: head + 1] + _tail(words, head)
    named = _name(words, head, measured)
    if named is None:
        out.other = True
        return
    name, lemmas, at = named
    if _THEM.search(name) and out.goods:
        # "бумагу, картон и изделия из них" → "изделия из бумаги и картона"
        name = resolve_them(name, [g.name for g in out.goods])
        lemmas = [lemma(w) for w in name.split()]
    found = classify(lemmas)
    for alt in () if found else _other_lemmas(words[head]):
        found = classify(lemmas[:at] + [alt.normal_form] + lemmas[at + 1 :])
        if found:  # "ржи" is rust ("ржа") to the tagger and rye ("рожь") to the goods
            plural = name.split()[at] != alt.normal_form and alt.tag.number == "plur"
            form = alt.inflect({"nomn", "plur" if plural else "sing"}) or alt
            name = " ".join(form.word if i == at else w for i, w in enumerate(name.split()))
            break
    if found is not None:
        out.goods.append(Good(name, found.chapter, words[0].start, words[-1].end))
    elif is_generic(lemmas) or lemmas[at] in trade_words().transparent:
        out.generic = True
    else:
        out.other = True


def _other_lemmas(tok: Token) -> list:
    """The noun parses of a word other than the tagger's lemma, one per lemma."""
    seen = {tok.lemma}
    out = []
    for p in parses(tok.text.lower()):
        if p.tag.POS == "NOUN" and p.normal_form not in seen:
            seen.add(p.normal_form)
            out.append(p)
    return out


def _unique(goods: list[Good]) -> list[Good]:
    seen: set[str] = set()
    out = []
    for g in goods:
        if g.name not in seen and len(g.name) > 2:
            seen.add(g.name)
            out.append(g)
    return out


def _mark_places(ctx: Context, k: int, tokens: list[Token]) -> list[Token]:
    """Place and organization mentions, with their prepositions, become separators: they are the sides."""
    spans = [(r.start, r.end) for r in ctx.refs_in(k, "Region", "City", "Country", "Organization")]
    spans += [(d.start, d.end) for d in ctx.demonyms if ctx.sentences[k].start <= d.start < ctx.sentences[k].end]
    out: list[Token] = []
    for t in tokens:
        if out and out[-1].text == "|" and t.lemma == "рынок":
            continue  # "на российский рынок": part of the destination
        if any(s <= t.start < e for s, e in spans):
            if out and out[-1].pos == "ADP":
                out.pop()
            if not out or out[-1].text != "|":
                out.append(Token(-1, "|", t.start, t.end, "|", "PUNCT", {}))
            continue
        out.append(t)
    return out


def _items(tokens: list[Token]) -> list[_Item]:
    """The list items of a goods phrase, up to where the phrase ends."""
    items: list[_Item] = []
    cur: list[Token] = []
    bracketed = False
    abbreviations = trade_words().abbreviations

    opened = False

    def close() -> None:
        nonlocal cur, opened
        if cur:
            items.append(_Item(cur, bracketed, opened))
            opened = False
        cur = []

    def open_elaboration() -> None:
        nonlocal bracketed, opened
        close()
        bracketed = opened = True

    skip = 0
    for i, t in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        if t.text == "." and i and tokens[i - 1].text.lower() in abbreviations:
            continue  # "52 тыс. т пшеницы"
        marker = list_marker(tokens, i)
        if marker:  # "около 40 видов продукции, среди них мясо, молоко", "в том числе"
            open_elaboration()  # "концентраты металлов, в том числе меди и цинка": the complements it lists
            skip = marker - 1
            continue
        if i and tokens[i - 1].lemma in trade_words().measures and t.pos in ("VERB", "ADJ"):
            t = _as_genitive_noun(t)
        if t.text in (".", ";", ":", "!", "?") or _ends_phrase(t, tokens[i + 1] if i + 1 < len(tokens) else None):
            break
        if t.text == "|" and i + 1 < len(tokens) and tokens[i + 1].text in ("–", "—"):
            break  # ", из Курганской – трубы": a place and a dash open a clause of their own
        if t.pos == "CCONJ" and t.lemma in ("а", "но") and i and tokens[i - 1].text == ",":
            if not (i + 1 < len(tokens) and tokens[i + 1].lemma == "также"):
                break  # ", а Кыргызстан в Казахстан – электроэнергию": another clause
        if t.text == "(":
            open_elaboration()
        elif t.text == ")":
            close()
            bracketed = False
        elif t.text in ("–", "—") and cur:
            open_elaboration()  # "концентраты металлов — меди, цинка": what follows elaborates, as a bracket
        elif t.text in _SEPARATORS or (t.pos == "CCONJ" and t.lemma in ("и", "а", "или")):
            close()
        elif t.text not in ("«", "»", '"', "“", "”"):
            cur.append(t)
    close()
    return items


_MARKERS = (
    ("в", "тот", "число"),
    ("среди", "они"),
    ("включая",),
    ("например",),
    ("в", "частность"),
    # "товаров на 13,6 млн долларов – в основном цемент": what the goods were, mostly
    ("в", "основной"),
    ("в", "основный"),
    ("главный", "образ"),
    ("преимущественно",),
    ("прежде", "всего"),
    ("прежде", "весь"),  # the tagger's lemma of "всего"
)


def list_marker(tokens: list[Token], i: int) -> int:
    """The length of a phrase that opens the list of goods a general word stood for, at `i`; 0 if none."""
    for marker in _MARKERS:
        words = tokens[i : i + len(marker)]
        if len(words) == len(marker) and all(t.lemma == w for t, w in zip(words, marker)):
            return len(marker)
    return 0


def _as_genitive_noun(t: Token) -> Token:
    """After a measure a word is the measured good: "910,4 тонны камыша", which the tagger took for a verb."""
    noun = next((p for p in parses(t.text.lower()) if p.tag.POS == "NOUN" and p.tag.case == "gent"), None)
    if noun is None:
        return t
    number = "Plur" if noun.tag.number == "plur" else "Sing"
    return Token(t.i, t.text, t.start, t.end, noun.normal_form, "NOUN", {"Case": "Gen", "Number": number})


def _ends_phrase(t: Token, nxt: Token | None) -> bool:
    if t.lemma in _STOP_WORDS and t.pos in ("PRON", "SCONJ", "ADV"):
        return True
    if t.pos in ("VERB", "AUX") and not (t.feats.get("VerbForm") == "Part" and "Case" in t.feats):
        return True  # a finite verb or a short participle opens another clause; "замороженная рыба" does not
    if t.pos != "ADP":
        return False
    if t.lemma in ("в", "во") and _form_of_good(nxt):
        return False  # "цинк в слитках", "кукуруза в зерне": the form the good comes in
    if t.lemma in _STOP_PREPS:
        return True
    return t.lemma in ("с", "со") and (
        nxt is None or nxt.pos == "NUM" or nxt.lemma in _TIME_NOUNS or month_number(nxt.text, strict=True) is not None
    )


_FORMS = {
    "слиток",
    "зерно",
    "брикет",
    "гранула",
    "мешок",
    "рулон",
    "контейнер",
    "упаковка",
    "бочка",
    "пачка",
    "лист",
    "чушка",
    "катушка",
    "бухта",
    "тара",
    "банка",
    "бутылка",
    "коробка",
    "ящик",
    "таблетка",
}


def _form_of_good(nxt: Token | None) -> bool:
    return nxt is not None and nxt.feats.get("Case") == "Loc" and nxt.lemma in _FORMS


def _strip(tokens: list[Token]) -> list[Token]:
    """Leading function words, numbers and measures go: "более 2 тыс. т рапса" → "рапса"."""
    toks = [t for t in tokens if t.pos != "PUNCT"]
    measures = trade_words().measures
    while toks:
        first = toks[0]
        if (
            first.pos in ("ADP", "PART", "ADV", "CCONJ", "NUM", "SYM", "SCONJ")
            or first.text[:1].isdigit()
            or first.lemma in ("самый", "сам")  # "самой ходовой гречки": a superlative's marker
            # "первые лифты", "очередные комбайны": which batch, not what good
            or first.lemma in ("первый", "очередной")
            and first.pos == "ADJ"
            and len(toks) > 1
        ):
            toks = toks[1:]
            continue
        cut = next((i for i, t in enumerate(toks) if t.pos in ("NOUN", "PROPN") or t.lemma in measures), None)
        if (
            cut is not None
            and toks[cut].lemma in measures
            and cut + 1 < len(toks)
            and _measured(toks[cut + 1])
            and all(t.pos in ("ADJ", "NUM", "DET", "ADV") for t in toks[:cut])
            and not _made_by(toks[cut + 1 :])
        ):
            toks = toks[cut + 1 :]  # "первую партию моркови", "20 вагонов угля", "зерно пшеницы"
            continue
        if cut is not None and toks[cut].lemma in measures and cut + 2 < len(toks) and toks[cut + 1].lemma == "с":
            toks = toks[cut + 2 :]  # "эшелон с пшеницей", "вагоны с углем"
            continue
        break
    return toks


def _made_by(toks: list[Token]) -> bool:
    """ "машин собственного производства": after a unit-like noun, only who made it; the noun is the good."""
    words = [t for t in toks if t.pos != "PUNCT"]
    return bool(words) and words[-1].lemma == "производство" and all(t.pos == "ADJ" for t in words[:-1])


def _measured(t: Token) -> bool:
    """What may follow a measure that measures it: the good in the genitive, a number, another measure."""
    return t.feats.get("Case") == "Gen" or t.pos == "NUM" or t.lemma in trade_words().measures or t.text == "."


def _is_noun(t: Token) -> bool:
    ps = parses(t.text.lower())
    if t.pos == "NOUN":
        return not (ps and all(p.tag.POS == "ADJF" for p in ps))  # "хромовых" tagged a noun
    # the tagger now and then calls a plural genitive noun an adjective ("концентратов")
    return t.pos == "ADJ" and bool(ps) and ps[0].tag.POS == "NOUN" and not any(p.tag.POS == "ADJF" for p in ps)


def _head_index(item: list[Token]) -> int | None:
    for i, t in enumerate(item):
        if _is_noun(t):
            return i
        if t.pos not in ("ADJ", "DET", "NUM", "ADV", "PART", "NOUN") and t.feats.get("VerbForm") != "Part":
            return None  # a NOUN here is an adjective the tagger mistook ("масличные" культуры)
    return None


def _tail(item: list[Token], head: int) -> list[Token]:
    """The complements that belong to the good: genitives, "из"/"для"/"с" phrases, adjectives after it."""
    tail: list[Token] = []
    rest = item[head + 1 :]
    for i, t in enumerate(rest):
        if t.pos in ("VERB", "AUX") and "Case" not in t.feats:
            break
        if t.lemma in _WHEN_NOUNS and t.feats.get("Case") == "Gen":
            break  # "сахарной свеклы урожая 2026 года": when it grew, not what it is
        if t.lemma == "производство" or any(u.lemma == "производство" and u.i == t.i + 1 for u in rest):
            break  # "машин собственного производства", "тракторов белорусского производства": who made it
        if t.pos == "ADP" and t.lemma in ("для", "к") and classify([x.lemma for x in rest[i + 1 :]]) is None:
            break  # "семена для посева": a purpose, not a part of the good; "комплектующие для вагонов" stay
        tail.append(t)
    if not tail:
        return tail
    first = tail[0]
    if first.pos == "ADP" and first.lemma in ("из", "для", "с", "к"):
        return tail
    if first.feats.get("Case") == "Gen" and first.pos != "ADJ":
        return tail
    if (first.pos == "ADJ" or first.feats.get("VerbForm") == "Part") and first.feats.get("Case") in (
        item[head].feats.get("Case"),
        "Gen",
    ):
        return tail  # "горох сушеный продовольственный", "изделия черных металлов"; not "йогурты общим весом"
    return []


def _shares_complement_noun(tail: list[Token], nxt: list[Token]) -> int | None:
    """Where the noun is in the next item when this item's complement ends in a genitive adjective and
    the next item is genitive adjectives and a noun: "семена зерновых и масличных культур"."""
    if not tail or not nxt or tail[-1].pos != "ADJ" or tail[-1].feats.get("Case") != "Gen":
        return None
    if any(_is_noun(t) for t in tail):
        return None
    j = next((i for i, t in enumerate(nxt) if _is_noun(t)), None)
    if not j or not all(t.pos == "ADJ" for t in nxt[:j]) or nxt[j].feats.get("Case") != "Gen":
        return None
    return j


def _is_complement_list(last: tuple[list[Token], int, list[Token]], toks: list[Token], head: int) -> bool:
    _, _, tail = last
    return bool(tail) and tail[0].feats.get("Case") == "Gen" and toks[head].feats.get("Case") == "Gen"


def _name(words: list[Token], head: int, measured: bool = False) -> tuple[str, list[str], int] | None:
    """The nominative name of a good ("готовая мясная продукция"), its lemmas and where the head is
    among them; None for a phrase that is no noun phrase."""
    # "выпускаемого цемента", "производимой продукции": a present participle says what is done with the good,
    # not what good it is ("замороженная рыба" does)
    lead = [
        t
        for t in words[:head]
        if t.pos in ("ADJ", "NOUN") or t.feats.get("VerbForm") == "Part" and t.feats.get("Tense") != "Pres"
    ]
    if not words[head].text[:1].isalpha():
        return None
    tail = words[head + 1 :]
    if tail and _adjective_read_as_noun(words[head], tail[0]):
        return _name(words, head + 1, measured)  # "мороженого судака": мороженый судак, not мороженое
    feats = dict(words[head].feats)
    singular = [p for p in parses(words[head].text.lower()) if p.tag.POS == "NOUN" and p.tag.number == "sing"]
    if measured and feats.get("Case") == "Gen" and any(p.tag.case == "gent" for p in singular):
        feats["Number"] = "Sing"  # "177 т гороха", "159 т чечевицы": a measured good is a mass, named singular
    nouns = [p for p in parses(words[head].text.lower()) if p.tag.POS == "NOUN"]
    if feats.get("Number") == "Plur" and nouns and all(p.tag.number == "sing" for p in nouns):
        feats["Number"] = (
            "Sing"  # "полипропилен, металлоконструкции": the tagger's plural from the list; the form is singular
        )
    triples = [(t.text, t.feats, "ADJ") for t in lead] + [(words[head].text, feats, "NOUN")]
    name = nominative_phrase(triples, len(lead))
    last = name.rpartition(" ")
    if last[2] == words[head].lemma and headword(last[2]) != last[2]:
        name = last[0] + last[1] + headword(last[2])  # "тритикале" does not decline: no "тритикал" from its case
    if tail:
        name += " " + " ".join(t.text for t in tail)
    lemmas = [_adjective_lemma(t) for t in lead] + [t.lemma for t in [words[head]] + tail]
    return name.lower().replace("ё", "е"), lemmas, len(lead)


def _adjective_read_as_noun(word: Token, nxt: Token) -> bool:
    """A noun the tagger read before a noun of its own case that is also an adjective of that case: the
    adjective qualifies the noun after it."""
    case = word.feats.get("Case")
    if word.pos != "NOUN" or nxt.pos != "NOUN" or not case or nxt.feats.get("Case") != case:
        return False
    wanted = UD_CASES.get(case)
    return any(p.tag.POS == "ADJF" and p.tag.case == wanted for p in parses(word.text.lower()))


def _adjective_lemma(t: Token) -> str:
    """An adjective the tagger took for a noun ("масличные" культуры) has the adjective's lemma."""
    if t.pos != "NOUN":
        return t.lemma
    adj = next((p for p in parses(t.text.lower()) if p.tag.POS == "ADJF"), None)
    return adj.normal_form if adj is not None else t.lemma


def resolve_them(name: str, previous: list[str]) -> str:
    """The goods named just before stand for "них" in "изделия из них"."""
    heads = [p for p in previous[-2:] if " " not in p]
    if not heads:
        return name
    gen = " и ".join(inflect_word(h, {"gent"}, ("NOUN",)) for h in heads)
    return _THEM.sub(f"из {gen}", name)
