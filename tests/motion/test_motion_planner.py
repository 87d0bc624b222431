"""The planner on analytic jobs: timing, geometry, arc and weave state, problems by job line."""

from __future__ import annotations

import math

import numpy as np
import pytest

from weldsim.errors import InvalidInputError, WeldsimError
from weldsim.kinematics import load_robot, matrix_to_rpy
from weldsim.motion import MotionProblem, PlanningError, Trajectory, plan, steps_for
from weldsim.program.model import (
    ArcEnd,
    ArcEndCondition,
    ArcStart,
    ArcStartCondition,
    CartesianPosition,
    Delay,
    JointPosition,
    MoveC,
    MoveL,
    MoveP,
    Program,
    WeaveCondition,
    WeaveEnd,
    WeaveStart,
)

DT = 0.004
HOME = np.radians([0.0, 0.0, 0.0, 0.0, -90.0, 0.0])
MM = 1e-3


@pytest.fixture(scope="module")
def robot():
    return load_robot("fd-b4")


def X(x, y, z, rx=180.0, ry=0.0, rz=0.0, frame="BASE", conf=None):
    """Cartesian position in mm and degrees (torch straight down by default)."""
    return CartesianPosition(
        (x * MM, y * MM, z * MM),
        tuple(math.radians(a) for a in (rx, ry, rz)),
        frame=frame,
        conf=conf,
    )


def from_pose(T, conf=None):
    return CartesianPosition(tuple(T[:3, 3]), matrix_to_rpy(T[:3, :3]), conf=conf)


ASC = ArcStartCondition(200.0, 22.0, 0.010)  # 10 mm/s
AEC = ArcEndCondition(150.0, 20.0, 0.5)


def weld_job(*weld_moves, weave=None):
    """Approach (lines 1-2), AS (3), [WS (4)], the weld moves (10, 11, ...), [WE], AE (20),
    depart (21)."""
    ins = [
        MoveP(X(800, -50, 330), 50.0, line=1),
        MoveL(X(800, -50, 300), 0.1, line=2),
        ArcStart(ASC, line=3),
    ]
    if weave is not None:
        ins.append(WeaveStart(weave, line=4))
    ins.extend(weld_moves)
    if weave is not None:
        ins.append(WeaveEnd(line=19))
    ins += [ArcEnd(AEC, line=20), MoveL(X(800, 50, 350), line=21)]
    return Program("TEST", instructions=tuple(ins))


def samples_of(traj, line):
    return np.flatnonzero(traj.line == line)


def test_100_mm_weld_at_10_mm_s(robot):
    job = weld_job(MoveL(X(800, 50, 300), line=10))
    traj = plan(job, robot, home_q=HOME)
    assert isinstance(traj, Trajectory)
    assert traj.problems == ()
    # 100 mm at 10 mm/s (the AS condition's speed), a = 1 m/s^2: 10 s + v/a = 10.01 s,
    # on the 4 ms grid 2503 samples = 10.012 s
    weld = samples_of(traj, 10)
    assert weld.size == 2503
    assert weld.size * DT == pytest.approx(10.012, abs=1e-12)
    # every weld sample lies on the programmed line (<= 1e-6 mm)
    p = traj.T_base_tcp[weld, :3, 3]
    a, b = np.array([0.8, -0.05, 0.3]), np.array([0.8, 0.05, 0.3])
    r = p - a
    d = (b - a) / np.linalg.norm(b - a)
    assert np.linalg.norm(r - np.outer(r @ d, d), axis=1).max() <= 1e-6 * MM
    # the move ends exactly on its target; cruise at exactly 10 mm/s
    np.testing.assert_allclose(traj.T_base_tcp[weld[-1]], X(800, 50, 300).matrix(), atol=1e-15)
    v = np.linalg.norm(np.diff(traj.T_base_tcp[weld, :3, 3], axis=0), axis=1) / DT
    assert v.max() == pytest.approx(0.010, rel=1e-9)
    # the arc: on during the weld and the crater fill (0.5 s = 125 samples), off elsewhere
    crater = samples_of(traj, 20)
    assert crater.size == 125
    assert np.array_equal(np.flatnonzero(traj.arc_on), np.concatenate([weld, crater]))
    assert traj.arc_on_time_s == pytest.approx(10.012 + 0.5, abs=1e-9)
    assert traj.weld_conditions == (ASC,) and traj.crater_conditions == (AEC,)
    assert np.all(traj.weld_condition[weld] == 0) and np.all(traj.weld_condition[crater] == -1)
    assert np.all(traj.crater_condition[crater] == 0)
    assert np.all(np.diff(traj.T_base_tcp[crater], axis=0) == 0.0)
    # approach without S= is not affected; depart without S= runs at 100 mm/s:
    # 50 mm at 0.1 m/s, a = 1: 0.5 s + 0.1 s = 150 samples
    assert samples_of(traj, 21).size == 150
    # time base, FK consistency, bookkeeping
    np.testing.assert_array_equal(traj.t, np.arange(len(traj)) * DT)
    assert traj.cycle_time_s == pytest.approx((len(traj) - 1) * DT)
    np.testing.assert_allclose(robot.fk(traj.q)[:, :3, 3], traj.T_base_tcp[:, :3, 3], atol=1e-9)
    np.testing.assert_allclose(robot.fk(traj.q)[:, :3, :3], traj.T_base_tcp[:, :3, :3], atol=1e-9)
    assert traj.q_ok.all()
    np.testing.assert_array_equal(traj.q[0], HOME)
    assert traj.line[0] == 0
    assert np.all(np.isnan(traj.weave_phase)) and np.all(traj.weave_condition == -1)
    seg = np.linalg.norm(np.diff(traj.T_base_tcp[:, :3, 3], axis=0), axis=1).sum()
    assert traj.path_length_m == pytest.approx(seg)
    assert traj.path_length_m > 0.1 + 0.03 + 0.05


def test_trajectory_is_read_only_and_deterministic(robot):
    job = weld_job(MoveL(X(800, 50, 300), line=10))
    a = plan(job, robot, home_q=HOME)
    b = plan(job, robot, home_q=HOME)
    with pytest.raises(ValueError):
        a.q[0, 0] = 1.0
    for name in ("t", "q", "T_base_tcp", "arc_on", "line", "weave_phase"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))


def test_movep_ends_exactly_on_joint_target(robot):
    target = np.radians([20.0, -10.0, -20.0, 30.0, -60.0, 45.0])
    job = Program("J", instructions=(MoveP(JointPosition(tuple(target)), 30.0, line=4),))
    traj = plan(job, robot, home_q=HOME)
    np.testing.assert_array_equal(traj.q[-1], target)
    qd = np.abs(np.diff(traj.q, axis=0)).max(axis=0) / DT / robot.spec.joints.max_speed_rad_s
    assert qd.max() == pytest.approx(0.30, rel=1e-9)


def test_delay_and_user_frame(robot):
    T_base_user = np.eye(4)
    T_base_user[:3, 3] = [0.8, 0.0, 0.3]
    job = Program(
        "U",
        instructions=(
            MoveP(X(0, 0, 30, frame="USER1"), 50.0, line=2),
            Delay(0.25, line=3),
            MoveL(X(0, 40, 30, frame="USER1"), 0.02, line=4),
        ),
    )
    traj = plan(job, robot, home_q=HOME, user_frames={"USER1": T_base_user})
    assert samples_of(traj, 3).size == 63  # 0.25 s = 62.5 samples -> 63
    end = traj.T_base_tcp[-1, :3, 3]
    np.testing.assert_allclose(end, [0.8, 0.04, 0.33], atol=1e-15)
    # an undefined frame is an alarm at its line (the controller stops there), not a crash
    stopped = plan(job, robot, home_q=HOME, until_alarm=True)
    alarm = stopped.first_alarm
    assert alarm is not None and alarm.kind == "undefined_frame" and alarm.line == 2
    assert alarm.message.key == "ctl.undefined_frame" and alarm.message.args["frame"] == "USER1"
    assert alarm.sample == len(stopped)  # the move never starts


def test_movec_in_a_weld_is_on_the_circle(robot):
    # a half circle of radius 50 mm centred at (800, 0, 300), via the far point
    job = weld_job(MoveC(X(850, 0, 300), X(800, 50, 300), line=10))
    traj = plan(job, robot, home_q=HOME)
    assert traj.problems == ()
    arc = samples_of(traj, 10)
    p = traj.T_base_tcp[arc, :3, 3]
    r = np.linalg.norm(p - [0.8, 0.0, 0.3], axis=1)
    assert np.abs(r - 0.05).max() <= 1e-6 * MM
    assert np.abs(p[:, 2] - 0.3).max() <= 1e-6 * MM
    assert np.linalg.norm(p - [0.85, 0.0, 0.3], axis=1).min() <= 0.010 * DT * 1.01
    # pi * 50 mm at 10 mm/s plus one ramp of v/a = 0.01 s
    assert arc.size == steps_for(math.pi * 0.05 / 0.01 + 0.01, DT)


def measure_weave(traj, line):
    idx = samples_of(traj, line)
    y = traj.T_base_tcp[idx, :3, 3]
    # the weld runs along +Y at x = 800 mm, z = 300 mm; the lateral axis is horizontal
    lateral = y[:, 0] - 0.8
    t = traj.t[idx]
    up = np.flatnonzero((lateral[:-1] <= 1e-12) & (lateral[1:] > 1e-12))
    freq = (up.size - 1) / (t[up[-1]] - t[up[0]])
    return np.abs(lateral).max(), freq


@pytest.mark.parametrize("pattern", ["SINE", "TRIANGLE", "TRAPEZOID", "CIRCLE"])
def test_weave_amplitude_frequency_and_exact_end(robot, pattern):
    wvc = WeaveCondition(
        pattern, 2.0 * MM, 2.0, (0.05, 0.0, 0.05) if pattern != "SINE" else (0.0, 0.0, 0.0)
    )
    job = weld_job(MoveL(X(800, 50, 300), line=10), weave=wvc)
    traj = plan(job, robot, home_q=HOME)
    assert traj.problems == ()
    amp, freq = measure_weave(traj, 10)
    assert amp == pytest.approx(2.0 * MM, rel=0.01)
    assert freq == pytest.approx(2.0, rel=0.01)
    idx = samples_of(traj, 10)
    np.testing.assert_array_equal(traj.T_base_tcp[idx[-1]], X(800, 50, 300).matrix())
    assert np.all(traj.weave_condition[idx] == 0)
    assert traj.weave_conditions == (wvc,)
    phase = traj.weave_phase[idx]
    assert np.all(np.diff(phase) > 0)
    assert np.isnan(traj.weave_phase[samples_of(traj, 20)]).all()
    # the weave ends on the centre line: a whole half cycle (CIRCLE: whole cycle)
    whole = 1.0 if pattern == "CIRCLE" else 0.5
    assert phase[-1] / whole == pytest.approx(round(phase[-1] / whole), abs=1e-9)
    # travel is stopped during the finish, which is shorter than half a cycle (CIRCLE: one)
    travel_n = steps_for(10.01, DT)
    assert idx.size - travel_n <= whole / 2.0 / DT + 1


def test_weave_continues_across_collinear_moves_and_finishes_at_corner(robot):
    wvc = WeaveCondition("SINE", 2.0 * MM, 2.0)
    job = weld_job(
        MoveL(X(800, 0, 300), line=10),
        MoveL(X(800, 50, 300), line=11),
        MoveL(X(850, 50, 300), line=12),
        weave=wvc,
    )
    traj = plan(job, robot, home_q=HOME)
    assert traj.problems == ()
    a, b, c = samples_of(traj, 10), samples_of(traj, 11), samples_of(traj, 12)
    # collinear: no finish after line 10, the phase runs on at 2 Hz across the boundary
    assert a.size == steps_for(5.01, DT)
    np.testing.assert_allclose(np.diff(traj.weave_phase[np.r_[a, b[:3]]]), 2.0 * DT, rtol=1e-9)
    # corner after line 11: finish on the centre line exactly at the corner
    np.testing.assert_array_equal(traj.T_base_tcp[b[-1]], X(800, 50, 300).matrix())
    assert traj.weave_phase[b[-1]] * 2 == pytest.approx(round(traj.weave_phase[b[-1]] * 2))
    np.testing.assert_array_equal(traj.T_base_tcp[c[-1]], X(850, 50, 300).matrix())
    # no jump anywhere: the largest step is bounded by travel plus weave speed
    step = np.linalg.norm(np.diff(traj.T_base_tcp[np.r_[a, b, c], :3, 3], axis=0), axis=1)
    assert step.max() <= (0.010 + 2 * math.pi * 2.0 * 2.0 * MM) * DT * 1.01


def test_unreachable_target_is_reported_at_its_line(robot):
    job = weld_job(MoveL(X(800, 50, 300), line=10))
    ins = list(job.instructions)
    ins.insert(1, MoveL(X(3000, 0, 300), 0.1, line=7))
    traj = plan(Program("R", instructions=tuple(ins)), robot, home_q=HOME)
    (prob,) = traj.problems
    assert isinstance(prob, MotionProblem)
    assert prob.kind == "unreachable" and prob.line == 7
    assert "3000.0" in prob.detail
    assert samples_of(traj, 7).size == 0  # skipped; the rest of the job still plans
    assert samples_of(traj, 10).size == 2503


def test_joint_limit_is_reported_at_its_line(robot):
    beyond = np.radians([175.0, 0.0, 0.0, 0.0, -90.0, 0.0])  # J1 limit is +-170 deg
    job = Program(
        "L",
        instructions=(
            MoveP(JointPosition(tuple(beyond)), 20.0, line=3),
            MoveL(X(-800, 0, 300), 0.1, line=5),  # behind the robot: J1 = 180 deg
        ),
    )
    traj = plan(job, robot, home_q=HOME)
    kinds = [(p.kind, p.line) for p in traj.problems]
    assert kinds == [("joint_limit", 3), ("joint_limit", 5)]
    assert "J1 at 175.0 deg" in traj.problems[0].detail
    assert "J1 at 180.0 deg" in traj.problems[1].detail


def test_wrist_singularity_crossing_is_reported(robot):
    qa = np.radians([0.0, 10.0, -10.0, 0.0, -15.0, 0.0])
    qb = np.radians([0.0, 10.0, -10.0, 0.0, 15.0, 0.0])
    job = Program("W", instructions=(MoveL(from_pose(robot.fk(qb)), 0.05, line=8),))
    traj = plan(job, robot, home_q=qa)
    kinds = {p.kind: p for p in traj.problems}
    assert set(kinds) == {"singularity", "config_flip"}
    sing = kinds["singularity"]
    assert sing.line == 8 and "wrist" in sing.detail
    # reported at the closest approach: J5 crosses zero half way
    k = round(sing.time_s / DT)
    assert abs(math.degrees(traj.q[k, 4])) < 0.1
    assert "NUT to FUT" in kinds["config_flip"].detail


def test_joint_overspeed_slows_the_move_and_is_reported(robot):
    qa = np.radians([-8.0, 10.0, -10.0, 0.0, 0.5, 0.0])
    Tb = robot.fk(qa)
    Tb[1, 3] += 0.2
    job = Program("S", instructions=(MoveL(from_pose(Tb), 0.2, line=6),))
    traj = plan(job, robot, home_q=qa)
    speed = [p for p in traj.problems if p.kind == "speed_limit"]
    assert len(speed) == 1 and speed[0].line == 6 and "J4" in speed[0].detail
    qd = np.abs(np.diff(traj.q, axis=0)).max(axis=0) / DT / robot.spec.joints.max_speed_rad_s
    assert qd.max() <= 1.0
    assert len(traj) - 1 > steps_for(0.2 / 0.2 + 0.2 / 1.0, DT)  # slower than programmed


def test_degenerate_arc_raises_with_line(robot):
    job = weld_job(MoveC(X(800, 0, 300), X(800, 50, 300), line=10))
    with pytest.raises(PlanningError, match=r"<job>:10: error: .*collinear") as info:
        plan(job, robot, home_q=HOME)
    assert info.value.line == 10
    assert isinstance(info.value, WeldsimError)


@pytest.mark.parametrize(
    ("instructions", "match"),
    [
        ((ArcStart(ASC, line=2), ArcStart(ASC, line=3)), "AS while the arc is already on"),
        ((ArcEnd(AEC, line=2),), "AE while the arc is off"),
        ((WeaveStart(WeaveCondition("SINE", 1e-3, 1.0), line=2),), "only allowed while"),
        ((ArcStart(ASC, line=2), MoveP(X(800, 0, 300), line=3)), "MOVEP inside a weld"),
        ((ArcStart(ASC, line=2),), "ends with the arc on"),
    ],
)
def test_ordering_rules_raise(robot, instructions, match):
    with pytest.raises(PlanningError, match=match):
        plan(Program("O", instructions=instructions), robot, home_q=HOME)


def test_bad_inputs_raise(robot):
    job = Program("E", instructions=())
    with pytest.raises(InvalidInputError, match="home_q"):
        plan(job, robot, home_q=np.zeros(5))
    with pytest.raises(InvalidInputError, match="outside the joint limits"):
        plan(job, robot, home_q=np.radians([200.0, 0, 0, 0, 0, 0]))
    with pytest.raises(InvalidInputError, match="rate_hz"):
        plan(job, robot, home_q=HOME, rate_hz=0.0)
    traj = plan(job, robot, home_q=HOME)
    assert len(traj) == 1 and traj.cycle_time_s == 0.0 and traj.path_length_m == 0.0


def test_weave_on_an_arc_stays_across_the_path(robot):
    wvc = WeaveCondition("SINE", 1.5 * MM, 2.0)
    job = weld_job(MoveC(X(850, 0, 300), X(800, 50, 300), line=10), weave=wvc)
    traj = plan(job, robot, home_q=HOME)
    assert traj.problems == ()
    arc = samples_of(traj, 10)
    p = traj.T_base_tcp[arc, :3, 3]
    # torch down, arc in a horizontal plane: the weave is radial, in the plane
    radial = np.linalg.norm(p[:, :2] - [0.8, 0.0], axis=1) - 0.05
    assert np.abs(p[:, 2] - 0.3).max() <= 1e-12
    assert np.abs(radial).max() == pytest.approx(1.5 * MM, rel=0.01)
    np.testing.assert_array_equal(traj.T_base_tcp[arc[-1]], X(800, 50, 300).matrix())


def test_job_format_example_plans_end_to_end(robot):
    from pathlib import Path

    from weldsim.program import parse_job

    doc = Path(__file__).resolve().parents[2] / "docs" / "job-format.md"
    text = doc.read_text(encoding="utf-8").split("## Example\n```\n")[1].split("```")[0]
    job = parse_job(text, "t_fillet_demo.job")
    T_base_user1 = np.eye(4)
    T_base_user1[:3, 3] = [0.75, -0.12, 0.2]
    traj = plan(job, robot, home_q=HOME, user_frames={"USER1": T_base_user1})
    assert traj.problems == ()
    # the seam: 250 mm at 45 cm/min = 7.5 mm/s, 33.3 s plus a ramp of v/a = 7.5 ms
    weld = np.flatnonzero(traj.weld_condition >= 0)
    assert weld.size == steps_for(0.250 / 0.0075 + 0.0075 / 1.0, DT)
    crater = np.flatnonzero(traj.crater_condition >= 0)
    assert crater.size == 125
    seam_end = T_base_user1 @ job.position(3).matrix()
    np.testing.assert_allclose(traj.T_base_tcp[weld[-1]], seam_end, atol=1e-15)
    assert traj.weld_conditions[0].speed_m_s == pytest.approx(0.0075)


def test_other_sample_rate(robot):
    job = Program(
        "R",
        instructions=(Delay(0.25, line=2), MoveL(X(800, 0, 300), 0.1, line=3)),
    )
    traj = plan(job, robot, home_q=HOME, rate_hz=100.0)
    assert traj.rate_hz == 100.0 and traj.dt == 0.01
    assert samples_of(traj, 2).size == 25
    np.testing.assert_array_equal(traj.t, np.arange(len(traj)) * 0.01)
    np.testing.assert_allclose(traj.T_base_tcp[-1], X(800, 0, 300).matrix(), atol=1e-15)


@pytest.mark.parametrize("seed", range(5))
def test_random_lines_stay_on_the_line_and_match_fk(robot, seed):
    rng = np.random.default_rng(seed)
    a = np.array([800.0, 0.0, 300.0]) + rng.uniform(-100, 100, 3)
    b = np.array([800.0, 0.0, 300.0]) + rng.uniform(-100, 100, 3)
    ra = np.array([180.0, 0.0, 0.0]) + rng.uniform(-15, 15, 3)
    rb = np.array([180.0, 0.0, 0.0]) + rng.uniform(-15, 15, 3)
    job = Program(
        "L",
        instructions=(
            MoveP(X(*a, *ra), 50.0, line=2),
            MoveL(X(*b, *rb), rng.uniform(0.005, 0.2), line=3),
        ),
    )
    traj = plan(job, robot, home_q=HOME)
    assert traj.problems == ()
    idx = samples_of(traj, 3)
    p = traj.T_base_tcp[idx, :3, 3]
    pa, pb = a * MM, b * MM
    d = (pb - pa) / np.linalg.norm(pb - pa)
    r = p - pa
    assert np.linalg.norm(r - np.outer(r @ d, d), axis=1).max() <= 1e-6 * MM
    np.testing.assert_allclose(traj.T_base_tcp[idx[-1]], X(*b, *rb).matrix(), atol=1e-15)
    np.testing.assert_allclose(robot.fk(traj.q[idx]), traj.T_base_tcp[idx], atol=1e-9)


def test_weave_too_fast_for_the_joints_is_reported_not_slowed(robot):
    # 10 mm at 60 Hz: about 3.8 m/s of lateral TCP speed, beyond the arm whatever the travel
    wvc = WeaveCondition("SINE", 10.0 * MM, 60.0)
    job = weld_job(MoveL(X(800, 50, 300), line=10), weave=wvc)
    traj = plan(job, robot, home_q=HOME)
    (prob,) = traj.problems_of("speed_limit")
    assert prob.line == 10 and "weave demands it" in prob.detail and "slowed" not in prob.detail
    travel = samples_of(traj, 10).size
    assert travel <= steps_for(10.01, DT) + 0.5 / 60.0 / DT + 1  # travel time unchanged
