"""UG212-UG216 — the order of a lifecycle: acts, opinions, evaluations, successors.

A change (amendment, renewal, integration, extension, repeal) comes after the act it
changes; an opinion before the adoption it informs; an evaluation after the adoption of
what it evaluates; a signature within the act's validity; a superseding plan after the
plan it replaces. Kinds are compared through broader codes, so a declared effect narrower
than ``amends`` counts as an amendment.

Partial dates count only when certain (see :mod:`uguaglianza.rules.spans`): a rule is
violated only when no reading of the dates satisfies it; when some readings do and some
do not, or a date the document records as not stated is needed, the answer is "not
known". A date that is simply missing leaves the rule silent.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from uguaglianza.model import Act, Plan
from uguaglianza.rules.acts import Dated, act_date, adoption_dates, located_plans, opinions_on
from uguaglianza.rules.catalogue import Basis, Check, Hit, Rule
from uguaglianza.rules.context import Context
from uguaglianza.rules.report import Loc, Severity, Text
from uguaglianza.rules.spans import by, certainly, span

__all__ = ["CHANGING_EFFECTS", "RULES", "SIGNING_ROLES"]

#: Act effects that change another act, with every narrower effect (``integrates``...).
CHANGING_EFFECTS = ("amends", "renews", "extends", "repeals", "revokes", "suspends")
#: Party roles that sign: their dates are signatures.
SIGNING_ROLES = ("signatory", "adherent")


def _hit(dated: Dated, answer: bool | None, args: Mapping[str, object]) -> Iterator[Hit]:
    """A hit when *answer* is False (violated) or None (not known)."""
    if dated.date is None:
        if dated.unstated:
            yield Hit(dated.loc, None, args, known=False)
        return
    if answer is not True:
        yield Hit(dated.loc, str(dated.date), args, known=answer is False)


def _check_change_order(ctx: Context) -> Iterator[Hit]:
    for i, act in enumerate(ctx.doc.acts):
        for j, effect in enumerate(act.effects):
            if not any(ctx.is_a("act_effects", effect.effect, c) for c in CHANGING_EFFECTS):
                continue
            target = ctx.entity(effect.target)
            if target is None or target.kind != "act" or effect.planned:
                continue
            changed: Act = target.entity
            before = act_date(changed)
            day = effect.date or act_date(act)
            args = {"target": changed.id, "date": str(before) if before else "?"}
            if before is None:
                if changed.is_absent("date"):
                    yield Hit(("acts", i, "effects", j), None, args, known=False)
                continue
            dated = Dated(("acts", i, "effects", j), day, act.is_absent("date"))
            yield from _hit(dated, None if day is None else by(before, day), args)


def _check_opinion_order(ctx: Context) -> Iterator[Hit]:
    targets = {opinion.on for opinion in ctx.doc.opinions}
    for act in ctx.doc.acts:
        targets.update(
            effect.target
            for effect in act.effects
            if ctx.is_a("act_effects", effect.effect, "gives_opinion")
        )
    for target in sorted(targets):
        adopted = adoption_dates(ctx, target)
        if not adopted:
            continue
        args = {"target": target, "adopted": ", ".join(map(str, adopted))}
        for dated, _by in opinions_on(ctx, target):
            day = dated.date
            answer = None if day is None else certainly(by(day, when) for when in adopted)
            yield from _hit(dated, answer, args)


def _evaluations(ctx: Context) -> Iterator[tuple[Dated, str]]:
    for i, act in enumerate(ctx.doc.acts):
        for j, effect in enumerate(act.effects):
            if ctx.is_a("act_effects", effect.effect, "evaluates") and not effect.planned:
                day = effect.date or act_date(act)
                unstated = day is None and act.is_absent("date")
                yield Dated(("acts", i, "effects", j), day, unstated), effect.target
    for plan, loc in located_plans(ctx.doc):
        for k, link in enumerate(plan.links):
            if ctx.is_a("plan_link_kinds", link.kind, "evaluates"):
                own = adoption_dates(ctx, plan.id)
                day = link.date or (min(own) if own else None)
                yield Dated((*loc, "links", k), day, link.is_absent("date")), link.plan


def _check_evaluation_order(ctx: Context) -> Iterator[Hit]:
    for dated, target in _evaluations(ctx):
        adopted = adoption_dates(ctx, target)
        if not adopted:
            continue
        args = {"target": target, "adopted": ", ".join(map(str, adopted))}
        day = dated.date
        answer = None if day is None else certainly(by(when, day) for when in adopted)
        yield from _hit(dated, answer, args)


def _signatures(ctx: Context, act: Act, loc: Loc) -> Iterator[Dated]:
    for k, step in enumerate(act.steps):
        if ctx.is_a("act_steps", step.step, "signed"):
            yield Dated((*loc, "steps", k, "date"), step.date, step.is_absent("date"))
    for k, party in enumerate(act.parties):
        signs = any(ctx.is_a("act_party_roles", party.role, role) for role in SIGNING_ROLES)
        if signs and party.date is not None:
            yield Dated((*loc, "parties", k, "date"), party.date)


def _check_signed_in_force(ctx: Context) -> Iterator[Hit]:
    for i, act in enumerate(ctx.doc.acts):
        end = act.in_force.end if act.in_force is not None else None
        if end is None:
            continue
        args = {"in_force": str(act.in_force)}
        for dated in _signatures(ctx, act, ("acts", i)):
            yield from _hit(dated, None if dated.date is None else by(dated.date, end), args)


def _overlap(first: Plan, second: Plan) -> bool | None:
    """True when the two plans' periods overlap for every reading, None when some do."""
    a, b = span(first.period), span(second.period)
    if a.start_hi < b.end_lo and b.start_hi < a.end_lo:
        return True
    if a.start_lo < b.end_hi and b.start_lo < a.end_hi:
        return None
    return False


def _check_superseding_overlap(ctx: Context) -> Iterator[Hit]:
    for plan, loc in located_plans(ctx.doc):
        for link in plan.links:
            old = ctx.entity(link.plan)
            if not ctx.is_a("plan_link_kinds", link.kind, "supersedes") or old is None:
                continue
            replaced: Plan = old.entity
            if plan.period is None or replaced.period is None or old.kind != "plan":
                continue
            overlap = _overlap(plan, replaced)
            if overlap is not False:
                args = {"plan": replaced.id, "period": str(replaced.period)}
                yield Hit((*loc, "period"), str(plan.period), args, known=overlap is True)


def _rule(
    code: str,
    name: str,
    title: Text,
    message: Text,
    hint: Text,
    rationale: Text,
    source: str,
    check: Check,
    *,
    basis: Basis = "law",
    severity: Severity = Severity.ERROR,
) -> Rule:
    return Rule(
        code=code,
        name=name,
        title=title,
        message=message,
        hint=hint,
        severity=severity,
        rationale=rationale,
        basis=basis,
        source=source,
        check=check,
    )


_ACTS = "L. 241/1990 (procedimento amministrativo); principle of the order of acts"
_PAP_OPINIONS = "D.Lgs. 198/2006 art. 48; L. 183/2010 art. 21 (CUG)"

RULES: tuple[Rule, ...] = (
    _rule(
        "UG212",
        "change-before-changed-act",
        Text(
            "Modifiche, rinnovi e abrogazioni seguono l'atto che cambiano",
            "Amendments, renewals and repeals follow the act they change",
        ),
        Text(
            "l'atto cambia {target}, datato {date}, ma porta una data anteriore",
            "the act changes {target}, dated {date}, but bears an earlier date",
        ),
        Text(
            "correggi la data dell'uno o dell'altro atto, o il `target` dell'effetto",
            "correct either act's date, or the effect's `target`",
        ),
        Text(
            "Un atto non può modificare, rinnovare, integrare, prorogare o abrogare un atto "
            "che ancora non esiste: una data anteriore è un errore di trascrizione o di "
            "riferimento.",
            "An act cannot amend, renew, integrate, extend or repeal an act that does not "
            "exist yet: an earlier date is a transcription or reference error.",
        ),
        _ACTS,
        _check_change_order,
        basis="consistency",
    ),
    _rule(
        "UG213",
        "opinion-after-adoption",
        Text(
            "I pareri precedono l'adozione che informano",
            "Opinions come before the adoption they inform",
        ),
        Text(
            "il parere su {target} è datato dopo la sua adozione ({adopted})",
            "the opinion on {target} is dated after its adoption ({adopted})",
        ),
        Text(
            "correggi la data del parere o dell'adozione; un parere successivo è su un "
            "aggiornamento: collegalo all'atto che aggiorna il piano",
            "correct the opinion's or the adoption's date; a later opinion concerns an "
            "update: link it to the act updating the plan",
        ),
        Text(
            "Un parere obbligatorio (del CUG, della consigliera di parità) va acquisito "
            "prima dell'adozione: dopo, non può più informarla.",
            "A mandatory opinion (of the CUG, of the equality adviser) is obtained before "
            "adoption: afterwards it can no longer inform it.",
        ),
        f"{_PAP_OPINIONS}; L. 241/1990 art. 16 (pareri)",
        _check_opinion_order,
    ),
    _rule(
        "UG214",
        "evaluation-before-adoption",
        Text(
            "Una valutazione segue l'adozione di ciò che valuta",
            "An evaluation follows the adoption of what it evaluates",
        ),
        Text(
            "la valutazione di {target} è datata prima della sua adozione ({adopted})",
            "the evaluation of {target} is dated before its adoption ({adopted})",
        ),
        Text(
            "correggi le date, o fai della valutazione ex ante un parere o una relazione",
            "correct the dates, or record an ex-ante appraisal as an opinion or a report",
        ),
        Text(
            "Si valuta ciò che è stato adottato e attuato; una valutazione anteriore "
            "all'adozione indica date o riferimenti sbagliati.",
            "What is evaluated is what was adopted and implemented; an evaluation dated "
            "before the adoption points to wrong dates or references.",
        ),
        "Practice of plan evaluation (European Commission, Better Regulation Guidelines)",
        _check_evaluation_order,
        basis="good_practice",
        severity=Severity.WARNING,
    ),
    _rule(
        "UG215",
        "signed-after-validity",
        Text(
            "Un atto è firmato mentre è in vigore",
            "An act is signed while it is in force",
        ),
        Text(
            "la firma cade dopo la fine della validità dell'atto ({in_force})",
            "the signature falls after the end of the act's validity ({in_force})",
        ),
        Text(
            "correggi la data della firma o `in_force`; un'adesione tardiva a un accordo "
            "scaduto è un nuovo atto, o un rinnovo",
            "correct the signature's date or `in_force`; a late adhesion to an expired "
            "agreement is a new act, or a renewal",
        ),
        Text(
            "Chi firma o aderisce dopo la scadenza di un accordo non aderisce a nulla: "
            "serve un rinnovo. (Firmare prima dell'entrata in vigore è normale e non è "
            "segnalato.)",
            "Signing or adhering after an agreement has expired adheres to nothing: a "
            "renewal is needed. (Signing before entry into force is normal and not "
            "reported.)",
        ),
        "Codice civile artt. 1321-1326 (accordo delle parti); L. 241/1990 art. 15",
        _check_signed_in_force,
        basis="consistency",
    ),
    _rule(
        "UG216",
        "superseding-plan-overlap",
        Text(
            "Un piano non si sovrappone al piano che sostituisce",
            "A plan does not overlap the plan it supersedes",
        ),
        Text(
            "il periodo si sovrappone a quello del piano sostituito {plan} ({period})",
            "the period overlaps that of the superseded plan {plan} ({period})",
        ),
        Text(
            "chiudi il periodo del piano sostituito quando inizia il nuovo (e registra la "
            "data in `links[].date`)",
            "end the superseded plan's period when the new one starts (and record the date "
            "in `links[].date`)",
        ),
        Text(
            "Due piani dello stesso ente in vigore insieme rendono incerto quale vincola; "
            "il piano sostituito termina quando inizia il successore.",
            "Two plans of one organisation in force at once leave unclear which binds; the "
            "superseded plan ends when its successor begins.",
        ),
        "Practice of equality plans (successive three-year plans, D.Lgs. 198/2006 art. 48)",
        _check_superseding_overlap,
        basis="good_practice",
        severity=Severity.WARNING,
    ),
)
