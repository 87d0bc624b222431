"""Fixtures of the weld tests."""

from __future__ import annotations

import pytest
from weld_cases import run


@pytest.fixture(scope="session")

def nominal():
    """The WPS weld: ``(bead, imperfections)``."""
    return run()
