"""UG5xx — Horizon Europe Gender Equality Plans: the four process requirements and areas.

Each requirement is met when the plan declares it (its ``frameworks`` code on the plan or
one of its actions) *and* the document holds the evidence below:

- UG501 public document: an act adopting the plan (effect ``adopts`` or ``approves``, not
  planned) issued or signed by top management (a post whose kind is, or is narrower than,
  ``top_management``: a Rector counts; or a person holding one), published (the act, the
  plan or the plan's source document has a ``url``);
- UG502 dedicated resources: the plan's ``resources`` (money, staff or a structure), an
  action with a positive budget or a funding source, or an action carrying
  ``he_gep_dedicated_resources`` with a lead (the people in charge);
- UG503 data and monitoring: an indicator disaggregated by sex and measured at least
  once a year (its frequency, or the plan's ``monitoring_frequency``);
- UG504 training: an action of kind ``training`` (or narrower) or carrying
  ``he_gep_training`` (declaring it on the plan alone describes no training).

Evidence the document records as not stated (``absent``) makes the answer "not known";
so does, for UG504, an intervention area that no recorded action serves (the source shows
only some of the plan's actions).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import attrs

from uguaglianza.codelists import load_codelist
from uguaglianza.model import Act, Plan
from uguaglianza.rules.catalogue import Check, Hit, Rule
from uguaglianza.rules.context import Context, PlanInfo
from uguaglianza.rules.report import Severity, Text
from uguaglianza.rules.time import adoptions

__all__ = ["RECOMMENDED_AREAS", "RULES", "TOP_MANAGEMENT_POSTS", "is_top_management"]

PUBLIC_DOCUMENT = "he_gep_public_document"
DEDICATED_RESOURCES = "he_gep_dedicated_resources"
DATA_AND_MONITORING = "he_gep_data_and_monitoring"
TRAINING = "he_gep_training"
#: Post kinds that count as an organisation's top management, with every narrower kind
#: (``rettore``, ``sindaco``, ``direttore_generale``... through their broader codes).
TOP_MANAGEMENT_POSTS = frozenset({"top_management", "presidente", "direttore", "ministro"})
#: Frequencies at least annual.
AT_LEAST_ANNUAL = frozenset(
    {"annual", "semiannual", "quarterly", "monthly", "weekly", "continuous"}
)
#: The five areas the Horizon Europe guidance recommends, as ``reference_areas`` codes.
RECOMMENDED_AREAS = (
    "gep_work_life_balance",
    "gep_leadership_decision_making",
    "gep_recruitment_career",
    "gep_research_teaching",
    "gep_gender_based_violence",
)


@attrs.frozen(slots=True)
class Gap:
    """Something a requirement lacks; ``known=False`` when the source does not say.

    A ``declaration`` gap is a missing ``frameworks`` code: it decides the answer only
    when the evidence itself is not in doubt.
    """

    text: Text
    known: bool = True
    declaration: bool = False


#: What a requirement still lacks for a plan; empty when it is met.
Gaps = Callable[[Context, PlanInfo], list[Gap]]
_SOURCE = (
    "Horizon Europe Work Programme, General Annexes, eligibility (GEP); European "
    "Commission, Horizon Europe guidance on gender equality plans (2021)"
)


def _declares(plan: Plan, code: str) -> bool:
    return code in plan.frameworks or any(code in action.frameworks for action in plan.actions)


def _declared(plan: Plan, code: str) -> list[Gap]:
    if _declares(plan, code):
        return []
    text = Text(f"il codice {code} nei `frameworks`", f"the code {code} under `frameworks`")
    return [Gap(text, not plan.is_absent("frameworks"), declaration=True)]


def is_top_management(ctx: Context, post_kind: str | None) -> bool:
    """Whether a post of *post_kind* is top management, by its kind or a broader one."""
    return any(ctx.is_a("post_kinds", post_kind, code) for code in TOP_MANAGEMENT_POSTS)


def _top_management(ctx: Context, act: Act) -> bool:
    for actor in (act.issuer, *act.signatories, *(party.through for party in act.parties)):
        record = ctx.entity(actor)
        if record is None or actor is None:
            continue
        if record.kind == "post" and is_top_management(ctx, record.entity.kind):
            return True
        if record.kind == "person":
            for post in ctx.posts_held(actor):
                held = ctx.entity(post)
                if held is not None and is_top_management(ctx, held.entity.kind):
                    return True
    return False


def _published(ctx: Context, plan: Plan, acts: list[Act]) -> bool:
    if any(act.url for act in acts) or plan.url:
        return True
    source = plan.source.document if plan.source is not None else None
    record = ctx.entity(source)
    return record is not None and bool(getattr(record.entity, "url", None))


def _public_document_gaps(ctx: Context, info: PlanInfo) -> list[Gap]:
    plan = info.plan
    missing = _declared(plan, PUBLIC_DOCUMENT)
    acts = [a.act for a in adoptions(ctx, plan, info.loc) if a.act is not None]
    if not acts:
        missing.append(Gap(Text("un atto che adotta il piano", "an act adopting the plan")))
        return missing
    if not any(_top_management(ctx, act) for act in acts):
        unstated = any(act.is_absent("signatories") or act.is_absent("issuer") for act in acts)
        text = Text(
            "la firma dei vertici dell'ente sull'atto di adozione",
            "top management's signature on the adopting act",
        )
        missing.append(Gap(text, not unstated))
    if not _published(ctx, plan, acts):
        unstated = plan.is_absent("url") or any(act.is_absent("url") for act in acts)
        text = Text("l'indirizzo pubblico (`url`) dell'atto", "the act's public address (`url`)")
        missing.append(Gap(text, not unstated))
    return missing


def _resources_gaps(ctx: Context, info: PlanInfo) -> list[Gap]:
    plan = info.plan
    missing = _declared(plan, DEDICATED_RESOURCES)
    resources = plan.resources
    evidence = any(
        (action.budget is not None and action.budget.amount > 0)
        or action.funding
        or (DEDICATED_RESOURCES in action.frameworks and action.lead is not None)
        for action in plan.actions
    ) or (
        resources is not None
        and (
            (resources.budget is not None and resources.budget.amount > 0)
            or any(item.amount.amount > 0 for item in resources.by_year)
            or bool(resources.staff)
            or bool(resources.structures)
        )
    )
    if not evidence:
        unstated = plan.is_absent("resources") or (
            resources is not None
            and any(resources.is_absent(name) for name in ("budget", "staff", "structures"))
        )
        text = Text(
            "risorse del piano (`resources`), o un'azione con budget o fonte di "
            "finanziamento, o con un responsabile dedicato",
            "the plan's `resources`, or an action with a budget or a funding source, or "
            "with a dedicated lead",
        )
        missing.append(Gap(text, not unstated))
    return missing


def _monitoring_gaps(ctx: Context, info: PlanInfo) -> list[Gap]:
    plan = info.plan
    missing = _declared(plan, DATA_AND_MONITORING)
    by_sex = [indicator for indicator in plan.indicators if indicator.sex_disaggregated]
    yearly = plan.monitoring_frequency in AT_LEAST_ANNUAL
    if not any(indicator.frequency in AT_LEAST_ANNUAL or yearly for indicator in by_sex):
        unstated = (
            plan.is_absent("indicators")
            or (not yearly and plan.is_absent("monitoring_frequency"))
            or any(indicator.is_absent("frequency") for indicator in by_sex)
        )
        text = Text(
            "un indicatore disaggregato per sesso e rilevato almeno ogni anno",
            "an indicator disaggregated by sex and measured at least yearly",
        )
        missing.append(Gap(text, not unstated))
    return missing


def _training_gaps(ctx: Context, info: PlanInfo) -> list[Gap]:
    plan = info.plan
    if any(
        TRAINING in action.frameworks or ctx.is_a("action_kinds", action.kind, "training")
        for action in plan.actions
    ):
        return []
    text = Text(
        f"un'azione di formazione (tipo `training` o codice {TRAINING})",
        f"a training action (kind `training` or coded {TRAINING})",
    )
    return [Gap(text, not (plan.is_absent("actions") or _actions_known_in_part(plan)))]


def _actions_known_in_part(plan: Plan) -> bool:
    """Whether an intervention area has no recorded action or objective: the source lists
    only some of the plan's actions, so a missing one may be among the rest."""
    served = {area for action in plan.actions for area in action.areas}
    served.update(area for objective in plan.objectives for area in objective.areas)
    return any(area.id not in served for area in plan.areas)


def _requirement(gaps: Gaps) -> Check:
    """A check reporting, once per GEP, what the requirement still lacks."""

    def check(ctx: Context) -> Iterator[Hit]:
        for info in ctx.plans:
            missing = gaps(ctx, info)
            if missing:
                texts = [gap.text for gap in missing]
                evidence = [gap for gap in missing if not gap.declaration] or missing
                known = any(gap.known for gap in evidence)
                yield Hit(info.loc, info.plan.id, {"missing": texts}, known=known)

    return check


def _check_areas(ctx: Context) -> Iterator[Hit]:
    labels = load_codelist("reference_areas")
    for info in ctx.plans:
        present = {area.reference for area in info.plan.areas}
        for code in RECOMMENDED_AREAS:
            if code not in present:
                entry = labels.get(code)
                name = Text(entry.label_it, entry.label_en) if entry is not None else code
                yield Hit((*info.loc, "areas"), code, {"area": name})


def _gep_rule(code: str, name: str, title: Text, rationale: Text, gaps: Gaps) -> Rule:
    return Rule(
        code=code,
        name=name,
        title=title,
        message=Text("per questo requisito manca: {missing}", "this requirement lacks: {missing}"),
        hint=Text(
            "aggiungi quanto elencato; `uguaglianza rules` dice quali prove valgono",
            "add what is listed; `uguaglianza rules` says which evidence counts",
        ),
        severity=Severity.ERROR,
        rationale=rationale,
        basis="guideline",
        source=_SOURCE,
        profiles=frozenset({"gep"}),
        check=_requirement(gaps),
    )


RULES: tuple[Rule, ...] = (
    _gep_rule(
        "UG501",
        "gep-public-document",
        Text(
            "Il GEP è un documento pubblico firmato dai vertici",
            "The GEP is a public document signed by top management",
        ),
        Text(
            "Horizon Europe richiede un GEP formale, firmato dai vertici e pubblicato sul sito "
            "dell'ente. Accettato: codice he_gep_public_document; un atto (non previsto) che "
            "adotta o approva il piano, emanato o firmato da un incarico di vertice (tipo "
            "top_management o più specifico, es. rettore) o da chi lo ricopre; un `url` "
            "sull'atto, sul piano o sulla sua fonte.",
            "Horizon Europe requires a formal GEP signed by top management and published on "
            "the organisation's website. Accepted: the code he_gep_public_document; an act (not "
            "planned) adopting or approving the plan, issued or signed by a top-management post "
            "(kind top_management or narrower, e.g. rettore) or its holder; a `url` on the "
            "act, the plan or the plan's source.",
        ),
        _public_document_gaps,
    ),
    _gep_rule(
        "UG502",
        "gep-dedicated-resources",
        Text("Il GEP ha risorse dedicate", "The GEP has dedicated resources"),
        Text(
            "Servono risorse e competenze dedicate all'attuazione. Accettato: codice "
            "he_gep_dedicated_resources; le risorse del piano (`resources`: budget, persone o "
            "una struttura); un'azione con budget positivo o una fonte di finanziamento, o "
            "un'azione con quel codice e un responsabile.",
            "Resources and expertise dedicated to implementation are required. Accepted: the "
            "code he_gep_dedicated_resources; the plan's `resources` (budget, people or a "
            "structure); an action with a positive budget or a funding source, or an action "
            "with that code and a lead.",
        ),
        _resources_gaps,
    ),
    _gep_rule(
        "UG503",
        "gep-data-and-monitoring",
        Text(
            "Il GEP raccoglie dati per sesso e li monitora ogni anno",
            "The GEP collects data by sex and monitors it yearly",
        ),
        Text(
            "Dati disaggregati per sesso e monitoraggio annuale sono obbligatori. Accettato: "
            "codice he_gep_data_and_monitoring; un indicatore con `sex_disaggregated: true` e "
            "frequenza almeno annuale (sua, o `monitoring_frequency` del piano).",
            "Sex-disaggregated data and annual monitoring are mandatory. Accepted: the code "
            "he_gep_data_and_monitoring; an indicator with `sex_disaggregated: true` and a "
            "frequency of at least once a year (its own, or the plan's "
            "`monitoring_frequency`).",
        ),
        _monitoring_gaps,
    ),
    _gep_rule(
        "UG504",
        "gep-training",
        Text("Il GEP prevede formazione", "The GEP provides training"),
        Text(
            "Formazione e sensibilizzazione sulla parità di genere per personale e dirigenza. "
            "Accettato: un'azione di tipo training (o più specifico) o con il codice "
            "he_gep_training.",
            "Gender-equality training and awareness-raising for staff and decision-makers. "
            "Accepted: an action of kind training (or narrower) or carrying the code "
            "he_gep_training.",
        ),
        _training_gaps,
    ),
    Rule(
        code="UG505",
        name="gep-recommended-area",
        title=Text(
            "Il GEP copre le aree raccomandate",
            "The GEP covers the recommended areas",
        ),
        message=Text(
            "nessuna area del piano corrisponde all'area raccomandata «{area}»",
            'no area of the plan corresponds to the recommended area "{area}"',
        ),
        hint=Text(
            "aggiungi l'area con `reference` uguale al codice, o spiega perché manca",
            "add the area with `reference` set to the code, or explain why it is missing",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "La guida Horizon Europe raccomanda cinque aree tematiche; mancarne una va motivato.",
            "The Horizon Europe guidance recommends five thematic areas; leaving one out "
            "needs a reason.",
        ),
        basis="guideline",
        source=_SOURCE,
        profiles=frozenset({"gep"}),
        check=_check_areas,
    ),
)
