"""Scripts of a trainee teaching the weld of t-fillet-2f with the technique gauges on: the
approach, the arc start, AS, the arc end, AE (the predicted bead appears), then the torch
back over the middle of the seam, a little high, on the weld line (gauges, hint and the
predicted bead at the torch all in view)."""

from __future__ import annotations

import numpy as np
from pendant_scriptgen import ScriptBuilder

from weldsim.kinematics import load_robot
from weldsim.pendant.state import FRAMES_FIXED
from weldsim.program import load_job
from weldsim.scenarios.loader import load_scenario


def reference_poses(scenario):
    """``{n: T_base_tcp}`` of the reference job's P1 ... P6."""
    user = scenario.user_frames_base()
    reference = load_job(scenario.reference_job)
    return {p.number: user[p.frame] @ p.matrix() for p in reference.positions
            if p.number in range(1, 7)}


def teach_weld_script(screenshots=(), *, lift_mm: float = 3.0, away_mm: float = 0.0,
                      lang_switch: bool = False,
                      torch_view: bool = False, zoom: float = 1.0) -> ScriptBuilder:
    """Teach MOVEP P1, MOVEL P2, P3, AS, MOVEL P4, AE on t-fillet-2f; then the cursor on the
    weld line and the torch over the seam's middle, ``lift_mm`` high and ``away_mm`` off the
    web (toward the robot); then ``screenshots``
    (paths; with ``lang_switch`` the language is switched before the second; with
    ``torch_view`` the camera is the torch camera)."""
    scenario = load_scenario("t-fillet-2f")
    robot = load_robot(scenario.robot)
    user = scenario.user_frames_base()
    poses = reference_poses(scenario)
    b = ScriptBuilder(FRAMES_FIXED + tuple(sorted(user)), robot.fk(scenario.home_q), user)
    b.tap("return").tap("f2").add(key="space", down=True)
    b.set_warp(4)
    b.move_to(poses[1][:3, 3], "USER1")
    b.turn_to(poses[1][:3, :3])
    b.tap("f5")                                   # MOVEP P1
    for n in (2, 3):
        b.move_to(poses[n][:3, 3], z_first=False)
        b.tap("f6")                               # MOVEL approach, MOVEL start
    b.tap("f9")                                   # AS at the WPS
    b.tap("return")
    b.move_to(poses[4][:3, 3])
    b.tap("f6")                                   # MOVEL end (at the AS speed)
    b.tap("f10")                                  # AE at its defaults
    b.tap("return")
    b.tap("up")                                   # the weld line: its travel direction
    mid = 0.5 * (poses[3][:3, 3] + poses[4][:3, 3])
    up, away = user["USER1"][:3, 2], user["USER1"][:3, 1]
    b.move_to(mid + lift_mm / 1000.0 * up + away_mm / 1000.0 * away)
    b.set_speed(2)
    if torch_view:                                # iso -> front -> top -> torch
        for _ in range(3):
            b.add(action="view")
    if zoom != 1.0:
        b.add(action="zoom", arg=zoom)
    b.wait(2)
    for k, shot in enumerate(screenshots):
        if k == 1 and lang_switch:
            b.tap("l", mod="ctrl").wait(1)
        b.add(screenshot=str(shot))
    return b


def mid_seam_pose(lift_mm: float = 3.0) -> np.ndarray:
    """The TCP the script ends at (base frame, m), before quantisation of the jogs."""
    scenario = load_scenario("t-fillet-2f")
    poses = reference_poses(scenario)
    up = scenario.user_frames_base()["USER1"][:3, 2]
    return 0.5 * (poses[3][:3, 3] + poses[4][:3, 3]) + lift_mm / 1000.0 * up
