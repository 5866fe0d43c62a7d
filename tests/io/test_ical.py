"""Calendars: every dated meeting, cadence and milestone becomes an event that reads back."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest

import uguaglianza
from uguaglianza.errors import MissingExtraError
from uguaglianza.io.ical import FALLBACK_STAMP, CalendarEvents, calendar_events, ical_bytes

Factory = Callable[[], dict[str, Any]]
EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))


def read_back(data: bytes) -> list[dict[str, Any]]:
    """The events of an iCalendar file, as the icalendar library parses them."""
    calendar = icalendar.Calendar.from_ical(data)
    events = []
    for event in calendar.walk("VEVENT"):
        rrule = event.get("rrule")
        events.append(
            {
                "uid": str(event["uid"]),
                "kind": str(event["categories"].cats[0]),
                "path": str(event["x-uguaglianza-path"]),
                "summary": str(event["summary"]),
                "start": event.decoded("dtstart"),
                "end": event.decoded("dtend"),
                "precision": str(event["x-uguaglianza-precision"]),
                "planned": str(event["status"]) == "TENTATIVE",
                "rule": None if rrule is None else sorted(rrule.to_ical().decode().split(";")),
                "description": str(event.get("description", "")),
                "location": None if "location" not in event else str(event["location"]),
                "stamp": event.decoded("dtstamp"),
                "transparent": str(event["transp"]) == "TRANSPARENT",
            }
        )
    return events


def expected(events: CalendarEvents) -> list[dict[str, Any]]:
    return [
        {
            "uid": e.uid,
            "kind": e.kind,
            "path": e.path,
            "summary": e.summary,
            "start": e.start,
            "end": e.end,
            "precision": e.precision,
            "planned": e.planned,
            "rule": None if e.rule is None else sorted(e.rule.text.split(";")),
            "description": e.description,
            "location": e.location,
            "stamp": events.stamp,
            "transparent": e.precision != "day",
        }
        for e in events.events
    ]


def with_machinery(data: dict[str, Any]) -> dict[str, Any]:
    """*data* with a body that meets on known and partial dates and a dated plan."""
    data["sources"] = [
        {"id": "s-old", "name": "Lettera", "date": "2022-05-10"},
        {"id": "s-new", "name": "Comunicato", "date": "2023-02"},
    ]
    data["bodies"] = [
        {
            "id": "tavolo",
            "kind": "coordination_table",
            "name": "Tavolo metropolitano",
            "translations": {"en": "Metropolitan table"},
            "period": {"start": "2022-03-09", "end": "2023"},
            "cadence": {"rule": "FREQ=MONTHLY;BYDAY=1TU", "description": "il primo martedì"},
            "meetings": [
                {"id": "m-day", "date": "2022-03-09", "place": "Palazzo Malvezzi"},
                {"id": "m-month", "date": "2022-06", "planned": True},
                {"id": "m-year", "date": "2023", "agenda": [{"title": "Il piano, punto 1"}]},
                {"id": "m-noyear", "date_as_written": "9 marzo"},
            ],
        }
    ]
    data["plan"]["milestones"] = [
        {"kind": "announcement", "date": "2022-05-10", "description": "Annunciato; con lettera"},
        {"kind": "adoption", "date": "2023", "planned": True, "body": "tavolo"},
        {"kind": "presentation"},
    ]
    return data


@pytest.fixture
def doc(minimal: Factory) -> uguaglianza.PlanDocument:
    loaded = uguaglianza.from_data(with_machinery(minimal()))
    assert isinstance(loaded, uguaglianza.PlanDocument)
    return loaded


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_example_reads_back_as_the_same_events(path: Path, lang: Any) -> None:
    doc = uguaglianza.load(path)
    events = calendar_events(doc, lang=lang)
    data = ical_bytes(events)
    assert read_back(data) == expected(events)
    assert data == ical_bytes(calendar_events(uguaglianza.load(path), lang=lang))
    assert len({event.uid for event in events.events}) == len(events.events)


def test_every_dated_meeting_and_milestone_of_the_examples_is_an_event() -> None:
    docs = [uguaglianza.load(path) for path in EXAMPLES]
    events = [calendar_events(doc) for doc in docs]
    meetings = [meeting.id for doc in docs for body in doc.bodies for meeting in body.meetings]
    placed = [e.path for found in events for e in found.events if e.kind == "meeting"]
    left = [item.what for found in events for item in found.left_out]
    left_meetings = [what for what in left if what.startswith("meeting ")]
    assert len(placed) + len(left_meetings) == len(meetings)
    assert "meeting tavolo-avvio-9-marzo" in left
    milestones = sum(len(p.milestones) for doc in docs for p in doc.plans_list())
    placed_milestones = sum(e.kind == "milestone" for found in events for e in found.events)
    left_milestones = [what for what in left if what.startswith("milestone ")]
    assert placed_milestones + len(left_milestones) == milestones
    assert len(left_meetings) + len(left_milestones) == len(left)


def test_days_partial_dates_and_dates_without_a_year(doc: uguaglianza.PlanDocument) -> None:
    events = {e.path: e for e in calendar_events(doc).events}
    day = events["bodies[0].meetings[0]"]
    assert (day.start, day.end, day.precision) == (date(2022, 3, 9), date(2022, 3, 10), "day")
    assert day.summary == "Tavolo metropolitano"
    assert day.location == "Palazzo Malvezzi"
    month = events["bodies[0].meetings[1]"]
    assert (month.start, month.end, month.planned) == (date(2022, 6, 1), date(2022, 7, 1), True)
    assert "Data nota solo al mese: 2022-06." in month.description
    year = events["bodies[0].meetings[2]"]
    assert (year.start, year.end) == (date(2023, 1, 1), date(2024, 1, 1))
    assert year.description.endswith("Ordine del giorno:\n- Il piano, punto 1")
    assert "bodies[0].meetings[3]" not in events
    (no_date, no_year) = calendar_events(doc).left_out
    assert no_year.format() == (
        "bodies[0].meetings[3] (meeting m-noyear): it has no date with a year; "
        'the source writes "9 marzo"'
    )
    assert no_date.format() == (
        "plan.milestones[2] (milestone presentation of plan plan-1): it has no date"
    )


def test_a_year_only_date_is_free_time_over_the_year_not_1_january(
    doc: uguaglianza.PlanDocument,
) -> None:
    (event,) = (
        e for e in read_back(ical_bytes(calendar_events(doc))) if e["path"] == "plan.milestones[1]"
    )
    assert event["path"] == "plan.milestones[1]"
    assert (event["start"], event["end"]) == (date(2023, 1, 1), date(2024, 1, 1))
    assert event["transparent"] and event["precision"] == "year" and event["planned"]
    assert event["location"] == "Tavolo metropolitano"
    assert event["summary"] == "Piano per l'Uguaglianza: Adozione"


def test_a_cadence_is_a_recurrence_from_the_body_start_to_its_end(
    doc: uguaglianza.PlanDocument,
) -> None:
    (cadence,) = (e for e in calendar_events(doc, lang="en").events if e.kind == "cadence")
    assert cadence.path == "bodies[0].cadence"
    assert cadence.summary == "Metropolitan table"
    assert cadence.rule is not None
    assert cadence.rule.text == "FREQ=MONTHLY;BYDAY=1TU;UNTIL=20231231"
    # 9 March 2022 is a Wednesday: the first first Tuesday after it is 5 April.
    assert cadence.start == date(2022, 4, 5)
    assert "by the body's cadence (FREQ=MONTHLY;BYDAY=1TU)" in cadence.description
    (parsed,) = (e for e in read_back(ical_bytes(calendar_events(doc))) if e["kind"] == "cadence")
    rule = icalendar.vRecur.from_ical(";".join(parsed["rule"]))
    assert rule["UNTIL"] == [date(2023, 12, 31)]
    assert rule["BYDAY"] == ["1TU"]


def test_a_cadence_keeps_its_own_end_and_starts_from_the_first_meeting(
    minimal: Factory,
) -> None:
    data = with_machinery(minimal())
    body = data["bodies"][0]
    body["period"] = {"start": "2022-03"}
    body["cadence"] = {"rule": "FREQ=WEEKLY;COUNT=4"}
    (cadence,) = (
        e for e in calendar_events(uguaglianza.from_data(data)).events if e.kind == "cadence"
    )
    assert cadence.rule is not None and cadence.rule.text == "FREQ=WEEKLY;COUNT=4"
    assert cadence.start == date(2022, 3, 9)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"cadence": {"description": "ogni mese"}}, 'only the words "ogni mese"'),
        ({"period": {"start": "2022"}, "meetings": []}, "no day to start it from"),
        (
            {"period": {"start": "2022-03-09", "end": "2022-03-20"}, "meetings": []},
            "falls on no day from 2022-03-09",
        ),
    ],
)
def test_a_cadence_that_cannot_be_placed_is_left_out_and_said(
    minimal: Factory, change: dict[str, Any], reason: str
) -> None:
    data = with_machinery(minimal())
    data["bodies"][0].update(change)
    found = calendar_events(uguaglianza.from_data(data))
    assert not [e for e in found.events if e.kind == "cadence"]
    (item,) = (i for i in found.left_out if i.what == "cadence of body tavolo")
    assert item.path == "bodies[0]" and reason in item.reason


def test_uids_are_stable_unique_and_independent_of_order(minimal: Factory) -> None:
    data = with_machinery(minimal())
    data["plan"]["milestones"].append(dict(data["plan"]["milestones"][0]))
    first = calendar_events(uguaglianza.from_data(data))
    data["bodies"][0]["meetings"].reverse()
    second = calendar_events(uguaglianza.from_data(data))
    assert len({e.uid for e in first.events}) == len(first.events)
    by_path = {e.path: e.uid for e in first.events}
    assert {e.uid for e in second.events} == set(by_path.values())
    assert (
        next(e.uid for e in second.events if e.kind == "meeting")
        == by_path["bodies[0].meetings[2]"]
    )
    data["id"] = "another-doc"
    third = calendar_events(uguaglianza.from_data(data))
    assert not {e.uid for e in third.events} & set(by_path.values())


def test_the_stamp_is_the_newest_source_date_or_a_fixed_day(
    minimal: Factory, doc: uguaglianza.PlanDocument
) -> None:
    assert calendar_events(doc).stamp == datetime(2023, 2, 1, tzinfo=UTC)
    data = with_machinery(minimal())
    del data["sources"]
    plain = calendar_events(uguaglianza.from_data(data))
    assert plain.stamp == FALLBACK_STAMP == datetime(2000, 1, 1, tzinfo=UTC)
    assert {e["stamp"] for e in read_back(ical_bytes(plain))} == {FALLBACK_STAMP}


def test_text_with_separators_reads_back_unchanged(doc: uguaglianza.PlanDocument) -> None:
    events = calendar_events(doc)
    assert any(";" in e.description for e in events.events)
    assert read_back(ical_bytes(events)) == expected(events)
    text = ical_bytes(events).decode("utf-8")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))


def test_several_plans_of_a_landscape_have_their_milestones(minimal: Factory) -> None:
    one = uguaglianza.from_data(with_machinery(minimal()))
    other_data = minimal()
    other_data["id"] = "doc-other"
    other_data["plan"]["id"] = "plan-2"
    other_data["plan"]["name"] = "Altro piano"
    other_data["plan"]["milestones"] = [{"kind": "announcement", "date": "2022-05-10"}]
    for area in other_data["plan"]["areas"]:
        area["id"] += "-2"
    for action in other_data["plan"]["actions"]:
        action["id"] += "-2"
        action["areas"] = [area + "-2" for area in action["areas"]]
    landscape = uguaglianza.merge([one, uguaglianza.from_data(other_data)], id="insieme")
    summaries = [e.summary for e in calendar_events(landscape).events if e.kind == "milestone"]
    assert "Altro piano: Annuncio" in summaries
    assert "Piano per l'Uguaglianza: Annuncio" in summaries


def test_without_icalendar_the_error_names_the_extra(
    doc: uguaglianza.PlanDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A None entry in sys.modules makes every import of the module fail, as if absent.
    monkeypatch.setitem(sys.modules, "icalendar", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'uguaglianza\[calendar\]'"):
        ical_bytes(calendar_events(doc))
