"""Merging plan documents and landscapes from several sources into one landscape.

The same entity may be stated by several documents (every Bologna document defines the
metropolitan city), under the same id or under another id with the same identifier.
Statements of one entity are combined field by field, each keeping the sources that
support it; only two different values for the same field are conflicts, reported all
together unless a strategy (the newest source, a named source) resolves them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs
from pydantic import BaseModel, ValidationError

from uguaglianza.dates import PartialDate
from uguaglianza.errors import Issue, MergeConflictError, shorten
from uguaglianza.model._combine import Combiner, Conflict, Side, Strategy, named, newest
from uguaglianza.model._identity import Renaming, assign_ids, rewrite
from uguaglianza.model._issues import issues_from_validation_error
from uguaglianza.model._resolve import _ENTITY_KIND_BY_CLASS
from uguaglianza.model.documents import FORMAT_VERSION, Landscape, PlanDocument
from uguaglianza.model.relations import DeclaredCode

__all__ = ["Merged", "merge", "merge_documents"]

_REGISTRIES = (
    "sources",
    "territories",
    "organisations",
    "persons",
    "posts",
    "bodies",
    "acts",
    "funds",
    "calls",
    "grants",
    "projects",
    "services",
    "opinions",
    "obligations",
    "transfers",
)

#: The value of ``prefer`` that keeps the value of the most recently dated source.
NEWEST = "newest"


@attrs.frozen(slots=True)
class Merged:
    """A merged landscape, the entities that took another id and the conflicts resolved."""

    landscape: Landscape
    renamings: tuple[Renaming, ...] = ()
    resolved: tuple[Conflict, ...] = ()
    """Contradictions a strategy settled, each saying which value it kept."""
    aliases: tuple[str, ...] = ()
    """Names a second source writes differently, kept as aliases of the entity."""

    def report(self) -> list[str]:
        """One line per renaming and per resolved conflict, for people."""
        return [
            *(item.to_text() for item in self.renamings),
            *self.aliases,
            *(item.message() for item in self.resolved),
        ]


def merge(
    documents: Iterable[PlanDocument | Landscape],
    *,
    id: str,
    name: str | None = None,
    description: str | None = None,
    prefer: str | None = None,
) -> Landscape:
    """Combine *documents* into one :class:`Landscape` (see :func:`merge_documents`).

    Raises:
        MergeConflictError: two sources give different values for the same field of
            the same entity and *prefer* does not settle it; every conflict is listed.
    """
    return merge_documents(
        documents, id=id, name=name, description=description, prefer=prefer
    ).landscape


def merge_documents(
    documents: Iterable[PlanDocument | Landscape],
    *,
    id: str,
    name: str | None = None,
    description: str | None = None,
    prefer: str | None = None,
) -> Merged:
    """Combine *documents* into one landscape, saying what was renamed and resolved.

    Entities of the same kind are the same when they have the same id or share an
    identifier; the first document's id is kept. Their statements are combined field
    by field. *prefer* settles contradictions: ``"newest"`` keeps the value whose cited
    source is dated later, a source id (or a document id) keeps the value it supports.

    Raises:
        MergeConflictError: contradictions that *prefer* does not settle, or codes and
            extensions declared differently; every one is listed with both places.
    """
    docs = list(documents)
    mappings, renamings = assign_ids([doc.id for doc in docs], [doc.index for doc in docs])
    dates: dict[str, PartialDate] = {}
    for doc, mapping in zip(docs, mappings, strict=True):
        for source in doc.sources:
            if source.date is not None:
                dates.setdefault(mapping.get(source.id, source.id), source.date)
    strategy: Strategy | None = None
    if prefer == NEWEST:
        strategy = newest(dates)
    elif prefer is not None:
        strategy = named(prefer)
    combiner = Combiner(strategy)
    issues: list[Issue] = []
    merged: dict[str, dict[str, tuple[BaseModel, str]]] = {
        field: {} for field in (*_REGISTRIES, "plans")
    }
    relations: dict[str, Any] = {}
    codelists: dict[str, dict[str, DeclaredCode]] = {}
    extensions: dict[str, Any] = {}

    def add(field: str, entity: BaseModel, path: str, doc_id: str, mapping: Any) -> None:
        if mapping:
            entity = rewrite(entity, mapping)
        entity_id: str = entity.id  # type: ignore[attr-defined]
        known = merged[field]
        first = known.get(entity_id)
        if first is None:
            known[entity_id] = (entity, doc_id)
        elif first[0] != entity:
            kind = _ENTITY_KIND_BY_CLASS.get(type(entity), "entity")
            combined = combiner.entity(
                first[0],
                entity,
                f"{kind} {entity_id!r}",
                Side(first[1], getattr(first[0], "source", None)),
                Side(doc_id, getattr(entity, "source", None)),
                path,
            )
            known[entity_id] = (combined, first[1])

    for doc, mapping in zip(docs, mappings, strict=True):
        for field in _REGISTRIES:
            for i, entity in enumerate(getattr(doc, field)):
                add(field, entity, f"{field}[{i}]", doc.id, mapping)
        if isinstance(doc, PlanDocument):
            add("plans", doc.plan, "plan", doc.id, mapping)
            for i, plan in enumerate(doc.related_plans):
                add("plans", plan, f"related_plans[{i}]", doc.id, mapping)
        else:
            for i, plan in enumerate(doc.plans):
                add("plans", plan, f"plans[{i}]", doc.id, mapping)
        for relation in doc.relations:
            kept: Any = rewrite(relation, mapping) if mapping else relation
            # Relations hold dicts (absent), so they are told apart by their content.
            relations.setdefault(kept.model_dump_json(), kept)
        _codes(doc.id, doc.codelists, codelists, issues)
        for key, value in doc.extensions.items():
            if key in extensions and extensions[key] != value:
                issues.append(
                    Issue(
                        code="merge_conflict",
                        message=f"extension {key!r} has different values in {doc.id}",
                        path=f"extensions.{key}",
                        value=shorten(value),
                        hint="rename one of the extension keys",
                        file=doc.id,
                    )
                )
            extensions.setdefault(key, value)

    issues.extend(c.to_issue() for c in combiner.conflicts if c.kept is None)
    if issues:
        raise MergeConflictError(issues)
    try:
        landscape = Landscape.model_validate(
            {
                "document": "landscape",
                "schema_version": FORMAT_VERSION,
                "id": id,
                "name": name,
                "description": description,
                **{field: tuple(e for e, _ in known.values()) for field, known in merged.items()},
                "relations": tuple(relations.values()),
                "codelists": {k: tuple(v.values()) for k, v in codelists.items()},
                "extensions": extensions,
            }
        )
    except ValidationError as error:
        raise MergeConflictError(issues_from_validation_error(error, root=Landscape)) from None
    resolved = tuple(c for c in combiner.conflicts if c.kept is not None)
    return Merged(landscape, tuple(renamings), resolved, tuple(combiner.aliases))


def _codes(
    doc_id: str,
    declared: dict[str, Any],
    codelists: dict[str, dict[str, DeclaredCode]],
    issues: list[Issue],
) -> None:
    """Add the codes a document declares; the same code declared differently is a conflict."""
    for list_name, codes in declared.items():
        known = codelists.setdefault(list_name, {})
        for code in codes:
            previous = known.setdefault(code.code, code)
            if previous != code:
                issues.append(
                    Issue(
                        code="merge_conflict",
                        message=f"code {code.code!r} of codelist {list_name!r} is declared "
                        f"differently by {doc_id}",
                        path=f"codelists.{list_name}",
                        value=shorten(code.code),
                        hint="declare the code with the same labels in every document",
                        file=doc_id,
                    )
                )
