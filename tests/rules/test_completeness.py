"""UG3xx: areas with actions, leads, indicators, good practices, owner and period."""

from __future__ import annotations

import pytest

from uguaglianza.rules.completeness import RULES

LED_ACTION = {"id": "x3", "name": "Campagna", "lead": "org-cm"}

TRIGGERS = [
    pytest.param(
        [("plan.areas[+]", {"id": "a2", "name": "Lavoro non pagato"})], ["UG301"], id="UG301"
    ),
    pytest.param([("plan.actions[+]", LED_ACTION)], ["UG303"], id="UG303"),
    pytest.param([("plan.actions[0].lead", None)], ["UG304"], id="UG304"),
    pytest.param([("plan.actions[0].partners", ["org-cm", "org-c1"])], ["UG305"], id="UG305"),
    pytest.param([("plan.actions[0].partners", ["org-c1", "org-c1"])], ["UG306"], id="UG306"),
    pytest.param([("plan.objectives[0].indicators", None)], ["UG307"], id="UG307"),
    pytest.param([("plan.indicators[0].baseline", None)], ["UG308"], id="UG308-baseline"),
    pytest.param([("plan.indicators[0].target.date", None)], ["UG308"], id="UG308-timeline"),
    pytest.param([("plan.indicators[0].sex_disaggregated", False)], ["UG309"], id="UG309"),
    pytest.param([("plan.actions[0].intersectional", True)], ["UG310"], id="UG310"),
    pytest.param([("plan.actions[1].origin", None)], ["UG311"], id="UG311-no-origin"),
    pytest.param([("plan.actions[1].origin", "org-cug")], ["UG311"], id="UG311-not-a-place"),
    pytest.param(
        [
            ("territories[+]", {"id": "c9", "kind": "comune", "name": "Altrove"}),
            ("plan.actions[1].origin", "c9"),
        ],
        ["UG312"],
        id="UG312",
    ),
    pytest.param([("plan.owner", None)], ["UG313"], id="UG313"),
    pytest.param([("plan.period", None)], ["UG314"], id="UG314"),
]

NEAR_MISSES = [
    pytest.param(
        [
            ("plan.areas[+]", {"id": "a2", "name": "Cura"}),
            (
                "plan.objectives[+]",
                {"id": "o2", "name": "O", "areas": ["a2"], "indicators": ["i1"]},
            ),
            ("plan.actions[0].objectives[+]", "o2"),
        ],
        "UG301",
        id="UG301-through-objective",
    ),
    pytest.param(
        [("plan.actions[+]", {**LED_ACTION, "parent": "x1"})], "UG303", id="UG303-inherits-area"
    ),
    pytest.param(
        [
            ("plan.actions[0].areas", None),
            ("plan.actions[0].objectives", None),
            ("plan.actions[1].parent", None),
        ],
        "UG303",
        id="UG303-no-action-placed",
    ),
    pytest.param(
        [("plan.actions[+]", {"id": "x3", "name": "Dettaglio", "parent": "x1"})],
        "UG304",
        id="UG304-inherits-lead",
    ),
    pytest.param(
        [("plan.actions[0].lead", None), ("projects[0].plan", "piano")],
        "UG304",
        id="UG304-project-lead",
    ),
    pytest.param(
        [("plan.kind", "sectoral_objectives"), ("plan.objectives[0].indicators", None)],
        "UG307",
        id="UG307-not-a-formal-plan",
    ),
    pytest.param(
        [
            ("plan.indicators[0].counts_people", False),
            ("plan.indicators[0].sex_disaggregated", False),
        ],
        "UG309",
        id="UG309-not-people",
    ),
    pytest.param(
        [("plan.actions[0].intersectional", True), ("plan.actions[0].grounds", ["sex", "age"])],
        "UG310",
        id="UG310-two-grounds",
    ),
    pytest.param(
        [("plan.actions[1].origin", "org-c1")], "UG311", id="UG311-organisation-of-comune"
    ),
    pytest.param([("plan.actions[1].origin", "d2")], "UG312", id="UG312-district-inside"),
    pytest.param([("plan.kind", "other"), ("plan.period", None)], "UG314", id="UG314-basic"),
]


@pytest.mark.parametrize(("edits", "expected"), TRIGGERS)
def test_rule_triggers(make, run, edits, expected):
    assert run(make(edits)).codes() == expected


@pytest.mark.parametrize(("edits", "code"), NEAR_MISSES)
def test_rule_does_not_trigger(make, run, edits, code):
    assert code not in run(make(edits)).codes()


def _landscape(data):
    """The base document as a landscape with a second plan borrowing the first's parts."""
    data["document"] = "landscape"
    first = data.pop("plan")
    second = {
        "id": "piano-2",
        "kind": "equality_plan",
        "name": "Altro piano",
        "owner": "org-cm",
        "period": {"start": "2022", "end": "2024"},
        "areas": [{"id": "b1", "name": "Area"}],
        "objectives": [{"id": "p1o", "name": "O", "areas": ["b1"], "indicators": ["j1"]}],
        "actions": [
            {
                "id": "y1",
                "name": "Azione",
                "lead": "org-cm",
                "areas": ["b1", "a1"],
                "objectives": ["p1o"],
            }
        ],
        "indicators": [
            {
                "id": "j1",
                "name": "Indicatore",
                "baseline": {"value": "1"},
                "target": {"value": "2", "date": "2024"},
            }
        ],
    }
    data["plans"] = [first, second]
    return data


def test_part_of_another_plan(make, run):
    report = run(_landscape(make()))
    assert report.codes() == ["UG302"]
    (finding,) = report.findings
    assert finding.path == "plans[1].actions[0].areas[1]"
    assert "piano" in finding.message.en


def test_own_parts_in_a_landscape(make, run):
    data = _landscape(make())
    data["plans"][1]["actions"][0]["areas"] = ["b1"]
    assert run(data).codes() == []


def test_missing_indicator_parts_are_listed(make, run):
    report = run(make([("plan.indicators[0].baseline", None), ("plan.indicators[0].target", None)]))
    (finding,) = report.findings
    assert finding.message.it == (
        "all'indicatore manca: valore di partenza (baseline), valore obiettivo (target)"
    )
    assert finding.message.en == "the indicator lacks: baseline, target"


def test_every_rule_is_tested():
    tested = {c for p in TRIGGERS for c in p.values[1]} | {"UG302"}
    assert {rule.code for rule in RULES} <= tested
