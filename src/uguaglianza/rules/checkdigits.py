"""Check characters of the identifier schemes that carry one.

Each function takes a value already matching its scheme's ``pattern`` and says whether
its check character is right. :data:`CHECKS` maps the ``check`` key of the
``identifier_schemes`` codelist to the function.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

__all__ = ["CHECKS", "eu_vat_ok", "it_cf_ok", "it_vat_ok", "orcid_ok", "ror_ok"]


def it_vat_ok(value: str) -> bool:
    """An Italian partita IVA (11 digits): the last digit is a Luhn-style check digit."""
    if len(value) != 11 or not value.isdigit():
        return False
    total = 0
    for position, char in enumerate(value[:10]):
        digit = int(char)
        if position % 2 == 1:  # second, fourth... digit: doubled, digits summed
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return (10 - total % 10) % 10 == int(value[10])


def eu_vat_ok(value: str) -> bool:
    """An EU VAT number: Italy's (``IT`` + partita IVA) by its check digit; others pass.

    Each member state has its own algorithm; only the Italian one is checked here.
    """
    if value.startswith("IT"):
        return it_vat_ok(value[2:])
    return True


# Values of the characters in odd positions (1st, 3rd...), digits and letters alike.
_ODD = (
    *(1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18),
    *(20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23),
)


def _cf_value(char: str, odd: bool) -> int:
    index = int(char) if char.isdigit() else ord(char) - ord("A")
    return _ODD[index] if odd else index


def it_cf_ok(value: str) -> bool:
    """An Italian codice fiscale: 16 characters with a check letter, or 11 digits (as IVA)."""
    if len(value) == 11:
        return it_vat_ok(value)
    if len(value) != 16 or not value.isalnum() or not value.isascii():
        return False
    text = value.upper()
    total = sum(_cf_value(char, position % 2 == 0) for position, char in enumerate(text[:15]))
    return chr(ord("A") + total % 26) == text[15]


def orcid_ok(value: str) -> bool:
    """An ORCID iD (``0000-0002-1825-0097``): ISO 7064 MOD 11-2 check character."""
    digits = value.replace("-", "")
    if len(digits) != 16 or not digits[:15].isdigit():
        return False
    total = 0
    for char in digits[:15]:
        total = (total + int(char)) * 2
    result = (12 - total % 11) % 11
    expected = "X" if result == 10 else str(result)
    return digits[15].upper() == expected


_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


def ror_ok(value: str) -> bool:
    """A ROR id (``0`` + six Crockford base32 characters + two check digits, MOD 97-10)."""
    text = value.lower()
    if len(text) != 9 or text[0] != "0" or not text[7:].isdigit():
        return False
    number = 0
    for char in text[1:7]:
        position = _CROCKFORD.find(char)
        if position < 0:
            return False
        number = number * 32 + position
    return 98 - (number * 100) % 97 == int(text[7:])


#: Check functions by the ``check`` key of the ``identifier_schemes`` codelist.
CHECKS: Mapping[str, Callable[[str], bool]] = {
    "luhn_it_vat": it_vat_ok,
    "eu_vat": eu_vat_ok,
    "it_cf": it_cf_ok,
    "mod11_2": orcid_ok,
    "ror_mod97_10": ror_ok,
}
