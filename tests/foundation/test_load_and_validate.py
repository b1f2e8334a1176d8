"""The loader and validator on their own: plain functions, no MkDocs."""
from portal.load import parse_source
from portal.validate import Vocabulary, normalise_id, validate_records

VOCAB = Vocabulary(themes={"social-media", "custody"},
                   principles={"nolan": {"openness"}, "code_of_ethics": {"courage"}})
MEETING = b"---\ntype: meeting\ndate: 2099-01-15\nstart: 10:00\nend: 12:00\nsubject: Test\n---\n\nFictional.\n"


def validate(*files):
    sources, problems = [], []
    for name, raw in files:
        source, found = parse_source(raw if isinstance(raw, bytes) else raw.encode(), name)
        problems += found
        if source:
            sources.append(source)
    records, found = validate_records(sources, VOCAB)
    return records, problems + found


def record(front: str, body: str = "## Scenario\n\nA fictional scenario.\n") -> str:
    return f"---\ntype: dilemma\nid: 2099-001\ntitle: T\nstatus: for-discussion\nmeeting: 2099-01-15\n{front}---\n\n{body}"


def test_unquoted_times_stay_times_not_sexagesimal_numbers():
    records, problems = validate(("m.md", MEETING))
    assert problems == []
    meeting = records.meetings["2099-01-15"]
    assert (meeting.start, meeting.end) == ("10:00", "12:00")


def test_sections_are_split_by_their_headings():
    body = ("Text before any heading is the scenario.\n\n## Questions for the panel\n\nWhat now?\n\n"
            "## Panel outcome\n\nThe panel's view.\n\n### A sub-heading inside the outcome\n\nMore.\n")
    records, problems = validate(("m.md", MEETING), ("d.md", record("", body)))
    assert problems == []
    dilemma = records.dilemmas["2099-001"]
    assert dilemma.sections["scenario"] == "Text before any heading is the scenario."
    assert dilemma.sections["questions"] == "What now?"
    assert "A sub-heading inside the outcome" in dilemma.sections["outcome"]
    # for-discussion: the outcome exists in the file but is not public
    assert [key for key, _ in dilemma.public_sections] == ["scenario", "questions"]


def test_headings_inside_code_blocks_are_not_sections():
    body = "## Scenario\n\nA fictional case.\n\n```\n## Panel outcome\n```\n"
    records, problems = validate(("m.md", MEETING), ("d.md", record("", body)))
    assert problems == []
    assert "outcome" not in records.dilemmas["2099-001"].sections


def test_underlined_headings_are_sections_too():
    body = "Scenario\n--------\n\nA fictional case.\n\nPanel outcom\n------------\n\nHidden.\n"
    _, problems = validate(("m.md", MEETING), ("d.md", record("", body)))
    assert any("unknown section heading 'Panel outcom'" in p.message for p in problems)


def test_crlf_and_bom_are_accepted():
    raw = ("\ufeff" + record("")).replace("\n", "\r\n").encode("utf-8")
    records, problems = validate(("m.md", MEETING), ("d.md", raw))
    assert problems == []
    assert records.dilemmas["2099-001"].sections["scenario"] == "A fictional scenario."


def test_key_given_twice_is_reported_with_both_lines():
    _, problems = validate(("m.md", MEETING), ("d.md", record("title: Again\n")))
    assert any(p.line == 7 and "'title' is given twice (first on line 4)" in p.message for p in problems)


def test_unknown_principle_is_reported_with_a_suggestion():
    _, problems = validate(("m.md", MEETING), ("d.md", record("principles:\n  nolan: [opennes]\n")))
    assert any("unknown nolan principle 'opennes' (did you mean 'openness'?)" in p.message for p in problems)


def test_withdrawn_needs_a_reason():
    text = record("").replace("for-discussion", "withdrawn")
    _, problems = validate(("m.md", MEETING), ("d.md", text))
    assert any("needs 'status_reason'" in p.message for p in problems)


def test_ids_that_read_the_same_collide():
    assert normalise_id("2099-001") == normalise_id("２０９９\u2011001")
    second = record("").replace("id: 2099-001", "id: \"２０９９-001\"")
    _, problems = validate(("m.md", MEETING), ("a.md", record("")), ("b.md", second))
    messages = [str(p) for p in problems]
    assert any(m.startswith("b.md:3:") and "a.md" in m for m in messages)


def test_reserved_ids_are_refused():
    _, problems = validate(("m.md", MEETING), ("d.md", record("").replace("2099-001", "index")))
    assert any("reserved" in p.message for p in problems)


def test_a_record_without_front_matter_is_explained():
    _, problems = validate(("d.md", "Just some prose.\n"))
    assert any("has no front matter" in p.message for p in problems)
