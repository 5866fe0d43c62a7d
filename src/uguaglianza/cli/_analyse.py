"""``uguaglianza analyse``: coverage, hubs, single points of failure and more, as text or JSON."""

from __future__ import annotations

import argparse
import os
import re
from typing import Any

from uguaglianza.cli._common import (
    EXIT_OK,
    CommandError,
    add_redact_options,
    apply_redaction,
    read_document,
    write_json,
)
from uguaglianza.cli._graph import iso_date

_SECTIONS = (
    "frameworks",
    "coverage",
    "hubs",
    "failures",
    "isolated",
    "paths",
    "funding",
    "communities",
)
_DEFAULT = "frameworks,coverage,hubs,failures,isolated,paths,funding"


def _sections(text: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    if names == ("all",):
        return _SECTIONS
    unknown = [name for name in names if name not in _SECTIONS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown section(s) {', '.join(unknown) or '(none)'}; choose among "
            f"{', '.join(_SECTIONS)} or all"
        )
    return names


_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


def _kinds(text: str) -> tuple[str, ...]:
    """Comma-separated codes, such as ``anti_violence_centre,shelter``."""
    codes = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    wrong = [code for code in codes if not _CODE.match(code)]
    if wrong or not codes:
        raise argparse.ArgumentTypeError(
            f"{', '.join(map(repr, wrong)) or 'nothing'} is not a list of codes: write "
            "snake_case codes separated by commas, such as anti_violence_centre,shelter"
        )
    return codes


def _sample(text: str) -> int | str | None:
    if text in ("auto", "exact"):
        return None if text == "exact" else text
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 2:
        raise argparse.ArgumentTypeError("write auto, exact or a number of sources (at least 2)")
    return value


def register(commands: Any) -> None:
    """Add the ``analyse`` command to *commands*."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "analyse",
        help="analyse the coordination graph: coverage, hubs, single points of failure...",
        description="Analyse the coordination graph of FILE. Sections: " + ", ".join(_SECTIONS),
    )
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--as-of", type=iso_date, metavar="DATE", help="the graph as of DATE")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--sections",
        type=_sections,
        default=_sections(_DEFAULT),
        metavar="LIST",
        help=f"comma-separated sections, or all (default: {_DEFAULT})",
    )
    parser.add_argument("--top", type=int, default=10, metavar="N", help="rows per list (10)")
    parser.add_argument(
        "--sample",
        type=_sample,
        default="auto",
        metavar="K",
        help="betweenness sources: auto (exact when affordable), exact, or a number",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of samples (0)")
    parser.add_argument(
        "--backend",
        choices=("auto", "networkx", "igraph"),
        default="auto",
        help="betweenness backend (igraph: the 'fast' extra)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        choices=(1, 2),
        default=2 if (os.cpu_count() or 1) > 1 else 1,
        metavar="N",
        help="2: compute hubs in a second process alongside the other sections, where "
        "the platform forks (default: 2 with more than one CPU)",
    )
    parser.add_argument(
        "--all-sections",
        action="store_true",
        help="compute the sections that mean nothing for this document too (with a note)",
    )
    parser.add_argument(
        "--territory-kind",
        type=_kinds,
        metavar="KINDS",
        help="coverage: territory kinds to report on, comma-separated "
        "(default: municipality,socio_health_district,social_area)",
    )
    parser.add_argument(
        "--service-kind",
        type=_kinds,
        metavar="KINDS",
        help="coverage: kinds of service whose gaps to report, comma-separated; a category "
        "such as anti_violence_service counts every kind in it "
        "(default: the broadest kind of every service in the document)",
    )
    parser.add_argument(
        "--from-kind",
        type=_kinds,
        metavar="KINDS",
        help="case paths: service kinds where cases are reported, comma-separated; a "
        "category such as anti_discrimination_service counts every kind in it "
        "(default: anti_discrimination_desk,reporting_platform,helpline)",
    )
    parser.add_argument(
        "--to-kind",
        type=_kinds,
        metavar="KINDS",
        help="case paths: service kinds to reach, comma-separated, categories as for "
        "--from-kind (default: legal_advice,anti_violence_centre)",
    )
    parser.add_argument(
        "--lang", choices=("it", "en"), help="language of the text (default: from LANG)"
    )
    add_redact_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build the graph of FILE, run the sections and print them."""
    from uguaglianza.cli._validate import language
    from uguaglianza.errors import MissingExtraError
    from uguaglianza.graph import analyse, coordination_graph
    from uguaglianza.graph.analysis.coverage import DEFAULT_TERRITORY_KINDS
    from uguaglianza.graph.analysis.paths import DESK_KINDS, TARGET_KINDS
    from uguaglianza.graph.analysis.text import render

    doc = apply_redaction(read_document(args.file), args)
    graph = coordination_graph(doc, as_of=args.as_of)
    try:
        result = analyse(
            graph,
            sections=args.sections,
            all_sections=args.all_sections,
            top=args.top,
            sample=args.sample,
            seed=args.seed,
            backend=args.backend,
            territory_kinds=args.territory_kind or DEFAULT_TERRITORY_KINDS,
            service_kinds=args.service_kind,
            desk_kinds=args.from_kind or DESK_KINDS,
            target_kinds=args.to_kind or TARGET_KINDS,
            doc=doc,
            jobs=args.jobs,
        )
    except MissingExtraError as error:
        raise CommandError(str(error)) from None
    if args.format == "json":
        write_json(result.to_dict())
    else:
        print("\n".join(render(result, args.top, language(args.lang))))
    return EXIT_OK
