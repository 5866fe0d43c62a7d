"""One contract: the readers, the models, the writers and the JSON Schema accept the same
documents, except for the documented differences (docs/contract.md)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, Field, TypeAdapter, ValidationError

import uguaglianza
from tests.strategies import (
    corrupt,
    deepest_extension_values,
    documents,
    from_json_schema,
    parent_of,
    paths_in,
)
from uguaglianza.errors import DocumentError, ParseError
from uguaglianza.io import DEFAULT_LIMITS, to_data
from uguaglianza.io._json import parse_json
from uguaglianza.model import Document, Landscape, PlanDocument
from uguaglianza.model._base import MAX_EXTENSION_DEPTH, CodeIn, Model, Ref

ROOTS: dict[str, type[PlanDocument] | type[Landscape]] = {
    "plan": PlanDocument,
    "landscape": Landscape,
}
#: The checks that need the whole document or the codelists: the schema leaves them out.
WHOLE_DOCUMENT = frozenset(
    {
        "dangling_reference",
        "wrong_reference_kind",
        "unknown_code",
        "unknown_codelist",
        "duplicate_id",
        "unknown_broader_code",
    }
)
#: The calendar sense of a recurrence rule (a part given twice, COUNT with UNTIL...),
#: and checks across the fields of one object (what ``absent`` may name, a membership's
#: member or seats), which the schema does not express: checked by the library only.
LIBRARY_ONLY = WHOLE_DOCUMENT | {"recurrence", "absent_field", "membership_seats"}
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=False
)
SCHEMA = uguaglianza.json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
DOCUMENT = TypeAdapter(Document)


def codes_of(error: DocumentError | ValidationError) -> set[str]:
    if isinstance(error, DocumentError):
        return {issue.code for issue in error.issues}
    return {str(detail["type"]) for detail in error.errors()}


def verdict(call: Any) -> set[str]:
    """The codes of the problems *call* raises; empty when it accepts."""
    try:
        call()
    except (DocumentError, ValidationError) as error:
        return codes_of(error)
    return set()


# --- What a model holds is written and read back -------------------------------------


def _with_deepest_extensions(data: dict[str, Any], value: Any) -> dict[str, Any]:
    return {**data, "extensions": {"deep": value}}


@SETTINGS
@given(documents(), deepest_extension_values())
def test_what_a_model_holds_every_road_reads_back_equal(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any], deep: Any
) -> None:
    doc = uguaglianza.from_data(_with_deepest_extensions(data, deep))
    root = type(doc)
    folder = tmp_path_factory.mktemp("written")
    for fmt in ("json", "yaml"):
        text = uguaglianza.dumps(doc, fmt)
        assert uguaglianza.loads(text, fmt) == doc
        uguaglianza.dump(doc, folder / f"doc.{fmt}")
        assert uguaglianza.load(folder / f"doc.{fmt}") == doc
    text = uguaglianza.dumps(doc, "json")
    assert root.model_validate_json(text) == doc
    assert root.model_validate_json(text.encode("utf-8")) == doc
    assert DOCUMENT.validate_json(text) == doc
    assert DOCUMENT.validate_python(to_data(doc)) == doc
    assert root.model_validate(doc.model_dump()) == doc
    assert not list(VALIDATOR.iter_errors(json.loads(text)))


def test_extensions_at_their_deepest_stay_within_the_readers_depth_limit() -> None:
    # The deepest place a model has an extensions field, plus the mapping itself and
    # the levels allowed inside it, must fit in the reader's default nesting limit.
    def deepest(model: type[BaseModel], depth: int, seen: frozenset[type]) -> int:
        found = depth + 1 if "extensions" in model.model_fields else 0
        for field in model.model_fields.values():
            for inner in _models_in(field.annotation):
                if inner not in seen:
                    # A model inside a list sits two levels deeper: the list, then the object.
                    found = max(found, deepest(inner, depth + 2, seen | {inner}))
        return found

    holder = max(deepest(root, 1, frozenset({root})) for root in ROOTS.values())
    assert holder + MAX_EXTENSION_DEPTH <= DEFAULT_LIMITS.max_depth


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in getattr(annotation, "__args__", ()):
        found.extend(_models_in(arg))
    return found


# --- Documents from the JSON Schema ----------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(from_json_schema(SCHEMA))
def test_documents_the_schema_accepts_fail_only_whole_document_checks(data: Any) -> None:
    assert not list(VALIDATOR.iter_errors(data))
    text = json.dumps(data)
    by_loads = verdict(lambda: uguaglianza.loads(text))
    assert by_loads <= LIBRARY_ONLY, by_loads
    root = ROOTS[data["document"]]
    assert verdict(lambda: root.model_validate_json(text)) == by_loads
    assert verdict(lambda: DOCUMENT.validate_python(parse_json(text))) == by_loads
    by_pydantic_parser = verdict(lambda: DOCUMENT.validate_json(text))
    # pydantic's own parser reads a fraction as a binary float, which amounts refuse.
    assert by_pydantic_parser - {"inexact_number"} <= by_loads
    if not by_loads:
        doc = uguaglianza.loads(text)
        for fmt in ("json", "yaml"):
            assert uguaglianza.loads(uguaglianza.dumps(doc, fmt), fmt) == doc


# --- Corrupted documents: the schema and the library agree on structure ---------------


@st.composite
def corrupted(draw: st.DrawFn) -> Any:
    """A valid document with one value replaced, one key removed or one key added."""
    return corrupt(draw(documents()), lambda items: draw(st.sampled_from(items)))


def structurally_valid(data: Any) -> bool:
    """Whether the library finds no problem in *data* but whole-document ones."""
    return verdict(lambda: uguaglianza.loads(json.dumps(data))) <= LIBRARY_ONLY


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(corrupted())
def test_the_schema_and_the_library_agree_on_corrupted_documents(data: Any) -> None:
    by_schema = not list(VALIDATOR.iter_errors(data))
    assert by_schema == structurally_valid(data)
    text = json.dumps(data)
    kind = data.get("document") if isinstance(data, dict) else None
    if isinstance(kind, str) and kind in ROOTS:
        root = ROOTS[data["document"]]
        assert verdict(lambda: root.model_validate_json(text)) == verdict(
            lambda: uguaglianza.loads(text)
        )


# --- Dates, numbers and booleans are exact everywhere ----------------------------------


def _plan_with(minimal: dict[str, Any], **fields: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(minimal))
    data["plan"].update(fields)
    return data


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2022", True),
        ("2022-05", True),
        ("2024-02-29", True),
        ("2000-02-29", True),
        (2022, True),
        ("0000", False),
        ("0999", False),
        ("2023-02-30", False),
        ("2021-02-29", False),
        ("1900-02-29", False),
        ("2022-04-31", False),
        ("2022-00", False),
        ("2022-5", False),
        (999, False),
    ],
)
def test_dates_are_exact_in_the_schema_as_in_the_library(
    minimal: Any, value: Any, valid: bool
) -> None:
    data = _plan_with(minimal(), period={"start": value})
    assert (not list(VALIDATOR.iter_errors(data))) is valid
    assert structurally_valid(data) is valid


@pytest.mark.parametrize(
    ("fields", "valid"),
    [
        ({"budget": {"amount": "1500.10", "currency": "EUR"}}, True),
        ({"budget": {"amount": 1500.10, "currency": "EUR"}}, True),
        ({"budget": {"amount": "1_000", "currency": "EUR"}}, False),
        ({"budget": {"amount": "1e5", "currency": "EUR"}}, False),
        ({"budget": {"amount": " 15", "currency": "EUR"}}, False),
        ({"budget": {"amount": "-0", "currency": "EUR"}}, False),
        ({"budget": {"amount": "١٢", "currency": "EUR"}}, False),
        ({"budget": {"amount": True, "currency": "EUR"}}, False),
    ],
)
def test_amounts_are_exact_in_the_schema_as_in_the_library(
    minimal: Any, fields: dict[str, Any], valid: bool
) -> None:
    data = json.loads(json.dumps(minimal()))
    data["plan"]["actions"][0].update(fields)
    assert (not list(VALIDATOR.iter_errors(data))) is valid
    assert structurally_valid(data) is valid


@pytest.mark.parametrize("value", ["yes", "true", 1, 0, None])
def test_booleans_are_only_true_and_false(minimal: Any, value: Any) -> None:
    data = json.loads(json.dumps(minimal()))
    data["plan"]["actions"][0]["planned"] = value
    assert list(VALIDATOR.iter_errors(data))
    assert not structurally_valid(data)


def test_whole_numbers_are_strict_but_keys_of_mappings_stay_text() -> None:
    class ByYear(Model):
        counts: dict[int, int] = Field(default_factory=dict)
        open: bool = False

    assert ByYear.model_validate_json('{"counts": {"2024": 3}}').counts == {2024: 3}
    for bad in ('{"counts": {"2024": "3"}}', '{"counts": {"2024": true}}', '{"open": 1}'):
        with pytest.raises(ValidationError):
            ByYear.model_validate_json(bad)
        with pytest.raises(ValidationError):
            ByYear.model_validate(json.loads(bad))


def test_a_fractional_amount_is_read_exactly_by_model_validate_json(minimal: Any) -> None:
    data = json.loads(json.dumps(minimal()))
    data["plan"]["actions"][0]["budget"] = {"amount": 0, "currency": "EUR"}
    text = json.dumps(data).replace('"amount": 0', '"amount": 0.1000000000000000000001')
    doc = PlanDocument.model_validate_json(text)
    budget = doc.plan.actions[0].budget
    assert budget is not None and budget.amount == Decimal("0.1000000000000000000001")
    assert doc == uguaglianza.loads(text)
    # pydantic's own parser would read a binary float: it is refused, never rounded.
    with pytest.raises(ValidationError) as caught:
        DOCUMENT.validate_json(text)
    assert codes_of(caught.value) == {"inexact_number"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('{"document": "plan", "document": "plan"}', "duplicate_key"),
        ('{"document": "plan",}', "syntax"),
        ('{"document": NaN}', "invalid_number"),
        ('{"document": "P\\ud800"}', "invalid_string"),
        ("[" * 70 + "]" * 70, "too_deep"),
    ],
)
def test_model_validate_json_applies_the_readers_rules(text: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        PlanDocument.model_validate_json(text)
    (detail,) = caught.value.errors()
    assert detail["type"] == code
    assert "line 1" in detail["msg"]
    with pytest.raises(ParseError) as parsed:
        uguaglianza.loads(text)
    assert parsed.value.issues[0].code == code


def test_model_validate_json_passes_its_options_on(minimal: Any) -> None:
    text = json.dumps(minimal())
    doc = PlanDocument.model_validate_json(text, context={"who": "test"}, strict=False)
    assert doc == uguaglianza.loads(text)
    assert PlanDocument.model_validate_json(text, strict=True) == doc
    with pytest.raises(ValidationError) as caught:
        PlanDocument.model_validate_json(text.replace("{", '{"id": "x", ', 1), strict=True)
    assert codes_of(caught.value) == {"duplicate_key"}
    with pytest.raises(ValidationError):
        PlanDocument.model_validate_json(b"\xff\xfe")


# --- Extensions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (1.5, "inexact_number"),
        (Decimal("1.5"), "inexact_number"),
        (float("nan"), "inexact_number"),
        ({1: "x"}, "extension_key"),
        ({"P\ud800": 1}, "extension_key"),
        ("P\ud800", "string_unicode"),
        ((1, 2), "extension_value"),
        ({1, 2}, "extension_value"),
    ],
)
def test_extensions_refuse_what_no_file_holds(minimal: Any, value: Any, code: str) -> None:
    data = minimal()
    data["extensions"] = {"mine": [value]}
    with pytest.raises(DocumentError) as caught:
        uguaglianza.from_data(data)
    (issue,) = caught.value.issues
    assert issue.code == code
    assert issue.path.startswith("extensions.mine[0]")


def test_extensions_nest_as_deep_as_documented_and_no_deeper(minimal: Any) -> None:
    value: Any = "fondo"
    for _ in range(MAX_EXTENSION_DEPTH):
        value = [value]
    data = minimal()
    data["extensions"] = {"deep": value}
    doc = uguaglianza.from_data(data)
    assert uguaglianza.loads(uguaglianza.dumps(doc, "yaml"), "yaml") == doc
    assert not list(VALIDATOR.iter_errors(data))
    data["extensions"] = {"deep": [value]}
    with pytest.raises(DocumentError) as caught:
        uguaglianza.from_data(data)
    (issue,) = caught.value.issues
    assert issue.code == "too_deep"
    assert issue.path == "extensions.deep" + "[0]" * MAX_EXTENSION_DEPTH
    assert list(VALIDATOR.iter_errors(data))


def test_a_whole_number_written_with_a_fraction_is_the_documented_difference(
    minimal: Any,
) -> None:
    # JSON Schema cannot tell 1.0 from 1; extensions and whole-number fields take 1.
    data = minimal()
    data["extensions"] = {"count": 1.0}
    assert not list(VALIDATOR.iter_errors(data))
    with pytest.raises(DocumentError) as caught:
        uguaglianza.loads(json.dumps(data))
    assert caught.value.issues[0].code == "inexact_number"


# --- Unpaired surrogates are refused wherever strings enter ------------------------------


@st.composite
def documents_with_a_surrogate(draw: st.DrawFn) -> tuple[dict[str, Any], tuple[Any, ...]]:
    data = draw(documents())
    strings = [
        path
        for path in paths_in(data)[1:]
        if isinstance(parent_of(data, path)[path[-1]], str) and path != ("document",)
    ]
    path = draw(st.sampled_from(strings))
    parent_of(data, path)[path[-1]] = "P\ud800"
    return data, path


def _format(path: tuple[Any, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".")


@SETTINGS
@given(documents_with_a_surrogate())
def test_a_surrogate_in_any_string_is_refused_where_it_is(
    case: tuple[dict[str, Any], tuple[Any, ...]],
) -> None:
    data, path = case
    with pytest.raises(DocumentError) as caught:
        uguaglianza.from_data(data)
    assert _format(path) in {issue.path for issue in caught.value.issues}
    root = ROOTS[data["document"]]
    with pytest.raises(ValidationError):
        root.model_validate(data)
    for fmt, text, codes in (
        ("json", json.dumps(data, ensure_ascii=False), {"invalid_string"}),
        ("json", json.dumps(data), {"invalid_string"}),
        ("yaml", json.dumps(data, ensure_ascii=False), {"invalid_string"}),
        # YAML escapes name characters, never halves of one.
        ("yaml", json.dumps(data), {"syntax"}),
    ):
        with pytest.raises(ParseError) as parsed:
            uguaglianza.loads(text, fmt)
        assert parsed.value.issues[0].code in codes


def test_a_surrogate_in_a_str_is_located(minimal: Any) -> None:
    text = json.dumps(minimal(), indent=2, ensure_ascii=False).replace(
        "Azione uno", "Azione \ud83d uno"
    )
    with pytest.raises(ParseError) as caught:
        uguaglianza.loads(text)
    (issue,) = caught.value.issues
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "\ud83d" in row)
    assert (issue.code, issue.line) == ("invalid_string", line)
    assert "\\ud83d" in (issue.value or "")


def test_a_document_built_without_validation_is_never_written_unreadable(
    minimal: Any, tmp_path: Path
) -> None:
    doc = uguaglianza.from_data(minimal())
    bad = doc.model_copy(update={"name": "P\ud800"})
    for fmt in ("json", "yaml"):
        with pytest.raises(ValueError, match="unpaired UTF-16 surrogate"):
            uguaglianza.dumps(bad, fmt)
        with pytest.raises(ValueError, match="unpaired UTF-16 surrogate"):
            uguaglianza.dump(bad, tmp_path / f"doc.{fmt}")
    assert not list(tmp_path.iterdir())


# --- Annotations for other tools ----------------------------------------------------------


def _nodes(node: Any) -> Any:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


def test_references_and_codes_are_annotated_in_standard_comments() -> None:
    comments = [node["$comment"] for node in _nodes(SCHEMA) if "$comment" in node]
    assert comments
    for comment in comments:
        assert re.fullmatch(r"uguaglianza:(ref=[a-z]+(,[a-z]+)*|codelist=[a-z_]+)", comment)
    assert not [key for node in _nodes(SCHEMA) for key in node if key.startswith("x-")]


def test_every_marked_field_has_its_comment() -> None:
    # Each reference or code field of the models appears in the schema with its comment.
    expected: set[tuple[str, str, str]] = set()
    for name in SCHEMA["$defs"]:
        model = _model_named(name)
        if model is None:
            continue
        for field_name, field in model.model_fields.items():
            for marker in _markers(field.metadata, field.annotation):
                expected.add((name, field_name, marker))
    found = {
        (name, field_name, node["$comment"])
        for name, definition in SCHEMA["$defs"].items()
        for field_name, prop in definition.get("properties", {}).items()
        for node in _nodes(prop)
        if "$comment" in node
    }
    assert expected and expected <= found


def _markers(metadata: list[Any], annotation: Any) -> list[str]:
    found = []
    for item in [*metadata, *_annotated_metadata(annotation)]:
        if isinstance(item, Ref):
            found.append("uguaglianza:ref=" + ",".join(item.kinds))
        elif isinstance(item, CodeIn):
            found.append("uguaglianza:codelist=" + item.codelist)
    return found


def _annotated_metadata(annotation: Any) -> list[Any]:
    found = list(getattr(annotation, "__metadata__", ()))
    for arg in getattr(annotation, "__args__", ()):
        found.extend(_annotated_metadata(arg))
    return found


def _model_named(name: str) -> type[BaseModel] | None:
    import uguaglianza.model as models

    for module_name in dir(models):
        candidate = getattr(models, module_name)
        if isinstance(candidate, type) and candidate.__name__ == name:
            return candidate
    return None
