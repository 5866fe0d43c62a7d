"""Document-wide checks run when a root document is validated.

One linear pass over the document registers every entity id, then checks every
reference (it exists, and points at an entity of an accepted kind) and every code (it
is in the shipped codelist or declared by the document). The pass is driven by the
``Ref`` and ``CodeIn`` markers on the fields, computed once per model class.

A valid document takes the fast road: the values of each field are gathered for all
instances of a class at once and checked as sets, and only entities get a location.
When that check sees anything wrong, the exact walk runs instead and locates every
problem, so errors are the same whichever road found them.
"""

from __future__ import annotations

import operator
import types
import typing
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain
from typing import Any, Literal, Union

import attrs
from pydantic import BaseModel
from pydantic_core import InitErrorDetails, PydanticCustomError

from uguaglianza.codelists import (
    Code,
    Codelist,
    DuplicateCodeError,
    InvalidCodelistError,
    codelist_names,
    load_codelist,
)
from uguaglianza.model._base import CodeIn, Ref

__all__ = [
    "DocumentIndex",
    "EntityRecord",
    "Loc",
    "build_index",
    "declared_codelist",
    "holders",
    "key_count",
]

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


def kind_of_entity(entity: object) -> str | None:
    """The entity kind of *entity*'s class (``action``, ``organisation``...), or None."""
    for cls in type(entity).__mro__:
        kind = _ENTITY_KIND_BY_CLASS.get(cls)
        if kind is not None:
            return kind
    return None


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
class _Shape:
    """How the fast check reads one model class: its kind and its fields to check."""

    kind: str | None
    probes: tuple[_Probe, ...]
    # Reads every probed field of an instance at once: one visit per object in memory.
    read: Callable[[Any], Any]
    # Fields that may hold entities, directly or deeper: (name, many, class, leaf), where
    # a leaf class is an entity kind that holds no other entities.
    bearers: tuple[tuple[str, bool, type[BaseModel], bool], ...]


_SHAPES: dict[type[BaseModel], _Shape] = {}
_ID = operator.attrgetter("id")
_KIND = operator.attrgetter("kind")


def _bearing_classes(root: type[BaseModel]) -> set[type[BaseModel]]:
    """The model classes reachable from *root* that are, or may hold, entities."""
    return _closure(root, _ENTITY_KIND_BY_CLASS.__contains__)


def _closure(
    root: type[BaseModel], wanted: Callable[[type[BaseModel]], bool]
) -> set[type[BaseModel]]:
    """The model classes reachable from *root* that are *wanted*, or may hold one that is."""
    edges: dict[type[BaseModel], list[type[BaseModel]]] = {}
    todo = [root]
    while todo:
        cls = todo.pop()
        if cls in edges:
            continue
        edges[cls] = [probe.payload for probe in _probes(cls) if probe.what == "model"]
        todo.extend(edges[cls])
    bearing = {cls for cls in edges if wanted(cls)}
    changed = True
    while changed:
        changed = False
        for cls, targets in edges.items():
            if cls not in bearing and any(target in bearing for target in targets):
                bearing.add(cls)
                changed = True
    return bearing


def _shape(cls: type[BaseModel]) -> _Shape:
    shape = _SHAPES.get(cls)
    if shape is None:
        probes = _probes(cls)
        bearing = _bearing_classes(cls)
        kinds = _ENTITY_KIND_BY_CLASS
        shape = _SHAPES[cls] = _Shape(
            kind=kinds.get(cls),
            probes=probes,
            read=operator.attrgetter(*(probe.name for probe in probes)) if probes else _ID,
            bearers=tuple(
                (
                    probe.name,
                    probe.many,
                    probe.payload,
                    probe.payload in kinds and _bearing_classes(probe.payload) == {probe.payload},
                )
                for probe in probes
                if probe.what == "model" and probe.payload in bearing
            ),
        )
    return shape


def _columns(shape: _Shape, items: list[Any]) -> Iterable[Iterable[Any]]:
    """The values of each probed field of *items*, field by field."""
    if len(shape.probes) == 1:
        return (map(shape.read, items),)
    return zip(*map(shape.read, items), strict=True)


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


def article(kind: str) -> str:
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def _kinds(accepted: frozenset[str]) -> str:
    """``{"organisation", "person"}`` → ``an organisation or a person``."""
    return " or ".join(article(kind) for kind in sorted(accepted))


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


def _label(text: str | None, code: str) -> str:
    """A declared code's label, or the code itself when the document gives a blank one."""
    return text if text and text.strip() else code


def declared_codelist(name: str, items: Sequence[Any]) -> Codelist:
    """The shipped codelist *name* with the codes a document declares for it.

    Raises:
        UnknownCodelistError: no codelist has that name.
        DuplicateCodeError: a declared code redefines a shipped one or repeats.
        InvalidCodelistError: a declared ``broader`` is unknown or makes a cycle.
    """
    shipped = load_codelist(name)
    if not items:
        return shipped
    return shipped.extended(
        Code(
            code=item.code,
            # The name is in the document's language; a translation, where given, is
            # the label in its own.
            label_it=_label(item.translations.get("it") or item.name, item.code),
            label_en=_label(item.translations.get("en") or item.name, item.code),
            description=item.description,
            broader=item.broader,
        )
        for item in items
    )


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
        try:
            declared_codelist(name, items)
        except InvalidCodelistError as error:
            errors.append(_broader_error(name, items, str(error.problem)))
        except DuplicateCodeError:
            pass  # a declared code repeating a shipped one is harmless: the code is known
    return known


def _broader_error(name: str, items: Sequence[Any], problem: str) -> InitErrorDetails:
    """Locate a declared code's bad ``broader`` (unknown, or a cycle) at that code."""
    position = next(
        (
            i
            for i, item in enumerate(items)
            if item.broader is not None and repr(item.code) in problem
        ),
        next((i for i, item in enumerate(items) if item.broader is not None), 0),
    )
    return InitErrorDetails(
        type=PydanticCustomError(
            "unknown_broader_code",
            "declared code's broader code is not usable: {problem}; name a code of the "
            "same codelist, shipped or declared",
            {"problem": problem},
        ),
        loc=("codelists", name, position, "broader"),
        input=items[position].broader,
    )


def _gather(
    doc: BaseModel,
) -> tuple[dict[frozenset[str], set[Any]], dict[str, set[Any]]] | None:
    """Every reference by accepted kinds and every code by codelist, as sets.

    None when an instance is not exactly of its field's declared class (a subclass may
    add fields of its own): the exact walk handles that case.
    """
    refs: dict[frozenset[str], set[Any]] = defaultdict(set)
    codes: dict[str, set[Any]] = defaultdict(set)
    # A single field's None means "absent"; inside a tuple it would be an error.
    optional_refs: dict[frozenset[str], set[Any]] = defaultdict(set)
    optional_codes: dict[str, set[Any]] = defaultdict(set)
    groups: list[tuple[type[BaseModel], list[Any]]] = [(type(doc), [doc])]
    for cls, items in groups:  # grows while it is read: breadth first, class by class
        shape = _shape(cls)
        if not shape.probes:
            continue
        for probe, column in zip(shape.probes, _columns(shape, items), strict=True):
            values = chain.from_iterable(column) if probe.many else column
            if probe.what == "ref":
                (refs if probe.many else optional_refs)[probe.payload].update(values)
            elif probe.what == "code":
                (codes if probe.many else optional_codes)[probe.payload].update(values)
            else:
                # Model instances are always true, so filtering on truth drops just None.
                found = list(values if probe.many else filter(None, values))
                if found:
                    if set(map(type, found)) != {probe.payload}:
                        return None
                    groups.append((probe.payload, found))
    for kinds, optional in optional_refs.items():
        optional.discard(None)
        refs[kinds] |= optional
    for name, optional in optional_codes.items():
        optional.discard(None)
        codes[name] |= optional
    return refs, codes


class _IrregularError(Exception):
    """An instance is not exactly of its field's declared class."""


def _instances(
    doc: BaseModel, wanted: set[type[BaseModel]] | None = None
) -> Iterator[tuple[type[BaseModel], list[Any]]]:
    """Every model instance in *doc*, class by class (only classes *wanted*, if given).

    Raises:
        _IrregularError: an instance is not exactly of its field's declared class.
    """
    groups: list[tuple[type[BaseModel], list[Any]]] = [(type(doc), [doc])]
    for cls, items in groups:  # grows while it is read
        yield cls, items
        for probe in _probes(cls):
            if probe.what != "model" or (wanted is not None and probe.payload not in wanted):
                continue
            values = map(operator.attrgetter(probe.name), items)
            # Model instances are always true, so filtering on truth drops just None.
            children = list(chain.from_iterable(values) if probe.many else filter(None, values))
            if children:
                if set(map(type, children)) != {probe.payload}:
                    raise _IrregularError
                groups.append((probe.payload, children))


def holders(doc: BaseModel, field: str) -> list[BaseModel] | None:
    """Every model instance in *doc*, itself included, whose class has a *field*.

    Returns None when an instance is not exactly of its field's declared class.
    """
    reaching = _closure(type(doc), lambda cls: field in cls.model_fields)
    try:
        return [
            item
            for cls, items in _instances(doc, reaching)
            if field in cls.model_fields
            for item in items
        ]
    except _IrregularError:
        return None


_FIELDS_SET = operator.attrgetter("__pydantic_fields_set__")


def key_count(doc: BaseModel) -> int | None:
    """How many keys the objects *doc* was validated from held, duplicates aside.

    Each field given (``model_fields_set``) is one, and each key of ``extensions`` and
    ``codelists``; None when an instance is not exactly of its field's declared class.
    """
    count = 0
    try:
        for cls, items in _instances(doc):
            count += sum(map(len, map(_FIELDS_SET, items)))
            for name in _mapping_fields(cls):
                for value in filter(None, map(operator.attrgetter(name), items)):
                    count += _keys_within(value)
    except _IrregularError:
        return None
    return count


def _mapping_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    return tuple(
        name
        for name, field in cls.model_fields.items()
        if typing.get_origin(field.annotation) is dict
    )


def _keys_within(value: object) -> int:
    """The keys of the mappings and models in a plain value, at any depth."""
    count = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            count += len(item)
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, BaseModel):
            count += len(item.model_fields_set)
            stack.extend(item.__dict__.values())
    return count


_MAX_NESTING = 100


def _register(
    node: BaseModel, loc: Loc, entities: dict[str, EntityRecord], depth: int = 0
) -> int | None:
    """Register the entities in *node* in document order; the number registered.

    Returns None if the nesting is unexpectedly deep (the exact walk copes with it).
    """
    if depth > _MAX_NESTING:
        return None
    shape = _shape(type(node))
    count = 0
    if shape.kind is not None:
        entity_id = getattr(node, "id", None)
        if entity_id is not None:
            entities[entity_id] = EntityRecord(shape.kind, node, loc)
            count += 1
    for name, many, child, leaf in shape.bearers:
        value = getattr(node, name)
        if value is None:
            continue
        if not many:
            found = _register(value, (*loc, name), entities, depth + 1)
            if found is None:
                return None
            count += found
        elif leaf:
            count += _register_leaves(value, (*loc, name), _ENTITY_KIND_BY_CLASS[child], entities)
        else:
            for i, item in enumerate(value):
                found = _register(item, (*loc, name, i), entities, depth + 1)
                if found is None:
                    return None
                count += found
    return count


def _register_leaves(
    items: Sequence[Any], loc: Loc, kind: str, entities: dict[str, EntityRecord]
) -> int:
    """Register *items*, entities holding no other entities; the number registered."""
    count = 0
    for i, (item, entity_id) in enumerate(zip(items, map(_ID, items), strict=True)):
        if entity_id is not None:
            entities[entity_id] = EntityRecord(kind, item, (*loc, i))
            count += 1
    return count


def _fast_index(doc: BaseModel, declared: Mapping[str, Any]) -> dict[str, EntityRecord] | None:
    """The entities of *doc* by id if it has no problem at all, else None."""
    gathered = _gather(doc)
    if gathered is None:
        return None
    refs, codes = gathered
    entities: dict[str, EntityRecord] = {}
    registered = _register(doc, (), entities)
    if registered is None or registered != len(entities):  # a duplicate id
        return None
    kind_of = dict(zip(entities, map(_KIND, entities.values()), strict=True))
    for accepted, targets in refs.items():
        if not set(map(kind_of.get, targets)) <= accepted:  # None: a dangling reference
            return None
    if codes or declared:
        names = set(codelist_names())
        if not names.issuperset(declared):
            return None
        if any(item.broader is not None for items in declared.values() for item in items):
            return None  # broader codes are checked, and located, by the exact walk
        for name, values in codes.items():
            allowed = load_codelist(name).codes_set()
            items = declared.get(name)
            if items:
                allowed = allowed | {item.code for item in items}
            if not values <= allowed:
                return None
    return entities


def build_index(
    doc: BaseModel, declared: Mapping[str, Any]
) -> tuple[DocumentIndex, list[InitErrorDetails]]:
    """Register every entity of *doc* and check its references and codes.

    Returns the index and the problems found, as pydantic error details with their
    locations, ready to be raised as one ``ValidationError``.
    """
    try:
        fast = _fast_index(doc, declared)
    except Exception:  # an odd document (built without validation): the exact walk copes
        fast = None
    if fast is not None:
        return DocumentIndex(fast), []
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
                            "kind": article(record.kind),
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
