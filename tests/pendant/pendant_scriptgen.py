"""Builds pendant scripts the way a trainee would key them: hold a jog key at HIGH for whole
frames, then inch the rest. Knows the pendant's jog speeds, so it can tell where the TCP
ends up (deterministic: 1/60 s per scripted frame)."""

from __future__ import annotations

import json
import math

import numpy as np

from weldsim.kinematics import matrix_to_rpy
from weldsim.pendant.jog import axis_rotation
from weldsim.pendant.script import SCRIPT_DT
from weldsim.pendant.state import SPEED_LEVELS

PLUS = ("1", "2", "3", "4", "5", "6")
MINUS = ("q", "w", "e", "r", "t", "y")
HIGH, INCH = 3, 0


class ScriptBuilder:
    """Steps of a script, and the TCP pose they lead to.

    Parameters
    ----------
    frames : sequence of str
        The pendant's jog frames in Tab order (``Pendant.frames``).
    T_base_tcp : ndarray (4, 4)
        The TCP at the start.
    user_frames : dict
        ``T_base_user`` by name.
    """

    def __init__(self, frames, T_base_tcp, user_frames, speed=2):
        self.steps: list[dict] = []
        self.frames = tuple(frames)
        self.frame = self.frames[0]
        self.speed = speed
        self.T = np.array(T_base_tcp, dtype=float)
        self.user_frames = user_frames
        self.warp = 1

    # -- raw steps ------------------------------------------------------------------------
    def add(self, **step) -> ScriptBuilder:
        self.steps.append(step)
        return self

    def tap(self, key, repeat=1, mod=None):
        step = {"tap": key}
        if repeat != 1:
            step["repeat"] = repeat
        if mod:
            step["mod"] = mod
        return self.add(**step)

    def set_warp(self, k):
        """Fast-forward: each frame is k x 1/60 s."""
        self.warp = k
        return self.add(warp=k)

    def wait(self, frames):
        return self.add(wait=int(frames))

    def text(self) -> str:
        return "\n".join(json.dumps(s) for s in self.steps) + "\n"

    # -- pendant keys -----------------------------------------------------------------------
    def set_frame(self, name):
        n = (self.frames.index(name) - self.frames.index(self.frame)) % len(self.frames)
        if n:
            self.tap("tab", n)
        self.frame = name

    def set_speed(self, index):
        if index > self.speed:
            self.tap("page up", index - self.speed)
        elif index < self.speed:
            self.tap("page down", self.speed - index)
        self.speed = index

    def _frame_R(self):
        if self.frame == "BASE":
            return np.eye(3)
        if self.frame == "TOOL":
            return self.T[:3, :3].copy()
        return self.user_frames[self.frame][:3, :3]

    def jog(self, axis: int, amount: float):
        """Jog a Cartesian axis (0-2 mm, 3-5 deg) in the current frame by ``amount``."""
        if abs(amount) < 1e-9:
            return
        linear = axis < 3
        high = SPEED_LEVELS[HIGH]
        inch = SPEED_LEVELS[INCH]
        per_frame = (high.linear_m_s * 1000.0 if linear else
                     math.degrees(high.angular_rad_s)) * SCRIPT_DT * self.warp
        step = inch.inch_m * 1000.0 if linear else math.degrees(inch.inch_rad)
        key = PLUS[axis] if amount > 0 else MINUS[axis]
        n = int(abs(amount) // per_frame)
        rest = abs(amount) - n * per_frame
        m = round(rest / step)
        R = self._frame_R()
        direction = R[:, axis % 3]
        done = math.copysign(n * per_frame + m * step, amount)
        if n:
            self.set_speed(HIGH)
            self.add(key=key, down=True).wait(n).add(key=key, down=False)
        if m:
            self.set_speed(INCH)
            self.tap(key, m)
        if linear:
            self.T[:3, 3] += direction * done / 1000.0
        else:
            self.T[:3, :3] = axis_rotation(direction, math.radians(done)) @ self.T[:3, :3]

    # -- higher level -----------------------------------------------------------------------
    def move_to(self, p_base, frame="USER1", z_first=True):
        """Translate the TCP to ``p_base`` [m] along the axes of ``frame``."""
        self.set_frame(frame)
        R = self._frame_R()
        d = R.T @ (np.asarray(p_base) - self.T[:3, 3]) * 1000.0
        order = (2, 0, 1) if (d[2] > 0) == z_first else (0, 1, 2)
        for k in order:
            self.jog(k, d[k])

    def turn_to(self, R_base, frame="USER1"):
        """Rotate about the TCP to the orientation ``R_base`` (3, 3), base frame."""
        self.set_frame(frame)
        R_delta = np.asarray(R_base) @ self.T[:3, :3].T
        # the shortest turn, in pieces of at most 10 degrees (each keyed as RX, RY, RZ)
        angle = math.acos(max(-1.0, min(1.0, (np.trace(R_delta) - 1.0) / 2.0)))
        if angle < 1e-9:
            return
        axis = np.array([R_delta[2, 1] - R_delta[1, 2], R_delta[0, 2] - R_delta[2, 0],
                         R_delta[1, 0] - R_delta[0, 1]]) / (2.0 * math.sin(angle))
        pieces = max(1, math.ceil(math.degrees(angle) / 10.0))
        for _ in range(pieces):
            R_piece = axis_rotation(axis, angle / pieces)
            Rf = self._frame_R()
            rx, ry, rz = matrix_to_rpy(Rf.T @ R_piece @ Rf)
            for k, a in ((3, rx), (4, ry), (5, rz)):
                self.jog(k, math.degrees(a))
        # what the quantised jogs missed
        R_rest = np.asarray(R_base) @ self.T[:3, :3].T
        rx, ry, rz = matrix_to_rpy(self._frame_R().T @ R_rest @ self._frame_R())
        for k, a in ((3, rx), (4, ry), (5, rz)):
            self.jog(k, math.degrees(a))

    def turn_wire_to(self, axis_base, frame="USER1", robot=None, q_ref=None, points=()):
        """Rotate about the TCP so the wire axis (tool +Z) points along ``axis_base``.

        With ``robot``, the spin about the wire is chosen (in 15 degree steps) to keep the
        wrist farthest from its singularity at ``points`` (base [m]), as a trainee turns the
        torch so that J5 stays bent."""
        self.set_frame(frame)
        z = self.T[:3, 2]
        a = np.asarray(axis_base, dtype=float)
        a = a / np.linalg.norm(a)
        c = np.cross(z, a)
        s = np.linalg.norm(c)
        R_min = axis_rotation(c / s, math.atan2(s, float(z @ a))) if s > 1e-12 else np.eye(3)
        R_delta = R_min
        if robot is not None:
            best = None
            for psi in np.radians(np.arange(-180.0, 180.0, 15.0)):
                R = axis_rotation(a, psi) @ R_min
                R_target = R @ self.T[:3, :3]
                worst = math.inf
                for pnt in points:
                    T = np.eye(4)
                    T[:3, :3], T[:3, 3] = R_target, pnt
                    try:
                        q = robot.ik_nearest(T, q_ref)
                    except Exception:
                        worst = -1.0
                        break
                    worst = min(worst, robot.singularities(q).wrist_rad)
                key = (round(min(worst, 0.9), 2), -abs(psi))
                if best is None or key > best[0]:
                    best = (key, R)
            R_delta = best[1]
        Rf = self._frame_R()
        rx, ry, rz = matrix_to_rpy(Rf.T @ R_delta @ Rf)
        for k, angle in ((3, rx), (4, ry), (5, rz)):
            self.jog(k, math.degrees(angle))
