"""Broader codes (SKOS ``broader``): loading, lineage, ``is_a``, cycles and extension."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uguaglianza.codelists import (
    Code,
    Codelist,
    InvalidCodelistError,
    all_codelists,
    load_codelist,
    parse_codelist,
)
from uguaglianza.model._resolve import declared_codelist
from uguaglianza.model.relations import DeclaredCode


def entry(code: str, broader: str | None = None) -> dict[str, object]:
    """One code of a :func:`demo` file, with a broader code when given."""
    item: dict[str, object] = {"code": code, "label": {"it": code.upper(), "en": code.title()}}
    if broader is not None:
        item["broader"] = broader
    return item


def demo(*codes: dict[str, object]) -> str:
    """The JSON text of a small codelist called ``demo``."""
    return json.dumps(
        {
            "name": "demo",
            "title": {"it": "Demo", "en": "Demo"},
            "description": "A list for tests.",
            "source": "Tests",
            "codes": list(codes),
        }
    )


TREE = demo(
    entry("top_management"),
    entry("head_of_institution", "top_management"),
    entry("rettore", "head_of_institution"),
    entry("mayor", "head_of_institution"),
    entry("sindaco", "mayor"),
    entry("other"),
)


def test_broader_is_read_into_the_code_and_not_into_extra() -> None:
    parsed = parse_codelist(TREE)
    rettore = parsed.get("rettore")
    assert rettore is not None
    assert rettore.broader == "head_of_institution"
    assert "broader" not in rettore.extra
    other = parsed.get("other")
    assert other is not None
    assert other.broader is None


def test_lineage_walks_up_from_the_code_itself() -> None:
    parsed = parse_codelist(TREE)
    assert parsed.lineage("sindaco") == (
        "sindaco",
        "mayor",
        "head_of_institution",
        "top_management",
    )
    assert parsed.lineage("top_management") == ("top_management",)
    assert parsed.lineage("other") == ("other",)
    assert parsed.lineage("unknown") == ()


def test_is_a_follows_every_step_and_only_upwards() -> None:
    parsed = parse_codelist(TREE)
    assert parsed.is_a("sindaco", "mayor")
    assert parsed.is_a("sindaco", "top_management")
    assert parsed.is_a("rettore", "head_of_institution")
    assert parsed.is_a("rettore", "rettore")
    assert not parsed.is_a("rettore", "mayor")
    assert not parsed.is_a("mayor", "sindaco")
    assert not parsed.is_a("other", "top_management")
    assert not parsed.is_a("unknown", "top_management")
    assert not parsed.is_a("sindaco", "unknown")


def test_a_broader_code_may_come_later_in_the_file() -> None:
    parsed = parse_codelist(demo(entry("narrow", "wide"), entry("wide")))
    assert parsed.lineage("narrow") == ("narrow", "wide")


@pytest.mark.parametrize(
    ("codes", "path", "problem"),
    [
        ((entry("a"), entry("b", "c")), "codes[1].broader", "'c' (broader code of 'b') is not"),
        ((entry("a", "a"),), "codes[0].broader", "cycle (a -> a)"),
        ((entry("a", "b"), entry("b", "a")), "codes[0].broader", "cycle (a -> b -> a)"),
        (
            (entry("x"), entry("a", "b"), entry("b", "c"), entry("c", "b")),
            "codes[1].broader",
            "cycle (b -> c -> b)",
        ),
        ((entry("a", "Not-Snake"),), "codes[0]", "broader 'Not-Snake' is not lowercase"),
        ((entry("a") | {"broader": 3},), "codes[0].broader", "expected a string"),
    ],
)
def test_bad_broader_codes_are_reported_where_they_are(
    codes: tuple[dict[str, object], ...], path: str, problem: str
) -> None:
    with pytest.raises(InvalidCodelistError) as info:
        parse_codelist(demo(*codes), "data/demo.json")
    error = info.value
    assert (error.file, error.path) == ("data/demo.json", path)
    assert problem in error.problem


def test_a_dangling_broader_code_suggests_the_nearest_ones() -> None:
    with pytest.raises(InvalidCodelistError, match="did you mean 'mayor'"):
        parse_codelist(demo(entry("mayor"), entry("sindaco", "mayr")))


def test_a_cycle_error_says_how_to_fix_it() -> None:
    with pytest.raises(InvalidCodelistError, match="remove 'broader' from one of them"):
        parse_codelist(demo(entry("a", "b"), entry("b", "a")))


def test_extended_codes_may_point_at_shipped_and_other_extra_codes() -> None:
    base = parse_codelist(TREE)
    bigger = base.extended(
        [
            Code(code="prorettore", label_it="P", label_en="P", broader="top_management"),
            Code(code="prorettore_vicario", label_it="V", label_en="V", broader="prorettore"),
        ]
    )
    assert bigger.lineage("prorettore_vicario") == (
        "prorettore_vicario",
        "prorettore",
        "top_management",
    )
    assert bigger.is_a("prorettore_vicario", "top_management")
    assert base.lineage("prorettore") == ()
    assert bigger.lineage("sindaco") == base.lineage("sindaco")


def test_extended_checks_broader_codes_the_same_way() -> None:
    base = parse_codelist(TREE)
    with pytest.raises(InvalidCodelistError) as info:
        base.extended([Code(code="x", label_it="X", label_en="X", broader="nowhere")])
    assert info.value.path == "codes[6].broader"
    assert "'demo'" in info.value.file
    with pytest.raises(InvalidCodelistError, match="cycle"):
        base.extended([Code(code="x", label_it="X", label_en="X", broader="x")])


def test_a_codelist_built_directly_is_checked_too() -> None:
    with pytest.raises(InvalidCodelistError, match="not a code of this list"):
        Codelist(
            name="demo",
            title_it="Demo",
            title_en="Demo",
            description="d",
            source="s",
            codes=[Code(code="a", label_it="A", label_en="A", broader="b")],
        )


@settings(max_examples=60, database=None, deadline=None)
@given(parents=st.lists(st.integers(min_value=-1, max_value=30), min_size=1, max_size=30))
def test_lineage_of_any_forest_ends_at_a_root_and_is_a_agrees(parents: list[int]) -> None:
    # Each code may point only at an earlier one, so the broader codes form a forest.
    codes = [
        entry(f"c{i}", f"c{parent % i}" if parent >= 0 and i > 0 else None)
        for i, parent in enumerate(parents)
    ]
    parsed = parse_codelist(demo(*codes))
    for item in parsed:
        lineage = parsed.lineage(item.code)
        assert lineage[0] == item.code
        assert len(set(lineage)) == len(lineage)
        root = parsed.get(lineage[-1])
        assert root is not None
        assert root.broader is None
        for narrower, wider in itertools.pairwise(lineage):
            assert parsed.get(narrower).broader == wider  # type: ignore[union-attr]
        assert all(parsed.is_a(item.code, ancestor) for ancestor in lineage)


def test_every_shipped_broader_code_is_in_its_own_list() -> None:
    for codelist in all_codelists().values():
        for item in codelist:
            if item.broader is not None:
                assert item.broader in codelist
                assert codelist.is_a(item.code, item.broader)


def test_a_shipped_list_extended_by_a_document_keeps_the_meaning_of_its_codes() -> None:
    posts = load_codelist("post_kinds")
    local = Code(
        code="prorettore_vicario",
        label_it="Prorettrice o prorettore vicario",
        label_en="Deputy rector",
        broader="prorettore",
    )
    bigger = posts.extended([local])
    assert bigger.lineage("prorettore_vicario") == (
        "prorettore_vicario",
        "prorettore",
        "top_management",
    )
    assert bigger.is_a("prorettore_vicario", "top_management")
    assert posts.lineage("prorettore_vicario") == ()


def test_a_declared_code_is_labelled_in_each_language_it_is_given() -> None:
    spanish = DeclaredCode(
        code="ayuntamiento",
        name="Ayuntamiento",
        translations={"it": "Comune (Spagna)", "en": "Municipal council (Spain)"},
        broader="comune",
    )
    untranslated = DeclaredCode(code="mancomunidad", name="Mancomunidad")
    kinds = declared_codelist("organisation_kinds", [spanish, untranslated])
    ayuntamiento, mancomunidad = kinds.get("ayuntamiento"), kinds.get("mancomunidad")
    assert ayuntamiento is not None and mancomunidad is not None
    assert (ayuntamiento.label_it, ayuntamiento.label_en) == (
        "Comune (Spagna)",
        "Municipal council (Spain)",
    )
    assert (mancomunidad.label_it, mancomunidad.label_en) == ("Mancomunidad", "Mancomunidad")
