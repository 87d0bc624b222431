"""A job made ready to plan: parsed, with its robot, home pose and user frames chosen.

Shared by the command line (``check``, ``plan``, ``export``, ``run``) and the exercise runner.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from weldsim.i18n import Message
from weldsim.kinematics.loader import bundled_robot_ids
from weldsim.program import Diagnostic, JobError, JobLimits, Program, parse_job
from weldsim.program.source import read_job_bytes
from weldsim.scenarios.loader import load_scenario
from weldsim.scenarios.spec import Scenario

if TYPE_CHECKING:
    from weldsim.kinematics.robot import Robot

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


def default_home_q(robot: Robot) -> np.ndarray:
    """:data:`DEFAULT_HOME_DEG` in radians, moved inside the robot's joint limits if needed."""
    return np.clip(np.radians(DEFAULT_HOME_DEG), robot.lower, robot.upper)


def _header_where(program: Program, keyword: str) -> tuple[int, int]:
    """Line and column of the ``ROBOT`` or ``TOOL`` statement (the ``JOB`` line if absent)."""
    line, column = program.robot_at if keyword == "ROBOT" else program.tool_at
    return (line, column) if line else (program.line or 1, 1)


def _job_robot(program: Program, filename: str,
               where: tuple[int, int]) -> tuple[Robot | None, Diagnostic | None]:
    """The robot the job's ``ROBOT`` names (or the default); a located error for an unknown id."""
    if program.robot and program.robot not in bundled_robot_ids():
        near = [r for r in bundled_robot_ids() if r.lower() == program.robot.lower()]
        return None, Diagnostic.of(
            filename, *where, Message.of("job.robot_unknown", robot=program.robot),
            Message.of("job.hint.robot_case", robot=near[0]) if near else
            Message.of("job.hint.robot_bundled", robots=", ".join(bundled_robot_ids())))
    from weldsim.kinematics.robot import load_robot  # numba: only when a job is prepared

    return load_robot(program.robot or DEFAULT_ROBOT), None


def _header_problems(program: Program, filename: str, robot: Robot,
                     scenario: Scenario | None) -> list[Diagnostic]:
    """A ``ROBOT`` that is not the robot used, a ``TOOL`` it lacks or the scenario does not use."""
    problems: list[Diagnostic] = []
    if program.robot and program.robot != robot.id:
        problem = (Message.of("job.robot_not_scenarios", job=program.robot, robot=robot.id,
                              scenario=scenario.id) if scenario is not None else
                   Message.of("job.robot_not_given", job=program.robot, robot=robot.id))
        problems.append(Diagnostic.of(
            filename, *_header_where(program, "ROBOT"), problem,
            Message.of("job.hint.robot_write", robot=robot.id)))
    where_tool = _header_where(program, "TOOL")
    numbers = [t.number for t in robot.spec.tools]
    if program.tool not in numbers:
        problems.append(Diagnostic.of(
            filename, *where_tool,
            Message.of("job.tool_missing", robot=robot.id, tool=program.tool),
            Message.of("job.hint.tools", tools=", ".join(map(str, numbers)))))
    elif scenario is not None and program.tool != scenario.tool:
        problems.append(Diagnostic.of(
            filename, *where_tool,
            Message.of("job.tool_not_scenarios", tool=program.tool, scenario=scenario.id,
                       mounted=scenario.tool),
            Message.of("job.hint.tool_write", tool=scenario.tool)))
    return problems


def prepare_job(job: str | Path, scenario: Scenario | str | Path | None = None,
                robot: str | Path | Robot | None = None, *, data: bytes | None = None
                ) -> JobContext:
    """Read and parse a job, and choose its robot, home pose and user frames.

    Parameters
    ----------
    job : str or pathlib.Path
        The job file (its name is used in messages).
    scenario : Scenario, str or pathlib.Path, optional
        The exercise (or its id or path): its robot, tool, home pose and user frames.
    robot : Robot, str or pathlib.Path, optional
        Without a scenario: a robot id or TOML path (default: the job's ``ROBOT``, else
        :data:`DEFAULT_ROBOT`). A loaded :class:`Robot` is used as it is (with a scenario:
        when it is the scenario's robot), so a caller that holds one never loads it twice.
    data : bytes, optional
        The job's bytes when already read (``job`` then only names it).

    Returns
    -------
    JobContext

    Raises
    ------
    JobError
        The job has errors (syntax, values, a ``ROBOT`` or ``TOOL`` that does not fit the
        robot or scenario), every one located.
    WeldsimError
        The job file, the scenario or the robot cannot be read or is unknown.
    """
    from weldsim.kinematics.robot import Robot, load_robot  # numba: only when a job is prepared

    if scenario is not None and not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    chosen: Robot | None = None
    source = "scenario"
    if scenario is not None:
        chosen = (robot if isinstance(robot, Robot) and robot.id == scenario.robot
                  else load_robot(scenario.robot))
    elif isinstance(robot, Robot):
        chosen, source = robot, "--robot"
    elif robot:
        chosen, source = load_robot(robot), "--robot"
    path = Path(job)
    filename = str(path)
    if data is None:
        data = read_job_bytes(path, JobLimits())
    program = parse_job(data, filename)  # raises JobError
    if chosen is None:
        source = "ROBOT" if program.robot else "default"
        chosen, unknown = _job_robot(program, filename, _header_where(program, "ROBOT"))
        if unknown is not None:
            raise JobError([unknown])
    assert chosen is not None
    problems = _header_problems(program, filename, chosen, scenario)
    if problems:
        raise JobError(problems)
    if scenario is not None:
        home_q = np.asarray(scenario.home_q, dtype=np.float64)
        frames = scenario.user_frames_base()
    else:
        home_q, frames = default_home_q(chosen), {}
    return JobContext(filename, program, chosen, source, scenario, home_q, frames)
