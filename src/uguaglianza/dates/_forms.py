"""Which forms of input the models accept: a file's strict forms, or Python's natural ones.

Files (JSON, YAML) are read in their strict forms only, the ones the JSON Schema states.
Python code may also give the forms people type: ``"2026..2028"`` for a period,
``"15000 EUR"`` for money, an entity where its id is expected, a date-only ``datetime``.
The readers mark the validation they run with :func:`reading_file`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["file_forms_only", "reading_file"]

_FILE = ContextVar("uguaglianza_file_forms", default=False)


def file_forms_only() -> bool:
    """True while a file's data is validated: only the strict forms are accepted."""
    return _FILE.get()


@contextmanager
def reading_file() -> Iterator[None]:
    """Accept only the strict forms a file may hold while the block runs."""
    token = _FILE.set(True)
    try:
        yield
    finally:
        _FILE.reset(token)
