"""The labelled corpus: its size and make-up, and the targets on both slices."""
import re

import pytest
from anonkit import SEED_PAPER

from portal.anonymise.evaluation import CORPUS_DIR, QUASI_KINDS, evaluate, load_corpus
from portal.anonymise.registry import rule_ids

DEVELOPMENT = CORPUS_DIR / "cases.yml"
HELD_OUT = CORPUS_DIR / "heldout.yml"


def test_development_slice_has_enough_positives_and_negatives_for_every_kind():
    cases = load_corpus(DEVELOPMENT)
    positives = [c for c in cases if c.expect and not c.negative]
    negatives = [c for c in cases if c.negative]
    assert len(positives) >= 150 and len(negatives) >= 150
    labelled = {kind for case in cases for kind, _ in case.expect}
    assert labelled == rule_ids()  # every detector's kind is tested
    assert labelled >= QUASI_KINDS


@pytest.mark.skipif(not SEED_PAPER.exists(), reason="shared/ seed paper not present")
def test_the_seed_dilemmas_are_negatives_verbatim():
    seed = SEED_PAPER.read_text(encoding="utf-8")
    dilemmas = re.findall(r"^- \d\. (.+)$", seed, re.MULTILINE)
    cases = {c.id: c for c in load_corpus(DEVELOPMENT)}
    for number, text in enumerate(dilemmas, start=1):
        case = cases[f"seed-dilemma-{number}"]
        assert case.negative and case.text == text.rstrip()


def test_phone_numbers_and_emails_in_the_corpus_are_fictional():
    for path in (DEVELOPMENT, HELD_OUT):
        for case in load_corpus(path):
            for kind, text in case.expect:
                if kind == "email":
                    assert re.search(r"example\W*(?:\s*(?:\[|\()?dot(?:\]|\))?\s*|\.)\s*(?:com|org|net|co)",
                                     text, re.IGNORECASE), text
                if kind == "uk-phone":
                    digits = re.sub(r"\D", "", text).removeprefix("0044").removeprefix("44")
                    assert re.match(r"0?(7700900|1164960|2079460|1134960|1614960)", digits), text


@pytest.mark.parametrize("corpus", [DEVELOPMENT, HELD_OUT], ids=["development", "held-out"])
def test_targets_are_met(rules, corpus):
    report = evaluate(load_corpus(corpus), corpus.name, rules=rules)
    assert report.target_failures() == []
