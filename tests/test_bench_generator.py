"""The benchmark generator: valid landscapes, the stated proportions, the same for a seed."""

from __future__ import annotations

import hashlib
import os
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from bench.generate import SIZES, Counts, counts, landscape_json

import uguaglianza
from uguaglianza.graph import coordination_graph, coverage, failure_points
from uguaglianza.model import Landscape

SCALE = SIZES["1%"]
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def text() -> bytes:
    return landscape_json(SCALE, seed=0)


@pytest.fixture(scope="module")
def doc(text: bytes) -> Landscape:
    loaded = uguaglianza.loads(text)
    assert isinstance(loaded, Landscape)
    return loaded


def test_national_size_is_the_documented_one() -> None:
    national = counts(1.0)
    assert (national.comuni, national.districts, national.provinces) == (8000, 600, 110)
    assert (national.bodies, national.organisations) == (2000, 20000)
    assert (national.actions, national.relations) == (50000, 200000)
    assert counts(SCALE) == Counts(
        regions=1, provinces=1, districts=6, comuni=80, organisations=200, persons=30,
        bodies=20, actions=500, funds=3, calls=1, projects=10, services=30, relations=2000,
        sources=2,
    )  # fmt: skip


def test_the_smallest_landscape_is_valid_with_the_stated_counts(doc: Landscape) -> None:
    expected = counts(SCALE)
    kinds = Counter(territory.kind for territory in doc.territories)
    assert kinds["comune"] == expected.comuni
    assert kinds["socio_health_district"] == expected.districts
    assert kinds["province"] + kinds["metropolitan_city"] == expected.provinces
    assert kinds["region"] == expected.regions
    assert len(doc.organisations) == expected.organisations
    assert len(doc.bodies) == expected.bodies
    assert len(doc.relations) == expected.relations
    actions = [action for plan in doc.plans for action in plan.actions]
    assert len(actions) == expected.actions


def test_proportions_are_those_of_the_national_landscape(doc: Landscape) -> None:
    seats = [len(body.members) for body in doc.bodies if body.members]
    assert 8 <= statistics.mean(seats) <= 14  # about ten members each
    dated = sum(relation.period is not None for relation in doc.relations)
    assert dated / len(doc.relations) > 0.8
    actions = [action for plan in doc.plans for action in plan.actions]
    assert all(action.indicators for action in actions)
    assert sum(bool(action.partners) for action in actions) / len(actions) > 0.6


def test_every_family_of_rules_finds_something(doc: Landscape) -> None:
    families = {finding.code[:3] for finding in uguaglianza.validate(doc).findings}
    assert {"UG0", "UG1", "UG2", "UG3", "UG4", "UG5", "UG6", "UG7"} <= families


def test_analyses_find_unreached_comuni_and_bridges(doc: Landscape) -> None:
    graph = coordination_graph(doc)
    assert coverage(graph).unreached
    assert failure_points(graph).bridges


def test_the_same_seed_gives_the_same_bytes(text: bytes) -> None:
    assert landscape_json(SCALE, seed=0) == text
    assert landscape_json(SCALE, seed=1) != text


def test_the_same_seed_gives_the_same_bytes_in_another_interpreter(text: bytes) -> None:
    script = (
        "import hashlib, sys; from bench.generate import landscape_json; "
        f"sys.stdout.write(hashlib.sha256(landscape_json({SCALE}, seed=0)).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, check=True
    )
    assert out.stdout.decode() == hashlib.sha256(text).hexdigest()


def test_services_change_operator_without_two_at_once(doc: Landscape) -> None:
    changed = [service for service in doc.services if len(service.operators) == 2]
    assert 0 < len(changed) < len(doc.services) / 2  # about three in ten
    for service in changed:
        before, after = (tenure.period for tenure in service.operators)
        assert before is not None and after is not None
        assert before.end is not None and after.start is not None
        assert before.end.latest() < after.start.earliest()
    assert all(service.networks[0].period for service in doc.services)
    assert any(service.capacity for service in doc.services)
    assert any(service.opening_hours for service in doc.services)


def test_money_goes_by_year_through_an_intermediary_and_is_shared(doc: Landscape) -> None:
    assert len(doc.transfers) == len(doc.services[::3]) - sum(
        not service.operators for service in doc.services[::3]
    )
    for transfer in doc.transfers:
        assert transfer.via and transfer.payer != transfer.payee
        assert transfer.amount is not None
        assert sum(year.amount.amount for year in transfer.by_year) == transfer.amount.amount
    split = [grant for grant in doc.grants if grant.by_year]
    assert split
    for grant in split:
        assert grant.amount is not None
        assert sum(year.amount.amount for year in grant.by_year) == grant.amount.amount
    for grant in doc.grants:
        if grant.co_financing:
            assert sum(share.share or 0 for share in grant.co_financing) == 100


def test_plans_have_opinions_before_adoption_duties_and_dated_act_steps(doc: Landscape) -> None:
    adopted = {
        effect.target: act.date
        for act in doc.acts
        for effect in act.effects
        if effect.effect == "adopts"
    }
    assert doc.opinions
    for opinion in doc.opinions:
        assert opinion.outcome in ("favourable", "favourable_with_conditions")
        adoption = adopted.get(opinion.on)
        if adoption is not None and opinion.date is not None:
            assert opinion.date.latest() <= adoption.earliest()
    assert any(opinion.conditions for opinion in doc.opinions)
    monitored = {duty.subject for duty in doc.obligations if duty.every == "annual"}
    gep = {plan.id for plan in doc.plans if plan.kind == "gender_equality_plan"}
    assert gep <= monitored
    assert all({step.step for step in act.steps} == {"approved", "published"} for act in doc.acts)
    assert any(act.parties for act in doc.acts)


def test_measurements_are_tabled_by_staff_category_and_sex(doc: Landscape) -> None:
    tables = [
        measurement.breakdown
        for plan in doc.plans
        for indicator in plan.indicators
        for measurement in indicator.measurements
        if measurement.breakdown
    ]
    assert tables
    for cells in tables:
        assert len(cells) == 6
        assert {tuple(key.dimension for key in cell.by) for cell in cells} == {
            ("staff_category", "sex")
        }
