"""Time scaling: trapezoidal profiles on the sample grid and synchronised joint moves."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weldsim.errors import InvalidInputError, WeldsimError
from weldsim.motion import (
    DEFAULT_DT,
    joint_move_profile,
    minimum_duration,
    sample_joint_move,
    trapezoid,
)

DT = DEFAULT_DT


def test_default_rate_is_250_hz():
    assert DT == pytest.approx(0.004, abs=0)


def test_100_mm_line_at_10_mm_s_duration_is_exact():
    # 100 mm at 10 mm/s with a = 1 m/s^2: cruise 10 s plus one ramp time v/a = 0.01 s
    # (the two half ramps add up to one ramp of extra time) = 10.01 s, which is 2502.5
    # samples of 4 ms; stretched to 2503 samples = 10.012 s.
    L, v, a = 0.100, 0.010, 1.0
    assert minimum_duration(L, v, a) == pytest.approx(10.0 + 0.01, abs=1e-12)
    p = trapezoid(L, v, a, DT)
    assert p.n_steps == 2503
    assert p.duration == pytest.approx(10.012, abs=1e-12)
    # the cruise speed is kept exactly; the acceleration is lowered to fill the grid
    assert p.v_peak == v
    assert p.accel <= a
    assert p.t_acc == pytest.approx(10.012 - 10.0, abs=1e-12)


def test_duration_already_on_grid_is_not_stretched():
    # v/a = 0.02 s: 10.02 s = 2505 samples exactly, and the acceleration is the limit
    p = trapezoid(0.100, 0.010, 0.5, DT)
    assert p.n_steps == 2505
    assert p.accel == pytest.approx(0.5, rel=1e-9)


def test_profile_ends_exactly_and_respects_limits():
    L, v, a = 0.100, 0.010, 1.0
    p = trapezoid(L, v, a, DT)
    s = p.positions()
    assert s.shape == (p.n_steps + 1,)
    assert s[0] == 0.0
    assert s[-1] == L
    vel = np.diff(s) / DT
    assert np.all(vel >= 0.0)
    assert vel.max() <= v * (1 + 1e-9)
    # cruise at exactly the programmed speed
    mid = vel[len(vel) // 4 : 3 * len(vel) // 4]
    np.testing.assert_allclose(mid, v, rtol=1e-9)
    acc = np.diff(s, 2) / DT**2
    assert np.abs(acc).max() <= a * (1 + 1e-9)


def test_short_move_is_triangular():
    L, v, a = 0.001, 0.1, 1.0  # v^2/a = 10 mm > 1 mm
    assert minimum_duration(L, v, a) == pytest.approx(2 * math.sqrt(L / a), rel=1e-12)
    p = trapezoid(L, v, a, DT)
    assert p.triangular
    assert p.v_peak <= math.sqrt(L * a) * (1 + 1e-12)
    s = p.positions()
    assert s[-1] == L
    assert np.diff(s).max() / DT <= math.sqrt(L * a) * (1 + 1e-9)


def test_zero_length_and_min_duration():
    p = trapezoid(0.0, 0.1, 1.0, DT)
    assert p.n_steps == 0
    np.testing.assert_array_equal(p.positions(), [0.0])
    p = trapezoid(0.0, 0.1, 1.0, DT, min_duration=0.5)
    assert p.n_steps == 125
    np.testing.assert_array_equal(p.positions(), 0.0)
    p = trapezoid(0.1, 0.1, 1.0, DT, min_duration=20.0)
    assert p.n_steps == 5000
    assert p.positions()[-1] == 0.1


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(length=-1.0, v_max=1.0, a_max=1.0),
        dict(length=1.0, v_max=0.0, a_max=1.0),
        dict(length=1.0, v_max=1.0, a_max=-2.0),
        dict(length=float("nan"), v_max=1.0, a_max=1.0),
        dict(length=1.0, v_max=float("inf"), a_max=1.0),
        dict(length=1.0, v_max=1.0, a_max=1.0, dt=0.0),
        dict(length="x", v_max=1.0, a_max=1.0),
    ],
)
def test_bad_profile_input_raises(kwargs):
    with pytest.raises(InvalidInputError):
        trapezoid(**kwargs)


@settings(max_examples=200, deadline=None)
@given(
    L=st.floats(1e-6, 2.0),
    v=st.floats(1e-3, 2.0),
    a=st.floats(1e-2, 20.0),
)
def test_profile_properties(L, v, a):
    p = trapezoid(L, v, a, DT)
    t_min = minimum_duration(L, v, a)
    assert t_min - 1e-9 <= p.duration < t_min + DT + 1e-9
    s = p.positions()
    assert s[0] == 0.0 and s[-1] == L
    vel = np.diff(s) / DT
    assert vel.min() >= -1e-12
    assert vel.max() <= v * (1 + 1e-6) + 1e-12
    assert p.accel <= a * (1 + 1e-6)


VMAX = np.radians([170.0, 160.0, 170.0, 360.0, 360.0, 600.0])
AMAX = VMAX * 4.0


def test_joint_move_ends_exactly_and_together():
    q0 = np.radians([0.0, 0.0, 0.0, 0.0, -90.0, 0.0])
    q1 = np.radians([60.0, -20.0, 35.0, 90.0, -30.0, 180.0])
    p = joint_move_profile(q0, q1, VMAX, AMAX, 20.0, DT)
    q = sample_joint_move(q0, q1, p)
    assert q.shape == (p.n_steps + 1, 6)
    np.testing.assert_array_equal(q[0], q0)
    np.testing.assert_array_equal(q[-1], q1)
    # every joint moves monotonically and finishes at the last sample
    dq = np.diff(q, axis=0)
    moving = q1 != q0
    assert np.all(dq[:, moving] * np.sign(q1 - q0)[moving] >= -1e-15)
    assert np.all(np.abs(dq[-1, moving]) > 0)
    # no joint exceeds R% of its speed; the limiting one runs at exactly R%
    ratio = np.abs(dq).max(axis=0) / DT / (0.2 * VMAX)
    assert ratio.max() <= 1 + 1e-9
    assert ratio.max() == pytest.approx(1.0, rel=1e-9)
    acc = np.abs(np.diff(q, 2, axis=0)).max(axis=0) / DT**2
    assert np.all(acc <= AMAX * (1 + 1e-9))


def test_joint_move_limiting_joint_duration():
    # only joint 1 moves 90 deg at 50 %: T = d / v + v / a
    q0 = np.zeros(6)
    q1 = np.zeros(6)
    q1[0] = math.radians(90.0)
    p = joint_move_profile(q0, q1, VMAX, AMAX, 50.0, DT)
    v = 0.5 * VMAX[0]
    t_min = q1[0] / v + v / AMAX[0]
    assert p.n_steps == math.ceil(t_min / DT - 1e-9)


def test_joint_move_without_motion():
    q0 = np.ones(6)
    p = joint_move_profile(q0, q0, VMAX, AMAX, 20.0, DT)
    assert p.n_steps == 0
    np.testing.assert_array_equal(sample_joint_move(q0, q0, p), [q0])


@pytest.mark.parametrize("percent", [0.0, -5.0, 150.0, float("nan")])
def test_joint_move_bad_percent(percent):
    with pytest.raises(WeldsimError):
        joint_move_profile(np.zeros(6), np.ones(6), VMAX, AMAX, percent, DT)


def test_joint_move_bad_shapes():
    with pytest.raises(InvalidInputError, match="shape"):
        joint_move_profile(np.zeros(5), np.ones(6), VMAX, AMAX, 20.0, DT)
    with pytest.raises(InvalidInputError):
        joint_move_profile(np.zeros(6), np.ones(6), -VMAX, AMAX, 20.0, DT)


def test_steps_for_rounds_up_to_whole_samples():
    from weldsim.motion import steps_for

    assert steps_for(10.0, DT) == 2500  # not 2501 through the rounding of 10.0 / 0.004
    assert steps_for(0.25, DT) == 63
    assert steps_for(0.0, DT) == 0
    assert steps_for(0.5, 0.1) == 5
    with pytest.raises(InvalidInputError):
        steps_for(-1.0, DT)
    with pytest.raises(InvalidInputError):
        steps_for(1.0, 0.0)
