"""Building blocks shared by every model: the base classes, ids, references, codes, money.

References and codes are plain strings annotated with a marker (:class:`Ref`,
:class:`CodeIn`). The markers drive three things at once: the JSON Schema keywords
``x-uguaglianza-ref`` / ``x-uguaglianza-codelist`` that tools in other languages can read,
and the document-wide check that every reference resolves to an entity of an accepted
kind and every code is known (see :mod:`uguaglianza.model._resolve`).
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Annotated, Literal, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    JsonValue,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from uguaglianza.dates import PartialDate, Period

__all__ = [
    "CODE",
    "ID_PATTERN",
    "REF",
    "AbsenceReason",
    "Amount",
    "CodeIn",
    "Entity",
    "FormerName",
    "Id",
    "Identifier",
    "LanguageTag",
    "Model",
    "Money",
    "Named",
    "Quantity",
    "Ref",
    "SourceNote",
    "Stated",
]

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$"
CODE_PATTERN = r"^[a-z][a-z0-9_]*$"

#: Every entity kind a reference may point at.
ENTITY_KINDS = frozenset(
    {
        "source",
        "territory",
        "organisation",
        "person",
        "post",
        "plan",
        "area",
        "objective",
        "action",
        "indicator",
        "act",
        "body",
        "meeting",
        "fund",
        "call",
        "grant",
        "project",
        "phase",
        "service",
        "relation",
        "opinion",
        "obligation",
        "transfer",
    }
)


class Model(BaseModel):
    """Base of every model: immutable, and no unknown field is ever silently dropped."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        use_attribute_docstrings=True,
        validate_default=False,
        ser_json_inf_nan="strings",
    )


Id = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200, pattern=ID_PATTERN),
    Field(description="Identifier, unique within the document."),
]


@dataclasses.dataclass(frozen=True, slots=True)
class Ref:
    """Marks a string field as a reference to an entity of one of *kinds*."""

    kinds: tuple[str, ...]

    def __init__(self, *kinds: str) -> None:
        unknown = set(kinds) - ENTITY_KINDS
        if unknown or not kinds:
            raise ValueError(f"unknown entity kinds {sorted(unknown)}")
        object.__setattr__(self, "kinds", tuple(kinds))

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        schema["x-uguaglianza-ref"] = list(self.kinds)
        schema.setdefault("description", "Id of an entity of kind: " + ", ".join(self.kinds) + ".")
        return schema


@dataclasses.dataclass(frozen=True, slots=True)
class CodeIn:
    """Marks a string field as a code from the named codelist (shipped or declared)."""

    codelist: str

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        schema["x-uguaglianza-codelist"] = self.codelist
        schema.setdefault(
            "description",
            f"A code from the '{self.codelist}' codelist or one declared by the document.",
        )
        return schema


#: Constraints every code string satisfies.
CODE = StringConstraints(min_length=1, max_length=100, pattern=CODE_PATTERN)
#: Constraints every reference string satisfies.
REF = StringConstraints(min_length=1, max_length=200, pattern=ID_PATTERN)


def _reject_inexact(value: object) -> object:
    """Refuse binary floats: an amount must be exact (write it as a string or integer)."""
    if isinstance(value, float):
        raise PydanticCustomError(
            "inexact_number",
            "binary floating-point number {value} is not exact; write it as a string, "
            'e.g. "{suggestion}"',
            {"value": value, "suggestion": repr(value)},
        )
    if isinstance(value, bool):
        raise PydanticCustomError("decimal_type", "a boolean is not a number", {})
    return value


#: An exact, finite decimal number (never a float, NaN or infinite).
Quantity = Annotated[
    Decimal,
    BeforeValidator(_reject_inexact),
    Field(allow_inf_nan=False),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?$"},
                {"type": "number"},
            ],
            "description": "An exact decimal number, preferably written as a string.",
        }
    ),
]

#: A non-negative exact amount of money.
Amount = Annotated[
    Decimal,
    BeforeValidator(_reject_inexact),
    Field(allow_inf_nan=False, ge=0),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^[0-9]+(\.[0-9]+)?$"},
                {"type": "number", "minimum": 0},
            ],
            "description": "An exact, non-negative amount, preferably written as a string.",
        }
    ),
]


class Money(Model):
    """An exact amount of money with its currency, e.g. ``600000 EUR``."""

    amount: Amount
    """Exact, non-negative amount; written as a string or an integer in files."""
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    """ISO 4217 currency code, e.g. ``EUR``."""

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"


class SourceNote(Model):
    """Where a piece of information comes from: a registered source document and the words."""

    document: Annotated[str, REF, Ref("source")] | None = None
    """Id of the source document (see the document's ``sources``)."""
    locator: str | None = None
    """Where in the source: page, paragraph, line."""
    quote: str | None = None
    """The words of the source, as written."""
    date: PartialDate | None = None
    """When the source said it, if different from the source document's date."""
    note: str | None = None
    """A remark on how the source was read (an inference, an uncertainty)."""


#: A language tag (BCP 47, the common subset): ``it``, ``en``, ``es``, ``ca``, ``pt-BR``.
LanguageTag = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|[0-9]{3}))?$"),
]

#: Why a field is empty; the labels are in the ``absence_reasons`` codelist.
AbsenceReason = Literal["not_stated", "not_applicable", "withheld", "not_yet_decided"]

#: Fields ``absent`` can never name: identity, provenance and the record itself.
_NEVER_ABSENT = frozenset({"id", "source", "notes", "extensions", "absent"})


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, tuple | dict) and not value)


class Stated(Model):
    """Something a source states, which may also record what the source leaves unsaid.

    ``absent`` maps a field left empty to the reason it is empty: the source does not
    state it (``not_stated``), it does not apply (``not_applicable``), it is withheld
    (``withheld``) or nobody knows it yet (``not_yet_decided``). Rules read a field named
    there as *not known* rather than *missing*.
    """

    absent: dict[str, AbsenceReason] = Field(default_factory=dict)
    """Fields left empty on purpose, each with the reason (labels: ``absence_reasons``)."""

    @model_validator(mode="after")
    def _check_absent(self) -> Self:
        if not self.absent:
            return self
        fields = type(self).model_fields
        for name in self.absent:
            if name in _NEVER_ABSENT or name not in fields:
                choices = ", ".join(f for f in fields if f not in _NEVER_ABSENT)
                raise PydanticCustomError(
                    "absent_field",
                    "absent names '{name}', which is not a field that can be unknown here; "
                    "fields: {choices}",
                    {"name": name, "choices": choices},
                )
            default = fields[name].get_default(call_default_factory=True)
            if not _empty(default):
                raise PydanticCustomError(
                    "absent_field",
                    "field '{name}' always has a value (default {default}), so it cannot "
                    "be recorded as absent",
                    {"name": name, "default": default},
                )
            if not _empty(getattr(self, name)):
                raise PydanticCustomError(
                    "absent_field",
                    "field '{name}' has a value and is also recorded as absent; "
                    "remove it from absent or leave the field empty",
                    {"name": name},
                )
        return self

    def is_absent(self, field: str) -> bool:
        """True when *field* is recorded as not stated, not applicable or withheld."""
        return field in self.absent


class Entity(Stated):
    """Something with an id that other entities can refer to."""

    id: Id
    source: SourceNote | None = None
    """Provenance of this entity."""
    notes: str | None = None
    """Free remarks, e.g. what the source leaves open."""
    extensions: dict[str, JsonValue] = Field(default_factory=dict)
    """Users' own data, kept as is. Any other unknown field is an error."""


class Identifier(Stated):
    """An identifier an entity has in a register, by scheme: ISTAT, NUTS, IPA, ORCID..."""

    scheme: Annotated[str, CODE, CodeIn("identifier_schemes")]
    """The register or scheme (codelist ``identifier_schemes``)."""
    value: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    """The identifier as the register writes it, e.g. ``"ITH55"`` for a NUTS code."""
    period: Period | None = None
    """When the identifier was valid (codes change when units merge)."""
    source: SourceNote | None = None


class FormerName(Stated):
    """A name an entity had before, with when it was used."""

    name: Annotated[str, StringConstraints(min_length=1)]
    period: Period | None = None
    source: SourceNote | None = None


class Named(Entity):
    """An entity with a name in the document's language and optional translations."""

    name: Annotated[str, StringConstraints(min_length=1)]
    """Name as written in the source, in the document's ``language``."""
    translations: dict[LanguageTag, Annotated[str, StringConstraints(min_length=1)]] = Field(
        default_factory=dict
    )
    """The name in other languages, by language tag, e.g. ``{"en": "Equality plan"}``."""
    aliases: tuple[str, ...] = ()
    """Other names in use for the same thing (short names, the draft's wording)."""
    former_names: tuple[FormerName, ...] = ()
    """Names the entity had before, with their periods."""
    identifiers: tuple[Identifier, ...] = ()
    """Codes in public registers, by scheme (NUTS, LAU, IPA, codice fiscale, ORCID...)."""

    def label(self, language: str | None = None) -> str:
        """The name in *language* when a translation exists, else the name as written."""
        if language is not None:
            translated = self.translations.get(language)
            if translated is not None:
                return translated
        return self.name

    def identifier(self, scheme: str) -> str | None:
        """The first identifier of *scheme*, or None."""
        for item in self.identifiers:
            if item.scheme == scheme:
                return item.value
        return None
