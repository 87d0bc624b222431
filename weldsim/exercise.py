"""Run an exercise end to end: parse the job, plan it, play it in the cell, simulate the weld
and score it. The command line (``weldsim run``), the pendant and batch grading all call
:func:`run_exercise`.

Nothing here draws or prints; the result is data (:class:`ExerciseRun`), turned into the JSON
report by :mod:`weldsim.report`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from weldsim._runtime import lean
from weldsim.controller import Alarm, Execution, execute
from weldsim.errors import InvalidInputError
from weldsim.jobs import JobContext, prepare_job
from weldsim.kinematics import Robot
from weldsim.motion import Trajectory
from weldsim.scenarios.loader import load_scenario
from weldsim.scenarios.spec import PRACTICE, Scenario, attempt_mode
from weldsim.scoring import TechniqueMetrics, technique_metrics, technique_window_summaries
from weldsim.scoring.rubric import ScoreCard, score_targets, score_weld
from weldsim.scoring.setup import SetupCheck, setup_checks
from weldsim.sim import Cell, Trace
from weldsim.weld import WeldInputError
from weldsim.weld.seam_weld import SeamWeld, weld_seam

__all__ = ["ExerciseRun", "InternalError", "SeamWeld", "run_exercise"]


class InternalError(RuntimeError):
    """A check inside weldsim failed on data weldsim made itself: a bug, never the trainee's
    mistake (the command line exits 1 with "internal error" and how to report it)."""


@dataclass(frozen=True, eq=False)
class ExerciseRun:
    """Everything one run of an exercise produced.

    Attributes
    ----------
    trajectory, trace
        What the robot executed: they end where it stopped when :attr:`alarm` is set.
    alarm : Alarm or None
        Why the controller stopped the robot (the card then fails with a ``stopped`` gate
        whose finding comes first); None when the job ran to its end.
    warnings : tuple of MotionProblem
        The controller's warnings up to the stop (slowed moves, singularities).
    mode : str
        ``practice`` or ``exam``: the mode the attempt was taken in
        (:func:`weldsim.scenarios.spec.attempt_mode`).
    """

    scenario: Scenario
    job: JobContext
    job_sha256: str
    trajectory: Trajectory
    trace: Trace
    metrics: TechniqueMetrics | None
    welds: tuple[SeamWeld, ...]
    setup: tuple[SetupCheck, ...]
    card: ScoreCard
    alarm: Alarm | None = None
    warnings: tuple = ()
    mode: str = PRACTICE

    @property
    def stopped(self) -> bool:
        """The robot stopped with an alarm before the end of the job."""
        return self.alarm is not None


def run_exercise(scenario: Scenario | str | Path, job: str | Path, *,
                 data: bytes | None = None, robot: Robot | None = None,
                 cell: Cell | None = None, mode: str | None = None) -> ExerciseRun:
    """Execute a job on an exercise as the controller would, simulate the weld and score it.

    The job is played line by line until its first alarm (:func:`weldsim.controller.execute`);
    a job that stops is still graded: it fails with a ``stopped`` gate, and its weld is what
    was deposited up to the stop.

    Parameters
    ----------
    scenario : Scenario, str or pathlib.Path
        The exercise or its id or path.
    job : str or pathlib.Path
        The job file (when ``data`` is given, only its name).
    data : bytes, optional
        The job's bytes, already read.
    robot : Robot, optional
        The scenario's robot, when the caller already has it loaded (it is loaded once
        otherwise).
    cell : Cell, optional
        The scenario's cell, when the caller holds one (the pendant, a batch-grading worker):
        it is reset to the home pose and reused; the results are the same as with a fresh
        cell. Without one, a cell is built for this run and closed after it.
    mode : {None, "practice", "exam"}, optional
        The mode asked for (``--exam``); None: the scenario's ``[coaching] mode``. A
        scenario in exam mode is always run as an exam (:attr:`ExerciseRun.mode`).

    Raises
    ------
    JobError
        The job has errors (every one located); a job with errors is never run.
    PlanningError
        The job cannot be planned at all (located at its line).
    WeldsimError
        The scenario or the job file cannot be read; a cell of another scenario.
    InternalError
        The weld model refused what the controller produced (a bug).
    """
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    mode = attempt_mode(scenario.coaching_mode, mode)
    if cell is not None:
        if cell.scenario.id != scenario.id or cell.robot.id != scenario.robot:
            raise InvalidInputError(f"the cell is for scenario {cell.scenario.id}, not "
                                    f"{scenario.id}")
        robot = cell.robot
    if data is None:
        from weldsim.program import JobLimits
        from weldsim.program.source import read_job_bytes

        data = read_job_bytes(Path(job), JobLimits())
    ctx = prepare_job(job, scenario, robot, data=data)
    if cell is not None:
        execution = execute(ctx, cell)
    else:
        with Cell(scenario, ctx.robot) as own:
            execution = execute(ctx, own)
    try:
        run = _grade(scenario, ctx, hashlib.sha256(data).hexdigest(), execution)
    except WeldInputError as exc:
        raise InternalError(f"the weld model refused the executed motion: {exc}") from exc
    return replace(run, mode=mode)


@lean
def _grade(scenario: Scenario, ctx: JobContext, sha: str, execution: Execution) -> ExerciseRun:
    """Weld and score what the controller executed."""
    trajectory, trace, alarm = execution.trajectory, execution.trace, execution.alarm
    assert trace is not None
    if not scenario.welds:
        card = score_targets(scenario, trajectory, trace, alarm=alarm)
        return ExerciseRun(scenario, ctx, sha, trajectory, trace, None, (), (), card, alarm,
                           execution.warnings)
    metrics = technique_metrics(trace, scenario, trajectory)
    windows = technique_window_summaries(metrics, scenario, trajectory)
    stick_mm = ctx.robot.spec.tool(scenario.tool).stick_out_m * 1000.0
    welds = tuple(w for k in range(len(scenario.seams))
                  if (w := weld_seam(scenario, k, trajectory, metrics, stick_mm)) is not None)
    checks = tuple(setup_checks(scenario, ctx.program))
    card = score_weld(scenario, trajectory, trace, metrics, windows, welds, checks,
                      program=ctx.program, alarm=alarm)
    return ExerciseRun(scenario, ctx, sha, trajectory, trace, metrics, welds, checks, card,
                       alarm, execution.warnings)
