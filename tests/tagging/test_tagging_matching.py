"""How the tagger reads text: matching rules, scoring, evidence and editor choices.

These tests use a small taxonomy of their own, so they describe the engine,
not the vocabulary shipped in config/themes.yml.
"""

import pytest
from hypothesis import given, settings, strategies as st

from portal.tagging import Evidence, load_taxonomy, tag_record

SMALL_TAXONOMY = """\
threshold: 2
themes:
  - id: social-media
    name: Social media
    description: Posts and messages on social media.
    signals:
      - {term: WhatsApp, weight: 2}
      - {term: social media, weight: 2}
      - online
      - post
  - id: stop-and-search
    name: Stop and search
    description: Searching people in the street.
    signals:
      - {term: stop and search, weight: 2}
      - {term: body-worn camera, weight: 2}
      - {term: child, weight: 1}
      - grounds
  - id: custody
    name: Custody
    description: People held in police cells.
    signals:
      - {term: cell, weight: 2}
      - {term: detain*, weight: 1}
      - {pattern: 's\\.? ?136\\b', weight: 2}
      - {term: PACE, weight: 2, match_case: true}
  - id: missing-people
    name: Missing people
    description: People reported missing.
    signals:
      - {term: missing person, weight: 2}
      - {term: officer, weight: 1}
      - {term: runaway, weight: 1}
"""


@pytest.fixture
def taxonomy(tmp_path):
    path = tmp_path / "themes.yml"
    path.write_text(SMALL_TAXONOMY, encoding="utf-8")
    return load_taxonomy(path)


def themes_of(taxonomy, body, title="", summary=""):
    return tag_record(taxonomy, title=title, summary=summary, body=body).themes


def test_matching_ignores_case(taxonomy):
    assert themes_of(taxonomy, "They talked on WHATSAPP all night.") == ["social-media"]
    assert themes_of(taxonomy, "a whatsapp group") == ["social-media"]


def test_terms_match_whole_words_only(taxonomy):
    assert themes_of(taxonomy, "The wine cellar was excellent and cellular.") == []


def test_plurals_and_verb_forms_match(taxonomy):
    assert themes_of(taxonomy, "Two boys were stopped and searched.") == ["stop-and-search"]
    assert themes_of(taxonomy, "She stops and searches people.") == ["stop-and-search"]
    assert themes_of(taxonomy, "He was taken to the cells.") == ["custody"]
    assert themes_of(taxonomy, "Officers wore body worn cameras.") == ["stop-and-search"]


def test_irregular_plurals_match(taxonomy):
    result = tag_record(taxonomy, title="", summary="", body="Three children were searched on grounds of suspicion.")
    assert result.themes == ["stop-and-search"]
    assert [e.term for e in result.evidence["stop-and-search"]] == ["children", "grounds"]


def test_possessives_match(taxonomy):
    assert themes_of(taxonomy, "The cell's door was open.") == ["custody"]


def test_phrases_match_across_line_wraps_hyphens_and_extra_spaces(taxonomy):
    body = "Officers used a stop\n   and\tsearch power, then a stop-and-search."
    result = tag_record(taxonomy, title="", summary="", body=body)
    assert result.themes == ["stop-and-search"]
    assert result.evidence["stop-and-search"][0].term == "stop and search"


def test_phrases_do_not_match_across_sentences(taxonomy):
    assert themes_of(taxonomy, "Nobody could stop. And search they did not.") == []
    assert themes_of(taxonomy, "She was missing. Person after person called.") == []


def test_a_trailing_star_matches_any_ending(taxonomy):
    result = tag_record(taxonomy, title="", summary="", body="He was detained in a cell.")
    assert [e.term for e in result.evidence["custody"]] == ["detained", "cell"]
    result = tag_record(taxonomy, title="", summary="", body="Detainees in a cell.")
    assert [e.term for e in result.evidence["custody"]] == ["Detainees", "cell"]


def test_patterns_are_regular_expressions(taxonomy):
    assert themes_of(taxonomy, "He was detained under s.136 by officers.") == ["custody"]
    assert themes_of(taxonomy, "Detained under S 136.") == ["custody"]


def test_match_case_terms_only_match_as_written(taxonomy):
    assert themes_of(taxonomy, "Rights under PACE were read.") == ["custody"]
    assert themes_of(taxonomy, "They walked at a steady pace.") == []


def test_one_weak_word_does_not_tag_even_when_repeated(taxonomy):
    assert themes_of(taxonomy, "online online online. Online again.") == []


def test_two_different_weak_words_reach_the_threshold(taxonomy):
    assert themes_of(taxonomy, "She read the post online.") == ["social-media"]


def test_themes_come_in_taxonomy_order(taxonomy):
    body = "A missing person was held in a cell after a WhatsApp message."
    assert themes_of(taxonomy, body) == ["social-media", "custody", "missing-people"]


def test_evidence_says_which_term_was_found_where(taxonomy):
    result = tag_record(
        taxonomy,
        title="A WhatsApp group",
        summary="Messages posted online.",
        body="First line.\nSecond line mentions social\nmedia across a wrap.",
        body_first_line=10,
    )
    assert result.evidence["social-media"] == [
        Evidence("social-media", "WhatsApp", "title"),
        Evidence("social-media", "posted", "summary"),
        Evidence("social-media", "online", "summary"),
        Evidence("social-media", "social media", "body", line=11),
    ]


def test_each_signal_is_quoted_once_per_place(taxonomy):
    result = tag_record(taxonomy, title="", summary="", body="WhatsApp, WhatsApp and WhatsApp.")
    assert result.evidence["social-media"] == [Evidence("social-media", "WhatsApp", "body", line=1)]


def test_editor_themes_are_kept_without_any_evidence_in_the_text(taxonomy):
    result = tag_record(taxonomy, title="", summary="", body="Nothing relevant here.",
                        editor_themes=["custody"])
    assert result.themes == ["custody"]
    assert result.editor == ["custody"]
    assert result.automatic == []
    assert result.evidence["custody"] == [Evidence("custody", "themes", "front matter")]


def test_automatic_lists_only_what_the_tagger_added(taxonomy):
    result = tag_record(taxonomy, title="", summary="", body="A WhatsApp message about a cell.",
                        editor_themes=["custody", "missing-people"])
    assert result.themes == ["social-media", "custody", "missing-people"]
    assert result.automatic == ["social-media"]
    assert result.editor == ["custody", "missing-people"]
    # Terms found for an editor's theme are shown too, after the editor's choice.
    assert result.evidence["custody"] == [Evidence("custody", "themes", "front matter"),
                                          Evidence("custody", "cell", "body", line=1)]


def test_a_rejected_theme_is_never_added(taxonomy):
    result = tag_record(taxonomy, title="WhatsApp", summary="social media", body="WhatsApp online post",
                        rejected_themes=["social-media"])
    assert result.themes == []
    assert result.rejected == ["social-media"]
    assert "social-media" not in result.evidence
    # The evidence that was overruled stays available for an explanation.
    assert result.overruled["social-media"]


def test_rejecting_a_theme_the_tagger_did_not_find_is_harmless(taxonomy):
    result = tag_record(taxonomy, title="", summary="", body="A WhatsApp post.", rejected_themes=["custody"])
    assert result.themes == ["social-media"]
    assert result.rejected == ["custody"]
    assert result.overruled == {}


def test_editor_order_does_not_change_theme_order(taxonomy):
    result = tag_record(taxonomy, title="", summary="", body="",
                        editor_themes=["missing-people", "social-media"])
    assert result.themes == ["social-media", "missing-people"]


def test_unknown_editor_themes_are_kept_last_for_the_validator_to_report(taxonomy):
    result = tag_record(taxonomy, title="", summary="", body="", editor_themes=["no-such-theme", "custody"])
    assert result.themes == ["custody", "no-such-theme"]
    assert "no-such-theme" not in taxonomy.ids


def test_taxonomy_exposes_ids_in_order(taxonomy):
    assert taxonomy.ids == ("social-media", "stop-and-search", "custody", "missing-people")
    assert taxonomy["custody"].name == "Custody"


@settings(max_examples=200, deadline=None)
@given(title=st.text(max_size=80), body=st.text(max_size=600))
def test_any_text_is_tagged_without_error_and_the_same_way_twice(tmp_path_factory, title, body):
    path = tmp_path_factory.mktemp("taxonomy") / "themes.yml"
    path.write_text(SMALL_TAXONOMY, encoding="utf-8")
    taxonomy = load_taxonomy(path)
    first = tag_record(taxonomy, title=title, summary="", body=body)
    second = tag_record(taxonomy, title=title, summary="", body=body)
    assert first == second
    assert first.themes == [t for t in taxonomy.ids if t in first.themes]
    for theme in first.themes:
        assert all(e.where in {"title", "body"} for e in first.evidence[theme])


FALLBACK_TAXONOMY = """\
threshold: 2
fallback_threshold: 1.5
themes:
  - id: custody
    name: Custody
    description: People held in police cells.
    signals:
      - {term: cell, weight: 1.5}
      - {term: detainee, weight: 2}
      - {term: overnight, weight: 0.5}
  - id: wellbeing
    name: Wellbeing
    description: Health of the workforce.
    signals:
      - {term: stress, weight: 1}
      - {term: tired, weight: 0.5}
"""


@pytest.fixture
def fallback_taxonomy(tmp_path):
    path = tmp_path / "themes.yml"
    path.write_text(FALLBACK_TAXONOMY, encoding="utf-8")
    return load_taxonomy(path)


def test_a_record_below_every_threshold_gets_its_best_theme_as_a_marked_guess(fallback_taxonomy):
    # One supporting word and a hint: below the threshold (2), at the fallback (1.5).
    result = tag_record(fallback_taxonomy, title="", summary="", body="Stress; everyone is tired.")
    assert result.themes == ["wellbeing"]
    assert result.fallback == ["wellbeing"]
    assert result.evidence["wellbeing"] == [Evidence("wellbeing", "Stress", "body", line=1),
                                            Evidence("wellbeing", "tired", "body", line=1)]


def test_one_word_alone_in_the_text_is_never_a_best_guess(fallback_taxonomy):
    assert tag_record(fallback_taxonomy, title="", summary="", body="Stress.").themes == []
    # Even a 1.5-weight word, which reaches the fallback threshold by itself.
    assert tag_record(fallback_taxonomy, title="", summary="", body="Hours in a cell.").themes == []
    assert tag_record(fallback_taxonomy, title="", summary="Hours in a cell.", body="").themes == []


def test_one_word_in_the_title_can_be_a_best_guess(fallback_taxonomy):
    # A title is the editor's own summary of the dilemma.
    result = tag_record(fallback_taxonomy, title="A night in a cell", summary="", body="Nothing more.")
    assert result.themes == ["custody"] and result.fallback == ["custody"]
    assert result.evidence["custody"] == [Evidence("custody", "cell", "title")]


def test_the_fallback_is_not_used_when_a_theme_passes_or_an_editor_chose(fallback_taxonomy):
    result = tag_record(fallback_taxonomy, title="", summary="", body="A detainee was tired and stressed.")
    assert result.themes == ["custody"] and result.fallback == []
    result = tag_record(fallback_taxonomy, title="", summary="", body="Stressed and tired.",
                        editor_themes=["custody"])
    assert result.themes == ["custody"] and result.fallback == []


def test_a_rejected_theme_is_never_the_fallback(fallback_taxonomy):
    result = tag_record(fallback_taxonomy, title="", summary="", body="A cell; stress; tired.",
                        rejected_themes=["custody"])
    assert result.themes == ["wellbeing"]


def test_the_fallback_can_be_switched_off(tmp_path):
    path = tmp_path / "themes.yml"
    path.write_text(FALLBACK_TAXONOMY.replace("fallback_threshold: 1.5", "fallback_threshold: 0"), encoding="utf-8")
    assert tag_record(load_taxonomy(path), title="", summary="", body="In a cell.").themes == []


CHOICES_TAXONOMY = """\
themes:
  - id: speaking-up
    name: Speaking up
    description: Raising concerns.
    signals:
      - {term: 'raise ~ concern', weight: 2}
      - {term: 'tell|inform the sergeant|inspector', weight: 2}
  - id: custody
    name: Custody
    description: People held in police cells.
    signals:
      - {term: custody suite, weight: 2}
      - {term: custody, weight: 1}
      - {term: detain*, weight: 1}
      - {term: detainee, weight: 1}
      - {term: communicat*, weight: 1}
      - {term: communications log, weight: 1}
"""


@pytest.fixture
def choices(tmp_path):
    path = tmp_path / "themes.yml"
    path.write_text(CHOICES_TAXONOMY, encoding="utf-8")
    return load_taxonomy(path)


def test_a_tilde_allows_a_few_words_between(choices):
    assert themes_of(choices, "She raised serious concerns.") == ["speaking-up"]
    assert themes_of(choices, "He raised them with her, all his many concerns.") == []


def test_a_bar_offers_choices_for_one_word(choices):
    assert themes_of(choices, "They informed the inspector.") == ["speaking-up"]
    assert themes_of(choices, "They told the sergeant.") == ["speaking-up"]
    assert themes_of(choices, "They told the caretaker.") == []


def test_a_word_inside_a_longer_signal_counts_only_once(choices):
    # "custody" inside "custody suite" adds nothing; found elsewhere, it counts.
    assert tag_record(choices, title="", summary="", body="The custody suite.").scores["custody"] == 2
    assert tag_record(choices, title="", summary="", body="The custody suite. Custody.").scores["custody"] == 3
    # A word matching two one-word signals counts for the heavier only.
    assert tag_record(choices, title="", summary="", body="A detainee.").scores["custody"] == 1
    # A wildcard inside a phrase is covered too.
    assert tag_record(choices, title="", summary="", body="The communications log.").scores["custody"] == 1
