"""Exceptions raised by uguaglianza, all under one root.

Every exception carries structured details so that a service can turn it into a
response without parsing text::

    UguaglianzaError
    ├── InputError (also OSError)            the input cannot be read at all: missing file,
    │                                        too large, binary, not UTF-8
    ├── DocumentError (also ValueError)      the input was read but is not a valid document;
    │   │                                    ``issues`` lists every problem with its location
    │   ├── ParseError                       not well-formed JSON/YAML, duplicate keys,
    │   │                                    nesting or alias limits exceeded
    │   └── MergeConflictError               two documents define the same id differently
    ├── UnknownFormatError (also ValueError) a format name or file extension we do not handle
    └── MissingExtraError (also ImportError) an optional dependency is not installed
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "DocumentError",
    "InputError",
    "Issue",
    "MergeConflictError",
    "MissingExtraError",
    "ParseError",
    "UguaglianzaError",
    "UnknownFormatError",
    "shorten",
]

_MAX_VALUE_CHARS = 60


def shorten(value: object, limit: int = _MAX_VALUE_CHARS) -> str:
    """Return a one-line ``repr`` of *value*, cut to *limit* characters with an ellipsis."""
    text = repr(value)
    text = text.replace("\n", "\\n")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


@attrs.frozen(slots=True)
class Issue:
    """One problem found while reading or checking a document.

    Attributes:
        code: a stable, machine-readable code such as ``"dangling_reference"``.
        message: what is wrong, in English, one sentence.
        path: JSON path of the offending value, such as ``"plan.actions[3].lead"``;
            empty for the document as a whole.
        value: the offending value, shortened, or ``None`` when there is none.
        hint: what would fix it.
        file: the file the document came from, when known.
        line: 1-based line in *file*, when known.
        column: 1-based column in *file*, when known.
        cell: the spreadsheet cell, such as ``Azioni!D7``, when read from a workbook.
    """

    code: str
    message: str
    path: str = ""
    value: str | None = None
    hint: str | None = None
    file: str | None = None
    line: int | None = None
    column: int | None = None
    cell: str | None = None

    def location(self) -> str:
        """``file:line:col`` (or ``file:Sheet!Cell``) as far as known, for linter-style output."""
        parts = [self.file or "<input>"]
        if self.cell is not None:
            return f"{parts[0]}:{self.cell}"
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        """One line: location, path, message, value and hint."""
        where = self.path or ("" if self.cell else "<document>")  # a cell says where
        text = f"{self.location()}: {where + ': ' if where else ''}{self.message}"
        if self.value is not None:
            text += f" (got {self.value})"
        if self.hint:
            text += f"; {self.hint}"
        return text

    def to_dict(self) -> dict[str, str | int | None]:
        """The issue as a JSON-compatible mapping; ``cell`` only when read from a workbook."""
        data = attrs.asdict(self)
        if self.cell is None:
            del data["cell"]
        return data


class UguaglianzaError(Exception):
    """Root of every exception raised by uguaglianza."""


class InputError(UguaglianzaError, OSError):
    """The input cannot be read: it is missing, too large, binary or not UTF-8."""

    def __init__(self, message: str, *, file: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.file}: {self.message}" if self.file else self.message
        return f"{text}; {self.hint}" if self.hint else text


class DocumentError(UguaglianzaError, ValueError):
    """The input is not a valid document; ``issues`` holds every problem found."""

    def __init__(self, issues: Iterable[Issue], *, file: str | None = None):
        self.issues: tuple[Issue, ...] = tuple(issues)
        self.file = file
        super().__init__(self._summary())

    def _summary(self) -> str:
        count = len(self.issues)
        head = f"{self.file or '<input>'}: {count} problem{'s' if count != 1 else ''}"
        shown = [issue.format() for issue in self.issues[:20]]
        if count > 20:
            shown.append(f"... and {count - 20} more")
        return "\n".join([head, *shown])


class ParseError(DocumentError):
    """The input is not well-formed JSON or YAML, or exceeds a safety limit."""


class MergeConflictError(DocumentError):
    """Two documents being merged define the same id with different content."""


class UnknownFormatError(UguaglianzaError, ValueError):
    """A format name or file extension that uguaglianza does not read or write."""


class MissingExtraError(UguaglianzaError, ImportError):
    """An optional dependency is needed; the message names the extra to install."""
