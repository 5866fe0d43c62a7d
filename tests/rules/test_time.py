"""UG2xx: periods, overlaps, lives, adoptions, protocol numbers, stale plans."""

from __future__ import annotations

import pytest

from uguaglianza.rules.time import RULES

SECOND_MAYOR = {
    "id": "post-sindaco-bis",
    "kind": "sindaco_metropolitano",
    "name": "Sindaco metropolitano",
    "organisation": "org-cm",
    "holder": "p2",
    "period": {"start": "2023"},
}

# One act adopting the plan and a related plan: its missing date or issuer is one finding.
ADOPTS_TWO_PLANS = [
    (
        "related_plans",
        [{"id": "piao", "kind": "piao", "name": "PIAO", "owner": "org-cm", "status": "adopted"}],
    ),
    ("acts[0].effects[+]", {"effect": "adopts", "target": "piao"}),
]

TRIGGERS = [
    pytest.param(
        [("plan.actions[0].period", {"start": "2023", "end": "2022"})], ["UG201"], id="UG201-action"
    ),
    pytest.param(
        [("territories[4].part_of[0].period", {"start": "2020-05-01", "end": "2020-04-30"})],
        ["UG102", "UG105", "UG201"],
        id="UG201-link",
    ),
    pytest.param([("bodies[0].members[+]", {"member": "org-c1"})], ["UG202"], id="UG202"),
    pytest.param([("posts[+]", SECOND_MAYOR)], ["UG203"], id="UG203"),
    pytest.param(
        [("plan.actions[0].period", {"start": "2019", "end": "2020"})], ["UG204"], id="UG204-action"
    ),
    pytest.param(
        [("plan.objectives[0].period", {"start": "2025", "end": "2027"})],
        ["UG204"],
        id="UG204-objective",
    ),
    pytest.param([("bodies[0].meetings[0].date", "2021-01-10")], ["UG205"], id="UG205"),
    pytest.param([("acts[0].effects", [])], ["UG206"], id="UG206-no-act"),
    pytest.param(
        [("acts[0].effects[0].planned", True), ("acts[0].effects[0].date", "2025")],
        ["UG206"],
        id="UG206-only-planned",
    ),
    pytest.param([("acts[0].date", None)], ["UG207"], id="UG207"),
    pytest.param(
        [*ADOPTS_TWO_PLANS, ("acts[0].date", None)], ["UG207"], id="UG207-once-for-two-plans"
    ),
    pytest.param([("acts[0].issuer", None)], ["UG208"], id="UG208"),
    pytest.param(
        [*ADOPTS_TWO_PLANS, ("acts[0].issuer", None)], ["UG208"], id="UG208-once-for-two-plans"
    ),
    pytest.param([("acts[0].issuer", "org-c1")], ["UG209"], id="UG209"),
    pytest.param([("acts[0].number", "12/2021")], ["UG210"], id="UG210"),
    pytest.param(
        [("bodies[0].meetings[+]", {"id": "m2", "date": "2023-01-10", "planned": True})],
        ["UG211"],
        id="UG211-meeting",
    ),
    pytest.param(
        [("plan.milestones", [{"kind": "presentation", "date": "2022-05", "planned": True}])],
        ["UG211"],
        id="UG211-milestone",
    ),
    pytest.param(
        [
            (
                "acts[0].effects[+]",
                {"effect": "amends", "target": "piano", "planned": True, "date": "2023-12"},
            )
        ],
        ["UG211"],
        id="UG211-effect",
    ),
]

NEAR_MISSES = [
    pytest.param([("plan.actions[0].period", {"start": "2022"})], "UG201", id="UG201-open-end"),
    pytest.param(
        [
            ("bodies[0].members[1].period", {"end": "2022"}),
            ("bodies[0].members[+]", {"member": "org-c1", "period": {"start": "2023"}}),
        ],
        "UG202",
        id="UG202-consecutive-seats",
    ),
    pytest.param(
        [("bodies[0].members[+]", {"member": "org-c1", "role": "delegate"})],
        "UG202",
        id="UG202-other-role",
    ),
    pytest.param(
        [("posts[0].period", {"start": "2021-10", "end": "2022-12"}), ("posts[+]", SECOND_MAYOR)],
        "UG203",
        id="UG203-successive-holders",
    ),
    pytest.param(
        [("posts[+]", {**SECOND_MAYOR, "name": "Vicesindaco", "kind": "vice_sindaco"})],
        "UG203",
        id="UG203-other-post",
    ),
    pytest.param(
        [("plan.actions[0].period", {"start": "2021", "end": "2026"})], "UG204", id="UG204-same"
    ),
    pytest.param([("plan.actions[0].period", {"start": "2022"})], "UG204", id="UG204-open-end"),
    pytest.param([("bodies[0].meetings[0].date", "2022")], "UG205", id="UG205-uncertain-date"),
    pytest.param(
        [("plan.status", "participatory_process"), ("acts[0].effects", [])],
        "UG206",
        id="UG206-not-adopted",
    ),
    pytest.param(
        [
            ("acts[0].effects", []),
            ("plan.milestones", [{"kind": "adoption", "date": "2022-07", "act": "delibera"}]),
        ],
        "UG206",
        id="UG206-adoption-milestone",
    ),
    pytest.param(
        [("acts[0].date", None), ("acts[0].effects[0].date", "2022-07-13")],
        "UG207",
        id="UG207-effect-date",
    ),
    pytest.param([("acts[0].issuer", "tavolo")], "UG209", id="UG209-body-of-owner"),
    pytest.param([("acts[0].issuer", "post-sindaco")], "UG209", id="UG209-post-of-owner"),
    pytest.param([("acts[0].issuer", "org-cug")], "UG209", id="UG209-department"),
    pytest.param([("acts[0].number", "Prot. Gen n. 12/2022")], "UG210", id="UG210-same-year"),
    pytest.param([("acts[0].number", "12-bis")], "UG210", id="UG210-no-year"),
    pytest.param(
        [("bodies[0].meetings[+]", {"id": "m2", "date": "2024-09-10", "planned": True})],
        "UG211",
        id="UG211-future",
    ),
    pytest.param(
        [
            (
                "plan.milestones",
                [
                    {"kind": "adoption", "date": "2022-07", "planned": True},
                    {"kind": "adoption", "date": "2022-07-13"},
                ],
            )
        ],
        "UG211",
        id="UG211-milestone-happened",
    ),
    pytest.param(
        [
            (
                "acts[0].effects[+]",
                {"effect": "adopts", "target": "piano", "planned": True, "date": "2022-06"},
            )
        ],
        "UG211",
        id="UG211-effect-happened",
    ),
]


@pytest.mark.parametrize(("edits", "expected"), TRIGGERS)
def test_rule_triggers(make, run, edits, expected):
    assert run(make(edits)).codes() == expected


@pytest.mark.parametrize(("edits", "code"), NEAR_MISSES)
def test_rule_does_not_trigger(make, run, edits, code):
    assert code not in run(make(edits)).codes()


def test_project_admitted_to_funding_counts_as_adoption(make, run):
    data = make(
        [
            ("acts[0].effects", []),
            ("plan.kind", "project"),
            ("projects[0].plan", "piano"),
            ("plan.actions[0].grounds", ["race"]),
        ]
    )
    assert "UG206" not in run(data).codes()
    data["grants"][0]["status"] = "applied"
    assert "UG206" in run(data).codes()


def test_stale_event_message(make, run):
    data = make([("bodies[0].meetings[+]", {"id": "m2", "date": "2023-01-10", "planned": True})])
    (finding,) = run(data).findings
    assert finding.path == "bodies[0].meetings[1].planned"
    assert "2024-06-01" in finding.message.it
    assert finding.value == "'2023-01-10'"


def test_every_rule_is_tested():
    assert {rule.code for rule in RULES} <= {c for p in TRIGGERS for c in p.values[1]}
