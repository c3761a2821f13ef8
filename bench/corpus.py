"""Synthetic Russian cooperation news with their gold facts: `python -m bench.corpus N SEED [-o FILE]`."""

from __future__ import annotations

# Every article is built from sentence templates that each state known facts (a visit, a signing,
# a trade flow...), so the generator knows the article's ArticleFacts without running the
# extractor: `article_facts(i)` gives them with evidence offsets in the text the reader keeps.
# That is how the 10k/100k graphs are built (extraction at ~0.3 s/article cannot do 100k here).
# Article i depends only on (SEED, i), so the first 1k articles of a 100k corpus are the 1k corpus.
# Officials, enterprises, events and trade figures are drawn once per SEED from a skewed
# distribution, so many articles repeat the same facts and facts accumulate support.
import argparse
import functools
import hashlib
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # `python bench/corpus.py` as well as `python -m bench.corpus`
    sys.path.insert(0, str(REPO))

from coopgraph.ingest.context import normalise_key  # noqa: E402
from coopgraph.ingest.records import Article, ArticleFacts, Entity, Evidence, Mention, Relation  # noqa: E402

REAL_EVERY = 37  # real text k sits at position REAL_OFFSET + REAL_EVERY * k (prefix-stable)
REAL_OFFSET = 3
FIRST_YEAR, LAST_YEAR = 2018, 2025

# ---------------------------------------------------------------- morphology


@functools.lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


# Compound city names whose first part does not decline ("в Усть-Каменогорске").
_FIXED_PREFIXES = ("Усть-", "Санкт-", "Нур-", "Улан-", "Соль-")


def _inflect_word(word: str, case: str) -> tuple[str, str | None]:
    for prefix in _FIXED_PREFIXES:
        if word.startswith(prefix):
            rest, pos = _inflect_word(word[len(prefix) :], case)
            return prefix + rest, pos
    parses = [p for p in _morph().parse(word.lower()) if "nomn" in p.tag.grammemes and p.tag.POS in ("NOUN", "ADJF")]
    if not parses:
        return word, None
    p = parses[0]
    grammemes = {case}
    if case == "accs" and p.tag.POS == "ADJF" and ({"masc", "plur"} & p.tag.grammemes):
        grammemes.add("inan")  # "Алтайский край" stays, not "Алтайского"
    form = p.inflect(grammemes) or (p.inflect({case}) if case == "accs" else None)
    if form is None:
        return word, p.tag.POS
    out = form.word
    parts, oparts = word.split("-"), out.split("-")
    if len(parts) == len(oparts):
        out = "-".join(o.capitalize() if w[:1].isupper() else o for w, o in zip(parts, oparts))
    elif word[:1].isupper():
        out = out[:1].upper() + out[1:]
    return out, p.tag.POS


@functools.cache
def inflect(phrase: str, case: str) -> str:
    """Decline a name phrase: leading adjectives and the head noun change, the rest stays."""
    if case == "nomn":
        return phrase
    out, done = [], False
    for tok in phrase.split(" "):
        if done or not tok[:1].isalpha() or tok.isupper():
            out.append(tok)
            continue
        word, pos = _inflect_word(tok, case)
        out.append(word)
        if pos != "ADJF":
            done = True
    return " ".join(out)


SIBILANT = "гкхжшчщ"


def decline_first(name: str, case: str, female: bool) -> str:
    if case == "nomn":
        return name
    if female:
        stem, last = name[:-1], name[-1]
        ends = {
            "а": {"gent": "и" if stem[-1] in SIBILANT else "ы", "datv": "е", "accs": "у", "ablt": "ой", "loct": "е"},
            "я": {"gent": "и", "datv": "е", "accs": "ю", "ablt": "ей", "loct": "е"},
        }[last]
        return stem + ends[case]
    if name[-1] in "йь":
        return name[:-1] + {"gent": "я", "datv": "ю", "accs": "я", "ablt": "ем", "loct": "е"}[case]
    return name + {"gent": "а", "datv": "у", "accs": "а", "ablt": "ом", "loct": "е"}[case]


def decline_surname(name: str, case: str, female: bool) -> str:
    if case == "nomn" or not re.search(r"(?:ов|ев|ин|ын)а?$", name):
        return name  # -улы, -кызы and the like do not decline
    if female:
        return name[:-1] + {"gent": "ой", "datv": "ой", "accs": "у", "ablt": "ой", "loct": "ой"}[case]
    return name + {"gent": "а", "datv": "у", "accs": "а", "ablt": "ым", "loct": "е"}[case]


# ---------------------------------------------------------------- vocabulary

RU_MALE = [
    "Андрей",
    "Сергей",
    "Алексей",
    "Дмитрий",
    "Игорь",
    "Вадим",
    "Олег",
    "Юрий",
    "Николай",
    "Павел",
    "Денис",
    "Роман",
    "Виктор",
    "Михаил",
    "Владислав",
    "Евгений",
    "Константин",
    "Артём",
    "Антон",
    "Валерий",
    "Глеб",
    "Максим",
    "Руслан",
    "Станислав",
    "Тимур",
    "Вячеслав",
    "Геннадий",
    "Василий",
]
KZ_MALE = [
    "Нурлан",
    "Ерлан",
    "Асет",
    "Серик",
    "Бахыт",
    "Даурен",
    "Канат",
    "Марат",
    "Болат",
    "Гани",
    "Кайрат",
    "Арман",
    "Жасулан",
    "Ерболат",
    "Бауыржан",
    "Азамат",
    "Талгат",
    "Берик",
    "Аскар",
    "Ермек",
    "Мейрам",
    "Нуржан",
    "Алибек",
    "Данияр",
    "Айдар",
    "Ербол",
    "Женис",
    "Самат",
]
FEMALE = [
    "Елена",
    "Ольга",
    "Наталья",
    "Ирина",
    "Светлана",
    "Марина",
    "Татьяна",
    "Айгуль",
    "Гульнара",
    "Жанна",
    "Динара",
    "Сауле",
    "Алия",
    "Лаура",
]
RU_SURNAMES = [
    "Ковалев",
    "Морозов",
    "Сидоров",
    "Кузнецов",
    "Лебедев",
    "Соколов",
    "Новиков",
    "Федоров",
    "Волков",
    "Зайцев",
    "Павлов",
    "Семенов",
    "Голубев",
    "Виноградов",
    "Богданов",
    "Воробьев",
    "Филиппов",
    "Марков",
    "Никитин",
    "Ильин",
    "Карпов",
    "Афанасьев",
    "Комаров",
    "Орлов",
    "Киселев",
    "Макаров",
    "Андреев",
    "Ковалевский",
    "Тарасов",
    "Беляев",
    "Шумилин",
    "Гусев",
    "Титов",
    "Кудрявцев",
    "Баранов",
    "Куликов",
    "Алексеев",
    "Степанов",
    "Яковлев",
    "Сорокин",
]
KZ_SURNAMES = [
    "Ахметов",
    "Исабаев",
    "Жумабаев",
    "Сатыбалдин",
    "Нурмухамбетов",
    "Касымов",
    "Абенов",
    "Тулегенов",
    "Байжанов",
    "Омаров",
    "Мухамедиев",
    "Сулейменов",
    "Есенов",
    "Кенжебаев",
    "Сарсенбаев",
    "Искаков",
    "Бекмагамбетов",
    "Ермеков",
    "Шайхин",
    "Утебаев",
    "Калиев",
    "Бектуров",
    "Жакупов",
    "Рахимов",
    "Абдигалиулы",
    "Сапарбаев",
    "Турсунов",
    "Алдабергенов",
]
NAME_PARTS_A = [
    "Агро",
    "Техно",
    "Сибирь",
    "Урал",
    "Степь",
    "Нефте",
    "Строй",
    "Мет",
    "Электро",
    "Кызыл",
    "Алтын",
    "Жер",
    "Ертіс",
    "Сарыарка",
    "Бал",
    "Ақ",
    "Тау",
    "Евразия",
    "Транс",
    "Пром",
    "Кам",
    "Волга",
    "Нур",
    "Хим",
    "Зерно",
    "Мол",
    "Лес",
    "Эко",
]
NAME_PARTS_B = [
    "пром",
    "маш",
    "снаб",
    "торг",
    "холдинг",
    "комплект",
    "инвест",
    "сервис",
    "продукт",
    "экспорт",
    "лайн",
    "групп",
    "стан",
    "мир",
    "техника",
    "строй",
    "логистик",
    "агро",
]
NAME_PARTS_C = [
    "",
    "",
    "",
    "-Восток",
    "-Центр",
    " Плюс",
    "-Азия",
    " Групп",
    "-Сервис",
    " Трейд",
    "-Регион",
    " Инвест",
    "-Север",
    "-Юг",
]
LEGAL = {
    "KZ": ["ТОО", "ТОО", "АО"],
    "RU": ["ООО", "ООО", "АО", "ПАО"],
    "BY": ["ОАО", "ЗАО", "ООО"],
    None: ["ООО", "АО"],
}
COMMODITIES = [
    "пшеница",
    "мука",
    "ячмень",
    "семена",
    "подсолнечное масло",
    "сахар",
    "мясо",
    "молочная продукция",
    "рыба",
    "картофель",
    "каменный уголь",
    "нефтепродукты",
    "изделия из черных металлов",
    "металлопрокат",
    "удобрения",
    "лекарственные препараты",
    "мебель",
    "строительные материалы",
    "цемент",
    "сельскохозяйственная техника",
    "трактора",
    "грузовые автомобили",
    "кабельная продукция",
    "бумага",
    "картон",
    "лесоматериалы",
    "стекло",
    "бытовая техника",
    "электрооборудование",
    "пластмассы",
    "шины",
    "кондитерские изделия",
    "овощи",
    "фрукты",
    "соль",
    "ферросплавы",
    "медь",
    "цинк",
]
DOC_KINDS = [  # (kind, nominative name phrase, gender for "подписан(а/о)")
    ("соглашение", "соглашение о торгово-экономическом сотрудничестве", "n"),
    ("соглашение", "соглашение о сотрудничестве", "n"),
    ("дорожная карта", "дорожная карта по реализации соглашения о сотрудничестве", "f"),
    ("меморандум", "меморандум о взаимопонимании", "m"),
    ("план мероприятий", "план мероприятий по развитию сотрудничества", "m"),
    ("протокол", "протокол о намерениях", "m"),
    ("программа", "программа межрегионального сотрудничества", "f"),
]
SPHERES = [
    "торгово-экономической",
    "научно-технической",
    "гуманитарной",
    "культурной",
    "образовательной",
    "агропромышленной",
    "туристической",
    "транспортной",
    "инвестиционной",
]
OUTLETS = [
    "Sputnik",
    "Kazinform",
    "Tengrinews",
    "BAQ.KZ",
    "Zakon.kz",
    "ТАСС",
    "РИА Новости",
    "REGNUM",
    "Северный Казахстан",
    "Наш Костанай",
    "Диапазон",
    "Урал56.ру",
    "БЕЛТА",
]
MONTHS_GEN = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
ROMAN = [
    "",
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
    "XXI",
    "XXII",
    "XXIII",
]
HEAD_TITLE = {"KZ": "аким", "RU": "губернатор", "BY": "председатель облисполкома", "UZ": "хоким"}
DEPUTY_TITLE = {
    "KZ": "заместитель акима",
    "RU": "заместитель губернатора",
    "BY": "заместитель председателя облисполкома",
    "UZ": "заместитель хокима",
}
MINISTER_TITLES = [
    "министр сельского хозяйства",
    "министр экономического развития",
    "министр промышленности",
    "руководитель управления предпринимательства",
]
FILLER = [
    "Стороны обсудили вопросы развития транспортной логистики и приграничной торговли.",
    "Особое внимание было уделено реализации совместных инвестиционных проектов.",
    "Участники встречи отметили высокий потенциал сотрудничества в сфере образования и здравоохранения.",
    "Обсуждались также вопросы увеличения пассажирских и грузовых перевозок.",
    "В ходе переговоров стороны подчеркнули важность поддержки малого и среднего бизнеса.",
    "По словам участников, взаимодействие регионов носит системный характер.",
    "Кроме того, рассматривалась возможность открытия прямого авиасообщения.",
    "Следующее заседание рабочей группы пройдет в первом полугодии.",
    "Стороны договорились продолжить работу по устранению административных барьеров.",
    "Отмечено, что в регионе работают более 40 предприятий с участием иностранного капитала.",
    "В программе визита также значатся встречи с представителями деловых кругов.",
    "Большое внимание было уделено молодежным и студенческим обменам.",
    "Эксперты ожидают дальнейшего роста взаимной торговли в ближайшие годы.",
    "Участники форума обсудили цифровизацию таможенных процедур.",
    "В завершение встречи стороны обменялись памятными подарками.",
]
NEWS_TOPICS = [
    "обсудили развитие туризма",
    "укрепляют деловые связи",
    "наращивают поставки зерна",
    "провели совместные учения спасателей",
    "договорились о студенческом обмене",
    "открыли новый пункт пропуска",
    "подвели итоги года",
    "запустили грузовой авиарейс",
]


# ---------------------------------------------------------------- the world of one seed


@dataclass(frozen=True)
class Place:
    code: str
    type: str
    name: str
    country: str | None
    region: str | None

    @property
    def key(self) -> str:
        return f"{self.type}:{self.code}"

    def form(self, case: str) -> str:
        return inflect(self.name, case)


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    female: bool
    title: str  # canonical (lower case) office
    office: Place  # the place the office belongs to

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    def form(self, case: str) -> str:
        return f"{decline_first(self.first, case, self.female)} {decline_surname(self.last, case, self.female)}"

    def title_form(self, case: str) -> str:
        return inflect(self.title, case)


@dataclass(frozen=True)
class Org:
    name: str
    legal: str
    region: Place

    @property
    def surface(self) -> str:
        return f"{self.legal} «{self.name}»"


@dataclass
class World:
    """Everything drawn once per seed: pairs of partner regions, officials, enterprises, figures."""

    seed: int
    kz: list[Place]
    partners: list[Place]
    countries: dict[str, Place]
    cities: dict[str, list[Place]]  # region code -> its cities
    pairs: list[tuple[Place, Place]]
    pair_weights: list[float]
    people: dict[tuple[str, str, int], Person] = field(default_factory=dict)
    orgs: dict[str, list[Org]] = field(default_factory=dict)
    exports: dict[str, list[str]] = field(default_factory=dict)
    turnover: dict[tuple[str, str, int], float] = field(default_factory=dict)
    used_names: set[str] = field(default_factory=set)

    def rng_for(self, *parts) -> random.Random:
        digest = hashlib.sha256(repr((self.seed,) + parts).encode()).digest()
        return random.Random(int.from_bytes(digest[:8], "big"))

    def person(self, office: Place, role: str, slot: int, title: str) -> Person:
        """The same office holder for a (place, role, slot) across articles: facts accumulate."""
        key = (office.code, role, slot)
        if key not in self.people:
            rng = self.rng_for("person", *key)
            kazakh = office.country == "KZ" or role in ("ambassador", "consul")
            for _attempt in range(50):  # unique names while the name space lasts
                female = role in ("deputy", "minister") and rng.random() < 0.25
                first = rng.choice(FEMALE) if female else rng.choice(KZ_MALE if kazakh else RU_MALE)
                last = rng.choice(KZ_SURNAMES if kazakh else RU_SURNAMES)
                if female and re.search(r"(?:ов|ев|ин|ын)$", last):
                    last += "а"
                if f"{first} {last}" not in self.used_names:
                    break
            self.used_names.add(f"{first} {last}")
            self.people[key] = Person(first, last, female, title, office)
        return self.people[key]

    def head(self, region: Place, year: int) -> Person:
        title = HEAD_TITLE.get(region.country or "", "губернатор")
        return self.person(region, "head", (year - FIRST_YEAR) // 3, title)  # a term of about 3 years

    def deputy(self, region: Place, rng: random.Random) -> Person:
        return self.person(
            region, "deputy", rng.randrange(3), DEPUTY_TITLE.get(region.country or "", "заместитель губернатора")
        )

    def minister(self, region: Place, rng: random.Random) -> Person:
        k = rng.randrange(len(MINISTER_TITLES))
        return self.person(region, "minister", k, MINISTER_TITLES[k])

    def region_orgs(self, region: Place) -> list[Org]:
        if region.code not in self.orgs:
            rng = self.rng_for("orgs", region.code)
            legal = LEGAL.get(region.country, LEGAL[None])
            names: list[Org] = []
            for _attempt in range(200):
                if len(names) == 10:
                    break
                name = rng.choice(NAME_PARTS_A) + rng.choice(NAME_PARTS_B)
                name = name[:1] + name[1:].lower() + rng.choice(NAME_PARTS_C)
                if name not in self.used_names:
                    self.used_names.add(name)
                    names.append(Org(name, rng.choice(legal), region))
            self.orgs[region.code] = names
        return self.orgs[region.code]

    def region_exports(self, region: Place) -> list[str]:
        if region.code not in self.exports:
            self.exports[region.code] = self.rng_for("exports", region.code).sample(COMMODITIES, 6)
        return self.exports[region.code]

    def figure(self, a: Place, b: Place, year: int, rng: random.Random) -> float:
        """Millions of USD for a pair and year; one report in 20 disagrees (a ledger conflict)."""
        key = (min(a.code, b.code), max(a.code, b.code), year)
        if key not in self.turnover:
            base = self.rng_for("turnover", key[0], key[1]).lognormvariate(4.5, 1.0)
            self.turnover[key] = round(base * (1 + 0.06 * (year - FIRST_YEAR)), 1)
        value = self.turnover[key]
        return round(value * rng.uniform(0.9, 1.1), 1) if rng.random() < 0.05 else value

    def city_of(self, region: Place, rng: random.Random) -> Place | None:
        cities = self.cities.get(region.code)
        return cities[0] if cities and rng.random() < 0.7 else (rng.choice(cities) if cities else None)


BORDER = {
    "RU-KGN",
    "RU-OMS",
    "RU-ORE",
    "RU-CHE",
    "RU-NVS",
    "RU-ALT",
    "RU-AST",
    "RU-SAR",
    "RU-SAM",
    "RU-VGG",
    "RU-TYU",
    "RU-SVE",
}


@functools.lru_cache(maxsize=4)
def build_world(seed: int) -> World:
    from coopgraph.ingest.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    rng = random.Random(seed)

    def to_place(p) -> Place:
        return Place(p.code, p.type, p.name, p.country, p.region)

    regions = [to_place(p) for p in gaz.places("Region")]
    countries = {p.code: to_place(p) for p in gaz.places("Country")}
    cities: dict[str, list[Place]] = {}
    for p in gaz.places("City"):
        if p.region:
            cities.setdefault(p.region, []).append(to_place(p))
    kz = [r for r in regions if r.country == "KZ"]
    partners = [r for r in regions if r.country in ("RU", "BY", "UZ", "KG", "CN", "MN")]
    country_weight = {"RU": 1.0, "BY": 0.5, "UZ": 0.3, "KG": 0.2, "CN": 0.2, "MN": 0.1}
    pairs, weights = [], []
    kz_weight = {r.code: rng.lognormvariate(0, 0.6) for r in kz}
    for k in kz:
        for p in partners:
            w = kz_weight[k.code] * country_weight[p.country] * (5.0 if p.code in BORDER else 1.0)
            pairs.append((k, p))
            weights.append(w * rng.paretovariate(1.2))  # heavy tail: a few pairs dominate the news
    world = World(seed, kz, partners, countries, cities, pairs, weights)
    # Draw every office holder and enterprise now, in a fixed order: names are unique per world, so
    # drawing them lazily would make article i depend on which articles were generated before it.
    for region in kz + partners:
        for year in range(FIRST_YEAR, LAST_YEAR + 1, 3):
            world.head(region, year)
        for slot in range(3):
            world.person(region, "deputy", slot, DEPUTY_TITLE.get(region.country or "", "заместитель губернатора"))
        for k, title in enumerate(MINISTER_TITLES):
            world.person(region, "minister", k, title)
        world.region_orgs(region)
    for slot in range((LAST_YEAR - FIRST_YEAR) // 4 + 1):
        world.person(countries["KZ"], "ambassador", slot, "посол")
    return world


# ---------------------------------------------------------------- one article


@dataclass
class Ent:
    type: str
    name: str
    key: str
    extra: dict = field(default_factory=dict)


@dataclass
class Fact:
    type: str
    source: Ent
    target: Ent
    quals: dict
    sentence: str


class Builder:
    """Sentences in paragraphs, with the facts each sentence states and the names it uses."""

    def __init__(self) -> None:
        self.paragraphs: list[list[str]] = [[]]
        self.facts: list[Fact] = []
        self.aliases: dict[str, tuple[Ent, set[str]]] = {}

    def ent(self, e: Ent, alias: str) -> Ent:
        self.aliases.setdefault(e.key, (e, set()))[1].add(alias)
        return e

    def place(self, p: Place, case: str) -> tuple[Ent, str]:
        surface = p.form(case)
        extra = {"country": p.country}
        if p.type == "City":
            extra["region"] = p.region
        return self.ent(Ent(p.type, p.name, p.key, extra), surface), surface

    def person(self, p: Person, case: str) -> tuple[Ent, str]:
        surface = p.form(case)
        return self.ent(Ent("Person", p.name, f"Person:{normalise_key(p.name)}"), surface), surface

    def say(self, sentence: str, *facts: tuple) -> None:
        sentence = sentence[:1].upper() + sentence[1:]
        self.paragraphs[-1].append(sentence)
        for ftype, src, tgt, quals in facts:
            self.facts.append(Fact(ftype, src, tgt, quals, sentence))

    def para(self) -> None:
        if self.paragraphs[-1]:
            self.paragraphs.append([])

    def body(self) -> str:
        return "\n\n".join(" ".join(p) for p in self.paragraphs if p)


def _doc(kind_row, period, signed) -> tuple[Ent, str]:
    kind, phrase, gender = kind_row
    name = phrase[:1].upper() + phrase[1:]
    if period:
        name += f" {period[0]}–{period[1]}"
    key = f"Document:{kind}:{period[0]}-{period[1]}" if period else f"Document:{normalise_key(name)}"
    return Ent("Document", name, key, {"kind": kind, "period": period, "signed": signed}), gender


FORUM = "Форум межрегионального сотрудничества России и Казахстана"


def _event_forum(year: int) -> tuple[Ent, str]:
    """The forum's edition of that year and its name in the genitive ("XXI Форума ...")."""
    edition = ROMAN[min(len(ROMAN) - 1, year - 2003)]
    name = f"{edition} {FORUM}"
    return Ent("Event", name, f"Event:{normalise_key(name)}"), f"{edition} {inflect(FORUM, 'gent')}"


def _money(value_mln: float, rng: random.Random) -> tuple[str, float, str]:
    if value_mln >= 1000 and rng.random() < 0.5:
        text = f"{value_mln / 1000:.2f}".rstrip("0").rstrip(".").replace(".", ",") + " млрд долларов"
    else:
        text = f"{value_mln:g}".replace(".", ",") + rng.choice(
            [" млн долларов", " млн долларов США", " миллионов долларов"]
        )
    return text, value_mln * 1e6, "USD"


def compose(world: World, i: int) -> tuple[dict, Builder]:
    """Article i: its JSONL record (text with page furniture) and the builder holding its facts."""
    rng = world.rng_for("article", i)
    pair = rng.choices(world.pairs, weights=world.pair_weights)[0]
    kz_side, other = pair if rng.random() < 0.6 else (pair[1], pair[0])  # who is the guest
    year = rng.randint(FIRST_YEAR, LAST_YEAR)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    published = f"{year}-{month:02d}-{day:02d}"
    b = Builder()
    guest, host = kz_side, other
    story = rng.choices(["visit", "signing", "trade", "expo"], weights=[35, 25, 28, 12])[0]
    title = _story(world, b, rng, story, guest, host, year, month, day)
    if rng.random() < 0.6:  # most real articles tell two things: a visit and the trade behind it
        second = rng.choice([s for s in ("signing", "trade", "expo") if s != story])
        _story(world, b, rng, second, guest, host, year, month, day)
    for _ in range(rng.randint(1, 4)):
        b.para()
        b.say(rng.choice(FILLER))
        if rng.random() < 0.5:
            b.say(rng.choice(FILLER))
    record = {
        "source": f"synthetic/{world.seed}/{i:06d}",
        "text": _furnish(world, rng, title, b, published),
        "published": published,
        "outlet": rng.choice(OUTLETS),
    }
    return record, b


def _story(
    world: World, b: Builder, rng: random.Random, story: str, guest: Place, host: Place, year: int, month: int, day: int
) -> str:
    """Say one story's sentences; returns a headline for it."""
    date_text = f"{day} {MONTHS_GEN[month - 1]}" + (f" {year} года" if rng.random() < 0.3 else "")
    date_iso = f"{year}-{month:02d}-{day:02d}"
    tell = {"visit": _story_visit, "signing": _story_signing, "trade": _story_trade}.get(story, _story_exhibition)
    return tell(world, b, rng, guest, host, year, date_text, date_iso)


def _story_visit(
    world: World, b: Builder, rng: random.Random, guest: Place, host: Place, year: int, date_text: str, date_iso: str
) -> str:
    """A delegation's visit: its head, the host's head, a city, enterprises, dates."""
    gh, hh = world.head(guest, year), world.head(host, year)
    g_gen_e, g_gen = b.place(guest, "gent")
    h_acc_e, h_acc = b.place(host, "accs")
    gh_e, gh_abl = b.person(gh, "ablt")
    b.say(
        f"{date_text} делегация {g_gen} во главе с {gh.title_form('ablt')} {gh_abl} посетила {h_acc}.",
        ("VISITED", g_gen_e, h_acc_e, {"date": date_iso}),
        ("VISITED", gh_e, h_acc_e, {"date": date_iso}),
        ("HOLDS_POSITION", gh_e, g_gen_e, {"title": gh.title}),
    )
    city = world.city_of(host, rng)
    if city is not None and rng.random() < 0.7:
        c_e, c_loc = b.place(city, "loct")
        hh_e, hh_nom = b.person(hh, "nomn")
        hr_e, hr_gen = b.place(host, "gent")
        b.say(
            f"В {c_loc} гостей из {g_gen} встретил {hh.title_form('nomn')} {hr_gen} {hh_nom}.",
            ("VISITED", g_gen_e, c_e, {}),
            ("HOLDS_POSITION", hh_e, hr_e, {"title": hh.title}),
        )
    orgs = world.region_orgs(host)
    for org in rng.sample(orgs, rng.randint(0, 2)):
        o_e = b.ent(
            Ent("Organization", org.name, f"Organization:{normalise_key(org.name)}", {"legal_form": org.legal}),
            org.surface,
        )
        b.say(
            rng.choice(
                [
                    "В ходе визита делегация побывала на предприятии {o}.",
                    "Гости также посетили {o}, где ознакомились с производством.",
                    "Члены делегации осмотрели производственные цеха {o}.",
                ]
            ).format(o=org.surface),
            ("VISITED", g_gen_e, o_e, {}),
        )
    if rng.random() < 0.5:
        q_e, q_nom = b.person(hh, "nomn")
        b.say(
            f"«Межрегиональное сотрудничество между нашими территориями имеет глубокие исторические корни», — "
            f"отметил {hh.title_form('nomn')} {q_nom}."
        )
    if rng.random() < 0.4:
        b.say(f"В следующем году планируется ответный визит делегации {host.form('gent')} в {guest.form('accs')}.")
    b.para()
    return rng.choice(
        [
            f"Делегация {g_gen} посетила {h_acc}",
            f"{guest.name} и {host.name} расширяют сотрудничество",
            f"{gh.title_form('nomn').capitalize()} {g_gen} прибыл с визитом в {h_acc}",
        ]
    )


def _story_signing(
    world: World, b: Builder, rng: random.Random, guest: Place, host: Place, year: int, date_text: str, date_iso: str
) -> str:
    """A signing: the officials of both sides, the document, its period, the forum."""
    gh, hh = world.head(guest, year), world.head(host, year)
    kind_row = rng.choice(DOC_KINDS)
    period = (
        (year, year + rng.randint(1, 3)) if kind_row[0] in ("дорожная карта", "план мероприятий", "программа") else None
    )
    d_e, gender = _doc(kind_row, period, date_iso)
    phrase = kind_row[1] + (f" на {period[0]}–{period[1]} годы" if period else "")
    b.ent(d_e, phrase)
    g_e, g_abl = b.place(guest, "ablt")
    h_e, h_abl = b.place(host, "ablt")
    gh_e, gh_nom = b.person(gh, "nomn")
    hh_e, hh_nom = b.person(hh, "nomn")
    gr_e, g_gen = b.place(guest, "gent")
    hr_e, h_gen = b.place(host, "gent")
    b.say(
        f"{date_text} {gh.title} {g_gen} {gh_nom} и {hh.title} {h_gen} {hh_nom} подписали {inflect(phrase, 'accs')}.",
        ("SIGNED", gh_e, d_e, {"date": date_iso}),
        ("SIGNED", hh_e, d_e, {"date": date_iso}),
        ("PARTY_TO", gr_e, d_e, {}),
        ("PARTY_TO", hr_e, d_e, {}),
        ("HOLDS_POSITION", gh_e, gr_e, {"title": gh.title}),
        ("HOLDS_POSITION", hh_e, hr_e, {"title": hh.title}),
    )
    if rng.random() < 0.6:
        ev_e, ev_gen = _event_forum(year)
        b.ent(ev_e, ev_gen)
        b.say(
            f"Документ подписан в рамках {ev_gen}.",
            ("PARTICIPATED_IN", gr_e, ev_e, {}),
            ("PARTICIPATED_IN", hr_e, ev_e, {}),
            ("PARTICIPATED_IN", gh_e, ev_e, {}),
            ("PARTICIPATED_IN", hh_e, ev_e, {}),
        )
    spheres = ", ".join(rng.sample(SPHERES, 3))
    b.say(f"Документ предусматривает развитие сотрудничества в {spheres} сферах.")
    if rng.random() < 0.3:
        b.say(
            f"Ранее между {g_abl} и {h_abl} уже действовал {rng.choice(['меморандум', 'договор'])}, "
            "однако стороны решили расширить его рамки."
        )
    if rng.random() < 0.3:
        b.say("Стороны договорились подготовить план совместных мероприятий до конца года.")
    b.para()
    return f"{guest.name} и {host.name} подписали {inflect(kind_row[0], 'accs')}"


def _story_trade(
    world: World, b: Builder, rng: random.Random, guest: Place, host: Place, year: int, date_text: str, date_iso: str
) -> str:
    """Trade: turnover and export figures, flows by commodity, an enterprise's shipment."""
    g_e, g_abl = b.place(guest, "ablt")
    h_e, h_abl = b.place(host, "ablt")
    value_text, value, currency = _money(world.figure(guest, host, year - 1, rng), rng)
    b.say(
        f"Товарооборот между {g_abl} и {h_abl} по итогам {year - 1} года составил {value_text}.",
        ("TRADE_VOLUME", g_e, h_e, {"kind": "turnover", "value": value, "currency": currency, "year": year - 1}),
    )
    exporter, importer = (guest, host) if rng.random() < 0.5 else (host, guest)
    goods = rng.sample(world.region_exports(exporter), rng.randint(1, 3))
    x_e, x_nom = b.place(exporter, "nomn")
    m_e, m_acc = b.place(importer, "accs")
    for c in goods:
        b.ent(Ent("Commodity", c, f"Commodity:{normalise_key(c)}"), inflect(c, "accs"))
    goods_acc = [inflect(c, "accs") for c in goods]
    listed = goods_acc[0] if len(goods_acc) == 1 else ", ".join(goods_acc[:-1]) + " и " + goods_acc[-1]
    b.say(
        rng.choice([f"{x_nom} поставляет в {m_acc} {listed}.", f"{x_nom} экспортирует в {m_acc} {listed}."]),
        *[("EXPORTS_TO", x_e, m_e, {"commodity": c}) for c in goods],
    )
    if rng.random() < 0.5:
        ex_value = world.figure(exporter, importer, year - 1, rng) * rng.uniform(0.3, 0.7)
        value_text, value, currency = _money(round(ex_value, 1), rng)
        xg_e, x_gen = b.place(exporter, "gent")
        b.say(
            f"Экспорт {x_gen} в {m_acc} в {year - 1} году достиг {value_text}.",
            ("TRADE_VOLUME", xg_e, m_e, {"kind": "export", "value": value, "currency": currency, "year": year - 1}),
        )
    if rng.random() < 0.5:
        org = rng.choice(world.region_orgs(importer))
        good = rng.choice(world.region_exports(importer))
        o_e = b.ent(
            Ent("Organization", org.name, f"Organization:{normalise_key(org.name)}", {"legal_form": org.legal}),
            org.surface,
        )
        b.ent(Ent("Commodity", good, f"Commodity:{normalise_key(good)}"), inflect(good, "gent"))
        x_e2, x_acc = b.place(exporter, "accs")
        b.say(
            f"{org.surface} отгрузило в {x_acc} крупную партию {inflect(good, 'gent')}.",
            ("EXPORTS_TO", o_e, x_e2, {"commodity": good}),
        )
    if rng.random() < 0.4:
        b.say(f"За пять лет товарооборот вырос в {rng.randint(12, 25) / 10:g} раза.".replace(".", ",", 1))
    if rng.random() < 0.4:
        b.say(
            f"Стороны обсудили перспективы поставок {inflect(rng.choice(COMMODITIES), 'gent')} из {guest.form('gent')}."
        )
    b.para()
    return f"Товарооборот {guest.form('gent')} с {host.form('ablt')} вырос"
    # expo: participation in an exhibition, optionally a contract


def _story_exhibition(
    world: World, b: Builder, rng: random.Random, guest: Place, host: Place, year: int, date_text: str, date_iso: str
) -> str:
    """An exhibition: the region, its enterprises, a deputy or minister, the ambassador."""
    expo = rng.choice(["Иннопром", "Иннопром. Центральная Азия", "Агро Экспо", "Kazakhstan Machinery Fair"])
    ev_e = b.ent(Ent("Event", expo, f"Event:{normalise_key(expo)}"), f"«{expo}»")
    g_e, g_gen = b.place(guest, "gent")
    b.say(f"Делегация {g_gen} приняла участие в выставке «{expo}».", ("PARTICIPATED_IN", g_e, ev_e, {}))
    for org in rng.sample(world.region_orgs(guest), rng.randint(1, 2)):
        o_e = b.ent(
            Ent("Organization", org.name, f"Organization:{normalise_key(org.name)}", {"legal_form": org.legal}),
            org.surface,
        )
        b.say(f"{org.surface} представило на выставке свою продукцию.", ("PARTICIPATED_IN", o_e, ev_e, {}))
    dep = world.deputy(guest, rng) if rng.random() < 0.5 else world.minister(guest, rng)
    d_e, d_nom = b.person(dep, "nomn")
    b.say(
        f"Как сообщил {dep.title} {g_gen} {d_nom}, на выставке заключены предварительные договоренности.",
        ("HOLDS_POSITION", d_e, g_e, {"title": dep.title}),
    )
    if rng.random() < 0.5:
        kz = world.countries["KZ"]
        amb = world.person(kz, "ambassador", (year - FIRST_YEAR) // 4, "посол")
        a_e, a_nom = b.person(amb, "nomn")
        k_e, _ = b.place(kz, "gent")
        b.say(
            f"Посол Казахстана в России {a_nom} отметил высокий уровень взаимодействия регионов.",
            ("HOLDS_POSITION", a_e, k_e, {"title": "посол"}),
        )
    b.para()
    return f"Предприятия {g_gen} представили продукцию на выставке «{expo}»"


def _furnish(world: World, rng: random.Random, title: str, b: Builder, published: str) -> str:
    """The page around the body: header widgets, a repeated headline, caption runs, related links."""
    y, m, d = published.split("-")
    lines = []
    if rng.random() < 0.5:
        lines.append(rng.choice(["Главная / Новости / Регионы", "Новости | Экономика | Общество", "Меню"]))
    if rng.random() < 0.5:
        lines.append(f"{int(d)} {MONTHS_GEN[int(m) - 1]} {y}, {rng.randint(8, 20)}:{rng.randint(10, 59)}")
    if rng.random() < 0.3:
        lines.append(
            f"USD {rng.randint(440, 520)}.{rng.randint(10, 99)} EUR {rng.randint(480, 560)}.{rng.randint(10, 99)}"
        )
    title = title[:1].upper() + title[1:]
    lines += ["", title, ""]
    if rng.random() < 0.3:
        lines += [title, ""]  # many pages print the headline twice
    paragraphs = [" ".join(p) for p in b.paragraphs if p]
    if paragraphs and rng.random() < 0.3:
        caption = "Фото: пресс-служба акимата"
        run = "".join(f"{k}/{3}{title}" for k in range(1, 4))
        paragraphs.insert(min(2, len(paragraphs)), caption)
        paragraphs[0] = paragraphs[0] + run
    for p in paragraphs:
        lines += [p, ""]
    if rng.random() < 0.7:
        lines += [rng.choice(["Читайте также:", "Популярное", "Другие новости"]), ""]
        for _ in range(rng.randint(3, 6)):
            a, c = rng.choice(world.pairs)
            line = f"{a.name} и {c.name} {rng.choice(NEWS_TOPICS)}"
            lines.append(line[:1].upper() + line[1:])
    if rng.random() < 0.5:
        lines += ["", rng.choice(["Подписывайтесь на наш Telegram-канал", "Комментарии (0)", "Оставить комментарий"])]
    if rng.random() < 0.4:
        lines += ["", f"© {y} Все права защищены"]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- real texts mixed in


@functools.lru_cache(maxsize=1)
def real_records() -> list[dict]:
    """The seed and dev texts (distinct texts only), as JSONL records."""
    records, seen = [], set()
    for path in sorted((REPO / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        records.append({"source": f"seeds/{path.name}", "text": text})
        seen.add(" ".join(text.split())[:200])
    dev = REPO.parent / "shared" / "eval" / "dev"
    for path in sorted(dev.glob("*.json")) if dev.is_dir() else []:
        data = json.loads(path.read_text(encoding="utf-8"))
        if " ".join(data["text"].split())[:200] not in seen:
            records.append({"source": f"dev/{path.name}", "text": data["text"]})
    return records


def real_index(i: int) -> int | None:
    k, r = divmod(i - REAL_OFFSET, REAL_EVERY)
    return k if r == 0 and 0 <= k < len(real_records()) else None


# ---------------------------------------------------------------- public API


def record(seed: int, i: int) -> dict:
    """Article i of the corpus as a JSONL record (source, text, published, outlet)."""
    k = real_index(i)
    if k is not None:
        return real_records()[k]
    return compose(build_world(seed), i)[0]


def records(n: int, seed: int) -> Iterator[dict]:
    for i in range(n):
        yield record(seed, i)


def article_of(rec: dict) -> Article:
    """The Article that `coopgraph ingest` reads from this record (same id, text and source)."""
    from coopgraph.ingest.read import read_record

    return read_record(rec, rec["source"], rec["source"])


def article_facts(seed: int, i: int, extract_real: bool = True) -> ArticleFacts | None:
    """Gold ArticleFacts of article i, located in the text the reader keeps.

    Real texts have no generated gold: they are run through the extractor (or skipped).
    A relation whose sentence the furniture remover did not keep is dropped, as is its evidence.
    """
    k = real_index(i)
    if k is not None:
        if not extract_real:
            return None
        from coopgraph.ingest.pipeline import extract_article

        return extract_article(article_of(real_records()[k]))
    rec, b = compose(build_world(seed), i)
    art = article_of(rec)
    return facts_from_builder(art, b)


# The rule each synthetic fact stands for, so that it carries the rule and confidence an extracted one
# would (ingest/confidence.py): without them `min_confidence` filtered every synthetic fact out, and the
# queries that filter by it scanned whole indexes for facts the product never writes.
SYNTHETIC_RULES = {
    "HOLDS_POSITION": "position.title",
    "VISITED": "frame:visit",
    "SIGNED": "frame:sign",
    "PARTY_TO": "frame:sign.party",
    "EXPORTS_TO": "frame:export",
    "TRADE_VOLUME": "trade.figure",
    "PARTICIPATED_IN": "frame:participate",
}


def facts_from_builder(art: Article, b: Builder) -> ArticleFacts:
    from coopgraph.ingest.confidence import rule_confidence

    confidence = rule_confidence()
    text = art.text
    where: dict[str, int] = {}
    relations, used = [], set()
    for f in b.facts:
        start = where.get(f.sentence)
        if start is None:
            start = where[f.sentence] = text.find(f.sentence)
        if start < 0:
            continue
        quals = {k: v for k, v in f.quals.items() if v is not None}
        relations.append(
            Relation(
                type=f.type,
                source=f.source.name,
                target=f.target.name,
                source_key=f.source.key,
                target_key=f.target.key,
                evidence=Evidence(sentence=f.sentence, start=start, end=start + len(f.sentence)),
                rule=SYNTHETIC_RULES[f.type],
                confidence=confidence.get(SYNTHETIC_RULES[f.type]),
                **quals,
            )
        )
        used.update((f.source.key, f.target.key))
    entities = []
    for key, (e, aliases) in b.aliases.items():
        mentions = []
        for alias in sorted(aliases):
            pos = text.find(alias)
            while pos >= 0 and len(mentions) < 20:
                mentions.append(Mention(start=pos, end=pos + len(alias), text=alias))
                pos = text.find(alias, pos + len(alias))
        if not mentions and key not in used:
            continue  # only in furniture the reader dropped
        entities.append(
            Entity(
                type=e.type,
                name=e.name,
                key=key,
                aliases=sorted(a for a in aliases if a != e.name),
                mentions=sorted(mentions, key=lambda m: m.start),
                **e.extra,
            )
        )
    return ArticleFacts(source=art.source, article=art, entities=entities, relations=relations)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Write N synthetic articles (JSON Lines) for seed SEED.")
    ap.add_argument("n", type=int)
    ap.add_argument("seed", type=int)
    ap.add_argument("-o", "--output", help="file to write (default: standard output)")
    ap.add_argument("--facts", help="also write the gold ArticleFacts as JSON Lines to this file")
    args = ap.parse_args(argv)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    facts_out = open(args.facts, "w", encoding="utf-8") if args.facts else None
    try:
        for i in range(args.n):
            rec = record(args.seed, i)
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            if facts_out is not None:
                facts = article_facts(args.seed, i)
                facts_out.write(facts.model_dump_json() + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
        if facts_out is not None:
            facts_out.close()


if __name__ == "__main__":
    main()
