"""A document as linked data: JSON-LD in the national and W3C vocabularies, with DCAT-AP_IT.

Each entity gets a stable IRI, ``{base}{kind}/{id}``, and the classes and properties of
W3C ORG (organisations, posts, memberships), the OntoPiA network of the Italian public
administration (COV organisations, CLV places with their ISTAT codes, CPV persons, TI time
intervals), Popolo and schema.org; what those vocabularies do not say uses the project's
own vocabulary (:data:`VOCAB`). Parts of an entity that have no id of their own (a
membership, a period, an amount) get the IRI of the entity and a fragment, so the output
holds no blank nodes and is the same on every run. The models are walked field by field,
so fields added to the format are exported too, in the project's vocabulary.

The dataset is described in DCAT-AP_IT: publisher and licence as the user gives them, dates
from the document's sources (never the day of writing). Turtle needs rdflib: see
:mod:`uguaglianza.io.rdf`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from urllib.parse import quote

import attrs
from pydantic import BaseModel

from uguaglianza.dates import PartialDate
from uguaglianza.model import Landscape, PlanDocument
from uguaglianza.model._base import CodeIn, Ref

__all__ = [
    "CONTEXT_IRI",
    "CONTEXT_VERSION",
    "PREFIXES",
    "VOCAB",
    "Publisher",
    "json_ld",
    "json_ld_bytes",
    "json_ld_context",
]

#: The version of the JSON-LD context; a change of any mapping makes a new version.
CONTEXT_VERSION = "1.0"
#: Where the context is published (the same text as ``schema/uguaglianza.context.jsonld``).
CONTEXT_IRI = (
    "https://raw.githubusercontent.com/uguaglianza/uguaglianza/main/schema/"
    f"uguaglianza.context-{CONTEXT_VERSION}.jsonld"
)
#: The project's own vocabulary, for what the standard vocabularies do not say.
VOCAB = "https://w3id.org/uguaglianza/vocab#"
#: Codes of the codelists: ``{CODES}{codelist}/{code}``.
CODES = "https://w3id.org/uguaglianza/codelists/"

PREFIXES: dict[str, str] = {
    "clv": "https://w3id.org/italia/onto/CLV/",
    "cov": "https://w3id.org/italia/onto/COV/",
    "cpv": "https://w3id.org/italia/onto/CPV/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcatapit": "http://dati.gov.it/onto/dcatapit#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "l0": "https://w3id.org/italia/onto/l0/",
    "org": "http://www.w3.org/ns/org#",
    "popolo": "http://www.popoloproject.com/vocabulary#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "ti": "https://w3id.org/italia/onto/TI/",
    "ug": VOCAB,
    "ugc": CODES,
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

#: The classes of each entity kind, and of the parts that have no id of their own.
CLASSES: dict[str, tuple[str, ...]] = {
    "organisation": ("org:Organization", "cov:Organization", "schema:Organization"),
    "person": ("cpv:Person", "foaf:Person", "schema:Person"),
    "post": ("org:Post", "ug:Post"),
    "body": ("org:Organization", "popolo:Organization", "ug:GovernanceBody"),
    "territory": ("clv:Feature", "schema:Place", "ug:Territory"),
    "plan": ("ug:Plan", "schema:CreativeWork"),
    "area": ("ug:InterventionArea",),
    "objective": ("ug:Objective",),
    "action": ("ug:Action", "schema:Action"),
    "indicator": ("ug:Indicator",),
    "act": ("ug:Act", "schema:CreativeWork"),
    "meeting": ("ug:Meeting", "schema:Event"),
    "fund": ("ug:Fund",),
    "call": ("ug:Call",),
    "grant": ("ug:Grant", "schema:MonetaryGrant"),
    "project": ("ug:Project", "schema:Project"),
    "phase": ("ug:Phase",),
    "service": ("ug:Service", "schema:GovernmentService"),
    "source": ("dct:BibliographicResource", "foaf:Document"),
    "relation": ("ug:Relation",),
    "Membership": ("org:Membership",),
    "Period": ("ti:TimeInterval",),
    "Money": ("schema:MonetaryAmount",),
}
#: Territory kinds that are CLV's administrative units.
TERRITORY_CLASSES: dict[str, str] = {
    "comune": "clv:City",
    "province": "clv:Province",
    "metropolitan_city": "clv:Province",
    "region": "clv:Region",
    "country": "clv:Country",
}

#: Properties by field, for every model (``*``) or for one model class or entity kind.
PROPERTIES: dict[str, dict[str, str]] = {
    "*": {
        "name": "rdfs:label",
        "name_en": "rdfs:label",
        "description": "dct:description",
        "notes": "skos:note",
        "note": "skos:note",
        "period": "ti:atTime",
        "source": "ug:provenance",
        "territory": "dct:spatial",
        "territories": "dct:spatial",
        "scope": "dct:spatial",
        "url": "schema:url",
        "website": "foaf:homepage",
        "email": "schema:email",
        "acronym": "schema:alternateName",
        "date": "dct:date",
        "kind": "dct:type",
    },
    "organisation": {"parent": "org:subOrganizationOf"},
    "person": {"given_name": "cpv:givenName", "family_name": "cpv:familyName"},
    "post": {"organisation": "org:postIn", "holder": "org:heldBy", "kind": "org:role"},
    "body": {
        "parent": "org:subOrganizationOf",
        "members": "org:hasMembership",
        "meetings": "ug:meeting",
        "chair": "ug:chair",
        "convener": "ug:convener",
    },
    "Membership": {"member": "org:member", "role": "org:role", "period": "org:memberDuring"},
    "Period": {"start": "ti:startTime", "end": "ti:endTime"},
    "Money": {"amount": "schema:value", "currency": "schema:currency"},
    "SourceNote": {"document": "dct:source", "quote": "ug:quote"},
    "territory": {"istat_code": "clv:hasIdentifier", "part_of": "ug:partOf"},
    "plan": {
        "owner": "dct:publisher",
        "areas": "ug:area",
        "objectives": "ug:objective",
        "actions": "ug:action",
        "indicators": "ug:indicator",
        "milestones": "ug:milestone",
    },
    "action": {
        "lead": "schema:agent",
        "partners": "schema:participant",
        "funding": "ug:fundedBy",
        "budget": "ug:budget",
        "parent": "dct:isPartOf",
    },
    "act": {
        "date": "dct:issued",
        "issuer": "dct:creator",
        "signatories": "ug:signatory",
        "summary": "dct:abstract",
    },
    "grant": {"amount": "schema:amount", "recipient": "ug:recipient"},
    "service": {"operator": "schema:provider", "territories": "schema:areaServed"},
    "meeting": {"participants": "schema:attendee", "place": "schema:location"},
    "source": {"publisher": "dct:publisher", "date": "dct:issued", "language": "dct:language"},
    "relation": {"subject": "ug:subject", "target": "ug:target"},
}
#: Fields whose text is in English; other texts are in Italian.
ENGLISH = frozenset({"name_en"})
#: Free texts that carry a language tag.
_TAGGED = frozenset({"name", "name_en", "description", "summary", "notes", "note", "quote"})

#: The EU data theme (Population and society) and language of the datasets.
THEME = "http://publications.europa.eu/resource/authority/data-theme/SOCI"
LANGUAGE = "http://publications.europa.eu/resource/authority/language/ITA"


@attrs.frozen(slots=True)
class Publisher:
    """Who publishes the dataset: a name, and an IRI when it has one (e.g. its IPA code page)."""

    name: str
    iri: str | None = None
    identifier: str | None = None
    """Its code in the national index of public administrations (IPA), if any."""


def _kind_iri(base: str, kind: str, entity_id: str) -> str:
    return f"{base}{kind}/{quote(entity_id, safe='')}"


def _date_value(value: PartialDate) -> dict[str, str]:
    text = str(value)
    datatype = {4: "xsd:gYear", 7: "xsd:gYearMonth"}.get(len(text), "xsd:date")
    return {"@value": text, "@type": datatype}


def _marker(annotation: Any, metadata: Any = ()) -> Ref | CodeIn | None:
    import types
    import typing

    for item in metadata:
        if isinstance(item, Ref | CodeIn):
            return item
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        return _marker(base, meta)
    if origin in (typing.Union, types.UnionType, tuple):
        for arg in typing.get_args(annotation):
            if arg is not type(None) and arg is not Ellipsis:
                found = _marker(arg)
                if found is not None:
                    return found
    return None


_MARKERS: dict[tuple[type[BaseModel], str], Ref | CodeIn | None] = {}


def _field_marker(cls: type[BaseModel], name: str) -> Ref | CodeIn | None:
    cached = (cls, name)
    if cached not in _MARKERS:
        field = cls.model_fields[name]
        _MARKERS[cached] = _marker(field.annotation, field.metadata)
    return _MARKERS[cached]


class _Writer:
    """Turns one document into JSON-LD nodes."""

    def __init__(self, doc: PlanDocument | Landscape, base: str) -> None:
        self.doc = doc
        self.base = base
        self.index = doc.index
        self.kinds = {entity_id: record.kind for entity_id, record in self.index.entities.items()}
        self.nodes: list[dict[str, Any]] = []

    def iri(self, entity_id: str) -> str:
        kind = self.kinds.get(entity_id, "entity")
        return _kind_iri(self.base, kind, entity_id)

    def entity(self, kind: str, obj: BaseModel, iri: str) -> None:
        node: dict[str, Any] = {"@id": iri, "@type": list(CLASSES.get(kind, ()))}
        territory_kind = getattr(obj, "kind", None) if kind == "territory" else None
        if territory_kind in TERRITORY_CLASSES:
            node["@type"].append(TERRITORY_CLASSES[territory_kind])
        node["@type"].append(f"ug:{type(obj).__name__}")
        node["@type"] = sorted(set(node["@type"]))
        node["dct:identifier"] = str(getattr(obj, "id", "") or "")
        self.fields(node, kind, obj, iri)
        self.nodes.append(node)

    def fields(self, node: dict[str, Any], kind: str, obj: BaseModel, iri: str) -> None:
        cls = type(obj)
        for name in cls.model_fields:
            if name in ("id", "extensions") or name not in obj.model_fields_set:
                continue
            value = getattr(obj, name)
            if value is None or value == ():
                continue
            prop = self.property(kind, cls, name)
            if kind == "territory" and name == "istat_code":
                node[prop] = self.istat(iri, str(value))
                continue
            values = value if isinstance(value, tuple) else (value,)
            out = [
                self.value(
                    kind, cls, name, item, f"{iri}#{name}" + (f"-{n}" if len(values) > 1 else "")
                )
                for n, item in enumerate(values, start=1)
            ]
            pairs = [(item, link) for item, link in zip(values, out, strict=True) if link]
            if kind == "body" and name == "members":
                # Seats a source only counts are seat groups, not ORG memberships.
                counted = [link for item, link in pairs if item.member is None]
                if counted:
                    node.setdefault("ug:seatGroup", []).extend(counted)
                pairs = [(item, link) for item, link in pairs if item.member is not None]
            if pairs:
                node.setdefault(prop, [])
                node[prop].extend(link for _, link in pairs)
        if kind == "territory":
            for link in getattr(obj, "part_of", ()):
                node.setdefault("schema:containedInPlace", []).append(
                    {"@id": self.iri(link.territory)}
                )
        if kind == "relation":
            rel = f"ug:{obj.kind}"  # type: ignore[attr-defined]
            self.nodes.append(
                {"@id": self.iri(obj.subject), rel: [{"@id": self.iri(obj.target)}]}  # type: ignore[attr-defined]
            )

    def property(self, kind: str, cls: type[BaseModel], name: str) -> str:
        for key in (kind, cls.__name__, "*"):
            found = PROPERTIES.get(key, {}).get(name)
            if found is not None:
                return found
        return f"ug:{name}"

    def istat(self, iri: str, code: str) -> list[dict[str, Any]]:
        """The ISTAT code as a CLV identifier of the territory at *iri*."""
        node = f"{iri}#istat-code"
        self.nodes.append(
            {
                "@id": node,
                "@type": ["clv:Identifier"],
                "l0:identifier": [{"@value": code}],
                "dct:creator": [{"@value": "ISTAT"}],
            }
        )
        return [{"@id": node}]

    def value(
        self, kind: str, cls: type[BaseModel], name: str, item: Any, iri: str
    ) -> dict[str, Any] | None:
        marker = _field_marker(cls, name)
        if isinstance(marker, Ref) and isinstance(item, str):
            return {"@id": self.iri(item)}
        if isinstance(marker, CodeIn) and isinstance(item, str):
            return {"@id": f"{CODES}{marker.codelist}/{item}"}
        if isinstance(item, BaseModel):
            record = self.index.get(str(getattr(item, "id", "")))
            if record is not None and record.entity is item:  # an entity: link to it
                return {"@id": self.iri(str(getattr(item, "id", "")))}
            # Seats a source only counts ("nine experts") name no member: they are the
            # project's own seat groups, not ORG memberships, which need their member.
            counted = type(item).__name__ == "Membership" and getattr(item, "member", None) is None
            classes = () if counted else CLASSES.get(type(item).__name__, ())
            node: dict[str, Any] = {
                "@id": iri,
                "@type": sorted({*classes, f"ug:{type(item).__name__}"}),
            }
            self.fields(node, type(item).__name__, item, iri)
            if type(item).__name__ == "Membership" and kind == "body" and not counted:
                node["org:organization"] = [{"@id": iri.split("#", 1)[0]}]
            self.nodes.append(node)
            return {"@id": iri}
        if isinstance(item, PartialDate):
            return _date_value(item)
        if isinstance(item, bool):
            return {"@value": item}
        if isinstance(item, int):
            return {"@value": str(item), "@type": "xsd:integer"}
        if isinstance(item, Decimal):
            return {"@value": str(item), "@type": "xsd:decimal"}
        if isinstance(item, dict):
            return {"@value": json.dumps(item, sort_keys=True, ensure_ascii=False)}
        text = str(item)
        if name in _TAGGED:
            return {"@value": text, "@language": "en" if name in ENGLISH else "it"}
        return {"@value": text}


def _entities(doc: PlanDocument | Landscape) -> Iterator[tuple[str, str, BaseModel]]:
    """Every entity with an id: (kind, id, entity), in the document's order."""
    for entity_id, record in doc.index.entities.items():
        if record.kind != "relation":  # relations are written with or without an id
            yield record.kind, entity_id, record.entity


def _dataset(
    doc: PlanDocument | Landscape,
    base: str,
    writer: _Writer,
    publisher: Publisher | str | None,
    licence: str | None,
    modified: dt.date | None,
) -> list[dict[str, Any]]:
    iri = f"{base}dataset/{quote(doc.id, safe='')}"
    dates = sorted(
        str(source.date) for source in doc.sources if getattr(source, "date", None) is not None
    )
    node: dict[str, Any] = {
        "@id": iri,
        "@type": ["dcat:Dataset", "dcatapit:Dataset"],
        "dct:identifier": doc.id,
        "dct:title": [{"@value": doc.name or doc.id, "@language": "it"}],
        "dct:description": [{"@value": doc.description or doc.name or doc.id, "@language": "it"}],
        "dcat:theme": [{"@id": THEME}],
        "dct:language": [{"@id": LANGUAGE}],
        "dct:conformsTo": [{"@id": CONTEXT_IRI}],
        "dct:source": [{"@id": writer.iri(source.id)} for source in doc.sources],
    }
    if modified is not None:
        node["dct:modified"] = [{"@value": modified.isoformat(), "@type": "xsd:date"}]
    elif dates:
        node["dct:modified"] = [_date_value(PartialDate.parse(max(dates, key=_sort_key)))]
    if dates:
        node["dct:issued"] = [_date_value(PartialDate.parse(min(dates, key=_sort_key)))]
    extra: list[dict[str, Any]] = []
    if licence:
        node["dct:license"] = [{"@id": licence}]
        extra.append({"@id": licence, "@type": ["dct:LicenseDocument"]})
    if isinstance(publisher, str):
        publisher = Publisher(publisher)
    if publisher is not None:
        agent = publisher.iri or f"{base}publisher"
        node["dct:publisher"] = [{"@id": agent}]
        node["dct:rightsHolder"] = [{"@id": agent}]
        agent_node: dict[str, Any] = {
            "@id": agent,
            "@type": ["dcatapit:Agent", "foaf:Agent"],
            "foaf:name": [{"@value": publisher.name}],
        }
        if publisher.identifier:
            agent_node["dct:identifier"] = publisher.identifier
        extra.append(agent_node)
    return [node, *extra]


def _sort_key(text: str) -> str:
    return PartialDate.parse(text).earliest().isoformat()


def json_ld(
    doc: PlanDocument | Landscape,
    *,
    base_iri: str,
    publisher: Publisher | str | None = None,
    licence: str | None = None,
    modified: dt.date | None = None,
) -> dict[str, Any]:
    """*doc* as a JSON-LD document (a ``dict``) with the context inline.

    Args:
        doc: a plan document or a landscape.
        base_iri: where the entities' IRIs start, e.g. ``https://dati.example.it/pari/``.
        publisher: who publishes the dataset (DCAT-AP_IT ``dct:publisher`` and
            ``dct:rightsHolder``).
        licence: the IRI of the licence, e.g. ``https://creativecommons.org/licenses/by/4.0/``.
        modified: the dataset's date; by default the latest date of its sources.
    """
    base = base_iri if base_iri.endswith(("/", "#")) else base_iri + "/"
    writer = _Writer(doc, base)
    for kind, entity_id, entity in _entities(doc):
        writer.entity(kind, entity, writer.iri(entity_id))
    for n, relation in enumerate(doc.relations, start=1):
        rid = relation.id or f"{doc.id}-{n}"
        writer.entity("relation", relation, _kind_iri(base, "relation", rid))
    graph = _dataset(doc, base, writer, publisher, licence, modified) + writer.nodes
    merged: dict[str, dict[str, Any]] = {}
    for node in graph:
        into = merged.get(node["@id"])
        if into is None:
            merged[node["@id"]] = node
            continue
        for key, value in node.items():
            if key == "@id":
                continue
            if isinstance(value, list) and isinstance(into.get(key), list):
                into[key].extend(item for item in value if item not in into[key])
            else:
                into[key] = value
    return {"@context": json_ld_context(), "@graph": [merged[key] for key in sorted(merged)]}


def json_ld_bytes(doc: PlanDocument | Landscape, **options: Any) -> bytes:
    """:func:`json_ld` as UTF-8 JSON, keys sorted: the same document gives the same bytes."""
    text = json.dumps(json_ld(doc, **options), indent=2, ensure_ascii=False, sort_keys=True)
    return (text + "\n").encode("utf-8")


def json_ld_context() -> dict[str, Any]:
    """The JSON-LD context of the export: prefixes, and how each mapped property is valued."""
    context: dict[str, Any] = {"@version": 1.1, **PREFIXES}
    terms: dict[str, Any] = {}
    for kind, classes in CLASSES.items():
        terms[_term(kind)] = {"@id": classes[0]}
    for mapping in PROPERTIES.values():
        for prop in mapping.values():
            terms.setdefault(prop, {"@id": prop})
    context.update(sorted(terms.items()))
    return context


def _term(kind: str) -> str:
    return kind[:1].upper() + kind[1:]


def context_document() -> dict[str, Any]:
    """The published context file: the context and what version it is."""
    return {
        "@context": json_ld_context(),
        "rdfs:comment": f"uguaglianza JSON-LD context, version {CONTEXT_VERSION}",
    }


def context_bytes() -> bytes:
    """The published context file as UTF-8 JSON, as committed under ``schema/``."""
    text = json.dumps(context_document(), indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")
