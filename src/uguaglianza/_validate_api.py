"""``uguaglianza.validate``: the rules engine, plus lines and columns from the source file.

The rules never touch files; this module sits above both ``rules`` and ``io`` and, when
the document was loaded from a file, re-reads it to place each finding.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping

from uguaglianza.errors import UguaglianzaError
from uguaglianza.io._limits import DEFAULT_LIMITS
from uguaglianza.io._locate import locate_json, locate_yaml
from uguaglianza.io._source import decode_text, detect_format, read_bytes
from uguaglianza.model import Landscape, PlanDocument
from uguaglianza.rules import Finding, Loc, Report, RuleSet, Severity, check
from uguaglianza.rules.report import Purpose

__all__ = ["Finding", "Report", "validate"]


def validate(
    doc: PlanDocument | Landscape,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    profile: str | None = None,
    as_of: datetime.date | None = None,
    severity: Mapping[str, Severity | str] | None = None,
    rules: RuleSet | None = None,
    purpose: Purpose = "record",
) -> Report:
    """Check *doc* against the rules and report every finding, located in its file.

    Takes the arguments of :func:`uguaglianza.rules.check`; findings name the file, line
    and column when *doc* was loaded with :func:`uguaglianza.load`.

    Raises:
        ValueError: a selector matches no rule, or a profile or severity is unknown.
    """
    report = check(
        doc,
        rules=rules,
        select=select,
        ignore=ignore,
        severity=severity,
        profile=profile,
        as_of=as_of,
        purpose=purpose,
    )
    origin = _origin(doc)
    if origin is None or not report.findings:
        return report
    if origin.lower().endswith(".xlsx"):
        from uguaglianza.io.workbook import cell_locator

        return report.located(origin, cell=cell_locator(origin))
    return report.located(origin, _locator(origin))


def _origin(doc: PlanDocument | Landscape) -> str | None:
    try:
        return doc.origin
    except AttributeError:  # built with model_construct: no private state
        return None


def _locator(path: str) -> Callable[[Loc], tuple[int, int] | None] | None:
    """Where each path lies in the file at *path*, or None if it can no longer be read."""
    try:
        text = decode_text(read_bytes(path, limits=DEFAULT_LIMITS), file=path)
        locator = locate_json(text) if detect_format(path) == "json" else locate_yaml(text)
    except (UguaglianzaError, OSError):
        return None
    return locator.position
