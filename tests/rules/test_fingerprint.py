"""Findings' fingerprints: stable across edits elsewhere, distinct by rule, entity and field."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

import uguaglianza
from uguaglianza.rules import Severity, Text
from uguaglianza.rules.fingerprint import anchor, finding_fingerprint, known_findings
from uguaglianza.rules.report import Finding, Report, fingerprint

BOLOGNA = Path(__file__).parents[2] / "examples" / "bologna-piano-uguaglianza.yaml"


def _data() -> dict[str, object]:
    data = yaml.safe_load(BOLOGNA.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _report(data: dict[str, object]) -> Report:
    return uguaglianza.validate(uguaglianza.from_data(data), as_of=None)


def test_removing_an_earlier_entity_keeps_the_other_fingerprints() -> None:
    data = _data()
    before = _report(data)
    bodies = data["bodies"]
    assert isinstance(bodies, list) and bodies[3]["id"] == "tavoli-tematici"
    after = _report({**data, "bodies": bodies[:3] + bodies[4:]})
    # Paths of later bodies shift by one, so comparing paths would see new findings...
    assert "bodies[8].members" in {f.path for f in before.findings}
    assert "bodies[8].members" not in {f.path for f in after.findings}
    # ...but fingerprints only lose the removed body's own finding.
    old = Counter(f.fingerprint for f in before.findings)
    new = Counter(f.fingerprint for f in after.findings)
    assert not new - old
    gone = old - new
    assert sum(gone.values()) == 1
    (lost,) = [f for f in before.findings if f.fingerprint in gone]
    assert lost.path == "bodies[3].members"


def test_every_finding_of_the_example_has_its_own_fingerprint() -> None:
    report = _report(_data())
    assert len(report.findings) > 5
    marks = [f.fingerprint for f in report.findings]
    assert len(set(marks)) == len(marks)
    assert all(len(mark) == 16 and int(mark, 16) >= 0 for mark in marks)


def test_fingerprints_differ_by_rule_entity_and_field() -> None:
    base = fingerprint("UG701", "cabina-di-regia", ("members",))
    assert base == fingerprint("UG701", "cabina-di-regia", ("members",))
    assert base != fingerprint("UG702", "cabina-di-regia", ("members",))
    assert base != fingerprint("UG701", "tavoli-tematici", ("members",))
    assert base != fingerprint("UG701", "cabina-di-regia", ("chair",))
    assert base != fingerprint("UG701", "cabina-di-regia", ("members", 0))
    assert fingerprint("UG1", "a", ("b",)) != fingerprint("UG1", "a/b", ())


def test_anchor_keeps_positions_inside_the_entity_only() -> None:
    doc = uguaglianza.load(BOLOGNA)
    # A meeting is an entity nested in a body: both positions are dropped.
    assert anchor(doc, ("bodies", 0, "meetings", 0, "planned")) == (
        doc.bodies[0].meetings[0].id,
        ("planned",),
    )
    # Milestones have no id: their position inside the plan is kept.
    entity, field = anchor(doc, ("plan", "milestones", 4, "planned"))
    assert entity == doc.plan.id and field == ("milestones", 4, "planned")
    # The document itself is no entity; a location past what exists is kept as written.
    assert anchor(doc, ("schema_version",)) == (doc.id, ("schema_version",))
    assert anchor(doc, ("bodies", 999, "members")) == (doc.id, ("bodies", 999, "members"))
    assert anchor(None, ("bodies", 1)) == (None, ("bodies", 1))


def test_the_engine_uses_the_anchor() -> None:
    doc = uguaglianza.load(BOLOGNA)
    report = uguaglianza.validate(doc)
    for finding in report.findings:
        assert finding.fingerprint == finding_fingerprint(finding.code, doc, finding.loc)


def test_fingerprint_is_in_json_and_sarif() -> None:
    report = uguaglianza.validate(uguaglianza.load(BOLOGNA))
    marks = [f.fingerprint for f in report.findings]
    assert [f["fingerprint"] for f in report.to_dict()["findings"]] == marks
    results = report.to_sarif()["runs"][0]["results"]
    assert [r["partialFingerprints"]["uguaglianza/v1"] for r in results] == marks


def _finding(mark: str) -> Finding:
    text = Text("x", "x")
    return Finding("UG1", Severity.ERROR, text, text, text, fingerprint=mark)


def test_baseline_counts_each_fingerprint() -> None:
    findings = [_finding("a"), _finding("a"), _finding("a"), _finding("b"), _finding("c")]
    baseline = Counter({"a": 2, "c": 1, "z": 4})
    new, known = known_findings(findings, baseline)
    assert [f.fingerprint for f in new] == ["a", "b"]
    assert known == 3
    assert baseline == Counter({"a": 2, "c": 1, "z": 4})


def test_a_finding_without_a_document_hashes_its_location() -> None:
    text = Text("x", "x")
    finding = Finding("UG001", Severity.ERROR, text, text, text, loc=("plan", "lead"))
    assert finding.fingerprint == fingerprint("UG001", None, ("plan", "lead"))
