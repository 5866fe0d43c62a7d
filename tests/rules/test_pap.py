"""UG6xx: positive-action plans last three years and record two opinions."""

from __future__ import annotations

import pytest

from uguaglianza.rules.pap import RULES

TRIGGERS = [
    pytest.param(
        [("plan.period", {"start": "2024", "end": "2025"})], ["UG601"], id="UG601-two-years"
    ),
    pytest.param([("plan.period", {"start": "2024"})], ["UG601"], id="UG601-open"),
    pytest.param([("plan.period", None)], ["UG314", "UG601"], id="UG601-none"),
    pytest.param([("acts[1]", None)], ["UG602"], id="UG602"),
    pytest.param([("acts[1].effects[0].planned", True)], ["UG602"], id="UG602-planned"),
    pytest.param([("relations[1]", None)], ["UG603"], id="UG603"),
]

NEAR_MISSES = [
    pytest.param(
        [
            ("plan.period", {"start": "2024-03-01", "end": "2027-02-28"}),
            ("plan.actions[0].period", {"start": "2024-06", "end": "2025"}),
        ],
        "UG601",
        id="UG601-three-years-from-march",
    ),
    pytest.param(
        [
            ("acts[1]", None),
            ("relations[+]", {"kind": "gives_opinion_on", "subject": "org-cug", "target": "piano"}),
        ],
        "UG602",
        id="UG602-by-relation",
    ),
    pytest.param(
        [
            ("acts[1].issuer", "post-presidente-cug"),
            (
                "posts[+]",
                {
                    "id": "post-presidente-cug",
                    "kind": "presidente",
                    "name": "Presidente CUG",
                    "organisation": "org-cug",
                },
            ),
        ],
        "UG602",
        id="UG602-post-of-cug",
    ),
    pytest.param(
        [("relations[1]", None), ("acts[1].signatories", ["p2"])],
        "UG603",
        id="UG603-holder-signs",
    ),
    pytest.param(
        [
            ("relations[1]", None),
            (
                "organisations[+]",
                {"id": "org-consigliera", "kind": "equality_adviser", "name": "Ufficio"},
            ),
            (
                "relations[+]",
                {"kind": "gives_opinion_on", "subject": "org-consigliera", "target": "piano"},
            ),
        ],
        "UG603",
        id="UG603-adviser-office",
    ),
]


@pytest.mark.parametrize(("edits", "expected"), TRIGGERS)
def test_rule_triggers(make, run, edits, expected):
    assert run(make(edits, kind="pap")).codes() == expected


@pytest.mark.parametrize(("edits", "code"), NEAR_MISSES)
def test_rule_does_not_trigger(make, run, edits, code):
    assert code not in run(make(edits, kind="pap")).codes()


def test_duration_found_is_reported(make, run):
    (finding,) = run(make([("plan.period", {"start": "2024", "end": "2025"})], kind="pap")).findings
    assert finding.message.it == "un PAP è triennale; qui: circa 24 mesi"
    assert finding.value == "'2024..2025'"


def test_piao_is_checked_as_a_pap(make, run):
    assert run(make([("plan.kind", "piao"), ("acts[1]", None)], kind="pap")).codes() == ["UG602"]


def test_every_rule_is_tested():
    assert {rule.code for rule in RULES} <= {c for p in TRIGGERS for c in p.values[1]}
