"""Locating JSON paths in JSON and YAML source text: uguaglianza.io._locate."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from uguaglianza.io._locate import JsonScanner, format_path, locate_json, locate_yaml


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ((), ""),
        (("plan",), "plan"),
        (("plan", "actions", 3, "lead"), "plan.actions[3].lead"),
        ((0, "a"), "[0].a"),
        (("extensions", "a b"), 'extensions["a b"]'),
        (("x-custom", 1), '["x-custom"][1]'),
        (("città",), "città"),
        (("a", 'q"uote'), 'a["q\\"uote"]'),
        (("a", "line\nbreak"), 'a["line\\nbreak"]'),
        (("a", "\ud800"), 'a["\\ud800"]'),
        (("a", ""), 'a[""]'),
    ],
)
def test_format_path(path: tuple[str | int, ...], text: str) -> None:
    assert format_path(path) == text


JSON_TEXT = """\
{
  "document": "plan",
  "plan": {
    "actions": [
      {"id": "a1", "lead": "comune"},
      {
        "id": "a2",
        "budget": {"amount": 1.50}
      }
    ],
    "città": ["x", [], {}],
    "a \\"b\\"": null
  }
}
"""


@pytest.mark.parametrize(
    ("path", "position"),
    [
        ((), (1, 1)),
        (("document",), (2, 15)),
        (("plan",), (3, 11)),
        (("plan", "actions"), (4, 16)),
        (("plan", "actions", 0), (5, 7)),
        (("plan", "actions", 0, "lead"), (5, 28)),
        (("plan", "actions", 1, "budget", "amount"), (8, 30)),
        (("plan", "città", 2), (11, 24)),
        (("plan", 'a "b"'), (12, 16)),
        # Paths that do not exist give the nearest ancestor.
        (("plan", "actions", 1, "lead"), (6, 7)),
        (("plan", "actions", 7, "lead"), (4, 16)),
        (("plan", "actions", -1), (4, 16)),
        (("plan", "actions", "0"), (4, 16)),
        (("plan", "actions", 0, "id", "deeper"), (5, 14)),
        (("nope", "actions"), (1, 1)),
        (("plan", "actions", True), (4, 16)),
    ],
)
def test_locate_json(path: tuple[str | int, ...], position: tuple[int, int]) -> None:
    assert locate_json(JSON_TEXT).position(path) == position


def test_locate_json_duplicate_keys_point_at_the_first() -> None:
    # Parsing refuses duplicate keys; the locator need not read the whole object.
    assert locate_json('{"a": 1, "a": 2}').position(("a",)) == (1, 7)


def test_locate_json_invalid_text_gives_what_was_read() -> None:
    locator = locate_json('{"a": [1, 2], "b": ')
    assert locator.position(("a", 1)) == (1, 11)
    assert locator.position(("b",)) == (1, 20)
    assert locator.position(("b", 0)) == (1, 20)
    assert locate_json('{"a": [1, 2}, "b": 1}').position(("b",)) == (1, 1)
    assert locate_json("").position(("a",)) is None
    assert locate_json(" \n").position(()) is None


def test_locate_json_skips_a_bom() -> None:
    assert locate_json('\ufeff{"a": 1}').position(("a",)) == (1, 7)


def test_locate_json_is_iterative() -> None:
    text = "[" * 100_000 + "]" * 100_000
    assert locate_json(text).position((0,) * 90_000) == (1, 90_001)
    text = "[" + "[" * 5_000 + "]" * 5_000 + ", 7]"
    assert locate_json(text).position((1,)) == (1, 10_004)


def test_locate_json_reads_only_what_it_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    make_scanner = json.decoder.scanner.make_scanner

    def counting_scanner(decoder: json.JSONDecoder) -> Callable[[str, int], tuple[Any, int]]:
        scan = make_scanner(decoder)

        def counting(text: str, index: int) -> tuple[Any, int]:
            calls.append(index)
            return scan(text, index)  # type: ignore[no-any-return]

        return counting

    monkeypatch.setattr(json.decoder.scanner, "make_scanner", counting_scanner)
    locator = locate_json('{"x": {"skip": 1}, "a": [[1], {"b": 2}], "z": [3]}')
    assert locator.position(("a", 0)) == (1, 26)
    assert calls == [6]  # only "x" was skipped
    assert locator.position(("a", 1, "b")) == (1, 37)
    assert calls == [6, 25]
    assert locator.position(("a", 1, "b")) == (1, 37)
    assert locator.position(("a",)) == (1, 25)
    assert calls == [6, 25]
    assert locator.position(("missing",)) == (1, 1)
    assert calls == [6, 25, 24, 46]


def test_line_numbers_in_any_order() -> None:
    text = "[\n" + ",\n".join(str(n) for n in range(100)) + "\n]"
    locator = locate_json(text)
    for index in [50, 3, 99, 0, 51, 50, 2, 7, 1, 98, 0]:  # past the few counted lookups
        assert locator.position((index,)) == (index + 2, 1)


def test_many_lookups_give_what_one_lookup_gives() -> None:
    text = JSON_TEXT.replace("\n", "\r\n  \n") + "\n\n"
    paths = [(), ("plan", "actions", 1, "budget", "amount"), ("plan", "città", 2), ("plan",)]
    expected = [locate_json(text).position(path) for path in paths]
    locator = locate_json(text)
    assert [locator.position(path) for path in paths * 5] == expected * 5
    assert expected[1] == (15, 30)


def test_array_elements_are_read_through_oddities() -> None:
    deep = "[" * 5_000 + "]" * 5_000  # too deep for the C parser
    text = f'[1, {deep}, {{"a": [NaN, 2]}}, "x"  ,\n  [], 5'
    locator = locate_json(text)
    assert locator.position((3,)) == (1, len(deep) + 24)
    assert locator.position((2, "a", 1)) == (1, len(deep) + 19)
    assert locator.position((4,)) == (2, 3)
    assert locator.position((5,)) == (2, 7)  # the array is never closed
    assert locator.position((6,)) == (1, 1)
    assert locate_json("[1, 2 3]").position((2,)) == (1, 1)
    assert locate_json("[1, }, 3]").position((2,)) == (1, 1)
    assert locate_json("[1, 2, ]").position((2,)) == (1, 8)  # where the value is missing


def test_scanner_events_and_paths() -> None:
    scanner = JsonScanner('{"a": [1, {"b": "x"}], "c": NaN}')
    seen = [(kind, token, tuple(scanner.path)) for kind, _, token in scanner.events()]
    assert seen == [
        ("open", "{", ()),
        ("key", "a", ("a",)),
        ("open", "[", ("a",)),
        ("scalar", "1", ("a", 0)),
        ("open", "{", ("a", 1)),
        ("key", "b", ("a", 1, "b")),
        ("scalar", '"x"', ("a", 1, "b")),
        ("close", "}", ("a", 1)),
        ("close", "]", ("a",)),
        ("key", "c", ("c",)),
        ("scalar", "NaN", ("c",)),
        ("close", "}", ()),
    ]
    assert scanner.error_offset is None


@pytest.mark.parametrize(
    ("text", "offset", "path"),
    [
        ('{"a": [1, 2', 11, ("a",)),
        ('{"a": 1,}', 8, ()),
        ('{"a" 1}', 5, ("a",)),
        ('{"a": {"b": }}', 12, ("a", "b")),
        ("[1] 2", 4, ()),
        ('"abc', 0, ()),
        ("", 0, ()),
        ('{"a": "\\x"}', 6, ("a",)),
    ],
)
def test_scanner_stops_at_errors(text: str, offset: int, path: tuple[str | int, ...]) -> None:
    scanner = JsonScanner(text)
    for _ in scanner.events():
        pass
    assert scanner.error_offset == offset
    assert scanner.error_path == path


def test_scanner_accepts_what_json_accepts() -> None:
    text = json.dumps({"a": [1, -2.5e-3, True, None, '\u00e8\n\t\\"'], "": {}}, indent=1)
    scanner = JsonScanner(text)
    assert sum(1 for _ in scanner.events()) == 13
    assert scanner.error_offset is None


YAML_TEXT = """\
document: plan
defaults: &defaults
  currency: EUR
  amount: 10
plan:
  actions:
    - id: a1
      lead: comune
    - id: a2
      funding:
        <<: *defaults
        amount: 5
      same: *defaults
  note: |
    riga
"""


@pytest.mark.parametrize(
    ("path", "position"),
    [
        ((), (1, 1)),
        (("document",), (1, 11)),
        (("plan", "actions", 0), (7, 7)),
        (("plan", "actions", 0, "lead"), (8, 13)),
        (("plan", "actions", 1, "funding", "amount"), (12, 17)),
        # Merged and aliased values point at the anchor's text.
        (("plan", "actions", 1, "funding", "currency"), (3, 13)),
        (("plan", "actions", 1, "same", "amount"), (4, 11)),
        (("plan", "note"), (14, 9)),
        (("plan", "actions", 5), (7, 5)),
        (("plan", "missing", "deeper"), (6, 3)),
    ],
)
def test_locate_yaml(path: tuple[str | int, ...], position: tuple[int, int]) -> None:
    assert locate_yaml(YAML_TEXT).position(path) == position


def test_locate_yaml_ignores_limits() -> None:
    text = "x: &x 1\nl: [" + ", ".join(["*x"] * 500) + "]\n"
    assert locate_yaml(text).position(("l", 499)) == (1, 4)


def test_locate_yaml_invalid_text() -> None:
    assert locate_yaml("a: [").position(("a",)) is None
    assert locate_yaml("").position(()) is None
