"""Linked data: every example as JSON-LD and Turtle, read back with rdflib, checked by SHACL."""

from __future__ import annotations

import builtins
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyshacl
import pytest
import rdflib
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, Namespace

import uguaglianza
from uguaglianza.errors import MissingExtraError
from uguaglianza.io.linked_data import (
    CONTEXT_IRI,
    CONTEXT_VERSION,
    Publisher,
    context_bytes,
    json_ld,
    json_ld_bytes,
)
from uguaglianza.io.rdf import rdf_graph, shapes_path, turtle_bytes
from uguaglianza.model import Landscape, PlanDocument

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
BASE = "https://dati.example.it/pari/"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
ORG = Namespace("http://www.w3.org/ns/org#")
CLV = Namespace("https://w3id.org/italia/onto/CLV/")
COV = Namespace("https://w3id.org/italia/onto/COV/")
CPV = Namespace("https://w3id.org/italia/onto/CPV/")
TI = Namespace("https://w3id.org/italia/onto/TI/")
L0 = Namespace("https://w3id.org/italia/onto/l0/")
UG = Namespace("https://w3id.org/uguaglianza/vocab#")
SCHEMA = Namespace("https://schema.org/")
# rdflib's own JSON-LD parser, used here to read the export as any consumer would, still
# builds a ConjunctiveGraph, which rdflib 7 deprecates.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
OPTIONS: dict[str, Any] = {
    "base_iri": BASE,
    "publisher": Publisher("Città metropolitana di Bologna", "https://dati.example.it/ente"),
    "licence": LICENCE,
}


def iri(kind: str, entity_id: str) -> rdflib.URIRef:
    return rdflib.URIRef(f"{BASE}{kind}/{entity_id}")


@pytest.fixture(scope="module", params=[path.stem for path in EXAMPLES])
def doc(request: pytest.FixtureRequest) -> PlanDocument | Landscape:
    return uguaglianza.load(ROOT / "examples" / f"{request.param}.yaml")


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(str(shapes_path()), format="turtle")


def parsed(doc: PlanDocument | Landscape, fmt: str) -> rdflib.Graph:
    if fmt == "json-ld":
        return rdflib.Graph().parse(data=json_ld_bytes(doc, **OPTIONS), format="json-ld")
    return rdflib.Graph().parse(data=turtle_bytes(doc, **OPTIONS), format="turtle")


def test_rdflib_reads_the_json_ld_as_the_library_does(doc: PlanDocument | Landscape) -> None:
    from rdflib.compare import isomorphic

    assert isomorphic(parsed(doc, "json-ld"), rdf_graph(doc, **OPTIONS))


@pytest.mark.parametrize("fmt", ["json-ld", "turtle"])
def test_every_entity_has_its_types_and_links(doc: PlanDocument | Landscape, fmt: str) -> None:
    graph = parsed(doc, fmt)
    for org in doc.organisations:
        node = iri("organisation", org.id)
        assert (node, RDF.type, ORG.Organization) in graph
        assert (node, RDF.type, COV.Organization) in graph
        assert (node, RDFS.label, rdflib.Literal(org.name, lang=doc.language)) in graph
        if org.parent:
            assert (node, ORG.subOrganizationOf, iri("organisation", org.parent)) in graph
    for person in doc.persons:
        assert (iri("person", person.id), RDF.type, CPV.Person) in graph
        if person.given_name:
            assert (iri("person", person.id), CPV.givenName, None) in graph
    for post in doc.posts:
        node = iri("post", post.id)
        assert (node, RDF.type, ORG.Post) in graph
        owner = doc.index.get(post.organisation)
        assert owner is not None
        assert (node, ORG.postIn, iri(owner.kind, post.organisation)) in graph
        if post.holder:
            assert (node, ORG.heldBy, iri("person", post.holder)) in graph
    for body in doc.bodies:
        node = iri("body", body.id)
        assert (node, RDF.type, ORG.Organization) in graph
        memberships = set(graph.objects(node, ORG.hasMembership))
        named = [seat for seat in body.members if seat.member is not None]
        assert len(memberships) == len(named)
        groups = set(graph.objects(node, UG.seatGroup))
        assert len(groups) == len(body.members) - len(named)
        for group in groups:  # seats a source only counts: no ORG membership without member
            assert (group, RDF.type, ORG.Membership) not in graph
            assert graph.value(group, UG.seats) is not None
        for seat in memberships:
            assert (seat, RDF.type, ORG.Membership) in graph
            assert (seat, ORG.organization, node) in graph
        members = {str(graph.value(seat, ORG.member)) for seat in memberships}
        expected = set()
        for seat in named:
            found = doc.index.get(seat.member)
            assert found is not None
            expected.add(str(iri(found.kind, seat.member)))
        assert members == expected
    for territory in doc.territories:
        node = iri("territory", territory.id)
        assert (node, RDF.type, CLV.Feature) in graph
        if territory.kind == "comune":
            assert (node, RDF.type, CLV.City) in graph
        if territory.istat_code:
            code = graph.value(node, CLV.hasIdentifier)
            assert (code, RDF.type, CLV.Identifier) in graph
            assert graph.value(code, L0.identifier) == rdflib.Literal(territory.istat_code)
        for link in territory.part_of:
            assert (node, SCHEMA.containedInPlace, iri("territory", link.territory)) in graph
    for plan in doc.plans_list():
        node = iri("plan", plan.id)
        assert (node, RDF.type, UG.Plan) in graph
        assert {str(a) for a in graph.objects(node, UG.action)} == {
            str(iri("action", action.id)) for action in plan.actions
        }
        for action in plan.actions:
            assert (iri("action", action.id), RDF.type, UG.Action) in graph
    for act in doc.acts:
        assert (iri("act", act.id), RDF.type, UG.Act) in graph
    for relation in doc.relations:
        subject = doc.index.get(relation.subject)
        target = doc.index.get(relation.target)
        assert subject is not None and target is not None
        assert (
            iri(subject.kind, relation.subject),
            UG[relation.kind],
            iri(target.kind, relation.target),
        ) in graph


def test_the_dataset_is_described_in_dcat_ap_it(doc: PlanDocument | Landscape) -> None:
    graph = parsed(doc, "turtle")
    dataset = iri("dataset", doc.id)
    assert (dataset, RDF.type, DCAT.Dataset) in graph
    assert (dataset, RDF.type, rdflib.URIRef("http://dati.gov.it/onto/dcatapit#Dataset")) in graph
    assert (dataset, DCTERMS.license, rdflib.URIRef(LICENCE)) in graph
    publisher = rdflib.URIRef("https://dati.example.it/ente")
    assert (dataset, DCTERMS.publisher, publisher) in graph
    assert (dataset, DCTERMS.rightsHolder, publisher) in graph
    assert (dataset, DCTERMS.conformsTo, rdflib.URIRef(CONTEXT_IRI)) in graph
    dates = sorted(str(s.date) for s in doc.sources if s.date)
    modified = graph.value(dataset, DCTERMS.modified)
    if dates:
        assert str(modified) in dates
    today = dt.date.today().isoformat()
    assert today not in {str(o) for o in graph.objects(dataset, None)}


def test_the_dataset_date_is_the_one_asked_for() -> None:
    doc = uguaglianza.load(EXAMPLES[0])
    graph = rdflib.Graph().parse(
        data=json_ld_bytes(doc, base_iri=BASE, modified=dt.date(2024, 5, 6)), format="json-ld"
    )
    assert str(graph.value(iri("dataset", doc.id), DCTERMS.modified)) == "2024-05-06"


@pytest.mark.parametrize("fmt", ["json-ld", "turtle"])
def test_the_output_satisfies_the_shipped_shapes(
    doc: PlanDocument | Landscape, fmt: str, shapes: rdflib.Graph
) -> None:
    conforms, _, text = pyshacl.validate(parsed(doc, fmt), shacl_graph=shapes)
    assert conforms, text


def test_without_publisher_and_licence_the_shapes_warn(shapes: rdflib.Graph) -> None:
    graph = rdf_graph(uguaglianza.load(EXAMPLES[0]), base_iri=BASE)
    conforms, report, _text = pyshacl.validate(graph, shacl_graph=shapes, allow_warnings=True)
    assert conforms
    messages = {
        str(m)
        for m in report.objects(None, rdflib.URIRef("http://www.w3.org/ns/shacl#resultMessage"))
    }
    assert "DCAT-AP_IT asks for a licence" in messages
    assert "DCAT-AP_IT asks for the publisher" in messages


def test_the_shapes_catch_a_broken_export(shapes: rdflib.Graph) -> None:
    doc = uguaglianza.load(ROOT / "examples" / "bologna-piano-uguaglianza.yaml")
    graph = rdf_graph(doc, **OPTIONS)
    post = iri("post", doc.posts[0].id)
    graph.remove((post, ORG.postIn, None))
    code = next(graph.subjects(RDF.type, CLV.Identifier))
    graph.set((code, L0.identifier, rdflib.Literal("Bologna")))
    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes)
    assert not conforms
    assert "postIn" in text and "identifier" in text


def test_iris_start_at_the_chosen_base() -> None:
    doc = uguaglianza.load(EXAMPLES[0])
    data = json_ld(doc, base_iri="https://example.org/pa")
    ids = [node["@id"] for node in data["@graph"]]
    ours = [i for i in ids if i.startswith("https://example.org/pa/")]
    assert ours and all(
        i.startswith(("https://example.org/pa/", "https://creativecommons.org")) for i in ids
    )
    assert not any(i.startswith("_:") for i in ids)


@pytest.mark.parametrize("fmt", ["jsonld", "ttl"])
def test_the_same_document_gives_the_same_bytes_in_any_process(fmt: str) -> None:
    code = (
        "import sys, uguaglianza\n"
        "from uguaglianza.io.linked_data import json_ld_bytes\n"
        "from uguaglianza.io.rdf import turtle_bytes\n"
        f"doc = uguaglianza.load({str(EXAMPLES[0])!r})\n"
        f"write = json_ld_bytes if {fmt!r} == 'jsonld' else turtle_bytes\n"
        f"sys.stdout.buffer.write(write(doc, base_iri={BASE!r}))\n"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, check=True, env=env
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1


def test_the_published_context_has_no_drift() -> None:
    committed = ROOT / "schema" / f"uguaglianza.context-{CONTEXT_VERSION}.jsonld"
    assert committed.read_bytes() == context_bytes(), (
        f"{committed.name} is out of date: run "
        f"`uguaglianza schema --jsonld-context -o schema/{committed.name}`"
    )
    assert CONTEXT_IRI.endswith(f"schema/{committed.name}")


def test_the_context_maps_to_the_national_and_w3c_vocabularies() -> None:
    context = json.loads(context_bytes())["@context"]
    assert context["cov"] == "https://w3id.org/italia/onto/COV/"
    assert context["clv"] == "https://w3id.org/italia/onto/CLV/"
    assert context["cpv"] == "https://w3id.org/italia/onto/CPV/"
    assert context["ti"] == "https://w3id.org/italia/onto/TI/"
    assert context["org"] == "http://www.w3.org/ns/org#"
    assert context["Organisation"] == {"@id": "org:Organization"}
    assert context["Person"] == {"@id": "cpv:Person"}
    assert context["Membership"] == {"@id": "org:Membership"}


def test_json_ld_needs_no_rdflib_but_turtle_does(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_rdflib(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "rdflib" or name.startswith("rdflib."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_rdflib)
    monkeypatch.delitem(sys.modules, "rdflib", raising=False)
    doc = uguaglianza.load(EXAMPLES[0])
    assert json_ld_bytes(doc, base_iri=BASE)
    with pytest.raises(MissingExtraError, match=r"uguaglianza\[rdf\]"):
        turtle_bytes(doc, base_iri=BASE)
