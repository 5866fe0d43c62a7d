"""The codelists and framework versions as a Markdown page, generated so it never drifts.

``python -m uguaglianza.codelists.docpage > docs/reference/codelists.md`` writes it.
"""

from __future__ import annotations

from uguaglianza.codelists._loader import Code, Codelist, all_codelists
from uguaglianza.codelists.frameworks import load_frameworks

__all__ = ["codelists_markdown"]

_INTRO = """\
# `uguaglianza.codelists`

<!-- Generated from the shipped data by `python -m uguaglianza.codelists.docpage`; do not
     edit. tests/codelists/test_codelist_docs.py fails when this page and the data differ. -->

The shipped vocabularies, each with Italian and English labels and, where one exists,
the source of its codes. Lists are open: a document adds codes of its own under
`codelists`, but never redefines a shipped one.

## Codes with meaning: broader codes and categories

A code may name a **broader** code of the same list (SKOS `broader`): `rettore` is a
`head_of_institution`, which is `top_management`. A code's **category** is the broadest
code above it, unless the list names categories of its own (`category`): service kinds
group into `anti_violence_service` and `anti_discrimination_service`, which are no broader
codes, so that coverage still reads a `casa_rifugio` as a `shelter` and nothing more, and
counts a whole category only when asked for it. A code a document declares takes the
category of its broader code. The categories of each list are listed with it below.
Rules, profiles and analyses read a code through its broader codes: the "signed by top
management" check of a GEP accepts a `rettore`, the CUG's opinion counts whether the CUG
is an organisation or a body of kind `cug`, and a plan of a kind narrower than
`gender_equality_plan` is checked under the GEP profile.

A code a document declares names its broader shipped code, and every rule, profile and
analysis then treats it like that code:

```yaml
codelists:
  post_kinds:
    - code: prorettrice_vicaria
      name: Prorettrice vicaria
      broader: prorettore
```

**A declared code without a broader code is allowed, and has no meaning for the rules**:
no rule, profile or analysis treats it as any shipped code (a declared plan kind without
one is checked under the `basic` profile).

## Frameworks and their versions

A plan says which version of a framework it follows in `follows`
(`{framework: cemr_charter, version: "2006"}`); UG012 checks that the items its actions
and areas map to belong to that version, UG013 that the version exists, and the
`frameworks` section of `uguaglianza analyse` reports which items the plan covers,
through which actions, and which none covers. When a plan does not say, the analysis uses
the latest version and says so.
"""

_OUTRO = """\
## Python API

::: uguaglianza.codelists

::: uguaglianza.codelists.frameworks
"""


def _cell(text: str | None) -> str:
    return "" if text is None else text.replace("|", "\\|").replace("\n", " ")


def _frameworks() -> list[str]:
    lines: list[str] = []
    for framework in load_frameworks().values():
        lines += [f"### `{framework.code}` — {framework.label('en')}", ""]
        lines += [f"*{framework.label('it')}*", ""]
        for version in framework.versions:
            date = f", {version.date}" if version.date else ""
            lines += [
                f"**Version `{version.version}`** — {version.label_en} "
                f"(*{version.label_it}*{date}); {len(version.items)} items.",
                "",
                f"Source: {_cell(version.source)}.",
                "",
            ]
            if version.note:
                lines += [_cell(version.note), ""]
            lines += ["| item | part | English | Italiano |", "|---|---|---|---|"]
            for item in version.items:
                lines.append(
                    f"| `{item.code}` | {framework.part_label(item.part)} | "
                    f"{_cell(item.label('en'))} | {_cell(item.label('it'))} |"
                )
            lines.append("")
    return lines


def _category(codelist: Codelist, entry: Code) -> str:
    top = codelist.category(entry.code)
    return f"`{top}`" if top else ""


def _codelist(codelist: Codelist) -> list[str]:
    lines = [f"### `{codelist.name}` — {codelist.title_en}", "", f"*{codelist.title_it}*", ""]
    lines += [_cell(codelist.description), "", f"Source: {_cell(codelist.source)}.", ""]
    categories = codelist.categories()
    if categories:
        listed = "; ".join(f"`{top}` ({len(codes)} codes)" for top, codes in categories.items())
        lines += [f"Categories: {listed}.", ""]
    lines += ["| code | English | Italiano | broader | category |", "|---|---|---|---|---|"]
    for entry in codelist:
        broader = f"`{entry.broader}`" if entry.broader else ""
        lines.append(
            f"| `{entry.code}` | {_cell(entry.label_en)} | {_cell(entry.label_it)} | "
            f"{broader} | {_category(codelist, entry)} |"
        )
    return [*lines, ""]


def codelists_markdown() -> str:
    """The Markdown reference of every shipped codelist and framework version."""
    lines = [_INTRO, *_frameworks(), "## The codelists", ""]
    for codelist in all_codelists().values():
        lines += _codelist(codelist)
    lines.append(_OUTRO)
    return "\n".join(lines).rstrip("\n") + "\n"


if __name__ == "__main__":  # pragma: no cover - exercised by the drift test's command
    import sys

    sys.stdout.write(codelists_markdown())
