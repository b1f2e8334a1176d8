"""The build converts each record once, as part of its page, and checks the
HTML of the record's prose there (``portal/prose_marks.py``). A trick that
only shows once converted still stops the build, at its file and line, before
anything is written; the marks never reach the published site."""
from __future__ import annotations

from pathlib import Path

from hostile_kit import assert_failed_cleanly
from sitekit import build, dilemma, make_site

from portal.prose_marks import ProseMarks

# The source scan reads the back-ticks as a code span around the handler;
# converted, they are inside attributes and the browser sees an onclick.
CODE_SPAN_TRICK = '<b title="`" onclick="alert(1)" x="`">bold</b>'


def test_a_trick_only_the_converted_html_shows_stops_the_build_at_its_line(tmp_path):
    body = f"## Scenario\n\nA fictional scenario.\n\n{CODE_SPAN_TRICK}\n\n## Questions for the panel\n\nWhat now?\n"
    root = make_site(tmp_path, {"x/trick.md": dilemma("2099-101", body=body)})
    result = build(root)
    # Front matter lines 1-7, blank, heading, blank, sentence, blank: line 13.
    assert_failed_cleanly(result, "dilemmas/x/trick.md:13: event-handler attribute 'onclick' on <b> "
                                  "is not allowed: it would run code in readers' browsers (found in "
                                  "the converted HTML)")
    # On its page and in the meeting's paper, but reported once.
    assert result.output.count("dilemmas/x/trick.md:13: event-handler") == 1


def test_the_marks_around_record_prose_never_reach_the_site(tmp_path):
    result = build(make_site(tmp_path))
    assert result.ok, result.output
    text = result.all_text()
    assert "portal-prose" not in text
    assert "<!--" not in result.read("dilemmas/2023-001/index.html").split("<article", 1)[1]
    # The prose itself is there, on the record's page and in the meeting's paper.
    assert "WhatsApp" in result.read("dilemmas/2023-001/index.html")
    assert "WhatsApp" in result.read("meetings/2023-03-28-paper/index.html")


def test_a_long_definition_list_under_the_limit_builds(tmp_path):
    body = "## Scenario\n\n" + "Term\n: definition\n\n" * 150
    result = build(make_site(tmp_path, {"x/defs.md": dilemma("2099-102", body=body)}))
    assert result.ok, result.output
    assert result.read("dilemmas/2099-102/index.html").count("<dt>Term</dt>") == 150


def _marked_page(marks: ProseMarks, prose: str) -> tuple[str, str]:
    markdown = "# Page\n\n" + marks.mark(prose, "dilemmas/x.md") + "\nAfter.\n"
    import markdown as md
    return markdown, md.markdown(markdown, extensions=["md_in_html", "attr_list"])


def test_prose_that_swallows_its_end_mark_is_a_problem_not_a_pass(tmp_path):
    marks = ProseMarks()
    markdown, html = _marked_page(marks, "Fine text.")
    cleaned, problems = marks.check_page(html, markdown, "dilemmas/x.md", tmp_path)
    assert problems == [] and "portal-prose" not in cleaned and "Fine text." in cleaned
    # An end mark that does not come back (here: cut out of the HTML) fails closed.
    broken = html.replace(f"<!-- /portal-prose {marks.token} 0 -->", "")
    _, problems = marks.check_page(broken, markdown, "dilemmas/x.md", tmp_path)
    assert [p.path for p in problems] == ["dilemmas/x.md"]
    assert "could not be told apart" in problems[0].message


def test_a_mark_with_another_token_is_not_a_mark(tmp_path):
    (tmp_path / "dilemmas").mkdir()
    (tmp_path / "dilemmas" / "x.md").write_text("---\nid: x\n---\n\n<b onclick=x>b</b>\n", encoding="utf-8")
    marks = ProseMarks()
    markdown, html = _marked_page(marks, "<b onclick=x>b</b>")
    forged = html.replace(marks.token, "0" * 16)  # as a record that guessed wrong would write it
    _, problems = marks.check_page(forged, markdown, "dilemmas/x.md", tmp_path)
    assert problems and "could not be told apart" in problems[0].message
    _, problems = marks.check_page(html, markdown, "dilemmas/x.md", tmp_path)
    assert [(p.path, p.line) for p in problems] == [("dilemmas/x.md", 5)]
    assert "onclick" in problems[0].message
