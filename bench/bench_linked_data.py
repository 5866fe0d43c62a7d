"""Benchmark of the linked-data export against ``dumps`` JSON of the same landscape.

Generates a seeded landscape (national size by default), loads it, then times, in this one
process, ``uguaglianza.dumps(doc)`` (the baseline), the JSON-LD export and, unless
``--no-turtle``, the Turtle export through rdflib, and prints each as a multiple of the
baseline; the target is JSON-LD within ten times ``dumps`` JSON. Times are the CPU time of
this process (all three run in one thread), so that other programs on a shared machine
do not count::

    python bench/bench_linked_data.py                # national size
    python bench/bench_linked_data.py --scale 0.1    # a tenth of it
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import uguaglianza
from generate import landscape
from timing import landscape_options, median_seconds
from uguaglianza.io.linked_data import json_ld_bytes

BASE = "https://dati.example.it/pari/"
TARGET = 10.0


def cpu_seconds(runs: int, work: Callable[[], Any]) -> float:
    """The median processor time of *runs* calls of *work*, in seconds."""
    return median_seconds(runs, work, clock=time.process_time)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; exit 1 when JSON-LD misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    landscape_options(parser, scale=1.0, runs=3)
    parser.add_argument("--no-turtle", action="store_true", help="skip the Turtle export")
    args = parser.parse_args(argv)
    doc = uguaglianza.from_data(landscape(args.scale, args.seed))
    print(f"landscape at scale {args.scale}: {len(doc.index):,} entities")
    baseline = cpu_seconds(args.runs, lambda: uguaglianza.dumps(doc))
    rows = [("dumps JSON (baseline)", baseline)]
    rows.append(("JSON-LD", cpu_seconds(args.runs, lambda: json_ld_bytes(doc, base_iri=BASE))))
    if not args.no_turtle:
        from uguaglianza.io.rdf import turtle_bytes

        rows.append(("Turtle (rdflib)", cpu_seconds(1, lambda: turtle_bytes(doc, base_iri=BASE))))
    for name, seconds in rows:
        print(f"{name:<24} {seconds:8.2f} s CPU  {seconds / baseline:6.1f}x")
    ratio = rows[1][1] / baseline
    verdict = "meets" if ratio <= TARGET else "misses"
    print(f"JSON-LD is {ratio:.1f}x dumps JSON: {verdict} the {TARGET:.0f}x target")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
