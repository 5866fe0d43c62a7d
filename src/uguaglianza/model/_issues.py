"""Turning pydantic's validation errors into uguaglianza's located, actionable issues."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from uguaglianza.errors import Issue, shorten
from uguaglianza.model._resolve import Loc, format_loc

__all__ = ["issues_from_validation_error", "model_at"]

_HINTS = {
    "missing": "add this field",
    "string_type": "write a string",
    "int_type": "write a whole number",
    "bool_type": "write true or false",
    "decimal_parsing": 'write an exact number, e.g. "1500.00"',
    "tuple_type": "write a list",
    "list_type": "write a list",
    "dict_type": "write a mapping of names to values",
    "model_type": "write a mapping of fields to values",
    "model_attributes_type": "write a mapping of fields to values",
    "string_pattern_mismatch": "see the pattern in the message",
    "literal_error": "use one of the values the message lists",
    "union_tag_invalid": 'set "document" to "plan" or "landscape"',
    "union_tag_not_found": 'add "document: plan" or "document: landscape" at the top',
    "greater_than_equal": "amounts of money are never negative",
    "finite_number": "write a finite number",
    "string_unicode": "the text holds an unpaired UTF-16 surrogate (such as \\ud800), which is "
    "not a character: remove it, or write the character it was meant to be",
    "inexact_number": 'write the number as a string, e.g. "1500.10"',
}


def _model_classes(annotation: Any) -> list[type[BaseModel]]:
    """Model classes reachable through Optional, unions, tuples and Annotated."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_classes(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType, tuple, list, dict):
        found: list[type[BaseModel]] = []
        for arg in typing.get_args(annotation):
            found.extend(_model_classes(arg))
        return found
    return []


def model_at(root: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that owns the last part of *loc*, starting from *root*."""
    current: type[BaseModel] | None = root
    for part in loc[:-1]:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return None
        classes = _model_classes(field.annotation)
        if part == "codelists":
            return None
        current = classes[0] if classes else None
    return current


def _extra_hint(root: type[BaseModel] | None, loc: Loc) -> str:
    owner = model_at(root, loc) if root is not None else None
    if owner is None or not loc or not isinstance(loc[-1], str):
        return "remove it, or move your own data under 'extensions'"
    close = difflib.get_close_matches(loc[-1], list(owner.model_fields), n=3, cutoff=0.6)
    if close:
        suggestion = " or ".join(map(repr, close))
        return f"did you mean {suggestion}? Otherwise remove it or move it under 'extensions'"
    return (
        f"{owner.__name__} has no such field; remove it or move it under 'extensions' "
        f"(fields: {', '.join(owner.model_fields)})"
    )


def issues_from_validation_error(
    error: ValidationError, *, root: type[BaseModel] | None = None, file: str | None = None
) -> list[Issue]:
    """One :class:`Issue` per pydantic error, with a JSON path, the value and a hint."""
    issues: list[Issue] = []
    for detail in error.errors(include_url=False):
        loc: Loc = tuple(detail["loc"])
        kind = detail["type"]
        hint = _HINTS.get(kind)
        if kind == "extra_forbidden":
            hint = _extra_hint(root, loc)
        value = None if kind == "missing" else shorten(detail.get("input"))
        issues.append(
            Issue(
                code=kind,
                message=detail["msg"],
                path=format_loc(loc),
                value=value,
                hint=hint,
                file=file,
            )
        )
    return issues
