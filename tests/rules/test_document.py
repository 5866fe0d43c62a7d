"""UG0xx: structure, references, identity and relations."""

from __future__ import annotations

import pytest

import uguaglianza
from uguaglianza.model import DeclaredCode
from uguaglianza.rules import report_from_issues
from uguaglianza.rules.document import RULES

TRIGGERS = [
    pytest.param([("plan.actions[0].parent", "x2")], ["UG006"], id="UG006-action-cycle"),
    pytest.param(
        [("territories[3].part_of[+]", {"territory": "c2"})], ["UG006"], id="UG006-territory-cycle"
    ),
    pytest.param(
        [("relations[+]", {"kind": "coordinates", "subject": "tavolo", "target": "tavolo"})],
        ["UG007"],
        id="UG007-self-relation",
    ),
    pytest.param(
        [("relations[+]", {"kind": "coordinates", "subject": "tavolo", "target": "piano"})],
        ["UG008"],
        id="UG008-duplicate-relation",
    ),
    pytest.param(
        [("codelists", {"body_kinds": [{"code": "coordination_table", "name": "Tavolo"}]})],
        ["UG009"],
        id="UG009-shipped-code",
    ),
    pytest.param(
        [("codelists", {"body_kinds": [{"code": "consulta", "name": "C"}] * 2})],
        ["UG009"],
        id="UG009-declared-twice",
    ),
]

NEAR_MISSES = [
    pytest.param(
        [("plan.actions[+]", {"id": "x3", "name": "Figlia", "parent": "x1", "lead": "org-cm"})],
        "UG006",
        id="UG006-parent-chain",
    ),
    pytest.param(
        [
            (
                "relations[+]",
                {
                    "kind": "coordinates",
                    "subject": "tavolo",
                    "target": "piano",
                    "period": {"start": "2023"},
                },
            )
        ],
        "UG008",
        id="UG008-other-period",
    ),
    pytest.param(
        [("codelists", {"body_kinds": [{"code": "consulta", "name": "Consulta"}]})],
        "UG009",
        id="UG009-new-code",
    ),
]


@pytest.mark.parametrize(("edits", "expected"), TRIGGERS)
def test_rule_triggers(make, run, edits, expected):
    assert run(make(edits)).codes() == expected


@pytest.mark.parametrize(("edits", "code"), NEAR_MISSES)
def test_rule_does_not_trigger(make, run, edits, code):
    assert code not in run(make(edits)).codes()


def test_cycle_names_the_loop(make, run):
    (finding,) = run(make([("plan.actions[0].parent", "x2")])).findings
    assert finding.path in ("plan.actions[0].parent", "plan.actions[1].parent")
    assert "x1 → x2 → x1" in finding.message.en or "x2 → x1 → x2" in finding.message.en


def _replace_plan(doc, **changes):
    return doc.model_copy(update={"plan": doc.plan.model_copy(update=changes)})


# Documents assembled in Python skip validation; the engine still finds what the loader would.
UNVALIDATED = [
    pytest.param(lambda doc: _replace_plan(doc, owner="nessuno"), "UG001", id="UG001"),
    pytest.param(
        lambda doc: doc.model_copy(update={"persons": (*doc.persons, doc.persons[0])}),
        "UG002",
        id="UG002",
    ),
    pytest.param(lambda doc: _replace_plan(doc, owner="p1"), "UG003", id="UG003"),
    pytest.param(lambda doc: _replace_plan(doc, kind="piano_fantasia"), "UG004", id="UG004"),
    pytest.param(
        lambda doc: doc.model_copy(
            update={"codelists": {"nessuna_lista": (DeclaredCode(code="x", name="X"),)}}
        ),
        "UG005",
        id="UG005",
    ),
]


@pytest.mark.parametrize(("change", "code"), UNVALIDATED)
def test_unvalidated_documents_are_checked(base, run, change, code):
    doc = uguaglianza.from_data(base)
    assert code not in run(doc).codes()
    report = run(change(doc))
    assert report.codes() == [code]
    assert report.findings[0].path


LOADER = [
    pytest.param([("plan.owner", "nessuno")], "UG001", id="UG001"),
    pytest.param([("persons[+]", {"id": "p1", "name": "Copia"})], "UG002", id="UG002"),
    pytest.param([("plan.owner", "p1")], "UG003", id="UG003"),
    pytest.param([("plan.kind", "piano_fantasia")], "UG004", id="UG004"),
    pytest.param(
        [("codelists", {"nessuna_lista": [{"code": "x", "name": "X"}]})], "UG005", id="UG005"
    ),
    pytest.param([("plan.colour", "blue")], "UG000", id="UG000-extra-field"),
    pytest.param([("plan.name", None)], "UG000", id="UG000-missing-field"),
]


@pytest.mark.parametrize(("edits", "code"), LOADER)
def test_loader_issues_keep_their_codes(make, edits, code):
    with pytest.raises(uguaglianza.DocumentError) as caught:
        uguaglianza.from_data(make(edits))
    report = report_from_issues(caught.value.issues)
    assert report.codes() == [code]
    assert not report.ok
    finding = report.findings[0]
    assert finding.message.it and finding.message.en and finding.hint.it
    assert [rule.code for rule in report.rules] == [code]


def test_loader_detail_is_kept_in_english(make):
    with pytest.raises(uguaglianza.DocumentError) as caught:
        uguaglianza.from_data(make([("plan.owner", "p1")]))
    (finding,) = report_from_issues(caught.value.issues).findings
    assert "person" in finding.message.en
    assert finding.message.it.startswith("il riferimento")


def test_every_rule_is_tested():
    tested = {code for param in TRIGGERS for code in param.values[1]}
    tested |= {param.values[1] for param in UNVALIDATED + LOADER}
    assert {rule.code for rule in RULES} <= tested
