"""UG6xx — positive-action plans (PAP, also as a section of the PIAO).

An opinion is recorded by an opinion on the plan (not planned) given ``by`` the adviser,
by an act with an effect ``gives_opinion`` on the plan (not planned), issued or signed by
the adviser, or by a relation ``gives_opinion_on`` from the adviser to the plan. The CUG
is an organisation or a body of kind ``cug`` (or a post in one, or the person holding
it); the consigliera di parità a post of kind ``consigliera_di_parita``, its holder, or an
organisation of kind ``equality_adviser``. Kinds count by their meaning: a
``consigliera_di_parita_provinciale`` is a ``consigliera_di_parita``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from uguaglianza.codelists import Codelist
from uguaglianza.model._resolve import declared_codelist
from uguaglianza.rules.catalogue import Hit, Rule
from uguaglianza.rules.context import Context
from uguaglianza.rules.report import Severity, Text

__all__ = ["RULES"]

#: Acceptable length of a three-year plan in days: three years, give or take a month.
THREE_YEARS_DAYS = range(1096 - 31, 1096 + 32)
_LAW = "D.Lgs. 198/2006 (Codice delle pari opportunità) art. 48"


def _check_three_years(ctx: Context) -> Iterator[Hit]:
    for info in ctx.plans:
        period = info.plan.period
        first = period.earliest() if period is not None else None
        last = period.latest() if period is not None else None
        if first is None or last is None:
            found = Text("inizio o fine mancanti", "start or end missing")
            yield Hit(
                (*info.loc, "period"), None if period is None else str(period), {"found": found}
            )
            continue
        days = (last - first).days + 1
        if days not in THREE_YEARS_DAYS:
            months = round(days / 30.44)
            found = Text(f"circa {months} mesi", f"about {months} months")
            yield Hit((*info.loc, "period"), str(period), {"found": found})


def _kinds(name: str) -> Callable[[Context], Codelist]:
    def build(ctx: Context) -> Codelist:
        return declared_codelist(name, ctx.doc.codelists.get(name, ()))

    return build


_ORGANISATION_KINDS = _kinds("organisation_kinds")
_BODY_KINDS = _kinds("body_kinds")
_POST_KINDS = _kinds("post_kinds")


def _roles(ctx: Context, actor: str | None) -> set[str]:
    """``cug`` and/or ``adviser``: what *actor* stands for when it gives an opinion."""
    record = ctx.entity(actor)
    if record is None or actor is None:
        return set()
    roles: set[str] = set()
    kind = record.entity.kind if record.kind != "person" else ""
    if record.kind == "organisation":
        if ctx.memo(_ORGANISATION_KINDS).is_a(kind, "cug"):
            roles.add("cug")
        if ctx.memo(_ORGANISATION_KINDS).is_a(kind, "equality_adviser"):
            roles.add("adviser")
    elif record.kind == "body":
        if ctx.memo(_BODY_KINDS).is_a(kind, "cug"):
            roles.add("cug")
    elif record.kind == "post":
        if ctx.memo(_POST_KINDS).is_a(kind, "consigliera_di_parita"):
            roles.add("adviser")
        roles.update(_roles(ctx, record.entity.organisation) & {"cug"})
    elif record.kind == "person":
        for post in ctx.posts_held(actor):
            roles.update(_roles(ctx, post))
    return roles


def _opinions(ctx: Context, plan_id: str) -> set[str]:
    given: set[str] = set()
    for opinion in ctx.doc.opinions:
        if opinion.on == plan_id and not opinion.planned and opinion.outcome != "not_expressed":
            given.update(_roles(ctx, opinion.by))
    for record in ctx.effects_on(plan_id):
        if record.effect.effect == "gives_opinion" and not record.effect.planned:
            for actor in (record.act.issuer, *record.act.signatories):
                given.update(_roles(ctx, actor))
    for _, relation in ctx.relations_to(plan_id, "gives_opinion_on"):
        given.update(_roles(ctx, relation.subject))
    return given


def _check_cug(ctx: Context) -> Iterator[Hit]:
    for info in ctx.plans:
        if "cug" not in _opinions(ctx, info.plan.id):
            yield Hit(info.loc, info.plan.id)


def _check_adviser(ctx: Context) -> Iterator[Hit]:
    for info in ctx.plans:
        if "adviser" not in _opinions(ctx, info.plan.id):
            yield Hit(info.loc, info.plan.id)


_PAP = frozenset({"pap"})
_OPINION_HINT = Text(
    "aggiungi l'atto con effetto `gives_opinion` sul piano, o una relazione `gives_opinion_on`",
    "add the act with a `gives_opinion` effect on the plan, or a `gives_opinion_on` relation",
)

RULES: tuple[Rule, ...] = (
    Rule(
        code="UG601",
        name="pap-three-years",
        title=Text("Il PAP dura tre anni", "A PAP lasts three years"),
        message=Text("un PAP è triennale; qui: {found}", "a PAP covers three years; here: {found}"),
        hint=Text(
            "indica in `period` i tre anni del piano, es. 2024..2026",
            "set `period` to the plan's three years, e.g. 2024..2026",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "I piani di azioni positive delle pubbliche amministrazioni sono triennali.",
            "Public administrations' positive-action plans run for three years.",
        ),
        basis="law",
        source=_LAW,
        profiles=_PAP,
        check=_check_three_years,
    ),
    Rule(
        code="UG602",
        name="pap-without-cug-opinion",
        title=Text(
            "Il PAP registra il parere del CUG",
            "A PAP records the opinion of the CUG",
        ),
        message=Text(
            "non risulta il parere del Comitato unico di garanzia (CUG)",
            "there is no opinion of the Comitato unico di garanzia (CUG)",
        ),
        hint=_OPINION_HINT,
        severity=Severity.ERROR,
        rationale=Text(
            "Il PAP è adottato sentito il CUG dell'amministrazione.",
            "A PAP is adopted after hearing the administration's CUG.",
        ),
        basis="law",
        source=f"{_LAW}; L. 183/2010 art. 21 (CUG)",
        profiles=_PAP,
        check=_check_cug,
    ),
    Rule(
        code="UG603",
        name="pap-without-adviser-opinion",
        title=Text(
            "Il PAP registra il parere della consigliera di parità",
            "A PAP records the opinion of the equality adviser",
        ),
        message=Text(
            "non risulta il parere della consigliera o del consigliere di parità",
            "there is no opinion of the equality adviser (consigliera di parità)",
        ),
        hint=_OPINION_HINT,
        severity=Severity.ERROR,
        rationale=Text(
            "Il PAP è adottato sentita la consigliera o il consigliere di parità "
            "territorialmente competente.",
            "A PAP is adopted after hearing the equality adviser competent for the territory.",
        ),
        basis="law",
        source=_LAW,
        profiles=_PAP,
        check=_check_adviser,
    ),
)
