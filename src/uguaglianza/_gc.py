"""How the library treats Python's cyclic garbage collector around large structures.

Documents and graphs are millions of small containers and hold no reference cycles, so
collections run while they are built can free nothing. The collector is one switch for
the whole process, though: turning it off in one thread stops it in all of them, and
turning it back on undoes whatever another thread meant. So :func:`paused_gc` pauses it
only when nobody else can notice:

- only while the interpreter runs a single thread: in a program with other threads
  (a service, a worker pool), loading leaves the collector alone and simply runs slower;
- only if the collector was enabled: one the program disabled stays disabled;
- nested or overlapping sections count: the collector comes back when the last one ends,
  and only if a section of this module turned it off.

Built while paused, a large structure waits in the youngest generation, which the next
automatic collection would scan at once (about a second at national size), and the one
after again: :func:`settle` moves it on to the oldest generation, where only full
collections look, as at any long-lived object.
"""

from __future__ import annotations

import _thread
import contextlib
import gc
import threading
from collections.abc import Callable, Iterator

__all__ = ["MANY_YOUNG", "alone", "paused_gc", "settle"]

#: Young objects from which moving them on beats letting a collection scan them.
MANY_YOUNG = 100_000

# Threads started with _thread directly are not in threading's registry; CPython counts them.
_started: Callable[[], int] = getattr(_thread, "_count", lambda: 0)
_lock = threading.Lock()
_open = 0  # paused sections not yet ended, in every thread
_ours = False  # whether the first of them turned the collector off


def alone() -> bool:
    """Whether this is the only thread running Python code in the interpreter."""
    return threading.active_count() == 1 and _started() == 0


@contextlib.contextmanager
def paused_gc() -> Iterator[bool]:
    """Pause the cyclic collector while building a large acyclic structure, if harmless.

    Yields whether the collector is off because of this module: it is turned off only
    when this is the program's only thread and the collector is on, and turned on again
    only when the last open section ends, if it is still off then.
    """
    global _open, _ours
    with _lock:
        if _open == 0:
            _ours = gc.isenabled() and alone()
            if _ours:
                gc.disable()
        _open += 1
        paused = _ours
    try:
        yield paused
    finally:
        with _lock:
            _open -= 1
            if _open == 0 and _ours:
                _ours = False
                if not gc.isenabled():
                    gc.enable()


def settle(*, freeze: bool = False) -> None:
    """Move what was just built out of the young generations, or *freeze* everything.

    ``gc.freeze()`` moves every tracked object to the permanent generation in constant
    time, ``gc.unfreeze()`` from there to the oldest. The program's own young objects
    move too, so a cycle among them waits for the next full collection rather than the
    next young one: this is done only when at least :data:`MANY_YOUNG` young objects
    wait (which happens only while the collector is off), and never if the program
    froze objects itself, which unfreezing would release.
    With *freeze*, everything alive stays in the permanent generation, out of the
    collector's reach (see ``uguaglianza.load``).
    """
    if freeze:
        gc.freeze()
    elif gc.get_count()[0] >= MANY_YOUNG and gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
