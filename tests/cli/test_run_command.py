"""``weldsim run`` and ``weldsim demo``: summary, JSON, report folder, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from weldsim.cli import main
from weldsim.scenarios.loader import load_scenario


def test_demo_prints_a_passing_summary(capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "t-fillet-2f" in out and "PASSED" in out and "score" in out


def test_run_json_to_stdout_is_only_json(capsys, tmp_path):
    job = load_scenario("lap-2f").reference_job
    assert main(["run", "lap-2f", str(job), "--json", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["scenario"]["id"] == "lap-2f" and data["passed"] is True


def test_failed_run_still_exits_0_and_names_faults(tmp_path, capsys):
    text = load_scenario("t-fillet-2f").reference_job.read_text(encoding="utf-8")
    job = tmp_path / "fast.job"
    job.write_text(text.replace("S=42cm/min", "S=84cm/min"), encoding="utf-8")
    out_json = tmp_path / "out" / "r.json"
    out_json.parent.mkdir()
    assert main(["run", "t-fillet-2f", str(job), "--json", str(out_json)]) == 0
    out = capsys.readouterr().out
    assert "FAILED" in out and "1. " in out and "fix:" in out
    assert json.loads(out_json.read_text(encoding="utf-8"))["passed"] is False


def test_invalid_job_exits_2_with_located_errors(tmp_path, capsys):
    job = tmp_path / "broken.job"
    job.write_text("JOB X\nMOVEQ P1\nEND\n", encoding="utf-8")
    assert main(["run", "t-fillet-2f", str(job)]) == 2
    err = capsys.readouterr().err
    assert f"{job}:2:1: error" in err and "Traceback" not in err


def test_unknown_scenario_and_missing_job_exit_2(tmp_path, capsys):
    assert main(["run", "nope", str(tmp_path / "x.job")]) == 2
    assert main(["run", "t-fillet-2f", str(tmp_path / "x.job")]) == 2
    err = capsys.readouterr().err
    assert "unknown scenario" in err


def test_report_folder(tmp_path):
    folder = tmp_path / "report"
    assert main(["demo", "--report", str(folder)]) == 0
    data = json.loads((folder / "t-fillet-2f.json").read_text(encoding="utf-8"))
    assert data["passed"] is True
    assert (folder / "t-fillet-2f.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_new_process_json_is_byte_identical(tmp_path):
    outs = []
    for k in range(2):
        path = tmp_path / f"r{k}.json"
        done = subprocess.run([sys.executable, "-m", "weldsim", "demo", "--json", str(path)],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert "pybullet build time" not in done.stderr
        outs.append(path.read_bytes())
    assert outs[0] == outs[1]
