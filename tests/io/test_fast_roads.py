"""The fast roads through reading and writing give what the exact roads give.

JSON is read by pydantic's own parser when the text's shape and the document allow it,
the index is built from sets when nothing is wrong, and JSON is written by pydantic's
writer when it gives the same bytes; every other case takes the exact road.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import uguaglianza
import uguaglianza._gc
from tests.strategies import documents
from uguaglianza.errors import DocumentError, ParseError
from uguaglianza.io import documents as io_documents
from uguaglianza.io._json import json_shape, parse_json
from uguaglianza.io._limits import DEFAULT_LIMITS, Limits
from uguaglianza.io._write import to_json_text
from uguaglianza.model import _resolve

Factory = Callable[[], dict[str, Any]]
SETTINGS = settings(max_examples=40, suppress_health_check=list(HealthCheck), deadline=None)


def exact(text: str) -> uguaglianza.PlanDocument | uguaglianza.Landscape:
    return uguaglianza.from_data(parse_json(text))


def assert_same(fast: Any, slow: Any) -> None:
    assert fast == slow
    assert fast.model_dump(exclude_unset=True) == slow.model_dump(exclude_unset=True)
    assert [(k, r.kind, r.loc) for k, r in fast.index.entities.items()] == [
        (k, r.kind, r.loc) for k, r in slow.index.entities.items()
    ]


@SETTINGS
@given(documents(), st.sampled_from([None, 2]), st.booleans())
def test_pydantic_reads_json_as_the_exact_road_does(
    data: dict[str, Any], indent: int | None, ascii_only: bool
) -> None:
    text = json.dumps(data, indent=indent, ensure_ascii=ascii_only)
    fast = io_documents._from_json(text, DEFAULT_LIMITS)
    assert fast is not None
    assert_same(fast, exact(text))


def _with_duplicate(text: str, at: int) -> str:
    """*text* with the first key of the object opening at *at* given once more, first."""
    key = text[at + 1 : text.index('"', at + 2) + 1]
    return text[: at + 1] + key + ": 0, " + text[at + 1 :]


def test_a_repeated_key_is_refused_wherever_it_is(minimal: Factory) -> None:
    data = minimal()
    data["organisations"][0]["extensions"] = {"a": {"b": [1, True, None]}, "c": "x"}
    data["plan"]["actions"][0]["description"] = 'virgolette \\ "dentro", due punti: [] {}'
    data["codelists"] = {"action_kinds": [{"code": "mio_tipo", "name": "Mio"}]}
    text = json.dumps(data, ensure_ascii=False)
    opening = [i for i, char in enumerate(text) if char == "{" and text[i + 1] == '"']
    assert len(opening) > 10
    for at in opening:
        doubled = _with_duplicate(text, at)
        assert io_documents._from_json(doubled, DEFAULT_LIMITS) is None
        with pytest.raises(ParseError) as caught:
            uguaglianza.loads(doubled)
        assert caught.value.issues[0].code == "duplicate_key"


@pytest.mark.parametrize("spacing", ["", " ", "\n  "])
def test_a_repeated_key_with_spaces_before_the_colon_is_refused(
    minimal: Factory, spacing: str
) -> None:
    text = json.dumps(minimal()).replace('"id": "doc-test"', f'"id"{spacing}: "x", "id": "y"')
    assert io_documents._from_json(text, DEFAULT_LIMITS) is None
    with pytest.raises(ParseError, match="duplicate key 'id'"):
        uguaglianza.loads(text)


def test_a_repeated_key_after_a_literal_is_reported_as_such() -> None:
    with pytest.raises(ParseError) as caught:
        uguaglianza.loads('{"a": true, "b": null, "c": 1, "c": 2}')
    assert caught.value.issues[0].code == "duplicate_key"


def test_numbers_with_a_fraction_take_the_exact_road(minimal: Factory) -> None:
    data = minimal()
    data["plan"]["actions"][0]["budget"] = {"amount": 0, "currency": "EUR"}
    text = json.dumps(data).replace('"amount": 0', '"amount": 1500.10')
    assert io_documents._from_json(text, DEFAULT_LIMITS) is None
    doc = uguaglianza.loads(text)
    assert doc.plan.actions[0].budget.amount == Decimal("1500.10")  # type: ignore[union-attr]


def test_a_float_in_extensions_is_refused_on_both_roads(minimal: Factory) -> None:
    data = minimal()
    data["extensions"] = {"x": 0}
    text = json.dumps(data).replace('"x": 0', '"x": 1.5')
    with pytest.raises(DocumentError) as caught:
        uguaglianza.loads(text)
    assert caught.value.issues[0].path == "extensions.x"


def test_limits_hold_on_the_fast_road(minimal: Factory) -> None:
    data = minimal()
    deep: Any = "fondo"
    for _ in range(70):
        deep = [deep]
    data["extensions"] = {"deep": deep}
    with pytest.raises(ParseError) as caught:
        uguaglianza.loads(json.dumps(data))
    assert caught.value.issues[0].code == "too_deep"
    with pytest.raises(ParseError) as caught:
        uguaglianza.loads(json.dumps(minimal()), limits=Limits(max_nodes=20))
    assert caught.value.issues[0].code == "too_many_nodes"


def test_an_unpaired_surrogate_escape_is_refused(minimal: Factory) -> None:
    text = json.dumps(minimal()).replace("Azione uno", "Azione \\ud800 uno")
    with pytest.raises(ParseError) as caught:
        uguaglianza.loads(text)
    assert caught.value.issues[0].code == "invalid_string"
    paired = json.dumps(minimal()).replace("Azione uno", "Azione \\ud83d\\ude00 uno")
    assert uguaglianza.loads(paired).plan.actions[0].name == "Azione \U0001f600 uno"


@pytest.mark.parametrize(
    "value",
    [
        {"a": "x:y,z[]{}", "b": ['"q"', "back\\slash", '\\"', ":", ",", "[", "{}", ""]},
        [[], {}, [[{}]], "", '""', 0, -1.5e3, True, None, [""], {":k": {"": ""}}],
    ],
)
@pytest.mark.parametrize("indent", [None, 2])
def test_the_shape_of_json_text_is_counted_on_the_text(value: Any, indent: int | None) -> None:
    text = json.dumps(value, indent=indent)

    def keys_and_values(item: Any) -> tuple[int, int]:
        if isinstance(item, dict):
            inner = [keys_and_values(v) for v in item.values()]
            return len(item) + sum(k for k, _ in inner), 1 + sum(v for _, v in inner)
        if isinstance(item, list):
            inner = [keys_and_values(v) for v in item]
            return sum(k for k, _ in inner), 1 + sum(v for _, v in inner)
        return 0, 1

    keys, values = keys_and_values(value)
    shape = json_shape(text.encode(), max_depth=64)
    assert shape.keys == keys
    assert shape.values >= values
    assert shape.shallow
    assert not json_shape(("[" * 40 + "]" * 40).encode(), max_depth=64).shallow


@SETTINGS
@given(documents())
def test_the_index_is_the_one_the_exact_walk_builds(data: dict[str, Any]) -> None:
    doc = uguaglianza.from_data(data)
    fast, fast_errors = _resolve.build_index(doc, doc.codelists)
    entities: dict[str, _resolve.EntityRecord] = {}
    errors: list[Any] = []
    _resolve._walk(doc, (), entities, [], [], errors, set())
    assert not fast_errors and not errors
    assert list(fast.entities.items()) == list(entities.items())


@SETTINGS
@given(documents())
def test_pydantic_writes_the_json_the_exact_writer_writes(data: dict[str, Any]) -> None:
    doc = uguaglianza.from_data(data)
    written = io_documents._pydantic_json(doc)
    assert written is not None
    assert written.decode("utf-8") == to_json_text(uguaglianza.io.to_data(doc))


def test_floats_in_extensions_are_refused_by_the_models_and_the_writers(
    minimal: Factory, tmp_path: Path
) -> None:
    # A float in extensions would be written as a number no reader accepts back.
    data = minimal()
    data["extensions"] = {"small": 1e-7, "big": 2**70}
    with pytest.raises(DocumentError) as caught:
        uguaglianza.from_data(data)
    (issue,) = caught.value.issues
    assert (issue.code, issue.path) == ("inexact_number", "extensions.small")
    assert 'write it as a string, e.g. "1e-07"' in issue.message
    data["extensions"] = {"big": 2**70}
    doc = uguaglianza.from_data(data)
    assert '"big": 1180591620717411303424' in uguaglianza.dumps(doc)
    unchecked = doc.model_copy(update={"extensions": {"small": 1e-7}})
    assert io_documents._pydantic_json(unchecked) is None
    for fmt in ("json", "yaml"):
        with pytest.raises(ValueError, match="extensions hold whole numbers only"):
            uguaglianza.dumps(unchecked, fmt)
        with pytest.raises(ValueError, match="extensions hold whole numbers only"):
            uguaglianza.dump(unchecked, tmp_path / f"doc.{fmt}")
    assert not list(tmp_path.iterdir())


@pytest.fixture
def collector() -> Iterator[None]:
    gc.collect()
    frozen = gc.get_freeze_count()
    yield
    if gc.get_freeze_count() != frozen:
        gc.unfreeze()


def test_a_document_holds_no_reference_cycles(minimal: Factory, collector: None) -> None:
    doc = uguaglianza.loads(json.dumps(minimal()))
    assert doc.index.kind_of("a-1") == "action"
    del doc
    assert gc.collect() == 0


def test_a_large_new_document_joins_the_oldest_generation(
    minimal: Factory, collector: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uguaglianza._gc, "MANY_YOUNG", 0)  # as if the document were large
    doc = uguaglianza.loads(json.dumps(minimal()))
    assert any(item is doc for item in gc.get_objects(generation=2))
    assert gc.get_freeze_count() == 0


def test_freezing_takes_the_document_out_of_reach_and_dropping_it_frees_it(
    minimal: Factory, collector: None
) -> None:
    doc = uguaglianza.loads(json.dumps(minimal()), freeze=True)
    frozen = gc.get_freeze_count()
    assert frozen > 0
    assert not any(item is doc for item in gc.get_objects())
    del doc
    assert gc.get_freeze_count() < frozen  # freed by reference counting, frozen or not


def test_objects_the_program_froze_stay_frozen(
    minimal: Factory, collector: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uguaglianza._gc, "MANY_YOUNG", 0)
    kept = [{"mine": [1, 2]}]
    gc.freeze()
    frozen = gc.get_freeze_count()
    doc = uguaglianza.loads(json.dumps(minimal()))
    assert gc.get_freeze_count() == frozen
    assert doc.plan.id == "plan-1" and kept
