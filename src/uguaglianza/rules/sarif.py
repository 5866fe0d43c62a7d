"""Reports as SARIF 2.1.0 logs, the format code-review tools read."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from uguaglianza.rules.report import Lang, Severity

if TYPE_CHECKING:
    from uguaglianza.rules.catalogue import Rule
    from uguaglianza.rules.report import Finding, Report

__all__ = ["SARIF_SCHEMA", "SARIF_VERSION", "to_sarif"]

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_HOME = "https://github.com/uguaglianza/uguaglianza"
#: The key of findings' fingerprints in ``partialFingerprints`` (versioned, as SARIF asks).
_FINGERPRINT = "uguaglianza/v1"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("uguaglianza")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.0.0"


def _descriptor(rule: Rule, lang: Lang) -> dict[str, Any]:
    family = rule.family
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.title.get(lang)},
        "fullDescription": {"text": rule.rationale.get(lang)},
        "help": {"text": f"{rule.hint.get(lang)} ({rule.source})"},
        "helpUri": f"{_HOME}/blob/main/docs/rules.md#{rule.code.lower()}",
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {
            "family": family.name if family is not None else "user",
            "basis": rule.basis,
            "profiles": sorted(rule.profiles),
        },
    }


def _uri(file: str) -> str:
    path = PurePath(file)
    return path.as_uri() if path.is_absolute() else quote(path.as_posix())


def _result(finding: Finding, index: dict[str, int], lang: Lang) -> dict[str, Any]:
    message = finding.message.get(lang)
    if finding.value is not None:
        message += f" ({finding.value})"
    location: dict[str, Any] = {}
    if finding.file is not None:
        physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(finding.file)}}
        if finding.line is not None:
            region = {"startLine": finding.line}
            if finding.column is not None:
                region["startColumn"] = finding.column
            physical["region"] = region
        location["physicalLocation"] = physical
    location["logicalLocations"] = [{"fullyQualifiedName": finding.path or "$", "kind": "member"}]
    if finding.cell is not None:
        # A workbook has no lines: the cell is a logical place, and named in the message.
        location["logicalLocations"].append(
            {
                "name": finding.cell.rpartition("!")[2],
                "fullyQualifiedName": finding.cell,
                "kind": "element",
            }
        )
        location["properties"] = {"cell": finding.cell}
        message = f"{finding.cell}: {message}"
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": _LEVELS[finding.severity],
        "message": {"text": f"{message} — {finding.hint.get(lang)}"},
        "locations": [location],
        "partialFingerprints": {_FINGERPRINT: finding.fingerprint},
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    return result


def to_sarif(report: Report, *, lang: Lang = "en") -> dict[str, Any]:
    """*report* as a SARIF 2.1.0 log with one run: the rules checked and every result."""
    rules = list(report.rules)
    index = {rule.code: i for i, rule in enumerate(rules)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "uguaglianza",
                        "version": _version(),
                        "informationUri": _HOME,
                        "rules": [_descriptor(rule, lang) for rule in rules],
                    }
                },
                "results": [_result(finding, index, lang) for finding in report.findings],
                "properties": {"profiles": [profile.to_dict() for profile in report.profiles]},
            }
        ],
    }
