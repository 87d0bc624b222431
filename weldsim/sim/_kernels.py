"""Numba kernels of the sim package: plain functions of arrays, compiled once with
``cache=True`` (the uncompiled function stays reachable as ``kernel.py_func`` for tests)."""

from __future__ import annotations

import math

import numpy as np

from weldsim._jit import njit


@njit(cache=True)
def check_samples(q, wc, T_flange, levers, step):
    """Samples at which to check contacts: the first, the last, and each one where a point of
    the arm may have moved more than ``step`` since the last checked sample.

    The bound follows the chain, each rigid part bounded by points whose real (or bounded)
    displacement is known and its turn times its lever: the base link turns with J1
    (``levers[0]``); the upper arm with J1 and J2 (``levers[1]``, ``levers[2]``), which
    bounds the elbow; the forearm is rigid between the elbow and the wrist centre, so its
    points move no more than the larger of those two plus its turn times ``levers[3]``; links
    4 and 5 lie within ``levers[4]`` of the wrist centre; the flange and the torch are one
    rigid body within ``levers[5]`` of the flange origin, whose real displacement and turn are
    used. So a slow weld, or a weave, with the whole arm compensating costs few checks.

    Parameters
    ----------
    q : ndarray, shape (N, 6)
        Joint angles (rad).
    wc : ndarray, shape (N, 3)
        Wrist-centre positions (m), in any fixed frame.
    T_flange : ndarray, shape (N, 4, 4)
        Flange poses in the same frame.
    levers : ndarray, shape (6,)
        Base-link radius about J1; upper-arm reach about J1 and about J2; forearm radius;
        links 4-5 reach from the wrist centre; flange-and-torch reach from the flange (m).
    step : float
        Largest movement between checks (m).

    Returns
    -------
    ndarray, shape (N,), bool
    """
    n = q.shape[0]
    out = np.zeros(n, dtype=np.bool_)
    if n == 0:
        return out
    out[0] = True
    out[n - 1] = True
    last = 0
    for i in range(1, n):
        d1 = abs(q[i, 0] - q[last, 0])
        d2 = abs(q[i, 1] - q[last, 1])
        d3 = abs(q[i, 2] - q[last, 2])
        d45 = abs(q[i, 3] - q[last, 3]) + abs(q[i, 4] - q[last, 4])
        dwc = 0.0
        dfl = 0.0
        tr = 0.0
        for k in range(3):
            dwc += (wc[i, k] - wc[last, k]) ** 2
            dfl += (T_flange[i, k, 3] - T_flange[last, k, 3]) ** 2
            for m in range(3):
                tr += T_flange[i, m, k] * T_flange[last, m, k]
        dwc = math.sqrt(dwc)
        dfl = math.sqrt(dfl)
        turn = math.acos(min(1.0, max(-1.0, (tr - 1.0) / 2.0)))
        base = d1 * levers[0]
        upper = d1 * levers[1] + d2 * levers[2]
        fore = max(upper, dwc) + (d1 + d2 + d3) * levers[3]
        wrist = dwc + (d1 + d2 + d3 + d45) * levers[4]
        torch = dfl + turn * levers[5]
        if max(max(base, upper), max(max(fore, wrist), torch)) > step:
            out[i] = True
            last = i
    return out


# -- the wire cast (weldsim.sim.wire_cast) ---------------------------------------------------

#: Shape codes of :func:`cast_rays` (``kind``).
KIND_PLANES = 0  # a box or a prism: the convex polyhedron of its planes
KIND_CYLINDER = 1  # a solid cylinder along its z: two cap planes and the mantle

#: Below this, a direction component counts as parallel to a plane (dimensionless).
PARALLEL_EPS = 1e-15


@njit(cache=True)
def cast_rays(R, origin, normals, offsets, n_planes, kind, radius, starts, dirs, t_max):
    """First hit of each ray ``start + t dir`` (``0 <= t <= t_max``) on a set of solids.

    Parameters
    ----------
    R : ndarray, shape (K, 3, 3)
        Each solid's rotation (columns: its axes in the world frame).
    origin : ndarray, shape (K, 3)
        Each solid's origin (world, m).
    normals : ndarray, shape (K, P, 3)
        Outward unit normals of each solid's bounding planes, in its own frame; for a
        cylinder, its two caps.
    offsets : ndarray, shape (K, P)
        The solid is ``normals[k, i] . x <= offsets[k, i]`` for its ``n_planes[k]`` planes.
    n_planes : ndarray, shape (K,), int64
    kind : ndarray, shape (K,), int64
        :data:`KIND_PLANES` or :data:`KIND_CYLINDER`.
    radius : ndarray, shape (K,)
        A cylinder's radius (m); unused for planes.
    starts, dirs : ndarray, shape (N, 3)
        Ray starts (world, m) and unit directions (world).
    t_max : float
        Ray length (m).

    Returns
    -------
    t : ndarray, shape (N,)
        Distance to the first hit (m), NaN when none within ``t_max``; 0 when the start lies
        inside a solid.
    solid : ndarray, shape (N,), int64
        The solid hit (index into the K solids), -1 when none. Of equal distances the first
        solid wins.
    normal : ndarray, shape (N, 3)
        The surface's outward normal at the hit (world), ``-dir`` for a start inside a solid,
        NaN when none.
    """
    n = starts.shape[0]
    k_solids = R.shape[0]
    t_out = np.full(n, np.nan)
    solid = np.full(n, -1, dtype=np.int64)
    normal = np.full((n, 3), np.nan)
    o = np.empty(3)
    d = np.empty(3)
    nrm = np.empty(3)
    for j in range(n):
        best = math.inf
        for k in range(k_solids):
            for a in range(3):  # into the solid's frame: x_local = R^T (x - origin)
                o[a] = ((starts[j, 0] - origin[k, 0]) * R[k, 0, a]
                        + (starts[j, 1] - origin[k, 1]) * R[k, 1, a]
                        + (starts[j, 2] - origin[k, 2]) * R[k, 2, a])
                d[a] = dirs[j, 0] * R[k, 0, a] + dirs[j, 1] * R[k, 1, a] + dirs[j, 2] * R[k, 2, a]
            # Cyrus-Beck against the planes
            t0 = -math.inf
            t1 = math.inf
            face = -1
            miss = False
            for i in range(n_planes[k]):
                num = offsets[k, i] - (normals[k, i, 0] * o[0] + normals[k, i, 1] * o[1]
                                       + normals[k, i, 2] * o[2])
                den = normals[k, i, 0] * d[0] + normals[k, i, 1] * d[1] + normals[k, i, 2] * d[2]
                if den < -PARALLEL_EPS:  # entering
                    t = num / den
                    if t > t0:
                        t0 = t
                        face = i
                elif den > PARALLEL_EPS:  # leaving
                    t = num / den
                    if t < t1:
                        t1 = t
                elif num < 0.0:  # parallel, outside this plane
                    miss = True
            if miss:
                continue
            if t0 > 0.0:
                nrm[0] = normals[k, face, 0]
                nrm[1] = normals[k, face, 1]
                nrm[2] = normals[k, face, 2]
            else:
                face = -1
                t0 = 0.0
            if kind[k] == KIND_CYLINDER:
                r = radius[k]
                aa = d[0] * d[0] + d[1] * d[1]
                bb = o[0] * d[0] + o[1] * d[1]
                cc = o[0] * o[0] + o[1] * o[1] - r * r
                if aa < PARALLEL_EPS:
                    if cc > 0.0:
                        continue
                else:
                    disc = bb * bb - aa * cc
                    if disc < 0.0:
                        continue
                    root = math.sqrt(disc)
                    enter = (-bb - root) / aa
                    leave = (-bb + root) / aa
                    if enter > t0:
                        t0 = enter
                        face = 0
                        px = o[0] + enter * d[0]
                        py = o[1] + enter * d[1]
                        h = math.hypot(px, py)
                        nrm[0] = px / h
                        nrm[1] = py / h
                        nrm[2] = 0.0
                    if leave < t1:
                        t1 = leave
            if not (t0 <= t1 and t0 <= t_max):
                continue
            if t0 < best:
                best = t0
                solid[j] = k
                t_out[j] = t0
                if face < 0:  # the start lies inside: the normal faces the ray
                    normal[j, 0] = -dirs[j, 0]
                    normal[j, 1] = -dirs[j, 1]
                    normal[j, 2] = -dirs[j, 2]
                else:
                    for a in range(3):
                        normal[j, a] = (R[k, a, 0] * nrm[0] + R[k, a, 1] * nrm[1]
                                        + R[k, a, 2] * nrm[2])
    return t_out, solid, normal
