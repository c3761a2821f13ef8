"""Organizations: quoted names behind a legal form or descriptor, natasha ORG spans, embassies."""

from __future__ import annotations

import os
import re

from coopgraph.ingest.context import Context, normalise_key
from coopgraph.ingest.morph import form_of, inflect_word, lemma, may_be_plural_nominative, parses, transliterate_kazakh
from coopgraph.ingest.nlp import Token
from coopgraph.ingest.org_names import add_firm_word_names, add_unquoted_names, described_at_start, org_lexicon
from coopgraph.ingest.records import Entity

LEGAL_FORMS = org_lexicon().legal_forms
_LEGAL_RE = "|".join(sorted(set(LEGAL_FORMS), key=len, reverse=True))


def _any_case(phrase: str) -> str:
    """ "акционерное общество" → a pattern for any case of it: each long word by its stem."""
    return r"\s+".join(re.escape(w[:-2]) + r"[а-яё]{0,4}" if len(w) > 4 else re.escape(w) for w in phrase.split())


_SPELLED = {f"(?i:{_any_case(p)})": abbr for p, abbr in org_lexicon().spelled_legal_forms.items()}
_SPELLED_RE = "|".join(sorted(_SPELLED, key=len, reverse=True))
_TAILS_RE = "|".join(re.escape(t) for t in org_lexicon().legal_form_tails)
_QUOTE = r"[«\"“„](?P<name>[^«»\"“”„\n]{2,80}?)[»\"”“]"
# "ООО НТФ «Микроникс»": the first legal form is the one kept; "РГП на ПХВ «Казгидромет»"
_LEGAL_QUOTED = re.compile(
    rf"(?<![\w-])(?P<legal>{_LEGAL_RE}|{_SPELLED_RE})(?:\s+(?:{_LEGAL_RE}))?(?:\s+(?:{_TAILS_RE}))?\s*{_QUOTE}"
)


def _legal_abbreviation(form: str) -> str:
    """The abbreviation of a legal form as written ("акционерного общества" → "АО")."""
    if form in LEGAL_FORMS:
        return form
    return next((abbr for pat, abbr in _SPELLED.items() if re.fullmatch(pat, form)), form)


# "ИП Турбина И.А.": an individual entrepreneur's business, named by the surname
_SOLE_TRADER = re.compile(r"\bИП\s+(?P<name>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)(?:\s+[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?)?")
# A lower-case descriptor phrase right before a quoted name: "креативный центр «Кызылжар»".
# It starts where a word starts (the leftmost match always does): trying every letter inside
# words too only cost time, several milliseconds an article.
_DESCRIBED = re.compile(
    rf"(?<![А-Яа-яЁёA-Za-z\-])(?P<desc>(?:[А-Яа-яЁё\-]+\s+){{0,3}}?(?:[A-Za-z]+-)?[А-Яа-яЁё\-]+)\s*(?:\([А-ЯЁA-Z]{{2,8}}\)\s*)?{_QUOTE}"
)

_MORE_QUOTED = re.compile(rf"\s*(?:,|и)\s*{_QUOTE}")
_ORG_HEADS = org_lexicon().heads
_GENERIC_HEADS = org_lexicon().generic_heads
_NOT_ORG_HEADS = org_lexicon().not_heads
_LEX = org_lexicon()
OUTLETS = {
    "sputnik",
    "спутник",
    "regnum",
    "ия regnum",
    "белта",
    "belta",
    "тасс",
    "риа новости",
    "интерфакс",
    "казинформ",
    "kazinform",
    "lada.kz",
    "tengrinews",
    "tengrinews.kz",
    "nur.kz",
    "informburo",
    "zakon.kz",
    "baq.kz",
    "kazpravda",
    "казправда",
    "курсив",
    "forbes",
    "диапазон",
    "социал медиа",
    "social media",
    "рбк",
    "известия",
    "коммерсант",
    "ведомости",
    "российская газета",
    "пресс-служба",
    "пресс-центр",
    "хабар",
    "khabar",
    "24.kz",
    "ktk",
    "ктк",
    "мир",
    "ng",
    "orda.kz",
    "vlast.kz",
    "inbusiness.kz",
    "kapital.kz",
    "azattyq",
    "азаттык",
    "бнews",
    "bnews",
    "bnews.kz",
    "kt.kz",
    "strategy2050",
    "primeminister.kz",
    "телеграм",
    "telegram",
    "instagram",
    "инстаграм",
    "facebook",
    "вконтакте",
}
# A region's or city's own government acting is the place itself (spec), never an Organization.
_GOVERNMENT = re.compile(
    r"(исполнительн\w+ комитет|облисполком)|^(акимат|облакимат|правительств|администраци|облисполком|миноблисполком|"
    r"хокимият|мэри|горисполком|губернатор|аппарат акима|совет\w* министров|делегаци|пресс-служб|"
    r"пресс-центр|министерств[оа]? иностранных|мид\b)",
    re.I,
)
_EMBASSY = re.compile(
    r"\b((?i:посольств|генеральн\w+ консульств|генконсульств|консульств|торгов\w+ представительств|торгпредств))"
    r"\w*\s+(?:(?:республики|Республики)\s+)?([А-ЯЁ][а-яё]+(?:\s+Федерации)?)"
    r"(?:\s+(в|во)\s+(?:Республике\s+)?([А-ЯЁ][\w\-]+(?:\s+[А-ЯЁ][\w\-]+)?))?"
)


_COUNTRY_WORDS = {"казахстан", "беларусь", "россия", "узбекистан", "кыргызстан", "таджикистан", "азербайджан"}


def is_outlet(name: str) -> bool:
    n = normalise_key(name).strip(" .")
    if n in OUTLETS or any(n.startswith(o + " ") for o in ("ия", "иа")) or n.endswith((".kz", ".ru", ".by")):
        return True
    # "Агентство Sputnik Казахстан": an outlet's name behind the word for an agency or with its country edition
    first, rest = (n.split(" ", 1) + [""])[:2]
    if not rest:
        return False
    if first in ("агентство", "информагентство", "издание", "портал"):
        return is_outlet(rest)
    return first in OUTLETS and all(w in _COUNTRY_WORDS for w in rest.split())


def _business_park(lemmas: list[str], j: int) -> bool:
    """ "индустриальный парк «Есиль»": a park that is a business, not a place to walk in."""
    return lemmas[j] == "парк" and j > 0 and lemmas[j - 1] in _LEX.business_parks


_ADJECTIVE_END = re.compile(r"(ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ую|ым|им|ом|ем|ых|их|ыми|ими)$")


def _named_before(ctx: Context, name: str, head: str) -> str | None:
    """ "пчеловодческий кооператив «Каракол Бал»" and later "кооператив «Каракол Бал»", or "ТОО «X»" and "завод
    «X»": the same quoted name under the same head (or after a legal form) is the organisation named before. Not
    "центр «Хоргос»" and "зона «Хоргос»": two bodies named after one place."""
    core = transliterate_kazakh(name)
    for ent in ctx.table.entities.values():
        if ent.type != "Organization":
            continue
        if ent.name == core or ent.name.endswith(" " + core) and lemma(ent.name[: -len(core)].split()[-1]) == head:
            return ent.name
    return None


def _adjectival(word: str) -> bool:
    w = word.lower()
    return _ADJECTIVE_END.search(w) is not None and any(p.tag.POS in ("ADJF", "PRTF") for p in parses(w))


def _headed_name(name: str) -> str | None:
    """A quoted name with an organisation's head of its own among its first words, in the nominative
    ("Интеллектуальную школу Зерде" → "Интеллектуальная школа Зерде"); None for one without."""
    words = name.split()
    at = next((i for i, w in enumerate(words[:3]) if _LEX.is_head(lemma(w))), None)
    if at is None:
        return None
    first = at
    while first > 0 and _adjectival(words[first - 1]):
        first -= 1
    if not all(w[:1].isupper() for w in words[:first]):  # "Назарбаев интеллектуальная школа": a name stays
        return None
    head = _descriptor_name(" ".join(words[first : at + 1]))
    return " ".join([*words[:first], head if first == 0 else head[:1].lower() + head[1:], *words[at + 1 :]])


def _genitive(word: str) -> bool:
    return any("gent" in p.tag and p.tag.POS in ("NOUN", "ADJF") for p in parses(word.lower()))


def _head_lemma(desc: str) -> str | None:
    words = desc.split()
    return lemma(words[-1]) if words else None


def _descriptor_name(desc: str) -> str:
    """ "социально-предпринимательской корпорацией" → "Социально-предпринимательская корпорация"."""
    words = desc.split()
    head = _LEX.head_of(lemma(words[-1])) or lemma(words[-1])
    prefix, dash, _ = words[-1].rpartition("-")
    if dash and prefix.isascii():
        head = prefix + head[len(prefix) :]  # "IT-хаб", not "It-хаб"
    head_parse_gender = None
    from coopgraph.ingest.morph import parses

    bare = head.rpartition("-")[2].lower()
    for p in parses(words[-1].lower()):
        if p.tag.POS == "NOUN" and (p.normal_form == bare or bare == lemma(words[-1])):
            head_parse_gender = p.tag.gender
            break
    else:  # a head pymorphy3 does not know ("на хабе" read as "хаба"): its ending tells the gender
        head_parse_gender = "femn" if bare.endswith(("а", "я")) else "neut" if bare.endswith(("о", "е")) else "masc"
    out = [inflect_word(w, {"nomn", "sing", head_parse_gender or "masc"}, ("ADJF", "PRTF")) for w in words[:-1]]
    out.append(head)
    text = " ".join(out)
    return text[:1].upper() + text[1:]


_PREPOSITIONS = {"на", "в", "во", "с", "со", "по", "для", "от", "из", "к", "ко", "у", "о", "об", "при", "за", "под"}


# "АО «Центр развития торговой политики «QazTrade»": a quoted name inside a quoted name, closed once or twice
# "АО «Национальная компания «Социально-предпринимательская корпорация «Тобол»»»": of three levels the last two
_NESTED = re.compile(
    rf"\b(?P<legal>{_LEGAL_RE})\s*«(?:[^«»\n]{{2,40}}?\s*«(?=[^«»\n]{{2,80}}?\s*«))?"
    rf"(?P<outer>[^«»\n]{{2,80}}?)\s*«(?P<inner>[^«»\n]{{2,40}})»{{0,3}}"
)


def _add_nested(ctx: Context, taken: list[tuple[int, int]]) -> None:
    """A name quoted inside a name is the whole name's; the inner name alone, unquoted later, is the same one."""
    for m in _NESTED.finditer(ctx.text):
        inner = _clean(m.group("inner"))
        ent = _add(ctx, f"{_clean(m.group('outer'))} {inner}", m.group(0), m.start(), m.end(), m.group("legal"))
        taken.append(m.span())
        if ent is None:
            continue
        for later in re.finditer(rf"(?<![\w«]){re.escape(inner)}(?![\w»])", ctx.text):
            if not any(s <= later.start() < e for s, e in taken):
                ctx.add_ref(ent, later.start(), later.end())
                taken.append(later.span())


def extract_organizations(ctx: Context) -> None:
    taken: list[tuple[int, int]] = []
    _add_nested(ctx, taken)
    for m in _LEGAL_QUOTED.finditer(ctx.text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        name = _clean(m.group("name"))
        _add(ctx, name, m.group(0), m.start(), m.end(), legal_form=_legal_abbreviation(m.group("legal")))
        taken.append(m.span())
    for m in _DESCRIBED.finditer(ctx.text):
        if any(s <= m.start("name") < e for s, e in taken):
            continue
        desc = m.group("desc").strip()
        words = desc.split()
        lemmas = [lemma(w) for w in words]
        if any(w in _NOT_ORG_HEADS and not _business_park(lemmas, j) for j, w in enumerate(lemmas)):
            continue
        k = next(
            (i for i in range(len(words) - 1, -1, -1) if _LEX.is_head(lemmas[i]) or _business_park(lemmas, i)), None
        )
        if k is None or any(w.lower() in _PREPOSITIONS for w in words[k + 1 :]):
            continue  # "предприятия представили продукцию на «Иннопроме»": the head is not the name's
        name = _clean(m.group("name"))
        # Adjectives right before the head belong to the descriptor; earlier words do not ("с работой
        # машиностроительного завода": a noun in -ой is no adjective).
        first = k
        while first > 0 and _adjectival(words[first - 1]):
            first -= 1
        desc_words = words[first : k + 1]
        if lemma(desc_words[-1]) in _GENERIC_HEADS:
            full = name  # "омской компанией «Сибирская нива»": a generic head and its adjectives are dropped (spec)
        else:
            # "Палатой предпринимателей Западно-Казахстанской области «Атамекен»": genitives after the head that
            # end in a place are the name's (each region's chamber is its own body); "центр приграничной торговли
            # «Ипак йули»" is described, not named, by them
            tail = words[k + 1 :] if all(_genitive(w) for w in words[k + 1 :]) else []
            if not any(
                r.type in ("Region", "City", "Country") and m.start("name") - 3 <= r.end < m.start("name")
                for r in ctx.refs
            ):
                tail = []
            described = " ".join([_descriptor_name(" ".join(desc_words)), *tail, name])
            full = _named_before(ctx, name, lemma(desc_words[-1])) or described
        start = m.start() + len(" ".join(words[:first])) + (1 if first else 0)
        _add(ctx, full, ctx.text[start : m.end()], start, m.end())
        taken.append((start, m.end()))
        # "Предприятия «Агромет» и «Астрона»": the descriptor covers every quoted name in the list
        pos = m.end()
        while (more := _MORE_QUOTED.match(ctx.text, pos)) is not None:
            extra = _clean(more.group("name"))
            headed = _headed_name(extra)  # "фронт-офис «Open Pavlodar», «Интеллектуальную школу Зерде»"
            _add(
                ctx,
                headed or (extra if full == name else f"{full[: len(full) - len(name)]}{extra}"),
                more.group("name"),
                more.start("name"),
                more.end("name"),
            )
            taken.append((more.start("name"), more.end()))
            pos = more.end()
    _add_staff_employers(ctx, taken)
    _add_placed_names(ctx, taken)
    _add_placed_plants(ctx, taken)
    _add_sole_traders(ctx, taken)
    _add_latin_names(ctx, taken)
    _add_embassies(ctx, taken)
    _add_bodies(ctx, taken)
    add_unquoted_names(ctx, taken, _add)
    add_firm_word_names(ctx, taken, _add)
    _add_quoted_again(ctx, taken)
    _add_ner_orgs(ctx, taken)
    _bracketed_acronyms(ctx)
    _add_acronyms(ctx)
    _add_staff_acronyms(ctx)
    _fold_short_names(ctx)
    _drop_persons_inside(ctx)


_QUOTED = re.compile(r"«([^«»\n]{2,60})»")


def _add_quoted_again(ctx: Context, taken: list[tuple[int, int]]) -> None:
    """ "ООО «Сумгайыт Полимер» ... за восемь месяцев «Сумгайыт Полимер» уже поставило": a quoted name alone,
    after the article named the organisation with its legal form or kind, is that organisation."""
    covered = taken + [(r.start, r.end) for r in ctx.refs]
    cores = _quoted_cores(ctx)
    for m in _QUOTED.finditer(ctx.text):
        if any(s <= m.start() < e or s < m.end() <= e for s, e in covered):
            continue
        key = f"Organization:{normalise_key(transliterate_kazakh(_clean(m.group(1))))}"
        ent = ctx.table.get(key) or cores.get(key)
        if ent is not None and ent.type == "Organization":
            ctx.add_ref(ent, m.start(), m.end())
            taken.append(m.span())


def _quoted_cores(ctx: Context) -> dict[str, Entity]:
    """ "агрохолдинг «Ариант»" → the key "Ariant" would have: the quoted part of each organisation's mentions, when
    one organisation alone bears it ("«Ариант» подписал контракт" later is that agroholding)."""
    found: dict[str, set[str]] = {}
    for ent in ctx.table.of_type("Organization"):
        for alias in [ent.name, *ent.aliases]:
            for q in _QUOTED.finditer(alias):
                key = f"Organization:{normalise_key(transliterate_kazakh(_clean(q.group(1))))}"
                if key != ent.key:  # (a name that is its quotes alone is that entity's own)
                    found.setdefault(key, set()).add(ent.key)
    return {key: ctx.table.entities[next(iter(owners))] for key, owners in found.items() if len(owners) == 1}


def _fold_short_names(ctx: Context) -> None:
    """ "Ректор Актюбинского регионального университета находится с визитом" over "делегация Актюбинского
    регионального университета имени К. Жубанова": a name the article also writes with the name it bears ("имени
    X"), or with a word more between its place word and its head ("на Курганском заводе" over "Курганский
    машиностроительный завод"), is that one organisation."""
    orgs = ctx.table.of_type("Organization")
    cores = _quoted_cores(ctx)
    for short in orgs:
        full = [
            o
            for o in orgs
            if o.key in ctx.table.entities
            and o is not short
            and (o.name.startswith(short.name + " имени ") or _shortened(short.name, o.name))
        ]
        # "компания «Ариант»" after "агрохолдинг «Ариант»": the name in quotes is the one organisation
        if (
            not full
            and (core := cores.get(short.key)) is not None
            and core is not short
            and core.key in ctx.table.entities
        ):
            full = [core]
        if len(full) != 1:
            continue  # two universities of one city named after two people: which one, the text does not say
        ctx.fold_entity(short, full[0])


def _shortened(short: str, full: str) -> bool:
    """ "Курганский завод" of "Курганский машиностроительный завод": the same first and last word, the full
    name one or two words longer in between."""
    a, b = short.split(), full.split()
    return len(a) == 2 and 3 <= len(b) <= 4 and a[0] == b[0] and a[-1] == b[-1]


# "директор «УралТехКабеля» Игорь Власов": a title of staff, then the quoted name of the employer
_STAFF_QUOTED = re.compile(rf"(?<![А-Яа-яЁё\-])(?P<title>[А-Яа-яЁё\-]+)\s+{_QUOTE}")


# "Шымкентский «Шымфарм»": a place adjective, capitalised, right before a quoted name
_ADJ_ENDINGS = "ий|ый|ой|ая|ое|ие|ые|ого|ую|ым|ом"
_PLACED_QUOTED = re.compile(rf"(?<![А-Яа-яЁё\-])(?P<adj>[А-ЯЁ][а-яё\-]+(?:{_ADJ_ENDINGS}))\s+{_QUOTE}")


def _add_placed_names(ctx: Context, taken: list[tuple[int, int]]) -> None:
    """A quoted name after a place adjective is a company of that place ("Шымкентский «Шымфарм»")."""
    from coopgraph.ingest.gazetteer import load_gazetteer

    for m in _PLACED_QUOTED.finditer(ctx.text):
        if any(s <= m.start("name") < e for s, e in taken):
            continue
        place = load_gazetteer().lookup(m.group("adj"))
        name = _clean(m.group("name"))
        if place is None or place.type not in ("Region", "City") or not name[:1].isupper():
            continue
        if _add(ctx, name, m.group(0)[len(m.group("adj")) :].strip(), m.start("name") - 1, m.end()):
            taken.append((m.start("name") - 1, m.end()))


def _add_staff_employers(ctx: Context, taken: list[tuple[int, int]]) -> None:
    """A quoted name right after a staff title ("директор «УралТехКабеля»") is its employer, in the genitive."""
    titles = org_lexicon().staff_titles
    for m in _STAFF_QUOTED.finditer(ctx.text):
        if any(s <= m.start("name") < e for s, e in taken) or lemma(m.group("title")) not in titles:
            continue
        name = _clean(m.group("name"))
        if not name[:1].isupper() and not name[:1].isdigit():
            continue  # "директор «по развитию»" is no name
        if _add(ctx, _nominative_name(name), m.group(0)[len(m.group("title")) :].strip(), m.start("name") - 1, m.end()):
            taken.append((m.start("name") - 1, m.end()))


def _nominative_name(name: str) -> str:
    """ "УралТехКабеля" → "УралТехКабель": a one-word name declined after a title goes back to the nominative;
    longer names ("Караганда Энергосервис") are not declined in the text."""
    if " " in name or not re.search(r"[а-яё](а|я|и|ы|у|ю)$", name):
        return name
    for p in parses(name.lower()):
        if p.tag.POS == "NOUN" and p.tag.case in ("gent", "datv") and p.normal_form != name.lower():
            common = len(os.path.commonprefix([p.normal_form, name.lower()]))
            return name[:common] + p.normal_form[common:]
    return name


_ACRONYM = re.compile(r"(?<![\w-])[А-ЯЁA-Z]{2,6}(?![\w-])")


def _initials(words: list[str]) -> str:
    """ "Уральская торгово-промышленная палата" → "УТПП": each word's and hyphen part's first letter."""
    return "".join(part[:1] for w in words for part in w.split("-") if part).upper()


# the acronym in brackets, after the rest of a long name the mention may not cover ("... и связи имени
# Гумарбека Даукеева (АУЭС)": words and initials only)
_BRACKETED = re.compile(
    r"(?:\s+[А-ЯЁа-яё\-]+|\s+[А-ЯЁ]\.){0,6}?\s*\(\s*([А-ЯЁA-Z][А-ЯЁA-Zа-яё]{1,9}(?:\s[А-ЯЁA-Z]{1,4})?)\s*\)"
)


def _bracketed_acronyms(ctx: Context) -> None:
    """ "Алматинского университета энергетики и связи (АУЭС)": an acronym in brackets right after an
    organisation's name is that organisation wherever the article uses it ("ректор АУЭС"), whatever its
    initials; an organisation read from the acronym alone is the same one."""
    for r in sorted((r for r in ctx.refs if r.type == "Organization"), key=lambda r: r.start):
        m = _BRACKETED.match(ctx.text, r.end)
        if m is None or sum(c.isupper() for c in m.group(1)) < 2 or m.group(1) in LEGAL_FORMS:
            continue
        acronym, ent = m.group(1), ctx.table.get(r.key)
        twin = ctx.table.get(f"Organization:{normalise_key(acronym)}")
        if ent is None or twin is ent:
            continue
        if twin is not None:
            for ref in ctx.refs:
                if ref.key == twin.key:
                    ref.key = ent.key
            ctx.table.entities.pop(twin.key)
        covered = [(q.start, q.end) for q in ctx.refs if q.key != ent.key]
        for found in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", ctx.text):
            if not any(s <= found.start() < e for s, e in covered):
                ctx.table.add(
                    "Organization", ent.name, key=ent.key, alias=acronym, start=found.start(), end=found.end()
                )
                ctx.add_ref(ent, found.start(), found.end(), via="abbr")


def _add_acronyms(ctx: Context) -> None:
    """ "вице-президент УТПП", "ТПП Узбекистана": an acronym of an organisation the article names in full is that
    organisation (its initials, or those of its first words with the rest written after it)."""
    orgs = [e for e in ctx.table.entities.values() if e.type == "Organization"]
    covered = [(r.start, r.end) for r in ctx.refs]
    for m in _ACRONYM.finditer(ctx.text):
        if any(s <= m.start() < e for s, e in covered) or m.group(0) in LEGAL_FORMS:
            continue
        after = ctx.text[m.end() : m.end() + 60].split()
        found = {}
        for ent in orgs:
            words = ent.name.split()
            for n in range(len(words), 1, -1):
                rest = words[n:]
                if _initials(words[:n]) == m.group(0) and [w.lower() for w in after[: len(rest)]] == [
                    w.lower() for w in rest
                ]:
                    end = m.end() + len(" ".join(rest)) + (1 if rest else 0)
                    found[ent.key] = (ent, end)
                    break
        if len(found) == 1:
            ent, end = next(iter(found.values()))
            ctx.add_ref(ent, m.start(), end)
        elif not found and m.group(0) in org_lexicon().acronyms:
            _add_kind_acronym(ctx, m)


def _add_kind_acronym(ctx: Context, m: re.Match) -> None:
    """ "между Палатой предпринимателей СКО и ТПП Курганской области": a body's kind by its acronym, then the place
    whose body it is (in the genitive), names that body."""
    place = next(
        (r for r in ctx.refs if r.type in ("Region", "City", "Country") and r.start == m.end() + 1),
        None,
    )
    if place is None or not ctx.text[m.end()].isspace():
        _add_adjective_acronym(ctx, m)
        return
    name = f"{org_lexicon().acronyms[m.group(0)]} {ctx.text[place.start : place.end]}"
    _add(ctx, name, ctx.text[m.start() : place.end], m.start(), place.end)


# "Уральской ТПП", "Новосибирская городская ТПП": a capitalised adjective, maybe lower-case ones after it
_ADJ_END = r"(?:ой|ей|ая|яя|ую|юю)"
_ADJECTIVE_BEFORE = re.compile(
    rf"(?<![\w-])([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?{_ADJ_END}(?:\s+[а-яё]+{_ADJ_END}){{0,2}})\s+$"
)


def _add_adjective_acronym(ctx: Context, m: re.Match) -> None:
    """ "вице-президент Уральской ТПП": a capitalised adjective before the acronym names the body
    ("Уральская торгово-промышленная палата")."""
    from coopgraph.ingest.morph import inflect_word

    adj = _ADJECTIVE_BEFORE.search(ctx.text[max(0, m.start() - 40) : m.start()])
    if adj is None:
        return
    kind = org_lexicon().acronyms[m.group(0)]
    start = m.start() - len(adj.group(0))
    words = " ".join(inflect_word(w, {"nomn", "femn", "sing"}, ("ADJF",)) for w in adj.group(1).split())
    _add(ctx, f"{words[:1].upper()}{words[1:]} {kind[:1].lower()}{kind[1:]}", ctx.text[start : m.end()], start, m.end())


def _add_placed_plants(ctx: Context, taken: list[tuple[int, int]]) -> None:
    """ "посетила Сарыкольский ГОК", "на Шымкентском НПЗ": a capitalised place adjective and a plant's acronym
    (organizations.toml `plant_acronyms`), an edition number maybe after it ("ГРЭС-1"), name the plant as written,
    the adjective in the nominative."""
    from coopgraph.ingest.morph import inflect_word

    kinds = org_lexicon().plant_acronyms
    for m in _PLACED_PLANT.finditer(ctx.text):
        gender = kinds.get(m.group("acronym"))
        if gender is None or any(s < m.end() and m.start() < e for s, e in taken):
            continue
        adj = inflect_word(m.group("adj"), {"nomn", gender, "sing"}, ("ADJF",))
        name = f"{adj[:1].upper()}{adj[1:]} {m.group('acronym')}{m.group('number') or ''}"
        if _add(ctx, name, m.group(0), m.start(), m.end()):
            taken.append(m.span())


_PLACED_PLANT = re.compile(
    r"(?<![\w-])(?P<adj>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?:ий|ый|ой|ая|ого|ому|ым|ом|ую|ей))\s+"
    r"(?P<acronym>[А-ЯЁ]{3,4})(?P<number>-\d)?(?![\w-])"
)


# "компания Kazakh Invest", "ТОО Ural Steel", "холдинга Samruk-Kazyna и QazTrade", "директор Mangystau Grain
# Terminal": a name in Latin letters, unquoted, behind an organisation's head noun, legal form or a staff title
# (whose employer it names); coordinated names share the cue.
# Latin letters with the diacritics of Turkish, Azerbaijani, German, French ... names ("Ege Gıda", "Güneş Tekstil")
_LATIN_CAPITALS = "A-ZÀ-ÖØ-ÞĀ-ſƏ"
_LATIN_LETTERS = "A-Za-zÀ-ÖØ-öø-ÿĀ-ſƀ-ɏə"
_LATIN_WORD = rf"[{_LATIN_CAPITALS}][{_LATIN_LETTERS}0-9&'’\-]*(?:\.[a-z]{{2,3}})?"
_LATIN_RUN = rf"{_LATIN_WORD}(?:\s+(?:(?:of|and|for|&)\s+)?{_LATIN_WORD}){{0,4}}(?![{_LATIN_LETTERS}])"
_LATIN_CUED = re.compile(rf"(?<![\w-])(?P<cue>[А-Яа-яЁё\-]+)\s+(?P<name>{_LATIN_RUN})")
_LATIN_MORE = re.compile(rf"(?:\s*,\s*|\s+и\s+)(?P<name>{_LATIN_RUN})")


def _add_latin_names(ctx: Context, taken: list[tuple[int, int]]) -> None:
    for m in _LATIN_CUED.finditer(ctx.text):
        cue = m.group("cue")
        staff = lemma(cue.lower()) in _LEX.staff_titles  # "директор Mangystau Grain Terminal Руслан Жаксылыков"
        if any(s <= m.start("name") < e for s, e in taken) or (
            cue not in LEGAL_FORMS and lemma(cue) not in _ORG_HEADS and not staff
        ):
            continue
        legal = cue if cue in LEGAL_FORMS else None
        pos, found = m.end(), [m]
        while (more := _LATIN_MORE.match(ctx.text, pos)) is not None:
            found.append(more)
            pos = more.end()
        for n in found:
            if _add(ctx, n.group("name"), n.group("name"), n.start("name"), n.end("name"), legal_form=legal):
                taken.append(n.span("name"))


# "ректор КазАТУ имени С. Сейфуллина", "директор ПНХЗ": an acronym right after a staff title is the employer
_STAFF_ACRONYM = re.compile(
    r"(?<![\w-])(?P<title>[А-ЯЁа-яё][а-яё\-]+)\s+(?P<name>(?=[А-ЯЁа-яё]*[А-ЯЁ][а-яё]*[А-ЯЁ])[А-ЯЁ][А-ЯЁа-яё]{1,7}"
    r"(?:\s+(?:имени|им\.)\s+(?:[А-ЯЁ]\.\s?){0,2}[А-ЯЁ][а-яё]+|\s+(?:РФ|РК|РБ|КР|РУз))?)(?![\w-])"
)


def _add_staff_acronyms(ctx: Context) -> None:
    from coopgraph.ingest.gazetteer import load_gazetteer

    titles = org_lexicon().staff_titles
    covered = [(r.start, r.end) for r in ctx.refs]
    for m in _STAFF_ACRONYM.finditer(ctx.text):
        acronym = m.group("name").split()[0]
        if lemma(m.group("title").lower()) not in titles or acronym in LEGAL_FORMS or load_gazetteer().lookup(acronym):
            continue
        if re.fullmatch(r"Р[А-ЯЁ]", acronym):
            continue  # "Главы РД", "глава РТ": a republic (Дагестан, Татарстан), not an employer
        if any(s < m.start("name") + len(acronym) and m.start("name") < e for s, e in covered):
            continue
        named = _named_in_full(ctx, acronym)
        if len(named) == 1:  # "ректор ВКТУ" of the "Восточно-Казахстанский технический университет" named before
            ctx.add_ref(named[0], m.start("name"), m.end("name"))
        elif not named:
            _add(ctx, m.group("name"), m.group("name"), m.start("name"), m.end("name"))


def _named_in_full(ctx: Context, acronym: str) -> list:
    """The article's organisations whose leading words' initials are the acronym's capitals ("АлтГТУ": Алтайский
    государственный технический университет)."""
    capitals = "".join(c for c in acronym if c.isupper())
    found = []
    for ent in ctx.table.entities.values():
        words = ent.name.split()
        words = words[: words.index("имени")] if "имени" in words else words
        if ent.type == "Organization" and any(_initials(words[:n]) == capitals for n in range(2, len(words) + 1)):
            found.append(ent)
    return found


def _add_sole_traders(ctx: Context, taken: list[tuple[int, int]]) -> None:
    for m in _SOLE_TRADER.finditer(ctx.text):
        if not any(s <= m.start() < e for s, e in taken) and _add(
            ctx, m.group("name"), m.group(0), m.start(), m.end(), legal_form="ИП"
        ):
            taken.append(m.span())


def _drop_persons_inside(ctx: Context) -> None:
    """ "ИП Турбина И.А.", "Завод им. С.М. Кирова": a person's name inside an organisation's is no mention
    of the person; one left without mentions is no person of the article. Likewise a place inside a quoted
    name ("ТОО «Тараз-Фосфор»") is no mention of the place."""
    orgs = [(r.start, r.end) for r in ctx.refs if r.type == "Organization"]
    quoted = [(s, e) for s, e in orgs if re.search(r"[«\"“„]", ctx.text[s:e])]
    inside = [r for r in ctx.refs if r.type == "Person" and any(s <= r.start and r.end <= e for s, e in orgs)]
    places = ("Region", "City", "Country")
    inside += [r for r in ctx.refs if r.type in places and any(s < r.start and r.end < e for s, e in quoted)]
    if not inside:
        return
    ctx.refs[:] = [r for r in ctx.refs if r not in inside]
    left = {r.key for r in ctx.refs}
    for key in {r.key for r in inside} - left:
        ctx.table.entities.pop(key, None)


def _clean(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" .,")


def _add(ctx: Context, name: str, alias: str, start: int, end: int, legal_form: str | None = None):
    name = transliterate_kazakh(name)
    if (is_outlet(name) and not legal_form) or _GOVERNMENT.search(name) or _news_source(ctx, start):
        return None  # a legal form makes "НПО «МИР»" a company, whatever outlet shares its name
    if normalise_key(name) in org_lexicon().not_names:
        return None
    key = f"Organization:{normalise_key(name)}"
    ent = ctx.table.add("Organization", name, key=key, alias=alias, start=start, end=end, legal_form=legal_form)
    ctx.add_ref(ent, start, end)
    return ent


def _news_source(ctx: Context, start: int, anywhere: bool = False) -> bool:
    """ "сообщает пресс-служба Уральского межрегионального управления": the source of the news (spec). With
    `anywhere`, a cue anywhere before it in its sentence ("сообщает пресс-служба управления Россельхознадзора",
    "по данным Росстата") makes a one-word agency the source too."""
    if not anywhere:
        before = ctx.text[max(0, start - 40) : start].lower().rstrip()
        return any(before.endswith(cue) for cue in org_lexicon().source_cues)
    sent = next((s for s in ctx.sentences if s.start <= start < s.end), None)
    before = ctx.text[sent.start if sent else max(0, start - 80) : start].lower()
    return any(cue in before for cue in org_lexicon().source_cues)


def _add_embassies(ctx: Context, taken: list[tuple[int, int]]) -> None:
    from coopgraph.ingest.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    for m in _EMBASSY.finditer(ctx.text):
        place = gaz.lookup(m.group(2))
        opening = m.group(1).lower()
        # a country's mission, or a region's trade mission ("Торговое представительство Республики Татарстан")
        if place is None or not (place.type == "Country" or place.type == "Region" and opening.startswith("торг")):
            continue
        kind = (
            "Посольство"
            if opening.startswith("посольств")
            else "Торговое представительство"
            if opening.startswith(("торгов", "торгпред"))
            else "Генеральное консульство"
        )
        if place.type == "Country":
            name = f"{kind} {inflect_word(place.name, {'gent'}, ('NOUN',))}"
        else:  # a region's name stands in the genitive after the head already: "Республики Татарстан"
            owner = re.sub(r"^\w*\s+", "", ctx.text[m.end(1) : m.end(2)])
            name = f"{kind} {owner[:1].upper()}{owner[1:]}"
        where, end = m.group(4), m.end()
        host = gaz.lookup(where) if where else None
        if host is None and where and " " in where:  # "в Казахстане Айдар Валиев": the name after it is no part
            where = where.split()[0]
            host, end = gaz.lookup(where), m.start(4) + len(where)
        if host is not None and host.code != place.code:
            where = where if where != host.name else inflect_word(host.name, {"loct"}, ("NOUN",))
            name += f" {m.group(3).lower()} {where}"  # "Посольство Казахстана в Узбекистане"
        _add(ctx, name, ctx.text[m.start() : end], m.start(), end)
        taken.append((m.start(), end))


_BODY_HEADS = org_lexicon().body_heads
# Elected councils are named by their region right after the head: "маслихат Павлодарской области".
_COUNCILS = {"маслихат", "дума", "кенеш"}
_COUNCIL_STEMS = tuple(h[:-1] for h in _COUNCILS)  # one C-level startswith screens every token first


def _add_bodies(ctx: Context, taken: list[tuple[int, int]]) -> None:
    """ "управлением сельского хозяйства ЗКО", "Агентством развития Новгородской области": a body
    named by its head noun and a genitive chain that ends in its region."""
    org_starts = {sp.start for sp in ctx.parsed.spans if sp.type == "ORG"}
    for k, sent in enumerate(ctx.sentences):
        toks = sent.tokens
        for i, head in enumerate(toks):
            if not _body_head(head) or any(s <= head.start < e for s, e in taken):
                continue
            mods = _capital_modifiers(toks, i, org_starts)
            end_tok = _body_chain_end(ctx, k, toks, i, own_words=not mods and not _council(head))
            if end_tok is None:
                continue
            first = i - len(mods)
            start, end = toks[first].start, toks[end_tok].end
            name = _body_name(ctx, k, toks[first : end_tok + 1], len(mods))
            if _add(ctx, name, ctx.text[start:end], start, end):
                taken.append((start, end))


def _body_head(tok) -> bool:
    """The tagger's lemma, or the dictionary's, is a body's head; unknown words ("маслихата", which the
    tagger reads as a verb) by their stem."""
    word = tok.text.lower()
    return tok.lemma in _BODY_HEADS or lemma(word) in _BODY_HEADS or _council(tok)


def _council(tok: Token) -> bool:
    if tok.lemma in _COUNCILS:
        return True
    return tok.text.lower().startswith(_COUNCIL_STEMS) and form_of(tok.text, _COUNCILS) is not None


def _capital_modifiers(toks: list[Token], i: int, org_starts: set[int]) -> list[Token]:
    """ "Законодательное собрание", "Торгово-промышленной палаты": capitalised adjectives opening the name;
    a sentence's first word is capitalised anyway, and opens the name only where NER starts one there."""
    run: list[Token] = []
    j = i - 1
    while j >= 0 and toks[j].pos == "ADJ" and len(run) < 4:
        run.insert(0, toks[j])
        j -= 1
    # "Государственном аграрном университете": lower-case adjectives after the capitalised one that opens it
    first = next((n for n, t in enumerate(run) if t.text[:1].isupper()), None)
    out = run[first:] if first is not None else []
    if out and out[0].i == 0 and out[0].start not in org_starts:
        return []
    return out


def _body_chain_end(ctx: Context, k: int, toks, i: int, own_words: bool = True) -> int | None:
    """Index of the last token of the body's name: the end of the first region named in the chain; with
    `own_words`, the body needs words of its own before the place ("управление сельского хозяйства")."""
    # a body with a name of its own may be a city's ("Торговая палата Кайсери"); a generic one ends in a region
    types = ("Region", "Country") if own_words else ("Region", "Country", "City")
    places = [r for r in ctx.refs_in(k, *types) if r.start > toks[i].start]
    j = i + 1
    while j < len(toks) and j - i <= 14:
        t = toks[j]
        place = next((r for r in places if r.start == t.start), None)
        if place is not None:
            last = j
            while last + 1 < len(toks) and toks[last + 1].end <= place.end:
                last += 1
            return last if j > i + 1 or not own_words else None
        participle = t.pos == "VERB" and t.feats.get("VerbForm") == "Part"
        if (t.pos in ("VERB", "AUX", "ADP", "PRON", "NUM") and not participle) or t.text in (
            ".",
            ";",
            ":",
            "(",
            ")",
            "«",
            "»",
            '"',
        ):
            return None
        if participle:
            j += 1
            continue
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if (
            t.pos == "CCONJ"
            and nxt is not None
            and nxt.text[:1].isupper()
            and _body_head(toks[i])
            and (_council(toks[i]) or _body_head(nxt))
        ):
            # "маслихата и Законодательного собрания ...", "палатой предпринимателей и Союзом промышленников ...":
            # the next body, not this one's words
            return None
        if t.text == "," and not (nxt and (nxt.pos == "ADJ" or nxt.pos == "NOUN" and nxt.feats.get("Case") == "Gen")):
            return None  # "Министерство природных ресурсов, экологии и ...": a list of its fields goes on
        if t.pos in ("NOUN", "ADJ", "PROPN", "CCONJ", "PUNCT") and (t.pos != "NOUN" or t.feats.get("Case") == "Gen"):
            j += 1
            continue
        return None
    return None


def _body_name(ctx: Context, k: int, toks, n_mods: int = 0) -> str:
    """Head (and the adjectives before it) in the nominative, the rest as written, region abbreviations
    spelt out."""
    from coopgraph.ingest.morph import nominative_phrase

    if _council(toks[n_mods]):  # "маслихата", a verb to the tagger, or a noun in a case the tagger misread
        council = next(h for h in _COUNCILS if toks[n_mods].text.lower().startswith(h[:-1]))
        toks = [*toks[:n_mods], Token(0, council, 0, 0, council, "NOUN", {"Case": "Nom"}), *toks[n_mods + 1 :]]
    head = nominative_phrase([(t.text, t.feats, t.pos) for t in toks[: n_mods + 1]], n_mods)
    if n_mods:  # "Торгово-промышленная палата": the parts after a hyphen keep the text's case
        head = "-".join([part if k == 0 else part.lower() for k, part in enumerate(head.split("-"))])
    words = [head[:1].upper() + head[1:]]
    for t in toks[n_mods + 1 :]:
        ref = next((r for r in ctx.refs_in(k, "Region") if r.start == t.start and r.via == "abbr"), None)
        if ref is not None:
            ent = ctx.table.entities[ref.key]
            words.append(" ".join(inflect_word(w, {"gent", "sing"}, ("ADJF", "NOUN")) for w in ent.name.split()))
        else:
            words.append(t.text)
    return re.sub(r"\s+,", ",", " ".join(words))


# A capitalised compound ending in a firm's word: "Сбербанк", "Газпром", "Казмунайгаз", "Ростсельмаш", "Уралхим".
_COMPOUND_FIRM = re.compile(
    r"^[А-ЯЁ][а-яё]{2,}(?:банк|пром|газ|нефть|маш|хим|телеком|энерго|трейд|сбыт|холдинг|транс|агро)(?:а|у|ом|е|и)?$"
)


# ... or a state agency's compound name: "Роскосмос", "Росрыболовство", "Минсельхоз", "Минкомсвязь", "Казахинвест"
# (not "Россия", "Министерство", "Минск", "Казахстан"). Not the inspectors and statisticians ("Россельхознадзор",
# "Росстат"), who report and check the trade of others: "инспекторами Россельхознадзора проконтролированы поставки";
# nor a region's colloquial name ("Минщина", "Брестчина").
_COMPOUND_AGENCY = re.compile(
    r"^(?:Рос(?!си)|Мин(?!ист|ск)|Казах(?!стан))(?![а-яё]*(?:надзор|стат))(?![а-яё]*(?:щин|чин)[а-яё]{0,2}$)[а-яё]{4,}$"
)


def _event_brand(word: str) -> bool:
    """ "Иннопром": an event known by its brand (events.toml), however firm-like its ending."""
    from coopgraph.ingest.events import event_lexicon  # events reads organisations' names

    return lemma(word).lower() in event_lexicon().brands or word.lower() in event_lexicon().brands


def _ner_name(ctx: Context, start: int, end: int) -> str | None:
    """Nominative of an ORG span: its head noun and the adjectives before it change, the rest
    stays as written (natasha's own normal form garbles long names)."""
    from coopgraph.ingest.morph import nominative_phrase

    for s in ctx.sentences:
        if s.start <= start < s.end:
            toks = [t for t in s.tokens if t.start >= start and t.end <= end]
            head = next((i for i, t in enumerate(toks) if t.pos in ("NOUN", "PROPN") and not _modifier(toks, i)), None)
            if head is None:
                return None
            words = [(t.text, t.feats, "ADJ" if _modifier(toks, i) else t.pos) for i, t in enumerate(toks[: head + 1])]
            name = nominative_phrase(words, head)
            tail = ctx.text[toks[head].end : toks[-1].end] if head + 1 < len(toks) else ""
            name = name + tail
            return name[:1].upper() + name[1:]
    return None


def _modifier(toks: list[Token], i: int) -> bool:
    """ "Западно-Казахстанского аграрно-технического университета": the tagger may call a hyphenated
    adjective a noun; a word only pymorphy's adjective parses read, with words after it, modifies them."""
    kinds = {p.tag.POS for p in parses(toks[i].text.lower())}
    return i + 1 < len(toks) and "ADJF" in kinds and "NOUN" not in kinds


def _span_tokens(ctx: Context, start: int, end: int) -> tuple[list[Token], list[Token]]:
    """The tokens of the sentence a span starts in, and the span's own."""
    sent = next((s for s in ctx.sentences if s.start <= start < s.end), None)
    toks = sent.tokens if sent is not None else []
    return toks, [t for t in toks if start <= t.start and t.end <= end]


def _plural_group(ctx: Context, start: int, end: int) -> bool:
    """ "Омские предприятия", "казахстанские компании": a span ending in a plural organisation noun speaks of
    a region's firms (the spec's generic bodies), not of one named body."""
    _, toks = _span_tokens(ctx, start, end)
    if not toks or lemma(toks[-1].text) not in _ORG_HEADS:
        return False
    # "Торгово-промышленные палаты": the tagger may call the noun singular; its plural adjective says otherwise
    agreeing = any(t.pos == "ADJ" and t.feats.get("Number") == "Plur" and t.feats.get("Case") == "Nom" for t in toks)
    return toks[-1].feats.get("Number") == "Plur" or agreeing and may_be_plural_nominative(toks[-1].text)


def _described_span(ctx: Context, start: int, end: int) -> bool:
    sentence, toks = _span_tokens(ctx, start, end)
    return described_at_start(ctx, sentence, toks)


def _add_ner_orgs(ctx: Context, taken: list[tuple[int, int]]) -> None:
    for span in ctx.parsed.spans:
        if span.type not in ("ORG", "PER") or any(s <= span.start < e or span.start <= s < span.end for s, e in taken):
            continue
        if span.type == "PER":  # "с компанией Уралэлектромедь", which NER took for a surname
            if _after_its_head(ctx, span.start, span.end) and not _a_personal_name(span.text):
                _add(ctx, span.text, span.text, span.start, span.end)
            continue
        text = _before_a_verb(ctx, span.start, span.text.split("\n")[0].strip())
        if len(text) < 3 or _GOVERNMENT.search(text) or is_outlet(text):
            continue
        words = text.split()
        if len(words) == 1 and _after_its_head(ctx, span.start, span.start + len(text)):
            _add(ctx, text, text, span.start, span.start + len(text))  # "компания Бобруйскагромаш"
            continue
        if (
            len(words) == 1
            and (_COMPOUND_FIRM.search(text) or _COMPOUND_AGENCY.search(text))
            and not is_outlet(text)
            and not _event_brand(text)
            and not _news_source(ctx, span.start, anywhere=True)
        ):
            # "Россельхозбанка", "Казмунайгаз": one word compounded of a firm's words names the firm
            word = _ner_name(ctx, span.start, span.start + len(text)) or text
            _add(ctx, word[:1].upper() + word[1:], text, span.start, span.start + len(text))
            continue
        if len(words) == 1 and (text.isupper() or not any(lemma(text) == h for h in _ORG_HEADS)):
            continue  # bare abbreviations and single words are too often outlets or places
        if lemma(words[0]) not in _ORG_HEADS and not any(lemma(w) in _ORG_HEADS for w in words):
            continue
        if _plural_group(ctx, span.start, span.start + len(text)) or _described_span(
            ctx, span.start, span.start + len(text)
        ):
            continue
        normal = _ner_name(ctx, span.start, span.start + len(text)) or text
        if _GOVERNMENT.search(normal) or lemma(words[0]) in _NOT_ORG_HEADS or _opens_with_a_title(text):
            continue
        _add(ctx, normal[:1].upper() + normal[1:], text, span.start, span.start + len(text))


def _after_its_head(ctx: Context, start: int, end: int) -> bool:
    """A one-word name right after the organisation noun it names ("компания Бобруйскагромаш", "с компанией
    Уралэлектромедь"): the noun says what NER alone cannot, that the word is a body and not an outlet."""
    toks, own = _span_tokens(ctx, start, end)
    if len(own) != 1 or own[0].i == 0 or not own[0].text[:1].isupper() or own[0].text.isupper():
        return False
    if own[0].feats.get("Case") not in (None, "Nom") and own[0].text.lower() != own[0].lemma:
        return False  # "управления Россельхознадзора": an inflected word says whose it is; a name stays put
    head = toks[own[0].i - 1]
    return head.pos == "NOUN" and head.feats.get("Number") != "Plur" and lemma(head.text) in _ORG_HEADS


def _a_personal_name(word: str) -> bool:
    """A given name, surname or patronymic the dictionary knows ("Петров"), which no organisation noun makes a body."""
    return any(g in p.tag for p in parses(word.lower()) for g in ("Name", "Surn", "Patr"))


def _before_a_verb(ctx: Context, start: int, text: str) -> str:
    """An ORG span cut at its first finite verb: NER can run a headline's name into its predicate
    ("Оренбургская таможня подвела итоги")."""
    k = ctx.sentence_of(start)
    verb = next(
        (
            t
            for t in ctx.sentences[k].tokens
            if start < t.start < start + len(text) and t.pos == "VERB" and t.feats.get("VerbForm") == "Fin"
        ),
        None,
    )
    return text[: verb.start - start].rstrip() if verb is not None else text


def _opens_with_a_title(text: str) -> bool:
    """ "Ректор университета" opening a sentence: a title and the body it is of, not the body's name."""
    from coopgraph.ingest.positions import offices

    return offices().title_opening(text) is not None
