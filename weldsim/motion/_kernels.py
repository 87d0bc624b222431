"""Numba kernels of the motion package.

Plain functions of arrays: no objects, no I/O, no input checks. The public wrappers in
:mod:`weldsim.motion.profiles`, :mod:`weldsim.motion.paths` and :mod:`weldsim.motion.weave`
validate their arguments and call these. Every kernel is compiled once, with ``cache=True``;
the uncompiled Python function stays reachable as ``kernel.py_func`` for tests.

Conventions: positions in metres, angles in radians, times in seconds, quaternions
``(w, x, y, z)``, poses ``(4, 4)`` homogeneous matrices.
"""

from __future__ import annotations

import math

import numpy as np

from weldsim._jit import njit

# --------------------------------------------------------------------------------------------
# time scaling


@njit(cache=True)
def trapezoid_positions(length, v_peak, accel, t_acc, n_steps, dt):
    """Path parameter of a trapezoidal (or triangular) profile on the sample grid.

    Parameters
    ----------
    length : float
        Path length (any unit).
    v_peak : float
        Cruise speed (unit/s); for a triangular profile the peak speed.
    accel : float
        Acceleration and deceleration (unit/s^2).
    t_acc : float
        Duration of the acceleration ramp, equal to the deceleration ramp (s).
    n_steps : int
        Number of sample intervals; the duration is ``n_steps * dt``.
    dt : float
        Sample interval (s).

    Returns
    -------
    s : ndarray, shape (n_steps + 1,)
        ``s[k]`` is the path parameter at ``t = k * dt``; ``s[0] == 0`` and
        ``s[-1] == length`` exactly.
    """
    s = np.empty(n_steps + 1)
    duration = n_steps * dt
    for k in range(n_steps + 1):
        t = k * dt
        if t <= t_acc:
            s[k] = 0.5 * accel * t * t
        elif t < duration - t_acc:
            s[k] = 0.5 * accel * t_acc * t_acc + v_peak * (t - t_acc)
        else:
            r = duration - t
            if r < 0.0:
                r = 0.0
            s[k] = length - 0.5 * accel * r * r
        if s[k] > length:
            s[k] = length
        elif s[k] < 0.0:
            s[k] = 0.0
    s[0] = 0.0
    s[n_steps] = length
    return s


# --------------------------------------------------------------------------------------------
# rotations


@njit(cache=True)
def matrix_to_quat(R):
    """Unit quaternion ``(w, x, y, z)`` of a rotation matrix, with ``w >= 0``.

    Parameters
    ----------
    R : ndarray, shape (3, 3)

    Returns
    -------
    q : ndarray, shape (4,)
    """
    q = np.empty(4)
    tr = R[0, 0] + R[1, 1] + R[2, 2]
    if tr > 0.0:
        r = math.sqrt(1.0 + tr) * 2.0
        q[0] = 0.25 * r
        q[1] = (R[2, 1] - R[1, 2]) / r
        q[2] = (R[0, 2] - R[2, 0]) / r
        q[3] = (R[1, 0] - R[0, 1]) / r
    elif R[0, 0] > R[1, 1] and R[0, 0] > R[2, 2]:
        r = math.sqrt(1.0 + R[0, 0] - R[1, 1] - R[2, 2]) * 2.0
        q[0] = (R[2, 1] - R[1, 2]) / r
        q[1] = 0.25 * r
        q[2] = (R[0, 1] + R[1, 0]) / r
        q[3] = (R[0, 2] + R[2, 0]) / r
    elif R[1, 1] > R[2, 2]:
        r = math.sqrt(1.0 + R[1, 1] - R[0, 0] - R[2, 2]) * 2.0
        q[0] = (R[0, 2] - R[2, 0]) / r
        q[1] = (R[0, 1] + R[1, 0]) / r
        q[2] = 0.25 * r
        q[3] = (R[1, 2] + R[2, 1]) / r
    else:
        r = math.sqrt(1.0 + R[2, 2] - R[0, 0] - R[1, 1]) * 2.0
        q[0] = (R[1, 0] - R[0, 1]) / r
        q[1] = (R[0, 2] + R[2, 0]) / r
        q[2] = (R[1, 2] + R[2, 1]) / r
        q[3] = 0.25 * r
    n = math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3])
    sign = 1.0 if q[0] >= 0.0 else -1.0
    for i in range(4):
        q[i] = sign * q[i] / n
    return q


@njit(cache=True)
def quat_to_matrix_into(q, out):
    """Write the rotation matrix of a unit quaternion ``(w, x, y, z)`` into ``out[:3, :3]``."""
    w, x, y, z = q[0], q[1], q[2], q[3]
    out[0, 0] = 1.0 - 2.0 * (y * y + z * z)
    out[0, 1] = 2.0 * (x * y - w * z)
    out[0, 2] = 2.0 * (x * z + w * y)
    out[1, 0] = 2.0 * (x * y + w * z)
    out[1, 1] = 1.0 - 2.0 * (x * x + z * z)
    out[1, 2] = 2.0 * (y * z - w * x)
    out[2, 0] = 2.0 * (x * z - w * y)
    out[2, 1] = 2.0 * (y * z + w * x)
    out[2, 2] = 1.0 - 2.0 * (x * x + y * y)


@njit(cache=True)
def quat_angle(q0, q1):
    """Rotation angle (rad, in [0, pi]) between two unit quaternions."""
    d = abs(q0[0] * q1[0] + q0[1] * q1[1] + q0[2] * q1[2] + q0[3] * q1[3])
    if d > 1.0:
        d = 1.0
    return 2.0 * math.acos(d)


@njit(cache=True)
def slerp_setup(q0, q1):
    """Constants of a slerp from ``q0`` to ``q1`` along the shorter arc.

    Returns ``(q1s, theta, inv_sin)``: ``q1`` with the sign that makes ``q0 . q1s >= 0``, the
    angle between them on the unit sphere and ``1 / sin(theta)`` (0 when the two rotations
    coincide to 1e-12, where normalised linear interpolation is used instead).
    """
    d = q0[0] * q1[0] + q0[1] * q1[1] + q0[2] * q1[2] + q0[3] * q1[3]
    q1s = q1.copy()
    if d < 0.0:
        d = -d
        for i in range(4):
            q1s[i] = -q1[i]
    if d > 1.0 - 1e-12:
        return q1s, 0.0, 0.0
    theta = math.acos(d)
    return q1s, theta, 1.0 / math.sin(theta)


@njit(cache=True)
def slerp_eval_into(q0, q1s, theta, inv_sin, u, out):
    """Write the slerp at ``u`` in [0, 1] (constants from :func:`slerp_setup`) into ``out``."""
    if inv_sin == 0.0:
        a = 1.0 - u
        b = u
    else:
        a = math.sin((1.0 - u) * theta) * inv_sin
        b = math.sin(u * theta) * inv_sin
    n = 0.0
    for i in range(4):
        out[i] = a * q0[i] + b * q1s[i]
        n += out[i] * out[i]
    n = math.sqrt(n)
    for i in range(4):
        out[i] /= n


# --------------------------------------------------------------------------------------------
# paths


@njit(cache=True)
def line_poses(p0, p1, q0, q1, u):
    """Poses along a straight line with slerped orientation.

    Parameters
    ----------
    p0, p1 : ndarray, shape (3,)
        Start and end positions (m).
    q0, q1 : ndarray, shape (4,)
        Start and end orientations, unit quaternions (w, x, y, z).
    u : ndarray, shape (N,)
        Normalised path parameter in [0, 1].

    Returns
    -------
    T : ndarray, shape (N, 4, 4)
    """
    n = u.shape[0]
    T = np.zeros((n, 4, 4))
    qi = np.empty(4)
    q1s, theta, inv_sin = slerp_setup(q0, q1)
    for k in range(n):
        uk = u[k]
        for i in range(3):
            T[k, i, 3] = p0[i] + (p1[i] - p0[i]) * uk
        slerp_eval_into(q0, q1s, theta, inv_sin, uk, qi)
        quat_to_matrix_into(qi, T[k])
        T[k, 3, 3] = 1.0
    return T


@njit(cache=True)
def arc_poses(centre, radius, e1, e2, angle, via_angle, q0, qv, q1, u):
    """Poses along a circular arc; orientation slerps start->via, then via->end.

    Parameters
    ----------
    centre : ndarray, shape (3,)
        Circle centre (m).
    radius : float
        Circle radius (m).
    e1, e2 : ndarray, shape (3,)
        Orthonormal in-plane axes: ``e1`` points from the centre to the start point, ``e2``
        is ``normal x e1`` so the arc runs from ``e1`` toward ``e2``.
    angle : float
        Arc angle from start to end (rad, in (0, 2 pi)).
    via_angle : float
        Angle of the via point (rad, in (0, angle)).
    q0, qv, q1 : ndarray, shape (4,)
        Orientations at start, via and end (w, x, y, z).
    u : ndarray, shape (N,)
        Normalised path parameter in [0, 1] (proportional to the arc angle).

    Returns
    -------
    T : ndarray, shape (N, 4, 4)
    """
    n = u.shape[0]
    T = np.zeros((n, 4, 4))
    qi = np.empty(4)
    qvs, theta_a, inv_a = slerp_setup(q0, qv)
    q1s, theta_b, inv_b = slerp_setup(qv, q1)
    for k in range(n):
        th = u[k] * angle
        c = math.cos(th)
        s = math.sin(th)
        for i in range(3):
            T[k, i, 3] = centre[i] + radius * (c * e1[i] + s * e2[i])
        if th <= via_angle:
            slerp_eval_into(q0, qvs, theta_a, inv_a, th / via_angle, qi)
        else:
            slerp_eval_into(qv, q1s, theta_b, inv_b, (th - via_angle) / (angle - via_angle), qi)
        quat_to_matrix_into(qi, T[k])
        T[k, 3, 3] = 1.0
    return T


@njit(cache=True)
def arc_tangents(e1, e2, angle, u):
    """Unit tangents (direction of travel) along a circular arc, shape (N, 3)."""
    n = u.shape[0]
    d = np.empty((n, 3))
    for k in range(n):
        th = u[k] * angle
        c = math.cos(th)
        s = math.sin(th)
        for i in range(3):
            d[k, i] = -s * e1[i] + c * e2[i]
    return d


# --------------------------------------------------------------------------------------------
# weaving

PATTERN_SINE = 0
PATTERN_TRIANGLE = 1
PATTERN_TRAPEZOID = 2
PATTERN_CIRCLE = 3


@njit(cache=True)
def weave_angle(phase, period, t_stroke, dwell_left, dwell_centre, dwell_right):
    """Stroke angle ``theta`` (rad, in [0, 2 pi)) at a cycle phase.

    A weave cycle (duration ``period``) is four quarter strokes of ``t_stroke`` seconds each,
    during which ``theta`` advances uniformly by pi/2, separated by dwells during which it
    holds: centre->left, left dwell, left->centre, centre dwell, centre->right, right dwell,
    right->centre, centre dwell.

    Parameters
    ----------
    phase : float
        Cycle phase in cycles; only its fractional part matters.
    period, t_stroke, dwell_left, dwell_centre, dwell_right : float
        Times in seconds; ``period == 4 t_stroke + dwell_left + 2 dwell_centre + dwell_right``.
    """
    half_pi = 0.5 * math.pi
    tau = (phase - math.floor(phase)) * period
    # stroke 1: centre -> left
    if tau < t_stroke:
        return half_pi * tau / t_stroke
    tau -= t_stroke
    if tau < dwell_left:
        return half_pi
    tau -= dwell_left
    if tau < t_stroke:
        return half_pi + half_pi * tau / t_stroke
    tau -= t_stroke
    if tau < dwell_centre:
        return math.pi
    tau -= dwell_centre
    if tau < t_stroke:
        return math.pi + half_pi * tau / t_stroke
    tau -= t_stroke
    if tau < dwell_right:
        return 3.0 * half_pi
    tau -= dwell_right
    if tau < t_stroke:
        return 3.0 * half_pi + half_pi * tau / t_stroke
    return 0.0


@njit(cache=True)
def weave_shape(pattern, theta):
    """Normalised weave offsets ``(lateral, along)`` at stroke angle ``theta``.

    ``lateral`` is in [-1, 1] (+1 = left edge); ``along`` (CIRCLE only) is in [0, 2].
    """
    if pattern == PATTERN_SINE:
        return math.sin(theta), 0.0
    # triangle wave with the zeros and peaks of sin(theta)
    x = theta / (0.5 * math.pi)  # in [0, 4)
    if x <= 1.0:
        tri = x
    elif x <= 3.0:
        tri = 2.0 - x
    else:
        tri = x - 4.0
    if pattern == PATTERN_TRIANGLE:
        return tri, 0.0
    if pattern == PATTERN_TRAPEZOID:
        v = 1.5 * tri
        if v > 1.0:
            v = 1.0
        elif v < -1.0:
            v = -1.0
        return v, 0.0
    # CIRCLE: a loop of radius 1 centred one radius ahead along the travel direction
    return math.sin(theta), 1.0 - math.cos(theta)


@njit(cache=True)
def weave_offsets(
    pattern, phase, period, t_stroke, dwell_left, dwell_centre, dwell_right, amplitude
):
    """Lateral and along-travel weave offsets (m) at each cycle phase.

    Parameters
    ----------
    pattern : int
        One of the ``PATTERN_*`` constants.
    phase : ndarray, shape (N,)
        Cycle phase in cycles (continuous; the fractional part is the position in the cycle).
    period, t_stroke, dwell_left, dwell_centre, dwell_right : float
        See :func:`weave_angle` (s).
    amplitude : float
        Half the weave width (m).

    Returns
    -------
    lateral, along : ndarray, shape (N,)
    """
    n = phase.shape[0]
    lat = np.empty(n)
    along = np.empty(n)
    for k in range(n):
        th = weave_angle(phase[k], period, t_stroke, dwell_left, dwell_centre, dwell_right)
        a, b = weave_shape(pattern, th)
        lat[k] = amplitude * a
        along[k] = amplitude * b
    return lat, along


@njit(cache=True)
def apply_weave_into(T, travel, lateral, along, tilt):
    """Shift the positions of ``T`` (N, 4, 4) in place by the weave offsets.

    The lateral axis at each sample is ``normalize(travel x tool_z)`` rotated about ``travel``
    by ``tilt`` (rad, right-hand rule); the along axis is ``travel``. Returns the smallest
    ``|travel x tool_z|`` seen (the caller rejects a torch axis parallel to the travel).
    """
    n = T.shape[0]
    ct = math.cos(tilt)
    st = math.sin(tilt)
    smallest = np.inf
    for k in range(n):
        dx, dy, dz = travel[k, 0], travel[k, 1], travel[k, 2]
        zx, zy, zz = T[k, 0, 2], T[k, 1, 2], T[k, 2, 2]
        lx = dy * zz - dz * zy
        ly = dz * zx - dx * zz
        lz = dx * zy - dy * zx
        ln = math.sqrt(lx * lx + ly * ly + lz * lz)
        if ln < smallest:
            smallest = ln
        if ln == 0.0:
            continue
        lx /= ln
        ly /= ln
        lz /= ln
        # travel x lateral, the third axis of the right-handed weave frame
        mx = dy * lz - dz * ly
        my = dz * lx - dx * lz
        mz = dx * ly - dy * lx
        wx = ct * lx + st * mx
        wy = ct * ly + st * my
        wz = ct * lz + st * mz
        T[k, 0, 3] += lateral[k] * wx + along[k] * dx
        T[k, 1, 3] += lateral[k] * wy + along[k] * dy
        T[k, 2, 3] += lateral[k] * wz + along[k] * dz
    return smallest
