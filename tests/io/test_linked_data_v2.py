"""Linked data of format 2.0: translations, identifiers, tenures, and every new kind."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pyshacl
import pytest
import rdflib
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, Namespace

import uguaglianza
from tests.graph.conftest import FULL
from uguaglianza.io.linked_data import CODES, Publisher, _property, json_ld, json_ld_bytes
from uguaglianza.io.rdf import rdf_graph, shapes_path, turtle_bytes
from uguaglianza.model import Landscape, PlanDocument
from uguaglianza.privacy import redact

BASE = "https://dati.example.it/pari/"
EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
ORG = Namespace("http://www.w3.org/ns/org#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
TI = Namespace("https://w3id.org/italia/onto/TI/")
UG = Namespace("https://w3id.org/uguaglianza/vocab#")
SCHEMA = Namespace("https://schema.org/")
UGC = Namespace(CODES)
XSD = rdflib.XSD
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

#: Persons of :func:`every_kind`, each named in one of the places a person can now appear.
PERSONS = {
    "party": "Ortensia Balducci",
    "opinion-giver": "Gualtiero Ferraresi",
    "contributor": "Ippolita Scarselli",
    "bearer": "Anselmo Trombetti",
    "seat": "Clelia Montanari",
    "post-holder": "Ermenegildo Fabbri",
}


#: A person known by other names, and where the document writes each of them.
OTHER_NAMES = {
    "name": "Rosalba Quagliarini",
    "alias": "Rosy Quaglia",
    "former": "Rosalba Peverelli",
    "translation": "Rosalba Wachtel",
    "tax code": "QGLRSL70A41A944I",
}
#: The codice fiscale of the graph tests' mayor, a holder of public office.
MAYOR_TAX_CODE = "FBBRMN60B12A944N"


def every_kind(language: str = "it") -> dict[str, Any]:
    """The graph tests' full document, with every format 2.0 concept linked data maps."""
    data = copy.deepcopy(FULL)
    data["language"] = language
    data["persons"] = [*data["persons"]] + [
        {"id": f"p-{key}", "name": name} for key, name in PERSONS.items()
    ]
    # One person more, known by other names too, which texts elsewhere use.
    data["persons"].append(
        {
            "id": "p-other-names",
            "name": OTHER_NAMES["name"],
            "aliases": [OTHER_NAMES["alias"]],
            "former_names": [{"name": OTHER_NAMES["former"]}],
            "translations": {"de": OTHER_NAMES["translation"]},
            "identifiers": [{"scheme": "it_cf", "value": OTHER_NAMES["tax code"]}],
        }
    )
    data["persons"][0]["identifiers"] = [{"scheme": "it_cf", "value": MAYOR_TAX_CODE}]
    data["codelists"] = {
        "organisation_kinds": [
            {
                "code": "ayuntamiento",
                "name": "Ayuntamiento",
                "translations": {"en": "Municipal council (Spain)"},
                "broader": "comune",
                "description": "Governo di un comune spagnolo.",
            },
            {"code": "ente_senza_nome", "name": " "},
        ]
    }
    data["posts"].append(
        {
            "id": "post-treasurer",
            "kind": "dirigente",
            "name": "Dirigente finanze",
            "organisation": "org-a",
            "holder": "p-post-holder",
        }
    )
    org = data["organisations"][0]
    org["translations"] = {"en": "Metropolitan City", "de": "Metropolstadt"}
    org["aliases"] = ["CM di Bologna"]
    org["former_names"] = [{"name": "Provincia", "period": {"end": "2014-12-31"}}]
    org["identifiers"] = [
        {"scheme": "ipa", "value": "cm_bo"},
        {"scheme": "it_cf", "value": "03428581205"},
    ]
    com_a = data["territories"][3]
    com_a["identifiers"] = [
        {"scheme": "nuts", "value": "ITH55"},
        {"scheme": "lau", "value": "037001", "period": {"start": "2014"}},
    ]
    letter = data["acts"][0]
    letter["parties"].append({"party": "p-party", "role": "adherent"})
    letter["steps"].append({"step": "adopted", "date": "2022-05-12", "by": "p-party"})
    letter["in_force"] = {"start": "2022-05-10", "end": "2025"}
    letter["absent"] = {"registry": "not_stated"}
    data["opinions"].append(
        {"id": "opinion-2", "name": "Parere", "by": "p-opinion-giver", "on": "plan"}
    )
    data["obligations"].append(
        {"id": "report", "name": "Relazione", "kind": "report", "bearer": "p-bearer"}
    )
    data["plan"]["contributors"].append({"actor": "p-contributor", "role": "drafted"})
    data["bodies"][0]["members"].append({"member": "p-seat", "period": {"start": "2023"}})
    data["bodies"][0]["members"].append({"seats": 9, "category": "esperte"})
    data["services"][0]["operators"] = [
        {"operator": "assoc", "period": {"start": "2019", "end": "2022"}},
        {"operator": "agency", "period": {"start": "2023"}},
    ]
    data["services"][0]["networks"] = [{"network": "network", "period": {"start": "2020"}}]
    data["services"][0]["notes"] = (
        f"Sportello aperto da {OTHER_NAMES['alias']}, nata {OTHER_NAMES['former']}."
    )
    data["services"][0]["opening_hours_text"] = "Su appuntamento"
    data["opinions"][-1]["conditions"] = "Con riserva"
    data["transfers"].append(
        {
            "id": "transfer-2",
            "payer": "post-treasurer",
            "payee": "assoc",
            "by_year": [
                {"year": 2023, "amount": {"amount": "1000", "currency": "EUR"}},
                {"year": 2024, "amount": {"amount": "2000", "currency": "EUR"}, "planned": True},
            ],
        }
    )
    return data


@pytest.fixture(scope="module")
def doc() -> PlanDocument | Landscape:
    return uguaglianza.from_data(every_kind())


@pytest.fixture(scope="module")
def graph(doc: PlanDocument | Landscape) -> rdflib.Graph:
    return rdflib.Graph().parse(data=json_ld_bytes(doc, base_iri=BASE), format="json-ld")


def iri(kind: str, entity_id: str) -> rdflib.URIRef:
    return rdflib.URIRef(f"{BASE}{kind}/{entity_id}")


def test_names_carry_the_document_language_and_every_translation(graph: rdflib.Graph) -> None:
    node = iri("organisation", "org-cm")
    labels = set(graph.objects(node, RDFS.label))
    assert labels == {
        rdflib.Literal("Città metropolitana", lang="it"),
        rdflib.Literal("Metropolitan City", lang="en"),
        rdflib.Literal("Metropolstadt", lang="de"),
    }
    assert set(graph.objects(node, SKOS.altLabel)) == {rdflib.Literal("CM di Bologna", lang="it")}
    (former,) = graph.objects(node, UG.formerName)
    assert graph.value(former, RDFS.label) == rdflib.Literal("Provincia", lang="it")
    assert graph.value(graph.value(former, TI.atTime), TI.endTime) == rdflib.Literal(
        "2014-12-31", datatype=XSD.date
    )


def test_another_document_language_tags_the_names_with_it() -> None:
    data = every_kind("en")
    data["name"] = "Every tie"
    out = rdflib.Graph().parse(
        data=json_ld_bytes(uguaglianza.from_data(data), base_iri=BASE), format="json-ld"
    )
    assert (iri("act", "letter"), RDFS.label, rdflib.Literal("Lettera", lang="en")) in out
    dataset = rdflib.URIRef(f"{BASE}dataset/doc-full")
    assert (dataset, DCTERMS.title, rdflib.Literal("Every tie", lang="en")) in out
    language = rdflib.URIRef("http://publications.europa.eu/resource/authority/language/ENG")
    assert (dataset, DCTERMS.language, language) in out
    assert not list(out.triples((None, None, rdflib.Literal("Lettera", lang="it"))))


def test_identifiers_by_scheme_are_adms_identifiers(graph: rdflib.Graph) -> None:
    found = {}
    for node in ("organisation/org-cm", "territory/com-a"):
        for ident in graph.objects(rdflib.URIRef(BASE + node), ADMS.identifier):
            assert (ident, RDF.type, ADMS.Identifier) in graph
            scheme = graph.value(ident, DCTERMS.type)
            found[str(scheme).rsplit("/", 1)[1]] = str(graph.value(ident, SKOS.notation))
    assert found == {"ipa": "cm_bo", "it_cf": "03428581205", "nuts": "ITH55", "lau": "037001"}
    assert (None, DCTERMS.type, UGC["identifier_schemes/lau"]) in graph


def test_service_tenures_and_networks_keep_their_periods(graph: rdflib.Graph) -> None:
    desk = iri("service", "desk")
    assert set(graph.objects(desk, SCHEMA.provider)) == {
        iri("organisation", "assoc"),
        iri("organisation", "agency"),
    }
    tenures = {
        str(graph.value(tenure, SCHEMA.provider)).rsplit("/", 1)[1]: str(
            graph.value(graph.value(tenure, TI.atTime), TI.startTime)
        )
        for tenure in graph.objects(desk, UG.operatorTenure)
    }
    assert tenures == {"assoc": "2019", "agency": "2023"}
    (membership,) = graph.objects(desk, UG.networkMembership)
    assert (membership, RDF.type, ORG.Membership) in graph
    assert (membership, ORG.member, desk) in graph
    assert (membership, ORG.organization, iri("body", "network")) in graph
    period = graph.value(membership, ORG.memberDuring)
    assert graph.value(period, TI.startTime) == rdflib.Literal("2020", datatype=XSD.gYear)


def test_every_new_kind_is_typed_and_linked(graph: rdflib.Graph) -> None:
    letter = iri("act", "letter")
    in_force = graph.value(letter, UG.inForce)
    assert (in_force, RDF.type, TI.TimeInterval) in graph
    steps = {graph.value(step, DCTERMS.creator) for step in graph.objects(letter, UG.step)}
    assert steps == {iri("person", "mayor"), iri("person", "p-party")}
    parties = {graph.value(party, SCHEMA.agent) for party in graph.objects(letter, UG.party)}
    assert parties == {iri("organisation", "org-a"), iri("person", "p-party")}
    effects = {graph.value(effect, DCTERMS.type) for effect in graph.objects(letter, UG.effect)}
    assert UGC["act_effects/adopts"] in effects
    opinion = iri("opinion", "opinion-2")
    assert (opinion, RDF.type, UG.Opinion) in graph
    assert (opinion, DCTERMS.creator, iri("person", "p-opinion-giver")) in graph
    assert (opinion, SCHEMA.about, iri("plan", "plan")) in graph
    report = iri("obligation", "report")
    assert (report, RDF.type, UG.Obligation) in graph
    assert (report, UG.bearer, iri("person", "p-bearer")) in graph
    plan = iri("plan", "plan")
    (link,) = graph.objects(plan, UG.link)
    assert (link, DCTERMS.relation, iri("plan", "plan-old")) in graph
    agents = {graph.value(c, SCHEMA.agent) for c in graph.objects(plan, SCHEMA.contributor)}
    assert agents == {iri("organisation", "assoc"), iri("person", "p-contributor")}
    transfer = iri("transfer", "transfer")
    assert (transfer, RDF.type, SCHEMA.MoneyTransfer) in graph
    assert (transfer, SCHEMA.agent, iri("organisation", "org-cm")) in graph
    assert (transfer, SCHEMA.recipient, iri("organisation", "assoc")) in graph
    assert (transfer, UG.via, iri("organisation", "agency")) in graph
    years = {
        str(graph.value(year, UG.year)): str(
            graph.value(graph.value(year, SCHEMA.amount), SCHEMA.value)
        )
        for year in graph.objects(iri("transfer", "transfer-2"), UG.by_year)
    }
    assert years == {"2023": "1000", "2024": "2000"}
    assert (None, UG.year, rdflib.Literal("2023", datatype=XSD.gYear)) in graph
    shares = {
        str(graph.value(part, SCHEMA.funder)).rsplit("/", 1)[1]
        for part in graph.objects(iri("grant", "grant"), UG.co_financing)
    }
    assert shares == {"fund", "org-cm"}


def test_what_a_source_does_not_state_is_not_exported(doc: PlanDocument | Landscape) -> None:
    letter = next(
        node
        for node in json_ld(doc, base_iri=BASE)["@graph"]
        if node["@id"] == str(iri("act", "letter"))
    )
    assert not any("absent" in key or "registry" in key for key in letter)
    assert "not_stated" not in json_ld_bytes(doc, base_iri=BASE).decode()


def test_the_shapes_accept_every_kind(doc: PlanDocument | Landscape) -> None:
    shapes = rdflib.Graph().parse(str(shapes_path()), format="turtle")
    data = rdf_graph(doc, base_iri=BASE, publisher=Publisher("Ente"), licence=LICENCE)
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes)
    assert conforms, text


def test_the_shapes_catch_an_identifier_without_its_value(doc: PlanDocument | Landscape) -> None:
    shapes = rdflib.Graph().parse(str(shapes_path()), format="turtle")
    data = rdf_graph(doc, base_iri=BASE)
    for ident in list(data.subjects(RDF.type, ADMS.Identifier)):
        data.remove((ident, SKOS.notation, None))
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes)
    assert not conforms
    assert "notation" in text


def test_the_rdflib_reading_matches(doc: PlanDocument | Landscape) -> None:
    from rdflib.compare import isomorphic

    parsed = rdflib.Graph().parse(data=json_ld_bytes(doc, base_iri=BASE), format="json-ld")
    assert isomorphic(parsed, rdf_graph(doc, base_iri=BASE))
    assert json.loads(json_ld_bytes(doc, base_iri=BASE))["@graph"]


@pytest.mark.parametrize("fmt", ["jsonld", "ttl", "json", "yaml"])
def test_no_name_survives_redaction_in_the_new_places(fmt: str) -> None:
    doc = uguaglianza.from_data(every_kind())
    plain = json_ld_bytes(doc, base_iri=BASE).decode()
    assert all(name in plain for name in PERSONS.values())  # each is there to be redacted
    redacted = redact(doc)
    if fmt == "jsonld":
        out = json_ld_bytes(redacted, base_iri=BASE).decode()
    elif fmt == "ttl":
        out = turtle_bytes(redacted, base_iri=BASE).decode()
    else:
        out = uguaglianza.dumps(redacted, fmt)
    for key, name in PERSONS.items():
        assert name not in out, (key, fmt)
        assert f"p-{key}" not in out, (key, fmt)
        for part in name.split():
            assert part not in out, (part, fmt)


def test_declared_codes_are_skos_concepts_of_their_codelist(graph: rdflib.Graph) -> None:
    code = UGC["organisation_kinds/ayuntamiento"]
    assert (code, RDF.type, SKOS.Concept) in graph
    assert (code, SKOS.inScheme, UGC["organisation_kinds"]) in graph
    assert (code, SKOS.notation, rdflib.Literal("ayuntamiento")) in graph
    assert set(graph.objects(code, SKOS.prefLabel)) == {
        rdflib.Literal("Ayuntamiento", lang="it"),
        rdflib.Literal("Municipal council (Spain)", lang="en"),
    }
    assert (code, SKOS.broader, UGC["organisation_kinds/comune"]) in graph
    assert (code, DCTERMS.description, None) in graph
    blank = UGC["organisation_kinds/ente_senza_nome"]
    assert (blank, SKOS.notation, rdflib.Literal("ente_senza_nome")) in graph
    assert not list(graph.objects(blank, SKOS.prefLabel))  # a blank label says nothing


def test_free_texts_carry_the_document_language(graph: rdflib.Graph) -> None:
    desk = iri("service", "desk")
    assert (desk, UG.opening_hours_text, rdflib.Literal("Su appuntamento", lang="it")) in graph
    opinion = iri("opinion", "opinion-2")
    assert (opinion, UG.conditions, rdflib.Literal("Con riserva", lang="it")) in graph


def _entity_sources() -> list[tuple[str, dict[str, Any] | Path]]:
    return [("every-kind", every_kind()), *((path.stem, path) for path in EXAMPLES)]


@pytest.mark.parametrize("source", _entity_sources(), ids=lambda source: source[0])
def test_every_field_an_entity_is_given_is_exported(source: tuple[str, Any]) -> None:
    _, given = source
    doc = uguaglianza.load(given) if isinstance(given, Path) else uguaglianza.from_data(given)
    nodes = {node["@id"]: node for node in json_ld(doc, base_iri=BASE)["@graph"]}
    checked = 0
    for entity_id, record in doc.index.entities.items():
        entity = record.entity
        node = nodes[str(iri(record.kind, entity_id))]
        for name in sorted(entity.model_fields_set - {"id", "absent", "extensions"}):
            value = getattr(entity, name)
            if value is None or (isinstance(value, tuple | dict) and not value):
                continue
            prop = _property(record.kind, type(entity), name)
            if name == "members" and all(item.member is None for item in value):
                prop = "ug:seatGroup"
            assert prop in node, f"{entity_id}.{name} is not exported as {prop}"
            checked += 1
    assert checked > len(doc.index.entities)


REASONS = {"not_stated", "not_applicable", "withheld", "not_yet_decided"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_no_absence_is_ever_exported(path: Path) -> None:
    doc = uguaglianza.load(path)
    for node in json_ld(doc, base_iri=BASE)["@graph"]:
        for key, values in node.items():
            assert "absent" not in key
            for value in values if isinstance(values, list) else [values]:
                if isinstance(value, dict):
                    assert value.get("@value") not in REASONS, (node["@id"], key)
                    assert "absence_reasons" not in str(value.get("@id")), (node["@id"], key)


def test_no_other_name_of_a_person_survives_redaction() -> None:
    doc = uguaglianza.from_data(every_kind())
    plain = json_ld_bytes(doc, base_iri=BASE).decode()
    assert OTHER_NAMES["alias"] in plain and OTHER_NAMES["former"] in plain
    redacted = redact(doc)
    outputs = {
        "jsonld": json_ld_bytes(redacted, base_iri=BASE).decode(),
        "json": uguaglianza.dumps(redacted, "json"),
    }
    for fmt, out in outputs.items():
        for what, text in OTHER_NAMES.items():
            for part in text.split():
                assert part not in out, (what, part, fmt)


def test_office_holders_kept_by_name_lose_their_tax_code() -> None:
    doc = uguaglianza.from_data(every_kind())
    kept = redact(doc, keep_office_holders=True)
    out = json_ld_bytes(kept, base_iri=BASE).decode()
    assert "Sindaca" in out
    assert MAYOR_TAX_CODE not in out and MAYOR_TAX_CODE not in uguaglianza.dumps(kept)
