"""Bank sort codes and account numbers, and payment card numbers."""
from __future__ import annotations

import re

from ..registry import register
from .base import PatternDetector

_BANK_ADVICE = "remove it: bank details identify the account holder"

register(PatternDetector(
    rule="sort-code",
    title="Bank sort code",
    pattern=re.compile(r"(?<![\w/.-])(?:\d{2}-\d{2}-\d{2}|\d{2} \d{2} \d{2}|\d{6})(?![\w/-]|\.\d)"),
    context=("sort code", "sort-code", "sortcode", "s/c", "bank details"),
    without_context=None,
    keywords=("sort", "s/c", "bank"),
    min_digits=6,
    context_before=40,
    context_after=20,
    advice=_BANK_ADVICE,
))
register(PatternDetector(
    rule="bank-account",
    title="Bank account number",
    pattern=re.compile(r"(?<![\w/.-])\d{8}(?![\w/-]|\.\d)"),
    context=("account number", "account no", "acc no", "acct", "a/c", "account", "bank details"),
    without_context=None,
    keywords=("acc", "a/c", "bank"),
    min_digits=8,
    context_before=40,
    context_after=20,
    advice=_BANK_ADVICE,
))


# IBANs (ISO 13616): country, two check digits, then the national account
# number, usually in groups of four. The length is fixed per country.
_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22,
    "DK": 18, "EE": 20, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GI": 23, "GL": 18,
    "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IS": 26, "IT": 27, "LI": 21, "LT": 20,
    "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24,
    "SA": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "TR": 26,
}


def _iban_checksum(match: re.Match[str]) -> bool:
    """Not inside a word; the country's length; and mod 97 of the number (its
    first four characters moved to the end, letters as 10..35) is 1."""
    before = match.string[match.start() - 1:match.start()]
    if before and (before.isalnum() or before in "_-"):
        return False
    iban = match.group().replace(" ", "")
    if _IBAN_LENGTHS.get(iban[:2]) != len(iban):
        return False
    return int("".join(str(int(ch, 36)) for ch in iban[4:] + iban[:4])) % 97 == 1


register(PatternDetector(
    rule="bank-account",
    title="Bank account number (IBAN)",
    # What goes before it is checked in _iban_checksum: the pattern runs around
    # every number, and it is fastest beginning with one letter ("[A-Z]{2}" or a
    # look-behind first make it slower by a third or more).
    pattern=re.compile(r"[A-Z][A-Z]\d\d(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?(?![\w-])"),
    validate=_iban_checksum,
    min_digits=2,  # the check digits
    advice=_BANK_ADVICE,
))


def _luhn(match: re.Match[str]) -> bool:
    digits = re.sub(r"\D", "", match.group())
    if not 13 <= len(digits) <= 19 or digits[0] not in "23456":
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


register(PatternDetector(
    rule="payment-card",
    title="Payment card number",
    pattern=re.compile(
        r"(?<![\w.-])(?:"
        r"\d{4}(?P<sep>[ -])\d{4}(?P=sep)\d{4}(?P=sep)\d{1,7}"  # 4-4-4-4 (and 4-4-4-1..7)
        r"|\d{4}(?P<amex>[ -])\d{6}(?P=amex)\d{5}"            # American Express 4-6-5
        r"|\d{13,19})(?![\w-]|\.\d)"),
    validate=_luhn,
    min_digits=13,
    advice="remove it: never publish card numbers, even in part",
))
