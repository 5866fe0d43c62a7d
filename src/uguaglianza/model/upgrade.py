"""Carrying documents written in older versions of the format over to the current one.

One step per version, applied in order, on plain data (what a JSON or YAML reader gives),
so a document that no longer validates as a model can still be read and carried over.
Every step keeps all the information of the older document: values are moved to their new
place, never dropped. ``extensions`` are users' own data and are never touched.

Version 1.0 to 2.0:

- ``name_en`` (entities and declared codes) becomes ``translations: {en: ...}``;
- a service's ``operator`` becomes ``operators: [{operator: ...}]`` and its ``network``
  becomes ``networks: [{network: ...}]``, since both now change over time;
- ``schema_version`` becomes ``"2.0"``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from uguaglianza.errors import DocumentError, Issue, shorten
from uguaglianza.model.documents import FORMAT_VERSION, OLDER_VERSIONS

__all__ = ["needs_upgrade", "upgrade"]


def _translations(value: Any) -> Any:
    """A copy of *value* where every ``name_en`` outside ``extensions`` is a translation."""
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out[key] = item if key == "extensions" else _translations(item)
        if "name_en" in out:
            english = out.pop("name_en")
            if english is not None:
                translations = dict(out.get("translations") or {})
                translations.setdefault("en", english)
                out["translations"] = translations
        return out
    if isinstance(value, list | tuple):
        return [_translations(item) for item in value]
    return value


def _service_over_time(service: Any) -> Any:
    if not isinstance(service, Mapping):
        return service
    out = dict(service)
    operator = out.pop("operator", None)
    if operator is not None:
        out["operators"] = [{"operator": operator}]
    network = out.pop("network", None)
    if network is not None:
        out["networks"] = [{"network": network}]
    return out


def _from_1_0(data: dict[str, Any]) -> dict[str, Any]:
    data = _translations(data)
    services = data.get("services")
    if isinstance(services, list):
        data["services"] = [_service_over_time(service) for service in services]
    data["schema_version"] = "2.0"
    return data


#: Each step takes a document of the key's version to the next version.
_STEPS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {"1.0": _from_1_0}


def needs_upgrade(data: object) -> bool:
    """True when *data* is a mapping in an older version the library can carry over."""
    return isinstance(data, Mapping) and data.get("schema_version") in OLDER_VERSIONS


def upgrade(data: Mapping[str, Any], *, file: str | None = None) -> dict[str, Any]:
    """Carry the plain data of a document over to the current format version.

    Data already in the current version comes back as an equal copy.

    Raises:
        DocumentError: *data* is not a mapping, or its ``schema_version`` is unknown.
    """
    if not isinstance(data, Mapping):
        raise DocumentError(
            [
                Issue(
                    code="not_a_document",
                    message=f"a document is a mapping of fields, not a {type(data).__name__}",
                    value=shorten(data),
                    hint="start the file with 'document: plan' or 'document: landscape'",
                    file=file,
                )
            ],
            file=file,
        )
    version = data.get("schema_version")
    current: dict[str, Any] = dict(data)
    if version == FORMAT_VERSION:
        return current
    if version not in _STEPS:
        known = ", ".join((*OLDER_VERSIONS, FORMAT_VERSION))
        raise DocumentError(
            [
                Issue(
                    code="unknown_schema_version",
                    message=f"unknown format version {version!r}",
                    path="schema_version",
                    value=None if version is None else shorten(version),
                    hint=f"this library reads format versions {known}",
                    file=file,
                )
            ],
            file=file,
        )
    while current.get("schema_version") != FORMAT_VERSION:
        current = _STEPS[current["schema_version"]](current)
    return current
