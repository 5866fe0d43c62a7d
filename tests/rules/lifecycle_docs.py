"""Small format 2.0 documents for the lifecycle, deadline, money and identifier rules.

``doc(edits, kind=...)`` builds a fresh document (``plan``, ``gep`` or ``pap``) on which
none of those rules reports anything, then applies edits as the rule tests' ``make``
does: ``(path, value)``, ``None`` removes, a final ``[+]`` appends. ``codes(data,
select)`` runs the selected rules at a fixed date and returns ``(code, known)`` pairs.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

import uguaglianza
from tests.rules.edits import Edit, apply_edits
from uguaglianza.rules import Report, check

AS_OF = datetime.date(2024, 6, 1)


def _plan_doc() -> dict[str, Any]:
    return {
        "document": "plan",
        "schema_version": "2.0",
        "id": "doc",
        "organisations": [
            {"id": "pcm", "kind": "state_administration", "name": "Presidenza"},
            {"id": "dpo", "kind": "department", "name": "Dipartimento", "parent": "pcm"},
            {"id": "comune", "kind": "comune", "name": "Comune"},
            {"id": "altro", "kind": "comune", "name": "Altro comune"},
            {"id": "cug", "kind": "cug", "name": "CUG del Comune", "parent": "comune"},
        ],
        "persons": [{"id": "rossi", "name": "Anna Rossi"}],
        "posts": [
            {
                "id": "sindaca",
                "kind": "sindaco",
                "name": "Sindaca",
                "organisation": "comune",
                "holder": "rossi",
            },
            {
                "id": "consigliera",
                "kind": "consigliera_di_parita_provinciale",
                "name": "Consigliera di parità provinciale",
                "organisation": "altro",
            },
        ],
        "bodies": [
            {"id": "giunta", "kind": "giunta", "name": "Giunta", "convener": "comune"},
            {"id": "cdm", "kind": "council", "name": "Consiglio dei ministri", "convener": "pcm"},
        ],
        "acts": [
            {
                "id": "delibera",
                "kind": "giunta_resolution",
                "name": "Adozione del piano",
                "number": "10/2023",
                "date": "2023-03-15",
                "issuer": "giunta",
                "signatories": ["sindaca"],
                "url": "https://example.org/delibera",
                "effects": [{"effect": "adopts", "target": "piano"}],
            },
            {
                "id": "accordo",
                "kind": "protocollo_intesa",
                "name": "Protocollo d'intesa",
                "date": "2019-05-10",
                "issuer": "comune",
                "in_force": {"start": "2019-05-10", "end": "2022-05-09"},
            },
        ],
        "plan": {
            "id": "piano",
            "kind": "equality_plan",
            "name": "Piano",
            "owner": "comune",
            "period": {"start": "2023", "end": "2025"},
            "status": "adopted",
            "indicators": [
                {
                    "id": "ind",
                    "name": "Dipendenti",
                    "counts_people": True,
                    "sex_disaggregated": True,
                    "frequency": "annual",
                    "measurements": [{"date": "2023-12-31", "female": "10", "male": "8"}],
                }
            ],
        },
    }


def _gep() -> dict[str, Any]:
    data = _plan_doc()
    data["organisations"].append({"id": "ateneo", "kind": "university", "name": "Ateneo"})
    data["posts"].append(
        {"id": "rettore", "kind": "rettore", "name": "Rettore", "organisation": "ateneo"}
    )
    data["acts"][0].update(
        {"kind": "rector_decree", "issuer": "rettore", "signatories": ["rettore"]}
    )
    plan = data["plan"]
    plan.update(
        {
            "kind": "gender_equality_plan",
            "owner": "ateneo",
            "frameworks": [
                "he_gep_public_document",
                "he_gep_dedicated_resources",
                "he_gep_data_and_monitoring",
            ],
            "resources": {"budget": {"amount": "30000", "currency": "EUR"}},
            "actions": [{"id": "formazione", "kind": "training", "name": "Formazione"}],
        }
    )
    return data


def _pap() -> dict[str, Any]:
    data = _plan_doc()
    data["plan"]["kind"] = "positive_action_plan"
    data["opinions"] = [
        {
            "id": "parere-cug",
            "name": "Parere del CUG",
            "by": "cug",
            "on": "piano",
            "date": "2023-02-20",
            "outcome": "favourable",
        },
        {
            "id": "parere-consigliera",
            "name": "Parere della consigliera",
            "by": "consigliera",
            "on": "piano",
            "date": "2023-03-01",
            "outcome": "favourable",
        },
    ]
    return data


_KINDS = {"plan": _plan_doc, "gep": _gep, "pap": _pap}


def doc(edits: Iterable[Edit] = (), *, kind: str = "plan") -> dict[str, Any]:
    """A fresh document of *kind* with *edits* applied."""
    return apply_edits(_KINDS[kind](), edits)


def report(data: dict[str, Any], select: Iterable[str], **options: Any) -> Report:
    """The selected rules' report on *data* at the tests' fixed date."""
    options.setdefault("as_of", AS_OF)
    return check(uguaglianza.from_data(data), select=list(select), **options)


def codes(data: dict[str, Any], select: Iterable[str], **options: Any) -> list[tuple[str, bool]]:
    """``(code, known)`` of every finding of the selected rules."""
    return [(f.code, f.known) for f in report(data, select, **options).findings]
