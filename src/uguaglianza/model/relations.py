"""Typed relations between any two entities, and the source documents cited."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from uguaglianza.dates import PartialDate, Period
from uguaglianza.model._base import (
    Id,
    LanguageTag,
    Model,
    Named,
    SourceNote,
    Stated,
    Translations,
)
from uguaglianza.model._types import AnyRef, RelationKind

__all__ = ["DeclaredCode", "Relation", "SourceDocument"]


class Relation(Stated):
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
    language: LanguageTag | None = None
    """The source's language, when it differs from the document's."""


class DeclaredCode(Model):
    """A code a document adds to an open codelist.

    ``broader`` names a code of the same list (shipped or declared) whose meaning the new
    code narrows: rules, profiles and analyses treat the code like that one. A code
    without ``broader`` is kept and shown, but means nothing to the rules.
    """

    code: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=100)]
    name: str
    """Label in the document's language."""
    translations: Translations = Field(default_factory=dict)
    """The label in other languages, by language tag."""
    broader: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")] | None = None
    """The code this one narrows, in the same codelist."""
    description: str | None = None
