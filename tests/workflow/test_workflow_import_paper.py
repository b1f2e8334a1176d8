"""Importing a panel paper: one meeting record and one draft per numbered
dilemma, the author's role but never their name or contact details, and a
second run that changes nothing."""
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portal.importer import TITLE_MARK, ImportRefused, import_paper, normalised_text
from portal.load import load_records
from sitekit import build, make_site

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "import_paper.py"
SEED_NAME = "seeds/000_a655b0c0e04f42eb.txt"
# The real panel paper lives in shared/, beside the repository.
SEED = next((folder / SEED_NAME for folder in (ROOT.parent / "shared", Path("/work/shared"))
             if (folder / SEED_NAME).exists()), ROOT.parent / "shared" / SEED_NAME)
PAPERS = Path(__file__).parent / "papers"
REAL_MEETING = "2023-03-28"
# The seed's author and contact details: none may reach a record.
SEED_PRIVATE = ("kealey", "chris.kealey", "@leics.police.uk", "chris ")


def run_import(paper, records_dir, *args):
    return subprocess.run([sys.executable, str(SCRIPT), str(paper), "--records-dir", str(records_dir), *args],
                          capture_output=True, text=True, cwd=records_dir.parent)


def import_here(paper, records_dir, **options):
    """The importer itself, in this process (the command line is tested above)."""
    return import_paper(paper, records_dir, themes_file=ROOT / "config" / "themes.yml", **options)


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def records_of(folder: Path) -> dict:
    sources, problems = load_records(folder, folder)
    assert problems == []
    return {s.path: s for s in sources}


def section(body: str, heading: str) -> str:
    parts = body.split(f"## {heading}\n", 1)
    return parts[1].split("\n## ", 1)[0] if len(parts) == 2 else ""


@pytest.fixture
def seed_paper(tmp_path):
    if not SEED.exists():
        pytest.skip(f"the real seed paper is not at {SEED} (shared/ is beside the repository in CI)")
    return SEED


def test_the_seed_paper_imports_as_the_real_records_were_written(seed_paper, tmp_path):
    records = tmp_path / "dilemmas"
    records.mkdir()
    result = run_import(seed_paper, records)
    assert result.returncode == 0, result.stderr
    created = [line for line in result.stdout.splitlines() if line.startswith("created ")]
    assert len(created) == 7
    assert created[0] == f"created dilemmas/{REAL_MEETING}/meeting.md (meeting of {REAL_MEETING})"

    imported, real = records_of(records), records_of(ROOT / "dilemmas")
    meeting, real_meeting = imported[f"{REAL_MEETING}/meeting.md"].meta, real[f"{REAL_MEETING}/meeting.md"].meta
    for key in ("date", "start", "end", "title", "subject", "report_of", "author_role", "purpose",
                "recommendations", "appendices"):
        assert " ".join(str(meeting[key]).split()) == " ".join(str(real_meeting[key]).split()), key
    assert normalised_text(imported[f"{REAL_MEETING}/meeting.md"].body) == normalised_text(
        real[f"{REAL_MEETING}/meeting.md"].body)

    for number in range(1, 7):
        new = imported[f"{REAL_MEETING}/2023-00{number}.md"]
        old = real[f"{REAL_MEETING}/2023-00{number}.md"]
        assert new.meta["status"] == "draft" and new.meta["meeting"] == REAL_MEETING
        assert new.meta["title"].startswith(TITLE_MARK + " ")
        assert new.meta["themes"] == ["social-media"]  # from "Appendix A – Social Media"
        for heading in ("Scenario", "Questions for the panel"):
            assert normalised_text(section(new.body, heading)) == normalised_text(section(old.body, heading))
    assert "Should police use the corporate 'Leicestershire Police' account to try to make\ncontact?" in \
        imported[f"{REAL_MEETING}/2023-004.md"].body

    everything = "\n".join(p.read_text() for p in records.rglob("*.md")).lower()
    for private in SEED_PRIVATE:
        assert private not in everything
    assert "chris" not in result.stdout.lower() and "kealey" not in result.stdout.lower()


def test_running_it_again_changes_nothing(seed_paper, tmp_path):
    records = tmp_path / "dilemmas"
    records.mkdir()
    assert run_import(seed_paper, records).returncode == 0
    before = snapshot(records)
    again = run_import(seed_paper, records)
    assert again.returncode == 0
    assert snapshot(records) == before
    assert [line.split(" ", 1)[0] for line in again.stdout.splitlines()[:7]] == ["unchanged"] * 7
    assert "Nothing new" in again.stdout


def test_the_real_records_already_hold_the_seed_paper(seed_paper, tmp_path):
    records = tmp_path / "dilemmas"
    shutil.copytree(ROOT / "dilemmas", records)
    before = snapshot(records)
    result = run_import(seed_paper, records)
    assert result.returncode == 0
    assert snapshot(records) == before
    assert f"unchanged dilemmas/{REAL_MEETING}/2023-004.md (2023-004): dilemma 4 of Appendix A – Social Media" \
        in result.stdout


def test_a_record_edited_after_import_still_counts_as_imported(seed_paper, tmp_path):
    records = tmp_path / "dilemmas"
    records.mkdir()
    run_import(seed_paper, records)
    path = records / REAL_MEETING / "2023-002.md"
    path.write_text(path.read_text().replace("Loughborough town", "a town").replace("Twitter", "social media"))
    before = snapshot(records)
    result = run_import(seed_paper, records)
    assert snapshot(records) == before
    assert "unchanged dilemmas/2023-03-28/2023-002.md (2023-002): dilemma 2 of Appendix A – Social Media, " \
           "edited since it was imported" in result.stdout


def test_a_dry_run_writes_nothing(seed_paper, tmp_path):
    records = tmp_path / "dilemmas"
    records.mkdir()
    result = run_import(seed_paper, records, "--dry-run")
    assert result.returncode == 0
    assert list(records.iterdir()) == []
    assert result.stdout.count("would create ") == 7


def test_a_markdown_paper_with_two_appendices(tmp_path):
    records = tmp_path / "dilemmas"
    records.mkdir()
    import_here(PAPERS / "fictional_committee_markdown.md", records)
    imported = records_of(records)
    meeting = imported["2098-10-15/meeting.md"].meta
    assert (meeting["start"], meeting["end"], meeting["status"]) == ("14:00", "16:30", "scheduled")
    assert meeting["report_of"] == "Deputy Chief Constable"
    assert meeting["author_role"] == "Head of Professional Standards"
    assert meeting["subject"] == "Dilemmas for the autumn meeting"
    assert meeting["appendices"] == ["Appendix A – Custody", "Appendix B – Use of Force"]
    assert meeting["purpose"] == ("To ask the committee for its views on the fictional dilemmas set out "
                                  "in the appendices.")
    first, second, third = (imported[f"2098-10-15/2098-00{n}.md"] for n in (1, 2, 3))
    assert first.meta["themes"] == ["custody"] and second.meta["themes"] == ["custody"]
    assert third.meta["themes"] == ["use-of-force"]
    # Wrapped lines are one paragraph; the trailing questions go to the panel.
    assert section(third.body, "Questions for the panel").strip() == (
        "How should the supervisor respond? Should the incident be recorded as a use of\nforce?")
    assert section(first.body, "Scenario").strip().endswith("says they will harm themselves if refused.")
    everything = "\n".join(p.read_text() for p in records.rglob("*.md")).lower()
    for private in ("alex", "example.com", "0116 496 0123", "professional standards\n\nemail"):
        assert private not in everything


def test_a_plain_text_paper_numbered_dash_one_with_three_appendices(tmp_path):
    records = tmp_path / "dilemmas"
    records.mkdir()
    import_here(PAPERS / "fictional_panel_plain.txt", records)
    imported = records_of(records)
    assert len([p for p in imported if p.startswith("2099-02-03/2099-")]) == 4
    assert imported["2099-02-03/meeting.md"].meta["author_role"] == "Ethics Lead"
    themes = {p: s.meta.get("themes") for p, s in imported.items() if s.meta["type"] == "dilemma"}
    assert themes == {"2099-02-03/2099-001.md": ["social-media"], "2099-02-03/2099-002.md": ["social-media"],
                      "2099-02-03/2099-003.md": ["custody"],
                      # "Gardening" names no theme of the taxonomy: no themes field at all.
                      "2099-02-03/2099-004.md": None}
    text = imported["2099-02-03/2099-001.md"].body
    assert "Page 1" not in text and "OFFICIAL" not in text
    assert "sam" not in "\n".join(p.read_text() for p in records.rglob("*.md")).lower()


def write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("FICTIONAL ETHICS PANEL", level=1)
    table = document.add_table(rows=4, cols=2)
    for row, (key, value) in zip(table.rows, [
            ("Report of", "CHIEF CONSTABLE"), ("Subject", "ETHICAL DILEMMAS"),
            ("Date", "MONDAY 7 SEPTEMBER 2099 09:30 – 11:00"),
            ("Author", "JORDAN PLACEHOLDER, HEAD OF CORPORATE COMMUNICATIONS")]):
        row.cells[0].text, row.cells[1].text = key, value
    document.add_heading("Purpose of Report", level=2)
    document.add_paragraph("To seek the panel's views on two fictional dilemmas.", style="List Number")
    document.add_heading("Recommendations", level=2)
    document.add_paragraph("That the panel gives its views.", style="List Number")
    document.add_heading("List of Appendices", level=2)
    document.add_paragraph("Appendix A – Custody")
    document.add_paragraph("Appendix B – Social Media")
    document.add_heading("Person to Contact", level=2)
    document.add_paragraph("Jordan Placeholder – Head of Corporate Communications")
    document.add_paragraph("Email: jordan.placeholder@example.com")
    document.add_heading("Appendix A – Custody", level=1)
    document.add_paragraph("A fictional detainee asks to keep a religious item in the cell. Staff are "
                           "unsure of the risk. What should the custody sergeant do?", style="List Number")
    document.add_heading("Appendix B – Social Media", level=1)
    document.add_paragraph("A fictional officer is tagged in a stranger's post about a night out. "
                           "Should the officer ask for the tag to be removed?", style="List Number")
    document.save(str(path))


def test_a_word_paper(tmp_path):
    paper = tmp_path / "fictional paper.docx"
    write_docx(paper)
    records = tmp_path / "dilemmas"
    records.mkdir()
    import_here(paper, records)
    imported = records_of(records)
    meeting = imported["2099-09-07/meeting.md"].meta
    assert (meeting["start"], meeting["end"]) == ("09:30", "11:00")
    assert meeting["author_role"] == "Head of Corporate Communications"
    assert meeting["purpose"] == "To seek the panel's views on two fictional dilemmas."
    custody, social = imported["2099-09-07/2099-001.md"], imported["2099-09-07/2099-002.md"]
    assert custody.meta["themes"] == ["custody"] and social.meta["themes"] == ["social-media"]
    assert section(social.body, "Questions for the panel").strip() == \
        "Should the officer ask for the tag to be removed?"
    assert "jordan" not in "\n".join(p.read_text() for p in records.rglob("*.md")).lower()


def test_a_paper_whose_dilemma_names_its_author_is_refused_and_nothing_is_written(tmp_path):
    text = (PAPERS / "fictional_committee_markdown.md").read_text().replace(
        "Nobody is hurt.", "Alex Example saw it happen. Nobody is hurt.")
    paper = tmp_path / "paper.md"
    paper.write_text(text)
    records = tmp_path / "dilemmas"
    records.mkdir()
    with pytest.raises(ImportRefused) as refused:
        import_here(paper, records)
    assert "contains the paper author's name or contact details" in str(refused.value)
    assert "alex" not in str(refused.value).lower()
    assert list(records.iterdir()) == []


def test_a_paper_without_a_date_or_dilemmas_is_refused(tmp_path):
    records = tmp_path / "dilemmas"
    records.mkdir()
    paper = tmp_path / "paper.txt"
    paper.write_text("Subject ETHICAL DILEMMAS\n\nPurpose of Report\n1. Nothing.\n")
    result = run_import(paper, records)  # the command line says why and fails
    assert result.returncode == 1 and "has no meeting date" in result.stderr
    paper.write_text("Date 1 May 2099\n\nPurpose of Report\n1. Nothing.\n")
    with pytest.raises(ImportRefused, match="no numbered dilemmas"):
        import_here(paper, records)


def test_new_ids_follow_every_id_already_used_that_year(seed_paper, tmp_path):
    records = tmp_path / "dilemmas"
    shutil.copytree(ROOT / "dilemmas", records)
    paper = tmp_path / "later.md"
    paper.write_text((PAPERS / "fictional_committee_markdown.md").read_text().replace(
        "Wednesday 15th October 2098", "Wednesday 18th October 2023"))
    import_here(paper, records)
    assert sorted(p.name for p in (records / "2023-10-18").iterdir()) == [
        "2023-007.md", "2023-008.md", "2023-009.md", "meeting.md"]


def test_imported_records_validate_and_build_without_publishing_a_draft(tmp_path):
    site = make_site(tmp_path, real_records=False)
    import_here(PAPERS / "fictional_committee_markdown.md", site / "dilemmas")
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--root", str(site)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    built = build(site)
    assert built.ok, built.output
    text = built.all_text()
    assert "Dilemmas for the autumn meeting" in text  # the meeting is public
    # Its drafts are not: neither their text nor their derived titles.
    assert "second phone call" not in text and "A detained person asks a custody sergeant" not in text


@pytest.mark.parametrize("line, expected", [
    ("Date TUESDAY 28 MARCH 2023 10:00 – 12:00", ("2023-03-28", "10:00", "12:00")),
    ("Date: 28/03/2023, 10.00 - 12.00", ("2023-03-28", "10:00", "12:00")),
    ("**Date:** Wednesday 1st November 2099 at 6pm", ("2099-11-01", "18:00", "")),
    ("Date 2099-04-30 09:15–10:45", ("2099-04-30", "09:15", "10:45")),
    ("Date 5 Sept 2099", ("2099-09-05", "", "")),
])
def test_meeting_dates_and_times_in_the_forms_papers_use(line, expected):
    from portal.importer import parse_paper

    paper = parse_paper([line, "", "Purpose of Report", "1. A fictional purpose."])
    assert (paper.date.isoformat(), paper.start, paper.end) == expected


@pytest.mark.parametrize("author, role", [
    ("CHRIS EXAMPLE, HEAD OF COMMUNICATIONS AND ENGAGEMENT", "Head of Communications and Engagement"),
    ("Sam Sample – Ethics Lead, Professional Standards", "Ethics Lead, Professional Standards"),
    ("SAM SAMPLE", ""),  # a name alone: no role, and the name is never taken for one
    ("SAM SAMPLE, FICTIONAL", ""),  # not recognisably a role
])
def test_only_the_authors_role_is_kept(author, role):
    from portal.importer import parse_paper

    paper = parse_paper(["Date 1 May 2099", f"Author {author}", "", "Purpose of Report", "1. Nothing."])
    assert paper.author_role == role
    if not role:
        assert "author's role was not imported" in paper.notes[0]
