"""UG217-UG219 — deadlines: obligations met or overdue at ``as_of``, framework duties.

A deadline is a span of days when dates are partial: ``within P2Y`` of an act dated
``2022`` falls somewhere in 2024. A duty is met when something fulfils it on or before
every reading of the deadline, overdue when nothing does and ``as_of`` is past every
reading; anything in between is "not known". The duties frameworks attach to acts and
plans (a Charter signatory's action plan, a GEP's yearly monitoring) are data, read
from ``data/framework_duties.json`` with their sources.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources

import attrs

from uguaglianza.dates import Duration, PartialDate
from uguaglianza.model import Obligation, Plan
from uguaglianza.rules.acts import act_date, adoption_dates, located_plans
from uguaglianza.rules.catalogue import Hit, Rule
from uguaglianza.rules.context import Context
from uguaglianza.rules.report import Severity, Text

__all__ = ["MONTHS_BY_FREQUENCY", "RULES", "Duty", "date_of", "framework_duties"]

#: How many months one occurrence of a recurring duty spans, by ``frequencies`` code.
MONTHS_BY_FREQUENCY = {
    "monthly": 1,
    "quarterly": 3,
    "semiannual": 6,
    "annual": 12,
    "biennial": 24,
    "triennial": 36,
}
#: Plan statuses of plans not (or no longer) meant to be carried out.
NOT_RUNNING = ("draft", "participatory_process", "withdrawn")
_DAY = datetime.timedelta(days=1)

#: A span of days: the earliest and the latest reading.
Days = tuple[datetime.date, datetime.date]


@attrs.frozen(slots=True)
class Duty:
    """A duty a framework attaches to an act kind or to plans of some profiles."""

    code: str
    kind: str
    label: Text
    source: str
    act_kind: str | None = None
    plan_kind: str | None = None
    within: Duration | None = None
    profiles: frozenset[str] = frozenset()
    every: str | None = None
    grace: Duration | None = None
    """How long after a period ends its report may come (the PAP's by 30 March)."""


@functools.cache
def framework_duties() -> tuple[Duty, ...]:
    """The duties shipped in ``data/framework_duties.json``."""
    text = resources.files(__package__).joinpath("data/framework_duties.json").read_text("utf-8")
    duties = []
    for item in json.loads(text)["duties"]:
        within, grace = item.get("within"), item.get("grace")
        duties.append(
            Duty(
                code=item["code"],
                kind=item["kind"],
                label=Text(item["label"]["it"], item["label"]["en"]),
                source=item["source"],
                act_kind=item.get("act_kind"),
                plan_kind=item.get("plan_kind"),
                within=Duration.parse(within) if within else None,
                profiles=frozenset(item.get("profiles", ())),
                every=item.get("every"),
                grace=Duration.parse(grace) if grace else None,
            )
        )
    return tuple(duties)


def _days(day: PartialDate) -> Days:
    return day.earliest(), day.latest()


def _shift(days: Days, duration: Duration) -> Days:
    return duration.add_to(days[0]), duration.add_to(days[1])


def date_of(ctx: Context, entity_id: str) -> PartialDate | None:
    """When *entity_id* happened: an act's date, a plan's first adoption, an opinion's..."""
    record = ctx.entity(entity_id)
    if record is None:
        return None
    if record.kind == "act":
        return act_date(record.entity)
    if record.kind == "plan":
        adopted = adoption_dates(ctx, entity_id)
        return min(adopted) if adopted else None
    day = getattr(record.entity, "date", None)
    return day if isinstance(day, PartialDate) else None


def _met(
    fulfilments: Iterable[PartialDate | None], deadline: Days, written: bool = False
) -> bool | None:
    """True if one fulfilment is surely on time, False if all are surely late or none exist.

    A *written* deadline ("due 2024") is met by anything dated within it ("2024-11").
    """
    answer: bool | None = False
    for day in fulfilments:
        if day is None:
            answer = None
        elif day.latest() <= deadline[0] or (written and day.latest() <= deadline[1]):
            return True
        elif day.earliest() <= deadline[1]:
            answer = None
    return answer


_OVERDUE = Text(
    "è scaduto ({due}) e nulla risulta adempierlo al {as_of}",
    "it fell due ({due}) and nothing fulfils it as of {as_of}",
)
_LATE = Text(
    "risulta adempiuto solo dopo la scadenza ({due})",
    "it was fulfilled only after the deadline ({due})",
)


def _span_text(days: Days) -> str:
    first, last = days
    return str(first) if first == last else f"{first}..{last}"


def _judge(
    ctx: Context,
    fulfilments: Sequence[PartialDate | None],
    deadline: Days,
    unstated: bool,
    written: bool = False,
) -> tuple[Text, bool] | None:
    """What to report and whether it is known; None when the duty is met or not yet due."""
    met = _met(fulfilments, deadline, written)
    if met is True or ctx.as_of <= deadline[0]:
        return None
    known = met is False and not unstated and ctx.as_of > deadline[1]
    text = (_LATE if fulfilments else _OVERDUE).format(
        {"due": _span_text(deadline), "as_of": str(ctx.as_of)}
    )
    return text, known


def _obligation_deadline(ctx: Context, obligation: Obligation) -> Days | None:
    if obligation.due is not None:
        return _days(obligation.due)
    start = obligation.start
    if start is None:
        dates = [date_of(ctx, act) for act in obligation.arises_from]
        start = next((day for day in dates if day is not None), None)
    if start is None or obligation.within is None:
        return None
    return _shift(_days(start), obligation.within)


def _occurrences(
    ctx: Context, first: datetime.date, last: datetime.date | None, months: int
) -> Iterator[Days]:
    """The recurring windows from *first* to *last* (or ``as_of``) that have ended."""
    step = Duration(months=months)
    start = first
    while True:
        end = step.add_to(start) - _DAY
        if (last is not None and end > last) or end >= ctx.as_of:
            return
        yield start, end
        start = end + _DAY


def _check_obligations(ctx: Context) -> Iterator[Hit]:
    for i, obligation in enumerate(ctx.doc.obligations):
        fulfilments = [date_of(ctx, ref) for ref in obligation.fulfilled_by]
        unstated = obligation.is_absent("fulfilled_by")
        months = MONTHS_BY_FREQUENCY.get(obligation.every or "")
        if months is None:
            deadline = _obligation_deadline(ctx, obligation)
            written = obligation.due is not None
            judged = (
                None if deadline is None else _judge(ctx, fulfilments, deadline, unstated, written)
            )
            if deadline is not None and judged is not None:
                yield Hit(("obligations", i), obligation.id, {"found": judged[0]}, judged[1])
            continue
        period = obligation.period
        first = obligation.start or (period.start if period is not None else None)
        if first is None:
            continue
        last = period.end.latest() if period is not None and period.end else None
        for window in _occurrences(ctx, first.earliest(), last, months):
            end = (window[1], window[1])
            due = _shift(end, obligation.within) if obligation.within else end
            inside = [day for day in fulfilments if day is None or day.latest() >= window[0]]
            judged = _judge(ctx, inside, due, unstated)
            if judged is not None:
                yield Hit(("obligations", i), obligation.id, {"found": judged[0]}, judged[1])


def _owners_joining(ctx: Context, issuer: str | None, parties: Iterable[str]) -> frozenset[str]:
    found: set[str] = set(ctx.organisations_of(issuer))
    for party in parties:
        found.update(ctx.organisations_of(party))
    return frozenset(found)


def _check_act_duties(ctx: Context) -> Iterator[Hit]:
    explicit = {act for obligation in ctx.doc.obligations for act in obligation.arises_from}
    plans = [plan for plan, _ in located_plans(ctx.doc)]
    for duty in framework_duties():
        if duty.act_kind is None or duty.within is None:
            continue
        kind = duty.plan_kind
        candidates = [p for p in plans if kind and ctx.is_a("plan_kinds", p.kind, kind)]
        for i, act in enumerate(ctx.doc.acts):
            day = act_date(act)
            if day is None or act.id in explicit:
                continue  # an obligation the document states is checked by UG217
            if not ctx.is_a("act_kinds", act.kind, duty.act_kind):
                continue
            joining = _owners_joining(ctx, act.issuer, (p.party for p in act.parties))
            fulfilments: list[PartialDate | None] = []
            for plan in candidates:
                if plan.owner is None or not joining.isdisjoint(ctx.organisation_chain(plan.owner)):
                    fulfilments.extend(adoption_dates(ctx, plan.id) or [None])
            judged = _judge(ctx, fulfilments, _shift(_days(day), duty.within), False)
            if judged is not None:
                args = {"duty": duty.label, "found": judged[0]}
                yield Hit(("acts", i), act.id, args, known=judged[1])


def _monitoring_records(ctx: Context, plan: Plan) -> list[Days | PartialDate]:
    """What monitors *plan*: years reported on (spans), reports and measurements (dates)."""
    found: list[Days | PartialDate] = []
    for record in ctx.effects_on(plan.id):
        effect, act = record.effect, record.act
        reports = ctx.is_a("act_effects", effect.effect, "reports_on")
        if effect.planned or not (reports or ctx.is_a("act_kinds", act.kind, "monitoring_report")):
            continue
        if effect.period is not None and effect.period.start is not None:
            end = effect.period.latest() or effect.period.start.latest()
            found.append((effect.period.start.earliest(), end))
        elif (day := effect.date or act_date(act)) is not None:
            found.append(day)
    for milestone in plan.milestones:
        if milestone.kind == "monitoring_report" and not milestone.planned and milestone.date:
            found.append(milestone.date)
    for indicator in plan.indicators:
        found.extend(measurement.date for measurement in indicator.measurements)
    found.extend(ctx.memo(_reports_by_plan).get(plan.id, ()))
    return found


def _reports_by_plan(ctx: Context) -> dict[str, list[PartialDate]]:
    """The dates of plan links ``reports_on`` (a report plan on another), by reported plan."""
    found: dict[str, list[PartialDate]] = {}
    for other, _ in located_plans(ctx.doc):
        for link in other.links:
            reports = ctx.is_a("plan_link_kinds", link.kind, "reports_on")
            if reports and link.date is not None:
                found.setdefault(link.plan, []).append(link.date)
    return found


def _covers(record: Days | PartialDate, window: Days, reported_by: datetime.date) -> bool | None:
    """Whether *record* covers *window*: a period reported on overlaps it, or a report or
    measurement is dated within it or before *reported_by* (True, False, or None if open)."""
    if isinstance(record, tuple):
        return record[0] <= window[1] and record[1] >= window[0]
    first, last = _days(record)
    if first >= window[0] and last <= reported_by:
        return True
    if last < window[0] or first > reported_by:
        return False
    return None


def _check_monitoring(ctx: Context) -> Iterator[Hit]:
    for info in ctx.plans:
        plan = info.plan
        duties = [d for d in framework_duties() if info.profile in d.profiles and d.every]
        period = plan.period
        if not duties or period is None or period.start is None or _not_running(ctx, plan):
            continue
        records = _monitoring_records(ctx, plan)
        # A plan whose monitoring the source does not describe: missing years are not known.
        unstated = any(plan.is_absent(name) for name in ("monitoring_frequency", "indicators"))
        for duty in duties:
            months = MONTHS_BY_FREQUENCY.get(duty.every or "")
            if months is None:
                continue
            last = period.end.latest() if period.end is not None else None
            for window in _occurrences(ctx, period.start.earliest(), last, months):
                reported_by = duty.grace.add_to(window[1]) if duty.grace else window[1]
                if reported_by >= ctx.as_of:
                    continue  # the report on this period may still come
                answers = [_covers(record, window, reported_by) for record in records]
                if True in answers:
                    continue
                args = {"duty": duty.label, "window": _span_text(window)}
                known = None not in answers and not unstated
                yield Hit((*info.loc, "period"), str(period), args, known=known)


def _not_running(ctx: Context, plan: Plan) -> bool:
    return any(ctx.is_a("plan_statuses", plan.status, status) for status in NOT_RUNNING)


def _duty_sources(duties: Iterable[Duty]) -> str:
    return "; ".join(duty.source for duty in duties)


def _plan_profiles() -> frozenset[str]:
    return frozenset(p for duty in framework_duties() if duty.every for p in duty.profiles)


RULES: tuple[Rule, ...] = (
    Rule(
        code="UG217",
        name="obligation-overdue",
        title=Text(
            "Gli obblighi sono adempiuti entro la scadenza",
            "Obligations are fulfilled by their deadline",
        ),
        message=Text("l'obbligo {found}", "the obligation: {found}"),
        hint=Text(
            "indica in `fulfilled_by` l'atto, il piano o la relazione che lo adempie, con "
            "la sua data",
            "list in `fulfilled_by` the act, plan or report fulfilling it, with its date",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Un obbligo con scadenza (`due`, o `within` dall'atto da cui nasce; `every` se "
            "ricorre) è adempiuto se qualcosa in `fulfilled_by` è datato entro la scadenza; "
            "è scaduto se al `as_of` nulla lo adempie.",
            "An obligation with a deadline (`due`, or `within` from the act it arises "
            "from; `every` when it recurs) is met when something in `fulfilled_by` is dated "
            "by the deadline; it is overdue when nothing fulfils it at `as_of`.",
        ),
        basis="law",
        source="The act or framework each obligation arises from (`legal_basis`)",
        check=_check_obligations,
    ),
    Rule(
        code="UG218",
        name="framework-duty-overdue",
        title=Text(
            "Gli impegni presi aderendo a un quadro sono rispettati nei tempi",
            "Duties taken on by joining a framework are met in time",
        ),
        message=Text(
            "impegno: {duty}; {found}",
            "duty: {duty}; {found}",
        ),
        hint=Text(
            "aggiungi il piano (del tipo richiesto, dell'ente aderente) e l'atto che lo "
            "adotta, o registra l'obbligo in `obligations` con ciò che lo adempie",
            "add the plan (of the kind required, owned by the signatory) and the act "
            "adopting it, or record the obligation under `obligations` with what fulfils it",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Chi aderisce alla Carta europea per l'uguaglianza si impegna ad adottare un "
            "piano d'azione entro due anni; la scadenza si calcola dalla data dell'adesione.",
            "A signatory of the European Charter for Equality undertakes to adopt an action "
            "plan within two years; the deadline runs from the date of signature.",
        ),
        basis="guideline",
        source=_duty_sources(d for d in framework_duties() if d.act_kind),
        check=_check_act_duties,
    ),
    Rule(
        code="UG219",
        name="yearly-monitoring-missing",
        title=Text(
            "Il piano è monitorato per ogni anno trascorso",
            "The plan is monitored for every year gone by",
        ),
        message=Text(
            "{duty}: nessun monitoraggio per {window}",
            "{duty}: no monitoring for {window}",
        ),
        hint=Text(
            "aggiungi la relazione di monitoraggio (atto con effetto `reports_on` sul piano "
            "e il `period` coperto) o le misurazioni degli indicatori di quel periodo",
            "add the monitoring report (an act with a `reports_on` effect on the plan and "
            "the `period` it covers) or the indicators' measurements of that period",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "GEP e PAP si monitorano ogni anno: per ogni anno del piano già trascorso al "
            "`as_of` serve una relazione (atto `monitoring_report` o effetto `reports_on`), "
            "una tappa di monitoraggio o una misurazione.",
            "GEPs and PAPs are monitored every year: each year of the plan gone by at "
            "`as_of` needs a report (a `monitoring_report` act or a `reports_on` effect), a "
            "monitoring milestone or a measurement.",
        ),
        basis="guideline",
        source=_duty_sources(d for d in framework_duties() if d.every),
        profiles=_plan_profiles(),
        check=_check_monitoring,
    ),
)
