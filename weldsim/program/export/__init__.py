"""Export a Program to vendor robot-program formats.

- :func:`export_inform`: Yaskawa INFORM (``.JBI``).
- :func:`export_fanuc_ls`: FANUC TP ASCII (``.LS``).

weldsim's job language is not a vendor format; these exports are a starting point for a
program on a real controller, to be checked there (condition files, frames, tool data).
"""

from __future__ import annotations

from weldsim.program.export._common import (
    JOINT_ZERO_NOTE,
    ExportError,
    KinematicRobot,
    effective_speeds,
)
from weldsim.program.export.fanuc_ls import export_fanuc_ls
from weldsim.program.export.inform import export_inform

__all__ = [
    "JOINT_ZERO_NOTE",
    "ExportError",
    "KinematicRobot",
    "effective_speeds",
    "export_fanuc_ls",
    "export_inform",
]
