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


def _convert(markdown: str) -> str:
    import markdown as md
    return md.markdown(markdown, extensions=["md_in_html", "attr_list", "toc"])


def _marked_page(marks: ProseMarks, prose: str) -> tuple[str, str]:
    markdown = "# Page\n\n" + marks.mark(prose, "dilemmas/x.md") + "\nAfter.\n"
    return markdown, _convert(markdown)


def _write_record(root: Path, name: str, body: str) -> None:
    (root / "dilemmas").mkdir(exist_ok=True)
    (root / "dilemmas" / name).write_text(f"---\nid: {name[:-3]}\n---\n\n{body}\n", encoding="utf-8")


def test_prose_that_swallows_its_end_mark_is_a_problem_not_a_pass(tmp_path):
    marks = ProseMarks()
    markdown, html = _marked_page(marks, "Fine text.")
    cleaned, problems = marks.check_page(html, markdown, "dilemmas/x.md", tmp_path)
    assert problems == [] and "portal-prose" not in cleaned and "Fine text." in cleaned
    # An end mark that does not come back (here: cut out of the HTML) fails closed.
    broken = html.replace(marks.end_comment().strip(), "")
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


def test_marks_carried_by_the_portals_own_elements_are_checked_and_removed(tmp_path):
    """On a dilemma's page the marks are attributes of the status note and the
    progress list, which the page has anyway: the prose between is checked."""
    _write_record(tmp_path, "x.md", "Fine text.\n\n<b onclick=x>b</b>")
    marks = ProseMarks()
    markdown = (f'# Page\n\n<p class="note"{marks.start_attribute("dilemmas/x.md")}>Note</p>\n\n'
                "## Scenario\n\nFine text.\n\n<b onclick=x>b</b>\n\n## Progress\n\n"
                f'<ol class="steps"{marks.end_attribute()}><li>One</li></ol>\n\n## After\n\n'
                '<p class="portal-own">Not prose</p>\n')
    cleaned, problems = marks.check_page(_convert(markdown), markdown, "dilemmas/x/index.md", tmp_path)
    assert [(p.path, p.line) for p in problems] == [("dilemmas/x.md", 7)]
    assert "onclick" in problems[0].message
    assert marks.token not in cleaned and "data-portal" not in cleaned
    assert '<p class="note">Note</p>' in cleaned and '<ol class="steps"><li>One</li></ol>' in cleaned
    # The portal's own elements after the end mark are not read as prose.
    fine = markdown.replace("<b onclick=x>b</b>", "Also fine.")
    assert marks.check_page(_convert(fine), fine, "dilemmas/x/index.md", tmp_path)[1] == []


def test_each_item_of_a_paper_is_checked_as_its_own_records_prose(tmp_path):
    _write_record(tmp_path, "y.md", "Text.\n\n<b onclick=x>b</b>")
    marks = ProseMarks()
    markdown = (f"# Paper\n\n### 1. First (X){marks.start_heading('dilemmas/x.md')}\n\nFine text.\n\n"
                f"### 2. Second (Y){marks.start_heading('dilemmas/y.md')}\n\nText.\n\n<b onclick=x>b</b>\n\n"
                f"{marks.end_comment()}\n## After\n")
    cleaned, problems = marks.check_page(_convert(markdown), markdown, "meetings/m/index.md", tmp_path)
    assert [(p.path, p.line) for p in problems] == [("dilemmas/y.md", 7)]
    assert marks.token not in cleaned and "data-portal" not in cleaned and "<!--" not in cleaned
    # The headings keep the anchors the table of contents gives them.
    assert '<h3 id="1-first-x">1. First (X)</h3>' in cleaned and '<h3 id="2-second-y">' in cleaned


def test_prose_that_swallows_the_next_items_mark_is_a_problem_for_both(tmp_path):
    marks = ProseMarks()
    markdown = (f"# Paper\n\n### 1. First{marks.start_heading('dilemmas/x.md')}\n\n<div>\n\nUnclosed.\n\n"
                f"### 2. Second{marks.start_heading('dilemmas/y.md')}\n\n<b onclick=x>b</b>\n\n"
                f"{marks.end_comment()}")
    cleaned, problems = marks.check_page(_convert(markdown), markdown, "meetings/m/index.md", tmp_path)
    assert sorted(p.path for p in problems) == ["dilemmas/x.md", "dilemmas/y.md"]
    assert all("could not be told apart" in p.message for p in problems)


def test_a_page_whose_marks_come_back_out_of_order_fails_closed(tmp_path):
    marks = ProseMarks()
    markdown = (f'<p{marks.start_attribute("dilemmas/x.md")}>Note</p>\n\nProse.\n\n'
                f'<ol{marks.end_attribute()}><li>One</li></ol>\n')
    html = _convert(markdown)
    reordered = html.replace(marks.end_attribute(), "").replace("<p", "<p" + marks.end_attribute(), 1)
    _, problems = marks.check_page(reordered, markdown, "dilemmas/x/index.md", tmp_path)
    assert [p.path for p in problems] == ["dilemmas/x.md"]
    # And one whose last mark does not end the prose, which would run on into the page.
    unended = f'<p{marks.start_attribute("dilemmas/x.md")}>Note</p>\n\nProse.\n'
    _, problems = marks.check_page(_convert(unended), unended, "dilemmas/x/index.md", tmp_path)
    assert [p.path for p in problems] == ["dilemmas/x.md"]


def test_a_mark_inside_a_records_open_tag_is_not_a_boundary(tmp_path):
    """Cut there, the record's tag would be checked only in part: fail closed."""
    marks = ProseMarks()
    start = marks.start_comment("dilemmas/x.md").strip()
    end_comment, end_attribute = marks.end_comment().strip(), marks.end_attribute()
    with_comment = f"{start}\n\nProse\n\n{end_comment}\n"
    with_attribute = f"{start}\n\nProse\n\n<ol{end_attribute}></ol>\n"
    cases = [
        (with_comment, f'{start}<p><span title="{end_comment}" onclick="x">b</span></p>'),  # in a value
        (with_attribute, f'{start}<p><span title="x <ol{end_attribute}></ol>'),  # in an open tag
        (with_attribute, f"{start}<p>{end_attribute}</p>"),  # as text, in no tag
    ]
    for markdown, html in cases:
        _, problems = marks.check_page(html, markdown, "dilemmas/x/index.md", tmp_path)
        assert [p.path for p in problems] == ["dilemmas/x.md"], html
        assert "could not be told apart" in problems[0].message
    fine = f"{start}<p>Prose</p><ol{end_attribute}></ol>"
    assert marks.check_page(fine, with_attribute, "dilemmas/x/index.md", tmp_path) == ("<p>Prose</p><ol></ol>", [])
