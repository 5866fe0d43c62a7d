"""Writes killed half-way: their temporary files go at the next write, others' stay."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import uguaglianza
from uguaglianza.io import _write
from uguaglianza.io._write import atomic_write, remove_stale_temporaries

EXAMPLE = Path(__file__).parents[2] / "examples" / "bologna-piano-uguaglianza.yaml"

# A writer that stops for good once its temporary file is full, just before the rename.
_WRITER = textwrap.dedent(
    """
    import os, sys, time
    import uguaglianza
    from uguaglianza.io import _write

    def stall(fd):
        print("written", flush=True)
        time.sleep(120)

    _write.os.fsync = stall
    uguaglianza.dump(uguaglianza.load(sys.argv[1]), sys.argv[2])
    """
)


def temporaries(directory: Path) -> list[Path]:
    return sorted(path for path in directory.iterdir() if path.name.endswith(".tmp"))


@pytest.fixture
def live_pid() -> Iterator[int]:
    """The pid of a process of this machine that runs for the whole test."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    yield process.pid
    process.kill()
    process.wait()


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_write_killed_mid_way_leaves_a_file_the_next_write_removes(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    with subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(EXAMPLE), str(target)],
        stdout=subprocess.PIPE,
        text=True,
    ) as writer:
        assert writer.stdout is not None
        line = writer.stdout.readline()
        writer.send_signal(signal.SIGKILL)
    assert line == "written\n"
    assert writer.returncode == -signal.SIGKILL
    [stale] = temporaries(tmp_path)
    assert stale.stat().st_size > 10_000  # the whole document
    assert f"-{writer.pid}." in stale.name
    assert not target.exists()

    doc = uguaglianza.load(EXAMPLE)
    uguaglianza.dump(doc, target)
    assert temporaries(tmp_path) == []
    assert uguaglianza.load(target) == doc


def test_a_running_writers_file_is_never_removed(tmp_path: Path, live_pid: int) -> None:
    target = tmp_path / "plan.json"
    name = f".plan.json.{_write._HOST}-{live_pid}.0123456789ab.tmp"
    (tmp_path / name).write_bytes(b"half")
    atomic_write(target, b"{}")
    assert [path.name for path in temporaries(tmp_path)] == [name]


def test_only_this_targets_files_of_this_machine_are_removed(tmp_path: Path) -> None:
    dead = _dead_pid()
    target = tmp_path / "plan.json"
    stale = f".plan.json.{_write._HOST}-{dead}.0123456789ab.tmp"
    kept = [
        f".plan.json.{'f' if _write._HOST[0] != 'f' else 'e'}{_write._HOST[1:]}-{dead}"
        ".0123456789ab.tmp",  # another machine's
        f".other.json.{_write._HOST}-{dead}.0123456789ab.tmp",  # another target's
        ".plan.json.0123456789ab.tmp",  # not named by this library
        f".plan.json.{_write._HOST}-{os.getpid()}.0123456789ab.tmp",  # this process's
    ]
    for name in (stale, *kept):
        (tmp_path / name).write_bytes(b"half")
    assert remove_stale_temporaries(target) == [tmp_path / stale]
    assert sorted(path.name for path in temporaries(tmp_path)) == sorted(kept)


def test_the_temporary_file_names_its_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    original = os.fsync

    def spy(fd: int) -> None:
        seen.extend(path.name for path in temporaries(tmp_path))
        original(fd)

    monkeypatch.setattr(_write.os, "fsync", spy)
    atomic_write(tmp_path / "plan.json", b"{}")
    [name] = seen
    assert _write._TEMPORARY.fullmatch(name, len(".plan.json"))
    assert name.startswith(f".plan.json.{_write._HOST}-{os.getpid()}.")
