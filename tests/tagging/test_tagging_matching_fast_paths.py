"""The matcher's and related dilemmas' fast paths give what the plain rules give.

The matcher splits a text into tokens with re.split (no match object per
word), stops a phrase at a sentence break while it looks for the phrase's
words, and keeps a bounded cache of words; related dilemmas count a text's
terms in C. Each is checked here against a slow, plain reading of the rule.
"""
import functools
import heapq
import math
import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.tagging import load_taxonomy, related, tag_record
from portal.tagging import matching

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# The token rule as written in the module's documentation, matched one token at a time.
WORD_OR_BREAK = re.compile(r"[^\W_]+(?:'[^\W_]+)*|([.!?;:](?=\s|\Z)|\n[ \t]*\n)")

TRICKY_TEXT = st.lists(st.sampled_from(list("ab z9_'’.!?;:-\n\t\r ") + ["İ", "é", "ß", "x_y", "don't", "\n \n"]),
                       max_size=40).map("".join)


@functools.lru_cache(maxsize=None)
def shipped_matcher():
    return load_taxonomy()._matcher


def plain_tokens(text):
    """(is a break, start, end) of each token, by matching the rule one token at a time."""
    lowered = matching._lower(text)
    return [(match.lastindex is not None, match.start(), match.end()) for match in WORD_OR_BREAK.finditer(lowered)]


@SETTINGS
@given(st.lists(TRICKY_TEXT, min_size=3, max_size=3))
def test_split_tokens_and_their_places_are_those_of_the_token_rule(texts):
    scan = matching._Scan(shipped_matcher(), texts)
    for field_index, text in enumerate(texts):
        start = scan.field_starts[field_index]
        expected = plain_tokens(text)
        end = scan.field_starts[field_index + 1] - 1 if field_index < 2 else len(scan.infos)
        assert end - start == len(expected)
        for offset, (is_break, token_start, token_end) in enumerate(expected):
            position = start + offset
            assert (scan.infos[position] is matching._BREAK) == is_break
            if not is_break:
                assert scan.char_span(field_index, position, position) == (token_start, token_end)
        if field_index < 2:  # a break between two texts
            assert scan.infos[end] is matching._BREAK


PHRASES = """\
themes:
  - id: speaking-up
    name: Speaking up
    description: Raising concerns.
    signals:
      - {term: 'raise ~ concern', weight: 2}
      - {term: 'report ~ to ~ sergeant', weight: 2}
"""


@pytest.fixture
def phrases(tmp_path):
    path = tmp_path / "themes.yml"
    path.write_text(PHRASES, encoding="utf-8")
    return load_taxonomy(path)


@pytest.mark.parametrize("body, found", [
    ("She raised concerns.", True),
    ("She raised one two three concerns.", True),  # three words between: allowed
    ("She raised one two three four concerns.", False),  # four: too many
    ("She raised it. Concerns followed.", False),  # a sentence break in the gap
    ("She raised it; concerns followed.", False),
    ("She raised it:concerns followed.", True),  # ':' not followed by a space is no break
    ("She raised it\n\nconcerns followed.", False),  # a blank line
    ("She raised it\nconcerns followed.", True),  # a line wrap
    ("Concerns. She raised them all. Concerns again.", False),
    ("I will report it, I say, to the sergeant.", True),
    ("I will report it, as you say, to the sergeant.", False),  # four words between "report" and "to"
    ("I will report it to you. The sergeant knows.", False),
])
def test_a_phrase_never_runs_across_a_sentence_break_and_counts_words_not_breaks(phrases, body, found):
    result = tag_record(phrases, title="", summary="", body=body)
    assert ("speaking-up" in result.scores) == found


def test_a_phrase_never_runs_from_one_text_into_the_next(phrases):
    result = tag_record(phrases, title="They will raise", summary="concerns now", body="")
    assert result.scores == {}


def evidence_of(result):
    return {theme: [(e.term, e.where, e.line) for e in items] for theme, items in result.evidence.items()}


@pytest.mark.parametrize("limit", [1, 5, 40])
def test_the_word_cache_emptied_on_the_way_changes_no_result(monkeypatch, limit):
    bodies = [
        "The custody sergeant raised concerns about the detainee's welfare after a strip search.",
        "Officers posted on WhatsApp; the group chat was screenshotted and shared on social media.",
        "A missing child was found by drone; the PACE clock ran on in the custody suite.",
    ] * 3
    fresh = [tag_record(load_taxonomy(), title="", summary="", body=body) for body in bodies]
    monkeypatch.setattr(matching, "WORD_CACHE_LIMIT", limit)
    taxonomy = load_taxonomy()
    for body, expected in zip(bodies, fresh):
        result = tag_record(taxonomy, title="", summary="", body=body)
        assert result.themes == expected.themes
        assert evidence_of(result) == evidence_of(expected)
        assert list(result.scores.items()) == list(expected.scores.items())
        # Bounded: the limit, plus at most the tokens of the text being read.
        assert len(taxonomy._matcher._words) <= limit + len(body.split()) * 2


def plain_signatures(texts):
    """related._signatures as first written: terms counted one distinct word at a time."""
    normalised = {}
    counts_per_text = []
    document_frequency = Counter()
    for text in texts:
        counts = {}
        for word, count in Counter(text.lower().translate(related._TO_SPACE).split()).items():
            term = normalised.get(word)
            if term is None:
                term = normalised[word] = related._normalise(word)
            if term:
                counts[term] = counts.get(term, 0) + count
        counts_per_text.append(counts)
        document_frequency.update(counts.keys())
    total = len(texts)
    max_documents = max(related.MIN_DOCUMENT_LIMIT, int(total * related.MAX_DOCUMENT_SHARE))
    idf = {term: math.log(total / df) for term, df in document_frequency.items() if df <= max_documents}
    signatures = []
    for counts in counts_per_text:
        weights = [(term, (1.0 + math.log(count)) * idf[term]) for term, count in counts.items() if term in idf]
        norm = math.sqrt(sum(w * w for _, w in weights))
        if norm == 0.0:
            signatures.append([])
            continue
        top = heapq.nlargest(related.SIGNATURE_SIZE, ((w, term) for term, w in weights
                                                      if w > 0 and document_frequency[term] > 1))
        signatures.append([(term, w / norm) for w, term in top])
    return signatures


WORDS = ("custody custodies search searches searching the and of don't officers officer's drone drones "
         "crisis crises is as us protest protests 999 a an it's").split()


@SETTINGS
@given(st.lists(st.lists(st.sampled_from(WORDS + [",", ".", "—", "’s"]), max_size=40).map(" ".join),
                min_size=1, max_size=30))
def test_signatures_are_those_of_counting_one_distinct_word_at_a_time(texts):
    assert related._signatures(texts) == plain_signatures(texts)
