"""Stable fingerprints of findings, and baselines of findings already known.

A fingerprint hashes a finding's rule code, the id of the nearest entity enclosing its
location and the field path inside that entity, so that it survives edits elsewhere in
the document (removing an earlier entity shifts paths, never fingerprints).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from uguaglianza.rules.report import Finding, Loc, fingerprint

__all__ = ["anchor", "finding_fingerprint", "known_findings"]


def _step(node: Any, part: str | int) -> tuple[bool, Any]:
    """The child of *node* at *part*, and whether there is one."""
    if isinstance(part, int):
        if (
            isinstance(node, Sequence)
            and not isinstance(node, str)
            and -len(node) <= part < len(node)
        ):
            return True, node[part]
        return False, None
    if isinstance(node, BaseModel):
        if part in type(node).model_fields:
            return True, getattr(node, part)
        extra = node.__pydantic_extra__
        if extra and part in extra:
            return True, extra[part]
        return False, None
    if isinstance(node, Mapping) and part in node:
        return True, node[part]
    return False, None


def _entity_id(node: Any) -> str | None:
    value = getattr(node, "id", None) if isinstance(node, BaseModel) else None
    return value if isinstance(value, str) else None


def anchor(doc: object, loc: Loc) -> tuple[str | None, Loc]:
    """The id of the nearest entity of *doc* enclosing *loc*, and the path inside it.

    The document itself counts when it has an id. The path keeps list positions inside
    that entity and drops those of enclosing ones; without an id the path is *loc* itself.
    """
    entity = _entity_id(doc)
    inside: list[str | int] = []
    node: Any = doc
    found = doc is not None
    for part in loc:
        inside.append(part)
        if not found:
            continue
        found, node = _step(node, part)
        if found and (ident := _entity_id(node)) is not None:
            entity, inside = ident, []
    return entity, tuple(inside)


def finding_fingerprint(code: str, doc: object, loc: Loc) -> str:
    """The fingerprint of a finding of rule *code* at *loc* in *doc*."""
    entity, field = anchor(doc, loc)
    return fingerprint(code, entity, field)


def known_findings(
    findings: Iterable[Finding], baseline: Counter[str]
) -> tuple[list[Finding], int]:
    """The *findings* not in *baseline* (fingerprints with counts), and how many were.

    Counts matter: two findings of one fingerprint in the baseline and three now leave
    one new finding. *baseline* is not changed.
    """
    left = Counter(baseline)
    new: list[Finding] = []
    known = 0
    for finding in findings:
        if left[finding.fingerprint] > 0:
            left[finding.fingerprint] -= 1
            known += 1
        else:
            new.append(finding)
    return new, known
