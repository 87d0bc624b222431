"""The exercise's requirements and cause-first findings, end to end: the clearly wrong programs
of issue #11 fail with the right finding first, out-of-WPS runs are never "excellent", and the
findings name the job line, the value written, the value wanted and the way to change it."""

from __future__ import annotations

import math
import re

import pytest
from fillet_jobs import t_fillet_job

from weldsim.exercise import run_exercise
from weldsim.i18n import Message, render
from weldsim.scenarios.loader import load_scenario
from weldsim.scoring.rubric import score_weld
from weldsim.scoring.sweeps import SWEEPS, sweep_job


def run_text(text: str, sid: str = "t-fillet-2f"):
    return run_exercise(load_scenario(sid), "trainee.job", data=text.encode("utf-8"))


def card_with_program(run):
    """The card as the exercise grades it once it passes the program (points by name)."""
    return score_weld(run.scenario, run.trajectory, run.trace, run.metrics, {}, run.welds,
                      run.setup, program=run.job.program)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(needle))


def reference(sid: str) -> str:
    return load_scenario(sid).reference_job.read_text(encoding="utf-8")


def test_arc_on_350_mm_past_the_seam_end_fails_with_that_first():
    text = t_fillet_job(end_x=600.0)
    run = run_text(text)
    card = run.card
    assert run.alarm is None  # the robot can make this move: only the requirement fails it
    assert not card.passed and not card.excellent and not card.requirements_met
    first = card.findings[0]
    assert (first.kind, first.name, first.fails) == ("requirement", "past_end", True)
    assert first.what.args["length"].value == pytest.approx(350.0, abs=6.0)
    assert first.line == line_of(text, "MOVEL P4")
    # coverage counts the seam only, and welding past its end costs the full requirement
    assert run.metrics.seams[0].coverage == pytest.approx(1.0, abs=0.02)
    assert card.groups["requirements"] == pytest.approx(80.0)
    fix = render(card_with_program(run).findings[0].fix, "en")
    assert "P4" in fix and "350 mm back" in fix


def test_arc_on_650_mm_past_the_seam_end_stops_the_robot_then_names_the_overrun():
    """The issue's program: with this torch the weld move to 650 mm past the end turns J6 a
    full turn, so the real controller stops there; the stop leads and the overrun (as far as
    the robot got) follows at the same line."""
    text = t_fillet_job(end_x=900.0)
    run = run_text(text)
    card = run.card
    assert run.alarm is not None and run.alarm.line == line_of(text, "MOVEL P4")
    assert not card.passed and not card.requirements_met
    first, second = card.findings[:2]
    assert (first.name, first.line) == ("stopped", line_of(text, "MOVEL P4"))
    assert (second.kind, second.name, second.line) == ("requirement", "past_end",
                                                       line_of(text, "MOVEL P4"))


def test_weave_exercise_without_weaving_fails_with_that_first():
    text = reference("butt-1g-weave").replace("WS 1\n", "").replace("WE\n", "")
    card = run_text(text, "butt-1g-weave").card
    assert not card.passed
    first = card.findings[0]
    assert (first.kind, first.name) == ("requirement", "weave_missing")
    assert "WVC 1 PATTERN=SINE AMP=3mm FREQ=1.5Hz" in render(first.fix, "en")
    assert first.line == line_of(text, "MOVEL P4")


def test_weave_outside_its_window_is_a_finding_at_the_wvc_line():
    text = reference("butt-1g-weave").replace("AMP=3mm FREQ=1.5Hz", "AMP=1.5mm FREQ=1.5Hz")
    card = run_text(text, "butt-1g-weave").card
    amp = next(f for f in card.findings if f.name == "weave_amplitude")
    assert amp.fails and amp.line == line_of(text, "WVC 1")
    assert amp.what.args["value"].value == pytest.approx(1.5, abs=0.2)
    assert "AMP=3mm" in render(amp.fix, "en")
    assert not card.passed


def _pipe_without_overlap() -> str:
    """The pipe reference with segment 2 turned 12 degrees and segment 3 24 degrees on: each
    restart starts exactly where the segment before ended."""
    out = []
    for line in reference("pipe-plate-2f").splitlines():
        m = re.match(r"P(\d+) = X\(([^)]*)\)(.*)", line)
        if m and 8 <= int(m.group(1)) <= 21:
            deg = 12.0 if int(m.group(1)) <= 14 else 24.0
            parts = [p.strip() for p in m.group(2).split(",")]
            x, y, z, rx, ry, rz = map(float, parts[:6])
            c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
            vals = (c * x - s * y, s * x + c * y, z, rx, ry, (rz + deg + 180.0) % 360.0 - 180.0)
            extra = "".join(", " + p for p in parts[6:])
            line = (f"P{m.group(1)} = X({', '.join(f'{v:.3f}' for v in vals)}{extra})"
                    f"{m.group(3)}")
        out.append(line)
    return "\n".join(out) + "\n"


def test_pipe_in_segments_without_overlap_fails_at_each_restart():
    text = _pipe_without_overlap()
    run = run_text(text, "pipe-plate-2f")
    card = run.card
    assert not card.passed
    restarts = [f for f in card.findings if f.name == "restart_overlap"]
    assert [f.line for f in restarts] == sorted(f.line for f in restarts)
    assert len(restarts) == 2
    assert card.findings[0] in restarts
    for f in restarts:
        assert f.fails and f.what.args["overlap"].value == pytest.approx(0.0, abs=1.0)
        assert f.consequences and f.consequences[-1].key == "finding.req.restart_crater"
    named = card_with_program(run)
    fixes = {render(f.fix, "en") for f in named.findings if f.name == "restart_overlap"}
    assert any("P10" in t for t in fixes) and any("P17" in t for t in fixes)


def test_pipe_reference_overlaps_are_measured():
    run = run_text(reference("pipe-plate-2f"), "pipe-plate-2f")
    assert run.card.passed and not run.card.findings


def test_stray_arc_away_from_the_joint_is_located():
    text = t_fillet_job()
    stray = "MOVEL X(120, 40, 0, -180, 45.86, 104) S=50mm/s\nAS 1\nAE 1\nMOVEL P2 S=100mm/s\n"
    text = text.replace("MOVEL P3 S=30mm/s", stray + "MOVEL P3 S=30mm/s", 1)
    card = run_text(text).card
    stray_f = next(f for f in card.findings if f.name == "stray_arc")
    assert stray_f.fails and not card.passed
    assert stray_f.line in range(line_of(text, "AS 1"), line_of(text, "AS 1") + 2)
    assert "ISO 6520 601" in render(stray_f.what, "en")


def test_unfilled_crater_is_a_requirement_at_the_arc_end():
    text = t_fillet_job(crater_s=0.0)
    card = run_text(text).card
    crater = next(f for f in card.findings if f.name == "crater_fill")
    assert crater.kind == "requirement" and crater.fails and not card.passed
    assert crater.line == line_of(text, "AE 1")
    assert "T=0.5s" in render(crater.fix, "en")


@pytest.mark.parametrize(("label", "job"), [
    ("hot 340 A / 34 V", t_fillet_job(current_a=340.0, voltage_v=34.0)),
    ("slow 25 cm/min", t_fillet_job(speed="25cm/min")),
    ("drag 10 deg", t_fillet_job(travel_deg=-10.0)),
])
def test_out_of_wps_runs_are_never_excellent(label, job):
    card = run_text(job).card
    assert not card.excellent, label
    assert card.findings, label


def test_speed_without_a_unit_names_the_unit_slip_first():
    text = t_fillet_job(speed="42")
    card = run_text(text).card
    speed = next(f for f in card.findings if f.name == "speed")
    assert speed is card.findings[0]
    what, fix = render(speed.what, "en"), render(speed.fix, "en")
    assert what == "ASC 1 S=42 is 42 mm/s, 6× the WPS's 7.0 mm/s"
    assert "S=42cm/min" in fix
    assert speed.line == line_of(text, "ASC 1")
    # what it did to the weld hangs under it, not as separate top faults
    assert speed.consequences
    assert not any(f.kind == "defect" and f.name in ("insufficient_throat", "humping")
                   for f in card.findings[:3])


def test_aim_6_mm_up_the_web_names_the_points_and_the_move():
    run = run_text(t_fillet_job(aim_up_mm=6.0))
    card = card_with_program(run)
    aim = next(f for f in card.findings if f.name == "aim")
    assert card.findings.index(aim) == 0 or all(f.kind == "gate" for f in
                                                card.findings[:card.findings.index(aim)])
    what, fix = render(aim.what, "en"), render(aim.fix, "en")
    assert "P3, P4" in what and "up the upper plate" in what
    assert aim.what.args["offset"].value == pytest.approx(6.0, abs=0.3)
    assert re.search(r"move P3, P4 6\.\d mm in −Z of USER1", fix), fix
    assert aim.consequences  # leg asymmetry, lack of fusion ... under it


def test_sizes_say_what_they_measure():
    card = run_text(t_fillet_job(speed="60cm/min")).card
    texts = [render(c, "en") for f in card.findings for c in (f.what, *f.consequences)]
    throat = [t for t in texts if t.startswith("throat too small")]
    assert throat, texts
    assert re.search(r"throat \d\.\d mm, \d\.\d mm short of a4", throat[0]), throat[0]


def test_findings_render_in_both_languages_without_english_in_indonesian():
    jobs = [t_fillet_job(end_x=900.0), t_fillet_job(speed="42"), t_fillet_job(aim_up_mm=3.0),
            t_fillet_job(crater_s=0.0, travel_deg=-10.0, current_a=340.0)]
    for job in jobs:
        card = run_text(job).card
        for f in card.findings:
            for msg in f.messages():
                assert isinstance(msg, Message)
                en, id_ = render(msg, "en"), render(msg, "id")
                assert en and id_ and "{" not in en + id_
                if msg.key.startswith("finding.") and len(en) > 20:
                    assert en != id_, msg.key


def test_reference_jobs_still_score_100():
    for sid in ("t-fillet-2f", "lap-2f", "t-fillet-2f-both-sides", "pipe-plate-2f"):
        card = run_text(reference(sid), sid).card
        assert card.score == pytest.approx(100.0, abs=0.05), sid
        assert card.excellent and not card.findings, sid


def test_drag_sweep_value_is_a_drag():
    text = sweep_job(SWEEPS["travel_angle"], -10.0, reference("t-fillet-2f"))
    run = run_text(text)
    assert run.metrics.summary["travel_angle_deg"].mean == pytest.approx(-10.0, abs=0.3)
    assert not run.card.excellent


def test_seam_order_is_checked_on_the_first_arc_of_each_seam():
    from types import SimpleNamespace

    import numpy as np

    from weldsim.scoring.requirements import _seam_order

    scenario = load_scenario("t-fillet-2f-both-sides")
    # the far seam (1) welded first, from line 30; the near one (0) from line 50
    seam = np.array([-1, 1, 1, 1, -1, 0, 0, 0])
    metrics = SimpleNamespace(on_seam=seam >= 0, seam=seam)
    trajectory = SimpleNamespace(line=np.array([10, 30, 31, 31, 40, 50, 51, 51]))
    (f,) = _seam_order(scenario, metrics, trajectory, ("near", "far"))
    assert f.name == "seam_order" and f.fails and f.line == 30
    assert render(f.what, "en") == ("the seams were welded in the order far, near; the "
                                    "exercise asks for near, far")
    in_order = SimpleNamespace(line=np.array([10, 50, 51, 51, 40, 30, 31, 31]))
    seam2 = np.array([-1, 0, 0, 0, -1, 1, 1, 1])
    assert _seam_order(scenario, SimpleNamespace(on_seam=seam2 >= 0, seam=seam2), in_order,
                       ("near", "far")) == []
