"""The format 2.0 examples: each loads, validates without errors and says what its sources say."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import uguaglianza
from uguaglianza.io import to_data
from uguaglianza.model import PlanDocument

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
#: The examples written for format 2.0, each from real public sources.
NAMES = [
    "bologna-accordo-antiviolenza.yaml",
    "comune-pap-piao.yaml",
    "granada-plan-igualdad.yaml",
    "san-fernando-plan-igualdad.yaml",
    "udine-gep.yaml",
]
AS_OF = dt.date(2026, 12, 1)


def _load(name: str) -> PlanDocument:
    doc = uguaglianza.load(EXAMPLES / name)
    assert isinstance(doc, PlanDocument)
    return doc


def _by_id(items: Any, entity_id: str) -> Any:
    found = [item for item in items if item.id == entity_id]
    assert len(found) == 1, f"expected one {entity_id!r}, found {len(found)}"
    return found[0]


@pytest.mark.parametrize("name", NAMES)
def test_example_is_a_plan_document_in_format_2(name):
    doc = _load(name)
    assert doc.document == "plan"
    assert doc.schema_version == "2.0"
    assert doc.id == name.removesuffix(".yaml")
    assert doc.name and doc.description and doc.sources


@pytest.mark.parametrize("name", NAMES)
def test_example_has_no_errors_and_only_source_gaps(name):
    report = uguaglianza.validate(_load(name), as_of=AS_OF)
    assert report.ok, report.to_text()
    assert {f.severity.value for f in report.findings} <= {"warning", "info"}


@pytest.mark.parametrize("name", NAMES)
def test_every_entity_and_source_is_cited(name):
    doc = _load(name)
    assert all(source.url for source in doc.sources)
    cited = {source.id for source in doc.sources}
    for plan in doc.plans_list():
        assert plan.source is not None and plan.source.document in cited
        assert plan.source.quote
    for registry in ("organisations", "persons", "posts", "bodies", "acts", "opinions"):
        for entity in getattr(doc, registry):
            assert entity.source is not None, entity.id
            assert entity.source.document in cited and entity.source.quote, entity.id


@pytest.mark.parametrize("name", NAMES)
def test_example_round_trips_and_matches_the_schema(name):
    doc = _load(name)
    data = json.loads(json.dumps(to_data(doc), default=str))
    Draft202012Validator(uguaglianza.json_schema()).validate(data)
    assert uguaglianza.from_data(data) == doc


def _quotes(value: Any) -> list[str]:
    """Every ``quote`` in a document's data: the sources' own words."""
    if isinstance(value, dict):
        return [
            text
            for key, item in value.items()
            for text in ([item] if key == "quote" and isinstance(item, str) else _quotes(item))
        ]
    if isinstance(value, list):
        return [text for item in value for text in _quotes(item)]
    return []


@pytest.mark.parametrize("name", ["granada-plan-igualdad.yaml", "san-fernando-plan-igualdad.yaml"])
def test_declared_codes_speak_the_documents_language_in_the_sources_words(name):
    # A declared code's name and description are read in the document's language (their
    # JSON-LD literals are tagged with it): in these Spanish documents each is wording the
    # sources quote, never a text in another language; other languages go in translations.
    doc = _load(name)
    quoted = " ".join(_quotes(to_data(doc))).casefold()
    texts = [
        text
        for codes in doc.codelists.values()
        for code in codes
        for text in (code.name, code.description)
        if text is not None
    ]
    assert texts
    for text in texts:
        assert text.casefold() in quoted, text


# -- Università di Udine GEP -------------------------------------------------------------


def test_udine_gep_is_approved_by_the_board_on_17_december_2021():
    doc = _load("udine-gep.yaml")
    act = _by_id(doc.acts, "delibera-cda-2021-12-17")
    assert act.date == uguaglianza.dates.PartialDate.parse("2021-12-17")
    (step,) = act.steps
    assert (step.step, step.by) == ("approved", "cda-uniud")
    assert [(p.party, p.role) for p in act.parties] == [("cda-uniud", "approver")]
    assert act.frameworks == ("eu_gender_equality_strategy_2020_2025",)
    assert act.absent == {"number": "not_stated", "signatories": "not_stated"}
    assert doc.plan.period is not None and str(doc.plan.period) == "2022..2023"
    assert [area.reference for area in doc.plan.areas] == [
        "gep_work_life_balance",
        "gep_leadership_decision_making",
        "gep_recruitment_career",
        "gep_research_teaching",
        "gep_gender_based_violence",
    ]
    assert [a.label("en") for a in doc.plan.actions] == ["Gender Budgeting", "Alias Career"]
    assert doc.plan.absent["resources"] == "not_stated"


def test_udine_posts_rector_delegate_and_the_chair_of_the_cug_body():
    doc = _load("udine-gep.yaml")
    kinds = {post.id: (post.kind, post.organisation, post.holder) for post in doc.posts}
    assert kinds["rettore-uniud"] == ("rettore", "uniud", "roberto-pinton")
    assert kinds["delegata-rettore-pari-opportunita"] == (
        "delegate_rector",
        "uniud",
        "valeria-fili",
    )
    assert kinds["presidente-cug-uniud"] == ("presidente", "cug-uniud", "valeria-fili")
    cug = _by_id(doc.bodies, "cug-uniud")
    assert "CUG" in cug.aliases
    counted = [(m.seats, m.category) for m in cug.members if m.member is None]
    assert (2, "studenti designati dal Consiglio degli studenti") in counted
    regulates = _by_id(doc.acts, "dr-647-2012").effects[0]
    assert (regulates.effect, regulates.target) == ("regulates", "cug-uniud")


def test_udine_related_plans_accompany_update_and_sit_in_the_piao():
    doc = _load("udine-gep.yaml")
    links = {(plan.id, link.kind, link.plan) for plan in doc.plans_list() for link in plan.links}
    assert ("bilancio-genere-2020", "accompanies", "gep-uniud") in links
    assert ("gep-uniud", "derives_from", "bilancio-genere-prima-edizione") in links
    assert ("pap-gep-2023-2025", "part_of", "piao-uniud") in links
    assert ("pap-gep-2023-2025", "supersedes", "pap-2020-2022") in links
    chain = ["pap-2020-2022", "pap-2018-2020", "pap-2017-2019", "pap-2016-2018", "pap-2014-2016"]
    for newer, older in itertools.pairwise(chain):
        assert (newer, "updates", older) in links
    assert all(_by_id(doc.related_plans, pap).status == "superseded" for pap in chain)


def test_udine_gep_requirements_are_not_known_rather_than_violated():
    report = uguaglianza.validate(_load("udine-gep.yaml"), as_of=AS_OF)
    gep = [f for f in report.findings if f.code in ("UG501", "UG502", "UG503", "UG504")]
    assert [f.code for f in gep] == ["UG501", "UG502", "UG503", "UG504"]
    assert all(not f.known and f.severity.value == "warning" for f in gep)
    strict = uguaglianza.validate(_load("udine-gep.yaml"), as_of=AS_OF, purpose="comply")
    assert {f.code for f in strict.findings if f.severity.value == "error"} >= {"UG501"}


# -- Comune di Calitri PAP in the PIAO ---------------------------------------------------


def test_calitri_pap_has_three_favourable_opinions_with_dates_not_stated():
    doc = _load("comune-pap-piao.yaml")
    opinions = {o.by: o for o in doc.opinions}
    assert set(opinions) == {"cug-calitri", "consigliere-provinciale-parita", "rsu-calitri"}
    for opinion in opinions.values():
        assert opinion.on == "pap-calitri-2026-2028"
        assert opinion.outcome == "favourable"
        assert opinion.date is None and opinion.absent["date"] == "not_stated"
    adviser = _by_id(doc.posts, "consigliere-provinciale-parita")
    assert adviser.kind == "consigliera_di_parita_provinciale"


def test_calitri_pap_is_part_of_the_piao_and_lasts_three_years():
    doc = _load("comune-pap-piao.yaml")
    plan = doc.plan
    assert (plan.kind, str(plan.period)) == ("positive_action_plan", "2026..2028")
    assert [(link.kind, link.plan) for link in plan.links] == [("part_of", "piao-calitri")]
    assert plan.legal_basis[0].text == "art. 48 del D.Lgs. 11 aprile 2006 n. 198"
    assert len(plan.actions) == 5
    act = _by_id(doc.acts, "approvazione-sezione-2-piao")
    assert act.absent == {"number": "not_stated", "date": "not_stated", "issuer": "not_stated"}
    (measurement,) = plan.indicators[0].measurements
    assert str(measurement.date) == "2025-12-31" and measurement.text


def test_calitri_opinions_satisfy_the_pap_rules():
    report = uguaglianza.validate(_load("comune-pap-piao.yaml"), as_of=AS_OF)
    assert not {"UG601", "UG602", "UG603"} & {f.code for f in report.findings}


def test_calitri_duties_the_opinion_before_adoption_and_the_yearly_update():
    doc = _load("comune-pap-piao.yaml")
    ask = _by_id(doc.obligations, "parere-preventivo-consigliera")
    assert (ask.kind, ask.fulfilled_by) == ("give_opinion", ("parere-consigliere-parita",))
    update = _by_id(doc.obligations, "aggiornamento-annuale-pap")
    assert (update.kind, update.every, str(update.period)) == (
        "update_plan",
        "annual",
        "2026..2028",
    )


# -- Bologna metropolitan anti-violence agreement ----------------------------------------


def test_bologna_places_by_period_grow_44_64_70_77_without_overlap():
    doc = _load("bologna-accordo-antiviolenza.yaml")
    capacity = _by_id(doc.services, "ospitalita-metropolitana").capacity
    assert [c.places for c in capacity] == [44, 64, 70, 77]
    periods = [c.period for c in capacity]
    assert all(p is not None for p in periods)
    for earlier, later in itertools.pairwise(periods):
        assert earlier.latest() < later.earliest()
    assert periods[-1].end is None


def test_bologna_agreement_chain_renews_integrates_and_extends_in_order():
    doc = _load("bologna-accordo-antiviolenza.yaml")
    effects = [
        (act.id, effect.effect, effect.target)
        for act in doc.acts
        for effect in act.effects
        if effect.effect in ("renews", "integrates", "extends")
    ]
    assert effects == [
        ("accordo-2020-2024", "renews", "accordo-2015"),
        ("integrazione-2021", "integrates", "accordo-2020-2024"),
        ("proroga-2024", "extends", "accordo-2020-2024"),
        ("rinnovo-2024", "renews", "accordo-2020-2024"),
        ("integrazione-2026", "integrates", "rinnovo-2024"),
    ]
    acts = {act.id: act for act in doc.acts}
    for act_id, _, target in effects:
        if acts[act_id].date is not None and acts[target].date is not None:
            assert acts[target].date.latest() < acts[act_id].date.earliest()
    assert str(acts["rinnovo-2024"].in_force) == "2025..2027"


def test_bologna_approvals_are_dated_steps_with_votes_and_dates_as_written():
    doc = _load("bologna-accordo-antiviolenza.yaml")
    renewal = _by_id(doc.acts, "rinnovo-2024")
    (step,) = renewal.steps
    assert (step.step, step.by, str(step.date)) == (
        "approved",
        "consiglio-metropolitano",
        "2024-11-27",
    )
    assert step.date_as_written == "ieri, mercoledì 27 novembre"
    integration = _by_id(doc.acts, "integrazione-2021")
    assert [s.by for s in integration.steps] == [
        "giunta-comune-bologna",
        "ctssm",
        "consiglio-metropolitano",
    ]
    assert ("tavolo-tecnico", "proposer") in [(p.party, p.role) for p in integration.parties]
    ctssm = _by_id(doc.bodies, "ctssm")
    assert "Conferenza Territoriale Socio Sanitaria Metropolitana" in ctssm.aliases
    first = _by_id(doc.acts, "accordo-2015")
    assert len([p for p in first.parties if p.role == "signatory"]) == 14


def test_bologna_operators_change_over_time():
    doc = _load("bologna-accordo-antiviolenza.yaml")
    emergency = _by_id(doc.services, "pronta-accoglienza")
    assert set(emergency.operators_at(dt.date(2021, 6, 1))) == {
        "casa-delle-donne",
        "trama-di-terre",
    }
    intensive = _by_id(doc.services, "alta-intensita-educativa")
    assert intensive.operators_at(dt.date(2021, 6, 1)) == ()
    assert set(intensive.operators_at(dt.date(2022, 6, 1))) == {"casa-delle-donne", "mondo-donna"}


def test_bologna_money_passes_through_the_nuovo_circondario_imolese():
    doc = _load("bologna-accordo-antiviolenza.yaml")
    through = _by_id(doc.transfers, "imola-trama-di-terre-via-nci")
    assert (through.payer, through.via, through.payee) == (
        "comune-imola",
        ("nuovo-circondario-imolese",),
        "trama-di-terre",
    )
    assert through.amount is not None and through.amount.amount == Decimal("12136")
    yearly = _by_id(doc.transfers, "cm-contributo-annuale-2025-2027").by_year
    assert [(y.year, y.amount.amount) for y in yearly] == [
        (2025, Decimal("20000")),
        (2026, Decimal("20000")),
        (2027, Decimal("20000")),
    ]


def test_bologna_figures_on_which_sources_disagree_are_both_kept():
    doc = _load("bologna-accordo-antiviolenza.yaml")
    renewal_notes = _by_id(doc.acts, "rinnovo-2024").notes
    assert "da 254mila euro a 356mila euro" in renewal_notes
    assert "rispetto ai 245mila iniziali" in renewal_notes
    integration_notes = _by_id(doc.acts, "integrazione-2026").notes
    assert "35.065" in integration_notes and "35.644" in integration_notes


# -- San Fernando de Henares -------------------------------------------------------------


def test_san_fernando_is_written_in_spanish_with_translations():
    doc = _load("san-fernando-plan-igualdad.yaml")
    assert doc.language == "es"
    assert doc.plan.name.startswith("IV Plan de Acción Municipal")
    assert doc.plan.label("en") == "Fourth municipal action plan for equality between women and men"
    assert doc.plan.label("it").startswith("IV Piano d'azione comunale")
    assert doc.plan.kind == "municipal_equality_plan"


def test_san_fernando_is_a_municipality_whose_statistical_code_is_not_stated():
    doc = _load("san-fernando-plan-igualdad.yaml")
    town = _by_id(doc.territories, "san-fernando-de-henares")
    assert town.kind == "municipality"
    assert town.identifiers == () and town.istat_code is None
    assert town.absent == {"identifiers": "not_stated", "istat_code": "not_applicable"}


def test_san_fernando_pleno_approval_officer_consultancy_and_esf_share():
    doc = _load("san-fernando-plan-igualdad.yaml")
    act = _by_id(doc.acts, "aprobacion-pleno-2013-06-20")
    (step,) = act.steps
    assert (step.step, step.by, str(step.date)) == ("approved", "pleno-municipal", "2013-06-20")
    assert _by_id(doc.posts, "agente-igualdad").kind == "equality_officer"
    roles = {(c.actor, c.role) for c in doc.plan.contributors}
    assert roles == {
        ("concejalia-igualdad", "drafted"),
        ("agente-igualdad", "coordinated"),
        ("catep", "technical_assistance"),
    }
    shares = {
        c.funder: c.share for c in _by_id(doc.grants, "cofinanciacion-publicacion").co_financing
    }
    assert shares == {"fse-po-2007-2013": Decimal("50"), "comunidad-madrid-gobierno": None}
    publishes = _by_id(doc.acts, "edicion-iv-plan").effects[0]
    assert (publishes.effect, publishes.target) == ("publishes", "plan-igualdad-san-fernando")


# -- Granada ------------------------------------------------------------------------------


def test_granada_pleno_approval_and_bop_publication_are_steps_of_one_act():
    doc = _load("granada-plan-igualdad.yaml")
    assert doc.language == "es"
    act = _by_id(doc.acts, "aprobacion-pleno-2018-06-29")
    steps = [(s.step, str(s.date), s.number) for s in act.steps]
    assert steps == [("approved", "2018-06-29", None), ("published", "2018-07-25", "141")]
    assert [e.effect for e in act.effects] == ["adopts", "publishes"]


def test_granada_principles_presentation_place_and_council_chair():
    doc = _load("granada-plan-igualdad.yaml")
    assert doc.plan.principles == ("igualdad de trato y oportunidades entre mujeres y hombres",)
    (presentation,) = [m for m in doc.plan.milestones if m.kind == "presentation"]
    assert presentation.place == "Cuarto Real de Santo Domingo"
    chair = _by_id(doc.posts, "presidenta-consejo-mujer")
    assert (chair.organisation, chair.holder) == ("consejo-municipal-mujer", "ana-munoz")
    (meeting,) = _by_id(doc.bodies, "consejo-municipal-mujer").meetings
    assert (meeting.date, meeting.date_as_written) == (None, "el pasado lunes")


def test_granada_plans_supersede_one_another_since_1991():
    doc = _load("granada-plan-igualdad.yaml")
    chain = {
        plan.id: link.plan
        for plan in doc.plans_list()
        for link in plan.links
        if link.kind == "supersedes"
    }
    order = ["plan-igualdad-granada"]
    while order[-1] in chain:
        order.append(chain[order[-1]])
    assert order == [
        "plan-igualdad-granada",
        "plan-iv-granada",
        "plan-iii-granada",
        "plan-ii-granada",
        "plan-granada-mujer",
    ]
    assert _by_id(doc.related_plans, "plan-iii-granada").principles == (
        "transversalidad de género",
    )
