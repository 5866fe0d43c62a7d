"""The tabular layout of a document, derived from the models: one sheet per kind of entity.

The layout walks pydantic's ``model_fields``, so every field of the format is carried:
small values take one cell each (see :mod:`uguaglianza.io._cells`), a nested part such as
``source`` spreads over dotted columns (``source.quote``), and every list of parts goes to
a sheet of its own whose rows name the entity they belong to (``entità``) and, when the
list lies deeper in it, the field path from that entity (``campo``).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from decimal import Decimal
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from uguaglianza.dates import Duration, PartialDate, Period, Recurrence
from uguaglianza.model import Landscape, PlanDocument
from uguaglianza.model._base import CodeIn, Entity, Money, Ref

__all__ = [
    "CODELIST_KEY",
    "DOCUMENT_SHEET",
    "FIELD_KEY",
    "OWNER_KEY",
    "Column",
    "Layout",
    "Sheet",
    "layout",
]

#: The sheet of the document's own fields, one per row.
DOCUMENT_SHEET = "Documento"
#: Key column of a child sheet: the id of the entity a row belongs to.
OWNER_KEY = "entità"
#: Key column of a child sheet: the field path from that entity to the row's list.
FIELD_KEY = "campo"
#: Key column of the declared codes: the codelist a code is added to.
CODELIST_KEY = "codelist"

#: Italian sheet names, by model class name; a new class gets its own name.
SHEET_NAMES = {
    "SourceDocument": "Fonti",
    "DeclaredCode": "Codici",
    "Territory": "Territori",
    "TerritorialLink": "Appartenenze",
    "Organisation": "Organizzazioni",
    "Person": "Persone",
    "Post": "Incarichi",
    "Plan": "Piani",
    "InterventionArea": "Aree",
    "Objective": "Obiettivi",
    "Action": "Azioni",
    "Indicator": "Indicatori",
    "Milestone": "Tappe",
    "PlanLink": "Legami tra piani",
    "Condition": "Condizioni",
    "Staffing": "Personale",
    "YearlyAmount": "Importi annui",
    "LegalReference": "Basi giuridiche",
    "Contribution": "Contributi al piano",
    "Measurement": "Misurazioni",
    "Cell": "Celle",
    "CellKey": "Coordinate",
    "Act": "Atti",
    "ActStep": "Passaggi",
    "ActParty": "Parti",
    "ActEffect": "Effetti",
    "Conclusion": "Conclusioni",
    "Opinion": "Pareri",
    "Obligation": "Obblighi",
    "GovernanceBody": "Organi",
    "Membership": "Componenti",
    "Meeting": "Riunioni",
    "AgendaItem": "Ordine del giorno",
    "StatusSpell": "Stati",
    "Contact": "Contatti",
    "Fund": "Fondi",
    "Call": "Bandi",
    "Grant": "Finanziamenti",
    "CoFinancing": "Cofinanziamenti",
    "Project": "Progetti",
    "Participant": "Partner",
    "Phase": "Fasi",
    "Service": "Servizi",
    "Tenure": "Gestori",
    "NetworkMembership": "Reti",
    "Capacity": "Capienza",
    "OpeningHours": "Orari",
    "Transfer": "Trasferimenti",
    "Relation": "Relazioni",
    "Identifier": "Identificativi",
    "FormerName": "Nomi precedenti",
    "SourceNote": "Altre fonti",
    "FollowedFramework": "Quadri seguiti",
}

#: How one cell is written and read; see :mod:`uguaglianza.io._cells`.
Kind = Literal[
    "text",
    "token",
    "choice",
    "int",
    "bool",
    "decimal",
    "date",
    "period",
    "duration",
    "recurrence",
    "money",
    "tokens",
    "texts",
    "mapping",
    "json",
    "present",
]

_SCALAR_MODELS: dict[type[Any], Kind] = {
    Money: "money",
    Period: "period",
    PartialDate: "date",
    Duration: "duration",
    Recurrence: "recurrence",
}


@dataclasses.dataclass(frozen=True)
class Column:
    """One column of a sheet: the field path it holds, relative to the row's part."""

    header: str
    path: tuple[str, ...]
    kind: Kind
    required: bool = False
    codelist: str | None = None
    refs: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    description: str = ""
    default: Any = None


@dataclasses.dataclass
class Sheet:
    """A sheet: the model of its rows, its columns, and where its rows live."""

    name: str
    model: type[BaseModel]
    columns: list[Column]
    keys: tuple[str, ...] = ()
    """Key columns before the fields: ``entità`` and ``campo``, or ``codelist``."""
    places: list[tuple[type[BaseModel] | None, str]] = dataclasses.field(default_factory=list)
    """Where rows go: (owner model, field path template); None owns the root lists."""

    def headers(self) -> list[str]:
        """Every header of the sheet, keys first."""
        return [*self.keys, *(column.header for column in self.columns)]


@dataclasses.dataclass
class Layout:
    """The sheets of a root model, in the order parents come before their children."""

    root: type[BaseModel]
    header: list[Column]
    sheets: list[Sheet]
    by_model: dict[type[BaseModel], Sheet]
    root_lists: list[tuple[str, type[BaseModel], bool]]
    """Root fields holding rows: (field, model, single) — ``plan`` is a single one."""


def _unwrap(annotation: Any) -> tuple[Any, list[Any], bool]:
    """The type inside Optional and Annotated, the Annotated metadata, and optionality."""
    metadata: list[Any] = []
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = get_args(annotation)
            metadata.extend(extra)
        elif origin in (Union, types.UnionType):
            args = [arg for arg in get_args(annotation) if arg is not type(None)]
            optional = optional or len(args) < len(get_args(annotation))
            if len(args) != 1:
                raise TypeError(f"no cell form for the union {annotation}")
            annotation = args[0]
        else:
            return annotation, metadata, optional


def _marks(metadata: list[Any]) -> tuple[str | None, tuple[str, ...]]:
    codelist = next((m.codelist for m in metadata if isinstance(m, CodeIn)), None)
    refs = next((m.kinds for m in metadata if isinstance(m, Ref)), ())
    return codelist, refs


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _leaf_kind(annotation: Any, codelist: str | None, refs: tuple[str, ...]) -> Kind:
    if annotation in _SCALAR_MODELS:
        return _SCALAR_MODELS[annotation]
    if get_origin(annotation) is Literal:
        return "choice"
    if annotation is bool:
        return "bool"
    if annotation is int:
        return "int"
    if annotation is Decimal:
        return "decimal"
    if annotation is str:
        return "token" if codelist or refs else "text"
    raise TypeError(f"no cell form for {annotation}")


def _list_item(annotation: Any) -> Any | None:
    if get_origin(annotation) is tuple:
        return _unwrap(get_args(annotation)[0])[0]
    return None


def _columns(
    model: type[BaseModel], prefix: tuple[str, ...], lists: list[tuple[str, type[BaseModel]]]
) -> list[Column]:
    """The columns of *model* under *prefix*; its lists of parts go to *lists*."""
    columns: list[Column] = []
    for name, info in model.model_fields.items():
        path = (*prefix, name)
        annotation, metadata, optional = _unwrap(info.annotation)
        metadata = [*metadata, *info.metadata]
        codelist, refs = _marks(metadata)
        description = info.description or ""
        common: dict[str, Any] = {
            "header": ".".join(path),
            "path": path,
            "description": description,
            "required": info.is_required(),
        }
        item = _list_item(annotation)
        if item is not None:
            if _is_model(item) and item not in _SCALAR_MODELS:
                lists.append((".".join(path), item))
                continue
            item_annotation, item_meta = _unwrap(get_args(annotation)[0])[:2]
            codelist, refs = _marks(item_meta)
            kind: Kind = (
                "tokens" if codelist or refs or get_origin(item_annotation) is Literal else "texts"
            )
            columns.append(Column(**common, kind=kind, codelist=codelist, refs=refs))
        elif get_origin(annotation) is dict:
            kind = (
                "mapping" if get_args(annotation)[1] is not Any and name != "extensions" else "json"
            )
            value = _unwrap(get_args(annotation)[1])[0]
            if kind == "mapping" and not (value is str or get_origin(value) is Literal):
                kind = "json"
            columns.append(Column(**common, kind=kind))
        elif _is_model(annotation) and annotation not in _SCALAR_MODELS:
            inner = _columns(annotation, path, lists)
            if optional and not any(column.required for column in inner):
                # An empty part (``source: {}``) differs from none: this cell tells them apart.
                columns.append(Column(**common, kind="present"))
            columns.extend(
                dataclasses.replace(column, required=column.required and not optional)
                for column in inner
            )
        else:
            choices = get_args(annotation) if get_origin(annotation) is Literal else ()
            default = None if info.is_required() else info.get_default(call_default_factory=True)
            columns.append(
                Column(
                    **common,
                    kind=_leaf_kind(annotation, codelist, refs),
                    codelist=codelist,
                    refs=refs,
                    choices=tuple(str(choice) for choice in choices),
                    default=default,
                )
            )
    if not prefix:
        columns.sort(key=lambda column: _ORDER.get(column.path[0], 2))
    return columns


#: Identity first, provenance and users' own data last; the format's order between.
_ORDER = {"id": 0, "name": 1, "absent": 3, "source": 3, "notes": 3, "extensions": 3}


def _build(root: type[BaseModel]) -> Layout:
    header: list[Column] = []
    sheets: list[Sheet] = []
    by_model: dict[type[BaseModel], Sheet] = {}
    root_lists: list[tuple[str, type[BaseModel], bool]] = []
    pending: list[tuple[type[BaseModel] | None, str, type[BaseModel]]] = []

    def sheet_for(model: type[BaseModel]) -> Sheet:
        if model in by_model:
            return by_model[model]
        lists: list[tuple[str, type[BaseModel]]] = []
        columns = _columns(model, (), lists)
        sheet = Sheet(SHEET_NAMES.get(model.__name__, model.__name__)[:31], model, columns)
        by_model[model] = sheet
        sheets.append(sheet)
        if issubclass(model, Entity):
            pending.extend((model, field, item) for field, item in lists)
        return sheet

    for name, info in root.model_fields.items():
        annotation = _unwrap(info.annotation)[0]
        item = _list_item(annotation)
        if _is_model(annotation) or (item is not None and _is_model(item)):
            model = typing.cast(type[BaseModel], annotation if _is_model(annotation) else item)
            _check_owner(model)
            sheet_for(model).places.append((None, name))
            root_lists.append((name, model, _is_model(annotation)))
        elif get_origin(annotation) is dict and _list_item(get_args(annotation)[1]) is not None:
            model = typing.cast(type[BaseModel], _list_item(get_args(annotation)[1]))
            _check_owner(model)
            sheet = sheet_for(model)
            sheet.keys = (CODELIST_KEY,)
            sheet.places.append((None, name))
        else:
            header.extend(_columns_of_field(root, name))
    # Children, breadth first, so that a row's parent list is filled before it.
    while pending:
        owner, template, item = pending.pop(0)
        sheet = sheet_for(item)
        sheet.places.append((owner, template))
        if not issubclass(item, Entity):
            # Lists inside a part that has no id belong to the nearest entity.
            lists: list[tuple[str, type[BaseModel]]] = []
            _columns(item, (), lists)
            pending.extend((owner, f"{template}[].{field}", inner) for field, inner in lists)
    for sheet in sheets:
        if sheet.places and sheet.places[0][0] is not None:
            many = len({template for _, template in sheet.places}) > 1
            deep = any("[]" in template or "." in template for _, template in sheet.places)
            sheet.keys = (OWNER_KEY, FIELD_KEY) if many or deep else (OWNER_KEY,)
    return Layout(root, header, sheets, by_model, root_lists)


def _check_owner(model: type[BaseModel]) -> None:
    lists: list[tuple[str, type[BaseModel]]] = []
    _columns(model, (), lists)
    if lists and not issubclass(model, Entity):
        raise TypeError(f"{model.__name__}: rows without an id cannot own rows")


def _columns_of_field(model: type[BaseModel], name: str) -> list[Column]:
    lists: list[tuple[str, type[BaseModel]]] = []
    return [column for column in _columns(model, (), lists) if column.path[0] == name]


_LAYOUTS: dict[type[BaseModel], Layout] = {}


def layout(root: type[PlanDocument] | type[Landscape]) -> Layout:
    """The layout of documents of class *root*, built once."""
    if root not in _LAYOUTS:
        _LAYOUTS[root] = _build(root)
    return _LAYOUTS[root]
