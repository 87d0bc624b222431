"""Heat input (EN 1011-1), cooling time t8/5 (EN 1011-2) and the fusion-size bound.

Scalar wrappers of the formulas the bead kernel uses, for reports and tests. Heat input
``Q = k U I / v`` in kJ/mm with ``k`` = 0.8 for MAG/MIG. The cooling time is the larger of the
3-D (thick plate) and 2-D (thin plate) formulas, which is the one EN 1011-2 would pick on the
right side of the transition thickness; shape factors by joint type are in :data:`SHAPE_FACTORS`.
"""

from __future__ import annotations

import math

from weldsim.weld import _kernels as K
from weldsim.weld.conditions import JointGeometry, WeldInputError

__all__ = [
    "K_PROCESS",
    "SHAPE_FACTORS",
    "cooling_time_t85_s",
    "fusion_radius_mm",
    "heat_input_kj_mm",
]

K_PROCESS: dict[str, float] = {"MAG": 0.8, "MIG": 0.8, "CO2": 0.8, "SAW": 1.0, "TIG": 0.6}
"""Thermal efficiency factor k of EN 1011-1 by process (all GMAW gases are 0.8)."""

SHAPE_FACTORS: dict[str, tuple[float, float]] = {
    "fillet_t": (0.45, 0.67),
    "fillet_pipe_plate": (0.45, 0.67),
    "fillet_lap": (0.45, 0.67),
    "butt_v": (1.0, 1.0),
    "butt_square": (1.0, 1.0),
    "bead_on_plate": (1.0, 1.0),
}
"""``(F2, F3)`` of EN 1011-2 by joint: fillet in a T-joint F2 = 0.45–0.67 (the low end, which
gives the shorter, safer-side cooling time), F3 = 0.67; a single-run butt weld as a bead on
plate, 1.0. The lap joint uses the T-joint values (not listed separately)."""


def heat_input_kj_mm(voltage_v: float, current_a: float, speed_mm_s: float,
                     k: float = 0.8) -> float:
    """Heat input ``k U I / v`` (kJ/mm)."""
    _positive(voltage_v=voltage_v, current_a=current_a, speed_mm_s=speed_mm_s, k=k)
    return float(K.heat_input_kj_mm(k, voltage_v, current_a, speed_mm_s))


def cooling_time_t85_s(heat_input: float, geometry: JointGeometry) -> float:
    """t8/5 (s) of a heat input (kJ/mm) in a joint, with its preheat and shape factors.

    The 2-D formula uses the lower plate's thickness ``t1_mm``.
    """
    _positive(heat_input=heat_input)
    f2, f3 = SHAPE_FACTORS[geometry.joint]
    return float(K.t85_s(heat_input, geometry.preheat_c, geometry.t1_mm, f2, f3))


def fusion_radius_mm(voltage_v: float, current_a: float, speed_mm_s: float,
                     preheat_c: float = 20.0) -> float:
    """Upper bound of the fused radius of a fast moving point source (mm), arc efficiency 0.84.

    ``r² = (2 / (π e)) · (q / v) / (ρc (T_m − T0))`` with ρc = 4.4e-3 J/(mm³ K) (welding.md
    writes 4.4 J/(mm³ K), which is the value per cm³) and T_m = 1500 °C.
    """
    _positive(voltage_v=voltage_v, current_a=current_a, speed_mm_s=speed_mm_s)
    return float(K.fusion_radius_mm(K.ETA_ARC * voltage_v * current_a, speed_mm_s, preheat_c))


def _positive(**values: float) -> None:
    for name, value in values.items():
        if not (isinstance(value, (int, float)) and math.isfinite(value) and value > 0.0):
            raise WeldInputError(f"{name} must be a finite number > 0, got {value!r}")
