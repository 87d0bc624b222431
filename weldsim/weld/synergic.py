"""The synergic line: wire feed speed, melting rate and the current at the actual stick-out.

The melting rate of a solid steel wire is ``MR = WFS · A_w = α I + β L I²`` (mm³/s): an arc
(anode) term and a resistive term of the stick-out ``L`` (Lesnewich's form). ``α`` is the same
for every diameter; ``β`` scales as ``1 / A_w`` (resistive heat ∝ ``L I² / A_w``). The constants
in :mod:`weldsim.weld._kernels` give WFS = I / 37 m/min for 1.2 mm wire at 270 A and 15 mm
stick-out, with 35 % of the melting from the stick-out; the same constants then give about
I / 25 for 1.0 mm wire (welding.md: about I / 27), I / 21 for 0.9 mm and I / 54 for 1.4 mm.

A synergic power source sets the wire feed from the set current at the nominal stick-out; the
wire then feeds at that speed whatever the torch does, so a longer CTWD melts the same wire with
less current (about 3.6 A per mm at 270 A, close to the practitioners' 20 A per 1/4 inch).
"""

from __future__ import annotations

import math

import numpy as np

from weldsim.weld import _kernels as K
from weldsim.weld.conditions import WIRE_DIAMETERS_MM, WeldConditions, WeldInputError

__all__ = [
    "DEPOSITION_EFFICIENCY",
    "current_at_ctwd_a",
    "melting_rate_mm3_s",
    "wire_area_mm2",
    "wire_coefficients",
    "wire_feed_m_min",
]

DEPOSITION_EFFICIENCY: dict[str, float] = {"CO2": 0.92, "MAG": 0.97, "MIG": 0.98}
"""Share of the melted wire that stays in the weld (the rest is spatter and fume), by gas.
welding.md gives 0.95–1.0 for solid wire; CO2's globular transfer spatters more."""


def wire_area_mm2(diameter_mm: float) -> float:
    """Cross-section of the wire (mm²)."""
    _check_wire(diameter_mm)
    return math.pi * diameter_mm * diameter_mm / 4.0


def wire_coefficients(diameter_mm: float) -> tuple[float, float]:
    """``(α, β)`` of the melting rate: mm³/(A·s) and mm³/(A²·s·mm)."""
    area = wire_area_mm2(diameter_mm)
    return K.ALPHA_MM3_AS, K.BETA_12_MM3_A2SMM * wire_area_mm2(1.2) / area


def melting_rate_mm3_s(current_a: float, stickout_mm: float, diameter_mm: float) -> float:
    """Wire melted per second (mm³/s) at a current and stick-out."""
    _check_positive(current_a=current_a, stickout_mm=stickout_mm)
    alpha, beta = wire_coefficients(diameter_mm)
    return float(K.melting_rate(current_a, stickout_mm, alpha, beta))


def wire_feed_m_min(conditions: WeldConditions) -> float:
    """Wire feed speed (m/min): the explicit one, else the synergic line at the set current."""
    if conditions.wire_feed_m_min is not None:
        return conditions.wire_feed_m_min
    mr = melting_rate_mm3_s(conditions.current_a, conditions.stickout_mm,
                            conditions.wire_diameter_mm)
    return mr / wire_area_mm2(conditions.wire_diameter_mm) * 60.0 / 1000.0


def current_at_ctwd_a(conditions: WeldConditions, ctwd_mm):
    """Current (A) the wire draws at a CTWD (mm, scalar or array) with the set wire feed."""
    alpha, beta = wire_coefficients(conditions.wire_diameter_mm)
    mr = wire_feed_m_min(conditions) * 1000.0 / 60.0 * wire_area_mm2(conditions.wire_diameter_mm)
    ctwd = np.asarray(ctwd_mm, dtype=np.float64)
    if not np.all(np.isfinite(ctwd)) or np.any(ctwd <= 0.0):
        raise WeldInputError("ctwd_mm must be finite and > 0")
    out = np.vectorize(lambda c: K.current_for_melting_rate(mr, c, alpha, beta))(ctwd)
    return float(out) if out.ndim == 0 else out


def _check_wire(diameter_mm: float) -> None:
    if diameter_mm not in WIRE_DIAMETERS_MM:
        raise WeldInputError(
            f"unknown wire: diameter {diameter_mm!r} mm; the model knows "
            f"{', '.join(str(d) for d in WIRE_DIAMETERS_MM)} mm solid wire")


def _check_positive(**values: float) -> None:
    for name, value in values.items():
        if not (isinstance(value, (int, float)) and math.isfinite(value) and value > 0.0):
            raise WeldInputError(f"{name} must be a finite number > 0, got {value!r}")
