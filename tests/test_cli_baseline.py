"""``uguaglianza validate --baseline``: only the findings a team has not seen yet."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import attrs
import pytest
import yaml

from uguaglianza.cli import main
from uguaglianza.cli._validate import Settings, apply_baseline, check_file, read_baseline
from uguaglianza.rules import Report

BOLOGNA = Path(__file__).parents[1] / "examples" / "bologna-piano-uguaglianza.yaml"


@pytest.fixture
def plan(tmp_path, monkeypatch):
    """The Bologna example as ``piano.yaml`` in an empty working directory."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "C")
    data = yaml.safe_load(BOLOGNA.read_text(encoding="utf-8"))
    (tmp_path / "piano.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return data


def _write(data: object, name: str = "piano.yaml") -> None:
    Path(name).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


def _baseline(capsys) -> dict:
    assert main(["validate", "piano.yaml", "--format", "json", "--exit-zero"]) == 0
    text = capsys.readouterr().out
    Path("baseline.json").write_text(text, "utf-8")
    return json.loads(text)


def _json_run(capsys, *extra: str) -> tuple[int, dict]:
    code = main(
        ["validate", "piano.yaml", "--format", "json", "--baseline", "baseline.json", *extra]
    )
    return code, json.loads(capsys.readouterr().out)


def test_an_unchanged_document_shows_nothing(plan, capsys) -> None:
    report = _baseline(capsys)
    total = len(report["files"][0]["findings"])
    assert total > 5
    assert all(f["fingerprint"] for f in report["files"][0]["findings"])
    assert main(["validate", "piano.yaml", "--baseline", "baseline.json"]) == 0
    out = capsys.readouterr()
    assert out.out == ""
    assert f"{total} finding(s) already in baseline.json left out" in out.err
    code, data = _json_run(capsys)
    assert code == 0
    assert data["baseline"] == {"file": "baseline.json", "known": total}
    assert data["files"][0]["findings"] == []


def test_removing_an_earlier_entity_shows_no_new_finding(plan, capsys) -> None:
    _baseline(capsys)
    bodies = plan["bodies"]
    assert bodies[3]["id"] == "tavoli-tematici"
    _write({**plan, "bodies": bodies[:3] + bodies[4:]})
    code, data = _json_run(capsys)
    assert code == 0
    assert data["files"][0]["findings"] == []


def test_a_new_finding_is_shown_and_fails(plan, capsys) -> None:
    _baseline(capsys)
    plan["plan"]["areas"].append(
        {"id": "area-nuova", "name": "Area nuova", "source": plan["plan"]["areas"][0]["source"]}
    )
    _write(plan)
    code, data = _json_run(capsys, "--severity", "UG301=error")
    assert code == 1
    (finding,) = data["files"][0]["findings"]
    assert finding["code"] == "UG301"
    assert finding["path"] == f"plan.areas[{len(plan['plan']['areas']) - 1}]"
    assert main(["validate", "piano.yaml", "--baseline", "baseline.json", "--lang", "it"]) == 0
    out = capsys.readouterr()
    assert out.out.count("UG301") == 1 and "area-nuova" not in out.err
    assert "già noti in baseline.json non mostrati" in out.err


def test_a_finding_dropped_from_the_baseline_is_new_again(plan, capsys) -> None:
    report = _baseline(capsys)
    first, *rest = report["files"][0]["findings"]
    report["files"][0]["findings"] = rest
    Path("baseline.json").write_text(json.dumps(report), "utf-8")
    code, data = _json_run(capsys)
    assert code == 0
    assert data["files"][0]["findings"] == [first]
    assert data["baseline"]["known"] == len(rest)


def test_baseline_is_count_aware(plan, capsys) -> None:
    report = _baseline(capsys)
    first = report["files"][0]["findings"][0]
    # Two known, three now (the same finding in one file, as a rule may report it): one new.
    report["files"][0]["findings"] = [first, first]
    Path("baseline.json").write_text(json.dumps(report), "utf-8")
    baseline = read_baseline("baseline.json")
    assert baseline == Counter({("piano.yaml", first["fingerprint"]): 2})
    result = check_file("piano.yaml", Settings(), None)
    (finding,) = (f for f in result.report.findings if f.fingerprint == first["fingerprint"])
    tripled = attrs.evolve(result, report=Report((finding, finding, finding)))
    (kept,), known = apply_baseline([tripled], baseline)
    assert known == 2
    assert kept.report.findings == (finding,)


def test_a_baseline_of_another_file_leaves_nothing_out(plan, capsys) -> None:
    _baseline(capsys)
    Path("altro.yaml").write_text(Path("piano.yaml").read_text("utf-8"), "utf-8")
    code = main(["validate", "altro.yaml", "--format", "json", "--baseline", "baseline.json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["baseline"]["known"] == 0
    assert len(data["files"][0]["findings"]) > 5


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read the baseline 'baseline.json'"),
        ("not json", "the baseline 'baseline.json' is not JSON"),
        ('{"findings": []}', "it has no 'files' list"),
        ('{"files": [{"file": "piano.yaml"}]}', "files[0] has no 'file' name and 'findings'"),
        (
            '{"files": [{"file": "piano.yaml", "findings": [{"code": "UG301"}]}]}',
            "no fingerprint at files[0].findings[0]; write it again",
        ),
    ],
)
def test_a_wrong_baseline_is_a_usage_error(plan, capsys, content, message) -> None:
    if content is not None:
        Path("baseline.json").write_text(content, "utf-8")
    assert main(["validate", "piano.yaml", "--baseline", "baseline.json"]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert message in out.err
