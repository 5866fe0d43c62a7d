"""Several analyses at once, sharing one coordination network: what ``analyse`` prints."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

import attrs

from uguaglianza.graph.analysis.centrality import Backend, hubs
from uguaglianza.graph.analysis.coverage import DEFAULT_TERRITORY_KINDS, coverage
from uguaglianza.graph.analysis.funding import funding_links
from uguaglianza.graph.analysis.paths import case_paths
from uguaglianza.graph.analysis.resilience import failure_points
from uguaglianza.graph.analysis.stakeholders import communities, isolated
from uguaglianza.graph.build import CoordinationGraph
from uguaglianza.graph.views import coordination_network

__all__ = ["DEFAULT_SECTIONS", "SECTIONS", "Analysis", "analyse"]

#: Every section :func:`analyse` can compute, in the order it reports them.
SECTIONS = ("coverage", "hubs", "failures", "isolated", "paths", "funding", "communities")
#: The sections computed unless others are asked for.
DEFAULT_SECTIONS = ("coverage", "hubs", "failures", "isolated", "paths", "funding")


@attrs.frozen(slots=True, repr=False)
class Analysis:
    """The results of several analyses of one graph, with the seconds each took."""

    results: Mapping[str, Any]
    seconds: Mapping[str, float]
    graph: Mapping[str, Any]

    def __getitem__(self, section: str) -> Any:
        return self.results[section]

    def __repr__(self) -> str:
        return f"Analysis({', '.join(repr(result) for result in self.results.values())})"

    def to_dict(self) -> dict[str, Any]:
        """Every result as JSON-compatible data, under its section name."""
        return {
            "graph": dict(self.graph),
            **{name: result.to_dict() for name, result in self.results.items()},
            "seconds": {name: round(value, 3) for name, value in self.seconds.items()},
        }


def analyse(
    graph: CoordinationGraph,
    *,
    sections: Iterable[str] = DEFAULT_SECTIONS,
    top: int = 10,
    sample: int | Literal["auto"] | None = "auto",
    seed: int = 0,
    backend: Backend = "auto",
    territory_kinds: Iterable[str] = DEFAULT_TERRITORY_KINDS,
) -> Analysis:
    """Run the analyses named in *sections* (see :data:`SECTIONS`) on *graph*.

    Raises:
        ValueError: a section name is unknown.
    """
    wanted = list(dict.fromkeys(sections))
    unknown = [name for name in wanted if name not in SECTIONS]
    if unknown:
        raise ValueError(f"unknown sections {unknown}; choose among {', '.join(SECTIONS)}")
    started = time.perf_counter()
    network = coordination_network(graph)
    # Brokerage counts coordination ties only, not where organisations lie.
    ties = coordination_network(graph, containment=False) if "hubs" in wanted else network
    seconds = {"network": time.perf_counter() - started}
    run: dict[str, Callable[[], Any]] = {
        "coverage": lambda: coverage(graph, territory_kinds=territory_kinds),
        "hubs": lambda: hubs(
            graph, top=top, sample=sample, seed=seed, backend=backend, network=ties
        ),
        "failures": lambda: failure_points(graph, network=network),
        "isolated": lambda: isolated(graph, network=network),
        "paths": lambda: case_paths(graph, network=network),
        "funding": lambda: funding_links(graph),
        "communities": lambda: communities(graph, seed=seed, network=network, backend=backend),
    }
    results = {}
    for name in (section for section in SECTIONS if section in wanted):
        started = time.perf_counter()
        results[name] = run[name]()
        seconds[name] = time.perf_counter() - started
    summary = {
        "document": graph.graph.get("document"),
        "as_of": graph.graph.get("as_of"),
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "ties": network.number_of_edges(),
    }
    return Analysis(results, seconds, summary)
