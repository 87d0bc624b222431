"""Technique metrics of the bundled reference jobs played in the cell, and of seeded faults
(the t-fillet-2f job text edited)."""

from __future__ import annotations

import functools
import math
import re

import numpy as np
import pytest
from scoring_cases import edit_points, play, point_values, weld_points, wire_axis

from weldsim.kinematics import matrix_to_rpy, rpy_to_matrix
from weldsim.scenarios.loader import load_scenario
from weldsim.scoring import technique_metrics, technique_window_summaries


@functools.cache
def measured(scenario_id: str, fault: str | None = None):
    """``(metrics, trace, trajectory, scenario)`` of a reference job or a fault of it."""
    s = load_scenario(scenario_id)
    text = None if fault is None else FAULTS[fault](s.reference_job.read_text(encoding="utf-8"))
    trace, trajectory = play(scenario_id, text)
    assert trajectory.ok, trajectory.problems
    assert not trace.collided, trace.contacts
    return technique_metrics(trace, s, trajectory), trace, trajectory, s


def _ctwd_28(text: str) -> str:
    """Arc start and end 13 mm back along the torch axis: CTWD 15 + 13 mm."""
    start, end = weld_points(text)
    R = rpy_to_matrix(*np.radians(point_values(text, start)[3:]))
    z = R[:, 2]
    return edit_points(text, {start, end},
                       lambda v: [*(np.array(v[:3]) - 13.0 * z), *v[3:]])


def _drag_10(text: str) -> str:
    """The torch turned to a 10 degree drag (every point with the arc start's orientation),
    aim and work angle kept."""
    start, _ = weld_points(text)
    same = {m.group(1) for m in re.finditer(r"^(P\d+)\s*=\s*X\(", text, re.MULTILINE)
            if point_values(text, m.group(1))[3:] == point_values(text, start)[3:]}
    x, y, zz = np.eye(3)  # USER1: seam +X, across the base plate +Y, up the web +Z
    R = rpy_to_matrix(*np.radians(point_values(text, start)[3:]))
    target = wire_axis(x, y, zz, 45.0, -10.0)
    axis = np.cross(R[:, 2], target)
    angle = math.atan2(np.linalg.norm(axis), R[:, 2] @ target)
    axis /= np.linalg.norm(axis)
    K = np.array([[0, -axis[2], axis[1]], [axis[2], 0, -axis[0]], [-axis[1], axis[0], 0]])
    turn = np.eye(3) + math.sin(angle) * K + (1 - math.cos(angle)) * K @ K
    rpy = np.degrees(matrix_to_rpy(turn @ R))
    return edit_points(text, same, lambda v: [*v[:3], *rpy])


def _half(text: str) -> str:
    """The arc ends at x = 125 mm (half of the 250 mm seam); the moves after it shift too."""
    _, end = weld_points(text)
    dx = 125.0 - point_values(text, end)[0]
    lines = text.splitlines()
    ae = next(i for i, ln in enumerate(lines) if re.match(r"^\s*AE\b", ln))
    later = {w for ln in lines[ae:] for w in ln.split() if w.startswith("P")}
    return edit_points(text, {end} | later, lambda v: [v[0] + dx, *v[1:]])


FAULTS = {"ctwd_28": _ctwd_28, "drag_10": _drag_10, "half": _half}


def _mean(m, name):
    return m.summary[name].mean


def test_t_fillet_reference():
    m, *_ = measured("t-fillet-2f")
    assert abs(_mean(m, "aim_lateral_mm")) < 0.1 and abs(_mean(m, "aim_vertical_mm")) < 0.1
    assert _mean(m, "work_angle_deg") == pytest.approx(45.0, abs=0.5)
    assert _mean(m, "travel_angle_deg") == pytest.approx(10.0, abs=0.5)
    assert _mean(m, "ctwd_mm") == pytest.approx(15.0, abs=0.3)
    assert _mean(m, "travel_speed_mm_s") == pytest.approx(7.0, abs=0.1)
    assert math.isnan(_mean(m, "weave_amplitude_mm"))
    assert m.coverage == pytest.approx(0.98, abs=0.01)
    assert len(m.arc_starts) == 1 and m.arc_starts[0].on_seam and m.arc_ends[0].on_seam
    assert m.arc_starts[0].s_mm == pytest.approx(2.0, abs=0.1)
    assert m.arc_ends[0].s_mm == pytest.approx(248.0, abs=0.1)
    assert not m.arc_off_seam


def test_t_fillet_reference_scores_full_marks():
    m, _, trajectory, s = measured("t-fillet-2f")
    summaries = technique_window_summaries(m, s, trajectory)
    assert set(summaries) == {"aim_lateral_mm", "aim_vertical_mm", "work_angle_deg",
                              "travel_angle_deg", "ctwd_mm", "travel_speed_mm_s"}
    for name, w in summaries.items():
        assert w.mean_score > 0.98, (name, w)
        assert w.full_band_pct > 98.0, (name, w)


def test_butt_weave_reference():
    m, _, trajectory, s = measured("butt-1g-weave")
    assert _mean(m, "weave_amplitude_mm") == pytest.approx(3.0, rel=0.01)
    assert _mean(m, "weave_frequency_hz") == pytest.approx(1.5, rel=0.01)
    weaving = ~np.isnan(m.weave_amplitude_mm)
    assert np.count_nonzero(weaving) > 0.95 * np.count_nonzero(m.arc_on)
    # the weave does not count as an aim error, nor inflate the speed
    assert abs(m.summary["aim_lateral_mm"].max) < 0.1
    assert _mean(m, "travel_speed_mm_s") == pytest.approx(s.wps.speed_mm_s.nominal, rel=0.01)
    assert _mean(m, "work_angle_deg") == pytest.approx(90.0, abs=0.5)
    summaries = technique_window_summaries(m, s, trajectory)
    assert summaries["weave_amplitude_mm"].mean_score > 0.99
    assert summaries["weave_frequency_hz"].mean_score > 0.99


def test_pipe_plate_reference_covers_the_whole_ring():
    m, *_ = measured("pipe-plate-2f")
    assert m.coverage == pytest.approx(1.0, abs=1e-3)
    assert m.seams[0].unwelded == ()
    assert len(m.arc_starts) == 3 and all(e.on_seam for e in m.arc_starts + m.arc_ends)
    # the third segment runs on across the start point (from 270 to 102 degrees)
    L = m.seams[0].length_mm
    assert m.arc_ends[2].s_mm == pytest.approx(L * (1 + 12 / 360), abs=0.5)
    assert _mean(m, "work_angle_deg") == pytest.approx(45.0, abs=0.5)
    assert _mean(m, "travel_angle_deg") == pytest.approx(10.0, abs=0.5)
    assert _mean(m, "travel_speed_mm_s") == pytest.approx(7.0, abs=0.1)


def test_fault_ctwd_changes_ctwd_only():
    ref, *_ = measured("t-fillet-2f")
    m, *_ = measured("t-fillet-2f", "ctwd_28")
    assert _mean(m, "ctwd_mm") == pytest.approx(28.0, abs=0.5)
    assert abs(_mean(m, "aim_lateral_mm")) < 0.1 and abs(_mean(m, "aim_vertical_mm")) < 0.1
    for name in ("work_angle_deg", "travel_angle_deg", "travel_speed_mm_s"):
        assert _mean(m, name) == pytest.approx(_mean(ref, name), abs=0.2), name
    assert m.coverage == pytest.approx(ref.coverage, abs=0.01)


def test_fault_drag():
    m, _, trajectory, s = measured("t-fillet-2f", "drag_10")
    assert _mean(m, "travel_angle_deg") == pytest.approx(-10.0, abs=0.5)
    assert _mean(m, "work_angle_deg") == pytest.approx(45.0, abs=0.5)
    assert abs(_mean(m, "aim_lateral_mm")) < 0.1
    assert technique_window_summaries(m, s, trajectory)["travel_angle_deg"].mean_score == 0.0


def test_fault_arc_ended_at_half_the_seam():
    m, *_ = measured("t-fillet-2f", "half")
    assert m.coverage == pytest.approx(0.49, abs=0.01)
    assert m.arc_ends[0].s_mm == pytest.approx(125.0, abs=0.1)
    assert m.seams[0].unwelded[-1] == pytest.approx((125.0, 250.0), abs=0.1)
    assert _mean(m, "travel_speed_mm_s") == pytest.approx(7.0, abs=0.1)


def test_pipeline_is_deterministic():
    a, *_ = measured("t-fillet-2f")
    s = load_scenario("t-fillet-2f")
    trace, trajectory = play("t-fillet-2f")
    b = technique_metrics(trace, s, trajectory)
    assert a.as_dict() == b.as_dict()
    assert np.array_equal(a.aim_lateral_mm, b.aim_lateral_mm, equal_nan=True)
