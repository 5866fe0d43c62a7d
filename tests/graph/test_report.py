"""Several analyses at once, sharing one coordination network."""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
from collections.abc import Callable
from typing import Any

import networkx as nx
import pytest

import uguaglianza
from uguaglianza.errors import MissingExtraError
from uguaglianza.graph import (
    SECTIONS,
    CoordinationGraph,
    _access,
    analyse,
    coordination_graph,
    coordination_network,
)
from uguaglianza.graph._access import edge_count, edges_by_kind
from uguaglianza.graph.analysis import _accel, _common, _parallel, report
from uguaglianza.graph.analysis._common import shared_network, shared_networks
from uguaglianza.graph.analysis.paths import DESK_KINDS
from uguaglianza.graph.analysis.report import Why, pointless_sections


def test_default_sections_and_timings(full_graph: CoordinationGraph) -> None:
    result = analyse(full_graph)
    assert list(result.results) == ["coverage", "hubs", "failures", "isolated", "paths", "funding"]
    assert set(result.seconds) == {"network", *result.results}
    assert result.graph["document"] == "doc-full"
    assert result["coverage"].unreached[0].id == "com-c"
    assert repr(result).startswith("Analysis(Coverage(")


def test_every_section_converts_to_json(full_graph: CoordinationGraph) -> None:
    result = analyse(full_graph, sections=reversed(SECTIONS), sample=4, seed=1)
    data = json.loads(json.dumps(result.to_dict()))
    assert list(result.results) == list(SECTIONS)  # reported in a fixed order
    assert data["hubs"]["sample"] == 4 and data["hubs"]["seed"] == 1
    assert data["communities"]["method"] == ("leiden" if _accel.available() else "louvain")
    assert data["graph"]["nodes"] == full_graph.number_of_nodes()


def test_unknown_sections_are_refused(full_graph: CoordinationGraph) -> None:
    with pytest.raises(ValueError, match="unknown sections"):
        analyse(full_graph, sections=["coverage", "gossip"])


def test_sections_that_mean_nothing_are_left_out_with_why(
    full_data: Callable[[], dict[str, Any]],
) -> None:
    data = full_data()
    data["plan"]["kind"] = "gender_equality_plan"
    data["related_plans"][0]["kind"] = "positive_action_plan"
    for key in ("services", "funds", "calls", "grants", "transfers"):
        data[key] = []
    data["plan"]["actions"][1]["funding"] = []
    data["relations"] = [r for r in data["relations"] if r["kind"] != "refers_cases_to"]
    graph = coordination_graph(uguaglianza.from_data(data))
    assert pointless_sections(graph) == {
        "coverage": Why("organisational_plans", ("gender_equality_plan", "positive_action_plan")),
        "paths": Why("no_desks", DESK_KINDS),
        "funding": Why("no_payers"),
    }
    result = analyse(graph)
    assert list(result.results) == ["hubs", "failures", "isolated"]
    assert list(result.left_out) == ["coverage", "paths", "funding"]
    assert "left out: coverage, paths, funding" in repr(result)
    text = result.to_text(lang="it")
    assert "Sezioni tralasciate: coverage, paths, funding" in text
    assert "i piani sono di un'organizzazione per sé" in text
    every = analyse(graph, all_sections=True)
    assert list(every.results) == ["coverage", "hubs", "failures", "isolated", "paths", "funding"]
    assert every.left_out == {} and list(every.notes) == ["coverage", "paths", "funding"]
    assert "Note: no fund, co-financing or transfer" in every.to_text()
    dumped = json.loads(json.dumps(every.to_dict()))
    assert dumped["notes"]["paths"] == {"reason": "no_desks", "about": list(DESK_KINDS)}


def test_a_network_without_the_targets_leaves_paths_out(full_graph: CoordinationGraph) -> None:
    result = analyse(full_graph, sections=["paths"], target_kinds=["shelter"])
    assert result.results == {}
    assert result.left_out == {"paths": Why("no_targets", ("shelter",))}
    assert "no service of kind Shelter (shelter) to reach" in result.to_text()


def test_the_analyses_share_one_network(full_data: Callable[[], dict[str, Any]]) -> None:
    graph = coordination_graph(uguaglianza.from_data(full_data()))
    first = shared_network(graph)
    assert shared_network(graph) is first
    assert shared_network(graph, containment=False) is not first
    assert nx.utils.graphs_equal(first, coordination_network(graph))
    graph.add_edge("desk", "legal", "collaborates_with", kind="collaborates_with")
    again = shared_network(graph)  # networkx empties its cache when the graph changes
    assert again is not first and again.has_edge("desk", "legal")


def test_igraph_converts_each_network_once(full_graph: CoordinationGraph) -> None:
    network = coordination_network(full_graph)
    converted = _accel._converted(network)
    assert _accel._converted(network) is converted
    network.add_edge("desk", "legal")
    assert _accel._converted(network) is not converted


def test_both_shared_networks_come_from_one_pass(
    full_data: Callable[[], dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = coordination_graph(uguaglianza.from_data(full_data()))
    passes: list[tuple[tuple[bool, bool], bool]] = []
    build = _common._networks_and_ties

    def counted(graph: CoordinationGraph, **options: Any) -> Any:
        passes.append((options["wanted"], options["ties"]))
        return build(graph, **options)

    monkeypatch.setattr(_common, "_networks_and_ties", counted)
    full, bare = shared_networks(graph, ties=True)
    assert shared_network(graph) is full and shared_network(graph, containment=False) is bare
    assert _common.shared_ties(graph) is _common.shared_ties(graph)
    assert passes == [((True, True), True)]


def test_edges_by_kind_are_read_once_per_graph(full_data: Callable[[], dict[str, Any]]) -> None:
    graph = coordination_graph(uguaglianza.from_data(full_data()))
    grouped = edges_by_kind(graph)
    assert edges_by_kind(graph) is grouped
    expected: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for u, v, data in graph.edges(data=True):
        expected.setdefault(data["kind"], []).append((u, v, data))
    assert grouped == expected
    graph.add_edge("desk", "legal", "refers_cases_to", kind="refers_cases_to")
    again = edges_by_kind(graph)  # networkx empties its cache when the graph changes
    assert again is not grouped and ("desk", "legal") in [e[:2] for e in again["refers_cases_to"]]


def test_the_full_network_groups_the_edges_by_kind_on_its_way(
    full_data: Callable[[], dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = uguaglianza.from_data(full_data())
    graph, alike = coordination_graph(doc), coordination_graph(doc)
    for each in (graph, alike):
        each.add_edge("desk", "legal", "odd", kind=None)  # a kind that is not a string
    expected = edges_by_kind(alike)  # grouped in a pass of its own
    assert expected["None"] == [("desk", "legal", {"kind": None})]
    shared_networks(graph, wanted=(False, True))  # the network without containment does not
    assert "uguaglianza.edges_by_kind" not in graph.__networkx_cache__
    shared_networks(graph, wanted=(True, False))

    def walked(_: object) -> None:
        raise AssertionError("the edges were walked again")

    monkeypatch.setattr(_access, "edge_data", walked)
    assert list(edges_by_kind(graph).items()) == list(expected.items())  # in the same order


def test_edges_are_counted_as_networkx_counts_them(full_graph: CoordinationGraph) -> None:
    network = coordination_network(full_graph)
    network.add_edge("com-c", "com-c")  # a self-loop counts once
    multi = nx.MultiDiGraph(full_graph)
    multi.add_edge("desk", "legal")  # a second edge between the same nodes counts too
    directed = nx.DiGraph(network)  # neither plain kind: networkx counts
    for graph in (full_graph, network, multi, directed, nx.Graph()):
        assert edge_count(graph) == graph.number_of_edges()
    assert edge_count(multi) == full_graph.number_of_edges() + 1


# Every platform the project is tested on forks; Windows does not.
needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="the platform does not fork"
)


def _without_timings(result: Any) -> dict[str, Any]:
    found: dict[str, Any] = result.to_dict()
    found.pop("seconds", None)
    return found


@needs_fork
def test_hubs_in_a_forked_process_give_the_same_analysis(full_graph: CoordinationGraph) -> None:
    assert _parallel.can_fork()  # the test suite runs a single thread
    alone = analyse(full_graph, sample=None)
    forked = analyse(full_graph, sample=None, jobs=2)
    assert _without_timings(forked) == _without_timings(alone)
    assert list(forked.results) == list(alone.results)  # sections keep their order
    assert "hubs" in forked.seconds


@needs_fork
def test_a_failure_in_the_forked_process_is_raised_here(
    full_graph: CoordinationGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise MissingExtraError("the igraph backend needs the igraph package")

    monkeypatch.setattr(report, "hubs", broken)
    with pytest.raises(MissingExtraError, match="igraph"):
        analyse(full_graph, jobs=2)


@needs_fork
def test_a_forked_process_that_dies_says_so() -> None:
    worker = _parallel.Forked(lambda: os._exit(3))
    try:
        with pytest.raises(RuntimeError, match="exit code 3"):
            worker.result()
    finally:
        worker.close()


def test_with_another_thread_running_nothing_is_forked(
    full_graph: CoordinationGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("forked while another thread ran")

    monkeypatch.setattr(report, "Forked", refused)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        result = analyse(full_graph, sections=["hubs", "isolated"], jobs=2)
    finally:
        stop.set()
        other.join()
    assert set(result.results) == {"hubs", "isolated"}
