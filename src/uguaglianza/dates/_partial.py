"""Partial dates: a year, a month of a year, or a day, as sources give them."""

from __future__ import annotations

import calendar
import functools
from collections.abc import Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, ClassVar, Literal

import attrs
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from uguaglianza.dates._calendar import (
    MAX_YEAR,
    MIN_YEAR,
    PARTIAL_DATE_PATTERN,
    check_parts,
    read_iso,
)
from uguaglianza.dates._errors import DateValueError, ensure_str, pydantic_error, quote
from uguaglianza.dates._italian import read_italian_date

__all__ = ["PartialDate", "Precision", "parse_italian_date"]

Precision = Literal["year", "month", "day"]

_RANK: Mapping[Precision, int] = MappingProxyType({"year": 0, "month": 1, "day": 2})

_ISO_FORMS = "an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"


@attrs.frozen(repr=False, slots=True, cache_hash=True)
class PartialDate:
    """A date known to the year, the month or the day, such as ``2022``, ``2022-05``.

    Ordering is by earliest day, then coarser first, so ``2022 < 2022-01 < 2022-01-01 <
    2022-01-02 < 2022-02``: the order of the ISO strings. Equal means same parts.
    """

    year: int
    month: int | None = None
    day: int | None = None

    _JSON_DESCRIPTION: ClassVar[str] = (
        "A date known to the year, the month or the day: YYYY, YYYY-MM or YYYY-MM-DD."
    )

    def __attrs_post_init__(self) -> None:
        check_parts(self.year, self.month, self.day)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read the ISO form ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, and nothing else.

        Use :func:`parse_italian_date` for Italian text; its ISO form is in the error's hint.
        """
        text = ensure_str(text, "PartialDate.parse() input")
        parts = read_iso(text)
        if parts is None:
            raise DateValueError(f"{quote(text)} is not {_ISO_FORMS}", hint=iso_hint(text))
        try:
            return cls(*parts)
        except DateValueError as exc:
            raise DateValueError(f"{quote(text)}: {exc.message}") from None

    @classmethod
    def from_date(cls, value: date) -> PartialDate:
        """The day *value*; a ``datetime`` is refused, since its time would be lost silently."""
        if isinstance(value, datetime) or not isinstance(value, date):
            raise TypeError(f"from_date() needs a date, not {type(value).__name__}")
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> Precision:
        """How much is known: ``"year"``, ``"month"`` or ``"day"``."""
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    def earliest(self) -> date:
        """The first day this partial date may be."""
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        """The last day this partial date may be."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return date(self.year, month, day)

    def contains(self, other: date | PartialDate) -> bool:
        """Whether every day of *other* (a date or a partial date) falls within this one."""
        first, last = span_of(other)
        return self.earliest() <= first and last <= self.latest()

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def __repr__(self) -> str:
        return f"PartialDate({str(self)!r})"

    def _key(self) -> tuple[int, int]:
        """Earliest day, then precision (coarser first): the sort key of the ordering."""
        return self.earliest().toordinal(), _RANK[self.precision]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() >= other._key()

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """Validate with :meth:`_validate`; serialise to the ISO string in JSON mode only."""
        return core_schema.no_info_plain_validator_function(
            cls._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                str, return_schema=core_schema.str_schema(), when_used="json"
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """An ISO string or a year, in keywords that any Draft 2020-12 validator knows."""
        string = {"type": "string", "pattern": PARTIAL_DATE_PATTERN}
        if handler.mode == "serialization":
            return {**string, "description": cls._JSON_DESCRIPTION}
        year = {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}
        description = f"{cls._JSON_DESCRIPTION} An integer is a year."
        # The pattern alone is exact; a full date also says so with the standard format.
        full_date = {
            "if": {"type": "string", "minLength": 10},
            "then": {"type": "string", "format": "date"},
        }
        return {"anyOf": [string, year], "description": description, **full_date}

    @classmethod
    def _validate(cls, value: object) -> PartialDate:
        """A partial date from a field's input: itself, an ISO string, a year or a date."""
        try:
            if isinstance(value, PartialDate):
                return value
            if type(value) is str and cls is PartialDate:
                return _parse_iso(value)
            if isinstance(value, str):
                return cls.parse(value)
            if isinstance(value, int) and not isinstance(value, bool):
                return cls(value)
            if isinstance(value, datetime):
                return cls.from_date(_date_only(value))
            if isinstance(value, date):
                return cls.from_date(value)
        except DateValueError as exc:
            raise exc.to_pydantic("partial_date") from None
        raise pydantic_error(
            "partial_date",
            f"expected {_ISO_FORMS} or a year, got {type(value).__name__}",
        )


def _date_only(value: datetime) -> date:
    """The day of a ``datetime`` (or pandas ``Timestamp``) at midnight without a time zone.

    Python code may give such a value for a date; a file never holds one. A time of day
    or a time zone would be lost silently, so they are refused.
    """
    from uguaglianza.dates._forms import file_forms_only

    if file_forms_only():
        raise DateValueError("a datetime is not a date", hint="give the date only")
    if value.tzinfo is not None or (value.hour, value.minute, value.second) != (0, 0, 0):
        raise DateValueError(
            f"a datetime is not a date: {value.isoformat()} has a time of day or a time zone",
            hint=f"give the date only, e.g. {value.date().isoformat()}",
        )
    if value.microsecond or getattr(value, "nanosecond", 0):
        raise DateValueError(
            f"a datetime is not a date: {value.isoformat()} has a time of day",
            hint=f"give the date only, e.g. {value.date().isoformat()}",
        )
    return value.date()


# Large documents repeat the same few thousand dates; partial dates are immutable, so
# equal texts can share one instance (errors are not cached: they are raised again).
_parse_iso = functools.lru_cache(maxsize=8192)(PartialDate.parse)


def span_of(value: date | PartialDate) -> tuple[date, date]:
    """The first and last day of a date or a partial date; a datetime is a ``TypeError``."""
    if isinstance(value, PartialDate):
        return value.earliest(), value.latest()
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"expected a date or a PartialDate, not {type(value).__name__}")
    return value, value


def parse_italian_date(text: str, *, default_year: int | None = None) -> PartialDate:
    """Read an Italian date ("10 maggio 2022", "maggio 2022", "10/05/2022", ISO forms).

    The precision is what the text gives; a missing year is *default_year* or an error. A
    weekday name is allowed and not checked. Raises :class:`DateValueError`.
    """
    return PartialDate(*read_italian_date(text, default_year=default_year))


def iso_hint(text: str) -> str | None:
    """``"write it as 2022-05-10"`` when *text* is an Italian date, else ``None``."""
    try:
        return f"write it as {parse_italian_date(text)}"
    except (DateValueError, TypeError):
        pass
    try:
        _, month, day = read_italian_date(text, default_year=2000)  # a leap year: 29 febbraio
    except (DateValueError, TypeError):
        return None
    if month is None:
        return None
    iso = f"YYYY-{month:02d}" if day is None else f"YYYY-{month:02d}-{day:02d}"
    return f"write it with its year, as {iso}"
