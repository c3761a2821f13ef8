"""Event identity: reports of one visit or document from several articles get one key, different ones do not."""

from __future__ import annotations

import copy

import pytest
from support import DATA, SEEDS

import coopgraph.ingest.identity as identity
from coopgraph.graph.rows import adapt_document_keys
from coopgraph.ingest.identity import article_claims, event_keys
from coopgraph.ingest.pipeline import extract_article
from coopgraph.ingest.read import read_path
from coopgraph.ingest.records import Article, ArticleFacts, Entity, Evidence, Relation, document_keys

PLACES = {
    "Country:KZ": Entity(type="Country", name="Казахстан", key="Country:KZ", country="KZ"),
    "Country:RU": Entity(type="Country", name="Россия", key="Country:RU", country="RU"),
    "Region:KZ-59": Entity(type="Region", name="Северо-Казахстанская область", key="Region:KZ-59", country="KZ"),
    "Region:KZ-55": Entity(type="Region", name="Павлодарская область", key="Region:KZ-55", country="KZ"),
    "Region:RU-KGN": Entity(type="Region", name="Курганская область", key="Region:RU-KGN", country="RU"),
    "City:KZ-C-PETROPAVLOVSK": Entity(
        type="City", name="Петропавловск", key="City:KZ-C-PETROPAVLOVSK", country="KZ", region="KZ-59"
    ),
    "Person:вадим шумков": Entity(type="Person", name="Вадим Шумков", key="Person:вадим шумков"),
    "Person:даурен абаев": Entity(type="Person", name="Даурен Абаев", key="Person:даурен абаев"),
    "Organization:завод": Entity(type="Organization", name="Завод", key="Organization:завод"),
}


def doc(kind: str, name: str, period: tuple[int, int] | None = None, signed: str | None = None) -> Entity:
    return Entity(type="Document", name=name, key=f"Document:{name.lower()}", kind=kind, period=period, signed=signed)


def rel(rtype: str, source: str, target: str, date: str | None = None) -> Relation:
    names = {**{k: e.name for k, e in PLACES.items()}}
    return Relation(
        type=rtype,
        source=names.get(source, source),
        target=names.get(target, target),
        source_key=source,
        target_key=target,
        date=date,
        evidence=Evidence(sentence="…", start=0, end=1),
    )


def article(
    name: str, relations: list[Relation], docs: tuple[Entity, ...] = (), published: str | None = None
) -> ArticleFacts:
    return ArticleFacts(
        source=name,
        article=Article(id=name, source=name, text="…", published=published),
        entities=[*PLACES.values(), *docs],
        relations=relations,
    )


def visit_keys(*articles: ArticleFacts) -> list[set[str]]:
    """Per article: the event keys of its VISITED facts."""
    keys = event_keys(list(articles))
    return [
        {k[i] for i, r in enumerate(a.relations) if r.type == "VISITED"} for a, k in zip(articles, keys, strict=True)
    ]


def test_same_pair_and_month_two_visits_stay_two():
    first = article("a", [rel("VISITED", "Region:KZ-59", "Region:RU-KGN", "2025-05-03")])
    second = article("b", [rel("VISITED", "Region:KZ-59", "Region:RU-KGN", "2025-05-20")])
    month = article("c", [rel("VISITED", "Region:KZ-59", "Region:RU-KGN", "2025-05")])
    undated = article("d", [rel("VISITED", "Region:KZ-59", "Region:RU-KGN")])
    a, b, c, d = visit_keys(first, second, month, undated)
    assert len({*a, *b, *c, *d}) == 4  # the vague reports fit both visits: they join neither
    a, c, d = visit_keys(first, month, undated)
    assert a == c == d == {"Visit:Region:KZ-59>Region:RU-KGN|2025-05-03"}


def test_an_undated_report_is_of_a_visit_in_its_article_s_year():
    dated = article("a", [rel("VISITED", "Region:KZ-59", "Region:RU-KGN", "2025-05-03")], published="2025-05-04")
    same_year = article("b", [rel("VISITED", "Region:KZ-59", "Region:RU-KGN")], published="2025-11-20")
    next_year = article("c", [rel("VISITED", "Region:KZ-59", "Region:RU-KGN")], published="2026-01-15")
    no_date = article("d", [rel("VISITED", "Region:KZ-59", "Region:RU-KGN")], published=None)
    a, b, c = visit_keys(dated, same_year, next_year)
    assert a == b == {"Visit:Region:KZ-59>Region:RU-KGN|2025-05-03"}
    assert c == {"Visit:Region:KZ-59>Region:RU-KGN|"}  # the year after: another visit
    # with no year to place it by, a report fits either (and joins neither), and alone it joins the one
    a, _b, c, d = visit_keys(dated, same_year, next_year, no_date)
    assert a == {"Visit:Region:KZ-59>Region:RU-KGN|2025-05-03"} and d == {"Visit:Region:KZ-59>Region:RU-KGN|"}
    assert visit_keys(dated, no_date) == [a, a]


def test_the_undated_rule_any_joins_a_visit_of_any_year(monkeypatch):
    rules = copy.deepcopy(identity.rules())
    rules["visit"]["match"]["undated"] = "any"
    monkeypatch.setattr(identity, "rules", lambda: rules)
    dated = article("a", [rel("VISITED", "Region:KZ-59", "Region:RU-KGN", "2025-05-03")], published="2025-05-04")
    next_year = article("c", [rel("VISITED", "Region:KZ-59", "Region:RU-KGN")], published="2026-01-15")
    a, c = visit_keys(dated, next_year)
    assert a == c == {"Visit:Region:KZ-59>Region:RU-KGN|2025-05-03"}


def test_there_and_back_are_two_visits():
    there = article("a", [rel("VISITED", "Region:KZ-59", "Region:RU-KGN", "2025-05")])
    back = article("b", [rel("VISITED", "Region:RU-KGN", "Region:KZ-59")])
    again = article("c", [rel("VISITED", "Region:KZ-59", "Region:RU-KGN")])
    a, b, c = visit_keys(there, back, again)
    assert a == c != b


def test_a_country_delegation_is_its_region_s_visit_when_only_one_fits():
    country = article("a", [rel("VISITED", "Country:KZ", "Region:RU-KGN", "2025-05")])
    region = article("b", [rel("VISITED", "Region:KZ-59", "Region:RU-KGN")])
    a, b = visit_keys(country, region)
    assert a == b == {"Visit:Region:KZ-59>Region:RU-KGN|2025-05"}
    other = article("c", [rel("VISITED", "Region:KZ-55", "Region:RU-KGN")])
    a, b, c = visit_keys(country, region, other)
    assert a != b and a != c and b != c


def test_an_ambassador_s_visit_is_his_country_s_not_a_region_s(monkeypatch):
    ambassador = article(
        "a",
        [
            rel("HOLDS_POSITION", "Person:даурен абаев", "Country:KZ"),
            rel("VISITED", "Person:даурен абаев", "Region:RU-KGN"),
        ],
    )
    region = article("b", [rel("VISITED", "Region:KZ-59", "Region:RU-KGN")])
    a, b = visit_keys(ambassador, region)
    assert a == {"Visit:Country:KZ>Region:RU-KGN|"} and a != b
    lenient = copy.deepcopy(identity.rules())
    lenient["visit"]["national_person_is_broad"] = True
    monkeypatch.setattr(identity, "rules", lambda: lenient)
    a, b = visit_keys(ambassador, region)
    assert a == b


def test_the_head_the_city_and_the_plant_are_one_visit_of_the_region():
    facts = article(
        "a",
        [
            rel("HOLDS_POSITION", "Person:вадим шумков", "Region:RU-KGN"),
            rel("VISITED", "Person:вадим шумков", "City:KZ-C-PETROPAVLOVSK", "2025-10-11"),
            rel("VISITED", "Region:RU-KGN", "Region:KZ-59"),
            rel("VISITED", "Region:RU-KGN", "Organization:завод"),
        ],
    )
    [claim] = [c for c in article_claims(facts) if c.kind == "visit"]
    assert claim.key == "Visit:Region:RU-KGN>Region:KZ-59|2025-10-11" and claim.facts == (1, 2, 3)


def test_a_plant_with_two_visits_to_choose_from_keeps_its_own_key():
    facts = article(
        "a",
        [
            rel("VISITED", "Region:RU-KGN", "Region:KZ-59"),
            rel("VISITED", "Region:RU-KGN", "Region:KZ-55"),
            rel("VISITED", "Region:RU-KGN", "Organization:завод"),
        ],
    )
    assert sorted(c.key for c in article_claims(facts)) == [
        "Visit:Region:RU-KGN>Organization:завод|",
        "Visit:Region:RU-KGN>Region:KZ-55|",
        "Visit:Region:RU-KGN>Region:KZ-59|",
    ]


def document_article(name: str, document: Entity, parties=("Region:KZ-59", "Region:RU-KGN")) -> ArticleFacts:
    return article(name, [rel("PARTY_TO", p, document.key) for p in parties], (document,))


def doc_key(*articles: ArticleFacts) -> list[str]:
    return [next(iter(set(k.values()))) for k in event_keys(list(articles))]


def test_a_road_map_and_the_agreement_it_implements_stay_apart():
    road_map = document_article("a", doc("дорожная карта", "Дорожная карта", (2025, 2027)))
    agreement = document_article("b", doc("соглашение", "Соглашение о сотрудничестве"))
    assert len(set(doc_key(road_map, agreement))) == 2


def test_one_road_map_from_reports_with_and_without_its_period():
    with_period = document_article("a", doc("дорожная карта", "Дорожная карта", (2025, 2027), "2025-05"))
    without = document_article("b", doc("дорожная карта", "Дорожная карта по реализации соглашения"))
    as_plan = document_article("c", doc("план мероприятий", "План мероприятий"))
    one_party = document_article("d", doc("дорожная карта", "Дорожная карта"), parties=("Region:RU-KGN",))
    keys = doc_key(with_period, without, as_plan, one_party)
    assert set(keys) == {"Document:дорожная карта|Region:KZ-59+Region:RU-KGN|2025-2027"}


def test_plans_of_two_periods_are_two_and_an_undated_one_joins_neither():
    older = document_article("a", doc("план мероприятий", "План", (2023, 2026)))
    newer = document_article("b", doc("план мероприятий", "План", (2025, 2027)))
    undated = document_article("c", doc("план мероприятий", "План"))
    assert len(set(doc_key(older, newer, undated))) == 3
    assert len(set(doc_key(older, undated))) == 1


def test_the_graph_keys_documents_by_the_same_rule():
    facts = document_article("a", doc("дорожная карта", "Дорожная карта", (2025, 2027)))
    assert document_keys(facts) == adapt_document_keys(facts)
    assert document_keys(facts) == {
        "Document:дорожная карта": "Document:дорожная карта|Region:KZ-59+Region:RU-KGN|2025-2027"
    }
    signed = document_article("b", doc("соглашение", "Соглашение", signed="2024-06-14"))
    assert document_keys(signed)["Document:соглашение"] == "Document:соглашение|Region:KZ-59+Region:RU-KGN|2024"


def test_the_matching_rules_are_data(monkeypatch):
    strict = copy.deepcopy(identity.rules())
    strict["visit"]["match"]["side"] = "equal"
    monkeypatch.setattr(identity, "rules", lambda: strict)
    country = article("a", [rel("VISITED", "Country:KZ", "Region:RU-KGN", "2025-05")])
    region = article("b", [rel("VISITED", "Region:KZ-59", "Region:RU-KGN")])
    a, b = visit_keys(country, region)
    assert a != b


@pytest.fixture(scope="module")
def kurgan_sko() -> list[ArticleFacts]:
    """Seed 000 (both visits, the road map with its period) and the second report of the May visit."""
    paths = [next(SEEDS.glob("000_*.txt")), DATA / "articles" / "sko_delegation_in_kurgan.txt"]
    return [extract_article(a) for p in paths for a in read_path(p)]


def test_kurgan_and_sko_one_road_map_and_one_event_per_visit(kurgan_sko):
    events: dict[str, set[tuple[str, str]]] = {}
    for facts, keys in zip(kurgan_sko, event_keys(kurgan_sko), strict=True):
        for i, key in keys.items():
            events.setdefault(key, set()).add((facts.source, facts.relations[i].type))
    road_maps = [k for k in events if k.startswith("Document:дорожная карта|Region:KZ-59+Region:RU-KGN")]
    visits = [k for k in events if k.startswith("Visit:Region:KZ-59>Region:RU-KGN") or "RU-KGN>Region:KZ-59" in k]
    assert len(road_maps) == 1 and {s for s, _ in events[road_maps[0]]} == {f.source for f in kurgan_sko}
    assert sorted(visits) == ["Visit:Region:KZ-59>Region:RU-KGN|2025-05", "Visit:Region:RU-KGN>Region:KZ-59|"]
    assert {s for s, _ in events["Visit:Region:KZ-59>Region:RU-KGN|2025-05"]} == {f.source for f in kurgan_sko}


def random_claims(rng, n: int) -> list[identity.Claim]:
    """Visits and documents of two country pairs and kinds, dated to the day, month, year or not at all."""
    sides = [identity.Side("Country:KZ", "KZ", True), identity.Side("Region:KZ-59", "KZ"),
             identity.Side("Region:KZ-55", "KZ"), identity.Side("Country:RU", "RU", True),
             identity.Side("Region:RU-KGN", "RU"), identity.Side("Organization:завод")]  # fmt: skip
    dates = [None, "2024", "2025", "2025-05", "2025-06", "2025-05-03", "2025-05-20", "2024-05-03"]
    out = []
    for _ in range(n):
        if rng.random() < 0.7:
            visitor, host = rng.sample(sides, 2)
            date = rng.choice(dates)
            era = rng.choice([None, "2024", "2025"]) if date is None else None
            out.append(identity.Claim("visit", identity.visit_key(visitor, host, date), visitor, host, date, era=era))
        else:
            pool = ["Region:KZ-59", "Region:RU-KGN", "Region:KZ-55", "Region:RU-OMS", "Region:RU-TYU", "Org:a"]
            parties = frozenset(rng.sample(pool, rng.choice([0, 1, 1, 2, 2, 5, 6])))
            when = rng.choice([None, "2025", "2025-2027"])
            out.append(identity.Claim("document", f"Document:{len(out)}", what=rng.choice(["соглашение", "протокол"]),
                                      parties=parties, when=when))  # fmt: skip
    return list({c.ident: c for c in out}.values())


def brute_components(claims: list[identity.Claim]) -> list[list[identity.Claim]]:
    """Components by comparing every pair: what the index must reproduce."""
    parent = list(range(len(claims)))

    def root(i: int) -> int:
        return i if parent[i] == i else root(parent[i])

    for i, a in enumerate(claims):
        for j in range(i):
            if identity.compatible(a, claims[j]):
                parent[root(i)] = root(j)
    parts: dict[int, list[identity.Claim]] = {}
    for i, c in enumerate(claims):
        parts.setdefault(root(i), []).append(c)
    return list(parts.values())


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("date_rule", ["prefix", "equal"])
def test_the_index_finds_every_compatible_claim(seed, date_rule, monkeypatch):
    import random

    rules = copy.deepcopy(identity.rules())
    rules["visit"]["match"]["date"] = date_rule
    monkeypatch.setattr(identity, "rules", lambda: rules)
    claims = random_claims(random.Random(seed), 60)
    index = identity.Index(claims)
    for c in claims:
        near = {claims[j].ident for j in index.near(c)}
        assert {o.ident for o in claims if identity.compatible(c, o)} <= near
    assert identity.components(claims) == brute_components(claims)
