"""The end-to-end reproducers (copied from the fuzz campaign into tests/controller/data/): each
one now gives a located error (exit 2) or a proper alarm (graded, exit 0), never a crash, and
a job past the sample budget is refused before any array is sized."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from weldsim.cli import main
from weldsim.controller import execute
from weldsim.jobs import prepare_job
from weldsim.motion import PlanningError
from weldsim.motion.trajectory import MAX_SAMPLES

DATA = Path(__file__).parent / "data"

#: (file, scenario, alarm kind, line): jobs the controller stops with an alarm
ALARMS = [
    ("speed_negative_butt-1g-weave.job", "butt-1g-weave", "collision", 18),
    ("ctwd_zero_lap.job", "lap-2f", "jump", 18),
    ("unreachable_but_passes_t-fillet-2f.job", "t-fillet-2f", "unreachable", 18),
]
#: (file, line): jobs past the sample budget
TOO_LONG = [
    ("long_delay_20x600.job", 28),
    ("far_slow_move.job", 4),
    ("slow_move.job", 25),
]


@pytest.mark.parametrize(("name", "scenario", "kind", "line"), ALARMS,
                         ids=[a[0] for a in ALARMS])
def test_reproducer_is_a_located_alarm(name, scenario, kind, line, capsys):
    path = DATA / name
    assert main(["check", str(path), "--scenario", scenario]) == 2
    out = capsys.readouterr().out
    assert f"{path}:{line}:1: error: " in out
    assert main(["run", scenario, str(path)]) == 0
    captured = capsys.readouterr()
    assert f"ALARM: the robot stopped at line {line}: " in captured.out
    assert "Traceback" not in captured.err and "internal error" not in captured.err
    ctx = prepare_job(path, scenario)
    from weldsim.sim import Cell

    with Cell(ctx.scenario, ctx.robot) as cell:
        assert execute(ctx, cell).alarm.kind == kind


@pytest.mark.parametrize(("name", "line"), TOO_LONG, ids=[t[0] for t in TOO_LONG])
def test_a_job_past_the_sample_budget_is_refused_at_its_line(name, line, capsys):
    path = DATA / name
    assert main(["check", str(path), "--scenario", "t-fillet-2f"]) == 2
    out = capsys.readouterr().out
    assert f"{path}:{line}: error: this instruction would make the job longer than 1800 s" in out
    assert main(["run", "t-fillet-2f", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:{line}: error: " in err and "Traceback" not in err


@pytest.mark.parametrize("name", ["long_delay_20x600.job", "far_slow_move.job"])
def test_the_budget_is_checked_before_any_array_is_sized(name):
    ctx = prepare_job(DATA / name, "t-fillet-2f")
    tracemalloc.start()
    try:
        with pytest.raises(PlanningError):
            execute(ctx)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # what fits the budget before the refused line, not the 3 million samples it asked for
    assert peak < 300 * MAX_SAMPLES  # bytes: well under the ~1.5 kB a sample would cost
