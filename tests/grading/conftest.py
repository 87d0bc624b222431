"""Fixtures of the grading tests."""

from __future__ import annotations

import pytest
from grade_cases import make_class_folder


@pytest.fixture(scope="session")
def class_folder(tmp_path_factory):
    """The class folder (shared: never write into it)."""
    base = tmp_path_factory.mktemp("class")
    return make_class_folder(base / "jobs", base / "elsewhere")
