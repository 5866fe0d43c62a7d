"""The dossier's content: every section, escaping, determinism, reference dates, landscapes."""

from __future__ import annotations

import copy
import datetime
import re
import sys
from pathlib import Path
from typing import Any

import pytest

import uguaglianza
from uguaglianza.dossier import FALLBACK_AS_OF, UnknownPlanError, dossier, md_escape
from uguaglianza.errors import MissingExtraError
from uguaglianza.model import Landscape, PlanDocument

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))

SCRIPT = "<script>alert('plan')</script>"
IMG = "<img src=x onerror=alert('lead')>"
BREAK_OUT = "</svg></table>\"'><b>body</b> | ** [link](http://example.org)"

FULL: dict[str, Any] = {
    "document": "plan",
    "schema_version": "2.0",
    "id": "doc-dossier",
    "sources": [{"id": "src-1", "name": "Delibera", "date": "2024-03-01"}],
    "territories": [{"id": "cm-bo", "kind": "metropolitan_city", "name": "Città di prova"}],
    "organisations": [
        {
            "id": "org-cm",
            "kind": "metropolitan_city",
            "name": "Ente titolare",
            "territory": "cm-bo",
        },
        {"id": "org-lead", "kind": "comune", "name": IMG},
        {"id": "org-partner", "kind": "comune", "name": "Comune partner"},
    ],
    "persons": [{"id": "p-rossi", "name": "Maria Rossi"}],
    "bodies": [
        {
            "id": "tavolo",
            "kind": "coordination_table",
            "name": BREAK_OUT,
            "chair": "p-rossi",
            "convener": "org-cm",
            "period": {"start": "2023-01-10"},
            "members": [
                {"member": "org-lead", "role": "member"},
                {"seats": 3, "category": "esperti"},
            ],
            "meetings": [
                {
                    "id": "m-1",
                    "date": "2023-02-01",
                    "place": "Sala rossa",
                    "agenda": [{"title": "Avvio del piano"}],
                },
                {"id": "m-2", "date": "2024-09", "planned": True},
            ],
        }
    ],
    "acts": [
        {
            "id": "delibera",
            "kind": "council_resolution",
            "name": "Delibera di adozione",
            "number": "12/2023",
            "date": "2023-01-15",
            "effects": [{"effect": "adopts", "target": "piano"}],
        }
    ],
    "opinions": [
        {
            "id": "parere",
            "name": "Parere del CUG",
            "by": "tavolo",
            "on": "piano",
            "date": "2022-12-20",
            "outcome": "favourable",
        }
    ],
    "obligations": [
        {
            "id": "obbligo",
            "name": "Relazione di monitoraggio",
            "kind": "report",
            "bearer": "org-cm",
            "subject": "piano",
            "due": "2024-06-30",
        }
    ],
    "funds": [{"id": "fondo", "name": "Fondo pari opportunità"}],
    "grants": [
        {
            "id": "contributo",
            "name": "Contributo regionale",
            "fund": "fondo",
            "recipient": "org-cm",
            "amount": {"amount": "120000", "currency": "EUR"},
            "status": "awarded",
            "co_financing": [
                {"funder": "fondo", "share": "80"},
                {"funder": "org-cm", "amount": {"amount": "24000", "currency": "EUR"}},
            ],
        }
    ],
    "transfers": [
        {
            "id": "bonifico",
            "payer": "org-cm",
            "payee": "org-partner",
            "via": ["org-lead"],
            "amount": {"amount": "5000", "currency": "EUR"},
            "purpose": "a-1",
        }
    ],
    "plan": {
        "id": "piano",
        "kind": "equality_plan",
        "name": SCRIPT,
        "translations": {"en": SCRIPT},
        "owner": "org-cm",
        "scope": ["cm-bo"],
        "period": {"start": "2023", "end": "2025"},
        "status": "adopted",
        "resources": {
            "budget": {"amount": "1234567.5", "currency": "EUR"},
            "by_year": [{"year": 2023, "amount": {"amount": "400000", "currency": "EUR"}}],
        },
        "areas": [
            {"id": "area-lavoro", "name": "Lavoro pagato"},
            {"id": "area-vuota", "name": "Area senza azioni"},
        ],
        "actions": [
            {
                "id": "a-1",
                "name": "Sportello antidiscriminazione",
                "areas": ["area-lavoro"],
                "lead": "org-lead",
                "partners": ["org-partner", "tavolo"],
                "period": {"start": "2023-03", "end": "2024-12"},
                "budget": {"amount": "50000", "currency": "EUR"},
                "status": "ongoing",
            },
            {
                "id": "a-2",
                "name": "Formazione del personale",
                "lead": "org-cm",
                "period": {"start": "2024"},
                "absent": {"budget": "not_stated"},
            },
        ],
        "indicators": [
            {
                "id": "ind-1",
                "name": "Persone raggiunte",
                "unit": "persone",
                "baseline": {"value": 10, "date": "2022"},
                "target": {"value": 100, "date": "2025"},
                "measurements": [{"date": "2023-12", "value": 40, "female": 25, "male": 15}],
            }
        ],
        "milestones": [{"kind": "adoption", "date": "2023-01-15"}],
    },
}


def hostile_document() -> PlanDocument:
    """A plan document of every section, with names that try to break out of the markup."""
    doc = uguaglianza.from_data(copy.deepcopy(FULL))
    assert isinstance(doc, PlanDocument)
    return doc


def _text(html: str) -> str:
    """The page's text, without tags, with entities read, for looking up values."""
    import html as html_module

    return html_module.unescape(re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("to", ["html", "md"])
def test_every_example_gives_the_same_dossier_twice(path: Path, to: str) -> None:
    doc = uguaglianza.load(path)
    first = dossier(doc, to=to, lang="en")  # type: ignore[arg-type]
    assert first == dossier(uguaglianza.load(path), to=to, lang="en")  # type: ignore[arg-type]
    assert doc.plan.label("en") in (first if to == "html" else first.replace("\\", ""))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_html_page_is_self_contained(path: Path) -> None:
    page = dossier(uguaglianza.load(path), lang="it")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="it">' in page
    assert "<script" not in page
    assert "<link" not in page
    assert " src=" not in page
    assert "url(" not in page
    assert "@import" not in page
    assert "default-src 'none'" in page


def test_every_section_shows_the_plan() -> None:
    page = _text(dossier(hostile_document(), lang="en"))
    for expected in (
        "The plan at a glance",
        "Ente titolare",  # owner
        "2023 – 2025",  # period
        "Adopted",  # status
        "Delibera di adozione (12/2023, 2023-01-15)",  # adopting act
        "1,234,567.5 EUR",  # budget
        "2023: 400,000 EUR",
        "Lavoro pagato",
        "Area senza azioni",
        "Sportello antidiscriminazione",
        "Comune partner",
        "2023-03 – 2024-12",
        "50,000 EUR",
        "Ongoing",
        "Not stated by the source",  # the absent budget of a-2
        "Maria Rossi",  # chair
        "3 seats: esperti",
        "Sala rossa",
        "Avvio del piano",
        "planned",
        "Contributo regionale",
        "120,000 EUR",
        "Fondo pari opportunità 80 %",
        "Ente titolare 24,000 EUR",
        "5,000 EUR",
        "Parere del CUG",
        "Favourable",
        "Relazione di monitoraggio",
        "2024-06-30",
        "Persone raggiunte",
        "10 (2022)",
        "100 (2025)",
        "women 25, men 15",
        "UG",  # findings have codes
    ):
        assert expected in page, expected


def test_the_italian_dossier_groups_digits_the_italian_way() -> None:
    page = _text(dossier(hostile_document(), lang="it"))
    assert "1.234.567,5 EUR" in page
    assert "Il piano in sintesi" in page
    assert "Non indicato dalla fonte" in page


def test_every_value_from_the_document_is_escaped_in_html() -> None:
    page = dossier(hostile_document(), lang="en")
    assert "<script" not in page
    assert "<img" not in page
    assert "<b>body</b>" not in page
    assert page.count("</svg>") == page.count("<svg ")
    assert "&lt;script&gt;alert(&#39;plan&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(&#39;lead&#39;)&gt;" in page
    assert "&lt;/svg&gt;&lt;/table&gt;&#34;&#39;&gt;&lt;b&gt;body&lt;/b&gt;" in page
    assert SCRIPT in _text(page)


def test_every_value_from_the_document_is_escaped_in_markdown() -> None:
    text = dossier(hostile_document(), to="md", lang="en")
    assert "<script" not in text
    assert "<img" not in text
    assert (
        "&lt;/svg&gt;&lt;/table&gt;\"'&gt;&lt;b&gt;body&lt;/b&gt; "
        "\\| \\*\\* \\[link\\](http://example.org)"
    ) in text
    table_rows = [line for line in text.splitlines() if line.startswith("| a-1 |")]
    assert len(table_rows) == 1
    assert table_rows[0].count(" | ") == 6  # seven cells: no value split the row


def test_md_escape_keeps_the_text_and_breaks_no_table() -> None:
    assert md_escape("a|b *c* _d_ [e] `f` <g> & h\nnext") == (
        "a\\|b \\*c\\* \\_d\\_ \\[e\\] \\`f\\` &lt;g&gt; &amp; h next"
    )
    assert md_escape("# not a heading") == "\\# not a heading"
    assert md_escape("1. not a list") == "1\\. not a list"
    assert md_escape("2023 – 2025") == "2023 – 2025"
    assert md_escape(None) == ""


def test_findings_are_grouped_by_severity_with_locations(tmp_path: Path) -> None:
    data = copy.deepcopy(FULL)
    data["plan"]["actions"][0]["partners"].append("org-lead")  # the lead is also a partner
    path = tmp_path / "plan.json"
    uguaglianza.dump(uguaglianza.from_data(data), path)
    doc = uguaglianza.load(path)
    report = uguaglianza.validate(doc, as_of=datetime.date(2024, 3, 1))
    page = dossier(doc, lang="en", report=report)
    text = _text(page)
    for finding in report.findings:
        assert finding.code in text
        assert finding.path in text
    positions = [text.find(f"{label} (") for label in ("error", "warning", "info")]
    present = [p for p in positions if p >= 0]
    assert present == sorted(present)
    assert re.search(r"line \d+, column \d+", text)
    assert str(tmp_path) not in page  # the dossier never shows where the file was


def test_reference_date_is_the_newest_source_unless_given() -> None:
    doc = hostile_document()
    page = _text(dossier(doc, lang="en"))
    assert "Situation as of 2024-03-01 (date of the newest source)" in page
    assert "open" in page
    assert 'class="today"' not in dossier(doc, lang="en")
    late = dossier(doc, lang="en", as_of=datetime.date(2025, 1, 1))
    assert "Situation as of 2025-01-01 (date given)" in _text(late)
    assert '<td class="overdue">overdue</td>' in late
    assert 'class="today"' in late  # the date is marked on the timeline


def test_without_dated_sources_the_fallback_date_is_said() -> None:
    data = copy.deepcopy(FULL)
    del data["sources"][0]["date"]
    page = _text(dossier(uguaglianza.from_data(data), lang="en"))
    assert f"No dated source: deadlines and rules judged at {FALLBACK_AS_OF}" in page
    assert "Situation as of" not in page


def test_the_pictures_are_inline_svg_with_text_alternatives() -> None:
    page = dossier(hostile_document(), lang="en")
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') == 2
    assert '<title id="gantt-title">Timeline</title>' in page
    assert "Gantt chart: 4 bars from 2023-01-01 to 2025-12-31." in page
    assert '<title id="net-title">Coordination</title>' in page
    assert "List of ties" in page
    assert "partner in actions led by" in page
    assert "font-face" not in page


def test_a_landscape_needs_the_plan_named() -> None:
    data = copy.deepcopy(FULL)
    plan = data.pop("plan")
    other = {"id": "altro", "kind": "equality_plan", "name": "Altro piano", "owner": "org-cm"}
    data.update(document="landscape", plans=[plan, other])
    data["bodies"].append({"id": "estraneo", "kind": "committee", "name": "Comitato estraneo"})
    doc = uguaglianza.from_data(data)
    assert isinstance(doc, Landscape)
    with pytest.raises(UnknownPlanError, match=r"holds 2 plans; name one .*: piano, altro"):
        dossier(doc)
    with pytest.raises(UnknownPlanError, match="no plan 'nessuno'"):
        dossier(doc, plan="nessuno")
    page = _text(dossier(doc, plan="piano", lang="en"))
    assert "Sportello antidiscriminazione" in page
    assert "Comitato estraneo" not in page  # bodies that have nothing to do with the plan
    assert "Contributo regionale" not in page  # a grant not tied to the plan
    assert "Relazione di monitoraggio" in page  # an obligation about the plan
    for about_the_plan in ("plans[0].areas[1]", "acts[0].issuer", "bodies[0].chair"):
        assert about_the_plan in page  # findings on the plan and what it uses
    for elsewhere in ("plans[1].period", "bodies[1].members", "grants[0].call"):
        assert elsewhere not in page  # findings on what the dossier does not show
    other_page = _text(dossier(doc, plan="altro", lang="en"))
    assert "Sportello antidiscriminazione" not in other_page


def test_a_related_plan_can_be_chosen() -> None:
    doc = uguaglianza.load(EXAMPLES[0])
    assert isinstance(doc, PlanDocument)
    if not doc.related_plans:
        doc = next(
            d
            for d in map(uguaglianza.load, EXAMPLES)
            if isinstance(d, PlanDocument) and d.related_plans
        )
    related = doc.related_plans[0]
    page = _text(dossier(doc, plan=related.id, lang="en"))
    assert related.label("en") in page


def test_bad_arguments_are_refused() -> None:
    doc = hostile_document()
    with pytest.raises(ValueError, match="unknown dossier format 'pdf'"):
        dossier(doc, to="pdf")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown dossier language 'fr'"):
        dossier(doc, lang="fr")  # type: ignore[arg-type]


def test_without_the_extra_it_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "jinja2", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'uguaglianza\[report\]'"):
        dossier(hostile_document())


def test_the_coordination_picture_keeps_the_actors_with_most_ties() -> None:
    data = copy.deepcopy(FULL)
    extra = [{"id": f"org-{n:02d}", "kind": "comune", "name": f"Comune {n:02d}"} for n in range(40)]
    data["organisations"] += extra
    data["plan"]["actions"][0]["partners"] += [org["id"] for org in extra]
    page = dossier(uguaglianza.from_data(data), lang="en")
    picture = page[
        page.index('<title id="net-title">') : page.index("</svg>", page.index("net-title"))
    ]
    assert picture.count("<circle") == 30 + 5  # thirty actors and the legend's five kinds
    assert "Showing the 30 actors with the most ties, out of 4" in page
    assert "Comune 39" in page  # the list of ties below the picture has every actor


def test_the_subpackage_is_reached_from_the_package() -> None:
    assert uguaglianza.dossier.dossier is dossier
