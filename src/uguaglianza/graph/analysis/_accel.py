"""Betweenness, Louvain and Leiden communities through igraph (the optional ``fast`` extra).

Only the computation moves to igraph: graphs in and results out are networkx's and plain
dicts. Each network is converted once. Betweenness is computed on a network's numbered
ties (:mod:`uguaglianza.graph._ties`), which can be gathered without building the
networkx network at all. igraph counts each unordered pair of an undirected
graph once where networkx's Brandes accumulation counts it from both ends: the sums are
doubled, then scaled as networkx scales them, exact or sampled.
Louvain is randomised and the two libraries visit nodes differently, so their partitions
differ; both are seeded, and the modularity of a partition is the same number in both.
"""

from __future__ import annotations

import importlib
import importlib.util
import random
from collections.abc import Callable, Sequence
from typing import Any

import networkx as nx

from uguaglianza.errors import MissingExtraError
from uguaglianza.graph._ties import Ties, ties_of

__all__ = ["available", "betweenness", "from_sources", "leiden", "louvain", "require"]


def available() -> bool:
    """Whether igraph can be imported."""
    return importlib.util.find_spec("igraph") is not None


def require() -> Any:
    """The igraph module.

    Raises:
        MissingExtraError: igraph is not installed.
    """
    try:
        return importlib.import_module("igraph")
    except ImportError:
        raise MissingExtraError(
            "the igraph backend needs the igraph package: pip install 'uguaglianza[fast]'"
        ) from None


def _converted(network: nx.Graph[str]) -> tuple[Any, list[str]]:
    """*network* as an undirected igraph graph, with its nodes in order.

    Its ties go to igraph in the order of ``network.edges()`` (:meth:`Ties.listed`), on
    which the seeded partitions depend. The conversion is kept in networkx's cache of
    *network*, emptied whenever its nodes or edges change, so analyses of one network
    convert it once.
    """
    cache: dict[Any, Any] | None = getattr(network, "__networkx_cache__", None)
    key = "uguaglianza.igraph"
    if cache is not None and key in cache:
        found: tuple[Any, list[str]] = cache[key]
        return found
    ties = ties_of(network)
    converted = (require().Graph(n=len(ties.nodes), edges=ties.listed()), ties.nodes)
    if cache is not None:
        cache[key] = converted
    return converted


def _graph_of(ties: Ties) -> Any:
    """*ties* as an undirected igraph graph, made once per ties."""
    found = ties.kept("igraph")
    if found is None:
        found = require().Graph(n=len(ties.nodes), edges=ties.pairs)
        ties.keep("igraph", found)
    return found


def betweenness(ties: Ties) -> dict[str, float]:
    """Exact normalised betweenness of every node of the network of *ties*."""
    require()
    n = len(ties.nodes)
    if n < 3:
        return dict.fromkeys(ties.nodes, 0.0)
    raw = _graph_of(ties).betweenness(directed=False)
    # igraph counts unordered pairs; networkx normalises by ordered pairs.
    scale = 2.0 / ((n - 1) * (n - 2))
    return {node: raw[i] * scale for i, node in enumerate(ties.nodes)}


def from_sources(ties: Ties, sources: Sequence[int]) -> list[float]:
    """For each node of *ties*, in order, the shortest paths from *sources* it lies on.

    *sources* are node positions. The sum over each source of its dependency on the node
    (Brandes' accumulation), before any scaling.
    """
    raw = _graph_of(ties).betweenness(directed=False, sources=sources, targets=None)
    return [2.0 * value for value in raw]


def louvain(
    network: nx.Graph[str], *, seed: int, resolution: float
) -> tuple[list[list[str]], float]:
    """Louvain communities of *network* (igraph's multilevel method) and their modularity."""
    return _partition(
        network, seed, resolution, lambda graph: graph.community_multilevel(resolution=resolution)
    )


def leiden(
    network: nx.Graph[str], *, seed: int, resolution: float
) -> tuple[list[list[str]], float]:
    """Leiden communities of *network* by modularity and their modularity.

    Leiden refines Louvain's moves so that every community is connected; igraph's two
    iterations, each about linear in the ties, find a partition at least as good.
    """
    return _partition(
        network,
        seed,
        resolution,
        lambda graph: graph.community_leiden(
            objective_function="modularity", resolution=resolution, n_iterations=2
        ),
    )


def _partition(
    network: nx.Graph[str], seed: int, resolution: float, find: Callable[[Any], Any]
) -> tuple[list[list[str]], float]:
    """The groups *find* gives on *network*'s conversion, seeded, and their modularity.

    igraph draws its random numbers from a generator set for the whole process: a
    generator seeded with *seed* is set for the call, then Python's ``random`` again,
    igraph's default.
    """
    igraph = require()
    graph, nodes = _converted(network)
    igraph.set_random_number_generator(random.Random(seed))
    try:
        clustering = find(graph)
    finally:
        igraph.set_random_number_generator(random)
    membership: list[int] = clustering.membership
    groups: list[list[str]] = [[] for _ in range(max(membership, default=-1) + 1)]
    for node, group in zip(nodes, membership, strict=True):
        groups[group].append(node)
    score = graph.modularity(membership, resolution=resolution) if graph.ecount() else 0.0
    return groups, float(score)
