"""Helpers for cell tests: plan a job text on a scenario."""

from __future__ import annotations

import pytest

from weldsim.kinematics import load_robot
from weldsim.motion import plan
from weldsim.program import parse_job
from weldsim.scenarios.loader import load_scenario


@pytest.fixture(scope="session")
def plan_text():
    cache = {}

    def _plan(sid: str, text: str):
        if sid not in cache:
            s = load_scenario(sid)
            cache[sid] = (s, load_robot(s.robot))
        s, robot = cache[sid]
        program = parse_job(text, f"{sid}.job")
        return s, robot, plan(program, robot, home_q=s.home_q, user_frames=s.user_frames_base())

    return _plan
