"""Readers and writers: JSON and YAML documents, the JSON Schema, and (later) other formats.

This is the only package that touches files.
"""

from uguaglianza.io._limits import DEFAULT_LIMITS, Limits
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
    "SCHEMA_ID",
    "Format",
    "Limits",
    "dump",
    "dumps",
    "from_data",
    "json_schema",
    "json_schema_text",
    "load",
    "loads",
    "read_data",
    "to_data",
]
