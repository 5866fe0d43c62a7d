"""Hubs and brokers: degree and betweenness, exact or sampled, in networkx or igraph."""

from __future__ import annotations

import importlib.util
import json
import random
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
from uguaglianza.graph._ties import ties_of
from uguaglianza.graph.analysis import _accel
from uguaglianza.graph.analysis.centrality import estimate_betweenness

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


def test_a_sampled_estimate_is_networkx_own_estimate() -> None:
    network = random_network(3)
    ours, used, _ = betweenness(network, sample=12, seed=5, backend="networkx")
    assert used == 12
    theirs = nx.betweenness_centrality(network, k=12, seed=5, normalized=True)
    assert ours == pytest.approx(theirs, abs=1e-12)


def _star(leaves: int) -> nx.Graph[str]:
    return nx.Graph(("hub", f"leaf{i}") for i in range(leaves))


def test_the_error_is_the_spread_between_batches_of_sources() -> None:
    network = _star(40)
    # A sample without the hub: every leaf source sends all its paths through the hub,
    # so each batch estimates the hub's betweenness exactly and the error is nil.
    seed = next(s for s in range(100) if "hub" not in random.Random(s).sample(list(network), 8))
    found = estimate_betweenness(network, sample=8, seed=seed, backend="networkx")
    assert found.batches == 4
    assert found.scores["hub"] == pytest.approx(1.0)
    assert found.error("hub") == pytest.approx(0.0, abs=1e-15)
    # With the hub among the sources, the batch holding it sees fewer paths through it.
    seed = next(s for s in range(100) if "hub" in random.Random(s).sample(list(network), 8))
    found = estimate_betweenness(network, sample=8, seed=seed, backend="networkx")
    batch = [1.0] * 4
    batch[random.Random(seed).sample(list(network), 8).index("hub") % 4] = 0.5
    mean = sum(batch) / 4
    expected = (sum((value - mean) ** 2 for value in batch) / 3 / 4) ** 0.5
    assert found.error("hub") == pytest.approx(expected)


def test_no_error_when_exact_or_with_fewer_than_four_sources() -> None:
    network = random_network(0)
    assert estimate_betweenness(network, sample=None).error("n1") is None
    small = estimate_betweenness(network, sample=3, backend="networkx")
    assert small.batches is None and small.error("n1") is None


def test_a_flat_network_is_not_told_apart_and_says_so() -> None:
    ring = nx.relabel_nodes(nx.cycle_graph(200), str)
    graph: CoordinationGraph = nx.MultiDiGraph()
    graph.add_nodes_from(ring, kind="organisation")
    graph.add_edges_from(ring.edges, kind="collaborates_with")
    result = hubs(graph, sample=16, seed=1, backend="networkx")
    # Every node of a ring is as much a broker as any other: only the sample ranks them.
    assert result.batches == 8
    assert all(item.error is not None and item.error > 0 for item in result.betweenness)
    assert not result.told_apart
    assert "±" in str(result.betweenness[0])
    assert result.to_dict()["told_apart"] is False
    assert "error" in result.to_dict()["betweenness"][0]
    exact = hubs(graph, sample=None, backend="networkx")
    assert exact.told_apart and exact.batches is None
    assert "error" not in exact.to_dict()["betweenness"][0]


@needs_igraph
@pytest.mark.parametrize("seed", [0, 1])
def test_igraph_gives_networkx_errors(seed: int) -> None:
    network = random_network(seed)
    ours = estimate_betweenness(network, sample=10, seed=seed, backend="igraph")
    theirs = estimate_betweenness(network, sample=10, seed=seed, backend="networkx")
    assert ours.batches == theirs.batches == 5
    for node in network:
        assert ours.error(node) == pytest.approx(theirs.error(node), abs=1e-12)


def test_ties_are_numbered_once_each_in_networkx_order() -> None:
    network = random_network(4)
    network.add_edge("n3", "n3")
    network.add_edge("late", "n0")  # a node added after its neighbour
    ties = ties_of(network)
    assert ties.nodes == list(network)
    index = {node: i for i, node in enumerate(ties.nodes)}
    assert ties.listed() == [(index[u], index[v]) for u, v in network.edges()]
