"""``uguaglianza rules``: list the catalogue, explain rules, or print its Markdown page."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from uguaglianza.cli._common import EXIT_OK, CommandError, write_json
from uguaglianza.cli._validate import add_lang_option, language, settings
from uguaglianza.rules import PROFILES, Lang, Rule, RuleSet, catalogue_markdown


def register(commands: Any) -> None:
    """Add the ``rules`` command to *commands*."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "rules",
        help="list the rules (the catalogue of checks), or explain some",
        description="List the catalogue; with codes, prefixes or families, explain those rules.",
    )
    parser.add_argument("selectors", nargs="*", metavar="CODE", help="e.g. UG301, UG3, time")
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    parser.add_argument(
        "--profile",
        choices=[profile.name for profile in PROFILES],
        help="only the rules that apply to plans of this profile",
    )
    add_lang_option(parser)
    parser.set_defaults(run=run)


def _line(rule: Rule, lang: Lang) -> str:
    family = rule.family.name if rule.family is not None else "user"
    return f"{rule.code}  {rule.severity:<7}  {family:<18}  {rule.title.get(lang)}"


def _details(rule: Rule, lang: Lang) -> str:
    profiles = ", ".join(sorted(rule.profiles)) or ("tutti" if lang == "it" else "all")
    labels = (
        ("Gravità", "Base", "Fonte", "Profili", "Messaggio", "Correzione")
        if lang == "it"
        else ("Severity", "Basis", "Source", "Profiles", "Message", "Fix")
    )
    values = (
        rule.severity.label(lang),
        rule.basis,
        rule.source,
        profiles,
        rule.message.get(lang),
        rule.hint.get(lang),
    )
    lines = [f"{rule.code} {rule.name}: {rule.title.get(lang)}", ""]
    lines += [f"  {label}: {value}" for label, value in zip(labels, values, strict=True)]
    return "\n".join([*lines, "", f"  {rule.rationale.get(lang)}", ""])


def _as_dict(rule: Rule) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "family": rule.family.name if rule.family is not None else None,
        "severity": str(rule.severity),
        "basis": rule.basis,
        "source": rule.source,
        "profiles": sorted(rule.profiles),
        "checked_on_load": rule.check is None,
        **{
            key: {"it": text.it, "en": text.en}
            for key, text in (
                ("title", rule.title),
                ("message", rule.message),
                ("hint", rule.hint),
                ("rationale", rule.rationale),
            )
        },
    }


def run(args: argparse.Namespace) -> int:
    """Print the chosen rules in the chosen format."""
    lang = language(settings(args).lang)
    if args.format == "markdown":
        sys.stdout.write(catalogue_markdown())
        return EXIT_OK
    try:
        chosen = RuleSet.default().select(args.selectors or None)
    except ValueError as error:
        raise CommandError(str(error)) from None
    if args.profile is not None:
        chosen = tuple(rule for rule in chosen if rule.applies_to(args.profile))
    if args.format == "json":
        write_json([_as_dict(rule) for rule in chosen], sys.stdout)
    elif args.selectors:
        print("\n".join(_details(rule, lang) for rule in chosen), end="")
    else:
        for rule in chosen:
            print(_line(rule, lang))
    return EXIT_OK
