"""scripts/check.py, run as editors and CI run it: a subprocess from the repository root."""
import json
import subprocess
import sys

import pytest
from anonkit import REPO_ROOT

CLEAN = "---\ntype: dilemma\nid: 2023-001\n---\nAn officer attends a report of a missing teenager.\n"
PERSONAL = "---\nid: 2023-002\n---\nHer son, Tom, rang 07700 900123.\n"
WARNING_ONLY = "A girl aged 15 was approached.\n"


def run(*args, stdin=None, env=None):
    return subprocess.run([sys.executable, "scripts/check.py", *map(str, args)], cwd=REPO_ROOT,
                          input=stdin, capture_output=True, text=True, env=env, timeout=120, check=False)


@pytest.fixture
def records(tmp_path):
    folder = tmp_path / "dilemmas"
    (folder / "2023").mkdir(parents=True)
    (folder / "2023" / "clean.md").write_text(CLEAN)
    (folder / "2023" / "personal.md").write_text(PERSONAL)
    (folder / "warning.md").write_text(WARNING_ONLY)
    return folder


def test_clean_record_exits_0_with_a_summary(records):
    result = run(records / "2023" / "clean.md")
    assert result.returncode == 0
    assert result.stdout == "0 errors, 0 warnings, 0 accepted in 1 file\n"


def test_personal_data_exits_1_and_is_masked(records):
    result = run(records / "2023" / "personal.md")
    assert result.returncode == 1
    assert "personal.md:4:10: error person-name" in result.stdout
    assert "[0**** 9*****]" in result.stdout
    assert "07700 900123" not in result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "2 errors, 0 warnings, 0 accepted in 1 file"


def test_folder_is_searched_recursively(records):
    result = run(records)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "2 errors, 1 warning, 0 accepted in 3 files"


def test_warnings_fail_only_with_strict(records):
    assert run(records / "warning.md").returncode == 0
    assert run("--strict", records / "warning.md").returncode == 1


def test_standard_input(records):
    assert run("-", stdin=CLEAN).returncode == 0
    result = run("-", stdin=PERSONAL)
    assert result.returncode == 1 and result.stdout.startswith("-:4:10: error person-name")


def test_json_format(records):
    result = run("--format", "json", records / "2023" / "personal.md")
    data = json.loads(result.stdout)
    assert [item["rule"] for item in data] == ["person-name", "uk-phone"]
    assert {"path", "line", "column", "rule", "severity", "message"} <= set(data[0])


def test_github_format_and_step_summary(records, tmp_path):
    import os

    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    result = run("--format", "github", records / "2023" / "personal.md", env=env)
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=")
    assert "| person-name |" in summary.read_text()


@pytest.mark.parametrize("args", [
    ["--format", "xml", "x.md"],
    [],
    ["--no-such-option", "x.md"],
])
def test_usage_errors_exit_2_without_a_traceback(args):
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "usage:" in result.stderr


def test_missing_path_exits_2(tmp_path):
    result = run(tmp_path / "nowhere.md")
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr and "Traceback" not in result.stderr


def test_file_that_is_not_utf8_exits_2(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"caf\xe9 \xff\xfe")
    result = run(bad)
    assert result.returncode == 2
    assert "not UTF-8" in result.stderr and "Traceback" not in result.stderr


def test_another_config_folder_can_be_used(tmp_path, rules):
    from shutil import copytree

    config = copytree(rules.config_dir, tmp_path / "config")
    record = tmp_path / "r.md"
    record.write_text("Officers visited Tennyson Crescent in Oakthorpe.\n")
    assert run("--strict", record).returncode == 1
    with open(config / "allow_terms.yml", "a") as handle:
        handle.write("  - {term: Tennyson Crescent, reason: a main road in our area}\n")
    assert run("--strict", "--config", config, record).returncode == 0


def test_broken_config_exits_2(tmp_path, rules):
    from shutil import copytree

    config = copytree(rules.config_dir, tmp_path / "config")
    with open(config / "places.yml", "a") as handle:
        handle.write("  - {term: Somewhere}\n")
    result = run("--config", config, "-", stdin=CLEAN)
    assert result.returncode == 2 and "needs a 'reason'" in result.stderr
