"""Output shows the shape of an identifier, never the identifier."""
import pytest

from portal.anonymise import check_text, format_findings
from portal.anonymise.text import mask


@pytest.mark.parametrize("text, masked", [
    ("Daniel Price", "D***** P****"),
    ("07700 900123", "0**** 9*****"),
    ("AB 12 34 56 C", "A* 1* 3* 5* *"),
    ("O'Neill", "*'N****"),
    ("a", "*"),
])
def test_mask_keeps_at_most_the_first_character_of_each_word(text, masked):
    assert mask(text) == masked


def test_email_mask_keeps_the_generic_domain_ending(rules):
    (finding,) = check_text("Write to jane@example.com.", rules=rules)
    assert finding.masked == "j***@e******.com"


def test_short_email_is_still_hidden(rules):
    (finding,) = check_text("Write to a@b.co now.", rules=rules)
    assert "a@b.co" not in finding.masked


IDENTIFIERS = [
    "Daniel Price", "07700 900123", "jane.doe@example.com", "AB 12 34 56 C", "943 476 5919",
    "AB12 CDE", "PC 1234", "23000123456", "4741 2154 7280 3857", "198.51.100.23", "@daz_1987",
    "LE2 7QP", "14 Acacia Avenue", "MORGA753116SM9IJ",
]


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_no_output_format_contains_an_identifier(rules, fmt, monkeypatch, tmp_path):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    text = "\n".join(f"Item {i}: {identifier}." for i, identifier in enumerate(IDENTIFIERS))
    findings = check_text(text, "r.md", rules=rules)
    assert len({f.line for f in findings}) == len(IDENTIFIERS)
    output = format_findings(findings, fmt)
    written = summary.read_text() if summary.exists() else ""
    for identifier in IDENTIFIERS:
        assert identifier not in output
        assert identifier not in written
