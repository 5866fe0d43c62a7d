"""Frameworks as versioned data: versions, their items, and the checks on the data file."""

from __future__ import annotations

import json

import pytest

from uguaglianza.codelists import InvalidCodelistError, load_codelist
from uguaglianza.codelists.frameworks import frameworks_of_item, load_frameworks, parse_frameworks


def _parts(framework: str, version: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    chosen = load_frameworks()[framework].version(version)
    assert chosen is not None
    for item in chosen.items:
        found.setdefault(item.part, []).append(item.code)
    return found


def test_the_charter_has_its_2006_and_2022_versions():
    charter = load_frameworks()["cemr_charter"]
    assert charter.version_names() == ("2006", "2022")
    assert charter.latest.version == "2022"
    old, new = charter.versions
    assert [item.code for item in old.items] == [f"cemr_art_{n:02d}" for n in range(1, 31)]
    assert len(new.items) == 39 and old.codes() < new.codes()
    assert (old.date, new.date) == ("2006-05-12", "2022-12-06")
    assert not old.has("cemr_art_31") and new.has("cemr_art_31")
    assert new.note is not None and "not recorded" in new.note


def test_unverified_charter_titles_are_left_out():
    frameworks = load_codelist("frameworks")
    for n in range(31, 40):
        entry = frameworks.get(f"cemr_art_{n}")
        assert entry is not None
        assert entry.label_en == f"European Charter for Equality, Article {n}"
        assert entry.description is not None and "title is not recorded" in entry.description


@pytest.mark.parametrize(
    ("framework", "version", "parts"),
    [
        ("horizon_europe_gep", "2021", {"requirement": 4, "recommended_area": 5}),
        ("istanbul_convention", "2011", {"pillar": 4}),
        ("dlgs_198_2006_art_48", "2006", {"requirement": 5}),
        ("italy_national_gender_strategy_2021_2026", "2021-2026", {"priority": 5}),
        ("sdg_5", "2015", {"target": 9}),
    ],
)
def test_each_framework_has_its_items(framework, version, parts):
    assert {part: len(codes) for part, codes in _parts(framework, version).items()} == parts


def test_items_name_their_framework_as_broader():
    frameworks = load_codelist("frameworks")
    for framework in load_frameworks().values():
        for version in framework.versions:
            for item in version.items:
                if item.codelist == "frameworks":
                    assert frameworks.is_a(item.code, framework.code), item.code
                assert item.label("it") and item.label("en")
    assert frameworks.is_a("istanbul_prosecution", "istanbul_convention")
    assert frameworks.is_a("dlgs_198_2006_art_48_consultation", "italy_equal_opportunities_code")


def test_the_istanbul_pillars_and_article_48_have_sources():
    frameworks = load_codelist("frameworks")
    pillars = ("prevention", "protection", "prosecution", "integrated_policies")
    for code in [f"istanbul_{p}" for p in pillars] + ["dlgs_198_2006_art_48_three_years"]:
        entry = frameworks.get(code)
        assert entry is not None and entry.source
        assert entry.label_it != entry.label_en
    article = frameworks.get("dlgs_198_2006_art_48_rebalancing")
    assert article is not None and article.description is not None
    assert "divario fra generi non inferiore a due terzi" in article.description


def test_an_item_belongs_to_its_frameworks():
    assert [f.code for f in frameworks_of_item("gep_work_life_balance")] == ["horizon_europe_gep"]
    assert frameworks_of_item("cedaw") == ()


def _file(**changes):
    version = {
        "version": "1",
        "label": {"it": "uno", "en": "one"},
        "source": "s",
        "items": [{"code": "sdg_5_1", "part": "target"}],
    }
    version.update(changes)
    framework = {
        "code": "sdg_5",
        "parts": {"target": {"it": "t", "en": "t"}},
        "versions": [version],
    }
    return json.dumps({"frameworks": [framework]})


@pytest.mark.parametrize(
    ("changes", "path", "problem"),
    [
        ({"items": [{"code": "sdg_9_9", "part": "target"}]}, "items[0].code", "'sdg_9_9'"),
        ({"items": [{"code": "sdg_5_1", "part": "goal"}]}, "items[0].part", "'goal'"),
        (
            {"items": [{"code": "sdg_5_1", "part": "target", "codelist": "post_kinds"}]},
            "items[0].codelist",
            "'post_kinds'",
        ),
        ({"items": []}, "items", "non-empty"),
        ({"source": ""}, "source", "non-empty"),
        (
            {"items": [{"code": "sdg_5_1", "part": "target"}] * 2},
            "items",
            "listed twice",
        ),
    ],
)
def test_a_broken_versions_file_is_refused_with_its_place(changes, path, problem):
    with pytest.raises(InvalidCodelistError) as caught:
        parse_frameworks(_file(**changes))
    assert caught.value.path == f"frameworks[0].versions[0].{path}"
    assert problem in str(caught.value)
