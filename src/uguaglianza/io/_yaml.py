"""Parsing untrusted YAML text into the same plain data that JSON gives.

PyYAML's parser (libyaml's when it is installed) turns the text into events; this
module builds values from them iteratively, like ``yaml.SafeLoader`` but stricter:
dates stay strings, non-integer numbers become ``Decimal``, keys must be unique strings,
nesting, aliases and their expansion are bounded before anything big is built, and
only one document is accepted.

Plain scalars are read as YAML 1.2's core schema reads them, not as YAML 1.1 (PyYAML's
own resolver) does: ``yes``, ``no``, ``on``, ``off`` stay strings, ``12:30`` and ``1_000``
stay strings, ``037`` is the number 37 (not 31), ``0o17`` is 15 and ``1e3`` is a number.
Only ``true``/``false`` are booleans and ``null``, ``~`` or nothing is null. The ``<<``
merge key is still honoured. Inside ``extensions``, which no model types, a plain value
or key that the two versions read differently is refused with its line and column, so
that no value there changes silently from what another YAML reader would give.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from decimal import Decimal, localcontext
from typing import Any, Protocol

import yaml
from yaml.events import (
    AliasEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from uguaglianza.errors import InputError, Issue, ParseError, shorten
from uguaglianza.io._limits import DEFAULT_LIMITS, Limits, paused_gc
from uguaglianza.io._locate import Pos, format_path

__all__ = ["parse_yaml", "plain_token", "yaml_positions"]

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _MERGE_TAG = (
    _TAG + name for name in ("str", "int", "float", "bool", "null", "merge")
)
_SEQ, _MAP = _TAG + "seq", _TAG + "map"

# YAML 1.1's implicit types as PyYAML resolves them, without timestamps (dates stay
# strings) and the odd "=" value type; first character → [(tag, pattern)]. Only used to
# tell where YAML 1.1 would read a plain scalar differently.
_IMPLICIT_11: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    first: [
        (tag, pattern)
        for tag, pattern in resolvers
        if tag in (_BOOL, _FLOAT, _INT, _MERGE_TAG, _NULL)
    ]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}
_BOOLS_11 = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}

# YAML 1.2's core schema (section 10.3.2), plus the "<<" merge key.
_CORE_NULL = re.compile(r"(?:~|null|Null|NULL|)\Z")
_CORE_BOOL = re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")
_CORE_INT = re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")
_CORE_FLOAT = re.compile(
    r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"
)
_CORE: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _first in "~nN":
    _CORE.setdefault(_first, []).append((_NULL, _CORE_NULL))
for _first in "tTfF":
    _CORE.setdefault(_first, []).append((_BOOL, _CORE_BOOL))
for _first in "-+0123456789":
    _CORE.setdefault(_first, []).append((_INT, _CORE_INT))
for _first in "-+.0123456789":
    _CORE.setdefault(_first, []).append((_FLOAT, _CORE_FLOAT))
_CORE["<"] = [(_MERGE_TAG, re.compile(r"<<\Z"))]
_BOOLS = {"true": True, "false": False}

_KINDS = {
    bool: "a boolean",
    int: "a number",
    Decimal: "a number",
    type(None): "null",
    list: "a list",
    dict: "a mapping",
}

# The characters YAML forbids anywhere in a stream (the same set PyYAML's reader uses).
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")

_UNLIMITED = Limits(
    max_bytes=sys.maxsize,
    max_depth=sys.maxsize,
    max_aliases=sys.maxsize,
    max_alias_expansion=sys.maxsize,
    max_nodes=sys.maxsize,
)


class _EventSource(Protocol):
    def get_event(self) -> Any: ...

    def dispose(self) -> None: ...


class _PythonParser(Reader, Scanner, Parser):
    """PyYAML's pure-Python reader, scanner and parser, without composer or constructor."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)


def _fastest_parser() -> Callable[[str], _EventSource]:
    try:
        from yaml._yaml import CParser
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        return _PythonParser
    return CParser


_PARSER = _fastest_parser()

#: What libyaml (0.2.6 and later) says when flow collections nest over its own limit.
_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"


class _Merge:
    """The ``<<`` merge key."""


_MERGE = _Merge()
_NO_KEY = object()
_OPEN = object()


class _InvalidScalarError(Exception):
    """A scalar that cannot be constructed: (code, message, hint)."""


class _Frame:
    """A list or mapping being built."""

    __slots__ = (
        "anchor",
        "is_map",
        "key",
        "key_lines",
        "key_mark",
        "merges",
        "pos",
        "size",
        "slot",
        "value",
    )

    def __init__(self, is_map: bool, slot: str | int | None, anchor: str | None) -> None:
        self.is_map = is_map
        self.slot = slot
        self.anchor = anchor
        self.value: Any = {} if is_map else []
        self.pos: Pos | None = None
        self.size = 1
        self.key: Any = _NO_KEY
        self.key_mark: Any = None
        self.key_lines: dict[str, int] = {}
        self.merges: list[tuple[dict[str, Any], Pos | None]] = []


def _to_int(text: str) -> int:
    """A YAML 1.2 core integer: decimal with a sign, ``0o`` octal or ``0x`` hexadecimal."""
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _to_decimal(text: str) -> Decimal:
    result = Decimal(text)
    if not result.is_finite():
        raise ArithmeticError
    return result


def _construct(tag: str, text: str) -> Any:
    """The value of a scalar with a resolved or explicit standard *tag*, as YAML 1.2 reads it."""
    if tag == _STR:
        return text
    if tag == _NULL:
        return None
    if tag == _BOOL:
        if text.lower() not in _BOOLS:
            raise _InvalidScalarError(
                "invalid_value", f"{text!r} is not a boolean", "write true or false"
            )
        return _BOOLS[text.lower()]
    try:
        if tag == _INT and _CORE_INT.match(text):
            return _to_int(text)
        if (tag == _FLOAT and _CORE_FLOAT.match(text)) or _CORE_INT.match(text):
            return _to_decimal(text.removeprefix("+"))
        raise ValueError(text)
    except (ValueError, ArithmeticError):
        message = (
            f"{text!r} is not a finite number"
            if tag == _FLOAT
            else f"{text!r} cannot be read as a whole number"
        )
        hint = "write a finite number, or quote the value to keep it as text"
        raise _InvalidScalarError("invalid_number", message, hint) from None


def _resolve(text: str) -> str:
    """The tag YAML 1.2's core schema gives the plain scalar *text*."""
    for tag, pattern in _CORE.get(text[:1], ()):
        if pattern.match(text):
            return tag
    return _NULL if not text else _STR


def _yaml11_int(text: str) -> int:
    value = text.replace("_", "")
    sign = -1 if value[:1] == "-" else 1
    if value[:1] in ("-", "+"):
        value = value[1:]
    if value.startswith("0b"):
        return sign * int(value[2:], 2)
    if value.startswith("0x"):
        return sign * int(value[2:], 16)
    if value.startswith("0") and value != "0":
        return sign * int(value, 8)
    number = 0
    for part in value.split(":"):
        number = number * 60 + int(part)
    return sign * number


def _yaml11_decimal(text: str) -> Decimal:
    value = text.replace("_", "").lower()
    sign = -1 if value[:1] == "-" else 1
    with localcontext() as context:
        context.prec = 2 * len(value) + 10
        number = Decimal(0)
        for part in value.lstrip("+-").split(":"):
            number = number * 60 + Decimal(part)
        return number * sign if ":" in value else Decimal(value)


def yaml11_reading(text: str) -> Any:
    """What YAML 1.1 (PyYAML's resolver) makes of the plain scalar *text*; raises if odd."""
    tag = _STR
    for candidate, pattern in _IMPLICIT_11.get(text[:1], ()):
        if pattern.match(text):
            tag = candidate
            break
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return _BOOLS_11[text.lower()]
    if tag == _INT:
        return _yaml11_int(text)
    if tag == _FLOAT:
        return _yaml11_decimal(text)
    return text


def older_reading(text: str, value: Any) -> tuple[Any] | None:
    """``(reading,)`` if YAML 1.1 reads the plain scalar *text* otherwise than *value*."""
    try:
        older = yaml11_reading(text)
    except (ValueError, ArithmeticError, KeyError):
        return None
    if type(older) is type(value) and older == value:
        return None
    return (older,)


def describe(value: Any) -> str:
    """How a scalar reads, for messages: ``the number 31``, ``true``, ``the text 'no'``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return f"the number {value}"
    return f"the text {value!r}"


class _Builder:
    """Builds one document's values (or their positions) from parser events."""

    def __init__(
        self, parser: _EventSource, file: str | None, limits: Limits, positions: bool
    ) -> None:
        self.parser = parser
        self.file = file
        self.limits = limits
        self.positions = positions
        self.stack: list[_Frame] = []
        self.anchors: dict[str, Any] = {}
        self.aliases = 0
        self.expansion = 0
        self.nodes = 0
        self.extensions = 0  # open containers under an "extensions" key

    # -- errors -------------------------------------------------------------------------

    def path(self, *, member: bool = True) -> tuple[str | int, ...]:
        """Path of the innermost open container, plus its pending member if *member*."""
        parts: list[str | int] = [f.slot for f in self.stack if f.slot is not None]
        if member and self.stack:
            top = self.stack[-1]
            if not top.is_map:
                parts.append(len(top.value))
            elif isinstance(top.key, str):
                parts.append(top.key)
            elif top.key is _MERGE:
                parts.append("<<")
        return tuple(parts)

    def error(
        self,
        code: str,
        message: str,
        mark: Any,
        *,
        hint: str | None = None,
        value: str | None = None,
        path: tuple[str | int, ...] | None = None,
    ) -> ParseError:
        issue = Issue(
            code=code,
            message=message,
            path=format_path(self.path() if path is None else path),
            value=value,
            hint=hint,
            file=self.file,
            line=mark.line + 1 if mark is not None else None,
            column=mark.column + 1 if mark is not None else None,
        )
        return ParseError([issue], file=self.file)

    # -- the document -------------------------------------------------------------------

    def document(self) -> tuple[Any, Pos | None]:
        """The single document's value and position tree."""
        get = self.parser.get_event
        get()  # StreamStartEvent
        event = get()
        if isinstance(event, StreamEndEvent):
            raise self._empty()
        first = get()  # the root node's first event
        if (
            isinstance(first, ScalarEvent)
            and first.value == ""
            and first.tag is None
            and first.implicit[0]
        ):
            raise self._empty()
        value, pos = self._node(first)
        get()  # DocumentEndEvent
        event = get()
        if not isinstance(event, StreamEndEvent):
            raise self.error(
                "multiple_documents",
                "the file holds more than one YAML document",
                event.start_mark,
                hint="keep one document per file (remove the '---' separator)",
                path=(),
            )
        return value, pos

    def _empty(self) -> ParseError:
        return ParseError(
            [
                Issue(
                    code="empty",
                    message="the document is empty",
                    hint="write a mapping, e.g. 'document: plan'",
                    file=self.file,
                    line=1,
                    column=1,
                )
            ],
            file=self.file,
        )

    def _node(self, event: Any) -> tuple[Any, Pos | None]:
        stack, get = self.stack, self.parser.get_event
        while True:
            kind = type(event)
            pos: Pos | None = None
            if kind is ScalarEvent:
                value = self._scalar(event)
                size = 1
                if self.positions:
                    pos = Pos(event.start_mark.line + 1, event.start_mark.column + 1)
                if event.anchor is not None:
                    self._define(event.anchor, event)
                    self.anchors[event.anchor] = (value, pos, size)
            elif kind is AliasEvent:
                value, pos, size = self._alias(event)
            elif kind is SequenceStartEvent or kind is MappingStartEvent:
                self._open(event, kind is MappingStartEvent)
                event = get()
                continue
            else:  # the end of a sequence or mapping
                frame = stack.pop()
                if frame.slot == "extensions":
                    self.extensions -= 1
                value, pos, size = self._close(frame)
            if not stack:
                return value, pos
            self._attach(stack[-1], value, pos, size, event)
            event = get()

    def _scalar(self, event: Any) -> Any:
        top = self.stack[-1] if self.stack else None
        in_key = top is not None and top.is_map and top.key is _NO_KEY
        text: str = event.value
        tag = event.tag
        plain = event.implicit[0] and tag is None
        if tag is None or tag == "!":
            tag = _resolve(text) if plain else _STR
            if tag == _MERGE_TAG:
                if in_key:
                    return _MERGE
                tag = _STR
        elif tag not in (_STR, _INT, _FLOAT, _BOOL, _NULL):
            raise self._unsupported_tag(tag, event)
        if event.style == '"' and _SURROGATE.search(text):
            raise self.error(
                "invalid_string",
                "the string contains an unpaired UTF-16 surrogate escape",
                event.start_mark,
                value=shorten(text),
                hint=r"write the character itself, or escape it as \UXXXXXXXX",
            )
        if not in_key:
            self._count(1, event)
        try:
            value = _construct(tag, text)
        except _InvalidScalarError as invalid:
            code, message, hint = invalid.args
            raise self.error(
                code, message, event.start_mark, hint=hint, value=shorten(text)
            ) from None
        if plain and self.extensions and not self.positions:
            older = older_reading(text, value)
            if older is not None:
                raise self._ambiguous(text, value, older[0], event, in_key)
        return value

    def _ambiguous(self, text: str, value: Any, older: Any, event: Any, in_key: bool) -> ParseError:
        what = "key" if in_key else "value"
        return self.error(
            "ambiguous_value",
            f"the {what} {text} is {describe(value)} in YAML 1.2 but {describe(older)} in "
            "YAML 1.1, so readers of extensions would disagree",
            event.start_mark,
            hint=f"quote it ('{text}') to keep the text, or write the value unambiguously "
            "(true, false, a plain decimal number)",
            value=text,
            path=self.path(member=not in_key),
        )

    def _unsupported_tag(self, tag: str, event: Any) -> ParseError:
        shown = "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
        return self.error(
            "unsupported_tag",
            f"the tag {shown} is not supported",
            event.start_mark,
            hint="remove the tag: documents hold only plain strings, numbers, booleans, "
            "nulls, lists and mappings",
            value=shorten(shown),
        )

    def _count(self, size: int, event: Any) -> None:
        self.nodes += size
        if self.nodes > self.limits.max_nodes:
            raise self.error(
                "too_many_nodes",
                f"the document has more than {self.limits.max_nodes} values",
                event.start_mark,
                hint="split the document, or raise Limits.max_nodes if you trust it",
            )

    def _define(self, anchor: str, event: Any) -> None:
        if anchor in self.anchors:
            raise self.error(
                "syntax",
                f"the anchor &{anchor} is defined twice",
                event.start_mark,
                hint="give each anchor a unique name",
                value=shorten(anchor),
            )

    def _alias(self, event: Any) -> tuple[Any, Pos | None, int]:
        name: str = event.anchor
        target = self.anchors.get(name)
        limits = self.limits
        if target is None:
            raise self.error(
                "syntax",
                f"the alias *{name} refers to no anchor",
                event.start_mark,
                hint=f"define the anchor &{name} before using the alias *{name}",
                value=shorten(name),
            )
        if target is _OPEN:
            raise self.error(
                "recursive_alias",
                f"the alias *{name} refers to a list or mapping that contains it",
                event.start_mark,
                hint="an alias cannot refer to one of its own parents",
                value=shorten(name),
            )
        value, pos, size = target
        self.aliases += 1
        self.expansion += size
        if self.aliases > limits.max_aliases:
            raise self.error(
                "too_many_aliases",
                f"the document uses more than {limits.max_aliases} aliases",
                event.start_mark,
                hint="use fewer aliases, or raise Limits.max_aliases if you trust it",
            )
        if self.expansion > limits.max_alias_expansion:
            raise self.error(
                "too_many_aliases",
                f"aliases expand to more than {limits.max_alias_expansion} values (an alias bomb?)",
                event.start_mark,
                hint="use fewer aliases, or raise Limits.max_alias_expansion if you trust it",
            )
        top = self.stack[-1] if self.stack else None
        if not (top is not None and top.is_map and top.key is _NO_KEY):
            self._count(size, event)
        return value, pos, size

    def _open(self, event: Any, is_map: bool) -> None:
        stack = self.stack
        top = stack[-1] if stack else None
        if top is not None and top.is_map and top.key is _NO_KEY:
            raise self.error(
                "non_string_key",
                f"a {'mapping' if is_map else 'list'} is used as a mapping key",
                event.start_mark,
                hint="keys must be strings",
                path=self.path(member=False),
            )
        if event.tag not in (None, "!", _MAP if is_map else _SEQ):
            raise self._unsupported_tag(event.tag, event)
        if len(stack) >= self.limits.max_depth:
            raise self.error(
                "too_deep",
                f"nesting deeper than {self.limits.max_depth} levels",
                event.start_mark,
                hint="flatten the document, or raise Limits.max_depth if you trust it",
            )
        self._count(1, event)
        slot: str | int | None = None
        if top is not None:
            slot = ("<<" if top.key is _MERGE else top.key) if top.is_map else len(top.value)
        frame = _Frame(is_map, slot, event.anchor)
        if slot == "extensions":
            self.extensions += 1
        if self.positions:
            mark = event.start_mark
            frame.pos = Pos(mark.line + 1, mark.column + 1, {} if is_map else [])
        if event.anchor is not None:
            self._define(event.anchor, event)
            self.anchors[event.anchor] = _OPEN
        stack.append(frame)

    def _close(self, frame: _Frame) -> tuple[Any, Pos | None, int]:
        value, pos = frame.value, frame.pos
        if frame.merges:
            value = {}
            children: dict[str, Pos] = {}
            for source, source_pos in frame.merges:
                value.update(source)
                if source_pos is not None and isinstance(source_pos.children, dict):
                    children.update(source_pos.children)
            value.update(frame.value)
            if pos is not None and isinstance(pos.children, dict):
                children.update(pos.children)
                pos.children = children
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (value, pos, frame.size)
        return value, pos, frame.size

    def _attach(self, top: _Frame, value: Any, pos: Pos | None, size: int, event: Any) -> None:
        if not top.is_map:
            top.value.append(value)
            top.size += size
            if pos is not None and isinstance(top.pos, Pos) and isinstance(top.pos.children, list):
                top.pos.children.append(pos)
            return
        if top.key is _NO_KEY:
            self._set_key(top, value, event)
            return
        key = top.key
        top.key = _NO_KEY
        top.size += size
        if key is _MERGE:
            self._merge(top, value, pos)
            return
        if key in top.value:
            raise self.error(
                "duplicate_key",
                f"duplicate key {key!r}: first at line {top.key_lines[key]}, "
                f"again at line {top.key_mark.line + 1}",
                top.key_mark,
                hint="remove or rename one of the two entries",
                value=shorten(key),
                path=self.path(member=False),
            )
        top.value[key] = value
        top.key_lines[key] = top.key_mark.line + 1
        if pos is not None and top.pos is not None and isinstance(top.pos.children, dict):
            top.pos.children[key] = pos

    def _set_key(self, top: _Frame, key: Any, event: Any) -> None:
        if key is _MERGE or isinstance(key, str):
            top.key = key
            top.key_mark = event.start_mark
            return
        shown = f"*{event.anchor}" if isinstance(event, AliasEvent) else event.value
        kind = _KINDS.get(type(key), type(key).__name__)
        message = f"the key {shown!r} is read as {kind}, not a string"
        raise self.error(
            "non_string_key",
            message,
            event.start_mark,
            hint=f"quote the key: '{shown}':"
            if isinstance(event, ScalarEvent)
            else "keys must be strings",
            value=shorten(key),
            path=self.path(member=False),
        )

    def _merge(self, top: _Frame, value: Any, pos: Pos | None) -> None:
        if isinstance(value, dict):
            top.merges.append((value, pos))
            return
        if isinstance(value, list) and all(isinstance(item, dict) for item in value):
            children = pos.children if pos is not None else None
            positions = children if isinstance(children, list) else [None] * len(value)
            # The first mapping listed wins, so it is merged last.
            top.merges.extend(reversed(list(zip(value, positions, strict=True))))
            return
        raise self.error(
            "invalid_merge",
            "a merge key '<<' needs a mapping or a list of mappings",
            top.key_mark,
            hint="merge an alias to a mapping, e.g. '<<: *defaults'",
            path=self.path(member=False),
        )


_HINTS = (
    ("tab", "indent with spaces: YAML does not allow tabs for indentation"),
    ("mapping values are not allowed", "quote values that contain ': ', or fix the indentation"),
    ("could not find expected ':'", "add ':' after the key, or fix the indentation"),
    ("expected <block end>", "entries of one mapping or list must start in the same column"),
    ("did not find expected key", "entries of one mapping must start in the same column"),
    ("did not find expected '-'", "items of one list must start in the same column"),
    ("end of stream", "close the quote or bracket: is the file truncated?"),
    ("escape", r"in double quotes write a backslash as \\, or use single quotes"),
    ("expected ',' or ']'", "separate the items with commas and close the list with ']'"),
    ("expected ',' or '}'", "separate the entries with commas and close the mapping with '}'"),
    ("expected alphabetic or numeric character", "anchor and alias names are letters or digits"),
)


def _syntax_hint(problem: str, found: str) -> str:
    if found == "\t":
        return _HINTS[0][1]
    if "cannot start any token" in problem and found in ("@", "`", "%"):
        return f"quote values that start with {found!r}"
    lowered = problem.lower()
    for needle, hint in _HINTS:
        if needle in lowered:
            return hint
    return "check the YAML syntax at this position"


def _syntax_issue(error: yaml.YAMLError, text: str, builder: _Builder) -> Issue:
    mark = None
    problem = str(error)
    context = ""
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        problem = error.problem or "malformed YAML"
        if error.context:
            context = f" ({error.context}"
            if error.context_mark is not None and error.context_mark is not mark:
                context += f" at line {error.context_mark.line + 1}"
            context += ")"
    snippet = ""
    if mark is not None and 0 <= mark.index < len(text):
        snippet = text[mark.index : mark.index + 40].split("\n", 1)[0]
    return Issue(
        code="syntax",
        message=f"invalid YAML: {problem}{context}",
        path=format_path(builder.path()),
        value=shorten(snippet) if snippet.strip() else None,
        hint=_syntax_hint(problem, snippet[:1]),
        file=builder.file,
        line=mark.line + 1 if mark is not None else None,
        column=mark.column + 1 if mark is not None else None,
    )


def _build(text: str, file: str | None, limits: Limits, positions: bool) -> tuple[Any, Pos | None]:
    if text.startswith("\ufeff"):
        text = text[1:]
    bad = _NON_PRINTABLE.search(text)
    if bad is not None:
        offset = bad.start()
        issue = Issue(
            code="syntax",
            message=f"the character U+{ord(bad.group()):04X} is not allowed in YAML",
            value=shorten(bad.group()),
            hint="remove it, or write it as an escape inside a double-quoted string",
            file=file,
            line=text.count("\n", 0, offset) + 1,
            column=offset - text.rfind("\n", 0, offset),
        )
        raise ParseError([issue], file=file)
    return _build_with(_PARSER, text, file, limits, positions)


def _build_with(
    make_parser: Callable[[str], _EventSource],
    text: str,
    file: str | None,
    limits: Limits,
    positions: bool,
) -> tuple[Any, Pos | None]:
    parser = make_parser(text)
    builder = _Builder(parser, file, limits, positions)
    try:
        with paused_gc():
            return builder.document()
    except ParseError:
        raise
    except yaml.YAMLError as error:
        if make_parser is not _PythonParser and _LIBYAML_TOO_DEEP in str(error):
            # libyaml scans flow collections ahead of the events and stops at its own
            # nesting limit before ours is reached: the pure parser, event by event,
            # meets ours first and says where, or reads a document the limits allow.
            parser.dispose()
            return _build_with(_PythonParser, text, file, limits, positions)
        raise ParseError([_syntax_issue(error, text, builder)], file=file) from None
    except (ValueError, OverflowError) as error:
        # The pure-Python scanner lets an out-of-range escape such as "\U01000000" through.
        mark = parser.get_mark() if isinstance(parser, Reader) else None
        marked = yaml.MarkedYAMLError(
            problem=f"invalid escape sequence ({error})", problem_mark=mark
        )
        raise ParseError([_syntax_issue(marked, text, builder)], file=file) from None
    finally:
        parser.dispose()


def parse_yaml(text: str, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Any:
    """Parse one untrusted YAML document into plain data; non-integers become ``Decimal``.

    The result holds only dicts with string keys, lists, strings, ints, bools and None,
    as JSON would give: dates stay strings.

    Raises:
        ParseError: the text is empty, holds several documents, is not well-formed,
            repeats a key, has a key that is not a string, or exceeds a limit.
        InputError: the text is longer than ``limits.max_bytes``.
    """
    if len(text) > limits.max_bytes:
        raise InputError(
            f"the text is larger than the limit of {limits.max_bytes} bytes",
            file=file,
            hint="split the document, or raise Limits.max_bytes if you trust it",
        )
    return _build(text, file, limits, positions=False)[0]


_TOKEN_END = re.compile(r"[,\]}]| #|\s*$", re.MULTILINE)


def plain_token(text: str, line: int, column: int) -> str | None:
    """The plain scalar at 1-based *line* and *column* of *text*, if it reads as no string.

    A number, boolean or null written plain is one short token: it ends at a comma or
    closing bracket, a comment, or the end of the line. None for anything else (a quoted
    or block scalar, a string, a position out of range).
    """
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    start += column - 1
    end = _TOKEN_END.search(text, start)
    token = text[start : end.start() if end else len(text)].rstrip()
    if not token or "\n" in token or _resolve(token) == _STR:
        return None
    return token


def yaml_positions(text: str) -> Pos | None:
    """The position tree of the YAML *text*, or None if it cannot be parsed."""
    try:
        return _build(text, None, _UNLIMITED, positions=True)[1]
    except ParseError:
        return None
