"""Node attributes: the entity's kind, name, label, validity and a few plain fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from uguaglianza.dates import PartialDate, Period

__all__ = ["node_attributes", "period_span"]


def period_span(period: Period, attrs: dict[str, Any]) -> None:
    """Set ``start`` and ``end`` in *attrs* to the first and last day of *period*."""
    if period.start is not None:
        attrs["start"] = period.start.earliest().isoformat()
    if period.end is not None:
        attrs["end"] = period.end.latest().isoformat()


def _day(value: PartialDate | None) -> str | None:
    return None if value is None else value.earliest().isoformat()


# For each node kind, the entity fields copied as node attributes, under which names.
_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "territory": (("kind", "territory_kind"), ("istat_code", "istat_code")),
    "organisation": (("kind", "organisation_kind"), ("acronym", "acronym")),
    "person": (),
    "post": (("kind", "post_kind"), ("portfolio", "portfolio")),
    "body": (("kind", "body_kind"), ("level", "level"), ("acronym", "acronym")),
    "plan": (("kind", "plan_kind"), ("status", "status"), ("short_name", "short_name")),
    "area": (("reference", "reference"),),
    "action": (("kind", "action_kind"), ("status", "status")),
    "act": (("kind", "act_kind"), ("number", "number")),
    "fund": (("kind", "fund_kind"), ("acronym", "acronym")),
    "call": (("kind", "call_kind"),),
    "grant": (("status", "status"),),
    "project": (("acronym", "acronym"),),
    "service": (("kind", "service_kind"),),
}

# Fields giving a short label, by node kind (asking a model for a field it lacks is slow).
_SHORT_NAMES = {
    "organisation": ("acronym",),
    "body": ("acronym",),
    "plan": ("short_name",),
    "fund": ("acronym",),
    "project": ("acronym",),
}

# Where a node's validity comes from, when not from its ``period``: an act exists from
# its date, a call from its publication. A call's ``period`` is its application window and
# a post's is its holder's term, so neither bounds the node itself.
_VALIDITY: dict[str, Callable[[Any], PartialDate | None]] = {
    "act": lambda act: act.date,
    "call": lambda call: call.date,
}
_PERIODIC = frozenset(
    {"territory", "organisation", "body", "plan", "action", "fund", "grant", "project", "service"}
)


def _spell(spell: Any) -> str:
    """``status@start/end`` for a status spell, either day left empty when open."""
    span: dict[str, Any] = {}
    if spell.period is not None:
        period_span(spell.period, span)
    return f"{spell.status}@{span.get('start', '')}/{span.get('end', '')}"


def node_attributes(kind: str, entity: Any, plan: str | None = None) -> dict[str, Any]:
    """The attributes of the node for *entity* of *kind*; *plan* for areas and actions."""
    name: str = entity.name
    attrs: dict[str, Any] = {"kind": kind, "name": name}
    short = None
    for field in _SHORT_NAMES.get(kind, ()):
        short = short or getattr(entity, field)
    attrs["label"] = short or name
    for language, text in sorted(entity.translations.items()):
        attrs[f"name_{language}"] = text
    for field, attr in _FIELDS[kind]:
        value = getattr(entity, field)
        if value is not None:
            attrs[attr] = value
    if plan is not None:
        attrs["plan"] = plan
    if kind in _PERIODIC:
        period: Period | None = entity.period
        if period is not None:
            period_span(period, attrs)
    elif kind in _VALIDITY:
        start = _day(_VALIDITY[kind](entity))
        if start is not None:
            attrs["start"] = start
    if kind == "action":
        attrs["conditional"] = bool(entity.conditions)
        attrs["intersectional"] = bool(entity.intersectional)
    elif kind == "service":
        if entity.offers:
            attrs["service_offers"] = ",".join(entity.offers)
        if entity.statuses:
            attrs["statuses"] = ";".join(_spell(spell) for spell in entity.statuses)
    elif kind == "grant" and entity.amount is not None:
        attrs["amount"] = str(entity.amount.amount)
        attrs["currency"] = entity.amount.currency
    source = entity.source
    if source is not None and source.document is not None:
        attrs["source_document"] = source.document
    return attrs
