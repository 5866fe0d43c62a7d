"""Analyses read codes by their meaning, and brokerage ignores mere containment."""

from __future__ import annotations

from typing import Any

import uguaglianza
from uguaglianza.graph import coordination_graph
from uguaglianza.graph.analysis import coverage, hubs


def _document(extra: dict[str, Any] | None = None) -> Any:
    data: dict[str, Any] = {
        "document": "plan",
        "schema_version": "2.0",
        "id": "madrid-distritos",
        "language": "es",
        "codelists": {
            "territory_kinds": [
                {"code": "municipio", "name": "Municipio", "broader": "municipality"},
                {"code": "barrio", "name": "Barrio"},
            ]
        },
        "territories": [
            {"id": "es", "kind": "country", "name": "España"},
            {
                "id": "getafe",
                "kind": "municipio",
                "name": "Getafe",
                "part_of": [{"territory": "es"}],
            },
            {
                "id": "centro",
                "kind": "barrio",
                "name": "Centro",
                "part_of": [{"territory": "getafe"}],
            },
        ],
        "organisations": [
            {"id": "ayto", "kind": "comune", "name": "Ayuntamiento", "territory": "getafe"},
            {"id": "asoc", "kind": "association", "name": "Asociación", "territory": "es"},
            {"id": "fund", "kind": "foundation", "name": "Fundación", "territory": "es"},
        ],
        "bodies": [
            {
                "id": "mesa",
                "kind": "coordination_table",
                "name": "Mesa de igualdad",
                "territory": "getafe",
                "members": [{"member": "ayto"}, {"member": "asoc"}],
            }
        ],
        "plan": {
            "id": "plan",
            "kind": "municipal_equality_plan",
            "name": "Plan de igualdad",
            "owner": "ayto",
            "scope": ["getafe"],
        },
        "relations": [{"kind": "collaborates_with", "subject": "asoc", "target": "fund"}],
    }
    data.update(extra or {})
    return uguaglianza.from_data(data)


def test_a_declared_kind_counts_by_its_broader_meaning_in_coverage() -> None:
    graph = coordination_graph(_document())
    assert graph.nodes["getafe"]["territory_broader"] == "municipality"
    assert "territory_broader" not in graph.nodes["centro"]  # no meaning for the analyses
    found = coverage(graph)
    assert [t.territory.id for t in found.territories] == ["getafe"]
    assert {reach.by.id for reach in found.territories[0].bodies} == {"mesa"}


def test_an_italian_comune_still_counts_as_a_municipality() -> None:
    data = {
        "territories": [{"id": "imola", "kind": "comune", "name": "Imola"}],
        "codelists": {},
        "organisations": [],
        "bodies": [],
        "relations": [],
        "plan": {"id": "plan", "kind": "equality_plan", "name": "Piano"},
    }
    graph = coordination_graph(_document(data))
    assert graph.nodes["imola"]["territory_broader"] == "municipality"
    assert [t.territory.id for t in coverage(graph).territories] == ["imola"]


def test_containment_does_not_make_a_country_a_broker() -> None:
    graph = coordination_graph(_document())
    plain = hubs(graph, sample=None, backend="networkx")
    assert "es" not in [ranked.node.id for ranked in plain.betweenness if ranked.value > 0]
    counted = hubs(graph, sample=None, backend="networkx", containment=True)
    brokers = {ranked.node.id: ranked.value for ranked in counted.betweenness}
    assert brokers["es"] > 0  # every organisation lies in it
