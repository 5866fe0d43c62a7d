"""The dossier's two pictures as inline SVG: a Gantt chart and the coordination network.

Both are drawn here, without a plotting library, so that they carry no fonts or links of
their own; every text from the document is escaped, and each picture has a title and a
description for screen readers.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Sequence
from html import escape
from typing import Any

from uguaglianza.dossier._labels import Labeller
from uguaglianza.dossier._words import WORDS, word

#: Colours with at least 3:1 contrast on white (WCAG 2.1, non-text contrast).
KIND_COLOURS = {
    "organisation": "#1f5fa8",
    "body": "#a14a00",
    "post": "#2e7031",
    "person": "#6b3fa0",
    "territory": "#4d4d4d",
    "other": "#4d4d4d",
}
_BAR = {"plan": "#0b3d73", "action": "#1f5fa8", "milestone": "#b3261e"}
#: A period with an open start or end: lighter, still 3.5:1 on white.
_OPEN_BAR = "#5b8bd0"
_WIDTH = 760
_LABEL_WIDTH = 250
_ROW = 20
_MAX_LABEL = 38


def _short(text: str, limit: int = _MAX_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def gantt(rows: Sequence[dict[str, Any]], say: Labeller, as_of: datetime.date | None) -> str:
    """A Gantt chart of *rows* (bars and milestones); an empty string when there are none."""
    if not rows:
        return ""
    lang = say.lang
    days = [d for row in rows for d in (row["start"], row["end"]) if d is not None]
    first = datetime.date(min(days).year, 1, 1)
    last = datetime.date(max(days).year + 1, 1, 1)
    if as_of is not None and first <= as_of < last:
        marker: datetime.date | None = as_of
    else:
        marker = None
    span = (last - first).days
    chart = _WIDTH - _LABEL_WIDTH - 10
    top = 24
    height = top + _ROW * len(rows) + 10

    def x(day: datetime.date) -> float:
        return round(_LABEL_WIDTH + chart * (day - first).days / span, 1)

    title = word("timeline", lang)
    desc = word("timeline_desc", lang, count=len(rows), start=str(min(days)), end=str(max(days)))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="gantt-title gantt-desc" class="chart">',
        f'<title id="gantt-title">{_e(title)}</title>',
        f'<desc id="gantt-desc">{_e(desc)}</desc>',
    ]
    years = range(first.year, last.year + 1)
    step = max(1, math.ceil(len(years) / 12))
    for year in years:
        pos = x(datetime.date(year, 1, 1))
        out.append(f'<line x1="{pos}" y1="{top - 6}" x2="{pos}" y2="{height - 8}" class="grid"/>')
        if year < last.year and (year - first.year) % step == 0:
            out.append(f'<text x="{pos + 3}" y="{top - 10}" class="tick">{year}</text>')
    for index, row in enumerate(rows):
        y = top + index * _ROW
        label = _e(_short(row["label"]))
        out.append(f"<g><title>{_e(row['label'])}: {_e(row['text'])}</title>")
        out.append(f'<text x="4" y="{y + 14}" class="label">{label}</text>')
        start = first if row["start"] is None else row["start"]
        end = last if row["end"] is None else row["end"]
        colour = _BAR[row["kind"]]
        if row["kind"] == "milestone":
            cx, cy = x(start), y + 10
            out.append(
                f'<path d="M{cx} {cy - 6} L{cx + 6} {cy} L{cx} {cy + 6} L{cx - 6} {cy} Z" '
                f'fill="{colour}"/>'
            )
        else:
            left, right = x(start), x(end + datetime.timedelta(days=1))
            if row["open_start"] or row["open_end"]:
                colour = _OPEN_BAR
            out.append(
                f'<rect x="{left}" y="{y + 4}" width="{max(right - left, 2)}" height="12" '
                f'fill="{colour}" rx="2"/>'
            )
        out.append("</g>")
    if marker is not None:
        pos = x(marker)
        out.append(
            f'<line x1="{pos}" y1="{top - 4}" x2="{pos}" y2="{height - 8}" class="today"/>'
            f'<text x="{pos + 3}" y="{height - 1}" class="tick">'
            f"{_e(word('today', lang))} {_e(marker)}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def network(
    ties: Counter[tuple[str, str, str]], say: Labeller, limit: int = 30
) -> tuple[str, int, int]:
    """The coordination picture of *ties*: the SVG, the actors shown and the actors in all."""
    degree: Counter[str] = Counter()
    for (source, target, _kind), count in ties.items():
        degree[source] += count
        degree[target] += count
    if not degree:
        return "", 0, 0
    shown = sorted(degree, key=lambda node: (-degree[node], node))[:limit]
    where = _layout(shown[0], sorted(shown[1:]))
    size = int(max(y for _x, y, _side in where.values())) + 70
    edges: Counter[tuple[str, str]] = Counter()
    for (source, target, _kind), count in ties.items():
        if source in where and target in where:
            edges[tuple(sorted((source, target)))] += count  # type: ignore[index]
    lang = say.lang
    desc = word("coordination_desc", lang, nodes=len(where), edges=len(edges))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {size}" '
        f'width="100%" role="img" aria-labelledby="net-title net-desc" class="chart">',
        f'<title id="net-title">{_e(word("coordination", lang))}</title>',
        f'<desc id="net-desc">{_e(desc)}</desc>',
    ]
    for (source, target), count in sorted(edges.items()):
        x1, y1, _ = where[source]
        x2, y2, _ = where[target]
        width = round(1 + math.log2(count), 1)
        out.append(
            f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" class="tie" stroke-width="{width}"/>'
        )
    for node in sorted(where):
        cx, cy, side = where[node]
        kind = say.kind(node)
        colour = KIND_COLOURS.get(kind, KIND_COLOURS["other"])
        name = say.ref(node)
        lx, ly, anchor = {
            "left": (cx - 10, cy + 4, "end"),
            "right": (cx + 10, cy + 4, "start"),
            "centre": (cx, cy - 14, "middle"),
        }[side]
        kind_name = word(f"kind_{kind}", lang) if f"kind_{kind}" in WORDS else kind
        out.append(
            f"<g><title>{_e(name)} ({_e(kind_name)})</title>"
            f'<circle cx="{cx}" cy="{cy}" r="{round(4 + min(degree[node], 16) ** 0.5, 1)}" '
            f'fill="{colour}"/>'
            f'<text x="{round(lx, 1)}" y="{round(ly, 1)}" text-anchor="{anchor}" '
            f'class="label halo">{_e(_short(name, 34))}</text></g>'
        )
    legend_y = size - 20
    position = 10
    for kind in ("organisation", "body", "post", "person", "territory"):
        out.append(
            f'<circle cx="{position + 6}" cy="{legend_y}" r="6" fill="{KIND_COLOURS[kind]}"/>'
            f'<text x="{position + 16}" y="{legend_y + 4}" class="label">'
            f"{_e(word('kind_' + kind, lang))}</text>"
        )
        position += 130
    out.append("</svg>")
    return "".join(out), len(where), len(degree)


def _layout(hub: str, others: list[str]) -> dict[str, tuple[float, float, str]]:
    """The hub in the middle, the others in two bowed columns with room for their labels."""
    where = {}
    left, right = others[: (len(others) + 1) // 2], others[(len(others) + 1) // 2 :]
    rows = max(len(left), 1)
    height = max(260.0, 36.0 * rows)
    centre_x, centre_y = _WIDTH / 2, 30 + height / 2
    where[hub] = (centre_x, round(centre_y, 1), "centre")
    for column, side, sign in ((left, "left", -1), (right, "right", 1)):
        for index, node in enumerate(column):
            y = 30 + (index + 0.5) * height / max(len(column), 1)
            bend = ((y - centre_y) / (height / 2)) ** 2
            x = centre_x + sign * (190 - 50 * bend)
            where[node] = (round(x, 1), round(y, 1), side)
    return where
