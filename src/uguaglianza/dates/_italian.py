"""Reading Italian textual dates ("10 maggio 2022", "1° gennaio", "10/05/2022") with dateutil.

dateutil fills every component the text leaves out from a default date, so each text is
parsed twice with two defaults that differ in every component: a component is in the text
exactly when both results agree on it.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from dateutil.parser import ParserError, parse, parserinfo

from uguaglianza.dates._calendar import MAX_YEAR, MIN_YEAR, check_parts, read_iso
from uguaglianza.dates._errors import DateValueError, ensure_str, quote

__all__ = ["MAX_TEXT_CHARS", "ItalianParserInfo", "read_italian_date"]

#: Longer text is rejected before parsing: no date needs more, and parsing stays cheap.
MAX_TEXT_CHARS = 100

# Days 1 and 16 differ by 15, not a multiple of 7, so a weekday name without a day (which
# dateutil resolves by moving forward up to 6 days from the default) never gives two
# agreeing results; both defaults are in leap years so that "29 febbraio" parses.
_DEFAULTS = (datetime(2000, 1, 1, 0, 0, 0, 0), datetime(2004, 2, 16, 1, 1, 1, 1))

_YEAR_FIRST = re.compile(r"([0-9]{4})([-./])([0-9]{1,2})(?:\2([0-9]{1,2}))?")
_ORDINAL_MARK = re.compile(r"(?<=[0-9])\s*[°º]")
_TWO_DIGIT_YEAR = re.compile(r"[0-9]{1,2}[-./][0-9]{1,2}[-./][0-9]{2}")

_FORMS_HINT = "write it like '10 maggio 2022', '10/05/2022' or 2022-05-10"


class ItalianParserInfo(parserinfo):
    """Italian month and weekday names for :func:`dateutil.parser.parse`, day before month.

    Weekday names match with or without the accent ("lunedì", "lunedi"). "mar" is March
    (marzo), never Tuesday. A two-digit year is refused rather than guessed.
    """

    JUMP = [" ", ".", ",", ";", "-", "/", "'", "il", "t"]  # noqa: RUF012 - as in parserinfo
    WEEKDAYS = [  # noqa: RUF012
        ("lun", "lunedi"),
        ("mart", "martedi"),
        ("mer", "mercoledi"),
        ("gio", "giovedi"),
        ("ven", "venerdi"),
        ("sab", "sabato"),
        ("dom", "domenica"),
    ]
    MONTHS = [  # noqa: RUF012
        ("gen", "genn", "gennaio"),
        ("feb", "febbr", "febbraio"),
        ("mar", "marzo"),
        ("apr", "aprile"),
        ("mag", "maggio"),
        ("giu", "giugno"),
        ("lug", "luglio"),
        ("ago", "agosto"),
        ("set", "sett", "settembre"),
        ("ott", "ottobre"),
        ("nov", "novembre"),
        ("dic", "dicembre"),
    ]
    AMPM = [("am", "am"), ("pm", "pm")]  # noqa: RUF012 - not "a", an Italian preposition
    PERTAIN = ["di", "del"]  # noqa: RUF012 - "maggio del 2022"

    def __init__(self) -> None:
        super().__init__(dayfirst=True, yearfirst=False)

    def weekday(self, name: str) -> int | None:
        """Monday 0 to Sunday 6 for an Italian weekday name, accented or not."""
        return super().weekday(_strip_accents(name))

    def convertyear(self, year: int, century_specified: bool = False) -> int:
        """Refuse a two-digit year: "22" could be 1922 or 2022."""
        if year < 100 and not century_specified:
            raise ValueError("a two-digit year is ambiguous; write the year in full")
        return year


def _strip_accents(name: str) -> str:
    """*name* without combining accents: "lunedì" becomes "lunedi"."""
    decomposed = unicodedata.normalize("NFD", name)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def read_italian_date(
    text: str, *, default_year: int | None = None
) -> tuple[int, int | None, int | None]:
    """The checked year, month and day written in *text*; month and day are None if absent.

    A text without a year takes *default_year*; without one, it is a :class:`DateValueError`.
    """
    text = ensure_str(text, "a date text")
    if default_year is not None and (
        not isinstance(default_year, int)
        or isinstance(default_year, bool)
        or not MIN_YEAR <= default_year <= MAX_YEAR
    ):
        raise DateValueError(f"default_year must be a year in {MIN_YEAR}..{MAX_YEAR}")
    if len(text) > MAX_TEXT_CHARS:
        raise DateValueError(f"{quote(text)} is longer than {MAX_TEXT_CHARS} characters")
    clean = _ORDINAL_MARK.sub("", " ".join(text.split()))
    if not clean:
        raise DateValueError("an empty text is not a date", hint=_FORMS_HINT)
    year, month, day = read_iso(clean) or _read_year_first(clean) or _read_dateutil(clean, text)
    if day is not None and month is None:
        raise DateValueError(f"{quote(text)} has a day but no month", hint=_FORMS_HINT)
    if year is None:
        if default_year is None:
            raise DateValueError(
                f"{quote(text)} has no year",
                hint="pass default_year, such as the year of the source's own date",
            )
        year = default_year
    try:
        check_parts(year, month, day)
    except DateValueError as exc:
        raise DateValueError(f"{quote(text)}: {exc.message}") from None
    return year, month, day


def _read_year_first(text: str) -> tuple[int, int, int | None] | None:
    """Year, month and day of "2022/05/10" or "2022.5", which dateutil would read day first."""
    match = _YEAR_FIRST.fullmatch(text)
    if match is None:
        return None
    year, _, month, day = match.groups()
    return int(year), int(month), None if day is None else int(day)


def _read_dateutil(clean: str, text: str) -> tuple[int | None, int | None, int | None]:
    """Year, month and day found by dateutil in *clean*, each None when not in the text."""
    info = ItalianParserInfo()
    try:
        first, second = (
            parse(clean, parserinfo=info, default=default, ignoretz=True) for default in _DEFAULTS
        )
    except (ValueError, OverflowError) as exc:
        hint = _FORMS_HINT
        if _TWO_DIGIT_YEAR.fullmatch(clean):
            hint = "write the year in full, as in 10/05/2022"
        raise DateValueError(
            f"cannot read {quote(text)} as a date ({_reason(exc)})", hint=hint
        ) from None
    for name in ("hour", "minute", "second", "microsecond"):
        if getattr(first, name) == getattr(second, name):
            raise DateValueError(f"{quote(text)} has a time of day", hint="give the date only")
    found: list[int | None] = []
    for name in ("year", "month", "day"):
        one, two = getattr(first, name), getattr(second, name)
        if one == two:
            found.append(one)
        elif (one, two) == (getattr(_DEFAULTS[0], name), getattr(_DEFAULTS[1], name)):
            found.append(None)
        else:
            # Only a weekday name without a day of the month moves dateutil off its default.
            raise DateValueError(
                f"{quote(text)} names a weekday but no day of the month", hint=_FORMS_HINT
            )
    year, month, day = found
    return year, month, day


def _reason(exc: Exception) -> str:
    """dateutil's explanation of a failure, without the text it repeats."""
    if isinstance(exc, ParserError) and exc.args and isinstance(exc.args[0], str):
        return exc.args[0].removesuffix(": %s").removesuffix("%s").strip() or "unknown format"
    return str(exc) or type(exc).__name__
