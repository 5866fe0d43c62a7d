"""Recurrence: RFC 5545 rules over days, canonical text and bounded occurrences."""

from __future__ import annotations

import pickle
import re
from datetime import date, datetime, timedelta

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.dates.strategies import RULES, recurrences
from uguaglianza.dates import RECURRENCE_PATTERN, DateValueError, Recurrence


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("FREQ=MONTHLY;INTERVAL=2", "FREQ=MONTHLY;INTERVAL=2"),
        ("FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;BYDAY=TU"),
        ("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=8", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=8"),
        ("freq=weekly;byday=tu", "FREQ=WEEKLY;BYDAY=TU"),
        ("INTERVAL=2;FREQ=MONTHLY;BYDAY=1MO", "FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO"),
        ("RRULE:FREQ=DAILY", "FREQ=DAILY"),
        (" FREQ = MONTHLY ; BYDAY = -1FR ", "FREQ=MONTHLY;BYDAY=-1FR"),
        ("FREQ=MONTHLY;BYDAY=+2TU", "FREQ=MONTHLY;BYDAY=+2TU"),
        (
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        ),
        ("FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO"),
        ("FREQ=YEARLY;BYYEARDAY=1,-1", "FREQ=YEARLY;BYYEARDAY=1,-1"),
        ("FREQ=WEEKLY;COUNT=10;WKST=SU", "FREQ=WEEKLY;COUNT=10;WKST=SU"),
        ("FREQ=MONTHLY;UNTIL=20261231", "FREQ=MONTHLY;UNTIL=20261231"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"),
    ],
)
def test_parse_canonical(text: str, canonical: str) -> None:
    value = Recurrence.parse(text)
    assert str(value) == canonical
    assert value == Recurrence(canonical)
    assert re.fullmatch(RECURRENCE_PATTERN, canonical)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("INTERVAL=2", "FREQ is missing"),
        ("FREQ=HOURLY", "not one of"),
        ("FREQ=MONTHLY;INTERVAL=0", "INTERVAL"),
        ("FREQ=MONTHLY;INTERVAL=two", "INTERVAL"),
        ("FREQ=MONTHLY;COUNT=0", "COUNT"),
        ("FREQ=MONTHLY;INTERVAL=+2", "INTERVAL"),
        ("FREQ=YEARLY;BYMONTH=+3", "BYMONTH"),
        ("FREQ=MONTHLY;FOO=1", "unknown rule part"),
        ("DTSTART:20220101T000000\nRRULE:FREQ=DAILY", "DTSTART"),
        ("RRULE:FREQ=DAILY\nRRULE:FREQ=WEEKLY", "more than one line"),
        ("DTSTART=20220101;FREQ=DAILY", "DTSTART"),
        ("FREQ=DAILY;BYHOUR=9", "BYHOUR"),
        ("FREQ=DAILY;BYMINUTE=0", "BYMINUTE"),
        ("FREQ=MONTHLY;INTERVAL=2;INTERVAL=3", "twice"),
        ("FREQ=MONTHLY;FREQ=WEEKLY", "twice"),
        ("FREQ=MONTHLY;;INTERVAL=2", "not NAME=VALUE"),
        ("FREQ=MONTHLY;", "not NAME=VALUE"),
        ("FREQ=MONTHLY;INTERVAL=", "empty or malformed"),
        ("FREQ=MONTHLY;BYMONTH=13", "BYMONTH"),
        ("FREQ=MONTHLY;BYMONTH=-1", "BYMONTH"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY"),
        ("FREQ=YEARLY;BYWEEKNO=54", "BYWEEKNO"),
        ("FREQ=YEARLY;BYYEARDAY=367", "BYYEARDAY"),
        ("FREQ=WEEKLY;BYDAY=XX", "BYDAY"),
        ("FREQ=MONTHLY;BYDAY=54MO", "ordinal outside"),
        ("FREQ=MONTHLY;BYDAY=0MO", "ordinal outside"),
        ("FREQ=WEEKLY;BYDAY=1MO", "ordinal"),
        ("FREQ=YEARLY;BYWEEKNO=1;BYDAY=1MO", "ordinal"),
        ("FREQ=WEEKLY;WKST=XX", "WKST"),
        ("FREQ=MONTHLY;UNTIL=20261231T000000Z", "UNTIL"),
        ("FREQ=MONTHLY;UNTIL=20260231", "February 2026 has 28 days"),
        ("FREQ=MONTHLY;COUNT=2;UNTIL=20261231", "COUNT and UNTIL"),
        ("FREQ=MONTHLY;BYWEEKNO=1", "BYWEEKNO cannot be used with FREQ=MONTHLY"),
        ("FREQ=DAILY;BYYEARDAY=1", "BYYEARDAY cannot be used"),
        ("FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY cannot be used"),
        ("FREQ=MONTHLY;BYSETPOS=1", "BYSETPOS needs another"),
        ("FREQ=DAILY;BYDAY=MO;BYSETPOS=2", "never falls on a day"),
        ("FREQ=WEEKLY;BYDAY=MO;BYSETPOS=8,-8", "never falls on a day"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30,31", "never falls on a day"),
        ("FREQ=DAILY;BYMONTH=4,6;BYMONTHDAY=-31", "never falls on a day"),
        ("FREQ=MONTHLY;BYDAY=MO TU", "malformed"),
        ("FREQ=" + "MONTHLY" * 80, "longer than 500"),
    ],
)
def test_parse_rejects(text: str, fragment: str) -> None:
    with pytest.raises(DateValueError, match=fragment) as info:
        Recurrence.parse(text)
    assert isinstance(info.value, ValueError)


def test_rejects_a_non_string() -> None:
    with pytest.raises(TypeError):
        Recurrence(12)  # type: ignore[arg-type]


def test_parts_and_freq() -> None:
    value = Recurrence("interval=2;freq=monthly;byday=1mo")
    assert value.freq == "MONTHLY"
    assert value.parts == (("FREQ", "MONTHLY"), ("INTERVAL", "2"), ("BYDAY", "1MO"))


def test_value_semantics() -> None:
    value = Recurrence("FREQ=WEEKLY;BYDAY=TU")
    assert repr(value) == "Recurrence('FREQ=WEEKLY;BYDAY=TU')"
    assert pickle.loads(pickle.dumps(value)) == value
    assert hash(value) == hash(Recurrence("freq=weekly;byday=tu"))
    assert value != Recurrence("FREQ=WEEKLY;BYDAY=TU;INTERVAL=1")
    with pytest.raises(AttributeError):
        value.text = "FREQ=DAILY"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("rule", "start", "until", "expected"),
    [
        (
            "FREQ=MONTHLY;INTERVAL=2",
            date(2022, 1, 15),
            date(2022, 7, 31),
            [date(2022, 1, 15), date(2022, 3, 15), date(2022, 5, 15), date(2022, 7, 15)],
        ),
        (
            "FREQ=WEEKLY;BYDAY=TU",
            date(2022, 5, 1),
            date(2022, 5, 24),
            [date(2022, 5, 3), date(2022, 5, 10), date(2022, 5, 17), date(2022, 5, 24)],
        ),
        (
            "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=8",
            date(2022, 1, 1),
            date(2024, 12, 31),
            [date(2022, 3, 8), date(2023, 3, 8), date(2024, 3, 8)],
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=31",
            date(2024, 1, 1),
            date(2024, 5, 31),
            [date(2024, 1, 31), date(2024, 3, 31), date(2024, 5, 31)],
        ),
        (
            "FREQ=MONTHLY;BYDAY=-1FR",
            date(2022, 1, 1),
            date(2022, 3, 1),
            [date(2022, 1, 28), date(2022, 2, 25)],
        ),
        (
            "FREQ=MONTHLY;COUNT=2",
            date(2022, 1, 1),
            date(2030, 1, 1),
            [date(2022, 1, 1), date(2022, 2, 1)],
        ),
        (
            "FREQ=MONTHLY;UNTIL=20220301",
            date(2022, 1, 1),
            date(2030, 1, 1),
            [date(2022, 1, 1), date(2022, 2, 1), date(2022, 3, 1)],
        ),
        (
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
            date(9990, 1, 1),
            date(9999, 12, 31),
            [date(9992, 2, 29), date(9996, 2, 29)],
        ),
        ("FREQ=DAILY", date(2022, 1, 2), date(2022, 1, 1), []),
        ("FREQ=MONTHLY;UNTIL=20211231", date(2022, 1, 1), date(2030, 1, 1), []),
    ],
)
def test_occurrences(rule: str, start: date, until: date, expected: list[date]) -> None:
    assert Recurrence(rule).occurrences(start, until) == expected


def test_occurrences_limit_and_arguments() -> None:
    daily = Recurrence("FREQ=DAILY")
    assert len(daily.occurrences(date(1000, 1, 1), date(9999, 12, 31), limit=3)) == 3
    assert len(daily.occurrences(date(2000, 1, 1), date(2099, 12, 31))) == 1000
    with pytest.raises(ValueError, match="limit"):
        daily.occurrences(date(2022, 1, 1), date(2023, 1, 1), limit=0)
    with pytest.raises(TypeError):
        daily.occurrences(datetime(2022, 1, 1), date(2023, 1, 1))


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=YEARLY;BYYEARDAY=366;BYMONTH=1",  # valid, but no year has 31 days in January+
        "FREQ=YEARLY;INTERVAL=100;BYMONTH=2;BYMONTHDAY=29",  # 2001, 2101... are never leap
        "FREQ=MONTHLY;INTERVAL=12;BYMONTH=3",  # from January, only Januaries are visited
    ],
)
def test_occurrences_of_a_rule_that_never_falls_end(rule: str) -> None:
    # Without a bound dateutil would search to the year 9999 for each call.
    value = Recurrence(rule)
    assert value.occurrences(date(2001, 1, 1), date(2030, 12, 31)) == []
    assert value.occurrences(date(1001, 1, 1), date(9999, 12, 31)) == []


@settings(deadline=None, max_examples=60)
@given(
    recurrences,
    st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31)),
    st.integers(0, 800),
)
def test_occurrences_match_dateutil(rule: Recurrence, start: date, days: int) -> None:
    until = start + timedelta(days=days)
    found = rule.occurrences(start, until, limit=10_000)
    direct = rrulestr(str(rule), dtstart=datetime.combine(start, datetime.min.time()))
    expected = [
        moment.date()
        for moment in direct.between(
            datetime.combine(start, datetime.min.time()),
            datetime.combine(until, datetime.min.time()),
            inc=True,
        )
    ]
    assert found == expected


@settings(deadline=None, max_examples=60)
@given(
    recurrences,
    st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)),
    st.integers(0, 4000),
    st.integers(1, 50),
)
def test_occurrences_are_sorted_bounded_and_limited(
    rule: Recurrence, start: date, days: int, limit: int
) -> None:
    until = start + timedelta(days=min(days, (date(9999, 12, 31) - start).days))
    found = rule.occurrences(start, until, limit=limit)
    assert len(found) <= limit
    assert all(start <= day <= until for day in found)
    assert found == sorted(set(found))


@given(st.sampled_from(RULES))
def test_canonical_text_is_stable_and_matches_the_pattern(text: str) -> None:
    value = Recurrence(text)
    assert Recurrence(str(value)) == value
    assert str(Recurrence(str(value))) == str(value)
    assert re.fullmatch(RECURRENCE_PATTERN, str(value))


@given(st.text(max_size=60))
def test_any_text_is_a_rule_or_a_date_value_error(text: str) -> None:
    try:
        value = Recurrence(text)
    except DateValueError:
        return
    assert re.fullmatch(RECURRENCE_PATTERN, str(value))
