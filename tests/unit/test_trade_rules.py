"""Trade rules as tables: sentences (written for these tests, in no gold file) → EXPORTS_TO and TRADE_VOLUME."""

from __future__ import annotations

from functools import cache

import pytest

from coopgraph.ingest.commodities import read_goods
from coopgraph.ingest.context import Context
from coopgraph.ingest.gazetteer import load_gazetteer
from coopgraph.ingest.nlp import parse_text
from coopgraph.ingest.pipeline import ENTITY_STAGES, extract_article
from coopgraph.ingest.records import Article, ArticleFacts

ANY = "*"


@cache
def extract(text: str) -> ArticleFacts:
    return extract_article(Article(id="t", source="t.txt", text=text))


@cache
def region(name: str) -> str:
    """A city counts as its region, as the scorer's place_of does."""
    gaz = load_gazetteer()
    place = gaz.lookup(name)
    if place is not None and place.type == "City":
        reg = gaz.region_of(place)
        if reg is not None:
            return reg.name.lower()
    return name.lower()


def flows(facts: ArticleFacts) -> set[tuple[str, str, str | None]]:
    return {(region(r.source), region(r.target), r.commodity) for r in facts.relations if r.type == "EXPORTS_TO"}


def volumes(facts: ArticleFacts) -> set[tuple]:
    out = set()
    for r in facts.relations:
        if r.type == "TRADE_VOLUME":
            src, tgt = region(r.source), region(r.target)
            if r.kind == "turnover":
                src, tgt = sorted((src, tgt))
            out.add((src, tgt, r.kind, round(r.value or 0), r.currency))
    return out


def want_flows(rows: list[tuple]) -> set[tuple[str, str, str | None]]:
    return {(region(s), region(t), c) for s, t, c in rows}


# ---------------------------------------------------------------- EXPORTS_TO: (text, expected flows, HS chapters)

EXPORTS = [
    pytest.param(
        "Товарооборот между Павлодарской и Новосибирской областями составил 300 млн долларов. Из Павлодарской "
        "области в соседний регион поставляются глинозем, уголь и ферросплавы, а из Новосибирской области в "
        "Павлодарскую завозятся трубы, кабель и лекарства.",
        [
            ("Павлодарская область", "Новосибирская область", "глинозем"),
            ("Павлодарская область", "Новосибирская область", "уголь"),
            ("Павлодарская область", "Новосибирская область", "ферросплавы"),
            ("Новосибирская область", "Павлодарская область", "трубы"),
            ("Новосибирская область", "Павлодарская область", "кабель"),
            ("Новосибирская область", "Павлодарская область", "лекарства"),
        ],
        {},
        id="two-flows-in-contrasting-clauses-keep-their-own-places",
    ),
    pytest.param(
        "Товарооборот Акмолинской области с Омской областью в 2023 году составил 300 млн долларов. В обратном "
        "направлении из Омской области в регион ввозятся нефтепродукты и шины.",
        [("Омская область", "Акмолинская область", "нефтепродукты"), ("Омская область", "Акмолинская область", "шины")],
        {},
        id="the-other-way-round-is-a-direction-not-a-plan-and-keeps-its-origin",
    ),
    pytest.param(
        "Из Новосибирской области в Павлодарскую поступают металлопрокат и бульдозеры.",
        [
            ("Новосибирская область", "Павлодарская область", "металлопрокат"),
            ("Новосибирская область", "Павлодарская область", "бульдозеры"),
        ],
        {},
        id="an-elided-region-adjective-is-the-importer",
    ),
    pytest.param(
        "Продукция ТОО «Северная птица» поставляется в Кыргызстан и Таджикистан.",
        [("Северная птица", "Кыргызстан", None), ("Северная птица", "Таджикистан", None)],
        {},
        id="the-goods-of-a-named-company-are-its-exports",
    ),
    pytest.param(
        "Масло компании «Жасыл дала» экспортируется в Узбекистан.",
        [("Жасыл дала", "Узбекистан", "масло")],
        {},
        id="a-good-of-a-named-company-is-its-export",
    ),
    pytest.param(
        "АО «Шымкентпиво» выпускает соки. Продукция предприятия поставляется в 12 стран, в том числе в "
        "Монголию, Грузию и Армению.",
        [("Шымкентпиво", "Монголия", None), ("Шымкентпиво", "Грузия", None), ("Шымкентпиво", "Армения", None)],
        {},
        id="the-enterprise-goods-go-to-countries-listed-after-a-count",
    ),
    pytest.param(
        "Из Мангистауской области в Туркменистан вывезено 12 тысяч тонн цемента.",
        [("Мангистауская область", "Туркменистан", "цемент")],
        {"цемент": "25"},
        id="passive-participle-vyvezeno-quantity-stripped",
    ),
    pytest.param(
        "ТОО «Казфосфат» отгрузило в Таджикистан 40 вагонов минеральных удобрений.",
        [("Казфосфат", "Таджикистан", "минеральные удобрения")],
        {"минеральные удобрения": "31"},
        id="company-exporter-wagons-of-a-good",
    ),
    pytest.param(
        "Фермеры Алматинской области направили первую партию моркови в Кыргызстан.",
        [("Алматинская область", "Кыргызстан", "морковь")],
        {"морковь": "07"},
        id="first-batch-sent",
    ),
    pytest.param(
        "В Узбекистан из Жамбылской области поставлено 5 тысяч тонн сахара.",
        [("Жамбылская область", "Узбекистан", "сахар")],
        {"сахар": "17"},
        id="postavleno-into-from",
    ),
    pytest.param(
        "Азербайджан импортирует из Казахстана зерно и муку.",
        [("Казахстан", "Азербайджан", "зерно"), ("Казахстан", "Азербайджан", "мука")],
        {"зерно": "10", "мука": "11"},
        id="import-is-an-export-from-the-other-side",
    ),
    pytest.param(
        "Бишкек закупает в Жамбылской области муку и растительное масло.",
        [("Жамбылская область", "Бишкек", "мука"), ("Жамбылская область", "Бишкек", "растительное масло")],
        {"растительное масло": "15"},
        id="purchase-in-a-place",
    ),
    pytest.param(
        "В Мангистаускую область овощи завозят из Туркестанской, Жамбылской и Алматинской областей.",
        [
            ("Туркестанская область", "Мангистауская область", "овощи"),
            ("Жамбылская область", "Мангистауская область", "овощи"),
            ("Алматинская область", "Мангистауская область", "овощи"),
        ],
        {},
        id="list-of-exporting-regions-sharing-one-preposition",
    ),
    pytest.param(
        "Кызылординская область экспортирует рис в 15 стран, в том числе в Россию, Узбекистан и Таджикистан.",
        [
            ("Кызылординская область", "Россия", "рис"),
            ("Кызылординская область", "Узбекистан", "рис"),
            ("Кызылординская область", "Таджикистан", "рис"),
        ],
        {"рис": "10"},
        id="counted-countries-then-listed",
    ),
    pytest.param(
        "Основными статьями экспорта Узбекистана в Казахстан являются фрукты, овощи и текстиль.",
        [
            ("Узбекистан", "Казахстан", "фрукты"),
            ("Узбекистан", "Казахстан", "овощи"),
            ("Узбекистан", "Казахстан", "текстиль"),
        ],
        {"текстиль": "50-63"},
        id="copula-through-slot-noun",
    ),
    pytest.param(
        "Среди основных товаров, экспортируемых из Костанайской области в Россию, – пшеница, ячмень и подсолнечное масло.",
        [
            ("Костанайская область", "Россия", "пшеница"),
            ("Костанайская область", "Россия", "ячмень"),
            ("Костанайская область", "Россия", "подсолнечное масло"),
        ],
        {"подсолнечное масло": "15"},
        id="participle-then-list-after-dash",
    ),
    pytest.param(
        "Основными экспортными товарами Омской области в Казахстан названы нефтепродукты и трубы.",
        [("Омская область", "Казахстан", "нефтепродукты"), ("Омская область", "Казахстан", "трубы")],
        {"нефтепродукты": "27"},
        id="trade-adjective-on-slot-passive-copula",
    ),
    pytest.param(
        "Туркестанская область наращивает производство. Основной культурой области остается хлопок. "
        "Его отправляют в Китай, Турцию и Россию.",
        [
            ("Туркестанская область", "Китай", "хлопок"),
            ("Туркестанская область", "Турция", "хлопок"),
            ("Туркестанская область", "Россия", "хлопок"),
        ],
        {"хлопок": "52"},
        id="pronoun-goods-and-impersonal-exporter",
    ),
    pytest.param(
        "Жамбылская область производит ферросплавы, которые поставляются в Китай и Японию.",
        [("Жамбылская область", "Китай", "ферросплавы"), ("Жамбылская область", "Япония", "ферросплавы")],
        {"ферросплавы": "72"},
        id="relative-clause-goods",
    ),
    pytest.param(
        "Самые крупные поставки из Северо-Казахстанской области направили в Омскую область. "
        "Туда было отгружено 30 тысяч тонн пшеницы и 5 тысяч тонн льна.",
        [
            ("Северо-Казахстанская область", "Омская область", "пшеница"),
            ("Северо-Казахстанская область", "Омская область", "лен"),
        ],
        {},
        id="deixis-tuda-takes-the-last-destination",
    ),
    pytest.param(
        "Из Восточно-Казахстанской области экспортировано 20 тысяч тонн меда. "
        "Основными получателями продукции стали Китай и Монголия.",
        [("Восточно-Казахстанская область", "Китай", "мед"), ("Восточно-Казахстанская область", "Монголия", "мед")],
        {"мед": "04"},
        id="receivers-of-the-goods-named-before",
    ),
    pytest.param(
        "Атырауская область закупает в Астраханской области овощи. Пользуются спросом также арбузы астраханских фермеров.",
        [
            ("Астраханская область", "Атырауская область", "овощи"),
            ("Астраханская область", "Атырауская область", "арбузы"),
        ],
        {"арбузы": "08"},
        id="demand-idiom-with-producers-adjective",
    ),
    pytest.param(
        "Компания «Агромаш» подписала контракт на поставку в Узбекистан сельскохозяйственной техники.",
        [("Агромаш", "Узбекистан", "сельскохозяйственная техника")],
        {"сельскохозяйственная техника": "84"},
        id="contract-signed-by-one-supplier",
    ),
    pytest.param(
        "Карагандинская область отправляет в Беларусь уголь. Импортируются тракторы и автобусы.",
        [
            ("Карагандинская область", "Беларусь", "уголь"),
            ("Беларусь", "Карагандинская область", "тракторы"),
            ("Беларусь", "Карагандинская область", "автобусы"),
        ],
        {"тракторы": "87"},
        id="subjectless-import-after-an-export",
    ),
    pytest.param(
        "Жамбылская область за девять месяцев экспортировала в Кыргызстан товаров на 120 млн долларов. "
        "В основном это цемент и сахар.",
        [("Жамбылская область", "Кыргызстан", "цемент"), ("Жамбылская область", "Кыргызстан", "сахар")],
        {},
        id="goods-named-in-the-next-sentence",
    ),
    pytest.param(
        "Астраханская область поставляет в Атырау, Актау и Туркестан овощи.",
        [
            ("Астраханская область", "Атырау", "овощи"),
            ("Астраханская область", "Актау", "овощи"),
            ("Астраханская область", "Туркестан", "овощи"),
        ],
        {"овощи": "07"},
        id="indeclinable-city-names-as-destinations",
    ),
    pytest.param(
        "В Петропавловск из Омска прибыла партия тракторов. В Костанай прибыла делегация из Челябинской области.",
        [("Омск", "Петропавловск", "тракторы")],
        {"тракторы": "87"},
        id="cargo-arrives-a-delegation-does-not-trade",
    ),
    pytest.param(
        "Узбекистан экспортирует в Туркестанскую область фрукты. Казахстанская сторона в ответ поставляет туда зерно.",
        [("Узбекистан", "Туркестанская область", "фрукты")],
        {},
        id="an-adjective-makes-no-country",
    ),
    pytest.param(
        "Аким Павлодарской области провел совещание. Из Омской области ввезено товаров на 20 млн долларов – "
        "главным образом уголь, шины и цемент.",
        [
            ("Омская область", "Павлодарская область", "уголь"),
            ("Омская область", "Павлодарская область", "шины"),
            ("Омская область", "Павлодарская область", "цемент"),
        ],
        {},
        id="goods-named-generally-then-listed-after-a-dash",
    ),
    pytest.param(
        "Аким Костанайской области провел совещание. Импорт из Челябинской области оценивается в 40 млн "
        "долларов: это металлопрокат и трубы.",
        [
            ("Челябинская область", "Костанайская область", "металлопрокат"),
            ("Челябинская область", "Костанайская область", "трубы"),
        ],
        {},
        id="goods-listed-after-a-colon-and-eto",
    ),
    pytest.param(
        "Аким Атырауской области провел совещание. В Астраханскую область за полугодие отправлены рыба, "
        "соль и цемент, а оттуда в регион поступали овощи, бахчевые и зерно.",
        [
            ("Атырауская область", "Астраханская область", "рыба"),
            ("Атырауская область", "Астраханская область", "соль"),
            ("Атырауская область", "Астраханская область", "цемент"),
            ("Астраханская область", "Атырауская область", "овощи"),
            ("Астраханская область", "Атырауская область", "бахчевые"),
            ("Астраханская область", "Атырауская область", "зерно"),
        ],
        {},
        id="a-short-participle-heads-the-first-of-two-contrasting-clauses",
    ),
    pytest.param(
        "Экспорт Мангистауской области в Дагестан за год составил 30 млн долларов. Почти весь его объем "
        "приходится на сжиженный газ.",
        [("Мангистауская область", "Республика Дагестан", "сжиженный газ")],
        {},
        id="its-volume-falls-on-the-goods-of-the-flow-just-stated",
    ),
]


@pytest.mark.parametrize("text, expected, chapters", EXPORTS)
def test_exports(text: str, expected: list[tuple], chapters: dict[str, str]) -> None:
    facts = extract(text)
    got = flows(facts)
    assert want_flows(expected) <= got, f"missing {want_flows(expected) - got}"
    extra = {g for g in got if g[2] is not None and g not in want_flows(expected)}
    assert not extra, f"unexpected {extra}"
    commodity = {e.name: e.hs_chapter for e in facts.entities if e.type == "Commodity"}
    assert all(c.hs_chapter for c in facts.entities if c.type == "Commodity"), commodity
    for name, chapter in chapters.items():
        assert commodity.get(name) == chapter, (name, commodity)


# ---------------------------------------------------------------- no EXPORTS_TO: plans, non-goods, vague partners

NO_EXPORTS = [
    pytest.param(
        "Китайская сторона выразила заинтересованность в закупках павлодарской говядины и баранины.",
        id="plan-interest-in-purchases",
    ),
    pytest.param(
        "Жамбылская сторона выразила готовность наладить поставки в Чуйскую область комбикормов.",
        id="plan-readiness-to-set-up-supplies",
    ),
    pytest.param("Туркестанская область планирует поставлять в Узбекистан цемент.", id="plan-planned"),
    pytest.param("Павлодарские предприятия готовы поставлять в Омскую область уголь.", id="plan-ready-to-supply"),
    pytest.param("Стороны обсудили поставки зерна из Акмолинской области в Таджикистан.", id="plan-discussed"),
    pytest.param("В будущем Костанайская область будет экспортировать в Китай рапс.", id="plan-future"),
    pytest.param(
        "Через терминал в Омской области будут ввозить из Казахстана комплектующие для автомобилей.",
        id="plan-future-with-bare-aux",
    ),
    pytest.param("Актюбинская область не экспортирует в Россию зерно.", id="negated"),
    pytest.param("Татарстан экспортирует в Казахстан чиновников и предпринимателей.", id="people-are-no-goods"),
    pytest.param(
        "Новосибирская область поставляет в Павлодарскую область специалистов и образовательные услуги.",
        id="specialists-and-services-are-no-goods",
    ),
    pytest.param("Астраханская область экспортирует в Атыраускую область развитие туризма.", id="a-sector-is-no-good"),
    pytest.param("Из Актюбинской области в Оренбургскую область отправлено 200 тонн.", id="a-weight-is-no-good"),
    pytest.param(
        "Из Костанайской области за рубеж экспортировано 500 тысяч тонн пшеницы.", id="abroad-names-no-importer"
    ),
    pytest.param(
        "Продукция предприятий Карагандинской области поставляется в 30 стран мира.", id="counted-countries-name-none"
    ),
    pytest.param(
        "В регион завозят муку из других областей. Жамбылская область торгует с Кыргызстаном.",
        id="other-regions-name-none",
    ),
    pytest.param(
        "ОАО «Гомсельмаш» и ТОО «КазТехника» заключили контракт на поставку зерноуборочных комбайнов.",
        id="contract-between-two-states-no-direction",
    ),
    pytest.param(
        "Делегация Омской области прибыла в Павлодар. Павлодарская делегация приняла участие в выставке «Омский экспорт».",
        id="trade-word-inside-a-name",
    ),
]


@pytest.mark.parametrize("text", NO_EXPORTS)
def test_no_exports(text: str) -> None:
    got = flows(extract(text))
    assert not got, f"unexpected {got}"


def test_flow_without_goods_only_where_no_good_is_named() -> None:
    """Spec: an EXPORTS_TO without commodity only when no good flows between the two; figures still state one."""
    text = (
        "Экспорт Туркестанской области в Узбекистан составил 450 млн долларов, импорт – 210 млн долларов. "
        "Туркестанская область поставляет в Узбекистан цемент."
    )
    got = flows(extract(text))
    assert ("туркестанская область", "узбекистан", "цемент") in got
    assert ("туркестанская область", "узбекистан", None) not in got
    assert ("узбекистан", "туркестанская область", None) in got


# ---------------------------------------------------------------- TRADE_VOLUME

VOLUMES = [
    pytest.param(
        "Товарооборот Алматинской области с Китаем в 2023 году достиг 2,1 млрд долларов.",
        [("Алматинская область", "Китай", "turnover", 2_100_000_000, "USD")],
        id="turnover-with-country",
    ),
    pytest.param(
        "Экспорт Туркестанской области в Узбекистан составил 450 млн долларов, импорт – 210 млн долларов.",
        [
            ("Туркестанская область", "Узбекистан", "export", 450_000_000, "USD"),
            ("Туркестанская область", "Узбекистан", "import", 210_000_000, "USD"),
        ],
        id="export-and-import-one-pair",
    ),
    pytest.param(
        "Объем взаимной торговли Омской области и Казахстана превысил 1,5 млрд долларов США, из них 900 миллионов – "
        "экспорт, 600 миллионов – импорт.",
        [
            ("Омская область", "Казахстан", "turnover", 1_500_000_000, "USD"),
            ("Омская область", "Казахстан", "export", 900_000_000, "USD"),
            ("Омская область", "Казахстан", "import", 600_000_000, "USD"),
        ],
        id="currency-said-once-kind-after-dash",
    ),
    pytest.param(
        "Губернатор Оренбургской области встретился с послом Казахстана. "
        "Обмен товарами с республикой в прошлом году составил порядка 700 млн долларов.",
        [("Оренбургская область", "Казахстан", "turnover", 700_000_000, "USD")],
        id="exchange-of-goods-with-the-republic",
    ),
    pytest.param(
        "Казахстан и Россия укрепляют связи. По итогам 2022 года товарооборот между двумя государствами составил "
        "28 миллиардов долларов.",
        [("Казахстан", "Россия", "turnover", 28_000_000_000, "USD")],
        id="between-the-two-states",
    ),
    pytest.param(
        "Импорт Мангистауской области из Азербайджана за 2023 год составил 12,5 млн долларов.",
        [("Мангистауская область", "Азербайджан", "import", 12_500_000, "USD")],
        id="import-figure",
    ),
]


@pytest.mark.parametrize("text, expected", VOLUMES)
def test_volumes(text: str, expected: list[tuple]) -> None:
    got = volumes(extract(text))
    want = set()
    for src, tgt, kind, value, currency in expected:
        a, b = region(src), region(tgt)
        if kind == "turnover":
            a, b = sorted((a, b))
        want.add((a, b, kind, value, currency))
    assert got == want


NO_VOLUMES = [
    pytest.param(
        "Товарооборот между Алматинской областью и Китаем вырос в 1,6 раза, а экспорт увеличился на 30%.",
        id="ratio-and-percent",
    ),
    pytest.param(
        "Стороны планируют довести товарооборот между Костанайской и Челябинской областями до 1 млрд долларов.",
        id="a-target",
    ),
    pytest.param(
        "Общий объем продукции, которую Омская область поставляет на экспорт, превышает 1 миллиард 200 миллионов долларов.",
        id="trade-with-the-whole-world",
    ),
]


@pytest.mark.parametrize("text", NO_VOLUMES)
def test_no_volumes(text: str) -> None:
    assert not volumes(extract(text))


# ---------------------------------------------------------------- the goods reader


def goods_of(text: str) -> list[tuple[str, str]]:
    """The goods read from the whole of a one-sentence text."""
    ctx = Context(parse_text(text))
    for stage in ENTITY_STAGES:
        stage(ctx)
    return [(g.name, g.chapter) for g in read_goods(ctx, 0, ctx.sentences[0].tokens).goods]


GOODS = [
    pytest.param(
        "52 тыс. т пшеницы, 5 тыс. т ячменя и 177 т гороха.",
        [("пшеница", "10"), ("ячмень", "10"), ("горох", "07")],
        id="quantities",
    ),
    pytest.param("39 партий рыбы и морепродуктов.", [("рыба", "03"), ("морепродукты", "03")], id="batches"),
    pytest.param("20 вагонов угля.", [("уголь", "27")], id="wagons-of"),
    pytest.param("вагоны и полувагоны.", [("вагоны", "86"), ("полувагоны", "86")], id="wagons-themselves"),
    pytest.param(
        "семена зерновых и масличных культур для посева.",
        [("семена зерновых культур", "10"), ("семена масличных культур", "12")],
        id="shared-complement-noun",
    ),
    pytest.param(
        "концентраты металлов (меди, цинка и других).",
        [("концентраты металлов", "26"), ("концентраты меди", "26"), ("концентраты цинка", "26")],
        id="bracketed-complements",
    ),
    pytest.param(
        "хромовые и медно-цинковые концентраты.",
        [("хромовые концентраты", "26"), ("медно-цинковые концентраты", "26")],
        id="shared-adjectives",
    ),
    pytest.param(
        "бумагу, картон и изделия из них.",
        [("бумага", "48"), ("картон", "48"), ("изделия из бумаги и картона", "48")],
        id="products-of-them",
    ),
    pytest.param("15 тысяч тонн ржи.", [("рожь", "10")], id="rye-not-rust"),
    pytest.param("чиновников, туризм и 200 тонн.", [], id="no-goods"),
]


@pytest.mark.parametrize("text, expected", GOODS)
def test_goods_reader(text: str, expected: list[tuple[str, str]]) -> None:
    assert goods_of(text) == expected
