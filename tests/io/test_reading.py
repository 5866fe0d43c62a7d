"""Reading bytes from files, decoding them and telling the format: uguaglianza.io._source."""

from __future__ import annotations

import codecs
import os
import threading
from pathlib import Path

import pytest

from uguaglianza.errors import InputError, UnknownFormatError
from uguaglianza.io._limits import DEFAULT_LIMITS, Limits
from uguaglianza.io._source import decode_text, detect_format, read_bytes


def test_default_limits() -> None:
    assert Limits() == DEFAULT_LIMITS
    assert DEFAULT_LIMITS.max_bytes == 256 * 1024 * 1024
    assert DEFAULT_LIMITS.max_depth == 64
    assert DEFAULT_LIMITS.max_aliases == 100
    assert DEFAULT_LIMITS.max_alias_expansion == 10_000
    assert DEFAULT_LIMITS.max_nodes == 20_000_000


@pytest.mark.parametrize("bad", [{"max_depth": -1}, {"max_bytes": 1.5}, {"max_nodes": "10"}])
def test_limits_must_be_counts(bad: dict[str, object]) -> None:
    with pytest.raises((TypeError, ValueError)):
        Limits(**bad)  # type: ignore[arg-type]


# -- read_bytes -----------------------------------------------------------------------------


def test_reads_a_regular_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(b'{"document": "plan"}')
    assert read_bytes(path, limits=DEFAULT_LIMITS) == b'{"document": "plan"}'
    assert read_bytes(str(path), limits=DEFAULT_LIMITS) == b'{"document": "plan"}'


def test_reads_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_bytes(b"")
    assert read_bytes(path, limits=DEFAULT_LIMITS) == b""


def test_reads_a_file_exactly_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(b"x" * 100)
    assert read_bytes(path, limits=Limits(max_bytes=100)) == b"x" * 100


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(tmp_path / "nope.json", limits=DEFAULT_LIMITS)
    error = caught.value
    assert error.message == "no such file"
    assert error.file == str(tmp_path / "nope.json")
    assert error.hint is not None and "path" in error.hint
    assert isinstance(error, OSError)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory") as caught:
        read_bytes(tmp_path, limits=DEFAULT_LIMITS)
    assert caught.value.hint is not None and ".json" in caught.value.hint


def test_too_large_by_size(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" * 100)
    with pytest.raises(InputError, match="larger than the limit of 50 bytes") as caught:
        read_bytes(path, limits=Limits(max_bytes=50))
    assert "500 bytes" in caught.value.message
    assert caught.value.hint is not None and "max_bytes" in caught.value.hint


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_file_larger_than_its_reported_size() -> None:
    # /proc files report a size of 0 but have content: the reader must not trust stat.
    assert Path("/proc/self/status").stat().st_size == 0
    with pytest.raises(InputError, match="larger than the limit of 10 bytes"):
        read_bytes("/proc/self/status", limits=Limits(max_bytes=10))
    assert read_bytes("/proc/self/status", limits=DEFAULT_LIMITS).startswith(b"Name:")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_device_is_refused() -> None:
    with pytest.raises(InputError, match="not a regular file"):
        read_bytes("/dev/zero", limits=DEFAULT_LIMITS)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            read_bytes(fifo, limits=DEFAULT_LIMITS)
        except BaseException as error:
            outcome.append(error)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    thread.join(timeout=10)
    assert not thread.is_alive(), "reading a FIFO blocked"
    assert len(outcome) == 1
    assert isinstance(outcome[0], InputError)
    assert "not a regular file" in str(outcome[0])


@pytest.mark.usefixtures("permissions_apply")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.json"
    path.write_text("{}")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            read_bytes(path, limits=DEFAULT_LIMITS)
    finally:
        path.chmod(0o600)


def test_permission_error_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(InputError, match="permission denied") as caught:
        read_bytes(tmp_path / "x.json", limits=DEFAULT_LIMITS)
    assert caught.value.hint is not None


def test_invalid_path() -> None:
    with pytest.raises(InputError, match="cannot open"):
        read_bytes("bad\0name.json", limits=DEFAULT_LIMITS)


# -- decode_text ----------------------------------------------------------------------------


def test_decodes_utf8() -> None:
    assert decode_text("città: Bologna\n".encode(), file=None) == "città: Bologna\n"


def test_strips_a_utf8_bom() -> None:
    assert decode_text(codecs.BOM_UTF8 + b'{"a": 1}', file=None) == '{"a": 1}'


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF16_LE + "a: 1".encode("utf-16-le"), "UTF-16"),
        (codecs.BOM_UTF16_BE + "a: 1".encode("utf-16-be"), "UTF-16"),
        (codecs.BOM_UTF32_LE + "a: 1".encode("utf-32-le"), "UTF-32"),
        (codecs.BOM_UTF32_BE + "a: 1".encode("utf-32-be"), "UTF-32"),
    ],
)
def test_wide_encodings_are_refused(data: bytes, encoding: str) -> None:
    with pytest.raises(InputError, match=f"encoded as {encoding}") as caught:
        decode_text(data, file="plan.yaml")
    assert caught.value.hint == "re-save the file as UTF-8"
    assert caught.value.file == "plan.yaml"


def test_nul_byte_means_binary() -> None:
    with pytest.raises(InputError, match=r"binary file: NUL byte at line 2, column 4"):
        decode_text(b"a: 1\nb: \x00\n", file=None)


def test_utf16_without_bom_is_binary() -> None:
    with pytest.raises(InputError, match="binary file") as caught:
        decode_text("a: 1".encode("utf-16-le"), file=None)
    assert caught.value.hint is not None and "UTF-16" in caught.value.hint


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n...", "PDF"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
    ],
)
def test_known_binary_formats(data: bytes, kind: str) -> None:
    with pytest.raises(InputError, match=f"binary file: this looks like .*{kind}"):
        decode_text(data, file=None)


def test_invalid_utf8_names_line_column_and_byte() -> None:
    data = b"a: 1\nb: 2\ntitolo: Pari opportunit\xe0 e inclusione\n"
    with pytest.raises(InputError) as caught:
        decode_text(data, file="plan.yaml")
    error = caught.value
    assert error.message == "not valid UTF-8: byte 0xE0 at line 3, column 24"
    assert error.hint is not None and "UTF-8" in error.hint and "Latin-1" in error.hint
    assert str(error).startswith("plan.yaml: not valid UTF-8")


def test_invalid_utf8_column_counts_characters() -> None:
    with pytest.raises(InputError, match=r"byte 0xFF at line 1, column 3"):
        decode_text("èé".encode() + b"\xff", file=None)


def test_truncated_utf8_sequence_at_the_end() -> None:
    with pytest.raises(InputError, match=r"byte 0xC3 at line 1, column 4"):
        decode_text(b"abc\xc3", file=None)


# -- detect_format --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("plan.json", "json"),
        ("plan.JSON", "json"),
        ("dir.yaml/plan.yaml", "yaml"),
        ("plan.YML", "yaml"),
        (Path("a/b/plan.Yaml"), "yaml"),
    ],
)
def test_detect_format(path: str | Path, fmt: str) -> None:
    assert detect_format(path) == fmt


@pytest.mark.parametrize("path", ["plan.txt", "plan", "plan.json.bak", ".yaml"])
def test_unknown_format(path: str) -> None:
    with pytest.raises(UnknownFormatError, match=r"\.json, \.yaml or \.yml"):
        detect_format(path)
