"""Reading articles: encodings, broken and binary files, JSON/JSONL, HTML, languages, metadata, sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import DEV, SEEDS, dev_files, needs_dev

import coopgraph.ingest.read as read_mod
from coopgraph.ingest.pipeline import extract_article
from coopgraph.ingest.read import (
    ArticleError,
    article_id,
    detect_language,
    iter_sources,
    parse_date,
    read_file,
    read_path,
    read_text,
)

BODY = (
    "Губернатор Курганской области посетил Петропавловск\n\n"
    "Делегация Курганской области во главе с губернатором Вадимом Шумковым посетила "
    "Северо-Казахстанскую область. Стороны обсудили поставки семян и сотрудничество.\n\n"
    "Товарооборот между регионами вырос, сообщили в акимате области.\n"
)
TITLE = "Губернатор Курганской области посетил Петропавловск"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def expected_id() -> str:
    return read_text(BODY, "x.txt").id


@pytest.mark.parametrize(
    "name,data",
    [
        ("utf8.txt", BODY.encode("utf-8")),
        ("bom.txt", BODY.encode("utf-8-sig")),
        ("cp1251.txt", BODY.encode("cp1251")),
        ("koi8.txt", BODY.encode("koi8_r")),
        ("utf16.txt", BODY.encode("utf-16")),
        ("utf16le.txt", BODY.encode("utf-16-le")),  # no BOM
        ("utf16be.txt", BODY.encode("utf-16-be")),  # no BOM
        ("crlf.txt", BODY.replace("\n", "\r\n").encode("utf-8")),
        ("nul.txt", BODY.replace("Делегация", "Деле\x00гация").encode("utf-8")),
        ("rtl.txt", BODY.replace("Стороны", "\u200fСторо\u200bны\u202c").replace("семян", "семя\u2060н").encode()),
        ("nfd.txt", BODY.replace("й", "и\u0306").encode("utf-8")),  # decomposed й
        ("nbsp.txt", BODY.replace("Вадимом Шумковым", "Вадимом\u00a0Шумковым").encode("utf-8")),
        # Latin look-alikes typed inside Cyrillic words: "Kурганской" (K), "Шумкoвым" (o), "Cтороны" (C)
        ("latin.txt", BODY.replace("Курганской", "Kурганской").replace("Шумковым", "Шумкoвым").replace("Стор", "Cтор")),
    ],
)
def test_decodes_and_normalises_to_the_same_article(tmp_path, name, data):
    [article] = read_path(write(tmp_path, name, data))
    assert article.title == TITLE
    assert "Вадимом Шумковым посетила Северо-Казахстанскую область. Стороны обсудили поставки семян" in article.text
    assert "\r" not in article.text and "\x00" not in article.text
    assert article.id == expected_id()
    assert article.lang == "ru" and article.source == str(tmp_path / name)
    assert article.raw_chars >= len(article.text) - 10


@pytest.mark.parametrize(
    "name,data,problem",
    [
        ("png.txt", b"\x89PNG\r\n\x1a\n" + bytes(300), "binary file, not text (PNG image)"),
        ("zip.txt", b"PK\x03\x04\x14\x00" + bytes(300), "binary file, not text (zip archive)"),
        ("pdf.txt", b"%PDF-1.7\n" + bytes(300), "binary file, not text (PDF document)"),
        ("nuls.txt", b"abc\x00\x00\x00def\x00ghi\x00" * 50, "binary file, not text (many NUL bytes)"),
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\r\n   \n", "only whitespace"),
        ("invisible.txt", "\u200b\u200f\ufeff\n".encode("utf-8"), "only whitespace"),
        ("garbage.txt", bytes(range(128, 256)) * 20, "cannot decode"),
        ("bad.json", b'{"text": "abc",\n "title": }', "line 2: bad JSON"),
        ("scalar.json", b"42", "JSON must be an object or a list"),
    ],
)
def test_whole_file_problems_raise_one_line_errors(tmp_path, name, data, problem):
    path = write(tmp_path, name, data)
    with pytest.raises(ArticleError) as info:
        read_path(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and problem in message
    assert "\n" not in message


LOOKALIKES = [
    pytest.param(
        "Губернатор Oмской области Виталий Хоцeнко", "Губернатор Омской области Виталий Хоценко", id="o-and-e"
    ),
    pytest.param("Kостанай и Аkтобе", "Костанай и Актобе", id="capital-and-small-k"),
    pytest.param("область Жетiсу", "область Жетісу", id="kazakh-i"),
    pytest.param(
        "АО «НК «KazakhExport» и ТОО «Kaz Minerals»", "АО «НК «KazakhExport» и ТОО «Kaz Minerals»", id="latin-names"
    ),
    pytest.param("SMART-город, X-ray и iPhone", "SMART-город, X-ray и iPhone", id="latin-words-beside-cyrillic"),
    pytest.param("Ertis Media и Қазақстан", "Ertis Media и Қазақстан", id="latin-and-kazakh-words"),
]


@pytest.mark.parametrize("text, expected", LOOKALIKES)
def test_latin_lookalikes_inside_cyrillic_words_are_made_cyrillic(text: str, expected: str) -> None:
    assert read_text(text, "x.txt").text == expected


PROSE = (
    "Павлодар, 12 мая. Губернатор Омской области Виталий Хоценко посетил Павлодарскую область во главе "
    "делегации. Стороны подписали соглашение о сотрудничестве. Омская область поставляет в Павлодарскую "
    "область нефтепродукты и полипропилен. Также стороны обсудили развитие туризма и образования."
)


@pytest.mark.parametrize("width", [60, 66, 72])
def test_a_hard_wrapped_paragraph_reads_as_one_line(width: int) -> None:
    import textwrap

    text = "Губернатор Омской области посетил Павлодар\n\n" + textwrap.fill(PROSE, width)
    article = read_text(text, "x.txt")
    assert article.text == "Губернатор Омской области посетил Павлодар\n\n" + PROSE
    flows = {(r.source, r.target, r.commodity) for r in extract_article(article).relations if r.type == "EXPORTS_TO"}
    assert ("Омская область", "Павлодарская область", "нефтепродукты") in flows


LINES_KEPT = [
    pytest.param(
        "Главная / Экономика / Межрегиональное сотрудничество / Новости\nНовости | Аналитика | Рынки | Экспорт | "
        "Подписка\nЭкспорт · 22 февраля 2025 · 6 мин. чтения · 2 315 просмотров",
        id="a-menu",
    ),
    pytest.param(
        "В заключительный день форума подписаны пять документов о сотрудничестве:\n– соглашение между акиматом "
        "Павлодарской области и правительством края;\n– меморандум о сотрудничестве в сфере образования и науки;"
        "\n– план мероприятий по реализации соглашения на 2026–2028 годы.",
        id="a-list",
    ),
    pytest.param(
        "Делегация Северо-Казахстанской области во главе с акимом посетила Омск.\nПоездка состоялась при поддержке "
        "Генерального консульства Республики Казахстан в Омске.\nВзаимовыгодное сотрудничество между нашими "
        "регионами растет с каждым годом.",
        id="a-paragraph-per-line",
    ),
    pytest.param(
        "Губернатор Омской области посетил Павлодарскую область\nПавлодар, 12 мая. Губернатор Омской области\n"
        "Виталий Хоценко посетил Павлодарскую область во главе делегации.",
        id="a-headline-over-a-body-line",
    ),
]


@pytest.mark.parametrize("text", LINES_KEPT)
def test_lines_that_are_no_hard_wrap_stay_apart(text: str) -> None:
    assert read_mod.normalize_text(text) == text


def test_missing_file(tmp_path):
    with pytest.raises(ArticleError, match="file not found"):
        read_path(tmp_path / "nope.txt")


def test_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(read_mod, "MAX_BYTES", 100)
    with pytest.raises(ArticleError, match=r"file too large: \d+ bytes, the limit is 100"):
        read_path(write(tmp_path, "big.txt", BODY))
    assert read_mod.MAX_BYTES == 100 and 1_000_000 < 5 * 1024 * 1024


def jsonl_line(**record) -> str:
    return json.dumps(record, ensure_ascii=False)


def test_jsonl_bad_lines_reported_good_lines_read(tmp_path):
    lines = [
        jsonl_line(text=BODY, url="https://tengrinews.kz/news/1"),
        "{bad json",
        "",
        jsonl_line(title="no text here"),
        jsonl_line(text=BODY, published="14.04.2025", source="feed-4"),
        jsonl_line(text="Қазақстан мен Ресей өңірлері арасындағы ынтымақтастық туралы келісімге қол қойылды."),
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines))
    errors: list[ArticleError] = []
    articles = read_path(path, errors=errors)
    assert [a.source for a in articles] == [f"{path}:1", "feed-4"]
    assert articles[0].outlet == "Tengrinews" and articles[0].url == "https://tengrinews.kz/news/1"
    assert articles[1].published == "2025-04-14"
    assert [e.line for e in errors] == [2, 4, 6]
    assert str(errors[0]).startswith(f"{path}: line 2: bad JSON")
    assert "no 'text'" in str(errors[1])
    assert errors[2].lang == "kk" and "not Russian: Kazakh" in str(errors[2])
    with pytest.raises(ArticleError, match="line 2: bad JSON"):  # strict without an errors list
        read_path(path)


def test_json_object_and_list(tmp_path):
    one = write(
        tmp_path,
        "one.json",
        json.dumps({"text": BODY, "title": "Свой заголовок", "published": "2025-10-11T09:00:00+05:00"}),
    )
    [article] = read_path(one)
    assert article.title == "Свой заголовок" and article.published == "2025-10-11"
    many = write(tmp_path, "many.json", json.dumps([{"text": BODY}, {"text": ""}, "not an object"]))
    result = read_file(many)
    assert len(result.articles) == 1
    assert [str(e) for e in result.errors] == [
        f"{many}#2: record 'text' is empty",
        f"{many}#3: record is not a JSON object",
    ]


def test_same_text_same_id_from_txt_and_json(tmp_path):
    [from_txt] = read_path(write(tmp_path, "a.txt", BODY))
    [from_json] = read_path(write(tmp_path, "a.json", json.dumps({"text": BODY.replace("\n\n", "\n")})))
    assert from_txt.id == from_json.id == article_id(from_txt.text)


@pytest.mark.parametrize(
    "text,lang",
    [
        (BODY, "ru"),
        (
            "Қазақстан мен Ресей арасындағы ынтымақтастық туралы келісімге қол қойылды. Өңірлер тауар айналымы өсті.",
            "kk",
        ),
        ("Kazakhstan and Russia signed a cooperation agreement between the two border regions.", "en"),
        ("Україна та Польща підписали угоду про співпрацю між регіонами. Це єдиний шлях розвитку.", "uk"),
        ("Беларусь і Казахстан падпісалі пагадненне аб супрацоўніцтве паміж рэгіёнамі і гарадамі.", "be"),
        ("12345 67890 !!!", "und"),
        # a Russian article with a Kazakh header line and names stays Russian
        ("Ақтөбе, Қазақстан және әлемдегі басты жаңалықтар\n\n" + BODY * 3, "ru"),
        # a translation from Kazakh: names and places in Kazakh letters, the sentences Russian
        (
            "Аким Түркістан облысы Қасым Әбдіхалықұлы и делегация Жетісу облысы прибыли в Құлжа. "
            "Ұлан Әлиханұлы рассказал о поставках в Шымкент и Түркістан.",
            "ru",
        ),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    "name,data,lang,reason",
    [
        (
            "kk.txt",
            "Қазақстан мен Ресей арасындағы ынтымақтастық туралы келісімге қол қойылды. Өңірлер арасындағы тауар айналымы өсті.",
            "kk",
            "not Russian: Kazakh text",
        ),
        (
            "en.txt",
            "Kazakhstan and Russia signed a cooperation agreement between the regions of Kurgan and Petropavlovsk.",
            "en",
            "not Russian: Latin-script",
        ),
    ],
)
def test_non_russian_file_is_reported_with_lang(tmp_path, name, data, lang, reason):
    path = write(tmp_path, name, data)
    result = read_file(path)
    assert result.articles == []
    [error] = result.errors
    assert error.lang == lang and reason in str(error)
    with pytest.raises(ArticleError):
        read_path(path)


HTML_PAGE = """<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8">
<title>Акимы подписали соглашение | Новости Костаная</title>
<meta property="og:site_name" content="Наш Костанай">
<meta property="article:published_time" content="2025-04-14T11:40:00+05:00">
<link rel="canonical" href="https://www.kostanay-news.kz/news/123">
<script>var related = "Читайте также: скрипт";</script><style>.nav{color:red}</style>
</head><body class="page has-sidebar">
<header><div class="logo">Логотип сайта</div><nav><ul><li>Главная</li><li>Политика</li></ul></nav></header>
<div class="wrapper"><main>
<div class="breadcrumbs">Главная / Новости / Политика</div>
<h1>Костанайская и Челябинская области подписали соглашение</h1>
<figure><img src="a.jpg"><figcaption>Фото: пресс-служба акимата</figcaption></figure>
<p>Аким Костанайской области и губернатор Челябинской области подписали соглашение о сотрудничестве на 2025&ndash;2027 годы.</p>
<p>Товарооборот между регионами превысил 1,2&nbsp;млрд долларов, сообщили в акимате.<br>
Стороны договорились расширить поставки зерна.
<p>Челябинская область поставляет в Костанайскую область металлопрокат и технику.</p>
<div class="share">Поделиться: Telegram WhatsApp</div>
<div class="related-news"><h3>Читайте также</h3><p>В Костанае открылся новый парк, где будут проходить концерты для жителей.</p></div>
</main>
<aside class="sidebar"><h3>Популярное</h3><p>Цены на бензин выросли в Казахстане за последний месяц на несколько процентов.</p></aside>
</div>
<footer><p>© 2025 Наш Костанай. Все права защищены.</p></footer>
<div id="cookie-banner">Мы используем cookie.</div>
</body></html>"""


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.txt"])
def test_html_page(tmp_path, name):
    [article] = read_path(write(tmp_path, name, HTML_PAGE))
    assert article.title == "Костанайская и Челябинская области подписали соглашение"
    assert article.published == "2025-04-14"
    assert article.outlet == "Наш Костанай"
    assert article.url == "https://www.kostanay-news.kz/news/123"
    assert article.text.startswith(article.title + "\n\n")
    for kept in [
        "на 2025–2027 годы.",
        "превысил 1,2 млрд долларов",
        "Стороны договорились расширить поставки зерна.",
        "металлопрокат и технику.",
    ]:
        assert kept in article.text
    for gone in [
        "Логотип",
        "Главная",
        "Политика",
        "Фото:",
        "Поделиться",
        "Читайте также",
        "новый парк",
        "Популярное",
        "бензин",
        "©",
        "cookie",
        "скрипт",
        "color:red",
    ]:
        assert gone not in article.text


@pytest.mark.parametrize(
    "s,iso",
    [
        ("2025-10-11", "2025-10-11"),
        ("2025-04-14T11:40:00+05:00", "2025-04-14"),
        ("14.04.2025", "2025-04-14"),
        ("13-11-2025 09:10", "2025-11-13"),
        ("11:40, 14 апреля 2025", "2025-04-14"),
        ("11 окт 2025", "2025-10-11"),
        ("1 декабря 2023 года", "2023-12-01"),
        ("Понедельник, 2 марта, 2026", "2026-03-02"),
        ("October 5, 2024", "2024-10-05"),
        ("2025-10", "2025-10"),
        ("11 окт", None),
        ("в 2025 году", None),
        ("32.13.2025", None),
        ("", None),
    ],
)
def test_parse_date(s, iso):
    assert parse_date(s) == iso


@pytest.mark.parametrize(
    "text,published,outlet",
    [
        ("Заголовок новости о визите\n11:40, 14 апреля 2025\n" + BODY, "2025-04-14", None),
        ("Пятница, 28 июня 2024\n14.04.2025\n" + BODY, "2025-04-14", None),  # the weekday line is the page's date
        ("Пятница, 28 июня 2024\n" + BODY, None, None),
        ("АСТАНА, 11 окт 2025 – Sputnik. " + BODY, "2025-10-11", "Sputnik"),
        ("АСТАНА, 11 окт – Sputnik. " + BODY, None, "Sputnik"),
        ("22 февраля, Минск /Корр. БЕЛТА/. " + BODY, None, "БЕЛТА"),
        ("МОСКВА, 14 апреля. /ТАСС/. " + BODY, None, "ТАСС"),
        # a breadcrumb of the site's name, a rubric and the date, not a dateline with "/Экономика/"
        ("Гродненская правда / Экономика / 11.04.2024 10:15\n\n" + BODY, "2024-04-11", "Гродненская правда"),
        ("АСТАНА. KAZINFORM – " + BODY.split("\n\n", 1)[1], None, "KAZINFORM"),
        (BODY.replace("сообщили в акимате области", "сообщает Lada.kz"), None, "Lada.kz"),
        (BODY.replace("сообщили в акимате области", 'передает "Диапазон"'), None, "Диапазон"),
        (BODY.replace("сообщили в акимате области", "сообщает Social Media"), None, None),
    ],
)
def test_published_and_outlet_from_text(text, published, outlet):
    article = read_text(text, "x.txt")
    assert article.published == published
    assert article.outlet == outlet


def test_outlet_from_a_breadcrumb_of_name_rubric_and_date():
    page = "Витебские вести • Экономика • 08.11.2024 • Просмотров: 301\n\n" + BODY
    assert read_text(page, "x.txt").outlet == "Витебские вести"
    assert read_text("Новости / Экономика / Сегодня\n\n" + BODY, "x.txt").outlet != "Новости"


def test_outlet_from_a_title_line_the_furniture_removal_takes_off():
    page = "Экспортировано 20 тысяч тонн зерна - «Актюбинский вестник»\n\nЭкспортировано 20 тысяч тонн зерна\n\n" + BODY
    assert read_text(page, "x.txt").outlet == "Актюбинский вестник"
    assert read_text("Экспорт зерна вырос на 6,4 процента\n\n" + BODY, "x.txt").outlet is None


# [page, the outlet read off its header, a flow the outlet's region as the article's home makes]
HOME_FROM_THE_OUTLET = [
    pytest.param(
        # the site describes itself first; the aimak across the border is named more often than the home
        "Официальный интернет-ресурс акимата области Абай\nГлавная / Пресс-центр / Новости\n\nДелегация "
        "Баян-Ульгийского аймака прибыла в область Абай\n\nДелегация Баян-Ульгийского аймака Монголии прибыла в "
        "Семей. По словам акима, регион поставляет в Монголию муку и растительное масло.",
        "Акимат области Абай",
        ("область Абай", "Монголия", "мука"),
        id="an-official-sites-description-before-its-body",
    ),
    pytest.param(
        # a Karakalpak site: "в республику" is the home republic, not Kazakhstan across the border
        "Нукус Ньюс / Сотрудничество / 30.08.2024, 09:05\n\nКаракалпакстан и Мангистау\n\nВ Актау прошла ярмарка. "
        "Делегация Республики Каракалпакстан побывала в Мангистауской области. Из Мангистау в республику ввозятся "
        "сжиженный газ и цемент.",
        "Нукус Ньюс",
        ("Мангистауская область", "Республика Каракалпакстан", "цемент"),
        id="a-breadcrumb-outlet-of-a-republic",
    ),
    pytest.param(
        "Экспортировано 20 тысяч тонн зерна - «Актюбинский вестник»\n\nЭкспортировано 20 тысяч тонн зерна\n\n"
        "По итогам года из области экспортировано 20 тысяч тонн зерна. Его отправляют в Россию и Узбекистан.",
        "Актюбинский вестник",
        ("Актюбинская область", "Узбекистан", None),
        id="a-regional-outlet-on-the-title-line",
    ),
    pytest.param(
        # the outlet writes from Тараз, so "наш регион" is Жамбылская область even when the partner region is
        # named as often and first
        "Тараз Бизнес | Новости региона\n\nКак торгуем с соседями\n\nСахарный завод отгрузил в Чуйскую область 6 "
        "тысяч тонн сахара. Товарооборот Жамбылской области с Чуйской областью вырос. Из Кыргызстана в наш регион "
        "ввозятся цемент и гипсокартон.",
        "Тараз Бизнес",
        ("Кыргызстан", "Жамбылская область", "цемент"),
        id="a-masthead-named-after-a-city-of-the-region",
    ),
    pytest.param(
        # the akimat's region is the home though the article names Тюменская область more often
        "Акимат Северо-Казахстанской области\nОфициальный интернет-ресурс\n\nЭкспорт в Тюменскую область\n\n"
        "Внешнеторговый оборот Северо-Казахстанской области с Россией вырос. Крупнейшим партнёром остаётся "
        "Тюменская область. Товарооборот с Тюменской областью вырос. В структуре экспорта в Тюменскую область "
        "преобладают пшеница и подсолнечный жмых.",
        "Акимат Северо-Казахстанской области",
        ("Северо-Казахстанская область", "Тюменская область", "пшеница"),
        id="a-government-bodys-own-site",
    ),
    pytest.param(
        # the body's name alone on a header line, its Kazakh name above and the site's menu below
        "Павлодар облысы әкімдігі\nАкимат Павлодарской области\nГлавная | Пресс-центр | Новости | Аким области\n\n"
        "Омские промышленники побывали в Павлодаре\n\nДелегация Омской области находится с визитом в Павлодарской "
        "области. Товарооборот Павлодарской области с Омской областью вырос. В Омское Прииртышье из нашего региона "
        "поставляются уголь и алюминий.",
        "Акимат Павлодарской области",
        ("Павлодарская область", "Омская область", "уголь"),
        id="a-government-bodys-name-above-its-sites-menu",
    ),
    pytest.param(
        # a site's breadcrumb names it, and the paper, whose name holds no place, is listed with its region
        "irtyshinfo.kz › Экономика\n\nКак торгуем с соседями\n\nВнешнеторговый оборот области с Омской "
        "областью вырос. Омская область остается главным партнером. В Омскую область отгружены уголь и "
        "алюминий, а из России в наш регион ввозятся трубы и лекарства.",
        "irtyshinfo.kz",
        ("Россия", "Павлодарская область", "трубы"),
        id="a-breadcrumb-host-of-a-listed-regional-paper",
    ),
    pytest.param(
        "Экспортировано 20 тысяч тонн зерна - «Приуралье»\n\nЭкспортировано 20 тысяч тонн зерна\n\nПо итогам "
        "года из области экспортировано 20 тысяч тонн зерна. Его отправляют в Самарскую область и Узбекистан.",
        "Приуралье",
        ("Западно-Казахстанская область", "Узбекистан", None),
        id="a-regional-paper-named-after-no-place",
    ),
    pytest.param(
        "Вестник Тюменского края — официальный сайт\nГлавная / Новости\n\nПереговоры в Петропавловске\n\n"
        "Товарооборот Тюменской области с Северо-Казахстанской областью вырос. Из нашего региона в "
        "Северо-Казахстанскую область поставляются нефтепродукты.",
        "Вестник Тюменского края",
        ("Тюменская область", "Северо-Казахстанская область", "нефтепродукты"),
        id="a-sites-name-before-its-official-tagline",
    ),
    pytest.param(
        "МОГИЛЁВСКИЙ ВЕСТНИК — общественно-политическое издание Могилёвской области\nЭкономика | Сотрудничество\n"
        "28.05.2025 19:40\n\nЛифты для Усть-Каменогорска\n\nВ Могилёве прошли Дни Восточно-Казахстанской области. "
        "Наш регион поставляет в Восточно-Казахстанскую область лифты.",
        "МОГИЛЁВСКИЙ ВЕСТНИК",
        ("Могилёвская область", "Восточно-Казахстанская область", "лифты"),
        id="a-papers-name-in-capitals-before-its-tagline",
    ),
    pytest.param(
        "БРЕСТСКИЙ КУРЬЕР\nНовости | Экономика | Спорт\n\nКазахстан остается ключевым рынком\n\nТоварооборот "
        "области с Казахстаном вырос. Из Казахстана в регион ввозятся пшеница и уголь.",
        "Брестский Курьер",
        ("Казахстан", "Брестская область", "пшеница"),
        id="a-papers-name-in-capitals-above-its-menu",
    ),
]


def test_every_listed_regional_paper_writes_from_a_region_the_gazetteer_knows() -> None:
    import tomllib
    from importlib import resources

    from coopgraph.ingest.gazetteer import load_gazetteer

    text = resources.files("coopgraph.ingest").joinpath("lexicons", "outlets.toml").read_text(encoding="utf-8")
    regions = tomllib.loads(text)["regions"]
    assert regions
    for code in regions:
        assert load_gazetteer().get(code).type == "Region", code


@pytest.mark.parametrize("page,outlet,flow", HOME_FROM_THE_OUTLET)
def test_the_outlets_region_is_the_articles_home(page: str, outlet: str, flow: tuple[str, str, str | None]) -> None:
    from coopgraph.ingest.pipeline import extract_article

    article = read_text(page, "x.txt")
    assert article.outlet == outlet
    flows = {(r.source, r.target, r.commodity) for r in extract_article(article).relations if r.type == "EXPORTS_TO"}
    assert flow in flows, flows


@pytest.mark.parametrize(
    "header,misread",
    [("Главная | Новости | Регионы", "Главная"), ("Акимат области сообщает", "Акимат области сообщает")],
)
def test_a_header_that_names_no_outlet(header: str, misread: str) -> None:
    assert read_text(header + "\n\n" + BODY, "x.txt").outlet != misread


def test_outlet_from_url_host():
    assert read_text(BODY, "x", url="https://www.regnum.ru/news/1.html").outlet == "REGNUM"
    assert read_text(BODY, "x", url="http://m.some-news.kz/a/b").outlet == "some-news.kz"


SEED_META = [
    ("000", "Казахстан занял первое место по объему экспортируемых товаров из Курганской области", None, "Sputnik"),
    ("001", "Заинтересованы в новых контактах", None, None),
    (
        "002",
        "В Уральске главы Оренбуржья и Западно-Казахстанской области подписали дорожную карту сотрудничества до 2028 года",
        "2025-11-13",
        None,
    ),
    ("003", "Сотрудничество Новгородской области и Казахстана будет расширяться", "2023-12-01", None),
    ("004", "Уголь в обмен на сыр", None, None),  # "Понедельник, 2 марта, 2026" is the render date
]


@pytest.mark.parametrize("seed,title,published,outlet", SEED_META, ids=[s[0] for s in SEED_META])
def test_seed_metadata(seed, title, published, outlet):
    path = next(SEEDS.glob(f"{seed}_*.txt"))
    [article] = read_path(path)
    assert (article.title, article.published, article.outlet) == (title, published, outlet)
    assert article.text.startswith(title) and article.raw_chars == len(path.read_text(encoding="utf-8"))
    assert len(article.text) < article.raw_chars


@needs_dev
@pytest.mark.parametrize("path", dev_files(), ids=lambda p: p.stem)
def test_dev_gold_files_read_like_their_text(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    [from_json] = read_path(path)
    from_text = read_text(gold["text"], f"{gold['id']}.txt")
    assert from_json.id == from_text.id and from_json.lang == "ru"
    assert from_json.source == gold["source"]


@needs_dev
def test_dev_gold_metadata():
    def article(gold_id):
        return read_path(DEV / f"{gold_id}.json")[0]

    assert article("dev-107").published == "2022-02-22" and article("dev-107").outlet == "БЕЛТА"
    assert article("dev-105").outlet == "REGNUM"
    assert article("dev-104").outlet == "Диапазон"
    assert article("dev-101").url.startswith("https://sm1.kz/") and article("dev-101").outlet == "sm1.kz"


def test_iter_sources(tmp_path):
    for name in [
        "b.txt",
        "a.json",
        "sub/c.html",
        "sub/deeper/d.jsonl",
        "sub/e.htm",
        "notes.md",
        ".hidden/f.txt",
        ".g.txt",
    ]:
        write_nested(tmp_path / name)
    single = write_nested(tmp_path / "other" / "x.txt")
    found = list(iter_sources([str(tmp_path / "*.txt"), str(tmp_path), str(single)]))
    rel = [p.relative_to(tmp_path).as_posix() for p in found]
    assert rel == ["b.txt", "a.json", "other/x.txt", "sub/c.html", "sub/deeper/d.jsonl", "sub/e.htm"]
    # missing sources come through and fail when read, like any other unreadable file
    missing, pattern = str(tmp_path / "missing.txt"), str(tmp_path / "*.xml")
    assert [str(p) for p in iter_sources([missing, pattern])] == [missing, pattern]
    with pytest.raises(ArticleError, match="missing.txt: file not found"):
        read_path(Path(missing))
    with pytest.raises(ArticleError, match=r"\*\.xml: no files match this pattern"):
        read_path(Path(pattern))


def write_nested(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(BODY, encoding="utf-8")
    return path


def test_a_national_agency_writes_from_its_country():
    """ "Бишкек, 30 сентября. /Кабар/." on its own line: the furniture pass takes the dateline off the body,
    yet the outlet is Кабар, a Kyrgyz agency, so "экспорт области" is the Kyrgyz region's even where the
    Kazakh partner is named more often."""
    from coopgraph.ingest.pipeline import extract_article

    page = (
        "Чуйская область наращивает экспорт в Жамбылскую область Казахстана\n\nБишкек, 30 сентября. /Кабар/.\n\n"
        "Выставка прошла в Таразе. Ярмарку открыл аким Жамбылской области. Жамбылская область закупает "
        "фрукты.\n\nПо словам полпреда, основу экспорта области в соседний регион составляют цемент и шифер."
    )
    article = read_text(page, "x.txt")
    assert article.outlet == "Кабар"
    flows = {(r.source, r.target, r.commodity) for r in extract_article(article).relations if r.type == "EXPORTS_TO"}
    assert ("Чуйская область", "Жамбылская область", "цемент") in flows, flows
    assert not any(s == "Жамбылская область" and c == "цемент" for s, _, c in flows), flows


@pytest.mark.parametrize(
    "first, outlet",
    [
        ("«Огни Мангистау» | Регион | Внешние связи", "Огни Мангистау"),
        ("Kazinform · Политика", "Kazinform"),
        ("Сибирь.Агро | Экспорт", "Сибирь.Агро"),
        ("Главная | Новости | Экономика | Политика | Спорт", None),  # a menu, no site's name
        ("Токаев провел встречу с губернатором | Фото", None),  # a headline with its credit
    ],
)
def test_outlet_from_a_masthead_of_the_sites_name_and_its_section(first, outlet):
    assert read_text(f"{first}\n\n" + BODY, "x.txt").outlet == outlet
