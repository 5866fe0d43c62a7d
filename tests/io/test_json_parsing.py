"""Parsing untrusted JSON: uguaglianza.io._json."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from uguaglianza.errors import InputError, Issue, ParseError
from uguaglianza.io import _json
from uguaglianza.io._json import parse_json
from uguaglianza.io._limits import Limits


def only_issue(text: str, limits: Limits | None = None) -> Issue:
    with pytest.raises(ParseError) as caught:
        if limits is None:
            parse_json(text, file="plan.json")
        else:
            parse_json(text, file="plan.json", limits=limits)
    assert len(caught.value.issues) == 1
    issue = caught.value.issues[0]
    assert issue.file == "plan.json"
    assert issue.message and issue.hint
    return issue


def test_numbers_are_exact() -> None:
    data = parse_json('{"amount": 600000.00, "share": 0.1, "n": 3, "big": 1E+3, "e": -2.5e-7}')
    assert data == {
        "amount": Decimal("600000.00"),
        "share": Decimal("0.1"),
        "n": 3,
        "big": Decimal("1E+3"),
        "e": Decimal("-2.5e-7"),
    }
    assert str(data["amount"]) == "600000.00"
    assert type(data["n"]) is int


def test_plain_values() -> None:
    text = '{"a": [true, false, null, "città", {}], "b": "2022-05-10", "c": ""}'
    assert parse_json(text) == {
        "a": [True, False, None, "città", {}],
        "b": "2022-05-10",
        "c": "",
    }


def test_scalar_root_and_bom() -> None:
    assert parse_json('\ufeff"x"') == "x"
    assert parse_json(" 12 \n") == 12


def test_key_order_is_kept() -> None:
    assert list(parse_json('{"z": 1, "a": 2, "m": 3}')) == ["z", "a", "m"]


def test_surrogate_pairs_are_fine() -> None:
    assert parse_json(r'{"e": "\ud83d\ude00", "\\ud800": 1}') == {"e": "😀", "\\ud800": 1}


def test_nesting_up_to_the_limit_is_fine() -> None:
    assert parse_json("[" * 64 + "]" * 64) is not None
    assert parse_json('{"a":' * 64 + "1" + "}" * 64) is not None
    assert parse_json("[" * 3 + "]" * 3, limits=Limits(max_depth=3)) == [[[]]]


@pytest.mark.parametrize("python_walk", [False, True])
def test_depth_and_size_checks(monkeypatch: pytest.MonkeyPatch, python_walk: bool) -> None:
    if python_walk:
        monkeypatch.setattr(
            _json, "_children", lambda *values: _json._python_children(list(values))
        )
    assert parse_json("[[1, [2]], {}]", limits=Limits(max_depth=3)) == [[1, [2]], {}]
    assert only_issue("[[1, [2]], {}]", Limits(max_depth=2)).code == "too_deep"
    assert only_issue('{"a": {"b": {}}}', Limits(max_depth=2)).code == "too_deep"
    assert parse_json("[1, 2, [3]]", limits=Limits(max_nodes=5)) == [1, 2, [3]]
    assert only_issue("[1, 2, [3, 4]]", Limits(max_nodes=5)).code == "too_many_nodes"


# -- bad input ------------------------------------------------------------------------------

BAD_JSON = [
    # (id, text, code, line, column, path, words in the hint)
    ("truncated", '{"plan": {"name": "x",', "syntax", 1, 23, "plan", "truncated"),
    ("truncated string", '{"a": "abc', "syntax", 1, 7, "a", "double quote"),
    ("trailing comma", '{"a": 1,\n "b": 2,\n}', "syntax", 3, 1, "", "trailing comma"),
    ("trailing comma list", '{"a": [1, 2, ]}', "syntax", 1, 14, "a", "trailing comma"),
    ("single quotes", "{'a': 1}", "syntax", 1, 2, "", "double quotes"),
    ("python literal", '{"a": True}', "syntax", 1, 7, "a", "lowercase"),
    ("comment", '// plan\n{"a": 1}', "syntax", 1, 1, "", "comments"),
    ("missing colon", '{"a" 1}', "syntax", 1, 6, "a", "colon"),
    ("missing comma", '{"a": [1 2]}', "syntax", 1, 10, "a", "commas"),
    ("extra data", '{"a": 1}\n{"b": 2}', "syntax", 2, 1, "", "one value"),
    ("control character", '{"a": "x\ty"}', "syntax", 1, 9, "a", r"\t"),
    ("bad escape", r'{"a": "\x"}', "syntax", 1, 8, "a", "escapes"),
    ("duplicate key", '{"a": 1, "a": 2}', "duplicate_key", 1, 10, "", "rename"),
    (
        "duplicate key at depth",
        '{"plan": {"actions": [{}, {"id": 1,\n "lead": "x",\n "id": 2}]}}',
        "duplicate_key",
        3,
        2,
        "plan.actions[1]",
        "rename",
    ),
    ("NaN", '{"a": [1, NaN]}', "invalid_number", 1, 11, "a[1]", "finite"),
    ("Infinity", '{"a": Infinity}', "invalid_number", 1, 7, "a", "finite"),
    ("-Infinity", '{"a": -Infinity}', "invalid_number", 1, 7, "a", "finite"),
    ("huge integer", '{"n": ' + "9" * 5000 + "}", "invalid_number", 1, 7, "n", "finite"),
    ("huge exponent", '{"n": 1e9999999999999999999999}', "invalid_number", 1, 7, "n", "finite"),
    ("lone surrogate", r'{"a": ["\ud800"]}', "invalid_string", 1, 8, "a[0]", "pair"),
    ("lone surrogate key", r'{"b": {"\udc00": 1}}', "invalid_string", 1, 8, "b", "pair"),
    ("empty", "", "empty", 1, 1, "", "object"),
    ("blank", " \n\t\r\n", "empty", 1, 1, "", "object"),
    ("100k brackets", "[" * 100_000, "too_deep", 1, 65, "[0]" * 64, "max_depth"),
    ("deep objects", '{"a":' * 65 + "1" + "}" * 65, "too_deep", 1, 321, "a" + ".a" * 63, "flatten"),
    ("100k closed", "[" * 100_000 + "]" * 100_000, "too_deep", 1, 65, "[0]" * 64, "flatten"),
]


@pytest.mark.parametrize(
    ("text", "code", "line", "column", "path", "hint"),
    [pytest.param(*case[1:], id=case[0]) for case in BAD_JSON],
)
def test_bad_json(text: str, code: str, line: int, column: int, path: str, hint: str) -> None:
    issue = only_issue(text)
    assert (issue.code, issue.line, issue.column) == (code, line, column)
    assert issue.path == path
    assert issue.hint is not None and hint in issue.hint


def test_duplicate_key_names_the_key_and_both_lines() -> None:
    issue = only_issue('{\n  "id": "a",\n  "name": "x",\n  "id": "b"\n}')
    assert issue.code == "duplicate_key"
    assert issue.value == "'id'"
    assert "line 2" in issue.message and "line 4" in issue.message
    assert (issue.line, issue.column) == (4, 3)


def test_syntax_error_message_and_value() -> None:
    issue = only_issue('{"a": 1,\n "b": @}')
    assert issue.message == "invalid JSON: expecting value"
    assert issue.value == "'@}'"
    assert issue.path == "b"
    text = ParseError([issue]).args[0]
    assert "plan.json:2:7" in text


def test_text_longer_than_max_bytes() -> None:
    with pytest.raises(InputError, match="larger than the limit"):
        parse_json('{"a": "' + "x" * 100 + '"}', limits=Limits(max_bytes=50))


def test_too_many_values_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("parsed anyway")

    monkeypatch.setattr(json, "loads", fail)
    issue = only_issue("[" + "[]," * 50 + "[]]", Limits(max_nodes=20))
    assert issue.code == "too_many_nodes"


def test_value_count_ignores_strings() -> None:
    text = '["a,b,c,[,{", [], {}, {"k": [1, 2]}]'
    assert _json._count_values(text) == 8
    assert parse_json(text, limits=Limits(max_nodes=8)) == json.loads(text)


def test_deep_nesting_with_a_high_limit_is_still_a_parse_error() -> None:
    issue = only_issue("[" * 100_000 + "]" * 100_000, Limits(max_depth=1_000_000))
    assert issue.code == "too_deep"


def test_no_bare_exception_escapes_for_garbage() -> None:
    for text in ["\x00", "{", "}", "[", "]", ":", ",", '"', "-", "1.", ".5", "01", "tru", "nul"]:
        with pytest.raises(ParseError):
            parse_json(text)
