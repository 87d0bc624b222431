"""Shared fixtures. Tests never need a screen: SDL and pybullet run headless."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
# Every test starts from the same language settings, whatever the machine: no saved choice of
# the user's (a fresh, empty config folder) and WELDSIM_LANG=en, so tests that read English
# output stay stable; tests of the language choice itself change or delete the variable with
# monkeypatch. Set here, before any fixture of any scope runs a command.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="weldsim-test-config-")
os.environ["APPDATA"] = os.environ["XDG_CONFIG_HOME"]  # the config folder on Windows
os.environ["WELDSIM_LANG"] = "en"

import pytest

from weldsim.kinematics import bundled_robot_ids, load_robot

ROBOT_IDS = bundled_robot_ids()


@pytest.fixture(scope="session", params=ROBOT_IDS)
def robot(request):
    """Each bundled robot model."""
    return load_robot(request.param)


@pytest.fixture(scope="session")
def fd_b4():
    """The default robot."""
    return load_robot("fd-b4")

