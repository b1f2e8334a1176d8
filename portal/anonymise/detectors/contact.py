"""Email addresses and UK telephone numbers."""
from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

from ..registry import register
from .base import ERROR, WARNING, FunctionDetector, Hit, PatternDetector, Scan

# --- email -------------------------------------------------------------------

register(PatternDetector(
    rule="email",
    title="Email address",
    keywords=("@",),
    pattern=re.compile(
        r"(?<![\w.+%-])[A-Za-z0-9](?:[A-Za-z0-9._%+'-]{0,62}[A-Za-z0-9_])?"
        r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])"),
))

# "name at domain dot com", "name [at] domain [dot] co [dot] uk", "name(at)domain.org".
_TLDS = ("com|org|net|uk|co|gov|police|info|io|me|ac|nhs|sch|ltd|plc|edu|eu|biz|tv|app|"
         "dev|online|de|fr|ie|in|pk|ng|es|it|pl|nl")
_BRACKETED_AT = r"\s*[\[\(\{<]\s*at\s*[\]\)\}>]\s*"
_BRACKETED_DOT = r"\s*[\[\(\{<]\s*dot\s*[\]\)\}>]\s*"
_LABEL = r"[A-Za-z0-9][A-Za-z0-9-]*"
# The part before the "at": "jane.doe", or written out, "jane dot doe".
_LOCAL = r"[A-Za-z0-9][\w.+-]*(?:\s+dot\s+[A-Za-z0-9][\w+-]*)*"
_OBFUSCATED_EMAIL_RE = re.compile(
    rf"(?<![\w.+-]){_LOCAL}"
    rf"(?:"
    # A bracketed [at] or a spaced " @ ": the dots may be plain or written out.
    rf"(?:{_BRACKETED_AT}|\s+@\s*|\s*@\s+){_LABEL}"
    rf"(?:(?:{_BRACKETED_DOT}|\s+dot\s+|\.){_LABEL})*(?:{_BRACKETED_DOT}|\s+dot\s+|\.)(?:{_TLDS})"
    # A plain " at ": only with written-out dots, so "arrive at 10.30" never counts.
    rf"|\s+at\s+{_LABEL}(?:(?:{_BRACKETED_DOT}|\s+dot\s+){_LABEL})*(?:{_BRACKETED_DOT}|\s+dot\s+)(?:{_TLDS})"
    rf")(?![\w-])",
    re.IGNORECASE,
)

register(PatternDetector(
    rule="email",
    title="Email address (written out to avoid spam filters)",
    keywords=("dot", "[at]", "(at)", "{at}", "<at>", " @", "@ "),
    pattern=_OBFUSCATED_EMAIL_RE,
))

# --- UK telephone numbers --------------------------------------------------------

# A run of digit groups with the separators people use in phone numbers.
_DIGIT_RUN_RE = re.compile(r"(?<![\w-])(?<!\d[.,])(?:\+|\()?\d[\d() \t.-]*\d(?!\w)")
_DIGIT_GROUP_RE = re.compile(r"\d+")

# Ofcom's ranges reserved for drama. phonenumbers treats some as invalid, yet a
# real-looking number in a record is exactly what the check must catch.
_DRAMA_RANGES = (
    ("07700900", 3), ("01164960", 3), ("02079460", 3), ("01134960", 3), ("01144960", 3),
    ("01154960", 3), ("01174960", 3), ("01184960", 3), ("01214960", 3), ("01314960", 3),
    ("01414960", 3), ("01514960", 3), ("01614960", 3), ("01914980", 3), ("02896496", 3),
    ("02920180", 3), ("01632960", 3), ("03069990", 3), ("08081570", 3), ("09098790", 3),
)
# 03 (non-geographic), 08 and 09 numbers almost always belong to organisations.
_ORGANISATION_PREFIXES = ("03", "08", "09")


def _national_number(digits: str, international: bool) -> str | None:
    """The number in national form (0...), or None if it is not a UK number."""
    if international or digits.startswith("00"):
        digits = digits.removeprefix("00")
        if not digits.startswith("44"):
            return None
        rest = digits[2:]
        rest = rest.removeprefix("0")  # +44 (0)20 ...
        return "0" + rest
    return digits if digits.startswith("0") else None


def _is_uk_phone(national: str) -> bool:
    """A UK number in national form. phonenumbers' metadata decides, except for
    Ofcom's drama ranges (some of which it calls invalid) and numbers of the
    usual 11-digit shape in ranges it does not know yet."""
    if len(national) not in (10, 11):
        return False
    if national[1] not in "123789" and not national.startswith(("055", "056")):
        return False
    if any(national.startswith(p) and len(national) == len(p) + n for p, n in _DRAMA_RANGES):
        return True
    try:
        number = phonenumbers.parse(national, "GB")
    except phonenumbers.NumberParseException:
        return False
    if phonenumbers.is_valid_number(number):
        return True
    return len(national) == 11 and national[1] in "1237" and phonenumbers.is_possible_number(number)


def _find_phones(scan: Scan, detector: FunctionDetector) -> Iterator[Hit]:
    runs = (run for start, end in scan.windows(10) for run in _DIGIT_RUN_RE.finditer(scan.text, start, end))
    for run in runs:
        groups = list(_DIGIT_GROUP_RE.finditer(run.group()))
        first = 0
        while first < len(groups):
            found = None
            for last in range(len(groups) - 1, first - 1, -1):
                digits = "".join(g.group() for g in groups[first:last + 1])
                if len(digits) < 10 or len(digits) > 15:
                    continue
                group_start = run.start() + groups[first].start()
                prefix = scan.text[group_start - 1] if group_start > 0 else ""
                international = prefix == "+"
                national = _national_number(digits, international)
                if national and _is_uk_phone(national):
                    inside = scan.text[run.start() + groups[first].end():run.start() + groups[last].end()]
                    closed = ")" in inside
                    bracket = prefix == "+" or (prefix == "(" and closed)
                    start = group_start - 1 if bracket else group_start
                    found = (start, run.start() + groups[last].end(), national, last)
                    break
            if found is None:
                first += 1
                continue
            start, end, national, last = found
            organisation = national.startswith(_ORGANISATION_PREFIXES)
            yield detector.hit(start, end, severity=WARNING if organisation else ERROR,
                               message=detector.message + (
                                   " (it looks like an organisation's number: keep it only if "
                                   "it is a public service line)" if organisation else ""))
            first = last + 1


register(FunctionDetector(rule="uk-phone", title="UK telephone number", find_hits=_find_phones))
