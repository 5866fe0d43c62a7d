"""Typed relations between any two entities, and the source documents cited."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from uguaglianza.dates import PartialDate, Period
from uguaglianza.model._base import Id, Model, Named, SourceNote
from uguaglianza.model._types import AnyRef, RelationKind

__all__ = ["DeclaredCode", "Relation", "SourceDocument"]


class Relation(Model):
    """``subject`` —kind→ ``target``, e.g. a comune *member_of* a coordination table.

    Relations carry what the structured fields do not: who coordinates, monitors,
    refers cases to whom. ``id`` is optional; give one to refer to the relation.
    """

    id: Id | None = None
    kind: RelationKind
    subject: AnyRef
    target: AnyRef
    period: Period | None = None
    source: SourceNote | None = None
    note: str | None = None


class SourceDocument(Named):
    """A document the data comes from: a letter, a press release, a web page."""

    publisher: str | None = None
    date: PartialDate | None = None
    url: str | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")] = "it"


class DeclaredCode(Model):
    """A code a document adds to an open codelist."""

    code: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=100)]
    name: str
    """Label in Italian."""
    name_en: str | None = None
    description: str | None = None
