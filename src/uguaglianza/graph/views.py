"""Views of a coordination graph: as of a date, by edge kind, around a territory or a node.

Every view returns a new, independent graph (never a live view): analyses on it are as
fast as on the original, and changing it leaves the original untouched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import networkx as nx

from uguaglianza.graph._access import (
    edge_kinds,
    in_kinds,
    keep_edges_by_kind,
    node_kinds,
    wants_edges_by_kind,
)
from uguaglianza.graph._ties import Ties, gathered, ties_of
from uguaglianza.graph.build import (
    Attrs,
    CoordinationGraph,
    _plain_multidigraph,
    active_on,
    add_keyed_edges,
    collector_paused,
)
from uguaglianza.graph.kinds import CONTAINMENT_EDGE_KINDS, STRUCTURE_EDGE_KINDS

__all__ = [
    "as_of",
    "coordination_network",
    "coordination_networks",
    "neighbourhood",
    "territories_within",
    "territory_subgraph",
    "with_kinds",
]


def _empty_like(graph: CoordinationGraph, **extra: str) -> CoordinationGraph:
    view: CoordinationGraph = nx.MultiDiGraph()
    view.graph.update(graph.graph)
    view.graph.update(extra)
    return view


@collector_paused
def as_of(graph: CoordinationGraph, day: dt.date) -> CoordinationGraph:
    """Only what was valid on *day*: nodes and edges whose period contains it.

    Edges of dropped nodes go with them. ``coordination_graph(doc, as_of=day)`` gives
    the same graph, keys included.
    """
    iso = day.isoformat()
    view = _empty_like(graph, as_of=iso)
    view.add_nodes_from((n, dict(a)) for n, a in graph.nodes(data=True) if active_on(a, iso))
    present = set(view)
    kept = [
        (u, v, k, dict(a))
        for u, v, k, a in graph.edges(keys=True, data=True)
        if u in present and v in present and active_on(a, iso)
    ]
    add_keyed_edges(view, kept)
    return view


@collector_paused
def with_kinds(graph: CoordinationGraph, kinds: Iterable[str]) -> CoordinationGraph:
    """Only edges of *kinds* (e.g. ``{"lead_of", "partner_of"}``); every node stays."""
    wanted = frozenset(kinds)
    view = _empty_like(graph, kinds=",".join(sorted(wanted)))
    view.add_nodes_from((n, dict(a)) for n, a in graph.nodes(data=True))
    kept = [
        (u, v, k, dict(a))
        for u, v, k, a in graph.edges(keys=True, data=True)
        if a.get("kind") in wanted
    ]
    add_keyed_edges(view, kept)
    return view


def territories_within(graph: CoordinationGraph, territory: str) -> set[str]:
    """*territory* and every territory that is part of it, directly or not."""
    inside = {territory}
    stack = [territory]
    while stack:
        current = stack.pop()
        for child, kind in in_kinds(graph, current):
            if (
                kind == "part_of"
                and child not in inside
                and graph.nodes[child].get("kind") == "territory"
            ):
                inside.add(child)
                stack.append(child)
    return inside


@collector_paused
def territory_subgraph(graph: CoordinationGraph, territory: str) -> CoordinationGraph:
    """A territory's part of the graph: the territories within it and whatever touches them.

    That is every territory that is part of *territory* (at any depth), and every node
    with an edge to or from one of them (organisations serving them, bodies and services
    covering them, members sitting for them...), with all the edges among those nodes.

    Raises:
        KeyError: *territory* is not a node of the graph.
    """
    if territory not in graph:
        raise KeyError(f"{territory!r} is not a node of the graph")
    inside = territories_within(graph, territory)
    keep = set(inside)
    for node in inside:
        keep.update(graph.successors(node))
        keep.update(graph.predecessors(node))
    return graph.subgraph(keep).copy()


@collector_paused
def neighbourhood(graph: CoordinationGraph, node: str, radius: int = 1) -> CoordinationGraph:
    """*node* and everything within *radius* edges of it, whichever their direction.

    Raises:
        KeyError: *node* is not a node of the graph.
    """
    if node not in graph:
        raise KeyError(f"{node!r} is not a node of the graph")
    reach = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), node, radius)
    return graph.subgraph(reach).copy()


@collector_paused
def coordination_network(
    graph: CoordinationGraph,
    *,
    exclude: Iterable[str] = STRUCTURE_EDGE_KINDS,
    containment: bool = True,
) -> nx.Graph[str]:
    """The undirected simple graph analyses of ties work on.

    Two nodes are adjacent when any edge joins them in either direction, except edges of
    the *exclude* kinds (by default the classifying ones: ``in_area``, ``in_plan``,
    ``details``). Intervention areas are left out unless a typed relation names them.
    Self-loops are dropped. With ``containment=False``, edges that only say something
    lies in or serves a territory (``serves``, ``covers``, ``part_of`` touching a
    territory) are left out too, so that a territory is not a broker just because
    everything lies in it.
    """
    with_containment, without = coordination_networks(
        graph, exclude=exclude, wanted=(containment, not containment)
    )
    network = with_containment if containment else without
    assert network is not None
    return network


def coordination_networks(
    graph: CoordinationGraph,
    *,
    exclude: Iterable[str] = STRUCTURE_EDGE_KINDS,
    wanted: tuple[bool, bool] = (True, True),
) -> tuple[nx.Graph[str] | None, nx.Graph[str] | None]:
    """The coordination networks with and without containment, from one pass over *graph*.

    *wanted* says which of the two to build; the one not wanted is ``None``. Each is the
    graph :func:`coordination_network` gives with ``containment`` true and false.
    """
    full, bare, _ = _networks_and_ties(graph, exclude=exclude, wanted=wanted)
    return full, bare


@collector_paused
def _networks_and_ties(
    graph: CoordinationGraph,
    *,
    exclude: Iterable[str] = STRUCTURE_EDGE_KINDS,
    wanted: tuple[bool, bool] = (True, True),
    ties: bool = False,
) -> tuple[nx.Graph[str] | None, nx.Graph[str] | None, Ties | None]:
    """:func:`coordination_networks`, and with *ties* those of the network without containment.

    The ties are gathered in the same pass, whether that network is built or not: they
    are what igraph needs of it, and building it only to read them back costs more.
    """
    skip = frozenset(exclude)
    kinds = node_kinds(graph)
    first = [n for n, kind in kinds.items() if kind != "area"]
    networks: list[nx.Graph[str] | None] = []
    for want in wanted:
        network: nx.Graph[str] | None = None
        if want:
            network = nx.Graph()
            network.add_nodes_from(first)
        networks.append(network)
    full, bare = networks
    if all(net is None or _plain(net) for net in networks) and _plain_multidigraph(graph):
        bare_pairs = _fill(graph, skip, kinds, full, bare, keep_bare=ties)
        return full, bare, None if bare_pairs is None else gathered(first, bare_pairs)
    if full is not None:
        full.add_edges_from(
            (u, v) for u, v, kind in edge_kinds(graph) if kind not in skip and u != v
        )
    without = bare
    if without is None and ties:  # built only to read its ties
        without = nx.Graph()
        without.add_nodes_from(first)
    if without is not None:
        without.add_edges_from(
            (u, v)
            for u, v, kind in edge_kinds(graph)
            if kind not in skip
            and u != v
            and not (
                kind in CONTAINMENT_EDGE_KINDS
                and (kinds.get(u) == "territory" or kinds.get(v) == "territory")
            )
        )
    return full, bare, ties_of(without) if ties and without is not None else None


def _plain(network: nx.Graph[str]) -> bool:
    cls = type(network)
    return cls is nx.Graph and all(
        getattr(cls, factory, None) is dict
        for factory in ("node_dict_factory", "adjlist_outer_dict_factory", "edge_attr_dict_factory")
    )


def _fill(
    graph: CoordinationGraph,
    skip: frozenset[str],
    kinds: dict[str, str],
    full: nx.Graph[str] | None,
    bare: nx.Graph[str] | None,
    *,
    keep_bare: bool = False,
) -> list[tuple[str, str]] | None:
    """Add the ties of *graph* to the networks with (*full*) and without (*bare*) containment.

    The same nodes and edges, in the same order, as adding every edge of *graph* that
    counts with ``add_edges_from``; each pair of nodes is looked at once, however many
    edges join them, and the dicts are filled directly. *bare* leaves out containment
    edges touching a territory. Either network may be ``None``: not built. With
    *keep_bare*, the pairs *bare* is (or would be) made of are returned, in order.
    """
    succ: dict[str, dict[str, dict[str, Attrs]]] = graph._succ  # type: ignore[attr-defined]
    territory = frozenset(node for node, kind in kinds.items() if kind == "territory")
    # The pairs joined in each network, gathered first so that the loop stays lean.
    full_pairs: list[tuple[str, str]] = []
    bare_pairs: list[tuple[str, str]] = []
    with_full, with_bare = full is not None, bare is not None or keep_bare
    # The pass over every edge that the full network makes also groups them by kind, for
    # the analyses run beside it (coverage, funding), sparing them a pass of their own.
    grouped: dict[str, list[tuple[str, str, Attrs]]] | None = None
    if with_full and wants_edges_by_kind(graph):
        grouped = {}
    for u, targets in succ.items():
        u_territory = u in territory
        for v, keyed in targets.items():
            counts = counts_bare = False
            touches = u_territory or v in territory
            for data in keyed.values():
                kind = data.get("kind", "")
                if grouped is not None:
                    group = grouped.get(kind)
                    if group is None:  # a kind that is not a string is grouped as one
                        group = grouped.setdefault(str(kind), [])
                    group.append((u, v, data))
                if kind in skip:
                    continue
                counts = True
                if not (touches and kind in CONTAINMENT_EDGE_KINDS):
                    counts_bare = True
            if u == v:
                continue
            if counts and with_full:
                full_pairs.append((u, v))
            if counts_bare and with_bare:
                bare_pairs.append((u, v))
    if grouped is not None:
        keep_edges_by_kind(graph, grouped)
    for network, pairs in ((full, full_pairs), (bare, bare_pairs)):
        if network is not None:
            _join(network, pairs)
    return bare_pairs if keep_bare else None


def _join(network: nx.Graph[str], pairs: list[tuple[str, str]]) -> None:
    """Join each pair in *network*'s own dicts, in order, as ``add_edge`` would."""
    adj: dict[str, dict[str, dict[str, object]]] = network._adj  # type: ignore[attr-defined]
    node: dict[str, dict[str, object]] = network._node  # type: ignore[attr-defined]
    for u, v in pairs:
        around = adj.get(u)
        if around is None:
            around = adj[u] = {}
            node[u] = {}
        if v in around:
            continue
        other = adj.get(v)
        if other is None:
            other = adj[v] = {}
            node[v] = {}
        around[v] = other[u] = {}
    cache = getattr(network, "__networkx_cache__", None)
    if cache:
        cache.clear()
