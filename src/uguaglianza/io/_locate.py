"""Finding where a JSON path lies in JSON or YAML source text, for error reports.

Locating happens only when something must be reported. JSON text is read lazily, only
as far as the paths asked for need; YAML text is parsed once into a tree of positions.
Both are linear in the size of the text and never recurse.
"""

from __future__ import annotations

import bisect
import json
import re
from array import array
from collections.abc import Callable, Iterator
from typing import Any, Literal, Protocol, TypeAlias

from uguaglianza.io._limits import paused_gc

__all__ = [
    "JsonScanner",
    "Locator",
    "Path",
    "Pos",
    "decode_json_string",
    "format_path",
    "locate_json",
    "locate_yaml",
]

Path: TypeAlias = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """``("plan", "actions", 3, "lead")`` → ``plan.actions[3].lead``; odd keys are quoted.

    Keys that are not identifiers are written as ``extensions["a b"]``; the root is ``""``.
    """
    parts: list[str] = []
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif part.isidentifier():
            parts.append(f".{part}" if parts else part)
        else:
            quoted = json.dumps(part, ensure_ascii=False)
            if not quoted.isprintable():
                quoted = json.dumps(part)  # escape what a terminal cannot show
            parts.append(f"[{quoted}]")
    return "".join(parts)


class Pos:
    """Where one value starts (1-based line and column) and where its children are."""

    __slots__ = ("children", "column", "line")

    def __init__(
        self, line: int, column: int, children: list[Pos] | dict[str, Pos] | None = None
    ) -> None:
        self.line = line
        self.column = column
        self.children = children


class Locator(Protocol):
    """Gives the position of a value in the source text, given its JSON path."""

    def position(self, path: Path) -> tuple[int, int] | None:
        """1-based ``(line, column)`` of the value at *path*, or of its nearest ancestor.

        None when the text holds no value at all.
        """


class _TreeLocator:
    """A locator over a tree of positions built on first use."""

    def __init__(self, build: Callable[[], Pos | None]) -> None:
        self._build: Callable[[], Pos | None] | None = build
        self._root: Pos | None = None

    def position(self, path: Path) -> tuple[int, int] | None:
        """1-based ``(line, column)`` of the value at *path*, or of its nearest ancestor."""
        if self._build is not None:
            self._root = self._build()
            self._build = None
        node = self._root
        if node is None:
            return None
        for part in path:
            child = _child(node, part)
            if child is None:
                break
            node = child
        return node.line, node.column


def _child(node: Pos, part: str | int) -> Pos | None:
    children = node.children
    if isinstance(children, dict):
        return children.get(part) if isinstance(part, str) else None
    if isinstance(children, list) and type(part) is int and 0 <= part < len(children):
        return children[part]
    return None


_STRING = r'"(?:[^"\\\x00-\x1f]++|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*+"'
_NUMBER = r"-?(?:0|[1-9][0-9]*+)(?:\.[0-9]++)?+(?:[eE][-+]?+[0-9]++)?+"
_WORD = r"true|false|null|NaN|-?Infinity"  # NaN and Infinity are read to be reported
_TOKEN = re.compile(
    rf"[ \t\r\n]*+(?:(?P<string>{_STRING})|(?P<number>{_NUMBER})|(?P<word>{_WORD})"
    r"|(?P<punct>[{}\[\]:,]))"
)
_STRING_TOKEN = re.compile(_STRING)
_SCALAR_TOKEN = re.compile(f"{_STRING}|{_NUMBER}|{_WORD}")
_WHITESPACE = re.compile(r"[ \t\r\n]*+")
_BLANKS = " \t\r\n"  # and the empty string, at the end of the text


EventKind: TypeAlias = Literal["open", "close", "key", "scalar"]


def decode_json_string(token: str) -> str:
    """The text of a JSON string token (with its quotes); the raw content if invalid."""
    if "\\" not in token:
        return token[1:-1]
    try:
        value = json.loads(token)
    except ValueError:
        return token[1:-1]
    return value if isinstance(value, str) else token[1:-1]


class JsonScanner:
    """A forgiving, iterative JSON tokenizer that tracks the path of every value.

    It stops quietly at the first token that is not well-formed JSON (NaN and
    Infinity are accepted so that they can be reported); ``error_offset`` then tells where.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.path: list[str | int] = []
        """Path of the current value; during a ``key`` event, of the value that follows."""
        self.error_offset: int | None = None
        self.error_path: Path = ()
        """At an error, the path of the member or container it lies in."""

    def events(self) -> Iterator[tuple[EventKind, int, str]]:
        """``(kind, offset, token)`` for every container start and end, key and scalar."""
        text, path, match = self.text, self.path, _TOKEN.match
        kinds: list[str] = []  # "{" or "[" for each open container
        expect = "value"  # value | first-value | key | first-key | colon | after
        pos = 0
        while True:
            m = match(text, pos)
            if m is None:
                if kinds or expect != "after" or text[pos:].strip(" \t\r\n"):
                    offset = len(text) - len(text[pos:].lstrip(" \t\r\n"))
                    self._fail(offset, expect, kinds)
                return
            group = m.lastgroup or ""
            token = m.group(group)
            start = m.start(group)
            pos = m.end()
            closing = token in "]}" and group == "punct"
            if expect in ("value", "first-value") and not (closing and expect == "first-value"):
                if group == "punct" and token not in "{[":
                    self._fail(start, expect, kinds)
                    return
                if kinds and kinds[-1] == "[":
                    index = path[-1]
                    path[-1] = index + 1 if isinstance(index, int) else 0
                if group == "punct":
                    yield "open", start, token
                    kinds.append(token)
                    path.append(-1 if token == "[" else "")
                    expect = "first-value" if token == "[" else "first-key"
                else:
                    yield "scalar", start, token
                    expect = "after"
            elif expect in ("key", "first-key") and group == "string":
                key = decode_json_string(token)
                path[-1] = key
                yield "key", start, key
                expect = "colon"
            elif expect == "colon" and token == ":" and group == "punct":
                expect = "value"
            elif expect == "after" and kinds and token == "," and group == "punct":
                expect = "key" if kinds[-1] == "{" else "value"
            elif (
                closing
                and kinds
                and expect in ("after", "first-key", "first-value")
                and kinds[-1] == ("{" if token == "}" else "[")
            ):
                kinds.pop()
                path.pop()
                yield "close", start, token
                expect = "after"
            else:
                self._fail(start, expect, kinds)
                return

    def _fail(self, offset: int, expect: str, kinds: list[str]) -> None:
        self.error_offset = offset
        if kinds and kinds[-1] == "{" and expect in ("colon", "value"):
            self.error_path = tuple(self.path)
        else:
            self.error_path = tuple(self.path[:-1]) if kinds else ()


class _Container:
    """What is known so far of the members of one JSON object or array."""

    __slots__ = ("children", "done", "first", "pending", "resume")

    def __init__(self, is_object: bool, resume: int) -> None:
        self.children: dict[str, int] | list[int] = {} if is_object else []
        self.resume = resume  # where reading goes on
        self.pending = False  # whether a member's value starts at resume, not yet skipped
        self.first = True
        self.done = False


def _skip_whitespace(text: str, pos: int) -> int:
    match = _WHITESPACE.match(text, pos)
    return match.end() if match else pos


class _JsonLocator:
    """Finds values in JSON text on demand, skipping siblings with the C parser.

    Only the members before the one looked for are read, and each container is read
    at most once, so a few lookups in a large document cost a fraction of a parse.
    """

    def __init__(self, text: str) -> None:
        self._text = text.removeprefix("\ufeff")
        self._containers: dict[int, _Container] = {}
        decoder: Any = json.JSONDecoder()
        self._decoder: json.JSONDecoder = decoder
        self._scan: Callable[[str, int], tuple[Any, int]] = decoder.scan_once  # the C scanner
        self._lookups = 0
        self._line_starts: array[int] | None = None  # offset of each line, once indexed

    def position(self, path: Path) -> tuple[int, int] | None:
        """1-based ``(line, column)`` of the value at *path*, or of its nearest ancestor."""
        text = self._text
        offset = _skip_whitespace(text, 0)
        if offset >= len(text):
            return None
        with paused_gc():
            for part in path:
                child = self._child(offset, part)
                if child is None:
                    break
                offset = child
        return self._line_column(offset)

    def _child(self, offset: int, part: str | int) -> int | None:
        container = self._containers.get(offset)
        if container is None:
            opener = self._text[offset : offset + 1]
            if opener not in ("{", "["):
                return None
            container = self._containers[offset] = _Container(opener == "{", offset + 1)
        children = container.children
        if isinstance(children, dict):
            if not isinstance(part, str):
                return None
            while part not in children and not container.done:
                self._read_member(container, "}")
            return children.get(part)
        if type(part) is not int or part < 0:
            return None
        if len(children) <= part and not container.done:
            self._read_elements(container, children, part)
        return children[part] if part < len(children) else None

    def _read_elements(self, container: _Container, children: list[int], last: int) -> None:
        """Read the elements of an array up to index *last*: the loop of large arrays."""
        text, skip, scan = self._text, _skip_whitespace, self._scan
        pos = container.resume
        try:
            while len(children) <= last:
                if container.pending:
                    pos = scan(text, pos)[1]
                    container.pending = False
                if text[pos : pos + 1] in _BLANKS:
                    pos = skip(text, pos)
                if not container.first:
                    if not text.startswith(",", pos):
                        break
                    pos += 1
                    if text[pos : pos + 1] in _BLANKS:
                        pos = skip(text, pos)
                elif text.startswith("]", pos):
                    break
                children.append(pos)
                container.resume, container.pending, container.first = pos, True, False
            else:
                return
        except (StopIteration, ValueError):  # not well-formed (or a NaN the parser refused)
            pass
        except RecursionError:  # nested too deeply for the C parser: member by member
            container.resume = pos
            while len(children) <= last and not container.done:
                self._read_member(container, "]")
            return
        container.done = True

    def _read_member(self, container: _Container, closer: str) -> None:
        text, skip = self._text, _skip_whitespace
        container.done = True  # until the next member is found
        pos = container.resume
        if container.pending:
            end = self._skip_value(pos)
            if end is None:
                return
            pos = end
        pos = skip(text, pos)
        if text.startswith(closer, pos):
            return
        if not container.first:
            if not text.startswith(",", pos):
                return
            pos = skip(text, pos + 1)
        children = container.children
        if isinstance(children, dict):
            match = _STRING_TOKEN.match(text, pos)
            if match is None:
                return
            key = decode_json_string(match.group())
            pos = skip(text, match.end())
            if not text.startswith(":", pos):
                return
            pos = skip(text, pos + 1)
            children.setdefault(key, pos)
        else:
            children.append(pos)
        container.resume, container.pending, container.first, container.done = (
            pos,
            True,
            False,
            False,
        )

    def _skip_value(self, pos: int) -> int | None:
        """Where the value starting at *pos* ends, or None if it is not well-formed."""
        text = self._text
        if not text.startswith(("{", "["), pos):
            match = _SCALAR_TOKEN.match(text, pos)
            return match.end() if match else None
        try:
            return int(self._decoder.raw_decode(text, pos)[1])
        except RecursionError:
            pass  # nested too deeply for the C parser: count brackets instead
        except ValueError:
            return None
        depth = 0
        while True:
            match = _TOKEN.match(text, pos)
            if match is None:
                return None
            pos = match.end()
            if match.lastgroup == "punct":
                depth += match.group("punct") in "{["
                depth -= match.group("punct") in "}]"
                if depth == 0:
                    return pos

    def _line_column(self, offset: int) -> tuple[int, int]:
        text = self._text
        starts = self._line_starts
        if starts is None:
            self._lookups += 1
            if self._lookups <= _FEW_LOOKUPS:
                line = text.count("\n", 0, offset) + 1
                return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
            # Many findings: index every line start once, then each lookup is a bisection.
            starts = self._line_starts = array("q", [0])
            find, newline = text.find, text.find("\n")
            while newline != -1:
                starts.append(newline + 1)
                newline = find("\n", newline + 1)
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1


#: Lookups answered by counting newlines from the start before indexing every line.
_FEW_LOOKUPS = 4


def locate_json(text: str) -> Locator:
    """A locator for the values of the JSON *text* (built lazily, piece by piece)."""
    return _JsonLocator(text)


def locate_yaml(text: str) -> Locator:
    """A locator for the values of the YAML *text* (aliases point at their anchor)."""
    # Imported here: the YAML module imports this one.
    from uguaglianza.io._yaml import yaml_positions

    return _TreeLocator(lambda: yaml_positions(text))
