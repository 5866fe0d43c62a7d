"""Writing coordination graphs as GraphML, GEXF and node-link JSON, and drawing them.

Every node and edge attribute is a plain string, number or boolean, so each format keeps
them all; reading an export back with networkx (``read_graphml(path,
force_multigraph=True)``, ``read_gexf``, ``node_link_graph(data, edges="edges")``) gives
an equal graph. In GEXF, ``start`` and ``end`` become the validity of nodes and edges, so
Gephi's timeline shows the network as of any date. Pictures (PNG, SVG) need the ``plot``
extra (matplotlib).

Exports are reproducible and valid: the same graph gives the same bytes on any day (no
date of writing, no library version inside), GEXF validates against the GEXF 1.2 schema
(the graph's name goes into ``meta/description``) and GraphML against the GraphML
schema (edges are numbered ``e0``, ``e1``..., their keys stay in their ``id`` attribute,
and node ids other than XML name tokens are escaped as ``_xHHHH_``).
"""

from __future__ import annotations

import importlib
import io
import json
import os
import re
import textwrap
from pathlib import Path
from typing import IO, Any, Literal, TypeAlias, cast

import networkx as nx

from uguaglianza.errors import MissingExtraError, UnknownFormatError
from uguaglianza.graph import NODE_KINDS, CoordinationGraph
from uguaglianza.graph.build import add_keyed_edges
from uguaglianza.io._drawing import KIND_LABELS, layered_layout, node_label, ring_layout
from uguaglianza.io._write import atomic_write

__all__ = [
    "FORMATS",
    "GraphFormat",
    "draw",
    "graph_bytes",
    "graph_format",
    "read_graph",
    "write_graph",
]

GraphFormat: TypeAlias = Literal["graphml", "gexf", "json", "png", "svg"]
#: Every format a graph can be written in.
FORMATS: tuple[GraphFormat, ...] = ("graphml", "gexf", "json", "png", "svg")
_EXTENSIONS: dict[str, GraphFormat] = {
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".json": "json",
    ".png": "png",
    ".svg": "svg",
}


def graph_format(path: str | os.PathLike[str] | None, format: str | None = None) -> GraphFormat:
    """The graph format named by *format*, or else by *path*'s extension.

    Raises:
        UnknownFormatError: neither names a graph format.
    """
    if format is not None:
        if format not in FORMATS:
            raise UnknownFormatError(
                f"unknown graph format {format!r}; use one of {', '.join(FORMATS)}"
            )
        return format
    suffix = Path(os.fspath(path)).suffix.lower() if path is not None else ""
    found = _EXTENSIONS.get(suffix)
    if found is None:
        raise UnknownFormatError(
            f"cannot tell the graph format from {os.fspath(path or '')!r}; use an extension "
            f"among {', '.join(_EXTENSIONS)} or give the format"
        )
    return found


#: One colour per node kind, the same in every picture.
KIND_COLOURS = dict(
    zip(
        NODE_KINDS,
        (
            "#9edae5",
            "#1f77b4",
            "#ff7f0e",
            "#ffbb78",
            "#d62728",
            "#2ca02c",
            "#98df8a",
            "#bcbd22",
            "#7f7f7f",
            "#9467bd",
            "#c5b0d5",
            "#8c564b",
            "#e377c2",
            "#17becf",
        ),
        strict=True,
    )
)
#: Above this many nodes, pictures place nodes in rings by kind instead of by forces
#: (the force layout of larger graphs needs SciPy and minutes).
FORCE_LAYOUT_MAX_NODES = 500
#: Up to this many nodes, pictures write each node's label.
LABELLED_MAX_NODES = 150


def _matplotlib() -> tuple[Any, Any, Any]:
    """matplotlib, its ``Figure`` and ``LineCollection``, imported on first use."""
    try:
        matplotlib = importlib.import_module("matplotlib")
        figure = importlib.import_module("matplotlib.figure")
        collections = importlib.import_module("matplotlib.collections")
    except ImportError:
        raise MissingExtraError(
            "drawing a graph as PNG or SVG needs matplotlib, which is not installed; "
            "install the 'plot' extra: pip install 'uguaglianza[plot]'"
        ) from None
    return matplotlib, figure.Figure, collections.LineCollection


def _by_kind(graph: CoordinationGraph) -> dict[str, list[str]]:
    by_kind: dict[str, list[str]] = {}
    for node, data in graph.nodes(data=True):
        by_kind.setdefault(str(data.get("kind", "")), []).append(node)
    return by_kind


def _layout(graph: CoordinationGraph) -> dict[str, tuple[float, float]]:
    """Node positions: rows by kind for graphs small enough to read, rings for larger ones."""
    if graph.number_of_nodes() < FORCE_LAYOUT_MAX_NODES:
        return layered_layout(graph)
    return ring_layout(graph)


def draw(
    graph: CoordinationGraph,
    out: IO[bytes] | None = None,
    format: str = "png",
    *,
    ax: Any = None,
    lang: str | None = None,
    labels: bool | None = None,
) -> Any:
    """Draw *graph*, coloured by node kind, and return the matplotlib ``Figure``.

    Territories, bodies and their members sit in rows by kind (see
    :func:`~uguaglianza.io._drawing.layered_layout`). With *ax* the picture goes into
    those axes; with *out* it is also written there as ``png`` or ``svg``. *lang*
    (``it`` or ``en``; default: :func:`uguaglianza.set_language`) sets the legend's and
    the title's words; given, it also sets the names, where the graph has them in that
    language (else they are as written).

    Raises:
        MissingExtraError: matplotlib is not installed (the ``plot`` extra).
    """
    from uguaglianza.display import get_language

    chosen = lang or get_language()
    matplotlib, figure_class, line_collection = _matplotlib()
    positions = _layout(graph)
    if ax is None:
        figure = figure_class(figsize=(12, 9), dpi=100)
        axes = figure.add_subplot()
    else:
        axes, figure = ax, ax.figure
    axes.set_axis_off()
    segments = [(positions[u], positions[v]) for u, v in graph.edges() if u != v]
    axes.add_collection(line_collection(segments, colors="#b0b0b0", linewidths=0.6, zorder=1))
    small = len(graph) <= LABELLED_MAX_NODES
    for kind, nodes in _by_kind(graph).items():
        words = KIND_LABELS.get(kind, (kind, kind))
        axes.scatter(
            [positions[node][0] for node in nodes],
            [positions[node][1] for node in nodes],
            s=40 if small else 8,
            c=KIND_COLOURS.get(kind, "#333333"),
            edgecolors="white",
            linewidths=0.4,
            label=f"{words[0] if chosen == 'it' else words[1]} ({len(nodes)})",
            zorder=2,
        )
    if small if labels is None else labels:
        for node, data in graph.nodes(data=True):
            x, y = positions[node]
            text = textwrap.shorten(node_label(data, node, lang), 48, placeholder="…")
            axes.annotate(
                textwrap.fill(text, 22),
                (x, y),
                xytext=(0, 4),
                textcoords="offset points",
                fontsize=6,
                ha="center",
                va="bottom",
                zorder=3,
            )
    axes.autoscale_view()
    title = str(graph.graph.get("name") or graph.graph.get("document") or "")
    if "as_of" in graph.graph:
        title += f" ({'al' if chosen == 'it' else 'as of'} {graph.graph['as_of']})"
    axes.set_title(title, fontsize=10)
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False)
    if out is not None:
        with matplotlib.rc_context({"svg.hashsalt": "uguaglianza"}):
            figure.savefig(
                out,
                format=format,
                bbox_inches="tight",
                metadata={"Date": None} if format == "svg" else None,
            )
    return figure


def _node_link(graph: CoordinationGraph) -> bytes:
    data = nx.node_link_data(graph, edges="edges")
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


#: What GEXF's ``meta/creator`` names: the program, without a version, so that the bytes
#: do not change with the installed networkx.
GEXF_CREATOR = "uguaglianza"


def _gexf(graph: CoordinationGraph) -> bytes:
    """GEXF 1.2 without the day of writing, with the graph's name as the description."""
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph(graph)
    meta = writer.xml.find("meta")
    if meta is not None:  # pragma: no branch - the writer always adds one
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:  # pragma: no branch
            creator.text = GEXF_CREATOR
        name = graph.graph.get("name")
        if name:
            description = meta.makeelement("description", {})
            description.text = str(name)
            meta.append(description)
    element = writer.graph_element
    element.attrib.pop("name", None)  # GEXF 1.2 has no name on graphs
    return (str(writer).rstrip("\n") + "\n").encode("utf-8")


_NMTOKEN_UNSAFE = re.compile(r"[^A-Za-z0-9.:_-]|_(?=x[0-9A-F]{4}_)")
_NMTOKEN_ESCAPE = re.compile(r"_x([0-9A-F]{4})_")


def graphml_node_id(node: str) -> str:
    """*node* as a GraphML id (an XML name token): other characters become ``_xHHHH_``.

    Ids made of letters, digits and ``.:_-`` are kept as they are.
    """
    return _NMTOKEN_UNSAFE.sub(lambda match: f"_x{ord(match.group()[0]):04X}_", node)


def _graphml(graph: CoordinationGraph) -> bytes:
    """GraphML with valid node ids and canonical edge ids ``e0``, ``e1``..., as its schema asks.

    The edge key stays in the edge's ``id`` attribute (``source|key|target``).
    """
    node_id = graphml_node_id
    keyed: CoordinationGraph = nx.MultiDiGraph()
    keyed.graph.update(graph.graph)
    keyed.add_nodes_from((node_id(node), data) for node, data in graph.nodes(data=True))
    add_keyed_edges(
        keyed,
        (
            (node_id(u), node_id(v), f"e{n}", d)
            for n, (u, v, d) in enumerate(graph.edges(data=True))
        ),
    )
    return ("\n".join(nx.generate_graphml(keyed)) + "\n").encode("utf-8")


def _restore_graphml(graph: CoordinationGraph) -> CoordinationGraph:
    """Undo what :func:`_graphml` did for the schema: node ids and edge keys."""

    def node(text: str) -> str:
        return _NMTOKEN_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)

    restored: CoordinationGraph = nx.MultiDiGraph()
    restored.graph.update(graph.graph)
    restored.add_nodes_from((node(n), data) for n, data in graph.nodes(data=True))
    edges = []
    for u, v, k, d in graph.edges(keys=True, data=True):
        source, target, key = node(u), node(v), str(k)
        full = str(d.get("id", ""))
        prefix, suffix = f"{source}|", f"|{target}"
        if full.startswith(prefix) and full.endswith(suffix):
            key = full[len(prefix) : len(full) - len(suffix)]
        edges.append((source, target, key, d))
    add_keyed_edges(restored, edges)
    return restored


def graph_bytes(graph: CoordinationGraph, format: str) -> bytes:
    """*graph* in *format* (``graphml``, ``gexf``, ``json``, ``png`` or ``svg``), as bytes.

    The same graph always gives the same bytes (pictures aside, which embed no date but
    depend on matplotlib's version).

    Raises:
        UnknownFormatError: *format* is not a graph format.
        MissingExtraError: a picture is asked for and matplotlib is not installed.
    """
    chosen = graph_format(None, format)
    if chosen == "graphml":
        return _graphml(graph)
    if chosen == "gexf":
        return _gexf(graph)
    if chosen == "json":
        return _node_link(graph)
    buffer = io.BytesIO()
    draw(graph, buffer, chosen)
    return buffer.getvalue()


def write_graph(
    graph: CoordinationGraph,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
) -> None:
    """Write *graph* to *path* atomically, in *format* or the one its extension names.

    Raises:
        UnknownFormatError: no graph format is named.
        MissingExtraError: a picture is asked for and matplotlib is not installed.
        InputError: the file cannot be written.
    """
    chosen = graph_format(path, format)
    atomic_write(Path(os.fspath(path)), graph_bytes(graph, chosen))


def read_graph(path: str | os.PathLike[str], *, format: str | None = None) -> CoordinationGraph:
    """Read back a graph written by :func:`write_graph` as a ``MultiDiGraph``.

    GEXF has no notion of parallel edges: when an export has none, networkx reads it as a
    ``DiGraph``; this function restores the keys, which are then the edge kinds.

    Raises:
        UnknownFormatError: the format is not one that can be read (pictures cannot).
    """
    chosen = graph_format(path, format)
    name = os.fspath(path)
    graph: Any
    if chosen == "graphml":
        graph = _restore_graphml(
            cast(CoordinationGraph, nx.read_graphml(name, force_multigraph=True))
        )
    elif chosen == "gexf":
        graph = nx.read_gexf(name)
        if not graph.is_multigraph():
            multi: CoordinationGraph = nx.MultiDiGraph()
            multi.graph.update(graph.graph)
            multi.add_nodes_from(graph.nodes(data=True))
            add_keyed_edges(
                multi, ((u, v, str(d["kind"]), d) for u, v, d in graph.edges(data=True))
            )
            graph = multi
    elif chosen == "json":
        data = json.loads(Path(name).read_text(encoding="utf-8"))
        graph = nx.node_link_graph(data, edges="edges")
    else:
        raise UnknownFormatError(f"a {chosen.upper()} picture cannot be read back as a graph")
    return cast(CoordinationGraph, graph)
