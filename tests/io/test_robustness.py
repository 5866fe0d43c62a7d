"""Random and damaged input never escapes as anything but the documented errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from uguaglianza.errors import InputError, ParseError
from uguaglianza.io import _yaml
from uguaglianza.io._json import parse_json
from uguaglianza.io._limits import Limits
from uguaglianza.io._locate import locate_json, locate_yaml
from uguaglianza.io._source import decode_text
from uguaglianza.io._write import to_json_text, to_yaml_text
from uguaglianza.io._yaml import parse_yaml

SYMBOLS = [
    *"{}[]:,\"'\\ \n\t\r-0123456789.eE+abnultrfsNaIy&*!|>#%@`?<~",
    "\u2028",
    "\x85",
    "è",
    "\ufeff",
    "\x00",
    "\\U01000000",
    "\\ud800",
]
junk = st.lists(st.sampled_from(SYMBOLS), max_size=60).map("".join)
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=15,
)


def damage(text: str, where: int, cut: int, insert: str) -> str:
    where %= len(text) + 1
    return text[:where] + insert + text[where + cut :]


def damaged(write: Callable[[Any], str]) -> st.SearchStrategy[str]:
    return st.builds(damage, values.map(write), st.integers(0, 10**6), st.integers(0, 5), junk)


inputs = junk | st.text(max_size=40) | damaged(to_json_text) | damaged(to_yaml_text)
SMALL = Limits(max_depth=4, max_aliases=3, max_alias_expansion=20, max_nodes=40)


def check(parse: Callable[..., Any], text: str, limits: Limits) -> None:
    try:
        parse(text, file="doc", limits=limits)
    except ParseError as error:
        assert error.issues
        for issue in error.issues:
            assert issue.code and issue.message and issue.hint and issue.file == "doc"
        str(error).encode("utf-8")  # printable


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs, st.booleans())
def test_parsers_fail_cleanly(text: str, small: bool) -> None:
    limits = SMALL if small else Limits()
    check(parse_json, text, limits)
    check(parse_yaml, text, limits)
    original = _yaml._PARSER
    _yaml._PARSER = _yaml._PythonParser
    try:
        check(parse_yaml, text, limits)
    finally:
        _yaml._PARSER = original


@settings(max_examples=200, deadline=None)
@given(inputs)
def test_locators_never_fail(text: str) -> None:
    for locate in (locate_json, locate_yaml):
        position = locate(text).position(("a", 0, "b"))
        assert position is None or min(position) >= 1


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=40) | inputs.map(lambda text: text.encode("utf-8", "surrogatepass")))
def test_decoding_fails_cleanly(data: bytes) -> None:
    try:
        assert isinstance(decode_text(data, file=None), str)
    except InputError as error:
        assert error.hint
