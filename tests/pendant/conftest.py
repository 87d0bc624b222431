"""Pendant test fixtures: headless SDL, a folder for screenshots (a few are copied to
/tmp/weldsim-pendant-*.png for a person to look at)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pytest


@pytest.fixture(scope="session")
def shots(tmp_path_factory):
    """Folder of the screenshots of this run; ``shots.keep(path)`` copies one to /tmp."""
    folder = tmp_path_factory.mktemp("pendant-shots")

    class Shots:
        path = folder

        @staticmethod
        def keep(png: Path) -> None:
            if png.exists():
                shutil.copy(png, Path("/tmp") / f"weldsim-pendant-{png.name}")

    return Shots()
