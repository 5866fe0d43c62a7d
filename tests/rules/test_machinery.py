"""UG7xx: bodies, their members and chairs, services."""

from __future__ import annotations

import pytest

from uguaglianza.rules.machinery import RULES

TRIGGERS = [
    pytest.param([("bodies[0].members", None)], ["UG701"], id="UG701"),
    pytest.param([("bodies[0].chair", "p2")], ["UG702"], id="UG702"),
    pytest.param(
        [("bodies[0].members[+]", {"member": "org-c2", "role": "chair"})], ["UG703"], id="UG703"
    ),
    pytest.param([("services[0].operators", None)], ["UG704"], id="UG704"),
]

NEAR_MISSES = [
    pytest.param([("bodies[0].chair", "p1")], "UG702", id="UG702-holder-of-member-post"),
    pytest.param(
        [
            ("bodies[0].members[0].period", {"end": "2023-05"}),
            (
                "bodies[0].members[+]",
                {"member": "org-c2", "role": "chair", "period": {"start": "2023-06"}},
            ),
        ],
        "UG703",
        id="UG703-successive-chairs",
    ),
]


@pytest.mark.parametrize(("edits", "expected"), TRIGGERS)
def test_rule_triggers(make, run, edits, expected):
    assert run(make(edits)).codes() == expected


@pytest.mark.parametrize(("edits", "code"), NEAR_MISSES)
def test_rule_does_not_trigger(make, run, edits, code):
    assert code not in run(make(edits)).codes()


def test_every_rule_is_tested():
    assert {rule.code for rule in RULES} <= {c for p in TRIGGERS for c in p.values[1]}
