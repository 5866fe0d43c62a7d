"""Building blocks shared by every model: the base classes, ids, references, codes, money.

References and codes are plain strings annotated with a marker (:class:`Ref`,
:class:`CodeIn`). The markers drive two things at once: a ``$comment`` in the JSON Schema
(``uguaglianza:ref=organisation,person`` or ``uguaglianza:codelist=action_kinds``) that
tools in other languages can read, and the document-wide check that every reference
resolves to an entity of an accepted kind and every code is known (see
:mod:`uguaglianza.model._resolve`).
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from typing import Annotated, Any, Literal, Self, TypeAlias

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    JsonValue,
    PlainSerializer,
    PlainValidator,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, InitErrorDetails, PydanticCustomError
from typing_extensions import TypeAliasType

from uguaglianza.dates import PartialDate, Period
from uguaglianza.dates._forms import file_forms_only, reading_file

__all__ = [
    "CODE",
    "ID_PATTERN",
    "MAX_EXTENSION_DEPTH",
    "REF",
    "AbsenceReason",
    "Amount",
    "CodeIn",
    "Entity",
    "Extensions",
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
    "Translations",
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


def _strict_scalars(schema: Any) -> None:
    """Make every integer and boolean in a core schema strict, as JSON Schema has them.

    Lax pydantic would read ``"5"`` or ``true`` as the integer 5 or 1, and ``"yes"`` or
    ``1`` as true, which the JSON Schema refuses.
    """
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("type") in ("int", "bool"):
                node["strict"] = True
            # Keys of a mapping are strings in JSON: a key such as "2024" stays readable.
            skip = "keys_schema" if node.get("type") == "dict" else None
            stack.extend(
                value
                for name, value in node.items()
                if name != skip and isinstance(value, dict | list)
            )
        elif isinstance(node, list):
            stack.extend(value for value in node if isinstance(value, dict | list))


class Model(BaseModel):
    """Base of every model: immutable, and no unknown field is ever silently dropped."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        use_attribute_docstrings=True,
        validate_default=False,
        ser_json_inf_nan="strings",
        defer_build=True,
        # A length constraint, even this empty one, makes pydantic read every string as
        # Unicode text, which refuses unpaired surrogates ("P\ud800") in every string field
        # with ``string_unicode``: no UTF-8 file could hold them.
        str_min_length=0,
    )

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[BaseModel], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """The schema pydantic builds, with integers and booleans taken strictly."""
        schema = handler(source)
        _strict_scalars(schema)
        return schema

    def __init__(self, /, **data: Any) -> None:
        """Validate keyword arguments, in the forms Python code may also use."""
        from uguaglianza.model._python_input import check_codes, natural_input

        super().__init__(**natural_input(type(self), data))
        check_codes(self, None)

    # Nested models are validated without calling __init__, as pydantic's own would be.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate(cls, obj: Any, **options: Any) -> Self:
        """Validate *obj*; Python input may also use entities for ids (see ``__init__``)."""
        from uguaglianza.model._python_input import check_codes, natural_input

        if isinstance(obj, dict) and not file_forms_only():
            obj = natural_input(cls, obj)
        result = super().model_validate(obj, **options)
        check_codes(result, options.get("context"))
        return result

    @classmethod
    def model_validate_json(
        cls,
        json_data: str | bytes | bytearray,
        *,
        strict: bool | None = None,
        extra: Any = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        """Validate JSON text read as :func:`uguaglianza.loads` reads it: exactly.

        Numbers keep their digits (``1500.10`` is an exact amount), repeated keys, NaN,
        unpaired surrogates and text beyond the default limits are refused, as
        ``ValidationError`` like any other problem. With ``strict=True`` pydantic's own
        strict JSON validation follows those checks (amounts then need strings).
        """
        # Only the options given: older pydantic versions know fewer of them.
        options: dict[str, Any] = {
            name: value
            for name, value in (
                ("strict", strict),
                ("extra", extra),
                ("context", context),
                ("by_alias", by_alias),
                ("by_name", by_name),
            )
            if value is not None
        }
        data = _read_json(cls.__name__, json_data)
        if strict:
            # Strict Python validation would refuse JSON arrays for tuples.
            return super().model_validate_json(json_data, **options)
        with reading_file():
            return cls.model_validate(data, **options)


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
        schema["$comment"] = "uguaglianza:ref=" + ",".join(self.kinds)
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
        schema["$comment"] = "uguaglianza:codelist=" + self.codelist
        schema.setdefault(
            "description",
            f"A code from the '{self.codelist}' codelist or one declared by the document.",
        )
        return schema


#: Constraints every code string satisfies.
CODE = StringConstraints(min_length=1, max_length=100, pattern=CODE_PATTERN)
#: Constraints every reference string satisfies.
REF = StringConstraints(min_length=1, max_length=200, pattern=ID_PATTERN)


_QUANTITY_TEXT = r"-?[0-9]+(\.[0-9]+)?"
_AMOUNT_TEXT = r"[0-9]+(\.[0-9]+)?"
_NON_FINITE = frozenset({"nan", "snan", "inf", "infinity"})


#: The most digits a number written with an exponent (``1E+20``) is spelled out to.
MAX_SPELLED_DIGITS = 400


def _plain_decimal(value: Decimal) -> Decimal:
    """*value* without a positive exponent, or an error if too long to write out.

    Files write numbers as digits with an optional dot, so a number read with an exponent
    (``3.6E+16``, ``1E-7``) is written out in full; one too long for that is refused here.
    """
    if not value.is_finite():
        return value
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite numbers have an integer exponent
    if abs(exponent) + len(value.as_tuple().digits) > MAX_SPELLED_DIGITS:
        raise PydanticCustomError(
            "decimal_max_digits",
            "{text} has more than {limit} digits when written out; no amount or quantity "
            "needs that many",
            {"text": str(value), "limit": MAX_SPELLED_DIGITS},
        )
    return Decimal(format(value, "f")) if exponent > 0 else value


def _spelled_out(value: Decimal) -> str:
    """*value* as written in files: digits and an optional dot, never an exponent."""
    return format(value, "f")


#: Numbers go to JSON as they go to files: ``1E-7`` is written ``0.0000001``.
_SPELLED_OUT = PlainSerializer(_spelled_out, return_type=str, when_used="json")


def _reject_inexact(value: object) -> object:
    """Refuse binary floats: an amount must be exact (write it as a string or integer)."""
    if isinstance(value, Decimal):
        return _plain_decimal(value)
    if isinstance(value, float):
        raise PydanticCustomError(
            "inexact_number",
            "binary floating-point number {value} is not exact; write it as a string, "
            'e.g. "{suggestion}"',
            {"value": value, "suggestion": repr(value)},
        )
    if isinstance(value, bool):
        raise PydanticCustomError("decimal_type", "a boolean is not a number", {})
    if (
        isinstance(value, str)
        and not re.fullmatch(_QUANTITY_TEXT, value)
        and value.lstrip("+-").lower() not in _NON_FINITE  # refused as not finite
    ):
        # Python would also read "1e5", "1_000", " 1.5" or digits of other scripts.
        raise PydanticCustomError(
            "decimal_parsing",
            "{text} is not a number written as digits, with an optional minus sign and "
            "an optional dot followed by digits",
            {"text": repr(value)},
        )
    return value


def _reject_inexact_amount(value: object) -> object:
    """Like :func:`_reject_inexact`, and a string never has a minus sign, not even ``-0``."""
    if isinstance(value, str) and value.startswith("-"):
        raise PydanticCustomError(
            "greater_than_equal", "an amount of money is written without a minus sign", {}
        )
    return _reject_inexact(value)


#: An exact, finite decimal number (never a float, NaN or infinite).
Quantity = Annotated[
    Decimal,
    BeforeValidator(_reject_inexact),
    Field(allow_inf_nan=False),
    _SPELLED_OUT,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": f"^{_QUANTITY_TEXT}$"},
                {"type": "number"},
            ],
            "description": "An exact decimal number, preferably written as a string.",
        }
    ),
]

#: A non-negative exact amount of money.
Amount = Annotated[
    Decimal,
    BeforeValidator(_reject_inexact_amount),
    Field(allow_inf_nan=False, ge=0),
    _SPELLED_OUT,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": f"^{_AMOUNT_TEXT}$"},
                {"type": "number", "minimum": 0},
            ],
            "description": "An exact, non-negative amount, preferably written as a string.",
        }
    ),
]


def _read_json(title: str, json_data: str | bytes | bytearray) -> Any:
    """The data in JSON text, parsed exactly, or a ``ValidationError`` saying why not."""
    # Imported here: the readers import the models.
    from uguaglianza.errors import ParseError, UguaglianzaError
    from uguaglianza.io._json import parse_json
    from uguaglianza.io._source import decode_text

    try:
        text = json_data if isinstance(json_data, str) else decode_text(bytes(json_data), file=None)
        return parse_json(text)
    except UguaglianzaError as error:
        details: list[InitErrorDetails] = []
        for issue in error.issues if isinstance(error, ParseError) else ():
            where = f" at line {issue.line}, column {issue.column}" if issue.line else ""
            hint = f"; {issue.hint}" if issue.hint else ""
            path = f"{issue.path}: " if issue.path else ""
            message = f"{path}{issue.message}{where}{hint}"
            details.append(_json_error(issue.code, message, issue.value))
        if not details:
            details.append(_json_error("json_invalid", str(error), None))
        raise ValidationError.from_exception_data(title, details, input_type="json") from None


def _json_error(code: str, message: str, value: object) -> InitErrorDetails:
    return {
        "type": PydanticCustomError(code, "{message}", {"message": message}),
        "loc": (),
        "input": value,
    }


#: How deeply lists and mappings may nest inside an ``extensions`` mapping. Together
#: with the deepest place a model has an ``extensions`` field, it keeps every document
#: within the reader's default nesting limit (64), so that what a model holds is read back.
MAX_EXTENSION_DEPTH = 16

_SURROGATE = re.compile("[\ud800-\udfff]")

# The JSON Schema of extension values, one definition per level of nesting left.
_Level: Any = TypeAliasType("ExtensionScalar", StrictStr | StrictInt | StrictBool | None)
for _depth in range(1, MAX_EXTENSION_DEPTH + 1):
    _Level = TypeAliasType(  # type: ignore[misc]  # a computed name, one per level
        f"ExtensionValue{_depth}",
        StrictStr | StrictInt | StrictBool | list[_Level] | dict[str, _Level] | None,
    )
_EXTENSIONS_INPUT: Any = dict[str, _Level]


def _extension_error(code: str, message: str, value: object, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(code, message, {"value": repr(value), **context})


def _extension_problem(value: object, depth: int) -> PydanticCustomError | None:
    """Why *value*, nested *depth* levels inside ``extensions``, cannot be kept, or None."""
    kind = type(value)
    if isinstance(value, str):
        if _SURROGATE.search(value):
            return _extension_error(
                "string_unicode",
                "the string holds an unpaired UTF-16 surrogate, which no UTF-8 file can hold",
                value,
            )
        return None
    if kind in (int, bool) or value is None:
        return None
    if kind in (float, Decimal):
        return _extension_error(
            "inexact_number",
            "extensions hold whole numbers only: {text} has a fraction or an exponent; "
            'write it as a string, e.g. "{text}"',
            value,
            text=str(value),
        )
    if kind in (list, dict):
        if depth > MAX_EXTENSION_DEPTH:
            return _extension_error(
                "too_deep",
                "extensions nest at most {limit} levels of lists and mappings",
                value,
                limit=MAX_EXTENSION_DEPTH,
            )
        return None
    return _extension_error(
        "extension_value",
        "extensions hold JSON values only (strings, whole numbers, true, false, null, lists "
        "and mappings), not {kind}",
        value,
        kind=kind.__name__,
    )


def _copy_extensions(value: object) -> dict[str, JsonValue]:
    """A copy of an ``extensions`` mapping, or a ``ValidationError`` listing its problems."""
    if type(value) is not dict:
        raise PydanticCustomError("dict_type", "Input should be a valid dictionary", {})
    problems: list[InitErrorDetails] = []
    result: dict[str, JsonValue] = _copy_value(value, (), 0, problems)
    if problems:
        raise ValidationError.from_exception_data("extensions", problems)
    return result


def _copy_value(
    item: Any, loc: tuple[str | int, ...], depth: int, problems: list[InitErrorDetails]
) -> Any:
    """A copy of *item*, at *loc* inside ``extensions``; its problems go to *problems*."""
    problem = _extension_problem(item, depth)
    if problem is not None:
        problems.append({"type": problem, "loc": loc, "input": item})
        return None
    if type(item) is list:
        return [_copy_value(inner, (*loc, i), depth + 1, problems) for i, inner in enumerate(item)]
    if type(item) is not dict:
        return item
    result = {}
    for key, inner in item.items():
        if type(key) is str and not _SURROGATE.search(key):
            result[key] = _copy_value(inner, (*loc, key), depth + 1, problems)
            continue
        written = str(key).encode("utf-8", "backslashreplace").decode("utf-8")
        problems.append(
            {
                "type": _extension_error(
                    "extension_key", "keys in extensions are strings of Unicode text", key
                ),
                "loc": (*loc, written),
                "input": key,
            }
        )
    return result


#: Users' own data: JSON values with string keys and whole numbers, nesting at most
#: :data:`MAX_EXTENSION_DEPTH` levels, so that every writer and reader keeps it as is.
Extensions: TypeAlias = Annotated[
    dict[str, JsonValue],
    PlainValidator(_copy_extensions, json_schema_input_type=_EXTENSIONS_INPUT),
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
    fields: tuple[Annotated[str, StringConstraints(pattern=CODE_PATTERN)], ...] = ()
    """The fields of the statement this source supports, when not all of them.

    Filled by a merge when two sources state the same entity: each keeps the fields it
    states, e.g. ``["name", "part_of"]``; empty means the whole statement.
    """


#: A language tag (BCP 47, the common subset): ``it``, ``en``, ``es``, ``ca``, ``pt-BR``.
_LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|[0-9]{3}))?$"
LanguageTag = Annotated[str, StringConstraints(pattern=_LANGUAGE_PATTERN)]

#: Why a field is empty; the labels are in the ``absence_reasons`` codelist.
AbsenceReason = Literal["not_stated", "not_applicable", "withheld", "not_yet_decided"]

#: Names in other languages, by language tag; the schema states the tags' form too.
Translations = Annotated[
    dict[LanguageTag, Annotated[str, StringConstraints(min_length=1)]],
    WithJsonSchema(
        {
            "type": "object",
            "propertyNames": {"pattern": _LANGUAGE_PATTERN},
            "additionalProperties": {"type": "string", "minLength": 1},
        }
    ),
]

#: Fields ``absent`` can never name: identity, provenance and the record itself.
_NEVER_ABSENT = frozenset({"id", "source", "other_sources", "notes", "extensions", "absent"})


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
    other_sources: tuple[SourceNote, ...] = ()
    """Further sources that state this entity, or the ``fields`` of it each names.

    A merge of documents from different sources fills it.
    """
    notes: str | None = None
    """Free remarks, e.g. what the source leaves open."""
    extensions: Extensions = Field(default_factory=dict)
    """Users' own data, kept as is. Any other unknown field is an error."""

    def to_html(self, lang: str | None = None, doc: Any = None) -> str:
        """The entity as a small HTML table; references show the names in *doc*.

        Without *doc*, the document in use that holds this entity names them, if any.
        """
        from uguaglianza.display import entity_html

        return entity_html(self, lang, doc)

    def _repr_html_(self) -> str:
        return self.to_html()


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
    translations: Translations = Field(default_factory=dict)
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
