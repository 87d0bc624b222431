"""Imperfections along the seam, with the ISO 5817 level each meets, and the bead score.

:func:`find_imperfections` evaluates every imperfection kind on the bead's grid
(:func:`weldsim.weld._kernels.imperfection_sizes`), merges the flagged bins into stretches,
grades each stretch against :mod:`weldsim.weld.iso5817` (short or long, with the plate
thickness ``t``, the nominal throat ``a`` and the local face width ``b``) and names its
dominant cause. An imperfection is **data**: kind, ISO 6520-1 number, where it is (along the
seam and on the cross-section), its size, the ISO 5817 limit of each level, the cause key and
the driving parameters. Its words live in the catalogue (``weld.po``, keys
``imperfection.<kind>.title|cause.<cause>|fix.<cause>``); :mod:`weldsim.weld.messages` builds
the :class:`weldsim.i18n.Message` of each.

Reported is every stretch whose size exceeds what an inspector sees (:data:`VISIBLE_MM`),
whatever level it meets, so that sizes grow smoothly with their cause; the level decides
pass/fail. Spatter is reported but not graded (``level`` None, ``graded`` False).

Drivers of each kind (thresholds in :mod:`weldsim.weld._kernels`):

* ``undercut`` (5011 continuous / 5012 intermittent; in PB at the web's top toe): current per
  mm of leg above 52 A/mm (too fast, or too much current for the bead), voltage > 1.5 V above
  balance, work angle more than 10 degrees off, weave wider than half the face without edge
  dwell, and in PB a pool above 26 mm² pulling the metal off the web toe;
* ``overlap`` (5061, cold lap at the lower toe; PB and PD): the deposit beyond what one
  horizontal pass holds (28 mm², a 7.2 mm leg; AWS D1.1's largest prequalified single-pass
  horizontal fillet is 8 mm), cause ``too_slow`` when the programmed speed would have kept the
  pool in one pass, else ``pool_too_big``;
* ``sagging`` (509, PB): half the leg split the pool's weight makes (deposit above 26 mm²);
* ``porosity`` (2017): CTWD > 20 mm, gas flow outside 10–25 L/min, travel angle beyond
  ±20 degrees, travel faster than 20 mm/s; pore diameter 0.8 mm per unit of excess (seen from
  0.2 mm);
* ``lack_of_fusion`` (401; 402 incomplete root penetration for butt joints): penetration below
  0.5 mm + 0.8 mm per mm of aim off the root, or pool riding (deposit > 45 mm²);
* ``burn_through`` (510): penetration + 1.5 × gap above 0.9 × the thinner plate (fillets) or
  1.6 t (butt), more with backing;
* ``humping`` (511, heuristic): faster than 1.5 × the programmed speed with a current density
  above 200 A/mm² — no single published threshold exists;
* ``excess_convexity`` (503; 502 excess weld metal for butt), ``insufficient_throat``
  (5213; 511 for butt), ``excess_throat`` (5214), ``leg_asymmetry`` (512): from the bead;
* ``end_crater`` (2025): at every arc end not re-melted by a later start; depth 0.25 × leg,
  reduced by the metal the crater fill adds; the crater holds the pool's metal, about 0.21 s of
  the wire's melting rate (set so that 180 A for 0.5 s fills the crater of every bead in the
  t-fillet-2f WPS window; a slow or weaving travel does not make the pool under the arc bigger);
* ``incomplete_weld`` (graded as 5213 with h = a): seam stretches longer than
  ``max_unwelded_mm`` the arc never covered;
* ``spatter`` (not ISO 5817): CTWD outside 10–22 mm, travel angle beyond ±20 degrees, voltage
  more than 3 V off balance, ×1.3 with CO2.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from weldsim.weld import _kernels as K
from weldsim.weld.bead import Bead
from weldsim.weld.conditions import JointGeometry, WeldConditions, WeldInputError, WeldSamples
from weldsim.weld.iso5817 import (
    LEVEL_CODES,
    LIMITS,
    level_codes,
    level_name,
    limit_mm,
    short_flags,
)
from weldsim.weld.synergic import melting_rate_mm3_s

__all__ = [
    "CAUSES",
    "CONVEX_NORMAL",
    "KINDS",
    "LEVEL_SCORES",
    "LOCATIONS",
    "VISIBLE_MM",
    "Imperfection",
    "bead_score",
    "find_imperfections",
    "level_profile",
    "weld_level",
]

KINDS: tuple[str, ...] = (
    "undercut", "overlap", "sagging", "porosity", "lack_of_fusion", "burn_through", "humping",
    "excess_convexity", "insufficient_throat", "excess_throat", "leg_asymmetry", "end_crater",
    "incomplete_weld", "spatter",
)
"""Every imperfection kind, in report order."""

CAUSES: dict[str, tuple[str, ...]] = {
    # the order of each tuple is the kernel's cause index
    "undercut": ("arc_too_strong", "voltage_high", "work_angle", "weave_no_dwell",
                 "pool_too_big"),
    "overlap": ("pool_too_big", "too_slow"),
    "sagging": ("pool_too_big", "too_slow"),
    "porosity": ("ctwd_long", "gas_flow", "travel_angle", "too_fast"),
    "lack_of_fusion": ("aim_off_root", "low_heat", "pool_riding"),
    "burn_through": ("current_high_slow", "gap_wide"),
    "humping": ("too_fast",),
    "excess_convexity": ("voltage_low", "too_fast", "drag"),
    "insufficient_throat": ("too_fast", "legs_unequal", "bead_too_small"),
    "excess_throat": ("too_slow", "bead_too_large", "stop_or_overlap"),
    "leg_asymmetry": ("aim", "work_angle", "gravity"),
    "end_crater": ("no_crater_fill", "crater_fill_short"),
    "incomplete_weld": ("not_welded",),
    "spatter": ("ctwd", "travel_angle", "voltage_high", "voltage_low"),
}

LEVEL_SCORES: dict[int, float] = {3: 100.0, 2: 80.0, 1: 60.0, 0: 0.0}
"""Bead score of a stretch by the level code it meets (welding.md section 5)."""

_KERNEL_KINDS = {
    K.I_UNDERCUT: "undercut", K.I_POROSITY: "porosity", K.I_LOF: "lack_of_fusion",
    K.I_BURN: "burn_through", K.I_HUMP: "humping", K.I_CONVEX: "excess_convexity",
    K.I_THROAT_LOW: "insufficient_throat", K.I_THROAT_HIGH: "excess_throat",
    K.I_ASYM: "leg_asymmetry", K.I_SPATTER: "spatter", K.I_OVERLAP: "overlap",
    K.I_SAG: "sagging",
}
LOCATIONS: dict[str, str] = {
    "undercut": "toe_upper", "overlap": "toe_lower", "sagging": "face", "porosity": "face",
    "lack_of_fusion": "root", "burn_through": "root", "humping": "face",
    "excess_convexity": "face", "insufficient_throat": "face", "excess_throat": "face",
    "leg_asymmetry": "toes", "end_crater": "end", "incomplete_weld": "seam", "spatter": "plates",
}
"""Where on the cross-section each kind sits (fillets; butt-weld undercut is at the toes)."""
# size (mm) below which a kind not permitted at level B is not seen: a fillet gauge resolves
# about 0.3 mm of throat (ISO 5817's short-imperfection limit starts at 0.3 mm + 0.1 a), an
# inspector's eye a crater about 0.3 mm deep
VISIBLE_MM: dict[str, float] = {
    "undercut": 0.1, "overlap": 0.1, "sagging": 0.1, "porosity": 0.2, "lack_of_fusion": 0.05,
    "burn_through": 0.0, "humping": 0.1, "insufficient_throat": 0.3, "excess_throat": 0.5,
    "leg_asymmetry": 1.0, "end_crater": 0.3, "spatter": 0.1,
}
"""Size (mm) above which a kind is reported: what a fillet gauge, a weld gauge or the eye
resolves (ISO 5817's short-imperfection limit of 5213 starts at 0.3 mm + 0.1 a). Excess
convexity is reported when the face is more convex than the normal bead's (see
:data:`CONVEX_NORMAL`)."""
CONVEX_NORMAL = 1.2
"""Excess convexity is reported where the face-shape factor exceeds this multiple of the normal
bead's (balanced voltage, reference speed, 10 degrees push): low voltage, fast travel, drag."""
_DETECT = VISIBLE_MM
_FILLET_ONLY = {"excess_throat", "leg_asymmetry"}
_MERGE_GAP_MM = 2.0
_CRATER_DEPTH = 0.25  # crater depth per mm of leg without crater fill
_CRATER_POOL_S = 0.21  # crater volume = this many seconds of deposited wire (heuristic)

_PARAMS: dict[str, tuple[str, ...]] = {
    "undercut": ("speed_mm_s", "current_a", "voltage_v", "balanced_voltage_v", "work_angle_deg",
                 "weave_amp_mm", "deposit_mm2"),
    "overlap": ("speed_mm_s", "programmed_speed_mm_s", "current_a", "deposit_mm2",
                "one_pass_speed_mm_s", "leg_lower_mm"),
    "sagging": ("speed_mm_s", "programmed_speed_mm_s", "current_a", "deposit_mm2",
                "one_pass_speed_mm_s", "leg_lower_mm", "leg_upper_mm"),
    "porosity": ("ctwd_mm", "gas_flow_l_min", "travel_angle_deg", "speed_mm_s"),
    "lack_of_fusion": ("aim_lateral_mm", "aim_vertical_mm", "current_a", "speed_mm_s",
                       "penetration_mm", "heat_input_kj_mm"),
    "burn_through": ("current_a", "speed_mm_s", "penetration_mm", "gap_mm"),
    "humping": ("speed_mm_s", "programmed_speed_mm_s", "current_a"),
    "excess_convexity": ("voltage_v", "balanced_voltage_v", "current_a", "speed_mm_s",
                         "travel_angle_deg"),
    "insufficient_throat": ("speed_mm_s", "programmed_speed_mm_s", "current_a", "leg_lower_mm",
                            "leg_upper_mm", "throat_mm", "design_throat_mm"),
    "excess_throat": ("speed_mm_s", "programmed_speed_mm_s", "current_a", "leg_lower_mm",
                      "leg_upper_mm", "throat_mm", "design_throat_mm"),
    "leg_asymmetry": ("aim_lateral_mm", "aim_vertical_mm", "work_angle_deg", "leg_lower_mm",
                      "leg_upper_mm"),
    "spatter": ("ctwd_mm", "travel_angle_deg", "voltage_v", "balanced_voltage_v", "current_a"),
}
_PAR_ROWS = {"ctwd_mm": K.B_CTWD, "work_angle_deg": K.B_WA, "travel_angle_deg": K.B_TA,
             "aim_lateral_mm": K.B_LAT, "aim_vertical_mm": K.B_VERT, "weave_amp_mm": K.B_AMP}
_BEAD_ROWS = {"speed_mm_s": K.R_SPEED, "current_a": K.R_CURRENT, "penetration_mm": K.R_PEN,
              "heat_input_kj_mm": K.R_Q, "leg_lower_mm": K.R_LEG1, "leg_upper_mm": K.R_LEG2,
              "throat_mm": K.R_THROAT, "deposit_mm2": K.R_DEPOSIT}


@dataclass(frozen=True, slots=True)
class Imperfection:
    """One imperfection over a stretch of the seam: data, no words.

    Attributes
    ----------
    type : str
        One of :data:`KINDS` (also :attr:`kind`).
    iso5817 : str or None
        ISO 6520-1 reference number, the numbering ISO 5817 grades by (also :attr:`iso6520`);
        None for spatter.
    start_mm, end_mm : float
        Stretch along the seam (mm).
    size_mm : float
        Governing dimension ``h`` (mm): depth of undercut, pore diameter, height of
        convexity, throat shortfall or excess, leg difference, crater depth, lack-of-fusion
        height, ... (the largest in the stretch).
    level : str or None
        ISO 5817 level it meets, ``"B"``, ``"C"`` or ``"D"``; None when worse than D, or
        for spatter (not graded).
    graded : bool
        False for spatter, which ISO 5817 does not grade here.
    short : bool
        A short imperfection in the sense of ISO 5817.
    meets_required : bool
        The level is at least the required level (always True when not graded).
    cause : str
        Key of the dominant cause (see :data:`CAUSES`).
    location : str
        Where on the cross-section (:data:`LOCATIONS`): ``toe_upper`` (the web's toe),
        ``toe_lower``, ``toes``, ``face``, ``root``, ``end``, ``seam``, ``plates``.
    limits_mm : tuple of (str, float)
        ISO 5817 limit of ``size_mm`` at each level, ``(("B", ..), ("C", ..), ("D", ..))``,
        for the stretch's plate, throat and face width; 0.0 = not permitted at that level.
        Empty when not graded.
    parameters : tuple of (str, float)
        The driving parameter values over the stretch (means; unit in each name), and the
        values the model wants (``balanced_voltage_v``, ``one_pass_speed_mm_s``).
    """

    type: str
    iso5817: str | None
    start_mm: float
    end_mm: float
    size_mm: float
    level: str | None
    graded: bool
    short: bool
    meets_required: bool
    cause: str
    location: str = "face"
    limits_mm: tuple[tuple[str, float], ...] = ()
    parameters: tuple[tuple[str, float], ...] = ()

    @property
    def kind(self) -> str:
        """The imperfection kind (:data:`KINDS`)."""
        return self.type

    @property
    def iso6520(self) -> str | None:
        """ISO 6520-1 reference number."""
        return self.iso5817

    def limit_mm(self, level: str) -> float | None:
        """The ISO 5817 limit of :attr:`size_mm` at a level (0.0: not permitted; None: not
        graded)."""
        return dict(self.limits_mm).get(level)

    @property
    def length_mm(self) -> float:
        """Length of the stretch (mm)."""
        return self.end_mm - self.start_mm

    @property
    def params(self) -> dict[str, float]:
        """:attr:`parameters` as a dict."""
        return dict(self.parameters)

    @property
    def level_code(self) -> int:
        """3 B, 2 C, 1 D, 0 worse than D (spatter: 3)."""
        return LEVEL_CODES[self.level] if self.graded else 3


def _iso_number(kind: str, fillet: bool, short: bool) -> str | None:
    return {
        "undercut": "5012" if short else "5011",
        "overlap": "506",
        "sagging": "509",
        "porosity": "2017",
        "lack_of_fusion": "401" if fillet else "402",
        "burn_through": "510",
        "humping": "511",
        "excess_convexity": "503" if fillet else "502",
        "insufficient_throat": "5213" if fillet else "511",
        "excess_throat": "5214",
        "leg_asymmetry": "512",
        "end_crater": "2025",
        "incomplete_weld": "5213",
        "spatter": None,
    }[kind]


def _runs(flags: np.ndarray, max_gap: int) -> list[tuple[int, int]]:
    """Runs of True (inclusive bin ranges), joining runs separated by <= max_gap bins."""
    idx = np.flatnonzero(flags)
    if idx.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(idx) > max_gap + 1)
    starts = np.concatenate(([idx[0]], idx[breaks + 1]))
    ends = np.concatenate((idx[breaks], [idx[-1]]))
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def find_imperfections(bead: Bead, conditions: WeldConditions, geometry: JointGeometry,
                       samples: WeldSamples, seam_length_mm: float,
                       required_level: str = "C", *,
                       max_unwelded_mm: float = 3.0) -> list[Imperfection]:
    """The imperfections of a simulated weld, sorted by position.

    Parameters
    ----------
    bead : Bead
        From :func:`weldsim.weld.simulate_bead` with the same conditions, joint and samples.
    conditions : WeldConditions
    geometry : JointGeometry
    samples : WeldSamples
    seam_length_mm : float
        Length of the seam that must be welded, from 0 (mm).
    required_level : str
        ``"B"``, ``"C"`` or ``"D"``: sets :attr:`Imperfection.meets_required`.
    max_unwelded_mm : float
        Longest unwelded stretch that is not an incomplete weld (mm).

    Raises
    ------
    WeldInputError
        Bad seam length or level.
    """
    if not isinstance(bead, Bead):
        raise WeldInputError(f"bead must be a Bead, got {type(bead).__name__}")
    if not (isinstance(seam_length_mm, (int, float)) and math.isfinite(seam_length_mm)
            and seam_length_mm > 0.0):
        raise WeldInputError(f"seam_length_mm must be a finite number > 0, got {seam_length_mm!r}")
    if required_level not in ("B", "C", "D"):
        raise WeldInputError(f"required_level must be 'B', 'C' or 'D', got {required_level!r}")
    L = float(seam_length_mm)
    req = LEVEL_CODES[required_level]
    fillet = geometry.is_fillet
    t = geometry.thickness_mm if fillet else geometry.t1_mm
    a = bead.summary.design_throat_mm
    h_all, cause_all = K.imperfection_sizes(bead.rows, bead.params, bead.scal)
    width = np.nan_to_num(bead.face_width_mm, nan=0.0)
    inside = (bead.s_mm >= 0.0) & (bead.s_mm <= L) & bead.welded
    gap_bins = int(_MERGE_GAP_MM / bead.bin_mm)
    extra = {"voltage_v": conditions.voltage_v, "gas_flow_l_min": conditions.gas_flow_l_min,
             "programmed_speed_mm_s": conditions.speed_mm_s, "gap_mm": geometry.gap_mm,
             "design_throat_mm": a}
    found: list[Imperfection] = []

    def make(kind, start, end, size, code, short, cause, params, graded=True, width_mm=0.0):
        level = level_name(code) if graded else None
        number = _iso_number(kind, fillet, short)
        limits = ()
        if graded and number in LIMITS:
            limits = tuple(
                (lv, max(0.0, float(limit_mm(number, lv, t, a, float(width_mm), short))))
                for lv in ("B", "C", "D"))
        found.append(Imperfection(
            type=kind, iso5817=number, start_mm=float(start),
            end_mm=float(end), size_mm=float(size), level=level, graded=graded,
            short=bool(short), meets_required=(not graded) or code >= req, cause=cause,
            location=("toes" if kind == "undercut" and not fillet else LOCATIONS[kind]),
            limits_mm=limits, parameters=tuple((k, float(v)) for k, v in params.items())))

    for row, kind in _KERNEL_KINDS.items():
        if kind in _FILLET_ONLY and not fillet:
            continue
        h = h_all[row]
        graded = kind != "spatter"
        present = inside & (h > VISIBLE_MM.get(kind, 0.0))
        if kind == "excess_convexity":
            present &= bead.rows[K.R_KAPPA] > CONVEX_NORMAL * K.KAPPA_REF
        runs = _runs(present, gap_bins)
        if not runs:
            continue
        starts = np.array([max(0.0, bead.s_mm[i] - 0.5 * bead.bin_mm) for i, _ in runs])
        ends = np.array([min(L, bead.s_mm[j] + 0.5 * bead.bin_mm) for _, j in runs])
        shorts = short_flags(starts, ends, L)
        for (i, j), s0, s1, short in zip(runs, starts, ends, shorts, strict=True):
            sel = slice(i, j + 1)
            ok = present[sel]
            hs = h[sel][ok]
            if graded:
                number = _iso_number(kind, fillet, short)
                code = int(level_codes(number, hs, t, a, width[sel][ok], short=short).min())
            else:
                code = 0
            causes = cause_all[row, sel][ok]
            weights = np.bincount(np.maximum(causes, 0), weights=hs,
                                  minlength=len(CAUSES[kind]))
            cause = CAUSES[kind][int(np.argmax(weights))]
            params = {}
            for name in _PARAMS[kind]:
                if name in _PAR_ROWS:
                    params[name] = float(np.mean(bead.params[_PAR_ROWS[name], sel][ok]))
                elif name in _BEAD_ROWS:
                    params[name] = float(np.mean(bead.rows[_BEAD_ROWS[name], sel][ok]))
                elif name == "balanced_voltage_v":
                    cur = float(np.mean(bead.rows[K.R_CURRENT, sel][ok]))
                    params[name] = (K.U_BAL_V0 + K.U_BAL_SLOPE_V_A * cur
                                    + float(bead.scal[K.S_U_OFF]))
                elif name == "one_pass_speed_mm_s":
                    # the slowest travel at which the deposit stays within one horizontal pass
                    dep = bead.rows[K.R_DEPOSIT, sel][ok] * bead.rows[K.R_SPEED, sel][ok]
                    params[name] = float(np.mean(dep)) / K.OV_AREA_MM2
                else:
                    params[name] = extra[name]
            make(kind, s0, s1, hs.max(), code, short, cause, params, graded,
                 float(np.mean(width[sel][ok])))

    _end_craters(bead, conditions, geometry, samples, L, t, a, make)
    _unwelded(bead, L, a, max_unwelded_mm, make)
    found.sort(key=lambda imp: (imp.start_mm, KINDS.index(imp.type)))
    return found


def _end_craters(bead, conditions, geometry, samples, L, t, a, make) -> None:
    starts = np.asarray(samples.arc_start_mm, dtype=np.float64)
    for k, e in enumerate(samples.arc_end_mm):
        if not (0.0 <= e <= L + bead.bin_mm):
            continue
        near = np.flatnonzero(bead.welded & (np.abs(bead.s_mm - e) <= bead.bin_mm))
        if near.size == 0:
            continue
        i = int(near[np.argmin(np.abs(bead.s_mm[near] - e))])
        if geometry.is_fillet:
            z = math.sqrt(bead.leg_lower_mm[i] * bead.leg_upper_mm[i])
        else:
            z = math.sqrt(2.0 * bead.deposit_mm2[i])
        # a later arc start on the crater re-melts it
        later = starts[k + 1:] if k + 1 <= starts.size else starts[:0]
        if np.any(np.abs(later - e) <= z):
            continue
        crater_mm3 = _CRATER_POOL_S * bead.scal[K.S_ETA_DEP] * bead.scal[K.S_MR]
        if conditions.crater_time_s > 0.0:
            fill = (bead.scal[K.S_ETA_DEP] * conditions.crater_time_s
                    * melting_rate_mm3_s(conditions.crater_current_a, conditions.stickout_mm,
                                         conditions.wire_diameter_mm, conditions.wire_kind))
        else:
            fill = 0.0
        depth = _CRATER_DEPTH * z * max(0.0, 1.0 - fill / crater_mm3)
        if depth <= _DETECT["end_crater"]:
            continue
        start = starts[k] if k < starts.size else 0.0
        forward = e >= start
        s0, s1 = (e - z, e) if forward else (e, e + z)
        s0, s1 = max(0.0, s0), min(L, s1)
        code = int(level_codes("2025", np.array([depth]), t, a, 0.0, short=True)[0])
        cause = "no_crater_fill" if conditions.crater_time_s <= 0.0 else "crater_fill_short"
        make("end_crater", s0, s1, depth, code, True, cause,
             {"crater_time_s": conditions.crater_time_s,
              "crater_current_a": conditions.crater_current_a, "arc_end_mm": e})


def _unwelded(bead, L, a, max_unwelded_mm, make) -> None:
    # covered intervals of the seam, from the welded bins
    s0 = bead.s_mm - 0.5 * bead.bin_mm
    covered = [(max(0.0, s0[i]), min(L, s0[j] + bead.bin_mm))
               for i, j in _runs(bead.welded, 0)]
    x = 0.0
    holes = []
    for c0, c1 in covered:
        if c1 <= 0.0 or c0 >= L:
            continue
        if c0 > x:
            holes.append((x, c0))
        x = max(x, c1)
    if x < L:
        holes.append((x, L))
    for h0, h1 in holes:
        if h1 - h0 > max_unwelded_mm:
            make("incomplete_weld", h0, h1, a, 0, (h1 - h0) <= 25.0, "not_welded",
                 {"length_mm": h1 - h0})


def weld_level(imperfections) -> str | None:
    """The ISO 5817 level of the whole weld: the worst over its graded imperfections.

    ``"B"`` when there is none; None when any is worse than D.
    """
    code = min((imp.level_code for imp in imperfections if imp.graded), default=3)
    return level_name(code)


def level_profile(imperfections, seam_length_mm: float) -> tuple[np.ndarray, np.ndarray]:
    """Level along the seam: the worst graded imperfection covering each stretch.

    Returns
    -------
    edges_mm : ndarray, shape (K + 1,)
        Stretch boundaries from 0 to ``seam_length_mm`` (mm).
    codes : ndarray, shape (K,), int64
        Level code of each stretch (3 B, 2 C, 1 D, 0 worse).
    """
    L = float(seam_length_mm)
    if not (math.isfinite(L) and L > 0.0):
        raise WeldInputError(f"seam_length_mm must be a finite number > 0, got {seam_length_mm!r}")
    graded = [imp for imp in imperfections if imp.graded]
    points = {0.0, L}
    for imp in graded:
        points.update(min(max(p, 0.0), L) for p in (imp.start_mm, imp.end_mm))
    edges = np.array(sorted(points))
    codes = np.full(edges.size - 1, 3, dtype=np.int64)
    mids = 0.5 * (edges[:-1] + edges[1:])
    for imp in graded:
        inside = (mids >= imp.start_mm) & (mids <= imp.end_mm)
        codes[inside] = np.minimum(codes[inside], imp.level_code)
    return edges, codes


def bead_score(imperfections, seam_length_mm: float) -> float:
    """The bead score 0–100 (welding.md section 5).

    Each stretch of the seam scores by the worst level of the graded imperfections over it —
    B 100, C 80, D 60, worse 0 (no imperfection: 100) — and the score is the length-weighted
    mean over the seam.
    """
    edges, codes = level_profile(imperfections, seam_length_mm)
    scores = np.array([LEVEL_SCORES[int(c)] for c in codes])
    return float(np.sum(scores * np.diff(edges)) / (edges[-1] - edges[0]))
