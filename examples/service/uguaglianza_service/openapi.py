"""The parts of the OpenAPI document FastAPI cannot derive: documents, graphs, SARIF.

Documents are described by the library's own JSON Schema, so the OpenAPI follows the
format whatever its version: its definitions become components, its references are
rewritten to point at them.
"""

from __future__ import annotations

from typing import Any

import uguaglianza
from uguaglianza.io import PROBLEM_MEDIA_TYPE

__all__ = [
    "DOCUMENT_REF",
    "GRAPH_SCHEMA",
    "SARIF_MEDIA_TYPE",
    "SARIF_SCHEMA",
    "add_document_schema",
    "document_body",
    "problem_responses",
]

_COMPONENTS = "#/components/schemas/"
DOCUMENT_REF = {"$ref": f"{_COMPONENTS}UguaglianzaDocument"}
SARIF_MEDIA_TYPE = "application/sarif+json"

#: A SARIF 2.1.0 log, as far as clients rely on it.
SARIF_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string"},
        "version": {"const": "2.1.0"},
        "runs": {"type": "array", "items": {"type": "object"}},
    },
}

_ATTRIBUTES = {"type": ["string", "number", "boolean", "null"]}
#: A coordination graph as networkx's node-link data (``edges="edges"``).
GRAPH_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["directed", "multigraph", "graph", "nodes", "edges"],
    "properties": {
        "directed": {"const": True},
        "multigraph": {"const": True},
        "graph": {"type": "object", "additionalProperties": _ATTRIBUTES},
        "nodes": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "kind"],
                "properties": {"id": {"type": "string"}, "kind": {"type": "string"}},
                "additionalProperties": _ATTRIBUTES,
            },
        },
        "edges": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["source", "target", "key", "kind"],
                "properties": {
                    "source": {"type": "string"},
                    "target": {"type": "string"},
                    "key": {"type": "string"},
                    "kind": {"type": "string"},
                },
                "additionalProperties": _ATTRIBUTES,
            },
        },
    },
}

_PROBLEM = {"$ref": f"{_COMPONENTS}Problem"}
_PROBLEM_TITLES = {
    404: "No such document or version",
    413: "The body is larger than the service accepts",
    415: "The body is neither JSON nor YAML",
    422: "The request or the document is not valid; `errors` locates every problem",
    503: "Too many versions of the document are being stored at once; retry later",
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI responses for *statuses*, each an RFC 9457 problem."""
    return {
        status: {
            "description": _PROBLEM_TITLES[status],
            "content": {PROBLEM_MEDIA_TYPE: {"schema": _PROBLEM}},
        }
        for status in statuses
    }


def document_body(description: str) -> dict[str, Any]:
    """The ``requestBody`` of an operation that reads a document."""
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {"application/json": {"schema": DOCUMENT_REF}},
        }
    }


def _rewrite(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: (
                _COMPONENTS + value.removeprefix("#/$defs/")
                if key == "$ref" and isinstance(value, str)
                else _rewrite(value)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rewrite(item) for item in node]
    return node


def add_document_schema(openapi: dict[str, Any]) -> dict[str, Any]:
    """*openapi* with the library's JSON Schema as ``UguaglianzaDocument`` and its parts.

    Raises:
        ValueError: a definition of the library has the name of one of the service's.
    """
    schema = uguaglianza.json_schema()
    components = openapi.setdefault("components", {}).setdefault("schemas", {})
    clashes = sorted(set(schema["$defs"]) & set(components))
    if clashes:
        raise ValueError(f"the document schema redefines {', '.join(clashes)}")
    components.update(_rewrite(schema["$defs"]))
    top = {key: value for key, value in schema.items() if not key.startswith("$")}
    components["UguaglianzaDocument"] = _rewrite(top)
    return openapi
