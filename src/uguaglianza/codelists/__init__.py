"""The vocabularies (codelists) shipped with uguaglianza, and a small typed loader.

Each codelist is a JSON file in ``data/``, read through :mod:`importlib.resources` on
first use and cached; the objects returned are immutable. Lists are open: a document may
add codes of its own with :meth:`Codelist.extended`, but never redefine a shipped one::

    from uguaglianza.codelists import load_codelist

    grounds = load_codelist("discrimination_grounds")
    assert "sex" in grounds
    grounds.nearest("disabilita")  # ['disability']

A code may name a ``broader`` code of the same list (SKOS ``broader``);
``posts.lineage("rettore")`` gives the code and every broader one above it, and
``posts.is_a("rettore", "top_management")`` asks whether a code falls under another.
``kinds.category("casa_rifugio")`` gives the category a code falls in
(``anti_violence_service``), which a list may name without making it a broader code;
``categories()`` lists each category with its codes.

Exceptions::

    UnknownCodelistError (LookupError)   no shipped codelist has that name
    DuplicateCodeError (ValueError)      a code is already in the list (add, don't rename)
    InvalidCodelistError (ValueError)    a data file does not have the documented shape, or a
                                         broader code is missing or part of a cycle
"""

from uguaglianza.codelists._loader import (
    CODE_PATTERN,
    Code,
    Codelist,
    DuplicateCodeError,
    InvalidCodelistError,
    UnknownCodelistError,
    all_codelists,
    codelist_names,
    load_codelist,
    normalise,
    parse_codelist,
)

__all__ = [
    "CODE_PATTERN",
    "Code",
    "Codelist",
    "DuplicateCodeError",
    "InvalidCodelistError",
    "UnknownCodelistError",
    "all_codelists",
    "codelist_names",
    "load_codelist",
    "normalise",
    "parse_codelist",
]
