"""Build ingest/data/gazetteer.json from the hand-curated tables below (run: python ingest/data/build_gazetteer.py)."""

# Reviewing this file is reviewing the gazetteer: every name, alias and code lives in the
# tables below; the JSON is a mechanical dump of them (one place per line, sorted by code).
#
# Codes
#   Country          ISO 3166-1 alpha-2 (KZ, RU ...).
#   Region / City    ISO 3166-2 where the unit has one (KZ-62 область Улытау, RU-MOW Москва,
#                    BY-HM Минск, CN-XJ ...). pycountry was used only to check these codes
#                    (optional here: if it is importable, the build cross-checks them).
#   Region w/o ISO   "{CC}-X-{SLUG}" (e.g. CN-X-ILI for the Ili Kazakh prefecture).
#   City w/o ISO     "{CC}-C-{SLUG}", SLUG = upper-case Latin transliteration of the Russian name
#                    (KZ-C-PETROPAVLOVSK); stable as long as the canonical name is.
#
# Kinds of alternative names (they become PlaceMatch.via):
#   alias     official or common alternative full forms, Kazakh forms, body names ("Миноблисполком")
#   abbr      all-caps abbreviations (matched case-sensitively, without morphology)
#   informal  informal names (Оренбуржье, Кузбасс, Южный Урал)
#   former    former names (Нур-Султан, Гурьев, Южно-Казахстанская область)
#   demonyms  adjectives in the masculine nominative (курганский); the caller decides what to do
#
# Regions whose name is "<adjective> область|край|автономный округ|автономная область|велаят|аймак"
# get that adjective as a demonym automatically, unless listed in NO_AUTO_DEMONYM.
#
# Cities of federal / republican significance (Москва, Санкт-Петербург, Астана, Алматы, Шымкент,
# Минск, Ташкент, Бишкек, Ош, Душанбе, Ашхабад, Улан-Батор, Пекин ...) are type City with
# region = None: they are first-level units themselves, not part of the surrounding oblast. The gold
# files have no place_of entry for any of them, so nothing contradicts this.
from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).with_name("gazetteer.json")
VERSION = "1.0"

_LAT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "A",
            "B",
            "V",
            "G",
            "D",
            "E",
            "E",
            "ZH",
            "Z",
            "I",
            "Y",
            "K",
            "L",
            "M",
            "N",
            "O",
            "P",
            "R",
            "S",
            "T",
            "U",
            "F",
            "KH",
            "TS",
            "CH",
            "SH",
            "SHCH",
            "",
            "Y",
            "",
            "E",
            "YU",
            "YA",
        ],
    )
)


def slug(name: str) -> str:
    out = []
    for ch in name.lower():
        if ch in _LAT:
            out.append(_LAT[ch])
        elif ch.isascii() and ch.isalnum():
            out.append(ch.upper())
        elif ch in " -—":
            out.append("-")
    return "-".join(p for p in "".join(out).split("-") if p)


def C(name, *, alias=(), abbr=(), informal=(), former=(), demonyms=(), iso=None, cue=False, code=None):
    """A city. cue=True: only matched after a place cue (в, из, г., город ...): the name is also a surname."""
    return dict(
        type="City",
        name=name,
        iso=iso,
        code=code,
        aliases=list(alias),
        abbr=list(abbr),
        informal=list(informal),
        former=list(former),
        demonyms=list(demonyms),
        cue=cue,
    )


def R(iso, name, *, alias=(), abbr=(), informal=(), former=(), demonyms=(), cities=(), code=None):
    """A first-level region with its cities (the first one is the administrative centre)."""
    return dict(
        type="Region",
        name=name,
        iso=iso,
        code=code,
        aliases=list(alias),
        abbr=list(abbr),
        informal=list(informal),
        former=list(former),
        demonyms=list(demonyms),
        cities=list(cities),
    )


def K(iso, name, *, alias=(), abbr=(), informal=(), former=(), demonyms=()):
    """A state: canonical short Russian name, ISO alpha-2 as code."""
    return dict(
        type="Country",
        name=name,
        iso=iso,
        aliases=list(alias),
        abbr=list(abbr),
        informal=list(informal),
        former=list(former),
        demonyms=list(demonyms),
    )


# --------------------------------------------------------------------------------------------
# Countries (their capitals are in CITIES_OF_COUNTRY or in the region tables).
# Ethnic adjectives (казахский, русский, башкирский) are NOT demonyms of a state.
COUNTRIES = [
    K("KZ", "Казахстан", alias=["Республика Казахстан"], abbr=["РК"], demonyms=["казахстанский"]),
    K("RU", "Россия", alias=["Российская Федерация"], abbr=["РФ"], demonyms=["российский"]),
    K("BY", "Беларусь", alias=["Республика Беларусь", "Белоруссия"], abbr=["РБ"], demonyms=["белорусский"]),
    K("UZ", "Узбекистан", alias=["Республика Узбекистан"], abbr=["РУз"], demonyms=["узбекский", "узбекистанский"]),
    K(
        "KG",
        "Кыргызстан",
        alias=["Кыргызская Республика", "Киргизия", "Киргизская Республика"],
        demonyms=["кыргызский", "киргизский", "кыргызстанский"],
    ),
    K("TJ", "Таджикистан", alias=["Республика Таджикистан"], demonyms=["таджикский", "таджикистанский"]),
    K("TM", "Туркменистан", alias=["Туркмения"], demonyms=["туркменский"]),
    K(
        "CN",
        "Китай",
        alias=["Китайская Народная Республика"],
        abbr=["КНР"],
        informal=["Поднебесная"],
        demonyms=["китайский"],
    ),
    K("MN", "Монголия", demonyms=["монгольский"]),
    K("AZ", "Азербайджан", alias=["Азербайджанская Республика"], demonyms=["азербайджанский"]),
    K("AM", "Армения", alias=["Республика Армения"], demonyms=["армянский"]),
    K("GE", "Грузия", demonyms=["грузинский"]),
    K("UA", "Украина", demonyms=["украинский"]),
    K("MD", "Молдова", alias=["Молдавия", "Республика Молдова"], demonyms=["молдавский", "молдовский"]),
    K("TR", "Турция", alias=["Турецкая Республика"], demonyms=["турецкий"]),
    K("IR", "Иран", alias=["Исламская Республика Иран"], demonyms=["иранский"]),
    K("AF", "Афганистан", demonyms=["афганский"]),
    K("DE", "Германия", alias=["Федеративная Республика Германия"], abbr=["ФРГ"], demonyms=["германский", "немецкий"]),
    K("US", "США", alias=["Соединённые Штаты Америки", "Соединённые Штаты"], demonyms=["американский"]),
    K("IN", "Индия", alias=["Республика Индия"], demonyms=["индийский"]),
    K("PK", "Пакистан", demonyms=["пакистанский"]),
    K("KR", "Южная Корея", alias=["Республика Корея"], informal=["Корея"], demonyms=["южнокорейский"]),
    K("KP", "Северная Корея", abbr=["КНДР"], demonyms=["северокорейский"]),
    K("JP", "Япония", demonyms=["японский"]),
    K("AE", "ОАЭ", alias=["Объединённые Арабские Эмираты"], informal=["Эмираты"], demonyms=["эмиратский"]),
    K("SA", "Саудовская Аравия", demonyms=["саудовский"]),
    K("QA", "Катар", demonyms=["катарский"]),
    K("KW", "Кувейт", demonyms=["кувейтский"]),
    K("OM", "Оман", demonyms=["оманский"]),
    K("IL", "Израиль", demonyms=["израильский"]),
    K("EG", "Египет", demonyms=["египетский"]),
    K("IQ", "Ирак", demonyms=["иракский"]),
    K("SY", "Сирия", demonyms=["сирийский"]),
    K("VN", "Вьетнам", demonyms=["вьетнамский"]),
    K("TH", "Таиланд", demonyms=["таиландский", "тайский"]),
    K("MY", "Малайзия", demonyms=["малайзийский"]),
    K("ID", "Индонезия", demonyms=["индонезийский"]),
    K("SG", "Сингапур", demonyms=["сингапурский"]),
    K(
        "GB",
        "Великобритания",
        alias=["Соединённое Королевство"],
        informal=["Британия", "Англия"],
        demonyms=["британский"],
    ),
    K("FR", "Франция", demonyms=["французский"]),
    K("IT", "Италия", demonyms=["итальянский"]),
    K("ES", "Испания", demonyms=["испанский"]),
    K("PT", "Португалия", demonyms=["португальский"]),
    K("NL", "Нидерланды", informal=["Голландия"], demonyms=["нидерландский", "голландский"]),
    K("BE", "Бельгия", demonyms=["бельгийский"]),
    K("LU", "Люксембург", demonyms=["люксембургский"]),
    K("AT", "Австрия", demonyms=["австрийский"]),
    K("CH", "Швейцария", demonyms=["швейцарский"]),
    K("PL", "Польша", demonyms=["польский"]),
    K("CZ", "Чехия", alias=["Чешская Республика"], demonyms=["чешский"]),
    K("SK", "Словакия", demonyms=["словацкий"]),
    K("HU", "Венгрия", demonyms=["венгерский"]),
    K("RO", "Румыния", demonyms=["румынский"]),
    K("BG", "Болгария", demonyms=["болгарский"]),
    K("GR", "Греция", demonyms=["греческий"]),
    K("CY", "Кипр", demonyms=["кипрский"]),
    K("MT", "Мальта", demonyms=["мальтийский"]),
    K("SI", "Словения", demonyms=["словенский"]),
    K("HR", "Хорватия", demonyms=["хорватский"]),
    K("RS", "Сербия", demonyms=["сербский"]),
    K("FI", "Финляндия", demonyms=["финский", "финляндский"]),
    K("SE", "Швеция", demonyms=["шведский"]),
    K("DK", "Дания", demonyms=["датский"]),
    K("NO", "Норвегия", demonyms=["норвежский"]),
    K("EE", "Эстония", demonyms=["эстонский"]),
    K("LV", "Латвия", demonyms=["латвийский"]),
    K("LT", "Литва", demonyms=["литовский"]),
    K("IE", "Ирландия", demonyms=["ирландский"]),
    K("CA", "Канада", demonyms=["канадский"]),
    K("BR", "Бразилия", demonyms=["бразильский"]),
    K("MX", "Мексика", demonyms=["мексиканский"]),
    K("AR", "Аргентина", demonyms=["аргентинский"]),
    K("AU", "Австралия", demonyms=["австралийский"]),
    K("ZA", "ЮАР", alias=["Южно-Африканская Республика"], demonyms=["южноафриканский"]),
]

# --------------------------------------------------------------------------------------------
# Kazakhstan: 17 oblasts (incl. область Абай, область Жетысу, область Улытау of 2022) and the
# 3 cities of republican significance. Canonical forms follow the gold (область Улытау,
# Мангистауская область). Kazakh letters may be written as they are (Өскемен): the matcher
# transliterates them (і→и, ә→а, ғ→г, қ→к, ң→н, ө→о, ұ/ү→у, һ→х) on both sides.
KZ = [
    R(
        "KZ-10",
        "область Абай",
        alias=["Абайская область"],
        cities=[C("Семей", former=["Семипалатинск"]), C("Курчатов", cue=True), C("Аягоз", former=["Аягуз"])],
    ),
    R(
        "KZ-11",
        "Акмолинская область",
        former=["Целиноградская область", "Кокчетавская область"],
        cities=[
            C("Кокшетау", former=["Кокчетав"]),
            C("Степногорск"),
            C("Щучинск"),
            C("Атбасар"),
            C("Макинск"),
            C("Степняк"),
        ],
    ),
    R(
        "KZ-15",
        "Актюбинская область",
        alias=["Актобинская область"],
        cities=[
            C("Актобе", alias=["Ақтөбе"], former=["Актюбинск"]),
            C("Хромтау"),
            C("Кандыагаш"),
            C("Шалкар"),
            C("Эмба"),
        ],
    ),
    R(
        "KZ-19",
        "Алматинская область",
        cities=[
            C("Конаев", alias=["Қонаев"], former=["Капчагай", "Капшагай"], cue=True),
            C("Каскелен"),
            C("Талгар"),
            C("Есик"),
        ],
    ),
    R(
        "KZ-23",
        "Атырауская область",
        former=["Гурьевская область"],
        cities=[C("Атырау", former=["Гурьев"]), C("Кульсары")],
    ),
    R(
        "KZ-27",
        "Западно-Казахстанская область",
        abbr=["ЗКО"],
        former=["Уральская область"],
        demonyms=["западноказахстанский"],
        cities=[C("Уральск", alias=["Орал"]), C("Аксай")],
    ),
    R(
        "KZ-31",
        "Жамбылская область",
        former=["Джамбулская область", "Джамбульская область"],
        cities=[C("Тараз", former=["Джамбул", "Аулие-Ата"]), C("Каратау"), C("Жанатас")],
    ),
    R(
        "KZ-33",
        "область Жетысу",
        alias=["Жетысуская область", "область Жетісу"],
        informal=["Жетысу", "Семиречье"],
        demonyms=["жетысуский"],
        cities=[C("Талдыкорган", alias=["Талдықорған"]), C("Текели"), C("Жаркент"), C("Уштобе"), C("Ушарал")],
    ),
    R(
        "KZ-35",
        "Карагандинская область",
        informal=["Карагандинский регион"],
        cities=[
            C("Караганда", alias=["Қарағанды"]),
            C("Темиртау"),
            C("Балхаш"),
            C("Шахтинск"),
            C("Сарань"),
            C("Приозерск"),
            C("Каркаралинск"),
        ],
    ),
    R(
        "KZ-39",
        "Костанайская область",
        former=["Кустанайская область"],
        cities=[
            C("Костанай", alias=["Қостанай"], former=["Кустанай"]),
            C("Рудный"),
            C("Лисаковск"),
            C("Аркалык"),
            C("Житикара"),
        ],
    ),
    R(
        "KZ-43",
        "Кызылординская область",
        informal=["Приаралье"],
        cities=[C("Кызылорда", alias=["Қызылорда"], former=["Кзыл-Орда"]), C("Байконур"), C("Аральск"), C("Казалинск")],
    ),
    R(
        "KZ-47",
        "Мангистауская область",
        alias=["Мангыстауская область"],
        informal=["Мангистау", "Мангыстау"],
        cities=[C("Актау", alias=["Ақтау"]), C("Жанаозен", former=["Новый Узень"]), C("Форт-Шевченко"), C("Бейнеу")],
    ),
    R(
        "KZ-55",
        "Павлодарская область",
        informal=["Павлодарское Прииртышье"],
        cities=[C("Павлодар"), C("Экибастуз", alias=["Екібастұз"]), C("Аксу")],
    ),
    R(
        "KZ-59",
        "Северо-Казахстанская область",
        abbr=["СКО"],
        demonyms=["североказахстанский"],
        cities=[C("Петропавловск", alias=["Петропавл"]), C("Булаево"), C("Мамлютка"), C("Тайынша"), C("Сергеевка")],
    ),
    R(
        "KZ-61",
        "Туркестанская область",
        former=["Южно-Казахстанская область", "Чимкентская область"],
        abbr=["ЮКО"],
        demonyms=["южноказахстанский", "южно-казахстанский"],
        cities=[C("Туркестан", alias=["Түркістан"]), C("Кентау"), C("Арыс"), C("Сарыагаш"), C("Жетысай"), C("Ленгер")],
    ),
    R(
        "KZ-62",
        "область Улытау",
        alias=["Улытауская область", "область Ұлытау"],
        informal=["Улытау"],
        demonyms=["улытауский"],
        cities=[C("Жезказган", alias=["Жезқазған"]), C("Сатпаев", cue=True), C("Каражал")],
    ),
    R(
        "KZ-63",
        "Восточно-Казахстанская область",
        abbr=["ВКО"],
        informal=["Рудный Алтай"],
        demonyms=["восточноказахстанский"],
        cities=[
            C("Усть-Каменогорск", alias=["Өскемен"]),
            C("Риддер", former=["Лениногорск"]),
            C("Зайсан"),
            C("Шемонаиха"),
            C("Серебрянск"),
        ],
    ),
]
KZ_CITIES = [
    C("Астана", iso="KZ-71", former=["Нур-Султан", "Акмола", "Целиноград", "Акмолинск"], demonyms=["астанинский"]),
    C("Алматы", iso="KZ-75", former=["Алма-Ата", "Верный"]),
    C("Шымкент", iso="KZ-79", former=["Чимкент"], demonyms=["шымкентский"]),
]

# --------------------------------------------------------------------------------------------
# Russia: the 83 federal subjects of ISO 3166-2:RU, official full form as canonical name
# (Кемеровская область as in the spec; the constitutional long forms are aliases).
RU = [
    R("RU-AD", "Республика Адыгея", informal=["Адыгея"], demonyms=["адыгейский"], cities=[C("Майкоп")]),
    R("RU-AL", "Республика Алтай", informal=["Горный Алтай"], cities=[C("Горно-Алтайск")]),
    R("RU-ALT", "Алтайский край", cities=[C("Барнаул"), C("Бийск"), C("Рубцовск"), C("Славгород"), C("Новоалтайск")]),
    R("RU-AMU", "Амурская область", informal=["Приамурье"], cities=[C("Благовещенск"), C("Белогорск"), C("Тында")]),
    R(
        "RU-ARK",
        "Архангельская область",
        informal=["Поморье"],
        cities=[C("Архангельск"), C("Северодвинск"), C("Котлас")],
    ),
    R("RU-AST", "Астраханская область", cities=[C("Астрахань"), C("Ахтубинск")]),
    R(
        "RU-BA",
        "Республика Башкортостан",
        informal=["Башкортостан", "Башкирия"],
        cities=[C("Уфа"), C("Стерлитамак"), C("Салават"), C("Нефтекамск")],
    ),
    R("RU-BEL", "Белгородская область", informal=["Белгородчина"], cities=[C("Белгород"), C("Старый Оскол")]),
    R("RU-BRY", "Брянская область", informal=["Брянщина"], cities=[C("Брянск")]),
    R("RU-BU", "Республика Бурятия", informal=["Бурятия"], cities=[C("Улан-Удэ")]),
    R("RU-CE", "Чеченская Республика", informal=["Чечня"], cities=[C("Грозный", cue=True)]),
    R(
        "RU-CHE",
        "Челябинская область",
        informal=["Южный Урал"],
        cities=[C("Челябинск"), C("Магнитогорск"), C("Златоуст"), C("Миасс"), C("Копейск"), C("Троицк")],
    ),
    R("RU-CHU", "Чукотский автономный округ", informal=["Чукотка"], cities=[C("Анадырь")]),
    R(
        "RU-CU",
        "Чувашская Республика",
        alias=["Чувашская Республика — Чувашия"],
        informal=["Чувашия"],
        cities=[C("Чебоксары"), C("Новочебоксарск")],
    ),
    R(
        "RU-DA",
        "Республика Дагестан",
        informal=["Дагестан"],
        demonyms=["дагестанский"],
        cities=[C("Махачкала"), C("Дербент"), C("Хасавюрт")],
    ),
    R("RU-IN", "Республика Ингушетия", informal=["Ингушетия"], cities=[C("Магас"), C("Назрань")]),
    R(
        "RU-IRK",
        "Иркутская область",
        informal=["Прибайкалье", "Приангарье"],
        cities=[C("Иркутск"), C("Братск"), C("Ангарск"), C("Усть-Илимск")],
    ),
    R("RU-IVA", "Ивановская область", cities=[C("Иваново")]),
    R("RU-KAM", "Камчатский край", informal=["Камчатка"], cities=[C("Петропавловск-Камчатский")]),
    R(
        "RU-KB",
        "Кабардино-Балкарская Республика",
        abbr=["КБР"],
        informal=["Кабардино-Балкария"],
        demonyms=["кабардино-балкарский"],
        cities=[C("Нальчик")],
    ),
    R(
        "RU-KC",
        "Карачаево-Черкесская Республика",
        abbr=["КЧР"],
        informal=["Карачаево-Черкесия"],
        demonyms=["карачаево-черкесский"],
        cities=[C("Черкесск")],
    ),
    R(
        "RU-KDA",
        "Краснодарский край",
        informal=["Кубань"],
        cities=[C("Краснодар"), C("Сочи"), C("Новороссийск"), C("Армавир")],
    ),
    R(
        "RU-KEM",
        "Кемеровская область",
        alias=["Кемеровская область — Кузбасс"],
        informal=["Кузбасс"],
        cities=[C("Кемерово"), C("Новокузнецк"), C("Прокопьевск")],
    ),
    R("RU-KGD", "Калининградская область", cities=[C("Калининград")]),
    R("RU-KGN", "Курганская область", informal=["Зауралье"], cities=[C("Курган"), C("Шадринск")]),
    R("RU-KHA", "Хабаровский край", cities=[C("Хабаровск"), C("Комсомольск-на-Амуре")]),
    R(
        "RU-KHM",
        "Ханты-Мансийский автономный округ — Югра",
        alias=["Ханты-Мансийский автономный округ", "ХМАО-Югра", "ХМАО — Югра"],
        abbr=["ХМАО"],
        informal=["Югра"],
        demonyms=["ханты-мансийский"],
        cities=[C("Ханты-Мансийск"), C("Сургут"), C("Нижневартовск"), C("Нефтеюганск"), C("Когалым")],
    ),
    R("RU-KIR", "Кировская область", cities=[C("Киров", cue=True)]),
    R("RU-KK", "Республика Хакасия", informal=["Хакасия"], cities=[C("Абакан")]),
    R("RU-KL", "Республика Калмыкия", informal=["Калмыкия"], cities=[C("Элиста")]),
    R("RU-KLU", "Калужская область", cities=[C("Калуга"), C("Обнинск")]),
    R("RU-KO", "Республика Коми", informal=["Коми"], cities=[C("Сыктывкар"), C("Ухта"), C("Воркута")]),
    R("RU-KOS", "Костромская область", cities=[C("Кострома")]),
    R("RU-KR", "Республика Карелия", informal=["Карелия"], demonyms=["карельский"], cities=[C("Петрозаводск")]),
    R("RU-KRS", "Курская область", cities=[C("Курск")]),
    R("RU-KYA", "Красноярский край", informal=["Красноярье"], cities=[C("Красноярск"), C("Норильск"), C("Ачинск")]),
    R("RU-LEN", "Ленинградская область", informal=["Ленобласть"], cities=[C("Гатчина"), C("Выборг")]),
    R("RU-LIP", "Липецкая область", cities=[C("Липецк"), C("Елец")]),
    R("RU-MAG", "Магаданская область", informal=["Колыма"], cities=[C("Магадан")]),
    R("RU-ME", "Республика Марий Эл", informal=["Марий Эл"], cities=[C("Йошкар-Ола")]),
    R("RU-MO", "Республика Мордовия", informal=["Мордовия"], demonyms=["мордовский"], cities=[C("Саранск")]),
    R(
        "RU-MOS",
        "Московская область",
        informal=["Подмосковье"],
        demonyms=["подмосковный"],
        cities=[C("Красногорск"), C("Балашиха"), C("Подольск"), C("Химки"), C("Мытищи"), C("Коломна")],
    ),
    R("RU-MUR", "Мурманская область", cities=[C("Мурманск"), C("Апатиты")]),
    R("RU-NEN", "Ненецкий автономный округ", cities=[C("Нарьян-Мар")]),
    R("RU-NGR", "Новгородская область", informal=["Новгородчина"], cities=[C("Великий Новгород"), C("Старая Русса")]),
    R("RU-NIZ", "Нижегородская область", cities=[C("Нижний Новгород"), C("Дзержинск"), C("Арзамас")]),
    R("RU-NVS", "Новосибирская область", cities=[C("Новосибирск"), C("Бердск")]),
    R("RU-OMS", "Омская область", informal=["Омское Прииртышье"], cities=[C("Омск")]),
    R(
        "RU-ORE",
        "Оренбургская область",
        informal=["Оренбуржье"],
        cities=[C("Оренбург"), C("Орск"), C("Новотроицк"), C("Бузулук"), C("Бугуруслан")],
    ),
    R("RU-ORL", "Орловская область", informal=["Орловщина"], cities=[C("Орёл"), C("Ливны"), C("Мценск")]),
    R("RU-PER", "Пермский край", informal=["Прикамье"], cities=[C("Пермь"), C("Березники"), C("Соликамск")]),
    R("RU-PNZ", "Пензенская область", cities=[C("Пенза")]),
    R("RU-PRI", "Приморский край", informal=["Приморье"], cities=[C("Владивосток"), C("Находка"), C("Уссурийск")]),
    R("RU-PSK", "Псковская область", informal=["Псковщина"], cities=[C("Псков"), C("Великие Луки")]),
    R(
        "RU-ROS",
        "Ростовская область",
        cities=[C("Ростов-на-Дону"), C("Таганрог"), C("Шахты"), C("Новочеркасск"), C("Волгодонск")],
    ),
    R("RU-RYA", "Рязанская область", informal=["Рязанщина"], cities=[C("Рязань")]),
    R(
        "RU-SA",
        "Республика Саха (Якутия)",
        alias=["Республика Саха", "Республика Якутия"],
        informal=["Якутия"],
        demonyms=["якутский"],
        cities=[C("Якутск"), C("Нерюнгри")],
    ),
    R("RU-SAK", "Сахалинская область", informal=["Сахалин"], cities=[C("Южно-Сахалинск")]),
    R("RU-SAM", "Самарская область", cities=[C("Самара"), C("Тольятти"), C("Сызрань"), C("Новокуйбышевск")]),
    R("RU-SAR", "Саратовская область", cities=[C("Саратов"), C("Энгельс", cue=True), C("Балаково")]),
    R(
        "RU-SE",
        "Республика Северная Осетия — Алания",
        alias=["Республика Северная Осетия", "Северная Осетия — Алания"],
        informal=["Северная Осетия"],
        demonyms=["североосетинский"],
        cities=[C("Владикавказ")],
    ),
    R("RU-SMO", "Смоленская область", informal=["Смоленщина"], cities=[C("Смоленск")]),
    R(
        "RU-STA",
        "Ставропольский край",
        informal=["Ставрополье"],
        cities=[C("Ставрополь"), C("Пятигорск"), C("Кисловодск"), C("Невинномысск"), C("Ессентуки")],
    ),
    R(
        "RU-SVE",
        "Свердловская область",
        informal=["Средний Урал"],
        cities=[C("Екатеринбург"), C("Нижний Тагил"), C("Каменск-Уральский"), C("Первоуральск")],
    ),
    R(
        "RU-TA",
        "Республика Татарстан",
        informal=["Татарстан"],
        demonyms=["татарстанский"],
        cities=[C("Казань"), C("Набережные Челны"), C("Нижнекамск"), C("Альметьевск"), C("Елабуга")],
    ),
    R("RU-TAM", "Тамбовская область", informal=["Тамбовщина"], cities=[C("Тамбов"), C("Мичуринск")]),
    R("RU-TOM", "Томская область", cities=[C("Томск"), C("Северск")]),
    R("RU-TUL", "Тульская область", cities=[C("Тула"), C("Новомосковск")]),
    R("RU-TVE", "Тверская область", informal=["Верхневолжье"], cities=[C("Тверь")]),
    R("RU-TY", "Республика Тыва", alias=["Республика Тува"], informal=["Тыва", "Тува"], cities=[C("Кызыл")]),
    R("RU-TYU", "Тюменская область", cities=[C("Тюмень"), C("Тобольск"), C("Ишим")]),
    R("RU-UD", "Удмуртская Республика", informal=["Удмуртия"], cities=[C("Ижевск"), C("Сарапул"), C("Воткинск")]),
    R("RU-ULY", "Ульяновская область", cities=[C("Ульяновск"), C("Димитровград")]),
    R("RU-VGG", "Волгоградская область", cities=[C("Волгоград"), C("Волжский")]),
    R("RU-VLA", "Владимирская область", cities=[C("Владимир", cue=True), C("Ковров"), C("Муром")]),
    R("RU-VLG", "Вологодская область", informal=["Вологодчина"], cities=[C("Вологда"), C("Череповец")]),
    R("RU-VOR", "Воронежская область", cities=[C("Воронеж")]),
    R(
        "RU-YAN",
        "Ямало-Ненецкий автономный округ",
        abbr=["ЯНАО"],
        informal=["Ямал"],
        cities=[C("Салехард"), C("Новый Уренгой"), C("Ноябрьск"), C("Надым")],
    ),
    R("RU-YAR", "Ярославская область", cities=[C("Ярославль"), C("Рыбинск")]),
    R("RU-YEV", "Еврейская автономная область", abbr=["ЕАО"], cities=[C("Биробиджан")]),
    R("RU-ZAB", "Забайкальский край", informal=["Забайкалье"], cities=[C("Чита")]),
]
RU_CITIES = [
    C("Москва", iso="RU-MOW", demonyms=["московский"]),
    C(
        "Санкт-Петербург",
        iso="RU-SPE",
        alias=["Петербург"],
        abbr=["СПб"],
        informal=["Питер"],
        former=["Ленинград"],
        demonyms=["петербургский", "санкт-петербургский"],
    ),
]


# --------------------------------------------------------------------------------------------
# Belarus: 6 oblasts + Minsk. An oblast's executive committee is the oblast (spec), hence the
# облисполком aliases.
def _by(iso, name, adj, short, cities):
    return R(iso, name, alias=[f"{adj} облисполком", f"{short}облисполком"], cities=cities)


BY = [
    _by("BY-BR", "Брестская область", "Брестский", "Брест", [C("Брест"), C("Барановичи"), C("Пинск")]),
    _by("BY-VI", "Витебская область", "Витебский", "Витеб", [C("Витебск"), C("Орша"), C("Новополоцк"), C("Полоцк")]),
    _by(
        "BY-HO",
        "Гомельская область",
        "Гомельский",
        "Гомель",
        [C("Гомель"), C("Мозырь"), C("Жлобин"), C("Речица"), C("Светлогорск")],
    ),
    _by("BY-HR", "Гродненская область", "Гродненский", "Гродно", [C("Гродно"), C("Лида")]),
    _by(
        "BY-MI",
        "Минская область",
        "Минский",
        "Мин",
        [C("Борисов"), C("Солигорск"), C("Молодечно"), C("Жодино"), C("Слуцк")],
    ),
    _by("BY-MA", "Могилёвская область", "Могилёвский", "Могилев", [C("Могилёв"), C("Бобруйск")]),
]
BY_CITIES = [C("Минск", iso="BY-HM", alias=["Мингорисполком"])]

# --------------------------------------------------------------------------------------------
UZ = [
    R("UZ-AN", "Андижанская область", cities=[C("Андижан")]),
    R("UZ-BU", "Бухарская область", cities=[C("Бухара")]),
    R("UZ-FA", "Ферганская область", cities=[C("Фергана"), C("Коканд"), C("Маргилан")]),
    R("UZ-JI", "Джизакская область", cities=[C("Джизак")]),
    R("UZ-NG", "Наманганская область", cities=[C("Наманган")]),
    R("UZ-NW", "Навоийская область", cities=[C("Навои", cue=True), C("Зарафшан")]),
    R("UZ-QA", "Кашкадарьинская область", cities=[C("Карши"), C("Шахрисабз")]),
    R(
        "UZ-QR",
        "Республика Каракалпакстан",
        informal=["Каракалпакстан", "Каракалпакия"],
        demonyms=["каракалпакстанский"],
        cities=[C("Нукус")],
    ),
    R("UZ-SA", "Самаркандская область", cities=[C("Самарканд")]),
    R("UZ-SI", "Сырдарьинская область", cities=[C("Гулистан")]),
    R("UZ-SU", "Сурхандарьинская область", cities=[C("Термез")]),
    R("UZ-TO", "Ташкентская область", cities=[C("Нурафшан"), C("Алмалык"), C("Чирчик"), C("Ангрен")]),
    R("UZ-XO", "Хорезмская область", informal=["Хорезм"], cities=[C("Ургенч"), C("Хива")]),
]
UZ_CITIES = [C("Ташкент", iso="UZ-TK")]

KG = [
    R("KG-B", "Баткенская область", cities=[C("Баткен")]),
    R("KG-C", "Чуйская область", cities=[C("Токмок"), C("Кант"), C("Кара-Балта")]),
    R("KG-J", "Джалал-Абадская область", cities=[C("Джалал-Абад")]),
    R("KG-N", "Нарынская область", cities=[C("Нарын")]),
    R("KG-O", "Ошская область", cities=[C("Узген"), C("Кара-Суу")]),
    R("KG-T", "Таласская область", cities=[C("Талас")]),
    R("KG-Y", "Иссык-Кульская область", informal=["Иссык-Куль"], cities=[C("Каракол"), C("Балыкчи"), C("Чолпон-Ата")]),
]
KG_CITIES = [C("Бишкек", iso="KG-GB", demonyms=["бишкекский"]), C("Ош", iso="KG-GO")]

TJ = [
    R("TJ-SU", "Согдийская область", cities=[C("Худжанд")]),
    R("TJ-KT", "Хатлонская область", cities=[C("Бохтар"), C("Куляб")]),
    R("TJ-GB", "Горно-Бадахшанская автономная область", abbr=["ГБАО"], cities=[C("Хорог")]),
]
TJ_CITIES = [C("Душанбе", iso="TJ-DU")]

TM = [
    R("TM-A", "Ахалский велаят", cities=[C("Анау")]),
    R("TM-B", "Балканский велаят", cities=[C("Балканабат"), C("Туркменбаши", cue=True)]),
    R("TM-D", "Дашогузский велаят", cities=[C("Дашогуз")]),
    R("TM-L", "Лебапский велаят", cities=[C("Туркменабат")]),
    R("TM-M", "Марыйский велаят", cities=[C("Мары", cue=True)]),
]
TM_CITIES = [C("Ашхабад", iso="TM-S")]


def _prov(iso, ru, cities):
    """A Chinese province: canonical 'провинция X', the bare 'X' as informal name."""
    return R(iso, f"провинция {ru}", informal=[ru], cities=cities)


CN = [
    R(
        "CN-XJ",
        "Синьцзян-Уйгурский автономный район",
        abbr=["СУАР"],
        informal=["Синьцзян"],
        demonyms=["синьцзянский"],
        cities=[C("Урумчи"), C("Кашгар"), C("Карамай")],
    ),
    R(
        None,
        "Или-Казахский автономный округ",
        code="CN-X-ILI",
        alias=["Илийско-Казахский автономный округ"],
        cities=[C("Кульджа", alias=["Инин"])],
    ),
    _prov("CN-GS", "Ганьсу", [C("Ланьчжоу")]),
    _prov("CN-QH", "Цинхай", [C("Синин")]),
    R("CN-NM", "Автономный район Внутренняя Монголия", informal=["Внутренняя Монголия"], cities=[C("Хух-Хото")]),
    R("CN-XZ", "Тибетский автономный район", informal=["Тибет"], cities=[C("Лхаса")]),
    R("CN-NX", "Нинся-Хуэйский автономный район", cities=[C("Иньчуань")]),
    _prov("CN-SN", "Шэньси", [C("Сиань")]),
    _prov("CN-SX", "Шаньси", [C("Тайюань")]),
    _prov("CN-HL", "Хэйлунцзян", [C("Харбин")]),
    R("CN-JL", "провинция Цзилинь", alias=["провинция Гирин"], informal=["Цзилинь"], cities=[C("Чанчунь")]),
    _prov("CN-LN", "Ляонин", [C("Шэньян"), C("Далянь")]),
    _prov("CN-HE", "Хэбэй", [C("Шицзячжуан")]),
    _prov("CN-HA", "Хэнань", [C("Чжэнчжоу")]),
    _prov("CN-SD", "Шаньдун", [C("Цзинань"), C("Циндао")]),
    _prov("CN-JS", "Цзянсу", [C("Нанкин")]),
    _prov("CN-ZJ", "Чжэцзян", [C("Ханчжоу"), C("Иу")]),
    _prov("CN-FJ", "Фуцзянь", [C("Фучжоу"), C("Сямынь")]),
    _prov("CN-GD", "Гуандун", [C("Гуанчжоу"), C("Шэньчжэнь")]),
    R("CN-GX", "Гуанси-Чжуанский автономный район", informal=["Гуанси"], cities=[C("Наньнин")]),
    _prov("CN-HI", "Хайнань", [C("Хайкоу")]),
    _prov("CN-SC", "Сычуань", [C("Чэнду")]),
    _prov("CN-YN", "Юньнань", [C("Куньмин")]),
    _prov("CN-GZ", "Гуйчжоу", [C("Гуйян")]),
    _prov("CN-HN", "Хунань", [C("Чанша")]),
    _prov("CN-HB", "Хубэй", [C("Ухань")]),
    _prov("CN-AH", "Аньхой", [C("Хэфэй")]),
    _prov("CN-JX", "Цзянси", [C("Наньчан")]),
]
CN_CITIES = [C("Пекин", iso="CN-BJ"), C("Шанхай", iso="CN-SH"), C("Тяньцзинь", iso="CN-TJ"), C("Чунцин", iso="CN-CQ")]

MN = [
    R(
        "MN-071",
        "Баян-Улгийский аймак",
        alias=["Баян-Ульгийский аймак", "аймак Баян-Улгий", "аймак Баян-Ульгий"],
        informal=["Баян-Улгий", "Баян-Ульгий"],
        cities=[C("Улгий", alias=["Ульгий", "Улгии"])],
    ),
    R("MN-043", "Ховдский аймак", alias=["Кобдоский аймак", "аймак Ховд"], cities=[C("Ховд", alias=["Кобдо"])]),
    R("MN-046", "Увсский аймак", alias=["Убсунурский аймак", "аймак Увс"], cities=[C("Улангом")]),
    R("MN-057", "Завханский аймак", alias=["аймак Завхан"], cities=[C("Улиастай")]),
    R("MN-041", "Хувсгельский аймак", alias=["Хубсугульский аймак", "аймак Хувсгел"], cities=[C("Мурэн")]),
    R("MN-049", "Селенгинский аймак", alias=["аймак Сэлэнгэ"], cities=[C("Сухэ-Батор")]),
    R("MN-035", "аймак Орхон", cities=[C("Эрдэнэт")]),
    R("MN-037", "аймак Дархан-Уул", cities=[C("Дархан")]),
    R("MN-061", "Восточный аймак", alias=["аймак Дорнод"], cities=[C("Чойбалсан")]),
    R("MN-053", "Южногобийский аймак", alias=["аймак Умнеговь"], cities=[C("Даланзадгад")]),
]
MN_CITIES = [C("Улан-Батор", iso="MN-1")]

# Capitals of other partner states (region None: no regions of these states are listed).
OTHER_CITIES = {
    "AZ": [C("Баку")],
    "AM": [C("Ереван")],
    "GE": [C("Тбилиси")],
    "UA": [C("Киев", iso="UA-30")],
    "MD": [C("Кишинёв")],
    "TR": [C("Анкара"), C("Стамбул")],
    "IR": [C("Тегеран")],
    "AF": [C("Кабул")],
    "DE": [C("Берлин")],
    "IN": [C("Нью-Дели")],
    "KR": [C("Сеул")],
    "JP": [C("Токио")],
    "AE": [C("Абу-Даби"), C("Дубай")],
}

REGIONS_OF_COUNTRY = {"KZ": KZ, "RU": RU, "BY": BY, "UZ": UZ, "KG": KG, "TJ": TJ, "TM": TM, "CN": CN, "MN": MN}
CITIES_OF_COUNTRY = {
    "KZ": KZ_CITIES,
    "RU": RU_CITIES,
    "BY": BY_CITIES,
    "UZ": UZ_CITIES,
    "KG": KG_CITIES,
    "TJ": TJ_CITIES,
    "TM": TM_CITIES,
    "CN": CN_CITIES,
    "MN": MN_CITIES,
    **OTHER_CITIES,
}

# --------------------------------------------------------------------------------------------
# Region adjectives that must not become demonyms: ambiguous between a region and something else.
NO_AUTO_DEMONYM = {
    "алтайский",  # Республика Алтай / Алтайский край / Altai mountains
    "амурский",  # the Amur river (амурский тигр)
    "приморский",  # common adjective "seaside"
    "еврейский",  # ethnic
    "ненецкий",  # ethnic
    "кировский",  # Кировский район exists in many cities
    "московский",  # belongs to the city of Moscow (see RU_CITIES)
    "алматинский",  # Алматы city vs Алматинская область: see AMBIGUOUS
    "ташкентский",  # Ташкент city vs Ташкентская область: see AMBIGUOUS
    "восточный",  # Восточный аймак
    "южногобийский",
}

# Surface forms that name more than one place: never matched, never looked up.
AMBIGUOUS = {
    "Алтай": ["RU-AL", "RU-ALT", "KZ-63"],
    "алтайский": ["RU-AL", "RU-ALT"],
    "Прииртышье": ["KZ-55", "RU-OMS"],
    "Приуралье": ["KZ-27", "RU-BA", "RU-ORE"],
    "Новгород": ["RU-C-VELIKIY-NOVGOROD", "RU-C-NIZHNIY-NOVGOROD"],
    "алматинский": ["KZ-19", "KZ-75"],
    "ташкентский": ["UZ-TO", "UZ-TK"],
    "РТ": ["RU-TA", "TJ"],
    "КР": ["KG", "KZ"],  # Кыргызская Республика / Қазақстан Республикасы
    "Урал": [],  # macro-region, not a first-level unit
    "уральский": ["KZ-C-URALSK"],
    "Абай": ["KZ-10"],  # also the poet, streets, universities
    "НАО": ["RU-NEN"],  # in Kazakhstan: некоммерческое акционерное общество (НАО «...»)
    "ЧАО": ["RU-CHU"],  # частное акционерное общество
}


# --------------------------------------------------------------------------------------------
GENERIC_TAIL = ("область", "край", "автономный округ", "автономная область", "велаят", "аймак")


def _auto_demonym(name: str) -> str | None:
    first, _, rest = name.partition(" ")
    if (
        rest in GENERIC_TAIL
        and first[:1].isupper()
        and first.endswith(("ская", "цкая", "ский", "цкий", "ий", "ая", "ой"))
    ):
        adj = first.lower()
        for fem, masc in (("ская", "ский"), ("цкая", "цкий"), ("ная", "ный"), ("кая", "кий"), ("ая", "ый")):
            if adj.endswith(fem):
                adj = adj[: -len(fem)] + masc
                break
        return None if adj in NO_AUTO_DEMONYM else adj
    return None


def _place(spec, *, code, country, region):
    out = {
        "code": code,
        "type": spec["type"],
        "name": spec["name"],
        "country": country,
        "region": region,
        "iso": spec.get("iso"),
    }
    for key in ("aliases", "abbr", "informal", "former", "demonyms"):
        if spec.get(key):
            out[key] = list(dict.fromkeys(spec[key]))
    if spec.get("cue"):
        out["cue"] = True
    return out


def _city(spec, cc, region):
    code = spec.get("code") or spec.get("iso") or f"{cc}-C-{slug(spec['name'])}"
    return _place(spec, code=code, country=cc, region=region)


def build() -> dict:
    places = []
    for k in COUNTRIES:
        places.append(_place(k, code=k["iso"], country=k["iso"], region=None))
    for cc, regions in REGIONS_OF_COUNTRY.items():
        for r in regions:
            code = r.get("code") or r["iso"]
            demonyms = list(r["demonyms"])
            auto = _auto_demonym(r["name"])
            if auto and auto not in demonyms:
                demonyms.insert(0, auto)
            places.append(_place({**r, "demonyms": demonyms}, code=code, country=cc, region=None))
            for c in r["cities"]:
                places.append(_city(c, cc, code))
    for cc, cities in CITIES_OF_COUNTRY.items():
        for c in cities:
            places.append(_city(c, cc, None))
    places.sort(key=lambda p: (p["country"], {"Country": 0, "Region": 1, "City": 2}[p["type"]], p["code"]))
    return {
        "version": VERSION,
        "generated_by": "ingest/data/build_gazetteer.py",
        "ambiguous": AMBIGUOUS,
        "places": places,
    }


def check_iso(data: dict) -> list[str]:
    """Cross-check the ISO codes against pycountry when it is installed (build time only)."""
    try:
        import pycountry
    except ImportError:
        return []
    problems = []
    for p in data["places"]:
        iso = p["iso"]
        if not iso:
            continue
        if p["type"] == "Country":
            if pycountry.countries.get(alpha_2=iso) is None:
                problems.append(f"unknown country {iso}")
        elif pycountry.subdivisions.get(code=iso) is None:
            problems.append(f"unknown subdivision {iso} ({p['name']})")
    return problems


def dump(data: dict) -> str:
    """One place per line, so a diff shows exactly which place changed."""
    lines = [
        "{",
        f' "version": {json.dumps(data["version"])},',
        f' "generated_by": {json.dumps(data["generated_by"])},',
        f' "ambiguous": {json.dumps(data["ambiguous"], ensure_ascii=False)},',
        ' "places": [',
    ]
    body = [json.dumps(p, ensure_ascii=False) for p in data["places"]]
    lines.append(",\n".join("  " + b for b in body))
    lines += [" ]", "}"]
    return "\n".join(lines) + "\n"


def main() -> None:
    data = build()
    problems = check_iso(data)
    if problems:
        raise SystemExit("\n".join(problems))
    OUT.write_text(dump(data), encoding="utf-8")
    counts = {}
    for p in data["places"]:
        counts[(p["country"], p["type"])] = counts.get((p["country"], p["type"]), 0) + 1
    print(f"wrote {OUT} with {len(data['places'])} places")
    for (cc, t), n in sorted(counts.items()):
        print(f"  {cc} {t}: {n}")


if __name__ == "__main__":
    main()
