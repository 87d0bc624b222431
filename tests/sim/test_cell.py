"""The cell: collisions at the right job line and time, CTWD by ray cast, pictures."""

from __future__ import annotations

import numpy as np
import pytest

from weldsim.kinematics import make_pose, rpy_to_matrix
from weldsim.scenarios.loader import bundled_scenario_ids, load_scenario
from weldsim.sim import CAMERAS, Cell

TORCH = "-180, 45.86, 104"  # t-fillet-2f's torch: work angle 45, push 10


def _t_fillet_job(extra_moves: str) -> str:
    return f"""JOB COLLIDE
TOOL 1
FRAME USER1
P1 = X(-6.68, 74.82, 114.82, {TORCH})
P2 = X(-6.68, 34.82, 34.82, {TORCH})
P3 = X(120, -30, 20, {TORCH})
P9 = J(0, 0, 0, 0, -60, 0)
MOVEP P1 R=30%
MOVEL P2 S=100mm/s
{extra_moves}
MOVEP P9 R=30%
END
"""


def test_torch_through_the_web_is_reported_at_its_line_and_time(plan_text):
    # line 10 drives the wire tip to y = -30 mm: 20 mm behind the web (which spans -10..0)
    s, robot, trajectory = plan_text("t-fillet-2f", _t_fillet_job("MOVEL P3 S=50mm/s"))
    assert trajectory.problems == ()
    with Cell(s, robot) as cell:
        trace = cell.play(trajectory)
    web = [c for c in trace.contacts if c.other == "web"]
    assert web, [str(c) for c in trace.contacts]
    first = web[0]
    assert first.line == 10 and first.link == "torch" and first.other_role == "workpiece"
    move = trajectory.t[trajectory.line == 10]
    assert move[0] <= first.start_s <= move[-1]
    # the torch enters the web where the wire tip crosses y = 0 (USER1): check the time
    U = s.frames["user1"]
    tip_y = (trace.T_world_tcp[:, :3, 3] - U[:3, 3]) @ U[:3, 1]
    crossing = trace.t[np.argmax((trajectory.line == 10) & (tip_y < 0.0))]
    assert abs(first.start_s - crossing) < 0.3  # the nozzle (Ø 15 mm tip) touches first
    assert first.depth_mm > 1.0
    assert "line 10" in str(first)


def test_clamp_in_the_way_is_reported(plan_text):
    text = f"""JOB CLAMP
TOOL 1
FRAME USER1
P1 = X(20, 0, 150, {TORCH})
P2 = X(230, 0, 150, {TORCH})
P9 = J(0, 0, 0, 0, -60, 0)
MOVEP P1 R=30%
MOVEL P2 S=100mm/s
MOVEP P9 R=30%
END
"""
    s, robot, trajectory = plan_text("t-fillet-2f-both-sides", text)
    with Cell(s, robot) as cell:
        trace = cell.play(trajectory)
    clamp = trace.collisions_with("clamp")
    assert clamp and clamp[0].line == 8 and clamp[0].other == "clamp"
    # the same move in t-fillet-2f (no clamp) is clear
    s2, robot2, trajectory2 = plan_text("t-fillet-2f", text)
    with Cell(s2, robot2) as cell:
        assert cell.play(trajectory2).contacts == ()


def test_self_collision_is_reported():
    s = load_scenario("t-fillet-2f")
    with Cell(s) as cell:
        cell.set_q(s.home_q)
        assert cell.contacts_now() == []
        cell.set_q(np.radians([39, 4, 249, 149, 50, 62]))  # forearm folded onto the turret
        contacts = cell.contacts_now()
    assert any(role == "robot" for _, _, role, _, _ in contacts)


@pytest.mark.parametrize("tilt_deg", [0.0, 20.0, 35.0])
@pytest.mark.parametrize("height_mm", [0.0, 3.0, 10.0])
def test_ctwd_by_ray_cast_is_analytic(tilt_deg, height_mm):
    # torch over the base plate's top face (z = 0 in USER1), 40 mm in front of the web,
    # tilted about USER1's X axis: CTWD = stick-out + height / cos(tilt)
    s = load_scenario("t-fillet-2f")
    U = s.frames["user1"]
    with Cell(s) as cell:
        stick = cell.robot.spec.tool(1).stick_out_m
        poses, meets = [], []
        for x in (30.0, 125.0, 220.0):
            R = rpy_to_matrix(np.pi + np.radians(tilt_deg), 0.0, 0.0)  # tool z down, tilted
            z = R[:, 2]
            # place the TCP so the wire axis meets the plate at (x, 40) mm
            meet = np.array([x, 40.0, 0.0]) / 1000
            tcp = meet - z * (height_mm / 1000) / abs(z[2])
            poses.append(U @ make_pose(R, tcp))
            meets.append(U[:3, :3] @ meet + U[:3, 3])
        hit, point, normal, solid, ctwd = cell.cast_wire(np.array(poses))
    expected = stick + height_mm / 1000 / np.cos(np.radians(tilt_deg))
    assert hit.all()
    np.testing.assert_allclose(ctwd, expected, atol=1e-5)  # ≤ 0.01 mm
    np.testing.assert_allclose(point, meets, atol=1e-5)
    np.testing.assert_allclose(normal, np.broadcast_to(U[:3, 2], normal.shape), atol=1e-6)
    assert {s.solids[k].name for k in solid} == {"base plate"}


def test_no_hit_when_the_wire_points_away():
    s = load_scenario("t-fillet-2f")
    U = s.frames["user1"]
    with Cell(s) as cell:
        T = U @ make_pose(np.eye(3), np.array([0.1, 0.04, 0.05]))  # tool z up: into the air
        hit, point, _, solid, ctwd = cell.cast_wire(T[None])
    assert not hit[0] and np.isnan(ctwd[0]) and solid[0] == -1 and np.isnan(point[0]).all()


@pytest.mark.parametrize("sid", bundled_scenario_ids())
def test_rendered_picture_shows_robot_and_work(sid):
    s = load_scenario(sid)
    with Cell(s) as cell:
        img, seg = cell.render("iso", 320, 240, segmentation=True)
    assert img.shape == (240, 320, 3) and img.dtype == np.uint8
    assert img.std() > 20  # not a blank picture
    assert np.count_nonzero(seg == -2) > 500  # the robot
    work = [k for k, solid in enumerate(s.solids) if solid.role == "workpiece"]
    assert np.count_nonzero(np.isin(seg, work)) > 100  # the workpiece


def test_every_camera_renders():
    s = load_scenario("t-fillet-2f")
    with Cell(s) as cell:
        for camera in CAMERAS:
            img = cell.render(camera, 64, 48)
            assert img.shape == (48, 64, 3) and img.std() > 5
        with pytest.raises(ValueError, match="unknown camera"):
            cell.render("nope")


def test_cells_are_independent_and_close_cleanly():
    s = load_scenario("t-fillet-2f")
    a, b = Cell(s), Cell(s)
    assert a.client != b.client
    a.close()
    a.close()  # idempotent
    b.set_q(s.home_q)
    b.close()
