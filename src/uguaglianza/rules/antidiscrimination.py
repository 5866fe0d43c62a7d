"""UG8xx — anti-discrimination programmes and projects."""

from __future__ import annotations

from collections.abc import Iterator

from uguaglianza.rules.catalogue import Hit, Rule
from uguaglianza.rules.context import Context, inheritance
from uguaglianza.rules.report import Severity, Text

__all__ = ["RULES"]


def _check_grounds(ctx: Context) -> Iterator[Hit]:
    named = inheritance(ctx, lambda action: action.grounds)
    for info in ctx.plans:
        project = ctx.project_of(info.plan.id)
        if project is not None and project.grounds:
            continue  # the actions address the project's grounds
        for k, action in enumerate(info.plan.actions):
            if not named(action):
                yield Hit((*info.loc, "actions", k, "grounds"), None)


RULES: tuple[Rule, ...] = (
    Rule(
        code="UG801",
        name="action-without-ground",
        title=Text(
            "Le azioni antidiscriminazione indicano i fattori di discriminazione",
            "Anti-discrimination actions name their grounds",
        ),
        message=Text(
            "l'azione non indica i fattori di discriminazione (né li eredita dalla "
            "macro-azione o dal progetto)",
            "the action names no discrimination ground (nor inherits one from its "
            "macro-action or project)",
        ),
        hint=Text(
            "elenca in `grounds` i fattori affrontati, es. ethnic_origin, religion_or_belief",
            "list the grounds addressed under `grounds`, e.g. ethnic_origin, religion_or_belief",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Le tutele e i dati della rete antidiscriminazione sono organizzati per fattore: "
            "un'azione senza fattore non si può collegare ai casi né ai finanziamenti.",
            "Protection and anti-discrimination network data are organised by ground: an "
            "action without a ground links to neither cases nor funding.",
        ),
        basis="law",
        source="D.Lgs. 215/2003 and 216/2003; EU Charter of Fundamental Rights art. 21",
        profiles=frozenset({"anti_discrimination"}),
        check=_check_grounds,
    ),
)
