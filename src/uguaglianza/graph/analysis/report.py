"""Several analyses at once, sharing one coordination network: what ``analyse`` prints.

A section that means nothing for the graph is left out, with the reason, unless every
section is asked for (``all_sections=True``): coverage of comuni for the gender equality
plan of a university, case paths in a network with no desk or no target of the kinds
looked for, funding links with no one paying.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

import attrs

from uguaglianza.graph._access import edge_count, edges_by_kind
from uguaglianza.graph.analysis._common import (
    asked_categories,
    service_codes,
    shared_networks,
    territory_codes,
)
from uguaglianza.graph.analysis._parallel import Forked, can_fork
from uguaglianza.graph.analysis.centrality import Backend, backend_for, hubs
from uguaglianza.graph.analysis.coverage import DEFAULT_TERRITORY_KINDS, coverage
from uguaglianza.graph.analysis.frameworks import frameworks
from uguaglianza.graph.analysis.funding import funding_links
from uguaglianza.graph.analysis.paths import DESK_KINDS, TARGET_KINDS, case_paths
from uguaglianza.graph.analysis.resilience import failure_points
from uguaglianza.graph.analysis.stakeholders import communities, isolated
from uguaglianza.graph.build import CoordinationGraph
from uguaglianza.graph.views import as_of as graph_as_of
from uguaglianza.model import Landscape, PlanDocument
from uguaglianza.tables import Tabular

__all__ = [
    "DEFAULT_SECTIONS",
    "DOCUMENT_SECTIONS",
    "SECTIONS",
    "Analysis",
    "Why",
    "analyse",
    "pointless_sections",
]

#: Every section :func:`analyse` can compute, in the order it reports them.
SECTIONS = ("coverage", "hubs", "failures", "isolated", "paths", "funding", "communities")
#: Sections that read the document itself (pass ``doc``); reported before the others.
DOCUMENT_SECTIONS = ("frameworks",)
#: The sections computed unless others are asked for.
DEFAULT_SECTIONS = ("coverage", "hubs", "failures", "isolated", "paths", "funding")

#: Profiles of plans an organisation makes for itself: coverage of comuni says nothing of them.
_ORGANISATIONAL_PROFILES = frozenset({"gep", "pap"})
#: Plan kinds of the ``basic`` profile that an organisation likewise makes for itself.
_ORGANISATIONAL_KINDS = frozenset({"gender_budget", "hrs4r"})
_PAYING_EDGES = frozenset({"co_finances", "pays"})


@attrs.frozen(slots=True)
class Why:
    """Why a section means nothing for a graph: a reason code and what it is about.

    Codes: ``organisational_plans`` (every plan is one an organisation makes for itself:
    a GEP, a PAP, a PIAO, a gender budget; and no service is described; *about* lists
    the plan kinds), ``no_territories`` (no territory of the kinds asked
    for), ``no_desks`` and ``no_targets`` (no service of those kinds), ``no_payers``.
    """

    reason: str
    about: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The reason as a JSON-compatible mapping."""
        return {"reason": self.reason, "about": list(self.about)}


@attrs.frozen(slots=True, repr=False)
class Analysis(Tabular):
    """The results of several analyses of one graph, with the seconds each took.

    Attributes:
        results: each section's result, by name.
        seconds: the seconds each section took, and the shared network.
        graph: the graph's document, date and size.
        left_out: sections asked for but left out as meaningless here, with why.
        notes: sections computed although they mean little here, with why.
    """

    results: Mapping[str, Any]
    seconds: Mapping[str, float]
    graph: Mapping[str, Any]
    left_out: Mapping[str, Why] = attrs.field(factory=dict)
    notes: Mapping[str, Why] = attrs.field(factory=dict)

    def __getitem__(self, section: str) -> Any:
        return self.results[section]

    def __repr__(self) -> str:
        shown = ", ".join(repr(result) for result in self.results.values())
        if self.left_out:
            shown += f"; left out: {', '.join(self.left_out)}"
        return f"Analysis({shown})"

    def to_text(self, top: int = 10, lang: Literal["it", "en"] = "en") -> str:
        """The analysis as text in Italian or English, each list cut to *top* rows."""
        from uguaglianza.graph.analysis.text import render

        return "\n".join(render(self, top, lang))

    def to_dict(self) -> dict[str, Any]:
        """Every result as JSON-compatible data, under its section name.

        ``left_out`` and ``notes`` appear when some section means nothing here.
        """
        data: dict[str, Any] = {"graph": dict(self.graph)}
        data.update((name, result.to_dict()) for name, result in self.results.items())
        for key, whys in (("left_out", self.left_out), ("notes", self.notes)):
            if whys:  # only when a section means nothing here
                data[key] = {name: why.to_dict() for name, why in whys.items()}
        data["seconds"] = {name: round(value, 3) for name, value in self.seconds.items()}
        return data


def _plan_kinds(graph: CoordinationGraph) -> tuple[set[str], bool]:
    """The kinds of the graph's plans, and whether all are an organisation's own plans."""
    from uguaglianza.rules import profile_for_kind  # the rules are not needed otherwise

    kinds = {
        str(data["plan_kind"])
        for _, data in graph.nodes(data=True)
        if data.get("kind") == "plan" and data.get("plan_kind")
    }
    own = all(
        kind in _ORGANISATIONAL_KINDS or profile_for_kind(kind) in _ORGANISATIONAL_PROFILES
        for kind in kinds
    )
    return kinds, bool(kinds) and own


def pointless_sections(
    graph: CoordinationGraph,
    *,
    territory_kinds: Iterable[str] = DEFAULT_TERRITORY_KINDS,
    desk_kinds: Iterable[str] = DESK_KINDS,
    target_kinds: Iterable[str] = TARGET_KINDS,
) -> dict[str, Why]:
    """The sections that mean nothing for *graph*, each with why (see :class:`Why`)."""
    wanted_territories = tuple(territory_kinds)
    desk_kinds, target_kinds = tuple(desk_kinds), tuple(target_kinds)
    categories = asked_categories((*desk_kinds, *target_kinds))  # as case paths read them
    provided: set[str] = set()
    territories = False
    for _, data in graph.nodes(data=True):
        kind = data.get("kind")
        if kind == "service":
            provided |= service_codes(data, categories)
        elif kind == "territory" and not territories:
            territories = not territory_codes(data).isdisjoint(wanted_territories)
    why: dict[str, Why] = {}
    plan_kinds, organisational = _plan_kinds(graph)
    if not provided and organisational:
        why["coverage"] = Why("organisational_plans", tuple(sorted(plan_kinds)))
    elif not territories:
        why["coverage"] = Why("no_territories", wanted_territories)
    desks = tuple(kind for kind in desk_kinds if kind in provided)
    targets = tuple(kind for kind in target_kinds if kind in provided)
    if not desks:
        why["paths"] = Why("no_desks", tuple(desk_kinds))
    elif not targets:
        why["paths"] = Why("no_targets", tuple(target_kinds))
    kinds = {data.get("kind") for _, data in graph.nodes(data=True)}
    if "fund" not in kinds and not _PAYING_EDGES.intersection(edges_by_kind(graph)):
        why["funding"] = Why("no_payers")
    return why


def _timed(run: Mapping[str, Callable[[], Any]], names: Iterable[str]) -> dict[str, Any]:
    """Each section of *names* run in turn: its result and the seconds it took."""
    found: dict[str, Any] = {}
    for name in names:
        started = time.perf_counter()
        found[name] = (run[name](), time.perf_counter() - started)
    return found


def analyse(
    graph: CoordinationGraph,
    *,
    sections: Iterable[str] = DEFAULT_SECTIONS,
    all_sections: bool = False,
    top: int = 10,
    sample: int | Literal["auto"] | None = "auto",
    seed: int = 0,
    backend: Backend = "auto",
    territory_kinds: Iterable[str] = DEFAULT_TERRITORY_KINDS,
    service_kinds: Iterable[str] | None = None,
    desk_kinds: Iterable[str] = DESK_KINDS,
    target_kinds: Iterable[str] = TARGET_KINDS,
    as_of: dt.date | None = None,
    doc: PlanDocument | Landscape | None = None,
    jobs: int = 1,
) -> Analysis:
    """Run the analyses named in *sections* (see :data:`SECTIONS`) on *graph*.

    Sections that mean nothing for the graph (:func:`pointless_sections`) are left out,
    with why, unless *all_sections* is true: then they are computed, with a note. The
    kinds are passed to :func:`coverage` and :func:`case_paths`; *as_of* cuts the graph
    to that date first.

    The sections of :data:`DOCUMENT_SECTIONS` (``frameworks``) read the plans themselves:
    pass the document as *doc*.

    With *jobs* of 2 or more, hubs (the costliest section on a large graph) run in a
    forked process while the other sections run here; the results are the same. With
    igraph, the child is given the ties gathered here in the pass that builds the
    coordination network, and numbers them; otherwise it builds the network it needs
    itself. This is done only where the platform forks and while the program
    runs a single thread; otherwise everything runs here, one after the other.

    Raises:
        ValueError: a section name is unknown, or ``frameworks`` is asked without *doc*.
    """
    wanted = list(dict.fromkeys(sections))
    known = (*DOCUMENT_SECTIONS, *SECTIONS)
    unknown = [name for name in wanted if name not in known]
    if unknown:
        raise ValueError(f"unknown sections {unknown}; choose among {', '.join(known)}")
    if "frameworks" in wanted and doc is None:
        raise ValueError("the frameworks section reads the plans: pass the document as doc=")
    if as_of is not None:
        graph = graph_as_of(graph, as_of)
    territory_kinds, desk_kinds = tuple(territory_kinds), tuple(desk_kinds)
    target_kinds = tuple(target_kinds)
    pointless = pointless_sections(
        graph, territory_kinds=territory_kinds, desk_kinds=desk_kinds, target_kinds=target_kinds
    )
    asked = {name: pointless[name] for name in wanted if name in pointless}
    left_out = {} if all_sections else asked
    order = [name for name in known if name in wanted and name not in left_out]
    started = time.perf_counter()
    network: Any = None  # the coordination network, built below
    run: dict[str, Callable[[], Any]] = {
        "frameworks": lambda: frameworks(doc) if doc is not None else None,
        "coverage": lambda: coverage(
            graph, territory_kinds=territory_kinds, service_kinds=service_kinds
        ),
        "hubs": lambda: hubs(graph, top=top, sample=sample, seed=seed, backend=backend),
        "failures": lambda: failure_points(graph, network=network),
        "isolated": lambda: isolated(graph, network=network),
        "paths": lambda: case_paths(
            graph, desk_kinds=desk_kinds, target_kinds=target_kinds, network=network
        ),
        "funding": lambda: funding_links(graph),
        "communities": lambda: communities(graph, seed=seed, network=network, backend=backend),
    }
    # Brokerage counts coordination ties only, not where organisations lie. igraph needs
    # only the numbered ties of that network, gathered in the pass building the other.
    numbered = "hubs" in order and backend_for(backend) == "igraph"
    away: list[str] = []  # the sections run in a forked process
    if jobs > 1 and "hubs" in order and len(order) > 1 and can_fork():
        away = ["hubs"]
        order.remove("hubs")
    forked: Forked[dict[str, Any]] | None = None
    found: dict[str, Any] = {}
    try:
        if away and not numbered:  # the child builds the network it needs beside this one
            forked = Forked(lambda: _timed(run, away))
        network, _ = shared_networks(
            graph, wanted=(True, "hubs" in order and not numbered), ties=numbered
        )
        seconds = {"network": time.perf_counter() - started}
        if away and numbered:  # the child needs only what was gathered here
            forked = Forked(lambda: _timed(run, away))
        found = _timed(run, order)
        if forked is not None:
            found.update(forked.result()[0])
    finally:
        if forked is not None:
            forked.close()
    seconds.update({name: spent for name, (_, spent) in found.items()})
    results = {name: found[name][0] for name in known if name in found}
    summary = {
        "document": graph.graph.get("document"),
        "as_of": graph.graph.get("as_of"),
        "nodes": graph.number_of_nodes(),
        "edges": edge_count(graph),
        "ties": edge_count(network),
    }
    notes = asked if all_sections else {}
    return Analysis(results, seconds, summary, left_out, notes)
