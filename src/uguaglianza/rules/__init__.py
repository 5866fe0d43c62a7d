"""Semantic validation: a catalogue of rules a domain expert expects, and the engine.

:func:`check` runs the rules over a document and returns a :class:`Report` of
:class:`Finding` values, each with a stable code (``UG`` + three digits, grouped by
family), a severity, the JSON path, the offending value and a message and hint in
Italian and English. ``uguaglianza.validate`` does the same and adds the line and column
of each finding when the document was loaded from a file::

    from uguaglianza.rules import RuleSet, check

    report = check(doc, select=["UG3"], ignore=["UG301"], as_of=date(2024, 1, 1))
    print(report.to_text(lang="it"))
    print(report.profiles_text())  # the profile each plan was checked under

The catalogue is data (:class:`Rule` records); ``docs/rules.md`` is generated from it.
Register rules of your own on a :class:`RuleSet` (see :mod:`uguaglianza.rules.catalogue`).
"""

from uguaglianza.rules.catalogue import (
    FAMILIES,
    PROFILES,
    Basis,
    Check,
    Family,
    Hit,
    Profile,
    Rule,
    RuleSet,
    profile_for_kind,
)
from uguaglianza.rules.context import Context, PlanInfo
from uguaglianza.rules.docpage import catalogue_markdown
from uguaglianza.rules.engine import check, report_from_issues
from uguaglianza.rules.report import Finding, Lang, Loc, PlanProfile, Report, Severity, Text

__all__ = [
    "FAMILIES",
    "PROFILES",
    "Basis",
    "Check",
    "Context",
    "Family",
    "Finding",
    "Hit",
    "Lang",
    "Loc",
    "PlanInfo",
    "PlanProfile",
    "Profile",
    "Report",
    "Rule",
    "RuleSet",
    "Severity",
    "Text",
    "catalogue_markdown",
    "check",
    "profile_for_kind",
    "report_from_issues",
]
