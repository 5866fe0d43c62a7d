"""UG010-UG011 and the check-character algorithms, on known valid and invalid values."""

from __future__ import annotations

import pytest

from tests.rules.lifecycle_docs import codes, doc
from uguaglianza.rules.checkdigits import eu_vat_ok, it_cf_ok, it_vat_ok, orcid_ok, ror_ok


@pytest.mark.parametrize(
    ("check", "value", "valid"),
    [
        (it_vat_ok, "01234567897", True),
        (it_vat_ok, "01234567890", False),
        (it_vat_ok, "10234567897", False),  # two digits swapped
        (it_vat_ok, "0123456789", False),
        (eu_vat_ok, "IT01234567897", True),
        (eu_vat_ok, "IT01234567890", False),
        (eu_vat_ok, "IT0123456789", False),
        (eu_vat_ok, "DE123456789", True),  # another member state's own algorithm
        (it_cf_ok, "RSSMRA85T10A562S", True),
        (it_cf_ok, "RSSMRA85T10A562T", False),
        (it_cf_ok, "SRSMRA85T10A562S", False),  # two letters swapped
        (it_cf_ok, "01234567897", True),  # an organisation's numeric codice fiscale
        (it_cf_ok, "01234567891", False),
        (orcid_ok, "0000-0002-1825-0097", True),
        (orcid_ok, "0000-0002-1694-233X", True),
        (orcid_ok, "0000-0001-5109-3700", True),
        (orcid_ok, "0000-0002-1825-0098", False),
        (orcid_ok, "0000-0002-1694-2330", False),
        (ror_ok, "01111rn36", True),
        (ror_ok, "02be6w209", True),
        (ror_ok, "00240q980", True),
        (ror_ok, "01111rn37", False),
        (ror_ok, "01111nr36", False),  # two characters swapped
        (ror_ok, "0111irn36", False),  # 'i' is not Crockford base32
    ],
)
def test_check_characters(check, value, valid):
    assert check(value) is valid


def with_identifier(scheme: str, value: str, *edits):
    return doc([("organisations[2].identifiers", [{"scheme": scheme, "value": value}]), *edits])


CASES = [
    pytest.param("it_vat", "01234567897", [], id="vat-valid"),
    pytest.param("it_vat", "01234567890", [("UG011", True)], id="vat-check-digit"),
    pytest.param("it_vat", "IT01234567897", [("UG010", True)], id="vat-with-prefix"),
    pytest.param("eu_vat", "IT01234567897", [], id="eu-vat-italian-valid"),
    pytest.param("eu_vat", "IT01234567890", [("UG011", True)], id="eu-vat-italian-check"),
    pytest.param("orcid", "0000-0002-1825-0097", [], id="orcid-valid"),
    pytest.param(
        "orcid", "https://orcid.org/0000-0002-1825-0097", [("UG010", True)], id="orcid-url"
    ),
    pytest.param("orcid", "0000-0002-1825-0098", [("UG011", True)], id="orcid-check"),
    pytest.param("ror", "01111rn37", [("UG011", True)], id="ror-check"),
    pytest.param("it_cf", "RSSMRA85T10A562S", [], id="cf-valid"),
    pytest.param("it_cf", "RSSMRA85T10A562T", [("UG011", True)], id="cf-check"),
    pytest.param("nuts", "ITH55", [], id="nuts-pattern-only"),
    pytest.param("nuts", "ith55", [("UG010", True)], id="nuts-lowercase"),
]


@pytest.mark.parametrize(("scheme", "value", "expected"), CASES)
def test_identifier_rules(scheme, value, expected):
    assert codes(with_identifier(scheme, value), ["UG010", "UG011"]) == expected


def test_a_declared_scheme_inherits_its_broader_schemes_check():
    declared = (
        "codelists",
        {
            "identifier_schemes": [
                {"code": "partita_iva_ente", "name": "Partita IVA dell'ente", "broader": "it_vat"}
            ]
        },
    )
    good = with_identifier("partita_iva_ente", "01234567897", declared)
    bad = with_identifier("partita_iva_ente", "01234567890", declared)
    assert codes(good, ["UG010", "UG011"]) == []
    assert codes(bad, ["UG010", "UG011"]) == [("UG011", True)]


def test_every_rule_is_tested():
    from uguaglianza.rules.identifiers import RULES

    triggered = {code for case in CASES for code, known in case.values[-1] if known}
    assert {rule.code for rule in RULES} <= triggered
