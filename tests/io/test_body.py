"""Request bodies: the reader's rules on raw bytes, and errors as RFC 9457 problems."""

from __future__ import annotations

import ast
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import uguaglianza
from uguaglianza.io import (
    MEDIA_TYPES,
    PROBLEM_MEDIA_TYPE,
    Limits,
    body_format,
    problem_details,
    read_body,
)

Factory = Callable[[], dict[str, Any]]
EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))


def _json(data: Any) -> bytes:
    return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_every_example_reads_as_loads_reads_it(example: Path) -> None:
    doc = uguaglianza.load(example)
    as_json = uguaglianza.dumps(doc, "json").encode("utf-8")
    assert read_body(as_json, "application/json") == doc
    assert read_body(example.read_bytes(), "application/yaml") == doc


def _parsed_first(text: bytes) -> uguaglianza.PlanDocument:
    """What a framework that parses JSON into Python objects before validating gets."""
    return uguaglianza.PlanDocument.model_validate(json.loads(text))


def test_repeated_keys_are_refused_where_parsing_first_keeps_the_last(minimal: Factory) -> None:
    text = _json(minimal()).replace(b'"id": "doc-test"', b'"id": "doc-test", "id": "other"', 1)
    assert _parsed_first(text).id == "other"
    with pytest.raises(uguaglianza.ParseError) as caught:
        read_body(text, "application/json", source="request body")
    (issue,) = caught.value.issues
    assert issue.code == "duplicate_key"
    assert (issue.file, issue.line, issue.value) == ("request body", 4, "'id'")


def test_a_fractional_amount_is_read_exactly(minimal: Factory) -> None:
    data = minimal()
    data["plan"]["actions"][0]["budget"] = {"amount": 1500.25, "currency": "EUR"}
    text = _json(data)
    with pytest.raises(ValueError, match="inexact"):
        _parsed_first(text)
    doc = read_body(text, expect=uguaglianza.PlanDocument)
    budget = doc.plan.actions[0].budget
    assert budget is not None
    assert budget.amount == Decimal("1500.25")
    assert uguaglianza.PlanDocument.model_validate_json(text) == doc


def test_the_service_s_own_nesting_limit_applies(minimal: Factory) -> None:
    data = minimal()
    data["extensions"] = {"deep": [[[[[[["x"]]]]]]]}
    text = _json(data)
    assert uguaglianza.PlanDocument.model_validate_json(text).extensions["deep"]
    with pytest.raises(uguaglianza.ParseError) as caught:
        read_body(text, limits=Limits(max_depth=6))
    (issue,) = caught.value.issues
    assert issue.code == "too_deep"
    assert issue.path == "extensions.deep[0][0][0][0]"


def test_the_size_limit_applies_before_reading(minimal: Factory) -> None:
    text = _json(minimal())
    with pytest.raises(uguaglianza.InputError, match=f"input is {len(text)} bytes"):
        read_body(text, limits=Limits(max_bytes=len(text) - 1))
    assert read_body(text, limits=Limits(max_bytes=len(text))).id == "doc-test"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"document": "plan", "name": "Caf\xe9"}', "not valid UTF-8: byte 0xE9 at line 1"),
        (b"\xff\xfe{\x00}\x00", "encoded as UTF-16"),
        (b"%PDF-1.7\n", "looks like a PDF document"),
        (b'{"document": "plan",\x00}', "NUL byte at line 1, column 21"),
    ],
)
def test_bytes_that_are_not_utf8_text_are_an_input_error(body: bytes, message: str) -> None:
    with pytest.raises(uguaglianza.InputError, match=message):
        read_body(body, "application/json")


@pytest.mark.parametrize(
    ("fmt", "change"),
    [
        ("json", lambda t: t.replace(b'"lead": "org-cm"', b'"lead": "nessuno"', 1)),
        ("json", lambda t: t.replace(b'"kind": "equality_plan"', b'"kind": 3', 1)),
        ("json", lambda t: t[:-5]),
        ("json", lambda t: t.replace(b"[", b"[,", 1)),
        ("json", lambda t: b"  \n"),
        ("json", lambda t: b"[1, 2]"),
        ("json", lambda t: t.replace(b'"2.0"', b'"9.9"', 1)),
        ("yaml", lambda t: t.replace(b"lead: org-cm", b"lead: nessuno", 1)),
        ("yaml", lambda t: t.replace(b"name: Azione uno", b"name: [Azione", 1)),
        ("yaml", lambda t: t + b"id: again\n"),
        ("yaml", lambda t: b"a: &x [*x]\n"),
    ],
)
def test_errors_are_those_of_loads(
    minimal: Factory, fmt: str, change: Callable[[bytes], bytes]
) -> None:
    doc = uguaglianza.from_data(minimal())
    body = change(uguaglianza.dumps(doc, fmt).encode("utf-8"))
    media = "application/json" if fmt == "json" else "application/yaml"
    with pytest.raises(uguaglianza.DocumentError) as expected:
        uguaglianza.loads(body, fmt, file="body")
    with pytest.raises(type(expected.value)) as caught:
        read_body(body, media, source="body")
    assert caught.value.issues == expected.value.issues
    assert all(issue.line is not None for issue in caught.value.issues)


def test_expect_refuses_the_other_root(minimal: Factory) -> None:
    body = _json(minimal())
    assert isinstance(read_body(body, expect=uguaglianza.PlanDocument), uguaglianza.PlanDocument)
    with pytest.raises(uguaglianza.DocumentError) as caught:
        read_body(body, expect=uguaglianza.Landscape, source="body")
    (issue,) = caught.value.issues
    assert (issue.code, issue.path, issue.value, issue.file) == (
        "unexpected_document_type",
        "document",
        "'plan'",
        "body",
    )
    assert issue.hint == "send a document with 'document: landscape'"


@pytest.mark.parametrize(
    ("header", "fmt"),
    [
        (None, "json"),
        ("", "json"),
        ("application/json", "json"),
        ("Application/JSON; charset=UTF-8", "json"),
        ('application/json; charset="utf-8"', "json"),
        ("application/problem+json", "json"),
        ("application/yaml", "yaml"),
        ("text/yaml; charset=utf8", "yaml"),
        ("application/vnd.uguaglianza+yaml", "yaml"),
        *((media, fmt) for media, fmt in MEDIA_TYPES.items()),
    ],
)
def test_the_content_type_names_the_format(header: str | None, fmt: str) -> None:
    assert body_format(header) == fmt


def test_a_body_without_content_type_takes_the_default() -> None:
    assert body_format(None, default="yaml") == "yaml"


@pytest.mark.parametrize("header", ["text/plain", "application/xml", "multipart/form-data"])
def test_other_media_types_are_refused(header: str) -> None:
    with pytest.raises(uguaglianza.UnknownFormatError, match="application/json"):
        read_body(b"{}", header)


def test_a_charset_other_than_utf8_is_refused() -> None:
    with pytest.raises(uguaglianza.InputError, match="declared as 'latin-1'") as caught:
        read_body(b"{}", "application/json; charset=latin-1")
    assert caught.value.hint is not None
    assert "UTF-8" in caught.value.hint


def _problem(body: bytes, content_type: str | None = None) -> dict[str, Any]:
    with pytest.raises(uguaglianza.UguaglianzaError) as caught:
        read_body(body, content_type, source="request body")
    problem = problem_details(caught.value, instance="/documents")
    assert json.loads(json.dumps(problem)) == problem
    assert problem["instance"] == "/documents"
    return problem


def test_an_invalid_document_becomes_a_422_listing_every_issue(minimal: Factory) -> None:
    data = minimal()
    for action in data["plan"]["actions"]:
        action["lead"] = "nessuno"
    problem = _problem(_json(data))
    assert problem["status"] == 422
    assert problem["type"].endswith("#invalid")
    assert problem["detail"].startswith("2 problems: request body:")
    assert [error["path"] for error in problem["errors"]] == [
        "plan.actions[0].lead",
        "plan.actions[1].lead",
    ]
    first = problem["errors"][0]
    assert set(first) == {"code", "message", "path", "value", "hint", "file", "line", "column"}
    assert (first["value"], first["file"], first["line"]) == ("'nessuno'", "request body", 52)
    assert "nessuno" in first["message"]


def test_malformed_unreadable_and_unsupported_bodies_have_their_own_types() -> None:
    malformed = _problem(b'{"a": 1,}')
    assert (malformed["status"], malformed["type"].rsplit("#")[1]) == (422, "malformed")
    assert malformed["errors"][0]["code"] == "syntax"
    assert malformed["errors"][0]["hint"] == "remove the trailing comma"

    unreadable = _problem(b"\xc3\x28")
    assert (unreadable["status"], unreadable["type"].rsplit("#")[1]) == (422, "unreadable")
    (error,) = unreadable["errors"]
    assert error["code"] == "unreadable"
    assert error["message"].startswith("not valid UTF-8")
    assert error["file"] == "request body"
    assert error["hint"]

    unsupported = _problem(b"{}", "text/csv")
    assert (unsupported["status"], unsupported["type"].rsplit("#")[1]) == (415, "unsupported")
    assert "text/csv" in unsupported["detail"]


def test_a_missing_extra_is_the_server_s_fault() -> None:
    problem = problem_details(uguaglianza.MissingExtraError("install the 'plot' extra"))
    assert problem["status"] == 500
    assert "instance" not in problem
    assert problem["errors"][0]["message"] == "install the 'plot' extra"


def test_the_problem_media_type_is_rfc_9457_s() -> None:
    assert PROBLEM_MEDIA_TYPE == "application/problem+json"


def test_the_library_imports_no_web_framework_or_database_driver() -> None:
    forbidden = {"fastapi", "starlette", "flask", "django", "sqlalchemy", "psycopg", "uvicorn"}
    source = Path(uguaglianza.__file__).parent
    found = []
    for module in sorted(source.rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            found += [f"{module.name}: {name}" for name in names if name.split(".")[0] in forbidden]
    assert not found
