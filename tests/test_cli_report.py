"""``uguaglianza report``: the file, standard output, options, redaction and failures."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest

import uguaglianza
from tests.dossier.test_dossier import hostile_document
from uguaglianza.cli import main
from uguaglianza.dossier import dossier

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PLAN = EXAMPLES / "bologna-piano-uguaglianza.yaml"


def test_writes_the_html_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "piano.html"
    assert main(["report", str(PLAN), "-o", str(out), "--lang", "en"]) == 0
    assert out.read_text(encoding="utf-8") == dossier(uguaglianza.load(PLAN), lang="en")
    assert capsys.readouterr().out == ""


def test_prints_markdown_to_standard_output() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "uguaglianza.cli",
            "report",
            str(PLAN),
            "--to",
            "md",
            "--as-of",
            "2026-12-01",
        ],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    expected = dossier(uguaglianza.load(PLAN), to="md", as_of=datetime.date(2026, 12, 1))
    assert result.stdout.decode("utf-8") == expected
    assert result.stderr == b""


def test_redacts_persons(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    uguaglianza.dump(hostile_document(), path)
    plain, redacted = tmp_path / "plain.html", tmp_path / "redacted.html"
    assert main(["report", str(path), "-o", str(plain)]) == 0
    assert main(["report", str(path), "-o", str(redacted), "--redact", "persons"]) == 0
    assert "Maria Rossi" in plain.read_text(encoding="utf-8")
    assert "Maria Rossi" not in redacted.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--as-of", "1 dicembre"], "'1 dicembre' is not a date; write it as YYYY-MM-DD"),
        (["--to", "pdf"], "invalid choice: 'pdf'"),
        (["--plan", "nessuno"], "no plan 'nessuno' in the document"),
        (["--keep-office-holders"], "need --redact persons"),
    ],
)
def test_usage_errors_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(PLAN), *argv]) == 2
    assert message in capsys.readouterr().err


def test_an_unreadable_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(tmp_path / "missing.yaml")]) == 2
    assert "missing.yaml" in capsys.readouterr().err


def test_an_unwritable_output_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(PLAN), "-o", str(tmp_path / "no" / "such" / "x.html")]) == 2
    assert "directory does not exist" in capsys.readouterr().err


def test_without_the_extra_it_says_what_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "jinja2", None)
    out = tmp_path / "x.html"
    assert main(["report", str(PLAN), "-o", str(out)]) == 2
    assert "pip install 'uguaglianza[report]'" in capsys.readouterr().err
    assert not out.exists()
