"""The JSON Schema: committed copy has no drift, documents validate, no Python-only constructs."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings

import uguaglianza
from tests.strategies import documents
from uguaglianza.io import json_schema_text

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "schema" / "uguaglianza.schema.json"


def test_committed_schema_has_no_drift() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == json_schema_text(), (
        "schema/uguaglianza.schema.json is out of date: "
        "run `uguaglianza schema -o schema/uguaglianza.schema.json`"
    )


def test_schema_is_valid_draft_2020_12() -> None:
    schema = uguaglianza.json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def _walk(node: Any) -> Any:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def test_schema_uses_only_portable_constructs() -> None:
    for node in _walk(uguaglianza.json_schema()):
        pattern = node.get("pattern")
        if isinstance(pattern, str):
            # Look-around and named groups are not supported by every regex engine.
            assert not re.search(r"\(\?[=!<P]", pattern), pattern
        assert node.get("format") not in {"python", "decimal"}
        ref = node.get("$ref")
        if isinstance(ref, str):
            assert ref.startswith("#/$defs/"), ref


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_validate_against_the_schema(data: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(uguaglianza.json_schema())
    doc = uguaglianza.from_data(data)
    dumped = json.loads(uguaglianza.dumps(doc, "json"))
    errors = sorted(validator.iter_errors(dumped), key=str)
    assert not errors, errors[0]


def test_schema_rejects_what_the_library_rejects() -> None:
    validator = jsonschema.Draft202012Validator(uguaglianza.json_schema())
    bad = {"document": "plan", "schema_version": "2.0", "id": "d", "plan": {"id": "p"}}
    assert list(validator.iter_errors(bad))
    assert list(validator.iter_errors({**bad, "surprise": 1}))
