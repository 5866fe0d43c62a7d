"""Official acts (letters, decrees, resolutions) and what they do to plans and projects."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from uguaglianza.dates import PartialDate
from uguaglianza.model._base import Model, Named, SourceNote
from uguaglianza.model._types import (
    ActEffectKind,
    ActKind,
    ActorRef,
    ActTargetRef,
    MemberRef,
    SignatoryRef,
)

__all__ = ["Act", "ActEffect"]


class ActEffect(Model):
    """What an act does to a plan, project or body: announces, adopts, gives an opinion..."""

    effect: ActEffectKind
    target: ActTargetRef
    date: PartialDate | None = None
    """When the effect takes or took place, if not the act's date."""
    planned: bool = False
    """The act announces the effect for a later date (e.g. adoption planned for July)."""
    note: str | None = None
    source: SourceNote | None = None


class Act(Named):
    """An official act with its registry number, date, issuer and signatories.

    ``name`` is the act's title or subject; ``number`` the registry (protocol) number as
    written, e.g. ``"28440/2022"``, where the year follows the slash.
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
    addressees: tuple[MemberRef, ...] = ()
    copies_to: tuple[MemberRef, ...] = ()
    """Addressed for information only ("e p.c.")."""
    effects: tuple[ActEffect, ...] = ()
    url: str | None = None
    summary: str | None = None
