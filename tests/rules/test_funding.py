"""UG4xx: projects, grants, calls and funds."""

from __future__ import annotations

import pytest

from uguaglianza.rules.funding import RULES

SECOND_GRANT = {
    "id": "grant-2",
    "name": "Secondo contributo",
    "call": "avviso",
    "recipient": "org-cm",
    "amount": {"amount": "100000", "currency": "EUR"},
}

TRIGGERS = [
    pytest.param([("projects[0].lead", None)], ["UG401"], id="UG401"),
    pytest.param([("projects[0].partners[+]", {"member": "org-cm"})], ["UG402"], id="UG402"),
    pytest.param([("grants[0].project", None)], ["UG403"], id="UG403"),
    pytest.param([("grants[0].call", None)], ["UG404"], id="UG404"),
    pytest.param([("grants[0].amount", None)], ["UG405"], id="UG405"),
    pytest.param([("grants[0].amount.amount", "0")], ["UG406"], id="UG406"),
    pytest.param([("projects[0].period", {"start": "2020", "end": "2021"})], ["UG407"], id="UG407"),
    pytest.param([("grants[+]", SECOND_GRANT)], ["UG408"], id="UG408-sum"),
    pytest.param([("grants[0].amount.amount", "700000")], ["UG408"], id="UG408-one-grant"),
    pytest.param([("grants[0].amount.currency", "USD")], ["UG409"], id="UG409"),
    # The call's budget and the grant under it both exceed the fund (UG414 for the grant).
    pytest.param([("funds[0].budget.amount", "500000")], ["UG410", "UG414"], id="UG410"),
    pytest.param([("grants[0].recipient", "org-c1")], ["UG411"], id="UG411"),
    pytest.param(
        [("funds[+]", {"id": "fse", "name": "FSE+"}), ("grants[0].fund", "fse")],
        ["UG412"],
        id="UG412",
    ),
]

NEAR_MISSES = [
    pytest.param(
        [("grants[0].amount", None), ("grants[0].status", "rejected")], "UG405", id="UG405-rejected"
    ),
    pytest.param(
        [("grants[0].amount.amount", "0"), ("grants[0].status", "withdrawn")],
        "UG406",
        id="UG406-withdrawn",
    ),
    pytest.param(
        [("projects[0].period", {"start": "2021", "end": "2027"})], "UG407", id="UG407-inside"
    ),
    pytest.param(
        [("grants[+]", {**SECOND_GRANT, "status": "rejected"})], "UG408", id="UG408-rejected"
    ),
    pytest.param(
        [("grants[+]", {**SECOND_GRANT, "status": "applied"})], "UG408", id="UG408-application"
    ),
    pytest.param([("grants[0].fund", "fami")], "UG412", id="UG412-same-fund"),
]


@pytest.mark.parametrize(("edits", "expected"), TRIGGERS)
def test_rule_triggers(make, run, edits, expected):
    assert run(make(edits)).codes() == expected


@pytest.mark.parametrize(("edits", "code"), NEAR_MISSES)
def test_rule_does_not_trigger(make, run, edits, code):
    assert code not in run(make(edits)).codes()


def test_budget_message_gives_the_total(make, run):
    (finding,) = run(make([("grants[+]", SECOND_GRANT)])).findings
    assert finding.path == "calls[0].budget"
    assert "700000 EUR" in finding.message.it


def test_every_rule_is_tested():
    assert {rule.code for rule in RULES} <= {c for p in TRIGGERS for c in p.values[1]}
