"""The synthetic corpus (portal/synthetic.py) used by the scale benchmark: it
must be reproducible, look like a panel's records, and pass the portal's own
checks, otherwise the benchmark measures a build that fails."""
import re
import subprocess
import sys
from collections import Counter

import pytest

from portal import anonymise, pipeline, synthetic
from portal.schema import ID_PATTERN, STATUSES
from portal.settings import load_settings
from sitekit import REPO, build, make_site


@pytest.fixture(scope="module")
def vocabulary():
    settings = load_settings(REPO)
    return synthetic.vocabulary_from_files(settings.themes_file, settings.principles_file)


def corpus_of(size, vocabulary, seed=5):
    theme_ids, principles = vocabulary
    return synthetic.generate_corpus(size, seed=seed, theme_ids=theme_ids, principles=principles)


def test_the_same_seed_gives_the_same_files_and_another_seed_different_ones(vocabulary):
    assert corpus_of(150, vocabulary).files == corpus_of(150, vocabulary).files
    assert corpus_of(150, vocabulary).files != corpus_of(150, vocabulary, seed=6).files


@pytest.mark.parametrize("size", [0, 1, 7, 500])
def test_the_corpus_has_exactly_the_requested_number_of_dilemmas(size, vocabulary):
    corpus = corpus_of(size, vocabulary)
    assert len(corpus.dilemmas) == size
    assert len({d.id for d in corpus.dilemmas}) == size


def test_records_are_grouped_by_meeting_over_ten_years(vocabulary):
    corpus = corpus_of(600, vocabulary)
    meeting_dates = [m.id for m in corpus.meetings]
    assert len(set(meeting_dates)) == len(meeting_dates), "one meeting record per date"
    per_meeting = Counter(d.meeting for d in corpus.dilemmas)
    assert set(per_meeting) == set(meeting_dates), "every dilemma belongs to a recorded meeting"
    assert min(per_meeting.values()) >= 1 and max(per_meeting.values()) <= synthetic.DILEMMAS_PER_MEETING[1]
    assert sum(per_meeting.values()) / len(per_meeting) >= 3, "several dilemmas per meeting"
    years = {date[:4] for date in meeting_dates}
    assert len(years) == 10
    for meeting in corpus.meetings:
        assert sorted(meeting.dilemma_ids) == sorted(d.id for d in corpus.dilemmas if d.meeting == meeting.id)


def test_every_status_and_optional_section_occurs_with_its_dates(vocabulary):
    corpus = corpus_of(600, vocabulary)
    assert {d.status for d in corpus.dilemmas} == set(STATUSES)
    for d in corpus.dilemmas:
        if d.status in ("outcome-published", "closed"):
            assert "## Panel outcome" in d.text and "outcome_approved:" in d.text
        if d.status == "closed":
            assert "## Force response" in d.text and "response_date:" in d.text
        if d.status == "withdrawn":
            assert "status_reason:" in d.text
    assert any("## Follow-up" in d.text for d in corpus.dilemmas)
    assert any(d.hidden_sections for d in corpus.dilemmas), "some unapproved text the site must hide"
    lengths = sorted(len(d.scenario.split()) for d in corpus.dilemmas)
    assert lengths[-1] > 4 * lengths[0], "scenarios vary in length"


def test_ids_and_themes_fit_the_portals_vocabulary(vocabulary):
    theme_ids, _ = vocabulary
    corpus = corpus_of(300, vocabulary)
    for d in corpus.dilemmas:
        assert ID_PATTERN.match(d.id)
        assert set(d.editor_themes) <= set(theme_ids)
    assert len({t for d in corpus.dilemmas for t in d.themes}) >= min(len(theme_ids), 10)


def test_prose_has_no_digits_so_nothing_looks_like_a_phone_number_or_reference(vocabulary):
    for d in corpus_of(400, vocabulary).dilemmas:
        body = d.text.split("\n---\n", 1)[1]
        assert not re.search(r"\d", body), d.id


def test_every_record_passes_the_anonymisation_gate(vocabulary):
    rules = anonymise.load_rules(load_settings(REPO).anonymisation_dir)
    corpus = corpus_of(300, vocabulary, seed=11)
    for path, text in corpus.files.items():
        errors = [f for f in anonymise.check_text(text, path, rules=rules) if f.severity == "error"]
        assert errors == [], anonymise.format_findings(errors, "text")


def test_the_portal_pipeline_accepts_the_corpus_without_a_warning(tmp_path, vocabulary):
    corpus = corpus_of(300, vocabulary, seed=12)
    root = make_site(tmp_path, corpus.files, real_records=False)
    content = pipeline.content_for(root)  # raises with every problem if a record is invalid
    assert [str(w) for w in content.warnings] == []
    assert sorted(d.id for d in content.records.published_dilemmas) == sorted(d.id for d in corpus.public_dilemmas)
    assert all(d.themes for d in content.records.published_dilemmas if d.status != "withdrawn")


def _normalised(text):
    return " ".join(text.split())


def test_no_draft_or_unapproved_text_reaches_the_built_site(tmp_path, vocabulary):
    corpus = corpus_of(60, vocabulary, seed=3)
    assert corpus.drafts, "the fixture needs drafts to prove anything"
    result = build(make_site(tmp_path, corpus.files, real_records=False))
    assert result.ok, result.output
    site = _normalised(result.all_text())

    public_text = _normalised(" ".join(d.text for d in corpus.public_dilemmas))
    published = corpus.public_dilemmas[0]
    assert (result.site_dir / "dilemmas" / published.id / "index.html").is_file()
    assert _normalised(published.scenario.split("\n\n")[0]) in site, "the check can see published prose"

    checked = 0
    for draft in corpus.drafts:
        assert not (result.site_dir / "dilemmas" / draft.id).exists()
        assert draft.id not in site
        for paragraph in draft.scenario.split("\n\n"):
            paragraph = _normalised(paragraph)
            if paragraph not in public_text:  # text shared with a public record may appear
                assert paragraph not in site, f"draft {draft.id} leaked"
                checked += 1
    for d in corpus.public_dilemmas:
        for hidden in d.hidden_sections:
            if _normalised(hidden) not in public_text.replace(_normalised(hidden), "", 1):
                assert _normalised(hidden) not in site, f"unapproved text of {d.id} leaked"
                checked += 1
    assert checked


def test_the_generator_does_not_import_mkdocs():
    code = ("import sys; import portal.synthetic; "
            "assert not [m for m in sys.modules if m.startswith('mkdocs')], 'mkdocs imported'")
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)
