"""Weaving overlay: amplitude, frequency, dwells, tilt and the weave frame."""

from __future__ import annotations

import math

import numpy as np
import pytest

from weldsim.errors import InvalidInputError
from weldsim.motion import WeavePattern, WeaveSpec, apply_weave, line_path, trapezoid

DT = 0.004
MM = 1e-3


def torch_down_line(length=0.1, speed=0.005):
    """A line along +X with the torch pointing down (tool Z = -Z): left is +Y."""
    T0 = np.eye(4)
    T0[:3, :3] = np.diag([1.0, -1.0, -1.0])
    T1 = T0.copy()
    T1[0, 3] = length
    path = line_path(T0, T1)
    prof = trapezoid(path.length, speed, 1.0, DT)
    u = prof.normalised()
    t = np.arange(u.size) * DT
    return path, path.poses(u), path.tangents(u), t


def measure(t, y):
    """Amplitude (max |y|) and frequency from upward crossings of the centre line."""
    up = np.flatnonzero((y[:-1] <= 1e-12) & (y[1:] > 1e-12))
    freq = (up.size - 1) / (t[up[-1]] - t[up[0]])
    return np.abs(y).max(), freq


@pytest.mark.parametrize("pattern", list(WeavePattern))
@pytest.mark.parametrize(
    ("amp_mm", "freq", "dwell"),
    [(1.5, 1.0, (0, 0, 0)), (2.0, 2.5, (0, 0, 0)), (3.0, 1.2, (0.1, 0.05, 0.15))],
)
def test_measured_amplitude_and_frequency(pattern, amp_mm, freq, dwell):
    spec = WeaveSpec(pattern, amp_mm * MM, freq, *dwell)
    _, T, d, t = torch_down_line()
    Tw = apply_weave(T, d, spec, freq * t)
    lateral = Tw[:, 1, 3] - T[:, 1, 3]
    amp, f = measure(t, lateral)
    assert amp == pytest.approx(amp_mm * MM, rel=0.01)
    assert f == pytest.approx(freq, rel=0.01)
    # orientation unchanged, offset only across travel (and along it for CIRCLE)
    np.testing.assert_array_equal(Tw[:, :3, :3], T[:, :3, :3])
    np.testing.assert_allclose(Tw[:, 2, 3], T[:, 2, 3], atol=1e-15)
    along = Tw[:, 0, 3] - T[:, 0, 3]
    if pattern is WeavePattern.CIRCLE:
        assert along.min() >= -1e-15
        assert along.max() == pytest.approx(2 * amp_mm * MM, rel=0.01)
        # the loop is a circle of radius A centred A ahead of the path point
        r = np.hypot(lateral, along - amp_mm * MM)
        if dwell == (0, 0, 0):
            np.testing.assert_allclose(r, amp_mm * MM, rtol=1e-9)
    else:
        np.testing.assert_allclose(along, 0.0, atol=1e-15)


def test_first_stroke_goes_left():
    spec = WeaveSpec(WeavePattern.SINE, 2 * MM, 2.0)
    lat, _ = spec.offsets([0.0, 0.25, 0.5, 0.75])
    np.testing.assert_allclose(lat, [0, 2 * MM, 0, -2 * MM], atol=1e-15)
    _, T, d, _ = torch_down_line()
    Tw = apply_weave(T[:3], d[:3], spec, [0.0, 0.25, 0.75])
    assert Tw[1, 1, 3] == pytest.approx(2 * MM)  # +Y is left of +X travel seen from the torch
    assert Tw[2, 1, 3] == pytest.approx(-2 * MM)


def test_dwells_hold_the_edges_and_centre():
    spec = WeaveSpec(WeavePattern.TRIANGLE, 2 * MM, 1.0, 0.2, 0.1, 0.3)
    ts = spec.stroke_s
    assert ts == pytest.approx((1.0 - 0.2 - 0.2 - 0.3) / 4)
    t = np.arange(0.0, 1.0, 0.001)
    lat, _ = spec.offsets(t)
    at_left = np.isclose(lat, 2 * MM, atol=1e-12)
    at_right = np.isclose(lat, -2 * MM, atol=1e-12)
    assert at_left.sum() * 0.001 == pytest.approx(0.2, abs=0.002)
    assert at_right.sum() * 0.001 == pytest.approx(0.3, abs=0.002)
    centre = np.abs(lat) < 1e-12
    assert centre.sum() * 0.001 == pytest.approx(0.2, abs=0.003)


def test_trapezoid_has_flat_edges_without_dwell():
    spec = WeaveSpec(WeavePattern.TRAPEZOID, 2 * MM, 1.0)
    t = np.arange(0.0, 1.0, 0.001)
    lat, _ = spec.offsets(t)
    flat = np.isclose(np.abs(lat), 2 * MM, atol=1e-12)
    assert flat.sum() * 0.001 == pytest.approx(1.0 / 3.0, abs=0.003)


@pytest.mark.parametrize("angle_deg", [0.0, 30.0, 90.0, -45.0])
def test_angle_tilts_the_weave_plane_about_travel(angle_deg):
    a = math.radians(angle_deg)
    spec = WeaveSpec(WeavePattern.SINE, 2 * MM, 1.0, angle_rad=a)
    _, T, d, _ = torch_down_line()
    Tw = apply_weave(T[:2], d[:2], spec, [0.25, 0.25])
    off = Tw[0, :3, 3] - T[0, :3, 3]
    # left (+Y) rotated about travel (+X) by the right-hand rule: toward +Z (the torch side)
    np.testing.assert_allclose(off, 2 * MM * np.array([0.0, math.cos(a), math.sin(a)]), atol=1e-15)


def test_lateral_axis_is_perpendicular_to_travel_and_torch():
    rng = np.random.default_rng(3)
    spec = WeaveSpec(WeavePattern.SINE, 1 * MM, 1.0)
    for _ in range(20):
        T = np.eye(4)
        q, _ = np.linalg.qr(rng.normal(size=(3, 3)))
        T[:3, :3] = q * np.sign(np.linalg.det(q))
        d = rng.normal(size=3)
        d /= np.linalg.norm(d)
        Tw = apply_weave(T[None], d[None], spec, [0.25])
        off = Tw[0, :3, 3] - T[:3, 3]
        assert np.linalg.norm(off) == pytest.approx(1 * MM)
        assert abs(off @ d) < 1e-15
        assert abs(off @ T[:3, 2]) < 1e-15
        assert np.cross(d, T[:3, 2]) @ off > 0


@pytest.mark.parametrize("pattern", list(WeavePattern))
def test_next_centre_has_zero_offset(pattern):
    spec = WeaveSpec(pattern, 2 * MM, 1.5, 0.05, 0.02, 0.1)
    for ph in np.linspace(0.0, 3.0, 37):
        c = spec.next_centre(float(ph))
        assert c >= ph
        assert c - ph <= (1.0 if pattern is WeavePattern.CIRCLE else 0.5 + 0.1 * 1.5)
        lat, along = spec.offsets([c])
        assert abs(lat[0]) < 1e-15 and abs(along[0]) < 1e-15


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(amplitude_m=0.0),
        dict(frequency_hz=-1.0),
        dict(dwell_left_s=-0.1),
        dict(dwell_left_s=0.2, dwell_centre_s=0.1, dwell_right_s=0.2, frequency_hz=2.0),
        dict(angle_rad=float("nan")),
        dict(pattern=7),
    ],
)
def test_bad_weave_spec_raises(kwargs):
    args = dict(pattern=WeavePattern.SINE, amplitude_m=1e-3, frequency_hz=1.0) | kwargs
    with pytest.raises(InvalidInputError):
        WeaveSpec(**args)


def test_torch_along_travel_raises():
    spec = WeaveSpec(WeavePattern.SINE, 1 * MM, 1.0)
    T = np.eye(4)[None]  # tool Z = +Z
    with pytest.raises(InvalidInputError, match="parallel"):
        apply_weave(T, [[0.0, 0.0, 1.0]], spec, [0.1])
