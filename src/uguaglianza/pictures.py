"""A plan's life as a picture: actions by period and area, milestones, acts, meetings, deadlines.

Needs the ``plot`` extra (matplotlib). Each action is a bar over its period, coloured by
its first intervention area; an open end runs to the plan's end. Rows below show the
plan's milestones, acts with their steps, bodies' meetings and obligations' deadlines
(those with a ``due`` date), and a vertical line marks *as_of* (today by default).
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
import textwrap
from typing import TYPE_CHECKING, Any

from uguaglianza.dates import PartialDate, Period
from uguaglianza.errors import MissingExtraError

if TYPE_CHECKING:
    from uguaglianza.model import Landscape, Plan, PlanDocument

__all__ = ["timeline"]

_WORDS = {
    "milestones": ("Tappe del piano", "Plan milestones"),
    "acts": ("Atti", "Acts"),
    "meetings": ("Riunioni", "Meetings"),
    "deadlines": ("Scadenze", "Deadlines"),
    "today": ("oggi", "today"),
    "as_of": ("al", "as of"),
    "no_period": ("azioni senza periodo", "actions without a period"),
    "no_area": ("senza area", "no area"),
}
_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")


def _word(key: str, lang: str) -> str:
    return _WORDS[key][0 if lang == "it" else 1]


#: matplotlib writes months as the C locale does; their Italian abbreviations.
_MONTHS_IT = dict(
    zip(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
        ("gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"),
        strict=True,
    )
)
_MONTH = re.compile(r"\b(" + "|".join(_MONTHS_IT) + r")\b")


def _date_formatter(locator: Any, lang: str) -> Any:
    """matplotlib's concise date labels, with the months in Italian when *lang* is ``it``.

    The process's locale is left alone (a library must not change it): the English
    abbreviations matplotlib writes are replaced in the labels it gives.
    """
    mdates = importlib.import_module("matplotlib.dates")

    class Concise(mdates.ConciseDateFormatter):  # type: ignore[misc, name-defined]
        def format_ticks(self, values: Any) -> list[str]:
            return [_in_italian(label) for label in super().format_ticks(values)]

        def get_offset(self) -> str:
            return _in_italian(str(super().get_offset()))

    return Concise(locator) if lang == "it" else mdates.ConciseDateFormatter(locator)


def _in_italian(label: str) -> str:
    return _MONTH.sub(lambda found: _MONTHS_IT[found.group(1)], label)


def _matplotlib() -> tuple[Any, Any]:
    try:
        figure = importlib.import_module("matplotlib.figure")
        dates = importlib.import_module("matplotlib.dates")
    except ImportError:
        raise MissingExtraError(
            "drawing a timeline needs matplotlib, which is not installed; "
            "install the 'plot' extra: pip install 'uguaglianza[plot]'"
        ) from None
    return figure.Figure, dates


def _span(period: Period | None, plan: Period | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of *period*, open ends taken from the plan's period."""
    if period is None:
        return None
    start = period.earliest() or (plan.earliest() if plan is not None else None)
    end = period.latest() or (plan.latest() if plan is not None else None)
    if start is None or end is None:
        return None
    return start, end


def _day(value: PartialDate | None) -> dt.date | None:
    return None if value is None else value.earliest()


def _plan_of(doc: PlanDocument | Landscape, plan: str | None) -> Plan:
    plans = doc.plans_list()
    if plan is None:
        if not plans:
            raise ValueError("the document has no plan to draw")
        return plans[0]
    for item in plans:
        if item.id == plan:
            return item
    raise ValueError(
        f"no plan {plan!r} in the document; its plans: {', '.join(p.id for p in plans)}"
    )


def timeline(
    doc: PlanDocument | Landscape,
    *,
    plan: str | None = None,
    as_of: dt.date | None = None,
    lang: str | None = None,
    ax: Any = None,
) -> Any:
    """Draw the life of *plan* (default: the document's first plan) and return the ``Figure``.

    *lang* (``it`` or ``en``; default: :func:`uguaglianza.set_language`) sets the words
    and the names, where translated. *ax* draws into existing axes.

    Raises:
        MissingExtraError: matplotlib is not installed (the ``plot`` extra).
        ValueError: the document has no plan with id *plan*.
    """
    from uguaglianza.display import get_language

    chosen = lang or get_language()
    figure_class, mdates = _matplotlib()
    target = _plan_of(doc, plan)
    day = as_of or dt.date.today()
    actions = [(action, _span(action.period, target.period)) for action in target.actions]
    dated = [(action, span) for action, span in actions if span is not None]
    height = 2.5 + 0.32 * (len(dated) + 4)
    if ax is None:
        figure = figure_class(figsize=(11, height), dpi=100)
        axes = figure.add_subplot()
    else:
        axes, figure = ax, ax.figure
    areas = {area.id: area for area in target.areas}
    colours = {area_id: _COLOURS[i % len(_COLOURS)] for i, area_id in enumerate(areas)}
    rows: list[str] = []
    seen_areas: dict[str, str] = {}
    rank = {area_id: i for i, area_id in enumerate(areas)}
    order = sorted(
        dated,
        key=lambda item: (
            rank.get(item[0].areas[0], len(rank)) if item[0].areas else len(rank),
            item[1][0],
        ),
    )
    for action, (start, end) in order:
        area = action.areas[0] if action.areas else ""
        colour = colours.get(area, "#7f7f7f")
        label = areas[area].label(chosen) if area in areas else _word("no_area", chosen)
        y = len(rows)
        axes.barh(
            y,
            mdates.date2num(end + dt.timedelta(days=1)) - mdates.date2num(start),
            left=mdates.date2num(start),
            color=colour,
            label=None if area in seen_areas else textwrap.shorten(label, 50),
            height=0.6,
        )
        seen_areas.setdefault(area, label)
        rows.append(textwrap.shorten(action.label(chosen), 45, placeholder="…"))
    events: list[tuple[str, list[tuple[dt.date, str]], str, str]] = [
        (
            _word("milestones", chosen),
            [(d, m.kind) for m in target.milestones if (d := _day(m.date)) is not None],
            "D",
            "#444444",
        ),
        (
            _word("acts", chosen),
            [
                (d, act.number or act.kind)
                for act in doc.acts
                for d in [_day(act.date), *(_day(step.date) for step in act.steps)]
                if d is not None
            ],
            "s",
            "#17becf",
        ),
        (
            _word("meetings", chosen),
            [
                (d, body.label(chosen))
                for body in doc.bodies
                for meeting in body.meetings
                if (d := _day(meeting.date)) is not None
            ],
            "o",
            "#bcbd22",
        ),
        (
            _word("deadlines", chosen),
            [(d, o.label(chosen)) for o in doc.obligations if (d := _day(o.due)) is not None],
            "v",
            "#d62728",
        ),
    ]
    for name, points, marker, colour in events:
        if not points:
            continue
        y = len(rows)
        rows.append(name)
        axes.scatter(
            [mdates.date2num(d) for d, _ in points],
            [y] * len(points),
            marker=marker,
            color=colour,
            zorder=3,
        )
    axes.axvline(mdates.date2num(day), color="#d62728", linestyle="--", linewidth=1)
    words = _word("today", chosen) if as_of is None else f"{_word('as_of', chosen)} {day}"
    axes.annotate(
        words,
        (mdates.date2num(day), 0.0),
        xycoords=("data", "axes fraction"),
        xytext=(3, 3),
        textcoords="offset points",
        va="bottom",
        fontsize=8,
        color="#d62728",
    )
    axes.set_yticks(range(len(rows)), rows, fontsize=8)
    axes.set_ylim(max(len(rows), 1) - 0.5, -0.5)
    axes.xaxis.set_major_locator(mdates.AutoDateLocator())
    axes.xaxis.set_major_formatter(_date_formatter(axes.xaxis.get_major_locator(), chosen))
    axes.grid(axis="x", color="#eeeeee")
    title = target.label(chosen)
    missing = len(actions) - len(dated)
    if missing:
        title += f" ({missing} {_word('no_period', chosen)})"
    axes.set_title(textwrap.shorten(title, 110), fontsize=10)
    if seen_areas:
        axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False)
    return figure
