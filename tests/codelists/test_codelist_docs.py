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
    for category in ("`equality_officer`", "`shelter`", "`anti_violence_centre`", "`agreement`"):
        assert category in page


def test_service_post_and_act_kinds_fall_into_categories():
    services = load_codelist("service_kinds")
    for code in ("casa_rifugio", "second_stage_housing", "sportello", "perpetrator_programme"):
        assert services.is_a(code, "anti_violence_service"), code
    for code in ("territorial_node", "information_point", "regional_anti_discrimination_centre"):
        assert services.is_a(code, "anti_discrimination_service"), code
    assert not services.is_a("ombudsman", "anti_discrimination_service")
    posts = load_codelist("post_kinds")
    assert posts.lineage("dirigente") == ("dirigente", "staff")
    assert posts.lineage("presidente_conferenza") == ("presidente_conferenza", "chair")
    assert not posts.is_a("presidente", "top_management")
    acts = load_codelist("act_kinds")
    assert acts.is_a("academic_senate_resolution", "council_resolution")
