"""The execution model: internal failures are never the trainee's mistake; a reused cell gives
the same results as a fresh one; the weld model sees only the motion the robot made."""

from __future__ import annotations

import numpy as np
import pytest

from weldsim.cli import main
from weldsim.exercise import InternalError, run_exercise
from weldsim.report import report_json
from weldsim.scenarios.loader import bundled_scenario_ids, load_scenario
from weldsim.sim import Cell
from weldsim.weld import WeldInputError


def test_an_internal_failure_exits_one_with_how_to_report(monkeypatch, tmp_path, capsys):
    import weldsim.exercise as exercise

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(exercise, "execute", broken)
    s = load_scenario("t-fillet-2f")
    assert main(["run", s.id, str(s.reference_job)]) == 1
    err = capsys.readouterr().err
    assert "internal error (a bug in weldsim, not a mistake in your input)" in err
    assert "please report it" in err and "ZeroDivisionError: a bug" in err


def test_the_weld_model_refusing_the_motion_is_an_internal_error(monkeypatch, capsys):
    import weldsim.exercise as exercise

    def refuse(*args, **kwargs):
        raise WeldInputError("WeldSamples.ctwd_mm[0] is 0.0: must be > 0")

    monkeypatch.setattr(exercise, "weld_seam", refuse)
    s = load_scenario("t-fillet-2f")
    with pytest.raises(InternalError):
        run_exercise(s, s.reference_job)
    assert main(["run", s.id, str(s.reference_job), "--lang", "id"]) == 1
    assert "kesalahan internal" in capsys.readouterr().err


@pytest.mark.parametrize("sid", bundled_scenario_ids())
def test_a_reused_cell_gives_the_same_results_as_a_fresh_one(sid):
    s = load_scenario(sid)
    fresh = report_json(run_exercise(s, s.reference_job))
    other = "JOB A\nTOOL 1\nMOVEP J(0, 0, 0, 0, -140, 0) R=30%\nEND\n"  # stops: joint limit
    with Cell(s) as cell:
        first = report_json(run_exercise(s, s.reference_job, cell=cell))
        run_exercise(s, "other.job", data=other.encode(), cell=cell)  # leaves the arm elsewhere
        cell.set_q(np.asarray(s.home_q) + 0.3)
        again = report_json(run_exercise(s, s.reference_job, cell=cell))
    assert fresh == first == again


def test_a_cell_of_another_scenario_is_refused():
    from weldsim.errors import WeldsimError

    a, b = load_scenario("t-fillet-2f"), load_scenario("lap-2f")
    with Cell(b) as cell, pytest.raises(WeldsimError, match="lap-2f"):
        run_exercise(a, a.reference_job, cell=cell)


def test_the_weld_ends_where_the_robot_stopped():
    # the reference t-fillet job with its weld end point moved out of reach: the robot stops
    # inside the weld move at the workspace's edge; the weld is what was laid until then
    s = load_scenario("t-fillet-2f")
    text = s.reference_job.read_text(encoding="utf-8")
    ref = run_exercise(s, s.reference_job)
    bad = text.replace("P4 = X(248, 0, 0,", "P4 = X(2480, 0, 0,")
    assert bad != text
    run = run_exercise(s, "far.job", data=bad.encode())
    assert run.alarm is not None and run.alarm.kind in ("unreachable", "joint_limit")
    assert run.card.findings[0].name == "stopped"
    assert len(run.trajectory) == len(run.trace) == max(run.alarm.sample, 1)
    # everything the weld model saw is continuous motion before the stop
    for weld in run.welds:
        assert weld.samples_idx.max() < len(run.trajectory)
        assert np.all(np.diff(weld.samples.t_s) > 0)
    assert len(run.trajectory) < len(ref.trajectory)
