"""``uguaglianza convert``: rewrite a document as JSON or YAML."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from uguaglianza.cli._common import EXIT_OK, CommandError, read_document
from uguaglianza.errors import InputError
from uguaglianza.io import dumps
from uguaglianza.io._write import atomic_write


def register(commands: Any) -> None:
    """Add the ``convert`` command to *commands*."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "convert", help="convert a document between JSON and YAML"
    )
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--to", choices=("json", "yaml"), required=True, help="output format")
    parser.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load FILE and print or write it in the requested format."""
    doc = read_document(args.file)
    text = dumps(doc, args.to)
    if args.output:
        try:
            atomic_write(Path(args.output), text.encode("utf-8"))
        except InputError as error:
            raise CommandError(str(error)) from None
    else:
        print(text, end="")
    return EXIT_OK
