"""``uguaglianza calendar``: the file, standard output, what is left out, and failures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

import uguaglianza
from uguaglianza.cli import main
from uguaglianza.io.ical import calendar_events, ical_bytes

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PLAN = EXAMPLES / "bologna-piano-uguaglianza.yaml"
TABLE = EXAMPLES / "bologna-tavolo-coordinamento.yaml"


def test_writes_the_calendar_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "piano.ics"
    assert main(["calendar", str(PLAN), "-o", str(out), "--lang", "en"]) == 0
    data = out.read_bytes()
    assert data == ical_bytes(calendar_events(uguaglianza.load(PLAN), lang="en"))
    summaries = {str(e["summary"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}
    assert "Piano per l'Uguaglianza: Announcement" in summaries
    assert capsys.readouterr().out == ""


def test_prints_to_standard_output_and_reports_what_is_left_out() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "uguaglianza.cli", "calendar", str(TABLE)],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout == ical_bytes(calendar_events(uguaglianza.load(TABLE)))
    assert result.stderr.decode() == (
        f"uguaglianza: {TABLE}: left out bodies[0].meetings[0] (meeting tavolo-avvio-9-marzo): "
        'it has no date with a year; the source writes "9 marzo"\n'
        f"uguaglianza: {TABLE}: no meeting, cadence or milestone with a date: "
        "the calendar has no events\n"
    )


def test_an_unreadable_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", str(tmp_path / "missing.yaml")]) == 2
    assert "missing.yaml" in capsys.readouterr().err


def test_an_unwritable_output_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", str(PLAN), "-o", str(tmp_path / "no" / "such" / "x.ics")]) == 2
    assert "directory does not exist" in capsys.readouterr().err


def test_without_the_extra_it_says_what_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "icalendar", None)
    out = tmp_path / "x.ics"
    assert main(["calendar", str(PLAN), "-o", str(out)]) == 2
    assert "pip install 'uguaglianza[calendar]'" in capsys.readouterr().err
    assert not out.exists()


def test_says_when_the_calendar_has_no_events(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = EXAMPLES / "milano-reaction.yaml"
    assert main(["calendar", str(path), "-o", str(tmp_path / "empty.ics")]) == 0
    assert capsys.readouterr().err == (
        f"uguaglianza: {path}: no meeting, cadence or milestone with a date: "
        "the calendar has no events\n"
    )
