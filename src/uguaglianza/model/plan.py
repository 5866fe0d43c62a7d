"""Plans, their intervention areas, objectives, actions and milestones."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from uguaglianza.dates import PartialDate, Period
from uguaglianza.model._base import Amount, Money, Named, SourceNote, Stated
from uguaglianza.model._types import (
    ActionKind,
    ActionRef,
    ActionStatus,
    ActorRef,
    ActRef,
    AreaRef,
    BodyRef,
    ConditionKind,
    ContributionRole,
    Domain,
    Framework,
    Frequency,
    FundingRef,
    Ground,
    IndicatorRef,
    MilestoneKind,
    ObjectiveRef,
    OrganisationRef,
    OriginRef,
    PlanKind,
    PlanLinkKind,
    PlanRef,
    PlanStatus,
    ReferenceArea,
    TargetGroup,
    TerritoryRef,
)
from uguaglianza.model.acts import LegalReference
from uguaglianza.model.money import YearlyAmount
from uguaglianza.model.monitoring import Indicator

__all__ = [
    "Action",
    "Condition",
    "Contribution",
    "FollowedFramework",
    "InterventionArea",
    "Milestone",
    "Objective",
    "Plan",
    "PlanLink",
    "Resources",
    "Staffing",
]


class InterventionArea(Named):
    """An area of intervention of a plan, e.g. "Lavoro pagato".

    Names change between drafts and the adopted text, so an area keeps its other names in
    ``aliases``.
    """

    reference: ReferenceArea | None = None
    """A reference area it corresponds to (Horizon Europe GEP, national strategy)."""
    description: str | None = None


class Objective(Named):
    """What a plan wants to achieve within one or more areas."""

    areas: tuple[AreaRef, ...] = ()
    indicators: tuple[IndicatorRef, ...] = ()
    period: Period | None = None
    description: str | None = None


class Condition(Stated):
    """A condition an action depends on, e.g. "if adequate resources are found"."""

    kind: ConditionKind
    text: str | None = None
    """The condition as written in the source."""
    source: SourceNote | None = None


class Action(Named):
    """A macro-action, action, flagship measure or good practice of a plan."""

    kind: ActionKind = "action"
    description: str | None = None
    parent: ActionRef | None = None
    """The macro-action this action details."""
    areas: tuple[AreaRef, ...] = ()
    objectives: tuple[ObjectiveRef, ...] = ()
    lead: ActorRef | None = None
    """The one organisation, person, post or body responsible."""
    partners: tuple[ActorRef, ...] = ()
    territories: tuple[TerritoryRef, ...] = ()
    """Where the action takes place."""
    period: Period | None = None
    budget: Money | None = None
    funding: tuple[FundingRef, ...] = ()
    grounds: tuple[Ground, ...] = ()
    """Discrimination grounds addressed."""
    intersectional: bool = False
    """The action addresses the combination of grounds (multiple or intersectional)."""
    domains: tuple[Domain, ...] = ()
    """Domains of life addressed (employment, education...)."""
    target_groups: tuple[TargetGroup, ...] = ()
    status: ActionStatus | None = None
    conditions: tuple[Condition, ...] = ()
    frameworks: tuple[Framework, ...] = ()
    indicators: tuple[IndicatorRef, ...] = ()
    origin: OriginRef | None = None
    """For a good practice: the comune, district or organisation it comes from."""
    budget_by_year: tuple[YearlyAmount, ...] = ()
    """The budget split by year; the years add up to ``budget`` when both are given."""
    audience: str | None = None
    """For training and awareness: who it is for, as written ("all staff", "managers")."""
    hours: Amount | None = None
    """For training: hours per participant, or of the whole course as the source says."""


class Milestone(Stated):
    """A step in a plan's life: presented, adopted, given opinions on; done or planned."""

    kind: MilestoneKind
    date: PartialDate | None = None
    date_as_written: str | None = None
    """The date as the source writes it ("autunno 2022", "entro luglio")."""
    planned: bool = False
    """The step was announced for *date* and had not happened when the source was written."""
    place: str | None = None
    """Where it happened (a presentation's venue)."""
    act: ActRef | None = None
    body: BodyRef | None = None
    """The body where the step takes place (a conference session, a council)."""
    description: str | None = None
    source: SourceNote | None = None


class PlanLink(Stated):
    """A typed link from a plan to another: supersedes, part of, implements, reports on..."""

    kind: PlanLinkKind
    plan: PlanRef
    date: PartialDate | None = None
    """When the link took effect (the date a plan replaced the older one)."""
    note: str | None = None
    source: SourceNote | None = None


class Staffing(Stated):
    """People working for a plan: a role, how many, and their time in full-time equivalents."""

    role: str | None = None
    """As written: "equality officer", "gender equality team"."""
    persons: Annotated[int, Field(ge=0)] | None = None
    fte: Amount | None = None
    """Full-time equivalents."""
    unit: ActorRef | None = None
    """The office or body they work in."""
    note: str | None = None
    source: SourceNote | None = None


class Resources(Stated):
    """What a plan has to work with: money (total and by year), people, a structure."""

    budget: Money | None = None
    """The total over the plan's period."""
    by_year: tuple[YearlyAmount, ...] = ()
    staff: tuple[Staffing, ...] = ()
    structures: tuple[ActorRef, ...] = ()
    """Dedicated structures: an equality office, a body, a post."""
    description: str | None = None
    """The resources as the source describes them."""
    source: SourceNote | None = None


class Contribution(Stated):
    """Someone who took part in making a plan: drafted it, gave technical assistance..."""

    actor: ActorRef
    role: ContributionRole
    note: str | None = None
    source: SourceNote | None = None


class FollowedFramework(Stated):
    """The version of a framework a plan follows: the Charter of 2006 or of 2022."""

    framework: Framework
    """The framework's code (``cemr_charter``, ``horizon_europe_gep``, ``sdg_5``...)."""
    version: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    """The version's name as shipped (``2006``, ``2022``): see the codelists page."""
    source: SourceNote | None = None


class Plan(Named):
    """An equality plan, GEP, PAP, programme, set of sectoral objectives or project plan."""

    kind: PlanKind
    short_name: str | None = None
    description: str | None = None
    owner: OrganisationRef | None = None
    """The organisation whose plan this is."""
    scope: tuple[TerritoryRef, ...] = ()
    """The territories the plan covers."""
    period: Period | None = None
    status: PlanStatus | None = None
    frameworks: tuple[Framework, ...] = ()
    """Frameworks the plan refers to (SDG 5, the European Charter...)."""
    follows: tuple[FollowedFramework, ...] = ()
    """The version of each framework the plan follows; mappings are checked against it."""
    links: tuple[PlanLink, ...] = ()
    """Links to other plans: the plan it supersedes, the PIAO it is part of..."""
    legal_basis: tuple[LegalReference, ...] = ()
    """The laws and acts the plan rests on, as cited."""
    principles: tuple[str, ...] = ()
    """The principles the plan states, as written."""
    grounds: tuple[Ground, ...] = ()
    """Discrimination grounds the plan as a whole addresses."""
    target_groups: tuple[TargetGroup, ...] = ()
    resources: Resources | None = None
    monitoring_frequency: Frequency | None = None
    """How often the plan says it is monitored."""
    contributors: tuple[Contribution, ...] = ()
    """Who drafted the plan, gave technical assistance, was consulted."""
    url: str | None = None
    areas: tuple[InterventionArea, ...] = ()
    objectives: tuple[Objective, ...] = ()
    actions: tuple[Action, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    milestones: tuple[Milestone, ...] = ()
