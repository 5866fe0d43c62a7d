"""Views: by edge kind, around a territory or a node, and the coordination network."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import networkx as nx
import pytest

from uguaglianza.graph import (
    CoordinationGraph,
    as_of,
    coordination_graph,
    coordination_network,
    coordination_networks,
    neighbourhood,
    territories_within,
    territory_subgraph,
    with_kinds,
)
from uguaglianza.model import Landscape, PlanDocument


def test_views_are_independent_copies(full_graph: CoordinationGraph) -> None:
    view = with_kinds(full_graph, {"member_of"})
    view.nodes["table"]["name"] = "changed"
    view.add_edge("table", "reg", "x")
    assert full_graph.nodes["table"]["name"] == "Tavolo"
    assert not full_graph.has_edge("table", "reg")


def test_with_kinds_keeps_keys_and_attributes(full_graph: CoordinationGraph) -> None:
    view = with_kinds(full_graph, {"acts_for"})
    assert set(view["agency"]["dist"]) == {"acts_for", "acts_for#2"}
    assert view.graph["kinds"] == "acts_for"
    assert view.number_of_nodes() == full_graph.number_of_nodes()


def test_as_of_records_the_date(full_graph: CoordinationGraph) -> None:
    view = as_of(full_graph, dt.date(2022, 1, 1))
    assert view.graph["as_of"] == "2022-01-01"
    assert view.graph["document"] == "doc-full"


def test_territories_within_follows_part_of_at_any_depth(full_graph: CoordinationGraph) -> None:
    assert territories_within(full_graph, "cm") == {"cm", "dist", "com-a", "com-b"}
    assert territories_within(full_graph, "com-c") == {"com-c"}


def test_territory_subgraph_holds_what_touches_the_territories(
    full_graph: CoordinationGraph,
) -> None:
    view = territory_subgraph(full_graph, "dist")
    assert {"dist", "com-a", "com-b"} <= set(view)
    assert {"org-a", "assoc", "agency", "table", "desk", "letter", "practice"} <= set(view)
    assert "reg" not in view and "network" not in view
    assert view.has_edge("org-a", "com-a", "serves")
    with pytest.raises(KeyError, match="nowhere"):
        territory_subgraph(full_graph, "nowhere")


def test_neighbourhood_goes_both_ways(full_graph: CoordinationGraph) -> None:
    near = neighbourhood(full_graph, "project")
    assert {"project", "org-cm", "org-a", "dist", "grant", "letter", "desk", "plan"} <= set(near)
    assert "com-a" not in near
    assert "com-a" in neighbourhood(full_graph, "project", radius=2)
    with pytest.raises(KeyError):
        neighbourhood(full_graph, "nobody")


def test_coordination_network_leaves_out_classifying_ties(full_graph: CoordinationGraph) -> None:
    network = coordination_network(full_graph)
    assert "area" not in network
    assert not network.has_edge("act-1", "plan")  # in_plan
    assert not network.has_edge("act-1", "macro")  # details
    assert network.has_edge("org-a", "act-1")  # lead_of
    assert network.has_edge("desk", "cav")
    assert not network.is_directed() and not network.is_multigraph()
    everything = coordination_network(full_graph, exclude=())
    assert everything.has_edge("act-1", "plan")


class _Other(nx.MultiDiGraph):  # type: ignore[type-arg]
    """A graph class of its own, which takes networkx's generic path."""


@pytest.mark.parametrize("containment", [True, False])
@pytest.mark.parametrize(
    "name", ["bologna-accordo-antiviolenza", "milano-reaction", "piemonte-fami-unar"]
)
def test_the_network_is_filled_as_add_edges_from_fills_it(
    example: Callable[[str], PlanDocument | Landscape], name: str, containment: bool
) -> None:
    graph = coordination_graph(example(name))
    graph.add_edge("org-extra", "org-extra", "collaborates_with", kind="collaborates_with")
    fast = coordination_network(graph, containment=containment)
    generic = coordination_network(_Other(graph), containment=containment)
    assert list(fast.nodes) == list(generic.nodes)
    assert list(fast.edges) == list(generic.edges)
    assert {n: list(fast.adj[n]) for n in fast} == {n: list(generic.adj[n]) for n in generic}
    u, v = next(iter(fast.edges))
    assert fast.adj[u][v] is fast.adj[v][u]  # one attribute dict per tie, as networkx keeps


@pytest.mark.parametrize(
    "name", ["bologna-accordo-antiviolenza", "milano-reaction", "piemonte-fami-unar"]
)
def test_both_networks_from_one_pass_are_each_network_alone(
    example: Callable[[str], PlanDocument | Landscape], name: str
) -> None:
    graph = coordination_graph(example(name))
    full, bare = coordination_networks(graph)
    assert full is not None and bare is not None
    for containment, network in ((True, full), (False, bare)):
        alone = coordination_network(graph, containment=containment)
        assert list(network.nodes) == list(alone.nodes)
        assert list(network.edges) == list(alone.edges)
    assert bare.number_of_edges() < full.number_of_edges()
    assert coordination_networks(graph, wanted=(False, True))[0] is None
