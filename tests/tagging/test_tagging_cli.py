"""scripts/tag.py: tag records or any Markdown files from the command line."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "scripts" / "tag.py"

RECORD = """\
---
id: 2023-001
title: Helping a parent message a missing teenager
summary: A mum asks an officer what to write to her son on WhatsApp.
themes: [victims-and-families]
rejected_themes: [public-communications]
---

An officer attends a report of a missing person, a teenager. The young person
is online on WhatsApp and reading messages from their mum.
"""


def run(*args, cwd=REPO_ROOT):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


@pytest.fixture
def records(tmp_path):
    folder = tmp_path / "dilemmas"
    (folder / "2023").mkdir(parents=True)
    (folder / "2023" / "001.md").write_text(RECORD, encoding="utf-8")
    (folder / "notes.md").write_text("# Shopping list\n\nEggs, milk and bread.\n", encoding="utf-8")
    (folder / "ignored.txt").write_text("WhatsApp WhatsApp", encoding="utf-8")
    return folder


def test_json_lists_themes_and_evidence_for_each_markdown_file_in_a_folder(records):
    result = run("--format", "json", records)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert [Path(item["path"]).name for item in output] == ["001.md", "notes.md"]
    record = output[0]
    assert record["themes"] == ["social-media", "vulnerability", "victims-and-families"]
    assert {"term": "themes", "where": "front matter"} in [
        {k: e[k] for k in ("term", "where")} for e in record["evidence"]["victims-and-families"]]
    found = {(e["term"], e["where"]) for e in record["evidence"]["social-media"]}
    assert ("WhatsApp", "summary") in found and ("WhatsApp", "body") in found
    assert output[1]["themes"] == []


def test_evidence_lines_refer_to_lines_of_the_file(records):
    output = json.loads(run("--format", "json", records / "2023" / "001.md").stdout)
    body_hits = [e for e in output[0]["evidence"]["vulnerability"] if e["where"] == "body"]
    assert body_hits[0]["line"] == 9  # "missing person" is on line 9 of the file


def test_a_file_with_no_theme_gets_a_warning(records):
    result = run(records / "notes.md")
    assert result.returncode == 0
    assert "notes.md" in result.stderr and "no theme" in result.stderr


def test_text_output_has_one_line_per_file(records):
    result = run(records / "2023" / "001.md")
    assert result.returncode == 0
    assert result.stdout.strip().endswith("001.md: social-media, vulnerability, victims-and-families")


def test_explain_says_why_each_theme_was_given_and_what_was_rejected(records):
    result = run("--explain", records / "2023" / "001.md")
    assert result.returncode == 0
    text = result.stdout
    assert "victims-and-families" in text and "listed by an editor" in text
    assert '"WhatsApp" (summary)' in text
    assert '"missing person" (body, line 9)' in text
    assert "public-communications" in text and "rejected by an editor" in text


def test_front_matter_is_optional(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Taser use at a school\n\nAn officer drew a Taser in a playground.\n", encoding="utf-8")
    output = json.loads(run("--format", "json", page).stdout)
    assert output[0]["themes"] == ["use-of-force"]
    assert output[0]["evidence"]["use-of-force"][0]["where"] == "title"


def test_broken_front_matter_is_read_as_body_and_reported(tmp_path):
    page = tmp_path / "broken.md"
    page.write_text("---\ntitle: [unclosed\n---\nOfficers used a Taser and handcuffs.\n", encoding="utf-8")
    result = run("--format", "json", page)
    assert result.returncode == 0
    assert "broken.md" in result.stderr and "front matter" in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)[0]["themes"] == ["use-of-force"]


def test_a_missing_path_is_a_usage_error_without_traceback(tmp_path):
    result = run(tmp_path / "nowhere.md")
    assert result.returncode == 2
    assert "nowhere.md" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_no_paths_is_a_usage_error():
    result = run()
    assert result.returncode == 2
    assert "usage" in result.stderr


def test_an_unreadable_file_is_reported_with_exit_code_2(tmp_path):
    page = tmp_path / "binary.md"
    page.write_bytes(b"\x00\x01\x02")
    result = run(page)
    assert result.returncode == 2
    assert "binary.md" in result.stderr and "Traceback" not in result.stderr


def test_a_broken_taxonomy_stops_with_its_problems(tmp_path):
    taxonomy = tmp_path / "themes.yml"
    taxonomy.write_text("themes:\n  - id: Bad Id\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text("Text.\n", encoding="utf-8")
    result = run("--taxonomy", taxonomy, page)
    assert result.returncode == 2
    assert f"{taxonomy}:2:" in result.stderr and "Traceback" not in result.stderr


def test_it_runs_from_the_repository_root_as_documented(records):
    result = subprocess.run([sys.executable, "scripts/tag.py", str(records)], cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
