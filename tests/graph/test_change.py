"""Change between two dates and between two versions of a document."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import uguaglianza
from uguaglianza.graph import CoordinationGraph, change, changes_between, compare_documents
from uguaglianza.graph.analysis.change import EdgeRef

Factory = Callable[[], dict[str, Any]]


def test_the_same_graph_has_no_change(full_graph: CoordinationGraph) -> None:
    result = change(full_graph, full_graph.copy())
    assert result.unchanged
    assert repr(result) == "Change(before → after: nodes +0 -0 ~0; edges +0 -0 ~0)"


def test_changes_between_two_dates(full_graph: CoordinationGraph) -> None:
    result = changes_between(full_graph, dt.date(2015, 1, 1), dt.date(2023, 6, 1))
    assert (result.before, result.after) == ("2015-01-01", "2023-06-01")
    added = {ref.id for ref in result.added_nodes}
    assert {"com-b", "letter", "decision"} <= added
    assert {ref.id for ref in result.removed_nodes} == {"ausl"}
    removed = {(e.source, e.kind, e.target) for e in result.removed_edges}
    assert ("com-a", "part_of", "dist") in removed
    gained = {(e.source, e.kind, e.target) for e in result.added_edges}
    assert ("desk", "refers_cases_to", "cav") in gained
    json.dumps(result.to_dict())


def test_two_versions_of_a_document(full_data: Factory) -> None:
    old = full_data()
    new = full_data()
    new["id"] = "doc-full-v2"
    new["organisations"][1]["name"] = "Comune di A (nuovo nome)"
    new["bodies"][0]["members"][0]["role"] = "observer"
    new["plan"]["actions"][1]["partners"] = ["assoc"]
    new["bodies"][0]["members"].append({"member": "org-a"})
    result = compare_documents(uguaglianza.from_data(old), uguaglianza.from_data(new))
    assert (result.before, result.after) == ("doc-full", "doc-full-v2")
    assert [(c.node.id, c.fields) for c in result.changed_nodes] == [("org-a", ("label", "name"))]
    (role,) = result.changed_edges
    assert (role.after.source, role.after.kind, role.fields) == ("dist", "member_of", ("role",))
    assert result.removed_edges == (EdgeRef("group", "act-1", "partner_of", "action.partners"),)
    assert result.added_edges == (EdgeRef("org-a", "table", "member_of", "body.members"),)
    assert not result.added_nodes and not result.removed_nodes


def test_document_order_does_not_make_changes(full_data: Factory) -> None:
    old = full_data()
    new = full_data()
    new["bodies"][0]["members"].reverse()
    new["relations"].reverse()
    result = compare_documents(uguaglianza.from_data(old), uguaglianza.from_data(new))
    assert result.unchanged
