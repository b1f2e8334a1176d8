"""The pages that lead to the dilemmas: the home page, the explorer (as
delivered, before any script runs), meetings with their print paper, and
themes."""
import json
import re

from portal.render import rebase_links
from portal_testkit import article, text_of


def theme_count(site, theme_id: str) -> int:
    """How many published dilemmas the tagging stage gave this theme."""
    data = json.loads(site.read("data/dilemmas.json"))
    return sum(1 for d in data["dilemmas"] if theme_id in d["themes"])


def test_the_home_page_says_what_the_panel_does_in_the_forces_words(site):
    text = text_of(article(site.read("index.html")))
    assert "Ethics and Transparency Panel" in text
    # From config/portal.yml, so another force's wording replaces it.
    assert "ethical dilemmas are a standing item on its agendas, open to submission by all roles" in text
    assert "Explore all 11 dilemmas" in text  # 6 real and 5 fictional are published


def test_the_home_page_shows_latest_dilemmas_outcomes_meetings_and_themes(site):
    main = article(site.read("index.html"))
    sections = dict(re.findall(r'<h2 id="([^"]+)"[^>]*>(.*?)<', main))
    assert list(sections.values())[:5] == ["How a dilemma is handled", "Latest dilemmas", "Latest outcomes",
                                           "Meetings", "Explore by theme"]
    outcomes = main.split("Latest outcomes", 1)[1].split("<h2", 1)[0]
    # Only items whose outcome is approved, newest approval first (same date: by reference).
    assert outcomes.index("2024-002") < outcomes.index("2024-001")
    assert "Using a drone over a protest camp" not in outcomes
    meetings = text_of(main.split("Meetings", 1)[1].split("Explore by theme", 1)[0])
    assert "Most recent meeting Tuesday 11 June 2024, 14:00 to 16:00" in meetings
    assert "Next meeting Thursday 15 January 2099, 10:00 to 12:00 A fictional future meeting" in meetings
    themes = main.split("Explore by theme", 1)[1]
    count = theme_count(site, "social-media")
    assert f'<a href="themes/social-media/">Social media and digital</a> ({count})' in themes


def test_the_explorer_lists_every_published_dilemma_without_javascript(site):
    main = article(site.read("dilemmas/index.html"))
    items = re.findall(r'<li data-theme="([^"]*)" data-meeting="([^"]*)" data-status="([^"]*)">'
                       r'<a href="([^"]+)">', main)
    hrefs = [href for *_, href in items]
    assert sorted(hrefs) == sorted(f"{i}/" for i in
                                   ["2023-001", "2023-002", "2023-003", "2023-004", "2023-005", "2023-006",
                                    "2024-001", "2024-002", "2024-003", "2024-004", "2024-006"])
    # Newest meeting first.
    assert hrefs.index("2024-001/") < hrefs.index("2023-001/")
    statuses = {status for _, _, status, _ in items}
    assert statuses == {"for-discussion", "discussed", "outcome-published", "closed", "withdrawn"}
    assert '<p class="portal-count" role="status" data-portal-count data-total="11">11 dilemmas</p>' in main


def test_the_explorer_filters_are_labelled_and_grouped(site):
    main = article(site.read("dilemmas/index.html"))
    form = re.search(r"<form class=\"portal-filters\".*?</form>", main, re.S).group(0)
    # Hidden until the script runs: without JavaScript there is nothing to operate.
    assert "data-portal-filters hidden" in form
    assert "<fieldset><legend>Filter the dilemmas</legend>" in form
    for name in ("words", "theme", "year", "meeting", "status"):
        assert f'<label for="filter-{name}">' in form
        assert f'id="filter-{name}" name="{name}"' in form
    assert '<option value="2024-06-11">11 June 2024 (5)</option>' in form
    assert '<option value="2023">2023 (6)</option>' in form
    assert '<option value="withdrawn">Withdrawn (1)</option>' in form
    assert '<option value="draft"' not in form


def test_a_meeting_page_lists_its_agenda_with_each_status(site):
    main = article(site.read("meetings/2024-06-11/index.html"))
    rows = re.findall(r"<tr><td>([0-9-]+)</td><td><a href=\"([^\"]+)\">[^<]+</a></td><td>"
                      r"<strong class=\"portal-status[^\"]*\">([^<]+)</strong>", main)
    assert rows == [("2024-001", "../../dilemmas/2024-001/", "Closed"),
                    ("2024-002", "../../dilemmas/2024-002/", "Outcome published"),
                    ("2024-003", "../../dilemmas/2024-003/", "Discussed, outcome awaiting approval"),
                    ("2024-004", "../../dilemmas/2024-004/", "Withdrawn"),
                    ("2024-006", "../../dilemmas/2024-006/", "For discussion")]
    assert 'href="../2024-06-11-paper/">Panel paper (print view)</a>' in main


def test_the_print_paper_reproduces_the_panel_paper_from_the_records(site):
    text = text_of(article(site.read("meetings/2023-03-28-paper/index.html")))
    expected_order = [
        "POLICE AND CRIME COMMISSIONER FOR LEICESTERSHIRE".title(),  # as configured; CSS capitalises
        "Ethics and Transparency Panel",
        "Report of Chief Constable",
        "Subject Ethical dilemmas",
        "Date Tuesday 28 March 2023, 10:00 to 12:00",
        "Author Head of Communications and Engagement",
        "Purpose of report The purpose of this report is to seek members' views",
        "Recommendations It is recommended that members discuss",
        "Commentary The Terms of Reference make provision for the Panel to debate",
        "List of appendices Appendix A – Social Media",
        "Appendix A – Social Media: dilemmas for discussion",
        "1. A parent asks an officer what to message a missing teenager (2023-001)",
        "Question What should the officer do?",
        "6. Releasing a convicted offender's image",
    ]
    positions = [text.lower().find(part.lower()) for part in expected_order]
    assert -1 not in positions, [p for p, at in zip(expected_order, positions) if at == -1]
    assert positions == sorted(positions)


def test_the_print_paper_shows_only_what_was_put_to_the_panel(site):
    text = text_of(article(site.read("meetings/2024-06-11-paper/index.html")))
    assert "Should the footage be shown, and on what terms?" in text
    assert "The panel advised showing a redacted version" not in text  # outcomes come later
    assert "A fictional scenario that was withdrawn" not in text


def test_theme_pages_list_their_dilemmas_and_link_to_the_filtered_explorer(site):
    main = article(site.read("themes/community-trust/index.html"))
    assert "Sharing body-worn video footage with a community group" in main
    assert 'href="../../dilemmas/?theme=community-trust"' in main
    index = text_of(article(site.read("themes/index.html")))
    assert f"Social media and digital ({theme_count(site, 'social-media')} dilemmas)" in index


def test_the_not_found_page_helps_the_reader_on(site):
    html = site.read("404.html")
    assert "<h1" in html and "Page not found" in html
    assert 'href="/ethics-panel/dilemmas/"' in html
    assert 'http-equiv="Content-Security-Policy"' in html


def test_public_sector_pages_exist_and_are_linked_from_every_page(site):
    for page in ("accessibility", "privacy", "open-data", "about"):
        assert (site.site_dir / page / "index.html").exists()
    footer = site.read("dilemmas/2023-001/index.html").split('<footer class="md-footer portal-footer">', 1)[1]
    for href in ("../../accessibility/", "../../privacy/", "../../open-data/", "../../feed.xml"):
        assert f'href="{href}"' in footer
    head = site.read("index.html").split("</head>", 1)[0]
    assert '<link rel="alternate" type="application/atom+xml"' in head and 'href="feed.xml"' in head


def test_the_accessibility_statement_follows_the_gov_uk_sample(site):
    text = text_of(article(site.read("accessibility/index.html")))
    sections = ["How accessible this website is", "Feedback and contact information",
                "Reporting accessibility problems with this website", "Enforcement procedure",
                "Technical information about this website's accessibility", "Compliance status",
                "Non-accessible content", "What we are doing to improve accessibility",
                "Preparation of this accessibility statement"]
    positions = [text.find(s) for s in sections]
    assert -1 not in positions and positions == sorted(positions)
    assert "Equality Advisory and Support Service (EASS)" in text
    assert "A manual audit with assistive technology users has not yet been done." in text
    assert "Office of the Police and Crime Commissioner for Leicestershire" in text


def test_record_images_and_links_still_work_when_the_paper_reuses_the_prose():
    prose = ('![A fictional poster](poster.png "Poster") <img src="map.png" alt="">\n'
             "[Elsewhere](https://example.com/a) [Top](#top) [Site](/about/)")
    assert rebase_links(prose, "../dilemmas/") == (
        '![A fictional poster](../dilemmas/poster.png "Poster") <img src="../dilemmas/map.png" alt="">\n'
        "[Elsewhere](https://example.com/a) [Top](#top) [Site](/about/)")
