"""The date types as pydantic fields: inputs, errors, JSON round trips and JSON Schema."""

from __future__ import annotations

import functools
import json
import pickle
import re
from datetime import date, datetime
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.dates.strategies import durations, partial_dates, periods, recurrences
from uguaglianza.dates import (
    DURATION_PATTERN,
    PARTIAL_DATE_PATTERN,
    RECURRENCE_PATTERN,
    Duration,
    PartialDate,
    Period,
    Recurrence,
)


class Record(pydantic.BaseModel):
    """A model with one field of each type, as the document models use them."""

    model_config = pydantic.ConfigDict(frozen=True, extra="forbid")

    date: PartialDate | None = None
    period: Period | None = None
    duration: Duration | None = None
    cadence: Recurrence | None = None
    dates: list[PartialDate] = []


records = st.builds(
    Record,
    date=st.none() | partial_dates(),
    period=st.none() | periods(),
    duration=st.none() | durations,
    cadence=st.none() | recurrences,
    dates=st.lists(partial_dates(), max_size=3),
)


@functools.cache
def validator(mode: str = "validation") -> jsonschema.Draft202012Validator:
    schema = Record.model_json_schema(mode=mode)  # type: ignore[arg-type]
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def errors(data: dict[str, Any]) -> list[Any]:
    with pytest.raises(pydantic.ValidationError) as info:
        Record.model_validate(data)
    return info.value.errors()


@settings(deadline=None)
@given(records)
def test_json_round_trip(record: Record) -> None:
    text = record.model_dump_json()
    assert Record.model_validate_json(text) == record
    assert Record.model_validate(json.loads(text)) == record
    assert Record.model_validate(record.model_dump()) == record
    assert pickle.loads(pickle.dumps(record)) == record


@settings(deadline=None)
@given(records)
def test_json_output_validates_against_the_schema(record: Record) -> None:
    data = record.model_dump(mode="json")
    validator().validate(data)
    validator("serialization").validate(data)


def test_python_mode_keeps_the_value_types() -> None:
    record = Record(
        date=PartialDate(2022, 5),
        period=Period.parse("2021.."),
        duration=Duration(years=2),
        cadence=Recurrence("FREQ=MONTHLY"),
    )
    dumped = record.model_dump()
    assert dumped["date"] == PartialDate(2022, 5)
    assert dumped["period"] == {"start": PartialDate(2021), "end": None}
    assert dumped["duration"] == Duration(years=2)
    assert dumped["cadence"] == Recurrence("FREQ=MONTHLY")
    assert record.model_dump(mode="json") == {
        "date": "2022-05",
        "period": {"start": "2021", "end": None},
        "duration": "P2Y",
        "cadence": "FREQ=MONTHLY",
        "dates": [],
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022", PartialDate(2022)),
        ("2022-05-10", PartialDate(2022, 5, 10)),
        (2022, PartialDate(2022)),  # YAML's `date: 2022`
        (date(2022, 5, 10), PartialDate(2022, 5, 10)),  # YAML's `date: 2022-05-10`
        (PartialDate(2022, 5), PartialDate(2022, 5)),
    ],
)
def test_partial_date_inputs(value: object, expected: PartialDate) -> None:
    assert Record.model_validate({"date": value}).date == expected


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("10 maggio 2022", "write it as 2022-05-10"),
        ("maggio 2022", "write it as 2022-05"),
        ("10/05/2022", "write it as 2022-05-10"),
        ("26 maggio", "write it with its year, as YYYY-05-26"),
        (" 2022", "write it as 2022"),
        ("2022-02-30", "February 2022 has 28 days"),
        ("garbage", "not an ISO date"),
        (999, "year 999"),
        (True, "got bool"),
        (2022.0, "got float"),
        (datetime(2022, 5, 10, 9, 30), "datetime is not a date"),
        ([2022], "got list"),
    ],
)
def test_partial_date_errors(value: object, fragment: str) -> None:
    (error,) = errors({"date": value})
    assert error["type"] == "partial_date"
    assert error["loc"] == ("date",)
    assert fragment in error["msg"]


def test_period_fields() -> None:
    record = Record.model_validate({"period": {"start": 2021, "end": "2026"}})
    assert record.period == Period.parse("2021..2026")
    (error,) = errors({"period": {"start": "10 maggio 2022"}})
    assert error["loc"] == ("period", "start")
    assert "write it as 2022-05-10" in error["msg"]
    # Disordered periods are left to a semantic rule that reports a code.
    assert Record.model_validate({"period": {"start": "2026", "end": "2021"}}).period is not None


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("due anni", "write it as P2Y"),
        ("un anno e mezzo", "write it as P1Y6M"),
        ("P1.5Y", "such as P2Y"),
        ("P", "not an ISO 8601 duration"),
        (24, "got int"),
    ],
)
def test_duration_errors(value: object, fragment: str) -> None:
    (error,) = errors({"duration": value})
    assert error["type"] == "duration"
    assert fragment in error["msg"]


def test_duration_inputs() -> None:
    assert Record.model_validate({"duration": "P18M"}).duration == Duration(months=18)
    assert Record.model_validate({"duration": Duration(weeks=6)}).duration == Duration(weeks=6)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("freq=monthly", "write it as FREQ=MONTHLY"),
        ("INTERVAL=2;FREQ=MONTHLY", "write it as FREQ=MONTHLY;INTERVAL=2"),
        ("FREQ=MONTHLY;INTERVAL=0", "INTERVAL"),
        ("ogni due mesi", "not NAME=VALUE"),
        (5, "got int"),
    ],
)
def test_recurrence_errors(value: object, fragment: str) -> None:
    (error,) = errors({"cadence": value})
    assert error["type"] == "recurrence"
    assert fragment in error["msg"]


def test_recurrence_inputs() -> None:
    record = Record.model_validate({"cadence": "FREQ=WEEKLY;BYDAY=TU"})
    assert record.cadence == Recurrence("FREQ=WEEKLY;BYDAY=TU")


def test_schema_of_each_type() -> None:
    properties = Record.model_json_schema()["properties"]
    date_schema = properties["date"]["anyOf"][0]
    assert date_schema["anyOf"] == [
        {"type": "string", "pattern": PARTIAL_DATE_PATTERN},
        {"type": "integer", "minimum": 1000, "maximum": 9999},
    ]
    assert date_schema["description"]
    assert properties["duration"]["anyOf"][0]["pattern"] == DURATION_PATTERN
    assert properties["cadence"]["anyOf"][0]["pattern"] == RECURRENCE_PATTERN
    serialised = Record.model_json_schema(mode="serialization")["properties"]["date"]
    assert serialised["anyOf"][0]["type"] == "string"


def _patterns(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return found + [p for value in node.values() for p in _patterns(value)]
    if isinstance(node, list):
        return [p for value in node for p in _patterns(value)]
    return []


def test_patterns_are_portable() -> None:
    # No lookaround, backreferences, named groups or Python-only classes (ECMA-262 and RE2 safe).
    for pattern in _patterns(Record.model_json_schema()):
        assert not re.search(r"\(\?|\\[dwsbAZ]|\\[1-9]", pattern), pattern


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date", "10 maggio 2022"),
        ("date", "2022-13"),
        ("date", 999),
        ("duration", "due anni"),
        ("duration", "P"),
        ("duration", "PT1H"),
        ("cadence", "freq=monthly"),
        ("cadence", "FREQ=HOURLY"),
        ("cadence", "FREQ=DAILY;BYHOUR=9"),
        ("period", {"start": "2021", "until": "2026"}),
    ],
)
def test_schema_rejects_what_python_rejects(field: str, value: object) -> None:
    assert not validator().is_valid({field: value})
    errors({field: value})


@given(st.from_regex(r"[0-9]{4}(-[0-9]{1,2}(-[0-9]{1,2})?)?", fullmatch=True))
def test_schema_accepts_every_partial_date_python_accepts(text: str) -> None:
    try:
        Record.model_validate({"date": text})
    except pydantic.ValidationError:
        return
    assert validator().is_valid({"date": text})
