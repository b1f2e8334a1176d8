"""A record's id becomes a web address and a file name, so only a strict
pattern is accepted, and two ids that read the same are an error naming both
files: the real build of a fixture site stops and publishes nothing."""
import pytest

from hostile_kit import assert_failed_cleanly
from portal.safety import explain_id_characters, id_skeleton
from portal.validate import normalise_id
from sitekit import build, dilemma, make_site

ID_RULE_HINT = "use lower-case letters a-z and digits 0-9"


UNSAFE_IDS = {
    "traversal": "../../../etc/passwd",
    "absolute": "'/tmp/2099-001'",
    "folder": "2099/001",
    "parent": "'..'",
    "upper-case": "2099-ABC",
    "underscore": "'2099_001'",
    "trailing-space": "'2099-001 '",
    "double-hyphen": "'2099--001'",
    "encoded-slash": "2099%2F001",
    "backslash": "'2099\\\\001'",
}


def test_unsafe_ids_stop_the_build_and_each_is_named(tmp_path):
    records = {f"x/{name}.md": dilemma(value) for name, value in UNSAFE_IDS.items()}
    records["x/reserved.md"] = dilemma("index")
    result = build(make_site(tmp_path, records))
    assert_failed_cleanly(result, *(f"dilemmas/x/{name}.md:3: id " for name in UNSAFE_IDS),
                          "dilemmas/x/reserved.md:3: id 'index' is reserved for the site's own pages")
    for name in UNSAFE_IDS:
        line = next(l for l in result.output.splitlines() if f"dilemmas/x/{name}.md:3: id " in l)
        assert ID_RULE_HINT in line
    assert not (result.site_dir / "etc").exists()


# Each pair: the genuine id, then one that only looks the same.
LOOK_ALIKES = {
    "cyrillic-a": ("2099-abc", "2099-\u0430bc", "U+0430 CYRILLIC SMALL LETTER A, which only looks like 'a'"),
    "greek-omicron": ("2099-ob", "2099-\u03bfb", "U+03BF GREEK SMALL LETTER OMICRON, which only looks like 'o'"),
    "fullwidth-digits": ("2099-010", "\uff12\uff10\uff19\uff19-\uff10\uff11\uff10",
                         "U+FF12 FULLWIDTH DIGIT TWO, which only looks like '2'"),
    "non-breaking-hyphen": ("2099-011", "2099\u2011011", "U+2011 NON-BREAKING HYPHEN, which only looks like '-'"),
    "zero-width-space": ("2099-012", "2099-0\u200b12", "U+200B ZERO WIDTH SPACE"),
    "upper-case": ("2099-abd", "2099-ABD", "U+0041 LATIN CAPITAL LETTER A"),
}


def test_look_alike_ids_are_an_error_naming_both_files(tmp_path):
    records = {}
    for case, (genuine, fake, _) in LOOK_ALIKES.items():
        records[f"a/{case}.md"] = dilemma(genuine)
        records[f"b/{case}.md"] = dilemma(f'"{fake}"', title="A fictional look-alike record")
    result = build(make_site(tmp_path, records))
    expected = []
    for case, (genuine, _, explanation) in LOOK_ALIKES.items():
        expected.append(f"dilemmas/b/{case}.md:3: an id that reads the same as '{genuine}' is "
                        f"already used by dilemmas/a/{case}.md")
        expected.append(explanation)
    assert_failed_cleanly(result, *expected)


def test_same_id_twice_names_both_files(tmp_path):
    root = make_site(tmp_path, {"a/one.md": dilemma("2099-020"), "b/two.md": dilemma("2099-020")})
    assert_failed_cleanly(build(root), "dilemmas/b/two.md:3: the same id is already used by dilemmas/a/one.md")


def test_ids_that_look_different_are_kept_apart():
    assert normalise_id("2099-001") != normalise_id("2099-002")
    assert normalise_id("2023-001") != normalise_id("2023-010")
    assert len({normalise_id(f"2099-{n:03d}") for n in range(1000)}) == 1000


@pytest.mark.parametrize("fake", [
    "2099-\u0430\u0432\u0441", "2099-\u0391\u0392\u0421", "\uff12\uff10\uff19\uff19-abc",
    "2099\u2010abc", "2099\u2212abc", "2099-a\u00adbc", "2099-\U0001d41a\U0001d41b\U0001d41c",
])
def test_confusables_beyond_nfkc_fold_to_the_latin_id(fake):
    assert id_skeleton(fake) == id_skeleton("2099-abc")


def test_the_explanation_names_the_hidden_character():
    assert explain_id_characters("2023-001") == ""
    assert "CYRILLIC SMALL LETTER O" in explain_id_characters("2023-\u043e01")
