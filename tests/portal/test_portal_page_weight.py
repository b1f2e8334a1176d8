"""Pages stay light on a phone connection: a dilemma page under 200 KB and
the explorer, with 1,000 published dilemmas, under 300 KB, counting the page
and every style sheet and script it loads, gzip-compressed as a web server
sends them (the search index, fetched only for searching, is not counted)."""
import gzip
import json
import re
from pathlib import Path, PurePosixPath

import pytest

from portal_testkit import build_portal_site, many_records, theme_ids_of
from sitekit import REPO

DILEMMA_PAGE_LIMIT = 200_000
EXPLORER_LIMIT = 300_000
RECORDS = 1000


def compressed(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def page_weight(site_dir: Path, page: str) -> dict[str, int]:
    """Compressed bytes of the page, its style sheets and its scripts
    (including Material's search worker, started on every page)."""
    html_path = site_dir / page
    html = html_path.read_text(encoding="utf-8")
    weights = {page: compressed(html_path)}
    assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assets += re.findall(r'<script src="([^"]+)"', html)
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                                  html, re.S).group(1))
    assets.append(config["search"])
    for href in assets:
        assert not href.startswith(("http:", "https:", "//")), href
        target = (html_path.parent / PurePosixPath(href.split("?")[0])).resolve()
        weights[str(target.relative_to(site_dir.resolve()))] = compressed(target)
    return weights


def test_a_dilemma_page_is_under_200_kb(site):
    weights = page_weight(site.site_dir, "dilemmas/2024-001/index.html")
    assert sum(weights.values()) < DILEMMA_PAGE_LIMIT, weights


@pytest.fixture(scope="module")
def thousand_record_site(tmp_path_factory):
    records = many_records(RECORDS, theme_ids_of(REPO))
    result = build_portal_site(tmp_path_factory.mktemp("thousand"), records, real_records=False)
    return result


def test_the_explorer_with_1000_dilemmas_is_under_300_kb(thousand_record_site):
    html = thousand_record_site.read("dilemmas/index.html")
    assert html.count('<li data-theme="') == RECORDS
    weights = page_weight(thousand_record_site.site_dir, "dilemmas/index.html")
    total = sum(weights.values())
    assert total < EXPLORER_LIMIT, weights
    # The list itself stays lean: well under half a kilobyte per record, compressed.
    assert weights["dilemmas/index.html"] / RECORDS < 100, weights
