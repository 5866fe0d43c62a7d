"""The built-in catalogue: every family's rules, in code order."""

from __future__ import annotations

from uguaglianza.rules import (
    antidiscrimination,
    completeness,
    document,
    funding,
    gep,
    internal,
    machinery,
    pap,
    territory,
    time,
)
from uguaglianza.rules.catalogue import Rule

__all__ = ["BUILTIN_RULES"]

BUILTIN_RULES: tuple[Rule, ...] = (
    *document.RULES,
    *territory.RULES,
    *time.RULES,
    *completeness.RULES,
    *funding.RULES,
    *gep.RULES,
    *pap.RULES,
    *machinery.RULES,
    *antidiscrimination.RULES,
    *internal.RULES,
)
