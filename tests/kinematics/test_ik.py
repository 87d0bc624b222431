"""Closed-form IK: round trips on large random sets, singular and unreachable poses, limits."""

from __future__ import annotations

import numpy as np
import pytest

from weldsim.errors import InvalidInputError, UnreachableError, WeldsimError
from weldsim.kinematics import parse_configuration


def _wrapped(d):
    return np.abs((d + np.pi) % (2 * np.pi) - np.pi)


def test_round_trip_100k(robot):
    rng = np.random.default_rng(2024)
    n = 100_000
    q = rng.uniform(robot.lower, robot.upper, size=(n, 6))
    T = robot.fk(q)
    sols, ok = robot.ik(T)
    assert sols.shape == (n, 8, 6) and ok.shape == (n, 8)
    # every returned valid solution reproduces the pose
    valid = sols[ok]
    T_back = robot.fk(valid)
    T_ref = np.broadcast_to(T[:, None], (n, 8, 4, 4))[ok]
    assert np.abs(T_back[:, :3, 3] - T_ref[:, :3, 3]).max() <= 1e-9
    assert np.abs(T_back[:, :3, :3] - T_ref[:, :3, :3]).max() <= 1e-9
    # valid solutions are inside the limits
    assert robot.within_limits(valid).all()
    # the original q is among them (modulo 2π for joints whose range exceeds 360°)
    diff = _wrapped(sols - q[:, None, :]).max(axis=2)
    best = np.where(ok, diff, np.inf).min(axis=1)
    assert best.max() <= 1e-8


def test_every_existing_solution_reproduces_the_pose_even_outside_limits(fd_b4):
    rng = np.random.default_rng(5)
    q = rng.uniform(fd_b4.lower, fd_b4.upper, size=(5000, 6))
    T = fd_b4.fk(q)
    sols, ok = fd_b4.ik(T)
    exists = ~np.isnan(sols).any(axis=2)
    assert (exists | ~ok).all()
    T_back = fd_b4.fk(sols[exists])
    T_ref = np.broadcast_to(T[:, None], (*sols.shape[:2], 4, 4))[exists]
    assert np.abs(T_back - T_ref).max() <= 1e-9


def test_single_pose_api_matches_batch(fd_b4):
    q = np.radians([10, 20, 5, 30, -60, 45])
    T = fd_b4.fk(q)
    assert T.shape == (4, 4)
    sols, ok = fd_b4.ik(T)
    sols_b, ok_b = fd_b4.ik(T[None])
    np.testing.assert_array_equal(sols, sols_b[0])
    np.testing.assert_array_equal(ok, ok_b[0])
    assert np.isclose(_wrapped(sols[ok] - q).max(axis=1).min(), 0.0, atol=1e-10)


def test_j6_equivalent_angles_inside_limits(fd_b4):
    # J6 range ±205°: 190° must come back as 190° or -170°, both inside the limits
    q = np.radians([0, 10, 0, 0, -50, 190])
    sols, ok = fd_b4.ik(fd_b4.fk(q))
    j6 = np.degrees(sols[ok, 5])
    assert np.all(np.abs(j6) <= 205 + 1e-9)
    assert np.any(np.isclose(j6, -170.0) | np.isclose(j6, 190.0))
    # ik_nearest keeps the turn nearest the reference
    near = fd_b4.ik_nearest(fd_b4.fk(q), q)
    assert np.degrees(near[5]) == pytest.approx(190.0)
    near = fd_b4.ik_nearest(fd_b4.fk(q), np.radians([0, 10, 0, 0, -50, -160]))
    assert np.degrees(near[5]) == pytest.approx(-170.0)


def test_ik_nearest_returns_reference_when_reachable(robot):
    rng = np.random.default_rng(9)
    for q in rng.uniform(robot.lower * 0.9, robot.upper * 0.9, size=(300, 6)):
        out = robot.ik_nearest(robot.fk(q), q)
        assert np.abs(out - q).max() <= 1e-8


def test_ik_nearest_respects_configuration(fd_b4):
    q = np.radians([0, 10, -10, 0, -60, 0])
    T = fd_b4.fk(q)
    assert fd_b4.configuration(q) == "NUT"
    for conf in ("NUT", "nut"):
        np.testing.assert_allclose(fd_b4.ik_nearest(T, np.zeros(6), conf=conf), q, atol=1e-10)
    with pytest.raises(UnreachableError, match="configuration FUT"):
        fd_b4.ik_nearest(T, q, conf="FUT")  # flipping J4 by 180° exceeds its ±155°


def test_configuration_flags_of_all_solutions_are_distinct(fd_b4):
    # a pose in front of the robot at mid height has all 8 arm/wrist solutions
    q = np.radians([0, 30, 20, 20, -40, 10])
    T = fd_b4.fk(q)
    sols, _ = fd_b4.ik(T)
    exists = ~np.isnan(sols).any(axis=1)
    confs = fd_b4.configuration(sols[exists])
    assert len(set(confs)) == int(exists.sum())
    for s, c in zip(sols[exists], confs, strict=True):
        assert np.allclose(fd_b4.fk(s), T, atol=1e-9)
        # a solution found with the flags it reports is itself
        lo_ok = (s >= fd_b4.lower - 1e-9).all() and (s <= fd_b4.upper + 1e-9).all()
        if lo_ok:
            np.testing.assert_allclose(fd_b4.ik_nearest(T, s, conf=c), s, atol=1e-9)


def test_ik_path_follows_nearest_and_flags_unreachable(fd_b4):
    q0 = np.radians([0, 10, -10, 0, -60, 0])
    T0 = fd_b4.fk(q0)
    T_seq = np.repeat(T0[None], 50, axis=0)
    T_seq[:, 0, 3] += np.linspace(0.0, 0.2, 50)
    T_seq[40:, 0, 3] += 5.0  # far out of reach
    q, ok = fd_b4.ik_path(T_seq, q0)
    assert ok[:40].all() and not ok[40:].any()
    assert np.isnan(q[40:]).all()
    np.testing.assert_allclose(fd_b4.fk(q[:40]), T_seq[:40], atol=1e-9)
    assert np.abs(np.diff(q[:40], axis=0)).max() < 0.05  # continuous, no branch jumps


def test_wrist_singularity_gives_finite_correct_solutions(robot):
    q = np.radians([15, 20, 10, 35, 0.0, -40])  # q5 = 0: J4 and J6 aligned
    T = robot.fk(q)
    sols, ok = robot.ik(T)
    assert ok.any()
    assert np.isfinite(sols[ok]).all()
    np.testing.assert_allclose(robot.fk(sols[ok]), np.broadcast_to(T, (ok.sum(), 4, 4)),
                               atol=1e-9)
    report = robot.singularities(q)
    assert report.wrist and report.wrist_rad == pytest.approx(0.0, abs=1e-12)
    # nearest keeps J4 from the reference and puts the rest of the rotation into J6
    near = robot.ik_nearest(T, q)
    np.testing.assert_allclose(near, q, atol=1e-9)


def test_elbow_singularity_stretched_arm(robot):
    o = robot.spec.opw
    psi3 = np.arctan2(o.a2, o.c3)
    # OPW q3 = -psi3 stretches the arm; model q3 = (t3 + off3) * sign3
    q3 = (-psi3 + o.offsets_rad[2]) * o.sign_corrections[2]
    q = np.array([0.3, 0.4, q3, 0.2, -0.7, 0.1])
    assert robot.within_limits(q)
    T = robot.fk(q)
    sols, ok = robot.ik(T)
    assert ok.any() and np.isfinite(sols[ok]).all()
    np.testing.assert_allclose(robot.fk(sols[ok]), np.broadcast_to(T, (ok.sum(), 4, 4)),
                               atol=1e-9)
    assert robot.singularities(q).elbow
    assert robot.singularities(q).elbow_rad == pytest.approx(0.0, abs=1e-9)


def test_shoulder_singularity_wrist_centre_on_j1_axis(robot):
    o = robot.spec.opw
    # wrist centre straight above the J1 axis: pose the flange there with the tool up
    T = np.eye(4)
    T[:3, 3] = [0.0, 0.0, o.c1 + 0.9 + o.c4]
    sols, ok = robot.ik(T, tool=0)
    exists = ~np.isnan(sols).any(axis=1)
    assert exists.any() and np.isfinite(sols[exists]).all()
    np.testing.assert_allclose(robot.fk(sols[exists], tool=0),
                               np.broadcast_to(T, (exists.sum(), 4, 4)), atol=1e-9)
    assert robot.singularities(sols[exists][0]).shoulder
    # nearest keeps J1 from the reference
    if ok.any():
        ref = sols[ok][0].copy()
        ref[0] = 0.5
        near = robot.ik_nearest(T, ref, tool=0)
        assert near[0] == pytest.approx(0.5)
        np.testing.assert_allclose(robot.fk(near, tool=0), T, atol=1e-9)


def test_unreachable_pose_gives_no_solution(robot):
    T = np.eye(4)
    T[:3, 3] = [3.0, 0.0, 0.5]
    sols, ok = robot.ik(T)
    assert not ok.any() and np.isnan(sols).all()
    with pytest.raises(UnreachableError, match="cannot reach"):
        robot.ik_nearest(T, np.zeros(6))


def test_jacobian_matches_finite_differences(robot):
    from scipy.spatial.transform import Rotation

    rng = np.random.default_rng(3)
    for q in rng.uniform(robot.lower, robot.upper, size=(20, 6)):
        J = robot.jacobian(q)
        eps = 1e-6
        Jn = np.zeros((6, 6))
        for j in range(6):
            dq = np.zeros(6)
            dq[j] = eps
            Tp, Tm = robot.fk(q + dq), robot.fk(q - dq)
            Jn[:3, j] = (Tp[:3, 3] - Tm[:3, 3]) / (2 * eps)
            Jn[3:, j] = Rotation.from_matrix(Tp[:3, :3] @ Tm[:3, :3].T).as_rotvec() / (2 * eps)
        np.testing.assert_allclose(J, Jn, atol=1e-7)


def test_jacobian_loses_rank_at_singularities(fd_b4):
    q = np.radians([0, 20, 10, 30, 0.0, 0])
    assert np.linalg.svd(fd_b4.jacobian(q), compute_uv=False)[-1] < 1e-9


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (np.eye(3), "shape"),
        (np.zeros((2, 4, 5)), "shape"),
        (np.full((4, 4), np.nan), "NaN"),
        (np.diag([1.0, 1.0, 2.0, 1.0]), "orthonormal"),
        (np.diag([1.0, 1.0, -1.0, 1.0]), "determinant"),
        (np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 1, 1.0]]), "bottom row"),
        ("not a pose", "numeric"),
    ],
)
def test_bad_poses_raise_documented_errors(fd_b4, bad, message):
    with pytest.raises(InvalidInputError, match=message) as info:
        fd_b4.ik(bad)
    assert isinstance(info.value, WeldsimError) and isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("q", "message"),
    [(np.zeros(5), "shape"), (np.zeros((3, 7)), "shape"), ([0, 0, 0, np.nan, 0, 0], "NaN"),
     ([0, 0, 0, np.inf, 0, 0], "NaN")],
)
def test_bad_joint_angles_raise(fd_b4, q, message):
    with pytest.raises(InvalidInputError, match=message):
        fd_b4.fk(q)


def test_bad_tool_and_configuration(fd_b4):
    with pytest.raises(InvalidInputError, match="no tool 7"):
        fd_b4.fk(np.zeros(6), tool=7)
    with pytest.raises(InvalidInputError, match="letter 2"):
        parse_configuration("NXT")
    with pytest.raises(InvalidInputError, match="three letters"):
        parse_configuration("NU")
