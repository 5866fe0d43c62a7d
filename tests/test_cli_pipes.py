"""The command in pipes: standard input, closed pipes, ``python -m``, linter options."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import uguaglianza
from uguaglianza.cli import EXIT_CLOSED_PIPE, main
from uguaglianza.cli._stdin import guess_format

Factory = Callable[[], dict[str, Any]]
EXAMPLE = Path(__file__).parents[1] / "examples" / "provincia-immigrazione-inclusione.yaml"


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m uguaglianza`` as a user would, feeding *stdin*."""
    return subprocess.run(
        [sys.executable, "-m", "uguaglianza", *args], input=stdin, capture_output=True, check=False
    )


def closed_pipe(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the command with standard output a pipe nobody reads any more."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [sys.executable, "-m", "uguaglianza", *args],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(write)


@pytest.fixture
def with_error(minimal: Factory) -> dict[str, Any]:
    data = minimal()
    data["plan"]["actions"][0]["lead"] = "nessuno"
    return data


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch) -> Callable[[bytes], None]:
    def feed(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

    return feed


def test_python_dash_m_runs_the_command() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.decode().startswith("uguaglianza ")
    assert (
        run("rules").stdout
        == subprocess.run(
            [sys.executable, "-m", "uguaglianza.cli", "rules"], capture_output=True, check=True
        ).stdout
    )


@pytest.mark.parametrize(
    "args",
    [
        ("rules",),
        ("schema",),
        ("validate", str(EXAMPLE)),
        ("convert", str(EXAMPLE), "--to", "json"),
    ],
)
def test_a_closed_pipe_ends_the_command_quietly(args: tuple[str, ...]) -> None:
    result = closed_pipe(*args)
    assert result.returncode == EXIT_CLOSED_PIPE == 141
    assert result.stderr == ""


def test_validate_reads_yaml_from_standard_input_and_locates_findings() -> None:
    result = run("validate", "-", stdin=EXAMPLE.read_bytes())
    assert result.returncode == 0
    lines = result.stdout.decode().splitlines()
    assert lines and all(line.startswith("<stdin>:") for line in lines)
    from_file = run("validate", str(EXAMPLE)).stdout.decode()
    assert result.stdout.decode() == from_file.replace(str(EXAMPLE), "<stdin>")


def test_validate_reads_json_from_standard_input(with_error: dict[str, Any]) -> None:
    text = json.dumps(with_error, indent=2).encode()
    result = run("validate", "-", stdin=text)
    assert result.returncode == 1
    out = result.stdout.decode()
    assert "<stdin>:" in out and "plan.actions[0].lead" in out
    assert run("validate", "--input-format", "json", "-", stdin=text).stdout == result.stdout


def test_standard_input_of_unknown_format_is_a_usage_error() -> None:
    result = run("validate", "-", stdin=b"just some words\n")
    assert result.returncode == 2
    assert b"--input-format json or --input-format yaml" in result.stderr
    assert b"Traceback" not in result.stderr
    # Told the format, the same text is read, and found not to be a document.
    told = run("validate", "--input-format", "yaml", "-", stdin=b"just some words\n")
    assert told.returncode == 1
    assert b"<stdin>" in told.stdout


def test_unreadable_standard_input_exits_two() -> None:
    result = run("validate", "-", stdin=b"document: [plan\n")
    assert result.returncode == 2
    assert result.stdout.startswith(b"<stdin>:")


def test_standard_input_is_read_once(stdin: Callable[[bytes], None]) -> None:
    stdin(EXAMPLE.read_bytes())
    assert main(["validate", "-", "-"]) == 2


def test_standard_input_mixes_with_files(
    stdin: Callable[[bytes], None], capsys: pytest.CaptureFixture[str]
) -> None:
    stdin(EXAMPLE.read_bytes())
    assert main(["validate", "--no-config", "--format", "json", "-", str(EXAMPLE)]) == 0
    files = json.loads(capsys.readouterr().out)["files"]
    assert [entry["file"] for entry in files] == ["<stdin>", str(EXAMPLE)]
    assert files[0]["findings"] and len(files[0]["findings"]) == len(files[1]["findings"])


def test_input_format_applies_to_files(tmp_path: Path, minimal: Factory) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(json.dumps(minimal()), encoding="utf-8")
    assert main(["validate", "--no-config", "-q", str(path)]) == 2  # no extension to go by
    assert main(["validate", "--no-config", "-q", "--input-format", "json", str(path)]) == 0


def test_exit_zero_reports_errors_but_exits_zero(
    tmp_path: Path, with_error: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(with_error), encoding="utf-8")
    assert main(["validate", "--no-config", str(path)]) == 1
    assert main(["validate", "--no-config", "--exit-zero", str(path)]) == 0
    assert "plan.actions[0].lead" in capsys.readouterr().out
    missing = str(tmp_path / "missing.json")
    assert main(["validate", "--no-config", "--exit-zero", missing]) == 2


def test_statistics_count_findings_per_code(capsys: pytest.CaptureFixture[str]) -> None:
    report = uguaglianza.validate(uguaglianza.load(EXAMPLE))
    expected = report.by_code
    assert main(["validate", "--no-config", "--statistics", str(EXAMPLE), str(EXAMPLE)]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert {code: int(count) for count, code, _ in rows} == {
        code: 2 * count for code, count in expected.items()
    }
    counts = [int(count) for count, _, _ in rows]
    assert counts == sorted(counts, reverse=True)
    assert all(title.startswith(("[warning] ", "[error] ")) for *_, title in rows)

    assert main(["validate", "--no-config", "--statistics", "--format", "json", str(EXAMPLE)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {row["code"]: row["count"] for row in data} == dict(expected)
    assert all(set(row) == {"code", "count", "severity", "title"} for row in data)


def test_statistics_are_not_sarif() -> None:
    assert main(["validate", "--statistics", "--format", "sarif", str(EXAMPLE)]) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b'{"document": "plan"}', "json"),
        (b"\xef\xbb\xbf  \n[1]", "json"),
        (b"document: plan\n", "yaml"),
        (b"# a comment\n\nschema_version: '1.0'\n", "yaml"),
        (b"---\ndocument: plan\n", "yaml"),
        (b"%YAML 1.2\n---\n", "yaml"),
        (b"just words\n", None),
        (b"", None),
        (b"- a list\n", None),
        (b"http://example.org\n", None),
    ],
)
def test_guessing_the_format_of_standard_input(text: bytes, expected: str | None) -> None:
    assert guess_format(text) == expected
