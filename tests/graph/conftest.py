"""Fixtures for the graph tests: the five examples, and a document using every tied field."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import uguaglianza
from uguaglianza.graph import CoordinationGraph, coordination_graph
from uguaglianza.model import Landscape, PlanDocument

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

#: A small plan document in which every field that gives an edge is set at least once.
FULL: dict[str, Any] = {
    "document": "plan",
    "schema_version": "2.0",
    "id": "doc-full",
    "name": "Every tie",
    "sources": [{"id": "src", "name": "Lettera"}, {"id": "src-2", "name": "Delibera"}],
    "territories": [
        {"id": "reg", "kind": "region", "name": "Regione"},
        {
            "id": "cm",
            "kind": "metropolitan_city",
            "name": "Città metropolitana",
            "part_of": [{"territory": "reg"}],
        },
        {
            "id": "dist",
            "kind": "socio_health_district",
            "name": "Distretto",
            "part_of": [{"territory": "cm"}],
        },
        {
            "id": "com-a",
            "kind": "comune",
            "name": "Comune A",
            "istat_code": "037001",
            "part_of": [
                {
                    "territory": "dist",
                    "kind": "socio_health_district",
                    "period": {"start": "2014", "end": "2020-06"},
                    "source": {"document": "src-2"},
                }
            ],
        },
        {
            "id": "com-b",
            "kind": "comune",
            "name": "Comune B",
            "period": {"start": "2016"},
            "part_of": [{"territory": "dist", "kind": "socio_health_district"}],
        },
        {"id": "com-c", "kind": "comune", "name": "Comune C"},
    ],
    "organisations": [
        {
            "id": "org-cm",
            "kind": "metropolitan_city",
            "name": "Città metropolitana",
            "acronym": "CM",
            "territory": "cm",
            "source": {"document": "src"},
        },
        {"id": "org-a", "kind": "comune", "name": "Comune di A", "territory": "com-a"},
        {"id": "dept-a", "kind": "department", "name": "Servizi sociali", "parent": "org-a"},
        {"id": "agency", "kind": "special_agency", "name": "Azienda", "acts_for": ["dist"]},
        {"id": "assoc", "kind": "association", "name": "Associazione", "territory": "com-b"},
        {"id": "ausl", "kind": "health_authority", "name": "AUSL", "period": {"end": "2019"}},
    ],
    "persons": [{"id": "mayor", "name": "Sindaca"}],
    "posts": [
        {
            "id": "post-mayor",
            "kind": "sindaco_metropolitano",
            "name": "Sindaca metropolitana",
            "organisation": "org-cm",
            "holder": "mayor",
            "period": {"start": "2021-10", "end": "2026"},
        },
        {"id": "post-assessore", "kind": "assessore", "name": "Assessora", "organisation": "org-a"},
    ],
    "bodies": [
        {
            "id": "table",
            "kind": "coordination_table",
            "level": "political",
            "name": "Tavolo",
            "territory": "cm",
            "convener": "org-cm",
            "chair": "post-mayor",
            "members": [
                {"member": "dist", "role": "member"},
                {
                    "member": "post-assessore",
                    "role": "delegate",
                    "represents": "org-a",
                    "period": {"start": "2022-03-09"},
                },
            ],
            "meetings": [
                {
                    "id": "meeting-1",
                    "date": "2022-05-26",
                    "participants": ["post-mayor"],
                    "agenda": [
                        {"title": "Piano", "plan": "plan"},
                        {"title": "Lettera", "act": "letter"},
                    ],
                    "convened_by": "letter",
                },
            ],
        },
        {
            "id": "group",
            "kind": "working_group",
            "name": "Gruppo",
            "convener": "table",
            "parent": "table",
            "members": [{"member": "assoc"}],
        },
        {"id": "network", "kind": "network", "name": "Rete", "territory": "reg"},
        {"id": "council", "kind": "council", "name": "Consiglio"},
    ],
    "acts": [
        {
            "id": "letter",
            "kind": "letter",
            "name": "Lettera",
            "number": "1/2022",
            "date": "2022-05-10",
            "issuer": "post-mayor",
            "signatories": ["mayor"],
            "addressees": ["dist"],
            "parties": [{"party": "org-a", "role": "adherent", "through": "post-assessore"}],
            "steps": [{"step": "signed", "date": "2022-05-10", "by": "mayor"}],
            "effects": [
                {"effect": "announces", "target": "plan"},
                {"effect": "adopts", "target": "plan", "date": "2022-07", "planned": True},
                {"effect": "gives_opinion", "target": "project"},
            ],
        },
        {"id": "decision", "kind": "admission_decision", "name": "Ammissione", "date": "2023"},
        {"id": "notice", "kind": "call_notice", "name": "Avviso", "date": "2022"},
    ],
    "funds": [
        {
            "id": "fund",
            "kind": "eu_fund",
            "name": "Fondo",
            "acronym": "FAMI",
            "managing_authority": "org-cm",
            "period": {"start": "2021", "end": "2027"},
        }
    ],
    "calls": [
        {
            "id": "call",
            "name": "Avviso",
            "fund": "fund",
            "issuer": "org-cm",
            "act": "notice",
            "date": "2022-02",
        }
    ],
    "grants": [
        {
            "id": "grant",
            "name": "Contributo",
            "call": "call",
            "fund": "fund",
            "recipient": "org-cm",
            "project": "project",
            "decision": "decision",
            "amount": {"amount": "600000", "currency": "EUR"},
            "co_financing": [
                {"funder": "fund", "share": "80"},
                {"funder": "org-cm", "share": "20"},
            ],
        }
    ],
    "projects": [
        {
            "id": "project",
            "name": "Progetto",
            "acronym": "PRJ",
            "lead": "org-cm",
            "partners": [
                {"member": "org-a", "status": "confirmed", "joined": "2023-01"},
                {"member": "dist", "through": "agency", "role": "ambito"},
            ],
            "territories": ["cm"],
            "plan": "plan",
        }
    ],
    "services": [
        {
            "id": "desk",
            "kind": "anti_discrimination_desk",
            "name": "Sportello",
            "operators": [{"operator": "assoc"}],
            "territories": ["com-b"],
            "networks": [{"network": "network"}],
            "project": "project",
        },
        {
            "id": "legal",
            "kind": "legal_advice",
            "name": "Consulenza legale",
            "networks": [{"network": "network"}],
        },
        {
            "id": "cav",
            "kind": "anti_violence_centre",
            "name": "Centro antiviolenza",
            "operators": [{"operator": "assoc"}],
        },
    ],
    "opinions": [
        {
            "id": "opinion",
            "name": "Parere del Consiglio",
            "by": "council",
            "on": "plan",
            "date": "2022-06-30",
            "outcome": "favourable",
        }
    ],
    "obligations": [
        {
            "id": "monitoring",
            "name": "Monitoraggio annuale",
            "kind": "monitor",
            "bearer": "org-cm",
            "subject": "plan",
            "due": "2023-12-31",
            "every": "annual",
        }
    ],
    "transfers": [
        {
            "id": "transfer",
            "payer": "org-cm",
            "via": ["agency"],
            "payee": "assoc",
            "amount": {"amount": "50000", "currency": "EUR"},
            "period": {"start": "2023", "end": "2024"},
            "purpose": "cav",
        }
    ],
    "relations": [
        {
            "id": "rel-1",
            "kind": "refers_cases_to",
            "subject": "desk",
            "target": "cav",
            "period": {"start": "2023"},
            "source": {"document": "src"},
        },
        {"kind": "collaborates_with", "subject": "table", "target": "assoc"},
        {"kind": "monitors", "subject": "group", "target": "plan-objective"},
    ],
    "plan": {
        "id": "plan",
        "kind": "equality_plan",
        "name": "Piano",
        "short_name": "PU",
        "owner": "org-cm",
        "scope": ["cm"],
        "period": {"start": "2021", "end": "2026"},
        "status": "adopted",
        "source": {"document": "src"},
        "links": [{"kind": "supersedes", "plan": "plan-old", "date": "2021"}],
        "contributors": [{"actor": "assoc", "role": "drafted"}],
        "areas": [{"id": "area", "name": "Lavoro pagato"}],
        "objectives": [{"id": "plan-objective", "name": "Obiettivo", "areas": ["area"]}],
        "actions": [
            {
                "id": "macro",
                "kind": "macro_action",
                "name": "Macro",
                "lead": "table",
                "areas": ["area"],
            },
            {
                "id": "act-1",
                "name": "Azione",
                "parent": "macro",
                "lead": "org-a",
                "partners": ["assoc", "group"],
                "areas": ["area"],
                "territories": ["com-a"],
                "funding": ["grant"],
                "period": {"start": "2022", "end": "2023"},
                "conditions": [{"kind": "funding_available"}],
            },
            {
                "id": "practice",
                "kind": "good_practice",
                "name": "Buona prassi",
                "origin": "com-b",
                "areas": ["area"],
            },
        ],
        "milestones": [
            {"kind": "adoption", "date": "2022-07-13", "body": "council"},
            {"kind": "presentation", "date": "2022-05-26", "planned": True, "body": "table"},
            {"kind": "opinion", "date": "2022", "body": "table"},
        ],
    },
    "related_plans": [
        {
            "id": "plan-old",
            "kind": "equality_plan",
            "name": "Piano precedente",
            "owner": "org-cm",
            "period": {"start": "2016", "end": "2020"},
            "status": "superseded",
        }
    ],
}


@pytest.fixture
def full_data() -> Callable[[], dict[str, Any]]:
    """A factory of fresh copies of :data:`FULL`."""
    return lambda: copy.deepcopy(FULL)


@pytest.fixture(scope="session")
def full_doc() -> PlanDocument | Landscape:
    """:data:`FULL`, validated."""
    return uguaglianza.from_data(copy.deepcopy(FULL))


@pytest.fixture(scope="session")
def full_graph(full_doc: PlanDocument | Landscape) -> CoordinationGraph:
    """The coordination graph of :data:`FULL` (do not modify it)."""
    return coordination_graph(full_doc)


@pytest.fixture(scope="session")
def example() -> Callable[[str], PlanDocument | Landscape]:
    """Load an example by its name without extension (cached)."""
    cache: dict[str, PlanDocument | Landscape] = {}

    def load(name: str) -> PlanDocument | Landscape:
        if name not in cache:
            cache[name] = uguaglianza.load(EXAMPLES / f"{name}.yaml")
        return cache[name]

    return load
