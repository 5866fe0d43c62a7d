"""``uguaglianza report``: the dossier of a plan, as one HTML page or as Markdown."""

from __future__ import annotations

import argparse
import datetime
from typing import Any

from uguaglianza.cli._common import (
    EXIT_OK,
    CommandError,
    add_redact_options,
    apply_redaction,
    read_document,
    write_output,
)
from uguaglianza.errors import MissingExtraError


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, such as 2026-12-01"
        ) from None


def register(commands: Any) -> None:
    """Add the ``report`` command to *commands*."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "report",
        help="write the dossier of a plan: one self-contained HTML page, or Markdown",
        description="Write the dossier of the plan in FILE (needs the 'report' extra): the "
        "plan at a glance, areas and actions, governance, timeline, coordination, funding, "
        "opinions and obligations, indicators and the findings of the rules. The HTML page "
        "needs no network and prints on A4. Time-dependent parts are judged at --as-of, by "
        "default the date of the newest source, so the same file gives the same page.",
    )
    parser.add_argument("file", metavar="FILE")
    parser.add_argument(
        "--to", choices=("html", "md"), default="html", help="HTML page (default) or Markdown"
    )
    parser.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    parser.add_argument(
        "--lang", choices=("it", "en"), default="it", help="language of the dossier's words"
    )
    parser.add_argument(
        "--as-of",
        type=_day,
        metavar="DATE",
        help="judge deadlines and dated rules at DATE (YYYY-MM-DD) and mark it on the timeline",
    )
    parser.add_argument(
        "--plan", metavar="ID", help="the plan to write, for a landscape or a related plan"
    )
    add_redact_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Read FILE and write its dossier."""
    from uguaglianza.dossier import UnknownPlanError, dossier

    doc = apply_redaction(read_document(args.file), args)
    try:
        text = dossier(doc, to=args.to, lang=args.lang, as_of=args.as_of, plan=args.plan)
    except (MissingExtraError, UnknownPlanError) as error:
        raise CommandError(
            f"{args.file}: {error}" if isinstance(error, UnknownPlanError) else str(error)
        ) from None
    data = text.encode("utf-8")
    write_output(args.output, data)
    return EXIT_OK
