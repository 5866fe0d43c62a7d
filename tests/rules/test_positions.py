"""``uguaglianza.validate`` places findings at their line and column in the source file."""

from __future__ import annotations

import pytest

import uguaglianza
from uguaglianza.rules import check


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_findings_point_at_the_source_line(make, tmp_path, suffix, as_of):
    data = make([("acts[0].number", "12/2021"), ("plan.owner", None)])
    path = tmp_path / f"piano{suffix}"
    uguaglianza.dump(uguaglianza.from_data(data), path)
    doc = uguaglianza.load(path)
    report = uguaglianza.validate(doc, as_of=as_of)
    lines = path.read_text(encoding="utf-8").splitlines()
    found = {finding.code: finding for finding in report.findings}
    assert sorted(found) == ["UG210", "UG313"]
    number, owner = found["UG210"], found["UG313"]
    assert number.file == owner.file == str(path)
    assert lines[number.line - 1][number.column - 1 :].lstrip('"').startswith("12/2021")
    # A missing field is placed at the object that lacks it: the plan, before the acts.
    assert owner.line is not None and owner.line < number.line
    assert [f.line for f in report.findings] == sorted(f.line for f in report.findings)


def test_documents_without_a_file_have_no_positions(make, as_of):
    doc = uguaglianza.from_data(make([("acts[0].number", "12/2021")]))
    (finding,) = uguaglianza.validate(doc, as_of=as_of).findings
    assert (finding.file, finding.line, finding.column) == (None, None, None)
    assert uguaglianza.validate(doc, as_of=as_of) == check(doc, as_of=as_of)


def test_a_file_gone_since_loading_leaves_findings_unplaced(make, tmp_path, as_of):
    path = tmp_path / "piano.json"
    uguaglianza.dump(uguaglianza.from_data(make([("acts[0].number", "12/2021")])), path)
    doc = uguaglianza.load(path)
    path.unlink()
    (finding,) = uguaglianza.validate(doc, as_of=as_of).findings
    assert finding.file == str(path) and finding.line is None


def test_validate_is_exported():
    assert uguaglianza.validate.__module__ == "uguaglianza._validate_api"
    assert {"validate", "Report", "Finding"} <= set(uguaglianza.__all__)
