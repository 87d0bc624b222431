"""Heat and size faults from the physics (issue #11 item 4): too much heat, too slow a travel,
a drag angle, a low voltage or too little gas each show their bead fault, with a size that grows
smoothly with its cause and the ISO 5817 limit of each level."""

from __future__ import annotations

import numpy as np
import pytest
from weld_cases import WPS_SPEED_MM_S, run, steady, wps

from weldsim.weld import CAUSES, KINDS


def by_kind(imps):
    out = {}
    for imp in imps:
        out.setdefault(imp.type, []).append(imp)
    return out


def cm_min(v):
    return v * 10.0 / 60.0


def test_the_wps_itself_has_no_imperfection():
    _, imps = run()
    assert imps == []


def test_340a_34v_undercuts_the_top_toe_and_oversizes_the_throat():
    bead, imps = run(wps(current_a=340.0, voltage_v=34.0))
    found = by_kind(imps)
    (uc,) = found["undercut"]
    assert (uc.location, uc.iso5817, uc.cause) == ("toe_upper", "5011", "voltage_high")
    assert 0.1 < uc.size_mm <= uc.limit_mm("D")
    assert found["excess_throat"][0].size_mm > 0.8
    # the heat input and the HAZ cooling follow the conditions, not the WPS
    nominal, _ = run()
    assert bead.summary.heat_input_kj_mm == pytest.approx(0.8 * 34 * 340 / 7.0e3, rel=1e-3)
    assert bead.summary.t85_s > 1.3 * nominal.summary.t85_s


def test_25_cm_min_rolls_cold_metal_over_the_lower_toe():
    v = cm_min(25.0)
    bead, imps = run(wps(speed_mm_s=v), samples=steady(speed_mm_s=v))
    found = by_kind(imps)
    (ov,) = found["overlap"]
    assert (ov.location, ov.iso5817, ov.cause) == ("toe_lower", "506", "too_slow")
    assert ov.level == "D" and not ov.meets_required  # ISO 5817: no overlap at C
    assert ov.limit_mm("C") == 0.0 and ov.limit_mm("D") > ov.size_mm
    # the one-pass speed it asks for is between the slow speed and the WPS speed
    assert v < ov.params["one_pass_speed_mm_s"] < WPS_SPEED_MM_S
    (sag,) = found["sagging"]
    assert sag.iso5817 == "509" and sag.size_mm > 0.2
    assert bead.summary.leg_lower_mm > bead.summary.leg_upper_mm + 0.5


def test_a_drag_angle_on_a_push_wps_makes_a_convex_face():
    bead, imps = run(samples=steady(travel_angle_deg=-10.0))
    (cx,) = by_kind(imps)["excess_convexity"]
    assert (cx.iso5817, cx.cause, cx.location) == ("503", "drag", "face")
    nominal, _ = run()
    assert bead.summary.convexity_mm > 1.3 * nominal.summary.convexity_mm
    assert bead.summary.penetration_mm > nominal.summary.penetration_mm


def test_low_voltage_makes_a_convex_face():
    _, imps = run(wps(voltage_v=24.0))
    (cx,) = by_kind(imps)["excess_convexity"]
    assert cx.cause == "voltage_low"
    assert cx.params["balanced_voltage_v"] == pytest.approx(14.0 + 0.05 * 270.0, abs=0.3)


def test_3_l_min_of_gas_gives_porosity():
    _, imps = run(wps(gas_flow_l_min=3.0))
    (pore,) = by_kind(imps)["porosity"]
    assert pore.cause == "gas_flow" and not pore.meets_required


def _size(imps, kind):
    return max((i.size_mm for i in imps if i.type == kind), default=0.0)


@pytest.mark.parametrize(("kind", "make", "values"), [
    ("overlap", lambda x: (wps(speed_mm_s=x), steady(speed_mm_s=x)),
     np.linspace(cm_min(32.0), cm_min(18.0), 29)),
    ("sagging", lambda x: (wps(speed_mm_s=x), steady(speed_mm_s=x)),
     np.linspace(cm_min(32.0), cm_min(18.0), 29)),
    ("undercut", lambda x: (wps(voltage_v=x), steady()), np.linspace(28.0, 36.0, 33)),
    ("excess_convexity", lambda x: (wps(voltage_v=x), steady()), np.linspace(26.0, 20.0, 25)),
    ("excess_convexity", lambda x: (wps(), steady(travel_angle_deg=x)),
     np.linspace(0.0, -20.0, 21)),
])
def test_sizes_grow_smoothly_with_their_cause(kind, make, values):
    sizes = []
    for x in values:
        cond, samples = make(float(x))
        _, imps = run(cond, samples=samples)
        sizes.append(_size(imps, kind))
    sizes = np.array(sizes)
    assert sizes[-1] > 0.0
    assert np.all(np.diff(sizes) >= -1e-9)  # grows with the cause
    seen = sizes[sizes > 0.0]
    # no cliff: past its first appearance, each step adds a bounded amount
    assert np.max(np.diff(seen), initial=0.0) <= 0.25 * seen[-1]


def test_every_graded_imperfection_carries_its_limits():
    cases = [wps(current_a=340.0, voltage_v=34.0), wps(speed_mm_s=cm_min(22.0)),
             wps(voltage_v=22.0), wps(gas_flow_l_min=2.0)]
    for cond in cases:
        _, imps = run(cond, samples=steady(speed_mm_s=cond.speed_mm_s))
        for imp in imps:
            assert imp.type in KINDS and imp.cause in CAUSES[imp.type]
            if not imp.graded:
                assert imp.limits_mm == ()
                continue
            assert [lv for lv, _ in imp.limits_mm] == ["B", "C", "D"]
            if imp.level is not None:
                assert imp.size_mm <= imp.limit_mm(imp.level) + 1e-9 or imp.type in (
                    "incomplete_weld", "end_crater")


def test_a_job_programmed_six_times_too_fast_blames_the_speed():
    # ASC S=42 read as mm/s: 252 cm/min programmed; the wire feed is the WPS's
    v = 42.0
    _, imps = run(wps(speed_mm_s=v), samples=steady(speed_mm_s=v))
    throat = next(i for i in imps if i.type == "insufficient_throat")
    assert throat.cause == "too_fast"
    assert throat.params["programmed_speed_mm_s"] == pytest.approx(v)


def test_a_low_current_blames_the_wire_feed():
    _, imps = run(wps(current_a=170.0))
    throat = next(i for i in imps if i.type == "insufficient_throat")
    assert throat.cause == "bead_too_small"
