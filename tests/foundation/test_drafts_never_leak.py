"""Nothing that is not approved for publication appears anywhere in the site."""
import pytest

from sitekit import build, dilemma, make_site

DRAFT_MARKER = "ZQXDRAFTMARKER417"
OUTCOME_MARKER = "ZQXUNAPPROVEDOUTCOME"
RESPONSE_MARKER = "ZQXUNPUBLISHEDRESPONSE"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    draft_body = (f"## Scenario\n\nA fictional draft scenario {DRAFT_MARKER} about a work phone "
                  "and WhatsApp messages.\n\n## Questions for the panel\n\nWhat should happen?\n")
    discussed_body = ("## Scenario\n\nA fictional scenario about an officer's social media post "
                      "on Facebook.\n\n## Questions for the panel\n\nWhat should happen?\n\n"
                      f"## Panel outcome\n\n{OUTCOME_MARKER} the panel thought so.\n")
    outcome_body = ("## Scenario\n\nA fictional scenario about body-worn video on Twitter.\n\n"
                    "## Panel outcome\n\nThe panel advised openness.\n\n"
                    f"## Force response\n\n{RESPONSE_MARKER} the force agreed.\n")
    root = make_site(tmp_path_factory.mktemp("drafts"), {
        "2023-03-28/2099-001.md": dilemma("2099-001", title=f"Draft {DRAFT_MARKER}", status="draft",
                                          extra=f"summary: {DRAFT_MARKER}\n", body=draft_body),
        "2023-03-28/2099-002.md": dilemma("2099-002", title="A discussed fictional dilemma",
                                          status="discussed", body=discussed_body),
        "2023-03-28/2099-003.md": dilemma("2099-003", title="A fictional dilemma with an outcome",
                                          status="outcome-published", body=outcome_body,
                                          extra="outcome_approved: 2023-05-01\n"),
    })
    result = build(root)
    assert result.ok, result.output
    return result


def test_draft_marker_appears_nowhere(site):
    everything = site.all_text()
    assert DRAFT_MARKER not in everything
    assert "2099-001" not in everything
    assert not (site.site_dir / "dilemmas" / "2099-001").exists()


@pytest.mark.parametrize("path", ["search/search_index.json", "sitemap.xml", "tags.json",
                                  "feed.xml", "data/dilemmas.json", "data/dilemmas.csv",
                                  "dilemmas/index.html", "meetings/2023-03-28/index.html"])
def test_no_published_file_mentions_the_draft(site, path):
    assert (site.site_dir / path).exists(), path
    assert DRAFT_MARKER not in site.read(path)


def test_unapproved_outcome_is_hidden_while_the_scenario_is_public(site):
    everything = site.all_text()
    assert OUTCOME_MARKER not in everything
    assert "A fictional scenario about an officer" in site.read("dilemmas/2099-002/index.html")


def test_force_response_is_hidden_until_the_record_is_closed(site):
    page = site.read("dilemmas/2099-003/index.html")
    assert "The panel advised openness." in page
    assert RESPONSE_MARKER not in site.all_text()
