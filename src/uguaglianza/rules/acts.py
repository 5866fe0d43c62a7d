"""Reading acts and plans for the lifecycle rules: dates, adoptions, opinions, places.

An act's date is the date it bears, else the date of its adoption, approval or signature
step; a plan's adoption dates come from :func:`uguaglianza.rules.time.adoptions`.
"""

from __future__ import annotations

import attrs

from uguaglianza.dates import PartialDate
from uguaglianza.model import Act, Plan, PlanDocument
from uguaglianza.rules.context import Context
from uguaglianza.rules.report import Loc
from uguaglianza.rules.time import adoptions

__all__ = ["DATING_STEPS", "Dated", "act_date", "adoption_dates", "located_plans", "opinions_on"]

#: Steps that give an act its date when ``date`` is empty, in order of preference.
DATING_STEPS = ("adopted", "approved", "signed", "promulgated")


@attrs.frozen(slots=True)
class Dated:
    """Something dated at a place: an opinion, an evaluation, a signature.

    ``date`` is None when the document records the date as not stated (``unstated``).
    """

    loc: Loc
    date: PartialDate | None
    unstated: bool = False


def located_plans(doc: object) -> list[tuple[Plan, Loc]]:
    """Every plan of the document with its place, related plans included."""
    if isinstance(doc, PlanDocument):
        related = [(plan, ("related_plans", i)) for i, plan in enumerate(doc.related_plans)]
        return [(doc.plan, ("plan",)), *related]
    return [(plan, ("plans", i)) for i, plan in enumerate(getattr(doc, "plans", ()))]


def act_date(act: Act) -> PartialDate | None:
    """The date *act* bears, or the date of its adoption, approval or signature step."""
    if act.date is not None:
        return act.date
    for kind in DATING_STEPS:
        for step in act.steps:
            if step.step == kind and step.date is not None:
                return step.date
    return None


def adoption_dates(ctx: Context, target: str | None) -> list[PartialDate]:
    """When *target* was adopted: a plan's adoptions, or an act's own date."""
    record = ctx.entity(target)
    if record is None:
        return []
    if record.kind == "plan":
        found = adoptions(ctx, record.entity, record.loc)
        return [adoption.date for adoption in found if adoption.date is not None]
    if record.kind == "act":
        day = act_date(record.entity)
        return [] if day is None else [day]
    return []


def opinions_on(ctx: Context, target: str) -> list[tuple[Dated, str | None]]:
    """Opinions given (not planned) on *target*, with who gave them, in document order.

    Read from the ``opinions`` registry and from acts with a ``gives_opinion`` effect;
    an act's opinion is given by its issuer.
    """
    found: list[tuple[Dated, str | None]] = []
    for i, opinion in enumerate(ctx.doc.opinions):
        if opinion.on == target and not opinion.planned:
            dated = Dated(("opinions", i, "date"), opinion.date, opinion.is_absent("date"))
            found.append((dated, opinion.by))
    for record in ctx.effects_on(target):
        effect = record.effect
        if ctx.is_a("act_effects", effect.effect, "gives_opinion") and not effect.planned:
            day = effect.date or act_date(record.act)
            unstated = day is None and record.act.is_absent("date")
            found.append((Dated(record.loc, day, unstated), record.act.issuer))
    return found
