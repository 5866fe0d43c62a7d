"""Helpers for the upgrade tests: the 1.0 documents kept as fixtures, and what a value is.

``tests/data/format-1.0/`` holds the five examples as they were in format 1.0 and the
JSON Schema of format 1.0, so the upgrade keeps being tested on real 1.0 files after the
examples themselves have moved on.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

FORMAT_1_0 = Path(__file__).resolve().parent / "data" / "format-1.0"
EXAMPLES_1_0 = sorted(FORMAT_1_0.glob("*.yaml"))
SCHEMA_1_0: dict[str, Any] = json.loads(
    (FORMAT_1_0 / "uguaglianza.schema.json").read_text(encoding="utf-8")
)

Path_ = tuple[str | int, ...]


def _walk(value: Any, path: Path_, moved: bool) -> Iterator[tuple[Path_, Any]]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key == "extensions":  # users' own data: never moved, compared as it is
                yield from _walk(item, (*path, key), False)
                continue
            if moved and key == "name_en":
                yield from _walk(item, (*path, "translations", "en"), moved)
            elif moved and len(path) == 2 and path[0] == "services" and key == "operator":
                yield from _walk(item, (*path, "operators", 0, "operator"), moved)
            elif moved and len(path) == 2 and path[0] == "services" and key == "network":
                yield from _walk(item, (*path, "networks", 0, "network"), moved)
            else:
                yield from _walk(item, (*path, key), moved)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _walk(item, (*path, i), moved)
    elif value is not None and path != ("schema_version",):
        yield path, value


def leaves(data: Any, *, as_1_0: bool = False) -> Counter[tuple[Path_, Any]]:
    """The scalar values of *data* with where they are (``null`` and the version left out).

    With *as_1_0*, each value of a 1.0 document is placed where the documented moves of
    the upgrade put it (``name_en`` → ``translations.en``, a service's ``operator`` →
    ``operators[0].operator``, ``network`` → ``networks[0].network``), except inside
    ``extensions``, which nothing moves.
    """
    return Counter(_walk(data, (), as_1_0))


# --- From generated 2.0 documents to 1.0 ones ---------------------------------------------


def _resolve(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = SCHEMA_1_0["$defs"][name]
    return schema


def _branch(value: Any, schema: Mapping[str, Any]) -> Mapping[str, Any]:
    """The branch of an ``anyOf``/``oneOf`` that *value* (a mapping or a list) falls in."""
    schema = _resolve(schema)
    choices = schema.get("anyOf") or schema.get("oneOf")
    if not choices:
        return schema
    for choice in (_resolve(choice) for choice in choices):
        if isinstance(value, Mapping) and (
            "properties" in choice or choice.get("type") == "object"
        ):
            document = choice.get("properties", {}).get("document", {}).get("const")
            if document is None or document == value.get("document"):
                return choice
        if isinstance(value, list) and choice.get("type") == "array":
            return choice
    raise AssertionError(f"no branch of the 1.0 schema takes {type(value).__name__}")


def _prune(value: Any, schema: Mapping[str, Any]) -> Any:
    """*value* with only what the 1.0 schema has a place for."""
    if isinstance(value, Mapping):
        if schema.get("$ref", "").endswith("/JsonValue"):
            return value
        schema = _branch(value, schema)
        properties = schema.get("properties")
        if properties is None:  # a free mapping: codelists, translations...
            inner = schema.get("additionalProperties", {})
            if inner is True or not inner or inner.get("$ref", "").endswith("/JsonValue"):
                return value
            return {key: _prune(item, inner) for key, item in value.items()}
        return {
            key: _prune(item, properties[key]) for key, item in value.items() if key in properties
        }
    if isinstance(value, list):
        return [_prune(item, _branch(value, schema).get("items", {})) for item in value]
    return value


def _down(value: Any, path: Path_) -> Any:
    """The documented moves of the upgrade, backwards, outside ``extensions``."""
    if isinstance(value, list):
        return [_down(item, (*path, i)) for i, item in enumerate(value)]
    if not isinstance(value, Mapping):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key == "extensions":
            out[key] = item
        elif key == "translations" and isinstance(item, Mapping):
            if "en" in item:
                out["name_en"] = item["en"]
        elif len(path) == 2 and path[0] == "services" and key == "operators":
            out["operator"] = item[0]["operator"]
        elif len(path) == 2 and path[0] == "services" and key == "networks":
            out["network"] = item[0]["network"]
        elif key == "members":  # 1.0 seats always name their member
            out[key] = [
                _down(seat, (*path, key, i)) for i, seat in enumerate(item) if "member" in seat
            ]
        elif key == "language" and not re.fullmatch(r"[a-z]{2,3}", str(item)):
            continue  # 1.0 sources know plain language codes only; the root has none
        else:
            out[key] = _down(item, (*path, key))
    return out


def as_1_0(data: Mapping[str, Any]) -> dict[str, Any]:
    """A 1.0 document made from a generated 2.0 one by keeping only what 1.0 could say.

    A plan document with related plans becomes a landscape of all its plans, since 1.0
    has no related plans and other entities may refer to them.
    """
    data = dict(data)
    if data.get("related_plans"):
        data["plans"] = [data.pop("plan"), *data.pop("related_plans")]
        data["document"] = "landscape"
    downgraded = _down(data, ())
    downgraded["schema_version"] = "1.0"
    pruned: dict[str, Any] = _prune(downgraded, SCHEMA_1_0)
    return pruned
