"""Calendar facts shared by the date types: year bounds, ISO forms and day-count checks."""

from __future__ import annotations

import calendar
import re

from uguaglianza.dates._errors import DateValueError

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "PARTIAL_DATE_PATTERN",
    "check_parts",
    "read_iso",
]

#: Earliest and latest year a date may have: four digits, as in ISO 8601 without expansion.
MIN_YEAR = 1000
MAX_YEAR = 9999

_YEAR = "[1-9][0-9]{3}"
_DAY_OF_MONTH = (
    "(0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])"  # months of 31 days
    "|(0[469]|11)-(0[1-9]|[12][0-9]|30)"  # months of 30 days
    "|02-(0[1-9]|1[0-9]|2[0-8])"
)
# Leap years from 1000: divisible by 4 but not by 100, or divisible by 400.
_LEAP_YEAR = "[1-9][0-9](0[48]|[2468][048]|[13579][26])|([2468][048]|[13579][26])00"

#: The ISO forms ``YYYY``, ``YYYY-MM`` and ``YYYY-MM-DD``, as a JSON Schema (ECMA-262)
#: pattern matching exactly the dates :class:`PartialDate` accepts: years 1000 to 9999,
#: real months, and real days, 29 February of leap years included.
PARTIAL_DATE_PATTERN = (
    f"^({_YEAR}(-(0[1-9]|1[0-2]))?|{_YEAR}-({_DAY_OF_MONTH})|({_LEAP_YEAR})-02-29)$"
)

# ASCII digits only: ``\d`` would also match digits of other scripts.
_ISO = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")

_MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def check_parts(year: object, month: object, day: object) -> None:
    """Raise unless *year*, *month*, *day* name a real year, month or day of the calendar.

    A wrong type is a ``TypeError``; a wrong value is a :class:`DateValueError`.
    """
    y = _as_int("year", year)
    m = None if month is None else _as_int("month", month)
    d = None if day is None else _as_int("day", day)
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise DateValueError(f"year {y} is outside {MIN_YEAR}..{MAX_YEAR}")
    if m is None:
        if d is not None:
            raise DateValueError(f"day {d} is given without a month")
        return
    if not 1 <= m <= 12:
        raise DateValueError(f"month {m} is outside 1..12")
    if d is None:
        return
    last = calendar.monthrange(y, m)[1]
    if not 1 <= d <= 31:
        raise DateValueError(f"day {d} is outside 1..31")
    if d > last:
        raise DateValueError(
            f"{y:04d}-{m:02d}-{d:02d} is not a real date: {_MONTH_NAMES[m]} {y} has {last} days"
        )


def _as_int(name: str, value: object) -> int:
    """*value* itself if it is an int (a bool is not), else a ``TypeError`` naming *name*."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    return value


def read_iso(text: str) -> tuple[int, int | None, int | None] | None:
    """The year, month and day of an ISO partial date, or ``None`` if *text* is not one.

    The parts are only split, not checked: pass them to :func:`check_parts`.
    """
    match = _ISO.fullmatch(text)
    if match is None:
        return None
    year, month, day = match.groups()
    return (
        int(year),
        None if month is None else int(month),
        None if day is None else int(day),
    )
