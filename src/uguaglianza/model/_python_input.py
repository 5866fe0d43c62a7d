"""What Python code may give beyond a file's forms: natural values, and early code checks.

Built from keyword arguments or ``model_validate`` on a mapping, a model takes an entity
object wherever an id is expected (``lead=comune``), a period as ``"2026..2028"`` or a
pair, money as ``"15000 EUR"``, a ``Decimal``, an ``int`` (euro) or ``(amount,
currency)``, and checks its codes at once against the shipped codelists. Inside a root
document, and for everything read from a file, the document checks codes itself, declared
ones included; a model validated on its own takes declared codes from the validation
context (``context={"codelists": {name: [codes]}}``).
Both steps run in Python only for models built from Python, never per field of a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from uguaglianza.dates import DateValueError, Period
from uguaglianza.dates._forms import file_forms_only
from uguaglianza.model._base import Entity, Money
from uguaglianza.model._resolve import _analyse, article, kind_of_entity

__all__ = ["check_codes", "natural_input"]

_Field = tuple[str, str, bool, Any]  # name, what ("ref", "code", "model"), many, payload
_FIELDS: dict[type[BaseModel], tuple[_Field, ...]] = {}
#: Models given in natural forms too: money and periods.
_NATURAL: frozenset[type[BaseModel]] = frozenset({Money, Period})


def _fields(cls: type[BaseModel]) -> tuple[_Field, ...]:
    """The fields of *cls* that hold references, codes or models, computed once."""
    found = _FIELDS.get(cls)
    if found is None:
        found = tuple(
            (name, *analysed)
            for name, info in cls.model_fields.items()
            if (analysed := _analyse(info.annotation, list(info.metadata))) is not None
        )
        _FIELDS[cls] = found
    return found


def _id_of(
    value: object, kinds: frozenset[str], loc: tuple[str | int, ...], errors: list[InitErrorDetails]
) -> object:
    if not isinstance(value, Entity):
        return value
    kind = kind_of_entity(value)
    if kind not in kinds:
        errors.append(
            {
                "type": PydanticCustomError(
                    "wrong_reference_kind",
                    "{id} is {kind}, but an entity of kind {kinds} is expected here",
                    {
                        "id": repr(value.id),
                        "kind": article(kind or type(value).__name__),
                        "kinds": " or ".join(sorted(kinds)),
                    },
                ),
                "loc": loc,
                "input": value,
            }
        )
    return value.id


def _money(value: object) -> object:
    """Money from the forms people type, as the mapping a file would hold."""
    if isinstance(value, str):
        match = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s+([A-Z]{3})\s*", value)
        if match is None:
            raise PydanticCustomError(
                "money_text",
                "{text} is not an amount of money; write digits, an optional dot and "
                'decimals, a space and the currency code, e.g. "15000 EUR" or "1500.50 EUR"',
                {"text": repr(value)},
            )
        if re.fullmatch(r"[0-9]+\.[0-9]{3}", match[1]):
            raise PydanticCustomError(
                "money_text",
                "{text} is ambiguous: the dot is a decimal point here, not a thousands "
                'separator; write "{whole} {currency}" for thousands, or two decimals',
                {"text": repr(value), "whole": match[1].replace(".", ""), "currency": match[2]},
            )
        return {"amount": match[1], "currency": match[2]}
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        return {"amount": value, "currency": "EUR"}
    if isinstance(value, tuple | list) and len(value) == 2:
        return {"amount": value[0], "currency": value[1]}
    return value


def _period(value: object) -> object:
    """A period from ``"start..end"`` or a pair, as the mapping a file would hold."""
    if isinstance(value, str):
        try:
            parsed = Period.parse(value)
        except DateValueError as exc:
            raise exc.to_pydantic("period") from None
        return {"start": parsed.start, "end": parsed.end}
    if isinstance(value, tuple | list) and len(value) == 2:
        return {"start": value[0], "end": value[1]}
    return value


_Loc = tuple[str | int, ...]


def _convert(
    what: str, payload: Any, value: object, loc: _Loc, errors: list[InitErrorDetails]
) -> object:
    try:
        if what == "model" and isinstance(value, dict) and payload not in _NATURAL:
            return _natural(payload, value, loc, errors)
        if what == "ref":
            return _id_of(value, payload, loc, errors)
        if payload is Money:
            return _money(value)
        if payload is Period:
            return _period(value)
    except PydanticCustomError as error:
        errors.append({"type": error, "loc": loc, "input": value})
    return value


def natural_input(cls: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    """*data* with the natural forms of references, periods and money read for *cls*.

    Mappings inside *data* for nested models are read the same way.

    Raises:
        ValidationError: a value in a natural form cannot be read (an entity of the wrong
            kind, money or a period written otherwise).
    """
    errors: list[InitErrorDetails] = []
    converted = _natural(cls, data, (), errors)
    if errors:
        raise ValidationError.from_exception_data(cls.__name__, errors)
    return converted


def _natural(
    cls: type[BaseModel], data: dict[str, Any], loc: _Loc, errors: list[InitErrorDetails]
) -> dict[str, Any]:
    converted = data
    for name, what, many, payload in _fields(cls):
        if what == "code" or name not in data:
            continue
        value = data[name]
        if many and isinstance(value, list | tuple):
            new: Any = [
                _convert(what, payload, item, (*loc, name, i), errors)
                for i, item in enumerate(value)
            ]
            changed = any(a is not b for a, b in zip(new, value, strict=True))
        else:
            new = _convert(what, payload, value, (*loc, name), errors)
            changed = new is not value
        if changed:
            converted = dict(converted) if converted is data else converted
            converted[name] = new
    return converted


def _context_codes(context: object) -> Mapping[str, Any]:
    declared = context.get("codelists") if isinstance(context, Mapping) else None
    return declared if isinstance(declared, Mapping) else {}


def _codes(
    model: BaseModel, loc: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """Every code in *model* and the models inside it, with its place and codelist."""
    for name, what, many, payload in _fields(type(model)):
        value = getattr(model, name)
        items = value if many and isinstance(value, tuple) else (value,)
        for i, item in enumerate(items):
            where = (*loc, name, i) if many else (*loc, name)
            if what == "code" and isinstance(item, str):
                yield where, item, payload
            elif what == "model" and isinstance(item, BaseModel):
                yield from _codes(item, where)


def check_codes(model: BaseModel, context: object) -> None:
    """Check the codes of *model* built on its own against the shipped codelists.

    Raises:
        ValidationError: a code is neither shipped nor given in the context's ``codelists``.
    """
    if file_forms_only() or getattr(model, "_checks_own_codes", False):
        return
    from uguaglianza.codelists import load_codelist

    declared = _context_codes(context)
    errors: list[InitErrorDetails] = []
    for loc, code, name in _codes(model, ()):
        shipped = load_codelist(name)
        extra = declared.get(name, ())
        if code in shipped or any(code == getattr(item, "code", item) for item in extra):
            continue
        suggestions = shipped.nearest(code)
        hint = f"did you mean {' or '.join(map(repr, suggestions))}? " if suggestions else ""
        errors.append(
            {
                "type": PydanticCustomError(
                    "unknown_code",
                    "{code} is not in the {codelist} codelist; {hint}to use a code a "
                    "document declares, build the entity inside the document, or give the "
                    "code in the validation context under codelists.{name}",
                    {"code": repr(code), "codelist": repr(name), "name": name, "hint": hint},
                ),
                "loc": loc,
                "input": code,
            }
        )
    if errors:
        raise ValidationError.from_exception_data(type(model).__name__, errors)
