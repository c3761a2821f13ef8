"""The query library: loader checks on bad files, and every query run on the seeds + dev graph with expected rows."""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner
from support import seed_texts

from coopgraph.library import (
    ParamError,
    QueryFileError,
    bind_params,
    coerce_value,
    find_parameters,
    load_library,
    parse_query,
    resolve_name,
    run_cypher,
    run_query,
)

LIBRARY = load_library()

# ---------------------------------------------------------------- the loader (no database)

GOOD = """// name: {name}
// title: A test query
// description: Rows for the tests.
// param: region: region = "Курганская область" -- the region
// mode: read
MATCH (r:Region {{name: $region}}) RETURN r.name AS name
"""


def write(tmp_path, filename: str, text: str):
    path = tmp_path / filename
    path.write_text(text, encoding="utf-8")
    return path


def test_loader_reads_a_good_file(tmp_path):
    write(tmp_path, "a.cypher", GOOD.format(name="a"))
    lib = load_library(tmp_path)
    q = lib.get("a")
    assert q.title == "A test query" and q.mode == "read"
    assert [(p.name, p.type, p.example, p.doc) for p in q.params] == [
        ("region", "region", "Курганская область", "the region")
    ]
    assert q.body.startswith("MATCH (r:Region")


def test_loader_rejects_duplicate_names_naming_both_files(tmp_path):
    first = write(tmp_path, "a.cypher", GOOD.format(name="same"))
    second = write(tmp_path, "b.cypher", GOOD.format(name="same"))
    with pytest.raises(QueryFileError) as err:
        load_library(tmp_path)
    assert str(err.value).startswith(f"{second}:1: duplicate query name 'same'")
    assert f"{first}:1" in str(err.value)


def test_loader_rejects_a_parameter_the_body_uses_but_does_not_declare(tmp_path):
    text = GOOD.format(name="a").replace("RETURN r.name AS name", "\nRETURN r.name AS name LIMIT $limt")
    path = write(tmp_path, "a.cypher", text)
    with pytest.raises(QueryFileError) as err:
        load_library(tmp_path)
    assert str(err.value) == f"{path}:7: parameter $limt is used but not declared; did you mean 'region'?"
    assert err.value.line == 7


def test_loader_rejects_a_declared_parameter_the_body_does_not_use(tmp_path):
    text = GOOD.format(name="a").replace("// mode: read", "// param: limit: int = 5 -- rows\n// mode: read")
    path = write(tmp_path, "a.cypher", text)
    with pytest.raises(QueryFileError) as err:
        load_library(tmp_path)
    assert str(err.value) == f"{path}:5: parameter 'limit' is declared but the query does not use it"


def test_parameters_in_comments_and_strings_do_not_count(tmp_path):
    body = (
        "MATCH (r:Region {name: $region})\n// $ghost in a comment\n"
        "RETURN '$not_a_param' AS s, \"$nor_this\" AS t, r /* $nor_that */"
    )
    assert find_parameters(body) == {"region": 1}
    text = GOOD.format(name="a").split("MATCH")[0] + body
    assert parse_query(text, tmp_path / "a.cypher").name == "a"


@pytest.mark.parametrize(
    "header, problem",
    [
        ("// title: T\n// description: D\n// mode: read\n", ":1: missing header key 'name'"),
        ("// name: a\n// title: T\n// mode: read\n", ":1: missing header key 'description'"),
        ("// name: a\n// title: T\n// description: D\n// mode: raed\n", ":4: mode must be one of read, write"),
        ("// name: a b\n// title: T\n// description: D\n// mode: read\n", ":1: query name 'a b' is not an identifier"),
        (
            '// name: a\n// title: T\n// description: D\n// mode: read\n// param: x: strng = "v" -- x\n',
            ":5: unknown type 'strng' for 'x'",
        ),
        (
            '// name: a\n// title: T\n// description: D\n// mode: read\n// param: x: int = "v" -- x\n',
            ":5: example for 'x': expected an integer",
        ),
        (
            "// name: a\n// title: T\n// description: D\n// mode: read\n// param: x: string = v -- x\n",
            ":5: example for 'x' must be a JSON literal",
        ),
        (
            "// name: a\n// title: T\n// description: D\n// mode: read\n// colour: red\n",
            ":5: unknown header key 'colour'",
        ),
        (
            "// name: a\n// name: b\n// title: T\n// description: D\n// mode: read\n",
            ":2: header key 'name' given twice",
        ),
    ],
)
def test_loader_names_file_and_line_of_each_problem(tmp_path, header, problem):
    path = write(tmp_path, "q.cypher", header + "RETURN $x AS x\n" if "param" in header else header + "RETURN 1\n")
    with pytest.raises(QueryFileError) as err:
        load_library(tmp_path)
    assert str(err.value).startswith(f"{path}{problem}")


def test_the_library_itself_loads():
    assert len(LIBRARY) >= 15


def test_parameters_are_typed_and_resolved_through_the_gazetteer():
    q = LIBRARY.get("region_profile")
    notes: list[str] = []
    assert bind_params(q, {"region": "СКО"}, resolve_name, notes) == {"region": "Северо-Казахстанская область"}
    assert notes == ["region: СКО → Северо-Казахстанская область"]
    assert bind_params(q, {"region": "Курганской области"}, resolve_name) == {"region": "Курганская область"}
    # a city stands for its region
    assert bind_params(q, {"region": "Петропавловск"}, resolve_name) == {"region": "Северо-Казахстанская область"}
    assert coerce_value("int", "12") == 12 and coerce_value("list", "a, b") == ["a", "b"]
    assert coerce_value("date", "2025-05") == "2025-05" and coerce_value("bool", "yes") is True


@pytest.mark.parametrize(
    "given, message",
    [
        ({"regin": "СКО"}, "has no parameter 'regin'; did you mean 'region'?"),
        ({}, "missing parameter 'region' (region) for query 'region_profile'"),
        (
            {"region": "Курганскоы"},
            "no region called 'Курганскоы' in the gazetteer; did you mean 'Курганская область'?",
        ),
        ({"region": "Казахстан"}, "'Казахстан' is a country (Казахстан), not a region"),
    ],
)
def test_parameter_errors_name_the_closest_valid_choice(given, message):
    with pytest.raises(ParamError) as err:
        bind_params(LIBRARY.get("region_profile"), given, resolve_name)
    assert message in str(err.value)


def test_ill_typed_parameter_is_an_error():
    with pytest.raises(ParamError, match="parameter 'limit' of query 'most_active_people': expected an integer"):
        bind_params(LIBRARY.get("most_active_people"), {"limit": "many"}, resolve_name)
    with pytest.raises(ParamError, match="expected an ISO date"):
        bind_params(LIBRARY.get("new_since"), {"since": "May 2025"}, resolve_name)


# ---------------------------------------------------------------- every query on the seeds + dev graph


@pytest.fixture
def seeds(seed_graph):
    """The project's own articles, extracted and loaded by the real pipeline (once per session)."""
    return seed_graph


def run(seeds, name: str, **given) -> list[dict]:
    driver, database = seeds
    query = LIBRARY.get(name)
    params = bind_params(query, given, resolve_name)
    _keys, rows = run_query(driver, query, params, database=database)
    return rows


def pick(rows: list[dict], *keys: str) -> set[tuple]:
    return {tuple(r[k] for k in keys) for r in rows}


def test_every_query_runs_with_its_example_values(seeds):
    for query in LIBRARY:
        rows = run(seeds, query.name, **query.example_params())
        assert rows, f"{query.name} returned no rows for its own example"


def plan_operators(plan: dict) -> list[tuple[str, str]]:
    """(operator, details) of every step of a plan, depth first."""
    out = [(plan["operatorType"], str(plan.get("args", {}).get("Details", "")))]
    for child in plan.get("children", []):
        out += plan_operators(child)
    return out


def test_no_query_scans_the_report_index(seeds):
    """A fact's reports are found by seeking its id in the STATES.fact_id index, whatever the planner's statistics
    say at the time (a scan of the whole index per fact took `as_of` from 17 to 851 ms at 1k articles in one
    bench run): every query that reads reports asks for a seek (`USING INDEX SEEK`; a plain `USING INDEX` still
    let the planner scan `as_of`'s in one run of three here), and its plan seeks."""
    driver, database = seeds
    scans, unindexed = [], []
    for query in LIBRARY:
        params = bind_params(query, query.example_params(), resolve_name)
        plan = driver.execute_query("EXPLAIN " + query.body, params, database_=database).summary.plan
        on_reports = [(op, d) for op, d in plan_operators(plan) if "Index" in op and ":STATES(fact_id)" in d]
        scans += [(query.name, d) for op, d in on_reports if "Seek" not in op]
        if "STATES {fact_id" in query.body and not on_reports:
            unindexed.append(query.name)
    assert not scans, scans
    assert not unindexed, unindexed


def test_region_profile_ranks_partners_by_facts(seeds):
    rows = run(seeds, "region_profile", region="Курганской области")
    assert rows[0]["partner"] == "Северо-Казахстанская область"  # dev-000: visits, roadmap, seeds exports
    assert rows[0]["facts"] >= 3
    assert {"VISITED", "PARTY_TO"} <= set(rows[0]["kinds"])
    assert [r["facts"] for r in rows] == sorted((r["facts"] for r in rows), reverse=True)
    assert "Казахстан занял первое место по объему экспортируемых товаров из Курганской области" in rows[0]["sources"]


def test_cooperation_network_is_weighted(seeds):
    rows = run(seeds, "cooperation_network", min_weight=1)
    pairs = {(r["a"], r["b"]): r["weight"] for r in rows}
    assert pairs[("Астраханская область", "Атырауская область")] >= 5  # dev-001: a dozen goods and a plan
    assert pairs[("Курганская область", "Северо-Казахстанская область")] >= 3
    assert ("Западно-Казахстанская область", "Оренбургская область") in pairs
    heavy = run(seeds, "cooperation_network", min_weight=5)
    assert all(r["weight"] >= 5 for r in heavy) and len(heavy) < len(rows)


def test_visits_timeline_lists_each_visit_once_with_its_head_and_sources(seeds):
    rows = run(seeds, "visits_timeline", region="СКО")
    # seed 000 and the second Kurgan report: the May visit there and the visit back, one row each,
    # the governor its head (not a row of his own)
    got = {(r["visitor"], r["host"], r["direction"]): r for r in rows}
    there = got[("Северо-Казахстанская область", "Курганская область", "out")]
    back = got[("Курганская область", "Северо-Казахстанская область", "in")]
    assert there["date"] == "2025-05" and there["date_source"] == "event" and there["reports"] == 2
    assert "Вадим Шумков" in back["heads"] and back["date_source"] in ("published", "ingested")
    assert not any(r["visitor"] == "Вадим Шумков" for r in rows)
    assert len(rows) == len({r["visit"] for r in rows})
    assert all(r["sources"] and r["evidence"] and r["fact_ids"] for r in rows)
    dated = run(seeds, "visits_timeline", region="Западно-Казахстанская область")
    solntsev = [r for r in dated if "Евгений Солнцев" in r["heads"]]  # seed 002
    assert solntsev and solntsev[0]["date"] == "2025-11-13" and "Уральск" in solntsev[0]["stops"]


def test_region_documents_with_parties_and_signatories(seeds):
    rows = run(seeds, "region_documents", region="ЗКО")
    roadmaps = [r for r in rows if r["kind"] == "дорожная карта"]
    assert roadmaps, rows
    assert "Оренбургская область" in roadmaps[0]["other_parties"]
    assert {"Евгений Солнцев", "Нариман Турегалиев"} <= set(roadmaps[0]["signatories"])


def test_documents_between_two_regions(seeds):
    rows = run(seeds, "documents_between", a="Курганская область", b="СКО")
    roadmaps = [r for r in rows if r["kind"] == "дорожная карта"]
    assert any(r["period_from"] == 2025 and r["period_to"] == 2027 for r in roadmaps), rows  # seed 000
    assert {"Вадим Шумков", "Гауез Нурмухамбетов"} <= {s for r in roadmaps for s in r["signatories"]}
    assert all({"Курганская область", "Северо-Казахстанская область"} <= set(r["parties"]) for r in roadmaps)
    plans = run(seeds, "documents_between", a="Астраханская область", b="Атырауская область")
    assert any(
        r["kind"] == "план мероприятий" and {"Астраханская область", "Атырауская область"} <= set(r["parties"])
        for r in plans
    )


def test_exports_and_imports_of_a_pair_by_commodity(seeds):
    rows = run(seeds, "exports_imports", region="Карагандинская область", partner="Беларусь")
    got = pick(rows, "direction", "commodity")
    assert {
        ("export", "каменный уголь"),
        ("export", "ферросплавы"),
        ("export", "нефть"),
        ("import", "средства наземного транспорта"),
        ("import", "строительные материалы"),
    } <= got
    assert all(r["importer"] in ("Беларусь", "Минская область") for r in rows if r["direction"] == "export")


def test_region_trade_flows_with_every_partner(seeds):
    rows = run(seeds, "region_trade_flows", region="Астрахани")
    got = pick(rows, "direction", "commodity", "partner")
    assert {
        ("export", "рыба", "Атырауская область"),
        ("export", "арбузы", "Атырауская область"),
        ("import", "механические устройства", "Казахстан"),
    } <= got


def test_who_exports_a_commodity(seeds):
    rows = run(seeds, "commodity_exporters", commodity="черных металлов")
    assert {"Карагандинская область", "Казахстан"} <= {r["exporter"] for r in rows}
    assert all("черных металлов" in r["commodity"] for r in rows)


def test_officials_of_a_region_and_their_titles(seeds):
    rows = run(seeds, "region_officials", region="Карагандинская область")
    assert ("Женис Касымбек", "аким") in pick(rows, "person", "title")
    rows = run(seeds, "region_officials", region="Астраханская область")
    assert ("Игорь Бабушкин", "губернатор") in pick(rows, "person", "title")


def test_trade_figures_of_a_pair_flag_conflicts(seeds):
    rows = run(seeds, "trade_figures", a="СКО", b="РФ")
    turnover = {r["value"]: r for r in rows if r["kind"] == "turnover"}
    assert {694_000_000, 700_000_000} <= set(turnover)  # seed 000 and dev-101 disagree
    assert turnover[694_000_000]["conflict"] and turnover[700_000_000]["conflict"]
    assert set(turnover[694_000_000]["reported_values"]) >= {694_000_000, 700_000_000}


def test_region_trade_figures(seeds):
    rows = run(seeds, "region_trade_figures", region="Новгородская область")
    assert ("Казахстан", "turnover", 57_100_000, 2022) in pick(rows, "target", "kind", "value", "year")


def test_most_active_regions_and_people(seeds):
    regions = run(seeds, "most_active_regions", limit=10)
    assert len(regions) == 10
    assert {"Астраханская область", "Курганская область", "Карагандинская область"} <= {r["region"] for r in regions}
    assert [r["facts"] for r in regions] == sorted((r["facts"] for r in regions), reverse=True)
    people = run(seeds, "most_active_people", limit=10)
    shumkov = next(r for r in people if r["person"] == "Вадим Шумков")
    assert "губернатор (Курганская область)" in shumkov["positions"] and shumkov["articles"] == 2


def test_enterprises_visited(seeds):
    rows = run(seeds, "enterprises_visited", region="Курганская область")
    # dev-000: the Kurgan delegation visited ТОО «Радуга», the Petropavlovsk electrotechnical plant, ...
    assert {"Радуга", "Петропавловский электротехнический завод"} & {r["organization"] for r in rows}
    assert all(r["visitor"] in ("Курганская область", "Вадим Шумков") for r in rows)


def test_events_and_their_participants(seeds):
    rows = run(seeds, "event_participants", event="Форум межрегионального")
    got = pick(rows, "event", "participant")
    xxi = "XXI Форум межрегионального сотрудничества России и Казахстана"
    assert {(xxi, "Оренбургская область"), (xxi, "Западно-Казахстанская область")} <= got
    assert all(r["place"] for r in rows if r["type"] in ("Person", "Region"))


def test_shortest_connection_between_two_people(seeds):
    rows = run(seeds, "shortest_connection", a="Вадим Шумков", b="Гауез Нурмухамбетов")
    assert len(rows) == 2  # both signed the 2025–2027 roadmap; or the governor visited the akim's region
    assert rows[0]["from"] == "Вадим Шумков" and rows[-1]["to"] == "Гауез Нурмухамбетов"
    assert [r["step"] for r in rows] == [1, 2]


def test_the_evidence_for_one_fact(seeds):
    rows = run(seeds, "fact_evidence", fact_id=LIBRARY.get("fact_evidence").example_params()["fact_id"])
    assert {(r["relation"], r["source"], r["target"]) for r in rows} == {
        ("VISITED", "Курганская область", "Северо-Казахстанская область")
    }
    texts = seed_texts()
    for r in rows:
        assert r["evidence"] in texts[r["article"]]
        assert texts[r["article"]][r["start"] : r["end"]] == r["evidence"]


def test_what_is_new_since_a_date(seeds):
    rows = run(seeds, "new_since", since="2025-01-01")
    assert ("VISITED", "Евгений Солнцев", "Уральск") in pick(rows, "relation", "source", "target")  # seed 002
    assert all(r["first_seen"] >= "2025-01-01" for r in rows)
    older = run(seeds, "new_since", since="2023-01-01")
    assert ("TRADE_VOLUME", "Новгородская область", "Казахстан") in pick(older, "relation", "source", "target")
    assert ("TRADE_VOLUME", "Новгородская область", "Казахстан") not in pick(rows, "relation", "source", "target")


def test_what_the_graph_knew_on_a_date(seeds):
    rows = run(seeds, "as_of", as_of="2025-11-13")
    got = pick(rows, "relation", "source", "target")
    assert ("TRADE_VOLUME", "Новгородская область", "Казахстан") in got  # reported before
    assert ("VISITED", "Евгений Солнцев", "Уральск") not in got  # seed 002: first reported that day
    assert all(r["first_seen"] < "2025-11-13" and 1 <= r["support"] <= r["support_now"] for r in rows)
    later = run(seeds, "as_of", as_of="2025-12")
    assert ("VISITED", "Евгений Солнцев", "Уральск") in pick(later, "relation", "source", "target")


def test_facts_supported_by_a_single_source(seeds):
    rows = run(seeds, "single_source_facts", max_support=1)
    got = pick(rows, "relation", "source", "target", "qualifier")
    assert ("EXPORTS_TO", "Карагандинская область", "Беларусь", "каменный уголь") in got
    # two articles name Шумков governor (seed 000, dev-101): not a single-source fact
    assert ("HOLDS_POSITION", "Вадим Шумков", "Курганская область", "губернатор") not in got
    assert all(r["support"] == 1 for r in rows)
    both = run(seeds, "single_source_facts", max_support=2)
    assert ("HOLDS_POSITION", "Вадим Шумков", "Курганская область", "губернатор") in pick(
        both, "relation", "source", "target", "qualifier"
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Шумкова", "Вадим Шумков"),
        ("Бабушкиным", "Игорь Бабушкин"),
        ("Курганской", "Курганская область"),
        ("СКО", "Северо-Казахстанская область"),
        ("Новгородского университета", "Новгородский государственный университет"),
    ],
)
def test_entity_search_by_any_inflected_form(seeds, text, expected):
    rows = run(seeds, "entity_search", q=text)
    assert rows and rows[0]["name"] == expected


def test_entity_search_survives_lucene_syntax(seeds):
    assert run(seeds, "entity_search", q='a+b(:"') == []


def test_region_activity_by_month(seeds):
    rows = run(seeds, "region_activity", region="Западно-Казахстанская область")
    months = {r["month"]: r for r in rows}
    assert months["2025-11"]["facts"] >= 3 and months["2025-11"]["articles"] == 1  # seed 002, 13 Nov 2025


def test_visits_between_two_places(seeds):
    rows = run(seeds, "visits_between", a="Курганская область", b="СКО")
    assert (
        "Курганская область",
        "Северо-Казахстанская область",
        "Курганская область → Северо-Казахстанская область",
    ) in pick(rows, "visitor", "host", "direction")


def test_exports_by_hs_chapter_from_a_place_and_from_everywhere(seeds):
    karaganda = {r["hs_chapter"]: r for r in run(seeds, "exports_by_hs_chapter", place="Карагандинская область")}
    assert karaganda["27"]["hs_name"].startswith("Топливо минеральное")
    assert set(karaganda["27"]["commodities"]) == {"каменный уголь", "нефть", "нефтепродукты"}  # seeds: minsk_karaganda
    assert karaganda["27"]["partners"] == ["Беларусь"] and karaganda["27"]["flows"] == 3
    assert karaganda["27"]["evidence"] >= 3 and karaganda["27"]["examples"] and len(karaganda["27"]["fact_ids"]) == 3
    assert {"72", "73"} <= set(karaganda)  # ferroalloys and rolled steel; iron and steel articles
    # a country holds its regions and cities; flows inside it are not its exports
    kz = run(seeds, "exports_by_hs_chapter", place="Казахстан")
    assert "Карагандинская область" in {x for r in kz for x in r["exporters"]}
    assert all(p not in ("Казахстан", "Карагандинская область", "Караганда") for r in kz for p in r["partners"])
    everywhere = run(seeds, "exports_by_hs_chapter")  # no place: every exporter
    assert sum(r["flows"] for r in everywhere) > sum(r["flows"] for r in kz)
    assert [r["flows"] for r in everywhere] == sorted((r["flows"] for r in everywhere), reverse=True)
    unclassed = [r for r in everywhere if r["hs_chapter"] is None]
    assert len(unclassed) <= 1 and all(r["commodities"] == [] for r in unclassed)  # flows naming no good


def test_every_query_has_a_specific_test():
    tested = {
        "region_profile",
        "cooperation_network",
        "visits_timeline",
        "region_documents",
        "documents_between",
        "exports_imports",
        "region_trade_flows",
        "commodity_exporters",
        "region_officials",
        "trade_figures",
        "region_trade_figures",
        "most_active_regions",
        "most_active_people",
        "enterprises_visited",
        "event_participants",
        "shortest_connection",
        "fact_evidence",
        "new_since",
        "as_of",
        "single_source_facts",
        "entity_search",
        "region_activity",
        "visits_between",
        "exports_by_hs_chapter",
    }
    assert {q.name for q in LIBRARY} == tested


# ---------------------------------------------------------------- read-only execution and the CLI


def test_a_read_transaction_refuses_writes(seeds):
    from coopgraph.library import WriteRefused

    driver, database = seeds
    with pytest.raises(WriteRefused):
        run_cypher(driver, "CREATE (:Probe {x: $x})", {"x": 1}, database=database)
    _keys, rows = run_cypher(driver, "MATCH (p:Probe) RETURN count(p) AS n", database=database)
    assert rows == [{"n": 0}]


def test_the_timeout_stops_a_long_query(seeds):
    from neo4j.exceptions import ClientError

    driver, database = seeds
    started = time.monotonic()
    with pytest.raises(ClientError):
        run_cypher(driver, "UNWIND range(1, 1000000000) AS x RETURN sum(x)", database=database, timeout=0.5)
    assert time.monotonic() - started < 20


def cli_env(neo4j_settings) -> dict[str, str]:
    return {
        "NEO4J_URI": neo4j_settings.uri,
        "NEO4J_USER": neo4j_settings.user,
        "NEO4J_PASSWORD": neo4j_settings.password,
        "NEO4J_DATABASE": neo4j_settings.database,
    }


def invoke(neo4j_settings, *args: str):
    from coopgraph.cli import cli

    return CliRunner().invoke(cli, list(args), env=cli_env(neo4j_settings))


def test_cli_query_run_resolves_abbreviations_and_formats(seeds, neo4j_settings, tmp_path):
    result = invoke(neo4j_settings, "query", "run", "region_profile", "-p", "region", "СКО", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert "Курганская область" in {r["partner"] for r in rows}
    assert "resolved region: СКО → Северо-Казахстанская область" in result.stderr

    out = tmp_path / "rows.csv"
    result = invoke(
        neo4j_settings,
        "query",
        "run",
        "exports_imports",
        "--example",
        "--format",
        "csv",
        "-o",
        str(out),
        "--limit",
        "2",
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("direction,commodity,exporter,importer") and len(lines) == 3

    result = invoke(neo4j_settings, "query", "run", "trade_figures", "--example", "--format", "markdown")
    assert result.exit_code == 0 and result.stdout.startswith("| source | target | kind |")


@pytest.mark.parametrize(
    "args, message",
    [
        (["query", "run", "regon_profile"], "unknown query 'regon_profile'; did you mean 'region_profile'?"),
        (["query", "run", "region_profile"], "missing parameter 'region'"),
        (["query", "run", "region_profile", "-p", "regoin", "СКО"], "did you mean 'region'?"),
        (["query", "run", "most_active_people", "-p", "limit", "ten"], "expected an integer, got 'ten'"),
        (["query", "show", "trade_figure"], "did you mean 'trade_figures'?"),
    ],
)
def test_cli_errors_are_clear(seeds, neo4j_settings, args, message):
    result = invoke(neo4j_settings, *args)
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_cli_cypher_is_read_only_unless_write(seeds, neo4j_settings):
    result = invoke(neo4j_settings, "cypher", "CREATE (p:Probe {at: $at}) RETURN p.at AS at", "-p", "at", "1")
    assert result.exit_code == 1 and "add --write" in result.output
    result = invoke(neo4j_settings, "cypher", "MATCH (p:Probe) RETURN count(p) AS n", "--format", "json")
    assert json.loads(result.stdout) == [{"n": 0}]
    result = invoke(
        neo4j_settings,
        "cypher",
        "CREATE (p:Probe {at: $at}) RETURN p.at AS at",
        "-p",
        "at",
        "1",
        "--write",
        "--format",
        "json",
    )
    assert result.exit_code == 0 and json.loads(result.stdout) == [{"at": 1}]
    result = invoke(neo4j_settings, "cypher", "MATCH (p:Probe) DELETE p RETURN count(*) AS n", "--write")
    assert result.exit_code == 0
