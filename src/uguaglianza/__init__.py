"""uguaglianza: typed, validated, analysable models of public equality plans.

Load a plan document or a landscape from JSON or YAML, get immutable, typed objects
back (or a precise error), and write them out again::

    import uguaglianza

    doc = uguaglianza.load("examples/bologna-piano-uguaglianza.yaml")
    print(doc.plan.name, len(doc.plan.areas))

``import uguaglianza`` is cheap: the models, readers and rules are imported on first use
of a name that needs them (``uguaglianza.load``, ``uguaglianza.PlanDocument``...), and the
sub-packages (``uguaglianza.rules``, ``uguaglianza.graph``...) on first access. Looking
at the whole namespace (``vars(uguaglianza)``) imports everything, so it always holds
exactly the names of ``__all__``. networkx is never imported by the package itself.
"""

import importlib as _importlib
import sys as _sys
import types as _types
import typing as _typing

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

if _typing.TYPE_CHECKING:
    import datetime as _dt
    from collections.abc import Iterable as _Iterable

    import networkx as _nx

    from uguaglianza._validate_api import Finding, Report, validate
    from uguaglianza.changes import diff
    from uguaglianza.display import get_language, set_language
    from uguaglianza.io import Limits, dump, dumps, from_data, json_schema, load, loads
    from uguaglianza.model import Document, Landscape, PlanDocument, merge
    from uguaglianza.pictures import timeline
    from uguaglianza.privacy import redact
    from uguaglianza.tables import frames, records

    __version__: str

#: Where each name imported on first use lives.
_LAZY = {
    "Finding": "uguaglianza._validate_api",
    "Report": "uguaglianza._validate_api",
    "validate": "uguaglianza._validate_api",
    "diff": "uguaglianza.changes",
    "Limits": "uguaglianza.io",
    "dump": "uguaglianza.io",
    "dumps": "uguaglianza.io",
    "from_data": "uguaglianza.io",
    "json_schema": "uguaglianza.io",
    "load": "uguaglianza.io",
    "loads": "uguaglianza.io",
    "Document": "uguaglianza.model",
    "Landscape": "uguaglianza.model",
    "PlanDocument": "uguaglianza.model",
    "merge": "uguaglianza.model",
    "redact": "uguaglianza.privacy",
    "records": "uguaglianza.tables",
    "frames": "uguaglianza.tables",
    "set_language": "uguaglianza.display",
    "get_language": "uguaglianza.display",
    "timeline": "uguaglianza.pictures",
}
_NAMESPACE: dict[str, object] = globals()  # this package's own namespace
_SUBPACKAGES = frozenset(
    {
        "changes",
        "cli",
        "codelists",
        "dates",
        "display",
        "dossier",
        "errors",
        "graph",
        "io",
        "model",
        "pictures",
        "privacy",
        "rules",
        "tables",
    }
)


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


def draw(
    graph: "_nx.MultiDiGraph[str]",
    out: "_typing.IO[bytes] | None" = None,
    format: str = "png",
    *,
    ax: _typing.Any = None,
    lang: str | None = None,
    labels: bool | None = None,
) -> _typing.Any:
    """Draw a coordination graph as a matplotlib ``Figure``; see ``uguaglianza.io.graphs.draw``.

    networkx and matplotlib are imported on the first call, not with the package.
    """
    from uguaglianza.io.graphs import draw as draw_graph

    return draw_graph(graph, out, format, ax=ax, lang=lang, labels=labels)


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("uguaglianza")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.0.0"


def _resolve(name: str) -> object:
    """Import what *name* needs and bind it in the package, so the next lookup is direct."""
    if name == "__version__":
        value: object = _version()
    elif name in _SUBPACKAGES:
        return _importlib.import_module(f"{__name__}.{name}")  # the import binds it
    elif name in _LAZY:
        value = getattr(_importlib.import_module(_LAZY[name]), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    _NAMESPACE[name] = value
    return value


class _Package(_types.ModuleType):
    """This package: names of ``__all__`` imported on first use, the namespace on demand."""

    def __getattr__(self, name: str) -> object:
        return _resolve(name)

    def __dir__(self) -> list[str]:
        return sorted({*_NAMESPACE, *_LAZY, "__version__"})

    @property
    def __dict__(self) -> dict[str, object]:  # type: ignore[override]
        """The namespace, with every name of ``__all__`` in it (imported if need be)."""
        for name in _LAZY.keys() - _NAMESPACE.keys():
            _resolve(name)
        return _NAMESPACE


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
    "diff",
    "draw",
    "dump",
    "dumps",
    "frames",
    "from_data",
    "get_language",
    "json_schema",
    "load",
    "loads",
    "merge",
    "records",
    "redact",
    "set_language",
    "timeline",
    "validate",
]

_sys.modules[__name__].__class__ = _Package
