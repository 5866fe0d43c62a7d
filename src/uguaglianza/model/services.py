"""Services that reach people: desks, centres, anti-violence centres, reporting platforms."""

from __future__ import annotations

from uguaglianza.dates import Period
from uguaglianza.model._base import Named
from uguaglianza.model._types import (
    BodyRef,
    Ground,
    OrganisationRef,
    ProjectRef,
    ServiceKind,
    TargetGroup,
    TerritoryRef,
)

__all__ = ["Service"]


class Service(Named):
    """A service open to the public, run by an operator for some territories."""

    kind: ServiceKind
    description: str | None = None
    operator: OrganisationRef | None = None
    territories: tuple[TerritoryRef, ...] = ()
    network: BodyRef | None = None
    """The network of services it belongs to."""
    project: ProjectRef | None = None
    """The project that creates or strengthens it."""
    grounds: tuple[Ground, ...] = ()
    target_groups: tuple[TargetGroup, ...] = ()
    url: str | None = None
    email: str | None = None
    period: Period | None = None
