"""scripts/validate.py checks records as the build does; scripts/pr_summary.py
tells reviewers what a pull request changes in the records."""
import re
import subprocess
import sys
from pathlib import Path

from gitkit import Repo, dilemma, git_env, meeting
from sitekit import make_site

ROOT = Path(__file__).resolve().parents[2]
VALIDATE = ROOT / "scripts" / "validate.py"
SUMMARY = ROOT / "scripts" / "pr_summary.py"
# Ofcom's drama range: a fictional number that looks real to the anonymisation check.
FICTIONAL_PHONE = "07700 900123"


def validate(site: Path, *args: str):
    return subprocess.run([sys.executable, str(VALIDATE), "--root", str(site), *args],
                          capture_output=True, text=True)


def test_the_real_records_are_valid():
    result = validate(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "every record is valid" in result.stdout


def test_every_problem_is_listed_as_path_line_message(tmp_path):
    site = make_site(tmp_path, real_records=False, records={
        "2099-01-15/meeting.md": meeting(),
        "2099-01-15/2099-001.md": dilemma("2099-001", "outcome-published"),
        "2099-01-15/2099-002.md": dilemma("2099-002", extra="themes: [no-such-theme]\n"),
        "2099-01-15/2099-003.md": dilemma("2099-002", meeting="2099-02-30"),
    })
    result = validate(site)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "dilemmas/2099-01-15/2099-001.md:5: status 'outcome-published' needs 'outcome_approved', the date " \
           "the panel approved its outcome" in lines
    assert any(line.startswith("dilemmas/2099-01-15/2099-002.md:7: unknown theme 'no-such-theme'") for line in lines)
    assert "dilemmas/2099-01-15/2099-003.md:6: 'meeting' is not a real date: 2099-02-30" in lines
    assert "problems to fix" in result.stderr


def test_a_public_record_with_its_title_still_marked_for_review_is_refused(tmp_path):
    site = make_site(tmp_path, real_records=False, records={
        "2099-01-15/meeting.md": meeting(),
        "2099-01-15/2099-001.md": dilemma("2099-001", title='"[Title to review] A fictional officer finds"'),
    })
    result = validate(site)
    assert result.returncode == 1
    assert ("dilemmas/2099-01-15/2099-001.md:4: status 'for-discussion' publishes this record, but its title "
            "is still marked for review: write the final title ('[Title to review]')") in result.stdout


def site_repo(tmp_path: Path) -> Repo:
    """A fixture site committed to git on main, then a pull-request branch."""
    site = make_site(tmp_path, real_records=False, records={
        "2099-01-15/meeting.md": meeting(),
        "2099-01-15/2099-001.md": dilemma("2099-001", "for-discussion"),
        "2099-01-15/2099-002.md": dilemma("2099-002", "draft", title="A fictional draft about a WhatsApp group"),
    })
    repo = Repo(site)
    repo.commit("Base")
    repo.git("switch", "-q", "-c", "pull-request")
    return repo


def test_the_summary_lists_changed_records_status_changes_themes_and_masked_findings(tmp_path):
    repo = site_repo(tmp_path)
    records = repo.path / "dilemmas" / "2099-01-15"
    (records / "2099-001.md").write_text(dilemma(
        "2099-001", "discussed", extra="status_reason: The panel asked for more detail first.\n"))
    (records / "2099-002.md").write_text(dilemma(
        "2099-002", "draft", title="A fictional draft about a WhatsApp group",
        scenario=f"A fictional officer is messaged on WhatsApp from {FICTIONAL_PHONE} late at night."))
    (records / "2099-003.md").write_text(dilemma("2099-003", "draft", title="A new fictional custody dilemma",
                                                 scenario="A fictional detainee in custody asks for a book."))
    step_summary = tmp_path / "summary.md"
    step_summary.write_text("## Earlier step\n\n")
    result = subprocess.run([sys.executable, str(SUMMARY), "--base", "main"], cwd=repo.path, capture_output=True,
                            text=True, env=git_env(GITHUB_STEP_SUMMARY=str(step_summary)))
    assert result.returncode == 0, result.stderr
    text = step_summary.read_text()
    assert text.startswith("## Earlier step\n\n## Records changed in this pull request\n")  # appended
    assert "1 added, 2 changed (compared with `main`)." in text
    assert ("| 2099-001 `dilemmas/2099-01-15/2099-001.md` | A fictional dilemma about a shared phone | changed | "
            "`for-discussion` | `discussed` |") in text
    assert "| 2099-003 `dilemmas/2099-01-15/2099-003.md` | A new fictional custody dilemma | added | — | `draft` |" \
        in text
    assert "- **2099-001**: `for-discussion` → `discussed`" in text
    assert "| 2099-003 | — | custody |" in text
    # The phone number is found on the scenario's line, and shown only masked.
    assert re.search(r"\| `dilemmas/2099-01-15/2099-002.md` \| 11 \| [\w-]+ \| error \| `[^`]*\*[^`]*` \|", text)
    assert FICTIONAL_PHONE not in text and FICTIONAL_PHONE.replace(" ", "") not in text
    assert "No problem: no status moved backwards without a reason" in text


def test_the_summary_reports_a_transition_problem(tmp_path):
    repo = site_repo(tmp_path)
    (repo.path / "dilemmas/2099-01-15/2099-001.md").unlink()
    result = subprocess.run([sys.executable, str(SUMMARY), "--base", "main"], cwd=repo.path, capture_output=True,
                            text=True, env={**git_env(), "GITHUB_STEP_SUMMARY": ""})
    assert result.returncode == 0
    assert "| 2099-001 `dilemmas/2099-01-15/2099-001.md` | A fictional dilemma about a shared phone | deleted | " \
           "`for-discussion` | — |" in result.stdout
    assert "- `dilemmas/2099-01-15/2099-001.md:1`: record 2099-001 (for discussion) was deleted" in result.stdout
