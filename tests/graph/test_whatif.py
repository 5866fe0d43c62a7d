"""What-if scenarios: change a copy of the graph and compare every metric."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

import uguaglianza
from uguaglianza.graph import (
    CoordinationGraph,
    apply_scenario,
    coordination_graph,
    metrics,
    what_if,
)


def test_metrics_cover_every_analysis(full_graph: CoordinationGraph) -> None:
    values = metrics(full_graph).values
    for name in (
        "nodes",
        "edges",
        "ties",
        "components",
        "largest_component",
        "unreached",
        "unserved",
        "articulation_points",
        "bridges",
        "isolated",
        "weakly_tied",
        "top_degree",
        "top_betweenness",
        "funded[fund]",
    ):
        assert name in values
    assert values["unreached"] == ("com-c",)
    json.dumps(metrics(full_graph).to_dict())


def test_nothing_changed_means_no_change(full_graph: CoordinationGraph) -> None:
    result = what_if(full_graph)
    assert result.changes == ()
    assert result.scenario == "no change"


def test_removing_a_node_is_compared_metric_by_metric(full_graph: CoordinationGraph) -> None:
    result = what_if(full_graph, remove_nodes=["table", "network"])
    assert result.scenario == "remove nodes table, network"
    nodes = result.change_of("nodes")
    count = full_graph.number_of_nodes()
    assert nodes is not None and (nodes.before, nodes.after) == (count, count - 2)
    unreached = result.change_of("unreached")
    assert unreached is not None and unreached.gained == ("com-a", "dist")
    assert (unreached.before, unreached.after) == (1, 3)
    assert result.change_of("nodes") in result.changes
    assert result.change_of("no-such-metric") is None
    assert "table" in full_graph  # the original is untouched
    data = json.loads(json.dumps(result.to_dict()))
    assert data["scenario"] == "remove nodes table, network"


def test_adding_a_tie_reaches_an_unreached_comune(full_graph: CoordinationGraph) -> None:
    result = what_if(
        full_graph,
        add_nodes=[("org-c", {"name": "Comune di C"})],
        add_edges=[
            ("org-c", "com-c", "serves"),
            ("org-c", "table", "member_of", {"role": "member"}),
        ],
    )
    unreached = result.change_of("unreached")
    assert unreached is not None and unreached.lost == ("com-c",)
    assert "lost com-c" in str(unreached)


def test_apply_scenario_removes_and_adds_edges(full_graph: CoordinationGraph) -> None:
    graph = apply_scenario(
        full_graph,
        remove_edges=[("table", "plan"), ("agency", "dist", "acts_for#2")],
        add_edges=[("agency", "dist", "acts_for")],
    )
    assert not graph.has_edge("table", "plan")
    assert set(graph["agency"]["dist"]) == {"acts_for", "acts_for#2"}
    assert graph["agency"]["dist"]["acts_for#2"]["origin"] == "scenario"
    assert graph["agency"]["dist"]["acts_for#2"]["id"] == "agency|acts_for#2|dist"


@pytest.mark.parametrize(
    "scenario",
    [
        {"remove_nodes": ["nobody"]},
        {"remove_edges": [("table", "reg")]},
        {"remove_edges": [("table", "plan", "x")]},
    ],
)
def test_removing_what_is_not_there_is_an_error(
    full_graph: CoordinationGraph, scenario: dict[str, list[object]]
) -> None:
    with pytest.raises(KeyError):
        apply_scenario(full_graph, **scenario)  # type: ignore[arg-type]


def test_what_if_says_which_territories_lose_which_service(full_graph: CoordinationGraph) -> None:
    result = what_if(full_graph, remove_nodes=["assoc"])
    # The centre was present in com-b through its operator, the association.
    losing = result.territories_losing()
    assert losing["anti_violence_centre"] == ("com-b",)
    assert "anti_discrimination_desk" not in losing  # the desk covers com-b itself
    assert "1 territories lose anti_violence_centre" in repr(result)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["territories_losing"]["anti_violence_centre"] == ["com-b"]


def test_what_if_says_which_case_paths_break(full_graph: CoordinationGraph) -> None:
    before = metrics(full_graph)["case_paths"]
    assert before == ("desk→anti_violence_centre", "desk→legal_advice")
    result = what_if(full_graph, remove_nodes=["network"])
    assert result.broken_paths() == (("desk", "legal_advice"),)
    assert "1 case paths break" in repr(result)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["broken_paths"] == [{"desk": "desk", "target_kind": "legal_advice"}]
    assert what_if(full_graph).broken_paths() == ()


def test_a_removed_desk_takes_its_paths_with_it(full_graph: CoordinationGraph) -> None:
    result = what_if(full_graph, remove_nodes=["desk"])
    lost = result.change_of("case_paths")
    assert lost is not None and len(lost.lost) == 2  # the desk's two paths are gone...
    assert result.broken_paths() == ()  # ...but no desk still there lost its way
    assert result.removed_desks() == ("desk",)
    assert "case paths break" not in repr(result) and "1 desks removed" in repr(result)
    data = json.loads(json.dumps(result.to_dict()))
    assert (data["broken_paths"], data["removed_desks"]) == ([], ["desk"])


def test_a_remaining_desk_losing_its_only_way_is_a_broken_path(
    full_data: Callable[[], dict[str, Any]],
) -> None:
    data = full_data()
    data["services"].append(
        {"id": "line", "kind": "helpline", "name": "Linea", "networks": [{"network": "network"}]}
    )
    graph = coordination_graph(uguaglianza.from_data(data))
    assert "line→legal_advice" in metrics(graph)["case_paths"]
    result = what_if(graph, remove_nodes=["desk", "network"])
    assert ("line", "legal_advice") in result.broken_paths()
    assert all(desk == "line" for desk, _ in result.broken_paths())
    assert result.removed_desks() == ("desk",)


def test_both_sides_look_for_the_same_kinds(full_graph: CoordinationGraph) -> None:
    # Removing the only centre: the kind is gone after, yet every territory lacks it.
    result = what_if(full_graph, remove_nodes=["cav"])
    assert result.territories_losing() == {"anti_violence_centre": ("com-b",)}
    assert result.after["lacking[anti_violence_centre]"] == ("com-a", "com-b", "com-c", "dist")
