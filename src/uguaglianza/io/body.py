"""Documents sent to a web service: the reader's rules applied to a raw request body.

A framework that parses a body before validating it (a pydantic model as a FastAPI
parameter) keeps the last of two repeated keys and refuses fractional amounts, and knows
neither a service's limits nor YAML. :func:`read_body` reads the bytes exactly as
:func:`~uguaglianza.io.loads` does and raises the same located errors, which
:func:`problem_details` turns into an RFC 9457 problem a service returns as is::

    try:
        doc = read_body(await request.body(), request.headers.get("content-type"))
    except UguaglianzaError as error:
        problem = problem_details(error)
        return JSONResponse(problem, problem["status"], media_type=PROBLEM_MEDIA_TYPE)

Nothing here imports a web framework: any of them hands over bytes and a header.
"""

from __future__ import annotations

from typing import Any, TypeVar, overload

from uguaglianza.errors import (
    DocumentError,
    InputError,
    Issue,
    MissingExtraError,
    ParseError,
    UguaglianzaError,
    UnknownFormatError,
    shorten,
)
from uguaglianza.io._limits import DEFAULT_LIMITS, Limits
from uguaglianza.io.documents import _ROOTS, Format, loads
from uguaglianza.model import Landscape, PlanDocument

__all__ = [
    "MEDIA_TYPES",
    "PROBLEM_MEDIA_TYPE",
    "PROBLEM_TYPES",
    "body_format",
    "problem_details",
    "read_body",
]

_Root = TypeVar("_Root", bound=PlanDocument | Landscape)

#: The media types a body may be sent as, and the format each names; any
#: ``application/...+json`` or ``+yaml`` type is read as its suffix says.
MEDIA_TYPES: dict[str, Format] = {
    "application/json": "json",
    "application/yaml": "yaml",
    "application/x-yaml": "yaml",
    "text/yaml": "yaml",
    "text/x-yaml": "yaml",
}
#: The media type of the problems :func:`problem_details` describes (RFC 9457).
PROBLEM_MEDIA_TYPE = "application/problem+json"
_DOCS = "https://github.com/uguaglianza/uguaglianza/blob/main/docs/service.md"
#: Each kind of problem: its ``type`` URI, title and HTTP status.
PROBLEM_TYPES: dict[str, tuple[str, str, int]] = {
    "unreadable": (f"{_DOCS}#unreadable", "The body cannot be read as text", 422),
    "malformed": (f"{_DOCS}#malformed", "The body is not well-formed JSON or YAML", 422),
    "invalid": (f"{_DOCS}#invalid", "The body is not a valid document", 422),
    "unsupported": (f"{_DOCS}#unsupported", "The body's media type is not supported", 415),
    "missing-extra": (f"{_DOCS}#missing-extra", "An optional dependency is missing", 500),
}


def body_format(content_type: str | None, *, default: Format = "json") -> Format:
    """The format a ``Content-Type`` header names; *default* when there is none.

    Raises:
        UnknownFormatError: the media type is neither JSON nor YAML.
        InputError: the header declares a character set other than UTF-8.
    """
    if content_type is None or not content_type.strip():
        return default
    media, *parameters = (part.strip() for part in content_type.split(";"))
    media = media.lower()
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        charset = value.strip().strip('"').lower()
        if name.strip().lower() == "charset" and charset not in ("utf-8", "utf8"):
            raise InputError(
                f"the body is declared as {shorten(value.strip())}, but documents are UTF-8",
                hint="send the document encoded as UTF-8, with charset=utf-8 or no charset",
            )
    known = MEDIA_TYPES.get(media)
    if known is not None:
        return known
    if media.startswith("application/") and media.endswith(("+json", "+yaml")):
        return "json" if media.endswith("+json") else "yaml"
    raise UnknownFormatError(
        f"cannot read a body of media type {shorten(media)}; send one of {', '.join(MEDIA_TYPES)}"
    )


@overload
def read_body(
    body: bytes | bytearray | memoryview,
    content_type: str | None = None,
    *,
    expect: None = None,
    limits: Limits = DEFAULT_LIMITS,
    source: str | None = None,
) -> PlanDocument | Landscape: ...


@overload
def read_body(
    body: bytes | bytearray | memoryview,
    content_type: str | None = None,
    *,
    expect: type[_Root],
    limits: Limits = DEFAULT_LIMITS,
    source: str | None = None,
) -> _Root: ...


def read_body(
    body: bytes | bytearray | memoryview,
    content_type: str | None = None,
    *,
    expect: type[_Root] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    source: str | None = None,
) -> PlanDocument | Landscape:
    """The document in the raw request *body*, read as :func:`~uguaglianza.io.loads` reads.

    *content_type* (the header, parameters included) chooses JSON or YAML; *expect*
    refuses the other root; *source* names the body in errors (``issue.file``).

    Raises:
        UnknownFormatError: the media type is neither JSON nor YAML.
        InputError: the body is too large, binary or not UTF-8.
        ParseError: the body is not well-formed, repeats a key or exceeds a limit.
        DocumentError: the body is not a valid document, or not of the *expect* kind.
    """
    fmt = body_format(content_type)
    doc = loads(bytes(body), fmt, file=source, limits=limits)
    if expect is not None and not isinstance(doc, expect):
        wanted = next(kind for kind, root in _ROOTS.items() if root is expect)
        raise DocumentError(
            [
                Issue(
                    code="unexpected_document_type",
                    message=f"expected a {wanted} document, got a {doc.document}",
                    path="document",
                    value=shorten(doc.document),
                    hint=f"send a document with 'document: {wanted}'",
                    file=source,
                )
            ],
            file=source,
        )
    return doc


def problem_details(error: UguaglianzaError, *, instance: str | None = None) -> dict[str, Any]:
    """*error* as an RFC 9457 problem: ``type``, ``title``, ``status``, ``detail``, ``errors``.

    ``errors`` lists each problem as :meth:`Issue.to_dict` does (code, message, JSON path,
    value, hint, file, line, column); ``status`` is 415, 500 for a missing extra, else 422.
    """
    if isinstance(error, ParseError):
        kind = "malformed"
    elif isinstance(error, DocumentError):
        kind = "invalid"
    elif isinstance(error, UnknownFormatError):
        kind = "unsupported"
    elif isinstance(error, MissingExtraError):
        kind = "missing-extra"
    else:
        kind = "unreadable"
    uri, title, status = PROBLEM_TYPES[kind]
    if isinstance(error, DocumentError):
        issues = list(error.issues)
        count = len(issues)
        first = f": {issues[0].format()}" if issues else ""
        detail = f"{count} problem{'s' if count != 1 else ''}{first}"
    else:
        issue = Issue(
            code=kind,
            message=error.message if isinstance(error, InputError) else str(error),
            hint=error.hint if isinstance(error, InputError) else None,
            file=error.file if isinstance(error, InputError) else None,
        )
        issues = [issue]
        detail = str(error)
    problem: dict[str, Any] = {"type": uri, "title": title, "status": status, "detail": detail}
    if instance is not None:
        problem["instance"] = instance
    problem["errors"] = [issue.to_dict() for issue in issues]
    return problem
