"""Every example file loads, says what its source says, validates and round-trips intact."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import BaseModel

import uguaglianza
from uguaglianza.io import to_data
from uguaglianza.io._yaml import parse_yaml
from uguaglianza.model import Money, PlanDocument, SourceNote

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NAMES = [
    "bologna-piano-uguaglianza.yaml",
    "bologna-tavolo-coordinamento.yaml",
    "milano-reaction.yaml",
    "piemonte-fami-unar.yaml",
    "provincia-immigrazione-inclusione.yaml",
]


def _load(name: str) -> PlanDocument:
    doc = uguaglianza.load(EXAMPLES / name)
    assert isinstance(doc, PlanDocument)
    return doc


def _json(value: Any) -> Any:
    """A model as JSON-compatible data (dates, durations and amounts as strings)."""
    return value.model_dump(mode="json", exclude_defaults=True)


def _by_id(items: Any, entity_id: str | None) -> Any:
    found = [item for item in items if item.id == entity_id]
    assert len(found) == 1, f"expected one {entity_id!r}, found {len(found)}"
    return found[0]


def test_the_examples_are_the_five_seeds_and_the_format_2_examples() -> None:
    from tests.test_examples_lifecycle import NAMES as FORMAT_2_NAMES

    expected = sorted(NAMES + FORMAT_2_NAMES)
    assert sorted(path.name for path in EXAMPLES.glob("*.yaml")) == expected
    assert sorted(path.name for path in EXAMPLES.glob("*.json")) == []


@pytest.mark.parametrize("name", NAMES)
def test_example_is_a_self_contained_plan_document(name: str) -> None:
    doc = _load(name)
    assert doc.document == "plan"
    assert doc.schema_version == "2.0"
    assert doc.id == name.removesuffix(".yaml")
    assert doc.name and doc.description and doc.sources
    assert doc.origin == str(EXAMPLES / name)


@pytest.mark.parametrize("name", NAMES)
def test_every_source_is_a_public_page_or_a_page_the_project_ships(name: str) -> None:
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    assert "domain.md" not in text
    for page in re.findall(r"docs/[A-Za-z0-9_-]+\.md", text):
        assert (EXAMPLES.parent / page).is_file(), page
    doc = _load(name)
    for source in doc.sources:
        shipped = re.search(r"docs/[A-Za-z0-9_-]+\.md", source.name)
        if shipped:
            page = (EXAMPLES.parent / shipped.group()).read_text(encoding="utf-8")
            page_text = " ".join(page.split())  # quotes may span the page's line breaks
            quotes = [
                " ".join(note.quote.split())
                for note in _source_notes(doc)
                if note.document == source.id and note.quote is not None
            ]
            assert quotes, f"{source.id} is cited nowhere"
            assert [q for q in quotes if q not in page_text] == []
        else:
            assert source.publisher or source.is_absent("publisher"), source.id


def _source_notes(doc: PlanDocument) -> Iterator[SourceNote]:
    """Every source note in the document, wherever it sits."""

    def walk(value: Any) -> Iterator[SourceNote]:
        if isinstance(value, SourceNote):
            yield value
        elif isinstance(value, BaseModel):
            for field in type(value).model_fields:
                yield from walk(getattr(value, field))
        elif isinstance(value, tuple | list):
            for item in value:
                yield from walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                yield from walk(item)

    return walk(doc)


@pytest.mark.parametrize("name", NAMES)
def test_every_entity_cites_its_source_with_a_quote(name: str) -> None:
    doc = _load(name)
    missing = [
        entity_id
        for entity_id, record in doc.index.entities.items()
        if record.kind not in ("source", "relation")
        and (record.entity.source is None or not record.entity.source.quote)
    ]
    assert missing == []
    assert all(rel.source is not None and rel.source.quote for rel in doc.relations)


# --- Bologna: the Piano per l'Uguaglianza metropolitano (seed 001) ---------------------

DISTRICT_SIZES = {
    "Città di Bologna": 1,
    "Pianura Est": 15,
    "Pianura Ovest": 6,
    "Reno, Lavino e Samoggia": 5,
    "Appennino Bolognese": 12,
    "Savena-Idice": 6,
    "Imola": 10,
}


# The comuni's ISTAT codes the sources verify; comuni keep the province's prefix 037.
VERIFIED_ISTAT_CODES = {
    "comune-bologna": "037006",
    "comune-imola": "037032",
    "comune-valsamoggia": "037061",
    "comune-alto-reno-terme": "037062",
}


@pytest.fixture(scope="module")
def bologna() -> PlanDocument:
    return _load("bologna-piano-uguaglianza.yaml")


def test_bologna_has_55_comuni_in_7_districts(bologna: PlanDocument) -> None:
    comuni = [t for t in bologna.territories if t.kind == "comune"]
    districts = {t.id: t for t in bologna.territories if t.kind == "socio_health_district"}
    assert len(comuni) == 55
    assert len({c.name for c in comuni}) == 55
    assert len(districts) == 7
    per_district: Counter[str] = Counter()
    for comune in comuni:
        links = [link for link in comune.part_of if link.kind == "socio_health_district"]
        assert len(links) == 1, comune.name
        assert links[0].territory in districts
        per_district[districts[links[0].territory].name] += 1
        assert [link.territory for link in comune.part_of if link.kind == "administrative"] == [
            "cm-bologna"
        ]
        # Only the codes read on the comuni's public pages; the others are never invented.
        assert comune.istat_code == VERIFIED_ISTAT_CODES.get(comune.id)
        if comune.istat_code is not None:
            assert comune.source is not None and comune.istat_code in (comune.source.quote or "")
        # The district is the project's reconstruction, and says so.
        district_source = links[0].source or comune.source
        assert district_source is not None
        assert district_source.document == "territorio-ricostruito"
    assert dict(per_district) == DISTRICT_SIZES


def test_bologna_districts_belong_to_the_city_and_a_health_authority(
    bologna: PlanDocument,
) -> None:
    city = _by_id(bologna.territories, "cm-bologna")
    assert city.kind == "metropolitan_city"
    # ISTAT gives the metropolitan city its own code, 237; its comuni keep the prefix 037.
    assert city.istat_code == "237"
    assert city.source is not None
    assert (city.source.document, city.source.quote) == ("istat-codici-cm", "Bologna 237")
    for district in (t for t in bologna.territories if t.kind == "socio_health_district"):
        links = {link.kind: link.territory for link in district.part_of}
        expected = "area-ausl-imola" if district.name == "Imola" else "area-ausl-bologna"
        assert links == {"administrative": "cm-bologna", "health_authority_area": expected}
    authorities = {
        o.territory: o.name for o in bologna.organisations if o.kind == "health_authority"
    }
    assert authorities == {"area-ausl-bologna": "AUSL Bologna", "area-ausl-imola": "AUSL Imola"}


def test_bologna_merged_comuni_carry_their_start(bologna: PlanDocument) -> None:
    assert _json(_by_id(bologna.territories, "comune-valsamoggia"))["period"] == {
        "start": "2014-01-01"
    }
    assert _json(_by_id(bologna.territories, "comune-alto-reno-terme"))["period"] == {
        "start": "2016-01-01"
    }


def test_bologna_plan_has_five_areas_with_their_other_names(bologna: PlanDocument) -> None:
    plan = bologna.plan
    assert plan.kind == "equality_plan"
    assert plan.status == "participatory_process"
    assert plan.owner == "org-cm-bologna"
    assert plan.scope == ("cm-bologna",)
    assert _json(plan)["period"] == {"start": "2021", "end": "2026"}
    areas = {area.name: (area.aliases, area.reference) for area in plan.areas}
    assert areas == {
        "Lavoro Pagato": (("Lavoro pagato",), "bologna_paid_work"),
        "Lavoro non Pagato": (("Lavoro non pagato",), "bologna_unpaid_work"),
        "Contrasto alla Violenza su donne e minori": (
            ("Contrasto alla violenza di genere",),
            "bologna_violence",
        ),
        "Cultura dell'Uguaglianza": (("Cultura dell'uguaglianza",), "bologna_culture_of_equality"),
        "Contrasto alle discriminazioni multiple": (
            ("Contrasto alle Discriminazioni Multiple, Additive, Intersezionali",),
            "bologna_multiple_discrimination",
        ),
    }


def test_bologna_letter_is_an_act_with_its_protocol_number(bologna: PlanDocument) -> None:
    letter = _by_id(bologna.acts, "lettera-prot-28440-2022")
    assert letter.kind == "letter"
    assert letter.number == "28440/2022"
    assert letter.registry == "Prot. Gen."
    assert _json(letter)["date"] == "2022-05-10"
    assert letter.date_as_written == "10 maggio 2022"
    issuer = _by_id(bologna.posts, letter.issuer)
    assert issuer.kind == "sindaco_metropolitano"
    assert _by_id(bologna.persons, issuer.holder).name == "Matteo Lepore"
    assert letter.signatories == ("matteo-lepore",)
    effects = [(e.effect, e.target, e.planned, _json(e).get("date")) for e in letter.effects]
    assert effects == [
        ("announces", bologna.plan.id, False, None),
        ("adopts", bologna.plan.id, True, "2022-07"),
        ("announces", "raccolta-buone-prassi", True, None),
    ]


def test_bologna_adoption_is_an_act_of_the_council_whose_number_is_not_stated(
    bologna: PlanDocument,
) -> None:
    act = _by_id(bologna.acts, "adozione-piano-2022-07-13")
    assert (act.kind, _json(act)["date"], act.issuer) == (
        "council_resolution",
        "2022-07-13",
        "consiglio-metropolitano-bologna",
    )
    assert act.number is None
    assert act.absent["number"] == "not_stated"
    assert [(e.effect, e.target, e.planned) for e in act.effects] == [
        ("adopts", bologna.plan.id, False)
    ]
    assert act.source is not None and act.source.document == "improntaetica-adozione"
    assert "13 luglio 2022" in (act.source.quote or "")
    assert bologna.plan.aliases == ("Piano per l’Uguaglianza di genere 2021-2026",)


def test_bologna_councils_opinions_are_planned_not_given(bologna: PlanDocument) -> None:
    (opinion,) = bologna.opinions
    assert (opinion.by, opinion.on) == ("consigli-comunali-55-comuni", bologna.plan.id)
    assert opinion.planned
    assert opinion.date_as_written == "settembre/ottobre 2022"
    assert opinion.outcome is None and opinion.absent["outcome"] == "not_stated"
    councils = _by_id(bologna.bodies, "consigli-comunali-55-comuni")
    assert [(m.seats, m.member) for m in councils.members] == [(55, None)]


def test_bologna_plan_foresees_six_possible_bodies(bologna: PlanDocument) -> None:
    possible = [
        b for b in bologna.bodies if b.source and b.source.document == "carlino-architetture"
    ]
    assert [b.name for b in possible] == [
        "Tavoli metropolitani divisi per aree tematiche",
        "Tavolo ad hoc su pari opportunità e contrasto alla violenza",
        "Conferenza di delegate o delegati alle pari opportunità",
        "Assemblea di uguaglianza",
        "Cabina di regia",
        "Tavolo di monitoraggio",
    ]
    for body in possible:
        assert [s.status for s in body.statuses] == ["planned"]
        assert body.absent == {"members": "not_yet_decided", "period": "not_yet_decided"}


def test_bologna_ctssm_session_of_26_may_2022_has_the_plan_on_its_agenda(
    bologna: PlanDocument,
) -> None:
    ctssm = _by_id(bologna.bodies, "ctssm-bologna")
    assert ctssm.kind == "conference"
    assert ctssm.chair == "post-presidente-ctssm"
    assert ctssm.email == "conferenza.sanitaria@cittametropolitana.bo.it"
    president = _by_id(bologna.posts, ctssm.chair)
    assert (president.organisation, president.holder) == ("ctssm-bologna", "matteo-lepore")
    assert len([m for m in ctssm.members if m.member.startswith("distretto-")]) == 7
    (session,) = ctssm.meetings
    assert _json(session)["date"] == "2022-05-26"
    assert session.planned
    assert [item.plan for item in session.agenda] == [bologna.plan.id]


def test_bologna_milestones_from_announcement_to_adoption(bologna: PlanDocument) -> None:
    steps = [
        (m.kind, _json(m).get("date"), m.planned, m.source.document if m.source else None)
        for m in bologna.plan.milestones
    ]
    assert steps == [
        ("other", "2021-11", False, "pianouguaglianza-percorso"),
        ("consultation", "2021-12", False, "pianouguaglianza-percorso"),
        ("announcement", "2022-05-10", False, "lettera-28440-2022"),
        ("consultation", "2022-05-10", False, "lettera-28440-2022"),
        ("presentation", "2022-05-26", True, "lettera-28440-2022"),
        ("adoption", "2022-07", True, "lettera-28440-2022"),
        ("adoption", "2022-07-13", False, "improntaetica-adozione"),
        ("opinion", "2022", True, "pianouguaglianza-percorso"),
        ("adoption", "2022", True, "pianouguaglianza-percorso"),
    ]
    written = [m.date_as_written for m in bologna.plan.milestones]
    assert written[-2:] == ["settembre/ottobre 2022", "novembre/dicembre 2022"]
    assert all(written)


def test_bologna_machinery_and_participatory_meetings(bologna: PlanDocument) -> None:
    kinds = {body.kind for body in bologna.bodies}
    assert {"thematic_table", "assembly", "steering_room", "monitoring_table"} <= kinds
    meetings = _by_id(bologna.plan.actions, "incontri-distretti")
    assert len(meetings.territories) == 7
    assert meetings.status == "completed"
    collection = _by_id(bologna.plan.actions, "raccolta-buone-prassi")
    assert "conferenza.sanitaria@cittametropolitana.bo.it" in (collection.description or "")


# --- Bologna: the metropolitan coordination table (seed 000) ---------------------------


def test_table_has_nine_macro_actions_and_its_first_meeting() -> None:
    doc = _load("bologna-tavolo-coordinamento.yaml")
    actions = doc.plan.actions
    assert len(actions) == 9
    assert {a.kind for a in actions} == {"macro_action"}
    assert {a.lead for a in actions} == {"tavolo-coordinamento-metropolitano"}
    assert any(
        (r.kind, r.subject, r.target) == ("confirms", actions[-1].id, "gruppo-metropolitano-po")
        for r in doc.relations
    )
    assert set(actions[7].partners) == {
        "org-forze-ordine",
        "org-tribunale",
        "org-polizia-municipale",
    }
    table = _by_id(doc.bodies, "tavolo-coordinamento-metropolitano")
    chair = _by_id(doc.posts, table.chair)
    assert _by_id(doc.persons, chair.holder).name == "Elisabetta Scalambra"
    assert [(m.role, m.member) for m in table.members] == [
        ("chair", "post-consigliera-delegata-po"),
        ("delegate", "post-assessori-po-comuni"),
    ]
    (meeting,) = table.meetings
    assert meeting.date is None  # the source gives no year
    assert meeting.absent == {"date": "not_stated"}
    assert meeting.date_as_written == "9 marzo"
    assert meeting.place == "palazzo Malvezzi"


# --- A Province's immigration and inclusion objectives (seed 002) -----------------------


def test_province_objectives_include_a_conditional_action() -> None:
    doc = _load("provincia-immigrazione-inclusione.yaml")
    assert doc.plan.kind == "sectoral_objectives"
    assert "non indicata" in _by_id(doc.organisations, "org-provincia").name
    owner = _by_id(doc.organisations, doc.plan.owner)
    assert (owner.kind, owner.parent) == ("department", "org-provincia")
    assert len(doc.plan.actions) == 8
    conditional = [a for a in doc.plan.actions if a.conditions]
    assert len(conditional) == 1
    (condition,) = conditional[0].conditions
    assert condition.kind == "funding_available"
    assert (condition.text or "").startswith("Qualora vengano reperite adeguate risorse")
    (service,) = doc.services
    assert service.operators == () and service.absent == {"operators": "not_stated"}
    assert {a.absent.get("period") for a in doc.plan.actions} == {"not_stated"}
    trafficking = _by_id(doc.plan.actions, "ob-3-monitoraggio-tratta")
    assert set(trafficking.partners) == {"org-osservatorio-sociale-provinciale", "org-prefettura"}


# --- Regione Piemonte, FAMI 2021-2027 (seed 003) ----------------------------------------


def test_piemonte_grant_of_600000_euro_over_two_years() -> None:
    doc = _load("piemonte-fami-unar.yaml")
    (grant,) = doc.grants
    assert grant.amount == Money(amount=Decimal("600000"), currency="EUR")
    assert _json(grant)["amount"] == {"amount": "600000", "currency": "EUR"}
    assert _json(grant)["duration"] == "P2Y"
    assert grant.recipient == "org-regione-piemonte"
    (call,) = doc.calls
    assert (grant.call, call.kind, call.issuer) == (call.id, "expression_of_interest", "org-unar")
    (fund,) = doc.funds
    assert (fund.acronym, _json(fund)["period"]) == ("FAMI", {"start": "2021", "end": "2027"})
    assert _by_id(doc.persons, "enrico-bussalino").name == "Enrico Bussalino"
    platform = _by_id(doc.services, "piattaforma-piemontecontrolediscriminazioni")
    assert platform.kind == "reporting_platform"
    assert platform.url == "piemontecontrolediscriminazioni.it"
    networks = {m.network for s in doc.services for m in s.networks}
    assert networks == {"rete-antidiscriminazione-piemonte"}
    for service in doc.services:
        # The article names no operator and no period: recorded as not stated, not invented.
        assert service.operators == ()
        assert service.absent == {"operators": "not_stated"}
        assert [m.absent for m in service.networks] == [{"period": "not_stated"}]
    assert _by_id(doc.sources, "viminale-fami").url.startswith("http")


# --- Città metropolitana di Milano, REACTION (seed 004) ---------------------------------


def test_milan_reaction_lead_partners_through_agencies_and_phases() -> None:
    doc = _load("milano-reaction.yaml")
    project = _by_id(doc.projects, "reaction")
    assert project.acronym == "REACTION"
    assert project.lead == "org-cm-milano"
    assert [(p.member, p.through, p.status) for p in project.partners] == [
        ("org-comune-milano", "org-direzione-welfare-salute", "expressed_interest"),
        ("ambito-sud-est-milano", "org-assemi", "expressed_interest"),
        ("ambito-alto-milanese", "org-sole", "expressed_interest"),
        ("ambito-alto-milanese", "org-azienda-sociale-castano", "expressed_interest"),
    ]
    assert project.open_to_new_partners
    assert [(phase.order, phase.name.split()[0]) for phase in project.phases] == [
        (1, "mappatura"),
        (2, "consolidare"),
        (3, "attività"),
    ]
    for agency in ("org-assemi", "org-sole", "org-azienda-sociale-castano"):
        assert _by_id(doc.organisations, agency).kind == "special_agency"
    (grant,) = doc.grants
    assert (grant.status, grant.project, grant.amount) == ("admitted", "reaction", None)
    unar = _by_id(doc.organisations, "org-unar")
    assert unar.name.startswith("Ufficio per la promozione della parità di trattamento")
    assert doc.plan.name.startswith("REACTION - Rete mEtropolitana milAnese")
    assert _json(_by_id(doc.sources, "news-cm-milano-reaction"))["date"] == "2025-04-30"
    past = {rel.target for rel in doc.relations if rel.kind == "participates_in"}
    assert {"di-tu", "remix"} <= past
    assert grant.absent["amount"] == "not_stated"
    centres = {s.id: [spell.status for spell in s.statuses] for s in doc.services}
    assert centres == {
        "centri-antidiscriminazione-esistenti": ["active"],
        "nuovi-centri-antidiscriminazione": ["planned"],
    }
    for service in doc.services:
        assert [m.network for m in service.networks] == ["rete-reaction"]
        assert service.operators == () and service.absent["operators"] == "not_stated"


# --- Every example: rules, JSON Schema, round trips, nothing lost ------------------------


@pytest.mark.parametrize("name", NAMES)
def test_example_passes_the_rules_without_errors(name: str) -> None:
    # Warnings remain: they are what the sources leave open (see examples/README.md).
    report = uguaglianza.validate(_load(name), as_of=dt.date(2025, 5, 1))
    assert report.ok, report.to_text()


def test_bologna_districts_partition_the_metropolitan_city(bologna: PlanDocument) -> None:
    report = uguaglianza.validate(bologna, select=["UG1"], as_of=dt.date(2022, 5, 10))
    assert report.findings == ()


def _raw(name: str) -> Any:
    path = EXAMPLES / name
    return parse_yaml(path.read_text(encoding="utf-8"), file=str(path))


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = uguaglianza.json_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.mark.parametrize("name", NAMES)
def test_example_validates_against_the_json_schema(
    name: str, validator: Draft202012Validator
) -> None:
    for data in (_raw(name), to_data(_load(name))):
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == []


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@pytest.mark.parametrize("name", NAMES)
def test_example_round_trips(name: str, fmt: str) -> None:
    # Read from text, like the copy: a document read by load() also remembers its file.
    doc = uguaglianza.loads((EXAMPLES / name).read_text(encoding="utf-8"), "yaml")
    text = uguaglianza.dumps(doc, fmt)
    assert uguaglianza.loads(text, fmt) == doc
    assert uguaglianza.dumps(uguaglianza.loads(text, fmt), fmt) == text
    assert uguaglianza.dumps(_load(name), fmt) == text


def _leaves(
    data: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, (*path, index))
    else:
        yield path, data


def _normal(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float | Decimal | dt.date):
        return str(value)
    return value


@pytest.mark.parametrize("name", NAMES)
def test_dumping_keeps_every_field_of_the_file(name: str) -> None:
    written = _raw(name)
    dumped = to_data(_load(name))
    lost = []
    for path, value in _leaves(written):
        node: Any = dumped
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                node = KeyError
                break
        if _normal(node) != _normal(value):
            lost.append((path, value, node))
    assert lost == []
    assert sum(1 for _ in _leaves(written)) == sum(1 for _ in _leaves(dumped))
