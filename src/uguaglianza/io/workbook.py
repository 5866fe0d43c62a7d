"""Spreadsheets both ways: a document as an xlsx workbook, and a workbook read back.

One sheet per kind of entity (Italian names: ``Azioni``, ``Organi``...), columns named as
the format's fields, codelists as drop-down lists, a comment on every header. Reading
never evaluates anything: a formula or an external link is refused, sizes are limited,
and every problem names its cell (``Azioni!D7``). Needs the ``xlsx`` extra (openpyxl).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from uguaglianza._gc import paused_gc
from uguaglianza.codelists import load_codelist
from uguaglianza.errors import DocumentError, InputError, Issue, MissingExtraError, ParseError
from uguaglianza.io._limits import DEFAULT_LIMITS, Limits
from uguaglianza.io._sheets import (
    DOCUMENT_HEADERS,
    CellLocator,
    Table,
    cell_name,
    document_tables,
    read_tables,
    root_for,
)
from uguaglianza.io._source import read_bytes
from uguaglianza.io._tables import DOCUMENT_SHEET, Column, layout
from uguaglianza.model import Landscape, PlanDocument
from uguaglianza.model._issues import issues_from_validation_error

__all__ = [
    "INSTRUCTIONS_SHEET",
    "LISTS_SHEET",
    "read_workbook",
    "template_bytes",
    "workbook_bytes",
    "workbook_cells",
]

#: The sheet of instructions, first in every workbook written; never read.
INSTRUCTIONS_SHEET = "Istruzioni"
#: The hidden sheet holding the codes the drop-down lists offer; never read.
LISTS_SHEET = "Elenchi"
#: Most files inside a workbook; real ones have a few dozen.
MAX_PARTS = 1000

_HINTS = {
    "text": "text",
    "token": "an id or a code",
    "choice": "one of the listed values",
    "int": "a whole number",
    "bool": "TRUE or FALSE",
    "decimal": "a number, with a dot before the decimals",
    "date": "a date: 2024, 2024-03 or 2024-03-15",
    "period": "a period: 2021..2026, 2022-05.. (open end) or ..2026",
    "duration": "a duration: P2Y, P18M",
    "recurrence": "an RFC 5545 rule: FREQ=MONTHLY;BYDAY=1MO",
    "money": "money: 600000 EUR",
    "tokens": "ids or codes, separated by commas or one per line",
    "texts": "texts, one per line",
    "mapping": "one 'key: value' per line, e.g. en: Equality plan",
    "json": 'JSON, e.g. {"note": "kept as is"}',
    "present": "{} when the part is given but every field of it is empty",
}

_INSTRUCTIONS = (
    "Piano per l'uguaglianza — cartella di lavoro / equality plan workbook",
    "",
    "IT: Ogni foglio contiene un tipo di entità; ogni riga è un'entità, ogni colonna un campo "
    "del formato (i nomi delle colonne sono quelli del formato, in inglese).",
    "EN: Each sheet holds one kind of entity; each row is one entity, each column a field of "
    "the format (columns are named as the format's fields).",
    "",
    "Documento: document (plan o/or landscape), schema_version 2.0, id, language...",
    "Le righe dei fogli figli indicano in 'entità' l'id dell'entità a cui appartengono (e in "
    "'campo' il percorso del campo quando serve). / Rows of child sheets name in 'entità' the "
    "id of the entity they belong to (and in 'campo' the field path when needed).",
    "Commenti sulle intestazioni: cosa scrivere. / Comments on the headers: what to write.",
    "Periodi / periods: 2021..2026   Importi / money: 600000 EUR   Date: 2024-03",
    "Elenchi / lists: uno per riga / one per line (id e codici anche separati da virgole).",
    "Le formule non vengono calcolate: scrivete i valori. / Formulas are not evaluated: "
    "type values.",
    "",
    "Controllo / check:  uguaglianza validate FILE.xlsx",
    "Conversione / convert:  uguaglianza convert FILE.xlsx --to yaml -o FILE.yaml",
)


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise MissingExtraError(
            "spreadsheets need openpyxl; install it with: pip install 'uguaglianza[xlsx]'"
        ) from None
    return openpyxl


def _comment(column: Column) -> str:
    parts = [column.description] if column.description else []
    parts.append("Write " + _HINTS[column.kind] + ".")
    if column.codelist:
        parts.append(f"Codes: codelist {column.codelist}.")
    if column.refs:
        parts.append("Id of: " + ", ".join(column.refs) + ".")
    if column.required:
        parts.append("Required.")
    return " ".join(parts)


def _codes(codelist: str, declared: dict[str, Any]) -> list[str]:
    try:
        shipped = [code.code for code in load_codelist(codelist)]
    except LookupError:
        shipped = []
    extra = [code.code for code in declared.get(codelist, ())]
    return list(dict.fromkeys([*shipped, *extra]))


def _letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _write(tables: list[Table], declared: dict[str, Any]) -> bytes:
    openpyxl = _openpyxl()
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook(write_only=True)
    bold = Font(bold=True)
    guide = book.create_sheet(INSTRUCTIONS_SHEET)
    guide.column_dimensions["A"].width = 110
    for line in _INSTRUCTIONS:
        guide.append([line])
    codelists = sorted(
        {
            column.codelist
            for table in tables
            if table.sheet is not None
            for column in table.sheet.columns
            if column.codelist and column.kind == "token"
        }
    )
    ranges: dict[str, str] = {}
    lists_columns: list[list[str]] = []
    for index, codelist in enumerate(codelists, start=1):
        codes = _codes(codelist, declared)
        lists_columns.append([codelist, *codes])
        letter = _letter(index)
        ranges[codelist] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(codes) + 1}"
    for table in tables:
        sheet = book.create_sheet(table.name)
        sheet.freeze_panes = "A2"
        columns = _columns_of(table)
        headers = []
        for index, header in enumerate(table.headers):
            cell = WriteOnlyCell(sheet, value=header)
            cell.font = bold
            column = columns.get(index)
            if column is not None:
                cell.comment = Comment(_comment(column), "uguaglianza", width=300, height=150)
            headers.append(cell)
            sheet.column_dimensions[_letter(index + 1)].width = 18
        for index, column in columns.items():
            rule = _validation(column, ranges, DataValidation)
            if rule is not None:
                rule.add(f"{_letter(index + 1)}2:{_letter(index + 1)}1048576")
                sheet.data_validations.append(rule)
        sheet.append(headers)
        for row in table.rows:
            sheet.append(
                [
                    _text_cell(sheet, value, WriteOnlyCell) if type(value) is str else value
                    for value in row
                ]
            )
    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    depth = max((len(column) for column in lists_columns), default=0)
    for number in range(depth):
        lists.append([column[number] if number < len(column) else None for column in lists_columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _columns_of(table: Table) -> dict[int, Column]:
    if table.sheet is None:
        return {}
    offset = len(table.sheet.keys)
    return {offset + index: column for index, column in enumerate(table.sheet.columns)}


def _validation(column: Column, ranges: dict[str, str], kind: Any) -> Any:
    if column.kind == "token" and column.codelist in ranges:
        rule = kind(type="list", formula1=ranges[column.codelist], allow_blank=True)
        rule.errorStyle = "warning"  # open codelists: a code declared in Codici is fine
        rule.error = f"Not a code of {column.codelist}: declare it in the sheet Codici."
        rule.showErrorMessage = True
        return rule
    if column.kind == "choice" and column.choices:
        return kind(type="list", formula1='"' + ",".join(column.choices) + '"', allow_blank=True)
    if column.kind == "bool":
        return kind(type="list", formula1='"TRUE,FALSE"', allow_blank=True)
    return None


def _text_cell(sheet: Any, value: Any, cell_class: Any) -> Any:
    # openpyxl would take a text starting with = as a formula, and #N/A as an error.
    if isinstance(value, str) and value[:1] in ("=", "#"):
        cell = cell_class(sheet, value=value)
        cell.data_type = "s"  # never a formula, whatever the text starts with
        return cell
    return value


def workbook_bytes(doc: PlanDocument | Landscape) -> bytes:
    """*doc* as an xlsx workbook: every field in its sheet and column."""
    with paused_gc():
        tables = document_tables(doc)
    return _write(tables, dict(doc.codelists))


def template_bytes(document: str = "plan") -> bytes:
    """A blank, guided workbook for a ``plan`` or ``landscape`` document."""
    root = root_for(document)
    if root is None:
        raise ValueError(f"unknown document type {document!r}; use 'plan' or 'landscape'")
    plan = layout(root)
    start = {"document": document, "schema_version": "2.0", "language": "it"}
    header = Table(
        DOCUMENT_SHEET,
        list(DOCUMENT_HEADERS),
        [[column.header, start.get(column.header)] for column in plan.header],
    )
    tables = [header, *(Table(s.name, s.headers(), [], s) for s in plan.sheets)]
    return _write(tables, {})


def _check_archive(data: bytes, file: str, limits: Limits) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(
            "not an xlsx workbook (not a ZIP archive)",
            file=file,
            hint="save it from the spreadsheet as Excel Workbook (.xlsx)",
        ) from None
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise InputError(
                f"the workbook holds {len(parts)} files, more than {MAX_PARTS}", file=file
            )
        size = sum(part.file_size for part in parts)
        if size > limits.max_bytes:
            raise InputError(
                f"the workbook unpacks to {size} bytes, more than the limit of {limits.max_bytes}",
                file=file,
                hint="split the document, or raise Limits.max_bytes if you trust it",
            )
        names = {part.filename for part in parts}
        if any(name.startswith("xl/externalLinks/") for name in names):
            raise InputError(
                "the workbook links to other workbooks (external links), which are never followed",
                file=file,
                hint="break the links (Data > Edit Links) so that cells hold values, and save",
            )
        if "xl/workbook.xml" not in names:
            raise InputError(
                "not an xlsx workbook (no xl/workbook.xml)",
                file=file,
                hint="save it from the spreadsheet as Excel Workbook (.xlsx)",
            )


_FORMULA_OR_ERROR = re.compile(rb'<(?:[A-Za-z]+:)?f[\s>/]|\st="e"')
_CELL = re.compile(rb'<(?:[A-Za-z]+:)?c\s[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
_ANY_CELL = re.compile(rb"<(?:[A-Za-z]+:)?c[\s>/]")


def _too_many(limits: Limits, file: str) -> ParseError:
    return ParseError(
        [
            Issue(
                code="too_large",
                message=f"the workbook has more than {limits.max_nodes} cells",
                hint="split the document, or raise Limits.max_nodes",
                file=file,
            )
        ],
        file=file,
    )


def _plain(data: bytes, limits: Limits, file: str) -> bool:
    """True when no sheet has a formula or an error, and every cell says where it is.

    Such a workbook is read by the fast reader; the cells' span is checked first, so that
    a cell placed far away cannot make it fill millions of empty cells.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            xml = archive.read(name)
            if _FORMULA_OR_ERROR.search(xml):
                return False
            places = _CELL.findall(xml)
            if len(places) != len(_ANY_CELL.findall(xml)):
                return False
            rows = max((int(row) for _, row in places), default=0)
            width = max((len(letters) for letters, _ in places), default=0)
            widest = max((_number(c) for c, _ in places if len(c) == width), default=0)
            if rows * widest > limits.max_nodes:
                raise _too_many(limits, file)
    return True


def _number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _tables(data: bytes, file: str, limits: Limits) -> dict[str, Table]:
    fast = _calamine()
    if fast is not None and _plain(data, limits, file):
        return _fast_tables(fast, data, limits, file)
    return _checked_tables(data, file, limits)


def _calamine() -> Any:
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        return None
    return CalamineWorkbook


def _fast_tables(reader: Any, data: bytes, limits: Limits, file: str) -> dict[str, Table]:
    """The sheets of a workbook without formulas, read by python-calamine."""
    try:
        book = reader.from_filelike(io.BytesIO(data))
    except Exception as error:  # the reader raises its own kinds on a damaged file
        raise InputError(
            f"cannot read the workbook: {error}",
            file=file,
            hint="open it in a spreadsheet and save it again as .xlsx",
        ) from None
    tables: dict[str, Table] = {}
    budget = limits.max_nodes
    for name in book.sheet_names:
        if name in (INSTRUCTIONS_SHEET, LISTS_SHEET):
            continue
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        budget -= sum(len(row) for row in rows)
        if budget < 0:
            raise _too_many(limits, file)
        header = list(rows[0]) if rows else []
        while header and header[-1] in (None, ""):
            header.pop()
        tables[name] = Table(name, header, [list(row[: len(header)]) for row in rows[1:]])
    return tables


def _checked_tables(data: bytes, file: str, limits: Limits) -> dict[str, Table]:
    """The sheets of any workbook, read by openpyxl, which tells formulas and errors apart."""
    openpyxl = _openpyxl()
    try:
        book = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False
        )
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise InputError(
            f"cannot read the workbook: {type(error).__name__}: {error}",
            file=file,
            hint="open it in a spreadsheet and save it again as .xlsx",
        ) from None
    issues: list[Issue] = []
    tables: dict[str, Table] = {}
    budget = limits.max_nodes
    try:
        for sheet in book.worksheets:
            if sheet.title in (INSTRUCTIONS_SHEET, LISTS_SHEET):
                continue
            sheet.reset_dimensions()  # a hostile dimension must not pad millions of rows
            rows = sheet.iter_rows()
            header = next(rows, ())
            width = max((cell.column for cell in header if cell.value is not None), default=0)
            table = Table(sheet.title, [cell.value for cell in header[:width]], [])
            for row in sheet.iter_rows(min_row=2, max_col=max(width, 1)):
                budget -= len(row)
                if budget < 0:
                    raise _too_many(limits, file)
                table.rows.append([_value(cell, sheet.title, issues, file) for cell in row])
            tables[sheet.title] = table
    finally:
        book.close()
    if issues:
        raise DocumentError(issues, file=file)
    return tables


def _value(cell: Any, sheet: str, issues: list[Issue], file: str) -> Any:
    kind = getattr(cell, "data_type", "n")
    if kind not in ("f", "e"):
        return cell.value
    formula = kind == "f"
    issues.append(
        Issue(
            code="formula" if formula else "cell_error",
            message="the cell holds a formula, and formulas are never evaluated"
            if formula
            else f"the cell holds the error {cell.value}",
            value=str(cell.value)[:60],
            hint="type the value itself (copy, then paste values only)",
            file=file,
            cell=cell_name(sheet, cell.row, cell.column),
        )
    )
    return None


def workbook_cells(
    path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS
) -> tuple[dict[str, Any], CellLocator]:
    """The document data in the workbook at *path*, and where each value came from.

    Raises:
        InputError: the file cannot be read, is too large or is not a safe xlsx workbook.
        DocumentError: a cell holds a formula or does not fit its column.
    """
    name = os.fspath(path)
    data = read_bytes(name, limits=limits)
    _check_archive(data, name, limits)
    tables = _tables(data, name, limits)
    document, locator, issues = read_tables(tables, name)
    if issues:
        raise DocumentError(issues, file=name)
    return document, locator


def read_workbook(
    path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS
) -> PlanDocument | Landscape:
    """Read and validate the document in the xlsx workbook at *path*.

    Raises:
        MissingExtraError: openpyxl is not installed (the ``xlsx`` extra).
        InputError: the file cannot be read, is too large or is not a safe xlsx workbook.
        DocumentError: the document is not valid; every issue names its cell.
    """
    name = os.fspath(path)
    with paused_gc():
        data, locator = workbook_cells(name, limits=limits)
        root = root_for(data.get("document"))
        assert root is not None  # read_tables reported any other value
        try:
            doc = root.model_validate(data)
        except ValidationError as error:
            issues = issues_from_validation_error(error, root=root, file=name)
            raise DocumentError(
                [
                    _with_cell(issue, locator.cell(tuple(detail["loc"])))
                    for issue, detail in zip(issues, error.errors(), strict=True)
                ],
                file=name,
            ) from None
    doc._origin = name
    return doc


def _with_cell(issue: Issue, cell: str | None) -> Issue:
    import attrs

    return attrs.evolve(issue, cell=cell)


def cell_locator(path: str) -> Callable[[tuple[str | int, ...]], str | None] | None:
    """Where each path of the document in the workbook at *path* lies, or None."""
    try:
        return workbook_cells(path)[1].cell
    except (InputError, DocumentError, MissingExtraError):
        return None
