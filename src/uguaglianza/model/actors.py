"""Organisations, people and the posts people hold."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from uguaglianza.dates import Period
from uguaglianza.model._base import Named
from uguaglianza.model._types import (
    OrganisationKind,
    OrganisationRef,
    OriginRef,
    PersonRef,
    PostKind,
    PostOwnerRef,
    TerritoryRef,
)

__all__ = ["Organisation", "Person", "Post"]

_Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]


class Organisation(Named):
    """A public body, one of its departments, an agency, an association or a company."""

    kind: OrganisationKind
    acronym: str | None = None
    territory: TerritoryRef | None = None
    """The territory the organisation governs or serves."""
    parent: OrganisationRef | None = None
    """The organisation this one is part of (a department of a comune)."""
    acts_for: tuple[OriginRef, ...] = ()
    """Territories or organisations this one acts on behalf of (an agency for its area)."""
    website: str | None = None
    email: _Email | None = None
    period: Period | None = None
    """When the organisation existed."""


class Person(Named):
    """A person named in a source; ``name`` is the full name as written."""

    given_name: str | None = None
    family_name: str | None = None


class Post(Named):
    """An office held in an organisation, e.g. "Sindaco metropolitano di Bologna".

    ``name`` is the title of the office; ``holder`` the person who holds it over ``period``.
    A post without a holder stands for whoever holds the office.
    """

    kind: PostKind
    organisation: PostOwnerRef
    """The organisation, or the body (a conference, a table), the office belongs to."""
    holder: PersonRef | None = None
    period: Period | None = None
    """When *holder* held the post."""
    portfolio: str | None = None
    """The delegated matters (deleghe), e.g. "Pari opportunità"."""
