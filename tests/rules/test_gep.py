"""UG5xx: the Horizon Europe GEP process requirements and recommended areas."""

from __future__ import annotations

import pytest

from uguaglianza.rules.gep import RULES

TRIGGERS = [
    pytest.param([("plan.frameworks", ["he_gep_data_and_monitoring"])], ["UG501"], id="UG501-code"),
    pytest.param(
        [("acts[0].issuer", "org-cm"), ("acts[0].signatories", [])], ["UG501"], id="UG501-signature"
    ),
    pytest.param(
        [("acts[0].url", None), ("sources[0].url", None)], ["UG501"], id="UG501-not-published"
    ),
    pytest.param([("acts[0].effects", [])], ["UG206", "UG501"], id="UG501-no-act"),
    pytest.param(
        [("plan.actions[0].budget", None), ("plan.actions[0].frameworks", ["he_gep_training"])],
        ["UG502"],
        id="UG502",
    ),
    pytest.param([("plan.indicators[0].frequency", "biennial")], ["UG503"], id="UG503"),
    pytest.param(
        [
            ("plan.actions[0].frameworks", ["he_gep_dedicated_resources"]),
            ("plan.frameworks[+]", "he_gep_training"),
        ],
        ["UG504"],
        id="UG504-declared-on-plan-only",
    ),
    pytest.param([("plan.areas[4].reference", None)], ["UG505"], id="UG505"),
]

NEAR_MISSES = [
    pytest.param([("acts[0].signatories", ["p1"])], "UG501", id="UG501-holder-signs"),
    pytest.param([("acts[0].url", None)], "UG501", id="UG501-plan-source-public"),
    pytest.param(
        [("plan.actions[0].budget", None), ("plan.actions[0].lead", "post-consigliera")],
        "UG502",
        id="UG502-dedicated-lead",
    ),
    pytest.param([("plan.indicators[0].frequency", "quarterly")], "UG503", id="UG503-quarterly"),
]


@pytest.mark.parametrize(("edits", "expected"), TRIGGERS)
def test_rule_triggers(make, run, edits, expected):
    assert run(make(edits, kind="gep")).codes() == expected


@pytest.mark.parametrize(("edits", "code"), NEAR_MISSES)
def test_rule_does_not_trigger(make, run, edits, code):
    assert code not in run(make(edits, kind="gep")).codes()


def test_missing_evidence_is_listed(make, run):
    data = make(
        [("plan.frameworks", []), ("acts[0].signatories", []), ("acts[0].issuer", "org-cm")],
        kind="gep",
    )
    (finding,) = [f for f in run(data).findings if f.code == "UG501"]
    assert finding.message.en == (
        "this requirement lacks: the code he_gep_public_document under `frameworks`, "
        "top management's signature on the adopting act"
    )
    assert finding.path == "plan"


def test_gep_rules_need_the_gep_profile(make, run):
    assert run(make()).codes() == []
    forced = run(make(), profile="gep").codes()
    assert forced == ["UG501", "UG502", "UG503", "UG504", *["UG505"] * 5]


def test_recommended_area_names_the_area(make, run):
    (finding,) = run(make([("plan.areas[0].reference", None)], kind="gep")).findings
    assert "Work-life balance" in finding.message.en
    assert finding.value == "'gep_work_life_balance'"


def test_every_rule_is_tested():
    assert {rule.code for rule in RULES} <= {c for p in TRIGGERS for c in p.values[1]}
