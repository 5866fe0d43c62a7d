"""Official acts and their life: steps, parties, effects, validity; opinions; obligations."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from uguaglianza.dates import Duration, PartialDate, Period
from uguaglianza.model._base import Named, SourceNote, Stated
from uguaglianza.model._types import (
    ActEffectKind,
    ActKind,
    ActorRef,
    ActPartyRole,
    ActRef,
    ActStepKind,
    ActTargetRef,
    AnyRef,
    Framework,
    Frequency,
    MemberRef,
    ObligationKind,
    OpinionOutcome,
    OpinionTargetRef,
    PartyRef,
    SignatoryRef,
    SignerRef,
)

__all__ = [
    "Act",
    "ActEffect",
    "ActParty",
    "ActStep",
    "Conclusion",
    "LegalReference",
    "Obligation",
    "Opinion",
]


class LegalReference(Stated):
    """A law, article or act something rests on, as cited, e.g. "D.Lgs. 198/2006 art. 48"."""

    text: Annotated[str, StringConstraints(min_length=1)]
    """The citation as written."""
    act: ActRef | None = None
    """The act in this document, when it is one of them."""
    framework: Framework | None = None
    """The framework the citation belongs to, when it is a shipped one."""
    url: str | None = None
    source: SourceNote | None = None


class ActEffect(Stated):
    """What an act does to a plan, act, body or organisation: adopts, renews, amends..."""

    effect: ActEffectKind
    target: ActTargetRef
    date: PartialDate | None = None
    """When the effect takes or took place, if not the act's date."""
    planned: bool = False
    """The act announces the effect for a later date (e.g. adoption planned for July)."""
    period: Period | None = None
    """The period the effect sets: a renewal's new validity, the year a report covers."""
    note: str | None = None
    source: SourceNote | None = None


class ActStep(Stated):
    """One dated step in an act's life: approved, signed, promulgated, published, in force."""

    step: ActStepKind
    date: PartialDate | None = None
    date_as_written: str | None = None
    """The date as the source writes it, when it cannot be made exact."""
    by: ActorRef | None = None
    """Who took the step (the council that approved, the official who signed)."""
    number: str | None = None
    """A number the step carries (a resolution number, an official journal issue)."""
    note: str | None = None
    source: SourceNote | None = None


class ActParty(Stated):
    """An organisation, body, office or person taking part in an act with a role."""

    party: PartyRef
    role: ActPartyRole = "signatory"
    date: PartialDate | None = None
    """When the party took its part (signed, approved, adhered), if not the act's date."""
    through: SignerRef | None = None
    """The person or office acting for the party (who signed for the organisation)."""
    act: ActRef | None = None
    """The party's own act (the resolution by which a committee approved)."""
    note: str | None = None
    source: SourceNote | None = None


class Conclusion(Stated):
    """A qualitative finding of a report or evaluation, as written."""

    text: Annotated[str, StringConstraints(min_length=1)]
    about: AnyRef | None = None
    """What the finding is about: an action, a service, a plan."""
    source: SourceNote | None = None


class Act(Named):
    """An official act with its registry number, date, issuer, parties, steps and effects.

    ``name`` is the act's title or subject; ``number`` the registry (protocol) number as
    written, e.g. ``"28440/2022"``, where the year follows the slash. ``date`` is the date
    the act bears; ``steps`` its other dates; ``in_force`` its validity.
    """

    kind: ActKind
    number: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None
    """Registry or protocol number as written, e.g. ``"28440/2022"``."""
    registry: str | None = None
    """The register the number belongs to, e.g. "Prot. Gen."."""
    date: PartialDate | None = None
    date_as_written: str | None = None
    """The date as the source writes it, when it cannot be made exact (no year)."""
    issuer: ActorRef | None = None
    """Who issued the act: an organisation, a post or a body (the competent body)."""
    signatories: tuple[SignatoryRef, ...] = ()
    """Who signed: persons, offices, or organisations and bodies as parties."""
    parties: tuple[ActParty, ...] = ()
    """Who else takes part, with a role: approvers, adherents, promoters..."""
    addressees: tuple[MemberRef, ...] = ()
    copies_to: tuple[MemberRef, ...] = ()
    """Addressed for information only ("e p.c.")."""
    steps: tuple[ActStep, ...] = ()
    """The act's dated steps: approved, signed, published, in force."""
    in_force: Period | None = None
    """When the act has effect (an agreement's validity); renewals are later acts."""
    effects: tuple[ActEffect, ...] = ()
    frameworks: tuple[Framework, ...] = ()
    """Frameworks the act invokes (the Istanbul Convention, the European Charter...)."""
    legal_basis: tuple[LegalReference, ...] = ()
    """The laws and acts the act rests on, as cited."""
    conclusions: tuple[Conclusion, ...] = ()
    """Qualitative findings, for a monitoring or evaluation report."""
    url: str | None = None
    summary: str | None = None


class Opinion(Named):
    """An opinion given by someone on a plan or act: who, on what, when, with what outcome.

    ``name`` describes the opinion ("Parere del CUG sul PAP 2023-2025").
    """

    by: ActorRef | None = None
    """Who gave the opinion: a committee, an office, a council."""
    on: OpinionTargetRef
    date: PartialDate | None = None
    date_as_written: str | None = None
    outcome: OpinionOutcome | None = None
    """Favourable, favourable with conditions, unfavourable, not expressed."""
    conditions: str | None = None
    """The conditions or remarks attached, as written."""
    act: ActRef | None = None
    """The act that records the opinion (a resolution, a minute, a letter)."""
    planned: bool = False
    """The opinion was foreseen and not yet given when the source was written."""
    legal_basis: tuple[LegalReference, ...] = ()
    """Where the law asks for the opinion."""


class Obligation(Named):
    """A duty with a deadline that follows from an act or a framework.

    Either a fixed ``due`` date, or ``within`` a duration from ``start`` (by default the
    date of the first act in ``arises_from``); ``every`` makes it recur (yearly monitoring).
    """

    kind: ObligationKind
    bearer: ActorRef | None = None
    """Who must do it."""
    subject: AnyRef | None = None
    """What it concerns: the plan to adopt or monitor, the agreement to renew."""
    arises_from: tuple[ActRef, ...] = ()
    """The acts it follows from (a Charter adhesion, a law)."""
    framework: Framework | None = None
    """The framework it follows from, when it is a shipped one."""
    start: PartialDate | None = None
    """Where ``within`` counts from, if not the date of the first act it arises from."""
    within: Duration | None = None
    due: PartialDate | None = None
    every: Frequency | None = None
    """How often it recurs (``annual`` for yearly monitoring)."""
    period: Period | None = None
    """For a recurring duty, the years it applies to."""
    fulfilled_by: tuple[AnyRef, ...] = ()
    """What fulfils it: the adopted plan, the report, the renewing act."""
    legal_basis: tuple[LegalReference, ...] = ()
