"""What the service answers, as pydantic models; FastAPI writes them into the OpenAPI."""

from __future__ import annotations

import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from uguaglianza_service.store import DocumentRecord, VersionRecord

__all__ = [
    "DocumentList",
    "DocumentOut",
    "FindingOut",
    "LocalisedText",
    "Problem",
    "ProblemError",
    "ReportOut",
    "StoredOut",
    "VersionOut",
]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProblemError(_Out):
    """One problem in the request, as the library describes it."""

    code: str = Field(description="Stable code, such as duplicate_key or UG301.")
    message: str
    path: str = Field(description="JSON path of the offending value; empty for the whole body.")
    value: str | None = Field(description="The offending value as written, shortened.")
    hint: str | None = Field(description="What would fix it.")
    file: str | None
    line: int | None
    column: int | None


class Problem(_Out):
    """An RFC 9457 problem: what went wrong, with every problem located."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[ProblemError] = Field(default_factory=list)


class LocalisedText(_Out):
    """A text in Italian and English."""

    it: str
    en: str


class FindingOut(_Out):
    """One finding of the rules or the reader."""

    code: str
    severity: str
    title: LocalisedText
    message: LocalisedText
    hint: LocalisedText
    path: str
    value: str | None
    file: str | None
    line: int | None
    column: int | None
    known: bool = Field(
        description="False when the rule could not tell: the fact is recorded as not stated."
    )
    fingerprint: str = Field(
        description="Stays the same when other entities are added or removed: rule, entity "
        "and field inside it. Compare reports by it."
    )


class PlanProfileOut(_Out):
    """The profile one plan was checked under, and how it was chosen."""

    plan: str
    path: str
    kind: str
    profile: str
    via: str | None = Field(description="The broader plan kind whose profile applies.")
    forced: bool = Field(description="True when the caller chose the profile.")
    file: str | None


class ReportOut(_Out):
    """The report of a validation: ``readable`` is false when the body is not JSON or YAML."""

    readable: bool
    ok: bool
    counts: dict[str, int]
    by_code: dict[str, int]
    unknown: int = Field(description='How many findings are "not known" answers.')
    profiles: list[PlanProfileOut] = Field(
        default_factory=list, description="The profile each plan was checked under."
    )
    findings: list[FindingOut]


class VersionOut(_Out):
    """One stored version of a document."""

    document_id: str
    version: int
    document: str = Field(description="The document type: plan or landscape.")
    schema_version: str
    sha256: str = Field(description="SHA-256 of the stored JSON, as the library writes it.")
    size: int = Field(description="Size of the stored JSON, in bytes.")
    created_at: datetime.datetime

    @classmethod
    def of(cls, record: VersionRecord) -> VersionOut:
        """The response for *record*."""
        return cls(
            document_id=record.document_id,
            version=record.number,
            document=record.kind,
            schema_version=record.schema_version,
            sha256=record.sha256,
            size=record.size,
            created_at=record.created_at,
        )


class StoredOut(VersionOut):
    """The version a stored document became; ``created`` is false when it was already stored."""

    created: bool
    report: ReportOut


class DocumentOut(_Out):
    """A stored document: its latest name and type, and every version."""

    id: str
    document: str
    name: str | None
    latest_version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    versions: list[VersionOut]

    @classmethod
    def of(cls, record: DocumentRecord) -> DocumentOut:
        """The response for *record*."""
        return cls(
            id=record.id,
            document=record.kind,
            name=record.name,
            latest_version=record.latest,
            created_at=record.created_at,
            updated_at=record.updated_at,
            versions=[VersionOut.of(version) for version in record.versions],
        )


class DocumentList(_Out):
    """A page of stored documents, by id."""

    total: int
    limit: int
    offset: int
    items: list[DocumentOut]


def report_out(report: dict[str, Any], *, readable: bool) -> ReportOut:
    """A library report's ``to_dict()`` as a response."""
    return ReportOut.model_validate({"readable": readable, **report})
