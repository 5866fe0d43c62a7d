"""The built-in catalogue: every family's rules, in code order."""

from __future__ import annotations

from uguaglianza.rules import (
    antidiscrimination,
    completeness,
    deadlines,
    document,
    frameworks,
    funding,
    gep,
    identifiers,
    internal,
    lifecycle,
    machinery,
    money,
    monitoring,
    opinions,
    pap,
    services,
    territory,
    time,
)
from uguaglianza.rules.catalogue import Rule

__all__ = ["BUILTIN_RULES"]

BUILTIN_RULES: tuple[Rule, ...] = (
    *document.RULES,
    *identifiers.RULES,
    *frameworks.RULES,
    *territory.RULES,
    *time.RULES,
    *lifecycle.RULES,
    *deadlines.RULES,
    *completeness.RULES,
    *monitoring.RULES,
    *funding.RULES,
    *money.RULES,
    *gep.RULES,
    *pap.RULES,
    *opinions.RULES,
    *machinery.RULES,
    *services.RULES,
    *antidiscrimination.RULES,
    *internal.RULES,
)
