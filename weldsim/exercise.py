"""Run an exercise end to end: parse the job, plan it, play it in the cell, simulate the weld
and score it. The command line (``weldsim run``), the pendant and batch grading all call
:func:`run_exercise`.

Nothing here draws or prints; the result is data (:class:`ExerciseRun`), turned into the JSON
report by :mod:`weldsim.report`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from weldsim.jobs import JobContext, prepare_job
from weldsim.kinematics import Robot
from weldsim.motion import Trajectory, plan
from weldsim.program import JobError
from weldsim.program.model import ArcEndCondition, ArcStartCondition
from weldsim.scenarios.loader import load_scenario
from weldsim.scenarios.spec import Scenario, Seam
from weldsim.scoring import TechniqueMetrics, technique_metrics, technique_window_summaries
from weldsim.scoring.rubric import ScoreCard, score_targets, score_weld
from weldsim.scoring.setup import SetupCheck, setup_checks
from weldsim.sim import Cell, Trace
from weldsim.weld import (
    Bead,
    Imperfection,
    JointGeometry,
    WeldConditions,
    WeldSamples,
    find_imperfections,
    simulate_bead,
)
from weldsim.weld.bead import design_throat_for_leg_mm

__all__ = ["ExerciseRun", "SeamWeld", "run_exercise"]

#: CTWD given to the weld model where the wire axis meets nothing (mm): the arc would be far
#: too long there, which the model treats as the worst stick-out.
_NO_HIT_CTWD_MM = 40.0


@dataclass(frozen=True, eq=False)
class SeamWeld:
    """The weld made on one seam.

    Attributes
    ----------
    index : int
        The seam's index in the scenario.
    samples_idx : numpy.ndarray
        Trace samples on this seam with the arc on (welding or crater fill).
    """

    index: int
    seam: Seam
    conditions: WeldConditions
    geometry: JointGeometry
    samples: WeldSamples
    samples_idx: np.ndarray
    bead: Bead
    imperfections: tuple[Imperfection, ...]


@dataclass(frozen=True, eq=False)
class ExerciseRun:
    """Everything one run of an exercise produced."""

    scenario: Scenario
    job: JobContext
    job_sha256: str
    trajectory: Trajectory
    trace: Trace
    metrics: TechniqueMetrics | None
    welds: tuple[SeamWeld, ...]
    setup: tuple[SetupCheck, ...]
    card: ScoreCard


def run_exercise(scenario: Scenario | str | Path, job: str | Path, *,
                 data: bytes | None = None, robot: Robot | None = None) -> ExerciseRun:
    """Plan, simulate, weld and score a job on an exercise.

    Parameters
    ----------
    scenario : Scenario, str or pathlib.Path
        The exercise or its id or path.
    job : str or pathlib.Path
        The job file (when ``data`` is given, only its name).
    data : bytes, optional
        The job's bytes, already read.
    robot : Robot, optional
        The scenario's robot, when the caller already has it loaded.

    Raises
    ------
    JobError
        The job has errors (every one located); a job with errors is never run.
    WeldsimError
        The scenario or the job file cannot be read.
    """
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    if data is None:
        from weldsim.program import JobLimits
        from weldsim.program.source import read_job_bytes

        data = read_job_bytes(Path(job), JobLimits())
    ctx = prepare_job(job, scenario, data=data)
    if isinstance(ctx, list):
        raise JobError(ctx)
    if robot is not None and robot.id == ctx.robot.id:
        ctx = JobContext(ctx.filename, ctx.program, robot, ctx.robot_source, ctx.scenario,
                         ctx.home_q, ctx.user_frames)
    trajectory = plan(ctx.program, ctx.robot, home_q=ctx.home_q, user_frames=ctx.user_frames)
    with Cell(scenario, ctx.robot) as cell:
        trace = cell.play(trajectory)
    sha = hashlib.sha256(data).hexdigest()
    if not scenario.welds:
        card = score_targets(scenario, trajectory, trace)
        return ExerciseRun(scenario, ctx, sha, trajectory, trace, None, (), (), card)
    metrics = technique_metrics(trace, scenario, trajectory)
    windows = technique_window_summaries(metrics, scenario, trajectory)
    welds = tuple(w for k in range(len(scenario.seams))
                  if (w := _weld_seam(scenario, k, trajectory, metrics)) is not None)
    checks = tuple(setup_checks(scenario, ctx.program))
    card = score_weld(scenario, trajectory, trace, metrics, windows, welds, checks)
    return ExerciseRun(scenario, ctx, sha, trajectory, trace, metrics, welds, checks, card)


def _most_used(indices: np.ndarray) -> int:
    """The most frequent non-negative index (the lowest on a tie), -1 when there is none."""
    used = indices[indices >= 0]
    if not used.size:
        return -1
    counts = np.bincount(used)
    return int(np.argmax(counts))


def _weld_seam(scenario: Scenario, k: int, trajectory: Trajectory,
               metrics: TechniqueMetrics) -> SeamWeld | None:
    """Simulate the bead on seam ``k``; None when the arc never burned on it."""
    seam = scenario.seams[k]
    idx = np.flatnonzero(metrics.arc_on & (metrics.seam == k))
    weld_cond = np.asarray(trajectory.weld_condition)[idx]
    if not np.any(weld_cond >= 0):
        return None
    start: ArcStartCondition = trajectory.weld_conditions[_most_used(weld_cond)]
    crater_idx = _most_used(np.asarray(trajectory.crater_condition)[idx])
    end: ArcEndCondition | None = (trajectory.crater_conditions[crater_idx]
                                   if crater_idx >= 0 else None)
    wps = scenario.wps
    tool = scenario.tool
    from weldsim.kinematics import load_robot_spec

    stick_mm = load_robot_spec(scenario.robot).tool(tool).stick_out_m * 1000.0
    conditions = WeldConditions.from_program(start, end, wire_diameter_mm=wps.wire_diameter_mm,
                                             stickout_mm=stick_mm)
    nominal_work = scenario.windows["work_angle_deg"].nominal
    design = None
    if scenario.bead is not None and scenario.bead.leg_mm > 0 and seam.joint.startswith("fillet"):
        design = design_throat_for_leg_mm(scenario.bead.leg_mm)
    elif scenario.bead is not None and scenario.bead.throat_mm > 0:
        design = scenario.bead.throat_mm
    geometry = JointGeometry(
        joint=seam.joint, t1_mm=seam.thickness_mm[0], t2_mm=seam.thickness_mm[1],
        gap_mm=seam.root_gap_mm, bevel_deg=seam.bevel_deg,
        backing=any(s.role == "backing" for s in scenario.solids),
        work_angle_deg=nominal_work, position=seam.position, design_throat_mm=design,
    )
    length_mm = seam.length_m * 1000.0
    s = metrics.s_mm[idx]
    if seam.kind == "circle" and abs(abs(seam.sweep_rad) - 2 * np.pi) < 1e-9:
        s = np.mod(s, length_mm)  # a closed seam: a pass may run on past its start
    welding = weld_cond >= 0
    samples = WeldSamples(
        s_mm=s,
        speed_mm_s=np.nan_to_num(metrics.travel_speed_mm_s[idx], nan=0.0),
        ctwd_mm=np.nan_to_num(metrics.ctwd_mm[idx], nan=_NO_HIT_CTWD_MM),
        work_angle_deg=np.nan_to_num(metrics.work_angle_deg[idx], nan=nominal_work),
        travel_angle_deg=np.nan_to_num(metrics.travel_angle_deg[idx], nan=0.0),
        aim_lateral_mm=np.nan_to_num(metrics.aim_lateral_mm[idx], nan=0.0),
        aim_vertical_mm=np.nan_to_num(metrics.aim_vertical_mm[idx], nan=0.0),
        weave_amp_mm=np.nan_to_num(metrics.weave_amplitude_mm[idx], nan=0.0),
        weave_freq_hz=np.nan_to_num(metrics.weave_frequency_hz[idx], nan=0.0),
        arc_on=welding,
        t_s=np.asarray(trajectory.t)[idx],
    )
    bead = simulate_bead(conditions, geometry, samples)
    imps = find_imperfections(bead, conditions, geometry, samples, length_mm,
                              scenario.required_level or "C")
    return SeamWeld(k, seam, conditions, geometry, samples, idx, bead, tuple(imps))
