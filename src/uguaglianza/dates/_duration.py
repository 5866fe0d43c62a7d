"""Durations in calendar units: years, months, weeks and days, from ISO 8601 or Italian."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, ClassVar

import attrs
from dateutil.relativedelta import relativedelta
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from uguaglianza.dates._errors import DateValueError, ensure_str, pydantic_error, quote

__all__ = ["DURATION_PATTERN", "MAX_DURATION_PART", "Duration"]

#: Largest value of each part; four digits, as :data:`DURATION_PATTERN` allows.
MAX_DURATION_PART = 9999

_DIGITS = "[0-9]{1,4}"
_Y, _M, _W, _D = (f"{_DIGITS}{unit}" for unit in "YMWD")
#: ISO 8601 durations in years, months, weeks and days, at least one part, in that order.
#: Written without lookahead so that every JSON Schema validator (even RE2-based) runs it.
DURATION_PATTERN = f"^P(({_Y})({_M})?({_W})?({_D})?|({_M})({_W})?({_D})?|({_W})({_D})?|({_D}))$"

_ISO = re.compile(r"P(?:([0-9]{1,4})Y)?(?:([0-9]{1,4})M)?(?:([0-9]{1,4})W)?(?:([0-9]{1,4})D)?")
_MAX_TEXT_CHARS = 100

_NUMBERS: Mapping[str, int] = MappingProxyType(
    {
        word: value
        for value, words in enumerate(
            [
                (),
                ("un", "uno", "una"),
                ("due",),
                ("tre",),
                ("quattro",),
                ("cinque",),
                ("sei",),
                ("sette",),
                ("otto",),
                ("nove",),
                ("dieci",),
                ("undici",),
                ("dodici",),
                ("tredici",),
                ("quattordici",),
                ("quindici",),
                ("sedici",),
                ("diciassette",),
                ("diciotto",),
                ("diciannove",),
                ("venti",),
                ("ventuno",),
                ("ventidue",),
                ("ventitré", "ventitre"),
                ("ventiquattro",),
            ]
        )
        for word in words
    }
)
_UNITS: Mapping[str, str] = MappingProxyType(
    {
        "anno": "years",
        "anni": "years",
        "mese": "months",
        "mesi": "months",
        "settimana": "weeks",
        "settimane": "weeks",
        "giorno": "days",
        "giorni": "days",
    }
)
_HINT = "write it in ISO 8601, such as P2Y or P1Y6M, or in words, such as 'due anni e sei mesi'"


def _part(instance: Duration, attribute: attrs.Attribute[int], value: int) -> None:
    """attrs validator: a part is an int (not a bool) in 0..MAX_DURATION_PART."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{attribute.name} must be an int, not {type(value).__name__}")
    if not 0 <= value <= MAX_DURATION_PART:
        raise DateValueError(f"{attribute.name} {value} is outside 0..{MAX_DURATION_PART}")


@attrs.frozen(repr=False, slots=True)
class Duration:
    """A length of time in calendar units, such as two years or eighteen months.

    Parts are kept as written: ``P18M`` and ``P1Y6M`` are different values (compare
    :meth:`total_months`). Weeks stay weeks: ``str()`` writes ``P1Y2W``, ISO 8601-2 style.
    """

    years: int = attrs.field(default=0, validator=_part)
    months: int = attrs.field(default=0, validator=_part)
    weeks: int = attrs.field(default=0, validator=_part)
    days: int = attrs.field(default=0, validator=_part)

    _JSON_DESCRIPTION: ClassVar[str] = (
        "An ISO 8601 duration in years, months, weeks and days, such as P2Y, P18M or P1Y6M."
    )

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Read ISO 8601 (``P2Y``, ``P1Y6M``, ``P6W``) or Italian ("due anni", "un anno e mezzo").

        Italian numbers are digits or the words from "uno" to "ventiquattro".
        """
        text = ensure_str(text, "Duration.parse() input")
        if len(text) > _MAX_TEXT_CHARS:
            raise DateValueError(f"{quote(text)} is longer than {_MAX_TEXT_CHARS} characters")
        clean = text.strip()
        iso = cls._from_iso(clean)
        if iso is not None:
            return iso
        parts = _read_italian(clean)
        if parts is None:
            raise DateValueError(f"cannot read {quote(text)} as a duration", hint=_HINT)
        return cls(**parts)

    @classmethod
    def _from_iso(cls, text: str) -> Duration | None:
        """The duration written in ISO 8601 as *text*, or ``None`` if it is not that form."""
        match = _ISO.fullmatch(text)
        if match is None or text == "P":
            return None
        years, months, weeks, days = (int(part or 0) for part in match.groups())
        return cls(years, months, weeks, days)

    def __str__(self) -> str:
        parts = zip((self.years, self.months, self.weeks, self.days), "YMWD", strict=True)
        text = "".join(f"{value}{unit}" for value, unit in parts if value)
        return f"P{text or '0D'}"

    def __repr__(self) -> str:
        return f"Duration({str(self)!r})"

    def to_relativedelta(self) -> relativedelta:
        """The same duration for calendar arithmetic with dateutil."""
        return relativedelta(years=self.years, months=self.months, weeks=self.weeks, days=self.days)

    def add_to(self, day: date) -> date:
        """The date this long after *day*; a month end is clamped (01-31 plus P1M is 02-28/29)."""
        if isinstance(day, datetime) or not isinstance(day, date):
            raise TypeError(f"add_to() needs a date, not {type(day).__name__}")
        try:
            return day + self.to_relativedelta()
        except (ValueError, OverflowError):
            raise DateValueError(f"{day} plus {self} is after the year 9999") from None

    def total_months(self) -> int:
        """Years and months as months; a :class:`DateValueError` if there are weeks or days."""
        if self.weeks or self.days:
            raise DateValueError(f"{self} has weeks or days, which are not a number of months")
        return self.years * 12 + self.months

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
        """A string matching :data:`DURATION_PATTERN`."""
        return {"type": "string", "pattern": DURATION_PATTERN, "description": cls._JSON_DESCRIPTION}

    @classmethod
    def _validate(cls, value: object) -> Duration:
        """A duration from a field's input: itself or an ISO 8601 string; text gets a hint."""
        if isinstance(value, Duration):
            return value
        if not isinstance(value, str):
            raise pydantic_error(
                "duration", f"expected an ISO 8601 duration string, got {type(value).__name__}"
            )
        try:
            iso = cls._from_iso(value)
        except DateValueError as exc:
            raise exc.to_pydantic("duration") from None
        if iso is not None:
            return iso
        try:
            hint = f"write it as {cls.parse(value)}"
        except DateValueError:
            hint = "write it in ISO 8601, such as P2Y, P18M or P1Y6M"
        raise pydantic_error(
            "duration", f"{quote(value)} is not an ISO 8601 duration (PnYnMnWnD)", hint
        )


def _read_italian(text: str) -> dict[str, int] | None:
    """Parts of "2 anni", "un anno e mezzo", "un anno, sei mesi e due settimane", or None."""
    tokens = text.lower().replace(",", " , ").split()
    parts: dict[str, int] = {}
    index = 0
    while True:
        if index + 1 >= len(tokens):
            return None
        number, unit = _number(tokens[index]), _UNITS.get(tokens[index + 1])
        if number is None or unit is None or unit in parts:
            return None
        parts[unit] = number
        index += 2
        if tokens[index : index + 2] == ["e", "mezzo"] and unit == "years":
            if "months" in parts:
                return None
            parts["months"] = 6
            index += 2
        if index == len(tokens):
            return parts
        if tokens[index] not in {"e", ","}:
            return None
        index += 1


def _number(token: str) -> int | None:
    """The value of a number in digits or in Italian words, or None."""
    if token.isascii() and token.isdigit():
        return int(token) if len(token) <= 4 else None
    return _NUMBERS.get(token)
