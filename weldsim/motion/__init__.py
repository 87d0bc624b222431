"""Motion: from a Program and a robot to a sampled Trajectory.

Pure motion math lives in small modules:

* :mod:`weldsim.motion.profiles`: trapezoidal time scaling on a fixed sample grid, synchronised
  joint moves;
* :mod:`weldsim.motion.paths`: straight lines and circular arcs of the TCP;
* :mod:`weldsim.motion.weave`: the weaving overlay;
* :mod:`weldsim.motion.planner`: :func:`plan`, Program + robot -> :class:`Trajectory`
  (:mod:`weldsim.motion.trajectory`).
"""

from __future__ import annotations

from weldsim._lazy import lazy_exports

# Loaded on first use (PEP 562): a command reads DEFAULT_RATE_HZ without importing the planner.
_EXPORTS = {
    "ArcPath": "weldsim.motion.paths",
    "DegeneratePathError": "weldsim.motion.paths",
    "LinePath": "weldsim.motion.paths",
    "arc_path": "weldsim.motion.paths",
    "line_path": "weldsim.motion.paths",
    "MotionLimits": "weldsim.motion.planner",
    "PlanningError": "weldsim.motion.planner",
    "plan": "weldsim.motion.planner",
    "DEFAULT_DT": "weldsim.motion.profiles",
    "DEFAULT_RATE_HZ": "weldsim.motion.profiles",
    "Profile": "weldsim.motion.profiles",
    "joint_move_profile": "weldsim.motion.profiles",
    "minimum_duration": "weldsim.motion.profiles",
    "sample_joint_move": "weldsim.motion.profiles",
    "steps_for": "weldsim.motion.profiles",
    "trapezoid": "weldsim.motion.profiles",
    "ALARM_KINDS": "weldsim.motion.trajectory",
    "MAX_SAMPLES": "weldsim.motion.trajectory",
    "PROBLEM_KINDS": "weldsim.motion.trajectory",
    "MotionProblem": "weldsim.motion.trajectory",
    "Trajectory": "weldsim.motion.trajectory",
    "WeavePattern": "weldsim.motion.weave",
    "WeaveSpec": "weldsim.motion.weave",
    "apply_weave": "weldsim.motion.weave",
    "weave_offsets": "weldsim.motion.weave",
}

__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)

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
