"""Numba kernels of the sim package: plain functions of arrays, compiled once with
``cache=True`` (the uncompiled function stays reachable as ``kernel.py_func`` for tests)."""

from __future__ import annotations

import math

import numpy as np
from numba import njit


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
