"""Postcodes and street addresses (a house number with a street)."""
from __future__ import annotations

import re

from ..registry import register
from .base import PatternDetector

# --- postcodes ----------------------------------------------------------------

# The Royal Mail format: outward code (area letters + district) and inward code
# (sector digit + unit letters, never C I K M O V). A district on its own
# ("LE1") covers thousands of addresses and is not flagged.
_POSTCODE_RE = re.compile(
    r"(?<![\w-])(?:"
    r"(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRV-Y]?)"
    r"[ \t]?[0-9][ABD-HJLNP-UW-Z]{2}"
    r"|GIR[ \t]?0AA)(?![\w-])",
    re.IGNORECASE,
)


def _consistent_case(match: re.Match[str]) -> bool:
    """Upper case as written on post, or all lower case; never mixed (\"Mb1 2th\")."""
    text = match.group()
    return text.isupper() or text.islower()


register(PatternDetector(
    rule="postcode",
    title="Full postcode",
    pattern=_POSTCODE_RE,
    min_digits=1,
    validate=_consistent_case,
    advice="remove it, or give only the town or area",
))

# --- street addresses ------------------------------------------------------------

STREET_TYPES = (
    "Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Cres|Gardens|Gdns|"
    "Grove|Place|Pl|Court|Ct|Terrace|Walk|Square|Sq|Hill|Rise|Row|Mews|Park|Parade|Green|"
    "Vale|View|Boulevard|Croft|Fields|Meadow|Meadows|Wharf|Gate|Yard|Chase|Heights|Grange|"
    "Circus|Hollow|Paddock|Orchard|Dale|Approach"
)
_PUBLIC_COURTS = frozenset({"crown", "magistrates", "magistrates'", "county", "youth",
                            "high", "family", "coroners", "coroner's", "supreme"})
_ADDRESS_RE = re.compile(
    r"(?<![\w£$€.,/-])"
    r"(?:(?:Flat|Apartment|Apt|Unit|Room|Studio)\s+\d{1,4}[A-Za-z]?,?\s+)?"
    r"(?P<number>\d{1,4}[A-Za-z]?)(?:\s*[-–]\s*\d{1,4}[A-Za-z]?)?,?[ \t]+"
    r"(?P<name>(?:(?:[A-Z][\w'’-]*|of|the|de|la)[ \t]+){1,3}?)"
    rf"(?P<type>{STREET_TYPES})\b"
)


def _plausible_address(match: re.Match[str]) -> bool:
    number = match.group("number")
    if len(number) == 4 and number[:2] in ("19", "20"):
        return False  # "In 2022 Station Road was closed": a year, not a house
    words = match.group("name").split()
    if words[0] in ("A", "An", "Of", "And", "In", "On", "At", "To") or (words[0] == "The" and len(words) > 1):
        return False
    # "3 Crown Court hearings" are no address.
    return not (match.group("type") in ("Court", "Ct") and words[-1].lower() in _PUBLIC_COURTS)


register(PatternDetector(
    rule="street-address",
    title="Street address",
    pattern=_ADDRESS_RE,
    min_digits=1,
    validate=_plausible_address,
    advice="remove the house number and street; say \"a residential street\" or name the town",
))
