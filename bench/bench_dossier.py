"""Benchmark of the dossier of the largest plan of a landscape, against ``validate``.

Generates a seeded landscape (national size by default), loads it, picks the plan with the
most actions, then times, in this one process: ``uguaglianza.validate`` of the whole
landscape (the baseline: the dossier runs it for its findings), the dossier in HTML as a
user calls it (validation included), the HTML alone from findings already computed, and
the Markdown. The target is the whole HTML dossier in under ten seconds::

    python bench/bench_dossier.py                # national size
    python bench/bench_dossier.py --scale 0.1    # a tenth of it
"""

from __future__ import annotations

import argparse
import datetime

import uguaglianza
from generate import landscape
from timing import landscape_options, median_seconds
from uguaglianza.dossier import dossier

TARGET_SECONDS = 10.0
AS_OF = datetime.date(2026, 12, 1)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; exit 1 when the dossier misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    landscape_options(parser, scale=1.0, runs=3)
    args = parser.parse_args(argv)
    doc = uguaglianza.from_data(landscape(args.scale, args.seed))
    plans = doc.plans_list()
    largest = max(plans, key=lambda plan: (len(plan.actions), plan.id))
    print(
        f"landscape at scale {args.scale}: {len(doc.index):,} entities, {len(plans)} plans; "
        f"the largest, {largest.id}, has {len(largest.actions)} actions"
    )
    report = uguaglianza.validate(doc, as_of=AS_OF)
    html = dossier(doc, plan=largest.id, as_of=AS_OF, report=report)
    print(f"its dossier: {len(html.encode()):,} bytes of HTML")
    baseline = median_seconds(args.runs, lambda: uguaglianza.validate(doc, as_of=AS_OF))
    rows = [
        ("validate (baseline)", baseline),
        (
            "dossier HTML",
            median_seconds(args.runs, lambda: dossier(doc, plan=largest.id, as_of=AS_OF)),
        ),
        (
            "  of which rendering",
            median_seconds(
                args.runs, lambda: dossier(doc, plan=largest.id, as_of=AS_OF, report=report)
            ),
        ),
        (
            "dossier Markdown",
            median_seconds(
                args.runs,
                lambda: dossier(doc, to="md", plan=largest.id, as_of=AS_OF, report=report),
            ),
        ),
    ]
    for name, seconds in rows:
        print(f"{name:<24} {seconds:8.2f} s  {seconds / baseline:6.2f}x")
    whole = rows[1][1]
    verdict = "meets" if whole < TARGET_SECONDS else "misses"
    print(f"the HTML dossier takes {whole:.2f} s: {verdict} the {TARGET_SECONDS:.0f} s target")
    return 0 if whole < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
