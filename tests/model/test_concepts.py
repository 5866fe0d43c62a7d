"""The concepts of format 2.0 in the model: known unknowns, seats, names, codes, services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

import uguaglianza
from uguaglianza.errors import DocumentError
from uguaglianza.model import (
    CoFinancing,
    Identifier,
    Membership,
    OpeningHours,
    Organisation,
    PlanDocument,
    Service,
    Tenure,
)

Factory = Callable[[], dict[str, Any]]


def issues_of(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(path, message) of every problem :func:`uguaglianza.from_data` finds in *data*."""
    with pytest.raises(DocumentError) as caught:
        uguaglianza.from_data(data)
    return [(issue.path, issue.message) for issue in caught.value.issues]


# --- Known unknowns ---------------------------------------------------------------------


def test_absent_records_why_a_field_is_empty(minimal: Factory) -> None:
    data = minimal()
    data["organisations"][0].pop("territory")
    data["organisations"][0]["absent"] = {"territory": "not_stated", "parent": "not_applicable"}
    data["plan"]["absent"] = {"period": "not_yet_decided", "owner": "withheld"}
    data["plan"].pop("owner")
    data["plan"]["milestones"] = [{"kind": "adoption", "absent": {"date": "not_stated"}}]
    doc = uguaglianza.from_data(data)
    org = doc.organisations[0]
    assert org.is_absent("territory") and org.is_absent("parent")
    assert not org.is_absent("acronym")
    assert doc.plan.absent == {"period": "not_yet_decided", "owner": "withheld"}
    assert doc.plan.milestones[0].is_absent("date")
    again = uguaglianza.loads(uguaglianza.dumps(doc, "yaml"), "yaml")
    assert again == doc


def test_absent_naming_no_field_is_an_error_listing_the_fields(minimal: Factory) -> None:
    data = minimal()
    data["organisations"][0]["absent"] = {"telefono": "not_stated"}
    ((path, message),) = issues_of(data)
    assert path == "organisations[0]"
    assert "'telefono'" in message and "not a field that can be unknown" in message
    assert "territory" in message and "parent" in message  # the fields it could name
    assert "extensions" not in message.split("fields:")[1]


@pytest.mark.parametrize("field", ["id", "source", "notes", "extensions", "absent"])
def test_absent_cannot_name_identity_or_provenance(minimal: Factory, field: str) -> None:
    data = minimal()
    data["organisations"][0]["absent"] = {field: "not_stated"}
    ((path, message),) = issues_of(data)
    assert path == "organisations[0]" and f"{field!r}" in message


def test_absent_on_a_field_with_a_value_is_an_error(minimal: Factory) -> None:
    data = minimal()
    data["organisations"][0]["absent"] = {"territory": "not_stated"}
    ((path, message),) = issues_of(data)
    assert path == "organisations[0]"
    assert "'territory' has a value and is also recorded as absent" in message


@pytest.mark.parametrize(
    ("where", "item", "field"),
    [
        ("plan.milestones", {"kind": "adoption"}, "planned"),
        ("plan.actions", None, "intersectional"),
    ],
)
def test_absent_on_a_field_that_always_has_a_value_is_an_error(
    minimal: Factory, where: str, item: dict[str, Any] | None, field: str
) -> None:
    data = minimal()
    if item is None:
        data["plan"]["actions"][0]["absent"] = {field: "not_stated"}
        expected = "plan.actions[0]"
    else:
        data["plan"]["milestones"] = [{**item, "absent": {field: "not_stated"}}]
        expected = "plan.milestones[0]"
    ((path, message),) = issues_of(data)
    assert path == expected
    assert f"field {field!r} always has a value" in message and "cannot be recorded" in message


def test_an_unknown_reason_is_an_error(minimal: Factory) -> None:
    data = minimal()
    data["plan"]["absent"] = {"period": "forgotten"}
    ((path, message),) = issues_of(data)
    assert path == "plan.absent.period"
    assert "not_stated" in message


# --- Seats ------------------------------------------------------------------------------


def test_a_membership_names_a_member_or_counts_seats_of_a_category() -> None:
    counted = Membership(seats=9, category="esperti degli enti locali")
    assert (counted.member, counted.seats, counted.role) == (None, 9, "member")
    named = Membership(member="org-a", seats=2, category="delegati")
    assert named.member == "org-a"
    for missing in ({}, {"seats": 3}, {"category": "esperti"}):
        with pytest.raises(ValidationError, match="names its member, or counts seats"):
            Membership(**missing)
    with pytest.raises(ValidationError, match="greater than or equal to 1"):
        Membership(seats=0, category="esperti")


def test_seats_without_a_member_load_and_give_no_edge(minimal: Factory) -> None:
    data = minimal()
    data["bodies"] = [
        {
            "id": "osservatorio",
            "kind": "observatory",
            "name": "Osservatorio",
            "members": [
                {"member": "org-cm", "role": "chair"},
                {"seats": 9, "category": "esperti degli enti locali"},
                {"seats": 3, "category": "esperti delle aziende sanitarie"},
            ],
        }
    ]
    doc = uguaglianza.from_data(data)
    seats = doc.bodies[0].members
    assert sum(seat.seats or 1 for seat in seats) == 13
    graph = uguaglianza.coordination_graph(doc)
    assert [u for u, _, kind in graph.in_edges("osservatorio", keys=True)] == ["org-cm"]
    data["bodies"][0]["members"].append({"seats": 2})
    ((path, message),) = issues_of(data)
    assert path == "bodies[0].members[3]" and "'seats' and 'category'" in message


# --- Names in several languages, identifiers --------------------------------------------


def test_label_gives_the_translation_or_the_name_as_written() -> None:
    org = Organisation(
        id="ayto",
        kind="comune",
        name="Ayuntamiento de Getafe",
        translations={"en": "Getafe City Council", "it": "Comune di Getafe"},
    )
    assert org.label() == "Ayuntamiento de Getafe"
    assert org.label("en") == "Getafe City Council"
    assert org.label("it") == "Comune di Getafe"
    assert org.label("de") == "Ayuntamiento de Getafe"


@pytest.mark.parametrize("tag", ["en", "es", "cat", "pt-BR", "sr-Latn", "sr-Latn-RS", "es-419"])
def test_translations_are_keyed_by_language_tags(minimal: Factory, tag: str) -> None:
    data = minimal()
    data["language"] = "es" if tag != "es" else "it"
    data["organisations"][0]["translations"] = {tag: "Nome"}
    doc = uguaglianza.from_data(data)
    assert doc.organisations[0].label(tag) == "Nome"


@pytest.mark.parametrize("tag", ["EN", "english", "e", "pt_BR", "pt-br", ""])
def test_a_translation_under_no_language_tag_is_an_error(minimal: Factory, tag: str) -> None:
    data = minimal()
    data["organisations"][0]["translations"] = {tag: "Nome"}
    ((path, message),) = issues_of(data)
    assert path.startswith("organisations[0].translations")
    assert "pattern" in message or "match" in message


def test_a_translation_cannot_be_empty(minimal: Factory) -> None:
    data = minimal()
    data["plan"]["translations"] = {"en": ""}
    ((path, _),) = issues_of(data)
    assert path == "plan.translations.en"


def test_the_document_language_is_a_tag(minimal: Factory) -> None:
    data = minimal()
    assert uguaglianza.from_data(data).language == "it"
    data["language"] = "Italiano"
    ((path, _),) = issues_of(data)
    assert path == "language"


def test_identifiers_by_scheme(minimal: Factory) -> None:
    data = minimal()
    data["territories"][0]["identifiers"] = [
        {"scheme": "nuts", "value": "ITH55", "period": {"start": "2021"}},
        {"scheme": "istat", "value": "237"},
        {"scheme": "nuts", "value": "ITD55", "period": {"end": "2020"}},
    ]
    territory = uguaglianza.from_data(data).territories[0]
    assert territory.identifier("nuts") == "ITH55"  # the first of the scheme
    assert territory.identifier("istat") == "237"
    assert territory.identifier("lau") is None


def test_an_identifier_needs_a_known_scheme_and_a_value(minimal: Factory) -> None:
    data = minimal()
    data["territories"][0]["identifiers"] = [{"scheme": "catasto", "value": "A944"}]
    ((path, message),) = issues_of(data)
    assert path == "territories[0].identifiers[0].scheme" and "catasto" in message
    with pytest.raises(ValidationError):
        Identifier(scheme="nuts", value="")


# --- Declared codes with broader codes --------------------------------------------------


def _declared(minimal: Factory, codes: list[dict[str, Any]]) -> dict[str, Any]:
    data = minimal()
    data["codelists"] = {"territory_kinds": codes}
    return data


def test_a_declared_code_may_narrow_a_shipped_or_a_declared_one(minimal: Factory) -> None:
    data = _declared(
        minimal,
        [
            {"code": "barrio", "name": "Barrio", "broader": "municipio"},
            {"code": "municipio", "name": "Municipio", "broader": "municipality"},
        ],
    )
    data["territories"][1]["kind"] = "barrio"
    doc = uguaglianza.from_data(data)
    assert [code.broader for code in doc.codelists["territory_kinds"]] == [
        "municipio",
        "municipality",
    ]


def test_an_unknown_broader_code_is_located_at_the_declared_code(minimal: Factory) -> None:
    data = _declared(
        minimal,
        [
            {"code": "municipio", "name": "Municipio", "broader": "municipality"},
            {"code": "barrio", "name": "Barrio", "broader": "quartiere_inesistente"},
        ],
    )
    ((path, message),) = issues_of(data)
    assert path == "codelists.territory_kinds[1].broader"
    assert "quartiere_inesistente" in message and "same codelist" in message


def test_a_cycle_among_declared_codes_is_located(minimal: Factory) -> None:
    data = _declared(
        minimal,
        [
            {"code": "zona", "name": "Zona", "broader": "distrito"},
            {"code": "distrito", "name": "Distrito", "broader": "zona"},
        ],
    )
    ((path, message),) = issues_of(data)
    assert path in ("codelists.territory_kinds[0].broader", "codelists.territory_kinds[1].broader")
    assert "cycle" in message


def test_a_declared_code_cannot_be_its_own_broader(minimal: Factory) -> None:
    data = _declared(minimal, [{"code": "zona", "name": "Zona", "broader": "zona"}])
    ((path, _),) = issues_of(data)
    assert path == "codelists.territory_kinds[0].broader"


# --- Services over time -----------------------------------------------------------------


def test_operators_at_a_date_follow_their_tenures() -> None:
    service = Service(
        id="cav",
        kind="anti_violence_centre",
        name="Centro antiviolenza",
        operators=(
            Tenure(operator="coop-a", period={"start": "2015", "end": "2019-06"}),  # type: ignore[arg-type]
            Tenure(operator="coop-b", period={"start": "2019-07"}),  # type: ignore[arg-type]
            Tenure(operator="comune"),
        ),
    )
    assert service.operators_at(dt.date(2014, 12, 31)) == ("comune",)
    assert service.operators_at(dt.date(2017, 3, 1)) == ("coop-a", "comune")
    assert service.operators_at(dt.date(2019, 6, 30)) == ("coop-a", "comune")
    assert service.operators_at(dt.date(2019, 7, 1)) == ("coop-b", "comune")
    assert Service(id="s", kind="helpline", name="Linea").operators_at(dt.date(2020, 1, 1)) == ()


@pytest.mark.parametrize(("opens", "closes"), [("00:00", "24:00"), ("09:30", "13:00")])
def test_opening_hours_take_clock_times(opens: str, closes: str) -> None:
    hours = OpeningHours(days=("mo", "tu"), opens=opens, closes=closes)
    assert (hours.opens, hours.closes) == (opens, closes)


@pytest.mark.parametrize("clock", ["9:30", "24:01", "25:00", "12:60", "0930", "12.30", "noon"])
def test_opening_hours_refuse_what_is_not_a_clock_time(minimal: Factory, clock: str) -> None:
    with pytest.raises(ValidationError):
        OpeningHours(days=("mo",), opens=clock, closes="18:00")
    data = minimal()
    data["services"] = [
        {
            "id": "sportello",
            "kind": "anti_discrimination_desk",
            "name": "Sportello",
            "opening_hours": [{"days": ["mo"], "opens": "09:00", "closes": clock}],
        }
    ]
    ((path, _),) = issues_of(data)
    assert path == "services[0].opening_hours[0].closes"


def test_opening_hours_name_known_weekdays(minimal: Factory) -> None:
    data = minimal()
    data["services"] = [
        {
            "id": "sportello",
            "kind": "anti_discrimination_desk",
            "name": "Sportello",
            "opening_hours": [{"days": ["lun"], "opens": "09:00", "closes": "12:00"}],
        }
    ]
    ((path, message),) = issues_of(data)
    assert path == "services[0].opening_hours[0].days[0]" and "lun" in message


# --- Money ------------------------------------------------------------------------------


@pytest.mark.parametrize("share", ["0", "12.5", "100"])
def test_a_co_financing_share_is_a_percentage(share: str) -> None:
    assert CoFinancing(funder="fund", share=Decimal(share)).share == Decimal(share)


@pytest.mark.parametrize("share", ["-0.01", "100.01", "150"])
def test_a_co_financing_share_outside_0_100_is_an_error(minimal: Factory, share: str) -> None:
    with pytest.raises(ValidationError):
        CoFinancing(funder="fund", share=Decimal(share))
    data = minimal()
    data["funds"] = [{"id": "fondo", "name": "Fondo"}]
    data["grants"] = [
        {
            "id": "contributo",
            "name": "Contributo",
            "fund": "fondo",
            "co_financing": [{"funder": "fondo", "share": share}],
        }
    ]
    ((path, _),) = issues_of(data)
    assert path == "grants[0].co_financing[0].share"


# --- Several plans in a plan document ---------------------------------------------------


def test_plans_list_gives_the_plan_then_its_related_plans(minimal: Factory) -> None:
    data = minimal()
    assert uguaglianza.from_data(data).plans_list()[0].id == "plan-1"
    data["plan"]["links"] = [
        {"kind": "part_of", "plan": "piao"},
        {"kind": "supersedes", "plan": "pap-old"},
    ]
    data["related_plans"] = [
        {"id": "piao", "kind": "other", "name": "PIAO 2023-2025"},
        {"id": "pap-old", "kind": "positive_action_plan", "name": "PAP 2020-2022"},
    ]
    doc = uguaglianza.from_data(data)
    assert isinstance(doc, PlanDocument)
    assert [plan.id for plan in doc.plans_list()] == ["plan-1", "piao", "pap-old"]
    assert doc.index.kind_of("pap-old") == "plan"
    assert [link.plan for link in doc.plan.links] == ["piao", "pap-old"]


def test_a_link_to_a_plan_the_document_lacks_is_an_error(minimal: Factory) -> None:
    data = minimal()
    data["plan"]["links"] = [{"kind": "supersedes", "plan": "pap-old"}]
    ((path, message),) = issues_of(data)
    assert path == "plan.links[0].plan" and "pap-old" in message


def test_related_plans_share_the_document_ids(minimal: Factory) -> None:
    data = minimal()
    data["related_plans"] = [{"id": "a-1", "kind": "other", "name": "Stesso id di un'azione"}]
    ((path, message),) = issues_of(data)
    assert "related_plans[0]" in path + message and "a-1" in message
