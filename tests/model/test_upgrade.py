"""Carrying 1.0 documents over to 2.0: every value kept, in its documented place."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

import uguaglianza
from tests.strategies import documents
from tests.upgrading import EXAMPLES_1_0, SCHEMA_1_0, as_1_0, leaves
from uguaglianza.errors import DocumentError
from uguaglianza.io import read_data
from uguaglianza.model import FORMAT_VERSION, OLDER_VERSIONS, upgrade

VALIDATOR_1_0 = jsonschema.Draft202012Validator(SCHEMA_1_0)

#: 1.0 documents drawn from generated 2.0 ones (see ``tests.upgrading.as_1_0``).
documents_1_0 = documents().map(as_1_0)


def test_the_library_reads_2_0_and_carries_1_0_over() -> None:
    assert (FORMAT_VERSION, OLDER_VERSIONS) == ("2.0", ("1.0",))
    assert len(EXAMPLES_1_0) == 5


@pytest.mark.parametrize("path", EXAMPLES_1_0, ids=lambda path: path.name)
def test_every_1_0_example_upgrades_to_a_valid_document_keeping_every_value(path: Path) -> None:
    data = read_data(path)
    assert data["schema_version"] == "1.0"
    assert not list(VALIDATOR_1_0.iter_errors(data))  # a real 1.0 document
    upgraded = upgrade(data, file=str(path))
    assert upgraded["schema_version"] == "2.0"
    doc = uguaglianza.from_data(upgraded)
    assert doc.schema_version == "2.0"
    assert leaves(upgraded) == leaves(data, as_1_0=True)


def test_the_examples_use_every_documented_move() -> None:
    moved = {
        step
        for path in EXAMPLES_1_0
        for where, _ in leaves(read_data(path))
        for step in where
        if step in ("name_en", "operator", "network")
    }
    # No 1.0 example names a service's operator: the generated documents move it.
    assert moved == {"name_en", "network"}


def test_the_comparison_sees_a_value_lost_or_misplaced() -> None:
    data = read_data(EXAMPLES_1_0[0])
    upgraded = upgrade(data)
    lost = copy.deepcopy(upgraded)
    del lost["territories"][0]["kind"]
    assert leaves(lost) != leaves(data, as_1_0=True)
    misplaced = copy.deepcopy(upgraded)
    named = next(t for t in misplaced["territories"] if "translations" in t)
    named["aliases"] = [named.pop("translations")["en"]]
    assert leaves(misplaced) != leaves(data, as_1_0=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents_1_0)
def test_generated_1_0_documents_upgrade_keeping_every_value(data: dict[str, Any]) -> None:
    errors = sorted(VALIDATOR_1_0.iter_errors(data), key=str)
    assert not errors, errors[0]
    before = copy.deepcopy(data)
    upgraded = upgrade(data)
    assert data == before  # the input is left as it was
    uguaglianza.from_data(upgraded)
    assert leaves(upgraded) == leaves(data, as_1_0=True)


@pytest.mark.parametrize(
    "wanted",
    [
        lambda doc: any("name_en" in org for org in doc["organisations"]),
        lambda doc: any("operator" in service for service in doc.get("services", ())),
        lambda doc: any("network" in service for service in doc.get("services", ())),
        lambda doc: bool(doc.get("extensions")),
    ],
    ids=["name_en", "operator", "network", "extensions"],
)
def test_the_1_0_generator_reaches_every_documented_move(wanted: Any) -> None:
    quick = settings(max_examples=300, deadline=None, phases=[Phase.generate], database=None)
    found = find(documents_1_0, wanted, settings=quick)  # the first found, not shrunk
    assert found["schema_version"] == "1.0"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents_1_0, st.sampled_from(["name_en", "operator", "network", "schema_version"]))
def test_extensions_are_never_touched(data: dict[str, Any], key: str) -> None:
    mine = {key: "1.0", "nested": [{key: "x", "name_en": "y"}], "services": [{"operator": 1}]}
    data["extensions"] = mine
    for entity in data["organisations"]:
        entity["extensions"] = copy.deepcopy(mine)
    upgraded = upgrade(data)
    assert upgraded["extensions"] == mine
    assert all(entity["extensions"] == mine for entity in upgraded["organisations"])


def test_a_2_0_document_comes_back_as_an_equal_copy(minimal: Any) -> None:
    data = minimal()
    again = upgrade(data)
    assert again == data and again is not data


@pytest.mark.parametrize("version", ["0.9", "3.0", None, 1.0])
def test_an_unknown_version_is_refused_at_schema_version(version: Any, minimal: Any) -> None:
    data = minimal()
    data["schema_version"] = version
    with pytest.raises(DocumentError) as caught:
        upgrade(data, file="piano.yaml")
    (issue,) = caught.value.issues
    assert (issue.code, issue.path, issue.file) == (
        "unknown_schema_version",
        "schema_version",
        "piano.yaml",
    )
    assert "1.0, 2.0" in (issue.hint or "")


@pytest.mark.parametrize("data", [[], "document: plan", 3, None])
def test_what_is_not_a_mapping_is_refused(data: Any) -> None:
    with pytest.raises(DocumentError) as caught:
        upgrade(data)
    (issue,) = caught.value.issues
    assert issue.code == "not_a_document"


# --- load, loads and from_data ----------------------------------------------------------


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize("path", EXAMPLES_1_0, ids=lambda path: path.name)
def test_loading_a_1_0_file_gives_one_error_naming_the_upgrade_command(
    path: Path, tmp_path: Path
) -> None:
    copied = tmp_path / path.name
    text = path.read_text(encoding="utf-8")
    copied.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        uguaglianza.load(copied)
    (issue,) = caught.value.issues
    assert issue.code == "old_schema_version"
    assert issue.path == "schema_version" and issue.value == "'1.0'"
    assert issue.file == str(copied)
    assert issue.line == _line_of(text, "schema_version:")
    assert f"uguaglianza upgrade {copied}" in (issue.hint or "")
    assert "uguaglianza upgrade" in str(caught.value)


def test_a_1_0_json_file_is_located_too(tmp_path: Path) -> None:
    data = read_data(EXAMPLES_1_0[2])
    path = tmp_path / "piano.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        uguaglianza.load(path)
    (issue,) = caught.value.issues
    assert issue.code == "old_schema_version"
    assert issue.line == _line_of(path.read_text(encoding="utf-8"), '"schema_version"')


@pytest.mark.parametrize("path", EXAMPLES_1_0, ids=lambda path: path.name)
def test_load_with_upgrade_reads_a_1_0_file(path: Path) -> None:
    doc = uguaglianza.load(path, upgrade=True)
    assert doc.schema_version == "2.0"
    assert doc == uguaglianza.from_data(upgrade(read_data(path)))
    text = path.read_text(encoding="utf-8")
    assert uguaglianza.loads(text, "yaml", upgrade=True) == doc
    assert uguaglianza.from_data(read_data(path), upgrade=True) == doc


def test_from_data_without_upgrade_refuses_1_0_data() -> None:
    with pytest.raises(DocumentError) as caught:
        uguaglianza.from_data(read_data(EXAMPLES_1_0[1]))
    (issue,) = caught.value.issues
    assert issue.code == "old_schema_version"
    assert "uguaglianza upgrade FILE" in (issue.hint or "")


def test_upgrade_true_still_reports_what_is_wrong_in_the_document(tmp_path: Path) -> None:
    data = read_data(EXAMPLES_1_0[3])
    assert data["document"] == "plan" and data["services"]
    data["services"][0]["operator"] = "nobody"
    path = tmp_path / "piano.yaml"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        uguaglianza.load(path, upgrade=True)
    paths = [issue.path for issue in caught.value.issues]
    assert paths == ["services[0].operators[0].operator"]
