"""The engine: selection, severities, profiles, rules of one's own, crash isolation."""

from __future__ import annotations

import datetime

import pytest

import uguaglianza
from uguaglianza.rules import Context, Hit, Rule, RuleSet, Severity, Text, check

# Three findings of three families: UG301 (completeness), UG701 (machinery), UG704.
THREE = [
    ("plan.areas[+]", {"id": "a2", "name": "Lavoro non pagato"}),
    ("bodies[0].members", None),
    ("services[0].operators", None),
]


def _rule(code, check_fn, **changes):
    fields = {
        "code": code,
        "name": "body-without-acronym",
        "title": Text("Gli organi hanno una sigla", "Bodies have an acronym"),
        "message": Text("l'organo {name} non ha sigla", "body {name} has no acronym"),
        "hint": Text("aggiungi `acronym`", "add `acronym`"),
        "severity": Severity.INFO,
        "rationale": Text("Le sigle aiutano.", "Acronyms help."),
        "basis": "good_practice",
        "source": "house style",
        "check": check_fn,
    }
    return Rule(**{**fields, **changes})


def _no_acronym(ctx: Context):
    for record in ctx.records("body"):
        if not record.entity.acronym:
            yield Hit((*record.loc, "acronym"), None, {"name": record.entity.name})


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        (None, None, ["UG301", "UG701", "UG704"]),
        (["UG7"], None, ["UG701", "UG704"]),
        (["machinery"], ["UG704"], ["UG701"]),
        (["UG3", "UG704"], None, ["UG301", "UG704"]),
        (None, ["completeness"], ["UG701", "UG704"]),
        (["UG704"], ["UG7"], ["UG704"]),
        (["ALL"], ["ug70"], ["UG301"]),
    ],
)
def test_select_and_ignore(make, run, select, ignore, expected):
    assert run(make(THREE), select=select, ignore=ignore).codes() == expected


@pytest.mark.parametrize("selector", ["UG999", "nonsense", "X1"])
def test_unknown_selector(make, run, selector):
    with pytest.raises(ValueError, match="matches no rule"):
        run(make(), select=[selector])


def test_severity_overrides_most_specific_wins(make, run):
    report = run(make(THREE), severity={"UG7": "error", "UG704": "info"})
    assert {f.code: f.severity for f in report.findings} == {
        "UG301": Severity.WARNING,
        "UG701": Severity.ERROR,
        "UG704": Severity.INFO,
    }
    assert not report.ok


def test_unknown_severity(make, run):
    with pytest.raises(ValueError, match="unknown severity"):
        run(make(), severity={"UG301": "fatal"})


def test_unknown_profile(make, run):
    with pytest.raises(ValueError, match="unknown profile"):
        run(make(), profile="nope")


def test_profile_follows_the_plan_kind(make, run):
    data = make([("plan.kind", "positive_action_plan")])
    assert run(data).codes() == ["UG601", "UG602", "UG603"]
    assert run(data, profile="equality_plan").codes() == []


def test_rules_of_ones_own(make, run):
    rules = RuleSet.default()
    rule = rules.register(_rule("XB001", _no_acronym))
    report = run(make(), rules=rules)
    assert report.codes() == ["XB001"]
    (finding,) = report.findings
    assert finding.message.it == "l'organo Tavolo non ha sigla"
    assert finding.path == "bodies[0].acronym"
    assert rule.family is None
    assert "XB001" not in RuleSet.default()


@pytest.mark.parametrize(
    ("code", "message"),
    [("UG950", "reserved"), ("UG301", "reserved"), ("XB1", "capital letters")],
)
def test_register_refuses_bad_codes(code, message):
    with pytest.raises(ValueError, match=message):
        RuleSet.default().register(_rule(code, _no_acronym))


def test_register_refuses_duplicates_and_missing_checks():
    rules = RuleSet.default()
    rules.register(_rule("XB001", _no_acronym))
    with pytest.raises(ValueError, match="already registered"):
        rules.register(_rule("XB001", _no_acronym))
    with pytest.raises(ValueError, match="no check"):
        rules.register(_rule("XB002", None))


def test_rule_profiles_are_checked():
    with pytest.raises(ValueError, match="unknown profiles"):
        _rule("XB001", _no_acronym, profiles=frozenset({"gpe"}))


def _explode(ctx: Context):
    yield Hit(("plan",))
    raise RuntimeError("boom")


def test_a_crashing_rule_is_reported_and_the_others_run(make, run):
    rules = RuleSet.default()
    rules.register(_rule("XB001", _explode))
    report = run(make(THREE), rules=rules)
    assert report.codes() == ["UG301", "UG701", "UG704", "UG900"]
    crash = report.findings[-1]
    assert "XB001" in crash.message.en and "RuntimeError: boom" in crash.message.en
    assert crash.severity is Severity.ERROR and not report.ok


def test_crashes_can_be_ignored(make, run):
    rules = RuleSet.default()
    rules.register(_rule("XB001", _explode))
    assert run(make(), rules=rules, ignore=["UG900"]).codes() == []


def test_a_built_in_rule_survives_an_odd_document(make, run):
    doc = uguaglianza.from_data(make())
    odd_body = doc.bodies[0].model_copy(update={"members": None})
    odd = doc.model_copy(update={"bodies": (odd_body,)})
    report = run(odd, select=["UG2", "UG7", "UG9"])
    crashed = [f.message.en.split()[1] for f in report.findings if f.code == "UG900"]
    assert crashed == ["UG201", "UG202", "UG703"]
    assert "UG701" in report.codes()


def test_as_of_defaults_to_today(make):
    data = make([("bodies[0].meetings[+]", {"id": "m2", "date": "2099-01-01", "planned": True})])
    assert "UG211" not in check(uguaglianza.from_data(data)).codes()
    assert "UG211" in check(uguaglianza.from_data(data), as_of=datetime.date(2100, 1, 1)).codes()


def test_landscape_paths(make, run):
    data = make([("plan.owner", None)])
    data["document"] = "landscape"
    data["plans"] = [data.pop("plan")]
    (finding,) = run(data).findings
    assert finding.path == "plans[0].owner"


def test_report_lists_the_rules_that_ran(make, run):
    report = run(make(), select=["UG1"])
    assert [rule.code for rule in report.rules] == [f"UG10{n}" for n in range(1, 10)]
