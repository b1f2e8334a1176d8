"""Postcodes, street addresses (a house number with a street) and map locations."""
from __future__ import annotations

import re

from ..registry import register
from .base import PatternDetector, Scan

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

# --- map locations --------------------------------------------------------------

_MAP_ADVICE = "remove it: it pinpoints a place; name the town instead"
_MAP_CONTEXT_RE = re.compile(
    r"(?<![^\W_])(?:co-?ordinates?|coords|lat|latitude|lng|lon|longitude|gps|location|located|"
    r"position|pinned|pin|geo-?tag(?:ged)?|sat\s?nav)(?![^\W_])", re.IGNORECASE)


def _plausible_coordinates(match: re.Match[str], scan: Scan) -> bool:
    """Latitude within 90 and longitude within 180. Near a word such as
    "coordinates" or "GPS" any such pair is one; on its own only what a map
    app gives: N/S/E/W, or a comma and four decimals each or a sign. So "a
    rise of 12.345, 6.789" and columns of figures pass. (Fewer than three
    decimals is a kilometre or more.)"""
    lat, lon = (match.group(g).lstrip("+-−") for g in ("lat", "lon"))
    if float(lat) > 90 or float(lon) > 180:
        return False
    if _MAP_CONTEXT_RE.search(scan.around(match.start(), match.end(), 40, 20)):
        return True
    if match.group("ns") is not None or match.group("ew") is not None:
        return True
    places = min(len(lat.partition(".")[2]), len(lon.partition(".")[2]))
    signed = match.group("lat")[0] in "+-−" or match.group("lon")[0] in "+-−"
    comma = "," in match.string[match.end("lat"):match.start("lon")]
    return comma and float(lat) >= 1 and (places >= 4 or signed)


# Decimal degrees: "53.8008, -1.5491", "53.8008° N, 1.5491° W". Not one number
# of a longer list ("1.2345, 2.3456, 3.4567" are figures).
register(PatternDetector(
    rule="map-location",
    title="Map location",
    pattern=re.compile(
        r"(?<![\w.£$€])(?<!\d,)(?<!\d, )"
        r"(?P<lat>[-+−]?\d{1,2}\.\d{3,})(?:[ \t]?°)?(?:[ \t]?(?P<ns>[NS]))?"
        r"[ \t]*,?[ \t]*(?P<lon>[-+−]?\d{1,3}\.\d{3,})(?:[ \t]?°)?(?:[ \t]?(?P<ew>[EW]))?"
        r"(?!\w|[.,]\d|[ \t]*,[ \t]*[-+−]?\d)"),
    validate_in_context=_plausible_coordinates,
    min_digits=4,
    hint=re.compile(r"\.\d{3}"),  # a literal first: far faster than the pattern over every number
    advice=_MAP_ADVICE,
))

_DMS = (r"\d{1,3}[ \t]?°[ \t]?\d{1,2}(?:\.\d+)?[ \t]?['′’]"  # degrees and minutes
        r"(?:[ \t]?\d{1,2}(?:\.\d+)?[ \t]?(?:\"|″|''|”|’’))?")  # seconds


def _dms_in_range(match: re.Match[str]) -> bool:
    for group, limit in (("lat", 90), ("lon", 180)):
        degrees, minutes, *seconds = map(float, re.findall(r"\d+(?:\.\d+)?", match.group(group)))
        if degrees > limit or minutes >= 60 or any(s >= 60 for s in seconds):
            return False
    return True


# Degrees, minutes and seconds: 53°48'03"N 1°32'57"W.
register(PatternDetector(
    rule="map-location",
    title="Map location",
    pattern=re.compile(rf"(?<![\w.])(?P<lat>{_DMS})[ \t]?[NS][ \t]*,?[ \t]*(?P<lon>{_DMS})[ \t]?[EW](?!\w)"),
    validate=_dms_in_range,
    case_keywords=("°",),
    min_digits=1,
    advice=_MAP_ADVICE,
))
# what3words addresses: "///filled.count.soap", or three words after "what3words".
_W3W = r"[^\W\d_]+\.[^\W\d_]+\.[^\W\d_]+(?!\w|\.[^\W\d_])"
register(PatternDetector(
    rule="map-location",
    title="Map location",
    pattern=re.compile(rf"///{_W3W}"),
    case_keywords=("/",),  # one quick test, where looking for "///" reads the record twice
    lowercase=True,
    starts=("///",),
    advice=_MAP_ADVICE,
))
register(PatternDetector(
    rule="map-location",
    title="Map location",
    pattern=re.compile(
        r"what(?:3| 3 )words\b(?:[^\S\n]*(?:address|location|ref(?:erence)?|is|was|of|for|:|-|–))*"
        rf"[^\S\n]*(?P<words>(?:///)?{_W3W})"),
    lowercase=True,
    starts=("what",),
    keywords=("words",),  # a word to look up, where "what 3 words" is a search
    group="words",
    advice=_MAP_ADVICE,
))
# Ordnance Survey grid references of 100 m or finer, after "grid reference":
# "SE 29883 33456", "SK 588 045". (A four-figure one is a square kilometre.)
register(PatternDetector(
    rule="map-location",
    title="Map location",
    pattern=re.compile(
        r"\b(?:grid\s+ref(?:erence)?|ngr)\.?\s*(?:is|was|:|of)?\s*"
        r"(?P<ref>[hnost][a-hj-z]\s?(?:\d{3}\s?\d{3}|\d{4}\s?\d{4}|\d{5}\s?\d{5}))(?!\w)"),
    lowercase=True,
    starts=("grid", "ngr"),
    keywords=("grid", "ngr"),
    group="ref",
    advice=_MAP_ADVICE,
))
