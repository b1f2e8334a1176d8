"""scripts/find_leak.py proves a leaked string is gone: it finds it in a
built site (however the site escaped it) and anywhere in git history, even
after the file was deleted, and finds nothing once history is rewritten and
the old objects pruned. It never prints the string."""
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import REPO

SCRIPT = REPO / "scripts" / "find_leak.py"
SECRET = "Fictional Person, 07700 900123"
GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "Test Editor", "GIT_AUTHOR_EMAIL": "editor@example.com",
           "GIT_COMMITTER_NAME": "Test Editor", "GIT_COMMITTER_EMAIL": "editor@example.com",
           "FILTER_BRANCH_SQUELCH_WARNING": "1", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(repo), *args], env=GIT_ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def find_leak(*args: str, secret: str = SECRET, stdin: bool = True) -> subprocess.CompletedProcess:
    command = [sys.executable, str(SCRIPT), *(["--stdin"] if stdin else [secret]), *args]
    result = subprocess.run(command, input=secret + "\n" if stdin else None, capture_output=True,
                            text=True, env=GIT_ENV, timeout=120)
    output = result.stdout + result.stderr
    for part in (secret, secret.replace(" ", ""), "07700 900123", "Fictional Person"):
        assert part not in output, f"the script printed the string:\n{output}"
    return result


@pytest.fixture
def repo(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "dilemmas").mkdir()
    (repo / "dilemmas" / "2099-001.md").write_text("A fictional scenario.\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "A clean record")
    return repo


def commit_secret_then_remove_it(repo: Path) -> tuple[str, str]:
    leaked = repo / "dilemmas" / "2099-002.md"
    # Wrapped over two lines, as an editor's Markdown often is.
    leaked.write_text("A scenario naming Fictional Person,\n07700 900123 by mistake.\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "Add a record")
    added = git(repo, "rev-parse", "HEAD").strip()
    leaked.write_text("A scenario naming no one.\n", encoding="utf-8")
    git(repo, "commit", "-qam", "Anonymise the record")
    return added, git(repo, "rev-parse", "HEAD").strip()


def test_a_string_removed_in_a_later_commit_is_still_found_in_history(repo):
    added, fixed = commit_secret_then_remove_it(repo)
    assert SECRET not in (repo / "dilemmas" / "2099-002.md").read_text()
    result = find_leak("--repo", str(repo), "--no-site")
    assert result.returncode == 1, result.stdout
    assert f"commit {added[:12]} adds or removes it, file dilemmas/2099-002.md" in result.stdout
    assert f"commit {fixed[:12]} adds or removes it" in result.stdout
    # As an argument too (the runbook recommends --stdin, which keeps it out of shell history).
    assert find_leak("--repo", str(repo), "--no-site", stdin=False).returncode == 1


def test_history_rewritten_and_pruned_is_clean_but_not_before_pruning(repo):
    commit_secret_then_remove_it(repo)
    # A stash holding the string as well, as a careful editor might have left.
    (repo / "dilemmas" / "2099-001.md").write_text(f"Draft: {SECRET}\n", encoding="utf-8")
    git(repo, "stash", "-q")
    assert find_leak("--repo", str(repo), "--no-site").returncode == 1

    # Rewrite every branch without the file, and drop the stash (what
    # `git filter-repo --replace-text` does in one step).
    git(repo, "filter-branch", "-f", "--index-filter",
        "git rm -q --cached --ignore-unmatch dilemmas/2099-002.md", "--prune-empty", "--", "--all")
    git(repo, "stash", "clear")
    still_there = find_leak("--repo", str(repo), "--no-site")
    assert still_there.returncode == 1, "the old objects are still in the store until pruned"
    assert "refs/original" in git(repo, "for-each-ref") or "dangling" in still_there.stdout

    git(repo, "for-each-ref", "--format=%(refname)", "refs/original/")
    for ref in git(repo, "for-each-ref", "--format=%(refname)", "refs/original/").split():
        git(repo, "update-ref", "-d", ref)
    git(repo, "reflog", "expire", "--expire=now", "--all")
    git(repo, "gc", "-q", "--prune=now")
    clean = find_leak("--repo", str(repo), "--no-site")
    assert clean.returncode == 0, clean.stdout
    assert "not found (checked" in clean.stdout
    assert "git objects" in clean.stdout


def test_a_mirror_clone_is_checked_with_every_ref(repo, tmp_path):
    """The runbook's final proof runs on a fresh `git clone --mirror`, which on
    GitHub also fetches every pull request's refs."""
    added, _ = commit_secret_then_remove_it(repo)
    git(repo, "update-ref", "refs/pull/7/head", added)
    git(repo, "reset", "-q", "--hard", "HEAD~2")
    git(repo, "reflog", "expire", "--expire=now", "--all")
    git(repo, "gc", "-q", "--prune=now")
    mirror = tmp_path / "mirror.git"
    subprocess.run(["git", "clone", "-q", "--mirror", str(repo), str(mirror)], check=True, env=GIT_ENV)
    result = find_leak("--repo", str(mirror), "--no-site")
    assert result.returncode == 1
    assert f"commit {added[:12]} adds or removes it, file dilemmas/2099-002.md" in result.stdout


def test_a_dangling_object_is_found(repo):
    blob = subprocess.run(["git", "-C", str(repo), "hash-object", "-w", "--stdin"], input=SECRET,
                          capture_output=True, text=True, env=GIT_ENV).stdout.strip()
    result = find_leak("--repo", str(repo), "--no-site")
    assert result.returncode == 1
    assert f"blob {blob[:12]}, not in any branch, tag, stash or reflog: a dangling object" in result.stdout


def test_the_string_in_a_commit_message_or_file_name_is_found_and_masked(repo):
    (repo / f"{SECRET}.md").write_text("Nothing here.\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "Add a file")
    result = find_leak("--repo", str(repo), "--no-site")
    assert result.returncode == 1
    assert "[the string].md" in result.stdout
    git(repo, "rm", "-q", f"{SECRET}.md")
    git(repo, "commit", "-qm", f"Remove the note about {SECRET}")
    result = find_leak("--repo", str(repo), "--no-site")
    assert "in its message or author details" in result.stdout


def build_fake_site(site: Path) -> None:
    """A built site as MkDocs leaves it, the string escaped the way each file escapes it."""
    (site / "dilemmas" / "2099-002").mkdir(parents=True)
    (site / "search").mkdir()
    escaped = SECRET.replace(",", "&#44;")
    (site / "dilemmas" / "2099-002" / "index.html").write_text(
        "<p>A scenario naming Fictional <mark>Person</mark>,\n07700 900123.</p>", encoding="utf-8")
    (site / "search" / "search_index.json").write_text(
        json.dumps({"docs": [{"text": SECRET.replace(" ", "\u00a0")}]}), encoding="utf-8")
    (site / "feed.xml").write_text(f"<summary>{escaped}</summary>", encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(f"<loc>{SECRET}</loc>".encode()))
    (site / "index.html").write_text("<p>Nothing to see.</p>", encoding="utf-8")


def test_a_built_site_is_searched_in_every_file(tmp_path):
    site = tmp_path / "site"
    build_fake_site(site)
    result = find_leak("--site", str(site), "--no-git")
    assert result.returncode == 1
    for place in ("site: dilemmas/2099-002/index.html", "site: search/search_index.json",
                  "site: feed.xml", "site: sitemap.xml.gz (inside the gzip file)"):
        assert place in result.stdout, result.stdout
    assert "site: index.html" not in result.stdout

    for path in list(site.rglob("*")):
        if path.is_file() and path.name != "index.html":
            path.unlink()
    (site / "dilemmas" / "2099-002" / "index.html").write_text("<p>Anonymised.</p>", encoding="utf-8")
    assert find_leak("--site", str(site), "--no-git").returncode == 0


def test_case_and_input_rules(tmp_path, repo):
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.html").write_text(SECRET.upper(), encoding="utf-8")
    assert find_leak("--site", str(site), "--no-git").returncode == 0
    assert find_leak("--site", str(site), "--no-git", "--ignore-case").returncode == 1
    too_short = find_leak("--site", str(site), "--no-git", secret="ab")
    assert too_short.returncode == 2 and "at least 3 characters" in too_short.stderr
    not_a_repo = find_leak("--site", str(site), "--repo", str(tmp_path / "nowhere"))
    assert not_a_repo.returncode == 2
