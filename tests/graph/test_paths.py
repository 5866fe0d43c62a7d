"""Case paths from desks to legal advice and anti-violence centres."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import uguaglianza
from uguaglianza.graph import CoordinationGraph, analyse, as_of, case_paths, coordination_graph
from uguaglianza.graph.analysis.text import render


def test_a_referral_relation_is_followed_first(full_graph: CoordinationGraph) -> None:
    result = case_paths(as_of(full_graph, dt.date(2024, 1, 1)))
    (to_cav,) = [p for p in result.from_desk("desk") if p.target_kind == "anti_violence_centre"]
    assert to_cav.path == ("desk", "cav")
    assert to_cav.referral
    assert to_cav.via == ()


def test_without_referral_the_shortest_tie_path_prefers_a_body(
    full_graph: CoordinationGraph,
) -> None:
    result = case_paths(as_of(full_graph, dt.date(2022, 1, 1)))  # the referral starts in 2023
    paths = {p.target_kind: p for p in result.from_desk("desk")}
    assert paths["anti_violence_centre"].path == ("desk", "assoc", "cav")
    assert not paths["anti_violence_centre"].referral
    assert paths["legal_advice"].path == ("desk", "network", "legal")
    assert [ref.id for ref in paths["legal_advice"].via] == ["network"]
    assert str(paths["legal_advice"]) == "desk → network → legal"


def test_paths_never_cross_territories(full_graph: CoordinationGraph) -> None:
    graph = full_graph.copy()
    graph.remove_node("network")
    result = case_paths(graph)
    paths = {p.target_kind: p for p in result.from_desk("desk")}
    # desk and legal share no tie but their region: no path.
    assert "legal_advice" not in paths
    assert [(ref.id, kind) for ref, kind in result.unreachable] == [("desk", "legal_advice")]
    for path in result.paths:
        assert all(graph.nodes[node]["kind"] != "territory" for node in path.path)


def test_desk_and_target_kinds_can_be_chosen(full_graph: CoordinationGraph) -> None:
    result = case_paths(
        full_graph, desk_kinds=["legal_advice"], target_kinds=["anti_violence_centre"]
    )
    (path,) = result.paths
    assert path.desk.id == "legal" and path.target.id == "cav"
    data = json.loads(json.dumps(result.to_dict()))
    assert data["desk_kinds"] == ["legal_advice"]
    assert "legal" in repr(result)


def test_a_desk_offering_the_target_reaches_it_itself(
    full_data: Callable[[], dict[str, Any]],
) -> None:
    data = full_data()
    data["services"][0]["offers"] = ["legal_advice"]
    graph = coordination_graph(uguaglianza.from_data(data))
    paths = {p.target_kind: p for p in case_paths(graph).from_desk("desk")}
    assert paths["legal_advice"].path == ("desk",)
    assert paths["legal_advice"].itself and not paths["legal_advice"].referral
    assert paths["legal_advice"].target.id == "desk"
    assert not paths["anti_violence_centre"].itself


def test_kinds_are_read_by_their_meaning(full_data: Callable[[], dict[str, Any]]) -> None:
    data = full_data()
    data["services"][0]["kind"] = "territorial_node"  # narrower than anti_discrimination_desk
    data["services"][2]["kind"] = "centro_antiviolenza"  # narrower than anti_violence_centre
    graph = coordination_graph(uguaglianza.from_data(data))
    result = case_paths(as_of(graph, dt.date(2024, 1, 1)))
    (to_cav,) = [p for p in result.from_desk("desk") if p.target_kind == "anti_violence_centre"]
    assert to_cav.path == ("desk", "cav") and to_cav.referral


def test_kinds_the_network_lacks_give_no_no_path_lines(full_graph: CoordinationGraph) -> None:
    result = case_paths(full_graph, target_kinds=["legal_advice", "shelter", "helpline"])
    assert result.absent_target_kinds == ("shelter", "helpline")
    assert result.unreachable == ()
    assert result.meaningful
    assert "no target of kind shelter, helpline)" in repr(result)
    nothing = case_paths(full_graph, desk_kinds=["helpline"])
    assert nothing.paths == () and nothing.unreachable == ()
    assert nothing.absent_desk_kinds == ("helpline",) and not nothing.meaningful
    shown = analyse(full_graph, sections=["paths"], desk_kinds=["helpline"], all_sections=True)
    assert "no service of kind Helpline (helpline) in the network: no path from it" in (
        shown.to_text()
    )
    assert "nessun percorso da esso" in shown.to_text(lang="it")
    data = json.loads(json.dumps(result.to_dict()))
    assert data["absent_target_kinds"] == ["shelter", "helpline"]


def _closing_centre(full_data: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The centre closes in 2024; legal advice is reached only through its referrals."""
    data = full_data()
    data["services"][2]["statuses"] = [{"status": "closed", "period": {"start": "2024"}}]
    data["services"][1].pop("networks")
    data["services"].append(
        {
            "id": "cav-2",
            "kind": "anti_violence_centre",
            "name": "Centro due",
            "networks": [{"network": "network"}],
        }
    )
    data["relations"].append({"kind": "refers_cases_to", "subject": "cav", "target": "legal"})
    return data


def test_a_closed_centre_is_neither_target_nor_step(
    full_data: Callable[[], dict[str, Any]],
) -> None:
    graph = coordination_graph(uguaglianza.from_data(_closing_centre(full_data)))
    open_then = {p.target_kind: p for p in case_paths(graph, as_of=dt.date(2023, 6, 1)).paths}
    assert open_then["anti_violence_centre"].path == ("desk", "cav")
    assert open_then["legal_advice"].path == ("desk", "cav", "legal")
    result = case_paths(graph, as_of=dt.date(2025, 1, 1))
    paths = {p.target_kind: p for p in result.from_desk("desk")}
    # The next open centre is reached; legal advice was only reachable through the closed one.
    assert paths["anti_violence_centre"].path == ("desk", "network", "cav-2")
    assert "legal_advice" not in paths
    assert [(ref.id, kind) for ref, kind in result.unreachable] == [("desk", "legal_advice")]
    assert [ref.id for ref in result.not_operating] == ["cav"]
    assert result.as_of == "2025-01-01" and result.idle_target_kinds == ()
    # A graph built on the date is read on that date, as coverage reads it.
    on_the_day = case_paths(as_of(graph, dt.date(2025, 1, 1)))
    assert on_the_day.paths == result.paths and on_the_day.as_of == "2025-01-01"
    # With no date, statuses are not read, as in coverage.
    undated = {p.target_kind: p.path for p in case_paths(graph).paths}
    assert undated["legal_advice"] == ("desk", "cav", "legal")


def test_a_closed_desk_starts_no_path(full_data: Callable[[], dict[str, Any]]) -> None:
    data = full_data()
    data["services"][0]["statuses"] = [{"status": "suspended", "period": {"start": "2024"}}]
    graph = coordination_graph(uguaglianza.from_data(data))
    result = case_paths(graph, as_of=dt.date(2025, 1, 1))
    assert result.paths == () and result.unreachable == () and result.desks == ()
    assert [ref.id for ref in case_paths(graph, as_of=dt.date(2023, 6, 1)).desks] == ["desk"]


def test_when_the_only_target_is_suspended_the_pair_has_no_path_and_says_why(
    full_data: Callable[[], dict[str, Any]],
) -> None:
    data = full_data()
    data["services"][1]["statuses"] = [{"status": "suspended", "period": {"start": "2024-03"}}]
    graph = coordination_graph(uguaglianza.from_data(data))
    day = dt.date(2024, 6, 1)
    result = case_paths(graph, target_kinds=["legal_advice"], as_of=day)
    assert result.paths == ()
    assert [(ref.id, kind) for ref, kind in result.unreachable] == [("desk", "legal_advice")]
    assert result.absent_target_kinds == ()  # the network has one, not operating on the day
    assert result.idle_target_kinds == ("legal_advice",)
    assert "no target of kind legal_advice operating on 2024-06-01" in repr(result)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["idle_target_kinds"] == ["legal_advice"]
    assert data["not_operating"][0]["id"] == "legal"
    # analyse, as the command line runs it, reads the date it analyses as of.
    analysis = analyse(graph, sections=["paths"], target_kinds=["legal_advice"], as_of=day)
    assert analysis.results["paths"].idle_target_kinds == ("legal_advice",)
    text = "\n".join(render(analysis, 10, "en"))
    assert "no service of kind" in text and "operating on 2024-06-01: no path to it" in text
    assert case_paths(graph, target_kinds=["legal_advice"]).paths != ()  # no date: operating


def _ombudsman_and_shelter(full_data: Callable[[], dict[str, Any]]) -> CoordinationGraph:
    """The desk is an ombudsman and the centre a shelter: neither of the default kinds."""
    data = full_data()
    data["services"][0]["kind"] = "ombudsman"  # anti_discrimination_service, no broader code
    data["services"][2]["kind"] = "shelter"  # anti_violence_service, no broader code
    return as_of(coordination_graph(uguaglianza.from_data(data)), dt.date(2024, 1, 1))


def test_a_category_is_a_desk_and_a_target_kind_when_asked_for(
    full_data: Callable[[], dict[str, Any]],
) -> None:
    graph = _ombudsman_and_shelter(full_data)
    result = case_paths(
        graph,
        desk_kinds=["anti_discrimination_service"],
        target_kinds=["anti_violence_service", "anti_violence_centre"],
    )
    assert [ref.id for ref in result.desks] == ["desk"]
    (path,) = result.paths
    assert path.target_kind == "anti_violence_service"
    assert path.path == ("desk", "cav") and path.referral
    # The category changes nothing of what a kind counts: a shelter is no centre.
    assert result.absent_target_kinds == ("anti_violence_centre",)
    assert result.absent_desk_kinds == () and result.unreachable == ()
    data = json.loads(json.dumps(result.to_dict()))
    assert data["paths"][0]["target_kind"] == "anti_violence_service"
    # Not asked for, a category is no kind: the ombudsman is no desk of the default kinds.
    default = case_paths(graph)
    assert default.desks == () and not default.meaningful


def test_a_desk_of_a_category_reaches_it_itself(
    full_data: Callable[[], dict[str, Any]],
) -> None:
    graph = _ombudsman_and_shelter(full_data)
    result = case_paths(
        graph, desk_kinds=["ombudsman"], target_kinds=["anti_discrimination_service"]
    )
    (path,) = result.paths
    assert path.itself and path.target.id == "desk"


def test_an_unknown_kind_is_absent_beside_a_category(
    full_data: Callable[[], dict[str, Any]],
) -> None:
    graph = _ombudsman_and_shelter(full_data)
    result = case_paths(
        graph, desk_kinds=["anti_discrimination_service"], target_kinds=["no_such_kind"]
    )
    assert result.absent_target_kinds == ("no_such_kind",)
    assert result.paths == () and result.unreachable == ()
    nowhere = case_paths(graph, desk_kinds=["no_such_kind"], target_kinds=["shelter"])
    assert nowhere.absent_desk_kinds == ("no_such_kind",) and nowhere.desks == ()


def test_when_every_desk_of_a_kind_is_suspended_the_paths_say_why(
    full_data: Callable[[], dict[str, Any]],
) -> None:
    data = full_data()
    data["services"][0]["statuses"] = [{"status": "suspended", "period": {"start": "2024"}}]
    graph = coordination_graph(uguaglianza.from_data(data))
    day = dt.date(2025, 1, 1)
    result = case_paths(graph, as_of=day)
    assert result.desks == () and result.paths == ()
    assert result.absent_desk_kinds == ("reporting_platform", "helpline")  # none in the graph
    assert result.idle_desk_kinds == ("anti_discrimination_desk",)  # one, not operating
    assert result.idle_target_kinds == ()
    assert "no desk of kind anti_discrimination_desk operating on 2025-01-01" in repr(result)
    assert json.loads(json.dumps(result.to_dict()))["idle_desk_kinds"] == [
        "anti_discrimination_desk"
    ]
    # Operating on an earlier date, or with no date, the desk is idle on no day.
    assert case_paths(graph, as_of=dt.date(2023, 6, 1)).idle_desk_kinds == ()
    assert case_paths(graph).idle_desk_kinds == ()
    analysis = analyse(graph, sections=["paths"], as_of=day)
    english = "\n".join(render(analysis, 10, "en"))
    assert "operating on 2025-01-01: no path from it" in english
    assert "(anti_discrimination_desk) operating" in english
    italian = "\n".join(render(analysis, 10, "it"))
    assert "operativo il 2025-01-01: nessun percorso da esso" in italian
