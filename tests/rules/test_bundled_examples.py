"""The bundled examples have no errors; their warnings are gaps of the sources."""

from __future__ import annotations

from pathlib import Path

import pytest

import uguaglianza

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))


def test_there_are_ten_examples():
    assert len(EXAMPLES) == 10


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_example_has_no_errors(path, as_of):
    report = uguaglianza.validate(uguaglianza.load(path), as_of=as_of)
    assert report.ok, report.to_text()
    assert all(finding.line is not None for finding in report.findings)
