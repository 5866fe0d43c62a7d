"""The median time of a few runs of one step, and the options of a generated landscape.

Shared by the benchmarks that compare steps.

``bench/run.py`` has its own, richer timing (paused collector, traced memory, slow steps
run once); the smaller benchmarks only need the median of a few runs.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable
from typing import Any


def median_time(
    runs: int,
    work: Callable[[], Any],
    *,
    clock: Callable[[], float] = time.perf_counter,
    collect: bool = True,
) -> tuple[float, Any]:
    """The median of *runs* timings of *work* by *clock*, and what the last run returned.

    With *collect*, garbage is collected before each run, so that no run pays for the
    garbage of the one before.
    """
    times = []
    result: Any = None
    for _ in range(runs):
        result = None  # the previous result is not kept alive during the run
        if collect:
            gc.collect()
        start = clock()
        result = work()
        times.append(clock() - start)
    return statistics.median(times), result


def median_seconds(
    runs: int,
    work: Callable[[], Any],
    *,
    clock: Callable[[], float] = time.perf_counter,
    collect: bool = True,
) -> float:
    """:func:`median_time` alone, for a step whose result is not wanted."""
    return median_time(runs, work, clock=clock, collect=collect)[0]


def landscape_options(parser: argparse.ArgumentParser, *, scale: float, runs: int) -> None:
    """Add ``--scale``, ``--runs`` and ``--seed``: the landscape generated and the runs per step."""
    parser.add_argument(
        "--scale", type=float, default=scale, help=f"share of national size ({scale:g})"
    )
    parser.add_argument("--runs", type=int, default=runs, help=f"runs per step ({runs})")
    parser.add_argument("--seed", type=int, default=0, help="seed of the landscape (0)")
