"""Benchmark: what ``import uguaglianza`` costs, against importing its dependencies.

Each figure is the median over ``--runs`` fresh interpreters, run in turn so that a busy
machine slows all of them alike. Inside each interpreter only the import is timed
(``time.perf_counter`` around it), so the interpreter's own start-up is left out; the
dependencies are imported together the same way. The command line on a small document
(``uguaglianza validate``) is timed as a whole process, next to a bare interpreter.
Byte code is written once before timing, as an installed package would have it::

    python bench/bench_import.py
    python bench/bench_import.py --runs 21
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET = 2.0
ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "examples" / "provincia-immigrazione-inclusione.yaml"

_TIMED = "import time; t = time.perf_counter(); {}; print(time.perf_counter() - t)"
IMPORTS = {
    "import uguaglianza": "import uguaglianza",
    "import pydantic, attrs, yaml, dateutil": "import pydantic, attrs, yaml, dateutil",
    "import uguaglianza; uguaglianza.PlanDocument": "import uguaglianza; uguaglianza.PlanDocument",
}
PROCESSES = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "uguaglianza validate (small file)": [
        sys.executable,
        "-m",
        "uguaglianza.cli",
        "validate",
        "--no-config",
        "-q",
        str(SMALL),
    ],
}


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its byte code
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def _import_seconds(statement: str, env: dict[str, str]) -> float:
    code = _TIMED.format(statement)
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def _process_seconds(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, capture_output=True, check=False, cwd=ROOT)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Time every import and command; exit 1 if the package costs over twice its deps."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="fresh interpreters per figure")
    args = parser.parse_args(argv)
    env = _environment()
    for statement in IMPORTS.values():  # write the byte code once
        _import_seconds(statement, env)
    times: dict[str, list[float]] = {name: [] for name in (*IMPORTS, *PROCESSES)}
    for _ in range(args.runs):
        for name, statement in IMPORTS.items():
            times[name].append(_import_seconds(statement, env))
        for name, command in PROCESSES.items():
            times[name].append(_process_seconds(command, env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"Python {sys.version.split()[0]}, median of {args.runs} fresh interpreters")
    print()
    print("| what | median s | min s | max s |")
    print("|---|---:|---:|---:|")
    for name, values in times.items():
        print(f"| `{name}` | {medians[name]:.3f} | {min(values):.3f} | {max(values):.3f} |")
    ratio = medians["import uguaglianza"] / medians["import pydantic, attrs, yaml, dateutil"]
    verdict = "met" if ratio <= TARGET else "MISSED"
    print()
    print(f"import uguaglianza / its dependencies: {ratio:.2f} (target <= {TARGET}) — {verdict}")
    modules = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, uguaglianza; print(sorted({m.split('.')[0] for m in sys.modules "
            "if m.split('.')[0] in ('networkx', 'matplotlib', 'igraph')}))",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(f"graph libraries imported by `import uguaglianza`: {modules}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
