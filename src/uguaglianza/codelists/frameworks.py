"""Frameworks as versioned data: each framework's versions and the items each one has.

A framework is a code of the ``frameworks`` codelist (``cemr_charter``, ``sdg_5``...);
each of its versions lists its items (articles, requirements, areas, pillars, targets),
which are codes of the ``frameworks`` codelist or, for areas, of ``reference_areas``::

    from uguaglianza.codelists.frameworks import load_frameworks

    charter = load_frameworks()["cemr_charter"]
    charter.version("2006").has("cemr_art_35")  # False: added by the 2022 update
    charter.latest.version  # '2022'
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType
from typing import Any

import attrs

from uguaglianza.codelists._loader import InvalidCodelistError, load_codelist

__all__ = [
    "Framework",
    "FrameworkItem",
    "FrameworkVersion",
    "frameworks_of_item",
    "load_frameworks",
]

_FILE = "versions/frameworks.json"
_ITEM_LISTS = frozenset({"frameworks", "reference_areas"})


@attrs.frozen(slots=True)
class FrameworkItem:
    """One item of a framework version: a code, the codelist it is in, and its part."""

    code: str
    codelist: str
    part: str

    def label(self, lang: str = "en") -> str:
        """The item's label in *lang* (``it`` or ``en``), from its codelist."""
        entry = load_codelist(self.codelist).get(self.code)
        if entry is None:  # pragma: no cover - checked when the data is read
            return self.code
        return entry.label_it if lang == "it" else entry.label_en


@attrs.frozen(slots=True)
class FrameworkVersion:
    """A version of a framework (the Charter of 2006, of 2022) with its items, in order."""

    framework: str
    version: str
    label_it: str
    label_en: str
    source: str
    items: tuple[FrameworkItem, ...]
    date: str | None = None
    note: str | None = None
    _codes: frozenset[str] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_codes", frozenset(item.code for item in self.items))

    def codes(self) -> frozenset[str]:
        """The codes of every item of this version."""
        return self._codes

    def has(self, code: str) -> bool:
        """Whether *code* is an item of this version."""
        return code in self._codes


@attrs.frozen(slots=True)
class Framework:
    """A framework with its versions, oldest first, and the labels of its parts."""

    code: str
    versions: tuple[FrameworkVersion, ...]
    parts: Mapping[str, tuple[str, str]] = attrs.field(eq=False, hash=False)
    _items: frozenset[str] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        codes = frozenset(code for version in self.versions for code in version.codes())
        object.__setattr__(self, "_items", codes)

    @property
    def latest(self) -> FrameworkVersion:
        """The newest version, used when a plan does not say which version it follows."""
        return self.versions[-1]

    def version(self, name: str) -> FrameworkVersion | None:
        """The version called *name*, or None."""
        return next((v for v in self.versions if v.version == name), None)

    def version_names(self) -> tuple[str, ...]:
        """The names of every version, oldest first."""
        return tuple(v.version for v in self.versions)

    def item_codes(self) -> frozenset[str]:
        """The codes that are items of any version."""
        return self._items

    def label(self, lang: str = "en") -> str:
        """The framework's label in *lang*, from the ``frameworks`` codelist."""
        entry = load_codelist("frameworks").get(self.code)
        if entry is None:  # pragma: no cover - checked when the data is read
            return self.code
        return entry.label_it if lang == "it" else entry.label_en

    def part_label(self, part: str, lang: str = "en") -> str:
        """The name of a part (``article``, ``requirement``) in *lang*."""
        it, en = self.parts.get(part, (part, part))
        return it if lang == "it" else en


def _bad(path: str, problem: str) -> InvalidCodelistError:
    return InvalidCodelistError(_FILE, path, problem)


def _text(data: Mapping[str, Any], key: str, path: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _bad(f"{path}.{key}", "expected a non-empty string")
    return value


def _item(data: Any, path: str, parts: Mapping[str, Any]) -> FrameworkItem:
    if not isinstance(data, dict):
        raise _bad(path, "expected an object")
    codelist = data.get("codelist", "frameworks")
    if codelist not in _ITEM_LISTS:
        raise _bad(f"{path}.codelist", f"{codelist!r} is not one of {sorted(_ITEM_LISTS)}")
    code, part = _text(data, "code", path), _text(data, "part", path)
    if code not in load_codelist(codelist):
        raise _bad(f"{path}.code", f"{code!r} is not a code of the {codelist!r} codelist")
    if part not in parts:
        raise _bad(f"{path}.part", f"{part!r} is not one of the framework's parts")
    return FrameworkItem(code, codelist, part)


def _version(data: Any, framework: str, path: str, parts: Mapping[str, Any]) -> FrameworkVersion:
    if not isinstance(data, dict):
        raise _bad(path, "expected an object")
    label = data.get("label")
    if not isinstance(label, dict):
        raise _bad(f"{path}.label", "expected an object with 'it' and 'en'")
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise _bad(f"{path}.items", "expected a non-empty list")
    items = tuple(_item(item, f"{path}.items[{i}]", parts) for i, item in enumerate(raw_items))
    if len({item.code for item in items}) != len(items):
        raise _bad(f"{path}.items", "an item is listed twice")
    return FrameworkVersion(
        framework=framework,
        version=_text(data, "version", path),
        label_it=_text(label, "it", f"{path}.label"),
        label_en=_text(label, "en", f"{path}.label"),
        source=_text(data, "source", path),
        items=items,
        date=data.get("date"),
        note=data.get("note"),
    )


def parse_frameworks(text: str) -> dict[str, Framework]:
    """The frameworks described by the JSON *text* of the versions file, by code.

    Raises:
        InvalidCodelistError: the text lacks a field, or names an unknown code or part.
    """
    data = json.loads(text)
    known = load_codelist("frameworks")
    found: dict[str, Framework] = {}
    for i, entry in enumerate(data.get("frameworks", ())):
        path = f"frameworks[{i}]"
        code = _text(entry, "code", path)
        if code not in known:
            raise _bad(f"{path}.code", f"{code!r} is not a code of the 'frameworks' codelist")
        parts = {
            name: (_text(labels, "it", path), _text(labels, "en", path))
            for name, labels in entry.get("parts", {}).items()
        }
        versions = tuple(
            _version(version, code, f"{path}.versions[{j}]", parts)
            for j, version in enumerate(entry.get("versions", ()))
        )
        if not versions:
            raise _bad(f"{path}.versions", "expected at least one version")
        found[code] = Framework(code, versions, MappingProxyType(parts))
    return found


@functools.cache
def load_frameworks() -> Mapping[str, Framework]:
    """Every shipped framework with its versions, by framework code (read once)."""
    text = resources.files("uguaglianza.codelists").joinpath(_FILE).read_text("utf-8")
    return MappingProxyType(parse_frameworks(text))


def frameworks_of_item(code: str) -> tuple[Framework, ...]:
    """The frameworks that have *code* as an item in any of their versions."""
    return tuple(f for f in load_frameworks().values() if code in f.item_codes())
