"""The spreadsheet commands: convert to and from xlsx, template, and CSV data packages."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from frictionless import Package, validate

import uguaglianza
from uguaglianza.cli import main

BOLOGNA = Path("examples/bologna-piano-uguaglianza.yaml")
PIEMONTE = Path("examples/piemonte-fami-unar.yaml")


def test_convert_to_xlsx_and_back(tmp_path: Path, capsys: Any) -> None:
    book = tmp_path / "plan.xlsx"
    assert main(["convert", str(BOLOGNA), "--to", "xlsx", "-o", str(book)]) == 0
    assert book.read_bytes().startswith(b"PK")
    back = tmp_path / "plan.yaml"
    assert main(["convert", str(book), "--to", "yaml", "-o", str(back)]) == 0
    assert uguaglianza.load(back) == uguaglianza.load(BOLOGNA)
    assert main(["convert", str(book), "--to", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == uguaglianza.load(BOLOGNA).id


def test_convert_xlsx_to_a_terminal_is_refused(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert main(["convert", str(BOLOGNA), "--to", "xlsx"]) == 2
    assert "-o OUT.xlsx" in capsys.readouterr().err


def test_a_bad_workbook_is_reported_by_cell(tmp_path: Path, capsys: Any) -> None:
    import openpyxl

    book = tmp_path / "plan.xlsx"
    main(["convert", str(BOLOGNA), "--to", "xlsx", "-o", str(book)])
    workbook = openpyxl.load_workbook(book)
    plans = workbook["Piani"]
    kind = next(cell for cell in plans[1] if cell.value == "kind")
    plans.cell(row=2, column=kind.column).value = None  # a required field
    workbook.save(book)
    where = f"{book}:Piani!{kind.column_letter}2"
    capsys.readouterr()
    assert main(["convert", str(book), "--to", "yaml"]) == 1
    error = capsys.readouterr().err
    assert f"{where}: plan.kind: Field required" in error
    assert main(["validate", str(book)]) == 1
    assert where in capsys.readouterr().out


def test_template_command(tmp_path: Path, capsys: Any) -> None:
    import openpyxl

    out = tmp_path / "blank.xlsx"
    assert main(["template", "--to", "xlsx", "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert book["Documento"]["B2"].value == "plan"
    land = tmp_path / "landscape.xlsx"
    assert main(["template", "--to", "xlsx", "--document", "landscape", "-o", str(land)]) == 0
    assert openpyxl.load_workbook(land)["Documento"]["B2"].value == "landscape"
    assert main(["validate", str(out)]) == 1
    assert f"{out}:Documento!B4" in capsys.readouterr().out


def test_datapackage_is_valid_frictionless(tmp_path: Path) -> None:
    folder = tmp_path / "open-data"
    assert main(["convert", str(PIEMONTE), "--to", "datapackage", "-o", str(folder)]) == 0
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(folder / "datapackage.json"))
    names = {resource.name for resource in package.resources}
    assert {"documento", "piani", "organizzazioni", "progetti"} <= names
    with (folder / "progetti.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    doc = uguaglianza.load(PIEMONTE)
    assert [row["id"] for row in rows] == [project.id for project in doc.projects]


def test_datapackage_describes_every_file_and_column(tmp_path: Path) -> None:
    folder = tmp_path / "open-data"
    main(["convert", str(BOLOGNA), "--to", "datapackage", "-o", str(folder)])
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["profile"] == "tabular-data-package"
    for resource in descriptor["resources"]:
        with (folder / resource["path"]).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert header == [field["name"] for field in resource["schema"]["fields"]]
    plans = next(r for r in descriptor["resources"] if r["name"] == "piani")
    assert plans["schema"]["primaryKey"] == ["id"]


def test_datapackage_types_are_checked_by_frictionless(tmp_path: Path) -> None:
    folder = tmp_path / "open-data"
    main(["convert", str(PIEMONTE), "--to", "datapackage", "-o", str(folder)])
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    typed = [
        (resource, field["name"])
        for resource in descriptor["resources"]
        for field in resource["schema"]["fields"]
        if field["type"] == "boolean"
    ]
    resource, name = typed[0]
    path = folder / resource["path"]
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index(name)] = "perhaps"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    report = validate(str(folder / "datapackage.json"))
    assert not report.valid
    assert "type-error" in {row[0] for row in report.flatten(["type"])}


def test_datapackage_needs_a_folder(capsys: Any) -> None:
    assert main(["convert", str(BOLOGNA), "--to", "datapackage"]) == 2
    assert "-o FOLDER" in capsys.readouterr().err
