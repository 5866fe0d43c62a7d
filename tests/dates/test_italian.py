"""parse_italian_date: Italian textual dates, with the precision the text gives."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.dates.strategies import GIORNI, MESI
from uguaglianza.dates import (
    MAX_TEXT_CHARS,
    DateValueError,
    ItalianParserInfo,
    PartialDate,
    parse_italian_date,
)

P = PartialDate


@pytest.mark.parametrize(
    ("text", "default_year", "expected"),
    [
        ("10 maggio 2022", None, P(2022, 5, 10)),
        ("26 maggio", 2022, P(2022, 5, 26)),
        ("9 marzo 2022", None, P(2022, 3, 9)),
        ("1° gennaio 2023", None, P(2023, 1, 1)),
        ("1º gennaio 2023", None, P(2023, 1, 1)),
        ("1 gennaio 2023", None, P(2023, 1, 1)),
        ("lunedì 10 maggio 2022", None, P(2022, 5, 10)),
        ("Lunedi 9 Maggio 2022", None, P(2022, 5, 9)),
        ("martedì, 10 maggio 2022", None, P(2022, 5, 10)),
        ("mart. 10 mag. 2022", None, P(2022, 5, 10)),
        ("giovedì 9 marzo", 2023, P(2023, 3, 9)),
        ("maggio 2022", None, P(2022, 5)),
        ("MAGGIO 2022", None, P(2022, 5)),
        ("maggio del 2022", None, P(2022, 5)),
        ("luglio", 2022, P(2022, 7)),
        ("2022", None, P(2022)),
        ("2022", 1999, P(2022)),
        ("10/05/2022", None, P(2022, 5, 10)),
        ("10.05.2022", None, P(2022, 5, 10)),
        ("10-05-2022", None, P(2022, 5, 10)),
        ("1/5/2022", None, P(2022, 5, 1)),
        ("05/2022", None, P(2022, 5)),
        ("2022-05-10", None, P(2022, 5, 10)),
        ("2022-05", None, P(2022, 5)),
        ("2022/05/10", None, P(2022, 5, 10)),
        ("2022.5.10", None, P(2022, 5, 10)),
        ("  il 10   maggio 2022 ", None, P(2022, 5, 10)),
        ("10 sett 2022", None, P(2022, 9, 10)),
        ("10 set 2022", None, P(2022, 9, 10)),
        ("3 gen 2022", None, P(2022, 1, 3)),
        ("mar 2022", None, P(2022, 3)),  # "mar" is March, never Tuesday
        ("29 febbraio", 2024, P(2024, 2, 29)),
        ("29 febbraio 2024", None, P(2024, 2, 29)),
    ],
)
def test_reads(text: str, default_year: int | None, expected: PartialDate) -> None:
    value = parse_italian_date(text, default_year=default_year)
    assert value == expected
    assert value.precision == expected.precision


@pytest.mark.parametrize(
    ("text", "default_year", "fragment"),
    [
        ("26 maggio", None, "has no year"),
        ("luglio", None, "has no year"),
        ("29 febbraio", 2023, "February 2023 has 28 days"),
        ("30 febbraio 2022", None, "cannot read '30 febbraio 2022'"),
        ("31/04/2022", None, "cannot read"),
        ("2022-02-30", None, "February 2022 has 28 days"),
        ("2022/13/01", None, "month 13"),
        ("10/05/22", None, "two-digit year"),
        ("10 maggio 22", None, "two-digit year"),
        ("10", 2022, "no month"),
        ("lunedì", 2022, "weekday but no day"),
        ("lunedì maggio 2022", None, "weekday but no day"),
        ("10 maggio 2022 10:30", None, "time of day"),
        ("10 maggio 2022 ore 10", None, "cannot read"),
        ("10 maggio 2022 a Bologna", None, "cannot read"),
        ("10 May 2022", None, "cannot read"),
        ("garbage", None, "cannot read 'garbage'"),
        ("", None, "empty"),
        ("   ", None, "empty"),
        ("10 maggio 12022", None, "cannot read"),
        ("10 maggio 0999", None, "year 999"),
        ("1" * 30, None, "cannot read"),
        ("x" * (MAX_TEXT_CHARS + 1), None, "longer than 100 characters"),
        ("2022", 99, "default_year"),
        ("2022", True, "default_year"),
    ],
)
def test_rejects(text: str, default_year: int | None, fragment: str) -> None:
    with pytest.raises(DateValueError, match=fragment):
        parse_italian_date(text, default_year=default_year)


def test_rejects_a_non_string() -> None:
    with pytest.raises(TypeError):
        parse_italian_date(20220510)  # type: ignore[arg-type]


def test_parser_info_knows_italian_names() -> None:
    info = ItalianParserInfo()
    assert info.month("Maggio") == 5
    assert info.month("sett") == 9
    assert info.month("mar") == 3
    assert info.weekday("lunedì") == 0
    assert info.weekday("LUNEDI") == 0
    assert info.weekday("domenica") == 6
    assert info.weekday("mar") is None


@settings(deadline=None)
@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)), st.booleans())
def test_reads_every_written_out_day(day: date, with_weekday: bool) -> None:
    text = f"{day.day} {MESI[day.month - 1]} {day.year}"
    if with_weekday:
        text = f"{GIORNI[day.weekday()]} {text}"
    assert parse_italian_date(text) == PartialDate.from_date(day)
    numeric = f"{day.day:02d}/{day.month:02d}/{day.year}"
    assert parse_italian_date(numeric) == PartialDate.from_date(day)
    assert parse_italian_date(day.isoformat()) == PartialDate.from_date(day)


@settings(deadline=None)
@given(st.integers(1000, 9999), st.integers(1, 12), st.integers(1000, 9999))
def test_never_invents_a_day_or_a_year(year: int, month: int, default_year: int) -> None:
    assert parse_italian_date(f"{MESI[month - 1]} {year}") == PartialDate(year, month)
    assert parse_italian_date(MESI[month - 1], default_year=default_year) == PartialDate(
        default_year, month
    )
    assert parse_italian_date(str(year), default_year=default_year) == PartialDate(year)


@settings(deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_a_partial_date_or_a_date_value_error(text: str) -> None:
    try:
        value = parse_italian_date(text, default_year=2022)
    except DateValueError as exc:
        assert str(exc)
    else:
        assert isinstance(value, PartialDate)


@settings(deadline=None)
@given(
    st.lists(
        st.sampled_from([*MESI, *GIORNI, "10", "2022", "/", ".", "-", " ", "°", ":", "di"]),
        max_size=8,
    )
)
def test_date_like_token_soup_never_escapes(tokens: list[str]) -> None:
    with contextlib.suppress(DateValueError):
        parse_italian_date(" ".join(tokens), default_year=2022)
