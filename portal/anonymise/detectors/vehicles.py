"""Vehicle registration marks (current, prefix and suffix styles)."""
from __future__ import annotations

import re

from ..registry import register
from .base import PatternDetector

# Three-letter words that end a "registration" in upper-case headings ("A6 AND").
_COMMON_TRIPLES = frozenset((
    "AND", "THE", "FOR", "NOT", "BUT", "ARE", "WAS", "HAS", "HAD", "HIS", "HER", "OUR", "YOU", "ALL",
    "ANY", "CAN", "DID", "GET", "GOT", "MAY", "NEW", "NOW", "OFF", "OLD", "ONE", "OUT", "OWN", "SAY",
    "SEE", "SHE", "TOO", "TWO", "USE", "WAY", "WHO", "WHY", "YES", "YET", "ROAD", "RTC", "NHS",
))


def _current_format(match: re.Match[str]) -> bool:
    """AB12 CDE: age identifier 02-49 (March) or 51-99 (September), never 00/01/50."""
    age = int(match.group("age"))
    return (2 <= age <= 49 or 51 <= age <= 99) and match.group("letters").upper() not in _COMMON_TRIPLES


register(PatternDetector(
    rule="vehicle-registration",
    title="Vehicle registration",
    pattern=re.compile(
        r"(?<![\w-])[A-HJ-PR-Y][A-HJ-PR-Y](?P<age>\d{2})[ \t]?(?P<letters>[A-HJ-PR-Z]{3})(?![\w-])"),
    validate=_current_format,
    min_digits=2,
    advice="remove it: a registration identifies the keeper",
))
# Before 2001: prefix (A123 BCD) and suffix (ABC 123D) styles. Road numbers
# such as A6 or M69 never have the three letters after them.
register(PatternDetector(
    rule="vehicle-registration",
    title="Vehicle registration",
    pattern=re.compile(
        r"(?<![\w-])(?:[A-HJ-NP-TV-Y][1-9]\d{0,2}[ \t]?(?P<letters>[A-HJ-PR-Y][A-HJ-PR-Z]{2})"
        r"|(?P<suffix_letters>[A-HJ-PR-Y][A-HJ-PR-Z]{2})[ \t]?[1-9]\d{0,2}[A-HJ-NP-TV-Y])(?![\w-])"),
    validate=lambda m: (m.group("letters") or m.group("suffix_letters")) not in _COMMON_TRIPLES,
    min_digits=1,
    advice="remove it: a registration identifies the keeper",
))
# Written in lower case or spaced oddly ("reg ab12 cde", "AB 12 CDE"): only
# with a vehicle context, since such strings are otherwise rare but ambiguous.
register(PatternDetector(
    rule="vehicle-registration",
    title="Vehicle registration",
    pattern=re.compile(
        r"(?<![\w-])[A-HJ-PR-Y][A-HJ-PR-Y][ \t]?(?P<age>\d{2})[ \t]?(?P<letters>[A-HJ-PR-Z]{3})(?![\w-])",
        re.IGNORECASE),
    validate=_current_format,
    context=("reg", "registration", "registered", "VRM", "number plate", "plate", "plates",
             "vehicle", "car", "van", "ANPR"),
    without_context=None,
    min_digits=2,
    advice="remove it: a registration identifies the keeper",
))
