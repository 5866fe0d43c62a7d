"""UG3xx — plan completeness: areas with actions, leads, indicators, good practices.

An action inherits the lead, areas and objectives of the macro-action it details
(``parent``), so a detailed action need not repeat them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from uguaglianza.model import Action, Objective
from uguaglianza.rules.catalogue import FORMAL_PLANS, Hit, Rule
from uguaglianza.rules.context import Context, PlanInfo, inheritance
from uguaglianza.rules.report import Loc, Severity, Text

__all__ = ["RULES"]

#: Kinds of territory a good practice may come from.
ORIGIN_KINDS = frozenset({"comune", "socio_health_district"})
_PRACTICE = "Practice of equality plans"
_MONITORING = "Horizon Europe GEP guidance; D.Lgs. 198/2006 art. 48; practice of plan monitoring"


def _check_area_without_action(ctx: Context) -> Iterator[Hit]:
    for info in ctx.plans:
        plan = info.plan
        objective_areas = {o.id: o.areas for o in plan.objectives}
        served: set[str] = set()
        for action in plan.actions:
            served.update(action.areas)
            for objective in action.objectives:
                served.update(objective_areas.get(objective, ()))
        for k, area in enumerate(plan.areas):
            if area.id not in served:
                yield Hit((*info.loc, "areas", k), area.id)


def _check_foreign_parts(ctx: Context) -> Iterator[Hit]:
    for info in ctx.plans:
        plan = info.plan
        own = {
            part.id for group in (plan.areas, plan.objectives, plan.indicators) for part in group
        }
        own.update(action.id for action in plan.actions)
        groups: tuple[tuple[str, Sequence[Objective | Action]], ...] = (
            ("objectives", plan.objectives),
            ("actions", plan.actions),
        )
        for group, items in groups:
            for k, item in enumerate(items):
                for where, ref in _part_refs(item):
                    if ref in own:
                        continue
                    owner = ctx.plan_of(ref)
                    if owner is not None and owner.plan.id != plan.id:
                        yield Hit((*info.loc, group, k, *where), ref, {"plan": owner.plan.id})


def _part_refs(item: Objective | Action) -> Iterator[tuple[Loc, str]]:
    """Each reference of *item* to a part of a plan, with its place inside the item."""
    fields: list[tuple[str, tuple[str, ...]]] = [
        ("areas", item.areas),
        ("indicators", item.indicators),
    ]
    if isinstance(item, Action):
        fields.append(("objectives", item.objectives))
        if item.parent is not None:
            yield ("parent",), item.parent
    for field, refs in fields:
        for n, ref in enumerate(refs):
            yield (field, n), ref


def _check_unplaced_action(ctx: Context) -> Iterator[Hit]:
    placed = inheritance(ctx, lambda action: action.areas or action.objectives)
    for info in ctx.plans:
        plan = info.plan
        if not plan.areas and not plan.objectives:
            continue
        strays = [(k, action) for k, action in enumerate(plan.actions) if not placed(action)]
        if len(strays) == len(plan.actions):
            continue  # no action is placed at all: UG301 reports the unserved areas
        for k, action in strays:
            yield Hit((*info.loc, "actions", k), action.id)


def _check_missing_lead(ctx: Context) -> Iterator[Hit]:
    led = inheritance(ctx, lambda action: action.lead)
    for info in ctx.plans:
        project = ctx.project_of(info.plan.id)
        if project is not None and project.lead is not None:
            continue  # the project's lead answers for its actions
        for k, action in enumerate(info.plan.actions):
            if action.kind == "good_practice" and action.origin is not None:
                continue
            if not led(action):
                yield Hit((*info.loc, "actions", k, "lead"), None)


def _check_lead_partner(ctx: Context) -> Iterator[Hit]:
    for info in ctx.plans:
        for k, action in enumerate(info.plan.actions):
            if action.lead is not None and action.lead in action.partners:
                n = action.partners.index(action.lead)
                yield Hit((*info.loc, "actions", k, "partners", n), action.lead)


def _check_repeated_partner(ctx: Context) -> Iterator[Hit]:
    for info in ctx.plans:
        for k, action in enumerate(info.plan.actions):
            seen: set[str] = set()
            for n, partner in enumerate(action.partners):
                if partner in seen:
                    yield Hit((*info.loc, "actions", k, "partners", n), partner)
                seen.add(partner)


def _check_objective_indicators(ctx: Context) -> Iterator[Hit]:
    for info in ctx.plans:
        for k, objective in enumerate(info.plan.objectives):
            if not objective.indicators:
                yield Hit((*info.loc, "objectives", k, "indicators"), None)


_BASELINE = Text("valore di partenza (baseline)", "baseline")
_TARGET = Text("valore obiettivo (target)", "target")
_TIMELINE = Text("data del target", "target date")


def _check_indicator_parts(ctx: Context) -> Iterator[Hit]:
    for info in ctx.plans:
        for k, indicator in enumerate(info.plan.indicators):
            missing = []
            if indicator.baseline is None:
                missing.append(_BASELINE)
            if indicator.target is None:
                missing.append(_TARGET)
            elif indicator.target.date is None:
                missing.append(_TIMELINE)
            if missing:
                yield Hit((*info.loc, "indicators", k), indicator.id, {"missing": missing})


def _check_sex_disaggregation(ctx: Context) -> Iterator[Hit]:
    for info in ctx.plans:
        for k, indicator in enumerate(info.plan.indicators):
            if indicator.counts_people and not indicator.sex_disaggregated:
                yield Hit((*info.loc, "indicators", k, "sex_disaggregated"), False)


def _check_intersectional(ctx: Context) -> Iterator[Hit]:
    for info in ctx.plans:
        for k, action in enumerate(info.plan.actions):
            if action.intersectional and len(set(action.grounds)) < 2:
                yield Hit((*info.loc, "actions", k, "grounds"), list(action.grounds))


def _good_practices(info: PlanInfo) -> Iterator[tuple[int, Action]]:
    for k, action in enumerate(info.plan.actions):
        if action.kind == "good_practice":
            yield k, action


def _check_practice_origin(ctx: Context) -> Iterator[Hit]:
    for info in ctx.plans:
        for k, action in _good_practices(info):
            territory = ctx.territory_of(action.origin)
            record = ctx.entity(territory)
            if record is None or record.entity.kind not in ORIGIN_KINDS:
                yield Hit((*info.loc, "actions", k, "origin"), action.origin)


def _check_practice_territory(ctx: Context) -> Iterator[Hit]:
    for info in ctx.plans:
        scope = set(info.plan.scope)
        if not scope:
            continue
        for k, action in _good_practices(info):
            territory = ctx.territory_of(action.origin)
            if territory is None or territory in scope:
                continue
            if scope.isdisjoint(ctx.ancestors(territory)):
                args = {"scope": ", ".join(info.plan.scope)}
                yield Hit((*info.loc, "actions", k, "origin"), action.origin, args)


def _check_owner(ctx: Context) -> Iterator[Hit]:
    for info in ctx.plans:
        if info.plan.owner is None:
            yield Hit((*info.loc, "owner"), None)


def _check_period(ctx: Context) -> Iterator[Hit]:
    for info in ctx.plans:
        if info.plan.period is None:
            yield Hit((*info.loc, "period"), None)


RULES: tuple[Rule, ...] = (
    Rule(
        code="UG301",
        name="area-without-action",
        title=Text(
            "Ogni area di intervento ha almeno un'azione",
            "Every intervention area has at least one action",
        ),
        message=Text(
            "nessuna azione del piano riguarda quest'area",
            "no action of the plan serves this area",
        ),
        hint=Text(
            "collega almeno un'azione all'area (`areas` dell'azione o dei suoi obiettivi)",
            "link at least one action to the area (the action's or its objectives' `areas`)",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Un'area senza azioni è un impegno senza strumenti.",
            "An area without actions is a commitment without means.",
        ),
        basis="good_practice",
        source=_PRACTICE,
        check=_check_area_without_action,
    ),
    Rule(
        code="UG302",
        name="part-of-another-plan",
        title=Text(
            "Azioni e obiettivi usano aree, obiettivi e indicatori del proprio piano",
            "Actions and objectives use areas, objectives and indicators of their own plan",
        ),
        message=Text(
            "il riferimento appartiene a un altro piano ({plan})",
            "the reference belongs to another plan ({plan})",
        ),
        hint=Text(
            "punta a un elemento di questo piano, o sposta l'azione nel piano giusto",
            "point at a part of this plan, or move the action to the right plan",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Un'azione risponde al piano che la contiene: mescolare i piani falsa il "
            "monitoraggio di entrambi.",
            "An action answers to the plan containing it: mixing plans skews the monitoring "
            "of both.",
        ),
        basis="consistency",
        source=_PRACTICE,
        check=_check_foreign_parts,
    ),
    Rule(
        code="UG303",
        name="action-without-area-or-objective",
        title=Text(
            "Ogni azione serve un'area o un obiettivo",
            "Every action serves an area or an objective",
        ),
        message=Text(
            "l'azione non è collegata a nessuna area né a nessun obiettivo",
            "the action is linked to no area and no objective",
        ),
        hint=Text(
            "indica `areas` o `objectives` (o un `parent` che li abbia)",
            "set `areas` or `objectives` (or a `parent` that has them)",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "In un piano che collega le azioni ad aree o obiettivi, un'azione isolata non si può "
            "rendicontare (se nessuna azione è collegata, UG301 segnala le aree scoperte).",
            "In a plan linking its actions to areas or objectives, a stray action cannot be "
            "reported on (when no action is linked, UG301 reports the unserved areas).",
        ),
        basis="good_practice",
        source=_PRACTICE,
        check=_check_unplaced_action,
    ),
    Rule(
        code="UG304",
        name="action-without-lead",
        title=Text("Ogni azione ha un responsabile", "Every action has a lead"),
        message=Text(
            "l'azione non ha un responsabile (né lo eredita dalla macro-azione o dal progetto)",
            "the action has no lead (nor inherits one from its macro-action or project)",
        ),
        hint=Text(
            "indica in `lead` l'ente, l'incarico, la persona o l'organo responsabile",
            "set `lead` to the organisation, post, person or body responsible",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Senza un responsabile unico nessuno risponde dell'azione.",
            "Without a single lead nobody answers for the action.",
        ),
        basis="good_practice",
        source=_PRACTICE,
        check=_check_missing_lead,
    ),
    Rule(
        code="UG305",
        name="lead-also-partner",
        title=Text(
            "Il responsabile di un'azione non è anche partner",
            "An action's lead is not also a partner",
        ),
        message=Text(
            "il responsabile dell'azione compare anche tra i partner",
            "the action's lead is also listed among the partners",
        ),
        hint=Text("togli il responsabile da `partners`", "remove the lead from `partners`"),
        severity=Severity.ERROR,
        rationale=Text(
            "Capofila e partner sono ruoli distinti; contarli due volte falsa la rete.",
            "Lead and partner are distinct roles; counting one actor twice skews the network.",
        ),
        basis="consistency",
        source=_PRACTICE,
        check=_check_lead_partner,
    ),
    Rule(
        code="UG306",
        name="repeated-partner",
        title=Text(
            "I partner di un'azione non si ripetono", "An action's partners are not repeated"
        ),
        message=Text("partner già elencato", "partner already listed"),
        hint=Text("togli la copia", "remove the copy"),
        severity=Severity.WARNING,
        rationale=Text(
            "Un partner ripetuto pesa due volte nelle analisi della rete.",
            "A repeated partner counts twice in network analyses.",
        ),
        basis="consistency",
        source=_PRACTICE,
        check=_check_repeated_partner,
    ),
    Rule(
        code="UG307",
        name="objective-without-indicator",
        title=Text(
            "Ogni obiettivo ha almeno un indicatore",
            "Every objective has at least one indicator",
        ),
        message=Text("l'obiettivo non ha indicatori", "the objective has no indicator"),
        hint=Text(
            "aggiungi un indicatore al piano e citalo in `indicators`",
            "add an indicator to the plan and list it under `indicators`",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Un obiettivo senza indicatore non si può monitorare né valutare.",
            "An objective without an indicator can be neither monitored nor evaluated.",
        ),
        basis="guideline",
        source=_MONITORING,
        profiles=FORMAL_PLANS,
        check=_check_objective_indicators,
    ),
    Rule(
        code="UG308",
        name="incomplete-indicator",
        title=Text(
            "Ogni indicatore ha valore di partenza, target e scadenza",
            "Every indicator has a baseline, a target and a timeline",
        ),
        message=Text("all'indicatore manca: {missing}", "the indicator lacks: {missing}"),
        hint=Text(
            "completa `baseline` e `target` (con la sua `date`)",
            "fill in `baseline` and `target` (with its `date`)",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Senza punto di partenza, traguardo e scadenza non si misura il progresso.",
            "Without a starting point, a goal and a deadline progress cannot be measured.",
        ),
        basis="guideline",
        source=_MONITORING,
        profiles=FORMAL_PLANS,
        check=_check_indicator_parts,
    ),
    Rule(
        code="UG309",
        name="people-count-not-by-sex",
        title=Text(
            "Gli indicatori che contano persone sono disaggregati per sesso",
            "Indicators counting people are disaggregated by sex",
        ),
        message=Text(
            "l'indicatore conta persone ma non è disaggregato per sesso",
            "the indicator counts people but is not disaggregated by sex",
        ),
        hint=Text(
            "raccogli i dati per sesso e imposta `sex_disaggregated: true`",
            "collect the data by sex and set `sex_disaggregated: true`",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Senza dati per sesso le disuguaglianze di genere restano invisibili.",
            "Without data by sex gender inequalities stay invisible.",
        ),
        basis="law",
        source="D.Lgs. 198/2006 art. 48; Horizon Europe GEP requirements",
        check=_check_sex_disaggregation,
    ),
    Rule(
        code="UG310",
        name="intersectional-single-ground",
        title=Text(
            "Un'azione intersezionale indica almeno due fattori di discriminazione",
            "An intersectional action names at least two grounds",
        ),
        message=Text(
            "l'azione è dichiarata intersezionale ma indica meno di due fattori",
            "the action is declared intersectional but names fewer than two grounds",
        ),
        hint=Text(
            "elenca in `grounds` i fattori che si combinano, o togli `intersectional`",
            "list the combining grounds under `grounds`, or remove `intersectional`",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "La discriminazione multipla è una combinazione di fattori, non un fattore.",
            "Multiple discrimination is a combination of grounds, not a ground.",
        ),
        basis="guideline",
        source="EU Charter of Fundamental Rights art. 21; CEMR European Charter art. 10",
        check=_check_intersectional,
    ),
    Rule(
        code="UG311",
        name="good-practice-origin",
        title=Text(
            "Una buona prassi viene da un comune o da un distretto",
            "A good practice comes from a comune or a district",
        ),
        message=Text(
            "la buona prassi non indica un comune o un distretto di provenienza",
            "the good practice names no comune or district it comes from",
        ),
        hint=Text(
            "indica in `origin` il comune o il distretto (o un ente che ne serve il territorio)",
            "set `origin` to the comune or district (or an organisation serving it)",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Le buone prassi si raccolgono da distretti e comuni: senza provenienza non si "
            "possono ritrovare né diffondere.",
            "Good practices are collected from districts and comuni: without an origin they "
            "can be neither traced nor spread.",
        ),
        basis="good_practice",
        source=_PRACTICE,
        check=_check_practice_origin,
    ),
    Rule(
        code="UG312",
        name="good-practice-outside-territory",
        title=Text(
            "Le buone prassi vengono dal territorio del piano",
            "Good practices come from the plan's territory",
        ),
        message=Text(
            "la buona prassi viene da fuori dal territorio del piano ({scope})",
            "the good practice comes from outside the plan's territory ({scope})",
        ),
        hint=Text(
            "correggi `origin`, o collega il territorio d'origine a quello del piano (`part_of`)",
            "correct `origin`, or link the origin to the plan's territory (`part_of`)",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Un piano raccoglie le prassi del proprio territorio.",
            "A plan collects the practices of its own territory.",
        ),
        basis="good_practice",
        source=_PRACTICE,
        check=_check_practice_territory,
    ),
    Rule(
        code="UG313",
        name="plan-without-owner",
        title=Text("Ogni piano ha un ente titolare", "Every plan has an owner"),
        message=Text("il piano non indica l'ente titolare", "the plan names no owner"),
        hint=Text(
            "indica in `owner` l'ente a cui il piano appartiene",
            "set `owner` to the organisation whose plan it is",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Senza titolare non si sa chi adotta, attua e rendiconta il piano.",
            "Without an owner nobody knows who adopts, implements and reports on the plan.",
        ),
        basis="good_practice",
        source=_PRACTICE,
        check=_check_owner,
    ),
    Rule(
        code="UG314",
        name="plan-without-period",
        title=Text("Un piano formale ha un periodo", "A formal plan has a period"),
        message=Text("il piano non ha un periodo di validità", "the plan has no period"),
        hint=Text(
            "indica in `period` l'inizio e la fine del piano",
            "set `period` to the plan's start and end",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Un piano è a termine: il periodo serve a programmare, monitorare e rinnovare.",
            "A plan runs for a term: its period is what planning, monitoring and renewal rest on.",
        ),
        basis="good_practice",
        source=_PRACTICE,
        profiles=FORMAL_PLANS,
        check=_check_period,
    ),
)
