"""Benchmark: merging two landscapes over shared territories, against loading them both.

Two seeded landscapes from ``bench/generate.py`` share their territories (the first
seed's, every region, province, district and comune); everything else of the second
seed (organisations, bodies, plans, sources...) gets ids of its own, as two documents
from different sources about the same country would. The local authorities of the same
territories are then one organisation under two names: the first document's name is
kept (``prefer``), the other becomes an alias. Both are written to temporary files; in
this one process the benchmark times loading both (the baseline) and merging the two
loaded landscapes, median of ``--runs``. The target: merging within twice the baseline::

    python bench/bench_merge.py                    # 10 %, 3 runs
    python bench/bench_merge.py --size 100% --runs 1
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import uguaglianza

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import SIZES, landscape
from timing import median_time

TARGET = 2.0


def _ids(value: Any, found: set[str]) -> None:
    """Every ``id`` anywhere in *value*."""
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            found.add(value["id"])
        for inner in value.values():
            _ids(inner, found)
    elif isinstance(value, list):
        for inner in value:
            _ids(inner, found)


def _renamed(value: Any, ids: set[str], prefix: str) -> Any:
    """*value* with every string that is one of *ids* prefixed: the ids and references."""
    if isinstance(value, str):
        return prefix + value if value in ids else value
    if isinstance(value, list):
        return [_renamed(inner, ids, prefix) for inner in value]
    if isinstance(value, dict):
        return {key: _renamed(inner, ids, prefix) for key, inner in value.items()}
    return value


def pair(scale: float, seeds: tuple[int, int] = (0, 1)) -> tuple[dict[str, Any], dict[str, Any]]:
    """Two landscapes of *seeds* over the first one's territories, as plain data."""
    first, second = landscape(scale, seeds[0]), landscape(scale, seeds[1])
    territories = set()
    _ids(first["territories"], territories)
    own: set[str] = set()
    _ids({k: v for k, v in second.items() if k not in ("territories", "id")}, own)
    second = _renamed(second, own - territories, f"s{seeds[1]}-")
    second["territories"] = first["territories"]
    return first, second


def _median(step: Callable[[], Any], runs: int) -> float:
    return median_time(runs, step, collect=False)[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=tuple(SIZES), default="10%")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    first, second = pair(SIZES[args.size])
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / "first.json", Path(folder) / "second.json"]
        for path, data in zip(paths, (first, second), strict=True):
            path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        del first, second
        docs = [uguaglianza.load(path) for path in paths]
        load = _median(lambda: [uguaglianza.load(path) for path in paths], args.runs)
        prefer = docs[0].id
        merge = _median(lambda: uguaglianza.merge(docs, id="it", prefer=prefer), args.runs)
    merged = uguaglianza.merge(docs, id="italia", prefer=prefer)
    ratio = merge / load
    print(f"size {args.size}: {len(merged.territories)} territories shared, ", end="")
    print(f"{len(merged.organisations)} organisations, {len(merged.plans)} plans merged")
    print(f"load both   {load:8.2f} s")
    print(f"merge       {merge:8.2f} s   {ratio:.2f}x loading both (target {TARGET}x)")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
