"""Fixtures of the fuzz reproducers (copied from the campaign's ``repro/`` folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    """The folder of reproducer files."""
    return FIXTURES
