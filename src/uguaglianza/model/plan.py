"""Plans, their intervention areas, objectives, actions and milestones."""

from __future__ import annotations

from uguaglianza.dates import PartialDate, Period
from uguaglianza.model._base import Model, Money, Named, SourceNote
from uguaglianza.model._types import (
    ActionKind,
    ActionRef,
    ActionStatus,
    ActorRef,
    ActRef,
    AreaRef,
    BodyRef,
    ConditionKind,
    Domain,
    Framework,
    FundingRef,
    Ground,
    IndicatorRef,
    MilestoneKind,
    ObjectiveRef,
    OrganisationRef,
    OriginRef,
    PlanKind,
    PlanStatus,
    ReferenceArea,
    TargetGroup,
    TerritoryRef,
)
from uguaglianza.model.monitoring import Indicator

__all__ = ["Action", "Condition", "InterventionArea", "Milestone", "Objective", "Plan"]


class InterventionArea(Named):
    """An area of intervention of a plan, e.g. "Lavoro pagato".

    Names change between drafts and the adopted text, so an area keeps its other names in
    ``aliases``.
    """

    aliases: tuple[str, ...] = ()
    """Other names for the same area, e.g. from the draft and the adopted text."""
    reference: ReferenceArea | None = None
    """A reference area it corresponds to (Horizon Europe GEP, national strategy)."""
    description: str | None = None


class Objective(Named):
    """What a plan wants to achieve within one or more areas."""

    areas: tuple[AreaRef, ...] = ()
    indicators: tuple[IndicatorRef, ...] = ()
    period: Period | None = None
    description: str | None = None


class Condition(Model):
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


class Milestone(Model):
    """A step in a plan's life: presented, adopted, given opinions on; done or planned."""

    kind: MilestoneKind
    date: PartialDate | None = None
    planned: bool = False
    """The step was announced for *date* and had not happened when the source was written."""
    act: ActRef | None = None
    body: BodyRef | None = None
    """The body where the step takes place (a conference session, a council)."""
    description: str | None = None
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
    areas: tuple[InterventionArea, ...] = ()
    objectives: tuple[Objective, ...] = ()
    actions: tuple[Action, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    milestones: tuple[Milestone, ...] = ()
