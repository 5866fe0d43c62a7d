"""Funding flows: money follows who actually pays, and partners are linked through the project."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import networkx as nx
from networkx.classes.reportviews import InMultiEdgeView, OutMultiEdgeView

import uguaglianza
from uguaglianza.graph import CoordinationGraph, apply_scenario, coordination_graph, funding_links


def test_the_money_chain_from_fund_to_partners(full_graph: CoordinationGraph) -> None:
    result = funding_links(full_graph)
    fund = result.funds[0]
    assert (fund.fund.id, fund.payer_kind) == ("fund", "fund")
    chains = {item.node.id: item for item in fund.reached}
    assert chains["call"].chain == ("fund", "call")
    assert chains["grant"].chain == ("fund", "grant")
    assert (chains["org-cm"].chain, chains["org-cm"].how) == (
        ("fund", "grant", "org-cm"),
        "awarded_to",
    )
    assert chains["project"].chain == ("fund", "grant", "project")
    assert chains["act-1"].chain == ("fund", "grant", "act-1")
    assert (chains["org-a"].chain, chains["org-a"].how) == (
        ("fund", "grant", "act-1", "org-a"),
        "lead",
    )
    # Partners hang on the project itself, not on its lead.
    assert (chains["dist"].chain, chains["dist"].how) == (
        ("fund", "grant", "project", "dist"),
        "partner",
    )
    assert chains["agency"].chain == ("fund", "grant", "project", "dist", "agency")
    assert chains["agency"].how == "through"
    assert chains["assoc"].chain == ("fund", "grant", "act-1", "assoc")
    # The Città metropolitana's own transfer to the anti-violence centre is not the fund's.
    assert "cav" not in chains
    assert result.linked("fund", "agency")
    assert not result.linked("fund", "com-a")
    assert result.reached("no-fund") == frozenset()
    assert str(chains["dist"]) == "fund → grant → project → dist (partner)"
    data = json.loads(json.dumps(result.to_dict()))
    assert data["funds"][0]["reached"][0]["how"] == "funds"


def test_co_financers_and_transfer_payers_are_payers_too(full_graph: CoordinationGraph) -> None:
    result = funding_links(full_graph)
    assert [(item.fund.id, item.payer_kind) for item in result.funds] == [
        ("fund", "fund"),
        ("org-cm", "co_financer"),
    ]
    chains = {item.node.id: item for item in result.funds[1].reached}
    assert (chains["grant"].chain, chains["grant"].how) == (("org-cm", "grant"), "co_finances")
    # The transfer: from the Città metropolitana through the agency to the association,
    # then to what it pays for.
    assert chains["agency"].chain == ("org-cm", "agency")
    assert (chains["assoc"].chain, chains["assoc"].how) == (("org-cm", "agency", "assoc"), "pays")
    assert (chains["cav"].chain, chains["cav"].how) == (
        ("org-cm", "agency", "assoc", "cav"),
        "purpose",
    )


def test_a_transfer_out_of_a_grant_continues_the_grant(
    full_data: Callable[[], dict[str, Any]],
) -> None:
    data = full_data()
    data["transfers"] = [
        {
            "id": "share",
            "payer": "org-cm",
            "payee": "assoc",
            "via": ["agency"],
            "grant": "grant",
            "purpose": "desk",
        }
    ]
    data["grants"][0].pop("co_financing")
    graph = coordination_graph(uguaglianza.from_data(data))
    result = funding_links(graph)
    assert [item.fund.id for item in result.funds] == ["fund"]  # no payer of its own
    chains = {item.node.id: item.chain for item in result.funds[0].reached}
    assert chains["assoc"] == ("fund", "grant", "org-cm", "agency", "assoc")
    assert chains["desk"] == ("fund", "grant", "org-cm", "agency", "assoc", "desk")


def test_a_fund_paid_by_a_transfer_reaches_what_the_transfer_is_for(
    full_data: Callable[[], dict[str, Any]],
) -> None:
    data = full_data()
    data["funds"].append({"id": "pool", "kind": "local_budget", "name": "Risorse comuni"})
    data["transfers"].append(
        {"id": "into-pool", "payer": "org-a", "payee": "pool", "purpose": "desk"}
    )
    result = funding_links(coordination_graph(uguaglianza.from_data(data)))
    pool = {
        item.node.id: item for item in next(r for r in result.funds if r.fund.id == "pool").reached
    }
    assert (pool["desk"].chain, pool["desk"].how) == (("pool", "desk"), "purpose")
    # The payer's own flow still runs through the fund to the purpose.
    payer = next(r for r in result.funds if r.fund.id == "org-a")
    assert payer.payer_kind == "transfer_payer"
    chains = {item.node.id: item.chain for item in payer.reached}
    assert chains["desk"] == ("org-a", "pool", "desk")
    # Another fund is not credited with what is paid into the pool.
    assert not result.linked("fund", "pool")


def test_the_bologna_agreement_resources_reach_what_the_metropolitan_city_pays_for(
    example: Callable[[str], Any],
) -> None:
    graph = coordination_graph(example("bologna-accordo-antiviolenza"))
    result = funding_links(graph)
    reached = {
        item.node.id: item
        for item in next(r for r in result.funds if r.fund.id == "risorse-accordo").reached
    }
    # Both transfers of the Città metropolitana into the resources name their purpose.
    assert reached["sistema-metropolitano-antiviolenza"].chain == (
        "risorse-accordo",
        "sistema-metropolitano-antiviolenza",
    )
    assert reached["livello-consulenza"].how == "purpose"
    # ...and the listening desks' level is answered for by its partners.
    assert reached["casa-delle-donne"].chain == (
        "risorse-accordo",
        "livello-consulenza",
        "casa-delle-donne",
    )
    assert reached["cm-bologna"].how == "lead"  # it answers for the level as its lead


def test_without_its_lead_the_partners_keep_their_link(full_graph: CoordinationGraph) -> None:
    graph = apply_scenario(full_graph, remove_nodes=["org-cm"])
    reached = funding_links(graph).reached("fund")
    assert "project" in reached  # the grant still names it
    assert {"dist", "agency"} <= reached  # the lead was no single point of failure
    assert "org-a" in reached  # still the lead of act-1, which the grant funds


class _Counting(nx.MultiDiGraph):  # type: ignore[type-arg]
    """A graph that counts how often its edges are read."""

    reads = 0

    @property
    def edges(self) -> Any:
        _Counting.reads += 1
        return OutMultiEdgeView(self)

    @property
    def out_edges(self) -> Any:
        _Counting.reads += 1
        return OutMultiEdgeView(self)

    @property
    def in_edges(self) -> Any:
        _Counting.reads += 1
        return InMultiEdgeView(self)


def test_the_edges_are_read_once_whatever_the_number_of_funds() -> None:
    graph = _Counting()
    graph.add_node("lead", kind="organisation", name="lead")
    for i in range(50):
        graph.add_node(f"f{i}", kind="fund", name=f"f{i}")
        graph.add_node(f"g{i}", kind="grant", name=f"g{i}")
        graph.add_node(f"p{i}", kind="project", name=f"p{i}")
        graph.add_edge(f"f{i}", f"g{i}", "funds", kind="funds")
        graph.add_edge(f"g{i}", f"p{i}", "funds", kind="funds")
        graph.add_edge("lead", f"p{i}", "lead_of", kind="lead_of")
    _Counting.reads = 0
    result = funding_links(graph)
    assert _Counting.reads == 1
    assert len(result.funds) == 50
    for item in result.funds:
        i = item.fund.id[1:]
        assert item.ids() == {f"g{i}", f"p{i}", "lead"}
