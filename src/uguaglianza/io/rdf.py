"""Linked data through rdflib: an RDF graph of a document, and Turtle.

rdflib is the optional ``rdf`` extra, imported on first use. The triples are those of the
JSON-LD export (:mod:`uguaglianza.io.linked_data`); Turtle lists subjects and properties
in sorted order and has no blank nodes, so a document always gives the same bytes. The
SHACL shapes the output satisfies ship with the library: :func:`shapes_path`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from importlib import resources
from importlib.abc import Traversable
from typing import Any

from uguaglianza.errors import MissingExtraError
from uguaglianza.io.linked_data import PREFIXES, json_ld
from uguaglianza.model import Landscape, PlanDocument

__all__ = ["rdf_graph", "shapes_path", "turtle_bytes"]


def _rdflib() -> Any:
    """rdflib, imported on first use."""
    try:
        return importlib.import_module("rdflib")
    except ImportError:
        raise MissingExtraError(
            "writing Turtle needs rdflib, which is not installed; install the 'rdf' extra: "
            "pip install 'uguaglianza[rdf]' (JSON-LD needs nothing more)"
        ) from None


def rdf_graph(doc: PlanDocument | Landscape, **options: Any) -> Any:
    """*doc* as an ``rdflib.Graph``; *options* are those of :func:`linked_data.json_ld`.

    Raises:
        MissingExtraError: rdflib is not installed (the ``rdf`` extra).
    """
    rdflib = _rdflib()
    graph = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, rdflib.Namespace(namespace), override=True, replace=True)
    graph.addN((*triple, graph) for triple in _triples(json_ld(doc, **options), rdflib))
    return graph


def _expand(name: str, rdflib: Any) -> Any:
    """A compact IRI (``org:Post``) or an IRI as an ``rdflib.URIRef``."""
    prefix, _, local = name.partition(":")
    namespace = PREFIXES.get(prefix)
    return rdflib.URIRef(namespace + local if namespace is not None and local else name)


def _triples(data: dict[str, Any], rdflib: Any) -> Iterator[tuple[Any, Any, Any]]:
    """The triples of the JSON-LD :func:`json_ld` writes, read without a JSON-LD processor.

    That export uses one shape only: nodes with ``@id``, ``@type`` and properties whose
    values are ``{"@id": ...}`` or ``{"@value": ..., "@type"/"@language": ...}``.
    """
    rdf_type = rdflib.RDF.type
    iris: dict[str, Any] = {}

    def iri(name: str) -> Any:
        found = iris.get(name)
        if found is None:
            found = iris[name] = _expand(name, rdflib)
        return found

    for node in data["@graph"]:
        subject = rdflib.URIRef(node["@id"])
        for key, values in node.items():
            if key == "@id":
                continue
            if key == "@type":
                for name in values:
                    yield subject, rdf_type, iri(name)
                continue
            predicate = iri(key)
            for value in values if isinstance(values, list) else (values,):
                if isinstance(value, str):
                    yield subject, predicate, rdflib.Literal(value)
                elif "@id" in value:
                    yield subject, predicate, rdflib.URIRef(value["@id"])
                elif "@language" in value:
                    yield (
                        subject,
                        predicate,
                        rdflib.Literal(value["@value"], lang=value["@language"]),
                    )
                elif "@type" in value:
                    yield (
                        subject,
                        predicate,
                        rdflib.Literal(value["@value"], datatype=iri(value["@type"])),
                    )
                else:
                    yield subject, predicate, rdflib.Literal(value["@value"])


def turtle_bytes(doc: PlanDocument | Landscape, **options: Any) -> bytes:
    """*doc* in Turtle, as UTF-8 bytes; *options* as for :func:`rdf_graph`.

    Raises:
        MissingExtraError: rdflib is not installed (the ``rdf`` extra).
    """
    text: str = rdf_graph(doc, **options).serialize(format="turtle")
    return (text.rstrip("\n") + "\n").encode("utf-8")


def shapes_path() -> Traversable:
    """The SHACL shapes (Turtle) that every export satisfies."""
    return resources.files("uguaglianza.io").joinpath("data", "shapes.ttl")
