"""Live technique coaching on the pendant: the gauges panel (practice) and its absence (exam),
gauges that follow the jog exactly as :meth:`Coach.reading` at the pendant's joint angles,
the travel direction of the weld line at the cursor, the predicted bead after teaching AS ...
AE equal to :func:`predict_bead`, and the 3D view's helpers."""

from __future__ import annotations

import numpy as np
import pygame
import pytest
from coaching_scripts import reference_poses, teach_weld_script

from weldsim.coaching.gauges import Coach
from weldsim.coaching.predict import predict_bead
from weldsim.kinematics import load_robot
from weldsim.pendant.app import PendantApp
from weldsim.pendant.coach_panel import gauge_bar
from weldsim.pendant.coaching import coaching_mode, weld_context
from weldsim.pendant.controller import Pendant
from weldsim.pendant.draw import COLORS
from weldsim.pendant.forms import wps_values
from weldsim.program import ArcEnd, ArcStart
from weldsim.scenarios.loader import load_scenario

DT = 1.0 / 60.0


@pytest.fixture(scope="module")
def fillet():
    return load_scenario("t-fillet-2f")


@pytest.fixture(scope="module")
def robot(fillet):
    return load_robot(fillet.robot)


def _at(p, T_base_tcp):
    """Put the pendant's robot at a TCP pose (IK nearest its joint angles)."""
    p.q = np.asarray(p.robot.ik_nearest(T_base_tcp, p.q, tool=p.tool), dtype=float)


def _teach_reference(p, poses):
    """Teach MOVEP P1, MOVEL P2, P3, AS, MOVEL P4, AE as the trainee does (headless)."""
    _at(p, poses[1])
    p.record("MOVEP")
    for n in (2, 3):
        _at(p, poses[n])
        p.record("MOVEL")
    p.insert_condition("AS", wps_values("AS", p.scenario))      # 270 A, 28 V, 42 cm/min
    _at(p, poses[4])
    p.record("MOVEL")
    p.insert_condition("AE", wps_values("AE", p.scenario))


def _step(p, direction: int) -> None:
    """One step check, run to its end (at most 20 s of pendant time)."""
    p.step(direction)
    for _ in range(1200):
        p.tick(DT)
        if not p.moving:
            return


def _pixels_differing(surface, rect, color) -> int:
    arr = pygame.surfarray.pixels3d(surface.subsurface(rect))
    return int(np.any(arr != np.array(color), axis=2).sum())


# -- modes ------------------------------------------------------------------------------------

def test_mode_comes_from_exam_flag_then_scenario(fillet):
    assert coaching_mode(fillet) == "practice"
    assert coaching_mode(fillet, exam=True) == "exam"

    class ExamScenario:
        coaching_mode = "exam"

    assert coaching_mode(ExamScenario()) == "exam"
    with pytest.raises(ValueError):
        Pendant(fillet, cell=False).coaching.__class__(Pendant(fillet, cell=False), "quiz")


def test_gauges_panel_drawn_in_practice_and_absent_in_exam(fillet, robot, shots):
    poses = reference_poses(fillet)
    drawn = {}
    for exam in (False, True):
        p = Pendant(fillet, robot, cell=False, exam=exam)
        _at(p, poses[3])
        app = PendantApp(p, lang="en", show_instructions=False, script=[])
        try:
            app.frame(DT)
            lay = app.layout
            drawn[exam] = (lay.coach.height, p.coaching.reading(), app.helpers(),
                           list(app.view.helper_lines))
            if not exam:
                # the panel has bars and text on its background
                assert _pixels_differing(app.screen, lay.coach, (40, 45, 54)) > 2000
                assert lay.coach.bottom == lay.job.top and lay.readout.bottom == lay.coach.top
            else:
                assert lay.job.top == lay.readout.bottom
            png = shots.path / f"coaching-{'exam' if exam else 'practice'}.png"
            app.screenshot(png)
            shots.keep(png)
        finally:
            app.close()
    height, reading, helpers, lines = drawn[False]
    assert height > 0 and reading is not None and len(reading.gauges) == 6
    assert helpers is not None and lines
    height, reading, helpers, lines = drawn[True]
    assert height == 0 and reading is None and helpers is None and lines == []


def test_exam_mode_predicts_nothing(fillet, robot):
    p = Pendant(fillet, robot, cell=False, exam=True)
    _teach_reference(p, reference_poses(fillet))
    p.tick(DT)
    assert p.coaching.prediction is None and p.coaching.hint() is None
    assert not p.coaching.worker.busy


# -- gauges -----------------------------------------------------------------------------------

def test_a_jog_changes_the_gauges_as_coach_reading_at_the_pendants_q(fillet, robot):
    """Jog +Z, then +Y, then RX+ in USER1 at Low speed from the arc start (on the root):
    after each jog the panel's gauges equal ``Coach.reading`` at the pendant's joint angles
    (the same numbers), and they moved as the jog moves the torch: 5 mm up the web is 5 mm
    of vertical aim; 5 mm away from the web lengthens the wire's way to the work by
    5 mm / 0.696 (the wire axis' Y component in USER1); 1 degree about X is 1 degree of
    work angle."""
    coach = Coach(fillet, robot)
    p = Pendant(fillet, robot, cell=False)
    _at(p, reference_poses(fillet)[3])
    p.servo_on()
    p.set_deadman(True)
    p.set_frame("USER1")
    p.set_speed(1)                                 # Low: 10 mm/s, 2 deg/s
    before = p.coaching.reading().values()
    assert before == coach.reading(p.q).values()
    seen = [before]
    for axis in (2, 1, 3):
        p.jog_press(axis, +1)
        for _ in range(30):                       # 0.5 s: 5 mm, or 1 degree
            p.tick(DT)
        p.jog_release()
        now = p.coaching.reading().values()
        assert now == coach.reading(p.q).values()
        seen.append(now)
    assert seen[1]["aim_vertical"] - seen[0]["aim_vertical"] == pytest.approx(5.0, abs=0.05)
    assert seen[1]["ctwd"] == pytest.approx(seen[0]["ctwd"], abs=0.01)
    assert seen[2]["ctwd"] - seen[1]["ctwd"] == pytest.approx(5.0 / 0.696, abs=0.1)
    assert seen[3]["work_angle"] - seen[2]["work_angle"] == pytest.approx(1.0, abs=0.01)


def test_the_weld_line_at_the_cursor_gives_the_travel_direction(fillet, robot):
    """The cursor on the weld move: its own direction (P3 -> P4, the seam's); the same
    move taught backwards (P4 -> P3) reads the travel angle with the opposite sense, as
    ``Coach.reading(q, travel_sign=-1)``."""
    poses = reference_poses(fillet)
    coach = Coach(fillet, robot)
    p = Pendant(fillet, robot, cell=False)
    _teach_reference(p, poses)
    k_weld = next(i for i, ins in enumerate(p.editor.instructions)
                  if isinstance(ins, ArcEnd)) - 1
    p.editor.set_cursor(k_weld)
    mid = poses[3].copy()
    mid[:3, 3] = 0.5 * (poses[3][:3, 3] + poses[4][:3, 3])
    _at(p, mid)
    ctx = p.coaching.context()
    assert ctx.source == "line" and ctx.condition.current_a == pytest.approx(270.0)
    assert ctx.speed_m_s == pytest.approx(0.42 / 60.0)
    assert p.coaching.reading().values() == coach.reading(p.q, travel_sign=1).values()

    back = Pendant(fillet, robot, cell=False)
    _teach_reference(back, {1: poses[1], 2: poses[2], 3: poses[4], 4: poses[3]})
    back.editor.set_cursor(k_weld)
    _at(back, mid)
    assert back.coaching.context().source == "line"
    assert back.coaching.travel_sign == -1
    assert back.coaching.reading().values() == coach.reading(back.q, travel_sign=-1).values()


def test_weld_context_outside_and_while_teaching(fillet, robot):
    p = Pendant(fillet, robot, cell=False)
    poses = reference_poses(fillet)
    _teach_reference(p, poses)
    ins = p.editor.instructions
    k_as = next(i for i, x in enumerate(ins) if isinstance(x, ArcStart))
    tip = poses[4][:3, 3]
    args = (p.robot, p.tool, p.user_frames)
    assert weld_context(ins, k_as - 1, tip, *args).source == "seam"       # before AS
    teach = weld_context(ins, k_as, tip, *args)                          # on AS: next move
    assert teach.source == "teach" and teach.index == -1
    d = poses[4][:3, 3] - poses[3][:3, 3]
    assert teach.direction_base == pytest.approx(d / np.linalg.norm(d))
    assert weld_context(ins, len(ins) - 1, tip, *args).condition is None  # after AE


def test_gauge_bar_places_window_target_and_value():
    class G:
        low, high, full_low, full_high, target, value = 30.0, 60.0, 40.0, 50.0, 45.0, 45.0

    pos = gauge_bar(G, 150)
    assert pos["band"] == (25, 125) and pos["full"] == (58, 92)
    assert pos["target"] == pos["value"] == 75 and pos["clip"] == 0
    G.value = 99.0
    assert gauge_bar(G, 150)["clip"] == 1 and gauge_bar(G, 150)["value"] == 150


# -- the predicted bead -----------------------------------------------------------------------

def test_predicted_bead_after_teaching_equals_predict_bead(fillet, robot):
    p = Pendant(fillet, robot, cell=False)
    p.tick(DT)
    assert p.coaching.prediction is None            # nothing welded yet
    _teach_reference(p, reference_poses(fillet))
    p.tick(DT)
    got = p.coaching.prediction
    assert got is not None and p.coaching.predicted_revision == p.editor.revision
    want = predict_bead(fillet, robot, p.editor.text)
    assert len(got.seams) == len(want.seams) == 1
    for a, b in zip(got.seams, want.seams, strict=True):
        assert a.seam == b.seam
        for name in ("s_mm", "leg_lower_mm", "leg_upper_mm", "throat_mm", "width_mm",
                     "points_m"):
            np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
        assert list(a.level) == list(b.level)
    assert got.problem == want.problem
    # an edit (delete the AE) predicts again
    p.delete()
    p.tick(DT)
    assert p.coaching.predicted_revision == p.editor.revision
    assert p.coaching.prediction is not got


def test_predicted_bead_and_markers_drawn_in_the_view(fillet, robot, shots):
    """After the scripted teach (AS ... AE), the view draws the predicted ribbon over the
    seam, the aim point, the drop line, the user frame and the seam markers; the panel shows
    the predicted leg at the torch."""
    png = shots.path / "coaching-teach.png"
    steps = [__import__("json").loads(s) for s in
             teach_weld_script([png], torch_view=True).text().splitlines() if s.strip()]
    p = Pendant(fillet, robot, cell=False)
    app = PendantApp(p, lang="en", script=steps)
    try:
        app.run()
        assert p.coaching.prediction is not None and p.coaching.prediction.seams
        assert p.coaching.seam_at_cursor() is not None
        kinds = {ln.kind for ln in app.view.helper_lines}
        assert {"wire_axis", "frame_x", "frame_y", "frame_z", "seam_start", "seam_end",
                "seam_arrow"} <= kinds
        assert app.view.scale_ticks_mm and app.view.camera_name == "torch"
        helpers = app.helpers()
        assert helpers.predicted and len(helpers.predicted[0].points_m) > 10
        # the ribbon is drawn: the view with helpers differs from the view without them
        # along the seam
        r = app.layout.view
        sub = pygame.Surface((r.width, r.height))
        app.view.draw(sub, p.q)
        plain = pygame.surfarray.array3d(sub).copy()
        app.view.draw(sub, p.q, helpers=helpers)
        coached = pygame.surfarray.array3d(sub)
        pts = app.view.project(helpers.predicted[0].points_m)
        pts = pts[np.isfinite(pts).all(axis=1)].astype(int)
        inside = (pts[:, 0] >= 0) & (pts[:, 0] < r.width) & (pts[:, 1] >= 0) & \
            (pts[:, 1] < r.height)
        pts = pts[inside]
        assert len(pts) > 10
        changed = np.any(plain[pts[:, 0], pts[:, 1]] != coached[pts[:, 0], pts[:, 1]], axis=1)
        assert changed.mean() > 0.8
    finally:
        app.close()
    shots.keep(png)


def test_step_check_shows_the_lines_conditions(fillet, robot):
    """Step check onto the weld move: the panel's context is that line's, with the AS
    conditions and the move's speed."""
    p = Pendant(fillet, robot, cell=False)
    _teach_reference(p, reference_poses(fillet))
    k_weld = next(i for i, ins in enumerate(p.editor.instructions)
                  if isinstance(ins, ArcEnd)) - 1
    p.editor.set_cursor(k_weld - 1)               # on AS, robot at P4 (last taught)
    p.servo_on()
    p.set_deadman(True)
    _step(p, -1)                                  # back to P3 ...
    _step(p, +1)                                  # ... onto AS (passed over) ...
    _step(p, +1)                                  # ... and along the weld move to P4
    assert p.editor.cursor == k_weld and not p.alarms
    ctx = p.coaching.context()
    assert ctx.source == "line" and ctx.condition.voltage_v == pytest.approx(28.0)
    reading = p.coaching.reading()
    assert reading.values() == Coach(fillet, robot).reading(
        p.q, travel_sign=p.coaching.travel_sign).values()
    assert reading.gauge("along").value == pytest.approx(248.0, abs=1.0)


def test_view_without_helpers_draws_no_helper_lines(fillet, robot):
    from weldsim.pendant.view3d import View3D

    view = View3D(fillet, robot, (320, 240))
    surf = pygame.Surface((320, 240))
    view.draw(surf, fillet.home_q)
    assert view.helper_lines == [] and view.scale_ticks_mm == []
    assert COLORS["bg"]    # the palette the panel draws on


# -- the mode on the command line and into the scored weld ------------------------------------

def test_cli_exam_flag_opens_an_exam_pendant(tmp_path, monkeypatch):
    from weldsim.cli import main

    seen = {}
    real_open = Pendant.open.__func__

    def spy(cls, *args, **kwargs):
        p = real_open(cls, *args, **kwargs)
        seen[kwargs.get("exam")] = p.coaching.mode
        return p

    monkeypatch.setattr(Pendant, "open", classmethod(spy))
    for flag in ([], ["--exam"]):
        code = main(["pendant", "t-fillet-2f", "--lang", "en", "--frames", "1",
                     "--no-instructions", "--job", str(tmp_path / "a.job"),
                     "--recovery-dir", str(tmp_path / "rec"), *flag])
        assert code == 0
    assert seen == {False: "practice", True: "exam"}


def test_the_weld_carries_the_mode_to_run_exercise(monkeypatch, fillet, robot):
    import weldsim.exercise
    from weldsim.pendant import weld_runner

    calls = []

    def recording(scenario, job, *, data=None, robot=None, cell=None, mode=None):
        calls.append(mode)
        return "run"

    monkeypatch.setattr(weldsim.exercise, "run_exercise", recording)
    assert weld_runner.weld_and_score(fillet, "a.job", "JOB A\nEND\n", robot,
                                      mode="exam") == "run"
    welder = weld_runner.Welder(fillet, robot)
    try:
        assert welder.weld("a.job", "JOB A\nEND\n", "practice") == "run"
    finally:
        welder.close()
    assert calls == ["exam", "practice"]


def test_the_hint_is_coach_hint_and_renewed_sparingly_while_jogging(fillet, robot):
    """Standing still with a gauge out: the hint is ``Coach.hint`` at that pose in the jog
    frame. Jogging 1 s: renewed every 0.25 s of pendant time (or on a gauge's change of
    state), not at each of the 60 frames."""
    p = Pendant(fillet, robot, cell=False)
    _at(p, reference_poses(fillet)[3])
    p.q[4] += 0.1                                  # the torch tilted: gauges out
    p.servo_on()
    p.set_deadman(True)
    p.set_frame("USER1")
    hint = p.coaching.hint()
    reading = p.coaching.reading()
    assert any(g.state == "out" for g in reading.gauges)
    want = Coach(fillet, robot).hint(p.q, "USER1", reading=reading)
    assert hint is not None and hint.message == want.message and hint.axis == want.axis
    coach = p.coaching.coach()
    calls = []
    real = coach.hint
    coach.hint = lambda *a, **k: calls.append(1) or real(*a, **k)
    p.set_speed(1)
    p.jog_press(0, +1)
    states = set()
    for _ in range(60):
        p.tick(DT)
        p.coaching.hint()
        states.add(tuple(g.state for g in p.coaching.reading().gauges))
    p.jog_release()
    assert p.moving is False or p.jog_key is None
    assert 1 <= len(calls) <= 5 + len(states)
    n = len(calls)
    p.coaching.hint()                              # standing: the pose's own hint
    assert len(calls) == n + 1
