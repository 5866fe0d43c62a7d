"""UG6xx — positive-action plans (PAP, also as a section of the PIAO).

An opinion is recorded in the ``opinions`` registry (not planned), by an act with an
effect ``gives_opinion`` on the plan (not planned), issued or signed by the adviser, or by
a relation ``gives_opinion_on`` from the adviser to the plan. The CUG is an organisation
or a body of kind ``cug`` (or a narrower kind), an office in it, or the person holding
one; the consigliera di parità a post of kind ``consigliera_di_parita`` at any level
(national, regional, provincial: narrower codes), its holder, or an organisation of kind
``equality_adviser``. (UG604, in :mod:`uguaglianza.rules.opinions`, checks that the CUG is the
administration's own.)

A period written by years ("2017".."2020") is judged by its possible exact dates: it may
last three years, so the answer is "not known", never "about 48 months".
"""

from __future__ import annotations

from collections.abc import Iterator

from uguaglianza.rules.acts import opinions_on
from uguaglianza.rules.catalogue import Hit, Rule
from uguaglianza.rules.context import Context
from uguaglianza.rules.opinions import roles
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
        if period is None or period.start is None or period.end is None:
            found = Text("inizio o fine mancanti", "start or end missing")
            value = None if period is None else str(period)
            yield Hit((*info.loc, "period"), value, {"found": found})
            continue
        assert first is not None and last is not None
        widest = (last - first).days + 1
        if widest in THREE_YEARS_DAYS:
            continue  # "2024".."2026": three calendar years
        shortest = (period.end.earliest() - period.start.latest()).days + 1
        possible = shortest <= THREE_YEARS_DAYS[-1] and widest >= THREE_YEARS_DAYS[0]
        if possible:  # "2017".."2020" may be June 2017 to May 2020
            found = Text(
                f"tra {_months(shortest)} e {_months(widest)} mesi, secondo le date esatte",
                f"between {_months(shortest)} and {_months(widest)} months, by the exact dates",
            )
        else:
            found = Text(f"circa {_months(widest)} mesi", f"about {_months(widest)} months")
        yield Hit((*info.loc, "period"), str(period), {"found": found}, known=not possible)


def _months(days: int) -> int:
    return max(0, round(days / 30.44))


def _opinions(ctx: Context, plan_id: str) -> set[str]:
    given: set[str] = set()
    for _, by in opinions_on(ctx, plan_id):
        given.update(roles(ctx, by))
    for record in ctx.effects_on(plan_id):
        effect = record.effect
        if ctx.is_a("act_effects", effect.effect, "gives_opinion") and not effect.planned:
            for actor in record.act.signatories:
                given.update(roles(ctx, actor))
    for _, relation in ctx.relations_to(plan_id, "gives_opinion_on"):
        given.update(roles(ctx, relation.subject))
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
    "registra il parere in `opinions` (`by`, `on`, `date`), o aggiungi l'atto con effetto "
    "`gives_opinion` sul piano",
    "record the opinion under `opinions` (`by`, `on`, `date`), or add the act with a "
    "`gives_opinion` effect on the plan",
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
