"""UG2xx — time and acts: ordered periods, overlaps, dates inside lives, adoptions.

Partial dates count only when certain (see :mod:`uguaglianza.rules.spans`): an action of
``2022`` is not outside a plan starting ``2022-06``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence

import attrs

from uguaglianza.dates import PartialDate, Period
from uguaglianza.model import Act, Action, Objective, Plan
from uguaglianza.rules.catalogue import Hit, Rule
from uguaglianza.rules.context import Context, PlanInfo
from uguaglianza.rules.funding import funded
from uguaglianza.rules.report import Loc, Severity, Text
from uguaglianza.rules.spans import after, before, disordered, outside, overlapping, year_of

__all__ = ["ADOPTED_STATUSES", "ADOPTING_EFFECTS", "RULES", "Adoption", "adoptions"]

#: Plan statuses that say the plan has been adopted.
ADOPTED_STATUSES = frozenset({"adopted", "implementing", "monitoring", "revised", "expired"})
#: Act effects that adopt a plan.
ADOPTING_EFFECTS = frozenset({"adopts", "approves"})
#: Act effects that approve a project, so the programme describing it.
FUNDING_EFFECTS = frozenset({"adopts", "approves", "admits_to_funding"})
_PERIOD_KINDS = (
    "territory",
    "organisation",
    "post",
    "plan",
    "objective",
    "action",
    "body",
    "fund",
    "call",
    "grant",
    "project",
    "phase",
    "service",
)
_PROTOCOL_YEAR = re.compile(r"/\s*((?:19|20)[0-9]{2})\s*$")
_TUEL = "Testo unico degli enti locali (D.Lgs. 267/2000)"


def _periods(ctx: Context) -> Iterator[tuple[Loc, Period]]:
    for kind in _PERIOD_KINDS:
        for record in ctx.records(kind):
            if record.entity.period is not None:
                yield (*record.loc, "period"), record.entity.period
    for i, territory in enumerate(ctx.doc.territories):
        for j, link in enumerate(territory.part_of):
            if link.period is not None:
                yield ("territories", i, "part_of", j, "period"), link.period
    for i, body in enumerate(ctx.doc.bodies):
        for j, membership in enumerate(body.members):
            if membership.period is not None:
                yield ("bodies", i, "members", j, "period"), membership.period
    for i, relation in enumerate(ctx.doc.relations):
        if relation.id is None and relation.period is not None:
            yield ("relations", i, "period"), relation.period


def _check_disordered(ctx: Context) -> Iterator[Hit]:
    for loc, period in _periods(ctx):
        if disordered(period):
            yield Hit(loc, str(period))


def _check_membership_overlaps(ctx: Context) -> Iterator[Hit]:
    for i, body in enumerate(ctx.doc.bodies):
        seats: dict[tuple[str, str], list[tuple[Period | None, int]]] = defaultdict(list)
        for j, membership in enumerate(body.members):
            if membership.member is not None:  # counted seats have no one to overlap
                seats[(membership.member, membership.role)].append((membership.period, j))
        for (member, role), periods in seats.items():
            for later, earlier in overlapping(periods) if len(periods) > 1 else ():
                args = {"role": role, "other": f"members[{earlier}]"}
                yield Hit(("bodies", i, "members", later), member, args)


def _check_double_holders(ctx: Context) -> Iterator[Hit]:
    offices: dict[tuple[str, str, str], list[tuple[Period | None, int]]] = defaultdict(list)
    for i, post in enumerate(ctx.doc.posts):
        if post.holder is not None:
            offices[(post.organisation, post.kind, post.name.casefold())].append((post.period, i))
    for periods in offices.values():
        for later, earlier in overlapping(periods) if len(periods) > 1 else ():
            first, second = ctx.doc.posts[earlier], ctx.doc.posts[later]
            if first.holder != second.holder:
                args = {"other": first.holder, "post": f"posts[{earlier}]"}
                yield Hit(("posts", later, "holder"), second.holder, args)


def _check_outside_plan(ctx: Context) -> Iterator[Hit]:
    for info in ctx.plans:
        bounds = info.plan.period
        if bounds is None:
            continue
        groups: tuple[tuple[str, Sequence[Objective | Action]], ...] = (
            ("objectives", info.plan.objectives),
            ("actions", info.plan.actions),
        )
        for group, items in groups:
            for k, item in enumerate(items):
                period = item.period
                if period is None:
                    continue
                if outside(period, bounds):
                    args = {"plan": str(bounds)}
                    yield Hit((*info.loc, group, k, "period"), str(period), args)


def _check_meetings_in_life(ctx: Context) -> Iterator[Hit]:
    for i, body in enumerate(ctx.doc.bodies):
        life = body.period
        if life is None:
            continue
        for k, meeting in enumerate(body.meetings):
            day = meeting.date
            if day is None:
                continue
            if (life.start and before(day, life.start)) or (life.end and after(day, life.end)):
                args = {"life": str(life)}
                yield Hit(("bodies", i, "meetings", k, "date"), str(day), args)


def _is_any(ctx: Context, codelist: str, code: str | None, kinds: frozenset[str]) -> bool:
    """Whether *code* is one of *kinds*, or narrower than one (declared broader codes)."""
    if code is None:
        return False
    return code in kinds or any(ctx.is_a(codelist, code, kind) for kind in kinds)


@attrs.frozen(slots=True)
class Adoption:
    """Evidence that a plan was adopted: an act's effect, a milestone, or a funded grant.

    ``act`` is None for a grant admitted to funding without a recorded decision.
    """

    loc: Loc
    act: Act | None
    act_loc: Loc | None
    date: PartialDate | None


def adoptions(ctx: Context, plan: Plan, plan_loc: Loc) -> list[Adoption]:
    """What shows that *plan* was adopted, planned steps excluded.

    Accepted: an act with an ``adopts`` or ``approves`` effect on the plan; an
    ``adoption`` milestone naming its act; and, for a project's programme, an act that
    adopts, approves or admits the project to funding, or a grant that funds it.
    """
    found: list[Adoption] = []
    seen: set[int] = set()

    def add(loc: Loc, act: Act | None, act_loc: Loc | None, date: PartialDate | None) -> None:
        if act is None or id(act) not in seen:
            found.append(Adoption(loc, act, act_loc, date))
            if act is not None:
                seen.add(id(act))

    for record in ctx.effects_on(plan.id):
        if _is_any(ctx, "act_effects", record.effect.effect, ADOPTING_EFFECTS) and not (
            record.effect.planned
        ):
            add(record.loc, record.act, record.act_loc, record.effect.date or record.act.date)
    for k, milestone in enumerate(plan.milestones):
        act_record = ctx.entity(milestone.act)
        adoption = ctx.is_a("plan_milestone_kinds", milestone.kind, "adoption")
        if adoption and not milestone.planned and act_record is not None:
            act: Act = act_record.entity
            add((*plan_loc, "milestones", k), act, act_record.loc, milestone.date or act.date)
    project = ctx.project_of(plan.id)
    if project is not None:
        for record in ctx.effects_on(project.id):
            funds = _is_any(ctx, "act_effects", record.effect.effect, FUNDING_EFFECTS)
            if funds and not record.effect.planned:
                add(record.loc, record.act, record.act_loc, record.effect.date or record.act.date)
        for loc, grant in ctx.grants_of(project.id):
            if funded(grant):
                decision = ctx.entity(grant.decision)
                if decision is None:
                    add(loc, None, None, grant.date)
                else:
                    add(loc, decision.entity, decision.loc, grant.date or decision.entity.date)
    return found


def _adopted_plans(ctx: Context) -> Iterator[tuple[PlanInfo, list[Adoption]]]:
    for info in ctx.plans:
        if _is_any(ctx, "plan_statuses", info.plan.status, ADOPTED_STATUSES):
            yield info, adoptions(ctx, info.plan, info.loc)


def _check_adopted_without_act(ctx: Context) -> Iterator[Hit]:
    for info, found in _adopted_plans(ctx):
        if not found:
            yield Hit((*info.loc, "status"), info.plan.status)


def _check_adoption_date(ctx: Context) -> Iterator[Hit]:
    seen: set[tuple[str | int, ...]] = set()  # an act adopting two plans lacks one date
    for _, found in _adopted_plans(ctx):
        for adoption in found:
            act, where = adoption.act, adoption.act_loc
            if act is not None and where and where not in seen and adoption.date is None:
                seen.add(where)
                yield Hit((*where, "date"), None, {"act": act.id})


def _check_adoption_issuer(ctx: Context) -> Iterator[Hit]:
    seen: set[tuple[str | int, ...]] = set()  # an act adopting two plans lacks one issuer
    for _, found in _adopted_plans(ctx):
        for adoption in found:
            act, where = adoption.act, adoption.act_loc
            if act is not None and where and where not in seen and act.issuer is None:
                seen.add(where)
                yield Hit((*where, "issuer"), None, {"act": act.id})


def _check_adoption_by_owner(ctx: Context) -> Iterator[Hit]:
    for info in ctx.plans:
        owner = info.plan.owner
        if ctx.kind_of(owner) != "organisation":
            continue  # no owner, or a broken reference reported by UG001/UG003
        for adoption in adoptions(ctx, info.plan, info.loc):
            act = adoption.act
            if act is None or not adoption.act_loc or adoption.loc[0] == "grants":
                continue  # a funder's decision is not the owner's adoption
            if ctx.organisations_of(act.issuer) and not ctx.acts_for(act.issuer, owner):
                yield Hit((*adoption.act_loc, "issuer"), act.issuer, {"owner": owner})


def _check_protocol_year(ctx: Context) -> Iterator[Hit]:
    for i, act in enumerate(ctx.doc.acts):
        if act.number is None or act.date is None:
            continue
        match = _PROTOCOL_YEAR.search(act.number)
        year = year_of(act.date)
        if match and year is not None and int(match.group(1)) != year:
            yield Hit(("acts", i, "number"), act.number, {"year": year})


def _check_stale_plans(ctx: Context) -> Iterator[Hit]:
    as_of = ctx.as_of

    def past(planned: bool, day: PartialDate | None) -> bool:
        return planned and day is not None and day.latest() < as_of

    for i, body in enumerate(ctx.doc.bodies):
        for k, meeting in enumerate(body.meetings):
            if past(meeting.planned, meeting.date):
                yield Hit(("bodies", i, "meetings", k, "planned"), str(meeting.date), _on(as_of))
    adopted: set[str] = set()
    for info in ctx.all_plans:
        done = {milestone.kind for milestone in info.plan.milestones if not milestone.planned}
        if "adoption" in done:
            adopted.add(info.plan.id)
        for k, milestone in enumerate(info.plan.milestones):
            if past(milestone.planned, milestone.date) and milestone.kind not in done:
                loc = (*info.loc, "milestones", k, "planned")
                yield Hit(loc, str(milestone.date), _on(as_of))
    done_effects = {
        (effect.effect, effect.target)
        for act in ctx.doc.acts
        for effect in act.effects
        if not effect.planned
    }
    for i, act in enumerate(ctx.doc.acts):
        for k, effect in enumerate(act.effects):
            happened = (effect.effect, effect.target) in done_effects or (
                effect.effect in ADOPTING_EFFECTS and effect.target in adopted
            )
            if past(effect.planned, effect.date) and not happened:
                loc = ("acts", i, "effects", k, "planned")
                yield Hit(loc, str(effect.date), _on(as_of))


def _on(day: object) -> dict[str, object]:
    return {"as_of": str(day)}


_ADOPTION_SOURCE = "D.Lgs. 267/2000 artt. 42, 48 (competenze di consiglio e giunta)"

RULES: tuple[Rule, ...] = (
    Rule(
        code="UG201",
        name="disordered-period",
        title=Text("I periodi iniziano prima di finire", "Periods start before they end"),
        message=Text("il periodo finisce prima di iniziare", "the period ends before it starts"),
        hint=Text("scambia o correggi `start` ed `end`", "swap or correct `start` and `end`"),
        severity=Severity.ERROR,
        rationale=Text(
            "Un periodo rovesciato rende falso ogni controllo alla data.",
            "A reversed period falsifies every check at a date.",
        ),
        basis="consistency",
        source="ISO 8601",
        check=_check_disordered,
    ),
    Rule(
        code="UG202",
        name="overlapping-memberships",
        title=Text(
            "Le presenze di un membro con lo stesso ruolo non si sovrappongono",
            "A member's seats with the same role do not overlap",
        ),
        message=Text(
            "nello stesso periodo il membro ha già un seggio con ruolo {role} ({other})",
            "over the same period the member already has a seat as {role} ({other})",
        ),
        hint=Text(
            "unisci le due presenze o dai loro periodi consecutivi",
            "merge the two seats or give them consecutive periods",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Una presenza doppia falsa i conteggi di composizione e di genere degli organi.",
            "A double seat skews the counts of a body's composition and gender balance.",
        ),
        basis="consistency",
        source=_TUEL,
        check=_check_membership_overlaps,
    ),
    Rule(
        code="UG203",
        name="post-with-two-holders",
        title=Text(
            "Un incarico ha un solo titolare per volta",
            "A post has one holder at a time",
        ),
        message=Text(
            "nello stesso periodo lo stesso incarico ({post}) è ricoperto da {other}",
            "over the same period the same post ({post}) is held by {other}",
        ),
        hint=Text(
            "dai ai due titolari i periodi del loro mandato",
            "give the two holders the periods of their terms",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Un incarico (stesso ente, tipo e titolo) ha un titolare per volta: chi firma un "
            "atto deve essere determinabile.",
            "A post (same organisation, kind and title) has one holder at a time: who signs "
            "an act must be determinable.",
        ),
        basis="law",
        source=_TUEL,
        check=_check_double_holders,
    ),
    Rule(
        code="UG204",
        name="outside-plan-period",
        title=Text(
            "Azioni e obiettivi cadono nel periodo del piano",
            "Actions and objectives fall inside the plan's period",
        ),
        message=Text(
            "il periodo esce da quello del piano ({plan})",
            "the period falls outside the plan's ({plan})",
        ),
        hint=Text(
            "correggi le date, o estendi il periodo del piano se è stato prorogato",
            "correct the dates, or extend the plan's period if it was prolonged",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Un'azione fuori dal periodo del piano non è coperta dal suo atto di adozione.",
            "An action outside the plan's period is not covered by its adopting act.",
        ),
        basis="good_practice",
        source="Practice of equality plans",
        check=_check_outside_plan,
    ),
    Rule(
        code="UG205",
        name="meeting-outside-body-life",
        title=Text(
            "Le sedute cadono nella vita dell'organo",
            "Meetings fall inside the body's life",
        ),
        message=Text(
            "la seduta cade fuori dalla vita dell'organo ({life})",
            "the meeting falls outside the body's life ({life})",
        ),
        hint=Text(
            "correggi la data della seduta o il periodo dell'organo",
            "correct the meeting's date or the body's period",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Un organo non si riunisce prima di essere costituito né dopo essere sciolto.",
            "A body does not meet before it is set up nor after it is dissolved.",
        ),
        basis="consistency",
        source=_TUEL,
        check=_check_meetings_in_life,
    ),
    Rule(
        code="UG206",
        name="adopted-without-act",
        title=Text(
            "Un piano adottato ha il suo atto di adozione",
            "An adopted plan has its adopting act",
        ),
        message=Text(
            "il piano risulta adottato, ma nessun atto lo adotta",
            "the plan is marked adopted, but no act adopts it",
        ),
        hint=Text(
            "aggiungi l'atto con un effetto `adopts` sul piano (non `planned`), o correggi lo "
            "stato",
            "add the act with an `adopts` effect on the plan (not `planned`), or correct the "
            "status",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "L'adozione è un atto formale: senza l'atto non si sa chi ha deciso, quando e "
            "con quale forza.",
            "Adoption is a formal act: without it nobody knows who decided, when, and with "
            "what authority.",
        ),
        basis="law",
        source=_ADOPTION_SOURCE,
        check=_check_adopted_without_act,
    ),
    Rule(
        code="UG207",
        name="adoption-without-date",
        title=Text("L'atto di adozione ha una data", "The adopting act has a date"),
        message=Text(
            "l'atto di adozione {act} non ha data",
            "the adopting act {act} has no date",
        ),
        hint=Text(
            "aggiungi la data dell'atto (anche solo anno e mese)",
            "add the act's date (year and month will do)",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "La data di adozione fissa da quando il piano vincola l'ente.",
            "The adoption date fixes when the plan binds the organisation.",
        ),
        basis="law",
        source=_ADOPTION_SOURCE,
        check=_check_adoption_date,
    ),
    Rule(
        code="UG208",
        name="adoption-without-issuer",
        title=Text(
            "L'atto di adozione indica l'organo competente",
            "The adopting act names the competent body",
        ),
        message=Text(
            "l'atto di adozione {act} non indica chi lo ha emanato",
            "the adopting act {act} does not say who issued it",
        ),
        hint=Text(
            "indica in `issuer` l'organo, l'incarico o l'ente che ha adottato il piano",
            "set `issuer` to the body, post or organisation that adopted the plan",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Solo l'organo competente (consiglio, giunta) può adottare un piano.",
            "Only the competent body (council, executive) can adopt a plan.",
        ),
        basis="law",
        source=_ADOPTION_SOURCE,
        check=_check_adoption_issuer,
    ),
    Rule(
        code="UG209",
        name="adoption-by-another-organisation",
        title=Text(
            "Il piano è adottato dall'ente a cui appartiene",
            "The plan is adopted by the organisation that owns it",
        ),
        message=Text(
            "chi emana l'atto di adozione non appartiene a {owner}, titolare del piano",
            "the adopting act's issuer does not belong to {owner}, which owns the plan",
        ),
        hint=Text(
            "correggi `issuer` o `owner`; un organo conta per l'ente che lo convoca, e "
            "l'atto di un ente sovraordinato (`parent`) vale per i suoi uffici",
            "correct `issuer` or `owner`; a body counts for the organisation convening it, "
            "and an act of a parent organisation counts for its departments",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Un ente adotta i propri piani, o li adotta un ente di cui fa parte (il Consiglio "
            "dei ministri per un dipartimento della Presidenza); l'atto di un altro ente è un "
            "parere o un'intesa.",
            "An organisation adopts its own plans, or an organisation it is part of adopts "
            "them (the Council of Ministers for a department of the Presidency); another "
            "organisation's act is an opinion or an agreement.",
        ),
        basis="law",
        source=_ADOPTION_SOURCE,
        check=_check_adoption_by_owner,
    ),
    Rule(
        code="UG210",
        name="protocol-year-mismatch",
        title=Text(
            "L'anno del numero di protocollo è quello dell'atto",
            "The protocol number's year is the act's year",
        ),
        message=Text(
            "il numero indica un anno diverso da quello dell'atto ({year})",
            "the number names a year other than the act's ({year})",
        ),
        hint=Text(
            "correggi il numero (n/AAAA) o la data dell'atto",
            "correct the number (n/YYYY) or the act's date",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Nel protocollo \"n/AAAA\" l'anno dopo la barra è quello di registrazione dell'atto.",
            'In a protocol number "n/YYYY" the year after the slash is the year the act was '
            "registered.",
        ),
        basis="law",
        source="DPR 445/2000 art. 57 (numero di protocollo)",
        check=_check_protocol_year,
    ),
    Rule(
        code="UG211",
        name="stale-planned-event",
        title=Text(
            "Gli eventi previsti non sono già passati",
            "Planned events are not already past",
        ),
        message=Text(
            "l'evento era previsto e la sua data è passata (al {as_of}), ma il documento non "
            "dice se è avvenuto",
            "the event was planned and its date has passed (as of {as_of}), but the document "
            "does not say whether it took place",
        ),
        hint=Text(
            "registra se l'evento è avvenuto (togli `planned`) o la nuova data",
            "record whether it took place (remove `planned`) or its new date",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            'Sedute, tappe e adozioni annunciate restano "previste" finché nessuno '
            "aggiorna il documento: il monitoraggio deve sapere se sono avvenute.",
            'Announced meetings, milestones and adoptions stay "planned" until someone '
            "updates the document: monitoring needs to know whether they happened.",
        ),
        basis="good_practice",
        source="Practice of plan monitoring",
        check=_check_stale_plans,
    ),
)
