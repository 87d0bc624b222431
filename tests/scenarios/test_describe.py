"""scenarios.describe: seams and frames in the job's frames, and a torch pose at each seam's start
that meets the WPS angles (measured by the technique metrics) and that the robot reaches."""

from __future__ import annotations

import math

import numpy as np
import pytest

from weldsim.kinematics import load_robot, make_pose
from weldsim.program import parse_job
from weldsim.program.writer import format_position
from weldsim.scenarios.describe import describe, torch_at_seam_start, wire_axis
from weldsim.scenarios.loader import bundled_scenario_ids, load_scenario
from weldsim.scoring import technique_metrics
from weldsim.sim.trace import Trace

WELDING = [sid for sid in bundled_scenario_ids() if load_scenario(sid).welds]
SEAMS = [(sid, k) for sid in WELDING for k in range(len(load_scenario(sid).seams))]


def test_wire_axis_of_the_documented_t_fillet():
    # USER1 of t-fillet-2f: X along the seam, Z up (base plate), +Y the web's face normal
    z = wire_axis([1, 0, 0], [0, 0, 1], [0, 1, 0], 45.0, 10.0)
    np.testing.assert_allclose(z, [0.1736, -0.6964, -0.6964], atol=1e-4)
    # a flat butt joint, torch square to it, no travel angle: straight down
    np.testing.assert_allclose(wire_axis([1, 0, 0], [0, 0, 1], [0, 0, 1], 90.0, 0.0),
                               [0, 0, -1], atol=1e-12)
    # drag instead of push leans the wire against the travel direction
    assert wire_axis([1, 0, 0], [0, 0, 1], [0, 1, 0], 45.0, -10.0)[0] < 0


def test_t_fillet_seam_and_frame_are_given_in_user1_and_base():
    d = describe(load_scenario("t-fillet-2f"))
    (frame,) = d.frames
    assert frame.name == "USER1"
    np.testing.assert_allclose(frame.origin_mm, (850.0, -125.0, 10.0), atol=1e-9)
    np.testing.assert_allclose(frame.x_axis, (0, 1, 0), atol=1e-12)
    np.testing.assert_allclose(frame.y_axis, (-1, 0, 0), atol=1e-12)
    np.testing.assert_allclose(frame.z_axis, (0, 0, 1), atol=1e-12)
    (seam,) = d.seams
    assert (seam.id, seam.frame, seam.kind) == ("root", "USER1", "polyline")
    np.testing.assert_allclose(seam.start_mm, (0, 0, 0), atol=1e-9)
    np.testing.assert_allclose(seam.end_mm, (250, 0, 0), atol=1e-9)
    assert seam.length_mm == pytest.approx(250.0)
    assert seam.center_mm is None and seam.sweep_deg is None
    r = d.requirements
    assert (r.pass_score, r.excellent_score, r.required_level, r.leg_mm) == (70, 85, "C", 6)
    assert (r.work_angle_deg, r.work_angle_full) == (45.0, (40.0, 50.0))
    assert (r.travel_angle_deg, r.travel_angle_full) == (10.0, (5.0, 15.0))
    assert (r.ctwd_mm, r.ctwd_full, r.aim_full_mm, r.travel_speed_pct) == (15, (13, 17), .5, 10)
    assert r.crater_fill is True and r.cycle_time_target_s == 60.0


def test_pipe_seam_is_a_circle_with_its_start_angle_and_sweep():
    s = load_scenario("pipe-plate-2f")
    (seam,) = describe(s).seams
    assert seam.kind == "circle" and seam.frame == "USER1"
    np.testing.assert_allclose(seam.center_mm, (0, 0, 0), atol=1e-9)
    assert seam.radius_mm == pytest.approx(57.15)
    assert seam.start_angle_deg == pytest.approx(90.0)
    assert seam.sweep_deg == pytest.approx(360.0)
    np.testing.assert_allclose(seam.start_mm, (0, 57.15, 0), atol=1e-9)
    # the start lies where the angle says, on the circle
    a = math.radians(seam.start_angle_deg)
    np.testing.assert_allclose(seam.start_mm[:2], (57.15 * math.cos(a), 57.15 * math.sin(a)),
                               atol=1e-9)


def _trace_at(T_world_tcp: np.ndarray, q: np.ndarray, n: int = 5) -> Trace:
    """A trace standing still at one pose with the arc on (the metrics need no motion for
    the angles)."""
    nan3 = np.full((n, 3), np.nan)
    return Trace(t=np.arange(n) * 0.004, q=np.tile(q, (n, 1)),
                 T_world_tcp=np.tile(T_world_tcp, (n, 1, 1)), arc_on=np.ones(n, bool),
                 line=np.ones(n, np.int64), ray_hit=np.zeros(n, bool), hit_point=nan3,
                 hit_normal=nan3.copy(), hit_solid=np.full(n, -1, np.int64),
                 ctwd_m=np.full(n, np.nan), contacts=(), solid_names=(), stick_out_m=0.015,
                 ray_length_m=0.1)


@pytest.mark.parametrize(("sid", "k"), SEAMS)
def test_torch_at_the_seam_start_meets_the_wps_angles_and_is_reached(sid, k):
    s = load_scenario(sid)
    robot = load_robot(s.robot)
    torch = torch_at_seam_start(s, k, robot)
    assert torch is not None
    assert torch.work_angle_deg == s.windows["work_angle_deg"].nominal
    assert torch.travel_angle_deg == s.windows["travel_angle_deg"].nominal
    # the printed X(...) is job syntax that parses back to the same pose
    text = format_position(torch.position, literal=True)
    job = parse_job(f"JOB A\nFRAME {torch.position.frame}\nMOVEL {text}\nEND\n")
    parsed = job.instructions[0].target
    np.testing.assert_allclose(parsed.matrix(), torch.position.matrix(), atol=1e-12)
    assert parsed.conf == torch.position.conf
    # the rounded pose, in the world: on the seam's start
    seam = s.seams[k]
    T_world_frame = s.frames[seam.frame] if seam.frame in s.frames else s.T_world_base
    T_world_tcp = T_world_frame @ torch.position.matrix()
    assert np.linalg.norm(T_world_tcp[:3, 3] - seam.points_m[0]) < 1e-5
    # IK: the joints given reach exactly that pose, inside the limits, in the printed CONF
    q = np.radians(torch.q_deg)
    assert robot.within_limits(q)
    np.testing.assert_allclose(s.T_world_base @ robot.fk(q, s.tool), T_world_tcp, atol=1e-9)
    assert robot.configuration(q) == torch.position.conf
    assert not robot.singularities(q).any
    # the technique metrics read the exercise's nominal angles there
    metrics = technique_metrics(_trace_at(T_world_tcp, q), s)
    assert np.all(metrics.seam == k)
    np.testing.assert_allclose(metrics.work_angle_deg, torch.work_angle_deg, atol=0.02)
    np.testing.assert_allclose(metrics.travel_angle_deg, torch.travel_angle_deg, atol=0.02)
    np.testing.assert_allclose(metrics.aim_lateral_mm, 0.0, atol=0.01)
    np.testing.assert_allclose(metrics.aim_vertical_mm, 0.0, atol=0.01)


@pytest.mark.parametrize(("sid", "k"), SEAMS)
def test_torch_pose_touches_nothing_in_the_cell(sid, k):
    from weldsim.sim import Cell

    s = load_scenario(sid)
    robot = load_robot(s.robot)
    torch = torch_at_seam_start(s, k, robot)
    with Cell(s, robot) as cell:
        cell.set_q(np.radians(torch.q_deg))
        assert cell.contacts_now() == []


def test_rolling_the_torch_about_its_wire_changes_the_reach_not_the_weld():
    s = load_scenario("t-fillet-2f")
    robot = load_robot(s.robot)
    torch = torch_at_seam_start(s, 0, robot)
    T_user_tcp = torch.position.matrix()
    T_world_user = s.frames["user1"]
    reached, works, travels = [], [], []
    for roll in np.radians(np.arange(0.0, 360.0, 15.0)):
        c, si = math.cos(roll), math.sin(roll)
        Rz = np.array([[c, -si, 0.0], [si, c, 0.0], [0.0, 0.0, 1.0]])
        T = T_world_user @ T_user_tcp @ make_pose(Rz, np.zeros(3))
        _, ok = robot.ik(np.linalg.inv(s.T_world_base) @ T, s.tool)
        reached.append(bool(ok.any()))
        m = technique_metrics(_trace_at(T, np.zeros(6)), s)
        works.append(m.work_angle_deg[0])
        travels.append(m.travel_angle_deg[0])
    np.testing.assert_allclose(works, 45.0, atol=0.02)
    np.testing.assert_allclose(travels, 10.0, atol=0.02)
    assert any(reached) and not all(reached)  # the reach depends on the roll


def test_describe_is_deterministic():
    s = load_scenario("t-fillet-2f-both-sides")
    assert describe(s) == describe(s)
