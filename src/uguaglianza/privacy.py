"""Leaving persons out of a document before it is published: :func:`redact`.

A redacted document names nobody. Every reference to a person becomes the post the person
holds, where the field accepts a post and the person holds exactly one, or else a stable
pseudonym: ``persona-`` and a keyed hash (HMAC-SHA256) of the person's id, never a slug of
the name. The person entities keep only that pseudonym; contacts go; and the names, given
and family names and ids of redacted persons are replaced by the pseudonym in every text of
the document (quotes, notes, titles, other ids). On request, holders of public office (see
:data:`PUBLIC_OFFICES`) keep their names, without contacts.

The document is walked through the models' fields, so fields added to the format later
are carried along: a field is a reference to a person when its type says so.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import types
import typing
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar, Union

from pydantic import BaseModel

from uguaglianza.model import Landscape, PlanDocument
from uguaglianza.model._base import Ref

__all__ = [
    "CONTACT_FIELDS",
    "PERSONAL_IDENTIFIERS",
    "PSEUDONYM_PREFIX",
    "PUBLIC_OFFICES",
    "pseudonym",
    "redact",
]

DocumentT = TypeVar("DocumentT", bound=PlanDocument | Landscape)

#: Post kinds that are public offices, whose holders act in public by law: elected and
#: appointed heads, members of executives and councils, the equality advisers
#: (consigliere di parità), prefects and ministers. Staff posts (dirigente, funzionario,
#: referente...) and the confidential counsellor (consigliera di fiducia) are not.
PUBLIC_OFFICES: frozenset[str] = frozenset(
    {
        "sindaco_metropolitano",
        "sindaco",
        "vice_sindaco",
        "presidente_regione",
        "presidente_provincia",
        "assessore_regionale",
        "assessore",
        "consigliere_delegato",
        "consigliere",
        "consigliere_regionale",
        "presidente_consiglio",
        "presidente_conferenza",
        "presidente",
        "ministro",
        "prefetto",
        "consigliera_di_parita",
    }
)
#: Fields that are contacts: dropped from persons, and from any entity when they carry a
#: redacted person's name (a personal e-mail address at an office).
CONTACT_FIELDS: frozenset[str] = frozenset(
    {"email", "pec", "phone", "telephone", "mobile", "fax", "website", "url", "address"}
)
#: Identifier schemes that identify a private person, dropped even from office holders
#: kept by name: the codice fiscale (a tax code derived from name, birth date and place).
PERSONAL_IDENTIFIERS: frozenset[str] = frozenset({"it_cf"})
#: How every pseudonym begins.
PSEUDONYM_PREFIX = "persona-"
_PERSONS_FIELD = "persons"
_MIN_NAME_CHARS = 3


def pseudonym(person_id: str, key: bytes) -> str:
    """The stable pseudonym of *person_id* under *key*: ``persona-`` and 12 hex digits."""
    digest = hmac.new(key, person_id.encode("utf-8"), hashlib.sha256).hexdigest()
    return PSEUDONYM_PREFIX + digest[:12]


def _document_key(doc: PlanDocument | Landscape) -> bytes:
    """The default key: a digest of the whole document, which nobody can guess without it."""
    from uguaglianza.io import dumps

    return hashlib.sha256(dumps(doc, "json").encode("utf-8")).digest()


def _ref_kinds(annotation: Any, metadata: Iterable[Any] = ()) -> frozenset[str] | None:
    """The entity kinds a field refers to, if it holds references (one or a tuple)."""
    for item in metadata:
        if isinstance(item, Ref):
            return frozenset(item.kinds)
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        return _ref_kinds(base, meta)
    if origin in (Union, types.UnionType, tuple):
        for arg in typing.get_args(annotation):
            if arg is not type(None) and arg is not Ellipsis:
                found = _ref_kinds(arg)
                if found is not None:
                    return found
    return None


_KINDS_CACHE: dict[tuple[type[BaseModel], str], frozenset[str] | None] = {}


def _field_kinds(cls: type[BaseModel], name: str) -> frozenset[str] | None:
    cached = (cls, name)
    if cached not in _KINDS_CACHE:
        field = cls.model_fields[name]
        _KINDS_CACHE[cached] = _ref_kinds(field.annotation, field.metadata)
    return _KINDS_CACHE[cached]


def _folded(text: str) -> str:
    """*text* without accents: ``Niccolò`` → ``Niccolo``, as slugs and some sources write it."""
    return "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )


def _other_names(person: BaseModel) -> set[str]:
    """The person's other names and codes: translations, aliases, former names, identifiers."""
    found = {str(text) for text in (getattr(person, "translations", None) or {}).values()}
    found.update(str(alias) for alias in getattr(person, "aliases", ()))
    found.update(str(getattr(item, "name", "")) for item in getattr(person, "former_names", ()))
    found.update(str(getattr(item, "value", "")) for item in getattr(person, "identifiers", ()))
    return found


def _name_forms(person: BaseModel) -> set[str]:
    """Every way a text may write the person: full name both ways round, parts, other names, id."""
    name = str(getattr(person, "name", "") or "")
    given = str(getattr(person, "given_name", "") or "")
    family = str(getattr(person, "family_name", "") or "")
    others = _other_names(person)
    forms = {name, given, family, str(getattr(person, "id", "")), *others} | {
        str(value) for field, value in person if field.endswith("_name") and isinstance(value, str)
    }
    if given and family:
        forms.add(f"{family} {given}")
    if not (given and family):
        forms.update(name.split())
    for other in others:
        forms.update(other.split())
    forms |= {_folded(form) for form in forms}
    forms |= {form.replace("-", " ") for form in forms} | {form.replace(" ", "-") for form in forms}
    return {form.strip() for form in forms if len(form.strip()) >= _MIN_NAME_CHARS}


class _Redactor:
    """One redaction: who is redacted, by what, and the walk that rewrites the document."""

    def __init__(self, replacement: Mapping[str, str], posts: Mapping[str, str]) -> None:
        self.replacement = replacement  # person id → pseudonym
        self.posts = posts  # person id → the one post they hold
        self.pattern: re.Pattern[str] | None = None
        self.names: dict[str, str] = {}

    def set_names(self, names: Mapping[str, str]) -> None:
        """Scrub each of *names* (a written form → its pseudonym) from every text."""
        self.names = {form.casefold(): token for form, token in names.items()}
        if names:
            alternatives = sorted(names, key=lambda form: (-len(form), form))
            self.pattern = re.compile(
                r"(?<!\w)(?:" + "|".join(map(re.escape, alternatives)) + ")", re.IGNORECASE
            )

    def text(self, value: str) -> str:
        """*value* with every name of a redacted person replaced by the pseudonym."""
        if self.pattern is None:
            return value
        return self.pattern.sub(lambda match: self.names[match.group().casefold()], value)

    def named(self, value: str) -> bool:
        return self.pattern is not None and self.pattern.search(value) is not None

    def model(self, obj: BaseModel) -> dict[str, Any]:
        """*obj* as data, references to redacted persons swapped and texts scrubbed."""
        cls = type(obj)
        refs = self._refs(obj)
        data: dict[str, Any] = {}
        for name in obj.model_fields_set:
            value = getattr(obj, name)
            kinds = _field_kinds(cls, name)
            if kinds is not None and "person" in kinds:
                data[name] = self._person_ref(value, kinds, refs)
            elif name in CONTACT_FIELDS and isinstance(value, str) and self.named(value):
                continue  # a contact naming a person goes with the person's name
            else:
                data[name] = self.value(value)
        return data

    def _refs(self, obj: BaseModel) -> set[str]:
        """Every reference *obj* holds directly: a person is not swapped for one of these."""
        found: set[str] = set()
        cls = type(obj)
        for name in obj.model_fields_set:
            if _field_kinds(cls, name) is None:
                continue
            value = getattr(obj, name)
            if isinstance(value, str):
                found.add(value)
            elif isinstance(value, tuple):
                found.update(item for item in value if isinstance(item, str))
        return found

    def _person_ref(self, value: Any, kinds: frozenset[str], refs: set[str]) -> Any:
        if isinstance(value, tuple):
            swapped = [self._person_ref(item, kinds, refs) for item in value]
            return list(dict.fromkeys(swapped))
        if not isinstance(value, str) or value not in self.replacement:
            return self.value(value)
        post = self.posts.get(value)
        if post is not None and "post" in kinds and post not in refs:
            return self.text(post)
        return self.replacement[value]

    def value(self, value: Any) -> Any:
        """Any value of a field, rewritten."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, BaseModel):
            return self.model(value)
        if isinstance(value, tuple | list):
            return [self.value(item) for item in value]
        if isinstance(value, dict):
            return {self.text(str(k)): self.value(v) for k, v in value.items()}
        return value


def _holders(posts: Iterable[BaseModel]) -> dict[str, list[BaseModel]]:
    """Person id → the posts naming them, through any field of a post referring to persons."""
    held: dict[str, list[BaseModel]] = {}
    for post in posts:
        cls = type(post)
        for name in post.model_fields_set:
            kinds = _field_kinds(cls, name)
            if kinds is None or "person" not in kinds:
                continue
            value = getattr(post, name)
            for person in value if isinstance(value, tuple) else (value,):
                if isinstance(person, str):
                    held.setdefault(person, []).append(post)
    return held


def _kept(person: BaseModel, redactor: _Redactor) -> dict[str, Any]:
    """A holder of public office kept by name: without contacts or personal tax code."""
    data = {
        name: redactor.value(getattr(person, name))
        for name in person.model_fields_set
        if name not in CONTACT_FIELDS
    }
    if "identifiers" in data:
        data["identifiers"] = [
            item for item in data["identifiers"] if item.get("scheme") not in PERSONAL_IDENTIFIERS
        ]
    return data


def redact(
    doc: DocumentT,
    *,
    persons: bool = True,
    keep_office_holders: bool = False,
    key: bytes | None = None,
    office_kinds: Iterable[str] = PUBLIC_OFFICES,
) -> DocumentT:
    """A copy of *doc* that names no person; see the module's documentation.

    Args:
        doc: a plan document or a landscape.
        persons: redact persons (the one kind of personal data this library models).
        keep_office_holders: keep by name the holders of a post of one of *office_kinds*.
        key: the secret behind the pseudonyms; give the same key to get the same
            pseudonyms across documents. By default a digest of *doc* itself, so the same
            document always gives the same pseudonyms and nobody can recompute them.
        office_kinds: the post kinds that are public offices.
    """
    if not persons or not doc.persons:
        return doc
    secret = _document_key(doc) if key is None else key
    held = _holders(doc.posts)
    offices = frozenset(office_kinds)
    kept = {
        person.id
        for person in doc.persons
        if keep_office_holders
        and any(getattr(post, "kind", None) in offices for post in held.get(person.id, ()))
    }
    hidden = [person for person in doc.persons if person.id not in kept]
    replacement = {person.id: pseudonym(person.id, secret) for person in hidden}
    only_post = {
        person.id: str(getattr(held[person.id][0], "id", ""))
        for person in hidden
        if len(held.get(person.id, ())) == 1
    }
    redactor = _Redactor(replacement, only_post)
    kept_forms = set().union(*(_name_forms(p) for p in doc.persons if p.id in kept))
    redactor.set_names(
        {
            form: replacement[person.id]
            for person in hidden
            for form in _name_forms(person)
            if form not in kept_forms
        }
    )
    data = redactor.model(doc)
    data[_PERSONS_FIELD] = [
        {"id": replacement[person.id], "name": replacement[person.id]}
        if person.id in replacement
        else _kept(person, redactor)
        for person in doc.persons
    ]
    return typing.cast(DocumentT, type(doc).model_validate(data))
