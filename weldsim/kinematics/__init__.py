"""Robot models and exact closed-form kinematics of 6-axis spherical-wrist arms (OPW).

>>> from weldsim.kinematics import load_robot
>>> robot = load_robot("fd-b4")
>>> T = robot.fk([0, 0, 0, 0, -1.2, 0])          # T_base_tcp of tool 1
>>> sols, ok = robot.ik(T)                        # (8, 6), (8,)
"""

from weldsim.errors import UnreachableError
from weldsim.kinematics.loader import bundled_robot_ids, load_robot_spec
from weldsim.kinematics.poses import (
    check_pose,
    invert_pose,
    make_pose,
    matrix_to_rpy,
    rpy_to_matrix,
)
from weldsim.kinematics.robot import (
    SINGULARITY_THRESHOLDS,
    Robot,
    SingularityReport,
    format_configuration,
    load_robot,
    parse_configuration,
)
from weldsim.kinematics.spec import JointSpec, LinkSpec, OPWParameters, RobotSpec, ToolSpec

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
