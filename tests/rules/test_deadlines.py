"""UG217-UG219: obligations met or overdue at ``as_of``, and the duties frameworks attach."""

from __future__ import annotations

import datetime

import pytest

from tests.rules.lifecycle_docs import codes, doc, report
from uguaglianza.rules.deadlines import framework_duties

REPORT = {
    "id": "relazione",
    "kind": "monitoring_report",
    "name": "Relazione annuale",
    "date": "2024-01-20",
    "issuer": "comune",
}
OBLIGATION = {
    "id": "obbligo",
    "kind": "report",
    "name": "Relazione sull'attuazione",
    "subject": "piano",
    "due": "2024-01-31",
    "fulfilled_by": ["relazione"],
}
ADHESION = {
    "id": "adesione",
    "kind": "charter_adhesion",
    "name": "Adesione alla Carta europea",
    "date": "2022-01-10",
    "issuer": "giunta",
}
CHARTER_PLAN = ("plan.kind", "charter_action_plan")

OBLIGATIONS = [
    pytest.param([("acts[+]", REPORT), ("obligations", [OBLIGATION])], [], id="met"),
    pytest.param(
        [("obligations", [{**OBLIGATION, "fulfilled_by": []}])],
        [("UG217", True)],
        id="overdue",
    ),
    pytest.param(
        [("acts[+]", {**REPORT, "date": "2024-03"}), ("obligations", [OBLIGATION])],
        [("UG217", True)],
        id="late",
    ),
    pytest.param(
        [("obligations", [{**OBLIGATION, "due": "2024-07-01", "fulfilled_by": []}])],
        [],
        id="not-yet-due",
    ),
    pytest.param(
        [
            ("acts[+]", {**REPORT, "date": "2023-11-27"}),
            ("obligations", [{**OBLIGATION, "due": "2023"}]),
        ],
        [],
        id="due-in-a-year-met-within-it",
    ),
    pytest.param(
        [
            ("acts[+]", {**REPORT, "date": "2024-01"}),
            ("obligations", [{**OBLIGATION, "due": "2023"}]),
        ],
        [("UG217", True)],
        id="due-in-a-year-met-after-it",
    ),
    pytest.param(
        [
            ("acts[+]", {**REPORT, "date": "2023"}),
            (
                "obligations",
                [
                    {
                        **OBLIGATION,
                        "due": None,
                        "arises_from": ["relazione"],
                        "within": "P1Y",
                        "fulfilled_by": [],
                    }
                ],
            ),
        ],
        [("UG217", False)],
        id="within-a-year-of-a-year-not-known",
    ),
    pytest.param(
        [
            (
                "obligations",
                [{**OBLIGATION, "fulfilled_by": [], "absent": {"fulfilled_by": "not_stated"}}],
            )
        ],
        [("UG217", False)],
        id="fulfilment-not-stated",
    ),
    pytest.param(
        [
            ("acts[+]", {**REPORT, "date": "2022-12-15"}),
            (
                "obligations",
                [
                    {
                        **OBLIGATION,
                        "due": None,
                        "every": "annual",
                        "period": {"start": "2022", "end": "2025"},
                    }
                ],
            ),
        ],
        [("UG217", True)],
        id="recurring-second-year-missing",
    ),
    pytest.param(
        [
            ("acts[+]", {**REPORT, "date": "2022-12-15"}),
            ("acts[+]", {**REPORT, "id": "relazione-2023", "date": "2023-12-15"}),
            (
                "obligations",
                [
                    {
                        **OBLIGATION,
                        "due": None,
                        "every": "annual",
                        "period": {"start": "2022", "end": "2025"},
                        "fulfilled_by": ["relazione", "relazione-2023"],
                    }
                ],
            ),
        ],
        [],
        id="recurring-every-year-met",
    ),
]


@pytest.mark.parametrize(("edits", "expected"), OBLIGATIONS)
def test_obligations(edits, expected):
    assert codes(doc(edits), ["UG217"]) == expected


CHARTER = [
    pytest.param([("acts[+]", ADHESION), CHARTER_PLAN], [], id="plan-within-two-years"),
    pytest.param(
        [("acts[+]", {**ADHESION, "date": "2020-01-10"}), CHARTER_PLAN],
        [("UG218", True)],
        id="plan-after-two-years",
    ),
    pytest.param(
        [("acts[+]", {**ADHESION, "date": "2020-01-10"})],
        [("UG218", True)],
        id="no-action-plan",
    ),
    pytest.param(
        [("acts[+]", {**ADHESION, "date": "2022"})],
        [("UG218", False)],
        id="deadline-may-have-passed-not-known",
    ),
    pytest.param([("acts[+]", {**ADHESION, "date": "2023-01"})], [], id="not-yet-due"),
    pytest.param(
        [
            ("acts[+]", {**ADHESION, "date": "2020-01-10"}),
            ("obligations", [{**OBLIGATION, "arises_from": ["adesione"], "fulfilled_by": []}]),
        ],
        [],
        id="stated-obligation-left-to-UG217",
    ),
]


@pytest.mark.parametrize(("edits", "expected"), CHARTER)
def test_charter_adhesion_obliges_an_action_plan(edits, expected):
    assert codes(doc(edits), ["UG218"]) == expected


def test_charter_duty_is_data_with_its_source():
    duty = next(d for d in framework_duties() if d.act_kind == "charter_adhesion")
    assert str(duty.within) == "P2Y"
    assert "European Charter for Equality" in duty.source
    found = report(doc([("acts[+]", {**ADHESION, "date": "2020-01-10"})]), ["UG218"])
    assert "2022-01-10" in found.findings[0].message.en


MONITORING = [
    pytest.param([], [], id="measured-in-2023"),
    pytest.param(
        [("plan.indicators[0].measurements", [])], [("UG219", True)], id="year-not-monitored"
    ),
    pytest.param(
        [
            ("plan.indicators[0].measurements", []),
            (
                "acts[+]",
                {
                    **REPORT,
                    "effects": [
                        {"effect": "reports_on", "target": "piano", "period": {"start": "2023"}}
                    ],
                },
            ),
        ],
        [],
        id="report-on-the-year",
    ),
    pytest.param(
        [
            ("plan.indicators[0].measurements", []),
            ("plan.absent", {"monitoring_frequency": "not_stated"}),
        ],
        [("UG219", False)],
        id="monitoring-not-stated",
    ),
    pytest.param(
        [("plan.indicators[0].measurements", []), ("plan.status", "draft")],
        [],
        id="draft-plan",
    ),
    pytest.param(
        [
            ("plan.period", {"start": "2023-03", "end": "2026-02"}),
            ("plan.indicators[0].measurements[0].date", "2023"),
        ],
        [("UG219", False)],
        id="year-precision-not-known",
    ),
]


@pytest.mark.parametrize(("edits", "expected"), MONITORING)
@pytest.mark.parametrize("kind", ["gep", "pap"])
def test_gep_and_pap_are_monitored_every_year(kind, edits, expected):
    assert codes(doc(edits, kind=kind), ["UG219"]) == expected


def test_equality_plans_have_no_yearly_monitoring_duty():
    assert codes(doc([("plan.indicators[0].measurements", [])]), ["UG219"]) == []


def test_every_rule_is_tested():
    from uguaglianza.rules.deadlines import RULES

    cases = [*OBLIGATIONS, *CHARTER, *MONITORING]
    triggered = {code for case in cases for code, known in case.values[-1] if known}
    assert {rule.code for rule in RULES} <= triggered


def test_a_years_report_may_come_within_three_months_of_its_end():
    unmonitored = doc([("plan.indicators[0].measurements", [])], kind="pap")
    assert codes(unmonitored, ["UG219"], as_of=datetime.date(2024, 3, 1)) == []
    assert codes(unmonitored, ["UG219"], as_of=datetime.date(2024, 4, 2)) == [("UG219", True)]
    reported = doc(
        [
            ("plan.indicators[0].measurements", []),
            (
                "acts[+]",
                {
                    **REPORT,
                    "date": "2024-02-15",
                    "effects": [{"effect": "reports_on", "target": "piano"}],
                },
            ),
        ],
        kind="pap",
    )
    assert codes(reported, ["UG219"]) == []
