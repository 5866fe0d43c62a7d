"""A document as linked data: JSON-LD in the national and W3C vocabularies, with DCAT-AP_IT.

Each entity gets a stable IRI, ``{base}{kind}/{id}``, and the classes and properties of
W3C ORG (organisations, posts, memberships), the OntoPiA network of the Italian public
administration (COV organisations, CLV places with their ISTAT codes, CPV persons, TI time
intervals), Popolo and schema.org; what those vocabularies do not say uses the project's
own vocabulary (:data:`VOCAB`). Parts of an entity that have no id of their own (a
membership, a period, an amount) get the IRI of the entity and a fragment, so the output
holds no blank nodes and is the same on every run. The models are walked field by field,
so fields added to the format are exported too, in the project's vocabulary.

Names are tagged with the document's ``language``, and every translation is a label in its
own language; aliases are ``skos:altLabel``. Identifiers by scheme (NUTS, LAU, IPA, codice
fiscale...) are ADMS identifiers. What a source does not state (``absent``) is not
exported: linked data says nothing rather than invent a value or a "not stated" marker.

The dataset is described in DCAT-AP_IT: publisher and licence as the user gives them, dates
from the document's sources (never the day of writing). Turtle needs rdflib: see
:mod:`uguaglianza.io.rdf`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from urllib.parse import quote

import attrs
from pydantic import BaseModel

from uguaglianza._gc import paused_gc
from uguaglianza.dates import PartialDate, Period
from uguaglianza.model import Landscape, PlanDocument
from uguaglianza.model._base import CodeIn, Ref
from uguaglianza.model.relations import DeclaredCode

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
CONTEXT_VERSION = "2.0"
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
    "adms": "http://www.w3.org/ns/adms#",
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
    "opinion": ("ug:Opinion",),
    "obligation": ("ug:Obligation",),
    "transfer": ("ug:Transfer", "schema:MoneyTransfer"),
    "Membership": ("org:Membership",),
    "NetworkMembership": ("org:Membership",),
    "Tenure": ("ug:Tenure",),
    "Identifier": ("adms:Identifier",),
    "YearlyAmount": ("ug:YearlyAmount",),
    "Period": ("ti:TimeInterval",),
    "Money": ("schema:MonetaryAmount",),
    "DeclaredCode": ("skos:Concept",),
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
        "translations": "rdfs:label",
        "aliases": "skos:altLabel",
        "former_names": "ug:formerName",
        "identifiers": "adms:identifier",
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
    "NetworkMembership": {"network": "org:organization", "period": "org:memberDuring"},
    "Tenure": {"operator": "schema:provider"},
    "Identifier": {"value": "skos:notation", "scheme": "dct:type"},
    "YearlyAmount": {"year": "ug:year", "amount": "schema:amount"},
    "CoFinancing": {"funder": "schema:funder", "amount": "schema:amount"},
    "Contribution": {"actor": "schema:agent", "role": "ug:role"},
    "PlanLink": {"plan": "dct:relation"},
    "ActStep": {"step": "dct:type", "by": "dct:creator"},
    "ActParty": {"party": "schema:agent", "role": "ug:role"},
    "ActEffect": {"effect": "dct:type", "target": "ug:target"},
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
        "links": "ug:link",
        "contributors": "schema:contributor",
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
        "parties": "ug:party",
        "steps": "ug:step",
        "in_force": "ug:inForce",
        "effects": "ug:effect",
    },
    "opinion": {"by": "dct:creator", "on": "schema:about", "outcome": "ug:outcome"},
    "obligation": {"bearer": "ug:bearer", "arises_from": "ug:arisesFrom"},
    "transfer": {
        "payer": "schema:agent",
        "payee": "schema:recipient",
        "via": "ug:via",
        "amount": "schema:amount",
    },
    "grant": {"amount": "schema:amount", "recipient": "ug:recipient"},
    "service": {
        "operators": "ug:operatorTenure",
        "networks": "ug:networkMembership",
        "territories": "schema:areaServed",
    },
    "meeting": {"participants": "schema:attendee", "place": "schema:location"},
    "source": {"publisher": "dct:publisher", "date": "dct:issued", "language": "dct:language"},
    "relation": {"subject": "ug:subject", "target": "ug:target"},
    "DeclaredCode": {
        "code": "skos:notation",
        "name": "skos:prefLabel",
        "translations": "skos:prefLabel",
        "broader": "skos:broader",
    },
}
#: Free texts that carry the document's language tag.
_TAGGED = frozenset(
    {
        "name",
        "aliases",
        "description",
        "summary",
        "notes",
        "note",
        "quote",
        "text",
        "title",
        # Format 2.0's free texts, as written in the document's language.
        "conditions",
        "audience",
        "category",
        "label",
        "portfolio",
        "opening_hours_text",
    }
)
#: Fields never exported: ids are the IRIs, and what a source leaves unsaid stays unsaid.
_SKIPPED = frozenset({"id", "extensions", "absent"})

#: The EU data theme (Population and society) and language of the datasets.
THEME = "http://publications.europa.eu/resource/authority/data-theme/SOCI"
LANGUAGES = "http://publications.europa.eu/resource/authority/language/"
#: EU authority codes of the languages documents are written in (ISO 639-1 to 639-2).
_EU_LANGUAGES = {
    "it": "ITA",
    "en": "ENG",
    "de": "DEU",
    "fr": "FRA",
    "sl": "SLV",
    "es": "SPA",
    "lld": "LLD",
}


@attrs.frozen(slots=True)
class Publisher:
    """Who publishes the dataset: a name, and an IRI when it has one (e.g. its IPA code page)."""

    name: str
    iri: str | None = None
    identifier: str | None = None
    """Its code in the national index of public administrations (IPA), if any."""


#: Ids that need no percent-encoding in an IRI, as most ids: they skip ``quote``, which is slow.
_PLAIN_ID = re.compile(r"[A-Za-z0-9._~-]+")


def _kind_iri(base: str, kind: str, entity_id: str) -> str:
    plain = _PLAIN_ID.fullmatch(entity_id) is not None
    return f"{base}{kind}/{entity_id if plain else quote(entity_id, safe='')}"


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


# How the values of a field are written, decided once for each model class and field; the
# first three (plain values, links, codes) are the fast path for a single string.
_VALUE, _LINK, _CODE, _TRANSLATIONS, _ISTAT, _OPERATORS, _MEMBERS = range(7)

#: A field as the writer walks it: name, property, how its values are written, codelist,
#: and whether its texts carry the document's language.
_Spec = tuple[str, str, int, str, bool]


def _how(kind: str, cls: type[BaseModel], name: str) -> tuple[int, str]:
    """How the writer writes the values of field *name* of *cls*, and the codelist if any."""
    if name == "translations":
        return _TRANSLATIONS, ""
    if kind == "territory" and name == "istat_code":
        return _ISTAT, ""
    if kind == "service" and name == "operators":
        return _OPERATORS, ""
    if kind == "body" and name == "members":
        return _MEMBERS, ""
    marker = _field_marker(cls, name)
    if isinstance(marker, Ref):
        return _LINK, ""
    if isinstance(marker, CodeIn):
        return _CODE, marker.codelist
    return _VALUE, ""


class _Writer:
    """Turns one document into JSON-LD nodes."""

    def __init__(self, doc: PlanDocument | Landscape, base: str) -> None:
        self.doc = doc
        self.base = base
        self.language = doc.language
        self.index = doc.index
        self.records = self.index.entities
        self.kinds = {entity_id: record.kind for entity_id, record in self.index.entities.items()}
        self.nodes: list[dict[str, Any]] = []
        self.iris: dict[str, str] = {}
        # The fields of each kind of node, in the order the models declare them.
        self.specs: dict[
            tuple[str, type[BaseModel]], tuple[dict[str, int], dict[str, _Spec | None]]
        ] = {}
        # Values many nodes share, made once: links to entities, codes and dates.
        self.links: dict[str, dict[str, str]] = {}
        self.codes: dict[tuple[str, str], dict[str, str]] = {}
        self.dates: dict[PartialDate, dict[str, str]] = {}
        self.classes: dict[tuple[str, str, str | None], list[str]] = {}
        self.part_classes: dict[tuple[str, bool], list[str]] = {}
        # Relations' direct triples: subject IRI, property, target IRIs in order, once each.
        self.triples: dict[str, dict[str, dict[str, None]]] = {}

    def iri(self, entity_id: str) -> str:
        found = self.iris.get(entity_id)
        if found is None:
            kind = self.kinds.get(entity_id, "entity")
            found = self.iris[entity_id] = _kind_iri(self.base, kind, entity_id)
        return found

    def link(self, entity_id: str) -> dict[str, str]:
        """A link to the entity *entity_id*, one object shared by every node that has it."""
        found = self.links.get(entity_id)
        if found is None:
            found = self.links[entity_id] = {"@id": self.iri(entity_id)}
        return found

    def code(self, codelist: str, code: str) -> dict[str, str]:
        """A link to *code* of *codelist*, one object shared by every node that has it."""
        key = (codelist, code)
        found = self.codes.get(key)
        if found is None:
            found = self.codes[key] = {"@id": f"{CODES}{codelist}/{code}"}
        return found

    def entity(self, kind: str, obj: BaseModel, iri: str) -> None:
        territory_kind = getattr(obj, "kind", None) if kind == "territory" else None
        key = (kind, type(obj).__name__, territory_kind)
        classes = self.classes.get(key)
        if classes is None:
            types_ = {*CLASSES.get(kind, ()), f"ug:{type(obj).__name__}"}
            if territory_kind in TERRITORY_CLASSES:
                types_.add(TERRITORY_CLASSES[territory_kind])
            classes = self.classes[key] = sorted(types_)
        node: dict[str, Any] = {"@id": iri, "@type": list(classes)}
        node["dct:identifier"] = str(getattr(obj, "id", "") or "")
        self.fields(node, kind, obj, iri)
        self.nodes.append(node)

    def field_specs(
        self, kind: str, cls: type[BaseModel]
    ) -> tuple[dict[str, int], dict[str, _Spec | None]]:
        """Where each field of *cls* comes in its model, and how the exported ones are written."""
        found = self.specs.get((kind, cls))
        if found is None:
            found = self.specs[kind, cls] = (
                {name: n for n, name in enumerate(cls.model_fields)},
                {
                    name: None
                    if name in _SKIPPED
                    else (
                        name,
                        _property(kind, cls, name),
                        *_how(kind, cls, name),
                        name in _TAGGED,
                    )
                    for name in cls.model_fields
                },
            )
        return found

    def fields(self, node: dict[str, Any], kind: str, obj: BaseModel, iri: str) -> None:
        # The fields given, read straight from the model and taken in the order the model
        # declares them (properties several fields share keep their values in that order).
        positions, specs = self.field_specs(kind, type(obj))
        values = obj.__dict__
        language = self.language
        links = self.links
        for name in sorted(obj.__pydantic_fields_set__, key=positions.__getitem__):
            spec = specs[name]
            if spec is None:  # not exported
                continue
            _, prop, how, codelist, tagged = spec
            value = values[name]
            if type(value) is str and how <= _CODE:  # most values: a text, link or code
                item: dict[str, str]
                if how == _VALUE:
                    item = {"@language": language, "@value": value} if tagged else {"@value": value}
                elif how == _LINK:
                    try:
                        item = links[value]
                    except KeyError:
                        item = self.link(value)
                else:
                    item = self.code(codelist, value)
                if prop in node:
                    node[prop].append(item)
                else:
                    node[prop] = [item]
                continue
            if value is None or (not value and type(value) in (tuple, dict)):
                continue
            if how == _TRANSLATIONS:
                node.setdefault(prop, []).extend(
                    {"@language": tag, "@value": text} for tag, text in sorted(value.items())
                )
                continue
            if how == _ISTAT:
                node[prop] = self.istat(iri, str(value))
                continue
            if how == _OPERATORS:
                # The tenures are qualified (with their periods); the operators also
                # directly, for consumers that read schema.org only.
                node["schema:provider"] = [{"@id": self.iri(item.operator)} for item in value]
            if type(value) is not tuple:
                fragment = f"{iri}#{name}"
                if isinstance(value, BaseModel):
                    node.setdefault(prop, []).append(self.part(kind, value, fragment))
                else:
                    node.setdefault(prop, []).append(self.value(kind, spec, value, fragment))
                continue
            if how == _LINK and type(value[0]) is str:
                node.setdefault(prop, []).extend([self.link(item) for item in value])
                continue
            if how == _CODE and type(value[0]) is str:
                node.setdefault(prop, []).extend([self.code(codelist, item) for item in value])
                continue
            many = len(value) > 1
            parts = [
                self.value(
                    kind,
                    spec,
                    item,
                    # Only parts without an id of their own are given a fragment IRI.
                    (f"{iri}#{name}-{n}" if many else f"{iri}#{name}")
                    if isinstance(item, BaseModel)
                    else iri,
                )
                for n, item in enumerate(value, start=1)
            ]
            if how == _MEMBERS:
                # Seats a source only counts are seat groups, not ORG memberships.
                counted = [
                    part for item, part in zip(value, parts, strict=True) if item.member is None
                ]
                if counted:
                    node.setdefault("ug:seatGroup", []).extend(counted)
                parts = [
                    part for item, part in zip(value, parts, strict=True) if item.member is not None
                ]
            if parts:
                node.setdefault(prop, []).extend(parts)
        if kind == "territory":
            for link in getattr(obj, "part_of", ()):
                node.setdefault("schema:containedInPlace", []).append(
                    {"@id": self.iri(link.territory)}
                )
        if kind == "relation":
            # The direct triple, added to the subject's node once all nodes are made.
            rel = f"ug:{obj.kind}"  # type: ignore[attr-defined]
            targets = self.triples.setdefault(self.iri(obj.subject), {}).setdefault(rel, {})  # type: ignore[attr-defined]
            targets[self.iri(obj.target)] = None  # type: ignore[attr-defined]

    def declared_codes(self, codelists: dict[str, tuple[DeclaredCode, ...]]) -> None:
        """The codes the document adds to codelists, as SKOS concepts of their codelist."""
        for codelist, codes in sorted(codelists.items()):
            scheme = {"@id": f"{CODES}{codelist}"}
            for declared in codes:
                iri = self.code(codelist, declared.code)["@id"]
                node: dict[str, Any] = {
                    "@id": iri,
                    "@type": sorted(CLASSES["DeclaredCode"]),
                    "skos:inScheme": [scheme],
                }
                self.fields(node, "DeclaredCode", declared, iri)
                # A blank label says nothing: readers show the code instead.
                labels = [
                    label for label in node.pop("skos:prefLabel", ()) if label["@value"].strip()
                ]
                if labels:
                    node["skos:prefLabel"] = labels
                if declared.broader is not None:  # a code of the same list, not a text
                    node["skos:broader"] = [self.code(codelist, declared.broader)]
                self.nodes.append(node)

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

    def value(self, kind: str, spec: _Spec, item: Any, iri: str) -> dict[str, Any]:
        """One value of the field *spec*: a link, a code, a literal or a part of its own."""
        name, _, how, codelist, tagged = spec
        if isinstance(item, str):
            if how == _LINK:
                return self.link(item)
            if codelist:
                return self.code(codelist, item)
            if tagged:
                return {"@language": self.language, "@value": item}
            return {"@value": item}
        if isinstance(item, BaseModel):
            return self.part(kind, item, iri)
        if isinstance(item, PartialDate):
            date = self.dates.get(item)
            if date is None:
                date = self.dates[item] = _date_value(item)
            return date
        if isinstance(item, bool):
            return {"@value": item}
        if isinstance(item, int):
            if name == "year":
                return {"@type": "xsd:gYear", "@value": f"{item:04d}"}
            return {"@type": "xsd:integer", "@value": str(item)}
        if isinstance(item, Decimal):
            return {"@type": "xsd:decimal", "@value": str(item)}
        if isinstance(item, dict):
            return {"@value": json.dumps(item, sort_keys=True, ensure_ascii=False)}
        return {"@value": str(item)}

    def period(self, item: Period, iri: str) -> dict[str, Any]:
        """A time interval: the commonest part, written without the general walk."""
        node: dict[str, Any] = {"@id": iri, "@type": list(_PERIOD_CLASSES)}
        given = item.__pydantic_fields_set__
        for name, prop in _PERIOD_FIELDS:
            value = item.__dict__[name]
            if value is not None and name in given:
                date = self.dates.get(value)
                if date is None:
                    date = self.dates[value] = _date_value(value)
                node[prop] = [date]
        self.nodes.append(node)
        return {"@id": iri}

    def part(self, kind: str, item: BaseModel, iri: str) -> dict[str, Any]:
        """A link to *item*: an entity's IRI, or a node of its own for a part of one."""
        cls = type(item)
        item_id = item.__dict__.get("id")
        if item_id is not None:
            record = self.records.get(str(item_id))
            if record is not None and record.entity is item:  # an entity: link to it
                return self.link(str(item_id))
        if cls is Period and _PERIOD_FIELDS:
            return self.period(item, iri)  # type: ignore[arg-type]
        name = cls.__name__
        # Seats a source only counts ("nine experts") name no member: they are the
        # project's own seat groups, not ORG memberships, which need their member.
        counted = name == "Membership" and getattr(item, "member", None) is None
        classes = self.part_classes.get((name, counted))
        if classes is None:
            known = () if counted else CLASSES.get(name, ())
            classes = self.part_classes[name, counted] = sorted({*known, f"ug:{name}"})
        node: dict[str, Any] = {"@id": iri, "@type": list(classes)}
        self.fields(node, name, item, iri)
        if name == "Membership" and kind == "body" and not counted:
            node["org:organization"] = [{"@id": iri.split("#", 1)[0]}]
        elif name == "NetworkMembership":
            node["org:member"] = [{"@id": iri.split("#", 1)[0]}]
        self.nodes.append(node)
        return {"@id": iri}


def _property(kind: str, cls: type[BaseModel], name: str) -> str:
    """The property of field *name* of *cls* in *kind*: mapped, or the project's own."""
    for scope in (kind, cls.__name__, "*"):
        mapped = PROPERTIES.get(scope, {}).get(name)
        if mapped is not None:
            return mapped
    return f"ug:{name}"


#: A period's classes and its fields with their properties, when they are only its two dates
#: (else periods go through the general walk like any other part).
_PERIOD_CLASSES = sorted({*CLASSES["Period"], "ug:Period"})
_PERIOD_FIELDS = (
    (("start", PROPERTIES["Period"]["start"]), ("end", PROPERTIES["Period"]["end"]))
    if tuple(Period.model_fields) == ("start", "end")
    else ()
)


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
        "dct:title": [{"@value": doc.name or doc.id, "@language": doc.language}],
        "dct:description": [
            {"@value": doc.description or doc.name or doc.id, "@language": doc.language}
        ],
        "dcat:theme": [{"@id": THEME}],
        "dct:language": [_language(doc.language)],
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


def _language(tag: str) -> dict[str, str]:
    """The dataset's language: the EU authority's IRI when it has one, else the tag."""
    code = _EU_LANGUAGES.get(tag.split("-", 1)[0].lower())
    if code is None:
        return {"@value": tag, "@type": "xsd:language"}
    return {"@id": LANGUAGES + code}


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
    # The nodes are acyclic: a collection while they are built could free nothing.
    with paused_gc():
        return _json_ld(doc, base_iri, publisher, licence, modified)


def _json_ld(
    doc: PlanDocument | Landscape,
    base_iri: str,
    publisher: Publisher | str | None,
    licence: str | None,
    modified: dt.date | None,
) -> dict[str, Any]:
    base = base_iri if base_iri.endswith(("/", "#")) else base_iri + "/"
    writer = _Writer(doc, base)
    for kind, entity_id, entity in _entities(doc):
        writer.entity(kind, entity, writer.iri(entity_id))
    for n, relation in enumerate(doc.relations, start=1):
        rid = relation.id or f"{doc.id}-{n}"
        writer.entity("relation", relation, _kind_iri(base, "relation", rid))
    writer.declared_codes(doc.codelists)
    graph = _dataset(doc, base, writer, publisher, licence, modified) + writer.nodes
    merged: dict[str, dict[str, Any]] = {}
    # The values each merged node's properties hold, to add each once in constant time.
    held: dict[tuple[str, str], set[tuple[tuple[str, Any], ...]]] = {}
    for node in graph:
        into = merged.setdefault(node["@id"], node)
        if into is node:  # the first node of its IRI, as most are
            continue
        for key, value in node.items():
            if key == "@id":
                continue
            if isinstance(value, list) and isinstance(into.get(key), list):
                seen = held.get((node["@id"], key))
                if seen is None:
                    seen = held[node["@id"], key] = {_hashable(item) for item in into[key]}
                for item in value:
                    frozen = _hashable(item)
                    if frozen not in seen:
                        seen.add(frozen)
                        into[key].append(item)
            else:
                into[key] = value
    for subject, properties in writer.triples.items():
        node = merged.setdefault(subject, {"@id": subject})
        for rel, targets in properties.items():
            have = node.get(rel)
            if not isinstance(have, list):
                node[rel] = [{"@id": target} for target in targets]
                continue
            seen = {_hashable(item) for item in have}
            have.extend({"@id": target} for target in targets if (("@id", target),) not in seen)
    return {"@context": json_ld_context(), "@graph": [merged[key] for key in sorted(merged)]}


def _hashable(value: Any) -> Any:
    """A JSON-LD value (``{"@id": ...}``, a literal's dict, or a string) as a set member."""
    return tuple(sorted(value.items())) if isinstance(value, dict) else value


def json_ld_bytes(doc: PlanDocument | Landscape, **options: Any) -> bytes:
    """:func:`json_ld` as UTF-8 JSON, a node a line, keys sorted: always the same bytes."""
    with paused_gc():
        return _json_ld_bytes(json_ld(doc, **options))


def _json_ld_bytes(data: dict[str, Any]) -> bytes:
    # One node a line: the context indented, the nodes compact, so that the C encoder
    # writes them (an indented dump goes through the pure-Python one, several times slower).
    context = json.dumps(data["@context"], indent=2, ensure_ascii=False, sort_keys=True)
    # The nodes hold no cycles: checking for them would only slow the encoder down.
    encode = json.JSONEncoder(
        ensure_ascii=False, sort_keys=True, separators=(",", ":"), check_circular=False
    ).encode
    nodes = ",\n".join(map(encode, data["@graph"]))
    text = f'{{\n"@context": {context},\n"@graph": [\n{nodes}\n]\n}}\n'
    return text.encode("utf-8")


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
