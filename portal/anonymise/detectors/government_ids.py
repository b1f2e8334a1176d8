"""National Insurance, NHS, passport and driving-licence numbers, and dates of birth."""
from __future__ import annotations

import re

from ..registry import register
from .base import PatternDetector

# --- National Insurance numbers (HMRC manual NIM39110) --------------------------

# First letter never D F I Q U V; second never D F I O Q U V.
_NINO_PREFIX = r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
_NINO_NEVER_ISSUED = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_SEP = r"[ \t-]?"
_NINO_CONTEXT = ("national insurance", "NI number", "NI no", "NINO", "NI", "N.I.")


def _issued_prefix(match: re.Match[str]) -> bool:
    return match.group("prefix").upper() not in _NINO_NEVER_ISSUED


register(PatternDetector(
    rule="national-insurance-number",
    title="National Insurance number",
    pattern=re.compile(
        rf"(?<![\w-])(?P<prefix>{_NINO_PREFIX}){_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}[A-D](?![\w-])"),
    validate=_issued_prefix,
    min_digits=6,
))

# The suffix letter is sometimes left off; then only with "National Insurance" near.
register(PatternDetector(
    rule="national-insurance-number",
    title="National Insurance number",
    pattern=re.compile(
        rf"(?<![\w-])(?P<prefix>{_NINO_PREFIX}){_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}(?![\w-])"),
    validate=_issued_prefix,
    context=_NINO_CONTEXT,
    without_context=None,
    min_digits=6,
))

# In lower case only with "National Insurance" near ("ni no jt482761b").
register(PatternDetector(
    rule="national-insurance-number",
    title="National Insurance number",
    pattern=re.compile(
        rf"(?<![\w-])(?P<prefix>{_NINO_PREFIX}){_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}[A-D]?(?![\w-])",
        re.IGNORECASE),
    validate=lambda m: not m.group().isupper() and _issued_prefix(m),
    context=_NINO_CONTEXT,
    without_context=None,
    min_digits=6,
))

# --- NHS numbers -----------------------------------------------------------------


def _nhs_checksum(match: re.Match[str]) -> bool:
    """Modulus 11 with weights 10..2; a remainder giving 11 means 0, 10 is invalid."""
    digits = [int(d) for d in re.sub(r"\D", "", match.group())]
    if len(digits) != 10 or len(set(digits)) == 1:
        return False
    check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1))) % 11
    check = 0 if check == 11 else check
    return check != 10 and check == digits[9]


# Written 3-3-4, the usual layout: a valid checksum is enough.
register(PatternDetector(
    rule="nhs-number",
    title="NHS number",
    pattern=re.compile(r"(?<![\w+.-])\d{3}(?P<sep>[ -])\d{3}(?P=sep)\d{4}(?![\w-]|\.\d)"),
    validate=_nhs_checksum,
    min_digits=10,
))
# Dotted, or as ten bare digits, it could be any number: only with a health context.
register(PatternDetector(
    rule="nhs-number",
    title="NHS number",
    pattern=re.compile(r"(?<![\w+.-])\d{3}\.\d{3}\.\d{4}(?![\w-]|\.\d)"),
    validate=_nhs_checksum,
    context=("NHS", "patient", "health", "hospital", "GP", "medical"),
    without_context=None,
    min_digits=10,
))
register(PatternDetector(
    rule="nhs-number",
    title="NHS number",
    pattern=re.compile(r"(?<![\w+.-])\d{10}(?![\w-]|\.\d)"),
    validate=_nhs_checksum,
    context=("NHS", "patient", "health", "hospital", "GP", "medical"),
    without_context=None,
    min_digits=10,
))

# --- passports -----------------------------------------------------------------------

register(PatternDetector(
    rule="passport-number",
    title="Passport number",
    pattern=re.compile(r"(?<![\w-])(?:[A-Z]{1,2}\d{6,8}|\d{9})(?![\w-])"),
    context=("passport",),
    without_context=None,
    keywords=("passport",),
    min_digits=6,
))

# --- DVLA driving licence numbers ----------------------------------------------------

# 5 characters of surname (padded with 9), decade digit, month (+50 for women),
# day, year digit, 2 initials (padded with 9), a digit, 2 check letters.
_LICENCE_RE = re.compile(
    r"(?<![\w-])(?P<surname>[A-Z]{1,5}9{0,4})[ \t]?"
    r"(?P<date>\d[0156]\d[0-3]\d\d)[ \t]?"
    r"(?P<initials>[A-Z][A-Z9])(?P<digit>\d)(?P<check>[A-Z]{2})(?:[ \t]?\d{2})?(?![\w-])"
)


def _licence_fields(match: re.Match[str]) -> bool:
    if len(match.group("surname")) != 5:
        return False
    date = match.group("date")
    month = int(date[1:3]) % 50
    day = int(date[3:5])
    return 1 <= month <= 12 and 1 <= day <= 31


register(PatternDetector(
    rule="driving-licence",
    title="Driving licence number",
    pattern=_LICENCE_RE,
    validate=_licence_fields,
    min_digits=6,
))

# --- dates of birth ---------------------------------------------------------------------

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec")
DAY = r"(?:[12]\d|3[01]|0?[1-9])"
DATE = (
    rf"(?:{DAY}[/.-](?:1[0-2]|0?[1-9])[/.-](?:\d{{4}}|\d{{2}})"   # 01/02/1990, 1.2.90
    rf"|(?:19|20)\d\d-(?:1[0-2]|0[1-9])-(?:[12]\d|3[01]|0[1-9])"  # 1990-02-01
    rf"|{DAY}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?,?\s+(?:19|20)\d\d"  # 3rd of May 1987
    rf"|(?:{MONTHS})\.?\s+{DAY}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d)"  # May 3, 1987
)

register(PatternDetector(
    rule="date-of-birth",
    title="Date of birth",
    pattern=re.compile(
        rf"(?:\bD\.?O\.?B\b\.?|\bdate\s+of\s+birth\b|\bbirth\s*date\b|\bborn\b(?:\s+on)?|\bbirthday\b)"
        rf"\s*(?:[:\-–]|is|was|of)?\s*,?\s*\(?(?P<date>{DATE})(?![\w/])",
        re.IGNORECASE),
    group="date",
    keywords=("dob", "d.o.b", "birth", "born"),
    advice="remove it; if age matters, give an age band such as \"in her thirties\"",
))
