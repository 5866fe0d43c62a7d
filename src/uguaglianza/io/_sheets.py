"""A document as rows of cells, sheet by sheet, and rows of cells back as document data.

Both directions follow the layout of :mod:`uguaglianza.io._tables`; the file formats
(xlsx, CSV) only move the cells. Reading remembers which cell each value came from, so
that problems are reported as ``Azioni!D7``.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import re
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel

from uguaglianza.errors import Issue, shorten
from uguaglianza.io._cells import CellError, Raw, from_cell, to_cell
from uguaglianza.io._tables import (
    CODELIST_KEY,
    DOCUMENT_SHEET,
    FIELD_KEY,
    OWNER_KEY,
    Column,
    Layout,
    Sheet,
    _columns,
    layout,
)
from uguaglianza.model import Landscape, PlanDocument
from uguaglianza.model._base import Entity

__all__ = [
    "DOCUMENT_HEADERS",
    "CellLocator",
    "Table",
    "cell_name",
    "document_tables",
    "read_tables",
    "root_for",
]

#: The two columns of the document sheet: a field's name and its value.
DOCUMENT_HEADERS = ("campo", "valore")
_ROOTS: dict[str, type[PlanDocument] | type[Landscape]] = {
    "plan": PlanDocument,
    "landscape": Landscape,
}
_STEP = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?:\[([0-9]+)\])?$")


@dataclasses.dataclass
class Table:
    """One sheet's header and rows of cell values."""

    name: str
    headers: list[str]
    rows: list[list[Any]]
    sheet: Sheet | None = None
    """The layout sheet, or None for the document sheet."""


def cell_name(sheet: str, row: int, column: int) -> str:
    """``Azioni!D7`` for 1-based *row* and *column*; odd sheet names are quoted."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", sheet):
        return f"{sheet}!{letters}{row}"
    return "'" + sheet.replace("'", "''") + f"'!{letters}{row}"


def _get(item: Any, path: tuple[str, ...] = ()) -> Any:
    for name in path:
        if item is None:
            return None
        item = getattr(item, name)
    return item


_LISTS: dict[type[BaseModel], list[tuple[str, type[BaseModel]]]] = {}


def _lists_of(model: type[BaseModel]) -> list[tuple[str, type[BaseModel]]]:
    if model not in _LISTS:
        found: list[tuple[str, type[BaseModel]]] = []
        _columns(model, (), found)
        _LISTS[model] = found
    return _LISTS[model]


_GETTERS: dict[int, list[tuple[Column, Callable[[Any], Any]]]] = {}


def _getters(sheet: Sheet) -> list[tuple[Column, Callable[[Any], Any]]]:
    """Each column of *sheet* with a function reading its value from a row's part."""
    found = _GETTERS.get(id(sheet))
    if found is None:
        found = [
            (
                column,
                operator.attrgetter(column.path[0])
                if len(column.path) == 1
                else functools.partial(_get, path=column.path),
            )
            for column in sheet.columns
        ]
        _GETTERS[id(sheet)] = found
    return found


def _row(sheet: Sheet, item: BaseModel, keys: list[Any]) -> list[Any]:
    cells: list[Any] = list(keys)
    append = cells.append
    for column, get in _getters(sheet):
        value = get(item)
        if value is None or value == ():
            append(None)
        elif column.kind == "present":
            append("{}" if _blank(sheet, item, column) else None)
        else:
            append(to_cell(column, value))
    while cells and cells[-1] is None:
        cells.pop()
    return cells


def _blank(sheet: Sheet, item: BaseModel, part: Column) -> bool:
    """True when every column inside *part* would be an empty cell."""
    depth = len(part.path)
    return all(
        to_cell(column, _get(item, column.path)) is None
        for column in sheet.columns
        if column.path[:depth] == part.path
        and len(column.path) > depth
        and column.kind != "present"
    )


def document_tables(doc: PlanDocument | Landscape) -> list[Table]:
    """Every sheet of *doc*'s workbook: the document sheet first, then the layout's."""
    plan = layout(type(doc))
    rows: dict[str, list[list[Any]]] = {sheet.name: [] for sheet in plan.sheets}

    def visit(sheet: Sheet, item: BaseModel, keys: list[Any], owner: str, here: str) -> None:
        rows[sheet.name].append(_row(sheet, item, keys))
        entity = isinstance(item, Entity)
        for field, model in _lists_of(type(item)):
            children = _get(item, tuple(field.split(".")))
            if not children:
                continue
            child_sheet = plan.by_model[model]
            relative = field if entity else f"{here}.{field}"
            child_owner = item.id if isinstance(item, Entity) else owner
            for position, child in enumerate(children):
                child_keys: list[Any] = [child_owner]
                if FIELD_KEY in child_sheet.keys:
                    child_keys.append(relative)
                visit(child_sheet, child, child_keys, child_owner, f"{relative}[{position}]")

    for name, model, single in plan.root_lists:
        value = getattr(doc, name)
        for item in (value,) if single else value:
            visit(plan.by_model[model], item, [], "", "")
    for codelist, codes in doc.codelists.items():
        for code in codes:
            visit(plan.by_model[type(code)], code, [codelist], "", "")
    document = Table(
        DOCUMENT_SHEET,
        list(DOCUMENT_HEADERS),
        [[column.header, to_cell(column, _get(doc, column.path))] for column in plan.header],
    )
    return [
        document,
        *(Table(sheet.name, sheet.headers(), rows[sheet.name], sheet) for sheet in plan.sheets),
    ]


def root_for(kind: object) -> type[PlanDocument] | type[Landscape] | None:
    """The root class a ``document`` value names, or None."""
    return _ROOTS.get(kind) if isinstance(kind, str) else None


class CellLocator:
    """Which cell each value of the data read from a workbook came from."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.rows: dict[int, tuple[str, dict[tuple[str, ...], str], str]] = {}

    def record(
        self, item: dict[str, Any], row: str, cells: dict[tuple[str, ...], str], first: str
    ) -> None:
        """Remember that *item* is row *row*: its value at a path is in ``cells[path] + row``.

        *first* + *row* names the row's first cell. Names are put together only when
        asked for, so that reading a large workbook builds none.
        """
        self.rows[id(item)] = (row, cells, first)

    def cell(self, loc: Iterable[str | int]) -> str | None:
        """The cell of the value at *loc*, or of the nearest row holding it."""
        node: Any = self.data
        record = self.rows.get(id(node))
        relative: list[str | int] = []
        for part in loc:
            child = None
            if isinstance(node, dict) and isinstance(part, str):
                child = node.get(part)
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                child = node[part]
            relative.append(part)
            if child is None:
                break
            node = child
            if id(node) in self.rows and isinstance(node, dict):
                record, relative = self.rows[id(node)], []
        if record is None:
            return None
        row, cells, first = record
        names = tuple(part for part in relative if isinstance(part, str))
        for end in range(len(names), 0, -1):
            if names[:end] in cells:
                return cells[names[:end]] + row
        return first + row


@dataclasses.dataclass
class _Read:
    item: dict[str, Any]
    keys: dict[str, tuple[str, str]]
    """Key column → (text, cell)."""
    first: str


class _Reader:
    def __init__(self, file: str | None) -> None:
        self.file = file
        self.issues: list[Issue] = []

    def problem(self, code: str, cell: str, message: str, value: Any, hint: str) -> None:
        self.issues.append(
            Issue(
                code=code,
                message=message,
                value=None if value is None else shorten(value),
                hint=hint,
                file=self.file,
                cell=cell,
            )
        )

    def columns(self, table: Table, sheet: Sheet) -> dict[int, Column | str]:
        known: dict[str, Column | str] = {key: key for key in sheet.keys}
        known.update((column.header, column) for column in sheet.columns)
        found: dict[int, Column | str] = {}
        seen: set[str] = set()
        for index, header in enumerate(table.headers):
            if header is None or header == "":
                continue
            text = str(header).strip()
            where = cell_name(table.name, 1, index + 1)
            if text not in known:
                self.problem(
                    "unknown_column",
                    where,
                    f"the sheet {table.name} has no column {text!r}",
                    text,
                    "use the headers of the template: " + ", ".join(list(known)[:12]) + "…",
                )
            elif text in seen:
                self.problem(
                    "repeated_column",
                    where,
                    f"the column {text!r} appears twice",
                    text,
                    "keep one of the two columns",
                )
            else:
                seen.add(text)
                found[index] = known[text]
        return found

    def rows(self, table: Table, sheet: Sheet, locator: CellLocator) -> list[_Read]:
        columns = self.columns(table, sheet)
        # The name of a column's cells without the row number: "Azioni!D".
        prefixes = {index: cell_name(table.name, 1, index + 1)[:-1] for index in columns}
        cells = {
            column.path: prefixes[index]
            for index, column in columns.items()
            if not isinstance(column, str)
        }
        first = cell_name(table.name, 1, 1)[:-1]
        fields = [(index, column) for index, column in columns.items()]
        read: list[_Read] = []
        for number, values in enumerate(table.rows, start=2):
            if all(value is None or value == "" for value in values):
                continue
            item: dict[str, Any] = {}
            keys: dict[str, tuple[str, str]] = {}
            for index, column in fields:
                raw = values[index] if index < len(values) else None
                if isinstance(column, str):
                    text = "" if raw is None else str(raw).strip()
                    keys[column] = (text, f"{prefixes[index]}{number}")
                    continue
                if raw is None or raw == "":
                    continue
                try:
                    value = from_cell(column, raw)
                except CellError as error:
                    self.problem(
                        "cell_syntax",
                        f"{prefixes[index]}{number}",
                        f"{column.header}: {error.message}",
                        raw,
                        error.hint,
                    )
                    continue
                _put(item, column.path, value)
            locator.record(item, str(number), cells, first)
            read.append(_Read(item, keys, f"{first}{number}"))
        return read


def _put(item: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for name in path[:-1]:
        item = item.setdefault(name, {})
    if path[-1] in item and isinstance(value, dict):
        return  # a part's mark ({}) after its fields: keep the fields
    item[path[-1]] = value


def read_tables(
    tables: dict[str, Table], file: str | None
) -> tuple[dict[str, Any], CellLocator, list[Issue]]:
    """Document data from *tables* (by sheet name), where each value came from, and problems."""
    reader = _Reader(file)
    data: dict[str, Any] = {}
    locator = CellLocator(data)
    document = tables.get(DOCUMENT_SHEET)
    if document is None:
        reader.problem(
            "no_document_sheet",
            cell_name(DOCUMENT_SHEET, 1, 1),
            f"the workbook has no sheet {DOCUMENT_SHEET!r}",
            None,
            "start from `uguaglianza template --to xlsx`, which has every sheet",
        )
        return data, locator, reader.issues
    root = _read_header(reader, document, data, locator)
    if root is None:
        return data, locator, reader.issues
    plan = layout(root)
    lists = locator.rows[id(data)][1]  # the document sheet's cells: full names
    for name, model, _ in plan.root_lists:
        lists[(name,)] = cell_name(plan.by_model[model].name, 2, 1)
    owners: dict[str, tuple[dict[str, Any], type[BaseModel]] | None] = {}
    sheets: list[tuple[Sheet, list[_Read]]] = []
    for sheet in plan.sheets:
        table = tables.get(sheet.name)
        rows = reader.rows(table, sheet, locator) if table is not None else []
        sheets.append((sheet, rows))
        if issubclass(sheet.model, Entity):
            for row in rows:
                key = row.item.get("id")
                if isinstance(key, str):
                    owners[key] = None if key in owners else (row.item, sheet.model)
    for sheet, rows in sheets:
        for row in rows:
            _place(reader, plan, sheet, row, data, owners)
    return data, locator, reader.issues


def _read_header(
    reader: _Reader, table: Table, data: dict[str, Any], locator: CellLocator
) -> type[PlanDocument] | type[Landscape] | None:
    values: dict[str, tuple[Raw, int]] = {}
    for number, row in enumerate(table.rows, start=2):
        name = row[0] if row else None
        if name is None or name == "":
            continue
        values[str(name).strip()] = (row[1] if len(row) > 1 else None, number)
    kind = values.get("document", (None, 0))
    root = root_for(kind[0])
    if root is None:
        where = cell_name(table.name, kind[1] or 2, 2 if kind[1] else 1)
        reader.problem(
            "unknown_document_type",
            where,
            "missing or unknown document type",
            kind[0],
            "write 'plan' (one plan) or 'landscape' (several plans) beside 'document'",
        )
        return None
    columns = {column.header: column for column in layout(root).header}
    cells: dict[tuple[str, ...], str] = {}
    for name, (raw, number) in values.items():
        column = columns.get(name)
        if column is None:
            reader.problem(
                "unknown_field",
                cell_name(table.name, number, 1),
                f"the document has no field {name!r}",
                name,
                "fields: " + ", ".join(columns),
            )
            continue
        where = cell_name(table.name, number, 2)
        cells[column.path] = where
        if raw is None or raw == "":
            continue
        try:
            _put(data, column.path, from_cell(column, raw))
        except CellError as error:
            reader.problem("cell_syntax", where, f"{name}: {error.message}", raw, error.hint)
    locator.record(data, "", cells, cell_name(table.name, 1, 1))
    return root


def _place(
    reader: _Reader,
    plan: Layout,
    sheet: Sheet,
    row: _Read,
    data: dict[str, Any],
    owners: dict[str, tuple[dict[str, Any], type[BaseModel]] | None],
) -> None:
    if CODELIST_KEY in sheet.keys:
        name, where = row.keys.get(CODELIST_KEY, ("", row.first))
        if not name:
            reader.problem(
                "missing_key",
                where,
                "the row does not say which codelist the code is added to",
                None,
                "write the codelist's name in the column 'codelist'",
            )
            return
        data.setdefault(sheet.places[0][1], {}).setdefault(name, []).append(row.item)
        return
    if sheet.places[0][0] is None:
        fields = [field for _, field in sheet.places if field in plan.root.model_fields]
        single = [f for f, _, one in plan.root_lists if one and f in fields]
        if single and single[0] not in data:
            data[single[0]] = row.item
        else:
            data.setdefault(next(f for f in fields if f not in single), []).append(row.item)
        return
    owner_id, where = row.keys.get(OWNER_KEY, ("", row.first))
    owner = owners.get(owner_id) if owner_id else None
    kinds = sorted({model.__name__ for model, _ in sheet.places if model is not None})
    if owner is None:
        message = (
            f"the row does not say which entity it belongs to ({OWNER_KEY})"
            if not owner_id
            else f"no row of the workbook has the id {owner_id!r}"
            if owner_id not in owners
            else f"two rows of the workbook have the id {owner_id!r}"
        )
        reader.problem(
            "unknown_owner",
            where,
            message,
            owner_id or None,
            f"write in '{OWNER_KEY}' the id of the {' or '.join(kinds)} the row belongs to",
        )
        return
    target, model = owner
    templates = [template for owner_model, template in sheet.places if owner_model is model]
    if FIELD_KEY in sheet.keys:
        field, field_cell = row.keys.get(FIELD_KEY, ("", row.first))
    else:
        field, field_cell = (templates[0] if templates else ""), where
    steps = [_STEP.match(step) for step in field.split(".")] if field else [None]
    shape = ".".join(f"{m[1]}[]" if m[2] else m[1] for m in steps if m) if all(steps) else None
    if not templates or shape not in templates or shape is None:
        reader.problem(
            "wrong_owner" if not templates else "unknown_field",
            field_cell if templates else where,
            f"rows of {sheet.name} cannot go in {model.__name__} {owner_id!r}"
            + (f" under {field!r}" if templates else ""),
            field if templates else owner_id,
            "use one of: " + ", ".join(templates)
            if templates
            else f"write the id of a {' or '.join(kinds)}",
        )
        return
    node: Any = target
    for match in steps[:-1]:
        assert match is not None
        node = node.setdefault(match[1], {} if match[2] is None else [])
        if match[2] is not None:
            index = int(match[2])
            if not isinstance(node, list) or index >= len(node):
                reader.problem(
                    "unknown_field",
                    field_cell,
                    f"{owner_id!r} has no {match[1]}[{index}] for this row to go in",
                    field,
                    "count the rows of that list from 0, in the order of their sheet",
                )
                return
            node = node[index]
    last = steps[-1]
    assert last is not None
    node.setdefault(last[1], []).append(row.item)
