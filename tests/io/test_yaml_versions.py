"""YAML as people write it: plain values read as YAML 1.2, nothing in extensions changes."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

import uguaglianza
from uguaglianza.errors import DocumentError, ParseError
from uguaglianza.io._yaml import parse_yaml, plain_token, yaml11_reading

Factory = Callable[[], dict[str, Any]]

#: Plain scalars YAML 1.1 (PyYAML) and YAML 1.2 read differently: token → (1.2, 1.1).
DIFFERENT: dict[str, tuple[Any, Any]] = {
    "yes": ("yes", True),
    "no": ("no", False),
    "On": ("On", True),
    "off": ("off", False),
    "037": (37, 31),
    "09": (9, "09"),
    "0o17": (15, "0o17"),
    "0b101": ("0b101", 5),
    "1_000": ("1_000", 1000),
    "12:30": ("12:30", 750),
    "-1:30.5": ("-1:30.5", Decimal("-90.5")),
    "1e3": (Decimal("1E+3"), "1e3"),
    "1.0e3": (Decimal("1.0E+3"), "1.0e3"),
}
#: Plain scalars both read alike.
ALIKE: dict[str, Any] = {
    "true": True,
    "False": False,
    "null": None,
    "~": None,
    "42": 42,
    "-7": -7,
    "0x1F": 31,
    "1.50": Decimal("1.50"),
    "1.5e+3": Decimal("1.5E+3"),
    "text": "text",
    "2022-05-10": "2022-05-10",
}


@pytest.mark.parametrize(("token", "readings"), DIFFERENT.items())
def test_plain_values_are_read_as_yaml_1_2(token: str, readings: tuple[Any, Any]) -> None:
    value = parse_yaml(f"a: {token}\n")["a"]
    assert type(value) is type(readings[0]) and value == readings[0]
    older = yaml11_reading(token)
    assert type(older) is type(readings[1]) and older == readings[1]


@pytest.mark.parametrize(("token", "value"), ALIKE.items())
def test_values_both_versions_agree_on_are_kept_in_extensions(token: str, value: Any) -> None:
    data = parse_yaml(f"extensions:\n  a: {token}\n  b: [{token}]\n")
    assert data["extensions"] == {"a": value, "b": [value]}
    assert type(data["extensions"]["a"]) is type(value)


@pytest.mark.parametrize("token", DIFFERENT)
def test_an_ambiguous_value_in_extensions_is_refused_where_it_stands(token: str) -> None:
    text = f"document: plan\nextensions:\n  flag: {token}\n"
    with pytest.raises(ParseError) as caught:
        parse_yaml(text, file="plan.yaml")
    [issue] = caught.value.issues
    assert issue.code == "ambiguous_value"
    assert (issue.file, issue.line, issue.column) == ("plan.yaml", 3, 9)
    assert issue.path == "extensions.flag"
    assert issue.value == token
    assert f"'{token}'" in (issue.hint or "")
    assert "YAML 1.1" in issue.message and "YAML 1.2" in issue.message
    # Quoted, it is text for every reader.
    assert parse_yaml(f"extensions:\n  flag: '{token}'\n") == {"extensions": {"flag": token}}


def test_ambiguous_keys_and_nested_values_in_extensions_are_refused() -> None:
    with pytest.raises(ParseError) as caught:
        parse_yaml("extensions:\n  no: 1\n")
    assert caught.value.issues[0].line == 2 and caught.value.issues[0].value == "no"
    with pytest.raises(ParseError) as caught:
        parse_yaml("extensions:\n  a:\n    b: [1, {c: 12:30}]\n")
    issue = caught.value.issues[0]
    assert (issue.line, issue.column, issue.path) == (3, 16, "extensions.a.b[1].c")
    # Outside extensions the same values are read as YAML 1.2.
    assert parse_yaml("other:\n  no: 12:30\n") == {"other": {"no": "12:30"}}
    assert parse_yaml("extensions:\n  a: 1\nnext: yes\n") == {"extensions": {"a": 1}, "next": "yes"}


def test_a_document_with_an_ambiguous_extension_is_refused(minimal: Factory) -> None:
    text = uguaglianza.dumps(uguaglianza.from_data(minimal()), "yaml") + "extensions:\n  ok: on\n"
    with pytest.raises(ParseError) as caught:
        uguaglianza.loads(text, "yaml", file="plan.yaml")
    [issue] = caught.value.issues
    assert issue.code == "ambiguous_value" and issue.path == "extensions.ok"
    assert issue.line == text.count("\n")


@pytest.mark.parametrize(
    ("token", "kind"),
    [("037", "a number"), ("2024", "a number"), ("true", "a boolean"), ("1.5", "a number")],
)
def test_a_string_field_given_a_number_names_the_token_as_written(
    minimal: Factory, token: str, kind: str
) -> None:
    data = minimal()
    data["plan"]["name"] = "PLACEHOLDER"
    text = uguaglianza.dumps(uguaglianza.from_data(data), "yaml")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "PLACEHOLDER" in row)
    text = text.replace("PLACEHOLDER", f"{token}  # as typed")
    with pytest.raises(DocumentError) as caught:
        uguaglianza.loads(text, "yaml", file="plan.yaml")
    [issue] = [issue for issue in caught.value.issues if issue.path == "plan.name"]
    assert issue.line == line
    assert issue.value == token
    assert issue.hint == f"YAML reads {token} as {kind}: quote it ('{token}') to keep it as text"
    quoted = text.replace(f"{token}  # as typed", f"'{token}'")
    assert uguaglianza.loads(quoted, "yaml").plan.name == token


def test_text_written_for_yaml_1_1_readers_round_trips(minimal: Factory) -> None:
    data = minimal()
    data["plan"]["name"] = "no"
    data["extensions"] = {token: token for token in DIFFERENT} | {"n": 37, "d": "1e3"}
    doc = uguaglianza.from_data(data)
    text = uguaglianza.dumps(doc, "yaml")
    assert uguaglianza.loads(text, "yaml") == doc


@pytest.mark.parametrize(
    ("text", "line", "column", "token"),
    [
        ("a: 037\n", 1, 4, "037"),
        ("a: [1, 037, x]\n", 1, 8, "037"),
        ("a: {b: true}\n", 1, 8, "true"),
        ("a: 12  # note\n", 1, 4, "12"),
        ("a: ~\n", 1, 4, "~"),
        ("a: '037'\n", 1, 4, None),
        ("a: text\n", 1, 4, None),
        ("a: 037\n", 5, 1, None),
    ],
)
def test_the_token_as_written(text: str, line: int, column: int, token: str | None) -> None:
    assert plain_token(text, line, column) == token
