"""Numbered ties: the same whether read from a network or gathered without building it."""

from __future__ import annotations

import importlib.util
import multiprocessing
import random

import networkx as nx
import pytest

from uguaglianza.graph import CoordinationGraph, analyse, coordination_network, hubs
from uguaglianza.graph._ties import gathered, ties_of
from uguaglianza.graph.analysis import _common

needs_igraph = pytest.mark.skipif(
    importlib.util.find_spec("igraph") is None, reason="igraph (the 'fast' extra) not installed"
)


class _Subclassed(nx.MultiDiGraph):  # type: ignore[type-arg]
    """A graph that is not a plain MultiDiGraph: networkx's own calls build its networks."""


def mixed_graph(seed: int, graph: CoordinationGraph | None = None) -> CoordinationGraph:
    """Organisations, territories and areas with coordination and containment edges.

    Edges run both ways between some pairs, some repeat, some are self-loops, and some
    areas are reached only by a relation: every case the pass over the edges meets.
    """
    rng = random.Random(seed)
    built: CoordinationGraph = nx.MultiDiGraph() if graph is None else graph
    kinds = ["organisation"] * 30 + ["territory"] * 8 + ["area"] * 4 + ["post"] * 6
    nodes = [f"{kind[:3]}{i}" for i, kind in enumerate(kinds)]
    built.add_nodes_from((node, {"kind": kind}) for node, kind in zip(nodes, kinds, strict=True))
    for _ in range(140):
        u, v = rng.choice(nodes), rng.choice(nodes)
        kind = rng.choice(["collaborates_with", "serves", "part_of", "covers", "member_of"])
        built.add_edge(u, v, kind=kind)
    built.add_edge("org0", "org0", kind="collaborates_with")
    built.add_edge("org1", "org2", kind="collaborates_with")
    built.add_edge("org2", "org1", kind="collaborates_with")
    built.add_edge("late", "org3", kind="collaborates_with")  # a node known only by an edge
    return built


def test_gathered_ties_are_those_a_network_would_have() -> None:
    network = nx.Graph()
    network.add_nodes_from(["a", "b", "c"])
    pairs = [("c", "a"), ("a", "c"), ("x", "b"), ("b", "b"), ("a", "y"), ("x", "b")]
    network.add_edges_from(pairs)
    ties = gathered(["a", "b", "c"], pairs)
    assert not ties.numbered
    assert ties.nodes == list(network) == ["a", "b", "c", "x", "y"]
    assert ties.numbered
    assert ties.pairs == [(0, 2), (0, 4), (1, 1), (1, 3)]
    read = ties_of(network)
    assert (read.nodes, read.pairs) == (ties.nodes, ties.pairs)
    assert ties.degrees() == dict(network.degree())
    assert ties_of(network) is read  # kept in networkx's cache of the network
    network.add_edge("c", "y")
    assert ties_of(network) is not read


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("plain", [True, False], ids=["plain", "subclassed"])
def test_the_ties_of_a_graph_are_those_of_its_network_without_containment(
    seed: int, plain: bool
) -> None:
    graph = mixed_graph(seed, None if plain else _Subclassed())
    ties = _common.shared_ties(graph)
    network = coordination_network(graph, containment=False)
    read = ties_of(network)
    assert (ties.nodes, ties.pairs) == (read.nodes, read.pairs)
    assert ties.degrees() == dict(network.degree())
    assert _common.shared_ties(graph) is ties
    if plain:  # gathered without building the network
        assert ("uguaglianza.coordination_network", False) not in graph.__networkx_cache__


@needs_igraph
@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("sample", [None, 12])
def test_hubs_from_the_ties_are_hubs_from_the_network_to_the_last_digit(
    seed: int, sample: int | None
) -> None:
    graph = mixed_graph(seed)
    network = coordination_network(graph, containment=False)
    ours = hubs(graph, sample=sample, seed=seed, backend="igraph")
    theirs = hubs(graph, sample=sample, seed=seed, backend="igraph", network=network)
    assert ours == theirs
    assert ("uguaglianza.coordination_network", False) not in graph.__networkx_cache__
    nx_hubs = hubs(graph, sample=sample, seed=seed, backend="networkx", network=network)
    assert [ranked.node for ranked in ours.degree] == [ranked.node for ranked in nx_hubs.degree]
    for mine, other in zip(ours.betweenness, nx_hubs.betweenness, strict=True):
        assert mine.value == pytest.approx(other.value, abs=1e-12)


@needs_igraph
def test_analyse_with_igraph_builds_no_network_without_containment() -> None:
    graph = mixed_graph(7)
    result = analyse(graph, sections=["hubs", "failures"], backend="igraph", jobs=1)
    assert ("uguaglianza.coordination_network", False) not in graph.__networkx_cache__
    assert result["hubs"] == hubs(
        graph, backend="igraph", network=coordination_network(graph, containment=False)
    )


@needs_igraph
@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="the platform does not fork"
)
def test_a_forked_analysis_numbers_the_ties_in_the_child() -> None:
    graph = mixed_graph(8)
    forked = analyse(graph, sections=["hubs", "failures"], backend="igraph", jobs=2)
    assert not _common.shared_ties(graph).numbered  # the work was done in the child
    alone = analyse(mixed_graph(8), sections=["hubs", "failures"], backend="igraph", jobs=1)
    assert forked["hubs"] == alone["hubs"]
