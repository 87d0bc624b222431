"""Equipment ranges: the parser refuses only what no machine can be set to.

Everything a power source, flowmeter or robot can be set to parses (the process model and the
WPS judge it); values beyond the equipment's scale are located range errors.
"""

from __future__ import annotations

import pytest
from program_jobs import messages, wrap

from weldsim.program import JobLimits, parse_job


@pytest.mark.parametrize("flow", ["0", "3L/min", "4.5", "35", "50L/min"])
def test_any_flow_a_flowmeter_shows_parses(flow: str) -> None:
    job = parse_job(wrap(f"ASC 1 I=270A U=28V S=42cm/min GAS=MAG FLOW={flow}"))
    (asc,) = job.arc_start_conditions
    assert asc.flow_l_min == pytest.approx(float(flow.removesuffix("L/min")))


def test_flow_beyond_the_flowmeter_is_refused() -> None:
    assert messages(wrap("ASC 1 I=270A U=28V S=42cm/min FLOW=51")) == [
        "t.job:2:36: error: FLOW=51 is out of range: 0 to 50 L/min"]


@pytest.mark.parametrize("speed", ["1cm/min", "25cm/min", "300cm/min", "100mm/s", "12m/min"])
def test_any_weld_speed_a_robot_can_run_parses(speed: str) -> None:
    parse_job(wrap(f"ASC 1 I=270A U=28V S={speed}"))


def test_weld_speed_beyond_the_robot_is_refused() -> None:
    assert messages(wrap("ASC 1 I=270A U=28V S=13m/min")) == [
        "t.job:2:22: error: S=13m/min is out of range: 0.006 to 12 m/min"]


@pytest.mark.parametrize("current", ["10A", "340A", "350"])
def test_any_current_the_power_source_gives_parses(current: str) -> None:
    parse_job(wrap(f"ASC 1 I={current} U=34V S=42cm/min"))


def test_defaults_are_the_equipment_scales() -> None:
    lim = JobLimits()
    assert (lim.min_flow_l_min, lim.max_flow_l_min) == (0.0, 50.0)
    assert (lim.min_current_a, lim.max_current_a) == (10.0, 350.0)
    assert (lim.min_voltage_v, lim.max_voltage_v) == (8.0, 45.0)
    assert (lim.min_weld_speed_m_s, lim.max_weld_speed_m_s) == (0.0001, 0.2)
