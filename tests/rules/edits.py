"""Edits to a test document, each a path (``plans[0].actions[+]``) and the value to put there."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from typing import Any

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+|\+)\]")

#: A path into the document and its new value: ``[+]`` appends, ``None`` deletes.
Edit = tuple[str, Any]


def apply_edits(data: dict[str, Any], edits: Iterable[Edit]) -> dict[str, Any]:
    """Apply *edits* to *data* in place and return it (values are copied, never shared)."""
    for path, shared in edits:
        value = copy.deepcopy(shared)
        steps: list[str | int] = [
            name if name else ("+" if index == "+" else int(index))
            for name, index in _STEP.findall(path)
        ]
        target: Any = data
        for step in steps[:-1]:
            target = target[step]
        last = steps[-1]
        if last == "+":
            target.append(value)
        elif value is None:
            del target[last]
        else:
            target[last] = value
    return data
