"""Creating new records: a blank dilemma for an editor to write
(scripts/new.py), or a meeting and its draft dilemmas read from a panel
paper (scripts/import_paper.py).

Both give a dilemma the next free id of its meeting's year and never reuse
an id that was ever used: ids in every record (drafts and withdrawn ones
included), in file names, and in the git history of the records folder
(one ``git log`` call), so a deleted draft's id stays retired.

A paper is read as lines of text: a .txt or .md export as it is, a .docx
converted paragraph by paragraph (headings, numbered lists and tables kept).
The author's role is imported, never the author's name or contact details:
the "Person to Contact" part of a paper is skipped, and before anything is
written every new record is searched for the author's name and for any email
address in the paper; if one is found, nothing is written.

Importing is idempotent: a dilemma whose normalised text (case, quotes,
punctuation, spacing and headings ignored) matches a record already filed for
the same meeting, or is at least 80% the same after an editor's changes, is
reported as unchanged and not created again.

Every imported dilemma is a ``draft`` whose title is derived from its first
sentence and marked ``[Title to review]``: a draft is never published, and a
record still carrying a marker cannot be made public (scripts/validate.py
refuses it, before each commit and on every pull request).

No MkDocs here: the scripts are thin command-line wrappers.
"""
from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
import subprocess
import textwrap
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .load import load_records, parse_source
from .schema import EDITOR_MARK, ID_MAX_LENGTH, ID_PATTERN, TITLE_MARK

TITLE_WORDS_LIMIT = 70  # characters of the first sentence kept in a derived title
WRAP = 79
# An edited record still counts as the same dilemma when this similar (0..1):
# editors reword while anonymising, while two dilemmas of one paper share little.
SAME_DILEMMA_SIMILARITY = 0.8

_SEQUENCE_ID = re.compile(r"^(\d{4})-(\d{3,})$")
_ID_LINE = re.compile(r"""^[+-]?id:\s*["']?([^"'\s#]+)""", re.MULTILINE)


class ImportRefused(Exception):
    """Nothing was written, for the reason given (one line, no personal data)."""


# -- ids --------------------------------------------------------------------

def ids_in_folder(records_dir: Path, sources=None) -> set[str]:
    """Every id a record below ``records_dir`` uses or its file name suggests."""
    used: set[str] = set()
    if sources is None:
        sources, _ = load_records(records_dir, records_dir)
    for source in sources:
        value = (source.meta or {}).get("id")
        if isinstance(value, str):
            used.add(value.strip())
        else:  # unreadable front matter: the id line may still be there
            match = _ID_LINE.search(source.text[:2000])
            if match:
                used.add(match.group(1))
        used.add(Path(source.path).stem)
    return used


def ids_in_git_history(records_dir: Path) -> set[str]:
    """Ids any record below ``records_dir`` ever had on any branch: one git call
    listing only the changes that added, removed or changed an ``id:`` line.
    Empty outside a git repository."""
    records_dir = Path(records_dir)
    if not records_dir.is_dir():
        return set()
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotePath=false", "log", "--all", "--format=", "-p", "-U0",
             "--no-color", "--no-ext-diff", "-G^id:", "--", "."],
            cwd=records_dir, capture_output=True, timeout=300)
    except (OSError, subprocess.SubprocessError):
        return set()
    if result.returncode != 0:
        return set()
    text = result.stdout.decode("utf-8", errors="replace")
    used = {m.group(1) for m in _ID_LINE.finditer(text)}
    used |= {Path(m.group(1)).stem for m in re.finditer(r"^[+-]{3} [ab]/(\S+\.md)$", text, re.MULTILINE)}
    return used


def next_free_id(year: int, used: set[str]) -> str:
    """``YYYY-NNN``: one more than the highest sequence ever used in that year
    (gaps are never filled: a gap is an id that may have been used)."""
    highest = 0
    for record_id in used:
        match = _SEQUENCE_ID.match(record_id)
        if match and int(match.group(1)) == year:
            highest = max(highest, int(match.group(2)))
    new_id = f"{year}-{highest + 1:03d}"
    if len(new_id) > ID_MAX_LENGTH or not ID_PATTERN.match(new_id):  # pragma: no cover - 10^36 records
        raise ImportRefused(f"no free id left for {year}")
    return new_id


def all_used_ids(records_dir: Path, sources=None) -> set[str]:
    return ids_in_folder(records_dir, sources) | ids_in_git_history(records_dir)


# -- writing records ----------------------------------------------------------

def _plain_ok(value: str) -> bool:
    """Whether ``value`` reads back unchanged when written unquoted."""
    if not value or value != value.strip() or "\n" in value:
        return False
    if re.match(r"^[0-9:._-]+$", value) and ":" in value:
        return False  # a time: YAML 1.1 readers would take 10:00 for the number 600
    source, problems = parse_source(f"---\nk: {value}\n---\n".encode(), "value")
    return not problems and source is not None and source.meta == {"k": value}


def yaml_value(value: str) -> str:
    return value if _plain_ok(value) else json.dumps(value, ensure_ascii=False)


def front_matter(fields: list[tuple[str, object]]) -> str:
    """Front matter in the style of the hand-written records: plain where
    safe, double-quoted otherwise, long text folded, lists one item a line."""
    out = ["---"]
    for key, value in fields:
        if value in (None, "", []):
            continue
        if isinstance(value, list):
            out.append(f"{key}:")
            out += [f"  - {yaml_value(str(item))}" for item in value]
        elif isinstance(value, str) and len(key) + len(value) + 2 > WRAP and _plain_ok(value):
            out.append(f"{key}: >-")
            out += textwrap.wrap(value, WRAP - 2, initial_indent="  ", subsequent_indent="  ",
                                 break_long_words=False, break_on_hyphens=False)
        else:
            out.append(f"{key}: {yaml_value(str(value))}")
    out.append("---")
    return "\n".join(out) + "\n"


def wrap_paragraphs(text: str) -> str:
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "\n\n".join(textwrap.fill(p, WRAP, break_long_words=False, break_on_hyphens=False)
                       for p in paragraphs)


def dilemma_text(record_id: str, title: str, meeting: str, scenario: str, questions: str,
                 themes: list[str] | None = None) -> str:
    head = front_matter([("type", "dilemma"), ("id", record_id), ("title", title),
                         ("status", "draft"), ("meeting", meeting), ("themes", themes or [])])
    body = f"\n## Scenario\n\n{wrap_paragraphs(scenario)}\n"
    if questions.strip():
        body += f"\n## Questions for the panel\n\n{wrap_paragraphs(questions)}\n"
    return head + body


def meeting_status(date: dt.date, today: dt.date | None = None) -> str:
    return "scheduled" if date > (today or dt.date.today()) else "held"


def minimal_meeting_text(date: dt.date, subject: str = "Ethical dilemmas") -> str:
    return front_matter([("type", "meeting"), ("date", date.isoformat()), ("subject", subject),
                         ("status", meeting_status(date))])


# -- new.py: a blank dilemma ---------------------------------------------------

@dataclass
class Created:
    path: Path
    kind: str  # "dilemma" or "meeting"
    record_id: str = ""
    title: str = ""
    state: str = "created"  # "created", "unchanged", "would create"
    note: str = ""


def find_meeting(sources, date: dt.date):
    """The loaded meeting record for ``date``, or None."""
    for source in sources:
        meta = source.meta or {}
        if meta.get("type") == "meeting" and str(meta.get("date", "")).strip() == date.isoformat():
            return source
    return None


def scaffold_dilemma(records_dir: Path, meeting_date: dt.date, title: str, *,
                     create_meeting: bool = False, subject: str = "Ethical dilemmas") -> list[Created]:
    """Create a draft dilemma for the meeting on ``meeting_date`` (and, when
    asked, a minimal scheduled meeting record). Returns what was created."""
    title = " ".join(title.split())
    if not title:
        raise ImportRefused("the title is empty; give a short, neutral title that identifies no one")
    if len(title) > 200:
        raise ImportRefused("the title is longer than 200 characters")
    records_dir = Path(records_dir)
    if not records_dir.is_dir():
        raise ImportRefused(f"the records folder {records_dir} does not exist")
    sources, _ = load_records(records_dir, records_dir)
    created: list[Created] = []
    folder = records_dir / meeting_date.isoformat()
    if find_meeting(sources, meeting_date) is None:
        if not create_meeting:
            raise ImportRefused(
                f"there is no meeting record for {meeting_date.isoformat()}; check the date, "
                "or add --create-meeting to create a minimal scheduled meeting record")
        meeting_path = folder / "meeting.md"
        if meeting_path.exists():
            raise ImportRefused(f"{meeting_path} exists but is not a readable meeting record for "
                                f"{meeting_date.isoformat()}; fix it first")
        folder.mkdir(parents=True, exist_ok=True)
        _write_new(meeting_path, minimal_meeting_text(meeting_date, subject))
        created.append(Created(meeting_path, "meeting", meeting_date.isoformat()))
    record_id = next_free_id(meeting_date.year, all_used_ids(records_dir, sources))
    path = folder / f"{record_id}.md"
    text = dilemma_text(
        record_id, title, meeting_date.isoformat(),
        f"{EDITOR_MARK} write the anonymised scenario here: what happened, with no names, "
        "places, exact dates or other details that could identify anyone.]",
        f"{EDITOR_MARK} the question or questions put to the panel.]")
    folder.mkdir(parents=True, exist_ok=True)
    _write_new(path, text)
    created.append(Created(path, "dilemma", record_id, title))
    return created


def _write_new(path: Path, text: str) -> None:
    """Write a new file; never overwrite one (exclusive create)."""
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ImportRefused(f"{path} already exists; it was not overwritten") from None


# -- reading a paper ------------------------------------------------------------

@dataclass
class PaperDilemma:
    number: int
    text: str  # the numbered paragraph(s), as in the paper
    appendix: str = ""  # "Appendix A – Social Media", from the list of appendices
    heading: str = ""  # the appendix's own heading, e.g. "Police use of social media"

    @property
    def scenario_and_questions(self) -> tuple[str, str]:
        return split_questions(self.text)

    @property
    def theme_hints(self) -> list[str]:
        hints = [_appendix_title(self.appendix), self.heading]
        return [h for h in hints if h]


@dataclass
class Paper:
    date: dt.date | None = None
    start: str = ""
    end: str = ""
    title: str = ""
    subject: str = ""
    report_of: str = ""
    author_role: str = ""
    purpose: str = ""
    recommendations: str = ""
    commentary: list[str] = field(default_factory=list)
    implications: list[str] = field(default_factory=list)
    background_papers: str = ""
    appendices: list[str] = field(default_factory=list)
    dilemmas: list[PaperDilemma] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Never written anywhere: used only to make sure no record contains them.
    private_terms: list[str] = field(default_factory=list, repr=False)


_SECTIONS = {
    "purpose of report": "purpose", "purpose of the report": "purpose", "purpose": "purpose",
    "recommendations": "recommendations", "recommendation": "recommendations",
    "commentary": "commentary", "introduction": "commentary", "report": "commentary",
    "implications": "implications",
    "list of appendices": "appendix-list", "appendices": "appendix-list",
    "background papers": "background",
    "person to contact": "contact", "persons to contact": "contact", "contact": "contact",
    "contact officer": "contact", "contact details": "contact",
}
_META = re.compile(r"^(report of|subject|date|author)\b\s*:?\s*(.*)$", re.IGNORECASE)
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_NUMBERED = re.compile(r"^(?:[-*•]\s+)?(\d{1,3})[.)]\s+(.*)$")
_APPENDIX = re.compile(r"^appendix\s+([A-Z]|\d{1,2})\b\s*(?:[–—:-]\s*)?(.*)$", re.IGNORECASE)
_FURNITURE = re.compile(r"^(page \d+( of \d+)?|official(-sensitive)?|not protectively marked|\d{1,3})$",
                        re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+44\s?|\b0)\d[\d\s]{8,12}\d\b")
_IMPLICATION_ITEM = re.compile(r"^[A-Z][^:]{0,60}:(\s|$)")
_MONTHS = {name.lower(): number for number, name in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], start=1)}
_MONTHS.update({name[:3]: number for name, number in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_SMALL_WORDS = {"of", "and", "the", "for", "in", "on", "to", "at", "a", "an", "or", "by", "with"}
_ACRONYMS = {"IT", "HR", "ICT", "PCC", "OPCC", "CID", "ACC", "DCC", "PSD", "CEO", "UK", "QPM"}
_ROLE_WORDS = {"head", "chief", "officer", "manager", "director", "inspector", "superintendent",
               "constable", "lead", "commissioner", "secretary", "adviser", "advisor", "coordinator",
               "analyst", "sergeant", "commander", "deputy", "assistant", "team", "unit"}


def read_paper_lines(path: Path) -> list[str]:
    """The paper as lines of Markdown-like text."""
    path = Path(path)
    if path.suffix.lower() == ".docx":
        return docx_lines(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise ImportRefused(f"{path} is not UTF-8 text; save it as UTF-8 (or give the .docx)") from None
    except OSError as exc:
        raise ImportRefused(f"{path} cannot be read: {exc.strerror or exc}") from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def docx_lines(path: Path) -> list[str]:
    """A Word paper as lines: headings as '#', numbered paragraphs as 'N.',
    bullets as '-', each table row as one line of its cells."""
    try:
        import docx  # python-docx: only needed for Word papers
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - installed with requirements-dev.txt
        raise ImportRefused("reading .docx papers needs python-docx (pip install -r "
                            "requirements-dev.txt), or save the paper as text") from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a damaged file
        raise ImportRefused(f"{path} cannot be read as a Word document ({type(exc).__name__})") from None
    lines: list[str] = []
    counter = 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            for row in Table(child, document).rows:
                cells = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if text and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                lines += [" ".join(cells), ""]
            continue
        if tag != "p":
            continue
        paragraph = Paragraph(child, document)
        text = " ".join(paragraph.text.split())
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        numbered = child.pPr is not None and child.pPr.numPr is not None
        if not text:
            lines.append("")
            continue
        heading = re.match(r"^Heading (\d)$", style)
        if heading or style == "Title":
            counter = 0
            level = int(heading.group(1)) if heading else 1
            lines += ["#" * level + " " + text, ""]
        elif style.startswith("List Number") or (numbered and not style.startswith("List Bullet")):
            counter += 1
            lines += [f"{counter}. {text}", ""]
        elif style.startswith("List Bullet"):
            lines += [f"- {text}", ""]
        else:
            lines += [text, ""]
    return lines


def _clean(line: str) -> str:
    """A line without Markdown emphasis, escapes or surrounding space."""
    line = line.replace("\u00a0", " ").strip()
    line = re.sub(r"(\*\*|__)(.*?)\1", r"\2", line)
    line = re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", line)
    return line.strip().strip("*").strip()


def parse_paper(lines: list[str]) -> Paper:
    paper = Paper()
    state = "preamble"
    section_lines: dict[str, list[str]] = {}
    blocks: list[dict] = []  # appendix blocks: letter, headings, items
    item: dict | None = None
    gap = False  # a blank line since the last text line
    appendices_from = len(lines)  # index of the first line of the appendices

    def new_block(letter: str = "", title: str = "") -> dict:
        block = {"letter": letter.upper(), "title": title, "headings": [], "items": []}
        blocks.append(block)
        return block

    for index, raw in enumerate(lines):
        heading_match = _HEADING.match(raw.strip())
        is_heading = heading_match is not None
        text = _clean(heading_match.group(2) if heading_match else raw)
        if not text:
            gap = True
            continue
        if _FURNITURE.match(text):
            continue
        key = text.lower().rstrip(":").strip()
        section = _SECTIONS.get(key)
        appendix = _APPENDIX.match(text)
        numbered = _NUMBERED.match(raw.strip().lstrip("#").strip())

        if state != "appendices":
            meta = _META.match(text) if state == "preamble" or not section_lines else None
            if section is not None and (is_heading or len(text) < 40):
                state = section
                section_lines.setdefault(section, [])
                gap = False
                continue
            if meta and not is_heading:
                _read_meta(paper, meta.group(1).lower(), meta.group(2))
                continue
            if state == "preamble":
                if is_heading and re.search(r"\b(panel|committee|board)\b", text, re.IGNORECASE):
                    paper.title = _title_case(text)
                continue
            after_report = state in ("appendix-list", "background", "contact")
            listed = [_APPENDIX.match(c.strip()) for c in section_lines.get("appendix-list", [])]
            listed_letters = {m.group(1).upper() for m in listed if m}
            starts_appendices = (
                # in the list of appendices, a letter listed already starts the appendices themselves
                (appendix and (state != "appendix-list" or appendix.group(1).upper() in listed_letters))
                or (is_heading and (after_report or re.search(r"appendix|dilemma|scenario", text, re.I)))
                or (numbered and after_report))
            if not starts_appendices:
                if state != "contact":  # the contact's name and details are never kept
                    section_lines[state].append(("\n\n" if gap else "") + text)
                gap = False
                continue
            state = "appendices"
            appendices_from = index
            new_block()
            # fall through: this line belongs to the appendices

        block = blocks[-1]
        if appendix and not numbered:
            letter, title = appendix.group(1), appendix.group(2).strip()
            block = block if not block["items"] and not block["letter"] else new_block()
            block["letter"], block["title"] = letter.upper(), title
            item = None
            continue
        if numbered:
            item = {"number": int(numbered.group(1)), "text": _clean(numbered.group(2))}
            block["items"].append(item)
            gap = False
            continue
        if is_heading:
            if block["items"]:
                block = new_block()
            block["headings"].append(text)
            item = None
            continue
        if item is not None:
            item["text"] += ("\n\n" if gap else " ") + text
        gap = False

    _read_sections(paper, section_lines)
    _assign_dilemmas(paper, blocks)
    _collect_private_terms(paper, lines[:appendices_from])
    return paper


def _read_meta(paper: Paper, key: str, value: str) -> None:
    value = " ".join(value.split())
    if key == "report of":
        paper.report_of = _title_case(value)
    elif key == "subject":
        paper.subject = _sentence_case(value)
    elif key == "date":
        _read_date(paper, value)
    elif key == "author":
        role = _author_role(value)
        if role:
            paper.author_role = role
        else:
            paper.notes.append("the author's role was not imported: the 'Author' line is not in the "
                               "form 'NAME, ROLE'; add author_role to the meeting record by hand")
        # The name part is remembered only to make sure no record contains it;
        # with no separator the whole line may be a name.
        parts = re.split(r"\s*(?:,|\s[–—-]\s)\s*", value, maxsplit=1)
        paper.private_terms.append(parts[0] if len(parts) == 2 else value)


def _author_role(value: str) -> str:
    """The role part of 'NAME, ROLE' (or 'NAME – ROLE'); '' when unsure, so
    that a name is never taken for a role."""
    parts = re.split(r"\s*(?:,|\s[–—-]\s)\s*", value, maxsplit=1)
    if len(parts) != 2 or not parts[1].strip():
        return ""
    role = parts[1].strip()
    if not set(re.findall(r"[a-z]+", role.lower())) & _ROLE_WORDS:
        return ""
    return _title_case(role)


def _read_date(paper: Paper, value: str) -> None:
    date_match = (re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", value)
                  or re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})\b", value)
                  or re.search(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b", value))
    if date_match is None:
        return
    groups = date_match.groups()
    try:
        if len(groups[0]) == 4:
            paper.date = dt.date(int(groups[0]), int(groups[1]), int(groups[2]))
        elif groups[1].isdigit():
            paper.date = dt.date(int(groups[2]), int(groups[1]), int(groups[0]))
        elif groups[1].lower() in _MONTHS:
            paper.date = dt.date(int(groups[2]), _MONTHS[groups[1].lower()], int(groups[0]))
    except ValueError:
        paper.date = None
    rest = value[:date_match.start()] + " " + value[date_match.end():]
    times = []
    for match in re.finditer(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?![\d/])", rest,
                             re.IGNORECASE):
        hour, minute, half = int(match.group(1)), int(match.group(2) or 0), (match.group(3) or "").lower()
        if match.group(2) is None and not half:
            continue  # a bare number is not a time
        if half.startswith("p") and hour < 12:
            hour += 12
        if half.startswith("a") and hour == 12:
            hour = 0
        if hour < 24 and minute < 60:
            times.append(f"{hour:02d}:{minute:02d}")
    if times:
        paper.start = times[0]
    if len(times) > 1 and times[1] > times[0]:
        paper.end = times[1]


def _strip_number(text: str) -> str:
    return re.sub(r"^\d+(?:\.\d+)*[.)]?\s+", "", text)


def _paragraphs(chunks: list[str]) -> list[str]:
    """Join wrapped lines; a blank line between two lines of one sentence
    (a common artefact of converted papers) does not split a paragraph."""
    paragraphs: list[str] = []
    for chunk in chunks:
        new_paragraph = chunk.startswith("\n\n")
        text = chunk.strip()
        if paragraphs and (not new_paragraph or not re.search(r"[.!?:]$", paragraphs[-1])
                           or text[:1].islower()):
            paragraphs[-1] += " " + text
        else:
            paragraphs.append(text)
    return [_strip_number(p) for p in paragraphs]


def _read_sections(paper: Paper, sections: dict[str, list[str]]) -> None:
    paper.purpose = " ".join(_paragraphs(sections.get("purpose", [])))
    paper.recommendations = " ".join(_paragraphs(sections.get("recommendations", [])))
    paper.commentary = _paragraphs(sections.get("commentary", []))
    items: list[str] = []
    for chunk in sections.get("implications", []):
        text = chunk.strip()
        if _IMPLICATION_ITEM.match(text) or not items:
            items.append(text)
        else:
            items[-1] += " " + text
    paper.implications = items
    paper.background_papers = " ".join(_paragraphs(sections.get("background", [])))
    for chunk in sections.get("appendix-list", []):
        if _APPENDIX.match(chunk.strip()):
            paper.appendices.append(" ".join(chunk.split()))


def _appendix_title(entry: str) -> str:
    match = _APPENDIX.match(entry.strip())
    return match.group(2).strip() if match else entry.strip()


def _assign_dilemmas(paper: Paper, blocks: list[dict]) -> None:
    by_letter = {}
    for entry in paper.appendices:
        match = _APPENDIX.match(entry)
        if match:
            by_letter[match.group(1).upper()] = entry
    with_items = [b for b in blocks if b["items"]]
    for index, block in enumerate(with_items):
        entry = by_letter.get(block["letter"], "")
        if not entry and block["letter"]:
            entry = f"Appendix {block['letter']} – {block['title']}".rstrip(" –")
        if not entry and not block["letter"] and len(with_items) == len(paper.appendices):
            entry = paper.appendices[index]
        heading = _specific_heading(block["headings"]) or block["title"]
        for item in block["items"]:
            paper.dilemmas.append(PaperDilemma(item["number"], item["text"].strip(), entry, heading))


def _specific_heading(headings: list[str]) -> str:
    """The heading that says what the appendix is about: 'Dilemmas for
    discussion - Police use of social media' gives 'Police use of social media'."""
    for heading in reversed(headings):
        if re.search(r"\b(panel|committee|board)\s*$", heading, re.IGNORECASE):
            continue  # the panel's name, repeated on the appendix's cover
        topic = re.sub(r"^(ethical\s+)?dilemmas?(\s+for\s+(discussion|the\s+panel))?\s*[–—:-]?\s*",
                       "", heading, flags=re.IGNORECASE).strip()
        if _APPENDIX.match(topic):
            topic = _APPENDIX.match(topic).group(2).strip()
        if topic:
            return topic
    return ""


def _collect_private_terms(paper: Paper, lines: list[str]) -> None:
    """The author's name and any contact details in the paper: no record may contain them."""
    text = "\n".join(lines)
    paper.private_terms += _EMAIL.findall(text)
    paper.private_terms += [m.group(0) for m in _PHONE.finditer(text)]
    in_contact = False
    for raw in lines:
        heading = _HEADING.match(raw.strip())
        cleaned = _clean(heading.group(2) if heading else raw)
        key = cleaned.lower().rstrip(":").strip()
        if key in _SECTIONS:
            in_contact = _SECTIONS[key] == "contact"
            continue
        if heading and in_contact:
            in_contact = False
        if in_contact and cleaned and not _EMAIL.search(cleaned):
            name = re.split(r"\s*(?:,|\s[–—-]\s)\s*", cleaned, maxsplit=1)[0]
            if 1 <= len(name.split()) <= 4:
                paper.private_terms.append(name)
    paper.private_terms = [t for t in dict.fromkeys(t.strip() for t in paper.private_terms) if t]


def _title_case(value: str) -> str:
    if value != value.upper():
        return value.strip()
    words = value.split()
    out = []
    for index, word in enumerate(words):
        if word in _ACRONYMS:
            out.append(word)
        elif index and word.lower() in _SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append(word[:1] + word[1:].lower())
    return " ".join(out)


def _sentence_case(value: str) -> str:
    value = value.strip()
    if value != value.upper():
        return value
    lowered = value.lower()
    return lowered[:1].upper() + lowered[1:]


_DANGLING = {"and", "or", "but", "the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "with",
             "from", "who", "which", "that", "their", "his", "her", "its", "they", "is", "are", "was",
             "were", "has", "have", "as", "into", "onto", "about", "some"}
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


def sentences(text: str) -> list[str]:
    text = " ".join(text.split())
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        parts.append(text[start:match.end()].strip())
        start = match.end()
    if text[start:].strip():
        parts.append(text[start:].strip())
    return parts


def split_questions(text: str) -> tuple[str, str]:
    """(scenario, questions): the trailing question sentences of the
    paragraph are the question put to the panel."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    if not paragraphs:
        return "", ""
    last = sentences(paragraphs[-1])
    count = 0
    while count < len(last) and last[-1 - count].rstrip("\"'”’)").endswith("?"):
        count += 1
    if count == 0:
        return "\n\n".join(paragraphs), ""
    questions = " ".join(last[len(last) - count:])
    remaining = " ".join(last[:len(last) - count])
    scenario_parts = paragraphs[:-1] + ([remaining] if remaining else [])
    return "\n\n".join(scenario_parts), questions


def derive_title(scenario: str, questions: str = "") -> str:
    """A starting title for the editor: the first sentence, shortened, marked
    for review (a derived title can name a place or be too long)."""
    first = (sentences(scenario) or sentences(questions) or ["Untitled dilemma"])[0]
    first = first.rstrip(".!?;:, ")
    if len(first) > TITLE_WORDS_LIMIT:
        words = first[:TITLE_WORDS_LIMIT + 1].split()[:-1]  # whole words only
        while len(words) > 3 and (words[-1].lower().strip(",;:") in _DANGLING or words[-1][-1] in ",;:–—-"):
            words.pop()  # do not end on "of", "the", "by" or a comma
        first = " ".join(words) + "…"
    return f"{TITLE_MARK} {first}"


# -- importing a paper ------------------------------------------------------------

def normalised_text(text: str) -> str:
    """Text compared for "the same dilemma": headings, case, quotes,
    punctuation and spacing do not matter."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"^#{1,6}\s.*$", " ", text, flags=re.MULTILINE)
    text = text.translate({ord(c): "'" for c in "‘’`´"}).casefold()
    return " ".join(re.findall(r"[\w']+", text))


@dataclass
class ThemeMatcher:
    """Maps an appendix heading ("Social Media") to theme ids of the taxonomy."""

    names: dict[str, str] = field(default_factory=dict)  # normalised name/alias/id -> id
    suggest: object = None  # callable(text) -> list of theme ids, from the tagger

    def themes_for(self, hints: list[str]) -> list[str]:
        found: list[str] = []
        for hint in hints:
            key = normalised_text(hint.replace("-", " "))
            if key in self.names:
                found.append(self.names[key])
        if not found and self.suggest is not None:
            for hint in hints:
                found += [t for t in self.suggest(hint) if t in self.names.values()]
        return list(dict.fromkeys(found))


def theme_matcher(themes_file: Path | None) -> ThemeMatcher:
    """Read the taxonomy through the tagging module; no taxonomy, no themes."""
    if themes_file is None or not Path(themes_file).exists():
        return ThemeMatcher()
    stat = Path(themes_file).stat()
    return _theme_matcher(str(Path(themes_file).resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _theme_matcher(themes_file: str, _mtime: int, _size: int) -> ThemeMatcher:
    """Cached while the taxonomy file is unchanged (reading it takes a second)."""
    try:
        from . import tagging
        taxonomy = tagging.load_taxonomy(themes_file)
    except Exception:  # a broken taxonomy is reported by the build; the import goes on untagged
        return ThemeMatcher()
    names: dict[str, str] = {}
    for theme in taxonomy.themes:
        for label in (theme.id.replace("-", " "), theme.name):
            names.setdefault(normalised_text(label), theme.id)
    for theme in taxonomy.themes:  # a heading that is exactly one of a theme's words
        for signal in getattr(theme, "signals", ()):
            if signal.kind == "term":
                names.setdefault(normalised_text(signal.text), theme.id)

    def suggest(text: str) -> list[str]:
        try:
            result = tagging.tag_record(taxonomy, title=text, summary="", body="")
        except Exception:
            return []
        return list(result.themes)

    return ThemeMatcher(names, suggest)


@dataclass
class ImportPlan:
    paper: Paper
    actions: list[Created]
    texts: dict[Path, str]  # what each new file will contain


def plan_import(paper: Paper, records_dir: Path, matcher: ThemeMatcher | None = None,
                today: dt.date | None = None) -> ImportPlan:
    """Decide what to create; nothing is written."""
    if paper.date is None:
        raise ImportRefused("the paper has no meeting date (a 'Date' line such as "
                            "'Date TUESDAY 28 MARCH 2023 10:00 – 12:00'); nothing was imported")
    if not paper.dilemmas:
        raise ImportRefused("no numbered dilemmas were found in the paper's appendices "
                            "(paragraphs numbered '1.', '2.' ...); nothing was imported")
    records_dir = Path(records_dir)
    if not records_dir.is_dir():
        raise ImportRefused(f"the records folder {records_dir} does not exist")
    matcher = matcher or ThemeMatcher()
    sources, _ = load_records(records_dir, records_dir)
    date = paper.date.isoformat()
    folder = records_dir / date
    actions: list[Created] = []
    texts: dict[Path, str] = {}

    existing_meeting = find_meeting(sources, paper.date)
    if existing_meeting is not None:
        actions.append(Created(records_dir / existing_meeting.path, "meeting", date, state="unchanged"))
    else:
        path = folder / "meeting.md"
        if path.exists():
            raise ImportRefused(f"{path} exists but is not a readable meeting record for {date}; "
                                "fix it first")
        texts[path] = meeting_text(paper, today)
        actions.append(Created(path, "meeting", date))

    existing = [(s, normalised_text(s.body)) for s in sources
                if (s.meta or {}).get("type") == "dilemma"
                and str((s.meta or {}).get("meeting", "")).strip() == date]
    claimed: set[str] = set()
    used = all_used_ids(records_dir, sources)
    for number, item in enumerate(paper.dilemmas, start=1):
        scenario, questions = item.scenario_and_questions
        wanted = normalised_text(scenario + "\n" + questions)
        match, similarity = None, 0.0
        for source, text in existing:
            if source.path in claimed:
                continue
            ratio = 1.0 if text == wanted else difflib.SequenceMatcher(
                None, text.split(), wanted.split(), autojunk=False).ratio()
            if ratio > similarity:
                match, similarity = source, ratio
        label = f"dilemma {item.number}" + (f" of {item.appendix}" if item.appendix else "")
        if match is not None and similarity >= SAME_DILEMMA_SIMILARITY:
            claimed.add(match.path)
            note = "" if similarity == 1.0 else "edited since it was imported"
            actions.append(Created(records_dir / match.path, "dilemma", str(match.meta.get("id", "")),
                                   str(match.meta.get("title", "")), state="unchanged",
                                   note=f"{label}" + (f", {note}" if note else "")))
            continue
        record_id = next_free_id(paper.date.year, used)
        used.add(record_id)
        title = derive_title(scenario, questions)
        path = folder / f"{record_id}.md"
        if path.exists():
            raise ImportRefused(f"{path} already exists; it was not overwritten")
        themes = matcher.themes_for(item.theme_hints)
        texts[path] = dilemma_text(record_id, title, date, scenario, questions, themes)
        note = label + (f", themes: {', '.join(themes)}" if themes else "")
        if not questions:
            note += ", no question found: add '## Questions for the panel'"
        actions.append(Created(path, "dilemma", record_id, title, note=note))

    _refuse_private_terms(paper, texts)
    _refuse_invalid(texts, records_dir)
    return ImportPlan(paper, actions, texts)


def meeting_text(paper: Paper, today: dt.date | None = None) -> str:
    head = front_matter([
        ("type", "meeting"), ("date", paper.date.isoformat()), ("start", paper.start),
        ("end", paper.end if paper.start else ""), ("title", paper.title),
        ("subject", paper.subject or "Ethical dilemmas"), ("report_of", paper.report_of),
        ("author_role", paper.author_role), ("purpose", paper.purpose),
        ("recommendations", paper.recommendations), ("appendices", paper.appendices),
        ("status", meeting_status(paper.date, today)),
    ])
    body = []
    if paper.commentary:
        body.append("## Commentary\n\n" + "\n\n".join(wrap_paragraphs(p) for p in paper.commentary))
    if paper.implications:
        items = [textwrap.fill(i, WRAP, initial_indent="- ", subsequent_indent="  ",
                               break_long_words=False, break_on_hyphens=False)
                 for i in paper.implications]
        body.append("## Implications\n\n" + "\n".join(items))
    if paper.background_papers:
        body.append("## Background papers\n\n" + wrap_paragraphs(paper.background_papers))
    return head + ("\n" + "\n\n".join(body) + "\n" if body else "")


def _refuse_private_terms(paper: Paper, texts: dict[Path, str]) -> None:
    for path, text in texts.items():
        flat = " ".join(text.split())
        for term in paper.private_terms:
            words = term.split()
            pattern = r"\b" + r"\s+".join(re.escape(w) for w in words) + r"\b"
            surname = words[-1] if len(words) > 1 and "@" not in term and len(words[-1]) > 2 else None
            if re.search(pattern, flat, re.IGNORECASE) or (
                    surname and re.search(r"\b" + re.escape(surname[:1].upper() + surname[1:].lower()) + r"\b",
                                          flat)):
                raise ImportRefused(
                    f"the text for {path.name} contains the paper author's name or contact details; "
                    "remove them from the paper (the panel sees only roles) and import again. "
                    "Nothing was written")


def _refuse_invalid(texts: dict[Path, str], records_dir: Path) -> None:
    """Every new record must read back as valid front matter (a guard against
    an odd character in a paper breaking the YAML)."""
    for path, text in texts.items():
        source, problems = parse_source(text.encode(), path.name)
        if problems or source is None or not source.meta:
            detail = problems[0].message if problems else "unreadable"
            raise ImportRefused(f"the record made for {path.name} would not be valid ({detail}); "
                                "nothing was written")


def apply_plan(plan: ImportPlan) -> list[Created]:
    """Write the new files (never overwriting one)."""
    for path, text in plan.texts.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_new(path, text)
    return plan.actions


def import_paper(paper_path: Path, records_dir: Path, *, themes_file: Path | None = None,
                 dry_run: bool = False, today: dt.date | None = None) -> ImportPlan:
    paper = parse_paper(read_paper_lines(paper_path))
    plan = plan_import(paper, records_dir, theme_matcher(themes_file), today)
    if dry_run:
        for action in plan.actions:
            if action.state == "created":
                action.state = "would create"
    else:
        apply_plan(plan)
    return plan
