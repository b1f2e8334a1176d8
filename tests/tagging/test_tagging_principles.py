"""config/principles.yml: the two frameworks a dilemma can be linked to."""
import textwrap

import pytest

from portal.tagging import TaxonomyError, load_principles


def test_the_code_of_ethics_2024_has_its_three_principles():
    principles = load_principles()
    code = principles.framework("code_of_ethics")
    assert "Code of Ethics" in code.name and "2024" in code.name
    assert [p.id for p in code.principles] == ["courage", "respect-and-empathy", "public-service"]
    assert [p.name for p in code.principles] == ["Courage", "Respect and empathy", "Public service"]


def test_the_seven_nolan_principles_in_their_published_order():
    nolan = load_principles().framework("nolan")
    assert [p.id for p in nolan.principles] == [
        "selflessness", "integrity", "objectivity", "accountability", "openness", "honesty", "leadership",
    ]


def test_every_principle_has_a_plain_description():
    for framework in load_principles().frameworks:
        assert framework.description
        for principle in framework.principles:
            assert principle.description.endswith("."), principle.id
            assert len(principle.description) < 400, principle.id


def test_ids_by_framework_feed_the_validator():
    ids = load_principles().ids_by_framework
    assert set(ids) == {"code_of_ethics", "nolan"}
    assert "public-service" in ids["code_of_ethics"] and "openness" in ids["nolan"]


def test_a_broken_principles_file_lists_every_problem_with_its_line(tmp_path):
    path = tmp_path / "principles.yml"
    path.write_text(textwrap.dedent("""\
        frameworks:
          - id: nolan
            name: Nolan principles
            description: Seven principles of public life.
            principles:
              - id: honesty
                name: Honesty
              - id: honesty
                name: Honesty again
                description: Truthful.
                extra: 1
        """), encoding="utf-8")
    with pytest.raises(TaxonomyError) as caught:
        load_principles(path)
    assert caught.value.problems == [
        f"{path}:6: principle 'honesty' has no 'description'",
        f"{path}:8: principle id 'honesty' is already used on line 6",
        f"{path}:11: principle 'honesty': unknown key 'extra' (expected one of: id, name, description)",
    ]
