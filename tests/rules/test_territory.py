"""UG1xx: districts that partition their area, ISTAT codes, dated links."""

from __future__ import annotations

import datetime

import pytest

from uguaglianza.rules.territory import RULES

# territories: 0 er (region), 1 cm (metropolitan city), 2 d1, 3 d2 (districts of cm),
# 4 c1 (Bologna, in d1), 5 c2 (Anzola, in d2).
SECOND_DISTRICT = (
    "territories[4].part_of[+]",
    {"territory": "d2", "kind": "socio_health_district"},
)
OTHER_AREA = [
    ("territories[+]", {"id": "cm2", "kind": "metropolitan_city", "name": "Altra città"}),
    (
        "territories[+]",
        {
            "id": "d3",
            "kind": "socio_health_district",
            "name": "D3",
            "part_of": [{"territory": "cm2"}],
        },
    ),
]

TRIGGERS = [
    pytest.param([SECOND_DISTRICT], ["UG101"], id="UG101-two-districts"),
    pytest.param([("territories[4].part_of[0]", None)], ["UG102", "UG105"], id="UG102-no-district"),
    pytest.param(
        [*OTHER_AREA, ("territories[4].part_of[0].territory", "d3")],
        ["UG103", "UG105"],
        id="UG103-district-of-another-area",
    ),
    pytest.param([("territories[3].part_of", None)], ["UG104"], id="UG104-unplaced-district"),
    pytest.param(
        [
            (
                "territories[+]",
                {
                    "id": "d3",
                    "kind": "socio_health_district",
                    "name": "D3",
                    "part_of": [{"territory": "cm"}],
                },
            )
        ],
        ["UG105"],
        id="UG105-empty-district",
    ),
    pytest.param([("territories[4].istat_code", "37006")], ["UG106"], id="UG106-comune-digits"),
    pytest.param([("territories[0].istat_code", "008")], ["UG106"], id="UG106-region-digits"),
    pytest.param([("territories[4].istat_code", "038006")], ["UG107"], id="UG107-other-province"),
    pytest.param([("territories[5].istat_code", "037006")], ["UG108"], id="UG108-duplicate"),
    pytest.param(
        [
            ("territories[4].part_of[+]", {"territory": "er"}),
            ("territories[4].part_of[+]", {"territory": "er", "period": {"start": "2020"}}),
        ],
        ["UG109"],
        id="UG109-overlapping-links",
    ),
]

NEAR_MISSES = [
    pytest.param(
        [
            SECOND_DISTRICT,
            ("territories[4].part_of[0].period", {"end": "2015-12-31"}),
            ("territories[4].part_of[2].period", {"start": "2016-01-01"}),
        ],
        "UG101",
        id="UG101-district-changed-over-time",
    ),
    pytest.param(
        [("territories[+]", {"id": "c9", "kind": "comune", "name": "Altrove"})],
        "UG102",
        id="UG102-comune-of-undivided-area",
    ),
    pytest.param(
        [("territories[4].period", {"end": "2013"}), ("territories[4].part_of[0]", None)],
        "UG102",
        id="UG102-comune-no-longer-exists",
    ),
    pytest.param([("territories[1].istat_code", "237")], "UG107", id="UG107-metropolitan-code"),
    pytest.param(
        [("territories[5].istat_code", "037006"), ("territories[5].period", {"end": "2013"})],
        "UG108",
        id="UG108-code-of-abolished-comune",
    ),
    pytest.param(
        [
            ("territories[4].part_of[+]", {"territory": "er", "period": {"end": "2014"}}),
            ("territories[4].part_of[+]", {"territory": "er", "period": {"start": "2014"}}),
        ],
        "UG109",
        id="UG109-uncertain-change-year",
    ),
    pytest.param(
        [
            ("territories[4].part_of[+]", {"territory": "er", "period": {"end": "2014-06-30"}}),
            ("territories[4].part_of[+]", {"territory": "er", "period": {"start": "2014-06-30"}}),
        ],
        "UG109",
        id="UG109-touching-periods",
    ),
]


@pytest.mark.parametrize(("edits", "expected"), TRIGGERS)
def test_rule_triggers(make, run, edits, expected):
    assert run(make(edits)).codes() == expected


@pytest.mark.parametrize(("edits", "code"), NEAR_MISSES)
def test_rule_does_not_trigger(make, run, edits, code):
    assert code not in run(make(edits)).codes()


def test_districts_are_checked_at_the_date(make, run):
    data = make([SECOND_DISTRICT, ("territories[4].part_of[2].period", {"start": "2030"})])
    assert run(data).codes() == []
    assert run(data, as_of=datetime.date(2031, 1, 1)).codes() == ["UG101"]


def test_many_districts_names_them(make, run):
    (finding,) = run(make([SECOND_DISTRICT])).findings
    assert finding.path == "territories[4].part_of[2].territory"
    assert finding.value == "['d1', 'd2']"
    assert "2024-06-01" in finding.message.it


def test_province_prefix_is_in_the_message(make, run):
    (finding,) = run(make([("territories[4].istat_code", "038006")])).findings
    assert "037" in finding.message.en
    assert finding.value == "'038006'"


def test_every_rule_is_tested():
    assert {rule.code for rule in RULES} <= {c for p in TRIGGERS for c in p.values[1]}
