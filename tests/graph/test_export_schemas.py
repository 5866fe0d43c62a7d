"""Graph exports are valid against the GEXF 1.2 and GraphML schemas, and reproducible."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from tests.graph.test_export import EXAMPLES, assert_equal
from uguaglianza.graph import CoordinationGraph, coordination_graph
from uguaglianza.io.graphs import graph_bytes, graphml_node_id, read_graph, write_graph
from uguaglianza.model import Landscape, PlanDocument

XSD = Path(__file__).resolve().parents[1] / "io" / "xsd"
SCHEMAS = {
    "gexf": XSD / "gexf-1.2draft" / "gexf.xsd",
    "graphml": XSD / "graphml-1.0" / "graphml.xsd",
}


@pytest.fixture(scope="module")
def schema() -> Callable[[str], etree.XMLSchema]:
    cache: dict[str, etree.XMLSchema] = {}

    def get(fmt: str) -> etree.XMLSchema:
        if fmt not in cache:
            cache[fmt] = etree.XMLSchema(etree.parse(str(SCHEMAS[fmt])))
        return cache[fmt]

    return get


def assert_valid(data: bytes, schema: etree.XMLSchema) -> None:
    valid = schema.validate(etree.fromstring(data))
    assert valid, [f"{error.line}: {error.message}" for error in schema.error_log][:5]


@pytest.mark.parametrize("fmt", sorted(SCHEMAS))
@pytest.mark.parametrize("name", [*EXAMPLES, "full"])
def test_exports_are_valid(
    fmt: str,
    name: str,
    schema: Callable[[str], etree.XMLSchema],
    example: Callable[[str], PlanDocument | Landscape],
    full_graph: CoordinationGraph,
) -> None:
    graph = full_graph if name == "full" else coordination_graph(example(name))
    assert_valid(graph_bytes(graph, fmt), schema(fmt))


@pytest.mark.parametrize("fmt", sorted(SCHEMAS))
def test_a_view_as_of_a_date_is_valid(
    fmt: str, schema: Callable[[str], etree.XMLSchema], full_doc: PlanDocument | Landscape
) -> None:
    graph = coordination_graph(full_doc, as_of=dt.date(2018, 1, 1))
    assert_valid(graph_bytes(graph, fmt), schema(fmt))


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_exports_carry_no_day_of_writing(
    fmt: str, full_graph: CoordinationGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = graph_bytes(full_graph, fmt)
    assert dt.date.today().isoformat().encode() not in today
    assert b"NetworkX" not in today
    # Another day, the same bytes.
    monkeypatch.setattr(time, "strftime", lambda *args: "1999-12-31")
    assert graph_bytes(full_graph, fmt) == today


def test_gexf_keeps_the_graph_name_as_its_description(full_graph: CoordinationGraph) -> None:
    root = etree.fromstring(graph_bytes(full_graph, "gexf"))
    namespace = {"g": "http://www.gexf.net/1.2draft"}
    assert root.findtext("g:meta/g:description", namespaces=namespace) == "Every tie"
    assert root.findtext("g:meta/g:creator", namespaces=namespace) == "uguaglianza"
    assert root.find("g:meta", namespaces=namespace).get("lastmodifieddate") is None
    assert root.find("g:graph", namespaces=namespace).get("name") is None


def test_graphml_escapes_ids_that_are_not_name_tokens(
    tmp_path: Path, schema: Callable[[str], etree.XMLSchema]
) -> None:
    graph: CoordinationGraph = nx.MultiDiGraph(document="d")
    odd = "dgr/2022+1@bo"
    graph.add_node(odd, kind="act", label="DGR")
    graph.add_node("plain_x0041_id", kind="plan", label="Piano")
    graph.add_edge(odd, "plain_x0041_id", key="adopts", kind="adopts", id=f"{odd}|adopts|x")
    graph.add_edge(odd, "plain_x0041_id", key="adopts#2", kind="adopts")
    data = graph_bytes(graph, "graphml")
    assert_valid(data, schema("graphml"))
    assert graphml_node_id(odd) == "dgr_x002F_2022_x002B_1_x0040_bo"
    assert graphml_node_id("plain-id_1") == "plain-id_1"
    path = tmp_path / "odd.graphml"
    write_graph(graph, path)
    read = read_graph(path)
    assert set(read.nodes) == {odd, "plain_x0041_id"}
    assert read.number_of_edges() == 2


def test_graphml_reads_back_escaped_ids_and_keys(tmp_path: Path) -> None:
    graph: CoordinationGraph = nx.MultiDiGraph(document="d")
    graph.add_node("a/1", kind="act")
    graph.add_node("b", kind="plan")
    graph.add_edge("a/1", "b", key="adopts", kind="adopts", id="a/1|adopts|b")
    graph.add_edge("a/1", "b", key="adopts#2", kind="adopts", id="a/1|adopts#2|b")
    path = tmp_path / "g.graphml"
    write_graph(graph, path)
    assert_equal(graph, read_graph(path))
