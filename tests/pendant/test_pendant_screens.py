"""Screens of each mode, drawn headless (the pictures are kept for a person to look at), and
the placeholder while the 3D view is missing."""

from __future__ import annotations

import builtins

import numpy as np
import pygame
import pytest

from weldsim.pendant import Mode, Pendant
from weldsim.pendant.app import PendantApp
from weldsim.scenarios.loader import load_scenario


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("jog-basics")


def test_screens_of_each_mode(scenario, shots, tmp_path):
    p = Pendant(scenario, cell=False)
    steps = [{"screenshot": str(shots.path / "instructions-id.png")}, {"tap": "return"},
             {"tap": "f2"}, {"tap": "1"}, {"wait": 2},
             {"screenshot": str(shots.path / "teach-alarm-id.png")},
             {"tap": "l", "mod": "ctrl"}, {"tap": "r", "mod": "ctrl"},
             {"key": "space", "down": True}, {"tap": "f5"}, {"tap": "f11"},
             {"screenshot": str(shots.path / "weave-form-en.png")}, {"tap": "escape"},
             {"key": "space", "down": False}, {"tap": "f3"},
             {"screenshot": str(shots.path / "play-en.png")}]
    app = PendantApp(p, lang="id", script=steps)
    try:
        app.run()
        assert p.mode is Mode.PLAY and p.editor.instructions
    finally:
        app.close()
    for name in ("instructions-id", "teach-alarm-id", "weave-form-en", "play-en"):
        png = shots.path / f"{name}.png"
        assert pygame.image.load(str(png)).get_size() == (1280, 720)
        shots.keep(png)


def test_placeholder_until_the_3d_view_lands(scenario, shots, monkeypatch):
    real_import = builtins.__import__

    def no_view(name, *args, **kwargs):
        if name == "weldsim.pendant.view3d":
            raise ImportError("not yet")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_view)
    app = PendantApp(Pendant(scenario, cell=False), lang="en", show_instructions=False)
    try:
        assert app.view is None
        app.run(frames=1, screenshot=shots.path / "placeholder.png")
        r = app.layout.view
        # a plain panel: the view area is the placeholder colour apart from its label
        assert app.screen.get_at((r.left + 5, r.top + 5))[:3] == (22, 24, 30)
    finally:
        app.close()


def test_a_recorded_session_plays_back_the_same(scenario, tmp_path):
    record = tmp_path / "session.jsonl"
    p = Pendant(scenario, cell=False)
    app = PendantApp(p, lang="en", show_instructions=False, record=record)
    try:
        app._ready.wait(30)
        events = {2: [(pygame.KEYDOWN, pygame.K_F2)], 3: [(pygame.KEYDOWN, pygame.K_SPACE)],
                  4: [(pygame.KEYDOWN, pygame.K_TAB)], 5: [(pygame.KEYDOWN, pygame.K_3)],
                  40: [(pygame.KEYUP, pygame.K_3)], 41: [(pygame.KEYDOWN, pygame.K_F6)]}
        for frame in range(45):
            for kind, key in events.get(frame, []):
                pygame.event.post(pygame.event.Event(kind, key=key, mod=0, unicode=""))
            app.frame(1 / 60)
        q_live, text_live = p.q.copy(), p.editor.text
    finally:
        app.close()
    assert "MOVEL" in text_live
    from weldsim.pendant.script import read_script

    p2 = Pendant(scenario, cell=False)
    app2 = PendantApp(p2, lang="en", show_instructions=False, script=read_script(record))
    try:
        app2.run()
    finally:
        app2.close()
    assert np.allclose(p2.q, q_live) and p2.editor.text == text_live


CRASH = """JOB CRASH
FRAME USER1
P1 = X(-6.68, 74.82, 114.82, -180, 45.86, 104)
P2 = X(125, -40, 50, -180, 45.86, 104)
MOVEP P1 R=30%
MOVEL P2 S=100mm/s
END
"""


def test_collision_screen_and_the_mouse_jog_pad(shots):
    p = Pendant(load_scenario("t-fillet-2f"))
    p.load_text(CRASH, "crash.job")
    app = PendantApp(p, lang="en", show_instructions=False,
                     script=[{"tap": "f2"}, {"key": "space", "down": True}, {"warp": 10},
                             {"tap": "return"}, {"wait": "idle"},
                             {"screenshot": str(shots.path / "collision.png")}])
    try:
        app.run()
        line = p.editor.text.split("\n").index("MOVEL P2 S=100mm/s") + 1
        assert p.alarms[-1].key == "alarm.collision" and p.alarms[-1].line == line
        shots.keep(shots.path / "collision.png")
        # the jog pad: hold J1+ with the mouse, let go
        p.reset_alarms()
        p.set_frame("JOINT")
        rect = dict(app.layout.jog_rects)[(0, +1)]
        q0 = p.q[0]
        app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=rect.center, button=1))
        for _ in range(10):
            p.tick(1 / 60)
        app.handle(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=rect.center, button=1))
        moved = p.q[0] - q0
        p.tick(0.5)
        assert moved > 0 and p.q[0] - q0 == moved
    finally:
        app.close()


def test_quitting_with_unsaved_work_asks_first(scenario):
    p = Pendant(scenario, cell=False)
    app = PendantApp(p, lang="en", show_instructions=False)
    try:
        p.record("MOVEP")
        assert p.dirty
        app.handle(pygame.event.Event(pygame.QUIT))
        assert app.running and app.dialogs            # asked, not quit
        app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_n, mod=0, unicode="n"))
        assert app.running and not app.dialogs
        app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_q, mod=pygame.KMOD_CTRL,
                                      unicode=""))
        app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_y, mod=0, unicode="y"))
        assert not app.running
    finally:
        app.close()


def test_clicking_a_fix_on_the_score_screen_goes_to_its_line(shots):
    from weldsim.exercise import run_exercise
    from weldsim.pendant.overlays import ScoreScreen

    scenario = load_scenario("t-fillet-2f")
    text = scenario.reference_job.read_text(encoding="utf-8").replace("P4 = X(248,",
                                                                      "P4 = X(124,")
    p = Pendant(scenario, cell=False)
    p.load_text(text, "half.job")
    run = run_exercise(scenario, "half.job", data=p.editor.text.encode())
    fix = run.card.worst(3)[0]
    assert fix.line > 0
    app = PendantApp(p, lang="en", show_instructions=False, script=[])
    try:
        app.dialogs.append(ScoreScreen(run))
        app.draw()
        app.screenshot(shots.path / "score-faults.png")
        shots.keep(shots.path / "score-faults.png")
        line, row = app.dialogs[-1].fix_rows[0]
        app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=row.center, button=1))
        assert not app.dialogs
        assert p.editor.current_line == fix.line == line
    finally:
        app.close()
