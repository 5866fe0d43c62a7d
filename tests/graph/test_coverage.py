"""Territorial coverage: who reaches each comune and district, and how."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from uguaglianza.graph import CoordinationGraph, as_of, coverage


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
