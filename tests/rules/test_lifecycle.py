"""UG212-UG216: changes after what they change, opinions before adoptions, evaluations
after them, signatures within validity, successors after the plans they replace."""

from __future__ import annotations

import pytest

from tests.rules.lifecycle_docs import codes, doc

AMENDMENT = {
    "id": "modifica",
    "kind": "giunta_resolution",
    "name": "Modifica del protocollo",
    "date": "2020-01-10",
    "issuer": "giunta",
    "effects": [{"effect": "amends", "target": "accordo"}],
}
EVALUATION = {
    "id": "valutazione",
    "kind": "evaluation_report",
    "name": "Valutazione del piano",
    "date": "2024-02-01",
    "issuer": "comune",
    "effects": [{"effect": "evaluates", "target": "piano"}],
}
OLD_PLAN = {
    "id": "vecchio",
    "kind": "equality_plan",
    "name": "Piano precedente",
    "owner": "comune",
    "period": {"start": "2020", "end": "2022"},
}
SUPERSEDES = ("plan.links", [{"kind": "supersedes", "plan": "vecchio"}])

CASES = [
    # UG212: a change comes after the act it changes.
    pytest.param([("acts[+]", AMENDMENT)], "UG212", [], id="UG212-after"),
    pytest.param(
        [("acts[+]", {**AMENDMENT, "date": "2018-12-01"})],
        "UG212",
        [("UG212", True)],
        id="UG212-before",
    ),
    pytest.param(
        [
            ("acts[+]", {**AMENDMENT, "date": "2019"}),
        ],
        "UG212",
        [("UG212", False)],
        id="UG212-same-year-not-known",
    ),
    pytest.param(
        [
            (
                "acts[+]",
                {
                    **AMENDMENT,
                    "date": "2018-12-01",
                    "effects": [{"effect": "integrates", "target": "accordo"}],
                },
            )
        ],
        "UG212",
        [("UG212", True)],
        id="UG212-integration-is-an-amendment",
    ),
    pytest.param(
        [
            ("acts[+]", {**AMENDMENT, "date": None, "absent": {"date": "not_stated"}}),
        ],
        "UG212",
        [("UG212", False)],
        id="UG212-date-not-stated",
    ),
    # UG213: an opinion comes before the adoption it informs.
    pytest.param([], "UG213", [], id="UG213-before"),
    pytest.param(
        [("opinions[0].date", "2023-04-02")], "UG213", [("UG213", True)], id="UG213-after"
    ),
    pytest.param(
        [("opinions[0].date", "2023-03")], "UG213", [("UG213", False)], id="UG213-same-month"
    ),
    pytest.param(
        [
            ("opinions", []),
            (
                "acts[+]",
                {
                    "id": "parere",
                    "kind": "opinion",
                    "name": "Parere (atto)",
                    "date": "2023-05-01",
                    "issuer": "cug",
                    "effects": [{"effect": "gives_opinion", "target": "piano"}],
                },
            ),
        ],
        "UG213",
        [("UG213", True)],
        id="UG213-legacy-act-after",
    ),
    # UG214: an evaluation comes after the adoption of what it evaluates.
    pytest.param([("acts[+]", EVALUATION)], "UG214", [], id="UG214-after"),
    pytest.param(
        [("acts[+]", {**EVALUATION, "date": "2022-11-30"})],
        "UG214",
        [("UG214", True)],
        id="UG214-before",
    ),
    pytest.param(
        [
            ("related_plans", [{**OLD_PLAN, "links": [{"kind": "evaluates", "plan": "piano"}]}]),
            ("acts[+]", {**EVALUATION, "date": "2021-01-01", "effects": []}),
            ("acts[2].effects", [{"effect": "adopts", "target": "vecchio"}]),
        ],
        "UG214",
        [("UG214", True)],
        id="UG214-plan-link-before",
    ),
    # UG215: a signature falls within the act's validity.
    pytest.param(
        [("acts[1].steps", [{"step": "signed", "date": "2019-05-10"}])],
        "UG215",
        [],
        id="UG215-signed-in-force",
    ),
    pytest.param(
        [
            (
                "acts[1].parties",
                [{"party": "altro", "role": "adherent", "date": "2022-09-01"}],
            )
        ],
        "UG215",
        [("UG215", True)],
        id="UG215-adhesion-after-expiry",
    ),
    pytest.param(
        [("acts[1].steps", [{"step": "signed", "date": "2022-05"}])],
        "UG215",
        [("UG215", False)],
        id="UG215-month-of-expiry-not-known",
    ),
    # UG216: a superseding plan does not overlap the plan it replaces.
    pytest.param([("related_plans", [OLD_PLAN]), SUPERSEDES], "UG216", [], id="UG216-consecutive"),
    pytest.param(
        [
            ("related_plans", [{**OLD_PLAN, "period": {"start": "2020", "end": "2024"}}]),
            SUPERSEDES,
        ],
        "UG216",
        [("UG216", True)],
        id="UG216-overlap",
    ),
    pytest.param(
        [
            ("related_plans", [{**OLD_PLAN, "period": {"start": "2020", "end": "2023"}}]),
            SUPERSEDES,
        ],
        "UG216",
        [("UG216", False)],
        id="UG216-same-year-not-known",
    ),
]


@pytest.mark.parametrize(("edits", "rule", "expected"), CASES)
def test_lifecycle_rules(edits, rule, expected):
    assert codes(doc(edits, kind="pap"), [rule]) == expected


def test_opinion_message_names_the_adoption():
    from tests.rules.lifecycle_docs import report

    found = report(doc([("opinions[0].date", "2023-04-02")], kind="pap"), ["UG213"])
    assert found.findings[0].path == "opinions[0].date"
    assert "2023-03-15" in found.findings[0].message.en


def test_not_known_is_a_warning_when_recording_and_an_error_when_complying():
    from tests.rules.lifecycle_docs import report

    data = doc([("acts[+]", {**AMENDMENT, "date": "2019"})])
    recorded = report(data, ["UG212"]).findings[0]
    complied = report(data, ["UG212"], purpose="comply").findings[0]
    assert (str(recorded.severity), str(complied.severity)) == ("warning", "error")
    assert recorded.message.en.startswith("not known")


def test_every_rule_is_tested():
    from uguaglianza.rules.lifecycle import RULES

    triggered = {code for case in CASES for code, known in case.values[2] if known}
    assert {rule.code for rule in RULES} <= triggered
