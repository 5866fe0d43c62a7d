"""Spreadsheets both ways: uguaglianza.io.workbook, its layout and its cell syntax."""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

import uguaglianza
import uguaglianza.io
from tests.strategies import documents
from uguaglianza.errors import DocumentError, InputError, MissingExtraError, ParseError
from uguaglianza.io import Limits
from uguaglianza.io._cells import CellError, from_cell, to_cell
from uguaglianza.io._tables import Column, layout
from uguaglianza.io.workbook import read_workbook, template_bytes, workbook_bytes
from uguaglianza.model import Landscape, PlanDocument

EXAMPLES = sorted(Path("examples").glob("*.yaml"))
BOLOGNA = Path("examples/bologna-piano-uguaglianza.yaml")


def _write(doc: Any, tmp_path: Path, name: str = "book.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(workbook_bytes(doc))
    return path


def _header(sheet: Any, name: str) -> int:
    for cell in sheet[1]:
        if cell.value == name:
            return int(cell.column)
    raise AssertionError(f"no column {name} in {sheet.title}")


def _edit(path: Path, sheet: str, row: int, header: str, value: Any) -> str:
    """Set a cell of the workbook at *path*; return its name, e.g. ``Azioni!D7``."""
    book = openpyxl.load_workbook(path)
    column = _header(book[sheet], header)
    cell = book[sheet].cell(row=row, column=column)
    cell.value = value
    book.save(path)
    return f"{sheet}!{cell.coordinate}"


# -- round trips ------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_every_example_comes_back_unchanged(example: Path, tmp_path: Path) -> None:
    doc = uguaglianza.load(example)
    back = read_workbook(_write(doc, tmp_path))
    assert back == doc
    assert uguaglianza.dumps(back, "yaml") == uguaglianza.dumps(doc, "yaml")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_come_back_unchanged(data: dict[str, Any]) -> None:
    doc = uguaglianza.from_data(data)
    with _Folder() as folder:
        path = folder / "generated.xlsx"
        path.write_bytes(workbook_bytes(doc))
        assert uguaglianza.load(path) == doc


class _Folder:
    """A temporary folder for one Hypothesis example (tmp_path is shared between them)."""

    def __enter__(self) -> Path:
        import tempfile

        self._dir = tempfile.TemporaryDirectory()
        return Path(self._dir.name)

    def __exit__(self, *exc: object) -> None:
        self._dir.cleanup()


def test_a_generated_landscape_comes_back_unchanged(tmp_path: Path) -> None:
    from bench.generate import landscape

    doc = uguaglianza.from_data(landscape(0.002, seed=3))
    assert isinstance(doc, Landscape) and len(doc.plans) > 1
    back = read_workbook(_write(doc, tmp_path))
    assert back == doc
    book = openpyxl.load_workbook(tmp_path / "book.xlsx", read_only=True)
    assert book["Documento"]["B2"].value == "landscape"


def test_every_field_of_the_format_has_a_place() -> None:
    for root in (PlanDocument, Landscape):
        plan = layout(root)
        placed = {column.path[0] for column in plan.header}
        placed |= {name for name, _, _ in plan.root_lists} | {"codelists"}
        assert placed == set(root.model_fields)
        for sheet in plan.sheets:
            fields = {column.path[0] for column in sheet.columns}
            lists = {
                template.split("[]")[-1].lstrip(".").split(".")[0]
                for _, template in (p for s in plan.sheets for p in s.places)
            }
            missing = set(sheet.model.model_fields) - fields - lists
            assert not missing, (sheet.name, missing)


# -- layout and cell syntax -------------------------------------------------------------------


def test_sheets_are_named_in_italian_with_documented_columns(tmp_path: Path) -> None:
    doc = uguaglianza.load(BOLOGNA)
    book = openpyxl.load_workbook(_write(doc, tmp_path))
    assert book.sheetnames[:3] == ["Istruzioni", "Documento", "Piani"]
    assert {"Azioni", "Organi", "Atti", "Territori", "Importi annui"} <= set(book.sheetnames)
    assert book["Elenchi"].sheet_state == "hidden"
    actions = book["Azioni"]
    headers = [cell.value for cell in actions[1]]
    assert headers[:3] == ["entità", "id", "name"]
    assert {"period", "budget", "lead", "source.quote"} <= set(headers)
    lead = actions.cell(row=1, column=_header(actions, "lead")).comment
    assert lead is not None and "organisation" in lead.text
    plans = book["Piani"]
    assert plans.cell(row=2, column=_header(plans, "period")).value == "2021..2026"


def test_codes_are_offered_as_drop_down_lists(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_write(uguaglianza.load(BOLOGNA), tmp_path))
    actions = book["Azioni"]
    letter = openpyxl.utils.get_column_letter(_header(actions, "kind"))
    rules = [
        rule
        for rule in actions.data_validations.dataValidation
        if str(rule.sqref).startswith(f"{letter}2")
    ]
    assert len(rules) == 1 and rules[0].type == "list"
    codes = [row[0] for row in book["Elenchi"].iter_rows(values_only=True)]
    listed = rules[0].formula1.split("!")[1].replace("$", "")
    column = [cell.value for cell in book["Elenchi"][listed.split(":")[0][0]]]
    assert column[0] == "action_kinds" and "training" in column
    assert codes


@pytest.mark.parametrize(
    ("kind", "value", "cell"),
    [
        ("text", "", '""'),
        ("text", '"quoted"', '"\\"quoted\\""'),
        ("text", "a\r\nb", '"a\\r\\nb"'),
        ("text", "bell\x07", '"bell\\u0007"'),
        ("text", "=SUM(A1)", "=SUM(A1)"),
        ("text", "plain text", "plain text"),
        ("texts", ("one", "two"), "one\ntwo"),
        ("texts", ("", "[x]"), '["", "[x]"]'),
        ("tokens", ("a-1", "b-2"), "a-1, b-2"),
        ("mapping", {"en": "Plan"}, "en: Plan"),
        ("mapping", {"en": " padded"}, '{"en": " padded"}'),
        ("json", {"n": [1, None]}, '{"n": [1, null]}'),
    ],
)
def test_cell_syntax_round_trips(kind: str, value: Any, cell: Any) -> None:
    column = Column("x", ("x",), kind)  # type: ignore[arg-type]
    assert to_cell(column, value) == cell
    back = from_cell(column, cell)
    assert back == (list(value) if isinstance(value, tuple) else value)


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("tokens", "a-1;b-2\nc-3", ["a-1", "b-2", "c-3"]),
        ("bool", "sì", True),
        ("bool", "FALSE", False),
        ("int", 12.0, 12),
        ("decimal", 1500.5, "1500.5"),
        ("date", 2024, "2024"),
        ("period", "2021..", {"start": "2021"}),
        ("money", "600000 EUR", {"amount": "600000", "currency": "EUR"}),
    ],
)
def test_cells_typed_by_people_are_read(kind: str, raw: Any, expected: Any) -> None:
    assert from_cell(Column("x", ("x",), kind), raw) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "raw", "hint"),
    [
        ("money", "600.000 euro", "600000 EUR"),
        ("period", "2021-2026", "2021..2026"),
        ("int", "twelve", "digits"),
        ("bool", "maybe", "TRUE or FALSE"),
        ("decimal", "1,5", "dot"),
        ("json", "{broken", "JSON"),
    ],
)
def test_bad_cells_say_what_to_write(kind: str, raw: Any, hint: str) -> None:
    with pytest.raises(CellError) as caught:
        from_cell(Column("x", ("x",), kind), raw)  # type: ignore[arg-type]
    assert hint in caught.value.hint


# -- problems located as Sheet!Cell -----------------------------------------------------------


def test_a_bad_cell_is_reported_at_its_cell(tmp_path: Path) -> None:
    path = _write(uguaglianza.load(BOLOGNA), tmp_path)
    where = _edit(path, "Azioni", 3, "period", "dal 2021 al 2026")
    with pytest.raises(DocumentError) as caught:
        uguaglianza.load(path)
    (issue,) = caught.value.issues
    assert issue.cell == where
    assert issue.value == "'dal 2021 al 2026'"
    assert "2021..2026" in (issue.hint or "")
    assert f"{path}:{where}" in str(caught.value)


def test_an_invalid_value_is_reported_at_its_cell(tmp_path: Path) -> None:
    path = _write(uguaglianza.load(BOLOGNA), tmp_path)
    where = _edit(path, "Azioni", 4, "lead", "nobody-at-all")
    with pytest.raises(DocumentError) as caught:
        uguaglianza.load(path)
    issue = caught.value.issues[0]
    assert issue.cell == where
    assert issue.path.endswith(".lead")
    assert issue.to_dict()["cell"] == where


def test_a_row_of_an_unknown_entity_is_reported(tmp_path: Path) -> None:
    path = _write(uguaglianza.load(BOLOGNA), tmp_path)
    where = _edit(path, "Azioni", 2, "entità", "no-such-plan")
    with pytest.raises(DocumentError) as caught:
        uguaglianza.load(path)
    (issue,) = caught.value.issues
    assert (issue.code, issue.cell) == ("unknown_owner", where)


def test_formulas_are_refused_not_evaluated(tmp_path: Path) -> None:
    path = _write(uguaglianza.load(BOLOGNA), tmp_path)
    where = _edit(path, "Azioni", 2, "name", '=HYPERLINK("http://example.org","x")')
    with pytest.raises(DocumentError) as caught:
        uguaglianza.load(path)
    (issue,) = caught.value.issues
    assert (issue.code, issue.cell) == ("formula", where)
    assert "never evaluated" in issue.message


def test_external_links_are_refused(tmp_path: Path) -> None:
    path = _write(uguaglianza.load(BOLOGNA), tmp_path)
    data = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(data, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("xl/externalLinks/externalLink1.xml", "<externalLink/>")
    path.write_bytes(data.getvalue())
    with pytest.raises(InputError, match="external links"):
        uguaglianza.load(path)


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_text("document: plan\n")
    with pytest.raises(InputError, match="not an xlsx workbook"):
        uguaglianza.load(path)


def test_size_limits_hold(tmp_path: Path) -> None:
    path = _write(uguaglianza.load(BOLOGNA), tmp_path)
    size = path.stat().st_size
    with pytest.raises(InputError, match="unpacks to"):
        read_workbook(path, limits=Limits(max_bytes=size + 10))
    with pytest.raises(ParseError, match="more than 50 cells"):
        read_workbook(path, limits=Limits(max_nodes=50))


def test_validate_reports_cells_in_every_format(tmp_path: Path, capsys: Any) -> None:
    from uguaglianza.cli import main

    path = _write(uguaglianza.load(BOLOGNA), tmp_path)
    where = _edit(path, "Azioni", 2, "status", None)
    _edit(path, "Azioni", 2, "lead", None)
    _edit(path, "Azioni", 2, "absent", None)
    main(["validate", str(path), "--quiet"])
    text = capsys.readouterr().out
    assert f"{path}:Azioni!" in text
    main(["validate", str(path), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    cells = (
        [f.get("cell") for r in report["files"] for f in r["findings"]]
        if "files" in report
        else [f.get("cell") for f in report["findings"]]
    )
    assert any(cell and cell.startswith("Azioni!") for cell in cells)
    main(["validate", str(path), "--format", "sarif"])
    sarif = json.loads(capsys.readouterr().out)
    locations = [r["locations"][0] for r in sarif["runs"][0]["results"]]
    assert any(loc.get("properties", {}).get("cell", "").startswith("Azioni!") for loc in locations)
    assert where.startswith("Azioni!")


# -- the template -----------------------------------------------------------------------------


def test_the_template_is_blank_and_guided(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    path.write_bytes(template_bytes())
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "Istruzioni"
    assert "uguaglianza validate" in "\n".join(
        str(row[0]) for row in book["Istruzioni"].iter_rows(values_only=True)
    )
    actions = book["Azioni"]
    assert actions.max_row == 1
    assert all(cell.comment is not None for cell in actions[1][1:])
    assert actions.data_validations.dataValidation
    with pytest.raises(DocumentError) as caught:
        uguaglianza.load(path)
    cells = {issue.path: issue.cell for issue in caught.value.issues}
    assert cells["id"] == "Documento!B4"
    assert cells["plan"] == "Piani!A2"


def test_a_filled_template_reads_as_a_document(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    path.write_bytes(template_bytes())
    _edit(path, "Documento", 4, "valore", "piano-prova")
    book = openpyxl.load_workbook(path)
    plans = book["Piani"]
    for header, value in (("id", "p1"), ("name", "Piano"), ("kind", "equality_plan")):
        plans.cell(row=2, column=_header(plans, header), value=value)
    plans.cell(row=2, column=_header(plans, "period"), value="2024..2026")
    actions = book["Azioni"]
    for header, value in (("entità", "p1"), ("id", "a1"), ("name", "Formazione")):
        actions.cell(row=2, column=_header(actions, header), value=value)
    actions.cell(row=2, column=_header(actions, "budget"), value="1500.50 EUR")
    book.save(path)
    doc = uguaglianza.load(path)
    assert isinstance(doc, PlanDocument)
    assert doc.plan.actions[0].budget is not None
    assert str(doc.plan.actions[0].budget) == "1500.50 EUR"
    assert str(doc.plan.period) == "2024..2026"


def test_without_openpyxl_the_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingExtraError, match=r"uguaglianza\[xlsx\]"):
        template_bytes()


@pytest.mark.parametrize("fast", [True, False], ids=["calamine", "openpyxl"])
def test_both_readers_read_alike(fast: bool, tmp_path: Path, monkeypatch: Any) -> None:
    from uguaglianza.io import workbook

    data = uguaglianza.io.to_data(uguaglianza.load(BOLOGNA))
    data["plan"]["name"] = "_x0041_ escaped the way spreadsheets escape"
    data["plan"]["aliases"] = ["=1+1", "#N/A", '"quoted"']
    doc = uguaglianza.from_data(data)
    if not fast:
        monkeypatch.setattr(workbook, "_calamine", lambda: None)
    back = read_workbook(_write(doc, tmp_path))
    assert back == doc
    assert uguaglianza.dumps(back) == uguaglianza.dumps(doc)


def test_a_cell_placed_far_away_is_refused_before_reading(tmp_path: Path) -> None:
    path = _write(uguaglianza.load(BOLOGNA), tmp_path)
    book = openpyxl.load_workbook(path)
    book["Azioni"]["XFD1048576"] = "far"
    book.save(path)
    with pytest.raises(ParseError, match="cells"):
        read_workbook(path)


def test_the_documentation_lists_every_sheet() -> None:
    page = Path("docs/spreadsheets.md").read_text(encoding="utf-8")
    for root in (PlanDocument, Landscape):
        for sheet in layout(root).sheets:
            assert f"| `{sheet.name}` |" in page, sheet.name
