"""Every scenario's reference program plans without problems and runs without collisions."""

from __future__ import annotations

import numpy as np
import pytest

from weldsim.scenarios.loader import bundled_scenario_ids, load_scenario
from weldsim.sim import Cell


@pytest.mark.parametrize("sid", bundled_scenario_ids())
def test_reference_job_plans_and_plays_clean(sid, plan_text):
    s = load_scenario(sid)
    text = s.reference_job.read_text(encoding="utf-8")
    s, robot, trajectory = plan_text(sid, text)
    assert trajectory.problems == (), [str(p) for p in trajectory.problems]
    assert trajectory.q_ok.all()
    assert trajectory.cycle_time_s <= s.cycle_time_target_s
    with Cell(s, robot) as cell:
        trace = cell.play(trajectory)
    assert trace.contacts == (), [str(c) for c in trace.contacts]
    if s.welds:
        arc = trace.arc_on
        assert arc.any()
        assert trace.ray_hit[arc].all()  # the wire always points at the work while welding
        # the wire tip is on the root: CTWD = stick-out there; a weave across a groove meets
        # its faces higher up (a 3 mm weave in a 60 degree V: 15 - 3.46 = 11.5 mm)
        assert np.nanmax(trace.ctwd_m[arc]) == pytest.approx(0.015, abs=0.0003)
        assert np.nanmin(trace.ctwd_m[arc]) > 0.011
    else:
        for target in s.targets:
            d = np.linalg.norm(trace.T_world_tcp[:, :3, 3] - target.position_m, axis=1)
            i = int(np.argmin(d))
            angle = np.degrees(np.arccos(np.clip(trace.T_world_tcp[i, :3, 2] @ target.axis,
                                                 -1.0, 1.0)))
            assert d[i] * 1000 <= target.tolerance_mm
            assert angle <= target.tolerance_deg


def test_playing_is_deterministic(plan_text):
    s = load_scenario("t-fillet-2f")
    s, robot, trajectory = plan_text("t-fillet-2f", s.reference_job.read_text(encoding="utf-8"))
    traces = []
    for _ in range(2):
        with Cell(s, robot) as cell:
            traces.append(cell.play(trajectory))
    a, b = traces
    for name in ("T_world_tcp", "ctwd_m", "hit_point", "hit_normal", "hit_solid", "ray_hit"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    assert a.contacts == b.contacts
