"""``weldsim check JOB``: the controller's dry run of a job, every problem located.

The job is parsed, then executed by the simulated controller (:mod:`weldsim.controller`) as
``run`` executes it: with ``--scenario`` in the exercise's cell, collisions and the wire
included. The alarm that would stop the robot is an error at its line (and column) with what
to do; slowed moves and singularities are warnings. So a job ``check`` passes never stops in
``run``, and every alarm ``run`` meets is an error here.

This module also holds what ``plan`` and ``export`` share: the job arguments, reading the
job and choosing the robot, home pose and user frames (:func:`load_context`), planning
(:func:`plan_context`), the located report lines and the internal-error guard
(:func:`guarded`).

Exit codes (also in the help text): 0 the job can run (warnings allowed), 2 it cannot (a
syntax or value error, a robot that does not match, an alarm, a job the planner rejects) or
the file, scenario or robot cannot be read, 1 an internal error.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import io
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from weldsim.cli import EXIT_INTERNAL, EXIT_OK, EXIT_USER
from weldsim.errors import WeldsimError
from weldsim.i18n import Message, Qty, render, tr
from weldsim.jobs import DEFAULT_HOME_DEG, DEFAULT_ROBOT, JobContext, default_home_q, prepare_job
from weldsim.kinematics.loader import bundled_robot_ids
from weldsim.program import (
    CartesianPosition,
    Diagnostic,
    JobError,
    Program,
    instruction_positions,
)
from weldsim.program.model import ArcEnd, ArcStart
from weldsim.scenarios.loader import bundled_scenario_ids

if TYPE_CHECKING:  # the controller, the planner and the cell load when a job is executed
    import numpy as np

    from weldsim.controller import Alarm, Execution
    from weldsim.motion import PlanningError, Trajectory
    from weldsim.motion.trajectory import MotionProblem

__all__ = [
    "DEFAULT_HOME_DEG",
    "DEFAULT_ROBOT",
    "ERROR_KINDS",
    "JobContext",
    "Report",
    "add_job_arguments",
    "add_parser",
    "default_home_q",
    "guarded",
    "load_context",
    "plan_context",
    "run",
    "safe_output",
]

ERROR_KINDS = frozenset({"unreachable", "joint_limit", "config_flip", "undefined_frame"})
"""Motion problems that always stop the robot (a ``speed_limit`` does when slowing the move
cannot help); see :data:`weldsim.motion.trajectory.ALARM_KINDS`."""

def guarded(command):
    """Wrap a command's ``run``: an exception that is not a :class:`WeldsimError` is a bug,
    reported as "internal error" with how to report it and the traceback, exit 1 (never as
    the trainee's mistake)."""

    @functools.wraps(command)
    def wrapper(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except (WeldsimError, KeyboardInterrupt):
            raise
        except Exception as exc:
            from weldsim import __version__

            lang = getattr(args, "lang", None) or "en"
            print("weldsim: " + tr("ctl.internal_error", lang,
                                   error=f"{type(exc).__name__}: {exc}", version=__version__),
                  file=sys.stderr)
            traceback.print_exc(file=sys.stderr)
            return EXIT_INTERNAL

    return wrapper

def safe_output() -> None:
    """Never fail on a character the console cannot show (a job may quote any character).

    Output redirected on Windows uses the ANSI code page; characters outside it are written
    as backslash escapes instead of raising ``UnicodeEncodeError``.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")


# -- arguments -----------------------------------------------------------------------------

def add_job_arguments(p: argparse.ArgumentParser, lang: str) -> None:
    """The job path and the mutually exclusive ``--robot`` / ``--scenario``."""
    p.add_argument("job", metavar="JOB", help=tr("help.arg.job", lang))
    which = p.add_mutually_exclusive_group()
    which.add_argument("--scenario", metavar="ID", help=tr(
        "help.job.scenario", lang, scenarios=", ".join(bundled_scenario_ids())))
    which.add_argument("--robot", metavar="ID", help=tr(
        "help.job.robot", lang, robots=", ".join(bundled_robot_ids()), default=DEFAULT_ROBOT))


def add_parser(sub, lang: str) -> None:
    p = sub.add_parser(
        "check", help=tr("help.check.help", lang),
        description=tr("help.check.description", lang,
                       home=", ".join(f"{v:g}" for v in DEFAULT_HOME_DEG)),
        epilog=tr("help.job.epilog", lang))
    add_job_arguments(p, lang)
    p.set_defaults(run=guarded(run))


# -- the report ----------------------------------------------------------------------------

@dataclass
class Report:
    """Located lines for the user, in line order, and how many errors and warnings they hold.

    Attributes
    ----------
    lang : str
        Language of the lines this report writes itself (the parser's diagnostics are as the
        parser words them).
    entries : list of (int, str)
        Job line and text of each report line (the text may span lines: a ``hint:``).
    errors, warnings : int
    unchecked : int
        Moves that were not planned because they need a scenario's user frame.
    """

    lang: str = "en"
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

    def _word(self, severity: str) -> str:
        return tr(f"ctl.check.{severity}", self.lang)

    def diagnostic(self, diag: Diagnostic) -> None:
        """A parser-style ``file:line:column: severity: message`` (with ``hint:``)."""
        self._add(diag.line, diag.format(self.lang), diag.severity)

    def planning_error(self, exc: PlanningError) -> None:
        """The planner's own located ``file:line: error: ...`` message."""
        self._add(exc.line, exc.text(self.lang), "error")

    def note(self, filename: str, line: int, text: str) -> None:
        self._add(line, f"{filename}:{line}: {self._word('note')}: {text}", "note")

    def _time(self, time_s: float) -> str:
        return tr("ctl.check.at_time", self.lang, time=Qty(time_s, "s", 3))

    def alarm(self, filename: str, alarm: Alarm) -> None:
        """The alarm that stops the robot: ``file:line:column: error: what (t = ...)``, the
        fixes as ``hint:`` lines and a note that the rest was not checked."""
        where = f"{filename}:{alarm.line}" + (f":{alarm.column}" if alarm.column else "")
        text = (f"{where}: {self._word('error')}: {render(alarm.message, self.lang)} "
                f"({self._time(alarm.time_s)})")
        for fix in alarm.fixes:
            text += f"\n{self._word('hint')}: {render(fix, self.lang)}"
        text += f"\n{self._word('note')}: {tr('ctl.check.not_checked', self.lang)}"
        self._add(alarm.line, text, "error")

    def warning(self, filename: str, problem: MotionProblem) -> None:
        """A controller warning: ``file:line: warning: what (t = ...)``."""
        text = render(problem.message, self.lang) if problem.message else problem.detail
        self._add(problem.line, f"{filename}:{problem.line}: {self._word('warning')}: {text} "
                  f"({self._time(problem.time_s)})", "warning")

    def execution(self, filename: str, execution: Execution) -> None:
        """The controller's warnings up to the stop, and the alarm that stops it."""
        for p in execution.warnings:
            self.warning(filename, p)
        if execution.alarm is not None:
            self.alarm(filename, execution.alarm)

    def counts(self) -> str:
        """``"2 errors, 1 warning"``, or ``"no problems"`` (in :attr:`lang`)."""
        parts = [tr(f"ctl.check.{word}_{'one' if n == 1 else 'many'}", self.lang, n=n)
                 for n, word in ((self.errors, "errors"), (self.warnings, "warnings")) if n]
        return ", ".join(parts) or tr("ctl.check.no_problems", self.lang)

    def lines(self) -> list[str]:
        """The report lines sorted by job line (stable: same-line entries keep their order)."""
        return [text for _, text in sorted(self.entries, key=lambda e: e[0])]

    def print(self) -> None:
        for text in self.lines():
            print(text)


def load_context(args: argparse.Namespace) -> JobContext | list[Diagnostic]:
    """:func:`weldsim.jobs.prepare_job` for the ``job``, ``scenario`` and ``robot`` arguments
    (see :func:`add_job_arguments`); the job's diagnostics instead of a :class:`JobError`
    (for ``export``, which lists them)."""
    try:
        return prepare_job(args.job, args.scenario or None, args.robot or None)
    except JobError as exc:
        return exc.diagnostics


def describe(ctx: JobContext, lang: str) -> str:
    """``"robot fd-b4, tool 1, scenario t-fillet-2f"`` in ``lang``."""
    if ctx.scenario is not None:
        return tr("ctl.check.context_scenario", lang, robot=ctx.robot.id,
                  tool=ctx.program.tool, scenario=ctx.scenario.id)
    key = "ctl.check.context_default" if ctx.robot_source == "default" else "ctl.check.context"
    return tr(key, lang, robot=ctx.robot.id, tool=ctx.program.tool)


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


def execute_context(ctx: JobContext, report: Report, *, partial: bool, cell=None,
                    rate_hz: float = 250.0) -> Execution | None:
    """Execute the job as the controller would; its alarm and warnings go to ``report``.

    Parameters
    ----------
    ctx : JobContext
    report : Report
    partial : bool
        Without a scenario, moves in a user frame cannot be planned: True executes the
        instructions before the first such move and adds a note for each of them; False
        reports an error at the first one and executes nothing. With a scenario every frame
        the exercise does not define is an alarm at its line.
    cell : weldsim.sim.Cell, optional
        The scenario's cell: collisions and the wire are checked.
    rate_hz : float
        Sample rate.

    Returns
    -------
    Execution or None
        None when the job could not be planned at all (the reason is in ``report``).
    """
    program, name = ctx.program, ctx.filename
    if ctx.scenario is None:
        cut = _plannable_prefix(program, ctx.user_frames)
        later = program.instructions[cut:]
        needing = [(ins, pos) for ins in later if (pos := _missing_frame(ins, ctx.user_frames))]
    else:
        needing = []
    if needing and not partial:
        ins, pos = needing[0]
        report.diagnostic(Diagnostic.of(
            name, ins.line, ins.column,
            Message.of("job.user_frame_needs_scenario", position=pos.name or "X(...)",
                       frame=pos.frame),
            Message.of("job.hint.give_scenario")))
        return None
    if needing:
        program = dataclasses.replace(program, instructions=program.instructions[:cut])
        ctx = dataclasses.replace(ctx, program=program)
        report.unchecked = sum(1 for ins in later if instruction_positions(ins))
        report.note(name, later[0].line, tr("ctl.check.not_planned", report.lang,
                                            n=report.unchecked))
        for ins, pos in needing:
            report.note(name, ins.line, tr("ctl.check.needs_scenario", report.lang,
                                           name=pos.name or "X(...)", frame=pos.frame))
    from weldsim.controller import execute
    from weldsim.motion import PlanningError

    try:
        execution = execute(ctx, cell, rate_hz=rate_hz)
    except PlanningError as exc:
        report.planning_error(exc)
        return None
    report.execution(name, execution)
    return execution


def plan_context(ctx: JobContext, report: Report, *, partial: bool,
                 rate_hz: float = 250.0) -> Trajectory | None:
    """:func:`execute_context` without a cell; the executed trajectory (None when the job
    could not be planned)."""
    execution = execute_context(ctx, report, partial=partial, rate_hz=rate_hz)
    return None if execution is None else execution.trajectory


def run(args: argparse.Namespace) -> int:
    safe_output()
    report = Report(lang=args.lang)
    try:
        ctx = prepare_job(args.job, args.scenario or None, args.robot or None)
    except JobError as exc:
        for diag in exc.diagnostics:
            report.diagnostic(diag)
        report.print()
        print(f"{Path(args.job)}: {report.counts()}")
        return EXIT_USER
    if ctx.scenario is not None:
        from weldsim.sim import Cell

        with Cell(ctx.scenario, ctx.robot) as cell:
            execution = execute_context(ctx, report, partial=True, cell=cell)
    else:
        execution = execute_context(ctx, report, partial=True)
    report.print()
    summary = f"{ctx.filename}: {report.counts()} ({describe(ctx, args.lang)}"
    if execution is not None and not report.unchecked and not execution.stopped:
        summary += "; " + tr("ctl.check.cycle_time", args.lang,
                             time=Qty(execution.trajectory.cycle_time_s, "s", 2))
    summary += ")"
    if report.unchecked:
        key = "one" if report.unchecked == 1 else "many"
        summary += "; " + tr(f"ctl.check.reach_not_checked_{key}", args.lang,
                             n=report.unchecked)
    if ctx.scenario is None:
        summary += "; " + tr("ctl.check.no_collisions", args.lang)
    print(summary)
    return EXIT_USER if report.errors else EXIT_OK
