"""Territorial coverage: who reaches each comune and district, and how."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest

import uguaglianza
from uguaglianza.graph import CoordinationGraph, as_of, coordination_graph, coverage


def test_every_kind_of_anchor_reaches_down_the_territories(full_graph: CoordinationGraph) -> None:
    result = coverage(full_graph)
    assert [item.territory.id for item in result] == ["dist", "com-a", "com-b", "com-c"]
    com_a = result.get("com-a")
    hows = {(reach.by.id, reach.via, reach.how, reach.through) for reach in com_a.bodies}
    assert ("table", "dist", "member", "dist") in hows  # a district sits at the table
    assert ("table", "cm", "territory", None) in hows  # the table covers the city
    assert ("table", "com-a", "member", "post-assessore") in hows  # sits for Comune di A
    assert ("network", "reg", "territory", None) in hows
    assert com_a.body_ids()[0] == "table"  # nearest anchor first
    com_b = result.get("com-b")
    assert ("group", "com-b", "member", "assoc") in {
        (r.by.id, r.via, r.how, r.through) for r in com_b.bodies
    }
    assert ("table", "com-b", "sub_body", "group") in {
        (r.by.id, r.via, r.how, r.through) for r in com_b.bodies
    }
    assert com_b.service_ids() == ("desk", "cav")


def test_territories_outside_every_anchor_are_unreached(full_graph: CoordinationGraph) -> None:
    result = coverage(full_graph)
    assert [ref.id for ref in result.unreached] == ["com-c"]
    assert [ref.id for ref in result.unserved] == ["dist", "com-a", "com-c"]
    assert not result.get("com-c").reached
    assert result.reach_counts()["table"] == 3
    with pytest.raises(KeyError):
        result.get("reg")


def test_a_service_without_territories_is_anchored_at_its_operator(
    full_graph: CoordinationGraph,
) -> None:
    result = coverage(full_graph, territory_kinds=("comune",))
    com_b = result.get("com-b")
    assert ("cav", "com-b", "operator", "assoc") in {
        (r.by.id, r.via, r.how, r.through) for r in com_b.services
    }


def test_coverage_on_a_date_uses_the_links_valid_then(full_graph: CoordinationGraph) -> None:
    in_2015 = coverage(as_of(full_graph, dt.date(2015, 1, 1)))
    assert "dist" in {reach.via for reach in in_2015.get("com-a").bodies}
    in_2021 = coverage(as_of(full_graph, dt.date(2021, 1, 1)))
    assert "dist" not in {reach.via for reach in in_2021.get("com-a").bodies}


def test_results_read_well_and_convert_to_json(full_graph: CoordinationGraph) -> None:
    result = coverage(full_graph)
    assert repr(result).startswith("Coverage(4 territories (municipality, socio_health_district")
    assert "Comune C [com-c]" in repr(result)
    assert "table" in repr(result.get("com-a"))
    data = json.loads(json.dumps(result.to_dict()))
    assert data["unreached"] == [{"id": "com-c", "name": "Comune C", "kind": "territory"}]
    assert data["territories"][1]["bodies"][0]["by"]["id"] == "table"


def _network(full_data: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The full document with services of several kinds, by their meaning."""
    data = full_data()
    data["codelists"] = {
        "service_kinds": [
            {"code": "casa_segreta", "name": "Casa a indirizzo segreto", "broader": "casa_rifugio"}
        ]
    }
    data["services"] += [
        {
            "id": "refuge",
            "kind": "casa_segreta",  # declared, narrower than casa_rifugio, then shelter
            "name": "Casa segreta",
            "territories": ["com-a"],
            "period": {"start": "2020"},
        },
        {
            "id": "point",
            "kind": "information_point",  # narrower than anti_discrimination_desk
            "name": "Punto informativo",
            "territories": ["com-c"],
            "offers": ["legal_advice"],
        },
    ]
    return data


def test_gaps_by_kind_of_service_read_broader_codes_and_offers(
    full_data: Callable[[], dict[str, Any]],
) -> None:
    graph = coordination_graph(uguaglianza.from_data(_network(full_data)))
    assert graph.nodes["refuge"]["service_broader"] == "casa_rifugio,shelter"
    assert graph.nodes["point"]["service_offers"] == "legal_advice"
    result = coverage(
        graph, service_kinds=["shelter", "anti_discrimination_desk", "legal_advice", "helpline"]
    )
    assert result.service_kinds == (
        "shelter",
        "anti_discrimination_desk",
        "legal_advice",
        "helpline",
    )
    assert result.absent_kinds == ("helpline",)
    gaps = {kind: [ref.id for ref in refs] for kind, refs in result.gaps().items()}
    assert "helpline" not in gaps  # absent from the network: said once, not per comune
    assert gaps["shelter"] == ["dist", "com-b", "com-c"]  # the safe house is in com-a
    assert gaps["anti_discrimination_desk"] == ["dist", "com-a"]
    assert gaps["legal_advice"] == ["dist", "com-a", "com-b"]  # the point offers it in com-c
    assert result.get("com-a").has("shelter")
    (reach,) = [r for r in result.get("com-a").services if r.by.id == "refuge"]
    assert reach.kinds == ("casa_rifugio", "casa_segreta", "shelter")
    data = json.loads(json.dumps(result.to_dict()))
    assert [ref["id"] for ref in data["lacking"]["legal_advice"]] == ["dist", "com-a", "com-b"]
    assert data["absent_kinds"] == ["helpline"]
    assert "no shelter: 3" in repr(result)


def test_a_category_counts_every_kind_in_it_only_when_asked_for(
    full_data: Callable[[], dict[str, Any]],
) -> None:
    graph = coordination_graph(uguaglianza.from_data(_network(full_data)))
    asked = ["anti_violence_service", "shelter", "anti_discrimination_service"]
    result = coverage(graph, service_kinds=asked)
    gaps = {kind: [ref.id for ref in refs] for kind, refs in result.gaps().items()}
    # The centre (com-b, through its operator) and the safe house (com-a) both count.
    assert gaps["anti_violence_service"] == ["dist", "com-c"]
    # The information point in com-c is an anti-discrimination service, as the desk is.
    assert gaps["anti_discrimination_service"] == ["dist", "com-a"]
    # The category changes nothing of what a kind counts: shelters are still shelters.
    assert gaps["shelter"] == ["dist", "com-b", "com-c"]
    (reach,) = [r for r in result.get("com-a").services if r.by.id == "refuge"]
    assert reach.kinds == ("anti_violence_service", "casa_rifugio", "casa_segreta", "shelter")
    # Not asked for, a category is no kind a service provides.
    (plain,) = [r for r in coverage(graph).get("com-a").services if r.by.id == "refuge"]
    assert "anti_violence_service" not in plain.kinds
    assert "anti_violence_service" not in coverage(graph).service_kinds


def test_a_bodys_remit_is_no_local_presence(full_graph: CoordinationGraph) -> None:
    result = coverage(full_graph, service_kinds=["anti_violence_centre"])
    com_a = result.get("com-a")
    assert com_a.reached  # the table's remit includes it...
    assert not com_a.has("anti_violence_centre")  # ...but no centre is there
    assert "com-a" in {ref.id for ref in result.lacking("anti_violence_centre")}
    assert "com-b" not in {ref.id for ref in result.lacking("anti_violence_centre")}


def test_the_default_kinds_are_the_broadest_of_the_services_present(
    full_data: Callable[[], dict[str, Any]],
) -> None:
    graph = coordination_graph(uguaglianza.from_data(_network(full_data)))
    assert coverage(graph).service_kinds == (
        "anti_discrimination_desk",
        "anti_violence_centre",
        "legal_advice",
        "shelter",
    )


def test_coverage_on_a_date_counts_the_operators_of_that_date(
    full_data: Callable[[], dict[str, Any]],
) -> None:
    data = full_data()
    data["services"][2]["operators"] = [
        {"operator": "assoc", "period": {"start": "2018", "end": "2020"}},
        {"operator": "org-a", "period": {"start": "2021"}},
    ]
    graph = coordination_graph(uguaglianza.from_data(data))
    kinds = ["anti_violence_centre"]
    in_2019 = coverage(graph, service_kinds=kinds, as_of=dt.date(2019, 6, 1))
    in_2022 = coverage(graph, service_kinds=kinds, as_of=dt.date(2022, 6, 1))
    assert in_2019.as_of == "2019-06-01"
    assert {ref.id for ref in in_2019.lacking("anti_violence_centre")} == {"dist", "com-a", "com-c"}
    assert {ref.id for ref in in_2022.lacking("anti_violence_centre")} == {"dist", "com-b", "com-c"}


def test_a_suspended_service_is_present_nowhere(
    full_data: Callable[[], dict[str, Any]],
) -> None:
    data = full_data()
    data["services"][2]["statuses"] = [
        {"status": "active", "period": {"start": "2018", "end": "2020"}},
        {"status": "suspended", "period": {"start": "2021"}},
    ]
    graph = coordination_graph(uguaglianza.from_data(data))
    assert graph.nodes["cav"]["statuses"] == "active@2018-01-01/2020-12-31;suspended@2021-01-01/"
    kinds = ["anti_violence_centre"]
    active = coverage(graph, service_kinds=kinds, as_of=dt.date(2019, 6, 1))
    suspended = coverage(graph, service_kinds=kinds, as_of=dt.date(2022, 6, 1))
    assert "com-b" not in {ref.id for ref in active.lacking("anti_violence_centre")}
    assert "com-b" in {ref.id for ref in suspended.lacking("anti_violence_centre")}
    # A graph built on a date is read on that date; with no date, statuses are not read.
    on_the_day = coverage(as_of(graph, dt.date(2022, 6, 1)), service_kinds=kinds)
    assert on_the_day.as_of == "2022-06-01"
    assert on_the_day.lacking("anti_violence_centre") == suspended.lacking("anti_violence_centre")
    assert "com-b" not in {ref.id for ref in coverage(graph).lacking("anti_violence_centre")}
