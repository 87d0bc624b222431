"""Motion: from a Program and a robot to a sampled Trajectory.

Pure motion math lives in small modules:

* :mod:`weldsim.motion.profiles`: trapezoidal time scaling on a fixed sample grid, synchronised
  joint moves;
* :mod:`weldsim.motion.paths`: straight lines and circular arcs of the TCP;
* :mod:`weldsim.motion.weave`: the weaving overlay.
"""

from weldsim.motion.paths import ArcPath, DegeneratePathError, LinePath, arc_path, line_path
from weldsim.motion.profiles import (
    DEFAULT_DT,
    DEFAULT_RATE_HZ,
    Profile,
    joint_move_profile,
    minimum_duration,
    sample_joint_move,
    trapezoid,
)
from weldsim.motion.weave import WeavePattern, WeaveSpec, apply_weave, weave_offsets

__all__ = [
    "DEFAULT_DT",
    "DEFAULT_RATE_HZ",
    "ArcPath",
    "DegeneratePathError",
    "LinePath",
    "Profile",
    "WeavePattern",
    "WeaveSpec",
    "apply_weave",
    "arc_path",
    "joint_move_profile",
    "line_path",
    "minimum_duration",
    "sample_joint_move",
    "trapezoid",
    "weave_offsets",
]
