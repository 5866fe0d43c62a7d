"""UG4xx — funding: projects with one lead and a grant, grants within their call's budget.

Grants that do not, or no longer, fund anything (statuses ``applied``, ``rejected``,
``withdrawn``, ``revoked``, ``eligible_not_funded``) are left out of amounts and budgets.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal

from uguaglianza.model import Grant, Money
from uguaglianza.rules.catalogue import Hit, Rule
from uguaglianza.rules.context import Context
from uguaglianza.rules.report import Loc, Severity, Text
from uguaglianza.rules.spans import outside

__all__ = ["NOT_FUNDED", "RULES", "funded"]

#: Grant statuses of money that is not, or no longer, awarded.
NOT_FUNDED = frozenset({"applied", "rejected", "withdrawn", "revoked", "eligible_not_funded"})
_CALLS = "Reg. (UE) 2021/1060 (disposizioni comuni sui fondi); practice of calls for proposals"
_FUNDS = "Reg. (UE) 2021/1147 (FAMI 2021-2027); Reg. (UE) 2021/1060"


def funded(grant: Grant) -> bool:
    """True unless the grant's status says the money is not, or no longer, awarded."""
    return grant.status not in NOT_FUNDED


def _check_project_lead(ctx: Context) -> Iterator[Hit]:
    for i, project in enumerate(ctx.doc.projects):
        if project.lead is None:
            yield Hit(("projects", i, "lead"), None)


def _check_project_lead_partner(ctx: Context) -> Iterator[Hit]:
    for i, project in enumerate(ctx.doc.projects):
        for j, partner in enumerate(project.partners):
            if project.lead is not None and partner.member == project.lead:
                yield Hit(("projects", i, "partners", j, "member"), partner.member)


def _check_project_grant(ctx: Context) -> Iterator[Hit]:
    for i, project in enumerate(ctx.doc.projects):
        if not ctx.grants_of(project.id):
            yield Hit(("projects", i), project.id)


def _check_grant_call(ctx: Context) -> Iterator[Hit]:
    for i, grant in enumerate(ctx.doc.grants):
        if grant.call is None:
            yield Hit(("grants", i, "call"), None)


def _check_grant_amount(ctx: Context) -> Iterator[Hit]:
    for i, grant in enumerate(ctx.doc.grants):
        if grant.amount is None and funded(grant):
            yield Hit(("grants", i, "amount"), None)


def _check_zero_grant(ctx: Context) -> Iterator[Hit]:
    for i, grant in enumerate(ctx.doc.grants):
        if grant.amount is not None and grant.amount.amount <= 0 and funded(grant):
            yield Hit(("grants", i, "amount", "amount"), str(grant.amount))


def _fund_of(ctx: Context, grant: Grant) -> str | None:
    if grant.fund is not None:
        return grant.fund
    record = ctx.entity(grant.call)
    if record is not None and record.kind == "call":
        fund: str | None = record.entity.fund
        return fund
    return None


def _check_project_in_fund_period(ctx: Context) -> Iterator[Hit]:
    for i, project in enumerate(ctx.doc.projects):
        period = project.period
        if period is None:
            continue
        for _, grant in ctx.grants_of(project.id):
            record = ctx.entity(_fund_of(ctx, grant))
            if record is None or record.kind != "fund" or record.entity.period is None:
                continue
            life = record.entity.period
            if outside(period, life):
                args = {"fund": record.entity.id, "life": str(life)}
                yield Hit(("projects", i, "period"), str(period), args)
                break


def _totals(
    items: Sequence[tuple[str | None, Money | None, Loc]],
) -> tuple[dict[str, dict[str, Decimal]], list[tuple[Loc, str]]]:
    """Amounts summed by parent and currency, and the items without a parent."""
    totals: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    orphans = []
    for parent, money, loc in items:
        if money is None:
            continue
        if parent is None:
            orphans.append((loc, money.currency))
            continue
        totals[parent][money.currency] += money.amount
    return totals, orphans


def _budget_hits(
    ctx: Context,
    registry: str,
    totals: Mapping[str, Mapping[str, Decimal]],
) -> Iterator[Hit]:
    for i, item in enumerate(getattr(ctx.doc, registry)):
        budget: Money | None = item.budget
        sums = totals.get(item.id)
        if budget is None or not sums:
            continue
        spent = sums.get(budget.currency, Decimal(0))
        if spent > budget.amount:
            args = {"total": f"{spent} {budget.currency}", "budget": str(budget)}
            yield Hit((registry, i, "budget"), str(budget), args)


def _check_call_budget(ctx: Context) -> Iterator[Hit]:
    items = [
        (grant.call, grant.amount, ("grants", i))
        for i, grant in enumerate(ctx.doc.grants)
        if funded(grant)
    ]
    yield from _budget_hits(ctx, "calls", _totals(items)[0])


def _check_fund_budget(ctx: Context) -> Iterator[Hit]:
    items = [(call.fund, call.budget, ("calls", i)) for i, call in enumerate(ctx.doc.calls)]
    yield from _budget_hits(ctx, "funds", _totals(items)[0])


def _check_currencies(ctx: Context) -> Iterator[Hit]:
    for i, grant in enumerate(ctx.doc.grants):
        record = ctx.entity(grant.call)
        if grant.amount is None or record is None or record.kind != "call":
            continue
        budget: Money | None = record.entity.budget
        if budget is not None and budget.currency != grant.amount.currency:
            args = {"budget": str(budget)}
            yield Hit(("grants", i, "amount", "currency"), grant.amount.currency, args)


def _check_recipient(ctx: Context) -> Iterator[Hit]:
    for i, grant in enumerate(ctx.doc.grants):
        record = ctx.entity(grant.project)
        if grant.recipient is None or record is None or record.kind != "project":
            continue
        lead = record.entity.lead
        if lead is not None and lead != grant.recipient:
            yield Hit(("grants", i, "recipient"), grant.recipient, {"lead": lead})


def _check_grant_fund(ctx: Context) -> Iterator[Hit]:
    for i, grant in enumerate(ctx.doc.grants):
        record = ctx.entity(grant.call)
        if grant.fund is None or record is None or record.kind != "call":
            continue
        fund = record.entity.fund
        if fund is not None and fund != grant.fund:
            yield Hit(("grants", i, "fund"), grant.fund, {"call": grant.call, "fund": fund})


RULES: tuple[Rule, ...] = (
    Rule(
        code="UG401",
        name="project-without-lead",
        title=Text("Ogni progetto ha un capofila", "Every project has a lead"),
        message=Text("il progetto non indica il capofila", "the project names no lead"),
        hint=Text(
            "indica in `lead` l'ente capofila",
            "set `lead` to the lead applicant",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Il capofila firma la convenzione e risponde del finanziamento.",
            "The lead signs the grant agreement and answers for the funding.",
        ),
        basis="law",
        source=_CALLS,
        check=_check_project_lead,
    ),
    Rule(
        code="UG402",
        name="project-lead-also-partner",
        title=Text(
            "Il capofila di un progetto non è anche partner",
            "A project's lead is not also a partner",
        ),
        message=Text(
            "il capofila compare anche tra i partner",
            "the lead is also listed among the partners",
        ),
        hint=Text("togli il capofila da `partners`", "remove the lead from `partners`"),
        severity=Severity.ERROR,
        rationale=Text(
            "Capofila e partner hanno obblighi diversi nella convenzione.",
            "Lead and partners have different obligations under the grant agreement.",
        ),
        basis="consistency",
        source=_CALLS,
        check=_check_project_lead_partner,
    ),
    Rule(
        code="UG403",
        name="project-without-grant",
        title=Text(
            "Ogni progetto finanziato ha il suo contributo",
            "Every funded project has its grant",
        ),
        message=Text(
            "nessun contributo (grant) finanzia il progetto",
            "no grant funds the project",
        ),
        hint=Text(
            "aggiungi il contributo con `project` che punta al progetto",
            "add the grant, with `project` pointing at the project",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Senza contributo non si sa chi paga il progetto, quanto e su quale avviso.",
            "Without a grant nobody knows who pays for the project, how much and under which call.",
        ),
        basis="good_practice",
        source=_CALLS,
        check=_check_project_grant,
    ),
    Rule(
        code="UG404",
        name="grant-without-call",
        title=Text("Ogni contributo ha il suo avviso", "Every grant has its call"),
        message=Text("il contributo non indica l'avviso", "the grant names no call"),
        hint=Text(
            "indica in `call` l'avviso o la manifestazione di interesse",
            "set `call` to the call for proposals or expression of interest",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "L'avviso fissa regole, budget e scadenze del contributo.",
            "The call sets the grant's rules, budget and deadlines.",
        ),
        basis="good_practice",
        source=_CALLS,
        check=_check_grant_call,
    ),
    Rule(
        code="UG405",
        name="grant-without-amount",
        title=Text("Ogni contributo ha un importo", "Every grant has an amount"),
        message=Text("il contributo non indica l'importo", "the grant has no amount"),
        hint=Text(
            'indica `amount` con importo e valuta, es. {amount: "600000", currency: EUR}',
            'set `amount` with amount and currency, e.g. {amount: "600000", currency: EUR}',
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "L'importo serve a verificare il budget dell'avviso e a confrontare i progetti.",
            "The amount is needed to check the call's budget and to compare projects.",
        ),
        basis="good_practice",
        source=_CALLS,
        check=_check_grant_amount,
    ),
    Rule(
        code="UG406",
        name="grant-not-positive",
        title=Text("L'importo di un contributo è positivo", "A grant's amount is positive"),
        message=Text("l'importo del contributo è zero", "the grant's amount is zero"),
        hint=Text(
            "correggi l'importo o lo stato del contributo",
            "correct the amount or the grant's status",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Un contributo di zero euro non finanzia nulla: è un refuso o un contributo respinto.",
            "A grant of nothing funds nothing: it is a typo or a rejected grant.",
        ),
        basis="consistency",
        source=_CALLS,
        check=_check_zero_grant,
    ),
    Rule(
        code="UG407",
        name="project-outside-fund-period",
        title=Text(
            "Le date del progetto cadono nel periodo del fondo",
            "A project's dates fall inside the fund's period",
        ),
        message=Text(
            "il progetto esce dal periodo del fondo {fund} ({life})",
            "the project falls outside the period of fund {fund} ({life})",
        ),
        hint=Text(
            "correggi le date del progetto o il periodo del fondo",
            "correct the project's dates or the fund's period",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Le spese fuori dal periodo di programmazione del fondo non sono ammissibili.",
            "Costs outside the fund's programming period are not eligible.",
        ),
        basis="law",
        source=_FUNDS,
        check=_check_project_in_fund_period,
    ),
    Rule(
        code="UG408",
        name="call-budget-exceeded",
        title=Text(
            "I contributi di un avviso non superano il suo budget",
            "Grants under a call do not exceed its budget",
        ),
        message=Text(
            "i contributi assegnati ({total}) superano il budget dell'avviso",
            "the grants awarded ({total}) exceed the call's budget",
        ),
        hint=Text(
            "correggi gli importi dei contributi o il budget dell'avviso",
            "correct the grants' amounts or the call's budget",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Un avviso non può assegnare più di quanto stanzia.",
            "A call cannot award more than it makes available.",
        ),
        basis="law",
        source=_CALLS,
        check=_check_call_budget,
    ),
    Rule(
        code="UG409",
        name="currency-mismatch",
        title=Text(
            "Un contributo è nella valuta del budget del suo avviso",
            "A grant is in the currency of its call's budget",
        ),
        message=Text(
            "la valuta del contributo non è quella del budget dell'avviso ({budget})",
            "the grant's currency is not that of the call's budget ({budget})",
        ),
        hint=Text(
            "esprimi l'importo nella valuta dell'avviso",
            "state the amount in the call's currency",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Importi in valute diverse non si possono sommare né confrontare con il budget.",
            "Amounts in different currencies can be neither added up nor checked against "
            "the budget.",
        ),
        basis="consistency",
        source=_CALLS,
        check=_check_currencies,
    ),
    Rule(
        code="UG410",
        name="fund-budget-exceeded",
        title=Text(
            "Gli avvisi di un fondo non superano il suo budget",
            "Calls under a fund do not exceed its budget",
        ),
        message=Text(
            "i budget degli avvisi ({total}) superano quello del fondo",
            "the calls' budgets ({total}) exceed the fund's budget",
        ),
        hint=Text(
            "correggi i budget degli avvisi o quello del fondo",
            "correct the calls' budgets or the fund's budget",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Un fondo non può mettere a bando più di quanto dispone.",
            "A fund cannot offer more than it holds.",
        ),
        basis="law",
        source=_FUNDS,
        check=_check_fund_budget,
    ),
    Rule(
        code="UG411",
        name="grant-recipient-not-lead",
        title=Text(
            "Il beneficiario del contributo è il capofila del progetto",
            "A grant's recipient is the project's lead",
        ),
        message=Text(
            "il beneficiario non è il capofila del progetto ({lead})",
            "the recipient is not the project's lead ({lead})",
        ),
        hint=Text(
            "correggi `recipient` o il capofila del progetto",
            "correct `recipient` or the project's lead",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Il contributo è erogato al capofila, che lo ripartisce tra i partner.",
            "The grant is paid to the lead, who shares it among the partners.",
        ),
        basis="good_practice",
        source=_CALLS,
        check=_check_recipient,
    ),
    Rule(
        code="UG412",
        name="grant-fund-mismatch",
        title=Text(
            "Un contributo e il suo avviso indicano lo stesso fondo",
            "A grant and its call name the same fund",
        ),
        message=Text(
            "il contributo indica un fondo diverso da quello dell'avviso {call} ({fund})",
            "the grant names a fund other than that of call {call} ({fund})",
        ),
        hint=Text(
            "correggi `fund` del contributo, o toglilo: vale quello dell'avviso",
            "correct the grant's `fund`, or drop it: the call's fund applies",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Un avviso appartiene a un solo fondo, e così i contributi che assegna.",
            "A call belongs to one fund, and so do the grants it awards.",
        ),
        basis="consistency",
        source=_FUNDS,
        check=_check_grant_fund,
    ),
)
