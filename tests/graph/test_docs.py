"""docs/graph.md lists every edge the builder draws, as the catalogue says."""

from __future__ import annotations

from pathlib import Path

from uguaglianza.graph import EDGE_KINDS

DOC = Path(__file__).resolve().parents[2] / "docs" / "graph.md"


def test_the_edge_table_matches_the_catalogue() -> None:
    lines = DOC.read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if line.startswith("| `") and " → " in line]
    assert rows == [row.markdown() for row in EDGE_KINDS]
