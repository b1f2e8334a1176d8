"""The two shapes of detector, and what a detector sees.

Most detectors are a `PatternDetector`: a few lines of data (a pattern, the
context words that make a match an identifier, a severity) and at most one
validation function (a checksum, a range check). Detectors that need more
than a regular expression (people's names, quasi-identifiers) are a
`FunctionDetector` wrapping one function.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache, reduce
from operator import or_

from ..rules import Rules
from ..text import Tokens, lookup_all

ERROR = "error"
WARNING = "warning"
REPORT = "report"  # without_context: report at the detector's own severity
DEFAULT_ADVICE = "remove it or replace it with a general description"

# Digits, possibly grouped by separators ("07700 900123", "12-34-56", "192.0.2.1").
_DIGIT_CLUSTER_RE = re.compile(r"\d(?:[ \t.\-/():+]{0,3}\d)*")
# How far a window around digits reaches, before widening to whole words: far
# enough for the letters of "AB 12 34 56 C", "AB12 CDE", "MORGA753116SM9IJ" or
# "14 September 2022".
_WINDOW_REACH = 16
_WINDOW_WIDEN = 200
_SPACE = " \t\r\n"

# A paragraph break, or the end of a sentence followed by a space.
_SENTENCE_END_RE = re.compile(r"\n[ \t]*\n|(?<=[.!?])[\"'’”)]*\s+|\n(?=[ \t]*(?:[-*+>#]|\d+[.)]))")


# --- the words a record can contain ---------------------------------------------
# Detectors look for words such as "incident" or "snapchat" in every record,
# each search a pass over the whole text. The record's words are known anyway
# (Scan.tokens), and a word recurs across records, so each distinct word notes
# once (in a bounded cache) which looked-for words it contains: when none of a
# record's words contains one, its search can be skipped.
#
# Why that is exact, for an ASCII text and a looked-for word of two or more
# ASCII letters or digits: an occurrence of it in the lower-cased text lies in
# one run of letters and digits, and every such run is part of one token
# (tokens are whole runs joined by apostrophes or hyphens; the possessive "'s"
# dropped from a token's text is a run of one letter). An ASCII token's key
# is its text in lower case, so that key contains the looked-for word.
_WATCHABLE_RE = re.compile(r"[a-z0-9]{2,}\Z")
_WATCHED_BITS: dict[str, int] = {}  # looked-for word -> its bit
_CONTAINED_BITS: dict[str, int] = {}  # token key -> bits of the looked-for words in it


def watch(words: Iterable[str]) -> None:
    """Have Scan.possible() know these words (lower case). Words that are not
    two or more ASCII letters or digits ("@", "log-in") are left out: they are
    always possible."""
    for word in words:
        if word not in _WATCHED_BITS and _WATCHABLE_RE.match(word):
            _WATCHED_BITS[word] = 1 << len(_WATCHED_BITS)
            _CONTAINED_BITS.clear()  # what was noted lacks the new word's bit


def _contained_bits(key: str) -> int:
    return sum(bit for word, bit in _WATCHED_BITS.items() if word in key)


@lru_cache(maxsize=256)
def _bits_of(words: tuple[str, ...]) -> tuple[int, tuple[int | None, ...]]:
    """(all their bits, each one's bit or None if not watched). A word watched
    after this was kept is treated as not watched: slower, never wrong."""
    bits = tuple(map(_WATCHED_BITS.get, words))
    return sum(bit for bit in bits if bit is not None), bits


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    rule: str
    severity: str
    message: str
    quasi: bool = False
    # Other spellings a reviewer may use in an exception, e.g. with the title
    # ("PC Ahmed" for the name "Ahmed").
    aliases: tuple[str, ...] = ()


class Scan:
    """One view of a record's text, with lazily computed tokens and sentences."""

    def __init__(self, text: str, rules: Rules) -> None:
        self.text = text
        self.rules = rules

    @cached_property
    def tokens(self) -> Tokens:
        return Tokens(self.text)

    @cached_property
    def lower(self) -> str:
        """The text in lower case, with every offset unchanged."""
        lower = self.text.lower()
        if len(lower) != len(self.text):  # a few characters lower-case to two ("İ")
            lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in self.text)
        return lower

    @cached_property
    def _watched_bits(self) -> int:
        """Bits of the watched words that may occur in `lower`: all of them
        unless the text is ASCII (see watch()), and those of any word watched
        after this was worked out."""
        if not self.text.isascii():
            return -1
        watched_later = -1 << len(_WATCHED_BITS)
        keys = list(set(self.tokens.keys))
        return reduce(or_, lookup_all(_CONTAINED_BITS, keys, _contained_bits), watched_later)

    def possible(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """The words (lower case) that may occur in `lower`, in order: a
        watched word that none of the record's words contains cannot."""
        mask, bits = _bits_of(words)
        present = self._watched_bits & mask
        if present == mask:
            return words
        return tuple(word for word, bit in zip(words, bits) if bit is None or present & bit)

    def has_any(self, keywords: tuple[str, ...], *, case_sensitive: bool = False) -> bool:
        if case_sensitive:
            return any(map(self.text.__contains__, keywords))
        return any(map(self.lower.__contains__, self.possible(keywords)))

    @cached_property
    def digit_windows(self) -> list[tuple[int, int, int]]:
        """(start, end, digits) around each cluster of digits, widened to whole
        words and merged. Numeric detectors look only there: most of a record
        is words, and scanning it with a dozen expressions is most of the cost."""
        text = self.text
        if text.isascii() and not any(map(text.__contains__, "0123456789")):
            return []  # no digit (in ASCII text \d is [0-9]; a one-character search is very fast)
        size = len(text)
        windows: list[list[int]] = []
        for match in _DIGIT_CLUSTER_RE.finditer(text):
            digits = sum(ch.isdigit() for ch in match.group())
            start = max(0, match.start() - _WINDOW_REACH)
            limit = max(0, start - _WINDOW_WIDEN)
            while start > limit and text[start - 1] not in _SPACE:
                start -= 1
            end = min(size, match.end() + _WINDOW_REACH)
            limit = min(size, end + _WINDOW_WIDEN)
            while end < limit and text[end] not in _SPACE:
                end += 1
            if windows and start <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], end)
                windows[-1][2] = max(windows[-1][2], digits)
            else:
                windows.append([start, end, digits])
        return [(s, e, d) for s, e, d in windows]

    @cached_property
    def most_digits(self) -> int:
        """The most digits in any window (0 if none): windows(n) is empty when n is more."""
        return max((d for _, _, d in self.digit_windows), default=0)

    def windows(self, min_digits: int) -> list[tuple[int, int]]:
        return [(s, e) for s, e, d in self.digit_windows if d >= min_digits]

    def token_index_at(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect.bisect_left(self.tokens.starts, offset)

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [0] + [m.end() for m in _SENTENCE_END_RE.finditer(self.text)]

    def sentence_span(self, offset: int) -> tuple[int, int]:
        starts = self.sentence_starts
        i = bisect.bisect_right(starts, offset) - 1
        end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
        return starts[i], end

    @cached_property
    def allowed_spans(self) -> list[tuple[int, int]]:
        """Spans covered by the allowlists (allow_terms.yml, places.yml), sorted."""
        return sorted(self.rules.allowed_spans(self.tokens, self.text))

    @cached_property
    def _allowed_starts(self) -> list[int]:
        return [s for s, _ in self.allowed_spans]

    def is_allowed(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside one allowed term."""
        spans = self.allowed_spans
        i = bisect.bisect_right(self._allowed_starts, start) - 1
        while i >= 0:
            s, e = spans[i]
            if e >= end:
                return True
            if start - s > 200:  # no allowed term is that long
                return False
            i -= 1
        return False

    def around(self, start: int, end: int, before: int, after: int) -> str:
        return self.text[max(0, start - before):start] + " " + self.text[end:end + after]


def _matches_from(pattern: re.Pattern[str], text: str, starts: tuple[str, ...]) -> Iterator[re.Match[str]]:
    """What pattern.finditer(text) gives, for a pattern whose every match begins
    with one of `starts`: the leftmost match at or after a position can only
    begin where one of them occurs, and match() there is what a search finds."""
    candidates = set()
    for start in starts:
        at = text.find(start)
        while at != -1:
            candidates.add(at)
            at = text.find(start, at + 1)
    end = 0
    for at in sorted(candidates):
        if at < end:
            continue
        match = pattern.match(text, at)
        if match is not None:
            yield match
            end = match.end()


def context_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    words = tuple(words)
    if not words:
        return None
    alternatives = "|".join(r"\s*".join(map(re.escape, w.split())) for w in
                            sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])", re.IGNORECASE)


@dataclass(frozen=True)
class PatternDetector:
    rule: str
    title: str
    pattern: re.Pattern[str]
    severity: str = ERROR
    # Words near a match that make it this identifier ("sort code", "NHS").
    context: tuple[str, ...] = ()
    # Severity when none of the context words is near: REPORT keeps the
    # detector's severity, None drops the match, or give "warning".
    without_context: str | None = REPORT
    context_before: int = 60
    context_after: int = 30
    # Cheap pre-checks, for speed only: run the pattern only if the record
    # contains one of `keywords` (lower case), one of `case_keywords` (exact
    # case), and, if `min_digits` is set, only around clusters of at least that
    # many digits. They must never be stricter than the pattern itself.
    keywords: tuple[str, ...] = ()
    case_keywords: tuple[str, ...] = ()
    min_digits: int = 0
    # A fast expression that must match the lower-cased record.
    hint: re.Pattern[str] | None = None
    # Run the pattern over the lower-cased text: a lower-case literal pattern
    # is many times faster than the same pattern with re.IGNORECASE.
    lowercase: bool = False
    # Every match begins with one of these strings (in the text the pattern
    # runs over, so lower case if `lowercase`): the pattern is tried only where
    # one of them occurs, instead of at every character. For speed only: a
    # match that began with anything else would be missed.
    starts: tuple[str, ...] = ()
    validate: Callable[[re.Match[str]], bool] | None = None
    # A validation that needs the rules or the surrounding text.
    validate_in_context: Callable[[re.Match[str], Scan], bool] | None = None
    group: int | str = 0
    advice: str = DEFAULT_ADVICE
    quasi: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "_context_re", context_pattern(self.context))
        watch(self.keywords)
        if self.lowercase:
            watch(self.starts)
        # The case-sensitive keywords are titles and acronyms ("PC", "Sgt"):
        # one search for all of them stops only where one of their (mostly
        # capital) first letters occurs, where a test per keyword reads the
        # whole record once each. It finds one exactly when any() would.
        object.__setattr__(self, "_case_keywords_re", re.compile(
            "|".join(map(re.escape, self.case_keywords))) if self.case_keywords else None)
        # When every start contains a keyword, finding a start means the record
        # has a keyword: the anchored search already does the keyword test.
        object.__setattr__(self, "_keywords_implied_by_starts", bool(
            self.lowercase and self.starts
            and all(any(k in s for k in self.keywords) for s in self.starts)))

    @property
    def message(self) -> str:
        return f"{self.title}: {self.advice}"

    def _worth_scanning(self, scan: Scan) -> bool:
        """The cheap pre-checks above, cheapest first."""
        if self.min_digits and scan.most_digits < self.min_digits:
            return False  # no window to scan
        implied = self._keywords_implied_by_starts  # type: ignore[attr-defined]
        if self.keywords and not implied and not scan.has_any(self.keywords):
            return False
        if self.case_keywords and not self._case_keywords_re.search(scan.text):  # type: ignore[attr-defined]
            return False
        return self.hint is None or self.hint.search(scan.lower) is not None

    def _matches(self, scan: Scan) -> Iterator[re.Match[str]]:
        text = scan.lower if self.lowercase else scan.text
        if not self.min_digits:
            if self.starts:
                starts = scan.possible(self.starts) if self.lowercase else self.starts
                yield from _matches_from(self.pattern, text, starts)
            else:
                yield from self.pattern.finditer(text)
            return
        for start, end in scan.windows(self.min_digits):
            yield from self.pattern.finditer(text, start, end)

    def find(self, scan: Scan) -> Iterable[Hit]:
        # Most detectors find nothing to scan in most records: say so before
        # making any generator.
        return self._hits(scan) if self._worth_scanning(scan) else ()

    def _hits(self, scan: Scan) -> Iterator[Hit]:
        context_re = self._context_re  # type: ignore[attr-defined]
        for match in self._matches(scan):
            if self.validate is not None and not self.validate(match):
                continue
            if self.validate_in_context is not None and not self.validate_in_context(match, scan):
                continue
            start, end = match.span(self.group)
            severity: str | None = self.severity
            if context_re is not None and not context_re.search(
                    scan.around(match.start(), match.end(), self.context_before, self.context_after)):
                severity = self.severity if self.without_context == REPORT else self.without_context
            if severity is None:
                continue
            yield Hit(start, end, self.rule, severity, self.message, self.quasi)


@dataclass(frozen=True)
class FunctionDetector:
    rule: str
    title: str
    find_hits: Callable[[Scan, FunctionDetector], Iterable[Hit]]
    severity: str = ERROR
    advice: str = DEFAULT_ADVICE
    quasi: bool = False
    # Also run over link targets and file names ("daniel-price.jpg").
    scans_targets: bool = False

    @property
    def message(self) -> str:
        return f"{self.title}: {self.advice}"

    def hit(self, start: int, end: int, *, severity: str | None = None,
            message: str | None = None, aliases: tuple[str, ...] = ()) -> Hit:
        return Hit(start, end, self.rule, severity or self.severity, message or self.message,
                   self.quasi, aliases)

    def find(self, scan: Scan) -> Iterable[Hit]:
        return self.find_hits(scan, self)


Detector = PatternDetector | FunctionDetector
