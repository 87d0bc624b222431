"""Jogging: the robot moved by hand with the jog keys, in JOINT or a Cartesian frame, at
the chosen speed level; each step checked against joint limits, reach, singularities and
collisions (a refused step names its cause, see :mod:`weldsim.pendant.alarms`)."""

from __future__ import annotations

import numpy as np

from weldsim.pendant.alarms import jog_problem, joint_limit_alarm
from weldsim.pendant.jog import cartesian_step

__all__ = ["Jogger"]


class Jogger:
    """The jog keys of a :class:`~weldsim.pendant.controller.Pendant` (``p``)."""

    def __init__(self, pendant):
        self.p = pendant
        self.key: tuple[int, int] | None = None

    def press(self, axis: int, sign: int) -> None:
        """Press a jog key: axis 0-5 (J1-J6, or X Y Z RX RY RZ in a Cartesian frame), sign
        +1 or -1. Inching moves one step now; the other levels move in :meth:`tick`. Without
        the deadman the key does nothing but show a hint, as on the real pendant."""
        p = self.p
        if not p.may_move(jog=True):
            return
        p.runner.cancel()
        if p.speed.inching:
            amount = p.speed.inch_rad if (p.frame == "JOINT" or axis >= 3) else p.speed.inch_m
            self.step(axis, sign * amount)
        else:
            self.key = (int(axis), 1 if sign > 0 else -1)

    def release(self) -> None:
        """Release the jog key."""
        self.key = None

    def tick(self, dt: float) -> None:
        """Continuous jog for ``dt`` seconds while a key is held."""
        p = self.p
        if self.key is None:
            return
        if not (p.servo and p.deadman):
            self.key = None
            return
        axis, sign = self.key
        lvl = p.speed
        if p.frame == "JOINT":
            vmax = float(p.robot.spec.joints.max_speed_rad_s[axis])
            amount = min(lvl.angular_rad_s, vmax) * dt
        else:
            amount = (lvl.linear_m_s if axis < 3 else lvl.angular_rad_s) * dt
        if not self.step(axis, sign * amount):
            self.key = None

    def step(self, axis: int, amount: float) -> bool:
        """Move one jog step (``amount`` in m or rad); False when refused (alarm raised)."""
        p = self.p
        q = p.q
        if p.frame == "JOINT":
            q_new = q.copy()
            q_new[axis] += amount
            alarm = joint_limit_alarm(p.robot, q_new)
        else:
            T = cartesian_step(p.tcp_base(), p.frame, axis, amount, p.user_frames)
            q_new, alarm = jog_problem(p.robot, q, T, p.tool)
        if alarm is not None:
            p.raise_alarm(alarm)
            return False
        return p.move_to(np.asarray(q_new, dtype=float))
