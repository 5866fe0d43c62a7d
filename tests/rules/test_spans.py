"""Comparing partial dates and periods when only certainty counts."""

from __future__ import annotations

import pytest

from uguaglianza.dates import PartialDate, Period
from uguaglianza.rules.spans import outside, overlapping, year_of


def _period(text: str | None) -> Period | None:
    return None if text is None else Period.parse(text)


@pytest.mark.parametrize(
    ("periods", "pairs"),
    [
        (["2010..2014", "2015..2020"], []),
        (["2010..2014", "2014..2020"], []),  # the change year is uncertain
        (["2010-01-01..2014-06-30", "2014-06-30.."], []),  # touching on one day
        (["2010..2014", "2013..2020"], [(1, 0)]),
        ([None, "2013..2020"], [(1, 0)]),  # no period: always
        (["2010..", "2030..", "2020..2021"], [(2, 0), (1, 0)]),
        (["2022..2021", "2021..2022"], []),  # a reversed period covers no day
    ],
)
def test_overlapping(periods, pairs):
    items = [(_period(text), i) for i, text in enumerate(periods)]
    assert list(overlapping(items)) == pairs


@pytest.mark.parametrize(
    ("inner", "outer", "expected"),
    [
        ("2022..2023", "2021..2026", False),
        ("2020..2023", "2021..2026", True),
        ("2022..2027", "2021..2026", True),
        ("2021..2026", "2021-06..2026", False),  # 2021 may be after June
        ("2022..", "2021..2026", False),  # open: nothing certain
        ("..2022", "2021..", False),
    ],
)
def test_outside(inner, outer, expected):
    assert outside(Period.parse(inner), Period.parse(outer)) is expected


def test_year_of():
    assert year_of(PartialDate.parse("2022-05")) == 2022
    assert year_of(PartialDate.parse("2022")) == 2022
