"""The scorer: matching rules case by case, agreement with the reference kgeval.py, and `coopgraph eval`."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import types
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from support import DATA, DEV, KGEVAL, ROOT, needs_dev

from coopgraph.commands.evaluate import eval_command
from coopgraph.ingest.evaluate import format_summary, read_gold, score_article, score_dir
from coopgraph.ingest.records import ArticleFacts, Entity, Evidence, Relation

GOLD = {
    "id": "t-1",
    "entities": [
        {"type": "Region", "name": "Северо-Казахстанская область", "aliases": ["СКО"]},
        {"type": "Region", "name": "Курганская область"},
        {"type": "City", "name": "Петропавловск"},
        {"type": "Country", "name": "Россия"},
        {"type": "Person", "name": "Вадим Шумков"},
        {"type": "Organization", "name": "Петропавловский электротехнический завод"},
        {"type": "Commodity", "name": "семена"},
        {
            "type": "Document",
            "name": "Дорожная карта по реализации соглашения 2025–2027",
            "kind": "дорожная карта",
            "period": [2025, 2027],
        },
    ],
    "relations": [
        {"type": "HOLDS_POSITION", "source": "Вадим Шумков", "target": "Курганская область", "title": "губернатор"},
        {"type": "VISITED", "source": "Вадим Шумков", "target": "Северо-Казахстанская область"},
        {
            "type": "EXPORTS_TO",
            "source": "Курганская область",
            "target": "Северо-Казахстанская область",
            "commodity": "семена",
        },
        {
            "type": "TRADE_VOLUME",
            "source": "Северо-Казахстанская область",
            "target": "Россия",
            "kind": "turnover",
            "value": 694000000,
            "currency": "USD",
        },
        {
            "type": "PARTY_TO",
            "source": "Курганская область",
            "target": "Дорожная карта по реализации соглашения 2025–2027",
        },
    ],
    "place_of": {"Петропавловск": "Северо-Казахстанская область"},
}


def totals(score, part="relations"):
    table = getattr(score, part)
    return sum(c.tp for c in table.values()), sum(c.fp for c in table.values()), sum(c.fn for c in table.values())


def pred_with(entity_changes=None, relation_changes=None, drop_relations=(), extra_relations=()):
    pred = copy.deepcopy({"entities": GOLD["entities"], "relations": GOLD["relations"]})
    for i, change in (entity_changes or {}).items():
        pred["entities"][i].update(change)
    for i, change in (relation_changes or {}).items():
        pred["relations"][i].update(change)
    pred["relations"] = [r for i, r in enumerate(pred["relations"]) if i not in drop_relations]
    pred["relations"] += list(extra_relations)
    return pred


def test_perfect_and_empty_predictions():
    perfect = score_article(GOLD, pred_with())
    assert totals(perfect, "entities") == (8, 0, 0) and totals(perfect) == (5, 0, 0)
    empty = score_article(GOLD, {"entities": [], "relations": []})
    assert totals(empty, "entities") == (0, 0, 8) and totals(empty) == (0, 0, 5)


@pytest.mark.parametrize(
    "index,name,matches",
    [
        (0, "СЕВЕРО-КАЗАХСТАНСКАЯ ОБЛАСТЬ", True),  # letter case
        (0, "Северо-Казахстанскую область", False),  # places need the canonical nominative
        (0, "СКО", False),  # an alias is not a place name
        (4, "Вадим Шумков", True),
        (4, "Вадима Шумкова", False),
        (5, "ТОО «Петропавловский электротехнический завод»", True),  # legal form and quotes dropped
        (5, "Петропавловского электротехнического завода", True),  # lemmas, fuzzy ≥ 90
        (5, "Кировский завод", False),
        (6, "семян", True),
        (7, "дорожная карта о сотрудничестве", True),  # same kind and period
    ],
)
def test_entity_name_rules(index, name, matches):
    pred = pred_with(entity_changes={index: {"name": name}})
    pred["relations"] = []
    tp, fp, fn = totals(score_article(GOLD, pred), "entities")
    assert (tp, fp, fn) == ((8, 0, 0) if matches else (7, 1, 1))


def test_kazakh_letters_and_yo_are_folded():
    gold = {
        "id": "k",
        "entities": [{"type": "Person", "name": "Берик Абдигалиулы"}, {"type": "City", "name": "Семей"}],
        "relations": [],
    }
    pred = {
        "entities": [{"type": "Person", "name": "Берік Әбдіғалиұлы"}, {"type": "City", "name": "Семёй"}],
        "relations": [],
    }
    assert totals(score_article(gold, pred), "entities") == (2, 0, 0)


@pytest.mark.parametrize(
    "relation,hit",
    [
        ({"type": "VISITED", "source": "Вадим Шумков", "target": "Петропавловск"}, True),  # City stands for its Region
        (
            {
                "type": "HOLDS_POSITION",
                "source": "Вадим Шумков",
                "target": "Курганская область",
                "title": "губернатора",
            },
            True,
        ),
        ({"type": "HOLDS_POSITION", "source": "Вадим Шумков", "target": "Курганская область"}, True),  # no title: any
        ({"type": "HOLDS_POSITION", "source": "Вадим Шумков", "target": "Курганская область", "title": "аким"}, False),
        (
            {
                "type": "TRADE_VOLUME",
                "source": "Россия",
                "target": "Северо-Казахстанская область",
                "kind": "turnover",
                "value": 700000000,
                "currency": "USD",
            },
            True,
        ),
        (
            {
                "type": "TRADE_VOLUME",
                "source": "Северо-Казахстанская область",
                "target": "Россия",
                "kind": "turnover",
                "value": 720000000,
                "currency": "USD",
            },
            False,
        ),
        (
            {
                "type": "TRADE_VOLUME",
                "source": "Северо-Казахстанская область",
                "target": "Россия",
                "kind": "export",
                "value": 694000000,
                "currency": "USD",
            },
            False,
        ),
        (
            {
                "type": "EXPORTS_TO",
                "source": "Северо-Казахстанская область",
                "target": "Курганская область",
                "commodity": "семена",
            },
            False,
        ),
    ],
)
def test_relation_rules(relation, hit):
    index = {"VISITED": 1, "HOLDS_POSITION": 0, "TRADE_VOLUME": 3, "EXPORTS_TO": 2}[relation["type"]]
    pred = pred_with(drop_relations={index}, extra_relations=[relation])
    assert totals(score_article(GOLD, pred)) == ((5, 0, 0) if hit else (4, 1, 1))


def test_invalid_relations_are_false_positives():
    pred = pred_with(
        extra_relations=[
            {
                "type": "EXPORTS_TO",
                "source": "Курганская область",
                "target": "Россия",
                "commodity": "бананы",
            },  # unknown commodity
            {"type": "VISITED", "source": "Никто", "target": "Россия"},  # unknown endpoint
        ]
    )
    score = score_article(GOLD, pred)
    assert score.relations["invalid"].fp == 2 and totals(score) == (5, 2, 0)
    assert all(x.startswith("invalid ") for x in score.false_positives)


def test_unmatched_entity_endpoint_is_a_wrong_relation():
    pred = pred_with(
        entity_changes={4: {"name": "Вадим Шумкин"}},
        relation_changes={1: {"source": "Вадим Шумкин"}},
        drop_relations={0},
    )
    score = score_article(GOLD, pred)
    assert score.relations["VISITED"].fp == 1 and score.relations["VISITED"].fn == 1
    assert "VISITED ?Вадим Шумкин → Северо-Казахстанская область" in score.false_positives
    assert "VISITED Вадим Шумков → Северо-Казахстанская область" in score.misses


def test_score_dir_records_failures_and_format(tmp_path):
    (tmp_path / "t-1.json").write_text(
        json.dumps(dict(GOLD, text="Текст статьи о визите делегации."), ensure_ascii=False)
    )
    (tmp_path / "t-2.json").write_text(
        json.dumps(dict(GOLD, id="t-2", text="Вторая статья о визите делегации."), ensure_ascii=False)
    )
    seen = []

    def predict(article):
        seen.append(article.source)
        if article.source == "t-2.txt":
            raise RuntimeError("boom")
        return pred_with(drop_relations={4})

    summary = score_dir(tmp_path, predict)
    assert seen == ["t-1.txt", "t-2.txt"]
    assert summary.failures == ["t-2: RuntimeError: boom"]
    assert (summary.relations["ALL"].tp, summary.relations["ALL"].fn) == (4, 6)
    text = format_summary(summary, details=True)
    assert "== t-1" in text and "MISS PARTY_TO Курганская область → Дорожная карта" in text
    assert "FAILED t-2: RuntimeError: boom" in text
    assert text.splitlines()[-1].startswith("relation F1 0.571  entity F1 0.667  articles 2")


# ---------------------------------------------------------------- agreement with kgeval.py


def noisy_prediction(gold: dict, seed: int) -> dict:
    """Gold minus some entities and relations, with renamed, re-typed and invented ones."""
    ents, renamed = [], {}
    for i, e in enumerate(gold["entities"]):
        e = {k: v for k, v in e.items() if k != "aliases" or i % 2}
        if (i + seed) % 5 == 1:
            continue  # missed entity
        if e["type"] == "Organization" and i % 2:
            e["name"] = f"ТОО «{e['name']}»"
        elif e["type"] == "Region" and i % 3 == 0:
            e["name"] = e["name"].upper()
        elif e["type"] == "Person" and (i + seed) % 3 == 0:
            e["name"] = e["name"] + "а"  # a case form: wrong key
        elif e["type"] == "Commodity" and i % 4 == 0:
            e["name"] = e["name"] + "ы"
        elif e["type"] == "City" and gold.get("place_of", {}).get(e["name"]):
            e = {"type": "Region", "name": gold["place_of"][e["name"]]} if i % 2 else e
        renamed[gold["entities"][i]["name"]] = e["name"]
        ents.append(e)
    ents += [
        {"type": "Person", "name": "Иван Иванов"},
        {"type": "Commodity", "name": "бананы"},
        {"type": "Organization", "name": "Рога и копыта"},
    ]
    rels = []
    for i, r in enumerate(gold["relations"]):
        if (i + seed) % 4 == 2:
            continue
        r = dict(r)
        r["source"], r["target"] = renamed.get(r["source"], r["source"]), renamed.get(r["target"], r["target"])
        if r.get("commodity"):
            r["commodity"] = renamed.get(r["commodity"], r["commodity"])
        if r["type"] == "TRADE_VOLUME":
            r["value"] = r["value"] * (1.015 if i % 2 else 1.2)
            if r["kind"] == "turnover" and i % 3 == 0:
                r["source"], r["target"] = r["target"], r["source"]
        if r["type"] == "HOLDS_POSITION" and (i + seed) % 3 == 0:
            r["title"] = "министр" if i % 2 else "первый " + r.get("title", "")
        if r["type"] == "VISITED" and i % 5 == 0:
            r["source"], r["target"] = r["target"], r["source"]
        rels.append(r)
    rels += [
        {"type": "VISITED", "source": "Иван Иванов", "target": ents[0]["name"]},
        {"type": "EXPORTS_TO", "source": ents[0]["name"], "target": ents[-1]["name"], "commodity": "бананы"},
        {"type": "EXPORTS_TO", "source": ents[0]["name"], "target": ents[1]["name"], "commodity": "ананасы"},
        {"type": "PARTY_TO", "source": "Никто", "target": "Ничто"},
    ]
    return {"entities": ents, "relations": rels}


@needs_dev
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_agrees_with_kgeval(tmp_path, seed):
    golds = read_gold(DEV)
    assert len(golds) >= 5
    for g in golds:
        (tmp_path / f"{g['id']}.json").write_text(
            json.dumps(noisy_prediction(g, seed), ensure_ascii=False), encoding="utf-8"
        )
    out = subprocess.run(
        [sys.executable, str(KGEVAL), str(DEV), "--pred", str(tmp_path), "--json"],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    reference = json.loads(out.stdout)

    def predict(article):
        return json.loads((tmp_path / f"{Path(article.source).stem}.json").read_text(encoding="utf-8"))

    ours = score_dir(DEV, predict).to_dict()
    assert ours["articles"] == reference["articles"] and ours["failures"] == reference["failures"] == []
    for part in ("entities", "relations"):
        assert abs(ours[part]["ALL"]["f1"] - reference[part]["ALL"]["f1"]) <= 0.02
        assert set(ours[part]) == set(reference[part])
        for t, row in reference[part].items():
            assert abs(ours[part][t]["f1"] - row["f1"]) <= 0.02, (part, t)
            assert (ours[part][t]["tp"], ours[part][t]["fp"], ours[part][t]["fn"]) == (
                row["tp"],
                row["fp"],
                row["fn"],
            ), (part, t)
    # the noise is real: the scores are neither perfect nor empty
    assert 0.05 < ours["relations"]["ALL"]["f1"] < 0.95 and 0.2 < ours["entities"]["ALL"]["f1"] < 0.95


# ---------------------------------------------------------------- coopgraph eval


@pytest.fixture
def gold_dir(tmp_path_factory) -> Path:
    """Gold files for the project's own seeds: its annotations (tests/data/seeds) with the seed texts."""
    out = tmp_path_factory.mktemp("gold")
    for path in sorted((DATA / "seeds").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        gold["text"] = (ROOT / gold["source"]).read_text(encoding="utf-8")
        (out / path.name).write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return out


@pytest.fixture
def cli() -> click.Group:
    @click.group(context_settings={"help_option_names": ["-h", "--help"]})
    def group() -> None:
        """Test group."""

    group.add_command(eval_command)
    return group


def test_eval_help(cli):
    result = CliRunner().invoke(cli, ["eval", "-h"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "coopgraph eval" in result.output
    for option in ("--details", "--json", "--min-f1", "--pred"):
        assert option in result.output


def test_eval_with_saved_predictions(cli, tmp_path, gold_dir):
    golds = read_gold(gold_dir)
    for g in golds:
        (tmp_path / f"{g['id']}.json").write_text(
            json.dumps({"entities": g["entities"], "relations": g["relations"]}, ensure_ascii=False)
        )
    result = CliRunner().invoke(
        cli, ["eval", str(gold_dir), "--pred", str(tmp_path), "--json", "--details", "--min-f1", "0.99"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["relations"]["ALL"]["f1"] == 1.0 and summary["entities"]["ALL"]["f1"] == 1.0
    assert set(summary["details"]) == {g["id"] for g in golds}


def test_eval_min_f1_fails_with_exit_1(cli, tmp_path, gold_dir):
    result = CliRunner().invoke(cli, ["eval", str(gold_dir), "--pred", str(tmp_path), "--min-f1", "0.5"])
    assert result.exit_code == 1
    assert "relation F1 0.000 is below --min-f1 0.500" in result.output
    assert "FAILED 000_d8b8e7c70f541481: FileNotFoundError" in result.output


def test_eval_user_errors(cli, tmp_path):
    missing = CliRunner().invoke(cli, ["eval", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "does not exist" in missing.output
    empty = CliRunner().invoke(cli, ["eval", str(tmp_path)])
    assert empty.exit_code == 1 and f"Error: no gold *.json files in {tmp_path}" in empty.output


def facts_from_gold(gold: dict, article) -> ArticleFacts:
    """What a perfect pipeline would return, as the real pydantic records."""
    evidence = Evidence(sentence=article.text[:20], start=0, end=20)
    entities = [
        Entity(type=e["type"], name=e["name"], key=e["name"].lower(), aliases=e.get("aliases", []), kind=e.get("kind"))
        for e in gold["entities"]
    ]
    relations = [
        Relation(source_key=r["source"].lower(), target_key=r["target"].lower(), evidence=evidence, **r)
        for r in gold["relations"]
    ]
    return ArticleFacts(source=article.source, article=article, entities=entities, relations=relations)


def test_eval_runs_the_pipeline_on_reader_output(cli, monkeypatch, tmp_path, gold_dir):
    golds = {g["id"]: g for g in read_gold(gold_dir)}
    calls = tmp_path / "calls.jsonl"  # a file: extraction runs in worker processes

    def extract_article(article):
        with calls.open("a", encoding="utf-8") as out:
            out.write(json.dumps({"source": article.source, "title": article.title, "text": article.text}) + "\n")
        return facts_from_gold(golds[Path(article.source).stem], article)

    monkeypatch.setitem(
        sys.modules, "coopgraph.ingest.pipeline", types.SimpleNamespace(extract_article=extract_article)
    )
    result = CliRunner().invoke(cli, ["eval", str(gold_dir)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == f"relation F1 1.000  entity F1 1.000  articles {len(golds)}"
    seen = [json.loads(line) for line in calls.read_text(encoding="utf-8").splitlines()]
    seen = [a for a in seen if a["source"] != "<warm-up>"]  # the pool's warm-up before it forks
    assert sorted(a["source"] for a in seen) == [f"{i}.txt" for i in sorted(golds)]
    seed004 = next(a for a in seen if a["source"] == "004_86bc6ef7733bab73.txt")
    assert "Лента новостей" not in seed004["text"] and seed004["title"] == "Уголь в обмен на сыр"  # furniture stripped


# The probe sets (tests/data/probe*/README.md) were written to find misses; each rule change was checked
# against them. A floor a little under the score they reached keeps a later change from losing what they
# gained without anybody noticing; raise it when a change moves them up.
PROBE_FLOORS = [
    ("probe", 0.81, 32),
    ("probe2", 0.74, 32),
    ("probe3", 0.74, 32),
    ("probe4", 0.86, 43),
    ("probe5", 0.79, 43),
    ("probe6", 0.70, 32),
    ("probe7", 0.80, 24),
    ("probe8", 0.73, 18),
    ("probe9", 0.69, 18),  # kept unread: a floor on its score, never tuned on its misses
    ("probe10", 0.82, 18),
    ("probe11", 0.84, 18),
    ("probe12", 0.86, 36),
    ("probe13", 0.81, 24),
    ("probe14", 0.80, 18),
    ("probe15", 0.90, 18),
    ("probe16", 0.80, 18),
    ("probe17", 0.84, 30),
    ("probe18", 0.76, 30),
    ("probe19", 0.85, 43),  # real dev articles in other words
    ("probe20", 0.80, 43),  # the same, as the other side's outlet
]


@pytest.mark.parametrize("name, floor, count", PROBE_FLOORS)
def test_probe_sets_stay_above_their_floors(name: str, floor: float, count: int) -> None:
    from coopgraph.ingest.evaluate import facts_to_pred, read_gold, score_dir
    from coopgraph.ingest.pipeline import extract_article

    gold_dir = Path(__file__).resolve().parents[1] / "data" / name
    golds = read_gold(gold_dir)
    assert len(golds) == count, f"{gold_dir} should hold the {count} articles its README describes"
    summary = score_dir(gold_dir, lambda a: facts_to_pred(extract_article(a)), golds=golds)
    f1 = summary.relations["ALL"].f1
    assert f1 >= floor, f"{name}: relation F1 {f1:.3f} < {floor}"
