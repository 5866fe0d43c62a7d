"""The catalogue as data: codes, texts, vocabularies, profiles, and the generated page."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from uguaglianza.codelists import load_codelist
from uguaglianza.rules import (
    FAMILIES,
    PROFILES,
    RuleSet,
    catalogue_markdown,
    completeness,
    funding,
    gep,
    territory,
    time,
)

RULES = list(RuleSet.default())
DOCS = Path(__file__).parents[2] / "docs" / "rules.md"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_codes_are_unique_ordered_and_in_their_family():
    codes = [rule.code for rule in RULES]
    assert codes == sorted(set(codes))
    for rule in RULES:
        assert rule.family is not None and rule.code.startswith(rule.family.prefix)
    assert {rule.family.prefix for rule in RULES if rule.family} == {f.prefix for f in FAMILIES}
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_texts_exist_in_both_languages(rule):
    for text in (rule.title, rule.message, rule.hint, rule.rationale):
        assert text.it.strip() and text.en.strip()
        assert text.it != text.en
        assert _fields(text.it) == _fields(text.en)
    assert rule.source.strip()


def test_only_read_time_and_internal_rules_have_no_check():
    assert {rule.code for rule in RULES if rule.check is None} == {"UG000", "UG900", "UG901"}


def _codes(name: str) -> frozenset[str]:
    return load_codelist(name).codes_set()


VOCABULARY = [
    ("territory_kinds", {territory.COMUNE, territory.DISTRICT, *territory.AREA_KINDS}),
    ("territory_kinds", set(territory.ISTAT_DIGITS) | completeness.ORIGIN_KINDS),
    ("territorial_link_kinds", {"administrative", "socio_health_district"}),
    ("plan_statuses", time.ADOPTED_STATUSES),
    ("act_effects", time.ADOPTING_EFFECTS | time.FUNDING_EFFECTS | {"gives_opinion"}),
    ("plan_milestone_kinds", {"adoption"}),
    ("grant_statuses", funding.NOT_FUNDED),
    ("post_kinds", gep.TOP_MANAGEMENT_POSTS | {"consigliera_di_parita"}),
    ("organisation_kinds", {"cug", "equality_adviser"}),
    ("relation_kinds", {"gives_opinion_on"}),
    ("membership_roles", {"chair"}),
    ("action_kinds", {"good_practice"}),
    ("frequencies", gep.AT_LEAST_ANNUAL),
    ("reference_areas", set(gep.RECOMMENDED_AREAS)),
    (
        "frameworks",
        {gep.PUBLIC_DOCUMENT, gep.DEDICATED_RESOURCES, gep.DATA_AND_MONITORING, gep.TRAINING},
    ),
]


@pytest.mark.parametrize(("codelist", "used"), VOCABULARY, ids=[v[0] for v in VOCABULARY])
def test_codes_the_rules_use_are_shipped(codelist, used):
    assert set(used) <= _codes(codelist)


def test_every_plan_kind_has_one_profile():
    kinds = [kind for profile in PROFILES for kind in profile.plan_kinds]
    assert len(kinds) == len(set(kinds))
    assert set(kinds) == _codes("plan_kinds")


@pytest.mark.parametrize("kind", ["base", "gep", "pap"])
def test_complete_documents_have_no_findings(make, run, kind):
    assert run(make(kind=kind)).codes() == []


def test_docs_page_matches_the_catalogue():
    expected = catalogue_markdown()
    assert DOCS.read_text(encoding="utf-8") == expected, (
        "docs/rules.md is out of date: run `uguaglianza rules --format markdown > docs/rules.md`"
    )


def test_docs_page_describes_every_rule():
    page = catalogue_markdown()
    for rule in RULES:
        assert f"### {rule.code}" in page
        assert rule.title.it in page and rule.title.en in page
