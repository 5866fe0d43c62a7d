"""``uguaglianza analyse``: coverage, hubs, single points of failure and more, as text or JSON."""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from typing import Any

from uguaglianza.cli._common import (
    EXIT_OK,
    CommandError,
    add_redact_options,
    apply_redaction,
    read_document,
    write_json,
)
from uguaglianza.cli._graph import iso_date

_SECTIONS = ("coverage", "hubs", "failures", "isolated", "paths", "funding", "communities")
_DEFAULT = "coverage,hubs,failures,isolated,paths,funding"


def _sections(text: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    if names == ("all",):
        return _SECTIONS
    unknown = [name for name in names if name not in _SECTIONS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown section(s) {', '.join(unknown) or '(none)'}; choose among "
            f"{', '.join(_SECTIONS)} or all"
        )
    return names


def _sample(text: str) -> int | str | None:
    if text in ("auto", "exact"):
        return None if text == "exact" else text
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 2:
        raise argparse.ArgumentTypeError("write auto, exact or a number of sources (at least 2)")
    return value


def register(commands: Any) -> None:
    """Add the ``analyse`` command to *commands*."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "analyse",
        help="analyse the coordination graph: coverage, hubs, single points of failure...",
        description="Analyse the coordination graph of FILE. Sections: " + ", ".join(_SECTIONS),
    )
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--as-of", type=iso_date, metavar="DATE", help="the graph as of DATE")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--sections",
        type=_sections,
        default=_sections(_DEFAULT),
        metavar="LIST",
        help=f"comma-separated sections, or all (default: {_DEFAULT})",
    )
    parser.add_argument("--top", type=int, default=10, metavar="N", help="rows per list (10)")
    parser.add_argument(
        "--sample",
        type=_sample,
        default="auto",
        metavar="K",
        help="betweenness sources: auto (exact when affordable), exact, or a number",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of samples (0)")
    parser.add_argument(
        "--backend",
        choices=("auto", "networkx", "igraph"),
        default="auto",
        help="betweenness backend (igraph: the 'fast' extra)",
    )
    add_redact_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build the graph of FILE, run the sections and print them."""
    from uguaglianza.errors import MissingExtraError
    from uguaglianza.graph import analyse, coordination_graph

    doc = apply_redaction(read_document(args.file), args)
    graph = coordination_graph(doc, as_of=args.as_of)
    try:
        result = analyse(
            graph,
            sections=args.sections,
            top=args.top,
            sample=args.sample,
            seed=args.seed,
            backend=args.backend,
        )
    except MissingExtraError as error:
        raise CommandError(str(error)) from None
    if args.format == "json":
        write_json(result.to_dict())
    else:
        print("\n".join(render(result, args.top)))
    return EXIT_OK


def _listed(items: Sequence[Any], top: int, indent: str = "  ") -> Iterable[str]:
    for item in items[:top]:
        yield f"{indent}{item}"
    if len(items) > top:
        yield f"{indent}… and {len(items) - top} more"


def render(result: Any, top: int) -> list[str]:
    """The analysis as lines of text, each list cut to *top* rows."""
    info = result.graph
    head = f"{info['document']}: {info['nodes']} nodes, {info['edges']} edges, {info['ties']} ties"
    lines = [head + (f", as of {info['as_of']}" if info.get("as_of") else "")]
    results = result.results
    if "coverage" in results:
        cov = results["coverage"]
        lines += [
            "",
            f"Coverage of {len(cov)} territories ({', '.join(cov.territory_kinds)})",
            f"  reached by no coordination body: {len(cov.unreached)}",
            *_listed([str(ref) for ref in cov.unreached], top, "    "),
            f"  reached by no service: {len(cov.unserved)}",
            *_listed([str(ref) for ref in cov.unserved], top, "    "),
            "  territories reached, by body or service:",
            *_listed([f"{k}: {v}" for k, v in cov.reach_counts().items()], top, "    "),
        ]
    if "hubs" in results:
        hubs = results["hubs"]
        how = "exact" if hubs.exact else f"sampled from {hubs.sample} sources, seed {hubs.seed}"
        lines += ["", "Hubs (distinct neighbours)", *_listed(hubs.degree, top)]
        lines += [f"Brokers (betweenness, {how}, {hubs.backend})", *_listed(hubs.betweenness, top)]
    if "failures" in results:
        failures = results["failures"]
        lines += [
            "",
            f"Single points of failure: {len(failures.articulation_points)} articulation points",
            *_listed(failures.articulation_points, top),
            f"Bridges (ties whose loss splits the network): {len(failures.bridges)}",
            *_listed(failures.bridges, top),
        ]
    if "isolated" in results:
        alone = results["isolated"]
        lines += [
            "",
            f"Isolated stakeholders: {len(alone.isolated)}",
            *_listed(alone.isolated, top),
            f"Weakly tied (a single tie): {len(alone.weakly_tied)}",
            *_listed(alone.weakly_tied, top),
            f"Apart from the main network: {len(alone.detached)} groups",
            *_listed([", ".join(ref.id for ref in group) for group in alone.detached], top),
        ]
    if "paths" in results:
        paths = results["paths"]
        lines += ["", f"Case paths from desks to {', '.join(paths.target_kinds)}"]
        for path in paths.paths[:top]:
            mark = " (referral)" if path.referral else ""
            lines.append(f"  {path.target_kind}: {path}{mark}")
        if len(paths.paths) > top:
            lines.append(f"  … and {len(paths.paths) - top} more")
        missing = [f"{desk} → {kind}" for desk, kind in paths.unreachable]
        lines += [f"  no path: {len(missing)}", *_listed(missing, top, "    ")]
    if "funding" in results:
        lines += ["", "Funding links"]
        for reach in results["funding"].funds:
            lines.append(f"  {reach.fund} reaches {len(reach.reached)}")
            lines += _listed(reach.reached, top, "    ")
    if "communities" in results:
        groups = results["communities"]
        lines += [
            "",
            f"Communities ({groups.method}, modularity {groups.modularity:.3f}): "
            f"{len(groups.groups)}",
            *_listed([f"{g.hub} and {len(g.members) - 1} more" for g in groups.groups], top),
        ]
    return lines
