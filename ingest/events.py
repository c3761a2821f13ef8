"""Events: named forums, exhibitions, fairs, festivals, conferences, keeping the edition number."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import takewhile
from typing import cast

from coopgraph.ingest.context import Context
from coopgraph.ingest.morph import inflect_word, known, lemma, match_case, parses
from coopgraph.ingest.places import qualifies_a_place
from coopgraph.ingest.records import Entity
from coopgraph.ingest.syntax_repair import inside_quotes


@dataclass(frozen=True)
class EventLexicon:
    heads: frozenset[str]
    needs_name: frozenset[str]
    head_suffixes: tuple[str, ...]
    days: frozenset[str]
    day_genitives: frozenset[str]
    day_topics: frozenset[str]
    generic_adjectives: frozenset[str]
    time_words: frozenset[str]
    parts: frozenset[str]
    brands: dict[str, str]

    def is_head(self, lemma: str) -> bool:
        # "ярмарка-выставка", "выставка-форум": a compound of a head that needs no name is a head
        compound = (
            "-" in lemma and lemma.partition("-")[0] in self.heads and lemma.partition("-")[0] not in self.needs_name
        )
        return lemma in self.heads or lemma.endswith(self.head_suffixes) or compound


@lru_cache(maxsize=1)
def event_lexicon() -> EventLexicon:
    data = tomllib.loads(resources.files(__package__).joinpath("lexicons/events.toml").read_text(encoding="utf-8"))
    return EventLexicon(
        heads=frozenset(data["heads"]),
        needs_name=frozenset(data["needs_name"]),
        head_suffixes=tuple(data["head_suffixes"]),
        days=frozenset(data["days"]),
        day_genitives=frozenset(data["day_genitives"]),
        day_topics=frozenset(data["day_topics"]),
        generic_adjectives=frozenset(data["generic_adjectives"]),
        time_words=frozenset(data["time_words"]),
        parts=frozenset(data["parts"]),
        brands=dict(data["brands"]),
    )


_ROMAN = r"(?:[IVXLC]{1,7})"
# (?<!...): the leftmost match starts where a word starts; trying inside words only cost time
_QUOTE = re.compile(r"[«\"“„](?P<name>[^«»\"“”„\n]{2,90}?)[»\"”“]")
_EDITION_BEFORE = re.compile(rf"(?<![\w-])(?P<ord>{_ROMAN})\s+(?P<words>(?:[А-Яа-яЁё\-]+\s+){{0,3}})$")
_WORDS_BEFORE = re.compile(r"((?:[А-Яа-яЁё\-]+\s+){1,4})$")
_TITLE_WORDS = re.compile(
    rf"(?:(?P<ord>{_ROMAN})\s+)?(?P<head>[А-ЯЁ][а-яё\-]+)(?P<tail>(?:\s+(?:[а-яё\-]+|[А-ЯЁ][а-яё\-]+|и)){{1,9}})"
)
_STOP_WORDS = {
    "в",
    "во",
    "на",
    "с",
    "со",
    "по",
    "к",
    "у",
    "от",
    "до",
    "для",
    "при",
    "из",
    "о",
    "об",
    "который",
    "которая",
    "которое",
    "которые",
    "состоялся",
    "состоялась",
    "прошел",
    "прошёл",
    "прошла",
    "был",
    "была",
    "стал",
    "где",
    "что",
    "а",
    "но",
    "году",
    "года",
}


def extract_events(ctx: Context) -> None:
    taken: list[tuple[int, int]] = []
    _quoted_names(ctx, taken)
    _quoted_after_head(ctx, taken)
    _named_after_head(ctx, taken)
    _ordinal_events(ctx, taken)
    for m in _title_words(ctx.text):
        head = lemma(m.group("head"))
        lex = event_lexicon()
        if (
            not lex.is_head(head)
            or head in lex.needs_name
            and not m.group("ord")
            and not _named_mid_sentence(ctx, m, head)
        ):
            continue
        if any(s <= m.start("head") < e for s, e in taken):
            continue
        if m.start() == _line_start(ctx.text, m.start()) and not m.group("ord") and not _is_title_case_event(m):
            continue  # a sentence starting with "Форум ..." is usually a back-reference
        tail = _tail(m.group("tail"))
        if not tail:
            continue
        ordinal = f"{m.group('ord')} " if m.group("ord") else ""
        name = f"{ordinal}{_nominative(m.group('head'))} {tail}"  # "на Играх дружбы ..." → "Игры дружбы ..."
        end = m.start("tail") + m.group("tail").find(tail.split()[-1]) + len(tail.split()[-1])
        start = m.start()
        pair = _PAIR_BEFORE.search(ctx.text, max(0, start - 60), start) if not m.group("ord") else None
        if pair:  # "Казахстанско-Китайский Форум межрегионального сотрудничества": the two countries' forum
            name, start = f"{_agreeing(m.group('head').lower(), [pair.group('adj')])} {tail}", pair.start()
        _add(ctx, name, ctx.text[start:end], start, end)
        taken.append((start, end))
    _adjective_events(ctx, taken)
    _described_events(ctx, taken)
    _place_days(ctx, taken)
    _brands(ctx, taken)  # last: "Китайско-Евразийское ЭКСПО" is a name of which the brand is a word
    _fold_shorter_names(ctx)
    _fold_described_editions(ctx)
    _back_references(ctx, taken)


def _fold_shorter_names(ctx: Context) -> None:
    """ "Поездка на Измирскую ярмарку" over "с 94-й Измирской международной ярмарки": a name whose words are all
    in one fuller name of an event of the same kind (lemmas) is that event, named in full."""
    events = ctx.table.of_type("Event")
    words = {e.key: {lemma(w) for w in re.findall(r"[\w-]+", e.name.lower())} for e in events}
    for short in events:
        mine = words[short.key]
        fuller = [e for e in events if e is not short and len(words[e.key]) > len(mine) and mine < words[e.key]]
        if len(mine) < 2 or len(fuller) != 1 or short.key not in ctx.table.entities:
            continue
        ctx.fold_entity(short, fuller[0])


def _fold_described_editions(ctx: Context) -> None:
    """ "Третий форум регионов Казахстана и Узбекистана прошел в Туркестане" over "прошел третий Форум
    межрегионального сотрудничества Казахстана и Узбекистана": an event without an edition whose head and places
    are those of an edition the article names is that edition (of several, the one named first: a "следующий, IV
    Форум" comes after it)."""
    events = ctx.table.of_type("Event")
    first_seen = {e.key: min((r.start for r in ctx.refs if r.key == e.key), default=len(ctx.text)) for e in events}

    def parts(e) -> tuple[bool, str, frozenset[str]]:
        words = re.findall(r"[\w-]+", e.name)
        edition = bool(words) and (re.fullmatch(_ROMAN, words[0]) is not None or words[0][:1].isdigit())
        words = words[1:] if edition else words
        places = frozenset(lemma(w) for w in words[1:] if w[:1].isupper())
        return edition, lemma(words[0]) if words else "", places

    for short in events:
        edition, head, places = parts(short)
        if edition or not places or short.key not in ctx.table.entities:
            continue
        editions = sorted(
            (e for e in events if e is not short and e.key in ctx.table.entities and parts(e) == (True, head, places)),
            key=lambda e: first_seen[e.key],
        )
        if editions:
            ctx.fold_entity(short, editions[0])


_CAPITAL = re.compile(rf"(?<![\w-])(?:{_ROMAN}\s+)?[А-ЯЁ][а-яё]")


def _title_words(text: str):
    """Every capitalised run, from each of its capitalised words: "В Оше прошел Форум межрегионального
    сотрудничества ..." is tried from "Оше" and from "Форум" (one run read from its first word hid the
    second's event)."""
    for start in _CAPITAL.finditer(text):
        m = _TITLE_WORDS.match(text, start.start())
        if m is not None:
            yield m


def _quoted_after_head(ctx: Context, taken) -> None:
    """A quoted name after an event's head, maybe with its complements between: "выставка «Иннопром»",
    "фестиваля национальных культур «Шанырак»" → the name in quotes (spec: descriptors are dropped)."""
    for m in _QUOTE.finditer(ctx.text):
        if any(s <= m.start("name") < e for s, e in taken):
            continue
        before = _WORDS_BEFORE.search(ctx.text[max(0, m.start() - 80) : m.start()])
        firms = [r for r in ctx.refs if r.type == "Organization" and r.start <= m.start("name") < r.end]
        known = any(ctx.table.entities[f.key].legal_form or _named_elsewhere(ctx, f) for f in firms)
        if firms and (known or not _right_after_head(before)) or _subject_of_a_singular_verb(ctx, m.start(), m.end()):
            # "на выставке представили ТОО «Восток-Молоко»", "По итогам ярмарки «Оренмолпром» уже отгрузил":
            # the firm, not the exhibition's name
            continue
        for firm in firms:  # "во время выставки «Агрокомплекс»": the tagger's firm is the exhibition's name
            ctx.drop_ref(firm)
        if before is None:
            continue
        heads = [
            w
            for w in re.finditer(r"[А-Яа-яЁё\-]+", before.group(1))
            if event_lexicon().is_head(lemma(w.group())) or lemma(w.group()).startswith(("форум", "выставк"))
        ]
        if not heads or all(lemma(w.group()) in event_lexicon().parts for w in heads):
            continue  # "на пленарной сессии «Евразийская логистика»": a part of the forum, no event of its own
        start = m.start() - len(before.group(1)) + heads[0].start()
        name = re.sub(r"\s+", " ", m.group("name")).strip()
        edition = _EDITION_BEFORE.search(ctx.text, max(0, start - 80), start)
        if edition and all(_adjective(w) for w in edition.group("words").split()):
            # "III Кыргызско-казахстанский межрегиональный форум «Иссык-Куль – Алатау»": the quoted name,
            # with the edition number the text gives (spec), not a second event of the descriptor
            name, start = f"{edition.group('ord')} {name}", edition.start()
        _add(ctx, name, ctx.text[start : m.end()], start, m.end())
        taken.append((start, m.end()))


def _subject_of_a_singular_verb(ctx: Context, start: int, end: int) -> bool:
    """Whether a singular finite verb follows the quote (adverbs aside) after a head not in the nominative
    ("ярмарки «X» отгрузил"): the quoted name is the verb's subject, no name of the head's."""
    tokens = ctx.sentences[ctx.sentence_of(end - 1)].tokens
    head = next((t for t in reversed(tokens) if t.end <= start and t.pos != "PUNCT"), None)
    after = [t for t in tokens if t.start >= end and t.pos not in ("ADV", "PART")]
    verb = after[0] if after else None
    # (a quoted name's words are in the nominative whatever their role: "сети «Арай Маркет»")
    clause = [
        t for t in takewhile(lambda t: t.pos != "PUNCT" or t.text in "«»", after[1:]) if not inside_quotes(tokens, t)
    ]
    return (
        not any(_in_the_nominative(t) for t in clause)  # "состоялся форум": the verb has a subject of its own
        and head is not None
        and head.feats.get("Case") not in (None, "Nom")
        and verb is not None
        and verb.pos == "VERB"
        and verb.feats.get("VerbForm") == "Fin"
        and verb.feats.get("Number") == "Sing"
    )


def _in_the_nominative(t) -> bool:
    """A noun in the nominative by its tag and by some reading of its form (the tagger can call "актюбинской" one)."""
    return (
        t.pos in ("NOUN", "PROPN")
        and t.feats.get("Case") == "Nom"
        and (not parses(t.text.lower()) or any(p.tag.case == "nomn" for p in parses(t.text.lower())))
    )


def _named_elsewhere(ctx: Context, ref) -> bool:
    """Whether the firm has a mention outside this one ("ООО «Тараз Кожа» ... ярмарки «Тараз Кожа» подписало")."""
    return any(r.key == ref.key and not (r.start == ref.start and r.end == ref.end) for r in ctx.refs)


def _right_after_head(before: re.Match | None) -> bool:
    """Whether the words before a quote end in an event's head ("выставки «...»"), no legal form between."""
    words = re.findall(r"[А-Яа-яЁё\-]+", before.group(1)) if before is not None else []
    return bool(words) and event_lexicon().is_head(lemma(words[-1]))


# "выставка Иннопром", "на выставке AgroWorld Kazakhstan", "форум Astana Mining & Metallurgy": an unquoted
# proper name right after the head, in Latin letters or one unknown capitalised word (names do not decline)
_LATIN_NAME = r"[A-Z][A-Za-z0-9&\-]*(?:\s+(?:&\s+)?[A-Z0-9][A-Za-z0-9&\-]*){0,4}"
_NAME_AFTER_HEAD = re.compile(
    rf"(?<![\w-])(?P<head>[а-яё\-]+)\s+(?P<name>{_LATIN_NAME}|[А-ЯЁ][а-яё]*[А-ЯЁ]?[а-яё]+(?:[\s-]\d{{4}})?"
    r"|[А-ЯЁ]{3,}[\s-]\d{4})(?![\w-])"  # "выставке ЭКСПО-2024": capitals with the year
)


def _named_after_head(ctx: Context, taken) -> None:
    for m in _NAME_AFTER_HEAD.finditer(ctx.text):
        if any(s <= m.start("name") < e for s, e in taken) or not event_lexicon().is_head(lemma(m.group("head"))):
            continue
        if any(r.start < m.end("name") and m.start("name") < r.end for r in ctx.refs):
            continue  # "на выставке в Астане", "форуме Казахстан – Россия": a place, a person, a firm
        name = m.group("name")
        if re.fullmatch(_ROMAN, name):
            # "в дни VIII Каспийского медиафорума", "на пленарной сессии XII Омского агропромышленного форума": the
            # next event's edition, no name of this head
            continue
        if name[:1] in "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ" and known(name.split()[0].lower()):
            continue  # "на форуме Министр ...": a known word starts the next phrase
        _add(ctx, name, ctx.text[m.start() : m.end()], m.start(), m.end())
        taken.append((m.start(), m.end()))


_DESCRIBED = re.compile(
    r"(?<![\w-])(?P<head>(?:[а-яё]+-)?форум\w*|конференци\w*|фестивал\w*|саммит\w*|конгресс\w*)"
    r"(?P<tail>(?:\s+(?:[а-яё\-]+|[А-ЯЁ][а-яё\-]+|и)){2,9})"
)


def _described_events(ctx: Context, taken) -> None:
    """A forum or conference named by its genitives, in lower case: "форум межрегионального сотрудничества
    России и Казахстана", "форум предпринимателей Омской и Павлодарской областей" — when the genitives say
    between whom (a place) or what kind of meeting (сотрудничества)."""
    for m in _DESCRIBED.finditer(ctx.text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        tail = _tail(m.group("tail"))
        if len(tail.split()) < 2:
            continue
        end = m.start("tail") + m.group("tail").find(tail.split()[-1]) + len(tail.split()[-1])
        places = [r for r in ctx.refs if m.start() < r.start < end and r.type in ("Region", "Country", "City")]
        both = _BOTH.search(tail)
        pair = _pair_before(ctx, m.start()) if both and not places else None
        if pair and both:  # "форум предпринимателей двух регионов" after "Московской и Алматинской областей"
            tail = f"{tail[: both.start()]}{pair}"
        elif not places and "сотрудничеств" not in tail:
            continue
        _add(ctx, f"{_nominative(m.group('head'))} {tail}", ctx.text[m.start() : end], m.start(), end)
        taken.append((m.start(), end))


_BOTH = re.compile(r"\bдвух\s+(?:регионов|областей|стран|государств|городов)$")


def _pair_before(ctx: Context, start: int) -> str | None:
    """The two places named last before `start` in its sentence, when joined by "и" ("Московской и
    Алматинской областей"): what "двух регионов" stands for."""
    k = ctx.sentence_of(start)
    refs = sorted((r for r in ctx.refs_in(k, "Region", "Country", "City") if r.end <= start), key=lambda r: r.start)
    # the last two so joined ("... Ленинградской и Акмолинской областей съехались в Гатчину на форум
    # предпринимателей двух регионов": the venue between is no one of the two)
    for a, b in reversed(list(zip(refs, refs[1:]))):
        between = ctx.text[a.end : b.start]
        if a.key != b.key and (between.strip() == "и" or re.fullmatch(r"\s*\w+\s+и\s*", between)):
            return re.sub(r"\s+", " ", ctx.text[a.start : b.end])
    return None


_QUOTED_NAME = re.compile(r"[«\"“„](?P<name>(?P<head>[А-ЯЁа-яё\-]+)[^«»\"“”„\n]{2,90}?)[»\"”“]")


def _quoted_names(ctx: Context, taken) -> None:
    """A quoted name opening with an event's head: "“Дни Оренбуржья в Актобе”", «Форум регионов»."""
    for m in _QUOTED_NAME.finditer(ctx.text):
        word = m.group("head")
        if not event_lexicon().is_head(lemma(word)) or any(s <= m.start() < e for s, e in taken):
            continue
        rest = re.sub(r"\s+", " ", m.group("name")[len(word) :])
        _add(ctx, _nominative(word) + rest, m.group(0), m.start(), m.end())
        taken.append(m.span())


def _nominative(word: str) -> str:
    """An event's head in the nominative, keeping its number: "Дней" → "Дни", "форума" → "форум"."""
    plural = any(p.tag.number == "plur" for p in parses(word.lower())[:1]) or lemma(word) == "игры"
    return match_case(inflect_word(word, {"nomn", "plur" if plural else "sing"}, ("NOUN",)), word)


_ORDINAL_EVENT = re.compile(
    rf"(?<![\w-])(?P<ord>{_ROMAN}|\d{{1,2}}-?(?:й|ий|ый|ой|го|м))(?P<rest>(?:\s+(?:[А-Яа-яЁё\-]+|и)){{1,12}})"
)
_WORD_RE = re.compile(r"[А-Яа-яЁё\-]+")
# "первый Иссык-Кульский форум": an edition number in words, before a capitalised adjective of a named event
_ORDINAL_WORDS = {
    "перв": "I", "втор": "II", "трет": "III", "четверт": "IV", "четвёрт": "IV", "пят": "V", "шест": "VI",
    "седьм": "VII", "восьм": "VIII", "девят": "IX", "десят": "X",
}  # fmt: skip
_WORD_ORDINAL_EVENT = re.compile(
    rf"(?<![\w-])(?P<ord>{'|'.join(_ORDINAL_WORDS)})(?:ый|ого|ом|ому|ым|ой|ая|ую|ое|ые|ых|ий|ьего|ьем|ьему|ьим|ья|ьей|ью|ье|ьи)"
    r"(?=(?P<rest>(?:\s+(?:[А-Яа-яЁё\-]+|и)){1,12}))",  # ahead only: a headline's words may hold the next ordinal
    re.I,
)


_ORDINAL_ENDINGS = {"masc": "й", "femn": "я", "neut": "е", "plur": "е"}


def _ordinal_agreeing(ordinal: str, head: str) -> str:
    """An edition number written with a case ending, in the nominative of its head's gender: "94-й Измирской
    ярмарки" → "94-я", "XIV" as it is."""
    digits = re.match(r"(\d+)-?\w*$", ordinal)
    if digits is None:
        return ordinal
    head_parse = next(iter(parses(_nominative(head).lower())[:1]), None)
    if head_parse is None:
        return ordinal
    key = "plur" if head_parse.tag.number == "plur" else head_parse.tag.gender
    return f"{digits.group(1)}-{_ORDINAL_ENDINGS.get(key, 'й')}"


def _ordinal_events(ctx: Context, taken) -> None:
    """An edition number before adjectives and a head, in any letter case: "XIV российско-казахстанского
    форума" → "XIV российско-казахстанский форум", "VIII Каспийского медиафорума"; in words before a named one,
    "первый Иссык-Кульский форум" → "I Иссык-Кульский форум" (another edition than the "II" of the article)."""
    found = [(m, m.group("ord")) for m in _ORDINAL_EVENT.finditer(ctx.text)]
    found += [(m, _ORDINAL_WORDS[m.group("ord").lower()]) for m in _WORD_ORDINAL_EVENT.finditer(ctx.text)]
    for m, ordinal in sorted(found, key=lambda f: f[0].start()):
        if any(s <= m.start() < e for s, e in taken):
            continue
        words = list(_WORD_RE.finditer(m.group("rest")))
        k = next((i for i, w in enumerate(words[:4]) if event_lexicon().is_head(lemma(w.group()))), None)
        if k is None or not all(_adjective(w.group()) for w in words[:k]):
            continue
        if ordinal != m.group("ord") and not (
            words[0].group()[:1].isupper() and (k > 0 or _tail(m.group("rest")[words[0].end() :]))
        ):
            continue  # "в первый день форума", "первый форум": no named event; "третий Форум межрегионального ..." is
        base = m.start("rest")
        if any(s <= base + words[k].start() < e for s, e in taken):
            continue  # "8-м ЭКСПО «Китай – Евразия»": the head belongs to the quoted name taken already
        tail_text = m.group("rest")[words[k].end() :]
        tail = _tail(tail_text)
        name = " ".join(
            [
                _ordinal_agreeing(ordinal, words[k].group()),
                _agreeing(words[k].group(), [w.group() for w in words[:k]]),
            ]
            + [tail] * bool(tail)
        )
        end = base + words[k].end() + (tail_text.find(tail.split()[-1]) + len(tail.split()[-1]) if tail else 0)
        _add(ctx, name, ctx.text[m.start() : end], m.start(), end)
        taken.append((m.start(), end))


def _agreeing(head_word: str, adjectives: list[str]) -> str:
    """Adjectives and head in the nominative, the adjectives agreeing with the head's gender or number."""
    head = _nominative(head_word)
    gender = next((p.tag.gender for p in parses(head.lower()) if p.tag.POS == "NOUN"), None) or "masc"
    plural = any(p.tag.number == "plur" for p in parses(head_word.lower())[:1]) or lemma(head_word) == "игры"
    want = {"nomn", "plur"} if plural else {"nomn", "sing", gender}
    return " ".join([inflect_word(w, want, ("ADJF", "PRTF")) for w in adjectives] + [head])


def _adjective(word: str) -> bool:
    return any(p.tag.POS in ("ADJF", "PRTF") for p in parses(word.lower())[:2])


def _place_days(ctx: Context, taken) -> None:
    """Named programmes of events (spec): "Дни Челябинской области в Костанае", "Дни культуры Новосибирской
    области", "День города Уральска", "Дни казахской культуры" — a days-word, the genitives of the lexicon,
    then a place in the genitive (and "в <place>"), or, capitalised, genitives alone."""
    lex = event_lexicon()
    for k, sent in enumerate(ctx.sentences):
        toks = sent.tokens
        for i, t in enumerate(toks):
            if t.lemma not in lex.days or any(s <= t.start < e for s, e in taken):
                continue
            if i > 0 and toks[i - 1].lemma in lex.time_words:
                continue  # "на прошлой неделе Семей принимал ...": a time, not "Неделя Семея"
            if t.text == "днях" and i > 0 and toks[i - 1].text.lower() == "на":
                continue  # "На днях Павлодар посетил ...": "lately" (a programme's "на Днях культуры" is capitalised)
            j = i + 1
            while j < len(toks) and j - i <= 2 and toks[j].lemma in lex.day_genitives:
                j += 1
            end = _place_after(ctx, k, toks, j)
            if end is None and not (t.text[:1].isupper() and j > i + 1 and toks[j - 1].lemma in lex.day_topics):
                continue
            place = next((r.key for r in ctx.refs_in(k, "Region", "City", "Country") if r.start == toks[j].start), None)
            end = end if end is not None else toks[j - 1].end
            country = next((r for r in ctx.refs_in(k, "Country") if r.start > end and qualifies_a_place(ctx, r)), None)
            if place is not None and country is not None and not ctx.text[end : country.start].strip():
                end = country.end  # "Дни Мангистауской области Республики Казахстан в ...": the region's country
            more = re.match(r"\s+(?:в|во)\s+", ctx.text[end : end + 5])
            if more:
                there = next((r for r in ctx.refs_in(k, "City", "Region") if r.start == end + more.end()), None)
                end = there.end if there is not None else end
            name = _nominative(t.text) + ctx.text[t.end : end]
            name = name[:1].upper() + name[1:]
            # (days word, place) -> its event; ("headline", event) -> named in the headline only so far
            seen = cast(dict, ctx.cache.setdefault("place_days", {}))
            same = ctx.table.get(seen.get((t.lemma, place), "")) if place is not None else None
            if same is not None:
                # "Дни Мангистау в Махачкале" over "Дни Мангистауской области ... в Республике Дагестан": the days
                # of one place are one event; the body's name, not the headline's, names it
                ctx.table.add("Event", same.name, key=same.key, alias=ctx.text[t.start : end], start=t.start, end=end)
                ctx.add_ref(same, t.start, end)
                if k > 0 and seen.get(("headline", same.key)):
                    same.aliases = [a for a in same.aliases + [same.name] if a != name]
                    same.name, seen[("headline", same.key)] = name, False
            else:
                ent = _add(ctx, name, ctx.text[t.start : end], t.start, end)
                if place is not None:
                    seen[(t.lemma, place)] = ent.key
                    seen[("headline", ent.key)] = k == 0
            taken.append((t.start, end))


def _place_after(ctx: Context, k: int, toks, j: int) -> int | None:
    """The end of a place named in the genitive at token j."""
    if j >= len(toks):
        return None
    place = next((r for r in ctx.refs_in(k, "Region", "City", "Country") if r.start == toks[j].start), None)
    if place is None or toks[j].feats.get("Case") not in ("Gen", None) and toks[j].pos != "PROPN":
        return None
    return place.end


# the stems of the lexicon's event heads a back-reference may start with (cheap to scan; the lemma decides)
_BACK_REFERENCE = re.compile(
    r"\b((?:форум|выставк|ярмарк|фестивал|конференци|мотопробег|автопробег|саммит|спартакиад|олимпиад|конгресс"
    r"|симпозиум|медиафорум|бизнес-форум|агрофорум|биеннале|слет|слёт|экспо|марафон|турнир|чемпионат"
    r"|игр(?=ы\b|ах\b|ам\b|ами\b)|эстафет|кубк)\w*"
    r"|(?-i:Дн(?:и|ей|ям|ях|ями)))\b",  # "Дни открыли ...": capitalised, the programme the article named
    re.I,
)


# Heads that need a name to be an event but, bare after one was named, are that one: "II Спортивные игры ... в
# играх участвуют команды" ("день", "сессия", "заседание" stay times and parts).
_NAMED_AGAIN = frozenset({"игра", "игры", "турнир", "чемпионат", "марафон", "эстафета", "кубок"})


def _back_references(ctx: Context, taken) -> None:
    """A later bare "форум" / "выставка" is the event of that kind the article already named."""
    lex = event_lexicon()
    for m in _BACK_REFERENCE.finditer(ctx.text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        head = lemma(m.group(1))
        days = m.group(1)[:2] == "Дн" and _after_named_days(ctx, m.start())
        if head not in lex.heads or head in lex.needs_name and not days and head not in _NAMED_AGAIN:
            continue  # "спартакиаду", "саммит", "марафон"... as named before; "день" and "неделя" name none
        earlier = [
            r
            for r in ctx.refs
            if r.type == "Event"
            and r.start < m.start()
            and head
            in ctx.table.entities[r.key].name.lower().replace("-", " ").split()[:3]
            + [lemma(w) for w in ctx.table.entities[r.key].name.split()[:3]]
        ]
        if not earlier:
            earlier = [
                r
                for r in ctx.refs
                # "участие в ярмарке «Made in Turkistan» ... Ярмарку посетил": the kind word in any case form
                if r.type == "Event"
                and r.start < m.start()
                and head in {lemma(w) for w in re.findall(r"[А-Яа-яЁё]+", ctx.text[r.start : r.end])}
            ]
        if earlier:
            ctx.add_ref(ctx.table.entities[earlier[-1].key], m.start(), m.end(), via="reference")


def _after_named_days(ctx: Context, start: int) -> bool:
    """A capitalised "Дни" after the article named a programme "Дни ..." (not "в дни визита")."""
    if re.search(r"\b[вВ]\s+$", ctx.text[max(0, start - 3) : start]):
        return False
    return any(
        r.type == "Event" and r.start < start and ctx.table.entities[r.key].name.startswith("Дни ") for r in ctx.refs
    )


def _line_start(text: str, pos: int) -> int:
    k = pos
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    if k == 0 or text[k - 1] in "\n":
        return pos
    if text[k - 1] in ".!?":
        return pos
    return -1


def _named_mid_sentence(ctx: Context, m: re.Match, head: str) -> bool:
    """ "принял участие в работе Съезда деловых кругов Казахстана и России": a head that needs a name is one
    when capitalised inside a sentence (a programme of days has its own reader, `_place_days`)."""
    return head not in event_lexicon().days and _line_start(ctx.text, m.start("head")) < 0


def _is_title_case_event(m: re.Match) -> bool:
    return bool(re.search(r"\b(межрегионального|международн\w+|сотрудничества)\b", m.group("tail")))


def _genitive(p) -> bool:
    """A genitive reading that is no person's name: "аким" is no genitive plural of the name "Акима"."""
    return p.tag.case == "gent" and not {"Name", "Surn", "Patr"} & p.tag.grammemes


def _tail(tail: str) -> str:
    """Genitive modifiers after the head, up to a preposition, verb or clause word."""
    words = tail.split()
    out: list[str] = []
    for w in words:
        if w.lower() in _STOP_WORDS:
            break
        if any(p.tag.POS in ("VERB", "INFN", "PRTS") for p in parses(w.lower())[:1]):
            break
        # every word of the name's tail is a genitive complement ("межрегионального сотрудничества
        # России и Казахстана"); a nominative noun starts the next clause ("губернатор ...")
        # ("Республики Узбекистан": a state's name after its noun stays as it is)
        republic = bool(out) and out[-1].lower() == "республики" and w[:1].isupper()
        if w.lower() != "и" and not republic and not any(_genitive(p) for p in parses(w.lower())):
            break
        out.append(w)
    while out and out[-1].lower() in ("и",):
        out.pop()
    # A tail must be a genitive complement ("межрегионального сотрудничества"), not the next clause.
    ends_republic = len(out) > 1 and out[-2].lower() == "республики"
    if out and not ends_republic and not any(p.tag.case == "gent" for p in parses(out[-1].lower())[:3]):
        return ""
    return " ".join(out)


_ADJ_EVENT = re.compile(
    # "Казахстанско-Белорусский форум": a compound adjective is one word, its capital second part no start;
    # "казахстанско-белорусский форум регионов": one of two countries' names a meeting of both, even in lower case
    r"(?<![.!?]\s)(?<!^)(?<![\w-])(?P<adj>(?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*|(?P<pair>[а-яё]+ско-[а-яё]+))"
    r"(?:ой|ая|ую|ий|ый|ом|ого|ей|ое|ые|их|ых|ым|им|ыми|ими))\s+"
    r"(?P<more>(?:[а-яё\-]+(?:ой|ая|ую|ий|ый|ом|ого|ей|ое|ые|их|ых|ым|им|ыми|ими)\s+){0,2})"
    r"(?P<head>ярмарк\w*|выставк\w*(?:-ярмарк\w*)?|[а-я\-]*форум\w*|фестивал\w*|конференци\w*|конгресс\w*|недел[яиеюь]\w*|"
    r"игр(?:ы|ах|ам|ами)?\b|ЭКСПО\b|Экспо\b|экспо\b)"
    r"(?P<tail>(?:\s+(?:[а-яё\-]+|[А-ЯЁ][а-яё\-]+|и)){0,6})",
    re.M,
)


# A compound adjective of two countries right before a capitalised head: "Казахстанско-Китайский Форум".
_PAIR_BEFORE = re.compile(
    r"(?<![\w-])(?P<adj>[А-ЯЁ][а-яё]+ско-[А-ЯЁа-яё][а-яё]+(?:ой|ая|ую|ий|ый|ом|ого|ей|ое|ые|их|ых|ым|им))\s+$"
)


def _adjective_events(ctx: Context, taken) -> None:
    """ "на Астраханской ярмарке" → "Астраханская ярмарка" (capitalised adjective = proper name)."""
    for m in _ADJ_EVENT.finditer(ctx.text):
        if any(s <= m.start() < e or s <= m.start("head") < e for s, e in taken):
            continue  # "Международной выставке «Агро-2023»": the quoted name is the event, its descriptor not
        if _NAME_NEXT.match(ctx.text, m.end("head")):
            continue  # "Международной промышленной выставке ИННОПРОМ": the name after the head is the event
        generic = all(
            lemma(a.lower()) in event_lexicon().generic_adjectives for a in [m.group("adj"), *m.group("more").split()]
        )
        whose = _whose_event(ctx, m) if generic else ""
        if generic and not whose:
            continue  # "Международный форум" capitalised names no event: a place adjective would
        prev = ctx.text[max(0, m.start() - 2) : m.start()]
        if not prev.strip() or prev.strip()[-1:] in ".!?\n":
            continue
        named = _agreeing(m.group("head").lower(), [m.group("adj"), *m.group("more").split()])
        if m.group("head").isupper():  # an indeclinable acronym keeps its capitals: "Китайско-Евразийское ЭКСПО"
            named = named[: -len(m.group("head"))] + m.group("head")
        # "игры кочевников", "казахстанско-белорусский форум регионов"
        two_countries = m.group("pair") or "ско-" in m.group("adj").lower()
        tail = _tail(m.group("tail")) if m.group("head").lower().startswith("игр") or two_countries else whose
        end = m.end("head") + (m.group("tail").find(tail.split()[-1]) + len(tail.split()[-1]) if tail else 0)
        name = f"{named} {tail}".strip()
        _add(ctx, name[:1].upper() + name[1:], ctx.text[m.start() : end], m.start(), end)
        taken.append((m.start(), end))


# A brand, an acronym or a Latin name right after an event's head: that name is the event.
_NAME_NEXT = re.compile(r"\s+(?:[A-ZА-ЯЁ]{3,}|[A-Z][a-z])")
# Goods of a country an exhibition shows: "выставка-ярмарка казахстанских товаров".
_GOODS_OF = re.compile(r"^[а-яё]+(?:ских|цких)\s+(?:товаров|продукции|производителей)$")


def _whose_event(ctx: Context, m: re.Match) -> str:
    """ "Национальная выставка Республики Казахстан", "Международная выставка-ярмарка казахстанских товаров": a
    generic capitalised descriptor is a name when a genitive after it says whose event it is (a place, or a
    country's goods)."""
    tail = _tail(m.group("tail"))
    if not tail:
        return ""
    end = m.start("tail") + m.group("tail").find(tail.split()[-1]) + len(tail.split()[-1])
    if any(m.end("head") < r.start < end for r in ctx.refs if r.type in ("Region", "Country", "City")):
        return tail
    return tail if _GOODS_OF.match(tail) else ""


_BRAND_YEAR = re.compile(r"(?P<brand>.+?)(?:-(?P<year>(?:19|20)\d\d))?")


def _brands(ctx: Context, taken) -> None:
    """ "приняла участие в Иннопроме", "на ПМЭФ", "в ЭКСПО-2024": an event known by its brand alone, with the
    year a hyphen gives as its edition. Inside a quoted name taken already it is that name's word; alone, the
    event of a longer name holding it."""
    brands = event_lexicon().brands
    for sent in ctx.sentences:
        for t in sent.tokens:
            m = _BRAND_YEAR.fullmatch(t.text)
            if m is None or t.text[:1].islower() or any(s <= t.start < e for s, e in taken):
                continue
            word = m.group("brand")
            name = brands.get(word.lower()) or brands.get(lemma(word))
            if name is None or event_lexicon().is_head(word.lower()) and not m.group("year"):
                continue  # "ЭКСПО «Китай – Евразия»", a bare "ЭКСПО" after it: the head of a name, a back-reference
            # "на «Иннопроме»" where the article names «Иннопром. Центральная Азия», "на ЭКСПО" after "VIII ЭКСПО
            # «Китай – Евразия»": the named event the brand is a word of
            named = [e for e in ctx.table.of_type("Event") if name.lower() in e.name.lower()]
            if named and not m.group("year"):
                ctx.add_ref(named[0], t.start, t.end)
            else:
                _add(ctx, f"{name}-{m.group('year')}" if m.group("year") else name, t.text, t.start, t.end)
            taken.append((t.start, t.end))


def _add(ctx: Context, name: str, alias: str, start: int, end: int) -> Entity:
    """One Event per event: "Дни города Омска" after "Дни города Омска в Павлодаре" is the same one, the
    longer name kept."""
    name = name[:1].upper() + name[1:]
    key = None
    for ent in ctx.table.of_type("Event"):
        shorter, longer = sorted((ent.name.lower(), name.lower()), key=len)
        # "VIII Китайско-Евразийское ЭКСПО" after "Китайско-Евразийское ЭКСПО": the edition the article means
        edition = re.fullmatch(rf"{_ROMAN.lower()}\s+", longer[: len(longer) - len(shorter)])
        if longer.startswith(shorter + " ") or (edition and longer.endswith(shorter)):
            key = ent.key
            if len(name) > len(ent.name):
                ent.aliases.append(ent.name)
                ent.name = name
            break
    ent = ctx.table.add("Event", name, key=key, alias=alias, start=start, end=end)
    ctx.add_ref(ent, start, end)
    return ent
