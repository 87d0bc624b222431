"""Every alarm kind of the simulated controller: it stops at the right line and time, with the
right message in both languages, and ``check``, ``run`` and ``grade`` agree on it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from weldsim.cli import main
from weldsim.controller import ALARM_KINDS, FIXES, execute
from weldsim.exercise import run_exercise
from weldsim.grading.worker import GradeOptions, grade_file
from weldsim.i18n import catalog, placeholders, render
from weldsim.jobs import prepare_job
from weldsim.kinematics import load_robot, matrix_to_rpy
from weldsim.motion import MotionLimits, plan
from weldsim.sim import Cell

DATA = Path(__file__).parent / "data"
RATE_HZ = 250.0


def _x(q_deg) -> str:
    """``X(...)`` in the base frame of fd-b4's tool 1 at joint angles ``q_deg``."""
    robot = load_robot("fd-b4")
    T = robot.fk(np.radians(q_deg), tool=1)
    v = list(T[:3, 3] * 1000.0) + list(np.degrees(matrix_to_rpy(T[:3, :3])))
    return "X(" + ", ".join(f"{c:.4f}" for c in v) + ")"


@dataclass(frozen=True)
class Case:
    kind: str
    scenario: str
    text: str
    line: int
    words: str  # in the English message
    no_collisions: bool = False  # play with the cell's collision check off


CASES = [
    Case("joint_limit", "t-fillet-2f", "JOB A\nTOOL 1\nMOVEP J(0, 0, 0, 0, -140, 0) R=30%\nEND\n",
         3, "J5 would need -140°"),
    Case("unreachable", "t-fillet-2f", "JOB A\nMOVEP X(3000, 0, 400, 180, 0, 0) R=30%\nEND\n",
         2, "beyond the robot's reach"),
    Case("jump", "lap-2f", (DATA / "ctwd_zero_lap.job").read_text(encoding="utf-8"), 18,
         "J6 jumps"),
    Case("config_change", "t-fillet-2f",
         f"JOB C\nMOVEP {_x([0, 20, 10, 0, -10, 0])} R=30%\n"
         f"MOVEL {_x([0, 20, 10, 0, 10, 0])} S=20mm/s\nEND\n",
         3, "changes from NUT to FUT inside MOVEL"),
    Case("collision", "t-fillet-2f",
         "JOB K\nTOOL 1\nFRAME USER1\nP1 = X(100, 60, 80, -180, 45.86, 104)\n"
         "P2 = X(100, 0, -30, -180, 45.86, 104)\nMOVEP P1 R=30%\nMOVEL P2 S=50mm/s\nEND\n",
         7, "the torch hits base plate"),
    Case("wire_touch", "t-fillet-2f",
         "JOB W\nTOOL 1\nFRAME USER1\nP1 = X(100, 60, 80, -180, 45.86, 104)\n"
         "P2 = X(100, 0, 0, -180, 45.86, 104)\nP3 = X(100, -30, -30, -180, 45.86, 104)\n"
         "MOVEP P1 R=30%\nMOVEL P2 S=50mm/s\nMOVEL P3 S=10mm/s\nEND\n",
         9, "the wire touches the work", no_collisions=True),
    Case("undefined_frame", "t-fillet-2f",
         "JOB K\nTOOL 1\nFRAME USER2\nP1 = X(100, 60, 80, -180, 45.86, 104)\nMOVEP P1 R=30%\n"
         "END\n", 5, "USER2 is not defined in this exercise"),
]


@pytest.fixture
def collisions_off(monkeypatch):
    """Play without the collision check: the nozzle reaches the work before the contact tip
    does, so only with it off can the wire-in-the-work alarm be met on its own."""
    monkeypatch.setattr(Cell, "contacts_now", lambda self: [])


def _setup(case: Case, request):
    if case.no_collisions:
        request.getfixturevalue("collisions_off")


def test_every_kind_has_a_case_and_fixes():
    assert {c.kind for c in CASES} | {"speed", "weave_speed"} == set(ALARM_KINDS)
    for kind in ALARM_KINDS:
        assert FIXES[kind], kind


def test_catalogue_has_every_key_in_both_languages_with_the_same_placeholders():
    en, id_ = catalog("en"), catalog("id")
    text = (Path(__file__).parents[2] / "weldsim/locale/en/LC_MESSAGES/alarms.po").read_text(
        encoding="utf-8")
    keys = [line.split('"')[1] for line in text.splitlines() if line.startswith('msgid "ctl.')]
    assert len(keys) > 40
    for key in keys:
        assert placeholders(en[key]) == placeholders(id_[key]), key
        same = ("ctl.check.at_time", "ctl.run.stopped", "ctl.check.context")
        assert en[key] != id_[key] or key in same, key


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_the_controller_stops_at_the_line_and_time(case, request):
    _setup(case, request)
    ctx = prepare_job(f"{case.kind}.job", case.scenario, data=case.text.encode())
    with Cell(ctx.scenario, ctx.robot) as cell:
        ex = execute(ctx, cell)
    alarm = ex.alarm
    assert alarm is not None and alarm.kind == case.kind
    assert alarm.line == case.line and alarm.column == 1
    # the robot stops on the sample before the first one it cannot execute (on the touching
    # one for a collision: the touch trips the sensor, and the report lists it)
    executed = alarm.sample + 1 if case.kind == "collision" else max(alarm.sample, 1)
    assert len(ex.trajectory) == executed == len(ex.trace)
    assert len(ex.trace.contacts) == (case.kind == "collision")
    assert alarm.time_s == pytest.approx(alarm.sample / RATE_HZ, abs=1e-9)
    assert ex.trajectory.line[-1] in (alarm.line, *range(alarm.line))
    en, id_ = render(alarm.message, "en"), render(alarm.message, "id")
    assert case.words in en
    assert en != id_ and "{" not in id_
    assert render(alarm.headline, "en").startswith(f"the robot stopped at line {case.line}: ")
    assert render(alarm.headline, "id").startswith(f"robot berhenti di baris {case.line}: ")
    assert alarm.fixes == FIXES[case.kind]


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_check_run_and_grade_agree(case, request, tmp_path, capsys):
    _setup(case, request)
    path = tmp_path / f"{case.kind}.job"
    path.write_text(case.text, encoding="utf-8")
    # check: an error at the line and column, with the fixes, in either language
    assert main(["check", str(path), "--scenario", case.scenario]) == 2
    out = capsys.readouterr().out
    assert f"{path}:{case.line}:1: error: " in out and case.words in out
    assert "hint: " in out and "Traceback" not in out
    assert main(["check", str(path), "--scenario", case.scenario, "--lang", "id"]) == 2
    out_id = capsys.readouterr().out
    assert f"{path}:{case.line}:1: kesalahan: " in out_id and "petunjuk: " in out_id
    # run: graded (exit 0), failed, the stop first
    run = run_exercise(case.scenario, path)
    assert run.alarm is not None and run.alarm.kind == case.kind and run.alarm.line == case.line
    assert not run.card.passed
    first = run.card.findings[0]
    assert first.name == "stopped" and first.line == case.line
    assert first.what == run.alarm.headline  # the finding carries the alarm's own message
    assert main(["run", case.scenario, str(path), "--json", str(tmp_path / "r.json")]) == 0
    out = capsys.readouterr().out
    assert f"ALARM: the robot stopped at line {case.line}: " in out
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["passed"] is False
    # grade: graded, failed, the stop is the first of the worst findings
    row = grade_file(case.scenario, str(path), str(tmp_path),
                     GradeOptions(folder=str(tmp_path), write_report=False))
    assert row["status"] == "graded" and row["passed"] is False
    assert f"line {case.line}" in row["worst"][0] and "stopped" in row["worst"][0]


def test_speed_alarm_when_slowing_is_not_allowed():
    # passing 0.1 deg from the wrist singularity: J4 must turn fast; with the planner not
    # allowed to slow the move (max_slowdown 1), it is a speed alarm at the first fast sample
    text = (f"JOB S\nMOVEP {_x([0, 20, 10, 3, -10, -3])} R=30%\n"
            f"MOVEL {_x([0, 20, 10, 3, 10, -3])} S=1000mm/s\nEND\n")
    ctx = prepare_job("s.job", data=text.encode())
    traj = plan(ctx.program, ctx.robot, home_q=ctx.home_q, until_alarm=True,
                limits=MotionLimits(max_slowdown=1.0))
    alarm = traj.first_alarm
    assert alarm.kind == "speed_limit" and alarm.line == 3 and alarm.is_alarm
    assert alarm.message.key == "ctl.speed"
    q = np.asarray(traj.q)
    speed = np.abs(np.diff(q, axis=0)) * RATE_HZ / ctx.robot.spec.joints.max_speed_rad_s
    first_fast = int(np.argmax(speed.max(axis=1) > 1.0 + 1e-9)) + 1
    assert alarm.sample == first_fast
    assert "of its maximum speed, even with the move slowed 1 times" in render(alarm.message,
                                                                                 "en")


def test_a_slowed_move_is_a_warning_that_says_by_how_much(tmp_path, capsys):
    # a fast line past the base: J1 would need 315 % of its speed; the planner slows the
    # move 3.2 times (as a controller does) and says so; the robot does not stop
    text = ("JOB S\nMOVEP X(400, -150, 600, 180, 0, 0) R=30%\n"
            "MOVEL X(400, 150, 600, 180, 0, 0) S=1000mm/s\nEND\n")
    ctx = prepare_job("s.job", data=text.encode())
    ex = execute(ctx)
    assert ex.alarm is None
    slowed = [w for w in ex.warnings if w.kind == "speed_limit"]
    assert slowed and slowed[0].message.key == "ctl.slowed"
    factor = slowed[0].message.args["factor"].value
    assert 1.0 < factor <= 10.0
    # the move really takes longer by that factor (within a sample or two of rounding)
    before = slowed[0].message.args["before"].value
    after = slowed[0].message.args["after"].value
    assert after == pytest.approx(before * factor, abs=3 / RATE_HZ + 0.02 * after)
    path = tmp_path / "s.job"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    assert "the move is slowed" in capsys.readouterr().out


def test_a_slowed_weld_move_really_travels_slower():
    # inside a weld the same fast line keeps its path but not its speed: the samples the weld
    # model gets (TCP positions on the sample grid) travel at the slowed speed
    text = ("JOB S\nASC 1 I=200A U=22V S=60cm/min GAS=MAG FLOW=15\nAEC 1 I=150A U=20V T=0.2s\n"
            "MOVEP X(400, -150, 600, 180, 0, 0) R=30%\nAS 1\n"
            "MOVEL X(400, 150, 600, 180, 0, 0) S=1000mm/s\nAE 1\nEND\n")
    ex = execute(prepare_job("s.job", data=text.encode()))
    assert ex.alarm is None
    slowed = next(w for w in ex.warnings if w.kind == "speed_limit")
    factor = slowed.message.args["factor"].value
    traj = ex.trajectory
    weld = np.flatnonzero(np.asarray(traj.weld_condition) >= 0)
    p = np.asarray(traj.T_base_tcp)[weld, :3, 3]
    speed = np.linalg.norm(np.diff(p, axis=0), axis=1) * RATE_HZ
    # the nominal profile peaks at sqrt(L a) = sqrt(0.3 m * 1 m/s^2) (it never cruises);
    # slowed by the factor in time, every speed is divided by it
    assert speed.max() == pytest.approx(np.sqrt(0.3 * 1.0) / factor, rel=0.03)  # m/s
