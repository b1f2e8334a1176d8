"""scripts/build.py publishes atomically: a failed build, early or late,
leaves the previous site byte for byte as it was, and no staging folder
behind."""
import hashlib
import os
import subprocess
import sys
from pathlib import Path

from sitekit import REPO, dilemma, make_site, meeting

BUILD_SCRIPT = REPO / "scripts" / "build.py"


def run_build_script(root: Path, site_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--config-file", str(root / "mkdocs.yml"),
         "--site-dir", str(site_dir), "--no-strict"],
        cwd=root, env=env, capture_output=True, text=True, timeout=600)


def fingerprint(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def leftovers(site_dir: Path) -> list[str]:
    return sorted(p.name for p in site_dir.parent.iterdir() if p.name.startswith(f".{site_dir.name}-"))


def test_a_failed_build_leaves_the_previous_site_intact(tmp_path):
    root = make_site(tmp_path, {"x/meeting.md": meeting("2099-01-15"),
                                "x/2099-001.md": dilemma("2099-001", meeting="2099-01-15")},
                     real_records=False)
    site_dir = tmp_path / "published" / "site"
    first = run_build_script(root, site_dir)
    assert first.returncode == 0, first.stdout + first.stderr
    before = fingerprint(site_dir)
    assert "dilemmas/2099-001/index.html" in before
    assert leftovers(site_dir) == []

    # Early failure: a broken record stops the build before any page is written.
    (root / "dilemmas" / "x" / "broken.md").write_text("---\ntype: dilemma\nid: [\n---\n", encoding="utf-8")
    second = run_build_script(root, site_dir)
    assert second.returncode != 0
    assert "dilemmas/x/broken.md:" in second.stdout + second.stderr
    assert "Traceback" not in second.stdout + second.stderr
    assert f"{site_dir} was left as it was" in second.stderr
    assert fingerprint(site_dir) == before
    assert leftovers(site_dir) == []

    # Late failure: pages were being written when MkDocs stopped (a missing
    # template); the half-built staging folder is thrown away.
    (root / "dilemmas" / "x" / "broken.md").unlink()
    (root / "docs" / "late-failure.md").write_text("---\ntemplate: no-such-template.html\n---\n\n# Late\n",
                                                   encoding="utf-8")
    third = run_build_script(root, site_dir)
    assert third.returncode != 0, third.stdout + third.stderr
    assert fingerprint(site_dir) == before
    assert leftovers(site_dir) == []

    # And a good build replaces the site in one step.
    (root / "docs" / "late-failure.md").unlink()
    (root / "dilemmas" / "x" / "2099-002.md").write_text(
        dilemma("2099-002", meeting="2099-01-15", title="A second fictional dilemma"), encoding="utf-8")
    fourth = run_build_script(root, site_dir)
    assert fourth.returncode == 0, fourth.stdout + fourth.stderr
    assert (site_dir / "dilemmas" / "2099-002" / "index.html").exists()
    assert leftovers(site_dir) == []
