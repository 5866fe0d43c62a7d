"""Hubs and brokers: degree and betweenness, exact or sampled, in networkx or igraph."""

from __future__ import annotations

import importlib.util
import json
import sys

import networkx as nx
import pytest

from uguaglianza.errors import MissingExtraError
from uguaglianza.graph import (
    CoordinationGraph,
    betweenness,
    coordination_network,
    hubs,
    sample_size,
)
from uguaglianza.graph.analysis import _accel

needs_igraph = pytest.mark.skipif(
    importlib.util.find_spec("igraph") is None, reason="igraph (the 'fast' extra) not installed"
)


def random_network(seed: int, nodes: int = 60, edges: int = 140) -> nx.Graph[str]:
    graph = nx.gnm_random_graph(nodes, edges, seed=seed)
    return nx.relabel_nodes(graph, {i: f"n{i}" for i in graph})


def test_sample_size_is_exact_when_affordable_and_bounded_otherwise() -> None:
    assert sample_size(100, 300) is None
    assert sample_size(80_000, 400_000) == 15_000_000 // 880_000
    assert sample_size(10**9, 10**9) == 2
    assert sample_size(1000, 2000, budget=10**12) is None


def test_hubs_rank_by_degree_and_exact_betweenness(full_graph: CoordinationGraph) -> None:
    result = hubs(full_graph, top=3, backend="networkx")
    # Brokerage counts coordination ties, not where something lies (containment=False).
    network = coordination_network(full_graph, containment=False)
    degrees = dict(network.degree())
    assert [item.value for item in result.degree] == sorted(degrees.values(), reverse=True)[:3]
    exact = nx.betweenness_centrality(network, normalized=True)
    for item in result.betweenness:
        assert item.value == pytest.approx(exact[item.node.id])
    assert result.exact and result.sample is None and result.seed is None
    assert result.backend == "networkx"
    assert result.nodes == network.number_of_nodes()
    assert "betweenness (exact)" in repr(result)
    json.dumps(result.to_dict())


def test_sampled_betweenness_states_sample_and_seed(full_graph: CoordinationGraph) -> None:
    result = hubs(full_graph, sample=5, seed=7, backend="networkx")
    assert not result.exact
    assert (result.sample, result.seed) == (5, 7)
    assert "sampled from 5 sources" in repr(result)
    again = hubs(full_graph, sample=5, seed=7, backend="networkx")
    assert again.betweenness == result.betweenness


def test_a_sample_of_one_source_becomes_two_and_of_all_becomes_exact() -> None:
    network = random_network(1)
    _, used, _ = betweenness(network, sample=1, backend="networkx")
    assert used == 2
    _, used, _ = betweenness(network, sample=1000, backend="networkx")
    assert used is None


@needs_igraph
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("sample", [None, 2, 10])
def test_igraph_gives_networkx_numbers(seed: int, sample: int | None) -> None:
    network = random_network(seed)
    ours, used, backend = betweenness(network, sample=sample, seed=seed, backend="igraph")
    theirs, _, _ = betweenness(network, sample=sample, seed=seed, backend="networkx")
    assert (used, backend) == (sample, "igraph")
    assert ours == pytest.approx(theirs, abs=1e-12)


@needs_igraph
def test_igraph_handles_tiny_graphs() -> None:
    network: nx.Graph[str] = nx.Graph([("a", "b")])
    assert betweenness(network, backend="igraph")[0] == {"a": 0.0, "b": 0.0}


def test_asking_for_igraph_without_it_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "igraph", None)  # every import of igraph now fails
    with pytest.raises(MissingExtraError, match=r"uguaglianza\[fast\]"):
        betweenness(random_network(0), backend="igraph")


def test_auto_uses_networkx_when_igraph_is_absent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_accel, "available", lambda: False)
    assert betweenness(random_network(0))[2] == "networkx"
