"""What a reader sees on a dilemma's page: its facts, only the sections its
status allows, its themes linked to theme pages, related dilemmas, a
permanent link and a citation."""
import re
from pathlib import Path

from portal_testkit import DRAFT_TEXT, UNAPPROVED_OUTCOME, UNPUBLISHED_RESPONSE, article, text_of


def test_a_closed_dilemma_shows_the_whole_chain_with_its_facts(site):
    html = site.read("dilemmas/2024-001/index.html")
    main = article(html)
    text = text_of(main)
    headings = re.findall(r"<h2[^>]*>(.*?)<", main)
    for heading in ("Scenario", "Questions for the panel", "Panel outcome", "Force response",
                    "Follow-up", "Progress", "Related dilemmas", "Cite this dilemma"):
        assert heading in headings, heading
    assert headings.index("Scenario") < headings.index("Panel outcome") < headings.index("Force response")
    assert "Reference 2024-001" in text
    assert "Status Closed" in text
    assert "Meeting 11 June 2024" in text
    assert "Principles Courage (College of Policing Code of Ethics (2024)), Openness" in text
    assert "First published 11 June 2024" in text
    assert "Last updated 10 September 2024" in text
    assert 'datetime="2024-09-10"' in main
    assert "The force agreed and wrote a protocol" in text


def test_sections_the_status_does_not_allow_are_never_shown(site):
    outcome_published = text_of(site.read("dilemmas/2024-002/index.html"))
    assert "The panel advised that the claims be corrected" in outcome_published
    assert UNPUBLISHED_RESPONSE not in outcome_published
    assert "Force response" not in re.findall(r"<h2[^>]*>(.*?)<", site.read("dilemmas/2024-002/index.html"))

    discussed = text_of(site.read("dilemmas/2024-003/index.html"))
    assert "Is filming the camp proportionate?" in discussed
    assert UNAPPROVED_OUTCOME not in discussed
    assert "outcome will appear here once the panel has approved it" in discussed


def test_unapproved_text_and_drafts_appear_in_no_file_of_the_site(site):
    everything = site.all_text()
    for secret in (DRAFT_TEXT, UNAPPROVED_OUTCOME, UNPUBLISHED_RESPONSE):
        assert secret not in everything
    assert not (site.site_dir / "dilemmas" / "2024-005").exists()
    assert "2024-005" not in site.read("dilemmas/index.html")


def test_a_withdrawn_dilemma_says_why_without_its_scenario(site):
    text = text_of(article(site.read("dilemmas/2024-004/index.html")))
    assert "Withdrawn at the submitter's request before the meeting." in text
    assert "A fictional scenario that was withdrawn" not in text


def test_themes_are_shown_as_tags_linking_to_the_theme_pages(site):
    html = site.read("dilemmas/2023-001/index.html")
    nav = re.search(r'<nav class="md-tags portal-tags" aria-label="Themes">(.*?)</nav>', html, re.S)
    assert nav, "the dilemma page lists its themes"
    links = dict((name.strip(), href) for href, name in
                 re.findall(r'<a href="([^"]+)" class="md-tag">([^<]+)</a>', nav.group(1)))
    assert links["Social media and digital"] == "../../themes/social-media/"
    for href in links.values():
        assert (site.site_dir / "dilemmas" / "2023-001" / href / "index.html").resolve().exists()
    # The title comes before the themes, so a screen reader reads it first.
    assert html.index("<h1") < html.index('aria-label="Themes"')


def test_the_permanent_link_and_citation_use_the_stable_reference(site):
    text = text_of(site.read("dilemmas/2024-001/index.html"))
    url = "https://example.org/ethics-panel/dilemmas/2024-001/"
    assert f"Permanent link {url}" in text
    assert ("Leicestershire Police Ethics and Transparency Panel, \u2018Sharing body-worn video "
            "footage with a community group\u2019, dilemma 2024-001, meeting of 11 June 2024, "
            f"last updated 10 September 2024. {url}") in text


def test_related_dilemmas_link_to_published_dilemmas_only(site):
    main = article(site.read("dilemmas/2023-002/index.html"))
    related = main.split("Related dilemmas", 1)[1].split("Cite this dilemma", 1)[0]
    targets = re.findall(r'href="\.\./([0-9a-z-]+)/"', related)
    assert targets, "the real social-media dilemmas are related to each other"
    assert "2024-005" not in targets
    for target in targets:
        assert (site.site_dir / "dilemmas" / target / "index.html").exists()


def test_record_titles_are_escaped_text(site):
    html = site.read("dilemmas/2024-006/index.html")
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert title == 'Sharing "quotes" &amp; claims online, and why a &lt; b matters - Ethics and Transparency Panel'
    assert '>Sharing "quotes" &amp; claims online, and why a &lt; b matters' in article(html)


def test_a_reader_can_tell_editors_themes_from_automatic_ones_and_best_guesses(tmp_path):
    from portal_testkit import MEETING_2024, _dilemma, build_portal_site

    from portal import tagging
    names = {t.id: t.name for t in tagging.load_taxonomy(
        Path(__file__).resolve().parents[2] / "config" / "themes.yml").themes}
    records = {
        "2024-06-11/meeting.md": MEETING_2024,
        # an editor's theme, and one the tagging finds plainly (drone, protest)
        "2024-06-11/2024-001.md": _dilemma(
            "2024-001", "Using a drone over a protest camp", "for-discussion", "themes: [custody]\n",
            "## Scenario\n\nA fictional protest camp has been set up on open land. Officers want to "
            "use a drone to watch for disorder.\n\n## Questions for the panel\n\nIs it proportionate?\n"),
        # a short dilemma where no theme has enough evidence: a best guess
        "2024-06-11/2024-002.md": _dilemma(
            "2024-002", "A fictional question", "for-discussion", "",
            "## Scenario\n\nThe officer's phone holds a photo and a message.\n\n"
            "## Questions for the panel\n\nWhat should happen?\n"),
    }
    site = build_portal_site(tmp_path, records, real_records=False)

    first = text_of(article(site.read("dilemmas/2024-001/index.html")))
    assert f"How themes were given Chosen by an editor: {names['custody']}. Found by automatic tagging: " \
           f"{names['surveillance-technology']}; {names['public-order-and-protest']}. How themes are given" in first
    assert "best guess" not in first

    second = text_of(article(site.read("dilemmas/2024-002/index.html")))
    assert (f"How themes were given Automatic tagging's best guess (no theme had enough evidence): "
            f"{names['covert-tactics']}.") in second
    assert "Found by automatic tagging" not in second and "Chosen by an editor" not in second
    assert re.search(r'<dd>[^<]*best guess[^<]*<a href="\.\./\.\./themes-method/">How themes are given</a>',
                     site.read("dilemmas/2024-002/index.html"))
