"""Publication dates: from record fields, HTML metadata, the URL and the page's datelines, and where each came from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import DATA, DEV, SEEDS, needs_dev

from coopgraph.ingest.published import Published, choose, machine_date, url_date
from coopgraph.ingest.read import read_path, read_text

BODY = (
    "Делегация Курганской области во главе с губернатором Вадимом Шумковым посетила "
    "Северо-Казахстанскую область. Стороны обсудили поставки семян и сотрудничество.\n\n"
    "Товарооборот между регионами вырос, сообщили в акимате области."
)
ANNOTATION = json.loads((DATA / "dates.json").read_text(encoding="utf-8"))


def read_json(tmp_path: Path, record: dict) -> tuple[str | None, str | None]:
    """Read one record as a .json input file: (published, published_from)."""
    path = tmp_path / "article.json"
    path.write_text(json.dumps({"text": BODY, **record}, ensure_ascii=False), encoding="utf-8")
    [article] = read_path(path)
    return article.published, article.published_from


# Our own URLs, one per common form (none of them from the gold sets).
URL_CASES = [
    ("https://example.kz/news/2024/10/22/delegaciya-posetila-kurgan/", "2024-10-22"),
    ("https://example.ru/2021-09-29/kurgan-i-sko-podpisali-plan", "2021-09-29"),
    ("https://example.ru/news/20170420/orenburg-aktobe.html", "2017-04-20"),
    ("https://example.kz/2025/08/torgovlya-vyrosla/", "2025-08"),
    ("https://example.kz/economy/eksport-zerna-vyros-2023-09-27", "2023-09-27"),
    ("https://example.kz/ru/obshestvo/ceny-na-muku-27-09-2023", "2023-09-27"),
    ("https://example.ru/ug/news/astrakhan/2024/1/17/iz-astrahani-v-kazahstan", "2024-01-17"),
    ("http://example.kz/60-ot-29-aprelya-2014/2550-vstrecha.html", "2014-04-29"),
    ("https://example.ru/gazeta/2015/oktyabr/-40/omsk-i-pavlodar", "2015-10"),
    ("https://example.com/world/2024/oct/22/kazakhstan-russia-border", "2024-10-22"),
    ("https://xn--b1a.xn--p1ai/2021-08-13-v-03", "2021-08-13"),
    ("https://example.kz/article?id=77&date=2022.03.05", "2022-03-05"),
    ("https://example.kz/archive/2019/kurgan-visit.html", "2019"),
    ("https://example.kz/news/noyabr-2016/delegaciya", "2016-11"),
]
# Numbers in URLs that are ids, not dates.
URL_IDS = [
    "https://regnum.example/news/1813113.html",
    "https://news.example.ru/politics/69072561/",
    "http://news.example.kz/news/tovarooborot-newsID429147.html",
    "https://kst.example.kz/news/economy/item-81096",
    "https://www.example.kz/modules/news/article.php?storyid=57678",
    "https://example.kz/news/20231341/plan",  # 13th month
    "https://example2024.kz/news/delegaciya",  # the host is no date
]


@pytest.mark.parametrize("url,date", URL_CASES, ids=[u.split("/", 3)[3][:40] for u, _ in URL_CASES])
def test_json_with_a_dated_url_gets_its_publication_date(tmp_path, url, date):
    assert read_json(tmp_path, {"url": url}) == (date, "url")


@pytest.mark.parametrize("url", URL_IDS)
def test_ids_in_urls_are_no_dates(tmp_path, url):
    assert read_json(tmp_path, {"url": url}) == (None, None)


def test_a_source_url_counts_as_the_url(tmp_path):
    """The gold files' shape: {source: <url>, text}."""
    assert read_json(tmp_path, {"source": "https://example.kz/2024/10/22/a"}) == ("2024-10-22", "url")


@pytest.mark.parametrize(
    "field,value,date",
    [
        ("published", "2025-10-11T09:00:00+05:00", "2025-10-11"),
        ("date", "14.04.2025", "2025-04-14"),
        ("datePublished", "2024-03-01", "2024-03-01"),
        ("pubDate", "Tue, 22 Oct 2024 23:40:00 +0500", "2024-10-22"),  # the date as written, not shifted to UTC
        ("created_at", 1729584000, "2024-10-22"),  # epoch seconds
        ("created_at", "1729584000000", "2024-10-22"),  # epoch milliseconds, as a string
        ("publishedAt", "2024/10/22 10:00", "2024-10-22"),
        ("published", "14 апреля 2025 года", "2025-04-14"),
        ("date", "2025-10", "2025-10"),
    ],
)
def test_record_fields(tmp_path, field, value, date):
    assert read_json(tmp_path, {field: value}) == (date, "json")


@pytest.mark.parametrize("value", [None, "", "вчера", 12345, True, "не указана"])
def test_record_fields_without_a_date(tmp_path, value):
    assert read_json(tmp_path, {"date": value}) == (None, None)


def test_record_field_refined_by_a_more_precise_url_that_agrees(tmp_path):
    assert read_json(tmp_path, {"date": "2024", "url": "https://e.kz/2024/10/22/a"}) == ("2024-10-22", "url")
    # A URL of another year does not override the record's own field.
    assert read_json(tmp_path, {"date": "2023", "url": "https://e.kz/2024/10/22/a"}) == ("2023", "json")


PAGE = """<!doctype html><html><head><title>Визит | Новости</title>{head}</head>
<body><nav><a href="/">Главная</a></nav>
<aside class="related"><time datetime="2019-01-01">1 января 2019</time> Другая новость</aside>
<article><h1>Делегация Курганской области посетила Петропавловск</h1>{inside}
<p>{body}</p></article></body></html>"""


@pytest.mark.parametrize(
    "head,inside,date,source",
    [
        ('<meta property="article:published_time" content="2025-04-14T11:40:00+05:00">', "", "2025-04-14", "html-meta"),
        ('<meta name="pubdate" content="20250414">', "", None, None),  # not a date format metadata uses
        ('<meta itemprop="datePublished" content="2025-04-14">', "", "2025-04-14", "html-meta"),
        ('<meta name="mediator_published_time" content="2025-04-14T08:00:00">', "", "2025-04-14", "html-meta"),
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebPage"},'
            ' {"@type": "NewsArticle", "datePublished": "2025-04-14T10:00:00+03:00"}]}</script>',
            "",
            "2025-04-14",
            "json-ld",
        ),
        ("", '<time datetime="2025-04-14T10:00">14 апреля</time>', "2025-04-14", "time-tag"),
        ("", '<span>Опубликовано</span> <time class="published">14.04.2025</time>', "2025-04-14", "time-tag"),
        ("", "", None, None),  # the only <time> is another story's, in an aside
    ],
)
def test_html_metadata(tmp_path, head, inside, date, source):
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(head=head, inside=inside, body=BODY.replace("\n\n", " ")), encoding="utf-8")
    [article] = read_path(path)
    assert (article.published, article.published_from) == (date, source)


@pytest.mark.parametrize(
    "text,url,date,source",
    [
        ("АСТАНА, 11 окт 2025 – Sputnik. " + BODY, None, "2025-10-11", "dateline"),
        # a dateline without a year takes the URL's year when the URL's month agrees
        ("АСТАНА, 11 окт – Sputnik. " + BODY, None, None, None),
        ("АСТАНА, 11 окт – Sputnik. " + BODY, "https://e.kz/2025/10/kurgan", "2025-10-11", "dateline"),
        ("АСТАНА, 11 окт – Sputnik. " + BODY, "https://e.kz/2025/kurgan", "2025-10-11", "dateline"),
        ("АСТАНА, 11 окт – Sputnik. " + BODY, "https://e.kz/2025/09/kurgan", "2025-09", "url"),
        ("22 февраля, Минск /Корр. БЕЛТА/. " + BODY, "https://e.by/2022/a", "2022-02-22", "dateline"),
        # equally precise: the URL, though the page agrees
        (
            "Заголовок новости о визите\n13.09.2007 08:36\n" + BODY,
            "https://e.by/2007/09/13/1.html",
            "2007-09-13",
            "url",
        ),
        ("Заголовок новости о визите\n13.09.2007 08:36\n" + BODY, None, "2007-09-13", "dateline"),
        # the page's today-widget is never a date, nor a year for a dateline without one
        ("Понедельник, 2 марта, 2026\nКараганда\n" + BODY, None, None, None),
        ("Понедельник, 2 марта, 2026\nАСТАНА, 11 окт – Sputnik. " + BODY, None, None, None),
        ("Власть\n\nОпубликовано Март 6th, 2019 | Редакция газеты\n\n" + BODY, None, "2019-03-06", "text"),
        ("Визит делегации\n\n07 ноября 2019, 16:17, ИА Амител\n\n" + BODY, None, "2019-11-07", "text"),
        (
            "Визит\n\nИнфоцентр, фото - Новости Zakon.kz от 01.11.2018 12:38 Инфоцентр\n" + BODY,
            None,
            "2018-11-01",
            "text",
        ),
        # another story's date glued to its headline in a news list above the article
        ("Все новости\n\n24.04.2024Краснов: новые правила для пенсий\n\n" + BODY, None, None, None),
        # a date in the article's own prose is an event, not the publication
        ("Визит\n\n" + BODY.replace("Товарооборот", "14 апреля 2025 года товарооборот"), None, None, None),
    ],
)
def test_page_text_and_url(text, url, date, source):
    article = read_text(text, "x.txt", url=url)
    assert (article.published, article.published_from) == (date, source)


def test_choose_ranks_sources_and_refines_by_precision():
    url, line = Published("2025-08", "url"), Published("2025-08-14", "dateline")
    assert choose([line, url]) == line
    assert choose([Published("2025-09-01", "dateline"), url]) == url  # disagrees: the better source stays
    assert choose([None, Published("2024", "json"), Published("2023-05-01", "url")]) == Published("2024", "json")
    assert choose([]) is None


@pytest.mark.parametrize(
    "value,date",
    [
        ("2025-04-14T11:40:00Z", "2025-04-14"),
        ("Mon, 14 Apr 2025 11:40:00 GMT", "2025-04-14"),
        ("14 Apr 2025", "2025-04-14"),
        (1_744_600_000, "2025-04-14"),
        (1_744_600_000_000, "2025-04-14"),
        (20250414, None),  # a number that is no epoch time
        ("2025/04/14", "2025-04-14"),
        ("yesterday", None),
    ],
)
def test_machine_dates(value, date):
    assert machine_date(value) == date


def test_url_date_reads_no_host_and_takes_the_most_precise():
    assert url_date("https://2024.example.kz/news/a") is None
    assert url_date("https://e.kz/2024/archive/2024-10-22-visit") == Published("2024-10-22", "url")
    assert url_date(None) is None


# ---------------------------------------------------------------- the project's hand annotation


def annotated_published(gold_id: str) -> str | None:
    return ANNOTATION[gold_id]["published"]


def test_seed_publication_dates_match_the_annotation():
    """The seeds are dev-000 … dev-004 of tests/data/dates.json; read from the project's own files."""
    for n in range(5):
        [article] = read_path(next(SEEDS.glob(f"00{n}_*.txt")))
        assert article.published == annotated_published(f"dev-00{n}"), article.source


@needs_dev
def test_dev_publication_dates_match_the_annotation():
    """Each dev gold file read as JSON {source: url, text}: ≥ 90 % agree with the hand annotation."""
    ids = [k for k in ANNOTATION if not k.startswith("_")]
    got = {k: read_path(DEV / f"{k}.json")[0] for k in ids}
    agree = [k for k in ids if got[k].published == annotated_published(k)]
    assert len(agree) >= 0.9 * len(ids), sorted(set(ids) - set(agree))
    from_url = [k for k in ids if ANNOTATION[k]["published_from"] == "url"]
    assert all(got[k].published_from == "url" for k in from_url if k in agree)
