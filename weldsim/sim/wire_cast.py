"""The wire axis cast against the work analytically: one ray cast for the cell, the predicted
bead and the live gauges.

:class:`RaySolids` prepares the scenario's solids that the wire can meet (roles
:data:`RAY_ROLES`, the cell's ``_WORK`` collision group) as the kernel's arrays;
:func:`cast_wire` casts the wire axis of TCP poses from the contact tip, as
:meth:`weldsim.sim.Cell.cast_wire` reports it; :func:`cast_ray` casts one ray (a drop line, an
aim point far away) for a per-frame call.

Shapes as the scenario gives them (:class:`weldsim.scenarios.spec.Solid`): a box of full
extents ``size_m`` and a prism (a convex y-z polygon extruded along x) as the convex
polyhedron of their bounding planes (Cyrus-Beck); a cylinder of ``radius_m`` and ``length_m``
along its z by its caps and mantle, solid, like the cell's collision shape (``inner_radius_m``
is ignored). A ray starting inside a solid meets it at 0 (CTWD 0: the controller's wire touch)
with its normal against the ray.

Exact to the float: pybullet's own ray test is off by up to 1.4 mm next to a joint's edges
and by about 0.06 mm around a cylinder's foot (``tests/coaching/test_predict_ray.py`` shows
both), which is why the cast is ours. One numba kernel (:func:`weldsim.sim._kernels.cast_rays`):
about a microsecond per ray and solid. Frames: world (the cell's), metres.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from weldsim._frozen import ReadOnlyArrays
from weldsim.scenarios.spec import Scenario, Solid
from weldsim.sim._kernels import KIND_CYLINDER, KIND_PLANES, cast_rays

__all__ = ["RAY_ROLES", "RaySolids", "cast_ray", "cast_wire"]

#: Roles of the solids the wire axis can meet (the cell's ``_WORK`` collision group).
RAY_ROLES = ("workpiece", "backing")


def _planes(solid: Solid) -> tuple[np.ndarray, np.ndarray]:
    """Outward unit normals (P, 3) and offsets (P,) of the planes bounding a solid in its own
    frame (a cylinder: its two caps): the solid is ``n_i . x <= h_i``."""
    if solid.shape == "box":
        half = 0.5 * np.asarray(solid.size_m, dtype=np.float64)
        eye = np.eye(3)
        return np.vstack([eye, -eye]), np.concatenate([half, half])
    if solid.shape == "cylinder":
        hl = 0.5 * float(solid.length_m)
        return np.array([[0.0, 0.0, 1.0], [0.0, 0.0, -1.0]]), np.array([hl, hl])
    if solid.shape != "prism":
        raise ValueError(f"unknown solid shape {solid.shape!r}")
    x0, x1 = (float(v) for v in solid.x_range_m)
    poly = np.asarray(solid.profile_m, dtype=np.float64)
    nxt = np.roll(poly, -1, axis=0)
    area = np.sum(poly[:, 0] * nxt[:, 1] - nxt[:, 0] * poly[:, 1])
    edge = nxt - poly
    keep = np.hypot(edge[:, 0], edge[:, 1]) > 1e-12  # a repeated vertex bounds nothing
    poly, edge = poly[keep], edge[keep]
    out2 = np.sign(area) * np.column_stack([edge[:, 1], -edge[:, 0]])
    out2 /= np.hypot(out2[:, 0], out2[:, 1])[:, None]
    normals = np.vstack([[[1.0, 0.0, 0.0], [-1.0, 0.0, 0.0]],
                         np.column_stack([np.zeros(len(poly)), out2])])
    offsets = np.concatenate([[x1, -x0], np.sum(out2 * poly, axis=1)])
    return normals, offsets


@dataclass(frozen=True, eq=False)
class RaySolids(ReadOnlyArrays):
    """The solids a wire-axis ray can meet, as the kernel's arrays.

    Attributes
    ----------
    index : ndarray, shape (K,), int64
        Each one's index in ``scenario.solids``.
    R, origin : ndarray, shape (K, 3, 3) and (K, 3)
        Their poses (world, m).
    normals, offsets, n_planes, kind, radius
        Their shapes (see :func:`weldsim.sim._kernels.cast_rays`).
    """

    index: np.ndarray
    R: np.ndarray
    origin: np.ndarray
    normals: np.ndarray
    offsets: np.ndarray
    n_planes: np.ndarray
    kind: np.ndarray
    radius: np.ndarray

    @classmethod
    def of(cls, scenario: Scenario) -> RaySolids:
        """Prepare the scenario's solids of roles :data:`RAY_ROLES`."""
        chosen = [(k, s) for k, s in enumerate(scenario.solids) if s.role in RAY_ROLES]
        planes = [_planes(s) for _, s in chosen]
        k_solids = len(chosen)
        p_max = max((len(h) for _, h in planes), default=1)
        normals = np.zeros((k_solids, p_max, 3))
        offsets = np.zeros((k_solids, p_max))
        for i, (n, h) in enumerate(planes):
            normals[i, :len(h)] = n
            offsets[i, :len(h)] = h
        T = np.array([np.asarray(s.T_world_solid, dtype=np.float64) for _, s in chosen]
                     ).reshape(k_solids, 4, 4)
        return cls(
            index=np.array([k for k, _ in chosen], dtype=np.int64),
            R=np.ascontiguousarray(T[:, :3, :3]), origin=np.ascontiguousarray(T[:, :3, 3]),
            normals=normals, offsets=offsets,
            n_planes=np.array([len(h) for _, h in planes], dtype=np.int64),
            kind=np.array([KIND_CYLINDER if s.shape == "cylinder" else KIND_PLANES
                           for _, s in chosen], dtype=np.int64),
            radius=np.array([float(s.radius_m) if s.shape == "cylinder" else 0.0
                             for _, s in chosen]))

    def cast(self, starts: np.ndarray, dirs: np.ndarray, t_max: float
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Distances (m, NaN: no hit), solids hit (index into ``scenario.solids``, -1: none)
        and normals (world) of rays ``starts + t dirs`` (N, 3), unit ``dirs``, ``t <= t_max``."""
        starts = np.ascontiguousarray(starts, dtype=np.float64).reshape(-1, 3)
        dirs = np.ascontiguousarray(dirs, dtype=np.float64).reshape(-1, 3)
        t, which, normal = cast_rays(self.R, self.origin, self.normals, self.offsets,
                                     self.n_planes, self.kind, self.radius, starts, dirs,
                                     float(t_max))
        solid = np.where(which >= 0, self.index[np.maximum(which, 0)], -1) if len(self.index) \
            else which
        return t, solid, normal


def cast_wire(solids: RaySolids | Scenario, T_world_tcp: np.ndarray, stick_out_m: float,
              ray_length_m: float):
    """Cast the wire axis of TCP poses against the work, from the contact tip.

    Parameters
    ----------
    solids : RaySolids or Scenario
        The scenario's solids (:meth:`RaySolids.of`, prepared here when given a scenario).
    T_world_tcp : ndarray, shape (N, 4, 4)
        TCP poses (world, m).
    stick_out_m : float
        The contact tip lies this far behind the TCP along the tool's z (m).
    ray_length_m : float
        How far the axis is cast from the contact tip (m).

    Returns
    -------
    hit : (N,) bool, point : (N, 3), normal : (N, 3), solid : (N,) int64, ctwd_m : (N,)
        NaN / -1 where the axis meets no workpiece solid within ``ray_length_m``; ``solid``
        indexes ``scenario.solids``.
    """
    if not isinstance(solids, RaySolids):
        solids = RaySolids.of(solids)
    T = np.asarray(T_world_tcp, dtype=np.float64).reshape(-1, 4, 4)
    z = T[:, :3, 2]
    start = T[:, :3, 3] - stick_out_m * z
    ctwd, solid, normal = solids.cast(start, z, ray_length_m)
    hit = solid >= 0
    point = np.where(hit[:, None], start + np.where(hit, ctwd, 0.0)[:, None] * z, np.nan)
    return hit, point, normal, solid, ctwd


def cast_ray(solids: RaySolids, start, direction, t_max: float) -> tuple[float, int]:
    """One ray: the distance to its first hit (m, NaN without one) and the solid's index in
    ``scenario.solids`` (-1 without one). ``direction`` is a unit vector (world)."""
    t, solid, _ = solids.cast(np.asarray(start, dtype=np.float64),
                              np.asarray(direction, dtype=np.float64), t_max)
    return float(t[0]), int(solid[0])
