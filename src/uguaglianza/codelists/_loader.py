"""Typed, immutable codelists read lazily from the JSON files shipped in ``data/``."""

from __future__ import annotations

import difflib
import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from types import MappingProxyType
from typing import Any

import attrs

CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
"""What every code (and group code) must look like: lowercase snake_case ASCII."""

_DATA_DIR = "data"
_KNOWN_KEYS = frozenset({"code", "label", "description", "group", "source", "broader", "category"})
# A suggestion must be at least this similar (difflib ratio) to be offered.
_NEAREST_CUTOFF = 0.6
# Label words shorter than this ("di", "e", "and") would only add noise to suggestions.
_MIN_WORD_LENGTH = 4


class UnknownCodelistError(LookupError):
    """There is no shipped codelist with the requested name."""

    def __init__(self, name: str, available: Iterable[str]) -> None:
        self.name = name
        self.available = tuple(available)
        super().__init__(
            f"there is no codelist {name!r}; available codelists: {', '.join(self.available)}"
        )


class DuplicateCodeError(ValueError):
    """A codelist would contain the same code twice; codes are added, never redefined."""

    def __init__(self, codelist: str, code: str, existing_label: str | None = None) -> None:
        self.codelist = codelist
        self.code = code
        where = f" (already there as {existing_label!r})" if existing_label else ""
        super().__init__(
            f"code {code!r} is already in the {codelist!r} codelist{where}; "
            "codelists can be extended, not redefined: choose a new code"
        )


class InvalidCodelistError(ValueError):
    """A codelist data file does not have the documented shape."""

    def __init__(self, file: str, path: str, problem: str) -> None:
        self.file = file
        self.path = path
        self.problem = problem
        super().__init__(f"{file}: {path or '<document>'}: {problem}")


def _freeze(value: Any) -> Any:
    """A read-only copy of a JSON value: mappings become proxies, lists become tuples."""
    if isinstance(value, Mapping):
        return MappingProxyType({key: _freeze(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_freeze(item) for item in value)
    return value


def _frozen_mapping(value: Mapping[str, Any]) -> Mapping[str, Any]:
    frozen: Mapping[str, Any] = _freeze(dict(value))
    return frozen


_is_str = attrs.validators.instance_of(str)
_optional_str_field = attrs.validators.optional(_is_str)


def _check_code(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not CODE_PATTERN.fullmatch(value):
        raise ValueError(
            f"{attribute.name} {value!r} is not lowercase snake_case ASCII "
            f"(pattern {CODE_PATTERN.pattern}), e.g. 'social_area'"
        )


def _check_group(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        _check_code(instance, attribute, value)


def _check_label(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")


@attrs.frozen
class Code:
    """One entry of a codelist: a stable code with Italian and English labels.

    ``broader`` names the code of the same list this one is a narrower kind of (SKOS
    ``broader``); ``category`` the code of the same list that groups it without being
    broader (see :meth:`Codelist.category`); ``extra`` keeps any further keys of the data
    file (such as ``directed`` and ``inverse`` in ``relation_kinds``) as a read-only mapping.
    """

    code: str = attrs.field(validator=[_is_str, _check_code])
    label_it: str = attrs.field(validator=[_is_str, _check_label])
    label_en: str = attrs.field(validator=[_is_str, _check_label])
    description: str | None = attrs.field(default=None, validator=_optional_str_field)
    group: str | None = attrs.field(default=None, validator=[_optional_str_field, _check_group])
    source: str | None = attrs.field(default=None, validator=_optional_str_field)
    broader: str | None = attrs.field(
        default=None, validator=[_optional_str_field, _check_group], kw_only=True
    )
    category: str | None = attrs.field(
        default=None, validator=[_optional_str_field, _check_group], kw_only=True
    )
    extra: Mapping[str, Any] = attrs.field(
        factory=dict, converter=_frozen_mapping, hash=False, repr=False
    )


def normalise(text: str) -> str:
    """Fold *text* to snake_case ASCII, so that ``"Disabilità"`` becomes ``"disabilita"``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", ascii_text).strip("_")


def _match_keys(code: Code) -> Iterator[str]:
    """The strings a misspelt code is compared with: the code, its labels and their words."""
    yield code.code
    for label in (code.label_it, code.label_en):
        folded = normalise(label)
        yield folded
        yield from (word for word in folded.split("_") if len(word) >= _MIN_WORD_LENGTH)


def _to_codes(value: Iterable[Code]) -> tuple[Code, ...]:
    return tuple(value)


@attrs.frozen
class Codelist:
    """A named, ordered, immutable vocabulary of :class:`Code` entries.

    Iterating yields the :class:`Code` objects in file order; ``"sex" in grounds``
    tests for a code.
    """

    name: str = attrs.field(validator=[_is_str, _check_code])
    title_it: str
    title_en: str
    description: str
    source: str
    codes: tuple[Code, ...] = attrs.field(converter=_to_codes)
    _index: Mapping[str, Code] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _keys: tuple[tuple[str, str], ...] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _lineages: Mapping[str, tuple[str, ...]] = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )
    _category_of: Mapping[str, str] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, Code] = {}
        for entry in self.codes:
            if entry.code in index:
                raise DuplicateCodeError(self.name, entry.code, index[entry.code].label_it)
            index[entry.code] = entry
        keys = {(key, entry.code) for entry in self.codes for key in _match_keys(entry) if key}
        object.__setattr__(self, "_index", MappingProxyType(index))
        object.__setattr__(self, "_keys", tuple(sorted(keys)))
        object.__setattr__(self, "_lineages", MappingProxyType(self._check_broader(index)))
        object.__setattr__(self, "_category_of", MappingProxyType(self._grouping(index)))

    def _grouping(self, index: Mapping[str, Code]) -> dict[str, str]:
        """Every code's category, after checking that named categories are codes."""
        for position, entry in enumerate(self.codes):
            if entry.category is None:
                continue
            target = index.get(entry.category)
            if target is None or target.category is not None:
                why = "is not a code of this list" if target is None else "has a category itself"
                raise InvalidCodelistError(
                    f"codelist {self.name!r}",
                    f"codes[{position}].category",
                    f"{entry.category!r} (category of {entry.code!r}) {why}; name a code of "
                    "this list that groups others, or remove 'category'",
                )
        named = {entry.category for entry in self.codes if entry.category is not None}
        grouping: dict[str, str] = {}
        for entry in self.codes:
            lineage = self._lineages[entry.code]
            if named:
                own = (index[code].category for code in lineage)
                top = entry.code if entry.code in named else next(filter(None, own), None)
            else:
                top = lineage[-1]
            if top is not None:
                grouping[entry.code] = top
        if not named:  # a lineage's top with no narrower code is no category
            tops = {top for code, top in grouping.items() if code != top}
            grouping = {code: top for code, top in grouping.items() if top in tops}
        return grouping

    def _check_broader(self, index: Mapping[str, Code]) -> dict[str, tuple[str, ...]]:
        """Every code's lineage, after checking that broader codes exist and never loop."""
        for position, entry in enumerate(self.codes):
            if entry.broader is not None and entry.broader not in index:
                hints = self.nearest(entry.broader)
                hint = f"; did you mean {', '.join(map(repr, hints))}?" if hints else ""
                raise InvalidCodelistError(
                    f"codelist {self.name!r}",
                    f"codes[{position}].broader",
                    f"{entry.broader!r} (broader code of {entry.code!r}) is not a code of "
                    f"this list; name one of its codes or remove 'broader'{hint}",
                )
        lineages: dict[str, tuple[str, ...]] = {}
        for position, entry in enumerate(self.codes):
            chain = [entry.code]
            current = entry
            while current.broader is not None:
                if current.broader in lineages:
                    chain.extend(lineages[current.broader])
                    break
                if current.broader in chain:
                    loop = " -> ".join([*chain[chain.index(current.broader) :], current.broader])
                    raise InvalidCodelistError(
                        f"codelist {self.name!r}",
                        f"codes[{position}].broader",
                        f"broader codes form a cycle ({loop}); a code cannot be narrower "
                        "than itself: remove 'broader' from one of them",
                    )
                chain.append(current.broader)
                current = index[current.broader]
            lineages[entry.code] = tuple(chain)
        return lineages

    def __contains__(self, code: object) -> bool:
        if isinstance(code, Code):
            return self._index.get(code.code) == code
        return isinstance(code, str) and code in self._index

    def __iter__(self) -> Iterator[Code]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def get(self, code: str) -> Code | None:
        """The entry for *code*, or ``None`` if the list does not have it."""
        return self._index.get(code)

    def codes_set(self) -> frozenset[str]:
        """Every code of the list, for fast membership tests."""
        return frozenset(self._index)

    def nearest(self, code: str, n: int = 3) -> list[str]:
        """Up to *n* known codes closest to *code*, best first, for "did you mean" hints.

        Labels count too, so ``nearest("sesso")`` on the grounds list gives ``["sex"]``.
        """
        query = normalise(code)
        if not query or n <= 0:
            return []
        best: dict[str, float] = {}
        matcher = difflib.SequenceMatcher(b=query, autojunk=False)
        for key, target in self._keys:
            matcher.set_seq1(key)
            # The quick upper bounds skip most candidates before the costly ratio().
            if matcher.real_quick_ratio() < _NEAREST_CUTOFF:
                continue
            if matcher.quick_ratio() < _NEAREST_CUTOFF:
                continue
            score = matcher.ratio()
            if score >= _NEAREST_CUTOFF and score > best.get(target, 0.0):
                best[target] = score
        order = {entry.code: position for position, entry in enumerate(self.codes)}
        ranked = sorted(best, key=lambda target: (-best[target], order[target]))
        return ranked[:n]

    def lineage(self, code: str) -> tuple[str, ...]:
        """*code*, then its broader code, that code's broader one... (empty if unknown)."""
        return self._lineages.get(code, ())

    def is_a(self, code: str, ancestor: str) -> bool:
        """Whether *code* is *ancestor* or narrower than it, through any number of steps."""
        return ancestor in self.lineage(code)

    def category(self, code: str) -> str | None:
        """The category *code* falls in (see :meth:`categories`), or ``None``."""
        return self._category_of.get(code)

    def categories(self) -> dict[str, tuple[str, ...]]:
        """Each category with the codes in it, itself first.

        A list that names categories (``category``, as service kinds do) groups its codes
        by them: a code is in the category named on it or on its nearest broader code,
        which stays no broader code. Otherwise the broadest code of every lineage of more
        than one code is a category.
        """
        found: dict[str, list[str]] = {}
        for entry in self.codes:
            top = self._category_of.get(entry.code)
            if top is not None and entry.code != top:
                found.setdefault(top, [top]).append(entry.code)
        return {top: tuple(codes) for top, codes in found.items()}

    def extended(self, extra: Iterable[Code]) -> Codelist:
        """A new list with *extra* codes appended; reusing an existing code is an error.

        Raises:
            DuplicateCodeError: a code of *extra* is already in the list or repeated.
            InvalidCodelistError: a broader code is not in the new list or forms a cycle.
        """
        return attrs.evolve(self, codes=(*self.codes, *extra))


def _require(data: Mapping[str, Any], key: str, kind: type, file: str, path: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        where = f"{path}.{key}" if path else key
        raise InvalidCodelistError(file, where, f"expected a non-empty {kind.__name__}")
    return value


def _optional_str(data: Mapping[str, Any], key: str, file: str, path: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise InvalidCodelistError(file, f"{path}.{key}", "expected a string")
    return value


def _labels(data: Mapping[str, Any], key: str, file: str, path: str) -> tuple[str, str]:
    where = f"{path}.{key}" if path else key
    labels = _require(data, key, dict, file, path)
    return _require(labels, "it", str, file, where), _require(labels, "en", str, file, where)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def parse_codelist(text: str, file: str = "<codelist>") -> Codelist:
    """Build a :class:`Codelist` from the JSON *text* of a data file.

    Raises:
        InvalidCodelistError: the text is not JSON or lacks a required field.
    """
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except ValueError as exc:
        raise InvalidCodelistError(file, "", f"not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise InvalidCodelistError(file, "", "expected a JSON object")
    name = _require(data, "name", str, file, "")
    title_it, title_en = _labels(data, "title", file, "")
    entries: list[Code] = []
    for position, item in enumerate(_require(data, "codes", list, file, "")):
        path = f"codes[{position}]"
        if not isinstance(item, dict):
            raise InvalidCodelistError(file, path, "expected an object")
        label_it, label_en = _labels(item, "label", file, path)
        fields = {
            "code": _require(item, "code", str, file, path),
            "description": _optional_str(item, "description", file, path),
            "group": _optional_str(item, "group", file, path),
            "source": _optional_str(item, "source", file, path),
            "broader": _optional_str(item, "broader", file, path),
            "category": _optional_str(item, "category", file, path),
        }
        extra = {key: value for key, value in item.items() if key not in _KNOWN_KEYS}
        try:
            entries.append(Code(label_it=label_it, label_en=label_en, extra=extra, **fields))
        except ValueError as exc:
            raise InvalidCodelistError(file, path, str(exc)) from None
    try:
        return Codelist(
            name=name,
            title_it=title_it,
            title_en=title_en,
            description=_require(data, "description", str, file, ""),
            source=_require(data, "source", str, file, ""),
            codes=entries,
        )
    except DuplicateCodeError as exc:
        raise InvalidCodelistError(file, "codes", str(exc)) from None
    except InvalidCodelistError as exc:
        raise InvalidCodelistError(file, exc.path, exc.problem) from None


def _data_dir() -> Traversable:
    package = __name__.rpartition(".")[0]
    return resources.files(package).joinpath(_DATA_DIR)


@functools.cache
def codelist_names() -> tuple[str, ...]:
    """Names of every shipped codelist, sorted."""
    suffix = ".json"
    return tuple(
        sorted(
            entry.name.removesuffix(suffix)
            for entry in _data_dir().iterdir()
            if entry.name.endswith(suffix) and entry.is_file()
        )
    )


@functools.cache
def load_codelist(name: str) -> Codelist:
    """The shipped codelist called *name*, read on first use and cached.

    Raises:
        UnknownCodelistError: no codelist has that name; the message lists those that do.
    """
    names = codelist_names()
    if name not in names:
        raise UnknownCodelistError(name, names)
    file = f"{_DATA_DIR}/{name}.json"
    codelist = parse_codelist(_data_dir().joinpath(f"{name}.json").read_text("utf-8"), file)
    if codelist.name != name:
        raise InvalidCodelistError(file, "name", f"is {codelist.name!r}, expected {name!r}")
    return codelist


def all_codelists() -> dict[str, Codelist]:
    """Every shipped codelist by name (a new dict each call; the lists are shared)."""
    return {name: load_codelist(name) for name in codelist_names()}
