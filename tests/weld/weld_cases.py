"""Weld test cases: the t-fillet-2f WPS, the T-joint, steady samples and a runner."""

from __future__ import annotations

import numpy as np

from weldsim.weld import (
    JointGeometry,
    WeldConditions,
    WeldSamples,
    find_imperfections,
    simulate_bead,
)

SEAM_MM = 300.0
WPS_SPEED_MM_S = 420.0 / 60.0  # 42 cm/min


def wps(**changes) -> WeldConditions:
    """The t-fillet-2f WPS: 1.2 mm solid wire, MAG, 270 A, 28 V, 42 cm/min, crater fill."""
    kw = dict(current_a=270.0, voltage_v=28.0, speed_mm_s=WPS_SPEED_MM_S, wire_diameter_mm=1.2,
              gas="MAG", gas_flow_l_min=15.0, crater_current_a=180.0, crater_voltage_v=22.0,
              crater_time_s=0.5, stickout_mm=15.0)
    kw.update(changes)
    return WeldConditions(**kw)


def tee(**changes) -> JointGeometry:
    """10 mm T-joint in PB; the drawing asks for a4 (the WPS's 6 mm legs give a = 4.24 mm)."""
    kw = dict(joint="fillet_t", t1_mm=10.0, t2_mm=10.0, work_angle_deg=45.0, position="PB",
              design_throat_mm=4.0)
    kw.update(changes)
    return JointGeometry(**kw)


def steady(length_mm: float = SEAM_MM, **changes) -> WeldSamples:
    """A steady weld at the WPS speed from the seam start (changes override the torch)."""
    kw = dict(speed_mm_s=WPS_SPEED_MM_S)
    kw.update(changes)
    return WeldSamples.constant(length_mm, **kw)


def run(conditions=None, geometry=None, samples=None, seam_mm: float = SEAM_MM,
        required_level: str = "C"):
    """Simulate and inspect a weld: ``(bead, imperfections)``."""
    conditions = conditions or wps()
    geometry = geometry or tee()
    samples = samples or steady()
    bead = simulate_bead(conditions, geometry, samples)
    return bead, find_imperfections(bead, conditions, geometry, samples, seam_mm, required_level)


def kinds(imperfections) -> set[str]:
    return {imp.type for imp in imperfections}




def varying(length_mm: float = SEAM_MM, *, speed=WPS_SPEED_MM_S, arc_off_after_mm=None,
            rate_hz: float = 250.0, **params) -> WeldSamples:
    """Samples of a weld whose torch parameters vary along the seam.

    ``speed`` and every keyword of :class:`WeldSamples` (``ctwd_mm=lambda s: ...``) may be a
    constant or a function of the seam position (mm). ``arc_off_after_mm`` ends the arc there.
    """
    def value(p, s):
        return float(p(s)) if callable(p) else float(p)

    defaults = dict(ctwd_mm=15.0, work_angle_deg=45.0, travel_angle_deg=10.0,
                    aim_lateral_mm=0.0, aim_vertical_mm=0.0, weave_amp_mm=0.0,
                    weave_freq_hz=0.0)
    defaults.update(params)
    dt = 1.0 / rate_hz
    s_list = [0.0]
    while s_list[-1] < length_mm:
        s_list.append(min(length_mm, s_list[-1] + value(speed, s_list[-1]) * dt))
    s = np.array(s_list)
    arrays = {k: np.array([value(p, x) for x in s]) for k, p in defaults.items()}
    on = np.ones(s.size, dtype=bool)
    if arc_off_after_mm is not None:
        on = s <= arc_off_after_mm
    return WeldSamples(s_mm=s, speed_mm_s=np.array([value(speed, x) for x in s]),
                       arc_on=on, t_s=np.arange(s.size) * dt, **arrays)


def within(s_mm: tuple[float, float], lo: float, hi: float):
    """A function of the seam position: ``hi`` inside [s_lo, s_hi), else ``lo``."""
    return lambda s: hi if s_mm[0] <= s < s_mm[1] else lo
