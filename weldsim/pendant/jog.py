"""Jog kinematics: the next joint angles for a jog step in a frame (no state, no drawing)."""

from __future__ import annotations

import numpy as np

from weldsim.kinematics.poses import invert_pose

__all__ = ["axis_rotation", "cartesian_step", "frame_pose", "pose_in_frame"]


def axis_rotation(axis: np.ndarray, angle: float) -> np.ndarray:
    """Rotation matrix (3, 3) of ``angle`` [rad] about the unit vector ``axis`` (Rodrigues)."""
    a = np.asarray(axis, dtype=float)
    a = a / np.linalg.norm(a)
    K = np.array([[0.0, -a[2], a[1]], [a[2], 0.0, -a[0]], [-a[1], a[0], 0.0]])
    return np.eye(3) + np.sin(angle) * K + (1.0 - np.cos(angle)) * (K @ K)


def frame_pose(frame: str, T_base_tcp: np.ndarray, user_frames: dict[str, np.ndarray]
               ) -> np.ndarray:
    """``T_base_frame`` of a Cartesian jog frame: BASE, TOOL (the current TCP) or USER<n>."""
    if frame == "BASE":
        return np.eye(4)
    if frame == "TOOL":
        return T_base_tcp
    return user_frames[frame]


def cartesian_step(T_base_tcp: np.ndarray, frame: str, axis: int, amount: float,
                   user_frames: dict[str, np.ndarray]) -> np.ndarray:
    """The TCP pose after a Cartesian jog step.

    Parameters
    ----------
    T_base_tcp : ndarray, shape (4, 4)
        The TCP now, base frame [m].
    frame : str
        ``"BASE"``, ``"TOOL"`` or ``"USER<n>"``.
    axis : int
        0, 1, 2: translate along the frame's X, Y, Z; 3, 4, 5: rotate about the frame's X,
        Y, Z axis through the TCP (the wire tip stays where it is).
    amount : float
        [m] for a translation, [rad] for a rotation; the sign is the direction.
    user_frames : dict of str to ndarray (4, 4)
        ``T_base_user`` by name.

    Returns
    -------
    ndarray, shape (4, 4)
        The new ``T_base_tcp``.
    """
    R_frame = frame_pose(frame, T_base_tcp, user_frames)[:3, :3]
    direction = R_frame[:, axis % 3]
    out = T_base_tcp.copy()
    if axis < 3:
        out[:3, 3] = T_base_tcp[:3, 3] + amount * direction
    else:
        out[:3, :3] = axis_rotation(direction, amount) @ T_base_tcp[:3, :3]
    return out


def pose_in_frame(T_base_tcp: np.ndarray, frame: str, user_frames: dict[str, np.ndarray]
                  ) -> np.ndarray:
    """``T_frame_tcp``: the TCP in BASE or a user frame (TOOL and JOINT show BASE)."""
    if frame.startswith("USER") and frame in user_frames:
        return invert_pose(user_frames[frame]) @ T_base_tcp
    return T_base_tcp
