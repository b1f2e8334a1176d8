"""Another force adopts the portal by editing configuration and replacing the
content, without changing code: a plainly fictional force's settings,
taxonomy and records (tests/fixtures/other-force) build into a site with none
of the original force's wording left anywhere."""
import re
import shutil
from pathlib import Path

import pytest
import yaml

from sitekit import build, make_site

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "other-force"
ORIGINAL_FORCE_WORDS = re.compile(r"leicester|loughborough|rutland|leics", re.I)


def adopt(root: Path) -> None:
    """What an adopting force does: its settings, taxonomy, site name and
    address, and its own records instead of ours."""
    shutil.copytree(FIXTURE / "config", root / "config", dirs_exist_ok=True)
    shutil.rmtree(root / "dilemmas")
    shutil.copytree(FIXTURE / "dilemmas", root / "dilemmas")
    site_keys = yaml.safe_load((FIXTURE / "site.yml").read_text(encoding="utf-8"))
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    for key, value in site_keys.items():
        config, count = re.subn(rf"(?m)^{key}:.*$", f"{key}: {value}", config)
        assert count == 1, key
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")


@pytest.fixture(scope="module")
def other_force_site(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("other-force"), real_records=False)
    adopt(root)
    result = build(root)
    assert result.ok, result.output
    return result


def test_no_wording_of_the_original_force_is_left_on_any_page_or_file(other_force_site):
    found: dict[str, set[str]] = {}
    for path in sorted(other_force_site.site_dir.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".csv", ".txt", ".js", ".css"):
            for match in ORIGINAL_FORCE_WORDS.finditer(path.read_text(encoding="utf-8", errors="replace")):
                found.setdefault(str(path.relative_to(other_force_site.site_dir)), set()).add(match.group(0))
    # A page listed here names the original force in wording that is not
    # configuration: write it from config/portal.yml, or without the names.
    assert found == {}


def test_the_templates_hold_no_force_specific_wording():
    overrides = Path(__file__).resolve().parents[2] / "overrides"
    for path in overrides.rglob("*.html"):
        assert not ORIGINAL_FORCE_WORDS.search(path.read_text(encoding="utf-8")), path


def test_the_new_forces_names_contact_and_colours_are_used(other_force_site):
    home = other_force_site.read("index.html")
    assert "<title>Exampleshire Ethics Committee</title>" in home
    assert "independent group of residents who advise the constabulary" in home
    assert 'href="https://www.example.com/ethics-committee/contact"' in home
    assert "--portal-header:#4a1942;--portal-accent:#8a1f66;" in home
    paper = other_force_site.read("meetings/2025-02-04-paper/index.html")
    assert "Exampleshire Police, Fire and Crime Commissioner" in paper
    page = other_force_site.read("dilemmas/2025-001/index.html")
    assert "Exampleshire Constabulary Exampleshire Ethics Committee, \u2018Warning drivers" in page
    assert "https://ethics.example.com/dilemmas/2025-001/" in page
    assert "tag:exampleshire.ethics-panel,2023:dilemma/2025-001" in other_force_site.read("feed.xml")


def test_the_new_forces_taxonomy_replaces_the_themes_and_the_allowed_tags(other_force_site):
    themes = sorted(p.name for p in (other_force_site.site_dir / "themes").iterdir() if p.is_dir())
    assert themes == ["roads-policing", "rural-crime", "staff-conduct"]
    page = other_force_site.read("dilemmas/2025-002/index.html")
    tags = re.findall(r'class="md-tag">([^<]+)<', page)
    assert set(tags) >= {"Rural communities", "Staff conduct"}
    assert '<a href="../../themes/rural-crime/" class="md-tag">Rural communities</a>' in page
