"""load/loads/dump/dumps: located errors, atomic deterministic writes, lossless round trips."""

from __future__ import annotations

import gc
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import uguaglianza
from tests.strategies import documents
from uguaglianza.io import documents as io_documents

Factory = Callable[[], dict[str, Any]]


def test_load_json_and_yaml(tmp_path: Path, minimal: Factory) -> None:
    doc = uguaglianza.from_data(minimal())
    for suffix in ("json", "yaml", "yml"):
        path = tmp_path / f"doc.{suffix}"
        uguaglianza.dump(doc, path)
        loaded = uguaglianza.load(path)
        assert loaded == doc
        assert loaded.origin == str(path)


def test_errors_carry_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "piano.yaml"
    path.write_text(
        "document: plan\n"
        "schema_version: '2.0'\n"
        "id: d\n"
        "plan:\n"
        "  id: p\n"
        "  kind: equality_plan\n"
        "  name: Piano\n"
        "  actions:\n"
        "    - id: a\n"
        "      name: Azione\n"
        "      lead: nessuno\n",
        encoding="utf-8",
    )
    with pytest.raises(uguaglianza.DocumentError) as caught:
        uguaglianza.load(path)
    (issue,) = caught.value.issues
    assert issue.file == str(path)
    assert (issue.line, issue.column) == (11, 13)
    assert issue.path == "plan.actions[0].lead"
    assert issue.format().startswith(f"{path}:11:13: plan.actions[0].lead: ")


def test_json_errors_are_located(minimal: Factory) -> None:
    data = minimal()
    data["plan"]["actions"][1]["lead"] = "nessuno"
    text = json.dumps(data, indent=2)
    with pytest.raises(uguaglianza.DocumentError) as caught:
        uguaglianza.loads(text, "json", file="piano.json")
    (issue,) = caught.value.issues
    line = next(i for i, row in enumerate(text.splitlines(), 1) if '"nessuno"' in row)
    assert issue.line == line


def test_dump_is_deterministic_and_compact(minimal: Factory) -> None:
    doc = uguaglianza.from_data(minimal())
    again = uguaglianza.from_data(minimal())
    for fmt in ("json", "yaml"):
        assert uguaglianza.dumps(doc, fmt) == uguaglianza.dumps(again, fmt)
    text = uguaglianza.dumps(doc, "json")
    assert text.endswith("\n")
    data = json.loads(text)
    assert list(data)[:3] == ["document", "schema_version", "id"]
    assert "persons" not in data  # defaults are left out


def test_dump_is_atomic(tmp_path: Path, minimal: Factory, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = uguaglianza.from_data(minimal())
    path = tmp_path / "doc.json"
    path.write_text("previous content", encoding="utf-8")

    def explode(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", explode)
    with pytest.raises(OSError, match="disk full"):
        uguaglianza.dump(doc, path)
    assert path.read_text(encoding="utf-8") == "previous content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.json"]


def test_unknown_extension_and_format(tmp_path: Path, minimal: Factory) -> None:
    doc = uguaglianza.from_data(minimal())
    with pytest.raises(uguaglianza.UnknownFormatError):
        uguaglianza.dump(doc, tmp_path / "doc.txt")
    with pytest.raises(uguaglianza.UnknownFormatError):
        uguaglianza.dumps(doc, "xml")


def test_float_amount_in_json_is_read_exactly(minimal: Factory) -> None:
    data = minimal()
    data["plan"]["actions"][0]["budget"] = {"amount": 0, "currency": "EUR"}
    text = json.dumps(data).replace('"amount": 0', '"amount": 1500.10')
    doc = uguaglianza.loads(text, "json")
    budget = doc.plans_list()[0].actions[0].budget
    assert budget is not None and str(budget.amount) == "1500.10"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_round_trip_is_lossless(data: dict[str, Any]) -> None:
    doc = uguaglianza.from_data(data)
    for fmt in ("json", "yaml"):
        text = uguaglianza.dumps(doc, fmt)
        again = uguaglianza.loads(text, fmt)
        assert again == doc
        assert uguaglianza.dumps(again, fmt) == text


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_writing_pauses_the_collector_only_while_it_writes(
    minimal: Factory, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    doc = uguaglianza.from_data(minimal())
    seen: list[bool] = []
    original = io_documents.to_data

    def spying(document: Any) -> dict[str, Any]:
        seen.append(gc.isenabled())
        return original(document)

    monkeypatch.setattr(io_documents, "to_data", spying)
    monkeypatch.setattr(io_documents, "_pydantic_json", lambda document: None)  # exact road
    assert gc.isenabled()
    text = uguaglianza.dumps(doc, fmt)
    assert seen == [False] and gc.isenabled()
    assert uguaglianza.loads(text, fmt) == doc
    monkeypatch.setattr(io_documents, "to_data", lambda document: {"bad": object()})
    with pytest.raises(TypeError):
        uguaglianza.dumps(doc, fmt)
    assert gc.isenabled()
