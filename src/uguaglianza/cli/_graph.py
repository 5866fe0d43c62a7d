"""``uguaglianza graph``: export a document's coordination graph or draw it."""

from __future__ import annotations

import argparse
import datetime as dt
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

_FORMATS = ("graphml", "gexf", "json", "png", "svg")
_PICTURES = ("png", "svg")


def iso_date(text: str) -> dt.date:
    """An ``argparse`` type: a date written ``YYYY-MM-DD``."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2022-07-13"
        ) from None


def edge_kinds(text: str) -> frozenset[str]:
    """An ``argparse`` type: comma-separated edge kinds."""
    kinds = frozenset(part.strip() for part in text.split(",") if part.strip())
    if not kinds:
        raise argparse.ArgumentTypeError("give at least one edge kind, e.g. member_of,lead_of")
    return kinds


def register(commands: Any) -> None:
    """Add the ``graph`` command to *commands*."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "graph",
        help="export the coordination graph (GraphML, GEXF, node-link JSON) or draw it",
        description="Export the coordination graph of FILE, or draw it coloured by node kind "
        "(png and svg need the 'plot' extra).",
    )
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--to", choices=_FORMATS, required=True, help="output format")
    parser.add_argument(
        "--as-of", type=iso_date, metavar="DATE", help="keep only what was valid on DATE"
    )
    parser.add_argument(
        "--kinds", type=edge_kinds, metavar="KINDS", help="keep only these edge kinds (a,b,...)"
    )
    parser.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    add_redact_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build the graph of FILE and write it in the requested format."""
    from uguaglianza.graph import coordination_graph
    from uguaglianza.io.graphs import graph_bytes

    doc = apply_redaction(read_document(args.file), args)
    graph = coordination_graph(doc, as_of=args.as_of, kinds=args.kinds)
    if args.to in _PICTURES and not args.output and sys.stdout.isatty():
        raise CommandError(f"a {args.to.upper()} picture is not for a terminal; give -o FILE")
    try:
        data = graph_bytes(graph, args.to)
    except MissingExtraError as error:
        raise CommandError(str(error)) from None
    write_output(args.output, data)
    return EXIT_OK
