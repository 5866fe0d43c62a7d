"""Services that reach people, and how their operator, status and capacity change over time."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import Field, StringConstraints

from uguaglianza.dates import Period
from uguaglianza.model._base import Named, SourceNote, Stated
from uguaglianza.model._types import (
    BodyRef,
    ContactKind,
    Ground,
    OperatingStatus,
    OrganisationRef,
    ProjectRef,
    ServiceKind,
    TargetGroup,
    TerritoryRef,
    Weekday,
)

__all__ = [
    "Capacity",
    "Contact",
    "NetworkMembership",
    "OpeningHours",
    "Service",
    "StatusSpell",
    "Tenure",
]

_CLOCK = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")
Clock = Annotated[str, StringConstraints(pattern=_CLOCK.pattern)]


class Tenure(Stated):
    """An organisation running a service over a period (operators change at each tender)."""

    operator: OrganisationRef
    period: Period | None = None
    note: str | None = None
    source: SourceNote | None = None


class NetworkMembership(Stated):
    """A service's membership of a network over a period."""

    network: BodyRef
    period: Period | None = None
    note: str | None = None
    source: SourceNote | None = None


class StatusSpell(Stated):
    """The state of a service or body over a period: active, suspended, closed..."""

    status: OperatingStatus
    period: Period | None = None
    note: str | None = None
    source: SourceNote | None = None


class Capacity(Stated):
    """How many people a service can take in over a period (places, beds)."""

    places: Annotated[int, Field(ge=0)]
    unit: str | None = None
    """What a place is, as written ("posti letto", "nuclei")."""
    period: Period | None = None
    note: str | None = None
    source: SourceNote | None = None


class Contact(Stated):
    """A public contact of a service or body (never a person's own)."""

    kind: ContactKind
    value: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    label: str | None = None
    """What the contact is for ("emergenze 24h", "segreteria")."""
    source: SourceNote | None = None


class OpeningHours(Stated):
    """When a service is open: days of the week and a time range, in local time."""

    days: tuple[Weekday, ...]
    opens: Clock
    closes: Clock
    period: Period | None = None
    """When these hours apply (summer hours)."""
    note: str | None = None


class Service(Named):
    """A service open to the public, run by operators over time for some territories."""

    kind: ServiceKind
    description: str | None = None
    operators: tuple[Tenure, ...] = ()
    """Who runs the service, each over its period."""
    territories: tuple[TerritoryRef, ...] = ()
    networks: tuple[NetworkMembership, ...] = ()
    """The networks of services it belongs to, each over its period."""
    project: ProjectRef | None = None
    """The project that creates or strengthens it."""
    offers: tuple[ServiceKind, ...] = ()
    """Other kinds of service it provides itself (a centre offering legal advice)."""
    grounds: tuple[Ground, ...] = ()
    target_groups: tuple[TargetGroup, ...] = ()
    statuses: tuple[StatusSpell, ...] = ()
    """Active, suspended, awaiting reactivation, closed: each over its period."""
    capacity: tuple[Capacity, ...] = ()
    contacts: tuple[Contact, ...] = ()
    opening_hours: tuple[OpeningHours, ...] = ()
    opening_hours_text: str | None = None
    """The opening hours as written, when they do not fit ``opening_hours``."""
    url: str | None = None
    email: str | None = None
    period: Period | None = None

    def operators_at(self, day: date) -> tuple[str, ...]:
        """Ids of the operators whose tenure includes *day*."""
        return tuple(
            tenure.operator
            for tenure in self.operators
            if tenure.period is None or tenure.period.active_on(day)
        )
