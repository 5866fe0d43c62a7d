"""Parsing untrusted JSON text: exact decimals, no duplicate keys, bounded nesting.

The standard library parser does the work; the checks it cannot do cheaply (nesting
depth, number of values) run on the parsed data at C speed. Error positions are found
afterwards by scanning the text again, which only happens when there is an error.

:func:`json_shape` reads, from the text alone, what those checks need (how many keys and
values, how deep): it lets a caller hand well-formed JSON straight to pydantic's own
parser and still refuse what :func:`parse_json` refuses.
"""

from __future__ import annotations

import gc
import json
import re
import sys
from collections.abc import Callable
from decimal import Decimal
from typing import Any, NoReturn

import attrs

from uguaglianza.errors import InputError, Issue, ParseError, shorten
from uguaglianza.io._limits import DEFAULT_LIMITS, Limits, paused_gc
from uguaglianza.io._locate import JsonScanner, decode_json_string, format_path

__all__ = ["JsonShape", "json_shape", "parse_json"]

_WHITESPACE = " \t\r\n"
_NOT_WHITESPACE = re.compile(r"[^ \t\r\n]")
_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"', re.DOTALL)
_EMPTY_CONTAINER = re.compile(r"\[[ \t\r\n]*+\]|\{[ \t\r\n]*+\}")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NON_FINITE = frozenset({"NaN", "Infinity", "-Infinity"})
_LITERALS = frozenset({"true", "false", "null"})
_CONTAINERS = (dict, list)


_STRUCTURE = b'":,[]{}'
_NOT_STRUCTURE = bytes(byte for byte in range(256) if byte not in _STRUCTURE)


@attrs.frozen(slots=True)
class JsonShape:
    """What well-formed JSON text holds, counted on the text: keys, values, nesting."""

    keys: int
    """Keys of all objects, duplicates included."""
    values: int
    """At least the number of values, as :attr:`Limits.max_nodes` counts them."""
    shallow: bool
    """Whether arrays and objects certainly nest no deeper than the depth asked about."""


def json_shape(data: bytes, max_depth: int) -> JsonShape:
    """Count the keys and values of *data*, assumed to be well-formed JSON, and its nesting.

    The counts hold for well-formed JSON only; check it is before relying on them.
    """
    if b"\\" in data:
        # Backslashes only escape inside strings: drop escaped backslashes, then escaped
        # quotes, and every quote left opens or closes a string.
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    # Between two strings there is always a comma, a colon or a bracket, so every "" left
    # once all else is deleted is a whole string; what remains is mostly structure.
    outside = data.translate(None, _NOT_STRUCTURE).replace(b'""', b"")
    if b'"' in outside:
        outside = b"".join(outside.split(b'"')[::2])
    brackets = outside.translate(None, b":,")
    # Each round removes the innermost level of nesting, sometimes the one around it too:
    # the depth lies between the number of rounds and twice that.
    rounds = 0
    while brackets and 2 * rounds <= max_depth:
        brackets = brackets.replace(b"[]", b"").replace(b"{}", b"")
        rounds += 1
    return JsonShape(
        keys=outside.count(b":"),
        # A container of n values holds n - 1 commas; empty ones would make it exact.
        values=1 + outside.count(b",") + outside.count(b"[") + outside.count(b"{"),
        shallow=not brackets and 2 * rounds <= max_depth,
    )


class _DuplicateKeyError(Exception):
    """Raised inside the parser when an object repeats a key."""


class _NonFiniteError(Exception):
    """Raised inside the parser for NaN, Infinity and -Infinity."""


def _pairs_hook(
    pairs: list[tuple[str, Any]],
    _dict: type[dict[str, Any]] = dict,
    _len: Callable[[Any], int] = len,
) -> Any:
    # Called for every object: keep it minimal; the duplicate is found later if any.
    result = _dict(pairs)
    if _len(result) != _len(pairs):
        raise _DuplicateKeyError
    return result


def _reject_constant(token: str) -> NoReturn:
    raise _NonFiniteError(token)


def _python_children(values: list[Any]) -> list[Any]:
    children: list[Any] = []
    for value in values:
        if type(value) is dict:
            children.extend(value.values())
        elif type(value) is list:
            children.extend(value)
    return children


# On CPython the collector's traversal lists the values of dicts and lists in C, which
# makes measuring a parsed document several times cheaper than a Python walk.
_children: Callable[..., list[Any]] = (
    gc.get_referents
    if sys.implementation.name == "cpython"
    else lambda *values: _python_children(list(values))
)


def _measure(data: Any, limits: Limits) -> str | None:
    """``"too_deep"`` or ``"too_many_nodes"`` if parsed *data* exceeds *limits*, else None."""
    level: list[Any] = [data]
    depth = 0  # nesting of the values in *level*; containers there sit at depth + 1
    nodes = 0
    while level:
        nodes += len(level)
        if nodes > limits.max_nodes:
            return "too_many_nodes"
        if depth >= limits.max_depth:
            if any(type(value) in _CONTAINERS for value in level):
                return "too_deep"
            return None
        level = _children(*level)
        depth += 1
    return None


def _count_values(text: str) -> int:
    """The exact number of values in well-formed JSON *text*, without parsing it."""
    bare = _STRING.sub("", text)
    opened = bare.count("[") + bare.count("{")
    empty = _EMPTY_CONTAINER.subn("", bare)[1]
    return 1 + bare.count(",") + opened - empty


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _issue(
    text: str,
    file: str | None,
    offset: int | None,
    code: str,
    message: str,
    *,
    path: tuple[str | int, ...] = (),
    value: str | None = None,
    hint: str | None = None,
) -> Issue:
    line, column = _line_column(text, offset) if offset is not None else (None, None)
    return Issue(
        code=code,
        message=message,
        path=format_path(path),
        value=value,
        hint=hint,
        file=file,
        line=line,
        column=column,
    )


def _bad_number(token: str) -> str | None:
    """Why the number *token* cannot be read exactly, or None if it can."""
    if token in _NON_FINITE:
        return f"{token} is not a number JSON allows"
    try:
        if "." in token or "e" in token or "E" in token:
            Decimal(token)
        else:
            int(token)
    except (ValueError, ArithmeticError):
        return f"the number {shorten(token, 30)} is too large to read"
    return None


def _find_problem(text: str, file: str | None, limits: Limits) -> Issue | None:
    """The first duplicate key, excessive nesting, bad number or bad string in *text*."""
    scanner = JsonScanner(text)
    keys: list[dict[str, int] | None] = []
    for kind, offset, token in scanner.events():
        if kind == "open":
            if len(keys) >= limits.max_depth:
                return _issue(
                    text,
                    file,
                    offset,
                    "too_deep",
                    f"nesting deeper than {limits.max_depth} levels",
                    path=tuple(scanner.path),
                    hint="flatten the document, or raise Limits.max_depth if you trust it",
                )
            keys.append({} if token == "{" else None)
        elif kind == "close":
            keys.pop()
        elif kind == "key":
            seen = keys[-1]
            if seen is not None and token in seen:
                first, _ = _line_column(text, seen[token])
                again, _ = _line_column(text, offset)
                return _issue(
                    text,
                    file,
                    offset,
                    "duplicate_key",
                    f"duplicate key {token!r}: first at line {first}, again at line {again}",
                    path=tuple(scanner.path[:-1]),
                    value=shorten(token),
                    hint="remove or rename one of the two entries",
                )
            if seen is not None:
                seen[token] = offset
            if _SURROGATE.search(token):
                return _surrogate_issue(text, file, offset, tuple(scanner.path[:-1]), token)
        elif token.startswith('"'):
            if "\\u" in token and _SURROGATE.search(decode_json_string(token)):
                return _surrogate_issue(text, file, offset, tuple(scanner.path), token)
        elif token not in _LITERALS:
            reason = _bad_number(token)
            if reason is not None:
                return _issue(
                    text,
                    file,
                    offset,
                    "invalid_number",
                    reason,
                    path=tuple(scanner.path),
                    value=shorten(token),
                    hint='write a finite number, or a string such as "1500.00"',
                )
    return None


def _surrogate_issue(
    text: str, file: str | None, offset: int, path: tuple[str | int, ...], token: str
) -> Issue:
    return _issue(
        text,
        file,
        offset,
        "invalid_string",
        "the string contains an unpaired UTF-16 surrogate escape",
        path=path,
        value=shorten(token),
        hint="write the character itself, or escape it as a pair such as \\ud83d\\ude00",
    )


def _syntax_hint(text: str, pos: int, msg: str) -> str:
    rest = text[pos : pos + 5]
    before = pos - 1
    while before >= 0 and text[before] in _WHITESPACE:
        before -= 1
    if not _NOT_WHITESPACE.search(text, pos):
        return "the document ends too early: is the file truncated, or a bracket left open?"
    if before >= 0 and text[before] == "," and rest[:1] in ("]", "}"):
        return "remove the trailing comma"
    if rest.startswith("'"):
        return "JSON strings and keys need double quotes"
    if rest.startswith("/"):
        return "JSON does not allow comments"
    if rest[:4] in ("True", "Fals", "None", "Null") or rest == "False":
        return "write true, false and null in lowercase"
    hints = {
        "Expecting property name": "write keys as strings in double quotes",
        "Invalid control character": r"write tabs and line breaks inside strings as \t and \n",
        "Invalid \\": r"the valid escapes are \" \\ \/ \b \f \n \r \t and \uXXXX",
        "Extra data": "a JSON file holds one value; remove what follows, or wrap all in a list",
        "Unterminated string": "close the string with a double quote",
        "Expecting ',' delimiter": "separate the items with commas",
        "Expecting ':' delimiter": "put a colon between each key and its value",
        "Expecting value": "write a value: a string in double quotes, a number, true, "
        "false, null, an object or an array",
    }
    for start, hint in hints.items():
        if msg.startswith(start):
            return hint
    return "check the JSON syntax at this position"


def _describe(msg: str) -> str:
    """The standard parser's message in lower case, without its dangling "at"."""
    msg = msg.removesuffix(" at").removesuffix(" starting")
    return msg[:1].lower() + msg[1:]


def _syntax_error(text: str, error: json.JSONDecodeError, file: str | None) -> ParseError:
    scanner = JsonScanner(text)
    for _ in scanner.events():
        pass
    snippet = text[error.pos : error.pos + 40].split("\n", 1)[0]
    issue = Issue(
        code="syntax",
        message=f"invalid JSON: {_describe(error.msg)}",
        path=format_path(scanner.error_path),
        value=shorten(snippet) if snippet.strip() else None,
        hint=_syntax_hint(text, error.pos, error.msg),
        file=file,
        line=error.lineno,
        column=error.colno,
    )
    return ParseError([issue], file=file)


def _limit_error(text: str, file: str | None, limits: Limits, code: str) -> ParseError:
    issue = _find_problem(text, file, limits) if code != "too_many_nodes" else None
    if issue is None:
        if code == "too_many_nodes":
            issue = Issue(
                code=code,
                message=f"the document has more than {limits.max_nodes} values",
                hint="split the document, or raise Limits.max_nodes if you trust it",
                file=file,
            )
        else:
            messages = {
                "too_deep": "the nesting is too deep to parse",
                "duplicate_key": "an object has a duplicate key",
                "invalid_number": "a number cannot be read exactly",
                "invalid_string": "a string contains an unpaired UTF-16 surrogate escape",
            }
            hint = "flatten the document" if code == "too_deep" else None
            issue = Issue(code=code, message=messages[code], hint=hint, file=file)
    return ParseError([issue], file=file)


def _has_unpaired_surrogate(data: Any) -> bool:
    try:
        json.dumps(data, ensure_ascii=False, default=str, check_circular=False).encode()
    except UnicodeEncodeError:
        return True
    return False


def parse_json(text: str, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Any:
    """Parse untrusted JSON *text*; numbers with a fraction or exponent become ``Decimal``.

    Raises:
        ParseError: the text is empty or not well-formed JSON, repeats a key, uses NaN
            or Infinity, or exceeds the nesting or size limits.
        InputError: the text is longer than ``limits.max_bytes``.
    """
    if len(text) > limits.max_bytes:
        raise InputError(
            f"the text is larger than the limit of {limits.max_bytes} bytes",
            file=file,
            hint="split the document, or raise Limits.max_bytes if you trust it",
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    if not _NOT_WHITESPACE.search(text):
        issue = Issue(
            code="empty",
            message="the document is empty",
            hint='write a JSON object, e.g. {"document": "plan", ...}',
            file=file,
            line=1,
            column=1,
        )
        raise ParseError([issue], file=file)
    # n values need at least 2n - 1 characters, so only long texts need counting.
    if (
        len(text) >= 2 * limits.max_nodes
        and 1 + text.count(",") + text.count("[") + text.count("{") > limits.max_nodes
        and _count_values(text) > limits.max_nodes
    ):
        raise _limit_error(text, file, limits, "too_many_nodes")
    try:
        with paused_gc():
            data = json.loads(
                text,
                parse_float=Decimal,
                parse_constant=_reject_constant,
                object_pairs_hook=_pairs_hook,
            )
            problem = _measure(data, limits)
    except json.JSONDecodeError as error:
        raise _syntax_error(text, error, file) from None
    except _DuplicateKeyError:
        raise _limit_error(text, file, limits, "duplicate_key") from None
    except RecursionError:
        raise _limit_error(text, file, limits, "too_deep") from None
    except (_NonFiniteError, ValueError, ArithmeticError):
        raise _limit_error(text, file, limits, "invalid_number") from None
    if problem is not None:
        raise _limit_error(text, file, limits, problem)
    if _SURROGATE_ESCAPE.search(text) and _has_unpaired_surrogate(data):
        raise _limit_error(text, file, limits, "invalid_string")
    return data
