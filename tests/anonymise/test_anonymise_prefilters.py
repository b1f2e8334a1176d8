"""The check's cheap pre-tests skip work, never findings: each one is compared
with the plain test it stands for, on tricky inputs."""
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.anonymise import check_text, document, text
from portal.anonymise.detectors import base, names
from portal.anonymise.detectors.base import PatternDetector, Scan
from portal.anonymise.registry import detectors

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Fragments with the words detectors look for, inside other words, across
# hyphens and apostrophes, in capitals, and next to non-ASCII letters.
fragments = st.sampled_from([
    "incident", "INCIDENT", "sub-incident", "incident's", "Mary's", "snapchat:", "Snap", "snap_chat",
    "log-in", "login", "catalog", "our", "your", "hours", "ref", "refer", "court", "Courtyard", "dob",
    "d.o.b", "born", "stubborn", "birth", "village", "hamlet", "initials", "user_name", "username",
    "staff", "force", "collar", "case", "cases", "call", "account name", "profile name", "bank", "sort",
    "acc", "a/c", "s/c", "passport", "dot", "[at]", " @", "@ ", "u/", ".com/", "PC", "P.C.", "Sgt",
    "officer", "Officer", "URN", "in", "will", "may", "an", "harm", "Harm", "chance", "bill", "mr", "Mr",
    "mrs", "his son", "her daughter, Maya", "named", "known as", "daniel", "daniel price", "Daniel Price",
    "Grace", "St", "Road", "Victor Hugo Road", "van der Berg", "PCs Ali and Reeves", "Dr Who", "A", "J.",
    "Istanbul", "İstanbul", "Straße", "ÉCOLE", "ﬁne", "K", "\u212aik", "Ⅻ", "٣", "12", "2023",
    "07700 900123",
    "[a](daniel-price.jpg)", "photo.PNG", "https://x.com/jane", "src='a.png'", "]:", "\n", "\n\n",
    "\r\n", " ", ", ", ". ", "’", "'", "-", "_",
])
texts = st.lists(st.one_of(fragments, st.text(max_size=8)), max_size=30).map(" ".join)
ascii_texts = st.lists(st.one_of(fragments, st.text(st.characters(max_codepoint=127), max_size=8)),
                       max_size=30).map(lambda parts: " ".join(parts).encode("ascii", "ignore").decode())


def _looked_for() -> list[tuple[str, ...]]:
    """Every list of lower-case words some detector searches a record for."""
    lists = [d.keywords for d in detectors() if isinstance(d, PatternDetector) and d.keywords]
    lists += [d.starts for d in detectors() if isinstance(d, PatternDetector) and d.lowercase and d.starts]
    return lists + [tuple(base._WATCHED_BITS)]


@SETTINGS
@given(texts)
def test_possible_words_include_every_word_that_occurs(rules, value):
    scan = Scan(value, rules)
    for words in _looked_for():
        possible = scan.possible(words)
        assert [w for w in words if w in scan.lower] == [w for w in possible if w in scan.lower]
        assert set(possible) <= set(words)
        assert scan.has_any(words) == any(w in scan.lower for w in words)


def test_possible_words_are_fewer_when_the_words_show_it(rules):
    detectors()  # every detector's words are watched
    scan = Scan("The panel met on a quiet afternoon.", rules)
    assert scan.possible(("snapchat", "incident", "@")) == ("@",)  # "@" is not a word: always possible
    assert scan.possible(("panel", "quiet")) == ("panel", "quiet")  # not watched: always possible


def test_a_word_watched_later_is_still_found(rules):
    detectors()  # every detector's words are watched
    value = "A zyxwvut appeared."
    before = Scan(value, rules)
    assert before.possible(("zyxwvut", "incident")) == ("zyxwvut",)  # not watched yet
    base.watch(["zyxwvut", "qqqzzz"])
    assert before.possible(("zyxwvut", "qqqzzz")) == ("zyxwvut", "qqqzzz")  # unknown when it looked
    after = Scan(value, rules)
    assert after.possible(("zyxwvut", "qqqzzz")) == ("zyxwvut",)


@SETTINGS
@given(texts)
def test_keyword_gates_are_those_of_plain_searches(value):
    for detector in detectors():
        if isinstance(detector, PatternDetector) and detector.case_keywords:
            expected = any(k in value for k in detector.case_keywords)
            assert (detector._case_keywords_re.search(value) is not None) == expected
    lower = value.lower()
    for trigger, (words, _) in zip(document._TARGET_TRIGGERS, document._TARGET_RES):
        assert (trigger.search(lower) is not None) == any(w in lower for w in words)


def test_keywords_left_to_anchors_are_found_by_them():
    for detector in detectors():
        if isinstance(detector, PatternDetector) and detector._keywords_implied_by_starts:
            assert detector.lowercase
            assert all(any(k in s for k in detector.keywords) for s in detector.starts)


@SETTINGS
@given(ascii_texts)
def test_ascii_split_is_the_unicode_split(value):
    assert value.isascii()
    assert text._ASCII_TOKEN_SPLIT_RE.split(value) == text._TOKEN_SPLIT_RE.split(value)


@SETTINGS
@given(texts)
def test_digit_windows_and_line_index_are_those_of_the_plain_code(rules, value):
    scan = Scan(value, rules)
    if re.search(r"\d", value) is None:
        assert scan.digit_windows == []
    assert scan.most_digits == max((d for _, _, d in scan.digit_windows), default=0)
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", value)]
    index = text.LineIndex(value)
    for offset in range(0, len(value) + 1, 3):
        line = max(i for i, s in enumerate(starts) if s <= offset)
        assert index.position(offset) == (line + 1, offset - starts[line] + 1)


def _may_start_name_as_first_written(word: str, rules) -> bool:
    """The name scan's word filter before lower-case words that can start
    nothing were left out."""
    if not word.isalpha() and re.search(r"\d", word) is not None:
        return False
    key = text._compute_key(word)
    if not word[0].isupper() and key not in names._LOWERCASE_TRIGGERS and key not in rules.first_names \
            and ("-" not in key or not rules.is_first_name(key)):
        return False
    return not (key in names._FUNCTION_WORDS and key not in rules.first_names)


def test_only_lower_case_titles_are_not_capitalised():
    # The word filter relies on it: a word that is not capitalised can begin
    # a title only if it is one of the lower-case titles (which are triggers).
    for word in names._TITLE_FIRST_WORDS - names._LOWERCASE_TITLES:
        assert word[0].isupper()
    assert names._LOWERCASE_TITLES <= names._LOWERCASE_TRIGGERS


@SETTINGS
@given(texts)
def test_names_are_those_found_with_the_first_word_filter(rules, value):
    detector = next(d for d in detectors() if d.rule == "person-name" and not isinstance(d, PatternDetector))
    tokens = text.Tokens(value)
    fast = names._candidates(tokens, rules)
    found = list(detector.find(Scan(value, rules)))
    kept = names._may_start_name, names._STARTS_NAME
    names._may_start_name, names._STARTS_NAME = _may_start_name_as_first_written, type(names._STARTS_NAME)()
    try:
        slow = names._candidates(tokens, rules)
        expected = list(detector.find(Scan(value, rules)))
    finally:
        names._may_start_name, names._STARTS_NAME = kept
    assert set(fast) <= set(slow)
    assert found == expected


def test_findings_are_the_same_when_the_word_caches_are_full(monkeypatch, rules):
    record = ("---\ntitle: Staff incident log\n---\nIncident log 56 of 3 May: PC 4471 and his son Tom "
              "(snapchat: tom_b123) met Daniel Price at the Crown Court; the village of Empingham.\n")
    expected = check_text(record, "r.md", rules=rules)
    assert {f.rule for f in expected} >= {"person-name", "police-number", "username", "crime-reference"}
    monkeypatch.setattr(text, "CACHE_LIMIT", 0)
    monkeypatch.setattr(base, "_CONTAINED_BITS", {})
    assert check_text(record, "r.md", rules=rules) == expected
    assert not base._CONTAINED_BITS


def test_word_bits_stay_bounded_on_endless_new_words(rules):
    words = [f"Zq{n:06d}wyrd" for n in range(text.CACHE_LIMIT + 500)]
    for start in range(0, len(words), 2000):
        check_text(" ".join(words[start:start + 2000]), "many.md", rules=rules)
    assert len(base._CONTAINED_BITS) <= text.CACHE_LIMIT
