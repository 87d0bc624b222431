"""The bead-on-plate joint and its width law in voltage, current and speed."""

from __future__ import annotations

import pytest

from weldsim.weld import JointGeometry, WeldConditions, WeldSamples, simulate_bead
from weldsim.weld.synergic import deposit_rate_mm3_s

PLATE = JointGeometry("bead_on_plate", 10.0, 10.0, position="PA", work_angle_deg=90.0)


def bead(current=250.0, voltage=27.0, speed_cm_min=40.0, **torch):
    v = speed_cm_min / 6.0
    cond = WeldConditions(current, voltage, v)
    return cond, simulate_bead(cond, PLATE, WeldSamples.constant(
        120.0, speed_mm_s=v, work_angle_deg=90.0, **torch)).summary


def test_width_grows_with_voltage_and_current_and_falls_with_speed():
    _, ref = bead()
    assert 8.0 < ref.face_width_mm < 14.0  # a 250 A, 27 V, 40 cm/min bead on plate
    assert bead(voltage=30.0)[1].face_width_mm > ref.face_width_mm
    assert bead(current=300.0, voltage=29.5)[1].face_width_mm > ref.face_width_mm
    assert bead(speed_cm_min=60.0)[1].face_width_mm < ref.face_width_mm
    # weaving widens by twice the amplitude
    woven = bead(weave_amp_mm=2.0, weave_freq_hz=1.5)[1]
    assert woven.face_width_mm == pytest.approx(ref.face_width_mm + 4.0, rel=1e-6)


def test_reinforcement_is_the_parabola_of_the_deposit():
    cond, s = bead()
    assert s.deposit_mm2 == pytest.approx(deposit_rate_mm3_s(cond) / cond.speed_mm_s, rel=1e-9)
    # parabolic cap: area = 2/3 w h
    assert s.convexity_mm == pytest.approx(1.5 * s.deposit_mm2 / s.face_width_mm, rel=1e-9)
    assert s.penetration_mm > 0.5
    assert s.throat_mm == pytest.approx(10.0)
    assert s.leg_lower_mm != s.leg_lower_mm  # NaN: no legs on a plate
