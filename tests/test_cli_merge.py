"""``uguaglianza merge``: documents from several sources written as one landscape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import uguaglianza
from uguaglianza.cli import main
from uguaglianza.model import Landscape

EXAMPLES = Path(__file__).parents[1] / "examples"
PIANO = str(EXAMPLES / "bologna-piano-uguaglianza.yaml")
ACCORDO = str(EXAMPLES / "bologna-accordo-antiviolenza.yaml")


def _write(path: str, data: dict[str, Any]) -> str:
    Path(path).write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, minimal: Any) -> tuple[str, str]:
    """Two documents that give the organisation different acronyms, in dated sources."""
    monkeypatch.chdir(tmp_path)
    first, second = minimal(), minimal()
    second["id"] = "doc-2"
    second["plan"] = {"id": "plan-2", "kind": "equality_plan", "name": "Altro", "owner": "org-cm"}
    for data, source, date, acronym in (
        (first, "lettera", "2022-07-13", "CM BO"),
        (second, "delibera", "2024-03-01", "CMBO"),
    ):
        data["sources"] = [{"id": source, "name": source, "date": date}]
        data["organisations"][0]["source"] = {"document": source}
        data["organisations"][0]["acronym"] = acronym
    return _write("first.json", first), _write("second.json", second)


def test_merge_writes_the_landscape_and_says_what_it_renamed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bologna.yaml"
    assert main(["merge", PIANO, ACCORDO, "-o", str(out)]) == 0
    landscape = uguaglianza.load(out)
    assert isinstance(landscape, Landscape)
    assert landscape.id == "bologna"
    assert "cm-bo" not in landscape.index
    err = capsys.readouterr().err
    assert "territory 'cm-bo' is now 'cm-bologna' (same istat '237'" in err
    assert "names it 'Distretto Pianura Est', kept as an alias" in err


def test_conflicts_are_listed_and_nothing_is_written(
    pair: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["merge", *pair, "-o", "out.json"]) == 1
    err = capsys.readouterr().err
    assert "organisations[0].acronym" in err
    assert "'CM BO' in doc-test (source lettera) and 'CMBO' in doc-2 (source delibera)" in err
    assert "1 conflict(s); nothing written to out.json" in err
    assert not Path("out.json").exists()


@pytest.mark.parametrize(
    ("prefer", "acronym"), [("newest", "CMBO"), ("lettera", "CM BO"), ("doc-2", "CMBO")]
)
def test_prefer_settles_conflicts_and_reports_them(
    pair: tuple[str, str], capsys: pytest.CaptureFixture[str], prefer: str, acronym: str
) -> None:
    assert main(["merge", *pair, "-o", "out.json", "--prefer", prefer, "--id", "tutto"]) == 0
    landscape = uguaglianza.load("out.json")
    assert landscape.id == "tutto"
    assert landscape.organisations[0].acronym == acronym
    assert "kept the value of" in capsys.readouterr().err


def test_unreadable_input_and_bad_options_exit_2(
    pair: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["merge", pair[0], "missing.json", "-o", "out.json"]) == 2
    assert "missing.json" in capsys.readouterr().err
    assert main(["merge", *pair, "-o", "out.txt"]) == 2
    assert "out.txt" in capsys.readouterr().err
    assert main(["merge", *pair, "-o", "out.json", "--id", "no spaces"]) == 2
    assert "--id 'no spaces' is not an id" in capsys.readouterr().err
    assert main(["merge", pair[0], "-o", "nowhere/out.json"]) == 2
    assert not Path("out.json").exists()


def test_an_invalid_input_exits_1(
    pair: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    Path("invalid.json").write_text('{"document": "plan"}', "utf-8")
    assert main(["merge", pair[0], "invalid.json", "-o", "out.json"]) == 1
    assert "invalid.json" in capsys.readouterr().err
