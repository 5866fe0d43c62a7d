"""Isolated, weakly tied and detached stakeholders; communities."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from uguaglianza.graph import CoordinationGraph, communities, isolated
from uguaglianza.graph.analysis import stakeholders


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


@pytest.mark.parametrize("method", ["louvain", "greedy", "label_propagation"])
def test_communities_partition_the_tied_nodes(full_graph: CoordinationGraph, method: str) -> None:
    result = communities(full_graph, method=method, seed=3)  # type: ignore[arg-type]
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


def test_communities_are_reproducible_with_a_seed(full_graph: CoordinationGraph) -> None:
    assert communities(full_graph, seed=1).groups == communities(full_graph, seed=1).groups


def test_auto_switches_to_label_propagation_for_large_networks(
    full_graph: CoordinationGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert communities(full_graph).method == "louvain"
    monkeypatch.setattr(stakeholders, "LOUVAIN_MAX_EDGES", 5)
    assert communities(full_graph).method == "label_propagation"


def test_unknown_method_is_refused(full_graph: CoordinationGraph) -> None:
    with pytest.raises(ValueError, match="unknown method"):
        communities(full_graph, method="magic")  # type: ignore[arg-type]
