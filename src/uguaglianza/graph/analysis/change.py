"""Change: what was added, removed or altered between two dates or two documents.

Edges are matched by their ends, kind and origin (not by key, which depends on document
order); among matching edges, identical attributes mean unchanged, and the rest are
paired as changed, with any surplus added or removed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

import attrs

from uguaglianza.graph.analysis._common import NodeRef, node_ref
from uguaglianza.graph.build import Attrs, CoordinationGraph, collector_paused, coordination_graph
from uguaglianza.graph.views import as_of
from uguaglianza.model import Landscape, PlanDocument
from uguaglianza.tables import Tabular

__all__ = [
    "Change",
    "EdgeChange",
    "EdgeRef",
    "NodeChange",
    "change",
    "changes_between",
    "compare_documents",
]


@attrs.frozen(slots=True)
class EdgeRef:
    """An edge as change reports it: its ends, kind, origin and validity."""

    source: str
    target: str
    kind: str
    origin: str
    start: str | None = None
    end: str | None = None

    def __str__(self) -> str:
        return f"{self.source} {self.kind} {self.target}"

    def to_dict(self) -> dict[str, Any]:
        """The edge as a JSON-compatible mapping."""
        return attrs.asdict(self)


@attrs.frozen(slots=True)
class NodeChange:
    """A node present on both sides whose attributes differ."""

    node: NodeRef
    fields: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.node.id} ({', '.join(self.fields)})"

    def to_dict(self) -> dict[str, Any]:
        """The change as a JSON-compatible mapping."""
        return {"node": self.node.to_dict(), "fields": list(self.fields)}


@attrs.frozen(slots=True)
class EdgeChange:
    """An edge present on both sides whose attributes differ."""

    before: EdgeRef
    after: EdgeRef
    fields: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.after} ({', '.join(self.fields)})"

    def to_dict(self) -> dict[str, Any]:
        """The change as a JSON-compatible mapping."""
        return {
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "fields": list(self.fields),
        }


@attrs.frozen(slots=True, repr=False)
class Change(Tabular):
    """What differs between the graph *before* and the graph *after* (labels of each side)."""

    before: str
    after: str
    added_nodes: tuple[NodeRef, ...]
    removed_nodes: tuple[NodeRef, ...]
    changed_nodes: tuple[NodeChange, ...]
    added_edges: tuple[EdgeRef, ...]
    removed_edges: tuple[EdgeRef, ...]
    changed_edges: tuple[EdgeChange, ...]

    @property
    def unchanged(self) -> bool:
        """Whether the two graphs hold the same nodes and edges."""
        return not (
            self.added_nodes
            or self.removed_nodes
            or self.changed_nodes
            or self.added_edges
            or self.removed_edges
            or self.changed_edges
        )

    def __repr__(self) -> str:
        return (
            f"Change({self.before} → {self.after}: nodes +{len(self.added_nodes)} "
            f"-{len(self.removed_nodes)} ~{len(self.changed_nodes)}; edges "
            f"+{len(self.added_edges)} -{len(self.removed_edges)} ~{len(self.changed_edges)})"
        )

    def to_dict(self) -> dict[str, Any]:
        """The change as a JSON-compatible mapping."""
        return {
            "before": self.before,
            "after": self.after,
            "added_nodes": [ref.to_dict() for ref in self.added_nodes],
            "removed_nodes": [ref.to_dict() for ref in self.removed_nodes],
            "changed_nodes": [item.to_dict() for item in self.changed_nodes],
            "added_edges": [edge.to_dict() for edge in self.added_edges],
            "removed_edges": [edge.to_dict() for edge in self.removed_edges],
            "changed_edges": [item.to_dict() for item in self.changed_edges],
        }


_Frozen = tuple[tuple[str, Any], ...]


def _edge_ref(u: str, v: str, data: _Frozen) -> EdgeRef:
    found = dict(data)
    return EdgeRef(
        u, v, str(found.get("kind")), str(found.get("origin")), found.get("start"), found.get("end")
    )


def _differing(first: Attrs, second: Attrs) -> tuple[str, ...]:
    keys = (set(first) | set(second)) - {"id"}
    return tuple(sorted(key for key in keys if first.get(key) != second.get(key)))


def _unchanged(before: CoordinationGraph, after: CoordinationGraph) -> set[tuple[str, str, Any]]:
    """Edges with the same ends, key and attributes on both sides: the usual bulk, fast."""
    same = set()
    for u, v, key, data in after.edges(keys=True, data=True):
        if before.get_edge_data(u, v, key) == data:
            same.add((u, v, key))
    return same


def _grouped(
    graph: CoordinationGraph, skip: set[tuple[str, str, Any]]
) -> dict[tuple[str, str, str, str], Counter[_Frozen]]:
    """Edges by (source, target, kind, origin), each a multiset of frozen attributes."""
    groups: dict[tuple[str, str, str, str], Counter[_Frozen]] = defaultdict(Counter)
    for u, v, key, data in graph.edges(keys=True, data=True):
        if (u, v, key) in skip:
            continue
        frozen = tuple(sorted((k, x) for k, x in data.items() if k != "id"))
        groups[(u, v, str(data.get("kind")), str(data.get("origin")))][frozen] += 1
    return groups


@collector_paused
def change(
    before: CoordinationGraph,
    after: CoordinationGraph,
    *,
    labels: tuple[str, str] = ("before", "after"),
) -> Change:
    """What was added, removed and changed from graph *before* to graph *after*."""
    added = [node_ref(after, n) for n in after if n not in before]
    removed = [node_ref(before, n) for n in before if n not in after]
    altered = []
    for node, data in after.nodes(data=True):
        if node in before and before.nodes[node] != data:
            altered.append(NodeChange(node_ref(after, node), _differing(before.nodes[node], data)))

    same = _unchanged(before, after)
    old, new = _grouped(before, same), _grouped(after, same)
    gained: list[EdgeRef] = []
    lost: list[EdgeRef] = []
    changed: list[EdgeChange] = []
    empty: Counter[_Frozen] = Counter()
    for ident in dict.fromkeys([*old, *new]):
        u, v = ident[0], ident[1]
        before_side, after_side = old.get(ident, empty), new.get(ident, empty)
        if before_side == after_side:
            continue
        left = sorted((before_side - after_side).elements(), key=repr)
        right = sorted((after_side - before_side).elements(), key=repr)
        for first, second in zip(left, right, strict=False):
            fields = _differing(dict(first), dict(second))
            changed.append(EdgeChange(_edge_ref(u, v, first), _edge_ref(u, v, second), fields))
        lost.extend(_edge_ref(u, v, data) for data in left[len(right) :])
        gained.extend(_edge_ref(u, v, data) for data in right[len(left) :])
    return Change(
        labels[0],
        labels[1],
        tuple(added),
        tuple(removed),
        tuple(altered),
        tuple(gained),
        tuple(lost),
        tuple(changed),
    )


def changes_between(graph: CoordinationGraph, earlier: dt.date, later: dt.date) -> Change:
    """What changed in *graph* from date *earlier* to date *later*."""
    return change(
        as_of(graph, earlier),
        as_of(graph, later),
        labels=(earlier.isoformat(), later.isoformat()),
    )


def compare_documents(
    before: PlanDocument | Landscape,
    after: PlanDocument | Landscape,
    *,
    on: dt.date | None = None,
) -> Change:
    """What changed between two versions of a document (both as of *on*, if given)."""
    return change(
        coordination_graph(before, as_of=on),
        coordination_graph(after, as_of=on),
        labels=(before.id, after.id),
    )
