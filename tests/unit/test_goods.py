"""Goods taxonomy: text phrases → HS chapter or product group, and the lexicon's integrity."""

from __future__ import annotations

import re
import tomllib
from dataclasses import FrozenInstanceError
from importlib import resources

import pytest

from coopgraph.ingest import goods
from coopgraph.ingest.goods import GoodsClass, chapter_name, classify
from coopgraph.ingest.morph import lemma, lemmas


def classify_text(phrase: str) -> GoodsClass | None:
    """The real path: each word of a text phrase lemmatised by pymorphy3, then the matcher."""
    return classify([lemma(w) for w in re.findall(r"[\w-]+", phrase)])


def chapter_of(phrase: str) -> str | None:
    found = classify_text(phrase)
    return found.chapter if found else None


def lexicon() -> dict:
    toml = resources.files("coopgraph.ingest").joinpath("lexicons").joinpath("hs_chapters.toml")
    return tomllib.loads(toml.read_text(encoding="utf-8"))


def _norm(word: str) -> str:
    return word.lower().replace("ё", "е")


# Every Commodity name in the dev gold set, with the class it must get.
DEV_GOLD = [
    ("арбузы", "08"),
    ("блоки из ячеистого бетона", "68"),
    ("бумага", "48"),
    ("вагоны", "86"),
    ("галлий", "81"),
    ("горох", "07"),
    ("горох сушеный продовольственный", "07"),
    ("готовая мясная продукция", "16"),
    ("гранулированные полимерные вещества", "39"),
    ("гречиха", "10"),
    ("зерно", "10"),
    ("зерновая продукция", "10"),
    ("изделия из бумаги и картона", "48"),
    ("изделия из черных металлов", "73"),
    ("йогурты", "04"),
    ("каменный уголь", "27"),
    ("камыш", "14"),
    ("картон", "48"),
    ("картофель", "07"),
    ("кокс", "27"),
    ("комплектующие для железнодорожных вагонов", "86"),
    ("композитные материалы", "39"),
    ("концентраты меди", "26"),
    ("концентраты металлов", "26"),
    ("концентраты цинка", "26"),
    ("косметические средства", "33"),
    ("красители", "32"),
    ("крупы", "11"),
    ("лен", "12"),
    ("масса из древесины", "47"),
    ("машиностроительная продукция", "84-90"),
    ("мед", "04"),
    ("медно-цинковые концентраты", "26"),
    ("механические устройства", "84"),
    ("молочная продукция", "04"),
    ("морепродукты", "03"),
    ("мука", "11"),
    ("неметаллические трубы", "39"),
    ("нефтепродукты", "27"),
    ("нефть", "27"),
    ("овес", "10"),
    ("овощи", "07"),
    ("пантопродукция", "05"),
    ("парфюмерные средства", "33"),
    ("пищевая пленка", "39"),
    ("пластмасса", "39"),
    ("подсолнечник", "12"),
    ("полукокс", "27"),
    ("продукты", "01-24"),
    ("продукты питания", "01-24"),
    ("продукция легкой промышленности", "50-67"),
    ("прокат плоский из железа", "72"),
    ("промышленные счётчики", "90"),
    ("пшеница", "10"),
    ("пшеничная мука", "11"),
    ("рапс", "12"),
    ("резиновая обувь", "64"),
    ("рис", "10"),
    ("рожь", "10"),
    ("рыба", "03"),
    ("сельскохозяйственная техника", "84"),
    ("семена", "12"),
    ("семена зерновых культур", "10"),
    ("семена льна", "12"),
    ("семена масличных культур", "12"),
    ("семена рапса", "12"),
    ("сорбенты", "38"),
    ("спецодежда", "62"),
    ("средства наземного транспорта", "87"),
    ("строительные материалы", "68-70"),
    ("сыродельная продукция", "04"),
    ("удобрения", "31"),
    ("ферросплавы", "72"),
    ("химическая продукция", "28-38"),
    ("хромовые концентраты", "26"),
    ("чечевица", "07"),
    ("штукатурные материалы", "25"),
    ("экстракты", "32"),
    ("электрические машины", "85"),
    ("эфирные масла", "33"),
    ("ячмень", "10"),
]

# Goods named in no dev file, several in oblique cases as a text gives them.
OWN_GOODS = [
    ("замороженная килька", "03"),
    ("технический углерод", "28"),
    ("хризотил-асбест", "25"),
    ("зерноочистительные комплексы", "84"),
    ("кабельная продукция", "85"),
    ("минеральные удобрения", "31"),
    ("дизельное топливо", "27"),
    ("говядину", "02"),
    ("подшипники", "84"),
    ("лекарственные препараты", "30"),
    ("цемента", "25"),
    ("стекло", "70"),
    ("трактора", "87"),
    ("тракторов", "87"),
    ("пшеницу", "10"),
    ("подсолнечного масла", "15"),
    ("сливочного масла", "04"),
    ("машинное масло", "27"),
    ("масло", "15"),
    ("стальные трубы", "73"),
    ("пластиковых труб", "39"),
    ("электроэнергию", "27"),
    ("первичный алюминий", "76"),
    ("медные катоды", "74"),
    ("мебель", "94"),
    ("детские игрушки", "95"),
    ("кирпич", "69"),
    ("сахар", "17"),
    ("шоколадные конфеты", "18"),
    ("макаронные изделия", "19"),
    ("яблочный сок", "20"),
    ("пиво", "22"),
    ("комбикорма", "23"),
    ("сигареты", "24"),
    ("железную руду", "26"),
    ("уран", "28"),
    ("самолеты", "88"),
    ("медицинское оборудование", "90"),
    ("пиломатериалы", "44"),
    ("хлопок", "52"),
    ("крупный рогатый скот", "01"),
    ("мясо птицы", "02"),
    ("живую птицу", "01"),
    ("гречневую крупу", "11"),
    ("рыбные консервы", "16"),
    ("черную икру", "16"),
    ("кабачковую икру", "20"),
    ("мороженое", "21"),
    ("бахчевые культуры", "08"),
    ("зерновых", "10"),
    ("свинины", "02"),
    ("изделия из стали", "73"),
    ("судна", "89"),
    ("цветов", "06"),
    ("чистящие средства", "34"),
    ("поношенная одежда", "63"),
    ("цветные металлы", "74-81"),
    ("продукция металлургии", "72-83"),
    ("бытовая техника", "84-85"),
    ("товары легкой промышленности", "50-67"),
    ("плодоовощная продукция", "07-08"),
    ("мясная продукция", "02"),
    ("минеральное сырье", "25-27"),
    ("сельхозпродукцию", "01-24"),
    ("стройматериалы", "68-70"),
    ("дезинфицирующие средства", "38"),
    ("столовые приборы", "82"),
    ("запасные части", "87"),
    ("продукцию нефтепереработки", "27"),
    ("продукция нефтехимии", "39"),
    ("продукцию птицеводства", "01-05"),
    ("продукции горнодобывающей промышленности", "25-27"),
    ("продукция стройиндустрии", "68-70"),
]

# How the matcher reads a phrase: what the head is, and who hands over to whom.
RULES = [
    ("хлопок-волокно", "52"),  # a hyphenated compound the lexicon lacks: the good its first part names
    ("вагоны-цистерны", "86"),
    ("машинное масло", "27"),  # longest term at the head: not vegetable oil
    ("оборудование для производства подсолнечного масла", "84"),  # the head, not its complement
    ("шины для грузовых автомобилей", "40"),
    ("оборудование для здравоохранения", "84"),  # a not-good after the head changes nothing
    ("семена пшеницы", "10"),  # seeds follow their crop
    ("семена овощей", "12"),  # ... except vegetable seeds, 1209
    ("запчасти к тракторам", "87"),
    ("запчасти к комбайнам", "84"),
    ("запчасти", "87"),
    ("вагоны зерна", "10"),  # a container followed by a good names a quantity of it
    ("вагоны для перевозки зерна", "86"),  # ... but not across a preposition
    ("мороженая рыба", "03"),
    ("мороженые овощи", "07"),
    ("продукты переработки молока", "04"),  # a generic group yields to the good it names
    ("тысяча тонн пшеницы", "10"),  # numerals and units are transparent
    ("поставки угля", "27"),  # trade nouns are transparent
]

NOT_GOODS = [
    "бизнес-проекты",  # nor a compound whose parts name no good
    "шоу-программа",
    "чиновники",
    "предприниматели",
    "развитие туризма",
    "здравоохранение",
    "площадки индустриальных парков",
    "индустриальные парки",
    "опыт",
    "инвестиции",
    "миллионов долларов",
    "миллиард тенге",
    "туристы",
    "образовательные услуги",
    "специалисты",
    "студенты",
    "делегация",
    "медицина",
    "образование",
    "расширение контактов",
    "инфраструктура",
    "технологии",
    "технология производства удобрений",
    "завод по производству цемента",
    "услуги по перевозке зерна",
    "кредиты",
    "деньги",
    "информация",
    "проекты",
    "сотрудничество",
    "транспортные услуги",
    "логистика",
    "туризм",
    # goods of no class: the relation keeps no commodity
    "товары",
    "продукция",
    "изделия",
]


def test_dev_gold_list_is_the_81_names() -> None:
    assert len({p for p, _ in DEV_GOLD}) == len(DEV_GOLD) == 81


@pytest.mark.parametrize("phrase, chapter", DEV_GOLD)
def test_dev_gold_commodity_gets_its_class(phrase: str, chapter: str) -> None:
    assert chapter_of(phrase) == chapter


@pytest.mark.parametrize("phrase, chapter", OWN_GOODS)
def test_other_goods_get_their_class(phrase: str, chapter: str) -> None:
    assert chapter_of(phrase) == chapter


@pytest.mark.parametrize("phrase, chapter", RULES)
def test_matching_rule(phrase: str, chapter: str) -> None:
    assert chapter_of(phrase) == chapter


@pytest.mark.parametrize("phrase", NOT_GOODS)
def test_not_a_commodity(phrase: str) -> None:
    assert classify_text(phrase) is None


def test_match_reports_class_name_and_term() -> None:
    found = classify(["подсолнечный", "масло"])
    assert found == GoodsClass("15", chapter_name("15"), "подсолнечный масло")
    with pytest.raises(FrozenInstanceError):
        found.chapter = "04"  # type: ignore[misc]


def test_input_is_normalised_and_empty_is_nothing() -> None:
    assert classify(["Мёд"]).chapter == "04"
    assert classify(["  ПШЕНИЦА "]).chapter == "10"
    assert classify([]) is None
    assert classify(["", " "]) is None


def test_chapter_names() -> None:
    assert chapter_name("10") == "Злаки"
    assert chapter_name("31") == "Удобрения"
    assert chapter_name("01-24") == "Продовольственные товары и сельскохозяйственное сырье"
    with pytest.raises(KeyError):
        chapter_name("98")


def test_every_chapter_01_to_97_has_a_name_and_only_77_no_terms() -> None:
    chapters = lexicon()["chapters"]
    assert sorted(chapters) == [f"{n:02d}" for n in range(1, 98)]
    assert all(body["name"] for body in chapters.values())
    assert [ch for ch, body in chapters.items() if not body["terms"]] == ["77"]


def _all_terms(data: dict) -> list[str]:
    out = [t for body in data["chapters"].values() for t in body["terms"]]
    out += list(data["groups"])
    return out + [t for kind in data["not_goods"].values() for t in kind]


def test_no_term_is_listed_twice() -> None:
    terms = _all_terms(lexicon())
    assert len(terms) == len(set(terms)), sorted(t for t in terms if terms.count(t) > 1)


def test_terms_are_lemma_phrases() -> None:
    """Each word is lowercase, without ё, and a pymorphy3 normal form of itself or a variant's headword."""
    data = lexicon()
    headwords = set(data["variants"].values())
    bad = [
        (term, w)
        for term in _all_terms(data)
        for w in term.split()
        if w != _norm(w) or (w not in {_norm(x) for x in lemmas(w)} and w not in headwords)
    ]
    assert not bad


def test_every_term_alone_gets_its_own_class() -> None:
    """No term is shadowed: a variant does not rewrite its words, a longer term does not hide it."""
    data = lexicon()
    expected = {t: ch for ch, body in data["chapters"].items() for t in body["terms"]}
    expected |= data["groups"]
    got = {t: classify(t.split()) for t in expected}
    assert {t: g for t, g in got.items() if g != GoodsClass(expected[t], chapter_name(expected[t]), t)} == {}
    assert all(classify(t.split()) is None for kind in data["not_goods"].values() for t in kind)


def test_groups_ranges_and_deferring_heads_are_consistent() -> None:
    data = lexicon()
    for rng in data["ranges"]:
        lo, hi = re.fullmatch(r"(\d\d)-(\d\d)", rng).groups()
        assert lo < hi and lo in data["chapters"] and hi in data["chapters"], rng
    assert set(data["groups"].values()) <= set(data["chapters"]) | set(data["ranges"])
    chapter_terms = {t for body in data["chapters"].values() for t in body["terms"]}
    assert set(data["defer"]["to_complement"]) | set(data["defer"]["to_next"]) <= chapter_terms
    for odd, headword in data["variants"].items():
        assert odd in {_norm(x) for x in lemmas(odd)} and odd != headword, odd


def test_a_duplicate_term_fails_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    data = lexicon()
    data["chapters"]["04"]["terms"].append("масло")  # already chapter 15's
    monkeypatch.setattr(goods, "_read", lambda: data)
    goods._lexicon.cache_clear()
    try:
        with pytest.raises(ValueError, match="масло"):
            classify(["масло"])
    finally:
        monkeypatch.undo()
        goods._lexicon.cache_clear()
