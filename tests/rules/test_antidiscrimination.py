"""UG8xx: anti-discrimination programmes name their grounds."""

from __future__ import annotations

import pytest

from uguaglianza.rules.antidiscrimination import RULES

PROGRAMME = ("plan.kind", "anti_discrimination_programme")

TRIGGERS = [
    pytest.param([PROGRAMME, ("plan.actions[0].grounds", None)], ["UG801", "UG801"], id="UG801"),
]

NEAR_MISSES = [
    pytest.param([PROGRAMME], "UG801", id="UG801-inherited-from-macro-action"),
    pytest.param(
        [
            PROGRAMME,
            ("plan.actions[0].grounds", None),
            ("projects[0].plan", "piano"),
            ("projects[0].grounds", ["ethnic_origin"]),
        ],
        "UG801",
        id="UG801-project-grounds",
    ),
    pytest.param([("plan.actions[0].grounds", None)], "UG801", id="UG801-equality-plan"),
]


@pytest.mark.parametrize(("edits", "expected"), TRIGGERS)
def test_rule_triggers(make, run, edits, expected):
    assert run(make(edits)).codes() == expected


@pytest.mark.parametrize(("edits", "code"), NEAR_MISSES)
def test_rule_does_not_trigger(make, run, edits, code):
    assert code not in run(make(edits)).codes()


def test_every_rule_is_tested():
    assert {rule.code for rule in RULES} <= {c for p in TRIGGERS for c in p.values[1]}
