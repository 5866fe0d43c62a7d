"""The service's behaviour on each database: versions, graphs, reports and problems."""

from __future__ import annotations

import datetime
import json
import threading
from pathlib import Path
from typing import Any

import httpx

import uguaglianza
import uguaglianza.io
from uguaglianza.io.graphs import graph_bytes

EXAMPLES = Path(__file__).resolve().parents[2]
PLAN = EXAMPLES / "bologna-piano-uguaglianza.yaml"
YAML = {"content-type": "application/yaml"}
JSON = {"content-type": "application/json"}


def _renamed(path: Path, name: str) -> uguaglianza.PlanDocument | uguaglianza.Landscape:
    doc = uguaglianza.load(path)
    return uguaglianza.loads(uguaglianza.dumps(doc.model_copy(update={"name": name})), "json")


def _problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem: dict[str, Any] = response.json()
    assert problem["status"] == status
    assert problem["instance"] == response.request.url.path
    return problem


def test_two_versions_are_stored_and_served_with_their_graph(client: httpx.Client) -> None:
    first = uguaglianza.load(PLAN)
    second = _renamed(PLAN, "Piano, seconda versione")

    stored = client.post("/documents", content=PLAN.read_bytes(), headers=YAML)
    assert stored.status_code == 201, stored.text
    one = stored.json()
    assert (one["document_id"], one["version"], one["created"]) == (first.id, 1, True)
    assert one["report"]["ok"] is True
    assert stored.headers["location"] == f"/documents/{first.id}/versions/1"

    again = client.post("/documents", content=uguaglianza.dumps(second), headers=JSON)
    assert again.status_code == 201, again.text
    two = again.json()
    assert (two["version"], two["created"]) == (2, True)
    assert two["sha256"] != one["sha256"]

    document = client.get(f"/documents/{first.id}").json()
    assert (document["latest_version"], document["name"]) == (2, "Piano, seconda versione")
    versions = client.get(f"/documents/{first.id}/versions").json()
    assert [version["version"] for version in versions] == [1, 2]
    assert versions == document["versions"]

    old = client.get(f"/documents/{first.id}/versions/1")
    assert old.headers["content-type"] == "application/json"
    assert old.text == uguaglianza.dumps(first)
    assert uguaglianza.loads(old.content) == first
    assert uguaglianza.loads(client.get(stored.headers["location"]).content) == first

    graph = client.get(f"/documents/{first.id}/versions/2/graph")
    assert graph.status_code == 200, graph.text
    assert graph.content == graph_bytes(uguaglianza.coordination_graph(second), "json")
    data = graph.json()
    assert data["graph"]["name"] == "Piano, seconda versione"
    assert {node["kind"] for node in data["nodes"]} >= {"plan", "organisation"}


def test_the_graph_takes_a_date_and_edge_kinds(client: httpx.Client) -> None:
    doc = uguaglianza.load(PLAN)
    assert client.post("/documents", content=PLAN.read_bytes(), headers=YAML).status_code == 201
    url = f"/documents/{doc.id}/versions/1/graph"
    dated = client.get(url, params={"as_of": "2020-01-01"})
    expected = uguaglianza.coordination_graph(doc, as_of=datetime.date(2020, 1, 1))
    assert dated.content == graph_bytes(expected, "json")
    kinds = client.get(url, params=[("kind", "part_of"), ("kind", "member_of")]).json()
    assert kinds["edges"]
    assert {edge["kind"] for edge in kinds["edges"]} <= {"part_of", "member_of"}
    problem = _problem(client.get(url, params={"as_of": "2021-02-29"}), 422)
    assert problem["errors"][0]["path"] == "query.as_of"
    assert problem["errors"][0]["value"] == "'2021-02-29'"


def test_sending_the_latest_version_again_adds_none(client: httpx.Client) -> None:
    doc = uguaglianza.load(PLAN)
    assert client.post("/documents", content=PLAN.read_bytes(), headers=YAML).status_code == 201
    same = client.post("/documents", content=uguaglianza.dumps(doc), headers=JSON)
    assert same.status_code == 200
    assert (same.json()["version"], same.json()["created"]) == (1, False)
    assert "location" not in same.headers
    assert len(client.get(f"/documents/{doc.id}/versions").json()) == 1


def test_versions_sent_at_once_get_distinct_numbers(client: httpx.Client) -> None:
    bodies = [uguaglianza.dumps(_renamed(PLAN, f"Versione {i}")) for i in range(6)]
    statuses: list[int] = []

    def send(body: str) -> None:
        with httpx.Client(base_url=client.base_url, timeout=60) as own:
            statuses.append(own.post("/documents", content=body, headers=JSON).status_code)

    threads = [threading.Thread(target=send, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [201] * 6
    doc_id = uguaglianza.load(PLAN).id
    versions = client.get(f"/documents/{doc_id}/versions").json()
    assert [version["version"] for version in versions] == [1, 2, 3, 4, 5, 6]
    names = {uguaglianza.loads(client.get(f"/documents/{doc_id}/versions/{n}").content).name
             for n in range(1, 7)}  # fmt: skip
    assert names == {f"Versione {i}" for i in range(6)}


def test_documents_are_listed_by_id_a_page_at_a_time(client: httpx.Client) -> None:
    paths = sorted(EXAMPLES.glob("*.yaml"))
    for path in paths:
        assert client.post("/documents", content=path.read_bytes(), headers=YAML).status_code == 201
    ids = sorted(uguaglianza.load(path).id for path in paths)
    page = client.get("/documents", params={"limit": 2, "offset": 1}).json()
    assert (page["total"], page["limit"], page["offset"]) == (len(paths), 2, 1)
    assert [item["id"] for item in page["items"]] == ids[1:3]
    everything = client.get("/documents").json()["items"]
    assert [item["id"] for item in everything] == ids
    assert all(item["latest_version"] == 1 for item in everything)


def test_an_invalid_document_is_refused_with_located_errors(client: httpx.Client) -> None:
    text = PLAN.read_text(encoding="utf-8")
    lead = next(line for line in text.splitlines() if line.strip().startswith("lead: "))
    broken = text.replace(lead, lead.split(":")[0] + ": nessuno", 1)
    problem = _problem(client.post("/documents", content=broken, headers=YAML), 422)
    assert problem["type"].endswith("#invalid")
    error = problem["errors"][0]
    assert error["value"] == "'nessuno'"
    assert error["path"].endswith(".lead")
    assert error["file"] == "request body"
    assert broken.splitlines()[error["line"] - 1].strip().endswith("nessuno")
    assert client.get("/documents").json()["total"] == 0


def test_a_document_breaking_rules_is_not_stored(client: httpx.Client) -> None:
    data = uguaglianza.io.to_data(uguaglianza.load(PLAN))
    data["plan"]["period"] = {"start": "2025-01-01", "end": "2024-01-01"}
    body = json.dumps(data)
    report = uguaglianza.validate(uguaglianza.loads(body))
    errors = [finding for finding in report.findings if finding.severity == "error"]
    assert errors

    problem = _problem(client.post("/documents", content=body, headers=JSON), 422)
    assert problem["type"].endswith("#rules")
    assert [error["code"] for error in problem["errors"]] == [f.code for f in errors]
    assert [error["path"] for error in problem["errors"]] == [f.path for f in errors]
    assert client.get("/documents").json()["total"] == 0

    checked = client.post("/validate", content=body, headers=JSON).json()
    assert (checked["ok"], checked["readable"]) == (False, True)
    assert [finding["code"] for finding in checked["findings"]] == report.codes()


def test_validate_reports_as_json_or_sarif(client: httpx.Client) -> None:
    doc = uguaglianza.loads(PLAN.read_bytes(), "yaml")
    expected = uguaglianza.validate(doc)
    report = client.post("/validate", content=PLAN.read_bytes(), headers=YAML)
    assert report.status_code == 200
    assert report.json() == {"readable": True, **json.loads(json.dumps(expected.to_dict()))}

    sarif = client.post(
        "/validate",
        content=PLAN.read_bytes(),
        headers=YAML,
        params={"format": "sarif", "lang": "it"},
    )
    assert sarif.headers["content-type"] == "application/sarif+json"
    assert sarif.json() == expected.to_sarif(lang="it")
    assert client.get("/documents").json()["total"] == 0


def test_validate_reports_unreadable_and_invalid_bodies(client: httpx.Client) -> None:
    unreadable = client.post("/validate", content=b'{"id": 1, "id": 2}').json()
    assert (unreadable["ok"], unreadable["readable"]) == (False, False)
    (finding,) = unreadable["findings"]
    assert (finding["file"], finding["line"], finding["column"]) == ("request body", 1, 11)
    assert "duplicate key 'id'" in finding["message"]["en"]

    latin1 = client.post("/validate", content="document: piàno\n".encode("latin-1"), headers=YAML)
    assert latin1.json()["readable"] is False
    assert "not valid UTF-8" in latin1.json()["findings"][0]["message"]["en"]

    invalid = client.post("/validate", content=b'{"document": "plan"}').json()
    assert (invalid["ok"], invalid["readable"]) == (False, True)
    assert {finding["path"] for finding in invalid["findings"]} >= {"id", "schema_version"}


def test_bodies_of_other_media_types_or_too_large_are_refused(client: httpx.Client) -> None:
    problem = _problem(
        client.post("/documents", content=b"a,b\n", headers={"content-type": "text/csv"}), 415
    )
    assert "text/csv" in problem["detail"]
    large = b'{"document": "plan", "name": "' + b"x" * (1024 * 1024) + b'"}'
    for path in ("/documents", "/validate"):
        problem = _problem(client.post(path, content=large, headers=JSON), 413)
        assert "1048576 bytes" in problem["detail"]


def test_unknown_documents_and_versions_are_404(client: httpx.Client) -> None:
    doc = uguaglianza.load(PLAN)
    assert client.post("/documents", content=PLAN.read_bytes(), headers=YAML).status_code == 201
    for path in (
        "/documents/nessuno",
        "/documents/nessuno/versions",
        "/documents/nessuno/versions/1",
        f"/documents/{doc.id}/versions/2",
        f"/documents/{doc.id}/versions/2/graph",
        "/documents/a%00b/versions/1",
    ):
        problem = _problem(client.get(path), 404)
        assert problem["type"].endswith("#not-found")
    problem = _problem(client.get(f"/documents/{doc.id}/versions/0"), 422)
    assert problem["errors"][0]["path"] == "path.number"


def test_other_http_errors_are_problems_too(client: httpx.Client) -> None:
    response = client.delete("/documents")
    problem = _problem(response, 405)
    assert problem["type"].endswith("#http")
    assert response.headers["allow"]
    assert _problem(client.get("/nowhere"), 404)["type"].endswith("#http")
