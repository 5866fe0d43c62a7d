"""``uguaglianza validate`` and ``uguaglianza rules`` through their real entry points."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from uguaglianza.cli import main
from uguaglianza.rules import catalogue_markdown

ROOT = Path(__file__).parents[1]
BOLOGNA = ROOT / "examples" / "bologna-piano-uguaglianza.yaml"


def _doc(number: str = "1/2022", **plan: object) -> dict[str, object]:
    return {
        "document": "plan",
        "schema_version": "2.0",
        "id": "doc",
        "organisations": [{"id": "org", "kind": "comune", "name": "Comune"}],
        "acts": [
            {"id": "act", "kind": "letter", "name": "Lettera", "number": number, "date": "2022-03"}
        ],
        "plan": {
            "id": "p",
            "kind": "sectoral_objectives",
            "name": "Obiettivi",
            "owner": "org",
            **plan,
        },
    }


@pytest.fixture
def files(tmp_path, monkeypatch):
    """Writes documents into an empty working directory with no configuration."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "C")

    def write(name: str, data: object) -> str:
        path = tmp_path / name
        text = data if isinstance(data, str) else json.dumps(data)
        path.write_text(text, encoding="utf-8")
        return name

    return write


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["validate", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_subprocess_entry_point_on_an_example():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "uguaglianza.cli",
            "validate",
            str(BOLOGNA),
            "--lang",
            "en",
            "--as-of",
            "2024-06-01",
            "--no-config",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    stated, summary = result.stderr.strip().splitlines()
    assert stated == (
        f"{BOLOGNA}: plan: plan 'piano-uguaglianza-bologna' (equality_plan) checked under "
        "profile equality_plan"
    )
    assert summary.startswith("1 file(s) checked: 0 errors,")
    for line in result.stdout.splitlines():
        location, code = line.split(": ")[0], line.split(": ")[1].split()[0]
        assert location.startswith(str(BOLOGNA)) and location.count(":") == 2
        assert code.startswith("UG")


def test_subprocess_exit_codes(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_doc("1/2021")), encoding="utf-8")
    args = [sys.executable, "-m", "uguaglianza.cli", "validate", "--no-config"]
    assert subprocess.run([*args, str(bad)], capture_output=True, check=False).returncode == 1
    missing = subprocess.run([*args, str(tmp_path / "none.json")], capture_output=True, check=False)
    assert missing.returncode == 2


def test_clean_document(capsys, files):
    path = files("ok.json", _doc())
    code, out, err = _run(capsys, path)
    assert (code, out) == (0, "")
    assert err == (
        f"{path}: plan: plan 'p' (sectoral_objectives) checked under "
        "profile basic\n1 file(s) checked: 0 errors, 0 warnings, 0 infos\n"
    )


def test_semantic_error_in_linter_form(capsys, files):
    code, out, _ = _run(capsys, files("bad.json", _doc("1/2021")), "--lang", "en")
    assert code == 1
    assert out.startswith("bad.json:1:")
    assert ": UG210 acts[0].number: the number names a year other than the act's (2022)" in out


def test_italian_messages(capsys, files, monkeypatch):
    path = files("bad.json", _doc("1/2021"))
    assert _run(capsys, path, "--lang", "it")[1].count("il numero indica un anno diverso") == 1
    monkeypatch.setenv("LANG", "it_IT.UTF-8")
    _, out, err = _run(capsys, path)
    assert "il numero indica" in out
    assert err == (
        f"{path}: plan: piano 'p' (sectoral_objectives) controllato con il profilo basic\n"
        "1 file controllati: 1 errore, 0 avvisi, 0 informazioni\n"
    )


@pytest.mark.parametrize(
    ("field", "value", "code"), [("colour", "blue", "UG000"), ("owner", "nobody", "UG001")]
)
def test_structural_problems_use_the_catalogue_codes(capsys, files, field, value, code):
    data = _doc()
    data["plan"][field] = value
    exit_code, out, _ = _run(capsys, files("broken.json", data), "--lang", "en")
    assert exit_code == 1
    (line,) = out.splitlines()
    assert line.startswith("broken.json:1:") and f" {code} plan." in line


@pytest.mark.parametrize(
    ("name", "text"),
    [("missing.json", None), ("bad.yaml", "plan: [unclosed\n"), ("doc.txt", "{}")],
)
def test_unreadable_input_exits_2(capsys, files, name, text):
    path = name if text is None else files(name, text)
    code, out, _ = _run(capsys, path, files("ok.json", _doc()))
    assert code == 2
    assert f"{path}" in out and " UG901 " in out


def test_json_output(capsys, files):
    code, out, _ = _run(
        capsys, files("bad.json", _doc("1/2021")), files("ok.json", _doc()), "--format", "json"
    )
    data = json.loads(out)
    assert code == 1 and data["ok"] is False
    assert data["counts"] == {"error": 1, "warning": 0, "info": 0}
    first, second = data["files"]
    assert (first["file"], first["readable"], first["ok"]) == ("bad.json", True, False)
    assert first["findings"][0]["code"] == "UG210"
    assert first["findings"][0]["line"] >= 1
    assert second["findings"] == [] and second["ok"] is True


def test_sarif_output(capsys, files):
    code, out, _ = _run(
        capsys, files("bad.json", _doc("1/2021")), files("gone.json", "{"), "--format", "sarif"
    )
    sarif = json.loads(out)
    assert code == 2 and sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert [result["ruleId"] for result in results] == ["UG210", "UG901"]
    uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "bad.json"
    rule_ids = [rule["id"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]]
    assert "UG210" in rule_ids and "UG901" in rule_ids


def test_select_ignore_and_severity(capsys, files):
    path = files("bad.json", _doc("1/2021"))
    assert _run(capsys, path, "--ignore", "UG210")[0] == 0
    assert _run(capsys, path, "--select", "UG3,time", "--ignore", "UG2")[0] == 0
    code, out, _ = _run(capsys, path, "--severity", "UG210=warning", "--lang", "en")
    assert code == 0 and " UG210 " in out


@pytest.mark.parametrize(
    "options",
    [
        ["--select", "UG999"],
        ["--ignore", "nonsense"],
        ["--severity", "UG210"],
        ["--severity", "UG210=fatal"],
        ["--severity", "XX1=info"],
        ["--as-of", "yesterday"],
        ["--profile", "nope"],
        ["--format", "xml"],
    ],
)
def test_bad_options_exit_2(capsys, files, options):
    assert _run(capsys, files("ok.json", _doc()), *options)[0] == 2


def test_profile_and_as_of(capsys, files):
    path = files("pap.json", _doc(period={"start": "2024", "end": "2025"}))
    assert _run(capsys, path)[0] == 0
    code, out, _ = _run(capsys, path, "--profile", "pap")
    assert code == 1 and " UG601 " in out
    meeting = _doc()
    meeting["bodies"] = [
        {
            "id": "b",
            "kind": "committee",
            "name": "Comitato",
            "members": [{"member": "org"}],
            "meetings": [{"id": "m", "date": "2025-01-10", "planned": True}],
        }
    ]
    path = files("meeting.json", meeting)
    assert " UG211 " not in _run(capsys, path, "--as-of", "2024-12-01")[1]
    assert " UG211 " in _run(capsys, path, "--as-of", "2025-02-01")[1]


def test_configuration_in_pyproject(capsys, files, tmp_path):
    path = files("bad.json", _doc("1/2021"))
    (tmp_path / "pyproject.toml").write_text(
        '[tool.uguaglianza]\nlang = "it"\nseverity = { UG210 = "info" }\n', encoding="utf-8"
    )
    code, out, _ = _run(capsys, path)
    assert code == 0 and "il numero indica" in out
    assert _run(capsys, path, "--severity", "UG210=error")[0] == 1
    assert _run(capsys, path, "--no-config")[0] == 1


def test_configuration_is_found_upwards_and_given_explicitly(capsys, files, tmp_path, monkeypatch):
    path = files("bad.json", _doc("1/2021"))
    (tmp_path / "pyproject.toml").write_text(
        '[tool.uguaglianza]\nignore = ["time"]\n', encoding="utf-8"
    )
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    monkeypatch.chdir(nested)
    assert _run(capsys, str(tmp_path / path))[0] == 0
    other = tmp_path / "other.toml"
    other.write_text('[tool.uguaglianza]\nselect = ["UG2"]\n', encoding="utf-8")
    assert _run(capsys, str(tmp_path / path), "--config", str(other))[0] == 1


@pytest.mark.parametrize(
    "table",
    [
        'colour = "blue"',
        'select = "UG2"',
        'severity = { UG210 = "fatal" }',
        'profile = "nope"',
        'lang = "fr"',
        "select = [",
    ],
)
def test_bad_configuration_exits_2(capsys, files, tmp_path, table):
    path = files("ok.json", _doc())
    (tmp_path / "pyproject.toml").write_text(f"[tool.uguaglianza]\n{table}\n", encoding="utf-8")
    code = main(["validate", path])
    _, err = capsys.readouterr()
    assert code == 2 and "pyproject.toml" in err


def test_rules_lists_the_catalogue(capsys, files):
    assert main(["rules", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("UG000  error    document")
    assert any(line.startswith("UG505  warning  gep") for line in lines)


def test_rules_explains_a_rule(capsys, files):
    assert main(["rules", "UG601", "--lang", "it"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("UG601 pap-three-years: Il PAP dura tre anni")
    assert "Fonte: D.Lgs. 198/2006" in out


def test_rules_json_profile_and_markdown(capsys, files):
    assert main(["rules", "--format", "json", "--profile", "pap"]) == 0
    codes = [rule["code"] for rule in json.loads(capsys.readouterr().out)]
    assert "UG601" in codes and "UG501" not in codes and "UG301" in codes
    assert main(["rules", "--format", "markdown"]) == 0
    assert capsys.readouterr().out == catalogue_markdown()
    assert main(["rules", "UG999"]) == 2
