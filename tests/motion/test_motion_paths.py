"""Lines and circular arcs of the TCP."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial.transform import Rotation, Slerp

from weldsim.errors import InvalidInputError, WeldsimError
from weldsim.motion import DegeneratePathError, arc_path, line_path, trapezoid

MM = 1e-3


def pose(p, rotvec=(0.0, 0.0, 0.0)):
    T = np.eye(4)
    T[:3, :3] = Rotation.from_rotvec(rotvec).as_matrix()
    T[:3, 3] = p
    return T


def distance_to_line(p, a, b):
    d = (b - a) / np.linalg.norm(b - a)
    r = p - a
    return np.linalg.norm(r - np.outer(r @ d, d), axis=1)


def test_line_samples_lie_on_the_line():
    T0 = pose([0.5, -0.2, 0.3], [0.0, math.pi, 0.0])
    T1 = pose([0.6, 0.1, 0.25], [0.3, 2.9, 0.1])
    path = line_path(T0, T1)
    u = trapezoid(path.length, 0.01, 1.0).normalised()
    T = path.poses(u)
    dev = distance_to_line(T[:, :3, 3], T0[:3, 3], T1[:3, 3])
    assert dev.max() <= 1e-6 * MM
    np.testing.assert_array_equal(T[0], T0)
    np.testing.assert_array_equal(T[-1], T1)
    # rotations stay orthonormal
    R = T[:, :3, :3]
    err = np.abs(np.einsum("nji,njk->nik", R, R) - np.eye(3)).max()
    assert err < 1e-12


def test_line_orientation_is_slerp():
    T0 = pose([0, 0, 0], [0.0, math.pi, 0.0])
    T1 = pose([0.1, 0, 0], [0.4, 2.5, -0.3])
    path = line_path(T0, T1)
    u = np.linspace(0.0, 1.0, 11)
    T = path.poses(u)
    ref = Slerp([0.0, 1.0], Rotation.from_matrix([T0[:3, :3], T1[:3, :3]]))(u).as_matrix()
    np.testing.assert_allclose(T[:, :3, :3], ref, atol=1e-12)
    assert path.rotation == pytest.approx(
        (Rotation.from_matrix(T0[:3, :3]).inv() * Rotation.from_matrix(T1[:3, :3])).magnitude()
    )


def test_line_takes_the_shorter_rotation():
    T0 = pose([0, 0, 0], [0, 0, math.radians(170)])
    T1 = pose([0, 0, 0], [0, 0, math.radians(-170)])
    path = line_path(T0, T1)
    assert path.rotation == pytest.approx(math.radians(20))
    mid = Rotation.from_matrix(path.poses([0.5])[0, :3, :3]).as_euler("xyz")[2]
    assert abs(abs(mid) - math.pi) < 1e-9


def test_line_tangent_and_zero_length():
    path = line_path(pose([0, 0, 0]), pose([0, 0.2, 0]))
    np.testing.assert_allclose(path.tangents([0.0, 0.5]), [[0, 1, 0], [0, 1, 0]])
    still = line_path(pose([0, 0, 0]), pose([0, 0, 0], [0, 0, 1]))
    assert still.length == 0.0
    with pytest.raises(DegeneratePathError):
        still.tangents([0.5])


def test_bad_pose_raises():
    bad = np.eye(4)
    bad[0, 0] = 2.0
    with pytest.raises(InvalidInputError, match="rotation"):
        line_path(bad, np.eye(4))
    with pytest.raises(InvalidInputError, match="shape"):
        line_path(np.eye(3), np.eye(4))
    with pytest.raises(InvalidInputError):
        line_path(np.eye(4), np.eye(4)).poses([1.5])


def quarter_circle(r=0.1):
    c = np.array([0.5, 0.0, 0.2])
    s = math.sqrt(0.5)
    return (
        c,
        pose(c + np.array([r, 0, 0]), [math.pi, 0, 0]),
        pose(c + np.array([r * s, r * s, 0]), [math.pi, 0, 0.3]),
        pose(c + np.array([0, r, 0]), [math.pi, 0.2, 0.6]),
    )


def test_arc_geometry_quarter_circle():
    c, T0, Tv, T1 = quarter_circle()
    arc = arc_path(T0, Tv, T1)
    np.testing.assert_allclose(arc.centre, c, atol=1e-15)
    assert arc.radius == pytest.approx(0.1, abs=1e-15)
    np.testing.assert_allclose(arc.normal, [0, 0, 1], atol=1e-15)
    assert arc.angle == pytest.approx(math.pi / 2, abs=1e-14)
    assert arc.via_angle == pytest.approx(math.pi / 4, abs=1e-14)
    assert arc.length == pytest.approx(0.05 * math.pi, abs=1e-15)
    np.testing.assert_allclose(arc.tangents([0.0]), [[0, 1, 0]], atol=1e-15)


@pytest.mark.parametrize(
    ("via", "end", "angle", "nz"),
    [
        ([-1, 0, 0], [0, -1, 0], 1.5 * math.pi, 1.0),  # three quarters, counter-clockwise
        ([0, -1, 0], [-1, 0, 0], math.pi, -1.0),  # half circle, clockwise about +Z
    ],
)
def test_arc_direction_and_large_angles(via, end, angle, nz):
    arc = arc_path(pose([1, 0, 0]), pose(via), pose(end))
    assert arc.angle == pytest.approx(angle, abs=1e-12)
    assert arc.normal[2] == pytest.approx(nz)
    np.testing.assert_allclose(arc.poses([arc.u_via])[0, :3, 3], via, atol=1e-12)


def _random_arc(data_seed):
    rng = np.random.default_rng(data_seed)
    while True:
        pts = rng.uniform(-0.5, 0.5, (3, 3)) + np.array([0.6, 0.0, 0.3])
        a = pts[1] - pts[0]
        b = pts[2] - pts[1]
        if np.linalg.norm(np.cross(a, b)) > 1e-3 * np.linalg.norm(a) * np.linalg.norm(b):
            break
    rv = rng.normal(size=(3, 3))
    return [pose(p, r) for p, r in zip(pts, rv, strict=True)]


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_arc_samples_lie_on_circle_and_pass_via(seed):
    T0, Tv, T1 = _random_arc(seed)
    arc = arc_path(T0, Tv, T1)
    u = trapezoid(arc.length, 0.05, 1.0).normalised()
    T = arc.poses(u)
    p = T[:, :3, 3]
    r = p - arc.centre
    radial = np.abs(np.linalg.norm(r, axis=1) - arc.radius)
    planar = np.abs(r @ arc.normal)
    assert radial.max() <= 1e-6 * MM
    assert planar.max() <= 1e-6 * MM
    # the three programmed points are on the circle
    for Ti in (T0, Tv, T1):
        assert abs(np.linalg.norm(Ti[:3, 3] - arc.centre) - arc.radius) <= 1e-6 * MM
    # the via point is passed, with the via orientation
    Tvia = arc.poses([arc.u_via])[0]
    np.testing.assert_allclose(Tvia, Tv, atol=1e-9)
    # and the samples go past it: a sample lies within one sample spacing of it
    spacing = np.linalg.norm(np.diff(p, axis=0), axis=1).max()
    assert np.linalg.norm(p - Tv[:3, 3], axis=1).min() <= spacing
    np.testing.assert_array_equal(T[0], T0)
    np.testing.assert_array_equal(T[-1], T1)
    # position moves monotonically along the arc
    ang = np.unwrap(np.arctan2(r @ np.cross(arc.normal, arc._e1), r @ arc._e1))
    assert np.all(np.diff(ang) >= -1e-12)


def test_arc_orientation_slerps_in_two_parts():
    _, T0, Tv, T1 = quarter_circle()
    arc = arc_path(T0, Tv, T1)
    R0, Rv, R1 = (Rotation.from_matrix(T[:3, :3]) for T in (T0, Tv, T1))
    first = Slerp([0, 1], Rotation.concatenate([R0, Rv]))
    second = Slerp([0, 1], Rotation.concatenate([Rv, R1]))
    # u = 0.25 is half way to the via point (via at u = 0.5 on a symmetric quarter circle)
    np.testing.assert_allclose(
        arc.poses([0.25])[0, :3, :3], first([0.5]).as_matrix()[0], atol=1e-12
    )
    np.testing.assert_allclose(
        arc.poses([0.75])[0, :3, :3], second([0.5]).as_matrix()[0], atol=1e-12
    )


@pytest.mark.parametrize(
    ("p0", "pv", "p1", "match"),
    [
        ([0, 0, 0], [0.1, 0, 0], [0.2, 0, 0], "collinear"),
        ([0, 0, 0], [0.2, 0, 0], [0.1, 0, 0], "collinear"),  # via beyond the end, on the line
        ([0, 0, 0], [0.1, 0.1, 0], [0, 0, 0], "start and end"),  # full circle is ambiguous
        ([0, 0, 0], [0, 0, 0], [0.1, 0.1, 0], "start and via"),
        ([0, 0, 0], [0.1, 0.1, 0], [0.1, 0.1, 1e-9], "via and end"),
        ([0, 0, 0], [0.1, 1e-9, 0], [0.2, 0, 0], "collinear"),
    ],
)
def test_degenerate_arcs_raise(p0, pv, p1, match):
    with pytest.raises(DegeneratePathError, match=match) as info:
        arc_path(pose(p0), pose(pv), pose(p1))
    assert isinstance(info.value, WeldsimError)
