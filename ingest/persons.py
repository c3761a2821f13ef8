"""Persons: named-entity spans turned into canonical `Имя Фамилия` names, surnames resolved."""

from __future__ import annotations

import itertools
import re

from coopgraph.ingest.context import Context
from coopgraph.ingest.morph import first_name_gender, known, nominative_name_part, parses, transliterate_kazakh
from coopgraph.ingest.nlp import Token
from coopgraph.ingest.org_names import org_lexicon

# Words after which a name is a dedication or a historical figure, not an actor of the news.
_HISTORICAL_CUES = {
    "памятник",
    "имени",
    "имя",
    "им.",
    "улица",
    "проспект",
    "музей",
    "мемориал",
    "бюст",
    "стела",
    "названный",
    "назван",
    "честь",
    # monarchs: "Привилегия императрицы Анны Иоанновны"
    "император",
    "императрица",
    "императора",
    "императрицы",
    "царь",
    "царица",
    "царя",
    "царицы",
    "князь",
    "князя",
    "княгиня",
    "король",
    "королева",
}
_CREDIT_CUES = {
    "фото",
    "фотография",
    "автор",
    "корреспондент",
    "текст",
    "видео",
    "телеграм-канал",
    "источник",
    "редактор",
}
_PATRONYMIC = re.compile(r"(ович|евич|ьевич|овна|евна|ична|инична|ьич|улы|ұлы|кызы|қызы)$", re.I)


def _tokens_of(ctx: Context, start: int, end: int) -> tuple[int, list[Token]]:
    for k, s in enumerate(ctx.sentences):
        if s.start <= start < s.end:
            return k, [t for t in s.tokens if t.start >= start and t.end <= end]
    return -1, []


def _is_patronymic(tok: Token, index: int, count: int) -> bool:
    # "Бердыбек Сапарбаев" has no patronymic; a middle token ending like one is one.
    if count < 3 or index != 1:
        return False
    if _PATRONYMIC.search(tok.text) and not tok.text.lower().endswith(("улы", "ұлы")):
        return True
    return any("Patr" in p.tag.grammemes for p in parses(tok.text.lower())[:2])


def _is_initial(tok: Token, tokens: list[Token]) -> bool:
    """ "Н." of "Н. Назарбаева"; a one-letter Chinese surname ("У Сяоцзюнь") has no stop after it."""
    if len(tok.text.rstrip(".")) != 1 or not tok.text[:1].isupper():
        return False
    after = next((t for t in tokens if t.start >= tok.end), None)
    if after is None and tok is not tokens[0] and tokens[0].text[:1].isupper() and len(tokens[0].text) > 1:
        return True  # "Байханов А.К." ending a sentence: its stop went to the sentence
    return tok.text.endswith(".") or (after is not None and after.text == "." and after.start == tok.end)


# Particles inside Arabic, Dutch, German names: kept as written, not counted as name parts.
_NAME_PARTICLES = {"бин", "ибн", "бен", "аль", "эль", "ад", "ас", "ан", "ван", "фон", "де", "ди", "да", "ла", "дер"}


def _title_case(text: str) -> str:
    """ "МИННИХАНОВ" → "Минниханов", "КАСЫМ-ЖОМАРТ" → "Касым-Жомарт": capitals for emphasis are no part of a name."""
    if len(text) > 1 and text.isupper():
        return "-".join(p[:1] + p[1:].lower() for p in text.split("-"))
    return text


def name_of(tokens: list[Token], case_hint: str | None = None) -> tuple[str, bool] | None:
    """Canonical name of a person span and whether it is a surname alone.

    `case_hint` is the case of the title the name stands in apposition to ("консула ... Жараса
    Мамутбекова" is genitive whatever the tagger says about the unknown Kazakh name).
    """
    words = [t for t in tokens if t.text[:1].isalpha()]
    words = [t for t in words if not _is_initial(t, tokens)]
    particles = {t.i for t in words if t.text.lower() in _NAME_PARTICLES} if len(words) > 2 else set()
    if not words or not all(t.text[:1].isupper() for t in words if t.i not in particles):
        return None
    if len(words) == 3 and _is_patronymic(words[2], 1, 3) and not _is_patronymic(words[1], 1, 3):
        # "Жуков Алексей Петрович": surname, first name, patronymic (an official list's order)
        words = [words[1], words[0]]
    words = [t for k, t in enumerate(words) if not _is_patronymic(t, k, len(words))]
    if len(words) - len(particles) > 3:
        return None
    gender = None
    if len(words) >= 2:
        first = _title_case(words[0].text)
        gender = first_name_gender(first, words[0].feats)
    if (
        case_hint == "Gen"
        and len(words) == 2
        and all(t.feats.get("Case") == "Gen" for t in words)
        and _masculine_genitive_shape(words[0].text, words[1].text)
    ):
        gender = "masc"  # "хокима ... Ботира Рахимова": a woman's genitive would be "Ботиры Рахимовой"
    if (
        case_hint is None
        and gender == "masc"
        and re.search(r"[бвгджзклмнпрстфхцчшщй]$", words[0].text.lower())
        and not re.search(r"(ом|ем|ём|ым|им|ам|ям|ах|ях)$", words[0].text.lower())
    ):
        case_hint = "Nom"  # "Ерлан Сары": a man's first name ending in a consonant is nominative, so is the name
    parts = []
    for t in words:
        text = _title_case(t.text)
        # Kazakh patronymic-surnames (-улы, -кызы) do not decline; particles ("бин", "Аль") neither.
        if text.lower().endswith(("улы", "ұлы", "кызы", "қызы")) or t.i in particles:
            parts.append(text)
        else:
            feats = dict(t.feats, Case=case_hint) if case_hint else t.feats
            parts.append(nominative_name_part(text, feats, gender))
    if len(parts) == 2 and _masculine_genitive_pair(words[0].text, words[1].text, parts):
        parts[0] = parts[0][:-1]  # "директора Шерзода Алимова": the surname read as a man's, so is his first name
    name = transliterate_kazakh(" ".join(parts))
    return name, len(words) - len(particles) == 1


def _masculine_genitive_shape(first: str, surname: str) -> bool:
    return re.search(r"[бвгджзклмнпрстфхцчшщ]а$", first.lower()) is not None and surname.lower().endswith(
        ("ова", "ева", "ёва", "ина", "ына")
    )


def _masculine_genitive_pair(first: str, surname: str, parts: list[str]) -> bool:
    """A first name left in -а beside a surname that lost its genitive -а ("Алимова" → "Алимов"): an unknown
    man's name in the genitive ("Шерзода"), not a woman's in the nominative."""
    return (
        _masculine_genitive_shape(first, surname)
        and parts[0].lower() == first.lower()
        and parts[1].lower() == surname.lower()[:-1]
    )


def _is_first_name(tok: Token) -> bool:
    return any("Name" in p.tag.grammemes for p in parses(tok.text.lower())[:2])


def _after_anothers_surname(toks: list[Token]) -> list[Token]:
    """ "В присутствии Армана Шайкенова Бауыржан Омаров и ... подписали": the tagger ran the surname of the one
    before into the name after it. A surname, then a first name and a surname in another case, is two people's
    words: the span is the last two (a surname-first official list has a patronymic: "Жуков Алексей Петрович")."""
    words = [t for t in toks if t.text[:1].isalpha()]
    if len(words) != 3 or not _is_first_name(words[1]) or _is_first_name(words[0]):
        return toks
    cases = {t.feats.get("Case") for t in words}
    if any(_is_patronymic(t, 1, 3) for t in words[1:]) or len(cases) == 1:
        return toks
    return [t for t in toks if t.start >= words[1].start]


def _cue_before(ctx: Context, start: int, cues: set[str], window: int = 3) -> bool:
    wide = re.findall(r"[\w.\-]+", ctx.text[max(0, start - 90) : start].lower())[-7:]
    if (
        cues is _HISTORICAL_CUES
        and any(w.startswith(("памятник", "мемориал", "бюст", "монумент")) for w in wide)
        and not re.search(r"[.;!?]", ctx.text[max(0, start - 90) : start].split("амятник")[-1])
    ):
        return True  # "к памятнику двух великих поэтов Абая и Пушкина"
    before = re.findall(r"[\w.\-]+", ctx.text[max(0, start - 60) : start].lower())[-window:]
    for i, w in enumerate(before):
        if w in cues or w.rstrip(".") in cues or w.startswith(("памятник", "имени")):
            # "имени П.А. Столыпина Олег Шумаков": a name already followed the cue, so this one is not its
            if all(re.fullmatch(r"(?:\w\.)+", x) for x in before[i + 1 :]):
                return True
    return False


_BYLINE = re.compile(r"\s*[-–—]\s*[A-ZА-ЯЁ][\w.]*\s*/")


def _byline(ctx: Context, start: int, end: int) -> bool:
    """ "13 сентября, Павлодар /Людмила Сац - БЕЛТА/": the correspondent in a dateline's slashes."""
    return "/" in ctx.text[max(0, start - 3) : start] and bool(_BYLINE.match(ctx.text, end))


def _alone_on_line(ctx: Context, start: int, end: int) -> bool:
    line_start = ctx.text.rfind("\n", 0, start) + 1
    line_end = ctx.text.find("\n", end)
    line_end = len(ctx.text) if line_end < 0 else line_end
    return ctx.text[line_start:line_end].strip(" .,") == ctx.text[start:end].strip(" .,")


def extract_persons(ctx: Context) -> None:
    """Add Person entities and refs; surname-only mentions join the full name they abbreviate."""
    singles = []
    for span in ctx.parsed.spans:
        if span.type not in ("PER", "LOC", "ORG"):
            continue
        start, end = span.start, span.start + len(span.text.split("\n")[0].rstrip())
        sent, toks = _tokens_of(ctx, start, end)
        if sent < 0 or not toks:
            continue
        trimmed = False
        if span.type != "PER" and not _person_shaped(ctx, toks):
            # "Карагандинского университета имени Букетова Нурлан Дулатбеков" as one body: its holder ends it
            if len(toks) < 4 or not (_person_shaped(ctx, toks[-2:]) or _holder_of_a_dedicated_body(ctx, toks)):
                continue
            toks, start, trimmed = toks[-2:], toks[-2].start, True
        if not trimmed and _cue_before(ctx, start, _HISTORICAL_CUES):
            # "имени Гумарбека Даукеева Ерлан Сеитов": the dedicatee ran into the holder named after it
            holder = _holder_after_dedication(toks)
            if holder is None:
                continue
            toks, start = holder, holder[0].start
        if _cue_before(ctx, start, _CREDIT_CUES, 2):
            continue
        if any(transliterate_kazakh(t.text).lower() in org_lexicon().firm_words for t in toks):
            continue  # "компанией Тяньшань Фудс": a firm's name, whatever the NER says
        if _alone_on_line(ctx, start, end) or _byline(ctx, start, end):
            continue  # a by-line: the author, not a party
        toks = _strip_dedication(ctx, sent, _strip_places(ctx, toks))
        if not toks:
            continue
        toks = _first_name_before(ctx, sent, toks)
        toks = _after_anothers_surname(toks)
        span_start = toks[0].start
        named = name_of(toks, _apposition_case(ctx, sent, toks[0]))
        if named is None:
            continue
        name, single = named
        if single:
            singles.append((name, toks, span_start, end))
            continue
        ent = ctx.table.add("Person", name, alias=ctx.text[span_start:end], start=span_start, end=end)
        ctx.add_ref(ent, span_start, end)
    _merge_declension_variants(ctx)
    _fold_addresses(ctx)
    _resolve_surnames(ctx, singles)
    _unrecognised_mentions(ctx)
    _titled_names(ctx)


_TITLE_BEFORE_PLACE = re.compile(r"(?:аким|губернатор|мэр|хоким|глав|председател|министр|посол|консул)\w*\s+$", re.I)


def _titled_names(ctx: Context) -> None:
    """ "Аким Алматы Ерболат Досаев и мэр Бишкека ...": a title, a place and a first name and surname the
    tagger read as one unknown run and marked nowhere."""
    for place in [r for r in ctx.refs if r.type in ("City", "Region", "Country")]:
        sent = ctx.sentence_of(place.start)
        if sent < 0 or not _TITLE_BEFORE_PLACE.search(ctx.text[max(0, place.start - 30) : place.start]):
            continue
        after = [t for t in ctx.sentences[sent].tokens if t.start >= place.end][:3]
        toks = list(itertools.takewhile(lambda t: t.text[:1].isupper() and t.text.isalpha(), after))
        if not 2 <= len(toks) <= 3 or any(r.start < toks[-1].end and toks[0].start < r.end for r in ctx.refs):
            continue
        if not _looks_like_surname(toks[-1]) or ctx.text[place.end : toks[0].start].strip():
            continue
        named = name_of(toks, _apposition_case(ctx, sent, toks[0]))
        if named is None or named[1]:
            continue
        start, end = toks[0].start, toks[-1].end
        ent = ctx.table.add("Person", named[0], alias=ctx.text[start:end], start=start, end=end)
        ctx.add_ref(ent, start, end)


def _unrecognised_mentions(ctx: Context) -> None:
    """Full names the tagger did not mark in some sentence ("Раис Татарстана Рустам МИННИХАНОВ прибыл",
    capitals and all) are mentions of the person it found elsewhere."""
    taken = [(r.start, r.end) for r in ctx.refs]
    for ent in [e for e in ctx.table.of_type("Person") if len(e.name.split()) >= 2]:
        first, last = ent.name.split()[0], ent.name.split()[-1]
        stem_first = re.escape(first[: max(3, len(first) - 1)])
        stem_last = re.escape(last[: max(3, len(last) - 2)])
        for m in re.finditer(rf"(?<![\w-]){stem_first}[\w-]*\s+{stem_last}\w*", ctx.text, re.I):
            if not all(w[:1].isupper() for w in m.group().split()):
                continue
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            ctx.table.add("Person", ent.name, key=ent.key, alias=m.group(), start=m.start(), end=m.end())
            ctx.add_ref(ent, m.start(), m.end(), via="name")
            taken.append(m.span())


def _merge_declension_variants(ctx: Context) -> None:
    """ "Хайрулло Ибодзода" and "Хайрулло Ибодзод": an unknown surname read as a consonant stem in one
    sentence and as an -а noun in another is one person, named by the form the text writes."""
    persons = [e for e in ctx.table.of_type("Person") if " " in e.name]
    for a in persons:
        for b in persons:
            if a is b or a.key not in ctx.table.entities or b.key not in ctx.table.entities:
                continue
            head_a, _, last_a = a.name.rpartition(" ")
            head_b, _, last_b = b.name.rpartition(" ")
            if head_a != head_b or last_b not in (last_a + "а", last_a + "я"):
                continue
            keep, drop = (b, a) if re.search(rf"\b{re.escape(b.name)}\b", ctx.text) else (a, b)
            _merge_into(ctx, keep, drop)


def _fold_addresses(ctx: Context) -> None:
    """ "— Мурат Ержанович, вы возглавляли делегацию?": a first name and patronymic, as an interviewer addresses
    someone, is the one person the article names in full with that first name."""
    persons = ctx.table.of_type("Person")
    for addressed in persons:
        words = addressed.name.split()
        if len(words) != 2 or not _PATRONYMIC.search(words[1]) or words[1].lower().endswith(("улы", "ұлы", "кызы")):
            continue
        named = [
            p
            for p in persons
            if p is not addressed
            and p.key in ctx.table.entities
            and len(p.name.split()) >= 2
            and p.name.split()[0] == words[0]
            and not _PATRONYMIC.search(p.name.split()[-1])
        ]
        if len(named) == 1 and addressed.key in ctx.table.entities:
            _merge_into(ctx, named[0], addressed)


def _merge_into(ctx: Context, keep, drop) -> None:
    for alias in drop.aliases:  # forms written in the text; the dropped name may be none
        if alias != keep.name and alias not in keep.aliases:
            keep.aliases.append(alias)
    keep.mentions.extend(drop.mentions)
    for r in ctx.refs:
        if r.key == drop.key:
            r.key = keep.key
    del ctx.table.entities[drop.key]


_PATRONYMIC_FORM = re.compile(r"(?:ович|евич|ьич|овн|евн|ичн)\w{0,3}$", re.I)  # in any case: "Зариповичем"


def _first_name_before(ctx: Context, sent: int, toks: list[Token]) -> list[Token]:
    """ "председатель правления Багдат Мусин": the tagger can leave an unknown first name out of the span (here as
    an ORG of its own). A capitalised word the dictionary does not know or knows as a name, right before a
    span of a surname (and patronymic) that follows a title, is its first name."""
    words = ctx.sentences[sent].tokens
    # one word, or a patronymic and a surname ("хокимом области Ботиром Зариповичем Усмоновым")
    alone = len(toks) == 1 or len(toks) == 2 and bool(_PATRONYMIC_FORM.search(toks[0].text))
    if not alone or toks[0].i == 0:
        return toks
    prev = words[toks[0].i - 1]
    if not (prev.text[:1].isupper() and prev.text.isalpha()) or prev.i == 0:
        return toks
    if any(r.start <= prev.start < r.end for r in ctx.refs):
        return toks
    if known(prev.text.lower()) and not any("Name" in p.tag.grammemes for p in parses(prev.text.lower())[:2]):
        return toks
    if not any(t.lemma in _TITLE_NOUNS for t in words[max(0, prev.i - 4) : prev.i]):
        return toks
    return [prev, *toks]


_DEDICATION_CUES = {"имени", "им", "им.", "академика", "профессора", "генерала"}


def _strip_dedication(ctx: Context, sent: int, toks: list[Token]) -> list[Token]:
    """ "университета имени Е. Букетова Нурлан Дулатбеков": the tagger runs the name a body bears into its
    head's; the person starts at the first name in the nominative after the dedicated one."""
    words = ctx.sentences[sent].tokens
    if not toks or toks[0].i == 0 or words[toks[0].i - 1].text.lower() not in _DEDICATION_CUES:
        return toks
    for k in range(1, len(toks) - 1):
        first = parses(toks[k].text.lower())[:1]
        if toks[k].text[:1].isupper() and first and {"Name", "nomn"} <= set(first[0].tag.grammemes):
            return toks[k:]
        if k == len(toks) - 2 and toks[k].text[:1].isupper() and _NOMINATIVE_SURNAME.search(toks[k + 1].text):
            return toks[k:]  # "имени Гумарбека Даукеева Ерлан Сеитов": a name the dictionary lacks, its surname
    return toks


def _holder_after_dedication(toks: list[Token]) -> list[Token] | None:
    """The last two words of a span of four or more after "имени", when they read as a first name and a
    surname in the nominative (the dedicatee's are genitive); of three, when the first is the dedicatee's
    genitive surname after his initials ("имени Ш. Уалиханова Ербол Акпаров")."""
    if len(toks) == 3 and not _GENITIVE_SURNAME.search(toks[0].text):
        return None
    if len(toks) < 3 or not all(t.text[:1].isupper() for t in toks[-2:]):
        return None
    first, surname = toks[-2], toks[-1]
    if _NOMINATIVE_SURNAME.search(surname.text) and not re.search(r"(?:а|я|ова|ева|ина)$", first.text):
        return toks[-2:]
    return None


_GENITIVE_SURNAME = re.compile(r"(?:ова|ева|ёва|ина|ына)$")
_NOMINATIVE_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына)$")


def _strip_places(ctx: Context, toks: list[Token]) -> list[Token]:
    """natasha glues a preceding place to a name ("области Улытау Бериком"): cut it off."""
    places = [(r.start, r.end) for r in ctx.refs if r.type in ("Region", "City", "Country")]
    # ... and a title before it ("Аким Костаная Марат Жундубаев" as one name)
    while toks and (any(s <= toks[0].start < e for s, e in places) or toks[0].lemma in _TITLE_NOUNS):
        toks = toks[1:]
    return toks


_TITLE_NOUNS = {
    "губернатор",
    "аким",
    "глава",
    "посол",
    "консул",
    "председатель",
    "министр",
    "президент",
    "мэр",
    "заместитель",
    "директор",
    "руководитель",
    "премьер-министр",
    "вице-губернатор",
    "генконсул",
    "ректор",
    "депутат",
    "сенатор",
    "спикер",
    "советник",
    "посланник",
    "секретарь",
    "пресс-секретарь",
    "хоким",
    "хаким",
    "раис",
    "вице-премьер",
    "командующий",
    "шейх",
    "начальник",
    "сопредседатель",
}


def _apposition_case(ctx: Context, sent: int, first: Token) -> str | None:
    """The case of a title noun shortly before the name, with only its complements between."""
    toks = ctx.sentences[sent].tokens
    for k, t in enumerate(reversed(toks[max(0, first.i - 7) : first.i])):
        if t.pos == "PUNCT" or t.pos in ("VERB", "AUX"):
            return None
        if k == 0 and t.pos == "ADP":
            return None  # "с Игорем Бабушкиным": the name has its own preposition and case
        if t.lemma == "глава" and (t.rel == "fixed" or t.i > 0 and toks[t.i - 1].text.lower() == "во"):
            return None  # "во главе с ... Аскаром Жаксыбековым": a preposition, the name has its own case
        if t.lemma in _TITLE_NOUNS:
            return t.feats.get("Case")
    return None


def _surname_matches(full: str, surname: str) -> bool:
    last = full.split()[-1].lower()
    s = surname.lower()
    return last == s or (len(s) > 4 and last[:-2] == s[:-2] and abs(len(last) - len(s)) <= 2)


def _resolve_surnames(ctx: Context, singles) -> None:
    for name, toks, start, end in singles:
        fulls = [e for e in ctx.table.of_type("Person") if len(e.name.split()) > 1 and _surname_matches(e.name, name)]
        if len(fulls) == 1:
            ctx.add_ref(fulls[0], start, end, via="surname")
            continue
        if fulls:
            continue
        surname = [t for t in toks if t.text[:1].isalpha() and not _is_initial(t, toks)][-1:]  # "Байханов А.К."
        if not surname or not _looks_like_surname(surname[0]):
            continue
        if any(d.start <= start < d.end for d in ctx.demonyms):
            continue  # "Костанайская делегация": a place adjective the tagger took for a surname
        ent = ctx.table.add("Person", name, alias=ctx.text[start:end], start=start, end=end)
        ctx.add_ref(ent, start, end, via="surname")


_SURNAME_END = re.compile(r"(?:ов|ев|ёв|ин|ын)(?:а|у|ым|ой|е|ым)?$")


def _holder_of_a_dedicated_body(ctx: Context, toks: list[Token]) -> bool:
    """ "Евразийского национального университета имени Л.Н. Гумилева Ерлан Сыдыков" as one body: after the name
    a body bears, a capitalised word and a nominative surname are its holder, even a first name the dictionary
    lacks."""
    first, surname = toks[-2], toks[-1]
    return (
        any(t.text.lower() in _DEDICATION_CUES for t in toks[:-3])
        and first.text[:1].isupper()
        and first.text.isalpha()
        and surname.text.isalpha()
        and not _GENITIVE_SURNAME.search(first.text)
        and bool(_NOMINATIVE_SURNAME.search(surname.text))
        and not any(r.start < surname.end and first.start < r.end for r in ctx.refs)
    )


def _person_shaped(ctx: Context, toks: list[Token]) -> bool:
    """A span the tagger took for a place or body that is a first name and a surname ("ректор университета
    Улугбек Мадаминов": Улугбек is also a district of Tashkent), where no place was found."""
    if not 2 <= len(toks) <= 3 or not all(t.text[:1].isupper() and t.text.isalpha() for t in toks):
        return False
    if any(r.start < toks[-1].end and toks[0].start < r.end for r in ctx.refs):
        return False
    first = parses(toks[0].text.lower())[:1]
    return bool(first) and "Name" in first[0].tag.grammemes and bool(_SURNAME_END.search(toks[-1].text.lower()))


def _looks_like_surname(tok: Token) -> bool:
    if any("Surn" in p.tag.grammemes for p in parses(tok.text.lower())[:3]):
        return True
    return bool(re.search(r"(ов|ев|ин|ын|ко|ук|юк|ич|бек|баев|улы|енко|ский|цкий)[а-я]{0,3}$", tok.text.lower()))
