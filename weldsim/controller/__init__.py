"""The simulated robot controller: one execution model for ``check``, ``run``, batch grading
and the pendant's play.

>>> from weldsim.controller import execute
>>> ex = execute(ctx, cell)          # plan + play until the first alarm
>>> ex.alarm                         # None, or why and where the robot stopped
>>> ex.trajectory, ex.trace          # what the robot really did (ends where it stopped)
"""

from weldsim.controller.alarms import ALARM_KINDS, FIXES, Alarm
from weldsim.controller.execute import Execution, execute

__all__ = ["ALARM_KINDS", "FIXES", "Alarm", "Execution", "execute"]
