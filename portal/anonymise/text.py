"""Text helpers shared by the detectors: tokens, word keys, line numbers, masks."""
from __future__ import annotations

import bisect
import re
import unicodedata
from itertools import accumulate
from operator import add, itemgetter
from typing import NamedTuple

# A token is a run of letters/digits with internal apostrophes ("O'Neill",
# "Mary's") or hyphens ("Whitfield-Barnes"). Trailing apostrophes are left out,
# so "Victims'" gives "Victims".
TOKEN_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# The same, captured: splitting on it gives [before, word, between, word, ...,
# after] in C, and the running total of the lengths gives each word's offset.
_TOKEN_SPLIT_RE = re.compile(f"({TOKEN_RE.pattern})")
# The same for a text that is all ASCII (most records), where it splits
# identically (the only ASCII letters and digits are [0-9A-Za-z], and "’" is
# not ASCII) and a third faster: ranges are quicker to test than Unicode classes.
# (Possessive quantifiers: nothing follows that could need a shorter word,
# and they spare the engine its backtracking records.)
_ASCII_TOKEN_SPLIT_RE = re.compile(r"([0-9A-Za-z]++(?:['\-][0-9A-Za-z]++)*+)")
_MASKABLE_RE = re.compile(r"[^\W_]+")
_DIGIT_RE = re.compile(r"\d")
# Caches of what each distinct word is: words repeat a lot across records.
# Bounded, because a build keeps them to its end: once full, new words are
# worked out each time they occur (the same answer, a little slower).
CACHE_LIMIT = 20_000
_KEYS: dict[str, str] = {}  # word -> key, for word_key()
_WORDS: dict[str, tuple[str, str, bool, bool]] = {}  # as matched -> (text, key, possessive, has_digit)


def _compute_key(word: str) -> str:
    word = word.replace("’", "'")
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def word_key(word: str) -> str:
    """Case-, accent- and apostrophe-insensitive form used for every lookup."""
    key = _KEYS.get(word)
    if key is None:
        key = _compute_key(word)
        if len(_KEYS) < CACHE_LIMIT:
            _KEYS[word] = key
    return key


class Token(NamedTuple):
    start: int
    end: int  # end of the word without a possessive "'s"
    text: str  # the word without a possessive "'s"
    key: str
    possessive: bool
    has_digit: bool

    @property
    def is_word(self) -> bool:
        return not self.has_digit

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_upper(self) -> bool:
        return len(self.text) > 1 and self.text.isupper()

    @property
    def is_lower(self) -> bool:
        return self.text.islower()


_new_tuple = tuple.__new__


def _word_parts(word: str) -> tuple[str, str, bool, bool]:
    """(text, key, possessive, has_digit) of a word as TOKEN_RE matched it."""
    possessive = len(word) > 3 and word[-1] in "sS" and word[-2] in "'’"
    text = word[:-2] if possessive else word
    key = _compute_key(text)
    if key == text:
        key = text  # one string, not two equal ones, in the cache
    return text, key, possessive, not text.isalpha() and _DIGIT_RE.search(text) is not None


def lookup_all(cache: dict, keys: list, compute) -> list:
    """``cache.get`` for every key at once (fast, in C), computing the misses
    and keeping them while the cache is under CACHE_LIMIT entries."""
    values = list(map(cache.get, keys))
    # all() is a quicker test than `None in` when no value is false (tuples);
    # only when it fails is there any need to look for misses.
    if not all(values) and None in values:
        for index, value in enumerate(values):
            if value is None:
                key = keys[index]
                value = cache.get(key)
                if value is None:
                    value = compute(key)
                    if len(cache) < CACHE_LIMIT:
                        cache[key] = value
                values[index] = value
    return values


class Tokens:
    """Every word of a text, as a read-only sequence of Tokens.

    A check runs for each record and most of its words interest no detector,
    so the words are found with whole-list operations in C and a Token object
    is made only for a word that is looked at. `texts`, `keys` and `starts`
    give every word at once, for detectors that pick out the few words they need.
    """

    __slots__ = ("starts", "_parts", "_made", "_texts", "_keys")

    def __init__(self, text: str) -> None:
        split = _ASCII_TOKEN_SPLIT_RE.split if text.isascii() else _TOKEN_SPLIT_RE.split
        pieces = split(text)
        words = pieces[1::2]
        parts = lookup_all(_WORDS, words, _word_parts)
        self.starts: list[int] = list(accumulate(map(len, pieces)))[0:-1:2]
        self._parts = parts
        self._made: list[Token | None] = [None] * len(parts)
        self._texts: list[str] | None = None
        self._keys: list[str] | None = None

    # `texts` and `keys` are made once per text, as several detectors read
    # them; callers must not modify the lists they get.
    @property
    def texts(self) -> list[str]:
        if self._texts is None:
            self._texts = list(map(itemgetter(0), self._parts))
        return self._texts

    @property
    def keys(self) -> list[str]:
        if self._keys is None:
            self._keys = list(map(itemgetter(1), self._parts))
        return self._keys

    @property
    def ends(self) -> list[int]:
        return list(map(add, self.starts, map(len, self.texts)))

    def __len__(self) -> int:
        return len(self._parts)

    def __getitem__(self, index):
        token = self._made[index]  # a list (of Tokens and Nones) if index is a slice
        if token.__class__ is Token:
            return token
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._parts)))]
        if token is None:
            start = self.starts[index]
            text, key, possessive, has_digit = self._parts[index]
            token = self._made[index] = _new_tuple(Token, (start, start + len(text), text, key, possessive,
                                                           has_digit))
        return token

    def __iter__(self):
        for index in range(len(self._parts)):
            yield self[index]


def tokenize(text: str) -> list[Token]:
    """Every word of the text."""
    return list(Tokens(text))


_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Maps a character offset to a 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._line_starts: list[int] | None = None

    @property
    def _starts(self) -> list[int]:
        # Made on first use: most records have no finding to place.
        if self._line_starts is None:
            self._line_starts = [0, *(match.end() for match in _LINE_BREAK_RE.finditer(self._text))]
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of position (both 1-based)."""
        return self._starts[line - 1] + column - 1


def normalise_space(text: str) -> str:
    return " ".join(text.split())


# Generic top-level domains shown unmasked in an email's mask: they identify no one.
_PUBLIC_TLDS = frozenset({"com", "org", "net", "uk", "gov", "police", "info", "io",
                          "co", "ac", "edu", "me", "eu", "biz"})


def mask(text: str, *, keep_tld: bool = False) -> str:
    """Keep the first character of each word of two or more characters; every
    other letter or digit becomes '*'. Punctuation and spacing are kept so the
    reader can see the shape (an email, a phone number) without the value."""
    tld_start = len(text)
    if keep_tld:
        dot = text.rfind(".")
        if dot != -1 and text[dot + 1:].lower() in _PUBLIC_TLDS and "@" in text[:dot]:
            tld_start = dot + 1

    def hide(match: re.Match[str]) -> str:
        word = match.group()
        if match.start() >= tld_start:
            return word
        if len(word) == 1:
            return "*"
        return word[0] + "*" * (len(word) - 1)

    return _MASKABLE_RE.sub(hide, text)
