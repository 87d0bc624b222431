"""Shared fixtures. Tests never need a screen: SDL and pybullet run headless."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

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

