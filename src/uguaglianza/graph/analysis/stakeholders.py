"""Isolated and weakly tied stakeholders, and the communities of the coordination network."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

import attrs
import networkx as nx

from uguaglianza.graph._access import edge_count, node_kinds
from uguaglianza.graph.analysis import _accel
from uguaglianza.graph.analysis._common import (
    NodeRef,
    components,
    node_ref,
    preview,
    shared_network,
)
from uguaglianza.graph.analysis.centrality import Backend, backend_for
from uguaglianza.graph.build import CoordinationGraph, collector_paused
from uguaglianza.graph.kinds import ACTOR_KINDS
from uguaglianza.tables import Tabular

__all__ = [
    "LOUVAIN_MAX_EDGES",
    "Communities",
    "Community",
    "Isolation",
    "Method",
    "WeakTie",
    "communities",
    "isolated",
]

Method = Literal["auto", "leiden", "louvain", "greedy", "label_propagation"]

#: Above this many edges, ``auto`` communities computed by networkx use label propagation:
#: networkx's Louvain takes minutes on a national landscape, label propagation under a
#: minute. With igraph, ``auto`` is Leiden, about linear in the ties, at any size.
LOUVAIN_MAX_EDGES = 100_000


@attrs.frozen(slots=True)
class WeakTie:
    """A stakeholder tied to the network through a single neighbour."""

    node: NodeRef
    neighbour: NodeRef

    def __str__(self) -> str:
        return f"{self.node} (only through {self.neighbour.id})"

    def to_dict(self) -> dict[str, Any]:
        """The tie as a JSON-compatible mapping."""
        return {"node": self.node.to_dict(), "neighbour": self.neighbour.to_dict()}


@attrs.frozen(slots=True, repr=False)
class Isolation(Tabular):
    """Stakeholders with no tie, with one tie, or apart from the main network.

    Attributes:
        isolated: stakeholders without any tie.
        weakly_tied: stakeholders with exactly one neighbour.
        detached: stakeholders in a component (of two or more nodes) other than the
            largest one, grouped by component, largest first.
        kinds: the node kinds counted as stakeholders.
    """

    isolated: tuple[NodeRef, ...]
    weakly_tied: tuple[WeakTie, ...]
    detached: tuple[tuple[NodeRef, ...], ...]
    kinds: tuple[str, ...]

    def __repr__(self) -> str:
        return (
            f"Isolation(isolated: {preview(self.isolated)}; weakly tied: "
            f"{preview(self.weakly_tied)}; detached groups: {len(self.detached)})"
        )

    def to_dict(self) -> dict[str, Any]:
        """The isolation as a JSON-compatible mapping."""
        return {
            "kinds": list(self.kinds),
            "isolated": [ref.to_dict() for ref in self.isolated],
            "weakly_tied": [tie.to_dict() for tie in self.weakly_tied],
            "detached": [[ref.to_dict() for ref in group] for group in self.detached],
        }


@collector_paused
def isolated(
    graph: CoordinationGraph,
    *,
    kinds: Iterable[str] = ACTOR_KINDS,
    network: nx.Graph[str] | None = None,
) -> Isolation:
    """Stakeholders of *kinds* that are isolated, weakly tied or detached from the rest.

    Args:
        graph: a coordination graph.
        kinds: node kinds to report on (default: territories, organisations, persons,
            posts, bodies and services).
        network: the coordination network of *graph*, if already computed.
    """
    wanted = frozenset(kinds)
    network = shared_network(graph) if network is None else network
    kind = node_kinds(graph)
    alone: list[NodeRef] = []
    weak: list[WeakTie] = []
    for node, degree in network.degree():
        if kind.get(node) not in wanted:
            continue
        if degree == 0:
            alone.append(node_ref(graph, node))
        elif degree == 1:
            (neighbour,) = network.adj[node]
            weak.append(WeakTie(node_ref(graph, node), node_ref(graph, neighbour)))
    pieces = sorted(
        (c for c in components(network) if len(c) > 1),
        key=lambda c: (-len(c), min(c)),
    )
    detached = tuple(
        tuple(node_ref(graph, node) for node in sorted(component) if kind.get(node) in wanted)
        for component in pieces[1:]
    )
    return Isolation(
        tuple(sorted(alone, key=lambda ref: ref.id)),
        tuple(sorted(weak, key=lambda tie: tie.node.id)),
        tuple(group for group in detached if group),
        tuple(sorted(wanted)),
    )


@attrs.frozen(slots=True)
class Community:
    """A group of nodes more tied to each other than to the rest; *hub* has most ties."""

    hub: NodeRef
    members: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.hub.id} +{len(self.members) - 1}"

    def to_dict(self) -> dict[str, Any]:
        """The community as a JSON-compatible mapping."""
        return {"hub": self.hub.to_dict(), "size": len(self.members), "members": list(self.members)}


@attrs.frozen(slots=True, repr=False)
class Communities(Tabular):
    """Communities of the coordination network, largest first, with the method used."""

    groups: tuple[Community, ...]
    method: str
    seed: int
    modularity: float
    backend: str = "networkx"
    """Who computed them: ``networkx`` or ``igraph``."""

    def of(self, node: str) -> Community | None:
        """The community *node* belongs to, or ``None``."""
        return next((group for group in self.groups if node in group.members), None)

    def __repr__(self) -> str:
        return (
            f"Communities({len(self.groups)} by {self.method} ({self.backend}), modularity "
            f"{self.modularity:.3f}: {preview(self.groups)})"
        )

    def to_dict(self) -> dict[str, Any]:
        """The communities as a JSON-compatible mapping."""
        return {
            "method": self.method,
            "backend": self.backend,
            "seed": self.seed,
            "modularity": self.modularity,
            "groups": [group.to_dict() for group in self.groups],
        }


def _without_isolates(network: nx.Graph[str]) -> nx.Graph[str]:
    """*network* without its isolated nodes, as a graph of its own.

    A filtered view would do, but every visit through it pays for the filter: on a
    national network, more than the community detection itself.
    """
    lonely = {node for node, degree in network.degree() if degree == 0}
    if not lonely:
        return network
    tied: nx.Graph[str] = nx.Graph()
    tied.add_nodes_from(node for node in network if node not in lonely)
    tied.add_edges_from(network.edges())
    return tied


@collector_paused
def communities(
    graph: CoordinationGraph,
    *,
    method: Method = "auto",
    seed: int = 0,
    resolution: float = 1.0,
    network: nx.Graph[str] | None = None,
    backend: Backend = "auto",
) -> Communities:
    """Communities of the coordination network of *graph* (isolated nodes left out).

    Args:
        graph: a coordination graph.
        method: ``leiden`` (seeded, igraph only), ``louvain`` (seeded), ``greedy`` (greedy
            modularity), ``label_propagation`` (seeded, asynchronous) or ``auto``: Leiden
            with igraph; with networkx Louvain, or label propagation above
            :data:`LOUVAIN_MAX_EDGES` edges.
        seed: seed of the randomised methods.
        resolution: above 1 favours smaller communities (Louvain and greedy only).
        network: the coordination network of *graph*, if already computed.
        backend: who computes Louvain: ``networkx``, ``igraph`` (the ``fast`` extra, many
            times faster on large graphs) or ``auto`` (igraph when installed). Leiden is
            igraph's; greedy and label propagation are networkx's. Both Louvains are
            seeded, but their partitions differ.

    Raises:
        MissingExtraError: *backend* is ``igraph``, or *method* ``leiden``, and igraph is
            not installed.
    """
    network = shared_network(graph) if network is None else network
    if method == "leiden":
        backend = "igraph"
    accelerated = backend_for(backend) == "igraph"
    if method == "auto":
        small = edge_count(network) <= LOUVAIN_MAX_EDGES
        method = "leiden" if accelerated else "louvain" if small else "label_propagation"
    parts: list[set[str]] | list[list[str]]
    used = "networkx"
    degree = dict(network.degree())
    if method in ("leiden", "louvain") and accelerated:
        # igraph works on the network's one conversion: an isolated node is a community
        # of its own there, which adds nothing to the modularity, and is dropped here.
        find = _accel.leiden if method == "leiden" else _accel.louvain
        found_parts, score = find(network, seed=seed, resolution=resolution)
        parts = [part for part in found_parts if len(part) > 1 or degree[part[0]]]
        used = "igraph"
    else:
        tied = _without_isolates(network)
        found: Iterable[set[str] | frozenset[str]]
        if method == "louvain":
            found = nx.community.louvain_communities(tied, resolution=resolution, seed=seed)
        elif method == "greedy":
            found = nx.community.greedy_modularity_communities(tied, resolution=resolution)
        elif method == "label_propagation":
            found = nx.community.asyn_lpa_communities(tied, seed=seed)
        else:
            raise ValueError(f"unknown method {method!r}; use louvain, greedy or label_propagation")
        parts = [set(part) for part in found]
        score = nx.community.modularity(tied, parts) if tied.number_of_edges() else 0.0
    groups = []
    for part in parts:
        members = tuple(sorted(part))
        hub = min(members, key=lambda node: (-degree[node], node))
        groups.append(Community(node_ref(graph, hub), members))
    groups.sort(key=lambda group: (-len(group.members), group.hub.id))
    return Communities(tuple(groups), method, seed, float(score), used)
