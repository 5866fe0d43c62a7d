"""A document as a folder of CSV files described by a Frictionless ``datapackage.json``.

For open-data portals: one CSV file per sheet of the workbook that has rows (the same
columns and cell syntax, see :mod:`uguaglianza.io.workbook`), UTF-8 with a header row,
and a Tabular Data Package descriptor giving each column's type and description.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

from uguaglianza.io._sheets import Table, document_tables
from uguaglianza.io._tables import Column
from uguaglianza.io._write import atomic_write
from uguaglianza.model import Landscape, PlanDocument

__all__ = ["DESCRIPTOR", "datapackage_files", "write_datapackage"]

#: The descriptor's file name in the folder.
DESCRIPTOR = "datapackage.json"

_TYPES = {"int": "integer", "bool": "boolean", "decimal": "number"}


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug or "document"


def _text(column: Column | None, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if column is not None and column.kind == "decimal" and not isinstance(value, str):
        return format(Decimal(repr(value)) if isinstance(value, float) else Decimal(value), "f")
    return str(value)


def _csv(table: Table, columns: list[Column | None]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        full = [*row, *[None] * (len(columns) - len(row))]  # rows end at their last value
        writer.writerow([_text(column, value) for column, value in zip(columns, full, strict=True)])
    return out.getvalue().encode("utf-8")


def _field(header: str, column: Column | None) -> dict[str, Any]:
    field: dict[str, Any] = {"name": header, "type": "string"}
    if column is None:
        return field
    field["type"] = _TYPES.get(column.kind, "string")
    if column.description:
        field["description"] = column.description
    if column.codelist:
        field["description"] = (
            field.get("description", "") + f" Codes of the codelist {column.codelist}."
        ).strip()
    return field


def datapackage_files(doc: PlanDocument | Landscape) -> dict[str, bytes]:
    """The files of *doc*'s data package, by name: the CSV files and the descriptor."""
    files: dict[str, bytes] = {}
    resources = []
    for table in document_tables(doc):
        if table.sheet is not None and not table.rows:
            continue
        keys = list(table.sheet.keys) if table.sheet is not None else []
        columns: list[Column | None] = [None] * len(keys)
        if table.sheet is not None:
            columns.extend(table.sheet.columns)
        else:
            columns = [None, None]
        name = _slug(table.name)
        files[f"{name}.csv"] = _csv(table, columns)
        schema: dict[str, Any] = {
            "fields": [_field(h, c) for h, c in zip(table.headers, columns, strict=True)]
        }
        if (
            table.sheet is not None
            and not keys
            and any(c.header == "id" and c.required for c in table.sheet.columns)
        ):
            schema["primaryKey"] = ["id"]
        resources.append(
            {
                "name": name,
                "title": table.name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": _slug(doc.id),
        "id": doc.id,
        "title": doc.name or doc.id,
        "resources": resources,
    }
    if doc.description:
        descriptor["description"] = doc.description
    text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    files[DESCRIPTOR] = text.encode("utf-8")
    return files


def write_datapackage(doc: PlanDocument | Landscape, folder: str | os.PathLike[str]) -> list[Path]:
    """Write *doc*'s data package into *folder* (created if needed); return the files."""
    where = Path(folder)
    where.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in datapackage_files(doc).items():
        atomic_write(where / name, data)
        written.append(where / name)
    return written
