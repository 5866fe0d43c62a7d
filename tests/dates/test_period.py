"""Period: open ends, spans, containment, overlap and inclusion."""

from __future__ import annotations

from datetime import date, datetime

import pydantic
import pytest
from hypothesis import given

from tests.dates.strategies import dates, partial_dates, periods
from uguaglianza.dates import DateValueError, PartialDate, Period

P = PartialDate


def period(text: str) -> Period:
    return Period.parse(text)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2021..2026", P(2021), P(2026)),
        ("2022-05..", P(2022, 5), None),
        ("..2026", None, P(2026)),
        ("..", None, None),
        ("2022-05-10..2022-05-26", P(2022, 5, 10), P(2022, 5, 26)),
        ("2026..2021", P(2026), P(2021)),
    ],
)
def test_parse_and_str(text: str, start: PartialDate | None, end: PartialDate | None) -> None:
    value = Period.parse(text)
    assert (value.start, value.end) == (start, end)
    assert str(value) == text


@pytest.mark.parametrize(
    "text", ["2021-2026", "2021...2026", "2021..2026..2030", "maggio 2022..", "2021 .. 2026", ""]
)
def test_parse_rejects(text: str) -> None:
    with pytest.raises(DateValueError):
        Period.parse(text)


def test_model_is_frozen_and_forbids_extra_fields() -> None:
    value = Period(start=P(2021))
    with pytest.raises(pydantic.ValidationError):
        value.start = P(2022)  # type: ignore[misc]
    with pytest.raises(pydantic.ValidationError, match="extra"):
        Period.model_validate({"start": "2021", "until": "2026"})
    assert Period.model_validate({"start": 2021, "end": "2026-06"}) == period("2021..2026-06")
    assert value == Period(start=P(2021), end=None)
    assert hash(value) == hash(Period(start=P(2021)))


def test_start_after_end_is_accepted_but_not_ordered() -> None:
    value = period("2026..2021")
    assert not value.is_ordered()
    assert not value.contains(date(2023, 1, 1))
    assert not value.overlaps(period(".."))
    assert value.within(period("2030..2031"))  # the empty set is within every set
    assert period("2022-05-10..2022-05").is_ordered()  # spans overlap
    assert period("2022..2022").is_ordered()
    assert period("..2021").is_ordered()


def test_ends() -> None:
    value = period("2021-03..2026")
    assert value.earliest() == date(2021, 3, 1)
    assert value.latest() == date(2026, 12, 31)
    assert period("..").earliest() is None
    assert period("..").latest() is None


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        ("2021..2026", [date(2021, 1, 1), date(2026, 12, 31), P(2023), P(2021, 1, 1)], []),
        ("2021..2026", [], [date(2020, 12, 31), date(2027, 1, 1), P(2020, 12), P(2027)]),
        ("2022-05..", [date(2022, 5, 1), date(9999, 12, 31), P(2022, 5)], [P(2022)]),
        ("..2026", [date(1000, 1, 1), P(2026)], [date(2027, 1, 1), P(2027)]),
        ("..", [date(2022, 1, 1), P(1000), P(9999)], []),
    ],
)
def test_contains(text: str, inside: list[date | PartialDate], outside: list[object]) -> None:
    value = period(text)
    for item in inside:
        assert value.contains(item), item
    for other in outside:
        assert not value.contains(other), other  # type: ignore[arg-type]


def test_active_on_and_type_errors() -> None:
    value = period("2021..2026")
    assert value.active_on(date(2024, 2, 29))
    assert not value.active_on(date(2027, 1, 1))
    with pytest.raises(TypeError):
        value.contains(datetime(2022, 1, 1))
    with pytest.raises(TypeError):
        value.contains("2022")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b", "overlaps", "a_within_b"),
    [
        ("2021..2026", "2026..2030", True, False),
        ("2021..2025", "2026..2030", False, False),
        ("2021-05..2021-05", "2021..2021", True, True),
        ("..", "2021..2022", True, False),
        ("2021..2022", "..", True, True),
        ("..2020", "2021..", False, False),
        ("..2021", "2021..", True, False),
        ("2022-05-10..2022-05-26", "2022-05..2022-05", True, True),
    ],
)
def test_overlaps_and_within(a: str, b: str, overlaps: bool, a_within_b: bool) -> None:
    assert period(a).overlaps(period(b)) is overlaps
    assert period(b).overlaps(period(a)) is overlaps
    assert period(a).within(period(b)) is a_within_b


@given(periods())
def test_parse_str_round_trip(value: Period) -> None:
    assert Period.parse(str(value)) == value


@given(periods(), periods(), dates)
def test_common_day_means_overlap(a: Period, b: Period, day: date) -> None:
    if a.contains(day) and b.contains(day):
        assert a.overlaps(b)


@given(periods(), periods())
def test_overlap_means_a_common_day(a: Period, b: Period) -> None:
    if not a.overlaps(b):
        return
    lows = [d for d in (a.earliest(), b.earliest()) if d is not None]
    highs = [d for d in (a.latest(), b.latest()) if d is not None]
    day = max(lows) if lows else min(highs) if highs else date(2022, 1, 1)
    assert a.contains(day)
    assert b.contains(day)


@given(periods(), partial_dates())
def test_contains_a_partial_date_iff_its_one_point_period_is_within(
    value: Period, point: PartialDate
) -> None:
    assert value.contains(point) == Period(start=point, end=point).within(value)
    if value.contains(point):
        assert value.overlaps(Period(start=point, end=point))


@given(periods(), periods())
def test_within_means_overlap_unless_empty(a: Period, b: Period) -> None:
    if a.within(b) and a.is_ordered() and b.is_ordered():
        assert a.overlaps(b)
    if a.within(b) and b.within(a):
        assert a.earliest() == b.earliest() or not a.is_ordered()


@given(periods(), dates)
def test_contains_matches_the_ends(value: Period, day: date) -> None:
    low, high = value.earliest(), value.latest()
    expected = (low is None or low <= day) and (high is None or day <= high)
    assert value.contains(day) == expected == value.active_on(day)
