"""The tagger on typical dilemmas from other panels (tests/tagging/dilemma_sets/).

The bar the portal must meet on real dilemmas it has never seen: at most one
in ten ends with no theme, and the theme a panel member expects first is
given for at least 85%. Sets 1-4 were used to build the vocabulary and must
stay above that bar. Set 5 is blind (never used for tuning): its floor is the
figure measured when it was written, so a change that makes the tagger worse
at generalising fails here. See dilemma_sets/README.md.
"""
from pathlib import Path

import pytest
import yaml

from portal.tagging import load_taxonomy, tag_record

SETS = Path(__file__).with_name("dilemma_sets")
# file: (least share with any theme, least share with the expected primary theme)
BARS = {
    "set1_typical.yml": (0.90, 0.85),
    "set2.yml": (0.90, 0.85),
    "set3.yml": (0.90, 0.85),
    "set4.yml": (0.90, 0.85),
    "set5_blind.yml": (0.90, 0.75),  # measured 98% / 79%: below the 85% target, see README
}


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


def cases_in(name):
    return yaml.safe_load((SETS / name).read_text(encoding="utf-8"))["cases"]


def test_the_first_set_covers_the_whole_taxonomy(taxonomy):
    cases = cases_in("set1_typical.yml")
    assert len(cases) >= 40
    assert {case["primary"] for case in cases} == set(taxonomy.ids)


def test_every_case_names_a_real_theme(taxonomy):
    for name in BARS:
        for case in cases_in(name):
            assert case["primary"] in taxonomy.ids, (name, case["title"])


@pytest.mark.parametrize("name", BARS)
def test_at_least_nine_in_ten_dilemmas_get_a_theme(taxonomy, name):
    cases = cases_in(name)
    untagged = [c["title"] for c in cases
                if not tag_record(taxonomy, title=c["title"], summary="", body=c["text"]).themes]
    assert len(untagged) <= (1 - BARS[name][0]) * len(cases), f"no theme for: {untagged}"


@pytest.mark.parametrize("name", BARS)
def test_the_expected_primary_theme_is_given(taxonomy, name):
    cases = cases_in(name)
    misses = []
    for case in cases:
        themes = tag_record(taxonomy, title=case["title"], summary="", body=case["text"]).themes
        if case["primary"] not in themes:
            misses.append(f"{case['title']} (expected {case['primary']}, got {themes})")
    assert len(cases) - len(misses) >= BARS[name][1] * len(cases), "\n".join(misses)


@pytest.mark.parametrize("name", BARS)
def test_dilemmas_are_not_buried_under_themes(taxonomy, name):
    # A record tagged with half the taxonomy tells the reader nothing.
    counts = [len(tag_record(taxonomy, title=c["title"], summary="", body=c["text"]).themes)
              for c in cases_in(name)]
    assert max(counts) <= 5
    assert sum(counts) / len(counts) <= 2.0
