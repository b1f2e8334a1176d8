"""Words in an alphabet the check cannot read are reported, so that a name in
Cyrillic, Arabic or Chinese (or a Latin name with a look-alike letter from
another alphabet) is never published unread."""
import pytest
from anonkit import check_text, errors

from portal.anonymise.detectors.alphabets import alphabet

OTHER_ALPHABETS = [
    ("Мария Иванова posted the comment.", "Мария Иванова"),
    ("The video was shared by محمد علي last year.", "محمد علي"),
    ("王伟 wrote the message.", "王伟"),
    ("A message signed 李.", "李"),
    ("Γιώργος Παπαδόπουλος complained.", "Γιώργος Παπαδόπουλος"),
    ("Her name was written as 김민준 in the chat.", "김민준"),
    ("In the group chat, राहुल शर्मा replied.", "राहुल शर्मा"),
    ("The post by שרה כהן was shared.", "שרה כהן"),
    ("Signed さくら at the end.", "さくら"),
]


@pytest.mark.parametrize("text, words", OTHER_ALPHABETS)
def test_words_in_another_alphabet_are_an_error(text, words):
    assert ("other-alphabet", words) in errors(text)


def test_the_message_names_the_alphabet_without_the_words():
    [result] = check_text("Мария Иванова posted.", "r.md")
    assert "(Cyrillic)" in result.message and "Мария" not in result.message
    assert result.masked == "М**** И******"


def test_a_latin_name_with_a_look_alike_letter_is_still_an_error():
    # "Кwame" starts with a Cyrillic capital ka: the name check's lists would not know it
    assert errors("Signed Кwame.") == [("other-alphabet", "Кwame")]


LOOK_ALIKES = [
    "Zoë, Łódź, Ærøskøbing, São Tomé, Māori, naïve, coöperate, résumé, İstanbul, Şırnak.",
    "Hawaiʻi and the IPA symbol ː are not another alphabet.",
    "β-blockers, π, Δ and Ω are symbols; so is μ.",
    "A dose of 5 µg (the micro sign).",
    "Emoji 👍🏽 ✅ and ‘quotes’ — dashes, ellipses… and £€ signs.",
    "Ｆｕｌｌ-width letters are Latin once normalised, as is the ﬁ ligature.",
    "A decomposed accent: e\u0301cole.",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_latin_text_with_accents_and_symbols_is_not_reported(text):
    assert [rule for rule, _ in errors(text) if rule == "other-alphabet"] == []


def test_alphabet_of_characters():
    assert alphabet("a") == alphabet("é") == alphabet("Ｋ") == alphabet("µ") == "LATIN"
    assert alphabet("Я") == "CYRILLIC" and alphabet("王") == "CJK" and alphabet("م") == "ARABIC"
    assert alphabet("1") is None and alphabet("👍") is None and alphabet("\u0301") is None


def test_a_reviewer_can_accept_words_that_name_no_one():
    text = ("---\nanonymisation_exceptions:\n  - rule: other-alphabet\n    text: Спасибо\n"
            "    reason: a word of thanks quoted from the post; it names no one\n"
            "    reviewer: '@panel-chair'\n---\n\nThe reply said Спасибо.\n")
    assert errors(text) == []
