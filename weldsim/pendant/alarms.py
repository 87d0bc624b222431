"""Alarms that teach: the list of active alarms (repeats counted, not piled up) and the
analysis that names the real cause of a refused jog — which joint at which limit, or which
singularity with the joint values that make it — with the fix."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from weldsim.i18n import Qty
from weldsim.pendant.state import Alarm

__all__ = ["AlarmLog", "jog_problem", "joint_limit_alarm", "singularity_alarm"]

JUMP_RAD = 0.35
"""A Cartesian jog step needing more travel than this on a joint [rad] has no continuous
solution: it would jump across a singularity or a configuration change."""


class AlarmLog(list):
    """The active alarms, first on top. An alarm equal to an active one (same key, values
    and line) is not added again: the active one counts the repeat (``Alarm.count``)."""

    def raise_(self, alarm: Alarm) -> Alarm:
        for i, a in enumerate(self):
            if (a.key, a.args, a.line) == (alarm.key, alarm.args, alarm.line):
                self[i] = replace(a, count=a.count + 1)
                return self[i]
        self.append(alarm)
        return alarm


def _deg(rad: float) -> Qty:
    return Qty(round(math.degrees(float(rad)), 1) + 0.0, "deg", 1)


def joint_limit_alarm(robot, q_new: np.ndarray, line: int = 0) -> Alarm | None:
    """The alarm for the first joint of ``q_new`` beyond its limits (None when all are
    inside): the joint, which limit (+ or -), the limit and the angle asked for."""
    for j in range(6):
        lo, hi = float(robot.lower[j]), float(robot.upper[j])
        v = float(q_new[j])
        if v > hi + 1e-9 or v < lo - 1e-9:
            side = "+" if v > hi else "-"
            limit = hi if v > hi else lo
            return Alarm("alarm.joint_limit", {"joint": j + 1, "side": side,
                                               "limit": _deg(limit), "value": _deg(v)}, line)
    return None


def singularity_alarm(robot, q: np.ndarray, line: int = 0) -> Alarm:
    """The alarm for the singularity ``q`` is nearest (relative to its threshold), with the
    joint values that make it and the fix."""
    from weldsim.kinematics.robot import SINGULARITY_THRESHOLDS

    s = robot.singularities(q)
    w_t, e_t, s_t = SINGULARITY_THRESHOLDS
    ratios = {"wrist": float(s.wrist_rad) / w_t, "elbow": float(s.elbow_rad) / e_t,
              "shoulder": float(s.shoulder_m) / s_t}
    kind = min(ratios, key=ratios.get)
    if kind == "wrist":
        return Alarm("alarm.singular_wrist", {"j5": _deg(q[4])}, line)
    if kind == "elbow":
        return Alarm("alarm.singular_elbow", {"j3": _deg(q[2]), "j2": _deg(q[1])}, line)
    return Alarm("alarm.singular_shoulder", {"distance": Qty(round(float(s.shoulder_m) * 1000,
                                                                   1), "mm", 1),
                                             "j1": _deg(q[0])}, line)


def _closer(before, after) -> bool:
    """True when a jog brings the arm nearer a singularity it is within."""
    return bool((after.wrist and after.wrist_rad < before.wrist_rad)
                or (after.elbow and after.elbow_rad < before.elbow_rad)
                or (after.shoulder and after.shoulder_m < before.shoulder_m))


def jog_problem(robot, q: np.ndarray, T_target: np.ndarray, tool: int
                ) -> tuple[np.ndarray | None, Alarm | None]:
    """The joint angles of a Cartesian jog step, or why the robot refuses it.

    The step follows the solution that continues the arm's current one (each joint's
    2π-equivalent nearest its angle now, limits ignored); then the cause is named in this
    order: no solution at all (out of reach); no continuous solution (a jump across a
    singularity: the nearest one is named); the continuous solution beyond a joint's limit
    (that joint and limit); nearer a singularity the arm is already within.

    Returns
    -------
    (q_new, None) or (None, Alarm)
    """
    sols, _ = robot.ik(T_target, tool=tool)
    exists = ~np.isnan(sols).any(axis=1)
    if not exists.any():
        return None, Alarm("alarm.unreachable_jog", {})
    d = (sols[exists] - q + np.pi) % (2 * np.pi) - np.pi
    cand = q + d
    steps = np.abs(d).max(axis=1)
    best = int(np.argmin(steps))
    if steps[best] > JUMP_RAD:
        return None, singularity_alarm(robot, q)
    q_new = cand[best]
    limit = joint_limit_alarm(robot, q_new)
    if limit is not None:
        return None, limit
    before, after = robot.singularities(q), robot.singularities(q_new)
    if after.any and _closer(before, after):
        return None, singularity_alarm(robot, q_new)
    return q_new, None
