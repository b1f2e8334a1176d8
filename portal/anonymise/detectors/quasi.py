"""Quasi-identifiers (ICO guidance): facts that do not name anyone but can
single a person out when combined, or with local knowledge. They are warnings;
several kinds in one record escalate to errors (see engine.py).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from itertools import compress

from ..registry import register
from ..text import word_key
from .base import WARNING, FunctionDetector, Hit, PatternDetector, Scan, watch
from .government_ids import DAY, MONTHS

_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                 "fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
                 "fifty|sixty|seventy|eighty|ninety|a hundred")
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_NUMBER = rf"(?:\d{{1,3}}|(?:{_TENS})[- ](?:{_UNITS})|{_NUMBER_WORDS})"

# --- ages ---------------------------------------------------------------------------

_THRESHOLD_BEFORE_RE = re.compile(r"(?:under|over|above|below|minimum|legal|until|from)(?:\s+the)?\s*$",
                                  re.IGNORECASE)


def _exact_age(match: re.Match[str]) -> bool:
    """Not a legal threshold ("under the age of 18", "over 65 years old")."""
    return not _THRESHOLD_BEFORE_RE.search(match.string[max(0, match.start() - 20):match.start()])


_AGE_ADVICE = ("with other details an exact age can identify someone; give a band "
               "(\"in his forties\", \"a teenager\")")
# Patterns start with a literal ("age", "year") and run over the lower-cased
# text: that lets the regular-expression engine skip ahead quickly.
register(PatternDetector(
    rule="quasi-age",
    title="Exact age",
    pattern=re.compile(
        rf"age(?<![a-z]age)(?:d|\s+of)?\s+(?:about\s+|around\s+|just\s+)?{_NUMBER}\b"
        r"(?!\s*(?:[-–]|to|and|or)\s*\d)(?!\s*(?:%|per|years?\s+(?:ago|later|before|after)))"),
    lowercase=True,
    validate=_exact_age,
    severity=WARNING,
    quasi=True,
    advice=_AGE_ADVICE,
))
_NUMBER_BEFORE_RE = re.compile(rf"(?<![a-z0-9]){_NUMBER}[- ]$")


def _find_years_old(scan: Scan, detector: FunctionDetector) -> Iterator[Hit]:
    """"a 42-year-old", "six years old", "15 years of age": find "year(s) old" or
    "years of age", then the number before it."""
    lower = scan.lower
    for match in _YEARS_OLD_RE.finditer(lower):
        before = _NUMBER_BEFORE_RE.search(lower, max(0, match.start() - 20), match.start())
        if before is None:
            continue
        if not _THRESHOLD_BEFORE_RE.search(lower[max(0, before.start() - 20):before.start()]):
            yield detector.hit(before.start(), match.end())


_YEARS_OLD_RE = re.compile(r"years?[- ]old\b|years? of age\b")
register(FunctionDetector(
    rule="quasi-age",
    title="Exact age",
    find_hits=_find_years_old,
    severity=WARNING,
    quasi=True,
    advice=_AGE_ADVICE,
))
# "Sarah, 34, told police": an age in commas after a name.
register(PatternDetector(
    rule="quasi-age",
    title="Exact age",
    pattern=re.compile(r"(?<=[a-z]), (?:1[0-9]|[2-9][0-9]|[1-9]),"
                       r"(?= (?:who|was|is|had|has|from|of|said|told)\b)"),
    min_digits=1,
    severity=WARNING,
    quasi=True,
    advice=_AGE_ADVICE,
))

# --- exact dates tied to a person -----------------------------------------------------

_DATE_RE = re.compile(
    rf"\b(?:{DAY}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\b\.?(?:,?\s+(?:19|20)\d\d)?"
    rf"|(?:{MONTHS})\.?\s+{DAY}(?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)\d\d)?"
    rf"|{DAY}/(?:1[0-2]|0?[1-9])/(?:(?:19|20)\d\d|\d\d)\b"
    rf"|(?:19|20)\d\d-(?:1[0-2]|0[1-9])-(?:[12]\d|3[01]|0[1-9])\b)"
)  # month names are matched capitalised only: "option 3 may be better" is no date
_PERSON_RE = re.compile(
    r"\b(?:he|she|him|her|his|hers|himself|herself|victim|suspect|offender|perpetrator|"
    r"defendant|man|woman|boy|girl|child|teenager|pupil|student|mother|father|mum|dad|son|"
    r"daughter|wife|husband|partner|resident|neighbour|witness|complainant|driver|patient|"
    r"officer|constable|sergeant|family|person)s?\b|\b(?:Mr|Mrs|Ms|Miss|Dr|PC|DC|DS|PCSO)\b",
    re.IGNORECASE,
)


def _find_dates(scan: Scan, detector: FunctionDetector) -> Iterator[Hit]:
    matches = (m for start, end in scan.windows(1) for m in _DATE_RE.finditer(scan.text, start, end))
    for match in matches:
        start, end = scan.sentence_span(match.start())
        sentence = scan.text[start:end]
        if _PERSON_RE.search(sentence) or any(
                t.is_capitalised and scan.rules.is_first_name(t.key)
                and not scan.rules.is_ambiguous_name(t.key)
                for t in scan.tokens[scan.token_index_at(start):scan.token_index_at(end)]):
            yield detector.hit(*match.span())


register(FunctionDetector(
    rule="quasi-date",
    title="Exact date tied to a person",
    find_hits=_find_dates,
    severity=WARNING,
    quasi=True,
    advice="an exact date lets people match the event to news or records; give the month or season",
))

# --- small places ---------------------------------------------------------------------

# Place words, by how much evidence the words before them need. (words, strong):
# a strong type names a place after any capitalised word ("Oak Road"); a weak
# one needs a word that is not ordinary English ("Tennyson Way", not "Test Drive").
_PLACE_TYPES: dict[tuple[str, ...], bool] = {}
for _words, _strong in (
    ("Road Street Avenue Lane Crescent Gardens Grove Terrace Mews Boulevard", True),
    ("Close Drive Way Place Walk Square Row Rise Parade Hill Green Park", False),
    ("estate Estate", True),
    (("School Academy College Nursery Surgery Church Chapel Mosque Temple Gurdwara Synagogue Mandir "
      "Hostel Pub Arms Inn Club"), False),
):
    for _word in _words.split():
        _PLACE_TYPES[(_word,)] = _strong
for _phrase in ("Primary School", "Junior School", "Infant School", "Secondary School",
                "High School", "Grammar School", "Medical Centre", "Health Centre",
                "Community Centre", "Leisure Centre", "Youth Centre", "Care Home",
                "Nursing Home", "Children's Home", "Recreation Ground", "Social Club",
                "Industrial Estate", "Retail Park", "Business Park"):
    _PLACE_TYPES[tuple(_phrase.split())] = False
_MAX_TYPE_WORDS = max(map(len, _PLACE_TYPES))
_TYPE_FIRST_WORDS = frozenset(words[0] for words in _PLACE_TYPES)
_NOT_A_PLACE_NAME = frozenset((
    "the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "to", "of", "and", "or", "but",
    "near", "from", "outside", "inside", "behind", "opposite", "by", "for", "with", "when", "while",
    "after", "before", "our", "their", "his", "her", "its", "local", "nearby", "same", "new", "old",
    "another", "each", "every", "one", "some", "any", "no", "council", "housing", "private", "social",
    "my", "your",
))
_GAP_RE = re.compile(r"\A[ \t]*\Z")


def _place_words(scan: Scan, type_start: int) -> int:
    """Index of the first name word before the place type at token type_start."""
    tokens = scan.tokens
    k = type_start
    while k > 0 and type_start - k < 3:
        t = tokens[k - 1]
        if not (t.is_capitalised or t.text in ("St", "St.")) or t.key in _NOT_A_PLACE_NAME:
            break
        if not _GAP_RE.match(scan.text[t.end + (2 if t.possessive else 0):tokens[k].start]):
            break
        k -= 1
    return k


def _find_places(scan: Scan, detector: FunctionDetector) -> Iterator[Hit]:
    tokens = scan.tokens
    rules = scan.rules
    # Where a place type can begin; every other word is passed over (most
    # records have none: one set operation in C says so).
    texts = tokens.texts
    candidates = [] if _TYPE_FIRST_WORDS.isdisjoint(texts) else list(
        compress(range(len(tokens)), map(_TYPE_FIRST_WORDS.__contains__, texts)))
    next_start = 0
    i = 0
    while True:
        next_start = bisect.bisect_left(candidates, i, next_start)
        if next_start == len(candidates):
            break
        i = candidates[next_start]
        matched = None
        for length in range(min(_MAX_TYPE_WORDS, len(tokens) - i), 0, -1):
            words = tuple(t.text for t in tokens[i:i + length])
            if words in _PLACE_TYPES:
                matched = (length, _PLACE_TYPES[words])
                break
        if matched is None:
            i += 1
            continue
        length, strong = matched
        first = _place_words(scan, i)
        names = tokens[first:i]
        end = tokens[i + length - 1].end
        if names and not scan.is_allowed(names[0].start, names[-1].end) and not all(
                scan.is_allowed(t.start, t.end) for t in names):
            ordinary = all(rules.is_common(t.key) for t in names)
            if not ordinary or (strong and (len(names) > 1 or tokens[i].text != "estate")):
                yield detector.hit(names[0].start, end)
        i += length
    # "the village of Empingham", "Empingham village" (a county name before
    # "village" is not a place: "a Rutland village").
    mentions_village = scan.has_any(_VILLAGE_WORDS)
    for match in _VILLAGE_RE.finditer(scan.text) if mentions_village else ():
        group = "named" if match.group("named") else "before"
        start, end = match.span(group)
        if not scan.is_allowed(start, end) and not rules.is_common(word_key(match.group(group))):
            yield detector.hit(*match.span())


_VILLAGE_WORDS = ("village", "hamlet")
watch(_VILLAGE_WORDS)
_VILLAGE_RE = re.compile(r"\b(?:village|hamlet)\s+of\s+(?P<named>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
                         r"|(?<![\w])(?P<before>[A-Z][\w'’-]+)\s+village\b")


register(FunctionDetector(
    rule="quasi-place",
    title="Named small place (street, estate, village, school)",
    find_hits=_find_places,
    severity=WARNING,
    quasi=True,
    advice=("a small place plus other details can identify the people in it; say "
            "\"a residential street\", \"a local school\""),
))

# --- court + sentence --------------------------------------------------------------------

_COURT_RE = re.compile(r"\bcourts?\b|\bmagistrates\b|\btribunal\b", re.IGNORECASE)
_SENTENCE_RE = re.compile(
    rf"\b(?:{_NUMBER}(?:\s+and\s+a\s+half)?[- ](?:year|month|week)s?[- ]"
    r"(?:(?:custodial|prison|jail|suspended|community|extended|driving)\s+)?"
    r"(?:sentence|term|jail\s+term|prison\s+term|custody|imprisonment|detention|order|ban)"
    rf"|(?:jailed|imprisoned|sentenced|locked\s+up|detained)\s+(?:to|for)\s+(?:a\s+)?"
    rf"(?:{_NUMBER}(?:\s+and\s+a\s+half)?\s+(?:years?|months?|weeks?)|life)"
    rf"|{_NUMBER}(?:\s+and\s+a\s+half)?\s+(?:years?|months?|weeks?)\s+"
    r"(?:in\s+(?:prison|jail|custody)|behind\s+bars)"
    r"|(?:life|suspended|custodial|prison|jail)\s+sentence|community\s+order|hospital\s+order)\b",
    re.IGNORECASE,
)


_COURT_WORDS = ("court", "magistrates", "tribunal")
watch(_COURT_WORDS)


def _find_court_sentences(scan: Scan, detector: FunctionDetector) -> Iterator[Hit]:
    if not scan.has_any(_COURT_WORDS) or not _COURT_RE.search(scan.text):
        return
    for match in _SENTENCE_RE.finditer(scan.text):
        yield detector.hit(*match.span())


register(FunctionDetector(
    rule="quasi-court-sentence",
    title="Court and sentence together",
    find_hits=_find_court_sentences,
    severity=WARNING,
    quasi=True,
    advice=("the court, offence and sentence together can be matched to press reports of the "
            "case; drop one of them (\"a custodial sentence\", \"at court\") or record a "
            "reviewer's exception"),
))
