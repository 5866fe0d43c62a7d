"""Writing documents: deterministic JSON and YAML text, and atomic file replacement.

An atomic write goes through a temporary file beside the target, named
``.TARGET.HOST-PID.RANDOM.tmp``: HOST is a short hash of the machine's name, PID the
writing process. A writer killed before renaming it (SIGKILL, power loss) leaves it
behind; the next write to the same target removes those left by processes of this
machine that no longer run, and never one of a running process or of another machine.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import json
import os
import re
import secrets
import socket
import stat
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from yaml.representer import SafeRepresenter

from uguaglianza.errors import InputError

__all__ = ["atomic_write", "remove_stale_temporaries", "to_json_text", "to_yaml_text"]

_SURROGATE = re.compile("[\ud800-\udfff]")

_CREATE_FLAGS = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
)


def _write_error(error: OSError, name: str) -> InputError:
    if isinstance(error, FileNotFoundError):
        return InputError(
            "cannot write the file: its directory does not exist",
            file=name,
            hint="create the directory first, or check the path",
        )
    if isinstance(error, PermissionError):
        return InputError(
            "cannot write the file: permission denied",
            file=name,
            hint="choose a writable location, or fix the permissions of the directory",
        )
    reasons = {
        errno.ENOSPC: "no space left on the device",
        errno.EROFS: "the file system is read-only",
        errno.ENOTDIR: "a part of the path is not a directory",
    }
    reason = reasons.get(error.errno or 0, error.strerror or str(error))
    return InputError(f"cannot write the file: {reason}", file=name, hint="choose another path")


_HOST = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]
_TEMPORARY = re.compile(r"\.(?P<host>[0-9a-f]{8})-(?P<pid>[0-9]+)\.[0-9a-f]{12}\.tmp")


def _create_temporary(directory: Path, name: str) -> tuple[int, Path]:
    for _ in range(100):
        candidate = directory / f".{name}.{_HOST}-{os.getpid()}.{secrets.token_hex(6)}.tmp"
        try:
            return os.open(candidate, _CREATE_FLAGS, 0o666), candidate
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "cannot create a temporary file", str(directory))


def _running(pid: int) -> bool:
    """Whether a process *pid* runs on this machine (a reused pid counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process, or not a pid we can ask about
    return True


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Remove the temporary files of writes to *target* whose writer no longer runs.

    Only files named as :func:`atomic_write` names them, by a process of this machine
    other than this one that is not running; the removed paths are returned.
    """
    if os.name != "posix":  # pragma: no cover - no cheap test of a pid elsewhere
        return []
    prefix = f".{target.name}"
    removed = []
    with contextlib.suppress(OSError), os.scandir(target.parent) as entries:
        for entry in entries:
            if not entry.name.startswith(prefix):
                continue
            match = _TEMPORARY.fullmatch(entry.name, len(prefix))
            if match is None or match["host"] != _HOST:
                continue
            pid = int(match["pid"])
            if pid == os.getpid() or _running(pid):
                continue
            stale = Path(entry.path)
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
                removed.append(stale)
    return removed


def _sync_directory(directory: Path) -> None:
    """Make the rename durable where the platform allows syncing a directory."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_stream(target: Path, data: bytes) -> None:
    """Write *data* to a device or pipe that already exists, in place."""
    with target.open("wb") as stream:
        stream.write(data)


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the file at *path* with *data* atomically, keeping its permission bits.

    Readers see either the old or the new content, never a mix; on failure the old
    file is left untouched. Symbolic links are followed. A target that exists and is
    not a regular file (``/dev/stdout``, ``/dev/null``, a named pipe) is written to in
    place, never replaced. Temporary files that earlier
    writes to *path* left behind when they were killed are removed first.

    Raises:
        InputError: the location cannot be written (missing directory, permissions, ...).
    """
    name = os.fspath(path)
    fd = -1
    temporary: Path | None = None
    try:
        target = Path(name).resolve()
        if target.is_dir():
            raise InputError(
                "cannot write the file: this is a directory",
                file=name,
                hint="give the path of a file inside the directory",
            )
        try:
            status = target.stat()
        except FileNotFoundError:
            status = None
        if status is not None and not stat.S_ISREG(status.st_mode):
            # A device or a pipe (/dev/stdout, /dev/null, a FIFO) is written to, never
            # replaced: renaming over it would put a regular file in its place.
            _write_stream(target, data)
            return
        mode: int | None = None if status is None else stat.S_IMODE(status.st_mode)
        remove_stale_temporaries(target)
        fd, temporary = _create_temporary(target.parent, target.name)
        if mode is not None:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            else:  # pragma: no cover - Windows
                temporary.chmod(mode)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        temporary.replace(target)
    except BaseException as error:
        if fd >= 0:
            os.close(fd)
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()
        if isinstance(error, OSError) and not isinstance(error, InputError):
            raise _write_error(error, name) from error
        raise
    _sync_directory(target.parent)


def _finite(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError(f"cannot write {value}: only finite numbers are allowed")
    return value


def _json_number(value: Decimal) -> str:
    """The JSON number that reads back as exactly *value* (same digits and exponent)."""
    text = str(_finite(value))
    # Without a fraction or an exponent a reader would see an int, not a decimal.
    return text if "." in text or "E" in text else text + "E+0"


def to_json_text(data: Any) -> str:
    """*data* as JSON: indented by 2, keys in the given order, unescaped Unicode, final newline.

    ``Decimal`` values become exact JSON numbers (``Decimal("600000.00")`` → ``600000.00``;
    integral ones get an exponent, ``Decimal("5")`` → ``5E+0``, so they read back as
    decimals). Keys should be strings; like :func:`json.dumps`, ints are turned into text.

    Raises:
        ValueError: a number is NaN or infinite.
        TypeError: a value has a type JSON does not hold (dates must already be strings).
    """
    # Decimals go through the encoder as unguessable marker strings, then lose the quotes.
    marker = secrets.token_hex(16)
    found = False

    def default(value: object) -> str:
        nonlocal found
        if isinstance(value, Decimal):
            found = True
            return marker + _json_number(value)
        raise TypeError(f"cannot write a {type(value).__name__} as JSON")

    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False, default=default)
    if found:
        escaped = json.dumps(marker)[1:-1]
        text = re.sub('"' + re.escape(escaped) + r'([-+.0-9E]+)"', r"\1", text)
    return text + "\n"


class _Dumper(yaml.SafeDumper):
    """A safe dumper that never writes anchors, aliases or tags, and indents lists."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: SafeRepresenter, value: str) -> yaml.ScalarNode:
    style = None
    if any(char in value for char in "\r\x85\u2028\u2029"):
        style = '"'  # line breaks a reader would normalise: escape them
    elif "\n" in value:
        style = "|"  # the emitter falls back to quotes when a block cannot hold it
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_decimal(dumper: SafeRepresenter, value: Decimal) -> yaml.ScalarNode:
    # A YAML 1.1 float needs a dot: 1E+3 → 1.E+3 and 5 → 5. keep digits and exponent.
    mantissa, e, exponent = str(_finite(value)).partition("E")
    if "." not in mantissa:
        mantissa += "."
    return dumper.represent_scalar("tag:yaml.org,2002:float", mantissa + e + exponent)


def _represent_float(dumper: SafeRepresenter, value: float) -> yaml.ScalarNode:
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"cannot write {value}: only finite numbers are allowed")
    return dumper.represent_float(value)


def _represent_dict(dumper: SafeRepresenter, value: dict[Any, Any]) -> yaml.MappingNode:
    for key in value:
        if not isinstance(key, str):
            raise TypeError(f"cannot write the key {key!r}: mapping keys must be strings")
    return dumper.represent_dict(value)


def _represent_unknown(dumper: SafeRepresenter, value: object) -> yaml.Node:
    raise TypeError(f"cannot write a {type(value).__name__} as YAML")


# Only the types JSON has (plus Decimal): dates, bytes or sets would not read back equal.
_Dumper.yaml_representers = {}
_Dumper.add_representer(type(None), SafeRepresenter.represent_none)
_Dumper.add_representer(bool, SafeRepresenter.represent_bool)
_Dumper.add_representer(int, SafeRepresenter.represent_int)
_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(Decimal, _represent_decimal)
_Dumper.add_representer(float, _represent_float)
_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(list, SafeRepresenter.represent_list)
_Dumper.add_representer(tuple, SafeRepresenter.represent_list)
_Dumper.add_representer(None, _represent_unknown)  # type: ignore[arg-type]


# Quote strings that other YAML readers (1.2, or 1.1 with y/n booleans) would take for
# numbers or booleans, besides those PyYAML itself would.
_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)
_Dumper.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^0o[0-7]+$"), ["0"])
_Dumper.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^[yYnN]$"), list("yYnN"))


class _TextDumper(_Dumper):
    """A :class:`_Dumper` that refuses strings no reader accepts back."""


def _represent_text(dumper: SafeRepresenter, value: str) -> yaml.ScalarNode:
    if _SURROGATE.search(value):
        raise ValueError(
            f"cannot write {value!r}: it holds an unpaired UTF-16 surrogate, which no reader "
            "accepts; validate the document (e.g. with from_data) to find the field"
        )
    return _represent_str(dumper, value)


_TextDumper.add_representer(str, _represent_text)


_WIDTH = 1 << 30  # never fold long lines


def to_yaml_text(data: Any, *, refuse_surrogates: bool = False) -> str:
    """*data* as block-style YAML: keys in the given order, no anchors, final newline.

    Multi-line strings use literal blocks (``|``); strings a reader would take for
    another type are quoted. ``Decimal`` values are written as plain numbers with a
    dot (``600000.00``, ``5.``, ``1.E+3``) that read back as the same decimal.

    With *refuse_surrogates*, a string holding an unpaired UTF-16 surrogate is an error
    rather than an escape that readers refuse.

    Raises:
        ValueError: a number is NaN or infinite, or a string holds a surrogate refused.
        TypeError: a value has a type YAML documents do not hold, or a key is not a string.
    """
    fast = _BlockWriter().text(data)
    if fast is not None:
        return fast
    text: str = yaml.dump(
        data,
        Dumper=_TextDumper if refuse_surrogates else _Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=_WIDTH,
        indent=2,
    )
    return text


class _UnwrittenError(Exception):
    """A value the direct writer leaves to PyYAML's emitter."""


_STR = "tag:yaml.org,2002:str"
#: Types whose values PyYAML writes plain when its resolver reads them back as their type.
_PLAIN_TYPES = frozenset({int, bool, type(None), Decimal})
#: Longest key written directly: PyYAML writes keys over 128 characters (tag included)
#: as complex keys (``? key``).
_LONGEST_KEY = 100


class _BlockWriter:
    """Writes the bytes PyYAML's emitter writes with :class:`_Dumper`, many times faster.

    Lists, mappings and the scalars of a document are laid out directly; how each scalar
    is written (plain or single-quoted) is still decided by PyYAML's own resolver and
    scalar analysis, once per distinct value. Whatever needs another form (a multi-line
    or double-quoted string, a float, a type YAML documents do not hold, a long key, a
    root that is not a non-empty mapping or list) makes :meth:`text` return None, and the
    emitter writes the whole document. The tests compare both on generated documents.
    """

    def __init__(self) -> None:
        # Only its representers, resolver and scalar analysis are used: it never writes.
        self._dumper: Any = _Dumper(io.StringIO(), allow_unicode=True, width=_WIDTH, indent=2)
        self._values: dict[tuple[type, Any], str] = {}
        self._keys: dict[str, str] = {}
        self._out: list[str] = []

    def text(self, data: Any) -> str | None:
        """*data* as :func:`to_yaml_text` writes it, or None if this writer cannot."""
        if type(data) not in (dict, list, tuple) or not data:
            return None
        try:
            if type(data) is dict:
                self._mapping(data, "", "")
            else:
                self._sequence(data, "", "")
        except _UnwrittenError:
            return None
        return "".join(self._out)

    def _mapping(self, data: dict[Any, Any], first: str, indent: str) -> None:
        """Entries of a non-empty mapping; the first after *first*, the others at *indent*."""
        deeper = indent + "  "
        lead = first
        for key, value in data.items():
            self._value(lead + self._key(key) + ":", value, deeper, inline=False)
            lead = indent

    def _sequence(self, data: list[Any] | tuple[Any, ...], first: str, indent: str) -> None:
        """Items of a non-empty list; the first after *first*, the others at *indent*."""
        deeper = indent + "  "
        lead = first
        for value in data:
            self._value(lead + "-", value, deeper, inline=True)
            lead = indent

    def _value(self, head: str, value: Any, deeper: str, *, inline: bool) -> None:
        """*value* after *head* (``key:`` or ``-``); a list or mapping in it at *deeper*.

        *inline*: its first entry goes on the head's line, as list items have it.
        """
        kind = type(value)
        if kind is not dict and kind is not list and kind is not tuple:
            self._out.append(head + " " + self._scalar(value) + "\n")
        elif not value:
            self._out.append(head + (" {}\n" if kind is dict else " []\n"))
        else:
            if inline:
                first = head + " "
            else:
                self._out.append(head + "\n")
                first = deeper
            if kind is dict:
                self._mapping(value, first, deeper)
            else:
                self._sequence(value, first, deeper)

    def _key(self, key: Any) -> str:
        written = self._keys.get(key) if type(key) is str else None
        if written is None:
            if type(key) is not str or len(key) > _LONGEST_KEY:
                raise _UnwrittenError
            written = self._keys[key] = self._string(key, simple_key=True)
        return written

    def _scalar(self, value: Any) -> str:
        kind = type(value)
        # Decimal("1.0") == Decimal("1.00"), yet they are written apart.
        memo = (kind, str(value) if kind is Decimal else value)
        cached = self._values.get(memo)
        if cached is not None:
            return cached
        if kind is str:
            written = self._string(value, simple_key=False)
        elif kind in _PLAIN_TYPES:
            node = self._dumper.represent_data(value)
            if self._dumper.resolve(yaml.ScalarNode, node.value, (True, False)) != node.tag:
                raise _UnwrittenError  # PyYAML would add the tag
            written = node.value
        else:  # floats, and types PyYAML refuses with the right message
            raise _UnwrittenError
        self._values[memo] = written
        return written

    def _string(self, value: str, *, simple_key: bool) -> str:
        if any(char in value for char in "\n\r\x85\u2028\u2029") or _SURROGATE.search(value):
            raise _UnwrittenError  # literal blocks, escapes and refusals are the emitter's
        analysis = self._dumper.analyze_scalar(value)
        if simple_key and analysis.empty:
            raise _UnwrittenError  # an empty key is a complex key (``? ''``)
        plain = self._dumper.resolve(yaml.ScalarNode, value, (True, False)) == _STR
        if plain and analysis.allow_block_plain:
            return value
        if analysis.allow_single_quoted:
            return "'" + value.replace("'", "''") + "'"
        raise _UnwrittenError
