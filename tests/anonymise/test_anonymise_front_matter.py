"""The whole file is scanned and reported by FILE line and column; record
metadata (YAML keys, structural fields) is not."""
from portal.anonymise import check_text

RECORD = """---
type: dilemma
id: 2023-001
title: Helping Daniel Price's mum
status: for-discussion
meeting: 2023-03-28
published: 2023-03-28
summary: >-
  A parent asks for help; her number is 07700 900123.
themes: [social-media]
---

## Scenario

The mum asks the officer for help.
<!-- draft note: ring Kyle on 07700 900456 -->
![Photo](images/kyle-denton.jpg)
"""


def _located(findings):
    return [(f.rule, f.line, f.column) for f in findings]


def test_front_matter_values_and_body_are_reported_by_file_position(rules):
    assert _located(check_text(RECORD, "r.md", rules=rules)) == [
        ("person-name", 4, 16),
        ("uk-phone", 9, 41),
        ("person-name", 16, 23),
        ("uk-phone", 16, 31),
        ("person-name", 17, 17),
    ]


def test_keys_and_structural_fields_are_not_flagged(rules):
    text = ("---\ntype: dilemma\nid: 2023-001\nstatus: for-discussion\nmeeting: 2023-03-28\n"
            "published: 2023-03-28\nupdated: 2023-04-02\nthemes: [social-media]\n---\nText.\n")
    assert check_text(text, "r.md", rules=rules) == []


def test_a_date_in_the_body_is_still_scanned(rules):
    text = "---\nmeeting: 2023-03-28\n---\nOn 14 February 2022 she posted it.\n"
    assert _located(check_text(text, "r.md", rules=rules)) == [("quasi-date", 4, 4)]


def test_record_without_front_matter_is_scanned_whole(rules):
    assert _located(check_text("Line one.\nCall 07700 900123.\n", rules=rules)) == [("uk-phone", 2, 6)]


def test_broken_front_matter_is_scanned_as_plain_text(rules):
    text = "---\ntitle: [unclosed\nid: 2023-001\n---\nCall 07700 900123.\n"
    assert _located(check_text(text, "r.md", rules=rules)) == [("uk-phone", 5, 6)]


def test_unclosed_front_matter_is_scanned_as_plain_text(rules):
    text = "---\ntitle: Daniel Price\nno closing line\n"
    assert _located(check_text(text, "r.md", rules=rules)) == [("person-name", 2, 8)]


def test_windows_line_endings_and_byte_order_mark(rules):
    text = "\ufeff---\r\nid: 2023-001\r\n---\r\nCall 07700 900123.\r\n"
    assert _located(check_text(text, "r.md", rules=rules)) == [("uk-phone", 4, 6)]


def test_nested_values_are_scanned_but_their_keys_are_not(rules):
    text = ("---\npapers:\n  - title: Minutes taken by Daniel Price\n"
            "    url: https://example.org/minutes.pdf\n---\n")
    assert _located(check_text(text, "r.md", rules=rules)) == [("person-name", 3, 29)]


def test_findings_are_sorted_and_deterministic(rules):
    first = check_text(RECORD, "r.md", rules=rules)
    assert first == check_text(RECORD, "r.md", rules=rules)
    assert first == sorted(first, key=lambda f: (f.path, f.line, f.column))
