"""Funding links: money reaches partners only through their lead."""

from __future__ import annotations

import json

from uguaglianza.graph import CoordinationGraph, apply_scenario, funding_links


def test_the_money_chain_from_fund_to_partners(full_graph: CoordinationGraph) -> None:
    result = funding_links(full_graph)
    (fund,) = result.funds
    chains = {item.node.id: item for item in fund.reached}
    assert chains["call"].chain == ("fund", "call")
    assert chains["grant"].chain == ("fund", "grant")
    assert chains["org-cm"].chain == ("fund", "grant", "org-cm")
    assert chains["project"].chain == ("fund", "grant", "project")
    assert chains["act-1"].chain == ("fund", "grant", "act-1")
    assert chains["org-a"].chain == ("fund", "grant", "act-1", "org-a")  # lead of act-1
    assert chains["org-a"].lead is None
    assert chains["dist"].lead == "org-cm"
    assert chains["agency"].chain == ("fund", "grant", "project", "dist", "agency")
    assert chains["assoc"].chain == ("fund", "grant", "act-1", "assoc")  # partner of the action
    assert result.linked("fund", "agency")
    assert not result.linked("fund", "com-a")
    assert result.reached("no-fund") == frozenset()
    assert "(through lead org-cm)" in str(chains["dist"])
    json.dumps(result.to_dict())


def test_without_its_lead_a_project_passes_nothing_to_partners(
    full_graph: CoordinationGraph,
) -> None:
    graph = apply_scenario(full_graph, remove_nodes=["org-cm"])
    reached = funding_links(graph).reached("fund")
    assert "project" in reached  # the grant still names it
    assert not {"dist", "agency"} & reached
    assert "org-a" in reached  # still the lead of act-1, which the grant funds
