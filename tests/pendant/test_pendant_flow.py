"""The controller's flow as on Daihen FD / Yaskawa pendants: Start from the cursor line with
no hidden move, step check finishing an interrupted line, an opened job at the top, Modify in
place, recording at the teach speed and editing it after, DELAY."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from weldsim.pendant import Mode, Pendant
from weldsim.pendant.state import STEP_JOINT_PCT
from weldsim.scenarios.loader import load_scenario

DT = 1.0 / 60.0


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("jog-basics")


@pytest.fixture
def p(scenario):
    pendant = Pendant(scenario, cell=False)
    yield pendant
    pendant.close()


def ready(p, frame="USER1", speed=2):
    p.servo_on()
    p.set_deadman(True)
    p.set_frame(frame)
    p.set_speed(speed)


def jog(p, axis, sign, frames=60):
    p.jog_press(axis, sign)
    for _ in range(frames):
        p.tick(DT)
    p.jog_release()


def settle(p, limit=100_000):
    for _ in range(limit):
        if not (p.moving or p.busy):
            return
        p.tick(DT)
    raise AssertionError("still moving")


def tcp_mm(p):
    return p.tcp_base()[:3, 3] * 1000.0


def three_points(p):
    ready(p)
    pts = []
    for axis in (0, 1, 2):
        jog(p, axis, +1)
        p.record("MOVEL", speed=200)
        pts.append(tcp_mm(p))
    return pts


def test_start_runs_from_the_cursor_line_with_no_hidden_move(p):
    pts = three_points(p)
    jog(p, 0, -1, 30)                      # stand somewhere that is no point of the job
    p.editor.set_cursor(1)                 # the cursor on the second move
    q_before = p.q.copy()
    p.set_mode(Mode.PLAY)
    p.servo_on()
    p.play()
    run = p.run
    assert run is not None and run.kind == "play"
    traj = run.trajectory
    assert np.allclose(traj.q[0], q_before)             # it starts where the robot stands
    lines = {int(v) for v in traj.line if v}
    assert min(lines) == p.editor.lines[1]              # first line: the cursor's move
    first = p.editor.lines[1]
    first_move = traj.line == first
    # the first move runs at the check speed (100 mm/s at most), the next at 200 mm/s
    tcp = np.array([p.robot.fk(q, tool=p.tool)[:3, 3] for q in traj.q]) * 1000.0
    speed = np.linalg.norm(np.diff(tcp, axis=0), axis=1) * traj.rate_hz
    assert speed[first_move[1:]].max() <= 100.0 + 1e-3
    assert speed[~first_move[1:]].max() > 150.0
    settle(p)
    assert np.allclose(tcp_mm(p), pts[2], atol=1e-3)
    assert p.messages[0].key == "info.play_done"


def test_an_opened_job_starts_at_the_top(tmp_path, scenario):
    job = tmp_path / "top.job"
    a = Pendant(scenario, cell=False, job_path=job)
    pts = three_points(a)
    a.save()
    b = Pendant.open("jog-basics", job, cell=False)
    assert b.editor.cursor == -1
    ready(b)
    b.step(+1)
    settle(b)
    assert b.editor.cursor == 0 and np.allclose(tcp_mm(b), pts[0], atol=1e-3)


def test_step_check_finishes_the_interrupted_line(p):
    pts = three_points(p)
    p.editor.set_cursor(-1)
    p.step(-1)   # nothing before the top: back home
    settle(p)
    p.step(+1)
    for _ in range(10):
        p.tick(DT)
    assert p.moving
    p.set_deadman(False)                   # interrupted on the way to line 1's point
    p.set_deadman(True)
    p.step(+1)                             # finishes that line, does not skip to the next
    settle(p)
    assert p.editor.cursor == 0 and np.allclose(tcp_mm(p), pts[0], atol=1e-3)
    p.step(+1)
    settle(p)
    assert p.editor.cursor == 1 and np.allclose(tcp_mm(p), pts[1], atol=1e-3)


def test_modify_re_teaches_in_place_and_keeps_the_number(p):
    three_points(p)
    p.editor.set_cursor(1)
    before = p.editor.text
    line_no = p.editor.lines[1]
    number = re.search(r"P(\d+)", before.splitlines()[line_no - 1]).group(1)
    jog(p, 2, -1, 20)
    p.modify()
    after = p.editor.text
    assert after.splitlines()[line_no - 1] == before.splitlines()[line_no - 1]  # same line
    assert f"P{number} =" in after and after != before
    assert p.editor.cursor == 1


def test_recording_takes_the_teach_speed_and_it_can_be_edited(p):
    ready(p)
    p.set_record_speed(movep_pct=35, linear=300, unit="cm/min")
    jog(p, 0, +1)
    p.record("MOVEP")
    jog(p, 1, +1)
    p.record("MOVEL")
    text = p.editor.text
    assert re.search(r"^MOVEP P1 R=35%", text, re.M), text
    assert re.search(r"^MOVEL P2 S=300cm/min", text, re.M), text
    p.set_line_speed(180)                    # edit it afterwards, in its own unit
    assert re.search(r"^MOVEL P2 S=180cm/min", p.editor.text, re.M)
    p.editor.set_cursor(0)
    p.set_line_speed(12)
    assert re.search(r"^MOVEP P1 R=12%", p.editor.text, re.M)
    p.set_line_speed(500)                    # outside 1-100 %: refused with the range
    assert p.alarms[-1].key == "alarm.out_of_range" and p.alarms[-1].args["hi"] == "100"
    p.reset_alarms()
    p.set_record_speed(linear=50, unit="mm/s")
    jog(p, 2, +1)
    p.editor.set_cursor(1)
    p.record("MOVEL")
    assert re.search(r"^MOVEL P3 S=50mm/s", p.editor.text, re.M)


def test_a_move_recorded_between_as_and_ae_welds_at_the_as_speed(p):
    ready(p)
    jog(p, 0, +1)
    p.record("MOVEL")
    p.insert_condition("AS", {})
    jog(p, 1, +1)
    p.record("MOVEL")
    assert re.search(r"^MOVEL P2$", p.editor.text, re.M), p.editor.text


def test_delay_can_be_inserted_and_its_range_is_checked(p):
    ready(p)
    jog(p, 0, +1)
    p.record("MOVEL")
    p.insert_delay(1.5)
    assert re.search(r"^DELAY 1\.5s", p.editor.text, re.M), p.editor.text
    p.insert_delay(601)
    assert p.alarms[-1].key == "alarm.out_of_range"


def test_step_check_caps_a_movep_at_the_check_speed(p):
    ready(p, "JOINT")
    jog(p, 0, +1, 120)
    p.record("MOVEP", speed=100)
    p.editor.set_cursor(-1)
    p.step(-1)
    settle(p)
    p.step(+1)
    traj = p.run.trajectory
    dq = np.abs(np.diff(traj.q, axis=0)).max(axis=0) * traj.rate_hz
    vmax = p.robot.spec.joints.max_speed_rad_s
    assert (dq <= vmax * STEP_JOINT_PCT / 100.0 + 1e-6).all()
    settle(p)
    assert math.isclose(p.editor.cursor, 0)
