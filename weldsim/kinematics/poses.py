"""Homogeneous poses: validation, composition and the fixed-axis X-Y-Z angles of the job format.

A pose is a float64 ``(4, 4)`` array; ``T_a_b`` is the pose of frame *b* expressed in frame *a*.
Orientation angles follow the job format: ``R = Rz(rz) @ Ry(ry) @ Rx(rx)`` (rotations about the
fixed X, then Y, then Z axes), the W, P, R of common controllers.
"""

from __future__ import annotations

import numpy as np

from weldsim.errors import InvalidInputError

__all__ = [
    "ORTHONORMAL_TOL",
    "check_pose",
    "invert_pose",
    "make_pose",
    "matrix_to_rpy",
    "rpy_to_matrix",
]

#: Largest accepted deviation of ``R.T @ R`` from the identity for a pose's rotation.
ORTHONORMAL_TOL = 1e-6


def rpy_to_matrix(rx: float, ry: float, rz: float) -> np.ndarray:
    """Rotation ``Rz(rz) @ Ry(ry) @ Rx(rx)`` from fixed-axis angles in radians.

    Returns
    -------
    numpy.ndarray
        ``(3, 3)`` rotation matrix.
    """
    cx, sx = np.cos(rx), np.sin(rx)
    cy, sy = np.cos(ry), np.sin(ry)
    cz, sz = np.cos(rz), np.sin(rz)
    return np.array(
        [
            [cz * cy, cz * sy * sx - sz * cx, cz * sy * cx + sz * sx],
            [sz * cy, sz * sy * sx + cz * cx, sz * sy * cx - cz * sx],
            [-sy, cy * sx, cy * cx],
        ]
    )


def matrix_to_rpy(R: np.ndarray) -> tuple[float, float, float]:
    """Fixed-axis angles ``(rx, ry, rz)`` in radians of a rotation ``Rz @ Ry @ Rx``.

    ``ry`` is in [-pi/2, pi/2]. At ``ry = ±pi/2`` (gimbal lock) ``rx`` is set to 0 and the
    whole rotation about the vertical goes into ``rz``.
    """
    R = np.asarray(R, dtype=float)
    sy = -R[2, 0]
    cy = np.hypot(R[0, 0], R[1, 0])
    ry = float(np.arctan2(sy, cy))
    if cy > 1e-12:
        rx = float(np.arctan2(R[2, 1], R[2, 2]))
        rz = float(np.arctan2(R[1, 0], R[0, 0]))
    else:
        rx = 0.0
        rz = float(np.arctan2(-R[0, 1], R[1, 1]))
    return rx, ry, rz


def make_pose(R: np.ndarray, p) -> np.ndarray:
    """``(4, 4)`` pose from a ``(3, 3)`` rotation and a position (m)."""
    T = np.eye(4)
    T[:3, :3] = R
    T[:3, 3] = p
    return T


def invert_pose(T: np.ndarray) -> np.ndarray:
    """Inverse of a pose (or a stack of poses ``(..., 4, 4)``): ``T_b_a`` from ``T_a_b``."""
    T = np.asarray(T, dtype=float)
    R = T[..., :3, :3]
    Rt = np.swapaxes(R, -1, -2)
    out = np.zeros_like(T)
    out[..., :3, :3] = Rt
    out[..., :3, 3] = -np.einsum("...ij,...j->...i", Rt, T[..., :3, 3])
    out[..., 3, 3] = 1.0
    return out


def check_pose(T, name: str = "T", *, allow_batch: bool = True) -> np.ndarray:
    """Return ``T`` as a C-contiguous float64 array after checking it is a valid pose.

    Parameters
    ----------
    T : array_like
        ``(4, 4)`` pose, or ``(N, 4, 4)`` poses when ``allow_batch``.
    name : str
        Name of the argument, used in error messages.

    Raises
    ------
    InvalidInputError
        Wrong shape, a non-finite entry, a bottom row other than ``[0, 0, 0, 1]``, or a
        rotation that is not orthonormal with determinant +1 (tolerance ``ORTHONORMAL_TOL``).
    """
    try:
        arr = np.ascontiguousarray(T, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} must be a numeric (4, 4) pose array: {exc}") from None
    if arr.shape[-2:] != (4, 4) or arr.ndim not in ((2, 3) if allow_batch else (2,)):
        expected = "(4, 4) or (N, 4, 4)" if allow_batch else "(4, 4)"
        raise InvalidInputError(f"{name} must have shape {expected}, got {arr.shape}")
    from weldsim.kinematics._kernels import first_bad_pose

    index, code, value = first_bad_pose(arr.reshape(-1, 4, 4), ORTHONORMAL_TOL)
    if code == 0:
        return arr
    where = f" (pose {index})" if arr.ndim == 3 else ""
    if code == 1:
        raise InvalidInputError(f"{name}{where} contains NaN or infinity")
    if code == 2:
        raise InvalidInputError(f"{name}{where} must have bottom row [0, 0, 0, 1]")
    detail = f"|R^T R - I| = {value:.2e}" if code == 3 else f"determinant {value:.6f}"
    raise InvalidInputError(
        f"{name}{where} has a rotation that is not orthonormal with determinant +1 ({detail})"
    )
