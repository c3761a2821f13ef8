"""The graph, or a curated query's rows, as GraphML, GEXF or CSV tables for Gephi, Cytoscape, yEd and networkx."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import neo4j

from coopgraph.library import Query, run_query, to_plain

FORMATS = ("graphml", "gexf", "csv")
# The order in which a node's type label is chosen, and in which an ambiguous name is resolved.
TYPE_LABELS = ("Country", "Region", "City", "Person", "Organization", "Document", "Event", "Commodity")

ENTITY_NODES = """
MATCH (n:Entity)
RETURN elementId(n) AS eid, labels(n) AS labels, properties(n) AS props,
       COUNT { MATCH (:Article)-[:MENTIONS]->(n) } AS articles
"""
# Every relationship between two entities: the facts (with their reports counted) and the places' structure.
ENTITY_RELATIONSHIPS = """
MATCH (a:Entity)-[r]->(b:Entity)
RETURN elementId(r) AS eid, elementId(a) AS source, elementId(b) AS target, type(r) AS type,
       properties(r) AS props,
       CASE WHEN r.fact_id IS NULL THEN null
            ELSE COUNT { MATCH (:Article)-[s:STATES]->() WHERE s.fact_id = r.fact_id } END AS evidence
"""
NAMED_ENTITIES = """
UNWIND $names AS name
MATCH (n:Entity {name: name})
RETURN name, elementId(n) AS eid, labels(n) AS labels, properties(n) AS props,
       COUNT { MATCH (:Article)-[:MENTIONS]->(n) } AS articles
"""


@dataclass
class Node:
    id: str
    labels: list[str]
    attrs: dict[str, Any]

    @property
    def type(self) -> str:
        return next((label for label in TYPE_LABELS if label in self.labels), sorted(self.labels)[0])

    @property
    def label(self) -> str:
        return str(self.attrs.get("name") or self.id)


@dataclass
class Edge:
    id: str
    source: str
    target: str
    type: str
    attrs: dict[str, Any]


@dataclass
class ExportGraph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Nodes per type label and edges per type: what `db status` counts for the same labels and types."""
        nodes: dict[str, int] = {}
        for node in self.nodes.values():
            nodes[node.type] = nodes.get(node.type, 0) + 1
        edges: dict[str, int] = {}
        for edge in self.edges:
            edges[edge.type] = edges.get(edge.type, 0) + 1
        return dict(sorted(nodes.items())), dict(sorted(edges.items()))


def node_id(labels: list[str], props: dict[str, Any], eid: str) -> str:
    """`Region:KZ-59`: stable across loads (keys are unique per label), unlike elementId."""
    label = next((label for label in TYPE_LABELS if label in labels), None)
    return f"{label}:{props['key']}" if label and props.get("key") is not None else eid


def make_node(record: dict[str, Any]) -> Node:
    labels = sorted(record["labels"])
    attrs = {k: to_plain(v) for k, v in record["props"].items()}
    attrs["articles"] = record["articles"]  # how many articles mention it: a size for Gephi
    return Node(node_id(labels, record["props"], record["eid"]), labels, attrs)


def read_records(driver: neo4j.Driver, database: str, query: str, **params: Any) -> list[dict[str, Any]]:
    def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
        return [r.data() for r in tx.run(query, params)]

    with driver.session(database=database) as session:
        return session.execute_read(work)


def read_graph(driver: neo4j.Driver, database: str) -> ExportGraph:
    """Every entity with its properties and every relationship between two entities, facts with their
    provenance counters and `evidence`, the number of reports (STATES) behind each. One read
    transaction, so nodes and edges are of one state of the graph."""

    def work(tx: neo4j.ManagedTransaction) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        return [r.data() for r in tx.run(ENTITY_NODES)], [r.data() for r in tx.run(ENTITY_RELATIONSHIPS)]

    with driver.session(database=database) as session:
        node_rows, edge_rows = session.execute_read(work)
    graph = ExportGraph()
    by_eid: dict[str, str] = {}
    for row in node_rows:
        node = make_node(row)
        graph.nodes[node.id] = node
        by_eid[row["eid"]] = node.id
    for row in edge_rows:
        attrs = {k: to_plain(v) for k, v in row["props"].items()}
        if row["evidence"] is not None:
            attrs["evidence"] = row["evidence"]
        graph.edges.append(Edge(row["eid"], by_eid[row["source"]], by_eid[row["target"]], row["type"], attrs))
    return graph


def query_graph(driver: neo4j.Driver, database: str, query: Query, params: dict[str, Any]) -> ExportGraph:
    """A curated query's rows as a graph: the values that name an entity become its node; in each row the
    first such value is linked to each other one by an edge typed by the query, carrying the row's other
    columns (a list of evidence sentences as their count). A row naming one entity adds its columns to it."""
    keys, rows = run_query(driver, query, params)
    names = sorted({v for row in rows for v in row.values() if isinstance(v, str)})
    found: dict[str, Node] = {}
    for record in read_records(driver, database, NAMED_ENTITIES, names=names):
        node = make_node(record)
        best = found.get(record["name"])
        if best is None or TYPE_LABELS.index(node.type) < TYPE_LABELS.index(best.type):
            found[record["name"]] = node
    graph = ExportGraph()
    for number, row in enumerate(rows, 1):
        ends = [(k, found[v]) for k in keys if isinstance(v := row[k], str) and v in found]
        attrs = row_attributes(row, {k for k, _ in ends})
        for _key, node in ends:
            graph.nodes.setdefault(node.id, node)
        if len(ends) == 1:
            graph.nodes[ends[0][1].id].attrs.update(attrs)
        for i, (key, target) in enumerate(ends[1:], 1):
            edge_attrs = {"source_column": ends[0][0], "target_column": key, **attrs}
            graph.edges.append(Edge(f"row{number}.{i}", ends[0][1].id, target.id, query.name, edge_attrs))
    return graph


def row_attributes(row: dict[str, Any], skip: set[str]) -> dict[str, Any]:
    attrs: dict[str, Any] = {}
    for key, value in row.items():
        if key in skip or value is None or key.endswith("_type"):
            continue
        if key == "evidence" and isinstance(value, list):
            attrs["evidence"] = len(value)
        else:
            attrs[key] = value
    return attrs


# ---------------------------------------------------------------------------------------------- writing


def flat(value: Any) -> Any:
    """Lists and maps have no type in GraphML, GEXF or CSV: lists are joined with '; ', maps written as k=v."""
    if isinstance(value, list):
        return "; ".join(str(flat(v)) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={flat(v)}" for k, v in value.items())
    return value


def attribute_types(items: Iterable[dict[str, Any]]) -> dict[str, str]:
    """One type per attribute key, as GraphML declares it: boolean, long, double or string."""
    seen: dict[str, set[str]] = {}
    for attrs in items:
        for key, value in attrs.items():
            value = flat(value)
            if isinstance(value, bool):
                kind = "boolean"
            elif isinstance(value, int):
                kind = "long"
            elif isinstance(value, float):
                kind = "double"
            else:
                kind = "string"
            seen.setdefault(key, set()).add(kind)
    types = {}
    for key, kinds in sorted(seen.items()):
        if len(kinds) == 1:
            types[key] = kinds.pop()
        else:
            types[key] = "double" if kinds <= {"long", "double"} else "string"
    return types


def format_value(value: Any, kind: str) -> str:
    value = flat(value)
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    return str(value)


def node_attributes(node: Node) -> dict[str, Any]:
    return {"label": node.label, "type": node.type, "labels": node.labels, **node.attrs}


def edge_attributes(edge: Edge) -> dict[str, Any]:
    return {"type": edge.type, **edge.attrs}


def write_graphml(graph: ExportGraph, path: Path) -> None:
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", xmlns=ns)
    node_types = attribute_types(node_attributes(n) for n in graph.nodes.values())
    edge_types = attribute_types(edge_attributes(e) for e in graph.edges)
    for prefix, scope, types in (("n", "node", node_types), ("e", "edge", edge_types)):
        for i, (name, kind) in enumerate(types.items()):
            ET.SubElement(root, "key", {"id": f"{prefix}{i}", "for": scope, "attr.name": name, "attr.type": kind})
    node_keys = {name: f"n{i}" for i, name in enumerate(node_types)}
    edge_keys = {name: f"e{i}" for i, name in enumerate(edge_types)}
    body = ET.SubElement(root, "graph", id="coopgraph", edgedefault="directed")
    for node in graph.nodes.values():
        element = ET.SubElement(body, "node", id=node.id)
        add_data(element, node_attributes(node), node_keys, node_types)
    for edge in graph.edges:
        element = ET.SubElement(body, "edge", id=edge.id, source=edge.source, target=edge.target)
        add_data(element, edge_attributes(edge), edge_keys, edge_types)
    write_xml(root, path)


def add_data(element: ET.Element, attrs: dict[str, Any], keys: dict[str, str], types: dict[str, str]) -> None:
    for name, value in attrs.items():
        if value is not None:
            ET.SubElement(element, "data", key=keys[name]).text = format_value(value, types[name])


GEXF_TYPES = {"boolean": "boolean", "long": "long", "double": "double", "string": "string"}


def write_gexf(graph: ExportGraph, path: Path) -> None:
    root = ET.Element("gexf", {"xmlns": "http://www.gexf.net/1.2draft", "version": "1.2"})
    ET.SubElement(ET.SubElement(root, "meta"), "creator").text = "coopgraph"
    body = ET.SubElement(root, "graph", defaultedgetype="directed", mode="static")
    node_attrs = {n.id: {k: v for k, v in node_attributes(n).items() if k != "label"} for n in graph.nodes.values()}
    edge_attrs = [{k: v for k, v in edge_attributes(e).items() if k != "label"} for e in graph.edges]
    node_types, edge_types = attribute_types(node_attrs.values()), attribute_types(edge_attrs)
    for scope, types in (("node", node_types), ("edge", edge_types)):
        declared = ET.SubElement(body, "attributes", {"class": scope})
        for i, (name, kind) in enumerate(types.items()):
            ET.SubElement(declared, "attribute", id=str(i), title=name, type=GEXF_TYPES[kind])
    nodes = ET.SubElement(body, "nodes")
    for node in graph.nodes.values():
        element = ET.SubElement(nodes, "node", id=node.id, label=node.label)
        add_attvalues(element, node_attrs[node.id], node_types)
    edges = ET.SubElement(body, "edges")
    for edge, attrs in zip(graph.edges, edge_attrs):
        element = ET.SubElement(edges, "edge", id=edge.id, source=edge.source, target=edge.target, label=edge.type)
        add_attvalues(element, attrs, edge_types)
    write_xml(root, path)


def add_attvalues(element: ET.Element, attrs: dict[str, Any], types: dict[str, str]) -> None:
    index = {name: str(i) for i, name in enumerate(types)}
    values = ET.SubElement(element, "attvalues")
    for name, value in attrs.items():
        if value is not None:
            ET.SubElement(values, "attvalue", {"for": index[name], "value": format_value(value, types[name])})


def write_xml(root: ET.Element, path: Path) -> None:
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def write_csv(graph: ExportGraph, directory: Path) -> list[Path]:
    """nodes.csv (Id, Label, …) and edges.csv (Source, Target, Type, Label, …): Gephi's spreadsheet import
    reads these column names as they are; Cytoscape and yEd map them in their import dialogs."""
    directory.mkdir(parents=True, exist_ok=True)
    node_rows = [{"Id": n.id, **node_attributes(n)} for n in graph.nodes.values()]
    for row in node_rows:
        row["Label"] = row.pop("label")
    edge_rows = [
        {"Id": e.id, "Source": e.source, "Target": e.target, "Type": "Directed", "Label": e.type, **e.attrs}
        for e in graph.edges
    ]
    paths = [directory / "nodes.csv", directory / "edges.csv"]
    for path, rows in zip(paths, (node_rows, edge_rows)):
        columns = list(dict.fromkeys(k for row in rows for k in row)) or ["Id"]
        with open(path, "w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, columns)
            writer.writeheader()
            writer.writerows({k: flat(v) for k, v in row.items()} for row in rows)
    return paths


def write_graph(graph: ExportGraph, fmt: str, path: Path) -> list[Path]:
    """Write `graph` as `fmt` to `path` (a directory for csv); returns the files written."""
    if fmt == "csv":
        return write_csv(graph, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    (write_graphml if fmt == "graphml" else write_gexf)(graph, path)
    return [path]
