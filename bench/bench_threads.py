"""Benchmark: does loading in threads starve another thread's garbage collection?

One thread makes reference cycles (each holding a kilobyte) for as long as loader
threads keep loading the seeded landscape from ``bench/generate.py``. Each mode runs in
a fresh process, so that memory figures start from the same state:

- ``library``: ``uguaglianza.loads`` as shipped;
- ``unpaused``: the same, with the collector never paused by the library (the baseline);
- ``process-wide``: the collector paused whenever a load runs, whatever other threads do
  (how the library behaved before; shown for scale).

For each mode: the growth of the process's resident memory while the cycles are made
(peak minus start), the collections the cycle-making thread's garbage got, and the
median single-thread ``loads`` time. The target: the library's growth within 1.5 times
the baseline's::

    python bench/bench_threads.py                    # 10 %, two loaders, three loads each
    python bench/bench_threads.py --size 1% --loaders 4 --loads 5
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

MODES = ("library", "unpaused", "process-wide")
TARGET = 1.5
MB = 1e6
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _rss() -> int:
    return int(Path("/proc/self/statm").read_bytes().split()[1]) * _PAGE


def _set_mode(mode: str) -> None:
    from uguaglianza import _gc

    if mode == "unpaused":
        _gc._alone = lambda: False  # type: ignore[attr-defined]
    elif mode == "process-wide":
        _gc._alone = lambda: True  # type: ignore[attr-defined]


def child(mode: str, path: str, loaders: int, loads: int, runs: int) -> dict[str, float]:
    """Run one mode in this process; the figures as a dict."""
    import uguaglianza

    _set_mode(mode)
    text = Path(path).read_bytes()
    single = []
    for _ in range(runs):
        start = time.perf_counter()
        doc = uguaglianza.loads(text)
        single.append(time.perf_counter() - start)
        del doc
    gc.collect()

    collections = [0]

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            collections[0] += 1

    stop = threading.Event()
    start_rss = _rss()
    peak = [start_rss]
    made = [0]

    def make_cycles() -> None:
        while not stop.is_set():
            for _ in range(1000):
                node: list[object] = [bytearray(1024)]
                node.append(node)
            made[0] += 1000
            peak[0] = max(peak[0], _rss())

    def load() -> None:
        for _ in range(loads):
            doc = uguaglianza.loads(text)
            del doc

    gc.callbacks.append(count)
    cycler = threading.Thread(target=make_cycles)
    workers = [threading.Thread(target=load) for _ in range(loaders)]
    began = time.perf_counter()
    cycler.start()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    stop.set()
    cycler.join()
    elapsed = time.perf_counter() - began
    gc.callbacks.remove(count)
    return {
        "growth": (peak[0] - start_rss) / MB,
        "collections": collections[0],
        "cycles": made[0],
        "seconds": elapsed,
        "single": statistics.median(single),
        "enabled_after": float(gc.isenabled()),
    }


def main(argv: list[str] | None = None) -> int:
    """Run every mode in a fresh process and print the table; exit 1 if the target fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="10%")
    parser.add_argument("--loaders", type=int, default=2)
    parser.add_argument("--loads", type=int, default=3, help="loads per loader thread")
    parser.add_argument("--runs", type=int, default=3, help="single-thread loads (median)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        figures = child(args.child, args.path, args.loaders, args.loads, args.runs)
        print(json.dumps(figures))
        return 0

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from generate import SIZES, landscape_json

    scale = SIZES.get(args.size) or float(args.size.rstrip("%")) / 100
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "landscape.json"
        path.write_bytes(landscape_json(scale, args.seed))
        print(
            f"{args.size} landscape ({path.stat().st_size / MB:.1f} MB of JSON), "
            f"{args.loaders} loader threads x {args.loads} loads, one thread making cycles"
        )
        for mode in MODES:
            command = [sys.executable, __file__, "--child", mode, "--path", str(path)]
            command += ["--loaders", str(args.loaders), "--loads", str(args.loads)]
            command += ["--runs", str(args.runs)]
            out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            results[mode] = json.loads(out.splitlines()[-1])
    print()
    print("| mode | RSS growth MB | collections | cycles made | seconds | single-thread loads s |")
    print("|---|---:|---:|---:|---:|---:|")
    for mode, row in results.items():
        print(
            f"| {mode} | {row['growth']:.1f} | {row['collections']:.0f} | {row['cycles']:,.0f} "
            f"| {row['seconds']:.1f} | {row['single']:.3f} |"
        )
    base = max(results["unpaused"]["growth"], 1.0)  # below a megabyte, noise
    ratio = max(results["library"]["growth"], 1.0) / base
    verdict = "met" if ratio <= TARGET else "MISSED"
    print()
    print(f"library growth / unpaused growth: {ratio:.2f} (target <= {TARGET}) — {verdict}")
    print(
        "single-thread loads, library / unpaused: "
        f"{results['library']['single'] / results['unpaused']['single']:.2f}"
    )
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
