"""The committed schema in a strict validator of another language: ajv (Node), Draft 2020-12.

ajv in its default strict mode, with only the standard formats of ajv-formats, compiles
the schema without a warning and agrees with the library on the structure of every
example and of seeded corruptions of them. The packages come from ``tests/js``'s lock
file; they are installed on first use when missing (CI installs them beforehand).
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import uguaglianza
from tests.strategies import corrupt
from uguaglianza.errors import DocumentError
from uguaglianza.io._json import parse_json
from uguaglianza.io._write import to_json_text
from uguaglianza.io._yaml import parse_yaml

ROOT = Path(__file__).resolve().parents[1]
JS = ROOT / "tests" / "js"
SCHEMA = ROOT / "schema" / "uguaglianza.schema.json"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
CORRUPTIONS_PER_EXAMPLE = 60
#: Checks that need the whole document, the codelists or a recurrence rule's calendar
#: sense: the schema leaves them to the library (see docs/contract.md).
LIBRARY_ONLY = frozenset(
    {
        "dangling_reference",
        "wrong_reference_kind",
        "unknown_code",
        "unknown_codelist",
        "duplicate_id",
        "recurrence",
    }
)


@pytest.fixture(scope="module")
def ajv() -> Path:
    """The validator script, its packages installed from the lock file if missing."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.fail("Node.js and npm are needed: install them (Node 18 or later)")
    if not (JS / "node_modules" / "ajv" / "package.json").is_file():
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=JS,
            check=True,
            timeout=600,
        )
    return JS / "validate.mjs"


def run_ajv(script: Path, documents: list[Any], tmp_path: Path) -> dict[str, Any]:
    listing = tmp_path / "documents.json"
    # Decimals become exact JSON numbers, as in a file.
    listing.write_text(to_json_text(documents), encoding="utf-8")
    done = subprocess.run(
        ["node", str(script), str(SCHEMA), str(listing)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def structurally_valid(document: Any) -> bool:
    """Whether the library finds no problem in *document* but ones the schema leaves out."""
    try:
        uguaglianza.loads(to_json_text(document))
    except DocumentError as error:
        return {issue.code for issue in error.issues} <= LIBRARY_ONLY
    return True


def examples_as_written() -> list[Any]:
    return [parse_yaml(path.read_text(encoding="utf-8")) for path in EXAMPLES]


def test_ajv_compiles_the_schema_strictly_and_accepts_every_example(
    ajv: Path, tmp_path: Path
) -> None:
    assert EXAMPLES
    result = run_ajv(ajv, examples_as_written(), tmp_path)
    assert result["warnings"] == []
    for path, outcome in zip(EXAMPLES, result["results"], strict=True):
        assert outcome == {"valid": True, "errors": []}, path.name


def test_ajv_agrees_with_the_library_on_corrupted_examples(ajv: Path, tmp_path: Path) -> None:
    chooser = random.Random(14)
    corrupted = [
        corrupt(parse_json(to_json_text(example)), chooser.choice)
        for example in examples_as_written()
        for _ in range(CORRUPTIONS_PER_EXAMPLE)
    ]
    result = run_ajv(ajv, corrupted, tmp_path)
    assert result["warnings"] == []
    disagreements = [
        (index, outcome["errors"][:3])
        for index, (document, outcome) in enumerate(zip(corrupted, result["results"], strict=True))
        if outcome["valid"] != structurally_valid(document)
    ]
    assert not disagreements, disagreements[:5]
    refused = sum(not outcome["valid"] for outcome in result["results"])
    assert 0 < refused < len(corrupted)  # the corruptions are neither all harmless nor all fatal


@pytest.mark.parametrize(
    ("date", "valid"),
    [("2024-02-29", True), ("0000", False), ("2023-02-30", False), ("2021-02-29", False)],
)
def test_ajv_reads_dates_exactly(ajv: Path, tmp_path: Path, date: str, valid: bool) -> None:
    document = next(doc for doc in examples_as_written() if doc["document"] == "plan")
    document["plan"]["period"] = {"start": date}
    (outcome,) = run_ajv(ajv, [document], tmp_path)["results"]
    assert outcome["valid"] is valid
    assert structurally_valid(document) is valid
