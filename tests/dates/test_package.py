"""The package's surface: explicit exports and the few dependencies it may import."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import uguaglianza.dates

PACKAGE = Path(uguaglianza.dates.__file__).parent
ALLOWED = {"pydantic", "pydantic_core", "attrs", "dateutil"}
ALLOWED_OWN = {"uguaglianza.errors", "uguaglianza.dates"}


def test_all_names_exist() -> None:
    names = uguaglianza.dates.__all__
    assert len(set(names)) == len(names)
    public = {name for name in vars(uguaglianza.dates) if not name.startswith("_")}
    assert set(names) <= public
    for name in names:
        assert getattr(uguaglianza.dates, name) is not None


def test_imports_only_the_standard_library_and_allowed_packages() -> None:
    for path in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                assert node.level == 0, f"{path.name}: relative import"
                modules = [node.module or ""]
            else:
                continue
            for module in modules:
                root = module.partition(".")[0]
                if root == "uguaglianza":
                    assert any(
                        module == own or module.startswith(own + ".") for own in ALLOWED_OWN
                    ), f"{path.name} imports {module}"
                else:
                    assert (
                        root in sys.stdlib_module_names or root in ALLOWED or root == ("__future__")
                    ), f"{path.name} imports {module}"
