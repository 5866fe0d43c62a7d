"""Pictures with the plot extra: the coordination graph and a plan's timeline as Figures."""

from __future__ import annotations

import datetime as dt
import io
import sys

import matplotlib.dates as mdates
import pytest
from matplotlib.figure import Figure

import uguaglianza
from uguaglianza.io._drawing import LAYERS, layered_layout
from uguaglianza.io.graphs import draw

TAVOLO = "examples/bologna-tavolo-coordinamento.yaml"
PIANO = "examples/bologna-piano-uguaglianza.yaml"


def test_draw_returns_a_figure_and_draws_into_given_axes() -> None:
    graph = uguaglianza.coordination_graph(uguaglianza.load(TAVOLO))
    figure = draw(graph)
    assert isinstance(figure, Figure)
    assert len(figure.axes) == 1
    mine = Figure()
    axes = mine.add_subplot()
    assert draw(graph, ax=axes, lang="it") is mine
    labels = {text.get_text() for text in axes.texts}
    assert any("Tavolo" in label for label in labels)


def test_draw_still_writes_a_picture() -> None:
    graph = uguaglianza.coordination_graph(uguaglianza.load(TAVOLO))
    out = io.BytesIO()
    assert isinstance(draw(graph, out, "png"), Figure)
    assert out.getvalue().startswith(b"\x89PNG")


def test_legend_and_names_follow_the_language() -> None:
    graph = uguaglianza.coordination_graph(uguaglianza.load(PIANO), as_of=dt.date(2024, 1, 1))
    italian = draw(graph, lang="it").axes[0]
    english = draw(graph, lang="en").axes[0]
    legend_it = [t.get_text() for t in italian.get_legend().get_texts()]
    legend_en = [t.get_text() for t in english.get_legend().get_texts()]
    assert any(text.startswith("territorio (") for text in legend_it)
    assert any(text.startswith("territory (") for text in legend_en)
    assert "(al 2024-01-01)" in italian.get_title()
    assert "(as of 2024-01-01)" in english.get_title()
    names_en = " ".join(t.get_text().replace("\n", " ") for t in english.texts)
    assert "Metropolitan City of" in names_en
    as_written = " ".join(t.get_text().replace("\n", " ") for t in draw(graph).axes[0].texts)
    assert "Città metropolitana di" in as_written


def test_rows_put_plans_above_bodies_above_members_above_territories() -> None:
    graph = uguaglianza.coordination_graph(uguaglianza.load(TAVOLO))
    positions = layered_layout(graph)
    row = {kind: i for i, kinds in enumerate(LAYERS) for kind in kinds}
    kinds = dict(graph.nodes(data="kind"))
    for u in graph:
        for v in graph:
            if row[kinds[u]] < row[kinds[v]]:
                assert positions[u][1] > positions[v][1]


def test_timeline_draws_actions_milestones_acts_meetings_and_today() -> None:
    doc = uguaglianza.load(TAVOLO)
    plan = doc.plan
    day = dt.date(2023, 6, 1)
    figure = uguaglianza.timeline(doc, as_of=day, lang="it")
    assert isinstance(figure, Figure)
    axes = figure.axes[0]
    dated = [a for a in plan.actions if a.period is not None]
    assert len(axes.patches) == len(dated)
    rows = [label.get_text() for label in axes.get_yticklabels()]
    if doc.acts:
        assert "Atti" in rows
    lines = [line for line in axes.get_lines() if line.get_linestyle() == "--"]
    assert [line.get_xdata()[0] for line in lines] == [mdates.date2num(day)]
    assert any(text.get_text() == "al 2023-06-01" for text in axes.texts)


def test_timeline_in_english_and_into_given_axes() -> None:
    doc = uguaglianza.load(PIANO)
    mine = Figure()
    axes = mine.add_subplot()
    assert uguaglianza.timeline(doc, ax=axes, lang="en") is mine
    rows = [label.get_text() for label in axes.get_yticklabels()]
    assert "Plan milestones" in rows and "Meetings" in rows
    assert any(text.get_text() == "today" for text in axes.texts)


def test_timeline_names_an_unknown_plan() -> None:
    doc = uguaglianza.load(PIANO)
    with pytest.raises(ValueError, match="no plan 'nope'"):
        uguaglianza.timeline(doc, plan="nope")


def test_pictures_without_matplotlib_name_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = uguaglianza.load(PIANO)
    graph = uguaglianza.coordination_graph(doc)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(uguaglianza.MissingExtraError, match=r"uguaglianza\[plot\]"):
        uguaglianza.timeline(doc)
    with pytest.raises(uguaglianza.MissingExtraError, match=r"uguaglianza\[plot\]"):
        draw(graph)


@pytest.mark.parametrize(("lang", "month"), [("it", "mag"), ("en", "May")])
def test_timeline_names_the_months_in_its_language(lang: str, month: str) -> None:
    doc = uguaglianza.load(PIANO)
    axes = uguaglianza.timeline(doc, lang=lang).axes[0]
    axes.set_xlim(mdates.date2num(dt.date(2024, 1, 10)), mdates.date2num(dt.date(2024, 8, 20)))
    ticks = axes.xaxis.get_majorticklocs()
    labels = axes.xaxis.get_major_formatter().format_ticks(ticks)
    assert month in labels
    english = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug"}
    assert english.isdisjoint(labels) == (lang == "it")
