"""Weld jobs that hold the torch at a chosen work angle, travel angle and CTWD on a bundled
exercise's seam, and what the controller makes of them (shared by the torch-reach tests and
``bench/torch_clearance.py``).

The poses are the test's own construction from the seam's frame (as a trainee teaches them:
wire on the root, the angles measured as ``welding.md`` defines them), written as base-frame
``X(...)`` points: an approach 50 mm back along the torch axis from above, a MOVEL (MOVEC on
a circular seam) with the arc on, and a departure back along the axis. The clearance of the
torch is measured on the motion the controller really executed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from weldsim.controller import execute
from weldsim.jobs import prepare_job
from weldsim.kinematics import matrix_to_rpy
from weldsim.scoring.seam_frame import seam_frame, seam_geometry

#: Where on each exercise's first seam the test weld runs (mm along the seam, or degrees
#: round a circle from its start), and the joint's work angle that bisects it (deg).
WELD_SPAN = {
    "t-fillet-2f": ((20.0, 230.0), 45.0),
    "lap-2f": ((20.0, 180.0), 45.0),
    "butt-1g-weave": ((20.0, 180.0), 90.0),
    "pipe-plate-2f": ((5.0, 95.0), 45.0),
}


def unit(v) -> np.ndarray:
    v = np.asarray(v, dtype=float)
    return v / np.linalg.norm(v)


def _root_point(scenario, where: float) -> np.ndarray:
    """The root point ``where`` mm along a line seam, or ``where`` deg round a circle from
    its start."""
    g = seam_geometry(scenario.seams[0])
    if g.circle:
        a = g.sigma * math.radians(where)
        return g.center + g.radius_m * (math.cos(a) * g.e1 + math.sin(a) * g.e2)
    return np.array([np.interp(1e-3 * where, g.cum_m, g.points[:, k]) for k in range(3)])


def torch_pose(scenario, stick_out_m: float, root_near: np.ndarray, *, work_deg: float,
               travel_deg: float, ctwd_mm: float) -> np.ndarray:
    """``T_world_tcp``: the wire on the root point nearest ``root_near``, at the work angle
    (from the lower face, in the seam's normal plane), the travel angle (push > 0) and the
    CTWD given; the tool x axis (the side away from the swan neck) toward the torch's side
    of the joint, as the reference jobs hold it."""
    fr = seam_frame(scenario.seams[0], np.asarray(root_near, dtype=float)[None])
    root, t, a = fr.root_m[0], fr.tangent[0], fr.lower_normal[0]
    lat = unit(np.cross(a, t))
    b = fr.upper_normal[0]
    if np.linalg.norm(np.cross(a, b)) > math.sin(math.radians(10.0)) and lat @ b < 0:
        lat = -lat  # a fillet: the lateral axis points away from the upper face
    w, tau = math.radians(work_deg), math.radians(travel_deg)
    u = math.cos(w) * lat + math.sin(w) * a             # from the root toward the torch
    z = unit(-math.cos(tau) * u + math.sin(tau) * t)    # the wire, toward the work
    p = root - (1e-3 * ctwd_mm - stick_out_m) * z
    x = unit(lat - (lat @ z) * z)
    T = np.eye(4)
    T[:3, 0], T[:3, 1], T[:3, 2], T[:3, 3] = x, np.cross(z, x), z, p
    return T


def _x(scenario, T_world_tcp: np.ndarray) -> str:
    T = np.linalg.inv(scenario.T_world_base) @ T_world_tcp
    v = list(T[:3, 3] * 1000.0) + list(np.degrees(matrix_to_rpy(T[:3, :3])))
    return "X(" + ", ".join(f"{c:.4f}" for c in v) + ")"


def reach_job(scenario, stick_out_m: float, *, work_deg: float, travel_deg: float = 10.0,
              ctwd_mm: float = 15.0) -> str:
    """A job welding the scenario's first seam at the angles and CTWD given."""
    (s0, s1), _ = WELD_SPAN[scenario.id]
    circle = scenario.seams[0].kind == "circle"
    wheres = (s0, 0.5 * (s0 + s1), s1) if circle else (s0, s1)
    poses = [torch_pose(scenario, stick_out_m, _root_point(scenario, s), work_deg=work_deg,
                        travel_deg=travel_deg, ctwd_mm=ctwd_mm) for s in wheres]
    start, end = poses[0], poses[-1]
    up = np.array([0.0, 0.0, 1.0])  # every bundled exercise lies flat on the table

    def back(T, mm, lift_mm=0.0):
        B = T.copy()
        B[:3, 3] = T[:3, 3] - 1e-3 * mm * T[:3, 2] + 1e-3 * lift_mm * up
        return B

    weld = (f"MOVEC {_x(scenario, poses[1])} {_x(scenario, end)}" if circle
            else f"MOVEL {_x(scenario, end)}")
    return (f"JOB REACH\nTOOL {scenario.tool}\n"
            "ASC 1 I=250A U=26V S=45cm/min GAS=MAG FLOW=18\nAEC 1 I=180A U=22V T=0.3s\n"
            f"MOVEP {_x(scenario, back(start, 50.0, 60.0))} R=30%\n"
            f"MOVEL {_x(scenario, back(start, 50.0))} S=100mm/s\n"
            f"MOVEL {_x(scenario, start)} S=30mm/s\n"
            "AS 1\n"
            f"{weld}\n"
            "AE 1\n"
            f"MOVEL {_x(scenario, back(end, 50.0))} S=30mm/s\n"
            "END\n")


#: Line of the weld move (MOVEL/MOVEC with the arc on) in :func:`reach_job`'s text.
WELD_LINE = 8


@dataclass(frozen=True)
class Reach:
    """What the controller did with a :func:`reach_job`."""

    alarm_kind: str | None
    alarm_line: int | None
    alarm_link: str | None      # the arm link that touched (a collision)
    alarm_other: str | None     # what it touched
    clearance_mm: float         # least torch-to-work distance while the arc was on (mm)
    nearest: str                # the solid it is nearest
    text: str


def reach(scenario, cell, *, work_deg: float, travel_deg: float = 10.0,
          ctwd_mm: float = 15.0, every: int = 5) -> Reach:
    """Run a :func:`reach_job` through the controller in ``cell`` and measure the torch's
    clearance on every ``every``-th arc-on sample it executed."""
    stick_out = cell.robot.spec.tool(scenario.tool).stick_out_m
    text = reach_job(scenario, stick_out, work_deg=work_deg, travel_deg=travel_deg,
                     ctwd_mm=ctwd_mm)
    ctx = prepare_job("reach.job", scenario, cell.robot, data=text.encode())
    ex = execute(ctx, cell)
    alarm = ex.alarm
    stop = ex.trace.stop_contact if ex.trace is not None else None
    q = np.asarray(ex.trace.q)
    arc = np.flatnonzero(np.asarray(ex.trace.arc_on))
    best, nearest = math.inf, ""
    for i in arc[::every].tolist() + arc[-1:].tolist():
        cell.set_q(q[i])
        d, other = cell.clearance("torch")
        if d < best:
            best, nearest = d, other
    return Reach(alarm.kind if alarm else None, alarm.line if alarm else None,
                 stop.link if stop else None, stop.other if stop else None,
                 best * 1000.0, nearest, text)
