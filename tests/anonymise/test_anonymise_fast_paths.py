"""The check's fast paths find exactly what the plain ones would, and its
word caches stay bounded however many different words the records hold."""
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.anonymise import check_text, text
from portal.anonymise.detectors import names
from portal.anonymise.detectors.base import PatternDetector, _matches_from
from portal.anonymise.registry import detectors

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Fragments that make tokens, possessives and detector matches likely.
fragments = st.sampled_from([
    "Mary's", "O'Neill’s", "Whitfield-Barnes", "James's", "ab's", "12ab", "3's", "__a_b__", "İstanbul",
    "Straße", "ÉCOLE", "ﬁne", "Daniel Price", "PC 4471", "collar number 2231", "crime reference 23/4455/22",
    "incident 412 of 14/06/2022", "log 56 of 3 May", "our ref: CR/2023/001234", "username is kerry_b123",
    "Snapchat: jess.x", "catalog 4431", "staff number: 99812", "force id #7781", "user id 'bob_77'",
    "account\nname sam_x9", "Ref\t-\t12", ", ", ". ", "\n\n", "\r\n", " - ", "’", "'", "@",
])
texts = st.lists(st.one_of(fragments, st.text(max_size=12)), max_size=25).map(" ".join)


def plain_tokenize(value: str) -> list[text.Token]:
    """The tokenizer as first written: one regular-expression match per word."""
    tokens = []
    for match in text.TOKEN_RE.finditer(value):
        word = match.group()
        possessive = len(word) > 3 and word[-1] in "sS" and word[-2] in "'’"
        if possessive:
            word = word[:-2]
        tokens.append(text.Token(match.start(), match.start() + len(word), word, text.word_key(word),
                                 possessive, not word.isalpha() and re.search(r"\d", word) is not None))
    return tokens


@SETTINGS
@given(texts)
def test_tokens_are_those_of_the_plain_tokenizer(value):
    expected = plain_tokenize(value)
    tokens = text.Tokens(value)
    assert len(tokens) == len(expected)
    assert text.tokenize(value) == expected
    assert tokens[1:-1] == expected[1:-1]
    assert [tokens[i] for i in reversed(range(len(tokens)))] == expected[::-1]
    assert tokens.keys == [t.key for t in expected] and tokens.texts == [t.text for t in expected]


def _anchored() -> list[PatternDetector]:
    return [d for d in detectors() if isinstance(d, PatternDetector) and d.starts]


def test_anchored_patterns_exist():
    assert len(_anchored()) >= 6


@SETTINGS
@given(texts)
def test_anchored_patterns_find_what_a_full_scan_finds(value):
    lower = value.lower()
    for detector in _anchored():
        scanned = lower if detector.lowercase else value
        full = [m.span() for m in detector.pattern.finditer(scanned)]
        assert [m.span() for m in _matches_from(detector.pattern, scanned, detector.starts)] == full
        # The promise the fast path rests on: every match begins with one of `starts`.
        assert all(scanned.startswith(detector.starts, start) for start, _ in full)


RECORD = """---
title: Sharing a photograph with the press
---
PC 4471 and DS Okafor met Daniel Price's mother at Rosebank Close, Oakley village.
His daughter Maya (born 14/06/2009) gave her username as kerry_b123; crime reference 23/4455/22.
Ellie-May O'Neill rang 07700 900123 about the St Mary's Primary School case, log 56 of 3 May.
"""


def test_findings_are_the_same_when_the_word_caches_are_full(monkeypatch, rules):
    expected = check_text(RECORD, "r.md", rules=rules)
    assert {f.rule for f in expected} >= {"person-name", "police-number", "username", "crime-reference"}
    # A cache that is full takes no new words: every word is then worked out afresh.
    monkeypatch.setattr(text, "CACHE_LIMIT", 0)  # shared by every word cache (text.lookup_all)
    monkeypatch.setattr(text, "_KEYS", {})
    monkeypatch.setattr(text, "_WORDS", {})
    monkeypatch.setattr(names, "_STARTS_NAME", type(names._STARTS_NAME)())
    assert check_text(RECORD, "r.md", rules=rules) == expected
    assert not text._KEYS and not text._WORDS and not names._STARTS_NAME[rules]


def test_word_caches_stay_bounded_on_endless_new_words(rules):
    words = [f"Zq{n:06d}wyrd" for n in range(text.CACHE_LIMIT + 500)]
    for start in range(0, len(words), 2000):
        check_text(" ".join(words[start:start + 2000]), "many.md", rules=rules)
    assert len(text._WORDS) <= text.CACHE_LIMIT and len(text._KEYS) <= text.CACHE_LIMIT
    assert len(names._STARTS_NAME[rules]) <= text.CACHE_LIMIT
    assert text.CACHE_LIMIT <= 50_000  # small next to a build: a few megabytes
