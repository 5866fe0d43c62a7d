"""The governance machinery: coordination tables, working groups, conferences, networks."""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from uguaglianza.dates import PartialDate, Period, Recurrence
from uguaglianza.model._base import Entity, Named, SourceNote, Stated
from uguaglianza.model._types import (
    ActorRef,
    ActRef,
    BodyKind,
    BodyLevel,
    BodyRef,
    ConvenerRef,
    MemberRef,
    MembershipRole,
    OriginRef,
    PlanRef,
    TerritoryRef,
)
from uguaglianza.model.services import Contact, StatusSpell

__all__ = ["AgendaItem", "Cadence", "GovernanceBody", "Meeting", "Membership"]


class Membership(Stated):
    """A seat in a body, with a role, over a period; or several seats of one category.

    A named member fills ``member``. When the source only counts seats ("nine experts from
    local authorities"), ``seats`` and ``category`` say so and ``member`` stays empty.
    """

    member: MemberRef | None = None
    role: MembershipRole = "member"
    period: Period | None = None
    represents: OriginRef | None = None
    """The territory or organisation the member sits for."""
    seats: Annotated[int, Field(ge=1)] | None = None
    """How many seats this entry stands for, when the source counts them."""
    category: str | None = None
    """The category of the seats as written ("esperti degli enti locali")."""
    note: str | None = None
    source: SourceNote | None = None

    @model_validator(mode="after")
    def _member_or_seats(self) -> Self:
        if self.member is None and (self.seats is None or self.category is None):
            raise PydanticCustomError(
                "membership_seats",
                "a membership names its member, or counts seats with 'seats' and 'category'",
            )
        return self


class AgendaItem(Stated):
    """An item on a meeting's agenda, optionally about a plan or an act."""

    title: str
    plan: PlanRef | None = None
    act: ActRef | None = None
    source: SourceNote | None = None


class Meeting(Entity):
    """A session of a body: when, where, what was on the agenda."""

    date: PartialDate | None = None
    date_as_written: str | None = None
    """The date as the source writes it, when it cannot be made exact (no year)."""
    planned: bool = False
    """The meeting was announced and had not yet taken place when the source was written."""
    place: str | None = None
    territory: TerritoryRef | None = None
    agenda: tuple[AgendaItem, ...] = ()
    participants: tuple[MemberRef, ...] = ()
    """Who took part, when different from the members."""
    convened_by: ActRef | None = None
    """The act (letter, notice) that convened the meeting."""


class Cadence(Stated):
    """How often a body meets: an RFC 5545 rule and/or the words of the source."""

    rule: Recurrence | None = None
    description: str | None = None


class GovernanceBody(Named):
    """A coordination table, steering room, working group, conference, assembly or network."""

    kind: BodyKind
    level: BodyLevel | None = None
    """Political, technical or mixed."""
    acronym: str | None = None
    description: str | None = None
    territory: TerritoryRef | None = None
    """The territory the body covers."""
    convener: ConvenerRef | None = None
    """Who runs the body: an organisation, a larger body, or an office."""
    chair: ActorRef | None = None
    parent: BodyRef | None = None
    """A larger body this one reports to or is part of."""
    period: Period | None = None
    """The body's life: from its first meeting to its end."""
    statuses: tuple[StatusSpell, ...] = ()
    """Active, suspended, awaiting reactivation, closed: each over its period."""
    cadence: Cadence | None = None
    email: str | None = None
    """Where the body receives contributions, e.g. good practices from the comuni."""
    website: str | None = None
    contacts: tuple[Contact, ...] = ()
    """Public contacts of the body (never a member's own)."""
    members: tuple[Membership, ...] = ()
    meetings: tuple[Meeting, ...] = ()
