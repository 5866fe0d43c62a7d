"""Start-up: ``import uguaglianza`` imports what it needs when it is first used."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

_HEAVY = ("networkx", "matplotlib", "igraph")


def _run(code: str) -> object:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def _imported(statement: str) -> list[str]:
    code = (
        f"import json, sys; {statement}; "
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))"
    )
    modules = _run(code)
    assert isinstance(modules, list)
    return modules


@pytest.mark.parametrize(
    "statement",
    [
        "import uguaglianza",
        "import uguaglianza; uguaglianza.load; uguaglianza.validate; uguaglianza.PlanDocument",
        "from uguaglianza import *",
    ],
)
def test_importing_the_package_never_imports_graph_or_plotting_libraries(statement: str) -> None:
    imported = _imported(statement)
    assert not set(_HEAVY) & set(imported)


def test_the_models_and_readers_wait_for_their_first_use() -> None:
    code = (
        "import json, sys, uguaglianza; "
        "before = sorted(m for m in sys.modules if m.startswith('uguaglianza.')); "
        "uguaglianza.loads; "
        "after = 'uguaglianza.model' in sys.modules; "
        "print(json.dumps([before, after]))"
    )
    before, after = _run(code)  # type: ignore[misc]
    assert before == ["uguaglianza.errors"]
    assert after is True


def test_no_codelist_is_read_until_a_document_needs_one() -> None:
    code = (
        "import json, uguaglianza; uguaglianza.PlanDocument; "
        "from uguaglianza.codelists._loader import load_codelist; "
        "print(json.dumps(load_codelist.cache_info().currsize))"
    )
    assert _run(code) == 0


def test_the_namespace_holds_every_public_name_once_looked_at() -> None:
    code = (
        "import json, uguaglianza; names = set(vars(uguaglianza)); "
        "print(json.dumps(sorted(set(uguaglianza.__all__) - names - {'__version__'})))"
    )
    assert _run(code) == []


def test_an_unknown_name_is_an_attribute_error() -> None:
    import uguaglianza

    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        uguaglianza.nothing_here  # noqa: B018
    assert {"load", "PlanDocument", "__version__"} <= set(dir(uguaglianza))
