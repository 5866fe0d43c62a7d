"""``uguaglianza calendar``: meetings, cadences, milestones and deadlines as iCalendar."""

from __future__ import annotations

import argparse
import sys
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


def register(commands: Any) -> None:
    """Add the ``calendar`` command to *commands*."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "calendar",
        help="write meetings, cadences, plan milestones and deadlines as an iCalendar file",
        description="Write the meetings (held and planned), the bodies' cadences, the plan "
        "milestones and the obligations' deadlines of FILE as RFC 5545 all-day events (needs "
        "the 'calendar' extra). What cannot be placed on a day, such as a date without a year, "
        "is listed on stderr.",
    )
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    parser.add_argument(
        "--lang", choices=("it", "en"), default="it", help="language of the events' texts"
    )
    add_redact_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Read FILE, write its calendar, and report on stderr what was left out."""
    from uguaglianza.io.ical import calendar_events, ical_bytes

    doc = apply_redaction(read_document(args.file), args)
    events = calendar_events(doc, lang=args.lang)
    try:
        data = ical_bytes(events)
    except MissingExtraError as error:
        raise CommandError(str(error)) from None
    write_output(args.output, data)
    for item in events.left_out:
        print(f"uguaglianza: {args.file}: left out {item.format()}", file=sys.stderr)
    if not events.events:
        print(
            f"uguaglianza: {args.file}: no meeting, cadence or milestone with a date: "
            "the calendar has no events",
            file=sys.stderr,
        )
    return EXIT_OK
