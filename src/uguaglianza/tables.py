"""Flat tables of a document, one per kind of thing: plain dicts, or pandas DataFrames.

``records(doc)`` needs nothing beyond the library; ``frames(doc)`` needs pandas (the
``pandas`` extra). Every table has the entity's ``id`` and ``name`` in the chosen language,
a reference's id and the name it points at (``lead``, ``lead_name``), periods as their
``start`` and ``end``, dates as ISO text and amounts as exact ``Decimal`` with their
currency; ``floats=True`` adds a ``float`` copy of each amount for plotting. The columns
follow the models' fields, so a field added to a model appears in its table.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from uguaglianza.dates import PartialDate, Period
from uguaglianza.errors import MissingExtraError
from uguaglianza.model._base import Entity, Money, Named, Stated
from uguaglianza.model._resolve import _analyse, kind_of_entity

if TYPE_CHECKING:
    from uguaglianza.model import Landscape, PlanDocument

__all__ = ["FINDING_COLUMNS", "TABLES", "Tabular", "flatten", "frames", "pandas", "records"]

#: The tables, by name, with the entity kind whose rows they hold.
_ENTITY_TABLES = {
    "plans": "plan",
    "areas": "area",
    "objectives": "objective",
    "actions": "action",
    "indicators": "indicator",
    "territories": "territory",
    "organisations": "organisation",
    "persons": "person",
    "posts": "post",
    "bodies": "body",
    "meetings": "meeting",
    "acts": "act",
    "opinions": "opinion",
    "obligations": "obligation",
    "funds": "fund",
    "calls": "call",
    "grants": "grant",
    "projects": "project",
    "phases": "phase",
    "services": "service",
    "transfers": "transfer",
    "relations": "relation",
    "sources": "source",
}
#: Lists inside an entity that get a table of their own, by field: one row per item.
_PART_TABLES = {
    "members": "memberships",
    "operators": "operators",
    "measurements": "measurements",
    "milestones": "milestones",
    "steps": "act_steps",
}
#: Every table ``records`` and ``frames`` return, in order.
TABLES: tuple[str, ...] = (*_ENTITY_TABLES, *_PART_TABLES.values())
#: Fields left out of the tables: provenance and free data, better read on the entity.
_SKIPPED = frozenset(
    {"source", "extensions", "absent", "translations", "aliases", "former_names", "identifiers"}
)

#: The columns of ``Report.to_frame()``.
FINDING_COLUMNS = (
    "severity",
    "code",
    "known",
    "path",
    "value",
    "file",
    "line",
    "column",
    "title",
    "message",
    "hint",
)

_Row = dict[str, Any]
_Names = Mapping[str, str]
_Writer = Callable[[_Row, Any, _Names], None]


def pandas() -> Any:
    """pandas, imported on first use.

    Raises:
        MissingExtraError: pandas is not installed (the ``pandas`` extra).
    """
    try:
        return importlib.import_module("pandas")
    except ImportError:
        raise MissingExtraError(
            "tables as DataFrames need pandas, which is not installed; install the "
            "'pandas' extra: pip install 'uguaglianza[pandas]' (records() needs nothing)"
        ) from None


def _text(value: Any) -> Any:
    return None if value is None else str(value)


def _column_writer(name: str, annotation: Any, metadata: list[Any], floats: bool) -> _Writer:
    """How one field becomes columns of a row."""
    found = _analyse(annotation, metadata)
    what, many = (found[0], found[1]) if found else (None, False)
    payload = found[2] if found else None
    if what == "ref":

        def ref(row: _Row, value: Any, names: _Names) -> None:
            if many:
                row[name] = "; ".join(value)
                row[f"{name}_names"] = "; ".join(names.get(item, item) for item in value)
            else:
                row[name] = value
                row[f"{name}_name"] = None if value is None else names.get(value, value)

        return ref
    if what == "code":
        return (
            (lambda row, value, _names: row.__setitem__(name, "; ".join(value)))
            if many
            else (lambda row, value, _names: row.__setitem__(name, value))
        )
    if what == "model" and not many and payload is Money:

        def money(row: _Row, value: Money | None, _names: _Names) -> None:
            row[name] = None if value is None else value.amount
            row[f"{name}_currency"] = None if value is None else value.currency
            if floats:
                row[f"{name}_float"] = None if value is None else float(value.amount)

        return money
    if what == "model" and not many and payload is Period:

        def period(row: _Row, value: Period | None, _names: _Names) -> None:
            row[f"{name}_start"] = None if value is None else _text(value.start)
            row[f"{name}_end"] = None if value is None else _text(value.end)

        return period
    if what == "model":
        return lambda row, value, _names: row.__setitem__(name, _parts_text(value))
    return lambda row, value, _names: row.__setitem__(name, _plain(value))


def _parts_text(value: Any) -> str | None:
    """Nested records (conditions, amounts by year) as short text: ``2026 5000 EUR; ...``."""
    items = value if isinstance(value, tuple) else (value,)
    texts = []
    for item in items:
        if not isinstance(item, BaseModel):
            continue
        words = [
            str(inner)
            for field in type(item).model_fields
            if field not in _SKIPPED
            and (inner := getattr(item, field)) is not None
            and isinstance(inner, str | int | Decimal | Money | Period | PartialDate)
            and not isinstance(inner, bool)
        ]
        texts.append(" ".join(words))
    return "; ".join(texts) if texts else None


def _plain(value: Any) -> Any:
    """A cell's value: text for dates and other objects, numbers and strings as they are."""
    if value is None or isinstance(value, str | bool | int | Decimal):
        return value
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, tuple):
        return "; ".join(str(_plain(item)) for item in value)
    if isinstance(value, BaseModel):
        return None
    return str(value)


_PLANS: dict[tuple[type[BaseModel], bool], tuple[tuple[str, _Writer], ...]] = {}


def _plan(cls: type[BaseModel], floats: bool) -> tuple[tuple[str, _Writer], ...]:
    """The writers of each field of *cls*, computed once per class."""
    plan = _PLANS.get((cls, floats))
    if plan is None:
        plan = tuple(
            (name, _column_writer(name, info.annotation, list(info.metadata), floats))
            for name, info in cls.model_fields.items()
            if name not in _SKIPPED and name not in _PART_TABLES
        )
        _PLANS[cls, floats] = plan
    return plan


def _row(item: BaseModel, names: _Names, lang: str | None, floats: bool, head: _Row) -> _Row:
    row = dict(head)
    if isinstance(item, Entity):
        row["id"] = item.id
    if isinstance(item, Named):
        row["name"] = item.label(lang)
    for field, write in _plan(type(item), floats):
        if field not in row:
            write(row, getattr(item, field), names)
    return row


def _walk(
    model: BaseModel, parent: Entity | None, names: _Names
) -> Iterator[tuple[str, BaseModel, Entity | None]]:
    """Every entity and listed part in *model*, with the entity it sits in."""
    for field in type(model).model_fields:
        value = getattr(model, field)
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            if not isinstance(item, Stated):
                continue
            kind = kind_of_entity(item) if isinstance(item, Entity) else None
            if kind is not None and isinstance(item, Entity):
                yield kind, item, parent
                yield from _walk(item, item, names)
            elif field in _PART_TABLES and parent is not None:
                yield _PART_TABLES[field], item, parent


def records(
    doc: PlanDocument | Landscape, *, lang: str | None = None, floats: bool = False
) -> dict[str, list[dict[str, Any]]]:
    """One list of flat rows per kind of thing in *doc* (see :data:`TABLES`).

    Rows of things inside another (an action in a plan, a meeting of a body) name it
    too: ``plan`` and ``plan_name``, ``body`` and ``body_name``. Names are in *lang*
    when translated (else as written; default: the setting of :func:`set_language`).
    """
    from uguaglianza.display import language_of_names

    lang = language_of_names(lang)
    names = {
        record.entity.id: record.entity.label(lang)
        for record in doc.index.entities.values()
        if isinstance(record.entity, Named)
    }
    kinds = {kind: table for table, kind in _ENTITY_TABLES.items()}
    tables: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
    for kind, item, parent in _walk(doc, None, names):
        table = kinds.get(kind, kind)
        head: _Row = {}
        if parent is not None and item is not parent:
            parent_kind = kind_of_entity(parent) or "parent"
            head = {parent_kind: parent.id, f"{parent_kind}_name": names.get(parent.id)}
        if table in tables:
            tables[table].append(_row(item, names, lang, floats, head))
    return tables


def frames(
    doc: PlanDocument | Landscape, *, lang: str | None = None, floats: bool = False
) -> dict[str, Any]:
    """:func:`records` as pandas DataFrames, one per table; amounts stay exact ``Decimal``.

    Raises:
        MissingExtraError: pandas is not installed (the ``pandas`` extra).
    """
    pd = pandas()
    return {
        table: pd.DataFrame.from_records(rows) if rows else pd.DataFrame()
        for table, rows in records(doc, lang=lang, floats=floats).items()
    }


def flatten(data: Mapping[str, Any]) -> tuple[dict[str, list[_Row]], _Row]:
    """The lists of mappings in JSON-like *data* as rows by dotted path, and its scalars.

    Nested mappings become dotted columns (``before.nodes``); lists of scalars are joined.
    """
    sections: dict[str, list[_Row]] = {}
    scalars: _Row = {}
    _flatten_into(data, "", sections, scalars)
    return sections, scalars


def _flatten_into(
    data: Mapping[str, Any], prefix: str, sections: dict[str, list[_Row]], row: _Row
) -> None:
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            _flatten_into(value, f"{path}.", sections, row)
        elif isinstance(value, list | tuple) and value and isinstance(value[0], Mapping):
            rows = sections.setdefault(path, [])
            for item in value:
                inner: _Row = {}
                _flatten_into(item, "", sections, inner)
                rows.append(inner)
        elif isinstance(value, list | tuple):
            row[path] = "; ".join(str(item) for item in value)
        else:
            row[path] = value


class Tabular:
    """A result with ``to_dict()`` that also gives its rows as a DataFrame and as HTML."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:  # pragma: no cover - every result defines it
        """The result as JSON-compatible data."""
        raise NotImplementedError

    def to_records(self) -> list[dict[str, Any]]:
        """One flat row per item of the result's lists; ``section`` names the list."""
        sections, scalars = flatten(self.to_dict())
        if not sections:
            return [scalars]
        return [{"section": section, **row} for section, rows in sections.items() for row in rows]

    def to_frame(self) -> Any:
        """:meth:`to_records` as a DataFrame; the result's own figures are in ``attrs``.

        Raises:
            MissingExtraError: pandas is not installed (the ``pandas`` extra).
        """
        frame = pandas().DataFrame.from_records(self.to_records())
        sections, scalars = flatten(self.to_dict())
        if sections:
            frame.attrs.update(scalars)
        return frame

    def to_html(self, lang: str | None = None) -> str:
        """The result as a compact HTML table, for notebooks."""
        from uguaglianza.display import tabular_html

        return tabular_html(self, lang)

    def _repr_html_(self) -> str:
        return self.to_html()
