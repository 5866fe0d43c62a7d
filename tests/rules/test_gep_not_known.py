"""UG504 answers "not known" when the document shows only some of the plan's actions."""

from __future__ import annotations

from typing import Any

from uguaglianza.model.upgrade import upgrade
from uguaglianza.rules import Finding

from .edits import apply_edits

#: The fixture's GEP without its training: its one action only carries dedicated resources.
_NO_TRAINING = [("plan.actions[0].frameworks", ["he_gep_dedicated_resources"])]
_UNSERVED_AREA = ("plan.areas[+]", {"id": "area-unserved", "name": "Area senza azioni note"})


def _gep(make: Any, edits: list[tuple[str, Any]]) -> dict[str, Any]:
    """The complete GEP of the shared fixtures, in the current format, with *edits*."""
    return apply_edits(upgrade(make(kind="gep")), edits)


def _training(findings: tuple[Finding, ...] | list[Finding]) -> Finding:
    (found,) = [finding for finding in findings if finding.code == "UG504"]
    return found


def test_training_is_not_known_when_an_area_has_no_recorded_action(make, run):
    data = _gep(make, [*_NO_TRAINING, _UNSERVED_AREA])
    recorded = _training(run(data).findings)
    assert not recorded.known
    assert recorded.severity.value == "warning"
    assert recorded.message.en.startswith("not known: this requirement lacks")
    assert _training(run(data, purpose="comply").findings).severity.value == "error"


def test_training_missing_while_every_area_has_actions_is_a_violation(make, run):
    finding = _training(run(_gep(make, _NO_TRAINING)).findings)
    assert finding.known
    assert finding.severity.value == "error"


def test_an_area_served_through_an_objective_counts_as_served(make, run):
    objective = {"id": "obj-extra", "name": "Obiettivo", "areas": ["area-unserved"]}
    data = _gep(make, [*_NO_TRAINING, _UNSERVED_AREA, ("plan.objectives[+]", objective)])
    assert _training(run(data).findings).known
