"""How the library treats Python's cyclic garbage collector around large structures.

Documents and graphs are millions of small containers and hold no reference cycles, so
collections run while they are built can free nothing; they are built with the
collector paused. Built that way, all of them wait in the youngest generation, which the
next automatic collection would scan at once (about a second at national size), and the
one after again: :func:`settle` moves them on to the oldest generation, where only full
collections look, as at any long-lived object.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["MANY_YOUNG", "paused_gc", "settle"]

#: Young objects from which moving them on beats letting a collection scan them.
MANY_YOUNG = 100_000


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a large acyclic structure."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def settle(*, freeze: bool = False) -> None:
    """Move what was just built out of the young generations, or *freeze* everything.

    ``gc.freeze()`` moves every tracked object to the permanent generation in constant
    time, ``gc.unfreeze()`` from there to the oldest. The program's own young objects
    move too, so a cycle among them waits for the next full collection rather than the
    next young one: this is done only when at least :data:`MANY_YOUNG` young objects
    wait, and never if the program froze objects itself, which unfreezing would release.
    With *freeze*, everything alive stays in the permanent generation, out of the
    collector's reach (see ``uguaglianza.load``).
    """
    if freeze:
        gc.freeze()
    elif gc.get_count()[0] >= MANY_YOUNG and gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
