"""Records per second for the whole anonymisation check, on one core.

    python scripts/bench_check.py [N]     (default 5,000 synthetic records)

Exits 1 if the rate is below the target of 1,000 records per second.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal.anonymise.bench import run

TARGET_RECORDS_PER_SECOND = 1000


def main(argv: list[str]) -> int:
    try:
        n = int(argv[0]) if argv else 5000
    except ValueError:
        print("usage: bench_check.py [NUMBER_OF_RECORDS]", file=sys.stderr)
        return 2
    result = run(n)
    print(f"{result.records} records ({result.characters / result.records:.0f} characters each on average), "
          f"{result.findings} findings")
    print(f"{result.records_per_second:,.0f} records/s on one core ({result.cpu_seconds:.2f} s of processor "
          f"time; target {TARGET_RECORDS_PER_SECOND:,})")
    print(f"{result.wall_records_per_second:,.0f} records/s by the clock ({result.seconds:.2f} s; lower when "
          f"other programs share the processor)")
    return 0 if result.records_per_second >= TARGET_RECORDS_PER_SECOND else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
