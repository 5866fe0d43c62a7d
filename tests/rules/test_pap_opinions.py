"""UG602/UG603 read format 2.0 opinions, bodies of kind ``cug`` and kinds by their meaning."""

from __future__ import annotations

from typing import Any

import pytest

from uguaglianza.model.upgrade import upgrade

from .conftest import apply_edits


def _pap(make: Any, edits: list[tuple[str, Any]]) -> dict[str, Any]:
    data = upgrade(make(kind="pap"))
    data["acts"] = [act for act in data["acts"] if act["id"] != "parere-cug"]
    data["relations"] = [r for r in data["relations"] if r["kind"] != "gives_opinion_on"]
    return apply_edits(data, edits)


def _opinion(by: str, **more: Any) -> dict[str, Any]:
    return {"id": f"parere-{by}", "name": f"Parere di {by}", "by": by, "on": "piano", **more}


def _codes(run: Any, data: dict[str, Any]) -> list[str]:
    return [code for code in run(data).codes() if code in ("UG602", "UG603")]


def test_without_opinions_both_rules_trigger(make, run):
    assert _codes(run, _pap(make, [])) == ["UG602", "UG603"]


def test_opinion_entities_count_as_given(make, run):
    edits = [
        ("opinions", [_opinion("org-cug", outcome="favourable"), _opinion("post-consigliera")]),
    ]
    assert _codes(run, _pap(make, edits)) == []


def test_a_body_of_kind_cug_gives_the_cug_opinion(make, run):
    body = {"id": "cug-body", "name": "Comitato Unico di Garanzia", "kind": "cug"}
    edits = [("bodies[+]", body), ("opinions", [_opinion("cug-body")])]
    assert _codes(run, _pap(make, edits)) == ["UG603"]


def test_a_provincial_adviser_is_an_equality_adviser(make, run):
    edits = [
        ("posts[1].kind", "consigliera_di_parita_provinciale"),
        ("opinions", [_opinion("post-consigliera", outcome="favourable")]),
    ]
    assert _codes(run, _pap(make, edits)) == ["UG602"]


def test_a_declared_kind_under_cug_counts_by_its_meaning(make, run):
    declared = {
        "body_kinds": [{"code": "cug_di_ateneo", "name": "CUG di ateneo", "broader": "cug"}]
    }
    body = {"id": "cug-body", "name": "CUG di ateneo", "kind": "cug_di_ateneo"}
    edits = [("codelists", declared), ("bodies[+]", body), ("opinions", [_opinion("cug-body")])]
    assert _codes(run, _pap(make, edits)) == ["UG603"]


@pytest.mark.parametrize(
    "more",
    [
        pytest.param({"planned": True}, id="planned"),
        pytest.param({"outcome": "not_expressed"}, id="not-expressed"),
    ],
)
def test_an_opinion_not_given_does_not_count(make, run, more):
    edits = [("opinions", [_opinion("org-cug", **more), _opinion("post-consigliera")])]
    assert _codes(run, _pap(make, edits)) == ["UG602"]


def test_an_opinion_by_someone_else_does_not_count(make, run):
    edits = [("opinions", [_opinion("org-c1"), _opinion("post-sindaco")])]
    assert _codes(run, _pap(make, edits)) == ["UG602", "UG603"]
