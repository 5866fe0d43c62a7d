"""``uguaglianza convert``: rewrite a document as JSON or YAML, linked data, xlsx or CSV."""

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
from uguaglianza.cli._graph import iso_date
from uguaglianza.errors import InputError, MissingExtraError
from uguaglianza.io import dumps

_LINKED = ("jsonld", "ttl")
_TABLES = ("xlsx", "datapackage")


def register(commands: Any) -> None:
    """Add the ``convert`` command to *commands*."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "convert",
        help="convert a document between JSON, YAML and xlsx, or to linked data or CSV",
        description="Rewrite FILE (JSON, YAML or an xlsx workbook) as JSON or YAML, as an xlsx "
        "workbook (needs the 'xlsx' extra), as a folder of CSV files with a Frictionless "
        "datapackage.json, or as linked data: JSON-LD or Turtle (Turtle needs the 'rdf' "
        "extra), described in DCAT-AP_IT.",
    )
    parser.add_argument("file", metavar="FILE")
    parser.add_argument(
        "--to", choices=("json", "yaml", *_TABLES, *_LINKED), required=True, help="output format"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write to OUT instead of stdout (a folder for --to datapackage)",
    )
    linked = parser.add_argument_group("linked data (jsonld, ttl)")
    linked.add_argument(
        "--base-iri", metavar="IRI", help="where entity IRIs start, e.g. https://dati.example.it/"
    )
    linked.add_argument("--publisher", metavar="NAME", help="who publishes the dataset")
    linked.add_argument("--publisher-iri", metavar="IRI", help="the publisher's IRI")
    linked.add_argument("--licence", metavar="IRI", help="the licence's IRI")
    linked.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="the dataset's date (default: the latest date of its sources)",
    )
    add_redact_options(parser)
    parser.set_defaults(run=run)


def _iri(option: str, text: str | None) -> str | None:
    if text is not None and not text.startswith(("http://", "https://", "urn:")):
        raise CommandError(f"{option} {text!r} is not an IRI; write it as https://...")
    return text


def run(args: argparse.Namespace) -> int:
    """Load FILE and print or write it in the requested format."""
    if args.to not in _LINKED:
        given = [
            name
            for name in ("base_iri", "publisher", "publisher_iri", "licence", "as_of")
            if getattr(args, name) is not None
        ]
        if given:
            option = "--" + given[0].replace("_", "-")
            raise CommandError(f"{option} is for linked data; use it with --to jsonld or ttl")
    elif args.base_iri is None:
        raise CommandError(
            f"--to {args.to} needs --base-iri, where the entities' IRIs start "
            "(e.g. --base-iri https://dati.example.it/pari/)"
        )
    if args.to == "datapackage" and not args.output:
        raise CommandError("--to datapackage writes a folder: give it with -o FOLDER")
    if args.to == "xlsx" and not args.output and sys.stdout.isatty():
        raise CommandError("an xlsx workbook is binary: write it to a file with -o OUT.xlsx")
    doc = apply_redaction(read_document(args.file), args)
    if args.to == "datapackage":
        from uguaglianza.io.datapackage import write_datapackage

        try:
            write_datapackage(doc, args.output)
        except (InputError, OSError) as error:
            raise CommandError(f"cannot write the data package in {args.output}: {error}") from None
        return EXIT_OK
    if args.to == "xlsx":
        from uguaglianza.io.workbook import workbook_bytes

        try:
            data = workbook_bytes(doc)
        except MissingExtraError as error:
            raise CommandError(str(error)) from None
    else:
        data = _linked(doc, args) if args.to in _LINKED else dumps(doc, args.to).encode("utf-8")
    write_output(args.output, data)
    return EXIT_OK


def _linked(doc: Any, args: argparse.Namespace) -> bytes:
    from uguaglianza.io.linked_data import Publisher, json_ld_bytes

    publisher = None
    if args.publisher is not None or args.publisher_iri is not None:
        publisher = Publisher(
            args.publisher or args.publisher_iri, _iri("--publisher-iri", args.publisher_iri)
        )
    options = {
        "base_iri": _iri("--base-iri", args.base_iri),
        "publisher": publisher,
        "licence": _iri("--licence", args.licence),
        "modified": args.as_of,
    }
    if args.to == "jsonld":
        return json_ld_bytes(doc, **options)
    from uguaglianza.io.rdf import turtle_bytes

    try:
        return turtle_bytes(doc, **options)
    except MissingExtraError as error:
        raise CommandError(str(error)) from None
