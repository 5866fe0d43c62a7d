"""The coordination graph: who coordinates with whom, over time, and what breaks if someone leaves.

Build a ``networkx.MultiDiGraph`` from any plan document or landscape, look at it as of a
date or by edge kind, and ask the questions policy analysts ask::

    import uguaglianza
    from uguaglianza.graph import coordination_graph, coverage, failure_points

    doc = uguaglianza.load("examples/bologna-piano-uguaglianza.yaml")
    graph = coordination_graph(doc)
    print(coverage(graph).unreached)        # comuni and districts no body reaches
    print(failure_points(graph))            # single points of failure

networkx is imported by this package (and the graph writers in ``uguaglianza.io.graphs``)
only. See ``docs/graph.md`` for the edge kinds and what every analysis means.
"""

from uguaglianza.graph.analysis import (
    SECTIONS,
    Analysis,
    Bridge,
    CasePath,
    CasePaths,
    Change,
    Communities,
    Community,
    Coverage,
    CutPoint,
    EdgeChange,
    EdgeRef,
    FailurePoints,
    Funded,
    FundingLinks,
    FundReach,
    Hubs,
    Isolation,
    MetricChange,
    Metrics,
    NodeChange,
    NodeRef,
    Ranked,
    Reach,
    TerritoryCoverage,
    WeakTie,
    WhatIf,
    analyse,
    apply_scenario,
    betweenness,
    case_paths,
    change,
    changes_between,
    communities,
    compare_documents,
    coverage,
    failure_points,
    funding_links,
    hubs,
    isolated,
    metrics,
    sample_size,
    what_if,
)
from uguaglianza.graph.build import CoordinationGraph, active_on, coordination_graph
from uguaglianza.graph.kinds import EDGE_KINDS, NODE_KINDS, EdgeKind
from uguaglianza.graph.views import (
    as_of,
    coordination_network,
    coordination_networks,
    neighbourhood,
    territories_within,
    territory_subgraph,
    with_kinds,
)

__all__ = [
    "EDGE_KINDS",
    "NODE_KINDS",
    "SECTIONS",
    "Analysis",
    "Bridge",
    "CasePath",
    "CasePaths",
    "Change",
    "Communities",
    "Community",
    "CoordinationGraph",
    "Coverage",
    "CutPoint",
    "EdgeChange",
    "EdgeKind",
    "EdgeRef",
    "FailurePoints",
    "FundReach",
    "Funded",
    "FundingLinks",
    "Hubs",
    "Isolation",
    "MetricChange",
    "Metrics",
    "NodeChange",
    "NodeRef",
    "Ranked",
    "Reach",
    "TerritoryCoverage",
    "WeakTie",
    "WhatIf",
    "active_on",
    "analyse",
    "apply_scenario",
    "as_of",
    "betweenness",
    "case_paths",
    "change",
    "changes_between",
    "communities",
    "compare_documents",
    "coordination_graph",
    "coordination_network",
    "coordination_networks",
    "coverage",
    "failure_points",
    "funding_links",
    "hubs",
    "isolated",
    "metrics",
    "neighbourhood",
    "sample_size",
    "territories_within",
    "territory_subgraph",
    "what_if",
    "with_kinds",
]
