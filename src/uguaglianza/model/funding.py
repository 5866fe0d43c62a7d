"""Funds, calls for proposals, grants and the projects they pay for."""

from __future__ import annotations

from uguaglianza.dates import Duration, PartialDate, Period
from uguaglianza.model._base import Money, Named, SourceNote, Stated
from uguaglianza.model._types import (
    ActorRef,
    ActRef,
    CallKind,
    CallRef,
    FundKind,
    FundRef,
    GrantStatus,
    Ground,
    MemberRef,
    OrganisationRef,
    ParticipationStatus,
    PlanRef,
    ProjectRef,
    TargetGroup,
    TerritoryRef,
)
from uguaglianza.model.money import CoFinancing, YearlyAmount

__all__ = ["Call", "Fund", "Grant", "Participant", "Phase", "Project"]


class Fund(Named):
    """A funding programme, e.g. FAMI 2021-2027 (the EU Asylum, Migration and Integration Fund)."""

    kind: FundKind | None = None
    acronym: str | None = None
    period: Period | None = None
    managing_authority: OrganisationRef | None = None
    budget: Money | None = None
    by_year: tuple[YearlyAmount, ...] = ()
    """The fund's budget split by year."""
    url: str | None = None


class Call(Named):
    """A call for proposals or expression of interest under a fund."""

    kind: CallKind | None = None
    fund: FundRef | None = None
    issuer: ActorRef | None = None
    budget: Money | None = None
    date: PartialDate | None = None
    period: Period | None = None
    """When applications were open."""
    act: ActRef | None = None


class Grant(Named):
    """Money awarded under a call to a recipient for a project."""

    call: CallRef | None = None
    fund: FundRef | None = None
    recipient: OrganisationRef | None = None
    project: ProjectRef | None = None
    amount: Money | None = None
    by_year: tuple[YearlyAmount, ...] = ()
    """The amount split by year; the years add up to ``amount`` when both are given."""
    co_financing: tuple[CoFinancing, ...] = ()
    """Who pays which share when several funders pay together."""
    duration: Duration | None = None
    period: Period | None = None
    status: GrantStatus | None = None
    decision: ActRef | None = None
    """The act admitting the project to funding."""
    date: PartialDate | None = None


class Participant(Stated):
    """A partner of a project, possibly acting through another organisation."""

    member: MemberRef
    through: OrganisationRef | None = None
    """The organisation acting on the partner's behalf (an area's special agency)."""
    status: ParticipationStatus | None = None
    role: str | None = None
    joined: PartialDate | None = None
    note: str | None = None
    source: SourceNote | None = None


class Phase(Named):
    """A phase of a project, in order."""

    order: int | None = None
    period: Period | None = None
    description: str | None = None


class Project(Named):
    """A funded project: acronym, formal title (``name``), lead, partners and phases.

    Other titles the project goes by (the approved action's title) are its ``aliases``.
    """

    acronym: str | None = None
    description: str | None = None
    lead: OrganisationRef | None = None
    """The lead applicant (capofila)."""
    partners: tuple[Participant, ...] = ()
    open_to_new_partners: bool = False
    """Further partners may join during the project."""
    phases: tuple[Phase, ...] = ()
    territories: tuple[TerritoryRef, ...] = ()
    period: Period | None = None
    duration: Duration | None = None
    plan: PlanRef | None = None
    """The plan that describes the project's actions, if any."""
    budget: Money | None = None
    """The project's total cost, when the source gives it beside the grants."""
    by_year: tuple[YearlyAmount, ...] = ()
    grounds: tuple[Ground, ...] = ()
    target_groups: tuple[TargetGroup, ...] = ()
