"""The HTTP API: validate documents, store accepted ones with versions, serve their graphs.

Run it with ``uvicorn --factory uguaglianza_service:create_app``; the settings come from
``UGUAGLIANZA_SERVICE_*`` environment variables (see :mod:`uguaglianza_service.settings`).
"""

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import Depends, FastAPI, Path, Query, Request, Response
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse

import uguaglianza
from uguaglianza.errors import DocumentError, InputError, ParseError
from uguaglianza.io import Limits, read_body
from uguaglianza.io.graphs import graph_bytes
from uguaglianza.rules import Lang, report_from_issues
from uguaglianza_service.openapi import (
    DOCUMENT_REF,
    GRAPH_SCHEMA,
    SARIF_MEDIA_TYPE,
    SARIF_SCHEMA,
    add_document_schema,
    document_body,
    problem_responses,
)
from uguaglianza_service.problems import (
    BodyTooLargeError,
    DocumentNotFoundError,
    RulesBrokenError,
    install,
)
from uguaglianza_service.schemas import (
    DocumentList,
    DocumentOut,
    Problem,
    ReportOut,
    StoredOut,
    VersionOut,
    report_out,
)
from uguaglianza_service.settings import Settings
from uguaglianza_service.store import DocumentRecord, Store

__all__ = ["create_app"]

#: What the body is called in located errors.
SOURCE = "request body"
_MAX_VERSION = 2**31 - 1

DocumentId = Annotated[str, Path(description="The document's own `id`.", max_length=200)]
Version = Annotated[int, Path(ge=1, le=_MAX_VERSION, description="A version number, from 1.")]
AsOf = Annotated[
    datetime.date | None, Query(description="Keep only what is in force on this date.")
]


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


async def _body(request: Request) -> tuple[bytes, str | None]:
    """The raw body and its media type, read no further than the service's limit."""
    limit: int = request.app.state.settings.max_bytes
    chunks: list[bytes] = []
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise BodyTooLargeError(limit)
        chunks.append(chunk)
    return b"".join(chunks), request.headers.get("content-type")


Body = Annotated[tuple[bytes, str | None], Depends(_body)]
StoreDep = Annotated[Store, Depends(_store)]


def _limits(request: Request) -> Limits:
    return Limits(max_bytes=request.app.state.settings.max_bytes)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The service, storing documents where *settings* (or the environment) say."""
    chosen = settings if settings is not None else Settings.from_environment()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.store.close()

    app = FastAPI(
        title="uguaglianza service",
        version=uguaglianza.__version__,
        summary="Validate equality-plan documents, store them with versions, serve their graphs.",
        lifespan=lifespan,
    )
    app.state.settings = chosen
    app.state.store = Store(chosen.database_url)
    install(app)
    _routes(app)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                routes=app.routes,
            )
            schema["components"]["schemas"]["Problem"] = Problem.model_json_schema(
                ref_template="#/components/schemas/{model}"
            )
            problem_defs = schema["components"]["schemas"]["Problem"].pop("$defs", {})
            schema["components"]["schemas"].update(problem_defs)
            app.openapi_schema = add_document_schema(schema)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def _routes(app: FastAPI) -> None:
    @app.post(
        "/validate",
        summary="Check a document: structure, references, codes and the rules",
        response_model=ReportOut,
        responses={
            200: {
                "description": "The report, as JSON or as a SARIF 2.1.0 log",
                "content": {SARIF_MEDIA_TYPE: {"schema": SARIF_SCHEMA}},
            },
            **problem_responses(413, 415, 422),
        },
        openapi_extra=document_body(
            "A plan document or a landscape as JSON, or as YAML with a YAML media type."
        ),
    )
    def validate(
        request: Request,
        body: Body,
        format: Annotated[Literal["json", "sarif"], Query()] = "json",
        lang: Annotated[Lang, Query(description="Language of SARIF messages.")] = "en",
        as_of: AsOf = None,
    ) -> Response:
        raw, content_type = body
        readable = True
        try:
            doc = read_body(raw, content_type, limits=_limits(request), source=SOURCE)
        except (ParseError, InputError) as error:
            issues = error.issues if isinstance(error, ParseError) else [_input_issue(error)]
            report, readable = report_from_issues(issues, unreadable=True), False
        except DocumentError as error:
            report = report_from_issues(error.issues)
        else:
            report = uguaglianza.validate(doc, as_of=as_of)
        if format == "sarif":
            return JSONResponse(report.to_sarif(lang=lang), media_type=SARIF_MEDIA_TYPE)
        return JSONResponse(report_out(report.to_dict(), readable=readable).model_dump(mode="json"))

    @app.post(
        "/documents",
        summary="Store a document as the next version of its id",
        status_code=201,
        response_model=StoredOut,
        responses={
            200: {
                "description": "The same document was already the latest version",
                "model": StoredOut,
            },
            201: {
                "description": "Stored as a new version",
                "headers": {
                    "Location": {
                        "description": "Where the version's document is",
                        "schema": {"type": "string"},
                    }
                },
            },
            **problem_responses(413, 415, 422, 503),
        },
        openapi_extra=document_body(
            "The document to store: it must read well and break no rule of error severity."
        ),
    )
    def store_document(request: Request, body: Body, store: StoreDep) -> JSONResponse:
        raw, content_type = body
        doc = read_body(raw, content_type, limits=_limits(request), source=SOURCE)
        report = uguaglianza.validate(doc)
        if not report.ok:
            raise RulesBrokenError(report)
        record, created = store.add(doc)
        out = StoredOut(
            **VersionOut.of(record).model_dump(),
            created=created,
            report=report_out(report.to_dict(), readable=True),
        )
        headers = None
        if created:
            where = f"/documents/{quote(record.document_id, safe='')}/versions/{record.number}"
            headers = {"Location": where}
        return JSONResponse(
            out.model_dump(mode="json"), status_code=201 if created else 200, headers=headers
        )

    @app.get(
        "/documents",
        summary="List stored documents",
        response_model=DocumentList,
        responses=problem_responses(422),
    )
    def list_documents(
        store: StoreDep,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0, le=_MAX_VERSION)] = 0,
    ) -> DocumentList:
        items = [DocumentOut.of(record) for record in store.documents(limit=limit, offset=offset)]
        return DocumentList(total=store.count(), limit=limit, offset=offset, items=items)

    @app.get(
        "/documents/{document_id}",
        summary="A stored document and its versions",
        response_model=DocumentOut,
        responses=problem_responses(404, 422),
    )
    def get_document(document_id: DocumentId, store: StoreDep) -> DocumentOut:
        return DocumentOut.of(_document(store, document_id))

    @app.get(
        "/documents/{document_id}/versions",
        summary="The versions of a stored document, oldest first",
        response_model=list[VersionOut],
        responses=problem_responses(404, 422),
    )
    def list_versions(document_id: DocumentId, store: StoreDep) -> list[VersionOut]:
        return [VersionOut.of(version) for version in _document(store, document_id).versions]

    @app.get(
        "/documents/{document_id}/versions/{number}",
        name="version",
        summary="One version of a document, as the library writes it",
        responses={
            200: {
                "description": "The document",
                "content": {"application/json": {"schema": DOCUMENT_REF}},
            },
            **problem_responses(404, 422),
        },
    )
    def get_version(document_id: DocumentId, number: Version, store: StoreDep) -> Response:
        return Response(_content(store, document_id, number), media_type="application/json")

    @app.get(
        "/documents/{document_id}/versions/{number}/graph",
        summary="The coordination graph of a version, as node-link JSON",
        responses={
            200: {
                "description": "networkx node-link data; `edges` holds the edges",
                "content": {"application/json": {"schema": GRAPH_SCHEMA}},
            },
            **problem_responses(404, 422),
        },
    )
    def get_graph(
        document_id: DocumentId,
        number: Version,
        store: StoreDep,
        as_of: AsOf = None,
        kind: Annotated[
            list[str] | None, Query(description="Keep only edges of these kinds (repeatable).")
        ] = None,
    ) -> Response:
        doc = uguaglianza.loads(_content(store, document_id, number), "json")
        graph = uguaglianza.coordination_graph(doc, as_of=as_of, kinds=kind)
        return Response(graph_bytes(graph, "json"), media_type="application/json")


def _input_issue(error: InputError) -> uguaglianza.Issue:
    return uguaglianza.Issue(
        code="unreadable", message=error.message, hint=error.hint, file=error.file
    )


def _document(store: Store, document_id: str) -> DocumentRecord:
    record = store.document(document_id) if "\x00" not in document_id else None
    if record is None:
        raise DocumentNotFoundError(f"no document {document_id!r} is stored")
    return record


def _content(store: Store, document_id: str, number: int) -> str:
    content = store.content(document_id, number) if "\x00" not in document_id else None
    if content is None:
        raise DocumentNotFoundError(f"document {document_id!r} has no version {number}")
    return content
