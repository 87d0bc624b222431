"""``weldsim check JOB``: parse a job, plan its motion and report every problem, located.

This module also holds what ``plan`` and ``export`` share: the job arguments, reading the
job and choosing the robot, home pose and user frames (:func:`load_context`), planning
(:func:`plan_context`) and the located report lines.

Exit codes (also in the help text): 0 the job can run (warnings allowed), 2 it cannot (a
syntax or value error, a robot that does not match, a position out of reach or beyond a
joint limit, a job the planner rejects) or the file, scenario or robot cannot be read.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from weldsim.cli import EXIT_OK, EXIT_USER
from weldsim.jobs import DEFAULT_HOME_DEG, DEFAULT_ROBOT, JobContext, default_home_q, prepare_job
from weldsim.kinematics import bundled_robot_ids
from weldsim.motion import PlanningError, Trajectory, plan
from weldsim.program import (
    CartesianPosition,
    Diagnostic,
    Program,
    instruction_positions,
)
from weldsim.program.model import ArcEnd, ArcStart
from weldsim.scenarios.loader import bundled_scenario_ids

__all__ = [
    "DEFAULT_HOME_DEG",
    "DEFAULT_ROBOT",
    "ERROR_KINDS",
    "JobContext",
    "Report",
    "add_job_arguments",
    "add_parser",
    "default_home_q",
    "load_context",
    "plan_context",
    "run",
    "safe_output",
]

ERROR_KINDS = frozenset({"unreachable", "joint_limit"})
"""Motion problems that make a job unrunnable (job-format.md: reach and joint limits are
errors); the other kinds (singularity, config_flip, speed_limit) are warnings."""

EXIT_HELP = (
    "exit status: 0 the job can run (warnings allowed: singularity, configuration change, "
    "speed limit); 2 it cannot: a syntax or value error, a ROBOT or TOOL that does not match, "
    "a position out of reach or beyond a joint limit, a job the planner rejects, or a file, "
    "scenario or robot that cannot be read; 1 an internal error (a bug)."
)

def safe_output() -> None:
    """Never fail on a character the console cannot show (a job may quote any character).

    Output redirected on Windows uses the ANSI code page; characters outside it are written
    as backslash escapes instead of raising ``UnicodeEncodeError``.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")


# -- arguments -----------------------------------------------------------------------------

def add_job_arguments(p: argparse.ArgumentParser) -> None:
    """The job path and the mutually exclusive ``--robot`` / ``--scenario``."""
    p.add_argument("job", metavar="JOB", help="the .job file")
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--scenario", metavar="ID",
        help="exercise whose robot, tool, home pose and user frames to use: a bundled id "
        f"({', '.join(bundled_scenario_ids())}) or a TOML path")
    which.add_argument(
        "--robot", metavar="ID",
        help=f"robot without a scenario: a bundled id ({', '.join(bundled_robot_ids())}) or a "
        f"TOML path (default: the job's ROBOT, else {DEFAULT_ROBOT})")


def add_parser(sub) -> None:
    p = sub.add_parser(
        "check",
        help="check a job: syntax, values, reach, joint limits, singularities",
        description="Parse a job and report every error, located as file:line:column; when it "
        "parses, plan its motion and report the motion problems as file:line lines. With "
        "--scenario the job starts at the exercise's home pose with its tool and user "
        "frames; without, at the home pose "
        f"({', '.join(f'{v:g}' for v in DEFAULT_HOME_DEG)}) deg, and moves in a USER frame "
        "are reported as needing --scenario.",
        epilog=EXIT_HELP,
    )
    add_job_arguments(p)
    p.set_defaults(run=run)


# -- the report ----------------------------------------------------------------------------

@dataclass
class Report:
    """Located lines for the user, in line order, and how many errors and warnings they hold.

    Attributes
    ----------
    entries : list of (int, str)
        Job line and text of each report line (the text may span lines: a ``hint:``).
    errors, warnings : int
    unchecked : int
        Moves that were not planned because they need a scenario's user frame.
    """

    entries: list[tuple[int, str]] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    unchecked: int = 0

    def _add(self, line: int, text: str, severity: str) -> None:
        self.entries.append((line, text))
        if severity == "error":
            self.errors += 1
        elif severity == "warning":
            self.warnings += 1

    def diagnostic(self, diag: Diagnostic) -> None:
        """A parser-style ``file:line:column: severity: message`` (with ``hint:``)."""
        self._add(diag.line, diag.format(), diag.severity)

    def planning_error(self, exc: PlanningError) -> None:
        """The planner's own located ``file:line: error: ...`` message."""
        self._add(exc.line, str(exc), "error")

    def note(self, filename: str, line: int, text: str) -> None:
        self._add(line, f"{filename}:{line}: note: {text}", "note")

    def problems(self, filename: str, trajectory: Trajectory) -> None:
        """The planner's problems: ``file:line: error|warning: kind: detail (t = ... s)``."""
        for p in trajectory.problems:
            severity = "error" if p.kind in ERROR_KINDS else "warning"
            self._add(p.line, f"{filename}:{p.line}: {severity}: {p.kind}: {p.detail} "
                      f"(t = {p.time_s:.3f} s)", severity)

    def counts(self) -> str:
        """``"2 errors, 1 warning"``, or ``"no problems"``."""
        parts = [f"{n} {word}{'' if n == 1 else 's'}" for n, word in
                 ((self.errors, "error"), (self.warnings, "warning")) if n]
        return ", ".join(parts) or "no problems"

    def lines(self) -> list[str]:
        """The report lines sorted by job line (stable: same-line entries keep their order)."""
        return [text for _, text in sorted(self.entries, key=lambda e: e[0])]

    def print(self) -> None:
        for text in self.lines():
            print(text)


def load_context(args: argparse.Namespace) -> JobContext | list[Diagnostic]:
    """:func:`weldsim.jobs.prepare_job` for the ``job``, ``scenario`` and ``robot`` arguments
    (see :func:`add_job_arguments`)."""
    return prepare_job(args.job, args.scenario or None, args.robot or None)


# -- planning ------------------------------------------------------------------------------

def _missing_frame(ins, frames: dict[str, np.ndarray]) -> CartesianPosition | None:
    for pos in instruction_positions(ins):
        if isinstance(pos, CartesianPosition) and pos.frame != "BASE" and pos.frame not in frames:
            return pos
    return None


def _plannable_prefix(program: Program, frames: dict[str, np.ndarray]) -> int:
    """How many instructions can be planned before one needs a user frame that is missing.

    A weld is never cut in two: when the first such move is inside a weld, the prefix ends
    before that weld's ``AS``.
    """
    arc_start = None
    for index, ins in enumerate(program.instructions):
        if isinstance(ins, ArcStart):
            arc_start = index
        elif isinstance(ins, ArcEnd):
            arc_start = None
        if _missing_frame(ins, frames) is not None:
            return index if arc_start is None else arc_start
    return len(program.instructions)


def plan_context(ctx: JobContext, report: Report, *, partial: bool,
                 rate_hz: float = 250.0) -> Trajectory | None:
    """Plan the job; problems go to ``report``.

    Parameters
    ----------
    ctx : JobContext
    report : Report
    partial : bool
        When moves need a user frame that is not known (no scenario): True plans the
        instructions before the first such move and adds a note for each of them; False
        reports an error at the first one and plans nothing.
    rate_hz : float
        Sample rate.

    Returns
    -------
    Trajectory or None
        None when the job could not be planned (the reason is in ``report``).
    """
    program, name = ctx.program, ctx.filename
    cut = _plannable_prefix(program, ctx.user_frames)
    later = program.instructions[cut:]
    needing = [(ins, pos) for ins in later if (pos := _missing_frame(ins, ctx.user_frames))]
    if needing and not partial:
        ins, pos = needing[0]
        report.diagnostic(Diagnostic(
            name, ins.line, ins.column,
            f"{pos.name or 'X(...)'} is in {pos.frame}: planning needs --scenario "
            "(the user frames come from the exercise)",
            "give --scenario ID"))
        return None
    if needing:
        program = dataclasses.replace(program, instructions=program.instructions[:cut])
        report.unchecked = sum(1 for ins in later if instruction_positions(ins))
        report.note(name, later[0].line, f"not planned from here on: {report.unchecked} "
                    f"move{'' if report.unchecked == 1 else 's'} need the user frames of a "
                    "scenario or follow one that does")
        for ins, pos in needing:
            report.note(name, ins.line, f"{pos.name or 'X(...)'} in {pos.frame}: needs "
                        "--scenario to check reach")
    try:
        trajectory = plan(program, ctx.robot, home_q=ctx.home_q, user_frames=ctx.user_frames,
                          rate_hz=rate_hz)
    except PlanningError as exc:
        report.planning_error(exc)
        return None
    report.problems(name, trajectory)
    return trajectory


def run(args: argparse.Namespace) -> int:
    safe_output()
    report = Report()
    ctx = load_context(args)
    if not isinstance(ctx, JobContext):
        for diag in ctx:
            report.diagnostic(diag)
        report.print()
        print(f"{Path(args.job)}: {report.counts()}")
        return EXIT_USER
    trajectory = plan_context(ctx, report, partial=True)
    report.print()
    summary = f"{ctx.filename}: {report.counts()} ({ctx.describe()}"
    if trajectory is not None and not report.unchecked:
        summary += f"; cycle time {trajectory.cycle_time_s:.2f} s"
    summary += ")"
    if report.unchecked:
        summary += (f"; reach not checked for {report.unchecked} "
                    f"move{'' if report.unchecked == 1 else 's'}: give --scenario")
    print(summary)
    return EXIT_USER if report.errors else EXIT_OK
