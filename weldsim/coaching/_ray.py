"""One ray against the work, analytically: the wire axis for the live gauges (CTWD, aim point)
and the drop line, without pybullet.

The cell (:class:`weldsim.sim.Cell`) casts the wire axis against the solids whose role is
``workpiece`` or ``backing`` (its ``_WORK`` collision group); :data:`RAY_ROLES` names the same
roles and ``tests/coaching/test_gauges.py`` checks that both casts agree on every bundled
scenario. Shapes as the cell builds them: a box of full extents ``size_m``; a cylinder of
``radius_m`` and ``length_m`` along its z, solid (the cell's collision shape has no bore, so
``inner_radius_m`` is ignored here too); a prism, a convex y-z polygon extruded along x.

One ray costs a few microseconds of plain float arithmetic per solid (no arrays, no numba
dispatch), which is what a per-frame call wants; a ray starting inside a solid hits it at 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["RAY_ROLES", "RaySolid", "cast", "ray_solids"]

#: Roles of the solids a wire-axis ray sees (the cell's ``_WORK`` group).
RAY_ROLES = ("workpiece", "backing")

_EPS = 1e-15


@dataclass(frozen=True, slots=True)
class RaySolid:
    """A solid prepared for ray casts: its pose as plain floats and its shape's numbers.

    ``R`` is ``T_world_solid[:3, :3]`` row by row (9 floats), ``o`` its origin (world, m).
    ``shape`` is ``box`` (``half`` extents), ``cylinder`` (``radius``, ``half`` = half
    length in ``half[2]``) or ``prism`` (``x0``, ``x1`` and ``planes``: per edge of the
    profile ``(ny, nz, c)`` with the inside ``ny y + nz z <= c``).
    """

    index: int
    shape: str
    R: tuple[float, ...]
    o: tuple[float, float, float]
    half: tuple[float, float, float] = (0.0, 0.0, 0.0)
    radius: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    planes: tuple[tuple[float, float, float], ...] = ()


def ray_solids(scenario) -> tuple[RaySolid, ...]:
    """The scenario's solids a wire-axis ray sees, prepared (index into
    ``scenario.solids``)."""
    out = []
    for k, s in enumerate(scenario.solids):
        if s.role not in RAY_ROLES:
            continue
        T = np.asarray(s.T_world_solid, dtype=float)
        R = tuple(float(v) for v in T[:3, :3].ravel())
        o = (float(T[0, 3]), float(T[1, 3]), float(T[2, 3]))
        if s.shape == "box":
            half = tuple(0.5 * float(v) for v in s.size_m)
            out.append(RaySolid(k, "box", R, o, half=half))
        elif s.shape == "cylinder":
            out.append(RaySolid(k, "cylinder", R, o, half=(0.0, 0.0, 0.5 * float(s.length_m)),
                                radius=float(s.radius_m)))
        elif s.shape == "prism":
            prof = np.asarray(s.profile_m, dtype=float)
            area = float(np.sum(prof[:, 0] * np.roll(prof[:, 1], -1)
                                - np.roll(prof[:, 0], -1) * prof[:, 1]))
            ccw = 1.0 if area > 0.0 else -1.0
            planes = []
            for i in range(len(prof)):
                y0, z0 = prof[i]
                y1, z1 = prof[(i + 1) % len(prof)]
                # outward normal of edge (y0,z0)->(y1,z1): (dz, -dy) for a CCW polygon
                ny, nz = ccw * (z1 - z0), -ccw * (y1 - y0)
                norm = math.hypot(ny, nz)
                if norm < 1e-12:
                    continue
                ny, nz = ny / norm, nz / norm
                planes.append((ny, nz, ny * y0 + nz * z0))
            out.append(RaySolid(k, "prism", R, o, x0=float(s.x_range_m[0]),
                                x1=float(s.x_range_m[1]), planes=tuple(planes)))
    return tuple(out)


def _local(s: RaySolid, p, d):
    R, o = s.R, s.o
    px, py, pz = p[0] - o[0], p[1] - o[1], p[2] - o[2]
    return ((R[0] * px + R[3] * py + R[6] * pz, R[1] * px + R[4] * py + R[7] * pz,
             R[2] * px + R[5] * py + R[8] * pz),
            (R[0] * d[0] + R[3] * d[1] + R[6] * d[2], R[1] * d[0] + R[4] * d[1] + R[7] * d[2],
             R[2] * d[0] + R[5] * d[1] + R[8] * d[2]))


def _slab(o: float, d: float, lo: float, hi: float, t0: float, t1: float):
    """Clip ``[t0, t1]`` to ``lo <= o + t d <= hi``; None when empty."""
    if abs(d) < _EPS:
        return (t0, t1) if lo <= o <= hi else None
    a, b = (lo - o) / d, (hi - o) / d
    if a > b:
        a, b = b, a
    t0, t1 = max(t0, a), min(t1, b)
    return (t0, t1) if t0 <= t1 else None


def _hit(s: RaySolid, p, d, t_max: float) -> float:
    """Ray parameter of the first point of ``s`` on ``p + t d``, ``0 <= t <= t_max``; inf
    when none."""
    o, v = _local(s, p, d)
    span: tuple[float, float] | None = (0.0, t_max)
    if s.shape == "box":
        for i in range(3):
            span = _slab(o[i], v[i], -s.half[i], s.half[i], *span)
            if span is None:
                return math.inf
    elif s.shape == "cylinder":
        span = _slab(o[2], v[2], -s.half[2], s.half[2], *span)
        if span is None:
            return math.inf
        a = v[0] * v[0] + v[1] * v[1]
        b = o[0] * v[0] + o[1] * v[1]
        c = o[0] * o[0] + o[1] * o[1] - s.radius * s.radius
        if a < _EPS:
            if c > 0.0:
                return math.inf
        else:
            disc = b * b - a * c
            if disc < 0.0:
                return math.inf
            r = math.sqrt(disc)
            t0, t1 = max(span[0], (-b - r) / a), min(span[1], (-b + r) / a)
            if t0 > t1:
                return math.inf
            span = (t0, t1)
    else:
        span = _slab(o[0], v[0], s.x0, s.x1, *span)
        if span is None:
            return math.inf
        t0, t1 = span
        for ny, nz, c in s.planes:
            num = c - (ny * o[1] + nz * o[2])
            den = ny * v[1] + nz * v[2]
            if abs(den) < _EPS:
                if num < 0.0:
                    return math.inf
            elif den > 0.0:
                t1 = min(t1, num / den)
            else:
                t0 = max(t0, num / den)
            if t0 > t1:
                return math.inf
        span = (t0, t1)
    return span[0]


def cast(solids: tuple[RaySolid, ...], p, d, t_max: float) -> tuple[float, int]:
    """First hit of the ray ``p + t d`` (``0 <= t <= t_max``) on the solids.

    Parameters
    ----------
    solids : tuple of RaySolid
    p, d : sequence of 3 floats
        Start (world, m) and direction (world; ``t`` is in units of ``|d|``).
    t_max : float
        Length of the ray in units of ``|d|``.

    Returns
    -------
    (t, index)
        The ray parameter of the hit and the solid's index into ``scenario.solids``;
        ``(nan, -1)`` without a hit.
    """
    best, which = math.inf, -1
    for s in solids:
        t = _hit(s, p, d, t_max)
        if t < best:
            best, which = t, s.index
    return (best, which) if which >= 0 else (math.nan, -1)
