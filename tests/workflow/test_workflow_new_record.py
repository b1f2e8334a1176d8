"""scripts/new.py starts a draft dilemma with the next free id for its
meeting's year, never reusing an id, never overwriting a file."""
import subprocess
import sys
from pathlib import Path

from gitkit import Repo, dilemma, git_env, meeting

ROOT = Path(__file__).resolve().parents[2]
NEW = ROOT / "scripts" / "new.py"
VALIDATE = ROOT / "scripts" / "validate.py"


def new(cwd: Path, *args: str):
    return subprocess.run([sys.executable, str(NEW), *args], cwd=cwd, capture_output=True, text=True,
                          env=git_env())


def records_folder(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "dilemmas"
    for relative, text in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text)
    folder.mkdir(exist_ok=True)
    return folder


def test_a_new_draft_gets_the_next_id_after_drafts_and_withdrawn_records(tmp_path):
    records_folder(tmp_path, {
        "2099-01-15/meeting.md": meeting(),
        "2099-01-15/2099-001.md": dilemma("2099-001"),
        "2099-01-15/2099-003.md": dilemma("2099-003", "withdrawn", extra="status_reason: Submitted twice.\n"),
        "2099-01-15/2099-005.md": dilemma("2099-005", "draft"),
        "2098-12-01/meeting.md": meeting("2098-12-01"),
        "2098-12-01/2098-041.md": dilemma("2098-041", meeting="2098-12-01"),
    })
    result = new(tmp_path, "--meeting", "2099-01-15", "--title", "A fictional shared-phone dilemma",
                 "--records-dir", "dilemmas")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "created dilemmas/2099-01-15/2099-006.md (2099-006)"
    text = (tmp_path / "dilemmas/2099-01-15/2099-006.md").read_text()
    assert text.startswith("---\ntype: dilemma\nid: 2099-006\ntitle: A fictional shared-phone dilemma\n"
                           "status: draft\nmeeting: 2099-01-15\n---\n\n## Scenario\n\n[Editor: ")
    assert "## Questions for the panel\n\n[Editor: " in text


def test_a_missing_meeting_is_refused_unless_asked_to_create_it(tmp_path):
    records_folder(tmp_path, {})
    refused = new(tmp_path, "--meeting", "2099-07-01", "--title", "A fictional title", "--records-dir", "dilemmas")
    assert refused.returncode == 1
    assert "there is no meeting record for 2099-07-01" in refused.stderr
    assert "--create-meeting" in refused.stderr
    assert list((tmp_path / "dilemmas").iterdir()) == []

    made = new(tmp_path, "--meeting", "2099-07-01", "--title", "A fictional title", "--records-dir", "dilemmas",
               "--create-meeting")
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines()[:2] == [
        "created dilemmas/2099-07-01/meeting.md (meeting record: add its times and subject)",
        "created dilemmas/2099-07-01/2099-001.md (2099-001)"]
    assert (tmp_path / "dilemmas/2099-07-01/meeting.md").read_text() == (
        "---\ntype: meeting\ndate: 2099-07-01\nsubject: Ethical dilemmas\nstatus: scheduled\n---\n")


def test_an_unreadable_meeting_file_is_never_overwritten(tmp_path):
    broken = "---\ntype: meeting\ndate: [oops\n---\n"
    records_folder(tmp_path, {"2099-07-01/meeting.md": broken})
    result = new(tmp_path, "--meeting", "2099-07-01", "--title", "A fictional title", "--records-dir", "dilemmas",
                 "--create-meeting")
    assert result.returncode == 1
    assert "is not a readable meeting record" in result.stderr
    assert (tmp_path / "dilemmas/2099-07-01/meeting.md").read_text() == broken


def test_an_id_used_only_in_git_history_is_never_reused(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.write("dilemmas/2099-01-15/meeting.md", meeting())
    repo.write("dilemmas/2099-01-15/2099-001.md", dilemma("2099-001"))
    repo.write("dilemmas/2099-01-15/2099-002.md", dilemma("2099-002", "draft"))
    repo.commit("Two records")
    (repo.path / "dilemmas/2099-01-15/2099-002.md").unlink()
    repo.commit("The draft was abandoned")
    result = new(repo.path, "--meeting", "2099-01-15", "--title", "A fictional title", "--records-dir", "dilemmas")
    assert result.returncode == 0, result.stderr
    assert "created dilemmas/2099-01-15/2099-003.md (2099-003)" in result.stdout


def test_bad_input_is_refused_clearly(tmp_path):
    records_folder(tmp_path, {"2099-01-15/meeting.md": meeting()})
    bad_date = new(tmp_path, "--meeting", "15/01/2099", "--title", "A title", "--records-dir", "dilemmas")
    assert bad_date.returncode == 2 and "'15/01/2099' is not a date written YYYY-MM-DD" in bad_date.stderr
    empty = new(tmp_path, "--meeting", "2099-01-15", "--title", "  ", "--records-dir", "dilemmas")
    assert empty.returncode == 1 and "the title is empty" in empty.stderr


def test_the_new_draft_is_valid_but_cannot_be_published_with_its_placeholders(tmp_path):
    from sitekit import make_site

    site = make_site(tmp_path, real_records=False, records={"2099-01-15/meeting.md": meeting()})
    result = new(site, "--meeting", "2099-01-15", "--title", "A fictional title", "--records-dir", "dilemmas")
    assert result.returncode == 0, result.stderr
    valid = subprocess.run([sys.executable, str(VALIDATE), "--root", str(site)], capture_output=True, text=True)
    assert valid.returncode == 0, valid.stdout + valid.stderr

    path = site / "dilemmas/2099-01-15/2099-001.md"
    path.write_text(path.read_text().replace("status: draft", "status: for-discussion"))
    invalid = subprocess.run([sys.executable, str(VALIDATE), "--root", str(site)], capture_output=True, text=True)
    assert invalid.returncode == 1
    assert ("dilemmas/2099-01-15/2099-001.md:11: status 'for-discussion' publishes this record, but it still "
            "has an editor's placeholder to replace ('[Editor:')") in invalid.stdout
