"""The rule that makes ``check`` worth running: a job ``check`` passes never stops with an alarm
in ``run``, and every alarm ``run`` meets is an error in ``check`` at the same line.

A property over 500 generated jobs (moves near and into the T-fillet's work, joint targets
near the limits, welds, undefined frames) and the bundled reference jobs. Both paths share one
cell, as the pendant and batch grading do; ``check``'s side is its own code path
(:func:`weldsim.cli.check.execute_context`), ``run``'s is :func:`run_exercise`.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from weldsim.cli.check import Report, execute_context
from weldsim.exercise import run_exercise
from weldsim.jobs import prepare_job
from weldsim.motion import PlanningError
from weldsim.scenarios.loader import bundled_scenario_ids, load_scenario
from weldsim.sim import Cell

SCENARIO = load_scenario("t-fillet-2f")
N_JOBS = 500


@pytest.fixture(scope="module")
def cell():
    with Cell(SCENARIO) as c:
        yield c


def _agree(scenario, text: str, cell) -> tuple[bool, int | None]:
    """Check and run one job on the shared cell; assert the rule. (passed check, alarm line)"""
    data = text.encode()
    ctx = prepare_job("gen.job", scenario, data=data)  # the generator writes valid jobs
    report = Report()
    execution = execute_context(ctx, report, partial=True, cell=cell)
    if execution is None:  # the planner refused the job: run refuses it too
        with pytest.raises(PlanningError):
            run_exercise(scenario, "gen.job", data=data, cell=cell)
        return False, None
    run = run_exercise(scenario, "gen.job", data=data, cell=cell)
    passed = report.errors == 0
    assert passed == (run.alarm is None), (text, report.lines(), run.alarm)
    if run.alarm is not None:
        lines = [line for line, t in report.entries if ": error: " in t]
        assert lines == [run.alarm.line], (text, report.lines())
        assert run.card.findings[0].name == "stopped" and not run.card.passed
    else:
        assert not any(g.name == "stopped" for g in run.card.gates)
    return passed, None if run.alarm is None else run.alarm.line


_coord = st.integers(-60, 320)
_point = st.tuples(_coord, st.integers(-40, 160), st.integers(-25, 200),
                   st.sampled_from([-180, 170, 150]), st.integers(15, 75),
                   st.integers(40, 160))
_joint = st.tuples(*(st.integers(-175, 175) for _ in range(3)),
                   st.integers(-200, 200), st.integers(-140, 140), st.integers(-370, 370))
_move = st.one_of(
    st.tuples(st.just("MOVEP"), _point, st.integers(40, 100)),
    st.tuples(st.just("MOVEL"), _point, st.integers(80, 600)),
    st.tuples(st.just("MOVEPJ"), _joint, st.integers(40, 100)),
)


def _job(moves, weld: bool, frame: str) -> str:
    body = []
    for k, (kind, p, v) in enumerate(moves):
        target = (f"J({', '.join(map(str, p))})" if kind == "MOVEPJ"
                  else f"X({', '.join(map(str, p))})")
        if weld and k == len(moves) - 1 and k > 0:  # the last move welds
            body += ["AS 1", f"MOVEL {target}", "AE 1"]
        elif kind == "MOVEL":
            body.append(f"MOVEL {target} S={v}mm/s")
        else:
            body.append(f"MOVEP {target} R={v}%")
    return ("JOB GEN\nTOOL 1\n" + f"FRAME {frame}\n"
            "ASC 1 I=270A U=28V S=42cm/min GAS=MAG FLOW=18\nAEC 1 I=200A U=23V T=0.2s\n"
            + "\n".join(body) + "\nEND\n")


@settings(max_examples=N_JOBS, deadline=None, derandomize=True, database=None,
          phases=(Phase.explicit, Phase.generate),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(moves=st.lists(_move, min_size=1, max_size=4), weld=st.booleans(),
       frame=st.sampled_from(["USER1"] * 9 + ["USER2"]))
def test_check_and_run_agree_on_generated_jobs(moves, weld, frame, cell):
    _agree(SCENARIO, _job(moves, weld, frame), cell)


@pytest.mark.parametrize("sid", bundled_scenario_ids())
def test_check_and_run_agree_on_the_reference_jobs(sid):
    s = load_scenario(sid)
    with Cell(s) as c:
        passed, line = _agree(s, s.reference_job.read_text(encoding="utf-8"), c)
    assert passed and line is None
