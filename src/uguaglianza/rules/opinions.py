"""UG604 — opinions on positive-action plans: who stands for the CUG and the adviser.

The CUG is an organisation or a body of kind ``cug`` (or a narrower kind), an office in
it, or the person holding one; the consigliera di parità a post of kind
``consigliera_di_parita`` at any level (national, regional, provincial: narrower codes),
its holder, or an organisation of kind ``equality_adviser``. The CUG whose opinion the
law asks for is the administration's own: its organisation, or the body's convener, is
the plan's owner or an organisation above it.
"""

from __future__ import annotations

from collections.abc import Iterator

from uguaglianza.rules.acts import opinions_on
from uguaglianza.rules.catalogue import Hit, Rule
from uguaglianza.rules.context import Context
from uguaglianza.rules.report import Loc, Severity, Text

__all__ = ["RULES", "roles"]

_LAW = "D.Lgs. 198/2006 (Codice delle pari opportunità) art. 48"
_PAP = frozenset({"pap"})


def roles(ctx: Context, actor: str | None, seen: frozenset[str] = frozenset()) -> set[str]:
    """``cug`` and/or ``adviser``: what *actor* stands for when it gives an opinion.

    The CUG is an organisation or a body of kind ``cug`` (or narrower), an office in it,
    or the person holding one; the adviser a post of kind ``consigliera_di_parita`` at any
    level, its holder, or an organisation of kind ``equality_adviser``.
    """
    record = ctx.entity(actor)
    if record is None or actor is None or actor in seen:
        return set()
    found: set[str] = set()
    kind = record.entity.kind if record.kind != "person" else None
    if record.kind == "organisation":
        if ctx.is_a("organisation_kinds", kind, "cug"):
            found.add("cug")
        if ctx.is_a("organisation_kinds", kind, "equality_adviser"):
            found.add("adviser")
    elif record.kind == "body":
        if ctx.is_a("body_kinds", kind, "cug"):
            found.add("cug")
    elif record.kind == "post":
        if ctx.is_a("post_kinds", kind, "consigliera_di_parita"):
            found.add("adviser")
        found.update(roles(ctx, record.entity.organisation, seen | {actor}) & {"cug"})
    elif record.kind == "person":
        for post in ctx.posts_held(actor):
            found.update(roles(ctx, post, seen | {actor}))
    return found


def _cug_givers(ctx: Context, plan_id: str) -> Iterator[tuple[Loc, str]]:
    """Who gave a CUG opinion on the plan, with the place of the opinion."""
    for dated, by in opinions_on(ctx, plan_id):
        if by is not None and "cug" in roles(ctx, by):
            yield dated.loc, by
    for loc, relation in ctx.relations_to(plan_id, "gives_opinion_on"):
        if "cug" in roles(ctx, relation.subject):
            yield (*loc, "subject"), relation.subject


def _check_cug_of_owner(ctx: Context) -> Iterator[Hit]:
    for info in ctx.plans:
        owner = info.plan.owner
        if owner is None or ctx.kind_of(owner) != "organisation":
            continue
        for loc, by in _cug_givers(ctx, info.plan.id):
            if ctx.organisations_of(by) and not ctx.acts_for(by, owner):
                yield Hit(loc, by, {"owner": owner})


RULES: tuple[Rule, ...] = (
    Rule(
        code="UG604",
        name="pap-cug-of-another-administration",
        title=Text(
            "Il parere sul PAP è del CUG della stessa amministrazione",
            "The opinion on a PAP comes from the administration's own CUG",
        ),
        message=Text(
            "il CUG che ha dato il parere non appartiene a {owner}, titolare del piano",
            "the CUG that gave the opinion does not belong to {owner}, which owns the plan",
        ),
        hint=Text(
            "indica il CUG dell'ente (`parent` dell'organizzazione CUG, o `convener` "
            "dell'organo CUG), o correggi `owner`",
            "name the organisation's own CUG (the CUG organisation's `parent`, or the CUG "
            "body's `convener`), or correct `owner`",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "La legge chiede il parere del CUG dell'amministrazione che adotta il piano: il "
            "CUG di un altro ente non ne conosce il personale.",
            "The law asks for the opinion of the CUG of the administration adopting the "
            "plan: another organisation's CUG does not know its staff.",
        ),
        basis="law",
        source=f"{_LAW}; L. 183/2010 art. 21; D.Lgs. 165/2001 art. 57",
        profiles=_PAP,
        check=_check_cug_of_owner,
    ),
)
