"""The codelists page is generated from the shipped data and says what declared codes mean."""

from __future__ import annotations

from pathlib import Path

from uguaglianza.codelists import all_codelists, load_codelist
from uguaglianza.codelists.docpage import codelists_markdown

PAGE = Path(__file__).resolve().parents[2] / "docs" / "reference" / "codelists.md"


def test_the_page_matches_the_data():
    assert PAGE.read_text(encoding="utf-8") == codelists_markdown(), (
        "docs/reference/codelists.md is out of date: run "
        "`python -m uguaglianza.codelists.docpage > docs/reference/codelists.md`"
    )


def test_every_code_and_version_is_on_the_page():
    page = codelists_markdown()
    for codelist in all_codelists().values():
        assert f"### `{codelist.name}`" in page
        for entry in codelist:
            assert f"| `{entry.code}` |" in page
    assert "**Version `2006`**" in page and "**Version `2022`**" in page


def test_the_page_states_what_a_code_without_broader_means():
    page = codelists_markdown()
    assert (
        "A declared code without a broader code is allowed, and has no meaning for the rules"
        in page
    )


def test_categories_group_the_kinds_rules_reason_about():
    page = codelists_markdown()
    assert "Categories: `top_management` (12 codes)" in page
    assert (
        "| `rettore` | Rector | Rettrice o rettore | `head_of_institution` | `top_management` |"
        in page
    )
    for category in ("`equality_officer`", "`shelter`", "`staff`", "`agreement`"):
        assert category in page


def test_post_and_act_kinds_fall_into_categories():
    posts = load_codelist("post_kinds")
    assert posts.lineage("dirigente") == ("dirigente", "staff")
    assert posts.lineage("presidente_conferenza") == ("presidente_conferenza", "chair")
    assert not posts.is_a("presidente", "top_management")
    acts = load_codelist("act_kinds")
    assert acts.is_a("academic_senate_resolution", "council_resolution")


VOCABULARY = {
    "post_kinds": [
        "rettore",
        "prorettore",
        "delegate_rector",
        "direttore_generale",
        "segretario_generale",
        "dirigente",
        "consigliera_di_parita_provinciale",
        "consigliera_di_parita_regionale",
        "consigliera_di_parita_nazionale",
    ],
    "body_kinds": [
        "senato_accademico",
        "consiglio_di_amministrazione",
        "nucleo_di_valutazione",
        "giunta",
        "consiglio_comunale",
        "rsu",
        "cug",
    ],
    "service_kinds": [
        "centro_antiviolenza",
        "casa_rifugio",
        "pronta_accoglienza",
        "second_stage_housing",
        "sportello",
        "helpline_1522",
        "emergency_department_pathway",
        "regional_anti_discrimination_centre",
        "territorial_node",
        "information_point",
        "ombudsman",
        "guarantor",
        "police_observatory",
    ],
    "act_kinds": [
        "protocollo_intesa",
        "accordo_attuativo",
        "charter_adhesion",
        "regional_law",
        "academic_senate_resolution",
        "board_resolution",
        "giunta_resolution",
        "decree",
    ],
}
WITH_LEGAL_SOURCE = [
    ("post_kinds", "rettore", "L. 240/2010"),
    ("post_kinds", "segretario_generale", "D.Lgs. 267/2000, art. 97"),
    ("body_kinds", "senato_accademico", "L. 240/2010"),
    ("body_kinds", "giunta", "D.Lgs. 267/2000"),
    ("body_kinds", "rsu", "D.Lgs. 165/2001, art. 42"),
    ("act_kinds", "protocollo_intesa", "L. 241/1990, art. 15"),
    ("act_kinds", "giunta_resolution", "D.Lgs. 267/2000, art. 48"),
]


def test_the_vocabulary_real_documents_need_is_shipped_in_both_languages():
    for name, codes in VOCABULARY.items():
        codelist = load_codelist(name)
        for code in codes:
            entry = codelist.get(code)
            assert entry is not None, (name, code)
            assert entry.label_it.strip() and entry.label_en.strip()
            assert entry.description, (name, code)
    for name, code, source in WITH_LEGAL_SOURCE:
        entry = load_codelist(name).get(code)
        assert entry is not None and entry.source is not None and source in entry.source
