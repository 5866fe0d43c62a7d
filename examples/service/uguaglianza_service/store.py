"""Accepted documents and their versions in a relational database (SQLAlchemy 2).

Each version keeps the document as the library writes it (deterministic JSON), so the
same document always gives the same bytes and the same SHA-256: sending it again adds no
version. Any database SQLAlchemy reaches works; the service is tested on SQLite and
PostgreSQL.
"""

from __future__ import annotations

import datetime
import hashlib
import random
import time

import attrs
from sqlalchemy import (
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    func,
    select,
)
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

import uguaglianza

__all__ = ["ATTEMPTS", "DocumentRecord", "Store", "StoreBusyError", "VersionRecord"]

#: How many times adding a version is tried when others add one at the same moment:
#: each round one writer wins, so this many writers of one document at once succeed.
ATTEMPTS = 50


class StoreBusyError(Exception):
    """Too many versions of one document were being added at once; try again later."""


class _Base(DeclarativeBase):
    pass


class _Document(_Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime.datetime] = mapped_column(DateTime(timezone=True))


class _Version(_Base):
    __tablename__ = "versions"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    schema_version: Mapped[str] = mapped_column(String(32))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text, deferred=True)
    created_at: Mapped[datetime.datetime] = mapped_column(DateTime(timezone=True))


@attrs.frozen
class VersionRecord:
    """One stored version of a document, without its content."""

    document_id: str
    number: int
    kind: str
    schema_version: str
    sha256: str
    size: int
    created_at: datetime.datetime


@attrs.frozen
class DocumentRecord:
    """A stored document: what its latest version says about itself, and its versions."""

    id: str
    kind: str
    name: str | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    versions: tuple[VersionRecord, ...]

    @property
    def latest(self) -> int:
        """The number of the newest version."""
        return self.versions[-1].number


def _utc(moment: datetime.datetime) -> datetime.datetime:
    # SQLite keeps no time zone: every moment stored is in UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=datetime.UTC)


def _version_record(row: _Version) -> VersionRecord:
    return VersionRecord(
        document_id=row.document_id,
        number=row.number,
        kind=row.kind,
        schema_version=row.schema_version,
        sha256=row.sha256,
        size=row.size,
        created_at=_utc(row.created_at),
    )


class Store:
    """The documents in the database at *url*; tables are created when missing."""

    def __init__(self, url: URL) -> None:
        self.engine: Engine = create_engine(url, pool_pre_ping=True)
        _Base.metadata.create_all(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def add(
        self, doc: uguaglianza.PlanDocument | uguaglianza.Landscape
    ) -> tuple[VersionRecord, bool]:
        """Store *doc* as the next version of its id; ``False`` when it equals the latest.

        Two requests adding a version at once cannot take the same number: the
        database refuses the second, which tries again with the next one.

        Raises:
            StoreBusyError: the version lost :data:`ATTEMPTS` times in a row.
        """
        content = uguaglianza.dumps(doc, "json")
        data = content.encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        for attempt in range(ATTEMPTS):
            try:
                return self._add(doc, content, len(data), digest)
            except IntegrityError:
                time.sleep(random.uniform(0, 0.002 * (attempt + 1)))
        raise StoreBusyError(doc.id)

    def _add(
        self,
        doc: uguaglianza.PlanDocument | uguaglianza.Landscape,
        content: str,
        size: int,
        digest: str,
    ) -> tuple[VersionRecord, bool]:
        now = datetime.datetime.now(datetime.UTC)
        with self._sessions.begin() as session:
            latest = session.scalars(
                select(_Version)
                .where(_Version.document_id == doc.id)
                .order_by(_Version.number.desc())
                .limit(1)
            ).first()
            if latest is not None and latest.sha256 == digest:
                return _version_record(latest), False
            document = session.get(_Document, doc.id)
            if document is None:
                document = _Document(id=doc.id, created_at=now)
                session.add(document)
            document.kind = doc.document
            document.name = doc.name
            document.updated_at = now
            row = _Version(
                document_id=doc.id,
                number=1 if latest is None else latest.number + 1,
                kind=doc.document,
                schema_version=doc.schema_version,
                sha256=digest,
                size=size,
                content=content,
                created_at=now,
            )
            session.add(row)
            session.flush()
            return _version_record(row), True

    def count(self) -> int:
        """How many documents are stored."""
        with self._sessions() as session:
            return session.scalar(select(func.count()).select_from(_Document)) or 0

    def documents(self, *, limit: int, offset: int) -> list[DocumentRecord]:
        """Stored documents by id, *offset* of them skipped, at most *limit*."""
        with self._sessions() as session:
            rows = session.scalars(
                select(_Document).order_by(_Document.id).limit(limit).offset(offset)
            ).all()
            return [self._record(session, row) for row in rows]

    def document(self, document_id: str) -> DocumentRecord | None:
        """The document *document_id*, or None if none is stored."""
        with self._sessions() as session:
            row = session.get(_Document, document_id)
            return None if row is None else self._record(session, row)

    def content(self, document_id: str, number: int) -> str | None:
        """Version *number* of *document_id* as the JSON text stored, or None."""
        with self._sessions() as session:
            return session.scalar(
                select(_Version.content).where(
                    _Version.document_id == document_id, _Version.number == number
                )
            )

    @staticmethod
    def _record(session: Session, row: _Document) -> DocumentRecord:
        versions = session.scalars(
            select(_Version).where(_Version.document_id == row.id).order_by(_Version.number)
        ).all()
        return DocumentRecord(
            id=row.id,
            kind=row.kind,
            name=row.name,
            created_at=_utc(row.created_at),
            updated_at=_utc(row.updated_at),
            versions=tuple(_version_record(version) for version in versions),
        )
