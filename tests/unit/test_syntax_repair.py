"""The clause repair on real parses: [sentence, word → the word it must hang on]."""

from __future__ import annotations

import pytest

from coopgraph.ingest.nlp import parse_text

CASES = [
    pytest.param(
        "Заместитель акима области Ержан Сыздыков рассказал участникам пленарной сессии о строительстве центра.",
        [(8, "участникам")],
        id="a-bare-genitive-hung-on-the-verb-beside-its-indirect-object-is-the-objects",
    ),
    pytest.param(
        "Аким города поприветствовал гостей торжественной церемонии и вручил награды.",
        [(5, "гостей")],
        id="a-bare-genitive-hung-on-the-verb-beside-its-object-is-the-objects",
    ),
    pytest.param(
        "Кроме того, Карагандинский индустриальный университет и Казанский инженерно-технологический университет "
        "подписали меморандум о сотрудничестве в подготовке инженерных кадров.",
        [(5, "подписали"), (9, "университет")],
        id="a-subject-hung-across-the-verb-on-its-object-with-nothing-else-before-it",
    ),
    pytest.param(
        "В рамках форума Берик Оспанов и председатель Могилевского облисполкома Андрей Кузьмич подписали Дорожную "
        "карту по развитию сотрудничества на 2025–2027 годы.",
        [(6, "подписали")],
        id="a-nominative-read-as-a-conjunct-of-the-setting-noun-is-the-verbs-subject",
    ),
    pytest.param(
        "Члены делегации осмотрели экспозицию выставки «АгроАктобе-2025», на которой свою продукцию представили ООО "
        "«Уфимские сепараторы» и еще 12 компаний из Башкортостана.",
        [(13, "АгроАктобе-2025"), (14, "представили")],
        id="a-relative-clause-hung-on-its-own-subject-after-it",
    ),
    pytest.param(
        "В ходе рабочей поездки в Актобе министр здравоохранения Оренбургской области Татьяна Савинова встретилась с "
        "руководителем управления.",
        [(4, "Актобе"), (5, "поездки")],
        id="an-undeclined-name-after-its-preposition-read-as-the-next-nouns-modifier",
    ),
    pytest.param(
        "Свердловские машиностроители поставляют на рудники региона буровые установки.",
        [(3, "рудники"), (4, "поставляют")],
        id="a-preposition-hung-on-the-genitive-after-its-noun",
    ),
    pytest.param(
        "Таласская область экспортирует в Жамбылскую область фасоль.",
        [(6, "экспортирует")],
        id="a-noun-the-same-in-both-cases-after-the-place-is-the-object",
    ),
    pytest.param(
        "Из Ташкентской области в соседний регион поставляются медная катанка, цемент и плодоовощная продукция, "
        "а из Туркестанской области в Приташкентье завозятся пшеница, мука и растительное масло.",
        [(2, "поставляются"), (18, "завозятся"), (10, "катанка")],
        id="two-flows-read-into-one-another",
    ),
    pytest.param(
        "В прошлом году из нашей области в Новосибирскую область было отправлено 180 тысяч тонн пшеницы, а из "
        "Новосибирска в регион поставлялись сельскохозяйственная техника и ветеринарные препараты.",
        [(2, "отправлено"), (5, "отправлено"), (8, "отправлено"), (9, "отправлено")],
        id="an-auxiliary-makes-one-predicate-with-its-participle",
    ),
    pytest.param(
        "Губернатор напомнил, что товарооборот края с Казахстаном в 2024 году превысил 400 млн долларов, а "
        "основными статьями экспорта в республику остаются мука, крупы и дизельные двигатели.",
        [(4, "превысил"), (21, "экспорта")],
        id="a-subject-and-a-modifier-of-the-first-clause-read-into-the-second",
    ),
    pytest.param(
        "Кроме того, на площадке форума Вавиловский университет и Западно-Казахстанский аграрно-технический "
        "университет имени Жангир хана подписали меморандум об академической мобильности студентов.",
        [(11, "университет"), (7, "подписали")],
        id="a-conjunct-hung-across-the-verb-on-its-object",
    ),
    pytest.param(
        "В первый же день выставки ТОО «Шымкент Кабель Групп» подписало с узбекской компанией ООО «Toshkent "
        "Energo Qurilish» контракт на поставку кабельной продукции.",
        [(5, "подписало")],
        id="a-legal-form-with-its-name-right-before-the-verb-hung-on-a-noun-before-it",
    ),
    pytest.param(
        "ТОО «Turkistan Cement» поставит 120 тысяч тонн цемента ООО «Angren Qurilish Savdo».",
        [(10, "поставит")],
        id="an-undeclined-legal-form-after-the-goods-is-the-recipient-not-their-genitive",
    ),
    pytest.param(
        "На выставке свою продукцию представили 180 компаний, среди них ООО «Андижан Текстиль» и ТОО «Жарык».",
        [(10, "компаний")],
        id="names-listed-among-them-are-of-the-noun-before-the-comma",
    ),
    pytest.param(
        "Бизнес-миссия предпринимателей Чуйской области находится в Алматы.",
        [(0, "находится"), (1, "Бизнес-миссия")],
        id="a-nominative-group-read-as-a-modifier-of-its-genitive",
    ),
    pytest.param(
        "Открывая встречу, губернатор Ульяновской области тепло приветствовал гостей из Республики Казахстан.",
        [(3, "приветствовал")],
        id="a-subject-after-a-converb-clause-read-as-a-conjunct-of-the-object",
    ),
    pytest.param(
        "19 апреля, на второй день трехдневного визита в Казахстан, губернатора Красноярского края Виталия "
        "Гребенщикова принял в Астане президент страны.",
        [(11, "принял")],
        id="an-object-after-a-setting-phrase-read-as-a-conjunct-of-the-visit",
    ),
    pytest.param(
        "На полях форума «Самарканд Экспо-2024» Самаркандская и Туркестанская области подписали соглашение.",
        [(10, "подписали"), (7, "области"), (9, "Самаркандская")],
        id="coordinated-place-adjectives-after-a-quoted-name-under-their-plural-noun",
    ),
    pytest.param(
        "На форуме «Россия – Казахстан» Омская, Новосибирская и Павлодарская области подписали меморандум.",
        [(12, "подписали"), (7, "области"), (11, "Омская")],
        id="coordinated-place-adjectives-whose-noun-hung-on-the-setting",
    ),
]
NOMINATIVE = [
    pytest.param(
        "В ходе рабочей поездки в Омскую область аким Павлодарской области Асаин Байханов посетил ряд предприятий.",
        7,
        "посетил",
        id="a-subject-hung-on-the-setting-noun",
    ),
    pytest.param(
        "Вчера в Костанае прошла бизнес-миссия Челябинской области.", 4, "прошла", id="a-subject-hung-on-itself"
    ),
    pytest.param(
        "В Чолпон-Ате завершил работу V Форум приграничных регионов.",
        5,
        "завершил",
        id="a-subject-after-its-verb-hung-on-the-object",
    ),
]
UNTOUCHED = [
    pytest.param("Из Омской области поставляются трубы, а также кабель и лекарства.", id="a-list-goes-on"),
    pytest.param("Аким встретился с делегацией, а губернатор посетил завод.", id="no-arc-crosses"),
]


@pytest.mark.parametrize("text,heads", CASES)
def test_arcs_across_a_contrast_are_rehung(text: str, heads: list[tuple[int, str]]) -> None:
    tokens = parse_text(text).sentences[0].tokens
    for i, head_word in heads:
        assert tokens[tokens[i].head].text == head_word, (tokens[i].text, tokens[tokens[i].head].text)


@pytest.mark.parametrize("text", UNTOUCHED)
def test_other_sentences_keep_the_parsers_heads(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from coopgraph.ingest import nlp

    repaired = [(t.text, t.head, t.rel) for t in parse_text(text).sentences[0].tokens]
    monkeypatch.setattr(nlp, "repair_clauses", lambda tokens: None)
    raw = [(t.text, t.head, t.rel) for t in nlp.parse_text(text).sentences[0].tokens]
    assert repaired == raw


@pytest.mark.parametrize("text,i,verb", NOMINATIVE)
def test_a_nominative_modifier_is_the_verbs_subject(text: str, i: int, verb: str) -> None:
    tokens = parse_text(text).sentences[0].tokens
    assert (tokens[tokens[i].head].text, tokens[i].rel) == (verb, "nsubj")


def test_no_token_hangs_on_itself() -> None:
    tokens = parse_text("Вчера в Костанае прошла бизнес-миссия Челябинской области.").sentences[0].tokens
    assert all(t.head != t.i for t in tokens)


def test_a_leading_participle_qualifies_the_noun_it_agrees_with() -> None:
    tokens = (
        parse_text("Выступивший следом аким Алматинской области Айдар Байжанов напомнил о туристах.")
        .sentences[0]
        .tokens
    )
    assert (tokens[tokens[0].head].text, tokens[0].rel) == ("аким", "acl")


def test_a_name_after_its_verb_stays_a_modifier() -> None:
    tokens = parse_text("Делегация посетила область Абай.").sentences[0].tokens
    assert tokens[3].rel != "nsubj"


def test_an_origin_hung_on_the_destination_is_the_verbs() -> None:
    tokens = (
        parse_text("Гречневая крупа поступает в Мангистаускую область из Павлодарской области.").sentences[0].tokens
    )
    origin = next(t for t in tokens if t.text == "области")
    assert tokens[origin.head].text == "поступает"


def test_a_report_attributed_after_a_comma_keeps_its_own_verb_as_root() -> None:
    tokens = (
        parse_text(
            "В его рамках губернатор Пермского края Михаил Рябинин и аким области Улытау Жандос Абенов скрепили "
            "подписями всестороннее соглашение о сотрудничестве, сообщает пресс-служба главы региона."
        )
        .sentences[0]
        .tokens
    )
    verb = next(t for t in tokens if t.text == "скрепили")
    subject = next(t for t in tokens if t.text == "губернатор")
    assert (verb.rel, tokens[subject.head].text) == ("root", "скрепили")


def test_nouns_after_a_plural_verb_with_an_object_before_it_are_its_subject() -> None:
    text = "Меморандум подписали Павлодарский государственный университет и Омский технический университет."
    tokens = parse_text(text).sentences[0].tokens
    assert [(t.text, t.rel, tokens[t.head].text) for t in tokens if t.text == "университет"] == [
        ("университет", "nsubj", "подписали"),
        ("университет", "conj", "университет"),
    ]
    assert (tokens[0].text, tokens[0].rel) == ("Меморандум", "obj")


@pytest.mark.parametrize(
    "text,subject,object_",
    [
        ("Свою продукцию в Казахстан привезли более 50 предприятий.", "предприятий", "продукцию"),
        ("Основу поставок в КНР составляют катодная медь, цинк в слитках и медный концентрат.", "медь", "Основу"),
        # the tagger calls a rare demonym a singular object: it may be the plural subject, so nothing moves
        ("В зону проведения операции орчане отправили 20 тонн гуманитарного груза.", None, "тонн"),
        ("Добрососедство и партнерство связывают наши регионы уже много десятилетий.", None, "регионы"),
    ],
)
def test_the_subject_among_a_plural_verbs_objects(text: str, subject: str | None, object_: str) -> None:
    tokens = parse_text(text).sentences[0].tokens
    subjects = [t.text for t in tokens if t.rel == "nsubj"]
    assert object_ not in subjects, subjects
    if subject is not None:
        assert subject in subjects, subjects


@pytest.mark.parametrize(
    "text,subject,object_",
    [
        ("В ходе визита в Челябинск аким Костанайской области посетил завод «Ротор».", "аким", "завод"),
        ("Губернатор Омской области осмотрел порт Актау.", "Губернатор", "порт"),
    ],
)
def test_of_two_agreeing_subjects_the_accusative_after_the_verb_is_its_object(
    text: str, subject: str, object_: str
) -> None:
    tokens = parse_text(text).sentences[0].tokens
    assert [t.text for t in tokens if t.rel == "nsubj"] == [subject]
    assert object_ in [t.text for t in tokens if t.rel == "obj"]


def test_a_present_passive_participle_the_tagger_calls_active_is_passive() -> None:
    text = "Основными товарами, поставляемыми из Оренбургской области в Актюбинскую область, являются удобрения."
    participle = next(t for t in parse_text(text).sentences[0].tokens if t.text == "поставляемыми")
    assert participle.rel == "acl"  # the repair comes with the parse, which reading the arc runs
    assert participle.feats.get("Voice") == "Pass"


def test_a_capitalised_past_verb_the_tagger_calls_an_adjective_is_a_verb() -> None:
    verb = parse_text("Возглавил делегацию министр экономики Иван Петров.").sentences[0].tokens[0]
    assert verb.rel == "root"  # the repair comes with the parse, which reading the arc runs
    assert (verb.pos, verb.feats.get("Tense"), verb.feats.get("Gender")) == ("VERB", "Past", "Masc")


def test_an_object_before_its_verb_hung_across_it_on_the_subject_is_the_verbs() -> None:
    text = (
        "В Торайгыров университете Игоря Лысенко и его коллег встретила председатель правления – ректор вуза "
        "Асель Жумабаева."
    )
    tokens = parse_text(text).sentences[0].tokens
    by_text = {t.text: t for t in tokens}
    assert (by_text["Игоря"].rel, tokens[by_text["Игоря"].head].text) == ("obj", "встретила")
    assert tokens[by_text["коллег"].head].text == "Игоря"


def test_what_follows_an_amount_between_dashes_is_the_clauses() -> None:
    text = "ТОО «Кызылжар Сүт» в августе направило первую партию сыров – 12 тонн – в торговые сети Тюмени."
    tokens = parse_text(text).sentences[0].tokens
    nets = next(t for t in tokens if t.text == "сети")
    assert tokens[nets.head].text == "направило"


def test_a_noun_after_its_adjective_heads_the_phrase() -> None:
    text = "Между Павлодарской областью и Омской областью подписан меморандум о сотрудничестве."
    tokens = parse_text(text).sentences[0].tokens
    first, second = (t for t in tokens if t.text == "областью")
    assert (tokens[1].rel, tokens[tokens[1].head].text) == ("amod", "областью")
    assert (first.rel, tokens[first.head].text) == ("obl", "подписан")
    assert (second.rel, second.head) == ("conj", first.i)


def test_a_place_nickname_read_as_an_adjective_heads_its_preposition() -> None:
    tokens = parse_text("Карагандинские предприятия закупают на Могилевщине лифтовое оборудование.").sentences[0].tokens
    place = next(t for t in tokens if t.text == "Могилевщине")
    assert (place.rel, tokens[place.head].text, place.feats.get("Case")) == ("obl", "закупают", "Loc")
    assert tokens[tokens[3].head].text == "Могилевщине"  # "на"


def test_an_editions_roman_numeral_is_no_misread_place() -> None:
    tokens = parse_text("Делегация приняла участие в XIX Форуме межрегионального сотрудничества.").sentences[0].tokens
    forum = next(t for t in tokens if t.text == "Форуме")
    assert tokens[tokens.index(forum) - 2].text == "в" and tokens[tokens.index(forum) - 2].head == forum.i


@pytest.mark.parametrize(
    "text,subject",
    [
        (
            "С начала года уральский завод «ЗапКазВагон» отгрузил в адрес компаний Оренбургской области 212 полувагонов.",
            "завод",
        ),
        ("Гостей встретил аким, после чего бухарцы осмотрели цеха ТОО «Ақтөбе Темір Профиль».", "бухарцы"),
        # an impersonal plural verb's inanimate object, and a genitive the tagger calls nominative, stay objects
        ("Самые крупные поставки направили в Казахстан.", None),
        ("А кокшетаусцев ждут в Гродно.", None),
    ],
)
def test_a_nominative_before_a_verb_without_a_subject(text: str, subject: str | None) -> None:
    tokens = parse_text(text).sentences[0].tokens
    subjects = [t.text for t in tokens if t.rel == "nsubj"]
    if subject is None:
        assert not subjects, subjects
    else:
        assert subject in subjects, subjects


GAPPED = [
    pytest.param(
        "Из Тюменской области в регион ввозятся удобрения, из Курганской – автобусы и трубы.",
        "ввозятся",
        ["Курганской", "автобусы"],
        id="a-new-origin",
    ),
    pytest.param(
        "Павлодарцы везут соседям катанку и кокс, новосибирцы – запчасти и медицинское оборудование.",
        "везут",
        ["новосибирцы", "запчасти"],
        id="a-new-subject-the-parser-hung-in-a-cycle",
    ),
    pytest.param(
        "Область отгрузила в Германию 910 тонн корня, а в Узбекистан – 136 тонн кукурузной муки.",
        "отгрузила",
        ["Узбекистан", "муки"],
        id="a-new-destination-after-a",
    ),
]


@pytest.mark.parametrize("text,verb,remnants", GAPPED)
def test_a_dash_after_a_comma_stands_for_the_verb_before(text: str, verb: str, remnants: list[str]) -> None:
    tokens = parse_text(text).sentences[0].tokens
    dash = next(t for t in tokens if t.text in ("–", "—"))
    assert (tokens[dash.gap].text, tokens[dash.head].text) == (verb, verb)
    for word in remnants:
        tok = next(t for t in tokens if t.text.lower() == word.lower() and t.i > 3)
        head = tok
        while head.head not in (dash.i, -1) and head.head != head.i:
            head = tokens[head.head]
        assert head.head == dash.i, (word, tokens[tok.head].text)


@pytest.mark.parametrize(
    "text",
    [
        "Экспорт за январь – март вырос на 12 процентов, – отметил аким области.",
        "Со стороны области документ подписал аким Марат Ахметжанов, со стороны компании – директор Иван Петров.",
        "По словам губернатора, Казахстан – ключевой партнер региона.",
    ],
    ids=["a-speech-dash-after-a-comma", "people-whose-roles-the-parser-reads", "no-verb-before-the-comma"],
)
def test_dashes_that_are_no_gap_stand_for_nothing(text: str) -> None:
    assert all(t.gap < 0 for t in parse_text(text).sentences[0].tokens)


def test_of_two_subjects_the_one_the_verb_agrees_with_is_the_subject() -> None:
    text = (
        "2 октября Южно-Казахстанский университет имени М. Ауэзова посетила делегация провинции Кайсери Турецкой "
        "Республики во главе с вице-губернатором провинции Мехметом Али Озтюрком."
    )
    tokens = parse_text(text).sentences[0].tokens
    rels = {t.text: t.rel for t in tokens}
    assert (rels["университет"], rels["делегация"]) == ("obj", "nsubj")


def test_a_subject_with_no_accusative_reading_stays_a_subject() -> None:
    text = 'Экспортер из Алматинской области -- компания "Балқаш Балық" -- отправил в Урумчи 46 контейнеров судака.'
    tokens = parse_text(text).sentences[0].tokens
    assert next(t for t in tokens if t.text == "компания").rel != "obj"


def test_an_adjective_hung_on_a_noun_of_another_case_qualifies_the_next_noun() -> None:
    text = "Из Ташкентской и Ферганской областей шымкентские оптовики везут свежие томаты."
    tokens = parse_text(text).sentences[0].tokens
    adjective = next(t for t in tokens if t.text == "шымкентские")
    assert tokens[adjective.head].text == "оптовики"


def test_firms_listed_before_a_plural_verb_are_its_subject() -> None:
    text = (
        "Кроме того, на форуме казанское ООО «Кама Полимер» и таразское ТОО «Тараз Су Курылыс» заключили контракт "
        "на поставку полиэтиленовых труб."
    )
    tokens = parse_text(text).sentences[0].tokens
    ooo, too = (next(t for t in tokens if t.text == form) for form in ("ООО", "ТОО"))
    assert (ooo.rel, tokens[ooo.head].text) == ("nsubj", "заключили")
    assert (too.rel, too.head) == ("conj", ooo.i)


@pytest.mark.parametrize(
    "text",
    [
        "ТОО «Ертис Сут» подписало с ООО «Омский молочный двор» контракт на поставку сливочного масла.",
        "Меморандум подписан между ТОО «Кызылжар Астык» и АО «Омская нива».",
    ],
)
def test_a_legal_form_after_with_or_between_is_instrumental(text: str) -> None:
    tokens = parse_text(text).sentences[0].tokens
    form = next(t for n, t in enumerate(tokens) if n and tokens[n - 1].text in ("с", "между"))
    assert form.rel  # the repairs come with the syntax parse, made on first use
    assert form.feats["Case"] == "Ins"


@pytest.mark.parametrize(
    "text,word,case",
    [
        ("Актюбинская область экспортировала в Башкортостан ферросплавы.", "Башкортостан", "Acc"),
        ("Компания «Онтустик Фарм» отгрузила в Гянджу первую партию лекарств.", "Гянджу", "Acc"),
        ("Делегация прибыла в Татарстан.", "Татарстан", "Acc"),
        ("4 апреля аким побывал в Жодино.", "Жодино", "Loc"),
        ("Делегация побывала в Башкортостане.", "Башкортостане", "Loc"),
    ],
)
def test_a_noun_after_in_with_no_locative_form_is_accusative(text: str, word: str, case: str) -> None:
    tokens = parse_text(text).sentences[0].tokens
    noun = next(t for t in tokens if t.text == word)
    assert noun.rel  # the repairs come with the syntax parse, made on first use
    assert noun.feats["Case"] == case


@pytest.mark.parametrize(
    "text,word,head,rel",
    [
        (
            "АО «Иртышская нива» этой весной отгрузило хозяйствам Павлодарской области 600 тонн семян.",
            "отгрузило",
            None,
            "root",
        ),
        (
            "ТОО «Каспий Полимер» отгрузило первую партию полипропилена – 1 200 тонн – белорусскому ОАО «Гомельский "
            "завод упаковочных материалов».",
            "ОАО",
            "отгрузило",
            "iobj",
        ),
    ],
)
def test_a_verb_in_a_cycle_heads_and_a_dative_apposition_is_its_recipient(
    text: str, word: str, head: str | None, rel: str
) -> None:
    tokens = parse_text(text).sentences[0].tokens
    t = next(x for x in tokens if x.text == word)
    assert (tokens[t.head].text if t.head >= 0 else None, t.rel) == (head, rel)


@pytest.mark.parametrize(
    "text,heads",
    [
        (
            "ОАО «Могилевлифтмаш» уже поставило в Караганду 36 лифтов для нового жилого района, еще 48 должны быть "
            "отгружены до конца года.",
            [("лифтов", "поставило", "obj"), ("района", "лифтов", "nmod")],
        ),
        (
            "Кроме того, палата предпринимателей Кызылординской области и Хорезмское региональное управление "
            "Торгово-промышленной палаты Узбекистана скрепили подписями соглашение о создании Делового совета двух "
            "регионов.",
            [("подписями", "скрепили", "obl"), ("соглашение", "скрепили", "obj")],
        ),
        (
            "Актюбинская область экспортировала в Башкортостан ферросплавы и хромовую руду на 46 млн долларов.",
            [("ферросплавы", "экспортировала", "obj")],
        ),
    ],
)
def test_a_noun_phrase_in_a_cycle_hangs_on_its_verb(text: str, heads: list[tuple[str, str, str]]) -> None:
    tokens = parse_text(text).sentences[0].tokens
    got = [(t.text, tokens[t.head].text, t.rel) for w, _, _ in heads for t in tokens if t.text == w]
    assert got == heads


def test_a_firm_after_a_dash_names_the_noun_before_it() -> None:
    text = (
        "АО «Минский завод колесных тягачей» заключило экспортный контракт с казахстанским покупателем – "
        "костанайским ТОО «Тобыл Логистик»."
    )
    tokens = parse_text(text).sentences[0].tokens
    too = next(t for t in tokens if t.text == "ТОО")
    adjective = next(t for t in tokens if t.text == "костанайским")
    assert (too.rel, tokens[too.head].text) == ("appos", "покупателем")
    assert adjective.head == too.i


# [sentence, word, its relation and head after the repairs]
REHUNG = [
    pytest.param(
        "Из Синьцзяна в область Жетысу везут строительные материалы и тепличное оборудование.",
        "Жетысу",
        ("appos", "область"),
        id="an-indeclinable-name-after-a-place-noun-stays-that-nouns",
    ),
    pytest.param(
        "На полях форума аким Карагандинской области Ермек Касенов провёл переговоры с раисом Республики Татарстан "
        "Тимуром Хабибуллиным.",
        "Тимуром",
        ("appos", "раисом"),
        id="a-name-in-the-instrumental-is-the-instrumental-offices-not-the-meetings",
    ),
    pytest.param(
        "Туркестанская область отгружает наманганским партнерам цемент.",
        "партнерам",
        ("iobj", "отгружает"),
        id="an-argument-hung-on-the-adjective-before-it-is-the-verbs",
    ),
    pytest.param(
        "Туркестанская область, в свою очередь, отгружает наманганским партнерам цемент и листовое стекло.",
        "область",
        ("nsubj", "отгружает"),
        id="of-two-objects-of-a-verb-read-as-a-converb-the-one-before-it-is-its-subject",
    ),
    pytest.param(
        "По итогам переговоров председатель облисполкома и Ерболат Жумагулов подписали Программу сотрудничества.",
        "Ерболат",
        ("conj", "председатель"),
        id="a-name-conjoined-to-an-offices-genitive-is-the-offices-conjunct",
    ),
    pytest.param(
        "В хокимияте Самаркандской области состоялись переговоры хокима области с делегацией Туркестанской области.",
        "области",
        ("nmod", "хокимияте"),
        id="a-genitive-after-a-noun-with-its-preposition-is-that-nouns",
    ),
    pytest.param(
        "14 ноября 2025 года в Павлодаре завершил работу II Сибирско-Казахстанский межрегиональный форум.",
        "форум",
        ("nsubj", "завершил"),
        id="of-two-objects-the-one-agreeing-with-a-past-verb-is-its-subject",
    ),
    pytest.param(
        "На полях Каспийского медиафорума аким Мангистауской области Нурлан Ногаев провел встречу с губернатором.",
        "медиафорума",
        ("nmod", "полях"),
        id="a-genitive-read-as-the-next-nouns-adjective-is-the-genitive-of-the-noun-before",
    ),
    pytest.param(
        "Павлодарские компании участвуют в выставке «Агросиб».",
        "компании",
        ("nsubj", "участвуют"),
        id="a-noun-read-as-its-adjectives-modifier-heads-the-phrase",
    ),
    pytest.param(
        "Акимат области и ООО «Челны Спецтех» подписали соглашение.",
        "Акимат",
        ("nsubj", "подписали"),
        id="a-noun-the-tagger-read-as-an-adjective-keeps-its-head",
    ),
    pytest.param(
        "С начала года курганским мукомольным предприятиям отгружено 120 тысяч тонн пшеницы.",
        "курганским",
        ("amod", "предприятиям"),
        id="an-adjective-tagged-an-instrumental-noun-qualifies-the-noun-it-agrees-with",
    ),
    pytest.param(
        "Тюменские компании снабжают Северо-Казахстанскую область нефтепродуктами.",
        "нефтепродуктами",
        ("obl", "снабжают"),
        id="a-bare-instrumental-after-a-place-object-is-the-verbs",
    ),
    pytest.param(
        "Костанай отправляет свердловчанам железорудные окатыши.",
        "свердловчанам",
        ("iobj", "отправляет"),
        id="a-dative-of-people-read-as-the-objects-adjective-is-the-verbs",
    ),
    pytest.param(
        "Челябинцы закупают у костанайцев пшеницу и говядину.",
        "у",
        ("case", "костанайцев"),
        id="a-preposition-hung-on-the-object-after-its-own-noun-goes-back-to-it",
    ),
    pytest.param(
        "На полях выставки «Тараз Кожа» подписало с ООО «Бишкек Обувь» договор на поставку кожи.",
        "Тараз",
        ("nsubj", "подписало"),
        id="a-quoted-name-before-a-singular-verb-with-no-subject-is-its-subject",
    ),
    pytest.param(
        "В рамках выставки «Иннопром» подписали соглашение о сотрудничестве.",
        "Иннопром",
        ("appos", "выставки"),
        id="a-plural-verb-may-go-without-a-subject-the-quoted-name-stays-the-events",
    ),
    pytest.param(
        "Свои стенды на ярмарке развернули ТОО «Жетысу Сут» и ТОО «Алатау Нан».",
        "ТОО",
        ("nsubj", "развернули"),
        id="what-svoj-owns-is-no-subject-the-firms-after-the-verb-are",
    ),
    pytest.param(
        "На полях форума аким области Абай и губернатор Алтайского края Виктор Томенко скрепили подписями соглашение.",
        "аким",
        ("nsubj", "скрепили"),
        id="a-sentence-left-without-a-root-is-rooted-in-its-finite-verb",
    ),
    pytest.param(
        "Гости побывали в крестьянском хозяйстве «Пахарь», которое специализируется на животноводстве, в ТОО "
        "«Нефтехим LTD», на заводах специальной экономической зоны «Павлодар».",
        "ТОО",
        ("conj", "хозяйстве"),
        id="a-prepositional-phrase-after-a-relative-clause-joins-the-phrase-before-the-clause",
    ),
    pytest.param(
        "Меморандумы и соглашения по этим проектам скрепили подписями руководители предприятий двух стран.",
        "руководители",
        ("nsubj", "скрепили"),
        id="a-nominative-left-unattached-after-a-verb-without-subject-is-its-subject",
    ),
    pytest.param(
        "Второй день трёхдневной рабочей поездки в Казахстан губернатор Омской области Александр Бурков провёл в "
        "Нур-Султане.",
        "поездки",
        ("nmod", "день"),
        id="an-adjective-made-a-second-root-modifies-the-noun-after-it",
    ),
    pytest.param(
        "Всестороннее соглашение о сотрудничестве скрепили подписями глава Алтайского края Виктор Томенко и аким "
        "области Абай Нурлан Уранхаев.",
        "соглашение",
        ("obj", "скрепили"),
        id="a-finite-verb-read-as-a-modifier-is-the-root-and-the-fronted-document-its-object",
    ),
    pytest.param(
        "Всестороннее соглашение о сотрудничестве скрепили подписями глава Алтайского края Виктор Томенко и аким "
        "области Абай Нурлан Уранхаев.",
        "глава",
        ("nsubj", "скрепили"),
        id="a-finite-verb-read-as-a-modifier-takes-the-nominative-after-it-as-subject",
    ),
    pytest.param(
        "На встрече присутствовали министр экономики Омской области Анна Лукина и заместитель акима Павлодарской "
        "области Марат Ахметов, возглавивший делегацию казахстанского региона, которая находится в Омске.",
        "находится",
        ("acl:relcl", "делегацию"),
        id="a-relative-clause-qualifies-the-nearest-noun-its-which-agrees-with",
    ),
    pytest.param(
        "На встрече присутствовали министр экономики Омской области Анна Лукина и заместитель акима Павлодарской "
        "области Марат Ахметов, возглавивший делегацию казахстанского региона, которая находится в Омске.",
        "возглавивший",
        ("acl", "заместитель"),
        id="a-singular-participle-after-coordinated-nouns-qualifies-the-last",
    ),
    pytest.param(
        "В экспорте Северо-Казахстанской области в Россию преобладает пшеница.",
        "Россию",
        ("nmod", "экспорте"),
        id="a-flows-destination-hung-on-the-verb-is-the-flows",
    ),
    pytest.param(
        "Главными товарами казахстанского экспорта в Оренбургскую область стали уголь и хромовая руда.",
        "область",
        ("nmod", "экспорта"),
        id="a-flows-destination-hung-on-its-slot-noun-is-the-flows",
    ),
    pytest.param(
        "Экспорт зерна в Китай вырос в 2 раза.",
        "раза",
        ("obl", "вырос"),
        id="a-times-phrase-stays-on-the-verb",
    ),
    pytest.param(
        "Открывая выставку, аким Западно-Казахстанской области Нариман Турегалиев отметил рост товарооборота.",
        "аким",
        ("nsubj", "отметил"),
        id="the-subject-after-a-converb-clause-is-the-verbs",
    ),
    pytest.param(
        "Более 20 предприятий Северо-Казахстанской области представили свою продукцию на выставке.",
        "предприятий",
        ("nsubj", "представили"),
        id="a-noun-counted-by-more-than-is-the-subject",
    ),
    pytest.param(
        "Более 20 предприятий Северо-Казахстанской области представили свою продукцию на выставке.",
        "Более",
        ("advmod", "предприятий"),
        id="more-than-counts-the-noun",
    ),
    pytest.param(
        "За год Костанайская область экспортировала туда более 200 тысяч тонн муки.",
        "тонн",
        ("obj", "экспортировала"),
        id="a-counted-measure-caught-in-a-cycle-is-the-verbs-object",
    ),
    pytest.param(
        "Через Бакту округ экспортирует в Казахстан овощи.",
        "Через",
        ("case", "Бакту"),
        id="a-preposition-on-the-subject-is-the-name-s-before-it",
    ),
    pytest.param(
        "Иссыккульцы привезли в Конаев сухофрукты и мёд.",
        "в",
        ("case", "Конаев"),
        id="a-preposition-on-the-object-is-the-name-s-after-it",
    ),
    pytest.param(
        "Из Восточного Казахстана в Синьцзян экспортируются медь, цинк и подсолнечное масло, из Китая в область "
        "поступают строительные материалы и одежда.",
        "медь",
        ("nsubj", "экспортируются"),
        id="comma-spliced-clauses-keep-their-own-subjects",
    ),
    pytest.param(
        "Из Восточного Казахстана в Синьцзян экспортируются медь, цинк и подсолнечное масло, из Китая в область "
        "поступают строительные материалы и одежда.",
        "Китая",
        ("obl", "поступают"),
        id="comma-spliced-clauses-keep-their-own-obliques",
    ),
    pytest.param(
        "Гостей, в составе которых были заместитель председателя правительства Новосибирской области Виктор "
        "Кравчук и ректор университета Алексей Жуков, тепло встретил заместитель акима области Кайрат Нургалиулы.",
        "Кайрат",
        ("appos", "заместитель"),
        id="a-name-after-the-verb-names-the-argument-before-it",
    ),
    pytest.param(
        "Делегация Оренбургской области приняла участие в X выставке «Дружба».",
        "X",
        ("amod", "выставке"),
        id="an-editions-numeral-is-no-name-after-a-preposition",
    ),
    pytest.param(
        "Делегация Оренбургской области во главе с губернатором Денисом Паслером приняла участие в X "
        "Международной выставке «Оренбуржье – Казахстан».",
        "X",
        ("amod", "выставке"),
        id="an-editions-numeral-modifies-the-events-noun",
    ),
    pytest.param(
        "Делегация Оренбургской области во главе с губернатором Денисом Паслером приняла участие в X "
        "Международной выставке «Оренбуржье – Казахстан».",
        "в",
        ("case", "выставке"),
        id="a-preposition-is-the-nouns-after-it",
    ),
    pytest.param(
        "ТОО «Жетысу Агро Экспорт», которое уже второй год поставляет в СУАР рапсовое масло, подписало новый контракт.",
        "ТОО",
        ("nsubj", "подписало"),
        id="the-antecedent-of-a-relative-clause-is-the-main-verbs-subject",
    ),
    pytest.param(
        "ТОО «Жетысу Агро Экспорт», которое уже второй год поставляет в СУАР рапсовое масло, подписало новый контракт.",
        "поставляет",
        ("acl:relcl", "ТОО"),
        id="a-relative-clause-read-as-the-root-modifies-its-antecedent",
    ),
    pytest.param(
        "В рамках форума Нуржан Абдуллаев и хоким Ташкентской области Баходир Юсупов, возглавивший делегацию своего "
        "региона, подписали дорожную карту.",
        "Нуржан",
        ("nsubj", "подписали"),
        id="the-nominatives-before-a-participle-aside-are-the-verbs-subject",
    ),
    pytest.param(
        "В рамках форума Нуржан Абдуллаев и хоким Ташкентской области Баходир Юсупов, возглавивший делегацию своего "
        "региона, подписали дорожную карту.",
        "возглавивший",
        ("acl", "хоким"),
        id="a-participle-aside-qualifies-the-last-nominative-before-it",
    ),
    pytest.param(
        "Губернатора Астраханской области Игоря Бабушкина в Атырау встретил аким области Серик Шапкенов.",
        "Игоря",
        ("appos", "Губернатора"),
        id="a-name-before-the-verb-names-the-argument-before-it",
    ),
    pytest.param(
        "Губернатора Астраханской области Игоря Бабушкина в Атырау встретил аким области Серик Шапкенов.",
        "Атырау",
        ("obl", "встретил"),
        id="a-place-hung-on-a-person-is-the-verbs",
    ),
    pytest.param(
        "Посла Казахстана в России принял губернатор Омской области.",
        "России",
        ("nmod", "Посла"),
        id="an-envoys-country-of-posting-stays-his",
    ),
]


@pytest.mark.parametrize("text, word, arc", REHUNG)
def test_words_are_rehung(text: str, word: str, arc: tuple[str, str]) -> None:
    tokens = parse_text(text).sentences[0].tokens
    tok = next(t for t in tokens if t.text == word)
    assert (tok.rel, tokens[tok.head].text) == arc


def test_a_counted_noun_hung_on_itself_is_the_verbs_object() -> None:
    # Machines differ in the parser's last digits: one parse hangs "тритикале" on itself (mended into the
    # verb's object), another makes it a conjunct of the object before it; either way it is what was received.
    text = "Китай с начала года получил из Алтайского края 17,5 тыс. т нута, 12 тыс. т тритикале, 13 тыс. т проса."
    tokens = parse_text(text).sentences[0].tokens
    tok = next(t for t in tokens if t.text == "тритикале")
    while tok.rel == "conj" and tok.head != tok.i:
        tok = tokens[tok.head]
    assert (tok.rel, tokens[tok.head].text) == ("obj", "получил")


def test_a_genitive_after_its_preposition_is_the_prepositions_not_the_next_nouns() -> None:
    text = "Актюбинские компании закупают у оренбуржцев муку."
    tokens = parse_text(text).sentences[0].tokens
    u, them = (next(t for t in tokens if t.text == w) for w in ("у", "оренбуржцев"))
    assert tokens[u.head].text == "оренбуржцев"
    assert (them.rel, tokens[them.head].text) == ("obl", "закупают")


@pytest.mark.parametrize(
    "text, word, case",
    [
        ("Гости побывали в IT-хабе «Open Pavlodar».", "IT-хабе", "Loc"),
        ("Делегация встретилась с CEO-директором компании.", "CEO-директором", "Ins"),
        ("Омичи побывали в Назарбаев Интеллектуальной школе и IT-хабе «Open Pavlodar».", "IT-хабе", "Loc"),
    ],
    ids=["after-its-preposition", "after-with", "a-conjunct-shares-its-case"],
)
def test_a_word_the_tagger_gave_no_case_takes_one_its_preposition_allows(text: str, word: str, case: str) -> None:
    tokens = parse_text(text).sentences[0].tokens
    tok = next(t for t in tokens if t.text == word)
    assert tok.rel  # the repairs come with the syntax parse, made on first use
    assert tok.feats.get("Case") == case


def test_a_latin_name_after_a_preposition_gets_no_case_it_does_not_show() -> None:
    tokens = parse_text("Делегация посетила офис в Open Pavlodar.").sentences[0].tokens
    tok = next(t for t in tokens if t.text == "Open")
    assert tok.rel
    assert "Case" not in tok.feats


def test_a_noun_read_as_a_conjunct_of_a_verb_is_the_subject_of_the_verb_after_it() -> None:
    tokens = (
        parse_text(
            "ОсОО «Токмокский мукомольный комбинат» закупает продовольственную пшеницу у казахстанских хозяйств, а "
            "ТОО «Жамбыл Фосфат» поставляет минеральные удобрения хозяйствам Чуйской области."
        )
        .sentences[0]
        .tokens
    )
    firm = next(t for t in tokens if t.text == "ТОО")
    assert (firm.rel, tokens[firm.head].text) == ("nsubj", "поставляет")


def test_the_words_of_a_quoted_name_stay_with_the_noun_before_its_quotes() -> None:
    tokens = (
        parse_text(
            "В частности, ОАО «Минский лифтовый завод» заключило контракт на поставку лифтов с ТОО «Кокшетау Строй», "
            "а ОАО «Бабушкина крынка» подписало договор на поставку сыров и сливочного масла с ТОО «Арка Ритейл»."
        )
        .sentences[0]
        .tokens
    )
    heads = {t.text: tokens[t.head].text for t in tokens if t.text in ("крынка", "Арка", "Бабушкина", "Ритейл")}
    crossing = [w for w, h in heads.items() if (w in ("крынка", "Бабушкина")) == (h in ("ТОО", "Арка", "Ритейл"))]
    assert not crossing, heads


def test_the_copula_of_being_somewhere_heads_its_clause() -> None:
    tokens = parse_text("Губернатор Алтайского края Виктор Томенко был в Усть-Каменогорске в мае.").sentences[0].tokens
    by_text = {t.text: t for t in tokens}
    was = by_text["был"]
    assert (was.rel, was.head) == ("root", -1)
    assert tokens[by_text["Усть-Каменогорске"].head].text == "был"
    assert tokens[by_text["Губернатор"].head].text == "был"


@pytest.mark.parametrize(
    "text,subject,object_",
    [
        pytest.param("Сырье закупают кожевенные фабрики Турции.", "фабрики", "Сырье", id="two-objects"),
        pytest.param(
            "Наше кожевенное сырье – шкуры и овчину – закупают кожевенные фабрики Турции.",
            "фабрики",
            "сырье",
            id="a-subject-that-does-not-agree-and-an-object-that-does",
        ),
        # a first noun that may be the subject is: subject-verb-object, the order Russian assumes
        pytest.param(
            "Карагандинские предприятия отгружают на Урал ферросплавы и кокс.",
            "предприятия",
            "ферросплавы",
            id="subject-verb-object-stays",
        ),
    ],
)
def test_of_two_objects_around_a_verb_the_nominative_after_it_is_the_subject(
    text: str, subject: str, object_: str
) -> None:
    tokens = parse_text(text).sentences[0].tokens
    by_text = {t.text: t for t in tokens}
    assert by_text[subject].rel == "nsubj", [(t.text, t.rel) for t in tokens]
    assert by_text[object_].rel == "obj", [(t.text, t.rel) for t in tokens]


# [sentence, word, the word it must hang on, its relation]: repairs of one arc each
ARCS = [
    pytest.param(
        "Из Таласской области ввезено 4,8 тысячи тонн фасоли, а жамбылские мукомолы поставили соседям 11 тысяч "
        "тонн муки.",
        "мукомолы",
        "поставили",
        "nsubj",
        id="a-plural-subject-the-tagger-read-as-a-dative",
    ),
    pytest.param(
        "Кроме того, ООО «Орский мукомольный комбинат» и ТОО «Жем Агро Трейд» подписали контракт на 4,5 миллиарда "
        "тенге: поставки муки в Актобе начнутся в следующем году.",
        "поставки",
        "начнутся",
        "nsubj",
        id="a-subject-after-a-colon-hung-before-it",
    ),
    pytest.param(
        "Губернатор Забайкальского края Павел Горелов и аким области Улытау Ерболат Тулегенов скрепили подписями "
        "протокол по реализации соглашения о сотрудничестве.",
        "протокол",
        "скрепили",
        "obj",
        id="a-document-sealed-with-signatures",
    ),
    pytest.param(
        "Встреча посла с главой региона Олегом Кравцовым прошла на полях VIII Прикаспийского медиафорума.",
        "медиафорума",
        "полях",
        "nmod",
        id="the-event-after-na-polyakh",
    ),
]


@pytest.mark.parametrize("text, word, head, rel", ARCS)
def test_one_arc_is_repaired(text: str, word: str, head: str, rel: str) -> None:
    tokens = parse_text(text).sentences[0].tokens
    (tok,) = [t for t in tokens if t.text == word]
    assert (tokens[tok.head].text, tok.rel) == (head, rel), [(t.text, t.head, t.rel) for t in tokens]


def test_the_subject_read_as_a_dative_becomes_a_nominative_and_the_dative_stays() -> None:
    tokens = parse_text(ARCS[0].values[0]).sentences[0].tokens
    (noun,) = [t for t in tokens if t.text == "мукомолы"]
    assert noun.rel == "nsubj"  # reading the parse runs the repairs, which set the case too
    assert noun.feats.get("Case") == "Nom"
    (dative,) = [t for t in tokens if t.text == "соседям"]
    assert dative.rel != "nsubj"
