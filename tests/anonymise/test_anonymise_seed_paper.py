"""The seed paper: its dilemmas are published as they are, so they must pass."""
import pytest
from anonkit import REPO_ROOT, SEED_PAPER

from portal.anonymise import check_text, has_failure

pytestmark = pytest.mark.skipif(not SEED_PAPER.exists(), reason="shared/ seed paper not present")

EXCEPTIONS = """---
anonymisation_exceptions:
  - rule: person-name
    text: CHRIS KEALEY
    reason: report author, named in his official role on the published paper
    reviewer: "@panel-chair"
  - rule: person-name
    text: Chris Kealey
    reason: report author, named in his official role on the published paper
    reviewer: "@panel-chair"
  - rule: email
    text: Chris.Kealey@leics.police.uk
    reason: the author's published work address, as printed on the paper
    reviewer: "@panel-chair"
  - rule: quasi-court-sentence
    text: six-year custodial sentence
    reason: the panel discussed the dilemma in this form; no name, date or place
    reviewer: "@panel-chair"
---
"""


def test_the_only_errors_in_the_seed_paper_are_its_authors_name_and_email(rules):
    findings = check_text(SEED_PAPER.read_text(encoding="utf-8"), "seed.md", rules=rules)
    assert sorted((f.rule, f.severity, f.masked) for f in findings) == [
        ("email", "error", "C****.K*****@l****.p*****.uk"),
        ("person-name", "error", "C**** K*****"),
        ("person-name", "error", "C**** K*****"),
        ("quasi-court-sentence", "warning", "s**-y*** c******** s*******"),
    ]


def test_reviewer_exceptions_clear_the_seed_paper_even_in_strict_mode(rules):
    findings = check_text(EXCEPTIONS + SEED_PAPER.read_text(encoding="utf-8"), "seed.md", rules=rules)
    assert findings and all(f.accepted is not None for f in findings)
    assert not has_failure(findings, strict=True)


def test_published_records_of_the_seed_meeting_have_no_errors(rules):
    folder = REPO_ROOT / "dilemmas" / "2023-03-28"
    if not folder.exists():
        pytest.skip("the seed meeting's records are not in this checkout")
    for record in sorted(folder.glob("*.md")):
        findings = check_text(record.read_text(encoding="utf-8"), str(record), rules=rules)
        assert not has_failure(findings), record.name
