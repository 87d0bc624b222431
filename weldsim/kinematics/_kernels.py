"""numba kernels of the OPW kinematics: plain functions of arrays, no objects, no I/O.

Argument layout shared by all kernels:

- ``p``: ``(7,)`` OPW lengths ``[a1, a2, b, c1, c2, c3, c4]`` (m).
- ``off``, ``sgn``: ``(6,)`` offsets (rad) and sign corrections; OPW angle = ``sgn*q - off``.
- ``lo``, ``hi``: ``(6,)`` joint limits of the model angles (rad).
- ``T_ft``: ``(4, 4)`` pose of the TCP in the flange frame; ``T_tf`` its inverse.

Solutions are indexed ``w * 4 + a``: ``a`` = arm solution 0..3 (0, 1 front of the base,
2, 3 back; 0 and 2 with ``sin(phi) >= 0``), ``w`` = wrist solution (0: OPW ``q5 >= 0``).
Public wrappers in :mod:`weldsim.kinematics.robot` check inputs; these kernels do not.
"""

from __future__ import annotations

import math

import numpy as np

from weldsim._jit import njit, prange

TWO_PI = 2.0 * math.pi
#: ``sqrt(x^2 + y^2)`` of the wrist centre below which the J1 angle is free (m).
SHOULDER_EPS = 1e-12
#: ``|sin(q5)|`` below which J4 and J6 are coupled (only their sum/difference is fixed).
WRIST_EPS = 1e-12
#: Reach tolerance: ``|cos(phi)|`` up to ``1 + REACH_EPS`` is clamped to 1 (stretched arm).
REACH_EPS = 1e-10
#: Tolerance on joint limits (rad).
LIMIT_EPS = 1e-9


@njit(cache=True, inline="always")
def _wrap_pi(x):
    """Angle in [-pi, pi)."""
    return x - TWO_PI * math.floor((x + math.pi) / TWO_PI)


@njit(cache=True)
def fk_opw_flange(q, p, off, sgn, out):
    """Flange pose ``T_base_flange`` of model angles ``q`` (6,) into ``out`` (4, 4)."""
    a1, a2, b, c1, c2, c3, c4 = p[0], p[1], p[2], p[3], p[4], p[5], p[6]
    t1 = sgn[0] * q[0] - off[0]
    t2 = sgn[1] * q[1] - off[1]
    t3 = sgn[2] * q[2] - off[2]
    t4 = sgn[3] * q[3] - off[3]
    t5 = sgn[4] * q[4] - off[4]
    t6 = sgn[5] * q[5] - off[5]
    psi3 = math.atan2(a2, c3)
    k = math.sqrt(a2 * a2 + c3 * c3)
    s1, co1 = math.sin(t1), math.cos(t1)
    s2, co2 = math.sin(t2), math.cos(t2)
    s23p = math.sin(t2 + t3 + psi3)
    c23p = math.cos(t2 + t3 + psi3)
    cx1 = c2 * s2 + k * s23p + a1
    cy1 = b
    cz1 = c2 * co2 + k * c23p
    cx0 = cx1 * co1 - cy1 * s1
    cy0 = cx1 * s1 + cy1 * co1
    cz0 = cz1 + c1
    s23, c23 = math.sin(t2 + t3), math.cos(t2 + t3)
    s4, co4 = math.sin(t4), math.cos(t4)
    s5, co5 = math.sin(t5), math.cos(t5)
    s6, co6 = math.sin(t6), math.cos(t6)
    # R_0c = Rz(t1) Ry(t23); R_ce = Rz(t4) Ry(t5) Rz(t6)
    r00 = co1 * c23
    r01 = -s1
    r02 = co1 * s23
    r10 = s1 * c23
    r11 = co1
    r12 = s1 * s23
    r20 = -s23
    r21 = 0.0
    r22 = c23
    e00 = co4 * co5 * co6 - s4 * s6
    e01 = -co4 * co5 * s6 - s4 * co6
    e02 = co4 * s5
    e10 = s4 * co5 * co6 + co4 * s6
    e11 = -s4 * co5 * s6 + co4 * co6
    e12 = s4 * s5
    e20 = -s5 * co6
    e21 = s5 * s6
    e22 = co5
    out[0, 0] = r00 * e00 + r01 * e10 + r02 * e20
    out[0, 1] = r00 * e01 + r01 * e11 + r02 * e21
    out[0, 2] = r00 * e02 + r01 * e12 + r02 * e22
    out[1, 0] = r10 * e00 + r11 * e10 + r12 * e20
    out[1, 1] = r10 * e01 + r11 * e11 + r12 * e21
    out[1, 2] = r10 * e02 + r11 * e12 + r12 * e22
    out[2, 0] = r20 * e00 + r21 * e10 + r22 * e20
    out[2, 1] = r20 * e01 + r21 * e11 + r22 * e21
    out[2, 2] = r20 * e02 + r21 * e12 + r22 * e22
    out[0, 3] = cx0 + c4 * out[0, 2]
    out[1, 3] = cy0 + c4 * out[1, 2]
    out[2, 3] = cz0 + c4 * out[2, 2]
    out[3, 0] = 0.0
    out[3, 1] = 0.0
    out[3, 2] = 0.0
    out[3, 3] = 1.0


@njit(cache=True)
def compose(A, B, out):
    """``out = A @ B`` for poses (4, 4); ``out`` must not alias ``A`` or ``B``."""
    for i in range(3):
        for j in range(4):
            out[i, j] = A[i, 0] * B[0, j] + A[i, 1] * B[1, j] + A[i, 2] * B[2, j]
        out[i, 3] += A[i, 3]
    out[3, 0] = 0.0
    out[3, 1] = 0.0
    out[3, 2] = 0.0
    out[3, 3] = 1.0


@njit(cache=True)
def fk_tcp(q, p, off, sgn, T_ft, tmp, out):
    """``T_base_tcp`` = ``T_base_flange(q) @ T_ft`` into ``out``; ``tmp`` is (4, 4) scratch."""
    fk_opw_flange(q, p, off, sgn, tmp)
    compose(tmp, T_ft, out)


#: Poses per parallel chunk: scratch arrays are allocated once per chunk, not per pose.
CHUNK = 2048


@njit(cache=True, parallel=True)
def fk_batch(Q, p, off, sgn, T_ft, out):
    """``T_base_tcp`` of every row of ``Q`` (N, 6) into ``out`` (N, 4, 4)."""
    n_all = Q.shape[0]
    for c in prange((n_all + CHUNK - 1) // CHUNK):
        tmp = np.empty((4, 4))
        for n in range(c * CHUNK, min(n_all, (c + 1) * CHUNK)):
            fk_tcp(Q[n], p, off, sgn, T_ft, tmp, out[n])


@njit(cache=True)
def ik_opw_raw(T, p, T_tf, t1_hint, t4_hint, sols, reach):
    """All OPW-angle solutions of a TCP pose, before offsets, signs and limits.

    ``sols`` (8, 6) receives the OPW angles; ``reach`` (8,) whether the arm solution exists.
    ``t1_hint`` is used for J1 when the wrist centre is on the J1 axis, ``t4_hint`` for J4
    when the wrist is straight (both OPW angles).
    """
    a1, a2, b, c1, c2, c3, c4 = p[0], p[1], p[2], p[3], p[4], p[5], p[6]
    # flange pose R, (px, py, pz) = T @ T_tf
    R00 = T[0, 0] * T_tf[0, 0] + T[0, 1] * T_tf[1, 0] + T[0, 2] * T_tf[2, 0]
    R02 = T[0, 0] * T_tf[0, 2] + T[0, 1] * T_tf[1, 2] + T[0, 2] * T_tf[2, 2]
    R10 = T[1, 0] * T_tf[0, 0] + T[1, 1] * T_tf[1, 0] + T[1, 2] * T_tf[2, 0]
    R12 = T[1, 0] * T_tf[0, 2] + T[1, 1] * T_tf[1, 2] + T[1, 2] * T_tf[2, 2]
    R20 = T[2, 0] * T_tf[0, 0] + T[2, 1] * T_tf[1, 0] + T[2, 2] * T_tf[2, 0]
    R22 = T[2, 0] * T_tf[0, 2] + T[2, 1] * T_tf[1, 2] + T[2, 2] * T_tf[2, 2]
    px = T[0, 0] * T_tf[0, 3] + T[0, 1] * T_tf[1, 3] + T[0, 2] * T_tf[2, 3] + T[0, 3]
    py = T[1, 0] * T_tf[0, 3] + T[1, 1] * T_tf[1, 3] + T[1, 2] * T_tf[2, 3] + T[1, 3]
    pz = T[2, 0] * T_tf[0, 3] + T[2, 1] * T_tf[1, 3] + T[2, 2] * T_tf[2, 3] + T[2, 3]
    # wrist centre
    cx = px - c4 * R02
    cy = py - c4 * R12
    cz = pz - c4 * R22
    for i in range(8):
        reach[i] = False
    nn = cx * cx + cy * cy - b * b
    if nn < 0.0:
        if nn < -REACH_EPS:
            return
        nn = 0.0
    n = math.sqrt(nn)
    if math.sqrt(cx * cx + cy * cy) < SHOULDER_EPS:
        theta = t1_hint
    else:
        theta = math.atan2(cy, cx)
    gamma = math.atan2(b, n)
    k2 = a2 * a2 + c3 * c3
    k = math.sqrt(k2)
    psi3 = math.atan2(a2, c3)
    dz = cz - c1
    for branch in range(2):
        if branch == 0:
            t1 = theta - gamma
            dx = n - a1
        else:
            t1 = _wrap_pi(theta + gamma - math.pi)
            dx = -n - a1
        cphi = (dx * dx + dz * dz - c2 * c2 - k2) / (2.0 * c2 * k)
        if cphi > 1.0:
            if cphi > 1.0 + REACH_EPS:
                continue
            cphi = 1.0
        elif cphi < -1.0:
            if cphi < -1.0 - REACH_EPS:
                continue
            cphi = -1.0
        sphi_abs = math.sqrt(1.0 - cphi * cphi)
        phi_abs = math.atan2(sphi_abs, cphi)
        beta_abs = math.atan2(k * sphi_abs, c2 + k * cphi)
        base = math.atan2(dx, dz)
        s1, co1 = math.sin(t1), math.cos(t1)
        for elbow in range(2):
            sg = 1.0 if elbow == 0 else -1.0
            t2 = base - sg * beta_abs
            t3 = sg * phi_abs - psi3
            t23 = t2 + t3
            s23, c23 = math.sin(t23), math.cos(t23)
            # R_ce = R_0c^T R with R_0c = Rz(t1) Ry(t23)
            u0 = co1 * c23
            u1 = s1 * c23
            w0 = co1 * s23
            w1 = s1 * s23
            e00 = u0 * R00 + u1 * R10 - s23 * R20
            e02 = u0 * R02 + u1 * R12 - s23 * R22
            e10 = -s1 * R00 + co1 * R10
            e12 = -s1 * R02 + co1 * R12
            e20 = w0 * R00 + w1 * R10 + c23 * R20
            e22 = w0 * R02 + w1 * R12 + c23 * R22
            # (e02, e12, e22) is a unit column, so sin t5 = s5 and cos t5 = e22
            s5 = math.sqrt(e02 * e02 + e12 * e12)
            t5 = math.atan2(s5, e22)
            if s5 < WRIST_EPS:
                t4 = t4_hint
                s4, co4 = math.sin(t4), math.cos(t4)
            else:
                t4 = math.atan2(e12, e02)
                s4, co4 = e12 / s5, e02 / s5
            t6 = math.atan2(-s4 * e00 + co4 * e10, e22 * (co4 * e00 + s4 * e10) - s5 * e20)
            a = branch * 2 + elbow
            t2w = _wrap_pi(t2)
            t3w = _wrap_pi(t3)
            for w in range(2):
                i = w * 4 + a
                sols[i, 0] = t1
                sols[i, 1] = t2w
                sols[i, 2] = t3w
                if w == 0:
                    sols[i, 3] = t4
                    sols[i, 4] = t5
                    sols[i, 5] = t6
                else:
                    sols[i, 3] = _wrap_pi(t4 + math.pi)
                    sols[i, 4] = -t5
                    sols[i, 5] = _wrap_pi(t6 + math.pi)
                reach[i] = True


@njit(cache=True)
def to_model_in_limits(sols, reach, off, sgn, lo, hi, out, ok):
    """Convert OPW angles to model angles and pick, per joint, the equivalent angle (±2π)
    inside the limits, preferring the one in [-π, π). ``ok`` = reachable and inside limits."""
    for i in range(8):
        if not reach[i]:
            for j in range(6):
                out[i, j] = np.nan
            ok[i] = False
            continue
        good = True
        for j in range(6):
            x = _wrap_pi((sols[i, j] + off[j]) * sgn[j])
            if x < lo[j] - LIMIT_EPS:
                x += TWO_PI
            elif x > hi[j] + LIMIT_EPS:
                x -= TWO_PI
            if x < lo[j] - LIMIT_EPS or x > hi[j] + LIMIT_EPS:
                good = False
            out[i, j] = x
        ok[i] = good


@njit(cache=True)
def ik_all(T, p, off, sgn, lo, hi, T_tf, sols, ok):
    """All 8 solutions of a TCP pose in model angles (NaN where the arm cannot reach)."""
    raw = np.empty((8, 6))
    reach = np.empty(8, dtype=np.bool_)
    ik_opw_raw(T, p, T_tf, -off[0], -off[3], raw, reach)
    to_model_in_limits(raw, reach, off, sgn, lo, hi, sols, ok)


@njit(cache=True, parallel=True)
def ik_batch(Ts, p, off, sgn, lo, hi, T_tf, sols, ok):
    """:func:`ik_all` for every pose of ``Ts`` (N, 4, 4) into (N, 8, 6) and (N, 8)."""
    n_all = Ts.shape[0]
    for c in prange((n_all + CHUNK - 1) // CHUNK):
        raw = np.empty((8, 6))
        reach = np.empty(8, dtype=np.bool_)
        for n in range(c * CHUNK, min(n_all, (c + 1) * CHUNK)):
            ik_opw_raw(Ts[n], p, T_tf, -off[0], -off[3], raw, reach)
            to_model_in_limits(raw, reach, off, sgn, lo, hi, sols[n], ok[n])


@njit(cache=True)
def config_flags_opw(t, p):
    """Configuration flags ``(wrist, elbow, base)`` of OPW angles ``t`` (6,).

    wrist 0 = N (no flip), 1 = F; elbow 0 = U (up), 1 = D; base 0 = T (front), 1 = B (back).
    Front/back: sign of the wrist centre's distance in front of J1 in the arm plane; up/down:
    the elbow above or below the line from J2 to the wrist centre, seen from the front.
    The wrist flag is set by the caller from the model's J5 (it depends on the sign map).
    """
    a1, a2, c2, c3 = p[0], p[1], p[4], p[5]
    psi3 = math.atan2(a2, c3)
    k = math.sqrt(a2 * a2 + c3 * c3)
    cx1 = c2 * math.sin(t[1]) + k * math.sin(t[1] + t[2] + psi3) + a1
    back = cx1 < 0.0
    sphi = math.sin(t[2] + psi3)
    up = sphi >= 0.0 if not back else sphi <= 0.0
    return 0, 0 if up else 1, 1 if back else 0


@njit(cache=True)
def config_flags(q, p, off, sgn, flags):
    """Configuration flags of model angles ``q`` (6,) into ``flags`` (3,) (see above)."""
    t = np.empty(6)
    for j in range(6):
        t[j] = sgn[j] * q[j] - off[j]
    _, elbow, base = config_flags_opw(t, p)
    flags[0] = 0 if q[4] <= 0.0 else 1
    flags[1] = elbow
    flags[2] = base


@njit(cache=True)
def nearest(T, p, off, sgn, lo, hi, T_tf, q_ref, weights, conf, out):
    """The solution nearest ``q_ref`` (model angles) inside the limits.

    Per joint the 2π-equivalent nearest ``q_ref`` inside the limits is taken; among the
    solutions, the one with the least ``sum(weights * dq**2)``. ``conf`` (3,) restricts the
    configuration flags (-1 = any). Returns False (and leaves ``out``) when none is valid.
    """
    raw = np.empty((8, 6))
    reach = np.empty(8, dtype=np.bool_)
    ik_opw_raw(T, p, T_tf, sgn[0] * q_ref[0] - off[0], sgn[3] * q_ref[3] - off[3], raw, reach)
    best = np.inf
    found = False
    cand = np.empty(6)
    t = np.empty(6)
    for i in range(8):
        if not reach[i]:
            continue
        cost = 0.0
        good = True
        for j in range(6):
            x = (raw[i, j] + off[j]) * sgn[j]
            x = q_ref[j] + _wrap_pi(x - q_ref[j])
            if x > hi[j] + LIMIT_EPS:
                x -= TWO_PI
            elif x < lo[j] - LIMIT_EPS:
                x += TWO_PI
            if x < lo[j] - LIMIT_EPS or x > hi[j] + LIMIT_EPS:
                good = False
                break
            cand[j] = x
            d = x - q_ref[j]
            cost += weights[j] * d * d
        if not good:
            continue
        if conf[0] >= 0 or conf[1] >= 0 or conf[2] >= 0:
            for j in range(6):
                t[j] = raw[i, j]
            _, elbow, base = config_flags_opw(t, p)
            wrist = 0 if cand[4] <= 0.0 else 1
            if (conf[0] >= 0 and conf[0] != wrist) or (conf[1] >= 0 and conf[1] != elbow) or (
                conf[2] >= 0 and conf[2] != base
            ):
                continue
        if cost < best:
            best = cost
            found = True
            for j in range(6):
                out[j] = cand[j]
    return found


@njit(cache=True)
def ik_path(Ts, p, off, sgn, lo, hi, T_tf, q_start, weights, conf, out, ok):
    """Nearest-solution IK along a sequence of poses (N, 4, 4), each sample nearest the last
    valid one (the first nearest ``q_start``). Unreachable samples get NaN and ``ok`` False."""
    ref = q_start.copy()
    for n in range(Ts.shape[0]):
        if nearest(Ts[n], p, off, sgn, lo, hi, T_tf, ref, weights, conf, out[n]):
            ok[n] = True
            for j in range(6):
                ref[j] = out[n, j]
        else:
            ok[n] = False
            for j in range(6):
                out[n, j] = np.nan


@njit(cache=True)
def singularity_measures(q, p, off, sgn, out):
    """Distances from the three singularities for model angles ``q`` (6,) into ``out`` (3,):
    wrist ``|q5|`` from 0 or π (rad); elbow: angle of the forearm line from the stretched or
    folded arm (rad); shoulder: distance of the wrist centre from the J1 axis (m)."""
    a1, a2, b, c2, c3 = p[0], p[1], p[2], p[4], p[5]
    t1 = sgn[0] * q[0] - off[0]
    t2 = sgn[1] * q[1] - off[1]
    t3 = sgn[2] * q[2] - off[2]
    t5 = sgn[4] * q[4] - off[4]
    psi3 = math.atan2(a2, c3)
    k = math.sqrt(a2 * a2 + c3 * c3)
    w = abs(_wrap_pi(t5))
    out[0] = min(w, math.pi - w)
    phi = abs(_wrap_pi(t3 + psi3))
    out[1] = min(phi, math.pi - phi)
    cx1 = c2 * math.sin(t2) + k * math.sin(t2 + t3 + psi3) + a1
    s1, co1 = math.sin(t1), math.cos(t1)
    cx0 = cx1 * co1 - b * s1
    cy0 = cx1 * s1 + b * co1
    out[2] = math.sqrt(cx0 * cx0 + cy0 * cy0)


@njit(cache=True)
def jacobian(q, p, off, sgn, T_ft, out):
    """Geometric Jacobian (6, 6) at the TCP in the base frame: rows vx, vy, vz (m/s) then
    wx, wy, wz (rad/s) per model joint speed (rad/s)."""
    a1, a2, b, c1, c2, c3 = p[0], p[1], p[2], p[3], p[4], p[5]
    t = np.empty(6)
    for j in range(6):
        t[j] = sgn[j] * q[j] - off[j]
    tmp = np.empty((4, 4))
    T = np.empty((4, 4))
    fk_opw_flange(q, p, off, sgn, tmp)
    compose(tmp, T_ft, T)
    s1, co1 = math.sin(t[0]), math.cos(t[0])
    s23, c23 = math.sin(t[1] + t[2]), math.cos(t[1] + t[2])
    s4, co4 = math.sin(t[3]), math.cos(t[3])
    psi3 = math.atan2(a2, c3)
    k = math.sqrt(a2 * a2 + c3 * c3)
    axes = np.zeros((6, 3))
    pts = np.zeros((6, 3))
    axes[0, 2] = 1.0
    # J2, J3 axes: Rz(t1) e_y
    for j in (1, 2):
        axes[j, 0] = -s1
        axes[j, 1] = co1
    pts[1, 0] = a1 * co1 - b * s1
    pts[1, 1] = a1 * s1 + b * co1
    pts[1, 2] = c1
    ex = a1 + c2 * math.sin(t[1])
    pts[2, 0] = ex * co1 - b * s1
    pts[2, 1] = ex * s1 + b * co1
    pts[2, 2] = c1 + c2 * math.cos(t[1])
    cx1 = ex + k * math.sin(t[1] + t[2] + psi3)
    wc0 = cx1 * co1 - b * s1
    wc1 = cx1 * s1 + b * co1
    wc2 = c1 + c2 * math.cos(t[1]) + k * math.cos(t[1] + t[2] + psi3)
    # R_0c columns
    z0 = co1 * s23
    z1 = s1 * s23
    z2 = c23
    axes[3, 0], axes[3, 1], axes[3, 2] = z0, z1, z2
    # J5 axis: R_0c Rz(t4) e_y = R_0c (-s4, c4, 0)
    x0, x1, x2 = co1 * c23, s1 * c23, -s23
    y0, y1, y2 = -s1, co1, 0.0
    axes[4, 0] = -s4 * x0 + co4 * y0
    axes[4, 1] = -s4 * x1 + co4 * y1
    axes[4, 2] = -s4 * x2 + co4 * y2
    # J6 axis: flange z
    axes[5, 0], axes[5, 1], axes[5, 2] = tmp[0, 2], tmp[1, 2], tmp[2, 2]
    for j in (3, 4, 5):
        pts[j, 0], pts[j, 1], pts[j, 2] = wc0, wc1, wc2
    for j in range(6):
        ax0, ax1, ax2 = axes[j, 0] * sgn[j], axes[j, 1] * sgn[j], axes[j, 2] * sgn[j]
        r0 = T[0, 3] - pts[j, 0]
        r1 = T[1, 3] - pts[j, 1]
        r2 = T[2, 3] - pts[j, 2]
        out[0, j] = ax1 * r2 - ax2 * r1
        out[1, j] = ax2 * r0 - ax0 * r2
        out[2, j] = ax0 * r1 - ax1 * r0
        out[3, j] = ax0
        out[4, j] = ax1
        out[5, j] = ax2


@njit(cache=True)
def first_bad_pose(Ts, tol):
    """Check a stack of poses (N, 4, 4). Returns ``(index, code, value)`` of the first bad one,
    or ``(-1, 0, 0.0)``: code 1 non-finite entry, 2 bottom row not ``[0, 0, 0, 1]``,
    3 rotation not orthonormal (value: max ``|R^T R - I|``), 4 determinant < 0 (value: det)."""
    for n in range(Ts.shape[0]):
        T = Ts[n]
        for i in range(4):
            for j in range(4):
                if not math.isfinite(T[i, j]):
                    return n, 1, 0.0
        if (abs(T[3, 0]) > 1e-12 or abs(T[3, 1]) > 1e-12 or abs(T[3, 2]) > 1e-12
                or abs(T[3, 3] - 1.0) > 1e-12):
            return n, 2, 0.0
        err = 0.0
        for i in range(3):
            for j in range(3):
                d = T[0, i] * T[0, j] + T[1, i] * T[1, j] + T[2, i] * T[2, j]
                if i == j:
                    d -= 1.0
                err = max(err, abs(d))
        if err > tol:
            return n, 3, err
        det = (T[0, 0] * (T[1, 1] * T[2, 2] - T[1, 2] * T[2, 1])
               - T[0, 1] * (T[1, 0] * T[2, 2] - T[1, 2] * T[2, 0])
               + T[0, 2] * (T[1, 0] * T[2, 1] - T[1, 1] * T[2, 0]))
        if det < 0.0:
            return n, 4, det
    return -1, 0, 0.0


@njit(cache=True)
def config_flags_batch(Q, p, off, sgn, out):
    """:func:`config_flags` of every row of ``Q`` (N, 6) into ``out`` (N, 3)."""
    for n in range(Q.shape[0]):
        config_flags(Q[n], p, off, sgn, out[n])


@njit(cache=True)
def singularity_measures_batch(Q, p, off, sgn, out):
    """:func:`singularity_measures` of every row of ``Q`` (N, 6) into ``out`` (N, 3)."""
    for n in range(Q.shape[0]):
        singularity_measures(Q[n], p, off, sgn, out[n])


@njit(cache=True)
def jacobian_batch(Q, p, off, sgn, T_ft, out):
    """:func:`jacobian` of every row of ``Q`` (N, 6) into ``out`` (N, 6, 6)."""
    for n in range(Q.shape[0]):
        jacobian(Q[n], p, off, sgn, T_ft, out[n])
