"""Flat tables of a document: records without extras, DataFrames with pandas."""

from __future__ import annotations

import sys
from decimal import Decimal
from typing import Any

import pandas as pd
import pytest

import uguaglianza
from uguaglianza.graph import coordination_graph, coverage, what_if
from uguaglianza.model.plan import Action
from uguaglianza.tables import TABLES

ANTIVIOLENZA = "examples/bologna-accordo-antiviolenza.yaml"
PIANO = "examples/bologna-piano-uguaglianza.yaml"


def test_every_table_is_there_and_rows_are_plain_dicts() -> None:
    doc = uguaglianza.load(PIANO)
    tables = uguaglianza.records(doc)
    assert list(tables) == list(TABLES)
    assert len(tables["actions"]) == sum(len(plan.actions) for plan in doc.plans_list())
    assert len(tables["memberships"]) == sum(len(body.members) for body in doc.bodies)
    assert len(tables["territories"]) == len(doc.territories)
    for rows in tables.values():
        for row in rows:
            assert all(isinstance(key, str) for key in row)


def test_actions_carry_their_plan_areas_lead_partners_period_and_names() -> None:
    doc = uguaglianza.load(PIANO)
    rows = {row["id"]: row for row in uguaglianza.records(doc, lang="en")["actions"]}
    for action in doc.plan.actions:
        row = rows[action.id]
        assert row["plan"] == doc.plan.id and row["plan_name"] == doc.plan.label("en")
        assert row["name"] == action.label("en")
        assert row["areas"] == "; ".join(action.areas)
        assert row["lead"] == action.lead
        if action.lead:
            lead = doc.index.get(action.lead)
            assert lead is not None and row["lead_name"] == lead.entity.label("en")
        start = (
            None
            if action.period is None or action.period.start is None
            else str(action.period.start)
        )
        assert row["period_start"] == start


def test_every_field_of_a_model_has_its_columns() -> None:
    doc = uguaglianza.load(PIANO)
    columns = set(uguaglianza.records(doc)["actions"][0])
    skipped = {"source", "extensions", "absent", "translations", "aliases", "former_names"}
    skipped |= {"identifiers"}
    for field in Action.model_fields:
        if field in skipped:
            continue
        assert field in columns or f"{field}_start" in columns, field


def test_amounts_are_exact_with_an_opt_in_float_column() -> None:
    doc = uguaglianza.load(ANTIVIOLENZA)
    tables = uguaglianza.records(doc, floats=True)
    amounts = [
        (row["amount"], row["amount_float"], row["amount_currency"])
        for row in tables["transfers"] + tables["grants"]
        if row.get("amount") is not None
    ]
    assert amounts
    for exact, inexact, currency in amounts:
        assert isinstance(exact, Decimal) and currency == "EUR"
        assert inexact == float(exact)
    plain = uguaglianza.records(doc)
    assert all("amount_float" not in row for row in plain["transfers"])


def test_parts_name_the_entity_they_belong_to() -> None:
    doc = uguaglianza.load(ANTIVIOLENZA)
    tables = uguaglianza.records(doc, lang="it")
    for row in tables["memberships"]:
        body = doc.index.get(row["body"])
        assert body is not None and body.kind == "body"
        assert row["body_name"] == body.entity.label("it")
    operators = sum(len(service.operators) for service in doc.services)
    assert len(tables["operators"]) == operators
    for row in tables["operators"]:
        assert {"service", "operator", "operator_name", "period_start", "period_end"} <= set(row)


def test_frames_are_the_records_as_dataframes() -> None:
    doc = uguaglianza.load(ANTIVIOLENZA)
    frames = uguaglianza.frames(doc, floats=True)
    records = uguaglianza.records(doc, floats=True)
    assert list(frames) == list(records)
    for name, frame in frames.items():
        assert isinstance(frame, pd.DataFrame)
        assert len(frame) == len(records[name])
        if records[name]:
            assert frame.to_dict("records")[0].keys() == records[name][0].keys()
    transfers = frames["transfers"]
    assert transfers["amount_float"].dtype == "float64"
    assert all(isinstance(v, Decimal) for v in transfers["amount"].dropna())


def test_frames_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    doc = uguaglianza.load(PIANO)
    with pytest.raises(uguaglianza.MissingExtraError, match=r"uguaglianza\[pandas\]"):
        uguaglianza.frames(doc)
    with pytest.raises(uguaglianza.MissingExtraError, match="pandas"):
        uguaglianza.validate(doc).to_frame()
    assert uguaglianza.records(doc)["actions"]


def test_a_report_as_a_frame_in_a_language() -> None:
    report = uguaglianza.validate(uguaglianza.load(PIANO))
    english, italian = report.to_frame("en"), report.to_frame("it")
    assert len(english) == len(report.findings)
    assert list(english["code"]) == report.codes()
    assert list(italian["message"]) == [f.message.it for f in report.findings]
    assert list(english["hint"]) == [f.hint.en for f in report.findings]


def test_analysis_results_as_frames() -> None:
    graph = coordination_graph(uguaglianza.load(PIANO))
    result: Any = what_if(graph, remove_nodes=["org-cm-bologna"])
    frame = result.to_frame()
    assert list(frame["metric"]) == [change.metric for change in result.changes]
    assert set(frame["section"]) == {"changes"}
    assert frame.attrs["scenario"] == result.scenario
    covered = coverage(graph)
    rows = covered.to_frame()
    assert len(rows) >= len(covered.territories)
