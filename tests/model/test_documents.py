"""Root documents: resolution of references and codes, immutability, merging."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

import uguaglianza
from uguaglianza.model import Landscape, Money, PlanDocument, merge

Factory = Callable[[], dict[str, Any]]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_minimal_document_loads_into_typed_immutable_objects(minimal: Factory) -> None:
    doc = uguaglianza.from_data(minimal())
    assert isinstance(doc, PlanDocument)
    assert doc.plan.actions[0].lead == "org-cm"
    assert isinstance(doc.plan.actions, tuple)
    with pytest.raises(ValidationError):
        doc.plan.name = "altro"  # type: ignore[misc]
    assert doc.index.kind_of("a-2") == "action"
    assert doc.index.get("com-bo").loc == ("territories", 1)  # type: ignore[union-attr]


def test_the_index_follows_copies_with_other_fields(minimal: Factory) -> None:
    doc = uguaglianza.from_data(minimal())
    assert doc.validated_index() is doc.index
    territories = doc.territories[:1]
    copy = doc.model_copy(update={"territories": territories})
    assert copy.validated_index() is None  # nobody checked the copy's references
    assert "com-bo" in doc.index
    assert "com-bo" not in copy.index
    assert copy.index is copy.index  # built once
    assert copy.validated_index() is None
    built = PlanDocument.model_construct(**dict(doc))
    assert built.validated_index() is None
    assert built.index.kind_of("a-2") == "action"


def test_rules_check_a_changed_copy_again(minimal: Factory) -> None:
    doc = uguaglianza.from_data(minimal())
    assert "UG001" not in uguaglianza.validate(doc).by_code
    copy = doc.model_copy(update={"organisations": ()})  # the actions' lead among them
    assert "UG001" in uguaglianza.validate(copy).by_code


def _issues(data: dict[str, Any]) -> list[uguaglianza.Issue]:
    with pytest.raises(uguaglianza.DocumentError) as caught:
        uguaglianza.from_data(data)
    return list(caught.value.issues)


def test_dangling_reference_names_the_place(minimal: Factory) -> None:
    data = minimal()
    data["plan"]["actions"][1]["lead"] = "org-missing"
    (issue,) = _issues(data)
    assert issue.code == "dangling_reference"
    assert issue.path == "plan.actions[1].lead"
    assert issue.value == "'org-missing'"
    assert "define it or correct the reference" in issue.message


def test_duplicate_id_names_both_places(minimal: Factory) -> None:
    data = minimal()
    data["plan"]["actions"][1]["id"] = "org-cm"
    (issue,) = _issues(data)  # references to the duplicated id are not also reported
    assert issue.code == "duplicate_id"
    places = {issue.path, issue.message.split(" at ")[1].split(";")[0]}
    assert places == {"plan.actions[1].id", "organisations[0]"} or places == {
        "organisations[0].id",
        "plan.actions[1]",
    }


def test_reference_to_wrong_kind(minimal: Factory) -> None:
    data = minimal()
    data["plan"]["actions"][0]["areas"] = ["org-cm"]
    (issue,) = _issues(data)
    assert issue.code == "wrong_reference_kind"
    assert issue.path == "plan.actions[0].areas[0]"
    assert "organisation" in issue.message and "area" in issue.message


def test_unknown_code_suggests_nearest(minimal: Factory) -> None:
    data = minimal()
    data["plan"]["actions"][0]["grounds"] = ["disabilty"]
    (issue,) = _issues(data)
    assert issue.code == "unknown_code"
    assert issue.path == "plan.actions[0].grounds[0]"
    assert "'disability'" in issue.message
    assert "codelists.discrimination_grounds" in issue.message


def test_declared_code_is_accepted(minimal: Factory) -> None:
    data = minimal()
    data["plan"]["actions"][0]["target_groups"] = ["ex_detenuti"]
    data["codelists"] = {"target_groups": [{"code": "ex_detenuti", "name": "Ex detenuti"}]}
    doc = uguaglianza.from_data(data)
    assert doc.plan.actions[0].target_groups == ("ex_detenuti",)


def test_declaring_codes_for_an_unknown_codelist_is_an_error(minimal: Factory) -> None:
    data = minimal()
    data["codelists"] = {"gruppi": [{"code": "x", "name": "X"}]}
    (issue,) = _issues(data)
    assert issue.code == "unknown_codelist"
    assert issue.path == "codelists.gruppi"


def test_unknown_field_is_an_error_with_a_suggestion(minimal: Factory) -> None:
    data = minimal()
    data["plan"]["actions"][0]["leader"] = "org-cm"
    (issue,) = _issues(data)
    assert issue.code == "extra_forbidden"
    assert issue.path == "plan.actions[0].leader"
    assert issue.hint is not None and "'lead'" in issue.hint


def test_extensions_keep_users_data(minimal: Factory) -> None:
    data = minimal()
    data["plan"]["actions"][0]["extensions"] = {"cup": "B31H22000010006", "n": [1, 2]}
    doc = uguaglianza.from_data(data)
    assert doc.plan.actions[0].extensions == {"cup": "B31H22000010006", "n": [1, 2]}


def test_every_problem_is_reported_at_once(minimal: Factory) -> None:
    data = minimal()
    data["plan"]["actions"][0]["lead"] = "nobody"
    data["plan"]["actions"][1]["partners"] = ["nobody-else"]
    data["plan"]["actions"][1]["status"] = "finito"
    assert {issue.path for issue in _issues(data)} == {
        "plan.actions[0].lead",
        "plan.actions[1].partners[0]",
        "plan.actions[1].status",
    }


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        (1.5, "inexact_number"),
        ("NaN", "finite_number"),
        ("Infinity", "finite_number"),
        ("-10", "greater_than_equal"),
        ("dieci", "decimal_parsing"),
        (True, "decimal_type"),
    ],
)
def test_money_rejects_inexact_or_invalid_amounts(amount: object, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Money.model_validate({"amount": amount, "currency": "EUR"})
    assert caught.value.errors()[0]["type"] == code


@pytest.mark.parametrize(
    ("text", "written"),
    [("3.625113203829223E+16", "36251132038292230"), ("1E-7", "0.0000001"), ("2.50E+2", "250")],
)
def test_amounts_read_with_an_exponent_are_written_as_plain_digits(text: str, written: str) -> None:
    example = uguaglianza.load(EXAMPLES / "bologna-accordo-antiviolenza.yaml")
    original = uguaglianza.dumps(example, "json")
    first = re.search(r'"amount": "[0-9.]+"', original)
    assert first is not None
    changed = original.replace(first.group(0), f'"amount": {text}', 1)
    read = uguaglianza.loads(changed)
    assert f'"amount": "{written}"' in uguaglianza.dumps(read, "json")
    for fmt in ("json", "yaml"):
        assert uguaglianza.loads(uguaglianza.dumps(read, fmt), fmt) == read


def test_an_exponent_too_large_to_write_out_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        Money.model_validate({"amount": Decimal("1E+999999999"), "currency": "EUR"})
    assert caught.value.errors()[0]["type"] == "decimal_max_digits"


def test_money_is_exact() -> None:
    money = Money.model_validate({"amount": "600000.10", "currency": "EUR"})
    assert money.amount == Decimal("600000.10")
    assert str(money) == "600000.10 EUR"


def test_root_without_document_field_is_explained(minimal: Factory) -> None:
    data = minimal()
    del data["document"]
    (issue,) = _issues(data)
    assert issue.code == "unknown_document_type"
    assert issue.hint is not None and "landscape" in issue.hint


def test_a_list_is_not_a_document() -> None:
    (issue,) = _issues([1, 2])  # type: ignore[arg-type]
    assert issue.code == "not_a_document"


def _second(minimal: Factory) -> dict[str, Any]:
    data = minimal()
    data["id"] = "doc-2"
    data["plan"]["id"] = "plan-2"
    data["plan"]["areas"][0]["id"] = "area-2"
    for i, action in enumerate(data["plan"]["actions"]):
        action["id"] = f"b-{i}"
        action["areas"] = ["area-2"]
    return data


def test_merge_keeps_identical_definitions_once(minimal: Factory) -> None:
    first = uguaglianza.from_data(minimal())
    second = uguaglianza.from_data(_second(minimal))
    assert isinstance(first, PlanDocument) and isinstance(second, PlanDocument)
    landscape = merge([first, second], id="tutto")
    assert isinstance(landscape, Landscape)
    assert [plan.id for plan in landscape.plans] == ["plan-1", "plan-2"]
    assert [t.id for t in landscape.territories] == ["cm-bo", "com-bo"]


def test_merge_carries_the_registries_and_related_plans_of_format_2_0(minimal: Factory) -> None:
    data = minimal()
    data["related_plans"] = [{"id": "plan-old", "kind": "equality_plan", "name": "Piano 2016"}]
    data["plan"]["links"] = [{"kind": "supersedes", "plan": "plan-old"}]
    data["opinions"] = [{"id": "parere", "name": "Parere", "by": "org-cm", "on": "plan-1"}]
    data["obligations"] = [
        {"id": "monitoraggio", "name": "Monitoraggio", "kind": "monitor", "subject": "plan-1"}
    ]
    data["transfers"] = [{"id": "quota", "payer": "org-cm", "payee": "org-cm"}]
    relation = {"kind": "coordinates", "subject": "org-cm", "target": "cm-bo"}
    data["relations"] = [{**relation, "absent": {"period": "not_stated"}}]
    first = uguaglianza.from_data(data)
    second = _second(minimal)
    second["relations"] = [{**relation, "absent": {"period": "not_stated"}}, relation]
    landscape = merge([first, uguaglianza.from_data(second)], id="tutto")
    assert [plan.id for plan in landscape.plans] == ["plan-1", "plan-old", "plan-2"]
    assert [item.id for item in landscape.opinions] == ["parere"]
    assert [item.id for item in landscape.obligations] == ["monitoraggio"]
    assert [item.id for item in landscape.transfers] == ["quota"]
    # The same relation is kept once; one that differs only in what it leaves unsaid is not.
    assert [r.absent for r in landscape.relations] == [{"period": "not_stated"}, {}]


def test_merge_reports_conflicting_definitions(minimal: Factory) -> None:
    first = uguaglianza.from_data(minimal())
    other = _second(minimal)
    other["organisations"][0]["name"] = "Provincia di Bologna"
    second = uguaglianza.from_data(other)
    assert isinstance(first, PlanDocument) and isinstance(second, PlanDocument)
    with pytest.raises(uguaglianza.MergeConflictError) as caught:
        merge([first, second], id="tutto")
    (issue,) = caught.value.issues
    assert "org-cm" in issue.message
    assert "doc-test" in issue.message and "doc-2" in issue.message
    assert "name" in issue.message


def test_merge_reports_nested_ids_clashing_across_plans(minimal: Factory) -> None:
    first = uguaglianza.from_data(minimal())
    other = minimal()
    other["id"] = "doc-2"
    other["plan"]["id"] = "plan-2"
    second = uguaglianza.from_data(other)
    assert isinstance(first, PlanDocument) and isinstance(second, PlanDocument)
    with pytest.raises(uguaglianza.MergeConflictError) as caught:
        merge([first, second], id="tutto")
    assert {issue.code for issue in caught.value.issues} == {"duplicate_id"}
