"""The torch collides where a real one would touch, and only there (docs/torch.md).

The cell measures contacts of the URDF's shapes exactly (pybullet's 1 mm collision margin is
taken off): the clearance it reports is the nozzle's geometric one; at the exercises' window
edges a job welds without an alarm; at a pose no torch can take the controller stops at the
line that takes it there, saying what hit what.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from torch_reach_jobs import WELD_SPAN, reach, torch_pose
from torch_reach_jobs import _root_point as root_point

from weldsim.i18n import render
from weldsim.kinematics import load_robot
from weldsim.kinematics.urdf import (
    NOZZLE_FRONT_DIAMETER_SHARE,
    NOZZLE_FRONT_LENGTH_M,
    NOZZLE_RECESS_M,
)
from weldsim.scenarios.loader import load_scenario
from weldsim.scoring.seam_frame import seam_frame
from weldsim.sim import Cell

#: The line of reach_job that moves the torch in along its axis onto the weld start.
APPROACH_LINE = 7


@pytest.fixture(scope="module")
def cells():
    opened = {}

    def _cell(sid: str):
        if sid not in opened:
            scenario = load_scenario(sid)
            opened[sid] = (scenario, Cell(scenario, load_robot(scenario.robot)))
        return opened[sid]

    yield _cell
    for _, cell in opened.values():
        cell.close()


def _front_rim_clearance_mm(scenario, robot, T_world_tcp) -> float:
    """Least distance (mm) from the nozzle front's two rims to the T-joint's plates (the
    planes through the root), from the tool data alone: the test's own geometry."""
    tool = robot.spec.tool(scenario.tool)
    z = T_world_tcp[:3, 2]
    end = T_world_tcp[:3, 3] - (tool.stick_out_m - NOZZLE_RECESS_M) * z
    radius = NOZZLE_FRONT_DIAMETER_SHARE * tool.nozzle_diameter_m / 2
    e1 = np.cross(z, [1.0, 0.0, 0.0])
    e1 /= np.linalg.norm(e1)
    e2 = np.cross(z, e1)
    phi = np.linspace(0.0, 2.0 * math.pi, 3601)
    ring = np.outer(np.cos(phi), e1) + np.outer(np.sin(phi), e2)
    root = root_point(scenario, 100.0)
    fr = seam_frame(scenario.seams[0], root[None])
    best = math.inf
    for centre in (end, end - NOZZLE_FRONT_LENGTH_M * z):
        pts = centre + radius * ring
        for normal in (fr.lower_normal[0], fr.upper_normal[0]):
            best = min(best, float(((pts - root) @ normal).min()))
    return best * 1000.0


def _hold(scenario, robot, T_world_tcp) -> np.ndarray:
    T_base = np.linalg.inv(scenario.T_world_base) @ T_world_tcp
    sols, _ = robot.ik(T_base, tool=scenario.tool)
    ok = [s for s in sols if not np.isnan(s).any() and robot.within_limits(s)]
    d = [np.abs((s - scenario.home_q + np.pi) % (2 * np.pi) - np.pi).max() for s in ok]
    return np.asarray(ok[int(np.argmin(d))])


@pytest.mark.parametrize("work_deg", [30.0, 35.0, 45.0, 55.0])
def test_the_cell_measures_the_nozzle_exactly(cells, work_deg):
    # pybullet pads URDF cylinders by 1 mm; the cell takes it off: the clearance it reports is
    # the geometric one of the nozzle's front (within the 32-sided hull's 0.04 mm)
    scenario, cell = cells("t-fillet-2f")
    T = torch_pose(scenario, cell.robot.spec.tool(1).stick_out_m, root_point(scenario, 100.0),
                   work_deg=work_deg, travel_deg=10.0, ctwd_mm=15.0)
    cell.set_q(_hold(scenario, cell.robot, T))
    measured, _ = cell.clearance("torch")
    expected = _front_rim_clearance_mm(scenario, cell.robot, T)
    assert measured * 1000.0 == pytest.approx(expected, abs=0.06)
    # and the collision check agrees with it: contacts exactly when the nozzle overlaps
    touching = [c for c in cell.contacts_now() if c.link == "torch"]
    assert bool(touching) == (expected < -0.1)


EDGES = [  # (scenario, work angle, CTWD): the window edges a trainee can really weld at
    ("t-fillet-2f", 35.0, 15.0), ("t-fillet-2f", 55.0, 15.0),
    ("t-fillet-2f", 30.0, 20.0), ("t-fillet-2f", 60.0, 20.0),
    ("lap-2f", 35.0, 15.0), ("lap-2f", 60.0, 15.0), ("lap-2f", 30.0, 20.0),
    ("pipe-plate-2f", 35.0, 15.0), ("pipe-plate-2f", 55.0, 15.0),
    ("pipe-plate-2f", 60.0, 20.0),
    ("butt-1g-weave", 75.0, 15.0), ("butt-1g-weave", 105.0, 15.0),
]


@pytest.mark.parametrize(("sid", "work_deg", "ctwd_mm"), EDGES,
                         ids=[f"{s}-{w:g}deg-{c:g}mm" for s, w, c in EDGES])
def test_window_edges_weld_without_an_alarm(cells, sid, work_deg, ctwd_mm):
    scenario, cell = cells(sid)
    r = reach(scenario, cell, work_deg=work_deg, ctwd_mm=ctwd_mm)
    assert r.alarm_kind is None, (r.alarm_kind, r.alarm_line, r.alarm_other)
    assert 0.2 < r.clearance_mm < 8.0  # near the work, yet clear of it


def test_the_bisector_at_the_design_ctwd_clears_every_joint(cells):
    for sid, (_, bisector) in WELD_SPAN.items():
        scenario, cell = cells(sid)
        r = reach(scenario, cell, work_deg=bisector, ctwd_mm=15.0, every=25)
        assert r.alarm_kind is None, sid
        assert r.clearance_mm > 2.5, sid


def test_thirty_degrees_at_15_mm_is_a_real_touch(cells):
    # no nozzle fits there: the front would have to be under 13.6 mm across; the model's
    # 15.4 mm front overlaps the base plate, and the controller stops moving in
    scenario, cell = cells("t-fillet-2f")
    T = torch_pose(scenario, cell.robot.spec.tool(1).stick_out_m, root_point(scenario, 100.0),
                   work_deg=30.0, travel_deg=10.0, ctwd_mm=15.0)
    assert _front_rim_clearance_mm(scenario, cell.robot, T) < -0.3
    r = reach(scenario, cell, work_deg=30.0, ctwd_mm=15.0)
    assert (r.alarm_kind, r.alarm_line, r.alarm_link, r.alarm_other) == (
        "collision", APPROACH_LINE, "torch", "base plate")


def test_an_impossible_pose_stops_at_its_line_with_its_cause(cells):
    # 10 degrees of work angle at 10 mm CTWD in a fillet: the nozzle would be 7 mm from the
    # root, nearly lying on the base plate
    from torch_reach_jobs import reach_job

    from weldsim.controller import execute
    from weldsim.jobs import prepare_job

    scenario, cell = cells("t-fillet-2f")
    text = reach_job(scenario, cell.robot.spec.tool(1).stick_out_m, work_deg=10.0,
                     ctwd_mm=10.0)
    ex = execute(prepare_job("reach.job", scenario, cell.robot, data=text.encode()), cell)
    alarm = ex.alarm
    assert alarm is not None and alarm.kind == "collision"
    assert alarm.line == APPROACH_LINE and alarm.column == 1
    stop = ex.trace.stop_contact
    assert (stop.link, stop.other) == ("torch", "base plate")
    assert "the torch hits base plate" in render(alarm.message, "en")
    # it stopped on the first touching sample, moving in, before the arc was struck
    assert not np.asarray(ex.trace.arc_on).any()
    assert ex.trace.line[-1] == APPROACH_LINE
