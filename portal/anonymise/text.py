"""Text helpers shared by the detectors: tokens, word keys, line numbers, masks."""
from __future__ import annotations

import bisect
import re
import unicodedata
from typing import NamedTuple

# A token is a run of letters/digits with internal apostrophes ("O'Neill",
# "Mary's") or hyphens ("Whitfield-Barnes"). Trailing apostrophes are left out,
# so "Victims'" gives "Victims".
TOKEN_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_MASKABLE_RE = re.compile(r"[^\W_]+")
_KEYS: dict[str, str] = {}  # word -> key; words repeat a lot across records


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
        if len(_KEYS) < 200_000:
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


_DIGIT_RE = re.compile(r"\d")


_new_tuple = tuple.__new__


def tokenize(text: str) -> list[Token]:
    """Every word of the text. This runs for each record and is a large part of
    the check's cost, hence the plain loop and tuple.__new__ (which skips the
    NamedTuple constructor's Python frame)."""
    tokens = []
    append = tokens.append
    keys = _KEYS
    for match in TOKEN_RE.finditer(text):
        word = match.group()
        start = match.start()
        possessive = len(word) > 3 and word[-1] in "sS" and word[-2] in "'’"
        if possessive:
            word = word[:-2]
        key = keys.get(word)
        if key is None:
            key = word_key(word)
        append(_new_tuple(Token, (start, start + len(word), word, key, possessive,
                                  not word.isalpha() and _DIGIT_RE.search(word) is not None)))
    return tokens


class LineIndex:
    """Maps a character offset to a 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        for match in re.finditer(r"\r\n|\r|\n", text):
            self._starts.append(match.end())

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
