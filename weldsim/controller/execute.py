"""The simulated controller: play a job line by line and stop at the first alarm.

One execution model for ``check``, ``run``, batch grading and the pendant's play: the planner
samples the motion up to the first line the robot cannot execute (joint limit, reach, a joint
speed it cannot reach even slowed, a configuration change inside a linear or circular move, an
undefined frame); the cell plays what was planned until the first collision; the wire axis is
cast and the robot stops where the contact tip meets the work (CTWD <= 0). Whatever comes
first stops the robot: the trajectory and the trace end on the sample before (on the touching
sample for a collision, whose touch trips the sensor), the arc goes out there, and the weld is
exactly what was deposited up to that instant.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from weldsim._runtime import lean
from weldsim.controller.alarms import Alarm, alarm_from_problem, collision_alarm, wire_touch_alarm
from weldsim.motion import Trajectory, plan
from weldsim.motion.trajectory import MotionProblem
from weldsim.sim import Cell, Trace

__all__ = ["Execution", "execute"]


@dataclass(frozen=True, eq=False)
class Execution:
    """What the controller executed.

    Attributes
    ----------
    trajectory : Trajectory
        The motion the robot made: the plan up to where it stopped (the whole job without an
        alarm).
    trace : Trace or None
        The same motion played in the cell; None when played without a cell (no scenario).
    alarm : Alarm or None
        Why it stopped; None when the job ran to its end.
    warnings : tuple of MotionProblem
        The planner's warnings up to the stop (slowed moves, singularities), in time order.
    """

    trajectory: Trajectory
    trace: Trace | None
    alarm: Alarm | None
    warnings: tuple[MotionProblem, ...]

    @property
    def stopped(self) -> bool:
        """The robot stopped with an alarm before the end of the job."""
        return self.alarm is not None


@lean
def execute(ctx, cell: Cell | None = None, *, rate_hz: float = 250.0) -> Execution:
    """Plan and play a prepared job until its first alarm.

    Parameters
    ----------
    ctx : weldsim.jobs.JobContext
        The parsed job with its robot, home pose and user frames.
    cell : Cell, optional
        The scenario's cell (its arm is put back home first); without one, collisions and
        the wire are not checked and :attr:`Execution.trace` is None.
    rate_hz : float
        Sample rate (Hz).

    Raises
    ------
    PlanningError
        The job cannot be planned at all (an ordering rule, a degenerate arc, a weave the
        torch cannot do, beyond the sample budget); located at its line.
    """
    planned = plan(ctx.program, ctx.robot, home_q=ctx.home_q, user_frames=ctx.user_frames,
                   rate_hz=rate_hz, until_alarm=True)
    alarm: Alarm | None = None
    first = planned.first_alarm
    trajectory = planned
    if first is not None:
        alarm = alarm_from_problem(first)
        trajectory = planned.head(first.sample, keep=first)
    trace = None
    if cell is not None:
        cell.reset()
        trace = cell.play(trajectory, until_contact=True)
        columns = {ins.line: ins.column for ins in ctx.program.instructions}
        stop = trace.stop_contact
        if stop is not None:  # the touch trips the collision sensor: it stops on that sample
            alarm = collision_alarm(stop, columns.get(stop.line, 0))
            trajectory = trajectory.head(stop.sample + 1)
        touching = np.flatnonzero(trace.ray_hit & (trace.ctwd_m <= 0.0))
        if stop is not None:  # on the touching sample itself the collision is the alarm
            touching = touching[touching < stop.sample]
        if touching.size:
            i = int(touching[0])
            line = int(trace.line[i])
            alarm = wire_touch_alarm(line, columns.get(line, 0), float(trace.t[i]), i,
                                     float(trace.ctwd_m[i]) * 1000.0)
            trajectory = trajectory.head(i)
            trace = trace.head(i)
    warnings = tuple(p for p in trajectory.problems if not p.is_alarm)
    return Execution(trajectory, trace, alarm, warnings)
