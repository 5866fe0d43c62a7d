"""Shared documents for the rule tests: a complete plan that no rule reports on.

Each test builds a document with ``make(edits, kind=...)`` from ``base`` (or ``gep`` /
``pap``), changing one thing, and checks which codes the rules report. An edit is
``(path, value)``: ``"plan.actions[0].lead"`` sets a value, ``None`` removes it, and a
final ``[+]`` appends to a list. ``run`` validates a dict (or takes a document) and
checks it at a fixed date, so that results never depend on the day the tests run.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

import pytest

import uguaglianza
from uguaglianza.rules import Report, check

from .edits import Edit, apply_edits

AS_OF = datetime.date(2024, 6, 1)


def _base() -> dict[str, Any]:
    return {
        "document": "plan",
        "schema_version": "2.0",
        "id": "test-doc",
        "sources": [{"id": "src", "name": "Delibera", "url": "https://example.org/piano"}],
        "territories": [
            {"id": "er", "kind": "region", "name": "Emilia-Romagna", "istat_code": "08"},
            {
                "id": "cm",
                "kind": "metropolitan_city",
                "name": "Città metropolitana",
                "istat_code": "037",
                "part_of": [{"territory": "er"}],
            },
            {
                "id": "d1",
                "kind": "socio_health_district",
                "name": "Distretto 1",
                "part_of": [{"territory": "cm"}],
            },
            {
                "id": "d2",
                "kind": "socio_health_district",
                "name": "Distretto 2",
                "part_of": [{"territory": "cm"}],
            },
            {
                "id": "c1",
                "kind": "comune",
                "name": "Bologna",
                "istat_code": "037006",
                "part_of": [
                    {"territory": "d1", "kind": "socio_health_district"},
                    {"territory": "cm"},
                ],
            },
            {
                "id": "c2",
                "kind": "comune",
                "name": "Anzola dell'Emilia",
                "istat_code": "037001",
                "part_of": [
                    {"territory": "d2", "kind": "socio_health_district"},
                    {"territory": "cm"},
                ],
            },
        ],
        "organisations": [
            {"id": "org-cm", "kind": "metropolitan_city", "name": "CM", "territory": "cm"},
            {"id": "org-c1", "kind": "comune", "name": "Comune", "territory": "c1"},
            {"id": "org-c2", "kind": "comune", "name": "Comune 2", "territory": "c2"},
            {"id": "org-cug", "kind": "cug", "name": "CUG", "parent": "org-cm"},
        ],
        "persons": [
            {"id": "p1", "name": "Matteo Lepore"},
            {"id": "p2", "name": "Anna Rossi"},
        ],
        "posts": [
            {
                "id": "post-sindaco",
                "kind": "sindaco_metropolitano",
                "name": "Sindaco metropolitano",
                "organisation": "org-cm",
                "holder": "p1",
                "period": {"start": "2021-10"},
            },
            {
                "id": "post-consigliera",
                "kind": "consigliera_di_parita",
                "name": "Consigliera di parità metropolitana",
                "organisation": "org-cm",
                "holder": "p2",
            },
        ],
        "bodies": [
            {
                "id": "tavolo",
                "kind": "coordination_table",
                "name": "Tavolo",
                "convener": "org-cm",
                "chair": "post-sindaco",
                "period": {"start": "2022-03"},
                "members": [
                    {"member": "post-sindaco", "role": "chair"},
                    {"member": "org-c1"},
                ],
                "meetings": [{"id": "m1", "date": "2022-03-09"}],
            }
        ],
        "acts": [
            {
                "id": "delibera",
                "kind": "council_resolution",
                "name": "Adozione del piano",
                "number": "12/2022",
                "date": "2022-07-13",
                "issuer": "org-cm",
                "signatories": ["post-sindaco"],
                "url": "https://example.org/delibera",
                "effects": [{"effect": "adopts", "target": "piano"}],
            }
        ],
        "funds": [
            {
                "id": "fami",
                "name": "FAMI 2021-2027",
                "period": {"start": "2021", "end": "2027"},
                "budget": {"amount": "1000000", "currency": "EUR"},
            }
        ],
        "calls": [
            {
                "id": "avviso",
                "name": "Avviso",
                "fund": "fami",
                "budget": {"amount": "600000", "currency": "EUR"},
            }
        ],
        "grants": [
            {
                "id": "grant",
                "name": "Contributo",
                "call": "avviso",
                "recipient": "org-cm",
                "project": "progetto",
                "amount": {"amount": "600000", "currency": "EUR"},
                "status": "awarded",
            }
        ],
        "projects": [
            {
                "id": "progetto",
                "name": "Progetto",
                "lead": "org-cm",
                "partners": [{"member": "org-c1"}],
                "period": {"start": "2022", "end": "2023"},
            }
        ],
        "services": [
            {
                "id": "sportello",
                "kind": "anti_discrimination_desk",
                "name": "Sportello",
                "operators": [{"operator": "org-c1"}],
            }
        ],
        "relations": [{"kind": "coordinates", "subject": "tavolo", "target": "piano"}],
        "plan": {
            "id": "piano",
            "kind": "equality_plan",
            "name": "Piano per l'uguaglianza",
            "owner": "org-cm",
            "scope": ["cm"],
            "period": {"start": "2021", "end": "2026"},
            "status": "adopted",
            "source": {"document": "src"},
            "areas": [{"id": "a1", "name": "Lavoro pagato"}],
            "objectives": [
                {"id": "o1", "name": "Più occupazione", "areas": ["a1"], "indicators": ["i1"]}
            ],
            "actions": [
                {
                    "id": "x1",
                    "name": "Sportelli lavoro",
                    "areas": ["a1"],
                    "objectives": ["o1"],
                    "lead": "org-cm",
                    "partners": ["org-c1"],
                    "period": {"start": "2022", "end": "2023"},
                    "grounds": ["sex"],
                },
                {
                    "id": "x2",
                    "kind": "good_practice",
                    "name": "Buona prassi",
                    "parent": "x1",
                    "origin": "c1",
                },
            ],
            "indicators": [
                {
                    "id": "i1",
                    "name": "Donne occupate",
                    "counts_people": True,
                    "sex_disaggregated": True,
                    "frequency": "annual",
                    "baseline": {"value": "10", "date": "2021"},
                    "target": {"value": "20", "date": "2026"},
                    # One measurement by sex for each year gone by, as yearly monitoring asks.
                    "measurements": [
                        {"date": f"{year}-12-31", "female": str(year - 2010), "male": "9"}
                        for year in (2021, 2022, 2023)
                    ],
                }
            ],
        },
    }


def _gep() -> dict[str, Any]:
    data = _base()
    plan = data["plan"]
    plan["kind"] = "gender_equality_plan"
    plan["frameworks"] = ["he_gep_public_document", "he_gep_data_and_monitoring"]
    areas = [
        "gep_work_life_balance",
        "gep_leadership_decision_making",
        "gep_recruitment_career",
        "gep_research_teaching",
        "gep_gender_based_violence",
    ]
    plan["areas"] = [
        {"id": f"a{n}", "name": code, "reference": code} for n, code in enumerate(areas, 1)
    ]
    plan["objectives"][0]["areas"] = [area["id"] for area in plan["areas"]]
    action = plan["actions"][0]
    action["frameworks"] = ["he_gep_dedicated_resources", "he_gep_training"]
    action["budget"] = {"amount": "50000", "currency": "EUR"}
    return data


def _pap() -> dict[str, Any]:
    data = _base()
    plan = data["plan"]
    plan["kind"] = "positive_action_plan"
    plan["period"] = {"start": "2024", "end": "2026"}
    # Adopted after hearing the CUG (10 January), as the law asks.
    data["acts"][0].update({"date": "2024-01-31", "number": "3/2024"})
    data["acts"].append(
        {
            "id": "parere-cug",
            "kind": "opinion",
            "name": "Parere del CUG",
            "date": "2024-01-10",
            "issuer": "org-cug",
            "effects": [{"effect": "gives_opinion", "target": "piano"}],
        }
    )
    data["relations"].append(
        {"kind": "gives_opinion_on", "subject": "post-consigliera", "target": "piano"}
    )
    plan["actions"][0]["period"] = {"start": "2024", "end": "2025"}
    return data


_KINDS = {"base": _base, "gep": _gep, "pap": _pap}


@pytest.fixture
def make() -> Callable[..., dict[str, Any]]:
    """``make(edits, kind="base")``: a fresh document of *kind* with *edits* applied."""

    def build(edits: Iterable[Edit] = (), *, kind: str = "base") -> dict[str, Any]:
        return apply_edits(_KINDS[kind](), edits)

    return build


@pytest.fixture
def base() -> dict[str, Any]:
    """A complete equality plan on which no rule reports anything."""
    return _base()


@pytest.fixture
def gep() -> dict[str, Any]:
    """A Horizon Europe GEP meeting every requirement."""
    return _gep()


@pytest.fixture
def pap() -> dict[str, Any]:
    """A three-year positive-action plan with both opinions."""
    return _pap()


@pytest.fixture
def as_of() -> datetime.date:
    """The fixed date every rule test checks at."""
    return AS_OF


Runner = Callable[..., Report]


@pytest.fixture
def run() -> Runner:
    """``run(data_or_doc, **options)``: the rules' report at the tests' fixed date."""

    def runner(data: Any, **options: Any) -> Report:
        doc = uguaglianza.from_data(data) if isinstance(data, dict) else data
        options.setdefault("as_of", AS_OF)
        return check(doc, **options)

    return runner
