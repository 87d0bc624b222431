"""A job made ready to plan: parsed, with its robot, home pose and user frames chosen.

Shared by the command line (``check``, ``plan``, ``export``, ``run``) and the exercise runner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from weldsim.kinematics import bundled_robot_ids, load_robot
from weldsim.kinematics.robot import Robot
from weldsim.program import Diagnostic, JobError, JobLimits, Program, parse_job
from weldsim.program.source import read_job_bytes
from weldsim.scenarios.loader import load_scenario
from weldsim.scenarios.spec import Scenario

__all__ = [
    "DEFAULT_HOME_DEG",
    "DEFAULT_ROBOT",
    "JobContext",
    "default_home_q",
    "prepare_job",
]

DEFAULT_ROBOT = "fd-b4"
"""Robot used when neither a scenario, ``--robot`` nor the job's ``ROBOT`` names one."""

DEFAULT_HOME_DEG = (0.0, 0.0, 0.0, 0.0, -60.0, 0.0)
"""Home pose without a scenario [deg]: the zero pose with the wrist bent 60 deg (J5 = -60),
out of the wrist singularity at J5 = 0; the bundled scenarios use the same pose."""

_HEADER_RE = re.compile(r"[ \t]*(ROBOT|TOOL)\b", re.IGNORECASE)


@dataclass(frozen=True, eq=False)
class JobContext:
    """A parsed job with everything needed to plan it.

    Attributes
    ----------
    filename : str
        The job's path as given (used in messages).
    program : Program
    robot : Robot
    robot_source : str
        Where the robot came from: ``"scenario"``, ``"--robot"``, ``"ROBOT"`` or ``"default"``.
    scenario : Scenario or None
    home_q : ndarray, shape (6,)
        Start pose [rad].
    user_frames : dict of str to ndarray (4, 4)
        ``T_base_user`` by name (``"USER1"``); empty without a scenario.
    """

    filename: str
    program: Program
    robot: Robot
    robot_source: str
    scenario: Scenario | None
    home_q: np.ndarray
    user_frames: dict[str, np.ndarray]

    def describe(self) -> str:
        """``"robot fd-b4, tool 1, scenario t-fillet-2f"``."""
        text = f"robot {self.robot.id}, tool {self.program.tool}"
        if self.scenario is not None:
            return text + f", scenario {self.scenario.id}"
        return text + ("" if self.robot_source != "default" else " (default robot)")


def default_home_q(robot: Robot) -> np.ndarray:
    """:data:`DEFAULT_HOME_DEG` in radians, moved inside the robot's joint limits if needed."""
    return np.clip(np.radians(DEFAULT_HOME_DEG), robot.lower, robot.upper)


def _header_where(text: str, keyword: str, fallback: int) -> tuple[int, int]:
    """Line and column of the ``ROBOT`` or ``TOOL`` statement (``fallback``, 1 if absent)."""
    for number, line in enumerate(text.split("\n"), start=1):  # as the lexer splits
        match = _HEADER_RE.match(line.split(";", 1)[0])
        if match is not None and match.group(1).upper() == keyword:
            return number, match.start(1) + 1
    return fallback, 1


def _job_robot(program: Program, filename: str,
               where: tuple[int, int]) -> tuple[Robot | None, Diagnostic | None]:
    """The robot the job's ``ROBOT`` names (or the default); a located error for an unknown id."""
    if program.robot and program.robot not in bundled_robot_ids():
        near = [r for r in bundled_robot_ids() if r.lower() == program.robot.lower()]
        return None, Diagnostic(
            filename, *where, f"unknown robot '{program.robot}'",
            f"robot ids are case-sensitive: write ROBOT {near[0]}" if near else
            f"bundled robots: {', '.join(bundled_robot_ids())}; or give --robot FILE")
    return load_robot(program.robot or DEFAULT_ROBOT), None


def _header_problems(program: Program, text: str, filename: str, robot: Robot,
                     scenario: Scenario | None) -> list[Diagnostic]:
    """A ``ROBOT`` that is not the robot used, a ``TOOL`` it lacks or the scenario does not use."""
    problems: list[Diagnostic] = []
    if program.robot and program.robot != robot.id:
        used = f"the scenario {scenario.id} uses" if scenario is not None else "--robot gives"
        problems.append(Diagnostic(
            filename, *_header_where(text, "ROBOT", program.line),
            f"the job is for robot '{program.robot}', but {used} '{robot.id}'",
            f"write ROBOT {robot.id}, or remove the ROBOT line"))
    where_tool = _header_where(text, "TOOL", program.line)
    numbers = [t.number for t in robot.spec.tools]
    if program.tool not in numbers:
        problems.append(Diagnostic(
            filename, *where_tool, f"robot {robot.id} has no tool {program.tool}",
            f"its tools are {', '.join(map(str, numbers))}"))
    elif scenario is not None and program.tool != scenario.tool:
        problems.append(Diagnostic(
            filename, *where_tool,
            f"the job uses tool {program.tool}, but scenario {scenario.id} mounts tool "
            f"{scenario.tool}", f"write TOOL {scenario.tool} under JOB"))
    return problems


def prepare_job(job: str | Path, scenario: Scenario | str | Path | None = None,
                robot: str | Path | None = None, *, data: bytes | None = None
                ) -> JobContext | list[Diagnostic]:
    """Read and parse a job, and choose its robot, home pose and user frames.

    Parameters
    ----------
    job : str or pathlib.Path
        The job file (its name is used in messages).
    scenario : Scenario, str or pathlib.Path, optional
        The exercise (or its id or path): its robot, tool, home pose and user frames.
    robot : str or pathlib.Path, optional
        Without a scenario: a robot id or TOML path (default: the job's ``ROBOT``, else
        :data:`DEFAULT_ROBOT`).
    data : bytes, optional
        The job's bytes when already read (``job`` then only names it).

    Returns
    -------
    JobContext or list of Diagnostic
        The diagnostics when the job has errors (syntax, values, a ``ROBOT`` or ``TOOL`` that
        does not fit the robot or scenario).

    Raises
    ------
    WeldsimError
        The job file, the scenario or the robot cannot be read or is unknown.
    """
    if scenario is not None and not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    chosen: Robot | None = None
    source = "scenario"
    if scenario is not None:
        chosen = load_robot(scenario.robot)
    elif robot:
        chosen, source = load_robot(robot), "--robot"
    path = Path(job)
    filename = str(path)
    if data is None:
        data = read_job_bytes(path, JobLimits())
    try:
        program = parse_job(data, filename)
    except JobError as exc:
        return exc.diagnostics
    text = data.decode("utf-8")  # parse_job accepted it, so it is UTF-8
    if chosen is None:
        source = "ROBOT" if program.robot else "default"
        chosen, unknown = _job_robot(program, filename,
                                     _header_where(text, "ROBOT", program.line))
        if unknown is not None:
            return [unknown]
    assert chosen is not None
    problems = _header_problems(program, text, filename, chosen, scenario)
    if problems:
        return problems
    if scenario is not None:
        home_q = np.asarray(scenario.home_q, dtype=np.float64)
        frames = scenario.user_frames_base()
    else:
        home_q, frames = default_home_q(chosen), {}
    return JobContext(filename, program, chosen, source, scenario, home_q, frames)
