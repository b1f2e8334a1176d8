"""Identifiers written so that they look right on the page but not in the
file: HTML character references, invisible characters, unusual spaces,
Markdown and YAML escapes. The check reads the text as the reader sees it,
and still reports the file's own line and column."""
import pytest
from anonkit import check_text, errors, found
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.anonymise.readable import readable

HIDDEN = [
    # (text as written in the file, rule, what the finding covers in the file)
    ("Email jane&#64;example.com today.", "email", "jane&#64;example.com"),
    ("Email jane&#x40;example.com today.", "email", "jane&#x40;example.com"),
    ("Email jane&commat;example.com today.", "email", "jane&commat;example.com"),
    ("Email jane\\@example.com today.", "email", "jane\\@example.com"),
    ("Ring 07700&nbsp;900123 after six.", "uk-phone", "07700&nbsp;900123"),
    ("Ring 07700\u00a0900123 after six.", "uk-phone", "07700\u00a0900123"),
    ("Ring 07700\u202f900\u202f123 after six.", "uk-phone", "07700\u202f900\u202f123"),
    ("Ring 07700\u00ad900123 after six.", "uk-phone", "07700\u00ad900123"),
    ("Ring &#48;7700 900123 after six.", "uk-phone", "&#48;7700 900123"),
    ("The officer K\u200bwame Mensah posted it.", "person-name", "K\u200bwame Mensah"),
    ("The officer Kwa\u2060me Men\u200dsah posted it.", "person-name", "Kwa\u2060me Men\u200dsah"),
    ("Found near LE4&#32;9HR.", "postcode", "LE4&#32;9HR"),
]


@pytest.mark.parametrize("text, rule, written", HIDDEN)
def test_an_identifier_hidden_in_how_it_is_written_is_still_found(text, rule, written):
    assert (rule, "error", written) in found(text)


def test_a_finding_keeps_the_line_and_column_of_the_file():
    text = "First line &amp; more.\n\u200b\u200bQ&amp;A: &#8203;call 07700 900123 now.\n"
    [finding] = [f for f in check_text(text, "r.md") if f.rule == "uk-phone"]
    assert (finding.line, finding.column) == (2, text.splitlines()[1].index("07700") + 1)
    assert finding.masked == "0**** 9*****"


def test_a_yaml_escape_in_front_matter_is_read_as_the_site_will_show_it():
    text = ('---\nid: 2099-001\ntitle: "A test"\nsummary: "Write to jane\\x40example.com"\n---\n\nBody.\n')
    [finding] = [f for f in check_text(text, "r.md") if f.counts]
    assert (finding.rule, finding.line, finding.column) == ("email", 4, 20)


LOOK_ALIKES = [
    "Q&A sessions and R&D budgets, AT&T and M&S.",
    "Use &amp; for an ampersand, &lt;b&gt; for a tag, and &copy; 2024.",
    "A Windows path C:\\Users\\Public and a line break at the end\\",
    "Escaped markup: \\*not emphasis\\* and \\# not a heading.",
    "An unknown reference &notareference; stays as written.",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_ordinary_ampersands_and_backslashes_are_not_findings(text):
    assert errors(text) == []


def test_text_with_nothing_to_rewrite_is_left_alone():
    assert readable("Plain text, ‘curly quotes’ — and accents: café.") is None


def test_offsets_map_back_to_the_file():
    text = "a&#64;b\u200bc&nbsp;d"
    shown = readable(text)
    assert shown.text == "a@bc d"
    # each shown character, and each span end, lands on what was written
    assert [text[shown.original_start(i):shown.original_end(i + 1)] for i in range(len(shown.text))] == [
        "a", "&#64;", "b", "c", "&nbsp;", "d"]


def test_text_that_is_all_invisible_gives_nothing_to_read():
    assert readable("\u200b\u200c\u2060").text == ""
    assert check_text("\u200b\u200c\u2060", "r.md") == []


_HIDING = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "&#8203;", "&zwnj;"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=24), _HIDING), max_size=4))
def test_invisible_characters_anywhere_in_an_identifier_do_not_hide_it(insertions):
    clean = "Call 07700 900123 or write to jane.doe@example.com."
    text = clean
    for position, hidden in sorted(insertions, reverse=True):
        at = 5 + position  # inside the phone number or the email address
        text = text[:at] + hidden + text[at:]
    rules = {rule for rule, _ in errors(text)}
    assert {"uk-phone", "email"} <= rules
    # the masked finding never shows the digits or letters it hides
    for finding in check_text(text, "r.md"):
        assert "900123" not in finding.masked and "jane" not in finding.masked
