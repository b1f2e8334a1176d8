"""A pull request may not move a status backwards without a reason, change
an id, or delete a record that has been public; CI compares with the base branch."""
import subprocess
import sys
from pathlib import Path

import pytest

from gitkit import Repo, dilemma, git_env, meeting
from portal.transitions import RecordState, check_transitions

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "check_transitions.py"
OUTCOME = "The panel advised the fictional supervisor to speak to the team."


def state(record_id="2099-001", status="for-discussion", reason="", path=None):
    return RecordState(path=path or f"dilemmas/{record_id}.md", id=record_id, status=status,
                       status_reason=reason, id_line=3, status_line=5)


def messages(before, after):
    return [str(p) for p in check_transitions(before, after)]


@pytest.mark.parametrize("old, new", [
    ("draft", "for-discussion"), ("for-discussion", "discussed"), ("discussed", "outcome-published"),
    ("outcome-published", "closed"), ("draft", "closed"), ("for-discussion", "for-discussion"),
])
def test_moving_forward_needs_no_reason(old, new):
    assert messages([state(status=old)], [state(status=new)]) == []


@pytest.mark.parametrize("old", ["draft", "for-discussion", "discussed", "outcome-published", "closed"])
def test_withdrawing_is_allowed_from_any_status(old):
    assert messages([state(status=old)], [state(status="withdrawn", reason="Submitted twice.")]) == []


def test_moving_back_without_a_reason_is_refused_at_the_status_line():
    assert messages([state(status="outcome-published")], [state(status="discussed")]) == [
        "dilemmas/2099-001.md:5: status moved back from 'outcome-published' to 'discussed'; say why "
        "in 'status_reason' (the public sees it)"]


def test_moving_back_with_a_new_reason_is_allowed():
    assert messages([state(status="outcome-published")],
                    [state(status="discussed", reason="The panel asked to revisit its advice.")]) == []


def test_a_reason_left_over_from_an_earlier_change_does_not_count():
    before = [state(status="withdrawn", reason="Withdrawn at the submitter's request.")]
    after = [state(status="for-discussion", reason="Withdrawn at the submitter's request.")]
    assert messages(before, after) == [
        "dilemmas/2099-001.md:5: status moved back from 'withdrawn' to 'for-discussion'; its "
        "'status_reason' is the one given for an earlier change; write why it moved back now"]


def test_deleting_a_published_record_is_refused():
    assert messages([state("2099-001"), state("2099-002")], [state("2099-002")]) == [
        "dilemmas/2099-001.md:1: record 2099-001 (for discussion) was deleted; a record that has been "
        "public is never deleted: restore it and set 'status: withdrawn' with a 'status_reason' instead"]


def test_a_draft_may_be_deleted():
    assert messages([state("2099-001", "draft"), state("2099-002")], [state("2099-002")]) == []


def test_changing_a_published_id_is_refused_at_the_id_line():
    before = [state("2099-001", path="dilemmas/x.md")]
    after = [state("2099-010", path="dilemmas/x.md")]
    assert messages(before, after) == [
        "dilemmas/x.md:3: id changed from '2099-001' to '2099-010'; a published record's id never "
        "changes (its web address would break): put 'id: 2099-001' back"]


def test_moving_a_record_to_another_file_keeps_its_id_and_is_fine():
    assert messages([state(path="dilemmas/2099-01-15/2099-001.md")],
                    [state(path="dilemmas/2099/2099-001.md")]) == []


# -- the script, against a real git history ---------------------------------------

@pytest.fixture
def pull_request(tmp_path):
    """main with published records, then a branch that changes them."""
    repo = Repo(tmp_path / "repo")
    repo.write("dilemmas/2099-01-15/meeting.md", meeting())
    repo.write("dilemmas/2099-01-15/2099-001.md",
               dilemma("2099-001", "outcome-published", extra="outcome_approved: 2099-02-01\n", outcome=OUTCOME))
    repo.write("dilemmas/2099-01-15/2099-002.md", dilemma("2099-002", "for-discussion"))
    repo.write("dilemmas/2099-01-15/2099-003.md", dilemma("2099-003", "draft"))
    repo.commit("Base")
    repo.git("switch", "-q", "-c", "change")
    return repo


def run_script(repo, *args):
    return subprocess.run([sys.executable, str(SCRIPT), "--base", "main", *args], cwd=repo.path,
                          capture_output=True, text=True, env=git_env())


def test_the_script_reports_every_problem_as_path_line_message_and_fails(pull_request):
    repo = pull_request
    repo.write("dilemmas/2099-01-15/2099-001.md", dilemma("2099-001", "discussed"))
    (repo.path / "dilemmas/2099-01-15/2099-002.md").unlink()
    (repo.path / "dilemmas/2099-01-15/2099-003.md").unlink()  # a draft: fine
    repo.commit("Change")
    result = run_script(repo)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "dilemmas/2099-01-15/2099-001.md:5: status moved back from 'outcome-published' to 'discussed'; "
        "say why in 'status_reason' (the public sees it)",
        "dilemmas/2099-01-15/2099-002.md:1: record 2099-002 (for discussion) was deleted; a record that "
        "has been public is never deleted: restore it and set 'status: withdrawn' with a 'status_reason' "
        "instead",
    ]


def test_the_script_annotates_the_pull_request_in_github_format(pull_request):
    repo = pull_request
    repo.write("dilemmas/2099-01-15/2099-001.md", dilemma("2099-001", "for-discussion"))
    repo.commit("Change")
    result = run_script(repo, "--format", "github")
    assert result.returncode == 1
    assert ("::error file=dilemmas/2099-01-15/2099-001.md,line=5,title=Status transition::status moved "
            "back from 'outcome-published' to 'for-discussion'") in result.stdout


def test_the_script_checks_uncommitted_changes_and_passes_good_ones(pull_request):
    repo = pull_request
    repo.write("dilemmas/2099-01-15/2099-002.md", dilemma("2099-002", "withdrawn",
                                                         extra="status_reason: Submitted twice.\n"))
    repo.write("dilemmas/2099-01-15/2099-003.md", dilemma("2099-003", "for-discussion"))
    result = run_script(repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problem" in result.stdout


def test_changes_made_on_main_since_the_branch_started_are_not_blamed_on_it(pull_request):
    repo = pull_request
    repo.write("dilemmas/2099-01-15/2099-004.md", dilemma("2099-004", "draft"))
    repo.commit("Unrelated change on the branch")
    repo.git("switch", "-q", "main")
    repo.write("dilemmas/2099-01-15/2099-002.md", dilemma("2099-002", "discussed"))
    repo.commit("Main moves on")
    repo.git("switch", "-q", "change")
    # The branch still has 2099-002 at for-discussion: that is not a move back.
    assert run_script(repo).returncode == 0


def test_an_unknown_base_is_a_clear_error(pull_request):
    result = subprocess.run([sys.executable, str(SCRIPT), "--base", "origin/nowhere"], cwd=pull_request.path,
                            capture_output=True, text=True, env=git_env())
    assert result.returncode == 2
    assert "cannot find 'origin/nowhere'" in result.stderr
    assert "git fetch" in result.stderr
