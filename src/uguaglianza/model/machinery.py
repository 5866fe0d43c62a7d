"""The governance machinery: coordination tables, working groups, conferences, networks."""

from __future__ import annotations

from uguaglianza.dates import PartialDate, Period, Recurrence
from uguaglianza.model._base import Entity, Model, Named, SourceNote
from uguaglianza.model._types import (
    ActorRef,
    ActRef,
    BodyKind,
    BodyLevel,
    BodyRef,
    MemberRef,
    MembershipRole,
    OrganisationRef,
    OriginRef,
    PlanRef,
    TerritoryRef,
)

__all__ = ["AgendaItem", "Cadence", "GovernanceBody", "Meeting", "Membership"]


class Membership(Model):
    """Someone's seat in a body, with a role, over a period."""

    member: MemberRef
    role: MembershipRole = "member"
    period: Period | None = None
    represents: OriginRef | None = None
    """The territory or organisation the member sits for."""
    note: str | None = None
    source: SourceNote | None = None


class AgendaItem(Model):
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


class Cadence(Model):
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
    convener: OrganisationRef | None = None
    """The organisation that runs the body."""
    chair: ActorRef | None = None
    parent: BodyRef | None = None
    """A larger body this one reports to or is part of."""
    period: Period | None = None
    """The body's life: from its first meeting to its end."""
    cadence: Cadence | None = None
    email: str | None = None
    """Where the body receives contributions, e.g. good practices from the comuni."""
    website: str | None = None
    members: tuple[Membership, ...] = ()
    meetings: tuple[Meeting, ...] = ()
