"""``weldsim check`` and ``weldsim plan``: located reports, exit codes, the CSV."""

from __future__ import annotations

import csv
import io
import math
import os
import subprocess
import sys

import numpy as np
import pytest

from weldsim.cli import main
from weldsim.cli.check import DEFAULT_HOME_DEG
from weldsim.cli.plan import CSV_COLUMNS, fixed_xyz_deg
from weldsim.kinematics import load_robot, matrix_to_rpy, rpy_to_matrix
from weldsim.motion import plan
from weldsim.program import load_job
from weldsim.scenarios.loader import bundled_scenario_ids, load_scenario

REFERENCE = [(sid, load_scenario(sid).reference_job) for sid in bundled_scenario_ids()]
REFERENCE = [(sid, job) for sid, job in REFERENCE if job is not None]

SYNTAX_ERROR = """\
JOB BAD
MOVX J(0, 0, 0, 0, -60, 0)
MOVEL J(0, 0, 0, 0, -60, 0) S=27V
END
"""

UNREACHABLE = """\
JOB FAR
MOVEP J(0, 10, 10, 0, -60, 0) R=50%
MOVEL X(3000, 0, 400, 180, 0, 180)
END
"""

WARNING_ONLY = """\
JOB NEAR_WRIST
MOVEP J(0, 20, 10, 0, -20, 0)
MOVEL J(0, 20, 10, 0, -3, 0) S=50mm/s
END
"""

USER_FRAME = """\
JOB IN_USER1
MOVEP J(0, 10, 10, 0, -60, 0)
FRAME USER1
MOVEL X(0, 0, 50, 180, 0, 90)
END
"""


def write(tmp_path, text: str | bytes, name: str = "job.job"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("scenario", "job"), REFERENCE, ids=[s for s, _ in REFERENCE])
def test_reference_jobs_check_clean(scenario, job, capsys):
    assert main(["check", str(job), "--scenario", scenario]) == 0
    out = capsys.readouterr().out
    robot = load_scenario(scenario).robot
    assert out.startswith(f"{job}: no problems (robot {robot}, tool 1, scenario {scenario}; "
                          "cycle time ")
    assert len(out.splitlines()) == 1


def test_there_are_reference_jobs():
    assert len(REFERENCE) >= 4


def test_syntax_error_is_located(tmp_path, capsys):
    path = write(tmp_path, SYNTAX_ERROR)
    assert main(["check", str(path)]) == 2
    out = capsys.readouterr().out
    assert f"{path}:2:1: error: unknown instruction 'MOVX'\nhint: did you mean MOVL?" in out
    assert f"{path}:3:33: error: wrong kind of unit for S:" in out
    assert out.rstrip().endswith(f"{path}: 2 errors")


def test_unreachable_position_is_a_located_error(tmp_path, capsys):
    path = write(tmp_path, UNREACHABLE)
    assert main(["check", str(path)]) == 2
    out = capsys.readouterr().out
    # the controller's alarm: located at line and column, with the fixes and the stop
    line = next(t for t in out.splitlines() if "reach" in t)
    assert line.startswith(f"{path}:3:1: error: the point (3000.0, 0.0, 400.0) mm in the base "
                           "frame is beyond the robot's reach (t = ")
    assert line.endswith(" s)")
    assert "hint: move the point (or the whole path) closer to the robot" in out
    assert "note: the robot stops here: the lines after it are not checked" in out


def test_joint_limit_is_an_error(tmp_path, capsys):
    path = write(tmp_path, "JOB LIM\nMOVEP J(0, 0, 0, 0, -140, 0)\nEND\n")
    assert main(["check", str(path)]) == 2
    assert f"{path}:2:1: error: J5 would need -140° (limit" in capsys.readouterr().out


def test_warnings_alone_exit_zero(tmp_path, capsys):
    path = write(tmp_path, WARNING_ONLY)
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}:3: warning: the move passes " in out and "singularity" in out
    assert "1 warning" in out and "error" not in out


@pytest.mark.parametrize("command", ["check", "plan"])
def test_missing_file(tmp_path, capsys, command):
    path = tmp_path / "nope.job"
    assert main([command, str(path)]) == 2
    captured = capsys.readouterr()
    assert f"{path}: cannot read the job" in captured.err
    assert "Traceback" not in captured.err + captured.out


@pytest.mark.parametrize("command", ["check", "plan"])
def test_binary_file(tmp_path, capsys, command):
    path = write(tmp_path, b"JOB A\n\x00\x01\x02\xff", "a.bin")
    assert main([command, str(path)]) == 2
    out = capsys.readouterr().out
    assert f"{path}:2:1: error: this is not a text file" in out


def test_folder_and_invalid_utf8(tmp_path, capsys):
    assert main(["check", str(tmp_path)]) == 2
    assert "cannot read the job" in capsys.readouterr().err
    path = write(tmp_path, b"JOB A\nREM caf\xe9\nEND\n")
    assert main(["check", str(path)]) == 2
    assert f"{path}:2:8: error: invalid UTF-8 (byte 0xE9)" in capsys.readouterr().out


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--scenario", "no-such-exercise", "unknown scenario 'no-such-exercise'"),
    ("--robot", "no-such-robot", "unknown robot 'no-such-robot'"),
])
def test_unknown_scenario_or_robot(tmp_path, capsys, option, value, message):
    path = write(tmp_path, WARNING_ONLY)
    assert main(["check", str(path), option, value]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_robot_and_scenario_exclude_each_other(tmp_path, capsys):
    path = write(tmp_path, WARNING_ONLY)
    assert main(["check", str(path), "--robot", "fd-b4", "--scenario", "t-fillet-2f"]) == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_job_robot_must_match_scenario(tmp_path, capsys):
    path = write(tmp_path, "JOB R\nROBOT ma1440\nTOOL 2\nMOVEP J(0, 0, 0, 0, -60, 0)\nEND\n")
    assert main(["check", str(path), "--scenario", "t-fillet-2f"]) == 2
    out = capsys.readouterr().out
    assert (f"{path}:2:1: error: the job is for robot 'ma1440', but the scenario t-fillet-2f "
            "uses 'fd-b4'\nhint: write ROBOT fd-b4") in out
    assert f"{path}:3:1: error: the job uses tool 2, but scenario t-fillet-2f mounts tool 1" in out


def test_job_robot_is_used_without_options(tmp_path, capsys):
    path = write(tmp_path, "JOB R\n  robot ma1440 ; the arm\nMOVEP J(0, 0, 0, 0, -60, 0)\nEND\n")
    assert main(["check", str(path)]) == 0
    assert "(robot ma1440, tool 1;" in capsys.readouterr().out
    assert main(["check", str(path), "--robot", "fd-b4"]) == 2
    assert f"{path}:2:3: error: the job is for robot 'ma1440', but --robot gives 'fd-b4'" in (
        capsys.readouterr().out)


def test_unknown_robot_or_tool_in_the_job(tmp_path, capsys):
    path = write(tmp_path, "JOB R\nROBOT FD-B4\nEND\n")
    assert main(["check", str(path)]) == 2
    assert (f"{path}:2:1: error: unknown robot 'FD-B4'\nhint: robot ids are case-sensitive: "
            "write ROBOT fd-b4") in capsys.readouterr().out
    path = write(tmp_path, "JOB T\nTOOL 7\nEND\n")
    assert main(["check", str(path)]) == 2
    assert f"{path}:2:1: error: robot fd-b4 has no tool 7" in capsys.readouterr().out


def test_user_frame_without_scenario(tmp_path, capsys):
    path = write(tmp_path, USER_FRAME)
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}:4: note: X(...) in USER1: needs --scenario to check reach" in out
    assert "reach not checked for 1 move: give --scenario" in out
    # the move before it is planned: its problems would be reported
    path = write(tmp_path, USER_FRAME.replace("-60, 0)", "-140, 0)"))
    assert main(["check", str(path)]) == 2
    assert f"{path}:2:1: error: J5 would need -140°" in capsys.readouterr().out
    # plan cannot leave part of the job out
    path = write(tmp_path, USER_FRAME)
    assert main(["plan", str(path)]) == 2
    out = capsys.readouterr().out
    assert f"{path}:4:1: error: X(...) is in USER1: planning needs --scenario" in out


def test_user_frame_inside_a_weld_is_not_cut(tmp_path, capsys):
    text = ("JOB W\nMOVEP J(0, 10, 10, 0, -60, 0)\nAS I=200A U=22V S=5mm/s\n"
            "MOVEL J(0, 12, 10, 0, -60, 0)\nMOVEL X(0, 0, 0, 180, 0, 0) ; in USER1\n"
            "AE I=150A U=20V T=0.2s\nEND\n").replace("MOVEL X", "FRAME USER1\nMOVEL X")
    path = write(tmp_path, text)
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}:3: note: not planned from here on: 2 moves" in out
    assert "reach not checked for 2 moves" in out


def test_planning_error_is_located(tmp_path, capsys):
    # a circle through three points on a line cannot be planned
    text = ("JOB C\nMOVEP J(0, 10, 10, 0, -60, 0)\n"
            "MOVEC J(0, 10, 10, 0, -60, 0) J(0, 10, 10, 0, -60, 0)\nEND\n")
    path = write(tmp_path, text)
    assert main(["check", str(path)]) == 2
    out = capsys.readouterr().out
    assert out.startswith(f"{path}:3: error: ")
    assert "Traceback" not in out


def test_plan_summary(tmp_path, capsys):
    sid, job = REFERENCE[0]
    assert main(["plan", str(job), "--scenario", sid]) == 0
    out = capsys.readouterr().out
    scenario = load_scenario(sid)
    traj = plan(load_job(job), load_robot(scenario.robot), home_q=scenario.home_q,
                user_frames=scenario.user_frames_base())
    assert f"cycle time   {traj.cycle_time_s:.3f} s" in out
    assert f"arc-on time  {traj.arc_on_time_s:.3f} s" in out
    assert f"path length  {traj.path_length_m * 1000:.1f} mm" in out
    assert f"samples      {len(traj)} at 250 Hz" in out
    assert "problems     no problems" in out


def test_plan_with_problems_exits_two(tmp_path, capsys):
    path = write(tmp_path, UNREACHABLE)
    assert main(["plan", str(path)]) == 2
    out = capsys.readouterr().out
    assert "problems     1 error" in out
    assert f"{path}:3:1: error: the point (3000.0, 0.0, 400.0) mm" in out


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_plan_csv(tmp_path, capsys):
    sid = "butt-1g-weave" if "butt-1g-weave" in dict(REFERENCE) else REFERENCE[0][0]
    job = dict(REFERENCE)[sid]
    out_csv = tmp_path / "trajectory.csv"
    assert main(["plan", str(job), "--scenario", sid, "--csv", str(out_csv),
                 "--rate", "125"]) == 0
    assert f"wrote {out_csv}" in capsys.readouterr().out
    scenario = load_scenario(sid)
    traj = plan(load_job(job), load_robot(scenario.robot), home_q=scenario.home_q,
                user_frames=scenario.user_frames_base(), rate_hz=125)
    rows = _rows(out_csv)
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) - 1 == len(traj)
    for i, row in ((0, rows[1]), (len(traj) - 1, rows[-1])):
        T = traj.T_base_tcp[i]
        expected = [traj.t[i], *np.degrees(traj.q[i]), *(T[:3, 3] * 1000),
                    *np.degrees(matrix_to_rpy(T[:3, :3]))]
        assert np.allclose([float(v) for v in row[:13]], expected, atol=2e-6)
        assert int(row[13]) == int(traj.arc_on[i]) and int(row[15]) == traj.line[i]
        phase = traj.weave_phase[i]
        if math.isnan(phase):
            assert row[14] == ""
        else:
            assert float(row[14]) == pytest.approx(phase)
    arc = [int(r[13]) for r in rows[1:]]
    assert arc == [int(v) for v in traj.arc_on]
    if sid == "butt-1g-weave":  # a woven job has weave phases somewhere
        assert any(r[14] for r in rows[1:])
    assert [p.name for p in tmp_path.iterdir()] == ["trajectory.csv"]  # no temp file left


def test_plan_csv_keeps_the_job_and_reports_unwritable(tmp_path, capsys):
    path = write(tmp_path, WARNING_ONLY)
    before = path.read_bytes()
    assert main(["plan", str(path), "--csv", str(path)]) == 2
    assert "refusing to overwrite the job" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert main(["plan", str(path), "--csv", str(tmp_path / "no" / "t.csv")]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["job.job"]


@pytest.mark.parametrize("rate", ["0", "-5", "nan", "5000"])
def test_plan_bad_rate(tmp_path, capsys, rate):
    path = write(tmp_path, WARNING_ONLY)
    assert main(["plan", str(path), "--rate", rate]) == 2
    assert "--rate must be from 1 to 1000 Hz" in capsys.readouterr().err


def test_fixed_xyz_deg_matches_the_job_convention():
    rng = np.random.default_rng(1)
    angles = rng.uniform([-180, -89, -180], [180, 89, 180], size=(50, 3))
    R = np.stack([rpy_to_matrix(*np.radians(a)) for a in angles])
    assert np.allclose(fixed_xyz_deg(R), angles)
    locked = rpy_to_matrix(0.0, np.pi / 2, 0.3)[None]
    assert np.allclose(fixed_xyz_deg(locked), np.degrees(matrix_to_rpy(locked[0])))


def test_default_home_is_documented():
    assert DEFAULT_HOME_DEG == (0.0, 0.0, 0.0, 0.0, -60.0, 0.0)


def test_python_dash_m_check(tmp_path):
    sid, job = REFERENCE[0]
    done = subprocess.run([sys.executable, "-m", "weldsim", "check", str(job), "--scenario", sid],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no problems" in done.stdout
    bad = write(tmp_path, SYNTAX_ERROR)
    done = subprocess.run([sys.executable, "-m", "weldsim", "check", str(bad)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2
    assert f"{bad}:2:1: error: unknown instruction" in done.stdout
    assert "Traceback" not in done.stderr


def test_csv_is_parseable_by_dictreader(tmp_path, capsys):
    path = write(tmp_path, WARNING_ONLY)
    out_csv = tmp_path / "w.csv"
    assert main(["plan", str(path), "--csv", str(out_csv)]) == 0
    capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"))))
    assert rows[0]["line"] == "0" and rows[-1]["line"] == "3"
    assert [float(rows[0][f"j{k}_deg"]) for k in range(1, 7)] == pytest.approx(
        list(DEFAULT_HOME_DEG))


def test_output_never_fails_on_the_console_encoding(tmp_path):
    path = write(tmp_path, "JOB A\nMOVEP J(0, 0, 0, 0, -60, 0) 中\nEND\n")
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    done = subprocess.run([sys.executable, "-m", "weldsim", "check", str(path)],
                          capture_output=True, timeout=300, env=env)
    assert done.returncode == 2, done.stderr
    assert b"unexpected character '\\u4e2d'" in done.stdout
    assert b"Traceback" not in done.stderr
