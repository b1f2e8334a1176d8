"""Each record's history from git: first published, outcome added, last
updated, each dated and linked to the change; nothing outside a full clone."""
import datetime as dt
import subprocess
import time

import pytest

from gitkit import Repo, dilemma, meeting
from portal import history
from portal.history import FIRST_PUBLISHED, LAST_UPDATED, OUTCOME_ADDED, RESPONSE_ADDED, load_history

REPO_URL = "https://github.com/your-org/ethics-panel-portal"
OUTCOME = "The panel advised that the fictional supervisor should speak to the team first."


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.fixture
def lifecycle_repo(tmp_path):
    """One record through its lifecycle, one commit a day from 1 to 7 March."""
    repo = Repo(tmp_path / "repo")
    repo.write("dilemmas/2099-01-15/meeting.md", meeting())
    path = "dilemmas/2099-01-15/2099-001.md"
    shas = {}
    repo.write(path, dilemma("2099-001", "draft"))
    shas["draft"] = repo.commit("Draft", "2099-03-01T09:00:00+00:00")
    repo.write(path, dilemma("2099-001", "for-discussion"))
    shas["published"] = repo.commit("Publish", "2099-03-02T09:00:00+00:00")
    repo.write(path, dilemma("2099-001", "for-discussion", title="A fictional dilemma about a shared work phone"))
    shas["retitled"] = repo.commit("Retitle", "2099-03-03T09:00:00+00:00")
    repo.write(path, dilemma("2099-001", "outcome-published", extra="outcome_approved: 2099-03-04\n",
                             outcome=OUTCOME))
    shas["outcome"] = repo.commit("Outcome", "2099-03-04T09:00:00+00:00")
    # Moved to another folder: its history goes with it.
    moved = "dilemmas/2099/2099-001.md"
    (repo.path / "dilemmas" / "2099").mkdir()
    repo.git("mv", path, moved)
    shas["moved"] = repo.commit("Move", "2099-03-05T09:00:00+00:00")
    repo.write(moved, dilemma("2099-001", "outcome-published", extra="outcome_approved: 2099-03-04\n",
                              outcome=OUTCOME + " It thanked the officer."))
    shas["typo"] = repo.commit("Typo", "2099-03-06T09:00:00+00:00")
    return repo, moved, shas


def test_first_published_outcome_added_and_last_updated_link_to_their_commits(lifecycle_repo):
    repo, path, shas = lifecycle_repo
    entries = load_history(repo.path, "dilemmas", REPO_URL).for_record(path)
    assert entries == [
        (FIRST_PUBLISHED, day("2099-03-02"), f"{REPO_URL}/commit/{shas['published']}"),
        (OUTCOME_ADDED, day("2099-03-04"), f"{REPO_URL}/commit/{shas['outcome']}"),
        (LAST_UPDATED, day("2099-03-06"), f"{REPO_URL}/commit/{shas['typo']}"),
    ]


def test_without_a_repository_url_the_dates_have_no_links(lifecycle_repo):
    repo, path, _ = lifecycle_repo
    entries = load_history(repo.path, repo.path / "dilemmas").for_record(path)
    assert [(label, date, url) for label, date, url in entries] == [
        (FIRST_PUBLISHED, day("2099-03-02"), ""), (OUTCOME_ADDED, day("2099-03-04"), ""),
        (LAST_UPDATED, day("2099-03-06"), ""),
    ]


def test_closing_adds_the_force_response_date_and_last_updated_is_not_repeated(tmp_path):
    repo = Repo(tmp_path / "repo")
    path = "dilemmas/2099-001.md"
    repo.write(path, dilemma("2099-001", "for-discussion"))
    published = repo.commit("Publish", "2099-05-01T09:00:00+00:00")
    closed_text = dilemma("2099-001", "closed", extra="outcome_approved: 2099-05-02\n", outcome=OUTCOME)
    repo.write(path, closed_text + "\n## Force response\n\nThe fictional force agreed.\n")
    closed = repo.commit("Close", "2099-05-09T09:00:00+00:00")
    entries = load_history(repo.path, "dilemmas").for_record(path)
    assert entries == [(FIRST_PUBLISHED, day("2099-05-01"), ""), (OUTCOME_ADDED, day("2099-05-09"), ""),
                       (RESPONSE_ADDED, day("2099-05-09"), "")]
    assert published != closed


def test_a_change_merged_from_a_branch_is_dated_when_it_reached_main(tmp_path):
    repo = Repo(tmp_path / "repo")
    path = "dilemmas/2099-001.md"
    repo.write(path, dilemma("2099-001", "draft"))
    repo.commit("Draft", "2099-06-01T09:00:00+00:00")
    repo.git("switch", "-q", "-c", "publish-2099-001")
    repo.write(path, dilemma("2099-001", "for-discussion"))
    repo.commit("Publish on a branch", "2099-06-02T09:00:00+00:00")
    repo.git("switch", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge pull request", "publish-2099-001",
             date="2099-06-10T09:00:00+00:00")
    merge = repo.git("rev-parse", "HEAD").strip()
    entries = load_history(repo.path, "dilemmas", REPO_URL).for_record(path)
    assert entries == [(FIRST_PUBLISHED, day("2099-06-10"), f"{REPO_URL}/commit/{merge}")]


def test_a_draft_has_no_public_history(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.write("dilemmas/2099-002.md", dilemma("2099-002", "draft"))
    repo.commit("Draft")
    assert load_history(repo.path, "dilemmas").for_record("dilemmas/2099-002.md") == []


def test_a_record_deleted_and_added_again_starts_a_new_history(tmp_path):
    repo = Repo(tmp_path / "repo")
    path = "dilemmas/2099-003.md"
    repo.write(path, dilemma("2099-003", "for-discussion"))
    repo.commit("Publish", "2099-01-01T09:00:00+00:00")
    (repo.path / path).unlink()
    repo.commit("Delete", "2099-01-02T09:00:00+00:00")
    repo.write(path, dilemma("2099-003", "discussed", scenario="A different fictional scenario."))
    repo.commit("Add again", "2099-01-03T09:00:00+00:00")
    assert load_history(repo.path, "dilemmas").for_record(path) == [(FIRST_PUBLISHED, day("2099-01-03"), "")]


def test_a_site_in_a_subfolder_of_the_repository(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.write("portal-site/dilemmas/2099-001.md", dilemma("2099-001"))
    repo.commit("Publish", "2099-02-01T09:00:00+00:00")
    site = repo.path / "portal-site"
    assert load_history(site, "dilemmas").for_record("dilemmas/2099-001.md") == [
        (FIRST_PUBLISHED, day("2099-02-01"), "")]


def test_outside_a_git_repository_there_is_no_history(tmp_path):
    (tmp_path / "dilemmas").mkdir()
    (tmp_path / "dilemmas" / "2099-001.md").write_text(dilemma("2099-001"))
    assert load_history(tmp_path, "dilemmas", REPO_URL).for_record("dilemmas/2099-001.md") == []


def test_a_shallow_clone_gives_no_history_rather_than_wrong_dates(lifecycle_repo, tmp_path):
    repo, path, _ = lifecycle_repo
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone)], check=True,
                   capture_output=True)
    assert load_history(clone, "dilemmas", REPO_URL).for_record(path) == []


def fast_import_history(repo: Repo, records: int, edits: int) -> None:
    """A big history in one go: all records added as drafts, then published,
    then half given an outcome, then ``edits`` commits of ten records each."""
    def record(index: int, status: str, note: str = "") -> str:
        extra = "outcome_approved: 2099-02-01\n" if status == "outcome-published" else ""
        return dilemma(f"2099-{index:04d}", status, extra=extra,
                       scenario=f"Fictional scenario number {index}. {note}".strip(),
                       outcome=OUTCOME if status == "outcome-published" else "")

    stream = []
    mark = 0

    def commit(files: dict[str, str], when: int, message: str):
        nonlocal mark
        mark += 1
        stream.append(f"commit refs/heads/main\nmark :{mark}\n"
                      f"committer Fictional Editor <editor@example.com> {when} +0000\n"
                      f"data {len(message)}\n{message}\n")
        if mark > 1:
            stream.append(f"from :{mark - 1}\n")
        for path, text in files.items():
            data = text.encode()
            stream.append(f"M 100644 inline {path}\ndata {len(data)}\n{text}\n")

    base = 4_070_908_800  # 2099-01-01
    commit({f"dilemmas/{i:04d}.md": record(i, "draft") for i in range(records)}, base, "Drafts")
    commit({f"dilemmas/{i:04d}.md": record(i, "for-discussion") for i in range(records)}, base + 86400, "Publish")
    commit({f"dilemmas/{i:04d}.md": record(i, "outcome-published") for i in range(0, records, 2)},
           base + 2 * 86400, "Outcomes")
    for n in range(edits):
        commit({f"dilemmas/{(n * 10 + k) % records:04d}.md":
                record((n * 10 + k) % records, "outcome-published" if ((n * 10 + k) % records) % 2 == 0
                       else "for-discussion", note=f"Edit {n}.") for k in range(10)},
               base + (3 + n) * 3600 * 24, f"Edit {n}")
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo.path, input="".join(stream).encode(),
                   check=True, capture_output=True)
    repo.git("reset", "-q", "--hard", "main")


def test_thousands_of_records_take_one_git_log_call_and_little_time(tmp_path, monkeypatch):
    repo = Repo(tmp_path / "repo")
    fast_import_history(repo, records=3000, edits=200)
    calls = []
    real_run = subprocess.run

    def counting_run(command, *args, **kwargs):
        calls.append(command)
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(history.subprocess, "run", counting_run)
    started = time.perf_counter()
    records_history = load_history(repo.path, "dilemmas", REPO_URL)
    entries = {i: records_history.for_record(f"dilemmas/{i:04d}.md") for i in range(3000)}
    elapsed = time.perf_counter() - started
    assert len(calls) == 2 and "log" in calls[1]  # rev-parse, then one git log
    assert len(records_history) == 3000
    assert [label for label, _, _ in entries[0]] == [FIRST_PUBLISHED, OUTCOME_ADDED, LAST_UPDATED]
    assert entries[0][0][1] == day("2099-01-02") and entries[0][1][1] == day("2099-01-03")
    assert [label for label, _, _ in entries[2999]] == [FIRST_PUBLISHED]  # never edited again
    print(f"history of 3000 records over 203 commits: {elapsed:.2f} s")
    assert elapsed < 20, f"{elapsed:.1f} s"  # measured about 1 s here; generous for a slow runner


def test_the_built_record_page_shows_the_history_with_links_to_the_changes(tmp_path):
    from sitekit import build, make_site

    site = make_site(tmp_path, real_records=False, records={"2099-01-15/meeting.md": meeting()},
                     settings={"repository_url": REPO_URL})
    repo = Repo(site)
    path = "dilemmas/2099-01-15/2099-001.md"
    repo.write(path, dilemma("2099-001", "for-discussion"))
    published = repo.commit("Publish", "2099-03-02T09:00:00+00:00")
    repo.write(path, dilemma("2099-001", "outcome-published", extra="outcome_approved: 2099-03-09\n",
                             outcome=OUTCOME))
    outcome = repo.commit("Outcome", "2099-03-10T09:00:00+00:00")

    result = build(site)
    assert result.ok, result.output
    page = result.read("dilemmas/2099-001/index.html")
    history = page.split('id="history"', 1)[1].split("</ul>", 1)[0]
    assert f'href="{REPO_URL}/commit/{published}"' in history
    assert "2 March 2099" in history
    assert f'href="{REPO_URL}/commit/{outcome}"' in history
    assert "Outcome added" in history and "10 March 2099" in history


def _table(found: history.RecordsHistory) -> dict:
    return found.state()["files"]


def test_a_build_resumes_the_history_from_the_last_one_with_the_same_result(lifecycle_repo):
    """Each step of the lifecycle read on top of the state after the step before
    gives exactly the table of one full read: moves and deletions included."""
    repo, _, shas = lifecycle_repo
    order = ["draft", "published", "retitled", "outcome", "moved", "typo"]
    previous = None
    for step in order:
        repo.git("checkout", "-q", shas[step])
        resumed = load_history(repo.path, "dilemmas", REPO_URL, previous=previous)
        assert resumed.head == shas[step]
        assert _table(resumed) == _table(load_history(repo.path, "dilemmas", REPO_URL)), step
        previous = json_round_trip(resumed.state())
    repo.git("checkout", "-q", "main")
    repo.git("rm", "-q", "dilemmas/2099/2099-001.md")
    repo.commit("Withdrawn and removed", "2099-03-07T09:00:00+00:00")
    resumed = load_history(repo.path, "dilemmas", REPO_URL, previous=previous)
    assert resumed.for_record("dilemmas/2099/2099-001.md") == []
    assert _table(resumed) == _table(load_history(repo.path, "dilemmas", REPO_URL))


def test_rewritten_history_is_read_afresh_not_resumed(lifecycle_repo):
    repo, path, shas = lifecycle_repo
    before = load_history(repo.path, "dilemmas", REPO_URL).state()
    # The last commit is replaced by another: the saved commit is off the main line.
    repo.git("reset", "-q", "--hard", shas["moved"])
    repo.write(path, dilemma("2099-001", "closed", extra="outcome_approved: 2099-03-04\nresponse_date: 2099-03-08\n",
                             outcome=OUTCOME))
    amended = repo.commit("Closed instead", "2099-03-08T09:00:00+00:00")
    resumed = load_history(repo.path, "dilemmas", REPO_URL, previous=before)
    assert _table(resumed) == _table(load_history(repo.path, "dilemmas", REPO_URL))
    assert (RESPONSE_ADDED, day("2099-03-08"), f"{REPO_URL}/commit/{amended}") in resumed.for_record(path)


def test_a_damaged_saved_history_is_ignored(lifecycle_repo):
    repo, path, _ = lifecycle_repo
    full = load_history(repo.path, "dilemmas", REPO_URL)
    for damaged in ({"head": full.head, "pathspec": full.pathspec, "files": {"x": [1]}},
                    {"head": full.head, "pathspec": full.pathspec, "files": "x"}, {"head": 7}, "x"):
        resumed = load_history(repo.path, "dilemmas", REPO_URL, previous=damaged)
        assert resumed.for_record(path) == full.for_record(path)


def json_round_trip(value):
    import json
    return json.loads(json.dumps(value))
