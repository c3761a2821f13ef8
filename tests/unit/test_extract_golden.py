"""Golden tests: each seed article extracted and scored against the project's own annotation of it
(tests/data/seeds), plus must-have facts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from support import DATA, ROOT, SEEDS

from coopgraph.ingest.evaluate import (
    ArticleScore,
    Counts,
    facts_to_pred,
    normalize_name,
    score_article,
    score_entity_match,
)
from coopgraph.ingest.pipeline import extract_article
from coopgraph.ingest.read import read_path


def gold_by_source() -> dict[str, dict]:
    golds = (json.loads(p.read_text(encoding="utf-8")) for p in sorted((DATA / "seeds").glob("*.json")))
    return {g["source"]: g for g in golds}


GOLD = gold_by_source()
SEED_IDS = {Path(src).name: g["id"] for src, g in GOLD.items()}

# Floors a little below the F1 the extractor reaches now (entities, relations): a regression fails.
FLOORS = {
    "000_d8b8e7c70f541481": (0.88, 0.92),
    "001_3ddcb5ee8a16ac75": (0.91, 0.90),
    "002_9c36e894c38dab6b": (0.91, 0.82),
    "003_8caba97e6c7db882": (0.93, 0.86),
    "004_86bc6ef7733bab73": (0.95, 0.95),
}

# Gold facts each article's extraction must contain (checked with the scorer's matching rules).
MUST_HAVE = {
    "000_d8b8e7c70f541481": [
        {"type": "HOLDS_POSITION", "source": "Вадим Шумков", "target": "Курганская область", "title": "губернатор"},
        {
            "type": "HOLDS_POSITION",
            "source": "Гауез Нурмухамбетов",
            "target": "Северо-Казахстанская область",
            "title": "аким",
        },
        {"type": "VISITED", "source": "Курганская область", "target": "Северо-Казахстанская область"},
        {"type": "VISITED", "source": "Курганская область", "target": "Радуга"},
        {
            "type": "SIGNED",
            "source": "Вадим Шумков",
            "target": "Дорожная карта по реализации соглашения о сотрудничестве 2025–2027",
            "date": "2025-05",
        },
        {
            "type": "PARTY_TO",
            "source": "Северо-Казахстанская область",
            "target": "Дорожная карта по реализации соглашения о сотрудничестве 2025–2027",
        },
        {"type": "EXPORTS_TO", "source": "Курганская область", "target": "Казахстан"},
        {
            "type": "TRADE_VOLUME",
            "source": "Северо-Казахстанская область",
            "target": "Россия",
            "kind": "turnover",
            "value": 694000000,
            "currency": "USD",
        },
    ],
    "001_3ddcb5ee8a16ac75": [
        {"type": "HOLDS_POSITION", "source": "Серик Шапкенов", "target": "Атырауская область", "title": "аким"},
        {"type": "HOLDS_POSITION", "source": "Игорь Бабушкин", "target": "Астраханская область", "title": "губернатор"},
        {
            "type": "PARTY_TO",
            "source": "Атырауская область",
            "target": "План мероприятий по развитию сотрудничества 2023–2026",
        },
        {"type": "VISITED", "source": "Игорь Бабушкин", "target": "Атырау"},
        {"type": "EXPORTS_TO", "source": "Астраханская область", "target": "Атырауская область", "commodity": "рыба"},
        {
            "type": "EXPORTS_TO",
            "source": "Казахстан",
            "target": "Астраханская область",
            "commodity": "механические устройства",
        },
    ],
    "002_9c36e894c38dab6b": [
        {
            "type": "HOLDS_POSITION",
            "source": "Евгений Солнцев",
            "target": "Оренбургская область",
            "title": "губернатор",
        },
        {
            "type": "SIGNED",
            "source": "Нариман Турегалиев",
            "target": "Дорожная карта по реализации соглашения о сотрудничестве 2026–2028",
        },
        {
            "type": "PARTY_TO",
            "source": "Оренбургская область",
            "target": "Соглашение о торгово-экономическом, научно-техническом, культурном и гуманитарном сотрудничестве",
        },
        {
            "type": "PARTICIPATED_IN",
            "source": "Западно-Казахстанская область",
            "target": "XXI Форум межрегионального сотрудничества России и Казахстана",
        },
        {"type": "VISITED", "source": "Евгений Солнцев", "target": "Уральск"},
        {"type": "EXPORTS_TO", "source": "Оренбургская область", "target": "Казахстан"},
    ],
    "003_8caba97e6c7db882": [
        {"type": "HOLDS_POSITION", "source": "Даурен Абаев", "target": "Казахстан", "title": "посол"},
        {"type": "VISITED", "source": "Посольство Казахстана", "target": "Новгородская область"},
        {"type": "PARTICIPATED_IN", "source": "Новгородская область", "target": "Иннопром"},
        {
            "type": "TRADE_VOLUME",
            "source": "Новгородская область",
            "target": "Казахстан",
            "kind": "turnover",
            "value": 57100000,
            "currency": "USD",
            "year": 2022,
        },
        {
            "type": "TRADE_VOLUME",
            "source": "Новгородская область",
            "target": "Казахстан",
            "kind": "export",
            "value": 44800000,
            "currency": "USD",
            "year": 2022,
        },
        {"type": "EXPORTS_TO", "source": "Метер", "target": "Казахстан", "commodity": "промышленные счётчики"},
        {
            "type": "EXPORTS_TO",
            "source": "Новгородская область",
            "target": "Казахстан",
            "commodity": "парфюмерные средства",
        },
        {"type": "EXPORTS_TO", "source": "Казахстан", "target": "Новгородская область", "commodity": "удобрения"},
    ],
    "004_86bc6ef7733bab73": [
        {
            "type": "HOLDS_POSITION",
            "source": "Александр Турчин",
            "target": "Минская область",
            "title": "председатель облисполкома",
        },
        {"type": "HOLDS_POSITION", "source": "Женис Касымбек", "target": "Карагандинская область", "title": "аким"},
        {"type": "HOLDS_POSITION", "source": "Павел Утюпин", "target": "Беларусь", "title": "посол"},
        {"type": "VISITED", "source": "Минская область", "target": "Карагандинская область"},
        {
            "type": "TRADE_VOLUME",
            "source": "Карагандинская область",
            "target": "Беларусь",
            "kind": "turnover",
            "value": 100000000,
            "currency": "USD",
        },
        {
            "type": "EXPORTS_TO",
            "source": "Беларусь",
            "target": "Карагандинская область",
            "commodity": "средства наземного транспорта",
        },
        {
            "type": "EXPORTS_TO",
            "source": "Минская область",
            "target": "Карагандинская область",
            "commodity": "сыродельная продукция",
        },
    ],
}

# Gold entities whose attributes are part of the contract: (type, gold name) → attributes.
MUST_HAVE_ENTITIES = {
    "000_d8b8e7c70f541481": {
        ("Organization", "Петропавловский электротехнический завод"): {"legal_form": "ТОО"},
        ("Document", "Дорожная карта по реализации соглашения о сотрудничестве 2025–2027"): {
            "kind": "дорожная карта",
            "period": [2025, 2027],
        },
    },
    "001_3ddcb5ee8a16ac75": {
        ("Document", "План мероприятий по развитию сотрудничества 2023–2026"): {
            "kind": "план мероприятий",
            "period": [2023, 2026],
        },
    },
    "002_9c36e894c38dab6b": {
        ("Event", "XXI Форум межрегионального сотрудничества России и Казахстана"): {},
        ("Event", "XIX Форум межрегионального сотрудничества России и Казахстана"): {},
        ("Document", "Дорожная карта по реализации соглашения о сотрудничестве 2026–2028"): {
            "kind": "дорожная карта",
            "period": [2026, 2028],
        },
    },
    "003_8caba97e6c7db882": {
        ("Event", "Иннопром"): {},
        ("Commodity", "изделия из бумаги и картона"): {},
        (
            "Document",
            "Меморандум о сотрудничестве в торгово-экономической, научно-технической и социально-культурной сферах",
        ): {"kind": "меморандум", "signed": "2022-11"},
    },
    "004_86bc6ef7733bab73": {
        ("Person", "Женис Касымбек"): {},
        ("Commodity", "молочная продукция"): {},
    },
}

# Persons the gold notes say are furniture, authors or historical figures: never extracted.
MUST_NOT_PERSONS = {
    "000_d8b8e7c70f541481": ["Абай", "Пушкин"],
    "001_3ddcb5ee8a16ac75": ["Серик Кабдулов"],
    "002_9c36e894c38dab6b": ["Путин", "Владимир Путин"],
    "003_8caba97e6c7db882": ["Елена Кузьмина"],
    "004_86bc6ef7733bab73": ["Самал Ахметова", "Коняшкин", "Ершов"],
}


@cache
def predicted(gold_id: str) -> dict:
    gold = next(g for g in GOLD.values() if g["id"] == gold_id)
    articles = read_path(ROOT / gold["source"])
    assert len(articles) == 1, f"{gold['source']} should read as one article, got {len(articles)}"
    return facts_to_pred(extract_article(articles[0]))


def gold_of(gold_id: str) -> dict:
    return next(g for g in GOLD.values() if g["id"] == gold_id)


def total(table: dict[str, Counts]) -> Counts:
    out = Counts()
    for c in table.values():
        out.add(c)
    return out


def describe(score: ArticleScore) -> str:
    return (
        f"relation misses {score.misses}\nrelation false positives {score.false_positives}\n"
        f"entity misses {score.entity_misses}\nentity false positives {score.entity_false_positives}"
    )


def test_every_seed_has_a_gold_file():
    seeds = sorted(p.name for p in SEEDS.glob("*.txt"))
    assert seeds, "no seed articles"
    assert sorted(SEED_IDS) == seeds
    assert sorted(SEED_IDS.values()) == sorted(FLOORS) == sorted(MUST_HAVE)


@pytest.mark.parametrize("gold_id", sorted(FLOORS))
def test_seed_scores_above_floor(gold_id):
    score = score_article(gold_of(gold_id), predicted(gold_id))
    entities, relations = total(score.entities), total(score.relations)
    entity_floor, relation_floor = FLOORS[gold_id]
    assert entities.f1 >= entity_floor, f"entity F1 {entities.f1:.3f} < {entity_floor}\n{describe(score)}"
    assert relations.f1 >= relation_floor, f"relation F1 {relations.f1:.3f} < {relation_floor}\n{describe(score)}"


@pytest.mark.parametrize("gold_id", sorted(MUST_HAVE))
def test_seed_must_have_facts(gold_id):
    gold, pred = gold_of(gold_id), predicted(gold_id)
    problems = []
    for rel in MUST_HAVE[gold_id]:
        assert rel in gold["relations"], f"not a gold relation of {gold_id}: {rel}"
        score = score_article({**gold, "relations": [rel]}, pred)
        if total(score.relations).fn:
            problems.append(f"missing relation {score.misses[0]}")
    for (kind, name), attrs in MUST_HAVE_ENTITIES[gold_id].items():
        gold_entity = next(e for e in gold["entities"] if (e["type"], e["name"]) == (kind, name))
        score = score_article({**gold, "entities": [gold_entity], "relations": []}, pred)
        if total(score.entities).fn:
            problems.append(f"missing entity {kind} {name}")
            continue
        aligned = [e for e in pred["entities"] if score_entity_match(gold_entity, e) > 0]
        for key, value in attrs.items():
            got = [list(e[key]) if key == "period" and e.get(key) else e.get(key) for e in aligned]
            if value not in got:
                problems.append(f"{kind} {name}: {key} should be {value!r}, got {got}")
    names = {normalize_name(e["name"]) for e in pred["entities"] if e["type"] == "Person"}
    for person in MUST_NOT_PERSONS[gold_id]:
        if normalize_name(person) in names:
            problems.append(f"Person {person} is not in the article body or is not annotated (gold notes)")
    assert not problems, "\n".join(problems)


def extract_seeds_by_cli(hash_seed: str | None = None) -> str:
    """`coopgraph extract seeds --format jsonl` in a fresh interpreter (it loads the NLP models), its stdout."""
    env = {**os.environ, "PYTHONHASHSEED": hash_seed} if hash_seed is not None else None
    run = subprocess.run(
        [sys.executable, "-m", "coopgraph", "extract", "seeds", "--format", "jsonl"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


@pytest.mark.slow
def test_cli_extract_seeds_folder_emits_jsonl_with_sources():
    lines = [line for line in extract_seeds_by_cli().splitlines() if line.strip()]
    objs = [json.loads(line) for line in lines]
    assert sorted(o["source"] for o in objs) == sorted(f"seeds/{p.name}" for p in SEEDS.glob("*.txt"))
    for obj in objs:
        gold = GOLD[obj["source"]]
        assert all({"type", "name"} <= set(e) for e in obj["entities"])
        assert all({"type", "source", "target"} <= set(r) for r in obj["relations"])
        cli_score = score_article(gold, obj)
        lib_score = score_article(gold, predicted(gold["id"]))
        assert total(cli_score.relations).f1 == pytest.approx(total(lib_score.relations).f1), obj["source"]
        assert total(cli_score.entities).f1 == pytest.approx(total(lib_score.entities).f1), obj["source"]


@pytest.mark.slow
def test_extraction_does_not_depend_on_the_hash_seed():
    # Python salts str hashes per process, so a rule that walks a set of keys would order (or pick) facts
    # differently from run to run: seed 002 once listed its forum participations in either order
    assert extract_seeds_by_cli("1") == extract_seeds_by_cli("2")


def test_sentences_parsed_on_demand_give_the_facts_of_a_full_parse(monkeypatch):
    # nlp.py parses a sentence's syntax only when a rule first reads it; a rule that took an unparsed
    # sentence for a parsed one, or missed one it reads, would change the facts against a full parse
    from coopgraph.ingest import pipeline

    real = pipeline.parse_text
    made = []

    def lazy(*args, **kwargs):
        made.append(parsed := real(*args, **kwargs))
        return parsed

    def eager(*args, **kwargs):
        parsed = real(*args, **kwargs)
        for sent in parsed.sentences:
            for tok in sent.tokens:
                assert tok.head >= -1
        return parsed

    articles = [a for p in sorted(SEEDS.glob("*.txt")) for a in read_path(p)]
    monkeypatch.setattr(pipeline, "parse_text", lazy)
    on_demand = [extract_article(a).model_dump_json() for a in articles]
    owed, parsed = sum(p.syntax.owed for p in made), sum(p.syntax.parsed for p in made)
    assert parsed < owed, "every sentence was parsed: no rule asks only for the sentences it can read"
    monkeypatch.setattr(pipeline, "parse_text", eager)
    assert [extract_article(a).model_dump_json() for a in articles] == on_demand
