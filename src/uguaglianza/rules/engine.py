"""Running rules over a document: selection, profiles, severities, and crash isolation."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence

from uguaglianza._gc import paused_gc
from uguaglianza.errors import Issue, shorten
from uguaglianza.model import Landscape, Plan, PlanDocument, Stated, format_loc
from uguaglianza.model._resolve import declared_codelist
from uguaglianza.rules.catalogue import Hit, Rule, RuleSet, check_profile, profile_and_kind
from uguaglianza.rules.context import Context, PlanInfo
from uguaglianza.rules.fingerprint import finding_fingerprint
from uguaglianza.rules.internal import CRASH, UNREADABLE
from uguaglianza.rules.report import (
    Finding,
    Loc,
    PlanProfile,
    Purpose,
    Report,
    Severity,
    Text,
)

__all__ = ["check", "report_from_issues"]

#: How the loader's issue codes map onto catalogue codes; others are structural (UG000).
ISSUE_CODES: Mapping[str, str] = {
    "dangling_reference": "UG001",
    "duplicate_id": "UG002",
    "wrong_reference_kind": "UG003",
    "unknown_code": "UG004",
    "unknown_codelist": "UG005",
}


def check(
    doc: PlanDocument | Landscape,
    *,
    rules: RuleSet | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    severity: Mapping[str, Severity | str] | None = None,
    profile: str | None = None,
    as_of: datetime.date | None = None,
    purpose: Purpose = "record",
) -> Report:
    """Run the semantic rules over *doc* and report what they find (without positions).

    A rule answers "holds", "does not hold" or "not known" (the document records the
    fact as not stated, or a partial date leaves the answer open). *purpose* decides how
    "not known" is reported: ``record`` (the default, for modelling someone else's plan
    from its sources) lowers an error to a warning that names what to find out;
    ``comply`` (checking one's own plan) keeps the rule's severity.

    Args:
        doc: a plan document or landscape, loaded or built in Python.
        rules: the rules to choose from; the built-in catalogue by default.
        select: codes, code prefixes or family names to run (default: all).
        ignore: codes, prefixes or families not to run; the most specific selector wins.
        severity: severity by code, prefix or family, e.g. ``{"UG3": "info"}``.
        profile: check every plan under this profile instead of the one its kind implies.
        as_of: the date for checks "at a date" and "already past" (default: today).
        purpose: ``record`` or ``comply``, see above.

    Raises:
        ValueError: a selector matches no rule, or a profile, severity or purpose is unknown.
    """
    if purpose not in ("record", "comply"):
        raise ValueError(f"unknown purpose {purpose!r}; use 'record' or 'comply'")
    ruleset = rules if rules is not None else RuleSet.default()
    ignored = list(ignore or ())
    chosen = ruleset.select(select, ignored)
    levels = _severities(ruleset, severity or {})
    crash_reported = not any(CRASH.code.startswith(ruleset.resolve(s)) for s in ignored)
    if profile is not None:
        check_profile(profile)
    plans, profiles = _plans(doc, profile)
    ctx = Context(doc, as_of=as_of or datetime.date.today(), all_plans=plans)
    # Indexing allocates millions of small objects and holds no reference cycles; pausing
    # the collector spares repeated full collections, as reading documents does.
    with paused_gc():
        findings = _run(chosen, ctx, levels, crash_reported, purpose)
    return Report(tuple(findings), chosen, profiles)


def _run(
    chosen: Sequence[Rule],
    ctx: Context,
    levels: Sequence[tuple[str, Severity]],
    crash_reported: bool,
    purpose: Purpose = "record",
) -> list[Finding]:
    findings: list[Finding] = []
    for rule in chosen:
        if rule.check is None:
            continue
        view = ctx
        if rule.profiles:
            scoped = [info for info in ctx.all_plans if rule.applies_to(info.profile)]
            if not scoped:
                continue
            view = ctx.scoped(scoped)
        level = _level(rule, levels)
        try:
            found = [_finding(rule, hit, level, purpose, ctx.doc) for hit in rule.check(view)]
        except Exception as error:  # one rule's bug must not stop the others
            if crash_reported:
                findings.append(_crash(rule, error))
            continue
        findings.extend(found)
    return findings


def _plans(
    doc: PlanDocument | Landscape, profile: str | None
) -> tuple[list[PlanInfo], tuple[PlanProfile, ...]]:
    """Each plan with the profile it is checked under, and that choice as reported."""
    located: list[tuple[Plan, Loc]]
    if isinstance(doc, PlanDocument):
        located = [(doc.plan, ("plan",))]
    else:
        located = [(plan, ("plans", i)) for i, plan in enumerate(doc.plans)]
    try:
        kinds = declared_codelist("plan_kinds", doc.codelists.get("plan_kinds", ()))
    except ValueError:  # a broken declaration is reported by UG004/UG005
        kinds = declared_codelist("plan_kinds", ())
    infos: list[PlanInfo] = []
    chosen: list[PlanProfile] = []
    for plan, loc in located:
        name, source = profile_and_kind(plan.kind, kinds.lineage(plan.kind))
        via = source if source not in (None, plan.kind) else None
        infos.append(PlanInfo(plan, loc, profile or name))
        chosen.append(_chosen(plan, loc, profile or name, None if profile else via, profile))
    if isinstance(doc, PlanDocument):
        # Related plans are context the sources give (the plan superseded, the PIAO the
        # PAP is part of): checked for consistency under the basic profile; a plan checked
        # under its own profile belongs in a document of its own or in a landscape.
        for i, plan in enumerate(doc.related_plans):
            loc = ("related_plans", i)
            infos.append(PlanInfo(plan, loc, profile or "basic"))
            chosen.append(_chosen(plan, loc, profile or "basic", None, profile))
    return infos, tuple(chosen)


def _chosen(plan: Plan, loc: Loc, name: str, via: str | None, forced: str | None) -> PlanProfile:
    return PlanProfile(plan.id, format_loc(loc), plan.kind, name, via, forced is not None)


def _severities(
    ruleset: RuleSet, overrides: Mapping[str, Severity | str]
) -> list[tuple[str, Severity]]:
    """Overrides as (prefix, severity), least specific first so the most specific wins."""
    levels = []
    for selector, value in overrides.items():
        try:
            level = Severity(value)
        except ValueError:
            known = ", ".join(s.value for s in Severity)
            raise ValueError(f"unknown severity {value!r} for {selector!r}; use {known}") from None
        levels.append((ruleset.resolve(selector), level))
    return sorted(levels, key=lambda item: len(item[0]))


def _level(rule: Rule, levels: Sequence[tuple[str, Severity]]) -> Severity:
    found = rule.severity
    for prefix, level in levels:
        if rule.code.startswith(prefix):
            found = level
    return found


_NOT_KNOWN = Text("non è noto se la regola è rispettata: {message}", "not known: {message}")
_FIND_OUT = Text("da verificare: {hint}", "find out: {hint}")


def _declared_absent(doc: object, loc: Loc) -> bool:
    """Whether the field at *loc* is one its owner records in ``absent``."""
    if not loc or not isinstance(loc[-1], str):
        return False
    owner: object = doc
    try:
        for part in loc[:-1]:
            owner = owner[part] if isinstance(part, int) else getattr(owner, part)  # type: ignore[index]
    except (AttributeError, IndexError, KeyError, TypeError):
        return False
    return isinstance(owner, Stated) and loc[-1] in owner.absent


def _finding(
    rule: Rule,
    hit: Hit,
    severity: Severity,
    purpose: Purpose = "comply",
    doc: object = None,
) -> Finding:
    message = rule.message.format(hit.args)
    hint = rule.hint.format(hit.args)
    known = hit.known and not (hit.value is None and _declared_absent(doc, hit.loc))
    if not known:
        message = _NOT_KNOWN.format({"message": message})
        hint = _FIND_OUT.format({"hint": hint})
        if purpose == "record" and severity is Severity.ERROR:
            severity = Severity.WARNING
    return Finding(
        code=rule.code,
        severity=severity,
        message=message,
        hint=hint,
        title=rule.title,
        path=format_loc(hit.loc),
        loc=hit.loc,
        value=None if hit.value is None else shorten(hit.value),
        known=known,
        fingerprint=finding_fingerprint(rule.code, doc, hit.loc),
    )


def _crash(rule: Rule, error: Exception) -> Finding:
    detail = " ".join(f"{type(error).__name__}: {error}".split())
    detail = detail if len(detail) <= 120 else detail[:119] + "…"
    return _finding(CRASH, Hit((), None, {"rule": rule.code, "error": detail}), CRASH.severity)


def report_from_issues(
    issues: Iterable[Issue], *, unreadable: bool = False, rules: RuleSet | None = None
) -> Report:
    """The loader's issues as a report, under the catalogue's codes (UG000-UG005, UG901).

    A reference or code problem keeps the loader's precise English message; structural
    and reading problems carry it as their detail.
    """
    ruleset = rules if rules is not None else RuleSet.default()
    findings = []
    used: dict[str, Rule] = {}
    for issue in issues:
        code = UNREADABLE.code if unreadable else ISSUE_CODES.get(issue.code, "UG000")
        rule = ruleset.get(code) or UNREADABLE
        used[rule.code] = rule
        detail = issue.message + (f"; {issue.hint}" if issue.hint else "")
        message = rule.message.format({"detail": detail})
        hint = rule.hint
        if code in ISSUE_CODES.values():
            message = Text(message.it, issue.message)
            hint = Text(hint.it, issue.hint or hint.en)
        findings.append(
            Finding(
                code=rule.code,
                severity=rule.severity,
                message=message,
                hint=hint,
                title=rule.title,
                path=issue.path,
                value=issue.value,
                file=issue.file,
                line=issue.line,
                column=issue.column,
                cell=issue.cell,
            )
        )
    return Report(tuple(findings), tuple(used[code] for code in sorted(used)))
