"""Russian morphology through pymorphy3: lemmas, nominative forms of names and noun phrases."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

_KAZAKH = str.maketrans("іІәӘғҒқҚңҢөӨұҰүҮһҺ", "иИаАгГкКнНоОуУуУхХ")


@lru_cache(maxsize=1)
def analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def parses(word: str):
    return tuple(analyzer().parse(word))


@lru_cache(maxsize=200_000)
def known(word: str) -> bool:
    """Whether the dictionary knows some reading of `word` (pymorphy asks its dictionary anew each time)."""
    return any(p.is_known for p in parses(word))


def lemma(word: str) -> str:
    p = parses(word.lower())
    return p[0].normal_form if p else word.lower()


def lemmas(word: str) -> set[str]:
    return {p.normal_form for p in parses(word.lower())}


def form_of(word: str, nouns: frozenset[str] | set[str]) -> str | None:
    """Which of `nouns` a word is a form of: by the dictionary ("думы"), else by the noun's stem with an ending
    of up to two letters ("маслихата", "кенешем", which the dictionary does not know)."""
    word = word.lower()
    if (found := lemma(word)) in nouns:
        return found
    return next((n for n in nouns if word.startswith(n[:-1]) and len(word) - len(n) <= 2), None)


def transliterate_kazakh(text: str) -> str:
    return text.translate(_KAZAKH)


def match_case(word: str, model: str) -> str:
    """Give `word` the letter case of `model` (Title, UPPER or lower), hyphen parts alike."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        parts, model_parts = word.split("-"), model.split("-")
        if len(parts) == len(model_parts):  # "Социально-предпринимательская" keeps its lower-case part
            return "-".join(p[:1].upper() + p[1:] if m[:1].isupper() else p for p, m in zip(parts, model_parts))
        return "-".join(p[:1].upper() + p[1:] for p in parts)
    return word


# The tagger's (Universal Dependencies) cases and pymorphy's, both ways.
UD_CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
PYMORPHY_CASES = {v: k for k, v in UD_CASES.items()} | {"loc2": "Loc"}
UD_GENDERS = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}
PYMORPHY_GENDERS = {v: k for k, v in UD_GENDERS.items()}


def _case_of(feats: dict) -> str | None:
    return UD_CASES.get(feats.get("Case", ""))


def nominative_name_part(word: str, feats: dict | None = None, gender: str | None = None) -> str:
    """One token of a person's name in the nominative, fixing natasha's surname guesses.

    Prefer parses tagged Name/Surn/Patr whose case agrees with the tagger's; a surname keeps its
    gender ("Шумковым" → "Шумков", "Кузьминой" → "Кузьмина").
    """
    if "-" in word:
        return "-".join(nominative_name_part(p, feats, gender) for p in word.split("-"))
    feats = feats or {}
    if word.lower() in _first_names("male_fixed") or word.lower() in _first_names("nominative_om"):
        return word  # "Гани" in any case; "Бахром" in the nominative
    case = _ending_case(word, _case_of(feats))
    if case == "nomn" and gender == "masc" and re.search(r"[^аеиоуыэюя][ыи]$", word.lower()) and len(word) > 3:
        return word  # "Ерлан Сары", "Дархан Сатыбалды": a man's nominative surname in -ы/-и is Kazakh, fixed
    if re.search(r"[бвгджзклмнпрстфхцчшщй]$", word.lower()) and not re.search(
        r"(ом|ем|ым|им|ой|ей|ам|ям|ах|ях)$", word.lower()
    ):
        return word  # oblique cases of a name end in a vowel or -ом/-ем/-ым...: a bare consonant is nominative
    if case in ("gent", "accs") and _nominative_first_name(word):
        return word  # "Вадим", "Рахим" after "врио губернатора": no genitive or accusative of a name ends so
    if case == "nomn" and re.search(r"[^аеиоуыэюя](ам|ям)$", word.lower()):
        return word  # "Мейрам", "Ислам": a nominative, not a plural dative of "Мейра"
    if word.lower().endswith("ь"):
        return word  # likewise a soft sign: "Эдиль", "Асель" (oblique: Эдиля, Асели)
    if re.search(r"(ов|ев|ёв|ин|ын)$", word) and len(word) > 4:
        return word  # a masculine surname in -ов/-ин is already nominative in any singular context
    endings = _CASE_ENDINGS.get(case or "")
    if endings and not word.lower().endswith(endings):
        return word  # "с акимом Дарханом Сатыбалды": a Kazakh surname in -ы does not decline
    known = _known_name(word, case) or _tajik_or_soft(word, case)
    if known:
        return known  # "Игорем" → "Игорь": the dictionary's own first names first
    if case == "ablt" and re.search(r"[бвгджзклмнпрстфхцчшщ](ом|ем)$", word.lower()) and len(word) > 5:
        return _instrumental_stem(word)
    if case == "accs" and re.search(r"[^аеиоуыэюя][ую]$", word.lower()) and len(word) > 4:
        # only a noun in -а/-я ends in -у/-ю in the accusative (a consonant stem takes -а): "Ибодзоду"
        return word[:-1] + ("а" if word[-1] == "у" else "я")
    by_ending = _adjectival_surname(word, case, gender) or _surname_nominative(word, case, gender)
    if by_ending:
        return by_ending
    cands = [p for p in parses(word.lower()) if {"Name", "Surn", "Patr"} & set(p.tag.grammemes)]
    if case:
        cands = [p for p in cands if p.tag.case == case] or cands
    if gender:
        cands = [p for p in cands if p.tag.gender in (gender, None)] or cands
    for p in cands:
        if p.tag.case == "nomn":
            return match_case(word, word)
        inflected = p.inflect({"nomn", "sing"})
        if inflected:
            return match_case(inflected.word, word)
    if case in (None, "nomn"):
        return word
    return match_case(_guess_nominative(word.lower()), word)


def _ending_case(word: str, case: str | None) -> str | None:
    """The tagger's case, corrected where an unknown name's ending rules it out: "с секретарём У Сяоцзюнем"
    is no genitive; "принял Посла ... Ибодзоду" (an animate genitive-accusative title) is an accusative."""
    w = word.lower()
    if len(w) < 5 or known(w):
        return case
    if case in ("gent", "nomn", None) and re.search(r"[^аеиоуыэюя](ом|ем|ём)$", w):
        return "ablt"
    if case in ("gent", "nomn", "loct", None) and re.search(r"(ов|ев|ёв|ин|ын)ым$", w):
        return "ablt"  # "Жаксыбековым": a surname's instrumental, whatever case the title before had
    if case == "gent" and re.search(r"[^аеиоуыэюя][ую]$", w) and not re.search(r"(ов|ев|ёв|ин|ын)у$", w):
        return "accs"
    return case


def _tajik_or_soft(word: str, case: str | None) -> str | None:
    """Nominatives the endings give away: Tajik surnames in -зода ("Расулзоду" → "Расулзода", whatever the
    case), and an unknown name's genitive in consonant + -я ("Сяоцзюня" → "Сяоцзюнь")."""
    m = re.match(r"^(.+зод)(а|ы|е|у|ой)$", word, re.I)
    if m:
        return m.group(1) + "а"
    if case in ("gent", "accs") and re.search(r"[бвгдзклмнпрстфхц]я$", word.lower()) and not known(word.lower()):
        return word[:-1] + "ь"
    return None


def _nominative_first_name(word: str) -> bool:
    """A first name the dictionary knows, in its own nominative singular, ending in a consonant."""
    low = word.lower()
    return low[-1:] not in "аеёиоуыэюяь" and any(
        p.is_known and "Name" in p.tag.grammemes and p.tag.case == "nomn" and p.normal_form == low for p in parses(low)
    )


def _known_name(word: str, case: str | None) -> str | None:
    """The nominative of a first name the dictionary knows, read in the tagger's case (surnames keep
    their gender by the rules below)."""
    for p in parses(word.lower()):
        if p.is_known and "Name" in p.tag.grammemes and case and p.tag.case == case:
            inflected = p.inflect({"nomn", "sing"})
            if inflected:
                return match_case(inflected.word, word)
    return None


def _instrumental_stem(word: str) -> str:
    """ "Паслером" → "Паслер", "Сяоцзюнем" → "Сяоцзюнь": -ом follows a hard stem, -ем a soft one (or a hushing
    consonant or ц, which take no soft sign)."""
    stem = word[:-2]
    # an unknown name in -рем is a Turkic one in -р written soft ("Даниярем" → "Данияр"); a Russian one in -рь
    # ("Игорем") the dictionary knows and resolves before this
    if word.lower().endswith("ем") and not re.search(r"[жшчщцр]$", stem.lower()):
        return stem + "ь"
    return stem


_SURNAME = re.compile(r"^(.{2,}?(?:ов|ев|ёв|ин|ын))(а|у|ым|е|ой|ою|ой)$")


_CASE_ENDINGS = {
    "ablt": ("ом", "ем", "ём", "ым", "им", "ой", "ей", "ою", "ею"),
    "datv": ("у", "ю", "е", "и", "ой", "ей", "ому", "ему"),
    "loct": ("е", "и", "ой", "ей", "ом", "ем"),
}


_ADJECTIVAL_SURNAME = re.compile(r"^(?P<stem>[А-ЯЁ][а-яё]+?[сцз]к)(?P<end>ой|ую|ою|ого|ому|им|ом)$")


def _adjectival_surname(word: str, case: str | None, gender: str | None) -> str | None:
    """ "с ректором Ольгой Зарецкой" → "Зарецкая", "Вадимом Каминским" → "Каминский": a surname that declines as
    an adjective (-ский/-цкий), in the gender of the first name beside it."""
    m = _ADJECTIVAL_SURNAME.match(word)
    if m is None or case in (None, "nomn") or gender is None:
        return None
    if gender == "femn" and m.group("end") in ("ой", "ую", "ою"):
        return m.group("stem") + "ая"
    if gender == "masc" and m.group("end") in ("ого", "ому", "им", "ом"):
        return m.group("stem") + "ий"
    return None


def _surname_nominative(word: str, case: str | None, gender: str | None) -> str | None:
    """Russian-type surnames (-ов/-ев/-ин/-ын) decline regularly; pymorphy's dictionary often
    does not know them and guesses a feminine adjective ("Шумковым" → "шумковой")."""
    if case in (None, "nomn") or not word[:1].isupper():
        return None
    m = _SURNAME.match(word)
    if not m:
        return None
    stem, ending = m.groups()
    if gender == "femn" or ending in ("ой", "ою"):
        return stem + "а"
    return stem


def _guess_nominative(word: str) -> str:
    """Nominative of an unknown (often Kazakh) surname or name from its ending."""
    for end, repl in (
        ("овым", "ов"),
        ("евым", "ев"),
        ("ёвым", "ёв"),
        ("иным", "ин"),
        ("ыным", "ын"),
        ("ова", "ов"),
        ("ева", "ев"),
        ("ину", "ин"),
        ("ову", "ов"),
        ("еву", "ев"),
        ("овой", "ова"),
        ("евой", "ева"),
        ("иной", "ина"),
        ("ом", ""),
        ("ем", ""),
        ("ым", ""),
        ("у", ""),
        ("а", ""),
        ("е", ""),
    ):
        if word.endswith(end) and len(word) - len(end) >= 3:
            return word[: len(word) - len(end)] + repl
    return word


@lru_cache(maxsize=1)
def female_first_names() -> frozenset[str]:
    return _first_names("female")


@lru_cache(maxsize=4)
def _first_names(key: str) -> frozenset[str]:
    text = resources.files(__package__).joinpath("lexicons", "first_names.toml").read_text(encoding="utf-8")
    return frozenset(name.lower() for name in tomllib.loads(text)[key])


def first_name_gender(word: str, feats: dict | None) -> str | None:
    """The gender of a first name: a woman's name of the lexicon; one the dictionary reads both ways
    ("Камила": Камила, or Камил in the genitive) by the tagger's reading in context; else the dictionary's."""
    if word.lower().replace("ё", "е") in female_first_names():
        return "femn"
    if word.lower() in _first_names("male_fixed"):
        return "masc"
    genders = {p.tag.gender for p in parses(word.lower()) if "Name" in p.tag.grammemes} & {"masc", "femn"}
    if len(genders) > 1 and (tagged := gender_of(word, feats) if (feats or {}).get("Gender") else None):
        return tagged
    return gender_of(word, None) or gender_of(word, feats)


def gender_of(word: str, feats: dict | None = None) -> str | None:
    g = (feats or {}).get("Gender")
    if g:
        return UD_GENDERS.get(g) if g != "Neut" else None  # a person's name is masculine or feminine
    for p in parses(word.lower()):
        if "Name" in p.tag.grammemes and p.tag.gender in ("masc", "femn"):
            return p.tag.gender
    return None


def may_be_plural_nominative(word: str) -> bool:
    """Whether some reading of the word is a plural nominative: the tagger calls rare demonyms and resident
    nouns ("орчане", "жетысуйцы", "Зауральцы") singular."""
    return any({"nomn", "plur"} <= set(p.tag.grammemes) for p in parses(word.lower()))


_DEGREES = frozenset({"Supr", "Cmp2"})


def _common_prefix(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def inflect_word(word: str, grammemes: set[str], pos: tuple[str, ...] = ()) -> str:
    """Inflect `word` into `grammemes`, picking the parse of the wanted part of speech."""
    return _inflect_word(word, frozenset(grammemes), pos)


@lru_cache(maxsize=50_000)
def _inflect_word(word: str, grammemes: frozenset[str], pos: tuple[str, ...]) -> str:
    cands = parses(word.lower())
    if pos:
        cands = tuple(p for p in cands if p.tag.POS in pos) or cands
    for p in cands:
        inflected = p.inflect(grammemes)
        if inflected and p.tag.grammemes & _DEGREES:
            # "высший" is a superlative of "высокий" beside "высочайший": keep the word's own stem
            forms = [f for f in p.lexeme if grammemes | (p.tag.grammemes & _DEGREES) <= f.tag.grammemes]
            inflected = max(forms, key=lambda f: _common_prefix(f.word, word.lower()), default=inflected)
        if inflected:
            out = inflected.word
            first = word.lower().split("-")[0]
            if "-" in word and "-" not in out and out.startswith(first):
                out = f"{first}-{out[len(first) :]}"  # "Южно-Уральским" → "Южно-Уральский", not "Южноуральский"
            return match_case(out, word)
    return word


_WORD = re.compile(r"[\w\-]+", re.UNICODE)


def nominative_phrase(words: list[tuple[str, dict, str]], head: int) -> str:
    """Put a noun phrase into the nominative: the head and its agreeing modifiers change, the
    rest (genitive or prepositional complements) stays as written.

    `words` are (text, feats, pos) triples, `head` is the index of the head noun.
    """
    head_text, head_feats, _ = words[head]
    number = "plur" if head_feats.get("Number") == "Plur" else "sing"
    head_parse = _noun_parse(head_text, head_feats)
    if head_parse is not None and head_parse.tag.number == "plur" and "Pltm" in head_parse.tag.grammemes:
        number = "plur"
    head_nom = _inflect_parse(head_parse, {"nomn", number}) if head_parse else head_text
    gender = head_parse.tag.gender if head_parse is not None else None
    out = []
    for k, (text, feats, pos) in enumerate(words):
        if k == head:
            out.append(match_case(head_nom, text))
        # "Организованную промышленную зону": a participle agrees with the head as an adjective does
        elif k < head and (pos in ("ADJ", "DET", "NUM") or feats.get("VerbForm") == "Part") and text[:1].isalpha():
            want = {"nomn", number} if number == "plur" else {"nomn", "sing", gender or "masc"}
            out.append(inflect_word(text, want, ("ADJF", "PRTF", "NUMR")))
        else:
            out.append(text)
    return " ".join(out)


def _noun_parse(word: str, feats: dict):
    case = _case_of(feats)
    nouns = [p for p in parses(word.lower()) if p.tag.POS == "NOUN"]
    if case:
        nouns = [p for p in nouns if p.tag.case == case or (case == "accs" and p.tag.case == "nomn")] or nouns
    number = "plur" if feats.get("Number") == "Plur" else "sing" if feats.get("Number") else None
    if number:
        nouns = [p for p in nouns if p.tag.number == number] or nouns
    return nouns[0] if nouns else None


def _inflect_parse(parse, grammemes: set[str]) -> str:
    inflected = parse.inflect(grammemes)
    if inflected is None and "plur" in grammemes:
        inflected = parse.inflect({"nomn"})
    return inflected.word if inflected else parse.word
