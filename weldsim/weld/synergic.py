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

Flux-cored wire carries the current in its steel sheath only, so it melts faster per ampere
than a solid wire of the same diameter: its coefficients are ``K.FCW_ALPHA_FACTOR`` and
``K.FCW_BETA_FACTOR`` times the solid wire's (fitted on the OTC flux-cored fillet table,
``docs/validation.md``).

Mass balance: the metal that stays in the weld is the wire melted times the deposition
efficiency (:data:`DEPOSITION_EFFICIENCY`), the rest is spatter, fume and (flux-cored) slag;
:func:`deposit_rate_mm3_s` is the single place where that product is taken.
"""

from __future__ import annotations

import math

import numpy as np

from weldsim.weld import _kernels as K
from weldsim.weld.conditions import WeldConditions, WeldInputError, check_wire

__all__ = [
    "DEPOSITION_EFFICIENCY",
    "current_at_ctwd_a",
    "deposit_rate_mm3_s",
    "deposition_efficiency",
    "melting_rate_mm3_s",
    "wire_area_mm2",
    "wire_coefficients",
    "wire_feed_m_min",
]

DEPOSITION_EFFICIENCY: dict[tuple[str, str], float] = {
    ("solid", "CO2"): 0.92, ("solid", "MAG"): 0.97, ("solid", "MIG"): 0.98,
    ("flux_cored", "CO2"): 0.82, ("flux_cored", "MAG"): 0.85, ("flux_cored", "MIG"): 0.85,
}
"""Share of the melted wire volume that stays in the weld, by wire kind and gas.

Solid wire: welding.md gives 0.95–1.0; CO2's globular transfer spatters more (0.92).
Flux-cored wire: the flux (about 15 % of the wire's volume) goes to slag and fume and a rutile
wire spatters a few per cent more, 0.82 in CO2 (the usual 80–85 % of the makers' data sheets;
the value is one of the two flux-cored constants calibrated on the OTC table)."""


def deposition_efficiency(wire_kind: str, gas: str) -> float:
    """The share of the melted wire that stays in the weld (:data:`DEPOSITION_EFFICIENCY`)."""
    try:
        return DEPOSITION_EFFICIENCY[(wire_kind, gas)]
    except KeyError:
        raise WeldInputError(f"no deposition efficiency for {wire_kind} wire in {gas}") from None


def wire_area_mm2(diameter_mm: float) -> float:
    """Cross-section of the wire (mm²)."""
    if not (isinstance(diameter_mm, (int, float)) and 0.5 <= diameter_mm <= 2.0):
        raise WeldInputError(f"wire diameter must be 0.5-2 mm, got {diameter_mm!r}")
    return math.pi * diameter_mm * diameter_mm / 4.0


def wire_coefficients(diameter_mm: float, wire_kind: str = "solid") -> tuple[float, float]:
    """``(α, β)`` of the melting rate: mm³/(A·s) and mm³/(A²·s·mm)."""
    check_wire(diameter_mm, wire_kind)
    area = wire_area_mm2(diameter_mm)
    alpha, beta = K.ALPHA_MM3_AS, K.BETA_12_MM3_A2SMM * wire_area_mm2(1.2) / area
    if wire_kind == "flux_cored":
        alpha, beta = K.FCW_ALPHA_FACTOR * alpha, K.FCW_BETA_FACTOR * beta
    return alpha, beta


def melting_rate_mm3_s(current_a: float, stickout_mm: float, diameter_mm: float,
                       wire_kind: str = "solid") -> float:
    """Wire melted per second (mm³/s) at a current and stick-out."""
    _check_positive(current_a=current_a, stickout_mm=stickout_mm)
    alpha, beta = wire_coefficients(diameter_mm, wire_kind)
    return float(K.melting_rate(current_a, stickout_mm, alpha, beta))


def wire_feed_m_min(conditions: WeldConditions) -> float:
    """Wire feed speed (m/min): the explicit one, else the synergic line at the set current."""
    if conditions.wire_feed_m_min is not None:
        return conditions.wire_feed_m_min
    mr = melting_rate_mm3_s(conditions.current_a, conditions.stickout_mm,
                            conditions.wire_diameter_mm, conditions.wire_kind)
    return mr / wire_area_mm2(conditions.wire_diameter_mm) * 60.0 / 1000.0


def deposit_rate_mm3_s(conditions: WeldConditions) -> float:
    """Weld metal deposited per second (mm³/s): wire volume fed × deposition efficiency."""
    wire = wire_feed_m_min(conditions) * 1000.0 / 60.0 * wire_area_mm2(conditions.wire_diameter_mm)
    return wire * deposition_efficiency(conditions.wire_kind, conditions.gas)


def current_at_ctwd_a(conditions: WeldConditions, ctwd_mm):
    """Current (A) the wire draws at a CTWD (mm, scalar or array) with the set wire feed."""
    alpha, beta = wire_coefficients(conditions.wire_diameter_mm, conditions.wire_kind)
    mr = wire_feed_m_min(conditions) * 1000.0 / 60.0 * wire_area_mm2(conditions.wire_diameter_mm)
    ctwd = np.asarray(ctwd_mm, dtype=np.float64)
    if not np.all(np.isfinite(ctwd)) or np.any(ctwd <= 0.0):
        raise WeldInputError("ctwd_mm must be finite and > 0")
    out = np.vectorize(lambda c: K.current_for_melting_rate(mr, c, alpha, beta))(ctwd)
    return float(out) if out.ndim == 0 else out


def _check_positive(**values: float) -> None:
    for name, value in values.items():
        if not (isinstance(value, (int, float)) and math.isfinite(value) and value > 0.0):
            raise WeldInputError(f"{name} must be a finite number > 0, got {value!r}")
