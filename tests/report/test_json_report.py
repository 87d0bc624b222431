"""The JSON report carries what the issue promises, in JSON types, deterministically."""

from __future__ import annotations

import json

import pytest

from weldsim.exercise import run_exercise
from weldsim.report import SCHEMA_VERSION, report_dict, report_json, summary_text
from weldsim.scenarios.loader import load_scenario

METRICS = ("aim_lateral_mm", "aim_vertical_mm", "work_angle_deg", "travel_angle_deg",
           "ctwd_mm", "travel_speed_mm_s", "weave_amplitude_mm", "weave_frequency_hz")


@pytest.fixture(scope="module")
def weave_run():
    s = load_scenario("butt-1g-weave")
    return run_exercise(s, s.reference_job)


def test_report_fields(weave_run):
    data = json.loads(report_json(weave_run))
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["scenario"]["id"] == "butt-1g-weave"
    assert data["job"]["file"] == "butt-1g-weave.job" and len(data["job"]["sha256"]) == 64
    assert 0.0 <= data["score"] <= 100.0 and isinstance(data["passed"], bool)
    assert data["iso5817_level"] in ("B", "C", "D", None)
    for name in ("aim", "work_angle", "travel_angle", "ctwd", "travel_speed", "weave", "bead",
                 "setup"):
        c = data["criteria"][name]
        assert set(c) == {"score", "weight", "mean", "in_window", "window"}
        assert 0.0 <= c["score"] <= 100.0
    assert sum(c["weight"] for c in data["criteria"].values()) == pytest.approx(100.0)
    assert set(data["metrics"]) == set(METRICS)
    assert data["metrics"]["weave_amplitude_mm"]["mean"] == pytest.approx(3.0, abs=0.05)
    assert data["metrics"]["weave_frequency_hz"]["mean"] == pytest.approx(1.5, abs=0.02)
    for key in ("defects", "events", "cycle_time_s", "arc_time_s", "weld_length_mm",
                "seam_coverage", "heat_input_kj_mm"):
        assert key in data
    assert data["heat_input_kj_mm"] == pytest.approx(0.8 * 24 * 220 / (16 / 6) / 1000, rel=0.05)


def test_defect_and_event_entries_have_their_keys():
    s = load_scenario("t-fillet-2f")
    text = s.reference_job.read_text(encoding="utf-8").replace("T=0.6s", "T=0s")
    # the crash comes after the weld (the controller stops the robot there), so the weld
    # with its crater defect is in the report too
    text = text.replace("MOVEL P6 S=100mm/s", "MOVEL P6 S=100mm/s\nMOVEL X(120, -30, 20, -180, "
                        "45.86, 104) S=50mm/s")
    data = report_dict(run_exercise(s, "faulty.job", data=text.encode()))
    assert data["defects"], data
    for d in data["defects"]:
        assert {"type", "iso5817", "start_mm", "end_mm", "size_mm", "level", "cause",
                "fix"} <= set(d)
    collisions = [e for e in data["events"] if e["type"] == "collision"]
    assert collisions and {"type", "line", "time_s", "detail"} <= set(collisions[0])
    assert data["passed"] is False
    json.dumps(data, allow_nan=False)  # strictly valid JSON


def test_summary_names_score_and_faults(weave_run):
    text = summary_text(weave_run)
    assert "score" in text and ("PASSED" in text or "FAILED" in text)
