"""A simple undirected network as numbered ties: its nodes in order, each tie once.

This is what igraph is given. The same ties come out whether they are read from a
networkx network (:func:`ties_of`) or gathered while the network's edges are first
walked (:func:`gathered`), without building the network at all: its nodes in the
order the network would hold them, each tie once as a (lower, higher) pair of
positions, pairs sorted. So an analysis gives the same numbers either way, to the last
digit. Gathered ties are numbered and sorted only when first wanted, so that a process
given them (a forked analysis) does that work, not the one gathering them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

__all__ = ["Ties", "gathered", "ties_of"]

_CACHE_KEY = "uguaglianza.ties"
_SHIFT = 32  # a pair (a, b) is sorted as the number a << 32 | b
_LOW = (1 << _SHIFT) - 1


class Ties:
    """A simple undirected network as numbered ties.

    Made from a network's nodes and ties already numbered, or (:func:`gathered`) from
    the pairs of nodes its edges join, numbered when first wanted.
    """

    __slots__ = ("_cache", "_keys", "_nodes", "_pending")

    def __init__(
        self,
        nodes: list[str],
        keys: list[int] | None = None,
        *,
        pairs: list[tuple[str, str]] | None = None,
    ) -> None:
        self._nodes = nodes
        self._keys = keys
        self._pending = pairs
        self._cache: dict[str, Any] = {}

    def _settle(self) -> list[int]:
        if self._keys is None:
            self._nodes, self._keys = _numbered(self._nodes, self._pending or ())
            self._pending = None
        return self._keys

    @property
    def numbered(self) -> bool:
        """Whether the ties are numbered yet (gathered ones are, when first wanted)."""
        return self._keys is not None

    @property
    def nodes(self) -> list[str]:
        """The nodes, in the network's order."""
        self._settle()
        return self._nodes

    @property
    def keys(self) -> list[int]:
        """Each tie once, as ``lower << 32 | higher``, the positions of its two nodes.

        A self-loop has the same position twice. Read from a network (:func:`ties_of`),
        the keys are in the order of its ``edges()``; gathered, in no particular order.
        """
        return self._settle()

    def listed(self) -> list[tuple[int, int]]:
        """Each tie as the positions of its two nodes, lower first, in the order of the keys."""
        return [(key >> _SHIFT, key & _LOW) for key in self.keys]

    @property
    def pairs(self) -> list[tuple[int, int]]:
        """Each tie as the positions of its two nodes, lower first, sorted; made once."""
        found: list[tuple[int, int]] | None = self._cache.get("pairs")
        if found is None:
            found = self._cache["pairs"] = sorted(self.listed())
        return found

    def degrees(self) -> dict[str, int]:
        """Each node's number of ties (a self-loop counts twice, as networkx counts it)."""
        counts = [0] * len(self.nodes)
        for key in self.keys:
            counts[key >> _SHIFT] += 1
            counts[key & _LOW] += 1
        return dict(zip(self.nodes, counts, strict=True))

    def kept(self, key: str) -> Any:
        """What was kept under *key* (see :meth:`keep`), or ``None``."""
        return self._cache.get(key)

    def keep(self, key: str, value: Any) -> None:
        """Keep *value*, made from these ties, for the next caller that wants it."""
        self._cache[key] = value


def gathered(nodes: Iterable[str], pairs: list[tuple[str, str]]) -> Ties:
    """The ties of the network that *nodes* and then the edges *pairs* would make.

    A node of a pair not among *nodes* joins them where ``add_edge`` would add it: at the
    end, in the order the pairs name them. A pair given twice, either way round, is one
    tie, as in a ``networkx.Graph``. They are numbered when first wanted: by a forked
    process that is given them, for one.
    """
    return Ties(list(nodes), pairs=pairs)


def _numbered(nodes: list[str], pairs: Iterable[tuple[str, str]]) -> tuple[list[str], list[int]]:
    order = list(nodes)
    index = {node: i for i, node in enumerate(order)}
    keys: set[int] = set()
    add = keys.add
    for u, v in pairs:
        a = index.get(u)
        if a is None:
            a = index[u] = len(order)
            order.append(u)
        b = index.get(v)
        if b is None:
            b = index[v] = len(order)
            order.append(v)
        add(a << _SHIFT | b if a <= b else b << _SHIFT | a)
    return order, list(keys)


def ties_of(network: nx.Graph[str]) -> Ties:
    """The ties of *network*, read once and kept in networkx's cache of it.

    The keys come in the order of ``network.edges()``, read from the network's own dicts.
    The cache is emptied whenever the network's nodes or edges change.
    """
    cache: dict[str, Any] | None = getattr(network, "__networkx_cache__", None)
    if cache is not None and _CACHE_KEY in cache:
        found: Ties = cache[_CACHE_KEY]
        return found
    order = list(network)
    index = {node: i for i, node in enumerate(order)}
    position = index.__getitem__
    adjacency: dict[str, dict[str, Any]] = network._adj  # type: ignore[attr-defined]
    keys: list[int] = []
    for at, around in enumerate(map(adjacency.__getitem__, order)):
        # A tie to a node of a later position is new; an earlier one's turn has come.
        high = at << _SHIFT
        keys.extend([high | other for other in map(position, around) if other >= at])
    ties = Ties(order, keys)
    if cache is not None:
        cache[_CACHE_KEY] = ties
    return ties
