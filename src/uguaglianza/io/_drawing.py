"""Where a picture of a coordination graph puts each node, and its words in two languages.

Graphs small enough to read are drawn in layers, one kind of thing per row: plans, their
areas and actions at the top, then acts and funding, bodies, their members (organisations,
posts, persons, services) and territories at the bottom. Within a row, nodes sit near
the nodes they are tied to in the rows already placed, so that lines cross little.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from uguaglianza.graph import CoordinationGraph

__all__ = ["KIND_LABELS", "LAYERS", "layered_layout", "node_label", "ring_layout"]

#: The rows of a layered picture, top to bottom, by node kind.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("plan",),
    ("area",),
    ("action", "project"),
    ("act", "fund", "call", "grant"),
    ("body",),
    ("organisation", "post", "person", "service"),
    ("territory",),
)

#: Node kinds in Italian and English, for legends.
KIND_LABELS: Mapping[str, tuple[str, str]] = {
    "territory": ("territorio", "territory"),
    "organisation": ("organizzazione", "organisation"),
    "person": ("persona", "person"),
    "post": ("carica", "post"),
    "body": ("organismo", "body"),
    "plan": ("piano", "plan"),
    "area": ("area di intervento", "area"),
    "action": ("azione", "action"),
    "act": ("atto", "act"),
    "fund": ("fondo", "fund"),
    "call": ("bando", "call"),
    "grant": ("contributo", "grant"),
    "project": ("progetto", "project"),
    "service": ("servizio", "service"),
}


def node_label(data: Mapping[str, Any], node: str, lang: str | None) -> str:
    """A node's name in *lang* when the graph has it (``name_en``), else its label."""
    if lang is not None and lang != "it":
        translated = data.get(f"name_{lang}")
        if translated:
            return str(translated)
    return str(data.get("label") or data.get("name") or node)


def layered_layout(graph: CoordinationGraph) -> dict[str, tuple[float, float]]:
    """One row per layer of :data:`LAYERS`, nodes ordered by their neighbours' places."""
    row_of = {kind: row for row, kinds in enumerate(LAYERS) for kind in kinds}
    rows: dict[int, list[str]] = {}
    for node, data in graph.nodes(data=True):
        rows.setdefault(row_of.get(str(data.get("kind")), len(LAYERS)), []).append(node)
    undirected = graph.to_undirected(as_view=True)
    positions: dict[str, tuple[float, float]] = {}
    used = sorted(rows)
    for depth, row in enumerate(used):
        nodes = sorted(rows[row])

        def anchor(node: str) -> float:
            placed = [positions[n][0] for n in undirected.neighbors(node) if n in positions]
            return sum(placed) / len(placed) if placed else 0.5

        if positions:
            nodes.sort(key=anchor)
        for i, node in enumerate(nodes):
            x = (i + 0.5) / len(nodes)
            # Crowded rows zigzag over three lines, so that their labels do not overlap.
            shift = (i % 3) * 0.22 if len(nodes) > 5 else 0.0
            positions[node] = (x, -float(depth) - shift)
    return positions


def ring_layout(graph: CoordinationGraph) -> dict[str, tuple[float, float]]:
    """Large graphs: one ring per node kind, the smallest kind innermost."""
    by_kind: dict[str, list[str]] = {}
    for node, data in graph.nodes(data=True):
        by_kind.setdefault(str(data.get("kind", "")), []).append(node)
    positions = {}
    for ring, nodes in enumerate(sorted(by_kind.values(), key=len), start=1):
        for i, node in enumerate(nodes):
            angle = 2 * math.pi * i / len(nodes)
            positions[node] = (ring * math.cos(angle), ring * math.sin(angle))
    return positions
