"""The seam frame: nearest points, positions along the seam, ends, circles, the wire axis."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scoring_cases import X, Y, Z, circle_seam, line_seam, wire_axis

from weldsim.errors import InvalidInputError, WeldsimError
from weldsim.scoring import _kernels as K
from weldsim.scoring import is_closed, seam_frame, unwrap_closed


def test_point_on_and_off_a_line():
    seam = line_seam([0, 0, 0], [0.25, 0, 0])
    p = np.array([[0.1, 0.0, 0.0], [0.1, 0.003, 0.004], [-0.002, 0.0, 0.001], [0.26, 0, 0]])
    f = seam_frame(seam, p)
    np.testing.assert_allclose(f.s_mm, [100.0, 100.0, -2.0, 260.0], atol=1e-9)
    np.testing.assert_allclose(f.miss_mm, [0.0, 5.0, 1.0, 0.0], atol=1e-9)
    np.testing.assert_allclose(f.beyond_mm, [0.0, 0.0, 2.0, 10.0], atol=1e-9)
    np.testing.assert_allclose(f.tcp_distance_mm, [0.0, 5.0, math.hypot(2, 1), 10.0], atol=1e-9)
    np.testing.assert_allclose(f.off_seam_mm, [0.0, 5.0, math.hypot(2, 1), 10.0], atol=1e-9)
    np.testing.assert_allclose(f.tangent, np.tile(X, (4, 1)))
    np.testing.assert_allclose(f.lower_normal, np.tile(Z, (4, 1)))
    np.testing.assert_allclose(f.upper_normal, np.tile(Y, (4, 1)))


def test_polyline_position_is_arc_length_and_continuous_at_a_corner():
    # an L: 100 mm along +X, then 50 mm along +Y
    seam = line_seam(None, None, lower=Z, upper=Z, joint="butt_square",
                     points=[[0, 0, 0], [0.1, 0, 0], [0.1, 0.05, 0]])
    p = np.array([[0.05, -0.001, 0.0], [0.1, 0.02, 0.0], [0.0999, 0.0, 0.0], [0.1, 0.0001, 0]])
    f = seam_frame(seam, p)
    np.testing.assert_allclose(f.s_mm, [50.0, 120.0, 99.9, 100.1], atol=1e-9)
    np.testing.assert_allclose(f.tangent[1], Y)


def test_wire_axis_slide_changes_nothing_but_the_point():
    seam = line_seam([0, 0, 0], [0.25, 0, 0])
    z = wire_axis(X, Y, Z, 45.0, 10.0)
    root = np.array([0.1, 0.0, 0.0])
    pts = np.array([root - k * 1e-3 * z for k in (0.0, 5.0, 13.0, -3.0)])
    f = seam_frame(seam, pts, np.tile(z, (4, 1)))
    np.testing.assert_allclose(f.s_mm, 100.0, atol=1e-9)
    np.testing.assert_allclose(f.miss_mm, 0.0, atol=1e-9)
    # without the axis the TCP's own nearest point moves along the seam
    g = seam_frame(seam, pts)
    assert g.s_mm[2] < 99.0


def test_circle_positions_tangent_and_normals():
    r = 0.05715
    seam = circle_seam(r, 90.0, 360.0)
    assert is_closed(seam)
    ang = np.radians([90.0, 180.0, 89.0, 300.0])
    p = np.stack([r * np.cos(ang), r * np.sin(ang), np.zeros(4)], axis=1)
    f = seam_frame(seam, p)
    L = 2 * math.pi * r * 1000.0
    np.testing.assert_allclose(f.s_mm, [0.0, L / 4, L * 359 / 360, L * 210 / 360], atol=1e-9)
    np.testing.assert_allclose(f.tangent[1], [0.0, -1.0, 0.0], atol=1e-12)  # CCW at 180 deg
    np.testing.assert_allclose(f.upper_normal[1], [-1.0, 0.0, 0.0], atol=1e-12)  # radial out
    np.testing.assert_allclose(f.lower_normal, np.tile(Z, (4, 1)))


def test_clockwise_open_arc_and_beyond_its_ends():
    r = 0.1
    seam = circle_seam(r, 0.0, -90.0)  # from +X clockwise to -Y
    assert not is_closed(seam)
    ang = np.radians([-45.0, 10.0, -100.0, 135.0])
    p = np.stack([r * np.cos(ang), r * np.sin(ang), np.zeros(4)], axis=1)
    f = seam_frame(seam, p)
    unit = math.pi / 180 * r * 1000
    np.testing.assert_allclose(f.s_mm, [45 * unit, -10 * unit, 100 * unit, -135 * unit],
                               atol=1e-9)
    np.testing.assert_allclose(f.beyond_mm, [0.0, 10 * unit, 10 * unit, 135 * unit], atol=1e-9)
    np.testing.assert_allclose(f.tangent[0], [-math.sqrt(0.5), -math.sqrt(0.5), 0], atol=1e-12)


def test_circle_with_wire_axis_finds_the_root_the_wire_points_at():
    r = 0.05715
    seam = circle_seam(r, 90.0, 360.0)
    rows = []
    for deg in (0.0, 37.0, 211.0):
        a = math.radians(deg + 90.0)
        root = np.array([r * math.cos(a), r * math.sin(a), 0.0])
        radial = root / r
        tangent = np.array([-math.sin(a), math.cos(a), 0.0])
        z = wire_axis(tangent, radial, Z, 45.0, 10.0)
        rows.append((root - 0.013 * z, z, deg))  # TCP 13 mm back along the axis
    f = seam_frame(seam, np.array([p for p, _, _ in rows]), np.array([z for _, z, _ in rows]))
    expect = np.array([math.radians(d) * r * 1000 for _, _, d in rows])
    L = 2 * math.pi * r * 1000
    assert np.all((f.s_mm >= 0) & (f.s_mm < L))
    np.testing.assert_allclose((f.s_mm - expect + L / 2) % L - L / 2, 0.0, atol=1e-7)
    np.testing.assert_allclose(f.miss_mm, 0.0, atol=1e-7)


def test_unwrap_closed_runs_past_the_start():
    s = np.array([350.0, 355.0, 359.0, 2.0, 6.0, 100.0, 99.0, 1.0, 359.5])
    out = unwrap_closed(s, [[0, 5], [5, 6], [6, 9]], 360.0)
    np.testing.assert_allclose(out, [350, 355, 359, 362, 366, 100, 99, 1, -0.5])


def test_kernels_match_their_python_versions():
    seam = line_seam(None, None, points=[[0, 0, 0], [0.1, 0, 0], [0.2, 0.05, 0]])
    rng = np.random.default_rng(3)
    p = rng.uniform(-0.02, 0.2, (20, 3))
    z = np.tile(wire_axis(X, Y, Z, 45.0, 10.0), (20, 1))
    pts = np.ascontiguousarray(seam.points_m)
    cum = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(pts, axis=0), axis=1))])
    a = K.project_polyline(pts, cum, p, z, True)
    b = K.project_polyline.py_func(pts, cum, p, z, True)
    for x, y in zip(a, b, strict=True):
        np.testing.assert_allclose(x, y, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize(("points", "axes", "message"), [
    (np.zeros((3, 2)), None, "shape"),
    (np.full((2, 3), np.nan), None, "non-finite"),
    (np.zeros((2, 3)), np.zeros((2, 3)), "zero vector"),
    (np.zeros((2, 3)), np.ones((3, 3)), "axes must have shape"),
])
def test_bad_input_is_a_weldsim_error(points, axes, message):
    seam = line_seam([0, 0, 0], [0.25, 0, 0])
    with pytest.raises(InvalidInputError, match=message) as info:
        seam_frame(seam, points, axes)
    assert isinstance(info.value, WeldsimError)


def test_circle_kernel_matches_its_python_version():
    seam = circle_seam(0.05, 30.0, -200.0)
    rng = np.random.default_rng(5)
    p = rng.uniform(-0.07, 0.07, (25, 3))
    z = rng.normal(size=(25, 3))
    z /= np.linalg.norm(z, axis=1, keepdims=True)
    e1 = seam.points_m[0] / np.linalg.norm(seam.points_m[0])
    e2 = np.cross(seam.axis, e1)
    args = (seam.center_m, e1, e2, 0.05, -1.0, math.radians(200.0), False, p, z, True)
    for x, y in zip(K.project_circle(*args), K.project_circle.py_func(*args), strict=True):
        np.testing.assert_allclose(x, y, rtol=1e-12, atol=1e-15)


def test_fast_atan2_agrees_with_atan2():
    rng = np.random.default_rng(11)
    pts = [*rng.normal(size=(2000, 2)), (0.0, 1.0), (0.0, -1.0), (1.0, 0.0), (-1.0, 0.0),
           (-1.0, 1e-300), (0.0, 0.0)]
    for y, x in pts:
        assert K.fast_atan2(y, x) == pytest.approx(math.atan2(y, x), abs=1e-15), (y, x)
    assert K.fast_atan2(-0.0, -1.0) == math.pi  # no signed zeros: -0.0 counts as 0
