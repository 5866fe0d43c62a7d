"""Territorial coverage: which coordination bodies and services reach each comune and district.

A body is *anchored* at a territory when it covers that territory, or when one of its
members, its chair, its convener, a participant in its meetings, a body it coordinates
or one of its sub-bodies *stands for* that territory. Something stands for a territory
when it is that territory, governs or serves it (an organisation's ``territory``), acts
for it, sits for it (a member's ``represents``), or is an office in, a holder of, or a
department of something that stands for it.

A body *reaches* a territory when it is anchored at the territory itself or at a territory
that contains it (through ``part_of`` links, at any depth): the comune, its district, its
metropolitan city... A service reaches a territory the same way, anchored at the
territories it covers, or failing those at its operator's. Coverage is computed on the
graph given: pass ``views.as_of(graph, day)`` for the coverage on a date.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from uguaglianza.graph._access import in_kinds, node_kinds, out_kinds
from uguaglianza.graph.analysis._common import NodeRef, node_ref, preview
from uguaglianza.graph.build import CoordinationGraph, collector_paused

__all__ = ["DEFAULT_TERRITORY_KINDS", "Coverage", "Reach", "TerritoryCoverage", "coverage"]

#: Territories coverage reports on by default: comuni and the districts and social areas
#: they are grouped in.
DEFAULT_TERRITORY_KINDS = ("municipality", "socio_health_district", "social_area")

# Edges into a body that anchor it where their source stands, and how the reach is named.
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
    """

    by: NodeRef
    via: str
    how: str
    through: str | None = None

    def __str__(self) -> str:
        text = f"{self.by.id} via {self.via} ({self.how}"
        return text + (f" {self.through})" if self.through else ")")

    def to_dict(self) -> dict[str, Any]:
        """The reach as a JSON-compatible mapping."""
        return {"by": self.by.to_dict(), "via": self.via, "how": self.how, "through": self.through}


@attrs.frozen(slots=True, repr=False)
class TerritoryCoverage:
    """The bodies and services reaching one territory, nearest anchors first."""

    territory: NodeRef
    bodies: tuple[Reach, ...]
    services: tuple[Reach, ...]

    @property
    def reached(self) -> bool:
        """Whether at least one coordination body reaches the territory."""
        return bool(self.bodies)

    @property
    def served(self) -> bool:
        """Whether at least one service reaches the territory."""
        return bool(self.services)

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
class Coverage:
    """For each territory of the chosen kinds, the bodies and services that reach it."""

    territories: tuple[TerritoryCoverage, ...]
    territory_kinds: tuple[str, ...]

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
        """Territories no coordination body reaches."""
        return tuple(item.territory for item in self.territories if not item.reached)

    @property
    def unserved(self) -> tuple[NodeRef, ...]:
        """Territories no service reaches."""
        return tuple(item.territory for item in self.territories if not item.served)

    def reach_counts(self) -> dict[str, int]:
        """For each body and service, how many of the territories it reaches."""
        counts: dict[str, int] = {}
        for item in self.territories:
            for entity in (*item.body_ids(), *item.service_ids()):
                counts[entity] = counts.get(entity, 0) + 1
        return dict(sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])))

    def __repr__(self) -> str:
        return (
            f"Coverage({len(self.territories)} territories ({', '.join(self.territory_kinds)}); "
            f"reached by no body: {preview(self.unreached)}; "
            f"by no service: {preview(self.unserved)})"
        )

    def to_dict(self) -> dict[str, Any]:
        """The coverage as a JSON-compatible mapping, with the unreached listed first."""
        return {
            "territory_kinds": list(self.territory_kinds),
            "unreached": [ref.to_dict() for ref in self.unreached],
            "unserved": [ref.to_dict() for ref in self.unserved],
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

    def out(self, node: str, *kinds: str) -> Iterator[str]:
        for target, kind in out_kinds(self.graph, node):
            if kind in kinds:
                yield target

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
        for source, kind in in_kinds(self.graph, body):
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
            for operator, kind in in_kinds(self.graph, service)
            if kind == "operates"
            for territory in self.stands_for(operator)
        )


def _containers(graph: CoordinationGraph, kinds: dict[str, str], territory: str) -> list[str]:
    """*territory* and the territories containing it, nearest first (breadth first)."""
    order = [territory]
    seen = {territory}
    for current in order:
        for parent, kind in out_kinds(graph, current):
            if kind == "part_of" and parent not in seen and kinds.get(parent) == "territory":
                seen.add(parent)
                order.append(parent)
    return order


def _of_kind(data: Mapping[str, Any], wanted: tuple[str, ...]) -> bool:
    """Whether a territory node's kind, or a broader code of it, is one of *wanted*."""
    if data.get("territory_kind") in wanted:
        return True
    broader: str = data.get("territory_broader") or ""
    return any(code in wanted for code in broader.split(",") if code)


@collector_paused
def coverage(
    graph: CoordinationGraph, *, territory_kinds: Iterable[str] = DEFAULT_TERRITORY_KINDS
) -> Coverage:
    """Which coordination bodies and services reach each territory of *territory_kinds*.

    See the module's description for what "reach" means. Territories come in graph order.
    """
    wanted = tuple(territory_kinds)
    anchors = _Anchors(graph)
    refs: dict[str, NodeRef] = {}

    def ref(node: str) -> NodeRef:
        found = refs.get(node)
        if found is None:
            found = refs[node] = node_ref(graph, node)
        return found

    bodies_at: dict[str, list[tuple[str, str, str | None]]] = {}
    services_at: dict[str, list[tuple[str, str, str | None]]] = {}
    for node, kind in anchors.kind.items():
        if kind == "body":
            for territory, how, through in anchors.body(node):
                bodies_at.setdefault(territory, []).append((node, how, through))
        elif kind == "service":
            for territory, how, through in anchors.service(node):
                services_at.setdefault(territory, []).append((node, how, through))

    results = []
    for node, data in graph.nodes(data=True):
        if data.get("kind") != "territory" or not _of_kind(data, wanted):
            continue
        bodies: list[Reach] = []
        services: list[Reach] = []
        for place in _containers(graph, anchors.kind, node):
            bodies.extend(Reach(ref(b), place, how, th) for b, how, th in bodies_at.get(place, ()))
            services.extend(
                Reach(ref(s), place, how, th) for s, how, th in services_at.get(place, ())
            )
        results.append(TerritoryCoverage(ref(node), tuple(bodies), tuple(services)))
    return Coverage(tuple(results), wanted)
