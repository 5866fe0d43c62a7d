"""What the commands share: exit codes, reading documents, printing issues."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from uguaglianza.errors import DocumentError, InputError, Issue, ParseError, UnknownFormatError
from uguaglianza.io import load
from uguaglianza.model import Landscape, PlanDocument

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """A failure the command reports in one line, with its exit code."""

    def __init__(self, message: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def read_document(path: str) -> PlanDocument | Landscape:
    """Load *path*, turning unreadable input into a :class:`CommandError` (exit 2)."""
    try:
        return load(path)
    except (InputError, UnknownFormatError) as error:
        raise CommandError(str(error)) from None
    except ParseError as error:
        raise CommandError(str(error)) from None
    except DocumentError as error:
        raise CommandError(str(error), EXIT_INVALID) from None


def issue_line(issue: Issue) -> str:
    """``file:line:col: CODE path: message (got value); hint`` — the form linters use."""
    text = f"{issue.location()}: {issue.code} {issue.path or '<document>'}: {issue.message}"
    if issue.value is not None:
        text += f" (got {issue.value})"
    if issue.hint:
        text += f" — {issue.hint}"
    return text


def write_json(data: Any, out: TextIO | None = None) -> None:
    """Print *data* as indented JSON to *out* (the current standard output by default)."""
    stream = sys.stdout if out is None else out
    json.dump(data, stream, indent=2, ensure_ascii=False)
    stream.write("\n")
