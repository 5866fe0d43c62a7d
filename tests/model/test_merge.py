"""Merging documents from several sources: field by field, with provenance and identity."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import uguaglianza
from uguaglianza.io import to_data
from uguaglianza.model import Landscape, PlanDocument, SourceNote, merge, merge_documents

Factory = Callable[[], dict[str, Any]]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _doc(data: dict[str, Any]) -> PlanDocument:
    doc = uguaglianza.from_data(data)
    assert isinstance(doc, PlanDocument)
    return doc


def _sources(data: dict[str, Any], *entries: tuple[str, str | None]) -> None:
    data["sources"] = [
        {"id": source_id, "name": source_id, **({"date": date} if date else {})}
        for source_id, date in entries
    ]


def _two(minimal: Factory) -> tuple[dict[str, Any], dict[str, Any]]:
    """Two documents from two sources about the same metropolitan city, other plans."""
    first, second = minimal(), minimal()
    _sources(first, ("lettera", "2022-07-13"))
    _sources(second, ("delibera", "2024-03-01"))
    second["id"] = "doc-2"
    second["plan"] = {
        "id": "plan-2",
        "kind": "anti_violence_plan",
        "name": "Accordo antiviolenza",
        "owner": "org-cm",
    }
    for data, source in ((first, "lettera"), (second, "delibera")):
        data["organisations"][0]["source"] = {"document": source, "quote": source}
    return first, second


def _by_id(items: Any, entity_id: str) -> Any:
    return next(item for item in items if item.id == entity_id)


def test_the_same_entity_merges_field_by_field(minimal: Factory) -> None:
    first, second = _two(minimal)
    org = first["organisations"][0]
    org["translations"] = {"en": "Metropolitan City of Bologna"}
    org["absent"] = {"website": "not_stated", "email": "not_stated"}
    org["aliases"] = ["CM Bologna"]
    other = second["organisations"][0]
    other["translations"] = {"fr": "Ville métropolitaine de Bologne"}
    other["website"] = "https://www.cittametropolitana.bo.it"
    other["aliases"] = ["CM Bologna", "Città metropolitana"]
    other["absent"] = {"email": "withheld", "acronym": "not_stated"}
    landscape = merge([_doc(first), _doc(second)], id="tutto")
    (merged,) = landscape.organisations
    assert merged.name == "Città metropolitana di Bologna"  # equal: kept once
    assert merged.website == "https://www.cittametropolitana.bo.it"  # taken from the other
    assert merged.translations == {
        "en": "Metropolitan City of Bologna",
        "fr": "Ville métropolitaine de Bologne",
    }
    assert merged.aliases == ("CM Bologna", "Città metropolitana")
    # website is now stated; email keeps the more precise reason; acronym stays unknown.
    assert merged.absent == {"email": "withheld", "acronym": "not_stated"}
    assert [plan.id for plan in landscape.plans] == ["plan-1", "plan-2"]


def test_every_statement_keeps_the_sources_that_support_it(minimal: Factory) -> None:
    first, second = _two(minimal)
    second["organisations"][0]["website"] = "https://www.cittametropolitana.bo.it"
    (merged,) = merge([_doc(first), _doc(second)], id="tutto").organisations
    assert merged.source == SourceNote(
        document="lettera", quote="lettera", fields=("kind", "name", "territory")
    )
    assert merged.other_sources == (SourceNote(document="delibera", quote="delibera"),)


def test_a_second_source_of_a_nested_fact_names_the_field(minimal: Factory) -> None:
    first, second = _two(minimal)
    link = {"territory": "cm-bo", "kind": "administrative"}
    first["territories"][1]["part_of"] = [{**link, "source": {"document": "lettera"}}]
    second["territories"][1]["part_of"] = [
        {**link, "source": {"document": "delibera"}},
        {"territory": "cm-bo", "kind": "socio_health_district"},
    ]
    landscape = merge([_doc(first), _doc(second)], id="tutto")
    comune = _by_id(landscape.territories, "com-bo")
    assert [(p.kind, p.source) for p in comune.part_of] == [
        ("administrative", SourceNote(document="lettera")),
        ("socio_health_district", None),
    ]
    assert comune.other_sources == (SourceNote(document="delibera", fields=("part_of",)),)


def test_nested_entities_merge_by_id_and_their_references_never_block(
    minimal: Factory,
) -> None:
    first, second = _two(minimal)
    body = {"id": "tavolo", "kind": "coordination_table", "name": "Tavolo metropolitano"}
    first["bodies"] = [
        {
            **body,
            "meetings": [
                {"id": "m1", "date": "2022-05-01", "agenda": [{"title": "Piano", "plan": "plan-1"}]}
            ],
        }
    ]
    second["bodies"] = [
        {
            **body,
            "meetings": [
                {"id": "m1", "place": "Palazzo Malvezzi"},
                {"id": "m2", "agenda": [{"title": "Accordo", "plan": "plan-2"}]},
            ],
        }
    ]
    landscape = merge([_doc(first), _doc(second)], id="tutto")
    (tavolo,) = landscape.bodies
    m1, m2 = tavolo.meetings
    assert (m1.id, str(m1.date), m1.place) == ("m1", "2022-05-01", "Palazzo Malvezzi")
    assert m1.agenda[0].plan == "plan-1" and m2.agenda[0].plan == "plan-2"


def test_contradictions_are_all_raised_with_both_values_and_sources(minimal: Factory) -> None:
    first, second = _two(minimal)
    second["organisations"][0]["kind"] = "province"
    second["organisations"][0]["name"] = "Provincia di Bologna"
    first["territories"][0]["translations"] = {"en": "Metropolitan City"}
    second["territories"][0]["translations"] = {"en": "Metro City of Bologna"}
    with pytest.raises(uguaglianza.MergeConflictError) as caught:
        merge([_doc(first), _doc(second)], id="tutto")
    issues = caught.value.issues
    assert [issue.path for issue in issues] == [
        "territories[0].translations.en",
        "organisations[0].name",
        "organisations[0].kind",
    ]
    kind = issues[2]
    assert kind.message == (
        "organisation 'org-cm': kind is 'metropolitan_city' in doc-test (source lettera) "
        "and 'province' in doc-2 (source delibera)"
    )
    assert kind.file == "doc-2" and kind.value == "'province'"
    assert "--prefer" in (kind.hint or "")


def test_prefer_newest_keeps_the_value_of_the_later_source(minimal: Factory) -> None:
    first, second = _two(minimal)
    second["organisations"][0]["acronym"] = "CMBO"
    first["organisations"][0]["acronym"] = "CM BO"
    result = merge_documents([_doc(first), _doc(second)], id="tutto", prefer="newest")
    assert result.landscape.organisations[0].acronym == "CMBO"  # delibera, 2024
    (resolved,) = result.resolved
    assert resolved.kept == "second" and resolved.second_side.source() == "delibera"
    assert "kept the value of doc-2 (source delibera)" in result.report()[-1]
    # The source that lost does not support the field any more.
    assert "acronym" not in result.landscape.organisations[0].source.fields  # type: ignore[union-attr]
    older = merge_documents([_doc(second), _doc(first)], id="tutto", prefer="newest")
    assert older.landscape.organisations[0].acronym == "CMBO"


def test_prefer_newest_leaves_undated_sources_in_conflict(minimal: Factory) -> None:
    first, second = _two(minimal)
    _sources(second, ("delibera", None))
    first["organisations"][0]["acronym"] = "CM BO"
    second["organisations"][0]["acronym"] = "CMBO"
    with pytest.raises(uguaglianza.MergeConflictError) as caught:
        merge([_doc(first), _doc(second)], id="tutto", prefer="newest")
    assert [issue.path for issue in caught.value.issues] == ["organisations[0].acronym"]


def test_prefer_a_named_source_or_document(minimal: Factory) -> None:
    first, second = _two(minimal)
    first["organisations"][0]["acronym"] = "CM BO"
    second["organisations"][0]["acronym"] = "CMBO"
    docs = [_doc(first), _doc(second)]
    assert merge(docs, id="t", prefer="lettera").organisations[0].acronym == "CM BO"
    assert merge(docs, id="t", prefer="doc-2").organisations[0].acronym == "CMBO"
    with pytest.raises(uguaglianza.MergeConflictError):
        merge(docs, id="t", prefer="nessuna")


def test_entities_with_the_same_identifier_are_one_and_references_follow(
    minimal: Factory,
) -> None:
    first, second = _two(minimal)
    first["organisations"][0]["identifiers"] = [{"scheme": "it_cf", "value": "80019710374"}]
    other = second["organisations"][0]
    other["id"] = "cmbo"
    other["identifiers"] = [{"scheme": "it_cf", "value": "80019710374"}]
    second["plan"]["owner"] = "cmbo"
    second["relations"] = [{"kind": "coordinates", "subject": "cmbo", "target": "cm-bo"}]
    result = merge_documents([_doc(first), _doc(second)], id="tutto")
    landscape = result.landscape
    assert [org.id for org in landscape.organisations] == ["org-cm"]
    assert _by_id(landscape.plans, "plan-2").owner == "org-cm"
    assert landscape.relations[0].subject == "org-cm"
    (renaming,) = result.renamings
    assert renaming.to_text() == (
        "doc-2: organisation 'cmbo' is now 'org-cm' (same it_cf '80019710374' as in doc-test)"
    )


def test_territories_are_matched_by_istat_code(minimal: Factory) -> None:
    first, second = _two(minimal)
    first["territories"][0]["istat_code"] = "237"
    second["territories"][0] = {
        "id": "citta-metropolitana",
        "kind": "metropolitan_city",
        "name": "Città metropolitana di Bologna",
        "identifiers": [{"scheme": "istat", "value": "237"}],
    }
    second["territories"][1]["part_of"][0]["territory"] = "citta-metropolitana"
    second["organisations"][0]["territory"] = "citta-metropolitana"
    second["plan"]["scope"] = ["citta-metropolitana"]
    landscape = merge([_doc(first), _doc(second)], id="tutto")
    assert [t.id for t in landscape.territories] == ["cm-bo", "com-bo"]
    cm = landscape.territories[0]
    assert cm.istat_code == "237" and cm.identifier("istat") == "237"
    assert _by_id(landscape.plans, "plan-2").scope == ("cm-bo",)
    assert landscape.territories[1].part_of[0].territory == "cm-bo"


def test_an_id_of_another_kind_is_qualified_and_both_are_kept(minimal: Factory) -> None:
    first, second = _two(minimal)
    second["territories"].append({"id": "bologna", "kind": "comune", "name": "Bologna"})
    first["organisations"].append({"id": "bologna", "kind": "comune", "name": "Comune"})
    first["plan"]["actions"][0]["partners"] = ["bologna"]
    second["plan"]["scope"] = ["bologna"]
    result = merge_documents([_doc(first), _doc(second)], id="tutto")
    landscape = result.landscape
    assert landscape.index.kind_of("bologna") == "organisation"
    assert landscape.index.kind_of("bologna@doc-2") == "territory"
    assert _by_id(landscape.plans, "plan-2").scope == ("bologna@doc-2",)
    assert [r.new for r in result.renamings] == ["bologna@doc-2"]


def test_merging_a_document_with_itself_changes_nothing(minimal: Factory) -> None:
    doc = _doc(minimal())
    landscape = merge([doc, copy.deepcopy(doc)], id="tutto")
    assert landscape.organisations == doc.organisations
    assert landscape.territories == doc.territories


def test_two_bologna_documents_from_different_sources_merge() -> None:
    """The equality plan's letter and the anti-violence agreement's press: one landscape.

    They state the same metropolitan city (ids cm-bologna and cm-bo, one ISTAT code 237),
    its local authority (org-cm-bologna and cm-bologna), two districts, the person Matteo
    Lepore and two sources. On every fact they share they agree: the real disagreements
    are none. What differs is only how they write things: the accordo calls the districts
    "Distretto Pianura Est/Ovest" (kept as aliases), links them to the metropolitan city
    as socio-health districts (a further link, kept), and uses the ids comune-bologna and
    comune-imola for the comuni's organisations, which the plan uses for the territories
    (the organisations get qualified ids). A real disagreement added to either side is
    reported with both values and both sources.
    """
    piano = uguaglianza.load(EXAMPLES / "bologna-piano-uguaglianza.yaml")
    accordo = uguaglianza.load(EXAMPLES / "bologna-accordo-antiviolenza.yaml")
    result = merge_documents([piano, accordo], id="bologna")
    landscape = result.landscape
    assert isinstance(landscape, Landscape)
    assert {r.old: r.new for r in result.renamings} == {
        "cm-bo": "cm-bologna",
        "cm-bologna": "org-cm-bologna",
        "comune-bologna": "comune-bologna@bologna-accordo-antiviolenza",
        "comune-imola": "comune-imola@bologna-accordo-antiviolenza",
    }
    assert result.resolved == ()
    cm = _by_id(landscape.territories, "cm-bologna")
    assert str(cm.period.start) == "2015-01-01"  # from the accordo
    assert cm.translations == {"en": "Metropolitan City of Bologna"}  # from the plan
    est = _by_id(landscape.territories, "distretto-pianura-est")
    assert est.name == "Pianura Est" and est.aliases == ("Distretto Pianura Est",)
    assert [o.document for o in est.other_sources] == ["perledonne-firma"]
    government = _by_id(landscape.organisations, "org-cm-bologna")
    assert [o.document for o in government.other_sources] == ["wikipedia-cm-bologna"]
    assert "cm-bologna" not in {org.id for org in landscape.organisations}
    sindaco = _by_id(landscape.posts, "sindaco-metropolitano")
    assert sindaco.organisation == "org-cm-bologna"  # the accordo's reference, rewritten
    assert {p.id for p in landscape.plans} >= {piano.plan.id, accordo.plan.id}
    graph_nodes = {record.kind for record in landscape.index.entities.values()}
    assert {"territory", "organisation", "plan", "meeting"} <= graph_nodes

    # A real disagreement: the accordo calling the territory with code 237 a province.
    data = to_data(accordo)
    data["territories"][0]["kind"] = "province"
    with pytest.raises(uguaglianza.MergeConflictError) as caught:
        merge([piano, uguaglianza.from_data(data)], id="bologna")
    (issue,) = caught.value.issues
    assert issue.message == (
        "territory 'cm-bologna': kind is 'metropolitan_city' in bologna-piano-uguaglianza "
        "(source istat-codici-cm) and 'province' in bologna-accordo-antiviolenza "
        "(source istat-codici-cm)"
    )
