"""Isolated, weakly tied and detached stakeholders; communities."""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from collections.abc import Callable

import networkx as nx
import pytest

from uguaglianza.errors import MissingExtraError
from uguaglianza.graph import CoordinationGraph, communities, isolated
from uguaglianza.graph.analysis import _accel, stakeholders

needs_igraph = pytest.mark.skipif(
    importlib.util.find_spec("igraph") is None, reason="igraph (the 'fast' extra) not installed"
)


def test_isolated_weak_and_detached(full_graph: CoordinationGraph) -> None:
    graph = full_graph.copy()
    graph.add_node("loner", kind="organisation", name="Da sola")
    graph.add_node("pair-a", kind="organisation", name="A")
    graph.add_node("pair-b", kind="body", name="B")
    graph.add_edge("pair-a", "pair-b", "member_of", kind="member_of", origin="body.members")
    result = isolated(graph)
    assert [ref.id for ref in result.isolated] == ["ausl", "com-c", "loner"]
    weak = {tie.node.id: tie.neighbour.id for tie in result.weakly_tied}
    assert weak["dept-a"] == "org-a"
    assert weak["legal"] == "network"
    assert [[ref.id for ref in group] for group in result.detached] == [["pair-a", "pair-b"]]
    assert "plan" not in weak and "act-1" not in weak  # not stakeholders
    json.dumps(result.to_dict())
    assert "weakly tied" in repr(result)


def test_kinds_choose_who_counts_as_a_stakeholder(full_graph: CoordinationGraph) -> None:
    result = isolated(full_graph, kinds={"service"})
    assert {tie.node.kind for tie in result.weakly_tied} == {"service"}


@pytest.mark.parametrize(
    ("method", "backend"),
    [
        ("louvain", "networkx"),
        pytest.param("louvain", "igraph", marks=needs_igraph),
        pytest.param("leiden", "igraph", marks=needs_igraph),
        ("greedy", "networkx"),
        ("label_propagation", "networkx"),
    ],
)
def test_communities_partition_the_tied_nodes(
    full_graph: CoordinationGraph, method: str, backend: str
) -> None:
    result = communities(full_graph, method=method, seed=3, backend=backend)  # type: ignore[arg-type]
    assert result.backend == backend
    members = [node for group in result.groups for node in group.members]
    assert len(members) == len(set(members))
    tied = {n for n, d in nx.Graph(full_graph).degree() if d} - {"area"}
    assert set(members) <= tied
    assert result.method == method
    sizes = [len(group.members) for group in result.groups]
    assert sizes == sorted(sizes, reverse=True)
    assert all(group.hub.id in group.members for group in result.groups)
    assert -0.5 <= result.modularity <= 1
    assert result.of(members[0]) is not None and result.of("nobody") is None
    json.dumps(result.to_dict())


@pytest.mark.parametrize("backend", ["networkx", pytest.param("igraph", marks=needs_igraph)])
def test_communities_are_reproducible_with_a_seed(
    full_graph: CoordinationGraph, backend: str
) -> None:
    first = communities(full_graph, seed=1, backend=backend)  # type: ignore[arg-type]
    random.seed(99)  # the program's own random state plays no part
    assert communities(full_graph, seed=1, backend=backend).groups == first.groups  # type: ignore[arg-type]


def test_auto_switches_to_label_propagation_for_large_networks(
    full_graph: CoordinationGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert communities(full_graph, backend="networkx").method == "louvain"
    monkeypatch.setattr(stakeholders, "LOUVAIN_MAX_EDGES", 5)
    assert communities(full_graph, backend="networkx").method == "label_propagation"
    monkeypatch.setattr(_accel, "available", lambda: False)
    assert communities(full_graph).method == "label_propagation"


@needs_igraph
def test_auto_is_leiden_through_igraph_at_any_size(
    full_graph: CoordinationGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert communities(full_graph).method == "leiden"
    monkeypatch.setattr(stakeholders, "LOUVAIN_MAX_EDGES", 5)
    result = communities(full_graph)
    assert (result.method, result.backend) == ("leiden", "igraph")
    assert "(igraph)" in repr(result) and result.to_dict()["backend"] == "igraph"


def test_leiden_without_igraph_names_the_extra(
    full_graph: CoordinationGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "igraph", None)  # every import of igraph now fails
    with pytest.raises(MissingExtraError, match=r"uguaglianza\[fast\]"):
        communities(full_graph, method="leiden", backend="networkx")


def _planted(seed: int) -> nx.Graph[str]:
    """Four dense groups of 30 nodes, loosely tied to each other."""
    graph: nx.Graph[str] = nx.planted_partition_graph(4, 30, 0.4, 0.01, seed=seed)
    return nx.relabel_nodes(graph, {node: f"n{node:03d}" for node in graph})


@needs_igraph
@pytest.mark.parametrize("find", [_accel.louvain, _accel.leiden], ids=["louvain", "leiden"])
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("resolution", [0.5, 1.0, 2.0])
def test_igraph_partitions_match_networkx_louvain(
    find: Callable[..., tuple[list[list[str]], float]], seed: int, resolution: float
) -> None:
    network = _planted(seed)
    parts, score = find(network, seed=seed, resolution=resolution)
    # A partition of every node, whose modularity is networkx's number for it...
    assert sorted(node for part in parts for node in part) == sorted(network)
    expected = nx.community.modularity(network, parts, resolution=resolution)
    assert score == pytest.approx(expected, abs=1e-9)
    # ... and as good as networkx's own Louvain finds.
    theirs = nx.community.louvain_communities(network, resolution=resolution, seed=seed)
    best = nx.community.modularity(network, theirs, resolution=resolution)
    assert score >= best - 0.02
    if resolution == 1.0:  # the planted groups are found
        assert sorted(map(sorted, parts)) == sorted(map(sorted, theirs))


@needs_igraph
@pytest.mark.parametrize("find", [_accel.louvain, _accel.leiden], ids=["louvain", "leiden"])
def test_igraph_partitions_leave_the_program_random_state_alone(
    find: Callable[..., tuple[list[list[str]], float]],
) -> None:
    random.seed(5)
    expected = random.random()
    random.seed(5)
    find(_planted(0), seed=0, resolution=1.0)
    assert random.random() == expected


def test_asking_for_igraph_communities_without_it_names_the_extra(
    full_graph: CoordinationGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "igraph", None)  # every import of igraph now fails
    with pytest.raises(MissingExtraError, match=r"uguaglianza\[fast\]"):
        communities(full_graph, backend="igraph")


def test_unknown_method_is_refused(full_graph: CoordinationGraph) -> None:
    with pytest.raises(ValueError, match="unknown method"):
        communities(full_graph, method="magic")  # type: ignore[arg-type]
