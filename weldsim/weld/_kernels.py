"""Numba kernels of the weld process model: plain functions of arrays, no objects, no I/O.

The public wrappers (:mod:`weldsim.weld.synergic`, :mod:`weldsim.weld.thermal`,
:mod:`weldsim.weld.bead`, :mod:`weldsim.weld.imperfections`) check their inputs and call these;
the kernels do not. Every kernel is compiled once with ``cache=True``; the plain Python function
stays reachable as ``kernel.py_func``.

Units: mm, mm², mm³/s, A, V, mm/s, s, °C, kJ/mm, degrees for angles in arrays.

The model works on a regular grid along the seam (bins of ``bin_mm``): :func:`bin_samples`
collects the time the arc spends on each bin and the time-weighted torch parameters there,
:func:`pool_speed` averages the time over the weld pool's length (so a stop at the arc start or
an overlap where a restart runs over the bead adds metal, and a single slow sample does not make
a blob), :func:`bead_grid` computes the bead of each bin and :func:`imperfection_sizes` the size
and dominant cause of each imperfection type in each bin.

Model constants below are calibrated in ``tests/weld/test_calibration.py`` against the Daihen
CO2 horizontal-fillet table and the ``t-fillet-2f`` WPS (table in ``weldsim/weld/README.md``).
"""

from __future__ import annotations

import math

import numpy as np

from weldsim._jit import njit

# --------------------------------------------------------------------------------------------
# model constants

#: Arc (anode) melting coefficient of solid steel wire, mm³/(A·s); the same for all diameters.
ALPHA_MM3_AS = 0.33120
#: Resistive (stick-out) melting coefficient of 1.2 mm wire, mm³/(A²·s·mm); it scales as
#: ``1 / wire area`` for the other diameters. With ALPHA it gives WFS = I/37 m/min at 270 A and
#: 15 mm stick-out, with 35 % of the melting from resistive heating of the stick-out.
BETA_12_MM3_A2SMM = 4.4034e-5
#: Flux-cored wire: its arc and stick-out melting coefficients are these multiples of a solid
#: wire's of the same diameter (the current runs in the thin sheath, so the arc melts more wire
#: per ampere; the flux core does not carry current). Fitted on the OTC flux-cored
#: horizontal-fillet table, rows of 6-9 mm legs, 1.2/1.4/1.6 mm (bench/validation.py).
FCW_ALPHA_FACTOR = 1.8
FCW_BETA_FACTOR = 0.5
#: Balanced arc voltage ``U_BAL_V0 + U_BAL_SLOPE * I`` (+ U_BAL_CO2_V with CO2): a bead at
#: this voltage is "normal"; higher = longer arc, wider and flatter.
U_BAL_V0 = 14.0
U_BAL_SLOPE_V_A = 0.05
U_BAL_CO2_V = 2.0
#: Face-shape law: kappa = extra face area / triangle area.
KAPPA_REF = 0.08          # at the balanced voltage, V_REF and +10 deg push
KAPPA_K_U = 0.25          # 1/V: exp(-K_U * (U - U_bal))
V_REF_MM_S = 7.0          # kappa grows as sqrt(v / V_REF)
KAPPA_PUSH = 0.02         # 1/deg: push flattens, drag narrows and raises the bead (welding.md
                          # section 2 "drag -> narrower, deeper; push -> wider, shallower")
KAPPA_WEAVE = 0.3         # weave reduction of kappa at full width (2*amp >= leg)
KAPPA_MIN = -0.15
KAPPA_MAX = 1.5
#: Leg split: the difference lower leg - web leg, in mm.
ASYM_AIM = 2.0            # per mm of aim (welding.md: a shift d changes the legs by about 2d)
#: per degree of work angle steeper than nominal. Direction: the arc pushes the metal onto the
#: plate it points at (TWI FAQ "effect of electrode angle", horizontal-vertical fillets);
#: size: manuals accept 30-60 degrees in a 2F T-joint (welding.md section 1), so 15 degrees
#: off must keep the legs within ISO 5817 level C (512: 2 + 0.15 a = 2.6 mm for a4): 0.15.
ASYM_ANGLE_MM_DEG = 0.15
ASYM_GRAV_MM_MM2 = 0.15   # PB: per mm² of deposit above SAG_AREA
SAG_AREA_MM2 = 26.0       # deposit above which a 2F pool sags (leg ~ 7 mm)
#: Penetration = C_P * fusion radius * sqrt(I / I_P_REF) * (angle, voltage, weave factors).
C_P = 0.35
I_P_REF_A = 270.0
P_PUSH = 0.012            # 1/deg: push is shallower, drag deeper (ref: +10 deg)
P_VOLT = 0.04             # 1/V above the balanced voltage
ETA_ARC = 0.84            # measured GMAW arc efficiency (DuPont & Marder 1995)
RHO_C_J_MM3K = 4.4e-3     # volumetric heat capacity of steel, J/(mm³ K)
T_MELT_C = 1500.0
#: Bead-on-plate width law (bead_width_mm): the fused width is 2 r_f (a 250 A, 27 V,
#: 40 cm/min bead: 11 mm) times (1 + W_U per volt above balance). Not calibrated on measured
#: beads (none found with their conditions); the direction of each effect is welding.md's.
W_C = 1.0
W_U = 0.03
#: Imperfection thresholds (heuristics calibrated to the windows of welding.md section 1).
UC_I_PER_LEG = 52.0       # A per mm of leg above which the arc digs toes it cannot fill
UC_K = 0.05               # mm of undercut per A/mm above UC_I_PER_LEG
UC_VOLT = 0.12            # mm per V above U_bal + 2 V
UC_ANGLE = 0.02           # mm per deg of work-angle error beyond 10 deg
UC_WEAVE = 0.8            # mm per unit of weave width beyond half the face, no dwell
POR_CTWD_MM = 20.0        # gas cover lost beyond this CTWD
POR_K = 0.8               # mm of pore diameter per unit of lost gas cover
LOF_P_MIN = 0.5           # mm of fusion the root needs
LOF_AIM = 0.8             # mm of fusion lost per mm of aim off the root
LOF_P_NOM = 2.0           # mm: the penetration of a sound WPS (used to name the cause)
RIDE_AREA_MM2 = 45.0      # deposit above which the pool runs ahead of the arc
RIDE_K = 0.05             # mm of lack of fusion per mm² above RIDE_AREA
#: Overlap (ISO 6520 5061, cold lap at the lower toe) in the horizontal positions (PB, PD):
#: a pool larger than one pass can hold rolls over the lower plate unfused. AWS D1.1's largest
#: prequalified single-pass horizontal fillet is 8 mm (5/16 in, 34.6 mm² with a normal face);
#: the roll-over starts a little before, at OV_AREA (a 7.2 mm leg), and grows by OV_K mm of
#: unfused toe per mm² (heuristic sized so a 40 % too slow travel at the t-fillet-2f current
#: reaches level D).
OV_AREA_MM2 = 28.0
OV_K = 0.12
#: Sagging (ISO 6520 509) in PB: the web leg lost to gravity, half the gravity leg split.
SAG_SHARE = 0.5
#: Top-toe undercut from the pool's weight in PB: mm per mm² above SAG_AREA.
UC_POOL = 0.04
#: The voltage share of undercut starts this many volts above the balanced voltage.
UC_VOLT_ONSET_V = 1.5
HUMP_RATIO = 1.5          # humping above 1.5x the programmed speed (heuristic)
HUMP_J_A_MM2 = 200.0      # ... with a current density above this (1.2 mm: 226 A)

# joint codes (scal[S_JOINT])
J_T, J_LAP, J_PIPE, J_BUTT_V, J_BUTT_SQ, J_PLATE = 0, 1, 2, 3, 4, 5
# position codes (scal[S_POS]): PA .. PG
P_PA, P_PB, P_PC, P_PD, P_PE, P_PF, P_PG = 0, 1, 2, 3, 4, 5, 6

# scalar inputs of bead_grid / imperfection_sizes
S_MR = 0          # melting rate set by the wire feed (mm³/s)
S_ALPHA = 1
S_BETA = 2
S_WIRE_AREA = 3   # mm²
S_ETA_DEP = 4     # deposition efficiency
S_U = 5           # V
S_U_OFF = 6       # V added to the balanced voltage (gas)
S_T0 = 7          # °C
S_T1 = 8
S_T2 = 9
S_GAP = 10
S_BEVEL = 11      # rad
S_JOINT = 12
S_POS = 13
S_WA_NOM = 14     # deg
S_BACKING = 15
S_ROOT_FACE = 16
S_K_PROC = 17     # EN 1011-1 thermal efficiency k
S_F2 = 18
S_F3 = 19
S_D_2D = 20       # plate thickness of the 2-D cooling formula (mm)
S_V_SET = 21      # programmed speed (mm/s)
S_FLOW = 22       # gas flow (L/min)
S_CO2 = 23        # 1.0 with CO2
S_A_NOM = 24      # nominal throat (mm)
N_SCAL = 25

# per-bin parameters from bin_samples (rows of ``par``)
B_CTWD, B_WA, B_TA, B_LAT, B_VERT, B_AMP, B_FREQ, B_DWELL, B_SPEED = range(9)
N_PAR = 9

# bead rows (rows of ``out`` of bead_grid)
(R_SPEED, R_CURRENT, R_DEPOSIT, R_LEG1, R_LEG2, R_THROAT, R_WIDTH, R_CONVEX, R_PEN, R_TOE1,
 R_TOE2, R_Q, R_T85, R_KAPPA, R_ASYM_AIM, R_ASYM_ANGLE, R_ASYM_GRAV, R_DU) = range(18)
N_ROWS = 18

# imperfection types (rows of ``h`` of imperfection_sizes)
(I_UNDERCUT, I_POROSITY, I_LOF, I_BURN, I_HUMP, I_CONVEX, I_THROAT_LOW, I_THROAT_HIGH, I_ASYM,
 I_SPATTER, I_OVERLAP, I_SAG) = range(12)
N_TYPES = 12


# --------------------------------------------------------------------------------------------
# synergic line and thermal formulas (scalar)


@njit(cache=True)
def melting_rate(current_a, stickout_mm, alpha, beta):
    """Wire melting rate ``alpha I + beta L I²`` (mm³/s)."""
    return alpha * current_a + beta * stickout_mm * current_a * current_a


@njit(cache=True)
def current_for_melting_rate(mr_mm3_s, stickout_mm, alpha, beta):
    """Current (A) that melts ``mr_mm3_s`` at stick-out ``stickout_mm``: the positive root."""
    bl = beta * stickout_mm
    if bl <= 0.0:
        return mr_mm3_s / alpha
    return 2.0 * mr_mm3_s / (alpha + math.sqrt(alpha * alpha + 4.0 * bl * mr_mm3_s))


@njit(cache=True)
def heat_input_kj_mm(k_proc, voltage_v, current_a, speed_mm_s):
    """EN 1011-1 heat input ``k U I / v`` (kJ/mm)."""
    return k_proc * voltage_v * current_a / speed_mm_s * 1e-3


@njit(cache=True)
def t85_s(q_kj_mm, t0_c, d_mm, f2, f3):
    """EN 1011-2 cooling time 800 -> 500 °C (s): the larger of the 3-D and 2-D formulas."""
    t3 = (6700.0 - 5.0 * t0_c) * q_kj_mm * (1.0 / (500.0 - t0_c) - 1.0 / (800.0 - t0_c)) * f3
    a = 1.0 / (500.0 - t0_c)
    b = 1.0 / (800.0 - t0_c)
    t2 = (4300.0 - 4.3 * t0_c) * 1e5 * (q_kj_mm * q_kj_mm / (d_mm * d_mm)) * (a * a - b * b) * f2
    return t3 if t3 > t2 else t2


@njit(cache=True)
def fusion_radius_mm(q_w, speed_mm_s, t0_c):
    """Fusion radius bound of a fast moving point source (mm).

    ``r² = 2/(pi e) (q/v) / (rho c (T_m - T0))``.
    """
    return math.sqrt(2.0 / (math.pi * math.e) * (q_w / speed_mm_s)
                     / (RHO_C_J_MM3K * (T_MELT_C - t0_c)))


@njit(cache=True)
def bead_width_mm(voltage_v, current_a, speed_mm_s, du_v, t0_c):
    """Width of a bead on plate (mm): the fused width of the arc's heat, widened by a long arc.

    ``w = W_C · 2 r_f · (1 + W_U ΔU)`` with ``r_f`` the fusion-radius bound of
    :func:`fusion_radius_mm` (``∝ √(U I / v)``: wider with voltage and current, narrower with
    speed) and ``ΔU`` the voltage above the balanced one (the arc spreads with its length).
    """
    rf = fusion_radius_mm(ETA_ARC * voltage_v * current_a, speed_mm_s, t0_c)
    return W_C * 2.0 * rf * _clip(1.0 + W_U * du_v, 0.6, 1.6)


@njit(cache=True)
def _clip(x, lo, hi):
    return lo if x < lo else (hi if x > hi else x)


# --------------------------------------------------------------------------------------------
# samples -> grid


@njit(cache=True)
def _add_span(a, b, dt, vals, s0, bin_mm, nb, time, length, acc):
    """Spread a segment [a, b] of duration dt over the bins it crosses."""
    lo = a if a < b else b
    hi = b if a < b else a
    span = hi - lo
    i0 = math.floor((lo - s0) / bin_mm)
    i1 = math.floor((hi - s0) / bin_mm)
    if i0 < 0:
        i0 = 0
    if i1 > nb - 1:
        i1 = nb - 1
    for i in range(i0, i1 + 1):
        if span > 0.0:
            x0 = s0 + i * bin_mm
            x1 = x0 + bin_mm
            ov = (hi if hi < x1 else x1) - (lo if lo > x0 else x0)
            if ov <= 0.0:
                continue
            frac = ov / span
        else:
            ov = 0.0
            frac = 1.0
        w = dt * frac
        time[i] += w
        length[i] += ov
        for k in range(vals.shape[0]):
            acc[k, i] += (w + 1e-12) * vals[k]
        acc[N_PAR, i] += w + 1e-12


@njit(cache=True)
def bin_samples(s, t, has_t, speed, ctwd, wa, ta, lat, vert, amp, freq, dwell, on, s0, bin_mm,
                nb):
    """Time on each bin and the time-weighted torch parameters there.

    Parameters
    ----------
    s, t, speed, ctwd, wa, ta, lat, vert, amp, freq, dwell : ndarray, shape (N,)
        Sample arrays (``t`` ignored unless ``has_t``).
    on : ndarray, shape (N,), bool
        Welding arc on.
    s0, bin_mm : float
        Start of bin 0 and bin width (mm).
    nb : int
        Number of bins.

    Returns
    -------
    time : ndarray, shape (nb,)
        Arc time spent on each bin (s).
    par : ndarray, shape (N_PAR, nb)
        Time-weighted means of CTWD, work angle, travel angle, aim lateral, aim vertical,
        weave amplitude, frequency, dwell and speed; NaN where the arc never burned.
    """
    n = s.shape[0]
    time = np.zeros(nb)
    length = np.zeros(nb)
    acc = np.zeros((N_PAR + 1, nb))
    vals = np.empty(N_PAR)
    for i in range(n - 1):
        if not (on[i] and on[i + 1]):
            continue
        ds = s[i + 1] - s[i]
        if has_t:
            dt = t[i + 1] - t[i]
        else:
            v = 0.5 * (speed[i] + speed[i + 1])
            dt = abs(ds) / v if v > 1e-9 else 0.0
        vals[B_CTWD] = 0.5 * (ctwd[i] + ctwd[i + 1])
        vals[B_WA] = 0.5 * (wa[i] + wa[i + 1])
        vals[B_TA] = 0.5 * (ta[i] + ta[i + 1])
        vals[B_LAT] = 0.5 * (lat[i] + lat[i + 1])
        vals[B_VERT] = 0.5 * (vert[i] + vert[i + 1])
        vals[B_AMP] = 0.5 * (amp[i] + amp[i + 1])
        vals[B_FREQ] = 0.5 * (freq[i] + freq[i + 1])
        vals[B_DWELL] = 0.5 * (dwell[i] + dwell[i + 1])
        vals[B_SPEED] = 0.5 * (speed[i] + speed[i + 1])
        _add_span(s[i], s[i + 1], dt, vals, s0, bin_mm, nb, time, length, acc)
    par = np.empty((N_PAR, nb))
    for i in range(nb):
        w = acc[N_PAR, i]
        for k in range(N_PAR):
            par[k, i] = acc[k, i] / w if (w > 0.0 and time[i] > 0.0) else np.nan
    return time, par


@njit(cache=True)
def pool_speed(time, bin_mm, half_window):
    """Effective travel speed of each bin (mm/s): covered length / arc time over the pool.

    The window is ``2 * half_window + 1`` bins centred on each bin; only bins where the arc
    burned count toward its length. NaN where the arc never burned.
    """
    nb = time.shape[0]
    ct = np.zeros(nb + 1)
    cl = np.zeros(nb + 1)
    for i in range(nb):
        ct[i + 1] = ct[i] + time[i]
        cl[i + 1] = cl[i] + (bin_mm if time[i] > 0.0 else 0.0)
    v = np.empty(nb)
    for i in range(nb):
        if time[i] <= 0.0:
            v[i] = np.nan
            continue
        lo = i - half_window
        hi = i + half_window + 1
        if lo < 0:
            lo = 0
        if hi > nb:
            hi = nb
        v[i] = (cl[hi] - cl[lo]) / (ct[hi] - ct[lo])
    return v


# --------------------------------------------------------------------------------------------
# the bead


@njit(cache=True)
def bead_grid(v_eff, par, scal):
    """The bead of each bin.

    Parameters
    ----------
    v_eff : ndarray, shape (nb,)
        Effective travel speed (mm/s), NaN where not welded.
    par : ndarray, shape (N_PAR, nb)
        Torch parameters of each bin (:func:`bin_samples`).
    scal : ndarray, shape (N_SCAL,)
        Conditions and joint (``S_*`` indices).

    Returns
    -------
    out : ndarray, shape (N_ROWS, nb)
        ``R_*`` rows; NaN where not welded. Fillets: leg 1 on the lower plate, leg 2 on the web.
        Butt joints: legs NaN, convexity = excess weld metal (negative = underfill), throat =
        filled depth.
    """
    nb = v_eff.shape[0]
    out = np.full((N_ROWS, nb), np.nan)
    mr = scal[S_MR]
    alpha = scal[S_ALPHA]
    beta = scal[S_BETA]
    u = scal[S_U]
    t0 = scal[S_T0]
    joint = int(scal[S_JOINT])
    pos = int(scal[S_POS])
    fillet = joint <= J_PIPE
    deg = math.pi / 180.0
    for i in range(nb):
        v = v_eff[i]
        if not (v > 0.0):
            continue
        ctwd = par[B_CTWD, i]
        ta = par[B_TA, i]
        amp = par[B_AMP, i]
        cur = current_for_melting_rate(mr, ctwd, alpha, beta)
        area = scal[S_ETA_DEP] * mr / v
        du = u - (U_BAL_V0 + U_BAL_SLOPE_V_A * cur + scal[S_U_OFF])
        # face shape
        kappa = (KAPPA_REF * math.exp(-KAPPA_K_U * du) * math.sqrt(v / V_REF_MM_S)
                 * _clip(1.0 - KAPPA_PUSH * (ta - 10.0), 0.3, 2.0))
        if pos == P_PA:
            kappa *= 0.9
        elif pos == P_PF or pos == P_PE or pos == P_PD:
            kappa *= 1.4
        elif pos == P_PG:
            kappa *= 0.8
        z0 = math.sqrt(2.0 * area)
        kappa -= KAPPA_WEAVE * _clip(2.0 * amp / z0, 0.0, 1.0)
        kappa = _clip(kappa, KAPPA_MIN, KAPPA_MAX)
        # penetration
        q_w = ETA_ARC * u * cur
        rf = fusion_radius_mm(q_w, v, t0)
        pen = (C_P * rf * math.sqrt(cur / I_P_REF_A)
               * _clip(1.0 - P_PUSH * (ta - 10.0), 0.5, 1.5)
               * _clip(1.0 - P_VOLT * du, 0.3, 1.5)
               / (1.0 + amp / rf))
        if pos == P_PF:
            pen *= 1.1
        elif pos == P_PG:
            pen *= 0.75
        if fillet:
            zsq = 2.0 * area / (1.0 + kappa)
            d_aim = ASYM_AIM * (par[B_LAT, i] - par[B_VERT, i])
            d_ang = ASYM_ANGLE_MM_DEG * (par[B_WA, i] - scal[S_WA_NOM])
            d_grav = 0.0
            if pos == P_PB and area > SAG_AREA_MM2:
                d_grav = ASYM_GRAV_MM_MM2 * (area - SAG_AREA_MM2)
            delta = d_aim + d_ang + d_grav
            zm = math.sqrt(zsq + 0.25 * delta * delta)
            z1 = zm + 0.5 * delta
            z2 = zm - 0.5 * delta
            if joint == J_LAP and z2 > scal[S_T2]:
                z2 = scal[S_T2]
                z1 = zsq / z2
            width = math.sqrt(z1 * z1 + z2 * z2)
            convex = 1.5 * kappa * (0.5 * z1 * z2) / width
            throat = 0.5 * math.sqrt(2.0) * (z1 if z1 < z2 else z2)
            tilt = math.atan(4.0 * convex / width) / deg
            toe1 = 180.0 - math.atan2(z2, z1) / deg - tilt
            toe2 = 180.0 - math.atan2(z1, z2) / deg - tilt
            out[R_LEG1, i] = z1
            out[R_LEG2, i] = z2
            out[R_ASYM_AIM, i] = d_aim
            out[R_ASYM_ANGLE, i] = d_ang
            out[R_ASYM_GRAV, i] = d_grav
        elif joint == J_PLATE:
            # bead on plate: the width law, a parabolic reinforcement on top of the plate
            width = bead_width_mm(u, cur, v, du, t0) + 2.0 * amp
            convex = 1.5 * area / width
            throat = scal[S_T1]
            tilt = math.atan(4.0 * convex / width) / deg
            toe1 = 180.0 - tilt
            toe2 = toe1
        else:
            t = scal[S_T1]
            gap = scal[S_GAP]
            depth = t - scal[S_ROOT_FACE] if joint == J_BUTT_V else 0.0
            tanb = math.tan(scal[S_BEVEL]) if joint == J_BUTT_V else 0.0
            groove = gap * t + depth * depth * tanb
            width = gap + 2.0 * depth * tanb + 3.0 + 2.0 * amp
            convex = 1.5 * (area - groove) / width
            throat = t + (convex if convex < 0.0 else 0.0)
            tilt = math.atan(4.0 * (convex if convex > 0.0 else 0.0) / width) / deg
            toe1 = 180.0 - tilt
            toe2 = toe1
        q = heat_input_kj_mm(scal[S_K_PROC], u, cur, v)
        out[R_SPEED, i] = v
        out[R_CURRENT, i] = cur
        out[R_DEPOSIT, i] = area
        out[R_THROAT, i] = throat
        out[R_WIDTH, i] = width
        out[R_CONVEX, i] = convex
        out[R_PEN, i] = pen
        out[R_TOE1, i] = toe1
        out[R_TOE2, i] = toe2
        out[R_Q, i] = q
        out[R_T85, i] = t85_s(q, t0, scal[S_D_2D], scal[S_F2], scal[S_F3])
        out[R_KAPPA, i] = kappa
        out[R_DU, i] = du
    return out


# --------------------------------------------------------------------------------------------
# imperfections


@njit(cache=True)
def _pos(x):
    return x if x > 0.0 else 0.0


@njit(cache=True)
def _argmax4(a, b, c, d):
    k = 0
    m = a
    if b > m:
        k, m = 1, b
    if c > m:
        k, m = 2, c
    if d > m:
        k = 3
    return k


@njit(cache=True)
def _argmax5(a, b, c, d, e):
    k = _argmax4(a, b, c, d)
    m = (a, b, c, d)[k]
    return 4 if e > m else k


@njit(cache=True)
def imperfection_sizes(bead, par, scal):
    """Size ``h`` (mm) and dominant cause of each imperfection type in each bin.

    Parameters
    ----------
    bead : ndarray, shape (N_ROWS, nb)
        Output of :func:`bead_grid`.
    par : ndarray, shape (N_PAR, nb)
        Torch parameters of each bin.
    scal : ndarray, shape (N_SCAL,)
        Conditions and joint.

    Returns
    -------
    h : ndarray, shape (N_TYPES, nb)
        Governing size (mm) of each ``I_*`` type; 0 where absent or not welded.
    cause : ndarray, shape (N_TYPES, nb), int64
        Index of the dominant cause in the type's cause list (see
        :data:`weldsim.weld.imperfections.CAUSES`); -1 where absent.
    """
    nb = bead.shape[1]
    h = np.zeros((N_TYPES, nb))
    cause = np.full((N_TYPES, nb), -1, dtype=np.int64)
    joint = int(scal[S_JOINT])
    fillet = joint <= J_PIPE
    t1 = scal[S_T1]
    thin = t1 if t1 < scal[S_T2] else scal[S_T2]
    gap = scal[S_GAP]
    a_nom = scal[S_A_NOM]
    flow = scal[S_FLOW]
    pos = int(scal[S_POS])
    for i in range(nb):
        v = bead[R_SPEED, i]
        if not (v > 0.0):
            continue
        cur = bead[R_CURRENT, i]
        area = bead[R_DEPOSIT, i]
        width = bead[R_WIDTH, i]
        pen = bead[R_PEN, i]
        du = bead[R_DU, i]
        ctwd = par[B_CTWD, i]
        ta = par[B_TA, i]
        wa_err = abs(par[B_WA, i] - scal[S_WA_NOM])
        amp = par[B_AMP, i]
        if fillet:
            z = math.sqrt(bead[R_LEG1, i] * bead[R_LEG2, i])
        else:
            z = math.sqrt(2.0 * area)
        # undercut: arc too strong for the bead (fast / high current), voltage, angle, weave,
        # and in PB the pool's weight pulling the metal off the web toe
        horizontal = pos == P_PB or pos == P_PD
        c0 = UC_K * _pos(cur / z - UC_I_PER_LEG)
        c1 = UC_VOLT * _pos(du - UC_VOLT_ONSET_V)
        c2 = UC_ANGLE * _pos(wa_err - 10.0)
        dwell = par[B_DWELL, i]
        c3 = UC_WEAVE * _pos(2.0 * amp / width - 0.5) * _clip(1.0 - dwell / 0.1, 0.0, 1.0)
        # the pool the travel makes: a restart over the bead or a stop adds metal that the
        # excess throat reports, not a bigger moving pool
        v_meas = par[B_SPEED, i]
        pool = area * v / v_meas if v_meas > v else area
        c4 = UC_POOL * _pos(pool - SAG_AREA_MM2) if (fillet and horizontal) else 0.0
        hu = c0 + c1 + c2 + c3 + c4
        if hu > 0.0:
            h[I_UNDERCUT, i] = hu if hu < 3.0 else 3.0
            cause[I_UNDERCUT, i] = _argmax5(c0, c1, c2, c3, c4)
        # overlap (cold lap) at the lower toe and sagging: the pool outgrows one pass
        if fillet and horizontal:
            # at a normal travel speed (V_REF) would the wire feed fit one pass? then the
            # travel is too slow for the current; else the current (wire feed) is too high
            slow = area * v / V_REF_MM_S <= OV_AREA_MM2
            ho = OV_K * _pos(pool - OV_AREA_MM2)
            if ho > 0.0:
                h[I_OVERLAP, i] = ho
                cause[I_OVERLAP, i] = 1 if slow else 0
            hs = SAG_SHARE * ASYM_GRAV_MM_MM2 * _pos(pool - SAG_AREA_MM2) if pos == P_PB else 0.0
            if hs > 0.0:
                h[I_SAG, i] = hs
                cause[I_SAG, i] = 1 if slow else 0
        # porosity: gas cover lost
        g0 = _pos((ctwd - POR_CTWD_MM) / 4.0)
        g1 = _pos((10.0 - flow) / 3.0) + _pos((flow - 25.0) / 5.0)
        g2 = _pos((abs(ta) - 20.0) / 5.0)
        g3 = _pos((v - 20.0) / 5.0)
        g = g0 + g1 + g2 + g3
        if g > 0.0:
            d = POR_K * g  # grows from nothing with the loss of gas cover (no cliff)
            h[I_POROSITY, i] = d if d < 4.0 else 4.0
            cause[I_POROSITY, i] = _argmax4(g0, g1, g2, g3)
        # lack of fusion: aim off the root, too little penetration, pool riding ahead
        lat = par[B_LAT, i]
        vert = par[B_VERT, i]
        if fillet:
            # the wire axis's miss of the root line across the joint: the aim is the shift of
            # the wire axis from the root, lateral across the lower plate and vertical up the
            # web; a torch moved 1 mm across reads (1, 0) or, as the seam's oblique frame
            # splits it, (0.5, -0.5): both have lat - vert = 1, which is all the bead sees
            r = abs(lat - vert) * 0.7071067811865476
            need = LOF_P_MIN + LOF_AIM * r
            got = pen
        else:
            r = abs(lat)
            req = t1 if joint == J_BUTT_SQ else (scal[S_ROOT_FACE] if scal[S_ROOT_FACE] > LOF_P_MIN
                                                 else LOF_P_MIN)
            need = req + LOF_AIM * _pos(r - 0.5 * gap)
            got = pen + 0.5 * gap
        f_aim = _pos(need - got)
        ride = RIDE_K * _pos(area - RIDE_AREA_MM2)
        hl = f_aim + ride
        if hl > 0.0:
            h[I_LOF, i] = hl
            aim_share = LOF_AIM * r - (LOF_P_NOM - LOF_P_MIN)
            heat_share = LOF_P_NOM - pen
            if ride > f_aim:
                cause[I_LOF, i] = 2
            elif aim_share >= heat_share:
                cause[I_LOF, i] = 0
            else:
                cause[I_LOF, i] = 1
        # burn-through: thin plate, deep penetration, wide gap
        if fillet:
            limit = 0.9 * thin * (1.3 if scal[S_BACKING] > 0.5 else 1.0)
        else:
            limit = 1.6 * t1 * (1.4 if scal[S_BACKING] > 0.5 else 1.0)
        hb = _pos(pen + 1.5 * gap - limit)
        if hb > 0.0:
            h[I_BURN, i] = hb
            cause[I_BURN, i] = 1 if 1.5 * gap > 0.5 * limit else 0
        # humping (heuristic): far above the programmed speed with a high current density
        ratio = v / scal[S_V_SET]
        if ratio > HUMP_RATIO and cur / scal[S_WIRE_AREA] > HUMP_J_A_MM2:
            hh = 2.0 * (ratio - HUMP_RATIO)
            cap = 0.5 * z
            h[I_HUMP, i] = hh if hh < cap else cap
            cause[I_HUMP, i] = 0
        # face shape and size
        conv = bead[R_CONVEX, i]
        if conv > 0.0:
            h[I_CONVEX, i] = conv
            w_volt = -KAPPA_K_U * du
            w_fast = 0.5 * math.log(v / V_REF_MM_S)
            w_drag = math.log(_clip(1.0 - KAPPA_PUSH * (ta - 10.0), 0.3, 2.0))
            cause[I_CONVEX, i] = _argmax4(w_volt, w_fast, w_drag, -1e9)
        dth = a_nom - bead[R_THROAT, i]
        # the leg at a normal travel speed (V_REF): when that leg would fit the drawing, the
        # speed is the cause (even when the job programs the wrong speed), else the wire feed
        z_set = z * math.sqrt(v / V_REF_MM_S)
        if dth > 0.0:
            h[I_THROAT_LOW, i] = dth
            if fillet:
                zmin = bead[R_LEG1, i] if bead[R_LEG1, i] < bead[R_LEG2, i] else bead[R_LEG2, i]
                unequal = 1.0 - zmin / z
            else:
                unequal = 0.0
            cause[I_THROAT_LOW, i] = _argmax4(
                0.5 * math.log(v / V_REF_MM_S), unequal,
                1.0 - 0.5 * math.sqrt(2.0) * z_set / a_nom, -1.0)
        elif dth < 0.0:
            h[I_THROAT_HIGH, i] = -dth
            v_meas = par[B_SPEED, i]
            stop = math.log(v_meas / v) if v_meas > v else 0.0
            cause[I_THROAT_HIGH, i] = _argmax4(
                0.5 * math.log(V_REF_MM_S / v), 0.5 * math.sqrt(2.0) * z_set / a_nom - 1.0,
                stop, -1.0)
        sp0 = _pos((ctwd - 22.0) / 5.0) + _pos((10.0 - ctwd) / 3.0)
        sp1 = _pos((abs(ta) - 20.0) / 5.0)
        sp2 = _pos((du - 3.0) / 2.0)
        sp3 = _pos((-du - 3.0) / 2.0)
        sp = (sp0 + sp1 + sp2 + sp3) * (1.3 if scal[S_CO2] > 0.5 else 1.0)
        if sp > 0.0:
            h[I_SPATTER, i] = 0.4 * sp  # grows from nothing
            cause[I_SPATTER, i] = _argmax4(sp0, sp1, sp2, sp3)
        if fillet:
            h[I_ASYM, i] = abs(bead[R_LEG1, i] - bead[R_LEG2, i])
            cause[I_ASYM, i] = _argmax4(abs(bead[R_ASYM_AIM, i]), abs(bead[R_ASYM_ANGLE, i]),
                                        abs(bead[R_ASYM_GRAV, i]), -1.0)
    return h, cause
