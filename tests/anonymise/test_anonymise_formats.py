"""The three output formats: text for people, JSON for tools, GitHub annotations for CI."""
import json

from portal.anonymise import AcceptedException, Finding, format_findings

ERROR = Finding("dilemmas/a.md", 3, 7, "uk-phone", "error", "UK telephone number: remove it", "0**** 9*****")
WARNING = Finding("dilemmas/a.md", 1, 2, "quasi-age", "warning", "Exact age: give a band", "a*** 1*")
ACCEPTED = Finding("dilemmas/b.md", 5, 1, "person-name", "error", "Person's name", "R** N****",
                   AcceptedException("person-name", "named in his official role", "@panel-chair"))


def test_text_lists_findings_in_order_then_a_summary():
    assert format_findings([ERROR, ACCEPTED, WARNING], "text").splitlines() == [
        "dilemmas/a.md:1:2: warning quasi-age Exact age: give a band [a*** 1*]",
        "dilemmas/a.md:3:7: error uk-phone UK telephone number: remove it [0**** 9*****]",
        ("dilemmas/b.md:5:1: accepted person-name Person's name [R** N****] "
        "(was error; reason: named in his official role; reviewer: @panel-chair)"),
        "1 error, 1 warning, 1 accepted in 2 files",
    ]


def test_text_summary_counts_files_checked():
    assert format_findings([], "text", files=4) == "0 errors, 0 warnings, 0 accepted in 4 files\n"


def test_json_is_a_list_of_objects_with_the_required_keys():
    data = json.loads(format_findings([ERROR, ACCEPTED], "json"))
    assert data[0] == {"path": "dilemmas/a.md", "line": 3, "column": 7, "rule": "uk-phone",
                       "severity": "error", "message": "UK telephone number: remove it",
                       "masked": "0**** 9*****", "accepted": None}
    assert data[1]["accepted"] == {"reason": "named in his official role", "reviewer": "@panel-chair"}


def test_github_annotations_escape_special_characters(monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    odd = Finding("dir,x/a:b.md", 2, 4, "email", "error", "100% sure\nnext line", "j***@e******.com")
    assert format_findings([odd, WARNING, ACCEPTED], "github").splitlines() == [
        ("::warning file=dilemmas/a.md,line=1,col=2,title=anonymisation%3A quasi-age::"
        "Exact age: give a band [a*** 1*]"),
        ("::notice file=dilemmas/b.md,line=5,col=1,title=anonymisation%3A person-name::"
        "accepted Person's name [R** N****] (reason: named in his official role; reviewer: @panel-chair)"),
        ("::error file=dir%2Cx/a%3Ab.md,line=2,col=4,title=anonymisation%3A email::"
        "100%25 sure%0Anext line [j***@e******.com]"),
    ]


def test_github_format_appends_a_summary_table(monkeypatch, tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    format_findings([ERROR, WARNING], "github", files=2)
    written = summary.read_text()
    assert written.startswith("earlier step\n## Anonymisation check")
    assert "| dilemmas/a.md | 3 | 7 | error | uk-phone | UK telephone number: remove it | `0**** 9*****` |" \
        in written
    assert "1 error, 1 warning, 0 accepted in 2 files" in written


def test_unknown_format_is_refused():
    import pytest

    with pytest.raises(ValueError):
        format_findings([ERROR], "xml")
