"""Numba kernels of the scoring package.

Plain functions of arrays: no objects, no I/O, no input checks. The public wrappers in
:mod:`weldsim.scoring.seam_frame`, :mod:`weldsim.scoring.metrics` and
:mod:`weldsim.scoring.windows` validate their arguments and call these. Every kernel is compiled
once, with ``cache=True``; the uncompiled Python function stays reachable as
``kernel.py_func`` for tests.

Conventions: positions in metres (``_m``) unless the name says mm, angles in degrees where the
name says ``deg``, times in seconds. A *segment* is a run of consecutive samples given as a
``bounds`` row ``(start, stop)`` (half-open) into the compact arrays; kernels that smooth or
difference over time never reach across a segment boundary.
"""

from __future__ import annotations

import math

import numpy as np

from weldsim._jit import njit

TWO_PI = 2.0 * math.pi
#: Below this ``1 - (t . z)^2`` the wire axis counts as parallel to the seam tangent.
PARALLEL_EPS = 1.0e-12
#: Fixed-point iterations for the closest approach of the wire axis to a circle.
CIRCLE_MAX_ITER = 12
CIRCLE_TOL_RAD = 1.0e-13

# --------------------------------------------------------------------------------------------
# seam projection


@njit(cache=True, error_model="numpy")
def _dot(a0, a1, a2, b0, b1, b2):
    return a0 * b0 + a1 * b1 + a2 * b2


@njit(cache=True, error_model="numpy")
def _joint_axes(t0, t1, t2, a0, a1, a2, b0, b1, b2, sin_parallel):
    """The seam's in-plane axes at one sample, shared by the technique and aim kernels.

    With the unit tangent ``t`` and the face normals ``a`` (lower) and ``b`` (upper): the
    lateral axis ``l = a x t`` (across the joint, in the lower face) and the vertical axis's
    components ``(ev_x, ev_y)`` along ``l`` and ``a``. On a fillet (``|a x b|`` above
    ``sin_parallel``) ``l`` points away from the upper face and the vertical axis ``b x t`` up
    the upper face; a butt joint's vertical axis is ``a`` (``(0, 1)``).

    Returns
    -------
    l0, l1, l2, ev_x, ev_y : float
    fillet : bool
    """
    l0 = a1 * t2 - a2 * t1
    l1 = a2 * t0 - a0 * t2
    l2 = a0 * t1 - a1 * t0
    c0 = a1 * b2 - a2 * b1
    c1 = a2 * b0 - a0 * b2
    c2 = a0 * b1 - a1 * b0
    fillet = math.sqrt(c0 * c0 + c1 * c1 + c2 * c2) > sin_parallel
    if fillet:
        if _dot(l0, l1, l2, b0, b1, b2) < 0.0:
            l0, l1, l2 = -l0, -l1, -l2
        v0 = b1 * t2 - b2 * t1
        v1 = b2 * t0 - b0 * t2
        v2 = b0 * t1 - b1 * t0
        if _dot(v0, v1, v2, a0, a1, a2) < 0.0:
            v0, v1, v2 = -v0, -v1, -v2
        ev_x = _dot(v0, v1, v2, l0, l1, l2)
        ev_y = _dot(v0, v1, v2, a0, a1, a2)
    else:
        ev_x = 0.0
        ev_y = 1.0
    return l0, l1, l2, ev_x, ev_y, fillet


@njit(cache=True, error_model="numpy")
def _aim_on_faces(mx, my, dx, dy, ev_x, ev_y, fillet):
    """Where the wire axis meets the joint's faces, as the bead sees it.

    In the normal plane, with the lower face along ``(1, 0)`` from the root and the upper face
    along ``(ev_x, ev_y)``: the wire axis passes through ``(mx, my)`` (its point nearest the
    root) with direction ``(dx, dy)`` toward the work. It meets the lower face's line at
    ``x_l`` and the upper face's line at ``y_u`` (distances from the root along each face).
    Coming from the torch, which stands between the faces, the wire reaches the face whose
    crossing lies on the face itself (>= 0) and farther along the axis. Returns
    ``(lateral, vertical)``: ``(x_l, 0)`` or ``(0, y_u)``; a butt joint (one face) gives
    ``(x_l, 0)``. A torch moved 1 mm across the base plate of a T-joint reads ``(1, 0)``
    whatever its work angle; moved 1 mm up the web, ``(0, 1)``.
    """
    if abs(dy) < 1e-9:
        return mx, my if fillet else 0.0
    lam = -my / dy
    x_l = mx + lam * dx
    if not fillet:
        return x_l, 0.0
    den = dx * ev_y - dy * ev_x
    if abs(den) < 1e-12:
        return x_l, 0.0
    mu = -(mx * ev_y - my * ev_x) / den
    y_u = (mx + mu * dx) * ev_x + (my + mu * dy) * ev_y
    lower_ok = x_l >= 0.0
    upper_ok = y_u >= 0.0
    if lower_ok and (not upper_ok or lam >= mu):
        return x_l, 0.0
    if upper_ok:
        return 0.0, y_u
    # neither crossing on a face (the axis passes behind the root): the nearer one
    if abs(x_l) <= abs(y_u):
        return x_l, 0.0
    return 0.0, y_u


@njit(cache=True, error_model="numpy")
def fast_atan2(y, x):
    """``atan2(y, x)`` (rad, in [-pi, pi]) from one ``atan``: about twice as fast as libm's
    ``atan2``, within a few ulp of it. ``fast_atan2(0, 0) == 0``; ``y = -0.0`` counts as
    ``+0.0`` (``fast_atan2(-0.0, -1) == pi``)."""
    ax = abs(x)
    ay = abs(y)
    if ax >= ay:
        if ax == 0.0:
            return 0.0
        a = math.atan(ay / ax)
    else:
        a = 0.5 * math.pi - math.atan(ax / ay)
    if x < 0.0:
        a = math.pi - a
    return -a if y < 0.0 else a


@njit(cache=True, error_model="numpy")
def nearest_segment(points, p):
    """Index of the polyline segment nearest to each point (clamped to the segments).

    Parameters
    ----------
    points : ndarray, shape (K, 3)
        Polyline vertices (m), K >= 2.
    p : ndarray, shape (N, 3)
        Query points (m).

    Returns
    -------
    ndarray, shape (N,), int64
        Segment ``k`` joins ``points[k]`` and ``points[k + 1]``; ties go to the earlier one.
    """
    n = p.shape[0]
    nseg = points.shape[0] - 1
    out = np.zeros(n, dtype=np.int64)
    if nseg == 1:
        return out
    for i in range(n):
        best = np.inf
        for k in range(nseg):
            a0, a1, a2 = points[k, 0], points[k, 1], points[k, 2]
            d0 = points[k + 1, 0] - a0
            d1 = points[k + 1, 1] - a1
            d2 = points[k + 1, 2] - a2
            ll = _dot(d0, d1, d2, d0, d1, d2)
            u = _dot(p[i, 0] - a0, p[i, 1] - a1, p[i, 2] - a2, d0, d1, d2) / ll
            u = min(max(u, 0.0), 1.0)
            e0 = a0 + u * d0 - p[i, 0]
            e1 = a1 + u * d1 - p[i, 1]
            e2 = a2 + u * d2 - p[i, 2]
            dist = _dot(e0, e1, e2, e0, e1, e2)
            if dist < best:
                best = dist
                out[i] = k
    return out


@njit(cache=True, error_model="numpy")
def project_polyline(points, cum_m, p, z, use_axis):
    """Nearest point of a polyline seam to each sample.

    Without the axis, the nearest point to ``p``. With it, the point of the seam nearest to the
    line ``p + v z`` (the wire axis), searched on the segment nearest to ``p`` and its two
    neighbours. The first and last segments extend beyond the seam's ends, so a sample before
    the start or after the end gets ``s < 0`` or ``s > length`` (and ``beyond > 0``).

    Parameters
    ----------
    points : ndarray, shape (K, 3)
        Vertices in welding order (m).
    cum_m : ndarray, shape (K,)
        Arc length at each vertex (m), ``cum_m[0] == 0``.
    p : ndarray, shape (N, 3)
        Sample points (the TCP, m).
    z : ndarray, shape (N, 3)
        Unit wire axes (toward the work); ignored unless ``use_axis``.
    use_axis : bool

    Returns
    -------
    s_m : ndarray, shape (N,)
        Position along the seam (m).
    root : ndarray, shape (N, 3)
        The seam point (m).
    tangent : ndarray, shape (N, 3)
        Unit tangent in welding order.
    miss_m : ndarray, shape (N,)
        Distance from ``root`` to the wire axis (to ``p`` without the axis) (m).
    beyond_m : ndarray, shape (N,)
        How far ``s`` lies outside ``[0, length]`` (m).
    tcp_dist_m : ndarray, shape (N,)
        Distance from ``p`` to the seam proper (not extended) (m).
    """
    n = p.shape[0]
    nseg = points.shape[0] - 1
    total = cum_m[nseg]
    unit = np.empty((nseg, 3))
    for k in range(nseg):
        ll = cum_m[k + 1] - cum_m[k]
        for c in range(3):
            unit[k, c] = (points[k + 1, c] - points[k, c]) / ll
    s_out = np.empty(n)
    root = np.empty((n, 3))
    tan = np.empty((n, 3))
    miss = np.empty(n)
    beyond = np.empty(n)
    tcp_dist = np.empty(n)
    near = nearest_segment(points, p)
    for i in range(n):
        p0, p1, p2 = p[i, 0], p[i, 1], p[i, 2]
        z0, z1, z2 = z[i, 0], z[i, 1], z[i, 2]
        k0 = near[i]
        # distance of the TCP to the seam proper
        a0, a1, a2 = points[k0, 0], points[k0, 1], points[k0, 2]
        t0, t1, t2 = unit[k0, 0], unit[k0, 1], unit[k0, 2]
        u = _dot(p0 - a0, p1 - a1, p2 - a2, t0, t1, t2)
        u = min(max(u, 0.0), cum_m[k0 + 1] - cum_m[k0])
        e0 = a0 + u * t0 - p0
        e1 = a1 + u * t1 - p1
        e2 = a2 + u * t2 - p2
        tcp_dist[i] = math.sqrt(_dot(e0, e1, e2, e0, e1, e2))

        best = np.inf
        lo_k = k0 - 1 if k0 > 0 else 0
        hi_k = k0 + 1 if k0 < nseg - 1 else nseg - 1
        for k in range(lo_k, hi_k + 1):
            a0, a1, a2 = points[k, 0], points[k, 1], points[k, 2]
            t0, t1, t2 = unit[k, 0], unit[k, 1], unit[k, 2]
            w0, w1, w2 = a0 - p0, a1 - p1, a2 - p2
            d = _dot(t0, t1, t2, w0, w1, w2)
            if use_axis:
                b = _dot(t0, t1, t2, z0, z1, z2)
                e = _dot(z0, z1, z2, w0, w1, w2)
                den = 1.0 - b * b
                u = (b * e - d) / den if den > PARALLEL_EPS else -d
            else:
                u = -d
            lo = -np.inf if k == 0 else 0.0
            hi = np.inf if k == nseg - 1 else cum_m[k + 1] - cum_m[k]
            u = min(max(u, lo), hi)
            r0, r1, r2 = a0 + u * t0, a1 + u * t1, a2 + u * t2
            e0, e1, e2 = r0 - p0, r1 - p1, r2 - p2
            if use_axis:
                v = _dot(e0, e1, e2, z0, z1, z2)
                e0 -= v * z0
                e1 -= v * z1
                e2 -= v * z2
            dist = _dot(e0, e1, e2, e0, e1, e2)
            if dist < best:
                best = dist
                s_out[i] = cum_m[k] + u
                root[i, 0], root[i, 1], root[i, 2] = r0, r1, r2
                tan[i, 0], tan[i, 1], tan[i, 2] = t0, t1, t2
        miss[i] = math.sqrt(best)
        s = s_out[i]
        beyond[i] = -s if s < 0.0 else (s - total if s > total else 0.0)
    return s_out, root, tan, miss, beyond, tcp_dist


@njit(cache=True, error_model="numpy")
def _angle(u0, u1, u2, e1, e2, sigma):
    """Angle (rad, in [0, 2 pi)) of an in-plane direction from the start direction ``e1``,
    positive in the sweep direction."""
    a = sigma * fast_atan2(_dot(u0, u1, u2, e2[0], e2[1], e2[2]),
                           _dot(u0, u1, u2, e1[0], e1[1], e1[2]))
    if a < 0.0:
        a += TWO_PI
    return a


@njit(cache=True, error_model="numpy")
def project_circle(center, e1, e2, radius, sigma, span, closed, p, z, use_axis):
    """Nearest point of a circular seam to each sample; the outputs are those of
    :func:`project_polyline`.

    The circle is ``center + radius (cos(sigma phi) e1 + sin(sigma phi) e2)`` for the angle
    ``phi`` in ``[0, span]`` from the start point (``sigma`` = +1 or -1, the sweep's sign).
    With the wire axis, the circle point nearest the axis line, found by fixed-point iteration
    on the radial direction ``u``: from the circle point ``c + R u``, the nearest point of the
    axis, projected radially back onto the circle, gives the next ``u`` (the start is where
    the axis meets the circle's plane, or the TCP). On a closed circle ``s`` is in
    ``[0, length)``; an open arc continues along the circle past its ends (``beyond > 0``), on
    the side nearer in angle.
    """
    n = p.shape[0]
    s_out = np.empty(n)
    root = np.empty((n, 3))
    tan = np.empty((n, 3))
    miss = np.empty(n)
    beyond = np.empty(n)
    tcp_dist = np.empty(n)
    c0, c1, c2 = center[0], center[1], center[2]
    ax0 = e1[1] * e2[2] - e1[2] * e2[1]
    ax1 = e1[2] * e2[0] - e1[0] * e2[2]
    ax2 = e1[0] * e2[1] - e1[1] * e2[0]
    tol2 = CIRCLE_TOL_RAD * CIRCLE_TOL_RAD
    for i in range(n):
        p0, p1, p2 = p[i, 0], p[i, 1], p[i, 2]
        z0, z1, z2 = z[i, 0], z[i, 1], z[i, 2]
        # the TCP: its radial direction and its distance to the circle
        w0, w1, w2 = p0 - c0, p1 - c1, p2 - c2
        h = _dot(w0, w1, w2, ax0, ax1, ax2)
        w0 -= h * ax0
        w1 -= h * ax1
        w2 -= h * ax2
        rho = math.sqrt(_dot(w0, w1, w2, w0, w1, w2))
        if rho > 0.0:
            u0, u1, u2 = w0 / rho, w1 / rho, w2 / rho
        else:
            u0, u1, u2 = e1[0], e1[1], e1[2]
        if closed:
            tcp_dist[i] = math.sqrt(h * h + (rho - radius) * (rho - radius))
        else:
            a = _angle(u0, u1, u2, e1, e2, sigma)
            a = min(a, span) if a - span < TWO_PI - a else 0.0
            cs = math.cos(sigma * a)
            sn = math.sin(sigma * a)
            d0 = c0 + radius * (cs * e1[0] + sn * e2[0]) - p0
            d1 = c1 + radius * (cs * e1[1] + sn * e2[1]) - p1
            d2 = c2 + radius * (cs * e1[2] + sn * e2[2]) - p2
            tcp_dist[i] = math.sqrt(d0 * d0 + d1 * d1 + d2 * d2)
        if use_axis:
            # start where the axis meets the circle's plane, when it does
            zh = _dot(z0, z1, z2, ax0, ax1, ax2)
            if abs(zh) > 1e-6:
                lam = -h / zh
                w0 = p0 + lam * z0 - c0
                w1 = p1 + lam * z1 - c1
                w2 = p2 + lam * z2 - c2
                g = _dot(w0, w1, w2, ax0, ax1, ax2)
                w0 -= g * ax0
                w1 -= g * ax1
                w2 -= g * ax2
                nw = math.sqrt(_dot(w0, w1, w2, w0, w1, w2))
                if nw > 0.0:
                    u0, u1, u2 = w0 / nw, w1 / nw, w2 / nw
            for _ in range(CIRCLE_MAX_ITER):
                r0 = c0 + radius * u0
                r1 = c1 + radius * u1
                r2 = c2 + radius * u2
                v = _dot(r0 - p0, r1 - p1, r2 - p2, z0, z1, z2)
                w0 = p0 + v * z0 - c0
                w1 = p1 + v * z1 - c1
                w2 = p2 + v * z2 - c2
                g = _dot(w0, w1, w2, ax0, ax1, ax2)
                w0 -= g * ax0
                w1 -= g * ax1
                w2 -= g * ax2
                nw = math.sqrt(_dot(w0, w1, w2, w0, w1, w2))
                if nw < 1e-12:
                    break  # the axis passes through the circle's axis: keep u
                w0 /= nw
                w1 /= nw
                w2 /= nw
                step = (w0 - u0) ** 2 + (w1 - u1) ** 2 + (w2 - u2) ** 2
                u0, u1, u2 = w0, w1, w2
                if step < tol2:
                    break
        phi = _angle(u0, u1, u2, e1, e2, sigma)
        if closed:
            if phi >= TWO_PI - CIRCLE_TOL_RAD:  # the start point, reached from below
                phi = 0.0
            beyond[i] = 0.0
        else:
            if phi > span and phi - span >= TWO_PI - phi:
                phi -= TWO_PI
            beyond[i] = radius * (-phi if phi < 0.0 else (phi - span if phi > span else 0.0))
        r0 = c0 + radius * u0
        r1 = c1 + radius * u1
        r2 = c2 + radius * u2
        root[i, 0], root[i, 1], root[i, 2] = r0, r1, r2
        tan[i, 0] = sigma * (ax1 * u2 - ax2 * u1)
        tan[i, 1] = sigma * (ax2 * u0 - ax0 * u2)
        tan[i, 2] = sigma * (ax0 * u1 - ax1 * u0)
        s_out[i] = radius * phi
        d0, d1, d2 = r0 - p0, r1 - p1, r2 - p2
        if use_axis:
            v = _dot(d0, d1, d2, z0, z1, z2)
            d0 -= v * z0
            d1 -= v * z1
            d2 -= v * z2
        miss[i] = math.sqrt(d0 * d0 + d1 * d1 + d2 * d2)
    return s_out, root, tan, miss, beyond, tcp_dist


@njit(cache=True, error_model="numpy")
def unwrap_segments(s, bounds, period):
    """Make ``s`` continuous inside each segment on a closed seam, in place.

    A step larger than half the ``period`` between consecutive samples is taken as a crossing
    of the seam's start point and shifted by a whole period, so a weld crossing the start runs
    on past ``period`` (or below 0). The first sample of a segment keeps its value.
    """
    half = 0.5 * period
    for j in range(bounds.shape[0]):
        a, b = bounds[j, 0], bounds[j, 1]
        offset = 0.0
        prev = s[a] if b > a else 0.0
        for i in range(a + 1, b):
            raw = s[i]
            d = raw + offset - prev
            if d > half:
                offset -= period
            elif d < -half:
                offset += period
            s[i] = raw + offset
            prev = s[i]


@njit(cache=True, error_model="numpy")
def normal_to(n, t):
    """``n`` made normal to the unit vectors ``t`` and unit, row by row.

    The arithmetic of ``m = n - sum(n * t, axis=1) t; m / norm(m, axis=1)`` in numpy's order
    (left to right from +0), so the result is the same to the bit (a test pins it).

    Parameters
    ----------
    n, t : ndarray, shape (N, 3)

    Returns
    -------
    out : ndarray, shape (N, 3)
    smallest : float
        The smallest norm of ``m`` (inf for N = 0): near 0 means ``n`` parallel to ``t``.
    """
    rows = n.shape[0]
    out = np.empty((rows, 3))
    smallest = np.inf
    for i in range(rows):
        # numpy's sum starts from +0 (a -0 product sum becomes +0)
        d = 0.0 + n[i, 0] * t[i, 0] + n[i, 1] * t[i, 1] + n[i, 2] * t[i, 2]
        m0 = n[i, 0] - d * t[i, 0]
        m1 = n[i, 1] - d * t[i, 1]
        m2 = n[i, 2] - d * t[i, 2]
        norm = math.sqrt(m0 * m0 + m1 * m1 + m2 * m2)
        smallest = min(smallest, norm)
        out[i, 0] = m0 / norm
        out[i, 1] = m1 / norm
        out[i, 2] = m2 / norm
    return out, smallest


# --------------------------------------------------------------------------------------------
# per-sample technique


@njit(cache=True, error_model="numpy")
def technique(p, z, root, tangent, n_lower, n_upper, direction, sin_parallel):
    """Aim, work angle and travel angle in the seam frame, one sample at a time.

    Parameters
    ----------
    p : ndarray, shape (N, 3)
        TCP positions (m).
    z : ndarray, shape (N, 3)
        Unit wire axes, from the contact tip toward the work.
    root : ndarray, shape (N, 3)
        Seam point of each sample (m): the point of the root line nearest the wire axis.
    tangent : ndarray, shape (N, 3)
        Unit seam tangent there, in welding order.
    n_lower, n_upper : ndarray, shape (N, 3)
        Unit outward face normals there, normal to the tangent (as
        :func:`weldsim.scoring.seam_frame.seam_frame` gives them).
    direction : ndarray, shape (N,)
        +1 where the torch travels in welding order, -1 where against it.
    sin_parallel : float
        Faces whose normals (in the normal plane) are nearer than ``asin(sin_parallel)`` are a
        butt joint.

    Returns
    -------
    aim_lateral_mm, aim_vertical_mm : ndarray, shape (N,)
        The miss vector from the root to the wire axis, in the oblique coordinates of the
        lateral and vertical axes (mm): linear in the torch's offset, so a weave's centre is
        their moving average; :func:`aim_on_faces` turns them into the aim the bead sees.
    aim_across_mm : ndarray, shape (N,)
        The signed length of that miss vector, along ``tangent x z`` turned to point to the
        lateral side (mm): the offset across the torch, what weaving moves.
    work_angle_deg : ndarray, shape (N,)
        Torch axis (``-z``) projected into the normal plane, against the lateral axis, positive
        toward the lower face's normal, in (-180, 180].
    travel_angle_deg : ndarray, shape (N,)
        ``asin(z . tangent * direction)``: positive = push.
    """
    n = p.shape[0]
    lat = np.empty(n)
    vert = np.empty(n)
    across = np.empty(n)
    work = np.empty(n)
    travel = np.empty(n)
    rad2deg = 180.0 / math.pi
    for i in range(n):
        t0, t1, t2 = tangent[i, 0], tangent[i, 1], tangent[i, 2]
        z0, z1, z2 = z[i, 0], z[i, 1], z[i, 2]
        a0, a1, a2 = n_lower[i, 0], n_lower[i, 1], n_lower[i, 2]
        b0, b1, b2 = n_upper[i, 0], n_upper[i, 1], n_upper[i, 2]
        l0, l1, l2, ev_x, ev_y, _fillet = _joint_axes(t0, t1, t2, a0, a1, a2, b0, b1, b2,
                                                       sin_parallel)
        # miss vector: from the root to the nearest point of the wire axis, in the normal plane
        m0 = root[i, 0] - p[i, 0]
        m1 = root[i, 1] - p[i, 1]
        m2 = root[i, 2] - p[i, 2]
        v = _dot(m0, m1, m2, z0, z1, z2)
        m0 = v * z0 - m0
        m1 = v * z1 - m1
        m2 = v * z2 - m2
        d = _dot(m0, m1, m2, t0, t1, t2)
        m0 -= d * t0
        m1 -= d * t1
        m2 -= d * t2
        mx = _dot(m0, m1, m2, l0, l1, l2)
        my = _dot(m0, m1, m2, a0, a1, a2)
        vv = my / ev_y
        lat[i] = 1000.0 * (mx - vv * ev_x)
        vert[i] = 1000.0 * vv
        # across the torch: t x z, turned toward the lateral side
        x0 = t1 * z2 - t2 * z1
        x1 = t2 * z0 - t0 * z2
        x2 = t0 * z1 - t1 * z0
        nx = math.sqrt(x0 * x0 + x1 * x1 + x2 * x2)
        if nx > 1e-12:
            if _dot(x0, x1, x2, l0, l1, l2) < 0.0:
                nx = -nx
            across[i] = 1000.0 * _dot(m0, m1, m2, x0, x1, x2) / nx
        else:
            across[i] = np.nan
        # work angle: the torch axis (-z) in the normal plane against the lateral axis
        w0 = -z0
        w1 = -z1
        w2 = -z2
        wx = _dot(w0, w1, w2, l0, l1, l2)
        wy = _dot(w0, w1, w2, a0, a1, a2)
        if wx * wx + wy * wy > 1e-24:
            work[i] = rad2deg * fast_atan2(wy, wx)
        else:
            work[i] = np.nan
        st = direction[i] * _dot(z0, z1, z2, t0, t1, t2)
        st = min(max(st, -1.0), 1.0)
        travel[i] = rad2deg * math.asin(st)
    return lat, vert, across, work, travel


@njit(cache=True, error_model="numpy")
def aim_on_faces(lat_mm, vert_mm, z, tangent, n_lower, n_upper, sin_parallel):
    """The aim as the bead sees it, from the oblique miss coordinates of :func:`technique`.

    Parameters
    ----------
    lat_mm, vert_mm : ndarray, shape (N,)
        Oblique miss coordinates (mm; NaN stays NaN).
    z, tangent, n_lower, n_upper : ndarray, shape (N, 3)
        As for :func:`technique`.
    sin_parallel : float

    Returns
    -------
    aim_lateral_mm, aim_vertical_mm : ndarray, shape (N,)
        Where the wire axis meets the joint's faces, from the root (mm): along the lower face
        (lateral, the vertical 0) or up the upper face (vertical, the lateral 0), whichever the
        wire reaches (:func:`_aim_on_faces`); a butt joint's aim is lateral only.
    """
    n = lat_mm.shape[0]
    lat = np.empty(n)
    vert = np.empty(n)
    for i in range(n):
        if math.isnan(lat_mm[i]) or math.isnan(vert_mm[i]):
            lat[i] = math.nan
            vert[i] = math.nan
            continue
        t0, t1, t2 = tangent[i, 0], tangent[i, 1], tangent[i, 2]
        a0, a1, a2 = n_lower[i, 0], n_lower[i, 1], n_lower[i, 2]
        b0, b1, b2 = n_upper[i, 0], n_upper[i, 1], n_upper[i, 2]
        l0, l1, l2, ev_x, ev_y, fillet = _joint_axes(t0, t1, t2, a0, a1, a2, b0, b1, b2,
                                                      sin_parallel)
        mx = lat_mm[i] + vert_mm[i] * ev_x
        my = vert_mm[i] * ev_y
        dx = _dot(z[i, 0], z[i, 1], z[i, 2], l0, l1, l2)
        dy = _dot(z[i, 0], z[i, 1], z[i, 2], a0, a1, a2)
        lat[i], vert[i] = _aim_on_faces(mx, my, dx, dy, ev_x, ev_y, fillet)
    return lat, vert


# --------------------------------------------------------------------------------------------
# signals along a segment


@njit(cache=True, error_model="numpy")
def _advance(t, k, b, tq):
    """Largest index ``j >= k`` (below ``b - 1``) with ``t[j] <= tq``: windows only move
    forward, so the search is amortised O(1)."""
    while k + 2 <= b - 1 and t[k + 1] <= tq:
        k += 1
    return k


@njit(cache=True, error_model="numpy")
def _window(tc, h, t_first, t_last):
    """The window ``[tc - h, tc + h]``, shifted to lie inside ``[t_first, t_last]`` near the
    ends (keeping its length when the segment is long enough, else the whole segment). Both
    edges are non-decreasing in ``tc``."""
    lo = tc - h
    hi = tc + h
    if lo < t_first:
        hi = min(hi + (t_first - lo), t_last)
        lo = t_first
    elif hi > t_last:
        lo = max(lo - (hi - t_last), t_first)
        hi = t_last
    return lo, hi


@njit(cache=True, error_model="numpy")
def _at(t, x, k, tq):
    """``x`` interpolated at ``tq`` in the interval ``[t[k], t[k + 1]]``."""
    f = (tq - t[k]) / (t[k + 1] - t[k])
    if f <= 0.0:
        return x[k]
    if f >= 1.0:
        return x[k + 1]
    return x[k] + f * (x[k + 1] - x[k])


@njit(cache=True, error_model="numpy")
def centred_slope(t, x, bounds, half_window):
    """Mean rate of change of ``x`` over a centred time window, per segment.

    ``(x(t + h) - x(t - h)) / 2h`` with ``x`` interpolated linearly in time: the centred
    moving average of the derivative over ``2 h``. Near a segment's ends the window slides to
    lie inside the segment, keeping its length (so a whole weave period is still averaged).
    NaN for a single-sample segment.

    Parameters
    ----------
    t : ndarray, shape (M,)
        Increasing times (s).
    x : ndarray, shape (M,)
    bounds : ndarray, shape (P, 2), int64
    half_window : ndarray, shape (P,)
        Half the window (s) of each segment, > 0.
    """
    out = np.full(t.shape[0], np.nan)
    for j in range(bounds.shape[0]):
        a, b = bounds[j, 0], bounds[j, 1]
        h = half_window[j]
        if b - a < 2:
            continue
        t_first = t[a]
        t_last = t[b - 1]
        k_lo = a
        k_hi = a
        for i in range(a, b):
            lo, hi = _window(t[i], h, t_first, t_last)
            if hi <= lo:
                continue
            k_lo = _advance(t, k_lo, b, lo)
            k_hi = _advance(t, k_hi, b, hi)
            out[i] = (_at(t, x, k_hi, hi) - _at(t, x, k_lo, lo)) / (hi - lo)
    return out


@njit(cache=True, error_model="numpy")
def centred_mean(t, x, bounds, half_window):
    """Centred moving average of ``x`` over ``[t - h, t + h]``, per segment, with ``x`` linear
    between samples (exact for any window, not a whole number of samples). Near a segment's
    ends the window slides inside it as in :func:`centred_slope`. ``h`` = 0 (or a
    single-sample segment) copies ``x``. NaN-free input expected."""
    m = t.shape[0]
    out = np.full(m, np.nan)
    cum = np.zeros(m)
    for j in range(bounds.shape[0]):
        a, b = bounds[j, 0], bounds[j, 1]
        if b <= a:
            continue
        h = half_window[j]
        if b - a < 2 or not h > 0.0:
            for i in range(a, b):
                out[i] = x[i]
            continue
        cum[a] = 0.0
        for i in range(a + 1, b):
            cum[i] = cum[i - 1] + 0.5 * (x[i] + x[i - 1]) * (t[i] - t[i - 1])
        t_first = t[a]
        t_last = t[b - 1]
        k_lo = a
        k_hi = a
        for i in range(a, b):
            lo, hi = _window(t[i], h, t_first, t_last)
            if hi <= lo:
                out[i] = x[i]
                continue
            k_lo = _advance(t, k_lo, b, lo)
            k_hi = _advance(t, k_hi, b, hi)
            out[i] = (_integral(t, x, cum, k_hi, hi) - _integral(t, x, cum, k_lo, lo)) / (hi - lo)
    return out


@njit(cache=True, error_model="numpy")
def _integral(t, x, cum, k, tq):
    """Integral of the piecewise-linear ``x`` from the segment's start to ``tq``, with ``tq``
    in ``[t[k], t[k + 1]]``."""
    dt = tq - t[k]
    if dt <= 0.0:
        return cum[k]
    xq = _at(t, x, k, tq)
    return cum[k] + 0.5 * (x[k] + xq) * dt


@njit(cache=True, error_model="numpy")
def weave_cycles(t, x, bounds, hysteresis):
    """Weave cycles of a (detrended) lateral signal, per segment.

    A cycle runs from one upward zero crossing to the next. Crossings are counted with
    hysteresis (a Schmitt trigger): after an upward crossing the signal must fall below
    ``-hysteresis`` before the next upward crossing counts, and it must have risen above
    ``+hysteresis`` in between, so noise around zero makes no cycle. The crossing time is the
    linearly interpolated zero crossing nearest before the signal passes ``+hysteresis``.

    Returns
    -------
    amplitude : ndarray, shape (M,)
        Half the peak-to-peak of ``x`` over the cycle a sample belongs to (unit of ``x``);
        NaN for samples outside whole cycles.
    frequency_hz : ndarray, shape (M,)
        ``1 / (cycle duration)`` (Hz), NaN likewise.
    n_cycles : ndarray, shape (P,), int64
        Whole cycles in each segment.
    """
    m = t.shape[0]
    amp = np.full(m, np.nan)
    freq = np.full(m, np.nan)
    ncyc = np.zeros(bounds.shape[0], dtype=np.int64)
    for j in range(bounds.shape[0]):
        a, b = bounds[j, 0], bounds[j, 1]
        state = 0  # 0 unknown, -1 low (passed -h), +1 high (passed +h)
        last_zero_t = np.nan  # most recent upward zero crossing time
        last_zero_i = -1
        cyc_t = np.nan  # start of the current cycle
        cyc_i = -1
        for i in range(a + 1, b):
            x0 = x[i - 1]
            x1 = x[i]
            if x0 < 0.0 <= x1:
                f = -x0 / (x1 - x0) if x1 != x0 else 0.0
                last_zero_t = t[i - 1] + f * (t[i] - t[i - 1])
                last_zero_i = i
            if x1 <= -hysteresis:
                state = -1
            elif x1 >= hysteresis and state != 1:
                if state == -1 and last_zero_i >= 0:
                    if cyc_i >= 0:
                        period = last_zero_t - cyc_t
                        hi = -np.inf
                        lo = np.inf
                        for k in range(cyc_i, last_zero_i):
                            if x[k] > hi:
                                hi = x[k]
                            if x[k] < lo:
                                lo = x[k]
                        for k in range(cyc_i, last_zero_i):
                            amp[k] = 0.5 * (hi - lo)
                            freq[k] = 1.0 / period
                        ncyc[j] += 1
                    cyc_t = last_zero_t
                    cyc_i = last_zero_i
                state = 1
    return amp, freq, ncyc


# --------------------------------------------------------------------------------------------
# windows


@njit(cache=True, error_model="numpy")
def window_score(x, zero_lo, full_lo, full_hi, zero_hi):
    """Score of each value: 1 inside ``[full_lo, full_hi]``, linear to 0 at ``zero_lo`` and
    ``zero_hi``, 0 beyond; NaN for NaN. A side whose zero edge equals its full edge drops
    straight to 0."""
    n = x.shape[0]
    out = np.empty(n)
    for i in range(n):
        v = x[i]
        if v != v:
            out[i] = np.nan
        elif v < full_lo:
            out[i] = (v - zero_lo) / (full_lo - zero_lo) if v > zero_lo else 0.0
        elif v > full_hi:
            out[i] = (zero_hi - v) / (zero_hi - full_hi) if v < zero_hi else 0.0
        else:
            out[i] = 1.0
    return out
