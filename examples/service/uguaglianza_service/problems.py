"""Every error as an RFC 9457 problem: the library's own, the request's, the service's."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from uguaglianza import Report, UguaglianzaError
from uguaglianza.errors import shorten
from uguaglianza.io import PROBLEM_MEDIA_TYPE, problem_details
from uguaglianza_service.store import StoreBusyError

__all__ = [
    "BodyTooLargeError",
    "DocumentNotFoundError",
    "RulesBrokenError",
    "install",
    "problem_response",
]

_DOCS = "https://github.com/uguaglianza/uguaglianza/blob/main/examples/service/README.md"


class DocumentNotFoundError(Exception):
    """No stored document or version answers the request."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class BodyTooLargeError(Exception):
    """The request body is larger than the service's limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the body is larger than the limit of {limit} bytes")
        self.limit = limit


class RulesBrokenError(Exception):
    """A document that reads well but breaks rules of error severity: it is not stored."""

    def __init__(self, report: Report) -> None:
        super().__init__(report.summary())
        self.report = report


def problem_response(
    problem: dict[str, Any], headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """*problem* as a response with its status and the problem media type."""
    return JSONResponse(
        problem, status_code=problem["status"], media_type=PROBLEM_MEDIA_TYPE, headers=headers
    )


def _problem(
    request: Request,
    name: str,
    title: str,
    status: int,
    detail: str,
    errors: list[dict[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    return problem_response(
        {
            "type": f"{_DOCS}#{name}",
            "title": title,
            "status": status,
            "detail": detail,
            "instance": request.url.path,
            "errors": errors or [],
        },
        headers,
    )


def _error(code: str, message: str, **more: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"path": "", "value": None, "hint": None}
    return {
        "code": code,
        "message": message,
        **base,
        "file": None,
        "line": None,
        "column": None,
    } | more


def _path(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f"{'.' if text else ''}{part}"
    return text


def install(app: FastAPI) -> None:
    """Answer every error of *app* with a problem."""

    @app.exception_handler(UguaglianzaError)
    async def library_error(request: Request, error: UguaglianzaError) -> JSONResponse:
        return problem_response(problem_details(error, instance=request.url.path))

    @app.exception_handler(RulesBrokenError)
    async def rules_broken(request: Request, error: RulesBrokenError) -> JSONResponse:
        errors = [
            _error(
                finding.code,
                finding.message.en,
                path=finding.path,
                value=finding.value,
                hint=finding.hint.en,
                file=finding.file,
                line=finding.line,
                column=finding.column,
            )
            for finding in error.report.findings
            if finding.severity == "error"
        ]
        return _problem(
            request,
            "rules",
            "The document breaks rules and is not stored",
            422,
            f"{error.report.summary()}; POST it to /validate for the full report",
            errors,
        )

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, error: RequestValidationError) -> JSONResponse:
        errors = [
            _error(
                str(detail.get("type", "invalid")),
                str(detail.get("msg", "invalid value")),
                path=_path(tuple(detail.get("loc", ()))),
                value=shorten(detail["input"]) if "input" in detail else None,
            )
            for detail in error.errors()
        ]
        count = len(errors)
        return _problem(
            request,
            "request",
            "The request's parameters are not valid",
            422,
            f"{count} problem{'s' if count != 1 else ''} in the request's parameters",
            errors,
        )

    @app.exception_handler(DocumentNotFoundError)
    async def not_found(request: Request, error: DocumentNotFoundError) -> JSONResponse:
        return _problem(request, "not-found", "Not found", 404, error.detail)

    @app.exception_handler(BodyTooLargeError)
    async def too_large(request: Request, error: BodyTooLargeError) -> JSONResponse:
        return _problem(
            request,
            "too-large",
            "The body is too large",
            413,
            f"{error}; split the document, or ask for a higher limit",
        )

    @app.exception_handler(StoreBusyError)
    async def busy(request: Request, error: StoreBusyError) -> JSONResponse:
        return _problem(
            request,
            "busy",
            "Too many versions of this document are being stored at once",
            503,
            f"document {str(error)!r} is busy; send the request again in a moment",
            headers={"Retry-After": "1"},
        )

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> JSONResponse:
        detail = str(error.detail)
        return _problem(request, "http", detail, error.status_code, detail, headers=error.headers)
