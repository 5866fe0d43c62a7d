"""Redaction: no person's name survives in any output of any example."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import uguaglianza
from uguaglianza.graph import analyse, coordination_graph
from uguaglianza.graph.analysis.report import SECTIONS
from uguaglianza.io.graphs import graph_bytes
from uguaglianza.io.linked_data import json_ld_bytes
from uguaglianza.io.rdf import turtle_bytes
from uguaglianza.model import Landscape, PlanDocument
from uguaglianza.privacy import PSEUDONYM_PREFIX, PUBLIC_OFFICES, pseudonym, redact

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
WITH_PERSONS = [path for path in EXAMPLES if uguaglianza.load(path).persons]
BASE = "https://dati.example.it/pari/"


def outputs(doc: PlanDocument | Landscape) -> dict[str, bytes]:
    """Every format the library writes a document or its graph in."""
    graph = coordination_graph(doc)
    return {
        "json": uguaglianza.dumps(doc, "json").encode(),
        "yaml": uguaglianza.dumps(doc, "yaml").encode(),
        "jsonld": json_ld_bytes(doc, base_iri=BASE),
        "ttl": turtle_bytes(doc, base_iri=BASE),
        "graphml": graph_bytes(graph, "graphml"),
        "gexf": graph_bytes(graph, "gexf"),
        "node-link": graph_bytes(graph, "json"),
        "analyse": json.dumps(
            analyse(graph, sections=SECTIONS).to_dict(), ensure_ascii=False
        ).encode(),
    }


def names(doc: PlanDocument | Landscape) -> list[str]:
    """Each person's name, given and family names and id."""
    found = []
    for person in doc.persons:
        found += [person.name, person.id]
        found += [part for part in (person.given_name, person.family_name) if part]
    return found


def test_the_examples_name_persons() -> None:
    assert len(WITH_PERSONS) >= 3


@pytest.mark.parametrize("path", WITH_PERSONS, ids=lambda path: path.stem)
def test_no_name_survives_in_any_output(path: Path) -> None:
    original = uguaglianza.load(path)
    for fmt, data in outputs(original).items():
        assert any(name.casefold().encode() in data.lower() for name in names(original)), (
            f"{fmt} names nobody even before redaction"
        )
    redacted = redact(original)
    for fmt, data in outputs(redacted).items():
        text = data.decode("utf-8").casefold()
        for name in names(original):
            assert name.casefold() not in text, f"{name!r} survives in {fmt}"
        for pseudo in (person.id for person in redacted.persons):
            assert pseudo.startswith(PSEUDONYM_PREFIX)


@pytest.mark.parametrize("path", WITH_PERSONS, ids=lambda path: path.stem)
def test_references_become_posts_or_pseudonyms(path: Path) -> None:
    original = uguaglianza.load(path)
    redacted = redact(original)
    ids = {person.id for person in original.persons}
    # Nothing refers to a person id that is gone, and the document is still valid.
    assert not ids & set(redacted.index.entities)
    assert uguaglianza.loads(uguaglianza.dumps(redacted, "json")) == redacted
    for person in redacted.persons:
        assert set(person.model_fields_set) == {"id", "name"}
    for before, after in zip(original.posts, redacted.posts, strict=True):
        if before.holder:
            assert after.holder == pseudonym(before.holder, key_of(original))


def key_of(doc: PlanDocument | Landscape) -> bytes:
    import hashlib

    return hashlib.sha256(uguaglianza.dumps(doc, "json").encode()).digest()


def small(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "document": "plan",
        "schema_version": "2.0",
        "id": "doc",
        "sources": [{"id": "src", "name": "Lettera", "date": "2022-03-01"}],
        "organisations": [
            {"id": "org", "kind": "comune", "name": "Comune", "email": "anna.rossi@comune.it"}
        ],
        "persons": [
            {
                "id": "anna-rossi",
                "name": "Anna Rossi",
                "given_name": "Anna",
                "family_name": "Rossi",
                "source": {"document": "src", "quote": "la sindaca ANNA ROSSI"},
            },
            {
                "id": "luca-bianchi",
                "name": "Luca Bianchi",
                "given_name": "Luca",
                "family_name": "Bianchi",
            },
        ],
        "posts": [
            {
                "id": "post-sindaca",
                "kind": "sindaco",
                "name": "Sindaca",
                "organisation": "org",
                "holder": "anna-rossi",
            },
        ],
        "acts": [
            {
                "id": "act",
                "kind": "letter",
                "name": "Lettera di Anna Rossi",
                "issuer": "anna-rossi",
                "signatories": ["anna-rossi", "luca-bianchi"],
            },
        ],
        "relations": [
            {"kind": "supports", "subject": "anna-rossi", "target": "post-sindaca"},
            {
                "kind": "coordinates",
                "subject": "luca-bianchi",
                "target": "org",
                "note": "Bianchi coordina",
            },
        ],
        "plan": {
            "id": "plan",
            "kind": "equality_plan",
            "name": "Piano",
            "actions": [
                {
                    "id": "a1",
                    "name": "Azione",
                    "lead": "anna-rossi",
                    "partners": ["luca-bianchi", "post-sindaca"],
                }
            ],
        },
    }
    data.update(changes)
    return data


@pytest.fixture
def doc() -> PlanDocument:
    loaded = uguaglianza.from_data(small())
    assert isinstance(loaded, PlanDocument)
    return loaded


def test_persons_become_their_one_post_where_a_post_fits(doc: PlanDocument) -> None:
    redacted = redact(doc, key=b"secret")
    anna, luca = pseudonym("anna-rossi", b"secret"), pseudonym("luca-bianchi", b"secret")
    act = redacted.acts[0]
    assert act.issuer == "post-sindaca"
    assert act.signatories == ("post-sindaca", luca)
    assert act.name == f"Lettera di {anna}"
    # The post is already a partner: the lead is not turned into a second copy of it.
    assert redacted.plan.actions[0].lead == anna
    assert redacted.plan.actions[0].partners == (luca, "post-sindaca")
    supports, coordinates = redacted.relations
    # A person holding a post does not become a post holding itself.
    assert (supports.subject, supports.target) == (anna, "post-sindaca")
    assert coordinates.subject == luca and coordinates.note == f"{luca} coordina"
    assert redacted.posts[0].holder == anna
    assert redacted.persons[0].source is None
    # A contact carrying a person's name goes.
    assert redacted.organisations[0].email is None


def test_pseudonyms_are_keyed_hashes_not_slugs(doc: PlanDocument) -> None:
    one, two = redact(doc, key=b"one"), redact(doc, key=b"two")
    assert [p.id for p in one.persons] != [p.id for p in two.persons]
    assert redact(doc, key=b"one") == one
    assert redact(doc) == redact(doc)
    for person in one.persons:
        assert re.fullmatch(PSEUDONYM_PREFIX + "[0-9a-f]{12}", person.id)
        assert "rossi" not in person.id and "bianchi" not in person.id


def test_office_holders_keep_their_names_when_asked(doc: PlanDocument) -> None:
    redacted = redact(doc, keep_office_holders=True, key=b"k")
    kept, hidden = redacted.persons
    assert (kept.id, kept.name, kept.family_name) == ("anna-rossi", "Anna Rossi", "Rossi")
    assert hidden.id == pseudonym("luca-bianchi", b"k")
    assert redacted.acts[0].issuer == "anna-rossi"
    text = uguaglianza.dumps(redacted, "json")
    assert "Bianchi" not in text and "Luca" not in text
    # A post outside the public offices does not keep its holder's name.
    staff = uguaglianza.from_data(
        small(
            posts=[
                {
                    "id": "post-sindaca",
                    "kind": "funzionario",
                    "name": "Funzionaria",
                    "organisation": "org",
                    "holder": "anna-rossi",
                }
            ]
        )
    )
    assert "Rossi" not in uguaglianza.dumps(redact(staff, keep_office_holders=True), "json")


def test_nothing_to_redact_gives_the_document_back() -> None:
    doc = uguaglianza.load(ROOT / "examples" / "milano-reaction.yaml")
    assert redact(doc) is doc
    assert redact(uguaglianza.load(WITH_PERSONS[0]), persons=False) == uguaglianza.load(
        WITH_PERSONS[0]
    )


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "uguaglianza.cli", *args], capture_output=True, check=False
    )


@pytest.mark.parametrize(
    "command",
    [
        ["convert", "--to", "yaml"],
        ["convert", "--to", "jsonld", "--base-iri", BASE],
        ["convert", "--to", "ttl", "--base-iri", BASE],
        ["graph", "--to", "gexf"],
        ["analyse", "--format", "json", "--sections", "all"],
        ["calendar"],
    ],
    ids=lambda command: "-".join(command[:3]),
)
def test_every_command_that_writes_data_redacts(command: list[str]) -> None:
    path = WITH_PERSONS[0]
    original = uguaglianza.load(path)
    plain = run(command[0], str(path), *command[1:])
    assert plain.returncode == 0, plain.stderr
    result = run(command[0], str(path), *command[1:], "--redact", "persons")
    assert result.returncode == 0, result.stderr
    for name in names(original):
        assert name.casefold().encode() not in result.stdout.lower(), name


def test_the_cli_keeps_office_holders_and_reads_a_key(tmp_path: Path) -> None:
    path = WITH_PERSONS[0]
    kept = run("convert", str(path), "--to", "json", "--redact", "persons", "--keep-office-holders")
    assert kept.returncode == 0
    doc = uguaglianza.load(path)
    holders = {post.holder for post in doc.posts if post.kind in PUBLIC_OFFICES}
    office_holder = next(person for person in doc.persons if person.id in holders)
    assert office_holder.name.encode() in kept.stdout
    others = [person for person in doc.persons if person.id not in holders]
    assert others and all(person.name.encode() not in kept.stdout for person in others)
    key = tmp_path / "key"
    key.write_bytes(b"a secret")
    keyed = run(
        "convert", str(path), "--to", "json", "--redact", "persons", "--redact-key-file", str(key)
    )
    expected = pseudonym(uguaglianza.load(path).persons[0].id, b"a secret")
    assert expected.encode() in keyed.stdout
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    refused = run(
        "convert", str(path), "--to", "json", "--redact", "persons", "--redact-key-file", str(empty)
    )
    assert refused.returncode == 2 and b"empty" in refused.stderr
    alone = run("convert", str(path), "--to", "json", "--keep-office-holders")
    assert alone.returncode == 2 and b"--redact persons" in alone.stderr
