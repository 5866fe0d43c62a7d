"""Two statements of the same entity, by two sources, combined field by field.

Equal values are kept once; a value one side leaves empty is taken from the other;
lists of nested facts are united (a fact stated by both is kept once, nested entities
are matched by id); mappings are united key by key. Only two different values for the
same field are a conflict, which a strategy may resolve. Every statement keeps the
sources that support it: the second source goes to ``other_sources`` with the fields it
supports (see :class:`uguaglianza.model.SourceNote`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal

import attrs
from pydantic import BaseModel, ValidationError

from uguaglianza.dates import PartialDate
from uguaglianza.errors import Issue, shorten
from uguaglianza.model._base import Entity, SourceNote

__all__ = ["Combiner", "Conflict", "Side"]

#: Fields that record where a statement comes from rather than what it states.
_PROVENANCE = frozenset({"source", "other_sources", "notes"})
#: Fields no source note names: identity, provenance and users' own data.
_UNSOURCED = frozenset({"id", "absent", "extensions", *_PROVENANCE})
#: Reasons for an empty field that any other reason makes more precise.
_WEAKEST_ABSENCE = "not_stated"

_Win = Literal["a", "b", "both"]


@attrs.frozen(slots=True)
class Side:
    """One of the two statements: its document and the source note nearest to a value."""

    document: str
    note: SourceNote | None

    def source(self) -> str | None:
        """The id of the cited source document, if any."""
        return None if self.note is None else self.note.document

    def describe(self) -> str:
        """``doc (source s1)`` or ``doc (no source)``."""
        source = self.source()
        return f"{self.document} (source {source})" if source else f"{self.document} (no source)"


@attrs.frozen(slots=True)
class Conflict:
    """Two values for the same field of the same entity, each with its document and source."""

    entity: str
    """``kind 'id'`` of the entity, e.g. ``territory 'cm-bologna'``."""
    field: str
    """The field inside the entity, e.g. ``period.start`` or ``translations.en``."""
    path: str
    """Where the second value stands in its document, e.g. ``territories[3].name``."""
    first: Any
    second: Any
    first_side: Side
    second_side: Side
    kept: Literal["first", "second"] | None = None
    """Which value a strategy kept; None when the conflict stands."""

    def message(self) -> str:
        """What the two sources say, in one sentence."""
        text = (
            f"{self.entity}: {self.field} is {shorten(self.first)} in "
            f"{self.first_side.describe()} and {shorten(self.second)} in "
            f"{self.second_side.describe()}"
        )
        if self.kept is not None:
            kept = self.first_side if self.kept == "first" else self.second_side
            text += f"; kept the value of {kept.describe()}"
        return text

    def to_issue(self) -> Issue:
        """The conflict as an issue located in the second document."""
        return Issue(
            code="merge_conflict",
            message=self.message(),
            path=self.path,
            value=shorten(self.second),
            hint="correct the value that is wrong, or choose a source with --prefer "
            "(newest, or a source id)",
            file=self.second_side.document,
        )


#: Chooses between the two sides of a conflict: "first", "second" or None (undecided).
Strategy = Callable[[Side, Side], Literal["first", "second"] | None]


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, tuple | dict | str) and not value)


def _same_name(first: object, second: object) -> bool:
    """Whether one name is the other with words added ("Pianura Est", "Distretto Pianura Est")."""
    if not isinstance(first, str) or not isinstance(second, str):
        return False
    a, b = first.casefold(), second.casefold()
    return a in b or b in a


def _fact_key(item: BaseModel) -> str:
    """What a nested fact states, without where it comes from."""
    return item.model_dump_json(exclude=set(_PROVENANCE) & set(type(item).model_fields))


def _item_key(item: BaseModel) -> tuple[type[BaseModel], str]:
    """How an item of a list is recognised in the other list: an entity by its id."""
    if isinstance(item, Entity):
        return type(item), item.id
    return type(item), _fact_key(item)


@attrs.frozen(slots=True)
class _At:
    """Where a combination stands: what a conflict met there names, and where notes go.

    Attributes:
        label: the entity, as a conflict names it.
        inner: the field within the entity (``periods[0].start``); empty at the entity.
        path: the same place in the second document.
        sa: the first side's statement.
        sb: the second side's.
        top: the entity's field that holds the nested fact being combined.
        notes: where the second sources of nested facts are gathered for the entity.
    """

    label: str
    inner: str
    path: str
    sa: Side
    sb: Side
    top: str | None
    notes: list[SourceNote]

    def within(self, inner: str, path: str) -> _At:
        """The same place, one field or item further in."""
        return attrs.evolve(self, inner=inner, path=path)


class Combiner:
    """Combines statements of the same entity, gathering the conflicts it meets."""

    def __init__(self, strategy: Strategy | None = None) -> None:
        self.strategy = strategy
        self.conflicts: list[Conflict] = []
        self.aliases: list[str] = []
        """Names of an entity that a second source writes differently, kept as aliases."""

    def entity(self, a: BaseModel, b: BaseModel, label: str, sa: Side, sb: Side, path: str) -> Any:
        """The entity *a* (as stated by *sa*) combined with *b* (stated by *sb* at *path*)."""
        merged, _, _ = self._model(a, b, _At(label, "", path, sa, sb, None, []))
        return merged

    def _model(self, a: BaseModel, b: BaseModel, at: _At) -> tuple[BaseModel, set[str], set[str]]:
        """*a* and *b* combined, with the fields each supports."""
        cls = type(a)
        fields = cls.model_fields
        is_entity = isinstance(a, Entity)
        own_notes: list[SourceNote] = [] if is_entity else at.notes
        if "source" in fields:  # each side as its own note on this statement says
            at = attrs.evolve(
                at,
                sa=Side(at.sa.document, getattr(a, "source", None) or at.sa.note),
                sb=Side(at.sb.document, getattr(b, "source", None) or at.sb.note),
            )
        values: dict[str, Any] = {}
        a_fields: set[str] = set()
        b_fields: set[str] = set()
        given = a.model_fields_set | b.model_fields_set
        for name in fields:
            if name in ("source", "other_sources", "absent") or name not in given:
                continue
            va, vb = getattr(a, name), getattr(b, name)
            if va == vb or _empty(vb):
                values[name] = va
                if not _empty(va):
                    a_fields.add(name)
                    if va == vb:
                        b_fields.add(name)
                continue
            if _empty(va):
                values[name] = vb
                b_fields.add(name)
                continue
            if name == "name" and is_entity and _same_name(va, vb):
                values[name] = va  # the other wording becomes an alias: see _names
                a_fields.add(name)
                continue
            field = _At(
                at.label,
                f"{at.inner}.{name}" if at.inner else name,
                f"{at.path}.{name}",
                at.sa,
                at.sb,
                name if is_entity else at.top,
                own_notes,
            )
            value, win = self._value(va, vb, field, name)
            values[name] = value
            if win != "b":
                a_fields.add(name)
            if win != "a":
                b_fields.add(name)
        if "absent" in fields:
            absent = self._absent(a, b, values, at)
            if absent:
                values["absent"] = absent
        if is_entity:
            self._names(a, b, values, at.label, at.sb, b_fields)
            self._provenance(a, b, values, a_fields, b_fields, own_notes)
        elif "source" in fields:
            self._fact_source(a, b, values, at.top, at.notes)
        try:
            return cls.model_validate(values), a_fields, b_fields
        except ValidationError as error:
            # The combined values break a rule of the model (a period that ends before
            # it starts): the two statements contradict each other as a whole.
            self._conflict(at.within(at.inner or "(whole)", at.path), a, b, str(error))
            return a, a_fields, set()

    def _value(self, va: Any, vb: Any, at: _At, name: str) -> tuple[Any, _Win]:
        """Two non-empty, different values of the field *name*, combined."""
        if isinstance(va, BaseModel) and type(va) is type(vb):
            if isinstance(va, Entity) and isinstance(vb, Entity) and va.id != vb.id:
                return self._choose(va, vb, at)
            merged, _, _ = self._model(va, vb, at)
            return merged, "both"
        if isinstance(va, tuple) and isinstance(vb, tuple):
            return self._items(va, vb, at), "both"
        if isinstance(va, dict) and isinstance(vb, dict):
            return self._mapping(va, vb, at), "both"
        if name == "notes" and isinstance(va, str) and isinstance(vb, str):
            # Free remarks of two sources: both are kept.
            return (va if vb in va else f"{va}\n\n{vb}"), "both"
        return self._choose(va, vb, at)

    def _items(self, va: tuple[Any, ...], vb: tuple[Any, ...], at: _At) -> tuple[Any, ...]:
        """Two lists united: equal items once, nested entities by id, facts by content."""
        if all(isinstance(item, BaseModel) for item in (*va, *vb)):
            result = list(va)
            position = {_item_key(item): i for i, item in enumerate(va)}
            for j, item in enumerate(vb):
                key = _item_key(item)
                i = position.get(key)
                if i is None:
                    position[key] = len(result)
                    result.append(item)
                elif result[i] != item:
                    inside = at.within(at.inner, f"{at.path}[{j}]")
                    if isinstance(item, Entity):
                        inside = attrs.evolve(
                            inside,
                            label=f"{at.label} > {item.id!r}",
                            inner=f"{at.inner}[{item.id!r}]",
                        )
                    result[i], _, _ = self._model(result[i], item, inside)
            return tuple(result)
        try:
            seen: set[Any] | list[Any] = set(va)
        except TypeError:  # values that cannot be hashed are compared one by one
            seen = list(va)
        return (*va, *(item for item in vb if item not in seen))

    def _mapping(self, va: Mapping[str, Any], vb: Mapping[str, Any], at: _At) -> dict[str, Any]:
        """Two mappings united key by key; two values for one key are a conflict."""
        result = dict(va)
        for key, value in vb.items():
            if key not in result or _empty(result[key]):
                result[key] = value
            elif result[key] != value:
                inside = at.within(f"{at.inner}.{key}", f"{at.path}.{key}")
                if isinstance(value, BaseModel) and type(value) is type(result[key]):
                    result[key], _, _ = self._model(result[key], value, inside)
                else:
                    result[key], _ = self._choose(result[key], value, inside)
        return result

    def _absent(
        self, a: BaseModel, b: BaseModel, values: Mapping[str, Any], at: _At
    ) -> dict[str, str]:
        """Fields both sides leave empty, with the most precise reason either gives."""
        absent: dict[str, str] = {}
        mine: Mapping[str, str] = getattr(a, "absent", {})
        theirs: Mapping[str, str] = getattr(b, "absent", {})
        for name in (*mine, *(n for n in theirs if n not in mine)):
            if not _empty(values.get(name)):
                continue  # the other source states it
            first, second = mine.get(name), theirs.get(name)
            if first is None or second is None or first == second:
                absent[name] = first or second or _WEAKEST_ABSENCE
            elif _WEAKEST_ABSENCE in (first, second):
                absent[name] = second if first == _WEAKEST_ABSENCE else first
            else:
                where = f"{at.inner}.absent.{name}" if at.inner else f"absent.{name}"
                inside = at.within(where, f"{at.path}.absent.{name}")
                absent[name], _ = self._choose(first, second, inside)
        return absent

    def _names(
        self,
        a: BaseModel,
        b: BaseModel,
        values: dict[str, Any],
        label: str,
        sb: Side,
        b_fields: set[str],
    ) -> None:
        """A name the merged entity does not keep becomes one of its aliases."""
        first: str | None = getattr(a, "name", None)
        second: str | None = getattr(b, "name", None)
        kept = values.get("name")
        if not isinstance(kept, str):
            return
        aliases: tuple[str, ...] = values.get("aliases", ())
        for name in (first, second):
            if name and name != kept and name not in aliases:
                aliases = (*aliases, name)
        if aliases:
            values["aliases"] = aliases
        if second == kept:
            b_fields.add("name")
        elif second and _same_name(first, second):
            b_fields.add("aliases")
            self.aliases.append(f"{label}: {sb.describe()} names it {second!r}, kept as an alias")

    def _provenance(
        self,
        a: BaseModel,
        b: BaseModel,
        values: dict[str, Any],
        a_fields: set[str],
        b_fields: set[str],
        notes: list[SourceNote],
    ) -> None:
        """Keep *a*'s source, and every other source with the fields it supports."""
        content = {
            name for name, value in values.items() if name not in _UNSOURCED and not _empty(value)
        }
        a_fields, b_fields = a_fields & content, b_fields & content
        source_a: SourceNote | None = getattr(a, "source", None)
        source_b: SourceNote | None = getattr(b, "source", None)
        others: list[SourceNote] = list(getattr(a, "other_sources", ()))

        def add(note: SourceNote) -> None:
            if note != source_a and note not in others:
                others.append(note)

        if source_b is not None and source_b == source_a:
            a_fields = b_fields = a_fields | b_fields  # one source states both versions
        if source_a is not None and not source_a.fields and not a_fields >= content:
            source_a = source_a.model_copy(update={"fields": tuple(sorted(a_fields))})
        if source_b is not None and source_b != getattr(a, "source", None):
            supported = b_fields & set(source_b.fields) if source_b.fields else b_fields
            if not supported >= content:
                source_b = source_b.model_copy(update={"fields": tuple(sorted(supported))})
            if source_a is None:
                source_a = source_b
            else:
                add(source_b)
        for note in (*getattr(b, "other_sources", ()), *notes):
            add(note)
        if source_a is not None:
            values["source"] = source_a
        if others:
            values["other_sources"] = tuple(others)

    @staticmethod
    def _fact_source(
        a: BaseModel, b: BaseModel, values: dict[str, Any], top: str | None, notes: list[Any]
    ) -> None:
        """A nested fact keeps *a*'s source; *b*'s goes to the entity, naming the field."""
        source_a: SourceNote | None = getattr(a, "source", None)
        source_b: SourceNote | None = getattr(b, "source", None)
        if source_a is not None:
            values["source"] = source_a
        elif source_b is not None:
            values["source"] = source_b
        if source_a is not None and source_b is not None and source_a != source_b:
            fields = (top,) if top else ()
            note = source_b.model_copy(update={"fields": fields})
            if note not in notes:
                notes.append(note)

    def _choose(self, va: Any, vb: Any, at: _At) -> tuple[Any, _Win]:
        """One of two contradicting values: the strategy's choice, else the first (a conflict)."""
        kept = self.strategy(at.sa, at.sb) if self.strategy is not None else None
        self.conflicts.append(Conflict(at.label, at.inner, at.path, va, vb, at.sa, at.sb, kept))
        return (vb, "b") if kept == "second" else (va, "a")

    def _conflict(self, at: _At, va: Any, vb: Any, why: str) -> None:
        inner = f"{at.inner} ({why.splitlines()[0]})"
        self.conflicts.append(Conflict(at.label, inner, at.path, va, vb, at.sa, at.sb))


def newest(dates: Mapping[str, PartialDate]) -> Strategy:
    """Prefer the side whose cited source is dated later (*dates* by source id)."""

    def when(side: Side) -> PartialDate | None:
        if side.note is None:
            return None
        if side.note.date is not None:
            return side.note.date
        return dates.get(side.note.document or "")

    def choose(first: Side, second: Side) -> Literal["first", "second"] | None:
        a, b = when(first), when(second)
        if a is None or b is None or a == b:
            return None
        return "first" if b < a else "second"

    return choose


def named(source: str) -> Strategy:
    """Prefer the side that cites *source*, or that comes from the document *source*."""

    def choose(first: Side, second: Side) -> Literal["first", "second"] | None:
        a = source in (first.source(), first.document)
        b = source in (second.source(), second.document)
        if a == b:
            return None
        return "first" if a else "second"

    return choose
