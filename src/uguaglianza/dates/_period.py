"""Periods: a span of days between two partial dates, either of which may be open."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from uguaglianza.dates._errors import DateValueError, ensure_str, quote
from uguaglianza.dates._partial import PartialDate, span_of

__all__ = ["Period"]

_SEPARATOR = ".."


class Period(BaseModel):
    """A span of days from start to end, both included; either end may be open (absent).

    The span runs from the first day of start to the last day of end: 2021..2026 is
    2021-01-01 to 2026-12-31. A start after the end is accepted, see is_ordered().
    """

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    start: PartialDate | None = None
    """When it began; its first possible day is the period's first day. Open when absent."""
    end: PartialDate | None = None
    """When it ended; its last possible day is the period's last day. Open when absent."""

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``start..end`` with ISO partial dates, either side empty when open.

        ``"2021..2026"``, ``"2022-05.."``, ``"..2026"`` and ``".."`` (always) are periods.
        """
        text = ensure_str(text, "Period.parse() input")
        if text.count(_SEPARATOR) != 1:
            raise DateValueError(
                f"{quote(text)} is not a period", hint="write it as start..end, such as 2021..2026"
            )
        head, tail = text.split(_SEPARATOR)
        return cls(
            start=PartialDate.parse(head) if head else None,
            end=PartialDate.parse(tail) if tail else None,
        )

    def __str__(self) -> str:
        head = "" if self.start is None else str(self.start)
        tail = "" if self.end is None else str(self.end)
        return f"{head}{_SEPARATOR}{tail}"

    def earliest(self) -> date | None:
        """The first day of the period, or ``None`` when its start is open."""
        return None if self.start is None else self.start.earliest()

    def latest(self) -> date | None:
        """The last day of the period, or ``None`` when its end is open."""
        return None if self.end is None else self.end.latest()

    def is_ordered(self) -> bool:
        """Whether the period covers at least one day: its start does not come after its end.

        Partial dates are compared by their spans: ``2022-05-10..2022-05`` is ordered.
        """
        first, last = self.earliest(), self.latest()
        return first is None or last is None or first <= last

    def contains(self, value: date | PartialDate) -> bool:
        """Whether every day of *value*, a date or a partial date, is in the period."""
        first, last = span_of(value)
        low, high = self.earliest(), self.latest()
        return (low is None or low <= first) and (high is None or last <= high)

    def active_on(self, day: date) -> bool:
        """Whether the period includes *day*."""
        return self.contains(day)

    def overlaps(self, other: Period) -> bool:
        """Whether some day is in both periods."""
        lows = [day for day in (self.earliest(), other.earliest()) if day is not None]
        highs = [day for day in (self.latest(), other.latest()) if day is not None]
        if not self.is_ordered() or not other.is_ordered():
            return False
        return not lows or not highs or max(lows) <= min(highs)

    def within(self, other: Period) -> bool:
        """Whether every day of this period is in *other* (true when this one is empty)."""
        if not self.is_ordered():
            return True
        low, high = self.earliest(), self.latest()
        other_low, other_high = other.earliest(), other.latest()
        starts_inside = other_low is None or (low is not None and other_low <= low)
        ends_inside = other_high is None or (high is not None and high <= other_high)
        return starts_inside and ends_inside
