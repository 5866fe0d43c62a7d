"""UG5xx — Horizon Europe Gender Equality Plans: the four process requirements and areas.

Each requirement is met when the plan declares it (its ``frameworks`` code on the plan or
one of its actions) *and* the document holds the evidence below:

- UG501 public document: an act adopting the plan (effect ``adopts`` or ``approves``, not
  planned) issued or signed by top management (a post of a top-management kind, or a
  person holding one), published (the act, or the plan's source document, has a ``url``);
- UG502 dedicated resources: an action with a positive budget or a funding source, or an
  action carrying ``he_gep_dedicated_resources`` with a lead (the people in charge);
- UG503 data and monitoring: an indicator disaggregated by sex and measured at least
  once a year (frequency annual or more often);
- UG504 training: an action carrying ``he_gep_training`` (declaring it on the plan alone
  describes no training).

A requirement the document cannot show is *not known* rather than unmet when the place the
evidence would be is recorded as not stated: the adopting acts' ``signatories`` (UG501),
the plan's ``resources`` (UG502), its ``indicators`` or ``monitoring_frequency`` (UG503);
for UG504, an intervention area that no recorded action serves (the actions are known only
in part).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from uguaglianza.codelists import load_codelist
from uguaglianza.model import Act, Plan
from uguaglianza.rules.catalogue import Check, Hit, Rule
from uguaglianza.rules.context import Context, PlanInfo
from uguaglianza.rules.report import Severity, Text
from uguaglianza.rules.time import adoptions

__all__ = ["RECOMMENDED_AREAS", "RULES", "TOP_MANAGEMENT_POSTS"]

PUBLIC_DOCUMENT = "he_gep_public_document"
DEDICATED_RESOURCES = "he_gep_dedicated_resources"
DATA_AND_MONITORING = "he_gep_data_and_monitoring"
TRAINING = "he_gep_training"
#: Post kinds that count as an organisation's top management.
TOP_MANAGEMENT_POSTS = frozenset(
    {
        "sindaco_metropolitano",
        "sindaco",
        "presidente_regione",
        "presidente_provincia",
        "presidente",
        "direttore",
        "ministro",
    }
)
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
#: What a requirement still lacks for a plan, as texts; empty when it is met.
Gaps = Callable[[Context, PlanInfo], list[Text]]
#: Whether the document records as not stated where a requirement's evidence would be.
Unknown = Callable[[Context, PlanInfo], bool]
_SOURCE = (
    "Horizon Europe Work Programme, General Annexes, eligibility (GEP); European "
    "Commission, Horizon Europe guidance on gender equality plans (2021)"
)


def _declares(plan: Plan, code: str) -> bool:
    return code in plan.frameworks or any(code in action.frameworks for action in plan.actions)


def _declared(code: str) -> Text:
    return Text(f"il codice {code} nei `frameworks`", f"the code {code} under `frameworks`")


def _top_management(ctx: Context, act: Act) -> bool:
    for actor in (act.issuer, *act.signatories):
        record = ctx.entity(actor)
        if record is None or actor is None:
            continue
        if record.kind == "post" and record.entity.kind in TOP_MANAGEMENT_POSTS:
            return True
        if record.kind == "person":
            for post in ctx.posts_held(actor):
                held = ctx.entity(post)
                if held is not None and held.entity.kind in TOP_MANAGEMENT_POSTS:
                    return True
    return False


def _published(ctx: Context, plan: Plan, acts: list[Act]) -> bool:
    if any(act.url for act in acts):
        return True
    source = plan.source.document if plan.source is not None else None
    record = ctx.entity(source)
    return record is not None and bool(getattr(record.entity, "url", None))


def _public_document_gaps(ctx: Context, info: PlanInfo) -> list[Text]:
    plan = info.plan
    missing = [] if _declares(plan, PUBLIC_DOCUMENT) else [_declared(PUBLIC_DOCUMENT)]
    acts = [a.act for a in adoptions(ctx, plan, info.loc) if a.act is not None]
    if not acts:
        missing.append(Text("un atto che adotta il piano", "an act adopting the plan"))
        return missing
    if not any(_top_management(ctx, act) for act in acts):
        missing.append(
            Text(
                "la firma dei vertici dell'ente sull'atto di adozione",
                "top management's signature on the adopting act",
            )
        )
    if not _published(ctx, plan, acts):
        missing.append(
            Text("l'indirizzo pubblico (`url`) dell'atto", "the act's public address (`url`)")
        )
    return missing


def _resources_gaps(ctx: Context, info: PlanInfo) -> list[Text]:
    plan = info.plan
    missing = [] if _declares(plan, DEDICATED_RESOURCES) else [_declared(DEDICATED_RESOURCES)]
    evidence = any(
        (action.budget is not None and action.budget.amount > 0)
        or action.funding
        or (DEDICATED_RESOURCES in action.frameworks and action.lead is not None)
        for action in plan.actions
    )
    if not evidence:
        missing.append(
            Text(
                "un'azione con budget o fonte di finanziamento, o con un responsabile dedicato",
                "an action with a budget or a funding source, or with a dedicated lead",
            )
        )
    return missing


def _monitoring_gaps(ctx: Context, info: PlanInfo) -> list[Text]:
    plan = info.plan
    missing = [] if _declares(plan, DATA_AND_MONITORING) else [_declared(DATA_AND_MONITORING)]
    if not any(
        indicator.sex_disaggregated and indicator.frequency in AT_LEAST_ANNUAL
        for indicator in plan.indicators
    ):
        missing.append(
            Text(
                "un indicatore disaggregato per sesso e rilevato almeno ogni anno",
                "an indicator disaggregated by sex and measured at least yearly",
            )
        )
    return missing


def _training_gaps(ctx: Context, info: PlanInfo) -> list[Text]:
    if any(TRAINING in action.frameworks for action in info.plan.actions):
        return []
    return [
        Text(
            f"un'azione di formazione con il codice {TRAINING}",
            f"a training action coded {TRAINING}",
        )
    ]


def _signature_unknown(ctx: Context, info: PlanInfo) -> bool:
    acts = [a.act for a in adoptions(ctx, info.plan, info.loc) if a.act is not None]
    return bool(acts) and all(act.is_absent("signatories") for act in acts)


def _resources_unknown(_ctx: Context, info: PlanInfo) -> bool:
    return info.plan.is_absent("resources")


def _monitoring_unknown(_ctx: Context, info: PlanInfo) -> bool:
    return info.plan.is_absent("indicators") or info.plan.is_absent("monitoring_frequency")


def _training_unknown(_ctx: Context, info: PlanInfo) -> bool:
    served = {area for action in info.plan.actions for area in action.areas}
    served.update(area for objective in info.plan.objectives for area in objective.areas)
    return any(area.id not in served for area in info.plan.areas)


def _requirement(gaps: Gaps, unknown: Unknown) -> Check:
    """A check reporting, once per GEP, what the requirement still lacks."""

    def check(ctx: Context) -> Iterator[Hit]:
        for info in ctx.plans:
            missing = gaps(ctx, info)
            if missing:
                known = not unknown(ctx, info)
                yield Hit(info.loc, info.plan.id, {"missing": missing}, known=known)

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


def _gep_rule(
    code: str, name: str, title: Text, rationale: Text, gaps: Gaps, unknown: Unknown
) -> Rule:
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
        check=_requirement(gaps, unknown),
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
            "adotta o approva il piano, emanato o firmato da un incarico di vertice o da chi lo "
            "ricopre; un `url` sull'atto o sulla fonte del piano.",
            "Horizon Europe requires a formal GEP signed by top management and published on "
            "the organisation's website. Accepted: the code he_gep_public_document; an act (not "
            "planned) adopting or approving the plan, issued or signed by a top-management post "
            "or its holder; a `url` on the act or on the plan's source.",
        ),
        _public_document_gaps,
        _signature_unknown,
    ),
    _gep_rule(
        "UG502",
        "gep-dedicated-resources",
        Text("Il GEP ha risorse dedicate", "The GEP has dedicated resources"),
        Text(
            "Servono risorse e competenze dedicate all'attuazione. Accettato: codice "
            "he_gep_dedicated_resources; un'azione con budget positivo o una fonte di "
            "finanziamento, o un'azione con quel codice e un responsabile.",
            "Resources and expertise dedicated to implementation are required. Accepted: the "
            "code he_gep_dedicated_resources; an action with a positive budget or a funding "
            "source, or an action with that code and a lead.",
        ),
        _resources_gaps,
        _resources_unknown,
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
            "frequenza almeno annuale.",
            "Sex-disaggregated data and annual monitoring are mandatory. Accepted: the code "
            "he_gep_data_and_monitoring; an indicator with `sex_disaggregated: true` and a "
            "frequency of at least once a year.",
        ),
        _monitoring_gaps,
        _monitoring_unknown,
    ),
    _gep_rule(
        "UG504",
        "gep-training",
        Text("Il GEP prevede formazione", "The GEP provides training"),
        Text(
            "Formazione e sensibilizzazione sulla parità di genere per personale e dirigenza. "
            "Accettato: un'azione con il codice he_gep_training.",
            "Gender-equality training and awareness-raising for staff and decision-makers. "
            "Accepted: an action carrying the code he_gep_training.",
        ),
        _training_gaps,
        _training_unknown,
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
