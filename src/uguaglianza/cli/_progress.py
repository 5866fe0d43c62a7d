"""The progress bar ``uguaglianza validate`` draws on standard error while it checks files.

The bar appears only on a terminal (never on a pipe or a file, nor with ``TERM=dumb``),
only for runs worth it (:data:`MANY_FILES` files or more, or a file of :data:`LARGE_BYTES`
or more), and only once the run has lasted :data:`SHOW_AFTER` seconds, so that quick runs
never flash it. It is plain text redrawn after a carriage return, without colour or
escape sequences (``NO_COLOR`` holds by construction), at most once every
:data:`REDRAW_EVERY` seconds, cut to the terminal's width and wiped before the command
prints anything else. A background thread keeps it moving while one long step runs.

The command picks the implementation once: :class:`Progress` shows nothing,
:class:`TerminalProgress` draws the bar; both take the same calls.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Literal, Self, TextIO, TypeAlias, get_args

from uguaglianza.rules import Lang

__all__ = [
    "LARGE_BYTES",
    "MANY_FILES",
    "REDRAW_EVERY",
    "SHOW_AFTER",
    "Progress",
    "Stage",
    "TerminalProgress",
    "progress_for",
    "render",
]

#: A run of at least this many files gets a bar.
MANY_FILES = 5
#: A run with a file of at least this many bytes gets a bar.
LARGE_BYTES = 1024 * 1024
#: Seconds a run lasts before its bar appears.
SHOW_AFTER = 1.0
#: Fewest seconds between two redraws.
REDRAW_EVERY = 0.1

#: The steps of checking one file: reading (parsing and the structure), then the rules
#: (and placing their findings in the file).
Stage: TypeAlias = Literal["reading", "rules"]

_LABELS: dict[Lang, dict[str, str]] = {
    "en": {"reading": "reading", "rules": "checking rules", "files": "files"},
    "it": {"reading": "lettura", "rules": "controllo regole", "files": "file"},
}
_SPINNER = "|/-\\"
_BAR_WIDTH = 24
_MIN_BAR = 10
_MIN_NAME = 8
_NAME_BESIDE_BAR = 16
_TICK = 0.1
_JOIN_TIMEOUT = 1.0


class Progress:
    """What a run tells about its advance; this one shows nothing."""

    def track(self, paths: Sequence[str]) -> Iterator[str]:
        """Each of *paths* in turn; the one handed out is the file being checked."""
        yield from paths

    def stage(self, stage: Stage) -> None:
        """The file being checked has reached *stage*."""

    def close(self) -> None:
        """Wipe whatever was drawn; nothing more is drawn afterwards."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class TerminalProgress(Progress):
    """A one-line bar on *stream*, a terminal: files done, elapsed time, step, file name.

    Entering it as a context manager starts the thread that redraws it while a long step
    runs; leaving it, even through an exception or an interruption, wipes the line.
    """

    def __init__(
        self, stream: TextIO, lang: Lang, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._stream = stream
        self._labels = _LABELS[lang]
        self._stage_width = max(len(self._labels[stage]) for stage in get_args(Stage))
        self._clock = clock
        self._started = clock()
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._done = 0
        self._total = 0
        self._name = ""
        self._stage: Stage | None = None
        self._shown = ""
        self._drawn_at: float | None = None

    def __enter__(self) -> Self:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._keep_drawing, name="uguaglianza-progress", daemon=True
            )
            self._thread.start()
        return self

    def track(self, paths: Sequence[str]) -> Iterator[str]:
        encoding = getattr(self._stream, "encoding", None)
        with self._lock:
            self._total = len(paths)
        for done, path in enumerate(paths):
            with self._lock:
                self._done, self._name, self._stage = done, _printable(path, encoding), None
                self._refresh()
            yield path
        with self._lock:
            self._done, self._stage = len(paths), None

    def stage(self, stage: Stage) -> None:
        with self._lock:
            self._stage = stage
            self._refresh()

    def close(self) -> None:
        self._stopped.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(_JOIN_TIMEOUT)
        locked = self._lock.acquire(timeout=_JOIN_TIMEOUT)
        try:
            if self._shown and not self._closed:
                self._write("\r" + " " * len(self._shown) + "\r")
            self._closed = True
            self._shown = ""
        finally:
            if locked:
                self._lock.release()

    def _keep_drawing(self) -> None:
        while not self._stopped.wait(_TICK):
            with self._lock:
                self._refresh()

    def _refresh(self) -> None:
        """Redraw if the bar is due and has changed (the lock is held)."""
        if self._closed:
            return
        now = self._clock()
        elapsed = now - self._started
        if elapsed < SHOW_AFTER:
            return
        if self._drawn_at is not None and now - self._drawn_at < REDRAW_EVERY:
            return
        line = render(
            done=self._done,
            total=self._total,
            name=self._name,
            stage=(self._labels[self._stage] if self._stage else "").ljust(self._stage_width),
            elapsed=elapsed,
            width=_columns(self._stream),
            files=self._labels["files"],
        )
        if line == self._shown:
            return
        self._write("\r" + line.ljust(len(self._shown)))
        self._shown = line
        self._drawn_at = now

    def _write(self, text: str) -> None:
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):  # the terminal went away: stop drawing
            self._closed = True


def progress_for(
    paths: Sequence[str], *, show: bool, lang: Lang, stream: TextIO | None = None
) -> Progress:
    """A bar on *stream* (standard error by default) if *show* allows it and it is worth it.

    It is worth it when *stream* is a terminal other than a dumb one and the run checks
    :data:`MANY_FILES` files or more, or a file of :data:`LARGE_BYTES` or more; else the
    :class:`Progress` that shows nothing.
    """
    out = sys.stderr if stream is None else stream
    if show and _is_terminal(out) and _worth_it(paths):
        return TerminalProgress(out, lang)
    return Progress()


def render(
    *,
    done: int,
    total: int,
    name: str,
    stage: str,
    elapsed: float,
    width: int,
    files: str = "files",
) -> str:
    """The bar's line, shorter than *width* columns; *stage* names the step, padded or not.

    ``| 3/40 files [#####...] 0:07 reading dir/plan.yaml`` for several files, and
    ``| 0:07 reading plan.yaml`` for one. As the width shrinks, the bar narrows to make
    room for the whole file name, then the name loses its start, then the bar goes, then
    the name, then the end of the line.
    """
    usable = max(width - 1, 1)  # the last column would make some terminals wrap
    spinner = _SPINNER[int(elapsed / _TICK) % len(_SPINNER)]
    count = f"{done}/{total} {files} " if total > 1 else ""
    tail = f"{_duration(elapsed)} " + (f"{stage} " if stage else "")
    room = usable - len(spinner) - 1 - len(count) - len(tail)
    if room < _NAME_BESIDE_BAR and stage != stage.rstrip():  # no room to keep columns still
        return render(
            done=done,
            total=total,
            name=name,
            stage=stage.rstrip(),
            elapsed=elapsed,
            width=width,
            files=files,
        )
    bar = ""
    if total > 1:
        size = min(_BAR_WIDTH, room - len(name) - 3)
        if size < _MIN_BAR:
            size = _MIN_BAR if room - _MIN_BAR - 3 >= _NAME_BESIDE_BAR else 0
        if size:
            filled = size * min(done, total) // total
            bar = "[" + "#" * filled + "." * (size - filled) + "] "
            room -= len(bar)
    shown = _shorten(name, room) if room >= min(len(name), _MIN_NAME) else ""
    line = f"{spinner} {count}{bar}{tail}{shown}"
    return line[:usable].rstrip()


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def _shorten(name: str, room: int) -> str:
    """*name* in *room* columns, keeping its end (the file's own name)."""
    if len(name) <= room:
        return name
    return "..." + name[len(name) - room + 3 :]


def _printable(text: str, encoding: str | None) -> str:
    """*text* with what the terminal cannot show (controls, unencodable) as ``?``."""
    shown = "".join(char if char.isprintable() else "?" for char in text)
    if encoding:
        with contextlib.suppress(LookupError):
            shown = shown.encode(encoding, "replace").decode(encoding)
    return shown


def _columns(stream: TextIO) -> int:
    """The width of the terminal *stream* writes to; ``COLUMNS`` wins, as usual."""
    setting = os.environ.get("COLUMNS", "")
    if setting.isdigit() and int(setting) > 0:
        return int(setting)
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        columns = 0
    return columns or shutil.get_terminal_size().columns


def _is_terminal(stream: TextIO | None) -> bool:
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, OSError, ValueError):
        return False


def _worth_it(paths: Sequence[str]) -> bool:
    return len(paths) >= MANY_FILES or any(_size(path) >= LARGE_BYTES for path in paths)


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except (OSError, ValueError):
        return 0
