"""What the analyses share: node references and short reprs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from uguaglianza.graph.build import CoordinationGraph

__all__ = ["NodeRef", "node_ref", "preview"]


@attrs.frozen(slots=True)
class NodeRef:
    """A node as results show it: its id, name and kind."""

    id: str
    name: str
    kind: str

    def __str__(self) -> str:
        return f"{self.name} [{self.id}]" if self.name != self.id else self.id

    def to_dict(self) -> dict[str, Any]:
        """The reference as a JSON-compatible mapping."""
        return {"id": self.id, "name": self.name, "kind": self.kind}


def node_ref(graph: CoordinationGraph, node: str) -> NodeRef:
    """The reference to *node*, named from the graph (its id when it has no name)."""
    data = graph.nodes[node] if node in graph else {}
    return NodeRef(node, str(data.get("name", node)), str(data.get("kind", "")))


def preview(items: Sequence[Any] | Iterable[Any], limit: int = 3) -> str:
    """``a, b, c and 4 more``: a few items of a collection for a one-line repr."""
    shown = list(items)
    head = ", ".join(str(item) for item in shown[:limit])
    if len(shown) > limit:
        head += f" and {len(shown) - limit} more"
    return head or "none"
