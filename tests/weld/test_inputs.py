"""Bad inputs raise a WeldsimError with a clear message; results are deterministic."""

from __future__ import annotations

import math

import numpy as np
import pytest
from weld_cases import run, steady, tee, varying, within, wps

from weldsim.errors import WeldsimError
from weldsim.weld import (
    JointGeometry,
    WeldConditions,
    WeldInputError,
    WeldSamples,
    find_imperfections,
    simulate_bead,
)


def test_error_is_a_weldsim_error():
    assert issubclass(WeldInputError, WeldsimError)
    assert issubclass(WeldInputError, ValueError)


@pytest.mark.parametrize(("changes", "match"), [
    ({"wire_diameter_mm": 2.0}, "unknown wire"),
    ({"wire_diameter_mm": 0.9, "wire_kind": "flux_cored"}, "unknown wire"),
    ({"wire_kind": "metal_cored"}, "wire_kind"),
    ({"gas": "ARGON"}, "gas must be one of"),
    ({"current_a": -10.0}, "current_a must be > 0"),
    ({"voltage_v": math.nan}, "voltage_v must be a finite number"),
    ({"speed_mm_s": 0.0}, "speed_mm_s must be > 0"),
    ({"gas_flow_l_min": -1.0}, "gas_flow_l_min must be >= 0"),
    ({"crater_time_s": 0.5, "crater_current_a": 0.0}, "crater_current_a must be > 0"),
])
def test_bad_conditions(changes, match):
    with pytest.raises(WeldInputError, match=match):
        wps(**changes)


@pytest.mark.parametrize(("changes", "match"), [
    ({"joint": "fillet_x"}, "joint must be one of"),
    ({"t1_mm": 0.0}, "t1_mm must be > 0"),
    ({"position": "2F"}, "position must be one of"),
    ({"gap_mm": -1.0}, "gap_mm must be >= 0"),
    ({"backing": 1}, "backing"),
    ({"work_angle_deg": 200.0}, "work_angle_deg"),
])
def test_bad_joint(changes, match):
    with pytest.raises(WeldInputError, match=match):
        tee(**changes)


def test_bad_samples():
    good = steady(50.0)
    with pytest.raises(WeldInputError, match=r"speed_mm_s\[3\] is -1.0"):
        good.replace(speed_mm_s=np.where(np.arange(len(good)) == 3, -1.0, good.speed_mm_s))
    with pytest.raises(WeldInputError, match=r"ctwd_mm\[0\] is nan"):
        good.replace(ctwd_mm=np.where(np.arange(len(good)) == 0, np.nan, good.ctwd_mm))
    with pytest.raises(WeldInputError, match="has 3 samples"):
        good.replace(work_angle_deg=np.zeros(3))
    with pytest.raises(WeldInputError, match="bool array"):
        good.replace(arc_on=np.ones(len(good)))
    with pytest.raises(WeldInputError, match="t_s must not decrease"):
        good.replace(t_s=good.t_s[::-1].copy())
    with pytest.raises(WeldInputError, match="at least one sample"):
        WeldSamples(*(np.zeros(0) for _ in range(9)), arc_on=np.zeros(0, dtype=bool))


def test_bad_calls():
    with pytest.raises(WeldInputError, match="conditions must be a WeldConditions"):
        simulate_bead({"current_a": 270}, tee(), steady(50.0))
    with pytest.raises(WeldInputError, match="bin_mm"):
        simulate_bead(wps(), tee(), steady(50.0), bin_mm=0.0)
    bead = simulate_bead(wps(), tee(), steady(50.0))
    with pytest.raises(WeldInputError, match="seam_length_mm"):
        find_imperfections(bead, wps(), tee(), steady(50.0), -5.0)
    with pytest.raises(WeldInputError, match="required_level"):
        find_imperfections(bead, wps(), tee(), steady(50.0), 50.0, required_level="A")
    with pytest.raises(TypeError, match="lang"):  # the weld layer holds no language
        find_imperfections(bead, wps(), tee(), steady(50.0), 50.0, lang="en")


def test_samples_are_read_only_copies():
    s = np.linspace(0.0, 10.0, 11)
    samples = WeldSamples(s, np.full(11, 7.0), np.full(11, 15.0), np.full(11, 45.0),
                          np.full(11, 10.0), np.zeros(11), np.zeros(11), np.zeros(11),
                          np.zeros(11), np.ones(11, dtype=bool))
    s[0] = 99.0
    assert samples.s_mm[0] == 0.0
    with pytest.raises(ValueError):
        samples.s_mm[0] = 1.0
    assert samples.arc_start_mm == (0.0,) and samples.arc_end_mm == (10.0,)


def test_deterministic_bit_for_bit():
    samples = varying(speed=within((100.0, 200.0), 7.0, 14.0),
                      ctwd_mm=lambda s: 15.0 + 10.0 * math.sin(s / 20.0))
    b1, i1 = run(samples=samples)
    b2, i2 = run(samples=samples)
    assert np.array_equal(b1.rows, b2.rows, equal_nan=True)
    assert i1 == i2 and len(i1) > 0


def test_without_sample_times_uses_speed():
    timed = steady(100.0)
    untimed = timed.replace(t_s=None)
    a = simulate_bead(wps(), tee(), timed).summary
    b = simulate_bead(wps(), tee(), untimed).summary
    assert b.leg_lower_mm == pytest.approx(a.leg_lower_mm, rel=1e-3)


def test_stop_at_arc_start_adds_metal_locally_not_a_blob():
    base = steady(100.0)
    n_stop = 50  # 0.2 s at 250 Hz standing at the start
    cat = np.concatenate
    stop = base.replace(
        s_mm=cat((np.zeros(n_stop), base.s_mm)),
        speed_mm_s=cat((np.zeros(n_stop), base.speed_mm_s)),
        t_s=cat((np.arange(n_stop) / 250.0, base.t_s + n_stop / 250.0)),
        **{k: cat((np.full(n_stop, getattr(base, k)[0]), getattr(base, k)))
           for k in ("ctwd_mm", "work_angle_deg", "travel_angle_deg", "aim_lateral_mm",
                     "aim_vertical_mm", "weave_amp_mm", "weave_freq_hz")},
        arc_on=np.ones(len(base) + n_stop, dtype=bool))
    bead = simulate_bead(wps(), tee(), stop)
    ref = simulate_bead(wps(), tee(), base)
    start, mid = bead.bin_index(1.0), bead.bin_index(50.0)
    assert bead.deposit_mm2[start] > 1.1 * ref.deposit_mm2[start]
    assert bead.deposit_mm2[start] < 2.0 * ref.deposit_mm2[start]
    assert bead.deposit_mm2[mid] == pytest.approx(ref.deposit_mm2[mid], rel=1e-6)


def test_overlap_restart_thickens_the_bead_there():
    a = steady(100.0)
    b = WeldSamples.constant(20.0, speed_mm_s=3.5, start_mm=40.0)  # a slow second pass
    cat = np.concatenate
    both = WeldSamples(**{k: cat((getattr(a, k), getattr(b, k))) for k in (
        "s_mm", "speed_mm_s", "ctwd_mm", "work_angle_deg", "travel_angle_deg", "aim_lateral_mm",
        "aim_vertical_mm", "weave_amp_mm", "weave_freq_hz")},
        arc_on=cat((a.arc_on[:-1], [False], b.arc_on)),
        t_s=cat((a.t_s, b.t_s + a.t_s[-1] + 1.0)))
    bead = simulate_bead(wps(), tee(), both)
    _, imps = run(samples=both, seam_mm=100.0)
    assert bead.deposit_mm2[bead.bin_index(50.0)] > 2.8 * bead.deposit_mm2[bead.bin_index(20.0)]
    over = [i for i in imps if i.type == "excess_throat"]
    assert over and over[0].cause == "stop_or_overlap"
    assert 35.0 <= over[0].start_mm and over[0].end_mm <= 65.0


@pytest.mark.parametrize("joint", ["fillet_lap", "fillet_pipe_plate", "butt_v", "butt_square"])
def test_other_joints_run(joint):
    geom = JointGeometry(joint, 6.0, 6.0, gap_mm=1.0 if joint.startswith("butt") else 0.0,
                         bevel_deg=30.0 if joint == "butt_v" else 0.0,
                         work_angle_deg=90.0 if joint.startswith("butt") else 45.0,
                         position="PA" if joint.startswith("butt") else "PB")
    bead, imps = run(geometry=geom, samples=steady(100.0), seam_mm=100.0)
    assert np.all(np.isfinite(bead.throat_mm[bead.welded]))
    assert all(i.iso5817 in {"502", "511", "402", "510", "2017", "5011", "5012", "401", "503",
                             "5213", "5214", "512", "2025", "506", "509", None} for i in imps)


def test_imperfections_carry_data_and_parameters():
    bead, imps = run(samples=varying(ctwd_mm=within((100.0, 200.0), 15.0, 28.0)))
    pore = next(i for i in imps if i.type == "porosity")
    assert (pore.kind, pore.iso6520, pore.cause, pore.location) == (
        "porosity", "2017", "ctwd_long", "face")
    assert pore.params["ctwd_mm"] == pytest.approx(28.0, abs=0.5)
    assert not pore.meets_required
    # ISO 5817 2017: not permitted at B, d <= 0.2 a (max 2) at C, 0.3 a (max 3) at D
    a = bead.summary.design_throat_mm
    assert pore.limit_mm("B") == 0.0
    assert pore.limit_mm("C") == pytest.approx(min(2.0, 0.2 * a))
    assert pore.limit_mm("D") == pytest.approx(min(3.0, 0.3 * a))
    assert not hasattr(pore, "cause_text")


def test_conditions_from_the_job():
    from weldsim.program.model import ArcEndCondition, ArcStartCondition
    cond = WeldConditions.from_program(ArcStartCondition(260.0, 27.5, 0.0075, gas="CO2"),
                                       ArcEndCondition(180.0, 22.0, 0.5))
    assert cond.speed_mm_s == pytest.approx(7.5)
    assert (cond.gas, cond.crater_time_s, cond.wire_feed_m_min) == ("CO2", 0.5, None)
    assert WeldConditions.from_program(ArcStartCondition(260.0, 27.5, 0.0075)).crater_time_s == 0


def test_no_arc_at_all_is_an_unwelded_seam():
    samples = steady(100.0)
    samples = samples.replace(arc_on=np.zeros(len(samples), dtype=bool))
    bead, imps = run(samples=samples, seam_mm=100.0)
    assert math.isnan(bead.summary.leg_lower_mm)
    assert [(i.type, i.start_mm, i.end_mm) for i in imps] == [("incomplete_weld", 0.0, 100.0)]
