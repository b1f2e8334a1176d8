"""Throughput of the whole check on synthetic records (one core).

    python scripts/bench_check.py [N]
    from portal.anonymise.bench import run; run(5000)
"""
from __future__ import annotations

import random
import time
from dataclasses import dataclass

from .engine import check_text
from .rules import load_rules

_OPENINGS = (
    "An officer attends a report of a missing person, a teenager.",
    "A member of the public reports a concerning post on Instagram.",
    "A neighbourhood officer joins a Neighbourhood Watch WhatsApp group.",
    "There is a critical incident in Loughborough town centre.",
    "A group of officers use a WhatsApp group on their personal phones.",
)
_MIDDLES = (
    "The mum asks the officer what to put in the message, and the officer is unsure.",
    "Information being shared is factually wrong, and the force's communications team is monitoring it.",
    "The Police and Crime Commissioner and the Chief Constable are asked to comment on Facebook.",
    "The footage was filmed on the A6 near Market Harborough between 22:00 and 23:30.",
    "Under section 1 of the Sexual Offences (Amendment) Act 1992 the victim has lifelong anonymity.",
    "Local management are not aware of the group until they overhear it mentioned in the break room.",
    "The victim's family want people to know who he is and want his image on Facebook.",
)
# A few records carry identifiers, as drafts do before review.
_IDENTIFIERS = (
    "Her son, Tom, posted it from 07700 900123.",
    "PC 1234 spoke to Daniel Price at 14 Acacia Avenue, LE2 7QP.",
    "The email came from jane.doe@example.com on 14 February 2022 after she complained.",
    "A 42-year-old man was arrested; crime reference 23000123456.",
)
_QUESTIONS = ("What should the officer do?", "How should the police respond?",
              "Should police use the corporate account to make contact?")


def synthetic_record(number: int, rng: random.Random) -> str:
    paragraphs = [" ".join(rng.sample(_MIDDLES, 3)) for _ in range(rng.randint(2, 4))]
    if rng.random() < 0.2:
        paragraphs.append(rng.choice(_IDENTIFIERS))
    return (
        "---\n"
        "type: dilemma\n"
        f"id: {2023 + number // 1000}-{number % 1000:03d}\n"
        f"title: Dilemma {number} about social media\n"
        "status: for-discussion\n"
        "meeting: 2023-03-28\n"
        "themes: [social-media]\n"
        "---\n\n"
        "## Scenario\n\n"
        f"{rng.choice(_OPENINGS)} " + "\n\n".join(paragraphs) + "\n\n"
        "## Questions for the panel\n\n"
        f"{rng.choice(_QUESTIONS)}\n"
    )


@dataclass(frozen=True)
class BenchResult:
    records: int
    seconds: float  # wall-clock time
    cpu_seconds: float  # processor time of this process: the work on one core
    findings: int
    characters: int

    @property
    def records_per_second(self) -> float:
        """Records per second of processor time. On a busy machine the
        wall-clock rate also counts time spent waiting for other programs."""
        return self.records / self.cpu_seconds if self.cpu_seconds else float("inf")

    @property
    def wall_records_per_second(self) -> float:
        return self.records / self.seconds if self.seconds else float("inf")


def run(n: int = 5000, seed: int = 1) -> BenchResult:
    """Generate n synthetic records and time check_text over all of them
    (rules loaded once, as a build does)."""
    rng = random.Random(seed)
    records = [synthetic_record(i, rng) for i in range(n)]
    rules = load_rules()
    check_text(records[0], "warm-up.md", rules=rules)  # imports and caches, outside the timing
    started, cpu_started = time.perf_counter(), time.process_time()
    findings = sum(len(check_text(text, f"dilemmas/{i}.md", rules=rules)) for i, text in enumerate(records))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return BenchResult(n, elapsed, cpu, findings, sum(map(len, records)))
