"""The five example systems, as graphs: what each tells a policy analyst."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import networkx as nx
import pytest

from uguaglianza.graph import (
    case_paths,
    changes_between,
    coordination_graph,
    coverage,
    failure_points,
    funding_links,
    hubs,
    isolated,
    what_if,
    with_kinds,
)
from uguaglianza.model import Landscape, PlanDocument

Load = Callable[[str], PlanDocument | Landscape]


# Bologna's equality plan: 55 comuni, 7 districts, the CTSSM.


def test_bologna_every_comune_reaches_the_ctssm_through_its_district(example: Load) -> None:
    graph = coordination_graph(example("bologna-piano-uguaglianza"))
    district_of = {
        u: v
        for u, v, data in graph.edges(data=True)
        if data["kind"] == "part_of" and data.get("link_kind") == "socio_health_district"
    }
    result = coverage(graph)
    comuni = [item for item in result if item.territory.id.startswith("comune-")]
    assert len(comuni) == 55
    assert len(set(district_of.values())) == 7
    for item in comuni:
        district = district_of[item.territory.id]
        routes = {(r.by.id, r.via, r.how, r.through) for r in item.bodies}
        assert ("ctssm-bologna", district, "member", district) in routes, item
    assert result.unreached == ()


def test_bologna_comuni_formed_later_appear_on_their_date(example: Load) -> None:
    doc = example("bologna-piano-uguaglianza")

    def comuni_on(day: dt.date) -> int:
        graph = coordination_graph(doc, as_of=day)
        return len(coverage(graph, territory_kinds=("comune",)))

    assert comuni_on(dt.date(2013, 6, 1)) == 53  # before Valsamoggia and Alto Reno Terme
    assert comuni_on(dt.date(2015, 1, 1)) == 54
    assert comuni_on(dt.date(2022, 5, 10)) == 55


def test_bologna_the_signatory_holds_the_office_that_chairs_the_ctssm(example: Load) -> None:
    graph = coordination_graph(example("bologna-piano-uguaglianza"))
    (chair,) = [u for u, _, k in graph.in_edges("ctssm-bologna", keys=True) if k == "chairs"]
    assert graph.has_edge("matteo-lepore", chair, "holds")
    assert graph.has_edge("matteo-lepore", "post-sindaco-metropolitano", "holds")
    assert graph.has_edge("matteo-lepore", "lettera-prot-28440-2022", "signs")
    assert graph.has_edge("ctssm-bologna", "piano-uguaglianza-bologna", "discusses")


def test_bologna_adoption_appears_between_june_and_august_2022(example: Load) -> None:
    graph = coordination_graph(example("bologna-piano-uguaglianza"))
    result = changes_between(graph, dt.date(2022, 6, 1), dt.date(2022, 8, 1))
    adopted = {(e.source, e.kind) for e in result.added_edges if e.target.startswith("piano")}
    assert ("consiglio-metropolitano-bologna", "adopts") in adopted
    assert ("lettera-prot-28440-2022", "adopts") in adopted  # announced for July


def test_bologna_foreseen_machinery_hangs_on_the_metropolitan_territory(example: Load) -> None:
    graph = coordination_graph(example("bologna-piano-uguaglianza"))
    point = failure_points(graph).point("cm-bologna")
    assert point is not None
    assert {"tavoli-tematici", "assemblea-uguaglianza"} <= set(point.separated)


# Bologna's coordination table and its nine macro-actions.


def test_bologna_table_is_the_hub_and_broker_of_its_macro_actions(example: Load) -> None:
    graph = coordination_graph(example("bologna-tavolo-coordinamento"))
    result = hubs(graph, top=1)
    assert result.degree[0].node.id == "tavolo-coordinamento-metropolitano"
    assert result.betweenness[0].node.id == "tavolo-coordinamento-metropolitano"
    point = failure_points(graph).point("tavolo-coordinamento-metropolitano")
    assert point is not None and "org-tribunale" in point.separated


def test_bologna_table_without_the_consigliera_leaves_her_isolated(example: Load) -> None:
    graph = coordination_graph(example("bologna-tavolo-coordinamento"))
    result = what_if(graph, remove_nodes=["post-consigliera-delegata-po"])
    change = result.change_of("isolated")
    assert change is not None and change.gained == ("elisabetta-scalambra",)


def test_bologna_table_reaches_the_comuni_it_coordinates(example: Load) -> None:
    graph = coordination_graph(example("bologna-tavolo-coordinamento"))
    (city,) = coverage(graph, territory_kinds=("metropolitan_city",))
    hows = {r.how for r in city.bodies if r.by.id == "tavolo-coordinamento-metropolitano"}
    assert {"territory", "chair", "member", "coordinates"} <= hows


# Milan's REACTION: a lead, partners acting through special agencies, FAMI money.

LEAD, PROJECT, FUND = "org-cm-milano", "reaction", "fami-2021-2027"


def test_reaction_lead_and_each_partner_are_connected_through_the_project(example: Load) -> None:
    graph = coordination_graph(example("milano-reaction"))
    partners = {
        u for u, _, data in graph.in_edges(PROJECT, data=True) if data["kind"] == "partner_of"
    }
    assert partners == {"org-comune-milano", "ambito-sud-est-milano", "ambito-alto-milanese"}
    roles = with_kinds(graph, {"lead_of", "partner_of"}).to_undirected()
    for partner in partners:
        assert nx.shortest_path(roles, LEAD, partner) == [LEAD, PROJECT, partner]
    agencies = {
        u for u, v, data in graph.edges(data=True) if data["origin"] == "project.partners.through"
    }
    assert agencies == {
        "org-direzione-welfare-salute",
        "org-assemi",
        "org-sole",
        "org-azienda-sociale-castano",
    }


def test_reaction_without_its_lead_partners_keep_their_link_to_the_fund(example: Load) -> None:
    graph = coordination_graph(example("milano-reaction"))
    partners = {"org-comune-milano", "ambito-sud-est-milano", "ambito-alto-milanese"}
    agencies = {"org-assemi", "org-sole", "org-azienda-sociale-castano"}
    before = funding_links(graph).reached(FUND)
    assert partners | agencies | {LEAD, PROJECT} <= before
    result = what_if(graph, remove_nodes=[LEAD])
    change = result.change_of(f"funded[{FUND}]")
    assert change is not None
    # Only the lead goes: the partners hang on the project, not on the lead.
    assert set(change.lost) == {LEAD}
    after = set(result.after[f"funded[{FUND}]"])
    assert partners | agencies | {PROJECT} <= after  # the grant still names the project


# Piedmont: UNAR's call under FAMI, desks, legal advice, a reporting platform.


def test_piemonte_desks_reach_legal_advice_through_the_network(example: Load) -> None:
    graph = coordination_graph(example("piemonte-fami-unar"))
    result = case_paths(graph)
    legal = {p.desk.id: p for p in result.paths if p.target_kind == "legal_advice"}
    assert set(legal) == {
        "sportelli-antidiscriminazione",
        "piattaforma-piemontecontrolediscriminazioni",
    }
    for path in legal.values():
        assert [ref.id for ref in path.via] == ["rete-antidiscriminazione-piemonte"]
        assert path.target.id == "consulenza-legale"
    # No anti-violence centre in the source: the kind is absent, with no "no path" pairs.
    assert result.absent_target_kinds == ("anti_violence_centre",)
    assert result.unreachable == ()


def test_piemonte_fami_money_reaches_the_region_and_every_action(example: Load) -> None:
    doc = example("piemonte-fami-unar")
    graph = coordination_graph(doc)
    reached = funding_links(graph).reached("fami-2021-2027")
    assert {"org-regione-piemonte", "progetto-reti-antidiscriminazione-piemonte"} <= reached
    assert {action.id for action in doc.plans_list()[0].actions} <= reached
    assert graph.nodes["finanziamento-progetto-piemonte"]["amount"] == "600000"
    (region,) = coverage(graph, territory_kinds=("region",))
    assert set(region.service_ids()) == {service.id for service in doc.services}
    assert "tavolo-lavoro-esigenze-territoriali" in region.body_ids()


# A Province's objectives: an Assessorato coordinating everyone, conditional initiatives.


def test_provincia_assessorato_holds_the_network_together(example: Load) -> None:
    graph = coordination_graph(example("provincia-immigrazione-inclusione"))
    top = [item.node.id for item in hubs(graph, top=2).degree]
    assert "org-assessorato" in top
    coordinated = {v for u, v, data in graph.edges(data=True) if data["kind"] == "coordinates"}
    assert {"org-istituzioni-comunali", "org-asl", "org-terzo-settore"} <= coordinated
    weak = {tie.node.id: tie.neighbour.id for tie in isolated(graph).weakly_tied}
    assert weak["org-caritas"] == "ob-2-last-minute-marketing"
    result = what_if(graph, remove_nodes=["org-assessorato"])
    bridges = result.change_of("bridges")
    assert bridges is not None and bridges.after > bridges.before


@pytest.mark.parametrize("action", ["ob-5-iniziative-valore-sociale"])
def test_provincia_conditional_initiatives_are_marked(example: Load, action: str) -> None:
    graph = coordination_graph(example("provincia-immigrazione-inclusione"))
    assert graph.nodes[action]["conditional"] is True
    assert sum(1 for _, data in graph.nodes(data=True) if data.get("conditional")) == 1
