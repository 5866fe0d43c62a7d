"""``uguaglianza template``: a blank, guided workbook to fill in a spreadsheet."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from uguaglianza.cli._common import EXIT_OK, CommandError, write_output
from uguaglianza.errors import MissingExtraError


def register(commands: Any) -> None:
    """Add the ``template`` command to *commands*."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "template",
        help="write a blank, guided xlsx workbook to fill in",
        description="Write a blank workbook (needs the 'xlsx' extra): an instructions sheet, "
        "one sheet per kind of entity, a comment on every header saying what to write, and "
        "drop-down lists of the codes. Read it back with `uguaglianza convert` or check it "
        "with `uguaglianza validate`.",
    )
    parser.add_argument("--to", choices=("xlsx",), required=True, help="output format")
    parser.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    parser.add_argument(
        "--document",
        choices=("plan", "landscape"),
        default="plan",
        help="one plan (default) or a landscape of several plans",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the blank workbook."""
    from uguaglianza.io.workbook import template_bytes

    if not args.output and sys.stdout.isatty():
        raise CommandError("an xlsx workbook is binary: write it to a file with -o OUT.xlsx")
    try:
        data = template_bytes(args.document)
    except MissingExtraError as error:
        raise CommandError(str(error)) from None
    write_output(args.output, data)
    return EXIT_OK
