"""Kinds judged by broader codes, owners up the chain, known unknowns in the profile rules,
services over time and sex-disaggregated measurements (UG209, UG5xx, UG6xx, UG705-706, UG315)."""

from __future__ import annotations

import datetime

import pytest

import uguaglianza
from tests.rules.lifecycle_docs import codes, doc, report
from uguaglianza.rules import Context

DECLARED_RECTOR = (
    "codelists",
    {
        "post_kinds": [
            {"code": "rettrice_vicaria", "name": "Rettrice vicaria", "broader": "rettore"}
        ]
    },
)


def _context(data):
    document = uguaglianza.from_data(data)
    return Context(document, as_of=datetime.date(2024, 6, 1), all_plans=())


def test_is_a_uses_declared_and_shipped_broader_codes():
    ctx = _context(doc([DECLARED_RECTOR]))
    assert ctx.is_a("post_kinds", "rettrice_vicaria", "top_management")
    assert ctx.is_a("post_kinds", "consigliera_di_parita_regionale", "consigliera_di_parita")
    assert ctx.is_a("body_kinds", "cug", "committee")
    assert not ctx.is_a("post_kinds", "funzionario", "top_management")
    assert not ctx.is_a("post_kinds", None, "top_management")
    assert not ctx.is_a("post_kinds", "no_such_kind", "top_management")


GEP = [
    pytest.param([], "UG501", [], id="UG501-signed-by-the-rector"),
    pytest.param(
        [("posts[2].kind", "funzionario")], "UG501", [("UG501", True)], id="UG501-an-official"
    ),
    pytest.param(
        [DECLARED_RECTOR, ("posts[2].kind", "rettrice_vicaria")],
        "UG501",
        [],
        id="UG501-declared-narrower-kind",
    ),
    pytest.param(
        [
            ("acts[0].issuer", "ateneo"),
            ("acts[0].signatories", []),
            ("acts[0].absent", {"signatories": "not_stated"}),
        ],
        "UG501",
        [("UG501", False)],
        id="UG501-signatories-not-stated",
    ),
    pytest.param([("plan.resources", None)], "UG502", [("UG502", True)], id="UG502-none"),
    pytest.param(
        [("plan.resources", None), ("plan.absent", {"resources": "not_stated"})],
        "UG502",
        [("UG502", False)],
        id="UG502-not-stated",
    ),
    pytest.param(
        [
            ("plan.resources", None),
            ("plan.absent", {"resources": "not_stated"}),
            ("plan.frameworks", ["he_gep_public_document", "he_gep_data_and_monitoring"]),
        ],
        "UG502",
        [("UG502", False)],
        id="UG502-not-stated-nor-declared",
    ),
    pytest.param(
        [("plan.frameworks", ["he_gep_public_document", "he_gep_data_and_monitoring"])],
        "UG502",
        [("UG502", True)],
        id="UG502-evidence-without-declaration",
    ),
    pytest.param(
        [("plan.indicators[0].frequency", None)], "UG503", [("UG503", True)], id="UG503-none"
    ),
    pytest.param(
        [
            ("plan.indicators[0].frequency", None),
            ("plan.absent", {"monitoring_frequency": "not_stated"}),
        ],
        "UG503",
        [("UG503", False)],
        id="UG503-frequency-not-stated",
    ),
    pytest.param(
        [("plan.indicators[0].frequency", None), ("plan.monitoring_frequency", "annual")],
        "UG503",
        [],
        id="UG503-plan-monitored-yearly",
    ),
    pytest.param([("plan.actions[0].kind", "study")], "UG504", [("UG504", True)], id="UG504-none"),
    pytest.param(
        [("plan.actions", []), ("plan.absent", {"actions": "not_stated"})],
        "UG504",
        [("UG504", False)],
        id="UG504-actions-not-stated",
    ),
]


@pytest.mark.parametrize(("edits", "rule", "expected"), GEP)
def test_gep_requirements(edits, rule, expected):
    assert codes(doc(edits, kind="gep"), [rule]) == expected


CUG_BODY = {"id": "cug-organo", "kind": "cug", "name": "CUG", "convener": "giunta"}

PAP = [
    pytest.param([], "UG601", [], id="UG601-three-calendar-years"),
    pytest.param(
        [("plan.period", {"start": "2017", "end": "2020"})],
        "UG601",
        [("UG601", False)],
        id="UG601-years-may-be-three-not-known",
    ),
    pytest.param(
        [("plan.period", {"start": "2024", "end": "2025"})],
        "UG601",
        [("UG601", True)],
        id="UG601-two-years",
    ),
    pytest.param(
        [("bodies[+]", CUG_BODY), ("opinions[0].by", "cug-organo")],
        "UG602",
        [],
        id="UG602-cug-as-a-body",
    ),
    pytest.param([("opinions[0].planned", True)], "UG602", [("UG602", True)], id="UG602-planned"),
    pytest.param([], "UG603", [], id="UG603-provincial-adviser"),
    pytest.param(
        [("posts[1].kind", "dirigente")], "UG603", [("UG603", True)], id="UG603-not-an-adviser"
    ),
    pytest.param([], "UG604", [], id="UG604-own-cug"),
    pytest.param(
        [("bodies[+]", CUG_BODY), ("opinions[0].by", "cug-organo")],
        "UG604",
        [],
        id="UG604-cug-body-convened-through-the-giunta",
    ),
    pytest.param(
        [("organisations[4].parent", "altro")],
        "UG604",
        [("UG604", True)],
        id="UG604-another-administration",
    ),
]


@pytest.mark.parametrize(("edits", "rule", "expected"), PAP)
def test_pap_rules(edits, rule, expected):
    assert codes(doc(edits, kind="pap"), [rule]) == expected


def test_pap_of_four_year_numbers_is_not_about_48_months():
    data = doc([("plan.period", {"start": "2017", "end": "2020"})], kind="pap")
    message = report(data, ["UG601"]).findings[0].message.en
    assert "about 48 months" not in message
    assert message.startswith("not known")


OWNER = [
    pytest.param(
        [("plan.owner", "dpo"), ("acts[0].issuer", "cdm"), ("acts[0].signatories", [])],
        [],
        id="council-of-ministers-for-a-department",
    ),
    pytest.param([("plan.owner", "dpo")], [("UG209", True)], id="another-organisation"),
]


@pytest.mark.parametrize(("edits", "expected"), OWNER)
def test_adoption_by_an_organisation_above_the_owner(edits, expected):
    assert codes(doc(edits), ["UG209"]) == expected


NETWORK = {
    "id": "rete",
    "kind": "network",
    "name": "Rete antidiscriminazioni",
    "period": {"start": "2015", "end": "2021-12-31"},
}


def _service(**fields):
    return {"id": "nodo", "kind": "anti_discrimination_desk", "name": "Nodo", **fields}


SERVICES = [
    pytest.param(
        [
            ("bodies[+]", NETWORK),
            (
                "services",
                [
                    _service(
                        networks=[{"network": "rete", "period": {"start": "2016", "end": "2021"}}]
                    )
                ],
            ),
        ],
        [],
        id="UG705-within-the-network-life",
    ),
    pytest.param(
        [("bodies[+]", NETWORK), ("services", [_service(networks=[{"network": "rete"}])])],
        [("UG705", True)],
        id="UG705-open-membership-of-ended-network",
    ),
    pytest.param(
        [
            ("bodies[+]", {**NETWORK, "period": {"start": "2015"}}),
            ("bodies[2].statuses", [{"status": "closed", "period": {"start": "2020-06"}}]),
            (
                "services",
                [
                    _service(
                        networks=[{"network": "rete", "period": {"start": "2016", "end": "2022"}}]
                    )
                ],
            ),
        ],
        [("UG705", True)],
        id="UG705-closed-status",
    ),
    pytest.param(
        [
            ("bodies[+]", NETWORK),
            (
                "services",
                [
                    _service(
                        networks=[
                            {"network": "rete", "period": {"start": "2016", "end": "2021-12"}}
                        ]
                    )
                ],
            ),
        ],
        [],
        id="UG705-ends-in-the-last-month",
    ),
    pytest.param(
        [
            (
                "services",
                [
                    _service(
                        operators=[
                            {
                                "operator": "comune",
                                "period": {"start": "2018", "end": "2020-06-30"},
                            },
                            {"operator": "altro", "period": {"start": "2020-07-01", "end": "2023"}},
                        ]
                    )
                ],
            )
        ],
        [],
        id="UG706-consecutive-operators",
    ),
    pytest.param(
        [
            (
                "services",
                [
                    _service(
                        operators=[
                            {"operator": "comune", "period": {"start": "2018", "end": "2021-06"}},
                            {"operator": "altro", "period": {"start": "2020-07-01", "end": "2023"}},
                        ]
                    )
                ],
            )
        ],
        [("UG706", True)],
        id="UG706-two-operators-at-once",
    ),
    pytest.param(
        [
            (
                "services",
                [
                    _service(
                        operators=[
                            {"operator": "comune", "period": {"start": "2018", "end": "2020"}},
                            {"operator": "altro", "period": {"start": "2020", "end": "2023"}},
                        ]
                    )
                ],
            )
        ],
        [("UG706", False)],
        id="UG706-change-within-a-year-not-known",
    ),
    pytest.param(
        [
            (
                "services",
                [
                    _service(
                        operators=[
                            {"operator": "comune", "period": {"start": "2020"}},
                            {"operator": "altro", "period": {"start": "2020"}},
                        ]
                    )
                ],
            )
        ],
        [],
        id="UG706-joint-operators",
    ),
]


@pytest.mark.parametrize(("edits", "expected"), SERVICES)
def test_services_over_time(edits, expected):
    assert codes(doc(edits), ["UG705", "UG706"]) == expected


MEASUREMENTS = [
    pytest.param([], [], id="female-and-male"),
    pytest.param(
        [("plan.indicators[0].measurements[+]", {"date": "2024-03-31", "value": "20"})],
        [("UG315", True)],
        id="total-only",
    ),
    pytest.param(
        [
            (
                "plan.indicators[0].measurements[+]",
                {
                    "date": "2024-03-31",
                    "breakdown": [
                        {"by": [{"dimension": "sex", "category": "female"}], "value": "11"},
                        {"by": [{"dimension": "sex", "category": "male"}], "value": "9"},
                    ],
                },
            )
        ],
        [],
        id="breakdown-by-sex",
    ),
    pytest.param(
        [
            (
                "plan.indicators[0].measurements[+]",
                {"date": "2024-03-31", "value": "20", "absent": {"female": "withheld"}},
            )
        ],
        [("UG315", False)],
        id="split-withheld",
    ),
    pytest.param(
        [
            ("plan.indicators[0].sex_disaggregated", False),
            ("plan.indicators[0].measurements[+]", {"date": "2024-03-31", "value": "20"}),
        ],
        [],
        id="not-declared-disaggregated",
    ),
]


@pytest.mark.parametrize(("edits", "expected"), MEASUREMENTS)
def test_sex_disaggregated_indicator_is_measured_by_sex(edits, expected):
    assert codes(doc(edits), ["UG315"]) == expected


def test_every_new_rule_is_tested():
    from uguaglianza.rules import monitoring, opinions, services

    cases = [*PAP, *SERVICES, *MEASUREMENTS]
    triggered = {code for case in cases for code, known in case.values[-1] if known}
    modules = (monitoring, opinions, services)
    assert {rule.code for module in modules for rule in module.RULES} <= triggered


RATIFIES = (
    "codelists",
    {"act_effects": [{"code": "ratifica", "name": "Ratifica", "broader": "adopts"}]},
)
STATUS = (
    "codelists",
    {"plan_statuses": [{"code": "in_vigore", "name": "In vigore", "broader": "adopted"}]},
)


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        pytest.param(
            [RATIFIES, ("acts[0].effects[0].effect", "ratifica")], [], id="narrower-effect-adopts"
        ),
        pytest.param(
            [("acts[0].effects[0].effect", "takes_note")],
            [("UG206", True)],
            id="taking-note-does-not-adopt",
        ),
        pytest.param(
            [STATUS, ("plan.status", "in_vigore"), ("acts[0].effects", [])],
            [("UG206", True)],
            id="narrower-status-is-adopted",
        ),
    ],
)
def test_adoption_read_through_broader_codes(edits, expected):
    assert codes(doc(edits), ["UG206"]) == expected


def _territories(kind: str) -> list[dict[str, object]]:
    return [
        {"id": "cm", "kind": "metropolitan_city", "name": "Città metropolitana"},
        {
            "id": "d1",
            "kind": "socio_health_district",
            "name": "Distretto",
            "part_of": [{"territory": "cm"}],
        },
        {
            "id": "c1",
            "kind": "comune",
            "name": "Comune nel distretto",
            "part_of": [{"territory": "d1", "kind": "socio_health_district"}, {"territory": "cm"}],
        },
        {"id": "c2", "kind": kind, "name": "Comune montano", "part_of": [{"territory": "cm"}]},
    ]


MOUNTAIN = (
    "codelists",
    {
        "territory_kinds": [
            {"code": "comune_montano", "name": "Comune montano", "broader": "comune"}
        ]
    },
)


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        pytest.param(
            [MOUNTAIN, ("territories", _territories("comune_montano"))],
            [("UG102", True)],
            id="narrower-than-comune",
        ),
        pytest.param([("territories", _territories("other"))], [], id="not-a-comune"),
    ],
)
def test_district_rules_read_territory_kinds_by_meaning(edits, expected):
    assert codes(doc(edits), ["UG102"]) == expected
