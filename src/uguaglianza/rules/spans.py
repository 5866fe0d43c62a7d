"""Comparing partial dates and periods when only certainty counts.

A partial date such as ``2022`` stands for any day of 2022, so a rule reports a problem
only when it holds for every reading: a period ending in ``2014`` and one starting in
``2014`` do not certainly overlap. A missing bound means "always" for validity periods
(a link still valid) and "unknown" for the dates checked against a plan or a body.
Periods that only touch on their boundary day do not overlap.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import TypeVar

import attrs

from uguaglianza.dates import PartialDate, Period

__all__ = [
    "Span",
    "active_on",
    "after",
    "before",
    "by",
    "certainly",
    "disordered",
    "outside",
    "overlapping",
    "span",
    "year_of",
]

T = TypeVar("T")

_MIN = datetime.date.min
_MAX = datetime.date.max


@attrs.frozen(slots=True)
class Span:
    """The earliest and latest readings of a period's start and end (open: min / max)."""

    start_lo: datetime.date
    start_hi: datetime.date
    end_lo: datetime.date
    end_hi: datetime.date


def span(period: Period | None) -> Span:
    """The readings of *period*; None is a period without bounds."""
    start = period.start if period is not None else None
    end = period.end if period is not None else None
    return Span(
        start.earliest() if start is not None else _MIN,
        start.latest() if start is not None else _MIN,
        end.earliest() if end is not None else _MAX,
        end.latest() if end is not None else _MAX,
    )


def before(day: PartialDate, bound: PartialDate) -> bool:
    """True when every reading of *day* falls before every reading of *bound*."""
    if day.year != bound.year:  # the common case, without building dates
        return day.year < bound.year
    return day.latest() < bound.earliest()


def after(day: PartialDate, bound: PartialDate) -> bool:
    """True when every reading of *day* falls after every reading of *bound*."""
    if day.year != bound.year:
        return day.year > bound.year
    return day.earliest() > bound.latest()


def by(first: PartialDate, second: PartialDate) -> bool | None:
    """Whether *first* falls on or before *second*: True or False for every reading, else None.

    ``by(2022-05, 2022-05-10)`` is None: May 2022 may fall either side of the 10th.
    """
    if first.latest() <= second.earliest():
        return True
    if first.earliest() > second.latest():
        return False
    return None


def certainly(answers: Iterable[bool | None]) -> bool | None:
    """Combine answers where one True suffices: True if any is, None if any is open, else False."""
    found: bool | None = False
    for answer in answers:
        if answer:
            return True
        if answer is None:
            found = None
    return found


def disordered(period: Period) -> bool:
    """True when *period* ends before it starts, so covers no day."""
    start, end = period.start, period.end
    if start is None or end is None or start.year < end.year:
        return False
    return start.year > end.year or not period.is_ordered()


def outside(inner: Period, outer: Period) -> bool:
    """True when *inner* certainly starts before or ends after *outer*; open bounds tell nothing."""
    early = inner.start is not None and outer.start is not None and before(inner.start, outer.start)
    late = inner.end is not None and outer.end is not None and after(inner.end, outer.end)
    return early or late


def year_of(day: PartialDate) -> int | None:
    """The year of *day* when it is known (``2022``, ``2022-05``...)."""
    first, last = day.earliest(), day.latest()
    return first.year if first.year == last.year else None


def active_on(period: Period | None, day: datetime.date) -> bool:
    """True when *period* (None: always) holds on *day*."""
    return period is None or period.active_on(day)


def overlapping(items: Iterable[tuple[Period | None, T]]) -> Iterator[tuple[T, T]]:
    """Pairs ``(later, earlier)`` of items whose periods certainly overlap.

    Each item that overlaps one before it is reported once, paired with the earlier item
    that reaches furthest; sorting first keeps this ``O(n log n)``.
    """
    cores: list[tuple[datetime.date, int, datetime.date, T]] = []
    for i, (period, payload) in enumerate(items):
        s = span(period)
        if s.start_hi < s.end_lo:  # an empty core overlaps nothing for certain
            cores.append((s.start_hi, i, s.end_lo, payload))
    cores.sort(key=lambda core: (core[0], core[1]))
    reach: tuple[datetime.date, T] | None = None
    for start, _, end, payload in cores:
        if reach is not None and start < reach[0]:
            yield payload, reach[1]
        if reach is None or end > reach[0]:
            reach = (end, payload)
