"""The bead along the seam: deposit, legs, throat, face, penetration, heat input and cooling.

:func:`simulate_bead` turns the weld conditions, the joint and the torch samples into a
:class:`Bead` on a regular grid along the seam (bins of ``bin_mm``, 0.5 mm by default):

1. the arc time on each bin and the time-weighted torch parameters there
   (:func:`weldsim.weld._kernels.bin_samples`);
2. the effective travel speed: covered length over arc time within one weld-pool length
   (``pool_mm``), so a stop at the arc start or a restart over the bead adds metal where it
   happens without making a point blob;
3. per bin (:func:`weldsim.weld._kernels.bead_grid`):

   * current from the set wire feed and the actual CTWD (:mod:`weldsim.weld.synergic`);
   * deposited area ``A = η_d · WFS · A_w / v`` (η_d by gas);
   * face shape ``κ`` (extra face area over the flat triangle): larger with low voltage, fast
     travel and drag, smaller with high voltage, push and weaving;
   * legs ``z1 z2 = 2 A / (1 + κ)`` with the difference ``z1 − z2`` from the aim
     (2 mm per mm), the work angle (0.18 mm per degree steeper) and, in PB, sagging onto the
     lower plate once the deposit exceeds 26 mm²; throat ``a = 0.707 · min(z1, z2)`` (the
     largest inscribed isosceles triangle), face width ``√(z1² + z2²)``, convexity
     ``1.5 κ (z1 z2 / 2) / b`` (parabolic face), toe angles;
   * penetration: the fusion-radius bound scaled by 0.35 · √(I / 270 A), less with push,
     high voltage and weaving, more with drag;
   * heat input (EN 1011-1, k = 0.8) and t8/5 (EN 1011-2).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from weldsim.weld import _kernels as K
from weldsim.weld.conditions import (
    JOINT_TYPES,
    POSITIONS,
    JointGeometry,
    WeldConditions,
    WeldInputError,
    WeldSamples,
)
from weldsim.weld.synergic import (
    deposition_efficiency,
    wire_area_mm2,
    wire_coefficients,
    wire_feed_m_min,
)
from weldsim.weld.thermal import K_PROCESS, SHAPE_FACTORS

__all__ = ["Bead", "BeadSummary", "design_throat_for_leg_mm", "nominal_throat_mm", "simulate_bead"]

_ROW_NAMES = {
    "speed_mm_s": K.R_SPEED,
    "current_a": K.R_CURRENT,
    "deposit_mm2": K.R_DEPOSIT,
    "leg_lower_mm": K.R_LEG1,
    "leg_upper_mm": K.R_LEG2,
    "throat_mm": K.R_THROAT,
    "face_width_mm": K.R_WIDTH,
    "convexity_mm": K.R_CONVEX,
    "penetration_mm": K.R_PEN,
    "toe_angle_lower_deg": K.R_TOE1,
    "toe_angle_upper_deg": K.R_TOE2,
    "heat_input_kj_mm": K.R_Q,
    "t85_s": K.R_T85,
}


@dataclass(frozen=True, slots=True)
class BeadSummary:
    """Means over the welded length (NaN when nothing was welded).

    Attributes
    ----------
    welded_length_mm : float
        Length of seam the arc covered (mm).
    wire_feed_m_min : float
        Wire feed speed (m/min).
    current_a, deposit_mm2, leg_lower_mm, leg_upper_mm, throat_mm, face_width_mm, convexity_mm,
    penetration_mm, heat_input_kj_mm, t85_s : float
        Means of the :class:`Bead` arrays of the same names.
    design_throat_mm : float
        The nominal throat ``a`` the imperfections are judged against (mm).
    """

    welded_length_mm: float
    wire_feed_m_min: float
    current_a: float
    deposit_mm2: float
    leg_lower_mm: float
    leg_upper_mm: float
    throat_mm: float
    face_width_mm: float
    convexity_mm: float
    penetration_mm: float
    heat_input_kj_mm: float
    t85_s: float
    design_throat_mm: float


@dataclass(frozen=True, eq=False)
class Bead:
    """The simulated bead on a grid along the seam. Arrays are read-only, NaN where not welded.

    Attributes
    ----------
    s_mm : ndarray, shape (M,)
        Centre of each grid bin along the seam (mm).
    bin_mm : float
        Bin width (mm).
    welded : ndarray, shape (M,), bool
        The welding arc burned on the bin.
    arc_time_s : ndarray, shape (M,)
        Arc time spent on the bin (s).
    rows : ndarray, shape (N_ROWS, M)
        All model outputs (``weldsim.weld._kernels.R_*``); the named arrays are views of it:
        ``speed_mm_s`` (effective travel speed over the pool), ``current_a``, ``deposit_mm2``,
        ``leg_lower_mm`` (on the lower plate, lateral), ``leg_upper_mm`` (on the web, vertical),
        ``throat_mm``, ``face_width_mm``, ``convexity_mm`` (negative = concave; excess weld
        metal for butt joints), ``penetration_mm``, ``toe_angle_lower_deg``,
        ``toe_angle_upper_deg``, ``heat_input_kj_mm``, ``t85_s``. Legs are NaN for butt joints.
    params : ndarray, shape (N_PAR, M)
        Time-weighted torch parameters per bin (``weldsim.weld._kernels.B_*``).
    scal : ndarray, shape (N_SCAL,)
        The conditions and joint as the kernels see them.
    summary : BeadSummary
    """

    s_mm: np.ndarray
    bin_mm: float
    welded: np.ndarray
    arc_time_s: np.ndarray
    rows: np.ndarray
    params: np.ndarray
    scal: np.ndarray
    summary: BeadSummary

    def __post_init__(self) -> None:
        for name in ("s_mm", "welded", "arc_time_s", "rows", "params", "scal"):
            getattr(self, name).setflags(write=False)

    def __getattr__(self, name: str) -> np.ndarray:
        row = _ROW_NAMES.get(name)
        if row is None:
            raise AttributeError(f"Bead has no attribute {name!r}")
        return self.rows[row]

    def __dir__(self):
        return [*super().__dir__(), *_ROW_NAMES]

    @property
    def s0_mm(self) -> float:
        """Start of the first bin (mm)."""
        return float(self.s_mm[0] - 0.5 * self.bin_mm) if self.s_mm.size else 0.0

    def bin_index(self, s_mm) -> np.ndarray:
        """Index of the bin holding each seam position (clipped to the grid)."""
        idx = np.floor((np.asarray(s_mm, dtype=np.float64) - self.s0_mm) / self.bin_mm)
        return np.clip(idx, 0, max(self.s_mm.size - 1, 0)).astype(np.int64)


def _scalars(conditions: WeldConditions, geometry: JointGeometry, a_nom: float) -> np.ndarray:
    d = conditions.wire_diameter_mm
    alpha, beta = wire_coefficients(d, conditions.wire_kind)
    area = wire_area_mm2(d)
    f2, f3 = SHAPE_FACTORS[geometry.joint]
    scal = np.zeros(K.N_SCAL)
    scal[K.S_MR] = wire_feed_m_min(conditions) * 1000.0 / 60.0 * area
    scal[K.S_ALPHA] = alpha
    scal[K.S_BETA] = beta
    scal[K.S_WIRE_AREA] = area
    scal[K.S_ETA_DEP] = deposition_efficiency(conditions.wire_kind, conditions.gas)
    scal[K.S_U] = conditions.voltage_v
    scal[K.S_U_OFF] = K.U_BAL_CO2_V if conditions.gas == "CO2" else 0.0
    scal[K.S_T0] = geometry.preheat_c
    scal[K.S_T1] = geometry.t1_mm
    scal[K.S_T2] = geometry.t2_mm
    scal[K.S_GAP] = geometry.gap_mm
    scal[K.S_BEVEL] = math.radians(geometry.bevel_deg)
    scal[K.S_JOINT] = JOINT_TYPES.index(geometry.joint)
    scal[K.S_POS] = POSITIONS.index(geometry.position)
    scal[K.S_WA_NOM] = geometry.work_angle_deg
    scal[K.S_BACKING] = 1.0 if geometry.backing else 0.0
    scal[K.S_ROOT_FACE] = geometry.root_face_mm
    scal[K.S_K_PROC] = K_PROCESS[conditions.gas]
    scal[K.S_F2] = f2
    scal[K.S_F3] = f3
    scal[K.S_D_2D] = geometry.t1_mm
    scal[K.S_V_SET] = conditions.speed_mm_s
    scal[K.S_FLOW] = conditions.gas_flow_l_min
    scal[K.S_CO2] = 1.0 if conditions.gas == "CO2" else 0.0
    scal[K.S_A_NOM] = a_nom
    return scal


def _nominal_params(conditions: WeldConditions, geometry: JointGeometry) -> np.ndarray:
    par = np.zeros((K.N_PAR, 1))
    par[K.B_CTWD] = conditions.stickout_mm
    par[K.B_WA] = geometry.work_angle_deg
    par[K.B_TA] = 10.0
    par[K.B_SPEED] = conditions.speed_mm_s
    return par


def design_throat_for_leg_mm(leg_mm: float, step_mm: float = 0.5) -> float:
    """The throat ``a`` a drawing gives for an equal-leg fillet: ``0.707 · leg``, rounded down.

    Drawings give ``a`` in steps (a3, a4, a5 ...); the 6 mm legs of the t-fillet-2f WPS are
    ``a = 4.24`` mm, drawn as a4. Judging a weld against the exact WPS throat would fail a
    weld made at the WPS's own speed limit.
    """
    if not (isinstance(leg_mm, (int, float)) and math.isfinite(leg_mm) and leg_mm > 0.0):
        raise WeldInputError(f"leg_mm must be a finite number > 0, got {leg_mm!r}")
    if not (isinstance(step_mm, (int, float)) and math.isfinite(step_mm) and step_mm > 0.0):
        raise WeldInputError(f"step_mm must be a finite number > 0, got {step_mm!r}")
    a = 0.5 * math.sqrt(2.0) * leg_mm
    return max(step_mm, math.floor(a / step_mm + 1e-9) * step_mm)


def nominal_throat_mm(conditions: WeldConditions, geometry: JointGeometry) -> float:
    """The nominal throat ``a`` (mm): the drawing's, else the WPS bead's (fillets) or ``t1``.

    The WPS bead is the one the conditions give at the programmed speed, nominal work angle,
    +10 degrees push, zero aim and CTWD = stick-out.
    """
    if geometry.design_throat_mm is not None:
        return geometry.design_throat_mm
    if not geometry.is_fillet:
        return geometry.t1_mm
    scal = _scalars(conditions, geometry, 1.0)
    out = K.bead_grid(np.array([conditions.speed_mm_s]), _nominal_params(conditions, geometry),
                      scal)
    return float(out[K.R_THROAT, 0])


def simulate_bead(conditions: WeldConditions, geometry: JointGeometry, samples: WeldSamples, *,
                  bin_mm: float = 0.5, pool_mm: float = 10.0) -> Bead:
    """Simulate the bead a weld leaves along the seam.

    Parameters
    ----------
    conditions : WeldConditions
    geometry : JointGeometry
    samples : WeldSamples
        The torch along the seam while welding.
    bin_mm : float
        Grid step along the seam (mm), 0.05–5.
    pool_mm : float
        Length over which the weld pool averages the deposit (mm), >= bin_mm.

    Returns
    -------
    Bead
        On a grid from ``min(0, first welded position)`` to the last welded position.

    Raises
    ------
    WeldInputError
        Wrong argument types or a grid parameter out of range.
    """
    if not isinstance(conditions, WeldConditions):
        raise WeldInputError(
            f"conditions must be a WeldConditions, got {type(conditions).__name__}")
    if not isinstance(geometry, JointGeometry):
        raise WeldInputError(f"geometry must be a JointGeometry, got {type(geometry).__name__}")
    if not isinstance(samples, WeldSamples):
        raise WeldInputError(f"samples must be a WeldSamples, got {type(samples).__name__}")
    if not (math.isfinite(bin_mm) and 0.05 <= bin_mm <= 5.0):
        raise WeldInputError(f"bin_mm must be in [0.05, 5], got {bin_mm!r}")
    if not (math.isfinite(pool_mm) and bin_mm <= pool_mm <= 100.0):
        raise WeldInputError(f"pool_mm must be in [bin_mm, 100], got {pool_mm!r}")
    a_nom = nominal_throat_mm(conditions, geometry)
    scal = _scalars(conditions, geometry, a_nom)
    on = samples.arc_on
    s_on = samples.s_mm[on]
    lo = min(0.0, float(s_on.min())) if s_on.size else 0.0
    hi = max(0.0, float(s_on.max())) if s_on.size else 0.0
    s0 = math.floor(lo / bin_mm) * bin_mm
    nb = max(1, math.ceil((hi - s0) / bin_mm))
    n = len(samples)
    dwell = samples.weave_dwell_s if samples.weave_dwell_s is not None else np.zeros(n)
    has_t = samples.t_s is not None
    t = samples.t_s if has_t else np.zeros(n)
    time, par = K.bin_samples(samples.s_mm, t, has_t, samples.speed_mm_s, samples.ctwd_mm,
                              samples.work_angle_deg, samples.travel_angle_deg,
                              samples.aim_lateral_mm, samples.aim_vertical_mm,
                              samples.weave_amp_mm, samples.weave_freq_hz, dwell, on, s0, bin_mm,
                              nb)
    half = max(0, round(0.5 * pool_mm / bin_mm))
    v_eff = K.pool_speed(time, bin_mm, half)
    rows = K.bead_grid(v_eff, par, scal)
    welded = time > 0.0
    s_mid = s0 + (np.arange(nb) + 0.5) * bin_mm
    return Bead(s_mm=s_mid, bin_mm=float(bin_mm), welded=welded, arc_time_s=time, rows=rows,
                params=par, scal=scal,
                summary=_summary(rows, welded, bin_mm, wire_feed_m_min(conditions), a_nom))


def _summary(rows: np.ndarray, welded: np.ndarray, bin_mm: float, wfs: float,
             a_nom: float) -> BeadSummary:
    def mean(row: int) -> float:
        vals = rows[row, welded]
        vals = vals[np.isfinite(vals)]
        return float(vals.mean()) if vals.size else math.nan

    return BeadSummary(
        welded_length_mm=float(np.count_nonzero(welded)) * bin_mm,
        wire_feed_m_min=float(wfs),
        current_a=mean(K.R_CURRENT),
        deposit_mm2=mean(K.R_DEPOSIT),
        leg_lower_mm=mean(K.R_LEG1),
        leg_upper_mm=mean(K.R_LEG2),
        throat_mm=mean(K.R_THROAT),
        face_width_mm=mean(K.R_WIDTH),
        convexity_mm=mean(K.R_CONVEX),
        penetration_mm=mean(K.R_PEN),
        heat_input_kj_mm=mean(K.R_Q),
        t85_s=mean(K.R_T85),
        design_throat_mm=float(a_nom),
    )
