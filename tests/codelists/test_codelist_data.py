"""The shipped codelist files: their shape, their codes and the codes other modules rely on."""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

import jsonschema
import pytest

from uguaglianza.codelists import (
    Code,
    InvalidCodelistError,
    codelist_names,
    load_codelist,
    parse_codelist,
)

SNAKE = "^[a-z][a-z0-9_]*$"
_LABELS = {
    "type": "object",
    "properties": {
        "it": {"type": "string", "minLength": 1},
        "en": {"type": "string", "minLength": 1},
    },
    "required": ["it", "en"],
    "additionalProperties": False,
}
FILE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "name": {"type": "string", "pattern": SNAKE},
        "title": _LABELS,
        "description": {"type": "string", "minLength": 1},
        "source": {"type": "string", "minLength": 1},
        "codes": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "code": {"type": "string", "pattern": SNAKE},
                    "label": _LABELS,
                    "description": {"type": "string", "minLength": 1},
                    "group": {"type": "string", "pattern": SNAKE},
                    "source": {"type": "string", "minLength": 1},
                    "directed": {"type": "boolean"},
                    "inverse": {"type": "string", "pattern": SNAKE},
                    "broader": {"type": "string", "pattern": SNAKE},
                    "category": {"type": "string", "pattern": SNAKE},
                    "pattern": {"type": "string", "minLength": 1},
                    "check": {"type": "string", "pattern": SNAKE},
                },
                "required": ["code", "label"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["name", "title", "description", "source", "codes"],
    "additionalProperties": False,
}


def codes(text: str) -> tuple[str, ...]:
    """The whitespace-separated codes in *text*."""
    return tuple(text.split())


# The codes other modules are written against: each list must contain at least these.
REQUIRED: dict[str, tuple[str, ...]] = {
    "territory_kinds": codes(
        "country region metropolitan_city province comune union_of_comuni socio_health_district "
        "social_area health_authority_area cultural_district education_area municipal_district "
        "municipality"
    ),
    "territorial_link_kinds": codes(
        "administrative socio_health_district social_area union_of_comuni health_authority_area "
        "cultural_district education_area"
    ),
    "organisation_kinds": codes(
        "state_administration ministry national_equality_body prefecture court police "
        "municipal_police region metropolitan_city province comune union_of_comuni department "
        "special_agency health_authority social_area_office observatory cug equality_adviser "
        "school university research_body third_sector association charity social_partner "
        "business retailer anti_violence_centre_operator eu_institution foundation other"
    ),
    "post_kinds": codes(
        "sindaco_metropolitano sindaco presidente_regione presidente_provincia "
        "assessore_regionale assessore consigliere_delegato consigliere presidente_conferenza "
        "capo_distretto consigliera_di_parita dirigente direttore coordinatore referente other "
        "top_management head_of_institution mayor council_member executive_member "
        "equality_officer rettore prorettore delegate_rector direttore_generale "
        "segretario_generale consigliera_di_parita_nazionale consigliera_di_parita_regionale "
        "consigliera_di_parita_provinciale"
    ),
    "plan_kinds": codes(
        "equality_plan gender_equality_plan positive_action_plan piao "
        "anti_discrimination_programme sectoral_objectives project strategy other gender_budget "
        "hrs4r charter_action_plan national_strategic_plan regional_plan municipal_equality_plan"
    ),
    "plan_statuses": codes(
        "draft participatory_process adopted implementing monitoring revised expired withdrawn "
        "superseded suspended"
    ),
    "plan_milestone_kinds": codes(
        "announcement presentation consultation adoption opinion publication monitoring_report "
        "revision other"
    ),
    "action_kinds": codes(
        "macro_action action flagship_measure good_practice training awareness study guidelines "
        "service_provision"
    ),
    "action_statuses": codes("proposed planned ongoing completed suspended cancelled"),
    "condition_kinds": codes("funding_available approval_required partner_agreement other"),
    "discrimination_grounds": codes(
        "sex race colour ethnic_origin social_origin genetic_features language "
        "religion_or_belief political_or_other_opinion national_minority property birth "
        "disability age sexual_orientation nationality gender_identity"
    ),
    "discrimination_domains": codes(
        "employment education housing health public_services transport media_and_web "
        "public_life leisure"
    ),
    "target_groups": codes(
        "women girls minors young_people older_people migrants third_country_nationals "
        "asylum_seekers_and_refugees trafficking_victims victims_of_violence former_prisoners "
        "people_in_poverty persons_with_disabilities lgbtqia_people roma_sinti_caminanti "
        "religious_minorities families_and_carers workers public_employees service_operators "
        "local_administrators associations students researchers general_public"
    ),
    "indicator_types": codes("input process output outcome impact"),
    "frequencies": codes("once monthly quarterly semiannual annual biennial triennial irregular"),
    "act_kinds": codes(
        "letter decree council_resolution executive_resolution managerial_determination "
        "ordinance agreement call_notice admission_decision minutes opinion law regulation "
        "press_release other protocollo_intesa accordo_attuativo charter_adhesion regional_law "
        "academic_senate_resolution board_resolution giunta_resolution rector_decree "
        "monitoring_report evaluation_report"
    ),
    "act_effects": codes(
        "announces adopts approves amends gives_opinion launches funds admits_to_funding "
        "revokes supersedes convenes other extends establishes reports_on renews integrates "
        "repeals suspends implements assigns_competences proposes regulates publishes evaluates "
        "adheres_to confirms"
    ),
    "body_kinds": codes(
        "coordination_table steering_room working_group monitoring_table thematic_table "
        "conference assembly network committee council observatory other executive "
        "senato_accademico consiglio_di_amministrazione nucleo_di_valutazione giunta "
        "consiglio_comunale rsu cug"
    ),
    "body_levels": codes("political technical mixed"),
    "membership_roles": codes(
        "chair vice_chair member coordinator secretary delegate observer invited other"
    ),
    "service_kinds": codes(
        "anti_discrimination_desk anti_discrimination_centre regional_anti_discrimination_centre "
        "anti_violence_centre shelter reporting_platform legal_advice helpline "
        "food_redistribution observatory other centro_antiviolenza casa_rifugio "
        "pronta_accoglienza second_stage_housing helpline_1522 emergency_department_pathway "
        "sportello territorial_node information_point ombudsman guarantor police_observatory"
    ),
    "relation_kinds": codes(
        "lead_of partner_of member_of part_of funds adopts gives_opinion_on coordinates "
        "implements monitors signs reports_to refers_cases_to supersedes collaborates_with "
        "operates chairs convenes acts_for hosts participates_in supports other"
    ),
    "participation_statuses": codes("confirmed expressed_interest may_join withdrawn"),
    "call_kinds": codes("call_for_proposals expression_of_interest direct_award other"),
    "grant_statuses": codes("applied admitted awarded rejected withdrawn closed"),
    "fund_kinds": codes("eu_fund national_fund regional_fund local_budget private other"),
    "frameworks": codes(
        "sdg_5_1 sdg_5_2 sdg_5_3 sdg_5_4 sdg_5_5 sdg_5_6 sdg_5_a sdg_5_b sdg_5_c "
        + " ".join(f"cemr_art_{n:02d}" for n in range(1, 31))
        + " eu_gender_equality_strategy_2020_2025 he_gep_public_document "
        "he_gep_dedicated_resources he_gep_data_and_monitoring he_gep_training "
        "italy_national_gender_strategy_2021_2026 beijing_platform_for_action "
        "istanbul_convention eu_charter_article_21 eu_anti_racism_action_plan_2020_2025 other"
    ),
    "reference_areas": codes(
        "bologna_paid_work bologna_unpaid_work bologna_violence bologna_culture_of_equality "
        "bologna_multiple_discrimination gep_work_life_balance gep_leadership_decision_making "
        "gep_recruitment_career gep_research_teaching gep_gender_based_violence sns_work "
        "sns_income sns_skills sns_time sns_power"
    ),
    "absence_reasons": codes("not_stated not_applicable withheld not_yet_decided"),
    "identifier_schemes": codes(
        "istat nuts lau ine_es ipa it_cf it_vat eu_vat eu_pic orcid ror wikidata"
    ),
    "act_steps": codes(
        "drafted proposed approved adopted signed promulgated published registered notified "
        "in_force expired repealed"
    ),
    "act_party_roles": codes(
        "signatory approver adherent promoter proposer issuer beneficiary implementer witness"
    ),
    "opinion_outcomes": codes("favourable favourable_with_conditions unfavourable not_expressed"),
    "obligation_kinds": codes(
        "adopt_plan update_plan monitor report renew give_opinion publish evaluate"
    ),
    "plan_link_kinds": codes(
        "supersedes part_of implements reports_on accompanies updates amends evaluates derives_from"
    ),
    "contribution_roles": codes(
        "drafted technical_assistance coordinated consulted proposed funded monitored"
    ),
    "operating_statuses": codes("planned active suspended awaiting_reactivation closed"),
    "contact_kinds": codes(
        "phone helpline email certified_email website address social_media chat"
    ),
    "breakdown_dimensions": codes(
        "sex age_group staff_category contract_type role organisational_unit nationality "
        "disability education"
    ),
    "weekdays": codes("mo tu we th fr sa su"),
}

NAMES = sorted(REQUIRED)


def raw(name: str) -> Any:
    """The parsed JSON of a shipped data file, read the way the loader reads it."""
    data_dir = resources.files("uguaglianza.codelists").joinpath("data")
    return json.loads(data_dir.joinpath(f"{name}.json").read_text("utf-8"))


def test_exactly_the_specified_codelists_are_shipped() -> None:
    assert codelist_names() == tuple(NAMES)


def test_the_file_schema_is_itself_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(FILE_SCHEMA)


@pytest.mark.parametrize("name", NAMES)
def test_file_matches_the_documented_format(name: str) -> None:
    data = raw(name)
    validator = jsonschema.Draft202012Validator(FILE_SCHEMA)
    problems = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(data)]
    assert problems == []
    assert data["name"] == name


@pytest.mark.parametrize("name", NAMES)
def test_codes_are_unique_and_snake_case(name: str) -> None:
    codes = [item["code"] for item in raw(name)["codes"]]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(SNAKE, code) for code in codes)


@pytest.mark.parametrize("name", NAMES)
def test_labels_are_unique_in_each_language(name: str) -> None:
    codes = load_codelist(name).codes
    for labels in ([c.label_it for c in codes], [c.label_en for c in codes]):
        duplicates = {label for label in labels if labels.count(label) > 1}
        assert duplicates == set()


@pytest.mark.parametrize("name", NAMES)
def test_required_codes_are_present(name: str) -> None:
    missing = set(REQUIRED[name]) - load_codelist(name).codes_set()
    assert missing == set()


@pytest.mark.parametrize("name", NAMES)
def test_loaded_list_mirrors_its_file(name: str) -> None:
    data = raw(name)
    codelist = load_codelist(name)
    assert [c.code for c in codelist] == [item["code"] for item in data["codes"]]
    assert (codelist.title_it, codelist.title_en) == (data["title"]["it"], data["title"]["en"])
    first = data["codes"][0]
    assert codelist.codes[0].label_it == first["label"]["it"]


@pytest.mark.parametrize("name", [n for n in NAMES if n != "relation_kinds"])
def test_directed_and_inverse_only_in_relation_kinds(name: str) -> None:
    for item in raw(name)["codes"]:
        assert "directed" not in item
        assert "inverse" not in item


def test_relation_kinds_are_directed_except_collaboration() -> None:
    relations = load_codelist("relation_kinds")
    undirected = {c.code for c in relations if c.extra["directed"] is False}
    assert undirected == {"collaborates_with"}
    assert all(isinstance(c.extra["directed"], bool) for c in relations)


def test_relation_inverses_are_consistent() -> None:
    relations = load_codelist("relation_kinds")
    for relation in relations:
        inverse = relation.extra.get("inverse")
        if inverse is None:
            continue
        assert relation.extra["directed"] is True
        assert inverse != relation.code
        # An inverse that is itself a code must point back.
        other = relations.get(inverse)
        if other is not None:
            assert other.extra.get("inverse") == relation.code
    assert relations.get("lead_of") is not None
    assert relations.get("lead_of").extra["inverse"] == "led_by"  # type: ignore[union-attr]


def test_plan_statuses_follow_the_lifecycle() -> None:
    statuses = load_codelist("plan_statuses")
    assert tuple(c.code for c in statuses) == REQUIRED["plan_statuses"]
    assert [c.group for c in statuses] == [
        "preparation",
        "preparation",
        "in_force",
        "in_force",
        "in_force",
        "in_force",
        "closed",
        "closed",
        "closed",
        "in_force",
    ]


def test_charter_grounds_cite_article_21_1() -> None:
    grounds = load_codelist("discrimination_grounds")
    additional = {"nationality", "gender_identity"}
    charter = [code for code in REQUIRED["discrimination_grounds"] if code not in additional]
    assert len(charter) == 15
    for code in charter:
        entry = grounds.get(code)
        assert entry is not None
        assert entry.source == "Art. 21(1) EU Charter of Fundamental Rights"
        assert entry.group == "eu_charter_art_21_1"
    nationality = grounds.get("nationality")
    assert nationality is not None
    assert nationality.source is not None
    assert "Art. 21(2)" in nationality.source


def test_intersectionality_is_a_combination_not_a_ground() -> None:
    grounds = load_codelist("discrimination_grounds")
    assert not any("multiple" in c.code or "intersection" in c.code for c in grounds)
    assert "combination" in grounds.description


def test_frameworks_cover_sdg_5_and_the_charter_articles() -> None:
    frameworks = load_codelist("frameworks")
    sdg = {c.code for c in frameworks if c.code.startswith("sdg_5_")}
    assert sdg == {f"sdg_5_{t}" for t in "123456abc"}
    cemr = [c for c in frameworks if c.code.startswith("cemr_art_")]
    # The 30 articles of 2006, then the nine the update of 2022 added.
    expected = [f"cemr_art_{n:02d}" for n in range(1, 31)] + [
        f"cemr_art_{n}" for n in range(31, 40)
    ]
    assert [c.code for c in cemr] == expected
    assert {c.group for c in cemr} == {"cemr_charter"}
    assert all(c.label_it.startswith("Carta europea per l'uguaglianza, articolo ") for c in cemr)
    sdg_5_1 = frameworks.get("sdg_5_1")
    assert sdg_5_1 is not None
    assert sdg_5_1.label_en.endswith(
        "End all forms of discrimination against all women and girls everywhere"
    )
    gep = {c.code for c in frameworks if c.group == "horizon_europe_gep"}
    assert gep == {
        "he_gep_public_document",
        "he_gep_dedicated_resources",
        "he_gep_data_and_monitoring",
        "he_gep_training",
    }
    assert all(c.group is not None for c in frameworks)


def test_reference_areas_are_grouped_by_source() -> None:
    areas = load_codelist("reference_areas")
    groups = {c.code: c.group for c in areas}
    for code in REQUIRED["reference_areas"]:
        prefix = code.split("_", 1)[0]
        expected = {
            "bologna": "bologna_equality_plan",
            "gep": "horizon_europe_gep",
            "sns": "national_gender_strategy",
        }[prefix]
        assert groups[code] == expected
    bologna = [c.label_it for c in areas if c.group == "bologna_equality_plan"]
    assert bologna == [
        "Lavoro pagato",
        "Lavoro non pagato",
        "Contrasto alla violenza di genere",
        "Cultura dell'uguaglianza",
        "Contrasto alle discriminazioni multiple, additive e intersezionali",
    ]
    national = [c.label_it for c in areas if c.group == "national_gender_strategy"]
    assert national == ["Lavoro", "Reddito", "Competenze", "Tempo", "Potere"]


@pytest.mark.parametrize("name", [n for n in NAMES if n != "identifier_schemes"])
def test_pattern_and_check_only_in_identifier_schemes(name: str) -> None:
    for item in raw(name)["codes"]:
        assert "pattern" not in item
        assert "check" not in item


# A well-formed value and a malformed one for each scheme (the form only, not a registry).
IDENTIFIERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "istat": (("08", "037", "037006"), ("37006", "0370060", "BO")),
    "nuts": (("IT", "ITH", "ITH5", "ITH55", "ES300"), ("I", "ith55", "ITH555X")),
    "lau": (("IT_037006", "ES_28079"), ("037006", "IT-037006")),
    "ine_es": (("28079",), ("2807", "280790")),
    "ipa": (("c_a944", "uniurb"), ("c-a944", "")),
    "it_cf": (("RSSMRA85T10A562S", "01232710374"), ("RSSMRA85T10A562", "rssmra85t10a562s")),
    "it_vat": (("01232710374",), ("IT01232710374", "0123271037")),
    "eu_vat": (("IT01232710374", "ESX1234567X", "ATU12345678"), ("01232710374", "it0123")),
    "eu_pic": (("999999999",), ("99999999", "99999999A")),
    "orcid": (("0000-0002-1825-0097", "0000-0002-9079-593X"), ("0000000218250097",)),
    "ror": (("05gq02987", "01111rn36"), ("https://ror.org/05gq02987", "15gq02987", "05gq0298")),
    "wikidata": (("Q1891", "Q42"), ("Q0", "q42", "P31")),
}


def test_identifier_patterns_accept_well_formed_values_only() -> None:
    schemes = load_codelist("identifier_schemes")
    assert set(IDENTIFIERS) == schemes.codes_set()
    for scheme in schemes:
        pattern = re.compile(scheme.extra["pattern"])
        good, bad = IDENTIFIERS[scheme.code]
        assert [value for value in good if not pattern.fullmatch(value)] == []
        assert [value for value in bad if pattern.fullmatch(value)] == []


def test_identifier_check_digits_are_named_where_the_scheme_has_them() -> None:
    schemes = load_codelist("identifier_schemes")
    checks = {c.code: c.extra.get("check") for c in schemes if "check" in c.extra}
    assert checks == {
        "eu_vat": "eu_vat",
        "it_cf": "it_cf",
        "it_vat": "luhn_it_vat",
        "orcid": "mod11_2",
        "ror": "ror_mod97_10",
    }


def test_weekdays_are_the_rfc_5545_days_in_order() -> None:
    weekdays = load_codelist("weekdays")
    assert [c.code.upper() for c in weekdays] == ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    assert "RFC 5545" in weekdays.source


def test_absence_reasons_cite_fhir() -> None:
    reasons = load_codelist("absence_reasons")
    assert "data-absent-reason" in reasons.source
    assert all(c.description for c in reasons)


# Codes rules and analyses reason about through their broader codes: (list, code, ancestor).
NARROWER = [
    ("territory_kinds", "comune", "municipality"),
    ("territory_kinds", "metropolitan_city", "province"),
    ("post_kinds", "sindaco", "mayor"),
    ("post_kinds", "sindaco", "top_management"),
    ("post_kinds", "rettore", "head_of_institution"),
    ("post_kinds", "rettore", "top_management"),
    ("post_kinds", "direttore_generale", "top_management"),
    ("post_kinds", "assessore", "executive_member"),
    ("post_kinds", "consigliere", "council_member"),
    ("post_kinds", "consigliera_di_parita_regionale", "equality_officer"),
    ("body_kinds", "cug", "committee"),
    ("body_kinds", "giunta", "executive"),
    ("body_kinds", "consiglio_comunale", "council"),
    ("service_kinds", "casa_rifugio", "shelter"),
    ("service_kinds", "pronta_accoglienza", "shelter"),
    ("service_kinds", "second_stage_housing", "shelter"),
    ("service_kinds", "centro_antiviolenza", "anti_violence_centre"),
    ("service_kinds", "helpline_1522", "helpline"),
    ("service_kinds", "territorial_node", "anti_discrimination_desk"),
    ("act_kinds", "protocollo_intesa", "agreement"),
    ("act_kinds", "regional_law", "law"),
    ("act_kinds", "giunta_resolution", "executive_resolution"),
    ("act_effects", "integrates", "amends"),
    ("plan_kinds", "charter_action_plan", "equality_plan"),
    ("action_kinds", "training", "action"),
]


@pytest.mark.parametrize(("name", "code", "ancestor"), NARROWER)
def test_national_kinds_fall_under_their_generic_kind(name: str, code: str, ancestor: str) -> None:
    assert load_codelist(name).is_a(code, ancestor)


@pytest.mark.parametrize(
    ("name", "code", "other"),
    [
        ("post_kinds", "rettore", "mayor"),
        ("post_kinds", "consigliera_di_fiducia", "equality_officer"),
        ("post_kinds", "dirigente", "top_management"),
        ("service_kinds", "shelter", "casa_rifugio"),
        ("territory_kinds", "municipality", "comune"),
    ],
)
def test_generic_kinds_are_not_narrower_than_national_ones(
    name: str, code: str, other: str
) -> None:
    assert not load_codelist(name).is_a(code, other)


def test_generic_territory_and_post_kinds_are_roots() -> None:
    territories = load_codelist("territory_kinds")
    for code in ("country", "region", "province", "municipality", "municipal_district"):
        assert territories.lineage(code) == (code,)
    posts = load_codelist("post_kinds")
    for code in ("top_management", "council_member", "executive_member", "equality_officer"):
        assert posts.lineage(code) == (code,)


def test_the_cug_is_one_committee_in_both_lists() -> None:
    body = load_codelist("body_kinds").get("cug")
    organisation = load_codelist("organisation_kinds").get("cug")
    assert body is not None
    assert organisation is not None
    assert body.label_it == organisation.label_it
    assert organisation.description is not None
    assert "body kind 'cug'" in organisation.description
    assert body.source == "D.Lgs 165/2001, art. 57"


NEW_LISTS = [
    "absence_reasons",
    "identifier_schemes",
    "act_steps",
    "act_party_roles",
    "opinion_outcomes",
    "obligation_kinds",
    "plan_link_kinds",
    "contribution_roles",
    "operating_statuses",
    "contact_kinds",
    "breakdown_dimensions",
    "weekdays",
]


@pytest.mark.parametrize("name", NEW_LISTS)
def test_codes_of_the_newer_lists_are_described(name: str) -> None:
    assert [c.code for c in load_codelist(name) if not c.description] == []


def test_codes_with_a_broader_code_are_described() -> None:
    for name in NAMES:
        undescribed = [c.code for c in load_codelist(name) if c.broader and not c.description]
        assert undescribed == []


def test_service_kinds_fall_into_categories_that_are_no_broader_codes() -> None:
    kinds = load_codelist("service_kinds")
    violence = kinds.categories()["anti_violence_service"]
    for code in (
        "centro_antiviolenza",
        "casa_rifugio",
        "pronta_accoglienza",
        "second_stage_housing",
        "sportello",
        "helpline_1522",
        "emergency_department_pathway",
    ):
        assert code in violence and kinds.category(code) == "anti_violence_service"
    discrimination = kinds.categories()["anti_discrimination_service"]
    for code in (
        "regional_anti_discrimination_centre",
        "territorial_node",
        "information_point",
        "ombudsman",
        "guarantor",
        "police_observatory",
    ):
        assert code in discrimination
    # A category groups; it is no broader code, so what analyses read is unchanged.
    assert kinds.lineage("casa_rifugio") == ("casa_rifugio", "shelter")
    assert not kinds.is_a("casa_rifugio", "anti_violence_service")
    assert kinds.category("helpline") is None  # a helpline may be for anything
    assert kinds.category("anti_violence_service") == "anti_violence_service"
    category = kinds.get("anti_violence_service")
    assert category is not None and category.label_it == "Servizi antiviolenza"


def test_a_declared_code_takes_the_category_of_its_broader_code() -> None:
    kinds = load_codelist("service_kinds").extended(
        [Code("casa_segreta", "Casa segreta", "Secret house", broader="casa_rifugio")]
    )
    assert kinds.category("casa_segreta") == "anti_violence_service"
    assert kinds.lineage("casa_segreta") == ("casa_segreta", "casa_rifugio", "shelter")


def test_lists_without_named_categories_group_by_their_broadest_codes() -> None:
    posts = load_codelist("post_kinds")
    assert posts.category("rettore") == "top_management"
    assert posts.category("other") is None  # nothing narrower: no category
    assert posts.categories()["staff"][0] == "staff"


@pytest.mark.parametrize(
    ("entries", "problem"),
    [
        ([{"code": "a", "label": {"it": "A", "en": "A"}, "category": "nope"}], "not a code"),
        (
            [
                {"code": "a", "label": {"it": "A", "en": "A"}, "category": "b"},
                {"code": "b", "label": {"it": "B", "en": "B"}, "category": "c"},
                {"code": "c", "label": {"it": "C", "en": "C"}},
            ],
            "has a category itself",
        ),
    ],
)
def test_a_category_must_be_a_code_with_none_of_its_own(
    entries: list[dict[str, Any]], problem: str
) -> None:
    text = json.dumps(
        {
            "name": "things",
            "title": {"it": "Cose", "en": "Things"},
            "description": "d",
            "source": "s",
            "codes": entries,
        }
    )
    with pytest.raises(InvalidCodelistError, match=problem) as info:
        parse_codelist(text, "things.json")
    assert "codes[0].category" in str(info.value)
