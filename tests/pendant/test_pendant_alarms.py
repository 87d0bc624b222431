"""Alarms that teach: the real cause of a refused jog (which joint at which limit, which
singularity with its joint values) and the fix; the alarm area keeps them all, first on top,
and repeats are counted instead of piling up."""

from __future__ import annotations

import math

import numpy as np
import pytest

from weldsim.pendant import Pendant
from weldsim.pendant.alarms import jog_problem
from weldsim.pendant.i18n import Translator
from weldsim.pendant.jog import cartesian_step
from weldsim.pendant.state import Alarm
from weldsim.scenarios.loader import load_scenario

DT = 1.0 / 60.0


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("t-fillet-2f")


@pytest.fixture
def p(scenario):
    pendant = Pendant(scenario, cell=False)
    pendant.servo_on()
    pendant.set_deadman(True)
    yield pendant
    pendant.close()


def test_j6_at_its_limit_in_a_cartesian_jog_names_j6_not_a_singularity(p):
    """The issue's case: J6 at +limit, J5 far from 0; rotating about the tool axis."""
    q = p.home_q.copy()
    q[4] = math.radians(-47.7)
    q[5] = p.robot.upper[5] - math.radians(0.05)
    p.q = q
    p.set_frame("TOOL")
    p.set_speed(2)
    sign = None
    for s in (+1, -1):   # the direction of RZ that turns J6 towards its + limit
        T = cartesian_step(p.tcp_base(), "TOOL", 5, s * math.radians(1.0), p.user_frames)
        q_new, _ = jog_problem(p.robot, q, T, p.tool)
        if q_new is None or q_new[5] > q[5]:
            sign = s
            break
    assert sign is not None
    p.jog_press(5, sign)
    for _ in range(30):
        p.tick(DT)
        if p.alarms:
            break
    alarm = p.alarms[0]
    assert alarm.key == "alarm.joint_limit", alarm
    assert alarm.args["joint"] == 6 and alarm.args["side"] == "+"
    assert alarm.args["limit"].value == pytest.approx(math.degrees(p.robot.upper[5]), abs=0.05)
    text = Translator("en")(alarm.key, **alarm.args)
    assert "J6" in text and "+ limit" in text and "Fix" in text
    assert p.robot.within_limits(p.q)


def test_a_wrist_singularity_names_j5_and_its_value(p):
    q = p.home_q.copy()
    q[4] = math.radians(0.5)          # J5 nearly 0: J4 and J6 line up
    alarm = None
    for axis in (3, 4, 5):
        for sign in (+1, -1):
            T = cartesian_step(p.robot.fk(q, tool=p.tool), "TOOL", axis,
                               sign * math.radians(2.0), p.user_frames)
            _, alarm = jog_problem(p.robot, q, T, p.tool)
            if alarm is not None and alarm.key.startswith("alarm.singular"):
                break
        if alarm is not None and alarm.key.startswith("alarm.singular"):
            break
    assert alarm is not None and alarm.key == "alarm.singular_wrist", alarm
    assert abs(alarm.args["j5"].value) < 5.0
    text = Translator("id")(alarm.key, **alarm.args)
    assert "J5" in text and "Perbaiki" in text


def test_out_of_reach_is_its_own_alarm(p):
    q = p.home_q.copy()
    T = p.robot.fk(q, tool=p.tool)
    T[:3, 3] += np.array([5.0, 0.0, 0.0])          # 5 m away
    q_new, alarm = jog_problem(p.robot, q, T, p.tool)
    assert q_new is None and alarm.key == "alarm.unreachable_jog"


def test_the_alarm_area_keeps_every_alarm_first_on_top(p):
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from weldsim.pendant.draw import Fonts, alarm_rows

    pygame.font.init()
    fonts = Fonts()
    keys = ["alarm.servo_off", "alarm.need_teach", "alarm.no_via", "alarm.busy",
            "alarm.collision", "alarm.job_errors"]
    for k in keys:
        args = {"link": "link 6", "other": "plate"} if k == "alarm.collision" else {}
        p.alarms.raise_(Alarm(k, args, 3))
    for _ in range(7):
        p.alarms.raise_(Alarm("alarm.servo_off", {}, 3))   # repeated: counted, not listed
    tr = Translator("en")
    p.runner._weld_wanted = p.runner._motion_done = True      # the score is being computed
    rows = [text for text, _ in alarm_rows(p, tr, fonts.small, 2000)]
    assert "... " + tr("info.scoring") in rows
    alarm_texts = [r for r in rows if r.startswith("! ")]
    assert len(alarm_texts) == len(keys)
    assert alarm_texts[0].startswith("! " + tr("alarm.servo_off"))
    assert alarm_texts[0].endswith("x8")
    assert p.alarms[0].count == 8 and len(p.alarms) == len(keys)
