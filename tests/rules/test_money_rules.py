"""UG413-UG415: yearly amounts add up, grants stay within their fund, shares make 100 %."""

from __future__ import annotations

import pytest

from tests.rules.lifecycle_docs import codes, doc


def eur(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "EUR"}


def years(*amounts: tuple[int, str]) -> list[dict[str, object]]:
    return [{"year": year, "amount": eur(amount)} for year, amount in amounts]


FUND = {"id": "fondo", "name": "Fondo", "budget": eur("100000")}
CALL = {"id": "avviso", "name": "Avviso", "fund": "fondo"}


def grant(gid: str, amount: str, **fields: object) -> dict[str, object]:
    return {"id": gid, "name": gid, "recipient": "comune", "amount": eur(amount), **fields}


YEARLY = [
    pytest.param(
        [
            (
                "plan.resources",
                {"budget": eur("300"), "by_year": years((2023, "100"), (2024, "200"))},
            )
        ],
        [],
        id="resources-add-up",
    ),
    pytest.param(
        [
            (
                "plan.resources",
                {
                    "budget": eur("300"),
                    "by_year": years((2023, "100"), (2024, "100"), (2025, "150")),
                },
            )
        ],
        [("UG413", True)],
        id="resources-over",
    ),
    pytest.param(
        [("plan.resources", {"budget": eur("300"), "by_year": years((2023, "100"))})],
        [("UG413", False)],
        id="resources-years-missing-not-known",
    ),
    pytest.param(
        [
            ("funds", [FUND]),
            ("grants", [grant("g", "900", fund="fondo", by_year=years((2023, "400")))]),
        ],
        [("UG413", True)],
        id="grant-without-period",
    ),
    pytest.param(
        [
            (
                "plan.actions",
                [
                    {
                        "id": "a",
                        "name": "Azione",
                        "budget": eur("50"),
                        "budget_by_year": years((2023, "25"), (2024, "20")),
                        "period": {"start": "2023", "end": "2024"},
                    }
                ],
            )
        ],
        [("UG413", True)],
        id="action-budget-short-every-year-given",
    ),
    pytest.param(
        [
            (
                "transfers",
                [
                    {
                        "id": "t",
                        "payer": "comune",
                        "payee": "altro",
                        "amount": eur("10"),
                        "by_year": [{"year": 2023, "amount": {"amount": "4", "currency": "USD"}}],
                    }
                ],
            )
        ],
        [],
        id="other-currency-not-added",
    ),
]


@pytest.mark.parametrize(("edits", "expected"), YEARLY)
def test_yearly_amounts_add_up(edits, expected):
    assert codes(doc(edits), ["UG413"]) == expected


FUNDS = [
    pytest.param(
        [
            ("funds", [FUND]),
            ("calls", [CALL]),
            ("grants", [grant("g1", "60000", call="avviso"), grant("g2", "40000", fund="fondo")]),
        ],
        [],
        id="within",
    ),
    pytest.param(
        [
            ("funds", [FUND]),
            ("calls", [CALL]),
            ("grants", [grant("g1", "60000", call="avviso"), grant("g2", "40001", fund="fondo")]),
        ],
        [("UG414", True)],
        id="through-calls-and-straight",
    ),
    pytest.param(
        [
            ("funds", [FUND]),
            (
                "grants",
                [
                    grant("g1", "60000", fund="fondo"),
                    grant("g2", "90000", fund="fondo", status="revoked"),
                ],
            ),
        ],
        [],
        id="revoked-grant-not-counted",
    ),
]


@pytest.mark.parametrize(("edits", "expected"), FUNDS)
def test_grants_stay_within_the_fund(edits, expected):
    assert codes(doc(edits), ["UG414"]) == expected


def shares(*values: str | None) -> list[dict[str, object]]:
    parts: list[dict[str, object]] = []
    for n, value in enumerate(values):
        part: dict[str, object] = {"funder": ["comune", "altro", "pcm"][n]}
        if value is None:
            part["absent"] = {"share": "not_stated"}
        else:
            part["share"] = value
        parts.append(part)
    return parts


SHARES = [
    pytest.param(shares("80", "20"), [], id="hundred"),
    pytest.param(shares("80", "30"), [("UG415", True)], id="over"),
    pytest.param(shares("50", "30"), [("UG415", True)], id="under"),
    pytest.param(shares("70", None), [("UG415", False)], id="share-not-stated"),
    pytest.param(shares("70", "40", None), [("UG415", True)], id="over-even-without-one"),
]


@pytest.mark.parametrize(("parts", "expected"), SHARES)
def test_co_financing_shares_make_100(parts, expected):
    data = doc([("grants", [grant("g", "1000", co_financing=parts)])])
    assert codes(data, ["UG415"]) == expected


def test_every_rule_is_tested():
    from uguaglianza.rules.money import RULES

    cases = [*YEARLY, *FUNDS, *SHARES]
    triggered = {code for case in cases for code, known in case.values[-1] if known}
    assert {rule.code for rule in RULES} <= triggered
