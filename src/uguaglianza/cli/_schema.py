"""``uguaglianza schema``: print the JSON Schema of the document format."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from uguaglianza.cli._common import EXIT_OK, CommandError
from uguaglianza.errors import InputError
from uguaglianza.io import json_schema_text
from uguaglianza.io._write import atomic_write


def register(commands: Any) -> None:
    """Add the ``schema`` command to *commands*."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "schema", help="print the JSON Schema (Draft 2020-12) of plan documents and landscapes"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument(
        "--jsonld-context",
        action="store_true",
        help="print the JSON-LD context of the linked-data export instead",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print or write the schema."""
    if args.jsonld_context:
        from uguaglianza.io.linked_data import context_bytes

        text = context_bytes().decode("utf-8")
    else:
        text = json_schema_text()
    if args.output:
        try:
            atomic_write(Path(args.output), text.encode("utf-8"))
        except InputError as error:
            raise CommandError(str(error)) from None
    else:
        print(text, end="")
    return EXIT_OK
