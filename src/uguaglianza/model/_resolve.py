"""Document-wide checks run when a root document is validated.

One linear walk over the document registers every entity id, then checks every
reference (it exists, and points at an entity of an accepted kind) and every code (it
is in the shipped codelist or declared by the document). The walk is driven by the
``Ref`` and ``CodeIn`` markers on the fields, computed once per model class.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator, Mapping
from typing import Any, Literal, Union

import attrs
from pydantic import BaseModel
from pydantic_core import InitErrorDetails, PydanticCustomError

from uguaglianza.codelists import codelist_names, load_codelist
from uguaglianza.model._base import CodeIn, Ref

__all__ = ["DocumentIndex", "EntityRecord", "Loc", "build_index"]

Loc = tuple[str | int, ...]


@attrs.frozen(slots=True)
class EntityRecord:
    """An entity registered in a document: its kind, the object and where it stands."""

    kind: str
    entity: Any
    loc: Loc


@attrs.frozen(slots=True)
class _Probe:
    name: str
    what: Literal["ref", "code", "model"]
    many: bool
    payload: Any  # kinds (frozenset) / codelist name / model class


_ENTITY_KIND_BY_CLASS: dict[type[BaseModel], str] = {}
_PROBES: dict[type[BaseModel], tuple[_Probe, ...]] = {}


def register_kind(cls: type[BaseModel], kind: str) -> None:
    """Declare that instances of *cls* are entities of *kind* (done once per model class)."""
    _ENTITY_KIND_BY_CLASS[cls] = kind


def _marker(metadata: typing.Iterable[Any]) -> Ref | CodeIn | None:
    for item in metadata:
        if isinstance(item, Ref | CodeIn):
            return item
    return None


_What = Literal["ref", "code", "model"]


def _analyse(
    annotation: Any, metadata: typing.Iterable[Any] = ()
) -> tuple[_What, bool, Any] | None:
    """Return (what, many, payload) for a field annotation, or None if nothing to check."""
    marker = _marker(metadata)
    if marker is not None:
        if isinstance(marker, Ref):
            return "ref", False, frozenset(marker.kinds)
        return "code", False, marker.codelist
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        return _analyse(base, meta)
    if origin in (Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                found = _analyse(arg)
                if found is not None:
                    return found
        return None
    if origin is tuple:
        args = typing.get_args(annotation)
        found = _analyse(args[0]) if args else None
        if found is not None:
            return found[0], True, found[2]
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", False, annotation
    return None


def _probes(cls: type[BaseModel]) -> tuple[_Probe, ...]:
    probes = _PROBES.get(cls)
    if probes is None:
        found: list[_Probe] = []
        for name, field in cls.model_fields.items():
            if name in ("extensions", "codelists"):
                continue
            result = _analyse(field.annotation, field.metadata)
            if result is not None:
                what, many, payload = result
                found.append(_Probe(name, what, many, payload))
        probes = _PROBES[cls] = tuple(found)
    return probes


@attrs.frozen(slots=True)
class DocumentIndex:
    """Every entity of a document by id, built in one pass on validation."""

    entities: Mapping[str, EntityRecord]

    def get(self, entity_id: str) -> EntityRecord | None:
        """The record for *entity_id*, or None."""
        return self.entities.get(entity_id)

    def kind_of(self, entity_id: str) -> str | None:
        """The kind of the entity with *entity_id*, or None if there is none."""
        record = self.entities.get(entity_id)
        return None if record is None else record.kind

    def of_kind(self, kind: str) -> Iterator[EntityRecord]:
        """Every registered entity of *kind*, in document order."""
        return (record for record in self.entities.values() if record.kind == kind)

    def __len__(self) -> int:
        return len(self.entities)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.entities


def _article(kind: str) -> str:
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def _kinds(accepted: frozenset[str]) -> str:
    """``{"organisation", "person"}`` → ``an organisation or a person``."""
    return " or ".join(_article(kind) for kind in sorted(accepted))


def format_loc(loc: Loc) -> str:
    """``("plan", "actions", 3, "lead")`` → ``plan.actions[3].lead``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def _walk(
    obj: BaseModel,
    loc: Loc,
    entities: dict[str, EntityRecord],
    refs: list[tuple[Loc, str, frozenset[str]]],
    codes: list[tuple[Loc, str, str]],
    errors: list[InitErrorDetails],
    duplicated: set[str],
) -> None:
    # An explicit stack keeps deep documents from exhausting the interpreter's stack.
    stack: list[tuple[BaseModel, Loc]] = [(obj, loc)]
    kinds = _ENTITY_KIND_BY_CLASS
    while stack:
        node, where = stack.pop()
        kind = kinds.get(type(node))
        if kind is not None:
            entity_id = getattr(node, "id", None)
            if entity_id is not None:
                previous = entities.get(entity_id)
                if previous is None:
                    entities[entity_id] = EntityRecord(kind, node, where)
                else:
                    duplicated.add(entity_id)
                    errors.append(
                        InitErrorDetails(
                            type=PydanticCustomError(
                                "duplicate_id",
                                "id {id} is already used at {first}; ids must be unique "
                                "in the document: rename one of them",
                                {"id": repr(entity_id), "first": format_loc(previous.loc)},
                            ),
                            loc=(*where, "id"),
                            input=entity_id,
                        )
                    )
        children: list[tuple[BaseModel, Loc]] = []
        for probe in _probes(type(node)):
            value = getattr(node, probe.name)
            if value is None or (probe.many and not value):
                continue
            if probe.what == "model":
                if probe.many:
                    children.extend((item, (*where, probe.name, i)) for i, item in enumerate(value))
                else:
                    children.append((value, (*where, probe.name)))
            elif probe.what == "ref":
                if probe.many:
                    for i, item in enumerate(value):
                        refs.append(((*where, probe.name, i), item, probe.payload))
                else:
                    refs.append(((*where, probe.name), value, probe.payload))
            elif probe.many:
                for i, item in enumerate(value):
                    codes.append(((*where, probe.name, i), item, probe.payload))
            else:
                codes.append(((*where, probe.name), value, probe.payload))
        # Reversed, so that entities are registered in document order.
        stack.extend(reversed(children))


def _known_codes(declared: Mapping[str, Any], errors: list[InitErrorDetails]) -> dict[str, Any]:
    names = set(codelist_names())
    known: dict[str, Any] = {}
    for name, items in declared.items():
        if name not in names:
            errors.append(
                InitErrorDetails(
                    type=PydanticCustomError(
                        "unknown_codelist",
                        "there is no codelist {name}; known codelists: {known}",
                        {"name": repr(name), "known": ", ".join(sorted(names))},
                    ),
                    loc=("codelists", name),
                    input=name,
                )
            )
            continue
        known[name] = load_codelist(name).codes_set() | {item.code for item in items}
    return known


def build_index(
    doc: BaseModel, declared: Mapping[str, Any]
) -> tuple[DocumentIndex, list[InitErrorDetails]]:
    """Register every entity of *doc* and check its references and codes.

    Returns the index and the problems found, as pydantic error details with their
    locations, ready to be raised as one ``ValidationError``.
    """
    entities: dict[str, EntityRecord] = {}
    refs: list[tuple[Loc, str, frozenset[str]]] = []
    codes: list[tuple[Loc, str, str]] = []
    errors: list[InitErrorDetails] = []
    duplicated: set[str] = set()
    _walk(doc, (), entities, refs, codes, errors, duplicated)

    for loc, target, accepted in refs:
        record = entities.get(target)
        if record is None:
            errors.append(
                InitErrorDetails(
                    type=PydanticCustomError(
                        "dangling_reference",
                        "no {kinds} has id {id}; define it or correct the reference",
                        {"id": repr(target), "kinds": _kinds(accepted)},
                    ),
                    loc=loc,
                    input=target,
                )
            )
        elif record.kind not in accepted and target not in duplicated:
            errors.append(
                InitErrorDetails(
                    type=PydanticCustomError(
                        "wrong_reference_kind",
                        "{id} is {kind} (at {where}), but {kinds} is expected here",
                        {
                            "id": repr(target),
                            "kind": _article(record.kind),
                            "where": format_loc(record.loc),
                            "kinds": _kinds(accepted),
                        },
                    ),
                    loc=loc,
                    input=target,
                )
            )

    known = _known_codes(declared, errors)
    for loc, code, name in codes:
        allowed = known.get(name)
        if allowed is None:
            allowed = known[name] = load_codelist(name).codes_set()
        if code not in allowed:
            suggestions = load_codelist(name).nearest(code)
            hint = f"did you mean {' or '.join(map(repr, suggestions))}? " if suggestions else ""
            errors.append(
                InitErrorDetails(
                    type=PydanticCustomError(
                        "unknown_code",
                        "{code} is not in the {codelist} codelist; {hint}"
                        "to add a code of your own, declare it under codelists.{name}",
                        {"code": repr(code), "codelist": repr(name), "name": name, "hint": hint},
                    ),
                    loc=loc,
                    input=code,
                )
            )
    return DocumentIndex(entities), errors
