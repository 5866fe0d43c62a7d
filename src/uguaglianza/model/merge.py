"""Merging plan documents and landscapes into one landscape over shared registries.

The same entity may be defined in several documents (every Bologna document defines the
metropolitan city). Identical definitions are kept once; different definitions of the
same id are conflicts, reported all together rather than silently resolved.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from uguaglianza.errors import Issue, MergeConflictError, shorten
from uguaglianza.model._issues import issues_from_validation_error
from uguaglianza.model.documents import FORMAT_VERSION, Landscape, PlanDocument
from uguaglianza.model.relations import DeclaredCode

__all__ = ["merge"]

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


def _differences(first: BaseModel, second: BaseModel) -> list[str]:
    """Names of the fields whose values differ between two versions of an entity."""
    if type(first) is not type(second):
        return ["(kind of entity)"]
    return [
        name for name in type(first).model_fields if getattr(first, name) != getattr(second, name)
    ]


def merge(
    documents: Iterable[PlanDocument | Landscape],
    *,
    id: str,
    name: str | None = None,
    description: str | None = None,
) -> Landscape:
    """Combine *documents* into one :class:`Landscape`.

    Entities with the same id and the same content are kept once, in first-seen order.

    Raises:
        MergeConflictError: an id is defined differently by two documents, or two
            documents declare the same code with different labels; every conflict is
            listed with both places.
    """
    docs = list(documents)
    issues: list[Issue] = []
    # id -> (document id, path, entity) of the first definition, across all registries.
    seen: dict[str, tuple[str, str, BaseModel]] = {}
    merged: dict[str, list[Any]] = {field: [] for field in (*_REGISTRIES, "plans")}
    relations: dict[str, Any] = {}
    codelists: dict[str, dict[str, DeclaredCode]] = {}
    extensions: dict[str, Any] = {}

    def add(field: str, entity: BaseModel, doc_id: str, path: str) -> None:
        entity_id = entity.id  # type: ignore[attr-defined]
        first = seen.get(entity_id)
        if first is None:
            seen[entity_id] = (doc_id, path, entity)
            merged[field].append(entity)
            return
        if first[2] == entity:
            return
        fields = ", ".join(_differences(first[2], entity))
        issues.append(
            Issue(
                code="merge_conflict",
                message=f"id {entity_id!r} is defined differently in {first[0]} at {first[1]} "
                f"and in {doc_id} at {path} (differing: {fields})",
                path=path,
                value=shorten(entity_id),
                hint="make the two definitions equal, or give one of them another id",
                file=doc_id,
            )
        )

    for doc in docs:
        for field in _REGISTRIES:
            for i, entity in enumerate(getattr(doc, field)):
                add(field, entity, doc.id, f"{field}[{i}]")
        if isinstance(doc, PlanDocument):
            add("plans", doc.plan, doc.id, "plan")
            for i, plan in enumerate(doc.related_plans):
                add("plans", plan, doc.id, f"related_plans[{i}]")
        else:
            for i, plan in enumerate(doc.plans):
                add("plans", plan, doc.id, f"plans[{i}]")
        for relation in doc.relations:
            # Relations hold dicts (absent), so they are told apart by their content.
            relations.setdefault(relation.model_dump_json(), relation)
        for list_name, codes in doc.codelists.items():
            known = codelists.setdefault(list_name, {})
            for code in codes:
                previous = known.setdefault(code.code, code)
                if previous != code:
                    issues.append(
                        Issue(
                            code="merge_conflict",
                            message=f"code {code.code!r} of codelist {list_name!r} is declared "
                            f"differently by {doc.id}",
                            path=f"codelists.{list_name}",
                            value=shorten(code.code),
                            hint="declare the code with the same labels in every document",
                            file=doc.id,
                        )
                    )
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

    if issues:
        raise MergeConflictError(issues)
    try:
        return Landscape.model_validate(
            {
                "document": "landscape",
                "schema_version": FORMAT_VERSION,
                "id": id,
                "name": name,
                "description": description,
                **merged,
                "relations": tuple(relations.values()),
                "codelists": {k: tuple(v.values()) for k, v in codelists.items()},
                "extensions": extensions,
            }
        )
    except ValidationError as error:
        # Nested ids (actions, areas...) may clash across plans: report them as conflicts.
        raise MergeConflictError(issues_from_validation_error(error, root=Landscape)) from None
