"""Typed access to node and edge kinds, the lookups every analysis makes.

Analyses read edges many times over; networkx's edge views cost several times what they
give back on graphs of a million edges. :func:`edge_data` reads the graph's own dicts
once, and :func:`edges_by_kind` groups every edge by kind once per graph, kept in
networkx's cache of the graph (``__networkx_cache__``), which networkx empties whenever
nodes or edges are added or removed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal, TypeAlias

import networkx as nx

from uguaglianza.graph.build import Attrs, CoordinationGraph, _plain_multidigraph

__all__ = [
    "Adjacency",
    "adjacency",
    "edge_count",
    "edge_data",
    "edge_kinds",
    "edges_by_kind",
    "in_kinds",
    "keep_edges_by_kind",
    "node_kinds",
    "node_values",
    "out_kinds",
    "wants_edges_by_kind",
]

_BY_KIND = "uguaglianza.edges_by_kind"

#: ``(source, target, attributes)`` of one edge.
Edge = tuple[str, str, Attrs]


def node_values(graph: CoordinationGraph, attr: str) -> dict[str, Any]:
    """Each node's value of *attr* (``None`` where it has none)."""
    return {node: data.get(attr) for node, data in graph.nodes(data=True)}


def node_kinds(graph: CoordinationGraph) -> dict[str, str]:
    """Each node's kind (an empty string for a node added without one)."""
    return {node: str(data.get("kind", "")) for node, data in graph.nodes(data=True)}


def edge_data(graph: CoordinationGraph) -> Iterator[Edge]:
    """``(source, target, attributes)`` for every edge, in graph order.

    The same edges, in the same order, as ``graph.edges(data=True)``, read from the
    graph's own dicts when it is a plain ``MultiDiGraph``. The attributes are the graph's
    own: not to be modified.
    """
    if not _plain_multidigraph(graph):
        yield from graph.edges(data=True)
        return
    succ: dict[str, dict[str, dict[Any, Attrs]]] = graph._succ  # type: ignore[attr-defined]
    for u, targets in succ.items():
        for v, keyed in targets.items():
            for data in keyed.values():
                yield u, v, data


def edge_count(graph: nx.Graph[str]) -> int:
    """How many edges *graph* has: ``number_of_edges()``, counted from its own dicts.

    networkx counts through its degree view, which on a million edges costs a second;
    a plain ``MultiDiGraph`` or ``Graph`` is counted here from the adjacency dicts.
    """
    if _plain_multidigraph(graph):
        succ: dict[str, dict[str, dict[Any, Attrs]]] = graph._succ  # type: ignore[attr-defined]
        return sum(len(keyed) for targets in succ.values() for keyed in targets.values())
    if type(graph) is nx.Graph:
        adj: dict[str, dict[str, Any]] = graph._adj  # type: ignore[attr-defined]
        loops = sum(1 for node, around in adj.items() if node in around)
        return (sum(map(len, adj.values())) + loops) // 2
    return graph.number_of_edges()


def edges_by_kind(graph: CoordinationGraph) -> Mapping[str, Sequence[Edge]]:
    """Every edge of *graph* by kind, each kind's edges in graph order; built once per graph.

    An edge with no kind is under the empty string. The mapping is shared by every
    caller: not to be modified.
    """
    found = _grouped(graph)
    if found is not None:
        return found
    grouped: dict[str, list[Edge]] = {}
    for edge in edge_data(graph):
        kind = str(edge[2].get("kind", ""))
        group = grouped.get(kind)
        if group is None:
            group = grouped[kind] = []
        group.append(edge)
    keep_edges_by_kind(graph, grouped)
    return grouped


def _grouped(graph: CoordinationGraph) -> dict[str, list[Edge]] | None:
    cache: dict[Any, Any] | None = getattr(graph, "__networkx_cache__", None)
    return None if cache is None else cache.get(_BY_KIND)


def wants_edges_by_kind(graph: CoordinationGraph) -> bool:
    """Whether a pass over every edge of *graph* should group them for :func:`edges_by_kind`.

    True when they are not grouped yet and the graph keeps a cache to hold them.
    """
    cache: dict[Any, Any] | None = getattr(graph, "__networkx_cache__", None)
    return cache is not None and _BY_KIND not in cache


def keep_edges_by_kind(graph: CoordinationGraph, grouped: dict[str, list[Edge]]) -> None:
    """Keep *grouped*, every edge of *graph* by kind in graph order, for :func:`edges_by_kind`.

    For a pass that walks every edge anyway: it groups them on the way and keeps them
    here, sparing the analyses that come next a pass of their own.
    """
    cache: dict[Any, Any] | None = getattr(graph, "__networkx_cache__", None)
    if cache is not None:
        cache[_BY_KIND] = grouped


def edge_kinds(graph: CoordinationGraph) -> Iterator[tuple[str, str, str]]:
    """``(source, target, kind)`` for every edge, in graph order."""
    for u, v, data in edge_data(graph):
        yield u, v, str(data.get("kind", ""))


def out_kinds(graph: CoordinationGraph, node: str) -> Iterator[tuple[str, str]]:
    """``(target, kind)`` for every edge leaving *node*."""
    return _kinds_around(adjacency(graph, "succ"), node)


def in_kinds(graph: CoordinationGraph, node: str) -> Iterator[tuple[str, str]]:
    """``(source, kind)`` for every edge reaching *node*."""
    return _kinds_around(adjacency(graph, "pred"), node)


#: Each node's neighbours on one side, each with its edges by key.
Adjacency: TypeAlias = Mapping[str, Mapping[str, Mapping[Any, Attrs]]]


def adjacency(graph: CoordinationGraph, side: Literal["succ", "pred"]) -> Adjacency:
    """The successors or predecessors of *graph*: its own dicts where it is a plain one.

    networkx's adjacency views cost several times the dicts beneath them.
    """
    found: Adjacency = getattr(graph, f"_{side}" if _plain_multidigraph(graph) else side)
    return found


def _kinds_around(around: Adjacency, node: str) -> Iterator[tuple[str, str]]:
    for other, keyed in around[node].items():
        for data in keyed.values():
            yield other, str(data.get("kind", ""))
