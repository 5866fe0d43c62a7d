"""``uguaglianza upgrade`` through the installed command, as a user runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import uguaglianza
from tests.upgrading import EXAMPLES_1_0, leaves
from uguaglianza.io import read_data

#: The console script pip installs beside the interpreter: the real entry point.
COMMAND = Path(sys.executable).with_name("uguaglianza")


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(COMMAND), "upgrade", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def _copy(path: Path, folder: Path) -> Path:
    target = folder / path.name
    shutil.copyfile(path, target)
    return target


def _leading_comments(text: str) -> list[str]:
    lines = text.splitlines()
    return lines[: next(i for i, line in enumerate(lines) if not line.startswith("#"))]


def test_the_command_is_installed() -> None:
    assert COMMAND.is_file()


@pytest.mark.parametrize("path", EXAMPLES_1_0, ids=lambda path: path.name)
def test_upgrade_prints_the_2_0_document_keeping_every_value_and_the_header(
    path: Path,
) -> None:
    result = run(path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    original = path.read_text(encoding="utf-8")
    assert _leading_comments(result.stdout) == _leading_comments(original)
    assert _leading_comments(original)  # every example starts with its provenance
    written = yaml.safe_load(result.stdout)
    assert written["schema_version"] == "2.0"
    assert leaves(written) == leaves(read_data(path), as_1_0=True)
    assert uguaglianza.loads(result.stdout, "yaml").schema_version == "2.0"


def test_upgrade_writes_one_file_with_o(tmp_path: Path) -> None:
    source = _copy(EXAMPLES_1_0[2], tmp_path)
    before = source.read_bytes()
    out = tmp_path / "out.yaml"
    result = run(source, "-o", out)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert source.read_bytes() == before  # the original is left alone
    assert uguaglianza.load(out) == uguaglianza.load(source, upgrade=True)


def test_upgrade_writes_json_as_json(tmp_path: Path) -> None:
    source = tmp_path / "piano.json"
    source.write_text(json.dumps(read_data(EXAMPLES_1_0[3])), encoding="utf-8")
    result = run(source)
    assert result.returncode == 0, result.stderr
    written = json.loads(result.stdout)
    assert leaves(written) == leaves(read_data(source), as_1_0=True)


def test_several_files_go_into_a_folder(tmp_path: Path) -> None:
    sources = [_copy(path, tmp_path) for path in EXAMPLES_1_0]
    folder = tmp_path / "nuovi"
    folder.mkdir()
    result = run(*sources, "-o", folder)
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in folder.iterdir()) == sorted(p.name for p in sources)
    for source in sources:
        written = uguaglianza.load(folder / source.name)
        assert written == uguaglianza.load(source, upgrade=True)


def test_in_place_rewrites_every_file(tmp_path: Path) -> None:
    sources = [_copy(path, tmp_path) for path in EXAMPLES_1_0[:2]]
    result = run("--in-place", *sources)
    assert (result.returncode, result.stdout) == (0, ""), result.stderr
    for source, original in zip(sources, EXAMPLES_1_0[:2], strict=True):
        assert uguaglianza.load(source).schema_version == "2.0"
        assert leaves(read_data(source)) == leaves(read_data(original), as_1_0=True)
    again = run("--in-place", *sources)  # a 2.0 file is rewritten unchanged in meaning
    assert again.returncode == 0, again.stderr
    assert uguaglianza.load(sources[0]) == uguaglianza.load(EXAMPLES_1_0[0], upgrade=True)


def test_an_unknown_version_is_an_invalid_document(tmp_path: Path) -> None:
    source = tmp_path / "piano.yaml"
    text = EXAMPLES_1_0[2].read_text(encoding="utf-8")
    source.write_text(text.replace('schema_version: "1.0"', 'schema_version: "0.7"'), "utf-8")
    result = run(source)
    assert result.returncode == 1
    assert "unknown format version '0.7'" in result.stderr
    assert "1.0, 2.0" in result.stderr and str(source) in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_an_invalid_file_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    good = _copy(EXAMPLES_1_0[1], tmp_path)
    bad = tmp_path / "rotto.yaml"
    text = EXAMPLES_1_0[2].read_text(encoding="utf-8")
    bad.write_text(text.replace("lead: org-cm-milano", "lead: nessuno", 1), "utf-8")
    assert bad.read_text(encoding="utf-8") != text
    before = good.read_bytes()
    result = run("--in-place", good, bad)
    assert result.returncode == 1
    assert "nessuno" in result.stderr and str(bad) in result.stderr
    assert "Traceback" not in result.stderr
    assert good.read_bytes() == before  # every file is checked before any is written


def test_a_file_that_is_not_yaml_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "rotto.yaml"
    bad.write_text("document: [plan\n", encoding="utf-8")
    result = run(bad)
    assert result.returncode == 2
    assert str(bad) in result.stderr and "Traceback" not in result.stderr


def test_several_files_need_a_folder(tmp_path: Path) -> None:
    sources = [_copy(path, tmp_path) for path in EXAMPLES_1_0[:2]]
    not_a_folder = tmp_path / "out.yaml"
    result = run(*sources, "-o", not_a_folder)
    assert result.returncode == 2
    assert "not a folder" in result.stderr and str(not_a_folder) in result.stderr
    assert not not_a_folder.exists()
    without = run(*sources)
    assert without.returncode == 2 and "-o FOLDER or --in-place" in without.stderr


def test_in_place_and_o_together_are_refused(tmp_path: Path) -> None:
    source = _copy(EXAMPLES_1_0[0], tmp_path)
    result = run("--in-place", source, "-o", tmp_path / "out.yaml")
    assert result.returncode == 2 and "either --in-place or -o" in result.stderr


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run(tmp_path / "manca.yaml")
    assert result.returncode == 2
    assert "manca.yaml" in result.stderr and "Traceback" not in result.stderr
