"""Calendars: meetings, cadences, plan milestones and deadlines as RFC 5545 events.

:func:`calendar_events` reads the dated things of a document into :class:`CalendarEvent`
values and says what it had to leave out; :func:`ical_bytes` writes them as an iCalendar
file with the ``icalendar`` library (the ``calendar`` extra), imported on first use.

The output is deterministic: the same document gives the same bytes. Each event's UID is
a UUID derived from the document id and the entity's ids, and DTSTAMP is the day of the
newest dated source at midnight UTC (:data:`FALLBACK_STAMP` when no source has a date).
Every event is an all-day event. A date known to the day is that day; a date known only
to the month or the year spans the whole month or year, is marked free time
(``TRANSP:TRANSPARENT``) and says so in its description and in ``X-UGUAGLIANZA-PRECISION``:
a year-only date never becomes 1 January. Dates without a year are left out and reported.
"""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

import attrs
from pydantic import BaseModel

from uguaglianza.codelists import load_codelist
from uguaglianza.dates import DateValueError, PartialDate, Precision, Recurrence
from uguaglianza.errors import MissingExtraError
from uguaglianza.model import (
    GovernanceBody,
    Landscape,
    Meeting,
    Milestone,
    Obligation,
    Plan,
    PlanDocument,
)

__all__ = [
    "FALLBACK_STAMP",
    "UID_NAMESPACE",
    "CalendarEvent",
    "CalendarEvents",
    "LeftOut",
    "calendar_events",
    "ical_bytes",
]

Lang = Literal["it", "en"]
EventKind = Literal["meeting", "cadence", "milestone", "deadline"]

#: DTSTAMP of every event when no source of the document has a date.
FALLBACK_STAMP = datetime(2000, 1, 1, tzinfo=UTC)
#: The namespace of the events' UIDs (UUID version 5 of the document and entity ids).
UID_NAMESPACE = uuid.UUID("6c0b5f0e-6a55-5a3e-9d0c-75677561676c")
#: The rule of each recurring frequency code; the others (once, continuous...) do not repeat.
_EVERY = {
    "weekly": "FREQ=WEEKLY",
    "monthly": "FREQ=MONTHLY",
    "quarterly": "FREQ=MONTHLY;INTERVAL=3",
    "semiannual": "FREQ=MONTHLY;INTERVAL=6",
    "annual": "FREQ=YEARLY",
    "biennial": "FREQ=YEARLY;INTERVAL=2",
    "triennial": "FREQ=YEARLY;INTERVAL=3",
}
#: How far after its anchor a cadence's first day is looked for (about 30 years).
_FIRST_DAY_SPAN = timedelta(days=30 * 366)

_WORDS: dict[str, dict[Lang, str]] = {
    "planned": {
        "it": "Prevista quando la fonte è stata scritta.",
        "en": "Planned when the source was written.",
    },
    "held": {"it": "Tenuta.", "en": "Held."},
    "done": {"it": "Avvenuta.", "en": "Done."},
    "month": {
        "it": "Data nota solo al mese: {date}.",
        "en": "Date known only to the month: {date}.",
    },
    "year": {
        "it": "Data nota solo all'anno: {date}.",
        "en": "Date known only to the year: {date}.",
    },
    "as_written": {"it": "Data nella fonte: «{text}».", "en": "Date in the source: “{text}”."},
    "agenda": {"it": "Ordine del giorno:", "en": "Agenda:"},
    "cadence": {
        "it": "Riunioni regolari secondo la cadenza dell'organismo ({rule}), "
        "non riunioni riportate dalla fonte.",
        "en": "Regular meetings by the body's cadence ({rule}), not meetings the source reports.",
    },
    "act": {"it": "Atto: {act}.", "en": "Act: {act}."},
    "deadline": {"it": "Scadenza", "en": "Deadline"},
    "bearer": {"it": "A carico di: {name}.", "en": "Borne by: {name}."},
    "fulfilled": {"it": "Adempiuto da: {ids}.", "en": "Fulfilled by: {ids}."},
    "open": {"it": "Non risulta adempiuto.", "en": "Not recorded as fulfilled."},
    "counted": {
        "it": "Termine: {within} da {start}.",
        "en": "Time limit: {within} from {start}.",
    },
}


@attrs.frozen
class CalendarEvent:
    """One all-day event: its days (``end`` excluded), what it is and where it comes from."""

    uid: str
    kind: EventKind
    path: str
    """Where the entity sits in the document, such as ``bodies[0].meetings[1]``."""
    summary: str
    start: date
    end: date
    """The day after the last day (RFC 5545 ``DTEND`` of an all-day event)."""
    precision: Precision
    planned: bool = False
    rule: Recurrence | None = None
    """For a cadence: the rule, with ``UNTIL`` from the body's end when it has none."""
    description: str = ""
    location: str | None = None


@attrs.frozen
class LeftOut:
    """Something dated that the calendar cannot hold, and why."""

    path: str
    what: str
    reason: str

    def format(self) -> str:
        """One line: where, what, why."""
        return f"{self.path} ({self.what}): {self.reason}"


@attrs.frozen
class CalendarEvents:
    """The events of a document, what was left out, and the DTSTAMP of every event."""

    name: str
    stamp: datetime
    events: tuple[CalendarEvent, ...]
    left_out: tuple[LeftOut, ...]


def _say(key: str, lang: Lang, **values: str) -> str:
    return _WORDS[key][lang].format(**values)


def _name(entity: Any, lang: Lang) -> str:
    """The entity's name in *lang*, as written when it has no translation."""
    return str(entity.label(lang))


def _uid(*parts: str) -> str:
    return str(uuid.uuid5(UID_NAMESPACE, "\x1f".join(parts)))


def _span(when: PartialDate) -> tuple[date, date]:
    """First day and the day after the last day of *when*."""
    return when.earliest(), when.latest() + timedelta(days=1)


def _precision_note(when: PartialDate, lang: Lang) -> list[str]:
    return [] if when.precision == "day" else [_say(when.precision, lang, date=str(when))]


def _walk(
    value: Any, path: str, owners: tuple[Any, ...]
) -> Iterator[tuple[str, Any, tuple[Any, ...]]]:
    """Every model under *value* with its path and the plans and bodies that hold it."""
    if isinstance(value, BaseModel):
        yield path, value, owners
        if isinstance(value, Plan | GovernanceBody):
            owners = (*owners, value)
        for field in type(value).model_fields:
            child = getattr(value, field)
            if isinstance(child, BaseModel | tuple):
                yield from _walk(child, f"{path}.{field}" if path else field, owners)
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            if isinstance(item, BaseModel):
                yield from _walk(item, f"{path}[{index}]", owners)


def _owner(owners: tuple[Any, ...], kind: type) -> Any:
    return next((owner for owner in reversed(owners) if isinstance(owner, kind)), None)


class _Collector:
    """Turns the dated entities of one document into events, in document order."""

    def __init__(self, doc: PlanDocument | Landscape, lang: Lang) -> None:
        self.doc = doc
        self.lang = lang
        self.events: list[CalendarEvent] = []
        self.left_out: list[LeftOut] = []
        self.seen: dict[str, int] = {}

    def meeting(self, path: str, meeting: Meeting, body: GovernanceBody | None) -> None:
        what = f"meeting {meeting.id}"
        if meeting.date is None:
            words = f'; the source writes "{meeting.date_as_written}"'
            reason = "it has no date with a year" + (words if meeting.date_as_written else "")
            self.left_out.append(LeftOut(path, what, reason))
            return
        start, end = _span(meeting.date)
        lines = [_say("planned" if meeting.planned else "held", self.lang)]
        lines += _precision_note(meeting.date, self.lang)
        if meeting.date_as_written:
            lines.append(_say("as_written", self.lang, text=meeting.date_as_written))
        if meeting.agenda:
            lines.append(_say("agenda", self.lang))
            lines += [f"- {item.title}" for item in meeting.agenda]
        summary = _name(body, self.lang) if body is not None else meeting.id
        self.events.append(
            CalendarEvent(
                uid=_uid(self.doc.id, "meeting", meeting.id),
                kind="meeting",
                path=path,
                summary=summary,
                start=start,
                end=end,
                precision=meeting.date.precision,
                planned=meeting.planned,
                description="\n".join(lines),
                location=meeting.place,
            )
        )

    def cadence(self, path: str, body: GovernanceBody) -> None:
        cadence = body.cadence
        if cadence is None:
            return
        what = f"cadence of body {body.id}"
        if cadence.rule is None:
            reason = f'it has no RFC 5545 rule, only the words "{cadence.description}"'
            self.left_out.append(LeftOut(path, what, reason))
            return
        anchor = _anchor(body)
        if anchor is None:
            reason = (
                "no day to start it from: give the body a period starting on a day, "
                "or a meeting with a full date"
            )
            self.left_out.append(LeftOut(path, what, reason))
            return
        last = body.period.latest() if body.period is not None else None
        rule = cadence.rule
        names = {name for name, _ in rule.parts}
        if last is not None and not names & {"UNTIL", "COUNT"}:
            rule = Recurrence(f"{rule.text};UNTIL={last:%Y%m%d}")
        horizon = date.max if date.max - anchor < _FIRST_DAY_SPAN else anchor + _FIRST_DAY_SPAN
        first = rule.occurrences(anchor, horizon if last is None else min(last, horizon), limit=1)
        if not first:
            reason = f"the rule {rule} falls on no day from {anchor} to the body's end"
            self.left_out.append(LeftOut(path, what, reason))
            return
        lines = [_say("cadence", self.lang, rule=str(cadence.rule))]
        if cadence.description:
            lines.append(cadence.description)
        self.events.append(
            CalendarEvent(
                uid=_uid(self.doc.id, "cadence", body.id),
                kind="cadence",
                path=f"{path}.cadence",
                summary=_name(body, self.lang),
                start=first[0],
                end=first[0] + timedelta(days=1),
                precision="day",
                rule=rule,
                description="\n".join(lines),
            )
        )

    def milestone(self, path: str, milestone: Milestone, plan: Plan | None) -> None:
        label = _label("plan_milestone_kinds", milestone.kind, self.lang)
        plan_name = "" if plan is None else (plan.short_name or _name(plan, self.lang))
        what = f"milestone {milestone.kind}" + (f" of plan {plan.id}" if plan else "")
        if milestone.date is None:
            reason = "it has no date" + (
                f'; the source writes "{milestone.date_as_written}"'
                if milestone.date_as_written
                else ""
            )
            self.left_out.append(LeftOut(path, what, reason))
            return
        key = "\x1f".join((plan.id if plan else "", milestone.kind, str(milestone.date)))
        self.seen[key] = self.seen.get(key, 0) + 1
        start, end = _span(milestone.date)
        lines = [_say("planned" if milestone.planned else "done", self.lang)]
        lines += _precision_note(milestone.date, self.lang)
        if milestone.description:
            lines.append(milestone.description)
        if milestone.act:
            lines.append(_say("act", self.lang, act=milestone.act))
        body = self.doc.index.get(milestone.body) if milestone.body else None
        self.events.append(
            CalendarEvent(
                uid=_uid(self.doc.id, "milestone", key, str(self.seen[key])),
                kind="milestone",
                path=path,
                summary=f"{plan_name}: {label}" if plan_name else label,
                start=start,
                end=end,
                precision=milestone.date.precision,
                planned=milestone.planned,
                description="\n".join(lines),
                location=milestone.place
                or (None if body is None else _name(body.entity, self.lang)),
            )
        )

    def obligation(self, path: str, obligation: Obligation) -> None:
        what = f"obligation {obligation.id}"
        due = _deadline(obligation, self.doc)
        if isinstance(due, str):
            self.left_out.append(LeftOut(path, what, due))
            return
        start, end = _span(due)
        lines = [_label("obligation_kinds", obligation.kind, self.lang) + "."]
        lines += _precision_note(due, self.lang)
        if obligation.due is None and obligation.within is not None:
            counted = _deadline_start(obligation, self.doc)
            lines.append(
                _say("counted", self.lang, within=str(obligation.within), start=str(counted))
            )
        bearer = self.doc.index.get(obligation.bearer) if obligation.bearer else None
        if bearer is not None:
            lines.append(_say("bearer", self.lang, name=_name(bearer.entity, self.lang)))
        if obligation.fulfilled_by:
            lines.append(_say("fulfilled", self.lang, ids=", ".join(obligation.fulfilled_by)))
        else:
            lines.append(_say("open", self.lang))
        rule = None
        if obligation.every in _EVERY:
            text = _EVERY[obligation.every]
            last = obligation.period.latest() if obligation.period is not None else None
            rule = Recurrence(text if last is None else f"{text};UNTIL={last:%Y%m%d}")
        self.events.append(
            CalendarEvent(
                uid=_uid(self.doc.id, "obligation", obligation.id),
                kind="deadline",
                path=path,
                summary=f"{_say('deadline', self.lang)}: {_name(obligation, self.lang)}",
                start=start,
                end=end,
                precision=due.precision,
                rule=rule,
                description="\n".join(lines),
            )
        )


def _deadline_start(obligation: Obligation, doc: PlanDocument | Landscape) -> PartialDate | None:
    """Where an obligation's time limit counts from: its start, else its first act's date."""
    if obligation.start is not None or not obligation.arises_from:
        return obligation.start
    record = doc.index.get(obligation.arises_from[0])
    return None if record is None else getattr(record.entity, "date", None)


def _deadline(obligation: Obligation, doc: PlanDocument | Landscape) -> PartialDate | str:
    """An obligation's deadline, as precise as its dates allow, or why it has none."""
    if obligation.due is not None:
        return obligation.due
    within = obligation.within
    if within is None:
        return "it has neither a due date nor a time limit (`due` or `within`)"
    start = _deadline_start(obligation, doc)
    if start is None:
        return (
            f"its time limit {within} counts from no known date: "
            "give `start`, or a dated act first in `arises_from`"
        )
    try:
        day = within.add_to(start.earliest())
    except DateValueError as error:
        return str(error)
    if start.precision == "day":
        return PartialDate.from_date(day)
    if not (within.weeks or within.days) and (start.precision == "month" or not within.months):
        return PartialDate(day.year, None if start.precision == "year" else day.month)
    return (
        f"its time limit {within} counts from {start}, known only to the {start.precision}, "
        "so it falls in no single month or year"
    )


def _anchor(body: GovernanceBody) -> date | None:
    """The day a body's cadence starts from: its start, else its first meeting's day."""
    start = None if body.period is None else body.period.start
    if start is not None and start.precision == "day":
        return start.earliest()
    days = [m.date.earliest() for m in body.meetings if m.date and m.date.precision == "day"]
    return min(days, default=None)


def _label(codelist: str, code: str, lang: Lang) -> str:
    entry = load_codelist(codelist).get(code)
    if entry is None:
        return code
    return entry.label_en if lang == "en" else entry.label_it


def _stamp(doc: PlanDocument | Landscape) -> datetime:
    dated = [source.date for source in doc.sources if source.date is not None]
    if not dated:
        return FALLBACK_STAMP
    day = max(dated).earliest()
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def calendar_events(doc: PlanDocument | Landscape, *, lang: Lang = "it") -> CalendarEvents:
    """The meetings, cadences, plan milestones and deadlines of *doc* as events, in order.

    Summaries and descriptions are in *lang*; names fall back to Italian.
    """
    collector = _Collector(doc, lang)
    for path, value, owners in _walk(doc, "", ()):
        if isinstance(value, Meeting):
            collector.meeting(path, value, _owner(owners, GovernanceBody))
        elif isinstance(value, GovernanceBody):
            collector.cadence(path, value)
        elif isinstance(value, Milestone):
            collector.milestone(path, value, _owner(owners, Plan))
        elif isinstance(value, Obligation):
            collector.obligation(path, value)
    return CalendarEvents(
        name=doc.name or doc.id,
        stamp=_stamp(doc),
        events=tuple(collector.events),
        left_out=tuple(collector.left_out),
    )


def _icalendar() -> Any:
    """The ``icalendar`` module, imported on first use."""
    try:
        return importlib.import_module("icalendar")
    except ImportError:
        raise MissingExtraError(
            "writing a calendar needs the icalendar package, which is not installed; "
            "install the 'calendar' extra: pip install 'uguaglianza[calendar]'"
        ) from None


def ical_bytes(events: CalendarEvents) -> bytes:
    """*events* as an RFC 5545 iCalendar file (UTF-8, CRLF line ends).

    Raises:
        MissingExtraError: the ``calendar`` extra (icalendar) is not installed.
    """
    ical = _icalendar()
    calendar = ical.Calendar()
    calendar.add("prodid", "-//uguaglianza//calendar//IT")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", events.name)
    for item in events.events:
        event = ical.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", events.stamp)
        event.add("dtstart", item.start)
        event.add("dtend", item.end)
        if item.rule is not None:
            event.add("rrule", ical.vRecur.from_ical(item.rule.text))
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        if item.location:
            event.add("location", item.location)
        event.add("status", "TENTATIVE" if item.planned else "CONFIRMED")
        event.add("transp", "OPAQUE" if item.precision == "day" else "TRANSPARENT")
        event.add("categories", [item.kind])
        event.add("x-uguaglianza-precision", item.precision)
        event.add("x-uguaglianza-path", item.path)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
