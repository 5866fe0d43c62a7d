"""What changed between two versions of a document, entity by entity: :func:`diff`.

Every entity of both documents (nested ones included) is compared field by field as
JSON values; an entity nested in another counts once, as its own entry, and appears in
its parent's fields only by id.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal

import attrs
from pydantic import BaseModel

from uguaglianza.model import Landscape, PlanDocument

__all__ = ["Diff", "EntityChange", "FieldChange", "diff"]

#: JSON-compatible data: what a field holds once written as JSON.
JSONValue = Any
_Lang = Literal["it", "en"]
_DATE_FIELDS = ("date", "period")
_LIMIT = 100
_TEXTS: Mapping[str, Mapping[_Lang, str]] = {
    "head": {
        "it": "Fonti: la più recente del vecchio documento {old}, del nuovo {new}.",
        "en": "Sources: the newest of the old document {old}, of the new one {new}.",
    },
    "none": {"it": "nessuna data", "en": "no date"},
    "equal": {"it": "Nessuna differenza.", "en": "No differences."},
    "counts": {
        "it": "Entità aggiunte: {added}, tolte: {removed}, cambiate: {changed}.",
        "en": "{added} added, {removed} removed, {changed} changed.",
    },
}


@attrs.frozen(slots=True)
class FieldChange:
    """One field of an entity with different values: *old* and *new* as JSON values."""

    field: str
    old: JSONValue
    new: JSONValue

    def to_dict(self) -> dict[str, Any]:
        """The change as JSON-compatible data."""
        return {"field": self.field, "old": self.old, "new": self.new}


@attrs.frozen(slots=True)
class EntityChange:
    """An entity added, removed or changed, by id and kind, with its date or period."""

    id: str
    kind: str
    date: str | None = None
    """The entity's ``date`` or ``period`` (in the new version, unless removed)."""
    fields: tuple[FieldChange, ...] = ()
    """The fields that differ, for a changed entity."""

    def to_dict(self) -> dict[str, Any]:
        """The change as JSON-compatible data."""
        data: dict[str, Any] = {"id": self.id, "kind": self.kind, "date": self.date}
        if self.fields:
            data["fields"] = [change.to_dict() for change in self.fields]
        return data


@attrs.frozen(slots=True)
class Diff:
    """The entities added, removed and changed from an old to a new document version.

    ``old_sources`` and ``new_sources`` are each version's newest source date, if any.
    """

    added: tuple[EntityChange, ...] = ()
    removed: tuple[EntityChange, ...] = ()
    changed: tuple[EntityChange, ...] = ()
    old_sources: str | None = None
    new_sources: str | None = None

    @property
    def equal(self) -> bool:
        """True when no entity was added, removed or changed."""
        return not (self.added or self.removed or self.changed)

    def to_dict(self) -> dict[str, Any]:
        """The difference as JSON-compatible data."""
        return {
            "equal": self.equal,
            "sources": {"old": self.old_sources, "new": self.new_sources},
            "added": [entry.to_dict() for entry in self.added],
            "removed": [entry.to_dict() for entry in self.removed],
            "changed": [entry.to_dict() for entry in self.changed],
        }

    def to_text(self, lang: _Lang = "en") -> str:
        """A report for people in *lang*: ``+`` added, ``-`` removed, ``~`` changed."""
        none = _TEXTS["none"][lang]
        lines = [
            _TEXTS["head"][lang].format(old=self.old_sources or none, new=self.new_sources or none)
        ]
        if self.equal:
            lines.append(_TEXTS["equal"][lang])
            return "\n".join(lines) + "\n"
        lines.append(
            _TEXTS["counts"][lang].format(
                added=len(self.added), removed=len(self.removed), changed=len(self.changed)
            )
        )
        for mark, entries in (("+", self.added), ("-", self.removed), ("~", self.changed)):
            for entry in entries:
                when = f" ({entry.date})" if entry.date else ""
                lines.append(f"{mark} {entry.kind} {entry.id}{when}")
                lines.extend(
                    f"    {change.field}: {_show(change.old)} → {_show(change.new)}"
                    for change in entry.fields
                )
        return "\n".join(lines) + "\n"


def _show(value: JSONValue) -> str:
    text = "—" if value is None else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _LIMIT else text[: _LIMIT - 1] + "…"


def diff(old: PlanDocument | Landscape, new: PlanDocument | Landscape) -> Diff:
    """The entities added, removed and changed from *old* to *new*, field by field.

    An entity whose kind changed under the same id counts as removed and added.
    """
    before, after = old.index.entities, new.index.entities
    added: list[EntityChange] = []
    changed: list[EntityChange] = []
    for ident, record in after.items():
        previous = before.get(ident)
        if previous is None or previous.kind != record.kind:
            added.append(EntityChange(ident, record.kind, _date(record.entity)))
            continue
        fields = _compare(_fields(previous.entity, before), _fields(record.entity, after))
        if fields:
            changed.append(EntityChange(ident, record.kind, _date(record.entity), fields))
    removed = [
        EntityChange(ident, record.kind, _date(record.entity))
        for ident, record in before.items()
        if ident not in after or after[ident].kind != record.kind
    ]
    return Diff(
        tuple(added), tuple(removed), tuple(changed), _newest_source(old), _newest_source(new)
    )


def _compare(old: dict[str, JSONValue], new: dict[str, JSONValue]) -> tuple[FieldChange, ...]:
    names = [*old, *(name for name in new if name not in old)]
    return tuple(
        FieldChange(name, old.get(name), new.get(name))
        for name in names
        if old.get(name) != new.get(name)
    )


def _fields(entity: BaseModel, index: Mapping[str, Any]) -> dict[str, JSONValue]:
    """*entity*'s fields as JSON values, with nested entities replaced by their id."""
    data = entity.model_dump(mode="json")
    return {name: _prune(getattr(entity, name, None), value, index) for name, value in data.items()}


def _prune(node: Any, data: JSONValue, index: Mapping[str, Any]) -> JSONValue:
    """*data* (the JSON of *node*) with every registered entity in it replaced by its id."""
    if isinstance(node, BaseModel):
        ident = getattr(node, "id", None)
        record = index.get(ident) if isinstance(ident, str) else None
        if record is not None and record.entity is node:
            return ident
        if isinstance(data, dict):
            return {
                key: _prune(getattr(node, key, None), value, index) for key, value in data.items()
            }
        return data
    if isinstance(node, tuple | list) and isinstance(data, list) and len(node) == len(data):
        return [_prune(item, value, index) for item, value in zip(node, data, strict=True)]
    if isinstance(node, Mapping) and isinstance(data, dict):
        return {key: _prune(node.get(key), value, index) for key, value in data.items()}
    return data


def _date(entity: Any) -> str | None:
    for name in _DATE_FIELDS:
        value = getattr(entity, name, None)
        if value is not None:
            return str(value)
    return None


def _newest_source(doc: PlanDocument | Landscape) -> str | None:
    dates = [source.date for source in doc.sources if source.date is not None]
    return str(max(dates)) if dates else None
