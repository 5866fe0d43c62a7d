"""Single points of failure: articulation points and bridges of the coordination network.

An articulation point is a node whose departure splits its part of the network; a bridge
is a tie whose loss does. Both are found in one depth-first pass (Tarjan's low-point
method) on the undirected simple network, which also tells how many nodes each failure
cuts off: every node outside the largest piece left behind.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs
import networkx as nx

from uguaglianza.graph.analysis._common import (
    NodeRef,
    components,
    node_ref,
    preview,
    shared_network,
)
from uguaglianza.graph.build import CoordinationGraph, collector_paused
from uguaglianza.graph.kinds import STRUCTURE_EDGE_KINDS
from uguaglianza.tables import Tabular

__all__ = ["MAX_LISTED", "Bridge", "CutPoint", "FailurePoints", "failure_points"]

#: At most this many cut-off nodes are listed per failure (``cut_off`` counts them all).
MAX_LISTED = 1000


@attrs.frozen(slots=True)
class CutPoint:
    """A node whose departure cuts *cut_off* nodes off the rest of its component."""

    node: NodeRef
    cut_off: int
    separated: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.node} (cuts off {self.cut_off})"

    def to_dict(self) -> dict[str, Any]:
        """The articulation point as a JSON-compatible mapping."""
        return {
            "node": self.node.to_dict(),
            "cut_off": self.cut_off,
            "separated": list(self.separated),
        }


@attrs.frozen(slots=True)
class Bridge:
    """A tie between two nodes whose loss cuts *cut_off* nodes off the rest."""

    ends: tuple[NodeRef, NodeRef]
    kinds: tuple[str, ...]
    cut_off: int
    separated: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.ends[0].id} – {self.ends[1].id} (cuts off {self.cut_off})"

    def to_dict(self) -> dict[str, Any]:
        """The bridge as a JSON-compatible mapping."""
        return {
            "ends": [end.to_dict() for end in self.ends],
            "kinds": list(self.kinds),
            "cut_off": self.cut_off,
            "separated": list(self.separated),
        }


@attrs.frozen(slots=True, repr=False)
class FailurePoints(Tabular):
    """Articulation points and bridges, those cutting off most nodes first."""

    articulation_points: tuple[CutPoint, ...]
    bridges: tuple[Bridge, ...]

    def point(self, node: str) -> CutPoint | None:
        """The articulation point *node*, or ``None`` if it is not one."""
        return next((p for p in self.articulation_points if p.node.id == node), None)

    def __repr__(self) -> str:
        return (
            f"FailurePoints({len(self.articulation_points)} articulation points: "
            f"{preview(self.articulation_points)}; {len(self.bridges)} bridges: "
            f"{preview(self.bridges)})"
        )

    def to_dict(self) -> dict[str, Any]:
        """The failure points as a JSON-compatible mapping."""
        return {
            "articulation_points": [point.to_dict() for point in self.articulation_points],
            "bridges": [bridge.to_dict() for bridge in self.bridges],
        }


def _outside(
    order: Sequence[str], start: int, end: int, keep: tuple[int, int], skip: int
) -> Iterator[str]:
    """Nodes of ``order[start:end]`` outside the range *keep* and other than index *skip*.

    The range is stepped over, not walked: it may hold most of a large component, and
    only the first few nodes outside it are listed.
    """
    low, high = keep
    for i in itertools.chain(range(start, max(start, low)), range(max(start, high), end)):
        if i != skip:
            yield order[i]


def _listed(nodes: Iterator[str] | Sequence[str]) -> tuple[str, ...]:
    listed: list[str] = []
    for node in nodes:
        if len(listed) == MAX_LISTED:
            break
        listed.append(node)
    return tuple(listed)


def _search(
    network: nx.Graph[str],
) -> tuple[
    list[tuple[str, int, tuple[str, ...]]],
    list[tuple[str, str, int, tuple[str, ...]]],
    list[list[str]],
]:
    """One depth-first pass: (node, cut off, listed) per point, (u, v, ...) per bridge.

    The connected components it walks come third.
    """
    # The network's own dicts: networkx's views cost more than the search itself.
    adjacency: Mapping[str, Mapping[str, Any]] = network._adj  # type: ignore[attr-defined]
    disc: dict[str, int] = {}
    low: dict[str, int] = {}
    order: list[str] = []
    points: list[tuple[str, int, tuple[str, ...]]] = []
    bridges: list[tuple[str, str, int, tuple[str, ...]]] = []
    walked: list[list[str]] = []
    for root in network:
        if root in disc:
            continue
        first = len(order)
        disc[root] = low[root] = first
        order.append(root)
        parent: dict[str, str | None] = {root: None}
        pieces: dict[str, list[tuple[int, int]]] = {}
        found: list[tuple[str, str, int, int]] = []
        stack = [(root, iter(adjacency[root]))]
        while stack:
            node, neighbours = stack[-1]
            # Kept in locals while the neighbours are read, stored back before leaving.
            above, lowest = parent[node], low[node]
            for other in neighbours:
                seen = disc.get(other)
                if seen is None:
                    low[node] = lowest
                    disc[other] = low[other] = len(order)
                    order.append(other)
                    parent[other] = node
                    stack.append((other, iter(adjacency[other])))
                    break
                if seen < lowest and other != above:
                    lowest = seen
            else:
                low[node] = lowest
                stack.pop()
                if above is None:
                    continue
                # Preorder numbering: a subtree is the contiguous run from its root.
                size = len(order) - disc[node]
                low[above] = min(low[above], low[node])
                if low[node] >= disc[above]:
                    pieces.setdefault(above, []).append((disc[node], size))
                if low[node] > disc[above]:
                    found.append((above, node, disc[node], size))
        last = len(order)
        total = last - first
        walked.append(order[first:last])  # the component, complete once its root is done
        for node, subtrees in pieces.items():
            if node == root and len(subtrees) < 2:
                continue
            rest = total - 1 - sum(size for _, size in subtrees)
            start, size = max(subtrees, key=lambda piece: piece[1])
            if rest >= size:
                cut = total - 1 - rest
                listed = _listed(order[i] for s, n in subtrees for i in range(s, s + n))
            else:
                cut = total - 1 - size
                listed = _listed(_outside(order, first, last, (start, start + size), disc[node]))
            points.append((node, cut, listed))
        for above, node, start, size in found:
            if size <= total - size:
                bridges.append((above, node, size, _listed(order[start : start + size])))
            else:
                rest_nodes = _outside(order, first, last, (start, start + size), -1)
                bridges.append((above, node, total - size, _listed(rest_nodes)))
    return points, bridges, walked


def _kinds(graph: CoordinationGraph, u: str, v: str) -> tuple[str, ...]:
    kinds: set[str] = set()
    for a, b in ((u, v), (v, u)):
        found: Mapping[Any, dict[str, Any]] = graph.get_edge_data(a, b, default={})
        for data in found.values():
            if data.get("kind") not in STRUCTURE_EDGE_KINDS:
                kinds.add(str(data.get("kind")))
    return tuple(sorted(kinds))


@collector_paused
def failure_points(
    graph: CoordinationGraph, *, network: nx.Graph[str] | None = None
) -> FailurePoints:
    """The articulation points and bridges of the coordination network of *graph*.

    Args:
        graph: a coordination graph.
        network: its coordination network, if already computed.
    """
    network = shared_network(graph) if network is None else network
    points, bridges, walked = _search(network)
    components(network, walked)  # kept for the other analyses of the network
    cut_points = sorted(
        (CutPoint(node_ref(graph, node), cut, listed) for node, cut, listed in points),
        key=lambda point: (-point.cut_off, point.node.id),
    )
    ties = sorted(
        (
            Bridge((node_ref(graph, u), node_ref(graph, v)), _kinds(graph, u, v), cut, listed)
            for u, v, cut, listed in bridges
        ),
        key=lambda bridge: (-bridge.cut_off, bridge.ends[0].id, bridge.ends[1].id),
    )
    return FailurePoints(tuple(cut_points), tuple(ties))
