"""``uguaglianza.diff`` and ``uguaglianza diff``: two versions of a plan, entity by entity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import uguaglianza
from uguaglianza.changes import Diff, EntityChange, FieldChange
from uguaglianza.cli import main

BOLOGNA = Path(__file__).parents[1] / "examples" / "bologna-piano-uguaglianza.yaml"


def _later(data: dict) -> dict:
    """The Bologna plan a year on: adopted, the meeting held, a body gone, a new source."""
    data["plan"]["status"] = "adopted"
    meeting = data["bodies"][0]["meetings"][0]
    assert meeting["id"] == "ctssm-2022-05-26"
    meeting["planned"] = False
    assert data["bodies"][3]["id"] == "tavoli-tematici"
    del data["bodies"][3]
    data["sources"].append({"id": "delibera-2023", "name": "Delibera", "date": "2023-01-15"})
    return data


@pytest.fixture
def versions(tmp_path, monkeypatch):
    """``old.yaml`` (the example as shipped) and ``new.yaml`` (a later version of it)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "C")
    text = BOLOGNA.read_text(encoding="utf-8")
    Path("old.yaml").write_text(text, "utf-8")
    new = _later(yaml.safe_load(text))
    Path("new.yaml").write_text(yaml.safe_dump(new, allow_unicode=True), "utf-8")
    return uguaglianza.load("old.yaml"), uguaglianza.load("new.yaml")


def test_a_document_equals_itself() -> None:
    doc = uguaglianza.load(BOLOGNA)
    result = uguaglianza.diff(doc, uguaglianza.load(BOLOGNA))
    assert result.equal
    assert result == Diff(old_sources="2022-07-27", new_sources="2022-07-27")
    assert "No differences." in result.to_text("en")
    assert "Nessuna differenza." in result.to_text("it")


def test_entities_added_removed_and_changed(versions) -> None:
    old, new = versions
    result = uguaglianza.diff(old, new)
    assert not result.equal
    assert result.added == (EntityChange("delibera-2023", "source", "2023-01-15"),)
    assert result.removed == (EntityChange("tavoli-tematici", "body", None),)
    assert result.changed == (
        EntityChange(
            "piano-uguaglianza-bologna",
            "plan",
            "2021..2026",
            (FieldChange("status", "participatory_process", "adopted"),),
        ),
        EntityChange(
            "ctssm-2022-05-26", "meeting", "2022-05-26", (FieldChange("planned", True, False),)
        ),
    )
    assert (result.old_sources, result.new_sources) == ("2022-07-27", "2023-01-15")


def test_a_nested_entity_counts_once(versions) -> None:
    old, new = versions
    # The meeting changed inside its body: the body itself is not reported as changed...
    assert "ctssm-bologna" not in {entry.id for entry in uguaglianza.diff(old, new).changed}
    # ...but a body losing a meeting is, by the meeting's id, and the meeting is removed.
    data = yaml.safe_load(Path("old.yaml").read_text("utf-8"))
    meetings = data["bodies"][0]["meetings"]
    removed = meetings.pop()
    result = uguaglianza.diff(old, uguaglianza.from_data(data))
    assert [(e.id, e.kind) for e in result.removed] == [(removed["id"], "meeting")]
    (body,) = result.changed
    assert body.id == "ctssm-bologna"
    (field,) = body.fields
    assert field.field == "meetings"
    assert field.old == [m["id"] for m in meetings] + [removed["id"]]
    assert field.new == [m["id"] for m in meetings]


def test_a_kind_changed_under_the_same_id_is_removed_and_added() -> None:
    def doc(kind: str) -> uguaglianza.PlanDocument:
        data = {
            "document": "plan",
            "schema_version": "2.0",
            "id": "doc",
            "organisations": [{"id": "org", "kind": "comune", "name": "Comune"}],
            "plan": {"id": "p", "kind": "equality_plan", "name": "Piano", "owner": "org"},
        }
        if kind == "body":
            data["bodies"] = [{"id": "x", "kind": "working_group", "name": "Gruppo"}]
        else:
            data["organisations"].append({"id": "x", "kind": "comune", "name": "Altro"})
        result = uguaglianza.from_data(data)
        assert isinstance(result, uguaglianza.PlanDocument)
        return result

    result = uguaglianza.diff(doc("body"), doc("organisation"))
    assert [(e.id, e.kind) for e in result.added] == [("x", "organisation")]
    assert [(e.id, e.kind) for e in result.removed] == [("x", "body")]
    assert result.changed == ()
    assert result.old_sources is None
    assert "no date" in result.to_text("en") and "nessuna data" in result.to_text("it")


def test_to_dict_is_json(versions) -> None:
    result = uguaglianza.diff(*versions)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["equal"] is False
    assert data["sources"] == {"old": "2022-07-27", "new": "2023-01-15"}
    assert data["added"] == [{"id": "delibera-2023", "kind": "source", "date": "2023-01-15"}]
    assert data["changed"][1]["fields"] == [{"field": "planned", "old": True, "new": False}]


def test_text_in_both_languages(versions) -> None:
    result = uguaglianza.diff(*versions)
    assert result.to_text("en").splitlines() == [
        "Sources: the newest of the old document 2022-07-27, of the new one 2023-01-15.",
        "1 added, 1 removed, 2 changed.",
        "+ source delibera-2023 (2023-01-15)",
        "- body tavoli-tematici",
        "~ plan piano-uguaglianza-bologna (2021..2026)",
        '    status: "participatory_process" → "adopted"',
        "~ meeting ctssm-2022-05-26 (2022-05-26)",
        "    planned: true → false",
    ]
    italian = result.to_text("it")
    assert "Entità aggiunte: 1, tolte: 1, cambiate: 2." in italian
    assert "la più recente del vecchio documento 2022-07-27, del nuovo 2023-01-15" in italian


def test_long_values_are_shortened_in_text() -> None:
    long = "x" * 300
    entry = EntityChange("a", "area", None, (FieldChange("notes", None, long),))
    line = Diff(changed=(entry,)).to_text("en").splitlines()[-1]
    assert line.startswith('    notes: — → "xxx') and line.endswith("…")
    assert len(line) < 120


def test_cli_text_and_exit_codes(versions, capsys) -> None:
    assert main(["diff", "old.yaml", "new.yaml", "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert out == uguaglianza.diff(*versions).to_text("en")
    assert main(["diff", "old.yaml", "old.yaml", "--lang", "it"]) == 0
    assert "Nessuna differenza." in capsys.readouterr().out


def test_cli_json(versions, capsys) -> None:
    assert main(["diff", "old.yaml", "new.yaml", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data == {"old": "old.yaml", "new": "new.yaml", **uguaglianza.diff(*versions).to_dict()}


def test_cli_unreadable_or_invalid_input_is_exit_2(versions, capsys) -> None:
    assert main(["diff", "old.yaml", "missing.yaml"]) == 2
    assert "missing.yaml" in capsys.readouterr().err
    Path("broken.yaml").write_text("plan: [", "utf-8")
    assert main(["diff", "broken.yaml", "new.yaml"]) == 2
    assert "broken.yaml" in capsys.readouterr().err
    data = yaml.safe_load(Path("old.yaml").read_text("utf-8"))
    data["plan"]["owner"] = "nobody"
    Path("invalid.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    assert main(["diff", "old.yaml", "invalid.yaml"]) == 2
    err = capsys.readouterr()
    assert err.out == "" and "nobody" in err.err
