"""UG501-UG504 answer "not known" when the plan records the evidence's place as not stated."""

from __future__ import annotations

from typing import Any

import pytest

from uguaglianza.model.upgrade import upgrade
from uguaglianza.rules import Finding

from .conftest import apply_edits


def _gep(make: Any, edits: list[tuple[str, Any]]) -> dict[str, Any]:
    """The complete GEP of the shared fixtures, in the current format, with *edits*."""
    return apply_edits(upgrade(make(kind="gep")), edits)


def _only(findings: tuple[Finding, ...] | list[Finding], code: str) -> Finding:
    (found,) = [finding for finding in findings if finding.code == code]
    return found


UNKNOWN = [
    pytest.param(
        [
            ("acts[0].issuer", "org-cm"),
            ("acts[0].signatories", []),
            ("acts[0].absent", {"signatories": "not_stated"}),
        ],
        "UG501",
        id="UG501-signatories-not-stated",
    ),
    pytest.param(
        [
            ("plan.actions[0].budget", None),
            ("plan.actions[0].frameworks", ["he_gep_training"]),
            ("plan.absent", {"resources": "not_stated"}),
        ],
        "UG502",
        id="UG502-resources-not-stated",
    ),
    pytest.param(
        [
            ("plan.indicators[0].frequency", None),
            ("plan.absent", {"monitoring_frequency": "not_stated"}),
        ],
        "UG503",
        id="UG503-frequency-not-stated",
    ),
    pytest.param(
        [
            ("plan.actions[0].frameworks", ["he_gep_dedicated_resources"]),
            ("plan.areas[+]", {"id": "area-unserved", "name": "Area senza azioni note"}),
        ],
        "UG504",
        id="UG504-actions-known-in-part",
    ),
]


@pytest.mark.parametrize(("edits", "code"), UNKNOWN)
def test_requirement_whose_evidence_is_not_stated_is_not_known(make, run, edits, code):
    data = _gep(make, edits)
    recorded = _only(run(data).findings, code)
    assert not recorded.known
    assert recorded.severity.value == "warning"
    assert recorded.message.en.startswith("not known: this requirement lacks")
    assert _only(run(data, purpose="comply").findings, code).severity.value == "error"


VIOLATED = [
    pytest.param(
        [("acts[0].issuer", "org-cm"), ("acts[0].signatories", [])],
        "UG501",
        id="UG501-no-signature-said",
    ),
    pytest.param(
        [("plan.actions[0].budget", None), ("plan.actions[0].frameworks", ["he_gep_training"])],
        "UG502",
        id="UG502-no-resources-said",
    ),
    pytest.param([("plan.indicators[0].frequency", "biennial")], "UG503", id="UG503-biennial"),
    pytest.param(
        [("plan.actions[0].frameworks", ["he_gep_dedicated_resources"])],
        "UG504",
        id="UG504-every-area-served",
    ),
]


@pytest.mark.parametrize(("edits", "code"), VIOLATED)
def test_requirement_unmet_with_nothing_recorded_as_unknown_is_violated(make, run, edits, code):
    finding = _only(run(_gep(make, edits)).findings, code)
    assert finding.known
    assert finding.severity.value == "error"
