"""What the analyses share: node references, kinds by meaning, the network and short reprs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Set
from typing import Any

import attrs
import networkx as nx

from uguaglianza.codelists import load_codelist
from uguaglianza.graph._ties import Ties, ties_of
from uguaglianza.graph.build import CoordinationGraph
from uguaglianza.graph.views import _networks_and_ties

__all__ = [
    "NOT_OPERATING",
    "NodeRef",
    "asked_categories",
    "components",
    "node_ref",
    "operating_on",
    "preview",
    "service_categories",
    "service_category",
    "service_codes",
    "shared_network",
    "shared_networks",
    "shared_ties",
    "territory_codes",
]

_CACHE_KEY = "uguaglianza.coordination_network"
_COMPONENTS = "uguaglianza.components"
_TIES = "uguaglianza.ties"

#: Operating statuses in which a service serves no one on the day.
NOT_OPERATING = frozenset({"planned", "suspended", "awaiting_reactivation", "closed"})


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


def service_codes(data: Mapping[str, Any], categories: Set[str] = frozenset()) -> frozenset[str]:
    """The service kinds a service node stands for: its kind, broader codes, what it offers.

    Its kind's category counts too when it is one of *categories* (see :func:`asked_categories`).
    """
    codes = [str(data.get("service_kind", ""))]
    for attr in ("service_broader", "service_offers"):
        text = data.get(attr)
        if isinstance(text, str) and text:
            codes.extend(text.split(","))
    category = service_category(data) if categories else None
    if category is not None and category in categories:
        codes.append(category)
    return frozenset(code for code in codes if code)


def territory_codes(data: Mapping[str, Any]) -> frozenset[str]:
    """The territory kinds a territory node stands for: its kind and its broader codes."""
    codes = [str(data.get("territory_kind", ""))]
    broader = data.get("territory_broader")
    if isinstance(broader, str) and broader:
        codes.extend(broader.split(","))
    return frozenset(code for code in codes if code)


def shared_network(graph: CoordinationGraph, *, containment: bool = True) -> nx.Graph[str]:
    """The coordination network of *graph*, built once and shared by every analysis.

    It is kept in networkx's cache of *graph* (``__networkx_cache__``), which networkx
    empties whenever nodes or edges are added or removed; it is not to be modified.
    """
    full, bare = shared_networks(graph, wanted=(containment, not containment))
    network = full if containment else bare
    assert network is not None
    return network


def shared_networks(
    graph: CoordinationGraph, *, wanted: tuple[bool, bool] = (True, True), ties: bool = False
) -> tuple[nx.Graph[str] | None, nx.Graph[str] | None]:
    """The shared networks with and without containment (those *wanted*), built in one pass.

    Like :func:`shared_network`; a network not wanted is ``None`` unless already built.
    With *ties*, :func:`shared_ties` are gathered in the same pass, if not yet known.
    """
    cache: dict[Any, Any] | None = getattr(graph, "__networkx_cache__", None)
    keys = ((_CACHE_KEY, True), (_CACHE_KEY, False))
    found = [None if cache is None else cache.get(key) for key in keys]
    missing = (wanted[0] and found[0] is None, wanted[1] and found[1] is None)
    gather = ties and (cache is None or _TIES not in cache)
    if any(missing) or gather:
        *built, gathered = _networks_and_ties(graph, wanted=missing, ties=gather)
        for i, network in enumerate(built):
            if network is not None:
                found[i] = network
                if cache is not None:
                    cache[keys[i]] = network
        if gathered is not None and cache is not None:
            cache[_TIES] = gathered
    return found[0], found[1]


def shared_ties(graph: CoordinationGraph) -> Ties:
    """The ties of the shared network without containment, numbered as igraph takes them.

    Read from that network if it is built; otherwise gathered from *graph* without
    building it. Kept in networkx's cache of *graph*, like the networks.
    """
    cache: dict[Any, Any] | None = getattr(graph, "__networkx_cache__", None)
    if cache is None:
        *_, found = _networks_and_ties(graph, wanted=(False, False), ties=True)
        assert found is not None
        return found
    kept: Ties | None = cache.get(_TIES)
    if kept is None:
        bare = cache.get((_CACHE_KEY, False))
        if bare is not None:
            kept = cache[_TIES] = ties_of(bare)
        else:
            shared_networks(graph, wanted=(False, False), ties=True)
            kept = cache[_TIES]
    return kept


def components(
    network: nx.Graph[str], found: Sequence[Sequence[str]] | None = None
) -> Sequence[Sequence[str]]:
    """The connected components of *network*, found once per network and shared.

    An analysis that has walked every component already (the failure points do) passes
    them as *found*, to be kept; otherwise they are found here. They are kept in
    networkx's cache of *network*, emptied whenever the network changes; each
    component's nodes are in no particular order.
    """
    cache: dict[Any, Any] | None = getattr(network, "__networkx_cache__", None)
    if found is None:
        known: Sequence[Sequence[str]] | None = None if cache is None else cache.get(_COMPONENTS)
        if known is not None:
            return known
        found = [list(component) for component in nx.connected_components(network)]
    if cache is not None:
        cache[_COMPONENTS] = found
    return found


def operating_on(data: Mapping[str, Any], day: str | None) -> bool:
    """Whether a service node is operating on *day* (ISO), by its ``statuses`` spells.

    A service with no spell covering the day, or with no day given, counts as operating.
    """
    spells = data.get("statuses")
    if day is None or not isinstance(spells, str) or not spells:
        return True
    for spell in spells.split(";"):
        status, _, span = spell.partition("@")
        start, _, end = span.partition("/")
        if (not start or start <= day) and (not end or day <= end):
            return status not in NOT_OPERATING
    return True


def service_categories() -> frozenset[str]:
    """The categories of the shipped service kinds (``anti_violence_service``...)."""
    return frozenset(load_codelist("service_kinds").categories())


def asked_categories(kinds: Iterable[str]) -> frozenset[str]:
    """The categories of service kinds among *kinds*: those an analysis was asked for."""
    return service_categories().intersection(kinds)


def service_category(data: Mapping[str, Any]) -> str | None:
    """The category of a service node's kind, read through its broader codes, if any.

    A category is no broader code: only an analysis asked for it counts it.
    """
    kinds = load_codelist("service_kinds")
    broader = data.get("service_broader")
    lineage = [str(data.get("service_kind", "")), *str(broader or "").split(",")]
    return next((top for code in lineage if (top := kinds.category(code))), None)
