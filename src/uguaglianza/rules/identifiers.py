"""UG010-UG011 — identifiers in public registers: their shape and their check characters.

A scheme of the ``identifier_schemes`` codelist may carry a ``pattern`` (a regular
expression the value matches) and a ``check`` (the name of a check-character algorithm,
see :mod:`uguaglianza.rules.checkdigits`). A scheme the document declares inherits both
from its broader scheme.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from uguaglianza.rules.catalogue import Hit, Rule
from uguaglianza.rules.checkdigits import CHECKS
from uguaglianza.rules.context import Context
from uguaglianza.rules.report import Severity, Text

__all__ = ["RULES", "scheme_rules"]

_SCHEMES = "identifier_schemes"


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def scheme_rules(ctx: Context, scheme: str) -> tuple[str | None, str | None]:
    """The ``pattern`` and ``check`` of *scheme*, from it or its nearest broader scheme."""
    codelist = ctx.codelist(_SCHEMES)
    pattern = check = None
    for code in codelist.lineage(scheme):
        entry = codelist.get(code)
        if entry is None:
            continue
        pattern = pattern or entry.extra.get("pattern")
        check = check or entry.extra.get("check")
    return pattern, check


def _identifiers(ctx: Context) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    for record in ctx.entities.values():
        for j, identifier in enumerate(getattr(record.entity, "identifiers", ())):
            yield (*record.loc, "identifiers", j, "value"), identifier.scheme, identifier.value


def _check_pattern(ctx: Context) -> Iterator[Hit]:
    for loc, scheme, value in _identifiers(ctx):
        pattern, _ = scheme_rules(ctx, scheme)
        if pattern is not None and not _compiled(pattern).fullmatch(value):
            yield Hit(loc, value, {"scheme": scheme, "pattern": pattern})


def _check_digit(ctx: Context) -> Iterator[Hit]:
    for loc, scheme, value in _identifiers(ctx):
        pattern, check = scheme_rules(ctx, scheme)
        verify = CHECKS.get(check or "")
        if verify is None or (pattern is not None and not _compiled(pattern).fullmatch(value)):
            continue  # a malformed value is reported by UG010
        if not verify(value):
            yield Hit(loc, value, {"scheme": scheme})


_SOURCE = "The register of each scheme (codelist identifier_schemes, key `source`)"

RULES: tuple[Rule, ...] = (
    Rule(
        code="UG010",
        name="malformed-identifier",
        title=Text(
            "Gli identificativi hanno la forma del loro schema",
            "Identifiers have the shape of their scheme",
        ),
        message=Text(
            "il valore non ha la forma di un identificativo {scheme} ({pattern})",
            "the value does not have the shape of a {scheme} identifier ({pattern})",
        ),
        hint=Text(
            "scrivi l'identificativo come lo scrive il registro, senza prefissi né spazi "
            "(es. un ORCID senza https://orcid.org/)",
            "write the identifier as its register does, without prefixes or spaces (e.g. "
            "an ORCID without https://orcid.org/)",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Un identificativo malformato non si ritrova nel registro: il collegamento tra "
            "dati si perde.",
            "A malformed identifier cannot be found in its register: the link between data "
            "sets is lost.",
        ),
        basis="consistency",
        source=_SOURCE,
        check=_check_pattern,
    ),
    Rule(
        code="UG011",
        name="identifier-check-character",
        title=Text(
            "Il carattere di controllo degli identificativi è corretto",
            "Identifiers' check characters are right",
        ),
        message=Text(
            "il carattere di controllo dell'identificativo {scheme} è sbagliato",
            "the check character of the {scheme} identifier is wrong",
        ),
        hint=Text(
            "ricopia l'identificativo dal registro: una cifra è errata o scambiata",
            "copy the identifier again from its register: a digit is wrong or swapped",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Partita IVA, codice fiscale, ORCID e ROR hanno un carattere di controllo che "
            "rileva le cifre sbagliate o scambiate.",
            "The partita IVA, codice fiscale, ORCID and ROR carry a check character that "
            "catches wrong or swapped digits.",
        ),
        basis="law",
        source="DPR 633/1972 art. 35 (partita IVA); DM 23 dicembre 1976 (codice fiscale); "
        "ISO/IEC 7064 (ORCID MOD 11-2, ROR MOD 97-10)",
        check=_check_digit,
    ),
)
