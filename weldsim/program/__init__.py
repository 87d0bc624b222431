"""The job language: parse, validate, write and export weld jobs (see docs/job-format.md).

>>> from weldsim.program import parse_job, write_job
>>> program = parse_job(text, "t_fillet.job")   # raises JobError with every located problem
>>> text2 = write_job(program)                    # parse_job(text2) == program

Exporters to vendor formats live in :mod:`weldsim.program.export`.
"""

from __future__ import annotations

from weldsim.program.diagnostics import Diagnostic, JobError
from weldsim.program.limits import MAX_CONDITION_NUMBER, MAX_POSITION_NUMBER, JobLimits
from weldsim.program.model import (
    GASES,
    NAME_RE,
    ROBOT_ID_RE,
    SPEED_UNITS,
    WEAVE_PATTERNS,
    ArcEnd,
    ArcEndCondition,
    ArcStart,
    ArcStartCondition,
    CartesianPosition,
    Comment,
    Delay,
    Instruction,
    JointPosition,
    MoveC,
    MoveL,
    MoveP,
    Position,
    Program,
    WeaveCondition,
    WeaveEnd,
    WeaveStart,
    instruction_positions,
)
from weldsim.program.parser import INSTRUCTION_ALIASES, KEYWORDS, load_job, parse_job
from weldsim.program.writer import write_job

__all__ = [
    "GASES",
    "INSTRUCTION_ALIASES",
    "KEYWORDS",
    "MAX_CONDITION_NUMBER",
    "MAX_POSITION_NUMBER",
    "NAME_RE",
    "ROBOT_ID_RE",
    "SPEED_UNITS",
    "WEAVE_PATTERNS",
    "ArcEnd",
    "ArcEndCondition",
    "ArcStart",
    "ArcStartCondition",
    "CartesianPosition",
    "Comment",
    "Delay",
    "Diagnostic",
    "Instruction",
    "JobError",
    "JobLimits",
    "JointPosition",
    "MoveC",
    "MoveL",
    "MoveP",
    "Position",
    "Program",
    "WeaveCondition",
    "WeaveEnd",
    "WeaveStart",
    "instruction_positions",
    "load_job",
    "parse_job",
    "write_job",
]
