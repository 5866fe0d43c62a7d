"""The worked notebook runs from start to end, and its saved outputs are its real ones."""

from __future__ import annotations

import nbformat

from tests.notebook import NOTEBOOK, SITE_COPY, run, texts

REFRESH = "re-run it and save its outputs: python -m tests.notebook"


def test_the_notebook_runs_and_its_saved_outputs_are_current() -> None:
    saved = nbformat.read(NOTEBOOK, as_version=4)
    executed = run()
    fresh = texts(executed)
    assert not [out for cell in fresh for out in cell if out.startswith("error")], fresh
    assert fresh == texts(saved), f"{NOTEBOOK.name} shows outdated outputs; {REFRESH}"


def test_the_notebook_says_it_is_illustrative_and_shows_pictures_and_tables() -> None:
    saved = nbformat.read(NOTEBOOK, as_version=4)
    first = saved.cells[0]
    assert first.cell_type == "markdown"
    assert "illustrative scenario, not a real plan" in first.source
    shown = [out for cell in texts(saved) for out in cell]
    assert sum(out == "image/png" for out in shown) == 2  # the network and the timeline
    assert any(out.startswith('text/html: <div class="uguaglianza">') for out in shown)
    assert any("nessun errore" in out for out in shown)
    assert any("<table" in out and "Budget" not in out for out in shown)


def test_the_site_shows_the_notebook_as_saved() -> None:
    assert SITE_COPY.read_bytes() == NOTEBOOK.read_bytes(), f"docs/ has an old copy; {REFRESH}"
