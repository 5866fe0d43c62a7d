"""The two root documents: a self-contained plan document and a multi-plan landscape.

Validating either root also resolves it: every id must be unique, every reference must
point at an entity of an accepted kind, and every code must be shipped or declared.
Problems are raised together as one ``pydantic.ValidationError`` with precise locations.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import Field, PrivateAttr, ValidationError, model_validator

from uguaglianza.model._base import Extensions, Id, LanguageTag, Model
from uguaglianza.model._resolve import DocumentIndex, build_index, register_kind
from uguaglianza.model.actors import Organisation, Person, Post
from uguaglianza.model.acts import Act, Obligation, Opinion
from uguaglianza.model.funding import Call, Fund, Grant, Phase, Project
from uguaglianza.model.machinery import GovernanceBody, Meeting
from uguaglianza.model.money import Transfer
from uguaglianza.model.monitoring import Indicator
from uguaglianza.model.plan import Action, InterventionArea, Objective, Plan
from uguaglianza.model.relations import DeclaredCode, Relation, SourceDocument
from uguaglianza.model.services import Service
from uguaglianza.model.territory import Territory

__all__ = ["FORMAT_VERSION", "Document", "Landscape", "PlanDocument"]

#: The version of the file format this library reads and writes.
FORMAT_VERSION = "2.0"
#: Older versions :func:`uguaglianza.model.upgrade` carries over to the current one.
OLDER_VERSIONS = ("1.0",)

for _cls, _kind in (
    (SourceDocument, "source"),
    (Territory, "territory"),
    (Organisation, "organisation"),
    (Person, "person"),
    (Post, "post"),
    (Plan, "plan"),
    (InterventionArea, "area"),
    (Objective, "objective"),
    (Action, "action"),
    (Indicator, "indicator"),
    (Act, "act"),
    (GovernanceBody, "body"),
    (Meeting, "meeting"),
    (Fund, "fund"),
    (Call, "call"),
    (Grant, "grant"),
    (Project, "project"),
    (Phase, "phase"),
    (Service, "service"),
    (Relation, "relation"),
    (Opinion, "opinion"),
    (Obligation, "obligation"),
    (Transfer, "transfer"),
):
    register_kind(_cls, _kind)


class _Header(Model):
    """What a document says about itself; comes first in every file."""

    document: str
    schema_version: Literal["2.0"]
    """Version of the file format; this library writes ``"2.0"`` (``upgrade`` reads 1.0)."""
    id: Id
    language: LanguageTag = "it"
    """The language names and texts are written in; translations are keyed by language."""
    name: str | None = None
    description: str | None = None


class _OnePlan(Model):
    plan: Plan
    """The plan this document is about."""
    related_plans: tuple[Plan, ...] = ()
    """Other plans the sources describe with it: the plan it supersedes, the PIAO it is
    part of, its gender budget."""


class _ManyPlans(Model):
    plans: tuple[Plan, ...] = ()


class _Root(Model):
    """The registries entities live in, shared by both roots, and the resolution step."""

    sources: tuple[SourceDocument, ...] = ()
    """Documents the data comes from, cited by entities' ``source.document``."""
    codelists: dict[str, tuple[DeclaredCode, ...]] = Field(default_factory=dict)
    """Codes this document adds to open codelists, by codelist name."""
    territories: tuple[Territory, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    persons: tuple[Person, ...] = ()
    posts: tuple[Post, ...] = ()
    bodies: tuple[GovernanceBody, ...] = ()
    """Governance bodies: tables, working groups, conferences, networks."""
    acts: tuple[Act, ...] = ()
    opinions: tuple[Opinion, ...] = ()
    """Opinions given on plans and acts, by whom, when and with what outcome."""
    obligations: tuple[Obligation, ...] = ()
    """Duties with deadlines that follow from acts or frameworks."""
    funds: tuple[Fund, ...] = ()
    calls: tuple[Call, ...] = ()
    grants: tuple[Grant, ...] = ()
    projects: tuple[Project, ...] = ()
    services: tuple[Service, ...] = ()
    transfers: tuple[Transfer, ...] = ()
    """Money paid from one party to another, possibly through intermediaries."""
    relations: tuple[Relation, ...] = ()
    extensions: Extensions = Field(default_factory=dict)
    """Users' own data, kept as is."""

    _index: tuple[dict[str, Any], DocumentIndex, bool] | None = PrivateAttr(default=None)
    """The fields the index was built from, the index, and whether it was built when
    the document was validated; a copy with other fields must not reuse it."""
    _origin: str | None = PrivateAttr(default=None)
    #: A document checks its codes itself, with the codes it declares.
    _checks_own_codes: ClassVar[bool] = True

    @model_validator(mode="after")
    def _resolve(self) -> Self:
        index, errors = build_index(self, self.codelists)
        if errors:
            raise ValidationError.from_exception_data(type(self).__name__, errors)
        self._index = (self.__dict__, index, True)
        from uguaglianza.display import remember

        remember(self)
        return self

    def to_html(self, lang: str | None = None) -> str:
        """The document as compact HTML: header, contents, plans with actions, bodies."""
        from uguaglianza.display import document_html

        return document_html(self, lang)  # type: ignore[arg-type]

    def _repr_html_(self) -> str:
        return self.to_html()

    @property
    def index(self) -> DocumentIndex:
        """Every entity of the document by id, with its kind and location."""
        state = self._current_index()
        if state is None:  # built without validation, or copied with other fields
            state = self._index = (self.__dict__, build_index(self, self.codelists)[0], False)
        return state[1]

    def validated_index(self) -> DocumentIndex | None:
        """The index built when this very document was validated, hence without problems.

        None for a document built without validation (``model_construct``) or copied with
        changes (``model_copy(update=...)``): nobody checked its references.
        """
        state = self._current_index()
        return state[1] if state is not None and state[2] else None

    def _current_index(self) -> tuple[dict[str, Any], DocumentIndex, bool] | None:
        private = self.__pydantic_private__
        state: tuple[dict[str, Any], DocumentIndex, bool] | None = (
            private.get("_index") if private else None
        )
        return state if state is not None and state[0] is self.__dict__ else None

    def __eq__(self, other: object) -> bool:
        # Equal documents have equal content, wherever they were loaded from.
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]

    @property
    def origin(self) -> str | None:
        """The file the document was loaded from, if any (used to locate findings)."""
        return self._origin

    def plans_list(self) -> tuple[Plan, ...]:
        """The document's plans: one for a plan document, any number for a landscape."""
        raise NotImplementedError  # pragma: no cover - both roots override it


class PlanDocument(_Root, _OnePlan, _Header):
    """A self-contained document: one plan, the plans related to it, and everything they use."""

    document: Literal["plan"]
    """Says which root this is: ``plan``."""

    def plans_list(self) -> tuple[Plan, ...]:
        """The document's plan, then its related plans."""
        return (self.plan, *self.related_plans)


class Landscape(_Root, _ManyPlans, _Header):
    """Several plans and projects over shared registries, for cross-plan analysis."""

    document: Literal["landscape"]
    """Says which root this is: ``landscape``."""

    def plans_list(self) -> tuple[Plan, ...]:
        """All the landscape's plans."""
        return self.plans


#: Either root document.
Document = Annotated[PlanDocument | Landscape, Field(discriminator="document")]
