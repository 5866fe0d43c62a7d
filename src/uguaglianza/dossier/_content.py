"""What a dossier shows, gathered from a document into plain rows of text for the templates.

For a plan document every registry belongs to the dossier; for a landscape only what the
plan refers to, or what refers to the plan or its areas, objectives, actions and indicators.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from uguaglianza.dossier._labels import Labeller, strings
from uguaglianza.dossier._words import Lang, word
from uguaglianza.model import (
    Act,
    GovernanceBody,
    Grant,
    Landscape,
    Obligation,
    Opinion,
    Plan,
    PlanDocument,
    Transfer,
)
from uguaglianza.model._base import Entity
from uguaglianza.model._resolve import format_loc
from uguaglianza.rules import Report, Severity

Row = dict[str, Any]

#: Effects by which an act makes a plan the adopted one, in order of preference.
_ADOPTING = ("adopts", "approves")
#: The first step of a path: a registry entry (``bodies[3]``) or the plan (``plan``).
_TOP = re.compile(r"^[a-z_]+(?:\[\d+\])?")


def plan_path(doc: PlanDocument | Landscape, plan: Plan) -> str:
    """Where *plan* sits in *doc*: ``plan``, ``related_plans[0]`` or ``plans[3]``."""
    if isinstance(doc, PlanDocument):
        if plan is doc.plan:
            return "plan"
        return f"related_plans[{next(i for i, p in enumerate(doc.related_plans) if p is plan)}]"
    return f"plans[{next(i for i, p in enumerate(doc.plans) if p is plan)}]"


class Gatherer:
    """Collects the rows of every section of the dossier of one plan."""

    def __init__(
        self, doc: PlanDocument | Landscape, plan: Plan, lang: Lang, as_of: datetime.date
    ) -> None:
        self.doc = doc
        self.plan = plan
        self.lang: Lang = lang
        self.as_of = as_of
        self.say = Labeller(doc, lang)
        self.whole = isinstance(doc, PlanDocument)
        self.own_ids = {plan.id} | {
            item.id
            for part in (plan.areas, plan.objectives, plan.actions, plan.indicators)
            for item in part
        }
        self.cited = strings(plan)
        self._related: dict[str, list[Any]] = {}

    def related(self, registry: str) -> list[Any]:
        """The entities of the registry *registry* (``bodies``...) that belong to the dossier."""
        found = self._related.get(registry)
        if found is None:
            items: tuple[Entity, ...] = getattr(self.doc, registry)
            if self.whole:
                found = list(items)
            else:
                found = [
                    item
                    for item in items
                    if item.id in self.cited or not self.own_ids.isdisjoint(strings(item))
                ]
            self._related[registry] = found
        return found

    def glance(self) -> list[tuple[str, str]]:
        """The plan at a glance: label and value pairs."""
        plan, say = self.plan, self.say
        budget = plan.resources.budget if plan.resources is not None else None
        rows = [
            (word("kind", self.lang), say.code("plan_kinds", plan.kind)),
            (word("owner", self.lang), say.field(plan, "owner", say.ref(plan.owner))),
            (word("scope", self.lang), say.field(plan, "scope", say.refs(plan.scope))),
            (word("period", self.lang), say.field(plan, "period", say.period(plan.period))),
            (
                word("status", self.lang),
                say.field(plan, "status", say.code("plan_statuses", plan.status)),
            ),
            (word("adopted_by", self.lang), self.adopting_act()),
            (word("budget", self.lang), self.budget(plan, budget)),
        ]
        if plan.resources is not None and plan.resources.by_year:
            years = "; ".join(
                f"{item.year}: {say.money(item.amount)}" for item in plan.resources.by_year
            )
            rows.append((word("budget_by_year", self.lang), years))
        return rows

    def budget(self, plan: Plan, budget: Any) -> str:
        """The plan's total budget, or why it is not known."""
        if budget is not None:
            return self.say.money(budget)
        if plan.resources is not None:
            return self.say.field(plan.resources, "budget", "")
        return self.say.field(plan, "resources", "")

    def adopting_act(self) -> str:
        """The act that adopted the plan: its name, number and date, or a dash."""
        found: list[tuple[int, Act]] = []
        for act in self.doc.acts:
            for effect in act.effects:
                if (
                    effect.target == self.plan.id
                    and effect.effect in _ADOPTING
                    and not effect.planned
                ):
                    found.append((_ADOPTING.index(effect.effect), act))
        if not found:
            return word("unknown", self.lang)
        act = min(found, key=lambda pair: pair[0])[1]
        details = [part for part in (act.number, self.say.date(act.date)) if part]
        name = self.say.name(act)
        return f"{name} ({', '.join(details)})" if details else name

    def areas(self) -> list[Row]:
        """Each area with the actions serving it, then the actions without an area."""
        rows = []
        for area in self.plan.areas:
            actions = [a for a in self.plan.actions if area.id in a.areas]
            rows.append(self._area_row(area.id, self.say.name(area), actions))
        loose = [a for a in self.plan.actions if not a.areas]
        if loose:
            rows.append(self._area_row("", word("no_area", self.lang), loose))
        return rows

    def _area_row(self, area_id: str, name: str, actions: Sequence[Any]) -> Row:
        listed = [f"{a.id} {self.say.name(a)}" for a in actions]
        return {"id": area_id, "name": name, "count": len(actions), "actions": listed}

    def actions(self) -> list[Row]:
        """One row per action: lead, partners, period, budget, status."""
        say = self.say
        return [
            {
                "id": action.id,
                "name": say.name(action),
                "lead": say.field(action, "lead", say.ref(action.lead)),
                "partners": say.field(action, "partners", say.refs(action.partners)),
                "period": say.field(action, "period", say.period(action.period)),
                "budget": say.field(action, "budget", say.money(action.budget)),
                "status": say.field(action, "status", say.code("action_statuses", action.status)),
            }
            for action in self.plan.actions
        ]

    def bodies(self) -> list[GovernanceBody]:
        """The governance bodies in the dossier."""
        return self.related("bodies")

    def governance(self) -> list[Row]:
        """Each body with its chair, convener, members, cadence and meetings."""
        say = self.say
        rows = []
        for body in self.bodies():
            members = [
                {
                    "name": say.ref(seat.member)
                    if seat.member is not None
                    else word("seats", self.lang, seats=seat.seats, category=seat.category),
                    "role": say.code("membership_roles", seat.role),
                    "period": say.period(seat.period),
                }
                for seat in body.members
            ]
            meetings = [
                {
                    "date": say.date(m.date) or (m.date_as_written or word("unknown", self.lang)),
                    "state": word("planned" if m.planned else "held", self.lang),
                    "place": m.place or "",
                    "agenda": [item.title for item in m.agenda],
                }
                for m in body.meetings
            ]
            cadence = ""
            if body.cadence is not None:
                cadence = body.cadence.description or str(body.cadence.rule or "")
            rows.append(
                {
                    "id": body.id,
                    "name": say.name(body),
                    "kind": say.code("body_kinds", body.kind),
                    "chair": say.field(body, "chair", say.ref(body.chair)),
                    "convener": say.field(body, "convener", say.ref(body.convener)),
                    "period": say.field(body, "period", say.period(body.period)),
                    "cadence": cadence,
                    "members": members,
                    "members_note": say.field(body, "members", ""),
                    "meetings": meetings,
                }
            )
        return rows

    def ties(self) -> Counter[tuple[str, str, str]]:
        """Who works with whom: (from, to, kind of tie) counted over the plan and its bodies."""
        ties: Counter[tuple[str, str, str]] = Counter()
        owner = self.plan.owner
        for action in self.plan.actions:
            if action.lead is None:
                continue
            if owner is not None and owner != action.lead:
                ties[(owner, action.lead, "tie_owner")] += 1
            for partner in action.partners:
                if partner != action.lead:
                    ties[(partner, action.lead, "tie_partner")] += 1
        for body in self.bodies():
            for seat in body.members:
                if seat.member is not None and seat.member != body.id:
                    ties[(seat.member, body.id, "tie_member")] += 1
            if body.chair is not None:
                ties[(body.chair, body.id, "tie_chair")] += 1
            if body.convener is not None:
                ties[(body.convener, body.id, "tie_convener")] += 1
        return ties

    def timeline(self) -> list[Row]:
        """The bars of the Gantt chart: the plan, its actions, its dated milestones."""
        rows: list[Row] = []
        if self.plan.period is not None:
            rows.append(self._bar(self.say.name(self.plan), self.plan.period, "plan"))
        for action in self.plan.actions:
            if action.period is not None and (action.period.start or action.period.end):
                rows.append(
                    self._bar(f"{action.id} {self.say.name(action)}", action.period, "action")
                )
        for milestone in self.plan.milestones:
            if milestone.date is not None:
                label = self.say.code("plan_milestone_kinds", milestone.kind)
                state = word("planned", self.lang) if milestone.planned else ""
                rows.append(
                    {
                        "label": f"{label} ({state})" if state else label,
                        "kind": "milestone",
                        "start": milestone.date.earliest(),
                        "end": milestone.date.latest(),
                        "open_start": False,
                        "open_end": False,
                        "text": self.say.date(milestone.date),
                    }
                )
        return rows

    def _bar(self, label: str, period: Any, kind: str) -> Row:
        return {
            "label": label,
            "kind": kind,
            "start": period.earliest(),
            "end": period.latest(),
            "open_start": period.start is None,
            "open_end": period.end is None,
            "text": self.say.period(period),
        }

    def grants(self) -> list[Row]:
        """The grants in the dossier, with their co-financing."""
        say = self.say
        items: list[Grant] = self.related("grants")
        return [
            {
                "id": g.id,
                "name": say.name(g),
                "fund": say.field(g, "fund", say.ref(g.fund)),
                "recipient": say.field(g, "recipient", say.ref(g.recipient)),
                "amount": say.field(g, "amount", say.money(g.amount)),
                "status": say.field(g, "status", say.code("grant_statuses", g.status)),
                "co_financing": "; ".join(
                    " ".join(
                        part
                        for part in (
                            say.ref(share.funder),
                            say.money(share.amount),
                            f"{say.number(share.share)} %" if share.share is not None else "",
                        )
                        if part
                    )
                    for share in g.co_financing
                ),
            }
            for g in items
        ]

    def transfers(self) -> list[Row]:
        """The transfers of money in the dossier."""
        say = self.say
        items: list[Transfer] = self.related("transfers")
        return [
            {
                "id": t.id,
                "payer": say.ref(t.payer),
                "payee": say.ref(t.payee),
                "via": say.refs(t.via),
                "amount": say.field(t, "amount", say.money(t.amount)),
                "period": say.period(t.period) or say.date(t.date),
                "purpose": say.ref(t.purpose),
            }
            for t in items
        ]

    def opinions(self) -> list[Row]:
        """The opinions given on the plan or its acts."""
        say = self.say
        items: list[Opinion] = self.related("opinions")
        return [
            {
                "id": o.id,
                "name": say.name(o),
                "by": say.field(o, "by", say.ref(o.by)),
                "on": say.ref(o.on),
                "date": say.field(o, "date", say.date(o.date) or (o.date_as_written or "")),
                "outcome": say.field(
                    o,
                    "outcome",
                    say.code("opinion_outcomes", o.outcome)
                    or (word("planned", self.lang) if o.planned else ""),
                ),
            }
            for o in items
        ]

    def obligations(self) -> list[Row]:
        """The obligations with their deadlines and where they stand at the reference date."""
        from uguaglianza.io.ical import _deadline

        say = self.say
        items: list[Obligation] = self.related("obligations")
        rows = []
        for o in items:
            due = _deadline(o, self.doc)
            if o.fulfilled_by:
                state = word("fulfilled", self.lang)
            elif not isinstance(due, str) and due.latest() < self.as_of:
                state = word("overdue", self.lang)
            else:
                state = word("open", self.lang)
            rows.append(
                {
                    "id": o.id,
                    "name": say.name(o),
                    "kind": say.code("obligation_kinds", o.kind),
                    "bearer": say.field(o, "bearer", say.ref(o.bearer)),
                    "deadline": word("unknown", self.lang) if isinstance(due, str) else str(due),
                    "every": say.code("frequencies", o.every),
                    "state": state,
                    "overdue": state == word("overdue", self.lang),
                }
            )
        return rows

    def indicators(self) -> list[Row]:
        """The plan's indicators with baseline, target and every measurement."""
        say = self.say
        rows = []
        for ind in self.plan.indicators:
            rows.append(
                {
                    "id": ind.id,
                    "name": say.name(ind),
                    "unit": ind.unit or "",
                    "baseline": self._observation(ind.baseline),
                    "target": self._observation(ind.target),
                    "measurements": [
                        {
                            "date": say.date(m.date),
                            "value": say.number(m.value),
                            "split": ", ".join(
                                f"{word(sex, self.lang)} {say.number(getattr(m, sex))}"
                                for sex in ("female", "male", "other")
                                if getattr(m, sex) is not None
                            ),
                            "text": m.text or "",
                        }
                        for m in ind.measurements
                    ],
                }
            )
        return rows

    def _observation(self, value: Any) -> str:
        if value is None:
            return ""
        when = f" ({value.date})" if value.date is not None else ""
        return f"{self.say.number(value.value)}{when}"

    def findings(self, report: Report) -> list[Row]:
        """The findings about what the dossier shows, grouped by severity, errors first."""
        prefixes: frozenset[str] = frozenset()
        if not self.whole:
            paths = [plan_path(self.doc, self.plan)]
            for registry in (self.bodies(), *self._registries()):
                for item in registry:
                    record = self.doc.index.get(item.id)
                    if record is not None:
                        paths.append(format_loc(record.loc))
            prefixes = frozenset(paths)
        groups = []
        for severity in sorted(Severity, key=lambda s: s.rank):
            found = [
                f
                for f in report.findings
                if f.severity == severity and (not prefixes or _top(f.path) in prefixes)
            ]
            groups.append(
                {
                    "severity": severity.value,
                    "label": severity.label(self.lang),
                    "findings": [
                        {
                            "code": f.code,
                            "path": f.path or "<document>",
                            "location": _line(f.line, f.column, self.lang),
                            "message": f.message.get(self.lang),
                            "hint": f.hint.get(self.lang),
                            "value": f.value or "",
                            "known": f.known,
                        }
                        for f in found
                    ],
                }
            )
        return groups

    def _registries(self) -> tuple[list[Any], ...]:
        return (
            self.related("acts"),
            self.related("grants"),
            self.related("transfers"),
            self.related("opinions"),
            self.related("obligations"),
        )


def _line(line: int | None, column: int | None, lang: Lang) -> str:
    """``line 12, column 5`` in the dossier's language, or empty when not known."""
    if line is None:
        return ""
    text = word("line", lang, line=line)
    return text if column is None else f"{text}, {word('column', lang, column=column)}"


def _top(path: str) -> str:
    """The registry entry a path lies in: ``bodies[3]`` for ``bodies[3].members[0].role``."""
    found = _TOP.match(path)
    return "" if found is None else found.group()
