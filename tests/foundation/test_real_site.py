"""End to end: the panel's real records build into the public site."""
import json
import re

import pytest

from sitekit import build, make_site

REAL_IDS = [f"2023-00{n}" for n in range(1, 7)]


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("real"))
    result = build(root, strict=True)
    assert result.ok, result.output
    return result


def test_strict_build_of_the_real_records_succeeds(real_site):
    assert "Traceback" not in real_site.output


@pytest.mark.parametrize("record_id", REAL_IDS)
def test_each_seed_dilemma_has_its_own_page(real_site, record_id):
    page = real_site.read(f"dilemmas/{record_id}/index.html")
    assert record_id in page
    assert "For discussion" in page
    assert 'href="../../meetings/2023-03-28/"' in page


def test_dilemma_pages_carry_the_papers_text_verbatim(real_site):
    page = real_site.read("dilemmas/2023-001/index.html")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert ("The young person is not answering calls but is online on WhatsApp and reading "
            "messages from their mum") in text
    assert "What should the officer do?" in text
    page6 = re.sub(r"\s+", " ", real_site.read("dilemmas/2023-006/index.html"))
    assert "Leicester Crown Court" in page6


def test_no_invented_outcome_is_published(real_site):
    for record_id in REAL_IDS:
        page = real_site.read(f"dilemmas/{record_id}/index.html")
        assert "Panel outcome" not in page
        assert "Force response" not in page


def test_meeting_page_lists_the_agenda(real_site):
    page = real_site.read("meetings/2023-03-28/index.html")
    assert "28 March 2023" in page
    assert "10:00" in page and "12:00" in page
    for record_id in REAL_IDS:
        assert f"../../dilemmas/{record_id}/" in page
    # The paper's author is named by role only; contact details are not republished.
    assert "Head of Communications and Engagement" in page
    assert "Kealey" not in real_site.all_text()
    assert "@leics.police.uk" not in real_site.all_text()


def test_dilemmas_index_lists_every_dilemma_with_status_and_themes(real_site):
    page = real_site.read("dilemmas/index.html")
    for record_id in REAL_IDS:
        assert f'href="{record_id}/"' in page
    assert page.count("For discussion") >= 6
    assert "Themes" in page or "themes" in page


def test_search_index_has_an_entry_for_every_dilemma(real_site):
    index = json.loads(real_site.read("search/search_index.json"))
    locations = {doc["location"] for doc in index["docs"]}
    for record_id in REAL_IDS:
        assert f"dilemmas/{record_id}/" in locations
    texts = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("dilemmas/2023-003"))
    assert "Neighbourhood Watch" in texts


def test_no_google_fonts_or_other_third_party_assets(real_site):
    for page in real_site.site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html
        assert "fonts.gstatic.com" not in html
        for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
            assert not re.search(r"\.(js|css|woff2?)(\?|$)", url), f"{page}: third-party asset {url}"


def test_generated_pages_stay_out_of_the_navigation(real_site):
    home = real_site.read("index.html")
    # The navigation holds the short explicit nav, not one entry per record.
    nav = home.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "2023-001" not in nav


def test_theme_font_is_switched_off_in_the_configuration():
    import yaml
    from sitekit import REPO
    config = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    assert config["theme"]["font"] == "false"
