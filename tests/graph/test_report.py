"""Several analyses at once, sharing one coordination network."""

from __future__ import annotations

import json

import pytest

from uguaglianza.graph import SECTIONS, CoordinationGraph, analyse


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
    assert data["communities"]["method"] == "louvain"
    assert data["graph"]["nodes"] == full_graph.number_of_nodes()


def test_unknown_sections_are_refused(full_graph: CoordinationGraph) -> None:
    with pytest.raises(ValueError, match="unknown sections"):
        analyse(full_graph, sections=["coverage", "gossip"])
