"""Benchmark of the xlsx export and import against ``load`` of the same landscape.

Generates a seeded landscape (a tenth of national size by default) and writes it as JSON;
then times, in this one process, ``uguaglianza.load`` of that file (the baseline), the
export to an xlsx workbook (``workbook_bytes`` and writing the file) and the import of
that workbook (``read_workbook``), and prints each as a multiple of the baseline. The
target is each within ten times ``load``; the import is also checked to give back the
document unchanged::

    python bench/bench_workbook.py                 # 10 % of national size
    python bench/bench_workbook.py --scale 0.01 --runs 3
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import uguaglianza
from generate import landscape_json
from timing import landscape_options, median_seconds
from uguaglianza.io.workbook import read_workbook, workbook_bytes

TARGET = 10.0


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; exit 1 when a step misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    landscape_options(parser, scale=0.1, runs=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "landscape.json"
        source.write_bytes(landscape_json(args.scale, args.seed))
        book = Path(folder) / "landscape.xlsx"
        doc = uguaglianza.load(source)
        print(f"landscape at scale {args.scale}: {len(doc.index):,} entities")
        baseline = median_seconds(args.runs, lambda: uguaglianza.load(source))
        export = median_seconds(args.runs, lambda: book.write_bytes(workbook_bytes(doc)))
        size = book.stat().st_size
        imported = median_seconds(args.runs, lambda: read_workbook(book))
        same = read_workbook(book) == doc
    rows = [("load JSON (baseline)", baseline), ("xlsx export", export), ("xlsx import", imported)]
    for name, seconds in rows:
        print(f"{name:<24} {seconds:8.2f} s  {seconds / baseline:6.1f}x")
    print(f"workbook: {size / 1e6:.1f} MB; read back unchanged: {same}")
    worst = max(export, imported) / baseline
    verdict = "meets" if worst <= TARGET else "misses"
    print(f"the slower of the two is {worst:.1f}x load: {verdict} the {TARGET:.0f}x target")
    return 0 if worst <= TARGET and same else 1


if __name__ == "__main__":
    raise SystemExit(main())
