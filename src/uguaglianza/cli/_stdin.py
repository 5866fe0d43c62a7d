"""Reading a document from standard input (``-``): its bytes, its format, its findings."""

from __future__ import annotations

import re
import sys
from typing import BinaryIO, Literal

from uguaglianza.errors import InputError
from uguaglianza.io._limits import DEFAULT_LIMITS

__all__ = ["STDIN", "STDIN_NAME", "guess_format", "read_stdin"]

#: How standard input is named on the command line and in findings.
STDIN = "-"
STDIN_NAME = "<stdin>"

# The first line of a YAML document: a directive, a document start or a mapping key.
_YAML_START = re.compile(rb"(%YAML|---|[A-Za-z_][A-Za-z0-9_.-]*[ \t]*:(\s|$))")


def guess_format(data: bytes) -> Literal["json", "yaml"] | None:
    """``json`` for text opening an object or array, ``yaml`` for a mapping key, else None.

    Comments and blank lines before the first line count for YAML.
    """
    text = data.removeprefix(b"\xef\xbb\xbf")
    stripped = text.lstrip()
    if stripped[:1] in (b"{", b"["):
        return "json"
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(b"#"):
            continue
        return "yaml" if _YAML_START.match(line) else None
    return None


def read_stdin(stream: BinaryIO | None = None) -> bytes:
    """All of standard input, within the default size limit.

    Raises:
        InputError: the input is larger than the limit.
    """
    source = sys.stdin.buffer if stream is None else stream
    limit = DEFAULT_LIMITS.max_bytes
    data = source.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            f"standard input is larger than the limit of {limit} bytes",
            file=STDIN_NAME,
            hint="write the document to a file and check the file",
        )
    return data
