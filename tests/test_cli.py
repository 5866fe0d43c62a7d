"""The command line, through its real entry point: exit codes, output, conversion."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import uguaglianza
from uguaglianza.cli import main

Factory = Callable[[], dict[str, Any]]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m uguaglianza.cli`` as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "uguaglianza.cli", *args],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def valid(tmp_path: Path, minimal: Factory) -> Path:
    path = tmp_path / "valid.yaml"
    uguaglianza.dump(uguaglianza.from_data(minimal()), path)
    return path


@pytest.fixture
def invalid(tmp_path: Path, minimal: Factory) -> Path:
    data = minimal()
    data["plan"]["actions"][0]["lead"] = "nessuno"
    path = tmp_path / "invalid.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def test_validate_invalid_file_exits_one_with_located_lines(invalid: Path) -> None:
    result = run("validate", str(invalid))
    assert result.returncode == 1
    lines = [row for row in result.stdout.splitlines() if "plan.actions[0].lead" in row]
    assert lines
    assert lines[0].startswith(f"{invalid}:")
    assert "Traceback" not in result.stderr


def test_validate_unreadable_file_exits_two(tmp_path: Path) -> None:
    binary = tmp_path / "image.json"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run("validate", str(binary), str(tmp_path / "missing.yaml"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert "binary" in result.stdout
    assert "missing.yaml" in result.stdout


def test_convert_round_trips(valid: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert main(["convert", str(valid), "--to", "json", "-o", str(out)]) == 0
    assert uguaglianza.load(out) == uguaglianza.load(valid)
    result = run("convert", str(valid), "--to", "yaml")
    assert result.returncode == 0
    assert uguaglianza.loads(result.stdout, "yaml") == uguaglianza.load(valid)


def test_convert_invalid_input_exits_one(invalid: Path) -> None:
    result = run("convert", str(invalid), "--to", "yaml")
    assert result.returncode == 1
    assert "plan.actions[0].lead" in result.stderr


def test_schema_command_prints_the_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout) == uguaglianza.json_schema()


def test_usage_errors_exit_two() -> None:
    assert run().returncode == 2
    assert run("validate").returncode == 2
    assert run("convert", "x.yaml", "--to", "xml").returncode == 2


def test_a_command_runs_with_the_collector_paused(
    valid: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from uguaglianza.cli import _validate

    seen: list[bool] = []
    original = _validate.run

    def watched(args: Any) -> int:
        seen.append(gc.isenabled())
        return original(args)

    monkeypatch.setattr(_validate, "run", watched)
    assert gc.isenabled()
    assert main(["validate", str(valid)]) == 0
    assert seen == [False]  # paused while the command ran...
    assert gc.isenabled()  # ...and on again after


def test_the_program_freezes_what_is_left_then_exits_with_the_command_code(
    invalid: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from uguaglianza.cli import entry

    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    monkeypatch.setattr(sys, "argv", ["uguaglianza", "validate", str(invalid)])
    with pytest.raises(SystemExit) as exit_:
        entry()
    assert exit_.value.code == 1
    assert frozen == [True]
    assert run("validate", str(invalid)).returncode == 1  # and so does the program
