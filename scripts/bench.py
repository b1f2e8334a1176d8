#!/usr/bin/env python3
"""The scale benchmark: how the portal's build grows with the number of records.

    python scripts/bench.py [--sizes 100,1000,5000] [--seed 1] [--repeat 2]
                            [--out DIR] [--keep] [--plot PATH] [--record] [--no-fail]
                            [--no-git-history] [--no-strict]

For each size N it generates a synthetic, plainly fictional corpus of N dilemmas
(``portal/synthetic.py``) and builds it two ways with the real ``mkdocs build``:

  portal  a fixture site laid out like the repository (hooks/, portal/ and
          overrides/ linked; docs/, config/ and mkdocs.yml copied), the records
          in its records folder and, unless --no-git-history, a git history
          replaying their lives (one commit per day on which records changed):
          the build runs the whole pipeline.
  plain   plain MkDocs + Material: the same theme, the same search and tags
          plugins, the same short nav and not_in_nav, no portal hook and no
          macros; every page the portal build fed to MkDocs (the dilemma, meeting
          and theme pages and the hand-written pages, after macros) written as
          an ordinary .md file in docs_dir, the data files as static files.

The plain pages are captured from an untimed first portal build (which also
proves the corpus passes the portal's validation and anonymisation gate under
--strict, and warms the file cache). The timed builds then alternate
cold portal/plain/warm portal, warm/plain/cold... so drift on a busy machine
hits all alike; the figures are the fastest of the repeats. A cold portal
build starts with its results cache (``portal/results_cache.py``) removed; a
warm one follows a portal build of the same records, as most real builds do.
The two must publish the same site. Each build is a child process whose
own resource usage (wall, CPU, peak memory) is read with ``os.wait4``.

It also measures the throughput of the anonymisation check plus tagging
(``portal.anonymise.check_text``, ``portal.tagging.tag_record`` and
``related_records``) in this process, and checks the targets (see TARGETS).
Exit status: 0 every target met; 1 a target missed (0 with --no-fail);
2 the corpus or a build failed.

--record rewrites the results block of docs/maintainers/performance.md and
redraws docs/maintainers/performance.png; --plot PATH draws the chart elsewhere.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from portal import synthetic  # noqa: E402  (pure Python; the rest is imported when needed)

LINKED = ("hooks", "portal", "overrides")
RESULTS_CACHE = Path(".cache") / "portal"  # portal/results_cache.py
COPIED = ("docs", "config", "mkdocs.yml")
PAGE = ROOT / "docs" / "maintainers" / "performance.md"
PLOT = ROOT / "docs" / "maintainers" / "performance.png"
BLOCK_START = "<!-- bench:results:start -->"
BLOCK_END = "<!-- bench:results:end -->"

# The targets of issue 7, checked at the largest size run.
MAX_BUILD_RATIO = 1.15          # portal build time / plain build time
MAX_HTML_GROWTH = 0.10          # HTML per record page, largest N vs smallest N
MAX_PEAK_MEMORY_MB = 500.0      # any portal build
MIN_RECORDS_PER_SECOND = 1000.0  # anonymisation check plus tagging

# Records the capture hook writes: every page's Markdown as MkDocs received it
# (after macros), and every file the portal generated that is not a page.
CAPTURE_HOOK = '''\
"""Benchmark helper: capture what the portal hook feeds MkDocs (untimed build only)."""
import datetime
import os
from pathlib import Path

import yaml
from portal.prose_marks import without_marks  # the portal's hook, loaded first, put it on sys.path

_OUT = Path(os.environ["PORTAL_BENCH_CAPTURE"])
_PLUGINS = ("search", "tags", "macros")


def _plain(value):
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool, datetime.date)):
        return value
    return str(value)


def on_files(files, config):
    for file in files:
        origin = file.generated_by
        if origin is None or file.is_documentation_page():
            continue
        if origin in _PLUGINS or origin.startswith("material/"):
            continue
        target = _OUT / "files" / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.content_bytes)
    return files


def on_page_markdown(markdown, page, config, files):
    # The marks around record prose are the portal's own machinery, removed
    # from every page it publishes: a plain site has none.
    public = without_marks(markdown)
    target = _OUT / "pages" / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = _plain(dict(page.meta))
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    front = f"---\\n{dumped}---\\n\\n" if meta else ""
    target.write_text(front + public, encoding="utf-8")
    return markdown
'''


# -- results --------------------------------------------------------------------------
@dataclass
class BuildRun:
    wall: float
    cpu: float
    peak_mb: float


@dataclass
class SiteFigures:
    site_bytes: int
    html_per_record: float
    search_index_bytes: int
    search_per_record: float


@dataclass
class Throughput:
    records: int
    check_seconds: float
    tag_seconds: float
    related_seconds: float

    @property
    def seconds(self) -> float:
        return self.check_seconds + self.tag_seconds + self.related_seconds

    @property
    def records_per_second(self) -> float:
        return self.records / self.seconds if self.seconds else float("inf")


@dataclass
class SizeResult:
    size: int
    published: int
    drafts: int
    meetings: int
    portal_runs: list[BuildRun] = field(default_factory=list)  # cold: empty results cache
    plain_runs: list[BuildRun] = field(default_factory=list)
    portal_site: SiteFigures | None = None
    plain_site: SiteFigures | None = None
    throughput: Throughput | None = None
    warm_runs: list[BuildRun] = field(default_factory=list)  # records unchanged since the last build

    @property
    def portal(self) -> BuildRun:
        return _best(self.portal_runs)

    @property
    def warm(self) -> BuildRun:
        return _best(self.warm_runs)

    @property
    def plain(self) -> BuildRun:
        return _best(self.plain_runs)

    @property
    def warm_cpu_ratio(self) -> float:
        return self.warm.cpu / self.plain.cpu

    @property
    def warm_wall_ratio(self) -> float:
        return self.warm.wall / self.plain.wall

    @property
    def peak_mb(self) -> float:
        return max(self.portal.peak_mb, self.warm.peak_mb)

    @property
    def wall_ratio(self) -> float:
        return self.portal.wall / self.plain.wall

    @property
    def cpu_ratio(self) -> float:
        return self.portal.cpu / self.plain.cpu


def _best(runs: list[BuildRun]) -> BuildRun:
    """The fastest repeat (noise only ever adds time); memory is the worst seen."""
    return BuildRun(wall=min(r.wall for r in runs), cpu=min(r.cpu for r in runs),
                    peak_mb=max(r.peak_mb for r in runs))


@dataclass
class Target:
    name: str
    passed: bool | None  # None: not measurable in this run
    detail: str


class BenchError(Exception):
    """The corpus or a build failed: no figures to report."""


# -- fixture sites ----------------------------------------------------------------------
def make_portal_site(root: Path, corpus: synthetic.SyntheticCorpus, *, git_history: bool = False) -> Path:
    """A site laid out like the repository, holding only the synthetic records;
    with ``git_history``, a git repository whose commits replay the records' lives."""
    root.mkdir(parents=True)
    for name in LINKED:
        if (ROOT / name).exists():
            os.symlink(ROOT / name, root / name)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.exists():
            shutil.copy2(source, root / name)
    settings = yaml.safe_load((root / "config" / "portal.yml").read_text(encoding="utf-8")) or {}
    records_dir = str(settings.get("records_dir") or "dilemmas")
    corpus.write(root / records_dir)
    if git_history:
        commit_history(root, corpus, records_dir)
    return root


def commit_history(root: Path, corpus: synthetic.SyntheticCorpus, records_dir: str) -> None:
    """One commit per day on which records changed, written with ``git fast-import``
    (thousands of commits in a second or two), so the build reads a realistic log."""
    def git(*args, stdin: bytes | None = None) -> None:
        result = subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True)
        if result.returncode != 0:
            raise BenchError(f"git {args[0]} failed: {result.stderr.decode(errors='replace').strip()}")

    stream = bytearray()
    for number, (date, files) in enumerate(corpus.history(), start=1):
        stamp = int(dt.datetime(date.year, date.month, date.day, 12, tzinfo=dt.timezone.utc).timestamp())
        message = f"Records updated on {date.isoformat()}\n".encode()
        stream += (f"commit refs/heads/main\nmark :{number}\n"
                   f"author Panel editor <editor@example.com> {stamp} +0000\n"
                   f"committer Panel editor <editor@example.com> {stamp} +0000\n"
                   f"data {len(message)}\n").encode() + message
        for path, text in sorted(files.items()):
            data = text.encode("utf-8")
            stream += f"M 100644 inline {records_dir}/{path}\ndata {len(data)}\n".encode() + data + b"\n"
        stream += b"\n"
    git("init", "-q", "-b", "main")
    git("fast-import", "--quiet", stdin=bytes(stream))
    git("reset", "-q")  # the index matches the files already written


def read_mkdocs_config(path: Path) -> dict:
    """mkdocs.yml as data; MkDocs' own tags (!ENV, !!python/name) are kept as text."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: f"!{suffix}")
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: suffix)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader) or {}


def write_capture_config(portal_root: Path) -> Path:
    config = read_mkdocs_config(portal_root / "mkdocs.yml")
    (portal_root / "bench_capture.py").write_text(CAPTURE_HOOK, encoding="utf-8")
    path = portal_root / "mkdocs-bench-capture.yml"
    path.write_text(yaml.safe_dump({"INHERIT": "mkdocs.yml",
                                    "hooks": list(config.get("hooks") or []) + ["bench_capture.py"]}),
                    encoding="utf-8")
    return path


def make_plain_site(root: Path, portal_root: Path, captured: Path) -> Path:
    """Plain MkDocs + Material with the pages the portal build produced."""
    root.mkdir(parents=True)
    if (ROOT / "overrides").exists():
        os.symlink(ROOT / "overrides", root / "overrides")
    docs = root / "docs"
    shutil.copytree(portal_root / "docs", docs)  # static assets of the hand-written pages
    for kind in ("pages", "files"):
        if (captured / kind).is_dir():
            shutil.copytree(captured / kind, docs, dirs_exist_ok=True)
    config = read_mkdocs_config(portal_root / "mkdocs.yml")
    plugins = []
    for entry in config.get("plugins") or []:
        name = next(iter(entry)) if isinstance(entry, dict) else entry
        if name in ("search", "tags", "material/search", "material/tags"):
            plugins.append(entry)
    plain = {"INHERIT": os.path.relpath(portal_root / "mkdocs.yml", root),
             "docs_dir": "docs", "hooks": [], "watch": [], "plugins": plugins}
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(plain, sort_keys=False), encoding="utf-8")
    return path


# -- builds --------------------------------------------------------------------------------
def run_build(config: Path, site_dir: Path, log: Path, *, strict: bool = True,
              env_extra: dict | None = None) -> BuildRun:
    """One ``mkdocs build --strict`` in its own process; its own rusage via wait4."""
    shutil.rmtree(site_dir, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config),
               "--site-dir", str(site_dir)] + (["--strict"] if strict else [])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", **(env_extra or {})}
    with open(log, "wb") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=config.parent, env=env, stdout=output,
                                   stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-25:])
        raise BenchError(f"`mkdocs build` of {config} failed (exit {process.returncode}):\n{tail}")
    return BuildRun(wall=wall, cpu=usage.ru_utime + usage.ru_stime,
                    peak_mb=usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


def measure_site(site_dir: Path, public_ids: list[str]) -> SiteFigures:
    total = sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file())
    pages = [site_dir / "dilemmas" / record_id / "index.html" for record_id in public_ids]
    missing = [p for p in pages if not p.is_file()]
    if missing:
        raise BenchError(f"{len(missing)} published records have no page, e.g. {missing[0]}")
    html = sum(p.stat().st_size for p in pages) / max(len(pages), 1)
    index = site_dir / "search" / "search_index.json"
    index_bytes = index.stat().st_size if index.is_file() else 0
    return SiteFigures(total, html, index_bytes, index_bytes / max(len(public_ids), 1))


def check_drafts_unpublished(site_dir: Path, corpus: synthetic.SyntheticCorpus) -> None:
    """A benchmark of a portal that leaks drafts is worthless: stop."""
    for draft in corpus.drafts:
        if (site_dir / "dilemmas" / draft.id).exists():
            raise BenchError(f"draft {draft.id} has a page in the built site")
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        text = index.read_text(encoding="utf-8")
        leaked = [d.id for d in corpus.drafts if f"dilemmas/{d.id}/" in text]
        if leaked:
            raise BenchError(f"draft {leaked[0]} is in the search index")


# -- domain throughput ------------------------------------------------------------------
def portal_content(portal_root: Path):
    """Run load -> validate -> check -> tag in this process: the portal's own verdict
    on the corpus, and the validated records for the throughput measurement."""
    from portal import pipeline
    from portal.problems import RecordsInvalid
    from portal.settings import load_settings

    config = read_mkdocs_config(portal_root / "mkdocs.yml")
    try:
        return pipeline.build_content(load_settings(portal_root, config.get("site_url") or ""))
    except RecordsInvalid as exc:
        lines = exc.report().splitlines()
        shown = "\n".join(lines[:21]) + (f"\n  ... and {len(lines) - 21} more" if len(lines) > 21 else "")
        raise BenchError("the synthetic corpus does not pass the portal's checks:\n" + shown) from None
    except Exception as exc:  # a data file or the code itself is broken: say so, briefly
        raise BenchError(f"the portal's pipeline failed: {type(exc).__name__}: {exc}") from exc


def measure_throughput(content) -> Throughput:
    """Anonymisation check of every record's file and tagging of every published
    dilemma, then related dilemmas, as the pipeline calls them (public API only)."""
    from portal import anonymise, pipeline, tagging

    settings = content.settings
    rules = anonymise.load_rules(settings.anonymisation_dir)
    taxonomy = tagging.load_taxonomy(settings.themes_file)
    records = content.records
    sources = [m.source for m in records.meetings.values()] + [d.source for d in records.dilemmas.values()]
    # The pipeline releases each record's raw text once it is checked: read the files again.
    texts = [(source.path, (settings.root / source.path).read_text(encoding="utf-8")) for source in sources]

    started = time.perf_counter()
    for path, text in texts:
        anonymise.check_text(text, path, rules=rules)
    check_seconds = time.perf_counter() - started

    public = records.published_dilemmas
    started = time.perf_counter()
    for dilemma in public:
        tagging.tag_record(taxonomy, title=dilemma.title, summary=dilemma.summary,
                           body="\n\n".join(text for _, text in dilemma.public_sections),
                           editor_themes=dilemma.editor_themes, rejected_themes=dilemma.rejected_themes)
    tag_seconds = time.perf_counter() - started

    items = [(d.id, d.themes, d.public_text) for d in public if d.status != "withdrawn"]
    started = time.perf_counter()
    tagging.related_records(items, limit=pipeline.RELATED_LIMIT)
    related_seconds = time.perf_counter() - started
    return Throughput(len(records.dilemmas), check_seconds, tag_seconds, related_seconds)


# -- one size -------------------------------------------------------------------------------
def run_size(size: int, args, work: Path, progress) -> SizeResult:
    themes_file, principles_file = _data_files()
    theme_ids, principles = synthetic.vocabulary_from_files(themes_file, principles_file)
    corpus = synthetic.generate_corpus(size, seed=args.seed, theme_ids=theme_ids, principles=principles)
    result = SizeResult(size=size, published=len(corpus.public_dilemmas), drafts=len(corpus.drafts),
                        meetings=len(corpus.meetings))
    folder = work / f"n{size}"
    shutil.rmtree(folder, ignore_errors=True)
    git_history = args.git_history and shutil.which("git") is not None
    portal_root = make_portal_site(folder / "portal", corpus, git_history=git_history)

    progress(f"N={size}: checking the corpus with the portal's pipeline")
    content = portal_content(portal_root)
    result.throughput = measure_throughput(content)
    del content

    progress(f"N={size}: untimed portal build (verifies --strict, captures the pages)")
    captured = folder / "captured"
    run_build(write_capture_config(portal_root), folder / "portal-site", folder / "capture.log",
              strict=args.strict, env_extra={"PORTAL_BENCH_CAPTURE": str(captured)})
    check_drafts_unpublished(folder / "portal-site", corpus)
    plain_config = make_plain_site(folder / "plain", portal_root, captured)

    builds = {"portal": (portal_root / "mkdocs.yml", result.portal_runs),
              "warm": (portal_root / "mkdocs.yml", result.warm_runs),
              "plain": (plain_config, result.plain_runs)}
    for repeat in range(args.repeat):
        # A warm build follows a portal build of the same records (its results
        # cache is filled); a cold one starts with the cache removed.
        order = ("portal", "plain", "warm") if repeat % 2 == 0 else ("warm", "plain", "portal")
        for kind in order:
            config, runs = builds[kind]
            if kind == "portal":
                shutil.rmtree(portal_root / RESULTS_CACHE, ignore_errors=True)
            progress(f"N={size}: timed {'cold portal' if kind == 'portal' else kind} build "
                     f"{repeat + 1}/{args.repeat}")
            runs.append(run_build(config, folder / f"{kind}-site", folder / f"{kind}.log",
                                  strict=args.strict))
    public_ids = [d.id for d in corpus.public_dilemmas]
    check_drafts_unpublished(folder / "portal-site", corpus)
    check_drafts_unpublished(folder / "warm-site", corpus)
    if _site_text(folder / "portal-site") != _site_text(folder / "warm-site"):
        raise BenchError("the warm build's site differs from the cold build's: the results cache "
                         "changed a result")
    result.portal_site = measure_site(folder / "portal-site", public_ids)
    result.plain_site = measure_site(folder / "plain-site", public_ids)
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return result


def _site_text(site: Path) -> dict[str, bytes]:
    """Pages and data files of a built site (the sitemap's dates aside)."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.suffix in (".html", ".json", ".csv", ".xml") and p.name != "sitemap.xml"}


def _data_files() -> tuple[Path, Path]:
    from portal.settings import load_settings

    settings = load_settings(ROOT)
    return settings.themes_file, settings.principles_file


# -- report ----------------------------------------------------------------------------------
def format_size(result: SizeResult) -> str:
    p, w, q = result.portal, result.warm, result.plain
    ps, qs = result.portal_site, result.plain_site
    t = result.throughput
    rows = [
        f"N = {result.size:,} records ({result.published:,} published, {result.drafts:,} drafts, "
        f"{result.meetings:,} meetings); fastest of {len(result.portal_runs)} build(s) each; "
        "cold: empty results cache, warm: records unchanged since the last build",
        f"  {'':28}{'portal':>12}{'plain':>12}{'portal/plain':>15}",
        f"  {'wall seconds, cold':28}{p.wall:12.2f}{q.wall:12.2f}{result.wall_ratio:15.3f}",
        f"  {'CPU seconds, cold':28}{p.cpu:12.2f}{q.cpu:12.2f}{result.cpu_ratio:15.3f}",
        f"  {'wall seconds, warm':28}{w.wall:12.2f}{q.wall:12.2f}{result.warm_wall_ratio:15.3f}",
        f"  {'CPU seconds, warm':28}{w.cpu:12.2f}{q.cpu:12.2f}{result.warm_cpu_ratio:15.3f}",
        f"  {'peak memory (MB)':28}{result.peak_mb:12.1f}{q.peak_mb:12.1f}{result.peak_mb / q.peak_mb:15.3f}",
        f"  {'site size (MB)':28}{ps.site_bytes / 1e6:12.2f}{qs.site_bytes / 1e6:12.2f}"
        f"{ps.site_bytes / qs.site_bytes:15.3f}",
        f"  {'HTML bytes per record page':28}{ps.html_per_record:12,.0f}{qs.html_per_record:12,.0f}"
        f"{ps.html_per_record / qs.html_per_record:15.3f}",
        f"  {'search index bytes / record':28}{ps.search_per_record:12,.0f}{qs.search_per_record:12,.0f}"
        f"{_ratio(ps.search_per_record, qs.search_per_record):>15}",
        f"  anonymisation check + tagging: {t.records:,} records in {t.seconds:.2f} s = "
        f"{t.records_per_second:,.0f} records/s (check {t.check_seconds:.2f} s, tag {t.tag_seconds:.2f} s, "
        f"related {t.related_seconds:.2f} s)",
    ]
    return "\n".join(rows)


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def evaluate_targets(results: list[SizeResult]) -> list[Target]:
    largest = max(results, key=lambda r: r.size)
    smallest = min(results, key=lambda r: r.size)
    # Judged on CPU time: each build is one single-threaded process, so on an idle
    # machine its wall time equals its CPU time, while on a shared one the wall
    # time also counts the time other processes held the cores.
    targets = [Target(
        f"build time at {largest.size:,}, cold: portal/plain CPU time at most {MAX_BUILD_RATIO}",
        largest.cpu_ratio <= MAX_BUILD_RATIO,
        f"CPU {largest.portal.cpu:.2f} s / {largest.plain.cpu:.2f} s = {largest.cpu_ratio:.3f} "
        f"(wall {largest.portal.wall:.2f} s / {largest.plain.wall:.2f} s = {largest.wall_ratio:.3f})"),
        Target(
        f"build time at {largest.size:,}, warm: portal/plain CPU time at most {MAX_BUILD_RATIO}",
        largest.warm_cpu_ratio <= MAX_BUILD_RATIO,
        f"CPU {largest.warm.cpu:.2f} s / {largest.plain.cpu:.2f} s = {largest.warm_cpu_ratio:.3f} "
        f"(wall {largest.warm.wall:.2f} s / {largest.plain.wall:.2f} s = {largest.warm_wall_ratio:.3f})")]
    if largest.size == smallest.size:
        targets.append(Target(f"HTML per record page within {MAX_HTML_GROWTH:.0%} across sizes", None,
                              "needs two sizes"))
    else:
        growth = largest.portal_site.html_per_record / smallest.portal_site.html_per_record - 1
        targets.append(Target(
            f"HTML per record page at {largest.size:,} within {MAX_HTML_GROWTH:.0%} of {smallest.size:,}",
            abs(growth) <= MAX_HTML_GROWTH,
            f"{largest.portal_site.html_per_record:,.0f} vs {smallest.portal_site.html_per_record:,.0f} "
            f"bytes ({growth:+.1%})"))
    worst = max(results, key=lambda r: r.peak_mb)
    targets.append(Target(f"peak memory of a portal build under {MAX_PEAK_MEMORY_MB:.0f} MB",
                          worst.peak_mb < MAX_PEAK_MEMORY_MB,
                          f"{worst.peak_mb:.1f} MB at N = {worst.size:,}"))
    rate = largest.throughput.records_per_second
    targets.append(Target(f"anonymisation check + tagging at least {MIN_RECORDS_PER_SECOND:,.0f} records/s",
                          rate >= MIN_RECORDS_PER_SECOND,
                          f"{rate:,.0f} records/s at N = {largest.size:,}"))
    return targets


def format_targets(targets: list[Target]) -> str:
    labels = {True: "PASS", False: "FAIL", None: "N/A "}
    return "\n".join(f"{labels[t.passed]}  {t.name}: {t.detail}" for t in targets)


def machine_info() -> dict:
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    cpu = platform.processor() or platform.machine()
    try:
        models = re.findall(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)
        cpu = models[0].strip() if models else cpu
    except OSError:
        pass

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {
        "date": dt.date.today().isoformat(),
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
    }


def draw_plot(results: list[SizeResult], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    sizes = [r.size for r in results]
    plain = [r.plain.cpu for r in results]
    figure, axes = plt.subplots(figsize=(6.4, 4.0), dpi=100)
    axes.plot(sizes, [r.portal.cpu for r in results], marker="o", color="#1d3a6b",
              label="Portal build, cold (empty cache)")
    axes.plot(sizes, [r.warm.cpu for r in results], marker="^", linestyle="-.", color="#2e7d32",
              label="Portal build, warm (records unchanged)")
    axes.plot(sizes, plain, marker="s", linestyle="--", color="#b35900",
              label="Plain MkDocs + Material, same pages")
    axes.plot(sizes, [w * MAX_BUILD_RATIO for w in plain], linestyle=":", color="#555555",
              label=f"Target: {MAX_BUILD_RATIO} x plain")
    if len(sizes) > 1:
        axes.set_xscale("log")
        axes.set_yscale("log")
    axes.xaxis.set_major_locator(FixedLocator(sizes))
    axes.xaxis.set_minor_locator(NullLocator())
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    axes.yaxis.set_minor_formatter(FuncFormatter(lambda value, _: ""))
    axes.set_xlabel("Records (dilemmas)")
    axes.set_ylabel("Build time, CPU seconds")
    axes.set_title("Build time against number of records")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend()
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="png")
    plt.close(figure)


def results_markdown(results: list[SizeResult], targets: list[Target], machine: dict, args) -> str:
    labels = {True: "Pass", False: "**Fail**", None: "Not measured"}
    lines = [
        BLOCK_START,
        f"Run on {machine['date']} with `python scripts/bench.py --sizes "
        f"{','.join(str(r.size) for r in results)} --seed {args.seed} --repeat {args.repeat} --record`.",
        "",
        f"- Machine: {machine['cores']} cores ({machine['cpu']}), {machine['memory']} memory, "
        f"{machine['system']}",
        f"- Python {machine['python']}, MkDocs {machine['mkdocs']}, "
        f"Material for MkDocs {machine['mkdocs-material']}",
        "",
        "Cold: the results cache is empty (a first build, or the code or rules changed). "
        "Warm: no record changed since the last build (a change to one record adds its own "
        "check, about a millisecond).",
        "",
        "| Records | Plain CPU s | Cold portal CPU s | Cold ratio | Warm portal CPU s | Warm ratio "
        "| Plain wall s | Cold wall s | Warm wall s "
        "| Peak memory MB | Site MB | HTML bytes per record page | Search index bytes per record "
        "| Check + tagging records/s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.size:,} | {r.plain.cpu:.2f} | {r.portal.cpu:.2f} | {r.cpu_ratio:.3f} "
            f"| {r.warm.cpu:.2f} | {r.warm_cpu_ratio:.3f} "
            f"| {r.plain.wall:.2f} | {r.portal.wall:.2f} | {r.warm.wall:.2f} | {r.peak_mb:.0f} "
            f"| {r.portal_site.site_bytes / 1e6:.1f} | {r.portal_site.html_per_record:,.0f} "
            f"| {r.portal_site.search_per_record:,.0f} | {r.throughput.records_per_second:,.0f} |")
    lines += ["", "| Target | Result | Measured |", "|---|---|---|"]
    for t in targets:
        lines.append(f"| {t.name[:1].upper() + t.name[1:]} | {labels[t.passed]} | {t.detail} |")
    lines += ["", f"![{plot_description(results)}]({PLOT.name})", BLOCK_END]
    return "\n".join(lines)


def plot_description(results: list[SizeResult]) -> str:
    """Alt text for the plot, written from the figures it shows."""
    sizes = ", ".join(f"{r.size:,}" for r in results)
    parts = [f"Line chart of build time in CPU seconds against the number of records ({sizes}), "
             "on logarithmic scales, for the portal build with an empty results cache (cold) and "
             "with its records unchanged since the last build (warm), for plain MkDocs with "
             f"Material building the same pages, and for the target of {MAX_BUILD_RATIO} times the "
             "plain build."]
    for r in results:
        parts.append(f"At {r.size:,} records the plain build takes {r.plain.cpu:.1f} seconds, the "
                     f"portal {r.portal.cpu:.1f} cold ({r.cpu_ratio:.2f} times as long) and "
                     f"{r.warm.cpu:.1f} warm ({r.warm_cpu_ratio:.2f} times).")
    return " ".join(parts)


def record(results, targets, machine, args, page: Path = PAGE) -> None:
    text = page.read_text(encoding="utf-8")
    if BLOCK_START not in text or BLOCK_END not in text:
        raise BenchError(f"{page} has no results block ({BLOCK_START} ... {BLOCK_END})")
    before, rest = text.split(BLOCK_START, 1)
    _, after = rest.split(BLOCK_END, 1)
    page.write_text(before + results_markdown(results, targets, machine, args) + after, encoding="utf-8")


# -- command line ---------------------------------------------------------------------------
def parse_sizes(value: str) -> list[int]:
    try:
        sizes = sorted({int(part) for part in value.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"sizes must be whole numbers separated by commas: {value!r}")
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes must be at least 1")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=parse_sizes, default=[100, 1000, 5000],
                        help="numbers of records to build, comma-separated (default 100,1000,5000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic corpus (default 1)")
    parser.add_argument("--repeat", type=int, default=2,
                        help="timed builds of each kind per size, interleaved; the fastest counts "
                             "(default 2)")
    parser.add_argument("--out", type=Path, help="working folder (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the fixture sites and built sites")
    parser.add_argument("--plot", type=Path, help="draw the build-time plot (PNG) here")
    parser.add_argument("--record", action="store_true",
                        help=f"rewrite the results block of {PAGE.relative_to(ROOT)} and redraw "
                             f"{PLOT.relative_to(ROOT)}")
    parser.add_argument("--no-fail", action="store_true", help="report missed targets but exit 0")
    parser.add_argument("--no-git-history", dest="git_history", action="store_false",
                        help="do not give the fixture site a git history (the records' changes, "
                             "one commit per day)")
    parser.add_argument("--no-strict", dest="strict", action="store_false",
                        help="build without --strict (when the repository's own pages have warnings)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    def progress(message: str) -> None:
        print(f"bench: {message}", file=sys.stderr, flush=True)

    work = args.out.resolve() if args.out else Path(tempfile.mkdtemp(prefix="portal-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    machine = machine_info()
    print(f"Portal scale benchmark, {machine['date']}: {machine['cores']} cores ({machine['cpu']}), "
          f"{machine['memory']}; Python {machine['python']}, MkDocs {machine['mkdocs']}, "
          f"Material {machine['mkdocs-material']}; seed {args.seed}", flush=True)
    results: list[SizeResult] = []
    try:
        for size in args.sizes:
            result = run_size(size, args, work, progress)
            results.append(result)
            print("\n" + format_size(result), flush=True)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    finally:
        if not args.keep and not args.out:
            shutil.rmtree(work, ignore_errors=True)

    targets = evaluate_targets(results)
    print("\nTargets\n" + format_targets(targets))
    if args.out:
        payload = {"machine": machine, "seed": args.seed, "repeat": args.repeat,
                   "results": [asdict(r) for r in results],
                   "targets": [asdict(t) for t in targets]}
        (work / "results.json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    for plot in dict.fromkeys(p for p in (args.plot, PLOT if args.record else None) if p):
        draw_plot(results, plot)
        print(f"bench: drew {plot}", file=sys.stderr)
    if args.record:
        record(results, targets, machine, args)
        print(f"bench: recorded the results in {PAGE.relative_to(ROOT)}", file=sys.stderr)
    if args.keep:
        print(f"bench: kept the sites in {work}", file=sys.stderr)
    missed = [t for t in targets if t.passed is False]
    return 1 if missed and not args.no_fail else 0


if __name__ == "__main__":
    sys.exit(main())
