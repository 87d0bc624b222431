"""Directions of effect of welding.md section 2, as property tests."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from weld_cases import tee, wps

from weldsim.weld import JointGeometry, WeldSamples, simulate_bead

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True)
currents = st.floats(150.0, 340.0)
voltages = st.floats(20.0, 34.0)
speeds = st.floats(3.0, 14.0)


def bead_of(conditions=None, geometry=None, length_mm=40.0, speed_mm_s=7.0, **torch):
    conditions = conditions or wps()
    samples = WeldSamples.constant(length_mm, speed_mm_s=speed_mm_s, **torch)
    return simulate_bead(conditions, geometry or tee(), samples).summary


def balance_v(current_a):
    return 14.0 + 0.05 * current_a


@SETTINGS
@given(i1=st.floats(150.0, 300.0), di=st.floats(5.0, 80.0), off=st.floats(-2.0, 2.0), v=speeds)
def test_more_current_more_penetration_and_bigger_bead(i1, di, off, v):
    i2 = min(i1 + di, 340.0)
    # within 4 V of a balanced arc (a much too short arc makes a tall, narrow bead)
    u = balance_v(0.5 * (i1 + i2)) + off
    a = bead_of(wps(current_a=i1, voltage_v=u, speed_mm_s=v), speed_mm_s=v)
    b = bead_of(wps(current_a=i2, voltage_v=u, speed_mm_s=v), speed_mm_s=v)
    assert b.penetration_mm > a.penetration_mm
    assert b.deposit_mm2 > a.deposit_mm2
    assert b.leg_upper_mm > a.leg_upper_mm and b.throat_mm > a.throat_mm


@SETTINGS
@given(u1=voltages, u2=voltages, i=currents)
def test_more_voltage_wider_flatter_shallower(u1, u2, i):
    assume(u2 > u1 + 0.5)
    a = bead_of(wps(current_a=i, voltage_v=u1))
    b = bead_of(wps(current_a=i, voltage_v=u2))
    assert b.face_width_mm > a.face_width_mm
    assert b.convexity_mm / b.face_width_mm < a.convexity_mm / a.face_width_mm
    assert b.penetration_mm < a.penetration_mm


@SETTINGS
@given(v1=speeds, v2=speeds, i=currents)
def test_faster_smaller_narrower_more_convex(v1, v2, i):
    assume(v2 > v1 * 1.05)
    cond = wps(current_a=i, voltage_v=balance_v(i))
    a = bead_of(cond, speed_mm_s=v1)
    b = bead_of(cond, speed_mm_s=v2)
    assert b.deposit_mm2 < a.deposit_mm2
    assert b.face_width_mm < a.face_width_mm
    assert b.convexity_mm / b.face_width_mm > a.convexity_mm / a.face_width_mm
    assert b.penetration_mm < a.penetration_mm
    assert b.heat_input_kj_mm < a.heat_input_kj_mm


@SETTINGS
@given(v=st.floats(3.0, 7.0), i=currents)
def test_leg_goes_as_speed_to_the_minus_half(v, i):
    cond = wps(current_a=i, voltage_v=balance_v(i), wire_feed_m_min=8.0)
    a = bead_of(cond, speed_mm_s=v)
    b = bead_of(cond, speed_mm_s=2.0 * v)
    assert b.deposit_mm2 == pytest.approx(a.deposit_mm2 / 2.0, rel=1e-3)
    # equal-leg size sqrt(z1 z2) (PB sag moves metal between legs, not the size)
    za = math.sqrt(a.leg_lower_mm * a.leg_upper_mm)
    zb = math.sqrt(b.leg_lower_mm * b.leg_upper_mm)
    slope = math.log(zb / za) / math.log(2.0)
    assert -0.6 <= slope <= -0.45


@SETTINGS
@given(c1=st.floats(8.0, 35.0), c2=st.floats(8.0, 35.0))
def test_longer_ctwd_less_current_and_penetration_same_deposit(c1, c2):
    assume(c2 > c1 + 0.5)
    a = bead_of(ctwd_mm=c1)
    b = bead_of(ctwd_mm=c2)
    assert b.current_a < a.current_a
    assert b.penetration_mm < a.penetration_mm
    assert b.deposit_mm2 == pytest.approx(a.deposit_mm2, rel=1e-9)


@SETTINGS
@given(t1=st.floats(-25.0, 25.0), t2=st.floats(-25.0, 25.0))
def test_drag_deeper_narrower_push_shallower_wider(t1, t2):
    assume(t2 > t1 + 1.0)
    a = bead_of(travel_angle_deg=t1)
    b = bead_of(travel_angle_deg=t2)
    assert b.penetration_mm < a.penetration_mm
    assert b.face_width_mm > a.face_width_mm


@SETTINGS
@given(a1=st.floats(0.0, 5.0), a2=st.floats(0.0, 5.0))
def test_weave_flattens_and_spreads_the_heat(a1, a2):
    assume(a2 > a1 + 0.2)
    a = bead_of(weave_amp_mm=a1, weave_freq_hz=1.5)
    b = bead_of(weave_amp_mm=a2, weave_freq_hz=1.5)
    assert b.penetration_mm < a.penetration_mm
    assert b.convexity_mm <= a.convexity_mm
    assert b.deposit_mm2 == pytest.approx(a.deposit_mm2, rel=1e-9)


def test_weave_widens_a_butt_weld_by_twice_the_amplitude():
    geom = JointGeometry("butt_square", 4.0, 4.0, gap_mm=1.0, work_angle_deg=90.0,
                         position="PA")
    a = bead_of(geometry=geom)
    b = bead_of(geometry=geom, weave_amp_mm=2.0, weave_freq_hz=1.5)
    assert b.face_width_mm == pytest.approx(a.face_width_mm + 4.0)
    assert b.convexity_mm < a.convexity_mm


@SETTINGS
@given(d=st.floats(-3.0, 3.0))
def test_aim_moves_two_mm_of_leg_difference_per_mm(d):
    lat = bead_of(aim_lateral_mm=d)
    up = bead_of(aim_vertical_mm=d)
    assert lat.leg_lower_mm - lat.leg_upper_mm == pytest.approx(2.0 * d, abs=1e-9)
    assert up.leg_lower_mm - up.leg_upper_mm == pytest.approx(-2.0 * d, abs=1e-9)


def test_equal_legs_at_nominal_angle_and_zero_aim():
    s = bead_of()
    assert s.leg_lower_mm == pytest.approx(s.leg_upper_mm, abs=1e-9)


def test_big_pool_sags_onto_the_lower_plate_in_pb_only():
    slow = dict(speed_mm_s=3.5)
    pb = bead_of(**slow)
    pa = bead_of(geometry=tee(position="PA"), **slow)
    assert pb.leg_lower_mm > pb.leg_upper_mm + 1.0
    assert pa.leg_lower_mm == pytest.approx(pa.leg_upper_mm, abs=1e-9)


@SETTINGS
@given(t0=st.floats(0.0, 200.0), dt0=st.floats(10.0, 100.0))
def test_preheat_lengthens_cooling_time(t0, dt0):
    a = bead_of(geometry=tee(preheat_c=t0))
    b = bead_of(geometry=tee(preheat_c=t0 + dt0))
    assert b.t85_s > a.t85_s
