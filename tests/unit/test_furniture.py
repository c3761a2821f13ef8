"""Furniture removal on the seeds, the dev gold texts, pages in other outlets' styles, and huge inputs."""

from __future__ import annotations

import json
import time

import pytest
from support import DEV, SEEDS, dev_files, needs_dev

from coopgraph.ingest.furniture import classify_line, split_body, strip_caption_runs, strip_furniture


def seed_text(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def squash(s: str) -> str:
    return " ".join(s.split())  # NBSPs and line breaks count as plain spaces


def paragraphs(body: str) -> list[str]:
    return body.split("\n\n")


# (seed, furniture that must be gone, body text that must stay) — chosen from each gold's notes.
SEED_CASES = [
    (
        "000",
        [
            "1/5Памятник",
            "Памятник Абаю и Пушкину в Петропавловске",
            "9/9Делегация",
            "3/3Делегация",
            "Перопавловск посетила делегация",
        ],
        [
            "АСТАНА, 11 окт – Sputnik. Делегация Курганской области во главе с губернатором",
            "который символизирует дружбу между двумя народами.",
            "а также креативный центр “Кызылжар”.",
            "Вадим Шумков сыграл партию с юным спортсменом.",
            "достиг 694 миллионов долларов.",
            "в том числе в сфере машиностроения, – отметили в акимате.",
        ],
    ),
    (
        "001",
        [
            "4168",
            "Серик Кабдулов",
            "фото РСК",
            "Популярное",
            "Вася-казах",
            "Читайте также",
            "Архив",
            "[[year]]",
            "Боевой путь пулеметчика",
            "Трамп уволил",
        ],
        [
            "Заинтересованы в новых контактах",
            "Города-побратимы Атырау и Астрахань намерены развивать",
            "Атырау закупает в Астрахани рыбу",
            "экологического состояния рек Волги и Жайыка (Урала).",
        ],
    ),
    (
        "002",
        [
            "Последние новости",
            "13-11-2025 09:10",
            "Фото: https://t.me/pool_56",
            "Путин",
            "монастыре",
            "перца из Узбекистана",
            "04-12-2025",
            "Музея Победы",
        ],
        [
            "В Уральске главы Оренбуржья и Западно-Казахстанской области подписали дорожную карту",
            "В рамках XXI Форума межрегионального сотрудничества",
            "Нариман Турегалиев.",
            "обмен технологиями и поддержку совместных бизнес-проектов.",
        ],
    ),
    (
        "003",
        ["Понедельник, 25 ноября 2024", "01 декабря 2023", "Елена Кузьмина", "Фотография ©", "Теги:"],
        [
            "Сотрудничество Новгородской области и Казахстана будет расширяться",
            "Темой встречи Андрея Никитина и делегации посольства Казахстана",
            "Компания «Метер» подписала договор",
            "Стороны договорились о расширении сотрудничества между Новгородской областью и регионами Казахстана.",
        ],
    ),
    (
        "004",
        [
            "back to top",
            "-21.6 C",
            "Понедельник, 2 марта, 2026",
            "No menu items!",
            "ДомойНовости",
            "Фото gov.kz",
            "Самал АХМЕТОВА",
            "Предыдущая статья",
            "ОСТАВЬТЕ ОТВЕТ",
            "комментарий",
            "Лента новостей",
            "Коняшкин",
            "Ершов",
            "газификации",
            "Сарани",
        ],
        [
            "Уголь в обмен на сыр",
            "Порядка 100 миллионов долларов составил",
            "Импортируются средства наземного транспорта",
            "проживает более 10 тысяч белорусов.",
        ],
    ),
]


@pytest.mark.parametrize("seed,gone,kept", SEED_CASES, ids=[c[0] for c in SEED_CASES])
def test_seed_furniture_removed_body_kept(seed, gone, kept):
    body = strip_furniture(seed_text(seed))
    for s in gone:
        assert s not in body, f"furniture left: {s!r}"
    for s in kept:
        assert s in body, f"body text lost: {s!r}"


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seed_starts_with_single_headline(seed):
    text = seed_text(seed)
    body = strip_furniture(text)
    title = paragraphs(body)[0]
    assert title in text and len(title) < 200 and not title.endswith(".")
    assert paragraphs(body).count(title) == 1  # the seeds print it twice; one stays
    assert "\n\n\n" not in body and body == body.strip()


def test_seed_000_caption_run_cut_sentence_kept():
    body = strip_furniture(seed_text("000"))
    assert "двумя народами.\n\n" in body  # the run glued to the sentence went, the sentence stayed
    assert "/5" not in body and "/9" not in body and "/3" not in body


def test_seed_004_weather_city_line_gone():
    assert "Караганда" not in paragraphs(strip_furniture(seed_text("004")))


def gold(gold_id: str) -> dict:
    return json.loads((DEV / f"{gold_id}.json").read_text(encoding="utf-8"))


GOLD_CASES = [
    ("dev-101", [], ["Делегация Северо-Казахстанской области во главе с акимом", "расширения культур"]),
    ("dev-102", [], ["Губернатор Астраханской области Игорь Бабушкин", "сотрудничество будет толь"]),
    (
        "dev-103",
        ["Фото портала органов власти"],
        ["сообщает Lada.kz", "Канат Хасенов", "Документ охватывает ключевые направления"],
    ),
    (
        "dev-104",
        ["Главные новости Актобе", "басты жаңалықтар", "Реклама на сайте", "6540 просмотров"],
        [
            "Сапарбаев встретился с губернатором Оренбургской области",
            "на долю Оренбургской области приходится 89,5",
            "Увеличился экспорт на российский рынок",
        ],
    ),
    ("dev-105", [], ["В Уральске (Казахстан) 10 июля", "Юрий Берг.", "и, главно"]),
    (
        "dev-106",
        ["Фотография ©"],
        [
            "Андрей Никитин встретился с акимом области Улытау Бериком Абдыгалиулы.",
            "«Новгородская».",
            "Новгородская область и область Улытау планируют",
        ],
    ),
    (
        "dev-107",
        [
            "ГОСОРГАНЫ",
            "Пятница, 28 июня 2024",
            "Ясно +25°C",
            "Все новости",
            "22 февраля 2022, 17:53",
            "Фото Минского облисполкома",
        ],
        [
            "Турчин обсудил с Бейсенбаевым развитие сотрудничества",
            "22 февраля, Минск /Корр. БЕЛТА/.",
            "то торгово-экономическое",
        ],
    ),
]


@needs_dev
@pytest.mark.parametrize("gold_id,gone,kept", GOLD_CASES, ids=[c[0] for c in GOLD_CASES])
def test_dev_gold_furniture(gold_id, gone, kept):
    body = strip_furniture(gold(gold_id)["text"])
    for s in gone:
        assert s not in body, f"furniture left: {s!r}"
    for s in kept:
        assert s in body, f"body text lost: {s!r}"


@needs_dev
@pytest.mark.parametrize("gold_id", ["dev-101", "dev-102", "dev-105"])
def test_dev_gold_without_furniture_is_kept_whole(gold_id):
    text = gold(gold_id)["text"]
    assert " ".join(strip_furniture(text).split()) == " ".join(text.split())


@needs_dev
def test_dev_104_lead_printed_twice_kept_once():
    body = strip_furniture(gold("dev-104")["text"])
    assert body.count("19 мая Бердыбек Сапарбаев встретился") == 1


@needs_dev
@pytest.mark.parametrize("path", dev_files(), ids=lambda p: p.stem)
def test_every_gold_entity_name_of_body_survives(path):
    """No annotated entity may lose all its mentions: check alias surface forms that occur in the text."""
    g = json.loads(path.read_text(encoding="utf-8"))
    text, body = squash(g["text"]), squash(strip_furniture(g["text"]))
    for e in g["entities"]:
        forms = [squash(a) for a in [e["name"], *e.get("aliases", [])] if squash(a) in text]
        if forms:
            assert any(a in body for a in forms), f"{e['type']} {e['name']} lost"


# Pages in the styles of other outlets: nothing here is copied from the seeds.
FEED_PAGE = """Главная
Новости Казахстана
Мы используем файлы cookie, чтобы улучшить работу сайта. Продолжая пользоваться сайтом, вы соглашаетесь с этим.
14 апреля 2025, 11:40
Костанайская и Челябинская области подписали соглашение о сотрудничестве
Фото: пресс-служба акимата
КОСТАНАЙ. KAZINFORM – Акимы двух регионов подписали соглашение о торгово-экономическом сотрудничестве на 2025–2027 годы.
По словам акима Костанайской области, товарооборот между регионами в прошлом году превысил 1,2 млрд долларов.
Основные направления:
- поставки зерна и муки;
- машиностроение;
- туризм.
Губернатор Челябинской области отметил, что регион готов увеличить поставки металлопроката.
Поделиться
Telegram
Если вы нашли ошибку в тексте, выделите ее мышью и нажмите Ctrl+Enter
Читайте также:
В Астане открылся новый парк
Цены на бензин выросли в Казахстане
© 2025 Kazinform. Все права защищены. При использовании материалов гиперссылка обязательна.
"""

COMMENTS_PAGE = """12:30 Новости дня
Аким Павлодарской области встретился с делегацией Омской области
Делегация Омской области во главе с губернатором провела переговоры в Павлодаре. Стороны подписали меморандум.
В ходе визита гости посетили индустриальную зону и ряд предприятий региона.
Комментарии (3)
Иван: отличная новость, давно пора развивать сотрудничество с соседями, у нас много общего.
Петр: согласен полностью, надо открывать больше рейсов между городами, это всем выгодно.
10:15 В Павлодаре прошёл фестиваль
09:40 На трассе Павлодар — Омск ограничили движение
"""

GALLERY_PAGE = """Форум в Оренбурге завершился
1/3
Делегация на форуме
2/3
Подписание соглашения
3/3
Выставка
В Оренбурге прошёл форум приграничного сотрудничества. Делегации подписали ряд соглашений о поставках зерна.
Участники форума обсудили развитие транспортной логистики.
"""

RELATED_LEADS_PAGE = """Омск и Павлодар договорились о сотрудничестве
Делегация Омской области провела переговоры в Павлодаре. Стороны подписали меморандум о сотрудничестве.
Читайте также: В Павлодаре открылся новый мост через Иртыш
Губернатор отметил, что регион готов увеличить поставки зерна и техники в Павлодарскую область.
Похожие новости
""" + "\n".join(
    f"Заголовок другой новости номер {i}\nВ регионе прошло событие номер {i}, о котором рассказали в акимате области. "
    "Подробности события стали известны сегодня утром от наших корреспондентов."
    for i in range(5)
)

WRAPPED_PAGE = """Губернатор Омской области посетил Павлодар

Губернатор Омской области Виталий Хоценко посетил Павлодар с
рабочим визитом. В ходе визита стороны обсудили развитие
торговли и логистики между регионами.
"""


# A credit line with its timestamp between the headline and the body, as an aggregator copies a press release
CREDIT_PAGE = """Делегация из Китая прибыла в Алматинскую область

Пресс-служба акима Алматинской области, фото - Новости Zakon.kz от 01.11.2018 12:38 Пресс-служба акима Алматинской области
На переговорах речь шла о развитии зоны приграничной торговли, строительстве железной дороги и туризме.

Делегация из Илийского округа находилась в Алматинской области с рабочим визитом с 31 октября по 1 ноября.
"""


@pytest.mark.parametrize(
    "page,title,gone,kept",
    [
        (
            CREDIT_PAGE,
            "Делегация из Китая прибыла в Алматинскую область",
            ["Zakon.kz от 01.11.2018 12:38"],
            ["На переговорах речь шла", "с рабочим визитом"],
        ),
        (
            FEED_PAGE,
            "Костанайская и Челябинская области подписали соглашение о сотрудничестве",
            ["cookie", "Фото:", "Поделиться", "Ctrl+Enter", "Читайте также", "новый парк", "©", "11:40", "Главная"],
            ["KAZINFORM – Акимы", "- машиностроение;", "готов увеличить поставки металлопроката."],
        ),
        (
            COMMENTS_PAGE,
            "Аким Павлодарской области встретился с делегацией Омской области",
            ["12:30", "Комментарии", "Иван:", "фестиваль"],
            ["Стороны подписали меморандум.", "ряд предприятий региона."],
        ),
        (
            GALLERY_PAGE,
            "Форум в Оренбурге завершился",
            ["1/3", "Делегация на форуме", "Подписание соглашения", "Выставка\n"],
            ["транспортной логистики."],
        ),
        (
            RELATED_LEADS_PAGE,
            "Омск и Павлодар договорились о сотрудничестве",
            ["Читайте также", "новый мост", "Похожие новости", "Заголовок другой новости", "событие номер"],
            ["Стороны подписали меморандум о сотрудничестве.", "в Павлодарскую область."],
        ),
        (
            WRAPPED_PAGE,
            "Губернатор Омской области посетил Павлодар",
            [],
            ["посетил Павлодар с рабочим визитом. В ходе визита стороны обсудили развитие торговли"],
        ),
    ],
    ids=["credit-line-with-a-timestamp", "feed", "comments", "gallery", "related-leads", "wrapped"],
)
def test_other_outlet_styles(page, title, gone, kept):
    body = strip_furniture(page)
    assert paragraphs(body)[0] == title
    for s in gone:
        assert s not in body, f"furniture left: {s!r}"
    for s in kept:
        assert s in body, f"body text lost: {s!r}"


@pytest.mark.parametrize(
    "line,expected",
    [
        ("народами.1/5Памятник Абаю2/5Делегация посетила область", "народами."),
        ("Текст.1/2Фото один2/2Фото два1/2Фото один2/2Фото два", "Текст."),
        ("доля составила 1/3 рынка.", "доля составила 1/3 рынка."),  # a fraction, not a counter
        ("в 2024/2025 учебном году", "в 2024/2025 учебном году"),
        ("Итог 20241/2Снимок2/2Снимок", "Итог 2024"),  # a counter glued to a number
    ],
)
def test_strip_caption_runs(line, expected):
    assert strip_caption_runs(line) == expected


@pytest.mark.parametrize(
    "line,kind",
    [
        ("", "blank"),
        ("Читайте также:", "marker"),
        ("- Последние новости", "marker"),
        ("Комментарии (12)", "marker"),
        ("Теги: Казахстан, Россия", "marker"),
        ("Фото: пресс-служба акимата", "furniture"),
        ("4168", "furniture"),
        ("6540 просмотров", "furniture"),
        ("Понедельник, 2 марта, 2026", "furniture"),
        ("13-11-2025 09:10", "furniture"),
        ("-21.6 C", "furniture"),
        ("Самал АХМЕТОВА", "furniture"),
        ("ДомойНовостиПолитика", "furniture"),
        ("Подписывайтесь на наш Telegram-канал и будьте в курсе новостей.", "furniture"),
        ("#Казахстан #Россия #сотрудничество", "furniture"),
        ("Источник: Kazinform", "furniture"),
        ("Опубликовано: 14 апреля 2025, 11:40", "furniture"),
        ("Ближе к концу дня на трассе ограничили движение...", "teaser"),
        ("Делегация области посетила завод и обсудила поставки.", "prose"),
        ("Уголь в обмен на сыр", "short"),
        ("Главная / Новости / Регионы", "furniture"),  # a breadcrumb
        ("Главная › Экономика › Торговля", "furniture"),
        ("12 марта 2026, 11:48 | 312 просмотров | Автор: Ирина Волкова", "furniture"),
        ("Казахстан / Россия: итоги визита", "short"),  # two items: a headline
    ],
)
def test_classify_line(line, kind):
    assert classify_line(line) == kind


def test_a_breadcrumb_printed_twice_is_not_the_headline():
    page = (
        "Главная / Новости / Регионы\nВести Прииртышья\nГлавная / Новости / Регионы\n\n"
        "Омская делегация посетила Павлодар\n\n05.10.2026\n\n"
        "Делегация Омской области во главе с губернатором посетила Павлодар. Гости осмотрели предприятия "
        "города и обсудили поставки зерна.\n\nСтороны договорились продолжить сотрудничество в сфере образования.\n"
    )
    body = strip_furniture(page)
    assert paragraphs(body)[0] == "Омская делегация посетила Павлодар"
    assert "Главная" not in body


def test_split_body_offsets_point_into_input():
    text = seed_text("003")
    body, spans = split_body(text)
    assert len(spans) == len(paragraphs(body))
    for (start, end), para in zip(spans, paragraphs(body)):
        assert " ".join(text[start:end].split()) == para


def test_no_prose_keeps_the_text():
    assert strip_furniture("Астана и Москва подписали соглашение") == "Астана и Москва подписали соглашение"
    assert strip_furniture("") == ""


def test_huge_caption_run_is_fast():
    sentence = "Делегация посетила завод и обсудила поставки оборудования в регион. " * 3
    run = "".join(
        f"{i % 9 + 1}/9Делегация Курганской области посетила Северо-Казахстанскую область" for i in range(10000)
    )
    lines = "\n".join(f"{i % 9 + 1}/9 Делегация посетила область" for i in range(10000))
    start = time.perf_counter()
    one_line = strip_furniture(f"Заголовок новости про визит\n\n{sentence}{run}\n\n{sentence}")
    many_lines = strip_furniture(f"{sentence}\n{lines}\n{sentence}")
    assert time.perf_counter() - start < 5
    assert "/9" not in one_line and one_line.count("Делегация посетила завод") == 3
    assert "/9" not in many_lines


def test_a_headline_over_its_subtitle_is_kept_with_it():
    page = (
        "Казахстан получил из Омской области свыше 200 тонн говядины\n\n"
        "Нарушений при проверке грузов ветеринарные инспекторы не выявили\n\n"
        "Фото из архива\n\n"
        "С 1 по 12 января специалисты управления проконтролировали перевозку 284 тонн подконтрольной продукции, "
        "большая часть которой ушла в соседнюю республику. Все грузы соответствовали требованиям ветеринарных "
        "правил, сообщили в ведомстве.\n"
    )
    first, second = paragraphs(strip_furniture(page))[:2]
    assert first.startswith("Казахстан получил") and second.startswith("Нарушений при проверке")


def test_a_related_headline_far_above_the_subtitle_is_not_taken():
    page = (
        "Главные новости дня\n\nВ Омске открылся новый мост через Иртыш\n\nМеню\n\nПоиск\n\nВход\n\n"
        "Нарушений при проверке грузов ветеринарные инспекторы не выявили\n\n"
        "С 1 по 12 января специалисты управления проконтролировали перевозку 284 тонн подконтрольной продукции, "
        "большая часть которой ушла в соседнюю республику. Все грузы соответствовали требованиям ветеринарных "
        "правил, сообщили в ведомстве.\n"
    )
    assert paragraphs(strip_furniture(page))[0].startswith("Нарушений при проверке")


def test_an_outlets_dateline_under_the_headline_is_not_taken_for_it():
    page = (
        "Самарские промышленники приехали в Уральск с бизнес-миссией\n\n"
        "«Приуралье», 19 марта 2026 года\n\n"
        "В Уральске прошла бизнес-миссия Самарской области, которую возглавил заместитель председателя "
        "правительства региона. В составе делегации – представители 22 предприятий области.\n"
    )
    assert paragraphs(strip_furniture(page))[0] == "Самарские промышленники приехали в Уральск с бизнес-миссией"
