"""Readers and writers: JSON and YAML documents, request bodies, the JSON Schema, graphs.

This is the only package that touches files.
"""

from uguaglianza.io._limits import DEFAULT_LIMITS, Limits
from uguaglianza.io.body import (
    MEDIA_TYPES,
    PROBLEM_MEDIA_TYPE,
    body_format,
    problem_details,
    read_body,
)
from uguaglianza.io.documents import (
    Format,
    dump,
    dumps,
    from_data,
    load,
    loads,
    read_data,
    to_data,
)
from uguaglianza.io.schema import SCHEMA_ID, json_schema, json_schema_text

__all__ = [
    "DEFAULT_LIMITS",
    "MEDIA_TYPES",
    "PROBLEM_MEDIA_TYPE",
    "SCHEMA_ID",
    "Format",
    "Limits",
    "body_format",
    "dump",
    "dumps",
    "from_data",
    "json_schema",
    "json_schema_text",
    "load",
    "loads",
    "problem_details",
    "read_body",
    "read_data",
    "to_data",
]
