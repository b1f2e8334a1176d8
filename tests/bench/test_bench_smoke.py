"""The scale benchmark (scripts/bench.py) runs end to end at a tiny size and
reports every figure. Speed itself is measured by the benchmark, never by a
timed test."""
import dataclasses
import importlib.util
import json
import subprocess
import sys

import pytest

from sitekit import REPO

FIGURES = (
    "wall seconds", "CPU seconds", "peak memory (MB)", "site size (MB)",
    "HTML bytes per record page", "search index bytes / record", "portal/plain",
    "anonymisation check + tagging", "records/s",
)


def load_bench():
    spec = importlib.util.spec_from_file_location("bench", REPO / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def smoke_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    command = [sys.executable, str(REPO / "scripts" / "bench.py"), "--sizes", "12,20", "--repeat", "1",
               "--no-fail", "--out", str(out / "work"), "--plot", str(out / "plot.png")]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    return result, out


def test_the_benchmark_runs_and_prints_every_figure_for_every_size(smoke_run):
    result, _ = smoke_run
    assert result.returncode == 0, result.stdout + result.stderr
    for size in ("N = 12 records", "N = 20 records"):
        assert size in result.stdout
    for figure in FIGURES:
        assert result.stdout.count(figure) >= 2, f"{figure!r} missing from:\n{result.stdout}"
    for line in ("Python 3", "MkDocs 1.", "Material 9."):
        assert line in result.stdout


def test_each_target_is_reported_pass_or_fail(smoke_run):
    result, _ = smoke_run
    targets = result.stdout.split("\nTargets\n", 1)[1].strip().splitlines()
    assert len(targets) == 5
    assert all(line[:4] in ("PASS", "FAIL") for line in targets), targets
    for name in ("build time at 20, cold", "build time at 20, warm", "HTML per record page",
                 "peak memory", "anonymisation check + tagging"):
        assert any(name in line for line in targets), name


def test_the_benchmark_saves_its_figures_and_draws_the_plot(smoke_run):
    _, out = smoke_run
    payload = json.loads((out / "work" / "results.json").read_text())
    assert [r["size"] for r in payload["results"]] == [12, 20]
    first = payload["results"][0]
    assert first["portal_runs"][0]["wall"] > 0 and first["portal_runs"][0]["peak_mb"] > 10
    assert first["warm_runs"][0]["cpu"] > 0
    assert first["portal_site"]["html_per_record"] > 1000
    assert (out / "plot.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not (out / "work" / "n20").exists(), "fixture sites are removed without --keep"


def test_a_broken_corpus_stops_the_benchmark_with_the_portals_message(tmp_path, monkeypatch):
    bench = load_bench()
    real = bench.synthetic.generate_corpus

    def corpus_with_a_phone_number(*args, **kwargs):
        corpus = real(*args, **kwargs)
        index = next(i for i, d in enumerate(corpus.dilemmas) if d.is_public)
        record = corpus.dilemmas[index]
        text = record.text.replace("## Scenario\n\n", "## Scenario\n\nThe caller left 07700 900418. ")
        corpus.dilemmas[index] = dataclasses.replace(record, text=text)
        return corpus

    monkeypatch.setattr(bench.synthetic, "generate_corpus", corpus_with_a_phone_number)
    status = bench.main(["--sizes", "8", "--repeat", "1", "--out", str(tmp_path)])
    assert status == 2


def test_record_rewrites_only_the_results_block(tmp_path):
    bench = load_bench()
    page = tmp_path / "performance.md"
    page.write_text(f"# Before\n\n{bench.BLOCK_START}\nold figures\n{bench.BLOCK_END}\n\nAfter.\n")
    run = bench.BuildRun(wall=2.0, cpu=2.0, peak_mb=120.0)
    plain = bench.BuildRun(wall=1.0, cpu=1.0, peak_mb=100.0)
    site = bench.SiteFigures(10_000_000, 15_000.0, 4_000_000, 4_000.0)
    warm = bench.BuildRun(wall=1.1, cpu=1.1, peak_mb=110.0)
    results = [bench.SizeResult(100, 95, 5, 17, [run], [plain], site, site,
                                bench.Throughput(100, 0.05, 0.02, 0.01), [warm])]
    targets = bench.evaluate_targets(results)
    args = type("Args", (), {"seed": 1, "repeat": 1})()
    bench.record(results, targets, bench.machine_info(), args, page=page)
    text = page.read_text()
    assert text.startswith("# Before\n") and text.endswith("\nAfter.\n")
    assert "old figures" not in text
    assert "| 100 | 1.00 | 2.00 | 2.000 | 1.10 | 1.100 |" in text
    assert "| Build time at 100, cold: portal/plain CPU time at most 1.15 | **Fail** |" in text
    assert "| Build time at 100, warm: portal/plain CPU time at most 1.15 | Pass |" in text


def test_a_missed_target_is_reported_as_failed():
    bench = load_bench()
    fast = bench.BuildRun(wall=10.0, cpu=10.0, peak_mb=300.0)
    slow = bench.BuildRun(wall=20.0, cpu=20.0, peak_mb=600.0)
    small_site = bench.SiteFigures(1, 10_000.0, 1, 1.0)
    big_site = bench.SiteFigures(1, 12_000.0, 1, 1.0)
    results = [
        bench.SizeResult(100, 100, 0, 20, [fast], [fast], small_site, small_site,
                         bench.Throughput(100, 0.01, 0.01, 0.01), [fast]),
        bench.SizeResult(5000, 5000, 0, 800, [slow], [fast], big_site, big_site,
                         bench.Throughput(5000, 5.0, 1.0, 1.0), [fast]),
    ]
    verdicts = {" ".join(t.name.split(" ")[:5]): t.passed for t in bench.evaluate_targets(results)}
    assert verdicts == {"build time at 5,000, cold:": False, "build time at 5,000, warm:": True,
                        "HTML per record page at": False, "peak memory of a portal": False,
                        "anonymisation check + tagging at": False}
