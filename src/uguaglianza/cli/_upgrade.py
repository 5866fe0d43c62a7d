"""``uguaglianza upgrade``: rewrite documents of an older format version in the current one."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from uguaglianza.cli._common import EXIT_INVALID, EXIT_OK, CommandError
from uguaglianza.errors import DocumentError, InputError, ParseError, UnknownFormatError
from uguaglianza.io import dumps, from_data, read_data
from uguaglianza.io._source import detect_format
from uguaglianza.io._write import atomic_write
from uguaglianza.model import upgrade


def register(commands: Any) -> None:
    """Add the ``upgrade`` command to *commands*."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "upgrade",
        help="rewrite documents of an older format version (1.0) in the current one",
        description="Carry documents over to the current format version. Values move to "
        "their new places and none is dropped; the result is validated before it is "
        "written. A YAML file keeps its leading comment block; other comments are lost.",
    )
    parser.add_argument("files", metavar="FILE", nargs="+")
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write to OUT (a file for one FILE, an existing folder for several) "
        "instead of the standard output",
    )
    parser.add_argument(
        "--in-place", action="store_true", help="rewrite each FILE in place, atomically"
    )
    parser.set_defaults(run=run)


def _leading_comments(path: str) -> str:
    """The comment lines at the top of a YAML file, kept in front of the new text."""
    lines: list[str] = []
    with Path(path).open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if not line.startswith("#"):
                break
            lines.append(line if line.endswith("\n") else line + "\n")
    return "".join(lines)


def _upgraded_text(path: str) -> str:
    try:
        fmt = detect_format(path)
        data = read_data(path, format=fmt)
        doc = from_data(upgrade(data, file=path), file=path)
    except (InputError, UnknownFormatError, ParseError) as error:
        raise CommandError(str(error)) from None
    except DocumentError as error:
        raise CommandError(str(error), EXIT_INVALID) from None
    text = dumps(doc, fmt)
    return _leading_comments(path) + text if fmt == "yaml" else text


def _target(args: argparse.Namespace, path: str) -> Path | None:
    if args.in_place:
        return Path(path)
    if args.output is None:
        return None
    out = Path(args.output)
    return out / Path(path).name if len(args.files) > 1 else out


def run(args: argparse.Namespace) -> int:
    """Upgrade every FILE and print or write the result."""
    if args.in_place and args.output:
        raise CommandError("give either --in-place or -o, not both")
    if len(args.files) > 1 and not args.in_place:
        if args.output is None:
            raise CommandError("several files: give -o FOLDER or --in-place")
        if not Path(args.output).is_dir():
            raise CommandError(f"{args.output}: not a folder; several files need -o FOLDER")
    texts = [(path, _upgraded_text(path)) for path in args.files]  # all checked first
    for path, text in texts:
        target = _target(args, path)
        if target is None:
            print(text, end="")
            continue
        try:
            atomic_write(target, text.encode("utf-8"))
        except InputError as error:
            raise CommandError(str(error)) from None
    return EXIT_OK
