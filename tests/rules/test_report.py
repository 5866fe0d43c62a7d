"""Findings and reports: counts, text, JSON and SARIF 2.1.0 renderings."""

from __future__ import annotations

import json

import jsonschema
import pytest

from uguaglianza.rules import Finding, Report, RuleSet, Severity, Text

TWO = [("plan.areas[+]", {"id": "a2", "name": "Cura"}), ("acts[0].number", "12/2021")]


@pytest.fixture
def report(make, run):
    return run(make(TWO))


def test_counts_and_ok(report):
    assert report.codes() == ["UG210", "UG301"]
    assert report.counts == {Severity.ERROR: 1, Severity.WARNING: 1, Severity.INFO: 0}
    assert report.by_code == {"UG210": 1, "UG301": 1}
    assert not report.ok
    assert len(report) == 2
    assert Report().ok


def test_text_in_both_languages(report):
    lines_it = report.to_text("it").splitlines()
    lines_en = report.to_text("en").splitlines()
    assert lines_en[0] == (
        "<input>: UG210 acts[0].number: the number names a year other than the act's (2022) "
        "(got '12/2021') — correct the number (n/YYYY) or the act's date"
    )
    assert lines_it[0] == (
        "<input>: UG210 acts[0].number: il numero indica un anno diverso da quello dell'atto "
        "(2022) (valore: '12/2021') — correggi il numero (n/AAAA) o la data dell'atto"
    )
    assert report.summary("it") == "1 errore, 1 avviso, 0 informazioni"
    assert report.summary("en") == "1 error, 1 warning, 0 infos"


def test_to_dict_is_json(report):
    data = json.loads(json.dumps(report.to_dict()))
    assert data["ok"] is False
    assert data["counts"] == {"error": 1, "warning": 1, "info": 0}
    first = data["findings"][0]
    assert first["code"] == "UG210"
    assert first["path"] == "acts[0].number"
    assert first["message"]["it"].startswith("il numero")
    assert first["title"]["en"] == "The protocol number's year is the act's year"
    assert first["value"] == "'12/2021'"


def test_located_adds_file_positions_and_sorts(report):
    positions = {("plan", "areas", 1): (90, 7), ("acts", 0, "number"): (40, 13)}
    located = report.located("piano.yaml", positions.get)
    assert [(f.code, f.line, f.column) for f in located.findings] == [
        ("UG210", 40, 13),
        ("UG301", 90, 7),
    ]
    assert located.findings[0].format("en").startswith("piano.yaml:40:13: UG210 acts[0].number:")
    assert report.located("piano.yaml").findings[0].location() == "piano.yaml"


def test_combine_keeps_every_finding_and_rule(report):
    both = Report.combine([report, report.located("altro.yaml")])
    assert len(both) == 4
    assert [rule.code for rule in both.rules] == sorted(rule.code for rule in report.rules)


def test_finding_without_value():
    finding = Finding(
        code="UG313",
        severity=Severity.WARNING,
        message=Text("il piano non indica l'ente titolare", "the plan names no owner"),
        hint=Text("indica `owner`", "set `owner`"),
        title=Text("t", "t"),
        path="plan.owner",
        file="p.json",
        line=3,
    )
    assert (
        finding.format("en") == "p.json:3: UG313 plan.owner: the plan names no owner — set `owner`"
    )


# The properties SARIF 2.1.0 requires of the objects we write (OASIS SARIF v2.1.0, §3).
SARIF_REQUIRED = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "$schema": {"type": "string", "format": "uri"},
        "runs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["tool"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "rules": {
                                        "type": "array",
                                        "items": {"$ref": "#/$defs/reportingDescriptor"},
                                    },
                                },
                            }
                        },
                    },
                    "results": {"type": "array", "items": {"$ref": "#/$defs/result"}},
                },
            },
        },
    },
    "$defs": {
        "message": {
            "type": "object",
            "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
        },
        "multiformatMessageString": {
            "type": "object",
            "required": ["text"],
            "properties": {"text": {"type": "string"}},
        },
        "reportingDescriptor": {
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "string"},
                "shortDescription": {"$ref": "#/$defs/multiformatMessageString"},
                "fullDescription": {"$ref": "#/$defs/multiformatMessageString"},
                "help": {"$ref": "#/$defs/multiformatMessageString"},
                "defaultConfiguration": {
                    "type": "object",
                    "properties": {"level": {"enum": ["none", "note", "warning", "error"]}},
                },
            },
        },
        "result": {
            "type": "object",
            "required": ["message"],
            "properties": {
                "message": {"$ref": "#/$defs/message"},
                "ruleId": {"type": "string"},
                "ruleIndex": {"type": "integer", "minimum": -1},
                "level": {"enum": ["none", "note", "warning", "error"]},
                "locations": {"type": "array", "items": {"$ref": "#/$defs/location"}},
            },
        },
        "location": {
            "type": "object",
            "properties": {
                "physicalLocation": {
                    "type": "object",
                    "anyOf": [{"required": ["address"]}, {"required": ["artifactLocation"]}],
                    "properties": {
                        "artifactLocation": {
                            "type": "object",
                            "properties": {"uri": {"type": "string", "format": "uri-reference"}},
                        },
                        "region": {
                            "type": "object",
                            "properties": {
                                "startLine": {"type": "integer", "minimum": 1},
                                "startColumn": {"type": "integer", "minimum": 1},
                            },
                        },
                    },
                },
                "logicalLocations": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"fullyQualifiedName": {"type": "string"}},
                    },
                },
            },
        },
    },
}


def test_sarif_has_the_required_shape(report):
    positions = {("acts", 0, "number"): (40, 13)}
    sarif = report.located("examples/piano uguaglianza.yaml", positions.get).to_sarif(lang="it")
    jsonschema.validate(sarif, SARIF_REQUIRED)
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [rule.code for rule in report.rules]
    first, second = run["results"]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"] == "UG210"
    assert first["level"] == "error" and second["level"] == "warning"
    physical = first["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "examples/piano%20uguaglianza.yaml"
    assert physical["region"] == {"startLine": 40, "startColumn": 13}
    assert "region" not in second["locations"][0]["physicalLocation"]
    assert first["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "acts[0].number"
    assert first["message"]["text"].startswith("il numero indica")


def test_sarif_without_a_file(report):
    result = report.to_sarif()["runs"][0]["results"][0]
    assert "physicalLocation" not in result["locations"][0]
    jsonschema.validate(report.to_sarif(), SARIF_REQUIRED)


def test_sarif_levels_of_info():
    rules = RuleSet.default()
    rule = rules["UG702"]
    finding = Finding(
        rule.code, Severity.INFO, rule.message, rule.hint, rule.title, file="/tmp/a b.json"
    )
    sarif = Report((finding,), (rule,)).to_sarif()
    result = sarif["runs"][0]["results"][0]
    assert result["level"] == "note"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "file:///tmp/a%20b.json"
    )
    descriptor = sarif["runs"][0]["tool"]["driver"]["rules"][0]
    assert descriptor["defaultConfiguration"] == {"level": "note"}
    assert descriptor["properties"]["family"] == "machinery"
