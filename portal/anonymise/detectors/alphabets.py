"""Words in an alphabet the check cannot read.

Every other detector knows English and the Latin alphabet: its name lists,
titles and context words. A name written in Cyrillic, Greek, Arabic, Hebrew,
Chinese or any other script ("Мария Иванова") would pass them all, and so
would a Latin name with one letter swapped for a look-alike from another
alphabet ("Кwame", with a Cyrillic К). Rather than publish what it cannot
read, the check asks for such words to be given in English or accepted by a
reviewer (an exception with rule `other-alphabet`).

Reported: a run of words where a word has two or more letters of another
alphabet, or mixes alphabets. A single Greek letter ("π", "β-blockers") is
not, nor are accented Latin letters ("Zoë", "Māori") or symbols and emoji.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from ..registry import register
from .base import FunctionDetector, Hit, Scan

# Characters outside the Latin blocks, general punctuation, symbols and
# emoji: the only ones worth asking about. One character-class search (in C)
# passes over ASCII and accented Latin text.
_MAYBE_OTHER_RE = re.compile(
    "[^\u0000-\u02ff\u0300-\u036f\u1d00-\u1dbf\u1e00-\u1eff\u2000-\u2bff\u2c60-\u2c7f"
    "\ua720-\ua7ff\uab30-\uab6f\ufb00-\ufb06\ufe00-\ufe2f\uff00-\uffef\U0001d400-\U0001d7ff"
    "\U0001f000-\U0001faff]")
# A word: letters and the marks that combine with them (Devanagari, Arabic
# vowels), with inner apostrophes or hyphens.
_WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a"
                      r"\u064b-\u065f\u0900-\u0dff\u0e31-\u0e4e])*(?:['’\-][^\W\d_]+)*")
_PART_SPLIT_RE = re.compile(r"['’\-]")
# Words of another alphabet next to each other make one finding.
_GAP_RE = re.compile(r"[ \t]+\Z")


@lru_cache(maxsize=4096)
def alphabet(char: str) -> str | None:
    """The alphabet of a letter or of a vowel sign ("LATIN", "CYRILLIC", "CJK",
    "DEVANAGARI"...); None for anything else, and for accents that combine
    with any letter."""
    category = unicodedata.category(char)
    if category[0] == "M":
        name = unicodedata.name(char, "COMBINING")
        return None if name.startswith(("COMBINING", "VARIATION")) else name.split(" ", 1)[0]
    if category[0] != "L":
        return None
    # Full-width and mathematical Latin letters are Latin once normalised.
    normal = unicodedata.normalize("NFKC", char)
    if char == "\u00b5" or (normal.isascii() and normal.isalpha()):  # the micro sign is a unit
        return "LATIN"
    name = unicodedata.name(normal[:1] or char, "")
    if name.startswith("MODIFIER"):  # "ʻ" in "Hawaiʻi", "ː": marks, not an alphabet
        return None
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def _foreign(word: str) -> str | None:
    """The other alphabet a word is (partly) written in, if it is reported:
    a part of it (between hyphens or apostrophes) with two letters of
    another alphabet, or with letters of two alphabets, or one letter of an
    alphabet other than Greek (a Chinese name may be one character; a lone
    Greek letter is a symbol: "π", "β-blockers")."""
    for part in _PART_SPLIT_RE.split(word):
        alphabets = [a for a in map(alphabet, part) if a is not None]
        others = [a for a in alphabets if a != "LATIN"]
        if others and (len(others) >= 2 or len(others) < len(alphabets) or others[0] != "GREEK"):
            return others[0]
    return None


def _find_words(scan: Scan, detector: FunctionDetector) -> Iterator[Hit]:
    text = scan.text
    if text.isascii():
        return
    first = _MAYBE_OTHER_RE.search(text)
    if first is None:
        return
    begin = first.start()  # back to the start of the word it is in
    while begin and not text[begin - 1].isspace():
        begin -= 1
    run: tuple[int, int, str] | None = None
    for match in _WORD_RE.finditer(text, begin):
        script = _foreign(match.group())
        if script is None:
            continue
        if run is not None and _GAP_RE.match(text, run[1], match.start()):
            run = (run[0], match.end(), run[2])
            continue
        if run is not None:
            yield _hit(detector, *run)
        run = (match.start(), match.end(), script)
    if run is not None:
        yield _hit(detector, *run)


def _hit(detector: FunctionDetector, start: int, end: int, script: str) -> Hit:
    name = script.title() if script not in ("CJK", "UNKNOWN") else (
        "Chinese, Japanese or Korean" if script == "CJK" else "an unknown alphabet")
    return detector.hit(start, end, message=(
        f"{detector.title} ({name}): the check cannot read names in it; give it in English, "
        "or have a reviewer accept it if it names no one"))


register(FunctionDetector(
    rule="other-alphabet",
    title="Words in another alphabet",
    find_hits=_find_words,
))
