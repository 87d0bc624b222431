"""The window: never frozen (planning, welding and scoring off its thread; input before the
kernels load waits, never dropped), readable (a font whose "i" is not "l", layouts at
1366x700, 1280x720 and 1024x600 in both languages), forms at the exercise's WPS, Ctrl+L on
every screen and remembered, the last score reopened, ``--record`` storing time."""

from __future__ import annotations

import threading
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pygame
import pytest

from weldsim.i18n import saved_lang
from weldsim.pendant import Mode, Pendant, files
from weldsim.pendant.app import PendantApp
from weldsim.pendant.draw import FONT_DIR, Fonts
from weldsim.pendant.forms import delay_fields, speed_fields
from weldsim.pendant.overlays import (
    ConfirmDialog,
    FormDialog,
    InstructionsScreen,
    RecoveryDialog,
    ScoreScreen,
)
from weldsim.pendant.script import read_script
from weldsim.scenarios.loader import load_scenario

DT = 1.0 / 60.0
SIZES = ((1366, 700), (1280, 720), (1024, 600))


@pytest.fixture(scope="module")
def fillet():
    return load_scenario("t-fillet-2f")


@pytest.fixture(scope="module")
def jog_scenario():
    return load_scenario("jog-basics")


def key(k, mod=0):
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="")


# -- never frozen ------------------------------------------------------------------------------


def test_start_returns_at_once_and_the_plan_arrives_later(jog_scenario, monkeypatch):
    import weldsim.motion

    gate = threading.Event()
    real_plan = weldsim.motion.plan

    def slow_plan(*a, **k):
        gate.wait(60)
        return real_plan(*a, **k)

    p = Pendant(jog_scenario, cell=False, background=True)
    try:
        p.load_text(jog_scenario.reference_job.read_text(encoding="utf-8"), "ref.job")
        p.set_mode(Mode.PLAY)
        p.servo_on()
        monkeypatch.setattr(weldsim.motion, "plan", slow_plan)
        p.play()                                   # returns while the plan is blocked
        assert p.busy and p.progress == "info.planning" and p.run is None
        for _ in range(30):                        # the window keeps ticking meanwhile
            p.tick(DT)
        assert p.run is None and p.busy
        gate.set()
        p.worker.wait(120)
        p.tick(DT)
        assert not p.alarms, p.alarms
        assert p.run is not None and p.run.kind == "play" and not p.busy
    finally:
        gate.set()
        p.close()


def test_the_weld_is_scored_in_the_background_and_shown_when_both_end(fillet, monkeypatch):
    from weldsim.pendant.weld_runner import Welder

    gate = threading.Event()
    card = SimpleNamespace(score=88.0, passed=True)

    modes = []

    def fake_weld(self, name, text, mode=None):
        modes.append(mode)            # the pendant's coaching mode goes with the weld
        gate.wait(60)
        return SimpleNamespace(card=card, trajectory=SimpleNamespace(problems=()))

    monkeypatch.setattr(Welder, "weld", fake_weld)
    p = Pendant(fillet, cell=False, background=True)
    try:
        p.load_text(fillet.reference_job.read_text(encoding="utf-8"), "ref.job")
        p.set_mode(Mode.PLAY)
        p.servo_on()
        p.set_weld(True)
        p.set_override(100)
        p.play()
        for _ in range(1_000_000):
            p.tick(0.5)
            if p.progress == "info.scoring":
                break
        assert p.progress == "info.scoring" and p.last_run is None    # motion done, waiting
        p.play()                                  # refused with a hint while it scores
        assert p.messages[0].key == "hint.busy"
        p.set_mode(Mode.TEACH)                    # turning the key does not lose the score
        gate.set()
        p.worker.wait(60)
        p.tick(DT)
        assert p.last_run is not None and p.last_run.card is card
        assert p.messages[0].key == "info.weld_done"
        assert modes == ["practice"]
    finally:
        gate.set()
        p.close()


def test_an_alarm_of_the_run_stops_the_robot_with_its_line(fillet, monkeypatch):
    from weldsim.pendant.weld_runner import Welder

    stop = SimpleNamespace(line=7, message="collision of the torch with the plate")
    monkeypatch.setattr(Welder, "weld", lambda *a, **k: SimpleNamespace(
        card=None, alarm=stop, trajectory=SimpleNamespace(problems=())))
    p = Pendant(fillet, cell=False)
    p.load_text(fillet.reference_job.read_text(encoding="utf-8"), "ref.job")
    p.set_mode(Mode.PLAY)
    p.servo_on()
    p.set_weld(True)
    p.play()
    assert p.alarms and p.alarms[0].key == "alarm.controller" and p.alarms[0].line == 7
    assert not p.moving and p.last_run is None


def test_input_before_the_kernels_load_waits_and_is_not_dropped(jog_scenario, monkeypatch):
    gate = threading.Event()
    real_warm = PendantApp._warm_up

    def slow_warm(self):
        gate.wait(60)
        real_warm(self)

    monkeypatch.setattr(PendantApp, "_warm_up", slow_warm)
    p = Pendant(jog_scenario, cell=False)
    app = PendantApp(p, lang="en", show_instructions=False)
    try:
        assert not app.ready
        q0 = p.q.copy()
        for name, arg in (("servo_on", None), ("deadman_on", None), ("frame", "JOINT"),
                          ("speed", 0), ("jog", (0, 1)), ("jog_release", None),
                          ("jog", (0, 1)), ("jog_release", None)):
            app.do(name, arg)
        app.frame(DT)
        assert np.array_equal(p.q, q0) and len(app._deferred) == 8   # waiting, in order
        gate.set()
        app._ready.wait(60)
        app.frame(DT)
        assert not app._deferred
        assert np.degrees(p.q[0] - q0[0]) == pytest.approx(0.02)     # both presses count
    finally:
        gate.set()
        app.close()


def test_a_key_held_while_loading_keeps_its_time_and_order(jog_scenario, monkeypatch,
                                                           tmp_path):
    """J1+ held 1 s at MED (10 deg/s) before the kernels load jogs 10 deg once they have;
    the point recorded and the save pressed after it happen after it, in that order."""
    gate = threading.Event()
    real_warm = PendantApp._warm_up

    def slow_warm(self):
        gate.wait(60)
        real_warm(self)

    monkeypatch.setattr(PendantApp, "_warm_up", slow_warm)
    job = tmp_path / "held.job"
    p = Pendant(jog_scenario, cell=False, job_path=job)
    app = PendantApp(p, lang="en", show_instructions=False)
    try:
        q0 = p.q[0]
        for name, arg in (("servo_on", None), ("deadman_on", None), ("frame", "JOINT"),
                          ("speed", 2), ("jog", (0, 1))):
            app.do(name, arg)
        app.frame(0.4)
        app.frame(0.6)                          # held for 1 s while loading
        for name in ("jog_release", "movep", "save"):
            app.do(name)
        app.frame(DT)
        assert p.q[0] == q0 and not job.exists()
        gate.set()
        app._ready.wait(60)
        for _ in range(600):
            app.frame(DT)
            if not app._deferred:
                break
        app.frame(DT)
        assert np.degrees(p.q[0] - q0) == pytest.approx(10.0, abs=0.2)
        assert "MOVEP P1" in job.read_text(encoding="utf-8")      # saved after the record
    finally:
        gate.set()
        app.close()


# -- readable ----------------------------------------------------------------------------------


def test_the_shipped_font_draws_i_and_l_apart():
    pygame.font.init()
    assert (FONT_DIR / "DejaVuSans.ttf").is_file()
    assert (FONT_DIR / "LICENSE-DejaVu.txt").is_file()
    fonts = Fonts()
    for font in (fonts.small, fonts.normal, fonts.mono):
        a = pygame.surfarray.array2d(font.render("i", True, (255, 255, 255), (0, 0, 0)))
        b = pygame.surfarray.array2d(font.render("l", True, (255, 255, 255), (0, 0, 0)))
        assert a.shape != b.shape or not np.array_equal(a, b)


def _fake_run(scenario):
    crit = SimpleNamespace(score=75.0, weight=20.0)
    finding = SimpleNamespace(line=12, what="aim 2.1 mm off the joint line",
                              fix="re-teach P3 1.5 mm towards the web")
    card = SimpleNamespace(score=72.4, passed=True, iso5817_level="C",
                           criteria={n: crit for n in ("aim", "ctwd", "travel_speed",
                                                       "work_angle", "travel_angle", "bead",
                                                       "setup", "cycle_time")},
                           gates=(), findings=(finding,),
                           worst=lambda n: (finding, finding, finding)[:n])
    return SimpleNamespace(card=card, metrics=None, scenario=scenario)


def _inside(rect, size):
    return rect.left >= 0 and rect.top >= 0 and rect.right <= size[0] and \
        rect.bottom <= size[1]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_fits_the_window(fillet, shots, size, lang):
    """Screenshots of each screen at the three sizes in both languages (kept for a person to
    look at), and the layout's parts inside the window without overlapping."""
    p = Pendant(fillet, cell=False)
    p.load_text(fillet.reference_job.read_text(encoding="utf-8"), "ref.job")
    p.editor.set_cursor(4)
    p.alarm("alarm.joint_limit", line=12, joint=6, side="+",
            limit=__import__("weldsim.i18n").i18n.Qty(205.0, "deg", 1),
            value=__import__("weldsim.i18n").i18n.Qty(205.3, "deg", 1))
    p.note("hint.deadman")
    app = PendantApp(p, lang=lang, size=size, show_instructions=False, script=[])
    try:
        lay = app.layout
        assert app.screen.get_size() == size
        for rect in (lay.view, lay.alarms, lay.readout, lay.coach, lay.job, lay.keys):
            assert _inside(rect, size), rect
        # the technique panel (practice, a seam) between the readout and the job, which
        # keeps room for at least four lines
        assert lay.coach.height > 0 and lay.readout.bottom == lay.coach.top
        assert lay.coach.bottom == lay.job.top and lay.job.height >= 28 + 4 * lay.job_line_h
        rects = [r for _, r in lay.key_rects]
        assert all(_inside(r, size) for r in rects)
        assert not any(a.colliderect(b) for i, a in enumerate(rects) for b in rects[i + 1:])
        assert not lay.alarm_list.colliderect(lay.jog_rects[0][1])
        offer = files.RecoveryOffer("JOB A\nEND\n", 1.7e9, "JOB A\nMOVEL P1\nEND\n", 1.6e9,
                                    "autosave")
        screens = {
            "main": [],
            "instructions": [InstructionsScreen(fillet)],
            "form-as": [FormDialog("AS", values=__import__(
                "weldsim.pendant.forms").pendant.forms.wps_values("AS", fillet),
                windows=__import__("weldsim.pendant.forms").pendant.forms.wps_windows(
                    "AS", fillet))],
            "recovery": [RecoveryDialog(offer)],
            "score": [ScoreScreen(_fake_run(fillet))],
            "form-speed": [FormDialog("SPEED", speed_fields("cm/min"),
                                      {"movep_pct": 20.0, "linear": 300.0, "unit": "cm/min"})],
            "form-delay": [FormDialog("DELAY", delay_fields(), {"seconds": 0.5})],
            "disk-changed": [ConfirmDialog("ui.disk_changed", ("save", "force"), None,
                                           "/home/siswa/T_FILLET_2F.job")],
        }
        for name, dialogs in screens.items():
            app.dialogs = list(dialogs)
            app.draw()
            png = shots.path / f"screen-{name}-{size[0]}x{size[1]}-{lang}.png"
            app.screenshot(png)
            shots.keep(png)
            if name == "score":
                d = app.dialogs[0]
                assert _inside(d.close_rect, size)
                assert all(_inside(r, size) for _, r in d.fix_rows)
    finally:
        app.close()


def test_the_window_can_be_resized(jog_scenario):
    p = Pendant(jog_scenario, cell=False)
    app = PendantApp(p, lang="en", show_instructions=False, script=[])
    try:
        pygame.display.set_mode((1024, 600), pygame.RESIZABLE)
        app.handle(pygame.event.Event(pygame.VIDEORESIZE, size=(1024, 600), w=1024, h=600))
        assert app.layout.size == (1024, 600)
        app.frame(DT)
        assert app.screen.get_size() == (1024, 600)
    finally:
        app.close()


# -- forms, language, score --------------------------------------------------------------------


def test_the_as_form_opens_at_the_wps_and_shows_its_window(fillet):
    p = Pendant(fillet, cell=False)
    app = PendantApp(p, lang="en", show_instructions=False, script=[])
    try:
        app.do("form_AS")
        form = app.dialogs[-1]
        wps = fillet.wps
        assert form.values["current"] == wps.current_a.nominal
        assert form.values["voltage"] == wps.voltage_v.nominal
        assert form.values["weld_speed"] == pytest.approx(wps.speed_mm_s.nominal * 6.0)
        assert form.windows["current"] == (wps.current_a.min, wps.current_a.max)
        app.handle(key(pygame.K_RETURN))
        assert "I=270A U=28V S=42cm/min" in p.editor.text
    finally:
        app.close()


def test_ctrl_l_works_on_every_screen_and_is_remembered(fillet):
    p = Pendant(fillet, cell=False)
    app = PendantApp(p, lang="en", show_instructions=True, script=[])
    try:
        dialogs = [InstructionsScreen(fillet), FormDialog("AE"),
                   ScoreScreen(_fake_run(fillet)), RecoveryDialog(files.RecoveryOffer(
                       "JOB A\nEND\n", 1.7e9, None, None, "autosave"))]
        lang = app.tr.lang
        for d in dialogs:
            app.dialogs = [d]
            app.handle(key(pygame.K_l, pygame.KMOD_CTRL))
            assert app.tr.lang != lang and app.dialogs == [d]      # switched, still open
            lang = app.tr.lang
            assert saved_lang() == lang                            # remembered
        app.dialogs = []
        app.handle(key(pygame.K_l, pygame.KMOD_CTRL))
        assert app.tr.lang != lang and saved_lang() == app.tr.lang
    finally:
        app.close()


def test_the_last_score_screen_can_be_reopened(fillet):
    p = Pendant(fillet, cell=False)
    app = PendantApp(p, lang="en", show_instructions=False, script=[])
    try:
        app.do("score")
        assert not app.dialogs and p.messages[0].key == "info.no_score"
        p.last_run = _fake_run(fillet)
        app.frame(DT)
        assert isinstance(app.dialogs[-1], ScoreScreen)
        app.handle(key(pygame.K_ESCAPE))
        assert not app.dialogs
        app.handle(key(pygame.K_g, pygame.KMOD_CTRL))
        assert isinstance(app.dialogs[-1], ScoreScreen)
        app.handle(key(pygame.K_g, pygame.KMOD_CTRL))
        assert len(app.dialogs) == 1
    finally:
        app.close()


# -- --record stores time ----------------------------------------------------------------------


def test_a_recording_stores_time_so_a_replay_moves_the_same_distance(jog_scenario,
                                                                      tmp_path: Path):
    """Live frames of uneven length (a busy laptop): the replay's J1 is the live one."""
    record = tmp_path / "live.jsonl"
    p = Pendant(jog_scenario, cell=False)
    app = PendantApp(p, lang="en", show_instructions=False, record=record)
    dts = [0.011, 0.034, 0.05, 0.017, 0.09, 0.003, 0.026]
    try:
        app._ready.wait(60)
        events = {1: [(pygame.KEYDOWN, pygame.K_F2)], 2: [(pygame.KEYDOWN, pygame.K_SPACE)],
                  3: [(pygame.KEYDOWN, pygame.K_1)], 40: [(pygame.KEYUP, pygame.K_1)],
                  41: [(pygame.KEYDOWN, pygame.K_F5)]}
        for frame in range(45):
            for kind, k in events.get(frame, []):
                pygame.event.post(pygame.event.Event(kind, key=k, mod=0, unicode=""))
            app.frame(dts[frame % len(dts)])
        q_live, text_live = p.q.copy(), p.editor.text
    finally:
        app.close()
    assert np.degrees(q_live[0] - jog_scenario.home_q[0]) > 5.0
    steps = read_script(record)
    assert any("time" in s for s in steps) and not any("wait" in s for s in steps)
    p2 = Pendant(jog_scenario, cell=False)
    app2 = PendantApp(p2, lang="en", show_instructions=False, script=steps)
    try:
        app2.run()
    finally:
        app2.close()
    assert np.allclose(p2.q, q_live, atol=1e-9) and p2.editor.text == text_live


def test_the_alarm_list_scrolls_with_the_wheel_and_keys(fillet):
    from weldsim.pendant.state import Alarm

    p = Pendant(fillet, cell=False)
    app = PendantApp(p, lang="en", show_instructions=False, script=[])
    try:
        for k in range(12):
            p.alarms.raise_(Alarm("alarm.out_of_range", {"field": f"f{k}", "value": k,
                                                         "lo": 0, "hi": 1, "unit": "A"}))
        app.draw()
        assert app.layout.alarm_scroll == 0                   # the first alarm on top
        app.handle(key(pygame.K_DOWN, pygame.KMOD_CTRL))
        app.handle(key(pygame.K_DOWN, pygame.KMOD_CTRL))
        app.draw()
        assert app.layout.alarm_scroll == 2
        pygame.mouse.set_pos(app.layout.alarm_list.center)
        app.handle(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1,
                                      pos=app.layout.alarm_list.center))
        app.draw()
        assert app.layout.alarm_scroll == 1
        for _ in range(50):
            app.handle(key(pygame.K_DOWN, pygame.KMOD_CTRL))
        app.draw()
        assert 0 < app.layout.alarm_scroll < len(p.alarms)     # clamped to the last rows
    finally:
        app.close()
