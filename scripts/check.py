"""Check records for personal data before they are published.

    python scripts/check.py [--format text|json|github] [--strict] PATH...

PATH is a Markdown record (front matter optional), a folder (searched
recursively for records and images), or - for standard input. Exit status:
0 no unaccepted error, 1 an error (or, with --strict, a warning), 2 usage
error or unreadable input.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal.anonymise.cli import main

if __name__ == "__main__":
    sys.exit(main())
