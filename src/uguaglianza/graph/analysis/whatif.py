"""What-if: change the graph (remove or add nodes and ties) and compare every metric.

For notebooks modelling scenarios::

    from uguaglianza.graph import what_if

    result = what_if(graph, remove_nodes=["org-cm-milano"])
    for item in result.changes:
        print(item)            # e.g. funded[fami-2021-2027]: 11 → 5 (lost ...)
    result.territories_losing()  # {"anti_violence_centre": ("com-a", ...)}
    result.broken_paths()        # (("desk-1", "legal_advice"), ...)
    result.removed_desks()       # ("desk-2",): its paths went with it, none of them broke
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs
import networkx as nx

from uguaglianza.graph._access import edge_count
from uguaglianza.graph.analysis._common import preview, shared_network
from uguaglianza.graph.analysis.centrality import Backend, hubs
from uguaglianza.graph.analysis.coverage import (
    DEFAULT_TERRITORY_KINDS,
    coverage,
    present_service_kinds,
)
from uguaglianza.graph.analysis.funding import funding_links
from uguaglianza.graph.analysis.paths import DESK_KINDS, TARGET_KINDS, case_paths
from uguaglianza.graph.analysis.resilience import failure_points
from uguaglianza.graph.analysis.stakeholders import isolated
from uguaglianza.graph.build import Attrs, CoordinationGraph, collector_paused
from uguaglianza.tables import Tabular

__all__ = ["MetricChange", "Metrics", "apply_scenario", "metrics", "what_if"]

EdgeSpec = tuple[str, str] | tuple[str, str, str]
NewEdge = tuple[str, str, str] | tuple[str, str, str, Mapping[str, Any]]
NewNode = str | tuple[str, Mapping[str, Any]]
Value = int | tuple[str, ...]
_PAIR = "→"  # joins a desk and a target kind in the ``case_paths`` metric


@attrs.frozen(slots=True, repr=False)
class Metrics(Tabular):
    """Every metric of one graph, as plain numbers and sorted tuples of node ids."""

    values: Mapping[str, Value]

    def __getitem__(self, name: str) -> Value:
        return self.values[name]

    def __repr__(self) -> str:
        numbers = {k: v for k, v in self.values.items() if isinstance(v, int)}
        return f"Metrics({', '.join(f'{k}={v}' for k, v in numbers.items())})"

    def to_dict(self) -> dict[str, Any]:
        """The metrics as a JSON-compatible mapping."""
        return {k: v if isinstance(v, int) else list(v) for k, v in self.values.items()}


@attrs.frozen(slots=True)
class MetricChange:
    """One metric that differs: its values, and the ids gained and lost for a set metric."""

    metric: str
    before: int
    after: int
    gained: tuple[str, ...] = ()
    lost: tuple[str, ...] = ()

    def __str__(self) -> str:
        text = f"{self.metric}: {self.before} → {self.after}"
        if self.gained:
            text += f" (gained {preview(self.gained)})"
        if self.lost:
            text += f" (lost {preview(self.lost)})"
        return text

    def to_dict(self) -> dict[str, Any]:
        """The change as a JSON-compatible mapping."""
        return {
            "metric": self.metric,
            "before": self.before,
            "after": self.after,
            "gained": list(self.gained),
            "lost": list(self.lost),
        }


@attrs.frozen(slots=True, repr=False)
class WhatIf(Tabular):
    """The metrics before and after a scenario, and those that changed."""

    scenario: str
    before: Metrics
    after: Metrics
    changes: tuple[MetricChange, ...]

    def change_of(self, metric: str) -> MetricChange | None:
        """The change of *metric*, or ``None`` if it did not change."""
        return next((item for item in self.changes if item.metric == metric), None)

    def territories_losing(self) -> dict[str, tuple[str, ...]]:
        """For each kind of service, the territories where none is present any more."""
        return {
            item.metric[len("lacking[") : -1]: item.gained
            for item in self.changes
            if item.metric.startswith("lacking[") and item.gained
        }

    def broken_paths(self) -> tuple[tuple[str, str], ...]:
        """The (desk, target kind) pairs of desks still there that had a case path and have none.

        A desk the scenario removes takes its paths with it: see :meth:`removed_desks`.
        """
        lost = self.change_of("case_paths")
        if lost is None:
            return ()
        gone = set(self.removed_desks())
        pairs = (pair.rsplit(_PAIR, 1) for pair in lost.lost)
        return tuple((desk, kind) for desk, kind in pairs if desk not in gone)

    def removed_desks(self) -> tuple[str, ...]:
        """The desks the scenario takes away (their case paths are not counted as broken)."""
        change = self.change_of("desks")
        return () if change is None else change.lost

    def __repr__(self) -> str:
        losing = self.territories_losing()
        broken, removed = self.broken_paths(), self.removed_desks()
        extra = "".join(
            [
                *(f"; {len(ids)} territories lose {kind}" for kind, ids in losing.items()),
                f"; {len(broken)} case paths break" if broken else "",
                f"; {len(removed)} desks removed" if removed else "",
            ]
        )
        return f"WhatIf({self.scenario}: {preview(self.changes, 4)}{extra})"

    def to_dict(self) -> dict[str, Any]:
        """The comparison as a JSON-compatible mapping."""
        return {
            "scenario": self.scenario,
            "territories_losing": {k: list(v) for k, v in self.territories_losing().items()},
            "broken_paths": [
                {"desk": desk, "target_kind": kind} for desk, kind in self.broken_paths()
            ],
            "removed_desks": list(self.removed_desks()),
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "changes": [item.to_dict() for item in self.changes],
        }


def metrics(
    graph: CoordinationGraph,
    *,
    top: int = 10,
    sample: int | Literal["auto"] | None = "auto",
    seed: int = 0,
    backend: Backend = "auto",
    territory_kinds: Iterable[str] = DEFAULT_TERRITORY_KINDS,
    service_kinds: Iterable[str] | None = None,
    desk_kinds: Iterable[str] = DESK_KINDS,
    target_kinds: Iterable[str] = TARGET_KINDS,
) -> Metrics:
    """Every metric the analyses give, for comparing two versions of a graph.

    ``lacking[KIND]`` lists the territories where no service of each of *service_kinds*
    (``None``: the broadest kinds of the graph's services) is present; ``desks`` the desks
    of *desk_kinds*; ``case_paths`` the ``desk→kind`` pairs with a case path.
    """
    network = shared_network(graph)
    kinds = tuple(territory_kinds)
    covered = coverage(graph, territory_kinds=kinds, service_kinds=service_kinds)
    paths = case_paths(graph, desk_kinds=desk_kinds, target_kinds=target_kinds, network=network)
    central = hubs(graph, top=top, sample=sample, seed=seed, backend=backend, network=network)
    failures = failure_points(graph, network=network)
    alone = isolated(graph, network=network)
    components = [len(c) for c in nx.connected_components(network)]
    values: dict[str, Value] = {
        "nodes": graph.number_of_nodes(),
        "edges": edge_count(graph),
        "ties": edge_count(network),
        "components": len(components),
        "largest_component": max(components, default=0),
        "unreached": tuple(sorted(ref.id for ref in covered.unreached)),
        "unserved": tuple(sorted(ref.id for ref in covered.unserved)),
        **{
            f"lacking[{kind}]": tuple(sorted(ref.id for ref in covered.lacking(kind)))
            for kind in covered.service_kinds
        },
        "desks": tuple(sorted(desk.id for desk in paths.desks)),
        "case_paths": tuple(
            sorted({f"{path.desk.id}{_PAIR}{path.target_kind}" for path in paths.paths})
        ),
        "articulation_points": tuple(sorted(p.node.id for p in failures.articulation_points)),
        "bridges": len(failures.bridges),
        "isolated": tuple(sorted(ref.id for ref in alone.isolated)),
        "weakly_tied": tuple(sorted(tie.node.id for tie in alone.weakly_tied)),
        "top_degree": tuple(item.node.id for item in central.degree),
        "top_betweenness": tuple(item.node.id for item in central.betweenness),
    }
    for reach in funding_links(graph).funds:
        values[f"funded[{reach.fund.id}]"] = tuple(sorted(reach.ids()))
    return Metrics(values)


def _compare(before: Metrics, after: Metrics) -> tuple[MetricChange, ...]:
    changes = []
    for name in dict.fromkeys([*before.values, *after.values]):
        old, new = before.values.get(name, ()), after.values.get(name, ())
        if old == new:
            continue
        if isinstance(old, int) and isinstance(new, int):
            changes.append(MetricChange(name, old, new))
            continue
        first = set(old) if isinstance(old, tuple) else set()
        second = set(new) if isinstance(new, tuple) else set()
        changes.append(
            MetricChange(
                name,
                len(first),
                len(second),
                tuple(sorted(second - first)),
                tuple(sorted(first - second)),
            )
        )
    return tuple(changes)


@collector_paused
def apply_scenario(
    graph: CoordinationGraph,
    *,
    remove_nodes: Iterable[str] = (),
    remove_edges: Iterable[EdgeSpec] = (),
    add_nodes: Iterable[NewNode] = (),
    add_edges: Iterable[NewEdge] = (),
) -> CoordinationGraph:
    """A copy of *graph* with the scenario applied (the original is left untouched).

    Args:
        graph: a coordination graph.
        remove_nodes: node ids to remove, with all their edges.
        remove_edges: ``(u, v)`` removes every edge from u to v; ``(u, v, key)`` one edge.
        add_nodes: ids, or ``(id, attributes)``.
        add_edges: ``(u, v, kind)`` or ``(u, v, kind, attributes)``; origin ``scenario``.

    Raises:
        KeyError: a node or edge to remove is not in the graph.
    """
    changed = graph.copy()
    for node in remove_nodes:
        if node not in changed:
            raise KeyError(f"{node!r} is not a node of the graph")
        changed.remove_node(node)
    for spec in remove_edges:
        u, v = spec[0], spec[1]
        keys = [spec[2]] if len(spec) == 3 else list(changed.get_edge_data(u, v, default={}))
        if not keys or not all(changed.has_edge(u, v, key) for key in keys):
            raise KeyError(f"no edge {spec!r} in the graph")
        for key in keys:
            changed.remove_edge(u, v, key)
    for item in add_nodes:
        node, given = (item, {}) if isinstance(item, str) else item
        changed.add_node(node, **{"kind": "organisation", "name": node, "label": node, **given})
    for edge in add_edges:
        u, v, kind = edge[0], edge[1], edge[2]
        data: Attrs = {"kind": kind, "origin": "scenario"}
        if len(edge) == 4:
            data.update(edge[3])
        key, count = kind, 1
        while changed.has_edge(u, v, key):
            count += 1
            key = f"{kind}#{count}"
        data["id"] = f"{u}|{key}|{v}"
        changed.add_edge(u, v, key, **data)
    return changed


def _describe(**parts: list[Any]) -> str:
    words = [f"{name.replace('_', ' ')} {preview(list(items), 5)}" for name, items in parts.items()]
    return "; ".join(word for word, items in zip(words, parts.values(), strict=True) if items) or (
        "no change"
    )


def what_if(
    graph: CoordinationGraph,
    *,
    remove_nodes: Iterable[str] = (),
    remove_edges: Iterable[EdgeSpec] = (),
    add_nodes: Iterable[NewNode] = (),
    add_edges: Iterable[NewEdge] = (),
    top: int = 10,
    sample: int | Literal["auto"] | None = "auto",
    seed: int = 0,
    backend: Backend = "auto",
    territory_kinds: Iterable[str] = DEFAULT_TERRITORY_KINDS,
    service_kinds: Iterable[str] | None = None,
    desk_kinds: Iterable[str] = DESK_KINDS,
    target_kinds: Iterable[str] = TARGET_KINDS,
) -> WhatIf:
    """Apply a scenario to a copy of *graph* and compare every metric before and after.

    The scenario arguments are those of :func:`apply_scenario`; the others are passed to
    :func:`metrics`. Betweenness uses the same seed on both sides, and both sides look for
    the same kinds of service (``None``: those of *graph* before the scenario).
    """
    scenario: dict[str, list[Any]] = {
        "remove_nodes": list(remove_nodes),
        "remove_edges": list(remove_edges),
        "add_nodes": list(add_nodes),
        "add_edges": list(add_edges),
    }
    changed = apply_scenario(
        graph,
        remove_nodes=scenario["remove_nodes"],
        remove_edges=scenario["remove_edges"],
        add_nodes=scenario["add_nodes"],
        add_edges=scenario["add_edges"],
    )
    kinds = tuple(territory_kinds)
    options: dict[str, Any] = {
        "top": top,
        "sample": sample,
        "seed": seed,
        "backend": backend,
        "territory_kinds": kinds,
        "service_kinds": present_service_kinds(graph) if service_kinds is None else service_kinds,
        "desk_kinds": tuple(desk_kinds),
        "target_kinds": tuple(target_kinds),
    }
    before, after = metrics(graph, **options), metrics(changed, **options)
    return WhatIf(_describe(**scenario), before, after, _compare(before, after))
