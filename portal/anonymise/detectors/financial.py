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
