"""``uguaglianza merge``: several documents from different sources as one landscape."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from uguaglianza.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    CommandError,
    issue_line,
    read_document,
)
from uguaglianza.errors import InputError, MergeConflictError, UnknownFormatError
from uguaglianza.model._base import ID_PATTERN


def register(commands: Any) -> None:
    """Add the ``merge`` command to *commands*."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "merge",
        help="merge documents about the same bodies into one landscape",
        description="Merge FILEs into one landscape written to OUT (JSON or YAML, from "
        "its extension). The same entity stated by several sources is combined field by "
        "field; entities with different ids and the same identifier are one. Two values "
        "for the same field are conflicts: all are listed and nothing is written, unless "
        "--prefer settles them. Exit 0 when written, 1 on conflicts or an invalid "
        "document, 2 when a file cannot be read or written or an option is wrong.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="plan documents or landscapes")
    parser.add_argument("-o", "--output", metavar="OUT", required=True, help="file to write")
    parser.add_argument(
        "--prefer",
        metavar="newest|SOURCE_ID",
        help="settle conflicts with the value of the most recently dated source (newest), "
        "or with the value a source or document (by its id) supports",
    )
    parser.add_argument(
        "--id", metavar="ID", help="id of the merged landscape (default: from OUT's name)"
    )
    parser.add_argument("--name", metavar="NAME", help="name of the merged landscape")
    parser.set_defaults(run=run)


def _landscape_id(args: argparse.Namespace) -> str:
    if args.id is not None:
        if not re.fullmatch(ID_PATTERN, args.id):
            raise CommandError(
                f"--id {args.id!r} is not an id: use letters, digits and . _ : / @ + -, "
                "starting with a letter or digit"
            )
        return str(args.id)
    stem = Path(args.output).name.split(".")[0]
    cleaned = re.sub(r"[^A-Za-z0-9._:/@+-]", "-", stem).lstrip("._:/@+-")
    return cleaned[:200] or "merged"


def run(args: argparse.Namespace) -> int:
    """Merge FILEs and write OUT; conflicts are printed and nothing is written."""
    from uguaglianza.io import dumps
    from uguaglianza.io._source import detect_format
    from uguaglianza.io._write import atomic_write
    from uguaglianza.model.merge import merge_documents

    landscape_id = _landscape_id(args)
    try:
        fmt = detect_format(args.output)
    except UnknownFormatError as error:
        raise CommandError(f"{args.output}: {error}") from None
    docs = [read_document(path) for path in args.files]
    try:
        merged = merge_documents(docs, id=landscape_id, name=args.name, prefer=args.prefer)
    except MergeConflictError as error:
        for issue in error.issues:
            print(issue_line(issue), file=sys.stderr)
        print(
            f"uguaglianza: {len(error.issues)} conflict(s); nothing written to {args.output}",
            file=sys.stderr,
        )
        return EXIT_INVALID
    for line in merged.report():
        print(line, file=sys.stderr)
    try:
        atomic_write(Path(args.output), dumps(merged.landscape, fmt).encode("utf-8"))
    except InputError as error:
        raise CommandError(str(error)) from None
    return EXIT_OK
