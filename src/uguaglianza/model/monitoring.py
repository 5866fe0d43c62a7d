"""Indicators and their measurements over time."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from uguaglianza.dates import PartialDate
from uguaglianza.model._base import Named, Quantity, SourceNote, Stated
from uguaglianza.model._types import BreakdownDimension, Frequency, IndicatorType

__all__ = ["Cell", "CellKey", "Indicator", "Measurement", "Observation"]


class Observation(Stated):
    """A value at a date: an indicator's baseline or target."""

    value: Quantity
    date: PartialDate | None = None
    note: str | None = None


class CellKey(Stated):
    """One coordinate of a table cell: a dimension and its category, e.g. sex = female."""

    dimension: BreakdownDimension
    category: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    """The category as the table writes it ("female", "dirigenti", "under 30")."""


class Cell(Stated):
    """One cell of a disaggregated table: its coordinates and value."""

    by: tuple[CellKey, ...]
    value: Quantity


class Measurement(Stated):
    """A measured value of an indicator at a reference date, optionally disaggregated.

    ``date`` is the date the value refers to; ``published`` when it was made public.
    ``female``/``male``/``other`` split the total by sex; ``breakdown`` holds tables with
    more dimensions (staff by category and sex, as a CUG's yearly report has them).
    """

    date: PartialDate
    published: PartialDate | None = None
    value: Quantity | None = None
    """The total; may be absent when only the split is known."""
    female: Quantity | None = None
    male: Quantity | None = None
    other: Quantity | None = None
    """Other or undeclared sex."""
    breakdown: tuple[Cell, ...] = ()
    text: str | None = None
    """A qualitative finding, as written, instead of or beside a number."""
    note: str | None = None
    source: SourceNote | None = None


class Indicator(Named):
    """What a plan measures to know whether an objective or action is achieved."""

    type: IndicatorType | None = None
    """Input, process, output, outcome or impact."""
    unit: str | None = None
    """What one unit counts, e.g. "persone", "%", "euro"."""
    counts_people: bool = False
    """The indicator counts people, so it should be disaggregated by sex."""
    sex_disaggregated: bool = False
    frequency: Frequency | None = None
    data_source: str | None = None
    """Where the data comes from (an office, a survey, ISTAT)."""
    baseline: Observation | None = None
    target: Observation | None = None
    measurements: tuple[Measurement, ...] = ()
