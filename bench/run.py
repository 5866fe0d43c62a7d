"""Benchmark: load, validate, graph, analyse, dump and reload a landscape at 1 %, 10 % and 100 %.

For each size, in this one process, a seeded landscape from ``bench/generate.py`` is
written to a temporary file; every step is then timed (median of ``--runs``) and its
memory measured in one more run, and a table compares each step with the JSON parse
floor and with pydantic's own ``model_validate_json``, measured in the same run::

    python bench/run.py                          # all three sizes, 3 runs each
    python bench/run.py --sizes 1%,10% --runs 5

Timing: each step is called as a user calls it, the garbage collector enabled (``load``
and the graph functions pause it themselves). The floor parses with the collector
paused, the fastest it can go, which is the stricter reference. A step slower than
five seconds is timed once and not traced, so that 100 % runs in minutes.

Memory: ``tracemalloc``, in a run of its own because tracing slows Python down. It counts
every Python object exactly, wherever it was allocated, so "kept" (what the result holds
once the step is over) compares like with like; "peak" misses the scratch buffers that
native code (orjson, pydantic-core's JSON parser and writer) allocates outside Python.
Process RSS was not used: it keeps memory freed by earlier steps, so per-step deltas
under-count and depend on the order of the steps.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import networkx as nx

import uguaglianza
from uguaglianza._gc import paused_gc
from uguaglianza.graph import coordination_network
from uguaglianza.graph.analysis import (
    case_paths,
    communities,
    coverage,
    failure_points,
    funding_links,
    hubs,
    isolated,
)
from uguaglianza.model import Landscape
from uguaglianza.rules import check

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import SIZES, landscape_json

try:
    import orjson
except ImportError:  # pragma: no cover - orjson is optional
    orjson = None

MB = 1e6


@dataclass
class Row:
    """One measured step: its run times in seconds, memory in bytes."""

    name: str
    times: list[float]
    peak: float | None = None
    kept: float | None = None
    note: str = ""

    @property
    def seconds(self) -> float:
        """The median run time."""
        return statistics.median(self.times)


@dataclass
class Size:
    """Everything measured at one size."""

    label: str
    scale: float
    megabytes: float
    counts: dict[str, int] = field(default_factory=dict)
    rows: dict[str, Row] = field(default_factory=dict)

    def add(self, row: Row) -> Row:
        self.rows[row.name] = row
        print(
            f"  {row.name:<40} {row.seconds:9.3f} s"
            + (f"  peak {row.peak / MB:8.1f} MB" if row.peak is not None else "")
            + (f"  kept {row.kept / MB:8.1f} MB" if row.kept is not None else ""),
            flush=True,
        )
        return row

    def seconds(self, name: str) -> float:
        return self.rows[name].seconds


#: A step taking longer than this (seconds) is run once, and traced only if a target
#: needs its memory.
SLOW = 5.0


def timed(runs: int, work: Callable[[], Any], *, paused: bool = False) -> tuple[list[float], Any]:
    """Run *work* *runs* times (once if it is slow); the times and the last result."""
    times: list[float] = []
    result: Any = None
    for _ in range(runs):
        result = None  # the previous result must not stay alive during the run
        with paused_gc() if paused else _nothing():
            started = time.perf_counter()
            result = work()
            times.append(time.perf_counter() - started)
        if times[0] >= SLOW:
            break
    return times, result


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def traced(work: Callable[[], Any], *, paused: bool = False) -> tuple[float, float]:
    """Peak bytes allocated while *work* runs, and bytes its result keeps once it is done."""
    # What is alive already is frozen, so that the collection below, which frees the
    # garbage of *work* before its result is measured, does not scan it all again.
    gc.freeze()
    try:
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        with paused_gc() if paused else _nothing():
            result = work()
        peak = tracemalloc.get_traced_memory()[1] - base
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - base
        tracemalloc.stop()
        del result
    finally:
        gc.unfreeze()
    return peak, kept


class Bench:
    """Runs every step at one size."""

    def __init__(self, size: Size, runs: int, memory: bool, yaml_runs: int) -> None:
        self.size = size
        self.runs = runs
        self.memory = memory
        self.yaml_runs = yaml_runs

    def step(
        self,
        name: str,
        work: Callable[[], Any],
        *,
        paused: bool = False,
        runs: int | None = None,
        memory: bool | None = None,
        note: str = "",
    ) -> Any:
        """Time *work*, trace its memory, record the row; return its last result.

        *memory*: True to always trace, False never, None (the default) unless it is slow.
        """
        times, result = timed(runs or self.runs, work, paused=paused)
        peak = kept = None
        if self.memory and (memory or (memory is None and max(times) < SLOW)):
            peak, kept = traced(work, paused=paused)
        self.size.add(Row(name, times, peak, kept, note))
        return result

    def run(self, seed: int, directory: Path, backend: str) -> None:
        """Generate the landscape, then measure every step on it."""
        size = self.size
        data = landscape_json(size.scale, seed)
        size.megabytes = len(data) / MB
        path = directory / f"landscape-{size.label.rstrip('%')}.json"
        path.write_bytes(data)
        print(f"\n{size.label}: {size.megabytes:.1f} MB of JSON ({path.name})", flush=True)
        self.parsing(data)
        doc = self.step("load", lambda: uguaglianza.load(path), memory=True)
        size.counts = {
            "territories": len(doc.territories),
            "organisations": len(doc.organisations),
            "bodies": len(doc.bodies),
            "actions": sum(len(plan.actions) for plan in doc.plans),
            "relations": len(doc.relations),
            "entities": len(doc.index),
        }
        report = self.step("validate (all rules)", lambda: uguaglianza.validate(doc))
        size.counts["findings"] = len(report.findings)
        report = None
        self.step(
            "rules.check (findings not located)",
            lambda: check(doc),
            note="validate less placing findings in the file",
        )
        self.graph(doc, backend)
        self.writing(doc, directory)
        self.collector(path)

    def parsing(self, data: bytes) -> None:
        """The parse floor and pydantic's own validation of the same bytes."""
        text = data.decode("utf-8")
        self.step("parse floor: json.loads", lambda: json.loads(text), paused=True)
        if orjson is not None:
            self.step("parse floor: orjson.loads", lambda: orjson.loads(data), paused=True)
        self.step(
            "pydantic model_validate_json",
            lambda: Landscape.model_validate_json(data),
            memory=False,
            note="the root model, collector running",
        )
        self.step(
            "pydantic model_validate_json (paused)",
            lambda: Landscape.model_validate_json(data),
            paused=True,
            memory=True,
            note="the baseline",
        )

    def graph(self, doc: Any, backend: str) -> None:
        """The coordination graph against a bare graph of the same edges, then analyses."""
        graph = self.step(
            "coordination_graph", lambda: uguaglianza.coordination_graph(doc), memory=True
        )
        edges = list(graph.edges(keys=True, data=True))
        self.size.counts["nodes"] = graph.number_of_nodes()
        self.size.counts["edges"] = len(edges)

        def bare() -> nx.MultiDiGraph[str]:
            plain: nx.MultiDiGraph[str] = nx.MultiDiGraph()
            plain.add_edges_from(edges)
            return plain

        self.step("bare add_edges_from (same edges)", bare, paused=True, memory=True)
        edges.clear()
        self.analyses(graph, backend)

    def writing(self, doc: Any, directory: Path) -> None:
        """JSON and YAML files, against pydantic's own JSON writer."""
        self.step("pydantic model_dump_json", doc.model_dump_json)
        self.step("dumps JSON", lambda: uguaglianza.dumps(doc), note="the text")
        self.step(
            "dump JSON",
            lambda: uguaglianza.dump(doc, directory / "out.json"),
            note="the file, written atomically (fsync)",
        )
        if self.yaml_runs:
            self.step(
                "dump YAML",
                lambda: uguaglianza.dump(doc, directory / "out.yaml"),
                runs=self.yaml_runs,
                note="the file, written atomically (fsync)",
            )
            self.step(
                "load YAML",
                lambda: uguaglianza.load(directory / "out.yaml"),
                runs=self.yaml_runs,
                note="libyaml's events, then the exact reader",
            )

    def analyses(self, graph: nx.MultiDiGraph[str], backend: str) -> None:
        """Each section of ``uguaglianza analyse``, sharing one network as it does."""
        network = self.step("analysis: coordination network", lambda: coordination_network(graph))
        sections: dict[str, Callable[[], Any]] = {
            "coverage": lambda: coverage(graph),
            "hubs": lambda: hubs(graph, backend=backend, network=network),  # type: ignore[arg-type]
            "failures": lambda: failure_points(graph, network=network),
            "isolated": lambda: isolated(graph, network=network),
            "paths": lambda: case_paths(graph, network=network),
            "funding": lambda: funding_links(graph),
            "communities": lambda: communities(graph, network=network),
        }
        for name, work in sections.items():
            result = self.step(f"analysis: {name}", work)
            if name == "hubs":
                self.size.rows[
                    f"analysis: {name}"
                ].note = f"betweenness {result.backend}, sample {result.sample}"
            if name == "failures":
                self.size.counts["bridges"] = len(result.bridges)
            if name == "coverage":
                self.size.counts["unreached"] = len(result.unreached)

    def collector(self, path: Path) -> None:
        """What a full collection costs with the document loaded, and after freezing."""
        self.step("gc.collect(), document loaded", gc.collect, memory=False)
        frozen = self.step(
            "load(freeze=True)", lambda: uguaglianza.load(path, freeze=True), runs=1, memory=False
        )
        self.step("gc.collect(), after load(freeze=True)", gc.collect, memory=False)
        self.step(
            "rules.check, document frozen",
            lambda: check(frozen),
            runs=1,
            memory=False,
            note="no full collection scans the document",
        )
        gc.unfreeze()  # the document goes with this frame


def ratio(value: float, reference: float) -> str:
    return f"{value / reference:6.2f}" if reference else "     -"


def megabytes(value: float | None) -> str:
    return f"{value / MB:9.1f}" if value is not None else "        -"


def floor_of(size: Size) -> float:
    return min(row.seconds for name, row in size.rows.items() if name.startswith("parse floor"))


def table(size: Size) -> list[str]:
    """The rows of one size, with ratios to the floor and to the baseline."""
    floor = floor_of(size)
    baseline = size.seconds("pydantic model_validate_json (paused)")
    counts = ", ".join(f"{value:,} {key}" for key, value in size.counts.items())
    lines = [
        f"### {size.label} ({size.megabytes:.1f} MB of JSON)",
        "",
        counts,
        "",
        "| step | median s | × floor | × baseline | peak MB | kept MB | note |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in size.rows.values():
        lines.append(
            f"| {row.name} | {row.seconds:.3f} | {ratio(row.seconds, floor).strip()} "
            f"| {ratio(row.seconds, baseline).strip()} | {megabytes(row.peak).strip()} "
            f"| {megabytes(row.kept).strip()} | {row.note} |"
        )
    return lines


def scaling(sizes: list[Size]) -> list[str]:
    """Seconds per size and the factor from 10 % to 100 %."""
    labels = [size.label for size in sizes]
    lines = [
        "| step | " + " | ".join(f"{label} s" for label in labels) + " | 10 % → 100 % |",
        "|---|" + "---:|" * (len(labels) + 1),
    ]
    by_label = {size.label: size for size in sizes}
    for name in sizes[-1].rows:
        cells = [
            f"{by_label[label].seconds(name):.3f}" if name in by_label[label].rows else "-"
            for label in labels
        ]
        factor = "-"
        if "10%" in by_label and "100%" in by_label and name in by_label["10%"].rows:
            factor = f"{by_label['100%'].seconds(name) / by_label['10%'].seconds(name):.1f}"
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {factor} |")
    return lines


#: What a step keeps in memory, at most *bound* times what a reference step keeps.
MEMORY_TARGETS = (
    (
        "load keeps ≤ 1.25 × model_validate_json",
        "load",
        "pydantic model_validate_json (paused)",
        1.25,
    ),
    (
        "graph keeps ≤ 1.5 × bare graph",
        "coordination_graph",
        "bare add_edges_from (same edges)",
        1.5,
    ),
)


def targets(size: Size, sizes: list[Size]) -> list[str]:
    """Each performance target, measured at *size*."""
    rows = size.rows
    floor = floor_of(size)
    load = size.seconds("load")
    analyses = {name: row.seconds for name, row in rows.items() if name.startswith("analysis:")}
    slowest = max(analyses, key=analyses.__getitem__)

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    lines = [
        f"load ≤ 3 × parse floor: {load / floor:.2f} × — {verdict(load <= 3 * floor)}",
        f"(for scale) load / pydantic model_validate_json, paused: "
        f"{load / size.seconds('pydantic model_validate_json (paused)'):.2f} ×",
    ]
    by_label = {s.label: s for s in sizes}
    for name in ("validate (all rules)", "rules.check (findings not located)"):
        seconds = size.seconds(name)
        lines.append(f"{name} ≤ load: {seconds / load:.2f} × — {verdict(seconds <= load)}")
        if "10%" in by_label and "100%" in by_label:
            factor = by_label["100%"].seconds(name) / by_label["10%"].seconds(name)
            lines.append(
                f"{name} linear (10 % → 100 % ≤ 12): {factor:.1f} — {verdict(factor <= 12)}"
            )
    graph = size.seconds("coordination_graph")
    bare = size.seconds("bare add_edges_from (same edges)")
    lines += [
        f"coordination_graph ≤ 2 × bare add_edges_from: {graph / bare:.2f} × — "
        f"{verdict(graph <= 2 * bare)}",
        f"every analysis < 60 s: slowest {slowest} {analyses[slowest]:.1f} s — "
        f"{verdict(analyses[slowest] < 60)}",
    ]
    for label, step, reference, bound in MEMORY_TARGETS:
        kept, reference_kept = rows[step].kept, rows[reference].kept
        if kept is not None and reference_kept:
            ratio = kept / reference_kept
            lines.append(f"{label}: {ratio:.2f} × — {verdict(ratio <= bound)}")
    model_dump = size.seconds("pydantic model_dump_json")
    for name in ("dumps JSON", "dump JSON"):
        seconds = size.seconds(name)
        lines.append(
            f"{name} ≤ 2 × model_dump_json: {seconds / model_dump:.2f} × — "
            f"{verdict(seconds <= 2 * model_dump)}"
        )
    lines.append(
        f"full collection with the document loaded: "
        f"{size.seconds('gc.collect(), document loaded'):.3f} s; after load(freeze=True): "
        f"{size.seconds('gc.collect(), after load(freeze=True)'):.3f} s"
    )
    return lines


def machine() -> list[str]:
    """The machine and the versions the figures were measured with."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    if hasattr(os, "sysconf") and "SC_PHYS_PAGES" in os.sysconf_names:
        memory = f", {os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.0f} GiB"
    versions = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in ("pydantic", "pydantic-core", "networkx", "orjson", "igraph", "PyYAML")
        if _installed(name)
    )
    return [
        f"{platform.platform()}; {cpu}, {os.cpu_count()} CPUs{memory}",
        f"Python {platform.python_version()} ({platform.python_implementation()}); {versions}",
    ]


def _installed(name: str) -> bool:
    try:
        metadata.version(name)
    except metadata.PackageNotFoundError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    """Measure every size asked for and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="1%,10%,100%", help="comma-separated, from 1%%,10%%,100%%"
    )
    parser.add_argument("--runs", type=int, default=3, help="timed runs per step (median)")
    parser.add_argument(
        "--yaml-runs", type=int, help="timed runs of the YAML dump (default: --runs; 0: skip it)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--backend", choices=("auto", "networkx", "igraph"), default="auto")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    args = parser.parse_args(argv)
    labels = [label.strip() for label in args.sizes.split(",") if label.strip()]
    unknown = [label for label in labels if label not in SIZES]
    if unknown:
        parser.error(f"unknown sizes {unknown}; choose among {', '.join(SIZES)}")

    started = time.perf_counter()
    print("\n".join(machine()))
    sizes = [Size(label, SIZES[label], 0.0) for label in labels]
    with tempfile.TemporaryDirectory(prefix="uguaglianza-bench-") as directory:
        for size in sizes:
            Bench(
                size,
                args.runs,
                not args.no_memory,
                args.runs if args.yaml_runs is None else args.yaml_runs,
            ).run(args.seed, Path(directory), args.backend)
    print(f"\n## Results ({dt.date.today()}, seed {args.seed}, median of {args.runs} runs)\n")
    print("\n".join(machine()) + "\n")
    for size in sizes:
        print("\n".join(table(size)) + "\n")
    print("### Scaling\n")
    print("\n".join(scaling(sizes)) + "\n")
    print(f"### Targets at {sizes[-1].label}\n")
    print("\n".join(f"- {line}" for line in targets(sizes[-1], sizes)))
    print(f"\nTotal {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
