"""The wire axis cast against the workpiece analytically, without pybullet.

:func:`cast_wire` gives what :meth:`weldsim.sim.Cell.cast_wire` gives (the same ray, the same
solids, the same arrays) from the scenario's solids alone: each ray starts at the contact tip
(``stick_out_m`` behind the TCP along the tool's z) and runs ``ray_length_m`` along z; it is
clipped exactly against every solid the cell's ray cast sees (roles ``workpiece`` and
``backing``): a box or a prism as the convex polyhedron of its bounding planes (Cyrus-Beck),
a cylinder by its mantle and its two caps. As in the cell, a cylinder is solid (the
cell's collision shape ignores ``inner_radius_m``); the nearest hit over the solids wins.

A contact tip inside a solid meets it at once: CTWD 0, the controller's wire-touch alarm.
pybullet is erratic there (its convex cast meets a box or cylinder at 0 only within about a
millimetre of the surface and misses it deeper; its prism mesh is met from behind, at the
face the ray leaves by); no reference job puts the tip inside the work.

Plain numpy over all rays at once: a few milliseconds for ten thousand rays. Frames: world
(the cell's), metres.
"""

from __future__ import annotations

import numpy as np

from weldsim.scenarios.spec import Scenario, Solid

__all__ = ["RAY_ROLES", "cast_wire"]

#: Roles of the solids the wire axis can meet (the cell's ``_WORK`` collision group).
RAY_ROLES = ("workpiece", "backing")

_EPS = 1e-15


def _half_spaces(solid: Solid) -> tuple[np.ndarray, np.ndarray]:
    """Outward unit normals (P, 3) and offsets (P,) of the planes bounding a box or prism
    in its own frame: the solid is ``n_k . p <= h_k`` for every k."""
    if solid.shape == "box":
        half = 0.5 * np.asarray(solid.size_m, dtype=np.float64)
        eye = np.eye(3)
        return np.vstack([eye, -eye]), np.concatenate([half, half])
    x0, x1 = (float(v) for v in solid.x_range_m)
    poly = np.asarray(solid.profile_m, dtype=np.float64)
    nxt = np.roll(poly, -1, axis=0)
    area = np.sum(poly[:, 0] * nxt[:, 1] - nxt[:, 0] * poly[:, 1])
    edge = nxt - poly
    out2 = np.sign(area) * np.column_stack([edge[:, 1], -edge[:, 0]])
    out2 /= np.hypot(out2[:, 0], out2[:, 1])[:, None]
    normals = np.vstack([[[1.0, 0.0, 0.0], [-1.0, 0.0, 0.0]],
                         np.column_stack([np.zeros(len(poly)), out2])])
    offsets = np.concatenate([[x1, -x0], np.sum(out2 * poly, axis=1)])
    return normals, offsets


def _clip_planes(o: np.ndarray, d: np.ndarray, normals: np.ndarray, offsets: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Cyrus-Beck clip of rays ``o + t d`` (t >= 0) to a convex polyhedron: entry and exit
    parameters (NaN / -inf where the ray misses), and the entry face's index (-1 when the
    ray starts inside)."""
    num = offsets[None, :] - o @ normals.T  # (N, P): > 0 inside the plane
    den = d @ normals.T
    with np.errstate(divide="ignore", invalid="ignore"):
        t = num / den
    entering = den < -_EPS
    leaving = den > _EPS
    t_in = np.where(entering, t, -np.inf)
    face = np.argmax(t_in, axis=1)
    t0 = np.take_along_axis(t_in, face[:, None], axis=1)[:, 0]
    face = np.where(t0 > 0.0, face, -1)
    t0 = np.maximum(t0, 0.0)
    t1 = np.where(leaving, t, np.inf).min(axis=1)
    parallel_out = (~entering & ~leaving & (num < 0.0)).any(axis=1)
    t1[parallel_out] = -np.inf
    return t0, t1, face, num


def _ray_solid(solid: Solid, start: np.ndarray, z: np.ndarray, length: float
               ) -> tuple[np.ndarray, np.ndarray]:
    """Entry distance (m, NaN without a hit within ``length``) and entry normal (world) of
    rays against one solid; a ray starting inside meets it at 0."""
    T = solid.T_world_solid
    R, c = T[:3, :3], T[:3, 3]
    o = (start - c) @ R  # solid frame
    d = z @ R
    n = len(o)
    normal = np.empty((n, 3))
    if solid.shape in ("box", "prism"):
        planes, offsets = _half_spaces(solid)
        t0, t1, face, _ = _clip_planes(o, d, planes, offsets)
        normal[:] = planes[face]
    elif solid.shape == "cylinder":
        hl = 0.5 * solid.length_m
        caps = np.array([[0.0, 0.0, 1.0], [0.0, 0.0, -1.0]])
        t0, t1, face, _ = _clip_planes(o, d, caps, np.array([hl, hl]))
        normal[:] = caps[face]
        r = solid.radius_m
        a = d[:, 0] ** 2 + d[:, 1] ** 2
        b = o[:, 0] * d[:, 0] + o[:, 1] * d[:, 1]
        cc = o[:, 0] ** 2 + o[:, 1] ** 2 - r * r
        par = a < _EPS
        disc = b * b - a * cc
        miss = (~par & (disc < 0)) | (par & (cc > 0))
        with np.errstate(divide="ignore", invalid="ignore"):
            root = np.sqrt(np.maximum(disc, 0.0))
            enter = np.where(par, -np.inf, (-b - root) / a)
            leave = np.where(par, np.inf, (-b + root) / a)
        mantle = ~miss & (enter > t0)
        t0 = np.where(mantle, enter, t0)
        p = o[mantle] + enter[mantle, None] * d[mantle]
        radial = np.column_stack([p[:, 0], p[:, 1], np.zeros(len(p))])
        normal[mantle] = radial / np.linalg.norm(radial, axis=1, keepdims=True)
        face = np.where(mantle, 0, face)
        t1 = np.where(miss, -np.inf, np.minimum(t1, leave))
    else:
        raise ValueError(f"unknown shape {solid.shape!r}")
    dist = np.where((t0 <= t1) & (t0 <= length), t0, np.nan)
    inside = face < 0  # the contact tip lies inside: CTWD 0, normal against the ray
    normal[inside] = -d[inside]
    return dist, normal @ R.T


def cast_wire(scenario: Scenario, T_world_tcp: np.ndarray, stick_out_m: float,
              ray_length_m: float):
    """Cast the wire axis of TCP poses against the scenario's workpiece solids.

    Parameters
    ----------
    scenario : Scenario
        Its solids (world frame).
    T_world_tcp : ndarray, shape (N, 4, 4)
        TCP poses (world, m).
    stick_out_m : float
        The contact tip lies this far behind the TCP along the tool's z (m).
    ray_length_m : float
        How far the axis is cast from the contact tip (m).

    Returns
    -------
    hit : (N,) bool, point : (N, 3), normal : (N, 3), solid : (N,) int64, ctwd_m : (N,)
        As :meth:`weldsim.sim.Cell.cast_wire`: NaN / -1 where the axis meets no workpiece
        solid within ``ray_length_m``; ``solid`` indexes ``scenario.solids``.
    """
    T = np.asarray(T_world_tcp, dtype=np.float64)
    z = T[:, :3, 2]
    start = T[:, :3, 3] - stick_out_m * z
    n = len(T)
    best = np.full(n, np.inf)
    solid = np.full(n, -1, dtype=np.int64)
    normal = np.full((n, 3), np.nan)
    for k, s in enumerate(scenario.solids):
        if s.role not in RAY_ROLES:
            continue
        dist, nrm = _ray_solid(s, start, z, ray_length_m)
        nearer = dist < best  # NaN compares False
        best[nearer] = dist[nearer]
        solid[nearer] = k
        normal[nearer] = nrm[nearer]
    hit = solid >= 0
    ctwd = np.where(hit, best, np.nan)
    point = np.where(hit[:, None], start + ctwd[:, None] * z, np.nan)
    return hit, point, normal, solid, ctwd
