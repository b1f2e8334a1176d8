"""config/themes.yml: the shipped taxonomy, and how a broken one is reported.

A broken taxonomy must stop the build with every problem listed as
``path:line: message``, so a reviewer can fix them all in one go.
"""
import re
import textwrap

import pytest

from portal.tagging import TaxonomyError, load_taxonomy

VALID_THEME = """\
  - id: custody
    name: Custody
    description: People held in police cells.
    signals:
      - {term: custody suite, weight: 2}
"""


def write(tmp_path, text):
    path = tmp_path / "themes.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(path):
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(path)
    return caught.value.problems


def test_the_shipped_taxonomy_loads_and_covers_what_panels_discuss():
    taxonomy = load_taxonomy()
    assert 12 <= len(taxonomy.themes) <= 20
    for theme in taxonomy.themes:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", theme.id)
        assert theme.name and theme.description.endswith(".")
        # Rich vocabularies, not a handful of keywords.
        assert len(theme.signals) >= 15, theme.id
    names = " ".join(t.name.lower() for t in taxonomy.themes)
    for topic in ("social media", "use of force", "stop and search", "custody", "protest",
                  "privacy", "victims", "wellbeing", "surveillance"):
        assert topic in names


def test_the_shipped_taxonomy_explains_its_format_to_reviewers():
    text = load_taxonomy().path.read_text(encoding="utf-8")
    header = text.split("\nthemes:")[0]
    for word in ("signals", "weight", "threshold", "pattern"):
        assert word in header


def test_a_valid_file_loads(tmp_path):
    taxonomy = load_taxonomy(write(tmp_path, "themes:\n" + VALID_THEME))
    assert taxonomy.ids == ("custody",)
    assert taxonomy.threshold == 2


def test_a_missing_file_is_reported(tmp_path):
    problems = problems_of(tmp_path / "nope.yml")
    assert len(problems) == 1 and problems[0].startswith(f"{tmp_path / 'nope.yml'}:1: ")


def test_yaml_syntax_errors_give_the_line(tmp_path):
    path = write(tmp_path, """\
        themes:
          - id: custody
            name: [unclosed
        """)
    problems = problems_of(path)
    assert len(problems) == 1
    assert re.match(rf"{re.escape(str(path))}:[34]: ", problems[0])


def test_every_problem_is_listed_with_its_line(tmp_path):
    path = write(tmp_path, """\
        themes:
          - id: custody
            name: Custody
            description: People held in police cells.
            colour: blue
            signals:
              - {pattern: '(unclosed', weight: 2}
              - {term: cell, weight: -1}
              - {term: cell, pattern: cells}
          - id: Custody Suite
            description: No name here.
            signals: [cell]
          - id: custody
            name: Custody again
            signals: []
        """)
    problems = problems_of(path)
    p = str(path)
    expected = [
        f"{p}:5: theme 'custody': unknown key 'colour'",
        f"{p}:7: theme 'custody': signal has a bad pattern",
        f"{p}:8: theme 'custody': signal 'weight' must be a number above 0",
        f"{p}:9: theme 'custody': a signal has either 'term' or 'pattern', not both",
        f"{p}:10: theme id 'Custody Suite' must be lower-case words joined by hyphens",
        f"{p}:10: theme 'Custody Suite' has no 'name'",
        f"{p}:13: theme 'custody' has no 'description'",
        f"{p}:13: theme id 'custody' is already used on line 2",
        f"{p}:15: theme 'custody': 'signals' must list at least one term or pattern",
    ]
    for message in expected:
        assert any(problem.startswith(message) for problem in problems), (message, problems)
    assert len(problems) == len(expected)
    # The exception's text shows them all, for the build log.
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(path)
    assert all(problem in str(caught.value) for problem in problems)


def test_unknown_top_level_keys_and_duplicate_keys_are_reported(tmp_path):
    path = write(tmp_path, """\
        threshold: 2
        treshold: 3
        themes:
          - id: custody
            name: Custody
            name: Custody twice
            description: People held in police cells.
            signals: [cell]
        """)
    problems = problems_of(path)
    assert problems == [
        f"{path}:2: unknown key 'treshold' (expected one of: threshold, fallback_threshold, title_weight, themes)",
        f"{path}:6: 'name' is given twice (first on line 5)",
    ]


def test_a_pattern_that_matches_nothing_at_all_is_refused(tmp_path):
    path = write(tmp_path, """\
        themes:
          - id: custody
            name: Custody
            description: People held in police cells.
            signals:
              - {pattern: 'x*', weight: 2}
        """)
    assert problems_of(path) == [
        f"{path}:6: theme 'custody': pattern 'x*' matches empty text, so it would match everywhere"
    ]


def test_a_signal_with_no_words_is_refused(tmp_path):
    path = write(tmp_path, """\
        themes:
          - id: custody
            name: Custody
            description: People held in police cells.
            signals:
              - '...'
              - cell
        """)
    assert problems_of(path) == [f"{path}:6: theme 'custody': term '...' has no words to match"]


def test_the_threshold_must_be_positive(tmp_path):
    path = write(tmp_path, "threshold: 0\nthemes:\n" + VALID_THEME)
    assert problems_of(path) == [f"{path}:1: 'threshold' must be a number above 0"]


def test_a_theme_can_set_its_own_threshold(tmp_path):
    text = "themes:\n" + VALID_THEME + "    threshold: 4\n"
    taxonomy = load_taxonomy(write(tmp_path, text))
    assert taxonomy["custody"].threshold == 4


def test_an_empty_file_is_reported(tmp_path):
    path = write(tmp_path, "# only a comment\n")
    assert problems_of(path) == [f"{path}:1: the file must have a 'themes:' list"]


def test_a_term_yaml_reads_as_yes_or_no_gets_a_helpful_message(tmp_path):
    path = write(tmp_path, """\
        themes:
          - id: public-communications
            name: Public communications
            description: Telling the public.
            signals:
              - {term: false, weight: 0.5}
              - no
        """)
    assert problems_of(path) == [
        f"{path}:6: theme 'public-communications': YAML reads the term false as yes/no; "
        "put it in quotes: term: 'false'",
        f"{path}:7: theme 'public-communications': YAML reads the term no as yes/no; put it in quotes: 'no'",
    ]


@pytest.mark.parametrize("term, problem", [
    ("'~ concern'", "'~' must stand between two words"),
    ("'raise ~'", "'~' must stand between two words"),
    ("'tell||inform'", "has an empty choice"),
    ("'tell|body-worn'", "choices separated by '|' must be single words"),
    ("'de*tain'", "'*' may only come at the end of a word"),
    ("'ab*'", "needs at least 3 letters before '*'"),
])
def test_a_badly_written_term_is_explained(tmp_path, term, problem):
    path = write(tmp_path, f"""\
        themes:
          - id: custody
            name: Custody
            description: People held in police cells.
            signals:
              - {{term: {term}, weight: 2}}
        """)
    problems = problems_of(path)
    assert len(problems) == 1 and problems[0].startswith(f"{path}:6: theme 'custody': term ")
    assert problem in problems[0]


def test_a_match_case_term_cannot_use_a_wildcard(tmp_path):
    path = write(tmp_path, """\
        themes:
          - id: custody
            name: Custody
            description: People held in police cells.
            signals:
              - {term: PAC*, match_case: true}
        """)
    assert problems_of(path) == [f"{path}:6: theme 'custody': term 'PAC*': a match_case term cannot use '*'"]


def test_a_signal_listed_twice_in_a_theme_is_reported(tmp_path):
    path = write(tmp_path, """\
        themes:
          - id: custody
            name: Custody
            description: People held in police cells.
            signals:
              - cell
              - {term: detainee, weight: 2}
              - {term: Cell, weight: 2}
        """)
    assert problems_of(path) == [f"{path}:8: theme 'custody': term 'Cell' is already listed on line 6"]
