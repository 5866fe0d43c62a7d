"""Parsing untrusted YAML: uguaglianza.io._yaml, with libyaml's parser and the pure one."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
import yaml

from uguaglianza.errors import InputError, Issue, ParseError
from uguaglianza.io import _yaml
from uguaglianza.io._json import parse_json
from uguaglianza.io._limits import Limits
from uguaglianza.io._yaml import parse_yaml

PARSERS: dict[str, Callable[[str], Any]] = {"python": _yaml._PythonParser}
try:
    from yaml._yaml import CParser

    PARSERS["libyaml"] = CParser
except ImportError:  # pragma: no cover
    pass


@pytest.fixture(params=sorted(PARSERS), autouse=True)
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run every test with each available event parser."""
    monkeypatch.setattr(_yaml, "_PARSER", PARSERS[request.param])
    yield request.param


def only_issue(text: str, limits: Limits | None = None) -> Issue:
    with pytest.raises(ParseError) as caught:
        if limits is None:
            parse_yaml(text, file="plan.yaml")
        else:
            parse_yaml(text, file="plan.yaml", limits=limits)
    assert len(caught.value.issues) == 1
    issue = caught.value.issues[0]
    assert issue.file == "plan.yaml"
    assert issue.message and issue.hint
    return issue


def billion_laughs(levels: int = 9) -> str:
    lines = ['lol0: &lol0 "lol"']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*lol{level - 1}"] * 9)
        lines.append(f"lol{level}: &lol{level} [{refs}]")
    return "\n".join(lines) + "\n"


# -- values ---------------------------------------------------------------------------------


def test_plain_values() -> None:
    text = """\
document: plan
name: Piano per l'Uguaglianza
date: 2022-05-10
when: 2022-05-10T10:00:00Z
amount: 600000.00
share: .5
big: 1.5e+3
count: 3
hex: 0x1F
under: 1_000
active: true
legacy: yes
octal: 0o17
nothing: ~
empty:
text: "2022"
list: [a, 1, {b: c}]
block: |
  riga uno
  riga due
"""
    assert parse_yaml(text) == {
        "document": "plan",
        "name": "Piano per l'Uguaglianza",
        "date": "2022-05-10",
        "when": "2022-05-10T10:00:00Z",
        "amount": Decimal("600000.00"),
        "share": Decimal("0.5"),
        "big": Decimal("1.5E+3"),
        "count": 3,
        "hex": 31,
        "under": "1_000",
        "active": True,
        "legacy": "yes",
        "octal": 15,
        "nothing": None,
        "empty": None,
        "text": "2022",
        "list": ["a", 1, {"b": "c"}],
        "block": "riga uno\nriga due\n",
    }


def test_decimals_keep_their_exact_form() -> None:
    data = parse_yaml("a: 600000.00\nb: 1.E+3\nc: 5.\nd: -0.\ne: +10.50\nf: 1e3\n")
    assert [str(value) for value in data.values()] == [
        "600000.00",
        "1E+3",
        "5",
        "-0",
        "10.50",
        "1E+3",
    ]
    assert all(type(value) is Decimal for value in data.values())


def test_odd_scalars_stay_strings() -> None:
    assert parse_yaml("a: =\nb: <<\nc: 1e3x\nd: 09x\n") == {
        "a": "=",
        "b": "<<",
        "c": "1e3x",
        "d": "09x",
    }


def test_explicit_standard_tags() -> None:
    text = "a: !!str 12\nb: !!int '7'\nc: !!float 1\nd: !!bool 'True'\ne: !!null x\nf: ! 3\n"
    assert parse_yaml(text) == {
        "a": "12",
        "b": 7,
        "c": Decimal("1"),
        "d": True,
        "e": None,
        "f": "3",
    }


def test_yaml_and_json_give_the_same_data() -> None:
    text = '{"document": "plan", "date": "2022-05-10", "n": [1, 2.50, true, null], "t": "x"}'
    assert parse_yaml(text) == parse_json(text)


def test_aliases_and_merges() -> None:
    text = """\
defaults: &defaults
  currency: EUR
  amount: 10
other: &other {amount: 20, lead: comune}
funding:
  <<: *defaults
  amount: 5
both:
  <<: [*other, *defaults]
same: *defaults
inline:
  <<: {a: 1}
  b: 2
"""
    data = parse_yaml(text)
    assert data["funding"] == {"currency": "EUR", "amount": 5}
    assert list(data["funding"]) == ["currency", "amount"]
    assert data["both"] == {"amount": 20, "currency": "EUR", "lead": "comune"}
    assert data["same"] == {"currency": "EUR", "amount": 10}
    assert data["inline"] == {"a": 1, "b": 2}


def test_quoted_merge_key_is_a_plain_key() -> None:
    assert parse_yaml("'<<': 1\n") == {"<<": 1}


def test_anchor_on_a_key_is_fine() -> None:
    assert parse_yaml("&k name: *k\n") == {"name": "name"}


def test_limits_at_their_edge_are_fine() -> None:
    text = billion_laughs(2)  # 9 aliases to a string, then 9 to a list of 10 values
    assert len(parse_yaml(text, limits=Limits(max_aliases=18, max_alias_expansion=99))) == 3
    assert only_issue(text, Limits(max_alias_expansion=98)).code == "too_many_aliases"
    assert only_issue(text, Limits(max_aliases=17)).code == "too_many_aliases"
    assert parse_yaml("[" * 64 + "]" * 64) is not None


def test_byte_order_mark_and_crlf() -> None:
    assert parse_yaml("\ufeffa: 1\r\nb: [x,\r\n y]\r\n") == {"a": 1, "b": ["x", "y"]}


def test_text_longer_than_max_bytes() -> None:
    with pytest.raises(InputError, match="larger than the limit"):
        parse_yaml("a: " + "x" * 100, limits=Limits(max_bytes=50))


# -- bad input ------------------------------------------------------------------------------

BAD_YAML = [
    # (id, text, code, line, column, path, words in the hint)
    ("duplicate key", "a: 1\nb: 2\na: 3\n", "duplicate_key", 3, 1, "", "rename"),
    (
        "duplicate key at depth",
        "plan:\n  actions:\n    - id: a\n    - id: b\n      lead: x\n      id: c\n",
        "duplicate_key",
        6,
        7,
        "plan.actions[1]",
        "rename",
    ),
    ("duplicate flow key", "x: {a: 1, a: 2}\n", "duplicate_key", 1, 11, "x", "rename"),
    ("boolean key", "false: 1\n", "non_string_key", 1, 1, "", "quote"),
    ("integer key", "codes:\n  2022: x\n", "non_string_key", 2, 3, "codes", "quote"),
    ("null key", "~: 1\n", "non_string_key", 1, 1, "", "quote"),
    ("float key", "1.5: x\n", "non_string_key", 1, 1, "", "quote"),
    ("list key", "? [a, b]\n: 1\n", "non_string_key", 1, 3, "", "strings"),
    ("alias to list as key", "l: &l [1]\nm: {*l : 1}\n", "non_string_key", 2, 5, "m", "strings"),
    (".nan", "a: .nan\n", "invalid_number", 1, 4, "a", "finite"),
    ("-.inf", "a: [-.inf]\n", "invalid_number", 1, 5, "a[0]", "finite"),
    ("!!float nan", "a: !!float nan\n", "invalid_number", 1, 4, "a", "finite"),
    ("!!int text", "a: !!int abc\n", "invalid_number", 1, 4, "a", "number"),
    ("!!bool text", "a: !!bool maybe\n", "invalid_value", 1, 4, "a", "true or false"),
    (
        "python tag",
        "a: !!python/object/apply:os.system [ls]\n",
        "unsupported_tag",
        1,
        4,
        "a",
        "tag",
    ),
    ("binary tag", "a: !!binary aGVsbG8=\n", "unsupported_tag", 1, 4, "a", "tag"),
    ("timestamp tag", "a: !!timestamp 2022-01-01\n", "unsupported_tag", 1, 4, "a", "tag"),
    ("local tag", "a: !custom {}\n", "unsupported_tag", 1, 4, "a", "tag"),
    ("set tag", "a: !!set {x: null}\n", "unsupported_tag", 1, 4, "a", "tag"),
    ("empty", "", "empty", 1, 1, "", "mapping"),
    ("only comments", "# nothing\n\n", "empty", 1, 1, "", "mapping"),
    ("only a separator", "---\n", "empty", 1, 1, "", "mapping"),
    ("two documents", "a: 1\n---\nb: 2\n", "multiple_documents", 2, 1, "", "one document"),
    ("tabs", "plan:\n\tname: x\n", "syntax", 2, 1, "plan", "tabs"),
    ("colon in value", "title: Piano: 2022\n", "syntax", 1, 13, "", "quote"),
    ("bad indentation", "a:\n  b: 1\n c: 2\n", "syntax", 3, 2, "", "column"),
    ("unclosed flow list", "a: [1, 2\n", "syntax", 2, 1, "a[2]", "close"),
    ("unclosed quote", 'a: "abc\n', "syntax", 2, 1, "a", "quote"),
    ("bad escape", 'a: "\\q"\n', "syntax", 1, (5, 6), "a", "backslash"),
    ("at sign", "a: @x\n", "syntax", 1, 4, "a", "quote"),
    ("escape out of range", 'a: "\\U01000000"\n', "syntax", 1, (5, 6, 7), "a", "backslash"),
    ("control character", "a: 1\nb: \x07\n", "syntax", 2, 4, "", "remove"),
    ("undefined alias", "a: *nope\n", "syntax", 1, 4, "a", "anchor"),
    ("duplicate anchor", "a: &x 1\nb: &x 2\n", "syntax", 2, 4, "b", "unique"),
    ("recursive alias", "a: &x [1, *x]\n", "recursive_alias", 1, 11, "a[1]", "parents"),
    ("recursive merge", "a: &x {<<: *x}\n", "recursive_alias", 1, 12, 'a["<<"]', "parents"),
    ("merge of a scalar", "a: {<<: 1}\n", "invalid_merge", 1, 5, "a", "mapping"),
    ("merge of a list of scalars", "a: {<<: [1]}\n", "invalid_merge", 1, 5, "a", "mapping"),
    ("billion laughs", billion_laughs(), "too_many_aliases", 6, 14, "lol5[0]", "alias"),
    ("100k brackets", "[" * 100_000, "too_deep", 1, 65, "[0]" * 64, "max_depth"),
    (
        "deep mappings",
        "".join(" " * i + f"k{i}:\n" for i in range(70)),
        "too_deep",
        65,
        65,
        ".".join(f"k{i}" for i in range(64)),
        "flatten",
    ),
]


@pytest.mark.parametrize(
    ("text", "code", "line", "column", "path", "hint"),
    [pytest.param(*case[1:], id=case[0]) for case in BAD_YAML],
)
def test_bad_yaml(
    text: str, code: str, line: int, column: int | tuple[int, ...], path: str, hint: str
) -> None:
    issue = only_issue(text)
    assert (issue.code, issue.line, issue.path) == (code, line, path)
    assert issue.column in (column if isinstance(column, tuple) else (column,))
    assert issue.hint is not None and hint in issue.hint


def test_duplicate_key_names_both_lines() -> None:
    issue = only_issue("id: a\nname: x\nid: b\n")
    assert issue.message == "duplicate key 'id': first at line 1, again at line 3"
    assert issue.value == "'id'"


def test_non_string_key_names_the_key() -> None:
    issue = only_issue("true: 1\n")
    assert "'true'" in issue.message and "boolean" in issue.message
    assert issue.hint == "quote the key: 'true':"


def test_syntax_error_message() -> None:
    issue = only_issue("a:\n  b: 1\n c: 2\n")
    assert issue.message.startswith("invalid YAML: ")
    assert "line 1" in issue.message  # where the enclosing mapping starts


def test_lone_surrogate_escape(parser: str) -> None:
    issue = only_issue('a: ["\\ud800"]\n')
    expected = "invalid_string" if parser == "python" else "syntax"
    assert (issue.code, issue.line, issue.path) == (expected, 1, "a[0]")


def test_too_many_aliases() -> None:
    text = "x: &x 1\nl: [" + ", ".join(["*x"] * 101) + "]\n"
    issue = only_issue(text)
    assert issue.code == "too_many_aliases"
    assert "100 aliases" in issue.message
    assert issue.path == "l[100]"
    assert parse_yaml(text, limits=Limits(max_aliases=101))["l"] == [1] * 101


def test_merges_count_toward_alias_expansion() -> None:
    text = "base: &b {a: 1, b: 2, c: 3}\n" + "".join(f"m{i}: {{<<: *b}}\n" for i in range(10))
    assert len(parse_yaml(text)) == 11
    issue = only_issue(text, Limits(max_alias_expansion=30))
    assert issue.code == "too_many_aliases"


def test_billion_laughs_fails_fast() -> None:
    start = time.perf_counter()
    with pytest.raises(ParseError):
        parse_yaml(billion_laughs(), limits=Limits(max_aliases=1000))
    assert time.perf_counter() - start < 1


def test_too_many_values() -> None:
    assert parse_yaml("[1, 2, [3]]", limits=Limits(max_nodes=5)) == [1, 2, [3]]
    issue = only_issue("[1, 2, [3, 4]]", Limits(max_nodes=5))
    assert issue.code == "too_many_nodes"
    issue = only_issue("a: &a [1, 2]\nb: *a\n", Limits(max_nodes=6))
    assert issue.code == "too_many_nodes"


def test_depth_limit_is_configurable() -> None:
    assert parse_yaml("a: {b: [1]}", limits=Limits(max_depth=3)) == {"a": {"b": [1]}}
    assert only_issue("a: {b: [1]}", Limits(max_depth=2)).code == "too_deep"
    deep = "[" * 1000 + "]" * 1000
    assert parse_yaml(deep, limits=Limits(max_depth=10_000)) is not None


def test_a_depth_limit_above_libyamls_own_is_honoured() -> None:
    # Recent libyaml refuses flow collections nested over 1,000 levels by itself.
    deeper = "[" * 1500 + "]" * 1500
    value = parse_yaml(deeper, limits=Limits(max_depth=2000))
    for _ in range(1499):
        (value,) = value
    assert value == []
    issue = only_issue(deeper, Limits(max_depth=1200))
    assert (issue.code, issue.line, issue.column) == ("too_deep", 1, 1201)


def test_no_bare_exception_escapes_for_garbage() -> None:
    samples = ["{", "}", "[", "]", ":", "- - -", "? ", "&", "*", "!", "%YAML 9.9\n---\n", "'", '"']
    samples += ["a: !<tag:yaml.org,2002:int> x\n", "a:\n- b\n-c: d\n", "--- |\n  x\n ...\n"]
    for text in samples:
        with contextlib.suppress(ParseError):
            parse_yaml(text)


def test_pyyaml_is_unchanged() -> None:
    # This module must not alter PyYAML's own loaders for other users.
    assert yaml.safe_load("d: 2022-05-10")["d"].year == 2022
    assert type(yaml.safe_load("f: 1.5")["f"]) is float
