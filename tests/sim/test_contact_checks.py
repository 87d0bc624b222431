"""The contact-check schedule: between two checked samples no point of the arm moves more than
the check step (checked on points certainly on the arm: every link frame's origin, the TCP,
the contact tip and the nozzle end), on a weld with weaving and on fast joint moves."""

from __future__ import annotations

import numpy as np

from weldsim.jobs import prepare_job
from weldsim.motion import plan
from weldsim.scenarios.loader import load_scenario
from weldsim.sim import Cell
from weldsim.sim._pybullet import pb
from weldsim.sim.cell import CHECK_STEP_M, _check_samples

WEAVE_JOB = """JOB W
TOOL 1
FRAME USER1
ASC 1 I=220A U=24V S=40cm/min GAS=MAG FLOW=18
AEC 1 I=160A U=20V T=0.2s
WVC 1 PATTERN=SINE AMP=3mm FREQ=2Hz DWELL=0,0,0
P1 = X(10, 0, 49.24, 170, 0, 90)
P2 = X(10, 0, 0, 170, 0, 90)
P3 = X(40, 0, 0, 170, 0, 90)
MOVEP P1 R=60%
MOVEL P2 S=100mm/s
AS 1
WS 1
MOVEL P3
WE
AE 1
MOVEP J(20, 30, -20, 40, -70, 60) R=100%
END
"""


def _points(cell: Cell, q: np.ndarray) -> np.ndarray:
    """World positions (K, 3) of points on the arm at joint angles ``q``."""
    cell.set_q(q)
    c = cell.client
    links = sorted(i for i in cell.link_index.values() if i >= 0)
    states = pb.getLinkStates(cell.body, links, computeForwardKinematics=True,
                              physicsClientId=c)
    pts = [s[4] for s in states]
    T = cell.world_tcp(q)
    stick = cell.robot.spec.tool(cell.tool).stick_out_m
    pts += [T[:3, 3], T[:3, 3] - stick * T[:3, 2], T[:3, 3] - (stick - 0.003) * T[:3, 2]]
    return np.asarray(pts)


def test_no_point_moves_more_than_the_step_between_checks():
    s = load_scenario("butt-1g-weave")
    ctx = prepare_job("w.job", s, data=WEAVE_JOB.encode())
    traj = plan(ctx.program, ctx.robot, home_q=ctx.home_q, user_frames=ctx.user_frames)
    q = np.asarray(traj.q)
    assert 1500 < len(q) < 8000  # bounded work
    with Cell(s, ctx.robot) as cell:
        T = cell.world_tcp(q)
        T_flange = T @ cell._T_tcp_flange
        wc = T_flange[:, :3, 3] - cell._c4_m * T_flange[:, :3, 2]
        check = _check_samples(q, wc, T_flange, cell._levers_m, CHECK_STEP_M)
        assert check.sum() < 0.6 * len(q)  # it does skip samples
        pts = np.stack([_points(cell, qi) for qi in q])
    last = 0
    worst = 0.0
    for i in range(1, len(q)):
        moved = float(np.linalg.norm(pts[i] - pts[last], axis=1).max())
        if check[i]:
            last = i
            continue
        worst = max(worst, moved)
    assert worst <= CHECK_STEP_M + 1e-9
