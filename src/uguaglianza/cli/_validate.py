"""``uguaglianza validate``: structural and semantic checks, as text, JSON or SARIF.

Options come from the command line and from ``[tool.uguaglianza]`` in the nearest
``pyproject.toml`` (the command line wins). Exit 0 without errors, 1 with errors, 2 when
an input cannot be read or the options are wrong.

On a terminal, a progress bar on standard error follows long runs of text output
(:mod:`uguaglianza.cli._progress`); ``--quiet`` silences it and the summary line.
``-`` reads a document from standard input (:mod:`uguaglianza.cli._stdin`);
``--exit-zero`` and ``--statistics`` behave as in other linters.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import tomllib
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from uguaglianza import validate
from uguaglianza.cli._common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, CommandError, write_json
from uguaglianza.cli._progress import Progress, progress_for
from uguaglianza.cli._stdin import STDIN, STDIN_NAME, guess_format, read_stdin
from uguaglianza.errors import (
    DocumentError,
    InputError,
    Issue,
    MissingExtraError,
    ParseError,
    UnknownFormatError,
)
from uguaglianza.io import load, loads
from uguaglianza.io._locate import locate_json, locate_yaml
from uguaglianza.io._source import decode_text
from uguaglianza.rules import PROFILES, Lang, Report, RuleSet, Severity, report_from_issues
from uguaglianza.rules.fingerprint import known_findings
from uguaglianza.rules.report import Purpose

#: Keys accepted in ``[tool.uguaglianza]``.
CONFIG_KEYS = frozenset({"select", "ignore", "severity", "profile", "lang", "purpose"})
_SUMMARY = {
    "it": "{files} file controllati: {counts}",
    "en": "{files} file(s) checked: {counts}",
}
_SILENT = Progress()
_KNOWN = {
    "it": "{known} risultati già noti in {file} non mostrati",
    "en": "{known} finding(s) already in {file} left out",
}


@attrs.frozen
class Settings:
    """The options of a run, after merging the configuration file and the command line."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = attrs.field(factory=dict)
    profile: str | None = None
    lang: Lang | None = None
    purpose: Purpose | None = None


@attrs.frozen
class FileResult:
    """What checking one file found; ``readable`` is false when it could not be read."""

    file: str
    readable: bool
    report: Report

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-compatible data."""
        return {"file": self.file, "readable": self.readable, **self.report.to_dict()}


def _codes(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _severity_pair(text: str) -> tuple[str, str]:
    selector, sep, level = text.partition("=")
    if not sep or not selector.strip() or level.strip() not in {s.value for s in Severity}:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not CODE=LEVEL with LEVEL one of error, warning, info"
        )
    return selector.strip(), level.strip()


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2024-05-31") from None


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    """``--lang it|en``; the default comes from the configuration, then the locale."""
    parser.add_argument(
        "--lang", choices=("it", "en"), help="language of messages (default: from LANG)"
    )
    parser.add_argument(
        "--config",
        metavar="PYPROJECT",
        help="read [tool.uguaglianza] from this file instead of the nearest pyproject.toml",
    )
    parser.add_argument("--no-config", action="store_true", help="ignore configuration files")


def register(commands: Any) -> None:
    """Add the ``validate`` command to *commands*."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "validate",
        help="check documents: structure, references, codes and the semantic rules",
        description=(
            "Check documents against the format and the rules (see `uguaglianza rules`). "
            "When standard error is a terminal and the output is text, a progress bar "
            "follows runs of many files or of a large document that last more than a "
            "second; it is wiped before the findings are printed, and never appears in "
            "pipes, with --format json or sarif, with TERM=dumb or with --quiet."
        ),
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="documents to check; - reads standard input"
    )
    parser.add_argument(
        "--input-format",
        choices=("json", "yaml"),
        help="read the documents as this format (default: from the extension; for "
        "standard input, from its first line, and an error if that does not tell)",
    )
    parser.add_argument(
        "--select",
        type=_codes,
        action="extend",
        metavar="CODES",
        help="run only these codes, prefixes or families (comma-separated, e.g. UG3,time)",
    )
    parser.add_argument(
        "--ignore", type=_codes, action="extend", metavar="CODES", help="do not run these"
    )
    parser.add_argument(
        "--severity",
        type=_severity_pair,
        action="append",
        metavar="CODE=LEVEL",
        help="change a rule's severity, e.g. UG301=info (repeatable)",
    )
    parser.add_argument(
        "--profile",
        choices=[profile.name for profile in PROFILES],
        help="check every plan under this profile instead of the one its kind implies",
    )
    parser.add_argument(
        "--purpose",
        choices=("record", "comply"),
        help="record (default): a fact the document records as not stated is a warning "
        "naming what to find out; comply: it counts as the rule's own severity",
    )
    parser.add_argument(
        "--as-of", type=_date, metavar="DATE", help="date of the checks (default: today)"
    )
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    parser.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when findings of error severity are reported "
        "(2 still means an input could not be read)",
    )
    parser.add_argument(
        "--statistics",
        action="store_true",
        help="print how many findings each code has, instead of the findings "
        "(as text, or JSON with --format json)",
    )
    parser.add_argument(
        "--baseline",
        metavar="REPORT",
        help="a report written earlier with --format json: show only the findings "
        "that are not in it (matched by fingerprint, as many times as they were there)",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only the findings and errors: no progress bar, no summary line, no profiles",
    )
    add_lang_option(parser)
    parser.set_defaults(run=run)


def find_config(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above *start* with a ``[tool.uguaglianza]``."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "uguaglianza" in _read_toml(candidate).get("tool", {}):
            return candidate
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise CommandError(f"{path}: cannot read the configuration: {error}") from None


def _strings(value: object, key: str, path: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise CommandError(f"{path}: [tool.uguaglianza] {key} must be a list of strings")
    return tuple(value)


def read_config(path: Path) -> Settings:
    """The settings in ``[tool.uguaglianza]`` of *path*.

    Raises:
        CommandError: the file or the table is not valid (exit 2).
    """
    table = _read_toml(path).get("tool", {}).get("uguaglianza", {})
    unknown = set(table) - CONFIG_KEYS
    if unknown:
        raise CommandError(
            f"{path}: unknown keys in [tool.uguaglianza]: {', '.join(sorted(unknown))}; "
            f"known keys: {', '.join(sorted(CONFIG_KEYS))}"
        )
    severity = table.get("severity", {})
    if not isinstance(severity, dict) or not all(
        isinstance(v, str) and v in {s.value for s in Severity} for v in severity.values()
    ):
        raise CommandError(
            f"{path}: [tool.uguaglianza] severity maps codes to error, warning or info"
        )
    profile = table.get("profile")
    if profile is not None and profile not in {p.name for p in PROFILES}:
        raise CommandError(f"{path}: [tool.uguaglianza] profile {profile!r} is not a profile")
    lang = table.get("lang")
    if lang is not None and lang not in ("it", "en"):
        raise CommandError(f"{path}: [tool.uguaglianza] lang must be 'it' or 'en'")
    purpose = table.get("purpose")
    if purpose is not None and purpose not in ("record", "comply"):
        raise CommandError(f"{path}: [tool.uguaglianza] purpose must be 'record' or 'comply'")
    return Settings(
        select=_strings(table["select"], "select", path) if "select" in table else None,
        ignore=_strings(table.get("ignore", []), "ignore", path),
        severity=dict(severity),
        profile=profile,
        lang=lang,
        purpose=purpose,
    )


def settings(args: argparse.Namespace) -> Settings:
    """The configuration file's settings overridden by the command line's."""
    if args.no_config:
        base = Settings()
    elif args.config:
        base = read_config(Path(args.config))
    else:
        found = find_config(Path.cwd())
        base = read_config(found) if found else Settings()
    select = getattr(args, "select", None)
    ignore = getattr(args, "ignore", None)
    pairs = getattr(args, "severity", None) or []
    return Settings(
        select=tuple(select) if select is not None else base.select,
        ignore=tuple(ignore) if ignore is not None else base.ignore,
        severity={**base.severity, **dict(pairs)},
        profile=getattr(args, "profile", None) or base.profile,
        lang=args.lang or base.lang,
        purpose=getattr(args, "purpose", None) or base.purpose,
    )


def language(chosen: Lang | None) -> Lang:
    """*chosen*, or Italian when the locale is Italian, else English."""
    if chosen is not None:
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "it" if value.lower().startswith("it") else "en"
    return "en"


def _check_options(options: Settings) -> None:
    """Fail early (exit 2) on selectors that match no rule."""
    rules = RuleSet.default()
    try:
        rules.select(options.select, options.ignore)
        for selector in options.severity:
            rules.resolve(selector)
    except ValueError as error:
        raise CommandError(str(error)) from None


def check_file(
    path: str,
    options: Settings,
    as_of: datetime.date | None,
    progress: Progress = _SILENT,
    *,
    input_format: str | None = None,
    stdin: bytes | None = None,
) -> FileResult:
    """Load *path* and run every check, collecting problems instead of raising.

    *progress* hears of each step as it starts; *path* ``-`` is the document in *stdin*.
    """
    progress.stage("reading")
    name = STDIN_NAME if path == STDIN else path
    fmt = input_format
    data = b""
    try:
        if path == STDIN:
            data = read_stdin() if stdin is None else stdin
            fmt = fmt or guess_format(data) or "yaml"
            doc = loads(data, fmt, file=STDIN_NAME)
        else:
            doc = load(path, format=fmt)
    except (InputError, UnknownFormatError, MissingExtraError) as error:
        issue = Issue(code="unreadable", message=str(error), file=name)
        return FileResult(name, False, report_from_issues([issue], unreadable=True))
    except ParseError as error:
        return FileResult(name, False, report_from_issues(error.issues, unreadable=True))
    except DocumentError as error:
        return FileResult(name, True, report_from_issues(error.issues))
    progress.stage("rules")
    report = validate(
        doc,
        select=options.select,
        ignore=options.ignore,
        severity=options.severity,
        profile=options.profile,
        as_of=as_of,
        purpose=options.purpose or "record",
    )
    if path == STDIN and report.findings:
        text = decode_text(data, file=STDIN_NAME)
        locator = locate_json(text) if fmt == "json" else locate_yaml(text)
        report = report.located(STDIN_NAME, locator.position)
    # Every plan's profile names the file, findings or not.
    profiles = tuple(attrs.evolve(profile, file=name) for profile in report.profiles)
    return FileResult(name, True, attrs.evolve(report, profiles=profiles))


def _read_standard_input(files: Sequence[str], input_format: str | None) -> bytes | None:
    """Standard input's bytes if *files* name it (once), checking its format can be told."""
    if STDIN not in files:
        return None
    if files.count(STDIN) > 1:
        raise CommandError("standard input ('-') can be checked only once")
    try:
        data = read_stdin()
    except InputError as error:
        raise CommandError(str(error)) from None
    if input_format is None and guess_format(data) is None:
        raise CommandError(
            "cannot tell whether standard input is JSON or YAML: "
            "give --input-format json or --input-format yaml"
        )
    return data


def _print_statistics(results: Sequence[FileResult], fmt: str, lang: Lang) -> None:
    """How many findings each code has, most frequent first, like other linters."""
    findings = Report.combine(result.report for result in results).findings
    counts = Counter(finding.code for finding in findings)
    first = {finding.code: finding for finding in reversed(findings)}
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if fmt == "json":
        write_json(
            [
                {
                    "code": code,
                    "count": count,
                    "severity": str(first[code].severity),
                    "title": first[code].title.get(lang),
                }
                for code, count in rows
            ],
            sys.stdout,
        )
        return
    width = len(str(rows[0][1])) if rows else 1
    for code, count in rows:
        finding = first[code]
        print(f"{count:>{width}}\t{code}\t[{finding.severity}] {finding.title.get(lang)}")


def _print(
    results: Sequence[FileResult],
    fmt: str,
    lang: Lang,
    quiet: bool,
    baseline: Mapping[str, Any] | None = None,
) -> None:
    combined = Report.combine(result.report for result in results)
    if fmt == "json":
        write_json(
            {
                "ok": combined.ok,
                "counts": {str(s): n for s, n in combined.counts.items()},
                **({"baseline": baseline} if baseline is not None else {}),
                "files": [result.to_dict() for result in results],
            },
            sys.stdout,  # looked up now, so that redirections of stdout are honoured
        )
    elif fmt == "sarif":
        write_json(combined.to_sarif(lang=lang), sys.stdout)
    else:
        for result in results:
            sys.stdout.write(result.report.to_text(lang))
        if not quiet:
            sys.stderr.write(combined.profiles_text(lang))
            summary = _SUMMARY[lang].format(files=len(results), counts=combined.summary(lang))
            print(summary, file=sys.stderr)


def read_baseline(path: str) -> Counter[tuple[str, str]]:
    """The findings of a report written by ``validate --format json``, by file and fingerprint.

    Raises:
        CommandError: the file cannot be read or is not such a report (exit 2).
    """
    try:
        with Path(path).open("rb") as file:
            data = json.load(file)
    except OSError as error:
        raise CommandError(f"cannot read the baseline {path!r}: {error.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CommandError(
            f"the baseline {path!r} is not JSON ({error}); write it with "
            "`uguaglianza validate FILE --format json > REPORT.json`"
        ) from None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list):
        raise CommandError(
            f"the baseline {path!r} is not a report of `uguaglianza validate --format json`: "
            "it has no 'files' list"
        )
    found: Counter[tuple[str, str]] = Counter()
    for i, entry in enumerate(files):
        findings = entry.get("findings") if isinstance(entry, dict) else None
        name = entry.get("file") if isinstance(entry, dict) else None
        if not isinstance(findings, list) or not isinstance(name, str):
            raise CommandError(
                f"the baseline {path!r} is not a report of `uguaglianza validate --format "
                f"json`: files[{i}] has no 'file' name and 'findings' list"
            )
        for j, finding in enumerate(findings):
            mark = finding.get("fingerprint") if isinstance(finding, dict) else None
            if not isinstance(mark, str) or not mark:
                raise CommandError(
                    f"the baseline {path!r} has no fingerprint at files[{i}].findings[{j}]; "
                    "write it again with this version of `uguaglianza validate --format json`"
                )
            found[name, mark] += 1
    return found


def apply_baseline(
    results: Sequence[FileResult], baseline: Counter[tuple[str, str]]
) -> tuple[list[FileResult], int]:
    """*results* without the findings of *baseline*, and how many were left out."""
    kept: list[FileResult] = []
    known = 0
    for result in results:
        marks = Counter({mark: n for (name, mark), n in baseline.items() if name == result.file})
        new, left_out = known_findings(result.report.findings, marks)
        known += left_out
        report = Report(tuple(new), result.report.rules)
        kept.append(attrs.evolve(result, report=report))
    return kept, known


def run(args: argparse.Namespace) -> int:
    """Check every file; exit 2 if any is unreadable, else 1 if any has errors.

    With ``--exit-zero``, findings never make the exit code 1.
    """
    options = settings(args)
    _check_options(options)
    if args.statistics and args.format == "sarif":
        raise CommandError("--statistics prints counts as text or JSON, not SARIF")
    lang = language(options.lang)
    stdin = _read_standard_input(args.files, args.input_format)
    show = args.format == "text" and not args.quiet and not args.statistics
    # Only what was asked for: callers that wrap check_file know its first four arguments.
    reading: dict[str, Any] = {}
    if args.input_format is not None:
        reading["input_format"] = args.input_format
    if stdin is not None:
        reading["stdin"] = stdin
    baseline = read_baseline(args.baseline) if args.baseline is not None else None
    with progress_for(args.files, show=show, lang=lang) as progress:
        results = [
            check_file(path, options, args.as_of, progress, **reading)
            for path in progress.track(args.files)
        ]
    known = 0
    if baseline is not None:
        results, known = apply_baseline(results, baseline)
    if args.statistics:
        _print_statistics(results, args.format, lang)
    else:
        known_to = None if baseline is None else {"file": args.baseline, "known": known}
        _print(results, args.format, lang, args.quiet, known_to)
    if baseline is not None and not args.quiet and args.format == "text":
        print(_KNOWN[lang].format(known=known, file=args.baseline), file=sys.stderr)
    if any(not result.readable for result in results):
        return EXIT_USAGE
    if not args.exit_zero and any(not result.report.ok for result in results):
        return EXIT_INVALID
    return EXIT_OK
