"""uguaglianza: typed, validated, analysable models of public equality plans.

Load a plan document or a landscape from JSON or YAML, get immutable, typed objects
back (or a precise error), and write them out again::

    import uguaglianza

    doc = uguaglianza.load("examples/bologna-piano-uguaglianza.yaml")
    print(doc.plan.name, len(doc.plan.areas))
"""

import typing as _typing
from importlib import metadata as _metadata

from uguaglianza._validate_api import Finding, Report, validate
from uguaglianza.errors import (
    DocumentError,
    InputError,
    Issue,
    MergeConflictError,
    MissingExtraError,
    ParseError,
    UguaglianzaError,
    UnknownFormatError,
)
from uguaglianza.io import Limits, dump, dumps, from_data, json_schema, load, loads
from uguaglianza.model import Document, Landscape, PlanDocument, merge
from uguaglianza.privacy import redact

if _typing.TYPE_CHECKING:
    import datetime as _dt
    from collections.abc import Iterable as _Iterable

    import networkx as _nx


def coordination_graph(
    doc: "PlanDocument | Landscape",
    *,
    as_of: "_dt.date | None" = None,
    kinds: "_Iterable[str] | None" = None,
) -> "_nx.MultiDiGraph[str]":
    """The coordination graph of *doc*; see :func:`uguaglianza.graph.coordination_graph`.

    networkx is imported on the first call, not with the package.
    """
    from uguaglianza.graph import coordination_graph as build

    return build(doc, as_of=as_of, kinds=kinds)


try:
    __version__ = _metadata.version("uguaglianza")
except _metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "Document",
    "DocumentError",
    "Finding",
    "InputError",
    "Issue",
    "Landscape",
    "Limits",
    "MergeConflictError",
    "MissingExtraError",
    "ParseError",
    "PlanDocument",
    "Report",
    "UguaglianzaError",
    "UnknownFormatError",
    "__version__",
    "coordination_graph",
    "dump",
    "dumps",
    "from_data",
    "json_schema",
    "load",
    "loads",
    "merge",
    "redact",
    "validate",
]
