"""Motion: from a Program and a robot to a sampled Trajectory.

Pure motion math lives in small modules:

* :mod:`weldsim.motion.profiles`: trapezoidal time scaling on a fixed sample grid, synchronised
  joint moves;
* :mod:`weldsim.motion.paths`: straight lines and circular arcs of the TCP;
* :mod:`weldsim.motion.weave`: the weaving overlay;
* :mod:`weldsim.motion.planner`: :func:`plan`, Program + robot -> :class:`Trajectory`
  (:mod:`weldsim.motion.trajectory`).
"""

from weldsim.motion.paths import ArcPath, DegeneratePathError, LinePath, arc_path, line_path

# the planner imports the program model; keep it last so the pure-math modules load alone
from weldsim.motion.planner import MotionLimits, PlanningError, plan
from weldsim.motion.profiles import (
    DEFAULT_DT,
    DEFAULT_RATE_HZ,
    Profile,
    joint_move_profile,
    minimum_duration,
    sample_joint_move,
    steps_for,
    trapezoid,
)
from weldsim.motion.trajectory import (
    ALARM_KINDS,
    MAX_SAMPLES,
    PROBLEM_KINDS,
    MotionProblem,
    Trajectory,
)
from weldsim.motion.weave import WeavePattern, WeaveSpec, apply_weave, weave_offsets

__all__ = [
    "ALARM_KINDS",
    "DEFAULT_DT",
    "DEFAULT_RATE_HZ",
    "MAX_SAMPLES",
    "PROBLEM_KINDS",
    "ArcPath",
    "DegeneratePathError",
    "LinePath",
    "MotionLimits",
    "MotionProblem",
    "PlanningError",
    "Profile",
    "Trajectory",
    "WeavePattern",
    "WeaveSpec",
    "apply_weave",
    "arc_path",
    "joint_move_profile",
    "line_path",
    "minimum_duration",
    "plan",
    "sample_joint_move",
    "steps_for",
    "trapezoid",
    "weave_offsets",
]
