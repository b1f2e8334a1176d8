"""Fixtures for the anonymisation tests; helpers live in anonkit.py."""
import pytest

from anonkit import load_rules


@pytest.fixture(scope="session")
def rules():
    return load_rules()
