"""A weld made inside the scenario's windows is sound: the model does not fail good welds."""

from __future__ import annotations

import itertools

import pytest
from weld_cases import run, steady, tee, wps

from weldsim.weld import design_throat_for_leg_mm, weld_level

SEAM = 150.0
A4 = design_throat_for_leg_mm(6.0)  # t-fillet-2f: [bead] leg_mm = 6 -> a4


def test_design_throat_for_leg():
    assert A4 == 4.0
    assert design_throat_for_leg_mm(8.0) == 5.5
    assert design_throat_for_leg_mm(8.0, step_mm=1.0) == 5.0


# t-fillet-2f WPS limits: 250-290 A, 26-30 V, 38-46 cm/min
@pytest.mark.parametrize(("current", "voltage", "speed_cm_min"),
                         list(itertools.product((250.0, 270.0, 290.0), (26.0, 28.0, 30.0),
                                                (38.0, 42.0, 46.0))))
def test_every_corner_of_the_wps_window_meets_level_b(current, voltage, speed_cm_min):
    v = speed_cm_min * 10.0 / 60.0
    _, imps = run(wps(current_a=current, voltage_v=voltage, speed_mm_s=v),
                  tee(design_throat_mm=A4), steady(SEAM, speed_mm_s=v), seam_mm=SEAM)
    assert weld_level(imps) == "B", imps


# the full-marks bands of welding.md section 1, one parameter at a time
@pytest.mark.parametrize(("name", "value"), [
    ("ctwd_mm", 13.0), ("ctwd_mm", 17.0), ("work_angle_deg", 40.0), ("work_angle_deg", 50.0),
    ("travel_angle_deg", 5.0), ("travel_angle_deg", 15.0), ("aim_lateral_mm", -0.5),
    ("aim_lateral_mm", 0.5), ("aim_vertical_mm", -0.5), ("aim_vertical_mm", 0.5)])
def test_technique_at_the_edge_of_full_marks_meets_level_b(name, value):
    _, imps = run(geometry=tee(design_throat_mm=A4), samples=steady(SEAM, **{name: value}),
                  seam_mm=SEAM)
    assert weld_level(imps) == "B", imps


@pytest.mark.parametrize("factor", [0.9, 1.1])
def test_speed_at_the_edge_of_full_marks_meets_level_b(factor):
    _, imps = run(geometry=tee(design_throat_mm=A4),
                  samples=steady(SEAM, speed_mm_s=factor * 7.0), seam_mm=SEAM)
    assert weld_level(imps) == "B", imps


def _reference(cond, geom, samples, seam):
    from weldsim.weld import find_imperfections, simulate_bead
    bead = simulate_bead(cond, geom, samples)
    return bead, find_imperfections(bead, cond, geom, samples, seam, "C")


def test_reference_conditions_of_the_other_scenarios_are_sound():
    import numpy as np

    from weldsim.weld import JointGeometry, WeldConditions, WeldSamples
    # lap-2f: 6 mm plates, 250 A 26.5 V 50 cm/min, AEC 180 A 0.5 s, leg 5
    v = 500.0 / 60.0
    bead, imps = _reference(
        WeldConditions(250.0, 26.5, v, crater_current_a=180.0, crater_voltage_v=22.0,
                       crater_time_s=0.5, gas_flow_l_min=18.0),
        JointGeometry("fillet_lap", 6.0, 6.0, design_throat_mm=design_throat_for_leg_mm(5.0)),
        WeldSamples.constant(200.0, speed_mm_s=v), 200.0)
    assert weld_level(imps) == "B", imps
    assert bead.summary.leg_upper_mm == pytest.approx(5.0, rel=0.1)
    # butt-1g-weave: 6 mm single V 60 deg, 2 mm gap on backing, 220 A 24 V 16 cm/min,
    # 3 mm sine weave at 1.5 Hz with 0.1 s edge dwell, AEC 160 A 0.8 s, throat 6
    v = 160.0 / 60.0
    s = WeldSamples.constant(200.0, speed_mm_s=v, work_angle_deg=90.0, weave_amp_mm=3.0,
                             weave_freq_hz=1.5)
    s = s.replace(weave_dwell_s=np.full(len(s), 0.1))
    bead, imps = _reference(
        WeldConditions(220.0, 24.0, v, crater_current_a=160.0, crater_voltage_v=20.0,
                       crater_time_s=0.8, gas_flow_l_min=18.0),
        JointGeometry("butt_v", 6.0, 6.0, gap_mm=2.0, bevel_deg=30.0, backing=True,
                      work_angle_deg=90.0, position="PA", design_throat_mm=6.0), s, 200.0)
    assert weld_level(imps) in ("B", "C"), imps
    assert bead.summary.convexity_mm > 0.0  # the groove is filled
