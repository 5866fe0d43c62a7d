"""One analysis in a forked process while the others run in this one.

Analyses are pure Python over one large graph, so threads would take turns; a forked
child shares the graph already built (copy-on-write) and sends back only its small
result. Forking is done only where it is safe: where the platform forks (not Windows,
where ``fork`` is not a start method), and while this is the interpreter's only thread,
since a fork copies no other thread and could inherit a lock one of them held.
"""

from __future__ import annotations

import multiprocessing
import pickle
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

from uguaglianza._gc import alone

__all__ = ["Forked", "can_fork"]

_T = TypeVar("_T")


def can_fork() -> bool:
    """Whether an analysis may run in a forked process now."""
    return "fork" in multiprocessing.get_all_start_methods() and alone()


def _run(work: Callable[[], Any], send: Connection) -> None:
    started = time.perf_counter()
    try:
        value = work()
    except BaseException as error:  # every failure goes back to the parent
        try:
            pickle.dumps(error)
        except Exception:  # an error that cannot travel goes as text
            error = RuntimeError(f"the forked analysis failed: {type(error).__name__}: {error}")
        send.send(("error", error, 0.0))
    else:
        send.send(("ok", value, time.perf_counter() - started))
    finally:
        send.close()


class Forked(Generic[_T]):
    """*work* running in a forked process; :meth:`result` waits for what it returns."""

    def __init__(self, work: Callable[[], _T]) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(work, send), daemon=True)
        self._process.start()
        send.close()  # the child holds its own end: the parent sees it close if it dies

    def result(self) -> tuple[_T, float]:
        """What *work* returned and the seconds it took.

        Raises:
            Exception: what *work* raised (a ``RuntimeError`` naming it when it cannot
                be sent back).
            RuntimeError: the process ended without an answer (its exit code is given).
        """
        try:
            status, value, seconds = self._receive.recv()
        except EOFError:
            self._process.join()
            raise RuntimeError(
                f"the forked analysis ended without a result (exit code {self._process.exitcode})"
            ) from None
        finally:
            self._receive.close()
        self._process.join()
        if status == "error":
            raise value
        found: _T = value
        return found, seconds

    def close(self) -> None:
        """Stop the process if it still runs (its result is no longer wanted)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receive.close()
