"""Rich display in notebooks: HTML of documents, entities, reports and results; str()."""

from __future__ import annotations

import html.parser
from collections.abc import Iterator
from typing import Any

import pytest

import uguaglianza
from uguaglianza.display import MAX_ROWS, get_language, set_language, to_html
from uguaglianza.graph import coordination_graph, what_if
from uguaglianza.model.plan import Action

EXAMPLE = "examples/bologna-piano-uguaglianza.yaml"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    before = get_language()
    set_language("en")
    yield
    set_language(before)


class _Checker(html.parser.HTMLParser):
    """Collects the text and checks that every element opened is closed."""

    VOID = frozenset({"br", "hr", "img"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []
        self.links: dict[str, str] = {}
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)
        if tag == "a":
            self._href = dict(attrs).get("href")

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()
        if tag == "a":
            self._href = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._href:
            self.links[data] = self._href


def parsed(fragment: str) -> _Checker:
    checker = _Checker()
    checker.feed(fragment)
    checker.close()
    assert not checker.stack, checker.stack
    return checker


def test_a_document_shows_its_plan_actions_and_bodies_with_names() -> None:
    doc = uguaglianza.load(EXAMPLE)
    page = parsed(doc._repr_html_())
    text = "".join(page.text)
    assert doc.plan.actions[0].label("en") in text
    lead = doc.index.get(doc.plan.actions[0].lead or "")
    assert lead is not None
    assert page.links[lead.entity.label("en")] == "#ug-" + lead.entity.id.replace(".", "_")
    assert doc.bodies[0].label("en") in text


def test_the_language_setting_and_argument_choose_the_words_and_names() -> None:
    doc = uguaglianza.load(EXAMPLE)
    english, italian = doc.to_html("en"), doc.to_html("it")
    assert "Actions" not in italian and "Lead" in english and "Capofila" in italian
    assert doc.plan.label("it") in "".join(parsed(italian).text)
    assert doc.plan.label("en") in "".join(parsed(english).text)
    set_language("it")
    assert doc._repr_html_() == italian
    with pytest.raises(ValueError, match="'it' and 'en'"):
        set_language("fr")


def test_an_entity_links_its_references_to_the_names_in_its_document() -> None:
    doc = uguaglianza.load(EXAMPLE)
    action = next(a for a in doc.plan.actions if a.lead)
    lead = doc.index.get(action.lead or "")
    assert lead is not None
    page = parsed(action._repr_html_())
    assert lead.entity.label("en") in page.links
    # On its own, outside any document, the id is shown.
    alone = Action(id="x", name="X", lead="somebody")
    assert "<code>somebody</code>" in alone._repr_html_()


def test_text_is_escaped() -> None:
    action = Action(id="x", name="<script>alert(1)</script>", description='a & "b"')
    fragment = action.to_html()
    assert "<script>" not in fragment
    assert "&lt;script&gt;" in fragment and "&amp; &quot;b&quot;" in fragment
    parsed(fragment)


def test_long_lists_are_cut_with_a_count() -> None:
    actions = [Action(id=f"a{i}", name=f"Action {i}") for i in range(MAX_ROWS + 7)]
    doc = uguaglianza.load(EXAMPLE)
    plan = doc.plan.model_copy(update={"actions": tuple(actions)})
    fragment = doc.model_copy(update={"plan": plan}).to_html("en")
    text = "".join(parsed(fragment).text)
    assert f"Action {MAX_ROWS - 1}" in text and f"Action {MAX_ROWS}" not in text
    assert "and 7 more" in text


def test_str_of_a_finding_is_the_command_line_s_line_and_of_a_report_a_summary() -> None:
    report = uguaglianza.validate(uguaglianza.load(EXAMPLE))
    finding = report.findings[0]
    assert str(finding) == finding.format("en")
    assert "\n" not in str(finding)
    assert str(report) == f"no errors: {report.summary('en')}"
    codes = sorted({found.code for found in report.findings})
    assert repr(report) == f"<Report: {report.summary('en')}; {', '.join(codes)}>"
    assert repr(type(report)()) == "<Report: 0 errors, 0 warnings, 0 infos>"
    set_language("it")
    assert str(finding) == finding.format("it")
    assert str(report).startswith("nessun errore: ")
    page = parsed(report._repr_html_())
    assert finding.message.get("it") in "".join(page.text)
    assert finding.format("it") in "".join(parsed(finding._repr_html_()).text)


def test_analysis_results_show_as_tables() -> None:
    graph = coordination_graph(uguaglianza.load(EXAMPLE))
    result = what_if(graph, remove_nodes=["org-cm-bologna"])
    page = parsed(result._repr_html_())
    assert "changes" in "".join(page.text)
    for metric in result.changes:
        assert metric.metric in page.text


def test_to_html_refuses_what_it_cannot_show() -> None:
    with pytest.raises(TypeError, match="cannot show a int"):
        to_html(3)


def test_a_document_s_html_counts_its_contents() -> None:
    doc: Any = uguaglianza.load(EXAMPLE)
    fragment = to_html(doc, "en")
    assert f"territory {len(doc.territories)}" in fragment
