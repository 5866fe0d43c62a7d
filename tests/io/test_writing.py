"""Writing JSON and YAML text and replacing files atomically: uguaglianza.io._write."""

from __future__ import annotations

import datetime
import os
import stat
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from uguaglianza.errors import InputError
from uguaglianza.io import _write, _yaml
from uguaglianza.io._json import parse_json
from uguaglianza.io._write import atomic_write, to_json_text, to_yaml_text
from uguaglianza.io._yaml import parse_yaml

# -- JSON text ------------------------------------------------------------------------------


def test_json_layout() -> None:
    data = {"z": 1, "a": ["città", None, True], "m": {}, "e": []}
    assert to_json_text(data) == (
        '{\n  "z": 1,\n  "a": [\n    "città",\n    null,\n    true\n  ],\n'
        '  "m": {},\n  "e": []\n}\n'
    )


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("600000.00"), "600000.00"),
        (Decimal("0.1"), "0.1"),
        (Decimal("-2.50"), "-2.50"),
        (Decimal("1E+3"), "1E+3"),
        (Decimal("1.5E-7"), "1.5E-7"),
        (Decimal("0E-8"), "0E-8"),
        (Decimal("5"), "5E+0"),
        (Decimal("-0"), "-0E+0"),
    ],
)
def test_json_decimals_are_exact_numbers(value: Decimal, text: str) -> None:
    assert to_json_text({"n": value}) == '{\n  "n": ' + text + "\n}\n"
    back = parse_json(to_json_text({"n": value}))["n"]
    assert type(back) is Decimal and str(back) == str(value)


def test_json_string_that_looks_like_a_decimal_marker_stays_a_string() -> None:
    data = {"a": Decimal("1.5"), "b": "1.5", "c": '"1.5"'}
    assert parse_json(to_json_text(data)) == data


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("-Infinity"), float("nan"), 1e999])
def test_json_refuses_non_finite_numbers(value: Any) -> None:
    with pytest.raises(ValueError, match=r"finite|compliant"):
        to_json_text({"n": value})


def test_json_refuses_unknown_types() -> None:
    with pytest.raises(TypeError, match="date"):
        to_json_text({"d": datetime.date(2022, 5, 10)})


# -- YAML text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2022",
        "yes",
        "No",
        "off",
        "y",
        "n",
        "null",
        "~",
        "",
        "1.5",
        "1e3",
        "0o17",
        "0x1F",
        "017",
        "1_000",
        ".inf",
        ".nan",
        "12:30",
        "2022-05-10",
        "2022-05-10T10:00:00Z",
        "true",
        "=",
        "<<",
        " leading",
        "trailing ",
        "a: b",
        "# not a comment",
        "- not a list",
        "[x]",
        "{x}",
        "@x",
        "'quoted'",
        '"double"',
        "---",
        "...",
    ],
)
def test_yaml_quotes_strings_that_would_change_type(value: str) -> None:
    text = to_yaml_text({"v": value})
    assert parse_yaml(text) == {"v": value}
    assert text != f"v: {value}\n" or value.isalpha()


def test_yaml_layout() -> None:
    data = {
        "document": "plan",
        "date": "2022-05-10",
        "titolo": "Piano per l'Uguaglianza della Città metropolitana di Bologna " * 10,
        "actions": [{"id": "a1", "tags": ["x", "y"]}, {"id": "a2", "amount": Decimal("1.50")}],
        "empty": {},
        "note": "riga uno\nriga due\n",
        "count": 3,
        "flag": False,
        "nothing": None,
    }
    text = to_yaml_text(data)
    lines = text.splitlines()
    assert lines[0] == "document: plan"
    assert lines[1] == "date: '2022-05-10'"
    assert lines[2].startswith("titolo: ") and len(lines[2]) > 600  # never folded
    assert lines[3:10] == [
        "actions:",
        "  - id: a1",
        "    tags:",
        "      - x",
        "      - 'y'",
        "  - id: a2",
        "    amount: 1.50",
    ]
    assert lines[10:] == [
        "empty: {}",
        "note: |",
        "  riga uno",
        "  riga due",
        "count: 3",
        "flag: false",
        "nothing: null",
    ]
    assert text.endswith("\n")
    assert parse_yaml(text) == data


def test_yaml_never_writes_aliases() -> None:
    shared = {"currency": "EUR"}
    text = to_yaml_text({"a": shared, "b": shared, "c": [shared]})
    assert "&" not in text and "*" not in text
    assert parse_yaml(text) == {"a": shared, "b": shared, "c": [shared]}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("600000.00"), "600000.00"),
        (Decimal("1E+3"), "1.E+3"),
        (Decimal("1.5E-7"), "1.5E-7"),
        (Decimal("5"), "5."),
        (Decimal("-0"), "-0."),
        (Decimal("0E-8"), "0.E-8"),
    ],
)
def test_yaml_decimals_are_exact_plain_numbers(value: Decimal, text: str) -> None:
    assert to_yaml_text({"amount": value}) == f"amount: {text}\n"
    back = parse_yaml(to_yaml_text({"amount": value}))["amount"]
    assert type(back) is Decimal and str(back) == str(value)


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), float("inf")])
def test_yaml_refuses_non_finite_numbers(value: Any) -> None:
    with pytest.raises(ValueError, match="finite"):
        to_yaml_text({"n": value})


def test_yaml_refuses_unknown_types_and_keys() -> None:
    with pytest.raises(TypeError, match="YAML"):
        to_yaml_text({"d": datetime.date(2022, 5, 10)})
    with pytest.raises(TypeError, match="keys must be strings"):
        to_yaml_text({1: "x"})


def test_yaml_writes_floats_and_tuples() -> None:
    assert parse_yaml(to_yaml_text({"f": 1.5, "t": (1, 2)})) == {"f": Decimal("1.5"), "t": [1, 2]}


# -- round trips ----------------------------------------------------------------------------

SPECIAL = [
    "",
    " ",
    "yes",
    "no",
    "null",
    "~",
    "2022",
    "1.5",
    "1e3",
    "2022-05-10",
    "a: b",
    "# x",
    "- x",
    "'",
    '"',
    "\\",
    "\n",
    "x\n",
    "\nx",
    " x\n y \n",
    "\t",
    "\r\n",
    "\u2028",
    "\x85",
    "\ufeff",
    "è€😀",
    "x" * 300,
    "<<",
    "&a",
    "*a",
    "!tag",
    "%x",
    "@x",
    "`x",
    "|",
    ">",
    "---",
    "...",
]

decimals = st.builds(
    Decimal,
    st.from_regex(r"-?[0-9]{1,25}(\.[0-9]{0,12})?(E[-+][0-9]{1,3})?", fullmatch=True).filter(
        lambda text: not text.endswith(".") and ".E" not in text
    ),
) | st.decimals(allow_nan=False, allow_infinity=False)
texts = st.text() | st.sampled_from(SPECIAL)
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**100), max_value=10**100)
    | texts
    | decimals
)
documents = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(texts, children, max_size=5),
    max_leaves=25,
)


def exact(value: Any) -> Any:
    """*value* with types and decimal digits made visible, so that == is strict."""
    if isinstance(value, dict):
        return {key: exact(item) for key, item in value.items()}
    if isinstance(value, list):
        return [exact(item) for item in value]
    if isinstance(value, Decimal):
        return ("Decimal", str(value))
    return (type(value).__name__, value)


@settings(max_examples=200, deadline=None)
@given(documents)
def test_json_round_trip(data: Any) -> None:
    text = to_json_text(data)
    assert exact(parse_json(text)) == exact(data)
    assert to_json_text(parse_json(text)) == text


@settings(max_examples=200, deadline=None)
@given(documents)
def test_yaml_round_trip(data: Any) -> None:
    text = to_yaml_text(data)
    assert exact(parse_yaml(text)) == exact(data)
    assert to_yaml_text(parse_yaml(text)) == text


def _emitted(data: Any) -> str:
    """*data* written by PyYAML's emitter alone."""
    text: str = yaml.dump(
        data,
        Dumper=_write._Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=_write._WIDTH,
        indent=2,
    )
    return text


single_line_texts = st.text(st.characters(blacklist_characters="\n\r\x85\u2028\u2029")) | (
    st.sampled_from(SPECIAL).filter(lambda text: not any(c in text for c in "\n\r\x85\u2028"))
)
single_line_documents = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**100), max_value=10**100)
    | single_line_texts
    | decimals,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(single_line_texts, children, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=500, deadline=None)
@given(documents | single_line_documents)
def test_yaml_written_directly_is_what_the_emitter_writes(data: Any) -> None:
    direct = _write._BlockWriter().text(data)
    if direct is not None:
        assert direct == _emitted(data)
    assert to_yaml_text(data) == _emitted(data)


def test_yaml_direct_writer_leaves_what_it_does_not_write_to_the_emitter() -> None:
    writer = _write._BlockWriter
    assert writer().text({"a": [1, {"b": "c"}], "d": []}) == "a:\n  - 1\n  - b: c\nd: []\n"
    assert writer().text({"a": Decimal("1.0"), "b": Decimal("1.00")}) == "a: 1.0\nb: 1.00\n"
    for odd in ["x\ny", "tab\r", 1.5, {"k" * 101: 1}, b"x", datetime.date(2022, 1, 1)]:
        assert writer().text({"a": odd}) is None
    for root in [{}, [], "x", 1, None]:
        assert writer().text(root) is None


def test_yaml_of_a_large_document_is_written_directly() -> None:
    data = {"items": [{"id": f"a-{i}", "name": f"Azione {i}", "n": i} for i in range(2000)]}
    assert _write._BlockWriter().text(data) == _emitted(data)


@settings(max_examples=100, deadline=None)
@given(documents)
def test_yaml_round_trip_with_the_pure_parser(data: Any) -> None:
    original = _yaml._PARSER
    _yaml._PARSER = _yaml._PythonParser
    try:
        assert exact(parse_yaml(to_yaml_text(data))) == exact(data)
    finally:
        _yaml._PARSER = original


# -- atomic_write ---------------------------------------------------------------------------


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def leftovers(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir() if path.name.endswith(".tmp"))


def test_atomic_write_creates_a_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    atomic_write(target, b"{}\n")
    assert target.read_bytes() == b"{}\n"
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~current_umask()
    assert leftovers(tmp_path) == []


def test_atomic_write_replaces_and_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write(str(target), "città".encode())
    assert target.read_text(encoding="utf-8") == "città"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_atomic_write_failure_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.json"
    target.write_bytes(b"old")

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(InputError, match="cannot write the file: Input/output error"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_atomic_write_interrupted_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.json"
    target.write_bytes(b"old")

    def interrupted(fd: int, data: Any) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_atomic_write_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int, data: Any) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(InputError, match="no space left") as caught:
        atomic_write(tmp_path / "plan.json", b"new")
    assert caught.value.hint is not None
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory does not exist") as caught:
        atomic_write(tmp_path / "nope" / "plan.json", b"{}")
    assert caught.value.hint is not None and "create the directory" in caught.value.hint
    assert caught.value.file == str(tmp_path / "nope" / "plan.json")


def test_atomic_write_to_a_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        atomic_write(tmp_path, b"{}")


def test_atomic_write_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(InputError, match="permission denied") as caught:
        atomic_write(tmp_path / "plan.json", b"{}")
    assert caught.value.hint is not None and "writable" in caught.value.hint


@pytest.mark.usefixtures("permissions_apply")
def test_atomic_write_read_only_directory(tmp_path: Path) -> None:
    directory = tmp_path / "ro"
    directory.mkdir()
    directory.chmod(0o500)
    try:
        with pytest.raises(InputError, match="permission denied"):
            atomic_write(directory / "plan.json", b"{}")
    finally:
        directory.chmod(0o700)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_atomic_write_follows_symbolic_links(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_bytes(b"old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_a_device_or_pipe_is_written_to_never_replaced(tmp_path: Path) -> None:
    import threading

    from uguaglianza.io._write import atomic_write

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    atomic_write(fifo, b"through the pipe\n")
    reader.join(timeout=10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still a pipe, not a file put in its place
    atomic_write("/dev/null", b"nothing")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
