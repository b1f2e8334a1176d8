"""Reviewers' exceptions: they accept exactly one rule and text, and nothing else."""
from portal.anonymise import check_text, format_findings

RECORD = """---
type: dilemma
id: 2023-101
anonymisation_exceptions:
  - rule: person-name
    text: "Rob Nixon"
    reason: "Chief Constable, named in his official role in a published paper"
    reviewer: "@panel-chair"
---
Chief Constable Rob Nixon wrote to Rob Nixon's staff. Daniel Price complained.
"""


def _by_rule(findings):
    return {(f.rule, f.masked, f.accepted is not None) for f in findings}


def test_exception_accepts_every_occurrence_of_its_text(rules):
    findings = check_text(RECORD, "r.md", rules=rules)
    accepted = [f for f in findings if f.accepted is not None]
    assert len(accepted) == 2
    assert all(f.rule == "person-name" and f.masked == "R** N****" for f in accepted)
    assert accepted[0].accepted.reviewer == "@panel-chair"
    assert "official role" in accepted[0].accepted.reason


def test_exception_never_silences_another_text_or_rule(rules):
    text = RECORD.replace("Daniel Price complained.", "Daniel Price complained from rob.nixon@example.com.")
    findings = check_text(text, "r.md", rules=rules)
    unaccepted = {(f.rule, f.masked) for f in findings if f.accepted is None}
    assert unaccepted == {("person-name", "D***** P****"), ("email", "r**.n****@e******.com")}


def test_accepted_findings_do_not_fail_the_check(rules):
    from portal.anonymise import has_failure

    text = RECORD.replace(" Daniel Price complained.", "")
    findings = check_text(text, "r.md", rules=rules)
    assert findings and not has_failure(findings, strict=True)


def test_accepted_findings_are_shown_with_reason_and_reviewer(rules):
    output = format_findings(check_text(RECORD, "r.md", rules=rules), "text")
    assert "accepted person-name" in output
    assert "reviewer: @panel-chair" in output
    assert "Rob Nixon" not in output


def test_exception_text_must_match_exactly(rules):
    text = RECORD.replace('text: "Rob Nixon"', 'text: "rob nixon"')
    findings = check_text(text, "r.md", rules=rules)
    assert not any(f.accepted for f in findings)
    assert any(f.rule == "unused-exception" and f.severity == "warning" for f in findings)


def test_exception_without_reason_or_reviewer_is_an_error(rules):
    reason_line = '    reason: "Chief Constable, named in his official role in a published paper"\n'
    text = RECORD.replace(reason_line, "")
    findings = check_text(text, "r.md", rules=rules)
    invalid = [f for f in findings if f.rule == "invalid-exception"]
    assert len(invalid) == 1 and invalid[0].severity == "error"
    assert "has no reason" in invalid[0].message
    assert (invalid[0].line, invalid[0].column) == (5, 5)
    assert not any(f.accepted for f in findings)


def test_exception_for_an_unknown_rule_is_an_error(rules):
    text = RECORD.replace("rule: person-name", "rule: people")
    findings = check_text(text, "r.md", rules=rules)
    assert any(f.rule == "invalid-exception" and "rule the check does not have" in f.message
               for f in findings)


def test_exceptions_that_are_not_a_list_are_an_error(rules):
    text = "---\nanonymisation_exceptions: Rob Nixon is fine\n---\nHello.\n"
    (finding,) = check_text(text, "r.md", rules=rules)
    assert (finding.rule, finding.severity, finding.line) == ("invalid-exception", "error", 2)


def test_reason_mentioning_another_person_is_masked_in_output(rules):
    text = RECORD.replace("Chief Constable, named in his official role in a published paper",
                          "agreed with Daniel Price on 07700 900123")
    output = format_findings(check_text(text, "r.md", rules=rules), "text")
    assert "07700 900123" not in output and "Daniel Price" not in output
    assert "0**** 9*****" in output
