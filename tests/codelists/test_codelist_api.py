"""The codelist loader: lookup, suggestions, extension, errors, caching and immutability."""

from __future__ import annotations

import json
import re
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uguaglianza.codelists import (
    Code,
    Codelist,
    DuplicateCodeError,
    InvalidCodelistError,
    UnknownCodelistError,
    all_codelists,
    codelist_names,
    load_codelist,
    normalise,
    parse_codelist,
)


def test_membership_lookup_and_size() -> None:
    grounds = load_codelist("discrimination_grounds")
    assert "sex" in grounds
    assert "gender" not in grounds
    assert 42 not in grounds
    sex = grounds.get("sex")
    assert sex is not None
    assert sex in grounds
    assert attrs.evolve(sex, label_en="Gender") not in grounds
    assert grounds.get("gender") is None
    assert len(grounds) == len(grounds.codes) == len(list(grounds))
    assert all(isinstance(entry, Code) for entry in grounds)
    assert grounds.codes_set() == frozenset(entry.code for entry in grounds)
    assert (sex.label_it, sex.label_en) == ("Sesso", "Sex")


@pytest.mark.parametrize(
    ("name", "typed", "expected"),
    [
        ("discrimination_grounds", "sesso", "sex"),
        ("discrimination_grounds", "disabilty", "disability"),
        ("discrimination_grounds", "disabilita", "disability"),
        ("discrimination_grounds", "Disabilità", "disability"),
        ("discrimination_grounds", "razza", "race"),
        ("body_kinds", "coordination_tabel", "coordination_table"),
        ("body_kinds", "Cabina di regia", "steering_room"),
        ("territory_kinds", "municipality", "comune"),
        ("territory_kinds", "ambito territoriale sociale", "social_area"),
        ("target_groups", "donne", "women"),
        ("relation_kinds", "capofila", "lead_of"),
        ("plan_statuses", "adottato", "adopted"),
    ],
)
def test_nearest_suggests_the_intended_code_first(name: str, typed: str, expected: str) -> None:
    assert load_codelist(name).nearest(typed)[0] == expected


def test_nearest_has_nothing_for_nonsense_or_empty_input() -> None:
    grounds = load_codelist("discrimination_grounds")
    assert grounds.nearest("qqqzzzxxx") == []
    assert grounds.nearest("") == []
    assert grounds.nearest("!!!") == []
    assert grounds.nearest("sex", n=0) == []


def test_nearest_respects_n_and_ranks_exact_first() -> None:
    grounds = load_codelist("discrimination_grounds")
    assert grounds.nearest("sex", n=1) == ["sex"]
    assert len(grounds.nearest("sex", n=2)) == 2


@settings(max_examples=60, database=None, deadline=None)
@given(text=st.text(max_size=30), n=st.integers(min_value=0, max_value=5))
def test_nearest_only_returns_known_codes(text: str, n: int) -> None:
    grounds = load_codelist("discrimination_grounds")
    found = grounds.nearest(text, n)
    assert len(found) <= n
    assert len(set(found)) == len(found)
    assert set(found) <= grounds.codes_set()


def test_normalise_folds_accents_case_and_punctuation() -> None:
    assert normalise("Disabilità") == "disabilita"
    assert normalise("  Rom, sinti e caminanti ") == "rom_sinti_e_caminanti"
    assert normalise("Cultura dell'uguaglianza") == "cultura_dell_uguaglianza"


def test_extended_adds_codes_without_touching_the_original() -> None:
    grounds = load_codelist("discrimination_grounds")
    extra = Code(code="caste", label_it="Casta", label_en="Caste", group="local")
    bigger = grounds.extended([extra])
    assert "caste" in bigger
    assert bigger.get("caste") == extra
    assert len(bigger) == len(grounds) + 1
    assert bigger.codes[: len(grounds)] == grounds.codes
    assert "caste" not in grounds
    assert "caste" not in load_codelist("discrimination_grounds")
    assert bigger.name == grounds.name
    assert bigger.nearest("casta")[0] == "caste"


def test_extended_rejects_redefining_a_shipped_code() -> None:
    grounds = load_codelist("discrimination_grounds")
    with pytest.raises(
        DuplicateCodeError, match="'sex' is already in the 'discrimination_grounds'"
    ):
        grounds.extended([Code(code="sex", label_it="Genere", label_en="Gender")])


def test_extended_rejects_a_code_given_twice() -> None:
    grounds = load_codelist("discrimination_grounds")
    extra = Code(code="caste", label_it="Casta", label_en="Caste")
    with pytest.raises(DuplicateCodeError) as info:
        grounds.extended([extra, extra])
    assert info.value.code == "caste"
    assert info.value.codelist == "discrimination_grounds"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"code": "Bad-Code", "label_it": "x", "label_en": "x"}, "snake_case"),
        ({"code": "9lives", "label_it": "x", "label_en": "x"}, "snake_case"),
        ({"code": "trailing\n", "label_it": "x", "label_en": "x"}, "snake_case"),
        ({"code": 7, "label_it": "x", "label_en": "x"}, "must be <class 'str'>"),
        ({"code": "ok", "label_it": " ", "label_en": "x"}, "label_it must not be empty"),
        ({"code": "ok", "label_it": "x", "label_en": "x", "group": "Not OK"}, "group"),
    ],
)
def test_code_validates_its_fields(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises((ValueError, TypeError), match=re.escape(message)):
        Code(**kwargs)


def test_unknown_codelist_lists_the_available_names() -> None:
    with pytest.raises(UnknownCodelistError) as info:
        load_codelist("grounds")
    error = info.value
    assert isinstance(error, LookupError)
    assert error.name == "grounds"
    assert error.available == codelist_names()
    assert "discrimination_grounds" in str(error)
    assert "relation_kinds" in str(error)


@pytest.mark.parametrize("name", ["../frameworks", "frameworks.json", "", "FRAMEWORKS"])
def test_names_that_are_not_codelists_are_unknown(name: str) -> None:
    with pytest.raises(UnknownCodelistError):
        load_codelist(name)


def test_names_are_sorted() -> None:
    names = codelist_names()
    assert names == tuple(sorted(names))
    assert "territory_kinds" in names


def test_results_are_cached() -> None:
    assert load_codelist("frameworks") is load_codelist("frameworks")
    everything = all_codelists()
    assert list(everything) == list(codelist_names())
    assert everything["frameworks"] is load_codelist("frameworks")
    everything.clear()
    assert all_codelists() != {}


def test_results_are_immutable() -> None:
    relations = load_codelist("relation_kinds")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        relations.name = "other"  # type: ignore[misc]
    assert isinstance(relations.codes, tuple)
    lead_of = relations.get("lead_of")
    assert lead_of is not None
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        lead_of.label_it = "Capofila"  # type: ignore[misc]
    with pytest.raises(TypeError):
        lead_of.extra["directed"] = False  # type: ignore[index]
    assert lead_of.extra == {"directed": True, "inverse": "led_by"}
    assert hash(lead_of) == hash(relations.get("lead_of"))
    assert hash(relations) == hash(load_codelist("relation_kinds"))


def test_extra_values_are_frozen_recursively() -> None:
    code = Code(
        code="x", label_it="X", label_en="X", extra={"aliases": ["a", "b"], "more": {"k": 1}}
    )
    assert code.extra["aliases"] == ("a", "b")
    with pytest.raises(TypeError):
        code.extra["more"]["k"] = 2


def demo(*entries: object) -> str:
    """The JSON text of a small codelist file holding *entries* as its codes."""
    return json.dumps(
        {
            "name": "demo",
            "title": {"it": "Demo", "en": "Demo"},
            "description": "A codelist for tests.",
            "source": "Tests.",
            "codes": list(entries),
        }
    )


def entry(code: str, label: str = "A", **extra: object) -> dict[str, object]:
    """One code of a :func:`demo` file."""
    return {"code": code, "label": {"it": label, "en": label}, **extra}


def test_parse_codelist_reads_a_minimal_file() -> None:
    parsed = parse_codelist(demo(entry("a", rank=1)))
    assert isinstance(parsed, Codelist)
    assert parsed.name == "demo"
    assert parsed.codes[0].extra == {"rank": 1}


DUPLICATE_KEY = demo(entry("a")).replace('"code": "a"', '"code": "a", "code": "b"')


@pytest.mark.parametrize(
    ("text", "path", "problem"),
    [
        ("{", "<document>", "not valid JSON"),
        ("[]", "<document>", "expected a JSON object"),
        (demo({"code": "a", "label": {"it": "A"}}), "codes[0].label.en", "non-empty str"),
        (demo(entry("a"), entry("a-b")), "codes[1]", "snake_case"),
        (demo(entry("a"), entry("a", "B")), "codes", "already in the 'demo' codelist"),
        (DUPLICATE_KEY, "<document>", "duplicate key"),
        (demo(entry("a", group=3)), "codes[0].group", "string"),
        (demo("a"), "codes[0]", "expected an object"),
        (demo(entry("a")).replace('"name": "demo"', '"name": 5'), "name", "non-empty str"),
    ],
)
def test_parse_codelist_reports_where_a_file_is_wrong(text: str, path: str, problem: str) -> None:
    with pytest.raises(InvalidCodelistError) as info:
        parse_codelist(text, "data/demo.json")
    error = info.value
    assert str(error).startswith(f"data/demo.json: {path}: ")
    assert problem in error.problem
    assert error.file == "data/demo.json"
