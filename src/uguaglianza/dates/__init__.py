"""Dates as sources give them: partial dates, open periods, durations and cadences.

- :class:`PartialDate`: ``2022``, ``2022-05`` or ``2022-05-10``, ordered and hashable.
- :class:`Period`: ``start..end``, either end open.
- :func:`parse_italian_date`: "10 maggio 2022", "26 maggio" (with a default year), "10/05/2022".
- :class:`Duration`: ISO 8601 ``P2Y`` or Italian "due anni".
- :class:`Recurrence`: an RFC 5545 rule such as ``FREQ=MONTHLY;INTERVAL=2``.

Each type is a pydantic field type whose JSON form is a string (a partial date also accepts
a year as an integer) and whose JSON Schema uses only portable keywords. Every problem is a
:class:`DateValueError` (a ``ValueError``), or a pydantic error inside a model.
"""

from uguaglianza.dates._calendar import MAX_YEAR, MIN_YEAR, PARTIAL_DATE_PATTERN
from uguaglianza.dates._duration import DURATION_PATTERN, MAX_DURATION_PART, Duration
from uguaglianza.dates._errors import DateValueError
from uguaglianza.dates._italian import MAX_TEXT_CHARS, ItalianParserInfo
from uguaglianza.dates._partial import PartialDate, Precision, parse_italian_date
from uguaglianza.dates._period import Period
from uguaglianza.dates._recurrence import RECURRENCE_PATTERN, Frequency, Recurrence

__all__ = [
    "DURATION_PATTERN",
    "MAX_DURATION_PART",
    "MAX_TEXT_CHARS",
    "MAX_YEAR",
    "MIN_YEAR",
    "PARTIAL_DATE_PATTERN",
    "RECURRENCE_PATTERN",
    "DateValueError",
    "Duration",
    "Frequency",
    "ItalianParserInfo",
    "PartialDate",
    "Period",
    "Precision",
    "Recurrence",
    "parse_italian_date",
]
