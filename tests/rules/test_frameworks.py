"""UG012-UG013: a plan's framework mappings are checked against the version it follows;
and the profile each plan is checked under, chosen through broader plan kinds, is stated."""

from __future__ import annotations

import json

import pytest

import uguaglianza
from uguaglianza.cli import main
from uguaglianza.rules import PlanProfile

CHARTER_2006 = ("plan.follows", [{"framework": "cemr_charter", "version": "2006"}])
CHARTER_2022 = ("plan.follows", [{"framework": "cemr_charter", "version": "2022"}])


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        pytest.param(
            [CHARTER_2006, ("plan.actions[0].frameworks", ["cemr_art_22"])], [], id="in-2006"
        ),
        pytest.param(
            [CHARTER_2006, ("plan.actions[0].frameworks", ["cemr_art_35"])],
            [("UG012", "plan.actions[0].frameworks[0]", "'cemr_art_35'")],
            id="added-in-2022",
        ),
        pytest.param(
            [CHARTER_2022, ("plan.actions[0].frameworks", ["cemr_art_35", "cemr_art_01"])],
            [],
            id="in-2022",
        ),
        pytest.param([("plan.actions[0].frameworks", ["cemr_art_35"])], [], id="no-version-stated"),
        pytest.param(
            [CHARTER_2006, ("plan.frameworks", ["cemr_art_39", "sdg_5_2"])],
            [("UG012", "plan.frameworks[0]", "'cemr_art_39'")],
            id="plan-level-and-other-frameworks",
        ),
    ],
)
def test_mappings_belong_to_the_version_followed(make, run, edits, expected):
    report = run(make(edits), select=["UG012", "UG013"])
    assert [(f.code, f.path, f.value) for f in report.findings] == expected


def test_a_declared_item_is_read_through_its_broader_code(make, run):
    declared = {
        "frameworks": [
            {
                "code": "cemr_art_35_local",
                "name": "Articolo 35 (testo locale)",
                "broader": "cemr_art_35",
            }
        ]
    }
    edits = [
        CHARTER_2006,
        ("codelists", declared),
        ("plan.actions[0].frameworks", ["cemr_art_35_local"]),
    ]
    report = run(make(edits), select=["UG012"])
    assert [(f.code, f.value) for f in report.findings] == [("UG012", "'cemr_art_35_local'")]
    assert "2006" in report.findings[0].message.en
    assert "cemr_charter" in report.findings[0].message.it


def test_recommended_areas_are_checked_through_the_areas_reference(make, run):
    follows = ("plan.follows", [{"framework": "horizon_europe_gep", "version": "2021"}])
    assert run(make([follows], kind="gep"), select=["UG012", "UG013"]).findings == ()


@pytest.mark.parametrize(
    ("follows", "path", "value", "known"),
    [
        ({"framework": "cemr_charter", "version": "2010"}, "version", "2010", "2006, 2022"),
        ({"framework": "cedaw", "version": "1979"}, "framework", "cedaw", "cemr_charter"),
    ],
)
def test_an_unknown_version_or_framework_is_an_error(make, run, follows, path, value, known):
    report = run(make([("plan.follows", [follows])]), select=["UG012", "UG013"])
    [finding] = report.findings
    assert (finding.code, finding.path, finding.value) == (
        "UG013",
        f"plan.follows[0].{path}",
        repr(value),
    )
    assert known in finding.message.en and known in finding.message.it
    assert str(finding.severity) == "error"


def test_follows_survives_a_round_trip(make):
    doc = uguaglianza.from_data(make([CHARTER_2022]))
    assert doc.plan.follows[0].version == "2022"
    assert uguaglianza.loads(uguaglianza.dumps(doc, "json")) == doc


def test_an_empty_version_is_refused(make):
    with pytest.raises(uguaglianza.DocumentError, match="follows"):
        uguaglianza.from_data(make([("plan.follows", [{"framework": "sdg_5", "version": ""}])]))


DECLARED_GEP = {
    "plan_kinds": [
        {
            "code": "piano_parita_ateneo",
            "name": "Piano di parità di ateneo",
            "broader": "gender_equality_plan",
        },
        {"code": "piano_senza_significato", "name": "Piano di tipo locale"},
    ]
}


def test_a_declared_plan_kind_takes_the_profile_of_its_broader_kind(make, run):
    data = make([("codelists", DECLARED_GEP), ("plan.kind", "piano_parita_ateneo")], kind="gep")
    report = run(data)
    assert report.profiles == (
        PlanProfile("piano", "plan", "piano_parita_ateneo", "gep", via="gender_equality_plan"),
    )
    # The GEP rules run: the complete GEP passes them, one without its declarations does not.
    assert not any(code.startswith("UG5") for code in report.codes())
    unsigned = make(
        [
            ("codelists", DECLARED_GEP),
            ("plan.kind", "piano_parita_ateneo"),
            ("plan.frameworks", []),
        ],
        kind="gep",
    )
    assert any(code.startswith("UG5") for code in run(unsigned).codes())


def test_a_declared_plan_kind_without_broader_gets_basic(make, run):
    data = make([("codelists", DECLARED_GEP), ("plan.kind", "piano_senza_significato")])
    [chosen] = run(data).profiles
    assert (chosen.profile, chosen.via, chosen.forced) == ("basic", None, False)


def test_a_forced_profile_is_said_to_be_forced(make, run):
    [chosen] = run(make(), profile="pap").profiles
    assert (chosen.profile, chosen.forced) == ("pap", True)
    assert chosen.format("en").endswith("chosen with --profile")
    assert "scelto con --profile" in chosen.format("it")


def _write(tmp_path, data):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_every_output_states_the_profile(make, tmp_path, capsys):
    path = _write(
        tmp_path,
        make([("codelists", DECLARED_GEP), ("plan.kind", "piano_parita_ateneo")], kind="gep"),
    )
    main(["validate", "--no-config", "--lang", "en", path])
    err = capsys.readouterr().err
    assert (
        f"{path}: plan: plan 'piano' (piano_parita_ateneo) checked under profile gep, "
        "through its broader kind gender_equality_plan\n"
    ) in err
    main(["validate", "--no-config", "--lang", "it", path])
    assert "controllato con il profilo gep, tramite il tipo più ampio" in capsys.readouterr().err
    main(["validate", "--no-config", "--format", "json", path])
    [file] = json.loads(capsys.readouterr().out)["files"]
    assert file["profiles"] == [
        {
            "plan": "piano",
            "path": "plan",
            "kind": "piano_parita_ateneo",
            "profile": "gep",
            "via": "gender_equality_plan",
            "forced": False,
            "file": path,
        }
    ]
    main(["validate", "--no-config", "--format", "sarif", path])
    [sarif_run] = json.loads(capsys.readouterr().out)["runs"]
    assert sarif_run["properties"]["profiles"] == file["profiles"]
    main(["validate", "--no-config", "--quiet", path])
    assert capsys.readouterr().err == ""
