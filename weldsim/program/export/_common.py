"""What both exporters share: the robot protocol, effective speeds, Euler angles."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import datetime
from typing import Protocol

import numpy as np

from weldsim.errors import WeldsimError
from weldsim.program.model import (
    ArcEnd,
    ArcStart,
    ArcStartCondition,
    Instruction,
    MoveC,
    MoveL,
    Program,
)

__all__ = [
    "DEFAULT_MOVE_SPEED_M_S",
    "JOINT_ZERO_NOTE",
    "ExportError",
    "KinematicRobot",
    "effective_speeds",
    "fixed_xyz_angles",
    "now",
]

DEFAULT_MOVE_SPEED_M_S = 0.1
"""A MOVEL/MOVEC without ``S=`` outside a weld runs at 100 mm/s (job-format.md)."""

JOINT_ZERO_NOTE = "joint angles use the ROS-Industrial zero of weldsim, not the controller's"
"""Said in every exported file: weldsim's joint zero is not the vendor's."""


class ExportError(WeldsimError):
    """A Program that cannot be written in a vendor format (the message says why)."""


class KinematicRobot(Protocol):
    """What an exporter needs of a robot to turn joint positions into Cartesian ones."""

    def fk(self, q_rad: np.ndarray, tool: int = 1) -> np.ndarray:
        """``T_base_tcp``, shape (4, 4), metres, for joint angles ``q_rad`` (6,) [rad]."""
        ...

    def configuration(self, q_rad: np.ndarray) -> str:
        """The arm configuration of ``q_rad``: three letters like ``"NUT"``."""
        ...


def effective_speeds(program: Program) -> Iterator[tuple[Instruction, float | None, bool]]:
    """Each instruction with the TCP speed it runs at [m/s] and whether the arc is on.

    The speed is the instruction's ``S=``; without one, the welding speed of the arc-start
    condition in force while the arc is on, else 0.1 m/s. None for non-linear instructions.
    """
    weld: ArcStartCondition | None = None
    for ins in program.instructions:
        if isinstance(ins, ArcStart):
            weld = ins.condition
        elif isinstance(ins, ArcEnd):
            weld = None
        speed: float | None = None
        if isinstance(ins, MoveL | MoveC):
            if ins.speed_m_s is not None:
                speed = ins.speed_m_s
            elif weld is not None:
                speed = weld.speed_m_s
            else:
                speed = DEFAULT_MOVE_SPEED_M_S
        yield ins, speed, weld is not None


def fixed_xyz_angles(rotation: np.ndarray) -> tuple[float, float, float]:
    """``(rx, ry, rz)`` [rad] with ``rotation = Rz(rz) @ Ry(ry) @ Rx(rx)``."""
    r = np.asarray(rotation, dtype=float)
    ry = math.atan2(-r[2, 0], math.hypot(r[0, 0], r[1, 0]))
    if math.cos(ry) < 1e-9:  # gimbal lock: put everything in rz
        return 0.0, ry, math.atan2(-r[0, 1], r[1, 1])
    return math.atan2(r[2, 1], r[2, 2]), ry, math.atan2(r[1, 0], r[0, 0])


def now(date: datetime | None) -> datetime:
    """``date`` or the current local time (exports carry a creation date)."""
    return date if date is not None else datetime.now()
