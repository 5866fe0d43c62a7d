"""Territorial coverage: which services are present in each comune, and which bodies' remits.

Two questions are kept apart. Which services are *present* in a territory, by kind of
service: a comune with no anti-violence centre, no shelter or no anti-discrimination desk
serving it is a gap. And which coordination bodies have the territory in their *remit*:
a metropolitan council's remit includes every comune of the city, but that is no local
presence, so it never fills a gap in services.

A body is *anchored* at a territory when it covers that territory, or when one of its
members, its chair, its convener, a participant in its meetings, a body it coordinates
or one of its sub-bodies *stands for* that territory. Something stands for a territory
when it is that territory, governs or serves it (an organisation's ``territory``), acts
for it, sits for it (a member's ``represents``), or is an office in, a holder of, or a
department of something that stands for it.

A body *reaches* a territory when it is anchored at the territory itself or at a territory
that contains it (through ``part_of`` links, at any depth): the comune, its district, its
metropolitan city... A service is present in a territory the same way, anchored at the
territories it covers, or failing those at its operators' (each over its period). A
service provides its kind, the broader codes of its kind and what it ``offers`` (a centre
offering legal advice provides legal advice); a category of kinds (``anti_violence_service``)
is no broader code, and counts only when asked for: then every service whose kind is in
it provides it. Give ``as_of`` for the coverage on a date: only what is valid then
counts, operators included, and a service suspended, closed, planned or awaiting
reactivation on that date (its ``statuses``) is present nowhere. A graph built ``as_of``
a date is read on that date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from uguaglianza.graph._access import edges_by_kind, in_kinds, node_kinds
from uguaglianza.graph.analysis._common import (
    NodeRef,
    asked_categories,
    node_ref,
    operating_on,
    preview,
    service_codes,
    territory_codes,
)
from uguaglianza.graph.build import CoordinationGraph, collector_paused
from uguaglianza.graph.views import as_of as graph_as_of
from uguaglianza.tables import Tabular

__all__ = [
    "DEFAULT_TERRITORY_KINDS",
    "Coverage",
    "Reach",
    "TerritoryCoverage",
    "coverage",
    "present_service_kinds",
]

#: Territories coverage reports on by default: comuni and the districts and social areas
#: they are grouped in.
DEFAULT_TERRITORY_KINDS = ("municipality", "socio_health_district", "social_area")

# Edges into a body that anchor it where their source stands, and how the reach is named.
#: The kinds of edge anchors follow out of a node.
_OUT_KINDS = (
    "acts_for",
    "coordinates",
    "covers",
    "holds",
    "part_of",
    "post_of",
    "represents",
    "serves",
)

_BODY_TIES = {
    "member_of": "member",
    "chairs": "chair",
    "convenes": "convener",
    "participates_in": "participant",
}


@attrs.frozen(slots=True)
class Reach:
    """How a body or service reaches a territory.

    Attributes:
        by: the body or service.
        via: the territory it is anchored at: the territory itself or one containing it.
        how: ``territory`` (it covers *via*), ``member``, ``chair``, ``convener``,
            ``participant``, ``coordinates``, ``sub_body`` or ``operator``.
        through: the node that anchors it (the member, the sub-body...), if any.
        kinds: for a service, the kinds of service it provides (its kind, their broader
            codes and what it offers, and its kind's category when asked for), sorted.
    """

    by: NodeRef
    via: str
    how: str
    through: str | None = None
    kinds: tuple[str, ...] = ()

    def __str__(self) -> str:
        text = f"{self.by.id} via {self.via} ({self.how}"
        return text + (f" {self.through})" if self.through else ")")

    def to_dict(self) -> dict[str, Any]:
        """The reach as a JSON-compatible mapping."""
        data = {"by": self.by.to_dict(), "via": self.via, "how": self.how, "through": self.through}
        return data | ({"kinds": list(self.kinds)} if self.kinds else {})


@attrs.frozen(slots=True, repr=False)
class TerritoryCoverage:
    """The services present in one territory and the bodies whose remit includes it.

    Attributes:
        territory: the territory.
        bodies: the coordination bodies reaching it (their remit), nearest anchor first.
        services: the services present in it, nearest anchor first.
    """

    territory: NodeRef
    bodies: tuple[Reach, ...]
    services: tuple[Reach, ...]

    @property
    def reached(self) -> bool:
        """Whether the territory lies in the remit of at least one coordination body."""
        return bool(self.bodies)

    @property
    def served(self) -> bool:
        """Whether at least one service is present in the territory."""
        return bool(self.services)

    def has(self, kind: str) -> bool:
        """Whether a service present in the territory provides *kind* (or a narrower kind)."""
        return any(kind in reach.kinds for reach in self.services)

    def body_ids(self) -> tuple[str, ...]:
        """The distinct bodies reaching the territory, in order of nearest anchor."""
        return tuple(dict.fromkeys(reach.by.id for reach in self.bodies))

    def service_ids(self) -> tuple[str, ...]:
        """The distinct services reaching the territory, in order of nearest anchor."""
        return tuple(dict.fromkeys(reach.by.id for reach in self.services))

    def __repr__(self) -> str:
        return (
            f"TerritoryCoverage({self.territory}: bodies {preview(self.body_ids())}; "
            f"services {preview(self.service_ids())})"
        )

    def to_dict(self) -> dict[str, Any]:
        """The territory's coverage as a JSON-compatible mapping."""
        return {
            "territory": self.territory.to_dict(),
            "bodies": [reach.to_dict() for reach in self.bodies],
            "services": [reach.to_dict() for reach in self.services],
        }


@attrs.frozen(slots=True, repr=False)
class Coverage(Tabular):
    """For each territory of the chosen kinds, the services present and the bodies' remits.

    Attributes:
        territories: each territory's coverage, in graph order.
        territory_kinds: the territory kinds reported on.
        service_kinds: the kinds of service whose gaps are reported.
        absent_kinds: those of *service_kinds* that no service of the graph provides: a
            gap everywhere, that says the network has no such service rather than where.
        as_of: the date of the coverage, if one was given.
    """

    territories: tuple[TerritoryCoverage, ...]
    territory_kinds: tuple[str, ...]
    service_kinds: tuple[str, ...] = ()
    absent_kinds: tuple[str, ...] = ()
    as_of: str | None = None

    def __iter__(self) -> Iterator[TerritoryCoverage]:
        return iter(self.territories)

    def __len__(self) -> int:
        return len(self.territories)

    def get(self, territory: str) -> TerritoryCoverage:
        """The coverage of *territory*.

        Raises:
            KeyError: the territory is not among those reported.
        """
        for item in self.territories:
            if item.territory.id == territory:
                return item
        raise KeyError(territory)

    @property
    def unreached(self) -> tuple[NodeRef, ...]:
        """Territories in no coordination body's remit."""
        return tuple(item.territory for item in self.territories if not item.reached)

    @property
    def unserved(self) -> tuple[NodeRef, ...]:
        """Territories where no service at all is present."""
        return tuple(item.territory for item in self.territories if not item.served)

    def lacking(self, kind: str) -> tuple[NodeRef, ...]:
        """Territories where no service providing *kind* is present."""
        return tuple(item.territory for item in self.territories if not item.has(kind))

    def gaps(self) -> dict[str, tuple[NodeRef, ...]]:
        """For each of :attr:`service_kinds` present in the graph, the territories lacking it."""
        return {
            kind: self.lacking(kind) for kind in self.service_kinds if kind not in self.absent_kinds
        }

    def reach_counts(self) -> dict[str, int]:
        """For each body and service, how many of the territories it reaches."""
        counts: dict[str, int] = {}
        for item in self.territories:
            for entity in (*item.body_ids(), *item.service_ids()):
                counts[entity] = counts.get(entity, 0) + 1
        return dict(sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])))

    def __repr__(self) -> str:
        lacking = "; ".join(f"no {kind}: {len(refs)}" for kind, refs in self.gaps().items())
        return (
            f"Coverage({len(self.territories)} territories ({', '.join(self.territory_kinds)}); "
            + (f"{lacking}; " if lacking else "")
            + f"no service: {preview(self.unserved)}; "
            f"in no body's remit: {preview(self.unreached)})"
        )

    def to_dict(self) -> dict[str, Any]:
        """The coverage as a JSON-compatible mapping, gaps first."""
        return {
            "territory_kinds": list(self.territory_kinds),
            "service_kinds": list(self.service_kinds),
            "absent_kinds": list(self.absent_kinds),
            "as_of": self.as_of,
            "lacking": {
                kind: [ref.to_dict() for ref in refs] for kind, refs in self.gaps().items()
            },
            "unserved": [ref.to_dict() for ref in self.unserved],
            "unreached": [ref.to_dict() for ref in self.unreached],
            "reach_counts": self.reach_counts(),
            "territories": [item.to_dict() for item in self.territories],
        }


class _Anchors:
    """Where each node stands, and where each body and service is anchored."""

    def __init__(self, graph: CoordinationGraph) -> None:
        self.graph = graph
        self.kind = node_kinds(graph)
        self._stands: dict[str, tuple[str, ...]] = {}
        self._bodies: dict[str, tuple[tuple[str, str, str | None], ...]] = {}
        # The edges the anchors follow, by kind then node, read from the graph once.
        grouped = edges_by_kind(graph)
        self._out: dict[str, dict[str, list[str]]] = {}
        for kind in _OUT_KINDS:
            targets = self._out[kind] = {}
            for u, v, _ in grouped.get(kind, ()):
                targets.setdefault(u, []).append(v)

    def out(self, node: str, kind: str) -> list[str]:
        """The targets of *node*'s edges of *kind*."""
        return self._out[kind].get(node, [])

    def into(self, node: str) -> Iterator[tuple[str, str]]:
        """``(source, kind)`` for every edge reaching *node*."""
        return in_kinds(self.graph, node)

    def stands_for(self, node: str) -> tuple[str, ...]:
        """The territories *node* stands for (see the module's description)."""
        known = self._stands.get(node)
        if known is not None:
            return known
        self._stands[node] = ()  # guards against cycles (a body member of its member)
        kind = self.kind.get(node)
        found: list[str] = [node] if kind == "territory" else []
        if kind == "organisation":
            found.extend(self._territories(self.out(node, "serves")))
            for other in self.out(node, "acts_for"):
                found.extend(self.stands_for(other))
            if not found:
                for parent in self.out(node, "part_of"):
                    found.extend(self.stands_for(parent))
        elif kind == "post":
            for organisation in self.out(node, "post_of"):
                found.extend(self.stands_for(organisation))
        elif kind == "person":
            for post in self.out(node, "holds"):
                found.extend(self.stands_for(post))
        elif kind in ("body", "service"):
            found.extend(self._territories(self.out(node, "covers")))
            if not found and kind == "body":
                found.extend(territory for territory, _, _ in self.body(node))
        for other in self.out(node, "represents"):
            found.extend(self.stands_for(other))
        result = self._stands[node] = tuple(dict.fromkeys(found))
        return result

    def _territories(self, nodes: Iterable[str]) -> Iterator[str]:
        return (node for node in nodes if self.kind.get(node) == "territory")

    def body(self, body: str) -> tuple[tuple[str, str, str | None], ...]:
        """(territory, how, through) for every anchor of *body*."""
        known = self._bodies.get(body)
        if known is not None:
            return known
        self._bodies[body] = ()
        found: list[tuple[str, str, str | None]] = [
            (territory, "territory", None)
            for territory in self._territories(self.out(body, "covers"))
        ]
        for source, kind in self.into(body):
            how = _BODY_TIES.get(kind)
            if how is not None and self.kind.get(source) != "act":
                found.extend((territory, how, source) for territory in self.stands_for(source))
            elif kind == "part_of" and self.kind.get(source) == "body":
                found.extend(
                    (territory, "sub_body", source) for territory, _, _ in self.body(source)
                )
        for target in self.out(body, "coordinates"):
            found.extend(
                (territory, "coordinates", target) for territory in self.stands_for(target)
            )
        result = self._bodies[body] = tuple(dict.fromkeys(found))
        return result

    def service(self, service: str) -> tuple[tuple[str, str, str | None], ...]:
        """(territory, how, through) for every anchor of *service*."""
        covered = [(t, "territory", None) for t in self._territories(self.out(service, "covers"))]
        if covered:
            return tuple(covered)
        return tuple(
            (territory, "operator", operator)
            for operator, kind in self.into(service)
            if kind == "operates"
            for territory in self.stands_for(operator)
        )


def _containers(anchors: _Anchors, territory: str) -> list[str]:
    """*territory* and the territories containing it, nearest first (breadth first)."""
    kinds = anchors.kind
    order = [territory]
    seen = {territory}
    for current in order:
        for parent in anchors.out(current, "part_of"):
            if parent not in seen and kinds.get(parent) == "territory":
                seen.add(parent)
                order.append(parent)
    return order


def present_service_kinds(graph: CoordinationGraph) -> tuple[str, ...]:
    """The broadest kind of every service in *graph*, sorted: coverage's default kinds."""
    found = set()
    for _, data in graph.nodes(data=True):
        if data.get("kind") == "service" and data.get("service_kind"):
            broader = str(data.get("service_broader") or "")
            found.add(broader.rsplit(",", 1)[-1] if broader else str(data["service_kind"]))
    return tuple(sorted(found))


@collector_paused
def coverage(
    graph: CoordinationGraph,
    *,
    territory_kinds: Iterable[str] = DEFAULT_TERRITORY_KINDS,
    service_kinds: Iterable[str] | None = None,
    as_of: dt.date | None = None,
) -> Coverage:
    """Which services are present in each territory of *territory_kinds*, and whose remit.

    Args:
        graph: a coordination graph.
        territory_kinds: territory kinds to report on; a territory counts when its kind or
            a broader code of it is one of them.
        service_kinds: kinds of service whose gaps to report; a service counts for its
            kind, the broader codes of its kind and what it offers, and for a category
            asked for its kind is in. ``None``: the broadest kind of every service.
        as_of: only what is valid on this date counts (the graph is cut as
            ``views.as_of`` does), and only services operating then.

    See the module's description for presence and remit. Territories come in graph order.
    """
    if as_of is not None:
        graph = graph_as_of(graph, as_of)
    wanted = tuple(territory_kinds)
    looked_for = present_service_kinds(graph) if service_kinds is None else tuple(service_kinds)
    anchors = _Anchors(graph)
    grouped = asked_categories(looked_for)
    refs: dict[str, NodeRef] = {}

    def ref(node: str) -> NodeRef:
        found = refs.get(node)
        if found is None:
            found = refs[node] = node_ref(graph, node)
        return found

    day = graph.graph.get("as_of") if as_of is None else as_of.isoformat()
    bodies_at: dict[str, list[tuple[str, str, str | None]]] = {}
    services_at: dict[str, list[tuple[str, str, str | None]]] = {}
    provides: dict[str, tuple[str, ...]] = {}
    for node, data in graph.nodes(data=True):
        kind = anchors.kind.get(node)
        if kind == "body":
            for territory, how, through in anchors.body(node):
                bodies_at.setdefault(territory, []).append((node, how, through))
        elif kind == "service" and operating_on(data, day):
            provides[node] = tuple(sorted(service_codes(data, grouped)))
            for territory, how, through in anchors.service(node):
                services_at.setdefault(territory, []).append((node, how, through))
    available = {code for codes in provides.values() for code in codes}

    results = []
    for node, data in graph.nodes(data=True):
        if data.get("kind") != "territory" or not territory_codes(data).intersection(wanted):
            continue
        bodies: list[Reach] = []
        services: list[Reach] = []
        for place in _containers(anchors, node):
            bodies.extend(Reach(ref(b), place, how, th) for b, how, th in bodies_at.get(place, ()))
            services.extend(
                Reach(ref(s), place, how, th, provides[s])
                for s, how, th in services_at.get(place, ())
            )
        results.append(TerritoryCoverage(ref(node), tuple(bodies), tuple(services)))
    absent = tuple(kind for kind in looked_for if kind not in available)
    return Coverage(tuple(results), wanted, looked_for, absent, day)
