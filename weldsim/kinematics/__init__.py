"""Robot models and exact closed-form kinematics of 6-axis spherical-wrist arms (OPW).

>>> from weldsim.kinematics import load_robot
>>> robot = load_robot("fd-b4")
>>> T = robot.fk([0, 0, 0, 0, -1.2, 0])          # T_base_tcp of tool 1
>>> sols, ok = robot.ik(T)                        # (8, 6), (8,)
"""

from __future__ import annotations

from weldsim._lazy import lazy_exports

# Loaded on first use (PEP 562), so that a command that only lists the bundled robots or reads
# a pose does not import numba (the kernels of :mod:`weldsim.kinematics.robot`).
_EXPORTS = {
    "UnreachableError": "weldsim.errors",
    "bundled_robot_ids": "weldsim.kinematics.loader",
    "load_robot_spec": "weldsim.kinematics.loader",
    "check_pose": "weldsim.kinematics.poses",
    "invert_pose": "weldsim.kinematics.poses",
    "make_pose": "weldsim.kinematics.poses",
    "matrix_to_rpy": "weldsim.kinematics.poses",
    "rpy_to_matrix": "weldsim.kinematics.poses",
    "SINGULARITY_THRESHOLDS": "weldsim.kinematics.robot",
    "Robot": "weldsim.kinematics.robot",
    "SingularityReport": "weldsim.kinematics.robot",
    "format_configuration": "weldsim.kinematics.robot",
    "load_robot": "weldsim.kinematics.robot",
    "parse_configuration": "weldsim.kinematics.robot",
    "JointSpec": "weldsim.kinematics.spec",
    "LinkSpec": "weldsim.kinematics.spec",
    "OPWParameters": "weldsim.kinematics.spec",
    "RobotSpec": "weldsim.kinematics.spec",
    "ToolSpec": "weldsim.kinematics.spec",
}

__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)

__all__ = [
    "SINGULARITY_THRESHOLDS",
    "JointSpec",
    "LinkSpec",
    "OPWParameters",
    "Robot",
    "RobotSpec",
    "SingularityReport",
    "ToolSpec",
    "UnreachableError",
    "bundled_robot_ids",
    "check_pose",
    "format_configuration",
    "invert_pose",
    "load_robot",
    "load_robot_spec",
    "make_pose",
    "matrix_to_rpy",
    "parse_configuration",
    "rpy_to_matrix",
]
