"""Betweenness through igraph (the optional ``fast`` extra), matching networkx's numbers.

Only the computation moves to igraph: graphs in and results out are networkx's and plain
dicts. Each undirected edge becomes two arcs, so that igraph counts shortest paths from
each source to every target exactly as networkx's Brandes accumulation does; the sums are
then scaled as networkx scales them, exact or sampled.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Sequence
from typing import Any

import networkx as nx

from uguaglianza.errors import MissingExtraError

__all__ = ["available", "betweenness", "require"]


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


def betweenness(network: nx.Graph[str], sources: Sequence[str] | None) -> dict[str, float]:
    """Normalised betweenness of every node, over all *sources* (``None``: every node)."""
    igraph = require()
    nodes = list(network)
    n = len(nodes)
    if n < 3:
        return dict.fromkeys(nodes, 0.0)
    index = {node: i for i, node in enumerate(nodes)}
    pairs = [(index[u], index[v]) for u, v in network.edges()]
    if sources is None:
        graph = igraph.Graph(n=n, edges=pairs, directed=False)
        raw = graph.betweenness(directed=False)
        # igraph counts unordered pairs; networkx normalises by ordered pairs.
        scale = 2.0 / ((n - 1) * (n - 2))
        return {node: raw[i] * scale for i, node in enumerate(nodes)}
    arcs = igraph.Graph(n=n, edges=pairs + [(v, u) for u, v in pairs], directed=True)
    raw = arcs.betweenness(directed=True, sources=[index[s] for s in sources], targets=None)
    k = len(sources)
    picked = set(sources)
    # A sampled source cannot count its own paths: its estimate is scaled over k - 1
    # (callers sample at least two sources).
    own = 1.0 / ((k - 1) * (n - 2))
    other = 1.0 / (k * (n - 2))
    return {node: raw[i] * (own if node in picked else other) for i, node in enumerate(nodes)}
