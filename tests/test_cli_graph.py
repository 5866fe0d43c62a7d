"""``uguaglianza graph`` and ``uguaglianza analyse``, through the real entry point."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
MILANO = str(EXAMPLES / "milano-reaction.yaml")
BOLOGNA = str(EXAMPLES / "bologna-piano-uguaglianza.yaml")


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m uguaglianza.cli`` as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "uguaglianza.cli", *args], capture_output=True, check=False
    )


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_graph_prints_the_export(fmt: str, tmp_path: Path) -> None:
    result = run("graph", MILANO, "--to", fmt)
    assert result.returncode == 0, result.stderr
    path = tmp_path / f"out.{fmt}"
    path.write_bytes(result.stdout)
    if fmt == "graphml":
        graph = nx.read_graphml(path, force_multigraph=True)
    elif fmt == "gexf":
        graph = nx.read_gexf(path)
    else:
        graph = nx.node_link_graph(json.loads(result.stdout), edges="edges")
    assert graph.has_edge("org-cm-milano", "reaction")
    assert graph.nodes["reaction"]["acronym"] == "REACTION"


def test_graph_writes_a_file_as_of_a_date_with_chosen_kinds(tmp_path: Path) -> None:
    out = tmp_path / "bologna.json"
    result = run(
        "graph",
        BOLOGNA,
        "--to",
        "json",
        "--as-of",
        "2015-01-01",
        "--kinds",
        "part_of",
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["graph"]["as_of"] == "2015-01-01"
    assert {edge["kind"] for edge in data["edges"]} == {"part_of"}
    assert "comune-alto-reno-terme" not in {node["id"] for node in data["nodes"]}


@pytest.mark.skipif(importlib.util.find_spec("matplotlib") is None, reason="no matplotlib")
def test_graph_draws_a_picture(tmp_path: Path) -> None:
    out = tmp_path / "milano.png"
    result = run("graph", MILANO, "--to", "png", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "dot"], b"invalid choice"),
        (["--to", "json", "--as-of", "13/07/2022"], b"is not a date"),
        (["--to", "json", "--kinds", ","], b"at least one edge kind"),
    ],
)
def test_graph_usage_errors_exit_two(args: list[str], message: bytes) -> None:
    result = run("graph", MILANO, *args)
    assert result.returncode == 2
    assert message in result.stderr


def test_graph_of_an_unreadable_file_exits_two(tmp_path: Path) -> None:
    result = run("graph", str(tmp_path / "missing.yaml"), "--to", "json")
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr


def test_graph_to_an_unwritable_place_exits_two(tmp_path: Path) -> None:
    result = run("graph", MILANO, "--to", "json", "-o", str(tmp_path / "no" / "such" / "x.json"))
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr


def test_analyse_prints_every_default_section_that_means_something() -> None:
    result = run("analyse", BOLOGNA)
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")
    for heading in (
        "Coverage of 62 territories",
        "outside the remit of every coordination body: 0",
        "with no service present: 62",
        "Hubs (distinct neighbours)",
        "Brokers (betweenness, exact",
        "Single points of failure:",
        "Bridges",
        "Isolated stakeholders",
        "Sections left out: paths, funding",
        "  paths: no service of kind Anti-discrimination desk (anti_discrimination_desk)",
        "  funding: no fund, co-financing or transfer",
        "(--all-sections computes them anyway)",
    ):
        assert heading in text, heading
    assert "Communities" not in text
    assert "Case paths" not in text


def test_analyse_all_sections_computes_them_with_a_note() -> None:
    result = run("analyse", BOLOGNA, "--all-sections")
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")
    assert "Case paths from" in text and "Funding flows" in text
    assert "  Note: no fund, co-financing or transfer" in text
    assert "left out" not in text


def test_analyse_speaks_italian() -> None:
    result = run("analyse", BOLOGNA, "--lang", "it", "--top", "2")
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")
    for phrase in (
        "Copertura di 62 territori (Comune o municipalità",
        "fuori dalla competenza di ogni organismo di coordinamento: 0",
        "Snodi (vicini distinti)",
        "Punti critici:",
        "(ne separa",
        "Sezioni tralasciate: paths, funding",
        "nessun fondo, cofinanziamento o trasferimento",
        "… e altri",
    ):
        assert phrase in text, phrase
    assert "Hubs" not in text


def test_a_university_gep_leaves_comune_coverage_out() -> None:
    result = run("analyse", str(EXAMPLES / "udine-gep.yaml"), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert "coverage" not in data
    assert data["left_out"]["coverage"]["reason"] == "organisational_plans"
    assert "gender_equality_plan" in data["left_out"]["coverage"]["about"]


def test_coverage_and_paths_take_their_kinds_from_the_command_line() -> None:
    result = run(
        "analyse",
        str(EXAMPLES / "bologna-accordo-antiviolenza.yaml"),
        "--format",
        "json",
        "--sections",
        "coverage,paths",
        "--service-kind",
        "shelter,legal_advice",
        "--territory-kind",
        "socio_health_district",
        "--from-kind",
        "anti_violence_centre",
        "--to-kind",
        "shelter,helpline",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    coverage = data["coverage"]
    assert coverage["territory_kinds"] == ["socio_health_district"]
    assert coverage["service_kinds"] == ["shelter", "legal_advice"]
    assert set(coverage["lacking"]) <= {"shelter", "legal_advice"}
    assert len(coverage["territories"]) == 5
    paths = data["paths"]
    assert paths["desk_kinds"] == ["anti_violence_centre"]
    assert paths["target_kinds"] == ["shelter", "helpline"]
    assert paths["paths"], "a centre reaches a shelter"
    assert {path["target_kind"] for path in paths["paths"]} == {"shelter"}
    assert paths["absent_target_kinds"] == ["helpline"]  # no such service: no path looked for
    assert paths["unreachable"] == []


def test_analyse_as_of_a_date_leaves_services_not_operating_out_of_case_paths() -> None:
    # REACTION's new anti-discrimination centres are planned: on a date they serve no one.
    options = ("--sections", "paths", "--format", "json")
    kinds = ("--from-kind", "anti_discrimination_centre", "--to-kind", "anti_discrimination_centre")
    undated = run("analyse", MILANO, *options, *kinds)
    dated = run("analyse", MILANO, *options, *kinds, "--as-of", "2025-01-01")
    assert undated.returncode == 0 and dated.returncode == 0, dated.stderr
    desks = [
        [path["desk"]["id"] for path in json.loads(result.stdout)["paths"]["paths"]]
        for result in (undated, dated)
    ]
    assert desks == [
        ["centri-antidiscriminazione-esistenti", "nuovi-centri-antidiscriminazione"],
        ["centri-antidiscriminazione-esistenti"],
    ]
    paths = json.loads(dated.stdout)["paths"]
    assert paths["as_of"] == "2025-01-01"
    assert [ref["id"] for ref in paths["not_operating"]] == ["nuovi-centri-antidiscriminazione"]


def test_coverage_can_be_asked_for_a_category_of_service_kinds() -> None:
    # REACTION has anti-discrimination centres but no desk: the category finds them.
    result = run(
        "analyse",
        MILANO,
        "--sections",
        "coverage",
        "--format",
        "json",
        "--service-kind",
        "anti_discrimination_service,anti_discrimination_desk",
    )
    assert result.returncode == 0, result.stderr
    coverage = json.loads(result.stdout)["coverage"]
    assert coverage["absent_kinds"] == ["anti_discrimination_desk"]
    assert coverage["lacking"] == {"anti_discrimination_service": []}


def test_case_paths_can_be_asked_for_a_category_of_service_kinds() -> None:
    # REACTION's centres are no desk of the default kinds: the category makes them desks.
    result = run(
        "analyse",
        MILANO,
        "--sections",
        "paths",
        "--format",
        "json",
        "--from-kind",
        "anti_discrimination_service",
        "--to-kind",
        "anti_discrimination_service,no_such_kind",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert not data.get("left_out") and not data.get("notes")  # the category counts there too
    paths = data["paths"]
    assert paths["desk_kinds"] == ["anti_discrimination_service"]
    assert [ref["id"] for ref in paths["desks"]] == [
        "centri-antidiscriminazione-esistenti",
        "nuovi-centri-antidiscriminazione",
    ]
    assert {path["target_kind"] for path in paths["paths"]} == {"anti_discrimination_service"}
    assert all(path["itself"] for path in paths["paths"])
    assert paths["absent_desk_kinds"] == []
    assert paths["absent_target_kinds"] == ["no_such_kind"]  # unknown: absent, as before
    assert paths["unreachable"] == []


def test_analyse_as_json_with_chosen_sections() -> None:
    result = run(
        "analyse", MILANO, "--format", "json", "--sections", "funding,hubs", "--sample", "3"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"graph", "hubs", "funding", "seconds"}
    assert data["hubs"]["sample"] == 3 and not data["hubs"]["exact"]
    (fund,) = data["funding"]["funds"]
    assert "ambito-alto-milanese" in {item["node"]["id"] for item in fund["reached"]}


def test_analyse_all_sections_as_of_a_date() -> None:
    result = run("analyse", MILANO, "--sections", "all", "--as-of", "2025-04-30", "--top", "2")
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")
    assert "as of 2025-04-30" in text
    assert "Communities (leiden" in text  # Leiden, by igraph, which the tests install
    assert "… and" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sections", "gossip"], b"unknown section"),
        (["--sample", "1"], b"at least 2"),
        (["--sample", "many"], b"at least 2"),
        (["--backend", "magic"], b"invalid choice"),
        (["--service-kind", "Centro antiviolenza"], b"is not a list of codes"),
        (["--to-kind", ","], b"is not a list of codes"),
        (["--lang", "fr"], b"invalid choice"),
    ],
)
def test_analyse_usage_errors_exit_two(args: list[str], message: bytes) -> None:
    result = run("analyse", MILANO, *args)
    assert result.returncode == 2
    assert message in result.stderr


def test_analyse_of_an_invalid_document_exits_one(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("document: plan\nschema_version: '2.0'\nid: x\n", encoding="utf-8")
    result = run("analyse", str(bad))
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr


def test_analyse_gives_the_same_answer_with_one_process_or_two() -> None:
    def answer(jobs: str) -> dict[str, object]:
        result = run("analyse", BOLOGNA, "--format", "json", "--sample", "exact", "--jobs", jobs)
        assert result.returncode == 0, result.stderr
        found: dict[str, object] = json.loads(result.stdout)
        found.pop("seconds")
        return found

    assert answer("2") == answer("1")
    assert run("analyse", BOLOGNA, "--jobs", "3").returncode == 2  # one or two only
