"""Typed access to node and edge kinds, the lookups every analysis makes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from uguaglianza.graph.build import CoordinationGraph

__all__ = ["edge_kinds", "in_kinds", "node_kinds", "node_values", "out_kinds"]


def node_values(graph: CoordinationGraph, attr: str) -> dict[str, Any]:
    """Each node's value of *attr* (``None`` where it has none)."""
    return {node: data.get(attr) for node, data in graph.nodes(data=True)}


def node_kinds(graph: CoordinationGraph) -> dict[str, str]:
    """Each node's kind (an empty string for a node added without one)."""
    return {node: str(data.get("kind", "")) for node, data in graph.nodes(data=True)}


def edge_kinds(graph: CoordinationGraph) -> Iterator[tuple[str, str, str]]:
    """``(source, target, kind)`` for every edge."""
    for u, v, data in graph.edges(data=True):
        yield u, v, str(data.get("kind", ""))


def out_kinds(graph: CoordinationGraph, node: str) -> Iterator[tuple[str, str]]:
    """``(target, kind)`` for every edge leaving *node*."""
    for _, v, data in graph.out_edges(node, data=True):
        yield v, str(data.get("kind", ""))


def in_kinds(graph: CoordinationGraph, node: str) -> Iterator[tuple[str, str]]:
    """``(source, kind)`` for every edge reaching *node*."""
    for u, _, data in graph.in_edges(node, data=True):
        yield u, str(data.get("kind", ""))
