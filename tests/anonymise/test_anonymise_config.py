"""The allowlists are data files that reviewers read: each entry must say why."""
from pathlib import Path

import pytest
import yaml

from portal.anonymise import RulesError, load_rules
from portal.anonymise.rules import DEFAULT_CONFIG_DIR

LISTS = [("allow_terms.yml", "terms", "term"), ("places.yml", "places", "term"),
         ("ordinary_words.yml", "words", "word"), ("record_fields.yml", "fields", "field"),
         ("extra_names.yml", "first_names", "name"), ("extra_names.yml", "surnames", "name")]


@pytest.mark.parametrize("file_name, key, value", LISTS)
def test_every_entry_has_a_reason(file_name, key, value):
    entries = yaml.safe_load((DEFAULT_CONFIG_DIR / file_name).read_text(encoding="utf-8"))[key]
    assert entries
    for entry in entries:
        assert str(entry[value]).strip() and str(entry["reason"]).strip(), entry


@pytest.mark.parametrize("file_name", ["first_names.txt", "surnames.txt", "frequent_surnames.txt",
                                       "english_words.txt"])
def test_generated_lists_state_their_source_and_licence(file_name):
    header = "".join(line for line in (DEFAULT_CONFIG_DIR / file_name).open(encoding="utf-8")
                     if line.startswith("#"))
    assert "build_gazetteers.py" in header
    assert any(word in header for word in ("public domain", "MIT", "Permission to use"))


def test_entry_without_reason_is_refused(tmp_path):
    from shutil import copytree

    config = copytree(DEFAULT_CONFIG_DIR, tmp_path / "config")
    (config / "allow_terms.yml").write_text("terms:\n  - {term: Somewhere}\n")
    with pytest.raises(RulesError, match="needs a 'reason'"):
        load_rules(config)


def test_missing_folder_is_refused(tmp_path):
    with pytest.raises(RulesError):
        load_rules(tmp_path / "nowhere")


def test_another_force_adds_its_places_without_code(tmp_path):
    from shutil import copytree

    from anonkit import errors

    config = copytree(DEFAULT_CONFIG_DIR, tmp_path / "config")
    text = "A meeting was held in Stanley Moss."
    assert errors(text, load_rules(config)) == [("person-name", "Stanley Moss")]
    with open(config / "places.yml", "a", encoding="utf-8") as handle:
        handle.write("  - {term: Stanley Moss, reason: town in our force area}\n")
    assert errors(text, load_rules(config)) == []


def test_rules_are_reloaded_when_a_file_changes(tmp_path):
    import os
    from shutil import copytree

    config = copytree(DEFAULT_CONFIG_DIR, tmp_path / "config")
    first = load_rules(config)
    assert load_rules(config) is first
    places = Path(config / "places.yml")
    places.write_text(places.read_text() + "  - {term: Oakthorpe, reason: village}\n")
    os.utime(places, ns=(places.stat().st_mtime_ns + 10**9,) * 2)
    assert load_rules(config) is not first
