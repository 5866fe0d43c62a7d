"""Reading a document's bytes safely, decoding them as UTF-8 and telling its format."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import PurePath
from typing import Literal

from uguaglianza.errors import InputError, Issue, ParseError, UnknownFormatError
from uguaglianza.io._limits import Limits

__all__ = ["check_text", "decode_text", "detect_format", "read_bytes"]


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOCTTY", 0)
    # A FIFO must not block the open call; regular files ignore the flag.
    | getattr(os, "O_NONBLOCK", 0)
)
_CHUNK = 1 << 20

_EXTENSIONS: dict[str, Literal["json", "yaml"]] = {
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
}

# Order matters: the UTF-32-LE mark starts with the UTF-16-LE one.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)

_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or an office document"),
    (b"\xd0\xcf\x11\xe0", "an old-style office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)

_NOT_TEXT_HINT = "export the data as a UTF-8 JSON or YAML text file"


def _too_large(size: int, limits: Limits, name: str) -> InputError:
    return InputError(
        f"the file is larger than the limit of {limits.max_bytes} bytes"
        + (f" ({size} bytes)" if size > limits.max_bytes else ""),
        file=name,
        hint="split the document, or raise Limits.max_bytes if you trust it",
    )


def _open(name: str) -> int:
    try:
        return os.open(name, _OPEN_FLAGS)
    except FileNotFoundError:
        raise InputError(
            "no such file", file=name, hint="check the path and the current directory"
        ) from None
    except IsADirectoryError:
        raise _directory(name) from None
    except PermissionError:
        raise InputError(
            "permission denied", file=name, hint="check that you may read the file"
        ) from None
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise InputError(f"cannot open the file: {reason}", file=name) from None


def _directory(name: str) -> InputError:
    return InputError(
        "this is a directory, not a file",
        file=name,
        hint="give the path of a .json, .yaml or .yml file",
    )


def read_bytes(path: str | os.PathLike[str], *, limits: Limits) -> bytes:
    """Read the regular file *path*, refusing anything larger than ``limits.max_bytes``.

    Raises:
        InputError: the file is missing, a directory, unreadable, not a regular file
            (a FIFO or a device) or too large.
    """
    name = os.fspath(path)
    fd = _open(name)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _directory(name)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                "not a regular file (a pipe, socket or device)",
                file=name,
                hint="save the document to a regular file first",
            )
        if info.st_size > limits.max_bytes:
            raise _too_large(info.st_size, limits, name)
        # Never trust the size: read at most one byte more than the limit.
        budget = limits.max_bytes + 1
        first = min(info.st_size, limits.max_bytes) + 1
        parts: list[bytes] = []
        total = 0
        while total < budget:
            want = first - total if total < first else _CHUNK
            chunk = os.read(fd, max(1, min(want, budget - total)))
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
    except InputError:
        raise
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror or error}", file=name) from None
    finally:
        os.close(fd)
    if total > limits.max_bytes:
        raise _too_large(total, limits, name)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of the byte at *offset* (valid UTF-8 before it)."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    prefix = data[line_start:offset].decode("utf-8", errors="replace")
    return data.count(b"\n", 0, offset) + 1, len(prefix) + 1


def decode_text(data: bytes, *, file: str | None) -> str:
    """Decode *data* as strict UTF-8, dropping a UTF-8 byte order mark.

    Raises:
        InputError: the data is UTF-16/32, binary (a NUL byte or a known binary
            format), or not valid UTF-8.
    """
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            raise InputError(
                f"the file is encoded as {encoding}, not UTF-8",
                file=file,
                hint="re-save the file as UTF-8",
            )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"binary file: this looks like {kind}", file=file, hint=_NOT_TEXT_HINT)
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _line_and_column(data, nul)
        raise InputError(
            f"binary file: NUL byte at line {line}, column {column}",
            file=file,
            hint=_NOT_TEXT_HINT + " (UTF-16 text must be re-saved as UTF-8)",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_and_column(data, error.start)
        raise InputError(
            f"not valid UTF-8: byte 0x{data[error.start]:02X} at line {line}, column {column}",
            file=file,
            hint="re-save the file as UTF-8 (it may be in Latin-1 or Windows-1252)",
        ) from None


def check_text(text: str, *, file: str | None) -> None:
    """Refuse text holding an unpaired UTF-16 surrogate, which no UTF-8 file can hold.

    Raises:
        ParseError: naming the line and column of the first one.
    """
    if text.isascii():
        return
    try:
        text.encode("utf-8")  # many times faster than searching: fails only on surrogates
    except UnicodeEncodeError as error:
        offset = error.start
    else:
        return
    line_start = text.rfind("\n", 0, offset) + 1
    issue = Issue(
        code="invalid_string",
        message=f"the text holds an unpaired UTF-16 surrogate (U+{ord(text[offset]):04X})",
        # The text around it, with the surrogate written as an escape.
        value=text[max(line_start, offset - 20) : offset + 10]
        .split("\n", 1)[0]
        .encode("utf-8", "backslashreplace")
        .decode("utf-8"),
        hint="it is not a character: remove it, or write the character it was meant to be",
        file=file,
        line=text.count("\n", 0, offset) + 1,
        column=offset - line_start + 1,
    )
    raise ParseError([issue], file=file)


def detect_format(path: str | os.PathLike[str]) -> Literal["json", "yaml"]:
    """The format named by the extension of *path*: ``.json``, ``.yaml`` or ``.yml``.

    Raises:
        UnknownFormatError: the extension is missing or not one of those.
    """
    suffix = PurePath(os.fspath(path)).suffix
    fmt = _EXTENSIONS.get(suffix.lower())
    if fmt is None:
        what = f"extension {suffix!r}" if suffix else "no extension"
        raise UnknownFormatError(
            f"cannot tell the format of {os.fspath(path)!r}: it has {what}; "
            "name it .json, .yaml or .yml, or give the format explicitly"
        )
    return fmt
