"""The JSON Schema (Draft 2020-12) of both root documents, for validators in any language.

The schema checks structure: fields, types, patterns, real dates, how deeply
``extensions`` nest. Some checks need the whole document or the shipped codelists and are
done by the library only: that references resolve and that codes are known. The fields
they apply to carry a standard ``$comment``, so that strict validators compile the schema
as it is and other tools can still read it: ``uguaglianza:ref=organisation,person`` lists
the entity kinds a reference accepts, ``uguaglianza:codelist=action_kinds`` names a
field's codelist.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import models_json_schema

from uguaglianza.model import FORMAT_VERSION, Landscape, PlanDocument

__all__ = ["SCHEMA_ID", "json_schema", "json_schema_text"]

SCHEMA_ID = f"urn:uguaglianza:schema:{FORMAT_VERSION}"


def json_schema() -> dict[str, Any]:
    """The JSON Schema accepting a plan document or a landscape."""
    _, top = models_json_schema(
        [(PlanDocument, "validation"), (Landscape, "validation")],
        ref_template="#/$defs/{model}",
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "uguaglianza document",
        "description": (
            "A plan document (one plan and everything it uses) or a landscape (several "
            "plans over shared registries). References and codes are checked by the "
            "library; the fields they apply to say so in their $comment: "
            "'uguaglianza:ref=KIND,KIND' or 'uguaglianza:codelist=NAME'."
        ),
        "oneOf": [{"$ref": "#/$defs/PlanDocument"}, {"$ref": "#/$defs/Landscape"}],
        "$defs": top["$defs"],
    }


def json_schema_text() -> str:
    """The schema as deterministic, indented JSON text ending in a newline."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
