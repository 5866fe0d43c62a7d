"""UG413-UG415 — money over time: yearly amounts, grants within funds, co-financing shares.

Amounts are exact decimals, so sums are exact; amounts in different currencies are never
added (UG409 reports currency mismatches). Grants that do not, or no longer, fund
anything are left out (see :func:`uguaglianza.rules.funding.funded`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from decimal import Decimal

from uguaglianza.dates import Period
from uguaglianza.model import Money, YearlyAmount
from uguaglianza.rules.acts import located_plans
from uguaglianza.rules.catalogue import Hit, Rule
from uguaglianza.rules.context import Context
from uguaglianza.rules.funding import funded
from uguaglianza.rules.report import Loc, Severity, Text

__all__ = ["RULES", "split_amounts"]

_HUNDRED = Decimal(100)
_FUNDS = "Reg. (UE) 2021/1060 (disposizioni comuni sui fondi), artt. 63 ff."


def split_amounts(
    ctx: Context,
) -> Iterator[tuple[Loc, Money | None, Sequence[YearlyAmount], Period | None]]:
    """Every amount split by year: (place of the split, total, years, period)."""
    doc = ctx.doc
    for plan, loc in located_plans(doc):
        if plan.resources is not None:
            resources = plan.resources
            split = (*loc, "resources", "by_year")
            yield split, resources.budget, resources.by_year, plan.period
        for k, action in enumerate(plan.actions):
            split = (*loc, "actions", k, "budget_by_year")
            yield split, action.budget, action.budget_by_year, action.period
    for i, fund in enumerate(doc.funds):
        yield ("funds", i, "by_year"), fund.budget, fund.by_year, fund.period
    for i, grant in enumerate(doc.grants):
        yield ("grants", i, "by_year"), grant.amount, grant.by_year, grant.period
    for i, project in enumerate(doc.projects):
        yield ("projects", i, "by_year"), project.budget, project.by_year, project.period
    for i, transfer in enumerate(doc.transfers):
        yield ("transfers", i, "by_year"), transfer.amount, transfer.by_year, transfer.period


def _years(period: Period | None) -> set[int] | None:
    if period is None or period.start is None or period.end is None:
        return None
    return set(range(period.start.year, period.end.year + 1))


def _check_yearly_totals(ctx: Context) -> Iterator[Hit]:
    for loc, total, by_year, period in split_amounts(ctx):
        if total is None or not by_year:
            continue
        if any(item.amount.currency != total.currency for item in by_year):
            continue  # different currencies cannot be added
        summed = sum((item.amount.amount for item in by_year), Decimal(0))
        if summed == total.amount:
            continue
        years = _years(period)
        missing = years is not None and not years <= {item.year for item in by_year}
        args = {"sum": f"{summed} {total.currency}", "total": str(total)}
        # Fewer years than the period holds may explain a smaller sum: not known.
        known = summed > total.amount or not missing
        yield Hit(loc, str(total), args, known=known)


def _fund_of(ctx: Context, fund: str | None, call: str | None) -> str | None:
    if fund is not None:
        return fund
    record = ctx.entity(call)
    if record is not None and record.kind == "call":
        found: str | None = record.entity.fund
        return found
    return None


def _check_fund_grants(ctx: Context) -> Iterator[Hit]:
    totals: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for grant in ctx.doc.grants:
        fund = _fund_of(ctx, grant.fund, grant.call)
        if fund is not None and grant.amount is not None and funded(grant):
            totals[fund][grant.amount.currency] += grant.amount.amount
    for i, fund_entity in enumerate(ctx.doc.funds):
        budget = fund_entity.budget
        summed = totals.get(fund_entity.id, {}).get(budget.currency) if budget else None
        if budget is not None and summed is not None and summed > budget.amount:
            args = {"sum": f"{summed} {budget.currency}"}
            yield Hit(("funds", i, "budget"), str(budget), args)


def _check_shares(ctx: Context) -> Iterator[Hit]:
    for i, grant in enumerate(ctx.doc.grants):
        parts = grant.co_financing
        if not parts:
            continue
        shares = [part.share for part in parts if part.share is not None]
        summed = sum(shares, Decimal(0))
        complete = len(shares) == len(parts)
        args = {"sum": f"{summed} %"}
        if (complete and summed != _HUNDRED) or summed > _HUNDRED:
            yield Hit(("grants", i, "co_financing"), f"{summed} %", args)
        elif not complete and any(part.is_absent("share") for part in parts):
            # Shares recorded as not stated may make up the rest, or not.
            yield Hit(("grants", i, "co_financing"), f"{summed} %", args, known=False)


RULES: tuple[Rule, ...] = (
    Rule(
        code="UG413",
        name="yearly-amounts-total",
        title=Text(
            "Gli importi per anno sommano al totale",
            "Yearly amounts add up to the total",
        ),
        message=Text(
            "gli importi per anno sommano a {sum}, il totale dichiarato è {total}",
            "the yearly amounts add up to {sum}, the stated total is {total}",
        ),
        hint=Text(
            "correggi un importo annuale o il totale; se mancano anni, aggiungili",
            "correct a yearly amount or the total; if years are missing, add them",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Un bilancio pluriennale ripartisce il totale per anno: se le annualità non "
            "tornano, uno dei due numeri è sbagliato. Somme minori con anni mancanti nel "
            "periodo danno «non noto».",
            "A multi-year budget splits its total by year: when the years do not add up, "
            "one of the figures is wrong. A smaller sum with years of the period missing is "
            '"not known".',
        ),
        basis="consistency",
        source="D.Lgs. 118/2011 (armonizzazione dei bilanci pubblici), bilancio pluriennale",
        check=_check_yearly_totals,
    ),
    Rule(
        code="UG414",
        name="fund-grants-exceeded",
        title=Text(
            "I contributi di un fondo non superano la sua dotazione",
            "A fund's grants stay within its budget",
        ),
        message=Text(
            "i contributi assegnati sul fondo (tramite avvisi o direttamente) sommano a {sum}, "
            "oltre la dotazione",
            "the grants awarded under the fund (through calls or directly) add up to {sum}, "
            "over its budget",
        ),
        hint=Text(
            "verifica importi e stati dei contributi (quelli revocati o respinti non contano) "
            "e la dotazione del fondo",
            "check the grants' amounts and statuses (revoked or rejected ones do not count) "
            "and the fund's budget",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Un fondo non può assegnare più della sua dotazione, che passi per avvisi o no.",
            "A fund cannot award more than its budget, whether through calls or not.",
        ),
        basis="law",
        source=_FUNDS,
        check=_check_fund_grants,
    ),
    Rule(
        code="UG415",
        name="co-financing-shares",
        title=Text(
            "Le quote di cofinanziamento sommano al 100 %",
            "Co-financing shares add up to 100 %",
        ),
        message=Text(
            "le quote dei finanziatori sommano a {sum}",
            "the funders' shares add up to {sum}",
        ),
        hint=Text(
            "correggi le quote in `co_financing[].share` perché sommino a 100",
            "correct the shares in `co_financing[].share` so they add up to 100",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Le quote di chi cofinanzia coprono insieme l'intero importo: né più né meno. "
            "Quote non dichiarate (`absent`) lasciano la risposta aperta se le altre non "
            "superano il 100 %.",
            "The co-financers' shares together cover the whole amount: no more, no less. "
            "Shares recorded as not stated leave the answer open unless the others exceed "
            "100 %.",
        ),
        basis="consistency",
        source=f"{_FUNDS} (cofinanziamento)",
        check=_check_shares,
    ),
)
