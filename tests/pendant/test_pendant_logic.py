"""The pendant's logic without a window: deadman, jog speeds and alarms, editing with undo,
files, collisions, step check."""

from __future__ import annotations

import math

import numpy as np
import pytest

from weldsim.pendant import Mode, Pendant
from weldsim.pendant.editor import JobEditor
from weldsim.pendant.files import autosave, discard_recovery, find_recovery, save_text
from weldsim.pendant.state import SPEED_LEVELS
from weldsim.program import parse_job
from weldsim.scenarios.loader import load_scenario

DT = 1.0 / 60.0


@pytest.fixture(scope="module")
def jog_scenario():
    return load_scenario("jog-basics")


@pytest.fixture
def pendant(jog_scenario):
    p = Pendant(jog_scenario, cell=True)
    yield p
    p.close()


def ready(p: Pendant, frame="USER1", speed=2) -> Pendant:
    p.servo_on()
    p.set_deadman(True)
    p.set_frame(frame)
    p.set_speed(speed)
    return p


def tcp_mm(p):
    return p.tcp_base()[:3, 3] * 1000.0


def test_jog_without_deadman_does_nothing_but_show_a_hint(pendant):
    """As on a real pendant: no alarm, no RESET needed, only a hint (not repeated)."""
    pendant.servo_on()
    q0 = pendant.q.copy()
    for _ in range(5):
        pendant.jog_press(0, +1)
        pendant.tick(0.5)
        pendant.jog_release()
    assert not pendant.alarms
    assert np.array_equal(pendant.q, q0)
    assert pendant.messages[0].key == "hint.deadman" and pendant.messages[0].count == 5
    assert len(pendant.messages) == 1
    pendant.set_deadman(True)
    pendant.jog_press(0, +1)
    pendant.tick(0.1)
    assert not pendant.alarms and not np.array_equal(pendant.q, q0)


def test_refusals_while_an_alarm_is_active_do_not_flood_the_alarms(pendant):
    ready(pendant, "JOINT", speed=3)
    pendant.q[0] = pendant.robot.upper[0] - 1e-3
    pendant.jog_press(0, +1)
    pendant.tick(0.5)
    first = list(pendant.alarms)
    assert [a.key for a in first] == ["alarm.joint_limit"]
    for _ in range(10):
        pendant.jog_press(0, +1)
        pendant.step(+1)
        pendant.servo_on()
    assert list(pendant.alarms) == first            # the cause stays, alone, on top
    assert pendant.messages[0].key == "info.reset_first"
    assert len(pendant.messages) <= 2


def test_jog_needs_servo_and_teach_mode(pendant):
    pendant.set_deadman(True)
    pendant.jog_press(0, +1)
    assert pendant.alarms[-1].key == "alarm.servo_off"
    pendant.reset_alarms()
    pendant.set_mode(Mode.PLAY)
    pendant.servo_on()
    pendant.jog_press(0, +1)
    assert pendant.alarms[-1].key == "alarm.need_teach"


def test_continuous_jog_speed_is_exact(pendant):
    """MED is 50 mm/s: 2 s of +X in USER1 is 100 mm along the frame's X axis."""
    ready(pendant)
    p0 = tcp_mm(pendant)
    pendant.jog_press(0, +1)
    for _ in range(120):
        pendant.tick(DT)
    pendant.jog_release()
    pendant.tick(0.5)                    # released: no more motion
    d = tcp_mm(pendant) - p0
    x_user = pendant.user_frames["USER1"][:3, 0]
    assert np.allclose(d, 100.0 * x_user, atol=1e-6)


def test_inching_moves_one_step_per_press(pendant):
    ready(pendant, "BASE", speed=0)
    assert SPEED_LEVELS[0].inching
    p0 = tcp_mm(pendant)
    for _ in range(7):
        pendant.jog_press(2, -1)
        pendant.tick(0.3)                # holding an inching key adds nothing
        pendant.jog_release()
    assert np.allclose(tcp_mm(pendant) - p0, [0.0, 0.0, -0.7], atol=1e-6)
    pendant.set_frame("JOINT")
    q5 = pendant.q[4]
    pendant.jog_press(4, +1)
    assert math.degrees(pendant.q[4] - q5) == pytest.approx(0.01)


def test_joint_jog_stops_at_the_limit_with_an_alarm(pendant):
    ready(pendant, "JOINT", speed=3)
    pendant.jog_press(0, +1)
    for _ in range(60 * 20):
        pendant.tick(DT)
        if pendant.alarms:
            break
    assert pendant.alarms[-1].key == "alarm.joint_limit"
    args = pendant.alarms[-1].args
    assert args["joint"] == 1 and args["side"] == "+"
    assert args["limit"].value == pytest.approx(math.degrees(pendant.robot.upper[0]), abs=0.05)
    assert pendant.robot.within_limits(pendant.q)


def test_releasing_the_deadman_stops_a_jog_and_a_step_at_once(pendant):
    ready(pendant)
    pendant.jog_press(2, -1)
    pendant.tick(DT)
    pendant.set_deadman(False)
    q = pendant.q.copy()
    pendant.tick(0.5)
    assert np.array_equal(pendant.q, q) and not pendant.moving
    # a step check: teach a point far away, go home, step forward, release half way
    pendant.set_deadman(True)
    pendant.jog_press(1, +1)
    for _ in range(120):
        pendant.tick(DT)
    pendant.jog_release()
    pendant.record("MOVEL")
    pendant.step(-1)                     # back to home
    while pendant.moving:
        pendant.tick(DT)
    pendant.step(+1)
    for _ in range(20):
        pendant.tick(DT)
    assert pendant.moving
    pendant.set_deadman(False)
    q = pendant.q.copy()
    for _ in range(30):
        pendant.tick(DT)
    assert np.array_equal(pendant.q, q) and not pendant.moving
    assert pendant.messages[0].key == "info.stopped_deadman"


def test_step_check_goes_to_each_point_and_back(pendant):
    ready(pendant)
    home = tcp_mm(pendant)
    points = []
    for axis in (0, 1):
        pendant.jog_press(axis, +1)
        for _ in range(60):
            pendant.tick(DT)
        pendant.jog_release()
        pendant.record("MOVEL", speed=500)   # the check runs slower than this
        points.append(tcp_mm(pendant))
    pendant.step(-1)
    t = 0.0
    while pendant.moving:
        pendant.tick(DT)
        t += DT
    assert np.allclose(tcp_mm(pendant), points[0], atol=1e-3)
    assert t >= 50.0 / 100.0             # 50 mm at no more than 100 mm/s
    assert pendant.editor.cursor == 0
    pendant.step(-1)
    while pendant.moving:
        pendant.tick(DT)
    assert np.allclose(tcp_mm(pendant), home, atol=1e-3) and pendant.editor.cursor == -1
    for expected in points:
        pendant.step(+1)
        while pendant.moving:
            pendant.tick(DT)
        assert np.allclose(tcp_mm(pendant), expected, atol=1e-3)


CRASH = """JOB CRASH
ROBOT fd-b4
TOOL 1
FRAME USER1
P1 = X(-6.68, 74.82, 114.82, -180, 45.86, 104)
P2 = X(125, -40, 50, -180, 45.86, 104)
MOVEP P1 R=30%
MOVEL P2 S=100mm/s
END
"""


def test_a_collision_stops_the_robot_and_shows_the_line():
    p = Pendant(load_scenario("t-fillet-2f"))
    try:
        p.load_text(CRASH, "crash.job")
        p.servo_on()
        p.set_deadman(True)              # a TEACH-mode test run needs the deadman
        p.play()
        for _ in range(60 * 30):
            p.tick(DT)
            if not p.moving:
                break
        assert p.alarms and p.alarms[-1].key == "alarm.collision"
        assert p.alarms[-1].line == 8    # MOVEL P2
        assert p.cell.contacts_now()     # stopped where it touched
        q = p.q.copy()
        p.tick(1.0)
        assert np.array_equal(p.q, q)
    finally:
        p.close()


def test_edit_insert_delete_reorder_undo_redo(pendant):
    ready(pendant)
    pendant.record("MOVEP", speed=30)
    pendant.insert_condition("AS", {"current": 220, "voltage": 24, "weld_speed": 40})
    pendant.record("MOVEL")
    pendant.insert_condition("AE", {})
    ed = pendant.editor
    kinds = lambda: [type(i).__name__ for i in ed.instructions]  # noqa: E731
    assert kinds() == ["MoveP", "ArcStart", "MoveL", "ArcEnd"]
    text = ed.text
    assert "ASC 1 I=220A U=24V S=40cm/min" in text
    pendant.move_line(-1)                # AE above MOVEL: still valid text
    assert kinds() == ["MoveP", "ArcStart", "ArcEnd", "MoveL"]
    pendant.delete()                     # the moved line (AE) is current
    assert kinds() == ["MoveP", "ArcStart", "MoveL"]
    assert ed.diagnostics                # the arc is never ended: shown, not refused
    pendant.undo()
    pendant.undo()
    assert ed.text == text
    pendant.redo()
    assert kinds() == ["MoveP", "ArcStart", "ArcEnd", "MoveL"]
    assert ed.lines == [i.line for i in parse_job(ed.text).instructions]


def test_modify_re_teaches_the_current_point(pendant):
    ready(pendant)
    pendant.record("MOVEL")
    pendant.jog_press(2, +1)
    pendant.tick(0.2)
    pendant.jog_release()
    pendant.modify()
    program = pendant.editor.program()
    T = pendant.user_frames["USER1"] @ program.instructions[0].target.matrix()
    assert np.allclose(T[:3, 3] * 1000.0, tcp_mm(pendant), atol=2e-3)


def test_a_form_value_out_of_range_is_refused_with_its_range(pendant):
    pendant.insert_condition("AS", {"current": 500})
    alarm = pendant.alarms[-1]
    assert alarm.key == "alarm.out_of_range"
    assert alarm.args["hi"] == "350" and alarm.args["unit"] == "A"
    assert pendant.editor.instructions == ()


def test_a_job_with_errors_is_saved_but_not_run(pendant, tmp_path):
    bad = "JOB BAD\nMOVEL P7\nEND\n"
    pendant.load_text(bad, "bad.job")
    assert pendant.editor.diagnostics and pendant.editor.diagnostics[0].line == 2
    path = pendant.save(tmp_path / "bad.job")
    assert path.read_text(encoding="utf-8") == bad
    ready(pendant)
    pendant.play()
    assert pendant.alarms[-1].key == "alarm.job_errors" and pendant.alarms[-1].line == 2


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path):
    path = tmp_path / "a.job"
    save_text(path, "JOB A\nEND\n")
    save_text(path, "JOB B\nEND\n")
    assert path.read_text(encoding="utf-8") == "JOB B\nEND\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.job"]


def test_autosave_after_every_change_and_a_save_clears_it(jog_scenario, tmp_path):
    p = Pendant(jog_scenario, cell=False, recovery_dir=tmp_path / "rec",
                job_path=tmp_path / "j.job")
    ready(p)
    key = p.recovery_key()
    assert find_recovery(tmp_path / "rec", key) is None
    p.record("MOVEP")
    assert find_recovery(tmp_path / "rec", key) == p.editor.text
    assert p.dirty
    p.save()
    assert not p.dirty and find_recovery(tmp_path / "rec", key) is None
    autosave(tmp_path / "rec", key, "JOB X\nEND\n")
    discard_recovery(tmp_path / "rec", key)
    assert find_recovery(tmp_path / "rec", key) is None


def test_editor_round_trip_of_a_reference_job(jog_scenario):
    text = jog_scenario.reference_job.read_text(encoding="utf-8")
    ed = JobEditor.from_text(text, "ref.job")
    assert ed.editable and ed.program() == parse_job(text)


def test_movec_needs_a_via_point_and_weave_conditions_go_to_the_table(pendant):
    ready(pendant)
    pendant.record("MOVEP")
    pendant.record("MOVEC")
    assert pendant.alarms[-1].key == "alarm.no_via"
    pendant.reset_alarms()
    for axis, mark in ((0, True), (1, False)):
        pendant.jog_press(axis, +1)
        for _ in range(30):
            pendant.tick(DT)
        pendant.jog_release()
        if mark:
            pendant.mark_via()
    pendant.insert_condition("AS", {})
    pendant.insert_condition("WS", {"pattern": "TRIANGLE", "amplitude": 2.5, "frequency": 2})
    pendant.record("MOVEC")
    pendant.insert_condition("WE")
    pendant.insert_condition("AE", {})
    text = pendant.editor.text
    assert "WVC 1 PATTERN=TRIANGLE AMP=2.5mm FREQ=2Hz" in text
    assert "MOVEC P2 P3" in text and "WS 1" in text and "WE" in text
    assert not pendant.editor.diagnostics
