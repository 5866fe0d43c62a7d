"""Cadences: RFC 5545 recurrence rules over days, such as ``FREQ=MONTHLY;INTERVAL=2``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import MAXYEAR, date, datetime
from types import MappingProxyType
from typing import Any, ClassVar, Literal, cast

import attrs
from dateutil.rrule import rrulestr
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from uguaglianza.dates._calendar import check_parts
from uguaglianza.dates._errors import DateValueError, ensure_str, pydantic_error, quote

__all__ = ["RECURRENCE_PATTERN", "Frequency", "Recurrence"]

Frequency = Literal["YEARLY", "MONTHLY", "WEEKLY", "DAILY"]

_FREQUENCIES = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY")
_PARTS = (
    "INTERVAL",
    "COUNT",
    "UNTIL",
    "BYMONTH",
    "BYWEEKNO",
    "BYYEARDAY",
    "BYMONTHDAY",
    "BYDAY",
    "BYSETPOS",
    "WKST",
)
#: The canonical text: FREQ first (RFC 5545 allows any order; we ask for this one), then the
#: other date-level parts, uppercase. Times (BYHOUR...) and DTSTART are not allowed.
RECURRENCE_PATTERN = f"^FREQ=({'|'.join(_FREQUENCIES)})(;({'|'.join(_PARTS)})=[A-Z0-9,+-]+)*$"

_MAX_TEXT_CHARS = 500
_VALUE = re.compile(r"[A-Z0-9,+-]+")
_INTEGER = re.compile(r"[0-9]{1,6}")
_SIGNED_INTEGER = re.compile(r"[+-]?[0-9]{1,6}")
_WEEKDAY = re.compile(r"([+-]?[0-9]{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
_UNTIL = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
# Inclusive bounds of each integer list part, and whether negative values (from the end) count.
_RANGES: Mapping[str, tuple[int, bool]] = MappingProxyType(
    {
        "BYMONTH": (12, False),
        "BYWEEKNO": (53, True),
        "BYYEARDAY": (366, True),
        "BYMONTHDAY": (31, True),
        "BYSETPOS": (366, True),
    }
)
# RFC 5545 section 3.3.10: parts that only make sense with some frequencies.
_ONLY_WITH: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "BYWEEKNO": ("YEARLY",),
        "BYYEARDAY": ("YEARLY",),
        "BYMONTHDAY": ("YEARLY", "MONTHLY", "DAILY"),
    }
)
# The most days one period of each frequency has, for BYSETPOS to pick from.
_PERIOD_DAYS: Mapping[str, int] = MappingProxyType(
    {"YEARLY": 366, "MONTHLY": 31, "WEEKLY": 7, "DAILY": 1}
)
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# The Gregorian calendar repeats every 400 years, weekdays included.
_CYCLE_YEARS = 400


def _split(part: str) -> tuple[str, str]:
    """``("NAME", "VALUE")`` from ``"name = value"``, uppercased and stripped."""
    name, sep, value = part.partition("=")
    if not sep:
        raise DateValueError(f"rule part {quote(part)} is not NAME=VALUE")
    return name.strip().upper(), value.strip().upper()


def _canonical(text: str) -> str:
    """The canonical text of the rule *text*, or a :class:`DateValueError` saying what is wrong."""
    text = ensure_str(text, "a recurrence rule")
    if len(text) > _MAX_TEXT_CHARS:
        raise DateValueError(f"{quote(text)} is longer than {_MAX_TEXT_CHARS} characters")
    body = text.strip()
    if body[:6].upper() == "RRULE:":
        body = body[6:]
    if not body:
        raise DateValueError("an empty text is not a recurrence rule", hint="such as FREQ=MONTHLY")
    if "DTSTART" in body.upper():
        raise DateValueError(
            f"rule {quote(text)} has a DTSTART, which is not part of a cadence",
            hint="the start date is given when the rule is used",
        )
    if "\n" in body or "\r" in body:
        raise DateValueError(f"rule {quote(text)} is more than one line")
    parts: dict[str, str] = {}
    try:
        for name, value in (_split(part) for part in body.split(";")):
            _check_part(name, value, parts)
            parts[name] = value
        if "FREQ" not in parts:
            raise DateValueError("FREQ is missing", hint="such as FREQ=MONTHLY")
        _check_combination(parts)
    except DateValueError as exc:
        raise DateValueError(f"rule {quote(text)}: {exc.message}", hint=exc.hint) from None
    canonical = ";".join(
        f"{name}={value}"
        for name, value in sorted(parts.items(), key=lambda item: item[0] != "FREQ")
    )
    try:
        rrulestr(canonical, dtstart=datetime(2000, 1, 1))
    except (ValueError, TypeError, OverflowError) as exc:
        raise DateValueError(f"rule {quote(text)} is not valid: {exc}") from None
    return canonical


def _check_part(name: str, value: str, seen: dict[str, str]) -> None:
    """Raise unless NAME=VALUE is an allowed, well-formed part not already in *seen*."""
    if name in {"BYHOUR", "BYMINUTE", "BYSECOND"}:
        raise DateValueError(f"{name} is not allowed: a cadence is in days, not times of day")
    if name != "FREQ" and name not in _PARTS:
        raise DateValueError(f"unknown rule part {quote(name)}")
    if name in seen:
        raise DateValueError(f"rule part {name} is given twice")
    if not _VALUE.fullmatch(value):
        raise DateValueError(f"{name} has an empty or malformed value {quote(value)}")
    if name == "FREQ" and value not in _FREQUENCIES:
        raise DateValueError(f"FREQ={value} is not one of {', '.join(_FREQUENCIES)}")
    if name == "INTERVAL":
        _check_integer(name, value, 1, 9999)
    elif name == "COUNT":
        _check_integer(name, value, 1, 999_999)
    elif name == "UNTIL":
        _until_date(value)
    elif name in _RANGES:
        bound, negative = _RANGES[name]
        for item in value.split(","):
            number = _check_integer(name, item, -bound if negative else 1, bound, signed=negative)
            if number == 0:
                raise DateValueError(f"{name} value 0 is not allowed")
    elif name == "BYDAY":
        for item in value.split(","):
            _check_weekday(item)
    elif name == "WKST" and value not in {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}:
        raise DateValueError(f"WKST={value} is not a weekday such as MO")


def _check_integer(name: str, text: str, low: int, high: int, *, signed: bool = False) -> int:
    """The integer *text* (with a sign only if *signed*), if it is in *low*..*high*."""
    pattern = _SIGNED_INTEGER if signed else _INTEGER
    if not pattern.fullmatch(text) or not low <= int(text) <= high:
        raise DateValueError(f"{name} value {quote(text)} is not an integer in {low}..{high}")
    return int(text)


def _check_weekday(item: str) -> None:
    """Raise unless *item* is a weekday with an optional ordinal, such as ``TU`` or ``-1FR``."""
    if _WEEKDAY.fullmatch(item) is None:
        raise DateValueError(f"BYDAY value {quote(item)} is not a weekday such as TU or -1FR")
    ordinal = _ordinal(item)
    if ordinal is not None and not 1 <= abs(ordinal) <= 53:
        raise DateValueError(f"BYDAY value {quote(item)} has an ordinal outside 1..53")


def _ordinal(item: str) -> int | None:
    """The ordinal of a BYDAY value (-1 in ``-1FR``), or None when it has none or is malformed."""
    match = _WEEKDAY.fullmatch(item)
    if match is None or match.group(1) is None:
        return None
    return int(match.group(1))


def _until_date(value: str) -> date:
    """The day of an UNTIL value, which must be a date ``YYYYMMDD``."""
    match = _UNTIL.fullmatch(value)
    if match is None:
        raise DateValueError(f"UNTIL={value} is not a date YYYYMMDD", hint="such as UNTIL=20261231")
    year, month, day = (int(group) for group in match.groups())
    try:
        check_parts(year, month, day)
    except DateValueError as exc:
        raise DateValueError(f"UNTIL={value}: {exc.message}") from None
    return date(year, month, day)


def _check_combination(parts: dict[str, str]) -> None:
    """Raise on parts that RFC 5545 forbids together, or that can never fall on a day."""
    freq = parts["FREQ"]
    if "COUNT" in parts and "UNTIL" in parts:
        raise DateValueError("COUNT and UNTIL cannot both be given (RFC 5545)")
    for name, frequencies in _ONLY_WITH.items():
        if name in parts and freq not in frequencies:
            raise DateValueError(f"{name} cannot be used with FREQ={freq} (RFC 5545)")
    if (freq not in {"MONTHLY", "YEARLY"} or "BYWEEKNO" in parts) and any(
        _ordinal(item) is not None for item in parts.get("BYDAY", "").split(",") if item
    ):
        raise DateValueError(
            "BYDAY with an ordinal (such as 1MO) needs FREQ=MONTHLY or YEARLY, without BYWEEKNO"
        )
    if "BYSETPOS" in parts and not any(
        name.startswith("BY") for name in parts if name != "BYSETPOS"
    ):
        raise DateValueError("BYSETPOS needs another BY... part to select from (RFC 5545)")
    if "BYSETPOS" in parts:
        size = _PERIOD_DAYS[freq]
        if all(abs(int(position)) > size for position in parts["BYSETPOS"].split(",")):
            raise DateValueError(
                f"BYSETPOS={parts['BYSETPOS']} never falls on a day: "
                f"a FREQ={freq} period has at most {size} day{'s' if size > 1 else ''}"
            )
    if "BYMONTH" in parts and "BYMONTHDAY" in parts:
        months = [int(month) for month in parts["BYMONTH"].split(",")]
        days = [int(day) for day in parts["BYMONTHDAY"].split(",")]
        if not any(abs(day) <= _DAYS_IN_MONTH[month - 1] for month in months for day in days):
            raise DateValueError(
                f"BYMONTH={parts['BYMONTH']};BYMONTHDAY={parts['BYMONTHDAY']} never falls on a day"
            )


@attrs.frozen(repr=False, slots=True)
class Recurrence:
    """A body's regular cadence as an RFC 5545 RRULE over days: ``FREQ=WEEKLY;BYDAY=TU``.

    The text is kept canonical: uppercase, FREQ first, other parts in the order written.
    Equality compares that text, so ``FREQ=MONTHLY`` differs from ``FREQ=MONTHLY;INTERVAL=1``.
    """

    text: str = attrs.field(converter=_canonical)

    _JSON_DESCRIPTION: ClassVar[str] = (
        "An RFC 5545 recurrence rule over days, FREQ first, such as FREQ=MONTHLY;INTERVAL=2; "
        "no DTSTART, BYHOUR, BYMINUTE or BYSECOND."
    )

    @classmethod
    def parse(cls, text: str) -> Recurrence:
        """Read a rule in any part order or case, with or without an ``RRULE:`` prefix."""
        return cls(text)

    @property
    def parts(self) -> tuple[tuple[str, str], ...]:
        """The rule's parts as ``(name, value)`` pairs, FREQ first."""
        return tuple(_split(part) for part in self.text.split(";"))

    @property
    def freq(self) -> Frequency:
        """How often the rule repeats: ``"YEARLY"``, ``"MONTHLY"``, ``"WEEKLY"`` or ``"DAILY"``."""
        return cast(Frequency, self.parts[0][1])

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Recurrence({self.text!r})"

    def occurrences(self, start: date, until: date, *, limit: int = 1000) -> list[date]:
        """The days the rule falls on from *start* to *until*, both included, at most *limit*.

        *start* anchors the rule (RFC 5545 DTSTART): what the rule leaves out, such as the day
        of the month for ``FREQ=MONTHLY``, is taken from it. The work grows with the span and
        stops there, even for a rule that falls on no day in it.
        """
        for label, bound in (("start", start), ("until", until)):
            if isinstance(bound, datetime) or not isinstance(bound, date):
                raise TypeError(f"{label} must be a date, not {type(bound).__name__}")
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
            raise ValueError(f"limit must be a positive int, not {limit!r}")
        own_until = None
        parts = []
        for name, value in self.parts:
            if name == "UNTIL":
                own_until = _until_date(value)
            else:
                parts.append(f"{name}={value}")
        last = until if own_until is None else min(until, own_until)
        if last < start:
            return []
        # dateutil only stops past the last day when an occurrence comes after it, and a rule
        # that matches no day runs to year 9999: shift by whole cycles so that is near.
        shift = (MAXYEAR - last.year) // _CYCLE_YEARS * _CYCLE_YEARS
        anchor = datetime(start.year + shift, start.month, start.day)
        shifted_last = last.replace(year=last.year + shift)
        rule = rrulestr(";".join(parts), dtstart=anchor)
        days: list[date] = []
        for occurrence in rule:
            day = occurrence.date()
            if day > shifted_last:
                break
            days.append(day.replace(year=day.year - shift))
            if len(days) >= limit:
                break
        return days

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """Validate with :meth:`_validate`; serialise to the text in JSON mode only."""
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
        """A string matching :data:`RECURRENCE_PATTERN`."""
        return {
            "type": "string",
            "pattern": RECURRENCE_PATTERN,
            "description": cls._JSON_DESCRIPTION,
        }

    @classmethod
    def _validate(cls, value: object) -> Recurrence:
        """A rule from a field's input: itself, or its canonical text (else a hint gives it)."""
        if isinstance(value, Recurrence):
            return value
        if not isinstance(value, str):
            raise pydantic_error(
                "recurrence", f"expected an RFC 5545 rule string, got {type(value).__name__}"
            )
        try:
            rule = cls(value)
        except DateValueError as exc:
            raise exc.to_pydantic("recurrence") from None
        if rule.text != value:
            raise pydantic_error(
                "recurrence",
                f"{quote(value)} is not in canonical form (uppercase, FREQ first)",
                f"write it as {rule.text}",
            )
        return rule
