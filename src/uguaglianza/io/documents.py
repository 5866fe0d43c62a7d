"""Reading and writing plan documents and landscapes as JSON or YAML.

Input is untrusted: it is read within size, nesting and alias limits, YAML only through a
safe loader, duplicate keys are errors. Every problem is reported with the file, the
line and column, the JSON path, the offending value and a hint. Writes are atomic and
deterministic: the same document always gives the same bytes.

In a single-threaded program the cyclic garbage collector is paused while a document is
parsed and validated: the millions of objects a large document is made of hold no
reference cycles, so the collections they would trigger could free nothing. With other
threads running, or a collector the program disabled, it is left as it is (see
:mod:`uguaglianza._gc`). A large new document then goes
straight to the collector's oldest generation; ``freeze=True`` takes it out of the
collector's reach altogether, for services that keep a large document for good (see
:func:`load`).
"""

from __future__ import annotations

import functools
import gc
import operator
import os
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, TypeAlias

from pydantic import TypeAdapter, ValidationError
from pydantic_core import PydanticSerializationError

from uguaglianza._gc import paused_gc, settle
from uguaglianza.dates._forms import reading_file
from uguaglianza.errors import (
    DocumentError,
    InputError,
    Issue,
    ParseError,
    UnknownFormatError,
    shorten,
)
from uguaglianza.io._json import json_shape, parse_json
from uguaglianza.io._limits import DEFAULT_LIMITS, Limits
from uguaglianza.io._locate import locate_json, locate_yaml
from uguaglianza.io._source import check_text, decode_text, detect_format, read_bytes
from uguaglianza.io._write import atomic_write, to_json_text, to_yaml_text
from uguaglianza.io._yaml import parse_yaml, plain_token
from uguaglianza.model import Document, Landscape, PlanDocument
from uguaglianza.model._issues import issues_from_validation_error
from uguaglianza.model._resolve import holders, key_count
from uguaglianza.model.documents import FORMAT_VERSION
from uguaglianza.model.upgrade import needs_upgrade
from uguaglianza.model.upgrade import upgrade as upgrade_data

__all__ = ["Format", "dump", "dumps", "from_data", "load", "loads", "read_data", "to_data"]

Format: TypeAlias = Literal["json", "yaml"]
AnyDocument: TypeAlias = PlanDocument | Landscape

_ROOTS: dict[str, type[PlanDocument] | type[Landscape]] = {
    "plan": PlanDocument,
    "landscape": Landscape,
}


def _check_format(format: str) -> Format:
    if format not in ("json", "yaml"):
        raise UnknownFormatError(f"unknown format {format!r}; use 'json' or 'yaml'")
    return format  # type: ignore[return-value]


def _root_class(data: object, file: str | None) -> type[PlanDocument] | type[Landscape]:
    if not isinstance(data, Mapping):
        raise DocumentError(
            [
                Issue(
                    code="not_a_document",
                    message=f"a document is a mapping of fields, not a {type(data).__name__}",
                    value=shorten(data),
                    hint="start the file with 'document: plan' or 'document: landscape'",
                    file=file,
                    line=1 if file else None,
                )
            ],
            file=file,
        )
    kind = data.get("document")
    root = _ROOTS.get(kind) if isinstance(kind, str) else None
    if root is None:
        raise DocumentError(
            [
                Issue(
                    code="unknown_document_type",
                    message="missing or unknown 'document' field"
                    if kind is None
                    else f"unknown document type {kind!r}",
                    path="document",
                    value=None if kind is None else shorten(kind),
                    hint="set 'document' to 'plan' (one plan) or 'landscape' (several plans)",
                    file=file,
                )
            ],
            file=file,
        )
    return root


def _validate(root: type[AnyDocument], data: Any) -> AnyDocument:
    # The models hold no reference cycles the collector could free, and validating a
    # large document allocates millions of objects that would trigger repeated full
    # collections for nothing; pausing the collector for the call is safe and much faster.
    with paused_gc(), reading_file():
        return root.model_validate(data)


#: The plain token written at a line and column, if it reads as a number, boolean or null.
Token: TypeAlias = Callable[[int, int], str | None]


def from_data(
    data: Any,
    *,
    file: str | None = None,
    locate: Callable[[tuple[str | int, ...]], tuple[int, int] | None] | None = None,
    freeze: bool = False,
    upgrade: bool = False,
) -> AnyDocument:
    """Validate already-parsed *data* (a mapping) into a plan document or a landscape.

    *freeze* moves the new document out of the garbage collector's reach, as
    :func:`load` explains; the collection it starts with also scans *data*. *upgrade*
    carries a document in an older format version over first (see :func:`load`).

    Raises:
        DocumentError: the data is not a valid document; ``issues`` lists every problem.
    """
    if freeze:
        gc.collect()
    with paused_gc():
        doc = _from_data(data, file, locate, upgrade)
        settle(freeze=freeze)
    return doc


def _old_version(
    data: Mapping[str, Any],
    file: str | None,
    locate: Callable[[tuple[str | int, ...]], tuple[int, int] | None] | None,
) -> DocumentError:
    version = data.get("schema_version")
    command = f"uguaglianza upgrade {file} -o {file}" if file else "uguaglianza upgrade FILE"
    issue = Issue(
        code="old_schema_version",
        message=f"the document is in format {version}; this library reads format {FORMAT_VERSION}",
        path="schema_version",
        value=shorten(version),
        hint=f"rewrite it with `{command}`, or read it with upgrade=True",
        file=file,
    )
    if locate is not None:
        issue = _with_position(issue, ("schema_version",), locate)
    return DocumentError([issue], file=file)


def _from_data(
    data: Any,
    file: str | None,
    locate: Callable[[tuple[str | int, ...]], tuple[int, int] | None] | None,
    upgrade: bool = False,
    *,
    token: Token | None = None,
) -> AnyDocument:
    if needs_upgrade(data):
        if not upgrade:
            raise _old_version(data, file, locate)
        data, locate = upgrade_data(data, file=file), None  # positions moved with fields
    root = _root_class(data, file)
    try:
        return _validate(root, data)
    except ValidationError as error:
        issues = issues_from_validation_error(error, root=root, file=file)
        if locate is not None:
            details = error.errors()
            issues = [
                _with_position(issue, tuple(detail["loc"]), locate)
                for issue, detail in zip(issues, details, strict=True)
            ]
            if token is not None:
                issues = [
                    _as_written(issue, detail, token)
                    for issue, detail in zip(issues, details, strict=True)
                ]
        raise DocumentError(issues, file=file) from None


def _with_position(
    issue: Issue,
    loc: tuple[str | int, ...],
    locate: Callable[[tuple[str | int, ...]], tuple[int, int] | None],
) -> Issue:
    position = locate(loc)
    if position is None:
        return issue
    line, column = position
    return Issue(
        code=issue.code,
        message=issue.message,
        path=issue.path,
        value=issue.value,
        hint=issue.hint,
        file=issue.file,
        line=line,
        column=column,
    )


def _as_written(issue: Issue, detail: Any, token: Token) -> Issue:
    """For a string field given a YAML number, boolean or null: the token as written."""
    if detail["type"] != "string_type" or issue.line is None or issue.column is None:
        return issue
    written = token(issue.line, issue.column)
    if written is None:
        return issue
    kind = _KINDS.get(type(detail["input"]), "no text")
    hint = f"YAML reads {written} as {kind}: quote it ('{written}') to keep it as text"
    return Issue(
        code=issue.code,
        message=issue.message,
        path=issue.path,
        value=written,
        hint=hint,
        file=issue.file,
        line=issue.line,
        column=issue.column,
    )


_KINDS = {bool: "a boolean", int: "a number", Decimal: "a number", type(None): "null"}


def loads(
    text: str | bytes,
    format: str = "json",
    *,
    file: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    freeze: bool = False,
    upgrade: bool = False,
) -> AnyDocument:
    """Parse and validate a document from *text* in *format* (``"json"`` or ``"yaml"``).

    *freeze* moves the new document out of the garbage collector's reach, and *upgrade*
    carries an older format version over, as :func:`load` explains.

    Raises:
        InputError: *text* is bytes that are not UTF-8, or binary.
        ParseError: the text is not well-formed or exceeds a limit.
        DocumentError: the data is not a valid document.
    """
    fmt = _check_format(format)
    if freeze:
        gc.collect()  # before parsing, so that it does not scan the parsed data
    with paused_gc():
        doc = _loads(text, fmt, file, limits, upgrade)
        settle(freeze=freeze)
    return doc


def _loads(
    text: str | bytes, fmt: Format, file: str | None, limits: Limits, upgrade: bool = False
) -> AnyDocument:
    if isinstance(text, bytes | bytearray) and len(text) > limits.max_bytes:
        raise InputError(
            f"input is {len(text)} bytes, more than the limit of {limits.max_bytes}",
            file=file,
            hint="raise Limits.max_bytes if the document is trusted",
        )
    if fmt == "json" and len(text) <= limits.max_bytes:
        doc = _from_json(text, limits)  # never with a surrogate: it needs UTF-8 text
        if doc is not None:
            return doc
    if isinstance(text, bytes | bytearray):
        text = decode_text(bytes(text), file=file)
    else:
        check_text(text, file=file)
    if fmt == "json":
        data = parse_json(text, file=file, limits=limits)
    else:
        data = parse_yaml(text, file=file, limits=limits)
    source = text
    locators: list[Any] = []

    def locate(loc: tuple[str | int, ...]) -> tuple[int, int] | None:
        # Built on the first error only: locating costs a second parse.
        if not locators:
            locators.append(locate_json(source) if fmt == "json" else locate_yaml(source))
        position: tuple[int, int] | None = locators[0].position(loc)
        return position

    def token(line: int, column: int) -> str | None:
        return plain_token(source, line, column)

    return _from_data(data, file, locate, upgrade, token=token if fmt == "yaml" else None)


def _from_json(text: str | bytes, limits: Limits) -> AnyDocument | None:
    """The document in JSON *text*, read by pydantic's own parser; None to read it exactly.

    Only a document both roads read alike comes back: anything else, errors included,
    is left to :func:`parse_json` and :func:`from_data`, which report every problem.
    """
    # pydantic's parser builds no Python dicts, but keeps the last of repeated keys,
    # reads numbers with a fraction as floats and knows no limits: the text's shape is
    # counted before, the document checked after. It refuses unpaired surrogates too.
    try:
        data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    except UnicodeEncodeError:  # a lone surrogate
        return None
    shape = json_shape(data, limits.max_depth)
    if not shape.shallow or shape.values > limits.max_nodes:
        return None
    try:
        with paused_gc():
            doc = _document_adapter().validate_json(data)
    except (ValueError, RecursionError):
        return None
    # Fewer keys in the document than in the text: an object repeats a key.
    if key_count(doc) != shape.keys or _holds_float(doc) is not False:
        return None
    return doc


@functools.cache
def _document_adapter() -> TypeAdapter[AnyDocument]:
    return TypeAdapter(Document)


def load(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    freeze: bool = False,
    upgrade: bool = False,
) -> AnyDocument:
    """Read, parse and validate the document in *path* (format from the extension).

    A document in an older format version (``schema_version: "1.0"``) is refused with
    one error naming ``uguaglianza upgrade``, which rewrites the file; with
    ``upgrade=True`` it is carried over in memory instead (its positions in the file are
    then not reported, since upgraded fields may have moved).

    In a single-threaded program the garbage collector is paused while the document is
    built (never when other threads run, and never turned on if the program turned it
    off); a large one then joins the collector's oldest generation at once. While a
    large document is alive, every full collection the program runs (automatic or
    ``gc.collect()``) scans its millions of objects again: about a second each at
    national size. With ``freeze=True``, ``load`` first runs one full collection, then,
    once the document is built, calls ``gc.freeze()``, moving every object alive (the
    document included) to the
    collector's permanent generation, where collections no longer look.

    This is safe for the document: it holds no reference cycles, so dropping it frees
    it at once, frozen or not. But ``gc.freeze()`` acts on the whole process: an object
    of the program that was alive at that moment and later becomes part of an
    unreachable cycle is only freed after ``gc.unfreeze()``. Opt in when the document
    lives as long as the process, as in a service that loads its data at start.

    A workbook (``.xlsx``, or ``format="xlsx"``) is read by
    :func:`uguaglianza.io.workbook.read_workbook`, which needs the ``xlsx`` extra.

    Raises:
        InputError: the file cannot be read, is too large, binary or not UTF-8.
        UnknownFormatError: the extension is not .json, .yaml, .yml or .xlsx.
        ParseError: the file is not well-formed JSON/YAML or exceeds a limit.
        DocumentError: the file is not a valid document.
        MissingExtraError: the file is a workbook and openpyxl is not installed.
    """
    name = os.fspath(path)
    if format == "xlsx" or (format is None and name.lower().endswith(".xlsx")):
        return _load_workbook(name, limits, freeze)
    fmt = _check_format(format) if format is not None else detect_format(name)
    if freeze:
        gc.collect()
    with paused_gc():
        doc = _loads(read_bytes(name, limits=limits), fmt, name, limits, upgrade)
        doc._origin = name  # remembered so that findings can name lines in this file
        settle(freeze=freeze)
    return doc


def _load_workbook(name: str, limits: Limits, freeze: bool) -> AnyDocument:
    from uguaglianza.io.workbook import read_workbook

    if freeze:
        gc.collect()
    with paused_gc():
        doc = read_workbook(name, limits=limits)
        settle(freeze=freeze)
    return doc


def read_data(
    path: str | os.PathLike[str], *, format: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Any:
    """The plain data in *path*, read within *limits* but not validated as a document.

    For tools that work on the data itself, such as carrying an older format over.

    Raises:
        InputError: the file cannot be read, is too large, binary or not UTF-8.
        UnknownFormatError: the extension is not .json, .yaml or .yml.
        ParseError: the file is not well-formed JSON/YAML or exceeds a limit.
    """
    name = os.fspath(path)
    fmt = _check_format(format) if format is not None else detect_format(name)
    text = decode_text(read_bytes(name, limits=limits), file=name)
    with paused_gc():
        if fmt == "json":
            return parse_json(text, file=name, limits=limits)
        return parse_yaml(text, file=name, limits=limits)


def to_data(doc: AnyDocument) -> dict[str, Any]:
    """The document as JSON-compatible data, without fields left at their defaults."""
    return doc.model_dump(mode="json", exclude_defaults=True)


def dumps(doc: AnyDocument, format: str = "json") -> str:
    """Serialise *doc* as deterministic JSON or YAML text."""
    fmt = _check_format(format)
    _refuse_floats(doc)
    if fmt == "json":
        data = _pydantic_json(doc)
        if data is not None:
            return data.decode("utf-8")
    # The data and text built below are acyclic: collections run meanwhile would only
    # rescan the document, again and again for a large one. (PyYAML's emitter, for the
    # rare documents it writes, leaves a few cycles that the next collection frees.)
    with paused_gc():
        if fmt == "yaml":
            return to_yaml_text(to_data(doc), refuse_surrogates=True)
        return _writable(to_json_text(to_data(doc)))


def _writable(text: str) -> str:
    """*text* itself, unless it holds an unpaired surrogate no reader would accept.

    Only a document built without validation (``model_construct``, ``model_copy``) can
    hold one: validation refuses them.

    Raises:
        ValueError: naming the line and column of the surrogate in the written text.
    """
    try:
        check_text(text, file=None)
    except ParseError as error:
        issue = error.issues[0]
        raise ValueError(
            f"cannot write the document: {issue.message} at line {issue.line}, column "
            f"{issue.column} of the output, near {issue.value!r}; validate the document "
            "(e.g. with from_data) to find the field"
        ) from None
    return text


def _pydantic_json(doc: AnyDocument) -> bytes | None:
    """The UTF-8 JSON of *doc* written by pydantic, or None where it could differ.

    The bytes are those of :func:`to_json_text`, several times faster, except for floats
    (only ``extensions`` can hold any): pydantic writes ``1e-7``, Python ``1e-07``.
    """
    try:
        if _holds_float(doc) is not False:
            return None
        return _writer(type(doc)).dump_json(doc, indent=2, exclude_defaults=True) + b"\n"
    except (PydanticSerializationError, ValueError, TypeError, AttributeError, RecursionError):
        return None  # an odd document: the exact writer raises its own, documented errors


@functools.cache
def _writer(root: type[AnyDocument]) -> TypeAdapter[AnyDocument]:
    return TypeAdapter(root)


_EXTENSIONS = operator.attrgetter("extensions")


def _holds_float(doc: AnyDocument) -> bool | None:
    """Whether users' ``extensions``, the only place for floats, hold one; None if unsure."""
    found = holders(doc, "extensions")
    if found is None:
        return None
    return any(map(_has_float, filter(None, map(_EXTENSIONS, found))))


def _refuse_floats(doc: AnyDocument) -> None:
    """Refuse to write a binary float in ``extensions``, which no reader would accept.

    Only a document built without validation (``model_construct``, ``model_copy``) can
    hold one: validation refuses them.
    """
    if _holds_float(doc):
        raise ValueError(
            "cannot write the document: its extensions hold a binary floating-point number, "
            "and extensions hold whole numbers only; write it as a string, and validate the "
            "document (e.g. with from_data) to find it"
        )


def _has_float(value: object) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float):
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return False


def dump(
    doc: AnyDocument,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
) -> None:
    """Write *doc* to *path* atomically (format from the extension unless given)."""
    name = os.fspath(path)
    fmt = _check_format(format) if format is not None else detect_format(name)
    _refuse_floats(doc)
    if fmt == "yaml":
        data = to_yaml_text(to_data(doc), refuse_surrogates=True).encode("utf-8")
    elif (written := _pydantic_json(doc)) is not None:
        data = written
    else:
        data = _writable(to_json_text(to_data(doc))).encode("utf-8")
    atomic_write(Path(name), data)
