"""One strict build of the fixture site (the real records plus fictional
ones in every status), shared by the portal's page tests."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from portal_testkit import shared_portal_site  # noqa: E402


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    return shared_portal_site(tmp_path_factory)
