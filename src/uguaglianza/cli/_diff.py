"""``uguaglianza diff``: the entities added, removed and changed between two versions."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from uguaglianza.cli._common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, CommandError, write_json
from uguaglianza.cli._common import read_document as _read
from uguaglianza.cli._validate import language
from uguaglianza.model import Landscape, PlanDocument


def register(commands: Any) -> None:
    """Add the ``diff`` command to *commands*."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "diff",
        help="show the entities added, removed and changed between two versions",
        description="Compare OLD and NEW entity by entity, field by field, with each "
        "entity's date or period and each version's newest source date. Exit 0 when they "
        "are equal, 1 when they differ, 2 when a file cannot be read or is not valid.",
    )
    parser.add_argument("old", metavar="OLD", help="the earlier version")
    parser.add_argument("new", metavar="NEW", help="the later version")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--lang", choices=("it", "en"), help="language of the text (default: from LANG)"
    )
    parser.set_defaults(run=run)


def _read_document(path: str) -> PlanDocument | Landscape:
    """*path* loaded; an invalid document is exit 2 here, since 1 means "different"."""
    try:
        return _read(path)
    except CommandError as error:
        raise CommandError(str(error), EXIT_USAGE) from None


def run(args: argparse.Namespace) -> int:
    """Print what changed from OLD to NEW; exit 0 when nothing did, else 1."""
    from uguaglianza.changes import diff

    result = diff(_read_document(args.old), _read_document(args.new))
    if args.format == "json":
        write_json({"old": args.old, "new": args.new, **result.to_dict()}, sys.stdout)
    else:
        sys.stdout.write(result.to_text(language(args.lang)))
    return EXIT_OK if result.equal else EXIT_INVALID
