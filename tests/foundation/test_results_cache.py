"""The results cache: a rebuild reuses each unchanged record's checks and
themes, gives the same site, and never lets a change slip past the checks."""
from __future__ import annotations

import json
import re
from pathlib import Path

from sitekit import build, dilemma, make_site

CACHE = Path(".cache/portal/results.json")
SENTENCE = "A fictional sergeant lends a pool car to a neighbour for a weekend."
BODY = (f"## Scenario\n\n{SENTENCE}\n\n## Questions for the panel\n\nShould the sergeant "
        "be disciplined for misuse of force vehicles?\n")
PHONE = "07700 900461"  # an Ofcom drama number


def _reused(output: str) -> tuple[int, int]:
    match = re.search(r"results cache: ([\d,]+) of ([\d,]+) checks and taggings reused", output)
    assert match, output
    return int(match.group(1).replace(",", "")), int(match.group(2).replace(",", ""))


def _site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.suffix in (".html", ".json", ".csv", ".xml")
            and p.name != "sitemap.xml"}


def test_a_rebuild_reuses_every_result_and_builds_the_same_site(tmp_path):
    root = make_site(tmp_path, {"x/car.md": dilemma("2099-301", body=BODY)})
    cold = build(root, site_dir=tmp_path / "cold")
    assert cold.ok, cold.output
    assert _reused(cold.output)[0] == 0
    warm = build(root, site_dir=tmp_path / "warm")
    assert warm.ok, warm.output
    reused, total = _reused(warm.output)
    assert reused == total > 0
    assert _site_files(tmp_path / "cold") == _site_files(tmp_path / "warm")


def test_an_edit_after_a_warm_build_is_checked_again(tmp_path):
    root = make_site(tmp_path, {"x/car.md": dilemma("2099-302", body=BODY)})
    assert build(root).ok
    record = root / "dilemmas" / "x" / "car.md"
    record.write_text(record.read_text(encoding="utf-8").replace(
        SENTENCE, f"{SENTENCE} Call him on {PHONE}."), encoding="utf-8")
    result = build(root)
    assert not result.ok
    assert re.search(r"dilemmas/x/car\.md:11:\d+: error uk-phone", result.output), result.output
    assert PHONE not in result.output


def test_a_change_to_the_rules_sets_the_whole_cache_aside(tmp_path):
    root = make_site(tmp_path, {"x/car.md": dilemma("2099-303", body=BODY)})
    assert build(root).ok
    settings = root / "config" / "anonymise" / "settings.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\n# reviewed again\n", encoding="utf-8")
    result = build(root)
    assert result.ok, result.output
    assert _reused(result.output)[0] == 0


def test_a_damaged_cache_means_a_full_check_not_a_skipped_one(tmp_path):
    root = make_site(tmp_path, {"x/car.md": dilemma("2099-304", body=BODY.replace(SENTENCE, f"Ring {PHONE}."))})
    (root / CACHE).parent.mkdir(parents=True)
    (root / CACHE).write_text('{"format": 1, "fingerprint": "x", "stages": {"anonymise": 7', encoding="utf-8")
    result = build(root)
    assert not result.ok and "error uk-phone" in result.output
    assert json.loads((root / CACHE).read_text(encoding="utf-8"))["stages"]  # rewritten, readable


def test_the_cache_holds_results_never_record_text(tmp_path):
    root = make_site(tmp_path, {"x/car.md": dilemma("2099-305", body=BODY.replace(SENTENCE, f"Ring {PHONE}."))})
    assert not build(root).ok
    stored = (root / CACHE).read_text(encoding="utf-8")
    assert PHONE not in stored and PHONE.replace(" ", "") not in stored
    assert "0**** 9*****" in stored  # the finding, masked as the build log shows it
    assert "should the sergeant" not in stored.lower()


def test_the_cache_keeps_a_records_themes_not_the_words_that_gave_them(tmp_path):
    body = BODY.replace(SENTENCE, "A fictional sergeant posts about a Grindr date in a chat group.")
    root = make_site(tmp_path, {"x/chat.md": dilemma("2099-307", body=body)})
    assert build(root).ok
    cache = json.loads((root / CACHE).read_text(encoding="utf-8"))
    entries = list(cache["stages"]["tags"].values())
    # each entry: the themes, and which of them are a best guess
    assert all(re.fullmatch(r"[a-z][a-z-]*", theme) for lists in entries for themes in lists for theme in themes)
    assert [["social-media"], []] in entries
    stored = (root / CACHE).read_text(encoding="utf-8").lower()
    for words in ("grindr", "chat group", "sergeant"):
        assert words not in stored, words


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_CACHE", "off")
    root = make_site(tmp_path, {"x/car.md": dilemma("2099-306", body=BODY)})
    result = build(root)
    assert result.ok, result.output
    assert "results cache off" in result.output
    assert not (root / CACHE).exists()


def test_a_cache_file_committed_to_git_is_never_trusted(tmp_path):
    """A forged cache in a pull request could claim a record has no findings."""
    import os
    import subprocess

    def git(*args):
        env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
               "GIT_AUTHOR_NAME": "Fictional Editor", "GIT_AUTHOR_EMAIL": "editor@example.com",
               "GIT_COMMITTER_NAME": "Fictional Editor", "GIT_COMMITTER_EMAIL": "editor@example.com"}
        return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True).stdout

    root = make_site(tmp_path, {"x/car.md": dilemma("2099-307", body=BODY.replace(SENTENCE, f"Ring {PHONE}."))})
    assert not build(root).ok  # fills the cache with the finding
    stored = json.loads((root / CACHE).read_text(encoding="utf-8"))
    for entries in stored["stages"].values():
        for key in entries:
            entries[key] = [] if isinstance(entries[key], list) else entries[key]  # "no findings"
    (root / CACHE).write_text(json.dumps(stored), encoding="utf-8")
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("add", "-f", CACHE.as_posix())
    git("commit", "-q", "-m", "A change that smuggles in a cache")
    assert git("ls-files", CACHE.as_posix()).strip()
    result = build(root)
    assert not result.ok
    assert "error uk-phone" in result.output
    assert ".cache/portal/results.json:1: warning: the results cache is committed" in result.output
