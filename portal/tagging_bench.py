"""How fast is tagging? Tags N synthetic records and relates them, on one core.

    python -m portal.tagging_bench --records 5000

The build budget: tagging and relating 5,000 records must add no more than
10% to a build of 5,000 pages (about 40 s), so well under 4 s. The lead's
benchmark can import ``run_benchmark`` or ``synthetic_records``.

Synthetic records mimic real ones in size (a title, a one-sentence summary,
about 300 words of body) and make-up: ordinary English, a long tail of rare
words (names, places), and terms from the taxonomy's own signals, grouped so
that records share themes as real ones do. Nothing here is theme-specific: the
terms come from whichever taxonomy is loaded.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from portal.tagging import Taxonomy, load_taxonomy, related_records, tag_record

# Common English words, to give synthetic text a realistic word mix.
_COMMON = """
the a an and or but if when while because so that which who whom whose what where how why
officer officers police force team public member members people person man woman young old
said says told asked asks asked decided decide should could would might must will can may
report reported reports call called calls incident incidents time times day days week weeks
night morning evening year years home house street road area town city village station car
van phone message messages information decision decisions policy policies question questions
concern concerns view views panel meeting discussion discussed recommend recommended
response responded respond action actions case cases situation situations issue issues
local national senior junior new first last next other another same different own
about after before during between into over under without within against through across
is was were are be been being has have had do does did not no yes very more most less
some any all each every many few several two three four five six ten hundred thousand
think thought believe believed feel felt know knew want wanted need needed seem seemed
help helped support supported explain explained agree agreed consider considered
right wrong fair unfair clear unclear difficult easy important serious minor major
""".split()
_RARE_WORDS = 20_000  # size of the long tail (names, places, unusual words)
_BODY_WORDS = (220, 380)


@dataclass(frozen=True)
class SyntheticRecord:
    id: str
    title: str
    summary: str
    body: str

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.summary}\n{self.body}"


@dataclass(frozen=True)
class BenchResult:
    records: int
    tag_seconds: float  # CPU time of this process: fair even on a busy machine
    related_seconds: float
    with_theme: int
    with_related: int
    wall_seconds: float = 0.0  # elapsed time, for comparison

    @property
    def total_seconds(self) -> float:
        return self.tag_seconds + self.related_seconds

    @property
    def records_per_second(self) -> float:
        return self.records / self.total_seconds if self.total_seconds else float("inf")

    def report(self, budget_seconds: float = 4.0) -> str:
        verdict = "within" if self.total_seconds <= budget_seconds else "OVER"
        return (
            f"{self.records:,} records: tagging {self.tag_seconds:.2f} s, related {self.related_seconds:.2f} s, "
            f"total {self.total_seconds:.2f} s ({self.records_per_second:,.0f} records/s) - "
            f"{verdict} the {budget_seconds:g} s budget (CPU time; wall clock {self.wall_seconds:.2f} s)\n"
            f"{self.with_theme:,} records got a theme; {self.with_related:,} got related records"
        )


def _rare_word(rng: random.Random) -> str:
    # Zipf-like: a few rare words recur often, most almost never.
    rank = int(_RARE_WORDS ** rng.random())
    syllables = ("ka", "lo", "mer", "tin", "sha", "ven", "dor", "ril", "bu", "est", "an", "ow")
    word, n = [], rank
    while True:
        word.append(syllables[n % len(syllables)])
        n //= len(syllables)
        if n == 0:
            break
    return "".join(word) + "ton"


def synthetic_records(count: int, seed: int = 0, taxonomy: Taxonomy | None = None) -> list[SyntheticRecord]:
    """``count`` deterministic fake records (same seed, same records)."""
    taxonomy = taxonomy or load_taxonomy()
    rng = random.Random(seed)
    terms_by_theme = [[s.text.replace("*", "") for s in theme.signals if s.kind == "term"]
                      for theme in taxonomy.themes]
    terms_by_theme = [terms for terms in terms_by_theme if terms]
    records = []
    for number in range(count):
        themes = rng.sample(terms_by_theme, k=rng.choice((1, 1, 2, 2, 3)))

        def sentence(length: int) -> str:
            words = []
            for _ in range(length):
                roll = rng.random()
                if roll < 0.13:  # real dilemmas: about 17 signal hits per 100 words
                    words.append(rng.choice(rng.choice(themes)))
                elif roll < 0.28:
                    words.append(_rare_word(rng))
                else:
                    words.append(rng.choice(_COMMON))
            return " ".join(words).capitalize() + "."

        body_words = rng.randint(*_BODY_WORDS)
        sentences, written = [], 0
        while written < body_words:
            length = rng.randint(8, 22)
            sentences.append(sentence(length))
            written += length
        paragraphs = [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
        records.append(SyntheticRecord(
            id=f"{2000 + number // 500}-{number % 500 + 1:03d}",
            title=sentence(rng.randint(5, 9)).rstrip("."),
            summary=sentence(rng.randint(15, 25)),
            body="\n\n".join(paragraphs),
        ))
    return records


def run_benchmark(count: int = 5000, seed: int = 0, taxonomy: Taxonomy | None = None) -> BenchResult:
    """Tag and relate ``count`` synthetic records; time both stages."""
    taxonomy = taxonomy or load_taxonomy()
    records = synthetic_records(count, seed, taxonomy)
    wall_started, started = time.perf_counter(), time.process_time()
    items = []
    for record in records:
        result = tag_record(taxonomy, title=record.title, summary=record.summary, body=record.body)
        items.append((record.id, result.themes, record.text))
    tagged = time.process_time()
    related = related_records(items)
    finished = time.process_time()
    return BenchResult(
        records=count,
        tag_seconds=tagged - started,
        related_seconds=finished - tagged,
        wall_seconds=time.perf_counter() - wall_started,
        with_theme=sum(1 for _, themes, _ in items if themes),
        with_related=sum(1 for others in related.values() if others),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=5000, help="how many records (default 5000)")
    parser.add_argument("--seed", type=int, default=0, help="seed for the synthetic text")
    parser.add_argument("--taxonomy", type=Path, help="taxonomy file (default config/themes.yml)")
    args = parser.parse_args(argv)
    taxonomy = load_taxonomy(args.taxonomy) if args.taxonomy else load_taxonomy()
    print(run_benchmark(args.records, args.seed, taxonomy).report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
