"""Hubs and brokers: degree and betweenness centrality on the coordination network.

Betweenness is exact when the graph is small enough to afford it, and estimated from a
seeded sample of source nodes otherwise (the result states the sample size). The work
budget is counted in node and edge visits: one source costs about ``nodes + 2 * edges``.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any, Literal

import attrs
import networkx as nx

from uguaglianza.graph.analysis import _accel
from uguaglianza.graph.analysis._common import NodeRef, node_ref, preview, shared_network
from uguaglianza.graph.build import CoordinationGraph, collector_paused
from uguaglianza.tables import Tabular

__all__ = [
    "ACCELERATED_WORK_BUDGET",
    "WORK_BUDGET",
    "Backend",
    "Hubs",
    "Ranked",
    "backend_for",
    "betweenness",
    "hubs",
    "sample_size",
]

Backend = Literal["auto", "networkx", "igraph"]

#: Node and edge visits betweenness may spend with networkx: 30 seconds or less on one
#: core (a visit costs one to two microseconds). Past it, the sample shrinks to fit: about
#: 15 sources on a national landscape.
WORK_BUDGET = 15_000_000
#: The same with the optional ``igraph`` backend, whose visits cost about 45 nanoseconds:
#: twenty times the visits (about 300 sources nationally) in about 15 seconds.
ACCELERATED_WORK_BUDGET = 20 * WORK_BUDGET


@attrs.frozen(slots=True)
class Ranked:
    """A node and its score."""

    node: NodeRef
    value: float | int

    def __str__(self) -> str:
        return f"{self.node} ({self.value:.4g})"

    def to_dict(self) -> dict[str, Any]:
        """The score as a JSON-compatible mapping."""
        return {"node": self.node.to_dict(), "value": self.value}


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
    """

    degree: tuple[Ranked, ...]
    betweenness: tuple[Ranked, ...]
    nodes: int
    edges: int
    sample: int | None
    seed: int | None
    backend: str

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


def betweenness(
    network: nx.Graph[str],
    *,
    sample: int | Literal["auto"] | None = "auto",
    seed: int = 0,
    backend: Backend = "auto",
) -> tuple[dict[str, float], int | None, str]:
    """Normalised betweenness of every node of *network*, the sample used and the backend.

    With a sample of ``k`` sources, the sources are ``random.Random(seed).sample(nodes, k)``
    in either backend, and the estimate is networkx's, so both give the same numbers.
    """
    chosen = backend_for(backend)
    nodes, edges = network.number_of_nodes(), network.number_of_edges()
    if sample == "auto":
        budget = ACCELERATED_WORK_BUDGET if chosen == "igraph" else WORK_BUDGET
        sample = sample_size(nodes, edges, budget)
    if sample is not None:
        # One source would leave its own estimate undefined; all of them is exact.
        sample = None if sample >= nodes else max(2, sample)
    if chosen == "igraph":
        sources = None if sample is None else random.Random(seed).sample(list(network), sample)
        return _accel.betweenness(network, sources), sample, chosen
    if sample is None:
        scores = nx.betweenness_centrality(network, normalized=True)
    else:
        scores = nx.betweenness_centrality(network, k=sample, normalized=True, seed=seed)
    return scores, sample, chosen


def _top(graph: CoordinationGraph, scores: Mapping[str, float], top: int) -> tuple[Ranked, ...]:
    best = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))[:top]
    return tuple(Ranked(node_ref(graph, node), value) for node, value in best)


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
    if network is None:
        network = shared_network(graph, containment=containment)
    degrees = dict(network.degree())
    scores, used, chosen = betweenness(network, sample=sample, seed=seed, backend=backend)
    return Hubs(
        degree=_top(graph, degrees, top),
        betweenness=_top(graph, scores, top),
        nodes=network.number_of_nodes(),
        edges=network.number_of_edges(),
        sample=used,
        seed=None if used is None else seed,
        backend=chosen,
    )
