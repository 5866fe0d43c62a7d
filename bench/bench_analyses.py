"""Benchmark: does every analysis grow linearly from 10 % to 200 % of national size?

For each size, a seeded landscape from ``bench/generate.py`` is validated and graphed in
this one process; every analysis is then timed, and so is a linear floor measured in
the same run: one walk over every edge of the graph with its attributes. The ratio of
each analysis to the floor stays flat when the analysis grows linearly with the graph,
and grows with the size when it does not; the growth exponent between the smallest and
largest size (``log(t2 / t1) / log(e2 / e1)``, 1.0 for linear) says the same::

    python bench/bench_analyses.py                        # 10 %, 50 %, 100 %, 200 %
    python bench/bench_analyses.py --sizes 1%,10% --backend networkx
    python bench/bench_analyses.py --sizes 200% --cli     # also time `uguaglianza analyse`
    python bench/bench_analyses.py --only communities,coverage

Betweenness is timed with a fixed sample of sources (``--sample``), the linear part of
``hubs``; its automatic sample is sized to a fixed budget of work instead. ``--cli``
writes the largest landscape to a temporary file and times the command line's default
``analyse`` on it (text output) from start to end, in a subprocess, loading included: in
one process (``--jobs 1``) and with hubs in a second one (``--jobs 2``, the default on
two CPUs).
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import uguaglianza
from generate import SIZES, landscape
from uguaglianza.graph import (
    analyse,
    case_paths,
    communities,
    coordination_graph,
    coverage,
    failure_points,
    funding_links,
    hubs,
    isolated,
    what_if,
)
from uguaglianza.graph.analysis._common import shared_networks


def _size(text: str) -> float:
    return SIZES.get(text) or float(text.rstrip("%")) / (100 if text.endswith("%") else 1)


def _timed(work: Callable[[], Any]) -> float:
    gc.collect()
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _floor(graph: Any) -> float:
    """One walk over every edge and its attributes: the least any analysis does."""

    def walk() -> None:
        for _, _, data in graph.edges(data=True):
            data.get("kind")

    return min(_timed(walk) for _ in range(3))


def measure(
    scale: float, backend: str, sample: int, only: tuple[str, ...] = ()
) -> tuple[int, dict[str, float], dict[str, float]]:
    """The graph's edge count, and each analysis's floor and seconds at *scale*."""
    doc = uguaglianza.from_data(landscape(scale, 0))
    graph = coordination_graph(doc)
    del doc
    steps: dict[str, Callable[[], Any]] = {
        "coordination network (both)": lambda: shared_networks(graph),
        "coverage": lambda: coverage(graph),
        "hubs (fixed sample)": lambda: hubs(graph, sample=sample, backend=backend),  # type: ignore[arg-type]
        "single points of failure": lambda: failure_points(graph),
        "isolated stakeholders": lambda: isolated(graph),
        "case paths": lambda: case_paths(graph),
        "funding links": lambda: funding_links(graph),
        "communities": lambda: communities(graph, backend=backend),  # type: ignore[arg-type]
        "analyse, default sections (fixed sample)": lambda: analyse(
            graph,
            sample=sample,
            backend=backend,  # type: ignore[arg-type]
        ),
        "what-if (fixed sample)": lambda: what_if(
            graph,
            remove_nodes=["org-prov-001"],
            sample=sample,
            backend=backend,  # type: ignore[arg-type]
        ),
    }
    floors: dict[str, float] = {}
    seconds: dict[str, float] = {}
    for name, work in steps.items():
        if only and not name.startswith(only):
            continue
        floors[name] = _floor(graph)
        seconds[name] = _timed(work)
    return graph.number_of_edges(), floors, seconds


def _cli(scale: float) -> None:
    """Time ``uguaglianza analyse FILE`` (default sections) from start to end."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "landscape.json"
        path.write_text(json.dumps(landscape(scale, 0)), encoding="utf-8")
        command = [sys.executable, "-m", "uguaglianza.cli", "analyse", str(path)]
        for jobs in ("1", "2"):
            started = time.perf_counter()
            subprocess.run([*command, "--jobs", jobs], capture_output=True, check=True)
            wall = time.perf_counter() - started
            print(f"\nuguaglianza analyse --jobs {jobs} at {scale:.0%}: {wall:.1f} s in all")


def main(argv: list[str] | None = None) -> int:
    """Measure every size and print the seconds, the ratios to the floor and the growth."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10%,50%,100%,200%")
    parser.add_argument("--backend", choices=("auto", "networkx", "igraph"), default="auto")
    parser.add_argument("--sample", type=int, default=10, help="betweenness sources (10)")
    parser.add_argument("--cli", action="store_true", help="time the command line too")
    parser.add_argument(
        "--only", default="", help="comma-separated steps to time, by their first words"
    )
    args = parser.parse_args(argv)
    sizes = [_size(text) for text in args.sizes.split(",")]
    rows: list[tuple[float, int, dict[str, float], dict[str, float]]] = []
    only = tuple(part.strip() for part in args.only.split(",") if part.strip())
    measure(0.01, args.backend, args.sample, only)  # imports and first calls, not timed
    for scale in sizes:
        print(f"Size {scale:.0%}...", flush=True)
        edges, floors, seconds = measure(scale, args.backend, args.sample, only)
        rows.append((scale, edges, floors, seconds))
        print(f"  {edges} edges", flush=True)
        for name, value in seconds.items():
            ratio = value / floors[name]
            print(f"  {name:<44} {value:8.2f} s  {ratio:7.1f} × floor", flush=True)
    if len(rows) > 1:
        (_, e1, f1, first), (_, e2, f2, last) = rows[0], rows[-1]
        print(f"\nFrom {rows[0][0]:.0%} to {rows[-1][0]:.0%}: growth exponent (1.0 is linear)")
        for name in first:
            growth = math.log(last[name] / first[name]) / math.log(e2 / e1)
            floor = math.log(f2[name] / f1[name]) / math.log(e2 / e1)
            drift = (last[name] / f2[name]) / (first[name] / f1[name])
            print(f"  {name:<44} {growth:6.2f} (floor {floor:.2f}); ratio to floor × {drift:.2f}")
    if args.cli:
        _cli(sizes[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
