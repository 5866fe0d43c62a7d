"""Hubs and brokers: degree and betweenness centrality on the coordination network.

Betweenness is exact when the graph is small enough to afford it, and estimated from a
seeded sample of source nodes otherwise (the result states the sample size). The work
budget is counted in node and edge visits: one source costs about ``nodes + 2 * edges``.
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Callable, Mapping
from typing import Any, Literal

import attrs
import networkx as nx

from uguaglianza.graph._access import edge_count
from uguaglianza.graph._ties import Ties, ties_of
from uguaglianza.graph.analysis import _accel
from uguaglianza.graph.analysis._common import (
    NodeRef,
    node_ref,
    preview,
    shared_network,
    shared_ties,
)
from uguaglianza.graph.build import CoordinationGraph, collector_paused
from uguaglianza.tables import Tabular

__all__ = [
    "ACCELERATED_WORK_BUDGET",
    "BATCHES",
    "WORK_BUDGET",
    "Backend",
    "Estimate",
    "Hubs",
    "Ranked",
    "backend_for",
    "betweenness",
    "estimate_betweenness",
    "hubs",
    "sample_size",
]

Backend = Literal["auto", "networkx", "igraph"]

#: Node and edge visits betweenness may spend with networkx: 30 seconds or less on one
#: core (a visit costs one to two microseconds). Past it, the sample shrinks to fit: about
#: 15 sources on a national landscape.
WORK_BUDGET = 15_000_000
#: The same with the optional ``igraph`` backend, whose visits cost about 45 nanoseconds:
#: four times the visits (about 70 sources nationally, 35 at twice that size) in about
#: three seconds. More bought no ranking a sample could tell apart on a national
#: landscape (see :class:`Estimate`), only time.
ACCELERATED_WORK_BUDGET = 4 * WORK_BUDGET


@attrs.frozen(slots=True)
class Ranked:
    """A node and its score."""

    node: NodeRef
    value: float | int
    #: The standard error of an estimated score; ``None`` when exact.
    error: float | None = None

    def __str__(self) -> str:
        if self.error is None:
            return f"{self.node} ({self.value:.4g})"
        return f"{self.node} ({self.value:.4g} ± {self.error:.2g})"

    def to_dict(self) -> dict[str, Any]:
        """The score as a JSON-compatible mapping (with ``error`` when estimated)."""
        found: dict[str, Any] = {"node": self.node.to_dict(), "value": self.value}
        if self.error is not None:
            found["error"] = self.error
        return found


@attrs.frozen(slots=True, repr=False)
class Hubs(Tabular):
    """The best-connected nodes (degree) and the brokers between them (betweenness).

    Attributes:
        degree: top nodes by number of distinct neighbours.
        betweenness: top nodes by normalised betweenness centrality.
        nodes: nodes in the coordination network analysed.
        edges: its edges (distinct pairs of neighbours).
        sample: source nodes sampled for betweenness; ``None`` when exact.
        seed: the seed of the sample, when sampled.
        backend: ``networkx`` or ``igraph``.
        batches: the batches of sources whose spread gives each broker's error, when
            sampled (see :func:`estimate_betweenness`).
    """

    degree: tuple[Ranked, ...]
    betweenness: tuple[Ranked, ...]
    nodes: int
    edges: int
    sample: int | None
    seed: int | None
    backend: str
    batches: int | None = None

    @property
    def told_apart(self) -> bool:
        """Whether the sample separates the first broker from the last one listed.

        True when exact; when estimated, whether their scores lie more than two of
        their combined standard errors apart.
        """
        ranked = self.betweenness
        if len(ranked) < 2 or ranked[0].error is None or ranked[-1].error is None:
            return True
        combined = math.hypot(ranked[0].error, ranked[-1].error)
        return ranked[0].value - ranked[-1].value > 2 * combined

    @property
    def exact(self) -> bool:
        """Whether betweenness was computed over every source node."""
        return self.sample is None

    def __repr__(self) -> str:
        how = "exact" if self.sample is None else f"sampled from {self.sample} sources"
        return (
            f"Hubs(degree: {preview(self.degree)}; betweenness ({how}): "
            f"{preview(self.betweenness)})"
        )

    def to_dict(self) -> dict[str, Any]:
        """The hubs as a JSON-compatible mapping."""
        return {
            "degree": [item.to_dict() for item in self.degree],
            "betweenness": [item.to_dict() for item in self.betweenness],
            "nodes": self.nodes,
            "edges": self.edges,
            "exact": self.exact,
            "sample": self.sample,
            "seed": self.seed,
            "backend": self.backend,
            "batches": self.batches,
            "told_apart": self.told_apart,
        }


def sample_size(nodes: int, edges: int, budget: int = WORK_BUDGET) -> int | None:
    """How many sources betweenness samples within *budget*; ``None`` means all (exact)."""
    per_source = nodes + 2 * edges
    if nodes * per_source <= budget:
        return None
    return max(2, min(nodes, budget // max(per_source, 1)))


def backend_for(choice: Backend) -> str:
    """The backend *choice* stands for: ``auto`` is igraph when installed.

    Raises:
        MissingExtraError: *choice* is ``igraph`` and igraph is not installed.
    """
    if choice == "auto":
        return "igraph" if _accel.available() else "networkx"
    if choice == "igraph":
        _accel.require()
    return choice


#: Batches the sampled sources are split into, to tell how far an estimate may be off.
BATCHES = 8


@attrs.frozen(slots=True, eq=False)
class Estimate:
    """Betweenness of every node, exact or estimated from a sample of sources.

    Attributes:
        scores: normalised betweenness by node.
        sample: the sources sampled; ``None`` when exact.
        backend: ``networkx`` or ``igraph``.
        batches: how many batches the sources were split into to estimate the error
            (``None`` when exact or with fewer than four sources).
    """

    scores: dict[str, float]
    sample: int | None
    backend: str
    batches: int | None = None
    # Each batch's raw sums, in the order of _position, and its number of sources.
    _raws: tuple[list[float], ...] = ()
    _sizes: tuple[int, ...] = ()
    _position: Mapping[str, int] = attrs.field(factory=dict)

    def error(self, node: str) -> float | None:
        """The standard error of *node*'s estimate; ``None`` when exact or not estimated.

        Each batch of sources gives its own estimate of the node's betweenness; the
        spread of those estimates, divided by the square root of their number, is how
        far the estimate over every source is typically off.
        """
        if not self._raws:
            return None
        at = self._position[node]
        shrink = len(self.scores) - 2
        batches = zip(self._raws, self._sizes, strict=True)
        values = [raw[at] / (size * shrink) for raw, size in batches]
        mean = sum(values) / len(values)
        spread = sum((value - mean) ** 2 for value in values) / (len(values) - 1)
        return math.sqrt(spread / len(values))


def estimate_betweenness(
    network: nx.Graph[str],
    *,
    sample: int | Literal["auto"] | None = "auto",
    seed: int = 0,
    backend: Backend = "auto",
) -> Estimate:
    """Normalised betweenness of every node of *network*, with the error of an estimate.

    With a sample of ``k`` sources, the sources are ``random.Random(seed).sample(nodes, k)``
    in either backend, and the estimate is networkx's (a node among the sources is
    scaled over the ``k - 1`` others), so both backends give the same numbers. The
    sources are dealt into :data:`BATCHES` batches (fewer for a small sample, none below
    four sources) whose separate estimates give each node's standard error.
    """
    chosen = backend_for(backend)
    if chosen == "igraph":
        return _estimate(ties_of(network), sample, seed)
    return _estimate(network, sample, seed)


def _estimate(
    network: nx.Graph[str] | Ties, sample: int | Literal["auto"] | None, seed: int
) -> Estimate:
    """:func:`estimate_betweenness` with networkx on a network, with igraph on its ties."""
    if isinstance(network, Ties):
        chosen, order, edges = "igraph", network.nodes, len(network.keys)
    else:
        chosen, order, edges = "networkx", list(network), edge_count(network)
    nodes = len(order)
    if sample == "auto":
        budget = ACCELERATED_WORK_BUDGET if chosen == "igraph" else WORK_BUDGET
        sample = sample_size(nodes, edges, budget)
    if sample is not None:
        # One source would leave its own estimate undefined; all of them is exact.
        sample = None if sample >= nodes else max(2, sample)
    if sample is None:
        if isinstance(network, Ties):
            return Estimate(_accel.betweenness(network), None, chosen)
        return Estimate(nx.betweenness_centrality(network, normalized=True), None, chosen)
    sources = random.Random(seed).sample(order, sample)
    count = min(BATCHES, sample // 2) if sample >= 4 else 1
    groups = [sources[i::count] for i in range(count)]
    position = {node: i for i, node in enumerate(order)}
    raws = [_from_sources(network, order, position, group) for group in groups]
    totals = [sum(column) for column in zip(*raws, strict=True)] if count > 1 else raws[0]
    picked = set(sources)
    # A sampled source cannot count its own paths: its estimate is scaled over k - 1.
    own = 1.0 / ((sample - 1) * (nodes - 2))
    other = 1.0 / (sample * (nodes - 2))
    scores = {
        node: total * (own if node in picked else other)
        for node, total in zip(order, totals, strict=True)
    }
    if count == 1:
        return Estimate(scores, sample, chosen)
    sizes = tuple(len(group) for group in groups)
    return Estimate(scores, sample, chosen, count, tuple(raws), sizes, position)


def _from_sources(
    network: nx.Graph[str] | Ties,
    order: list[str],
    position: Mapping[str, int],
    sources: list[str],
) -> list[float]:
    """Each node's raw betweenness over *sources*, in *order* (the network's own)."""
    if isinstance(network, Ties):
        return _accel.from_sources(network, [position[source] for source in sources])
    # networkx halves the sums of an undirected network: each pair counts once.
    found = nx.betweenness_centrality_subset(
        network, sources=sources, targets=order, normalized=False
    )
    return [2.0 * found[node] for node in order]


def betweenness(
    network: nx.Graph[str],
    *,
    sample: int | Literal["auto"] | None = "auto",
    seed: int = 0,
    backend: Backend = "auto",
) -> tuple[dict[str, float], int | None, str]:
    """Normalised betweenness of every node of *network*, the sample used and the backend.

    :func:`estimate_betweenness` without the errors.
    """
    found = estimate_betweenness(network, sample=sample, seed=seed, backend=backend)
    return found.scores, found.sample, found.backend


def _top(
    graph: CoordinationGraph,
    scores: Mapping[str, float],
    top: int,
    error: Callable[[str], float | None] = lambda _: None,
) -> tuple[Ranked, ...]:
    # The best few, as sorting every score would rank them, without sorting them all.
    best = heapq.nsmallest(top, scores.items(), key=lambda pair: (-pair[1], pair[0]))
    return tuple(Ranked(node_ref(graph, node), value, error(node)) for node, value in best)


@collector_paused
def hubs(
    graph: CoordinationGraph,
    *,
    top: int = 10,
    sample: int | Literal["auto"] | None = "auto",
    seed: int = 0,
    backend: Backend = "auto",
    network: nx.Graph[str] | None = None,
    containment: bool = False,
) -> Hubs:
    """The *top* hubs by degree and brokers by betweenness of the coordination network.

    Args:
        graph: a coordination graph.
        top: how many nodes to keep in each ranking.
        sample: sources for betweenness: ``"auto"`` (exact when affordable, see
            :func:`sample_size`), ``None`` (always exact) or a number.
        seed: seed of the sample.
        backend: ``"networkx"``, ``"igraph"`` (the ``fast`` extra) or ``"auto"``.
        network: the coordination network of *graph*, if already computed (built with
            ``containment=False`` unless containment is wanted).
        containment: count ties that only say where something lies (an organisation in
            its territory); off by default, so a country or region is not a broker of a
            plan just because every organisation lies in it.
    """
    chosen = backend_for(backend)
    measured: nx.Graph[str] | Ties
    if network is None and chosen == "igraph" and not containment:
        # igraph needs only the ties: gathered from the graph, the network is not built.
        measured = shared_ties(graph)
        degrees = measured.degrees()
    else:
        if network is None:
            network = shared_network(graph, containment=containment)
        measured = ties_of(network) if chosen == "igraph" else network
        # Distinct neighbours, read from the network's own dicts (self-loops count twice,
        # as networkx counts them).
        adjacency: Mapping[str, Mapping[str, Any]] = network._adj  # type: ignore[attr-defined]
        degrees = {node: len(around) + (node in around) for node, around in adjacency.items()}
    found = _estimate(measured, sample, seed)
    return Hubs(
        degree=_top(graph, degrees, top),
        betweenness=_top(graph, found.scores, top, found.error),
        nodes=len(found.scores),
        edges=len(measured.keys) if isinstance(measured, Ties) else edge_count(measured),
        sample=found.sample,
        seed=None if found.sample is None else seed,
        backend=found.backend,
        batches=found.batches,
    )
