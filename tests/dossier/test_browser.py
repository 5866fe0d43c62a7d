"""The dossier of every example in a real browser: headless Chromium, with no network.

Each page must load without console errors, uncaught exceptions or requests of any kind
beyond the file itself, show its text, paint a screenshot that is not blank, print to
A4, and pass the accessibility audit of ``audit.js`` (landmarks, headings, table headers
with scope, named pictures, WCAG 2.1 AA contrast).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

import uguaglianza
from tests.dossier.chromium import Browser, Visit, browser
from tests.dossier.test_dossier import hostile_document
from uguaglianza.dossier import dossier

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))
AUDIT = (Path(__file__).parent / "audit.js").read_text(encoding="utf-8")
A4_POINTS = (595.28, 841.89)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with browser() as opened:
        yield opened


def _visit(chromium: Browser, tmp_path: Path, html: str) -> Visit:
    page = tmp_path / "dossier.html"
    page.write_text(html, encoding="utf-8")
    return chromium.visit(page, AUDIT)


def _assert_reads_well(visit: Visit, title: str) -> None:
    assert visit.console_errors == []
    assert visit.exceptions == []
    assert visit.failed_requests == []
    assert visit.requests == []
    assert title in visit.text
    assert len(visit.text) > 500
    picture = Image.open(io.BytesIO(visit.screenshot)).convert("L")
    assert picture.size == (1000, 1400)
    low, high = picture.getextrema()
    assert high - low > 100, "the screenshot is blank"
    assert sum(picture.histogram()[:128]) > 2000, "hardly any text painted"
    assert visit.pdf.startswith(b"%PDF")
    boxes = set(re.findall(rb"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]", visit.pdf))
    assert boxes, "the PDF has no pages"
    for width, height in boxes:  # A4 from the print style sheet, to the point
        assert abs(float(width) - A4_POINTS[0]) < 1 and abs(float(height) - A4_POINTS[1]) < 1
    checks: dict[str, Any] = visit.checks
    assert checks["scripts"] == 0
    assert checks["h1"] == 1
    assert checks["skipped_heading_levels"] == 0
    assert (checks["header"], checks["nav"], checks["main"], checks["footer"]) == (1, 1, 1, 1)
    assert checks["th_without_scope"] == 0
    assert checks["tables_without_caption"] == 0
    assert checks["pictures_without_text"] == 0
    assert checks["svg_without_role"] == 0
    assert checks["low_contrast"] == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_reads_well_in_chromium(
    chromium: Browser, tmp_path: Path, path: Path
) -> None:
    doc = uguaglianza.load(path)
    visit = _visit(chromium, tmp_path, dossier(doc, lang="it"))
    _assert_reads_well(visit, doc.plan.label("it"))
    assert visit.checks["lang"] == "it"


def test_the_english_dossier_declares_its_language(chromium: Browser, tmp_path: Path) -> None:
    doc = uguaglianza.load(EXAMPLES[0])
    visit = _visit(chromium, tmp_path, dossier(doc, lang="en"))
    _assert_reads_well(visit, doc.plan.label("en"))
    assert visit.checks["lang"] == "en"


def test_hostile_names_stay_text_in_the_browser(chromium: Browser, tmp_path: Path) -> None:
    doc = hostile_document()
    visit = _visit(chromium, tmp_path, dossier(doc, lang="en"))
    _assert_reads_well(visit, "<script>alert('plan')</script>")
    assert "<img src=x onerror=alert('lead')>" in visit.text


def test_the_harness_sees_errors_requests_and_low_contrast(
    chromium: Browser, tmp_path: Path
) -> None:
    bad = (
        '<!DOCTYPE html><html><body><p style="color:#bbb">faint</p>'
        '<img src="http://127.0.0.1:9/x.png" alt="">'
        "<script>console.error('broken'); undefinedFunction();</script></body></html>"
    )
    visit = _visit(chromium, tmp_path, bad)
    assert any("broken" in line for line in visit.console_errors)
    assert visit.exceptions
    assert visit.requests == ["http://127.0.0.1:9/x.png"]
    assert visit.failed_requests
    assert visit.checks["low_contrast"]
    assert visit.checks["main"] == 0
