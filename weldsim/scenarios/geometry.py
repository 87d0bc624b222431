"""Geometry of the cell's solids: signed distances, used to check that a seam lies on the
workpiece, and the highest point of a solid, used to check that the home pose is clear above
the work. Plain numpy; distances in metres, negative inside a solid."""

from __future__ import annotations

import numpy as np

from weldsim.kinematics.poses import invert_pose
from weldsim.scenarios.spec import Solid

__all__ = ["polygon_signed_distance", "solid_signed_distance", "solid_top_z"]


def polygon_signed_distance(poly: np.ndarray, pts: np.ndarray) -> np.ndarray:
    """Signed distance of 2-D points (N, 2) to a convex polygon (K, 2); negative inside."""
    poly = np.asarray(poly, dtype=float)
    a = poly
    b = np.roll(poly, -1, axis=0)
    ab = b - a  # (K, 2)
    ap = pts[:, None, :] - a[None]  # (N, K, 2)
    t = np.clip((ap * ab).sum(-1) / (ab * ab).sum(-1), 0.0, 1.0)
    closest = a[None] + t[..., None] * ab[None]
    dist = np.linalg.norm(pts[:, None, :] - closest, axis=-1).min(axis=1)
    cross = ab[None, :, 0] * ap[..., 1] - ab[None, :, 1] * ap[..., 0]
    orientation = np.sign(np.sum(a[:, 0] * b[:, 1] - b[:, 0] * a[:, 1]))
    inside = np.all(cross * orientation >= 0.0, axis=1)
    return np.where(inside, -dist, dist)


def _combine(d1: np.ndarray, d2: np.ndarray) -> np.ndarray:
    """Signed distance of the intersection of two slabs given per-axis signed distances."""
    w = np.stack([d1, d2], axis=-1)
    outside = np.linalg.norm(np.maximum(w, 0.0), axis=-1)
    return outside + np.minimum(w.max(axis=-1), 0.0)


def solid_signed_distance(solid: Solid, points_world: np.ndarray) -> np.ndarray:
    """Signed distance (m) of world points (N, 3) to a solid's surface; negative inside."""
    T = invert_pose(solid.T_world_solid)
    p = np.asarray(points_world, dtype=float) @ T[:3, :3].T + T[:3, 3]
    if solid.shape == "box":
        q = np.abs(p) - np.asarray(solid.size_m) / 2.0
        outside = np.linalg.norm(np.maximum(q, 0.0), axis=1)
        return outside + np.minimum(q.max(axis=1), 0.0)
    if solid.shape == "prism":
        d2 = polygon_signed_distance(solid.profile_m, p[:, 1:3])
        x0, x1 = solid.x_range_m
        dx = np.maximum(x0 - p[:, 0], p[:, 0] - x1)
        return _combine(d2, dx)
    if solid.shape == "cylinder":
        rho = np.hypot(p[:, 0], p[:, 1])
        dr = rho - solid.radius_m
        if solid.inner_radius_m > 0.0:
            dr = np.maximum(dr, solid.inner_radius_m - rho)
        dz = np.abs(p[:, 2]) - solid.length_m / 2.0
        return _combine(dr, dz)
    raise ValueError(f"unknown shape {solid.shape!r}")


def solid_top_z(solid: Solid) -> float:
    """Height (world z, m) of the highest point of a solid.

    Exact for every shape: a box's or prism's highest corner; for a cylinder the top of its
    end circles, ``|a_z| L / 2 + r sqrt(1 - a_z^2)`` above its centre, with ``a`` its axis.
    """
    T = solid.T_world_solid
    R, o = T[:3, :3], T[:3, 3]
    if solid.shape == "box":
        half = np.asarray(solid.size_m) / 2.0
        signs = np.array([[sx, sy, sz] for sx in (-1, 1) for sy in (-1, 1) for sz in (-1, 1)])
        return float(((signs * half) @ R.T + o)[:, 2].max())
    if solid.shape == "prism":
        profile = np.asarray(solid.profile_m)
        corners = np.vstack([np.column_stack([np.full(len(profile), x), profile])
                             for x in solid.x_range_m])
        return float((corners @ R.T + o)[:, 2].max())
    if solid.shape == "cylinder":
        a_z = abs(float(R[2, 2]))
        across = np.sqrt(max(0.0, 1.0 - a_z * a_z))
        return float(o[2] + a_z * solid.length_m / 2.0 + solid.radius_m * across)
    raise ValueError(f"unknown shape {solid.shape!r}")
