"""Indicators and their measurements over time."""

from __future__ import annotations

from uguaglianza.dates import PartialDate
from uguaglianza.model._base import Model, Named, Quantity, SourceNote
from uguaglianza.model._types import Frequency, IndicatorType

__all__ = ["Indicator", "Measurement", "Observation"]


class Observation(Model):
    """A value at a date: an indicator's baseline or target."""

    value: Quantity
    date: PartialDate | None = None
    note: str | None = None


class Measurement(Model):
    """A measured value of an indicator, optionally split by sex."""

    date: PartialDate
    value: Quantity | None = None
    """The total; may be absent when only the split is known."""
    female: Quantity | None = None
    male: Quantity | None = None
    other: Quantity | None = None
    """Other or undeclared sex."""
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
