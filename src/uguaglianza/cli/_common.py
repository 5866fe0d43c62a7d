"""What the commands share: exit codes, reading documents, printing issues."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from uguaglianza.errors import (
    DocumentError,
    InputError,
    Issue,
    MissingExtraError,
    ParseError,
    UnknownFormatError,
)
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
    except (InputError, UnknownFormatError, MissingExtraError) as error:
        raise CommandError(str(error)) from None
    except ParseError as error:
        raise CommandError(str(error)) from None
    except DocumentError as error:
        raise CommandError(str(error), EXIT_INVALID) from None


def issue_line(issue: Issue) -> str:
    """``file:line:col: CODE path: message (got value); hint`` — the form linters use."""
    where = issue.path or ("" if issue.cell else "<document>")  # a cell says where
    text = f"{issue.location()}: {issue.code} {where + ': ' if where else ''}{issue.message}"
    if issue.value is not None:
        text += f" (got {issue.value})"
    if issue.hint:
        text += f" — {issue.hint}"
    return text


def write_output(output: str | None, data: bytes) -> None:
    """Write *data* to the file *output* (atomically), or to standard output without one."""
    if output:
        from uguaglianza.io._write import atomic_write

        try:
            atomic_write(Path(output), data)
        except InputError as error:
            raise CommandError(str(error)) from None
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


def write_json(data: Any, out: TextIO | None = None) -> None:
    """Print *data* as indented JSON to *out* (the current standard output by default)."""
    stream = sys.stdout if out is None else out
    json.dump(data, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def add_redact_options(parser: argparse.ArgumentParser) -> None:
    """Give a command that writes data ``--redact persons`` and its companions."""
    group = parser.add_argument_group("personal data")
    group.add_argument(
        "--redact",
        choices=("persons",),
        help="leave persons out: each becomes their post or a stable pseudonym",
    )
    group.add_argument(
        "--keep-office-holders",
        action="store_true",
        help="with --redact persons, keep by name the holders of public office",
    )
    group.add_argument(
        "--redact-key-file",
        metavar="FILE",
        help="a secret file whose bytes key the pseudonyms, to keep them across documents",
    )


def apply_redaction(doc: PlanDocument | Landscape, args: argparse.Namespace) -> Any:
    """*doc* redacted as the options :func:`add_redact_options` added ask."""
    if args.redact is None:
        if args.keep_office_holders or args.redact_key_file:
            raise CommandError("--keep-office-holders and --redact-key-file need --redact persons")
        return doc
    from uguaglianza.privacy import redact

    key = None
    if args.redact_key_file:
        try:
            key = Path(args.redact_key_file).read_bytes()
        except OSError as error:
            raise CommandError(
                f"cannot read the key file {args.redact_key_file!r}: {error.strerror}"
            ) from None
        if not key.strip():
            raise CommandError(
                f"the key file {args.redact_key_file!r} is empty; put a secret in it"
            )
    return redact(doc, persons=True, keep_office_holders=args.keep_office_holders, key=key)
