"""Hypothesis strategies for the values of :mod:`uguaglianza.dates`."""

from __future__ import annotations

import calendar
from datetime import date

from hypothesis import strategies as st

from uguaglianza.dates import Duration, PartialDate, Period, Recurrence

MIN_DATE = date(1000, 1, 1)
MAX_DATE = date(9999, 12, 31)

#: Italian month names, January first.
MESI = (
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
)
#: Italian weekday names, Monday first.
GIORNI = ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica")

dates = st.dates(min_value=MIN_DATE, max_value=MAX_DATE)


@st.composite
def partial_dates(draw: st.DrawFn, min_year: int = 1000, max_year: int = 9999) -> PartialDate:
    """A partial date of any precision, with years in *min_year*..*max_year*."""
    year = draw(st.integers(min_year, max_year))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(year)
    month = draw(st.integers(1, 12))
    if precision == "month":
        return PartialDate(year, month)
    return PartialDate(year, month, draw(st.integers(1, calendar.monthrange(year, month)[1])))


def periods(min_year: int = 1000, max_year: int = 9999) -> st.SearchStrategy[Period]:
    """A period with open or partial-date ends, ordered or not."""
    ends = st.none() | partial_dates(min_year, max_year)
    return st.builds(Period, start=ends, end=ends)


parts = st.integers(0, 9999)
durations = st.builds(Duration, years=parts, months=parts, weeks=parts, days=parts)

#: Rules that fall on some day in every few years, whatever the start.
RULES = (
    "FREQ=DAILY",
    "FREQ=DAILY;INTERVAL=3",
    "FREQ=DAILY;BYDAY=MO,WE,FR",
    "FREQ=WEEKLY",
    "FREQ=WEEKLY;BYDAY=TU",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;WKST=SU",
    "FREQ=MONTHLY",
    "FREQ=MONTHLY;INTERVAL=2",
    "FREQ=MONTHLY;BYMONTHDAY=-1",
    "FREQ=MONTHLY;BYDAY=-1FR",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1",
    "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=YEARLY",
    "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=8",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO",
    "FREQ=YEARLY;BYYEARDAY=100",
    "FREQ=MONTHLY;COUNT=5",
    "FREQ=WEEKLY;UNTIL=20500101",
)
recurrences = st.sampled_from(RULES).map(Recurrence)
