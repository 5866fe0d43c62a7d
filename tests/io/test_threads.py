"""Loading under threads: the collector is left to the program, documents stay right."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import uguaglianza
from uguaglianza import _gc
from uguaglianza.io import documents as io_documents

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))


@pytest.fixture
def enabled() -> Iterator[None]:
    """The collector on, as a program leaves it; restored whatever the test did."""
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:  # pragma: no cover - another test left it off
        gc.disable()


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether the collector was on, seen from inside each document validation."""
    seen: list[bool] = []
    original: Callable[..., Any] = io_documents._validate

    def spying(root: Any, data: Any) -> Any:
        seen.append(gc.isenabled())
        return original(root, data)

    monkeypatch.setattr(io_documents, "_validate", spying)
    return seen


def _texts() -> list[tuple[str, str, uguaglianza.PlanDocument | uguaglianza.Landscape]]:
    texts = []
    for path in EXAMPLES:
        doc = uguaglianza.load(path)
        texts.append((uguaglianza.dumps(doc, "json"), "json", doc))
        texts.append((uguaglianza.dumps(doc, "yaml"), "yaml", doc))
    return texts


def test_a_collector_the_program_disabled_stays_disabled(
    enabled: None, spy: list[bool], minimal: Callable[[], dict[str, Any]]
) -> None:
    gc.disable()
    text = uguaglianza.dumps(uguaglianza.from_data(minimal()), "yaml")
    uguaglianza.loads(text, "yaml")
    uguaglianza.load(EXAMPLES[0])
    assert spy and not any(spy)
    assert not gc.isenabled()


def test_a_lone_thread_loads_with_the_collector_paused_and_gets_it_back(
    enabled: None, spy: list[bool]
) -> None:
    uguaglianza.load(EXAMPLES[0])
    assert spy == [False]
    assert gc.isenabled()


def test_a_load_in_a_thread_never_stops_the_collector_for_the_others(
    enabled: None, spy: list[bool]
) -> None:
    results: list[object] = []
    worker = threading.Thread(target=lambda: results.append(uguaglianza.load(EXAMPLES[0])))
    worker.start()
    worker.join()
    assert len(results) == 1
    assert spy == [True]  # the main thread was alive: nothing paused
    assert gc.isenabled()


def test_a_load_ending_never_turns_on_a_collector_another_thread_turned_off(
    enabled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    loading, disabled = threading.Event(), threading.Event()
    original: Callable[..., Any] = io_documents._validate

    def midway(root: Any, data: Any) -> Any:
        loading.set()  # the main thread now turns the collector off, on purpose
        disabled.wait(timeout=30)
        return original(root, data)

    monkeypatch.setattr(io_documents, "_validate", midway)
    worker = threading.Thread(target=uguaglianza.load, args=(EXAMPLES[0],))
    worker.start()
    assert loading.wait(timeout=30)
    gc.disable()
    disabled.set()
    worker.join()
    assert not gc.isenabled()


def test_concurrent_loads_in_several_threads_give_the_right_documents(enabled: None) -> None:
    texts = _texts()
    work = texts * 4

    def read(item: tuple[str, str, object]) -> bool:
        text, fmt, expected = item
        return uguaglianza.loads(text, fmt) == expected

    with ThreadPoolExecutor(max_workers=6) as pool:
        assert all(pool.map(read, work))
    assert gc.isenabled()


def test_overlapping_paused_sections_give_the_collector_back_once_all_end(
    enabled: None,
) -> None:
    with _gc.paused_gc() as outer:
        assert outer and not gc.isenabled()
        with _gc.paused_gc() as inner:
            assert inner
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_section_gives_back_only_what_it_took(enabled: None) -> None:
    gc.disable()
    with _gc.paused_gc() as paused:
        assert not paused
        gc.enable()  # the program changes its mind meanwhile
        gc.disable()
    assert not gc.isenabled()
    gc.enable()
    with _gc.paused_gc():
        gc.enable()  # the program turns it on inside: left on
    assert gc.isenabled()


def test_a_section_ended_by_an_error_gives_the_collector_back(enabled: None) -> None:
    with pytest.raises(RuntimeError), _gc.paused_gc():
        raise RuntimeError
    assert gc.isenabled()


def test_a_thread_started_without_threading_counts_too(enabled: None, spy: list[bool]) -> None:
    import _thread

    running, release = threading.Event(), threading.Event()

    def raw() -> None:
        running.set()
        release.wait(timeout=30)

    _thread.start_new_thread(raw, ())
    assert running.wait(timeout=30)
    try:
        assert threading.active_count() == 1  # threading does not know of it
        uguaglianza.load(EXAMPLES[0])
    finally:
        release.set()
    assert spy == [True]
    for _ in range(3000):  # let it end, so that later tests run alone again
        if _gc._started() == 0:
            break
        time.sleep(0.01)
