"""The progress bar of ``uguaglianza validate``, through the real entry point.

The delay, the redraw interval and the thresholds are module constants, set here so that
every update draws at once: nothing depends on how fast the machine is.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import threading

import pytest

from tests.test_cli_validate import _doc
from uguaglianza.cli import _progress, _validate, main
from uguaglianza.cli._progress import render


class _Terminal(io.StringIO):
    """Standard error as a terminal would be: it says it is one."""

    def isatty(self) -> bool:
        return True


def _screen(text: str) -> list[str]:
    """What a terminal shows after *text*: a carriage return goes back to the line's start."""
    lines: list[list[str]] = [[]]
    column = 0
    for char in text:
        if char == "\n":
            lines.append([])
            column = 0
        elif char == "\r":
            column = 0
        else:
            line = lines[-1]
            if column < len(line):
                line[column] = char
            else:
                line.append(char)
            column += 1
    return ["".join(line).rstrip() for line in lines]


def _drawn(err: str) -> list[str]:
    """The bar's lines in *err*: what lies between two carriage returns, but blanks."""
    return [piece for piece in err.split("\r")[1:-1] if piece.strip()]


@pytest.fixture
def paths(tmp_path, monkeypatch):
    """Three small documents, one with an error, in an empty directory with no configuration."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "C")
    names = []
    for index, number in enumerate(["1/2021", "1/2022", "2/2022"]):
        name = f"plan-{index}.json"
        (tmp_path / name).write_text(json.dumps(_doc(number)), encoding="utf-8")
        names.append(name)
    return names


@pytest.fixture
def eager(monkeypatch):
    """A bar drawn from the first update, at every update, for three files or more."""
    monkeypatch.setattr(_progress, "SHOW_AFTER", 0.0)
    monkeypatch.setattr(_progress, "REDRAW_EVERY", 0.0)
    monkeypatch.setattr(_progress, "MANY_FILES", 3)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def terminal(capsys, monkeypatch, eager):
    """Runs ``validate`` with standard error on a terminal (standard output stays captured).

    Returns the exit code, standard output and what reached the terminal.
    """

    def run(*argv: str, lang: str = "en") -> tuple[int, str, str]:
        stream = _Terminal()
        with monkeypatch.context() as patch:
            patch.setattr(sys, "stderr", stream)
            code = main(["validate", "--no-config", "--lang", lang, *argv])
        return code, capsys.readouterr().out, stream.getvalue()

    return run


def _profiles(names, lang: str = "en") -> list[str]:
    """The lines stating the profile each document's plan was checked under."""
    if lang == "it":
        return [
            f"{name}: plan: piano 'p' (sectoral_objectives) controllato con il profilo basic"
            for name in names
        ]
    return [
        f"{name}: plan: plan 'p' (sectoral_objectives) checked under profile basic"
        for name in names
    ]


def _no_bar_thread() -> bool:
    return not any(thread.name == "uguaglianza-progress" for thread in threading.enumerate())


def test_bar_for_many_files_is_drawn_then_wiped(terminal, paths):
    code, out, err = terminal(*paths)
    assert code == 1 and "UG210" in out
    drawn = _drawn(err)
    assert any(re.match(r". 0/3 files \[\.{24}\] ", line) for line in drawn)
    assert any(re.search(r"2/3 files .* checking rules +plan-2\.json$", line) for line in drawn)
    assert any(re.search(r" reading +plan-1\.json$", line) for line in drawn)
    assert all(len(line) < 80 for line in drawn)
    assert "\x1b" not in err
    assert _screen(err) == [
        *_profiles(paths),
        "3 file(s) checked: 1 error, 0 warnings, 0 infos",
        "",
    ]
    assert _no_bar_thread()


def test_standard_output_is_the_same_with_and_without_the_bar(capsys, paths, eager, monkeypatch):
    for fmt in ("text", "json", "sarif"):
        plain = main(["validate", "--no-config", "--format", fmt, *paths]), capsys.readouterr()
        stream = _Terminal()
        with monkeypatch.context() as patch:
            patch.setattr(sys, "stderr", stream)
            code = main(["validate", "--no-config", "--format", fmt, *paths])
        barred = code, capsys.readouterr()
        assert barred[0] == plain[0] and barred[1].out == plain[1].out
        assert ("\r" in stream.getvalue()) is (fmt == "text")


@pytest.mark.parametrize(
    ("options", "summary"),
    [
        (["--format", "json"], False),
        (["--format", "sarif"], False),
        (["--quiet"], False),
        (["-q"], False),
        (["--quiet", "--format", "json"], False),
        ([], True),
    ],
)
def test_no_bar_for_machine_formats_or_quiet(terminal, paths, monkeypatch, options, summary):
    if summary:
        monkeypatch.setenv("TERM", "dumb")
    code, out, err = terminal(*options, *paths)
    assert code == 1 and out
    stated = "".join(f"{line}\n" for line in _profiles(paths))
    assert err == (stated + "3 file(s) checked: 1 error, 0 warnings, 0 infos\n" if summary else "")
    assert _no_bar_thread()


def test_no_bar_when_standard_error_is_not_a_terminal(capsys, paths, eager):
    code = main(["validate", "--no-config", "--lang", "en", *paths])
    assert code == 1
    stated = "".join(f"{line}\n" for line in _profiles(paths))
    assert capsys.readouterr().err == stated + "3 file(s) checked: 1 error, 0 warnings, 0 infos\n"


def test_quiet_keeps_the_findings_and_the_exit_code(capsys, paths):
    loud = main(["validate", "--no-config", *paths]), capsys.readouterr()
    quiet = main(["validate", "--no-config", "--quiet", *paths]), capsys.readouterr()
    assert quiet[0] == loud[0] == 1
    assert quiet[1].out == loud[1].out and "UG210" in quiet[1].out
    assert loud[1].err and quiet[1].err == ""


def test_quiet_leaves_errors_on_standard_error(capsys, paths):
    assert main(["validate", "--quiet", "--select", "UG999", *paths]) == 2
    assert "UG999" in capsys.readouterr().err


def test_no_colour_changes_nothing_the_bar_has_none(terminal, paths, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    _, _, err = terminal(*paths)
    assert "\r" in err and "\x1b" not in err


def test_few_small_files_get_no_bar(terminal, paths):
    _, _, err = terminal(*paths[:2])
    stated = "".join(f"{line}\n" for line in _profiles(paths[:2]))
    assert err == stated + "2 file(s) checked: 1 error, 0 warnings, 0 infos\n"


def test_no_bar_before_the_delay(terminal, paths, monkeypatch):
    monkeypatch.setattr(_progress, "SHOW_AFTER", 3600.0)
    _, _, err = terminal(*paths)
    assert "\r" not in err
    assert _no_bar_thread()


@pytest.mark.parametrize(
    ("lang", "reading", "rules", "summary"),
    [
        ("en", "reading", "checking rules", "1 file(s) checked: 0 errors, 0 warnings, 0 infos"),
        (
            "it",
            "lettura",
            "controllo regole",
            "1 file controllati: 0 errori, 0 avvisi, 0 informazioni",
        ),
    ],
)
def test_a_large_document_shows_its_steps(
    terminal, paths, monkeypatch, lang, reading, rules, summary
):
    monkeypatch.setattr(_progress, "LARGE_BYTES", 100)
    code, _, err = terminal(paths[1], lang=lang)
    drawn = _drawn(err)
    assert code == 0
    assert any(re.search(f" {reading} +plan-1\\.json$", line) for line in drawn)
    assert any(re.search(f" {rules} +plan-1\\.json$", line) for line in drawn)
    assert not any("/1" in line or "[" in line for line in drawn)
    assert _screen(err) == [*_profiles(paths[1:2], lang), summary, ""]


def test_a_small_document_alone_gets_no_bar(terminal, paths):
    _, _, err = terminal(paths[0])
    assert "\r" not in err


def test_the_bar_fits_a_narrow_terminal(terminal, tmp_path, monkeypatch, paths):
    monkeypatch.setenv("COLUMNS", "40")
    folder = tmp_path / "regioni" / "emilia-romagna" / "comuni-della-citta-metropolitana"
    folder.mkdir(parents=True)
    long_names = []
    for index in range(3):
        path = folder / f"piano-per-la-parita-{index}.json"
        path.write_text(json.dumps(_doc()), encoding="utf-8")
        long_names.append(str(path))
    _, _, err = terminal(*long_names)
    drawn = _drawn(err)
    assert drawn and all(len(line) <= 39 for line in drawn)
    assert any(line.endswith("-2.json") and "..." in line for line in drawn)
    assert _screen(err) == [
        *_profiles(long_names),
        "3 file(s) checked: 0 errors, 0 warnings, 0 infos",
        "",
    ]


def test_an_interruption_wipes_the_bar(terminal, paths, monkeypatch):
    checked = []
    check_file = _validate.check_file

    def interrupted(path, *args):
        if checked:
            raise KeyboardInterrupt
        checked.append(path)
        return check_file(path, *args)

    monkeypatch.setattr(_validate, "check_file", interrupted)
    code, out, err = terminal(*paths)
    assert code == 130 and out == ""
    assert "\r" in err and _screen(err) == [""]
    assert _no_bar_thread()


def test_a_closed_terminal_stops_the_bar_quietly(paths, eager):
    class Gone(_Terminal):
        def write(self, text: str) -> int:
            raise OSError("the terminal went away")

    bar = _progress.progress_for(paths, show=True, lang="en", stream=Gone())
    assert isinstance(bar, _progress.TerminalProgress)
    with bar:
        assert list(bar.track(paths)) == paths
        bar.stage("reading")
    assert _no_bar_thread()


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals here")
def test_a_real_pseudo_terminal(capsys, paths, eager, monkeypatch):
    monkeypatch.delenv("COLUMNS")
    leader, follower = os.openpty()
    try:
        with open(follower, "w", encoding="utf-8", closefd=False) as stream:
            monkeypatch.setattr(sys, "stderr", stream)
            code = main(["validate", "--no-config", "--lang", "en", *paths])
            stream.flush()
        os.set_blocking(leader, False)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except BlockingIOError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(leader)
        os.close(follower)
    err = b"".join(chunks).decode("utf-8")
    assert code == 1 and capsys.readouterr().out
    assert "0/3 files" in err
    assert [line for line in _screen(err) if line] == [
        *_profiles(paths),
        "3 file(s) checked: 1 error, 0 warnings, 0 infos",
    ]


def test_help_explains_the_bar_and_quiet(capsys):
    assert main(["validate", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "-q, --quiet" in text and "no progress bar, no summary line" in text
    assert "never appears in pipes, with --format json or sarif" in text


@pytest.mark.parametrize(
    ("kwargs", "line"),
    [
        (
            {"done": 3, "total": 12, "name": "a/plan.yaml", "stage": "reading", "elapsed": 8.0},
            "| 3/12 files [######..................] 0:08 reading a/plan.yaml",
        ),
        (
            {"done": 0, "total": 1, "name": "big.json", "stage": "checking rules", "elapsed": 3725},
            "- 1:02:05 checking rules big.json",
        ),
        (
            {"done": 12, "total": 12, "name": "", "stage": "", "elapsed": 0.15},
            "/ 12/12 files [########################] 0:00",
        ),
    ],
)
def test_render(kwargs, line):
    assert render(width=80, **kwargs) == line


@pytest.mark.parametrize(
    ("width", "line"),
    [
        (
            100,
            "| 1/4 files [######..................] 0:00 reading "
            "regioni/lombardia/milano/piano.yaml",
        ),
        (80, "| 1/4 files [####............] 0:00 reading regioni/lombardia/milano/piano.yaml"),
        (60, "| 1/4 files [##........] 0:00 reading .../milano/piano.yaml"),
        (45, "| 1/4 files 0:00 reading ...ilano/piano.yaml"),
        (35, "| 1/4 files 0:00 reading ...o.yaml"),
        (30, "| 1/4 files 0:00 reading"),
        (12, "| 1/4 files"),
        (1, "|"),
    ],
)
def test_render_narrows_the_bar_then_the_name_then_the_rest(width, line):
    name = "regioni/lombardia/milano/piano.yaml"
    assert render(width=width, name=name, done=1, total=4, stage="reading", elapsed=0.0) == line
