"""The frameworks analysis: which items of each framework a plan covers, through which
actions, in the version the plan follows, and which none covers."""

from __future__ import annotations

import json

import pytest

import uguaglianza
from tests.rules.lifecycle_docs import doc
from uguaglianza.cli import main
from uguaglianza.graph import analyse, coordination_graph
from uguaglianza.graph.analysis import FrameworksReport, frameworks
from uguaglianza.graph.analysis.text import render_frameworks

AREAS = ("gep_work_life_balance", "gep_gender_based_violence")


def _gep(*edits):
    data = doc(edits, kind="gep")
    plan = data["plan"]
    plan["areas"] = [
        {"id": f"area-{n}", "name": code, "reference": code} for n, code in enumerate(AREAS)
    ]
    plan["actions"] = [
        {
            "id": "formazione",
            "kind": "training",
            "name": "Formazione",
            "frameworks": ["he_gep_training"],
        },
        {"id": "conciliazione", "name": "Conciliazione", "areas": ["area-0"]},
        {"id": "sportello", "name": "Sportello", "areas": ["area-1"], "frameworks": ["sdg_5_2"]},
    ]
    return uguaglianza.from_data(data)


def _by_code(coverage):
    return {item.code: item for item in coverage.items}


def test_a_gep_covers_requirements_and_areas_through_actions_or_itself():
    [plan] = frameworks(_gep()).plans
    assert plan.plan == "piano"
    gep, sdg = plan.frameworks
    assert (gep.framework, gep.version, gep.version_stated) == ("horizon_europe_gep", "2021", False)
    items = _by_code(gep)
    assert items["he_gep_training"].actions == ("formazione",)
    assert not items["he_gep_training"].by_plan
    assert items["he_gep_public_document"].by_plan and items["he_gep_public_document"].actions == ()
    assert items["gep_work_life_balance"].actions == ("conciliazione",)
    assert [item.code for item in gep.uncovered] == [
        "gep_leadership_decision_making",
        "gep_recruitment_career",
        "gep_research_teaching",
    ]
    assert len(gep.covered) == 6 and len(gep.items) == 9
    assert (sdg.framework, sdg.version) == ("sdg_5", "2015")
    assert _by_code(sdg)["sdg_5_2"].actions == ("sportello",)
    assert len(sdg.uncovered) == 8


def test_the_version_followed_decides_the_items():
    follows = ("plan.follows", [{"framework": "cemr_charter", "version": "2006"}])
    mapped = ("plan.actions", [{"id": "a1", "name": "Azione", "frameworks": ["cemr_art_22"]}])
    [plan] = frameworks(uguaglianza.from_data(doc([follows, mapped]))).plans
    [charter] = plan.frameworks
    assert (charter.version, charter.version_stated, len(charter.items)) == ("2006", True, 30)
    assert [item.code for item in charter.covered] == ["cemr_art_22"]
    assert charter.covered[0].label("it").endswith("Violenza di genere")
    unstated = frameworks(uguaglianza.from_data(doc([mapped]))).plans[0].frameworks[0]
    assert (unstated.version, unstated.version_stated, len(unstated.items)) == ("2022", False, 39)


def test_a_framework_named_by_its_own_code_is_reported_with_nothing_covered():
    [plan] = frameworks(
        uguaglianza.from_data(doc([("plan.frameworks", ["istanbul_convention"])]))
    ).plans
    [istanbul] = plan.frameworks
    assert [item.code for item in istanbul.uncovered] == [
        "istanbul_prevention",
        "istanbul_protection",
        "istanbul_prosecution",
        "istanbul_integrated_policies",
    ]


def test_a_declared_code_counts_for_its_broader_item():
    declared = {
        "frameworks": [{"code": "art_22_locale", "name": "Art. 22", "broader": "cemr_art_22"}]
    }
    data = doc(
        [
            ("codelists", declared),
            ("plan.actions", [{"id": "formazione", "name": "F", "frameworks": ["art_22_locale"]}]),
        ]
    )
    [charter] = frameworks(uguaglianza.from_data(data)).plans[0].frameworks
    assert _by_code(charter)["cemr_art_22"].actions == ("formazione",)


def test_plans_without_frameworks_and_the_filter():
    report = frameworks(uguaglianza.from_data(doc()))
    assert isinstance(report, FrameworksReport) and len(report) == 1
    assert report.plans[0].frameworks == ()
    assert frameworks(_gep(), plans=["another"]).plans == ()
    assert "no frameworks" in repr(report)
    data = frameworks(_gep()).to_dict()
    gep = data["plans"][0]["frameworks"][0]
    assert (gep["covered"], gep["total"], gep["version_stated"]) == (6, 9, False)
    assert gep["items"][0] == {
        "code": "he_gep_public_document",
        "part": "requirement",
        "label": {"it": "GEP – Documento pubblico", "en": "GEP – Public document"},
        "covered": True,
        "actions": [],
        "by_plan": True,
    }
    json.dumps(data)


def test_analyse_has_a_frameworks_section_that_needs_the_document():
    document = _gep()
    graph = coordination_graph(document)
    result = analyse(graph, sections=["frameworks"], doc=document)
    assert result["frameworks"].plans[0].frameworks[0].framework == "horizon_europe_gep"
    assert "frameworks" in result.to_dict()
    with pytest.raises(ValueError, match="pass the document"):
        analyse(graph, sections=["frameworks"])


def test_the_section_in_italian_and_english():
    report = frameworks(_gep())
    english = render_frameworks(report, top=10, lang="en")
    italian = render_frameworks(report, top=10, lang="it")
    assert "Frameworks of plan piano" in english
    assert (
        "  Horizon Europe Gender Equality Plan, version 2021 (the latest: the plan does not say "
        "which it follows): 6 of 9 items covered"
    ) in english
    assert "    he_gep_training: GEP – Training — through formazione" in english
    assert "    covered by no action and not by the plan: 3" in english
    assert "Quadri di riferimento del piano piano" in italian
    assert "    he_gep_training: GEP – Formazione — tramite formazione" in italian
    assert "    non coperti da nessuna azione né dal piano: 3" in italian
    assert render_frameworks(frameworks(uguaglianza.from_data(doc())), top=10) == [
        "",
        "Frameworks: no plan follows or maps to a framework with known versions",
    ]


def test_the_cli_shows_the_section_by_default(tmp_path, capsys):
    path = tmp_path / "gep.json"
    path.write_text(uguaglianza.dumps(_gep(), "json"), encoding="utf-8")
    assert main(["analyse", str(path)]) == 0
    assert "Frameworks of plan piano" in capsys.readouterr().out
    assert main(["analyse", str(path), "--sections", "frameworks", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["frameworks"]["plans"][0]["frameworks"][0]["framework"] == "horizon_europe_gep"
