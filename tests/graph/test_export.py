"""Graph exports: read back with networkx, each format gives an equal graph; pictures."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from uguaglianza.errors import MissingExtraError, UnknownFormatError
from uguaglianza.graph import CoordinationGraph, coordination_graph
from uguaglianza.io.graphs import graph_bytes, graph_format, read_graph, write_graph
from uguaglianza.model import Landscape, PlanDocument

needs_matplotlib = pytest.mark.skipif(
    importlib.util.find_spec("matplotlib") is None,
    reason="matplotlib (the 'plot' extra) not installed",
)
EXAMPLES = [
    "bologna-piano-uguaglianza",
    "bologna-tavolo-coordinamento",
    "milano-reaction",
    "piemonte-fami-unar",
    "provincia-immigrazione-inclusione",
]
# Graph attributes networkx's readers add by themselves.
READER_GRAPH_ATTRIBUTES = {"node_default", "edge_default", "mode"}


def assert_equal(original: CoordinationGraph, read: Any, *, graph_attributes: bool = True) -> None:
    assert read.is_directed() and read.is_multigraph()
    assert dict(read.nodes(data=True)) == dict(original.nodes(data=True))
    assert {(u, v, k): d for u, v, k, d in read.edges(keys=True, data=True)} == {
        (u, v, k): d for u, v, k, d in original.edges(keys=True, data=True)
    }
    if graph_attributes:
        kept = {k: v for k, v in read.graph.items() if k not in READER_GRAPH_ATTRIBUTES}
        assert kept == original.graph


@pytest.fixture(params=[*EXAMPLES, "full"])
def graph(
    request: pytest.FixtureRequest,
    example: Callable[[str], PlanDocument | Landscape],
    full_graph: CoordinationGraph,
) -> CoordinationGraph:
    name: str = request.param
    return full_graph if name == "full" else coordination_graph(example(name))


def keyed_by_id(read: Any) -> Any:
    """A graph read from GraphML, with each edge keyed by the key its ``id`` attribute keeps.

    The GraphML schema wants edge ids unique in the file, so edges are numbered there.
    """
    keyed: Any = nx.MultiDiGraph()
    keyed.graph.update(read.graph)
    keyed.add_nodes_from(read.nodes(data=True))
    keyed.add_edges_from(
        (u, v, str(d["id"])[len(u) + 1 : -len(v) - 1], d) for u, v, d in read.edges(data=True)
    )
    return keyed


def test_graphml_round_trip(graph: CoordinationGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    write_graph(graph, path)
    read = nx.read_graphml(path, force_multigraph=True)
    assert sorted(k for _, _, k in read.edges(keys=True)) == sorted(
        f"e{n}" for n in range(graph.number_of_edges())
    )
    assert_equal(graph, keyed_by_id(read))
    assert_equal(graph, read_graph(path))


def test_node_link_json_round_trip(graph: CoordinationGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    write_graph(graph, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert_equal(graph, nx.node_link_graph(data, edges="edges"))
    assert_equal(graph, read_graph(path))


def test_gexf_round_trip(graph: CoordinationGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.gexf"
    write_graph(graph, path)
    read = nx.read_gexf(path)
    if read.is_multigraph():
        assert_equal(graph, read, graph_attributes=False)
    else:
        # GEXF cannot say "multigraph": without parallel edges networkx reads a DiGraph.
        assert all(len(keys) == 1 for _, nbrs in graph.adjacency() for keys in nbrs.values())
    assert_equal(graph, read_graph(path), graph_attributes=False)


def test_gexf_is_dynamic_when_validity_is_known(full_graph: CoordinationGraph) -> None:
    text = graph_bytes(full_graph, "gexf").decode("utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    assert 'start="2014-01-01"' in text


def test_exports_are_deterministic(full_graph: CoordinationGraph) -> None:
    for fmt in ("graphml", "gexf", "json"):
        assert graph_bytes(full_graph, fmt) == graph_bytes(full_graph, fmt)


def test_formats_from_names_and_extensions(tmp_path: Path) -> None:
    assert graph_format("x.GraphML") == "graphml"
    assert graph_format(None, "svg") == "svg"
    with pytest.raises(UnknownFormatError, match="graph format"):
        graph_format("x.txt")
    with pytest.raises(UnknownFormatError, match="unknown graph format"):
        graph_format("x.json", "dot")
    with pytest.raises(UnknownFormatError, match="cannot be read back"):
        read_graph(tmp_path / "x.png")


@needs_matplotlib
@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG"), ("svg", b"<?xml")])
def test_pictures(full_graph: CoordinationGraph, tmp_path: Path, fmt: str, magic: bytes) -> None:
    path = tmp_path / f"graph.{fmt}"
    write_graph(full_graph, path)
    data = path.read_bytes()
    assert data.startswith(magic)
    if fmt == "svg":
        assert b"coordination_table" not in data  # labels, not codes
        assert b"Tavolo" in data and b"organisation (6)" in data
        assert graph_bytes(full_graph, "svg") == data  # no date, fixed ids


@needs_matplotlib
def test_large_graphs_are_drawn_in_rings_without_labels(tmp_path: Path) -> None:
    graph: CoordinationGraph = nx.MultiDiGraph()
    for i in range(600):
        graph.add_node(f"n{i}", kind="organisation" if i % 2 else "territory", name=f"N{i}")
        graph.add_edge(f"n{i}", f"n{(i * 7) % 600}", "coordinates", kind="coordinates")
    svg = graph_bytes(graph, "svg")
    assert b"N599" not in svg and b"territory (300)" in svg


def test_a_missing_matplotlib_names_the_extra(
    full_graph: CoordinationGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A None entry in sys.modules makes every import of the module fail, as if absent.
    for name in ("matplotlib", "matplotlib.figure", "matplotlib.collections"):
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(MissingExtraError, match=r"pip install 'uguaglianza\[plot\]'") as caught:
        graph_bytes(full_graph, "png")
    assert isinstance(caught.value, ImportError)
