"""Which items of each framework a plan covers, through which actions, and which none covers.

For every plan, the frameworks it follows (``follows``, in the version named) or maps to
(an item in ``frameworks``, an area's ``reference``, or the framework's own code) are
reported in the version the plan follows, or the latest one when it does not say.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

import attrs

from uguaglianza.codelists import Codelist
from uguaglianza.codelists.frameworks import Framework, FrameworkVersion, load_frameworks
from uguaglianza.model import Landscape, Plan, PlanDocument
from uguaglianza.model._resolve import declared_codelist

__all__ = [
    "FrameworkCoverage",
    "FrameworksReport",
    "ItemCoverage",
    "PlanFrameworks",
    "frameworks",
]

Lang = Literal["it", "en"]


@attrs.frozen(slots=True)
class ItemCoverage:
    """One item of a framework version and what in the plan maps to it.

    Attributes:
        code: the item's code (``cemr_art_22``, ``he_gep_training``, ``sdg_5_2``).
        part: the kind of item (``article``, ``requirement``, ``recommended_area``...).
        label_it: the item's Italian label.
        label_en: the item's English label.
        actions: the ids of the actions mapped to it, directly or through their areas.
        by_plan: the plan itself maps to it (its ``frameworks`` or one of its areas).
    """

    code: str
    part: str
    label_it: str
    label_en: str
    actions: tuple[str, ...] = ()
    by_plan: bool = False

    @property
    def covered(self) -> bool:
        """Whether an action or the plan itself maps to the item."""
        return bool(self.actions) or self.by_plan

    def label(self, lang: Lang = "en") -> str:
        """The item's label in *lang*."""
        return self.label_it if lang == "it" else self.label_en

    def to_dict(self) -> dict[str, Any]:
        """The item as a JSON-compatible mapping."""
        return {
            "code": self.code,
            "part": self.part,
            "label": {"it": self.label_it, "en": self.label_en},
            "covered": self.covered,
            "actions": list(self.actions),
            "by_plan": self.by_plan,
        }


@attrs.frozen(slots=True)
class FrameworkCoverage:
    """The items of one framework version, covered or not, for one plan.

    ``version_stated`` is false when the plan does not say which version it follows and
    the latest one was assumed.
    """

    framework: str
    label_it: str
    label_en: str
    version: str
    version_stated: bool
    items: tuple[ItemCoverage, ...]

    @property
    def covered(self) -> tuple[ItemCoverage, ...]:
        """The items something in the plan maps to."""
        return tuple(item for item in self.items if item.covered)

    @property
    def uncovered(self) -> tuple[ItemCoverage, ...]:
        """The items nothing in the plan maps to."""
        return tuple(item for item in self.items if not item.covered)

    def label(self, lang: Lang = "en") -> str:
        """The framework's label in *lang*."""
        return self.label_it if lang == "it" else self.label_en

    def to_dict(self) -> dict[str, Any]:
        """The coverage as a JSON-compatible mapping."""
        return {
            "framework": self.framework,
            "label": {"it": self.label_it, "en": self.label_en},
            "version": self.version,
            "version_stated": self.version_stated,
            "covered": len(self.covered),
            "total": len(self.items),
            "items": [item.to_dict() for item in self.items],
        }


@attrs.frozen(slots=True)
class PlanFrameworks:
    """The frameworks of one plan."""

    plan: str
    name: str
    frameworks: tuple[FrameworkCoverage, ...]

    def to_dict(self) -> dict[str, Any]:
        """The plan's frameworks as a JSON-compatible mapping."""
        return {
            "plan": self.plan,
            "name": self.name,
            "frameworks": [coverage.to_dict() for coverage in self.frameworks],
        }


@attrs.frozen(slots=True, repr=False)
class FrameworksReport:
    """Framework coverage for every plan of a document, in document order."""

    plans: tuple[PlanFrameworks, ...]

    def __repr__(self) -> str:
        parts = [
            f"{plan.plan}: {coverage.framework} {coverage.version} "
            f"{len(coverage.covered)}/{len(coverage.items)}"
            for plan in self.plans
            for coverage in plan.frameworks
        ]
        return f"FrameworksReport({'; '.join(parts) or 'no frameworks'})"

    def __iter__(self) -> Any:
        return iter(self.plans)

    def __len__(self) -> int:
        return len(self.plans)

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-compatible mapping."""
        return {"plans": [plan.to_dict() for plan in self.plans]}


class _Lists:
    """The document's ``frameworks`` and ``reference_areas`` codelists, declared codes included."""

    def __init__(self, doc: PlanDocument | Landscape) -> None:
        self.lists: dict[str, Codelist] = {}
        for name in ("frameworks", "reference_areas"):
            try:
                self.lists[name] = declared_codelist(name, doc.codelists.get(name, ()))
            except ValueError:  # a broken declaration is reported by the rules
                self.lists[name] = declared_codelist(name, ())

    def lineage(self, codelist: str, code: str) -> tuple[str, ...]:
        return self.lists[codelist].lineage(code) or (code,)


def _mappings(plan: Plan, lists: _Lists) -> list[tuple[str | None, tuple[str, ...]]]:
    """Every mapping of *plan*: (the action's id or None for the plan, the code's lineage)."""
    found: list[tuple[str | None, tuple[str, ...]]] = []
    found += [(None, lists.lineage("frameworks", code)) for code in plan.frameworks]
    areas = {}
    for area in plan.areas:
        if area.reference is not None:
            areas[area.id] = lists.lineage("reference_areas", area.reference)
            found.append((None, areas[area.id]))
    for action in plan.actions:
        found += [(action.id, lists.lineage("frameworks", code)) for code in action.frameworks]
        found += [(action.id, areas[area]) for area in action.areas if area in areas]
    return found


def _versions(
    plan: Plan, mappings: list[tuple[str | None, tuple[str, ...]]]
) -> list[tuple[FrameworkVersion, bool]]:
    """The version of each framework the plan follows or maps to, and whether it says so."""
    shipped = load_frameworks()
    chosen: dict[str, tuple[FrameworkVersion, bool]] = {}
    for entry in plan.follows:
        framework = shipped.get(entry.framework)
        version = None if framework is None else framework.version(entry.version)
        if version is not None and entry.framework not in chosen:
            chosen[entry.framework] = (version, True)
    for _, lineage in mappings:
        for framework in shipped.values():
            if framework.code in chosen:
                continue
            if framework.code in lineage or any(c in framework.item_codes() for c in lineage):
                chosen[framework.code] = (framework.latest, False)
    order = list(shipped)
    return [chosen[code] for code in sorted(chosen, key=order.index)]


def _coverage(
    framework: Framework,
    version: FrameworkVersion,
    stated: bool,
    mappings: list[tuple[str | None, tuple[str, ...]]],
) -> FrameworkCoverage:
    items = []
    for item in version.items:
        actions = dict.fromkeys(a for a, lineage in mappings if a and item.code in lineage)
        by_plan = any(a is None and item.code in lineage for a, lineage in mappings)
        items.append(
            ItemCoverage(
                item.code,
                item.part,
                item.label("it"),
                item.label("en"),
                tuple(actions),
                by_plan,
            )
        )
    return FrameworkCoverage(
        framework.code,
        framework.label("it"),
        framework.label("en"),
        version.version,
        stated,
        tuple(items),
    )


def frameworks(
    doc: PlanDocument | Landscape, plans: Iterable[str] | None = None
) -> FrameworksReport:
    """Which items of each framework every plan of *doc* covers, and through which actions.

    Args:
        doc: a plan document (its plan and related plans) or a landscape.
        plans: only the plans with these ids (default: every plan).
    """
    wanted = None if plans is None else frozenset(plans)
    lists = _Lists(doc)
    shipped = load_frameworks()
    results = []
    for plan in doc.plans_list():
        if wanted is not None and plan.id not in wanted:
            continue
        mappings = _mappings(plan, lists)
        coverages = tuple(
            _coverage(shipped[version.framework], version, stated, mappings)
            for version, stated in _versions(plan, mappings)
        )
        results.append(PlanFrameworks(plan.id, plan.name, coverages))
    return FrameworksReport(tuple(results))
