"""Properties over arbitrary text: the check never crashes, never leaks."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.anonymise import check_text, format_findings
from portal.anonymise.engine import analyse

FIRST = ["Daniel", "Maya", "Priya", "Kwame", "Siobhan", "Tomasz", "Ellie-May"]
LAST = ["Price", "Okafor", "O'Neill", "Kowalczyk", "Hart", "Mensah", "Whitfield-Barnes"]
identifiers = st.one_of(
    st.builds(lambda f, s: f"{f} {s}", st.sampled_from(FIRST), st.sampled_from(LAST)),
    st.builds(lambda n: f"07700 900{n:03d}", st.integers(0, 999)),
    st.builds(lambda n: f"0116 496 0{n:03d}", st.integers(0, 999)),
    st.builds(lambda u, d: f"{u}@example.{d}", st.from_regex(r"[a-z]{2,8}\.[a-z]{2,8}", fullmatch=True),
              st.sampled_from(["com", "org", "net"])),
    st.builds(lambda n: f"PC {n}", st.integers(10, 99999)),
    st.builds(lambda n: f"2{n:010d}", st.integers(3_000_000_000, 3_999_999_999)),
    st.builds(lambda a, b: f"LE{a} {b}AB", st.integers(1, 19), st.integers(0, 9)),
)
filler = st.sampled_from([
    "The officer attended.", "What should the police do?", "On WhatsApp,", "in Leicester",
    "## Scenario", "- a list item", "<!-- note -->", "the A6 and the M1", "at 10:00", "",
])
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text):
    for finding in check_text(text, "any.md"):
        assert finding.line >= 1 and finding.column >= 1


@SETTINGS
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200).map(
    lambda body: "---\n" + body + "\n---\n" + body))
def test_arbitrary_front_matter_never_raises(text):
    check_text(text, "any.md")


@SETTINGS
@given(st.lists(st.one_of(identifiers, filler), min_size=1, max_size=8),
       st.sampled_from(["text", "json", "github"]))
def test_output_never_contains_a_detected_identifier(parts, fmt):
    text = " ".join(parts)
    results = analyse(text, "record.md")
    output = format_findings([a.finding for a in results], fmt, write_summary=False)
    for a in results:
        matched = text[a.start:a.end]
        if len(matched) >= 4:
            assert matched not in output
