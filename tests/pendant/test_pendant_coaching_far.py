"""The technique panel far from the seam (greyed gauges, a calm line with the distance to the
seam's start, the approach hint, no flicker at the edge along a jog) and the prediction's
message for a job the editor rejects (where it stops, the bead before it kept). Headless:
time passes only in ``tick``; practice mode only (exam shows none of it)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pygame
import pytest
from coaching_scripts import reference_poses

from weldsim.coaching.approach import APPROACH_HYSTERESIS_MM, APPROACH_MM
from weldsim.coaching.gauges import Coach
from weldsim.coaching.predict import predict_bead
from weldsim.i18n import render
from weldsim.kinematics import load_robot
from weldsim.pendant.app import PendantApp
from weldsim.pendant.coach_panel import (
    GAUGE_RGB,
    _prediction_text,
    _problem_message,
    coach_panel_height,
)
from weldsim.pendant.controller import Pendant
from weldsim.pendant.forms import wps_values
from weldsim.pendant.i18n import Translator
from weldsim.scenarios.loader import load_scenario

DT = 1.0 / 60.0


@pytest.fixture(scope="module")
def fillet():
    return load_scenario("t-fillet-2f")


@pytest.fixture(scope="module")
def robot(fillet):
    return load_robot(fillet.robot)


def _at(p, T_base_tcp):
    p.q = np.asarray(p.robot.ik_nearest(T_base_tcp, p.q, tool=p.tool), dtype=float)


def _colour_count(surface, rect, rgb) -> int:
    arr = pygame.surfarray.pixels3d(surface.subsurface(rect))
    return int(np.all(arr == np.array(rgb), axis=2).sum())


def _gauge_rows(app) -> pygame.Rect:
    """The six gauge rows of the panel (under its title, above the conditions' row)."""
    lay = app.layout
    lh = 17 if lay.coach.height >= coach_panel_height(500) else 14
    return pygame.Rect(lay.coach.left, lay.coach.top + 4 + lh + 2, lay.coach.width, 6 * lh)


def _reference_text(fillet, line: int, new: str) -> str:
    lines = Path(fillet.reference_job).read_text(encoding="utf-8").splitlines()
    lines[line - 1] = new
    return "\n".join(lines) + "\n"


# -- far from the seam ------------------------------------------------------------------------

def test_at_home_the_gauges_are_grey_and_the_hint_leads_to_the_seam(fillet, robot, shots):
    """At home the wire tip is hundreds of mm from the seam: the panel's gauge rows carry no
    state colour (no red, no marker), the hint is Coach.hint's approach hint in the jog
    frame; over the seam the state colours are back and the hint is a technique one."""
    seen = {}
    for where in ("home", "seam"):
        p = Pendant(fillet, robot, cell=False)
        p.q = np.asarray(fillet.home_q, dtype=float).copy()
        if where == "seam":
            _at(p, reference_poses(fillet)[3])
            p.q[4] += 0.1                           # tilted: a gauge out, a hint
        p.set_frame("BASE")
        app = PendantApp(p, lang="id", show_instructions=False, script=[])
        try:
            app.frame(DT)
            rows = _gauge_rows(app)
            colours = {s: _colour_count(app.screen, rows, GAUGE_RGB[s])
                       for s in ("in", "near", "out")}
            reading = p.coaching.reading()
            hint = p.coaching.hint()
            want = Coach(fillet, robot).hint(p.q, "BASE", reading=reading)
            seen[where] = (p.coaching.far, colours, hint, want, reading)
            png = shots.path / f"coaching-far-{where}.png"
            app.screenshot(png)
            shots.keep(png)
        finally:
            app.close()
    far, colours, hint, want, reading = seen["home"]
    assert far and reading.approach.seam_mm > APPROACH_MM
    assert colours == {"in": 0, "near": 0, "out": 0}
    assert hint is not None and hint.gauge == "approach" and hint.frame == "BASE"
    assert (hint.axis, hint.sign, hint.message) == (want.axis, want.sign, want.message)
    assert render(reading.approach.message, "id").startswith("Torch masih jauh dari kampuh (")
    far, colours, hint, want, reading = seen["seam"]
    assert not far and colours["out"] + colours["near"] + colours["in"] > 50
    assert hint is not None and hint.gauge != "approach"


def test_the_panel_does_not_flicker_along_a_jog_at_the_edge(fillet, robot):
    """From the approach point (50 mm from the seam) jog TOOL Z− (back along the wire) at
    Low speed past 70 mm, back in, then to and fro by 3 mm across the 60 mm line: the
    panel's far state switches once out (beyond 70 mm), once in (within 60 mm) and never at
    the edge; the hint follows it (approach hint exactly when far)."""
    p = Pendant(fillet, robot, cell=False)
    _at(p, reference_poses(fillet)[2])
    p.servo_on()
    p.set_deadman(True)
    p.set_frame("TOOL")
    p.set_speed(1)                                   # Low: 10 mm/s

    record = []

    def jog(sign: int, ticks: int) -> None:
        p.jog_press(2, sign)
        for _ in range(ticks):
            p.tick(0.05)                             # 0.5 mm a tick
            r = p.coaching.reading()
            hint = p.coaching.hint()
            record.append((r.far, r.approach.seam_mm, hint))
        p.jog_release()

    jog(-1, 56)                                      # out: 50 -> ~78 mm
    jog(+1, 36)                                      # in: -> ~60 mm
    jog(+1, 6)                                       # -> ~57 mm
    for _ in range(4):
        jog(-1, 12)                                  # ~63 mm
        jog(+1, 12)                                  # ~57 mm
    assert not p.alarms
    far = [f for f, _, _ in record]
    dist = [d for _, d, _ in record]
    switches = [k for k in range(1, len(far)) if far[k] != far[k - 1]]
    assert len(switches) == 2, switches
    k_out, k_in = switches
    assert far[k_out] and dist[k_out] > APPROACH_MM + APPROACH_HYSTERESIS_MM
    assert not far[k_in] and dist[k_in] <= APPROACH_MM
    edge = dist[k_in + 1:]
    assert min(edge) < APPROACH_MM < max(edge) < APPROACH_MM + APPROACH_HYSTERESIS_MM
    assert all((h is not None and h.gauge == "approach") == f for f, _, h in record
               if f or h is not None)


def test_exam_mode_has_no_far_state_and_no_prediction_message(fillet, robot):
    p = Pendant(fillet, robot, cell=False, exam=True)
    p.q = np.asarray(fillet.home_q, dtype=float).copy()
    p.load_text(_reference_text(fillet, 23, "MOVEX P5 S=30mm/s"), "broken.job")
    p.tick(DT)
    p.coaching.wait()
    p.tick(DT)
    assert p.coaching.reading() is None and not p.coaching.far and p.coaching.hint() is None
    assert p.coaching.prediction is None and p.coaching.problem is None


# -- a job the editor rejects -----------------------------------------------------------------

def _predicted(p) -> None:
    p.tick(DT)
    p.coaching.wait()
    p.tick(DT)


def test_a_job_opened_with_an_error_after_the_weld_keeps_its_bead(fillet, robot, shots):
    """The reference job with an unknown instruction at line 23 (after AE): the editor keeps
    it as text; the prediction is the bead up to line 22 (predict_bead's) and the panel says
    where it stops and that the bead before it is still shown."""
    text = _reference_text(fillet, 23, "MOVEX P5 S=30mm/s")
    p = Pendant(fillet, robot, cell=False)
    p.load_text(text, "broken.job")
    assert not p.editor.editable
    poses = reference_poses(fillet)
    mid = poses[3].copy()
    mid[:3, 3] = 0.5 * (poses[3][:3, 3] + poses[4][:3, 3])   # over the seam's middle
    _at(p, mid)
    _predicted(p)
    coach = p.coaching
    want = predict_bead(fillet, robot, text)
    assert coach.problem == want.problem and coach.problem.key == "predict.job_error"
    assert coach.prediction.problem_line == 23 and len(coach.prediction.seams) == 1
    assert np.array_equal(coach.prediction.seams[0].throat_mm, want.seams[0].throat_mm,
                          equal_nan=True)
    said = {lang: render(_problem_message(coach), lang) for lang in ("id", "en")}
    assert said["id"] == ("Prediksi berhenti: baris 23: instruksi 'MOVEX' tidak dikenal — "
                          "manik las sebelumnya tetap ditampilkan")
    assert said["en"] == ("Prediction stops: line 23: unknown instruction 'MOVEX' — "
                          "the bead before it is still shown")
    assert _prediction_text(coach, Translator("en")).startswith("Predicted bead here: leg ")
    app = PendantApp(p, lang="id", show_instructions=False, script=[])
    try:
        app.frame(DT)
        lay = app.layout
        below = pygame.Rect(lay.coach.left, _gauge_rows(app).bottom, lay.coach.width,
                            lay.coach.bottom - _gauge_rows(app).bottom)
        assert _colour_count(app.screen, below, (225, 60, 55)) > 30   # the problem, in red
        assert app.helpers() is not None and len(app.helpers().predicted) == 1   # drawn
        png = shots.path / "coaching-broken-job.png"
        app.screenshot(png)
        shots.keep(png)
    finally:
        app.close()


def test_a_job_that_fails_from_its_header_says_so_and_has_no_bead(fillet, robot):
    text = _reference_text(fillet, 4, "JOBB T_FILLET_2F")
    p = Pendant(fillet, robot, cell=False)
    p.load_text(text, "broken.job")
    _predicted(p)
    coach = p.coaching
    assert coach.prediction is not None and coach.prediction.seams == ()
    assert render(_problem_message(coach), "en") == (
        "Prediction stops: line 4: the job must start with 'JOB <name>'")
    assert render(_problem_message(coach), "id").startswith("Prediksi berhenti: baris 4: ")
    assert _prediction_text(coach, Translator("en")) == "Predicted bead: none before line 4"
    assert _prediction_text(coach, Translator("id")) == (
        "Prediksi manik las: tidak ada sebelum baris 4")


def test_a_job_edited_into_an_error_keeps_the_bead_before_it(fillet, robot):
    """Teach the weld, then AS twice after its AE (the editor's text no longer parses): the
    bead of the weld stays, and the panel names the line of the second AS."""
    p = Pendant(fillet, robot, cell=False)
    poses = reference_poses(fillet)
    _at(p, poses[1])
    p.record("MOVEP")
    for n in (2, 3):
        _at(p, poses[n])
        p.record("MOVEL")
    p.insert_condition("AS", wps_values("AS", fillet))
    _at(p, poses[4])
    p.record("MOVEL")
    p.insert_condition("AE", wps_values("AE", fillet))
    _predicted(p)
    assert p.coaching.problem is None and len(p.coaching.prediction.seams) == 1
    good = p.coaching.prediction.seams[0].throat_mm
    p.insert_condition("AS", wps_values("AS", fillet))
    p.insert_condition("AS", wps_values("AS", fillet))
    assert p.editor.diagnostics and p.editor.editable
    _predicted(p)
    coach = p.coaching
    line = p.editor.diagnostics[0].line
    assert coach.problem.key == "predict.job_error" and coach.prediction.problem_line == line
    assert np.array_equal(coach.prediction.seams[0].throat_mm, good, equal_nan=True)
    assert render(_problem_message(coach), "en").startswith(
        f"Prediction stops: line {line}: AS while the arc is already on")
