"""Python input in the forms people type; files keep their strict forms."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pandas as pd
import pytest
from pydantic import ValidationError

import uguaglianza
from uguaglianza.dates import PartialDate, Period
from uguaglianza.model import PlanDocument
from uguaglianza.model._base import Money
from uguaglianza.model.actors import Organisation
from uguaglianza.model.machinery import Meeting
from uguaglianza.model.plan import Action

ORG = Organisation(id="comune", name="Comune", kind="comune")


def codes(error: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [item["type"] for item in error.value.errors()]


@pytest.mark.parametrize(
    ("given", "start", "end"),
    [
        ("2026..2028", "2026", "2028"),
        ("2026-03..", "2026-03", None),
        (("2026", "2028"), "2026", "2028"),
        ([2026, "2028-06"], "2026", "2028-06"),
        ((dt.date(2026, 1, 15), None), "2026-01-15", None),
        ((pd.Timestamp("2026-09-15"), dt.datetime(2027, 1, 1)), "2026-09-15", "2027-01-01"),
    ],
)
def test_periods_read_as_typed(given: Any, start: str | None, end: str | None) -> None:
    period = Action(id="a", name="A", period=given).period
    assert period is not None
    assert period.start == (None if start is None else PartialDate.parse(start))
    assert period.end == (None if end is None else PartialDate.parse(end))


@pytest.mark.parametrize(
    ("given", "amount", "currency"),
    [
        ("15000 EUR", Decimal("15000"), "EUR"),
        ("1500.50 CHF", Decimal("1500.50"), "CHF"),
        (Decimal("12.5"), Decimal("12.5"), "EUR"),
        (15000, Decimal("15000"), "EUR"),
        (("24000", "EUR"), Decimal("24000"), "EUR"),
        ((Decimal("3.20"), "USD"), Decimal("3.20"), "USD"),
        (Money(amount=Decimal(7), currency="EUR"), Decimal("7"), "EUR"),
    ],
)
def test_money_reads_as_typed(given: Any, amount: Decimal, currency: str) -> None:
    budget = Action(id="a", name="A", budget=given).budget
    assert budget == Money(amount=amount, currency=currency)
    assert str(budget.amount) == str(amount)  # exact: the digits are kept


@pytest.mark.parametrize(
    ("given", "code", "words"),
    [
        ("15.000 EUR", "money_text", "ambiguous"),
        ("15000", "money_text", "currency code"),
        ("EUR 15000", "money_text", "15000 EUR"),
        (1.5, "inexact_number", "not exact"),
        (("-5", "EUR"), "greater_than_equal", "minus"),
    ],
)
def test_money_that_cannot_be_read_exactly_is_refused(given: Any, code: str, words: str) -> None:
    with pytest.raises(ValidationError) as error:
        Action(id="a", name="A", budget=given)
    assert code in codes(error)
    assert words in str(error.value)


def test_an_entity_stands_for_its_id() -> None:
    action = Action(id="a", name="A", lead=ORG, partners=[ORG])
    assert action.lead == "comune"
    assert action.partners == ("comune",)
    assert Meeting(id="m", participants=[ORG]).participants == ("comune",)


def test_an_entity_of_the_wrong_kind_is_named_in_the_error() -> None:
    other = Action(id="other", name="Other")
    with pytest.raises(ValidationError) as error:
        Action(id="a", name="A", lead=other)
    assert codes(error) == ["wrong_reference_kind"]
    assert "'other' is an action" in str(error.value)


def test_a_date_only_datetime_is_a_date_but_a_time_of_day_is_refused() -> None:
    assert Meeting(id="m", date=dt.datetime(2026, 2, 20)).date == PartialDate(2026, 2, 20)
    assert Meeting(id="m", date=pd.Timestamp("2026-02-20")).date == PartialDate(2026, 2, 20)
    for bad in (
        dt.datetime(2026, 2, 20, 10, 30),
        pd.Timestamp("2026-02-20 00:00:01"),
        dt.datetime(2026, 2, 20, tzinfo=dt.UTC),
    ):
        with pytest.raises(ValidationError) as error:
            Meeting(id="m", date=bad)
        assert "give the date only, e.g. 2026-02-20" in str(error.value)


def test_a_wrong_code_is_caught_when_the_entity_is_built() -> None:
    with pytest.raises(ValidationError) as error:
        Action(id="a", name="A", kind="actoin")
    assert codes(error) == ["unknown_code"]
    assert "did you mean" in str(error.value) and "'action'" in str(error.value)
    with pytest.raises(ValidationError):
        Organisation(id="o", name="O", kind="municipality")


def test_a_code_the_document_declares_is_accepted(minimal: Any) -> None:
    data = minimal()
    data["codelists"] = {"action_kinds": [{"code": "pilot", "name": "Sperimentazione"}]}
    data["plan"]["actions"][0]["kind"] = "pilot"
    # Inside the document, from data or from a file, the document checks its own codes.
    assert PlanDocument.model_validate(data).plan.actions[0].kind == "pilot"
    assert uguaglianza.loads(json.dumps(data)).plan.actions[0].kind == "pilot"
    # Built on its own, the entity takes the declared code from the validation context.
    context = {"codelists": {"action_kinds": ["pilot"]}}
    action = Action.model_validate({"id": "a", "name": "A", "kind": "pilot"}, context=context)
    assert action.kind == "pilot"
    del data["codelists"]
    with pytest.raises(ValidationError) as error:
        PlanDocument.model_validate(data)
    assert codes(error) == ["unknown_code"]


def test_a_document_takes_entities_built_in_python(minimal: Any) -> None:
    doc = uguaglianza.from_data(minimal())
    action = Action(id="a-new", name="B", lead=doc.organisations[0], period="2026..2028")
    plan = doc.plan.model_copy(update={"actions": (*doc.plan.actions, action)})
    built = PlanDocument.model_validate({**doc.model_dump(), "plan": plan})
    assert built.plan.actions[-1].lead == "org-cm"


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("plan", "period"), "2026..2028"),
        (("plan", "period"), ["2026", "2028"]),
        (("plan", "actions", 0, "budget"), "15000 EUR"),
        (("plan", "actions", 0, "budget"), 15000),
        (("plan", "actions", 0, "budget"), ["15000", "EUR"]),
    ],
)
def test_files_keep_their_strict_forms(minimal: Any, path: tuple[Any, ...], value: Any) -> None:
    data = minimal()
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    text = json.dumps(data)
    with pytest.raises(uguaglianza.DocumentError):
        uguaglianza.loads(text)
    with pytest.raises(ValidationError):
        PlanDocument.model_validate_json(text)
    # The same values given from Python are read.
    assert PlanDocument.model_validate(data).plan is not None


def test_period_parse_and_natural_input_agree() -> None:
    assert Action(id="a", name="A", period="..2028").period == Period.parse("..2028")
