"""Benchmark: ``frames(doc)`` and ``records(doc)`` against ``load`` of the same landscape.

A seeded landscape from ``bench/generate.py`` is written to a temporary file and, in
this one process, loaded and tabulated ``--runs`` times each; the table gives the median
of each step and its ratio to ``load``. The goal: ``frames`` within twice ``load``::

    python bench/bench_tables.py                 # national size (100 %), 3 runs
    python bench/bench_tables.py --size 10% --runs 5
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import uguaglianza

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import SIZES, landscape_json
from timing import median_time


def timed(step: Callable[[], Any], runs: int) -> tuple[float, Any]:
    """The median time of *runs* calls of *step*, and what the last call returned."""
    return median_time(runs, step, collect=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="100%")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "landscape.json"
        path.write_bytes(landscape_json(SIZES[args.size], args.seed))
        load, doc = timed(lambda: uguaglianza.load(path), args.runs)
        records, tables = timed(lambda: uguaglianza.records(doc), args.runs)
        frames, _ = timed(lambda: uguaglianza.frames(doc), args.runs)
    rows = sum(len(table) for table in tables.values())
    print(f"landscape {args.size}, seed {args.seed}: {len(doc.index):,} entities, {rows:,} rows")
    print(f"{'step':<10}{'median s':>10}{'x load':>8}")
    for name, seconds in (("load", load), ("records", records), ("frames", frames)):
        print(f"{name:<10}{seconds:>10.2f}{seconds / load:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
