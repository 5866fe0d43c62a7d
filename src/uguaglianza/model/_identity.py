"""Which entities of several documents are the same, and the ids they keep in a merge.

Two entities of the same kind are the same when they have the same id or share an
identifier (same scheme and value; a territory's ``istat_code`` counts as its ``istat``
identifier). The first document's id is kept and every reference to the other id is
rewritten. An id that names an entity of another kind is qualified with its document's
id (``comune-bologna@doc``) so that both entities are kept.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs
from pydantic import BaseModel

from uguaglianza.model._resolve import _ENTITY_KIND_BY_CLASS, DocumentIndex, _probes

__all__ = ["Renaming", "assign_ids", "identity_keys", "rewrite"]

#: Kinds of organisation of which a territory has one: its local authority.
GOVERNMENTS = frozenset({"region", "metropolitan_city", "province", "comune"})

#: Top-level places of entities in a root document; anything deeper is nested.
_TOP_LEVEL_DEPTH = {"plan": 1}


@attrs.frozen(slots=True)
class Renaming:
    """An entity that takes another id in the merged landscape, and why."""

    document: str
    """Id of the document that holds the entity."""
    kind: str
    old: str
    new: str
    reason: str

    def to_text(self) -> str:
        """One line for people, e.g. ``doc: territory 'cm-bo' is now 'cm-bologna' (...)``."""
        return f"{self.document}: {self.kind} {self.old!r} is now {self.new!r} ({self.reason})"


def identity_keys(
    kind: str, entity: Any, mapping: Mapping[str, str] | None = None
) -> list[tuple[str, str, str]]:
    """The identifiers by which *entity* is recognised in other documents.

    A local authority (a comune, a region...) is also known by the territory it
    governs, once *mapping* has given that territory its id in the merge.
    """
    keys = [(kind, item.scheme, item.value) for item in getattr(entity, "identifiers", ())]
    istat = getattr(entity, "istat_code", None) if kind == "territory" else None
    if istat:
        keys.append((kind, "istat", istat))
    if kind == "organisation" and entity.kind in GOVERNMENTS and entity.territory:
        territory = entity.territory
        if mapping:
            territory = mapping.get(territory, territory)
        keys.append((kind, f"{entity.kind} governing", territory))
    return keys


def _top_loc(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """The location of the top-level entity enclosing the one at *loc*."""
    depth = _TOP_LEVEL_DEPTH.get(str(loc[0]), 2) if loc else 0
    return loc[:depth]


@attrs.define
class _Owner:
    kind: str
    parent: str | None
    document: int


def assign_ids(
    doc_ids: Sequence[str], indexes: Sequence[DocumentIndex]
) -> tuple[list[dict[str, str]], list[Renaming]]:
    """For each document, its ids that change in the merge (old to new), and why."""
    owners: dict[str, _Owner] = {}
    by_key: dict[tuple[str, str, str], tuple[str, int]] = {}
    mappings: list[dict[str, str]] = []
    renamings: list[Renaming] = []
    for number, (doc_id, index) in enumerate(zip(doc_ids, indexes, strict=True)):
        mapping: dict[str, str] = {}
        used: set[str] = set()  # the merged ids this document's entities take
        top_ids: dict[tuple[str | int, ...], str] = {}
        for entity_id, record in index.entities.items():
            top = _top_loc(record.loc)
            nested = top != record.loc
            parent = top_ids.get(top) if nested else None
            new, reason = entity_id, ""
            owner = owners.get(entity_id)
            same = owner is not None and owner.kind == record.kind and owner.parent == parent
            if not same:
                for key in identity_keys(record.kind, record.entity, mapping):
                    found = by_key.get(key)
                    if found is not None and found[1] < number and found[0] not in used:
                        new = found[0]
                        reason = f"same {key[1]} {key[2]!r} as in {doc_ids[found[1]]}"
                        break
                else:
                    # The same id for a nested entity of another parent (an action of
                    # another plan) is left to clash: they may be one entity or two.
                    if owner is not None and owner.kind != record.kind:
                        new = _fresh(f"{entity_id}@{doc_id}", owners)
                        reason = f"{doc_ids[owner.document]} uses the id for a {owner.kind}"
            if not nested:
                top_ids[record.loc] = new
            used.add(new)
            if new != entity_id:
                mapping[entity_id] = new
                renamings.append(Renaming(doc_id, record.kind, entity_id, new, reason))
            owners.setdefault(new, _Owner(record.kind, parent, number))
            for key in identity_keys(record.kind, record.entity, mapping):
                by_key.setdefault(key, (new, number))
        mappings.append(mapping)
    return mappings, renamings


def _fresh(wanted: str, taken: Mapping[str, object]) -> str:
    """*wanted*, cut to the length of an id, with a number added when it is taken."""
    candidate, number = wanted[:200], 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate, number = wanted[: 200 - len(suffix)] + suffix, number + 1
    return candidate


def rewrite(node: BaseModel, mapping: Mapping[str, str]) -> BaseModel:
    """*node* with every entity id and reference found in *mapping* replaced."""
    cls = type(node)
    updates: dict[str, Any] = {}
    if cls in _ENTITY_KIND_BY_CLASS:
        own = getattr(node, "id", None)
        if own is not None and own in mapping:
            updates["id"] = mapping[own]
    for probe in _probes(cls):
        value = getattr(node, probe.name)
        if value is None or (probe.many and not value):
            continue
        new: Any
        if probe.what == "ref":
            if probe.many:
                new = tuple(mapping.get(item, item) for item in value)
            else:
                new = mapping.get(value, value)
        elif probe.what == "model":
            if probe.many:
                new = tuple(rewrite(item, mapping) for item in value)
                if all(a is b for a, b in zip(new, value, strict=True)):
                    continue
            else:
                new = rewrite(value, mapping)
        else:
            continue
        if new is not value and new != value:
            updates[probe.name] = new
    return node.model_copy(update=updates) if updates else node
