"""How one value is written in one spreadsheet cell, and read back exactly.

The syntax (documented in ``docs/spreadsheets.md``): periods ``2021..2026``, money
``600000 EUR``, partial dates ``2024-03``, lists one item per line (ids and codes may also
be separated by commas), mappings ``en: Equality plan`` one per line, users' own data as
JSON, and an empty cell for a value not given. A text a workbook cannot hold as it is (an
empty text, a carriage return, a control character, one starting with a double quote) is
written as a JSON string in double quotes.
"""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from uguaglianza.dates import DateValueError, Duration, PartialDate, Period, Recurrence
from uguaglianza.io._tables import Column

__all__ = ["CellError", "from_cell", "to_cell"]

#: What an XML file, hence a workbook, cannot hold, and a carriage return (read as a
#: line feed); a text holding one is written as a JSON string.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]")
#: Spreadsheet readers decode ``_x0041_`` as the character it names: written escaped.
_ESCAPE = re.compile("_x[0-9A-Fa-f]{4}_")
#: A text that is written quoted: it starts with a double quote, or holds one of the above.
_QUOTED = re.compile('^"|[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]|_x[0-9A-Fa-f]{4}_')
_MONEY = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s+([A-Z]{3})\s*$")
_SPLIT = re.compile(r"[\s,;]+")
_TRUE = frozenset({"true", "vero", "sì", "si", "yes", "x", "1"})
_FALSE = frozenset({"false", "falso", "no", "0"})

#: What a cell holds: text, a number, a boolean, a date or time (typed by a user), or nothing.
Raw = str | int | float | bool | datetime.datetime | datetime.date | datetime.time | None


class CellError(ValueError):
    """A cell's content does not fit its column; says what would fix it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def _quote(text: str) -> str:
    return _quote_json(text)


def _text(text: str) -> str:
    """*text* as a cell holds it: as is, or quoted when a workbook would change it."""
    if not text or _QUOTED.search(text):
        return _quote(text)
    return text


def _safe_line(text: str) -> bool:
    return (
        bool(text)
        and "\n" not in text
        and not _UNWRITABLE.search(text)
        and not _ESCAPE.search(text)
    )


def _lines(items: list[str]) -> str:
    if all(_safe_line(item) for item in items):
        text = "\n".join(items)
        if not text.startswith(("[", '"')):
            return text
    return _quote_json(items)


def _quote_json(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    text = text.replace("\ufffe", "\\ufffe").replace("\uffff", "\\uffff")
    return _ESCAPE.sub(lambda match: "\\u005f" + match[0][1:], text)


def _decimal(value: Decimal) -> str | int | float:
    """A number cell when a spreadsheet keeps its digits exactly, else its digits as text."""
    text = format(value, "f")
    if abs(value) >= 10**15:
        return text
    if "." not in text:
        return int(text)
    return float(text) if repr(float(text)) == text else text


def to_cell(column: Column, value: Any) -> str | int | float | bool | None:
    """The cell holding *value* (a model's field) in *column*; None for an empty cell."""
    kind = column.kind
    if value is None or (isinstance(value, tuple | dict) and not value and kind != "present"):
        return None
    if kind == "present":
        return None  # filled by the writer only when the part is given and empty
    if kind in ("text", "token", "choice"):
        return _text(value)
    if kind == "bool":
        return None if value == column.default else bool(value)
    if kind == "int":
        return int(value)
    if kind == "decimal":
        return _decimal(value)
    if kind == "money":
        return f"{format(value.amount, 'f')} {value.currency}"
    if kind in ("date", "period", "duration", "recurrence"):
        return str(value)
    if kind == "tokens":
        joined = ", ".join(value)
        return _quote_json(list(value)) if _ESCAPE.search(joined) else joined
    if kind == "texts":
        return _lines(list(value))
    if kind == "mapping":
        pairs = [f"{key}: {item}" for key, item in value.items()]
        plain = all(
            _safe_line(str(key)) and ":" not in str(key) and _safe_line(item)
            for key, item in value.items()
        ) and all(item == item.strip() for item in value.values())
        if plain and not pairs[0].startswith(("{", '"')):
            return "\n".join(pairs)
        return _quote_json(dict(value))
    return _quote_json(value)  # json


def _as_text(raw: Raw) -> str:
    """A cell read as text: quoted texts unquoted, numbers and dates as written."""
    if isinstance(raw, str):
        if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
            try:
                value = json.loads(raw)
            except ValueError:
                return raw
            if isinstance(value, str):
                return value
        return raw
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, float):
        return repr(raw) if raw != int(raw) else str(int(raw))
    if isinstance(raw, datetime.datetime):
        if raw.time() == datetime.time():
            return raw.date().isoformat()
        return raw.isoformat(timespec="minutes")
    if isinstance(raw, datetime.time):
        return raw.strftime("%H:%M")
    return raw.isoformat() if isinstance(raw, datetime.date) else str(raw)


def _json(text: str, kind: type[Any], example: str) -> Any:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise CellError(
            f"{text[:40]!r} is not valid JSON ({error.msg})", f"write JSON such as {example}"
        ) from None
    if not isinstance(value, kind):
        raise CellError(f"the JSON is not a {kind.__name__}", f"write JSON such as {example}")
    return value


def from_cell(column: Column, raw: Raw) -> Any:
    """The JSON value of *raw*, read in *column*; raises :class:`CellError`."""
    kind = column.kind
    if kind == "int":
        return _int(raw)
    if kind == "bool":
        return _bool(raw)
    if kind == "decimal":
        return _number(raw)
    if kind == "date" and isinstance(raw, datetime.date | datetime.datetime):
        return _as_text(raw)
    text = _as_text(raw)
    if kind in ("text", "token", "choice"):
        return text
    if kind == "present":
        if text.strip() != "{}":
            raise CellError(
                f"{text!r} is not a mark of an empty part",
                "write {} when the part is given with every field empty, or leave it blank",
            )
        return {}
    if kind == "money":
        return _money(text)
    if kind in ("date", "period", "duration", "recurrence"):
        return _dated(kind, text)
    if kind in ("tokens", "texts") and text.startswith("["):
        try:
            items = json.loads(text)
        except ValueError:
            items = None
        if isinstance(items, list) and all(isinstance(item, str) for item in items):
            return items
    if kind == "tokens":
        return [item for item in _SPLIT.split(text.strip()) if item]
    if kind == "texts":
        return text.split("\n")
    if kind == "mapping":
        if text.startswith("{"):
            return _json(text, dict, '{"en": "Equality plan"}')
        return _pairs(text)
    return _json(text, dict, '{"note": "kept as is"}')


def _int(raw: Raw) -> int:
    if isinstance(raw, bool) or raw is None:
        raise CellError(f"{raw!r} is not a whole number", "write digits, such as 12")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    text = _as_text(raw).strip()
    if re.fullmatch(r"-?[0-9]+", text):
        return int(text)
    raise CellError(f"{text!r} is not a whole number", "write digits, such as 12")


def _bool(raw: Raw) -> bool:
    if isinstance(raw, bool):
        return raw
    text = _as_text(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(f"{text!r} is not true or false", "choose TRUE or FALSE (or sì, no)")


def _number(raw: Raw) -> str:
    if isinstance(raw, bool):
        raise CellError("a boolean is not a number", "write digits, such as 1500.50")
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else format(Decimal(repr(raw)), "f")
    text = _as_text(raw).strip()
    if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text):
        raise CellError(
            f"{text!r} is not a number",
            "write digits with a dot before the decimals, such as 1500.50",
        )
    try:
        Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        raise CellError(f"{text!r} is not a number", "write digits, such as 1500.50") from None
    return text


def _money(text: str) -> dict[str, str]:
    match = _MONEY.match(text)
    if match is None:
        raise CellError(
            f"{text!r} is not an amount of money",
            "write the amount with a dot before the decimals and the currency code, "
            "such as 600000 EUR or 1500.50 EUR",
        )
    return {"amount": match[1], "currency": match[2]}


def _dated(kind: str, text: str) -> Any:
    try:
        if kind == "period":
            period = Period.parse(text.strip())
            data = {}
            if period.start is not None:
                data["start"] = str(period.start)
            if period.end is not None:
                data["end"] = str(period.end)
            return data
        parsers: dict[str, Any] = {
            "date": PartialDate.parse,
            "duration": Duration.parse,
            "recurrence": Recurrence.parse,
        }
        return str(parsers[kind](text.strip()))
    except (DateValueError, ValueError) as error:
        examples = {
            "date": "2024, 2024-03 or 2024-03-15",
            "period": "2021..2026, 2022-05.. or ..2026",
            "duration": "P2Y or P18M",
            "recurrence": "FREQ=MONTHLY;BYDAY=1MO",
        }
        raise CellError(str(error).split(";")[0], f"write it as {examples[kind]}") from None


def _pairs(text: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for line in text.split("\n"):
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        if not colon:
            raise CellError(
                f"{line!r} has no colon", "write one 'key: value' per line, such as en: Plan"
            )
        pairs[key.strip()] = value.strip()
    return pairs
