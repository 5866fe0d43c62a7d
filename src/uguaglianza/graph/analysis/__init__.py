"""Analyses of the coordination graph; every result is a frozen attrs object with ``to_dict``."""

from uguaglianza.graph.analysis._common import NodeRef
from uguaglianza.graph.analysis.centrality import (
    Estimate,
    Hubs,
    Ranked,
    betweenness,
    estimate_betweenness,
    hubs,
    sample_size,
)
from uguaglianza.graph.analysis.change import (
    Change,
    EdgeChange,
    EdgeRef,
    NodeChange,
    change,
    changes_between,
    compare_documents,
)
from uguaglianza.graph.analysis.coverage import Coverage, Reach, TerritoryCoverage, coverage
from uguaglianza.graph.analysis.frameworks import (
    FrameworkCoverage,
    FrameworksReport,
    ItemCoverage,
    PlanFrameworks,
    frameworks,
)
from uguaglianza.graph.analysis.funding import Funded, FundingLinks, FundReach, funding_links
from uguaglianza.graph.analysis.paths import CasePath, CasePaths, case_paths
from uguaglianza.graph.analysis.report import DOCUMENT_SECTIONS, SECTIONS, Analysis, analyse
from uguaglianza.graph.analysis.resilience import Bridge, CutPoint, FailurePoints, failure_points
from uguaglianza.graph.analysis.stakeholders import (
    Communities,
    Community,
    Isolation,
    WeakTie,
    communities,
    isolated,
)
from uguaglianza.graph.analysis.whatif import (
    MetricChange,
    Metrics,
    WhatIf,
    apply_scenario,
    metrics,
    what_if,
)

__all__ = [
    "DOCUMENT_SECTIONS",
    "SECTIONS",
    "Analysis",
    "Bridge",
    "CasePath",
    "CasePaths",
    "Change",
    "Communities",
    "Community",
    "Coverage",
    "CutPoint",
    "EdgeChange",
    "EdgeRef",
    "Estimate",
    "FailurePoints",
    "FrameworkCoverage",
    "FrameworksReport",
    "FundReach",
    "Funded",
    "FundingLinks",
    "Hubs",
    "Isolation",
    "ItemCoverage",
    "MetricChange",
    "Metrics",
    "NodeChange",
    "NodeRef",
    "PlanFrameworks",
    "Ranked",
    "Reach",
    "TerritoryCoverage",
    "WeakTie",
    "WhatIf",
    "analyse",
    "apply_scenario",
    "betweenness",
    "case_paths",
    "change",
    "changes_between",
    "communities",
    "compare_documents",
    "coverage",
    "estimate_betweenness",
    "failure_points",
    "frameworks",
    "funding_links",
    "hubs",
    "isolated",
    "metrics",
    "sample_size",
    "what_if",
]
