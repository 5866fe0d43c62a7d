"""Duration: ISO 8601 and Italian text, canonical form and calendar arithmetic."""

from __future__ import annotations

import pickle
import re
from datetime import date, datetime

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from tests.dates.strategies import durations
from uguaglianza.dates import DURATION_PATTERN, DateValueError, Duration

D = Duration


@pytest.mark.parametrize(
    ("text", "expected", "canonical"),
    [
        ("P2Y", D(years=2), "P2Y"),
        ("P18M", D(months=18), "P18M"),
        ("P1Y6M", D(years=1, months=6), "P1Y6M"),
        ("P6W", D(weeks=6), "P6W"),
        ("P30D", D(days=30), "P30D"),
        ("P1Y2M3W4D", D(1, 2, 3, 4), "P1Y2M3W4D"),
        ("P0D", D(), "P0D"),
        ("P0Y", D(), "P0D"),
        ("P02Y", D(years=2), "P2Y"),
        ("  P2Y ", D(years=2), "P2Y"),
        ("due anni", D(years=2), "P2Y"),
        ("2 anni", D(years=2), "P2Y"),
        ("un anno", D(years=1), "P1Y"),
        ("Un Anno", D(years=1), "P1Y"),
        ("24 mesi", D(months=24), "P24M"),
        ("diciotto mesi", D(months=18), "P18M"),
        ("sei settimane", D(weeks=6), "P6W"),
        ("una settimana", D(weeks=1), "P1W"),
        ("30 giorni", D(days=30), "P30D"),
        ("un giorno", D(days=1), "P1D"),
        ("2 anni e 6 mesi", D(years=2, months=6), "P2Y6M"),
        ("un anno e mezzo", D(years=1, months=6), "P1Y6M"),
        ("due anni e mezzo", D(years=2, months=6), "P2Y6M"),
        ("tre anni", D(years=3), "P3Y"),
        ("ventiquattro mesi", D(months=24), "P24M"),
        ("ventitré mesi", D(months=23), "P23M"),
        ("un anno, sei mesi e due settimane", D(years=1, months=6, weeks=2), "P1Y6M2W"),
        ("sei mesi e un anno", D(years=1, months=6), "P1Y6M"),
    ],
)
def test_parse(text: str, expected: Duration, canonical: str) -> None:
    value = Duration.parse(text)
    assert value == expected
    assert str(value) == canonical


@pytest.mark.parametrize(
    "text",
    [
        "",
        "P",
        "P1.5Y",
        "PT1H",
        "P1DT2H",
        "P2Y1Y",
        "P1M1Y",
        "P-1Y",
        "p2y",
        "P10000Y",
        "2Y",
        "biennale",
        "venticinque anni",
        "anni",
        "due",
        "due anni e",
        "due anni e tre anni",
        "un mese e mezzo",
        "un anno e mezzo e sei mesi",
        "due anni sei mesi",
        "10000 anni",
        "due ore",
        "x" * 101,
    ],
)
def test_parse_rejects(text: str) -> None:
    with pytest.raises(DateValueError):
        Duration.parse(text)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"years": -1}, DateValueError),
        ({"days": 10_000}, DateValueError),
        ({"weeks": 1.5}, TypeError),
    ],
)
def test_constructor_rejects(kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        Duration(**kwargs)  # type: ignore[arg-type]


def test_structural_equality_and_total_months() -> None:
    assert D(months=18) != D(years=1, months=6)
    assert D(months=18).total_months() == D(years=1, months=6).total_months() == 18
    with pytest.raises(DateValueError, match="weeks or days"):
        D(years=1, days=1).total_months()


@pytest.mark.parametrize(
    ("duration", "start", "end"),
    [
        (D(years=2), date(2022, 5, 10), date(2024, 5, 10)),
        (D(months=1), date(2024, 1, 31), date(2024, 2, 29)),
        (D(years=1), date(2024, 2, 29), date(2025, 2, 28)),
        (D(weeks=6), date(2022, 1, 1), date(2022, 2, 12)),
        (D(years=1, months=6, days=1), date(2022, 1, 1), date(2023, 7, 2)),
    ],
)
def test_add_to(duration: Duration, start: date, end: date) -> None:
    assert duration.add_to(start) == end
    assert start + duration.to_relativedelta() == end


def test_add_to_rejects_overflow_and_datetimes() -> None:
    with pytest.raises(DateValueError, match="9999"):
        D(years=9999).add_to(date(2022, 1, 1))
    with pytest.raises(TypeError):
        D(years=1).add_to(datetime(2022, 1, 1))


def test_to_relativedelta() -> None:
    assert D(1, 18, 2, 3).to_relativedelta() == relativedelta(years=2, months=6, days=17)


def test_value_semantics() -> None:
    value = D(years=1, months=6)
    assert repr(value) == "Duration('P1Y6M')"
    assert pickle.loads(pickle.dumps(value)) == value
    assert len({value, D(1, 6)}) == 1
    with pytest.raises(AttributeError):
        value.years = 2  # type: ignore[misc]


@given(durations)
def test_parse_str_round_trip(value: Duration) -> None:
    text = str(value)
    assert Duration.parse(text) == value
    assert re.fullmatch(DURATION_PATTERN, text)


@given(st.from_regex(r"P([0-9]{1,5}[YMWD]){0,5}", fullmatch=True))
def test_pattern_accepts_exactly_what_parse_reads_as_iso(text: str) -> None:
    try:
        Duration.parse(text)
    except DateValueError:
        accepted = False
    else:
        accepted = True
    assert accepted == bool(re.fullmatch(DURATION_PATTERN, text))


WORDS = {1: "un", 2: "due", 3: "tre", 6: "sei", 12: "dodici", 18: "diciotto", 24: "ventiquattro"}


@given(
    st.fixed_dictionaries(
        {},
        optional={
            unit: st.one_of(st.integers(0, 9999).map(str), st.sampled_from(sorted(WORDS)))
            for unit in ("years", "months", "weeks", "days")
        },
    ).filter(bool)
)
def test_italian_words_match_iso(parts: dict[str, int | str]) -> None:
    names = {"years": "anni", "months": "mesi", "weeks": "settimane", "days": "giorni"}
    words = [
        f"{WORDS[amount] if isinstance(amount, int) else amount} {names[unit]}"
        for unit, amount in parts.items()
    ]
    text = " e ".join(words)
    expected = Duration(**{unit: int(amount) for unit, amount in parts.items()})
    assert Duration.parse(text) == expected
