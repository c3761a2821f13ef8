"""`coopgraph export`: GraphML, GEXF and CSV of the seeds' graph read back with networkx, counts as `db status` has them."""

from __future__ import annotations

import csv

import networkx as nx
import pytest
from click.testing import CliRunner

from coopgraph.cli import cli

ENTITY_LABELS = {"Country", "Region", "City", "Person", "Organization", "Document", "Event", "Commodity"}


@pytest.fixture
def seeds(seed_graph):
    return seed_graph


def env(settings) -> dict[str, str]:
    return {"NEO4J_URI": settings.uri, "NEO4J_PASSWORD": settings.password, "NEO4J_DATABASE": settings.database}


def invoke(settings, *args: str):
    result = CliRunner().invoke(cli, list(args), env=env(settings))
    assert result.exit_code == 0, result.output
    return result.output


def status_counts(settings) -> dict[str, int]:
    """`db status`'s table: label or type → count."""
    counts = {}
    for line in invoke(settings, "db", "status").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            counts[parts[0]] = int(parts[1])
    return counts


def test_graphml_of_the_seeds_reads_back_with_the_counts_of_db_status(seeds, neo4j_settings, tmp_path):
    out = tmp_path / "seeds.graphml"
    printed = invoke(neo4j_settings, "export", "--format", "graphml", "-o", str(out))
    graph = nx.read_graphml(out)
    status = status_counts(neo4j_settings)

    labels = {data["type"] for _, data in graph.nodes(data=True)}
    assert labels <= ENTITY_LABELS and {"Region", "Country", "Person", "Document"} <= labels
    assert graph.number_of_nodes() == sum(status[label] for label in labels) == status["Entity"]
    types = {data["type"] for *_, data in graph.edges(data=True)}
    assert {"VISITED", "SIGNED", "PARTY_TO", "HOLDS_POSITION", "PART_OF"} <= types
    assert graph.number_of_edges() == sum(status[t] for t in types)
    for t in types:
        assert sum(1 for *_, d in graph.edges(data=True) if d["type"] == t) == status[t], t
    assert f"{graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges written to {out}" in printed

    # names, labels, fact properties and evidence counts survive with their types
    sko = graph.nodes["Region:KZ-59"]
    assert sko["label"] == sko["name"] == "Северо-Казахстанская область" and sko["labels"] == "Entity; Region"
    assert isinstance(sko["articles"], int) and sko["articles"] >= 1
    visits = [d for u, v, d in graph.edges(data=True) if d["type"] == "VISITED"]
    assert all(isinstance(d["support"], int) and d["evidence"] >= d["support"] >= 1 for d in visits)
    assert all(0 < d["confidence"] <= 1 and d["first_seen"] <= d["last_seen"] for d in visits)
    assert not any("evidence" in d for *_, d in graph.edges(data=True) if d["type"] == "PART_OF")


def test_gexf_and_csv_hold_the_same_graph(seeds, neo4j_settings, tmp_path):
    invoke(neo4j_settings, "export", "--format", "graphml", "-o", str(tmp_path / "g.graphml"))
    want = nx.read_graphml(tmp_path / "g.graphml")
    invoke(neo4j_settings, "export", "--format", "gexf", "-o", str(tmp_path / "g.gexf"))
    gexf = nx.read_gexf(tmp_path / "g.gexf")
    assert set(gexf.nodes) == set(want.nodes) and gexf.number_of_edges() == want.number_of_edges()
    assert gexf.nodes["Region:KZ-59"]["label"] == "Северо-Казахстанская область"

    invoke(neo4j_settings, "export", "--format", "csv", "-o", str(tmp_path / "tables"))
    with open(tmp_path / "tables" / "nodes.csv", encoding="utf-8") as f:
        nodes = list(csv.DictReader(f))
    with open(tmp_path / "tables" / "edges.csv", encoding="utf-8") as f:
        edges = list(csv.DictReader(f))
    assert {n["Id"] for n in nodes} == set(want.nodes) and len(edges) == want.number_of_edges()
    assert {"Id", "Label", "type", "name"} <= set(nodes[0]) and {"Source", "Target", "Type", "Label"} <= set(edges[0])


def test_a_query_exports_its_rows_as_a_graph(seeds, neo4j_settings, tmp_path):
    out = tmp_path / "visits.graphml"
    invoke(neo4j_settings, "export", "--query", "visits_between", "--example", "-o", str(out))
    graph = nx.read_graphml(out)
    rows = invoke(neo4j_settings, "query", "run", "visits_between", "--example", "--format", "csv")
    assert graph.number_of_edges() == len(rows.strip().splitlines()) - 1 > 0
    names = {d["name"] for _, d in graph.nodes(data=True)}
    assert {"Курганская область", "Северо-Казахстанская область"} & names
    assert all(d["type"] == "visits_between" for *_, d in graph.edges(data=True))

    result = CliRunner().invoke(cli, ["export", "-p", "a", "СКО", "-o", str(out)], env=env(neo4j_settings))
    assert result.exit_code == 1 and result.output.strip() == "Error: -p and --example go with --query NAME"
