"""On the seed graph: rule and confidence reach Neo4j, commodities carry their HS class, --min-confidence filters."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from support import extract_seed_facts

from coopgraph.ingest.confidence import rule_confidence
from coopgraph.library import MIN_CONFIDENCE, bind_params, confidence_queries, load_library, resolve_name, run_query


def read(seed_graph, cypher: str, **params) -> list[dict]:
    driver, database = seed_graph
    records, _, _ = driver.execute_query(cypher, params, database_=database)
    return [r.data() for r in records]


def test_every_extracted_relation_has_a_rule_and_a_confidence():
    relations = [rel for facts in extract_seed_facts() for rel in facts.relations]
    assert relations
    missing = [(rel.type, rel.source, rel.target) for rel in relations if not rel.rule or rel.confidence is None]
    assert missing == []
    assert all(0 < rel.confidence <= 1 for rel in relations if rel.confidence is not None)


def test_every_report_and_fact_in_the_graph_carries_them(seed_graph):
    reports = read(
        seed_graph,
        "MATCH ()-[s:STATES]->() RETURN count(s) AS n, count(s.rule) AS rules, count(s.confidence) AS confidences",
    )[0]
    relations = sum(len(f.relations) for f in extract_seed_facts())
    assert reports["n"] > 0 and reports["n"] <= relations  # one report per (article, fact, sentence)
    assert reports["rules"] == reports["confidences"] == reports["n"]
    facts = read(
        seed_graph,
        "MATCH ()-[f:HOLDS_POSITION|VISITED|SIGNED|PARTY_TO|EXPORTS_TO|TRADE_VOLUME|PARTICIPATED_IN]->() "
        "RETURN f.fact_id AS id, f.confidence AS confidence, "
        "COLLECT { MATCH ()-[s:STATES {fact_id: f.fact_id}]->() RETURN s.confidence } AS reported",
    )
    assert facts
    # the fact carries the highest confidence among its reports
    assert [f["id"] for f in facts if f["confidence"] != max(f["reported"])] == []


def test_commodities_carry_their_hs_chapter_and_its_name(seed_graph):
    rows = read(seed_graph, "MATCH (c:Commodity) RETURN c.key AS key, c.hs_chapter AS chapter, c.hs_name AS name")
    by_key = {r["key"]: r for r in rows}
    assert by_key["каменный уголь"]["chapter"] == "27"
    assert by_key["каменный уголь"]["name"].startswith("Топливо минеральное, нефть")
    assert by_key["пшеница"]["chapter"] == "10" and by_key["пшеница"]["name"] == "Злаки"
    assert by_key["строительные материалы"]["chapter"] == "68-70"  # a product-group range
    extracted = {
        e.key.split(":", 1)[1]: e.hs_chapter
        for f in extract_seed_facts()
        for e in f.entities
        if e.type == "Commodity" and e.hs_chapter
    }
    assert extracted and all(by_key[key]["chapter"] == chapter for key, chapter in extracted.items())
    assert all(r["name"] for r in rows if r["chapter"])


# ---------------------------------------------------------------- min_confidence: facts below it are left out

LIBRARY = load_library()

# (query, parameters, columns that identify a row, the row): the row is listed at every threshold up to the
# confidence of the fact behind it and at none above, whatever the calibration (ingest/lexicons/confidence.toml)
# makes that confidence; the thresholds tried are every confidence the seed graph holds.
THRESHOLD_CASES = [
    ("visits_timeline", {"region": "СКО"}, ("visitor", "host"), ("Курганская область", "Северо-Казахстанская область")),
    (
        "visits_between",
        {"a": "Курганская область", "b": "СКО"},
        ("visitor", "host"),
        ("Гауез Нурмухамбетов", "Курганская область"),
    ),
    ("region_officials", {"region": "Карагандинская область"}, ("person", "title"), ("Женис Касымбек", "аким")),
    ("event_participants", {"event": "Форум межрегионального"}, ("participant",), ("Оренбургская область",)),
    (
        "enterprises_visited",
        {"region": "Курганская область"},
        ("organization", "visitor"),
        ("Радуга", "Курганская область"),
    ),
    ("region_documents", {"region": "ЗКО"}, ("kind",), ("дорожная карта",)),
    (
        "documents_between",
        {"a": "Карагандинская область", "b": "Минская область"},
        ("document",),
        ("Соглашение о сотрудничестве",),
    ),
    ("trade_figures", {"a": "СКО", "b": "РФ"}, ("kind", "value"), ("turnover", 694_000_000)),
    ("region_trade_figures", {"region": "Новгородская область"}, ("target", "value"), ("Казахстан", 57_100_000)),
    (
        "exports_imports",
        {"region": "Карагандинская область", "partner": "Беларусь"},
        ("direction", "commodity"),
        ("export", "каменный уголь"),
    ),
    ("region_trade_flows", {"region": "Астрахани"}, ("direction", "commodity"), ("export", "рыба")),
    ("commodity_exporters", {"commodity": "черных металлов"}, ("exporter",), ("Карагандинская область",)),
    ("new_since", {"since": "2025-01-01"}, ("relation", "source", "target"), ("VISITED", "Евгений Солнцев", "Уральск")),
    (
        "single_source_facts",
        {"max_support": 1},
        ("relation", "source", "qualifier"),
        ("EXPORTS_TO", "Карагандинская область", "каменный уголь"),
    ),
    (
        "single_source_facts",
        {"max_support": 1},
        ("relation", "source", "qualifier"),
        ("HOLDS_POSITION", "Андрей Никитин", "губернатор"),
    ),
    ("exports_by_hs_chapter", {"place": "Карагандинская область"}, ("hs_chapter",), ("27",)),
]


def run(seed_graph, name: str, **given) -> list[dict]:
    driver, database = seed_graph
    query = LIBRARY.get(name)
    _keys, rows = run_query(driver, query, bind_params(query, given, resolve_name), database=database)
    return rows


def keys_of(rows: list[dict], columns: tuple[str, ...]) -> set[tuple]:
    return {tuple(r[c] for c in columns) for r in rows}


def graph_confidences(seed_graph) -> list[float]:
    rows = read(seed_graph, "MATCH ()-[f]->() WHERE f.confidence IS NOT NULL RETURN DISTINCT f.confidence AS c")
    return sorted(r["c"] for r in rows)


@pytest.mark.parametrize("name, params, columns, row", THRESHOLD_CASES)
def test_a_threshold_keeps_facts_at_it_and_leaves_out_those_below(seed_graph, name, params, columns, row):
    assert row in keys_of(run(seed_graph, name, **params), columns)  # no threshold: the default, 0
    known = graph_confidences(seed_graph)
    thresholds = [0.0, *known, min(1.0, known[-1] + 0.001)]
    listed = [row in keys_of(run(seed_graph, name, **params, min_confidence=t), columns) for t in thresholds]
    cut = listed.index(False) if False in listed else len(listed)
    assert 1 < cut < len(listed), listed  # kept at some fact's confidence, left out above every one
    assert not any(listed[cut:]), listed  # and never again at a higher threshold


def test_every_query_that_takes_a_threshold_has_a_case():
    assert {case[0] for case in THRESHOLD_CASES} == set(confidence_queries(LIBRARY))
    for name in confidence_queries(LIBRARY):
        param = LIBRARY.get(name).param(MIN_CONFIDENCE)
        assert param is not None and param.type == "float" and param.default == 0


@pytest.mark.parametrize("threshold", [0.6, 0.85])
def test_no_listed_fact_is_below_the_threshold(seed_graph, threshold):
    for name in confidence_queries(LIBRARY):
        query = LIBRARY.get(name)
        rows = run(seed_graph, name, **dict(query.example_params(), min_confidence=threshold))
        ids = sorted({i for r in rows for i in [r.get("fact_id"), *(r.get("fact_ids") or [])] if i})
        found = read(
            seed_graph,
            # the facts themselves: their reports (STATES, which carry the fact_id too) each have their own rule's
            "UNWIND $ids AS id MATCH ()-[f]->() WHERE f.fact_id = id AND type(f) <> 'STATES' "
            "RETURN id, f.confidence AS confidence",
            ids=ids,
        )
        assert len({f["id"] for f in found}) == len(ids), name
        assert [f for f in found if f["confidence"] < threshold] == [], name


def test_single_source_facts_show_rule_and_confidence_least_sure_first(seed_graph):
    rows = run(seed_graph, "single_source_facts", max_support=1)
    assert rows and all(r["rule"] and r["confidence"] is not None for r in rows)
    assert [r["confidence"] for r in rows] == sorted(r["confidence"] for r in rows)
    nikitin = next(r for r in rows if (r["relation"], r["source"]) == ("HOLDS_POSITION", "Андрей Никитин"))
    assert nikitin["rule"] == "position.title"
    assert nikitin["confidence"] == rule_confidence()["position.title"]  # the calibrated precision of its rule
    sure = run(seed_graph, "single_source_facts", max_support=1, min_confidence=0.8)
    assert sure and all(r["confidence"] >= 0.8 for r in sure) and len(sure) < len(rows)


# ---------------------------------------------------------------- the CLI and the reports


def invoke(neo4j_settings, *args: str):
    from coopgraph.cli import cli

    env = {
        "NEO4J_URI": neo4j_settings.uri,
        "NEO4J_USER": neo4j_settings.user,
        "NEO4J_PASSWORD": neo4j_settings.password,
        "NEO4J_DATABASE": neo4j_settings.database,
    }
    return CliRunner().invoke(cli, list(args), env=env)


def test_cli_min_confidence_filters_the_queries_that_list_facts(seed_graph, neo4j_settings):
    args = ["query", "run", "single_source_facts", "-p", "max_support", "1", "--format", "json"]
    result = invoke(neo4j_settings, *args, "--min-confidence", "0.8")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all(r["confidence"] >= 0.8 for r in rows)
    assert ("HOLDS_POSITION", "Андрей Никитин") in {(r["relation"], r["source"]) for r in rows}


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["query", "run", "region_profile", "-p", "region", "СКО", "--min-confidence", "0.8"],
            "query 'region_profile' does not filter facts by confidence",
        ),
        (
            [
                "query",
                "run",
                "new_since",
                "-p",
                "since",
                "2025",
                "-p",
                "min_confidence",
                "0.5",
                "--min-confidence",
                "0.8",
            ],
            "give min_confidence once",
        ),
        (["query", "run", "new_since", "-p", "since", "2025", "--min-confidence", "2"], "not in the range"),
        (["report", "region", "СКО", "--min-confidence", "-1"], "not in the range"),
    ],
)
def test_cli_min_confidence_errors_are_one_line(seed_graph, neo4j_settings, args, message):
    result = invoke(neo4j_settings, *args)
    assert result.exit_code != 0 and message in result.output and "Traceback" not in result.output
    if "does not filter" in message:
        error = [line for line in result.output.splitlines() if line.startswith("Error:")]
        assert len(error) == 1 and "single_source_facts" in error[0]  # it names the queries that do


def test_reports_leave_out_facts_below_the_threshold_and_say_which_sections_count_all(seed_graph):
    from coopgraph.report import build_pair_report, build_region_report

    driver, database = seed_graph
    region = "Северо-Казахстанская область"
    every = build_region_report(driver, region, database=database)
    visitors = {r["visitor"] for r in every.section("visits").rows}
    assert "Курганская область" in visitors
    assert "confidence" not in every.subtitle
    counts = []
    for t in graph_confidences(seed_graph):  # the dossier's visits are the timeline query's at each threshold
        sure = build_region_report(driver, region, database=database, min_confidence=t)
        got = {r["visitor"] for r in sure.section("visits").rows}
        assert got == {r["visitor"] for r in run(seed_graph, "visits_timeline", region=region, min_confidence=t)}
        assert got <= visitors
        counts.append(sum(len(section.rows) for section in sure.sections))
    assert counts == sorted(counts, reverse=True)  # a higher threshold never lists more
    assert any(0 < c < counts[0] for c in counts)  # some threshold keeps some facts and leaves out others
    sure = build_region_report(driver, region, database=database, min_confidence=0.8)
    assert "facts with confidence ≥ 0.8" in sure.subtitle and "region_profile" in sure.subtitle
    above = min(1.0, graph_confidences(seed_graph)[-1] + 0.001)
    pair = build_pair_report(driver, "Карагандинская область", "Беларусь", database=database)
    assert pair.section("trade").rows and pair.section("figures").rows
    none = build_pair_report(driver, "Карагандинская область", "Беларусь", database=database, min_confidence=above)
    assert none.section("trade").rows == [] and none.section("figures").rows == []
