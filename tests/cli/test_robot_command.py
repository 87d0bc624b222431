"""``weldsim robot``: the summary, JSON output and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from weldsim.cli import main


def test_robot_summary(capsys):
    assert main(["robot", "fd-b4", "--samples", "2000"]) == 0
    out = capsys.readouterr().out
    assert "FD-B4-like" in out and "J6" in out and "swan-neck" in out
    assert "100.00 %" in out  # every original q found again


def test_robot_json(capsys):
    assert main(["robot", "ma1440", "--samples", "500", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == "ma1440"
    assert data["round_trip"]["max_position_error_m"] < 1e-9
    assert data["round_trip"]["original_found"] == 1.0
    assert len(data["joints"]) == 6 and data["tools"][0]["number"] == 1
    assert 0.3 < data["reach_torch_vertical"]["0.00"]["reachable"] < 0.9


def test_unknown_robot_is_a_user_error(capsys):
    assert main(["robot", "nope"]) == 2
    err = capsys.readouterr().err
    assert "unknown robot 'nope'" in err and "Traceback" not in err


def test_bad_argument_exit_code(capsys):
    assert main(["robot", "fd-b4", "--samples", "0"]) == 2


def test_python_dash_m_is_the_same():
    done = subprocess.run([sys.executable, "-m", "weldsim", "robot", "fd-b4", "--samples",
                           "100", "--json"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"] == "fd-b4"
    bad = subprocess.run([sys.executable, "-m", "weldsim", "frobnicate"], capture_output=True,
                         text=True, timeout=120)
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_main_returns_exit_codes_instead_of_raising(capsys):
    assert main(["--version"]) == 0
    assert "weldsim" in capsys.readouterr().out
    assert main(["robot", "--samples", "many"]) == 2
    assert "invalid int value" in capsys.readouterr().err
    assert main([]) == 2  # no command: the help, and a non-zero exit
