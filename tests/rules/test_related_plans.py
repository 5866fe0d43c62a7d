"""A plan document's related plans are checked for consistency, not under their profile."""

from __future__ import annotations

import datetime as dt
from typing import Any

import uguaglianza


def _pap(plan_id: str, period: str) -> dict[str, Any]:
    start, end = period.split("..")
    return {
        "id": plan_id,
        "kind": "positive_action_plan",
        "name": f"Piano di azioni positive {period}",
        "owner": "comune",
        "period": {"start": start, "end": end},
    }


def _document() -> Any:
    return uguaglianza.from_data(
        {
            "document": "plan",
            "schema_version": "2.0",
            "id": "pap-esempio",
            "organisations": [{"id": "comune", "kind": "comune", "name": "Comune di Esempio"}],
            "plan": _pap("pap-2025", "2025..2027"),
            "related_plans": [
                {
                    **_pap("pap-2022", "2022..2024"),
                    "period": {"start": "2022", "end": "2023"},  # two years: inconsistent
                    "links": [],
                }
            ],
        }
    )


def test_profile_rules_check_only_the_document_own_plan() -> None:
    report = uguaglianza.validate(_document(), as_of=dt.date(2025, 6, 1))
    cug = [f for f in report.findings if f.code == "UG602"]
    assert [f.path for f in cug] == ["plan"]  # not the related plan's opinions


def test_related_plans_are_checked_under_the_basic_profile() -> None:
    report = uguaglianza.validate(_document(), as_of=dt.date(2025, 6, 1), select=["UG601"])
    assert [f.path for f in report.findings] == []  # three years is a PAP-profile rule
    forced = uguaglianza.validate(
        _document(), as_of=dt.date(2025, 6, 1), select=["UG601"], profile="pap"
    )
    assert "related_plans[0].period" in [f.path for f in forced.findings]
