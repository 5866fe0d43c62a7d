"""Case paths: how a case reported at a desk can reach legal advice or an anti-violence centre.

For each entry point (a desk, a reporting platform, a helpline) and each kind of target
service, the shortest path to the nearest target is found: first along ``refers_cases_to``
relations, followed in their direction (a *referral* path); failing that, along any tie of
the coordination network. A case travels only through people, organisations, bodies,
services, projects and actions: never through a territory, a plan, an act or a fund.

A service is of a kind when its kind, a broader code of its kind or something it
``offers`` is that kind: a desk that offers legal advice reaches legal advice itself (a
path of one node). A category of kinds (``anti_violence_service``) is no broader code
and counts only when asked for, as in coverage: then every service whose kind is in it
is of that kind. Kinds no service of the graph has are reported as absent, with no
"no path" pair for them: the network has no such service, rather than no way to it.

Give ``as_of`` for the paths on a date: only what is valid then counts, and a service
suspended, closed, planned or awaiting reactivation on that date (its ``statuses``) is
neither a desk, nor a target, nor a step on the way. A kind whose only services are not
operating is not absent: its pairs have no path, and ``idle_target_kinds`` says why;
a desk kind whose only services are not operating starts no path, and
``idle_desk_kinds`` says why. A graph built ``as_of`` a date is read on that date; with
no date, statuses are not read.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import networkx as nx

from uguaglianza.graph._access import edges_by_kind, node_kinds
from uguaglianza.graph.analysis._common import (
    NodeRef,
    asked_categories,
    node_ref,
    operating_on,
    preview,
    service_codes,
    shared_network,
)
from uguaglianza.graph.build import CoordinationGraph, collector_paused
from uguaglianza.graph.kinds import CASE_PATH_NODE_KINDS
from uguaglianza.graph.views import as_of as graph_as_of
from uguaglianza.tables import Tabular

__all__ = ["DESK_KINDS", "TARGET_KINDS", "CasePath", "CasePaths", "case_paths"]

#: Service kinds where a case is first reported.
DESK_KINDS = ("anti_discrimination_desk", "reporting_platform", "helpline")
#: Service kinds a case should reach.
TARGET_KINDS = ("legal_advice", "anti_violence_centre")


@attrs.frozen(slots=True)
class CasePath:
    """The shortest way from a desk to the nearest service of *target_kind*.

    Attributes:
        desk: where the case is reported.
        target: the service reached.
        target_kind: the service kind looked for.
        path: node ids from the desk to the target, both included.
        via: who lies on the way (the path without its two ends).
        referral: whether every step is a ``refers_cases_to`` relation, in its direction.
            A desk that provides the target kind itself is its own target, with a path of
            one node and ``referral`` false.
    """

    desk: NodeRef
    target: NodeRef
    target_kind: str
    path: tuple[str, ...]
    via: tuple[NodeRef, ...]
    referral: bool

    @property
    def itself(self) -> bool:
        """Whether the desk provides the target kind itself."""
        return len(self.path) == 1

    def __str__(self) -> str:
        return " → ".join(self.path)

    def to_dict(self) -> dict[str, Any]:
        """The path as a JSON-compatible mapping."""
        return {
            "itself": self.itself,
            "desk": self.desk.to_dict(),
            "target": self.target.to_dict(),
            "target_kind": self.target_kind,
            "path": list(self.path),
            "via": [ref.to_dict() for ref in self.via],
            "referral": self.referral,
        }


@attrs.frozen(slots=True, repr=False)
class CasePaths(Tabular):
    """Every desk's path to each kind of target, and the pairs with no path.

    Attributes:
        paths: the paths found, by target kind then desk.
        unreachable: (desk, target kind) pairs with no path, for target kinds the graph has.
        desk_kinds: the desk kinds asked for.
        target_kinds: the target kinds asked for.
        absent_desk_kinds: desk kinds no service of the graph has.
        absent_target_kinds: target kinds no service of the graph has: no path is looked for.
        desks: every desk of the kinds asked for, with or without a path.
        as_of: the date of the paths, if any: services not operating then are left out.
        not_operating: the services left out, not operating on that date.
        idle_target_kinds: target kinds the graph has, but no service of them operating.
        idle_desk_kinds: desk kinds the graph has, but no service of them operating.
    """

    paths: tuple[CasePath, ...]
    unreachable: tuple[tuple[NodeRef, str], ...]
    desk_kinds: tuple[str, ...]
    target_kinds: tuple[str, ...]
    absent_desk_kinds: tuple[str, ...] = ()
    absent_target_kinds: tuple[str, ...] = ()
    desks: tuple[NodeRef, ...] = ()
    as_of: str | None = None
    not_operating: tuple[NodeRef, ...] = ()
    idle_target_kinds: tuple[str, ...] = ()
    idle_desk_kinds: tuple[str, ...] = ()

    @property
    def meaningful(self) -> bool:
        """Whether the graph has a desk and a target of the kinds asked for."""
        return len(self.absent_desk_kinds) < len(self.desk_kinds) and len(
            self.absent_target_kinds
        ) < len(self.target_kinds)

    def from_desk(self, desk: str) -> tuple[CasePath, ...]:
        """The paths starting at *desk*."""
        return tuple(path for path in self.paths if path.desk.id == desk)

    def __repr__(self) -> str:
        missing = [f"{desk.id}→{kind}" for desk, kind in self.unreachable]
        text = f"CasePaths(paths: {preview(self.paths, 2)}; no path: {preview(missing)}"
        if self.absent_desk_kinds:
            text += f"; no desk of kind {', '.join(self.absent_desk_kinds)}"
        if self.absent_target_kinds:
            text += f"; no target of kind {', '.join(self.absent_target_kinds)}"
        if self.idle_desk_kinds:
            idle = ", ".join(self.idle_desk_kinds)
            text += f"; no desk of kind {idle} operating on {self.as_of}"
        if self.idle_target_kinds:
            idle = ", ".join(self.idle_target_kinds)
            text += f"; no target of kind {idle} operating on {self.as_of}"
        return text + ")"

    def to_dict(self) -> dict[str, Any]:
        """The paths as a JSON-compatible mapping."""
        return {
            "desk_kinds": list(self.desk_kinds),
            "target_kinds": list(self.target_kinds),
            "absent_desk_kinds": list(self.absent_desk_kinds),
            "absent_target_kinds": list(self.absent_target_kinds),
            "desks": [desk.to_dict() for desk in self.desks],
            "as_of": self.as_of,
            "not_operating": [ref.to_dict() for ref in self.not_operating],
            "idle_desk_kinds": list(self.idle_desk_kinds),
            "idle_target_kinds": list(self.idle_target_kinds),
            "paths": [path.to_dict() for path in self.paths],
            "unreachable": [
                {"desk": desk.to_dict(), "target_kind": kind} for desk, kind in self.unreachable
            ],
        }


# Among equally short paths, the one through a body (a network, a table) is preferred,
# then through a service, an organisation...: the channels cases are meant to follow.
_PREFERENCE = {"body": 0, "service": 1, "organisation": 2, "post": 3, "person": 4}


def _towards(
    targets: Iterable[str],
    neighbours: Mapping[str, Iterable[str]],
    allowed: Mapping[str, int],
    wanted: Iterable[str],
) -> dict[str, str | None]:
    """Multi-source breadth-first search from *targets*: each node's next step to one.

    *allowed* maps the nodes a path may use to their preference rank. The search stops
    once every node of *wanted* has its step: the steps already given do not change.
    """
    step: dict[str, str | None] = dict.fromkeys(targets)
    left = set(wanted).difference(step)
    queue = deque(step)
    while queue and left:
        node = queue.popleft()
        found = [n for n in neighbours.get(node, ()) if n not in step and n in allowed]
        if len(found) > 1:
            found.sort(key=lambda n: (allowed[n], n))
        for other in found:
            step[other] = node
            queue.append(other)
        left.difference_update(found)
    return step


def _walk(step: Mapping[str, str | None], start: str) -> tuple[str, ...]:
    path = [start]
    nxt = step[start]
    while nxt is not None:
        path.append(nxt)
        nxt = step[nxt]
    return tuple(path)


@collector_paused
def case_paths(
    graph: CoordinationGraph,
    *,
    desk_kinds: Iterable[str] = DESK_KINDS,
    target_kinds: Iterable[str] = TARGET_KINDS,
    network: nx.Graph[str] | None = None,
    as_of: dt.date | None = None,
) -> CasePaths:
    """The shortest path from every desk to the nearest service of each target kind.

    Args:
        graph: a coordination graph.
        desk_kinds: service kinds where cases are reported (broader codes, what a
            service offers and categories count, see the module's description).
        target_kinds: service kinds to reach, likewise.
        network: the coordination network of *graph*, if already computed (with
            *as_of*, that of the graph cut to the date is used instead).
        as_of: only what is valid on this date counts (the graph is cut as
            ``views.as_of`` does), and only services operating then.
    """
    desks_wanted, targets_wanted = tuple(desk_kinds), tuple(target_kinds)
    if as_of is not None:
        graph, network = graph_as_of(graph, as_of), None
    day = graph.graph.get("as_of") if as_of is None else as_of.isoformat()
    network = shared_network(graph) if network is None else network
    kinds = node_kinds(graph)
    categories = asked_categories((*desks_wanted, *targets_wanted))
    codes: dict[str, frozenset[str]] = {}
    idle: list[str] = []
    for node, data in graph.nodes(data=True):
        if data.get("kind") == "service":
            codes[node] = service_codes(data, categories)
            if not operating_on(data, day):
                idle.append(node)
    available = {code for provides in codes.values() for code in provides}
    for node in idle:  # neither a desk, nor a target, nor a step on the way
        del codes[node]
    operating = {code for provides in codes.values() for code in provides}
    left_out = frozenset(idle)
    allowed = {
        node: _PREFERENCE.get(kind, len(_PREFERENCE))
        for node, kind in kinds.items()
        if kind in CASE_PATH_NODE_KINDS and node not in left_out
    }
    desks = [n for n, provides in codes.items() if provides.intersection(desks_wanted)]
    absent_desks = tuple(kind for kind in desks_wanted if kind not in available)
    absent_targets = tuple(kind for kind in targets_wanted if kind not in available)
    referred_by: dict[str, list[str]] = {}
    for u, v, _ in edges_by_kind(graph).get("refers_cases_to", ()):
        referred_by.setdefault(v, []).append(u)
    # The network's own adjacency dicts: networkx's views cost more than the search.
    adjacency: Mapping[str, Iterable[str]] = network._adj  # type: ignore[attr-defined]

    paths: list[CasePath] = []
    missing: list[tuple[NodeRef, str]] = []
    for target_kind in targets_wanted:
        if target_kind in absent_targets:
            continue
        targets = [n for n, provides in codes.items() if target_kind in provides]
        by_referral = _towards(targets, referred_by, allowed, desks)
        # A target itself is no referral: its step is None.
        untied = [desk for desk in desks if by_referral.get(desk) is None]
        by_tie = _towards(targets, adjacency, allowed, untied)
        for desk in desks:
            referral = by_referral.get(desk) is not None  # a target itself is no referral
            step = by_referral if referral else by_tie
            if desk not in step:
                missing.append((node_ref(graph, desk), target_kind))
                continue
            path = _walk(step, desk)
            paths.append(
                CasePath(
                    desk=node_ref(graph, desk),
                    target=node_ref(graph, path[-1]),
                    target_kind=target_kind,
                    path=path,
                    via=tuple(node_ref(graph, node) for node in path[1:-1]),
                    referral=referral,
                )
            )
    return CasePaths(
        tuple(paths),
        tuple(missing),
        desks_wanted,
        targets_wanted,
        absent_desks,
        absent_targets,
        tuple(node_ref(graph, desk) for desk in desks),
        day,
        tuple(node_ref(graph, node) for node in idle),
        tuple(k for k in targets_wanted if k in available and k not in operating),
        tuple(k for k in desks_wanted if k in available and k not in operating),
    )
