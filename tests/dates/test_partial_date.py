"""PartialDate: construction, ISO parsing, spans, containment and ordering."""

from __future__ import annotations

import pickle
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.dates.strategies import dates, partial_dates
from uguaglianza.dates import DateValueError, PartialDate


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("2022", PartialDate(2022), "year"),
        ("2022-05", PartialDate(2022, 5), "month"),
        ("2022-05-10", PartialDate(2022, 5, 10), "day"),
        ("2024-02-29", PartialDate(2024, 2, 29), "day"),
        ("1000", PartialDate(1000), "year"),
        ("9999-12-31", PartialDate(9999, 12, 31), "day"),
    ],
)
def test_parse_iso(text: str, expected: PartialDate, precision: str) -> None:
    value = PartialDate.parse(text)
    assert value == expected
    assert value.precision == precision
    assert str(value) == text


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2023-02-29", "February 2023 has 28 days"),
        ("2022-04-31", "April 2022 has 30 days"),
        ("2022-13", "month 13"),
        ("2022-00", "month 0"),
        ("2022-05-00", "day 0"),
        ("0999", "year 999"),
        ("22", "not an ISO date"),
        ("2022-5", "not an ISO date"),
        ("2022-05-1", "not an ISO date"),
        (" 2022", "not an ISO date"),
        ("2022-05-10T00:00", "not an ISO date"),
        ("20220510", "not an ISO date"),
        ("२०२२", "not an ISO date"),  # Devanagari digits are digits, but not ISO ones
        ("", "not an ISO date"),
    ],
)
def test_parse_rejects(text: str, fragment: str) -> None:
    with pytest.raises(DateValueError, match=fragment):
        PartialDate.parse(text)


def test_parse_hints_the_iso_form_of_italian_text() -> None:
    with pytest.raises(DateValueError) as info:
        PartialDate.parse("10 maggio 2022")
    assert info.value.hint == "write it as 2022-05-10"
    assert "write it as 2022-05-10" in str(info.value)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((2022, None, 10), DateValueError),
        ((2022, 2, 30), DateValueError),
        ((10000,), DateValueError),
        ((2022.0,), TypeError),
        ((True,), TypeError),
        ((2022, "05"), TypeError),
    ],
)
def test_constructor_rejects(args: tuple[object, ...], error: type[Exception]) -> None:
    with pytest.raises(error):
        PartialDate(*args)  # type: ignore[arg-type]


def test_parse_needs_a_string() -> None:
    with pytest.raises(TypeError):
        PartialDate.parse(2022)  # type: ignore[arg-type]


def test_from_date() -> None:
    assert PartialDate.from_date(date(2022, 5, 10)) == PartialDate(2022, 5, 10)
    with pytest.raises(TypeError, match="datetime"):
        PartialDate.from_date(datetime(2022, 5, 10, 12, 0))


@pytest.mark.parametrize(
    ("value", "earliest", "latest"),
    [
        (PartialDate(2022), date(2022, 1, 1), date(2022, 12, 31)),
        (PartialDate(2024, 2), date(2024, 2, 1), date(2024, 2, 29)),
        (PartialDate(2023, 2), date(2023, 2, 1), date(2023, 2, 28)),
        (PartialDate(2022, 5, 10), date(2022, 5, 10), date(2022, 5, 10)),
    ],
)
def test_span(value: PartialDate, earliest: date, latest: date) -> None:
    assert value.earliest() == earliest
    assert value.latest() == latest


def test_contains() -> None:
    year = PartialDate(2022)
    assert year.contains(date(2022, 12, 31))
    assert not year.contains(date(2023, 1, 1))
    assert year.contains(PartialDate(2022, 5))
    assert not PartialDate(2022, 5).contains(year)
    with pytest.raises(TypeError):
        year.contains(datetime(2022, 5, 10))
    with pytest.raises(TypeError):
        year.contains("2022")  # type: ignore[arg-type]


def test_ordering_is_iso_string_order() -> None:
    values = [
        PartialDate(2022, 2),
        PartialDate(2022, 1, 2),
        PartialDate(2021, 12, 31),
        PartialDate(2022),
        PartialDate(2022, 1, 1),
        PartialDate(2022, 1),
    ]
    assert [str(v) for v in sorted(values)] == [
        "2021-12-31",
        "2022",
        "2022-01",
        "2022-01-01",
        "2022-01-02",
        "2022-02",
    ]


def test_comparison_with_other_types_is_an_error() -> None:
    assert PartialDate(2022) != "2022"  # type: ignore[comparison-overlap]
    assert PartialDate(2022) != date(2022, 1, 1)
    with pytest.raises(TypeError):
        _ = PartialDate(2022) < date(2022, 1, 1)  # type: ignore[operator]


def test_immutable_hashable_picklable_readable() -> None:
    value = PartialDate(2022, 5)
    with pytest.raises(AttributeError):
        value.year = 2023  # type: ignore[misc]
    assert {value: 1}[PartialDate(2022, 5)] == 1
    assert pickle.loads(pickle.dumps(value)) == value
    assert repr(value) == "PartialDate('2022-05')"


@given(partial_dates())
def test_parse_str_round_trip(value: PartialDate) -> None:
    assert PartialDate.parse(str(value)) == value
    assert hash(PartialDate.parse(str(value))) == hash(value)


@given(partial_dates(), partial_dates())
def test_ordering_is_total_and_consistent_with_spans(a: PartialDate, b: PartialDate) -> None:
    assert [a < b, a == b, a > b].count(True) == 1
    assert (a <= b) == (a < b or a == b)
    assert (a >= b) == (a > b or a == b)
    assert (a < b) == (str(a) < str(b))
    if a.earliest() < b.earliest():
        assert a < b
    if a.contains(b) and a != b:
        assert a < b  # the coarser one first


@given(partial_dates(), dates)
def test_contains_a_date_iff_within_the_span(value: PartialDate, day: date) -> None:
    assert value.contains(day) == (value.earliest() <= day <= value.latest())


@given(partial_dates())
def test_contains_itself_and_its_ends(value: PartialDate) -> None:
    assert value.contains(value)
    assert value.contains(value.earliest())
    assert value.contains(value.latest())
    assert value.earliest() <= value.latest()


@given(dates)
def test_from_date_round_trip(day: date) -> None:
    value = PartialDate.from_date(day)
    assert value.earliest() == value.latest() == day
    assert str(value) == day.isoformat()


@given(st.text(max_size=20))
def test_parse_never_raises_anything_but_date_value_error(text: str) -> None:
    try:
        value = PartialDate.parse(text)
    except DateValueError:
        return
    assert str(value) == text
