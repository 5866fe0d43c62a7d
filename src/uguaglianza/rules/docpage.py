"""The catalogue as a Markdown page (``docs/rules.md``), generated so it never drifts."""

from __future__ import annotations

from collections.abc import Iterable

from uguaglianza.rules.catalogue import FAMILIES, PROFILES, Rule, RuleSet

__all__ = ["catalogue_markdown"]

_INTRO = """\
# Rules

<!-- Generated from the catalogue by `uguaglianza rules --format markdown`; do not edit.
     tests/rules/test_catalogue.py fails when this page and the catalogue differ. -->

`uguaglianza validate FILE...` (or `uguaglianza.validate(doc)` in Python) checks a
document against the rules below. Each rule has a stable code, `UG` and three digits whose
first digit is its family, a default severity (only errors make a document fail), the
source it rests on, and the profiles of plans it applies to.

- **Select and ignore** by code, code prefix or family name: `--select UG3 --ignore UG301`;
  the most specific selector wins.
- **Change severities**: `--severity UG301=info` (repeatable).
- **Profiles** come from each plan's `kind` (table below), or are forced with `--profile`.
- **At a date**: territorial rules and "already past" checks use `--as-of` (default today).
  A period's missing end means "still valid"; year or month precision counts as uncertain,
  so only certain problems are reported.
- **Configuration** in the nearest `pyproject.toml`:

  ```toml
  [tool.uguaglianza]
  select = ["UG"]
  ignore = ["UG702"]
  profile = "gep"
  lang = "it"
  severity = { UG301 = "info" }
  ```

- **Rules of your own**: build a `Rule` with a code outside the `UG` prefix and
  `RuleSet.default().register(rule)`; pass the set as `rules=` (see
  `uguaglianza.rules.catalogue`).

UG000-UG005 are enforced while a document is read; the rules engine checks UG001-UG005
again for documents assembled in Python.
"""


def _profiles_table() -> list[str]:
    lines = ["## Profiles", "", "| profile | plan kinds | name |", "|---|---|---|"]
    for profile in PROFILES:
        kinds = ", ".join(f"`{kind}`" for kind in sorted(profile.plan_kinds))
        lines.append(f"| `{profile.name}` | {kinds} | {profile.title.en} ({profile.title.it}) |")
    lines += [
        "",
        "A plan kind a document declares itself is checked under the profile of its "
        "`broader` kind (a kind declared with `broader: gender_equality_plan` is checked as "
        "a GEP); a declared kind without a broader one has no meaning for the rules and is "
        "checked under `basic`. Every run states the profile each plan was checked under: "
        "on standard error in text, under `profiles` in JSON, in the run's `properties` in "
        "SARIF.",
        "",
    ]
    return lines


def _profiles_of(rule: Rule) -> str:
    return ", ".join(f"`{name}`" for name in sorted(rule.profiles)) if rule.profiles else "all"


def _index(rules: Iterable[Rule]) -> list[str]:
    lines = [
        "## Index",
        "",
        "| code | name | severity | profiles | title |",
        "|---|---|---|---|---|",
    ]
    for rule in rules:
        lines.append(
            f"| [{rule.code}](#{rule.code.lower()}) | `{rule.name}` | {rule.severity} | "
            f"{_profiles_of(rule)} | {rule.title.en} |"
        )
    return [*lines, ""]


def _entry(rule: Rule) -> list[str]:
    checked = "when the document is read" if rule.check is None else "by the rules engine"
    return [
        f"### {rule.code}",
        "",
        f"**{rule.title.en}** — *{rule.title.it}*",
        "",
        f"- name: `{rule.name}`; severity: {rule.severity}; basis: {rule.basis}; "
        f"profiles: {_profiles_of(rule)}; checked {checked}",
        f"- source: {rule.source}",
        f"- message: “{rule.message.en}” — “{rule.message.it}”",
        f"- fix: {rule.hint.en} — {rule.hint.it}",
        "",
        rule.rationale.en,
        "",
        f"*{rule.rationale.it}*",
        "",
    ]


def catalogue_markdown(rules: RuleSet | None = None) -> str:
    """The Markdown reference of *rules* (default: the built-in catalogue)."""
    ruleset = rules if rules is not None else RuleSet.default()
    lines = [_INTRO, *_profiles_table(), *_index(ruleset)]
    for family in FAMILIES:
        members = [rule for rule in ruleset if rule.code.startswith(family.prefix)]
        if not members:
            continue
        lines += [f"## {family.prefix}xx — {family.title.en} (`{family.name}`)", ""]
        lines.append(f"*{family.title.it}*")
        lines.append("")
        for rule in members:
            lines += _entry(rule)
    return "\n".join(lines).rstrip("\n") + "\n"
