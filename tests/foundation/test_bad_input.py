"""Bad input stops the build, lists every problem as path:line: message, and
publishes nothing."""

from sitekit import build, dilemma, make_site


def build_with(tmp_path, records):
    root = make_site(tmp_path, records)
    result = build(root)
    return result


def assert_failed_cleanly(result, *expected_lines):
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output
    for expected in expected_lines:
        assert expected in result.output, f"missing {expected!r} in:\n{result.output}"
    published = list(result.site_dir.rglob("*.html")) if result.site_dir.exists() else []
    assert published == [], "a failed build must publish nothing"


def test_unparseable_yaml(tmp_path):
    text = "---\ntype: dilemma\nid: 2099-001\ntitle: [unclosed\nstatus: draft\n---\n\nScenario text.\n"
    result = build_with(tmp_path, {"2099/2099-001.md": text})
    assert_failed_cleanly(result, "dilemmas/2099/2099-001.md:")
    assert "not valid YAML" in result.output


def test_missing_required_field(tmp_path):
    text = "---\ntype: dilemma\nid: 2099-001\nstatus: for-discussion\nmeeting: 2023-03-28\n---\n\nScenario.\n"
    result = build_with(tmp_path, {"x/2099-001.md": text})
    assert_failed_cleanly(result, "dilemmas/x/2099-001.md:1: the required field 'title' is missing")


def test_misspelt_field_is_named_with_a_suggestion(tmp_path):
    result = build_with(tmp_path, {"x/2099-001.md": dilemma(extra="sumary: A fictional summary.\n")})
    assert_failed_cleanly(result, "dilemmas/x/2099-001.md:7: unknown field 'sumary' (did you mean 'summary'?)")


def test_mistyped_field(tmp_path):
    result = build_with(tmp_path, {"x/2099-001.md": dilemma(extra="themes: 42\n")})
    assert_failed_cleanly(result, "dilemmas/x/2099-001.md:7: 'themes' must be a list")


def test_bad_date(tmp_path):
    result = build_with(tmp_path, {"x/2099-001.md": dilemma(meeting="2023-02-30")})
    assert_failed_cleanly(result, "dilemmas/x/2099-001.md:6: 'meeting' is not a real date: 2023-02-30")


def test_date_in_the_wrong_format(tmp_path):
    result = build_with(tmp_path, {"x/2099-001.md": dilemma(meeting="28/03/2023")})
    assert_failed_cleanly(result, "dilemmas/x/2099-001.md:6: 'meeting' must be a date written YYYY-MM-DD")


def test_duplicate_id_names_both_files(tmp_path):
    result = build_with(tmp_path, {"x/first.md": dilemma("2099-001"), "y/second.md": dilemma("2099-001")})
    assert_failed_cleanly(result, "dilemmas/y/second.md:3:", "dilemmas/x/first.md")


def test_meeting_that_does_not_exist(tmp_path):
    result = build_with(tmp_path, {"x/2099-001.md": dilemma(meeting="2099-12-31")})
    assert_failed_cleanly(result, "dilemmas/x/2099-001.md:6: no meeting record for 2099-12-31")


def test_unknown_status(tmp_path):
    result = build_with(tmp_path, {"x/2099-001.md": dilemma(status="published")})
    assert_failed_cleanly(result, "dilemmas/x/2099-001.md:5: unknown status 'published'")


def test_empty_body(tmp_path):
    result = build_with(tmp_path, {"x/2099-001.md": dilemma(body="\n\n")})
    assert_failed_cleanly(result, "dilemmas/x/2099-001.md:8: the record has no scenario")


def test_unknown_theme(tmp_path):
    result = build_with(tmp_path, {"x/2099-001.md": dilemma(extra="themes: [not-a-theme]\n")})
    assert_failed_cleanly(result, "dilemmas/x/2099-001.md:7: unknown theme 'not-a-theme'")


def test_every_problem_is_listed_not_just_the_first(tmp_path):
    result = build_with(tmp_path, {
        "x/2099-001.md": dilemma(status="published"),
        "x/2099-002.md": dilemma("2099-002", meeting="2099-13-01"),
        "x/2099-003.md": "---\ntype: dilemma\nid: [\n---\n",
    })
    assert_failed_cleanly(result, "dilemmas/x/2099-001.md:5:", "dilemmas/x/2099-002.md:6:",
                          "dilemmas/x/2099-003.md:")
    assert "3 problems" in result.output


def test_outcome_published_needs_outcome_and_approval_date(tmp_path):
    result = build_with(tmp_path, {"x/2099-001.md": dilemma(status="outcome-published")})
    assert_failed_cleanly(result, "needs a '## Panel outcome' section", "needs 'outcome_approved'")


def test_misspelt_section_heading_fails_instead_of_publishing_the_outcome(tmp_path):
    body = ("## Scenario\n\nA fictional scenario about a work phone.\n\n"
            "## Panel outcom\n\nUNAPPROVED-OUTCOME-TEXT\n")
    result = build_with(tmp_path, {"x/2099-001.md": dilemma(body=body)})
    assert_failed_cleanly(result, "dilemmas/x/2099-001.md:13: unknown section heading 'Panel outcom' "
                                  "(did you mean 'Panel outcome'?)")


def test_previous_site_is_not_touched_by_a_failed_build(tmp_path):
    root = make_site(tmp_path)
    first = build(root)
    assert first.ok, first.output
    (root / "dilemmas" / "broken.md").write_text("---\ntype: dilemma\n---\n", encoding="utf-8")
    second = build(root, site_dir=first.site_dir)
    assert second.returncode != 0
    assert (first.site_dir / "dilemmas" / "2023-001" / "index.html").exists()


def test_a_broken_theme_taxonomy_stops_the_build_with_its_file_and_line(tmp_path):
    import re

    root = make_site(tmp_path)
    themes = root / "config" / "themes.yml"
    themes.write_text(re.sub(r"^(\s*)name:", r"\1nmae:", themes.read_text(encoding="utf-8"), count=1,
                             flags=re.M), encoding="utf-8")
    result = build(root)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert re.search(r"config/themes\.yml:\d+: theme '[a-z-]+': unknown key 'nmae'", result.output)
