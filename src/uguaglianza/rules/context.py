"""The context a rule pass shares: the document, the date, and indexes computed once.

Every index is built on first use and cached for the rest of the run, so the whole pass
stays linear in the size of the document: a rule looks things up, it never rescans.
Family modules cache facts of their own with :meth:`Context.memo`.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from uguaglianza.codelists import Codelist
from uguaglianza.model import (
    Act,
    ActEffect,
    Action,
    EntityRecord,
    Grant,
    Plan,
    Project,
    Relation,
)
from uguaglianza.model._resolve import build_index, declared_codelist
from uguaglianza.rules.report import Loc

if TYPE_CHECKING:
    from uguaglianza.model import Landscape, PlanDocument

__all__ = ["Context", "EffectRecord", "IndexProblem", "PlanInfo", "inheritance"]

T = TypeVar("T")


@attrs.frozen(slots=True)
class PlanInfo:
    """A plan of the document, where it stands, and the profile it is checked under."""

    plan: Plan
    loc: Loc
    profile: str


@attrs.frozen(slots=True)
class EffectRecord:
    """One effect of an act (adopts, gives an opinion...) with the act and its place."""

    act: Act
    act_loc: Loc
    index: int
    effect: ActEffect

    @property
    def loc(self) -> Loc:
        """Where the effect stands: ``acts[i].effects[j]``."""
        return (*self.act_loc, "effects", self.index)


@attrs.frozen(slots=True)
class IndexProblem:
    """A reference, id or code problem found while indexing the document."""

    kind: str
    loc: Loc
    value: object


class _Shared:
    """Indexes shared by every view of one run's context."""

    __slots__ = ("cache", "entities", "problems")

    def __init__(self) -> None:
        self.cache: dict[Callable[[Context], Any], Any] = {}
        self.entities: Mapping[str, EntityRecord] | None = None
        self.problems: tuple[IndexProblem, ...] = ()


class Context:
    """What every check receives: the document, ``as_of``, the plans in scope, indexes.

    ``plans`` holds the plans the current rule applies to (by profile); ``all_plans``
    every plan of the document. Cached facts must depend only on the document and
    ``as_of``, never on ``plans``.
    """

    __slots__ = ("_shared", "all_plans", "as_of", "doc", "plans")

    def __init__(
        self,
        doc: PlanDocument | Landscape,
        *,
        as_of: datetime.date,
        all_plans: Sequence[PlanInfo],
        plans: Sequence[PlanInfo] | None = None,
        _shared: _Shared | None = None,
    ) -> None:
        self.doc = doc
        self.as_of = as_of
        self.all_plans = tuple(all_plans)
        self.plans = self.all_plans if plans is None else tuple(plans)
        self._shared = _shared if _shared is not None else _Shared()

    def scoped(self, plans: Iterable[PlanInfo]) -> Context:
        """A view of this context whose ``plans`` are *plans*; caches are shared."""
        return Context(
            self.doc,
            as_of=self.as_of,
            all_plans=self.all_plans,
            plans=tuple(plans),
            _shared=self._shared,
        )

    def memo(self, build: Callable[[Context], T]) -> T:
        """``build(self)``, computed once per run and cached under *build*."""
        cache = self._shared.cache
        if build in cache:
            value: T = cache[build]
            return value
        value = cache[build] = build(self)
        return value

    # The entity index -----------------------------------------------------------------

    def _index(self) -> Mapping[str, EntityRecord]:
        shared = self._shared
        if shared.entities is None:
            validated = self.doc.validated_index()
            if validated is not None:  # references checked on validation: no problems
                shared.entities, shared.problems = validated.entities, ()
                return validated.entities
            index, errors = build_index(self.doc, self.doc.codelists)
            shared.entities = index.entities
            shared.problems = tuple(
                IndexProblem(
                    kind if isinstance(kind := error["type"], str) else kind.type,
                    tuple(error["loc"]),
                    error.get("input"),
                )
                for error in errors
            )
        return shared.entities

    @property
    def entities(self) -> Mapping[str, EntityRecord]:
        """Every entity of the document by id (first definition wins on duplicates)."""
        return self._index()

    @property
    def problems(self) -> tuple[IndexProblem, ...]:
        """Dangling or mistyped references, duplicate ids, unknown codes and codelists."""
        self._index()
        return self._shared.problems

    def entity(self, entity_id: str | None) -> EntityRecord | None:
        """The record of *entity_id*, or None."""
        return None if entity_id is None else self._index().get(entity_id)

    def kind_of(self, entity_id: str | None) -> str | None:
        """The kind of *entity_id* (``territory``, ``action``...), or None if undefined."""
        record = self.entity(entity_id)
        return None if record is None else record.kind

    def records(self, kind: str) -> Sequence[EntityRecord]:
        """Every entity of *kind*, in document order."""
        return self.memo(_records_by_kind).get(kind, ())

    # Shared facts ---------------------------------------------------------------------

    def plan_of(self, entity_id: str) -> PlanInfo | None:
        """The plan an area, objective, action or indicator belongs to."""
        return self.memo(_plan_of).get(entity_id)

    def effects_on(self, target: str) -> Sequence[EffectRecord]:
        """Every effect of every act on *target*, in document order."""
        return self.memo(_effects_by_target).get(target, ())

    def relations_to(self, target: str, kind: str) -> Sequence[tuple[Loc, Relation]]:
        """Relations of *kind* whose target is *target*, with their places."""
        by_kind = self.memo(_relations_by_kind)
        by_target = by_kind.get(kind)
        if by_target is None:  # indexed kind by kind: rules ask about few kinds
            by_target = by_kind[kind] = _relations_of_kind(self.doc.relations, kind)
        return by_target.get(target, ())

    def project_of(self, plan: str) -> Project | None:
        """The project whose programme *plan* is (``project.plan``), if any."""
        return self.memo(_projects_by_plan).get(plan)

    def grants_of(self, project: str) -> Sequence[tuple[Loc, Grant]]:
        """The grants that fund *project*, with their places."""
        return self.memo(_grants_by_project).get(project, ())

    def posts_held(self, person: str) -> Sequence[str]:
        """Ids of the posts *person* holds (over any period)."""
        return self.memo(_posts_by_holder).get(person, ())

    def organisations_of(self, actor: str | None) -> frozenset[str]:
        """The organisations *actor* acts within, with their parents.

        An organisation stands for itself, a post for its organisation or body, a body for
        its convener (an organisation, a larger body or an office, followed up the chain),
        a person for the organisations of the posts they hold.
        """
        if actor is None:
            return frozenset()
        direct: list[str] = []
        pending = [actor]
        visited: set[str] = set()
        while pending:
            current_id = pending.pop()
            record = self.entity(current_id)
            if record is None or current_id in visited:
                continue
            visited.add(current_id)
            if record.kind == "organisation":
                direct.append(current_id)
            elif record.kind == "post":
                pending.append(record.entity.organisation)
            elif record.kind == "body" and record.entity.convener is not None:
                pending.append(record.entity.convener)
            elif record.kind == "person":
                pending.extend(self.posts_held(current_id))
        found: set[str] = set()
        for start in direct:
            found.update(self.organisation_chain(start))
        return frozenset(found)

    def organisation_chain(self, organisation: str | None) -> tuple[str, ...]:
        """*organisation*, then its parent, that one's parent... (stops on cycles)."""
        chain: list[str] = []
        current = organisation
        while current is not None and current not in chain:
            record = self.entity(current)
            if record is None or record.kind != "organisation":
                break
            chain.append(current)
            current = record.entity.parent
        return tuple(chain)

    def acts_for(self, actor: str | None, owner: str | None) -> bool:
        """Whether *actor* belongs to *owner* or to an organisation above it.

        A body convened by the owner's parent (the Council of Ministers for a department
        of the Presidency) acts for the owner; a body of another organisation does not.
        """
        if owner is None:
            return False
        return not self.organisations_of(actor).isdisjoint(self.organisation_chain(owner))

    def codelist(self, name: str) -> Codelist:
        """The codelist *name* with the codes this document declares for it."""
        lists: dict[str, Codelist] = self.memo(_codelists)
        found = lists.get(name)
        if found is None:
            try:
                found = declared_codelist(name, self.doc.codelists.get(name, ()))
            except ValueError:  # a broken declaration is reported by UG004/UG005
                found = declared_codelist(name, ())
            lists[name] = found
        return found

    def is_a(self, codelist: str, code: str | None, ancestor: str) -> bool:
        """Whether *code* is *ancestor* or narrower, by the document's and shipped codes."""
        return code is not None and self.codelist(codelist).is_a(code, ancestor)

    def territory_of(self, entity_id: str | None) -> str | None:
        """A territory's own id, or the territory an organisation serves."""
        record = self.entity(entity_id)
        if record is None:
            return None
        if record.kind == "territory":
            return entity_id
        if record.kind == "organisation":
            territory: str | None = record.entity.territory
            return territory
        return None

    def ancestors(self, territory: str) -> frozenset[str]:
        """Every territory *territory* is part of, directly or not, over any period."""
        return self.memo(_ancestor_finder)(territory)


def inheritance(ctx: Context, get: Callable[[Action], object]) -> Callable[[Action], bool]:
    """A test of ``get(action)`` up the chain of macro-actions, memoised across actions."""
    known: dict[str, bool] = {}

    def test(action: Action) -> bool:
        chain: dict[str, None] = {}  # ordered, and a set to stop on cycles
        current: Action | None = action
        result = False
        while current is not None and current.id not in chain:
            if current.id in known:
                result = known[current.id]
                break
            chain[current.id] = None
            if get(current):
                result = True
                break
            record = ctx.entity(current.parent)
            current = record.entity if record is not None and record.kind == "action" else None
        known.update(dict.fromkeys(chain, result))
        return result

    return test


def _codelists(ctx: Context) -> dict[str, Codelist]:
    return {}  # filled by Context.codelist


def _records_by_kind(ctx: Context) -> Mapping[str, Sequence[EntityRecord]]:
    grouped: dict[str, list[EntityRecord]] = defaultdict(list)
    for record in ctx.entities.values():
        grouped[record.kind].append(record)
    return grouped


def _plan_of(ctx: Context) -> Mapping[str, PlanInfo]:
    owners: dict[str, PlanInfo] = {}
    for info in ctx.all_plans:
        plan = info.plan
        for group in (plan.areas, plan.objectives, plan.actions, plan.indicators):
            for item in group:
                owners.setdefault(item.id, info)
    return owners


def _effects_by_target(ctx: Context) -> Mapping[str, Sequence[EffectRecord]]:
    found: dict[str, list[EffectRecord]] = defaultdict(list)
    for i, act in enumerate(ctx.doc.acts):
        for j, effect in enumerate(act.effects):
            found[effect.target].append(EffectRecord(act, ("acts", i), j, effect))
    return found


def _relations_by_kind(ctx: Context) -> dict[str, Mapping[str, Sequence[tuple[Loc, Relation]]]]:
    return {}  # filled by Context.relations_to


def _relations_of_kind(
    relations: Sequence[Relation], kind: str
) -> Mapping[str, Sequence[tuple[Loc, Relation]]]:
    found: dict[str, list[tuple[Loc, Relation]]] = defaultdict(list)
    for i, relation in enumerate(relations):
        if relation.kind == kind:
            found[relation.target].append((("relations", i), relation))
    return found


def _projects_by_plan(ctx: Context) -> Mapping[str, Project]:
    found: dict[str, Project] = {}
    for project in ctx.doc.projects:
        if project.plan is not None:
            found.setdefault(project.plan, project)
    return found


def _grants_by_project(ctx: Context) -> Mapping[str, Sequence[tuple[Loc, Grant]]]:
    found: dict[str, list[tuple[Loc, Grant]]] = defaultdict(list)
    for i, grant in enumerate(ctx.doc.grants):
        if grant.project is not None:
            found[grant.project].append((("grants", i), grant))
    return found


def _posts_by_holder(ctx: Context) -> Mapping[str, Sequence[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for post in ctx.doc.posts:
        if post.holder is not None:
            found[post.holder].append(post.id)
    return found


def _ancestor_finder(ctx: Context) -> Callable[[str], frozenset[str]]:
    parents: dict[str, tuple[str, ...]] = {
        t.id: tuple(link.territory for link in t.part_of) for t in ctx.doc.territories
    }
    memo: dict[str, frozenset[str]] = {}

    def ancestors(territory: str) -> frozenset[str]:
        # Iterative, with a guard against cycles (reported by UG006, not here).
        if territory in memo:
            return memo[territory]
        seen: set[str] = set()
        stack = list(parents.get(territory, ()))
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            if current in memo:
                seen.update(memo[current])
                continue
            stack.extend(parents.get(current, ()))
        seen.discard(territory)
        memo[territory] = frozenset(seen)
        return memo[territory]

    return ancestors
