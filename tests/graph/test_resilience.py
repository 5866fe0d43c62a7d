"""Single points of failure, checked against networkx and against removing each node."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from uguaglianza.graph import CoordinationGraph, failure_points, isolated
from uguaglianza.graph.analysis import _common, resilience


def as_coordination_graph(network: nx.Graph[str]) -> CoordinationGraph:
    graph: CoordinationGraph = nx.MultiDiGraph()
    graph.add_nodes_from((node, {"kind": "organisation", "name": node}) for node in network)
    for u, v in network.edges():
        graph.add_edge(u, v, "coordinates", kind="coordinates", origin="relation")
    return graph


def cut_off_by_removal(network: nx.Graph[str], node: str) -> int:
    """Nodes outside the largest piece left when *node* goes (brute force)."""
    component = nx.node_connected_component(network, node)
    rest = network.subgraph(component - {node})
    pieces = [len(piece) for piece in nx.connected_components(rest)]
    return len(component) - 1 - max(pieces, default=0)


def cut_off_by_cutting(network: nx.Graph[str], u: str, v: str) -> int:
    component = nx.node_connected_component(network, u)
    rest = network.subgraph(component).copy()
    rest.remove_edge(u, v)
    return min(len(piece) for piece in nx.connected_components(rest))


@pytest.mark.parametrize("seed", range(8))
def test_points_and_bridges_match_networkx_and_brute_force(seed: int) -> None:
    network = nx.relabel_nodes(
        nx.gnm_random_graph(40, 48, seed=seed), {i: f"n{i:02d}" for i in range(40)}
    )
    result = failure_points(as_coordination_graph(network))
    points = {point.node.id: point for point in result.articulation_points}
    assert set(points) == set(nx.articulation_points(network))
    for node, point in points.items():
        assert point.cut_off == cut_off_by_removal(network, node)
        assert len(point.separated) == point.cut_off
        assert node not in point.separated
    found = {frozenset((b.ends[0].id, b.ends[1].id)): b for b in result.bridges}
    assert set(found) == {frozenset(edge) for edge in nx.bridges(network)}
    for ends, bridge in found.items():
        u, v = sorted(ends)
        assert bridge.cut_off == cut_off_by_cutting(network, u, v)
        assert bridge.kinds == ("coordinates",)
    cuts = [point.cut_off for point in result.articulation_points]
    assert cuts == sorted(cuts, reverse=True)


def test_long_lists_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resilience, "MAX_LISTED", 3)
    star: nx.Graph[str] = nx.star_graph(10)
    network = nx.relabel_nodes(star, {i: f"n{i}" for i in range(11)})
    (hub,) = failure_points(as_coordination_graph(network)).articulation_points
    assert hub.cut_off == 9
    assert len(hub.separated) == 3


def test_the_coordination_table_is_a_single_point_of_failure(
    full_graph: CoordinationGraph,
) -> None:
    result = failure_points(full_graph)
    assert result.point("table") is not None or result.point("org-cm") is not None
    assert result.point("com-c") is None
    assert "articulation points" in repr(result)
    data = json.loads(json.dumps(result.to_dict()))
    assert {"articulation_points", "bridges"} == set(data)


def test_nodes_outside_a_subtree_step_over_it(monkeypatch: pytest.MonkeyPatch) -> None:
    order = [f"n{i}" for i in range(10)]
    assert list(resilience._outside(order, 2, 10, (3, 9), 2)) == ["n9"]
    assert list(resilience._outside(order, 2, 10, (2, 5), -1)) == ["n5", "n6", "n7", "n8", "n9"]
    assert list(resilience._outside(order, 0, 4, (0, 4), -1)) == []
    # The subtree is stepped over, not walked: walking it for every articulation point
    # made the analysis grow with the square of a long chain.
    walked: list[int] = []

    def counted(start: int, end: int) -> range:
        walked.append(max(0, end - start))
        return range(start, end)

    monkeypatch.setattr(resilience, "range", counted, raising=False)
    assert list(resilience._outside(order, 0, 10, (1, 9), 0)) == ["n9"]
    assert sum(walked) == 2


def test_the_components_walked_are_shared_with_the_isolated_stakeholders(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    network = nx.Graph([("a", "b"), ("b", "c"), ("d", "e"), ("f", "g"), ("g", "h"), ("h", "f")])
    network.add_node("i")
    graph = as_coordination_graph(network)
    alone = isolated(graph, network=network.copy())  # components found by networkx
    failure_points(graph, network=network)
    walked = _common.components(network)
    assert sorted(map(sorted, walked)) == sorted(map(sorted, nx.connected_components(network)))

    def refused(_: object) -> None:
        raise AssertionError("the components were found again")

    monkeypatch.setattr(nx, "connected_components", refused)
    assert isolated(graph, network=network) == alone
    network.add_edge("i", "a")  # networkx empties its cache: they are found again
    with pytest.raises(AssertionError, match="found again"):
        isolated(graph, network=network)
