"""Optional query parameters: `= EXAMPLE default VALUE` in a header, the default used when a run gives none."""

from __future__ import annotations

import pytest

from coopgraph.library import (
    MIN_CONFIDENCE,
    REQUIRED,
    ParamError,
    QueryFileError,
    bind_params,
    confidence_queries,
    load_library,
    parse_query,
    set_min_confidence,
)

HEADER = """// name: q
// title: T
// description: D
// param: region: region = "Курганская область" -- the region
{param}
// mode: read
MATCH (r:Region {{name: $region}}) WHERE coalesce(r.x, 0.0) >= $min_confidence RETURN r
"""


def query(param: str):
    return parse_query(HEADER.format(param=param), "q.cypher")


def test_a_default_makes_a_parameter_optional():
    q = query("// param: min_confidence: float = 0.5 default 0 -- leave out facts below this")
    p = q.param("min_confidence")
    assert p is not None and (p.example, p.default, p.optional, p.doc) == (0.5, 0.0, True, "leave out facts below this")
    assert q.param("region").default is REQUIRED and not q.param("region").optional
    assert q.signature() == "region: region, min_confidence: float = 0.0"
    assert bind_params(q, {"region": "Курганская область"}) == {"region": "Курганская область", "min_confidence": 0.0}
    assert bind_params(q, {"region": "Курганская область", "min_confidence": "0,8"})["min_confidence"] == 0.8
    with pytest.raises(ParamError, match="missing parameter 'region'"):
        bind_params(q, {})


def test_a_null_default_reaches_the_query_as_null():
    text = HEADER.format(param="").replace('= "Курганская область" --', '= "Курганская область" default null --')
    q = parse_query(text.replace(" WHERE coalesce(r.x, 0.0) >= $min_confidence", ""), "q.cypher")
    assert q.param("region").optional and bind_params(q, {}) == {"region": None}


@pytest.mark.parametrize(
    "param, problem",
    [
        ("// param: min_confidence: float = 0.5 default x -- d", "default for 'min_confidence' must be a JSON literal"),
        (
            '// param: min_confidence: float = 0.5 default "many" -- d',
            "default for 'min_confidence': expected a number",
        ),
        ("// param: min_confidence: float = 0.5 dflt 0 -- d", "expected '-- description' after the example"),
    ],
)
def test_a_bad_default_names_file_and_line(param, problem):
    with pytest.raises(QueryFileError) as err:
        query(param)
    assert str(err.value).startswith(f"q.cypher:5: {problem}")


def test_min_confidence_is_given_only_to_queries_that_declare_it():
    lib = load_library()
    takers = confidence_queries(lib)
    assert {"single_source_facts", "exports_by_hs_chapter", "visits_timeline"} <= set(takers)
    assert not {"region_profile", "cooperation_network", "fact_evidence"} & set(takers)
    given: dict = {"max_support": 1}
    set_min_confidence(lib.get("single_source_facts"), given, 0.8, lib)
    assert given == {"max_support": 1, MIN_CONFIDENCE: 0.8}
    with pytest.raises(ParamError) as err:
        set_min_confidence(lib.get("region_profile"), {}, 0.8, lib)
    assert str(err.value).startswith("query 'region_profile' does not filter facts by confidence")
    assert "single_source_facts" in str(err.value) and "\n" not in str(err.value)
