"""Quasi-identifiers: warnings on their own, errors when several kinds meet."""
import pytest
from anonkit import found

QUASI = [
    ("quasi-age", "A girl aged 15 was approached.", "aged 15"),
    ("quasi-age", "A 42-year-old man was arrested.", "42-year-old"),
    ("quasi-age", "A six-year-old girl was found safe.", "six-year-old"),
    ("quasi-age", "The boy, aged fourteen, ran away.", "aged fourteen"),
    ("quasi-age", "Sarah, 34, told police she was scared.", ", 34,"),
    ("quasi-date", "On 14 February 2022 she posted the image.", "14 February 2022"),
    ("quasi-date", "The victim was assaulted on 12/05/2021.", "12/05/2021"),
    ("quasi-place", "The family lived on the Beaumont Leys estate.", "Beaumont Leys estate"),
    ("quasi-place", "She is a pupil at St Mary's Primary School.", "St Mary's Primary School"),
    ("quasi-place", "The fight started on Oak Road.", "Oak Road"),
    ("quasi-place", "He lives in the village of Empingham.", "village of Empingham"),
    ("quasi-court-sentence", "He was jailed for six years at Derby Crown Court.", "jailed for six years"),
    ("quasi-court-sentence", "The magistrates gave her an 18-month suspended sentence.",
     "18-month suspended sentence"),
]


@pytest.mark.parametrize("rule, text, span", QUASI)
def test_quasi_identifier_is_a_warning(rules, rule, text, span):
    assert (rule, "warning", span) in found(text, rules)


NOT_QUASI = [
    "The panel met on 28 March 2023 from 10:00 to 12:00.",
    "Young people aged 18 to 25 were surveyed.",
    "Under the age of 18 you need consent.",
    "A 12-month review and a 3-year contract.",
    "A Rutland village held a meeting.",
    "Shops on the High Street closed early.",
    "Loughborough town centre was busy.",
    "A council estate and a local school.",
    "The court adjourned the hearing.",
]


@pytest.mark.parametrize("text", NOT_QUASI)
def test_not_a_quasi_identifier(rules, text):
    assert [f for f in found(text, rules) if f[0].startswith("quasi-")] == []


def test_three_kinds_in_one_record_escalate_to_errors(rules):
    text = ("On 14 February 2022 she posted the photo. The girl, aged 15, is a pupil at\n"
            "St Mary's Primary School.\n")
    results = found(text, rules)
    assert {(rule, severity) for rule, severity, _ in results} == {
        ("quasi-date", "error"), ("quasi-age", "error"), ("quasi-place", "error")}


def test_two_kinds_stay_warnings(rules):
    text = "On 14 February 2022 she posted the photo. The girl, aged 15, was upset."
    assert {severity for _, severity, _ in found(text, rules)} == {"warning"}


def test_accepted_quasi_identifier_does_not_count_toward_escalation(rules):
    text = ("---\nanonymisation_exceptions:\n  - rule: quasi-place\n"
            "    text: St Mary's Primary School\n    reason: the school is named in the court report\n"
            "    reviewer: '@panel-chair'\n---\n"
            "On 14 February 2022 she posted the photo. The girl, aged 15, is a pupil at\n"
            "St Mary's Primary School.\n")
    assert {severity for _, severity, _ in found(text, rules)} == {"warning"}


def test_escalation_threshold_is_configurable(tmp_path, rules):
    from shutil import copytree

    from portal.anonymise import load_rules

    config = copytree(rules.config_dir, tmp_path / "config")
    (config / "settings.yml").write_text("escalate_quasi_identifiers_at_kinds: 2\n")
    text = "On 14 February 2022 she posted the photo. The girl, aged 15, was upset."
    assert {severity for _, severity, _ in found(text, load_rules(config))} == {"error"}
