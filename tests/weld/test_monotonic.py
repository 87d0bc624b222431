"""Making a fault bigger never improves the weld's ISO 5817 level or its bead score."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from weld_cases import WPS_SPEED_MM_S, run, steady, wps

from weldsim.weld import WeldSamples, bead_score, weld_level
from weldsim.weld.iso5817 import LEVEL_CODES

SEAM = 150.0
SETTINGS = settings(max_examples=25, deadline=None, derandomize=True)


def grade(conditions=None, samples=None):
    _, imps = run(conditions=conditions, samples=samples or steady(SEAM), seam_mm=SEAM)
    return LEVEL_CODES[weld_level(imps)], bead_score(imps, SEAM)


def sizes(lo, hi):
    """Two fault sizes, smaller first."""
    return st.tuples(st.floats(lo, hi), st.floats(lo, hi)).map(sorted)


def assert_not_better(small, big):
    assert big[0] <= small[0], (small, big)
    assert big[1] <= small[1] + 1e-9, (small, big)


@SETTINGS
@given(f=sizes(1.0, 3.0))
def test_faster(f):
    a, b = (grade(samples=steady(SEAM, speed_mm_s=x * WPS_SPEED_MM_S)) for x in f)
    assert_not_better(a, b)


@SETTINGS
@given(d=sizes(0.0, 30.0), sign=st.sampled_from([-1.0, 1.0]))
def test_work_angle_error(d, sign):
    a, b = (grade(samples=steady(SEAM, work_angle_deg=45.0 + sign * x)) for x in d)
    assert_not_better(a, b)


@SETTINGS
@given(c=sizes(15.0, 40.0))
def test_longer_ctwd(c):
    a, b = (grade(samples=steady(SEAM, ctwd_mm=x)) for x in c)
    assert_not_better(a, b)


@SETTINGS
@given(d=sizes(0.0, 5.0), key=st.sampled_from(["aim_lateral_mm", "aim_vertical_mm"]),
       sign=st.sampled_from([-1.0, 1.0]))
def test_aim_error(d, key, sign):
    a, b = (grade(samples=steady(SEAM, **{key: sign * x})) for x in d)
    assert_not_better(a, b)


@SETTINGS
@given(d=sizes(0.0, 0.8))
def test_shorter_crater_fill(d):
    a, b = (grade(conditions=wps(crater_time_s=0.8 - x)) for x in d)
    assert_not_better(a, b)


@SETTINGS
@given(d=sizes(0.0, 0.8 * SEAM))
def test_arc_ended_earlier(d):
    def samples(missing):
        full = steady(SEAM)
        return full.replace(arc_on=full.s_mm <= SEAM - missing)
    a, b = (grade(samples=samples(x)) for x in d)
    assert_not_better(a, b)


@SETTINGS
@given(d=sizes(0.0, 150.0), sign=st.sampled_from([-1.0, 1.0]))
def test_current_away_from_wps(d, sign):
    a, b = (grade(conditions=wps(current_a=270.0 + sign * min(x, 120.0))) for x in d)
    assert_not_better(a, b)


@SETTINGS
@given(d=sizes(10.0, 45.0))
def test_travel_angle_beyond_push(d):
    a, b = (grade(samples=steady(SEAM, travel_angle_deg=x)) for x in d)
    assert_not_better(a, b)


@SETTINGS
@given(d=sizes(0.0, 15.0))
def test_less_gas(d):
    a, b = (grade(conditions=wps(gas_flow_l_min=15.0 - x)) for x in d)
    assert_not_better(a, b)


@SETTINGS
@given(d=sizes(0.0, 8.0))
def test_wider_weave_without_dwell(d):
    a, b = (grade(samples=WeldSamples.constant(SEAM, speed_mm_s=WPS_SPEED_MM_S, weave_amp_mm=x,
                                               weave_freq_hz=1.5)) for x in d)
    assert_not_better(a, b)
