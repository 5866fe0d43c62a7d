"""Shared fixtures: a minimal valid document to start tests from."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

MINIMAL: dict[str, Any] = {
    "document": "plan",
    "schema_version": "2.0",
    "id": "doc-test",
    "territories": [
        {"id": "cm-bo", "kind": "metropolitan_city", "name": "Città metropolitana di Bologna"},
        {
            "id": "com-bo",
            "kind": "comune",
            "name": "Bologna",
            "part_of": [{"territory": "cm-bo", "kind": "administrative"}],
        },
    ],
    "organisations": [
        {
            "id": "org-cm",
            "kind": "metropolitan_city",
            "name": "Città metropolitana di Bologna",
            "territory": "cm-bo",
        }
    ],
    "plan": {
        "id": "plan-1",
        "kind": "equality_plan",
        "name": "Piano per l'Uguaglianza",
        "owner": "org-cm",
        "scope": ["cm-bo"],
        "areas": [{"id": "area-1", "name": "Lavoro pagato"}],
        "actions": [
            {"id": "a-1", "name": "Azione uno", "areas": ["area-1"], "lead": "org-cm"},
            {"id": "a-2", "name": "Azione due", "areas": ["area-1"], "lead": "org-cm"},
        ],
    },
}


@pytest.fixture
def minimal() -> Callable[[], dict[str, Any]]:
    """A factory of fresh copies of a minimal valid plan document, as data."""
    return lambda: copy.deepcopy(MINIMAL)
