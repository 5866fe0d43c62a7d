"""The public face: ``__all__`` lists exactly the public names, and they work."""

from __future__ import annotations

import subprocess
import sys
import types

import uguaglianza


def test_all_matches_public_names() -> None:
    public = {
        name
        for name, value in vars(uguaglianza).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert set(uguaglianza.__all__) - {"__version__"} == public
    assert len(uguaglianza.__all__) == len(set(uguaglianza.__all__))


def test_every_exported_name_resolves() -> None:
    for name in uguaglianza.__all__:
        assert getattr(uguaglianza, name) is not None


def test_one_exception_root() -> None:
    errors = [
        value
        for name in uguaglianza.__all__
        if isinstance(value := getattr(uguaglianza, name), type)
        and issubclass(value, BaseException)
    ]
    assert errors
    assert all(issubclass(error, uguaglianza.UguaglianzaError) for error in errors)
    assert issubclass(uguaglianza.DocumentError, ValueError)
    assert issubclass(uguaglianza.ParseError, uguaglianza.DocumentError)
    assert issubclass(uguaglianza.InputError, OSError)


def test_import_does_not_load_networkx() -> None:
    code = "import sys, uguaglianza; print('networkx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
